"""Scale benchmark: build generated corpora stage by stage, against the naive rdflib + pySHACL way.

    .venv/bin/python benchmarks/scale.py --sizes 100,300          # what `make bench` runs
    .venv/bin/python benchmarks/scale.py --sizes 10 --naive-max 0 # the smoke check of `make test`
    .venv/bin/python benchmarks/scale.py --sizes 1000,10000       # the manual large run
    .venv/bin/python benchmarks/scale.py --sizes 1000 --no-incremental --naive-queries-max 1000  # ×naive, push

Each size runs in a fresh process (so peak RSS is that size's own), on a corpus written by
``benchmarks/corpus.py`` with a fixed seed.  For every stage of ``statementkg build`` it prints wall
time, CPU time (this process and its workers) and the process's peak RSS once the stage is done;
then the growth exponent of each stage between consecutive sizes (``log(t2/t1) / log(n2/n1)``: 1 is
linear, 2 quadratic).  Up to ``--naive-max`` statements it also runs the naive way in the same
process (the TriG parsed by rdflib, pySHACL on the whole dataset, as the build did before the
fast path) and prints the ratio.

After each build it also rebuilds after one edit (``--no-incremental`` skips it), times every saved
query warm and one-shot (``--no-queries``), and pushes the dataset into a fresh local Oxigraph
server started on 127.0.0.1 (``--no-push``).  Up to ``--naive-queries-max`` statements the saved
queries also run the naive way (rdflib parses the TriG and runs each query), against the sum of
the one-shot runs: the load is in both.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

STAGES = ("read", "extract", "resolve", "rdf", "validate", "write")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return max(own, kids)


class _Clock:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, float]] = {}

    def stage(self, name: str, fn: Callable[[], Any]) -> Any:
        w0, c0 = time.perf_counter(), _cpu()
        out = fn()
        self.rows[name] = {"wall": time.perf_counter() - w0, "cpu": _cpu() - c0, "rss_mb": _peak_mb()}
        return out


def run_one(n: int, workdir: Path, naive: bool, queries: bool = True, incremental: bool = True,
            push: bool = True, naive_queries: float | None = None, in_memory: bool | None = None) -> dict[str, Any]:
    """Build a generated corpus of ``n`` statements stage by stage; the measurements as a dict."""
    from corpus import write_corpus

    from statementkg import pipeline

    folder = workdir / f"corpus-{n}"
    if not folder.is_dir():
        write_corpus(folder, n)
    output = workdir / f"out-{n}" / "graph.trig"
    output.parent.mkdir(parents=True, exist_ok=True)
    clock = _Clock()
    timings: dict[str, dict[str, float]] = {}
    t0, c0 = time.perf_counter(), _cpu()
    result = pipeline.build([folder], output, timings=timings, in_memory=in_memory)
    total = {"wall": time.perf_counter() - t0, "cpu": _cpu() - c0, "rss_mb": _peak_mb()}
    clock.rows.update(timings)
    out: dict[str, Any] = {
        "n": n,
        "words": sum(len(p.read_text(encoding="utf-8").split()) for p in folder.iterdir()),
        "events": len(result.corpus.events),
        "quads": result.quads,
        "stages": clock.rows,
        "total": total,
        "written": result.output is not None,
        "store": {None: "auto", True: "memory", False: "disk"}[in_memory],
    }
    if incremental:
        out["incremental"] = _incremental(folder, output, in_memory)
    if queries:
        out["queries"] = _queries(output)
        if naive_queries is not None:
            out["naive_queries"] = _naive_queries(output, naive_queries)
    if push:
        out["push"] = _push(output, result.quads)
    if naive:
        out["naive"] = _naive(output)
    return out


def _incremental(folder: Path, output: Path, in_memory: bool | None = None) -> dict[str, Any]:
    """Edit one statement, rebuild with the cache beside the output; time it and count re-extractions."""
    from statementkg import engine, pipeline

    victim = sorted(folder.iterdir())[len(list(folder.iterdir())) // 2]
    original = victim.read_text(encoding="utf-8")
    victim.write_text(original.replace(" the ", " the  ", 1).replace("  ", " ") + "\nA further note.\n",
                      encoding="utf-8")
    calls = 0
    real = engine.extract_statement

    def counting(st: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(st)

    engine.extract_statement = counting  # type: ignore[assignment]
    try:
        timings: dict[str, dict[str, float]] = {}
        w0, c0 = time.perf_counter(), _cpu()
        pipeline.build([folder], output, timings=timings, in_memory=in_memory)
        row = {"wall": time.perf_counter() - w0, "cpu": _cpu() - c0, "re_extracted": calls,
               "stages": {k: v["wall"] for k, v in timings.items()}}
    finally:
        engine.extract_statement = real  # type: ignore[assignment]
        victim.write_text(original, encoding="utf-8")
    return row


def _queries(output: Path) -> dict[str, dict[str, float]]:
    """Every saved query: warm (store open, best of three) and one-shot (a fresh CLI process)."""
    from statementkg.queries import list_queries, run_query
    from statementkg.store import EmbeddedStore

    rows: dict[str, dict[str, float]] = {}
    store = EmbeddedStore.from_file(output)
    cli = Path(sys.executable).parent / "statementkg"
    for q in list_queries():
        params = dict(q.example)
        best = float("inf")
        n = 0
        for _ in range(3):
            w0 = time.perf_counter()
            n = len(run_query(store, q, params))
            best = min(best, time.perf_counter() - w0)
        cmd = [str(cli), "query", q.name, "--data", str(output), "--format", "csv"]
        for k, v in params.items():
            cmd += ["--param", f"{k}={v}"]
        w0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        rows[q.name] = {"warm": best, "one_shot": time.perf_counter() - w0, "rows": n}
    return rows


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _push(output: Path, quads: int) -> dict[str, Any]:
    """``statementkg push`` of the built dataset into a fresh local Oxigraph server (PyPI ``oxigraph``,
    started here on 127.0.0.1 and stopped by process ID): wall seconds, graphs, and whether the
    server then holds exactly the dataset's quad count."""
    import urllib.parse
    import urllib.request

    from statementkg import pipeline

    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        return {"skipped": "no `oxigraph` server in this environment (pip install oxigraph)"}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="skg-push-") as tmp:
        server = subprocess.Popen([str(binary), "serve", "--location", tmp, "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"

            def remote_count() -> int:
                url = f"{base}/query?" + urllib.parse.urlencode({"query": count})
                request = urllib.request.Request(url, headers={"Accept": "text/csv"})
                with urllib.request.urlopen(request, timeout=600) as answer:
                    return int(answer.read().decode().splitlines()[1])

            deadline = time.monotonic() + 30
            while True:
                try:
                    remote_count()
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        return {"skipped": "the local Oxigraph server did not start"}
                    time.sleep(0.2)
            w0 = time.perf_counter()
            graphs = pipeline.push(output, base, resume=False)
            wall = time.perf_counter() - w0
            held = remote_count()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"wall": wall, "graphs": graphs, "quads": held, "complete": held == quads}


_NAIVE_QUERIES_CHILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from rdflib import Dataset
from statementkg.queries import bind_params, list_queries
from statementkg.store import fold_expression_values, inject_values
w0 = time.perf_counter()
ds = Dataset()
ds.parse(sys.argv[1], format="trig")
print(json.dumps({"load": time.perf_counter() - w0}), flush=True)
for q in list_queries():
    params = bind_params(q, dict(q.example))
    text = inject_values(fold_expression_values(q.text, params), params)
    w0 = time.perf_counter()
    rows = len(list(ds.query(text)))
    print(json.dumps({"query": q.name, "wall": time.perf_counter() - w0, "rows": rows}), flush=True)
"""


def _naive_queries(trig: Path, cap: float) -> dict[str, Any]:
    """The naive way for the saved-query set: rdflib parses the TriG, then runs every saved query
    with its example values (in a child process, stopped after ``cap`` seconds); against the sum
    of this run's one-shot CLI runs, which include opening the store."""
    cmd = [sys.executable, "-c", _NAIVE_QUERIES_CHILD, str(trig), str(ROOT / "src")]
    w0 = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=cap, check=False)
        lines, finished = done.stdout, done.returncode == 0
    except subprocess.TimeoutExpired as stopped:
        raw = stopped.stdout or b""
        lines, finished = raw.decode() if isinstance(raw, bytes) else raw, False
    rows = [json.loads(line) for line in lines.splitlines() if line.startswith("{")]
    return {"wall": time.perf_counter() - w0, "finished": finished,
            "load": next((r["load"] for r in rows if "load" in r), None),
            "queries": {r["query"]: r["wall"] for r in rows if "query" in r}}


