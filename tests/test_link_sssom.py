"""SSSOM tables: the format round-trips, decisions survive reruns, build --links puts accepted rows in the graph."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, SKOS, XSD

from statementkg.errors import InputError
from statementkg.link.decisions import ACCEPT, Candidate, Proposal, decide, merge, review
from statementkg.link.graph import SSSOM
from statementkg.link.sssom import (
    NO_TERM_FOUND,
    Decision,
    Justification,
    MappingRow,
    MappingTable,
    load_table,
    parse_table,
    save_table,
    write_table,
)
from statementkg.pipeline import build
from statementkg.rdf import GRAPH_LINKS

DATA = Path(__file__).parent / "data"
TABLES = DATA / "link" / "tables"
CORPUS = Path(__file__).parent.parent / "data" / "statements"
DAY = dt.date(2025, 5, 1)


def _row(subject: str, obj: str, decision: Decision, **kw: object) -> MappingRow:
    return MappingRow(subject_id=subject, object_id=obj, decision=decision, mapping_date=DAY, **kw)  # type: ignore[arg-type]


def _table() -> MappingTable:
    return MappingTable(
        source="wikidata",
        rows=(
            _row("skgid:person/b", "wd:Q2", Decision.QUEUED, confidence=0.7, comment="tab\there"),
            _row("skgid:person/a", "wd:Q1", Decision.ACCEPTED, confidence=0.95, subject_label="A",
                 justification=Justification.LOGICAL),
            _row("skgid:person/b", "wd:Q3", Decision.REJECTED, justification=Justification.MANUAL, reviewer_id="x"),
            _row("skgid:person/c", NO_TERM_FOUND, Decision.UNMATCHED),
        ),
    )


def test_table_round_trips_and_is_sorted() -> None:
    text = write_table(_table())
    assert text.startswith("# curie_map:\n")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    assert lines[0].split("\t")[:3] == ["record_id", "subject_id", "subject_label"]
    assert [ln.split("\t")[1] for ln in lines[1:]] == ["skgid:person/a", "skgid:person/b", "skgid:person/b",
                                                      "skgid:person/c"]
    parsed = parse_table(text, source="wikidata")
    assert write_table(parsed) == text
    rejected = next(r for r in parsed.rows if r.decision is Decision.REJECTED)
    assert rejected.predicate_modifier == "Not"
    assert "\t" not in next(r for r in parsed.rows if r.object_id == "wd:Q2").comment


def test_a_table_without_the_decision_column_reads_as_plain_sssom() -> None:
    text = (
        "# curie_map:\n#   wd: http://www.wikidata.org/entity/\n"
        "subject_id\tpredicate_id\tpredicate_modifier\tobject_id\tmapping_justification\tmapping_date\n"
        "skgid:person/a\tskos:exactMatch\t\twd:Q1\tsemapv:ManualMappingCuration\t2025-01-02\n"
        "skgid:person/b\tskos:exactMatch\tNot\twd:Q2\tsemapv:ManualMappingCuration\t2025-01-02\n"
    )
    t = parse_table(text)
    assert [r.decision for r in t.rows] == [Decision.ACCEPTED, Decision.REJECTED]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("skgid:a\towl:sameAs\t\twd:Q1\tsemapv:LexicalMatching\t2025-01-02", "skos:exactMatch"),
        ("skgid:a\tskos:exactMatch\t\twd:Q1\tsemapv:Guessing\t2025-01-02", "mapping_justification"),
        ("skgid:a\tskos:exactMatch\t\twd:Q1\tsemapv:LexicalMatching\tyesterday", "mapping_date"),
    ],
)
def test_bad_rows_name_the_line(line: str, message: str) -> None:
    text = "subject_id\tpredicate_id\tpredicate_modifier\tobject_id\tmapping_justification\tmapping_date\n" + line
    with pytest.raises(InputError, match=message) as info:
        parse_table(text, where="t.tsv")
    assert "t.tsv:2" in str(info.value)


def _cand(obj: str, score: float, **kw: object) -> Candidate:
    return Candidate(object_id=obj, label=obj, score=score, lexical=0.6, **kw)  # type: ignore[arg-type]


def test_decide_accepts_clear_winners_queues_close_calls_and_records_no_match() -> None:
    p = Proposal("skgid:person/a", "A", (_cand("wd:Q1", 0.95), _cand("wd:Q2", 0.6)), DAY)
    assert [r.decision for r in decide(p, set())] == [Decision.ACCEPTED]
    close = Proposal("skgid:person/a", "A", (_cand("wd:Q1", 0.95), _cand("wd:Q2", 0.9)), DAY)
    assert [r.decision for r in decide(close, set())] == [Decision.QUEUED, Decision.QUEUED]
    conflict = Proposal("skgid:person/a", "A", (_cand("wd:Q1", 0.95, conflicts=("date",)),), DAY)
    assert [r.decision for r in decide(conflict, set())] == [Decision.QUEUED]
    low = Proposal("skgid:person/a", "A", (_cand("wd:Q1", 0.3),), DAY)
    assert [(r.decision, r.object_id) for r in decide(low, set())] == [(Decision.UNMATCHED, NO_TERM_FOUND)]
    strong = Proposal("skgid:person/a", "A", (_cand("wd:Q1", 0.6, strong_id="P10428=1"), _cand("wd:Q2", 0.6)), DAY)
    accepted = decide(strong, set())
    assert [(r.decision, r.confidence) for r in accepted] == [(Decision.ACCEPTED, 1.0)]
    assert ACCEPT > 0.8


def test_rerun_keeps_decisions_and_never_reproposes_a_rejected_candidate() -> None:
    table = merge(MappingTable("wikidata"), [Proposal("skgid:person/b", "B", (_cand("wd:Q2", 0.9),
                                                                                _cand("wd:Q3", 0.88)), DAY)])
    assert {r.decision for r in table.rows} == {Decision.QUEUED}
    q3 = next(r for r in table.rows if r.object_id == "wd:Q3")
    table = review(table, q3.id, Decision.REJECTED, DAY, "tester")
    rerun = merge(table, [Proposal("skgid:person/b", "B", (_cand("wd:Q2", 0.9), _cand("wd:Q3", 0.88)), DAY)])
    by_obj = {r.object_id: r for r in rerun.rows}
    assert by_obj["wd:Q3"].decision is Decision.REJECTED and by_obj["wd:Q3"].justification is Justification.MANUAL
    # with the runner-up rejected, the remaining candidate is clear
    assert by_obj["wd:Q2"].decision is Decision.ACCEPTED
    assert write_table(merge(rerun, [])) == write_table(rerun)


def test_accepting_one_candidate_rejects_the_others() -> None:
    table = merge(MappingTable("wikidata"), [Proposal("skgid:person/b", "B", (_cand("wd:Q2", 0.9),
                                                                                _cand("wd:Q3", 0.88)), DAY)])
    q3 = next(r for r in table.rows if r.object_id == "wd:Q3")
    done = review(table, q3.id, Decision.ACCEPTED, DAY, "tester")
    assert {r.object_id: r.decision for r in done.rows} == {"wd:Q3": Decision.ACCEPTED, "wd:Q2": Decision.REJECTED}
    with pytest.raises(InputError, match="no mapping"):
        review(done, "nope", Decision.ACCEPTED, DAY, "tester")


def test_two_namesakes_never_both_accept_one_item() -> None:
    ps = [Proposal(f"skgid:person/{k}", "John Smith", (_cand("wd:Q9", 0.95),), DAY) for k in ("a", "b")]
    table = merge(MappingTable("wikidata"), ps)
    assert [r.decision for r in table.rows] == [Decision.QUEUED, Decision.QUEUED]


def test_save_and_load(tmp_path: Path) -> None:
    save_table(tmp_path, _table())
    assert write_table(load_table(tmp_path, "wikidata")) == write_table(_table())
    assert load_table(tmp_path, "parliament").rows == ()


@pytest.mark.slow
def test_build_with_links_puts_accepted_rows_in_the_links_graph(tmp_path: Path) -> None:
    links = tmp_path / "links"
    shutil.copytree(TABLES, links)
    first = build([CORPUS], tmp_path / "a.trig", links=links)
    second = build([CORPUS], tmp_path / "b.trig", links=links)
    assert (tmp_path / "a.trig").read_bytes() == (tmp_path / "b.trig").read_bytes()
    assert not first.blocking and second.output is not None
    g = first.dataset.graph(GRAPH_LINKS)
    cooper = URIRef("https://w3id.org/statementkg/id/person/yvette-cooper")
    assert (cooper, SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q99990001")) in g
    assert (None, SKOS.closeMatch, None) in g
    # queued, rejected and unmatched rows stay out of the graph
    assert len(set(g.triples((None, SKOS.exactMatch, None)))) + len(set(g.triples((None, SKOS.closeMatch, None)))) == 2
    axiom = next(g.subjects(OWL.annotatedSource, cooper))
    assert g.value(axiom, SSSOM.mapping_date) == Literal("2025-05-01", datatype=XSD.date)
    assert g.value(axiom, SSSOM.mapping_justification) == URIRef("https://w3id.org/semapv/vocab/LogicalReasoning")
    assert (None, OWL.sameAs, None) not in first.dataset
