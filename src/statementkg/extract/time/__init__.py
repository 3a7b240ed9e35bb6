"""Time expressions in statement prose -> ``TimeMention``: verbatim phrase, EDTF, day bounds, anchor.

The rules follow design/conventions.md ("Turning time expressions into bounds"); the words and calendar
rules they read (month and holiday names, numbers, tense cues, guard words) are in
``lexicons/time.yaml``.  The reference time is always the statement date passed in, never the clock.

How a sentence is read:

1. *core* phrases are found by one regex per kind (full dates in UK and US order, "Aug. 7", day+month,
   month+year, bare months, years, seasons, holidays, weekdays, today/yesterday, last/next/this
   week/month/year, "N years ago" (widened by half a unit, EDTF ``~``), "20 years ago this week",
   "within six months", "in a year's time", quarters, financial years, decades ...); each becomes a
   closed begin window with its EDTF string;
2. *operators* wrap the core phrase that starts right after them: "before Christmas", "since 2021",
   "by the end of March 2025", "early 2024", "later in the year", "between 2019 and 2021",
   "from March to May 2024", "until June";
3. the longest non-overlapping of these win; then *event anchors* ("between 3 and 4 years before the
   Southport attack", "within days of the murder", "following the sentencing") are read, with the
   anchor's noun phrase ending where punctuation, a clause word or one of the time phrases begins;
4. *discourse* phrases ("later that month", "the following day", "a year earlier", "two days later",
   "in March of that year") take the last dated phrase before them, in the sentence or up to a
   paragraph back, never the statement date.

At the calendar's edges (a statement dated in year 1 or 9999) shifted days are clamped to
``date.min``/``date.max`` and a reading that would leave the calendar is dropped (``within_calendar``).

Tense decides the direction of phrases without a year: given, or read from the cue nearest the phrase
in its sentence (``detect_tense`` reads the whole sentence).

Where things are: ``lexicon`` (the word tables) and ``patterns`` (the compiled rules); ``dates`` and
``phrase`` (calendar arithmetic, the resolved window); the core readers in ``calendar_dates``,
``seasons_holidays``, ``relative`` and ``durations``; ``operators``; ``tense``; ``scanner`` (step 3);
``anchor_phrase`` and ``anchors``; ``discourse``; ``mentions`` (the public readers).
"""

from __future__ import annotations

from .anchors import apply_anchor
from .mentions import find_time_mentions, parse_time_phrase
from .tense import detect_tense

__all__ = ["apply_anchor", "detect_tense", "find_time_mentions", "parse_time_phrase"]

# doctest.testmod on this package skips functions defined in its modules: list their examples here
__test__ = {f.__name__: f for f in (apply_anchor, detect_tense, find_time_mentions, parse_time_phrase)}
