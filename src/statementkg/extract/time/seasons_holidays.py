"""Readers for seasons ("last summer", "autumn 2024") and holidays ("Christmas", "Easter 2025")."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from .dates import choose, nearby_years
from .lexicon import time_lexicon
from .phrase import Ctx, PhraseTime, period, rel_year


def _season_span(name: str, year: int) -> tuple[dt.date, dt.date]:
    first = time_lexicon().seasons[name][0]
    a = dt.date(year, first, 1)
    b = a + relativedelta(months=3) - dt.timedelta(days=1)
    return a, b


def _season_edtf(name: str, year: int) -> str:
    code = time_lexicon().seasons[name][1]
    if time_lexicon().seasons[name][0] == 12:  # winter crosses the year: say the months outright
        return f"{year}-12/{year + 1}-02"
    return f"{year}-{code}"


def read_season(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    name = m["s"].lower()
    if m["y"] or m["rel"]:
        year = int(m["y"]) if m["y"] else rel_year(c, m["rel"])
        a, b = _season_span(name, year)
        return PhraseTime(a, b, _season_edtf(name, year), "absolute" if m["y"] else "statement")
    if m["s"][0].isupper() and re.match(r"\s+[A-Z]", c.text[m.end() : m.end() + 3]):
        return None  # "Autumn Statement", "Spring Budget"
    noun = re.match(r"\s+([a-z]+)", c.text[m.end() : m.end() + 20])
    if noun and noun.group(1) not in time_lexicon().function_words:
        # "the summer recess": a season naming something else is a time only in "during the summer recess"
        prev = re.search(r"([A-Za-z]+)\s+$", c.text[max(0, m.start() - 20) : m.start()])
        if not (prev and prev.group(1).lower() in time_lexicon().preps):
            return None
    mod = m["mod"].lower() if m["mod"] else None
    pick = choose((_season_span(name, y) for y in nearby_years(c.ref)), c.ref, c.tense, mod)
    if pick is None:
        return None
    return PhraseTime(pick[0], pick[1], _season_edtf(name, pick[0].year), lead=0 if mod else 1)


def read_holiday(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    lex = time_lexicon()
    name = re.sub(r"\s+", " ", m["h"]).replace("’", "'")
    hol = lex.holidays.get(name)
    if hol is None:
        return None
    if m["y"] or m["rel"]:
        span = hol.span(int(m["y"]) if m["y"] else rel_year(c, m["rel"]))
        return period(*span, "absolute" if m["y"] else "holiday", holiday=hol.key) if span else None
    mod = m["mod"].lower() if m["mod"] else None
    pick = choose((s for y in nearby_years(c.ref) if (s := hol.span(y)) is not None), c.ref, c.tense, mod)
    if pick is None:
        return None
    needs = name in lex.holidays_needing_lead and not mod
    return period(*pick, "holiday", holiday=hol.key, lead=1 if needs else 0)
