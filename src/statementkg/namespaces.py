"""Every namespace statementkg uses, and the one prefix map all serialisers share."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

SKG = Namespace("https://w3id.org/statementkg/ontology#")
#: Base of every data IRI the tool mints (statements, people, events, graphs...).
ID = Namespace("https://w3id.org/statementkg/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
EDTF_DATATYPE = "http://id.loc.gov/datatypes/edtf/EDTF"
#: links and enrichment (link/): SSSOM slots, SEMAPV justifications, Wikidata truthy properties
SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
WDP = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")

PREFIXES: dict[str, str] = {
    "skg": str(SKG),
    "sem": str(SEM),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "prov": str(PROV),
    "time": str(TIME),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
    "wd": str(WD),
    "wdt": str(WDT),
    "p": str(WDP),
    "ps": str(PS),
    "pq": str(PQ),
    "sssom": str(SSSOM),
    "semapv": str(SEMAPV),
}

#: the prefix map with the data prefix ``id:`` (what the query table shows and ``--param`` reads)
ALL_PREFIXES: dict[str, str] = {**PREFIXES, "id": str(ID)}


def expand_prefixed(value: str) -> str | None:
    """``id:event/x`` as its full IRI when its prefix is one of ``ALL_PREFIXES``, else ``None``.

    >>> expand_prefixed("skg:Attack")
    'https://w3id.org/statementkg/ontology#Attack'
    >>> expand_prefixed("https://example.org/") is None
    True
    """
    prefix, sep, local = value.partition(":")
    if not sep or prefix not in ALL_PREFIXES or local.startswith("//"):
        return None
    return ALL_PREFIXES[prefix] + local


__all__ = [
    "ALL_PREFIXES", "DCTERMS", "EDTF_DATATYPE", "ID", "OA", "ORG", "OWL", "PQ", "PREFIXES", "PROV", "PS", "RDF", "RDFS",
    "SCHEMA", "SEM", "SEMAPV", "SH", "SKG", "SKOS", "SSSOM", "TIME", "WD", "WDP", "WDT", "XSD", "expand_prefixed",
]
