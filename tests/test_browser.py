"""The timeline page in a real browser: Debian's headless Chromium, driven over the DevTools protocol.

A small stdlib client (subprocess, socket, one websocket) stands in for Playwright or Selenium, so
the test needs no extra package and never downloads a browser.  It opens the page from disk, counts
the events drawn, clicks one on the canvas and reads its quote in the details panel, filters,
zooms, and leaves a screenshot in build/ for people to look at.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from statementkg.timeline import load_timeline_events, render_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "graphs" / "timeline-small.trig"
SAMPLE = ROOT / "tests" / "data" / "graphs" / "sample.trig"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--remote-debugging-port=0", "--window-size=1400,1000", "--hide-scrollbars", "--mute-audio",
]


class DevTools:
    """Just enough of the Chrome DevTools Protocol: one page target, commands, and the events seen."""

    def __init__(self, ws_url: str) -> None:
        rest = ws_url.split("://", 1)[1]
        hostport, path = rest.split("/", 1)
        host, port = hostport.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("DevTools closed the websocket handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(f"DevTools refused the websocket: {head[:200]!r}")
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def _recv_exact(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("DevTools closed the websocket")
            data += chunk
        return data

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _recv_message(self) -> dict[str, Any]:
        parts: list[bytes] = []
        while True:
            b0, b1 = self._recv_exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._recv_exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._recv_exact(8))[0]
            mask = self._recv_exact(4) if b1 & 0x80 else b""
            payload = self._recv_exact(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 0x9:  # ping
                self._send_frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the websocket")
            if opcode in (0x0, 0x1, 0x2):
                parts.append(payload)
                if b0 & 0x80:
                    message: dict[str, Any] = json.loads(b"".join(parts))
                    return message

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self._send_frame(0x1, json.dumps({"id": self.next_id, "method": method, "params": params}).encode())
        while True:
            message = self._recv_message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            time.sleep(0.05)

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=0 if kind == "mouseMoved" else 1)

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[DevTools]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI; install Debian's chromium (make browser)")
        pytest.skip(f"{CHROMIUM} is missing; `make browser` installs Debian's chromium")
    profile = Path(tempfile.mkdtemp(prefix="statementkg-chromium-"))
    proc = subprocess.Popen([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as resp:
            targets = json.load(resp)
        page = next(t for t in targets if t["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        tools.send("Page.enable")
        tools.send("Runtime.enable")
        tools.send("Network.enable")
        tools.send("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1,
                   mobile=False)
        yield tools
        tools.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(tools: DevTools, path: Path) -> None:
    tools.events.clear()
    tools.send("Page.navigate", url=path.resolve().as_uri())
    tools.wait_for("document.readyState === 'complete' && document.body.dataset.ready === '1'")
    tools.wait_for("document.body.dataset.listEvents !== undefined")


def page_errors(tools: DevTools) -> list[str]:
    errors = [json.dumps(e["params"])[:300] for e in tools.events
              if e.get("method") == "Runtime.exceptionThrown"]
    errors += [json.dumps(e["params"]["args"])[:300] for e in tools.events
               if e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") == "error"]
    return errors


def requested_urls(tools: DevTools) -> list[str]:
    return [e["params"]["request"]["url"] for e in tools.events
            if e.get("method") == "Network.requestWillBeSent"]


def screenshot(tools: DevTools, name: str) -> Path:
    out = ROOT / "build" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    data = tools.send("Page.captureScreenshot", format="png", captureBeyondViewport=False)["data"]
    out.write_bytes(base64.b64decode(data))
    return out


def list_item(iri: str) -> str:
    return f'#event-list li[data-event-iri="{iri}"]'


def drawn_at(tools: DevTools, iri: str) -> tuple[float, float]:
    """Where the event is drawn, in page coordinates (its list item carries the canvas position)."""
    x, y = tools.evaluate(
        f"(() => {{ const li = document.querySelector('{list_item(iri)}');"
        " const r = document.getElementById('timeline-canvas').getBoundingClientRect();"
        " return [r.left + Number(li.dataset.x), r.top + Number(li.dataset.y)]; })()"
    )
    return float(x), float(y)


def drawn(tools: DevTools) -> int:
    return int(tools.evaluate("document.body.dataset.drawnEvents"))


def listed(tools: DevTools) -> int:
    tools.evaluate("new Promise(r => setTimeout(r, 200))")  # the list follows the canvas on a short timer
    return int(tools.evaluate("document.querySelectorAll('#event-list li[data-event-iri]').length"))


def test_page_from_disk_draws_clicks_filters_and_zooms(browser: DevTools, tmp_path: Path) -> None:
    events = load_timeline_events(FIXTURE)
    page = tmp_path / "timeline.html"
    page.write_text(render_html(events, title="Timeline fixture"), encoding="utf-8")
    open_page(browser, page)

    # Nothing but the page itself is loaded.
    assert [u for u in requested_urls(browser) if not u.startswith(("file:", "data:", "about:"))] == []
    dated = [ev for ev in events if ev.dated]
    assert drawn(browser) == len(dated) == int(browser.evaluate("document.body.dataset.markedEvents"))
    assert listed(browser) == len(dated)
    assert browser.evaluate("document.querySelectorAll('#undated-list li[data-event-iri]').length") == \
        len(events) - len(dated)

    # Click the Southport attack where it is drawn on the canvas; its quote shows in the details panel.
    attack = next(ev for ev in events if ev.iri.endswith("/event/southport-attack"))
    where = drawn_at(browser, attack.iri)
    browser.click(where[0], where[1])
    browser.wait_for(f"document.body.dataset.selected === {json.dumps(attack.iri)}")
    details = browser.evaluate("document.getElementById('details').innerText")
    assert attack.quotes[0].text in details
    assert attack.quotes[0].statement_title in details
    assert "Axel Rudakubana" in details and "Southport Inquiry" in details  # participant and linked review
    # Hovering shows the same event in a tooltip; then move away for a clean screenshot.
    assert "Southport attack" in browser.evaluate("document.getElementById('tooltip').innerText")
    browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=5, y=5)
    browser.wait_for("document.getElementById('tooltip').hidden")
    shot = screenshot(browser, "timeline-screenshot.png")
    assert shot.stat().st_size > 10_000

    # A linked review in the panel jumps to that review.
    browser.evaluate("[...document.querySelectorAll('#details li[data-review-iri] .linkish')]"
                     ".find(b => b.textContent === 'Southport Inquiry').click()")
    browser.wait_for("document.body.dataset.selected.endsWith('/event/southport-inquiry')")

    # Filtering out the statements removes their marks.
    statements = sum(1 for ev in dated if ev.type == "Statement")
    browser.evaluate("document.querySelector('#type-filters input[data-type=\"Statement\"]').click()")
    browser.wait_for(f"document.body.dataset.drawnEvents === '{len(dated) - statements}'")
    assert listed(browser) == len(dated) - statements

    # A person filter keeps only that person's events.
    with_anderson = sum(1 for ev in dated if ev.type != "Statement"
                        and any(p.label == "David Anderson" for p in ev.participants))
    browser.evaluate("(() => { const s = document.getElementById('person-filter');"
                     " s.value = [...s.options].find(o => o.text.startsWith('David Anderson')).value;"
                     " s.dispatchEvent(new Event('change')); })()")
    browser.wait_for(f"document.body.dataset.drawnEvents === '{with_anderson}'")
    browser.evaluate("document.getElementById('reset-filters').click()")
    browser.wait_for(f"document.body.dataset.drawnEvents === '{len(dated)}'")

    # Zoom in with the buttons and the wheel: fewer events in view, and the axis reaches days.
    before = browser.evaluate("document.getElementById('zoom-level').textContent")
    for _ in range(3):
        browser.evaluate("document.getElementById('zoom-in').click()")
    browser.wait_for(f"document.getElementById('zoom-level').textContent !== {json.dumps(before)}")
    assert drawn(browser) < len(dated)
    # The wheel, over the attack, zooms down to days and keeps the attack under the pointer.
    browser.evaluate("document.getElementById('zoom-fit').click()")
    browser.wait_for(f"document.body.dataset.drawnEvents === '{len(dated)}'")
    where = drawn_at(browser, attack.iri)
    for _ in range(14):
        browser.send("Input.dispatchMouseEvent", type="mouseWheel", x=where[0], y=where[1],
                     deltaX=0, deltaY=-400)
    browser.wait_for("/\\(\\d+ days across\\)/.test(document.getElementById('zoom-level').textContent)")
    assert listed(browser) < len(dated)
    assert browser.evaluate(f"!!document.querySelector('{list_item(attack.iri)}[data-x]')")
    browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=5, y=5)
    screenshot(browser, "timeline-screenshot-zoomed.png")
    # The keyboard does the same with the chart focused: 0 fits, arrows pan.
    browser.evaluate("document.getElementById('timeline-canvas').focus()")
    browser.send("Input.dispatchKeyEvent", type="keyDown", key="0", text="0")
    browser.wait_for(f"document.body.dataset.drawnEvents === '{len(dated)}'")
    fitted = browser.evaluate("document.getElementById('zoom-level').textContent")
    browser.send("Input.dispatchKeyEvent", type="rawKeyDown", key="ArrowRight", code="ArrowRight",
                 windowsVirtualKeyCode=39)
    browser.wait_for(f"document.getElementById('zoom-level').textContent !== {json.dumps(fitted)}")
    assert page_errors(browser) == []


def test_quote_with_markup_stays_text(browser: DevTools, tmp_path: Path) -> None:
    events = load_timeline_events(FIXTURE)
    from dataclasses import replace

    from statementkg.timeline import Quote

    hostile = "</script><img src=x onerror=\"document.body.dataset.pwned=1\"> & <b>bold</b>"
    attack = next(ev for ev in events if ev.iri.endswith("/event/southport-attack"))
    events = [replace(ev, label=hostile, quotes=(Quote(hostile, *ev.quotes[0][1:]),)) if ev is attack else ev
              for ev in events]
    page = tmp_path / "hostile.html"
    page.write_text(render_html(events), encoding="utf-8")
    open_page(browser, page)
    browser.evaluate("document.querySelector('#event-list li[data-event-iri$=\"/southport-attack\"] button')"
                     ".click()")
    browser.wait_for("document.body.dataset.selected !== undefined")
    assert hostile in browser.evaluate("document.getElementById('details').innerText")
    assert browser.evaluate("document.body.dataset.pwned") is None
    assert page_errors(browser) == []


def test_ten_thousand_events_stay_readable(browser: DevTools, tmp_path: Path) -> None:
    from test_timeline import synthetic_events

    events = synthetic_events(10_000)
    page = tmp_path / "big.html"
    page.write_text(render_html(events, title="10,000 synthetic events"), encoding="utf-8")
    start = time.monotonic()
    open_page(browser, page)
    assert drawn(browser) == sum(1 for ev in events if ev.dated)
    screenshot(browser, "timeline-screenshot-10000.png")
    # Zooming and filtering a big page still answers (a generous bound: this is a smoke test).
    for _ in range(4):
        browser.evaluate("document.getElementById('zoom-in').click()")
    browser.evaluate("document.querySelector('#type-filters input').click()")
    browser.wait_for(f"Number(document.body.dataset.drawnEvents) < {sum(1 for ev in events if ev.dated)}")
    assert time.monotonic() - start < 60
    assert page_errors(browser) == []


@pytest.mark.skipif(not SAMPLE.exists(), reason="tests/data/graphs/sample.trig is not written yet")
def test_sample_dataset_page(browser: DevTools, tmp_path: Path) -> None:
    events = load_timeline_events(SAMPLE)
    page = tmp_path / "sample.html"
    page.write_text(render_html(events), encoding="utf-8")
    open_page(browser, page)
    assert drawn(browser) == sum(1 for ev in events if ev.dated)
    assert page_errors(browser) == []
