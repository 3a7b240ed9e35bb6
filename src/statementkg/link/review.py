"""``link review``: what is queued, with its evidence, and human accept / reject decisions as table rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .decisions import review as decide_by_hand
from .sssom import Decision, MappingRow, iter_tables, save_table


@dataclass(frozen=True)
class QueuedRow:
    source: str
    row: MappingRow

    def to_json(self) -> dict[str, object]:
        r = self.row
        return {
            "id": r.id,
            "source": self.source,
            "subject": r.subject_id,
            "subject_label": r.subject_label,
            "object": r.object_id,
            "object_label": r.object_label,
            "confidence": r.confidence,
            "evidence": r.comment,
        }


def queued(links: Path) -> list[QueuedRow]:
    return [QueuedRow(t.source, r) for t in iter_tables(links) for r in t.sorted().rows
            if r.decision is Decision.QUEUED]


def apply_reviews(
    links: Path, accept: Sequence[str], reject: Sequence[str], *, date: dt.date, reviewer: str
) -> list[MappingRow]:
    """Record each ``--accept`` / ``--reject`` in the table holding that id; returns the changed rows."""
    tables = {t.source: t for t in iter_tables(links)}
    changed: list[MappingRow] = []
    for ids, decision in ((accept, Decision.ACCEPTED), (reject, Decision.REJECTED)):
        for short in ids:
            holder = next((t for t in tables.values() if t.find(short) is not None), None)
            if holder is None:
                raise InputError(f"no mapping with id {short!r} in {links}; `statementkg link review` lists the ids")
            updated = decide_by_hand(holder, short, decision, date, reviewer)
            tables[holder.source] = updated
            found = updated.find(short)
            assert found is not None
            changed.append(found)
    for t in tables.values():
        save_table(links, t)
    return changed
