"""Order of events under date uncertainty: certain, possible or impossible "after", Allen relations.

Time model.  Bounds are whole days.  An event is an interval ``[begin, end]`` of instants on a
continuous time line; a bound day ``D`` admits any instant of that day, so ``begin`` lies in
``[earliest_begin 00:00, latest_begin 24:00)`` and ``end`` in ``[earliest_end 00:00,
latest_end 24:00)``, always with ``begin <= end``.  A missing bound is open (``-inf`` for an
earliest, ``+inf`` for a latest).  An event with **no end bound at all is a point**: ``end`` is
``begin`` (attacks, referrals, appointments and announcements are recorded as happening; end
bounds are written only where a text gives a duration).  One end bound alone
("until March") leaves the other side open.  The end bounds also tighten the begin window (an
event cannot begin after its latest end) and vice versa.

Consequences, by example:

* two events on the same single day: either may have begun first, so "after" is POSSIBLE, never
  CERTAIN; an event on 2 May certainly began after one on 1 May;
* an event with no bounds at all is POSSIBLE against everything; ``derive_order`` drops such
  pairs (they say nothing), so a reader wanting only informative pairs gets them from there.

Allen relations.  The 13 relations are made a partition of *all* pairs of intervals, points
included, by deciding in this order: before (``a.end < b.begin``), after (``a.begin > b.end``),
meets / met-by (touching, both proper intervals), then by comparing begins and ends (overlaps,
finished-by, contains, starts, equals, started-by, during, finishes, overlapped-by).  So a point
at the start of an interval *starts* it, a point inside one is *during* it, two equal points are
*equal*.  ``allen_relations`` gives every relation some pair of concrete intervals allowed by the
bounds has; each relation is a conjunction of difference constraints, decided exactly on a
difference-bound matrix.  Mapping to the orders:

* ``began_after_end(a, b)`` asks ``a.begin > b.end``: CERTAIN iff the set is within
  {after, met-by} (met-by never occurs without after: day-aligned windows that can touch can also
  cross), IMPOSSIBLE iff ``after`` is not in the set;
* ``began_after(a, b)`` asks ``a.begin > b.begin``, true exactly for {after, met-by,
  overlapped-by, during, finishes}: CERTAIN iff the set is within those, IMPOSSIBLE iff disjoint.

Materialisation.  ``skg:certainlyAfter`` / ``skg:possiblyAfter`` mean ``began_after_end`` ("a
began after b ended"; for a point b, after b began).  Certain "after" is transitive and, over a
whole corpus, quadratic (10,000 dated events give tens of millions of pairs), so
``derive_order`` takes ``related``: only pairs of related events are materialised (the build
should pass ``related_from_dataset``: events quoted by the same statement, the statement itself, and
events linked directly such as a review and what it reviews).  ``related=None`` means all pairs,
computed by sorting and a sweep in time proportional to the output, which suits small corpora.
``benchmarks/temporal_bench.py`` measures this step against the same rule as a SHACL-AF
``sh:SPARQLRule`` run by pySHACL, and the triples each policy writes.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from rdflib import Dataset, Literal, URIRef

from statementkg.errors import InputError
from statementkg.ids import GRAPH_ENTITIES, GRAPH_INFERRED, GRAPH_META, STATEMENT_GRAPH_PREFIX
from statementkg.model import TimeBounds
from statementkg.namespaces import ID, OA, PROV, RDF, RDFS, SEM, SKG, XSD

K = TypeVar("K", bound=str)

INFERRED_GRAPH = GRAPH_INFERRED
META_GRAPH = GRAPH_META
ENTITIES_GRAPH = GRAPH_ENTITIES
ORDER_ACTIVITY = ID["activity/temporal-order"]

_BOUND_PROPERTIES: dict[URIRef, str] = {
    SEM.hasEarliestBeginTimeStamp: "earliest_begin",
    SEM.hasLatestBeginTimeStamp: "latest_begin",
    SEM.hasEarliestEndTimeStamp: "earliest_end",
    SEM.hasLatestEndTimeStamp: "latest_end",
}


class Order(StrEnum):
    """Whether the bounds force, allow or forbid one event to have begun after another."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    IMPOSSIBLE = "impossible"


