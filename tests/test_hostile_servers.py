"""Endpoints that misbehave, graphs from elsewhere, and two builds at once: one clear line each.

Every server here is the test's own ``http.server`` on 127.0.0.1.
"""

from __future__ import annotations

import http.server
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from statementkg.cli import main, rich_progress
from statementkg.errors import StoreError
from statementkg.export import load_dataset
from statementkg.store import RemoteStore

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "statements"
QUERY = "SELECT ?s WHERE { ?s ?p ?o }"
RESULTS = {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "http://x/1"}}]}}

Handler = Callable[[http.server.BaseHTTPRequestHandler, list[str]], None]


@pytest.fixture
def server() -> Iterator[Callable[[Handler], tuple[str, list[str]]]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(handle: Handler) -> tuple[str, list[str]]:
        hits: list[str] = []

        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                hits.append(self.path)
                handle(self, hits)

            do_POST = do_GET

        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}", hits

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def _send(h: http.server.BaseHTTPRequestHandler, status: int, body: bytes, **headers: str) -> None:
    h.send_response(status)
    for k, v in headers.items():
        h.send_header(k.replace("_", "-"), v)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def test_429_is_retried_after_retry_after(server) -> None:  # type: ignore[no-untyped-def]
    def handle(h: http.server.BaseHTTPRequestHandler, hits: list[str]) -> None:
        if len(hits) == 1:
            _send(h, 429, b"slow down", Retry_After="1")
        else:
            _send(h, 200, json.dumps(RESULTS).encode(), Content_Type="application/sparql-results+json")

    url, hits = server(handle)
    started = time.monotonic()
    result = RemoteStore(url + "/query", timeout=10).query(QUERY)
    assert len(result.rows) == 1 and len(hits) == 2
    assert time.monotonic() - started >= 0.9


def test_503_for_ever_gives_up_with_one_line(server) -> None:  # type: ignore[no-untyped-def]
    url, hits = server(lambda h, hits: _send(h, 503, b"busy", Retry_After="0"))
    with pytest.raises(StoreError, match=r"is busy \(503\) and still was after 4 retries"):
        RemoteStore(url + "/query", timeout=10).query(QUERY)
    assert len(hits) == 5


def test_a_trickling_server_times_out(server) -> None:  # type: ignore[no-untyped-def]
    def handle(h: http.server.BaseHTTPRequestHandler, hits: list[str]) -> None:
        h.send_response(200)
        h.send_header("Content-Length", "100000")
        h.end_headers()
        try:
            for _ in range(60):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    url, _ = server(handle)
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"did not answer within 1\.5 s"):
        RemoteStore(url + "/query", timeout=1.5).query(QUERY)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[1, 2, 3]", "without SELECT results"),
        (b"<html>not json</html>", "did not answer with SPARQL JSON results"),
        (json.dumps({"head": {"vars": ["d"]}, "results": {"bindings": [{"d": {
            "type": "literal", "value": "2024-13-45", "datatype": "http://www.w3.org/2001/XMLSchema#date"}}]}}).encode(),
         "not a valid http://www.w3.org/2001/XMLSchema#date"),
    ],
)
def test_malformed_answers_are_one_error(server, body: bytes, message: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _ = server(lambda h, hits: _send(h, 200, body))
    with pytest.raises(StoreError, match=message):
        RemoteStore(url + "/query", timeout=5).query(QUERY)
    result = CliRunner().invoke(main, ["query", "timeline", "--data", url + "/query"])
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("Error: "), result.stderr


def test_redirect_loop_is_one_error(server) -> None:  # type: ignore[no-untyped-def]
    url, _ = server(lambda h, hits: _send(h, 302, b"", Location="/query"))
    with pytest.raises(StoreError, match="redirect loop"):
        RemoteStore(url + "/query", timeout=5).query(QUERY)


@pytest.mark.parametrize("url", ["http://[::1/query", "ftp://example.org/sparql", "http:///query"])
def test_malformed_urls_are_one_error(url: str) -> None:
    with pytest.raises(StoreError, match="not a valid endpoint URL"):
        RemoteStore(url, timeout=5).query(QUERY)


# ---------------------------------------------------------------- graphs from elsewhere

def test_oversized_graph_is_refused(tmp_path: Path) -> None:
    g = tmp_path / "g.ttl"
    g.write_text("<http://x/s> <http://x/p> <http://x/o> .\n" * 100)
    with pytest.raises(StoreError, match="over the limit of 1,000"):
        load_dataset(g, max_bytes=1000)
    result = CliRunner().invoke(main, ["validate", str(g), "--max-size", "1000"])
    assert result.exit_code == 2 and "--max-size" in result.stderr


def test_remote_jsonld_context_is_never_fetched(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, hits = server(lambda h, hits: _send(h, 200, b'{"@context": {}}', Content_Type="application/ld+json"))
    g = tmp_path / "g.jsonld"
    g.write_text(json.dumps({"@context": url + "/ctx", "@id": "http://x/s", "http://x/p": "o"}))
    for args in (["validate", str(g)], ["export", "--data", str(g), "--format", "nquads"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "never fetches" in result.stderr
    assert hits == []


def test_owl_imports_are_never_followed(server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, hits = server(lambda h, hits: _send(h, 200, b"", Content_Type="text/turtle"))
    g = tmp_path / "g.trig"
    g.write_text(f"<http://x/g> {{ <http://x/o> a <http://www.w3.org/2002/07/owl#Ontology> ; "
                 f"<http://www.w3.org/2002/07/owl#imports> <{url}/onto.ttl> . }}\n")
    CliRunner().invoke(main, ["validate", str(g)])
    CliRunner().invoke(main, ["export", "--data", str(g)])
    assert hits == []


def test_rdfxml_and_its_entities_are_never_read(tmp_path: Path) -> None:
    g = tmp_path / "g.rdf"
    g.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>')
    result = CliRunner().invoke(main, ["validate", str(g)])
    assert result.exit_code == 2 and "unknown graph format '.rdf'" in result.stderr


# ---------------------------------------------------------------- two builds, one output

def test_two_builds_on_one_output_both_finish(tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    cmd = [sys.executable, "-m", "statementkg.cli", "build", str(CORPUS / "d02-preventing-radicalisation.txt"),
           str(CORPUS / "d03-southport-inquiry.txt"), "-o", str(out)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    codes = [p.wait(timeout=300) for p in procs]
    assert codes == [0, 0], [p.stderr.read() for p in procs if p.stderr]
    single = tmp_path / "single.trig"
    assert CliRunner().invoke(main, ["build", *cmd[4:6], "-o", str(single)]).exit_code == 0
    assert out.read_bytes() == single.read_bytes()
    # the outputs, the on-disk store and the extraction cache beside them, nothing half-written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "g.trig", "single.trig", "store"]


# ---------------------------------------------------------------- progress

def test_progress_is_drawn_on_a_terminal_and_quiet_in_pipes(tmp_path: Path) -> None:
    log = tmp_path / "progress.txt"
    with log.open("w") as fh:
        show = rich_progress(fh)
        for i in range(1, 4):
            show("read", i, 3)
        for i in range(1, 4):
            show("extract", i, 3)
    assert "extract" in log.read_text() and "3/3" in log.read_text()
    result = CliRunner().invoke(main, ["build", str(CORPUS / "d02-preventing-radicalisation.txt"),
                                       "-o", str(tmp_path / "g.trig")])
    assert "extract" not in result.stderr and "3/3" not in result.stderr
