"""The time lexicon (``lexicons/time.yaml``) read once into lookup tables: words, units, holidays, cues."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from dateutil.easter import easter

from ...resources import load_lexicon
from .dates import Dur, nth_weekday, valid_date


@dataclass(frozen=True)
class Unit:
    dur: Dur
    sub_day: bool
    #: how far a counted distance from a date is widened on each side ("41 years ago": 6 months)
    blur: Dur


@dataclass(frozen=True)
class Holiday:
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
            day = nth_weekday(year, rule["month"], rule["weekday"], rule["nth"])
            return day, day
        fixed = valid_date(year, rule["month"], rule["day"])
        return (fixed, fixed) if fixed else None


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, int]]  # first month, EDTF code
    numbers: dict[str, tuple[int, int]]
    units: dict[str, Unit]
    vague: dict[str, tuple[int, int]]
    loose_with_a: frozenset[str]
    in_time_widening: int
    approximators: dict[str, str]
    relations: dict[str, str]
    qualifiers: dict[str, Dur | None]
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
    quarter_ordinals: dict[str, int]
    holidays: dict[str, Holiday]
    holidays_needing_lead: frozenset[str]
    function_words: frozenset[str]
    future_phrases: dict[str, tuple[tuple[str, ...], ...]]
    past_phrases: dict[str, tuple[tuple[str, ...], ...]]
    participles: frozenset[str]
    ed_blockers: frozenset[str]
    ed_not_past: frozenset[str]
    ed_followers: frozenset[str]


def alternation(words: Iterable[str], *, ignore_case: bool = False) -> str:
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
        words = tuple(fold_key(item).split())
        if words and words[0][0].isalpha():
            out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def fold_key(word: str) -> str:
    return re.sub(r"\s+", " ", word.replace("’", "'")).strip().lower()


@cache
def time_lexicon() -> Lexicon:
    raw = load_lexicon("time.yaml")
    months = {**raw["months"], **raw["month_abbreviations"]}
    numbers: dict[str, tuple[int, int]] = {}
    for word, val in raw["numbers"].items():
        numbers[fold_key(str(word))] = (val[0], val[1]) if isinstance(val, list) else (val, val)
    units = {
        name: Unit(Dur(spec.get("months", 0), spec.get("days", 0)), bool(spec.get("sub_day", False)),
                   Dur(spec.get("blur", {}).get("months", 0), spec.get("blur", {}).get("days", 0)))
        for name, spec in raw["units"].items()
    }
    approximators = {fold_key(w): kind for kind, ws in raw["approximators"].items() for w in ws}
    relations = {fold_key(w): kind for kind, ws in raw["anchor_relations"].items() for w in ws}
    qualifiers: dict[str, Dur | None] = {
        fold_key(q): (Dur(spec.get("months", 0), spec.get("days", 0)) if spec else None)
        for q, spec in raw["anchor_qualifiers"].items()
    }
    holidays: dict[str, Holiday] = {}
    for spec in raw["holidays"]:
        overrides = {int(y): dt.date.fromisoformat(str(d)) for y, d in spec.get("overrides", {}).items()}
        hol = Holiday(spec["names"][0].replace("’", "'"), spec["rule"], overrides)
        for name in spec["names"]:
            holidays[name.replace("’", "'")] = hol
    tense = raw["tense"]

    preps = frozenset(raw["leading_prepositions"])
    return Lexicon(
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
        statute=re.compile(rf"\b{alternation(raw['statute_words'])}(?:\s*\([^)]{{0,60}}\))?\s*$"),
        number_prefixes=frozenset(raw["number_prefixes"]),
        year_leads=frozenset(fold_key(w) for w in raw["year_leads"]),
        quantity_leads=frozenset(raw["quantity_leads"]),
        preps=preps,
        lead_words=preps | frozenset(raw["other_leads"]),
        year_kinds=dict(raw["year_kinds"]),
        quarter_ordinals={str(k): int(v) for k, v in raw["quarter_ordinals"].items()},
        holidays=holidays,
        holidays_needing_lead=frozenset(raw["holidays_needing_lead"]),
        function_words=frozenset(tense["ed_followers"]),
        future_phrases=_phrases(tense["future"] + ["am going to", "is going to", "are going to"]),
        past_phrases=_phrases(tense["past"] + tense["irregular_past"]),
        participles=frozenset(tense["irregular_participles"]),
        ed_blockers=frozenset(tense["ed_blockers"]),
        ed_not_past=frozenset(tense["ed_not_past"]),
        ed_followers=frozenset(tense["ed_followers"]),
    )
