"""The on-disk store beside a build, `push` to a real Oxigraph server, and `serve` (read-only, 127.0.0.1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import _answers, _free_port, _oxigraph_binary
from process_support import stop
from statementkg import pipeline
from statementkg.cli import main
from statementkg.disk import is_fresh, store_dir

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "graph.trig"
    pipeline.build([ROOT / "data" / "statements"], out)
    return out


@pytest.fixture()
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty Oxigraph server of this test only, stopped by its process ID."""
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(_oxigraph_binary()), "serve", "--location", str(tmp_path / "db"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _answers(base):
            time.sleep(0.05)
        assert _answers(base), "the Oxigraph server did not start"
        yield base
    finally:
        stop(process)


def _rows(name: str, data: str) -> list[dict[str, str]]:
    result = pipeline.query(name, data)
    return sorted(({k: str(v) for k, v in row.items()} for row in result.rows), key=json.dumps)


def test_build_writes_a_fresh_store_beside_the_trig(built: Path) -> None:
    assert (store_dir(built) / "statementkg-stamp.json").is_file()
    assert is_fresh(built)


def test_a_stale_store_is_rebuilt_never_served(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "graph.trig"
    copy.write_bytes(built.read_bytes())
    from statementkg.disk import write_store

    write_store(copy)
    before = _rows("reviews-following-events", str(copy))
    # the TriG changes (a graph removed by hand): the store must follow, not answer from before
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("skg:Review", "skg:Inquiry"), encoding="utf-8")
    assert not is_fresh(copy)
    after = _rows("reviews-following-events", str(copy))
    assert is_fresh(copy)
    assert after != before


def test_push_gives_the_same_results_remotely_and_resumes(built: Path, server: str, tmp_path: Path) -> None:
    data = tmp_path / "graph.trig"
    data.write_bytes(built.read_bytes())
    written = pipeline.push(data, f"{server}/store")
    assert written > 5
    for name in ("reviews-following-events", "post-holders"):
        assert _rows(name, server) == _rows(name, str(data))
    # nothing changed: nothing is sent again
    assert pipeline.push(data, f"{server}/store") == 0
    # a push that stopped half-way: only the graphs not recorded are sent
    state = data.with_name(data.name + ".push.json")
    recorded = json.loads(state.read_text(encoding="utf-8"))
    graphs = recorded[f"{server}/store"]
    dropped = sorted(graphs)[:2]
    for g in dropped:
        del graphs[g]
    state.write_text(json.dumps(recorded), encoding="utf-8")
    assert pipeline.push(data, f"{server}/store") == 2
    assert _rows("reviews-following-events", server) == _rows("reviews-following-events", str(data))


def test_push_cli_reports_an_unreachable_endpoint(built: Path) -> None:
    result = CliRunner().invoke(main, ["push", "--data", str(built), "--endpoint",
                                       f"http://127.0.0.1:{_free_port()}/store"])
    assert result.exit_code == 2
    assert "Error: cannot reach" in result.output


def test_serve_answers_read_only_on_localhost(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-m", "statementkg.cli", "serve", "--data", str(built),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ})
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _answers(base):
            time.sleep(0.05)
        assert _answers(base)
        assert _rows("reviews-following-events", base) == _rows("reviews-following-events", str(built))
    finally:
        stop(process)
