"""Event anchors ("three years before the attack"): offsets, mentions, and bounds once the event is dated."""

from __future__ import annotations

import re

from ...model import EventAnchor, Offset, TimeBounds
from .anchor_phrase import anchor_noun_phrase
from .dates import Dur, shift
from .durations import dur_range, parse_count
from .lexicon import fold_key, time_lexicon
from .patterns import time_rules
from .scanner import Candidate, Scanner


def _anchor_offsets(rule: str, m: re.Match[str]) -> tuple[str, Offset | None, Offset | None] | None:
    """Relation kind and earliest/latest offsets from the anchor event's begin window."""
    lex = time_lexicon()
    zero = Offset()
    if rule == "offset":
        if m["n1"]:
            lo_c, hi_c = parse_count(m["n1"]), parse_count(m["n2"])
            count = (lo_c[0], hi_c[1]) if lo_c and hi_c else None
        elif m["r1"]:
            lo_c, hi_c = parse_count(m["r1"]), parse_count(m["r2"])
            count = (lo_c[0], hi_c[1]) if lo_c and hi_c else None
        else:
            count = parse_count(m["n"]) if m["n"] else None
        if count is None and not m["u"].lower().endswith("s"):
            return None  # "day after the fire" without "the" is not an offset
        lo, hi = dur_range(count, m["u"], m["q"], m["n"])
        rel = fold_key(m["rel"])
        kind = "before" if rel in {"before", "prior to", "earlier than"} else "after"
    elif rule == "theunit":
        name = m["u"].lower()
        if name in {"day", "night", "morning", "afternoon", "evening"}:
            lo = hi = Dur(0, 1)
        else:
            lo, hi = Dur(0, 1), {"week": Dur(0, 7), "weekend": Dur(0, 7), "month": Dur(1, 0)}.get(
                name, Dur(12, 0))
        kind = "before" if fold_key(m["rel"]) in {"before", "prior to"} else "after"
    elif rule == "within":
        _lo, hi = dur_range(parse_count(m["n"]) if m["n"] else None, m["u"], m["q"])
        lo, kind = Dur(0, 0), "after"
    else:
        rel = fold_key(m["rel"])
        kind = lex.relations[rel]
        vague = re.search(r"\b(hours|days|weeks|months|years)\b", rel)
        qual = lex.qualifiers.get(fold_key(m["qual"])) if m["qual"] else None
        if kind == "at":
            return "at", zero, zero
        if kind == "during":
            return "during", zero, None
        if vague:
            lo, hi = dur_range(None, vague.group(1), None)
        elif qual is not None:
            lo, hi = Dur(0, 0), qual
        else:
            return (kind, None, zero) if kind == "before" else (kind, zero, None)
    if kind == "before":
        return kind, (hi.offset(-1) if hi is not None else None), lo.offset(-1)
    return kind, lo.offset(1), (hi.offset(1) if hi is not None else None)


def anchor_candidates(sc: Scanner, times: list[Candidate]) -> list[Candidate]:
    lex = time_lexicon()
    starts = {i for c in times for i in range(c.start, c.end)}  # every offset inside a time phrase
    out: list[Candidate] = []
    for rule in time_rules().anchors:
        if not sc.runs(rule):
            continue
        for m in rule.pattern.finditer(sc.text, sc.start, sc.end):
            got = _anchor_offsets(rule.name, m)
            if got is None:
                continue
            kind, earliest, latest = got
            if rule.name == "rel" and fold_key(m["rel"]) == "before":
                prev = sc.prev_word(m.start())
                if prev and prev[1] in lex.spatial_before:
                    continue  # "laid before Parliament"
            np = anchor_noun_phrase(sc.text, m.end(), sc.end, starts, kind)
            if np is None:
                continue
            anchor = EventAnchor(phrase=sc.text[np.start : np.end], span=np, earliest=earliest, latest=latest)
            tense = sc.tense_at(m.start(), np.end)
            out.append(Candidate(m.start(), np.end, None, tense, kind=2, event=anchor))
    return out


def apply_anchor(anchor: EventAnchor, anchor_bounds: TimeBounds) -> TimeBounds:
    """Bounds of an event-anchored phrase once its anchor event is dated.

    earliest = anchor's earliest begin + ``anchor.earliest``; latest = anchor's latest begin +
    ``anchor.latest``; a ``None`` offset (or an open anchor side) leaves that side open.

    >>> import datetime as dt
    >>> from statementkg.model import EventAnchor, Offset, Span, TimeBounds
    >>> a = EventAnchor("the Southport attack", Span(0, 20), Offset(years=-4), Offset(years=-3))
    >>> apply_anchor(a, TimeBounds(dt.date(2024, 7, 29), dt.date(2024, 7, 29))).edtf
    '2020-07-29/2021-07-29'
    """
    earliest = latest = None
    if anchor.earliest is not None and anchor_bounds.earliest_begin is not None:
        earliest = shift(anchor_bounds.earliest_begin, anchor.earliest)
    if anchor.latest is not None and anchor_bounds.latest_begin is not None:
        latest = shift(anchor_bounds.latest_begin, anchor.latest)
    if earliest is not None and latest is not None and earliest > latest:
        earliest, latest = latest, earliest
    edtf = None
    if earliest is not None or latest is not None:
        edtf = (earliest.isoformat() if earliest == latest and earliest is not None
                else f"{earliest.isoformat() if earliest else '..'}/{latest.isoformat() if latest else '..'}")
    return TimeBounds(earliest_begin=earliest, latest_begin=latest, edtf=edtf)
