"""The ontology and the SHACL shapes: they parse, agree with each other, and judge the fixtures right.

Fixtures live in tests/data/shapes/: every ``valid/*.trig`` must conform with no result at all;
every ``invalid/*.trig`` names in its leading comment lines the constraint(s) it breaks
(``# breaks: skgsh:Name``), any result that follows from that on purpose (``# also: ...``) and,
when it is not a violation, the severity (``# severity: warning``). The test asserts that exactly
those constraints fire.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from statementkg.namespaces import ORG, SEM, SH, SKG
from statementkg.resources import resource_dir
from statementkg.validate import SKGSH, Severity, load_ontology, load_shapes, validate

DATA = Path(__file__).parent / "data" / "shapes"
ONTOLOGY_DIR = resource_dir("ontology")
VALID = sorted((DATA / "valid").glob("*.trig"))
INVALID = sorted((DATA / "invalid").glob("*.trig"))


@dataclass(frozen=True)
class Expectation:
    breaks: frozenset[str]
    also: frozenset[str]
    severity: Severity


def _iri(name: str) -> str:
    return SKGSH + name[len("skgsh:") :] if name.startswith("skgsh:") else name


def read_expectation(path: Path) -> Expectation:
    """The ``# breaks:`` / ``# also:`` / ``# severity:`` lines at the top of a fixture."""
    breaks: set[str] = set()
    also: set[str] = set()
    severity = Severity.VIOLATION
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        if key.strip() == "breaks":
            breaks.add(_iri(value.strip()))
        elif key.strip() == "also":
            also.add(_iri(value.strip()))
        elif key.strip() == "severity":
            severity = Severity(value.strip())
    return Expectation(frozenset(breaks), frozenset(also), severity)


def _load(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="trig")
    return ds


# ---------------------------------------------------------------- fixtures


def test_there_are_fixtures_of_both_kinds() -> None:
    assert len(VALID) >= 5
    assert len(INVALID) >= 20


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_conforms_without_results(path: Path) -> None:
    report = validate(_load(path))
    assert report.conforms, report.to_text()
    assert report.results == (), report.to_text()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_breaks_exactly_what_it_names(path: Path) -> None:
    expected = read_expectation(path)
    assert expected.breaks, f"{path.name}: the first lines must say '# breaks: <constraint>'"
    report = validate(_load(path))
    fired = {r.constraint for r in report.results}
    for constraint in expected.breaks:
        severities = {r.severity for r in report.results if r.constraint == constraint}
        assert severities == {expected.severity}, f"{constraint} gave {severities}:\n{report.to_text()}"
    assert fired == expected.breaks | expected.also, report.to_text()
    assert report.conforms == (expected.severity is not Severity.VIOLATION)


def test_every_named_constraint_exists_in_the_shapes() -> None:
    shapes = load_shapes()
    named = {URIRef(c) for p in INVALID for c in read_expectation(p).breaks | read_expectation(p).also}
    missing = {c for c in named if (c, None, None) not in shapes}
    assert not missing


def test_fixtures_cover_the_required_cases() -> None:
    covered = {c for p in INVALID for c in read_expectation(p).breaks}
    required = [
        "Event-beginWindow", "Annotation-quoteInText", "Annotation-quoteAtPosition", "Event-label",
        "Event-earliestBegin", "Person-name", "ResponseOrder-certain", "ResponseOrder-possible",
        "AnnouncedAppointment-certain", "AnnouncedAppointment-possible", "PublicationOrder-certain",
        "PublicationOrder-possible", "ReportedPast-certain", "ReportedPast-possible",
    ]
    assert {SKGSH + r for r in required} <= covered
    names = {p.stem for p in VALID}
    assert {"temporal-response-order", "temporal-announced-appointment", "temporal-publication-order",
            "temporal-reported-past"} <= names


def test_report_text_names_statement_and_quote() -> None:
    report = validate(_load(DATA / "invalid" / "quote-not-in-text.trig"))
    (result,) = report.results
    assert result.statement_stem == "d1"
    assert result.quote == "a savage attack"
    text = report.to_text()
    assert "violation: skgsh:Annotation-quoteInText" in text
    assert "  statement: d1" in text
    assert "  quote: “a savage attack”" in text


