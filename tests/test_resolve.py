"""Resolution across statements: extractions in, one node per real person, organisation and event out.

Covers ``resolve.py``: people named with and without honorifics, the same incident told in two
statements, different inquiries kept apart, the merge policies the schema declares, promises
matched to the nearest later report of them done, who held a post on a day, and dates anchored to
other events filled in until nothing changes.
"""

from __future__ import annotations

import datetime as dt

from statement_support import build, statement
from statementkg import resolve as resolve_module
from statementkg.event_classes import MERGE_POLICIES, classes, family, merge_policy
from statementkg.model import Corpus, Event


def _of_type(corpus: Corpus, etype: str) -> list[Event]:
    return [e for e in corpus.events.values() if e.type == etype]


def _stems(e: Event) -> set[str]:
    return {m.stem for m in e.mentions}


def test_a_person_named_with_and_without_honorifics_is_one_node() -> None:
    corpus = build(
        statement("Sir Brian Langstaff KC published the final report on 20 May 2024.", stem="a", date="2024-05-21"),
        statement("I met Brian Langstaff last week to discuss compensation.", stem="b", date="2024-06-01"),
    )
    (langstaff,) = [p for p in corpus.people.values() if p.name == "Brian Langstaff"]
    assert langstaff.key == "brian-langstaff"
    assert langstaff.prefixes == ["Sir"] and langstaff.suffixes == ["KC"]
    assert {m.stem for m in langstaff.mentions} == {"a", "b"}


def test_the_same_attack_in_two_statements_is_one_node_by_its_place() -> None:
    corpus = build(
        statement("The Ashford attack on 22 July 2017 killed two people.", stem="a", date="2024-05-21"),
        statement("Since the Ashford attack, we have strengthened security at stations.", stem="b",
                  date="2024-06-01"),
    )
    (attack,) = _of_type(corpus, "Attack")
    assert attack.label == "Ashford attack" and attack.place == "Ashford"
    assert _stems(attack) == {"a", "b"}
    assert attack.bounds.earliest_begin == attack.bounds.latest_begin == dt.date(2017, 7, 22), (
        "the undated mention takes the date the other statement gives"
    )


def test_a_subclass_merges_with_its_family() -> None:
    """Derailment inherits Accident's policy: the same place and day in two statements is one accident."""
    assert family("Derailment") == "Accident" and merge_policy("Derailment") == "place_day_people"
    corpus = build(
        statement("A passenger train derailed near Carmont on 12 August 2020.", stem="a", date="2025-02-04"),
        statement("The Carmont accident on 12 August 2020 shook the railway.", stem="b", date="2025-02-05"),
    )
    (derailment,) = [e for e in corpus.events.values() if e.type in ("Derailment", "Accident")]
    assert derailment.type == "Derailment", "the merged event takes the most specific class"
    assert derailment.label == "Carmont derailment"
    assert _stems(derailment) == {"a", "b"}


def test_a_never_merged_class_stays_one_node_per_statement() -> None:
    assert merge_policy("Meeting") == "never"
    corpus = build(
        statement("I met the families on 3 February 2025.", stem="a", date="2025-02-04"),
        statement("I met the families on 3 February 2025.", stem="b", date="2025-02-05"),
    )
    meetings = _of_type(corpus, "Meeting")
    assert sorted(len(_stems(m)) for m in meetings) == [1, 1]


def test_two_different_inquiries_in_one_statement_stay_two() -> None:
    corpus = build(
        statement(
            "In 2015 the Government held an inquiry into the collapse of the Ashdown bridge. "
            "Today I am announcing a statutory inquiry into the Westmarch floods of March 2024.",
            stem="c", date="2024-06-01",
        )
    )
    inquiries = sorted(_of_type(corpus, "Inquiry"), key=lambda e: e.bounds.earliest_begin or dt.date.min)
    assert [e.label for e in inquiries] == [
        "Inquiry into the collapse of the Ashdown bridge",
        "Statutory inquiry into the Westmarch floods of March 2024",
    ]
    earlier, new = inquiries
    assert [corpus.events[k].type for k in earlier.reviews] == ["Collapse"]
    assert [corpus.events[k].label for k in new.reviews] == ["Westmarch floods"]


def test_two_different_inquiries_in_two_statements_stay_two() -> None:
    corpus = build(
        statement("The Grenfell Tower Inquiry, chaired by Sir Martin Moore-Bick, published its report.", stem="a",
                  date="2024-09-04"),
        statement("The Infected Blood Inquiry, chaired by Sir Brian Langstaff, published its report.", stem="b",
                  date="2024-05-20"),
    )
    assert sorted(e.label for e in _of_type(corpus, "Inquiry")) == ["Grenfell Tower Inquiry",
                                                                    "Infected Blood Inquiry"]


def test_every_merge_policy_of_the_schema_has_a_rule() -> None:
    """A class whose policy the resolver does not know would silently never merge."""
    rules = set(resolve_module._MERGE_RULES)
    assert rules <= MERGE_POLICIES
    for cls in classes().values():
        policy = merge_policy(cls.name)
        assert policy in rules | {"never", "statement_reference"}, f"{cls.name}: no rule for {policy!r}"