def _naive(trig: Path) -> dict[str, float]:
    """The naive way: parse the TriG with rdflib, run pySHACL on the union of its graphs."""
    import pyshacl
    from rdflib import Dataset, Graph

    from statementkg.validate import load_ontology, load_shapes

    w0, c0 = time.perf_counter(), _cpu()
    ds = Dataset()
    ds.parse(trig, format="trig")
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    for t in load_ontology():
        g.add(t)
    load_wall = time.perf_counter() - w0
    pyshacl.validate(g, shacl_graph=load_shapes(), inference="none", advanced=True, allow_infos=True,
                     allow_warnings=True)
    return {"wall": time.perf_counter() - w0, "cpu": _cpu() - c0, "load_wall": load_wall,
            "rss_mb": _peak_mb()}


def _exponent(a: float, b: float, na: int, nb: int) -> float:
    if a <= 0 or b <= 0:
        return float("nan")
    return math.log(b / a) / math.log(nb / na)


def report(runs: list[dict[str, Any]]) -> str:
    """Per-size tables, then growth exponents between consecutive sizes."""
    return report_sizes(runs) + report_growth(runs)


def report_sizes(runs: list[dict[str, Any]]) -> str:
    lines = []
    for r in runs:
        lines.append(f"\n{r['n']} statements, {r['words']:,} words, {r['events']:,} events, {r['quads']:,} quads"
                     f" (store: {r.get('store', 'auto')})")
        lines.append(f"  {'stage':10s} {'wall s':>8s} {'cpu s':>8s} {'peak RSS MB':>12s}")
        for name, row in [*r["stages"].items(), ("TOTAL", r["total"])]:
            lines.append(f"  {name:10s} {row['wall']:8.2f} {row['cpu']:8.2f} {row['rss_mb']:12.0f}")
        if "incremental" in r:
            inc = r["incremental"]
            lines.append(f"  incremental rebuild after one edit: {inc['wall']:.2f} s wall, {inc['cpu']:.2f} s cpu, "
                         f"{inc['re_extracted']} statement(s) re-extracted; "
                         + ", ".join(f"{k} {v:.2f}" for k, v in inc["stages"].items()))
        if "queries" in r:
            lines.append(f"  {'saved query':28s} {'rows':>7s} {'warm s':>8s} {'one-shot s':>11s}")
            for name, q in r["queries"].items():
                lines.append(f"  {name:28s} {q['rows']:7d} {q['warm']:8.3f} {q['one_shot']:11.3f}")
        if "naive_queries" in r and "queries" in r:
            nq = r["naive_queries"]
            ours = sum(q["one_shot"] for q in r["queries"].values())
            bound = "" if nq["finished"] else f"at least (stopped after {nq['wall']:.0f} s, "
            bound += "" if nq["finished"] else f"{len(nq['queries'])} of {len(r['queries'])} queries done) "
            lines.append(f"  saved-query set, load included: naive rdflib {nq['wall']:.1f} s, one-shot CLI runs "
                         f"{ours:.1f} s: {bound}{nq['wall'] / ours:.1f}x")
        if "push" in r:
            pu = r["push"]
            if "skipped" in pu:
                lines.append(f"  push: skipped ({pu['skipped']})")
            else:
                lines.append(f"  push to a local Oxigraph server: {pu['wall']:.2f} s wall, {pu['graphs']} graphs, "
                             f"{pu['quads']:,} quads held ({'complete' if pu['complete'] else 'INCOMPLETE'})")
        if "naive" in r:
            nv = r["naive"]
            ours = r["stages"].get("validate", {}).get("wall", 0.0)
            ratio = nv["wall"] / ours if ours else float("nan")
            lines.append(f"  naive rdflib load + pySHACL: {nv['wall']:.2f} s wall ({nv['load_wall']:.2f} s load), "
                         f"{nv['cpu']:.2f} s cpu; validate stage is {ratio:.1f}x faster")
            whole = nv["wall"] / r["total"]["wall"] if r["total"]["wall"] else float("nan")
            lines.append(f"  naive validation alone vs our whole build: {whole:.1f}x")
    return "\n".join(lines) + "\n"


