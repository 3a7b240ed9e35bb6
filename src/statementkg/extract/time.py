"""Time expressions in statement prose -> ``TimeMention``: verbatim phrase, EDTF, day bounds, anchor.

The rules follow design/conventions.md ("Turning time expressions into bounds"); the words and calendar
rules they read (month and holiday names, numbers, tense cues, guard words) are in
``lexicons/time.yaml``.  The reference time is always the statement date passed in, never the clock.

How a sentence is read:

1. *core* phrases are found by one regex per kind (full dates, day+month, month+year, bare months,
   years, seasons, holidays, weekdays, today/yesterday, last/next/this week/month/year, "N years ago",
   "within six months", "in a year's time", financial years, decades ...); each becomes a closed
   begin window with its EDTF string;
2. *operators* wrap the core phrase that starts right after them: "before Christmas", "since 2021",
   "by the end of March 2025", "early 2024", "later in the year", "between 2019 and 2021",
   "from March to May 2024", "until June";
3. the longest non-overlapping of these win; then *event anchors* ("between 3 and 4 years before the
   Southport attack", "within days of the murder", "following the sentencing") are read, with the
   anchor's noun phrase ending where punctuation, a clause word or one of the time phrases begins;
4. *discourse* phrases ("later that month", "the following day") take the last dated phrase before
   them, in the sentence or up to a paragraph back.

Tense decides the direction of phrases without a year: given, or read from the cue nearest the phrase
in its sentence (``detect_tense`` reads the whole sentence).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from itertools import islice
from typing import Any, NamedTuple

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from ..model import EventAnchor, Offset, Span, Tense, TimeBounds, TimeMention
from ..resources import load_lexicon

__all__ = ["apply_anchor", "detect_tense", "find_time_mentions", "parse_time_phrase"]

_LOOKBACK = 1500  # characters searched before a sentence for the referent of "that month" etc.
_CUE_REACH = 60  # a tense cue further from a phrase than this (commas count 40) does not govern it
_MAX_NP_WORDS = 12


# ---------------------------------------------------------------- small date helpers


class _Dur(NamedTuple):
    """A calendar length: whole months plus days (mixed signs allowed, applied via relativedelta)."""

    months: int
    days: int

    def times(self, n: int) -> _Dur:
        return _Dur(self.months * n, self.days * n)

    def minus(self, other: _Dur) -> _Dur:
        return _Dur(self.months - other.months, self.days - other.days)

    def plus(self, other: _Dur) -> _Dur:
        return _Dur(self.months + other.months, self.days + other.days)

    def half(self) -> _Dur:
        # "around" widens by half: 3 years -> 18 months, a week -> 3 days, a day -> 1 day
        months, rest = divmod(self.months, 2)
        days = self.days // 2 + 15 * rest
        if self.months == 0:
            days = max(1, days) if self.days else 0
        return _Dur(months, days)

    def fraction(self, parts: int) -> _Dur:
        if self.months and self.months % parts == 0 and not self.days:
            return _Dur(self.months // parts, 0)
        return _Dur(0, (self.months * 30 + self.days) // parts)

    def offset(self, sign: int) -> Offset:
        years, months = divmod(abs(self.months), 12)
        msign = 1 if self.months >= 0 else -1
        return Offset(years=sign * msign * years, months=sign * msign * months, days=sign * self.days)


def _shift(day: dt.date, off: Offset) -> dt.date:
    return day + relativedelta(years=off.years, months=off.months, days=off.days)


def _add(day: dt.date, dur: _Dur, sign: int = 1) -> dt.date:
    return _shift(day, dur.offset(sign))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _edtf_span(a: dt.date, b: dt.date) -> str:
    """The coarsest EDTF that says exactly ``a``..``b``: a day, month, year or an interval of them."""
    if a == b:
        return a.isoformat()
    if a.month == 1 and a.day == 1 and b.month == 12 and b.day == 31:
        return str(a.year) if a.year == b.year else f"{a.year}/{b.year}"
    if a.day == 1 and b == _month_end(b.year, b.month):
        first, last = f"{a.year:04d}-{a.month:02d}", f"{b.year:04d}-{b.month:02d}"
        return first if first == last else f"{first}/{last}"
    return f"{a.isoformat()}/{b.isoformat()}"


def _edtf_open(a: dt.date | None, b: dt.date | None) -> str | None:
    if a is None and b is None:
        return None
    if a is not None and b is not None:
        return _edtf_span(a, b)
    return f"{a.isoformat() if a else '..'}/{b.isoformat() if b else '..'}"


@dataclass(frozen=True)
class _Time:
    """A resolved phrase: begin window (``start``..``end``), optional end window, EDTF and anchor kind."""

    start: dt.date | None
    end: dt.date | None
    edtf: str | None
    anchor: str = "statement"
    holiday: str | None = None
    end_start: dt.date | None = None
    end_end: dt.date | None = None
    #: 0 stands alone, 1 needs a preposition or operator before it ("in July"), 2 only after an operator
    lead: int = 0

    @property
    def closed(self) -> bool:
        return self.start is not None and self.end is not None

    def bounds(self) -> TimeBounds:
        return TimeBounds(self.start, self.end, self.end_start, self.end_end, self.edtf)


def _period(a: dt.date, b: dt.date, anchor: str = "statement", edtf: str | None = None, **kw: Any) -> _Time:
    return _Time(a, b, edtf or _edtf_span(a, b), anchor, **kw)


def _choose(spans: Iterable[tuple[dt.date, dt.date]], ref: dt.date, tense: Tense,
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


def _years(ref: dt.date) -> range:
    return range(ref.year - 5, ref.year + 6)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = _month_end(year, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))


def _thirds(a: dt.date, b: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """Early / mid / late part of a period: thirds of its months, or of a single month's days."""
    idx = {"early": 0, "mid": 1, "late": 2}[part]
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    whole_months = a.day == 1 and b == _month_end(b.year, b.month)
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


# ---------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Unit:
    dur: _Dur
    sub_day: bool


@dataclass(frozen=True)
class _Holiday:
    key: str
    rule: Mapping[str, Any]
    overrides: Mapping[int, dt.date]

    def span(self, year: int) -> tuple[dt.date, dt.date] | None:
        if year in self.overrides:
            day = self.overrides[year]
            return day, day
        rule = self.rule
        if "easter" in rule:
            sunday = easter(year)
            off = rule["easter"]
            lo, hi = (off[0], off[1]) if isinstance(off, list) else (off, off)
            return sunday + dt.timedelta(days=lo), sunday + dt.timedelta(days=hi)
        if "weekday" in rule:
            day = _nth_weekday(year, rule["month"], rule["weekday"], rule["nth"])
            return day, day
        fixed = _date(year, rule["month"], rule["day"])
        return (fixed, fixed) if fixed else None


Handler = Callable[[re.Match[str], "_Ctx"], _Time | None]


@dataclass(frozen=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    #: cue families (see ``_Fragments.cue_words``) that must all occur in a sentence for the rule to fire
    needs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Lex:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]  # first month, EDTF code
    numbers: dict[str, tuple[int, int]]
    units: dict[str, _Unit]
    vague: dict[str, tuple[int, int]]
    loose_with_a: frozenset[str]
    in_time_widening: int
    approximators: dict[str, str]
    relations: dict[str, str]
    qualifiers: dict[str, _Dur | None]
    event_heads: frozenset[str]
    ing_not_events: frozenset[str]
    containers: frozenset[str]
    determiners: frozenset[str]
    stops: frozenset[str]
    non_starts: frozenset[str]
    spatial_before: frozenset[str]
    statute: re.Pattern[str]
    number_prefixes: frozenset[str]
    year_leads: frozenset[str]
    quantity_leads: frozenset[str]
    preps: frozenset[str]
    lead_words: frozenset[str]
    year_kinds: dict[str, int]
    holidays: dict[str, _Holiday]
    holidays_needing_lead: frozenset[str]
    function_words: frozenset[str]
    core: tuple[_Rule, ...]
    ops: re.Pattern[str]
    anchors: tuple[_Rule, ...]
    discourse: re.Pattern[str]
    cue_exact: dict[str, frozenset[str]]
    cue_folded: dict[str, frozenset[str]]
    connector: re.Pattern[str]
    between_and: re.Pattern[str]
    future_phrases: dict[str, tuple[tuple[str, ...], ...]]
    past_phrases: dict[str, tuple[tuple[str, ...], ...]]
    participles: frozenset[str]
    ed_blockers: frozenset[str]
    ed_not_past: frozenset[str]
    ed_followers: frozenset[str]


