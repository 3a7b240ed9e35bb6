"""Faults of open-data services: each is a clear LinkError or a retry, and no decision already taken is lost."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from link_support import Handler, http_server, reply
from statementkg.errors import LinkError, StatementKGError
from statementkg.link.cache import Cache
from statementkg.link.http import Client, retry_after_seconds
from statementkg.link.run import link
from statementkg.link.wikidata import Wikidata

DATA = Path(__file__).parent / "data"
GOOD = json.dumps({"head": {"vars": ["name", "item", "via"]}, "results": {"bindings": []}}).encode()
QUERY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    yield


def _client(tmp_path: Path, waits: list[float] | None = None, **kw: object) -> Client:
    sleeps = waits if waits is not None else []
    return Client("wikidata", Cache(tmp_path / "cache"), sleep=sleeps.append, today=lambda: dt.date(2025, 5, 1),
                  **kw)  # type: ignore[arg-type]


def _select(handler: Handler, client: Client) -> list[dict[str, object]]:
    with http_server(handler) as base:
        return Wikidata(client, f"{base}/sparql").select(QUERY)


def test_endpoint_down_is_a_clear_error(tmp_path: Path) -> None:
    with http_server(lambda h: reply(h, 200, GOOD)) as base:
        pass  # the server is stopped: nothing listens there now
    with pytest.raises(LinkError, match="cannot reach the service"):
        Wikidata(_client(tmp_path), f"{base}/sparql").select(QUERY)


def test_429_with_retry_after_is_retried_after_that_long(tmp_path: Path) -> None:
    calls: list[int] = []

    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        calls.append(1)
        if len(calls) == 1:
            reply(h, 429, b"slow down", "text/plain", {"Retry-After": "7"})
        else:
            reply(h, 200, GOOD, "application/sparql-results+json")

    waits: list[float] = []
    with http_server(handler) as base:
        rows = Wikidata(_client(tmp_path, waits), f"{base}/sparql").select(QUERY)
    assert rows == [] and len(calls) == 2 and waits == [7.0]


def test_503_retried_with_backoff_then_a_clear_error(tmp_path: Path) -> None:
    waits: list[float] = []
    with pytest.raises(LinkError, match="still answering 503 after 3 attempts"):
        _select(lambda h: reply(h, 503, b"unavailable", "text/plain"), _client(tmp_path, waits, attempts=3))
    assert waits == [1.0, 2.0]


def test_500_is_a_clear_error_not_retried(tmp_path: Path) -> None:
    calls: list[int] = []

    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        calls.append(1)
        reply(h, 500, b"java.lang.NullPointerException", "text/plain")

    with pytest.raises(LinkError, match="EndPointInternalError"):
        _select(handler, _client(tmp_path))
    assert len(calls) == 1


def test_an_error_inside_a_200_is_detected_and_not_cached(tmp_path: Path) -> None:
    body = b'{"head":{"vars":["s"]},"results":{"bindings":[\nSPARQL-QUERY: ... java.util.concurrent.TimeoutException'
    with pytest.raises(LinkError, match="an error inside a 200 answer"):
        _select(lambda h: reply(h, 200, body), _client(tmp_path))
    assert not list((tmp_path / "cache").glob("**/*.json"))


def test_malformed_json_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LinkError, match="malformed JSON"):
        _select(lambda h: reply(h, 200, b'{"head": {"vars": ['), _client(tmp_path))
    with pytest.raises(LinkError, match="not SPARQL results"):
        _select(lambda h: reply(h, 200, b'{"error": "no"}'), _client(tmp_path))


def test_a_response_slower_than_the_timeout_is_a_clear_error(tmp_path: Path) -> None:
    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(2.5)
        with contextlib.suppress(OSError):
            reply(h, 200, GOOD)

    with pytest.raises(LinkError, match="no answer within 1 s"):
        _select(handler, _client(tmp_path, timeout=1.0))


def test_answers_are_cached_so_a_rerun_sends_nothing(tmp_path: Path) -> None:
    calls: list[int] = []

    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        calls.append(1)
        assert "statementkg/" in (h.headers.get("User-Agent") or "")
        reply(h, 200, GOOD)

    with http_server(handler) as base:
        Wikidata(_client(tmp_path), f"{base}/sparql").select(QUERY)
        Wikidata(_client(tmp_path), f"{base}/sparql").select(QUERY)
    assert len(calls) == 1


def test_retry_after_as_an_http_date() -> None:
    now = dt.datetime(2025, 5, 1, 12, 0, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("Thu, 01 May 2025 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("12") == 12.0
    assert retry_after_seconds("soon") is None


def test_a_failing_run_loses_nothing_already_linked(tmp_path: Path, sample_trig: Path) -> None:
    links = tmp_path / "links"
    shutil.copytree(DATA / "link" / "tables", links)
    before = (links / "wikidata.sssom.tsv").read_bytes()
    with http_server(lambda h: reply(h, 500, b"boom", "text/plain")) as base, pytest.raises(StatementKGError):
        link("wikidata", sample_trig, links, endpoint=f"{base}/sparql", client=_client(tmp_path))
    assert (links / "wikidata.sssom.tsv").read_bytes() == before
