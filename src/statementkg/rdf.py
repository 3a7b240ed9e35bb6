"""The resolved corpus as an RDF dataset: one named graph per statement plus shared, meta and inferred graphs.

IRIs are minted from stable keys only (``mint_*``), and evidence annotations are named by their
statement and character span, so identical input always gives an identical dataset.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD

from . import __version__
from .event_classes import class_tree
from .extract.text import slugify
from .ids import (
    BUILD_ACTIVITY,
    GRAPH_CLASSES,
    GRAPH_ENTITIES,
    GRAPH_INFERRED,
    GRAPH_LINKS,
    GRAPH_META,
    SOFTWARE_AGENT,
    mint_agent_iri,
    mint_annotation_iri,
    mint_correction_iri,
    mint_event_iri,
    mint_membership_iri,
    mint_organisation_iri,
    mint_person_iri,
    mint_post_iri,
    mint_series_iri,
    mint_statement_graph,
    mint_statement_iri,
)
from .model import Corpus, CorrectionRecord, Event, Mention, Origin, Statement, TimeBounds
from .namespaces import EDTF_DATATYPE, ID, OA, ORG, PREFIXES, SCHEMA, SEM, SKG

QUOTE_CONTEXT = 32

__all__ = [
    "BUILD_ACTIVITY", "GRAPH_CLASSES", "GRAPH_ENTITIES", "GRAPH_INFERRED", "GRAPH_LINKS", "GRAPH_META",
    "mint_annotation_iri", "mint_event_iri", "mint_membership_iri", "mint_organisation_iri", "mint_person_iri",
    "mint_post_iri", "mint_statement_graph", "mint_statement_iri", "to_dataset", "write_corpus",
]


def holiday_iri(name: str) -> URIRef:
    """``skg:RemembranceSunday`` for "Remembrance Sunday"; Christmas Day is ``skg:Christmas``."""
    words = re.sub(r"['’]", "", name).split()
    local = "".join(w[:1].upper() + w[1:] for w in words)
    return SKG[{"ChristmasDay": "Christmas", "EasterDay": "EasterSunday"}.get(local, local)]


def _date(d: dt.date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


#: the terms of every evidence annotation, looked up once (a namespace lookup per triple cost a
#: tenth of the rdf stage: there are 50,000 annotations at 1,000 statements)
_EVIDENCE, _ANNOTATION, _MOTIVATED_BY, _DESCRIBING = SKG.evidence, OA.Annotation, OA.motivatedBy, OA.describing
_HAS_TARGET, _SPECIFIC_RESOURCE = OA.hasTarget, OA.SpecificResource
_HAS_SOURCE, _HAS_SELECTOR = OA.hasSource, OA.hasSelector
_QUOTE_SELECTOR, _EXACT, _PREFIX, _SUFFIX = OA.TextQuoteSelector, OA.exact, OA.prefix, OA.suffix
_POSITION_SELECTOR, _START, _END = OA.TextPositionSelector, OA.start, OA.end


class _Builder:
    """Writes the corpus into ``target``: an rdflib Dataset, or anything with its ``graph(name).add``
    (a ``QuadSink`` for large corpora); nothing is read back from it."""

    def __init__(self, corpus: Corpus, target: Any = None) -> None:
        self.corpus = corpus
        self.ds = Dataset() if target is None else target
        self.annotated: set[URIRef] = set()
        for prefix, ns in PREFIXES.items():
            self.ds.bind(prefix, ns, override=True, replace=True)
        self.ds.bind("id", str(ID))
        self.statements = {s.stem: s for s in corpus.statements}
        self.actors: dict[str, URIRef] = {}
        for key in corpus.people:
            self.actors[key] = mint_person_iri(key)
        for key in corpus.organisations:
            self.actors[key] = mint_organisation_iri(key)

    def graph_for(self, mentions: Iterable[Mention]) -> Graph:
        stems = {m.stem for m in mentions}
        if len(stems) == 1:
            return self.ds.graph(mint_statement_graph(next(iter(stems))))
        return self.ds.graph(GRAPH_ENTITIES)

    def evidence(self, node: URIRef, mention: Mention) -> None:
        st = self.statements[mention.stem]
        s, e = mention.span.start, mention.span.end
        ann = mint_annotation_iri(st.stem, s, e)
        g = self.ds.graph(mint_statement_graph(st.stem))
        g.add((node, _EVIDENCE, ann))
        if ann in self.annotated:
            return
        self.annotated.add(ann)
        target = URIRef(f"{ann}/target")
        quote = URIRef(f"{ann}/quote")
        position = URIRef(f"{ann}/position")
        text = st.text
        g.add((ann, RDF.type, _ANNOTATION))
        g.add((ann, _MOTIVATED_BY, _DESCRIBING))
        g.add((ann, _HAS_TARGET, target))
        g.add((target, RDF.type, _SPECIFIC_RESOURCE))
        g.add((target, _HAS_SOURCE, mint_statement_iri(st.stem)))
        g.add((target, _HAS_SELECTOR, quote))
        g.add((target, _HAS_SELECTOR, position))
        g.add((quote, RDF.type, _QUOTE_SELECTOR))
        g.add((quote, _EXACT, Literal(text[s:e])))
        g.add((quote, _PREFIX, Literal(text[max(0, s - QUOTE_CONTEXT) : s])))
        g.add((quote, _SUFFIX, Literal(text[e : e + QUOTE_CONTEXT])))
        g.add((position, RDF.type, _POSITION_SELECTOR))
        g.add((position, _START, Literal(s, datatype=XSD.integer)))
        g.add((position, _END, Literal(e, datatype=XSD.integer)))

    def bounds(self, g: Graph, node: URIRef, b: TimeBounds) -> None:
        for prop, value in (
            (SEM.hasEarliestBeginTimeStamp, b.earliest_begin),
            (SEM.hasLatestBeginTimeStamp, b.latest_begin),
            (SEM.hasEarliestEndTimeStamp, b.earliest_end),
            (SEM.hasLatestEndTimeStamp, b.latest_end),
        ):
            if value is not None:
                g.add((node, prop, _date(value)))
        if b.edtf:
            g.add((node, SKG.edtf, Literal(b.edtf, datatype=URIRef(EDTF_DATATYPE))))

    def origin(
        self, g: Graph, node: URIRef, origin: Origin = Origin.EXTRACTED, corrections: Iterable[str] = ()
    ) -> None:
        """Where the fact comes from (``skg:origin``), and the corrections that changed or added it."""
        g.add((node, SKG.origin, SKG[origin.value]))
        for cid in corrections:
            if cid in self.corpus.corrections:
                g.add((node, SKG.correctedBy, mint_correction_iri(cid)))

    def correction(self, c: CorrectionRecord) -> None:
        """Who changed what and why, in the corrected statement's graph (``prov:wasAttributedTo`` the author)."""
        g = self.ds.graph(mint_statement_graph(c.stem))
        node = mint_correction_iri(c.id)
        g.add((node, RDF.type, SKG.Correction))
        g.add((node, RDFS.label, Literal(f"Correction {c.id.rsplit('/', 1)[1]} of {c.stem}: {c.op}")))
        g.add((node, SKG.operation, Literal(c.op)))
        for fact in c.facts:
            g.add((node, SKG.fact, Literal(fact)))
        g.add((node, SKG.correctionFile, Literal(c.file)))
        g.add((node, SKG.line, Literal(c.line, datatype=XSD.integer)))
        g.add((node, PROV.wasDerivedFrom, mint_statement_iri(c.stem)))
        if c.note:
            g.add((node, RDFS.comment, Literal(c.note)))
        if c.author:
            agent = mint_agent_iri(c.author)
            g.add((node, PROV.wasAttributedTo, agent))
            g.add((agent, RDF.type, PROV.Agent))
            g.add((agent, RDFS.label, Literal(c.author)))

    # ------------------------------------------------------------ nodes

    def statement(self, st: Statement) -> None:
        node = mint_statement_iri(st.stem)
        g = self.ds.graph(mint_statement_graph(st.stem))
        g.add((node, RDF.type, SKG.Statement))
        g.add((node, RDFS.label, Literal(st.title)))
        g.add((node, DCTERMS.title, Literal(st.title)))
        g.add((node, DCTERMS.date, _date(st.date)))
        g.add((node, SKG.statementKind, Literal(st.kind)))
        g.add((node, SKG.sourceFormat, Literal(st.source_format.value)))
        g.add((node, SKG.text, Literal(st.text)))
        self.bounds(g, node, TimeBounds(st.date, st.date, edtf=st.date.isoformat()))
        if st.url:
            g.add((node, SCHEMA.url, Literal(st.url, datatype=XSD.anyURI)))
        if st.title_span is not None:
            self.evidence(node, Mention(st.stem, st.title_span))
        meta = self.ds.graph(GRAPH_META)
        sg = mint_statement_graph(st.stem)
        meta.add((sg, RDF.type, PROV.Entity))
        meta.add((sg, PROV.wasDerivedFrom, node))
        meta.add((sg, PROV.wasGeneratedBy, BUILD_ACTIVITY))
        meta.add((sg, RDFS.label, Literal(f"Facts quoted from {st.stem}")))

    def people(self) -> None:
        for person in self.corpus.people.values():
            node = mint_person_iri(person.key)
            g = self.graph_for(person.mentions)
            g.add((node, RDF.type, SCHEMA.Person))
            g.add((node, SCHEMA.name, Literal(person.name)))
            g.add((node, RDFS.label, Literal(person.name)))
            self.origin(g, node, person.origin, person.corrections)
            for p in person.prefixes:
                g.add((node, SCHEMA.honorificPrefix, Literal(p)))
            for p in person.suffixes:
                g.add((node, SCHEMA.honorificSuffix, Literal(p)))
            for m in person.mentions:
                self.evidence(node, m)

    def organisations(self) -> None:
        for org in self.corpus.organisations.values():
            node = mint_organisation_iri(org.key)
            g = self.graph_for(org.mentions)
            g.add((node, RDF.type, SKG.Programme if org.kind == "programme" else ORG.Organization))
            g.add((node, RDFS.label, Literal(org.name)))
            g.add((node, SKG.organisationKind, Literal(org.kind)))
            self.origin(g, node)
            for alt in sorted(org.alt_names):
                g.add((node, SKOS.altLabel, Literal(alt)))
            for m in org.mentions:
                self.evidence(node, m)

    def posts(self) -> None:
        for post in self.corpus.posts.values():
            node = mint_post_iri(post.key)
            g = self.graph_for(post.mentions)
            g.add((node, RDF.type, ORG.Post))
            g.add((node, RDF.type, ORG.Role))
            g.add((node, RDFS.label, Literal(post.label)))
            self.origin(g, node)
            if post.organisation and post.organisation in self.corpus.organisations:
                g.add((node, ORG.postIn, mint_organisation_iri(post.organisation)))
            for m in post.mentions:
                self.evidence(node, m)
        for ms in self.corpus.memberships.values():
            node = mint_membership_iri(ms.key)
            g = self.graph_for(ms.mentions)
            g.add((node, RDF.type, ORG.Membership))
            g.add(
                (
                    node,
                    RDFS.label,
                    Literal(f"{self.corpus.people[ms.person].name} as {self.corpus.posts[ms.post].label}"),
                )
            )
            g.add((node, ORG.member, mint_person_iri(ms.person)))
            self.origin(g, node)
            g.add((node, ORG.role, mint_post_iri(ms.post)))
            if ms.organisation and ms.organisation in self.corpus.organisations:
                g.add((node, ORG.organization, mint_organisation_iri(ms.organisation)))
            for day in ms.held_on:
                g.add((node, SKG.heldOn, _date(day)))
            if ms.interim:
                g.add((node, SKG.interim, Literal(True)))
            if ms.start:
                interval = URIRef(f"{node}/interval")
                begin = URIRef(f"{interval}/begin")
                g.add((node, ORG.memberDuring, interval))
                g.add((interval, RDF.type, TIME.Interval))
                g.add((interval, TIME.hasBeginning, begin))
                g.add((begin, RDF.type, TIME.Instant))
                g.add((begin, TIME.inXSDDate, _date(ms.start)))
            for m in ms.mentions:
                self.evidence(node, m)

    def event(self, ev: Event) -> None:
        node = mint_event_iri(ev.key)
        if ev.key.startswith("statement:"):
            for m in ev.mentions:
                self.evidence(node, m)
            return
        g = self.graph_for(ev.mentions)
        g.add((node, RDF.type, SKG[ev.type] if ev.type != "Event" else SEM.Event))
        label = ev.label
        if ev.series_size > 1:
            # "3 referrals": each member is "Referral 1 of 3", whatever wording the mentions used
            kind = re.sub(r"(?<!^)(?=[A-Z])", " ", ev.type).capitalize()
            label = f"{kind} {ev.key.rsplit('/', 1)[1]} of {ev.series_size}"
        g.add((node, RDFS.label, Literal(label)))
        self.origin(g, node, ev.origin, ev.corrections)
        self.bounds(g, node, ev.bounds)
        seen_phrases: set[str] = set()
        for stem, tm in ev.times:
            if tm.text not in seen_phrases:
                seen_phrases.add(tm.text)
                g.add((node, SKG.timeExpression, Literal(tm.text)))
            if tm.anchor == "event" and ev.anchor:
                g.add((node, SKG.timeAnchor, mint_event_iri(ev.anchor)))
            elif tm.anchor == "holiday" and tm.holiday:
                g.add((node, SKG.timeAnchor, holiday_iri(tm.holiday)))
            elif tm.anchor == "statement":
                g.add((node, SKG.timeAnchor, mint_statement_iri(stem)))
        if ev.planned:
            g.add((node, SKG.status, SKG.Planned))
        for role, ref in ev.participants:
            actor = self.actors.get(ref)
            if actor is not None:
                g.add((node, SKG[role.value], actor))
        if ev.place:
            place = ID[f"place/{slugify(ev.place)}"]
            g.add((node, SEM.hasPlace, place))
            g.add((place, RDF.type, SEM.Place))
            g.add((place, RDFS.label, Literal(ev.place)))
        for prop, refs in (
            (SKG.reviews, ev.reviews),
            (SKG.respondsTo, ev.responds_to),
            (SKG.publishes, ev.publishes),
            (SKG.announces, ev.announces),
        ):
            for ref in refs:
                if ref in self.corpus.events:
                    g.add((node, prop, mint_event_iri(ref)))
        if ev.post and ev.post in self.corpus.posts:
            g.add((node, SKG.post, mint_post_iri(ev.post)))
        if ev.series:
            g.add((node, SKG.seriesSize, Literal(ev.series_size, datatype=XSD.integer)))
            g.add((node, SKG.memberOf, mint_series_iri(ev.series)))
        for m in ev.mentions:
            self.evidence(node, m)

    def meta(self) -> None:
        meta = self.ds.graph(GRAPH_META)
        meta.add((BUILD_ACTIVITY, RDF.type, PROV.Activity))
        meta.add((BUILD_ACTIVITY, RDFS.label, Literal(f"statementkg {__version__} build")))
        meta.add((BUILD_ACTIVITY, PROV.wasAssociatedWith, SOFTWARE_AGENT))
        meta.add((SOFTWARE_AGENT, RDF.type, PROV.SoftwareAgent))
        meta.add((SOFTWARE_AGENT, RDFS.label, Literal(f"statementkg {__version__}")))
        meta.add((GRAPH_ENTITIES, RDF.type, PROV.Entity))
        meta.add((GRAPH_ENTITIES, PROV.wasGeneratedBy, BUILD_ACTIVITY))
        meta.add((GRAPH_ENTITIES, RDFS.label, Literal("Entities and events mentioned by several statements")))
        for st in self.corpus.statements:
            meta.add((GRAPH_ENTITIES, PROV.wasDerivedFrom, mint_statement_iri(st.stem)))
        meta.add((GRAPH_CLASSES, RDF.type, PROV.Entity))
        meta.add((GRAPH_CLASSES, PROV.wasGeneratedBy, BUILD_ACTIVITY))
        meta.add((GRAPH_CLASSES, RDFS.label, Literal("Event classes and their parents, from the schema")))

    def event_classes(self) -> None:
        """The schema's class tree, so saved queries can ask "is a" on any engine without the ontology."""
        g = self.ds.graph(GRAPH_CLASSES)
        for cls, pred, obj in class_tree():
            value = Literal(obj, lang="en") if pred == str(RDFS.label) else URIRef(obj)
            g.add((URIRef(cls), URIRef(pred), value))

    def build(self) -> Any:
        for st in self.corpus.statements:
            self.statement(st)
        self.people()
        self.organisations()
        self.posts()
        for ev in self.corpus.events.values():
            self.event(ev)
        for c in self.corpus.corrections.values():
            self.correction(c)
        self.event_classes()
        self.meta()
        return self.ds


def to_dataset(corpus: Corpus) -> Dataset:
    """The corpus as an rdflib Dataset (no blank nodes, no timestamps)."""
    ds: Dataset = _Builder(corpus).build()
    return ds


def write_corpus(corpus: Corpus, target: Any) -> None:
    """Write the corpus into ``target`` (anything with rdflib's ``graph(name).add``, such as a ``QuadSink``)."""
    _Builder(corpus, target).build()