def _alt(words: Iterable[str], *, ignore_case: bool = False) -> str:
    """Regex alternation of ``words``, longest first, spaces as \\s+ and apostrophes either way."""
    body = "|".join(
        re.sub(r"['’]", "['’]", re.escape(w).replace(r"\ ", r"\s+"))
        for w in sorted({w.replace("’", "'") for w in words}, key=len, reverse=True)
    )
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _phrases(items: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases by first word, longest first: {"going": (("going", "to"),), ...}."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for item in items:
        words = tuple(_fold_key(item).split())
        if words and words[0][0].isalpha():
            out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _fold_key(word: str) -> str:
    return re.sub(r"\s+", " ", word.replace("’", "'")).strip().lower()


@cache
def _lex() -> _Lex:
    raw = load_lexicon("time.yaml")
    months = {**raw["months"], **raw["month_abbreviations"]}
    numbers: dict[str, tuple[int, int]] = {}
    for word, val in raw["numbers"].items():
        numbers[_fold_key(str(word))] = (val[0], val[1]) if isinstance(val, list) else (val, val)
    units = {
        name: _Unit(_Dur(spec.get("months", 0), spec.get("days", 0)), bool(spec.get("sub_day", False)))
        for name, spec in raw["units"].items()
    }
    approximators = {_fold_key(w): kind for kind, ws in raw["approximators"].items() for w in ws}
    relations = {_fold_key(w): kind for kind, ws in raw["anchor_relations"].items() for w in ws}
    qualifiers: dict[str, _Dur | None] = {
        _fold_key(q): (_Dur(spec.get("months", 0), spec.get("days", 0)) if spec else None)
        for q, spec in raw["anchor_qualifiers"].items()
    }
    holidays: dict[str, _Holiday] = {}
    for spec in raw["holidays"]:
        overrides = {int(y): dt.date.fromisoformat(str(d)) for y, d in spec.get("overrides", {}).items()}
        hol = _Holiday(spec["names"][0].replace("’", "'"), spec["rule"], overrides)
        for name in spec["names"]:
            holidays[name.replace("’", "'")] = hol
    tense = raw["tense"]

    frag = _Fragments(raw, numbers, units, relations, qualifiers, holidays)
    preps = frozenset(raw["leading_prepositions"])
    return _Lex(
        months=months,
        weekdays=dict(raw["weekdays"]),
        seasons={name: (spec["months"][0], spec["edtf"]) for name, spec in raw["seasons"].items()},
        numbers=numbers,
        units=units,
        vague={k: (v[0], v[1]) for k, v in raw["vague_counts"].items()},
        loose_with_a=frozenset(raw["loose_with_a"]),
        in_time_widening=int(raw["in_time_widening"]),
        approximators=approximators,
        relations=relations,
        qualifiers=qualifiers,
        event_heads=frozenset(raw["event_heads"]),
        ing_not_events=frozenset(raw["ing_not_events"]),
        containers=frozenset(raw["anchor_containers"]),
        determiners=frozenset(raw["anchor_determiners"]),
        stops=frozenset(raw["anchor_stops"]),
        non_starts=frozenset(raw["anchor_non_starts"]),
        spatial_before=frozenset(raw["spatial_before"]),
        statute=re.compile(rf"\b{_alt(raw['statute_words'])}(?:\s*\([^)]{{0,60}}\))?\s*$"),
        number_prefixes=frozenset(raw["number_prefixes"]),
        year_leads=frozenset(_fold_key(w) for w in raw["year_leads"]),
        quantity_leads=frozenset(raw["quantity_leads"]),
        preps=preps,
        lead_words=preps | frozenset(raw["other_leads"]),
        year_kinds=dict(raw["year_kinds"]),
        holidays=holidays,
        holidays_needing_lead=frozenset(raw["holidays_needing_lead"]),
        function_words=frozenset(tense["ed_followers"]),
        core=frag.core_rules(),
        ops=frag.op_rule(),
        anchors=frag.anchor_rules(),
        discourse=frag.discourse(),
        cue_exact=frag.cue_words(folded=False),
        cue_folded=frag.cue_words(folded=True),
        connector=re.compile(r"\s*(?:[-–—]|(?i:to|until|till|through))\s*"),
        between_and=re.compile(r"\s+(?i:and)\s+"),
        future_phrases=_phrases(tense["future"] + ["am going to", "is going to", "are going to"]),
        past_phrases=_phrases(tense["past"] + tense["irregular_past"]),
        participles=frozenset(tense["irregular_participles"]),
        ed_blockers=frozenset(tense["ed_blockers"]),
        ed_not_past=frozenset(tense["ed_not_past"]),
        ed_followers=frozenset(tense["ed_followers"]),
    )


class _Fragments:
    """Builds the compiled rules from the lexicon (once, at first use)."""

    def __init__(self, raw: Mapping[str, Any], numbers: Mapping[str, Any], units: Mapping[str, _Unit],
                 relations: Mapping[str, str], qualifiers: Mapping[str, Any], holidays: Mapping[str, _Holiday]
                 ) -> None:
        self.raw = raw
        self.mon_full = _alt(raw["months"])
        self.mon_any = rf"(?:{_alt(raw['months'])}|{_alt(raw['month_abbreviations'])}\.?)"
        self.wd = _alt(raw["weekdays"])
        self.day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
        self.year = r"(?:1[89]\d\d|20\d\d|21\d\d)"
        self.num = rf"(?:\d{{1,3}}|{_alt(numbers, ignore_case=True)})"
        self.units = rf"(?:{_alt(units, ignore_case=True)})(?i:s)?"
        self.qual = _alt((w for ws in raw["approximators"].values() for w in ws), ignore_case=True)
        self.relations = relations
        self.qualifiers = qualifiers
        self.seasons = "(?:" + "|".join(f"[{s[0].upper()}{s[0]}]{s[1:]}" for s in raw["seasons"]) + ")"
        self.holidays = _alt(holidays)
        self.raw_holidays = list(holidays)
        self.unit_names = sorted(units, key=len, reverse=True)
        self.rel_year = r"(?P<rel>(?i:last|next|this))\s+(?i:year)"

    # cue families each core rule needs (all of them) before it is worth running
    _NEEDS: Mapping[str, tuple[str, ...]] = {
        "dmy": ("digit", "month"), "mdy": ("digit", "month"), "iso": ("year",), "dmy_num": ("year",),
        "dm": ("digit", "month"), "md": ("digit", "month"), "my": ("month",), "month": ("month",),
        "year": ("year",), "yearrange": ("year",), "fy": ("year",), "decade": ("year",),
        "season": ("season",), "holiday": ("holiday",), "relday": ("relday",), "weekday": ("weekday",),
        "relperiod": ("unit", "relmod"), "rolling": ("unit", "rolling"), "recent": ("unit", "recent"),
        "ago": ("unit", "ago"), "intime": ("unit",), "within": ("unit", "within"),
        "immediate": ("immediate",), "newyear": ("newyear",), "theunit": ("unit",),
        "dayrange": ("digit", "month"),
        "offset": ("unit", "relation"), "a_theunit": ("unit", "relation"), "a_within": ("unit", "within"),
        "rel": ("relation",),
    }

    @classmethod
    def _rule(cls, name: str, body: str, handler: Handler) -> _Rule:
        # a hyphen before the phrase only after "mid-", "early-", "late-" ("mid-2024")
        lead = r"(?<![\w'’])(?:(?<=mid-)|(?<=early-)|(?<=late-)|(?<![\w'’]-))"
        return _Rule(name, re.compile(rf"{lead}(?:{body})(?![\w-])"), handler, frozenset(cls._NEEDS[name]))

    def core_rules(self) -> tuple[_Rule, ...]:
        d, y, wd = self.day, self.year, self.wd
        wd_opt = rf"(?:(?P<wd>{wd}),?\s+)?"
        r = self._rule
        return (
            r("dmy", rf"{wd_opt}(?:(?i:the)\s+)?(?P<d>{d})(?:\s+(?i:of))?\s+(?P<m>{self.mon_any}),?\s+"
                     rf"(?P<y>{y})", _h_date),
            r("mdy", rf"{wd_opt}(?P<m>{self.mon_any})\s+(?P<d>{d}),?\s+(?P<y>{y})", _h_date),
            r("iso", rf"(?P<y>{y})-(?P<m>0[1-9]|1[0-2])-(?P<d>3[01]|[12]\d|0[1-9])", _h_date),
            r("dmy_num", rf"(?P<d>3[01]|[12]\d|0?[1-9])/(?P<m>1[0-2]|0?[1-9])/(?P<y>{y})", _h_date),
            r("dm", rf"{wd_opt}(?:(?i:the)\s+)?(?P<d>{d})(?:\s+(?i:of))?\s+(?P<m>{self.mon_any})"
                    rf"(?:,?\s+{self.rel_year})?", _h_day_month),
            r("md", rf"{wd_opt}(?P<m>{self.mon_full})\s+(?P<d>{d})(?:,?\s+{self.rel_year})?", _h_month_day),
            r("my", rf"(?P<m>{self.mon_full})(?:\s+(?i:of))?,?\s+(?:(?P<y>{y})|{self.rel_year})",
              _h_month_year),
            r("month", rf"(?:(?P<mod>(?i:last|next|this))\s+)?(?P<m>{self.mon_full})(?!['’]s\b)", _h_month),
            r("year", rf"(?<![\d,.£$€#/])(?P<y>{y})(?![.,]\d|\s*%|\s*(?i:per\s*cent))", _h_year),
            r("yearrange", rf"(?P<y1>{y})\s?[-–]\s?(?P<y2>{y})", _h_year_range),
            r("fy", rf"(?:(?i:the\s+)?(?P<kind>{_alt(self.raw['year_kinds'], ignore_case=True)})\s+"
                    rf"(?i:year)\s+)?(?P<y1>{y})\s?[-/–]\s?(?P<y2>\d\d)", _h_fiscal_year),
            r("decade", r"(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
                        r"(?P<dec>(?:1[89]|20)\d0)['’]?s", _h_decade),
            r("season", rf"(?:(?P<mod>(?i:last|next|this))\s+|(?i:the)\s+)?(?P<s>{self.seasons})"
                        rf"(?:\s+(?:(?i:of)\s+)?(?:(?P<y>{y})|{self.rel_year}))?", _h_season),
            r("holiday", rf"(?:(?P<mod>(?i:last|next|this))\s+|(?i:the)\s+)?(?P<h>{self.holidays})"
                         rf"(?:\s+(?:(?i:in)\s+)?(?P<y>{y})|\s+{self.rel_year})?", _h_holiday),
            r("relday", r"(?P<w>(?i:the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow)"
                        r"|(?:earlier|later)\s+today|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night"
                        r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?))", _h_relday),
            r("weekday", rf"(?:(?P<mod>(?i:last|next|this))\s+)?(?P<wd>{wd})"
                         r"(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?", _h_weekday),
            r("relperiod", r"(?P<pos>(?i:earlier\s+this|later\s+this|last|next|this))\s+"
                           r"(?P<u>(?i:weekend|week|month|year))", _h_relperiod),
            r("rolling", rf"(?i:the\s+(?P<dir>past|last|next|coming)\s+(?:(?P<n>{self.num})\s+)?"
                         rf"(?P<u>{self.units}))", _h_rolling),
            r("recent", rf"(?i:recent\s+(?P<u>{self.units}))", _h_recent),
            r("ago", rf"(?:(?P<q>{self.qual})\s+)?(?P<n>{self.num})\s+(?P<u>{self.units})\s+(?i:ago)",
              _h_ago),
            r("intime", rf"(?i:in)\s+(?:(?P<q>{self.qual})\s+)?(?P<n>{self.num})\s+(?P<u>{self.units})"
                        r"(?:['’]s?)?(?P<t>\s+(?i:time))?", _h_in_time),
            r("within", rf"(?i:within)\s+(?:(?i:the\s+next)\s+)?(?:(?P<n>{self.num})\s+)?(?P<u>{self.units})"
                        r"(?!\s+(?i:of)\b)", _h_within),
            r("immediate", r"(?i:immediately|at\s+once|with\s+immediate\s+effect|forthwith|straight\s+away"
                           r"|right\s+away|without\s+delay)", _h_immediate),
            r("newyear", r"(?i:the\s+new\s+year)(?!['’]s)", _h_new_year),
            r("theunit", r"(?P<u>(?i:the\s+(?:year|month|week)))", _h_the_unit),
            r("dayrange", rf"(?:(?P<btw>(?i:between))\s+)?(?P<d1>{d})\s*(?:[-–]|(?i:to|and))\s*(?P<d2>{d})\s+"
                          rf"(?P<m>{self.mon_any})(?:,?\s+(?P<y>{y}))?", _h_day_range),
        )

    def op_rule(self) -> re.Pattern[str]:
        """Operators right before a core phrase, found by searching back from the phrase's start."""

        def op(name: str, body: str) -> str:
            return f"(?P<op_{name}>{body})"

        ops = (
            op("by_end", r"(?i:(?:by|before|no\s+later\s+than|not\s+later\s+than)\s+the\s+end\s+of)"),
            op("until_end", r"(?i:(?:until|till|up\s+to|up\s+until)\s+the\s+end\s+of)"),
            op("before", r"(?i:before|prior\s+to|ahead\s+of|in\s+advance\s+of|earlier\s+than"
                         r"|in\s+time\s+for)"),
            op("after", r"(?i:after|following|later\s+than)"),
            op("since", r"(?i:(?:ever\s+)?since)"),
            op("by", r"(?i:by|no\s+later\s+than|not\s+later\s+than)"),
            op("until", r"(?i:until|till|up\s+to|up\s+until|through\s+to)"),
            op("from", r"(?i:from|starting(?:\s+(?:in|on|from))?|beginning(?:\s+(?:in|on))?|as\s+(?:of|from)"
                       r"|with\s+effect\s+from|effective(?:\s+from)?|commencing)"),
            op("part", r"(?P<part>(?i:early|mid|late|the\s+(?:start|beginning|middle|end)\s+of))"),
            op("laterin", r"(?P<li>(?i:later|earlier))\s+(?i:in)"),
            op("between", r"(?i:between)"),
        )
        return re.compile(rf"(?<![\w'’-])(?:{'|'.join(ops)})[\s-]+\Z")

    def anchor_rules(self) -> tuple[_Rule, ...]:
        num, units, qual = self.num, self.units, self.qual
        offset_rel = r"(?i:before|after|prior\s+to|earlier\s+than|later\s+than|following|since|on\s+from)"
        rels = _alt(self.relations, ignore_case=True)
        quals = _alt(self.qualifiers, ignore_case=True)

        def rule(name: str, body: str) -> _Rule:
            needs = frozenset(self._NEEDS["a_" + name if "a_" + name in self._NEEDS else name])
            return _Rule(name, re.compile(rf"(?<![\w'’-])(?:{body})\s+"), _h_none, needs)

        return (
            rule("offset", rf"(?:(?P<q>{qual})\s+)?(?:(?i:between)\s+(?P<n1>{num})\s+(?i:and|to)\s+"
                           rf"(?P<n2>{num})|(?P<r1>{num})\s*(?:-|–|(?i:to))\s*(?P<r2>{num})|(?P<n>{num}))?\s*"
                           rf"(?P<u>{units})\s+(?P<rel>{offset_rel})"),
            rule("theunit", r"(?i:the\s+(?:(?:very|same)\s+)?(?P<u>day|night|morning|afternoon|evening"
                            r"|weekend|week|month|year)\s+(?P<rel>before|after|following|prior\s+to))"),
            rule("within", rf"(?:(?P<q>{qual})\s+)?(?i:within)\s+(?:(?P<n>{num})\s+)?(?P<u>{units})"
                           r"\s+(?i:of)"),
            rule("rel", rf"(?:(?P<qual>{quals})\s+)?(?P<rel>{rels})"),
        )

    def cue_words(self, folded: bool) -> dict[str, frozenset[str]]:
        """Words that show a rule family can fire in a sentence: month names (as written), "yesterday" ..."""
        fams: dict[str, set[str]] = {}

        def add(family: str, words: Iterable[str]) -> None:
            for w in words:
                fams.setdefault(w.lower() if folded else w, set()).add(family)

        if folded:
            add("season", self.raw["seasons"])
            day_parts = ["morning", "afternoon", "evening", "night"]
            add("relday", ["today", "tonight", "yesterday", "tomorrow", *day_parts])
            add("unit", [u + s for u in self.unit_names for s in ("", "s")] + day_parts + ["weekend"])
            add("immediate", ["immediately", "once", "immediate", "forthwith", "straight", "right", "delay"])
            add("newyear", ["new"])
            plain = {"in", "the", "of", "to", "on", "at", "up", "than", "hours", "days", "weeks", "months",
                     "years"}
            add("relation", {w for phrase in self.relations for w in re.split(r"[\s-]+", phrase)} - plain)
            add("within", ["within"])
            add("ago", ["ago"])
            add("recent", ["recent"])
            add("rolling", ["past", "last", "next", "coming"])
            add("relmod", ["last", "next", "this", "earlier", "later"])
        else:
            add("month", list(self.raw["months"]) + list(self.raw["month_abbreviations"]))
            add("weekday", self.raw["weekdays"])
            add("holiday", {re.split(r"[\s'’]", name)[0] for name in self.raw_holidays})
        return {w: frozenset(f) for w, f in fams.items()}

    @staticmethod
    def discourse() -> re.Pattern[str]:
        return re.compile(
            r"(?<![\w'’-])(?i:(?P<w>(?:earlier|later)\s+that\s+(?:day|week|month|year)"
            r"|that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night|week|month|year)"
            r"|the\s+(?:same|following|next|previous|preceding)\s+(?:day|morning|afternoon|evening|night|week|month"
            r"|year)|the\s+day\s+(?:before|after)))(?![\w-])"
        )


