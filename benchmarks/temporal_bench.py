"""Benchmark: temporal order as a Python derivation step versus a SHACL-AF SPARQL rule (pySHACL).

Generates N synthetic events with random bounds (exact days, months, years, intervals with end
bounds, half-open windows, undated events), derives ``skg:certainlyAfter`` / ``skg:possiblyAfter``
over every pair four ways, checks that all four give the same triples, and prints medians:

* ``derive_order``: ``statementkg.temporal.derive_order`` (sort + sweep) and its triples;
* ``pyshacl/rdflib``: ``pyshacl.shacl_rules`` with the SPARQL rules below on an rdflib Graph;
* ``pyshacl/oxigraph``: the same rules with a pyoxigraph Store as the data graph;
* ``sparql/oxigraph``: the rules' CONSTRUCT queries run once over the whole store (no $this).

Then, for materialisation policy, the number of triples each policy writes at larger N.

Run: ``.venv/bin/python benchmarks/temporal_bench.py [--sizes 100 1000] [--runs 5]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import statistics
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable

import pyoxigraph as ox
from pyshacl import shacl_rules
from rdflib import Graph, Literal, URIRef

from statementkg.model import TimeBounds
from statementkg.namespaces import ID, SEM, SKG, XSD
from statementkg.temporal import derive_order, order_triples

PREFIXES = f"""PREFIX sem: <{SEM}>
PREFIX skg: <{SKG}>
"""

# certainly a began after b ended: a's earliest begin is later than b's latest end (a point: latest begin)
CERTAIN_WHERE = """
  $this sem:hasEarliestBeginTimeStamp ?aEarliest .
  { ?b sem:hasLatestEndTimeStamp ?bEndLatest . }
  UNION
  { ?b sem:hasLatestBeginTimeStamp ?bEndLatest .
    FILTER NOT EXISTS { ?b sem:hasEarliestEndTimeStamp ?anyEarliestEnd }
    FILTER NOT EXISTS { ?b sem:hasLatestEndTimeStamp ?anyLatestEnd } }
  FILTER (?aEarliest > ?bEndLatest)
"""

# possibly: a's begin window [earliest begin, min(latest begin, latest end)] meets b's end window
# [max(earliest end, earliest begin), latest end] (a point b: its begin window); open sides are unbound
POSSIBLE_WHERE = """
  { SELECT DISTINCT ?b WHERE {
      ?b sem:hasEarliestBeginTimeStamp|sem:hasLatestBeginTimeStamp|sem:hasEarliestEndTimeStamp
         |sem:hasLatestEndTimeStamp ?anyBound } }
  FILTER (?b != $this)
  OPTIONAL { $this sem:hasEarliestBeginTimeStamp ?aEB }
  OPTIONAL { $this sem:hasLatestBeginTimeStamp ?aLB }
  OPTIONAL { $this sem:hasLatestEndTimeStamp ?aLE }
  OPTIONAL { ?b sem:hasEarliestBeginTimeStamp ?bEB }
  OPTIONAL { ?b sem:hasLatestBeginTimeStamp ?bLB }
  OPTIONAL { ?b sem:hasEarliestEndTimeStamp ?bEE }
  OPTIONAL { ?b sem:hasLatestEndTimeStamp ?bLE }
  BIND (!BOUND(?bEE) && !BOUND(?bLE) AS ?bPoint)
  BIND (IF(?bPoint, ?bLB, ?bLE) AS ?bEndHi)
  BIND (IF(?bPoint, ?bEB, IF(BOUND(?bEE) && (!BOUND(?bEB) || ?bEE > ?bEB), ?bEE, ?bEB)) AS ?bEndLo)
  BIND (IF(BOUND(?aLE) && (!BOUND(?aLB) || ?aLE < ?aLB), ?aLE, ?aLB) AS ?aBeginHi)
  FILTER (!BOUND(?aEB) || !BOUND(?bEndHi) || ?aEB <= ?bEndHi)
  FILTER (!BOUND(?aBeginHi) || !BOUND(?bEndLo) || ?aBeginHi >= ?bEndLo)
"""


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


RULES_TTL = f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix sem: <{SEM}> .
@prefix skg: <{SKG}> .

skg:TemporalOrderRules a sh:NodeShape ;
    sh:targetSubjectsOf sem:hasEarliestBeginTimeStamp , sem:hasLatestBeginTimeStamp ,
        sem:hasEarliestEndTimeStamp , sem:hasLatestEndTimeStamp ;
    sh:rule [
        a sh:SPARQLRule ;
        sh:construct \"\"\"{_escaped(PREFIXES)}CONSTRUCT {{ $this skg:certainlyAfter ?b . }}
WHERE {{{_escaped(CERTAIN_WHERE)}}}\"\"\" ;
    ] , [
        a sh:SPARQLRule ;
        sh:construct \"\"\"{_escaped(PREFIXES)}CONSTRUCT {{ $this skg:possiblyAfter ?b . }}
WHERE {{{_escaped(POSSIBLE_WHERE)}}}\"\"\" ;
    ] .
"""

