"""The SHACL fixtures (tests/data/shapes/{valid,invalid}/*.trig) and how to read one."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

FIXTURES = sorted((Path(__file__).parent / "data" / "shapes").glob("*/*.trig"))


def load_fixture(path: Path) -> Dataset:
    ds = Dataset()
    ds.parse(path, format="trig")
    return ds