# ---------------------------------------------------------------- core handlers


@dataclass(frozen=True)
class _Ctx:
    """What a handler reads: the reference date, the phrase's tense (worked out only if asked), the text."""

    ref: dt.date
    cue_of: Callable[[], Tense | None]
    text: str

    @property
    def cue(self) -> Tense | None:
        """The tense a cue near the phrase gives, ``None`` if no cue is near enough to govern it."""
        return self.cue_of()

    @property
    def tense(self) -> Tense:
        """The tense that sets the direction: the cue's, else present (the nearest occurrence)."""
        return self.cue_of() or Tense.PRESENT


def _h_none(m: re.Match[str], c: _Ctx) -> _Time | None:  # operator and anchor rules resolve elsewhere
    return None


def _month_no(name: str) -> int:
    return _lex().months[name.rstrip(".")]


def _h_date(m: re.Match[str], c: _Ctx) -> _Time | None:
    mon = m["m"]
    month = int(mon) if mon.isdigit() else _month_no(mon)
    day = _date(int(m["y"]), month, int(re.sub(r"\D", "", m["d"])))
    return _period(day, day, "absolute") if day else None


def _rel_year(c: _Ctx, rel: str) -> int:
    return c.ref.year + {"last": -1, "next": 1, "this": 0}[rel.lower()]


