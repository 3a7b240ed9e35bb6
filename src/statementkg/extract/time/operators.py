"""Operators over a core phrase ("before", "since", "by the end of", "early") and ranges ("March to May")."""

from __future__ import annotations

import datetime as dt
import re

from ...model import Tense
from .dates import edtf_open, edtf_span, thirds
from .lexicon import fold_key
from .phrase import Ctx, PhraseTime, period


def apply_op(name: str, op: re.Match[str], t: PhraseTime, c: Ctx) -> PhraseTime | None:
    """Bounds of "<operator> <phrase>" given the phrase's own window ``t``."""
    if not t.closed:
        return None
    assert t.start is not None and t.end is not None
    one = dt.timedelta(days=1)
    if name == "before":
        latest = t.start - one
        return PhraseTime(None, latest, f"../{latest.isoformat()}", t.anchor, t.holiday)
    if name == "after":
        earliest = t.end + one
        return PhraseTime(earliest, None, f"{earliest.isoformat()}/..", t.anchor, t.holiday)
    if name == "since":
        if t.start > c.ref:
            return None
        return PhraseTime(t.start, c.ref, edtf_span(t.start, c.ref), "statement", t.holiday)
    if name in {"by", "by_end"}:
        by_from = c.ref if c.tense is not Tense.PAST and c.ref <= t.end else None
        return PhraseTime(by_from, t.end, edtf_open(by_from, t.end), t.anchor, t.holiday)
    if name in {"until", "until_end"}:
        lo = t.end if name == "until_end" else t.start
        end_edtf = t.edtf if name == "until" and t.edtf and "/" not in t.edtf else t.end.isoformat()
        return PhraseTime(None, t.end, f"../{end_edtf}", t.anchor, t.holiday, end_start=lo, end_end=t.end)
    if name == "from":
        return t
    if name == "part":
        said = fold_key(op["part"])
        part = {"the start of": "early", "the beginning of": "early", "the middle of": "mid",
                "the end of": "late"}.get(said, said)
        whole_year = (t.start.month, t.start.day, t.end.month, t.end.day) == (1, 1, 12, 31) and \
            t.start.year == t.end.year
        if whole_year and said in {"the start of", "the beginning of", "the end of"}:
            # "the end of 2023" is its last quarter, "the start of 2024" its first (conventions)
            y = t.start.year
            a, b = (dt.date(y, 10, 1), t.end) if part == "late" else (t.start, dt.date(y, 3, 31))
            return period(a, b, t.anchor, holiday=t.holiday)
        a, b = thirds(t.start, t.end, part)
        return period(a, b, t.anchor, holiday=t.holiday)
    if name == "laterin":
        if op["li"].lower() == "later":
            a = max(t.start, c.ref) if t.start <= c.ref <= t.end else t.start
            return period(a, t.end, t.anchor)
        b = min(t.end, c.ref) if t.start <= c.ref <= t.end else t.end
        return period(t.start, b, t.anchor)
    return None


def join_range(t1: PhraseTime, t2: PhraseTime, between: bool) -> PhraseTime | None:
    if not (t1.closed and t2.closed):
        return None
    assert t1.start is not None and t1.end is not None and t2.start is not None and t2.end is not None
    if t1.start > t2.end:
        return None
    simple = t1.edtf and t2.edtf and "/" not in t1.edtf and "/" not in t2.edtf
    edtf = f"{t1.edtf}/{t2.edtf}" if simple else edtf_span(t1.start, t2.end)
    anchor = "absolute" if t1.anchor == t2.anchor == "absolute" else "statement"
    if between:
        return PhraseTime(t1.start, t2.end, edtf, anchor)
    return PhraseTime(t1.start, t1.end, edtf, anchor, end_start=t2.start, end_end=t2.end)