class Allen(StrEnum):
    """Allen's 13 interval relations, read as "a <relation> b"."""

    BEFORE = "before"
    MEETS = "meets"
    OVERLAPS = "overlaps"
    FINISHED_BY = "finished-by"
    CONTAINS = "contains"
    STARTS = "starts"
    EQUALS = "equals"
    STARTED_BY = "started-by"
    DURING = "during"
    FINISHES = "finishes"
    OVERLAPPED_BY = "overlapped-by"
    MET_BY = "met-by"
    AFTER = "after"

    @property
    def inverse(self) -> Allen:
        """The relation of b to a when a has this relation to b."""
        return _INVERSE[self]


_CONVERSE_PAIRS = [
    (Allen.BEFORE, Allen.AFTER), (Allen.MEETS, Allen.MET_BY), (Allen.OVERLAPS, Allen.OVERLAPPED_BY),
    (Allen.FINISHED_BY, Allen.FINISHES), (Allen.CONTAINS, Allen.DURING), (Allen.STARTS, Allen.STARTED_BY),
    (Allen.EQUALS, Allen.EQUALS),
]
_INVERSE: dict[Allen, Allen] = {left: right for left, right in _CONVERSE_PAIRS} | {
    right: left for left, right in _CONVERSE_PAIRS
}

#: Allen relations in which a begins after b begins / after b ends.
BEGINS_AFTER_BEGIN = frozenset(
    {Allen.AFTER, Allen.MET_BY, Allen.OVERLAPPED_BY, Allen.DURING, Allen.FINISHES}
)
BEGINS_AFTER_END = frozenset({Allen.AFTER})


# ---------------------------------------------------------------- windows of one event


@dataclass(frozen=True, slots=True)
class _Windows:
    """Day windows (ordinals, inclusive, +-inf when open) of begin and end, tightened by each other."""

    begin_lo: float
    begin_hi: float
    end_lo: float
    end_hi: float
    unbounded: bool


def _day(value: dt.date | None, missing: float) -> float:
    return missing if value is None else value.toordinal()


def _windows(bounds: TimeBounds, name: str) -> _Windows:
    eb = _day(bounds.earliest_begin, -math.inf)
    lb = _day(bounds.latest_begin, math.inf)
    if bounds.earliest_end is None and bounds.latest_end is None:
        ee, le = eb, lb  # a point: the end is the begin
    else:
        ee = _day(bounds.earliest_end, -math.inf)
        le = _day(bounds.latest_end, math.inf)
    # begin <= end, so the begin cannot be later than the latest end, nor the end earlier than the begin
    unbounded = all(
        value is None
        for value in (bounds.earliest_begin, bounds.latest_begin, bounds.earliest_end, bounds.latest_end)
    )
    windows = _Windows(eb, min(lb, le), max(ee, eb), le, unbounded)
    if windows.begin_lo > windows.begin_hi or windows.end_lo > windows.end_hi:
        raise InputError(
            f"time bounds of {name} admit no interval (begin {bounds.earliest_begin}..{bounds.latest_begin},"
            f" end {bounds.earliest_end}..{bounds.latest_end});"
            " fix the time expression or correction behind them"
        )
    return windows


def _later(lo_a: float, hi_a: float, lo_b: float, hi_b: float) -> Order:
    """Is an instant in day window a later than one in day window b?"""
    if lo_a > hi_b:
        return Order.CERTAIN
    if hi_a < lo_b:
        return Order.IMPOSSIBLE
    return Order.POSSIBLE


def began_after(a: TimeBounds, b: TimeBounds) -> Order:
    """Did a begin after b began?  The same day is POSSIBLE; open sides make things POSSIBLE.

    >>> july_29 = TimeBounds(dt.date(2024, 7, 29), dt.date(2024, 7, 29))
    >>> july_30 = TimeBounds(dt.date(2024, 7, 30), dt.date(2024, 7, 30))
    >>> began_after(july_30, july_29), began_after(july_29, july_29), began_after(july_29, july_30)
    (<Order.CERTAIN: 'certain'>, <Order.POSSIBLE: 'possible'>, <Order.IMPOSSIBLE: 'impossible'>)
    """
    wa, wb = _windows(a, "event a"), _windows(b, "event b")
    return _later(wa.begin_lo, wa.begin_hi, wb.begin_lo, wb.begin_hi)


