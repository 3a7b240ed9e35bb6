"""The bounds statementkg keeps on untrusted input: sizes, nesting depths, number lengths, time.

Every reader and stage checks its input against one of these before doing work that could grow
faster than the input, and refuses it with a ``StatementKGError`` naming file and line.  The
values are the defaults; callers that need others pass their own.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError, StatementKGError

#: YAML front matter larger than this is refused (metadata is a few lines)
MAX_FRONT_MATTER_BYTES = 64 * 1024
#: a corrections file (STEM.corrections.yaml) larger than this is refused
MAX_CORRECTIONS_BYTES = 256 * 1024
#: deepest nesting of lists and mappings in front matter or JSON
MAX_NESTING = 64
#: longest run of digits a number in JSON may have
MAX_NUMBER_DIGITS = 100
#: seconds one statement may take to read and extract before it is refused
DEFAULT_TIME_BUDGET = 120.0
#: graph files from elsewhere larger than this are refused by ``validate``/``export`` (bytes)
DEFAULT_MAX_GRAPH_BYTES = int(os.environ.get("STATEMENTKG_MAX_GRAPH_BYTES", 512 * 1024 * 1024))

_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.DOTALL)
_LONG_NUMBER = re.compile(rf"\d{{{MAX_NUMBER_DIGITS + 1},}}")


def json_limit_problem(raw: str) -> tuple[int, str] | None:
    """(line, what) when ``raw`` nests deeper than ``MAX_NESTING`` or holds a too-long number, else None.

    Scans once, skipping strings, so that the JSON parser never recurses deeply or converts a
    number with thousands of digits.
    """
    depth = 0
    for m in _JSON_TOKENS.finditer(raw):
        ch = m.group()[0]
        if ch in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = raw.count("\n", 0, m.start()) + 1
                return line, f"the JSON nests deeper than {MAX_NESTING} levels"
        elif ch in "]}":
            depth -= 1
    masked = _JSON_TOKENS.sub(lambda m: '""' if m.group()[0] == '"' else m.group(), raw)
    long = _LONG_NUMBER.search(masked)
    if long is not None:
        # count the line in the original text: the masked text keeps no line breaks of strings
        digits = long.group()
        at = raw.find(digits)
        line = raw.count("\n", 0, at) + 1 if at >= 0 else 1
        return line, f"a number with more than {MAX_NUMBER_DIGITS} digits"
    return None


class TimeBudgetExceeded(StatementKGError):
    """Work on one statement took longer than its time budget."""


@contextmanager
def time_budget(seconds: float | None, what: str) -> Iterator[None]:
    """Raise ``TimeBudgetExceeded`` naming ``what`` if the block runs longer than ``seconds``.

    Uses ``SIGALRM`` (the regular-expression engine checks for signals while it matches), so it
    works in the main thread of a POSIX process; elsewhere, or with ``seconds`` None or 0, the
    block runs unbounded.
    """
    usable = (
        seconds is not None and seconds > 0 and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def expire(signum: int, frame: object) -> None:
        raise TimeBudgetExceeded(
            f"{what}: still working after {seconds:g} s (the per-statement time budget); "
            "the file is probably not a statement (e.g. a huge run of repeated text): check it, "
            "split it, or raise the budget with --time-budget"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def safe_resolve(path: Path) -> Path:
    """``path.resolve()``, with a symlink loop or unreadable link an ``InputError``."""
    try:
        return path.resolve()
    except (RuntimeError, OSError) as exc:
        why = "a symbolic link loop" if isinstance(exc, RuntimeError) or getattr(exc, "errno", 0) == 40 else (
            getattr(exc, "strerror", None) or str(exc))
        raise InputError(f"{path}: cannot follow the path ({why}); fix or remove the link") from None
