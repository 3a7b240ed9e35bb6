"""Discourse phrases ("later that month", "a year earlier", "in March of that year"), dated from the last
dated phrase before them (the discourse anchor), never from the statement date."""

from __future__ import annotations

import datetime as dt
import re

from .anchors import anchor_candidates
from .dates import month_span, unit_bounds, within_calendar
from .durations import counted_from
from .lexicon import fold_key, time_lexicon
from .patterns import time_rules
from .phrase import PhraseTime, period
from .scanner import Candidate, Scanner, select_longest

_LOOKBACK = 1500  # characters searched before a sentence for the referent of "that month" etc.


def _discourse(word: str, prev: PhraseTime) -> PhraseTime | None:
    """"later that month", "the following day" ... relative to the previous dated phrase ``prev``."""
    w = fold_key(word)
    assert prev.start is not None and prev.end is not None
    a, b = prev.start, prev.end
    unit = w.split()[-1]
    if unit in {"morning", "afternoon", "evening", "night", "before", "after"}:
        unit = "day"
    fits = {"day": a == b, "week": (b - a).days < 7, "month": (a.year, a.month) == (b.year, b.month),
            "year": a.year == b.year}
    anchor = "absolute" if prev.anchor == "absolute" else "statement"
    following = w.startswith(("the following", "the next")) or w == "the day after"
    previous = w.startswith(("the previous", "the preceding")) or w == "the day before"
    if not fits[unit]:
        # "In September 2012 ... That day, ...": a day somewhere in that window, never narrower than the text
        if w.startswith(("that", "the same")) and not (following or previous or w.startswith(("later", "earlier"))):
            return period(a, b, anchor)
        return None
    if unit == "day":
        day = a + dt.timedelta(days=1 if following else -1 if previous else 0)
        return period(day, day, anchor)
    ua, ub = unit_bounds(unit, a)
    if following:
        ua, ub = unit_bounds(unit, ub + dt.timedelta(days=1))
    elif previous:
        ua, ub = unit_bounds(unit, ua - dt.timedelta(days=1))
    elif w.startswith("later"):
        ua = a
    elif w.startswith("earlier"):
        ub = b
    return period(ua, ub, anchor)


def _from_anchor(m: re.Match[str], prev: PhraseTime) -> PhraseTime | None:
    assert prev.start is not None and prev.end is not None
    anchor = "absolute" if prev.anchor == "absolute" else "statement"
    if m["w"]:
        return _discourse(m["w"], prev)
    if m["mon"]:  # "in March of that year"
        if prev.start.year != prev.end.year:
            return None
        month = time_lexicon().months[m["mon"]]
        return period(*month_span(prev.start.year, month), anchor)
    sign = -1 if m["dir"].lower() == "earlier" else 1  # "a year earlier", "two days later"
    return counted_from(prev.start, prev.end, m["n"], m["u"], m["q"], sign, anchor)


def discourse_candidates(sc: Scanner, times: list[Candidate], anchors: list[Candidate], depth: int = 1
                         ) -> list[Candidate]:
    """Discourse phrases in the scanner's sentence, each dated from the last dated phrase before it.

    That phrase may itself be a discourse phrase ("In 2020 ... The following year ... Two years later");
    when such a one is too wide for the unit ("later that month ... the following day"), the last
    plain dated phrase is used.  A phrase inside a longer event anchor ("the day after the fire") is
    not a discourse phrase.  ``depth`` is how many look-back windows before the sentence are read this
    way (each reads ``_LOOKBACK`` characters once, so the work stays linear).
    """
    out: list[Candidate] = []
    window: list[Candidate] | None = None
    if "unit" not in sc.cues:
        return out
    for m in time_rules().discourse.finditer(sc.text, sc.start, sc.end):
        if any(a.start <= m.start() and m.end() <= a.end for a in anchors):
            continue
        if m["w"] and m["w"].lower().startswith("that"):
            # "That night, ...", "on that day", not "the events of that night" (an event, not a date)
            lead = sc.prev_word(m.start())
            if lead is not None and lead[1] not in time_lexicon().preps | {"by", "until", "since", "from"}:
                continue
        before = sorted((c for c in times + out if c.end <= m.start() and c.time and c.time.closed),
                        key=lambda c: c.end)
        if not before and depth > 0:
            if window is None:
                window = _look_back(sc, depth - 1)
            before = window
        res = None
        for c in reversed(before):
            assert c.time is not None
            res = within_calendar(_from_anchor, m, c.time)
            if res is not None or c.kind == 0:
                break
        if res is not None:
            out.append(Candidate(m.start(), m.end(), res, sc.tense_at(m.start(), m.end()), kind=1))
    return out


def _look_back(sc: Scanner, depth: int) -> list[Candidate]:
    """The dated phrases in the ``_LOOKBACK`` characters before the sentence, discourse phrases included."""
    lo = max(0, sc.start - _LOOKBACK)
    if lo >= sc.start:
        return []
    back = Scanner(sc.text, lo, sc.start, sc.ref, None)
    back.scan_core()
    times = select_longest(back.candidates())
    anchors = anchor_candidates(back, times)
    chosen = select_longest(times + anchors + discourse_candidates(back, times, anchors, depth))
    return [c for c in chosen if c.time and c.time.closed]
