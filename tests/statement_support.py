"""Statements written inline in tests, in the YAML front-matter shape, and their facts.

>>> st = statement("The inquiry began on 7 April 2025.", title="Inquiry")
>>> st.date.isoformat(), st.body.strip()
('2025-01-21', 'The inquiry began on 7 April 2025.')
"""

from __future__ import annotations

from pathlib import Path

from statementkg.extract import extract_statement
from statementkg.model import Corpus, EventMention, Extraction, Statement
from statementkg.resolve import resolve
from statementkg.sources import parse_statement


def statement(
    body: str,
    *,
    stem: str = "s",
    title: str = "A statement",
    date: str = "2025-01-21",
    speaker: str = "Yvette Cooper",
    role: str = "Home Secretary",
    department: str = "Home Office",
    kind: str = "oral statement",
) -> Statement:
    """A statement file in the front-matter shape, read as the pipeline reads it."""
    text = (
        "---\n"
        f"title: {title}\nkind: {kind}\ndate: {date}\nspeaker: {speaker}\nrole: {role}\n"
        f"department: {department}\nurl: https://www.gov.uk/\n"
        "---\n"
        f"{body.strip()}\n"
    )
    return parse_statement(text.encode("utf-8"), Path(f"{stem}.md"))


def extract(body: str, **meta: str) -> Extraction:
    return extract_statement(statement(body, **meta))


def build(*statements: Statement) -> Corpus:
    """Extract every statement and resolve them together."""
    return resolve([extract_statement(s) for s in statements])


def events_of(ex: Extraction, etype: str | None = None) -> list[EventMention]:
    """The events (one per real event: coreferent mentions left out) of ``etype`` or any type."""
    return [e for e in ex.events if (etype is None or e.type == etype) and (e.key is None or e.key == e.id)]


def quote(ex: Extraction, e: EventMention) -> str:
    return e.span.text(ex.statement.text)


def types_of(ex: Extraction) -> list[str]:
    return sorted(e.type for e in events_of(ex))


def people_names(ex: Extraction) -> set[str]:
    """The people named in the statement, leaving out its speaker."""
    speaker = {p.key for p in ex.people if p.is_speaker}
    return {p.name for p in ex.people if p.key not in speaker}


def org_names(ex: Extraction) -> set[str]:
    return {o.name for o in ex.organisations}
