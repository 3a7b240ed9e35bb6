"""Facts of accepted links: kept in ``LINKS/SOURCE.facts.tsv`` by ``link``, made a graph by ``build``.

``link`` writes, for every accepted subject, the chosen facts of its item (an event's point in
time or start, P585 / P580 / P571, with precision; a person's posts with their terms, P39 with
P580 / P582) with their provenance: the endpoint, the id of the query (its text is kept in
``LINKS/queries/ID.rq``) and the day the answer was retrieved (from the cache, never the clock
of the build).  ``build --links`` reads the file: event dates narrow the bounds resolution gives
the linked events, so expressions anchored on them ("between 3 and 4 years before the attack")
get bounds; and the facts go into the ``enrichment`` graph as Wikidata states them, with a
description of where each came from in the meta graph.

The REST sources keep their facts the same way (``parliament.facts.tsv``: government posts with
their dates, as ``schema:Role`` terms; ``legislation.facts.tsv``: an Act's citation, title and
enactment date; ``govuk.facts.tsv``: titles and content_ids), each with the URL it was read from
in ``LINKS/queries/ID.url``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from ..errors import InputError
from ..files import write_atomic
from ..model import TimeBounds
from ..namespaces import ID, SCHEMA
from .sssom import MappingTable, expand
from .wikidata import WD, ItemFacts, time_window

GRAPH_ENRICHMENT = ID["graph/enrichment"]
WDT = "http://www.wikidata.org/prop/direct/"
P, PS, PQ = (f"http://www.wikidata.org/prop/{x}" for x in ("", "statement/", "qualifier/"))
COLUMNS = ("subject_id", "object_id", "property", "value", "precision", "start", "end", "endpoint", "query_id",
           "retrieved")
EVENT_DATE_PROPS = ("P585", "P580", "P571")
#: properties of the REST sources' facts (not Wikidata's): how each goes into the enrichment graph
GOVERNMENT_POST, CITATION, TITLE, ENACTED = "governmentPost", "citation", "title", "enacted"
ORGANISATION_TITLE, CONTENT_ID = "organisationTitle", "contentId"



@dataclass(frozen=True)
class Fact:
    subject_id: str
    object_id: str
    property: str
    value: str
    precision: str = ""
    start: str = ""
    end: str = ""
    endpoint: str = ""
    query_id: str = ""
    retrieved: str = ""

    def window(self) -> tuple[dt.date, dt.date] | None:
        return time_window(self.value, int(self.precision) if self.precision else None)


def query_id(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def facts_for(table: MappingTable, facts: Mapping[str, ItemFacts], *, endpoint: str, query: str,
              retrieved: dt.date) -> list[Fact]:
    """The chosen facts of every accepted subject whose item is in ``facts``."""
    qid = query_id(query)
    out: list[Fact] = []
    for row in table.accepted():
        item = facts.get(WD + row.object_id.removeprefix("wd:"))
        if item is None:
            continue
        base = {"subject_id": row.subject_id, "object_id": row.object_id, "endpoint": endpoint, "query_id": qid,
                "retrieved": retrieved.isoformat()}
        if row.subject_id.startswith("skgid:event/"):
            for prop in EVENT_DATE_PROPS:
                best = item.best(prop)
                if best:
                    c = best[0]
                    out.append(Fact(property=prop, value=c.value, precision=str(c.precision or ""), **base))
                    break
        if row.subject_id.startswith("skgid:person/"):
            for c in item.best("P39"):
                out.append(Fact(property="P39", value=c.value, start=c.start[0].isoformat() if c.start else "",
                                end=c.end[1].isoformat() if c.end else "", **base))
    return sorted(set(out), key=lambda f: (f.subject_id, f.property, f.value, f.start))


def write_facts(folder: Path, source: str, facts: Iterable[Fact], queries: Mapping[str, str], ext: str = "rq") -> None:
    """``LINKS/SOURCE.facts.tsv``, and each request in ``LINKS/queries/ID.EXT`` (``rq``: SPARQL; ``url``: a GET)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(COLUMNS)
    for f in facts:
        w.writerow([getattr(f, c) for c in COLUMNS])
    write_atomic(folder / f"{source}.facts.tsv", out.getvalue().encode("utf-8"))
    for qid, text in sorted(queries.items()):
        write_atomic(folder / "queries" / f"{qid}.{ext}", (text if ext == "rq" else text + "\n").encode("utf-8"))


def load_facts(folder: Path) -> list[Fact]:
    out: list[Fact] = []
    for path in sorted(folder.glob("*.facts.tsv")):
        try:
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")), delimiter="\t"))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise InputError(f"{path}: cannot read the facts table ({exc})") from None
        for n, rec in enumerate(rows, 2):
            if not rec.get("subject_id") or not rec.get("property"):
                raise InputError(f"{path}:{n}: a fact needs subject_id and property")
            out.append(Fact(**{c: (rec.get(c) or "") for c in COLUMNS}))
    return out


