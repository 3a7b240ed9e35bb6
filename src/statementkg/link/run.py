"""The ``link`` verb: subjects of a built graph -> candidates from one source -> decisions in its table."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache
from .decisions import merge
from .enrich import facts_for, query_id, write_facts
from .http import Client, OfflineMiss
from .sssom import Decision, MappingTable, expand, load_table, save_table
from .subjects import Kind, Subject, load_subjects
from .wikidata import ENDPOINT as WIKIDATA_ENDPOINT
from .wikidata import Wikidata, facts_query

SOURCES = ("wikidata", "parliament", "legislation", "govuk")


@dataclass(frozen=True)
class LinkReport:
    source: str
    table: Path
    counts: dict[str, int]
    requests: int
    missing: tuple[str, ...] = ()


def default_cache(links: Path) -> Path:
    return links / "cache"


def make_client(service: str, links: Path, *, offline: bool, cache: Path | None = None, **kw: object) -> Client:
    return Client(service, Cache(cache or default_cache(links)), offline=offline, **kw)  # type: ignore[arg-type]


def _counts(table: MappingTable) -> dict[str, int]:
    c = Counter(r.decision.value for r in table.rows)
    return {d.value: c.get(d.value, 0) for d in Decision}


def known_ids(links: Path) -> dict[str, dict[str, str]]:
    """Identifiers we already hold per subject IRI: UK Parliament member IDs from the parliament table."""
    out: dict[str, dict[str, str]] = {}
    for row in load_table(links, "parliament").accepted():
        if row.object_id.startswith("ukpm:"):
            out.setdefault(expand(row.subject_id), {})["P10428"] = row.object_id.removeprefix("ukpm:")
    return out


def linked_posts(table: MappingTable) -> dict[str, str]:
    posts = [r for r in table.accepted() if r.subject_id.startswith("skgid:post/")]
    return {expand(r.subject_id): expand(r.object_id) for r in posts}


def link_wikidata(
    subjects: list[Subject], links: Path, client: Client, endpoint: str = WIKIDATA_ENDPOINT
) -> tuple[MappingTable, Wikidata]:
    table = load_table(links, "wikidata")
    source = Wikidata(client, endpoint)
    proposals, facts = source.propose(subjects, known_ids(links), linked_posts(table))
    merged = merge(table, proposals)
    items = sorted({i for i in facts})
    query = facts_query(items[: source.batch]) if items else ""
    chosen = facts_for(merged, facts, endpoint=endpoint, query=query,
                       retrieved=max(source.dates) if source.dates else client.today())
    write_facts(links, "wikidata", chosen, {query_id(query): query} if query and chosen else {})
    return merged, source


def link(
    source: str,
    graph: Path,
    links: Path,
    *,
    endpoint: str | None = None,
    offline: bool = False,
    cache: Path | None = None,
    include_perpetrators: bool = False,
    client: Client | None = None,
) -> LinkReport:
    """Propose, score and decide links from ``source`` for the subjects of ``graph``; write its table.

    The table is written only when the whole run succeeded, so a failure (an endpoint down, an
    answer missing offline) leaves every decision already recorded as it was.
    """
    from ..errors import InputError

    if source not in SOURCES:
        raise InputError(f"unknown link source {source!r}; choose one of {', '.join(SOURCES)}")
    subjects = load_subjects(graph, include_perpetrators=include_perpetrators)
    client = client or make_client(source, links, offline=offline, cache=cache)
    try:
        if source == "wikidata":
            table, _src = link_wikidata(subjects, links, client, endpoint or WIKIDATA_ENDPOINT)
        else:
            from . import sources

            table = sources.link_rest(source, subjects, graph, links, client, endpoint)
    except OfflineMiss as exc:
        raise OfflineMiss(f"{exc}; missing: {'; '.join(client.missing)}") from None
    path = save_table(links, table)
    return LinkReport(source, path, _counts(table), client.requests_sent, tuple(client.missing))


__all__ = ["SOURCES", "Kind", "LinkReport", "link"]
