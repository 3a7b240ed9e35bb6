"""The servers the tests start (Oxigraph, Virtuoso, local HTTP servers): asking whether one is up,
and stopping it by its process."""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request


def answers(query_url: str, timeout: float) -> bool:
    """Whether the SPARQL endpoint at ``query_url`` answers ``ASK {}``."""
    # no proxy: the server is on this machine whatever the environment says
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(f"{query_url}?query=ASK%7B%7D",
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def stop(process: subprocess.Popen[bytes] | subprocess.Popen[str], timeout: float = 10) -> None:
    """Ask the process to end, and kill it when it does not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
