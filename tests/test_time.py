"""Time normaliser: phrases in statement prose -> begin windows, EDTF and anchors, per conventions.md."""

from __future__ import annotations

import datetime as dt
import doctest
import time
from functools import cache
from itertools import pairwise
from pathlib import Path

import edtf
import pytest
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

import statementkg.extract.time as time_module
from statementkg.extract.text import split_sentences
from statementkg.extract.time import apply_anchor, detect_tense, find_time_mentions, parse_time_phrase
from statementkg.model import EventAnchor, Offset, Span, Tense, TimeBounds, TimeMention

PAST, PRESENT, FUTURE = Tense.PAST, Tense.PRESENT, Tense.FUTURE
D = dt.date.fromisoformat
DEV = Path(__file__).parent / "data" / "dev"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]


@cache
def _parse_edtf(value: str) -> None:
    edtf.parse_edtf(value)  # raises on anything that is not EDTF


def _canonical_edtf(value: str) -> str:
    """Same EDTF shape with the values checked and replaced by fixed ones (the parser takes ~10 ms a call)."""
    parts = []
    for part in value.split("/"):
        if part == "..":
            parts.append(part)
            continue
        if part.endswith("~"):
            parts.append(_canonical_edtf(part[:-1]) + "~")
            continue
        fields = part.split("-")
        if len(fields) == 1 and fields[0].endswith("X"):
            parts.append("199X")
            continue
        year, rest = int(fields[0]), [int(f) for f in fields[1:]]
        if len(rest) == 2:
            dt.date(year, rest[0], rest[1])  # a real day
            parts.append("2000-01-01")
        elif rest:
            assert 1 <= rest[0] <= 12 or 21 <= rest[0] <= 24 or 33 <= rest[0] <= 36, value
            parts.append("2000-01" if rest[0] <= 12 else "2000-21" if rest[0] <= 24 else "2000-33")
        else:
            parts.append("2000")
    return "/".join(parts)


def _check_edtf(value: str | None, exact: bool = True) -> None:
    """Every EDTF string emitted must parse; property tests parse its shape once (``exact=False``)."""
    if value is not None:
        _parse_edtf(value if exact else _canonical_edtf(value))


def _mentions(text: str, ref: str, tense: Tense | None = None, exact: bool = True) -> list[TimeMention]:
    found = find_time_mentions(text, 0, len(text), D(ref), tense)
    for m in found:
        assert text[m.span.start : m.span.end] == m.text
        _check_edtf(m.bounds.edtf, exact)
    return found


def _one(text: str, ref: str, tense: Tense | None = None, exact: bool = True) -> TimeMention:
    found = _mentions(text, ref, tense, exact)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# ---------------------------------------------------------------- every row of the conventions table

