"""The ``statementkg`` command line: parse options, call ``pipeline``, render, exit with 0, 1, 2 or 3.

Exit codes, the same for every command: 0 ok / conforms; 1 ran, but the data does not conform
(``validate`` found violations, or ``build`` made a graph that does not conform); 2 could not run
(bad input, bad usage, unreachable endpoint); 3 a bug in statementkg (an exception nobody
expected).  Every expected failure is one ``Error: ...`` line on stderr; a bug is one line saying
so and where to report it, with the traceback only under ``--debug``.

``-`` is standard input or output wherever a file is read or written.  Every command takes
``--quiet`` (only errors on stderr) and ``--verbose`` (details, e.g. the full SHACL report).
Progress bars appear on stderr only when it is a terminal and ``CI`` is not set.
"""

from __future__ import annotations

import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import click

from . import __version__
from .errors import InputError, StatementKGError
from .files import prepare_output, write_atomic, write_stdout
from .formats import GraphFormat
from .formats import names as format_names
from .limits import DEFAULT_MAX_GRAPH_BYTES, DEFAULT_TIME_BUDGET, safe_resolve

EXIT_OK, EXIT_NONCONFORMING, EXIT_ERROR, EXIT_BUG = 0, 1, 2, 3
#: where a bug is reported (see SECURITY.md for problems that must not be public)
REPORT_TO = "the statementkg issue tracker (see SECURITY.md, 'Reporting a problem')"
DEFAULT_LINKS = Path("data/links")
STDIO = "-"
F = TypeVar("F", bound=Callable[..., Any])


def _pipeline() -> ModuleType:
    """The build pipeline, imported when a command needs it: `query` and `queries` start without
    the extractor, pySHACL and the rest of the build path."""
    from . import pipeline

    return pipeline


@contextmanager
def _errors() -> Iterator[None]:
    """The one error boundary: expected failures become one line and exit 2; bugs keep their traceback."""
    try:
        yield
    except StatementKGError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


