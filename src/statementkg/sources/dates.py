"""Strict parsing of the dates statement metadata gives: a date is read exactly, or refused.

Accepted forms: ``2024-12-17``; ISO datetimes (``2024-12-17T15:30:00.000+00:00``, the date as
written, never shifted to another time zone); ``21 January 2025`` (also ``21st Jan 2025``,
``Sept``); ``January 21, 2025``; any of the word forms led by a weekday (``Wednesday 8 February
2023``), which must then be the right weekday.  Anything else is refused, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

# English month and weekday names are the language of the sources, not a locale setting.
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH_WORD = r"[A-Za-z]{3,9}\.?"
_WEEKDAY_WORD = r"(?P<weekday>[A-Za-z]{3,9})\.?,?\s+"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(rf"(?:{_WEEKDAY_WORD})?{_DAY}\s+(?P<month>{_MONTH_WORD})\s+(?P<year>\d{{4}})")
_MONTH_DAY_YEAR = re.compile(rf"(?:{_WEEKDAY_WORD})?(?P<month>{_MONTH_WORD})\s+{_DAY},?\s+(?P<year>\d{{4}})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")

#: the written date forms, for finding a date inside a longer line
DATE_PATTERN = (
    r"(?:(?:[A-Z][a-z]{2,8},?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]+)?)"
)


class DateFormatError(ValueError):
    """The text is not a date in any accepted form; ``str()`` says why."""


def _month_number(word: str) -> int:
    w = word.rstrip(".").lower()
    if w == "sept":
        return 9
    for i, name in enumerate(_MONTHS, 1):
        if w == name or (len(w) == 3 and name.startswith(w)):
            return i
    raise DateFormatError(f"{word!r} is not a month")


def _weekday_number(word: str) -> int:
    w = word.rstrip(".").lower()
    for i, name in enumerate(_WEEKDAYS):
        if len(w) >= 3 and name.startswith(w):
            return i
    raise DateFormatError(f"{word!r} is not a weekday")


def _from_parts(m: re.Match[str]) -> dt.date:
    month = _month_number(m.group("month"))
    try:
        day = dt.date(int(m.group("year")), month, int(m.group("day")))
    except ValueError as exc:
        raise DateFormatError(f"no such day ({exc})") from exc
    if m.group("weekday"):
        weekday = _weekday_number(m.group("weekday"))
        if weekday != day.weekday():
            actual = _WEEKDAYS[day.weekday()].title()
            raise DateFormatError(f"{day.day} {_MONTHS[day.month - 1].title()} {day.year} was a {actual}")
    return day


def parse_date(text: str) -> dt.date:
    """The date ``text`` names, in one of the accepted forms; ``DateFormatError`` otherwise."""
    s = " ".join(text.split())
    try:
        if _ISO_DATE.fullmatch(s):
            return dt.date.fromisoformat(s)
        if _ISO_DATETIME.fullmatch(s):
            return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise DateFormatError(f"no such day ({exc})") from exc
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        m = pattern.fullmatch(s)
        if m:
            return _from_parts(m)
    raise DateFormatError("not a date in a known form such as 21 January 2025 or 2025-01-21")
