"""UK Parliament, legislation.gov.uk and GOV.UK linking, and ``fetch``, against a local HTTP server.

The server (127.0.0.1, started and stopped by the fixture) answers with the recorded shapes in
tests/data/link/rest/, written from the services' public documentation (see make_rest_fixtures.py).
tests/data/link/labelled_rest.yaml is the labelled set the README's precision and recall come from.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from link_support import http_server, reply
from statementkg.cli import main
from statementkg.errors import LinkError, StatementKGError
from statementkg.link.cache import Cache
from statementkg.link.decisions import merge
from statementkg.link.govuk import GovUK
from statementkg.link.http import Client, OfflineMiss
from statementkg.link.legislation import Legislation, names_in
from statementkg.link.parliament import Parliament
from statementkg.link.run import link
from statementkg.link.sssom import Decision, MappingTable, load_table
from statementkg.link.subjects import HeldPost, Kind, Subject
from statementkg.pipeline import build, query

DATA = Path(__file__).parent / "data"
REST = DATA / "link" / "rest"
CORPUS = Path(__file__).parent.parent / "data" / "statements"
LABELLED = yaml.safe_load((DATA / "link" / "labelled_rest.yaml").read_text(encoding="utf-8"))
DAY = dt.date(2025, 5, 1)
PARLIAMENT = json.loads((REST / "parliament.json").read_text(encoding="utf-8"))
CONTENT_PATH = "/government/speeches/infected-blood-compensation-update-may-2025"
CONTENT = (DATA / "heldout" / "h02-infected-blood-compensation-update.json").read_bytes()


def _feed_file(title: str) -> Path:
    return REST / f"legislation-{''.join(c if c.isalnum() else '-' for c in title.lower()).strip('-')}.xml"


class Recorded:
    """The fixture server's routes; ``seen`` lists every request path (with its query)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, h: http.server.BaseHTTPRequestHandler) -> None:
        self.seen.append(h.path)
        parts = urllib.parse.urlsplit(h.path)
        q = {k: v[0] for k, v in urllib.parse.parse_qs(parts.query).items()}
        path = urllib.parse.unquote(parts.path)
        if path == "/api/Members/Search":
            reply(h, 200, json.dumps(PARLIAMENT["search"].get(q.get("Name", ""), {"items": [], "totalResults": 0,
                                                                                      "skip": 0, "take": 20})).encode())
        elif path.startswith("/api/Members/") and path.endswith("/Biography"):
            mid = path.split("/")[3]
            if mid in PARLIAMENT["biography"]:
                reply(h, 200, json.dumps(PARLIAMENT["biography"][mid]).encode())
            else:
                reply(h, 404, b'{"title": "Not Found", "status": 404}', "application/problem+json")
        elif path == "/primary/data.feed":
            f = _feed_file(q.get("title", ""))
            body = f.read_bytes() if f.exists() else _feed_file("Online Safety Act 2021").read_bytes().replace(
                b"<entry>", b"<!--").replace(b"</entry>", b"-->")
            reply(h, 200, body, "application/atom+xml")
        elif path == "/api/organisations":
            reply(h, 200, (REST / f"organisations-{q.get('page', '1')}.json").read_bytes())
        elif path == "/api/content" + CONTENT_PATH:
            reply(h, 200, CONTENT)
        elif path.startswith("/api/content/"):
            reply(h, 404, b'{"error": {"code": "not_found", "message": "Not found"}}')
        else:
            reply(h, 404, b"not here", "text/plain")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    yield


@pytest.fixture
def server() -> Iterator[tuple[str, Recorded]]:
    routes = Recorded()
    with http_server(routes) as base:
        yield base, routes


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("statements")
    for f in CORPUS.iterdir():
        shutil.copy(f, folder / f.name)
    shutil.copy(DATA / "heldout" / "h02-infected-blood-compensation-update.json", folder)
    out = tmp_path_factory.mktemp("graph") / "graph.trig"
    build([folder], out)
    return out


def _client(folder: Path, service: str, *, offline: bool = False, **kw: object) -> Client:
    return Client(service, Cache(folder / "cache"), offline=offline, today=lambda: DAY, sleep=lambda s: None,
                  **kw)  # type: ignore[arg-type]


def _extra(source: str) -> tuple[list[Subject], dict[str, str | None]]:
    subjects, gold = [], {}
    for e in LABELLED[source]["extra"]:
        iri = f"https://w3id.org/statementkg/id/{e['id']}"
        posts = tuple(HeldPost(p["label"], f"{iri}/post", tuple(p.get("dates", []))) for p in e.get("posts", []))
        subjects.append(Subject(iri, Kind(e["kind"]), e["label"], tuple(e.get("alt", [])), posts=posts,
                                earliest=e.get("earliest"), latest=e.get("earliest")))
        gold[f"skgid:{e['id']}"] = e["gold"]
    return subjects, gold


