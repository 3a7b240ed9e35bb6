"""Offset-preserving sentence and clause splitting, and small text helpers used by the extractors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Span

# A sentence ends at . ! ? (optionally followed by a closing quote) before white space and a capital,
# a digit or an opening quote, or at a blank line; not after an abbreviation that never ends one
# ("Mr.", "Dr.", "St. Thomas", "Rt. Hon.", "hon. Member", "R v. Smith"), an initial ("J. K. Smith"),
# a dotted initialism ("U.K. Government", "e.g."), or, before a number, a month or a reference word
# ("Aug. 7", "Sept. 30, 1998", "No. 10").  "a.m." and "p.m." end a sentence before a capital.
# Compared with pysbd and syntok on tests/data/sentences.yaml by benchmarks/sentences.py.
_SENT_END = re.compile(r"""(?<=[.!?])["'”’)]*(?=\s+["'“‘(]?([A-Z0-9£]))|\n\s*\n""")
_TITLES = ("Mr|Mrs|Ms|Mx|Messrs|Dr|St|Prof|Sr|Jr|Rt|Hon|hon|Gen|Col|Lt|Maj|Capt|Cmdr|Sgt|Cpl|Insp|Supt|Det|"
           "Cllr|Rev|Revd|Sec|Gov|Sen|Rep|Mt|Ft|v|vs|cf|approx|viz")
_BEFORE_NUMBER = ("Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|no|nos|Art|art|para|paras|p|pp|"
                  "Vol|vol|Ch|ch|Cl|cl|Sch|Fig|fig|c|ca|s|ss|r|rr|reg|regs")
_ABBREV = re.compile(rf"(?:(?<![\w.])(?:{_TITLES})|(?<![\w.])[A-Z]|(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z])\.$")
_ABBREV_BEFORE_NUMBER = re.compile(rf"(?<![\w.])(?:{_BEFORE_NUMBER})\.$")
_AM_PM = re.compile(r"(?<![\w.])[ap]\.m\.$", re.IGNORECASE)
_CLAUSE = re.compile(
    r";|,\s+(?:and|but|while|whereas|which|who|whose|where|when)\b|,\s+(?=(?:will|would|shall)\b)"
    r"|(?<!\s)\s+and\s+(?=(?:I|we|he|she|they|it)\b)"  # (?<!\s): tried once per run of spaces
)


@dataclass(frozen=True)
class Sentence:
    span: Span
    text: str

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\"“”'‘’":
        start += 1
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end


def _ends_sentence(text: str, cur: int, m: re.Match[str]) -> bool:
    """Whether the full stop (or ! ?) before the match ends a sentence, or only an abbreviation."""
    before = text[max(cur, m.start() - 20) : m.start()].rstrip("\"'”’)")
    if not before.endswith("."):
        return True
    if _AM_PM.search(before):
        return True
    if _ABBREV.search(before):
        return False
    return not (m.group(1) and m.group(1).isdigit() and _ABBREV_BEFORE_NUMBER.search(before))


def split_sentences(text: str, start: int, end: int) -> list[Sentence]:
    """Sentences of ``text[start:end]`` with absolute spans, leading quotes and spaces trimmed.

    >>> [s.text for s in split_sentences("Mr. Smith met Dr. Jones on Aug. 7. They spoke.", 0, 46)]
    ['Mr. Smith met Dr. Jones on Aug. 7.', 'They spoke.']
    """
    out: list[Sentence] = []
    cur = start
    for m in _SENT_END.finditer(text, start, end):
        blank_line = "\n" in m.group(0)
        if blank_line or _ends_sentence(text, cur, m):
            s, e = _trimmed(text, cur, m.start() if blank_line else m.end())
            if e > s:
                out.append(Sentence(Span(s, e), text[s:e]))
            cur = m.end()
    s, e = _trimmed(text, cur, end)
    if e > s:
        out.append(Sentence(Span(s, e), text[s:e]))
    return out


def clause_bounds(text: str, sentence: Sentence) -> list[Span]:
    """Split a sentence into clauses at semicolons and clause-joining conjunctions."""
    spans: list[Span] = []
    cur = sentence.start
    for m in _CLAUSE.finditer(text, sentence.start, sentence.end):
        if m.start() > cur:
            spans.append(Span(cur, m.start()))
        cur = m.start() + (1 if m.group(0).startswith((";", ",")) else 0)
    spans.append(Span(cur, sentence.end))
    return spans


def clause_of(clauses: Iterable[Span], offset: int) -> Span:
    last: Span | None = None
    for c in clauses:
        last = c
        if c.start <= offset < c.end:
            return c
    assert last is not None
    return last


def slugify(value: str) -> str:
    """Lower-case ASCII slug for IRIs and keys: "Lord David Anderson" -> "lord-david-anderson"."""
    value = value.replace("’", "'").replace("'", "")
    value = re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-").lower()
    return value or "x"


def fold(value: str) -> str:
    """Case- and quote-folded form for comparisons (never for stored text)."""
    return re.sub(r"\s+", " ", value.replace("’", "'").replace("‘", "'")).strip().lower()


def word_re(words: Iterable[str], *, flags: int = 0) -> re.Pattern[str]:
    """One regex matching any of ``words`` as whole words, longest first."""
    alts = sorted({w for w in words if w}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)
