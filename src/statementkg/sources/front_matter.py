"""Reader for statements with YAML front matter (``title``, ``kind``, ``date``, ``speaker``, ...).

The file opens with a ``---`` line, the metadata as YAML, a closing ``---`` (or ``...``) line,
then the body.  ``title`` and ``date`` are required; ``kind`` defaults to "statement".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Any

import yaml

from ..limits import MAX_FRONT_MATTER_BYTES, MAX_NESTING, MAX_NUMBER_DIGITS
from ..model import SourceFormat, Span, Statement
from .dates import DateFormatError, parse_date
from .decode import input_error, shown
from .furniture import body_bounds
from .names import plain_name
from .normalise import line_starts

KEYS = ("title", "kind", "date", "speaker", "role", "department", "url")
_DEFAULT_KIND = "statement"
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class _ValueProblem(Exception):
    """A YAML value that parses but cannot be made into a Python value (raised with its line)."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line, self.what = line, what


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader with aliases refused and nesting bounded.

    Aliases are what makes "billion laughs" documents explode; metadata never needs them.  A
    value the safe constructors cannot build (31 February, hour 25, ``!!float`` on a word, a
    4,301-digit integer) becomes a ``_ValueProblem`` carrying the line it stands on.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _ValueProblem(event.start_mark.line, "an alias (*name): front matter may not use YAML aliases")
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _ValueProblem(event.start_mark.line, f"values nested deeper than {MAX_NESTING} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        if node.tag == "tag:yaml.org,2002:int" and len(value) > MAX_NUMBER_DIGITS:
            raise _ValueProblem(node.start_mark.line, f"a number with more than {MAX_NUMBER_DIGITS} digits")
        try:
            return super().construct_object(node, deep=deep)
        except (_ValueProblem, yaml.YAMLError):
            raise
        except (ValueError, TypeError, OverflowError, ArithmeticError, AttributeError, IndexError) as exc:
            why = _first_line(exc) if isinstance(exc, ValueError) else f"not a valid {node.tag.rsplit(':', 1)[-1]}"
            raise _ValueProblem(node.start_mark.line, f"cannot read the value {shown(value, 40)} ({why})") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line if len(line) <= 80 else line[:77] + "..."


def _load_yaml(block: str) -> Any:
    loader = _BoundedLoader(block)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def has_front_matter(text: str) -> bool:
    return text.startswith("---\n") or text.rstrip("\n") == "---"


def _key_line(lines: list[str], key: str) -> int:
    """1-based file line of ``key:`` in the front matter (which starts on file line 2), else 1."""
    for i, line in enumerate(lines):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return i + 2
    return 1


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return None
    s = " ".join(str(value).split())
    return s or None


def _date(value: Any, path: Path, line: int) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value))
    except DateFormatError as exc:
        raise input_error(
            path, line, f"cannot read the date {shown(str(value))} ({exc})", "write it as e.g. date: 2024-12-17"
        ) from None


def parse_front_matter(text: str, path: Path) -> Statement:
    """A ``Statement`` from the normalised text of a file that opens with ``---``."""
    close = _CLOSE.search(text, 4)
    if close is None:
        raise input_error(
            path, 1, "front matter opened with '---' is never closed",
            "add a '---' line after the metadata, before the statement text",
        )
    block = text[4 : close.start()]
    if len(block.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise input_error(
            path, 2, f"front matter is larger than {MAX_FRONT_MATTER_BYTES // 1024} KiB",
            "keep only the metadata keys (title, kind, date, speaker, role, department, url) in it",
        )
    lines = block.split("\n")
    try:
        meta = _load_yaml(block) if block.strip() else {}
    except _ValueProblem as exc:
        raise input_error(path, exc.line + 2, f"front matter: {exc.what}", "fix the value") from None
    except RecursionError:
        raise input_error(path, 2, "front matter nests too deeply", "keep to 'key: value' lines") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "syntax error"
        raise input_error(
            path, line, f"front matter is not valid YAML ({problem})", "fix the YAML syntax"
        ) from None
    if not isinstance(meta, dict):
        raise input_error(
            path, 2, "front matter is not a set of 'key: value' lines",
            "write e.g. 'title: ...' and 'date: ...'",
        )
    for key in meta:
        close_to = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.75)
        if str(key) not in KEYS and close_to:
            raise input_error(
                path, _key_line(lines, str(key)), f"unknown front matter key {key!r}",
                f"did you mean {close_to[0]!r}?",
            )
    title = _as_text(meta.get("title"))
    if title is None:
        raise input_error(path, 1, "front matter has no 'title'", "add e.g. 'title: Southport Inquiry'")
    if meta.get("date") is None:
        raise input_error(path, 1, "front matter has no 'date'", "add e.g. 'date: 2024-12-17'")
    date = _date(meta["date"], path, _key_line(lines, "date"))

    # the title as it stands in the file (quoted or not), for evidence that quotes it
    span = None
    title_line = _key_line(lines, "title")
    if title_line > 1:
        line_start = 4 + sum(len(x) + 1 for x in lines[: title_line - 2])
        at = text.find(title, line_start, line_start + len(lines[title_line - 2]))
        if at >= 0:
            span = Span(at, at + len(title))

    body_start, body_end = body_bounds(text, close.end(), len(text))
    if body_start >= body_end:
        raise input_error(
            path, text.count("\n", 0, close.start()) + 1, "no statement text after the front matter",
            "add the text of the statement after the closing '---' line",
        )
    speaker = _as_text(meta.get("speaker"))
    return Statement(
        stem=path.stem, path=str(path), text=text, body_start=body_start, body_end=body_end,
        title=title, title_span=span, kind=(_as_text(meta.get("kind")) or _DEFAULT_KIND).lower(), date=date,
        source_format=SourceFormat.FRONT_MATTER, speaker=plain_name(speaker) if speaker else None,
        role=_as_text(meta.get("role")), department=_as_text(meta.get("department")),
        url=_as_text(meta.get("url")), line_starts=line_starts(text),
    )