class _Group(click.Group):
    """The click group with the one boundary for bugs: any exception nobody expected exits 3."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except StatementKGError as exc:  # raised outside a command's own boundary
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            if ctx.params.get("debug"):
                traceback.print_exc()
            detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
            click.echo(
                f"Error: internal error, a bug in statementkg {__version__} ({type(exc).__name__}"
                f"{': ' + detail if detail else ''}); please report it to {REPORT_TO} with the command "
                f"and its input{'' if ctx.params.get('debug') else ', and the traceback from --debug'}",
                err=True,
            )
            sys.exit(EXIT_BUG)


# ---------------------------------------------------------------- verbosity, progress, terminal


def _verbosity() -> int:
    """-1 quiet, 0 normal, 1 verbose (set by --quiet / --verbose of the running command)."""
    ctx = click.get_current_context(silent=True)
    return int(ctx.meta.get("statementkg.verbosity", 0)) if ctx is not None else 0


def _set_verbosity(level: int) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta["statementkg.verbosity"] = level

    return callback


def common(command: F) -> F:
    """``--quiet`` and ``--verbose``, on every command."""
    command = click.option("--verbose", "-v", is_flag=True, expose_value=False, callback=_set_verbosity(1),
                           help="Say more on stderr (e.g. the full SHACL report).")(command)
    command = click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=_set_verbosity(-1),
                           help="Say nothing on stderr but errors; no progress.")(command)
    return command


def _say(message: str) -> None:
    """A note on stderr, unless --quiet."""
    if _verbosity() >= 0:
        click.echo(message, err=True)


def _detail(message: str) -> None:
    """A note on stderr only with --verbose."""
    if _verbosity() > 0:
        click.echo(message, err=True)


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _show_progress() -> bool:
    """Progress only on a terminal, never in CI (``CI`` set) or with --quiet."""
    return _verbosity() >= 0 and not os.environ.get("CI") and _stderr_is_terminal()


def _progress() -> Callable[[str, int, int], None] | None:
    """A progress bar on stderr (rich) when it is wanted; None (quiet) in pipes and CI."""
    return rich_progress() if _show_progress() else None


def rich_progress(file: Any = None) -> Callable[[str, int, int], None]:
    """A ``progress(stage, done, total)`` callback drawing one rich bar per stage on ``file`` (stderr)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=file or sys.stderr, force_terminal=True)
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console, transient=False)
    tasks: dict[str, Any] = {}

    def show(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        if not bar.live.is_started:
            bar.start()
        bar.update(tasks[stage], completed=done)
        if all(t.finished for t in bar.tasks):
            bar.refresh()
            bar.stop()

    return show


@contextmanager
def _activity(what: str) -> Iterator[None]:
    """A spinner saying ``what`` is under way, for work without steps to count (terminal only)."""
    if not _show_progress():
        yield
        return
    from rich.console import Console

    with Console(file=sys.stderr, force_terminal=True).status(what):
        yield


def _terminal_width() -> int | None:
    """Columns a table may use: the terminal's, else ``COLUMNS``, else None (as wide as its rows)."""
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def _emit(text: str, nl: bool = True) -> None:
    """Print ``text`` on stdout; a failed write (full disk, closed pipe) is one ``Error:`` line."""
    write_stdout((text + ("\n" if nl else "")).encode("utf-8"))


def _write_or_print(data: bytes, output: str | Path | None) -> None:
    if output is None or str(output) == STDIO:
        write_stdout(data)
        return
    path = Path(output)
    prepare_output(path)
    write_atomic(path, data)


def _read_stdin(what: str) -> bytes:
    stream = sys.stdin.buffer
    if sys.stdin.isatty():
        raise InputError(f"- means {what} from standard input, but it is a terminal; pipe the input in")
    return stream.read()


def _query_names(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion for NAME: the saved queries (of --queries when given)."""
    from click.shell_completion import CompletionItem

    from .queries import list_queries

    try:
        folder = ctx.params.get("folder")
        found = list_queries(folder)
    except StatementKGError:
        return []
    return [CompletionItem(q.name, help=q.summary) for q in found if q.name.startswith(incomplete)]


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="statementkg", prog_name="statementkg")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (exit 3).")
def main(debug: bool) -> None:
    """Turn government statements into a timeline-and-entity knowledge graph.

    \b
    Typical use:
      statementkg build data/statements --output build/graph.trig
      statementkg queries
      statementkg query reviews-following-events --data build/graph.trig

    Exit codes: 0 ok, 1 the data does not conform, 2 could not run, 3 a bug.
    """


def _write_report(report: Any, target: Path) -> None:
    """The full SHACL report: Turtle when ``target`` ends in .ttl, else text; ``-`` is stdout."""
    turtle = str(target).endswith(".ttl")
    data = (report.to_turtle() if turtle else report.to_text()).encode("utf-8")
    _write_or_print(data, target)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, allow_dash=True),
    default=Path("build/graph.trig"),
    show_default=True,
    help="Where to write the dataset (TriG); - for standard output (then no store is written).",
)
@click.option(
    "--links",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of SSSOM link tables to add (default: data/links when it exists). Never uses the network.",
)
@click.option(
    "--time-budget",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIME_BUDGET,
    show_default=True,
    help="Seconds one statement may take to read or extract before the build stops (0: no limit).",
)
@click.option("--no-corrections", is_flag=True,
              help="Ignore the STEM.corrections.yaml files beside the statements (the extractor's facts only).")
@click.option("--stdin-name", default="stdin.txt", show_default=True, metavar="NAME",
              help="File name a statement read from - goes by (its stem names the statement, its suffix the reader).")
@click.option("--report", "report_path", type=click.Path(path_type=Path, allow_dash=True), default=None,
              help="Write the full SHACL report here (Turtle when it ends in .ttl, else text).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction (default: STATEMENTKG_JOBS, else every core).")
@click.option("--no-cache", is_flag=True,
              help="Ignore the cache beside the output (cache/) and write none: a clean build.")
@common
def build(inputs: tuple[Path, ...], output: Path, links: Path | None, time_budget: float, no_corrections: bool,
          stdin_name: str, report_path: Path | None, jobs: int | None, no_cache: bool) -> None:
    """Build the graph from statement FILEs or folders (- reads one from stdin), validate it, write TriG.

    \b
    Example:
      statementkg build data/statements --output build/graph.trig
      cat statement.txt | statementkg build - --stdin-name my-statement.txt -o - > graph.trig

    \b
    Exit 0: the graph conforms and is written.
    Exit 1: it does not conform: a malformed graph is not written; one whose statements only
            contradict each other in time is written, to be looked at (see --report).
    Exit 2: an input is bad; nothing is written.

    Each statement's extraction is cached in cache/ beside the output, so a rebuild redoes only
    the statements that changed (and any after a change of statementkg itself).
    """
    to_stdout = str(output) == STDIO
    with _errors():
        if links is None and DEFAULT_LINKS.is_dir():
            links = DEFAULT_LINKS
        paths = [p for p in inputs if str(p) != STDIO]
        given = [(Path(stdin_name), _read_stdin("a statement"))] if len(paths) < len(inputs) else []
        if report_path is not None and str(report_path) != STDIO:
            prepare_output(report_path)
        result = _pipeline().build(
            paths, None if to_stdout else output, progress=_progress(), links=links,
            budget=time_budget or None, given=given, corrections=not no_corrections,
            use_cache=not no_cache, jobs=jobs,
        )
        if to_stdout and not result.blocking:
            from .export import serialize

            write_stdout(serialize(result.dataset, GraphFormat.TRIG))
        if report_path is not None:
            _write_report(result.report, report_path)
    _detail(result.report.to_text().rstrip("\n"))
    from .ids import mint_event_iri
    from .namespaces import ID

    # counted as the timeline counts them: a statement that is itself an event is a statement
    events = sum(not str(mint_event_iri(key)).startswith(str(ID["statement/"])) for key in result.corpus.events)
    where = "standard output" if to_stdout else str(output)
    if result.blocking:
        _say(result.report.summary().rstrip("\n"))
        click.echo(
            f"Error: the built graph is malformed ({len(result.blocking)} structural violations); nothing written"
            + ("" if report_path else "; see the full report with --report FILE"),
            err=True,
        )
        sys.exit(EXIT_NONCONFORMING)
    _say(
        f"built {where}: {len(result.statements)} statements, {events} events, "
        f"{len(result.corpus.people)} people, {len(result.corpus.organisations)} organisations"
    )
    if not result.report.conforms:
        # the sources contradict each other in time: the graph is written, and the exit says so
        _say(result.report.summary().rstrip("\n"))
        _say("the statements contradict each other in time; the graph is written (exit 1)"
             + ("" if report_path else "; the full report: --report FILE"))
        sys.exit(EXIT_NONCONFORMING)


@main.command(name="review")
@click.argument("statement", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="A terminal table, or JSON for tools.")
@click.option("--stale", is_flag=True, help="List only the corrections that no longer apply (exit 1 if any).")
@click.option("--statements", "folder", type=click.Path(path_type=Path, file_okay=False),
              default=Path("data/statements"), show_default=True,
              help="Folder to find STATEMENT in when it is given as a name rather than a file.")
@click.option("--no-shacl", is_flag=True, help="Skip validating the statement's facts (faster).")
@common
def review_command(statement: Path, fmt: str, stale: bool, folder: Path, no_shacl: bool) -> None:
    """Every fact extracted from STATEMENT (a file, or a name in --statements): ID, type, dates, quote, flags.

    Use the IDs in STATEMENT's corrections file (STEM.corrections.yaml beside it; see the README).

    \b
    Example:
      statementkg review data/statements/d05-manchester-arena-volume-3.txt
      statementkg review d05-manchester-arena-volume-3 --format json
      statementkg review d05-manchester-arena-volume-3 --stale
    """
    import json

    from .review import find_statement
    from .review import review as review_statement

    with _errors():
        result = review_statement(find_statement(statement, folder), shacl=not (no_shacl or stale))
    if stale:
        if fmt == "json":
            _emit(json.dumps([{"where": p.where, "message": p.message} for p in result.stale], indent=2))
        else:
            for p in result.stale:
                _emit(str(p))
            click.echo(f"{len(result.stale)} stale corrections for {result.stem}", err=True)
        sys.exit(EXIT_NONCONFORMING if result.stale else EXIT_OK)
    if fmt == "json":
        _emit(json.dumps({"statement": result.stem, "path": result.path, "corrections": result.corrections_file,
                          "facts": [f.to_json() for f in result.facts],
                          "stale": [str(p) for p in result.stale]}, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"facts of {result.stem}", show_lines=False)
    for col in ("id", "status", "type", "label", "dates", "quote", "flags"):
        table.add_column(col, overflow="fold")
    for rf in result.facts:
        f = rf.fact
        b = f.bounds
        dates = ""
        if b is not None and not b.is_open:
            lo = b.earliest_begin.isoformat() if b.earliest_begin else ".."
            hi = b.latest_begin.isoformat() if b.latest_begin else ".."
            dates = lo if lo == hi else f"{lo}/{hi}"
        if f.phrase:
            dates = f"{dates} ({f.phrase})".strip()
        status = rf.status + "".join(f" ({Path(c).name})" for c in rf.corrections)
        quote = f.quote if len(f.quote) <= 90 else f.quote[:87] + "..."
        table.add_row(f.id.split(":", 1)[1], status, f.type, f.label, dates, quote, "; ".join(rf.flags))
    console = Console(width=200)
    console.print(table)
    if result.stale:
        for p in result.stale:
            click.echo(f"stale: {p}", err=True)


@main.command()
@click.argument("graph")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle"]),
    default="text",
    show_default=True,
    help="A summary (one line per rule; --verbose: every result) or the SHACL validation report in Turtle.",
)
@click.option("--report", "report_path", type=click.Path(path_type=Path, allow_dash=True), default=None,
              help="Also write the full report here (Turtle when it ends in .ttl, else text).")
@click.option("--max-size", type=click.IntRange(min=1), default=DEFAULT_MAX_GRAPH_BYTES, show_default=True,
              help="Refuse a graph file larger than this many bytes.")
@common
def validate(graph: str, fmt: str, report_path: Path | None, max_size: int) -> None:
    """Check GRAPH (a file, a store folder or an endpoint URL) against the SHACL shapes.

    \b
    Exit 0 conforms, 1 violations, 2 could not run.
    Example:
      statementkg validate build/graph.trig
      statementkg validate build/graph.trig --report build/report.ttl
      statementkg validate http://127.0.0.1:7878
    """
    with _errors():
        if report_path is not None and str(report_path) != STDIO:
            prepare_output(report_path)
        with _activity(f"validating {graph}"):
            report = _pipeline().validate(graph, max_bytes=max_size)
        if report_path is not None:
            _write_report(report, report_path)
        if fmt == "turtle":
            _emit(report.to_turtle(), nl=False)
        else:
            _emit(report.to_text() if _verbosity() > 0 else report.summary(), nl=False)
    sys.exit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)


_DATA_HELP = "A graph file (.trig, .ttl, .nq, .jsonld...), a store folder (build/store) or a SPARQL endpoint URL."


@main.command()
@click.argument("name", shell_complete=_query_names)
@click.option("--data", required=True, help=_DATA_HELP)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter (repeatable); IRIs may be prefixed names such as id:event/southport-attack.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
    help="W3C SPARQL results format, or a table for people.",
)
@click.option(
    "--queries",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    is_eager=True,
    help="Folder of saved queries to use instead of the bundled queries/.",
)
@click.option("--columns", default=None, metavar="A,B,...", help="Show only these columns, in this order.")
@click.option("--width", type=click.IntRange(min=20), default=None,
              help="Table width (default: the terminal's; in a pipe, as wide as the rows).")
@click.option("--truncate", is_flag=True, help="Cut long table cells with … instead of wrapping them.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows (one page).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first (paging).")
@common
def query(
    name: str, data: str, params: tuple[str, ...], fmt: str, folder: Path | None, columns: str | None,
    width: int | None, truncate: bool, limit: int | None, offset: int,
) -> None:
    """Run the saved query NAME (see `statementkg queries`), a query file (.rq), or - (stdin).

    \b
    Example:
      statementkg query reviews-following-events --data build/graph.trig --format table
      statementkg query events-between --data build/graph.trig \\
          --param from=2024-01-01 --param to=2024-12-31 --format csv
      statementkg query referrals-before --data build/graph.trig --param event=id:event/southport-attack
      statementkg query my-question.rq --data build/store
      echo 'SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3' | statementkg query - --data build/graph.trig
      statementkg query post-holders --data build/graph.trig --limit 50 --offset 100
    """
    from .queries import load_query, parse_param_args, parse_query_text, run_query_on
    from .results import ResultFormat, render

    with _errors():
        values = parse_param_args(params)
        if name == STDIO:
            try:
                text = _read_stdin("the query").decode("utf-8")
            except UnicodeDecodeError:
                raise InputError("<stdin>: the query is not UTF-8 text; give it in UTF-8") from None
            saved = parse_query_text(text, Path("<stdin>"), saved=False)
        else:
            saved = load_query(name, folder)
        result = run_query_on(saved, data, values, limit=limit, offset=offset)
        if columns:
            result = result.select(c.strip().lstrip("?") for c in columns.split(",") if c.strip())
        _emit(render(result, ResultFormat(fmt), width=width or _terminal_width(), truncate=truncate), nl=False)


@main.command(name="queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--queries", "folder", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of saved queries to list instead of the bundled queries/.")
@common
def queries_command(fmt: str, folder: Path | None) -> None:
    """List the saved queries: name, summary, parameters with their types and defaults.

    \b
    Example:
      statementkg queries
      statementkg queries --format json
    """
    import json

    from .queries import list_queries

    with _errors():
        described = [q.describe() for q in list_queries(folder)]
    if fmt == "json":
        _emit(json.dumps(described, indent=2, ensure_ascii=False))
        return
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD)
    for col in ("name", "summary", "parameters"):
        table.add_column(col, overflow="fold")
    for q in described:
        parts = []
        for p in q["parameters"]:
            bits = [p["type"], "required" if p["required"] else "optional"]
            if p["default"] is not None:
                bits.append(f"default {p['default']}")
            parts.append(f"{p['name']} ({', '.join(bits)})")
        table.add_row(Text(q["name"]), Text(q["summary"]), Text("\n".join(parts) or "–"))
    _print_table(table)


def _print_table(table: Any) -> None:
    """A rich table on stdout, fitted to the terminal (as wide as its rows in a pipe), no colour."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=_terminal_width() or 10_000, color_system=None, force_terminal=False,
            highlight=False, markup=False, emoji=False).print(table)
    _emit("".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines()), nl=False)


