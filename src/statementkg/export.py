"""Serialisations of a dataset: TriG, Turtle, N-Quads and JSON-LD, each byte-identical for identical input."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from .errors import StoreError
from .formats import GraphFormat
from .limits import DEFAULT_MAX_GRAPH_BYTES, MAX_NESTING, json_limit_problem
from .namespaces import ID, PREFIXES
from .store import IMPORTED_GRAPH

#: the export formats are the one format enum (kept under this name for callers)
ExportFormat = GraphFormat


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


def to_trig_pretty(ds: Dataset) -> str:
    """TriG with one block per named graph, graphs in IRI order, subjects in rdflib's sorted order."""
    parts = [_prefix_block()]
    for name in _named_graphs(ds):
        g = _bound(Graph())
        for t in ds.graph(name):
            g.add(t)
        # no re-indentation: lines inside multi-line literals must stay exactly as they are
        parts.append(f"<{name}> {{\n{_turtle_body(g)}\n}}\n")
    return "\n".join(parts)


def _oxigraph_quads(ds: Dataset, graphs: bool = True) -> list[Any]:
    """The quads of every named graph as pyoxigraph quads, sorted by graph, subject, predicate,
    object (their N-Triples forms), so that any writer fed them writes the same bytes every time.
    Each term is converted once (terms repeat a great deal)."""
    import pyoxigraph as ox

    from .results import memo_converter, term_to_oxigraph

    conv = memo_converter(term_to_oxigraph)
    default = ox.DefaultGraph()
    names = set(_named_graphs(ds))
    keyed = []
    for s, p, o, c in ds.quads((None, None, None, None)):
        name = c.identifier if isinstance(c, Graph) else c
        if name not in names:
            continue
        g = conv(name) if graphs else default
        q = ox.Quad(conv(s), conv(p), conv(o), g)
        keyed.append(((str(name), str(q.subject), str(q.predicate), str(q.object)), q))
    keyed.sort(key=lambda kq: kq[0])
    out = []
    last = None
    for key, q in keyed:
        if key != last:  # a triple in the same graph twice (rdflib can hold it under two contexts)
            out.append(q)
            last = key
    return out


def _prefixes() -> dict[str, str]:
    return dict(sorted({**PREFIXES, "id": str(ID)}.items()))


def to_trig(ds: Dataset) -> str:
    """TriG written by pyoxigraph from quads in canonical order: one block per named graph in IRI
    order, subjects, predicates and objects sorted; byte-identical for identical input."""
    import pyoxigraph as ox

    # id: is declared but not used to compact: minted IRIs hold characters a prefixed name escapes
    compact = {p: ns for p, ns in _prefixes().items() if p != "id"}
    data = ox.serialize(_oxigraph_quads(ds), format=ox.RdfFormat.TRIG, prefixes=compact)
    assert isinstance(data, bytes)
    # pyoxigraph writes its prefix lines in hash order: ours, sorted, instead
    return _prefix_block() + "\n" + _PREFIX_LINE.sub("", data.decode("utf-8")).lstrip("\n")


def trig_chunks(store: Any) -> Iterator[bytes]:
    """The TriG of a pyoxigraph store, one named graph at a time (graphs in IRI order, each sorted
    as ``to_trig`` sorts): the same bytes as ``to_trig`` of the same dataset, never all in memory."""
    import pyoxigraph as ox

    compact = {p: ns for p, ns in _prefixes().items() if p != "id"}
    yield (_prefix_block() + "\n").encode("utf-8")
    for name in sorted(store.named_graphs(), key=lambda g: g.value):
        # the graph's N-Triples lines, sorted as bytes, are its triples in to_trig's order (each
        # term's N-Triples form, compared code point by code point, ends before the next one
        # starts), and are parsed back one at a time: a graph of millions of triples (the
        # inferred order at 10,000 statements) held as quads with sort keys took 2 GB
        lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name).split(b"\n")
        lines.sort()
        body = io.BytesIO(b"\n".join(lines))
        del lines
        triples = ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=compact)
        assert isinstance(data, bytes)
        yield _PREFIX_LINE.sub("", data.decode("utf-8")).lstrip("\n").encode("utf-8")


