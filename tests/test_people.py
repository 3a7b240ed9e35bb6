"""People and posts: a statement in, the people it names (with honorifics kept apart) and their posts out.

Covers ``extract/people.py``: names with prefixes ("Sir", "Dame", "Rt Hon") and post-nominals
("KC", "DBE"), posts written beside names in every order statements use, and titles that name
no one.
"""

from __future__ import annotations

import pytest

from statement_support import extract, people_names
from statementkg.extract.people import parse_name
from statementkg.model import Extraction


def _person(ex: Extraction, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    p = next(p for p in ex.people if p.name == name)
    return p.prefixes, p.suffixes


def _posts(ex: Extraction) -> dict[str, tuple[str, bool, bool]]:
    """holder key -> (post label, held "then", interim)."""
    return {p.holder: (p.label, p.then, p.interim) for p in ex.posts if p.holder and p.holder != "yvette-cooper"}


@pytest.mark.parametrize(
    ("written", "name", "prefixes", "suffixes"),
    [
        ("The Rt Hon Sir Brian Langstaff KC", "Brian Langstaff", ("Rt Hon", "Sir"), ("KC",)),
        ("Baroness Heather Hallett DBE", "Heather Hallett", ("Baroness",), ("DBE",)),
        ("Dame Ruth May", "Ruth May", ("Dame",), ()),
        ("Sir Robert Francis QC", "Robert Francis", ("Sir",), ("QC",)),
        ("Lord David Anderson KC", "David Anderson", ("Lord",), ("KC",)),
        ("Jess Phillips MP", "Jess Phillips", (), ("MP",)),
    ],
)
def test_honorifics_and_post_nominals_are_kept_apart_from_the_name(
    written: str, name: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]
) -> None:
    parsed = parse_name(written)
    assert (parsed.name, parsed.prefixes, parsed.suffixes) == (name, prefixes, suffixes)


def test_honorifics_in_running_text() -> None:
    ex = extract(
        "The Rt Hon Sir Brian Langstaff KC published his final report on 20 May 2024. "
        "Baroness Heather Hallett DBE chairs the inquiry. Sir Robert Francis QC reported in 2013."
    )
    assert _person(ex, "Brian Langstaff") == (("Rt Hon", "Sir"), ("KC",))
    assert _person(ex, "Heather Hallett") == (("Baroness",), ("DBE",))
    assert _person(ex, "Robert Francis") == (("Sir",), ("QC",))
    assert {p.key for p in ex.people} >= {"brian-langstaff", "heather-hallett", "robert-francis"}


def test_a_person_called_bill_is_a_person() -> None:
    ex = extract("Dr Bill Kirkup CBE published his report on 19 October 2022.")
    assert _person(ex, "Bill Kirkup") == (("Dr",), ("CBE",))


def test_the_then_holder_of_a_post() -> None:
    ex = extract("The then Chief Executive, Dame Jane Roberts, resigned in 2019.")
    assert _person(ex, "Jane Roberts") == (("Dame",), ())
    assert _posts(ex)["jane-roberts"] == ("Chief Executive", True, False)


def test_the_former_holder_of_a_post() -> None:
    ex = extract("The former Lord Advocate, James Wolffe KC, gave evidence.")
    assert _person(ex, "James Wolffe") == ((), ("KC",))
    label, then, _ = _posts(ex)["james-wolffe"]
    assert label == "Lord Advocate" and then, "a former holder held the post then, not now"


def test_a_post_with_its_place_before_the_name() -> None:
    ex = extract("The senior coroner for Berkshire, Heidi Connor, recorded her conclusions on 7 December 2023.")
    assert "Heidi Connor" in people_names(ex)
    assert _posts(ex)["heidi-connor"][0] == "senior coroner for Berkshire"


def test_a_post_with_its_organisation_after_the_name() -> None:
    ex = extract("Ruth Perry, the headteacher of Caversham Primary School, died on 8 January 2023.")
    assert people_names(ex) == {"Ruth Perry"}
    assert _posts(ex)["ruth-perry"][0] == "headteacher of Caversham Primary School"
    assert "Caversham Primary School" in {o.name for o in ex.organisations}


def test_an_interim_post() -> None:
    ex = extract("The interim chair, Professor Sir Simon Wessely, will report in the spring.")
    assert "Simon Wessely" in people_names(ex)
    prefixes, _ = _person(ex, "Simon Wessely")
    assert "Sir" in " ".join(prefixes) and "Professor" in " ".join(prefixes)
    assert _posts(ex)["simon-wessely"] == ("interim chair", False, True)


def test_a_post_and_its_holder_as_a_title() -> None:
    ex = extract("The Lord Advocate, Dorothy Bain KC, made a statement.")
    assert _person(ex, "Dorothy Bain") == ((), ("KC",))
    assert _posts(ex)["dorothy-bain"] == ("Lord Advocate", False, False)


def test_a_judge_is_named_by_surname_with_the_title_kept_apart() -> None:
    ex = extract("Mr Justice Fraser handed down his judgment.")
    assert _person(ex, "Fraser") == (("Mr Justice",), ())


@pytest.mark.parametrize(
    "body",
    [
        "His Majesty the King has been informed.",
        "The Lord Advocate has written to me.",
        "Mr Speaker, I thank the Prime Minister.",
        "The Chief Executive has apologised to the families.",
        "The Secretary of State will respond in due course.",
    ],
)
def test_a_title_alone_is_never_a_person(body: str) -> None:
    assert people_names(extract(body)) == set()


def test_an_organisation_is_never_a_person() -> None:
    ex = extract("Caversham Primary School and Northfield Hospital were inspected by Ofsted.")
    assert people_names(ex) == set()


def test_the_speaker_holds_the_post_in_the_metadata() -> None:
    ex = extract("I will update the House.", speaker="Wes Streeting", role="Secretary of State for Health and "
                 "Social Care", department="Department of Health and Social Care")
    speaker = next(p for p in ex.people if p.is_speaker)
    assert speaker.key == "wes-streeting"
    assert any(p.holder == "wes-streeting" for p in ex.posts)


def test_a_short_name_later_is_the_same_person() -> None:
    ex = extract(
        "Ruth Perry, the headteacher of Caversham Primary School, died on 8 January 2023. "
        "Mrs Perry had led the school for 13 years."
    )
    assert people_names(ex) == {"Ruth Perry"}
    assert {p.key for p in ex.people if p.name == "Ruth Perry"} == {"ruth-perry"}
