"""The event classes are declared once (schema/events.yaml); everything else reads it or is checked here."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from rdflib import Graph
from rdflib.namespace import RDFS

from statementkg.event_classes import (
    MERGE_POLICIES,
    REQUIRED,
    ROOT,
    SCHEMA_PATH,
    classes,
    examinable,
    family,
    is_a,
    most_specific,
    ontology_turtle,
    problems,
    subclasses,
)
from statementkg.model import Role
from statementkg.namespaces import SKG
from statementkg.resolve import _MERGE_RULES
from statementkg.resources import resource_dir

ONTOLOGY = resource_dir("ontology")


def _raw() -> dict:
    return yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_the_schema_is_complete() -> None:
    assert problems(_raw()) == []


@pytest.mark.parametrize("part", REQUIRED)
def test_a_class_missing_any_part_is_reported(part: str) -> None:
    raw = copy.deepcopy(_raw())
    del raw["classes"]["Derailment"][part]
    assert any(p.startswith(f"Derailment: no {part}") for p in problems(raw))


def test_unknown_parent_policy_or_label_rule_is_reported() -> None:
    raw = copy.deepcopy(_raw())
    raw["classes"]["Fire"]["parent"] = "Blaze"
    raw["classes"]["Crash"]["merge"] = "by magic"
    raw["classes"]["Flood"]["label_from"] = "weather"
    found = problems(raw)
    assert any("Fire: parent 'Blaze'" in p for p in found)
    assert any("Crash: merge 'by magic'" in p for p in found)
    assert any("Flood: label_from 'weather'" in p for p in found)


def test_the_generated_ontology_section_is_up_to_date() -> None:
    on_disk = (ONTOLOGY / "event-classes.ttl").read_text(encoding="utf-8")
    assert on_disk == ontology_turtle(), "run `make ontology` after editing src/statementkg/schema/events.yaml"


def test_the_ontology_declares_exactly_the_schema_classes() -> None:
    g = Graph().parse(ONTOLOGY / "event-classes.ttl")
    declared = {str(s).removeprefix(str(SKG)) for s in g.subjects(RDFS.subClassOf, None)}
    assert declared == set(classes()) - {ROOT}
    main = Graph().parse(ONTOLOGY / "statementkg.ttl")
    # the hand-written ontology declares no event class of its own (they would drift apart)
    for name in classes():
        assert (SKG[name], RDFS.subClassOf, None) not in main, name


def test_every_merge_policy_has_a_rule_in_the_resolver() -> None:
    used = {c.merge for c in classes().values()}
    assert used <= MERGE_POLICIES
    assert used - {"never", "inherit", "statement_reference"} <= set(_MERGE_RULES)


def test_roles_are_participant_roles_or_review_links() -> None:
    known = {r.value for r in Role} | {"reviews", "respondsTo", "hasActor", "speaker"}
    for cls in classes().values():
        assert set(cls.roles) <= known, cls.name


def test_every_class_has_a_lane_and_a_colour() -> None:
    for cls in classes().values():
        assert cls.colour.startswith("#") and len(cls.colour) == 7, cls.name
        assert isinstance(cls.lane, int)


def test_trigger_words_belong_to_one_class_only() -> None:
    seen: dict[str, str] = {}
    for cls in classes().values():
        for word in (*cls.nouns, *cls.verbs):
            assert word.lower() not in seen or seen[word.lower()] == cls.name, (word, seen.get(word.lower()), cls.name)
            seen[word.lower()] = cls.name


def test_is_a_family_and_most_specific() -> None:
    assert is_a("Inquest", "Review") and is_a("Inquest", "Inquiry") and not is_a("Review", "Inquest")
    assert is_a("Derailment", ROOT)
    assert family("Derailment") == "Accident" and family("LearningReview") == "Review"
    assert family("Inquiry") == "Inquiry"
    assert most_specific("Review", "LearningReview") == most_specific("LearningReview", "Review") == "LearningReview"
    assert "Inquest" in subclasses("Review") and "Attack" not in subclasses("Review")
    assert examinable("Derailment") and examinable("Death") and not examinable("Inquiry")


def test_the_timeline_page_takes_lanes_and_colours_from_the_schema() -> None:
    from statementkg.timeline import TimelineEvent, _payload

    ev = TimelineEvent("https://e/x", "Derailment", "Carmont derailment", None, None)
    payload = _payload([ev], "t")
    assert payload["lanes"]["Derailment"] == [classes()["Derailment"].lane, classes()["Derailment"].colour,
                                              "Derailment"]
    js = (Path(__file__).parents[1] / "src/statementkg/timeline_assets/timeline.js").read_text()
    assert "Attack:" not in js  # no class list of its own in the page script


def test_a_built_dataset_answers_event_classes(tmp_path: Path) -> None:
    from statementkg.pipeline import build, query

    stmt = tmp_path / "s.md"
    stmt.write_text("---\ntitle: Rail\nkind: written statement\ndate: 2024-05-02\nspeaker: A Minister\n---\n"
                    "The train derailed near Carmont on 12 August 2020.\n", encoding="utf-8")
    out = tmp_path / "g.trig"
    build([stmt], out)
    rows = query("event-classes", out).rows
    parents = {str(r["class"]).removeprefix(str(SKG)): str(r["parent"]) for r in rows}
    assert parents["Derailment"] == str(SKG.Accident)
    assert parents["Inquest"] == str(SKG.Inquiry)