def test_temporal_result_names_the_statement_in_question() -> None:
    report = validate(_load(DATA / "invalid" / "temporal-reported-possibly-before-it-happened.trig"))
    (result,) = report.results
    assert result.statement_stem == "d1"  # the earlier statement, the one that may have it wrong
    assert result.quote == "a review of the attack"
    assert result.value == "https://w3id.org/statementkg/id/statement/d1"


# ---------------------------------------------------------------- ontology and shapes agree


def _skg_terms_in(graph: Graph) -> set[URIRef]:
    terms: set[URIRef] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and term.startswith(str(SKG)):
                terms.add(term)
    return terms


def _skg_terms_in_text(text: str) -> set[URIRef]:
    return {SKG[name] for name in re.findall(r"(?<![\w/#])skg:([A-Za-z][\w]*)", text)}


def test_ontology_and_shapes_parse() -> None:
    ontology = load_ontology()
    shapes = load_shapes()
    assert (URIRef("https://w3id.org/statementkg/ontology"), RDF.type, OWL.Ontology) in ontology
    assert ontology.value(URIRef("https://w3id.org/statementkg/ontology"), OWL.versionInfo) is not None
    assert any(shapes.subjects(RDF.type, SH.NodeShape))


def test_every_skg_term_in_the_shapes_is_declared() -> None:
    ontology = load_ontology()
    shapes = load_shapes()
    used = _skg_terms_in(shapes)
    for query in shapes.objects(None, SH.select):
        used |= _skg_terms_in_text(str(query))
    undeclared = {t for t in used if (t, RDF.type, None) not in ontology}
    assert not undeclared, sorted(undeclared)


def test_every_skg_term_in_the_graph_shape_documentation_is_declared() -> None:
    readme = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    used = _skg_terms_in_text(readme) - {SKG[""]}
    ontology = load_ontology()
    undeclared = {t for t in used if (t, RDF.type, None) not in ontology}
    assert not undeclared, sorted(undeclared)


def test_every_local_term_has_a_label_and_a_comment() -> None:
    ontology = load_ontology()
    declared = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(SKG))}
    assert len(declared) > 60
    for term in declared:
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_class_and_property_hierarchy() -> None:
    o = load_ontology()

    def sub_of(child: URIRef, parent: URIRef) -> bool:
        return parent in set(o.transitive_objects(child, RDFS.subClassOf))

    for name in ("Statement", "Attack", "Referral", "Assessment", "Review", "Inquiry", "LearningReview",
                 "Appointment", "Announcement", "Publication", "Launch", "Legislation", "LegalProceeding",
                 "Arrest", "Charge", "Trial", "Conviction", "Sentencing", "Release", "Meeting", "Visit"):
        assert sub_of(SKG[name], SEM.Event), name
    for name in ("Inquiry", "LearningReview"):
        assert (SKG[name], RDFS.subClassOf, SKG.Review) in o
    for name in ("Arrest", "Charge", "Trial", "Conviction", "Sentencing", "Release"):
        assert (SKG[name], RDFS.subClassOf, SKG.LegalProceeding) in o
    assert (SKG.Programme, RDFS.subClassOf, ORG.Organization) in o
    for name in ("subject", "referredTo", "referredBy", "assessedBy", "commissionedBy", "conductedBy",
                 "chairedBy", "appointee", "appointedBy", "publishedBy", "perpetrator", "victim", "agent"):
        assert (SKG[name], RDFS.subPropertyOf, SEM.hasActor) in o, name
    assert (SKG.Christmas, RDF.type, SKG.Holiday) in o
    assert (SKG.Planned, RDF.type, SKG.EventStatus) in o


def test_every_schema_class_is_an_event_class_of_the_ontology() -> None:
    # the extractor types events with the schema's class names; each must be a declared event class
    from statementkg.event_classes import ROOT, classes

    o = load_ontology()
    for name, cls in classes().items():
        if name == ROOT:
            continue
        assert SEM.Event in set(o.transitive_objects(SKG[name], RDFS.subClassOf)), name
        parent = SEM.Event if cls.parent == ROOT else SKG[str(cls.parent)]
        assert (SKG[name], RDFS.subClassOf, parent) in o, name


