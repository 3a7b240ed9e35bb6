"""Readers for calendar dates: full dates, day and month, months, years, financial years, decades."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from .dates import choose, edtf_span, month_end, month_span, nearby_years, valid_date
from .lexicon import fold_key, time_lexicon
from .phrase import Ctx, PhraseTime, period, rel_year


def _month_no(name: str) -> int:
    return time_lexicon().months[name.rstrip(".")]


def read_date(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    mon = m["m"]
    month = int(mon) if mon.isdigit() else _month_no(mon)
    day = valid_date(int(m["y"]), month, int(re.sub(r"\D", "", m["d"])))
    return period(day, day, "absolute") if day else None


def read_day_month(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    month, day = _month_no(m["m"]), int(re.sub(r"\D", "", m["d"]))
    if m["rel"]:
        found = valid_date(rel_year(c, m["rel"]), month, day)
        return period(found, found) if found else None
    days = [d for y in nearby_years(c.ref) if (d := valid_date(y, month, day)) is not None]
    if m["wd"]:
        # a weekday with the date picks the nearest year in which they agree
        agree = [d for d in days if d.weekday() == time_lexicon().weekdays[m["wd"]]]
        if agree:
            found = min(agree, key=lambda d: abs((d - c.ref).days))
            return period(found, found)
    pick = choose(((d, d) for d in days), c.ref, c.tense)
    return period(pick[0], pick[1]) if pick else None


def read_month_day(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    """"January 21": not when the number counts something ("in May 2 people were ...")."""
    nxt = re.match(r"\s+([a-z]+)", c.text[m.end() : m.end() + 20])
    function_words = time_lexicon().function_words
    if not re.search(r"(?:st|nd|rd|th)$", m["d"]) and nxt and nxt.group(1) not in function_words:
        return None
    return read_day_month(m, c)


def read_month_year(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    month = _month_no(m["m"])
    if m["y"]:
        return period(*month_span(int(m["y"]), month), "absolute")
    return period(*month_span(rel_year(c, m["rel"]), month))


def read_month(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    month = _month_no(m["m"])
    mod = m["mod"].lower() if m["mod"] else None
    pick = choose((month_span(y, month) for y in nearby_years(c.ref)), c.ref, c.tense, mod)
    return period(*pick, lead=0 if mod else 1) if pick else None


def _year_context_ok(m: re.Match[str], c: Ctx) -> bool:
    lex = time_lexicon()
    before = c.text[max(0, m.start() - 80) : m.start()]
    if lex.statute.search(before):
        return False
    prev = re.search(r"([A-Za-z.]+)\.?\s*$", before)
    return not (prev and prev.group(1).lower().rstrip(".") in lex.number_prefixes)


def read_year(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    if not _year_context_ok(m, c):
        return None
    lex = time_lexicon()
    year = int(m["y"])
    before = c.text[max(0, m.start() - 30) : m.start()]
    prev = re.search(r"([\w'’.]+)\s*$", before)
    prev_word = fold_key(prev.group(1)) if prev else ""
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
    return period(dt.date(year, 1, 1), dt.date(year, 12, 31), "absolute", lead=lead)


def read_year_range(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not y1 < y2 <= y1 + 50 or not _year_context_ok(m, c):
        return None
    return PhraseTime(dt.date(y1, 1, 1), dt.date(y1, 12, 31), f"{y1}/{y2}", "absolute",
                 end_start=dt.date(y2, 1, 1), end_end=dt.date(y2, 12, 31))


def read_fiscal_year(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    y1 = int(m["y1"])
    if int(m["y2"]) != (y1 + 1) % 100 or not _year_context_ok(m, c):
        return None
    kinds = time_lexicon().year_kinds
    kind = m["kind"] or m["kind2"]
    start_month = kinds[kind.lower()] if kind else kinds["financial"]
    a = dt.date(y1, start_month, 1)
    b = a + relativedelta(years=1) - dt.timedelta(days=1)
    return period(a, b, "absolute")


def _quarter_span(year: int, q: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q)


def read_quarter(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    """"the third quarter of 2024", "Q3 2024": July to September; without a year, by tense."""
    if m["q"]:
        q, year = int(m["q"][1]), int(m["qy"])
    else:
        word = m["ord"].lower()
        q = time_lexicon().quarter_ordinals[word]
        if m["y"] or m["rel"]:
            year = int(m["y"]) if m["y"] else rel_year(c, m["rel"])
        elif word == "last":
            return None  # "the last quarter": the one just gone, or the fourth?
        else:
            pick = choose((_quarter_span(y, q) for y in nearby_years(c.ref)), c.ref, c.tense)
            if pick is None:
                return None
            return period(*pick, edtf=f"{pick[0].year:04d}-{32 + q}", lead=1)
    anchor = "absolute" if m["y"] or m["qy"] else "statement"
    return period(*_quarter_span(year, q), anchor, edtf=f"{year:04d}-{32 + q}")


def read_decade(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    dec = int(m["dec"])
    a, b = dt.date(dec, 1, 1), dt.date(dec + 9, 12, 31)
    if m["part"]:
        first, last = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}[m["part"].lower()]
        a, b = dt.date(dec + first, 1, 1), dt.date(dec + last, 12, 31)
        return period(a, b, "absolute")
    return period(a, b, "absolute", edtf=f"{str(dec)[:3]}X")


def read_day_range(m: re.Match[str], c: Ctx) -> PhraseTime | None:
    month = _month_no(m["m"])
    d1, d2 = int(re.sub(r"\D", "", m["d1"])), int(re.sub(r"\D", "", m["d2"]))
    if d1 >= d2:
        return None
    if m["y"]:
        years = [int(m["y"])]
        anchor = "absolute"
    else:
        firsts = ((a, a) for y in nearby_years(c.ref) if (a := valid_date(y, month, d1)))
        pick = choose(firsts, c.ref, c.tense)
        if pick is None:
            return None
        years, anchor = [pick[0].year], "statement"
    a, b = valid_date(years[0], month, d1), valid_date(years[0], month, d2)
    if a is None or b is None:
        return None
    if m["btw"]:
        return period(a, b, anchor)
    return PhraseTime(a, a, edtf_span(a, b), anchor, end_start=b, end_end=b)
