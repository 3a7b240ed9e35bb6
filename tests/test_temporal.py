"""Order under uncertainty: began_after, Allen relations, derive_order and the inferred graph."""

from __future__ import annotations

import datetime as dt
import doctest
import itertools
import random
from collections.abc import Iterator

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from statementkg import temporal
from statementkg.errors import InputError
from statementkg.model import TimeBounds
from statementkg.namespaces import ID, OA, PROV, RDF, RDFS, SEM, SKG
from statementkg.temporal import (
    BEGINS_AFTER_BEGIN,
    BEGINS_AFTER_END,
    INFERRED_GRAPH,
    META_GRAPH,
    ORDER_ACTIVITY,
    RELATION_CONSTRAINTS,
    Allen,
    Order,
    add_inferred_graph,
    allen_relations,
    began_after,
    began_after_end,
    bounds_from_dataset,
    derive_order,
    order_triples,
    related_from_dataset,
    relation_between,
)

BASE = dt.date(2024, 7, 1)
C, P, NO = Order.CERTAIN, Order.POSSIBLE, Order.IMPOSSIBLE


def d(day: int | None) -> dt.date | None:
    return None if day is None else BASE + dt.timedelta(days=day)


def tb(eb: int | None, lb: int | None, ee: int | None = None, le: int | None = None) -> TimeBounds:
    return TimeBounds(d(eb), d(lb), d(ee), d(le))


def day(n: int) -> TimeBounds:
    return tb(n, n)


SEPTEMBER = TimeBounds(dt.date(2024, 9, 1), dt.date(2024, 9, 30))
OCTOBER = TimeBounds(dt.date(2024, 10, 1), dt.date(2024, 10, 31))
SEPT_10 = TimeBounds(dt.date(2024, 9, 10), dt.date(2024, 9, 10))
BEFORE_CHRISTMAS = TimeBounds(latest_begin=dt.date(2024, 12, 24))
NEW_YEAR = TimeBounds(dt.date(2025, 1, 1), dt.date(2025, 1, 1))
SINCE_2021 = TimeBounds(dt.date(2021, 1, 1), None)
UNKNOWN = TimeBounds()
# an inquiry that began in 2019 and ended in March 2023
INQUIRY = TimeBounds(dt.date(2019, 1, 1), dt.date(2019, 12, 31), dt.date(2023, 3, 1), dt.date(2023, 3, 31))
IN_2021 = TimeBounds(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
MARCH_2023 = TimeBounds(dt.date(2023, 3, 1), dt.date(2023, 3, 31))
# begins at an unknown time but ended by 2020
ENDED_BY_2020 = TimeBounds(latest_end=dt.date(2020, 12, 31), earliest_end=dt.date(2020, 1, 1))


# ---------------------------------------------------------------- tables


def test_docstring_examples_run() -> None:
    assert doctest.testmod(temporal).failed == 0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (day(1), day(0), C),  # exact days, a the later
        (day(0), day(1), NO),
        (day(0), day(0), P),  # the same day: either may be first
        (SEPT_10, SEPTEMBER, P),  # a day inside a month window
        (OCTOBER, SEPTEMBER, C),  # adjacent months
        (SEPTEMBER, OCTOBER, NO),
        (tb(0, 10), tb(5, 15), P),  # overlapping windows
        (tb(10, 12), tb(0, 10), P),  # windows sharing their edge day
        (NEW_YEAR, BEFORE_CHRISTMAS, C),  # open earliest side
        (BEFORE_CHRISTMAS, NEW_YEAR, NO),
        (BEFORE_CHRISTMAS, SEPTEMBER, P),
        (SINCE_2021, SEPTEMBER, P),  # open latest side
        (SEPTEMBER, SINCE_2021, P),
        (tb(None, None, None, 5), day(10), NO),  # no begin bounds, but ended by day 5
        (UNKNOWN, SEPTEMBER, P),  # no bounds at all
        (SEPTEMBER, UNKNOWN, P),
        (UNKNOWN, UNKNOWN, P),
    ],
)
def test_began_after(a: TimeBounds, b: TimeBounds, expected: Order) -> None:
    assert began_after(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (day(1), day(0), C),  # b without end bounds is a point: its end is its begin
        (day(0), day(0), P),
        (OCTOBER, SEPTEMBER, C),
        (NEW_YEAR, INQUIRY, C),  # after the inquiry's latest end
        (IN_2021, INQUIRY, NO),  # while the inquiry was still running
        (MARCH_2023, INQUIRY, P),  # in the month the inquiry ended
        (INQUIRY, IN_2021, NO),  # the inquiry began before 2021
        (IN_2021, ENDED_BY_2020, C),
        (tb(0, 0), tb(None, None, -3, None), P),  # b's end has no latest: never certain
        (UNKNOWN, INQUIRY, P),
    ],
)
def test_began_after_end(a: TimeBounds, b: TimeBounds, expected: Order) -> None:
    assert began_after_end(a, b) is expected