def began_after_end(a: TimeBounds, b: TimeBounds) -> Order:
    """Did a begin after b ended?  Without end bounds b is a point, so this asks after b began.

    >>> d = dt.date
    >>> inquiry = TimeBounds(d(2019, 1, 1), d(2019, 12, 31), d(2023, 3, 1), d(2023, 3, 31))
    >>> began_after_end(TimeBounds(d(2021, 5, 1), d(2021, 5, 31)), inquiry)
    <Order.IMPOSSIBLE: 'impossible'>
    >>> began_after_end(TimeBounds(d(2023, 3, 15), d(2023, 3, 15)), inquiry)
    <Order.POSSIBLE: 'possible'>
    """
    wa, wb = _windows(a, "event a"), _windows(b, "event b")
    return _later(wa.begin_lo, wa.begin_hi, wb.end_lo, wb.end_hi)


# ---------------------------------------------------------------- Allen relations


def relation_between(a_begin: float, a_end: float, b_begin: float, b_end: float) -> Allen:
    """The one Allen relation between two concrete intervals (points allowed, see module doc)."""
    if a_end < a_begin or b_end < b_begin:
        raise InputError(f"interval ends before it begins: a={a_begin}..{a_end}, b={b_begin}..{b_end}")
    if a_end < b_begin:
        return Allen.BEFORE
    if a_begin > b_end:
        return Allen.AFTER
    if a_end == b_begin and a_begin < a_end and b_begin < b_end:
        return Allen.MEETS
    if a_begin == b_end and a_begin < a_end and b_begin < b_end:
        return Allen.MET_BY
    if a_begin < b_begin:
        return Allen.OVERLAPS if a_end < b_end else Allen.FINISHED_BY if a_end == b_end else Allen.CONTAINS
    if a_begin == b_begin:
        return Allen.STARTS if a_end < b_end else Allen.EQUALS if a_end == b_end else Allen.STARTED_BY
    return Allen.DURING if a_end < b_end else Allen.FINISHES if a_end == b_end else Allen.OVERLAPPED_BY


# Difference-bound matrix over the variables zero, a.begin, a.end, b.begin, b.end: entry [i][j] bounds
# x_i - x_j by (c, 1) for <= c or (c, 0) for < c, so tuple order is tightness order.
_Z, _SA, _EA, _SB, _EB = range(5)
_Bound = tuple[float, int]
_Constraint = tuple[int, int, _Bound]
_OPEN: _Bound = (math.inf, 1)
_ZERO: _Bound = (0, 1)


def _lt(x: int, y: int) -> list[_Constraint]:
    return [(x, y, (0, 0))]


def _eq(x: int, y: int) -> list[_Constraint]:
    return [(x, y, (0, 1)), (y, x, (0, 1))]


RELATION_CONSTRAINTS: dict[Allen, list[_Constraint]] = {
    Allen.BEFORE: _lt(_EA, _SB),
    Allen.AFTER: _lt(_EB, _SA),
    Allen.MEETS: _eq(_EA, _SB) + _lt(_SA, _EA) + _lt(_SB, _EB),
    Allen.MET_BY: _eq(_SA, _EB) + _lt(_SA, _EA) + _lt(_SB, _EB),
    Allen.OVERLAPS: _lt(_SA, _SB) + _lt(_SB, _EA) + _lt(_EA, _EB),
    Allen.OVERLAPPED_BY: _lt(_SB, _SA) + _lt(_SA, _EB) + _lt(_EB, _EA),
    Allen.FINISHED_BY: _lt(_SA, _SB) + _eq(_EA, _EB),
    Allen.CONTAINS: _lt(_SA, _SB) + _lt(_EB, _EA),
    Allen.STARTS: _eq(_SA, _SB) + _lt(_EA, _EB),
    Allen.EQUALS: _eq(_SA, _SB) + _eq(_EA, _EB),
    Allen.STARTED_BY: _eq(_SA, _SB) + _lt(_EB, _EA),
    Allen.DURING: _lt(_SB, _SA) + _lt(_EA, _EB),
    Allen.FINISHES: _lt(_SB, _SA) + _eq(_EA, _EB),
}


