"""The one text normaliser of statementkg, and the line index every file:line message uses.

Every character offset in the pipeline (spans, ``oa:TextPositionSelector`` positions, body
boundaries) is counted over the text ``normalise_text`` returns, which ``Statement.text`` stores.
"""

from __future__ import annotations

import re
import unicodedata

# Line breaks other than "\n": CR LF and lone CR (old files), and the characters Unicode itself
# defines as line or paragraph breaks (VT, FF, NEL, LINE/PARAGRAPH SEPARATOR).
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")

# Every Unicode space separator (category Zs) other than the plain space, and the tab.
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

# Invisible characters that only get in the way of matching: zero-width space / non-joiner /
# joiner, word joiner, byte-order mark (zero-width no-break space), soft hyphen, and the other
# C0/C1 control characters (NUL never gets this far: a file holding one is rejected as binary).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")

# (Trailing spaces are stripped line by line, not with " +$": that pattern retries at every space
# of a long run inside a line, and so takes time that grows with the square of the run.)


def normalise_text(s: str) -> str:
    """Return ``s`` in the one normal form that all stored statement text is kept in.

    * line breaks: ``\\r\\n`` and lone ``\\r`` become ``\\n``; so do the other characters Unicode
      treats as line breaks (VT, FF, NEL U+0085, U+2028, U+2029);
    * spaces: the tab and every Unicode space separator (no-break U+00A0, figure U+2007, thin
      U+2009, narrow no-break U+202F, ideographic U+3000, ...) become one plain space each, so
      one character stays one character;
    * invisible characters are removed: zero-width space, non-joiner and joiner, word joiner,
      the byte-order mark U+FEFF (wherever it stands), the soft hyphen, and other control
      characters;
    * spaces at the end of each line are stripped (nothing else is collapsed: runs of spaces or
      blank lines inside the text stay, so the text keeps its shape);
    * finally the text is put in Unicode NFC.

    Curly quotes and apostrophes (‘ ’ “ ”), dashes and ellipses are **kept as written**: stored
    text must let a quote be found again in the original, and code that matches words treats
    ``’`` and ``'`` alike itself.

    The function is idempotent: ``normalise_text(normalise_text(s)) == normalise_text(s)``.
    (NFC runs last because removing an invisible character can bring a base letter and a
    combining mark together; the replacements before it never produce text NFC would change
    back into something they replace.)
    """
    s = _LINE_BREAKS.sub("\n", s)
    s = _SPACES.sub(" ", s)
    s = _INVISIBLE.sub("", s)
    s = "\n".join(line.rstrip(" ") for line in s.split("\n"))
    return unicodedata.normalize("NFC", s)


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets in ``text`` where each line begins (the first is always 0)."""
    return (0, *(m.end() for m in re.finditer("\n", text)))


def line_at(text: str, offset: int) -> int:
    """1-based line number of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1
