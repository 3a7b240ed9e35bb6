"""Readers for phrases counted from the statement date: today, weekdays, last week, "immediately"."""

from __future__ import annotations

import datetime as dt
import re

from ...model import Tense
from .dates import choose, month_end, unit_bounds
from .lexicon import fold_key, time_lexicon
from .phrase import Ctx, PhraseTime, period


def read_relday(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    w = fold_key(m["w"])
    if w.startswith("the day before"):
        delta = -2
    elif w.startswith("the day after"):
        delta = 2
    elif w.startswith(("yesterday", "last night")):
        delta = -1
    elif w.startswith("tomorrow"):
        delta = 1
    else:
        delta = 0
    day = c.ref + dt.timedelta(days=delta)
    return period(day, day)


def read_weekday(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    target = time_lexicon().weekdays[m["wd"]]
    mod = m["mod"].lower() if m["mod"] else None
    back = (c.ref.weekday() - target) % 7 or 7  # days back to the previous such day (never today)
    fwd = (target - c.ref.weekday()) % 7 or 7
    if mod == "last":
        delta = -back
    elif mod == "next":
        delta = fwd
    elif c.ref.weekday() == target and (mod == "this" or c.tense is Tense.PRESENT):
        delta = 0
    elif c.ref.weekday() == target and c.tense is Tense.PAST:
        # "on Wednesday" said on a Wednesday, in the past tense: today or a week ago, the text allows both
        return period(c.ref - dt.timedelta(days=7), c.ref, lead=_weekday_lead(m, c))
    elif c.tense is Tense.PRESENT and mod is None:
        delta = -back if back < fwd else fwd  # no tense to go by: the nearer one
    else:
        delta = -back if c.tense is Tense.PAST else fwd
    day = c.ref + dt.timedelta(days=delta)
    return period(day, day, lead=_weekday_lead(m, c))


def _weekday_lead(m: re.Match[str], c: Ctx) -> int:
    possessive = c.text[m.end() : m.end() + 2] in {"'s", "’s"}
    return 0 if m["mod"] or m["pod"] or possessive else 1


def _weekends(ref: dt.date) -> list[tuple[dt.date, dt.date]]:
    saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
    one = dt.timedelta(days=1)
    return [(saturday + dt.timedelta(weeks=k), saturday + dt.timedelta(weeks=k) + one) for k in range(-2, 3)]


def read_relperiod(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    pos, unit = fold_key(m["pos"]), m["u"].lower()
    if unit == "weekend":
        pick = choose(_weekends(c.ref), c.ref, c.tense, pos if pos in {"last", "next"} else "this")
        return period(*pick) if pick else None
    a, b = unit_bounds(unit, c.ref)
    if pos == "last":
        return period(*unit_bounds(unit, a - dt.timedelta(days=1)))
    if pos == "next":
        return period(*unit_bounds(unit, b + dt.timedelta(days=1)))
    if pos == "earlier this" or (pos == "this" and c.tense is Tense.PAST):
        return period(a, c.ref)
    if pos == "later this" or (pos == "this" and c.tense is Tense.FUTURE):
        return period(c.ref, b)
    return period(a, b)


def read_immediate(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    return period(c.ref, c.ref)


def read_new_year(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    year = c.ref.year if c.tense is Tense.PAST else c.ref.year + 1
    return period(dt.date(year, 1, 1), month_end(year, 2), lead=1)


def read_the_unit(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    return period(*unit_bounds(m["u"].split()[-1].lower(), c.ref), lead=2)