def _plus(x: _Bound, y: _Bound) -> _Bound:
    return (x[0] + y[0], min(x[1], y[1]))


def _tighten(matrix: list[list[_Bound]], i: int, j: int, bound: _Bound) -> bool:
    """Add x_i - x_j ⋈ bound to a closed matrix, keeping it closed; False when that is unsatisfiable."""
    if _plus(bound, matrix[j][i]) < _ZERO:
        return False
    for x in range(5):
        via = matrix[x][i]
        if via[0] == math.inf:
            continue
        row = matrix[x]
        for y in range(5):
            candidate = _plus(_plus(via, bound), matrix[j][y])
            if candidate < row[y]:
                row[y] = candidate
    return True


def _event_constraints(bounds: TimeBounds, begin: int, end: int) -> Iterable[_Constraint]:
    # a bound day D admits instants in [D, D + 1)
    if bounds.earliest_begin is not None:
        yield (_Z, begin, (-bounds.earliest_begin.toordinal(), 1))
    if bounds.latest_begin is not None:
        yield (begin, _Z, (bounds.latest_begin.toordinal() + 1, 0))
    if bounds.earliest_end is not None:
        yield (_Z, end, (-bounds.earliest_end.toordinal(), 1))
    if bounds.latest_end is not None:
        yield (end, _Z, (bounds.latest_end.toordinal() + 1, 0))
    yield (begin, end, _ZERO)  # begin <= end
    if bounds.earliest_end is None and bounds.latest_end is None:
        yield (end, begin, _ZERO)


def allen_relations(a: TimeBounds, b: TimeBounds) -> frozenset[Allen]:
    """Every Allen relation some pair of concrete intervals allowed by the bounds of a and b has.

    >>> d = dt.date
    >>> day = TimeBounds(d(2023, 3, 15), d(2023, 3, 15))
    >>> inquiry = TimeBounds(d(2019, 1, 1), d(2019, 12, 31), d(2023, 3, 1), d(2023, 3, 31))
    >>> sorted(allen_relations(day, inquiry))
    [<Allen.AFTER: 'after'>, <Allen.DURING: 'during'>, <Allen.FINISHES: 'finishes'>]
    """
    _windows(a, "event a")  # raises a named error for bounds that admit no interval
    _windows(b, "event b")
    base = [[_ZERO if i == j else _OPEN for j in range(5)] for i in range(5)]
    for i, j, bound in [*_event_constraints(a, _SA, _EA), *_event_constraints(b, _SB, _EB)]:
        if not _tighten(base, i, j, bound):  # pragma: no cover - excluded by _windows above
            raise InputError(f"time bounds admit no interval: a={a}, b={b}")
    found = set()
    for relation, constraints in RELATION_CONSTRAINTS.items():
        matrix = [row[:] for row in base]
        if all(_tighten(matrix, i, j, bound) for i, j, bound in constraints):
            found.add(relation)
    return frozenset(found)


# ---------------------------------------------------------------- pairs over a corpus


def derive_order(
    events: Mapping[K, TimeBounds], related: Mapping[K, AbstractSet[K]] | None = None
) -> list[tuple[K, K, Order]]:
    """Informative "a began after b ended" pairs, sorted: ``(a, b, CERTAIN | POSSIBLE)``.

    Events with no bounds at all take part in nothing (every answer about them is POSSIBLE).
    With ``related`` only pairs related in either direction are considered (keys missing from
    ``events`` have no bounds); with ``None`` every pair is, in time proportional to the answer.
    """
    checked = {key: _windows(bounds, str(key)) for key, bounds in events.items()}
    # work on positions in sorted key order: integer comparisons, and the output sorts by key
    keys = sorted((key for key, w in checked.items() if not w.unbounded), key=str)
    windows = [checked[key] for key in keys]
    if related is None:
        pairs = _all_pairs(windows)
    else:
        position = {key: i for i, key in enumerate(keys)}
        links = {
            (min(i, j), max(i, j))
            for a, others in related.items()
            if (i := position.get(a)) is not None
            for b in others
            if (j := position.get(b)) is not None and i != j
        }
        pairs = _linked_pairs(windows, links)
    pairs.sort()
    return [(keys[i], keys[j], order) for i, j, order in pairs]


