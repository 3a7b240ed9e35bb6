"""The ``statementkg`` command line: parse options, call ``pipeline``, render, exit with 0, 1, 2 or 3.

Exit codes: 0 ok / conforms; 1 ran, but the data does not conform; 2 could not run (bad input,
bad usage, unreachable endpoint); 3 a bug in statementkg (an exception nobody expected).  Every
expected failure is one ``Error: ...`` line on stderr; a bug is one line saying so and where to
report it, with the traceback only under ``--debug``.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from . import __version__, pipeline
from .errors import InputError, StatementKGError
from .export import ExportFormat
from .files import prepare_output, write_atomic, write_stdout
from .limits import DEFAULT_MAX_GRAPH_BYTES, DEFAULT_TIME_BUDGET, safe_resolve

EXIT_OK, EXIT_NONCONFORMING, EXIT_ERROR, EXIT_BUG = 0, 1, 2, 3
#: where a bug is reported (see SECURITY.md for problems that must not be public)
REPORT_TO = "the statementkg issue tracker (see SECURITY.md, 'Reporting a problem')"
DEFAULT_LINKS = Path("data/links")


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


def _progress() -> Callable[[str, int, int], None] | None:
    """A progress bar on stderr (rich) when stderr is a terminal; None (quiet) in pipes and CI."""
    if not sys.stderr.isatty():
        return None
    return rich_progress()


def rich_progress(file: Any = None) -> Callable[[str, int, int], None]:
    """A ``progress(stage, done, total)`` callback drawing one rich bar per stage on ``file`` (stderr)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=file or sys.stderr, force_terminal=file is not None or None)
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=console, transient=False)
    tasks: dict[str, Any] = {}

    def show(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            if not tasks:
                bar.start()
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done)
        if all(t.finished for t in bar.tasks) and stage == "extract":
            bar.stop()

    return show


def _emit(text: str, nl: bool = True) -> None:
    """Print ``text`` on stdout; a failed write (full disk, closed pipe) is one ``Error:`` line."""
    write_stdout((text + ("\n" if nl else "")).encode("utf-8"))


def _write_or_print(data: bytes, output: str | None) -> None:
    if output in (None, "-"):
        write_stdout(data)
        return
    assert output is not None
    path = Path(output)
    prepare_output(path)
    write_atomic(path, data)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="statementkg")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (exit 3).")