def _score(table: MappingTable, gold: dict[str, str | None]) -> tuple[int, int, int, list[str]]:
    accepted = {r.subject_id: r.object_id for r in table.accepted()}
    wrong = [f"{s} -> {o} (gold {gold.get(s)})" for s, o in accepted.items() if gold.get(s) != o]
    return sum(1 for s, o in accepted.items() if gold.get(s) == o), len(accepted), sum(1 for g in gold.values()
                                                                                       if g), wrong


def _measure(source: str, corpus: MappingTable, extra: MappingTable) -> tuple[int, int, int]:
    c1, a1, r1, w1 = _score(corpus, LABELLED[source]["corpus"])
    _subjects, gold = _extra(source)
    c2, a2, r2, w2 = _score(extra, gold)
    assert w1 + w2 == []
    return c1 + c2, a1 + a2, r1 + r2


MEASURED: dict[str, tuple[int, int, int]] = {}


# ---------------------------------------------------------------- UK Parliament


def test_parliament_links_post_holders_queues_namesakes_and_never_asks_about_victims(
        server: tuple[str, Recorded], corpus_graph: Path, tmp_path: Path) -> None:
    base, routes = server
    report = link("parliament", corpus_graph, tmp_path, endpoint=base, client=_client(tmp_path, "parliament"))
    table = load_table(tmp_path, "parliament")
    by = {r.subject_id: r for r in table.accepted()}
    assert by["skgid:person/yvette-cooper"].object_id == "ukpm:999001"
    assert by["skgid:person/suella-braverman"].object_id == "ukpm:999002"  # her second term covers our date
    assert "covers 2023-02-08" in by["skgid:person/suella-braverman"].comment
    anderson = [r for r in table.rows if r.subject_id == "skgid:person/david-anderson"]
    assert {r.decision for r in anderson} == {Decision.QUEUED} and len(anderson) == 2  # a namesake: queued
    assert not any("Bebe" in p or "Hashem" in p for p in routes.seen)  # victims and perpetrators never asked
    assert report.counts["accepted"] == 2
    facts = (tmp_path / "parliament.facts.tsv").read_text(encoding="utf-8")
    assert ("skgid:person/suella-braverman\tukpm:999002\tgovernmentPost\tSecretary of State for the Home Department"
            "\t\t2022-10-25\t2023-11-13") in facts
    assert list((tmp_path / "queries").glob("*.url"))
    # offline rerun: byte-identical table and facts, no request
    before = [(tmp_path / n).read_bytes() for n in ("parliament.sssom.tsv", "parliament.facts.tsv")]
    again = link("parliament", corpus_graph, tmp_path, endpoint=base,
                 client=_client(tmp_path, "parliament", offline=True))
    assert again.requests == 0
    assert [(tmp_path / n).read_bytes() for n in ("parliament.sssom.tsv", "parliament.facts.tsv")] == before


def test_parliament_labelled_extras(server: tuple[str, Recorded], corpus_graph: Path, tmp_path: Path) -> None:
    base, _routes = server
    link("parliament", corpus_graph, tmp_path / "c", endpoint=base, client=_client(tmp_path, "parliament"))
    corpus = load_table(tmp_path / "c", "parliament")
    subjects, _gold = _extra("parliament")
    proposals, _members = Parliament(_client(tmp_path, "parliament"), base).propose(subjects)
    extra = merge(MappingTable("parliament"), proposals)
    decided: dict[str, set[Decision]] = {}
    for r in extra.rows:
        decided.setdefault(r.subject_id, set()).add(r.decision)
    assert decided["skgid:x/braverman-in-the-gap"] == {Decision.QUEUED}
    assert decided["skgid:x/smith-trade"] == {Decision.ACCEPTED}
    assert decided["skgid:x/smith-unknown"] == {Decision.QUEUED}
    # two of ours with one name and the same post: never both accepted
    assert decided["skgid:x/cooper-a"] == decided["skgid:x/cooper-b"] == {Decision.QUEUED}
    assert decided["skgid:x/nobody"] == {Decision.UNMATCHED}
    MEASURED["parliament"] = _measure("parliament", corpus, extra)


