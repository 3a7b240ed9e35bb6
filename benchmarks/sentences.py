"""Sentence splitters compared on tests/data/sentences.yaml: ours, pysbd and syntok (accuracy and speed).

Run with ``.venv/bin/python benchmarks/sentences.py`` after ``pip install pysbd syntok`` (they are not
dependencies: the comparison decided against them).  Not part of the test suite.

Accuracy: cases split exactly right, and precision / recall of the sentence boundaries over all cases.
Speed: milliseconds per 1,000 words on the bundled statements' bodies repeated to ~20,000 words.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from statementkg.extract.text import split_sentences  # noqa: E402
from statementkg.sources import load_statement  # noqa: E402

Splitter = Callable[[str], list[tuple[int, int]]]


def ours(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(text, 0, len(text))]


def make_pysbd() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> list[tuple[int, int]]:
        out = []
        for span in seg.segment(text):
            s = span.sent.rstrip()
            out.append((span.start, span.start + len(s)))
        return out

    return split


def make_syntok() -> Splitter:
    import syntok.segmenter as segmenter

    def split(text: str) -> list[tuple[int, int]]:
        out = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                toks = [t for t in sentence if t.value]
                if toks:
                    out.append((toks[0].offset, toks[-1].offset + len(toks[-1].value)))
        return out

    return split


def cases(key: str = "cases") -> list[list[str]]:
    data = yaml.safe_load((ROOT / "tests" / "data" / "sentences.yaml").read_text(encoding="utf-8"))
    return [list(c) for c in data[key]]


def gold_spans(sentences: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for s in sentences:
        if text:
            text += " "
        spans.append((len(text), len(text) + len(s)))
        text += s
    return text, spans


def _bare(sentence: str) -> str:
    return sentence.strip().strip("\"“”'‘’").strip()  # ours trims a leading quote on purpose


def accuracy(split: Splitter, key: str = "cases") -> tuple[int, int, float, float, list[str]]:
    exact = total = 0
    tp = fp = fn = 0
    misses = []
    for sents in cases(key):
        text, gold = gold_spans(sents)
        got = split(text)
        # a boundary is where a sentence ends (the last one is not a decision)
        gb = {e for _s, e in gold[:-1]}
        pb = {e for _s, e in got[:-1]}
        # compare ends after stripping closing quotes/spaces differences
        tp += len(gb & pb)
        fp += len(pb - gb)
        fn += len(gb - pb)
        total += 1
        if [_bare(text[a:b]) for a, b in got] == [_bare(x) for x in sents]:
            exact += 1
        else:
            misses.append(" | ".join(text[a:b] for a, b in got))
    return exact, total, tp / max(1, tp + fp), tp / max(1, tp + fn), misses


def speed(split: Splitter) -> float:
    bodies = [load_statement(p).body for p in sorted((ROOT / "data" / "statements").glob("*.txt"))]
    text = "\n\n".join(bodies)
    while len(text.split()) < 20000:
        text += "\n\n" + text
    words = len(text.split())
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        split(text)
        best = min(best, time.perf_counter() - t0)
    return best * 1000 / (words / 1000)


def main() -> None:
    for name, split in (("statementkg", ours), ("pysbd", make_pysbd()), ("syntok", make_syntok())):
        ms = speed(split)
        for key in ("cases", "ambiguous"):
            exact, total, p, r, misses = accuracy(split, key)
            print(f"{name:12} {key:9} exact {exact:2}/{total}  boundary P {p:.3f} R {r:.3f}  "
                  f"{ms:.2f} ms / 1,000 words")
            for miss in misses:
                print(f"    miss: {miss}")


if __name__ == "__main__":
    main()
