"""Where a read command's data comes from: a graph file, a store folder or a SPARQL endpoint URL.

``query``, ``timeline``, ``export`` and ``validate`` all take ``--data`` (or a GRAPH argument) in
the same three forms, told apart by ``data_kind``:

* an ``http(s)://`` URL: a SPARQL 1.1 endpoint (a bare ``http://host:port`` is an Oxigraph
  server, queried at ``/query``); every quad of the dataset's graphs (those named under
  ``GRAPH_NAMESPACE``: an engine's own graphs, such as Virtuoso's ``virtrdf#``, are not the
  dataset) is read with one SELECT when the whole dataset is needed;
* a folder holding an on-disk pyoxigraph store (``build/store/``, see ``disk.py``), opened
  read-only;
* anything else: a graph file, its format from its extension (``formats.GraphFormat``).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pyoxigraph
from rdflib import Dataset

from .errors import StoreError
from .limits import DEFAULT_MAX_GRAPH_BYTES
from .namespaces import ID

#: every graph statementkg writes is named under this IRI (``ids.py``)
GRAPH_NAMESPACE = str(ID["graph/"])
_OURS = f'FILTER (STRSTARTS(STR(?g), "{GRAPH_NAMESPACE}"))'
ALL_QUADS = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OURS} }}"
QUAD_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OURS} }}"


class DataKind(StrEnum):
    FILE = "file"
    STORE = "store"
    ENDPOINT = "endpoint"


def data_kind(data: str | Path) -> DataKind:
    """What ``data`` names: an endpoint URL, a store folder, or a graph file."""
    text = str(data)
    if text.startswith(("http://", "https://")):
        return DataKind.ENDPOINT
    if Path(text).is_dir():
        return DataKind.STORE
    return DataKind.FILE


def open_store_folder(folder: Path) -> pyoxigraph.Store:
    """The pyoxigraph store in ``folder``, read-only; a folder that holds none is a ``StoreError``."""
    from .disk import STAMP

    if not ((folder / STAMP).is_file() or (folder / "CURRENT").is_file()):
        hint = f" (the store of {folder / 'graph.trig'} is {folder / 'store'})" if (folder / "store").is_dir() else ""
        raise StoreError(f"{folder}: is a folder but not a statementkg store{hint}; give a graph file, "
                         "a store folder such as build/store, or an endpoint URL")
    try:
        return pyoxigraph.Store.read_only(str(folder))
    except OSError as exc:
        raise StoreError(f"{folder}: cannot open the store ({exc}); rebuild it with `statementkg build`") from exc


def built_from(folder: Path) -> Path | None:
    """The graph file a store folder was loaded from, when it is still beside it unchanged.

    Whole-dataset readers (``validate``, ``export``) read that file rather than the store:
    Oxigraph keeps derived integer types (``xsd:nonNegativeInteger``) as ``xsd:integer``, so
    the store's dump would not be the dataset that was built.
    """
    from .disk import _stamp_of, is_fresh

    name = _stamp_of(folder).get("graph")
    if not isinstance(name, str) or not name:
        return None
    graph = folder.parent / name
    return graph if graph.is_file() and is_fresh(graph, folder) else None


def _endpoint_quads(url: str) -> list[pyoxigraph.Quad]:
    from .results import term_to_oxigraph
    from .store import open_store

    with open_store(url) as store:
        result = store.query(ALL_QUADS)
        # an engine may cut a long answer short without saying so (Virtuoso's ResultSetMaxRows)
        counted = store.query(QUAD_COUNT)
    expected = counted.rows[0].get("n") if counted.rows else None
    if expected is not None and str(expected).isdigit() and int(str(expected)) > len(result.rows):
        raise StoreError(f"{url} sent {len(result.rows):,} of its {int(str(expected)):,} quads: it caps "
                         "answers; raise the cap (Virtuoso: [SPARQL] ResultSetMaxRows) or read a dump")
    quads = []
    for row in result:
        if not all(k in row for k in "spog"):
            continue
        quads.append(pyoxigraph.Quad(term_to_oxigraph(row["s"]), term_to_oxigraph(row["p"]),
                                     term_to_oxigraph(row["o"]), term_to_oxigraph(row["g"])))
    return quads


def oxigraph_store(data: str | Path) -> pyoxigraph.Store:
    """A pyoxigraph store holding the dataset ``data`` names (file, store folder or endpoint)."""
    kind = data_kind(data)
    if kind is DataKind.ENDPOINT:
        store = pyoxigraph.Store()
        store.extend(_endpoint_quads(str(data)))
        return store
    if kind is DataKind.STORE:
        return open_store_folder(Path(data))
    from .store import EmbeddedStore

    return EmbeddedStore.from_file(Path(data))._oxigraph


def load_dataset_from(data: str | Path, *, max_bytes: int = DEFAULT_MAX_GRAPH_BYTES) -> Dataset:
    """The rdflib dataset ``data`` names (file, store folder or endpoint); files keep their limits."""
    kind = data_kind(data)
    if kind is DataKind.FILE:
        from .export import load_dataset

        return load_dataset(Path(data), max_bytes=max_bytes)
    if kind is DataKind.STORE:
        source = built_from(Path(data))
        if source is not None:
            from .export import load_dataset

            return load_dataset(source, max_bytes=max_bytes)
    if kind is DataKind.ENDPOINT:
        # the quads as the endpoint sent them: a pyoxigraph store would turn derived integer
        # types (xsd:nonNegativeInteger) into xsd:integer, which the endpoint kept
        payload = pyoxigraph.serialize(_endpoint_quads(str(data)), format=pyoxigraph.RdfFormat.N_QUADS)
    else:
        payload = oxigraph_store(data).dump(format=pyoxigraph.RdfFormat.N_QUADS)
    assert isinstance(payload, bytes)
    ds = Dataset()
    if payload:
        ds.parse(data=payload, format="nquads")
    return ds
