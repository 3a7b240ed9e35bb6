"""Counted lengths ("three years", "a few weeks") and the readers built on them: ago, in time, within."""

from __future__ import annotations

import datetime as dt
import re

from ...model import Tense
from .dates import Dur, add_dur, edtf_approx, edtf_open, edtf_span, month_span
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


def counted_from(a: dt.date, b: dt.date, count_word: str | None, unit_word: str, qual: str | None, sign: int,
                 anchor: str = "statement") -> PhraseTime | None:
    """The begin window N units before (``sign`` -1) or after (+1) the window ``a``..``b``.

    "41 years ago", "a year earlier", "two days later": an exact distance is widened by the unit's
    ``blur`` on each side (years +- 6 months, months +- 15 days, weeks +- 3 days, days exact) unless
    ``a``..``b`` is already as wide as the unit; EDTF says "about" at the unit's precision (``1984~``).
    "nearly N" runs from N units to N less half a unit; "more than N" is open beyond N units.
    """
    lex = time_lexicon()
    _name, unit = _unit_of(unit_word)
    count = parse_count(count_word) if count_word else None
    if count is None and count_word:
        return None
    lo, hi = dur_range(count, unit_word, qual, count_word)
    kind = lex.approximators.get(fold_key(qual)) if qual else None
    unit_days = unit.dur.months * 30 + unit.dur.days
    blur = unit.blur if (b - a).days < unit_days and kind in {None, "exactly"} else Dur(0, 0)
    if kind == "nearly" and count and not unit.sub_day:
        far = unit.dur.times(count[1])
        lo, hi = far.minus(unit.blur if unit.blur != Dur(0, 0) else unit.dur.half()), far
    if sign < 0:
        earliest = add_dur(add_dur(a, hi, -1), blur, -1) if hi is not None else None
        latest: dt.date | None = add_dur(add_dur(b, lo, -1), blur)
    else:
        earliest = add_dur(add_dur(a, lo), blur, -1)
        latest = add_dur(add_dur(b, hi), blur) if hi is not None else None
    if earliest is not None and latest is not None and earliest > latest:
        return None
    edtf: str | None
    if blur != Dur(0, 0) and count and count[0] == count[1]:
        edtf = edtf_approx(add_dur(a, unit.dur.times(count[0]), sign), unit.dur)
    else:
        edtf = edtf_open(earliest, latest)
    return PhraseTime(earliest, latest, edtf, anchor)


def read_ago(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    """"41 years ago" (+- 6 months), "almost 20 years ago", "20 years ago this week" (conventions)."""
    if m["tail"]:
        return _ago_then(m, c)
    return counted_from(c.ref, c.ref, m["n"], m["u"], m["q"], -1)


def _ago_then(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    """"20 years ago this week": N units back, then that week (+- 3 days), that month or the next one."""
    count = parse_count(m["n"])
    if count is None or count[0] != count[1] or m["q"]:
        return None
    _name, unit = _unit_of(m["u"])
    base = add_dur(c.ref, unit.dur.times(count[0]), -1)
    tail = fold_key(m["tail"])
    step = {"last": -1, "this": 0, "next": 1}.get(tail.split()[0], 0)
    if tail.endswith("week"):
        mid = base + dt.timedelta(weeks=step)
        a, b = mid - dt.timedelta(days=3), mid + dt.timedelta(days=3)
        return PhraseTime(a, b, edtf_span(a, b))
    if tail.endswith("month"):
        first = add_dur(base.replace(day=1), Dur(step, 0))
        return period(*month_span(first.year, first.month))
    day = base + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(tail, 0))
    return period(day, day)


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
