"""Extraction: one statement in, its people, organisations, posts and events out (pure functions)."""

from __future__ import annotations

import re

from ..model import Extraction, OrganisationMention, PersonMention, PostMention, Span, Statement, Tense
from .events import Context, find_events
from .organisations import find_organisations, lookup, organisation_kind, organisation_name
from .people import (
    find_people,
    find_posts,
    link_people_to_posts,
    post_for,
    roles_beside_names,
    speaker_mention,
)
from .text import Sentence, clause_bounds, slugify, split_sentences
from .time import find_time_mentions
from .triggers import FUTURE

__all__ = ["extract_statement"]


_SELF_REFERENCE = re.compile(r"^.*?\bmake an? (?:\w+ )?statement (?:on|about)\b", re.IGNORECASE | re.DOTALL)




def _clause_tense(clause: str) -> Tense:
    """Direction for dates without a year: future only when the clause says so ("will", "plan to");
    otherwise the past, since statements report what has happened ("I will make a statement on the
    explosion on Sunday" speaks of a past Sunday)."""
    return Tense.FUTURE if FUTURE.search(_SELF_REFERENCE.sub("", clause)) else Tense.PAST


_POSTISH = re.compile(r"^(?:Lord\s+)?(?:Chancellor|Secretary|Minister|Attorney|Solicitor|Advocate|Leader|Paymaster)\b")
_NOT_SUMMARY = re.compile(r"^(?:From:|Published|Updated|Volume|debated|Forum|---)|^[a-z_]+:\s")


def _summary_sentences(statement: Statement) -> list[Sentence]:
    """Summary prose before the body (a GOV.UK page's description), which can name events too."""
    out: list[Sentence] = []
    for s in split_sentences(statement.text, 0, statement.body_start):
        words = s.text.split()
        if len(words) < 8 or not s.text.rstrip().endswith(".") or _NOT_SUMMARY.search(s.text):
            continue
        if sum(1 for w in words if w[:1].islower()) < 5:
            continue
        # the summary starts after any title or label lines run into it
        start = s.end - len(s.text.split("\n")[-1])
        at = statement.text.rfind(statement.title, start, s.end) if statement.title else -1
        if at >= 0:
            start = at + len(statement.title)
        while start < s.end and statement.text[start] in " \t":
            start += 1
        out.append(Sentence(Span(start, s.end), statement.text[start : s.end]))
    return out


def _metadata_orgs(statement: Statement) -> list[OrganisationMention]:
    """The department named in the metadata, quoted where the metadata says it."""
    if not statement.department:
        return []
    key = lookup(statement.department) or slugify(statement.department)
    idx = statement.text.find(statement.department, 0, max(statement.body_start, 1))
    if idx < 0:
        idx = statement.text.find(statement.department)
    if idx < 0:
        return []
    span = Span(idx, idx + len(statement.department))
    return [
        OrganisationMention(
            key=key, name=organisation_name(key) or statement.department, span=span, kind=organisation_kind(key)
        )
    ]


def _corefer_people(people: list[PersonMention]) -> list[PersonMention]:
    """Partial names ("Sir John", "Abedi", "Lord Anderson") take the key of the full name before them."""
    out: list[PersonMention] = []
    full: list[PersonMention] = []
    for p in people:
        parts = p.name.split()
        if len(parts) == 1:
            match = next((f for f in reversed(full) if parts[0] in f.name.split()), None)
            if match is not None:
                p = PersonMention(
                    key=match.key,
                    name=match.name,
                    span=p.span,
                    prefixes=p.prefixes,
                    suffixes=p.suffixes,
                    post=p.post,
                    post_org=p.post_org,
                )
        else:
            full.append(p)
        out.append(p)
    return out


