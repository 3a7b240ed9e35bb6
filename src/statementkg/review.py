"""What `statementkg review` shows: every fact of one statement with its ID, status, corrections and flags.

The statement is read with the others in its folder (so corrections that merge across statements
can be checked), corrected with ``curate`` (collecting, not raising, the corrections that no longer
apply) and resolved and validated, so that each fact carries the SHACL results about the node it
became and the low-confidence rules it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .curate import Problem, curate, load_corrections_for
from .errors import InputError
from .extract import extract_statement
from .facts import Fact, FactKind, iter_facts
from .ids import mint_event_iri, mint_person_iri
from .model import Corpus, Extraction
from .sources import STATEMENT_SUFFIXES

__all__ = ["ReviewedFact", "StatementReview", "find_statement", "review"]


@dataclass(frozen=True)
class ReviewedFact:
    fact: Fact
    #: extracted, corrected, added, or rejected
    status: str
    corrections: tuple[str, ...]  # FILE:LINE of each correction that touched it
    flags: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        f = self.fact
        b = f.bounds
        return {
            "id": f.id, "kind": f.kind.value, "type": f.type, "label": f.label, "status": self.status,
            "quote": f.quote, "phrase": f.phrase,
            "earliest": b.earliest_begin.isoformat() if b and b.earliest_begin else None,
            "latest": b.latest_begin.isoformat() if b and b.latest_begin else None,
            "event": f.event, "target": f.target, "planned": f.planned,
            "corrections": list(self.corrections), "flags": list(self.flags),
        }


@dataclass(frozen=True)
class StatementReview:
    stem: str
    path: str
    corrections_file: str | None
    facts: tuple[ReviewedFact, ...]
    #: corrections (of any statement in the folder) that no longer apply
    stale: tuple[Problem, ...]


def find_statement(ref: Path, folder: Path = Path("data/statements")) -> Path:
    """A statement file given as a path, or as a stem of a file in ``folder``."""
    if ref.is_file():
        return ref
    for suffix in STATEMENT_SUFFIXES:
        candidate = folder / f"{ref.name}{suffix}"
        if candidate.is_file():
            return candidate
    raise InputError(f"{ref}: no such statement file (nor {folder}/{ref.name}.txt, .md or .json)")


def _flags(f: Fact) -> list[str]:
    out: list[str] = []
    if f.kind is FactKind.EVENT:
        if f.bounds is None or f.bounds.is_open:
            out.append("undated")
        elif f.phrase is None:
            out.append("dated by tense only")
        from .event_classes import classes

        if f.type in classes() and f.label == classes()[f.type].label:
            out.append("bare class label")
    elif f.kind is FactKind.DATE and (f.bounds is None or f.bounds.is_open):
        out.append("anchor not dated")
    elif f.kind is FactKind.PERSON and len(f.label.split()) < 2:
        out.append("one-word name")
    elif f.kind is FactKind.PARTICIPANT and f.target and f.target.startswith(("post:", "predecessor:")):
        out.append("holder inferred from a post")
    return out


def _shacl_flags(corpus: Corpus, ex: Extraction) -> dict[str, list[str]]:
    """Fact ID -> the SHACL results about the node its event or person became."""
    from .rdf import to_dataset
    from .validate import validate

    report = validate(to_dataset(corpus))
    by_focus: dict[str, list[str]] = {}
    for r in report.results:
        by_focus.setdefault(r.focus, []).append(f"{r.severity.value}: {r.message}")
    out: dict[str, list[str]] = {}
    stem = ex.statement.stem
    facts = iter_facts(ex)
    for ev in corpus.events.values():
        msgs = by_focus.get(str(mint_event_iri(ev.key)))
        if not msgs:
            continue
        spans = {m.span for m in ev.mentions if m.stem == stem}
        for f in facts:
            if f.kind is FactKind.EVENT and f.span in spans:
                out.setdefault(f.id, []).extend(msgs)
    for person in corpus.people.values():
        msgs = by_focus.get(str(mint_person_iri(person.key)))
        if msgs:
            for f in facts:
                if f.kind is FactKind.PERSON and f.locator[1] == person.key:
                    out.setdefault(f.id, []).extend(msgs)
    return out


def review(path: Path, *, shacl: bool = True) -> StatementReview:
    """Every fact of the statement at ``path``, as extracted and as its corrections leave it."""
    from .pipeline import read_statements
    from .resolve import resolve

    statements = read_statements([path.parent], budget=None)
    target = next((s for s in statements if Path(s.path).resolve() == path.resolve()), None)
    if target is None:
        raise InputError(f"{path}: not a statement file that `build` would read")
    raw = [extract_statement(s) for s in statements]
    corrections = load_corrections_for(statements)
    curated = curate(raw, corrections, strict=False)
    before = next(e for e in raw if e.statement.stem == target.stem)
    after = next(e for e in curated.extractions if e.statement.stem == target.stem)
    where = {c.id: c.where() for cs in corrections.values() for c in cs}
    flags = _shacl_flags(resolve(list(curated.extractions), hints=curated.hints), after) if shacl else {}

    raw_facts = iter_facts(before)
    new_facts = iter_facts(after)
    raw_ids = {f.id for f in raw_facts}
    new_ids = {f.id for f in new_facts}
    new_locators = {f.locator for f in new_facts}
    touched: dict[str, list[str]] = {}
    for rec in after.corrections:
        for fid in rec.facts:
            touched.setdefault(fid, []).append(where.get(rec.id, rec.id))
    out: list[ReviewedFact] = []
    for f in new_facts:
        cs = [where.get(c, c) for c in f.corrections] + touched.get(f.id, [])
        if f.added or (f.id not in raw_ids and f.kind is not FactKind.EVENT):
            status = "added"
        elif f.corrections or f.id in touched:
            status = "corrected"
        else:
            status = "extracted"
        out.append(ReviewedFact(f, status, tuple(dict.fromkeys(cs)), tuple(_flags(f) + flags.get(f.id, []))))
    for f in raw_facts:
        if f.id not in new_ids and f.locator not in new_locators:
            out.append(ReviewedFact(f, "rejected", tuple(touched.get(f.id, [])), ()))
    mine = corrections.get(target.stem)
    corrections_file = str(mine[0].path) if mine else None
    stale = tuple(p for p in curated.problems if p.correction is None or p.correction.stem == target.stem)
    return StatementReview(target.stem, target.path, corrections_file, tuple(out), stale)