def test_wikidata_takes_the_parliament_id_as_a_strong_identifier(server: tuple[str, Recorded], corpus_graph: Path,
                                                                  tmp_path: Path) -> None:
    from statementkg.link.run import known_ids

    base, _routes = server
    link("parliament", corpus_graph, tmp_path, endpoint=base, client=_client(tmp_path, "parliament"))
    ids = known_ids(tmp_path)
    assert ids["https://w3id.org/statementkg/id/person/yvette-cooper"] == {"P10428": "999001"}


def test_a_post_holder_gets_a_tenure_in_people_external_ids(server: tuple[str, Recorded], corpus_graph: Path,
                                                            tmp_path: Path) -> None:
    base, _routes = server
    links = tmp_path / "links"
    link("parliament", corpus_graph, links, endpoint=base, client=_client(tmp_path, "parliament"))
    out = tmp_path / "linked.trig"
    build([CORPUS], out, links=links)
    rows = [{k: str(v) for k, v in r.items()} for r in query("people-external-ids", out).rows]
    cooper = [r for r in rows if r["name"] == "Yvette Cooper" and r.get("positionLabel")]
    assert {(r["parliament"], r["positionLabel"], r["start"], r.get("end", "")) for r in cooper} == {
        ("https://members.parliament.uk/member/999001", "Secretary of State for the Home Department", "2024-07-05", ""),
        ("https://members.parliament.uk/member/999001", "Secretary of State for Work and Pensions", "2009-06-05",
         "2010-05-11"),
    }
    again = tmp_path / "again.trig"
    build([CORPUS], again, links=links)
    assert again.read_bytes() == out.read_bytes()


# ---------------------------------------------------------------- legislation.gov.uk


def test_act_names_are_found_in_statement_text() -> None:
    text = ("Today I am formally establishing that inquiry under the Inquiries Act 2005. The Terrorism "
            "(Protection of Premises) Bill was introduced. The Victims and Prisoners Act 2024 received Royal Assent.")
    assert names_in(text) == [("Inquiries Act 2005", False), ("Terrorism (Protection of Premises) Bill", True),
                              ("Victims and Prisoners Act 2024", False)]


def test_legislation_links_acts_named_in_the_statements(server: tuple[str, Recorded], corpus_graph: Path,
                                                        tmp_path: Path) -> None:
    base, _routes = server
    link("legislation", corpus_graph, tmp_path, endpoint=base, client=_client(tmp_path, "legislation"))
    table = load_table(tmp_path, "legislation")
    by = {r.subject_id: r.object_id for r in table.accepted()}
    assert by == {"skgid:legislation/inquiries-act-2005": "ukleg:ukpga/2005/12",
                  "skgid:legislation/victims-and-prisoners-act-2024": "ukleg:ukpga/2024/21"}
    facts = (tmp_path / "legislation.facts.tsv").read_text(encoding="utf-8")
    assert "skgid:legislation/inquiries-act-2005\tukleg:ukpga/2005/12\tcitation\t2005 c. 12" in facts
    assert "ukleg:ukpga/2005/12\tenacted\t2005-04-07" in facts
    before = (tmp_path / "legislation.sssom.tsv").read_bytes()
    link("legislation", corpus_graph, tmp_path, endpoint=base,
         client=_client(tmp_path, "legislation", offline=True))
    assert (tmp_path / "legislation.sssom.tsv").read_bytes() == before
    # the Act's citation and date go into the enrichment graph
    out = tmp_path / "linked.trig"
    result = build([CORPUS], out, links=tmp_path)
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS

    from statementkg.link.enrich import GRAPH_ENRICHMENT

    g = result.dataset.graph(GRAPH_ENRICHMENT)
    act = URIRef("http://www.legislation.gov.uk/id/ukpga/2005/12")
    assert (act, DCTERMS.bibliographicCitation, Literal("2005 c. 12")) in g


def test_legislation_labelled_extras(server: tuple[str, Recorded], corpus_graph: Path, tmp_path: Path) -> None:
    base, _routes = server
    link("legislation", corpus_graph, tmp_path / "c", endpoint=base, client=_client(tmp_path, "legislation"))
    corpus = load_table(tmp_path / "c", "legislation")
    subjects, _gold = _extra("legislation")
    proposals, _acts = Legislation(_client(tmp_path, "legislation"), base).propose(subjects)
    extra = merge(MappingTable("legislation"), proposals)
    rows = {r.subject_id: r for r in extra.rows}
    assert rows["skgid:x/terrorism-act-2000"].decision is Decision.ACCEPTED
    bill = rows["skgid:x/premises-bill"]
    assert bill.decision is Decision.ACCEPTED and bill.predicate_id == "skos:closeMatch"
    assert rows["skgid:x/premises-bill-after"].decision is Decision.QUEUED  # enacted before the statement: conflict
    assert rows["skgid:x/online-safety-2021"].decision is Decision.UNMATCHED  # the 2023 Act is not ours
    MEASURED["legislation"] = _measure("legislation", corpus, extra)


