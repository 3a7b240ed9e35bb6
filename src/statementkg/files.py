"""Atomic output: write to a temporary file beside the target, then rename over it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def prepare_output(path: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Fail early (before any work is done) if ``path`` cannot be written or is an input."""
    target = path.resolve()
    for src in inputs:
        try:
            if src.resolve() == target:
                raise InputError(f"{path}: the output path is also an input; choose another --output")
        except OSError:
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one, never half."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write output ({exc.strerror}); choose another output path") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
