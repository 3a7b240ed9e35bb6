"""Shared pytest fixtures: the sample dataset, and real Oxigraph and Virtuoso servers on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from process_support import answers, stop
from virtuoso_support import Virtuoso, VirtuosoUnavailable, start_virtuoso, stop_virtuoso

DATA = Path(__file__).parent / "data"
SAMPLE_TRIG = DATA / "graphs" / "sample.trig"


@pytest.fixture(scope="session")
def sample_trig() -> Path:
    """A hand-written dataset in the build's graph shape (a slice of dev statements d01 and d03)."""
    return SAMPLE_TRIG


def _oxigraph_binary() -> Path:
    beside_python = Path(sys.executable).parent / "oxigraph"
    if beside_python.is_file():
        return beside_python
    found = shutil.which("oxigraph")
    if found is None:
        pytest.fail("the `oxigraph` server binary is missing; run `make venv` (it installs the dev extras)")
    return Path(found)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _answers(base_url: str) -> bool:
    return answers(f"{base_url}/query", timeout=1)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a fresh ``oxigraph serve`` (``/query``, ``/update``, ``/store``), stopped afterwards."""
    binary = _oxigraph_binary()
    with pytest.MonkeyPatch.context() as env:
        # requests to the local server must not go through a proxy set in the environment
        env.setenv("no_proxy", "127.0.0.1,localhost")
        env.setenv("NO_PROXY", "127.0.0.1,localhost")
        for attempt in range(3):  # a free port can be taken between choosing and binding it
            location = tmp_path_factory.mktemp("oxigraph")
            log_path = location.parent / f"{location.name}.log"
            port = _free_port()
            base_url = f"http://127.0.0.1:{port}"
            with log_path.open("wb") as log:
                process = subprocess.Popen(
                    [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )
            try:
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline and process.poll() is None and not _answers(base_url):
                    time.sleep(0.05)
                if process.poll() is None and _answers(base_url):
                    yield base_url
                    return
                if attempt == 2:
                    log_text = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                    pytest.fail(f"oxigraph serve did not answer on {base_url}; its log:\n{log_text}")
            finally:
                stop(process)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A fresh OpenLink Virtuoso of this session (``/sparql``, ``/sparql-graph-crud-auth``), stopped by PID.

    Never skipped: without Virtuoso installed the tests that use it fail, saying how to install it.
    """
    with pytest.MonkeyPatch.context() as env:
        env.setenv("no_proxy", "127.0.0.1,localhost")
        env.setenv("NO_PROXY", "127.0.0.1,localhost")
        for attempt in range(3):  # a free port can be taken between choosing and binding it
            folder = tmp_path_factory.mktemp("virtuoso")
            http_port, sql_port = _free_port(), _free_port()
            while sql_port == http_port:
                sql_port = _free_port()
            try:
                server = start_virtuoso(folder, http_port, sql_port)
            except VirtuosoUnavailable as exc:
                shutil.rmtree(folder, ignore_errors=True)
                if attempt == 2 or "not installed" in str(exc):
                    pytest.fail(str(exc), pytrace=False)
                continue
            try:
                yield server
            finally:
                stop_virtuoso(server)
                shutil.rmtree(folder, ignore_errors=True)
            return
