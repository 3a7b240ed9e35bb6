"""The on-disk pyoxigraph store beside a built TriG (``build/store/`` next to ``build/graph.trig``).

``build`` writes it; read commands open it instead of parsing the TriG, but only when it is fresh:
its stamp records the SHA-256 of the TriG it was loaded from, and a store whose stamp does not
match the TriG beside it is rebuilt from that TriG, never served.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pyoxigraph

from .errors import StoreError
from .formats import GraphFormat

STAMP = "statementkg-stamp.json"


def store_dir(graph: Path) -> Path:
    """Where the store of ``graph`` lives: ``store/`` in the same folder."""
    return graph.parent / "store"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stamp_of(location: Path) -> dict[str, Any]:
    try:
        data = json.loads((location / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def is_fresh(graph: Path, location: Path | None = None) -> bool:
    """Whether the store beside ``graph`` was loaded from exactly this file."""
    location = location or store_dir(graph)
    stamp = _stamp_of(location)
    return bool(stamp) and stamp.get("graph") == graph.name and stamp.get("sha256") == _digest(graph)


def new_store_folder(graph: Path, location: Path | None = None) -> Path:
    """A new empty folder beside the store of ``graph``, for a store to be built in and then installed.

    A folder of its own, so two builds of one output never share a half-written store.
    """
    location = location or store_dir(graph)
    location.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{location.name}.", suffix=".tmp", dir=location.parent))


def install_store(tmp: Path, graph: Path, location: Path | None = None) -> Path:
    """Stamp the store built in ``tmp`` with ``graph`` (which it holds exactly) and move it into place."""
    location = location or store_dir(graph)
    (tmp / STAMP).write_text(json.dumps({"graph": graph.name, "sha256": _digest(graph)}), encoding="utf-8")
    for _attempt in range(3):  # another build may put its store there between our two steps
        shutil.rmtree(location, ignore_errors=True)
        try:
            tmp.rename(location)
            return location
        except OSError:
            continue
    shutil.rmtree(tmp, ignore_errors=True)
    if not is_fresh(graph, location):
        raise StoreError(f"{location}: another build keeps replacing the store; run one build at a time")
    return location


def write_store(graph: Path, location: Path | None = None) -> Path:
    """(Re)load ``graph`` (TriG or N-Quads) into a fresh on-disk store beside it; returns its folder."""
    location = location or store_dir(graph)
    fmt = GraphFormat.from_path(graph).oxigraph
    tmp = new_store_folder(graph, location)
    try:
        store = pyoxigraph.Store(str(tmp))
        store.bulk_load(path=str(graph), format=fmt)
        store.flush()
        del store
    except (OSError, SyntaxError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise StoreError(f"{graph}: cannot load into the store at {location} ({exc}); rebuild the graph") from exc
    return install_store(tmp, graph, location)


def fresh_store(graph: Path) -> Path:
    """The folder of a store holding exactly ``graph``: the one beside it if fresh, else rebuilt."""
    location = store_dir(graph)
    if not is_fresh(graph, location):
        write_store(graph, location)
    return location


def open_fresh(graph: Path) -> pyoxigraph.Store:
    """A read-only pyoxigraph store holding exactly ``graph`` (rebuilt first when stale)."""
    return pyoxigraph.Store.read_only(str(fresh_store(graph)))
