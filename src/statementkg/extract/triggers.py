"""What the event rules share: the trigger lexicon, the candidate event, and small text helpers.

A ``Candidate`` is a trigger being turned into an event mention; ``Context`` is what the
extractor knows about the statement (people, organisations, posts and times found in it).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from functools import cache

from ..event_classes import classes
from ..model import (
    OrganisationMention,
    Participant,
    PersonMention,
    PostMention,
    Span,
    Statement,
    Tense,
    TimeBounds,
    TimeMention,
)
from ..resources import load_lexicon
from .text import Sentence, fold, word_re

JUDGES = frozenset(
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
class EventLexicon:
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
    vehicle_crash: re.Pattern[str]
    false_verbs: re.Pattern[str]


@cache
def word_list(name: str) -> frozenset[str]:
    """A word list from events.yaml (label and term stop words, words that are never places)."""
    return frozenset(load_lexicon("events.yaml")[name])


@cache
def lexicon() -> EventLexicon:
    raw = load_lexicon("events.yaml")
    noun_class: dict[str, str] = {}
    verb_class: dict[str, str] = {}
    for cls in classes().values():
        for n in cls.nouns:
            noun_class[n.lower()] = cls.name
        for v in cls.verbs:
            verb_class[v.lower()] = cls.name
    return EventLexicon(
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
        vehicle_crash=re.compile(raw["vehicle_crash"], re.IGNORECASE),
        false_verbs=word_re(raw["false_verbs"], flags=re.IGNORECASE),
    )


@dataclass
class Candidate:
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
    #: further places of "the attacks at A, B and C" (one event each)
    extra_places: tuple[str, ...] = ()


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
    #: people the statement names with a post (ministers, officials): never a legal step's subject by default
    officials: frozenset[str] = frozenset()


NUMBERS = {
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
COUNT = re.compile(
    r"(?:(?P<num>\d{1,3})|(?P<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of))"
    r"\s+(?:(?:separate|further|repeat|previous|prior|earlier|different|more|other)\s+)*$",
    re.IGNORECASE,
)
DETERMINER = re.compile(
    r"(?:(?P<det>the|that|this|these|those|a|an|its|his|her|their|our|my|each|every|any|no)\s+"
    r"|(?P<poss>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)['’]s\s+)$",
    re.IGNORECASE,
)
MOD_WORD = re.compile(r"(?:[A-Za-z][\w'’-]*)\s+$")
_CAPS = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
PLACE_LIST = re.compile(rf"(?:\s+\w+){{0,4}}?\s+(?:at|in)\s+({_CAPS}(?:\s*,\s*{_CAPS})*(?:\s*,?\s+and\s+{_CAPS})?)")
TITLE_PLACE = re.compile(
    rf"({_CAPS})\s+(attacks?|bombing|shootings?|murders?|stabbings?|fire|derailment|crash|collision|disaster"
    rf"|explosion|collapse|flood|flooding)\b",
    re.IGNORECASE,
)
PLACE_AFTER = re.compile(r"\b(?:in|at|near|outside)\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
CASE_MARKERS = re.compile(
    r"\b(?:in this case|this case|the case|his case|her case|case history|learning review|case review"
    r"|the perpetrator|this attack|the attack|the murders|these murders|how this|contact with"
    r"|homicide review|serious case|care and treatment|care given"
    r"|(?:the|these|those|their|his|her) (?:deaths?|crash|collision|derailment|fire|collapse|disaster|explosion|flood"
    r"|flooding|tragedy|failings|failures|convictions|prosecutions|scandal|contamination))\b",
    re.IGNORECASE,
)


def label_words(text: str, start: int, limit: int) -> tuple[str, int]:
    """Modifier words right before an event noun (adjectives, names, hyphenated words)."""
    words: list[str] = []
    pos = start
    floor = max(0, start - 80)
    while len(words) < limit:
        m = MOD_WORD.search(text, floor, pos)
        if m is None or m.end() != pos:
            break
        w = m.group(0).strip()
        if w.lower() in word_list("label_stopwords"):
            break
        if w.endswith(("’s", "'s")) or re.fullmatch(r"\d+", w) or w.lower() in NUMBERS:
            break
        if w.lower() in word_list("label_verbs"):
            break
        words.insert(0, w)
        pos = m.start()
    return " ".join(words), pos


def complement(text: str, end: int, clause_end: int) -> str:
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


def terms_of(*parts: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", fold(" ".join(parts)))
    return tuple(sorted({w for w in words if w not in word_list("term_stopwords") and len(w) > 2}))


# lower case on purpose: "the Remediation Acceleration Plan to speed up" is a name, not "plan to"
FUTURE = re.compile(
    r"\b(?:[Ww]ill|[Ss]hall|going to|intends? to|plans? to|aims? to|expects? to|is to|are to)\b|['’]ll\b"
)


@functools.lru_cache(maxsize=256)  # asked once per trigger of the same clause
def sentence_tense(text: str) -> Tense:
    """Future when the clause says so, present for "I am today appointing", past otherwise."""
    if FUTURE.search(text):
        return Tense.FUTURE
    t = f" {fold(text)} "
    if re.search(r"\b(?:am|are|is)\s+(?:today\s+|now\s+|also\s+|formally\s+)*\w+ing\b|\btoday\b", t):
        return Tense.PRESENT
    return Tense.PAST


def default_bounds(statement_date: dt.date, tense: Tense, planned: bool, conditional: bool) -> TimeBounds:
    if planned:
        if conditional:
            return TimeBounds()
        return TimeBounds(earliest_begin=statement_date, edtf=f"{statement_date.isoformat()}/..")
    if tense is Tense.PRESENT:
        return TimeBounds(statement_date, statement_date, edtf=statement_date.isoformat())
    return TimeBounds(latest_begin=statement_date, edtf=f"../{statement_date.isoformat()}")


def distance(a: Span, b: Span) -> int:
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0
