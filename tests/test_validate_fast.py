"""The fast validation path reports exactly what plain pySHACL reports, on every shapes fixture.

``validate(fast=True)`` runs the core constraints in one pySHACL pass and each SPARQL-based
constraint as one whole-graph query on pyoxigraph (pySHACL then reports on the nodes it found);
``validate(fast=False)`` is pySHACL on every focus node.  Any difference is a bug in the fast path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shape_fixtures import FIXTURES
from shape_fixtures import load_fixture as _load
from statementkg.validate import validate


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fast_path_reports_what_pyshacl_reports(path: Path) -> None:
    ds = _load(path)
    fast, plain = validate(ds, fast=True), validate(ds, fast=False)
    assert fast.conforms == plain.conforms
    assert fast.results == plain.results
    assert fast.to_turtle() == plain.to_turtle()


def test_fast_path_on_a_built_graph(sample_trig: Path) -> None:
    ds = _load(sample_trig)
    assert validate(ds, fast=True).results == validate(ds, fast=False).results


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_parallel_fast_path_reports_what_pyshacl_reports(path: Path) -> None:
    """Shapes split between two worker processes: still exactly pySHACL's report."""
    ds = _load(path)
    parallel, plain = validate(ds, fast=True, jobs=2), validate(ds, fast=False)
    assert parallel.results == plain.results
    assert parallel.to_turtle() == plain.to_turtle()


def test_parallel_fast_path_on_a_built_graph(sample_trig: Path) -> None:
    ds = _load(sample_trig)
    assert validate(ds, fast=True, jobs=2).results == validate(ds, fast=True, jobs=1).results
