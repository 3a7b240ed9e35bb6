"""The quad sink writes what an rdflib Dataset would hold, in N-Quads a store loads unchanged."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import XSD

from statementkg.pipeline import dataset_of_store
from statementkg.quadsink import QuadSink, nt_term

G = URIRef("https://w3id.org/statementkg/id/graph/statement/x")
S = URIRef("https://w3id.org/statementkg/id/event/x")

AWKWARD = [
    Literal('a "quoted" word\\ and a back\\slash'),
    Literal("two\nlines\r\nand a tab\t"),
    Literal("Ünïcödé — and 🙂"),
    Literal("in English", lang="en-GB"),
    Literal("2024-07-29", datatype=XSD.date),
    Literal(17, datatype=XSD.integer),
    URIRef("https://w3id.org/statementkg/id/person/o'brien"),
    URIRef("https://example.org/a%20b"),
]


@pytest.mark.parametrize("value", AWKWARD, ids=range(len(AWKWARD)))
def test_terms_read_back_as_written(value: URIRef | Literal) -> None:
    line = f"{nt_term(S)} {nt_term(URIRef('http://example.org/p'))} {nt_term(value)} {nt_term(G)} .\n"
    [quad] = ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    back = quad.object
    if isinstance(value, Literal):
        assert isinstance(back, ox.Literal) and back.value == str(value)
        assert (back.language or None) == (value.language.lower() if value.language else None)  # BCP 47: any case
        if value.datatype is not None:
            assert back.datatype.value == str(value.datatype)
    else:
        assert isinstance(back, ox.NamedNode) and back.value == str(value)


def test_a_sink_loads_what_a_dataset_holds() -> None:
    ds, sink = Dataset(), QuadSink()
    for target in (ds, sink):
        g = target.graph(G)
        for i, value in enumerate(v for v in AWKWARD if not getattr(v, "language", None)):
            g.add((S, URIRef(f"http://example.org/p{i}"), value))
        g.add((S, URIRef("http://example.org/p0"), AWKWARD[0]))  # twice: held once
        target.graph(URIRef("https://w3id.org/statementkg/id/graph/meta")).add((G, URIRef("http://example.org/q"), S))
    store = ox.Store()
    sink.load_into(store)
    assert not sink.path.exists()
    assert len(store) == len(ds)
    back = dataset_of_store(store)
    for name in (G, URIRef("https://w3id.org/statementkg/id/graph/meta")):
        assert to_isomorphic(back.graph(name)) == to_isomorphic(ds.graph(name))


def test_a_kept_file_loads_another_store_the_same(tmp_path: Path) -> None:
    sink = QuadSink(tmp_path)
    sink.graph(G).add((S, URIRef("http://example.org/p"), Literal("x")))
    sink.graph(G).add((S, URIRef("http://example.org/p"), Literal("x")))
    assert sink.lines == 2
    first, second = ox.Store(), ox.Store()
    kept = sink.load_into(first, keep=True)
    assert kept == sink.path and kept.is_file()
    second.bulk_load(path=str(kept), format=ox.RdfFormat.N_QUADS)
    assert sorted(map(str, first)) == sorted(map(str, second)) and len(first) == 1


def test_blank_nodes_are_refused_nowhere_but_kept_by_label() -> None:
    assert nt_term(BNode("b1")) == "_:b1"
    with pytest.raises(TypeError):
        nt_term(3)  # type: ignore[arg-type]
