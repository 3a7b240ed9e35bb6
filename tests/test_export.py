"""Serialisations (``export``): the TriG written from a store is the TriG of the same dataset."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from statementkg.export import to_trig, trig_chunks


def test_trig_from_a_store_is_the_trig_of_the_same_dataset(sample_trig: Path) -> None:
    """``trig_chunks`` sorts each graph's N-Triples lines as bytes, ``to_trig`` sorts quads by
    their terms' N-Triples forms: the same order, so the same bytes."""
    store = ox.Store()
    store.load(path=str(sample_trig), format=ox.RdfFormat.TRIG)
    ds = Dataset()
    ds.parse(sample_trig, format="trig")
    written = b"".join(trig_chunks(store))
    assert written == to_trig(ds).encode("utf-8")
    assert written.count(b"{") >= len(list(store.named_graphs()))


def test_trig_order_holds_where_one_term_is_a_prefix_of_another() -> None:
    """Terms that are prefixes of one another (an IRI and a longer one, a literal and the same
    text with a language or a datatype) sort as their N-Triples forms do, in both writers."""
    g = "https://example.org/g"
    text = """
        <https://example.org/a> <https://example.org/p> "x" , "x"@en , "x"@en-gb , "x y" ,
            "x"^^<https://example.org/t> , "x"^^<https://example.org/t2> , <https://example.org/o> .
        <https://example.org/a-b> <https://example.org/p> "1" .
        <https://example.org/a/b> <https://example.org/p> "1" .
        <https://example.org/ab> <https://example.org/p2> "é" , "e" , "z" .
    """
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(g))
    ds = Dataset()
    ds.graph(g).parse(data=text, format="turtle")
    assert b"".join(trig_chunks(store)) == to_trig(ds).encode("utf-8")
