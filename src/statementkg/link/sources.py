"""The REST sources (UK Parliament, legislation.gov.uk, GOV.UK) behind one ``link_rest`` entry point."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .http import Client
from .sssom import MappingTable
from .subjects import Subject


def link_rest(source: str, subjects: list[Subject], links: Path, client: Client, endpoint: str | None) -> MappingTable:
    raise InputError(f"link source {source!r} is not available yet")
