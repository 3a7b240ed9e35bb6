"""Building the bundled corpus: resolution across statements, the RDF dataset, determinism, golden graph."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from statementkg.export import ExportFormat, load_dataset, serialize, union_graph
from statementkg.model import Corpus
from statementkg.namespaces import ID, OA, ORG, RDF, SCHEMA, SEM, SKG
from statementkg.pipeline import (
    IN_MEMORY_MAX_BYTES,
    MEMORY_BYTES_PER_QUAD,
    build,
    build_dataset,
    fits_in_memory,
    read_statements,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "statements"
GOLDEN = Path(__file__).parent / "data" / "golden" / "bundled.trig"


@pytest.fixture(scope="module")
def built() -> tuple[Corpus, Graph]:
    """The corpus model and the union of all named graphs of its dataset."""
    corpus, ds = build_dataset(read_statements([CORPUS]))
    return corpus, union_graph(ds)


def _events_of_type(corpus: Corpus, etype: str) -> list[str]:
    return [k for k, e in corpus.events.items() if e.type == etype]


def test_same_attack_in_two_statements_is_one_node(built: tuple[Corpus, Graph]) -> None:
    corpus, _ds = built
    southport = [e for e in corpus.events.values() if e.type == "Attack" and e.place == "Southport"]
    assert len(southport) == 1
    attack = southport[0]
    assert {m.stem for m in attack.mentions} == {"d01-southport-next-steps-prevent", "d03-southport-inquiry"}
    assert attack.bounds.earliest_begin == attack.bounds.latest_begin == dt.date(2024, 7, 29)


def test_referrals_are_dated_from_the_attack_in_another_statement(built: tuple[Corpus, Graph]) -> None:
    corpus, _ = built
    referrals = [e for e in corpus.events.values() if e.type == "Referral"]
    assert len(referrals) == 3
    for r in referrals:
        assert r.bounds.earliest_begin == dt.date(2020, 7, 29)
        assert r.bounds.latest_begin == dt.date(2021, 7, 29)


def test_statement_reference_resolves_to_the_statement(built: tuple[Corpus, Graph]) -> None:
    _corpus, ds = built
    node = ID["statement/d01-southport-next-steps-prevent"]
    sources = {
        str(ds.value(target, OA.hasSource))
        for ann in ds.objects(node, SKG.evidence)
        for target in ds.objects(ann, OA.hasTarget)
    }
    assert str(ID["statement/d03-southport-inquiry"]) in sources


def test_reviews_link_to_what_they_examine(built: tuple[Corpus, Graph]) -> None:
    corpus, _ = built
    inquiry = next(
        e
        for e in corpus.events.values()
        if e.type == "Inquiry" and len(e.mentions) > 1 and any(m.stem.startswith("d03") for m in e.mentions)
    )
    attack_types = {corpus.events[k].type for k in inquiry.responds_to}
    assert attack_types == {"Attack"}
    learning = next(e for e in corpus.events.values() if e.type == "LearningReview")
    assert {corpus.events[k].type for k in learning.reviews} == {"Referral"}


def test_people_are_one_node_each_with_honorifics(built: tuple[Corpus, Graph]) -> None:
    corpus, ds = built
    anderson = ID["person/david-anderson"]
    assert (anderson, RDF.type, SCHEMA.Person) in ds
    assert set(ds.objects(anderson, SCHEMA.honorificPrefix)) == {Literal("Lord")}
    assert "anderson" not in corpus.people, "Lord Anderson in d03 is the same person"
    memberships = list(ds.subjects(ORG.member, anderson))
    assert memberships and any((m, SKG.interim, Literal(True)) in ds for m in memberships)


def test_every_fact_quotes_its_statement(built: tuple[Corpus, Graph]) -> None:
    _, ds = built
    texts = {s: str(t) for s, t in ds.subject_objects(SKG.text)}
    checked = 0
    for ann in set(ds.subjects(RDF.type, OA.Annotation)):
        target = ds.value(ann, OA.hasTarget)
        source = ds.value(target, OA.hasSource)
        exact = pos = None
        for sel in ds.objects(target, OA.hasSelector):
            if (sel, RDF.type, OA.TextQuoteSelector) in ds:
                exact = str(ds.value(sel, OA.exact))
            else:
                pos = (int(ds.value(sel, OA.start)), int(ds.value(sel, OA.end)))  # type: ignore[arg-type]
        assert exact is not None and pos is not None
        assert texts[source][pos[0] : pos[1]] == exact
        checked += 1
    assert checked > 20


def test_events_have_one_type_and_bounds_in_order(built: tuple[Corpus, Graph]) -> None:
    _, ds = built
    for ev in set(ds.subjects(SEM.hasLatestBeginTimeStamp, None)):
        lo = ds.value(ev, SEM.hasEarliestBeginTimeStamp)
        hi = ds.value(ev, SEM.hasLatestBeginTimeStamp)
        if lo is not None and hi is not None:
            assert lo.toPython() <= hi.toPython()
        assert len(set(ds.objects(ev, RDF.type))) == 1


def test_trig_is_byte_identical_across_builds(tmp_path: Path) -> None:
    a, b = tmp_path / "a.trig", tmp_path / "b.trig"
    build([CORPUS], a)
    build([CORPUS], b)
    assert a.read_bytes() == b.read_bytes()


def test_golden_dataset_matches_as_a_graph(tmp_path: Path) -> None:
    """The bundled corpus builds to the checked-in golden TriG (compared as graphs, not bytes).

    After an intended change to extraction, regenerate with
    ``statementkg build data/statements --output tests/data/golden/bundled.trig``.
    """
    out = tmp_path / "g.trig"
    build([CORPUS], out)
    got, want = load_dataset(out), load_dataset(GOLDEN)
    for name in sorted({c.identifier for c in want.contexts()} | {c.identifier for c in got.contexts()}):
        if not isinstance(name, URIRef):
            continue
        g1, g2 = got.graph(name), want.graph(name)
        assert isomorphic(to_isomorphic(g1), to_isomorphic(g2)), f"graph {name} differs from the golden file"


def test_exports_round_trip(tmp_path: Path) -> None:
    _, ds = build_dataset(read_statements([CORPUS]))
    n = len(list(ds.quads((None, None, None, None))))
    for fmt, suffix in ((ExportFormat.NQUADS, ".nq"), (ExportFormat.JSONLD, ".jsonld"), (ExportFormat.TRIG, ".trig")):
        path = tmp_path / f"x{suffix}"
        path.write_bytes(serialize(ds, fmt))
        back = load_dataset(path)
        assert len(list(back.quads((None, None, None, None)))) == n, fmt
    ttl = serialize(ds, ExportFormat.TURTLE).decode()
    assert "@prefix skg:" in ttl and "skg:Attack" in ttl


def test_written_trig_keeps_every_statement_text_exactly(tmp_path: Path) -> None:
    from statementkg.sources import load_statement

    out = tmp_path / "g.trig"
    build([CORPUS], out)
    back = load_dataset(out)
    for path in sorted(CORPUS.glob("*.txt")):
        st = load_statement(path)
        texts = [str(o) for _s, _p, o, _c in back.quads((ID[f"statement/{st.stem}"], SKG.text, None, None))]
        assert texts == [st.text]


@pytest.mark.parametrize(
    ("fixture", "blocks"),
    [
        ("temporal-review-before-event.trig", False),
        ("temporal-reported-before-it-happened.trig", False),
        ("quote-not-in-text.trig", True),
        ("bound-begin-window.trig", True),
    ],
)
def test_only_structural_violations_stop_a_build_from_writing(fixture: str, blocks: bool) -> None:
    """Sources that contradict each other in time are reported; a malformed graph is not written."""
    from statementkg.validate import consistency_shapes, validate

    report = validate(load_dataset(Path(__file__).parent / "data" / "shapes" / "invalid" / fixture))
    assert not report.conforms
    assert bool(report.structural_violations(consistency_shapes())) is blocks


def test_every_saved_query_runs_on_the_bundled_corpus() -> None:
    """Each query in queries/ parses and runs on the real build, with its ``#+ example:`` values."""
    from statementkg.queries import list_queries, run_saved_query

    answered = 0
    for q in list_queries():
        result = run_saved_query(q.name, GOLDEN, dict(q.example))
        assert result.variables, q.name
        answered += bool(result.rows)
    assert answered >= len(list_queries()) - 1  # at most one example may find nothing here