def test_every_holiday_of_the_time_lexicon_is_declared() -> None:
    # the anchors rdf.py writes for the holidays the time extractor knows must all be declared
    from statementkg.rdf import holiday_iri
    from statementkg.resources import load_lexicon

    o = load_ontology()
    holidays = load_lexicon("time.yaml")["holidays"]
    assert holidays
    for spec in holidays:
        iri = holiday_iri(spec["names"][0])
        assert (iri, RDF.type, SKG.Holiday) in o, f"declare {iri} (for {spec['names'][0]!r}) in statementkg.ttl"
    declared = set(o.subjects(RDF.type, SKG.Holiday))
    assert declared == {holiday_iri(spec["names"][0]) for spec in holidays}


def test_every_shape_and_constraint_has_a_stable_iri_severity_and_message() -> None:
    shapes = load_shapes()
    property_shapes = set(shapes.objects(None, SH.property))
    constraints = set(shapes.objects(None, SH.sparql))
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    for node in property_shapes | constraints | node_shapes:
        assert isinstance(node, URIRef) and node.startswith(SKGSH), node
    for node in property_shapes | constraints:
        assert shapes.value(node, SH.message) is not None, node
    for node in property_shapes:
        assert shapes.value(node, SH.severity) in (SH.Violation, SH.Warning, SH.Info), node
    for shape in shapes.subjects(SH.sparql, None):
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape


def test_every_shape_has_a_comment_saying_why_its_severity() -> None:
    # each property shape / SPARQL-constrained shape is preceded (within its group) by a comment
    # naming its severity: keeps the choice deliberate when shapes are added
    text = (ONTOLOGY_DIR / "shapes.ttl").read_text(encoding="utf-8")
    blocks = re.split(r"\n\n+", text)
    last_reason = ""
    for block in blocks:
        comments = " ".join(line for line in block.splitlines() if line.startswith("#"))
        if re.search(r"\b(Violation|Warning|Info)\b", comments):
            last_reason = comments
        if re.search(r"sh:severity sh:(Violation|Warning|Info)", block):
            assert last_reason, f"no comment explains the severity of:\n{block[:200]}"


# ---------------------------------------------------------------- pinned imports


def test_imports_are_pinned_locally() -> None:
    ontology = load_ontology()
    imports = set(ontology.objects(URIRef("https://w3id.org/statementkg/ontology"), OWL.imports))
    assert len(imports) == 6
    catalog = ET.parse(ONTOLOGY_DIR / "imports" / "catalog-v001.xml").getroot()
    mapping = {el.attrib["name"]: el.attrib["uri"] for el in catalog if el.tag.endswith("uri")}
    for iri in imports:
        path = ONTOLOGY_DIR / "imports" / mapping[str(iri)]
        g = Graph().parse(path, format="turtle")
        assert (iri, RDF.type, OWL.Ontology) in g, f"{path.name} does not declare {iri}"
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("#"), f"{path.name} must say where it comes from"


def test_imported_copies_declare_every_external_term_the_build_emits() -> None:
    merged = Graph()
    for path in (ONTOLOGY_DIR / "imports").glob("*.ttl"):
        merged.parse(path, format="turtle")
    readme = (ONTOLOGY_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Node shapes", 1)[1]
    prefixes = {"sem": str(SEM), "org": str(ORG), "oa": "http://www.w3.org/ns/oa#",
                "schema": "https://schema.org/", "time": "http://www.w3.org/2006/time#",
                "prov": "http://www.w3.org/ns/prov#"}
    missing = []
    for prefix, ns in prefixes.items():
        for name in set(re.findall(rf"(?<![\w/#]){prefix}:([A-Za-z]\w*)", section)):
            if (URIRef(ns + name), RDF.type, None) not in merged:
                missing.append(f"{prefix}:{name}")
    assert not missing, sorted(missing)