def _h_day_month(m: re.Match[str], c: _Ctx) -> _Time | None:
    month, day = _month_no(m["m"]), int(re.sub(r"\D", "", m["d"]))
    if m["rel"]:
        found = _date(_rel_year(c, m["rel"]), month, day)
        return _period(found, found) if found else None
    days = [d for y in _years(c.ref) if (d := _date(y, month, day)) is not None]
    if m["wd"]:
        # a weekday with the date picks the nearest year in which they agree
        agree = [d for d in days if d.weekday() == _lex().weekdays[m["wd"]]]
        if agree:
            found = min(agree, key=lambda d: abs((d - c.ref).days))
            return _period(found, found)
    pick = _choose(((d, d) for d in days), c.ref, c.tense)
    return _period(pick[0], pick[1]) if pick else None


def _h_month_day(m: re.Match[str], c: _Ctx) -> _Time | None:
    """"January 21": not when the number counts something ("in May 2 people were ...")."""
    nxt = re.match(r"\s+([a-z]+)", c.text[m.end() : m.end() + 20])
    if not re.search(r"(?:st|nd|rd|th)$", m["d"]) and nxt and nxt.group(1) not in _lex().function_words:
        return None
    return _h_day_month(m, c)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), _month_end(year, month)


def _h_month_year(m: re.Match[str], c: _Ctx) -> _Time | None:
    month = _month_no(m["m"])
    if m["y"]:
        return _period(*_month_span(int(m["y"]), month), "absolute")
    return _period(*_month_span(_rel_year(c, m["rel"]), month))


def _h_month(m: re.Match[str], c: _Ctx) -> _Time | None:
    month = _month_no(m["m"])
    mod = m["mod"].lower() if m["mod"] else None
    pick = _choose((_month_span(y, month) for y in _years(c.ref)), c.ref, c.tense, mod)
    return _period(*pick, lead=0 if mod else 1) if pick else None


def _year_context_ok(m: re.Match[str], c: _Ctx) -> bool:
    lex = _lex()
    before = c.text[max(0, m.start() - 80) : m.start()]
    if lex.statute.search(before):
        return False
    prev = re.search(r"([A-Za-z.]+)\.?\s*$", before)
    return not (prev and prev.group(1).lower().rstrip(".") in lex.number_prefixes)


def _h_year(m: re.Match[str], c: _Ctx) -> _Time | None:
    if not _year_context_ok(m, c):
        return None
    lex = _lex()
    year = int(m["y"])
    before = c.text[max(0, m.start() - 30) : m.start()]
    prev = re.search(r"([\w'’.]+)\s*$", before)
    prev_word = _fold_key(prev.group(1)) if prev else ""
    after = c.text[m.end() : m.end() + 30]
    nxt = re.match(r"\s+([A-Za-z]+)", after)
    noun = nxt.group(1) if nxt and nxt.group(1).islower() else None
    if prev_word in lex.quantity_leads and noun and noun not in lex.function_words:
        return None  # "up to 2000 people", "of 2000 officers"
    if prev_word.endswith(("'s", "’s")):
        prev_word = "'s"
    lead_ok = prev_word in lex.year_leads or not before.strip() or before.rstrip()[-1] in ".!?;:\n"
    tail_ok = not nxt or not nxt.group(1).islower() or nxt.group(1) in {"and", "to", "when", "which", "after",
                                                                         "before", "onwards", "until"}
    lead = 0 if lead_ok or tail_ok else 1
    return _period(dt.date(year, 1, 1), dt.date(year, 12, 31), "absolute", lead=lead)


def _h_year_range(m: re.Match[str], c: _Ctx) -> _Time | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not y1 < y2 <= y1 + 50 or not _year_context_ok(m, c):
        return None
    return _Time(dt.date(y1, 1, 1), dt.date(y1, 12, 31), f"{y1}/{y2}", "absolute",
                 end_start=dt.date(y2, 1, 1), end_end=dt.date(y2, 12, 31))


def _h_fiscal_year(m: re.Match[str], c: _Ctx) -> _Time | None:
    y1 = int(m["y1"])
    if int(m["y2"]) != (y1 + 1) % 100 or not _year_context_ok(m, c):
        return None
    start_month = _lex().year_kinds[m["kind"].lower()] if m["kind"] else _lex().year_kinds["financial"]
    a = dt.date(y1, start_month, 1)
    b = a + relativedelta(years=1) - dt.timedelta(days=1)
    return _period(a, b, "absolute")


def _h_decade(m: re.Match[str], c: _Ctx) -> _Time | None:
    dec = int(m["dec"])
    a, b = dt.date(dec, 1, 1), dt.date(dec + 9, 12, 31)
    if m["part"]:
        first, last = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}[m["part"].lower()]
        a, b = dt.date(dec + first, 1, 1), dt.date(dec + last, 12, 31)
        return _period(a, b, "absolute")
    return _period(a, b, "absolute", edtf=f"{str(dec)[:3]}X")


def _season_span(name: str, year: int) -> tuple[dt.date, dt.date]:
    first = _lex().seasons[name][0]
    a = dt.date(year, first, 1)
    b = a + relativedelta(months=3) - dt.timedelta(days=1)
    return a, b


def _season_edtf(name: str, year: int) -> str:
    code = _lex().seasons[name][1]
    if _lex().seasons[name][0] == 12:  # winter crosses the year: say the months outright
        return f"{year}-12/{year + 1}-02"
    return f"{year}-{code}"


def _h_season(m: re.Match[str], c: _Ctx) -> _Time | None:
    name = m["s"].lower()
    if m["y"] or m["rel"]:
        year = int(m["y"]) if m["y"] else _rel_year(c, m["rel"])
        a, b = _season_span(name, year)
        return _Time(a, b, _season_edtf(name, year), "absolute" if m["y"] else "statement")
    if m["s"][0].isupper() and re.match(r"\s+[A-Z]", c.text[m.end() : m.end() + 3]):
        return None  # "Autumn Statement", "Spring Budget"
    noun = re.match(r"\s+([a-z]+)", c.text[m.end() : m.end() + 20])
    if noun and noun.group(1) not in _lex().function_words:
        # "the summer recess": a season naming something else is a time only in "during the summer recess"
        prev = re.search(r"([A-Za-z]+)\s+$", c.text[max(0, m.start() - 20) : m.start()])
        if not (prev and prev.group(1).lower() in _lex().preps):
            return None
    mod = m["mod"].lower() if m["mod"] else None
    pick = _choose((_season_span(name, y) for y in _years(c.ref)), c.ref, c.tense, mod)
    if pick is None:
        return None
    return _Time(pick[0], pick[1], _season_edtf(name, pick[0].year), lead=0 if mod else 1)


