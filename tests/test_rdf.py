"""The resolved corpus as RDF: statements in, a dataset with one named graph per statement out.

Covers ``rdf.py`` with ``ids.py``: every IRI minted from a stable key, the statement graphs, the
shared entities graph, the classes graph from the schema, and evidence annotations whose quote and
position selectors point at the stored text.
"""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef

from statement_support import build, statement
from statementkg.event_classes import classes
from statementkg.export import union_graph
from statementkg.ids import (
    GRAPH_CLASSES,
    GRAPH_ENTITIES,
    GRAPH_META,
    STATEMENT_GRAPH_PREFIX,
    mint_annotation_iri,
    mint_event_iri,
    mint_organisation_iri,
    mint_person_iri,
    mint_statement_graph,
    mint_statement_iri,
)
from statementkg.model import Corpus
from statementkg.namespaces import OA, RDF, RDFS, SCHEMA, SEM, SKG
from statementkg.rdf import to_dataset

A = "Sir Brian Langstaff KC chaired the Infected Blood Inquiry. The Ashford attack on 22 July 2017 killed two people."
B = "Since the Ashford attack, we have strengthened security at stations. I met the families on 3 February 2025."


def _built() -> tuple[Corpus, Dataset]:
    corpus = build(
        statement(A, stem="a", title="Ashford", date="2024-05-21"),
        statement(B, stem="b", title="Stations", date="2025-02-04"),
    )
    return corpus, to_dataset(corpus)


def _graph_names(ds: Dataset) -> set[str]:
    return {str(g.identifier) for g in ds.graphs() if len(g)}


def test_iris_are_minted_from_keys() -> None:
    assert str(mint_event_iri("ashford-attack")) == "https://w3id.org/statementkg/id/event/ashford-attack"
    assert mint_event_iri("statement:a") == mint_statement_iri("a")
    assert str(mint_person_iri("brian-langstaff")).endswith("/id/person/brian-langstaff")
    assert str(mint_statement_graph("a")) == STATEMENT_GRAPH_PREFIX + "a"
    assert str(mint_annotation_iri("a", 3, 9)).endswith("/id/annotation/a/3-9")


def test_one_named_graph_per_statement_and_the_shared_graphs() -> None:
    _corpus, ds = _built()
    names = _graph_names(ds)
    assert {str(mint_statement_graph("a")), str(mint_statement_graph("b"))} <= names
    assert {str(GRAPH_ENTITIES), str(GRAPH_META), str(GRAPH_CLASSES)} <= names
    assert {n for n in names if n.startswith(STATEMENT_GRAPH_PREFIX)} == {
        str(mint_statement_graph("a")), str(mint_statement_graph("b"))
    }


def test_an_event_told_in_one_statement_lives_in_its_graph() -> None:
    corpus, ds = _built()
    (meeting,) = [e for e in corpus.events.values() if e.type == "Meeting"]
    node = mint_event_iri(meeting.key)
    assert (node, RDF.type, SKG.Meeting) in ds.graph(mint_statement_graph("b"))
    assert (node, RDF.type, SKG.Meeting) not in ds.graph(GRAPH_ENTITIES)


def test_an_event_told_in_two_statements_lives_in_the_entities_graph() -> None:
    corpus, ds = _built()
    (attack,) = [e for e in corpus.events.values() if e.type == "Attack"]
    node = mint_event_iri(attack.key)
    entities = ds.graph(GRAPH_ENTITIES)
    assert (node, RDF.type, SKG.Attack) in entities
    assert (node, RDFS.label, Literal("Ashford attack")) in entities
    place = entities.value(node, SEM.hasPlace)
    assert place is not None and entities.value(place, RDFS.label) == Literal("Ashford")


def test_people_and_organisations_take_their_minted_iris() -> None:
    _corpus, ds = _built()
    g = union_graph(ds)
    langstaff = mint_person_iri("brian-langstaff")
    assert (langstaff, RDF.type, SCHEMA.Person) in g
    assert set(g.objects(langstaff, SCHEMA.honorificPrefix)) == {Literal("Sir")}
    assert set(g.objects(langstaff, SCHEMA.honorificSuffix)) == {Literal("KC")}
    assert (mint_organisation_iri("home-office"), None, None) in g


def test_the_classes_graph_holds_the_schema_tree() -> None:
    _corpus, ds = _built()
    g = ds.graph(GRAPH_CLASSES)
    assert (SKG.Derailment, RDFS.subClassOf, SKG.Accident) in g
    assert (SKG.Accident, RDFS.subClassOf, SEM.Event) in g
    declared = {c.name for c in classes().values() if c.name != "Event"}
    assert {str(s).rsplit("#", 1)[1] for s in g.subjects(RDFS.subClassOf, None)} == declared


def test_evidence_selectors_hit_the_stored_text() -> None:
    corpus, ds = _built()
    texts = {s.stem: s.text for s in corpus.statements}
    annotations = 0
    for stem, text in texts.items():
        g = ds.graph(mint_statement_graph(stem))
        stored = g.value(mint_statement_iri(stem), SKG.text)
        assert stored == Literal(text)
        for _node, ann in g.subject_objects(SKG.evidence):
            assert isinstance(ann, URIRef)
            annotations += 1
            target = g.value(ann, OA.hasTarget)
            assert g.value(target, OA.hasSource) == mint_statement_iri(stem)
            selectors = set(g.objects(target, OA.hasSelector))
            quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
            position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
            start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
            assert text[start:end] == str(g.value(quote, OA.exact))
            assert text[:start].endswith(str(g.value(quote, OA.prefix)))
            assert text[end:].startswith(str(g.value(quote, OA.suffix)))
            assert ann == mint_annotation_iri(stem, start, end)
    assert annotations >= 6


def test_the_attack_quotes_both_statements() -> None:
    corpus, ds = _built()
    (attack,) = [e for e in corpus.events.values() if e.type == "Attack"]
    node = mint_event_iri(attack.key)
    quoted = {}
    for stem in ("a", "b"):
        g = ds.graph(mint_statement_graph(stem))
        for ann in g.objects(node, SKG.evidence):
            target = g.value(ann, OA.hasTarget)
            for sel in g.objects(target, OA.hasSelector):
                if (sel, OA.exact, None) in g:
                    quoted[stem] = str(g.value(sel, OA.exact))
    assert "22 July 2017" in quoted["a"]
    assert "Since the Ashford attack" in quoted["b"]


def test_the_same_corpus_gives_the_same_dataset() -> None:
    _c1, one = _built()
    _c2, two = _built()
    assert set(one.quads()) == set(two.quads())