@main.command()
@click.option("--data", required=True, help=_DATA_HELP)
@click.option("--format", "fmt", type=click.Choice(format_names(), case_sensitive=False), default=None,
              help="trig, turtle (ttl), nquads (nq), ntriples (nt) or jsonld; default: from -o's extension, else trig.")
@click.option("--output", "-o", default=STDIO, show_default=True, help="Output file, or - for stdout.")
@click.option("--max-size", type=click.IntRange(min=1), default=DEFAULT_MAX_GRAPH_BYTES, show_default=True,
              help="Refuse a graph file larger than this many bytes.")
@common
def export(data: str, fmt: str | None, output: str, max_size: int) -> None:
    """Write the dataset as TriG, Turtle or N-Triples (all graphs merged), N-Quads or JSON-LD.

    \b
    Example:
      statementkg export --data build/graph.trig -o build/graph.ttl
      statementkg export --data build/store --format nq > graph.nq
    """
    with _errors():
        if fmt is not None:
            chosen = GraphFormat.from_name(fmt)
        elif output != STDIO and Path(output).suffix:
            chosen = GraphFormat.from_path(Path(output))
        else:
            chosen = GraphFormat.TRIG
        if output != STDIO:
            if not str(data).startswith(("http://", "https://")) and safe_resolve(Path(output)) == safe_resolve(
                    Path(data)):
                raise InputError(f"{output}: the output path is also the input; choose another -o")
            prepare_output(Path(output))
        _write_or_print(_pipeline().export(data, chosen, max_bytes=max_size), output)
    if output != STDIO:
        _say(f"wrote {output} ({chosen.label})")


