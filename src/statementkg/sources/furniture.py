"""Page furniture around a statement's prose: forum headers, link lines, "Continues." notes.

Text copied from GOV.UK pages, Hansard and forums carries lines that are not the statement:
the forum's "Forum Topic" header, the page title as a link ("... - GOV.UK"), author and comment
counters ("David Ainsworth ● 108 Comments"), "Continues. See link :-", editors' notes such as
"Large section removed. See the link at end.", share/print links.  These patterns describe the
shape of such furniture, not any one statement; ``body_bounds`` trims it from the edges of the
body so extraction reads prose only.  Furniture inside the body cannot be cut out of a span and
stays (extraction sees it as a sentence with no facts).
"""

from __future__ import annotations

import re

# A whole line that is furniture (matched on the stripped line).
_FURNITURE_LINE = re.compile(
    r"""(?x)
      [Ff]orum\ [Tt]opic
    | [Rr]elated\ (?:content|links?)\b.*
    | .*\S\s+[-–—|]\s+GOV\.UK           # the page title, copied as a link
    | GOV\.UK
    | (?:https?://|www\.)\S+            # a bare link
    | .*●.*                             # author / comment-count lines of forums
    | \d+[^\W\d]*\s+[Cc]omments?         # (not \d+\w*: both runs would share the digits)
    | (?:[Ss]hare|[Pp]rint)\ this\ page
    | [Bb]ack\ to\ top
    | [Cc]ontents
    | [Ii]s\ this\ page\ useful\?.*
    | [Rr]eport\ a\ problem\ with\ this\ page
    | (?:Continues\.?\s*)?[Ss]ee\ (?:the\ )?links?\b.*
    | Continues\.?
    | (?:Last\ )?[Uu]pdated:?\s+\d.*    # "Last updated 22 January 2025 - see all updates"
    | (?:Location|Delivered\ on|Part\ of|Applies\ to):\s.*
    | [^\w]*                            # no letter or digit at all ("<", "---", "* * *")
    """
)

# An editor's note inside a paragraph: "Large section removed. See the link at end."
_NOTE = (
    r"\[?\s*(?:(?:[Ll]arge|[Ll]ong|[Aa])\s+)?(?:[Ss]ections?|[Pp]arts?|[Tt]ext|[Pp]aragraphs?)\s+"
    r"(?:removed|omitted|cut)\b[^.\n]*\.(?:\s*[Ss]ee\s+(?:the\s+)?links?\b[^.\n]*[.:]?-?)?\s*\]?"
)
# "Continues." closing a copied excerpt, with its pointer to the rest ("See link :-").
_CONTINUES = r"Continues\.(?:[ \t]*[Ss]ee\s+(?:the\s+)?links?\b[^\n]*)?"

_CUT = re.compile(rf"(?:^|(?<=\s)){_CONTINUES}[ \t]*(?=\n|\Z)", re.MULTILINE)
_LEAD_NOTE = re.compile(rf"\s*{_NOTE}")
_TAIL_NOTE = re.compile(rf"(?:^|(?<=\s)){_NOTE}\s*\Z")
# An editor's note is short: it is looked for only in this many last characters of the body, so
# that trimming does not retry the pattern at every space of a long run (time ~ run squared).
_TAIL_WINDOW = 600
_LINK_TITLE = re.compile(r"^[ \t]*(?P<title>\S.*?\S)\s+[-–—|]\s+GOV\.UK[ \t]*$", re.MULTILINE)


def is_furniture_line(line: str) -> bool:
    """True when the whole line is page furniture rather than a title or prose."""
    return _FURNITURE_LINE.fullmatch(line.strip()) is not None


def link_titles(text: str) -> list[str]:
    """Page titles copied as links ("Southport attack: next steps - GOV.UK" gives the title)."""
    return [m.group("title") for m in _LINK_TITLE.finditer(text)]


def _line_end(text: str, i: int, end: int) -> int:
    j = text.find("\n", i, end)
    return end if j < 0 else j


def body_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` shrunk to the prose: whitespace and furniture trimmed from both edges.

    Everything from a "Continues." marker that ends its line onwards is furniture too: it
    closes a copied excerpt, and what follows is the forum's or the page's.
    """
    m = _CUT.search(text, start, end)
    if m:
        end = m.start()
    while True:
        while start < end and text[start].isspace():
            start += 1
        line_end = _line_end(text, start, end)
        if start < end and is_furniture_line(text[start:line_end]):
            start = line_end
            continue
        note = _LEAD_NOTE.match(text, start, end)
        if note and note.end() > start:
            start = note.end()
            continue
        break
    while True:
        while end > start and text[end - 1].isspace():
            end -= 1
        line_start = text.rfind("\n", start, end) + 1
        line_start = max(line_start, start)
        if end > start and is_furniture_line(text[line_start:end]):
            end = line_start
            continue
        window = max(start, end - _TAIL_WINDOW)
        note = _TAIL_NOTE.search(text[window:end])
        if note and note.start() < end - window:
            end = window + note.start()
            continue
        break
    return start, end
