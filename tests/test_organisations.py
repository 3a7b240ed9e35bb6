"""Organisations: a statement in, the organisations it names out, from the gazetteer or the name's head noun.

Covers ``extract/organisations.py``: gazetteer entries with their aliases (one key however the
statement writes the name), and names the gazetteer does not know, found from their structure
("X Trust", "X Hospital", "X Branch", "X Ltd").
"""

from __future__ import annotations

import pytest

from statement_support import extract, org_names
from statementkg.extract.organisations import lookup, organisation_kind, organisation_name


def _orgs(body: str) -> dict[str, tuple[str, str]]:
    """key -> (name, kind), leaving out the department in the metadata."""
    ex = extract(body, department="Cabinet Office")
    return {o.key: (o.name, o.kind) for o in ex.organisations if o.key != "cabinet-office"}


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Security Service", "mi5"),
        ("MI5", "mi5"),
        ("Counter-Terrorism Policing", "counter-terrorism-policing"),
        ("CTP", "counter-terrorism-policing"),
        ("RAIB", "rail-accident-investigation-branch"),
        ("CQC", "care-quality-commission"),
        ("HSE", "health-and-safety-executive"),
        ("Metropolitan Police", "metropolitan-police-service"),
    ],
)
def test_gazetteer_aliases_give_one_key(written: str, key: str) -> None:
    assert lookup(written) == key


def test_aliases_in_running_text_are_one_organisation() -> None:
    ex = extract("The Security Service, MI5, and Counter Terrorism Policing reviewed the case.")
    mi5 = [o for o in ex.organisations if o.key == "mi5"]
    assert len(mi5) == 2 and {o.name for o in mi5} == {"MI5"}
    assert {o.span.text(ex.statement.text) for o in mi5} == {"Security Service", "MI5"}
    assert organisation_name("mi5") == "MI5" and organisation_kind("mi5") == "agency"


def test_the_department_in_the_metadata_is_an_organisation() -> None:
    ex = extract("I will update the House.", department="Home Office")
    (home,) = [o for o in ex.organisations if o.key == "home-office"]
    assert home.kind == "department"
    assert ex.statement.text[home.span.start : home.span.end] == "Home Office"


@pytest.mark.parametrize(
    ("body", "key", "name", "kind"),
    [
        ("The Rail Accident Investigation Branch reported.", "rail-accident-investigation-branch",
         "Rail Accident Investigation Branch", "agency"),
        ("The Care Quality Commission rated the trust inadequate.", "care-quality-commission",
         "Care Quality Commission", "regulator"),
        ("I have written to the Royal College of Midwives.", "royal-college-of-midwives", "Royal College of Midwives",
         "professional"),
        ("The Parole Board will consider the case.", "parole-board", "Parole Board", "agency"),
        ("Fujitsu supplied the Horizon system.", "fujitsu", "Fujitsu", "company"),
    ],
)
def test_gazetteer_names_in_text(body: str, key: str, name: str, kind: str) -> None:
    assert _orgs(body)[key] == (name, kind)


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The Bramley Valley Trust apologised.", "Bramley Valley Trust"),
        ("Northfield Hospital was inspected.", "Northfield Hospital"),
        ("The Ashdown Rail Branch closed.", "Ashdown Rail Branch"),
        ("Staff at Kestrel College raised concerns.", "Kestrel College"),
        ("The Independent Advisory Panel met in May.", "Independent Advisory Panel"),
        ("The Westmarch Water Authority was fined.", "Westmarch Water Authority"),
        ("The Orbury Licensing Board refused.", "Orbury Licensing Board"),
        ("The Fenwick Lighting Commission reported.", "Fenwick Lighting Commission"),
        ("Harrow Smith Ltd supplied the software.", "Harrow Smith Ltd"),
        ("The contract went to Carillion plc in 2016.", "Carillion plc"),
        ("Ruth Perry was the headteacher of Caversham Primary School.", "Caversham Primary School"),
    ],
)
def test_names_the_gazetteer_does_not_know_are_found_by_their_head_noun(body: str, name: str) -> None:
    assert name in {n for n, _ in _orgs(body).values()}, _orgs(body)


def test_a_trust_named_with_nhs_is_the_trust() -> None:
    names = org_names(extract("The report examined the Shrewsbury and Telford Hospital NHS Trust."))
    assert "Shrewsbury and Telford Hospital NHS Trust" in names
    assert "NHS England" not in names


def test_a_name_continues_past_of() -> None:
    assert "Royal College of Nursing" in org_names(extract("I have written to the Royal College of Nursing."))


def test_a_post_is_never_an_organisation() -> None:
    assert "Chief Executive" not in org_names(extract("The Chief Executive of the trust, Louise Barnett, apologised."))


def test_a_person_is_never_an_organisation() -> None:
    ex = extract("Sir Brian Langstaff KC published his final report on 20 May 2024.", department="Cabinet Office")
    assert org_names(ex) == {"Cabinet Office"}
