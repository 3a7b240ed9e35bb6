"""Where the ontology, shapes, saved queries and lexicons live, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_HERE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``ontology`` or ``queries``: packaged copy in a wheel, else the checkout's."""
    packaged = _HERE / "_resources" / name
    if packaged.is_dir():
        return packaged
    return _HERE.parents[1] / name


def lexicon_path(name: str) -> Path:
    return _HERE / "lexicons" / name


@cache
def load_lexicon(name: str) -> Any:
    """Parse a YAML lexicon shipped in ``statementkg/lexicons`` (cached: lexicons never change)."""
    with lexicon_path(name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
