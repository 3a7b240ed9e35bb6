"""The REST sources (UK Parliament, legislation.gov.uk, GOV.UK) behind one ``link_rest`` entry point.

Each proposes, the shared rules of ``decisions.py`` decide (strong identifier, score and margin,
no conflict, one subject per object), and the facts of accepted links go to
``LINKS/SOURCE.facts.tsv`` with the request each came from in ``LINKS/queries/ID.url``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..export import load_dataset
from .decisions import merge
from .enrich import (
    CITATION,
    CONTENT_ID,
    ENACTED,
    GOVERNMENT_POST,
    ORGANISATION_TITLE,
    TITLE,
    Fact,
    query_id,
    write_facts,
)
from .govuk import ENDPOINT as GOVUK_ENDPOINT
from .govuk import GovUK
from .http import Client
from .legislation import ENDPOINT as LEGISLATION_ENDPOINT
from .legislation import Legislation, legislation_subjects
from .parliament import ENDPOINT as PARLIAMENT_ENDPOINT
from .parliament import Parliament, tenure_facts
from .sssom import MappingTable, load_table
from .subjects import Subject


def _day(dates: set[dt.date], client: Client) -> str:
    return (max(dates) if dates else client.today()).isoformat()


def _save_facts(links: Path, source: str, facts: list[tuple[Fact, str]]) -> None:
    """The facts, sorted, and the URL each was read from (``queries/ID.url``)."""
    requests = {f.query_id: request for f, request in facts}
    ordered = sorted({f for f, _r in facts}, key=lambda f: (f.subject_id, f.property, f.value, f.start, f.end))
    write_facts(links, source, ordered, requests, ext="url")


def link_rest(source: str, subjects: list[Subject], graph: Path, links: Path, client: Client,
              endpoint: str | None) -> MappingTable:
    table = load_table(links, source)
    facts: list[tuple[Fact, str]] = []
    if source == "parliament":
        parl = Parliament(client, endpoint or PARLIAMENT_ENDPOINT)
        proposals, members = parl.propose(subjects)
        table = merge(table, proposals)
        day = _day(parl.dates, client)
        for subj, obj, post, start, end, ep, request in tenure_facts(table, members, parl.endpoint):
            facts.append(_fact(subj, obj, GOVERNMENT_POST, post, ep, request, day, start, end))
    elif source == "legislation":
        leg = Legislation(client, endpoint or LEGISLATION_ENDPOINT)
        named = legislation_subjects(load_dataset(graph))
        proposals, acts = leg.propose([*subjects, *named])
        table = merge(table, proposals)
        day = _day(leg.dates, client)
        for row in table.accepted():
            act = acts.get(row.object_id)
            if act is None:
                continue
            request = leg.requests[act.curie]
            for prop, value in ((CITATION, act.citation), (TITLE, act.title),
                                (ENACTED, act.enacted.isoformat() if act.enacted else "")):
                if value:
                    facts.append(_fact(row.subject_id, row.object_id, prop, value, leg.endpoint, request, day))
    else:
        gov = GovUK(client, endpoint or GOVUK_ENDPOINT)
        proposals, orgs, request = gov.propose_organisations(subjects)
        statements, items = gov.propose_statements(load_dataset(graph))
        table = merge(table, [*proposals, *statements])
        day = _day(gov.dates, client)
        for row in table.accepted():
            if row.object_id in orgs:
                o = orgs[row.object_id]
                facts.append(_fact(row.subject_id, row.object_id, ORGANISATION_TITLE, o.title, gov.endpoint, request,
                                   day))
            elif row.object_id in items:
                facts.append(_fact(row.subject_id, row.object_id, CONTENT_ID, row.object_id.removeprefix("uuid:"),
                                   gov.endpoint, items[row.object_id][1], day))
    _save_facts(links, source, facts)
    return table


def _fact(subject: str, obj: str, prop: str, value: str, endpoint: str, request: str, day: str, start: str = "",
          end: str = "") -> tuple[Fact, str]:
    f = Fact(subject_id=subject, object_id=obj, property=prop, value=value, start=start, end=end, endpoint=endpoint,
             query_id=query_id(request), retrieved=day)
    return f, request
