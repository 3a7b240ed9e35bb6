"""Deciding links: thresholds, one subject's candidates -> rows, and merging a new run into the table.

The rule (documented in the README, measured in ``tests/test_link_wikidata.py``):

* a candidate whose strong identifier agrees with one we hold (``P10428`` UK Parliament member
  ID, ``P836`` GSS code) is accepted (confidence 1.0, ``semapv:LogicalReasoning``);
* otherwise a candidate is accepted only when its score is at least ``ACCEPT`` (0.85), at least
  ``MARGIN`` (0.15) ahead of the runner-up, of a compatible type, and nothing conflicts (a date,
  a country, a type): ``semapv:LogicalReasoning`` as well, because the score needs at least one
  agreeing fact beyond the name to reach ``ACCEPT``;
* otherwise, when some candidate scores at least ``FLOOR`` (0.5), the top ``QUEUE_SIZE``
  candidates are queued for review, each with its evidence in ``comment``;
* otherwise one ``unmatched`` row says that nothing matched (object ``sssom:NoTermFound``).

Human decisions (rows whose justification is ``semapv:ManualMappingCuration``) and every
accepted or rejected row survive a rerun; a rejected pair is never proposed again; one object
is never accepted for two subjects (two namesakes in our graph both pointing at one item are
both queued instead).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .sssom import NO_TERM_FOUND, TOOL, Decision, Justification, MappingRow, MappingTable

ACCEPT = 0.85
MARGIN = 0.15
FLOOR = 0.5
QUEUE_SIZE = 3


@dataclass(frozen=True)
class Candidate:
    """One proposed object for a subject, with its score and the evidence for and against it."""

    object_id: str
    label: str
    score: float
    lexical: float
    match_string: str = ""
    evidence: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    strong_id: str | None = None  # "P10428=4364" when an identifier we hold agrees
    compatible_type: bool = True
    close: bool = False  # skos:closeMatch rather than exactMatch (e.g. a post item for an office)

    @property
    def acceptable(self) -> bool:
        return self.compatible_type and not self.conflicts

    def describe(self) -> str:
        parts = [f"score {self.score:.2f}", *self.evidence]
        parts += [f"CONFLICT {c}" for c in self.conflicts]
        return "; ".join(parts)


@dataclass(frozen=True)
class Proposal:
    """All candidates found for one subject in one run."""

    subject_id: str
    subject_label: str
    candidates: tuple[Candidate, ...]
    date: dt.date
    notes: tuple[str, ...] = field(default=())


def _row(p: Proposal, c: Candidate, decision: Decision, justification: Justification, comment: str) -> MappingRow:
    return MappingRow(
        subject_id=p.subject_id,
        object_id=c.object_id,
        decision=decision,
        mapping_date=p.date,
        subject_label=p.subject_label,
        object_label=c.label,
        predicate_id="skos:closeMatch" if c.close else "skos:exactMatch",
        justification=justification,
        confidence=1.0 if c.strong_id and decision is Decision.ACCEPTED else round(min(c.score, 1.0), 3),
        similarity_score=round(c.lexical, 3),
        similarity_measure="statementkg:label-match",
        match_string=c.match_string,
        author_id=TOOL,
        comment=comment,
    )


def decide(p: Proposal, rejected: set[str]) -> list[MappingRow]:
    """The rows for one subject: an accept, a queue of the best candidates, or unmatched."""
    cands = sorted(
        (c for c in p.candidates if c.object_id not in rejected), key=lambda c: (-c.score, c.object_id)
    )
    strong = [c for c in cands if c.strong_id and c.acceptable]
    if len({c.object_id for c in strong}) == 1:
        c = strong[0]
        return [_row(p, c, Decision.ACCEPTED, Justification.LOGICAL, f"{c.strong_id} agrees; {c.describe()}")]
    viable = [c for c in cands if c.score >= FLOOR or c.strong_id]
    if not viable:
        note = "; ".join(p.notes) or "no candidate scored above the floor"
        best = f"; best was {cands[0].object_id} ({cands[0].describe()})" if cands else ""
        return [
            MappingRow(
                subject_id=p.subject_id,
                object_id=NO_TERM_FOUND,
                decision=Decision.UNMATCHED,
                mapping_date=p.date,
                subject_label=p.subject_label,
                justification=Justification.LEXICAL,
                author_id=TOOL,
                comment=note + best,
            )
        ]
    top = viable[0]
    runner = viable[1].score if len(viable) > 1 else 0.0
    if top.acceptable and top.score >= ACCEPT and top.score - runner >= MARGIN:
        return [_row(p, top, Decision.ACCEPTED, Justification.LOGICAL, top.describe())]
    why = (
        "conflict" if not top.acceptable
        else f"margin {top.score - runner:.2f} < {MARGIN}" if top.score - runner < MARGIN
        else f"score below {ACCEPT}"
    )
    return [
        _row(p, c, Decision.QUEUED, Justification.LEXICAL, f"queued ({why}): {c.describe()}")
        for c in viable[:QUEUE_SIZE]
    ]


def _kept(row: MappingRow) -> bool:
    """Rows a rerun never replaces: human decisions and every accept or reject."""
    return row.justification is Justification.MANUAL or row.decision in (Decision.ACCEPTED, Decision.REJECTED)


def merge(table: MappingTable, proposals: Iterable[Proposal]) -> MappingTable:
    """Fold one run's proposals into ``table``, keeping every decision already taken."""
    old = table.by_subject()
    rows: list[MappingRow] = [r for r in table.rows if _kept(r)]
    settled = {r.subject_id for r in rows if r.decision is Decision.ACCEPTED}
    new: list[MappingRow] = []
    seen: set[str] = set()
    for p in proposals:
        seen.add(p.subject_id)
        if p.subject_id in settled:
            continue
        rejected = {r.object_id for r in old.get(p.subject_id, []) if r.decision is Decision.REJECTED}
        new.extend(r for r in decide(p, rejected) if r.decision is not Decision.REJECTED)
    # subjects not looked at in this run keep their queued / unmatched rows
    rows += [r for r in table.rows if not _kept(r) and r.subject_id not in seen]
    rows += _one_subject_per_object(new, rows)
    return replace(table, rows=tuple(rows)).sorted()


