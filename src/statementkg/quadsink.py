"""Quads written through the small part of rdflib's Dataset API the model writers use, to N-Quads.

``rdf.py`` (and the links and inferred-order writers) describe the corpus with
``dataset.graph(name).add((s, p, o))``.  An rdflib Dataset holding a large corpus costs about
3 KB of memory per quad, and pyoxigraph's in-memory store about 0.4 KB; a ``QuadSink`` takes the
same calls and appends N-Quads lines to a file instead, which pyoxigraph then bulk-loads
(``load_into``): into memory while the dataset fits, else into an on-disk store, so a decade of
statements fits on one machine.  Duplicate lines are harmless: a store holds each quad once.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .results import to_ntriples


def nt_term(term: Node) -> str:
    """The N-Triples form of an rdflib IRI, blank node or literal."""
    if not isinstance(term, (URIRef, Literal, BNode)):
        raise TypeError(f"not an RDF term: {term!r}")
    return to_ntriples(term)


class _GraphSink:
    """One named graph of a ``QuadSink``: ``add`` and ``addN`` as on an rdflib graph."""

    def __init__(self, sink: QuadSink, name: URIRef) -> None:
        self.sink = sink
        self.identifier = name
        self._suffix = f" {nt_term(name)} .\n"

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        s, p, o = triple
        self.sink.write(f"{self.sink.term(s)} {self.sink.term(p)} {nt_term(o)}{self._suffix}")

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Any]]) -> None:
        for s, p, o, _graph in quads:
            self.add((s, p, o))


class QuadSink:
    """Quads written as to an rdflib Dataset, kept as N-Quads in a temporary file in ``folder``."""

    def __init__(self, folder: Path | None = None) -> None:
        fd, name = tempfile.mkstemp(prefix=".statementkg-", suffix=".nq", dir=folder)
        self.path = Path(name)
        self._file = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        self._graphs: dict[URIRef, _GraphSink] = {}
        self._iris: dict[Node, str] = {}
        #: lines written (duplicates included): what the store will hold, at most
        self.lines = 0

    def graph(self, name: URIRef) -> _GraphSink:
        found = self._graphs.get(name)
        if found is None:
            found = self._graphs[name] = _GraphSink(self, name)
        return found

    def bind(self, *_args: Any, **_kwargs: Any) -> None:
        """Prefixes are the writers' business (``export``), not the store's."""

    def term(self, term: Node) -> str:
        """``nt_term``, remembered for subjects and predicates (they repeat a great deal)."""
        found = self._iris.get(term)
        if found is None:
            if len(self._iris) > 200_000:
                self._iris.clear()
            found = self._iris[term] = nt_term(term)
        return found

    def write(self, line: str) -> None:
        self._file.write(line)
        self.lines += 1

    def load_into(self, store: Any, *, keep: bool = False) -> Path | None:
        """Bulk-load everything written so far into the pyoxigraph ``store``, then forget it; with
        ``keep``, the file stays for another store to load (``disk.BackgroundLoad``) and is returned."""
        import pyoxigraph as ox

        self._file.close()
        try:
            store.bulk_load(path=str(self.path), format=ox.RdfFormat.N_QUADS)
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise
        if keep:
            return self.path
        self.path.unlink(missing_ok=True)
        return None

    def discard(self) -> None:
        if not self._file.closed:
            self._file.close()
        self.path.unlink(missing_ok=True)
