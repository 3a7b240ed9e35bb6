"""Extraction: a statement in, the people, posts, organisations and events a careful reader finds out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from statementkg.extract import extract_statement
from statementkg.extract.people import parse_name
from statementkg.extract.text import split_sentences
from statementkg.model import Extraction, Role
from statementkg.sources import load_statement

DEV = Path(__file__).parent / "data" / "dev"


def _extract(stem: str) -> Extraction:
    return extract_statement(load_statement(DEV / f"{stem}.txt"))


def _quotes(ex: Extraction, etype: str) -> list[str]:
    return [e.span.text(ex.statement.text) for e in ex.events if e.type == etype]


@pytest.fixture(scope="module")
def d01() -> Extraction:
    return _extract("d01-southport-next-steps-prevent")


@pytest.fixture(scope="module")
def d05() -> Extraction:
    return _extract("d05-manchester-arena-volume-3")


def test_names_keep_honorifics_apart() -> None:
    p = parse_name("The Rt Hon Sir Adrian Fulford KC")
    assert p.name == "Adrian Fulford"
    assert p.prefixes == ("Rt Hon", "Sir")
    assert p.suffixes == ("KC",)


def test_sentences_keep_offsets() -> None:
    text = "Mr Speaker, I will. The inquiry began on 7 April 2025. It continues."
    sents = split_sentences(text, 0, len(text))
    assert [s.text for s in sents] == ["Mr Speaker, I will.", "The inquiry began on 7 April 2025.", "It continues."]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_appointment_makes_an_interim_membership(d01: Extraction) -> None:
    appointments = [e for e in d01.events if e.type == "Appointment"]
    assert len(appointments) == 1
    roles = {(p.role, p.ref) for p in appointments[0].participants}
    assert (Role.APPOINTEE, "david-anderson") in roles
    anderson = next(p for p in d01.people if p.key == "david-anderson")
    assert anderson.prefixes == ("Lord",) and anderson.suffixes == ("KC",)
    held = [p for p in d01.posts if p.holder == "david-anderson"]
    assert held and held[0].label == "Prevent Commissioner" and held[0].interim
    assert held[0].start == dt.date(2025, 1, 21)


def test_stated_count_gives_a_series(d01: Extraction) -> None:
    referrals = [e for e in d01.events if e.type == "Referral"]
    roots = {e.key for e in referrals}
    assert len(roots) == 1, "the later 'those 3 repeat referrals' is the same series"
    first = next(e for e in referrals if e.key == e.id)
    assert first.count == 3
    assert first.time is not None and first.time.event_anchor is not None
    assert "Southport attack" in first.time.event_anchor.phrase


def test_negated_and_counterfactual_events_are_left_out(d01: Extraction, d05: Extraction) -> None:
    # "there was no onward referral", "should be referred to channel", "should have been referred"
    for ex in (d01, d05):
        for q in _quotes(ex, "Referral"):
            assert "no onward referral" not in q or "3 referrals" in q
    assert not any(e.type == "Referral" for e in d05.events)


def test_every_event_quote_is_in_the_text(d01: Extraction, d05: Extraction) -> None:
    for ex in (d01, d05):
        for e in ex.events:
            assert e.span.end <= len(ex.statement.text)
            assert e.span.text(ex.statement.text).strip() != ""


def test_learning_review_examines_the_referrals_and_follows_the_attack(d01: Extraction) -> None:
    review = next(e for e in d01.events if e.type == "LearningReview" and e.key == e.id)
    by_id = {e.id: e for e in d01.events}
    assert {by_id[r].type for r in review.reviews} == {"Referral"}
    assert {by_id[r].type for r in review.responds_to} == {"Attack"}
    assert review.bounds.earliest_begin == dt.date(2024, 6, 1)
    assert review.bounds.latest_begin == dt.date(2024, 8, 31)


def test_people_introduced_by_post(d05: Extraction) -> None:
    posts = {(p.holder, p.label) for p in d05.posts}
    assert ("ken-mccallum", "Director General of MI5") in posts
    names = {p.key for p in d05.people}
    assert {"salman-abedi", "hashem-abedi", "john-saunders", "ken-mccallum"} <= names
    sentencing = next(e for e in d05.events if e.type == "Sentencing")
    assert (Role.SUBJECT, "hashem-abedi") in {(p.role, p.ref) for p in sentencing.participants}
    assert sentencing.bounds.earliest_begin == dt.date(2020, 8, 1)


def test_organisation_aliases_resolve_to_one_key(d05: Extraction) -> None:
    keys = {o.key for o in d05.organisations if o.name == "MI5"}
    assert keys == {"mi5"}
    written = {o.span.text(d05.statement.text) for o in d05.organisations if o.key == "mi5"}
    assert {"Security Service", "MI5"} <= written
