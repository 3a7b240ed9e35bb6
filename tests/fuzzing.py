"""Mutations of the project's own statements, shared by the fuzz tests and ``benchmarks/fuzz.py``.

A mutation is a short list of edits (insert, delete, duplicate, replace with a hostile run) on
the bytes of a seed statement; ``check`` runs a reader and the extractor on the result and
returns None (a statement, or a ``StatementKGError``) or the signature of a crash.
"""

from __future__ import annotations

import random
import time
import traceback
from pathlib import Path

from statementkg.errors import StatementKGError
from statementkg.extract import extract_statement
from statementkg.sources import parse_statement

ROOT = Path(__file__).resolve().parents[1]
INPUTS = Path(__file__).parent / "data" / "inputs"

#: one seed per reader
SEEDS: dict[str, Path] = {
    "front-matter": Path(__file__).parent / "data" / "bad" / "yaml-31-february.md",
    "govuk-page": ROOT / "data" / "statements" / "d02-preventing-radicalisation.txt",
    "hansard": INPUTS / "hansard-lords.txt",
    "json": INPUTS / "content-api-rich.json",
}

HOSTILE = [
    b" ", b"\t", b"(", b"Lab) (", b"{", b"[", b"\"", b"-", b"1", b"9", b".", b"\n", b"---\n", b"&a ", b"*a ",
    b"!!timestamp ", b"!!float ", b"Published ", b"debated on ", b"Continues. ", b"Sir ", b"John ", b"\xff",
    b"\xc3", b"\x00", b"\xe2\x80\x99", b"2024-02-31", b"9999-12-31", b"0001-01-01", b"in March ", b"last month ",
    b"review ", b"attack ", b"<p>", b"</", b"<!--", b"\\u0000", b"1e999999",
]


def mutate(seed: bytes, rng: random.Random) -> bytes:
    data = bytearray(seed)
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        kind = rng.random()
        if kind < 0.35:
            data[at:at] = rng.choice(HOSTILE) * rng.choice([1, 2, 10, 100, 1000])
        elif kind < 0.55 and data:
            end = min(len(data), at + rng.randint(1, 200))
            del data[at:end]
        elif kind < 0.7 and data:
            end = min(len(data), at + rng.randint(1, 80))
            data[at:at] = data[at:end] * rng.randint(2, 20)
        elif kind < 0.85:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif data:
            data[at : at + 1] = rng.choice(HOSTILE)
    return bytes(data)


def check(raw: bytes, name: str) -> tuple[str | None, float]:
    """(crash signature or None, seconds) for reading and extracting ``raw`` as file ``name``."""
    started = time.perf_counter()
    try:
        extract_statement(parse_statement(raw, Path(name)))
    except StatementKGError:
        pass
    except Exception as exc:  # a crash is what we look for
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}", time.perf_counter() - started
    return None, time.perf_counter() - started
