"""Per-statement snapshots: the facts each statement yields, in a sorted, diff-friendly form.

A snapshot is built per statement from ``extract_statement`` and ``resolve`` over the whole folder
the statement sits in, so merges across statements show too (``also_in``).  Each fact is one JSON
object on one line; the file is valid JSON and a ``git diff`` of it reads fact by fact.

Regenerate every snapshot with ``make snapshots`` (``tests/tools/update_snapshots.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from statementkg.extract import extract_statement
from statementkg.model import Corpus, Event
from statementkg.resolve import resolve
from statementkg.sources import iter_statement_files, load_statement

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = Path(__file__).resolve().parent / "data" / "snapshots"
#: corpus name (the snapshot folder) -> statement folder; tests/data/heldout is never read here
CORPORA: dict[str, Path] = {
    "bundled": ROOT / "data" / "statements",
    "statements": ROOT / "tests" / "data" / "statements",
    "statements2": ROOT / "tests" / "data" / "statements2",
    "statements3": ROOT / "tests" / "data" / "statements3",
}
SECTIONS = ("events", "people", "organisations", "review_links")

Fact = dict[str, Any]
Snapshot = dict[str, list[Fact]]


@cache
def corpus_of(name: str) -> Corpus:
    """The resolved corpus of one folder (cached: every statement of it shares one resolution)."""
    files = iter_statement_files([CORPORA[name]])
    return resolve([extract_statement(load_statement(f)) for f in files])


def stems_of(name: str) -> list[str]:
    return [s.stem for s in corpus_of(name).statements]


def iter_cases() -> Iterator[tuple[str, str]]:
    """Every (corpus, statement stem) that has a snapshot."""
    for name in CORPORA:
        for stem in stems_of(name):
            yield name, stem


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def _label(corpus: Corpus, key: str) -> str:
    e = corpus.events.get(key)
    return f"{e.type}: {e.label}" if e is not None else key


def _said_in(mentions: list[Any], stem: str) -> bool:
    return any(m.stem == stem for m in mentions)


def _event_fact(corpus: Corpus, e: Event, stem: str) -> Fact:
    text = next(s.text for s in corpus.statements if s.stem == stem)
    quotes = sorted({" ".join(m.span.text(text).split()) for m in e.mentions if m.stem == stem})
    fact: Fact = {
        "type": e.type,
        "label": e.label,
        "earliest": _iso(e.bounds.earliest_begin),
        "latest": _iso(e.bounds.latest_begin),
        "planned": e.planned,
        "quotes": quotes,
    }
    if e.series_size > 1:
        fact["count"] = e.series_size
    others = sorted({m.stem for m in e.mentions if m.stem != stem})
    if others:
        fact["also_in"] = others
    return fact


def _sort_key(fact: Fact) -> tuple[str, ...]:
    lead = tuple(str(fact.get(k, "")) for k in ("type", "label", "name", "review", "relation", "event"))
    return (*lead, _line(fact))


def snapshot_of(name: str, stem: str) -> Snapshot:
    """The facts statement ``stem`` of corpus ``name`` yields, each section sorted."""
    corpus = corpus_of(name)
    events = [e for e in corpus.events.values() if _said_in(e.mentions, stem) and e.type != "Statement"]
    posts = {k: p.label for k, p in corpus.posts.items()}
    roles: dict[str, set[str]] = {}
    for ms in corpus.memberships.values():
        if _said_in(ms.mentions, stem):
            roles.setdefault(ms.person, set()).add(posts.get(ms.post, ms.post))
    people: list[Fact] = []
    for p in corpus.people.values():
        if _said_in(p.mentions, stem):
            fact: Fact = {"name": p.name, "roles": sorted(roles.get(p.key, ()))}
            if p.prefixes:
                fact["prefixes"] = list(p.prefixes)
            if p.suffixes:
                fact["suffixes"] = list(p.suffixes)
            others = sorted({m.stem for m in p.mentions if m.stem != stem})
            if others:
                fact["also_in"] = others
            people.append(fact)
    orgs = [
        {"name": o.name, "kind": o.kind} for o in corpus.organisations.values() if _said_in(o.mentions, stem)
    ]
    links: list[Fact] = []
    for e in events:
        for relation, targets in (("reviews", e.reviews), ("respondsTo", e.responds_to)):
            for t in targets:
                links.append({"review": _label(corpus, e.key), "relation": relation, "event": _label(corpus, t)})
    snap: Snapshot = {
        "events": [_event_fact(corpus, e, stem) for e in events],
        "people": people,
        "organisations": orgs,
        "review_links": links,
    }
    return {k: sorted(_unique(v), key=_sort_key) for k, v in snap.items()}


def _line(fact: Fact) -> str:
    """The canonical form of a fact, for comparing (key order does not matter)."""
    return json.dumps(fact, ensure_ascii=False, sort_keys=True)


def _unique(facts: list[Fact]) -> list[Fact]:
    """Members of a series ("3 referrals") give the same fact once."""
    seen: dict[str, Fact] = {}
    for f in facts:
        seen.setdefault(_line(f), f)
    return list(seen.values())


def render(stem: str, snap: Snapshot) -> str:
    """The snapshot file: valid JSON, one fact per line, sections in a fixed order."""
    parts = [f'{{\n  "statement": {json.dumps(stem)},']
    for i, section in enumerate(SECTIONS):
        facts = snap[section]
        body = ",\n".join(f"    {json.dumps(f, ensure_ascii=False)}" for f in facts)
        close = "," if i < len(SECTIONS) - 1 else ""
        parts.append(f'  "{section}": [\n{body}\n  ]{close}' if facts else f'  "{section}": []{close}')
    parts.append("}\n")
    return "\n".join(parts)


def snapshot_path(name: str, stem: str) -> Path:
    return SNAPSHOTS / name / f"{stem}.json"


def load_snapshot(path: Path) -> Snapshot:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {k: list(raw.get(k, [])) for k in SECTIONS}


def diff(expected: Snapshot, actual: Snapshot) -> list[str]:
    """Facts that disappeared (``-``) and appeared (``+``), section by section; empty when equal."""
    out: list[str] = []
    for section in SECTIONS:
        old = {_line(f) for f in expected[section]}
        new = {_line(f) for f in actual[section]}
        gone, came = sorted(old - new), sorted(new - old)
        if gone or came:
            out.append(f"  {section}:")
            out.extend(f"    - {f}" for f in gone)
            out.extend(f"    + {f}" for f in came)
    return out


def write_all() -> list[Path]:
    """Write every snapshot afresh (and remove snapshots of statements that are gone)."""
    written: list[Path] = []
    for name in CORPORA:
        folder = SNAPSHOTS / name
        folder.mkdir(parents=True, exist_ok=True)
        keep = set()
        for stem in stems_of(name):
            path = snapshot_path(name, stem)
            path.write_text(render(stem, snapshot_of(name, stem)), encoding="utf-8")
            keep.add(path.name)
            written.append(path)
        for stale in folder.glob("*.json"):
            if stale.name not in keep:
                stale.unlink()
    return written
