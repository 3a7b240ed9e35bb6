"""The compiled rules built from the lexicon: core phrases with their readers, operators, anchors, cues."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...resources import load_lexicon
from .calendar_dates import (
    read_date,
    read_day_month,
    read_day_range,
    read_decade,
    read_fiscal_year,
    read_month,
    read_month_day,
    read_month_year,
    read_quarter,
    read_year,
    read_year_range,
)
from .durations import read_ago, read_in_time, read_recent, read_rolling, read_within
from .lexicon import Holiday, Unit, alternation, time_lexicon
from .phrase import Ctx, Handler, PhraseTime
from .relative import read_immediate, read_new_year, read_relday, read_relperiod, read_the_unit, read_weekday
from .seasons_holidays import read_holiday, read_season


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    #: cue families (see ``_Fragments.cue_words``) that must all occur in a sentence for the rule to fire
    needs: frozenset[str] = frozenset()


def _h_none(m: re.Match[str], c: Ctx) -> PhraseTime | None:  # operator and anchor rules resolve elsewhere
    return None


class _Fragments:
    """Builds the compiled rules from the lexicon (once, at first use)."""

    def __init__(self, raw: Mapping[str, Any], numbers: Mapping[str, Any], units: Mapping[str, Unit],
                 relations: Mapping[str, str], qualifiers: Mapping[str, Any], holidays: Mapping[str, Holiday]
                 ) -> None:
        self.raw = raw
        self.mon_full = alternation(raw["months"])
        self.mon_any = rf"(?:{alternation(raw['months'])}|{alternation(raw['month_abbreviations'])}\.?)"
        self.wd = alternation(raw["weekdays"])
        self.day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
        self.year = r"(?:1[89]\d\d|20\d\d|21\d\d)"
        self.num = rf"(?:\d{{1,3}}|{alternation(numbers, ignore_case=True)})"
        self.units = rf"(?:{alternation(units, ignore_case=True)})(?i:s)?"
        self.qual = alternation((w for ws in raw["approximators"].values() for w in ws), ignore_case=True)
        self.relations = relations
        self.qualifiers = qualifiers
        self.seasons = "(?:" + "|".join(f"[{s[0].upper()}{s[0]}]{s[1:]}" for s in raw["seasons"]) + ")"
        self.holidays = alternation(holidays)
        self.raw_holidays = list(holidays)
        self.unit_names = sorted(units, key=len, reverse=True)
        self.rel_year = r"(?P<rel>(?i:last|next|this))\s+(?i:year)"

    # cue families each core rule needs (all of them) before it is worth running
    _NEEDS: Mapping[str, tuple[str, ...]] = {
        "dmy": ("digit", "month"), "mdy": ("digit", "month"), "iso": ("year",), "dmy_num": ("year",),
        "dm": ("digit", "month"), "md": ("digit", "month"), "my": ("month",), "month": ("month",),
        "year": ("year",), "yearrange": ("year",), "fy": ("year",), "quarter": ("quarter",), "decade": ("year",),
        "season": ("season",), "holiday": ("holiday",), "relday": ("relday",), "weekday": ("weekday",),
        "relperiod": ("unit", "relmod"), "rolling": ("unit", "rolling"), "recent": ("unit", "recent"),
        "ago": ("unit", "ago"), "intime": ("unit",), "within": ("unit", "within"),
        "immediate": ("immediate",), "newyear": ("newyear",), "theunit": ("unit",),
        "dayrange": ("digit", "month"),
        "offset": ("unit", "relation"), "a_theunit": ("unit", "relation"), "a_within": ("unit", "within"),
        "rel": ("relation",),
    }

    @classmethod
    def _rule(cls, name: str, body: str, handler: Handler) -> Rule:
        # a hyphen before the phrase only after "mid-", "early-", "late-" ("mid-2024")
        lead = r"(?<![\w'’])(?:(?<=mid-)|(?<=early-)|(?<=late-)|(?<![\w'’]-))"
        return Rule(name, re.compile(rf"{lead}(?:{body})(?![\w-])"), handler, frozenset(cls._NEEDS[name]))

    def core_rules(self) -> tuple[Rule, ...]:
        d, y, wd = self.day, self.year, self.wd
        wd_opt = rf"(?:(?P<wd>{wd}),?\s+)?"
        kinds = alternation(self.raw["year_kinds"], ignore_case=True)
        ords = alternation(map(str, self.raw["quarter_ordinals"]), ignore_case=True)
        r = self._rule
        return (
            r("dmy", rf"{wd_opt}(?:(?i:the)\s+)?(?P<d>{d})(?:\s+(?i:of))?\s+(?P<m>{self.mon_any}),?\s+"
                     rf"(?P<y>{y})", read_date),
            r("mdy", rf"{wd_opt}(?P<m>{self.mon_any})\s+(?P<d>{d}),?\s+(?P<y>{y})", read_date),
            r("iso", rf"(?P<y>{y})-(?P<m>0[1-9]|1[0-2])-(?P<d>3[01]|[12]\d|0[1-9])", read_date),
            r("dmy_num", rf"(?P<d>3[01]|[12]\d|0?[1-9])/(?P<m>1[0-2]|0?[1-9])/(?P<y>{y})", read_date),
            r("dm", rf"{wd_opt}(?:(?i:the)\s+)?(?P<d>{d})(?:\s+(?i:of))?\s+(?P<m>{self.mon_any})"
                    rf"(?:,?\s+{self.rel_year})?", read_day_month),
            r("md", rf"{wd_opt}(?P<m>{self.mon_any})\s+(?P<d>{d})(?:,?\s+{self.rel_year})?", read_month_day),
            r("my", rf"(?P<m>{self.mon_full})(?:\s+(?i:of))?,?\s+(?:(?P<y>{y})|{self.rel_year})",
              read_month_year),
            r("month", rf"(?:(?P<mod>(?i:last|next|this))\s+)?(?P<m>{self.mon_full})(?!['’]s\b)",
              read_month),
            r("year", rf"(?<![\d,.£$€#/])(?P<y>{y})(?![.,]\d|\s*%|\s*(?i:per\s*cent))", read_year),
            r("yearrange", rf"(?P<y1>{y})\s?[-–]\s?(?P<y2>{y})", read_year_range),
            r("fy", rf"(?:(?i:the\s+)?(?P<kind>{kinds})\s+(?i:year)\s+|(?i:the)\s+(?={y}\s?[-/–]\s?\d\d\s+"
                    rf"{kinds}\s+(?i:year))|FY\s?)?(?P<y1>{y})\s?[-/–]\s?(?P<y2>\d\d)"
                    rf"(?:\s+(?P<kind2>{kinds})\s+(?i:year))?", read_fiscal_year),
            r("quarter", rf"(?:(?i:the)\s+)?(?P<ord>{ords})"
                         rf"\s+(?i:quarter)(?:\s+(?:(?i:of)\s+)?(?:(?P<y>{y})|{self.rel_year}))?"
                         rf"|(?P<q>Q[1-4])\s+(?:(?i:of)\s+)?(?P<qy>{y})", read_quarter),
            r("decade", r"(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?"
                        r"(?P<dec>(?:1[89]|20)\d0)['’]?s", read_decade),
            r("season", rf"(?:(?P<mod>(?i:last|next|this))\s+|(?i:the)\s+)?(?P<s>{self.seasons})"
                        rf"(?:\s+(?:(?i:of)\s+)?(?:(?P<y>{y})|{self.rel_year}))?", read_season),
            r("holiday", rf"(?:(?P<mod>(?i:last|next|this))\s+|(?i:the)\s+)?(?P<h>{self.holidays})"
                         rf"(?:\s+(?:(?i:in)\s+)?(?P<y>{y})|\s+{self.rel_year})?", read_holiday),
            r("relday", r"(?P<w>(?i:the\s+day\s+(?:before|after)\s+(?:yesterday|tomorrow)"
                        r"|(?:earlier|later)\s+today|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night"
                        r"|(?:yesterday|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?))", read_relday),
            r("weekday", rf"(?:(?P<mod>(?i:last|next|this))\s+)?(?P<wd>{wd})"
                         r"(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?", read_weekday),
            r("relperiod", r"(?P<pos>(?i:earlier\s+this|later\s+this|last|next|this))\s+"
                           r"(?P<u>(?i:weekend|week|month|year))", read_relperiod),
            r("rolling", rf"(?i:the\s+(?P<dir>past|last|next|coming)\s+(?:(?P<n>{self.num})\s+)?"
                         rf"(?P<u>{self.units}))", read_rolling),
            r("recent", rf"(?i:recent\s+(?P<u>{self.units}))", read_recent),
            r("ago", rf"(?:(?P<q>{self.qual})\s+)?(?P<n>{self.num})\s+(?P<u>{self.units})\s+(?i:ago)"
                     r"(?:\s+(?P<tail>(?i:(?:this|last|next)\s+(?:week|month)|today|yesterday|tomorrow)))?",
              read_ago),
            r("intime", rf"(?i:in)\s+(?:(?P<q>{self.qual})\s+)?(?P<n>{self.num})\s+(?P<u>{self.units})"
                        r"(?:['’]s?)?(?P<t>\s+(?i:time))?", read_in_time),
            r("within", rf"(?i:within)\s+(?:(?i:the\s+next)\s+)?(?:(?P<n>{self.num})\s+)?(?P<u>{self.units})"
                        r"(?!\s+(?i:of)\b)", read_within),
            r("immediate", r"(?i:immediately|at\s+once|with\s+immediate\s+effect|forthwith|straight\s+away"
                           r"|right\s+away|without\s+delay)", read_immediate),
            r("newyear", r"(?i:the\s+new\s+year)(?!['’]s)", read_new_year),
            r("theunit", r"(?P<u>(?i:the\s+(?:year|month|week)))", read_the_unit),
            r("dayrange", rf"(?:(?P<btw>(?i:between))\s+)?(?P<d1>{d})\s*(?:[-–]|(?i:to|and))\s*(?P<d2>{d})\s+"
                          rf"(?P<m>{self.mon_any})(?:,?\s+(?P<y>{y}))?", read_day_range),
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

    def anchor_rules(self) -> tuple[Rule, ...]:
        num, units, qual = self.num, self.units, self.qual
        offset_rel = r"(?i:before|after|prior\s+to|earlier\s+than|later\s+than|following|since|on\s+from)"
        rels = alternation(self.relations, ignore_case=True)
        quals = alternation(self.qualifiers, ignore_case=True)

        def rule(name: str, body: str) -> Rule:
            needs = frozenset(self._NEEDS["a_" + name if "a_" + name in self._NEEDS else name])
            return Rule(name, re.compile(rf"(?<![\w'’-])(?:{body})\s+"), _h_none, needs)

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
            add("quarter", ["quarter", "q"])
            add("recent", ["recent"])
            add("rolling", ["past", "last", "next", "coming"])
            add("relmod", ["last", "next", "this", "earlier", "later"])
        else:
            add("month", list(self.raw["months"]) + list(self.raw["month_abbreviations"]))
            add("weekday", self.raw["weekdays"])
            add("holiday", {re.split(r"[\s'’]", name)[0] for name in self.raw_holidays})
        return {w: frozenset(f) for w, f in fams.items()}

    def discourse(self) -> re.Pattern[str]:
        """Phrases dated from the last dated phrase before them: "later that month", "a year earlier",
        "in March of that year"."""
        return re.compile(
            r"(?<![\w'’-])(?:(?i:(?P<w>(?:earlier|later)\s+that\s+(?:day|week|month|year)"
            r"|that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night|week|month|year)"
            r"|the\s+(?:same|following|next|previous|preceding)\s+(?:day|morning|afternoon|evening|night|week|month"
            r"|year)|the\s+day\s+(?:before|after)))"
            rf"|(?:(?i:in|during|by)\s+)?(?P<mon>{self.mon_full})\s+(?:(?i:of)\s+)?(?i:that\s+(?:same\s+)?year)"
            rf"|(?:(?P<q>{self.qual})\s+)?(?P<n>{self.num})\s+(?P<u>{self.units})\s+(?P<dir>(?i:earlier|later))"
            r"(?!\s+(?i:than)\b))(?![\w-])"
        )


@dataclass(frozen=True)
class Rules:
    """Every compiled rule a scan runs, and the cue words that say which are worth running."""

    core: tuple[Rule, ...]
    ops: re.Pattern[str]
    anchors: tuple[Rule, ...]
    discourse: re.Pattern[str]
    cue_exact: dict[str, frozenset[str]]
    cue_folded: dict[str, frozenset[str]]
    connector: re.Pattern[str]
    between_and: re.Pattern[str]


@cache
def time_rules() -> Rules:
    """The rules, compiled once at first use."""
    lex = time_lexicon()
    raw = load_lexicon("time.yaml")
    frag = _Fragments(raw, lex.numbers, lex.units, lex.relations, lex.qualifiers, lex.holidays)
    return Rules(
        core=frag.core_rules(),
        ops=frag.op_rule(),
        anchors=frag.anchor_rules(),
        discourse=frag.discourse(),
        cue_exact=frag.cue_words(folded=False),
        cue_folded=frag.cue_words(folded=True),
        connector=re.compile(r"\s*(?:[-–—]|(?i:to|until|till|through))\s*"),
        between_and=re.compile(r"\s+(?i:and)\s+"),
    )
