"""`push` to a real OpenLink Virtuoso, and every read command over ``--data http://.../sparql``.

One Virtuoso for the session (``virtuoso_server`` in conftest, see ``virtuoso_support.py``).
The bundled golden dataset is pushed through Virtuoso's Graph Store endpoint with HTTP Digest
credentials from the environment; what the read commands give over its ``/sparql`` must be what
they give over the file (compared as sets of rows and of quads).  Graphs of their own that
tests write are named outside the dataset's graph namespace (``urn:statementkg-test:``), so the
whole-dataset reads leave them out like Virtuoso's own graphs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from statementkg import pipeline
from statementkg.cli import main
from statementkg.datasets import oxigraph_store
from statementkg.queries import list_queries
from statementkg.store import RemoteStore
from virtuoso_support import PASSWORD, USER, Virtuoso

GOLDEN = Path(__file__).parent / "data" / "golden" / "bundled.trig"
#: graphs the write tests make: outside the dataset's graph namespace, so never read as part of it
TEST_GRAPH = "urn:statementkg-test:"


@pytest.fixture()
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STATEMENTKG_USER", USER)
    monkeypatch.setenv("STATEMENTKG_PASSWORD", PASSWORD)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(scope="module")
def pushed(virtuoso_server: Virtuoso, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The golden dataset (a copy), pushed to Virtuoso; the copy is what the remote answers must equal."""
    data = tmp_path_factory.mktemp("virtuoso-data") / "graph.trig"
    data.write_bytes(GOLDEN.read_bytes())
    with pytest.MonkeyPatch.context() as env:
        env.setenv("STATEMENTKG_USER", USER)
        env.setenv("STATEMENTKG_PASSWORD", PASSWORD)
        env.setenv("no_proxy", "127.0.0.1,localhost")
        env.setenv("NO_PROXY", "127.0.0.1,localhost")
        written = pipeline.push(data, virtuoso_server.graph_store)
        assert written == len(_graphs(data))
        yield data


def _graphs(data: Path | str) -> set[str]:
    return {q.graph_name.value for q in oxigraph_store(data) if isinstance(q.graph_name, pyoxigraph.NamedNode)}


def _quads(data: Path | str) -> set[pyoxigraph.Quad]:
    return set(oxigraph_store(data))


def _rows(name: str, data: str, params: dict[str, str]) -> set[str]:
    result = pipeline.query(name, data, params)
    return {json.dumps({k: v.n3() for k, v in row.items()}, sort_keys=True) for row in result.rows}


def _graph_triples(server: Virtuoso, graph: str) -> set[str]:
    result = RemoteStore(server.sparql).query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return {" ".join(row[k].n3() for k in "spo") for row in result.rows}


def test_push_sends_every_graph_and_the_endpoint_holds_exactly_the_dataset(
    pushed: Path, virtuoso_server: Virtuoso, credentials: None
) -> None:
    # Virtuoso's own graphs (virtrdf#, ldp#...) are not read as part of the dataset
    assert _quads(virtuoso_server.sparql) == _quads(pushed)
    # nothing changed: nothing is sent again
    assert pipeline.push(pushed, virtuoso_server.graph_store) == 0


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_every_saved_query_answers_as_over_the_file(query: object, pushed: Path, virtuoso_server: Virtuoso,
                                                    credentials: None) -> None:
    name, example = query.name, dict(query.example)  # type: ignore[attr-defined]
    local = _rows(name, str(pushed), example)
    assert local or name == "linked-events" or name == "people-external-ids", name
    assert _rows(name, virtuoso_server.sparql, example) == local


def test_export_validate_and_timeline_over_the_endpoint_as_over_the_file(
    pushed: Path, virtuoso_server: Virtuoso, credentials: None
) -> None:
    runner = CliRunner()
    url = virtuoso_server.sparql

    def run(*args: str) -> str:
        result = runner.invoke(main, list(args))
        assert result.exit_code in (0, 1), result.output
        return result.stdout

    remote_nq = run("export", "--data", url, "--format", "nquads", "-o", "-")
    local_nq = run("export", "--data", str(pushed), "--format", "nquads", "-o", "-")
    parse = lambda text: set(pyoxigraph.parse(text.encode(), format=pyoxigraph.RdfFormat.N_QUADS))  # noqa: E731
    assert parse(remote_nq) == parse(local_nq)

    remote_report, local_report = pipeline.validate(url), pipeline.validate(pushed)
    assert remote_report.conforms == local_report.conforms
    assert set(remote_report.results) == set(local_report.results)
    assert runner.invoke(main, ["validate", url]).exit_code == runner.invoke(main, ["validate", str(pushed)]).exit_code

    remote_timeline = json.loads(run("timeline", "--data", url, "--format", "json", "-o", "-"))
    local_timeline = json.loads(run("timeline", "--data", str(pushed), "--format", "json", "-o", "-"))
    assert remote_timeline == local_timeline


