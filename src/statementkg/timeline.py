"""The visual timeline: a dataset's events as one self-contained HTML page or as TimelineJS 3 JSON.

``load_timeline_events`` reads a TriG dataset into ``TimelineEvent`` values (bounds, quotes with
their statements, participants, review links); ``render_html`` draws them on a zoomable time axis
in a page that needs nothing but itself (inline CSS and JavaScript from ``timeline_assets/``, the
data embedded as JSON); ``render_timelinejs`` gives the same events as TimelineJS 3 JSON.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pyoxigraph as ox

from .errors import InputError, StoreError
from .event_classes import classes
from .files import write_atomic
from .model import Role
from .namespaces import DCTERMS, ID, OA, ORG, RDF, RDFS, SCHEMA, SEM, SKG

TimelineFormat = Literal["html", "json"]

#: Local names of ``skg:`` classes never drawn as events (an event is sem:Event or a class of the schema).
NON_EVENT_CLASSES: frozenset[str] = frozenset({"Programme"})

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEASONS = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
_EPOCH = dt.date(1970, 1, 1)


class Quote(NamedTuple):
    """One quoted span that evidences an event, with the statement it comes from."""

    text: str
    statement: str
    statement_title: str
    statement_date: dt.date | None


class Participant(NamedTuple):
    """Someone or something taking part: role local name (``perpetrator``), IRI, label, kind.

    ``kind`` is ``person``, ``organisation`` or ``other`` (from the participant's ``rdf:type``).
    """

    role: str
    iri: str
    label: str
    kind: str


class ReviewLink(NamedTuple):
    """A review link read from this event's side: ``relation`` says what this event is to the other.

    ``examines`` / ``responds to`` when this event is the review; ``examined by`` / ``prompted``
    when the other one is (``skg:reviews`` and ``skg:respondsTo`` seen from their object).
    """

    iri: str
    label: str
    relation: str


@dataclass(frozen=True)
class TimelineEvent:
    """An event as the timeline shows it: what, when (four SEM bounds), where said, who, which reviews."""

    iri: str
    type: str
    label: str
    earliest: dt.date | None
    latest: dt.date | None
    earliest_end: dt.date | None = None
    latest_end: dt.date | None = None
    edtf: str | None = None
    planned: bool = False
    quotes: tuple[Quote, ...] = ()
    participants: tuple[Participant, ...] = ()
    reviews: tuple[ReviewLink, ...] = ()
    time_expressions: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        """True when at least one bound is known, so the event has a place on the axis."""
        return any(d is not None for d in (self.earliest, self.latest, self.earliest_end, self.latest_end))

    @property
    def display_date(self) -> str:
        """The bounds in words: ``29 Jul 2024``, ``summer 2024``, ``on or before 24 Dec 2024``...

        >>> TimelineEvent("x", "Review", "r", dt.date(2024, 6, 1), dt.date(2024, 8, 31)).display_date
        'summer 2024'
        >>> TimelineEvent("x", "Attack", "a", None, None).display_date
        'date not stated'
        """
        begin = describe_window(self.earliest, self.latest)
        end = describe_window(self.earliest_end, self.latest_end)
        if begin and end:
            return f"{begin}, ending {end}"
        if end:
            return f"ending {end}"
        return begin or "date not stated"


# ---------------------------------------------------------------- dates in words


def format_day(day: dt.date) -> str:
    """``29 Jul 2024`` (English month abbreviations whatever the locale)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _month_end(day: dt.date) -> dt.date:
    first_next = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _window_kind(lo: dt.date | None, hi: dt.date | None) -> str:
    """What a window of days is: day, month(s), season, year(s), range, after, before or none."""
    if lo is None and hi is None:
        return "none"
    if hi is None:
        return "after"
    if lo is None:
        return "before"
    if lo == hi:
        return "day"
    if hi < lo or lo.day != 1 or hi != _month_end(hi):
        return "range"
    if lo.month == 1 and hi.month == 12:
        return "year" if lo.year == hi.year else "years"
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    if months == 1:
        return "month"
    if months == 3 and lo.month in _SEASONS:
        return "season"
    return "months"


def describe_window(lo: dt.date | None, hi: dt.date | None) -> str:
    """A window of days in words; empty when both ends are open.

    >>> describe_window(dt.date(2020, 7, 29), dt.date(2021, 7, 29))
    'between 29 Jul 2020 and 29 Jul 2021'
    >>> describe_window(None, dt.date(2024, 12, 24))
    'on or before 24 Dec 2024'
    >>> describe_window(dt.date(2024, 12, 1), dt.date(2025, 2, 28))
    'winter 2024/25'
    """
    kind = _window_kind(lo, hi)
    if kind == "none":
        return ""
    if kind == "after":
        assert lo is not None
        return f"on or after {format_day(lo)}"
    assert hi is not None
    if kind == "before":
        return f"on or before {format_day(hi)}"
    assert lo is not None
    if kind == "day":
        return format_day(lo)
    if kind == "month":
        return f"{_MONTHS[lo.month - 1]} {lo.year}"
    if kind == "season":
        season = _SEASONS[lo.month]
        return f"{season} {lo.year}" if lo.year == hi.year else f"{season} {lo.year}/{str(hi.year)[-2:]}"
    if kind == "year":
        return str(lo.year)
    if kind == "years":
        return f"{lo.year}–{hi.year}"
    if kind == "months":
        if lo.year == hi.year:
            return f"{_MONTHS[lo.month - 1]}–{_MONTHS[hi.month - 1]} {lo.year}"
        return f"{_MONTHS[lo.month - 1]} {lo.year}–{_MONTHS[hi.month - 1]} {hi.year}"
    return f"between {format_day(lo)} and {format_day(hi)}"


# ---------------------------------------------------------------- reading the dataset

_PREFIXES = f"""
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX dcterms: <{DCTERMS}>
PREFIX schema: <{SCHEMA}>
PREFIX org: <{ORG}>
PREFIX sem: <{SEM}>
PREFIX skg: <{SKG}>
PREFIX oa: <{OA}>
"""

_EVENTS_QUERY = _PREFIXES + f"""
SELECT DISTINCT ?event ?type WHERE {{
  GRAPH ?g {{ ?event rdf:type ?type }}
  FILTER(isIRI(?event) && (?type = sem:Event || STRSTARTS(STR(?type), "{SKG}")))
}}"""

# Literal facts (and places) of every node: labels for events, people, statements; bounds; EDTF.
_FACT_PROPERTIES = {
    "label": RDFS.label, "name": SCHEMA.name, "title": DCTERMS.title, "date": DCTERMS.date,
    "earliest": SEM.hasEarliestBeginTimeStamp, "latest": SEM.hasLatestBeginTimeStamp,
    "earliest_end": SEM.hasEarliestEndTimeStamp, "latest_end": SEM.hasLatestEndTimeStamp,
    "edtf": SKG.edtf, "status": SKG.status, "expression": SKG.timeExpression, "place": SEM.hasPlace,
}
_FACTS_QUERY = _PREFIXES + (
    "SELECT ?s ?p ?o WHERE {\n  GRAPH ?g { ?s ?p ?o }\n  VALUES ?p { "
    + " ".join(f"<{p}>" for p in _FACT_PROPERTIES.values()) + " }\n}"
)

# Who takes part: the sem:hasActor sub-properties of the model, plus a statement's speaker and department.
_PARTICIPANT_ROLES: tuple[str, ...] = (*(r.value for r in Role), "speaker", "department")
_PARTICIPANTS_QUERY = _PREFIXES + (
    "SELECT ?event ?p ?actor WHERE {\n  GRAPH ?g { ?event ?p ?actor }\n  VALUES ?p { sem:hasActor "
    + " ".join(f"skg:{role}" for role in _PARTICIPANT_ROLES) + " }\n  FILTER(isIRI(?actor))\n}"
)

_KINDS_QUERY = _PREFIXES + """
SELECT ?node ?type WHERE {
  GRAPH ?g { ?node rdf:type ?type }
  VALUES ?type { schema:Person org:Organization skg:Programme }
}"""

_REVIEWS_QUERY = _PREFIXES + """
SELECT ?review ?p ?event WHERE {
  GRAPH ?g { ?review ?p ?event }
  VALUES ?p { skg:reviews skg:respondsTo }
  FILTER(isIRI(?event))
}"""

_QUOTES_QUERY = _PREFIXES + """
SELECT ?event ?exact ?statement ?start WHERE {
  GRAPH ?g1 { ?event skg:evidence ?annotation }
  GRAPH ?g2 { ?annotation oa:hasTarget ?target }
  GRAPH ?g3 { ?target oa:hasSource ?statement ; oa:hasSelector ?quote . ?quote oa:exact ?exact }
  OPTIONAL { GRAPH ?g4 { ?target oa:hasSelector ?position . ?position oa:start ?start } }
}"""

_SEM_EVENT, _PERSON, _PLANNED = str(SEM.Event), str(SCHEMA.Person), str(SKG.Planned)
_RELATION = {
    (str(SKG.reviews), True): "examines", (str(SKG.respondsTo), True): "responds to",
    (str(SKG.reviews), False): "examined by", (str(SKG.respondsTo), False): "prompted",
}


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _solutions(store: ox.Store, query: str) -> Iterable[Any]:
    try:
        result = store.query(query)
    except (SyntaxError, OSError, ValueError) as exc:  # pragma: no cover - the queries are fixed
        raise StoreError(f"timeline query failed ({exc}); this is a bug in statementkg.timeline") from exc
    assert isinstance(result, ox.QuerySolutions)
    yield from result


def _iri(term: Any) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None


def _parse_date(iri: str, prop: str, term: Any) -> dt.date:
    value = term.value if isinstance(term, ox.Literal) else str(term)
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise StoreError(
            f"{iri}: {prop} is {value!r}, not a date; give it as \"YYYY-MM-DD\"^^xsd:date in the dataset"
        ) from None


class _Facts:
    """The literal facts of every node, keyed by node IRI then fact name (see ``_FACT_PROPERTIES``)."""

    def __init__(self, store: ox.Store) -> None:
        names = {str(p): name for name, p in _FACT_PROPERTIES.items()}
        self.values: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for row in _solutions(store, _FACTS_QUERY):
            subject = _iri(row["s"])
            if subject is not None:
                self.values[subject][names[row["p"].value]].append(row["o"])
        self._labels: dict[str, str] = {}

    def texts(self, iri: str, name: str) -> list[str]:
        found = self.values.get(iri, {}).get(name, ())
        if len(found) == 1:
            return [found[0].value]
        return sorted({t.value for t in found})

    def first(self, iri: str, *names: str) -> str | None:
        for name in names:
            found = self.texts(iri, name)
            if found:
                return found[0]
        return None

    def label(self, iri: str) -> str:
        if iri not in self._labels:
            self._labels[iri] = self.first(iri, "label", "name", "title") or _local(iri)
        return self._labels[iri]

    def dates(self, iri: str, name: str) -> list[dt.date]:
        return sorted(_parse_date(iri, name, t) for t in self.values.get(iri, {}).get(name, ()))


def load_timeline_events(data: str | Path) -> list[TimelineEvent]:
    """Read the dataset ``data`` names and return its events in timeline order.

    ``data`` is a graph file, a store folder or an endpoint URL (see ``datasets``); a built TriG
    is read from its on-disk store (``store/`` beside it) when there is one.
    """
    from .datasets import oxigraph_store

    return timeline_events(oxigraph_store(data))


def timeline_events(store: ox.Store) -> list[TimelineEvent]:
    """Every event in ``store`` (nodes typed ``sem:Event`` or an ``skg:`` event class), sorted.

    Order: by the first known bound (earliest begin, else latest begin, else the end bounds),
    undated events last, then by IRI.  Several values for one bound widen the window.
    """
    types: dict[str, set[str]] = defaultdict(set)
    for row in _solutions(store, _EVENTS_QUERY):
        type_iri = row["type"].value
        local = "Event" if type_iri == _SEM_EVENT else _local(type_iri)
        if type_iri == _SEM_EVENT or (local in classes() and local not in NON_EVENT_CLASSES):
            types[row["event"].value].add(local)
    facts = _Facts(store)

    kinds: dict[str, str] = {}
    for row in _solutions(store, _KINDS_QUERY):
        kind = "person" if row["type"].value == _PERSON else "organisation"
        kinds.setdefault(row["node"].value, kind)

    participants: dict[str, set[Participant]] = defaultdict(set)
    for row in _solutions(store, _PARTICIPANTS_QUERY):
        event, actor = row["event"].value, row["actor"].value
        if event in types:
            role = _local(row["p"].value)
            participants[event].add(Participant(role, actor, facts.label(actor), kinds.get(actor, "other")))

    reviews: dict[str, set[ReviewLink]] = defaultdict(set)
    for row in _solutions(store, _REVIEWS_QUERY):
        review, prop, other = row["review"].value, row["p"].value, row["event"].value
        reviews[review].add(ReviewLink(other, facts.label(other), _RELATION[(prop, True)]))
        reviews[other].add(ReviewLink(review, facts.label(review), _RELATION[(prop, False)]))

    quotes: dict[str, dict[tuple[str, str], tuple[int, Quote]]] = defaultdict(dict)
    sources: dict[str, tuple[str, dt.date | None]] = {}
    for row in _solutions(store, _QUOTES_QUERY):
        event, statement = row["event"].value, _iri(row["statement"])
        if event not in types or statement is None:
            continue
        text = row["exact"].value
        start = int(row["start"].value) if row["start"] is not None and row["start"].value.isdigit() else 0
        if statement not in sources:
            dates = facts.dates(statement, "date")
            sources[statement] = (facts.first(statement, "title", "label") or _local(statement),
                                  dates[0] if dates else None)
        quote = Quote(text, statement, *sources[statement])
        known = quotes[event].get((text, statement))
        if known is None or start < known[0]:
            quotes[event][(text, statement)] = (start, quote)

    events = [
        _event(iri, types[iri], facts, participants[iri], reviews[iri], quotes[iri].values())
        for iri in types
    ]
    return sorted(events, key=_order_key)


def _event(
    iri: str,
    types: set[str],
    facts: _Facts,
    participants: set[Participant],
    reviews: set[ReviewLink],
    quotes: Iterable[tuple[int, Quote]],
) -> TimelineEvent:
    # An event has one most specific class; a plain sem:Event type next to it adds nothing.
    specific = sorted(types - {"Event"}) or ["Event"]
    earliest, latest = facts.dates(iri, "earliest"), facts.dates(iri, "latest")
    earliest_end, latest_end = facts.dates(iri, "earliest_end"), facts.dates(iri, "latest_end")
    return TimelineEvent(
        iri=iri,
        type=specific[0],
        label=facts.label(iri),
        earliest=earliest[0] if earliest else None,
        latest=latest[-1] if latest else None,
        earliest_end=earliest_end[0] if earliest_end else None,
        latest_end=latest_end[-1] if latest_end else None,
        edtf=facts.first(iri, "edtf"),
        planned=any(t.value == _PLANNED for t in facts.values.get(iri, {}).get("status", ())),
        quotes=tuple(q for _start, q in sorted(quotes, key=_quote_key)),
        participants=tuple(sorted(participants, key=lambda p: (_PARTICIPANT_ROLES.index(p.role)
                                                              if p.role in _PARTICIPANT_ROLES else 99,
                                                              p.label, p.iri))),
        reviews=tuple(sorted(reviews, key=lambda r: (r.relation, r.label, r.iri))),
        time_expressions=tuple(facts.texts(iri, "expression")),
        places=tuple(sorted({facts.label(p.value) for p in facts.values.get(iri, {}).get("place", ())
                             if isinstance(p, ox.NamedNode)})),
    )


def _quote_key(start_quote: tuple[int, Quote]) -> tuple[dt.date, str, int, str]:
    start, q = start_quote
    return (q.statement_date or dt.date.max, q.statement, start, q.text)


def _first_bound(ev: TimelineEvent) -> dt.date | None:
    return next((d for d in (ev.earliest, ev.latest, ev.earliest_end, ev.latest_end) if d is not None), None)


def _order_key(ev: TimelineEvent) -> tuple[bool, dt.date, str]:
    first = _first_bound(ev)
    return (first is None, first or dt.date.max, ev.iri)


# ---------------------------------------------------------------- HTML page


def _day_number(day: dt.date | None) -> int | None:
    return None if day is None else (day - _EPOCH).days


def _asset(name: str) -> str:
    return (resources.files("statementkg") / "timeline_assets" / name).read_text(encoding="utf-8")


def _script_json(payload: object) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` left raw, so ``</script>`` cannot close it."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _payload(events: Sequence[TimelineEvent], title: str) -> dict[str, Any]:
    """The compact table the page's script reads (positions documented in timeline.js ``decode``)."""
    types = sorted({ev.type for ev in events})
    type_index = {t: i for i, t in enumerate(types)}
    actors: dict[str, int] = {}
    actor_rows: list[list[str]] = []
    statements: dict[str, int] = {}
    statement_rows: list[list[str]] = []
    rows: list[list[Any]] = []
    for ev in events:
        quotes: list[list[Any]] = []
        for q in ev.quotes:
            if q.statement not in statements:
                statements[q.statement] = len(statement_rows)
                statement_rows.append([q.statement, q.statement_title,
                                       format_day(q.statement_date) if q.statement_date else ""])
            quotes.append([q.text, statements[q.statement]])
        parts: list[list[Any]] = []
        for p in ev.participants:
            if p.iri not in actors:
                actors[p.iri] = len(actor_rows)
                actor_rows.append([p.iri, p.label, p.kind])
            parts.append([p.role, actors[p.iri]])
        rows.append([
            ev.iri, type_index[ev.type], ev.label,
            _day_number(ev.earliest), _day_number(ev.latest),
            _day_number(ev.earliest_end), _day_number(ev.latest_end),
            ev.display_date, ev.edtf or "", 1 if ev.planned else 0,
            quotes, parts, [[r.relation, r.iri, r.label] for r in ev.reviews],
            list(ev.time_expressions), list(ev.places),
        ])
    # lane order, colour and label of each class shown, from the schema (schema/events.yaml)
    declared = classes()
    lanes = {t: [declared[t].lane, declared[t].colour, declared[t].label] for t in types if t in declared}
    return {"title": title, "types": types, "lanes": lanes, "statements": statement_rows, "actors": actor_rows,
            "events": rows}


_PLACEHOLDER = re.compile(r"\{\{(title|css|js|data)\}\}")


def render_html(events: Sequence[TimelineEvent], *, title: str = "statementkg timeline") -> str:
    """One self-contained HTML page drawing ``events``: no network, works opened from disk.

    The data sits in ``<script type="application/json" id="timeline-data">``; the page's own
    script (no library) draws it on a canvas, one lane per event type, and keeps
    ``#event-list li[data-event-iri]`` and ``document.body.dataset.drawnEvents`` in step with
    what is drawn.
    """
    parts = {
        "title": html.escape(title),
        "css": _asset("timeline.css"),
        "js": _asset("timeline.js"),  # holds no "</script" (a test checks), so it is inlined as is
        "data": _script_json(_payload(events, title)),
    }
    # One pass, so text inside the data can never be taken for a placeholder.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("timeline.html"))


# ---------------------------------------------------------------- TimelineJS 3


def _tl_date(day: dt.date, precision: str = "day") -> dict[str, int]:
    if precision == "year":
        return {"year": day.year}
    if precision == "month":
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def _tl_point(lo: dt.date | None, hi: dt.date | None) -> dict[str, int] | None:
    """Where a window of days sits on TimelineJS's axis: one point, at the precision stated.

    TimelineJS draws a ``start_date``/``end_date`` pair as a duration (a bar), which would say
    the event lasted the whole window; a window of uncertainty is a point at its start (a month,
    a season, a year at that precision; an open window at its known bound) and ``display_date``
    says the window in words.
    """
    kind = _window_kind(lo, hi)
    if kind == "none":
        return None
    if kind == "before":
        assert hi is not None
        return _tl_date(hi)
    assert lo is not None
    if kind in ("month", "season", "months"):
        return _tl_date(lo, "month")
    if kind in ("year", "years"):
        return _tl_date(lo, "year")
    return _tl_date(lo)


def _unique_id(iri: str, taken: set[str]) -> str:
    base = iri[len(str(ID)):] if iri.startswith(str(ID)) else iri
    slug = re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower() or "event"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _source(q: Quote) -> str:
    return q.statement_title + (f", {format_day(q.statement_date)}" if q.statement_date else "")


def render_timelinejs(
    events: Sequence[TimelineEvent], *, title: str = "statementkg timeline"
) -> dict[str, Any]:
    """The events as TimelineJS 3 JSON (``{"title": slide, "events": [slide, ...]}``).

    Each dated event is one slide at one point (``_tl_point``): never an ``end_date``, since
    TimelineJS would draw the window of uncertainty as a duration; the slide's ``display_date``
    says the window in words ("summer 2024", "between 29 Jul 2020 and 29 Jul 2021").
    ``text.text`` holds the quotes as escaped HTML, each followed by its source (statement title
    and date) in a ``credit`` paragraph: TimelineJS shows a credit only under media, and a
    statement is not media.  ``group`` is the event type.  Events the statements do not date
    (no bound at all) have no place on the axis; rather than invent one, the title slide lists
    them with that explanation.  The title slide's text counts what the HTML page counts:
    every entry (events and statements that are events themselves) and the statements quoted.
    """
    out: list[dict[str, Any]] = []
    undated: list[TimelineEvent] = []
    taken: set[str] = set()
    statements: set[str] = set()
    for ev in events:
        statements.update(q.statement for q in ev.quotes)
        start = _tl_point(ev.earliest, ev.latest) or _tl_point(ev.earliest_end, ev.latest_end)
        if start is None:
            undated.append(ev)
            continue
        quote_html = "".join(
            f"<p>“{html.escape(q.text)}”</p><p class=\"credit\">{html.escape(_source(q))}</p>" for q in ev.quotes
        )
        out.append({
            "start_date": start,
            "display_date": ev.display_date,
            "text": {"headline": html.escape(ev.label + (" (planned)" if ev.planned else "")),
                     "text": quote_html},
            "group": ev.type,
            "unique_id": _unique_id(ev.iri, taken),
        })
    n = len(events)
    # the statements themselves are on the page too; the build counts only the events
    kinds = sum(not ev.iri.startswith(str(ID["statement/"])) for ev in events)
    summary = (f"<p>{n} {'event' if n == 1 else 'events'} quoted from {len(statements)} statements "
               f"({kinds} events and {n - kinds} statements); {len(out)} on the time axis.</p>")
    if undated:
        summary += (f"<p>Not on the axis, because no statement says when {'it' if len(undated) == 1 else 'they'} "
                    "happened:</p><ul>" + "".join(
                        f"<li>{html.escape(ev.label)}"
                        + (f" (“{html.escape(ev.quotes[0].text)}”, {html.escape(_source(ev.quotes[0]))})"
                           if ev.quotes else "") + "</li>" for ev in undated) + "</ul>")
    return {"title": {"text": {"headline": html.escape(title), "text": summary}}, "events": out}


# ---------------------------------------------------------------- files


def timeline_bytes(data: str | Path, fmt: TimelineFormat = "html", *, title: str = "statementkg timeline") -> bytes:
    """The timeline of ``data`` (a graph file, store folder or endpoint URL) as HTML or TimelineJS JSON."""
    if fmt not in ("html", "json"):
        raise InputError(f"--format {fmt!r}: the timeline is written as 'html' or 'json'; choose one of them")
    events = load_timeline_events(data)
    if fmt == "html":
        text = render_html(events, title=title)
    else:
        text = json.dumps(render_timelinejs(events, title=title), ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8")


def write_timeline(data: str | Path, output: Path, fmt: TimelineFormat = "html",
                   *, title: str = "statementkg timeline") -> None:
    """Read ``data`` and write the timeline to ``output`` atomically; same input, same bytes."""
    write_atomic(output, timeline_bytes(data, fmt, title=title))