def _linked_pairs(windows: list[_Windows], links: Iterable[tuple[int, int]]) -> list[tuple[int, int, Order]]:
    out: list[tuple[int, int, Order]] = []
    for i, j in links:
        for x, y in ((i, j), (j, i)):
            wx, wy = windows[x], windows[y]
            order = _later(wx.begin_lo, wx.begin_hi, wy.end_lo, wy.end_hi)
            if order is not Order.IMPOSSIBLE:
                out.append((x, y, order))
    return out


def _all_pairs(windows: list[_Windows]) -> list[tuple[int, int, Order]]:
    out: list[tuple[int, int, Order]] = []
    # certain: a's earliest begin after b's latest end; the a's form a suffix in earliest-begin order
    by_begin = sorted((w.begin_lo, i) for i, w in enumerate(windows) if not math.isinf(w.begin_lo))
    begins = [lo for lo, _ in by_begin]
    for b, wb in enumerate(windows):
        out.extend((a, b, Order.CERTAIN) for _, a in by_begin[bisect_right(begins, wb.end_hi) :])
    # possible: a's begin window meets b's end window; report intersecting pairs with a sweep
    starts: list[tuple[float, int, int, float]] = []
    for i, w in enumerate(windows):
        starts.append((w.begin_lo, 0, i, w.begin_hi))
        starts.append((w.end_lo, 1, i, w.end_hi))
    starts.sort()
    active: tuple[list[tuple[float, int]], list[tuple[float, int]]] = ([], [])
    for start, side, i, end in starts:
        other = active[1 - side]
        while other and other[0][0] < start:
            heapq.heappop(other)
        # every interval still open intersects this one
        if side == 0:
            out.extend((i, j, Order.POSSIBLE) for _, j in other if j != i)
        else:
            out.extend((j, i, Order.POSSIBLE) for _, j in other if j != i)
        heapq.heappush(active[side], (end, i))
    return out


# ---------------------------------------------------------------- RDF


def _as_iri(key: str) -> URIRef:
    return key if isinstance(key, URIRef) else URIRef(key)  # URIRef() re-validates: skip when we can


def order_triples(
    pairs: Iterable[tuple[K, K, Order]], iri: Callable[[K], URIRef] = _as_iri
) -> list[tuple[URIRef, URIRef, URIRef]]:
    """``skg:certainlyAfter`` / ``skg:possiblyAfter`` triples for derived pairs (IMPOSSIBLE gives none).

    ``iri`` turns a key into its IRI; by default keys are IRIs already.
    """
    predicate = {Order.CERTAIN: SKG.certainlyAfter, Order.POSSIBLE: SKG.possiblyAfter}
    return [(iri(a), predicate[order], iri(b)) for a, b, order in pairs if order in predicate]


_RULE = (
    "For two events a and b with time bounds: a skg:certainlyAfter b when a's earliest begin day is "
    "later than b's latest end day (b's latest begin day when b has no end bounds, a point); "
    "a skg:possiblyAfter b when the bounds neither force nor forbid a beginning after b ended "
    "(the same day is possible). End bounds tighten begin windows. Events with no bounds are left out. "
)
_SCOPE_ALL = "Every pair of events in the dataset is compared."
_SCOPE_RELATED = (
    "Only related events are compared: quoted by the same statement (or the statement itself), "
    "or linked directly by a property."
)