@main.command()
@click.option("--data", required=True, help=_DATA_HELP)
@click.option("--output", "-o", default="build/timeline.html", show_default=True,
              help="Output file, or - for stdout.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "json"]),
    default=None,
    help="A self-contained HTML page, or TimelineJS 3 JSON (default: from -o's extension, else html).",
)
@click.option("--title", default="statementkg timeline", show_default=True, help="The timeline's title.")
@common
def timeline(data: str, output: str, fmt: str | None, title: str) -> None:
    """Draw the events of the dataset on a time axis (one self-contained HTML file).

    \b
    Example:
      statementkg timeline --data build/graph.trig -o build/timeline.html
      statementkg timeline --data build/store -o - --format json --title "Southport" > timeline.json
    """
    from .timeline import timeline_bytes

    chosen = fmt or ("json" if output.endswith(".json") else "html")
    with _errors():
        if output != STDIO:
            prepare_output(Path(output), () if data.startswith(("http://", "https://")) else (Path(data),))
        _write_or_print(timeline_bytes(data, chosen, title=title), output)  # type: ignore[arg-type]
    if output != STDIO:
        _say(f"wrote {output}")


@main.group()
@common
def link() -> None:
    """Link the graph to open-data graphs: statementkg link SOURCE ..., statementkg link review.

    \b
    Sources: wikidata, parliament, legislation, govuk.  Decisions are rows of SSSOM tables in
    --links (default data/links); `build --links` reads them without the network.
    Example:
      statementkg link wikidata --data build/graph.trig --links data/links
      statementkg link review --links data/links
    """


