"""Fuzz every reader and the extractor with mutations of the project's statements (hypothesis).

Derandomised and time-boxed for the suite; ``benchmarks/fuzz.py`` runs the long version.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import SEEDS, check, mutate

pytestmark = pytest.mark.slow

SUFFIX = {"front-matter": ".md", "govuk-page": ".txt", "hansard": ".txt", "json": ".json"}


@pytest.mark.parametrize("reader", sorted(SEEDS))
@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_reader_and_extractor_are_total(reader: str, seed: int) -> None:
    raw = mutate(SEEDS[reader].read_bytes(), random.Random(seed))
    crash, seconds = check(raw, f"fuzz{SUFFIX[reader]}")
    assert crash is None, f"{crash} on seed {seed}"
    assert seconds < 20, f"{seconds:.1f} s on seed {seed}"


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(text=st.text(max_size=2000))
def test_any_text_as_any_reader(text: str) -> None:
    for suffix in (".md", ".txt", ".json"):
        for head in ("", "---\ntitle: T\ndate: 2024-01-01\n---\n", "T\nVolume 1: debated on 1 January 2024\n"):
            crash, _ = check((head + text).encode("utf-8", "surrogatepass"), f"any{suffix}")
            assert crash is None, crash