def _one_subject_per_object(new: Sequence[MappingRow], existing: Sequence[MappingRow]) -> list[MappingRow]:
    """Two subjects never both accept one object: every such automatic accept is queued instead."""
    taken = {r.object_id for r in existing if r.decision is Decision.ACCEPTED}
    counts: dict[str, int] = {}
    for r in new:
        if r.decision is Decision.ACCEPTED:
            counts[r.object_id] = counts.get(r.object_id, 0) + 1
    out: list[MappingRow] = []
    for r in new:
        if r.decision is Decision.ACCEPTED and (counts[r.object_id] > 1 or r.object_id in taken):
            r = replace(
                r,
                decision=Decision.QUEUED,
                justification=Justification.LEXICAL,
                comment=f"queued (another subject matches the same item): {r.comment}",
            )
        out.append(r)
    return out


def review(table: MappingTable, short: str, decision: Decision, date: dt.date, reviewer: str) -> MappingTable:
    """Record a human decision on row ``short``; accepting one candidate rejects the subject's others."""
    target = table.find(short)
    if target is None:
        from ..errors import InputError

        raise InputError(f"no mapping with id {short!r} in {table.source}; `statementkg link review` lists the ids")
    rows: list[MappingRow] = []
    for r in table.rows:
        if r.subject_id != target.subject_id:
            rows.append(r)
            continue
        if r.object_id == target.object_id:
            rows.append(
                replace(r, decision=decision, justification=Justification.MANUAL, mapping_date=date,
                        reviewer_id=reviewer, confidence=1.0 if decision is Decision.ACCEPTED else r.confidence)
            )
        elif decision is Decision.ACCEPTED and r.decision in (Decision.QUEUED, Decision.ACCEPTED):
            rows.append(
                replace(r, decision=Decision.REJECTED, justification=Justification.MANUAL, mapping_date=date,
                        reviewer_id=reviewer, comment=f"another candidate was accepted; {r.comment}")
            )
        elif decision is Decision.ACCEPTED and r.decision is Decision.UNMATCHED:
            continue
        else:
            rows.append(r)
    return replace(table, rows=tuple(rows)).sorted()