def add_inferred_graph(
    dataset: Dataset,
    events: Mapping[URIRef, TimeBounds],
    related: Mapping[URIRef, AbstractSet[URIRef]] | None = None,
) -> None:
    """Write the order of ``events`` into ``id/graph/inferred`` and describe the derivation in meta.

    Earlier ``certainlyAfter`` / ``possiblyAfter`` triples in the inferred graph are replaced.
    The inferred graph is ``prov:wasDerivedFrom`` every statement graph and the shared entities
    graph (where the bounds of events mentioned by several statements live).
    """
    inferred = dataset.graph(INFERRED_GRAPH)
    for predicate in (SKG.certainlyAfter, SKG.possiblyAfter):
        inferred.remove((None, predicate, None))
    names = [g.identifier for g in dataset.graphs() if isinstance(g.identifier, URIRef)]
    write_inferred(dataset, events, related, names)


def write_inferred(
    target: Any,
    events: Mapping[URIRef, TimeBounds],
    related: Mapping[URIRef, AbstractSet[URIRef]] | None,
    graph_names: Iterable[URIRef],
) -> None:
    """The order of ``events`` into the inferred graph of ``target`` (an rdflib Dataset or anything
    with its ``graph(name).add``, such as a ``QuadSink``), and its derivation into meta;
    ``graph_names`` are the dataset's graphs (the statement graphs and the entities graph among
    them are what the order is derived from)."""
    inferred = target.graph(INFERRED_GRAPH)
    for s, p, o in order_triples(derive_order(events, related)):
        inferred.add((s, p, o))
    meta = target.graph(META_GRAPH)
    meta.add((INFERRED_GRAPH, PROV.wasGeneratedBy, ORDER_ACTIVITY))
    meta.add((ORDER_ACTIVITY, RDF.type, PROV.Activity))
    meta.add((ORDER_ACTIVITY, RDFS.label, Literal("temporal order derivation")))
    scope = _SCOPE_ALL if related is None else _SCOPE_RELATED
    if hasattr(meta, "set"):
        meta.set((ORDER_ACTIVITY, RDFS.comment, Literal(_RULE + scope)))
    else:
        meta.add((ORDER_ACTIVITY, RDFS.comment, Literal(_RULE + scope)))
    for name in graph_names:
        if name.startswith(STATEMENT_GRAPH_PREFIX) or name == ENTITIES_GRAPH:
            meta.add((INFERRED_GRAPH, PROV.wasDerivedFrom, name))


def _date_of(value: object, node: URIRef, predicate: URIRef) -> dt.date:
    if isinstance(value, Literal) and value.datatype in (XSD.date, XSD.dateTime):
        parsed = value.toPython()
        if isinstance(parsed, dt.datetime):
            return parsed.date()
        if isinstance(parsed, dt.date):
            return parsed
    shown = value.n3() if isinstance(value, (Literal, URIRef)) else repr(value)
    raise InputError(f"{node} has {predicate} {shown}, not a valid xsd:date; write the bound as YYYY-MM-DD")


def bounds_from_dataset(dataset: Dataset) -> dict[URIRef, TimeBounds]:
    """The four ``sem:`` bounds of every node that has any, read from all graphs (sorted by IRI)."""
    return _bounds_from_triples(
        (node, predicate, value)
        for predicate in _BOUND_PROPERTIES
        for node, _, value, _graph in dataset.quads((None, predicate, None, None))
    )


def bounds_from_store(store: Any) -> dict[URIRef, TimeBounds]:
    """``bounds_from_dataset`` for a pyoxigraph store (all its graphs)."""
    import pyoxigraph as ox

    from .results import term_from_oxigraph

    def triples() -> Iterable[tuple[object, URIRef, object]]:
        for predicate in _BOUND_PROPERTIES:
            for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
                yield term_from_oxigraph(q.subject), predicate, term_from_oxigraph(q.object)

    return _bounds_from_triples(triples())


