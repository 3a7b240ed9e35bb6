"""Reader for text copied from a GOV.UK statement or speech page (possibly via a forum post).

The page's metadata block is a kind label ("Oral statement to Parliament"), the title, an
optional summary, ``From: <organisations> and <people>`` and ``Published <date>``.  Copies keep
it on separate lines (title first, or kind label first as the page shows it) or run it all into
one paragraph; forum copies wrap it in furniture (see ``furniture``).  The reader finds the
markers wherever they stand, so both layouts are read by the same rules.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import SourceFormat, Span, Statement
from .dates import DATE_PATTERN, DateFormatError, parse_date
from .decode import input_error
from .furniture import body_bounds, is_furniture_line, link_titles
from .names import split_from_line
from .normalise import line_at, line_starts

# The labels GOV.UK prints above a statement or speech title, and the kind each stands for.
# Labels naming Parliament are specific enough to be found inside a run-on paragraph; the
# one-word ones only count when they fill a line.
_INLINE_KINDS = {
    "Oral statement to Parliament": "oral statement",
    "Written statement to Parliament": "written statement",
    "Statement to Parliament": "statement",
}
_LINE_KINDS = {
    "Speech": "speech",
    "Authored article": "authored article",
    "Press release": "press release",
    "News story": "news story",
    "Statement": "statement",
}
_DEFAULT_KIND = "statement"

_KIND_INLINE = re.compile(
    r"(?:^|(?<=\s))(?P<kind>" + "|".join(re.escape(k) for k in _INLINE_KINDS) + r")(?=\s|$)", re.MULTILINE
)
_KIND_LINE = re.compile(
    r"^[ \t]*(?P<kind>" + "|".join(re.escape(k) for k in _LINE_KINDS) + r")[ \t]*$", re.MULTILINE
)
_FROM = re.compile(r"(?:^|(?<=\s))From:[ \t]*", re.MULTILINE)
# A marker counts when a date-like word follows it, so prose such as "Published in 2019" is not one.
_DATE_AHEAD = r"(?=\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
_PUBLISHED = re.compile(r"(?:^|(?<=\s))Published:?\s+" + _DATE_AHEAD)
_DELIVERED = re.compile(r"(?:^|(?<=\s))Delivered on:?\s+" + _DATE_AHEAD)
_DATE_AT = re.compile(DATE_PATTERN)
# "(Transcript of the speech, exactly as it was delivered)" after a date belongs to the metadata
_DATE_NOTE = re.compile(r"[ \t]*\([^()\n]*\)")
# Where a run-on summary most likely starts when nothing else marks the end of the title.
_SUMMARY_START = re.compile(r"\s(?=(?:The|This|These|Today|Following|In|On|A|An)\s)")


@dataclass(frozen=True)
class _Dated:
    date: dt.date
    start: int  # of the marker ("Published")
    end: int  # after the date


def _date_after(text: str, marker: re.Match[str], path: Path, what: str) -> _Dated:
    m = _DATE_AT.match(text, marker.end())
    if m is None:
        written = " ".join(text[marker.end() : marker.end() + 40].split()[:4])
        raise input_error(
            path, line_at(text, marker.end()), f"{what} is not followed by a date (found {written!r})",
            f"write the date as e.g. '{what} 21 January 2025'",
        )
    try:
        day = parse_date(m.group(0))
    except DateFormatError as exc:
        raise input_error(
            path, line_at(text, m.start()), f"cannot read the date {m.group(0)!r} ({exc})",
            "write it as e.g. 21 January 2025",
        ) from None
    end = m.end()
    note = _DATE_NOTE.match(text, end)
    if note:
        end = note.end()
    return _Dated(day, marker.start(), end)


def _header_date(text: str, path: Path) -> tuple[_Dated, _Dated | None]:
    pub = _PUBLISHED.search(text)
    delivered = _DELIVERED.search(text)
    if pub is None and delivered is None:
        raise input_error(
            path, 1, "not a statement: no title and date metadata found",
            "add YAML front matter (title, date, ...) between '---' lines, or give a GOV.UK page copy "
            "with 'Published <date>', a Hansard extract with 'debated on <date>', or Content API JSON",
        )
    if pub and delivered and text.count("\n", pub.end(), delivered.start()) > 2:
        delivered = None  # a delivery date belongs beside the publication date, not in the prose
    published = _date_after(text, pub, path, "Published") if pub else None
    deliv = _date_after(text, delivered, path, "Delivered on") if delivered else None
    if published is None:
        assert deliv is not None
        return deliv, deliv
    return published, deliv


def _line_bounds(text: str, i: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return start, len(text) if end < 0 else end


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _previous_title_line(text: str, before: int) -> tuple[int, int] | None:
    """The nearest non-blank, non-furniture line before ``before`` (or the text before it on its line)."""
    line_start = text.rfind("\n", 0, before) + 1
    s, e = _stripped(text, line_start, before)
    if s < e and not is_furniture_line(text[s:e]):
        return s, e
    end = line_start - 1  # the line break closing the line above
    while end >= 0:
        ls = text.rfind("\n", 0, end) + 1
        s, e = _stripped(text, ls, end)
        if s < e and not is_furniture_line(text[s:e]):
            return s, e
        end = ls - 1
    return None


def _first_title_line(text: str, before: int) -> tuple[int, int] | None:
    """The first non-blank, non-furniture line of the text before ``before``."""
    pos = 0
    while pos < before:
        _, le = _line_bounds(text, pos)
        s, e = _stripped(text, pos, min(le, before))
        if s < e and not is_furniture_line(text[s:e]):
            return s, e
        pos = le + 1
    return None


def _common_word_prefix(a: str, b: str) -> int:
    """Length of the longest prefix of ``a`` made of whole words that ``b`` also starts with."""
    n = 0
    # one pass over the characters, not a prefix comparison per word (time ~ words x length)
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    for m in re.finditer(r"\S+", a):
        if m.end() > shared:
            break
        if m.end() == len(b) or b[m.end()].isspace():
            n = m.end()
    return n


def _title_in_run(text: str, start: int, end: int, others: list[str]) -> tuple[int, int]:
    """Where the title ends in a run "TITLE SUMMARY..." that has no line break between them.

    Cues, strongest first: the page title copied as a link elsewhere ("TITLE - GOV.UK"); the
    longest run of whole words this run shares with another line of the copy (a forum post is
    often titled after the page); a run with no full stop is all title; else the title ends
    where a summary sentence most likely starts.
    """
    run = text[start:end]
    for title in link_titles(text):
        n = _common_word_prefix(title, run)
        if n == len(title):
            return start, start + n
    best = 0
    for other in others:
        n = _common_word_prefix(other.strip(), run)
        if len(run[:n].split()) >= 2:
            best = max(best, n)
    if best:
        return _stripped(text, start, start + best)
    if not re.search(r"[.!?](?:\s|$)", run):
        return _stripped(text, start, end)
    m = _SUMMARY_START.search(run)
    if m and m.start() > 0:
        return _stripped(text, start, start + m.start())
    return _stripped(text, start, end)


def _find_kind(text: str, before: int) -> tuple[str, re.Match[str]] | None:
    """The kind label nearest above the metadata (a forum post title may mention another)."""
    for pattern, kinds in ((_KIND_INLINE, _INLINE_KINDS), (_KIND_LINE, _LINE_KINDS)):
        found = list(pattern.finditer(text, 0, before))
        if found:
            return kinds[found[-1].group("kind")], found[-1]
    return None


def _title_span(text: str, kind: re.Match[str] | None, meta_start: int) -> tuple[int, int] | None:
    """The title: next to the kind label (before it, or after it as GOV.UK prints it), else the first line."""
    links = set(link_titles(text))
    if kind is None:
        for s, e in _other_lines(text, meta_start):
            if text[s:e] in links:
                return s, e
        return _first_title_line(text, meta_start)
    before = _previous_title_line(text, kind.start())
    if before and text[before[0] : before[1]] in links:
        return before
    seg_start, seg_end = _stripped(text, kind.end(), meta_start)
    if seg_start < seg_end:
        # GOV.UK order: the label, then the title (and a summary) before "From:"
        line_end = min(_line_bounds(text, seg_start)[1], seg_end)
        if line_end < seg_end:
            return _stripped(text, seg_start, line_end)
        others = [text[s:e] for s, e in _other_lines(text, kind.start())]
        return _title_in_run(text, seg_start, seg_end, others)
    return before


def _line_offsets(text: str, before: int) -> list[int]:
    out = [0]
    i = text.find("\n", 0, before)
    while i >= 0:
        out.append(i + 1)
        i = text.find("\n", i + 1, before)
    return out


def _other_lines(text: str, before: int) -> list[tuple[int, int]]:
    out = []
    for p in _line_offsets(text, before):
        s, e = _stripped(text, *_line_bounds(text, p))
        if s < e and e <= before and not is_furniture_line(text[s:e]):
            out.append((s, e))
    return out


def parse_page_copy(text: str, path: Path) -> Statement:
    """A ``Statement`` from the normalised text of a GOV.UK page copy."""
    published, delivered = _header_date(text, path)
    date = (delivered or published).date
    meta_start = min(published.start, delivered.start) if delivered else published.start
    header_end = max(published.end, delivered.end) if delivered else published.end

    from_m: re.Match[str] | None = None
    for m in _FROM.finditer(text, 0, header_end):
        from_m = m
    if from_m is None:
        # "From:" may also follow the date line
        after = _FROM.search(text, header_end)
        if after and text.count("\n", header_end, after.start()) <= 2:
            from_m = after
    department = speaker = None
    if from_m is not None:
        stop = text.find("\n", from_m.end())
        stop = len(text) if stop < 0 else stop
        if from_m.start() < published.start:
            stop = min(stop, published.start)
        value = text[from_m.end() : stop]
        if not value.strip() and from_m.start() < published.start:
            # "From:" alone on its line, the organisations and people on the next (as pages print it)
            nxt = text.find("\n", stop + 1)
            stop = min(len(text) if nxt < 0 else nxt, published.start)
            value = text[from_m.end() : stop]
        department, speaker = split_from_line(value)
        meta_start = min(meta_start, from_m.start())
        header_end = max(header_end, stop)

    found = _find_kind(text, meta_start)
    kind = found[0] if found else _DEFAULT_KIND
    span = _title_span(text, found[1] if found else None, meta_start)
    if span is None:
        raise input_error(
            path, line_at(text, meta_start), "no title before the 'From:'/'Published' lines",
            "put the statement's title on the first line",
        )
    if found:
        header_end = max(header_end, found[1].end())
    header_end = max(header_end, span[1])

    body_start, body_end = body_bounds(text, header_end, len(text))
    if body_start >= body_end:
        raise input_error(
            path, line_at(text, header_end), "no statement text after the metadata",
            "add the text of the statement after the 'Published <date>' line",
        )
    title = text[span[0] : span[1]]
    return Statement(
        stem=path.stem, path=str(path), text=text, body_start=body_start, body_end=body_end,
        title=title, title_span=Span(*span), kind=kind, date=date, source_format=SourceFormat.GOVUK_PAGE,
        speaker=speaker, role=None, department=department, url=None, line_starts=line_starts(text),
    )

