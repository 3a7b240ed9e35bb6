"""Events in a statement: triggers from the lexicon, filtering, in-statement coreference, participants.

The rules work on one sentence at a time and keep to the genre: an event noun counts when
something makes it a specific event (a governing verb, a name or possessive, a count, a date);
an event verb counts unless its clause is negated, generic or counterfactual.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..model import (
    EventMention,
    OrganisationMention,
    Participant,
    PersonMention,
    PostMention,
    Role,
    Span,
    Statement,
    Tense,
    TimeBounds,
    TimeMention,
)
from ..resources import load_lexicon
from .text import Sentence, clause_bounds, clause_of, fold, slugify, word_re

REVIEW_TYPES = frozenset({"Review", "LearningReview", "Inquiry"})
_LEGAL = frozenset({"Arrest", "Charge", "Trial", "Conviction", "Sentencing", "Release"})
_JUDGES = frozenset(
    {
        "Mr Justice",
        "Mrs Justice",
        "Judge",
        "Her Honour Judge",
        "His Honour Judge",
        "Lord Justice",
        "Lady Justice",
        "Her Honour",
        "His Honour",
    }
)


@dataclass(frozen=True)
class _Lex:
    nouns: re.Pattern[str]
    verbs: re.Pattern[str]
    noun_class: dict[str, str]
    verb_class: dict[str, str]
    governing: re.Pattern[str]
    negators: re.Pattern[str]
    modals: re.Pattern[str]
    blockers: frozenset[str]
    topics: re.Pattern[str]
    planned: re.Pattern[str]
    request_review: re.Pattern[str]
    false_verbs: re.Pattern[str]


@cache
def _words(name: str) -> frozenset[str]:
    """A word list from events.yaml (label and term stop words, words that are never places)."""
    return frozenset(load_lexicon("events.yaml")[name])


@cache
def lexicon() -> _Lex:
    raw = load_lexicon("events.yaml")
    noun_class: dict[str, str] = {}
    verb_class: dict[str, str] = {}
    for cls, spec in raw["classes"].items():
        for n in spec.get("nouns", []):
            noun_class[n.lower()] = cls
        for v in spec.get("verbs", []):
            verb_class[v.lower()] = cls
    return _Lex(
        nouns=word_re(noun_class, flags=re.IGNORECASE),
        verbs=word_re(verb_class, flags=re.IGNORECASE),
        noun_class=noun_class,
        verb_class=verb_class,
        governing=word_re(raw["governing_verbs"], flags=re.IGNORECASE),
        negators=word_re(raw["negators"], flags=re.IGNORECASE),
        modals=word_re(raw["modals"], flags=re.IGNORECASE),
        blockers=frozenset(raw["modifier_blockers"]),
        topics=word_re(raw["topic_markers"], flags=re.IGNORECASE),
        planned=word_re(raw["planned_markers"], flags=re.IGNORECASE),
        request_review=re.compile(raw["request_review"]),
        false_verbs=word_re(raw["false_verbs"], flags=re.IGNORECASE),
    )


@dataclass
class _Cand:
    """A trigger being turned into an event mention (mutable while the sentence is processed)."""

    type: str
    trigger: Span
    kind: str  # "noun" | "verb"
    sentence: Sentence
    clause: Span
    label: str
    determiner: str = ""
    modifiers: tuple[str, ...] = ()
    count: int = 1
    planned: bool = False
    tense: Tense = Tense.PAST
    time: TimeMention | None = None
    participants: list[Participant] = field(default_factory=list)
    place: str | None = None
    id: str = ""
    alias_of: str | None = None
    post: str | None = None
    interim: bool = False
    terms: tuple[str, ...] = ()
    refers_to_statement: bool = False
    quote: Span | None = None
    #: "asked X to" before a requested review
    request: Span | None = None


@dataclass
class Context:
    """What the extractor knows about a statement when it looks for events."""

    statement: Statement
    people: list[PersonMention]
    organisations: list[OrganisationMention]
    posts: list[tuple[Span, str, str, str | None]]
    times: list[TimeMention]
    speaker: PersonMention | None
    new_posts: list[PostMention] = field(default_factory=list)


_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "both": 2,
}
_COUNT = re.compile(
    r"(?:(?P<num>\d{1,3})|(?P<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of))"
    r"\s+(?:(?:separate|further|repeat|previous|prior|earlier|different|more|other)\s+)*$",
    re.IGNORECASE,
)
_DET = re.compile(
    r"(?:(?P<det>the|that|this|these|those|a|an|its|his|her|their|our|my|each|every|any|no)\s+"
    r"|(?P<poss>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)['’]s\s+)$",
    re.IGNORECASE,
)
_MOD_WORD = re.compile(r"(?:[A-Za-z][\w'’-]*)\s+$")
_PLACE_AFTER = re.compile(r"\b(?:in|at|near|outside)\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
_CASE_MARKERS = re.compile(
    r"\b(?:in this case|this case|the case|his case|her case|case history|learning review|case review"
    r"|history in|the perpetrator|this attack|the attack|the murders|these murders|how this|contact with"
    r"|homicide review|serious case|care and treatment|care given)\b",
    re.IGNORECASE,
)


def _label_words(text: str, start: int, limit: int) -> tuple[str, int]:
    """Modifier words right before an event noun (adjectives, names, hyphenated words)."""
    words: list[str] = []
    pos = start
    floor = max(0, start - 80)
    while len(words) < limit:
        m = _MOD_WORD.search(text, floor, pos)
        if m is None or m.end() != pos:
            break
        w = m.group(0).strip()
        if w.lower() in _words("label_stopwords"):
            break
        if w.endswith(("’s", "'s")) or re.fullmatch(r"\d+", w) or w.lower() in _NUMBERS:
            break
        if w.lower() in _words("label_verbs"):
            break
        words.insert(0, w)
        pos = m.start()
    return " ".join(words), pos


def _complement(text: str, end: int, clause_end: int) -> str:
    """The "of ..." / "into ..." complement after an event noun, up to the clause's natural end."""
    m = re.match(r"\s+(of|into)\s+((?:[\w'’-]+\s*){1,6})", text[end:clause_end])
    if not m:
        return ""
    words = m.group(2).split()
    cut: list[str] = []
    for w in words:
        if w.lower() in {
            "which",
            "that",
            "who",
            "to",
            "and",
            "in",
            "including",
            "was",
            "is",
            "will",
            "has",
            "continues",
            "with",
            "i",
            "we",
            "together",
            "published",
            "by",
            "on",
            "at",
        }:
            break
        cut.append(w)
    return f"{m.group(1)} {' '.join(cut)}" if cut else ""


