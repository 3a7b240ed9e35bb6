"""Corrections (curate.py): stable fact IDs, corrections that survive rebuilds, provenance, stale corrections.

Fixtures are under tests/data/corrections/: ``good/`` holds a corrections file with every kind of
correction for the bundled d05 statement, ``stale/`` files that must each fail the build, with
the line and message they must fail with in their first line (``# expect: LINE: message``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import PROV, RDFS

from statementkg import pipeline
from statementkg.cli import main
from statementkg.curate import _FIELDS, CorrectionError, curate, load_corrections
from statementkg.export import ExportFormat, serialize
from statementkg.extract import extract_statement
from statementkg.facts import FactKind, iter_facts
from statementkg.model import Statement
from statementkg.namespaces import OA, SKG
from statementkg.queries import list_queries
from statementkg.sources import load_statement, parse_statement

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "data" / "corrections"
D05 = "d05-manchester-arena-volume-3"
D05_TEXT = ROOT / "data" / "statements" / f"{D05}.txt"
APOLOGY = URIRef("https://w3id.org/statementkg/id/event/apologised-to-the-families")
RESPONSE_QUOTE = "will respond in full"


def _corpus(tmp_path: Path, corrections: Path | None, text: str | None = None) -> Path:
    """A folder with the d05 statement (``text`` instead of its own when given) and ``corrections`` beside it."""
    folder = tmp_path / "statements"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{D05}.txt").write_text(text if text is not None else D05_TEXT.read_text("utf-8"), "utf-8")
    if corrections is not None:
        shutil.copyfile(corrections, folder / f"{D05}.corrections.yaml")
    return folder


def _build(folder: Path) -> Dataset:
    statements = pipeline.read_statements([folder])
    return pipeline.build_dataset(statements)[1]


def _union(ds: Dataset) -> Graph:
    """Every graph of ``ds`` in one, for triple look-ups that cross graphs."""
    g = Graph()
    for s, p, o, _g in ds.quads((None, None, None)):
        g.add((s, p, o))
    return g


def _added_event(ds: Dataset) -> URIRef:
    found = [s for s, _p, _o, _g in ds.quads((None, SKG.origin, SKG.Added))]
    assert len(found) == 1, found
    return URIRef(found[0])


# ---------------------------------------------------------------- fact IDs


def test_fact_ids_are_stable_when_unrelated_text_changes() -> None:
    st = load_statement(D05_TEXT)
    before = {f.id: f.quote for f in iter_facts(extract_statement(st))}
    text = D05_TEXT.read_text("utf-8").replace(
        "Many hundreds more were injured.", "Many hundreds more were injured, some of them gravely."
    ).replace("This volume examines", "This third and final volume examines")
    changed = {f.id: f.quote for f in iter_facts(extract_statement(_parse(text)))}
    # every offset after the edits moved; the facts quote unchanged sentences and keep their IDs
    assert changed == before
    assert all(re.fullmatch(r"[^:]+:[a-z]+(:[a-z0-9/-]+)+", fid) for fid in before)


def _parse(text: str) -> Statement:
    return parse_statement(text.encode("utf-8"), Path(f"{D05}.txt"))


def test_every_kind_of_fact_has_an_id() -> None:
    facts = iter_facts(extract_statement(load_statement(D05_TEXT)))
    kinds = {f.kind for f in facts}
    assert {FactKind.EVENT, FactKind.DATE, FactKind.PARTICIPANT, FactKind.LINK, FactKind.PERSON,
            FactKind.ORGANISATION, FactKind.MEMBERSHIP} <= kinds
    assert len({f.id for f in facts}) == len(facts)
    assert all(f.id.startswith(f"{D05}:") for f in facts)


# ---------------------------------------------------------------- applying corrections


def test_a_correction_survives_a_rebuild(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, FIXTURES / "good" / f"{D05}.corrections.yaml")
    first, second = _build(folder), _build(folder)
    assert sorted(first.quads((None, None, None))) == sorted(second.quads((None, None, None)))
    assert isomorphic(to_isomorphic(_union(first)), to_isomorphic(_union(second)))
    for ds in (first, second):
        _added_event(ds)
        assert not list(ds.quads((APOLOGY, None, None)))


def test_a_rejected_fact_is_absent_from_every_export_and_query(tmp_path: Path) -> None:
    plain = _build(_corpus(tmp_path / "plain", None))
    assert list(plain.quads((APOLOGY, None, None)))  # the extractor finds it
    folder = _corpus(tmp_path, FIXTURES / "good" / f"{D05}.corrections.yaml")
    out = tmp_path / "graph.trig"
    result = pipeline.build([folder], out)
    assert result.output == out
    for fmt in ExportFormat:
        data = serialize(result.dataset, fmt).decode("utf-8")
        assert str(APOLOGY) not in data and "Apologised to the families" not in data, fmt
    for q in list_queries():
        rows = pipeline.query(q.name, out, dict(q.example)).rows
        seen = json.dumps([{k: str(v) for k, v in r.items()} for r in rows])
        assert str(APOLOGY) not in seen and "Apologised to the families" not in seen, q.name
    # and the rejected participant is gone: John Saunders chairs the inquiry but did not commission it
    inquiry = URIRef("https://w3id.org/statementkg/id/event/manchester-arena-inquiry")
    saunders = URIRef("https://w3id.org/statementkg/id/person/john-saunders")
    assert not list(result.dataset.quads((inquiry, SKG.commissionedBy, saunders)))
    assert list(result.dataset.quads((inquiry, SKG.chairedBy, saunders)))


def test_an_added_fact_carries_its_quote_and_correction_provenance(tmp_path: Path) -> None:
    dataset = _build(_corpus(tmp_path, FIXTURES / "good" / f"{D05}.corrections.yaml"))
    event = _added_event(dataset)
    ds = _union(dataset)
    quotes = {str(o) for ann in ds.objects(event, SKG.evidence) for t in ds.objects(ann, OA.hasTarget)
              for sel in ds.objects(t, OA.hasSelector) for o in ds.objects(sel, OA.exact)}
    assert quotes == {RESPONSE_QUOTE}
    corrections = list(ds.objects(event, SKG.correctedBy))
    assert len(corrections) == 1
    c = corrections[0]
    assert (c, SKG.operation, Literal("add")) in ds
    assert (c, SKG.correctionFile, Literal(f"{D05}.corrections.yaml")) in ds
    assert int(next(ds.objects(c, SKG.line))) == 7
    assert str(next(ds.objects(c, RDFS.comment))) == "The extractor misses the promised response."
    agent = next(ds.objects(c, PROV.wasAttributedTo))
    assert str(next(ds.objects(agent, RDFS.label))) == "Test Editor"
    # its participant, anchored by a quote, and the other corrected facts are told apart from extracted ones
    assert (event, SKG.publishedBy, URIRef("https://w3id.org/statementkg/id/organisation/home-office")) in ds
    attack = URIRef("https://w3id.org/statementkg/id/event/manchester-arena-attack")
    assert (attack, SKG.origin, SKG.Corrected) in ds
    assert (attack, SKG.perpetrator, URIRef("https://w3id.org/statementkg/id/person/hashem-abedi")) in ds
    assert (URIRef("https://w3id.org/statementkg/id/person/salman-abedi"), SKG.origin, SKG.Extracted) in ds
    sentencing = next(s for s, _p, o in ds.triples((None, RDFS.label, None))
                      if str(o) == "Sentencing of Hashem Abedi to 55 years")
    assert (sentencing, SKG.origin, SKG.Corrected) in ds


def test_saved_queries_tell_corrected_facts_from_extracted_ones(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, FIXTURES / "good" / f"{D05}.corrections.yaml")
    out = tmp_path / "graph.trig"
    pipeline.build([folder], out)
    timeline = pipeline.query("timeline", out)
    assert timeline.variables[:7] == ("event", "type", "label", "earliest", "latest", "quote", "statement")
    origins = {str(r["label"]): str(r["origin"]).rsplit("#", 1)[1] for r in timeline.rows}
    assert origins["Government response to the inquiry's recommendations"] == "Added"
    assert origins["Manchester Arena attack"] == "Corrected"
    assert origins["Manchester Arena Inquiry"] == "Corrected"
    people = pipeline.query("people", out)
    assert people.variables[:3] == ("person", "name", "role")
    assert {str(r["origin"]).rsplit("#", 1)[1] for r in people.rows} == {"Extracted"}


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "stale").glob("*.yaml")), ids=lambda p: p.stem)
def test_a_stale_correction_fails_the_build_with_file_and_line(tmp_path: Path, fixture: Path) -> None:
    expect = re.match(r"# expect: (\d+): (.*)", fixture.read_text("utf-8").splitlines()[0])
    assert expect, f"{fixture} must start with '# expect: LINE: message'"
    folder = _corpus(tmp_path, fixture)
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "g.trig")])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: {folder / (D05 + '.corrections.yaml')}:{expect.group(1)}: "), lines[0]
    assert expect.group(2) in lines[0]
    assert not (tmp_path / "g.trig").exists()


def test_corrections_still_apply_when_the_statement_changes_elsewhere(tmp_path: Path) -> None:
    text = D05_TEXT.read_text("utf-8")
    edited = text.replace("Many hundreds more were injured.",
                          "Many hundreds more were injured. The families have shown great courage.")
    edited = edited.replace("This volume examines", "This third volume examines")
    assert edited != text
    dataset = _build(_corpus(tmp_path, FIXTURES / "good" / f"{D05}.corrections.yaml", edited))
    assert not list(dataset.quads((APOLOGY, None, None)))
    _added_event(dataset)
    ds = _union(dataset)
    attack = URIRef("https://w3id.org/statementkg/id/event/manchester-arena-attack")
    assert (attack, SKG.perpetrator, URIRef("https://w3id.org/statementkg/id/person/hashem-abedi")) in ds


def test_merge_and_split_across_statements(tmp_path: Path) -> None:
    """A merge joins events of two statements the resolver keeps apart; a split undoes a merge."""
    folder = tmp_path / "statements"
    folder.mkdir()
    for stem in ("d01-southport-next-steps-prevent", "d03-southport-inquiry"):
        shutil.copyfile(ROOT / "data" / "statements" / f"{stem}.txt", folder / f"{stem}.txt")
    exs = [extract_statement(load_statement(p)) for p in sorted(folder.glob("*.txt"))]
    facts = {f.id: f for ex in exs for f in iter_facts(ex)}
    review_d01 = next(f.id for f in facts.values() if f.label == "Thorough review of the Prevent history")
    attack_d03 = next(f.id for f in facts.values() if f.type == "Attack" and f.id.startswith("d03")
                      and f.phrase == "On 29 July 2024")
    (folder / "d03-southport-inquiry.corrections.yaml").write_text(
        f"corrections:\n  - op: split\n    fact: {attack_d03.split(':', 1)[1]}\n", "utf-8")
    corpus, _ds = pipeline.build_dataset(pipeline.read_statements([folder]))
    split_span = facts[attack_d03].span
    alone = [e for e in corpus.events.values() if any(m.span == split_span for m in e.mentions)]
    assert len(alone) == 1 and [m.stem for m in alone[0].mentions] == ["d03-southport-inquiry"]
    assert alone[0].origin.value == "Corrected"
    plain, _ds = pipeline.build_dataset(pipeline.read_statements([folder]), corrections=False)
    together = [e for e in plain.events.values() if any(m.span == split_span for m in e.mentions)]
    assert len({m.stem for m in together[0].mentions}) == 2  # the resolver merges it with d01's attack
    (folder / "d03-southport-inquiry.corrections.yaml").write_text(
        "corrections:\n  - op: merge\n    facts:\n"
        f"      - {next(f.id for f in facts.values() if f.label == 'Review of the Prevent history')}\n"
        f"      - {review_d01}\n", "utf-8")
    corpus, _ds = pipeline.build_dataset(pipeline.read_statements([folder]))
    merged = [e for e in corpus.events.values() if "Prevent history" in e.label]
    assert len(merged) == 1 and {m.stem for m in merged[0].mentions} == {
        "d01-southport-next-steps-prevent", "d03-southport-inquiry"}
    assert merged[0].corrections


def test_curate_collects_every_problem_when_not_strict(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, FIXTURES / "stale" / "unknown-fact.yaml")
    ex = extract_statement(load_statement(folder / f"{D05}.txt"))
    cs = {D05: load_corrections(folder / f"{D05}.corrections.yaml", D05)}
    with pytest.raises(CorrectionError):
        curate([ex], cs)
    curated = curate([ex], cs, strict=False)
    assert len(curated.problems) == 1 and curated.extractions[0].events == ex.events


# ---------------------------------------------------------------- review command and schema


def test_review_lists_facts_with_ids_statuses_and_flags(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, FIXTURES / "good" / f"{D05}.corrections.yaml")
    result = CliRunner().invoke(main, ["review", str(folder / f"{D05}.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by_id = {f["id"]: f for f in data["facts"]}
    assert by_id[f"{D05}:event:apology:3a5b4f"]["status"] == "rejected"
    added = [f for f in data["facts"] if f["status"] == "added" and f["kind"] == "event"]
    assert [f["quote"] for f in added] == [RESPONSE_QUOTE]
    assert added[0]["earliest"] == "2023-03-06"
    assert by_id[f"{D05}:event:attack:a2deca"]["status"] == "corrected"
    assert any("bare class label" in f["flags"] for f in data["facts"])
    table = CliRunner().invoke(main, ["review", str(folder / f"{D05}.txt"), "--no-shacl"])
    assert table.exit_code == 0 and "event:attack:a2deca" in table.stdout


def test_review_stale_lists_corrections_that_no_longer_apply(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, FIXTURES / "stale" / "contradiction.yaml")
    result = CliRunner().invoke(main, ["review", str(folder / f"{D05}.txt"), "--stale"])
    assert result.exit_code == 1
    assert f"{D05}.corrections.yaml:5: contradicts" in result.stdout
    good = _corpus(tmp_path / "good", FIXTURES / "good" / f"{D05}.corrections.yaml")
    assert CliRunner().invoke(main, ["review", str(good / f"{D05}.txt"), "--stale"]).exit_code == 0


def test_build_can_ignore_corrections(tmp_path: Path) -> None:
    folder = _corpus(tmp_path, FIXTURES / "stale" / "unknown-fact.yaml")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "g.trig"), "--no-corrections"])
    assert result.exit_code == 0, result.output


def test_the_json_schema_matches_the_loader() -> None:
    schema = json.loads((ROOT / "schema" / "corrections.schema.json").read_text("utf-8"))
    ops = {}
    for branch in schema["$defs"]["correction"]["oneOf"]:
        props = branch["properties"]
        ops[props["op"]["const"]] = (set(branch["required"]), set(props) - {"op", "note", "author"})
    assert set(ops) == set(_FIELDS)
    for op, (required, optional) in _FIELDS.items():
        assert ops[op][0] == required, op
        assert ops[op][1] == required | optional, op


def test_the_bundled_corrections_apply_and_fix_the_bundled_corpus() -> None:
    statements = pipeline.read_statements([ROOT / "data" / "statements"])
    corpus, _ds = pipeline.build_dataset(statements)
    inquiry = corpus.events["manchester-arena-inquiry"]
    assert ("commissionedBy", "john-saunders") not in {(r.value, p) for r, p in inquiry.participants}
    assert ("perpetrator", "hashem-abedi") in {(r.value, p) for r, p in corpus.events["manchester-arena-attack"]
                                               .participants}
    assert any(e.origin.value == "Added" for e in corpus.events.values())
