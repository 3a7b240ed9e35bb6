"""CLI wiring: exit codes, one ``Error:`` line for bad input, files written or left alone."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from cli_support import one_error_line, run
from statementkg.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "statements"
INPUTS = Path(__file__).parent / "data" / "inputs"
BAD_QUERIES = Path(__file__).parent / "data" / "queries_bad"
SHAPES = Path(__file__).parent / "data" / "shapes"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("graph") / "graph.trig"
    result = run("build", CORPUS, "--output", out)
    assert result.exit_code == 0, result.stderr
    return out


def test_build_writes_trig_and_reports(graph: Path) -> None:
    assert graph.read_text(encoding="utf-8").startswith("@prefix")
    assert not list(graph.parent.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("fixture", "says"),
    [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("bad-utf8.txt", "UTF-8"),
        ("front-matter-no-date.md", "date"),
        ("page-bad-date.txt", "date"),
        ("not-a-statement.txt", "statement"),
    ],
)
def test_bad_input_is_one_error_line_and_nothing_written(tmp_path: Path, fixture: str, says: str) -> None:
    src = tmp_path / fixture
    shutil.copyfile(INPUTS / fixture, src)
    before = src.read_bytes()
    out = tmp_path / "out" / "g.trig"
    result = run("build", src, "--output", out)
    assert result.exit_code == 2
    line = one_error_line(result)
    assert f"{src}:" in line and says.lower() in line.lower()
    assert not out.exists() and not out.parent.exists()
    assert src.read_bytes() == before


def test_output_under_a_regular_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("build", CORPUS / "d02-preventing-radicalisation.txt", "--output", blocker / "g.trig")
    assert result.exit_code == 2
    assert "is a file" in one_error_line(result)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_output_in_a_read_only_folder(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(stat.S_IRUSR | stat.S_IXUSR)
    result = run("build", CORPUS / "d02-preventing-radicalisation.txt", "--output", ro / "g.trig")
    assert result.exit_code == 2
    assert "not writable" in one_error_line(result)


def test_output_in_a_read_only_folder_is_reported_even_for_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root the permission bits do not stop writes, so simulate what ``os.access`` says for a user."""
    ro = tmp_path / "ro"
    ro.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == ro else real_access(p, mode))
    result = run("build", CORPUS / "d02-preventing-radicalisation.txt", "--output", ro / "g.trig")
    assert result.exit_code == 2
    assert "not writable" in one_error_line(result)
    assert not list(ro.iterdir())


def test_output_equal_to_an_input(tmp_path: Path) -> None:
    src = tmp_path / "s.txt"
    shutil.copyfile(CORPUS / "d02-preventing-radicalisation.txt", src)
    before = src.read_bytes()
    result = run("build", src, "--output", src)
    assert result.exit_code == 2
    assert "also an input" in one_error_line(result)
    assert src.read_bytes() == before


def test_validate_exit_codes(graph: Path) -> None:
    ok = run("validate", graph)
    assert ok.exit_code == 0, ok.stdout
    invalid = sorted((SHAPES / "invalid").glob("*.trig"))
    assert invalid, "SHACL fixtures are missing"
    bad = run("validate", invalid[0])
    assert bad.exit_code == 1
    assert "violation" in bad.stdout.lower()
    turtle = run("validate", invalid[0], "--format", "turtle")
    assert turtle.exit_code == 1 and "sh:ValidationReport" in turtle.stdout
    missing = run("validate", graph.parent / "nope.trig")
    assert missing.exit_code == 2
    assert "nope.trig" in one_error_line(missing)


def test_query_json_is_w3c_results(graph: Path) -> None:
    result = run("query", "timeline", "--data", graph, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["head"]["vars"][:3] == ["event", "type", "label"]
    assert doc["results"]["bindings"]


def test_query_headline_table(graph: Path) -> None:
    result = run("query", "reviews-following-events", "--data", graph, "--format", "csv")
    assert result.exit_code == 0
    assert "Southport" in result.stdout and "certain" in result.stdout


def test_query_errors(graph: Path) -> None:
    unknown = run("query", "no-such-query", "--data", graph)
    assert unknown.exit_code == 2
    assert "timeline" in one_error_line(unknown)  # lists the available names
    malformed = run("query", "events-between", "--data", graph, "--param", "from2024")
    assert malformed.exit_code == 2
    assert "name=value" in one_error_line(malformed)
    broken = run("query", "broken", "--data", graph, "--queries", BAD_QUERIES)
    assert broken.exit_code == 2
    assert "broken.rq:" in one_error_line(broken)


def test_export_formats_and_stdout(graph: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    assert run("export", "--data", graph, "--format", "turtle", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    piped = run("export", "--data", graph, "--format", "nquads")
    assert piped.exit_code == 0 and piped.stdout.count("\n") > 100
    same = run("export", "--data", graph, "--format", "trig", "-o", graph)
    assert same.exit_code == 2
    assert "also the input" in one_error_line(same)


def test_timeline_command(graph: Path, tmp_path: Path) -> None:
    html = tmp_path / "t.html"
    assert run("timeline", "--data", graph, "-o", html).exit_code == 0
    assert "<html" in html.read_text(encoding="utf-8").lower()
    js = tmp_path / "t.json"
    assert run("timeline", "--data", graph, "-o", js, "--format", "json").exit_code == 0
    assert json.loads(js.read_text(encoding="utf-8"))["events"]


@pytest.mark.parametrize("command", ["build", "validate", "query", "export", "timeline", "push", "serve"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout and "statementkg " + command in result.stdout


def test_readme_names_every_command_and_the_two_make_targets() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in main.commands:  # type: ignore[attr-defined]
        assert f"statementkg {command}" in readme, command
    assert "make demo" in readme and "make test" in readme
