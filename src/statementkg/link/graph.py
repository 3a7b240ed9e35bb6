"""Accepted mappings from the SSSOM tables -> the ``links`` named graph (no network, no clock).

Each accepted row becomes ``subject skos:exactMatch object`` (or ``skos:closeMatch`` where the
table says so; never ``owl:sameAs``) plus an ``owl:Axiom`` annotating that triple with the SSSOM
slots: confidence, justification (a SEMAPV IRI), source (the mapping set), the decision date
from the table, author and reviewer.  This is the shape SSSOM's own RDF serialisation uses.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from ..namespaces import SSSOM
from ..rdf import GRAPH_LINKS, GRAPH_META
from .sssom import CURIE_MAP, MappingRow, MappingTable, expand, iter_tables


def mapping_set_iri(source: str) -> URIRef:
    return URIRef(f"https://w3id.org/statementkg/links/{source}.sssom.tsv")


def add_mapping(ds: Dataset, row: MappingRow, source: str) -> None:
    g = ds.graph(GRAPH_LINKS)
    s, p, o = (URIRef(expand(x, CURIE_MAP)) for x in (row.subject_id, row.predicate_id, row.object_id))
    g.add((s, p, o))
    axiom = URIRef(expand(row.record_id, CURIE_MAP))
    g.add((axiom, RDF.type, OWL.Axiom))
    g.add((axiom, OWL.annotatedSource, s))
    g.add((axiom, OWL.annotatedProperty, p))
    g.add((axiom, OWL.annotatedTarget, o))
    g.add((axiom, SSSOM.mapping_justification, URIRef(expand(row.justification.value, CURIE_MAP))))
    if row.confidence is not None:
        g.add((axiom, SSSOM.confidence, Literal(f"{row.confidence:.3f}", datatype=XSD.decimal)))
    g.add((axiom, SSSOM.mapping_date, Literal(row.mapping_date.isoformat(), datatype=XSD.date)))
    g.add((axiom, DCTERMS.source, mapping_set_iri(source)))
    if row.author_id:
        g.add((axiom, SSSOM.author_label, Literal(row.author_id)))
    if row.reviewer_id:
        g.add((axiom, SSSOM.reviewer_label, Literal(row.reviewer_id)))
    if row.object_label:
        g.add((axiom, SSSOM.object_label, Literal(row.object_label)))


def add_links_graph(ds: Dataset, tables: list[MappingTable]) -> int:
    """Put every accepted mapping of ``tables`` into the links graph; returns how many."""
    n = 0
    meta = ds.graph(GRAPH_META)
    for table in tables:
        rows = table.sorted().accepted()
        if not rows:
            continue
        for row in rows:
            add_mapping(ds, row, table.source)
            n += 1
        meta.add((GRAPH_LINKS, PROV.wasDerivedFrom, mapping_set_iri(table.source)))
    if n:
        meta.add((GRAPH_LINKS, RDF.type, PROV.Entity))
        meta.add((GRAPH_LINKS, RDFS.label, Literal("Accepted links to open-data graphs, from the SSSOM tables")))
    return n


def load_tables(folder: Path) -> list[MappingTable]:
    return list(iter_tables(folder))