# phrase, reference date, tense, earliest begin, latest begin, EDTF
CONVENTIONS: list[tuple[str, str, Tense, str | None, str | None, str]] = [
    # a full date is that day
    ("21 January 2025", "2025-01-21", PAST, "2025-01-21", "2025-01-21", "2025-01-21"),
    ("on 26 January 2021", "2025-01-21", PAST, "2021-01-26", "2021-01-26", "2021-01-26"),
    ("22 October 2019", "2023-03-06", FUTURE, "2019-10-22", "2019-10-22", "2019-10-22"),
    ("January 21, 2025", "2025-01-21", PAST, "2025-01-21", "2025-01-21", "2025-01-21"),
    ("2025-01-21", "2024-01-01", PAST, "2025-01-21", "2025-01-21", "2025-01-21"),
    ("Wednesday 8 February 2023", "2023-02-08", PRESENT, "2023-02-08", "2023-02-08", "2023-02-08"),
    # day and month without a year: nearest year in the direction of the tense
    ("on 21 January", "2025-04-07", PAST, "2025-01-21", "2025-01-21", "2025-01-21"),
    ("on 21 January", "2025-04-07", FUTURE, "2026-01-21", "2026-01-21", "2026-01-21"),
    ("on 29 November", "2020-02-03", PAST, "2019-11-29", "2019-11-29", "2019-11-29"),
    ("on 30 January", "2024-01-30", PAST, "2024-01-30", "2024-01-30", "2024-01-30"),
    ("15 October last year", "2022-04-19", PAST, "2021-10-15", "2021-10-15", "2021-10-15"),
    # today, this morning, this afternoon
    ("today", "2025-01-21", PRESENT, "2025-01-21", "2025-01-21", "2025-01-21"),
    ("today", "2025-01-21", PAST, "2025-01-21", "2025-01-21", "2025-01-21"),
    ("this morning", "2024-09-04", PAST, "2024-09-04", "2024-09-04", "2024-09-04"),
    ("this afternoon", "2024-09-04", FUTURE, "2024-09-04", "2024-09-04", "2024-09-04"),
    # yesterday / tomorrow
    ("yesterday", "2020-02-27", PAST, "2020-02-26", "2020-02-26", "2020-02-26"),
    ("yesterday afternoon", "2020-02-03", PAST, "2020-02-02", "2020-02-02", "2020-02-02"),
    ("tomorrow", "2024-12-31", FUTURE, "2025-01-01", "2025-01-01", "2025-01-01"),
    # weekdays: the most recent before the statement date (past); the next one (future)
    ("on Saturday", "2025-01-21", PAST, "2025-01-18", "2025-01-18", "2025-01-18"),
    ("on Saturday", "2025-01-21", FUTURE, "2025-01-25", "2025-01-25", "2025-01-25"),
    ("on Sunday", "2021-11-16", PAST, "2021-11-14", "2021-11-14", "2021-11-14"),
    ("last Thursday", "2023-03-06", PAST, "2023-03-02", "2023-03-02", "2023-03-02"),
    ("last Thursday", "2023-03-09", PAST, "2023-03-02", "2023-03-02", "2023-03-02"),
    ("next Monday", "2025-01-21", FUTURE, "2025-01-27", "2025-01-27", "2025-01-27"),
    # months (year by tense)
    ("September 2024", "2025-01-21", PAST, "2024-09-01", "2024-09-30", "2024-09"),
    ("in August 2020", "2023-03-06", PAST, "2020-08-01", "2020-08-31", "2020-08"),
    ("in September", "2025-01-21", PAST, "2024-09-01", "2024-09-30", "2024-09"),
    ("in September", "2025-01-21", FUTURE, "2025-09-01", "2025-09-30", "2025-09"),
    ("In July", "2024-12-17", PAST, "2024-07-01", "2024-07-31", "2024-07"),
    ("in July", "2024-07-15", FUTURE, "2024-07-01", "2024-07-31", "2024-07"),
    ("in May last year", "2020-02-03", PAST, "2019-05-01", "2019-05-31", "2019-05"),
    # last month / next month / earlier this month
    ("last month", "2025-01-21", PAST, "2024-12-01", "2024-12-31", "2024-12"),
    ("next month", "2025-04-07", FUTURE, "2025-05-01", "2025-05-31", "2025-05"),
    ("earlier this month", "2025-02-26", PAST, "2025-02-01", "2025-02-26", "2025-02-01/2025-02-26"),
    ("this month", "2020-02-03", FUTURE, "2020-02-03", "2020-02-29", "2020-02-03/2020-02-29"),
    # years
    ("2019", "2023-02-08", PAST, "2019-01-01", "2019-12-31", "2019"),
    ("in 2019", "2023-02-08", PAST, "2019-01-01", "2019-12-31", "2019"),
    # last year / this year / next year
    ("last year", "2025-01-21", PAST, "2024-01-01", "2024-12-31", "2024"),
    ("this year", "2025-01-21", PAST, "2025-01-01", "2025-01-21", "2025-01-01/2025-01-21"),
    ("this year", "2025-01-21", FUTURE, "2025-01-21", "2025-12-31", "2025-01-21/2025-12-31"),
    ("next year", "2024-12-17", FUTURE, "2025-01-01", "2025-12-31", "2025"),
    ("earlier this year", "2024-09-03", PAST, "2024-01-01", "2024-09-03", "2024-01-01/2024-09-03"),
    # later this year
    ("later this year", "2023-02-08", FUTURE, "2023-02-08", "2023-12-31", "2023-02-08/2023-12-31"),
    # seasons: meteorological, year by tense
    ("the summer", "2025-01-21", PAST, "2024-06-01", "2024-08-31", "2024-22"),
    ("during the summer", "2025-01-21", PAST, "2024-06-01", "2024-08-31", "2024-22"),
    ("during the summer", "2024-09-03", PAST, "2024-06-01", "2024-08-31", "2024-22"),
    ("in the autumn", "2024-09-03", FUTURE, "2024-09-01", "2024-11-30", "2024-23"),
    ("In the spring", "2020-02-27", FUTURE, "2020-03-01", "2020-05-31", "2020-21"),
    ("in the winter", "2025-03-10", PAST, "2024-12-01", "2025-02-28", "2024-12/2025-02"),
    ("summer 2024", "2025-01-21", FUTURE, "2024-06-01", "2024-08-31", "2024-22"),
    ("in the summer of 2017", "2025-02-26", PAST, "2017-06-01", "2017-08-31", "2017-22"),
    ("last summer", "2024-07-15", PAST, "2023-06-01", "2023-08-31", "2023-22"),
    # before Christmas: latest 24 Dec of the nearest Christmas in the tense's direction, earliest open
    ("before Christmas", "2025-01-21", PAST, None, "2024-12-24", "../2024-12-24"),
    ("before Christmas", "2024-12-17", FUTURE, None, "2024-12-24", "../2024-12-24"),
    ("before Christmas", "2025-01-21", FUTURE, None, "2025-12-24", "../2025-12-24"),
    # since 2021
    ("since 2021", "2025-01-21", PAST, "2021-01-01", "2025-01-21", "2021-01-01/2025-01-21"),
    # in the new year: January-February of the next year
    ("in the new year", "2024-12-17", FUTURE, "2025-01-01", "2025-02-28", "2025-01/2025-02"),
    # holidays: the day, year by tense
    ("Christmas", "2025-01-21", PAST, "2024-12-25", "2024-12-25", "2024-12-25"),
    ("at Christmas", "2025-01-21", FUTURE, "2025-12-25", "2025-12-25", "2025-12-25"),
    ("Christmas Eve", "2025-01-21", PAST, "2024-12-24", "2024-12-24", "2024-12-24"),
    ("Boxing Day", "2025-01-21", PAST, "2024-12-26", "2024-12-26", "2024-12-26"),
    ("New Year's Day", "2025-01-21", PAST, "2025-01-01", "2025-01-01", "2025-01-01"),
    ("New Year’s Day", "2025-01-21", FUTURE, "2026-01-01", "2026-01-01", "2026-01-01"),
    ("Easter Sunday", "2025-01-21", PAST, "2024-03-31", "2024-03-31", "2024-03-31"),
    ("Easter Sunday", "2025-01-21", FUTURE, "2025-04-20", "2025-04-20", "2025-04-20"),
    ("on Remembrance Sunday", "2021-11-16", PAST, "2021-11-14", "2021-11-14", "2021-11-14"),
    ("Remembrance Sunday", "2025-01-21", FUTURE, "2025-11-09", "2025-11-09", "2025-11-09"),
    ("Armistice Day", "2025-01-21", PAST, "2024-11-11", "2024-11-11", "2024-11-11"),
    ("the early May bank holiday", "2025-01-21", FUTURE, "2025-05-05", "2025-05-05", "2025-05-05"),
    ("the early May bank holiday in 2020", "2025-01-21", PAST, "2020-05-08", "2020-05-08", "2020-05-08"),
    ("the spring bank holiday", "2025-01-21", FUTURE, "2025-05-26", "2025-05-26", "2025-05-26"),
    ("the spring bank holiday in 2022", "2025-01-21", PAST, "2022-06-02", "2022-06-02", "2022-06-02"),
    ("the summer bank holiday", "2025-01-21", FUTURE, "2025-08-25", "2025-08-25", "2025-08-25"),
    # within two years (future); in a year's time
    ("within two years", "2025-01-21", FUTURE, "2025-01-21", "2027-01-21", "2025-01-21/2027-01-21"),
    ("within six months", "2024-09-04", FUTURE, "2024-09-04", "2025-03-04", "2024-09-04/2025-03-04"),
    ("in a year's time", "2023-02-08", FUTURE, "2023-12-08", "2024-04-08", "2023-12-08/2024-04-08"),
    # immediately, at once
    ("immediately", "2025-01-21", FUTURE, "2025-01-21", "2025-01-21", "2025-01-21"),
    ("at once", "2025-01-21", PAST, "2025-01-21", "2025-01-21", "2025-01-21"),
    # N years / months / weeks ago: widened by half a unit each side, EDTF approximate; days exact
    ("41 years ago", "2025-01-21", PAST, "1983-07-21", "1984-07-21", "1984~"),
    ("a year ago", "2025-01-21", PAST, "2023-07-21", "2024-07-21", "2024~"),
    ("two months ago", "2025-01-21", PAST, "2024-11-06", "2024-12-06", "2024-11~"),
    ("three weeks ago", "2025-01-21", PAST, "2024-12-28", "2025-01-03", "2024-12-31~"),
    ("ten days ago", "2025-01-21", PAST, "2025-01-11", "2025-01-11", "2025-01-11"),
    ("about two years ago", "2025-01-21", PAST, "2022-01-21", "2024-01-21", "2022-01-21/2024-01-21"),
    # N years ago this week / next month
    ("20 years ago this week", "2025-01-21", PAST, "2005-01-18", "2005-01-24", "2005-01-18/2005-01-24"),
    ("20 years ago next month", "2025-01-21", FUTURE, "2005-02-01", "2005-02-28", "2005-02"),
    ("ten years ago today", "2025-01-21", PAST, "2015-01-21", "2015-01-21", "2015-01-21"),
    # almost / nearly N years ago: N units back to N less half a unit; more than N: open before N
    ("almost 20 years ago", "2025-01-21", PAST, "2005-01-21", "2005-07-21", "2005-01-21/2005-07-21"),
    ("nearly two months ago", "2025-01-21", PAST, "2024-11-21", "2024-12-06", "2024-11-21/2024-12-06"),
    ("more than 20 years ago", "2025-01-21", PAST, None, "2005-01-21", "../2005-01-21"),
    # US order and abbreviated months, with or without a full stop
    ("Aug. 7", "2025-01-21", PAST, "2024-08-07", "2024-08-07", "2024-08-07"),
    ("on Aug 7", "2025-01-21", FUTURE, "2025-08-07", "2025-08-07", "2025-08-07"),
    ("on Sept. 30, 1998", "2025-01-21", PAST, "1998-09-30", "1998-09-30", "1998-09-30"),
    ("August 7, 1998", "2025-01-21", PAST, "1998-08-07", "1998-08-07", "1998-08-07"),
    # early / mid / late March and 2024; the end of 2023, the start of 2024
    ("in early March", "2025-01-21", PAST, "2024-03-01", "2024-03-10", "2024-03-01/2024-03-10"),
    ("in mid-March", "2025-01-21", PAST, "2024-03-11", "2024-03-20", "2024-03-11/2024-03-20"),
    ("in late March", "2025-01-21", FUTURE, "2025-03-21", "2025-03-31", "2025-03-21/2025-03-31"),
    ("in early 2024", "2025-01-21", PAST, "2024-01-01", "2024-04-30", "2024-01/2024-04"),
    ("in mid-2024", "2025-01-21", PAST, "2024-05-01", "2024-08-31", "2024-05/2024-08"),
    ("in late 2024", "2025-01-21", PAST, "2024-09-01", "2024-12-31", "2024-09/2024-12"),
    ("at the end of 2023", "2025-01-21", PAST, "2023-10-01", "2023-12-31", "2023-10/2023-12"),
    ("at the start of 2024", "2025-01-21", PAST, "2024-01-01", "2024-03-31", "2024-01/2024-03"),
    # quarters and financial years
    ("in the third quarter of 2024", "2025-01-21", PAST, "2024-07-01", "2024-09-30", "2024-35"),
    ("in Q3 2024", "2025-01-21", PAST, "2024-07-01", "2024-09-30", "2024-35"),
    ("in the first quarter", "2025-01-21", FUTURE, "2025-01-01", "2025-03-31", "2025-33"),
    ("in the 2024-25 financial year", "2025-01-21", PAST, "2024-04-01", "2025-03-31", "2024-04/2025-03"),
    ("in the financial year 2024-25", "2025-01-21", PAST, "2024-04-01", "2025-03-31", "2024-04/2025-03"),
    # the statement's own weekday in the past tense: a week before to the statement date
    ("on Tuesday", "2025-01-21", PAST, "2025-01-14", "2025-01-21", "2025-01-14/2025-01-21"),
]


