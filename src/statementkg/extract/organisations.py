"""Organisations and programmes: gazetteer matches (with aliases) plus patterns for unlisted bodies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import OrganisationMention, Span, Statement
from ..resources import load_lexicon
from .text import slugify, word_re


@dataclass(frozen=True)
class _Entry:
    key: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class _Gazetteer:
    entries: dict[str, _Entry]
    by_form: dict[str, str]
    exact: re.Pattern[str]
    lower: tuple[tuple[re.Pattern[str], str], ...]


# Unlisted bodies: a run of capitalised words ending in (or starting with) a word that names a body.
_CAP = r"(?:[A-Z][\w'’&-]*|of|for|and|the|&)"
# the head nouns of bodies' names: public bodies, regulators, accident branches, hospitals and trusts,
# royal colleges, schools, panels, companies
_HEAD = (
    r"(?:Police|Constabulary|Policing|Office|Department|Ministry|Agency|Service|Services|Council|Committee"
    r"|Commission|Authority|Court|Trust|Board|Unit|Directorate|Inspectorate|Brigade|University|Foundation"
    r"|Tribunal|Regulator|Executive|Branch|Hospital|Hospitals|College|Panel|School|Academy|Institute"
    r"|Association|Federation|Ombudsman|Company|Corporation|Ltd|Limited|plc|PLC|Railway|Railways)"
)
_PATTERN = re.compile(
    rf"(?<![\w-])(?:(?:[A-Z][\w'’&-]*\s+)(?:{_CAP}\s+){{0,5}}{_HEAD}"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){{0,3}})?"
    rf"|(?:Ministry|Department|Office|Royal\s+Borough|London\s+Borough|Borough|County|City|(?:Royal\s+)?College"
    rf"|Commission|Inspectorate|Institute|Association|Society|Court|Council|Board|Panel|Committee|Branch|Federation)"
    rf"\s+(?:of|for)"
    rf"\s+(?:{_CAP}\s+){{0,4}}[A-Z][\w'’-]*)(?![\w-])"
)
_INQUIRY = re.compile(r"(?<![\w-])((?:[A-Z][\w'’-]*\s+){1,4})(Inquiry|Review)(?![\w-])")
_POST_WORDS = frozenset({"Chief", "Executive", "Deputy", "Interim", "Acting", "Senior", "Director", "General",
                         "Officer", "Medical", "Nursing", "Head", "Principal", "Permanent", "Secretary", "The"})
_NOT_LEADING = {"The", "A", "An", "This", "That", "Our", "My", "Their", "His", "Her", "Its", "In", "On", "At"}


@cache
def gazetteer() -> _Gazetteer:
    raw = load_lexicon("organisations.yaml")
    entries: dict[str, _Entry] = {}
    by_form: dict[str, str] = {}
    lower: list[tuple[re.Pattern[str], str]] = []
    for item in raw:
        e = _Entry(item["key"], item["name"], item.get("kind", "organisation"), tuple(item.get("aliases", [])))
        entries[e.key] = e
        for form in (e.name, *e.aliases):
            by_form[form] = e.key
        for pat in item.get("lower", []):
            lower.append((re.compile(rf"(?<![\w-]){pat}(?![\w-])", re.IGNORECASE), e.key))
    return _Gazetteer(entries, by_form, word_re(by_form), tuple(lower))


def lookup(name: str) -> str | None:
    """Key of a gazetteer organisation written as ``name`` (any listed form), if any."""
    return gazetteer().by_form.get(name)


def organisation_name(key: str) -> str | None:
    e = gazetteer().entries.get(key)
    return e.name if e else None


def organisation_kind(key: str) -> str:
    e = gazetteer().entries.get(key)
    return e.kind if e else "organisation"


def _overlaps(span: Span, taken: list[Span]) -> bool:
    return any(span.start < t.end and t.start < span.end for t in taken)


def find_organisations(statement: Statement, start: int, end: int) -> list[OrganisationMention]:
    """Organisation mentions in ``statement.text[start:end]``, longest match first, no overlaps."""
    text = statement.text
    g = gazetteer()
    found: list[OrganisationMention] = []
    taken: list[Span] = []

    proposed: list[OrganisationMention] = []

    def add(span: Span, key: str, name: str, kind: str) -> None:
        proposed.append(OrganisationMention(key=key, name=name, span=span, kind=kind))

    for m in g.exact.finditer(text, start, end):
        form = re.sub(r"\s+", " ", m.group(0))
        key = g.by_form.get(form)
        if key is None:
            continue
        s = m.start()
        if form.startswith("the "):  # quote the name, not the article
            s += 4
        e = g.entries[key]
        add(Span(s, m.end()), key, e.name, e.kind)
    for pat, key in g.lower:
        for m in pat.finditer(text, start, end):
            e = g.entries[key]
            # quote only the name itself, not the context that licensed the lower-case match
            inner = re.search(re.escape(e.name), m.group(0), re.IGNORECASE)
            s = m.start() + (inner.start() if inner else 0)
            t = m.start() + (inner.end() if inner else len(m.group(0)))
            add(Span(s, t), key, e.name, e.kind)
    for m in _INQUIRY.finditer(text, start, end):
        words = m.group(1).split()
        while words and words[0] in _NOT_LEADING:
            words.pop(0)
        if not words:
            continue
        name = " ".join([*words, m.group(2)])
        s = m.end() - len(name)
        if text[s : m.end()] != name:
            continue
        add(Span(s, m.end()), slugify(name), name, "inquiry" if m.group(2) == "Inquiry" else "review")
    for m in _PATTERN.finditer(text, start, end):
        words = m.group(0).split()
        while words and words[0] in _NOT_LEADING:
            words.pop(0)
        while words and words[-1] in {"of", "for", "and", "the", "&"}:
            words.pop()
        if len(words) < 2 or set(words) <= _POST_WORDS:
            continue  # "the Chief Executive": a post, not a body
        name = " ".join(words)
        s = text.find(words[0], m.start(), m.end())
        span = Span(s, s + len(name))
        if text[span.start : span.end] != name:
            continue
        key = g.by_form.get(name) or slugify(name)
        kind = g.entries[key].kind if key in g.entries else "organisation"
        add(span, key, g.entries[key].name if key in g.entries else name, kind)
    # the longest name wins where two overlap ("Shrewsbury and Telford Hospital NHS Trust" over "NHS");
    # among equals, the gazetteer's (proposed first)
    order = sorted(range(len(proposed)), key=lambda i: (-(proposed[i].span.end - proposed[i].span.start), i))
    for i in order:
        o = proposed[i]
        if not _overlaps(o.span, taken):
            taken.append(o.span)
            found.append(o)
    found.sort(key=lambda o: o.span)
    return found
