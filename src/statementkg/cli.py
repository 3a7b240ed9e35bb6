"""The ``statementkg`` command line: parse options, call ``pipeline``, render, exit with 0, 1 or 2.

Exit codes: 0 ok / conforms; 1 ran, but the data does not conform; 2 could not run (bad input,
bad usage, unreachable endpoint).  Every expected failure is one ``Error: ...`` line on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__, pipeline
from .errors import InputError, StatementKGError
from .export import ExportFormat
from .files import prepare_output, write_atomic

EXIT_OK, EXIT_NONCONFORMING, EXIT_ERROR = 0, 1, 2


@contextmanager
def _errors() -> Iterator[None]:
    """The one error boundary: expected failures become one line and exit 2; bugs keep their traceback."""
    try:
        yield
    except StatementKGError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


def _progress() -> Callable[[str, int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        end = "\n" if done == total else ""
        click.echo(f"\r{stage}: {done}/{total}", err=True, nl=False)
        if end:
            click.echo("", err=True)

    return show


def _write_or_print(data: bytes, output: str | None) -> None:
    if output in (None, "-"):
        click.echo(data.decode("utf-8"), nl=False)
        return
    assert output is not None
    path = Path(output)
    prepare_output(path)
    write_atomic(path, data)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="statementkg")
def main() -> None:
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
def build(inputs: tuple[Path, ...], output: Path) -> None:
    """Build the graph from statement FILEs or folders, validate it, and write TriG.

    \b
    Example:
      statementkg build data/statements --output build/graph.trig

    Nothing is written when the data does not conform (exit 1) or an input is bad (exit 2).
    """
    with _errors():
        result = pipeline.build(list(inputs), output, progress=_progress())
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
def validate(graph: Path, fmt: str) -> None:
    """Check GRAPH against the SHACL shapes: exit 0 conforms, 1 violations, 2 could not run.

    \b
    Example:
      statementkg validate build/graph.trig --format text
    """
    with _errors():
        report = pipeline.validate(graph)
    click.echo(report.to_text() if fmt == "text" else report.to_turtle(), nl=fmt == "text")
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
def query(
    name: str, data: str, params: tuple[str, ...], fmt: str, folder: Path | None, columns: str | None
) -> None:
    """Run the saved query NAME (queries/NAME.rq) and print its results.

    \b
    Example:
      statementkg query reviews-following-events --data build/graph.trig --format table
      statementkg query events-between --data build/graph.trig \\
          --param from=2024-01-01 --param to=2024-12-31 --format csv
      statementkg query reviews-following-events --data build/graph.trig \\
          --columns reviewLabel,relation,eventLabel,order
    """
    from .queries import parse_param_args
    from .results import ResultFormat, render

    with _errors():
        values = parse_param_args(params)
        result = pipeline.query(name, data, values, folder=folder)
        if columns:
            result = result.select(c.strip().lstrip("?") for c in columns.split(",") if c.strip())
        click.echo(render(result, ResultFormat(fmt)), nl=False)


@main.command()
@click.option("--data", required=True, type=click.Path(path_type=Path), help="Dataset file to export.")
@click.option("--format", "fmt", type=click.Choice([f.value for f in ExportFormat]), default="trig", show_default=True)
@click.option("--output", "-o", default="-", show_default=True, help="Output file, or - for stdout.")
def export(data: Path, fmt: str, output: str) -> None:
    """Write the dataset as TriG, Turtle (all graphs merged), N-Quads or JSON-LD.

    \b
    Example:
      statementkg export --data build/graph.trig --format turtle -o build/graph.ttl
    """
    with _errors():
        if output != "-" and Path(output).resolve() == data.resolve():
            raise InputError(f"{output}: the output path is also the input; choose another -o")
        _write_or_print(pipeline.export(data, fmt), output)


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


if __name__ == "__main__":  # pragma: no cover
    main()