def _bounds_from_triples(triples: Iterable[tuple[object, URIRef, object]]) -> dict[URIRef, TimeBounds]:
    found: dict[URIRef, dict[str, dt.date]] = {}
    for node, predicate, value in triples:
        field_name = _BOUND_PROPERTIES[predicate]
        if not isinstance(node, URIRef):
            raise InputError(f"a blank node has {predicate}; give every dated event an IRI")
        day = _date_of(value, node, predicate)
        fields = found.setdefault(node, {})
        if fields.setdefault(field_name, day) != day:
            raise InputError(
                f"{node} has two {predicate} values ({fields[field_name]}, {day}); keep one"
            )
    return {
        node: TimeBounds(
            earliest_begin=found[node].get("earliest_begin"),
            latest_begin=found[node].get("latest_begin"),
            earliest_end=found[node].get("earliest_end"),
            latest_end=found[node].get("latest_end"),
        )
        for node in sorted(found, key=str)
    }


def related_from_dataset(
    dataset: Dataset, events: AbstractSet[URIRef] | None = None
) -> dict[URIRef, set[URIRef]]:
    """Which dated nodes to compare: quoted by one statement (with it), or linked by a triple.

    ``events`` defaults to every node with a ``sem:`` bound.  A statement quotes an event when
    the event's ``skg:evidence`` annotation targets it.  Shared participants are left out on
    purpose: a department takes part in hundreds of events and the pairs would grow with the
    square of that.
    """
    if events is None:
        events = bounds_from_dataset(dataset).keys()
    related: dict[URIRef, set[URIRef]] = {event: set() for event in events}

    quoted_in: dict[URIRef, set[URIRef]] = {}
    for event in events:
        for _, _, annotation, _g in dataset.quads((event, SKG.evidence, None, None)):
            for _, _, target, _g2 in dataset.quads((annotation, OA.hasTarget, None, None)):
                for _, _, source, _g3 in dataset.quads((target, OA.hasSource, None, None)):
                    if isinstance(source, URIRef):
                        quoted_in.setdefault(source, set()).add(event)
        for _, _, other, graph in dataset.quads((event, None, None, None)):
            if graph != INFERRED_GRAPH and isinstance(other, URIRef):
                _link(related, event, other)
    _link_quoted_together(related, quoted_in)
    return related


def related_from_store(store: Any, events: AbstractSet[URIRef]) -> dict[URIRef, set[URIRef]]:
    """``related_from_dataset`` for a pyoxigraph store: two whole-store queries instead of a walk."""
    import pyoxigraph as ox

    bound = " ".join(f"<{p}>" for p in _BOUND_PROPERTIES)
    related: dict[URIRef, set[URIRef]] = {event: set() for event in events}

    linked = (
        f"SELECT DISTINCT ?e ?o WHERE {{ VALUES ?bp {{ {bound} }} ?e ?bp [] . "
        f"GRAPH ?g {{ ?e ?p ?o }} FILTER (isIRI(?o) && ?g != <{INFERRED_GRAPH}>) }}"
    )
    for row in store.query(linked):
        e, o = row["e"], row["o"]
        if isinstance(e, ox.NamedNode) and isinstance(o, ox.NamedNode):
            _link(related, URIRef(e.value), URIRef(o.value))
    quoted = (
        f"SELECT DISTINCT ?e ?source WHERE {{ ?e <{SKG.evidence}> ?a . ?a <{OA.hasTarget}> ?t . "
        f"?t <{OA.hasSource}> ?source }}"
    )
    quoted_in: dict[URIRef, set[URIRef]] = {}
    for row in store.query(quoted, use_default_graph_as_union=True):
        e, source = row["e"], row["source"]
        if isinstance(e, ox.NamedNode) and isinstance(source, ox.NamedNode) and URIRef(e.value) in related:
            quoted_in.setdefault(URIRef(source.value), set()).add(URIRef(e.value))
    _link_quoted_together(related, quoted_in)
    return related


def _link(related: dict[URIRef, set[URIRef]], x: URIRef, y: URIRef) -> None:
    """Relate two dated nodes (both must be in ``related``) in both directions."""
    if x != y and x in related and y in related:
        related[x].add(y)
        related[y].add(x)


def _link_quoted_together(related: dict[URIRef, set[URIRef]], quoted_in: Mapping[URIRef, set[URIRef]]) -> None:
    """Relate every statement to the events it quotes, and those events to each other."""
    for statement, quoted in quoted_in.items():
        members = sorted({*quoted, statement} & related.keys(), key=str)
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                _link(related, x, y)