def _link_command(source: str) -> None:
    @link.command(name=source)
    @click.option("--data", required=True, type=click.Path(path_type=Path), help="The built graph (TriG).")
    @click.option("--links", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_LINKS,
                  show_default=True, help="Folder of the SSSOM link tables.")
    @click.option("--endpoint", default=None, help="Service URL instead of the public one (a local mirror, a test).")
    @click.option("--offline", is_flag=True, help="Answer from the cache only; say what is missing.")
    @click.option("--cache", type=click.Path(path_type=Path, file_okay=False), default=None,
                  help="Cache folder (default: LINKS/cache).")
    @click.option("--include-perpetrators", is_flag=True, help="Also link people named only as perpetrators.")
    @common
    def command(data: Path, links: Path, endpoint: str | None, offline: bool, cache: Path | None,
                include_perpetrators: bool) -> None:
        with _errors(), _activity(f"linking {data} to {source}"):
            report = _pipeline().link(source, data, links, endpoint=endpoint, offline=offline, cache=cache,
                                   include_perpetrators=include_perpetrators)
        counts = ", ".join(f"{n} {k}" for k, n in report.counts.items())
        _say(f"wrote {report.table}: {counts} ({report.requests} requests)")

    command.__doc__ = f"""Propose, score and decide links to {source}; write LINKS/{source}.sssom.tsv.

    \b
    Example:
      statementkg link {source} --data build/graph.trig --links data/links
    """