def _h_holiday(m: re.Match[str], c: _Ctx) -> _Time | None:
    lex = _lex()
    name = re.sub(r"\s+", " ", m["h"]).replace("’", "'")
    hol = lex.holidays.get(name)
    if hol is None:
        return None
    if m["y"] or m["rel"]:
        span = hol.span(int(m["y"]) if m["y"] else _rel_year(c, m["rel"]))
        return _period(*span, "absolute" if m["y"] else "holiday", holiday=hol.key) if span else None
    mod = m["mod"].lower() if m["mod"] else None
    pick = _choose((s for y in _years(c.ref) if (s := hol.span(y)) is not None), c.ref, c.tense, mod)
    if pick is None:
        return None
    needs = name in lex.holidays_needing_lead and not mod
    return _period(*pick, "holiday", holiday=hol.key, lead=1 if needs else 0)


def _h_relday(m: re.Match[str], c: _Ctx) -> _Time | None:
    w = _fold_key(m["w"])
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
    return _period(day, day)


def _h_weekday(m: re.Match[str], c: _Ctx) -> _Time | None:
    target = _lex().weekdays[m["wd"]]
    mod = m["mod"].lower() if m["mod"] else None
    back = (c.ref.weekday() - target) % 7 or 7  # days back to the previous such day (never today)
    fwd = (target - c.ref.weekday()) % 7 or 7
    if mod == "last":
        delta = -back
    elif mod == "next":
        delta = fwd
    elif c.ref.weekday() == target and (mod == "this" or c.tense is Tense.PRESENT):
        delta = 0
    elif c.tense is Tense.PRESENT and mod is None:
        delta = -back if back < fwd else fwd  # no tense to go by: the nearer one
    else:
        delta = -back if c.tense is Tense.PAST else fwd
    day = c.ref + dt.timedelta(days=delta)
    possessive = c.text[m.end() : m.end() + 2] in {"'s", "’s"}
    return _period(day, day, lead=0 if mod or m["pod"] or possessive else 1)


