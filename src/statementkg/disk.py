"""The on-disk pyoxigraph store beside a built TriG (``build/store/`` next to ``build/graph.trig``).

``build`` writes it; read commands open it instead of parsing the TriG, but only when it is fresh:
its stamp records the SHA-256 of the TriG it was loaded from, and a store whose stamp does not
match the TriG beside it is rebuilt from that TriG, never served.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Sequence
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


#: where stores are built before they are moved into place (beside the build cache)
BUILDING = "cache"
_BUILDING_PREFIX = "store-building-"


def new_store_folder(graph: Path, location: Path | None = None) -> Path:
    """A new empty folder for a store to be built in and then installed (``install_store``).

    It is ``cache/store-building-PID-…`` beside ``graph``: a folder of its own, so two builds of
    one output never share a half-written store, and out of the output folder's listing, since a
    build killed outright cannot remove it. The next build removes those of processes that are gone.
    """
    location = location or store_dir(graph)
    parent = location.parent / BUILDING
    parent.mkdir(parents=True, exist_ok=True)
    _sweep(parent)
    return Path(tempfile.mkdtemp(prefix=f"{_BUILDING_PREFIX}{os.getpid()}-", dir=parent))


def scratch_folder(location: Path, *, create: bool = True) -> Path:
    """The folder beside the building folder ``location`` for a build's temporary files (N-Quads
    to load), created unless ``create`` is false; named after it, so it is swept with it (``_sweep``)."""
    folder = location.with_name(location.name + "-files")
    if create:
        folder.mkdir(exist_ok=True)
    return folder


def discard_folder(folder: Path) -> None:
    """Remove a building folder (if still there) and its parent when nothing else is in it
    (a build with ``--no-cache`` leaves no ``cache/`` behind)."""
    shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(OSError):  # the cache, or another build's folder, is there
        folder.parent.rmdir()


def _sweep(parent: Path) -> None:
    """Remove the building folders of processes that no longer run (a build killed outright)."""
    for folder in parent.glob(f"{_BUILDING_PREFIX}*"):
        pid = folder.name[len(_BUILDING_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class BackgroundLoad:
    """An on-disk store at ``location`` (an empty folder) loaded from N-Quads ``files`` in a thread.

    pyoxigraph's bulk loader lets go of the interpreter, so a build loads its copy on disk while
    it validates and writes from the copy in memory.  The files are deleted once loaded, or when
    the load is abandoned (``close``).
    """

    def __init__(self, files: Sequence[Path], location: Path) -> None:
        self._files = tuple(files)
        self._location = location
        self._store: pyoxigraph.Store | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="statementkg-store-load", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            store = pyoxigraph.Store(str(self._location))
            for path in self._files:
                store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)
            self._store = store
        except BaseException as exc:  # handed to the caller by ``result``
            self._error = exc
        finally:
            for path in self._files:
                path.unlink(missing_ok=True)

    def result(self) -> pyoxigraph.Store:
        """The loaded store, once loaded (the load's own error when it failed)."""
        self._thread.join()
        if self._error is not None:
            raise StoreError(f"{self._location}: cannot load the built dataset into the store ({self._error})")
        store, self._store = self._store, None  # the caller's alone: it moves the folder once done
        assert store is not None
        return store

    def close(self) -> None:
        """Wait for the load to end (which deletes the files) and let its store go (its folder is
        the caller's to remove)."""
        self._thread.join()
        self._store = None


def install_store(tmp: Path, graph: Path, location: Path | None = None) -> Path:
    """Stamp the store built in ``tmp`` with ``graph`` (which it holds exactly) and move it into place."""
    location = location or store_dir(graph)
    (tmp / STAMP).write_text(json.dumps({"graph": graph.name, "sha256": _digest(graph)}), encoding="utf-8")
    for _attempt in range(3):  # another build may put its store there between our two steps
        shutil.rmtree(location, ignore_errors=True)
        try:
            tmp.rename(location)
        except OSError:
            continue
        discard_folder(tmp)  # only its parent, when the move left it empty
        return location
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
