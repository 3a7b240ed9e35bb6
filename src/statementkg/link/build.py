"""What ``build --links DIR`` reads from the links folder: the tables (and the enrichment facts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from ..errors import InputError
from ..model import TimeBounds
from .enrich import Fact, add_enrichment_graph, event_bounds, load_facts
from .graph import add_links_graph
from .sssom import MappingTable, iter_tables


@dataclass(frozen=True)
class Links:
    """Everything a build takes from a links folder, read once, with no network."""

    tables: tuple[MappingTable, ...]
    facts: tuple[Fact, ...] = ()

    def add_to(self, ds: Dataset) -> None:
        add_links_graph(ds, list(self.tables))
        add_enrichment_graph(ds, self.facts)

    def event_bounds(self) -> dict[str, TimeBounds]:
        """Dates of linked events, for resolution to anchor relative expressions on."""
        accepted = {r.subject_id for t in self.tables for r in t.accepted()}
        return event_bounds(f for f in self.facts if f.subject_id in accepted)


def load_links(folder: Path) -> Links:
    if not folder.is_dir():
        raise InputError(f"{folder}: no such links folder; give --links a folder of *.sssom.tsv tables")
    return Links(tables=tuple(iter_tables(folder)), facts=tuple(load_facts(folder)))