def _unit_bounds(unit: str, ref: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar week (Monday to Sunday), month or year containing ``ref``."""
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday())
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        return _month_span(ref.year, ref.month)
    return dt.date(ref.year, 1, 1), dt.date(ref.year, 12, 31)


def _weekends(ref: dt.date) -> list[tuple[dt.date, dt.date]]:
    saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
    one = dt.timedelta(days=1)
    return [(saturday + dt.timedelta(weeks=k), saturday + dt.timedelta(weeks=k) + one) for k in range(-2, 3)]


def _h_relperiod(m: re.Match[str], c: _Ctx) -> _Time | None:
    pos, unit = _fold_key(m["pos"]), m["u"].lower()
    if unit == "weekend":
        pick = _choose(_weekends(c.ref), c.ref, c.tense, pos if pos in {"last", "next"} else "this")
        return _period(*pick) if pick else None
    a, b = _unit_bounds(unit, c.ref)
    if pos == "last":
        return _period(*_unit_bounds(unit, a - dt.timedelta(days=1)))
    if pos == "next":
        return _period(*_unit_bounds(unit, b + dt.timedelta(days=1)))
    if pos == "earlier this" or (pos == "this" and c.tense is Tense.PAST):
        return _period(a, c.ref)
    if pos == "later this" or (pos == "this" and c.tense is Tense.FUTURE):
        return _period(c.ref, b)
    return _period(a, b)


def _count(word: str | None) -> tuple[int, int] | None:
    if word is None:
        return None
    w = _fold_key(word)
    if w.isdigit():
        return int(w), int(w)
    return _lex().numbers.get(w)


def _unit_of(word: str) -> tuple[str, _Unit]:
    w = word.lower()
    units = _lex().units
    name = w if w in units else w[:-1]
    return name, units[name]


def _dur_range(count: tuple[int, int] | None, unit_word: str, qual: str | None,
               count_word: str | None = None) -> tuple[_Dur, _Dur | None]:
    """The shortest and longest length a counted unit means (``None`` longest: open)."""
    lex = _lex()
    name, unit = _unit_of(unit_word)
    if count is None:  # "within days", "weeks after": a vague number of the plural unit
        count = lex.vague[name]
    if unit.sub_day:
        lo, hi = _Dur(0, 0), _Dur(0, 1)
    else:
        lo, hi = unit.dur.times(count[0]), unit.dur.times(count[1])
    kind = lex.approximators.get(_fold_key(qual)) if qual else None
    if kind is None and count_word and _fold_key(count_word) in {"a", "an"} and name in lex.loose_with_a:
        kind = "around"
    if kind == "around":
        return lo.minus(lo.half()), hi.plus(hi.half())
    if kind == "nearly":
        return lo.minus(lo.half()), hi
    if kind in {"more_than", "at_least"}:
        return lo, None
    if kind == "up_to":
        return _Dur(0, 0), hi
    return lo, hi


def _h_rolling(m: re.Match[str], c: _Ctx) -> _Time | None:
    count = _count(m["n"]) if m["n"] else None
    if count is None and not m["u"].lower().endswith("s"):
        count = (1, 1)  # "the past year"
    _lo, hi = _dur_range(count, m["u"], None)
    assert hi is not None
    if m["dir"].lower() in {"past", "last"}:
        return _period(_add(c.ref, hi, -1), c.ref)
    return _period(c.ref, _add(c.ref, hi))


def _h_recent(m: re.Match[str], c: _Ctx) -> _Time | None:
    if not m["u"].lower().endswith("s"):
        return None
    _lo, hi = _dur_range(None, m["u"], None)
    assert hi is not None
    return _period(_add(c.ref, hi, -1), c.ref, lead=1)


def _h_ago(m: re.Match[str], c: _Ctx) -> _Time | None:
    lo, hi = _dur_range(_count(m["n"]), m["u"], m["q"], m["n"])
    earliest = _add(c.ref, hi, -1) if hi is not None else None
    return _Time(earliest, _add(c.ref, lo, -1), _edtf_open(earliest, _add(c.ref, lo, -1)))


def _h_in_time(m: re.Match[str], c: _Ctx) -> _Time | None:
    if not m["t"] and c.cue not in {Tense.FUTURE, Tense.PRESENT}:
        return None  # "in two years, referrals doubled" is a duration
    lo, hi = _dur_range(_count(m["n"]), m["u"], m["q"])
    if hi is None:
        return None
    widen = _lex().in_time_widening
    lo, hi = lo.minus(lo.fraction(widen)), hi.plus(hi.fraction(widen))
    return _period(_add(c.ref, lo), _add(c.ref, hi))


def _h_within(m: re.Match[str], c: _Ctx) -> _Time | None:
    if c.cue not in {Tense.FUTURE, Tense.PRESENT}:
        return None  # past, or no cue: within what of what?
    _lo, hi = _dur_range(_count(m["n"]) if m["n"] else None, m["u"], None)
    if hi is None or (m["n"] is None and not m["u"].lower().endswith("s")):
        return None
    return _period(c.ref, _add(c.ref, hi))


def _h_immediate(m: re.Match[str], c: _Ctx) -> _Time | None:
    return _period(c.ref, c.ref)


def _h_new_year(m: re.Match[str], c: _Ctx) -> _Time | None:
    year = c.ref.year if c.tense is Tense.PAST else c.ref.year + 1
    return _period(dt.date(year, 1, 1), _month_end(year, 2), lead=1)


def _h_the_unit(m: re.Match[str], c: _Ctx) -> _Time | None:
    return _period(*_unit_bounds(m["u"].split()[-1].lower(), c.ref), lead=2)


def _h_day_range(m: re.Match[str], c: _Ctx) -> _Time | None:
    month = _month_no(m["m"])
    d1, d2 = int(re.sub(r"\D", "", m["d1"])), int(re.sub(r"\D", "", m["d2"]))
    if d1 >= d2:
        return None
    if m["y"]:
        years = [int(m["y"])]
        anchor = "absolute"
    else:
        pick = _choose(((a, a) for y in _years(c.ref) if (a := _date(y, month, d1))), c.ref, c.tense)
        if pick is None:
            return None
        years, anchor = [pick[0].year], "statement"
    a, b = _date(years[0], month, d1), _date(years[0], month, d2)
    if a is None or b is None:
        return None
    if m["btw"]:
        return _period(a, b, anchor)
    return _Time(a, a, _edtf_span(a, b), anchor, end_start=b, end_end=b)


# ---------------------------------------------------------------- operators over a core phrase


def _apply_op(name: str, op: re.Match[str], t: _Time, c: _Ctx) -> _Time | None:
    """Bounds of "<operator> <phrase>" given the phrase's own window ``t``."""
    if not t.closed:
        return None
    assert t.start is not None and t.end is not None
    one = dt.timedelta(days=1)
    if name == "before":
        latest = t.start - one
        return _Time(None, latest, f"../{latest.isoformat()}", t.anchor, t.holiday)
    if name == "after":
        earliest = t.end + one
        return _Time(earliest, None, f"{earliest.isoformat()}/..", t.anchor, t.holiday)
    if name == "since":
        if t.start > c.ref:
            return None
        return _Time(t.start, c.ref, _edtf_span(t.start, c.ref), "statement", t.holiday)
    if name in {"by", "by_end"}:
        by_from = c.ref if c.tense is not Tense.PAST and c.ref <= t.end else None
        return _Time(by_from, t.end, _edtf_open(by_from, t.end), t.anchor, t.holiday)
    if name in {"until", "until_end"}:
        lo = t.end if name == "until_end" else t.start
        end_edtf = t.edtf if name == "until" and t.edtf and "/" not in t.edtf else t.end.isoformat()
        return _Time(None, t.end, f"../{end_edtf}", t.anchor, t.holiday, end_start=lo, end_end=t.end)
    if name == "from":
        return t
    if name == "part":
        part = _fold_key(op["part"])
        part = {"the start of": "early", "the beginning of": "early", "the middle of": "mid",
                "the end of": "late"}.get(part, part)
        a, b = _thirds(t.start, t.end, part)
        return _period(a, b, t.anchor, holiday=t.holiday)
    if name == "laterin":
        if op["li"].lower() == "later":
            a = max(t.start, c.ref) if t.start <= c.ref <= t.end else t.start
            return _period(a, t.end, t.anchor)
        b = min(t.end, c.ref) if t.start <= c.ref <= t.end else t.end
        return _period(t.start, b, t.anchor)
    return None


def _range(t1: _Time, t2: _Time, between: bool) -> _Time | None:
    if not (t1.closed and t2.closed):
        return None
    assert t1.start is not None and t1.end is not None and t2.start is not None and t2.end is not None
    if t1.start > t2.end:
        return None
    simple = t1.edtf and t2.edtf and "/" not in t1.edtf and "/" not in t2.edtf
    edtf = f"{t1.edtf}/{t2.edtf}" if simple else _edtf_span(t1.start, t2.end)
    anchor = "absolute" if t1.anchor == t2.anchor == "absolute" else "statement"
    if between:
        return _Time(t1.start, t2.end, edtf, anchor)
    return _Time(t1.start, t1.end, edtf, anchor, end_start=t2.start, end_end=t2.end)


# ---------------------------------------------------------------- tense


class _Marker(NamedTuple):
    start: int
    end: int
    tense: Tense


_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+|[^\sA-Za-z\d]")
_TENSE_ADVERBS = frozenset({"not", "never", "also", "now", "already", "today", "since", "just", "previously",
                            "all", "both", "themselves", "formally", "hereby", "currently", "still"})


def _phrase_at(phrases: Mapping[str, tuple[tuple[str, ...], ...]], words: list[str], i: int) -> int:
    """Number of words of the longest listed phrase starting at word ``i`` (0 if none)."""
    for phrase in phrases.get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _skip_adverbs(words: list[str], j: int) -> int:
    for _ in range(3):
        if j < len(words) and (words[j] in _TENSE_ADVERBS or (words[j].endswith("ly") and len(words[j]) > 4)):
            j += 1
    return j


def _markers(text: str, start: int, end: int) -> list[_Marker]:
    """Tense cues of a sentence, in order: future phrases, perfects, progressives, past verbs."""
    lex = _lex()
    toks = list(_TOKEN.finditer(text, start, end))
    words = [t.group().lower().replace("’", "'") for t in toks]
    out: list[_Marker] = []
    i, n = 0, len(toks)
    while i < n:
        w = words[i]
        if not w[0].isalpha():
            i += 1
            continue
        k = _phrase_at(lex.future_phrases, words, i)
        if k or w.endswith("'ll"):
            k = k or 1
            out.append(_Marker(toks[i].start(), toks[i + k - 1].end(), Tense.FUTURE))
            i += k
            continue
        if w in {"has", "have", "had"} or w.endswith("'ve"):
            j = _skip_adverbs(words, i + 1)
            if j < n and (words[j] in lex.participles or words[j].endswith("ed")):
                out.append(_Marker(toks[i].start(), toks[j].end(), Tense.PAST))
                i = j + 1
                continue
        if w in {"am", "is", "are"} or w.endswith(("'m", "'re")):
            j = _skip_adverbs(words, i + 1)
            if j < n and words[j].endswith("ing") and words[j].isalpha():
                out.append(_Marker(toks[i].start(), toks[j].end(), Tense.PRESENT))
                i = j + 1
                continue
        k = _phrase_at(lex.past_phrases, words, i)
        if k:
            out.append(_Marker(toks[i].start(), toks[i + k - 1].end(), Tense.PAST))
            i += k
            continue
        verb_ed = w.endswith("ed") and toks[i].group().islower() and w not in lex.ed_not_past
        if verb_ed and _ed_is_verb(toks, words, i):
            out.append(_Marker(toks[i].start(), toks[i].end(), Tense.PAST))
        i += 1
    return out


def _ed_is_verb(toks: list[re.Match[str]], words: list[str], i: int) -> bool:
    """Whether an -ed form is a past verb ("I commissioned a review"), not "detailed findings"."""
    lex = _lex()
    j = i - 1
    if j >= 0 and words[j].endswith("ly"):
        j -= 1
    if j >= 0 and words[j] in {",", ";", ":"}:
        j -= 1
    if j < 0 or not words[j][0].isalnum() or words[j] in lex.ed_blockers:
        return False
    nxt = toks[i + 1].group() if i + 1 < len(toks) else None
    return nxt is None or not nxt[0].islower() or words[i + 1] in lex.ed_followers


def detect_tense(sentence: str) -> Tense:
    """Tense of a sentence: future if a future cue governs it, else past if a past verb does, else present.

    >>> detect_tense("I will publish detailed findings following the sentencing.")
    <Tense.FUTURE: 'future'>
    >>> detect_tense("The learning review has concluded that the referrals should not have been closed.")
    <Tense.PAST: 'past'>
    >>> detect_tense("I am today appointing Lord David Anderson KC as the interim Prevent Commissioner.")
    <Tense.PRESENT: 'present'>
    """
    found = {mk.tense for mk in _markers(sentence, 0, len(sentence))}
    if Tense.FUTURE in found:
        return Tense.FUTURE
    if Tense.PAST in found:
        return Tense.PAST
    return Tense.PRESENT


def _local_tense(markers: list[_Marker], text: str, start: int, end: int) -> Tense | None:
    """The tense cue nearest a phrase (a comma or semicolon between them counts as distance).

    With no cue within reach, a sentence told wholly in the past is past ("It was published in early
    2024 and revised, then again in late summer"); otherwise ``None``: the phrase is read as present,
    the nearest occurrence either way ("I will make a statement on the explosion ... on Sunday" is
    about the Sunday just gone).
    """
    best: tuple[int, int, Tense] | None = None
    for mk in markers:
        if start <= mk.start < end:
            continue  # cues inside the phrase itself ("next year") say nothing about it
        if mk.end <= start:
            gap, between, side = start - mk.end, text[mk.end : start], 0
        else:
            gap, between, side = mk.start - end, text[end : mk.start], 1
        gap += 40 * (between.count(",") + between.count(";"))
        if best is None or (gap, side) < best[:2]:
            best = (gap, side, mk.tense)
    if best and best[0] <= _CUE_REACH:
        return best[2]
    found = {mk.tense for mk in markers}
    return Tense.PAST if found == {Tense.PAST} else None


# ---------------------------------------------------------------- scanning


@dataclass
class _Cand:
    start: int
    end: int
    time: _Time | None
    tense: Tense
    kind: int = 0  # 0 time phrase, 1 discourse, 2 event anchor (ties go to the lower)
    event: EventAnchor | None = None


class _Scanner:
    """One sentence (or look-back window): its tense cues, core phrases and operator phrases."""

    def __init__(self, text: str, start: int, end: int, ref: dt.date, tense: Tense | None) -> None:
        self.text, self.start, self.end, self.ref = text, start, end, ref
        self.fixed = tense
        self._markers: list[_Marker] | None = None
        self.core: dict[int, list[tuple[int, _Time, _Rule, re.Match[str]]]] = {}
        self.cues = _cues(text, start, end)

    def cue_at(self, start: int, end: int) -> Tense | None:
        if self.fixed is not None:
            return self.fixed
        if self._markers is None:  # only sentences with a time phrase need their tense cues
            self._markers = _markers(self.text, self.start, self.end)
        return _local_tense(self._markers, self.text, start, end)

    def tense_at(self, start: int, end: int) -> Tense:
        return self.cue_at(start, end) or Tense.PRESENT

    def runs(self, rule: _Rule) -> bool:
        return rule.needs <= self.cues

    def ctx(self, start: int, end: int) -> _Ctx:
        return _Ctx(self.ref, lambda: self.cue_at(start, end), self.text)

    def scan_core(self) -> None:
        for rule in _lex().core:
            if not self.runs(rule):
                continue
            for m in rule.pattern.finditer(self.text, self.start, self.end):
                t = rule.handler(m, self.ctx(m.start(), m.end()))
                if t is not None:
                    self.core.setdefault(m.start(), []).append((m.end(), t, rule, m))
        for spans in self.core.values():
            spans.sort(key=lambda s: -s[0])

    def core_at(self, pos: int) -> tuple[int, _Time, _Rule, re.Match[str]] | None:
        spans = self.core.get(pos)
        return spans[0] if spans else None

    def _prev_word(self, pos: int) -> tuple[int, str] | None:
        m = re.search(r"([A-Za-z]+)\s+$", self.text[max(self.start, pos - 25) : pos])
        if m is None:
            return None
        return pos - len(m.group(0)), m.group(1).lower()

    def _with_prep(self, start: int) -> int:
        prev = self._prev_word(start)
        if prev and prev[1] in _lex().preps:
            return prev[0]
        return start

    def candidates(self) -> list[_Cand]:
        lex = _lex()
        out: list[_Cand] = []
        for pos, spans in self.core.items():
            for end, t, _rule, _m in spans:
                prev = self._prev_word(pos)
                if t.lead == 2 or (t.lead == 1 and not (prev and prev[1] in lex.lead_words)):
                    continue
                out.append(_Cand(self._with_prep(pos), end, t, self.tense_at(pos, end)))
                break
        for pos, spans in self.core.items():
            op = lex.ops.search(self.text, max(self.start, pos - 40), pos)
            if op is None:
                continue
            name = next(k[3:] for k, v in op.groupdict().items() if v and k.startswith("op_"))
            if name == "between":
                cand = self._pair(op.start(), pos, between=True)
                if cand:
                    out.append(cand)
                continue
            end, t, _rule, _m = spans[0]
            res = _apply_op(name, op, t, self.ctx(op.start(), end))
            if res is not None:
                out.append(_Cand(self._with_prep(op.start()), end, res, self.tense_at(op.start(), end)))
        for pos in list(self.core):  # "March to May 2024", "from 2019 to 2021"
            cand = self._pair(pos, pos, between=False)
            if cand:
                prev = self._prev_word(pos)
                if prev and prev[1] == "from":
                    cand.start = prev[0]
                out.append(cand)
        return out

    def _pair(self, start: int, pos: int, between: bool) -> _Cand | None:
        first = self.core_at(pos)
        if first is None:
            return None
        end1, t1, rule1, m1 = first
        joint = (_lex().between_and if between else _lex().connector).match(self.text, end1, self.end)
        if joint is None:
            return None
        second = self.core_at(joint.end())
        if second is None:
            return None
        end2, t2, rule2, m2 = second
        if rule1.name in _YEARLESS and t2.anchor == "absolute" and t2.start is not None:
            # "from December to February 2025": the first part takes its year from the second
            redo = rule1.handler(m1, _Ctx(t2.start, lambda: Tense.PAST, self.text))
            t1 = replace(redo, anchor="absolute") if redo else t1
        elif rule2.name in _YEARLESS and t1.start is not None:
            # "from March to May": the second part is the first such period from the first one on
            redo = rule2.handler(m2, _Ctx(t1.start, lambda: Tense.FUTURE, self.text))
            t2 = replace(redo, anchor=t1.anchor) if redo else t2
        res = _range(t1, t2, between)
        if res is None:
            return None
        return _Cand(start, end2, res, self.tense_at(start, end2))


_CUE_WORD = re.compile(r"[A-Za-z]+|\d+")


def _cues(text: str, start: int, end: int) -> set[str]:
    """Rule families that can fire in ``text[start:end]`` (most sentences need few of the rules)."""
    lex = _lex()
    found: set[str] = set()
    for w in set(_CUE_WORD.findall(text, start, end)):
        if w.isdigit():
            found.add("digit")
            if len(w) == 4 and "1800" <= w < "2200":
                found.add("year")
            continue
        found.update(lex.cue_exact.get(w, ()))
        found.update(lex.cue_folded.get(w.lower(), ()))
    return found


# core rules whose year comes from the tense: the parts of a range take it from each other
_YEARLESS = frozenset({"month", "dm", "md", "season", "holiday", "dayrange"})


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then earliest; keep those that overlap nothing kept."""
    kept: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.kind, c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


# ---------------------------------------------------------------- event anchors

_NP_TOKEN = re.compile(r"[^\W_][\w'’\-]*|\S")
_PLACE_PREPS = frozenset({"in", "at", "outside", "near", "inside"})


def _is_event_head(word: str) -> bool:
    lex = _lex()
    w = re.sub(r"(?:['’]s|['’])$", "", word).lower()
    if w in lex.event_heads or (w.endswith("s") and w[:-1] in lex.event_heads):
        return True
    return word.islower() and w.endswith("ing") and len(w) > 5 and w not in lex.ing_not_events


def _anchor_np(text: str, pos: int, limit: int, time_starts: set[int], rel_kind: str) -> Span | None:
    """The event noun phrase an anchor names, starting at ``pos`` ("the Southport attack").

    ``time_starts`` holds the offsets covered by time phrases: the phrase ends where one begins.
    """
    lex = _lex()
    toks = list(islice(_NP_TOKEN.finditer(text, pos, limit), 3 * _MAX_NP_WORDS))
    if not toks or toks[0].start() in time_starts:
        return None  # "after the summer" is a time phrase, not an event
    first = toks[0].group()
    if not first[0].isalnum() or first[0].isdigit():
        return None
    if first.lower() not in lex.determiners and not (first[0].isupper() and first not in lex.non_starts):
        return None
    words: list[re.Match[str]] = [toks[0]]
    head: int | None = None  # index in ``words`` of the head noun, once an "of" or place follows it
    i = 1
    while i < len(toks) and len(words) < _MAX_NP_WORDS:
        tok = toks[i]
        w, lw = tok.group(), tok.group().lower()
        if not w[0].isalnum():
            break
        adjectival_year = w.isdigit() and i + 1 < len(toks) and toks[i + 1].group()[0].isalpha() \
            and toks[i + 1].start() not in time_starts  # "the 2017 attack"
        if tok.start() in time_starts and not adjectival_year:
            break
        if lw == "of":
            head = len(words) - 1 if head is None else head
            words.append(tok)
            i += 1
            continue
        if lw in _PLACE_PREPS:
            j = i + 1
            if j < len(toks) and toks[j].group().lower() == "the":
                j += 1
            if j < len(toks) and toks[j].group()[0].isupper() and toks[j].start() not in time_starts:
                head = len(words) - 1 if head is None else head
                words.extend(toks[i:j])
                while j < len(toks) and (toks[j].group()[0].isupper() or toks[j].group() == "of") and \
                        toks[j].start() not in time_starts:
                    words.append(toks[j])
                    j += 1
                i = j
                continue
            break
        if lw in lex.stops:
            break
        prev = words[-1].group()
        if _is_event_head(prev) and w.islower() and lw.endswith(("ed", "ing", "s")) and not _is_event_head(w):
            break  # "the attack happened", "the attack killing ..."
        words.append(tok)
        i += 1
    while len(words) > 1 and (words[-1].group().lower() in lex.determiners | {"of"} | _PLACE_PREPS
                              or words[-1].group().lower() == "the"):
        words.pop()
    idx = head if head is not None and head < len(words) else len(words) - 1
    head_word = words[idx].group()
    if head_word.lower() in lex.containers and idx + 2 < len(words) and words[idx + 1].group() == "of":
        if rel_kind == "before":
            return None  # "before the end of X" needs X's end, which nothing records
        rest = [w for w in words[idx + 2 :] if w.group().lower() not in _PLACE_PREPS]
        head_word = rest[-1].group() if rest else head_word
    if not _is_event_head(head_word):
        return None
    end = words[-1].end()
    if text[end - 1] in "'’" and text[end - 2 : end - 1] != "s":
        end -= 1
    return Span(pos, end)


def _anchor_offsets(rule: str, m: re.Match[str]) -> tuple[str, Offset | None, Offset | None] | None:
    """Relation kind and earliest/latest offsets from the anchor event's begin window."""
    lex = _lex()
    zero = Offset()
    if rule == "offset":
        if m["n1"]:
            lo_c, hi_c = _count(m["n1"]), _count(m["n2"])
            count = (lo_c[0], hi_c[1]) if lo_c and hi_c else None
        elif m["r1"]:
            lo_c, hi_c = _count(m["r1"]), _count(m["r2"])
            count = (lo_c[0], hi_c[1]) if lo_c and hi_c else None
        else:
            count = _count(m["n"]) if m["n"] else None
        if count is None and not m["u"].lower().endswith("s"):
            return None  # "day after the fire" without "the" is not an offset
        lo, hi = _dur_range(count, m["u"], m["q"], m["n"])
        rel = _fold_key(m["rel"])
        kind = "before" if rel in {"before", "prior to", "earlier than"} else "after"
    elif rule == "theunit":
        name = m["u"].lower()
        if name in {"day", "night", "morning", "afternoon", "evening"}:
            lo = hi = _Dur(0, 1)
        else:
            lo, hi = _Dur(0, 1), {"week": _Dur(0, 7), "weekend": _Dur(0, 7), "month": _Dur(1, 0)}.get(
                name, _Dur(12, 0))
        kind = "before" if _fold_key(m["rel"]) in {"before", "prior to"} else "after"
    elif rule == "within":
        _lo, hi = _dur_range(_count(m["n"]) if m["n"] else None, m["u"], m["q"])
        lo, kind = _Dur(0, 0), "after"
    else:
        rel = _fold_key(m["rel"])
        kind = lex.relations[rel]
        vague = re.search(r"\b(hours|days|weeks|months|years)\b", rel)
        qual = lex.qualifiers.get(_fold_key(m["qual"])) if m["qual"] else None
        if kind == "at":
            return "at", zero, zero
        if kind == "during":
            return "during", zero, None
        if vague:
            lo, hi = _dur_range(None, vague.group(1), None)
        elif qual is not None:
            lo, hi = _Dur(0, 0), qual
        else:
            return (kind, None, zero) if kind == "before" else (kind, zero, None)
    if kind == "before":
        return kind, (hi.offset(-1) if hi is not None else None), lo.offset(-1)
    return kind, lo.offset(1), (hi.offset(1) if hi is not None else None)


def _anchor_cands(sc: _Scanner, times: list[_Cand]) -> list[_Cand]:
    lex = _lex()
    starts = {i for c in times for i in range(c.start, c.end)}  # every offset inside a time phrase
    out: list[_Cand] = []
    for rule in lex.anchors:
        if not sc.runs(rule):
            continue
        for m in rule.pattern.finditer(sc.text, sc.start, sc.end):
            got = _anchor_offsets(rule.name, m)
            if got is None:
                continue
            kind, earliest, latest = got
            if rule.name == "rel" and _fold_key(m["rel"]) == "before":
                prev = sc._prev_word(m.start())
                if prev and prev[1] in lex.spatial_before:
                    continue  # "laid before Parliament"
            np = _anchor_np(sc.text, m.end(), sc.end, starts, kind)
            if np is None:
                continue
            anchor = EventAnchor(phrase=sc.text[np.start : np.end], span=np, earliest=earliest, latest=latest)
            out.append(_Cand(m.start(), np.end, None, sc.tense_at(m.start(), np.end), kind=2, event=anchor))
    return out


# ---------------------------------------------------------------- discourse ("later that month")


def _discourse(word: str, prev: _Time) -> _Time | None:
    """"later that month", "the following day" ... relative to the previous dated phrase ``prev``."""
    w = _fold_key(word)
    assert prev.start is not None and prev.end is not None
    a, b = prev.start, prev.end
    unit = w.split()[-1]
    if unit in {"morning", "afternoon", "evening", "night", "before", "after"}:
        unit = "day"
    fits = {"day": a == b, "week": (b - a).days < 7, "month": (a.year, a.month) == (b.year, b.month),
            "year": a.year == b.year}
    if not fits[unit]:
        return None
    anchor = "absolute" if prev.anchor == "absolute" else "statement"
    following = w.startswith(("the following", "the next")) or w == "the day after"
    previous = w.startswith(("the previous", "the preceding")) or w == "the day before"
    if unit == "day":
        day = a + dt.timedelta(days=1 if following else -1 if previous else 0)
        return _period(day, day, anchor)
    ua, ub = _unit_bounds(unit, a)
    if following:
        ua, ub = _unit_bounds(unit, ub + dt.timedelta(days=1))
    elif previous:
        ua, ub = _unit_bounds(unit, ua - dt.timedelta(days=1))
    elif w.startswith("later"):
        ua = a
    elif w.startswith("earlier"):
        ub = b
    return _period(ua, ub, anchor)


def _discourse_cands(sc: _Scanner, times: list[_Cand]) -> list[_Cand]:
    out: list[_Cand] = []
    window: list[_Cand] | None = None
    if "unit" not in sc.cues:
        return out
    for m in _lex().discourse.finditer(sc.text, sc.start, sc.end):
        if m["w"].lower().startswith("that"):
            # "That night, ...", "on that day", not "the events of that night" (an event, not a date)
            lead = sc._prev_word(m.start())
            if lead is not None and lead[1] not in _lex().preps | {"by", "until", "since", "from"}:
                continue
        prev = next((c.time for c in reversed(times) if c.end <= m.start() and c.time and c.time.closed),
                    None)
        if prev is None:
            if window is None:
                lo = max(0, sc.start - _LOOKBACK)
                back = _Scanner(sc.text, lo, sc.start, sc.ref, None)
                back.scan_core()
                window = [c for c in _select(back.candidates()) if c.time and c.time.closed]
            prev = window[-1].time if window else None
        if prev is None:
            continue
        res = _discourse(m["w"], prev)
        if res is not None:
            out.append(_Cand(m.start(), m.end(), res, sc.tense_at(m.start(), m.end()), kind=1))
    return out


# ---------------------------------------------------------------- public API


def find_time_mentions(text: str, start: int, end: int, ref: dt.date, tense: Tense | None = None
                       ) -> list[TimeMention]:
    """Every time expression inside ``text[start:end]`` (one sentence, usually), sorted by start.

    Spans are absolute offsets into ``text``; the longest phrase wins and none overlap.  ``ref`` is
    the statement date; ``tense`` (read from the sentence when ``None``) sets the direction of
    phrases without a year.

    >>> s = "In September 2024, a new Prevent assessment framework was launched."
    >>> [(m.text, m.bounds.edtf) for m in find_time_mentions(s, 0, len(s), dt.date(2025, 1, 21))]
    [('In September 2024', '2024-09')]
    """
    sc = _Scanner(text, start, end, ref, tense)
    sc.scan_core()
    times = _select(sc.candidates())
    chosen = _select(times + _anchor_cands(sc, times) + _discourse_cands(sc, times))
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
    sc = _Scanner(phrase, lo, hi, ref, tense)
    sc.scan_core()
    hit = sc.core_at(lo)
    if hit is not None and hit[0] == hi:
        return hit[1].bounds()
    return None


def apply_anchor(anchor: EventAnchor, anchor_bounds: TimeBounds) -> TimeBounds:
    """Bounds of an event-anchored phrase once its anchor event is dated.

    earliest = anchor's earliest begin + ``anchor.earliest``; latest = anchor's latest begin +
    ``anchor.latest``; a ``None`` offset (or an open anchor side) leaves that side open.

    >>> a = EventAnchor("the Southport attack", Span(0, 20), Offset(years=-4), Offset(years=-3))
    >>> apply_anchor(a, TimeBounds(dt.date(2024, 7, 29), dt.date(2024, 7, 29))).edtf
    '2020-07-29/2021-07-29'
    """
    earliest = latest = None
    if anchor.earliest is not None and anchor_bounds.earliest_begin is not None:
        earliest = _shift(anchor_bounds.earliest_begin, anchor.earliest)
    if anchor.latest is not None and anchor_bounds.latest_begin is not None:
        latest = _shift(anchor_bounds.latest_begin, anchor.latest)
    if earliest is not None and latest is not None and earliest > latest:
        earliest, latest = latest, earliest
    edtf = None
    if earliest is not None or latest is not None:
        edtf = (earliest.isoformat() if earliest == latest and earliest is not None
                else f"{earliest.isoformat() if earliest else '..'}/{latest.isoformat() if latest else '..'}")
    return TimeBounds(earliest_begin=earliest, latest_begin=latest, edtf=edtf)
