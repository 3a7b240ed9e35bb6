"""Servers for the linking tests: an Oxigraph server loaded with a file, and a scripted local HTTP server."""

from __future__ import annotations

import http.server
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import _answers, _free_port, _oxigraph_binary
from process_support import stop


@contextmanager
def oxigraph_with(data: Path, workdir: Path) -> Iterator[str]:
    """``oxigraph serve`` on 127.0.0.1 with ``data`` (Turtle) in its default graph; stopped by PID afterwards."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (workdir / "oxigraph.log").open("wb")
    process = subprocess.Popen(
        [str(_oxigraph_binary()), "serve", "--location", str(workdir / "store"), "--bind", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None and not _answers(base):
            time.sleep(0.05)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        request = urllib.request.Request(f"{base}/store?default", data=data.read_bytes(), method="POST",
                                         headers={"Content-Type": "text/turtle"})
        with opener.open(request, timeout=30):
            pass
        yield base
    finally:
        stop(process)
        log.close()


Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@contextmanager
def http_server(handler: Handler) -> Iterator[str]:
    """A local HTTP server whose every GET and POST is answered by ``handler``; yields its base URL."""

    class _H(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            handler(self)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.body = self.rfile.read(length)  # type: ignore[attr-defined]
            handler(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _H)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def reply(h: http.server.BaseHTTPRequestHandler, status: int, body: bytes, content_type: str = "application/json",
          headers: dict[str, str] | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Type", content_type)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)
