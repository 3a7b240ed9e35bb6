"""Wikidata linking against a real Oxigraph server loaded with a Wikidata-shaped fixture.

tests/data/link/wikidata.ttl holds the traps real data has (namesakes of one nationality and
profession, a same-titled post in another country, two events on consecutive days sharing an
alias, disambiguation pages, one town name in three countries, a deprecated statement, two
terms with a gap).  tests/data/link/labelled.yaml is the labelled set the README's precision
and recall come from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from link_support import oxigraph_with
from statementkg.link.cache import Cache
from statementkg.link.decisions import merge
from statementkg.link.http import Client, OfflineMiss
from statementkg.link.run import link
from statementkg.link.sssom import Decision, MappingTable, load_table
from statementkg.link.subjects import HeldPost, Kind, Subject, load_subjects
from statementkg.link.wikidata import Wikidata, time_window
from statementkg.pipeline import build

pytestmark = pytest.mark.server
DATA = Path(__file__).parent / "data" / "link"
CORPUS = Path(__file__).parent.parent / "data" / "statements"
LABELLED = yaml.safe_load((DATA / "labelled.yaml").read_text(encoding="utf-8"))
DAY = dt.date(2025, 5, 1)


@pytest.fixture(scope="module")
def wikidata(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("no_proxy", "127.0.0.1,localhost")
        env.setenv("NO_PROXY", "127.0.0.1,localhost")
        with oxigraph_with(DATA / "wikidata.ttl", tmp_path_factory.mktemp("wikidata")) as base:
            yield f"{base}/query"


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("graph") / "graph.trig"
    build([CORPUS], out)
    return out


def _client(folder: Path, *, offline: bool = False) -> Client:
    return Client("wikidata", Cache(folder / "cache"), offline=offline, today=lambda: DAY, sleep=lambda s: None)


def _extra_subjects() -> tuple[list[Subject], dict[str, dict[str, str]]]:
    subjects: list[Subject] = []
    ids: dict[str, dict[str, str]] = {}
    for e in LABELLED["extra"]:
        iri = f"https://w3id.org/statementkg/id/{e['id']}"
        posts = tuple(HeldPost(p["label"], f"{iri}/post", tuple(p["dates"])) for p in e.get("posts", []))
        subjects.append(Subject(iri, Kind(e["kind"]), e["label"], posts=posts, earliest=e.get("earliest"),
                                latest=e.get("latest")))
        if "ids" in e:
            ids[iri] = dict(e["ids"])
    return subjects, ids


def _score(table: MappingTable, gold: dict[str, str | None]) -> tuple[int, int, int, list[str]]:
    """(correct accepts, accepts, subjects with a right item, wrong accepts)"""
    accepted = {r.subject_id: r.object_id for r in table.accepted()}
    wrong = [f"{s} -> {o} (gold {gold.get(s)})" for s, o in accepted.items() if gold.get(s) != o]
    correct = sum(1 for s, o in accepted.items() if gold.get(s) == o)
    return correct, len(accepted), sum(1 for g in gold.values() if g), wrong


def test_time_values_keep_their_precision() -> None:
    assert time_window("2024-07-29T00:00:00Z", 11) == (dt.date(2024, 7, 29), dt.date(2024, 7, 29))
    assert time_window("2019-05-01T00:00:00Z", 10) == (dt.date(2019, 5, 1), dt.date(2019, 5, 31))
    assert time_window("1993-01-01T00:00:00Z", 9) == (dt.date(1993, 1, 1), dt.date(1993, 12, 31))


def test_corpus_links_every_labelled_right_item_and_no_trap(wikidata: str, corpus_graph: Path, tmp_path: Path) -> None:
    report = link("wikidata", corpus_graph, tmp_path, endpoint=wikidata, client=_client(tmp_path))
    table = load_table(tmp_path, "wikidata")
    gold: dict[str, str | None] = LABELLED["corpus"]
    correct, accepted, _right, wrong = _score(table, gold)
    assert wrong == []
    decided = {r.subject_id: r.decision for r in table.rows}
    for subject in ("skgid:person/david-anderson", "skgid:person/jonathan-hall", "skgid:person/suella-braverman",
                    "skgid:event/southport-attack", "skgid:place/southport", "skgid:post/home-secretary"):
        assert decided[subject] is Decision.ACCEPTED, subject
    # ambiguous ones are queued with their candidates and evidence
    ira = [r for r in table.rows if r.subject_id == "skgid:organisation/ira"]
    assert {r.decision for r in ira} == {Decision.QUEUED} and len(ira) == 2
    assert all("score" in r.comment for r in ira)
    # victims and perpetrator-only people are not subjects at all
    subjects = {r.subject_id for r in table.rows}
    assert "skgid:person/bebe-king" not in subjects and "skgid:person/hashem-abedi" not in subjects
    assert report.counts["accepted"] == accepted == correct


def test_a_second_run_offline_gives_byte_identical_tables(wikidata: str, corpus_graph: Path, tmp_path: Path) -> None:
    link("wikidata", corpus_graph, tmp_path, endpoint=wikidata, client=_client(tmp_path))
    first = (tmp_path / "wikidata.sssom.tsv").read_bytes()
    offline = _client(tmp_path, offline=True)
    report = link("wikidata", corpus_graph, tmp_path, endpoint=wikidata, client=offline)
    assert (tmp_path / "wikidata.sssom.tsv").read_bytes() == first
    assert report.requests == 0
    # offline with an empty cache says what is missing, and leaves the table alone
    empty = tmp_path / "other"
    with pytest.raises(OfflineMiss, match="missing: POST"):
        link("wikidata", corpus_graph, tmp_path, endpoint=wikidata, client=_client(empty, offline=True))
    assert (tmp_path / "wikidata.sssom.tsv").read_bytes() == first


def test_include_perpetrators_only_when_asked(wikidata: str, corpus_graph: Path) -> None:
    default = {s.label for s in load_subjects(corpus_graph)}
    asked = {s.label for s in load_subjects(corpus_graph, include_perpetrators=True)}
    assert "Hashem Abedi" not in default and "Hashem Abedi" in asked
    assert "Bebe King" not in asked  # victims never


def test_precision_and_recall_on_the_labelled_set(wikidata: str, corpus_graph: Path, tmp_path: Path) -> None:
    link("wikidata", corpus_graph, tmp_path / "corpus", endpoint=wikidata, client=_client(tmp_path))
    corpus = load_table(tmp_path / "corpus", "wikidata")
    c1, a1, r1, w1 = _score(corpus, LABELLED["corpus"])
    subjects, ids = _extra_subjects()
    proposals, _facts = Wikidata(_client(tmp_path), wikidata).propose(subjects, ids)
    extra = merge(MappingTable("wikidata"), proposals)
    gold_extra = {f"skgid:{e['id']}": e["gold"] for e in LABELLED["extra"]}
    c2, a2, r2, w2 = _score(extra, gold_extra)
    assert w1 + w2 == []
    decided = {r.subject_id: r.decision for r in extra.rows}
    assert decided["skgid:x/braverman-in-the-gap"] is Decision.QUEUED
    assert decided["skgid:x/southport-attack-july"] is Decision.QUEUED
    assert decided["skgid:x/anderson-unknown"] is Decision.QUEUED
    assert decided["skgid:x/unknown-person"] is Decision.UNMATCHED
    cooper = next(r for r in extra.rows if r.subject_id == "skgid:x/cooper-by-id")
    assert cooper.decision is Decision.ACCEPTED and "P10428=999001 agrees" in cooper.comment
    precision = (c1 + c2) / (a1 + a2)
    recall = (c1 + c2) / (r1 + r2)
    print(f"\nlabelled set: {a1 + a2} automatic accepts, precision {precision:.3f}, recall {recall:.3f} "
          f"({c1 + c2} of {r1 + r2} subjects with a right item)")
    assert precision >= 0.98
    assert recall >= 0.6


def test_cli_link_review_accept_reject_and_rerun(wikidata: str, corpus_graph: Path, tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from statementkg.cli import main

    runner = CliRunner()
    links = tmp_path / "links"
    args = ["link", "wikidata", "--data", str(corpus_graph), "--links", str(links), "--endpoint", wikidata]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "accepted" in res.output
    listed = json.loads(runner.invoke(main, ["link", "review", "--links", str(links), "--format", "json"]).output)
    ira = [q for q in listed if q["subject"] == "skgid:organisation/ira"]
    assert len(ira) == 2 and all(q["evidence"] for q in ira)
    provisional = next(q for q in ira if q["object"] == "wd:Q99990208")
    other = next(q for q in ira if q["object"] == "wd:Q99990207")
    channel = next(q for q in listed if q["subject"] == "skgid:organisation/channel")
    res = runner.invoke(main, ["link", "review", "--links", str(links), "--accept", provisional["id"],
                               "--reject", channel["id"], "--date", "2025-06-01", "--reviewer", "tester"])
    assert res.exit_code == 0, res.output
    table = load_table(links, "wikidata")
    by = {(r.subject_id, r.object_id): r for r in table.rows}
    assert by[("skgid:organisation/ira", "wd:Q99990208")].decision is Decision.ACCEPTED
    assert by[("skgid:organisation/ira", "wd:Q99990207")].decision is Decision.REJECTED
    assert other["id"] == by[("skgid:organisation/ira", "wd:Q99990207")].id
    assert by[("skgid:organisation/channel", "wd:Q99990206")].decision is Decision.REJECTED
    assert by[("skgid:organisation/channel", "wd:Q99990206")].mapping_date == dt.date(2025, 6, 1)
    # a rerun (offline, from the cache) keeps every human decision and never re-proposes a rejected one
    res = runner.invoke(main, [*args, "--offline"])
    assert res.exit_code == 0, res.output
    after = load_table(links, "wikidata")
    channel_rows = [r for r in after.rows if r.subject_id == "skgid:organisation/channel"]
    assert [r.decision for r in channel_rows] == [Decision.REJECTED, Decision.UNMATCHED]
    assert {(r.subject_id, r.object_id, r.decision) for r in table.rows if r.decision is not Decision.QUEUED} <= {
        (r.subject_id, r.object_id, r.decision) for r in after.rows
    }
    before = (links / "wikidata.sssom.tsv").read_bytes()
    assert runner.invoke(main, [*args, "--offline"]).exit_code == 0
    assert (links / "wikidata.sssom.tsv").read_bytes() == before
    table_text = runner.invoke(main, ["link", "review", "--links", str(links)]).output
    assert "queued for review" in table_text and "Court of Appeal" in table_text
    res = runner.invoke(main, ["link", "review", "--links", str(links), "--accept", "nope"])
    assert res.exit_code == 2 and "no mapping with id 'nope'" in res.output
    res = runner.invoke(main, [*args[:-2], "--endpoint", wikidata, "--offline", "--cache", str(tmp_path / "empty")])
    assert res.exit_code == 2 and "Error: offline" in res.output


def test_an_event_dated_only_by_wikidata_bounds_expressions_anchored_on_it(wikidata: str, tmp_path: Path) -> None:
    from rdflib import URIRef

    from statementkg.link.enrich import GRAPH_ENRICHMENT
    from statementkg.link.review import apply_reviews, queued
    from statementkg.pipeline import query

    statements = DATA / "statements"
    graph = tmp_path / "graph.trig"
    build([statements], graph)
    links = tmp_path / "links"
    link("wikidata", graph, links, endpoint=wikidata, client=_client(tmp_path))
    # the statement dates the attack only by tense, so both Southport events fit: queued
    attack = [q for q in queued(links) if q.row.subject_id == "skgid:event/southport-attack"]
    assert {q.row.object_id for q in attack} == {"wd:Q99990300", "wd:Q99990301"}
    right = next(q for q in attack if q.row.object_id == "wd:Q99990300")
    apply_reviews(links, [right.row.id], [], date=DAY, reviewer="tester")
    link("wikidata", graph, links, endpoint=wikidata, client=_client(tmp_path, offline=True))
    facts = (links / "wikidata.facts.tsv").read_text(encoding="utf-8")
    assert "skgid:event/southport-attack\twd:Q99990300\tP585\t2024-07-29T00:00:00Z\t11" in facts
    assert list((links / "queries").glob("*.rq"))
    linked = tmp_path / "linked.trig"
    result = build([statements], linked, links=links)
    enrichment = result.dataset.graph(GRAPH_ENRICHMENT)
    assert (URIRef("http://www.wikidata.org/entity/Q99990300"), URIRef("http://www.wikidata.org/prop/direct/P585"),
            None) in enrichment
    def timeline(g: Path) -> set[tuple[str, ...]]:
        return {tuple(str(r[k]) if r.get(k) is not None else "" for k in ("label", "earliest", "latest"))
                for r in query("timeline", g).rows}

    rows = timeline(linked)
    assert ("Referral 1 of 3", "2020-07-29", "2021-07-29") in rows
    assert ("Southport attack", "2024-07-29", "2024-07-29") in rows
    # without the links the referrals stay open on the early side
    assert ("Referral 1 of 3", "", "2022-02-10") in timeline(graph)
    events = [r for r in query("linked-events", linked).rows if r.get("item") is not None]
    assert [(str(r["label"]), str(r["wikidataDate"])[:10]) for r in events] == [("Southport attack", "2024-07-29")]
    people = [{k: str(v) for k, v in r.items()} for r in query("people-external-ids", linked).rows]
    cooper = next(r for r in people if r["name"] == "Yvette Cooper")
    assert cooper["wikidata"].endswith("Q99990001") and cooper["start"] == "2024-07-05"
    assert cooper["postLabel"] == "Home Secretary"
    # the same links give the same graph every time
    again = tmp_path / "again.trig"
    build([statements], again, links=links)
    assert again.read_bytes() == linked.read_bytes()
