"""Saved-query benchmark: every query warm (store open) and one-shot (a fresh CLI process), with rows.

    .venv/bin/python benchmarks/queries_bench.py --data build/graph.trig
    .venv/bin/python benchmarks/queries_bench.py --data /tmp/q1000/graph.trig --repeat 3 --json q1000.json
    .venv/bin/python benchmarks/queries_bench.py --data build/graph.trig --dump before.json   # result sets
    .venv/bin/python benchmarks/queries_bench.py --data build/graph.trig --compare before.json --no-one-shot

``--data`` is a built TriG (its on-disk store ``store/`` beside it is what both the warm runs and the
CLI read) or a store folder.  Each query runs once per *case*: its header ``example`` values, plus
the cases in ``EXTRA_CASES`` (``reviews-following-events`` with ``shared=true``...), plus any
``--param NAME:key=value`` given here (which replace the example of that query).  On a generated
corpus the example values of ``person-timeline`` and ``referrals-before`` (bundled-corpus names)
find nothing, so ``--auto-params`` picks values from the data: the person with the most events and
the attack with the most referrals that may precede it.

Warm: one ``EmbeddedStore`` opened once, each case run ``--repeat`` times, median wall seconds.
One-shot: ``statementkg query NAME --data DATA --format csv`` in a fresh process, ``--repeat``
times, median wall seconds; the CLI's fixed cost is measured too (``statementkg --version`` and an
empty ad-hoc query on the same data).  ``--dump`` writes each case's result (columns and rows as
N-Triples terms, in the query's order); ``--compare`` checks a dump from another version of the
queries: same rows as a multiset, and the same order.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: further parameter sets worth timing and comparing, beside each query's ``example``
EXTRA_CASES: dict[str, list[dict[str, str]]] = {
    "reviews-following-events": [{"shared": "true"}],
    "post-holders": [{}],
    "events-between": [{"from": "2000-01-01", "to": "2030-12-31"}],
}

_AUTO_PERSON = """
PREFIX schema: <https://schema.org/>
SELECT ?name (COUNT(DISTINCT ?item) AS ?n) WHERE {
  GRAPH ?g { ?person a schema:Person ; schema:name ?name }
  GRAPH ?h { ?item ?role ?person }
} GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1
"""
_AUTO_EVENT = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skg: <https://w3id.org/statementkg/ontology#>
SELECT ?event (COUNT(DISTINCT ?referral) AS ?n) WHERE {
  GRAPH ?g { ?event a skg:Attack }
  GRAPH ?h { ?event sem:hasEarliestBeginTimeStamp ?when }
  GRAPH ?i { ?referral a skg:Referral }
  OPTIONAL { GRAPH ?j { ?referral sem:hasEarliestBeginTimeStamp ?r } }
  FILTER (!BOUND(?r) || ?r <= ?when)
} GROUP BY ?event ORDER BY DESC(?n) ?event LIMIT 1
"""


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times: list[float] = []
    out: Any = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return _median(times), out


def _cell(term: Any) -> str:
    from rdflib import BNode

    from statementkg.results import to_ntriples

    return "_:b" if isinstance(term, BNode) else to_ntriples(term)


def _case_key(name: str, params: dict[str, str]) -> str:
    return name + "".join(f" {k}={v}" for k, v in sorted(params.items()))


def cases(queries: Sequence[Any], overrides: dict[str, dict[str, str]],
          extra: bool = True) -> list[tuple[Any, dict[str, str]]]:
    """(query, parameters) for every case to run, in query-name order."""
    out: list[tuple[Any, dict[str, str]]] = []
    for q in queries:
        base = overrides.get(q.name, dict(q.example))
        out.append((q, base))
        if extra:
            out.extend((q, dict(more)) for more in EXTRA_CASES.get(q.name, []) if more != base)
    return out


def auto_params(store: Any) -> dict[str, dict[str, str]]:
    """Parameter values that find rows on a generated corpus (see the module docstring)."""
    out: dict[str, dict[str, str]] = {}
    person = store.query(_AUTO_PERSON)
    if len(person):
        out["person-timeline"] = {"name": str(person.rows[0]["name"])}
    event = store.query(_AUTO_EVENT)
    if len(event):
        out["referrals-before"] = {"event_iri": str(event.rows[0]["event"])}
    return out


def _cli() -> Path:
    return Path(sys.executable).parent / "statementkg"


def one_shot(name: str, data: str, params: dict[str, str], repeat: int, timeout: float) -> float:
    cmd = [str(_cli()), "query", name, "--data", data, "--format", "csv"]
    for k, v in params.items():
        cmd += ["--param", f"{k}={v}"]

    def once() -> None:
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)

    return _timed(once, repeat)[0]


