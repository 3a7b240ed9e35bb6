"""The one enum of RDF serialisations statementkg reads and writes, as pyoxigraph's ``RdfFormat`` has.

Every command that takes a format name or guesses one from a file name uses ``GraphFormat``:
``from_extension`` (``.nq`` and ``.nquads`` alike) and ``from_name`` (``ttl`` and ``turtle``
alike), so the names and extensions accepted are the same everywhere, both ways.

>>> GraphFormat.from_extension("nquads") is GraphFormat.from_name("nq") is GraphFormat.NQUADS
True
>>> GraphFormat.from_name("ttl").extension
'ttl'
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pyoxigraph

from .errors import StoreError


class GraphFormat(StrEnum):
    """An RDF serialisation: its value is the canonical name (``--format`` choice)."""

    TRIG = "trig"
    TURTLE = "turtle"
    NQUADS = "nquads"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"

    @property
    def oxigraph(self) -> pyoxigraph.RdfFormat:
        return _OXIGRAPH[self]

    @property
    def rdflib(self) -> str:
        """The name rdflib's parser and serialiser use."""
        return {GraphFormat.NQUADS: "nquads", GraphFormat.NTRIPLES: "nt", GraphFormat.JSONLD: "json-ld"}.get(
            self, self.value
        )

    @property
    def has_graphs(self) -> bool:
        return self in (GraphFormat.TRIG, GraphFormat.NQUADS, GraphFormat.JSONLD)

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def extension(self) -> str:
        """The usual file extension, without the dot (``ttl``, ``nq``)."""
        return _EXTENSIONS[self][0]

    @property
    def media_type(self) -> str:
        return self.oxigraph.media_type

    @classmethod
    def from_extension(cls, extension: str) -> GraphFormat:
        """The format of a file extension (with or without the dot, any case); ``StoreError`` if unknown."""
        key = extension.lower().lstrip(".")
        for fmt, extensions in _EXTENSIONS.items():
            if key in extensions:
                return fmt
        raise StoreError(f"unknown graph file extension {extension!r}; use one of {known_extensions()}")

    @classmethod
    def from_path(cls, path: Path | str) -> GraphFormat:
        """The format of a file, from its extension."""
        path = Path(path)
        if not path.suffix:
            raise StoreError(f"{path}: no file extension to tell the graph format; use one of {known_extensions()}")
        try:
            return cls.from_extension(path.suffix)
        except StoreError:
            raise StoreError(
                f"{path}: unknown graph format {path.suffix!r}; use a file ending in {known_extensions()}"
            ) from None

    @classmethod
    def from_name(cls, name: str) -> GraphFormat:
        """The format called ``name``: a canonical name, an extension or a usual alias (``n-quads``, ``json-ld``)."""
        key = name.lower().strip().lstrip(".")
        if key in _ALIASES:
            return _ALIASES[key]
        try:
            return cls(key)
        except ValueError:
            pass
        try:
            return cls.from_extension(key)
        except StoreError:
            raise StoreError(f"unknown graph format {name!r}; use one of {', '.join(names())}") from None


_OXIGRAPH = {
    GraphFormat.TRIG: pyoxigraph.RdfFormat.TRIG,
    GraphFormat.TURTLE: pyoxigraph.RdfFormat.TURTLE,
    GraphFormat.NQUADS: pyoxigraph.RdfFormat.N_QUADS,
    GraphFormat.NTRIPLES: pyoxigraph.RdfFormat.N_TRIPLES,
    GraphFormat.JSONLD: pyoxigraph.RdfFormat.JSON_LD,
}
_LABELS = {GraphFormat.TRIG: "TriG", GraphFormat.TURTLE: "Turtle", GraphFormat.NQUADS: "N-Quads",
           GraphFormat.NTRIPLES: "N-Triples", GraphFormat.JSONLD: "JSON-LD"}
#: extensions of each format, the usual one first
_EXTENSIONS: dict[GraphFormat, tuple[str, ...]] = {
    GraphFormat.TRIG: ("trig",),
    GraphFormat.TURTLE: ("ttl", "turtle"),
    GraphFormat.NQUADS: ("nq", "nquads"),
    GraphFormat.NTRIPLES: ("nt", "ntriples"),
    GraphFormat.JSONLD: ("jsonld", "json"),
}
_ALIASES = {"n-quads": GraphFormat.NQUADS, "n-triples": GraphFormat.NTRIPLES, "nt": GraphFormat.NTRIPLES,
            "json-ld": GraphFormat.JSONLD, "ttl": GraphFormat.TURTLE}


def names() -> list[str]:
    """Every name ``from_name`` accepts, canonical names first (for ``--format`` choices and completion)."""
    out = [f.value for f in GraphFormat]
    for extra in (*_ALIASES, *(e for exts in _EXTENSIONS.values() for e in exts)):
        if extra not in out:
            out.append(extra)
    return out


def known_extensions() -> str:
    return ", ".join(f".{e}" for exts in _EXTENSIONS.values() for e in exts)
