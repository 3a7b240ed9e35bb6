"""The public readers: every time mention in a sentence, and the bounds of one quoted time phrase."""

from __future__ import annotations

import datetime as dt

from ...model import Span, Tense, TimeBounds, TimeMention
from .anchors import anchor_candidates
from .discourse import discourse_candidates
from .scanner import Scanner, select_longest


def find_time_mentions(text: str, start: int, end: int, ref: dt.date, tense: Tense | None = None
                       ) -> list[TimeMention]:
    """Every time expression inside ``text[start:end]`` (one sentence, usually), sorted by start.

    Spans are absolute offsets into ``text``; the longest phrase wins and none overlap.  ``ref`` is
    the statement date; ``tense`` (read from the sentence when ``None``) sets the direction of
    phrases without a year.

    >>> import datetime as dt
    >>> s = "In September 2024, a new Prevent assessment framework was launched."
    >>> [(m.text, m.bounds.edtf) for m in find_time_mentions(s, 0, len(s), dt.date(2025, 1, 21))]
    [('In September 2024', '2024-09')]
    """
    sc = Scanner(text, start, end, ref, tense)
    sc.scan_core()
    times = select_longest(sc.candidates())
    anchors = anchor_candidates(sc, times)
    chosen = select_longest(times + anchors + discourse_candidates(sc, times, anchors))
    out: list[TimeMention] = []
    for c in chosen:
        span = Span(c.start, c.end)
        if c.event is not None:
            out.append(TimeMention(text[c.start : c.end], span, TimeBounds(), c.tense, "event",
                                   event_anchor=c.event))
            continue
        assert c.time is not None
        t = c.time
        anchor = "holiday" if t.holiday and t.anchor != "absolute" else t.anchor
        out.append(TimeMention(text[c.start : c.end], span, t.bounds(), c.tense, anchor, holiday=t.holiday))
    return out


def parse_time_phrase(phrase: str, ref: dt.date, tense: Tense) -> TimeBounds | None:
    """Bounds of one time phrase ("during the summer", "since 2021"), or ``None`` if it is not one.

    An event-anchored phrase ("after the attack") gives open bounds: see ``apply_anchor``.

    >>> import datetime as dt
    >>> from statementkg.model import Tense
    >>> parse_time_phrase("before Christmas", dt.date(2025, 1, 21), Tense.PAST).edtf
    '../2024-12-24'
    """
    lo = len(phrase) - len(phrase.lstrip())
    hi = len(phrase.rstrip(" \t\n.,;:"))
    if lo >= hi:
        return None
    mentions = find_time_mentions(phrase, lo, hi, ref, tense)
    if len(mentions) == 1 and mentions[0].span == Span(lo, hi):
        return mentions[0].bounds
    # a phrase quoted without its preposition ("the summer", "July"): accept what needs a lead
    sc = Scanner(phrase, lo, hi, ref, tense)
    sc.scan_core()
    hit = sc.core_at(lo)
    if hit is not None and hit[0] == hi:
        return hit[1].bounds()
    return None