# ---------------------------------------------------------------- GOV.UK


def test_govuk_organisations_and_content_id(server: tuple[str, Recorded], corpus_graph: Path, tmp_path: Path) -> None:
    base, _routes = server
    link("govuk", corpus_graph, tmp_path, endpoint=base, client=_client(tmp_path, "govuk"))
    table = load_table(tmp_path, "govuk")
    by = {r.subject_id: r for r in table.accepted()}
    assert by["skgid:organisation/home-office"].object_id == "govuk:home-office"  # not the closed namesake
    statement = by["skgid:statement/h02-infected-blood-compensation-update"]
    assert statement.object_id == "uuid:3f6b2a1e-8c41-4d7e-9a55-1b0e6c2d9f47" and statement.confidence == 1.0
    mi5 = [r for r in table.rows if r.subject_id == "skgid:organisation/mi5"]
    assert [r.decision for r in mi5] == [Decision.QUEUED]  # by abbreviation only
    before = (tmp_path / "govuk.sssom.tsv").read_bytes()
    link("govuk", corpus_graph, tmp_path, endpoint=base, client=_client(tmp_path, "govuk", offline=True))
    assert (tmp_path / "govuk.sssom.tsv").read_bytes() == before


def test_govuk_labelled_extras(server: tuple[str, Recorded], corpus_graph: Path, tmp_path: Path) -> None:
    base, _routes = server
    link("govuk", corpus_graph, tmp_path / "c", endpoint=base, client=_client(tmp_path, "govuk"))
    corpus = load_table(tmp_path / "c", "govuk")
    subjects, _gold = _extra("govuk")
    proposals, _orgs, _r = GovUK(_client(tmp_path, "govuk"), base).propose_organisations(subjects)
    extra = merge(MappingTable("govuk"), proposals)
    rows = {r.subject_id: r for r in extra.rows}
    assert rows["skgid:x/osct"].decision is Decision.QUEUED and "closed" in rows["skgid:x/osct"].comment
    assert rows["skgid:x/home-office-by-slug"].decision is Decision.ACCEPTED
    MEASURED["govuk"] = _measure("govuk", corpus, extra)


def test_precision_and_recall_of_the_rest_sources() -> None:
    if len(MEASURED) < 3:
        pytest.skip("needs the three labelled-extras tests of this module to run first")
    correct = sum(c for c, _a, _r in MEASURED.values())
    accepted = sum(a for _c, a, _r in MEASURED.values())
    right = sum(r for _c, _a, r in MEASURED.values())
    for source, (c, a, r) in sorted(MEASURED.items()):
        print(f"\n{source}: {a} automatic accepts, {c} right; {r} subjects with a right object")
    print(f"\nREST sources: precision {correct / accepted:.3f}, recall {correct / right:.3f}")
    assert correct / accepted >= 0.98
    assert correct / right >= 0.6


# ---------------------------------------------------------------- fetch


def test_fetch_writes_content_api_json_the_readers_accept(server: tuple[str, Recorded], tmp_path: Path) -> None:
    from statementkg.sources import load_statement

    base, _routes = server
    out = tmp_path / "statements"
    runner = CliRunner()
    res = runner.invoke(main, ["fetch", f"https://www.gov.uk{CONTENT_PATH}", "--output-dir", str(out),
                               "--endpoint", base, "--cache", str(tmp_path / "cache")])
    assert res.exit_code == 0, res.output
    written = out / "infected-blood-compensation-update-may-2025.json"
    assert written.read_bytes().rstrip(b"\n") == CONTENT.rstrip(b"\n")
    assert load_statement(written).url == f"https://www.gov.uk{CONTENT_PATH}"
    # offline from the cache: the same file
    written.unlink()
    res = runner.invoke(main, ["fetch", f"https://www.gov.uk{CONTENT_PATH}", "--output-dir", str(out),
                               "--endpoint", base, "--cache", str(tmp_path / "cache"), "--offline"])
    assert res.exit_code == 0 and written.exists()


@pytest.mark.parametrize("url", ["https://example.com/government/speeches/x", "not a url", "https://www.gov.uk/"])
def test_fetch_a_bad_url_is_one_error_line(url: str, tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["fetch", url, "--output-dir", str(tmp_path)])
    assert res.exit_code == 2
    assert [line for line in res.output.splitlines() if line] == [res.output.strip()]
    assert res.output.startswith("Error: ")
    assert not list(tmp_path.iterdir())


