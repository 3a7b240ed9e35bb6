"""A pyoxigraph store filled through the small part of rdflib's Dataset API the model writers use.

``rdf.py`` (and the links and inferred-order writers) describe the corpus with
``dataset.graph(name).add((s, p, o))``.  An rdflib Dataset holding a large corpus costs about
3 KB of memory per quad; a ``QuadSink`` takes the same calls and passes the quads on to a
pyoxigraph store (in memory, or on disk for a build) in batches, converting each term once per
batch, so a decade of statements fits on one machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

#: quads held before they go to the store
BATCH = 50_000


def oxigraph_term(term: Node) -> Any:
    """The pyoxigraph term of an rdflib IRI, blank node or literal."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    raise TypeError(f"not an RDF term: {term!r}")


class _GraphSink:
    """One named graph of a ``QuadSink``: ``add`` and ``addN`` as on an rdflib graph."""

    def __init__(self, sink: QuadSink, name: URIRef) -> None:
        self.sink = sink
        self.identifier = name

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.sink.add((*triple, self.identifier))

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Any]]) -> None:  # noqa: N802 - rdflib's name
        for s, p, o, _graph in quads:
            self.sink.add((s, p, o, self.identifier))


class QuadSink:
    """Quads written as to an rdflib Dataset, kept in ``store`` (a new in-memory store by default)."""

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store if store is not None else ox.Store()
        self._pending: list[tuple[Node, Node, Node, URIRef]] = []

    def graph(self, name: URIRef) -> _GraphSink:
        return _GraphSink(self, name)

    def bind(self, *_args: Any, **_kwargs: Any) -> None:
        """Prefixes are the writers' business (``export``), not the store's."""

    def add(self, quad: tuple[Node, Node, Node, URIRef]) -> None:
        self._pending.append(quad)
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self._pending:
            return
        memo: dict[Node, Any] = {}

        def conv(term: Node) -> Any:
            found = memo.get(term)
            if found is None:
                found = memo[term] = oxigraph_term(term)
            return found

        self.store.extend(ox.Quad(conv(s), conv(p), conv(o), conv(g)) for s, p, o, g in self._pending)
        self._pending = []

    def finish(self) -> ox.Store:
        """Everything added so far, in the store."""
        self.flush()
        return self.store
