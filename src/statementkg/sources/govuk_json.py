"""Reader for GOV.UK Content API items (speeches, oral and written statements) as JSON.

The stored text is the title, a blank line, and ``details.body`` rendered from HTML to plain
text (one paragraph per block element, paragraphs separated by blank lines).  Metadata comes
from ``details.delivered_on`` (else ``first_published_at``), ``links.speaker`` (else
``details.person_override``, else ``links.people``), ``links.roles``, ``links.organisations``,
``base_path`` and ``document_type``.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..limits import json_limit_problem
from ..model import SourceFormat, Span, Statement
from .dates import DateFormatError, parse_date
from .decode import input_error
from .names import plain_name
from .normalise import normalise_text

GOVUK = "https://www.gov.uk"

# Elements that start a new paragraph; everything else is inline.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tbody", "thead", "tfoot", "tr", "ul",
})
_CELLS = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "template", "noscript"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace; a no-break space is content
_BREAK = "\n"


class _TextRenderer(HTMLParser):
    """Collects the text of an HTML fragment as paragraphs (entities unescaped by the parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._parts: list[str] = []
        self._skip = 0
        self._pre = 0

    def _flush(self) -> None:
        raw = "".join(self._parts)
        self._parts = []
        if self._pre:
            text = raw.strip("\n")
        else:
            # collapse HTML whitespace, but keep the line breaks <br> asked for
            lines = [_HTML_SPACE.sub(" ", piece).strip() for piece in raw.split("\x00")]
            text = _BREAK.join(line for line in lines if line)
        if text.strip():
            self.paragraphs.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "br":
            self._parts.append("\x00")
        elif tag in _CELLS:
            self._parts.append(" ")
        elif tag in _BLOCKS:
            self._flush()
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._parts.append("\x00")
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._flush()
            if tag == "pre":
                self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts.append(data.replace("\x00", ""))

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_text(html: str) -> str:
    """Plain text of an HTML body: one paragraph per block, blank lines between paragraphs."""
    renderer = _TextRenderer()
    renderer.feed(html)
    renderer.close()
    return "\n\n".join(renderer.paragraphs)


def _line_of_key(raw: str, key: str) -> int:
    m = re.search(rf'"{re.escape(key)}"\s*:', raw)
    return raw.count("\n", 0, m.start()) + 1 if m else 1


def _first_title(links: Any, name: str) -> str | None:
    items = links.get(name) if isinstance(links, dict) else None
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("title"), str) and item["title"].strip():
                return " ".join(item["title"].split())
    return None


def _kind(document_type: Any, schema_name: Any) -> str:
    for value in (document_type, schema_name):
        if isinstance(value, str) and value.strip():
            return value.strip().replace("_", " ").lower()
    return "statement"


def looks_like_json(text: str) -> bool:
    return text.lstrip().startswith("{")


def load_json(raw: str, path: Path) -> Any:
    """The JSON value in ``raw``, refusing deep nesting and huge numbers before parsing."""
    problem = json_limit_problem(raw)
    if problem is not None:
        line, what = problem
        raise input_error(path, line, f"{what}", "give the JSON of a GOV.UK speech or statement")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise input_error(
            path, exc.lineno, f"not valid JSON at column {exc.colno} ({exc.msg})", "fix the JSON syntax"
        ) from None
    except (ValueError, RecursionError) as exc:  # belt and braces behind the scan above
        raise input_error(path, 1, f"the JSON cannot be read ({type(exc).__name__})", "fix the JSON") from None


def parse_content_item(raw: str, path: Path) -> Statement:
    """A ``Statement`` from the text of a Content API JSON file (decoded, not yet normalised)."""
    item = load_json(raw, path)
    what = "not a GOV.UK Content API item"
    fix = "give the JSON of a speech or statement (with 'title' and 'details.body')"
    if not isinstance(item, dict):
        raise input_error(path, 1, f"{what} (the JSON is not an object)", fix)
    title = item.get("title")
    details = item.get("details")
    body_html = details.get("body") if isinstance(details, dict) else None
    if not isinstance(title, str) or not title.strip():
        raise input_error(path, _line_of_key(raw, "title"), f"{what} (no 'title')", fix)
    if not isinstance(body_html, str) or not body_html.strip():
        raise input_error(path, _line_of_key(raw, "details"), f"{what} (no 'details.body')", fix)
    assert isinstance(details, dict)

    date_key, written = "delivered_on", details.get("delivered_on")
    if not written:
        date_key, written = "first_published_at", item.get("first_published_at")
    if not written:
        date_key, written = "public_updated_at", item.get("public_updated_at")
    if not isinstance(written, str) or not written.strip():
        raise input_error(
            path, 1, f"{what}: no date ('details.delivered_on' or 'first_published_at')",
            "add 'first_published_at' with an ISO date",
        )
    try:
        date = parse_date(written)
    except DateFormatError as exc:
        raise input_error(
            path, _line_of_key(raw, date_key), f"cannot read the date {written!r} in '{date_key}' ({exc})",
            "write it as an ISO date such as 2024-12-17T00:00:00+00:00",
        ) from None

    title_text = re.sub(r"\s+", " ", normalise_text(title)).strip()
    body = normalise_text(html_to_text(body_html)).strip()
    if not body:
        raise input_error(path, _line_of_key(raw, "body"), f"{what} ('details.body' has no text)", fix)
    text = f"{title_text}\n\n{body}"
    body_start = len(title_text) + 2

    links = item.get("links")
    person = _first_title(links, "speaker")
    override = details.get("person_override")
    if person is None and isinstance(override, str) and override.strip():
        person = override
    if person is None:
        person = _first_title(links, "people")
    base_path = item.get("base_path")
    url = GOVUK + base_path if isinstance(base_path, str) and base_path.startswith("/") else None

    # file:line messages for JSON point at the JSON line holding the title or the body: every
    # line of the file up to the title's "starts" at offset 0, every later one at the body
    title_line, body_line = _line_of_key(raw, "title"), _line_of_key(raw, "body")
    if title_line <= body_line:
        starts = (0,) * title_line + (body_start,) * (body_line - title_line)
    else:
        starts = (0,) * body_line
    return Statement(
        stem=path.stem, path=str(path), text=text, body_start=body_start, body_end=len(text),
        title=title_text, title_span=Span(0, len(title_text)), kind=_kind(item.get("document_type"),
        item.get("schema_name")), date=date, source_format=SourceFormat.GOVUK_JSON,
        speaker=plain_name(person) if person else None, role=_first_title(links, "roles"),
        department=_first_title(links, "organisations"), url=url, line_starts=starts,
    )