def test_fetch_a_page_that_is_not_there_is_an_error(server: tuple[str, Recorded], tmp_path: Path) -> None:
    base, _routes = server
    res = CliRunner().invoke(main, ["fetch", "https://www.gov.uk/government/speeches/nothing", "--output-dir",
                                    str(tmp_path / "out"), "--endpoint", base, "--cache", str(tmp_path / "c")])
    assert res.exit_code == 2 and "HTTP 404" in res.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


# ---------------------------------------------------------------- faults


def test_429_with_retry_after_is_retried_for_rest_sources(tmp_path: Path) -> None:
    calls: list[int] = []
    waits: list[float] = []
    routes = Recorded()

    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        calls.append(1)
        if len(calls) == 1:
            reply(h, 429, b"Too Many Requests", "text/plain", {"Retry-After": "5"})
        else:
            routes(h)

    client = Client("govuk", Cache(tmp_path / "cache"), sleep=waits.append, today=lambda: DAY)
    with http_server(handler) as base:
        item, _body, _url = GovUK(client, base).content_item(CONTENT_PATH)
    assert item["content_id"] == "3f6b2a1e-8c41-4d7e-9a55-1b0e6c2d9f47" and waits == [5.0] and len(calls) == 2


@pytest.mark.parametrize(("status", "body", "match"), [
    (500, b"Internal Server Error", "HTTP 500"),
    (200, b'{"items": [', "malformed JSON"),
    (200, b'{"title": "An error occurred", "status": 500}', "not a Members Search result .An error occurred"),
])
def test_parliament_faults_are_clear_errors(tmp_path: Path, status: int, body: bytes, match: str) -> None:
    with http_server(lambda h: reply(h, status, body)) as base, pytest.raises(LinkError, match=match):
        Parliament(_client(tmp_path, "parliament"), base).search("Yvette Cooper")
    assert not list((tmp_path / "cache").glob("**/*.json"))  # a bad answer is never cached


@pytest.mark.parametrize(("body", "match"), [
    (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "malformed XML"),
    (b"<html><body>Service unavailable</body></html>", "not a legislation Atom feed"),
])
def test_legislation_faults_are_clear_errors(tmp_path: Path, body: bytes, match: str) -> None:
    with http_server(lambda h: reply(h, 200, body, "application/atom+xml")) as base, \
            pytest.raises(LinkError, match=match):
        Legislation(_client(tmp_path, "legislation"), base).search("Inquiries Act 2005")


def test_govuk_error_inside_a_200_and_malformed_json(tmp_path: Path) -> None:
    with http_server(lambda h: reply(h, 200, b'{"error": "rate limited"}')) as base, \
            pytest.raises(LinkError, match="rate limited"):
        GovUK(_client(tmp_path, "govuk"), base).organisations()
    with http_server(lambda h: reply(h, 200, b'{"results": [')) as base, pytest.raises(LinkError, match="malformed"):
        GovUK(_client(tmp_path, "govuk"), base).organisations()


def test_a_failing_rest_run_loses_nothing_and_offline_says_what_is_missing(
        server: tuple[str, Recorded], corpus_graph: Path, tmp_path: Path) -> None:
    base, _routes = server
    link("parliament", corpus_graph, tmp_path, endpoint=base, client=_client(tmp_path, "parliament"))
    before = (tmp_path / "parliament.sssom.tsv").read_bytes()
    with http_server(lambda h: reply(h, 500, b"boom", "text/plain")) as down, pytest.raises(StatementKGError):
        link("parliament", corpus_graph, tmp_path, endpoint=down, client=_client(tmp_path / "other", "parliament"))
    assert (tmp_path / "parliament.sssom.tsv").read_bytes() == before
    with pytest.raises(OfflineMiss, match="missing: GET"):
        link("parliament", corpus_graph, tmp_path, endpoint=base,
             client=_client(tmp_path / "empty", "parliament", offline=True))
    assert (tmp_path / "parliament.sssom.tsv").read_bytes() == before


def test_cli_link_parliament_legislation_govuk(server: tuple[str, Recorded], corpus_graph: Path,
                                               tmp_path: Path) -> None:
    base, _routes = server
    runner = CliRunner()
    for source in ("parliament", "legislation", "govuk"):
        res = runner.invoke(main, ["link", source, "--data", str(corpus_graph), "--links", str(tmp_path),
                                   "--endpoint", base])
        assert res.exit_code == 0, res.output
        assert f"{source}.sssom.tsv" in res.output
