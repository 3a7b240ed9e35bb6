"""Extraction of a whole corpus: cached per statement, in parallel across cores, deterministic.

Each statement is looked up in the extraction cache (``buildcache``); the misses are extracted in
a pool of worker processes when there are enough of them to pay for the pool, else in this
process.  Results come back in the statements' order whichever way they were computed, so the
output never depends on the number of workers.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .buildcache import Cache, statement_key
from .extract import extract_statement
from .limits import time_budget
from .model import Extraction, Statement

Progress = Callable[[str, int, int], None]

#: below this many statements to extract, a pool costs more than it saves
PARALLEL_MIN = 16


def default_jobs() -> int:
    """Worker processes: ``STATEMENTKG_JOBS`` if set, else the cores this process may use."""
    env = os.environ.get("STATEMENTKG_JOBS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _extract_one(item: tuple[Statement, float | None]) -> Extraction:
    statement, budget = item
    with time_budget(budget, f"{statement.path}: extracting"):
        return extract_statement(statement)


def extract_all(
    statements: Sequence[Statement],
    *,
    cache: Path | None = None,
    jobs: int | None = None,
    budget: float | None = None,
    progress: Progress | None = None,
) -> list[Extraction]:
    """The extraction of every statement, in order; cached under ``cache`` when given.

    ``jobs`` worker processes extract the statements not in the cache (default ``default_jobs()``;
    1 extracts in this process, as does any run with fewer than ``PARALLEL_MIN`` misses).
    """
    store = Cache(cache, "extract")
    out: list[Extraction | None] = [None] * len(statements)
    keys = [statement_key(st) for st in statements]
    todo: list[int] = []
    done = 0
    for i, (st, key) in enumerate(zip(statements, keys, strict=True)):
        hit = store.get(key)
        if isinstance(hit, Extraction):
            out[i] = dataclasses.replace(hit, statement=st)
            done += 1
        else:
            todo.append(i)
    if progress and done:
        progress("extract", done, len(statements))
    workers = min(jobs or default_jobs(), len(todo))
    if workers > 1 and len(todo) >= PARALLEL_MIN:
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            chunk = max(1, min(8, len(todo) // (workers * 4)))
            results = pool.map(_extract_one, [(statements[i], budget) for i in todo], chunksize=chunk)
            for i, extraction in zip(todo, results, strict=True):
                out[i] = extraction
                store.put(keys[i], extraction)
                done += 1
                if progress:
                    progress("extract", done, len(statements))
    else:
        for i in todo:
            out[i] = _extract_one((statements[i], budget))
            store.put(keys[i], out[i])
            done += 1
            if progress:
                progress("extract", done, len(statements))
    store.prune()
    return [x for x in out if x is not None]
