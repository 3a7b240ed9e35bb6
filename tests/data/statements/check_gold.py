"""Consistency checks for the held-out statements and their gold files (standard library only).

Usage: python3 tests/data/statements/check_gold.py [CORPUS_DIR]

Checks that every gold file parses and matches a statement; that every evidence phrase occurs in
its statement's text (case-insensitively, curly quotes folded, whitespace collapsed); that ids are
unique, types known and bounds well-formed; that each event has at most two evidence phrases of 2-8
words; that every required person and organisation is named; that review links name existing ids; that the
statement date agrees with the statement's own metadata; and that events sharing a `key` have
overlapping date windows. Prints one line per problem and exits 1 if there are any.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

EVENT_TYPES = {
    "Statement", "Attack", "Referral", "Assessment", "Inspection", "Review", "Inquiry", "LearningReview",
    "Investigation", "Inquest", "Appointment", "Resignation", "Announcement", "Apology", "Publication", "Launch",
    "CompensationScheme", "CompensationPayment", "Legislation", "BillIntroduction", "RoyalAssent",
    "CommencementInForce",
    "LegalProceeding", "Arrest", "Charge", "Prosecution", "Trial", "Plea", "Conviction", "Acquittal", "Sentencing",
    "Appeal", "QuashedConviction", "Hearing", "Release", "Accident", "Derailment", "Crash", "Fire", "Collapse",
    "Flood", "Explosion", "Contamination", "Death", "Meeting", "Visit", "Event",
}
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}


def fold(text: str) -> str:
    """Lower-case, fold curly quotes and collapse whitespace, as the scorer does."""
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip().lower()


def statement_text(path: Path) -> tuple[str, str, str | None]:
    """A statement's quotable text, its text plus metadata (for names), and its date (ISO), if found."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        doc = json.loads(raw)
        body = html.unescape(doc["title"] + "\n" + re.sub(r"<[^>]+>", " ", doc["details"]["body"]))
        links = " ".join(item.get("title", "") for items in doc.get("links", {}).values() for item in items)
        date = (doc["details"].get("delivered_on") or doc.get("first_published_at") or "")[:10] or None
        return body, body + "\n" + links, date
    m = re.search(r"^date:\s*(\d{4}-\d{2}-\d{2})\s*$", raw, re.M)
    if m:
        return raw, raw, m.group(1)
    m = re.search(r"(?:Published|debated on \w+day)\s+(\d{1,2}) (\w+) (\d{4})", raw)
    if m:
        day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], int(m.group(3))
        return raw, raw, dt.date(year, month, day).isoformat()
    return raw, raw, None


def parse_bound(value: str | None) -> str | None:
    """Return an error message if value is not null, YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    try:
        if re.fullmatch(r"\d{4}", value) or re.fullmatch(r"\d{4}-\d{2}", value):
            return None
        dt.date.fromisoformat(value)
    except ValueError:
        return f"bad date {value!r}"
    return None


def check(corpus: Path) -> list[str]:
    problems: list[str] = []
    gold_dir = corpus / "gold"
    statements = {p.stem: p for p in corpus.iterdir() if p.is_file() and p.suffix in {".txt", ".md", ".json"}}
    golds = {p.stem: p for p in gold_dir.glob("*.json")}
    for stem in sorted(set(statements) ^ set(golds)):
        problems.append(f"{stem}: statement without gold or gold without statement")
    keyed: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for stem in sorted(set(statements) & set(golds)):
        where = f"gold/{stem}.json"
        try:
            gold = json.loads(golds[stem].read_text(encoding="utf-8"))
        except ValueError as exc:
            problems.append(f"{where}: not JSON ({exc})")
            continue
        text, everything, meta_date = statement_text(statements[stem])
        folded = fold(text)
        if gold["statement"]["date"] != meta_date:
            problems.append(f"{where}: statement date {gold['statement']['date']}, metadata {meta_date}")
        ids = [e["id"] for e in gold["events"]]
        for dup in {i for i in ids if ids.count(i) > 1}:
            problems.append(f"{where}: duplicate event id {dup}")
        own = [e for e in gold["events"] if e["type"] == "Statement" and e.get("evidence") is None]
        if len(own) != 1 or own[0]["earliest"] != gold["statement"]["date"]:
            problems.append(f"{where}: needs one Statement event with null evidence on the statement date")
        for e in gold["events"]:
            for t in [e["type"], *e.get("alt_types", [])]:
                if t not in EVENT_TYPES:
                    problems.append(f"{where}: event {e['id']}: unknown type {t}")
            for b in ("earliest", "latest"):
                msg = parse_bound(e.get(b))
                if msg:
                    problems.append(f"{where}: event {e['id']}: {b}: {msg}")
            if e.get("earliest") and e.get("latest") and len(e["earliest"]) == len(e["latest"]) == 10 \
                    and e["earliest"] > e["latest"]:
                problems.append(f"{where}: event {e['id']}: earliest after latest")
            for phrase in e.get("evidence") or []:
                if fold(phrase) not in folded:
                    problems.append(f"{where}: event {e['id']}: evidence not in text: {phrase!r}")
                n = len(phrase.split())
                if not 2 <= n <= 8:
                    problems.append(f"{where}: event {e['id']}: evidence of {n} words: {phrase!r}")
            if len(e.get("evidence") or []) > 2:
                problems.append(f"{where}: event {e['id']}: more than two evidence phrases")
            if e.get("key"):
                keyed[e["key"]].append((stem, e))
        for r in gold.get("reviews", []):
            for ident in [r["review"], *r["events"]]:
                if ident not in ids:
                    problems.append(f"{where}: review link names unknown id {ident}")
        for section in ("people", "organisations"):
            for item in gold[section]:
                names = [item["name"], *item.get("aliases", [])]
                # Optional entries may be implicit (the Home Office behind a Home Secretary).
                if not item.get("optional") and not any(_name_in(n, fold(everything)) for n in names):
                    problems.append(f"{where}: {section}: none of {names} occurs in the text")
        for person in gold["people"]:
            if not all(isinstance(alts, list) and alts for alts in person["roles"]):
                problems.append(f"{where}: person {person['name']}: roles must be lists of alternatives")
    for key, members in sorted(keyed.items()):
        lows = [e["earliest"] for _, e in members if e.get("earliest") and len(e["earliest"]) == 10]
        highs = [e["latest"] for _, e in members if e.get("latest") and len(e["latest"]) == 10]
        if lows and highs and max(lows) > min(highs):
            problems.append(f"key {key}: date windows do not overlap across {[s for s, _ in members]}")
        types = {e["type"] for _, e in members}
        if len(types) > 1 and not all(t in {"Statement", "Announcement"} for t in types):
            problems.append(f"key {key}: mixed types {sorted(types)}")
    return problems


def _name_in(name: str, folded: str) -> bool:
    """True when the name, or its last word (a surname), occurs in the text."""
    n = fold(name)
    return n in folded or n.split()[-1] in folded


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    problems = check(corpus)
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