A = Allen


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (day(0), day(1), {A.BEFORE}),
        (day(1), day(0), {A.AFTER}),
        (day(0), day(0), {A.BEFORE, A.EQUALS, A.AFTER}),  # two instants of one day
        (tb(0, 0, 10, 10), tb(3, 3), {A.CONTAINS}),  # a point inside a known interval
        (tb(3, 3), tb(0, 0, 10, 10), {A.DURING}),
        (tb(0, 0, 10, 10), tb(20, 20, 30, 30), {A.BEFORE}),
        # a ends the day b begins: every way two intervals can touch or cross that day
        (tb(0, 0, 10, 10), tb(10, 10, 20, 20), {A.BEFORE, A.MEETS, A.OVERLAPS}),
        (tb(0, 0, 10, 10), tb(0, 0, 10, 10), {A.OVERLAPS, A.FINISHED_BY, A.CONTAINS, A.STARTS, A.EQUALS,
                                              A.STARTED_BY, A.DURING, A.FINISHES, A.OVERLAPPED_BY}),
        (tb(0, 0), tb(0, 0, 5, 5), {A.BEFORE, A.STARTS, A.DURING}),  # a point on b's first day
        (tb(5, 5), tb(0, 0, 5, 5), {A.DURING, A.FINISHES, A.AFTER}),  # a point on b's last day
        (NEW_YEAR, INQUIRY, {A.AFTER}),
        (IN_2021, INQUIRY, {A.DURING}),
        (MARCH_2023, INQUIRY, {A.DURING, A.FINISHES, A.AFTER}),
        (UNKNOWN, UNKNOWN, {A.BEFORE, A.EQUALS, A.AFTER}),  # two points, anywhere
    ],
)
def test_allen_relations(a: TimeBounds, b: TimeBounds, expected: set[Allen]) -> None:
    assert allen_relations(a, b) == expected
    assert allen_relations(b, a) == {r.inverse for r in expected}


def test_intervals_of_unknown_extent_allow_every_relation() -> None:
    loose = tb(None, None, None, 90)  # an end bound makes it an interval; nothing else is known
    assert allen_relations(loose, loose) == set(Allen)


def test_inconsistent_bounds_raise_a_named_error() -> None:
    bad = tb(5, 2)
    for check in (began_after, began_after_end, allen_relations):
        with pytest.raises(InputError, match="admit no interval"):
            check(bad, day(0))
    with pytest.raises(InputError, match="id/event/x"):
        derive_order({"id/event/x": tb(None, None, 3, 1)})
    with pytest.raises(InputError, match="admit no interval"):
        began_after(tb(10, None, None, 5), day(0))  # begins on day 10, ended by day 5


# ---------------------------------------------------------------- concrete intervals

UNIT = 5  # instants are fifths of a day: enough distinct positions inside one day for four endpoints


@st.composite
def bounds(draw: st.DrawFn, open_sides: bool = True, max_width: int = 4) -> TimeBounds:
    def side(lo: int) -> int | None:
        if open_sides and draw(st.booleans()) and draw(st.booleans()):
            return None
        return draw(st.integers(lo, lo + max_width))

    eb = side(0)
    lb = side(eb if eb is not None else 0)
    if draw(st.booleans()):
        return tb(eb, lb)  # a point
    ee = side(eb if eb is not None else 0)
    le = side(max(x for x in (eb, ee, 0) if x is not None))
    result = tb(eb, lb, ee, le)
    try:
        began_after(result, result)
    except InputError:
        assume(False)
    return result


def window(lo: dt.date | None, hi: dt.date | None) -> tuple[int, int]:
    """The instants (in fifths of a day) allowed by a day window; open sides clipped to a margin."""
    start = (lo - BASE).days * UNIT if lo else -10 * UNIT
    end = ((hi - BASE).days + 1) * UNIT if hi else 25 * UNIT
    return start, end


