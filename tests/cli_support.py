"""Running the command line in tests (click's CliRunner) and reading its one error line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from statementkg.cli import main


def run(*args: str | Path, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """``statementkg ARGS...`` in-process; exceptions surface as they would in a bug report."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, input=input, env=env)


def one_error_line(result: Result) -> str:
    """The single ``Error:`` line a failed command prints (the test fails if there is more)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]
