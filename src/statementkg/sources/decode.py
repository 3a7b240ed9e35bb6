"""From a file's bytes to checked text: empty, binary and non-UTF-8 files are refused here.

Also the one constructor of reader errors, so every message has the same ``path:line: what;
how to fix`` shape.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError


def input_error(path: Path, line: int, what: str, fix: str) -> InputError:
    """An ``InputError`` reading ``path:line: what; fix``."""
    return InputError(f"{path}:{line}: {what}; {fix}")


def shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a message, cut to ``limit`` characters."""
    return repr(value if len(value) <= limit else value[: limit - 3] + "...")


def decode_statement_bytes(raw: bytes, path: Path) -> str:
    """The text of a statement file, exactly as decoded (not yet normalised).

    Raises ``InputError`` for an empty or blank file, a binary file (one holding a NUL byte; a
    UTF-16 or UTF-32 file is named as such) and bytes that are not UTF-8 (with the line of the
    first bad byte).  A UTF-8 byte-order mark is accepted.
    """
    if not raw.strip():
        raise input_error(path, 1, "the file is empty", "give a statement file with a title, date and text")
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            raise input_error(path, 1, f"the file is {name} text, not UTF-8", "save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise input_error(
            path, line, f"binary file (NUL byte at byte {nul})", "give a UTF-8 text or JSON statement file"
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise input_error(
            path, line, f"not valid UTF-8 (byte 0x{bad}, byte {col} of the line)", "save the file as UTF-8"
        ) from None
