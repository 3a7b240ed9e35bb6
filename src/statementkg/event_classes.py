"""The event classes, read from their one declaration (``schema/events.yaml``), and "is a" questions.

Code asks this module, never a list of its own: ``is_a("Inquest", "Review")``, ``family("Derailment")``
(the class whose merge policy applies), ``most_specific("Review", "Inquiry")``, ``examinable(...)``.
``ontology_turtle()`` renders the declarations as the ontology's event-class section.

>>> is_a("Inquest", "Review"), is_a("Review", "Inquest")
(True, False)
>>> most_specific("Review", "LearningReview")
'LearningReview'
>>> family("Derailment"), family("Inquiry")
('Accident', 'Inquiry')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = "Event"
#: Ways a label is made (see ``extract/events.py``) and merge policies (see ``resolve.py``).
LABEL_RULES = frozenset({"phrase", "place", "subject", "appointee", "post", "agent", "title"})
MERGE_POLICIES = frozenset(
    {
        "statement_reference",
        "place_day_people",
        "appointee_post",
        "subject_post",
        "prompt_or_terms",
        "conductor_or_terms",
        "post",
        "publishes_or_terms",
        "plan_then_done",
        "subject_day",
        "agent_day",
        "terms",
        "never",
        "inherit",
    }
)
REQUIRED = ("parent", "label", "comment", "roles", "label_from", "merge", "lane", "colour", "examinable")

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "events.yaml"


@dataclass(frozen=True)
class EventClass:
    """One declared event class."""

    name: str
    parent: str | None
    label: str
    comment: str
    nouns: tuple[str, ...]
    verbs: tuple[str, ...]
    roles: tuple[str, ...]
    label_from: str
    merge: str
    lane: int
    colour: str
    examinable: bool
    prompts: bool


def problems(raw: dict[str, Any]) -> list[str]:
    """What is missing or wrong in a schema document (empty when it is complete)."""
    out: list[str] = []
    classes = raw.get("classes") or {}
    for name, spec in classes.items():
        for key in REQUIRED:
            if key not in spec:
                out.append(f"{name}: no {key}")
        parent = spec.get("parent")
        if name != ROOT and parent not in classes:
            out.append(f"{name}: parent {parent!r} is not a declared class")
        if spec.get("label_from") not in LABEL_RULES:
            out.append(f"{name}: label_from {spec.get('label_from')!r} is not one of {sorted(LABEL_RULES)}")
        if spec.get("merge") not in MERGE_POLICIES:
            out.append(f"{name}: merge {spec.get('merge')!r} is not one of {sorted(MERGE_POLICIES)}")
        if spec.get("merge") == "inherit" and parent in (None, ROOT):
            out.append(f"{name}: merge inherit needs a parent other than the root")
    if ROOT not in classes:
        out.append(f"no root class {ROOT}")
    return out


@cache
def classes() -> dict[str, EventClass]:
    """Every declared class by local name, in declaration order."""
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    found = problems(raw)
    if found:
        raise ValueError(f"{SCHEMA_PATH}: " + "; ".join(found))
    out: dict[str, EventClass] = {}
    for name, spec in raw["classes"].items():
        out[name] = EventClass(
            name=name,
            parent=spec["parent"],
            label=spec["label"],
            comment=" ".join(str(spec["comment"]).split()),
            nouns=tuple(spec.get("nouns") or ()),
            verbs=tuple(spec.get("verbs") or ()),
            roles=tuple(spec["roles"]),
            label_from=spec["label_from"],
            merge=spec["merge"],
            lane=int(spec["lane"]),
            colour=str(spec["colour"]),
            examinable=bool(spec["examinable"]),
            prompts=bool(spec.get("prompts", False)),
        )
    return out


def ancestors(name: str) -> list[str]:
    """The class's parents up to the root, nearest first (empty for unknown classes)."""
    out: list[str] = []
    cls = classes().get(name)
    while cls is not None and cls.parent:
        out.append(cls.parent)
        cls = classes().get(cls.parent)
    return out


def is_a(name: str, ancestor: str) -> bool:
    return name == ancestor or ancestor in ancestors(name)


def subclasses(ancestor: str) -> frozenset[str]:
    """``ancestor`` and every class below it."""
    return frozenset(n for n in classes() if is_a(n, ancestor))


def is_review(name: str) -> bool:
    """A review, inquiry, inquest, investigation or learning review."""
    return is_a(name, "Review")


def is_legal_step(name: str) -> bool:
    """A known step of a legal proceeding (an arrest, a trial, a plea ...), not the generic class."""
    return name != "LegalProceeding" and is_a(name, "LegalProceeding")


def most_specific(a: str, b: str) -> str:
    """Of two classes one of which is the other's ancestor, the narrower; else ``a``."""
    if is_a(b, a):
        return b
    return a


def family(name: str) -> str:
    """The class whose merge policy applies (itself, or the nearest ancestor it inherits from)."""
    cls = classes().get(name)
    while cls is not None and cls.merge == "inherit" and cls.parent:
        cls = classes()[cls.parent]
    return cls.name if cls is not None else name


def merge_policy(name: str) -> str:
    cls = classes().get(family(name))
    return cls.merge if cls is not None else "never"


def examinable(name: str) -> bool:
    cls = classes().get(name)
    return bool(cls and cls.examinable)


def prompts_reviews(name: str) -> bool:
    cls = classes().get(name)
    return bool(cls and cls.prompts)


def label_rule(name: str) -> str:
    cls = classes().get(name)
    return cls.label_from if cls is not None else "phrase"


SKG_IRI = "https://w3id.org/statementkg/ontology#"
SEM_EVENT_IRI = "http://semanticweb.cs.vu.nl/2009/11/sem/Event"
RDFS_SUBCLASS_IRI = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
RDFS_LABEL_IRI = "http://www.w3.org/2000/01/rdf-schema#label"


def class_tree() -> list[tuple[str, str, str]]:
    """The class tree as (class IRI, predicate IRI, object): ``subClassOf`` a parent IRI, ``label`` an English
    label. What the dataset's classes graph holds, so saved queries can ask "is a" on any engine."""
    out: list[tuple[str, str, str]] = []
    for cls in classes().values():
        if cls.name == ROOT:
            continue
        parent = SEM_EVENT_IRI if cls.parent in (None, ROOT) else SKG_IRI + str(cls.parent)
        out.append((SKG_IRI + cls.name, RDFS_SUBCLASS_IRI, parent))
        out.append((SKG_IRI + cls.name, RDFS_LABEL_IRI, cls.label))
    return out


def _turtle_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ontology_turtle() -> str:
    """The ontology's event-class section (``ontology/event-classes.ttl``, written by ``make ontology``)."""
    lines = [
        "# GENERATED from src/statementkg/schema/events.yaml by `make ontology`;",
        "# edit the schema, not this file (a test fails when the two disagree).",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .",
        "@prefix skg: <https://w3id.org/statementkg/ontology#> .",
        "",
    ]
    for cls in classes().values():
        if cls.name == ROOT:
            continue
        parent = "sem:Event" if cls.parent in (None, ROOT) else f"skg:{cls.parent}"
        lines.append(f"skg:{cls.name}")
        lines.append(f"    a owl:Class ; rdfs:subClassOf {parent} ;")
        lines.append(f"    rdfs:label {_turtle_string(cls.label)}@en ;")
        lines.append(f"    rdfs:comment {_turtle_string(cls.comment)}@en .")
        lines.append("")
    return "\n".join(lines)

