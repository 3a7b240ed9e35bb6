"""Incremental and parallel builds: the extraction cache beside the output, and a pool of workers.

A rebuild after editing, adding or deleting one statement re-extracts only that statement and
writes exactly the bytes a clean build writes; extraction in parallel gives exactly the serial
output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from statementkg import engine
from statementkg.buildcache import cache_dir, extractor_version, statement_key
from statementkg.export import ExportFormat, serialize
from statementkg.pipeline import build, build_dataset, read_statements

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "statements"
MORE = Path(__file__).parent / "data" / "statements2"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stems extracted in this process (the cache's misses), in order."""
    seen: list[str] = []
    real = engine.extract_statement

    def counting(statement):  # type: ignore[no-untyped-def]
        seen.append(statement.stem)
        return real(statement)

    monkeypatch.setattr(engine, "extract_statement", counting)
    return seen


def _clean(inputs: Path, tmp: Path) -> bytes:
    out = tmp / "clean" / "graph.trig"
    build([inputs], out, use_cache=False)
    assert not cache_dir(out).exists()
    return out.read_bytes()


def _corpus(tmp: Path) -> Path:
    folder = tmp / "statements"
    shutil.copytree(CORPUS, folder)
    return folder


def test_unchanged_rebuild_extracts_nothing(tmp_path: Path, counted: list[str]) -> None:
    folder = _corpus(tmp_path)
    out = tmp_path / "build" / "graph.trig"
    build([folder], out)
    assert len(counted) == 5 and any(cache_dir(out).rglob("*.pickle"))
    first = out.read_bytes()
    counted.clear()
    build([folder], out)
    assert counted == []
    assert out.read_bytes() == first


def test_edit_re_extracts_only_the_edited_statement(tmp_path: Path, counted: list[str]) -> None:
    folder = _corpus(tmp_path)
    out = tmp_path / "build" / "graph.trig"
    build([folder], out)
    edited = folder / "d03-southport-inquiry.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("ten other people", "eleven other people"),
                      encoding="utf-8")
    counted.clear()
    build([folder], out)
    assert counted == ["d03-southport-inquiry"]
    assert out.read_bytes() == _clean(folder, tmp_path)


def test_add_and_delete_re_extract_only_the_new_statement(tmp_path: Path, counted: list[str]) -> None:
    folder = _corpus(tmp_path)
    out = tmp_path / "build" / "graph.trig"
    build([folder], out)
    shutil.copy(MORE / "s03-counter-terrorism-update.txt", folder)
    counted.clear()
    build([folder], out)
    assert counted == ["s03-counter-terrorism-update"]
    assert out.read_bytes() == _clean(folder, tmp_path)

    (folder / "d02-preventing-radicalisation.txt").unlink()
    counted.clear()
    build([folder], out)
    assert counted == []
    assert out.read_bytes() == _clean(folder, tmp_path / "again")
    # the deleted statement's entry is gone from the cache
    assert len(list(cache_dir(out).glob("extract/*/*.pickle"))) == 5


def test_key_covers_every_field_and_the_extractor() -> None:
    st = read_statements([CORPUS])[0]
    import dataclasses

    assert statement_key(st) == statement_key(dataclasses.replace(st))
    assert statement_key(st) != statement_key(dataclasses.replace(st, department="Another Department"))
    assert len(extractor_version()) == 64


def test_damaged_cache_entry_is_a_miss(tmp_path: Path, counted: list[str]) -> None:
    folder = _corpus(tmp_path)
    out = tmp_path / "build" / "graph.trig"
    build([folder], out)
    first = out.read_bytes()
    for entry in cache_dir(out).glob("extract/*/*.pickle"):
        entry.write_bytes(b"not a pickle")
        break
    counted.clear()
    build([folder], out)
    assert len(counted) == 1
    assert out.read_bytes() == first


def test_parallel_extraction_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    statements = read_statements([CORPUS, MORE])
    _c, serial = build_dataset(statements, jobs=1)
    monkeypatch.setattr(engine, "PARALLEL_MIN", 1)
    _c, parallel = build_dataset(statements, jobs=2)
    assert serialize(parallel, ExportFormat.TRIG) == serialize(serial, ExportFormat.TRIG)
    assert serialize(parallel, ExportFormat.NQUADS) == serialize(serial, ExportFormat.NQUADS)


def test_trig_is_byte_identical_across_processes(tmp_path: Path) -> None:
    """pyoxigraph writes the TriG: the same bytes in another process (another hash seed)."""
    import os
    import subprocess
    import sys

    here = tmp_path / "here" / "graph.trig"
    build([CORPUS], here, use_cache=False)
    there = tmp_path / "there" / "graph.trig"
    code = ("import sys; from pathlib import Path; from statementkg.pipeline import build; "
            "build([Path(sys.argv[1])], Path(sys.argv[2]), use_cache=False)")
    subprocess.run([sys.executable, "-c", code, str(CORPUS), str(there)], check=True,
                   env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert here.read_bytes() == there.read_bytes()


def test_query_pages_are_slices_of_the_whole_result(sample_trig: Path) -> None:
    """--limit/--offset: pages in the query's own order, together exactly the whole result."""
    from statementkg.pipeline import query

    whole = query("timeline", sample_trig)
    assert len(whole) > 4
    pages = [query("timeline", sample_trig, limit=3, offset=i) for i in range(0, len(whole), 3)]
    assert [r for p in pages for r in p.rows] == list(whole.rows)
    assert len(query("timeline", sample_trig, offset=len(whole))) == 0


def test_query_cli_limit_and_offset(sample_trig: Path) -> None:
    from click.testing import CliRunner

    from statementkg.cli import main

    run = CliRunner().invoke(main, ["query", "timeline", "--data", str(sample_trig), "--format", "csv",
                                    "--limit", "2", "--offset", "1"])
    assert run.exit_code == 0, run.output
    assert len(run.output.strip().splitlines()) == 3  # header and two rows
