"""Blocking in resolution changes nothing: merging only pairs that share a key gives what all pairs give."""

from __future__ import annotations

from pathlib import Path

import pytest

from statementkg import resolve as resolve_module
from statementkg.export import to_nquads
from statementkg.extract import extract_statement
from statementkg.pipeline import read_statements
from statementkg.rdf import to_dataset

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "data" / "statements", *sorted((ROOT / "tests" / "data").glob("statements*")),
           ROOT / "tests" / "data" / "heldout"]


@pytest.mark.parametrize("folder", CORPORA, ids=lambda p: p.name)
def test_blocked_merging_gives_what_all_pairs_give(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extractions = [extract_statement(st) for st in read_statements([folder])]
    blocked = to_nquads(to_dataset(resolve_module.resolve(extractions)))
    monkeypatch.setattr(resolve_module, "_BLOCKING_KEYS", {})
    all_pairs = to_nquads(to_dataset(resolve_module.resolve(extractions)))
    assert blocked == all_pairs


def test_every_merge_policy_has_blocking_keys() -> None:
    # a policy without keys still works (all pairs), but grows quadratically with the corpus
    assert set(resolve_module._MERGE_RULES) <= set(resolve_module._BLOCKING_KEYS)


def test_blocking_on_a_generated_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forty generated statements, many returning to the same incidents (benchmarks/corpus.py)."""
    import sys

    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from corpus import write_corpus

    write_corpus(tmp_path, 40, seed=7)
    extractions = [extract_statement(st) for st in read_statements([tmp_path])]
    blocked = to_nquads(to_dataset(resolve_module.resolve(extractions)))
    monkeypatch.setattr(resolve_module, "_BLOCKING_KEYS", {})
    assert to_nquads(to_dataset(resolve_module.resolve(extractions))) == blocked
    assert "corpus" in sys.modules