def test_a_changed_graph_is_replaced_not_added_to(virtuoso_server: Virtuoso, tmp_path: Path,
                                                  credentials: None) -> None:
    graph = f"{TEST_GRAPH}replace"
    data = tmp_path / "graph.trig"
    data.write_text(f'<{graph}> {{ <urn:x:a> <urn:x:label> "old" , "kept" . <urn:x:a> <urn:x:n> 1 . }}\n'
                    f'<{TEST_GRAPH}other> {{ <urn:x:b> <urn:x:label> "other" . }}\n', encoding="utf-8")
    assert pipeline.push(data, virtuoso_server.graph_store) == 2
    data.write_text(f'<{graph}> {{ <urn:x:a> <urn:x:label> "new" , "kept" . }}\n'
                    f'<{TEST_GRAPH}other> {{ <urn:x:b> <urn:x:label> "other" . }}\n', encoding="utf-8")
    # only the changed graph is sent, and it replaces what was there
    assert pipeline.push(data, virtuoso_server.graph_store) == 1
    assert _graph_triples(virtuoso_server, graph) == {'<urn:x:a> <urn:x:label> "new"', '<urn:x:a> <urn:x:label> "kept"'}
    assert _graph_triples(virtuoso_server, f"{TEST_GRAPH}other") == {'<urn:x:b> <urn:x:label> "other"'}


def test_an_interrupted_push_resumes_where_it_stopped(virtuoso_server: Virtuoso, tmp_path: Path,
                                                      credentials: None) -> None:
    data = tmp_path / "graph.trig"
    names = [f"{TEST_GRAPH}resume/{i}" for i in range(6)]
    data.write_text("".join(f'<{g}> {{ <urn:x:s{i}> <urn:x:p> "{i}" . }}\n' for i, g in enumerate(names)),
                    encoding="utf-8")

    class Interrupted(Exception):
        pass

    def stop_at_four(stage: str, done: int, total: int) -> None:
        if done == 4:
            raise Interrupted

    with pytest.raises(Interrupted):
        pipeline.push(data, virtuoso_server.graph_store, progress=stop_at_four)
    assert [bool(_graph_triples(virtuoso_server, g)) for g in names] == [True] * 4 + [False] * 2
    # the second run sends only the two graphs the first did not
    assert pipeline.push(data, virtuoso_server.graph_store) == 2
    assert all(_graph_triples(virtuoso_server, g) for g in names)


def test_credentials_from_a_netrc(virtuoso_server: Virtuoso, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.delenv("STATEMENTKG_USER", raising=False)
    monkeypatch.delenv("STATEMENTKG_PASSWORD", raising=False)
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    data = tmp_path / "graph.trig"
    data.write_text(f'<{TEST_GRAPH}netrc> {{ <urn:x:a> <urn:x:p> "netrc" . }}\n', encoding="utf-8")
    assert pipeline.push(data, virtuoso_server.graph_store) == 1


@pytest.mark.parametrize("password", ["wrong-password", None])
def test_refused_or_missing_credentials_are_one_error_line(virtuoso_server: Virtuoso, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           password: str | None) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NETRC", str(tmp_path / "no-netrc"))
    if password is None:
        monkeypatch.delenv("STATEMENTKG_USER", raising=False)
        monkeypatch.delenv("STATEMENTKG_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("STATEMENTKG_USER", USER)
        monkeypatch.setenv("STATEMENTKG_PASSWORD", password)
    data = tmp_path / "graph.trig"
    data.write_text(f'<{TEST_GRAPH}refused> {{ <urn:x:a> <urn:x:p> "no" . }}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["push", "--data", str(data), "--endpoint", virtuoso_server.graph_store])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    assert "did not allow the write (401" in errors[0]
    assert ("were refused" if password else "no credentials given") in errors[0]
    assert "Traceback" not in result.output
