"""Sentence splitting (extract/text.py): abbreviations, initials, US dates; absolute spans; linear time."""

from __future__ import annotations

import doctest
import time
from pathlib import Path

import pytest
import yaml

import statementkg.extract.text as text_module
from statementkg.extract.text import split_sentences

DATA = yaml.safe_load((Path(__file__).parent / "data" / "sentences.yaml").read_text(encoding="utf-8"))


def _bare(sentence: str) -> str:
    return sentence.strip().strip("\"“”'‘’").strip()  # a leading quote is trimmed on purpose


@pytest.mark.parametrize("sentences", DATA["cases"], ids=lambda c: c[0][:40])
def test_labelled_sentences(sentences: list[str]) -> None:
    text = " ".join(sentences)
    got = split_sentences(text, 0, len(text))
    assert [_bare(s.text) for s in got] == [_bare(s) for s in sentences]
    for s in got:
        assert text[s.start : s.end] == s.text


def test_spans_are_absolute_offsets() -> None:
    text = "Header.\n\nIt was signed on Sept. 30, 1998 at No. 10. Mr. Smith left at 5 p.m. Then it rained."
    start = text.index("It")
    got = split_sentences(text, start, len(text))
    assert [s.text for s in got] == ["It was signed on Sept. 30, 1998 at No. 10.", "Mr. Smith left at 5 p.m.",
                                     "Then it rained."]
    for s in got:
        assert text[s.start : s.end] == s.text


def test_blank_line_ends_a_sentence() -> None:
    text = "A heading\n\nThe first sentence. The second."
    assert [s.text for s in split_sentences(text, 0, len(text))] == ["A heading", "The first sentence.",
                                                                     "The second."]


@pytest.mark.parametrize("unit", ["Mr. ", ". ", " ", "U.K. ", "Aug. 7. ", "a.m. ", "\n\n", "J. "])
def test_time_grows_linearly(unit: str) -> None:
    def run(n: int) -> float:
        text = unit * n
        t0 = time.perf_counter()
        split_sentences(text, 0, len(text))
        return time.perf_counter() - t0

    small, large = run(2_000), run(40_000)
    assert large < 60 * max(small, 2e-3)  # 20 times the input: linear, with room for a busy machine


def test_doctests() -> None:
    result = doctest.testmod(text_module)
    assert result.failed == 0 and result.attempted > 0
