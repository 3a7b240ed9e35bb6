"""Hostile input: every reader total, every pattern bounded, outputs and CLI failures one clear line.

Each test here fails when the protection it names is taken out.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_support import one_error_line, run
from statementkg import engine, files, pipeline
from statementkg.cli import EXIT_BUG, main
from statementkg.errors import InputError, StatementKGError
from statementkg.extract import extract_statement
from statementkg.limits import TimeBudgetExceeded, time_budget
from statementkg.sources import iter_statement_files, load_statement, normalise_text, parse_statement, statement_name
from statementkg.sources.furniture import body_bounds, is_furniture_line
from statementkg.sources.govuk_page import _common_word_prefix
from statementkg.sources.names import split_from_line

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "statements"
BAD = Path(__file__).parent / "data" / "bad"
HEAD = "---\ntitle: Test statement\ndate: 2024-01-02\n---\n"


# ---------------------------------------------------------------- every input that once broke something

BAD_FILES = sorted(p for p in BAD.iterdir() if not p.name.endswith(".error"))


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.name)
def test_bad_input_gives_its_error_line(path: Path) -> None:
    expected = (BAD / f"{path.name}.error").read_text(encoding="utf-8").strip()
    with pytest.raises(StatementKGError) as caught:
        load_statement(iter_statement_files([path])[0])
    assert f"Error: {caught.value}" == expected.replace("{file}", str(path))


def test_bad_input_through_the_cli_is_one_line(tmp_path: Path) -> None:
    result = run("build", BAD / "yaml-alias-bomb.md", "-o", tmp_path / "g.trig")
    assert result.exit_code == 2
    assert "may not use YAML aliases" in one_error_line(result)


def test_alias_bomb_is_refused_fast() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    raw = ("---\ntitle: T\ndate: 2024-01-01\n" + "\n".join(lines) + "\n---\nThe text.\n").encode()
    started = time.perf_counter()
    with pytest.raises(InputError, match="aliases"):
        parse_statement(raw, Path("bomb.md"))
    assert time.perf_counter() - started < 2


# ---------------------------------------------------------------- patterns: time linear in the input

def _timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def _read_and_extract(body: str) -> None:
    extract_statement(parse_statement((HEAD + body).encode(), Path("long.md")))


@pytest.mark.parametrize(
    ("name", "body", "limit"),
    [
        ("30,000 spaces inside a line", "The Home Secretary said" + " " * 30_000 + "so.\n", 8.0),
        ('20,000 repetitions of "Lab) ("', "Dan Jarvis (Lab) " + "Lab) (" * 20_000 + "\n", 8.0),
        ("20,000 capitalised words", "Sir " + "John " * 20_000 + "\n", 8.0),
        ('20,000 "Continues."', "Text.\n" + "Continues. " * 20_000 + "\n", 8.0),
        ("30,000 digits", "1" * 30_000 + "\n", 4.0),
        ("300,000 tabs inside a line", "The minister said\t" + "\t" * 300_000 + "so.\n", 8.0),
    ],
)
def test_long_runs_read_and_extract_in_bounded_time(name: str, body: str, limit: float) -> None:
    assert _timed(_read_and_extract, body) < limit, name


def test_normaliser_is_linear_in_a_run_of_spaces() -> None:
    assert _timed(normalise_text, "a" + " " * 300_000 + "b\n") < 1.0


def test_furniture_patterns_are_linear() -> None:
    assert _timed(is_furniture_line, "1" * 30_000) < 1.0
    assert _timed(is_furniture_line, "a" + " " * 30_000 + "b - x") < 1.0
    text = "Some prose." + " " * 30_000 + "x"
    assert _timed(body_bounds, text, 0, len(text)) < 1.0
    notes = "Text. " + "Large section removed " * 5_000 + "end"
    assert _timed(body_bounds, notes, 0, len(notes)) < 1.0


def test_hansard_date_line_is_linear() -> None:
    raw = ("A debate\nVolume 1: debated on 1 January 2024" + " " * 30_000 + "x\nThe text.\n").encode()
    started = time.perf_counter()
    with pytest.raises(InputError, match="cannot read the date"):
        parse_statement(raw, Path("h.txt"))
    assert time.perf_counter() - started < 1.0


def test_title_prefix_and_from_line_are_linear() -> None:
    words = "word " * 50_000
    assert _timed(_common_word_prefix, words, words) < 1.0
    assert _timed(split_from_line, "Home Office, " * 20_000) < 1.0


# ---------------------------------------------------------------- per-statement time budget

def test_time_budget_stops_runaway_work() -> None:
    started = time.perf_counter()
    with pytest.raises(TimeBudgetExceeded, match=r"x\.txt: extracting: still working after 0\.3 s"), \
            time_budget(0.3, "x.txt: extracting"):
        while True:
            pass
    assert time.perf_counter() - started < 2


def test_build_applies_the_budget_to_each_statement(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def forever(statement: object) -> None:
        while True:
            pass

    monkeypatch.setattr(engine, "extract_statement", forever)
    result = run("build", CORPUS / "d02-preventing-radicalisation.txt", "-o", tmp_path / "g.trig",
                 "--time-budget", "0.5")
    assert result.exit_code == 2
    assert "per-statement time budget" in one_error_line(result)
    assert not (tmp_path / "g.trig").exists()


# ---------------------------------------------------------------- statement names

@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("path/to/d01-southport.txt", "d01-southport"),
        ("a b.txt", "a%20b"),
        ('x<>"{}|^`\\y.md', "x%3C%3E%22%7B%7D%7C%5E%60%5Cy"),
        ("#?%.txt", "%23%3F%25"),
        ("café.txt", "caf%C3%A9"),
    ],
)
def test_statement_names_are_iri_safe(file: str, name: str) -> None:
    assert statement_name(Path(file)) == name


def test_any_file_name_builds_a_valid_graph(tmp_path: Path) -> None:
    src = tmp_path / 'in put <#1> {x}|^`.txt'
    src.write_bytes((CORPUS / "d02-preventing-radicalisation.txt").read_bytes())
    out = tmp_path / "g.trig"
    result = run("build", src, "-o", out)
    assert result.exit_code in (0, 1), result.stderr
    assert "statement/in%20put%20%3C%231%3E%20%7Bx%7D%7C%5E%60" in out.read_text(encoding="utf-8")
    assert run("validate", out).exit_code in (0, 1)


def test_two_files_with_one_name_are_an_error(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_bytes((CORPUS / "d02-preventing-radicalisation.txt").read_bytes())
    result = run("build", tmp_path / "a" / "same.txt", tmp_path / "b" / "same.txt", "-o", tmp_path / "g.trig")
    assert result.exit_code == 2
    assert "statement name 'same' is also used by" in one_error_line(result)


# ---------------------------------------------------------------- the error boundary for bugs

def test_a_bug_exits_3_with_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(pipeline, "build", broken)
    result = CliRunner().invoke(main, ["build", str(CORPUS), "-o", str(tmp_path / "g.trig")])
    assert result.exit_code == EXIT_BUG == 3
    line = one_error_line(result)
    assert "internal error, a bug in statementkg" in line and "ZeroDivisionError" in line
    assert "report it" in line and "Traceback" not in result.stderr
    debug = CliRunner().invoke(main, ["--debug", "build", str(CORPUS), "-o", str(tmp_path / "g.trig")])
    assert debug.exit_code == 3
    assert "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr


# ---------------------------------------------------------------- outputs only to regular files

@pytest.mark.parametrize("kind", ["folder", "device", "link to folder", "link to device"])
def test_output_must_be_a_regular_file(kind: str, tmp_path: Path) -> None:
    target = {"folder": tmp_path, "device": Path(os.devnull)}[kind.split()[-1]]
    out = target
    if kind.startswith("link"):
        out = tmp_path / "link.trig"
        out.symlink_to(target)
    result = run("build", CORPUS / "d02-preventing-radicalisation.txt", "-o", out)
    assert result.exit_code == 2
    assert "give a file name for the output" in one_error_line(result)
    assert Path(os.devnull).is_char_device()


def test_a_failed_write_keeps_the_previous_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = tmp_path / "g.trig"
    out.write_text("previous\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    result = run("build", CORPUS / "d02-preventing-radicalisation.txt", "-o", out)
    assert result.exit_code == 2
    assert "No space left on device" in one_error_line(result)
    assert out.read_text() == "previous\n"
    # no partial file left behind (the extraction cache beside the output is kept on purpose)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["g.trig"]


def _cli(*args: str | bytes, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "statementkg.cli", *args], stdout=stdout,
                          stderr=subprocess.PIPE, timeout=120, check=False)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_one_error_line(tmp_path: Path) -> None:
    graph = tmp_path / "g.trig"
    assert run("build", CORPUS / "d02-preventing-radicalisation.txt", "-o", graph).exit_code in (0, 1)
    with open("/dev/full", "wb") as full:
        done = _cli("export", "--data", str(graph), "--format", "turtle", stdout=full.fileno())
    err = done.stderr.decode().strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(err) == 1 and err[0].startswith("Error: cannot write to standard output (No space left")


def test_non_utf8_param_is_one_error_line(tmp_path: Path) -> None:
    graph = tmp_path / "g.trig"
    graph.write_text("")
    done = _cli("query", "events-between", "--data", str(graph), b"--param", b"from=\xff\xfe")
    err = done.stderr.decode().strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(err) == 1 and "not valid UTF-8" in err[0]
