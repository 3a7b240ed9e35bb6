"""The build cache beside the output (``build/cache/`` next to ``build/graph.trig``).

Extracting a statement is a pure function of the statement and of the extraction code with its
lexicons and schema, so its result is kept under a key made of both: the statement (every field
of it, text and metadata) and the *extractor version*, a SHA-256 over the source of the
``extract`` package, ``model.py``, ``event_classes.py``, ``resources.py``, the lexicons and the
schema, and the package version.  Editing, adding or deleting one statement re-extracts only that
statement; changing any extraction rule changes the version and so every key.

Validation results of one statement graph are kept the same way, keyed by the graph's content and
by the shapes and ontology (see ``validate.validate_statement_graphs``).

Entries are pickles written by this program into a folder it owns: the cache is trusted like the
code beside it, never read from anywhere else.  A damaged or unreadable entry is a miss.  After a
build, the entries it did not use are removed, so the cache holds one corpus's worth.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__

#: bump to drop every entry written by an older layout of the cache
CACHE_LAYOUT = "1"


def cache_dir(output: Path) -> Path:
    """Where the cache of ``output`` lives: ``cache/`` in the same folder."""
    return output.parent / "cache"


def _package_root() -> Path:
    return Path(__file__).resolve().parent


def _tree_digest(h: Any, root: Path, paths: Iterable[Path]) -> None:
    for path in sorted(paths):
        if path.is_file():
            h.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of everything extraction depends on: its code, lexicons, schema and the package version."""
    root = _package_root()
    h = hashlib.sha256(f"statementkg {__version__} cache {CACHE_LAYOUT}\0".encode())
    files: list[Path] = [*root.joinpath("extract").rglob("*.py")]
    files += [root / name for name in ("model.py", "event_classes.py", "resources.py")]
    for folder in ("lexicons", "schema"):
        files += [p for p in root.joinpath(folder).rglob("*") if p.suffix in (".yaml", ".yml", ".json", ".txt")]
    _tree_digest(h, root, files)
    return h.hexdigest()


def statement_key(statement: object) -> str:
    """The cache key of extracting ``statement``: its every field and the extractor version."""
    h = hashlib.sha256(extractor_version().encode())
    h.update(repr(statement).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Cache:
    """One kind of entry (``extract``, ``validate``) in a cache folder; None folder: no caching."""

    def __init__(self, folder: Path | None, kind: str) -> None:
        self.folder = folder / kind if folder is not None else None
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        self.used.add(key)
        try:
            with self._path(key).open("rb") as f:
                value = pickle.load(f)
        except Exception:  # missing, truncated or from another layout: a miss
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        if self.folder is None:
            return
        self.used.add(key)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def prune(self) -> int:
        """Remove the entries this build did not use; how many were removed."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.glob("*/*.pickle"):
            if path.stem not in self.used:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
        return removed