def _terms(*parts: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", fold(" ".join(parts)))
    return tuple(sorted({w for w in words if w not in _words("term_stopwords") and len(w) > 2}))


def _sentence_tense(text: str) -> Tense:
    t = f" {fold(text)} "
    if re.search(r"\b(?:will|shall|going to|intend to|plan to)\b", t):
        return Tense.FUTURE
    if re.search(r"\b(?:am|are|is)\s+(?:today\s+|now\s+|also\s+|formally\s+)*\w+ing\b|\btoday\b", t):
        return Tense.PRESENT
    return Tense.PAST


def _default_bounds(statement_date: dt.date, tense: Tense, planned: bool, conditional: bool) -> TimeBounds:
    if planned:
        if conditional:
            return TimeBounds()
        return TimeBounds(earliest_begin=statement_date, edtf=f"{statement_date.isoformat()}/..")
    if tense is Tense.PRESENT:
        return TimeBounds(statement_date, statement_date, edtf=statement_date.isoformat())
    return TimeBounds(latest_begin=statement_date, edtf=f"../{statement_date.isoformat()}")


def _near(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


class _Extractor:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.text = ctx.statement.text
        self.lex = lexicon()
        self.events: list[_Cand] = []
        self.counter = 0

    # ------------------------------------------------------------ triggers

    def _triggers(self, sent: Sentence) -> list[_Cand]:
        text, lex = self.text, self.lex
        clauses = clause_bounds(text, sent)
        cands: list[_Cand] = []
        for m in lex.nouns.finditer(text, sent.start, sent.end):
            cls = lex.noun_class[fold(m.group(0))]
            cands.append(self._noun(cls, Span(m.start(), m.end()), sent, clause_of(clauses, m.start())))
        for m in lex.verbs.finditer(text, sent.start, sent.end):
            cls = lex.verb_class[fold(m.group(0))]
            cands.append(_Cand(cls, Span(m.start(), m.end()), "verb", sent, clause_of(clauses, m.start()), label=""))
        for m in lex.request_review.finditer(text, sent.start, sent.end):
            span = Span(m.start(1), m.end(1))
            cand = _Cand("Review", span, "verb", sent, clause_of(clauses, m.start()), label="")
            cand.request = Span(m.start(), m.start(1))
            cands.append(cand)
        for org in self.ctx.organisations:
            if org.kind == "inquiry" and sent.start <= org.span.start < sent.end:
                cands.append(
                    _Cand(
                        "Inquiry",
                        org.span,
                        "noun",
                        sent,
                        clause_of(clauses, org.span.start),
                        label=org.name,
                        determiner="name",
                        modifiers=tuple(org.name.split()[:-1]),
                        terms=_terms(org.name),
                    )
                )
        # words inside a post or an organisation's name ("Reviewer of Terrorism Legislation") are not triggers
        names = [p[0] for p in self.ctx.posts] + [o.span for o in self.ctx.organisations if o.kind != "inquiry"]
        cands = [
            c
            for c in cands
            if c.determiner == "name" or not any(n.start <= c.trigger.start and c.trigger.end <= n.end for n in names)
        ]
        # longest trigger wins where two overlap (named inquiry > "inquiry"; "opened fire" > "fire")
        cands.sort(key=lambda c: (c.trigger.start, -(c.trigger.end - c.trigger.start), c.request is None))
        kept: list[_Cand] = []
        for c in cands:
            if any(c.trigger.start < k.trigger.end and k.trigger.start < c.trigger.end for k in kept):
                continue
            kept.append(c)
        return [c for c in kept if c.type and self._accept(c)]

    def _became_post(self, c: _Cand) -> tuple[str, str, str | None] | None:
        """ "X became the Independent Reviewer ..." / "became the CQC's interim chief executive"."""
        text = self.text
        at = c.trigger.end
        for pspan, key, label, org in self.ctx.posts:
            if at <= pspan.start <= at + 12:
                return key, label, org
        m = re.match(
            r"\s+(?:the\s+|its\s+)?(?:[A-Z][\w'’]*['’]s\s+)?((?:interim\s+|acting\s+)?[a-z][a-z -]{2,40}?)"
            r"(?=\s+(?:in|on|at|from|of|after|before|when)\b|[,.;])",
            text[at : at + 80],
        )
        if not m:
            return None
        words = m.group(1).split()
        heads = {
            "executive",
            "officer",
            "director",
            "chair",
            "chairman",
            "chairwoman",
            "commissioner",
            "reviewer",
            "secretary",
            "minister",
            "inspector",
            "coroner",
            "constable",
            "governor",
            "head",
            "leader",
            "president",
            "adviser",
            "advisor",
            "registrar",
            "ombudsman",
        }
        if not words or words[-1] not in heads:
            return None
        owner = re.match(r"\s+(?:the\s+)?([A-Z][\w'’]*)['’]s\s+", text[at : at + 40])
        from .people import post_for

        label = " ".join(w for w in words if w not in {"interim", "acting"})
        if owner:
            label = f"{label} of the {owner.group(1)}"
        key, plabel, org = post_for(label[0].upper() + label[1:])
        return key, plabel, org

    def _noun(self, cls: str, span: Span, sent: Sentence, clause: Span) -> _Cand:
        text = self.text
        mods, mod_start = _label_words(text, span.start, 4)
        head = text[span.start : span.end]
        comp = _complement(text, span.end, clause.end)
        before = text[max(clause.start, mod_start - 40) : mod_start]
        det = _DET.search(before)
        determiner = ""
        if det:
            determiner = (det.group("det") or "").lower() or "poss"
        count = 1
        cm = _COUNT.search(text[max(clause.start, mod_start - 30) : mod_start])
        if cm:
            count = int(cm.group("num")) if cm.group("num") else _NUMBERS[cm.group("word").lower()]
            determiner = determiner or "count"
        label = " ".join(x for x in (mods, head, comp) if x)
        cand = _Cand(
            cls,
            span,
            "noun",
            sent,
            clause,
            label=label[0].upper() + label[1:],
            determiner=determiner,
            modifiers=tuple(mods.split()),
            count=count,
        )
        if det and det.group("poss"):
            cand.participants.append(Participant(Role.CONDUCTED_BY, "poss:" + det.group("poss"), None))
        cand.terms = _terms(mods, head, comp)
        return cand

    def _accept(self, c: _Cand) -> bool:
        text, lex = self.text, self.lex
        pre = text[c.clause.start : c.trigger.start]
        after = text[c.trigger.end : c.trigger.end + 30]
        if lex.topics.search(pre):
            return False
        near_pre = pre[-45:]
        if lex.modals.search(near_pre) and c.type not in {"Publication", "Legislation", "Statement"}:
            return False
        if c.kind == "noun":
            nxt = re.match(r"\s+([a-z][\w-]*)", after)
            if nxt and nxt.group(1) in lex.blockers and c.determiner != "name":
                return False
            if re.search(r"\bto\s+$", pre) and c.determiner == "":
                return False  # "power to review" is a verb
            if re.search(r"\b(?:no|not|never|without)\s+(?:\w+\s+){0,2}$", pre):
                return False
            return c.determiner not in {"any", "each", "every", "no"}
        # verbs
        if re.search(r"\b(?:not|never|no)\b", near_pre[-25:]):
            return False
        fv = lex.false_verbs.match(text, c.trigger.start)
        if fv:
            return False
        word = fold(text[c.trigger.start : c.trigger.end])
        if word == "became":
            return self._became_post(c) is not None
        if word == "referred" and not re.match(
            r"\s+(?:[\w'’]+\s+){0,12}?to\b", after + text[c.trigger.end + 30 : c.trigger.end + 80]
        ):
            return False
        if c.type in _LEGAL and re.search(r"\b(?:those|anyone|everyone|people|offenders|who are)\s+$", pre):
            return False
        if c.type == "Appointment" and re.search(r"\bto\s+$", pre):
            return bool(re.search(r"\b(?:will|shall|intend|plan|going)\b", pre))
        return True

    # ------------------------------------------------------------ per sentence

    def run(self, sentences: Sequence[Sentence]) -> list[EventMention]:
        for sent in sentences:
            cands = self._triggers(sent)
            for c in cands:
                self._describe(c)
            cands = self._merge_in_sentence(cands)
            self._assign_times(sent, cands)
            for c in cands:
                self._place_and_people(c)
                self._register(c)
        self._link_reviews()
        return self._emit()

    def _merge_in_sentence(self, cands: list[_Cand]) -> list[_Cand]:
        """A governing verb and its event noun are one event ("commissioned ... a review")."""
        out: list[_Cand] = []
        for c in cands:
            if c.kind == "verb":
                twin = next(
                    (
                        n
                        for n in cands
                        if n.kind == "noun"
                        and n.type == c.type
                        and 0 <= n.trigger.start - c.trigger.end <= 40
                        and n.clause == c.clause
                    ),
                    None,
                )
                if twin is not None:
                    twin.planned = twin.planned or c.planned
                    twin.tense = c.tense if c.planned else twin.tense
                    continue
            out.append(c)
        return out

    def _describe(self, c: _Cand) -> None:
        text = self.text
        clause_text = text[c.clause.start : c.clause.end]
        pre = text[c.clause.start : c.trigger.start]
        tense = _sentence_tense(clause_text)
        # "I will make a statement on X" announces this statement, not a plan for X
        pre = re.sub(r"^.*\bmake an? (?:oral |written )?statement (?:on|about)\b", "", pre, flags=re.DOTALL)
        planned = bool(self.lex.planned.search(pre[-60:])) and not re.search(r"\b(?:was|were|had)\b", pre[-25:])
        if c.kind == "noun" and not planned:
            planned = bool(re.search(r"\b(?:will|would|shall)\b(?:\s+\w+){0,4}\s+$", pre))
        if c.type == "Legislation" and re.search(r"\bwill\b", pre):
            planned = True
        if re.match(r"(?:will|shall)\b", text[c.trigger.start : c.trigger.end], re.IGNORECASE):
            planned = True
        c.planned = planned
        c.tense = Tense.FUTURE if planned else tense
        if not c.label:
            c.label = self._verb_label(c)
        if c.type == "Launch":
            obj = re.match(r"[^,;]{0,70}", text[c.trigger.end : c.clause.end]).group(0)  # type: ignore[union-attr]
            subj = text[c.clause.start : c.trigger.start] if re.search(r"\b(?:was|were|been)\s+$", pre) else ""
            if re.search(r"\b(?:Bill|Act|legislation)\b", obj.split(" and ")[0] + " " + subj):
                c.type = "Legislation"
        if c.request is not None:
            c.label = "Review: " + c.label[0].lower() + c.label[1:]

    def _verb_label(self, c: _Cand) -> str:
        text = self.text
        pre = text[c.clause.start : c.trigger.start]
        rel = re.match(r"\s*(?:which|that)\b", pre)
        if rel and c.type in {"Publication", "Launch", "Announcement", "Legislation"}:
            # "..., which was published last Thursday": the thing is the noun phrase before the comma
            head = re.search(
                r"\b(?:on|about|of|for|into)\s+((?:the|a|an|its|our)\s+[^,;]{3,90})\s*,?\s*$",
                text[c.sentence.start : c.clause.start],
            )
            if head:
                obj = head.group(1).strip()
                c.terms = _terms(obj)
                verb = re.sub(r"\s+", " ", text[c.trigger.start : c.trigger.end])
                return f"{obj[0].upper()}{obj[1:]} {verb}"
        passive = re.search(r"\b(?:was|were|has been|have been|had been|been)\s+$", pre)
        if passive is None and re.match(r"(?:was|were|had been|been)\s", text[c.trigger.start : c.trigger.end]):
            passive = re.search(r"$", pre)  # the trigger itself carries the auxiliary ("was assessed")
        if passive and c.type not in {"Appointment", "Sentencing", "Conviction", "Charge", "Arrest", "Release"}:
            subject = pre[: passive.start()].split(",")[-1].strip()
            subject = re.sub(r"^(?:the|a|an|and|but)\s+", "", subject, flags=re.IGNORECASE)
            if 0 < len(subject.split()) <= 8:
                c.terms = _terms(subject)
                verb = re.sub(r"\s+", " ", text[c.trigger.start : c.trigger.end])
                return f"{subject[0].upper()}{subject[1:]} {verb}"
        obj = re.match(r"\s*((?:[\w'’-]+\s*){1,7})", text[c.trigger.end : c.clause.end])
        words = obj.group(1).split() if obj else []
        cut: list[str] = []
        for i, w in enumerate(words):
            if i == 0 and w.lower() == "to" and c.type in {"Legislation", "Announcement"}:
                cut.append(w)  # "legislate to create youth diversion orders"
                continue
            if w.lower().strip(",.") in {
                "which",
                "that",
                "who",
                "and",
                "to",
                "on",
                "in",
                "last",
                "today",
                "yesterday",
                "with",
                "by",
                "because",
                "after",
                "before",
                "for",
            }:
                break
            cut.append(w.strip(",."))
        verb_text = re.sub(r"\s+", " ", text[c.trigger.start : c.trigger.end])
        verb_text = re.sub(r"^(?:will|shall)\s+", "", verb_text, flags=re.IGNORECASE)
        label = f"{verb_text} {' '.join(cut)}".strip()
        rest = re.findall(r"[\w'’-]+", text[c.trigger.end : c.clause.end])[:16]
        c.terms = _terms(" ".join(cut if c.request is None else rest))
        stem = re.sub(r"(?:e|ed|es|ing|ion|s)$", "", fold(verb_text.split()[0]))[:6]
        c.terms = (*c.terms, f"verb:{stem}")
        return label[0].upper() + label[1:] if label else c.type

    def _assign_times(self, sent: Sentence, cands: list[_Cand]) -> None:
        """Give each time expression to the nearest event in its clause, closest pairs first."""
        text = self.text
        times = [t for t in self.ctx.times if sent.start <= t.span.start < sent.end]
        pairs: list[tuple[int, int, int]] = []
        for ti, t in enumerate(times):
            anchor_span = t.event_anchor.span if t.event_anchor else None
            for ci, c in enumerate(cands):
                if anchor_span and anchor_span.start <= c.trigger.start < anchor_span.end:
                    continue
                # "in response to the fire", "following the killing": a prompt, not the dated event
                if t.span.start < c.trigger.start and re.search(
                    r"\b(?:in response to|following|after|prompted by)\s+(?:the|that|this)\s+(?:\S+\s+){0,3}$",
                    text[max(sent.start, c.trigger.start - 60) : c.trigger.start],
                ):
                    continue
                same_clause = c.clause.start <= t.span.start < c.clause.end
                d = _near(c.trigger, t.span) + (0 if same_clause else 500) - (5 if c.kind == "verb" else 0)
                lo, hi = sorted(
                    (
                        c.trigger.end if t.span.start >= c.trigger.end else t.span.end,
                        t.span.start if t.span.start >= c.trigger.end else c.trigger.start,
                    )
                )
                if re.search(r"\s(?:and|but|or)\s", text[lo:hi]) and any(
                    o is not c
                    and c.clause.start <= o.trigger.start < t.span.start
                    and (o.trigger.start < c.trigger.start or t.span.start < c.trigger.start)
                    for o in cands
                ):
                    # "consulted on X in 2021 and published Y in 2023", "start work immediately and
                    # ... conduct a review": a date after one verb is not the next verb's
                    continue
                # a full date beats an anchor to another event for the same event
                pairs.append((d + (30 if t.event_anchor else 0), ti, ci))
        taken_t: set[int] = set()
        for _d, ti, ci in sorted(pairs):
            if ti in taken_t or cands[ci].time is not None:
                continue
            cands[ci].time = times[ti]
            taken_t.add(ti)
        # triggers inside an anchor phrase ("before the Southport attack") are references, not new events
        for t in times:
            if t.event_anchor:
                a = t.event_anchor.span
                for c in cands:
                    if a.start <= c.trigger.start < a.end and c.type not in {"Attack"}:
                        c.type = ""

    # ------------------------------------------------------------ participants

    def _person_at(self, start: int, end: int) -> PersonMention | None:
        for p in self.ctx.people:
            if start <= p.span.start < end:
                return p
        return None

    def _people_in(self, start: int, end: int, *, judges: bool = True) -> list[PersonMention]:
        return [
            p
            for p in self.ctx.people
            if start <= p.span.start < end and not p.is_speaker and (judges or not set(p.prefixes) & _JUDGES)
        ]

    def _orgs_in(self, start: int, end: int) -> list[OrganisationMention]:
        return [o for o in self.ctx.organisations if start <= o.span.start < end]

    def _role_refs(self, start: int, end: int) -> list[Participant]:
        """People named only by their post ("the Home Secretary", "my predecessor") in ``text[start:end]``.

        The refs are resolved to a person across the corpus (``resolve``), or dropped when no
        statement says who held the post then.
        """
        out: list[Participant] = []
        text = self.text
        for m in re.finditer(r"\b(?:my|her|his)\s+predecessor\b", text[start:end]):
            if self.ctx.speaker is not None:
                span = Span(start + m.start(), start + m.end())
                out.append(Participant(Role.AGENT, f"predecessor:{self.ctx.speaker.key}", span))
        held = {p.span for p in self.ctx.new_posts}
        for pspan, key, _label, _org in self.ctx.posts:
            if start <= pspan.start < end and pspan not in held:
                after = text[pspan.end : pspan.end + 40]
                if re.match(r",?\s*(?:[A-Z][\w'’-]+\s+){0,2}\(?[A-Z][\w'’-]+", after):
                    continue  # "the Home Secretary, Priti Patel": the named person is linked already
                if re.search(r"\bthe\s+(?:then\s+)?$", text[max(0, pspan.start - 10) : pspan.start]):
                    out.append(Participant(Role.AGENT, f"post:{key}", pspan))
        return out

    def _speaker_ref(self) -> str | None:
        return self.ctx.speaker.key if self.ctx.speaker else None

    def _department_ref(self) -> str | None:
        dept = self.ctx.statement.department
        if not dept:
            return None
        from .organisations import lookup

        return lookup(dept) or slugify(dept)

    def _place_and_people(self, c: _Cand) -> None:
        if not c.type:
            return
        text = self.text
        s, e = c.sentence.start, c.sentence.end
        pre = text[c.clause.start : c.trigger.start]
        post = text[c.trigger.end : c.clause.end]
        first_person = bool(re.search(r"\b(?:I|we|We)\b(?:\s+\w+){0,4}\s*$", pre))
        if c.type == "Attack":
            near = text[max(c.clause.start, c.trigger.start - 100) : min(c.clause.end, c.trigger.end + 100)]
            caps = [w for w in re.findall(r"\b[A-Z][\w'’-]+", near) if w not in _words("not_places")]
            c.terms = tuple(sorted(set(c.terms) | set(_terms(" ".join(caps)))))
            mods = [w for w in c.modifiers if w[:1].isupper()]
            if mods:
                c.place = " ".join(mods)
            else:
                lo, hi = max(c.clause.start, c.trigger.start - 80), min(c.clause.end, c.trigger.end + 80)
                m = _PLACE_AFTER.search(text, lo, hi)
                if m and m.group(1).split()[-1] not in _words("not_places"):
                    c.place = re.sub(r"^the\s+", "", m.group(1))
            if c.kind == "verb" and not re.search(r"\b(?:was|were|been|being)\s+$", pre):
                who = [p for p in self._people_in(c.clause.start, c.trigger.start)]
                if who:
                    c.participants.append(Participant(Role.PERPETRATOR, who[-1].key, who[-1].span))
            if re.search(r"\b(?:were|was)\s+(?:murdered|killed)\b", text[s:e]):
                for p in self._people_in(s, e):
                    c.participants.append(Participant(Role.VICTIM, p.key, p.span))
        elif c.type in REVIEW_TYPES:
            for part in c.participants[:]:
                if part.ref.startswith("poss:"):
                    c.participants.remove(part)
                    owner = self._person_at(c.trigger.start - 60, c.trigger.start)
                    if owner:
                        c.participants.append(Participant(Role.CONDUCTED_BY, owner.key, owner.span))
            m = re.search(r"\b(?:commission\w*|ordered|asked|tasked|established?|set up|announced)\b", pre)
            if m:
                subj = text[c.clause.start : c.clause.start + m.start()]
                if re.search(r"\b(?:I|We)\b", subj) and self._speaker_ref():
                    c.participants.append(Participant(Role.COMMISSIONED_BY, self._speaker_ref() or ""))
                for o in self._orgs_in(c.clause.start, c.clause.start + m.start()):
                    c.participants.append(Participant(Role.COMMISSIONED_BY, o.key, o.span))
                for r in self._role_refs(c.clause.start, c.clause.start + m.start()):
                    c.participants.append(Participant(Role.COMMISSIONED_BY, r.ref, r.span))
                obj = text[c.clause.start + m.end() : c.trigger.start]
                if re.search(r"\bmy department\b", obj) and self._department_ref():
                    c.participants.append(Participant(Role.CONDUCTED_BY, self._department_ref() or ""))
                for o in self._orgs_in(c.clause.start + m.end(), c.trigger.start):
                    c.participants.append(Participant(Role.CONDUCTED_BY, o.key, o.span))
                if c.request is not None:
                    for p in self._people_in(c.request.start, c.request.end)[:1]:
                        c.participants.append(Participant(Role.CONDUCTED_BY, p.key, p.span))
            cont = re.search(
                r"\b(?:is|are)\s+(?:continuing|conducting|leading|carrying out)\s+(?:the|a|an|its|his|her)\s+"
                r"(?:\S+\s+){0,3}$",
                pre,
            )
            if cont:
                for p in self._people_in(c.sentence.start, c.trigger.start)[:1]:
                    c.participants.append(Participant(Role.CONDUCTED_BY, p.key, p.span))
            by = re.match(
                r"\s+(?:was|were|has been|had been)\s+(?:established|commissioned|set up|ordered|announced)\s+by\s+",
                text[c.trigger.end : c.clause.end],
            )
            if by:
                at = c.trigger.end + by.end()
                for p in self._people_in(at, at + 60)[:1]:
                    c.participants.append(Participant(Role.COMMISSIONED_BY, p.key, p.span))
                for r in self._role_refs(at, at + 60)[:1]:
                    c.participants.append(Participant(Role.COMMISSIONED_BY, r.ref, r.span))
            if re.search(r"\b(?:his|her)\s+(?:first\s+)?task\b", pre):
                last = [ev for ev in self.events if ev.type == "Appointment"]
                for appointment in last[-1:]:
                    for part in appointment.participants:
                        if part.role is Role.APPOINTEE:
                            c.participants.append(Participant(Role.CONDUCTED_BY, part.ref, part.span))
            ch = re.search(r"\bchaired by\s+", text[s:e])
            if ch:
                who2 = self._person_at(s + ch.end(), e)
                if who2:
                    c.participants.append(Participant(Role.CHAIRED_BY, who2.key, who2.span))
        elif c.type == "Appointment":
            cand_people = self._people_in(c.trigger.end, c.clause.end)
            passive = re.search(r"\b(?:was|were|been|be)\s+$", pre)
            if passive:
                before = self._people_in(c.sentence.start, c.trigger.start)
                cand_people = before[-1:] or cand_people
            if cand_people:
                appointee = cand_people[0]
                c.participants.append(Participant(Role.APPOINTEE, appointee.key, appointee.span))
                c.terms = (appointee.key,)
            if first_person and self._speaker_ref():
                c.participants.append(Participant(Role.APPOINTED_BY, self._speaker_ref() or ""))
            if fold(text[c.trigger.start : c.trigger.end]) == "became":
                who_before = self._people_in(c.sentence.start, c.trigger.start)
                if who_before:
                    c.participants = [Participant(Role.APPOINTEE, who_before[-1].key, who_before[-1].span)]
                    c.terms = (who_before[-1].key,)
                got = self._became_post(c)
                if got:
                    c.post = got[0]
                    c.interim = bool(
                        re.match(
                            r"\s+\S+\s+(?:interim|acting)\b|\s+(?:interim|acting)\b",
                            text[c.trigger.end : c.trigger.end + 40],
                        )
                    )
                    if all(k != got[0] for _s, k, _l, _o in self.ctx.posts):
                        self.ctx.posts.append((c.trigger, got[0], got[1], got[2]))
            lead = re.match(r"\s*to\s+(chair|lead|head)\b", post)
            if lead:
                target = next(
                    (
                        ev
                        for ev in reversed(self.events)
                        if ev.type in REVIEW_TYPES and ev.alias_of is None and ev.determiner == "name"
                    ),
                    None,
                ) or next((ev for ev in reversed(self.events) if ev.type in REVIEW_TYPES and ev.alias_of is None), None)
                if target is not None:
                    from .people import post_for

                    name = (
                        target.label
                        if target.determiner == "name"
                        else "the " + target.label[0].lower() + target.label[1:]
                    )
                    key, plabel, org = post_for(f"Chair of {'the ' if target.determiner == 'name' else ''}{name}")
                    c.post = key
                    if all(k != key for _s, k, _l, _o in self.ctx.posts):
                        self.ctx.posts.append((c.trigger, key, plabel, org))
            m = re.search(r"\bas\s+(?:the\s+|an?\s+)?((?:interim|acting|permanent|new)\s+)?", post)
            if m:
                at = c.trigger.end + m.end()
                for pspan, key, _label, _org in self.ctx.posts:
                    if at <= pspan.start <= at + 5:
                        c.post = key
                        c.interim = bool(m.group(1) and m.group(1).strip().lower() in {"interim", "acting"})
                        break
        elif c.type in _LEGAL:
            judges = _JUDGES
            who = [p for p in self._people_in(c.sentence.start, c.clause.end) if not set(p.prefixes) & judges]
            passive = re.search(r"\b(?:was|were|been)\s+$", pre)
            if passive:
                named = [p for p in self._people_in(c.clause.start, c.trigger.start) if not set(p.prefixes) & judges]
                cm = re.search(
                    r"(?:^|\s)(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                    r"(?:\w+\s+){0,2}$",
                    text[c.clause.start : c.trigger.start - len(passive.group(0))] + " ",
                    re.IGNORECASE,
                )
                if cm and not named and c.type in {"Arrest", "Charge", "Conviction", "Release"}:
                    num = cm.group(1).lower()
                    c.count = int(num) if num.isdigit() else _NUMBERS.get(num, 1)
                if not named and re.search(
                    r"\b(?:men|women|people|others|suspects|individuals|officers)\s+(?:were|was)\s+$", pre
                ):
                    who = []
            if not who and not passive:
                who = [
                    p
                    for p in self._people_in(max(0, c.sentence.start - 600), c.sentence.start)
                    if not set(p.prefixes) & judges
                ][-1:]
            if who:
                closest = min(who, key=lambda p: _near(p.span, c.trigger))
                c.participants.append(Participant(Role.SUBJECT, closest.key, closest.span))
        elif c.type == "Referral":
            referred = self._people_in(c.clause.start, c.trigger.start, judges=False)
            if not referred and c.kind == "verb":
                referred = self._people_in(max(0, c.sentence.start - 400), c.trigger.start, judges=False)[-1:]
            if referred and c.kind == "verb":
                c.participants.append(Participant(Role.SUBJECT, referred[-1].key, referred[-1].span))
            m = re.search(r"\bto\s+", post)
            if m:
                for o in self._orgs_in(c.trigger.end + m.end(), c.trigger.end + m.end() + 40):
                    c.participants.append(Participant(Role.REFERRED_TO, o.key, o.span))
                    break
        elif c.type == "Assessment":
            m = re.search(r"^\s*by\s+", post)
            if m:
                for o in self._orgs_in(c.trigger.end, c.clause.end):
                    c.participants.append(Participant(Role.ASSESSED_BY, o.key, o.span))
                    break
            for p in self._people_in(c.clause.start, c.trigger.start):
                c.participants.append(Participant(Role.SUBJECT, p.key, p.span))
        elif c.type == "Announcement":
            for pspan, key, _label, _org in self.ctx.posts:
                if c.trigger.start <= pspan.start < c.sentence.end:
                    c.post = key
                    c.terms = (key,)
                    break
            if first_person and self._speaker_ref():
                c.participants.append(Participant(Role.AGENT, self._speaker_ref() or ""))
            else:
                who = self._people_in(c.clause.start, c.trigger.start)
                if who:
                    c.participants.append(Participant(Role.AGENT, who[-1].key, who[-1].span))
                else:
                    c.participants.extend(self._role_refs(c.clause.start, c.trigger.start)[-1:])

    # ------------------------------------------------------------ coreference and registration

    def _antecedent(self, c: _Cand) -> _Cand | None:
        family = {"LearningReview": "Review"}.get(c.type, c.type)
        same = [
            ev
            for ev in self.events
            if {"LearningReview": "Review"}.get(ev.type, ev.type) == family and ev.alias_of is None
        ]
        if not same:
            return None
        for ev in same:
            if c.kind == "noun" and ev.kind == "noun" and fold(ev.label) == fold(c.label) and len(c.label.split()) > 1:
                return ev
        if c.type == "Attack":
            comp = _complement(self.text, c.trigger.end, c.clause.end)
            if comp.startswith("of ") and c.kind == "noun":
                words = set(_terms(comp))
                for ev in reversed(same):
                    if words and words <= set(ev.terms) | set(_terms(ev.label)):
                        return ev
                return None
            if c.place:
                for ev in same:
                    if ev.place and fold(ev.place) == fold(c.place):
                        return ev
                if any(ev.place for ev in same):
                    return None
            return same[-1]
        if c.type == "Referral":
            return same[-1] if c.determiner in {"the", "those", "these", "that", "this", "count"} else None
        if c.kind == "noun" and c.determiner in {"the", "that", "this", "its"} and (
            c.type == "Inquiry"
            or not c.modifiers
            or set(fold(" ".join(c.modifiers)).split())
            <= set(fold(" ".join(same[-1].modifiers + same[-1].terms)).split())
        ):
                return same[-1]
        if c.determiner == "name":
            for ev in same:
                if fold(ev.label) == fold(c.label):
                    return ev
        return None

    def _register(self, c: _Cand) -> None:
        if not c.type:
            return
        text = self.text
        if c.type == "Referral" and c.count == 1 and c.kind == "noun" and c.determiner in {"", "a", "an"}:
            return  # "a Prevent referral", "repeat referrals": the practice, not an event
        if c.type in {"Review", "Inquiry", "LearningReview"} and c.kind == "noun" and c.determiner in {"", "a", "an"}:
            clause_pre = text[c.clause.start : c.trigger.start]
            gov = self.lex.governing.search(clause_pre)
            if not gov and not c.time and c.determiner == "":
                return
        if c.type == "Statement" and re.search(r"\bmake\s+(?:an?\s+)?$", text[c.clause.start : c.trigger.start]):
            return  # "I will make a statement": this statement itself
        ante = self._antecedent(c)
        if ante is not None and c.type in {"Referral"} and c.count > 1 and ante.count != c.count:
            ante = None
        self.counter += 1
        c.id = f"e{self.counter}"
        if ante is not None:
            c.alias_of = ante.id
            if ante.time is None and c.time is not None:
                ante.time = c.time
            ante.participants.extend(c.participants)
            if not ante.place and c.place:
                ante.place = c.place
            if ante.planned and not c.planned:
                ante.planned = False
                ante.tense = c.tense
        if c.type == "Statement":
            c.refers_to_statement = True
        self._final_label(c)
        c.quote = self._quote(c)
        self.events.append(c)
        if c.type == "Appointment" and c.post:
            appointee = next((p for p in c.participants if p.role is Role.APPOINTEE), None)
            if appointee:
                label = next(lbl for s, k, lbl, o in self.ctx.posts if k == c.post)
                org = next(o for s, k, lbl, o in self.ctx.posts if k == c.post)
                start = None
                bounds = c.time.bounds if c.time else None
                if bounds and bounds.is_exact_day:
                    start = bounds.earliest_begin
                elif c.tense is Tense.PRESENT:
                    start = self.ctx.statement.date
                self.ctx.new_posts.append(
                    PostMention(
                        key=c.post,
                        label=label,
                        span=c.trigger,
                        holder=appointee.ref,
                        organisation=org,
                        interim=c.interim,
                        start=start,
                    )
                )

    def _final_label(self, c: _Cand) -> None:
        """Readable labels for verb-triggered events, built from their participants."""
        names = {p.key: p.name for p in self.ctx.people}
        posts = {k: lbl for _s, k, lbl, _o in self.ctx.posts}
        who = next(
            (names.get(p.ref) for p in c.participants if p.role in {Role.APPOINTEE, Role.SUBJECT} and p.ref in names),
            None,
        )
        if c.type == "Appointment" and who:
            post = posts.get(c.post or "")
            c.label = f"Appointment of {who}" + (f" as {'interim ' if c.interim else ''}{post}" if post else "")
        elif c.type in _LEGAL and who and c.kind == "verb":
            c.label = f"{c.type} of {who}"
        elif c.type == "Attack" and c.place:
            # "the Southport murders", "Sudesh Amman stabbed two people": the Southport / Streatham attack;
            # a fire or an explosion keeps its own name
            head = fold(self.text[c.trigger.start : c.trigger.end]).split()[-1]
            noun = head if head in {"fire", "explosion", "blast", "bombing"} and c.kind == "noun" else "attack"
            c.label = f"{c.place} {noun}"
        elif c.type == "Attack" and c.kind == "verb":
            c.label = "Attack"
        elif c.type == "Referral" and who:
            to = next((p.ref for p in c.participants if p.role is Role.REFERRED_TO), None)
            org = next((o.name for o in self.ctx.organisations if o.key == to), None)
            c.label = f"Referral of {who}" + (f" to {org}" if org else "")
        elif c.type == "Announcement" and c.post and c.kind == "verb":
            c.label = f"Announcement of the {posts.get(c.post, c.post)}"
        elif c.kind == "verb" and len(c.label.split()) == 1:
            agent = next((names.get(p.ref) for p in c.participants if p.ref in names), None)
            if agent and fold(c.label).startswith("apolog"):
                c.label = f"Apology by {agent}"
            else:
                c.label = f"{c.label} ({agent})" if agent else c.label

    def _quote(self, c: _Cand) -> Span:
        """The clause around the trigger, trimmed: enough to show the event, short enough to read."""
        text = self.text
        s, e = c.sentence.start, c.sentence.end
        if e - s > 220:
            s, e = c.clause.start, c.clause.end
            if e - s > 260:
                s = max(s, c.trigger.start - 120)
                e = min(e, c.trigger.end + 120)
        while s < e and text[s] in " ,;:\"“”'‘’":
            s += 1
        while e > s and text[e - 1] in ' ,;:"“”':
            e -= 1
        if c.time and not (s <= c.time.span.start and c.time.span.end <= e):
            s, e = min(s, c.time.span.start), max(e, c.time.span.end)
        return Span(s, e)

    def _before_attack(self, referral: _Cand, attacks: list[_Cand]) -> bool:
        """A case review examines the referrals made before the attack, not those that followed it."""
        mentions = [c for c in self.events if c is referral or c.alias_of == referral.id]
        for m in mentions:
            t = m.time
            if t is None:
                continue
            if t.event_anchor is not None:
                if re.search(r"\bbefore\b", self.text[t.span.start : t.event_anchor.span.start]):
                    return True
                continue
            attack_dates = [
                a.time.bounds.earliest_begin
                for a in attacks
                if a.time and a.time.event_anchor is None and a.time.bounds.earliest_begin
            ]
            if t.bounds.latest_begin and attack_dates and t.bounds.latest_begin < min(attack_dates):
                return True
        return False

    def _link_reviews(self) -> None:
        text = self.text
        roots = [c for c in self.events if c.alias_of is None]
        attacks = [c for c in roots if c.type == "Attack"]
        referrals = [c for c in roots if c.type == "Referral"]
        by_id = {c.id: c for c in self.events}
        self.reviews: dict[str, list[str]] = {}
        self.responds: dict[str, list[str]] = {}
        self.publishes: dict[str, list[str]] = {}

        def named_in(span: Span) -> _Cand | None:
            for other in self.events:
                if span.start <= other.trigger.start < span.end:
                    return by_id[other.alias_of] if other.alias_of else other
            return None

        for c in self.events:
            root = by_id[c.alias_of] if c.alias_of else c
            if root.type not in REVIEW_TYPES:
                continue
            sent = text[c.sentence.start : c.sentence.end]
            # "within days of that attack", "commissioned after the attack", "in response to the fire"
            prompts: list[Span] = []
            if c.time and c.time.event_anchor:
                prompts.append(c.time.event_anchor.span)
            for m in re.finditer(
                r"\b(?:in response to|following|after|prompted by)\s+(?:the|that|this)\s+[^,.;]{3,80}",
                text[c.sentence.start : c.sentence.end],
            ):
                prompts.append(Span(c.sentence.start + m.start(), c.sentence.start + m.end()))
            for ps in prompts:
                target = named_in(ps)
                if target is not None and target.type == "Attack":
                    self.responds.setdefault(root.id, []).append(target.id)
            case_specific = bool(_CASE_MARKERS.search(sent)) or root.type in {"LearningReview", "Inquiry"}
            named_place = next((a for a in attacks if a.place and a.place.split()[0] in root.label), None)
            if named_place:
                self.responds.setdefault(root.id, []).append(named_place.id)
            elif case_specific and attacks and (root.type == "Inquiry" or len(attacks) == 1):
                main = attacks[0]
                self.responds.setdefault(root.id, []).append(main.id)
            # what it examines: attacks or referrals named in the same sentence, or by a case review
            for other in self.events:
                oroot = by_id[other.alias_of] if other.alias_of else other
                if (
                    other.sentence is c.sentence
                    and oroot.type in {"Referral", "Attack"}
                    and oroot is not root
                    and re.search(r"\b(?:examine|examines|examined|look at|into|concluded|consider)\b", sent)
                ):
                    self.reviews.setdefault(root.id, []).append(oroot.id)
            if case_specific and root.type != "Inquiry" and referrals:
                for r in referrals:
                    if self._before_attack(r, attacks):
                        self.reviews.setdefault(root.id, []).append(r.id)
        for c in self.events:
            root = by_id[c.alias_of] if c.alias_of else c
            if root.type != "Publication":
                continue
            targets = [
                o
                for o in self.events
                if o.sentence is c.sentence
                and o is not c
                and (by_id[o.alias_of] if o.alias_of else o).type in REVIEW_TYPES
            ]
            if targets:
                nearest = min(targets, key=lambda o: _near(o.trigger, c.trigger))
                tr = by_id[nearest.alias_of] if nearest.alias_of else nearest
                self.publishes.setdefault(root.id, []).append(tr.id)

    # ------------------------------------------------------------ output

    def _emit(self) -> list[EventMention]:
        st = self.ctx.statement
        out: list[EventMention] = []
        for c in self.events:
            conditional = bool(re.search(r"\bwould\b", self.text[c.clause.start : c.trigger.start]))
            if c.time is not None and c.time.event_anchor is None:
                bounds = c.time.bounds
            elif c.time is not None:
                bounds = TimeBounds()
            else:
                tense = c.tense
                if (
                    tense is Tense.PRESENT
                    and c.kind == "noun"
                    and not self.lex.governing.search(
                        self.text[max(c.clause.start, c.trigger.start - 40) : c.trigger.start]
                    )
                ):
                    tense = Tense.PAST  # "the investigations the inquiry criticised": mentioned, not happening now
                bounds = _default_bounds(st.date, tense, c.planned, conditional)
            root = c.alias_of or c.id
            anchor_event = None
            if c.time and c.time.event_anchor:
                a = c.time.event_anchor.span
                inside = next((o for o in self.events if a.start <= o.trigger.start < a.end), None)
                if inside is not None:
                    anchor_event = inside.alias_of or inside.id
            out.append(
                EventMention(
                    id=c.id,
                    type=c.type,
                    label=c.label,
                    span=c.quote or c.trigger,
                    time=c.time,
                    planned=c.planned,
                    participants=tuple(p for p in c.participants if p.ref and not p.ref.startswith("poss:")),
                    reviews=tuple(dict.fromkeys(self.reviews.get(c.id, []))) if not c.alias_of else (),
                    responds_to=tuple(dict.fromkeys(self.responds.get(c.id, []))) if not c.alias_of else (),
                    count=c.count,
                    key=root,
                    place=c.place,
                    refers_to_statement=c.refers_to_statement,
                    bounds=bounds,
                    terms=c.terms,
                    publishes=tuple(dict.fromkeys(self.publishes.get(c.id, []))) if not c.alias_of else (),
                    post=c.post,
                    anchor_event=anchor_event,
                )
            )
        return out


def find_events(ctx: Context, sentences: Sequence[Sentence]) -> list[EventMention]:
    """Event mentions of one statement; mentions of the same event share ``key`` (the first's id)."""
    return _Extractor(ctx).run(sentences)