@pytest.mark.parametrize(("phrase", "ref", "tense", "earliest", "latest", "edtf_value"), CONVENTIONS)
def test_conventions_table(phrase: str, ref: str, tense: Tense, earliest: str | None, latest: str | None,
                           edtf_value: str) -> None:
    bounds = parse_time_phrase(phrase, D(ref), tense)
    assert bounds is not None, phrase
    assert bounds.earliest_begin == (D(earliest) if earliest else None)
    assert bounds.latest_begin == (D(latest) if latest else None)
    assert bounds.edtf == edtf_value
    _check_edtf(bounds.edtf)
    # the same phrase found in running text gives the same bounds ("the summer", "Christmas" need a
    # preposition before them to count in running text)
    found = _mentions(f"It said {phrase}.", ref, tense) or _mentions(f"It said over {phrase}.", ref, tense)
    assert [m.bounds for m in found] == [bounds]


# event-anchored rows: phrase, anchor phrase, earliest offset, latest offset
ANCHORED: list[tuple[str, str, Offset | None, Offset | None]] = [
    ("within days of the attack", "the attack", Offset(), Offset(days=14)),
    ("the day after the fire", "the fire", Offset(days=1), Offset(days=1)),
    ("the day before the trial", "the trial", Offset(days=-1), Offset(days=-1)),
    ("a week before the attack", "the attack", Offset(days=-10), Offset(days=-4)),
    ("around a week before the attack", "the attack", Offset(days=-10), Offset(days=-4)),
    ("about a week before the attack", "the attack", Offset(days=-10), Offset(days=-4)),
    ("3 years before the attack", "the attack", Offset(years=-3), Offset(years=-3)),
    ("seven years before the murder", "the murder", Offset(years=-7), Offset(years=-7)),
    ("between 3 and 4 years before the Southport attack", "the Southport attack", Offset(years=-4),
     Offset(years=-3)),
    ("around 3 years before the attack", "the attack", Offset(years=-4, months=-6),
     Offset(years=-1, months=-6)),
    ("two months after the fire", "the fire", Offset(months=2), Offset(months=2)),
    ("ten days before the attack", "the attack", Offset(days=-10), Offset(days=-10)),
    ("following the sentencing", "the sentencing", Offset(), None),
    ("after the attack", "the attack", Offset(), None),
    ("before the trial", "the trial", None, Offset()),
    ("shortly after the attack", "the attack", Offset(), Offset(months=1)),
    ("immediately after the attack", "the attack", Offset(), Offset()),
    ("within two weeks of the stabbing", "the stabbing", Offset(), Offset(days=14)),
    ("in response to the fire", "the fire", Offset(), None),
    ("in the days after the attack", "the attack", Offset(days=1), Offset(days=14)),
]


