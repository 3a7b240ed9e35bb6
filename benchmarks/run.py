"""Benchmarks: extraction of a 1,000-word statement, and a corpus build, as medians with a baseline ratio.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/run.py``).  Not part of the test suite.

The baseline in the same run is splitting the same text into sentences (the cheapest pass every
extractor makes), so the ratio says how much the rules cost on top of reading the text, on any
machine.  The issue's budget is a 50 ms median for extracting a 1,000-word statement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from statementkg.extract import extract_statement  # noqa: E402
from statementkg.extract.text import split_sentences  # noqa: E402
from statementkg.model import Statement  # noqa: E402
from statementkg.pipeline import build_dataset, read_statements  # noqa: E402
from statementkg.sources import load_statement  # noqa: E402


def thousand_word_statement() -> Statement:
    """A 1,000-word statement made of the bundled statements' bodies, dated as the latest of them."""
    statements = [load_statement(p) for p in sorted((ROOT / "data" / "statements").glob("*.txt"))]
    body_parts: list[str] = []
    words = 0
    while words < 1000:
        for st in statements:
            part = st.body
            body_parts.append(part)
            words += len(part.split())
            if words >= 1000:
                break
    body = "\n\n".join(body_parts)
    words_list = body.split()
    body = " ".join(words_list[:1000])
    title = "Benchmark statement"
    text = f"{title}\n\n{body}\n"
    base = statements[0]
    from statementkg.model import Span

    return Statement(
        stem="bench",
        path="bench.txt",
        text=text,
        body_start=len(title) + 2,
        body_end=len(text),
        title=title,
        title_span=Span(0, len(title)),
        kind="oral statement",
        date=max(s.date for s in statements) + dt.timedelta(days=1),
        source_format=base.source_format,
        speaker=base.speaker,
        role=base.role,
        department=base.department,
    )


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm caches (lexicons compile once per process)
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    st = thousand_word_statement()
    n_words = len(st.body.split())
    base = median_ms(lambda: split_sentences(st.text, st.body_start, st.body_end), args.repeat)
    extract = median_ms(lambda: extract_statement(st), args.repeat)
    statements = read_statements([ROOT / "data" / "statements"])
    build = median_ms(lambda: build_dataset(statements), max(3, args.repeat // 10))
    print(f"{'benchmark':44s} {'median ms':>10s} {'x baseline':>10s}")
    print(f"{'baseline: sentence split (' + str(n_words) + ' words)':44s} {base:10.2f} {1.0:10.1f}")
    print(f"{'extract_statement (' + str(n_words) + ' words)':44s} {extract:10.2f} {extract / base:10.1f}")
    print(
        f"{'build_dataset (bundled corpus, ' + str(len(statements)) + ' statements)':44s} {build:10.2f} "
        f"{build / base:10.1f}"
    )
    budget = 50.0
    print(f"extraction budget {budget:.0f} ms: {'within' if extract <= budget else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
