"""validate(): the typed report over the union of named graphs, its text and Turtle forms, speed."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS

from statementkg.errors import OntologyError
from statementkg.namespaces import EDTF_DATATYPE, ID, OA, ORG, SCHEMA, SEM, SH, SKG
from statementkg.validate import (
    SKGSH,
    Severity,
    ValidationReport,
    ValidationResult,
    load_ontology,
    load_shapes,
    validate,
)

EDTF = URIRef(EDTF_DATATYPE)
# plain IRIs: pytest's collection probes module globals, and rdflib's XSD namespace object warns on that
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
XSD_INT = URIRef("http://www.w3.org/2001/XMLSchema#integer")


# ---------------------------------------------------------------- a generated corpus in the README graph shape


@dataclass
class _Statement:
    """Builds one statement's text piece by piece, remembering where each piece lands."""

    stem: str
    date: dt.date
    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _date(d: dt.date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD_DATE)


def _evidence(ds: Dataset, st: _Statement, node: URIRef, span: tuple[int, int]) -> None:
    """The evidence annotation exactly as ontology/README.md shows it (and rdf.py emits it)."""
    g = ds.graph(ID[f"graph/statement/{st.stem}"])
    start, end = span
    ann = ID[f"annotation/{st.stem}/{start}-{end}"]
    g.add((node, SKG.evidence, ann))
    target, quote, position = URIRef(f"{ann}/target"), URIRef(f"{ann}/quote"), URIRef(f"{ann}/position")
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.motivatedBy, OA.describing))
    g.add((ann, OA.hasTarget, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, ID[f"statement/{st.stem}"]))
    g.add((target, OA.hasSelector, quote))
    g.add((target, OA.hasSelector, position))
    text = st.text
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(text[start:end])))
    g.add((quote, OA.prefix, Literal(text[max(0, start - 32) : start])))
    g.add((quote, OA.suffix, Literal(text[end : end + 32])))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(start, datatype=XSD_INT)))
    g.add((position, OA.end, Literal(end, datatype=XSD_INT)))