@pytest.mark.parametrize(("phrase", "anchor", "earliest", "latest"), ANCHORED)
def test_event_anchored_rows(phrase: str, anchor: str, earliest: Offset | None,
                             latest: Offset | None) -> None:
    text = f"Officers acted {phrase}, as the report says."
    m = _one(text, "2025-01-21")
    assert m.text == phrase
    assert m.anchor == "event"
    assert m.bounds == TimeBounds()
    ea = m.event_anchor
    assert ea is not None
    assert ea.phrase == anchor
    assert text[ea.span.start : ea.span.end] == anchor
    assert (ea.earliest, ea.latest) == (earliest, latest)
    assert parse_time_phrase(phrase, D("2025-01-21"), PAST) == TimeBounds()


def test_anchor_phrase_stops_at_clause_and_time_phrases() -> None:
    text = ("The 3 referrals took place between 3 and 4 years before the Southport attack, including "
            "following evidence he was expressing interest in school shootings.")
    m = _one(text, "2025-01-21")
    assert m.text == "between 3 and 4 years before the Southport attack"
    assert m.event_anchor is not None and m.event_anchor.phrase == "the Southport attack"
    assert m.tense is PAST

    text = "This is about the care given before the attacks in Nottingham on 13 June last year."
    anchored, dated = _mentions(text, "2024-01-30")
    assert anchored.event_anchor is not None and anchored.event_anchor.phrase == "the attacks in Nottingham"
    assert dated.text == "on 13 June last year" and dated.bounds.edtf == "2023-06-13"

    text = "In my statement on 3 February, the day after the attack in Streatham, I said so."
    dated, anchored = _mentions(text, "2020-02-27")
    assert dated.bounds.edtf == "2020-02-03"
    assert anchored.event_anchor is not None and anchored.event_anchor.phrase == "the attack in Streatham"

    for text in ("The Act is named after Martyn Hett.", "We have laid before Parliament the regulations.",
                 "He was released before they had served their sentences.", "He said so after release.",
                 "before it ended", "including following evidence he was expressing interest"):
        assert not [m for m in _mentions(text, "2025-01-21") if m.anchor == "event"], text


# ---------------------------------------------------------------- dev sentences


def test_dev_sentences() -> None:
    m = _one("The government commissioned an immediate prevent learning review during the summer.",
             "2025-01-21")
    assert (m.text, m.bounds.edtf) == ("during the summer", "2024-22")
    assert (m.bounds.earliest_begin, m.bounds.latest_begin) == (D("2024-06-01"), D("2024-08-31"))

    m = _one("In July I commissioned a rapid review of the Government's approach.", "2024-12-17")
    assert (m.text, m.bounds.earliest_begin, m.bounds.latest_begin) == ("In July", D("2024-07-01"),
                                                                        D("2024-07-31"))

    m = _one("That is why I announced before Christmas the introduction of a new Commissioner.", "2025-01-21")
    assert (m.bounds.earliest_begin, m.bounds.latest_begin, m.bounds.edtf) == (None, D("2024-12-24"),
                                                                             "../2024-12-24")
    assert (m.anchor, m.holiday) == ("holiday", "Christmas Day")

    m = _one("Some changes have already been made since 2021 including new guidance.", "2025-01-21")
    assert (m.text, m.bounds.edtf) == ("since 2021", "2021-01-01/2025-01-21")

    m = _one("In September 2024, a new Prevent assessment framework was launched.", "2025-01-21")
    assert (m.text, m.bounds.edtf, m.anchor) == ("In September 2024", "2024-09", "absolute")

    m = _one("The inquiry report, which was published last Thursday, is the third volume.", "2023-03-06")
    assert m.bounds.edtf == "2023-03-02"

    m = _one("We will publish new Prevent duty guidance later this year.", "2023-02-08")
    assert (m.tense, m.bounds.edtf) == (FUTURE, "2023-02-08/2023-12-31")

    m = _one("I will report to the House on progress in a year's time.", "2023-02-08")
    assert (m.bounds.earliest_begin, m.bounds.latest_begin) == (D("2023-12-08"), D("2024-04-08"))

    m = _one("His brother, who was sentenced in August 2020 to a minimum of 55 years, helped him.",
             "2023-03-06")
    assert (m.text, m.bounds.edtf) == ("in August 2020", "2020-08")

    text = ("I am today appointing Lord David Anderson KC as the interim Prevent Commissioner, to start work "
            "immediately.")
    today, now = _mentions(text, "2025-01-21")
    assert today.text == "today" and today.tense is PRESENT and today.bounds.edtf == "2025-01-21"
    assert now.text == "immediately" and now.bounds.edtf == "2025-01-21"

    m = _one("It begins its work today.", "2025-04-07")
    assert m.bounds.edtf == "2025-04-07"

    m = _one("Funding will rise by £140 million next year, to £1,160 million.", "2024-12-17")
    assert (m.text, m.bounds.edtf) == ("next year", "2025")


