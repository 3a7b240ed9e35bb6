"""What in a built graph can be linked, with the context decisions need (posts, dates, places, roles).

Victims are never subjects.  People whose only role in the graph is perpetrator are left out
unless asked (``include_perpetrators``): linking names a private person to a public record.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ..export import load_dataset, union_graph
from ..namespaces import ORG, SCHEMA, SEM, SKG
from .sssom import contract


class Kind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    POST = "post"
    EVENT = "event"
    PLACE = "place"
    ACT = "act"


#: event classes worth a Wikidata item (notable events); Legislation events become acts
LINKED_EVENT_TYPES = frozenset({"Attack", "Inquiry", "Legislation"})
_PARTICIPANT_ROLES = ("subject", "referredTo", "referredBy", "assessedBy", "commissionedBy", "conductedBy",
                      "chairedBy", "appointee", "appointedBy", "publishedBy", "perpetrator", "victim", "agent")


#: roles of people named only as the subject of proceedings, referred, or perpetrators: not linked
#: unless asked (``subject`` is who is sentenced, arrested or charged)
PRIVATE_ROLES = frozenset({"perpetrator", "subject", "referredTo"})


@dataclass(frozen=True)
class HeldPost:
    label: str
    iri: str
    dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class Subject:
    iri: str
    kind: Kind
    label: str
    alt_labels: tuple[str, ...] = ()
    event_type: str = ""
    earliest: dt.date | None = None
    latest: dt.date | None = None
    place: str = ""
    posts: tuple[HeldPost, ...] = ()
    roles: frozenset[str] = frozenset()
    people: tuple[str, ...] = ()  # names of those who conduct or chair an inquiry
    organisation: str = ""  # the organisation a post is in

    @property
    def curie(self) -> str:
        return contract(self.iri)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.alt_labels)


def _iris(nodes: Iterable[object]) -> list[URIRef]:
    return sorted({n for n in nodes if isinstance(n, URIRef)})


def _text(g: Graph, s: URIRef, p: URIRef) -> str:
    v = g.value(s, p)
    return str(v) if v is not None else ""


def _date(g: Graph, s: URIRef, p: URIRef) -> dt.date | None:
    v = g.value(s, p)
    try:
        return dt.date.fromisoformat(str(v)) if v is not None else None
    except ValueError:
        return None


def subjects_of(ds: Dataset, *, include_perpetrators: bool = False) -> list[Subject]:
    """Every linkable node of ``ds``, sorted by IRI."""
    g = union_graph(ds)
    roles: dict[URIRef, set[str]] = defaultdict(set)
    for role in _PARTICIPANT_ROLES:
        for _e, actor in g.subject_objects(SKG[role]):
            if isinstance(actor, URIRef):
                roles[actor].add(role)
    for actor in g.objects(None, SKG.speaker):
        if isinstance(actor, URIRef):
            roles[actor].add("speaker")
    posts: dict[URIRef, list[HeldPost]] = defaultdict(list)
    for ms in _iris(g.subjects(RDF.type, ORG.Membership)):
        person, post = g.value(ms, ORG.member), g.value(ms, ORG.role)
        if isinstance(person, URIRef) and isinstance(post, URIRef):
            days = tuple(sorted(dt.date.fromisoformat(str(d)) for d in g.objects(ms, SKG.heldOn)))
            posts[person].append(HeldPost(_text(g, post, RDFS.label), str(post), days))
    out: list[Subject] = []
    for p in _iris(set(g.subjects(RDF.type, SCHEMA.Person))):
        assert isinstance(p, URIRef)
        r = roles.get(p, set())
        if "victim" in r:
            continue
        if r and r <= PRIVATE_ROLES and not posts.get(p) and not include_perpetrators:
            continue
        name = _text(g, p, SCHEMA.name)
        if len(name.split()) < 2:
            continue  # a bare surname is no basis for a link
        out.append(Subject(str(p), Kind.PERSON, name, posts=tuple(posts.get(p, ())), roles=frozenset(r)))
    for o in _iris(set(g.subjects(RDF.type, ORG.Organization)) | set(g.subjects(RDF.type, SKG.Programme))):
        assert isinstance(o, URIRef)
        alts = tuple(sorted(str(a) for a in g.objects(o, SKOS.altLabel)))
        out.append(Subject(str(o), Kind.ORGANISATION, _text(g, o, RDFS.label), alts))
    for p in _iris(set(g.subjects(RDF.type, ORG.Post))):
        assert isinstance(p, URIRef)
        org = g.value(p, ORG.postIn)
        org_label = _text(g, org, RDFS.label) if isinstance(org, URIRef) else ""
        out.append(Subject(str(p), Kind.POST, _text(g, p, RDFS.label), organisation=org_label))
    for cls in sorted(LINKED_EVENT_TYPES):
        for e in _iris(set(g.subjects(RDF.type, SKG[cls]))):
            assert isinstance(e, URIRef)
            place = g.value(e, SEM.hasPlace)
            people = sorted(
                _text(g, a, SCHEMA.name)
                for prop in (SKG.conductedBy, SKG.chairedBy)
                for a in g.objects(e, prop)
                if isinstance(a, URIRef)
            )
            label = _text(g, e, RDFS.label)
            place_label = _text(g, place, RDFS.label) if isinstance(place, URIRef) else ""
            names: tuple[str, ...] = ()
            if cls == "Attack" and place_label and place_label.lower() not in label.lower():
                names = (f"{place_label} attack", f"{place_label} bombing")
            out.append(
                Subject(
                    str(e), Kind.ACT if cls == "Legislation" else Kind.EVENT, label, names, event_type=cls,
                    earliest=_date(g, e, SEM.hasEarliestBeginTimeStamp),
                    latest=_date(g, e, SEM.hasLatestBeginTimeStamp),
                    place=place_label, people=tuple(n for n in people if n),
                )
            )
    for pl in _iris(set(g.subjects(RDF.type, SEM.Place))):
        assert isinstance(pl, URIRef)
        out.append(Subject(str(pl), Kind.PLACE, _text(g, pl, RDFS.label)))
    return sorted((s for s in out if s.label), key=lambda s: s.iri)


def load_subjects(graph: Path, *, include_perpetrators: bool = False) -> list[Subject]:
    return subjects_of(load_dataset(graph), include_perpetrators=include_perpetrators)
