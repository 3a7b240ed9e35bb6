"""The facts of one extraction, each with its stable ID: what `review` lists and corrections address.

A fact is one thing the extractor says a statement says: an event mention, the date phrase of a
mention, a participant of an event, a review link (``reviews`` / ``respondsTo``), a person, an
organisation, a post or a membership (a person holding a post).  Its ID comes from
``ids.mint_fact_id``: the statement's stem, the kind, a readable key and, for facts that are
quoted, a hash of the quote (never of an offset), so it survives rebuilds and edits elsewhere
in the text.

Participants and review links belong to the statement's event (the group of mentions the
extractor takes for one event, ``EventMention.key``): rejecting one removes it from every mention.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .ids import mint_fact_id
from .model import EventMention, Extraction, Span, TimeBounds


class FactKind(StrEnum):
    EVENT = "event"
    DATE = "date"
    PARTICIPANT = "participant"
    LINK = "link"
    PERSON = "person"
    ORGANISATION = "organisation"
    POST = "post"
    MEMBERSHIP = "membership"


#: review links, by the ``EventMention`` field that holds them and the graph property
LINK_FIELDS = {"reviews": "reviews", "responds_to": "respondsTo"}


@dataclass(frozen=True)
class Fact:
    """One fact of one statement.  ``locator`` says where it sits in the ``Extraction`` (see ``locate``)."""

    id: str
    kind: FactKind
    type: str  # event class, role, link property, "Person", ...
    label: str
    quote: str
    span: Span | None
    locator: tuple[str, ...]
    event: str | None = None  # the event fact a date, participant or link belongs to
    phrase: str | None = None
    bounds: TimeBounds | None = None
    target: str | None = None  # participant key, or the event fact a link points at
    planned: bool = False
    corrections: tuple[str, ...] = ()
    added: bool = False


def group_of(m: EventMention) -> str:
    """The key grouping the mentions of one event in a statement."""
    return m.key or m.id


def iter_facts(ex: Extraction) -> list[Fact]:
    """Every fact of ``ex`` in a stable order: events with their dates, participants and links, then the rest."""
    text = ex.statement.text
    stem = ex.statement.stem
    out: list[Fact] = []
    used: set[str] = set()

    def unique(fid: str) -> str:
        n, candidate = 1, fid
        while candidate in used:
            n += 1
            candidate = f"{fid}-{n}"
        used.add(candidate)
        return candidate

    mention_ids: dict[str, str] = {}  # mention id -> fact ID
    for m in ex.events:
        quote = m.span.text(text)
        mention_ids[m.id] = unique(mint_fact_id(stem, "event", m.type, content=quote))
    groups: dict[str, list[EventMention]] = {}
    for m in ex.events:
        groups.setdefault(group_of(m), []).append(m)
    group_key = {m.id: group_of(m) for m in ex.events}
    group_key.update({g: g for g in groups})

    for m in ex.events:
        fid = mention_ids[m.id]
        quote = m.span.text(text)
        bounds = m.time.bounds if m.time else m.bounds
        out.append(Fact(fid, FactKind.EVENT, m.type, m.label, quote, m.span, ("event", m.id),
                        phrase=m.time.text if m.time else None, bounds=bounds, planned=m.planned,
                        corrections=m.corrections, added=m.added))
        if m.time is not None:
            did = unique(mint_fact_id(stem, "date", content=f"{fid}\n{m.time.text}"))
            out.append(Fact(did, FactKind.DATE, m.time.anchor, m.time.text, m.time.span.text(text), m.time.span,
                            ("date", m.id), event=fid, phrase=m.time.text, bounds=m.time.bounds))
    for g, ms in groups.items():
        root = mention_ids[ms[0].id]
        seen: set[tuple[str, str]] = set()
        for m in ms:
            for part in m.participants:
                if (part.role.value, part.ref) in seen:
                    continue
                seen.add((part.role.value, part.ref))
                pid = unique(mint_fact_id(stem, "participant", part.role.value, content=f"{root}\n{part.ref}"))
                quote = part.span.text(text) if part.span else m.span.text(text)
                out.append(Fact(pid, FactKind.PARTICIPANT, part.role.value, part.ref, quote, part.span or m.span,
                                ("participant", g, part.role.value, part.ref), event=root, target=part.ref))
        for field, prop in LINK_FIELDS.items():
            targets: list[str] = []
            for m in ms:
                for ref in getattr(m, field):
                    tg = group_key.get(ref)
                    if tg is not None and tg not in targets:
                        targets.append(tg)
            for tg in targets:
                t = mention_ids[groups[tg][0].id]
                lid = unique(mint_fact_id(stem, "link", prop, content=f"{root}\n{t}"))
                out.append(Fact(lid, FactKind.LINK, prop, f"{prop} {groups[tg][0].label}", ms[0].span.text(text),
                                ms[0].span, ("link", g, field, tg), event=root, target=t))
    seen_people: set[str] = set()
    for p in ex.people:
        if p.key in seen_people:
            continue
        seen_people.add(p.key)
        out.append(Fact(unique(mint_fact_id(stem, "person", p.key)), FactKind.PERSON, "Person", p.name,
                        p.span.text(text), p.span, ("person", p.key), corrections=p.corrections, added=p.added))
    seen_orgs: set[str] = set()
    for o in ex.organisations:
        if o.key in seen_orgs:
            continue
        seen_orgs.add(o.key)
        out.append(Fact(unique(mint_fact_id(stem, "organisation", o.key)), FactKind.ORGANISATION, o.kind, o.name,
                        o.span.text(text), o.span, ("organisation", o.key)))
    seen_posts: set[tuple[str | None, str]] = set()
    for pm in ex.posts:
        if (pm.holder, pm.key) in seen_posts:
            continue
        seen_posts.add((pm.holder, pm.key))
        if pm.holder is None:
            fid, kind, label = mint_fact_id(stem, "post", pm.key), FactKind.POST, pm.label
        else:
            fid = mint_fact_id(stem, "membership", pm.holder, pm.key)
            kind, label = FactKind.MEMBERSHIP, f"{pm.holder} as {pm.label}"
        out.append(Fact(unique(fid), kind, "Post", label, pm.span.text(text), pm.span,
                        ("post", pm.holder or "", pm.key), target=pm.holder))
    return out


def event_fact_ids(ex: Extraction) -> dict[str, str]:
    """Mention id -> event fact ID, for every event mention of ``ex``."""
    return {f.locator[1]: f.id for f in iter_facts(ex) if f.kind is FactKind.EVENT}