for _source in ("wikidata", "parliament", "legislation", "govuk"):
    _link_command(_source)


@link.command(name="review")
@click.option("--links", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_LINKS, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--accept", multiple=True, metavar="ID", help="Accept this candidate (rejects its subject's others).")
@click.option("--reject", multiple=True, metavar="ID", help="Reject this candidate; it is never proposed again.")
@click.option("--reviewer", default="reviewer", show_default=True, help="Who decides (recorded as reviewer_id).")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="Decision date (default: today).")
@common
def review(links: Path, fmt: str, accept: tuple[str, ...], reject: tuple[str, ...], reviewer: str,
           day: str | None) -> None:
    """List the queued candidates with their evidence, or record --accept / --reject decisions.

    \b
    Example:
      statementkg link review --links data/links
      statementkg link review --links data/links --accept 4ceff2d230 --reject bb359de4d3
    """
    import datetime as dt
    import json

    from .link.review import apply_reviews, queued

    with _errors():
        if accept or reject:
            try:
                when = dt.date.fromisoformat(day) if day else dt.date.today()
            except ValueError:
                raise InputError(f"--date {day!r} is not a date (YYYY-MM-DD)") from None
            for row in apply_reviews(links, accept, reject, date=when, reviewer=reviewer):
                _say(f"{row.decision.value} {row.id}: {row.subject_label or row.subject_id} -> "
                     f"{row.object_label or row.object_id}")
            return
        rows = queued(links)
    if fmt == "json":
        _emit(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"queued for review in {links}", show_lines=False)
    for col in ("id", "source", "subject", "candidate", "conf.", "evidence"):
        table.add_column(col, overflow="fold")
    for q in rows:
        r = q.row
        table.add_row(r.id, q.source, r.subject_label or r.subject_id, f"{r.object_label} ({r.object_id})",
                      "" if r.confidence is None else f"{r.confidence:.2f}", r.comment)
    _print_table(table)


@main.command()
@click.option("--data", required=True, type=click.Path(path_type=Path), help="Dataset file (TriG or N-Quads).")
@click.option("--endpoint", required=True, help="Graph Store Protocol URL (e.g. http://127.0.0.1:7878/store).")
@click.option("--restart", is_flag=True, help="Send every graph again, ignoring what earlier pushes sent.")
@common
def push(data: Path, endpoint: str, restart: bool) -> None:
    """Load the dataset into a SPARQL store, one named graph per statement, each replaced as a unit.

    Credentials come from STATEMENTKG_USER / STATEMENTKG_PASSWORD or ~/.netrc, never the command line.
    A push that fails half-way resumes where it stopped (the graphs sent are in DATA.push.json).

    \b
    Example:
      statementkg push --data build/graph.trig --endpoint http://127.0.0.1:7878/store
    """
    with _errors():
        written = _pipeline().push(data, endpoint, resume=not restart, progress=_progress())
    _say(f"pushed {written} graphs to {endpoint}")


@main.command()
@click.option("--data", required=True, type=click.Path(path_type=Path), help="Built dataset (TriG).")
@click.option("--port", type=int, default=7878, show_default=True, help="Port on 127.0.0.1.")
@common
def serve(data: Path, port: int) -> None:
    """Serve the built store read-only on 127.0.0.1 (Oxigraph's SPARQL server) until stopped.

    \b
    Example:
      statementkg serve --data build/graph.trig --port 7878
      statementkg query reviews-following-events --data http://127.0.0.1:7878
    """
    with _errors():
        command = _pipeline().serve_command(data, port)
    _say(f"serving {data} on http://127.0.0.1:{port} (read-only; Ctrl-C stops)")
    sys.stderr.flush()
    os.execv(command[0], command)  # the server takes this process's place (and its ID)


@main.command(name="fetch")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option("--output-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("data/statements"),
              show_default=True, help="Folder the Content API JSON files are written to.")
@click.option("--endpoint", default=None, help="GOV.UK base URL instead of https://www.gov.uk (a mirror, a test).")
@click.option("--offline", is_flag=True, help="Answer from the cache only; say what is missing.")
@click.option("--cache", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Cache folder (default: data/links/cache).")
@common
def fetch(urls: tuple[str, ...], output_dir: Path, endpoint: str | None, offline: bool, cache: Path | None) -> None:
    """Fetch GOV.UK pages as Content API JSON files that `build` reads (OUTPUT-DIR/SLUG.json).

    \b
    Every URL is checked before anything is fetched; each answer is checked by the reader before
    it is written (atomically).  The same polite client as `link`: cache, retries, timeouts.
    Example:
      statementkg fetch https://www.gov.uk/government/speeches/southport-attack-next-steps
    """
    from .link.govuk import ENDPOINT, fetch_pages
    from .link.run import make_client

    with _errors():
        client = make_client("govuk", DEFAULT_LINKS, offline=offline, cache=cache)
        try:
            written = fetch_pages(list(urls), output_dir, client, endpoint or ENDPOINT)
        except Exception as exc:
            from .link.http import OfflineMiss

            if isinstance(exc, OfflineMiss):
                raise OfflineMiss(f"{exc}; missing: {'; '.join(client.missing)}") from None
            raise
    for path in written:
        _say(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
