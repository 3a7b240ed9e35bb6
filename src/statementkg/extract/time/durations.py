"""Counted lengths ("three years", "a few weeks") and the readers built on them: ago, in time, within."""

from __future__ import annotations

import re

from ...model import Tense
from .dates import Dur, add_dur, edtf_open
from .lexicon import Unit, fold_key, time_lexicon
from .phrase import Ctx, PhraseTime, period


def parse_count(word: str | None) -> tuple[int, int] | None:
    if word is None:
        return None
    w = fold_key(word)
    if w.isdigit():
        return int(w), int(w)
    return time_lexicon().numbers.get(w)


def _unit_of(word: str) -> tuple[str, Unit]:
    w = word.lower()
    units = time_lexicon().units
    name = w if w in units else w[:-1]
    return name, units[name]


def dur_range(count: tuple[int, int] | None, unit_word: str, qual: str | None,
               count_word: str | None = None) -> tuple[Dur, Dur | None]:
    """The shortest and longest length a counted unit means (``None`` longest: open)."""
    lex = time_lexicon()
    name, unit = _unit_of(unit_word)
    if count is None:  # "within days", "weeks after": a vague number of the plural unit
        count = lex.vague[name]
    if unit.sub_day:
        lo, hi = Dur(0, 0), Dur(0, 1)
    else:
        lo, hi = unit.dur.times(count[0]), unit.dur.times(count[1])
    kind = lex.approximators.get(fold_key(qual)) if qual else None
    if kind is None and count_word and fold_key(count_word) in {"a", "an"} and name in lex.loose_with_a:
        kind = "around"
    if kind == "around":
        return lo.minus(lo.half()), hi.plus(hi.half())
    if kind == "nearly":
        return lo.minus(lo.half()), hi
    if kind in {"more_than", "at_least"}:
        return lo, None
    if kind == "up_to":
        return Dur(0, 0), hi
    return lo, hi


def read_rolling(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    count = parse_count(m["n"]) if m["n"] else None
    if count is None and not m["u"].lower().endswith("s"):
        count = (1, 1)  # "the past year"
    _lo, hi = dur_range(count, m["u"], None)
    assert hi is not None
    if m["dir"].lower() in {"past", "last"}:
        return period(add_dur(c.ref, hi, -1), c.ref)
    return period(c.ref, add_dur(c.ref, hi))


def read_recent(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    if not m["u"].lower().endswith("s"):
        return None
    _lo, hi = dur_range(None, m["u"], None)
    assert hi is not None
    return period(add_dur(c.ref, hi, -1), c.ref, lead=1)


def read_ago(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    lo, hi = dur_range(parse_count(m["n"]), m["u"], m["q"], m["n"])
    earliest = add_dur(c.ref, hi, -1) if hi is not None else None
    return PhraseTime(earliest, add_dur(c.ref, lo, -1), edtf_open(earliest, add_dur(c.ref, lo, -1)))


def read_in_time(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    if not m["t"] and c.cue not in {Tense.FUTURE, Tense.PRESENT}:
        return None  # "in two years, referrals doubled" is a duration
    lo, hi = dur_range(parse_count(m["n"]), m["u"], m["q"])
    if hi is None:
        return None
    widen = time_lexicon().in_time_widening
    lo, hi = lo.minus(lo.fraction(widen)), hi.plus(hi.fraction(widen))
    return period(add_dur(c.ref, lo), add_dur(c.ref, hi))


def read_within(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    if c.cue not in {Tense.FUTURE, Tense.PRESENT}:
        return None  # past, or no cue: within what of what?
    _lo, hi = dur_range(parse_count(m["n"]) if m["n"] else None, m["u"], None)
    if hi is None or (m["n"] is None and not m["u"].lower().endswith("s")):
        return None
    return period(c.ref, add_dur(c.ref, hi))