def event_bounds(facts: Iterable[Fact]) -> dict[str, TimeBounds]:
    """Event key -> the begin window its linked item gives (for resolution)."""
    out: dict[str, TimeBounds] = {}
    for f in facts:
        if f.property in EVENT_DATE_PROPS and f.subject_id.startswith("skgid:event/"):
            w = f.window()
            if w is not None:
                edtf = w[0].isoformat() if w[0] == w[1] else f"{w[0].isoformat()}/{w[1].isoformat()}"
                out[f.subject_id.removeprefix("skgid:event/")] = TimeBounds(w[0], w[1], edtf=edtf)
    return out


def add_enrichment_graph(ds: Dataset, facts: Iterable[Fact]) -> int:
    """The facts as Wikidata states them (``wdt:`` triples) in the enrichment graph, provenance in meta."""
    g = ds.graph(GRAPH_ENRICHMENT)
    meta = ds.graph(ID["graph/meta"])
    n = 0
    for f in facts:
        item = URIRef(expand(f.object_id))
        prop = URIRef(WDT + f.property)
        if f.property == "P39":
            # a term of office in Wikidata's statement shape: item p:P39 [ ps:P39 post ; pq:P580 ; pq:P582 ]
            digest = hashlib.sha256(f"{f.value}|{f.start}|{f.end}".encode()).hexdigest()[:10]
            term = ID[f"enrichment/{f.object_id.removeprefix('wd:')}/P39/{digest}"]
            g.add((item, prop, URIRef(f.value)))
            g.add((item, URIRef(P + "P39"), term))
            g.add((term, URIRef(PS + "P39"), URIRef(f.value)))
            for q, day in (("P580", f.start), ("P582", f.end)):
                if day:
                    g.add((term, URIRef(PQ + q), Literal(day, datatype=XSD.date)))
        elif f.property == GOVERNMENT_POST:
            # a UK Parliament government post in schema.org's Role pattern: member schema:hasOccupation
            # [ a schema:Role ; schema:roleName "post as Parliament names it" ; schema:startDate ; schema:endDate ]
            # (not org:Membership: memberships are what statements say, with evidence)
            digest = hashlib.sha256(f"{f.object_id}|{f.value}|{f.start}|{f.end}".encode()).hexdigest()[:10]
            term = ID[f"enrichment/{f.object_id.replace(':', '/')}/post/{digest}"]
            g.add((item, SCHEMA.hasOccupation, term))
            g.add((term, RDF.type, SCHEMA.Role))
            g.add((term, SCHEMA.roleName, Literal(f.value)))
            for p, day in ((SCHEMA.startDate, f.start), (SCHEMA.endDate, f.end)):
                if day:
                    g.add((term, p, Literal(day, datatype=XSD.date)))
        elif f.property == CITATION:
            g.add((item, DCTERMS.bibliographicCitation, Literal(f.value)))
        elif f.property in (TITLE, ORGANISATION_TITLE):
            g.add((item, DCTERMS.title, Literal(f.value)))
        elif f.property == ENACTED:
            g.add((item, DCTERMS.created, Literal(f.value, datatype=XSD.date)))
        elif f.property == CONTENT_ID:
            g.add((item, DCTERMS.identifier, Literal(f.value)))
        else:
            w = f.window()
            if w is None:
                continue
            g.add((item, prop, Literal(f.value, datatype=XSD.dateTime)))
        activity = ID[f"activity/enrichment/{f.query_id}/{f.retrieved}"]
        meta.add((GRAPH_ENRICHMENT, PROV.wasDerivedFrom, item))
        meta.add((GRAPH_ENRICHMENT, PROV.wasGeneratedBy, activity))
        meta.add((activity, RDF.type, PROV.Activity))
        ext = "rq" if f.property[:1] == "P" and f.property[1:].isdigit() else "url"
        what = "query" if ext == "rq" else "request"
        meta.add((activity, RDFS.label, Literal(f"{what} {f.query_id} (LINKS/queries/{f.query_id}.{ext})")))
        meta.add((activity, PROV.used, URIRef(f.endpoint) if f.endpoint else URIRef(WD)))
        meta.add((activity, DCTERMS.date, Literal(f.retrieved, datatype=XSD.date)))
        n += 1
    if n:
        meta.add((GRAPH_ENRICHMENT, RDF.type, PROV.Entity))
        label = "Facts of linked open-data items, as their source states them"
        meta.add((GRAPH_ENRICHMENT, RDFS.label, Literal(label)))
    return n
