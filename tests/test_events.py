"""Events: a statement in, the events it reports (class, label, dates, links) and their quotes out.

Covers ``extract/events.py`` with the trigger lexicon (``triggers.py``), participants
(``participants.py``) and the review links (``review_links.py``).  Statements are written inline in
the front-matter shape (``statement_support``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from statement_support import events_of, extract, quote, types_of
from statementkg.event_classes import classes
from statementkg.extract.triggers import lexicon
from statementkg.model import Role

# One sentence per class, as statements write it: the sentence in, an event of the class out.
BY_CLASS = [
    ("Attack", "On 29 July 2024 a man attacked a dance class in Southport, murdering three children."),
    ("Derailment", "A passenger train derailed near Carmont on 12 August 2020."),
    ("Crash", "Two trains collided at Ladbroke Grove on 5 October 1999."),
    ("Fire", "A fire broke out at Grenfell Tower on 14 June 2017."),
    ("Collapse", "The roof of the school collapsed on 3 March 2023."),
    ("Flood", "The flooding in Doncaster in November 2019 forced hundreds from their homes."),
    ("Explosion", "An explosion at the chemical plant in Buncefield on 11 December 2005 injured 43 people."),
    ("Contamination", "The contamination of the water supply at Camelford in July 1988 affected 20,000 people."),
    ("Death", "Ruth Perry died on 8 January 2023."),
    ("Referral", "He was referred to Prevent in December 2019."),
    ("Inspection", "Ofsted inspected Caversham Primary School in November 2022."),
    ("Accident", "The accident happened on 3 May 2021."),
    ("Assessment", "His case was assessed by Counter Terrorism Policing."),
    ("LegalProceeding", "On 16 December 2019 the High Court ruled that the system contained bugs."),
    ("Arrest", "A man was arrested on 3 March 2024."),
    ("Prosecution", "The Crown Prosecution Service prosecuted the company in 2023."),
    ("Plea", "He pleaded guilty on 4 April 2024."),
    ("Appeal", "He appealed against his sentence in June 2024."),
    ("Release", "He was released from prison on 1 February 2020."),
    ("Review", "The review of the case began on 2 May 2024."),
    ("LearningReview", "A learning review was commissioned in August 2024."),
    ("Announcement", "I announced the new commissioner in December."),
    ("Launch", "The new assessment framework was launched in September 2024."),
    ("Charge", "He was charged with murder on 5 March 2024."),
    ("Trial", "His trial began at Liverpool Crown Court on 20 January 2025."),
    ("Conviction", "He was convicted of murder on 23 November 2023."),
    ("Acquittal", "He was acquitted on 15 March 2024."),
    ("Sentencing", "He was sentenced to life imprisonment on 23 January 2025."),
    ("QuashedConviction", "The Court of Appeal quashed the convictions of 39 former postmasters on 23 April 2021."),
    ("Hearing", "The preliminary hearing took place on 4 June 2024."),
    ("Inquiry", "I am today announcing a statutory public inquiry into the Southport attack."),
    ("Inquest", "The inquest into her death concluded on 7 December 2023."),
    ("Investigation", "The Rail Accident Investigation Branch began an investigation into the derailment in "
                      "August 2020."),
    ("Resignation", "The chief executive resigned on 1 May 2024."),
    ("Apology", "I apologise to the families on behalf of the Government."),
    ("Publication", "The panel published its report on 10 April 2024."),
    ("CompensationScheme", "The Government set up a compensation scheme in 2021."),
    ("CompensationPayment", "More than 100 people have received compensation payments since 2021."),
    ("BillIntroduction", "The Bill was introduced on 13 March 2024."),
    ("RoyalAssent", "The Bill received Royal Assent on 24 May 2024."),
    ("CommencementInForce", "The Act came into force on 1 April 2025."),
    ("Legislation", "The Government will bring forward legislation in the next session."),
    ("Appointment", "I have appointed Dame Jo Smith as chair of the panel."),
    ("Meeting", "I met the families on 3 February 2025."),
    ("Visit", "I visited Southport on 30 July 2024."),
]


@pytest.mark.parametrize(("cls", "body"), BY_CLASS, ids=[c for c, _ in BY_CLASS])
def test_a_trigger_gives_an_event_of_its_class(cls: str, body: str) -> None:
    ex = extract(body)
    assert cls in types_of(ex), f"{body!r} gave {types_of(ex)}"
    e = next(e for e in events_of(ex, cls))
    assert quote(ex, e).strip() in body


def test_every_trigger_word_of_the_schema_is_in_the_lexicon() -> None:
    """The trigger words come from the schema, each mapped to a class that declares it."""
    lex = lexicon()
    for cls in classes().values():
        for noun in cls.nouns:
            owner = lex.noun_class[noun.lower()]
            assert noun in classes()[owner].nouns
        for verb in cls.verbs:
            owner = lex.verb_class[verb.lower()]
            assert verb in classes()[owner].verbs


def test_every_class_with_triggers_has_a_sentence_here() -> None:
    """Adding an event class to the schema means adding its sentence to ``BY_CLASS``."""
    tested = {c for c, _ in BY_CLASS}
    # the statement itself is a class of its own, tested by the statement-reference tests
    with_triggers = {c.name for c in classes().values() if (c.nouns or c.verbs) and c.name != "Statement"}
    assert not with_triggers - tested, f"classes with no sentence in BY_CLASS: {sorted(with_triggers - tested)}"


def test_an_accident_is_dated_and_named_by_its_place() -> None:
    ex = extract("A passenger train derailed near Carmont on 12 August 2020.")
    (e,) = events_of(ex, "Derailment")
    assert e.label == "Carmont derailment"
    assert e.bounds.earliest_begin == e.bounds.latest_begin == dt.date(2020, 8, 12)
    assert quote(ex, e) == "A passenger train derailed near Carmont on 12 August 2020."


@pytest.mark.parametrize(
    "body",
    [
        "No one has been charged, and I will say nothing that might prejudice that work.",
        "No one has been convicted of any offence.",
    ],
)
def test_negated_events_are_not_events(body: str) -> None:
    assert types_of(extract(body)) == []


@pytest.mark.parametrize(
    "body",
    [
        "Inquiries of this kind take time.",
        "No review of this kind can bring back a child.",
    ],
)
def test_generic_mentions_are_not_events(body: str) -> None:
    assert types_of(extract(body)) == []


def test_events_spoken_of_in_general_are_not_events() -> None:
    assert types_of(extract("Cyber attacks are a growing threat to hospitals.")) == []


@pytest.mark.parametrize(
    "body", ["We will keep it under review.", "I will keep the case for a public inquiry under review."]
)
def test_keeping_something_under_review_is_not_a_review(body: str) -> None:
    assert types_of(extract(body)) == []


@pytest.mark.parametrize(
    "body",
    [
        "He should have been referred to Prevent.",
        "If he had been referred to Prevent, the outcome might have been different.",
    ],
)
def test_counterfactual_events_are_not_events(body: str) -> None:
    assert "Referral" not in types_of(extract(body))


def test_an_inverted_counterfactual_is_not_an_event() -> None:
    assert "Referral" not in types_of(extract("Had he been referred, the attack might have been prevented."))


def test_trigger_words_inside_names_are_not_events() -> None:
    ex = extract("The Rail Accident Investigation Branch published its report on 10 April 2024.")
    assert types_of(ex) == ["Publication"], "neither 'Accident' nor 'Investigation' in the name is an event"
    assert "rail-accident-investigation-branch" in {o.key for o in ex.organisations}


def test_the_statements_own_closing_words_are_not_events() -> None:
    ex = extract("The trust has apologised to the families. I commend this statement to the House.")
    assert types_of(ex) == ["Apology"]


def test_a_review_examines_the_incident_it_names() -> None:
    ex = extract(
        "A fire broke out at Grenfell Tower on 14 June 2017, and 72 people died. "
        "The Grenfell Tower Inquiry, chaired by Sir Martin Moore-Bick, examined the fire."
    )
    (fire,) = events_of(ex, "Fire")
    (inquiry,) = events_of(ex, "Inquiry")
    assert fire.label == "Grenfell Tower fire"
    assert inquiry.label == "Grenfell Tower Inquiry"
    assert fire.id in inquiry.reviews and fire.id in inquiry.responds_to
    assert (Role.CHAIRED_BY, "martin-moore-bick") in {(p.role, p.ref) for p in inquiry.participants} or any(
        p.holder == "martin-moore-bick" and "Grenfell Tower Inquiry" in p.label for p in ex.posts
    )


def test_an_accident_investigation_responds_to_the_accident() -> None:
    ex = extract(
        "On 12 August 2020 a passenger train derailed near Carmont, and three people died. "
        "The Rail Accident Investigation Branch investigated the derailment and published its report in March 2022."
    )
    (derailment,) = events_of(ex, "Derailment")
    (investigation,) = events_of(ex, "Investigation")
    assert derailment.label == "Carmont derailment"
    assert derailment.id in investigation.responds_to
    (report,) = events_of(ex, "Publication")
    assert (report.bounds.earliest_begin, report.bounds.latest_begin) == (dt.date(2022, 3, 1), dt.date(2022, 3, 31))


def test_an_inquiry_announced_today_examines_what_it_names_not_an_earlier_incident() -> None:
    ex = extract(
        "In 2015 the Government held an inquiry into the collapse of the Ashdown bridge. "
        "Today I am announcing a statutory inquiry into the Westmarch floods of March 2024.",
        date="2024-06-01",
    )
    by_id = {e.id: e for e in ex.events}
    inquiries = sorted(events_of(ex, "Inquiry"), key=lambda e: e.span.start)
    assert len(inquiries) == 2
    earlier, new = inquiries
    assert {by_id[r].type for r in earlier.reviews} == {"Collapse"}
    assert {by_id[r].type for r in new.reviews} == {"Flood"}
    assert earlier.bounds.earliest_begin == dt.date(2015, 1, 1)
    assert new.bounds.earliest_begin == dt.date(2024, 6, 1)


def test_one_death_told_several_ways_is_one_event() -> None:
    ex = extract(
        "Ruth Perry, the headteacher of Caversham Primary School, died on 8 January 2023. "
        "Her death followed an Ofsted inspection in November 2022. Mrs Perry took her own life. "
        "The coroner found that the inspection contributed to her death."
    )
    deaths = [e for e in ex.events if e.type == "Death"]
    assert len(deaths) >= 3, "each telling is a mention"
    assert len({e.key or e.id for e in deaths}) == 1, "and all are one death"
    (death,) = events_of(ex, "Death")
    assert death.label == "Died (Ruth Perry)"
    assert death.bounds.earliest_begin == dt.date(2023, 1, 8)
    (inspection,) = events_of(ex, "Inspection")
    assert (inspection.bounds.earliest_begin, inspection.bounds.latest_begin) == (
        dt.date(2022, 11, 1), dt.date(2022, 11, 30)
    )


def test_a_planned_event_is_planned_and_open_on_the_left() -> None:
    ex = extract("I will publish the findings in the spring.", date="2025-01-21")
    (pub,) = events_of(ex, "Publication")
    assert pub.planned
    assert quote(ex, pub) == "I will publish the findings in the spring."


def test_a_pronoun_takes_the_person_named_before_it() -> None:
    ex = extract("Axel Rudakubana was arrested on 29 July 2024. He pleaded guilty on 20 January 2025.")
    (plea,) = events_of(ex, "Plea")
    assert plea.label == "Plea of Axel Rudakubana"
    assert (Role.SUBJECT, "axel-rudakubana") in {(p.role, p.ref) for p in plea.participants}
    assert plea.bounds.earliest_begin == dt.date(2025, 1, 20)


def test_a_pronoun_with_no_antecedent_is_never_the_speaker() -> None:
    ex = extract("He pleaded guilty on 4 April 2024.", speaker="Yvette Cooper")
    (plea,) = events_of(ex, "Plea")
    assert "yvette-cooper" not in {p.ref for p in plea.participants}


def test_every_quote_lies_inside_the_statement_body() -> None:
    for _, body in BY_CLASS:
        ex = extract(body)
        st = ex.statement
        for e in ex.events:
            assert st.body_start <= e.span.start < e.span.end <= st.body_end