def report_growth(runs: list[dict[str, Any]]) -> str:
    lines = []
    for a, b in itertools.pairwise(runs):
        lines.append(f"\ngrowth exponents {a['n']} -> {b['n']} (wall; 1 = linear)")
        for name in [*a["stages"], "TOTAL"]:
            ra = a["total"] if name == "TOTAL" else a["stages"].get(name)
            rb = b["total"] if name == "TOTAL" else b["stages"].get(name)
            if ra and rb:
                lines.append(f"  {name:10s} wall {_exponent(ra['wall'], rb['wall'], a['n'], b['n']):5.2f}   "
                             f"cpu {_exponent(ra['cpu'], rb['cpu'], a['n'], b['n']):5.2f}")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,300", help="comma-separated corpus sizes (statements)")
    ap.add_argument("--naive-max", type=int, default=20, help="run the naive way up to this size (0: never)")
    ap.add_argument("--workdir", type=Path, default=None, help="keep corpora and outputs here")
    ap.add_argument("--no-queries", action="store_true", help="skip timing the saved queries")
    ap.add_argument("--no-incremental", action="store_true", help="skip the rebuild after one edit")
    ap.add_argument("--store", choices=("auto", "memory", "disk"), default="auto",
                    help="where the build holds its store (auto: in memory while it fits, as `statementkg build`)")
    ap.add_argument("--no-push", action="store_true", help="skip the push to a local Oxigraph server")
    ap.add_argument("--naive-queries-max", type=int, default=100,
                    help="run the saved-query set the naive way (rdflib) up to this size (0: never)")
    ap.add_argument("--naive-queries-cap", type=float, default=900.0,
                    help="stop the naive saved-query run after this many seconds")
    ap.add_argument("--json", type=Path, default=None, help="also write the measurements as JSON")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # a child process's size
    args = ap.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="skg-bench-"))
    if args.one is not None:
        naive_queries = args.naive_queries_cap if args.one <= args.naive_queries_max else None
        in_memory = {"auto": None, "memory": True, "disk": False}[args.store]
        print(json.dumps(run_one(args.one, workdir, args.one <= args.naive_max, not args.no_queries,
                                 not args.no_incremental, not args.no_push, naive_queries, in_memory)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--naive-max", str(args.naive_max),
               "--workdir", str(workdir), *(["--no-queries"] if args.no_queries else []),
               *(["--no-incremental"] if args.no_incremental else []), *(["--no-push"] if args.no_push else []),
               "--naive-queries-max", str(args.naive_queries_max), "--naive-queries-cap", str(args.naive_queries_cap),
               "--store", args.store]
        done = subprocess.run(cmd, check=False, capture_output=True, text=True, env={**os.environ})
        if done.returncode != 0:
            sys.stderr.write(done.stderr[-4000:])
            raise SystemExit(f"the {n}-statement run failed (exit code {done.returncode})")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(report_sizes(runs[-1:]), end="", flush=True)
    print(report_growth(runs), end="")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