def synthetic_dataset(n_statements: int, events_per_statement: int = 8) -> Dataset:
    """A conforming dataset of ``n_statements`` statements (~400 triples each) in the README shape.

    Each statement mentions four people (two shared with the previous statement), two
    organisations, a post held by its speaker, ``events_per_statement`` dated events with
    participants, and a review of an event of the previous statement.
    """
    ds = Dataset()
    entities = ds.graph(ID["graph/entities"])
    statements: list[_Statement] = []
    for i in range(n_statements):
        st = _Statement(f"s{i:04d}", dt.date(2020, 1, 1) + dt.timedelta(days=7 * i))
        statements.append(st)
        title = st.add(f"Statement number {i} on public safety")
        st.add("\n\n")
        spans: dict[str, tuple[int, int]] = {}
        people = [f"shared-{i // 2}-{k}" if k < 2 else f"person-{i}-{k}" for k in range(4)]
        for k, key in enumerate(people):
            st.add("Today ")
            spans[f"person/{key}"] = st.add(f"Person {key.replace('-', ' ').title()}")
            st.add(f" spoke about matter {k}. ")
        for k in range(2):
            st.add("The work of ")
            spans[f"organisation/org-{i}-{k}"] = st.add(f"Agency {i}-{k}")
            st.add(" continues. ")
        spans[f"post/minister-{i}"] = st.add(f"As Minister for Matter {i}, ")
        spans[f"membership/{people[0]}/minister-{i}"] = spans[f"post/minister-{i}"]
        for k in range(events_per_statement):
            st.add("We recall ")
            spans[f"event/e-{i}-{k}"] = st.add(f"the incident {i}-{k} in week {k}")
            st.add(". ")
        spans[f"event/review-{i}"] = st.add(f"I have commissioned a review of incident {max(i - 1, 0)}-0")
        st.add(".\n")
        text = st.text
        iri = ID[f"statement/{st.stem}"]
        g = ds.graph(ID[f"graph/statement/{st.stem}"])
        g.add((iri, RDF.type, SKG.Statement))
        g.add((iri, RDFS.label, Literal(text[title[0] : title[1]])))
        g.add((iri, DCTERMS.title, Literal(text[title[0] : title[1]])))
        g.add((iri, SKG.statementKind, Literal("written statement")))
        g.add((iri, SKG.sourceFormat, Literal("front-matter")))
        g.add((iri, DCTERMS.date, _date(st.date)))
        g.add((iri, SEM.hasEarliestBeginTimeStamp, _date(st.date)))
        g.add((iri, SEM.hasLatestBeginTimeStamp, _date(st.date)))
        g.add((iri, SKG.edtf, Literal(st.date.isoformat(), datatype=EDTF)))
        g.add((iri, SKG.speaker, ID[f"person/{people[0]}"]))
        g.add((iri, SKG.text, Literal(text)))
        _evidence(ds, st, iri, title)
        for k, key in enumerate(people):
            node = ID[f"person/{key}"]
            home = entities if k < 2 else g
            name = text[spans[f"person/{key}"][0] : spans[f"person/{key}"][1]]
            home.add((node, RDF.type, SCHEMA.Person))
            home.set((node, SCHEMA.name, Literal(name)))
            home.set((node, RDFS.label, Literal(name)))
            _evidence(ds, st, node, spans[f"person/{key}"])
        for k in range(2):
            node = ID[f"organisation/org-{i}-{k}"]
            g.add((node, RDF.type, ORG.Organization))
            g.add((node, RDFS.label, Literal(f"Agency {i}-{k}")))
            g.add((node, SKG.organisationKind, Literal("agency")))
            _evidence(ds, st, node, spans[f"organisation/org-{i}-{k}"])
        post = ID[f"post/minister-{i}"]
        g.add((post, RDF.type, ORG.Post))
        g.add((post, RDF.type, ORG.Role))
        g.add((post, RDFS.label, Literal(f"Minister for Matter {i}")))
        g.add((post, ORG.postIn, ID[f"organisation/org-{i}-0"]))
        _evidence(ds, st, post, spans[f"post/minister-{i}"])
        ms = ID[f"membership/{people[0]}/minister-{i}"]
        g.add((ms, RDF.type, ORG.Membership))
        g.add((ms, RDFS.label, Literal(f"{people[0]} as Minister for Matter {i}")))
        g.add((ms, ORG.member, ID[f"person/{people[0]}"]))
        g.add((ms, ORG.role, post))
        g.add((ms, ORG.organization, ID[f"organisation/org-{i}-0"]))
        g.add((ms, SKG.heldOn, _date(st.date)))
        _evidence(ds, st, ms, spans[f"membership/{people[0]}/minister-{i}"])
        for k in range(events_per_statement):
            node = ID[f"event/e-{i}-{k}"]
            begin = st.date - dt.timedelta(days=30 + 7 * k)
            g.add((node, RDF.type, SKG.Attack if k % 2 else SKG.Referral))
            g.add((node, RDFS.label, Literal(f"Incident {i}-{k}")))
            g.add((node, SEM.hasEarliestBeginTimeStamp, _date(begin)))
            g.add((node, SEM.hasLatestBeginTimeStamp, _date(begin + dt.timedelta(days=6))))
            g.add((node, SKG.edtf, Literal(f"{begin.isoformat()}/{(begin + dt.timedelta(days=6)).isoformat()}",
                                           datatype=EDTF)))
            g.add((node, SKG.timeExpression, Literal(f"in week {k}")))
            g.add((node, SKG.timeAnchor, iri))
            g.add((node, SKG.perpetrator, ID[f"person/{people[2]}"]))
            g.add((node, SKG.victim, ID[f"person/{people[3]}"]))
            _evidence(ds, st, node, spans[f"event/e-{i}-{k}"])
        review = ID[f"event/review-{i}"]
        g.add((review, RDF.type, SKG.Review))
        g.add((review, RDFS.label, Literal(f"Review of incident {max(i - 1, 0)}-0")))
        g.add((review, SEM.hasEarliestBeginTimeStamp, _date(st.date)))
        g.add((review, SEM.hasLatestBeginTimeStamp, _date(st.date)))
        g.add((review, SKG.reviews, ID[f"event/e-{max(i - 1, 0)}-0"]))
        g.add((review, SKG.commissionedBy, ID[f"person/{people[0]}"]))
        _evidence(ds, st, review, spans[f"event/review-{i}"])
    return ds


