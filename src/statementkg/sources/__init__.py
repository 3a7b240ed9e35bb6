"""Statement files in, ``Statement`` values out: one reader per input shape, and the file finder.

Shapes (see the contract): Content API JSON (by the ``.json`` suffix, or text opening with
``{`` that parses as JSON); YAML front matter (the file opens with a ``---`` line); a Hansard
extract (a ``debated on`` line among the first lines); otherwise a GOV.UK page copy, which must
carry ``Published <date>``.  All readers share one decoder (``decode``), one normaliser
(``normalise.normalise_text``) and one error shape: ``path:line: what; how to fix``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..limits import json_limit_problem, safe_resolve
from ..model import Statement
from .decode import decode_statement_bytes
from .front_matter import has_front_matter, parse_front_matter
from .govuk_json import looks_like_json, parse_content_item
from .govuk_page import parse_page_copy
from .hansard import is_hansard, parse_hansard
from .normalise import normalise_text

__all__ = [
    "STATEMENT_SUFFIXES", "iter_statement_files", "load_statement", "normalise_text", "parse_statement",
    "statement_name",
]

#: suffixes of the files a folder is searched for
STATEMENT_SUFFIXES = (".txt", ".md", ".json")


# RFC 3986 unreserved characters: a file stem made only of these is its own statement name
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]")


def statement_name(path: Path) -> str:
    """The name a statement read from ``path`` goes by in IRIs: its file stem, made IRI-safe.

    The stem is put in Unicode NFC, then every character outside RFC 3986's unreserved set
    (letters A-Z a-z, digits, ``-``, ``.``, ``_``, ``~``) is percent-encoded as its UTF-8
    bytes: ``2024 Southport #2.txt`` is ``2024%20Southport%20%232``.  Ordinary stems are kept
    as they are.  The mapping is stable and one-to-one (``%`` itself becomes ``%25``), so only
    two files with the same stem in different folders can share a name (an error in a build).
    """
    stem = unicodedata.normalize("NFC", path.stem)
    return "".join(
        ch if _UNRESERVED.fullmatch(ch) else "".join(f"%{b:02X}" for b in os.fsencode(ch))
        for ch in stem
    )


def parse_statement(raw: bytes, path: Path) -> Statement:
    """The statement in ``raw``, the bytes of the file at ``path`` (used for its name and messages)."""
    return dataclasses.replace(_parse_statement(raw, path), stem=statement_name(path))


def _parse_statement(raw: bytes, path: Path) -> Statement:
    decoded = decode_statement_bytes(raw, path)
    if path.suffix.lower() == ".json":
        return parse_content_item(decoded, path)
    if looks_like_json(decoded):
        problem = json_limit_problem(decoded)
        if problem is not None:  # nested or numeric beyond the limits: JSON, and refused as such
            return parse_content_item(decoded, path)
        try:
            is_object = isinstance(json.loads(decoded), dict)
        except ValueError:
            is_object = False
        if is_object:
            return parse_content_item(decoded, path)
    text = normalise_text(decoded)
    if has_front_matter(text):
        return parse_front_matter(text, path)
    if is_hansard(text):
        return parse_hansard(text, path)
    return parse_page_copy(text, path)


def load_statement(path: Path) -> Statement:
    """Read and parse the statement file at ``path``."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a statement file; give a statement file") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the path and permissions") from None
    return parse_statement(raw, path)


def _is_statement_file(p: Path) -> bool:
    name = p.name
    return (
        (p.is_file() or p.is_symlink())  # a broken or looping link is reported, not skipped
        and not name.startswith(".")
        and p.suffix.lower() in STATEMENT_SUFFIXES
        and ".corrections." not in name
        and not p.stem.upper().startswith("README")
    )


def iter_statement_files(paths: Sequence[Path]) -> list[Path]:
    """The statement files named by ``paths``, in order, each once.

    A folder stands for its ``*.txt``, ``*.md`` and ``*.json`` files, sorted by name, not
    recursive, leaving out hidden files, corrections files (``*.corrections.*``) and READMEs.  A
    file named explicitly is kept whatever its name.  A path that does not exist, or a folder
    with no statement files, is an ``InputError``.
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = safe_resolve(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    for path in paths:
        if path.is_dir():
            found = sorted((p for p in path.iterdir() if _is_statement_file(p)), key=lambda p: p.name)
            if not found:
                raise InputError(
                    f"{path}: the folder has no statement files (*.txt, *.md, *.json); "
                    "give a folder of statements"
                )
            for p in found:
                add(p)
        elif path.exists() or path.is_symlink():
            add(path)
        else:
            raise InputError(f"{path}: no such file or folder; check the path")
    return out