def test_tense_is_read_near_each_phrase() -> None:
    text = ("Dr Penny Dash's independent review, whose interim findings were published in July, will report "
            "in full in the autumn.")
    july, autumn = _mentions(text, "2024-09-03")
    assert (july.tense, july.bounds.edtf) == (PAST, "2024-07")
    assert (autumn.tense, autumn.bounds.edtf) == (FUTURE, "2024-23")
    m = _one("The first part of the review, published in March, looked at the care.", "2024-09-03")
    assert m.bounds.edtf == "2024-03"
    m = _one("In May the court decided that the hospital order should stand.", "2024-09-03")
    assert m.bounds.edtf == "2024-05"
    # a cue far away does not govern: the nearest occurrence, or the past if the sentence tells only of it
    m = _one("I will make a statement on the explosion outside Liverpool Women's Hospital on Sunday.",
             "2021-11-16")
    assert m.bounds.edtf == "2021-11-14"
    m = _mentions("This is the second incident in little more than a month to be declared a terrorist incident, "
                  "after the murder of our friend Sir David Amess on 15 October.", "2021-11-16")[-1]
    assert (m.text, m.bounds.edtf) == ("on 15 October", "2021-10-15")
    late = _mentions("The plan was published in early 2024 and revised in mid-2024, then again in late summer.",
                     "2025-01-21")[-1]
    assert (late.text, late.bounds.edtf) == ("in late summer", "2024-08")
    text = ("The Prime Minister apologised on behalf of the state and committed to respond to the report within "
            "six months.")
    assert not _mentions(text, "2025-02-26")  # within six months of what: not of this statement


def test_detect_tense() -> None:
    assert detect_tense("I will publish detailed findings following the sentencing.") is FUTURE
    assert detect_tense("We shall return to this.") is FUTURE
    assert detect_tense("The Home Office is going to publish a strategy.") is FUTURE
    assert detect_tense("We plan to consult on the detail later this year.") is FUTURE
    assert detect_tense("The 3 referrals took place between 3 and 4 years before the attack.") is PAST
    assert detect_tense("The learning review has concluded that the referrals should not have been closed.") \
        is PAST
    assert detect_tense("In July I commissioned a rapid review.") is PAST
    assert detect_tense("A new framework was launched.") is PAST
    assert detect_tense("I am today appointing Lord David Anderson KC as the interim Prevent Commissioner.") \
        is PRESENT
    assert detect_tense("It begins its work today.") is PRESENT
    assert detect_tense("We need detailed findings.") is PRESENT


def test_discourse_phrases_take_the_previous_date() -> None:
    text = ("In the early hours of 14 June 2017, a fire started. The day after the fire, the Prime Minister "
            "announced an inquiry, and later that month a judge was appointed. The following day he met "
            "them.")
    got = [(m.text, m.bounds.edtf) for s in split_sentences(text, 0, len(text))
           for m in find_time_mentions(text, s.start, s.end, D("2024-09-04"))]
    assert got == [("14 June 2017", "2017-06-14"), ("The day after the fire", None),
                   ("later that month", "2017-06-14/2017-06-30"), ("The following day", "2017-06-15")]
    assert not find_time_mentions("Later that month he left.", 0, 25, D("2024-09-04"))
    text = "His first report, published on 30 October 2019, dealt with the events of that night."
    assert [m.text for m in _mentions(text, "2024-09-04")] == ["on 30 October 2019"]


def test_operators_and_ranges() -> None:
    cases = {
        ("We will publish by the end of March 2025.", "2025-01-21"): ("2025-01-21", "2025-03-31"),
        ("We will act by the end of the year.", "2025-01-21"): ("2025-01-21", "2025-12-31"),
        ("It was revised in early 2024.", "2025-01-21"): ("2024-01-01", "2024-04-30"),
        ("It was revised in mid-2024.", "2025-01-21"): ("2024-05-01", "2024-08-31"),
        ("It was revised in late May 2024.", "2025-01-21"): ("2024-05-21", "2024-05-31"),
        ("Between 2019 and 2021 it grew.", "2025-01-21"): ("2019-01-01", "2021-12-31"),
        ("It happened between 14 and 16 June 2017.", "2025-01-21"): ("2017-06-14", "2017-06-16"),
        ("It was paid in 2024-25.", "2025-01-21"): ("2024-04-01", "2025-03-31"),
        ("It was rare in the 1990s.", "2025-01-21"): ("1990-01-01", "1999-12-31"),
        ("Two years ago the review began.", "2025-01-21"): ("2022-07-21", "2023-07-21"),
        ("Several years ago it was planned.", "2025-01-21"): ("2017-07-21", "2022-07-21"),
        ("Over the past three years numbers rose.", "2025-01-21"): ("2022-01-21", "2025-01-21"),
        ("We will report in the coming weeks.", "2025-01-21"): ("2025-01-21", "2025-03-18"),
        ("I will meet them after Easter.", "2025-01-21"): ("2025-04-22", None),
        ("Until 2023 the duty applied.", "2025-01-21"): (None, "2023-12-31"),
    }
    for (text, ref), (earliest, latest) in cases.items():
        m = _one(text, ref)
        assert (m.bounds.earliest_begin, m.bounds.latest_begin) == (
            D(earliest) if earliest else None, D(latest) if latest else None), text

    m = _one("From March to May 2024 it was paused.", "2025-01-21")
    assert (m.bounds.earliest_begin, m.bounds.latest_begin) == (D("2024-03-01"), D("2024-03-31"))
    assert (m.bounds.earliest_end, m.bounds.latest_end, m.bounds.edtf) == (D("2024-05-01"), D("2024-05-31"),
                                                                         "2024-03/2024-05")


def test_not_times() -> None:
    for text in ("There were 3 referrals and 34 recommendations.", "22 people were murdered.",
                 "Volume 727: debated.", "under the Inquiries Act 2005", "the Terrorism Act 2000 applies",
                 "the Building Safety Act 2022", "Section 2 of the Act", "during COVID-19",
                 "a minimum of 55 years", "up to 2000 officers", "between 200 and 799 people may be present",
                 "May I thank the House.", "Police may act.", "Theresa May announced it.",
                 "the Autumn Statement", "He has campaigned for years.", "at least 14 years in custody",
                 "shot him dead within moments", "the next steps", "£2024 million"):
        assert not _mentions(text, "2025-01-21"), text


