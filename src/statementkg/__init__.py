"""statementkg: government statements in, a timeline-and-entity knowledge graph out."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    #: the installed distribution's version (pyproject.toml), never a constant kept by hand
    __version__ = version("statementkg")
except PackageNotFoundError:  # pragma: no cover - run from a source tree that was never installed
    __version__ = "0+unknown"