# the same rules as one whole-store derivation: $this becomes ?a, ranging over dated nodes
DATED_A = """  { SELECT DISTINCT ?a WHERE {
      ?a sem:hasEarliestBeginTimeStamp|sem:hasLatestBeginTimeStamp|sem:hasEarliestEndTimeStamp
         |sem:hasLatestEndTimeStamp ?anyBoundOfA } }
"""
WHOLE_STORE_QUERIES = [
    PREFIXES + "CONSTRUCT { ?a skg:certainlyAfter ?b . } WHERE {"
    + CERTAIN_WHERE.replace("$this", "?a") + "}",
    PREFIXES + "CONSTRUCT { ?a skg:possiblyAfter ?b . } WHERE {" + DATED_A
    + POSSIBLE_WHERE.replace("$this", "?a") + "}",
]

START = dt.date(2015, 1, 1)
SPAN_DAYS = 3650


def synthetic_events(n: int, seed: int) -> dict[URIRef, TimeBounds]:
    """N events: 40% exact days, 20% months, 10% years, 10% intervals, 10% half-open, 10% undated."""
    rnd = random.Random(seed)
    events: dict[URIRef, TimeBounds] = {}
    for i in range(n):
        begin = START + dt.timedelta(days=rnd.randrange(SPAN_DAYS))
        kind = rnd.random()
        if kind < 0.4:
            bounds = TimeBounds(begin, begin)
        elif kind < 0.6:
            first = begin.replace(day=1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            bounds = TimeBounds(first, last)
        elif kind < 0.7:
            bounds = TimeBounds(dt.date(begin.year, 1, 1), dt.date(begin.year, 12, 31))
        elif kind < 0.8:
            end = begin + dt.timedelta(days=rnd.randrange(30, 900))
            bounds = TimeBounds(begin, begin + dt.timedelta(days=30), end, end + dt.timedelta(days=30))
        elif kind < 0.9:
            before = rnd.random() < 0.5  # "before X" or "since X"
            bounds = TimeBounds(latest_begin=begin) if before else TimeBounds(earliest_begin=begin)
        else:
            bounds = TimeBounds()
        events[ID[f"event/e{i:06d}"]] = bounds
    return events


def statement_groups(events: dict[URIRef, TimeBounds], size: int, seed: int) -> dict[URIRef, set[URIRef]]:
    """Relate events as if statements quoted them in groups of about ``size`` (each event in two)."""
    rnd = random.Random(seed)
    keys = list(events)
    related: dict[URIRef, set[URIRef]] = {key: set() for key in keys}
    for _ in range(2):
        rnd.shuffle(keys)
        for start in range(0, len(keys), size):
            group = keys[start : start + size]
            for key in group:
                related[key].update(other for other in group if other != key)
    return related


def bound_triples(events: dict[URIRef, TimeBounds]) -> list[tuple[URIRef, URIRef, Literal]]:
    props = (
        (SEM.hasEarliestBeginTimeStamp, "earliest_begin"), (SEM.hasLatestBeginTimeStamp, "latest_begin"),
        (SEM.hasEarliestEndTimeStamp, "earliest_end"), (SEM.hasLatestEndTimeStamp, "latest_end"),
    )
    out = []
    for node, bounds in events.items():
        for prop, name in props:
            value = getattr(bounds, name)
            if value is not None:
                out.append((node, prop, Literal(value.isoformat(), datatype=XSD.date)))
    return out


Triples = set[tuple[str, str, str]]


def by_derive_order(events: dict[URIRef, TimeBounds]) -> Triples:
    return {(str(s), str(p), str(o)) for s, p, o in order_triples(derive_order(events))}


def _rdflib_graph(events: dict[URIRef, TimeBounds]) -> Graph:
    graph = Graph()
    for triple in bound_triples(events):
        graph.add(triple)
    return graph


def _ox_store(events: dict[URIRef, TimeBounds]) -> ox.Store:
    store = ox.Store()
    store.extend(
        ox.Quad(ox.NamedNode(s), ox.NamedNode(p), ox.Literal(str(o), datatype=ox.NamedNode(str(XSD.date))))
        for s, p, o in bound_triples(events)
    )
    return store


def _order_only(triples: object) -> Triples:
    wanted = {str(SKG.certainlyAfter), str(SKG.possiblyAfter)}
    out: Triples = set()
    for s, p, o, *_ in triples:  # type: ignore[attr-defined]
        if str(p) in wanted or getattr(p, "value", None) in wanted:
            out.add(tuple(getattr(t, "value", str(t)) for t in (s, p, o)))  # type: ignore[arg-type]
    return out


def by_pyshacl_rdflib(events: dict[URIRef, TimeBounds]) -> Triples:
    expanded = shacl_rules(_rdflib_graph(events), shacl_graph=RULES_TTL, shacl_graph_format="turtle",
                           inplace=True)
    return _order_only(expanded)


def by_pyshacl_oxigraph(events: dict[URIRef, TimeBounds]) -> Triples:
    store = _ox_store(events)
    # pySHACL takes a pyoxigraph Store as the data graph, though its signature does not say so
    expanded = shacl_rules(store, shacl_graph=RULES_TTL, shacl_graph_format="turtle",  # type: ignore[arg-type]
                           inplace=True)
    impl = getattr(expanded, "impl", expanded)
    quads = impl.quads_for_pattern(None, None, None) if isinstance(impl, ox.Store) else impl
    return _order_only(quads)


def by_sparql_oxigraph(events: dict[URIRef, TimeBounds]) -> Triples:
    store = _ox_store(events)
    out: Triples = set()
    for query in WHOLE_STORE_QUERIES:
        out |= _order_only(store.query(query))
    return out


def median_seconds(method: Callable[[dict[URIRef, TimeBounds]], Triples], events: dict[URIRef, TimeBounds],
                   runs: int, budget: float) -> tuple[float, int, Triples]:
    """Median wall time over ``runs`` (fewer once one run passes ``budget`` seconds)."""
    times: list[float] = []
    result: Triples = set()
    for _ in range(runs):
        started = time.perf_counter()
        result = method(events)
        times.append(time.perf_counter() - started)
        if times[-1] > budget:
            break
    return statistics.median(times), len(times), result


def _window(bounds: TimeBounds) -> tuple[float, float]:
    """(earliest begin, latest end) as ordinals, the only numbers certain order depends on."""
    begin_lo = bounds.earliest_begin.toordinal() if bounds.earliest_begin else -math.inf
    point = bounds.earliest_end is None and bounds.latest_end is None
    last = bounds.latest_begin if point else bounds.latest_end
    return begin_lo, (last.toordinal() if last else math.inf)


def certain_counts(events: dict[URIRef, TimeBounds]) -> tuple[int, int]:
    """Certain pairs over the whole corpus, and those in its transitive reduction, without listing them.

    Certain "after" is an interval order on [earliest begin, latest end]: a covers b when no c lies
    between, i.e. b's latest end is at least the largest earliest begin among all events before a.
    """
    windows = [_window(b) for b in events.values()]
    begins = sorted(lo for lo, _ in windows)
    by_end = sorted(windows, key=lambda w: w[1])
    ends = [hi for _, hi in by_end]
    prefix_max: list[float] = []
    for lo, _ in by_end:
        prefix_max.append(max(lo, prefix_max[-1]) if prefix_max else lo)
    total = sum(len(begins) - bisect_right(begins, hi) for _, hi in windows)
    reduced = 0
    for lo, _ in windows:
        before = bisect_left(ends, lo)  # events whose latest end is before a's earliest begin
        if before:
            reduced += before - bisect_left(ends, prefix_max[before - 1], 0, before)
    return total, reduced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=60.0, help="stop repeating a method after this")
    parser.add_argument("--policy-sizes", type=int, nargs="*", default=[1000, 10000])
    all_methods = {
        "derive_order": by_derive_order,
        "sparql/oxigraph": by_sparql_oxigraph,
        "pyshacl/oxigraph": by_pyshacl_oxigraph,
        "pyshacl/rdflib": by_pyshacl_rdflib,
    }
    parser.add_argument("--methods", nargs="+", choices=list(all_methods), default=list(all_methods))
    args = parser.parse_args()

    methods = [(name, all_methods[name]) for name in args.methods]
    print(f"{'N':>6} {'method':<18} {'median s':>10} {'runs':>5} {'certain':>9} {'possible':>9}  same")
    for n in args.sizes:
        events = synthetic_events(n, seed=n)
        reference: Triples | None = None
        for name, method in methods:
            seconds, runs, result = median_seconds(method, events, args.runs, args.budget)
            reference = result if reference is None else reference
            certain = sum(1 for _, p, _ in result if p == str(SKG.certainlyAfter))
            print(f"{n:>6} {name:<18} {seconds:>10.4f} {runs:>5} {certain:>9} {len(result) - certain:>9}  "
                  f"{'yes' if result == reference else 'NO'}")

    print()
    print(f"{'N':>6} {'all certain':>12} {'reduction':>10} {'all possible':>13} {'related pairs':>14} "
          f"{'related s':>10}")
    for n in args.policy_sizes:
        events = synthetic_events(n, seed=n)
        total, reduced = certain_counts(events)
        possible = "-"
        if n <= 2000:
            possible = str(sum(1 for *_, order in derive_order(events) if order == "possible"))
        related = statement_groups(events, size=15, seed=n)
        started = time.perf_counter()
        pairs = derive_order(events, related)
        elapsed = time.perf_counter() - started
        print(f"{n:>6} {total:>12} {reduced:>10} {possible:>13} {len(pairs):>14} {elapsed:>10.3f}")


if __name__ == "__main__":
    main()
