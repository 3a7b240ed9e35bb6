"""Calendar arithmetic for time phrases: lengths, shifted days, period bounds, EDTF spans, occurrences."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from typing import NamedTuple, ParamSpec, TypeVar

from dateutil.relativedelta import relativedelta

from ...model import Offset, Tense


class Dur(NamedTuple):
    """A calendar length: whole months plus days (mixed signs allowed, applied via relativedelta)."""

    months: int
    days: int

    def times(self, n: int) -> Dur:
        return Dur(self.months * n, self.days * n)

    def minus(self, other: Dur) -> Dur:
        return Dur(self.months - other.months, self.days - other.days)

    def plus(self, other: Dur) -> Dur:
        return Dur(self.months + other.months, self.days + other.days)

    def half(self) -> Dur:
        # "around" widens by half: 3 years -> 18 months, a week -> 3 days, a day -> 1 day
        months, rest = divmod(self.months, 2)
        days = self.days // 2 + 15 * rest
        if self.months == 0:
            days = max(1, days) if self.days else 0
        return Dur(months, days)

    def fraction(self, parts: int) -> Dur:
        if self.months and self.months % parts == 0 and not self.days:
            return Dur(self.months // parts, 0)
        return Dur(0, (self.months * 30 + self.days) // parts)

    def offset(self, sign: int) -> Offset:
        years, months = divmod(abs(self.months), 12)
        msign = 1 if self.months >= 0 else -1
        return Offset(years=sign * msign * years, months=sign * msign * months, days=sign * self.days)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def within_calendar(fn: Callable[_P, _R | None], *args: _P.args, **kwargs: _P.kwargs) -> _R | None:
    """``fn(*args)``, or ``None`` when its arithmetic leaves the calendar (before year 1, after 9999).

    A statement dated 9999-12-31 saying "next year" has no reading; the phrase is dropped, never raised.
    """
    try:
        return fn(*args, **kwargs)
    except (OverflowError, ValueError):
        return None


def shift(day: dt.date, off: Offset) -> dt.date:
    """``day`` moved by ``off``, clamped to the calendar (``date.min`` .. ``date.max``)."""
    try:
        return day + relativedelta(years=off.years, months=off.months, days=off.days)
    except (OverflowError, ValueError):
        forward = (off.years * 12 + off.months) * 31 + off.days > 0
        return dt.date.max if forward else dt.date.min


def add_dur(day: dt.date, dur: Dur, sign: int = 1) -> dt.date:
    return shift(day, dur.offset(sign))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def edtf_span(a: dt.date, b: dt.date) -> str:
    """The coarsest EDTF that says exactly ``a``..``b``: a day, month, year or an interval of them."""
    if a == b:
        return a.isoformat()
    if a.month == 1 and a.day == 1 and b.month == 12 and b.day == 31:
        return str(a.year) if a.year == b.year else f"{a.year}/{b.year}"
    if a.day == 1 and b == month_end(b.year, b.month):
        first, last = f"{a.year:04d}-{a.month:02d}", f"{b.year:04d}-{b.month:02d}"
        return first if first == last else f"{first}/{last}"
    return f"{a.isoformat()}/{b.isoformat()}"


def edtf_open(a: dt.date | None, b: dt.date | None) -> str | None:
    if a is None and b is None:
        return None
    if a is not None and b is not None:
        return edtf_span(a, b)
    return f"{a.isoformat() if a else '..'}/{b.isoformat() if b else '..'}"


def choose(spans: Iterable[tuple[dt.date, dt.date]], ref: dt.date, tense: Tense,
            mode: str | None = None) -> tuple[dt.date, dt.date] | None:
    """Pick the occurrence of a recurring period: ``mode`` last/next/this, else by tense.

    Past: the latest one begun on or before the reference date; future: the first one not over
    before it; present: the one containing it, else the nearest (the later one on a tie).
    """
    cands = sorted(spans)
    if mode == "last":
        return max((s for s in cands if s[1] < ref), default=None)
    if mode == "next":
        return min((s for s in cands if s[0] > ref), default=None)
    if mode == "this":
        hit = next((s for s in cands if s[0] <= ref <= s[1]), None)
        if hit is not None:
            return hit
    if tense is Tense.PAST:
        return max((s for s in cands if s[0] <= ref), default=None)
    if tense is Tense.PRESENT:
        hit = next((s for s in cands if s[0] <= ref <= s[1]), None)
        if hit is not None:
            return hit
        return min(cands, key=lambda s: (min(abs((s[0] - ref).days), abs((s[1] - ref).days)), s[0] < ref),
                   default=None)
    return min((s for s in cands if s[1] >= ref), default=None)


def nearby_years(ref: dt.date) -> range:
    return range(max(dt.MINYEAR, ref.year - 5), min(dt.MAXYEAR, ref.year + 5) + 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = month_end(year, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))


def thirds(a: dt.date, b: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """Early / mid / late part of a period: thirds of its months, or of a single month's days."""
    idx = {"early": 0, "mid": 1, "late": 2}[part]
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    whole_months = a.day == 1 and b == month_end(b.year, b.month)
    if whole_months and months >= 3 and months % 3 == 0:
        size = months // 3
        first = a + relativedelta(months=size * idx)
        last = first + relativedelta(months=size) - dt.timedelta(days=1)
        return first, last
    if whole_months and months == 1:
        cuts = [(1, 10), (11, 20), (21, b.day)]
        return a.replace(day=cuts[idx][0]), a.replace(day=cuts[idx][1])
    total = (b - a).days + 1
    lo = a + dt.timedelta(days=total * idx // 3)
    hi = a + dt.timedelta(days=total * (idx + 1) // 3 - 1)
    return lo, max(lo, hi)


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), month_end(year, month)


def unit_bounds(unit: str, ref: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar week (Monday to Sunday), month or year containing ``ref``."""
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return month_span(ref.year, ref.month)
    return dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)


def edtf_approx(centre: dt.date, unit: Dur) -> str:
    """"About ``centre``" at the precision of the unit counted: ``1984~``, ``2024-11~``, ``2024-12-31~``."""
    if unit.months and unit.months % 12 == 0:
        return f"{centre.year:04d}~"
    if unit.months:
        return f"{centre.year:04d}-{centre.month:02d}~"
    return f"{centre.isoformat()}~"
