"""Per-statement snapshots: each statement in, the facts it yields out, compared with the stored file.

One test per statement, so a regression names the statement that moved and the facts that
appeared (``+``) or disappeared (``-``).  After a deliberate change, ``make snapshots`` rewrites
the files; review them with ``git diff tests/data/snapshots``.
"""

from __future__ import annotations

import pytest

from snapshot_support import (
    CORPORA,
    SNAPSHOTS,
    diff,
    iter_cases,
    load_snapshot,
    snapshot_of,
    snapshot_path,
    stems_of,
)

CASES = list(iter_cases())


@pytest.mark.parametrize(("corpus", "stem"), CASES, ids=[f"{c}/{s}" for c, s in CASES])
def test_statement_facts_match_its_snapshot(corpus: str, stem: str) -> None:
    path = snapshot_path(corpus, stem)
    assert path.is_file(), f"no snapshot for {corpus}/{stem}; run `make snapshots`"
    changes = diff(load_snapshot(path), snapshot_of(corpus, stem))
    if changes:
        pytest.fail(
            f"{corpus}/{stem}: the extracted facts moved (- disappeared, + appeared):\n"
            + "\n".join(changes)
            + "\nIf the change is intended, run `make snapshots` and commit the diff.",
            pytrace=False,
        )


def test_every_snapshot_belongs_to_a_statement() -> None:
    stale = sorted(
        str(p.relative_to(SNAPSHOTS))
        for name in CORPORA
        for p in (SNAPSHOTS / name).glob("*.json")
        if p.stem not in stems_of(name)
    )
    assert not stale, f"snapshots of statements that are gone: {stale}; run `make snapshots`"


def test_heldout_statements_are_never_snapshotted() -> None:
    assert all("heldout" not in str(folder) for folder in CORPORA.values())
    assert not (SNAPSHOTS / "heldout").exists()


def test_diff_names_facts_that_moved() -> None:
    old = {"events": [{"type": "Attack", "label": "Southport attack"}], "people": [], "organisations": [],
           "review_links": []}
    new = {"events": [{"type": "Attack", "label": "Attack"}], "people": [{"name": "A B", "roles": []}],
           "organisations": [], "review_links": []}
    lines = diff(old, new)
    assert '    - {"label": "Southport attack", "type": "Attack"}' in lines
    assert '    + {"label": "Attack", "type": "Attack"}' in lines
    assert '    + {"name": "A B", "roles": []}' in lines
    assert diff(old, old) == []