def main(debug: bool) -> None:
    """Turn government statements into a timeline-and-entity knowledge graph.

    \b
    Typical use:
      statementkg build data/statements --output build/graph.trig
      statementkg query reviews-following-events --data build/graph.trig
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("build/graph.trig"),
    show_default=True,
    help="Where to write the dataset (TriG).",
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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction (default: STATEMENTKG_JOBS, else every core).")
@click.option("--no-cache", is_flag=True,
              help="Ignore the cache beside the output (cache/) and write none: a clean build.")
def build(
    inputs: tuple[Path, ...], output: Path, links: Path | None, time_budget: float, jobs: int | None,
    no_cache: bool,
) -> None:
    """Build the graph from statement FILEs or folders, validate it, and write TriG.

    \b
    Example:
      statementkg build data/statements --output build/graph.trig

    Nothing is written when the data does not conform (exit 1) or an input is bad (exit 2).
    Each statement's extraction is cached in cache/ beside the output, so a rebuild redoes only
    the statements that changed (and any after a change of statementkg itself).
    """
    with _errors():
        if links is None and DEFAULT_LINKS.is_dir():
            links = DEFAULT_LINKS
        result = pipeline.build(
            list(inputs), output, progress=_progress(), links=links, budget=time_budget or None,
            use_cache=not no_cache, jobs=jobs,
        )
    if result.blocking:
        click.echo(result.report.to_text(), err=True)
        click.echo(
            f"Error: the built graph is malformed ({len(result.blocking)} structural violations); nothing written",
            err=True,
        )
        sys.exit(EXIT_NONCONFORMING)
    if not result.report.conforms:
        # the sources contradict each other in time: say so, but the graph is written
        click.echo(result.report.to_text(), err=True)
    events = sum(1 for _ in result.corpus.events)
    click.echo(
        f"built {output}: {len(result.statements)} statements, {events} events, "
        f"{len(result.corpus.people)} people, {len(result.corpus.organisations)} organisations",
        err=True,
    )


@main.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle"]),
    default="text",
    show_default=True,
    help="Report as readable text or as a SHACL validation report in Turtle.",
)
@click.option("--max-size", type=click.IntRange(min=1), default=DEFAULT_MAX_GRAPH_BYTES, show_default=True,
              help="Refuse a graph file larger than this many bytes.")
def validate(graph: Path, fmt: str, max_size: int) -> None:
    """Check GRAPH against the SHACL shapes: exit 0 conforms, 1 violations, 2 could not run.

    \b
    Example:
      statementkg validate build/graph.trig --format text
    """
    with _errors():
        report = pipeline.validate(graph, max_bytes=max_size)
        _emit(report.to_text() if fmt == "text" else report.to_turtle(), nl=fmt == "text")
    sys.exit(EXIT_OK if report.conforms else EXIT_NONCONFORMING)


@main.command()
@click.argument("name")
@click.option("--data", required=True, help="Dataset file (TriG/Turtle/N-Quads) or SPARQL endpoint URL.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Query parameter (repeatable).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json"]),
    default="table",
    show_default=True,
    help="W3C SPARQL results format, or a table for people.",
)
@click.option(
    "--queries",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of saved queries to use instead of the bundled queries/.",
)
@click.option("--columns", default=None, metavar="A,B,...", help="Show only these columns, in this order.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many rows (one page).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first (paging).")
def query(
    name: str, data: str, params: tuple[str, ...], fmt: str, folder: Path | None, columns: str | None,
    limit: int | None, offset: int,
) -> None:
    """Run the saved query NAME (queries/NAME.rq) and print its results.

    \b
    Example:
      statementkg query reviews-following-events --data build/graph.trig --format table
      statementkg query events-between --data build/graph.trig \\
          --param from=2024-01-01 --param to=2024-12-31 --format csv
      statementkg query reviews-following-events --data build/graph.trig \\
          --columns reviewLabel,relation,eventLabel,order
      statementkg query post-holders --data build/graph.trig --limit 50 --offset 100
    """
    from .queries import parse_param_args
    from .results import ResultFormat, render

    with _errors():
        values = parse_param_args(params)
        result = pipeline.query(name, data, values, folder=folder, limit=limit, offset=offset)
        if columns:
            result = result.select(c.strip().lstrip("?") for c in columns.split(",") if c.strip())
        _emit(render(result, ResultFormat(fmt)), nl=False)


@main.command()
@click.option("--data", required=True, type=click.Path(path_type=Path), help="Dataset file to export.")
@click.option("--format", "fmt", type=click.Choice([f.value for f in ExportFormat]), default="trig", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="Output file, or - for stdout.")
@click.option("--max-size", type=click.IntRange(min=1), default=DEFAULT_MAX_GRAPH_BYTES, show_default=True,
              help="Refuse a graph file larger than this many bytes.")
def export(data: Path, fmt: str, output: str, max_size: int) -> None:
    """Write the dataset as TriG, Turtle (all graphs merged), N-Quads or JSON-LD.

    \b
    Example:
      statementkg export --data build/graph.trig --format turtle -o build/graph.ttl
    """
    with _errors():
        if output != "-":
            if safe_resolve(Path(output)) == safe_resolve(data):
                raise InputError(f"{output}: the output path is also the input; choose another -o")
            prepare_output(Path(output))
        _write_or_print(pipeline.export(data, fmt, max_bytes=max_size), output)


@main.command()
@click.option("--data", required=True, type=click.Path(path_type=Path), help="Dataset file.")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=Path("build/timeline.html"), show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "json"]),
    default="html",
    show_default=True,
    help="A self-contained HTML page, or TimelineJS 3 JSON.",
)
def timeline(data: Path, output: Path, fmt: str) -> None:
    """Draw the events of the dataset on a time axis (one self-contained HTML file).

    \b
    Example:
      statementkg timeline --data build/graph.trig -o build/timeline.html
    """
    from .timeline import write_timeline

    with _errors():
        prepare_output(output, (data,))
        write_timeline(data, output, fmt)  # type: ignore[arg-type]
    click.echo(f"wrote {output}", err=True)


@main.group()
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
    def command(data: Path, links: Path, endpoint: str | None, offline: bool, cache: Path | None,
                include_perpetrators: bool) -> None:
        with _errors():
            report = pipeline.link(source, data, links, endpoint=endpoint, offline=offline, cache=cache,
                                   include_perpetrators=include_perpetrators)
        counts = ", ".join(f"{n} {k}" for k, n in report.counts.items())
        click.echo(f"wrote {report.table}: {counts} ({report.requests} requests)", err=True)

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
                click.echo(f"{row.decision.value} {row.id}: {row.subject_label or row.subject_id} -> "
                           f"{row.object_label or row.object_id}", err=True)
            return
        rows = queued(links)
    if fmt == "json":
        click.echo(json.dumps([r.to_json() for r in rows], indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"queued for review in {links}", show_lines=False)
    for col in ("id", "source", "subject", "candidate", "conf.", "evidence"):
        table.add_column(col, overflow="fold")
    for q in rows:
        r = q.row
        table.add_row(r.id, q.source, r.subject_label or r.subject_id, f"{r.object_label} ({r.object_id})",
                      "" if r.confidence is None else f"{r.confidence:.2f}", r.comment)
    Console(width=200).print(table)


@main.command()
@click.option("--data", required=True, type=click.Path(path_type=Path), help="Dataset file (TriG or N-Quads).")
@click.option("--endpoint", required=True, help="Graph Store Protocol URL (e.g. http://127.0.0.1:7878/store).")
@click.option("--restart", is_flag=True, help="Send every graph again, ignoring what earlier pushes sent.")
def push(data: Path, endpoint: str, restart: bool) -> None:
    """Load the dataset into a SPARQL store, one named graph per statement, each replaced as a unit.

    Credentials come from STATEMENTKG_USER / STATEMENTKG_PASSWORD or ~/.netrc, never the command line.
    A push that fails half-way resumes where it stopped (the graphs sent are in DATA.push.json).

    \b
    Example:
      statementkg push --data build/graph.trig --endpoint http://127.0.0.1:7878/store
    """
    with _errors():
        written = pipeline.push(data, endpoint, resume=not restart)
    click.echo(f"pushed {written} graphs to {endpoint}", err=True)


@main.command()
@click.option("--data", required=True, type=click.Path(path_type=Path), help="Built dataset (TriG).")
@click.option("--port", type=int, default=7878, show_default=True, help="Port on 127.0.0.1.")
def serve(data: Path, port: int) -> None:
    """Serve the built store read-only on 127.0.0.1 (Oxigraph's SPARQL server) until stopped.

    \b
    Example:
      statementkg serve --data build/graph.trig --port 7878
      statementkg query reviews-following-events --data http://127.0.0.1:7878
    """
    import os

    with _errors():
        command = pipeline.serve_command(data, port)
    click.echo(f"serving {data} on http://127.0.0.1:{port} (read-only; Ctrl-C stops)", err=True)
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
        click.echo(f"wrote {path}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