def concretes(b: TimeBounds) -> Iterator[tuple[int, int]]:
    s_lo, s_hi = window(b.earliest_begin, b.latest_begin)
    point = b.earliest_end is None and b.latest_end is None
    e_lo, e_hi = window(b.earliest_end, b.latest_end)
    for s in range(s_lo, s_hi):
        if point:
            yield s, s
        else:
            yield from ((s, e) for e in range(max(e_lo, s), e_hi))


@st.composite
def concrete(draw: st.DrawFn, b: TimeBounds) -> tuple[int, int]:
    s_lo, s_hi = window(b.earliest_begin, b.latest_begin)
    e_lo, e_hi = window(b.earliest_end, b.latest_end)
    if b.earliest_end is None and b.latest_end is None:
        s = draw(st.integers(s_lo, s_hi - 1))
        return s, s
    s = draw(st.integers(s_lo, min(s_hi, e_hi) - 1))
    return s, draw(st.integers(max(s, e_lo), e_hi - 1))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_concrete_pair_agrees_with_the_bounds(data: st.DataObject) -> None:
    a, b = data.draw(bounds()), data.draw(bounds())
    relations = allen_relations(a, b)
    for _ in range(5):
        (sa, ea), (sb, eb) = data.draw(concrete(a)), data.draw(concrete(b))
        assert relation_between(sa, ea, sb, eb) in relations
        if began_after(a, b) is C:
            assert sa > sb
        if began_after(a, b) is NO:
            assert not sa > sb
        if began_after_end(a, b) is C:
            assert sa > eb
        if began_after_end(a, b) is NO:
            assert not sa > eb


@settings(max_examples=80, deadline=None)
@given(bounds(open_sides=False, max_width=1), bounds(open_sides=False, max_width=1))
def test_allen_relations_are_exactly_those_of_some_concrete_pair(a: TimeBounds, b: TimeBounds) -> None:
    pairs = list(itertools.product(concretes(a), concretes(b)))
    assert allen_relations(a, b) == {relation_between(sa, ea, sb, eb) for (sa, ea), (sb, eb) in pairs}
    after_begin = {sa > sb for (sa, _), (sb, _) in pairs}
    after_end = {sa > eb for (sa, _), (_, eb) in pairs}
    as_order = {frozenset({True}): C, frozenset({False}): NO, frozenset({True, False}): P}
    assert began_after(a, b) is as_order[frozenset(after_begin)]
    assert began_after_end(a, b) is as_order[frozenset(after_end)]


@settings(max_examples=300, deadline=None)
@given(bounds(), bounds())
def test_orders_follow_from_the_allen_relations(a: TimeBounds, b: TimeBounds) -> None:
    relations = allen_relations(a, b)
    assert (began_after_end(a, b) is C) == (relations <= {A.AFTER, A.MET_BY})
    assert (began_after_end(a, b) is NO) == relations.isdisjoint(BEGINS_AFTER_END)
    assert (began_after(a, b) is C) == (relations <= BEGINS_AFTER_BEGIN)
    assert (began_after(a, b) is NO) == relations.isdisjoint(BEGINS_AFTER_BEGIN)
    assert allen_relations(b, a) == {r.inverse for r in relations}
    assert relations  # consistent bounds always allow some relation


@settings(max_examples=300, deadline=None)
@given(bounds(), bounds())
def test_certain_after_is_antisymmetric(a: TimeBounds, b: TimeBounds) -> None:
    if began_after(a, b) is C:
        assert began_after(b, a) is NO
    if began_after_end(a, b) is C:
        assert began_after_end(b, a) is NO
        assert began_after(a, b) is C  # after b ended implies after b began


@given(st.lists(st.integers(-3, 3), min_size=4, max_size=4))
def test_relation_between_is_the_one_relation_whose_constraints_hold(values: list[int]) -> None:
    sa, ea, sb, eb = values
    assume(sa <= ea and sb <= eb)
    point = {1: sa, 2: ea, 3: sb, 4: eb, 0: 0}
    holding = [
        relation
        for relation, constraints in RELATION_CONSTRAINTS.items()
        if all(point[i] - point[j] < c or (strict and point[i] - point[j] == c)
               for i, j, (c, strict) in constraints)
    ]
    assert holding == [relation_between(sa, ea, sb, eb)]


# ---------------------------------------------------------------- derive_order