def extract_statement(statement: Statement) -> Extraction:
    """Everything one statement says, with spans over ``statement.text``."""
    text = statement.text
    start, end = statement.body_start, statement.body_end
    sentences = split_sentences(text, start, end)
    orgs = _metadata_orgs(statement) + find_organisations(statement, start, end)
    posts = find_posts(statement, start, end)
    blocked = [o.span for o in orgs] + [p[0] for p in posts]
    sentence_starts = {s.start for s in sentences}
    people = find_people(statement, start, end, blocked, sentence_starts)
    speaker = speaker_mention(statement)
    if speaker is not None:
        people = [p for p in people if not (p.span.start < speaker.span.end and speaker.span.start < p.span.end)]
    # Also read "The Home Secretary Yvette Cooper" style lines before the body (GOV.UK summaries).
    head_posts = find_posts(statement, 0, start)
    head_people = [
        p
        for p in find_people(statement, 0, start, [q[0] for q in head_posts], set())
        if speaker is not None and p.key == speaker.key
    ]
    people = _corefer_people(([speaker] if speaker else []) + head_people + people)
    times = []
    for s in sentences:
        for clause in clause_bounds(text, s):
            times.extend(
                find_time_mentions(
                    text, clause.start, clause.end, statement.date, _clause_tense(text[clause.start : clause.end])
                )
            )
    holders: list[PostMention] = link_people_to_posts(statement, people, posts + head_posts)
    seen = {(h.holder, h.key) for h in holders}
    for role in roles_beside_names(statement, people):
        if (role.holder, role.key) not in seen and not any(
            h.holder == role.holder and h.span.start <= role.span.start < h.span.end for h in holders
        ):
            seen.add((role.holder, role.key))
            holders.append(role)
    if speaker is not None and statement.role:
        # "The Lord Chancellor and Secretary of State for Justice": two posts, when each part is a post
        parts = [statement.role]
        halves = re.split(r"\s+and\s+(?=[A-Z])", statement.role, maxsplit=1)
        if len(halves) == 2 and all(post_for(h)[0] != slugify(h) or _POSTISH.search(h) for h in halves):
            parts = halves
        for part in parts:
            key, label, org = post_for(part)
            holders.append(PostMention(key=key, label=label, span=speaker.span, holder=speaker.key, organisation=org))
    officials = frozenset(h.holder for h in holders if h.holder) | ({speaker.key} if speaker else frozenset())
    ctx = Context(
        statement=statement, people=people, organisations=orgs, posts=posts, times=times, speaker=speaker,
        officials=officials,
    )
    events = find_events(ctx, _summary_sentences(statement) + sentences)
    holders.extend(ctx.new_posts)
    holders.extend(_chairs(statement, people, orgs))
    return Extraction(
        statement=statement, people=tuple(people), organisations=tuple(orgs), posts=tuple(holders), events=tuple(events)
    )


def _chairs(statement: Statement, people: list[PersonMention], orgs: list[OrganisationMention]) -> list[PostMention]:
    """ "chaired by X": X chairs the inquiry named nearby (or the one the title names)."""
    out: list[PostMention] = []
    text = statement.text
    pattern = r"\b(?:chaired by|(?:inquiry|review|panel)\s+(?:is|was|will be|has been)\s+(?:led|headed) by)\s+"
    for m in re.finditer(pattern, text[statement.body_start : statement.body_end], re.IGNORECASE):
        at = statement.body_start + m.end()
        person = next((p for p in people if at <= p.span.start <= at + 20), None)
        if person is None:
            continue
        named = [o for o in orgs if o.kind == "inquiry" and o.span.start < at]
        if named:
            inquiry = named[-1].name
        elif "Inquiry" in statement.title:
            inquiry = re.sub(r"^.*?(\b[\w' -]*Inquiry)\b.*$", r"\1", statement.title).strip()
        else:
            inquiry = "the inquiry"
        label = f"Chair of the {inquiry}" if not inquiry.startswith("the ") else f"Chair of {inquiry}"
        key, label, org = post_for(label)
        out.append(
            PostMention(
                key=key, label=label, span=Span(person.span.start, person.span.end), holder=person.key, organisation=org
            )
        )
    return out
