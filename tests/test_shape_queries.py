"""The shapes' candidate queries never miss a node that fails a shape (pySHACL is the judge)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

from shape_fixtures import FIXTURES
from shape_fixtures import load_fixture as _load
from statementkg.namespaces import SH
from statementkg.quadsink import QuadSink
from statementkg.shape_queries import shape_queries, subclass_closure
from statementkg.validate import _ONTOLOGY_GRAPH, _oxigraph_of, load_ontology, load_shapes, validate


def _core_shapes() -> Graph:
    core = Graph()
    for triple in load_shapes():
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


def _store_with_ontology(ds: Dataset):  # type: ignore[no-untyped-def]
    store = _oxigraph_of(ds)
    sink = QuadSink()
    graph = sink.graph(URIRef(_ONTOLOGY_GRAPH))
    for triple in load_ontology():
        graph.add(triple)
    sink.load_into(store)
    return store


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_failing_focus_node_is_a_candidate(path: Path) -> None:
    ds = _load(path)
    report = validate(ds, fast=False)
    store = _store_with_ontology(ds)
    core = _core_shapes()
    candidates: dict[str, set[str]] = {}
    for q in shape_queries(core, subclass_closure(load_ontology(), core)):
        assert q.query is not None, f"{q.shape}: its targets should translate"
        candidates[str(q.shape)] = {row["this"].value for row in store.query(q.query, use_default_graph_as_union=True)}
    shape_of = {str(p): str(s) for s, p in core.subject_objects(SH.property)}
    for result in report.results:
        if result.component == str(SH.SPARQLConstraintComponent) or result.shape is None:
            continue
        node_shape = shape_of.get(result.shape, result.shape)
        assert result.focus in candidates.get(node_shape, set()), (
            f"{path.name}: {result.constraint} fails on {result.focus}, which {node_shape}'s query missed"
        )


def test_a_conforming_graph_has_no_candidates(sample_trig: Path) -> None:
    store = _store_with_ontology(_load(sample_trig))
    core = _core_shapes()
    found = {
        str(q.shape): len(list(store.query(q.query, use_default_graph_as_union=True)))
        for q in shape_queries(core, subclass_closure(load_ontology(), core)) if q.query is not None
    }
    assert found and set(found.values()) == {0}, found


def test_an_unknown_constraint_makes_every_target_a_candidate() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .
    """, format="turtle")
    [q] = shape_queries(shapes, subclass_closure(shapes))
    assert q.query is not None and "uniqueLang" not in q.query
    assert q.query.startswith("SELECT DISTINCT ?this WHERE {") and "http://example.org/p" not in q.query


def test_focus_queries_in_workers_answer_as_in_process(tmp_path: Path) -> None:
    """Workers read a snapshot of the on-disk store: the same answers, and the live store's
    compactions cannot pull files from under them."""
    import pyoxigraph as ox

    from statementkg.validate import _run_focus_queries

    ds = _load(FIXTURES[0])
    location = tmp_path / "store"
    store = ox.Store(str(location))
    for q in _oxigraph_of(ds):
        store.add(q)
    core = _core_shapes()
    texts = [(str(q.shape), q.query) for q in shape_queries(core, subclass_closure(load_ontology(), core))
             if q.query is not None]
    alone = _run_focus_queries(store, None, texts, 1)
    shared = _run_focus_queries(store, location, texts, 2)
    assert shared == alone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]  # the snapshot is gone