def union_graph(ds: Dataset) -> Graph:
    """All triples of every named graph in one plain graph, with the project's prefixes."""
    g = _bound(Graph())
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def to_turtle(ds: Dataset) -> str:
    return _prefix_block() + "\n" + _turtle_body(union_graph(ds)) + "\n"


def to_nquads(ds: Dataset) -> str:
    """Canonical N-Quads: one line per quad (pyoxigraph's N-Triples forms), lines sorted."""
    lines = sorted({f"{q} ." for q in _oxigraph_quads(ds)})
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


def to_ntriples(ds: Dataset) -> str:
    """Every triple of every graph, merged (graph names dropped), one sorted line each."""
    text = union_graph(ds).serialize(format="nt")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def serialize(ds: Dataset, fmt: GraphFormat | str) -> bytes:
    """The dataset in ``fmt`` (a ``GraphFormat`` or any name ``GraphFormat.from_name`` takes) as UTF-8 bytes."""
    fmt = fmt if isinstance(fmt, GraphFormat) else GraphFormat.from_name(fmt)
    if fmt is ExportFormat.TRIG:
        return to_trig(ds).encode("utf-8")
    if fmt is ExportFormat.TURTLE:
        return to_turtle(ds).encode("utf-8")
    if fmt is ExportFormat.NQUADS:
        return to_nquads(ds).encode("utf-8")
    if fmt is ExportFormat.NTRIPLES:
        return to_ntriples(ds).encode("utf-8")
    return to_jsonld(ds).encode("utf-8")


def _remote_context(value: object, depth: int = 0) -> str | None:
    """The first remote context (a string ``@context`` or ``@import``) anywhere in a JSON-LD value."""
    if depth > MAX_NESTING:
        return "(nested too deeply)"
    if isinstance(value, list):
        for item in value:
            found = _remote_context(item, depth + 1)
            if found:
                return found
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("@context", "@import"):
                refs = item if isinstance(item, list) else [item]
                for ref in refs:
                    if isinstance(ref, str):
                        return ref
            found = _remote_context(item, depth + 1)
            if found:
                return found
    return None


def _check_jsonld(path: Path, data: bytes) -> None:
    """Refuse JSON-LD that names a context elsewhere: it would be fetched while parsing."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise StoreError(f"{path}: not UTF-8; JSON-LD is UTF-8 text") from None
    problem = json_limit_problem(text)
    if problem is not None:
        raise StoreError(f"{path}:{problem[0]}: {problem[1]}; give a JSON-LD file written by statementkg")
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise StoreError(f"{path}: cannot parse as json-ld: {exc}; fix the file") from None
    ref = _remote_context(value)
    if ref is not None:
        raise StoreError(
            f"{path}: names a remote JSON-LD context {ref[:100]!r}, which statementkg never fetches; "
            "inline the context in the file"
        )


def load_dataset(path: Path, *, max_bytes: int = DEFAULT_MAX_GRAPH_BYTES) -> Dataset:
    """Read a dataset file (format by suffix) that may come from anyone.

    Refused: a file larger than ``max_bytes``; a format other than those of ``GraphFormat``
    (so never RDF/XML and its entities); JSON-LD naming a remote context.  Nothing the
    data names is ever fetched.
    """
    graph_format = GraphFormat.from_path(path)
    fmt = graph_format.rdflib
    if not path.is_file():
        raise StoreError(f"{path}: no such graph file; run `statementkg build` first or check the path")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise StoreError(
                f"{path}: the graph file is {size:,} bytes, over the limit of {max_bytes:,}; "
                "raise it with --max-size (or STATEMENTKG_MAX_GRAPH_BYTES) if you trust the file"
            )
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror}); check its permissions") from None
    if len(data) > max_bytes:
        raise StoreError(f"{path}: the graph file is over the limit of {max_bytes:,} bytes; raise it with --max-size")
    if fmt == "json-ld":
        _check_jsonld(path, data)
    ds = Dataset()
    try:
        if not graph_format.has_graphs:
            ds.graph(IMPORTED_GRAPH).parse(data=data, format=fmt, publicID=path.resolve().as_uri())
        else:
            ds.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises many parser-specific types
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"{path}: cannot parse as {fmt}: {msg}; rebuild it or fix the file") from exc
    return ds