def test_spans_are_absolute_and_inside_the_sentence() -> None:
    text = "Preamble. On 22 May 2017, at the end of a concert, a bomb went off. Later text 2019."
    start, end = 10, 67
    [m] = find_time_mentions(text, start, end, D("2023-03-06"))
    assert m.span == Span(10, 24) and m.text == "On 22 May 2017"


def test_dev_statements_extract_cleanly() -> None:
    from statementkg.sources import load_statement

    for path in sorted(DEV.glob("*.txt")):
        st_ = load_statement(path)
        for s in split_sentences(st_.text, st_.body_start, st_.body_end):
            found = find_time_mentions(st_.text, s.start, s.end, st_.date)
            for m in found:
                assert s.start <= m.span.start < m.span.end <= s.end
                assert st_.text[m.span.start : m.span.end] == m.text
                _check_edtf(m.bounds.edtf)
            assert all(a.span.end <= b.span.start for a, b in pairwise(found))


# ---------------------------------------------------------------- apply_anchor


def test_apply_anchor() -> None:
    attack = TimeBounds(D("2024-07-29"), D("2024-07-29"), edtf="2024-07-29")
    anchor = EventAnchor("the Southport attack", Span(0, 20), Offset(years=-4), Offset(years=-3))
    got = apply_anchor(anchor, attack)
    assert (got.earliest_begin, got.latest_begin, got.edtf) == (D("2020-07-29"), D("2021-07-29"),
                                                                "2020-07-29/2021-07-29")
    after = apply_anchor(EventAnchor("the sentencing", Span(0, 14), Offset(), None), attack)
    assert (after.earliest_begin, after.latest_begin, after.edtf) == (D("2024-07-29"), None, "2024-07-29/..")
    before = apply_anchor(EventAnchor("the trial", Span(0, 9), None, Offset()), attack)
    assert (before.earliest_begin, before.latest_begin, before.edtf) == (None, D("2024-07-29"),
                                                                         "../2024-07-29")
    day_after = apply_anchor(EventAnchor("the fire", Span(0, 8), Offset(days=1), Offset(days=1)),
                             TimeBounds(D("2017-06-14"), D("2017-06-14")))
    assert day_after.edtf == "2017-06-15"
    window = apply_anchor(EventAnchor("it", Span(0, 2), Offset(days=-10), Offset(days=-4)),
                          TimeBounds(D("2024-06-01"), D("2024-08-31")))
    assert (window.earliest_begin, window.latest_begin) == (D("2024-05-22"), D("2024-08-27"))
    assert apply_anchor(anchor, TimeBounds()) == TimeBounds()
    for b in (got, after, before, day_after, window):
        _check_edtf(b.edtf)


def test_doctests() -> None:
    result = doctest.testmod(time_module)
    assert result.failed == 0 and result.attempted > 0


