"""Every IRI the tool mints: data nodes from stable keys, and the names of the dataset's graphs.

One home, so a graph name or an IRI pattern is spelled once (``rdf``, ``temporal``, ``store``,
``link`` and the queries' documentation all import from here).

>>> str(mint_event_iri("southport-attack"))
'https://w3id.org/statementkg/id/event/southport-attack'
>>> str(mint_statement_graph("d01"))
'https://w3id.org/statementkg/id/graph/statement/d01'
"""

from __future__ import annotations

from rdflib import URIRef

from .namespaces import ID

GRAPH_META = ID["graph/meta"]
GRAPH_ENTITIES = ID["graph/entities"]
GRAPH_INFERRED = ID["graph/inferred"]
GRAPH_LINKS = ID["graph/links"]
GRAPH_ENRICHMENT = ID["graph/enrichment"]
#: The event classes and their parents (from the schema), so saved queries can ask "is a".
GRAPH_CLASSES = ID["graph/classes"]
GRAPH_IMPORTED = ID["graph/imported"]
STATEMENT_GRAPH_PREFIX = str(ID["graph/statement/"])
BUILD_ACTIVITY = ID["activity/build"]
SOFTWARE_AGENT = ID["agent/statementkg"]


def mint_statement_iri(stem: str) -> URIRef:
    return ID[f"statement/{stem}"]


def mint_statement_graph(stem: str) -> URIRef:
    return ID[f"graph/statement/{stem}"]


def mint_event_iri(key: str) -> URIRef:
    if key.startswith("statement:"):
        return mint_statement_iri(key.split(":", 1)[1])
    return ID[f"event/{key}"]


def mint_series_iri(key: str) -> URIRef:
    return ID[f"series/{key}"]


def mint_person_iri(key: str) -> URIRef:
    return ID[f"person/{key}"]


def mint_organisation_iri(key: str) -> URIRef:
    return ID[f"organisation/{key}"]


def mint_post_iri(key: str) -> URIRef:
    return ID[f"post/{key}"]


def mint_membership_iri(key: str) -> URIRef:
    return ID[f"membership/{key}"]


def mint_annotation_iri(stem: str, start: int, end: int) -> URIRef:
    return ID[f"annotation/{stem}/{start}-{end}"]