def naive_order(events: dict[str, TimeBounds]) -> list[tuple[str, str, Order]]:
    out = []
    for a, b in itertools.permutations(sorted(events), 2):
        if events[a] == UNKNOWN or events[b] == UNKNOWN:
            continue
        order = began_after_end(events[a], events[b])
        if order is not NO:
            out.append((a, b, order))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(bounds(), st.just(UNKNOWN)), max_size=12), st.randoms())
def test_derive_order_is_every_informative_pair_sorted(items: list[TimeBounds], rnd: random.Random) -> None:
    events = {f"e{i:02d}": b for i, b in enumerate(items)}
    expected = naive_order(events)
    assert derive_order(events) == expected
    shuffled = list(events.items())
    rnd.shuffle(shuffled)
    assert derive_order(dict(shuffled)) == expected  # insertion order does not matter
    related = {key: {other for other in events if rnd.random() < 0.4} for key in events}
    linked = {(a, b) for a, others in related.items() for b in others} | {
        (b, a) for a, others in related.items() for b in others
    }
    assert derive_order(events, related) == [pair for pair in expected if pair[:2] in linked]


def test_derive_order_examples() -> None:
    events = {
        "attack": day(0), "review": day(30), "same-day": day(0), "unknown": UNKNOWN, "later": tb(100, None)
    }
    assert derive_order(events) == [
        ("attack", "same-day", P),
        ("later", "attack", C),
        ("later", "review", C),
        ("later", "same-day", C),
        ("review", "attack", C),
        ("review", "same-day", C),
        ("same-day", "attack", P),
    ]
    # only the related pairs, and a related key without bounds is simply absent
    assert derive_order(events, {"review": {"attack", "nowhere"}}) == [("review", "attack", C)]


def test_order_triples() -> None:
    pairs = [
        ("https://x/a", "https://x/b", C),
        ("https://x/b", "https://x/c", P),
        ("https://x/c", "https://x/a", NO),
    ]
    assert order_triples(pairs) == [
        (URIRef("https://x/a"), SKG.certainlyAfter, URIRef("https://x/b")),
        (URIRef("https://x/b"), SKG.possiblyAfter, URIRef("https://x/c")),
    ]
    assert order_triples([("a", "b", C)], iri=lambda key: ID[f"event/{key}"]) == [
        (ID["event/a"], SKG.certainlyAfter, ID["event/b"])
    ]


# ---------------------------------------------------------------- the inferred graph

ATTACK, REVIEW, INQ, ORPHAN = ID["event/attack"], ID["event/review"], ID["event/inquiry"], ID["event/orphan"]
STATEMENT = ID["statement/d01"]


def xsd_date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def quote(graph_id: URIRef, event: URIRef, n: int, dataset: Dataset) -> None:
    graph = dataset.graph(graph_id)
    annotation, target = ID[f"annotation/d01/{n}-{n + 5}"], ID[f"annotation/d01/{n}-{n + 5}/target"]
    graph.add((event, SKG.evidence, annotation))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, OA.hasSource, STATEMENT))


def small_dataset() -> Dataset:
    ds = Dataset()
    statement_graph = ds.graph(ID["graph/statement/d01"])
    entities = ds.graph(ID["graph/entities"])
    statement_graph.add((STATEMENT, SEM.hasEarliestBeginTimeStamp, xsd_date("2025-01-21")))
    statement_graph.add((STATEMENT, SEM.hasLatestBeginTimeStamp, xsd_date("2025-01-21")))
    entities.add((ATTACK, SEM.hasEarliestBeginTimeStamp, xsd_date("2024-07-29")))
    entities.add((ATTACK, SEM.hasLatestBeginTimeStamp, xsd_date("2024-07-29")))
    statement_graph.add((REVIEW, SEM.hasEarliestBeginTimeStamp, xsd_date("2024-08-01")))
    statement_graph.add((REVIEW, SEM.hasLatestBeginTimeStamp, xsd_date("2024-08-31")))
    statement_graph.add((REVIEW, SKG.respondsTo, ATTACK))
    ds.graph(ID["graph/statement/d02"]).add(
        (INQ, SEM.hasLatestEndTimeStamp, Literal("2025-03-31T12:00:00", datatype=XSD.dateTime))
    )
    ds.graph(ID["graph/statement/d02"]).add((ORPHAN, SEM.hasEarliestBeginTimeStamp, xsd_date("2030-01-01")))
    quote(ID["graph/statement/d01"], ATTACK, 10, ds)
    quote(ID["graph/statement/d01"], INQ, 20, ds)
    return ds