def test_speed() -> None:
    """A 1,000-word statement's time phrases take a small part of the 50 ms extraction budget."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    words = " ".join(parts).split()[:1000]
    text = " ".join(words)
    sentences = split_sentences(text, 0, len(text))
    find_time_mentions(text, 0, 10, D("2025-01-21"))  # compile the rules once
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for s in sentences:
            find_time_mentions(text, s.start, s.end, D("2025-01-21"))
        best = min(best, time.perf_counter() - t0)
    assert best < 0.025


# ---------------------------------------------------------------- properties

refs = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
tenses = st.sampled_from([PAST, PRESENT, FUTURE])


def _fmt_day(day: dt.date, style: int) -> str:
    month = MONTHS[day.month - 1]
    return [f"{day.day} {month} {day.year}", f"on {day.day} {month} {day.year}",
            f"{month} {day.day}, {day.year}", day.isoformat(),
            f"{WEEKDAYS[day.weekday()]} {day.day} {month} {day.year}",
            f"the {day.day} of {month} {day.year}"][style]


@settings(max_examples=150, deadline=None)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)), ref=refs, tense=tenses,
       style=st.integers(0, 5))
def test_full_dates_are_that_day(day: dt.date, ref: dt.date, tense: Tense, style: int) -> None:
    m = _one(f"It happened {_fmt_day(day, style)}, as noted.", ref.isoformat(), tense, exact=False)
    assert m.bounds.earliest_begin == m.bounds.latest_begin == day
    assert m.bounds.edtf == day.isoformat()


@settings(max_examples=100, deadline=None)
@given(year=st.integers(1900, 2099), month=st.integers(1, 12), ref=refs, tense=tenses)
def test_month_year_is_the_whole_month(year: int, month: int, ref: dt.date, tense: Tense) -> None:
    m = _one(f"It was launched in {MONTHS[month - 1]} {year}.", ref.isoformat(), tense, exact=False)
    first = dt.date(year, month, 1)
    assert m.bounds.earliest_begin == first
    assert m.bounds.latest_begin == first + relativedelta(months=1) - dt.timedelta(days=1)


@settings(max_examples=100, deadline=None)
@given(year=st.integers(1900, 2099), ref=refs, tense=tenses)
def test_year_is_the_whole_year(year: int, ref: dt.date, tense: Tense) -> None:
    m = _one(f"It was agreed in {year}.", ref.isoformat(), tense, exact=False)
    assert (m.bounds.earliest_begin, m.bounds.latest_begin, m.bounds.edtf) == (
        dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


@settings(max_examples=100, deadline=None)
@given(x=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)), n=st.integers(1, 20),
       words=st.booleans(), ref=refs)
def test_years_before_an_anchor(x: dt.date, n: int, words: bool, ref: dt.date) -> None:
    count = NUMBER_WORDS[n - 1] if words else str(n)
    m = _one(f"The referral came {count} years before the attack, officers said.", ref.isoformat(),
             exact=False)
    assert m.event_anchor is not None and m.event_anchor.phrase == "the attack"
    got = apply_anchor(m.event_anchor, TimeBounds(x, x))
    assert got.earliest_begin == got.latest_begin == x - relativedelta(years=n)
    _check_edtf(got.edtf, exact=False)


@settings(max_examples=100, deadline=None)
@given(x=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)), n=st.integers(1, 10),
       extra=st.integers(1, 5), ref=refs)
def test_between_years_before_an_anchor(x: dt.date, n: int, extra: int, ref: dt.date) -> None:
    m = _one(f"They met between {n} and {n + extra} years before the trial.", ref.isoformat(), exact=False)
    assert m.event_anchor is not None
    got = apply_anchor(m.event_anchor, TimeBounds(x, x))
    assert got.earliest_begin == x - relativedelta(years=n + extra)
    assert got.latest_begin == x - relativedelta(years=n)


@settings(max_examples=150, deadline=None)
@given(ref=refs, weekday=st.integers(0, 6), tense=st.sampled_from([PAST, FUTURE]), last=st.booleans())
def test_weekdays(ref: dt.date, weekday: int, tense: Tense, last: bool) -> None:
    phrase = f"last {WEEKDAYS[weekday]}" if last and tense is PAST else f"on {WEEKDAYS[weekday]}"
    m = _one(f"We met {phrase}.", ref.isoformat(), tense, exact=False)
    if tense is PAST and ref.weekday() == weekday and not last:
        # the statement's own weekday: the text allows a week before and the statement date itself
        assert (m.bounds.earliest_begin, m.bounds.latest_begin) == (ref - dt.timedelta(days=7), ref)
        return
    day = m.bounds.earliest_begin
    assert day is not None and day == m.bounds.latest_begin and day.weekday() == weekday
    if tense is PAST:
        assert ref - dt.timedelta(days=7) <= day < ref
    else:
        assert ref < day <= ref + dt.timedelta(days=7)


@settings(max_examples=150, deadline=None)
@given(ref=refs, season=st.sampled_from(["spring", "summer", "autumn", "winter"]),
       tense=st.sampled_from([PAST, FUTURE]))
def test_seasons(ref: dt.date, season: str, tense: Tense) -> None:
    m = _one(f"The review took place during the {season}.", ref.isoformat(), tense, exact=False)
    a, b = m.bounds.earliest_begin, m.bounds.latest_begin
    assert a is not None and b is not None
    first = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}[season]
    assert a.day == 1 and a.month == first
    assert b == a + relativedelta(months=3) - dt.timedelta(days=1)  # the whole season, no narrower, no wider
    if tense is PAST:
        assert a <= ref < a + relativedelta(years=1)  # the most recent one begun by the statement date
    else:
        assert b >= ref and b - relativedelta(years=1) < ref  # the first one not over by then


PHRASES = ["today", "yesterday", "tomorrow", "this morning", "on Saturday", "last Thursday", "next Monday",
           "in September", "in July 2021", "last month", "next month", "earlier this month", "in 2019",
           "last year", "this year", "next year", "later this year", "during the summer", "in the autumn",
           "before Christmas", "since 1949", "in the new year", "on Christmas Eve", "on Boxing Day",
           "on Easter Sunday", "on Remembrance Sunday", "within two years", "in a year's time", "immediately",
           "by the end of March", "early next year", "three years ago", "over the past five years",
           "in the coming months", "on 21 January", "last summer", "this winter", "after Easter",
           "from March to May", "between 2019 and 2021", "until June", "in mid-2024", "on Armistice Day"]


@settings(max_examples=200, deadline=None)
@given(ref=refs, tense=tenses, phrase=st.sampled_from(PHRASES))
def test_bounds_are_ordered_deterministic_and_edtf(ref: dt.date, tense: Tense, phrase: str) -> None:
    first = parse_time_phrase(phrase, ref, tense)
    if first is None:  # "within two years" in a past sentence says: within two years of what?
        assert (phrase, tense) == ("within two years", PAST)
        return
    assert parse_time_phrase(phrase, ref, tense) == first
    if first.earliest_begin and first.latest_begin:
        assert first.earliest_begin <= first.latest_begin
    if first.earliest_end and first.latest_end:
        assert first.earliest_end <= first.latest_end
    _check_edtf(first.edtf, exact=False)


FILLER = ["The", "Government", "said", "that", "it", "would", "act", "and", "the", "review", "found", ",",
          "3", "referrals", "people", "Act", "2005", "May", "before", "after", "the", "attack", "following",
          "Section"]


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(st.sampled_from(FILLER), st.sampled_from(PHRASES)), min_size=1, max_size=25),
       ref=refs, tense=st.one_of(st.none(), tenses))
def test_spans_slice_to_the_reported_text(parts: list[str], ref: dt.date, tense: Tense | None) -> None:
    text = "Intro. " + " ".join(parts) + "."
    found = find_time_mentions(text, 7, len(text), ref, tense)
    assert found == find_time_mentions(text, 7, len(text), ref, tense)
    for m in found:
        assert 7 <= m.span.start < m.span.end <= len(text)
        assert text[m.span.start : m.span.end] == m.text
        if m.event_anchor is not None:
            a = m.event_anchor
            assert text[a.span.start : a.span.end] == a.phrase
            assert m.span.start <= a.span.start and a.span.end <= m.span.end
        b = m.bounds
        if b.earliest_begin and b.latest_begin:
            assert b.earliest_begin <= b.latest_begin
        _check_edtf(b.edtf, exact=False)
    assert all(a.span.end <= b.span.start for a, b in pairwise(found))


def test_easter_and_remembrance_rules() -> None:
    for year in range(2000, 2031):
        got = parse_time_phrase(f"Easter Sunday {year}", dt.date(2025, 1, 1), PAST)
        assert got is not None and got.earliest_begin == easter(year)
        rs = parse_time_phrase(f"Remembrance Sunday {year}", dt.date(2025, 1, 1), PAST)
        assert rs is not None and rs.earliest_begin is not None
        sunday = rs.earliest_begin
        assert sunday.weekday() == 6 and sunday.month == 11 and 8 <= sunday.day <= 14


# ---------------------------------------------------------------- discourse-relative counts (conventions)

# text, statement date, phrase, earliest begin, latest begin, EDTF: relative to the last dated phrase
DISCOURSE: list[tuple[str, str, str, str | None, str | None, str]] = [
    ("In March 2020 the plant opened. A year earlier, it had been sold.", "2025-01-21", "A year earlier",
     "2018-09-01", "2019-09-30", "2019~"),
    ("The plant opened on 3 March 2020. A year earlier, it had been sold.", "2025-01-21", "A year earlier",
     "2018-09-03", "2019-09-03", "2019~"),
    ("The plant opened on 3 March 2020. Two days later, it closed.", "2025-01-21", "Two days later",
     "2020-03-05", "2020-03-05", "2020-03-05"),
    ("The plant opened on 3 March 2020. Two weeks later, it closed.", "2025-01-21", "Two weeks later",
     "2020-03-14", "2020-03-20", "2020-03-17~"),
    ("The plant opened on 3 March 2020 and closed six months later.", "2025-01-21", "six months later",
     "2020-08-19", "2020-09-18", "2020-09~"),
    ("The plant opened in 2020. The following year, it closed.", "2025-01-21", "The following year",
     "2021-01-01", "2021-12-31", "2021"),
    ("The plant opened on 3 March 2020. That year, profits fell.", "2025-01-21", "That year",
     "2020-01-01", "2020-12-31", "2020"),
    ("The plant opened in 2020. In March of that year, it closed.", "2025-01-21", "In March of that year",
     "2020-03-01", "2020-03-31", "2020-03"),
    ("The plant opened in 2020. More than two years later, it closed.", "2025-01-21",
     "More than two years later", "2022-01-01", None, "2022-01-01/.."),
]


@pytest.mark.parametrize(("text", "ref", "phrase", "earliest", "latest", "edtf_value"), DISCOURSE)
def test_discourse_counts_from_the_last_dated_phrase(text: str, ref: str, phrase: str, earliest: str | None,
                                                     latest: str | None, edtf_value: str) -> None:
    found = [m for s in split_sentences(text, 0, len(text))
             for m in find_time_mentions(text, s.start, s.end, D(ref))]
    got = next(m for m in found if m.text == phrase)
    assert got.bounds.earliest_begin == (D(earliest) if earliest else None)
    assert got.bounds.latest_begin == (D(latest) if latest else None)
    assert got.bounds.edtf == edtf_value
    _check_edtf(got.bounds.edtf)


def test_discourse_phrases_chain() -> None:
    text = ("The plant opened in 2020. The following year it was sold. Two years later, it closed. "
            "In March of that year, staff left.")
    got = [(m.text, m.bounds.edtf) for s in split_sentences(text, 0, len(text))
           for m in find_time_mentions(text, s.start, s.end, D("2025-01-21"))]
    assert got == [("in 2020", "2020"), ("The following year", "2021"), ("Two years later", "2023"),
                   ("In March of that year", "2023-03")]
    text = "It opened in 2020, the following year it was sold and two years later it closed."
    assert [m.bounds.edtf for m in _mentions(text, "2025-01-21")] == ["2020", "2021", "2023"]


def test_discourse_counts_need_a_dated_phrase() -> None:
    assert not _mentions("Two days later, the plant closed.", "2025-01-21")
    assert not _mentions("A year earlier, it had been sold.", "2025-01-21")
    found = _mentions("The plant opened on 3 March 2020 and closed two years later than planned.", "2025-01-21")
    assert [m.text for m in found] == ["on 3 March 2020"]


def test_ago_is_never_one_day_unless_counted_in_days() -> None:
    for phrase in ("41 years ago", "two months ago", "a year ago", "a week ago", "three decades ago",
                   "a fortnight ago", "several years ago"):
        m = _one(f"It began {phrase}.", "1998-09-30")
        assert m.bounds.earliest_begin is not None and m.bounds.latest_begin is not None
        assert m.bounds.earliest_begin < m.bounds.latest_begin, phrase
    m = _one("It began 41 years ago.", "1998-09-30")
    assert (m.bounds.earliest_begin, m.bounds.latest_begin, m.bounds.edtf) == (D("1957-03-30"), D("1958-03-30"),
                                                                             "1957~")


# ---------------------------------------------------------------- the calendar's edges (issue 11)

EDGE_PHRASES = [
    *PHRASES, "41 years ago", "a year ago", "almost 20 years ago", "more than 9 years ago", "20 years ago this week",
    "5 years ago next month", "in March", "in the summer", "last month", "next year", "last year",
    "in the third quarter", "Q3 2024", "in early March", "at the end of 2023", "the 2024-25 financial year",
    "on Aug. 7", "within days of the attack", "9 years before the attack", "the day after the fire",
    "in the winter", "tomorrow", "yesterday", "next week", "last week", "in a year's time",
    "within 20 years", "next Christmas", "last Easter", "this winter", "the following year",
]
edge_refs = st.one_of(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(2, 12, 31)),
                      st.dates(min_value=dt.date(9998, 1, 1), max_value=dt.date(9999, 12, 31)))


@settings(max_examples=300, deadline=None)
@given(ref=edge_refs, tense=st.one_of(st.none(), tenses), phrase=st.sampled_from(EDGE_PHRASES),
       follow=st.sampled_from(["A year later, it ended.", "Two days earlier it began.",
                               "In March of that year it closed.", "The following year it met.",
                               "Later that month it sat."]))
def test_calendar_edges_never_raise(ref: dt.date, tense: Tense | None, phrase: str, follow: str) -> None:
    text = f"It was agreed {phrase}. {follow}"
    for s in split_sentences(text, 0, len(text)):
        for m in find_time_mentions(text, s.start, s.end, ref, tense):
            b = m.bounds
            for day in (b.earliest_begin, b.latest_begin, b.earliest_end, b.latest_end):
                assert day is None or dt.date.min <= day <= dt.date.max
            if m.event_anchor is not None:
                for x in (dt.date.min, dt.date.max, ref):
                    apply_anchor(m.event_anchor, TimeBounds(x, x))
    parse_time_phrase(phrase, ref, tense or PAST)


def test_us_dates_survive_the_sentence_splitter() -> None:
    text = "Mr. Smith left on Aug. 7. He came back on Sept. 30, 1998. Dr. Jones met him a year later."
    got = [(m.text, m.bounds.edtf) for s in split_sentences(text, 0, len(text))
           for m in find_time_mentions(text, s.start, s.end, D("2025-01-21"))]
    assert got == [("on Aug. 7", "2024-08-07"), ("on Sept. 30, 1998", "1998-09-30"), ("a year later", "1999~")]