# ---------------------------------------------------------------- loading


def test_shapes_and_ontology_load() -> None:
    assert len(load_shapes()) > 300
    assert (SKG.Review, RDFS.subClassOf, SEM.Event) in load_ontology()


def test_broken_shapes_file_is_an_ontology_error(tmp_path: Path) -> None:
    bad = tmp_path / "shapes.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path [ .\n", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"shapes\.ttl: cannot parse SHACL shapes"):
        load_shapes(bad)
    with pytest.raises(OntologyError, match="not found"):
        load_shapes(tmp_path / "missing.ttl")


def test_unusable_shapes_are_an_ontology_error() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetNode ex:x ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?v { 1 } $this ?p ?v }" ] .
    """, format="turtle")
    with pytest.raises(OntologyError, match="cannot be used"):
        validate(Graph(), shapes=shapes)


# ---------------------------------------------------------------- validating


def test_empty_dataset_conforms_with_no_results() -> None:
    # the ontology is added to the data graph: it must not trip any shape on its own
    report = validate(Dataset())
    assert report.conforms
    assert report.results == ()
    assert str(report.counts) == "0 violations, 0 warnings, 0 info"


def test_generated_corpus_conforms() -> None:
    report = validate(synthetic_dataset(3))
    assert report.conforms, report.to_text()
    assert report.results == ()


def test_named_graphs_are_validated_as_one_union() -> None:
    # the event lives in the entities graph, its evidence in a statement graph: valid only together
    ds = synthetic_dataset(2)
    event = ID["event/e-1-3"]
    home = ds.graph(ID["graph/statement/s0001"])
    moved = list(home.triples((event, None, None)))
    for s, p, o in moved:
        if p != SKG.evidence:
            home.remove((s, p, o))
            ds.graph(ID["graph/entities"]).add((s, p, o))
    report = validate(ds)
    assert report.conforms, report.to_text()


def test_plain_graph_input_is_accepted() -> None:
    ds = synthetic_dataset(1)
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    assert validate(g).conforms


def _broken_quote_dataset() -> Dataset:
    ds = synthetic_dataset(2)
    g = ds.graph(ID["graph/statement/s0001"])
    quote = next(q for q in g.subjects(RDF.type, OA.TextQuoteSelector) if "incident 1-2" in str(g.value(q, OA.exact)))
    g.set((quote, OA.exact, Literal("the incident that never was")))
    return ds


def test_results_name_statement_quote_and_constraint() -> None:
    report = validate(_broken_quote_dataset())
    assert not report.conforms
    (result,) = [r for r in report.results if r.constraint == SKGSH + "Annotation-quoteInText"]
    assert result.severity is Severity.VIOLATION
    assert result.statement == str(ID["statement/s0001"])
    assert result.statement_stem == "s0001"
    assert result.quote == "the incident that never was"
    assert result.focus.startswith(str(ID["annotation/s0001/"]))
    assert result.shape == SKGSH + "AnnotationShape"
    assert result.component == str(SH.SPARQLConstraintComponent)
    assert "does not occur in the text" in result.message


def test_results_of_an_event_point_to_its_evidence() -> None:
    ds = synthetic_dataset(2)
    event = ID["event/e-1-1"]
    g = ds.graph(ID["graph/statement/s0001"])
    g.remove((event, RDFS.label, None))
    report = validate(ds)
    (result,) = report.results
    assert result.constraint == SKGSH + "Event-label"
    assert result.path == str(RDFS.label)
    assert result.statement == str(ID["statement/s0001"])
    assert result.quote == "the incident 1-1 in week 1"
    assert result.focus == str(event)


def test_to_text_names_statement_and_quote() -> None:
    text = validate(_broken_quote_dataset()).to_text()
    block = next(b for b in text.split("\n\n") if "Annotation-quoteInText" in b)
    assert block.splitlines()[0] == "violation: skgsh:Annotation-quoteInText"
    assert "  statement: s0001" in block
    assert "  quote: “the incident that never was”" in block
    assert "  message: quote the incident that never was does not occur" in block
    assert "  focus: https://w3id.org/statementkg/id/annotation/s0001/" in block
    assert text.rstrip().endswith("does not conform: 1 violation, 0 warnings, 0 info")


def test_warnings_do_not_break_conformance() -> None:
    ds = synthetic_dataset(2)
    person = ID["person/person-1-2"]
    g = ds.graph(ID["graph/statement/s0001"])
    g.remove((person, SKG.evidence, None))
    report = validate(ds)
    assert report.conforms
    assert report.counts.warning == 1
    assert report.counts[Severity.WARNING] == 1
    assert [r.constraint for r in report.by_severity(Severity.WARNING)] == [SKGSH + "Person-evidence"]


def test_results_are_sorted_and_deterministic() -> None:
    ds = _broken_quote_dataset()
    g = ds.graph(ID["graph/statement/s0000"])
    g.remove((ID["person/person-0-3"], SKG.evidence, None))
    g.set((ID["event/e-0-5"], SEM.hasLatestBeginTimeStamp, _date(dt.date(2000, 1, 1))))
    first, second = validate(ds), validate(ds)
    assert first == second
    assert list(first.results) == sorted(first.results, key=ValidationResult.sort_key)
    assert [r.severity for r in first.results][-1] is Severity.WARNING
    assert first.to_text() == second.to_text()
    assert first.to_turtle() == second.to_turtle()


def test_to_turtle_is_a_shacl_report() -> None:
    report = validate(_broken_quote_dataset())
    g = Graph().parse(data=report.to_turtle(), format="turtle")
    (node,) = g.subjects(RDF.type, SH.ValidationReport)
    assert g.value(node, SH.conforms) == Literal(False)
    results = list(g.objects(node, SH.result))
    assert len(results) == len(report.results) == 1
    assert g.value(results[0], SH.sourceConstraint) == URIRef(SKGSH + "Annotation-quoteInText")
    assert g.value(results[0], SH.resultSeverity) == SH.Violation
    assert g.value(results[0], SH.value) == Literal("the incident that never was")


def test_turtle_keeps_the_datatype_of_values() -> None:
    ds = synthetic_dataset(1)
    g = ds.graph(ID["graph/statement/s0000"])
    wrong = Literal("2019-11-01T00:00:00", datatype=XSD_DATETIME)
    g.set((ID["event/e-0-0"], SEM.hasEarliestBeginTimeStamp, wrong))
    report = validate(ds)
    assert SKGSH + "Event-earliestBegin" in {r.constraint for r in report.results}
    rg = Graph().parse(data=report.to_turtle(), format="turtle")
    assert wrong in set(rg.objects(None, SH.value))
    assert isomorphic(rg, Graph().parse(data=report.to_turtle(), format="turtle"))


def test_report_of_nothing_is_empty_and_conforming() -> None:
    report = ValidationReport(conforms=True, results=())
    assert report.to_text() == "conforms: 0 violations, 0 warnings, 0 info\n"
    g = Graph().parse(data=report.to_turtle(), format="turtle")
    assert len(list(g.subjects(RDF.type, SH.ValidationReport))) == 1


# ---------------------------------------------------------------- speed


def _timed(n: int) -> tuple[float, int]:
    ds = synthetic_dataset(n)
    validate(synthetic_dataset(1))  # warm the per-process query cache, as a second build would be
    start = time.perf_counter()
    report = validate(ds)
    elapsed = time.perf_counter() - start
    assert report.conforms, report.to_text()
    return elapsed, len(ds)


def test_validating_five_statements_is_quick() -> None:
    elapsed, quads = _timed(5)
    assert 1500 < quads < 3000
    assert elapsed < 15, f"validate() took {elapsed:.1f}s on {quads} quads"


@pytest.mark.slow
def test_validating_a_hundred_statements_scales_linearly() -> None:
    small, _ = _timed(10)
    large, quads = _timed(100)
    assert quads > 30000
    # linear would be 10x; allow noise, but catch a quadratic query (100x)
    assert large < 25 * small + 5, f"10 statements {small:.1f}s, 100 statements {large:.1f}s"