def test_bounds_from_dataset_reads_every_graph() -> None:
    assert bounds_from_dataset(small_dataset()) == {
        ATTACK: TimeBounds(dt.date(2024, 7, 29), dt.date(2024, 7, 29)),
        INQ: TimeBounds(latest_end=dt.date(2025, 3, 31)),
        ORPHAN: TimeBounds(earliest_begin=dt.date(2030, 1, 1)),
        REVIEW: TimeBounds(dt.date(2024, 8, 1), dt.date(2024, 8, 31)),
        STATEMENT: TimeBounds(dt.date(2025, 1, 21), dt.date(2025, 1, 21)),
    }


def test_bounds_from_dataset_rejects_conflicts_and_non_dates() -> None:
    ds = small_dataset()
    ds.graph(ID["graph/statement/d02"]).add((ATTACK, SEM.hasLatestBeginTimeStamp, xsd_date("2024-07-30")))
    with pytest.raises(InputError, match=r"event/attack has two .*hasLatestBeginTimeStamp"):
        bounds_from_dataset(ds)
    ds = small_dataset()
    ds.add((ATTACK, SEM.hasEarliestEndTimeStamp, Literal("July")))
    with pytest.raises(InputError, match="not a valid xsd:date"):
        bounds_from_dataset(ds)


def test_related_from_dataset() -> None:
    ds = small_dataset()
    related = related_from_dataset(ds)
    assert related == related_from_dataset(ds, set(bounds_from_dataset(ds)))
    assert related[ATTACK] == {REVIEW, INQ, STATEMENT}  # linked by respondsTo; quoted with INQ by d01
    assert related[REVIEW] == {ATTACK}
    assert related[STATEMENT] == {ATTACK, INQ}
    assert related[ORPHAN] == set()


def test_add_inferred_graph_writes_order_and_provenance() -> None:
    ds = small_dataset()
    events = bounds_from_dataset(ds)
    add_inferred_graph(ds, events, related_from_dataset(ds, set(events)))
    inferred = set(ds.graph(INFERRED_GRAPH))
    assert inferred == {
        (REVIEW, SKG.certainlyAfter, ATTACK),  # linked by respondsTo
        (STATEMENT, SKG.certainlyAfter, ATTACK),  # the statement quotes the attack
        # the inquiry began at an unknown time and ended by 31 March 2025 at the latest
        (STATEMENT, SKG.possiblyAfter, INQ),
        (INQ, SKG.possiblyAfter, STATEMENT),
        (INQ, SKG.possiblyAfter, ATTACK),
        (ATTACK, SKG.possiblyAfter, INQ),
    }
    meta = ds.graph(META_GRAPH)
    assert (INFERRED_GRAPH, PROV.wasGeneratedBy, ORDER_ACTIVITY) in meta
    assert (ORDER_ACTIVITY, RDF.type, PROV.Activity) in meta
    assert meta.value(ORDER_ACTIVITY, RDFS.label) == Literal("temporal order derivation")
    assert "certainlyAfter" in str(meta.value(ORDER_ACTIVITY, RDFS.comment))
    assert set(meta.objects(INFERRED_GRAPH, PROV.wasDerivedFrom)) == {
        ID["graph/statement/d01"], ID["graph/statement/d02"], ID["graph/entities"]
    }


def test_add_inferred_graph_replaces_earlier_order_and_is_deterministic() -> None:
    ds = small_dataset()
    events = bounds_from_dataset(ds)
    add_inferred_graph(ds, events)  # every pair
    everything = set(ds.graph(INFERRED_GRAPH))
    assert (ORPHAN, SKG.certainlyAfter, REVIEW) in everything
    add_inferred_graph(ds, events, {REVIEW: {ATTACK}})
    assert set(ds.graph(INFERRED_GRAPH)) == {(REVIEW, SKG.certainlyAfter, ATTACK)}
    assert len(list(ds.graph(META_GRAPH).objects(ORDER_ACTIVITY, RDFS.comment))) == 1
    again = small_dataset()
    add_inferred_graph(again, events, {REVIEW: {ATTACK}})
    assert sorted(ds.serialize(format="nquads").splitlines()) == sorted(
        again.serialize(format="nquads").splitlines()
    )