def test_a_written_build_holds_no_handle_on_the_installed_store(tmp_path: Path) -> None:
    """Another build of the same output may replace ``store/`` at once: the result must not read it."""
    import shutil

    out = tmp_path / "g.trig"
    result = build([CORPUS / "d02-preventing-radicalisation.txt"], out)
    assert result.store is None and result.installed == tmp_path / "store" and result.quads > 0
    shutil.rmtree(tmp_path / "store")  # what a second build does before moving its own in
    assert result.quads > 0 and len(result.corpus.events) > 0


def test_a_build_in_memory_and_one_on_disk_write_the_same_trig_and_store(tmp_path: Path) -> None:
    """Where the build holds its store is a matter of speed only: same bytes, same store, no file left."""
    import pyoxigraph as ox

    outputs = {}
    for in_memory in (True, False):
        out = tmp_path / ("memory" if in_memory else "disk") / "g.trig"
        result = build([CORPUS], out, in_memory=in_memory)
        assert result.installed == out.parent / "store" and not result.blocking
        outputs[in_memory] = out
        leftovers = sorted(p.name for p in (out.parent / "cache").iterdir())
        assert leftovers == ["extract"], leftovers  # no building folder, no N-Quads file
    assert outputs[True].read_bytes() == outputs[False].read_bytes()
    stores = [ox.Store.read_only(str(out.parent / "store")) for out in outputs.values()]
    assert sorted(map(str, stores[0])) == sorted(map(str, stores[1]))
    assert len(stores[0]) == build([CORPUS], None, in_memory=False).quads


def test_a_dataset_is_built_in_memory_only_when_it_fits() -> None:
    assert fits_in_memory(10**9, True) and not fits_in_memory(10, False)
    assert fits_in_memory(1_000)
    assert not fits_in_memory(IN_MEMORY_MAX_BYTES // MEMORY_BYTES_PER_QUAD + 1)