def test_anchored_dates_are_filled_to_a_fixpoint_across_statements() -> None:
    """c dates the attack; b anchors the review on the attack, and the inquest on the review."""
    corpus = build(
        statement(
            "The inquest opened two weeks after the review began. "
            "The review began three months after the Ashford attack.",
            stem="b", date="2024-06-01",
        ),
        statement("The Ashford attack happened on 22 July 2017.", stem="c", date="2024-06-01"),
    )
    (attack,) = _of_type(corpus, "Attack")
    (review,) = _of_type(corpus, "Review")
    (inquest,) = _of_type(corpus, "Inquest")
    assert attack.bounds.earliest_begin == dt.date(2017, 7, 22)
    assert review.anchor == attack.key
    assert review.bounds.earliest_begin == review.bounds.latest_begin == dt.date(2017, 10, 22)
    assert inquest.anchor == review.key
    assert inquest.bounds.earliest_begin == inquest.bounds.latest_begin == dt.date(2017, 11, 5)


def test_resolution_does_not_depend_on_the_order_of_statements() -> None:
    a = statement("The Ashford attack on 22 July 2017 killed two people.", stem="a", date="2024-05-21")
    b = statement("The review began three months after the Ashford attack.", stem="b", date="2024-06-01")
    one, two = build(a, b), build(b, a)
    assert list(one.events) == list(two.events)
    assert [(e.label, e.bounds) for e in one.events.values()] == [(e.label, e.bounds) for e in two.events.values()]


def test_a_promised_publication_is_the_nearest_later_one_sharing_its_words() -> None:
    """Each promise looks for its fulfilment in date order, not in the order of file names."""
    corpus = build(
        statement("We will publish our response to the review.", stem="a", date="2024-01-10"),
        statement("Today I am publishing our response to the review.", stem="b", date="2024-06-01"),
        statement("Today I am publishing our response to the review.", stem="c", date="2024-03-01"),
    )
    publications = {frozenset(_stems(e)): e for e in _of_type(corpus, "Publication")}
    assert set(publications) == {frozenset({"a", "c"}), frozenset({"b"})}
    kept = publications[frozenset({"a", "c"})]
    assert not kept.planned and kept.bounds.earliest_begin == dt.date(2024, 3, 1)


def test_a_promise_is_fulfilled_once_and_a_report_before_it_does_not_count() -> None:
    corpus = build(
        statement("Today I am publishing our response to the review.", stem="a", date="2023-11-01"),
        statement("We will publish our response to the review.", stem="b", date="2024-01-10"),
        statement("We will publish our response to the review.", stem="c", date="2024-02-10"),
    )
    stems = sorted(sorted(_stems(e)) for e in _of_type(corpus, "Publication"))
    assert stems == [["a"], ["b"], ["c"]], "a report cannot fulfil a later promise, nor a promise another"


def test_a_promise_looks_past_reports_outside_its_window_and_stops_when_none_can_fit() -> None:
    """A report that began after the promise's window closed is passed over, but a later one
    of something done within the window still fulfils it; with none such, the promise stays one."""
    corpus = build(
        statement("We will publish our response to the review by the end of March 2024.", stem="a", date="2024-01-10"),
        statement("Today I am publishing our response to the review.", stem="b", date="2024-06-01"),
        statement("In February 2024 we published our response to the review.", stem="c", date="2024-09-01"),
        statement("We will publish our response to the review by the end of April 2025.", stem="d", date="2025-01-10"),
        statement("Today I am publishing our response to the review.", stem="e", date="2025-07-01"),
    )
    stems = sorted(sorted(_stems(e)) for e in _of_type(corpus, "Publication"))
    assert stems == [["a", "c"], ["b"], ["d"], ["e"]]


def test_the_holder_of_a_post_is_the_one_shown_nearest_the_day() -> None:
    from statementkg.model import Membership

    corpus = Corpus(statements=[])
    days = {"ann": ["2020-01-01", "2020-06-01"], "bob": ["2021-01-01"], "cal": ["2021-01-01"]}
    for person, shown in days.items():
        corpus.memberships[person] = Membership(
            key=f"{person}/hs", person=person, post="hs", organisation=None,
            held_on=[dt.date.fromisoformat(d) for d in shown],
        )
    holder_at = resolve_module._post_holders(corpus)
    assert holder_at("post:hs", dt.date(2020, 7, 1)) == "ann"
    assert holder_at("post:hs", dt.date(2020, 12, 1)) == "bob", "a tie on the day: the first in order"
    assert holder_at("post:hs", dt.date(2026, 1, 1)) is None, "over two years from anyone shown"
    assert holder_at("predecessor:bob", dt.date(2020, 12, 1)) == "ann"
    assert holder_at("predecessor:bob", dt.date(2021, 2, 1)) == "cal", "the last other holder shown before"
