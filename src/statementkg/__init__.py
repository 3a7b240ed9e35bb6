"""statementkg: government statements in, a timeline-and-entity knowledge graph out."""

from __future__ import annotations

__version__ = "0.1.0"
