"""The command line as its users expect it (issue 10): exit codes, discovery, `-`, progress, formats, stores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_support import one_error_line, run
from statementkg import cli
from statementkg.cli import main
from statementkg.errors import StoreError
from statementkg.formats import GraphFormat

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "statements"
ONE = CORPUS / "d02-preventing-radicalisation.txt"
SHAPES = Path(__file__).parent / "data" / "shapes"
SOUTHPORT = "https://w3id.org/statementkg/id/event/southport-attack"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("eco") / "graph.trig"
    result = run("build", CORPUS, "--output", out)
    assert result.exit_code == 0, result.stderr
    return out


# ---------------------------------------------------------------- exit codes


def _contradicting_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the build's validation find what a corpus contradicting itself in time gives."""
    from statementkg import pipeline
    from statementkg.export import load_dataset
    from statementkg.validate import validate

    report = validate(load_dataset(SHAPES / "invalid" / "temporal-review-before-event.trig"))
    assert not report.conforms and not report.structural_violations(pipeline.consistency_shapes())
    monkeypatch.setattr(pipeline, "validate_store", lambda store, **_kw: report)


def test_build_that_does_not_conform_exits_1_like_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _contradicting_report(monkeypatch)
    out = tmp_path / "g.trig"
    result = run("build", ONE, "-o", out)
    assert result.exit_code == 1, result.stderr
    assert "does not conform" in result.stderr
    assert out.is_file()  # contradictions in time are written, to be looked at


def test_build_prints_a_summary_and_writes_the_full_report_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _contradicting_report(monkeypatch)
    report = tmp_path / "report.txt"
    result = run("build", ONE, "-o", tmp_path / "g.trig", "--report", report)
    assert result.exit_code == 1
    assert "  statement:" not in result.stderr  # no report blocks, a summary
    assert "violation" in result.stderr
    assert "  statement:" in report.read_text(encoding="utf-8")
    turtle = tmp_path / "report.ttl"
    run("build", ONE, "-o", tmp_path / "g.trig", "--report", turtle)
    assert "sh:ValidationReport" in turtle.read_text(encoding="utf-8")


def test_exit_codes_are_documented_once_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| 1 | ran, but the data does not conform" in readme
    assert "`build` made a graph that does not conform" in readme


# ---------------------------------------------------------------- queries and query