def fixed_costs(data: str, repeat: int) -> dict[str, float]:
    """What every one-shot pays: interpreter and imports, then opening the store."""
    version = _timed(lambda: subprocess.run([str(_cli()), "--version"], check=True, capture_output=True), repeat)[0]
    empty = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"
    trivial = _timed(lambda: subprocess.run([str(_cli()), "query", "-", "--data", data, "--format", "csv"],
                                            input=empty.encode(), check=True, capture_output=True), repeat)[0]
    return {"version": version, "trivial_query": trivial}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from statementkg.queries import list_queries, run_query
    from statementkg.store import open_store

    only = {n.strip() for n in args.only.split(",")} if args.only else None
    queries = [q for q in list_queries() if only is None or q.name in only]
    t0 = time.perf_counter()
    store = open_store(args.data)
    opened = time.perf_counter() - t0
    overrides: dict[str, dict[str, str]] = auto_params(store) if args.auto_params else {}
    for spec in args.param:
        qname, _, kv = spec.partition(":")
        key, _, value = kv.partition("=")
        overrides.setdefault(qname, {})[key] = value
    report: dict[str, Any] = {"data": args.data, "open_s": opened, "cases": []}
    for q, params in cases(queries, overrides, not args.no_extra):
        warm, result = _timed(lambda q=q, params=params: run_query(store, q, params), args.repeat)
        row: dict[str, Any] = {"query": q.name, "params": params, "rows": len(result), "warm": warm}
        row["result"] = {"variables": list(result.variables),
                         "rows": [[_cell(r[v]) if v in r else None for v in result.variables] for r in result]}
        if not args.no_one_shot:
            row["one_shot"] = one_shot(q.name, args.data, params, args.repeat, args.timeout)
        report["cases"].append(row)
        print(_line(row), flush=True)
    if not args.no_one_shot:
        report["fixed"] = fixed_costs(args.data, args.repeat)
    store.close()
    return report


def _line(row: dict[str, Any]) -> str:
    shot = f"{row['one_shot']:11.3f}" if "one_shot" in row else f"{'-':>11s}"
    key = _case_key(row["query"], row["params"])
    return f"  {key[:60]:60s} {row['rows']:8d} {row['warm']:8.3f} {shot}"


def compare(report: dict[str, Any], before: dict[str, Any]) -> list[str]:
    """Differences between two dumps' result sets (empty when every common case is identical)."""
    old = {_case_key(c["query"], c["params"]): c["result"] for c in before["cases"]}
    problems: list[str] = []
    for case in report["cases"]:
        key = _case_key(case["query"], case["params"])
        if key not in old:
            problems.append(f"{key}: not in the earlier dump")
            continue
        a, b = old[key], case["result"]
        if a["variables"] != b["variables"]:
            problems.append(f"{key}: columns {a['variables']} -> {b['variables']}")
            continue
        rows_a = [json.dumps(r) for r in a["rows"]]
        rows_b = [json.dumps(r) for r in b["rows"]]
        if sorted(rows_a) != sorted(rows_b):
            gone, new = set(rows_a) - set(rows_b), set(rows_b) - set(rows_a)
            problems.append(f"{key}: rows differ ({len(rows_a)} -> {len(rows_b)}; {len(gone)} gone, {len(new)} new)")
        elif rows_a != rows_b:
            problems.append(f"{key}: same rows, different order")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="a built TriG (store/ beside it) or a store folder")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    ap.add_argument("--only", default=None, help="comma-separated query names")
    ap.add_argument("--param", action="append", default=[], metavar="QUERY:KEY=VALUE",
                    help="a parameter value for one query (replaces its example values)")
    ap.add_argument("--auto-params", action="store_true",
                    help="pick person-timeline and referrals-before values that find rows in this data")
    ap.add_argument("--no-extra", action="store_true", help="only each query's example (or --param) case")
    ap.add_argument("--no-one-shot", action="store_true", help="warm runs only")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds before a one-shot run is abandoned")
    ap.add_argument("--json", type=Path, default=None, help="write the timings (without result rows) as JSON")
    ap.add_argument("--dump", type=Path, default=None, help="write timings and every case's result rows as JSON")
    ap.add_argument("--compare", type=Path, default=None, help="compare result rows with an earlier --dump")
    args = ap.parse_args()
    print(f"  {'query (parameters)':60s} {'rows':>8s} {'warm s':>8s} {'one-shot s':>11s}", flush=True)
    report = run(args)
    if "fixed" in report:
        fixed = report["fixed"]
        print(f"  store open {report['open_s']:.3f} s; CLI start-up (--version) {fixed['version']:.3f} s; "
              f"one-shot trivial query {fixed['trivial_query']:.3f} s")
    if args.dump:
        args.dump.write_text(json.dumps(report, indent=1), encoding="utf-8")
    if args.json:
        light = {**report, "cases": [{k: v for k, v in c.items() if k != "result"} for c in report["cases"]]}
        args.json.write_text(json.dumps(light, indent=1), encoding="utf-8")
    if args.compare:
        problems = compare(report, json.loads(args.compare.read_text(encoding="utf-8")))
        for p in problems:
            print(f"DIFFERS {p}")
        print("identical results" if not problems else f"{len(problems)} case(s) differ")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
