"""Reader for Hansard extracts: title, ``Volume N: debated on <date>``, speaker line, body.

The speaker line follows Hansard's own forms: a minister by post, "The Minister for Security
(Dan Jarvis)"; a member by name with constituency and party, "Dame Diana Johnson (Kingston upon
Hull North) (Lab)"; a peer with party, "Lord Hanson of Flint (Lab)".  Time stamps Hansard puts
before a contribution ("12.31 pm") are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import SourceFormat, Span, Statement
from .dates import DateFormatError, parse_date
from .decode import input_error, shown
from .furniture import body_bounds, is_furniture_line
from .names import plain_name
from .normalise import line_at, line_starts

KIND = "hansard debate"
_HEAD_LINES = 12  # the "debated on" line is this near the top of an extract, or it is not one

# "Volume 727: debated on Wednesday 8 February 2023" (the title may run in before "Volume"), or
# a line that opens with "Debated on"; a sentence that merely mentions a debate is neither.
_DEBATED = re.compile(
    # (the date runs to the end of the line and its trailing blanks are stripped in code: a lazy
    # ".*?[ \t]*$" would retry at every space of a long run)
    r"^(?P<before>.*?)(?:\bVolume\s+\d+\s*:\s*|^[ \t]*)[Dd]ebated on\s+(?P<date>.*)$", re.MULTILINE
)
_TIME_STAMP = re.compile(r"\d{1,2}[.:]\d{2}\s*(?:am|pm)?", re.IGNORECASE)
_PAREN_LINE = re.compile(r"(?P<who>[^()]+?)\s*\((?P<a>[^()]+)\)(?:\s*\((?P<b>[^()]+)\))?")
# Party labels are short single tokens: "Lab", "Con", "LD", "SNP", "Lab/Co-op", "CB", "Ind".
_PARTY = re.compile(r"[A-Z][A-Za-z]{0,5}(?:[/-][A-Za-z-]{1,6})?")


def _head(text: str) -> str:
    lines = text.split("\n")
    non_blank = [i for i, line in enumerate(lines) if line.strip()]
    if not non_blank:
        return ""
    last = non_blank[min(len(non_blank), _HEAD_LINES) - 1]
    return "\n".join(lines[: last + 1])


def is_hansard(text: str) -> bool:
    """True when a "debated on" line stands among the first lines of ``text``."""
    return _DEBATED.search(_head(text)) is not None


def _speaker_line(line: str) -> tuple[str | None, str | None] | None:
    """(speaker, role) from a Hansard speaker line, or None when ``line`` is not one."""
    s = " ".join(line.split())
    if len(s) > 250:
        return None
    m = _PAREN_LINE.fullmatch(s)
    if m is None:
        return None
    who, a, b = m.group("who").strip(), m.group("a").strip(), m.group("b")
    by_post = who.startswith("The ") or who.startswith("the ")
    if b is not None:
        # "The Post (Name) (Party)" or "Name (Constituency) (Party)"
        return (plain_name(a), who[4:]) if by_post else (plain_name(who), None)
    if _PARTY.fullmatch(a) and not by_post:
        return plain_name(who), None
    if by_post:
        return plain_name(a), who[4:]
    return plain_name(who), None


def parse_hansard(text: str, path: Path) -> Statement:
    """A ``Statement`` from the normalised text of a Hansard extract."""
    m = _DEBATED.search(_head(text))
    if m is None:
        raise input_error(path, 1, "no 'debated on <date>' line", "give the Hansard heading with the date")
    written = m.group("date").rstrip(" \t")
    try:
        date = parse_date(written)
    except DateFormatError as exc:
        raise input_error(
            path, line_at(text, m.start("date")), f"cannot read the date {shown(written)} ({exc})",
            "write it as e.g. 'debated on Wednesday 8 February 2023'",
        ) from None

    # the title: the text before "Volume" on the same line, else the nearest line above
    before = m.group("before").strip()
    if before:
        t0 = m.start("before") + m.group("before").index(before)
        span: tuple[int, int] | None = (t0, t0 + len(before))
    else:
        span = None
        end = m.start() - 1
        while end >= 0 and span is None:
            ls = text.rfind("\n", 0, end) + 1
            line = text[ls:end]
            if line.strip() and not is_furniture_line(line):
                t0 = ls + len(line) - len(line.lstrip())
                span = (t0, t0 + len(line.strip()))
            end = ls - 1
    if span is None:
        raise input_error(
            path, line_at(text, m.start()), "no title above the 'debated on' line",
            "put the debate title on the first line",
        )

    # the speaker line: the first line after the heading that is not a time stamp or furniture
    speaker = role = None
    pos = m.end() + 1
    body_from = m.end()
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line and not _TIME_STAMP.fullmatch(line) and not is_furniture_line(line):
            found = _speaker_line(line)
            if found is not None:
                speaker, role = found
                body_from = end
            break
        body_from = end
        pos = end + 1

    body_start, body_end = body_bounds(text, body_from, len(text))
    if body_start >= body_end:
        raise input_error(
            path, line_at(text, body_from), "no statement text after the heading",
            "add the text of the contribution after the speaker line",
        )
    title = text[span[0] : span[1]]
    return Statement(
        stem=path.stem, path=str(path), text=text, body_start=body_start, body_end=body_end,
        title=title, title_span=Span(*span), kind=KIND, date=date, source_format=SourceFormat.HANSARD,
        speaker=speaker, role=role, department=None, url=None, line_starts=line_starts(text),
    )
