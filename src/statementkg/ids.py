"""Every IRI the tool mints: data nodes from stable keys, and the names of the dataset's graphs.

One home, so a graph name or an IRI pattern is spelled once (``rdf``, ``temporal``, ``store``,
``link`` and the queries' documentation all import from here).

>>> str(mint_event_iri("southport-attack"))
'https://w3id.org/statementkg/id/event/southport-attack'
>>> str(mint_statement_graph("d01"))
'https://w3id.org/statementkg/id/graph/statement/d01'
>>> mint_fact_id("d01", "event", "Attack", content="On 29 July 2024 a brutal attack took place")
'd01:event:attack:99b20e'
>>> mint_fact_id("d01", "person", "david-anderson")
'd01:person:david-anderson'
"""

from __future__ import annotations

import hashlib
import re

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


def mint_correction_iri(correction_id: str) -> URIRef:
    """``STEM/N``: the N-th correction in the statement's corrections file."""
    return ID[f"correction/{correction_id}"]


def mint_agent_iri(name: str) -> URIRef:
    """The person who wrote a correction (its ``author``), named by a slug of what they wrote."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "anonymous"
    return ID[f"agent/{slug}"]


#: hex digits of the content hash in a fact ID: 16.7 million per statement, kind and type
FACT_HASH_DIGITS = 6


def mint_fact_id(stem: str, kind: str, *parts: str, content: str | None = None) -> str:
    """The stable ID of one fact extracted from statement ``stem``: ``STEM:KIND:PART...[:HASH]``.

    ``parts`` are readable keys (a class, a role, a person's key), turned to lower-case slugs;
    ``content`` is what the fact says in the statement's own words (its quote), hashed.  No
    character offset goes in, so an ID stays the same across rebuilds while its quote is unchanged,
    whatever text is added or removed elsewhere in the statement.
    """
    words = [_slug(p) for p in parts]
    if content is not None:
        words.append(hashlib.sha256(" ".join(content.split()).encode("utf-8")).hexdigest()[:FACT_HASH_DIGITS])
    return ":".join([stem, kind, *words])


def _slug(part: str) -> str:
    """``LearningReview`` -> ``learning-review``; ``respondsTo`` -> ``responds-to``; keys stay as they are."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", part)
    return re.sub(r"[^a-z0-9/-]+", "-", spaced.lower()).strip("-")