def test_queries_lists_names_summaries_and_typed_parameters() -> None:
    table = run("queries", env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert "events-between" in table.stdout and "from (xsd:date, required)" in table.stdout
    listed = json.loads(run("queries", "--format", "json").stdout)
    by_name = {q["name"]: q for q in listed}
    params = {p["name"]: p for p in by_name["events-between"]["parameters"]}
    assert params["from"]["type"] == "xsd:date" and params["from"]["required"] is True
    assert by_name["timeline"]["summary"]
    assert any(p["default"] is not None for q in listed for p in q["parameters"]) or all(
        "default" in p for q in listed for p in q["parameters"])


def test_query_runs_an_ad_hoc_file_and_stdin(sample_trig: Path, tmp_path: Path) -> None:
    text = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    rq = tmp_path / "count.rq"
    rq.write_text(text, encoding="utf-8")
    from_file = run("query", rq, "--data", sample_trig, "--format", "csv")
    assert from_file.exit_code == 0, from_file.stderr
    assert from_file.stdout.splitlines()[0] == "g,n"
    from_stdin = run("query", "-", "--data", sample_trig, "--format", "csv", input=text)
    assert from_stdin.exit_code == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout


def test_param_takes_prefixed_names(graph: Path) -> None:
    full = run("query", "referrals-before", "--data", graph, "--param", f"event={SOUTHPORT}", "--format", "csv")
    short = run("query", "referrals-before", "--data", graph, "--param", "event=id:event/southport-attack",
                "--format", "csv")
    assert full.exit_code == short.exit_code == 0
    assert full.stdout.count("\n") > 1 and short.stdout == full.stdout


def test_param_with_an_unknown_scheme_is_refused(graph: Path) -> None:
    result = run("query", "referrals-before", "--data", graph, "--param", "event=idd:event/southport-attack")
    assert result.exit_code == 2
    assert "'idd' is neither a known prefix" in one_error_line(result)


def test_query_xml_results(sample_trig: Path) -> None:
    import pyoxigraph

    result = run("query", "timeline", "--data", sample_trig, "--format", "xml")
    assert result.exit_code == 0, result.stderr
    parsed = pyoxigraph.parse_query_results(result.stdout.encode(), pyoxigraph.QueryResultsFormat.XML)
    assert isinstance(parsed, pyoxigraph.QuerySolutions) and len(list(parsed)) > 0


# ---------------------------------------------------------------- - means stdin / stdout


def test_build_writes_to_stdout_and_reads_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("build", ONE, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("@prefix") and not (tmp_path / "-").exists()
    piped = run("build", "-", "--stdin-name", ONE.name, "-o", "-", input=ONE.read_bytes())
    assert piped.exit_code == 0, piped.stderr
    assert piped.stdout == result.stdout  # the same statement, the same IRIs


def test_timeline_and_export_write_to_stdout(graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    timeline = run("timeline", "--data", graph, "-o", "-", "--format", "json")
    assert timeline.exit_code == 0 and json.loads(timeline.stdout)["events"]
    assert not (tmp_path / "-").exists()
    exported = run("export", "--data", graph, "-o", "-", "--format", "nq")
    assert exported.exit_code == 0 and exported.stdout.count("\n") > 100


# ---------------------------------------------------------------- progress, --quiet, --verbose


def test_progress_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(cli, "_stderr_is_terminal", lambda: True)
    shown = run("build", ONE, "-o", tmp_path / "a.trig")
    assert shown.exit_code == 0 and "extract" in shown.stderr
    monkeypatch.setenv("CI", "true")
    in_ci = run("build", ONE, "-o", tmp_path / "b.trig")
    assert "extract" not in in_ci.stderr
    monkeypatch.delenv("CI")
    quiet = run("build", ONE, "-o", tmp_path / "c.trig", "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def _commands(group: object, prefix: str = "") -> list[tuple[str, object]]:
    import click

    assert isinstance(group, click.Group)
    out: list[tuple[str, object]] = []
    for name, command in group.commands.items():
        out.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, f"{prefix}{name} "))
    return out


@pytest.mark.parametrize("name", [n for n, _ in _commands(main)])
def test_every_command_takes_quiet_and_verbose(name: str) -> None:
    result = run(*name.split(), "--help")
    assert result.exit_code == 0
    assert "--quiet" in result.stdout and "--verbose" in result.stdout


def test_validate_summary_and_verbose_report() -> None:
    invalid = sorted((SHAPES / "invalid").glob("*.trig"))[0]
    summary = run("validate", invalid)
    assert summary.exit_code == 1 and "does not conform" in summary.stdout
    assert "  focus:" not in summary.stdout
    verbose = run("validate", invalid, "--verbose")
    assert "  focus:" in verbose.stdout


# ---------------------------------------------------------------- tables fit the terminal


def test_table_fits_the_terminal_width(graph: Path) -> None:
    wide = run("query", "reviews-following-events", "--data", graph, env={"COLUMNS": "200"})
    narrow = run("query", "reviews-following-events", "--data", graph, env={"COLUMNS": "80"})
    assert narrow.exit_code == 0
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 80
    assert max(len(line) for line in wide.stdout.splitlines()) > 80
    cut = run("query", "reviews-following-events", "--data", graph, "--truncate", env={"COLUMNS": "80"})
    assert "…" in cut.stdout
    assert max(len(line) for line in cut.stdout.splitlines()) <= 80


# ---------------------------------------------------------------- one format enum


@pytest.mark.parametrize(
    ("given", "expected"),
    [("nq", GraphFormat.NQUADS), (".nquads", GraphFormat.NQUADS), ("ttl", GraphFormat.TURTLE),
     ("TRIG", GraphFormat.TRIG), ("json", GraphFormat.JSONLD), ("nt", GraphFormat.NTRIPLES)],
)
def test_format_from_extension(given: str, expected: GraphFormat) -> None:
    assert GraphFormat.from_extension(given) is expected
    assert GraphFormat.from_name(expected.extension) is expected


def test_unknown_extension_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="unknown graph file extension"):
        GraphFormat.from_extension(".rdf")


def test_export_reads_nquads_back_and_takes_usual_names(graph: Path, tmp_path: Path) -> None:
    nquads = tmp_path / "g.nquads"
    assert run("export", "--data", graph, "-o", nquads).exit_code == 0
    assert nquads.read_text(encoding="utf-8").startswith("<")  # N-Quads, from the extension
    ttl = run("export", "--data", nquads, "--format", "ttl")
    assert ttl.exit_code == 0, ttl.stderr
    assert ttl.stdout.startswith("@prefix")
    nt = tmp_path / "g.nt"
    assert run("export", "--data", nquads, "-o", nt).exit_code == 0
    assert nt.read_text(encoding="utf-8").count("\n") > 100


# ---------------------------------------------------------------- file, store folder or endpoint


def test_read_commands_take_a_store_folder(graph: Path, tmp_path: Path) -> None:
    store = graph.parent / "store"
    assert store.is_dir()
    assert run("query", "timeline", "--data", store, "--format", "csv").stdout == run(
        "query", "timeline", "--data", graph, "--format", "csv").stdout
    assert run("validate", store).exit_code == 0
    exported = run("export", "--data", store, "--format", "nq")
    assert exported.exit_code == 0 and exported.stdout == run("export", "--data", graph, "--format", "nq").stdout
    timeline = run("timeline", "--data", store, "-o", tmp_path / "t.json")
    assert timeline.exit_code == 0 and json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["events"]


def test_a_folder_that_is_not_a_store_is_one_error_line(tmp_path: Path) -> None:
    result = run("validate", tmp_path)
    assert result.exit_code == 2
    assert "not a statementkg store" in one_error_line(result)


@pytest.mark.server
def test_read_commands_take_an_endpoint(oxigraph_server: str, sample_trig: Path, tmp_path: Path) -> None:
    from statementkg.store import RemoteStore

    RemoteStore.for_oxigraph(oxigraph_server).push(sample_trig)
    timeline = run("timeline", "--data", oxigraph_server, "-o", "-", "--format", "json")
    assert timeline.exit_code == 0, timeline.stderr
    assert json.loads(timeline.stdout)["events"]
    exported = run("export", "--data", oxigraph_server, "--format", "nq")
    assert exported.exit_code == 0 and exported.stdout.count("\n") > 10
    validated = run("validate", oxigraph_server)
    assert validated.exit_code in (0, 1) and "Error" not in validated.stderr


# ---------------------------------------------------------------- version and completion


def test_version_comes_from_the_package_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import importlib.metadata

    import statementkg

    result = run("--version")
    assert result.exit_code == 0 and importlib.metadata.version("statementkg") in result.stdout
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "9.8.7")
    try:
        assert importlib.reload(statementkg).__version__ == "9.8.7"  # read from the metadata, not a constant
    finally:
        monkeypatch.undo()
        importlib.reload(statementkg)


def test_shell_completion_completes_query_names() -> None:
    env = {"_STATEMENTKG_COMPLETE": "bash_complete", "COMP_WORDS": "statementkg query reviews-f", "COMP_CWORD": "2"}
    result = CliRunner().invoke(main, [], env=env, prog_name="statementkg")
    assert "reviews-following-events" in result.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_STATEMENTKG_COMPLETE=bash_source statementkg" in readme


# ---------------------------------------------------------------- TimelineJS


def test_timelinejs_title_and_counts_agree_with_the_build(tmp_path: Path) -> None:
    import re

    out = tmp_path / "g.trig"
    built = run("build", CORPUS, "-o", out)
    events = re.search(r"(\d+) events", built.stderr)
    assert events is not None
    doc = json.loads(run("timeline", "--data", out, "-o", "-", "--format", "json", "--title", "Prevent").stdout)
    assert doc["title"]["text"]["headline"] == "Prevent"
    summary = doc["title"]["text"]["text"]
    assert f"({events.group(1)} events and " in summary
    assert f"{len(doc['events'])} on the time axis" in summary
    assert all("end_date" not in item for item in doc["events"])
