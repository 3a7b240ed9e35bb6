"""Atomic output: write to a temporary file beside the target, then rename over it.

Outputs are regular files (or ``-``, standard output): a device, a folder, a pipe or a symbolic
link to one of them is refused before any work is done, and a failed write (a full disk) is an
``InputError`` that leaves the previous output as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .limits import safe_resolve


def prepare_output(path: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Fail early (before any work is done) if ``path`` cannot be written or is an input."""
    target = safe_resolve(path)
    for src in inputs:
        try:
            if src.resolve() == target:
                raise InputError(f"{path}: the output path is also an input; choose another --output")
        except (OSError, RuntimeError):
            continue
    parent = target.parent
    for ancestor in (parent, *parent.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise InputError(
                    f"{path}: cannot create folder {parent}: {ancestor} is a file; choose another output path"
                )
            if not os.access(ancestor, os.W_OK | os.X_OK):
                raise InputError(f"{path}: folder {ancestor} is not writable; choose another output path")
            break
    if target.is_dir():
        raise InputError(f"{path}: is a folder; give a file name for the output")
    _refuse_special(path)


def _refuse_special(path: Path) -> None:
    """An ``InputError`` when ``path`` (or what a link there points to) exists and is not a regular file."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file, or a link to one not there yet (a file on the way is reported by the caller)
    except OSError as exc:
        raise InputError(f"{path}: cannot use as output ({exc.strerror}); choose another output path") from None
    if stat.S_ISREG(mode):
        return
    kind = ("a folder" if stat.S_ISDIR(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    via = " (through a symbolic link)" if path.is_symlink() else ""
    hint = "; use - for standard output" if kind != "a folder" else ""
    raise InputError(f"{path}: is {kind}{via}, not a regular file; give a file name for the output{hint}")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one, never half."""
    write_atomic_chunks(path, (data,))


def write_atomic_chunks(path: Path, chunks: Iterable[bytes]) -> None:
    """``write_atomic`` for output made piece by piece (a large graph is never held whole)."""
    _refuse_special(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write output ({exc.strerror}); choose another output path") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            for data in chunks:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(
            f"{path}: cannot write output ({exc.strerror or exc}); the previous file is left as it was; "
            "free some space or choose another output path"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_stdout(data: bytes, stream: BinaryIO | None = None) -> None:
    """Write ``data`` to standard output; a failed write (a full device, a closed pipe) is an ``InputError``."""
    import sys

    out = stream if stream is not None else sys.stdout.buffer
    try:
        out.write(data)
        out.flush()
    except OSError as exc:
        if stream is None:
            # nothing more can reach the broken stream: keep the interpreter's final flush quiet
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        raise InputError(f"cannot write to standard output ({exc.strerror or exc}); "
                         "check the disk or pipe it is sent to, or write a file with -o") from None
