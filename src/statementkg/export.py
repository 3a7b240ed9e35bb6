"""Serialisations of a dataset: TriG, Turtle, N-Quads and JSON-LD, each byte-identical for identical input."""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .errors import StoreError
from .namespaces import ID, PREFIXES
from .store import IMPORTED_GRAPH


class ExportFormat(StrEnum):
    TRIG = "trig"
    TURTLE = "turtle"
    NQUADS = "nquads"
    JSONLD = "jsonld"


_PREFIX_LINE = re.compile(r"^@prefix [^\n]*\n", re.MULTILINE)


def _bound(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    g.bind("id", str(ID), override=True, replace=True)
    return g


def _prefix_block() -> str:
    items = sorted({**PREFIXES, "id": str(ID)}.items())
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in items)


def _turtle_body(g: Graph) -> str:
    text = g.serialize(format="turtle")
    return _PREFIX_LINE.sub("", text).strip()


def _named_graphs(ds: Dataset) -> list[URIRef]:
    names = {c.identifier for c in ds.contexts() if isinstance(c.identifier, URIRef) and len(c) > 0}
    default = URIRef("urn:x-rdflib:default")
    return sorted(n for n in names if n != default)


def to_trig(ds: Dataset) -> str:
    """TriG with one block per named graph, graphs in IRI order, subjects in rdflib's sorted order."""
    parts = [_prefix_block()]
    for name in _named_graphs(ds):
        g = _bound(Graph())
        for t in ds.graph(name):
            g.add(t)
        # no re-indentation: lines inside multi-line literals must stay exactly as they are
        parts.append(f"<{name}> {{\n{_turtle_body(g)}\n}}\n")
    return "\n".join(parts)


def union_graph(ds: Dataset) -> Graph:
    """All triples of every named graph in one plain graph, with the project's prefixes."""
    g = _bound(Graph())
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def to_turtle(ds: Dataset) -> str:
    return _prefix_block() + "\n" + _turtle_body(union_graph(ds)) + "\n"


def to_nquads(ds: Dataset) -> str:
    text = ds.serialize(format="nquads")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def to_jsonld(ds: Dataset) -> str:
    context = {**{p: ns for p, ns in PREFIXES.items()}, "id": str(ID)}
    data = json.loads(ds.serialize(format="json-ld", context=context, auto_compact=True))
    graphs = data.get("@graph", data if isinstance(data, list) else [])

    def sort(obj: object) -> object:
        if isinstance(obj, list):
            items = [sort(x) for x in obj]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
        if isinstance(obj, dict):
            return {k: sort(v) for k, v in obj.items()}
        return obj

    out = {"@context": context, "@graph": sort(graphs)}
    return json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def serialize(ds: Dataset, fmt: ExportFormat | str) -> bytes:
    """The dataset in ``fmt`` as UTF-8 bytes."""
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.TRIG:
        return to_trig(ds).encode("utf-8")
    if fmt is ExportFormat.TURTLE:
        return to_turtle(ds).encode("utf-8")
    if fmt is ExportFormat.NQUADS:
        return to_nquads(ds).encode("utf-8")
    return to_jsonld(ds).encode("utf-8")


_READ_FORMATS = {".trig": "trig", ".ttl": "turtle", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}


def load_dataset(path: Path) -> Dataset:
    """Read a dataset file written by ``build`` or ``export`` (format by suffix)."""
    fmt = _READ_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown graph format {path.suffix!r}; use .trig, .ttl, .nq or .jsonld")
    if not path.is_file():
        raise StoreError(f"{path}: no such graph file; run `statementkg build` first or check the path")
    ds = Dataset()
    try:
        if fmt == "turtle":
            ds.graph(IMPORTED_GRAPH).parse(path, format=fmt)
        else:
            ds.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"{path}: cannot parse as {fmt}: {msg}; rebuild it or fix the file") from exc
    return ds
