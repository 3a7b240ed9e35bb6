"""Wikidata through SPARQLWrapper: candidates by label and alias, their facts, and a score for each.

Queries are plain SPARQL 1.1 over Wikidata's RDF shapes (``rdfs:label`` / ``skos:altLabel``
with language tags, truthy ``wdt:``, full ``p:``/``ps:``/``pq:`` statements with
``wikibase:rank``, ``psv:``/``pqv:`` time values with ``wikibase:timePrecision``), so the same
text runs on the public service and on a local Oxigraph server loaded with a dump or a fixture.

Scoring (``score``; thresholds in ``decisions.py``):

=====================================  ======
evidence                               points
=====================================  ======
name equals the English label          0.60
name equals an English alias           0.50
type compatible (P31/P279*)            0.10   (incompatible or a disambiguation page: never accepted)
country United Kingdom (P27 / P17)     0.10   (another country only: conflict)
a post held on our dates (P39)         0.25   (same post, dates outside every term: conflict)
point in time within our bounds (P585) 0.25   (outside: conflict)
place agrees (P276)                    0.10
chair agrees (P488)                    0.25
only viable candidate (not people)     0.10
each conflict                          -0.20
=====================================  ======

Deprecated statements are ignored; where a single-valued property (P585, P27, P17) has a
preferred statement, the normal ones are ignored too.  A strong identifier (P10428 UK
Parliament member ID, P836 GSS code) equal to one we hold is decisive; a different one is a
conflict.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from ..errors import LinkError
from .decisions import Candidate, Proposal, decide
from .http import Client, Send
from .sssom import Decision
from .subjects import Kind, Subject

ENDPOINT = "https://query.wikidata.org/sparql"
WD = "http://www.wikidata.org/entity/"
UK = f"{WD}Q145"
DISAMBIGUATION = f"{WD}Q4167410"

#: the class each kind of subject must be an instance of (through P31/P279*)
REQUIRED_CLASS: dict[Kind, str] = {
    Kind.PERSON: f"{WD}Q5",  # human
    Kind.ORGANISATION: f"{WD}Q43229",  # organization
    Kind.POST: f"{WD}Q4164871",  # position
    Kind.EVENT: f"{WD}Q1190554",  # occurrence
    Kind.ACT: f"{WD}Q7748",  # law
    Kind.PLACE: f"{WD}Q486972",  # human settlement
}
_CLASSES = sorted({*REQUIRED_CLASS.values(), DISAMBIGUATION})
#: properties read from full statements (with rank and qualifiers)
STATEMENT_PROPS = ("P31", "P27", "P17", "P39", "P276", "P488", "P585", "P580", "P582", "P2389", "P10428", "P836",
                   "P1476", "P571")
SINGLE_VALUED = frozenset({"P585", "P27", "P17", "P580", "P582", "P571"})

PREFIXES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX psv: <http://www.wikidata.org/prop/statement/value/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX pqv: <http://www.wikidata.org/prop/qualifier/value/>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX schema: <http://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _literal(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def candidates_query(names: Sequence[str]) -> str:
    values = " ".join(f"{_literal(n)}@en" for n in names)
    return (
        PREFIXES
        + f"""SELECT ?name ?item ?via WHERE {{
  VALUES ?name {{ {values} }}
  {{ ?item rdfs:label ?name . BIND("label" AS ?via) }}
  UNION
  {{ ?item skos:altLabel ?name . BIND("alias" AS ?via) }}
}}
ORDER BY ?name ?item ?via
"""
    )


def identifier_query(prop: str, values: Sequence[str]) -> str:
    vals = " ".join(_literal(v) for v in values)
    return (
        PREFIXES
        + f"""SELECT ?id ?item WHERE {{
  VALUES ?id {{ {vals} }}
  ?item wdt:{prop} ?id .
}}
ORDER BY ?id ?item
"""
    )


def facts_query(items: Sequence[str]) -> str:
    values = " ".join(f"wd:{i.rsplit('/', 1)[-1]}" for i in items)
    props = " ".join(f'("{p}" p:{p} ps:{p} psv:{p})' for p in STATEMENT_PROPS)
    classes = " ".join(f"wd:{c.rsplit('/', 1)[-1]}" for c in _CLASSES)
    return (
        PREFIXES
        + f"""SELECT ?item ?prop ?value ?valueLabel ?valueCountry ?rank ?precision
  ?start ?startPrecision ?end ?endPrecision
WHERE {{
  VALUES ?item {{ {values} }}
  {{ ?item rdfs:label ?value . FILTER(LANG(?value) = "en") BIND("label" AS ?prop) }}
  UNION
  {{ ?item skos:altLabel ?value . FILTER(LANG(?value) = "en") BIND("alias" AS ?prop) }}
  UNION
  {{ ?item schema:description ?value . FILTER(LANG(?value) = "en") BIND("description" AS ?prop) }}
  UNION
  {{ VALUES ?value {{ {classes} }} ?item wdt:P31/wdt:P279* ?value . BIND("class" AS ?prop) }}
  UNION
  {{
    VALUES (?prop ?p ?ps ?psv) {{ {props} }}
    ?item ?p ?statement .
    ?statement ?ps ?value ; wikibase:rank ?rank .
    OPTIONAL {{ ?statement ?psv ?timeValue . ?timeValue wikibase:timePrecision ?precision }}
    OPTIONAL {{ ?statement pq:P580 ?start .
      OPTIONAL {{ ?statement pqv:P580 ?sv . ?sv wikibase:timePrecision ?startPrecision }} }}
    OPTIONAL {{ ?statement pq:P582 ?end .
      OPTIONAL {{ ?statement pqv:P582 ?ev . ?ev wikibase:timePrecision ?endPrecision }} }}
    OPTIONAL {{ ?value rdfs:label ?valueLabel . FILTER(LANG(?valueLabel) = "en") }}
    OPTIONAL {{ ?value wdt:P17 ?valueCountry }}
  }}
}}
ORDER BY ?item ?prop ?value ?start
"""
    )


# ---------------------------------------------------------------- facts


def time_window(value: str, precision: int | None) -> tuple[dt.date, dt.date] | None:
    """A Wikidata time value as the days it allows: precision 11 a day, 10 a month, 9 a year."""
    m = re.match(r"^([+-]?\d{1,4})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    year, month, day = int(m[1]), max(1, int(m[2])), max(1, int(m[3]))
    if year < 1:
        return None
    first = dt.date(year, month, day)
    p = 11 if precision is None else precision
    if p >= 11:
        return first, first
    if p == 10:
        start = first.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)
    if p == 9:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None


@dataclass(frozen=True)
class Claim:
    """One statement of an item: value, rank, and (for P39) its term."""

    prop: str
    value: str
    label: str = ""
    rank: str = "NormalRank"
    precision: int | None = None
    start: tuple[dt.date, dt.date] | None = None
    end: tuple[dt.date, dt.date] | None = None
    value_country: tuple[str, ...] = ()

    def covers(self, day: dt.date) -> bool:
        """Could the term have included ``day``? (open ends are open)"""
        after_start = self.start is None or self.start[0] <= day
        before_end = self.end is None or day <= self.end[1]
        return after_start and before_end

    def term(self) -> str:
        s = self.start[0].isoformat() if self.start else "?"
        e = self.end[1].isoformat() if self.end else ""
        return f"{s}–{e}"


@dataclass
class ItemFacts:
    item: str
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    description: str = ""
    classes: set[str] = field(default_factory=set)
    claims: dict[str, list[Claim]] = field(default_factory=lambda: defaultdict(list))

    @property
    def qid(self) -> str:
        return self.item.rsplit("/", 1)[-1]

    @property
    def label(self) -> str:
        return min(self.labels) if self.labels else self.qid

    def best(self, prop: str) -> list[Claim]:
        """Non-deprecated claims; for single-valued properties the preferred ones when there are any."""
        live = [c for c in self.claims.get(prop, []) if c.rank != "DeprecatedRank"]
        if prop in SINGLE_VALUED:
            preferred = [c for c in live if c.rank == "PreferredRank"]
            return preferred or live
        return live


def _v(b: Mapping[str, Any], key: str) -> str:
    x = b.get(key)
    return str(x["value"]) if isinstance(x, dict) and "value" in x else ""


def _int(text: str) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def parse_facts(bindings: Iterable[Mapping[str, Any]]) -> dict[str, ItemFacts]:
    out: dict[str, ItemFacts] = {}
    claims: dict[tuple[str, str, str, str, str, str], Claim] = {}
    for b in bindings:
        item, prop, value = _v(b, "item"), _v(b, "prop"), _v(b, "value")
        f = out.setdefault(item, ItemFacts(item))
        if prop == "label":
            f.labels.add(value)
        elif prop == "alias":
            f.aliases.add(value)
        elif prop == "description":
            f.description = value
        elif prop == "class":
            f.classes.add(value)
        else:
            rank = _v(b, "rank").rsplit("#", 1)[-1] or "NormalRank"
            start = time_window(_v(b, "start"), _int(_v(b, "startPrecision"))) if _v(b, "start") else None
            end = time_window(_v(b, "end"), _int(_v(b, "endPrecision"))) if _v(b, "end") else None
            key = (item, prop, value, rank, _v(b, "start"), _v(b, "end"))
            old = claims.get(key)
            countries = tuple(sorted({*(old.value_country if old else ()), *([_v(b, "valueCountry")]
                                                                              if _v(b, "valueCountry") else [])}))
            claims[key] = Claim(prop, value, _v(b, "valueLabel"), rank, _int(_v(b, "precision")), start, end, countries)
    for (item, prop, *_rest), claim in sorted(claims.items(), key=lambda kv: kv[0]):
        out[item].claims[prop].append(claim)
    return out


# ---------------------------------------------------------------- scoring


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


@dataclass(frozen=True)
class Match:
    item: str
    via: str  # label | alias | id
    name: str


def _window_text(a: dt.date | None, b: dt.date | None) -> str:
    return a.isoformat() if a == b and a else f"{a or '..'}/{b or '..'}"


def score(
    subject: Subject,
    facts: ItemFacts,
    matches: Sequence[Match],
    known_ids: Mapping[str, str],
    linked_posts: Mapping[str, str],
) -> Candidate:
    """Score one candidate item for one subject (see the module docstring for the points)."""
    evidence: list[str] = []
    conflicts: list[str] = []
    via = {m.via for m in matches}
    if "label" in via:
        lexical = 0.6
    elif "alias" in via:
        lexical = 0.5
    else:
        lexical = 0.4  # found by identifier alone
    name = next((m.name for m in matches if m.via in ("label", "alias")), "")
    evidence.append(f"{'label' if lexical == 0.6 else 'alias' if lexical == 0.5 else 'identifier'} {name!r}"
                    if name else "found by identifier")
    total = lexical
    compatible = REQUIRED_CLASS[subject.kind] in facts.classes and DISAMBIGUATION not in facts.classes
    if DISAMBIGUATION in facts.classes:
        conflicts.append("disambiguation page")
    elif compatible:
        total += 0.1
        evidence.append("type " + subject.kind.value)
    else:
        types = ", ".join(sorted(c.label or c.value.rsplit("/", 1)[-1] for c in facts.best("P31"))) or "none"
        conflicts.append(f"type ({types})")
    # country
    country_prop = "P27" if subject.kind is Kind.PERSON else "P17"
    countries = {c.value for c in facts.best(country_prop)}
    if countries:
        if UK in countries:
            total += 0.1
            evidence.append(f"{country_prop} United Kingdom")
        else:
            labels = sorted(c.label or c.value.rsplit("/", 1)[-1] for c in facts.best(country_prop))
            conflicts.append(f"{country_prop} {', '.join(labels)}")
    # strong identifiers
    strong: str | None = None
    for prop, ours in sorted(known_ids.items()):
        theirs = {c.value for c in facts.best(prop)}
        if ours in theirs:
            strong = f"{prop}={ours}"
            evidence.append(f"{prop} {ours} agrees")
        elif theirs:
            conflicts.append(f"{prop} {', '.join(sorted(theirs))} is not ours ({ours})")
    # posts held on our dates
    if subject.kind is Kind.PERSON and subject.posts:
        held = facts.best("P39")
        for post in subject.posts:
            same = [c for c in held if c.value == linked_posts.get(post.iri) or fold(c.label) == fold(post.label)]
            if not same:
                continue
            if not post.dates:
                total += 0.15
                evidence.append(f"P39 {post.label}")
                continue
            if all(any(c.covers(d) for c in same) for d in post.dates):
                total += 0.25
                terms = ", ".join(c.term() for c in same if any(c.covers(d) for d in post.dates))
                evidence.append(f"P39 {post.label} {terms} covers {', '.join(d.isoformat() for d in post.dates)}")
            else:
                terms = ", ".join(c.term() for c in same)
                conflicts.append(f"P39 {post.label} only {terms}, not on {', '.join(str(d) for d in post.dates)}")
    # events: date, place, chair
    if subject.kind in (Kind.EVENT, Kind.ACT):
        when = facts.best("P585") or facts.best("P580") or facts.best("P571")
        windows = [w for c in when if (w := time_window(c.value, c.precision)) is not None]
        if windows and (subject.earliest or subject.latest):
            lo, hi = subject.earliest or dt.date.min, subject.latest or dt.date.max
            when_theirs, when_ours = _window_text(*windows[0]), _window_text(subject.earliest, subject.latest)
            if any(a <= hi and lo <= b for a, b in windows):
                total += 0.25
                evidence.append(f"{when[0].prop} {when_theirs} within {when_ours}")
            else:
                conflicts.append(f"{when[0].prop} {when_theirs} outside {when_ours}")
        if subject.place:
            places = facts.best("P276")
            if any(fold(subject.place) in fold(c.label) for c in places):
                total += 0.1
                evidence.append(f"P276 {subject.place}")
        if subject.people:
            chairs = {fold(c.label) for c in facts.best("P488")}
            agree = [p for p in subject.people if fold(p) in chairs]
            if agree:
                total += 0.25
                evidence.append(f"P488 {agree[0]}")
    if subject.kind is Kind.POST and subject.organisation:
        orgs = {fold(c.label) for c in facts.best("P2389")}
        if fold(subject.organisation) in orgs:
            total += 0.25
            evidence.append(f"P2389 {subject.organisation}")
    total -= 0.2 * len(conflicts)
    return Candidate(
        object_id=f"wd:{facts.qid}",
        label=facts.label,
        score=round(max(total, 0.0), 3),
        lexical=lexical,
        match_string=name,
        evidence=tuple(evidence),
        conflicts=tuple(conflicts),
        strong_id=strong if compatible else None,
        compatible_type=compatible,
    )


def _with_uniqueness(subject: Subject, cands: list[Candidate]) -> list[Candidate]:
    """The only viable candidate of a non-person gets the uniqueness point."""
    if subject.kind is Kind.PERSON:
        return cands
    viable = [c for c in cands if c.acceptable]
    if len(viable) != 1:
        return cands
    only = viable[0]
    bumped = Candidate(**{**only.__dict__, "score": round(only.score + 0.1, 3),
                          "evidence": (*only.evidence, "only viable candidate")})
    return [bumped if c is only else c for c in cands]


# ---------------------------------------------------------------- the source


def sparql_send(endpoint: str, query: str, user_agent: str) -> Send:
    """A ``send`` that runs ``query`` with SPARQLWrapper (POST, JSON results) and returns the raw body."""

    def send(timeout: float) -> bytes:
        sw = SPARQLWrapper(endpoint, agent=user_agent)
        sw.setQuery(query)
        sw.setMethod(POST)
        sw.setReturnFormat(JSON)
        sw.setTimeout(int(max(1, timeout)))
        try:
            result = sw.query()
        except Exception as exc:
            # SPARQLWrapper turns 400/404/500 into its own exceptions; the rest are urllib's
            name = type(exc).__name__
            if name in {"EndPointInternalError", "QueryBadFormed", "EndPointNotFound", "Unauthorized", "URITooLong"}:
                detail = " ".join(str(exc).split())[:200]
                raise LinkError(f"{endpoint}: {name}: {detail}") from None
            raise
        body: bytes = result.response.read()
        return body

    return send


_ERROR_MARKERS = ("java.util.concurrent.TimeoutException", "QueryTimeoutException", "MalformedQueryException",
                  "java.lang.", "SPARQL-QUERY:")


def check_sparql_json(endpoint: str) -> Any:
    def check(body: bytes) -> None:
        text = body.decode("utf-8", "replace")
        try:
            data = json.loads(text)
        except ValueError:
            marker = next((m for m in _ERROR_MARKERS if m in text), "")
            what = f"an error inside a 200 answer ({marker})" if marker else "malformed JSON"
            raise LinkError(f"{endpoint}: {what}; the query may have timed out on the server; try again later") \
                from None
        if not isinstance(data, dict) or "results" not in data or "bindings" not in data.get("results", {}):
            raise LinkError(f"{endpoint}: the answer is JSON but not SPARQL results: {text[:120]!r}")

    return check


class Wikidata:
    """Candidates and facts from a Wikidata SPARQL endpoint, through the polite client."""

    def __init__(self, client: Client, endpoint: str = ENDPOINT, batch: int = 40) -> None:
        self.client = client
        self.endpoint = endpoint
        self.batch = batch
        self.dates: set[dt.date] = set()
        self.queries: dict[str, str] = {}  # query id -> text, for provenance

    def select(self, query: str) -> list[dict[str, Any]]:
        answer = self.client.fetch(
            self.endpoint, "POST", query, sparql_send(self.endpoint, query, self.client.user_agent),
            check_sparql_json(self.endpoint),
        )
        self.dates.add(answer.retrieved)
        data = json.loads(answer.body)
        rows: list[dict[str, Any]] = data["results"]["bindings"]
        return rows

    def _batches(self, items: Sequence[str]) -> Iterable[Sequence[str]]:
        for i in range(0, len(items), self.batch):
            yield items[i : i + self.batch]

    def find(self, names: Iterable[str]) -> dict[str, list[Match]]:
        """name -> items whose English label or alias is exactly that name."""
        out: dict[str, list[Match]] = defaultdict(list)
        for chunk in self._batches(sorted(set(names))):
            for b in self.select(candidates_query(chunk)):
                out[_v(b, "name")].append(Match(_v(b, "item"), _v(b, "via"), _v(b, "name")))
        return out

    def find_ids(self, prop: str, values: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for chunk in self._batches(sorted(set(values))):
            for b in self.select(identifier_query(prop, chunk)):
                out[_v(b, "id")].append(_v(b, "item"))
        return out

    def facts(self, items: Iterable[str]) -> dict[str, ItemFacts]:
        out: dict[str, ItemFacts] = {}
        for chunk in self._batches(sorted(set(items))):
            out.update(parse_facts(self.select(facts_query(chunk))))
        return out

    def propose(
        self,
        subjects: Sequence[Subject],
        known_ids: Mapping[str, Mapping[str, str]] | None = None,
        linked_posts: Mapping[str, str] | None = None,
    ) -> tuple[list[Proposal], dict[str, ItemFacts]]:
        """One proposal per subject (posts first, so people can use the posts' links)."""
        known_ids = known_ids or {}
        by_name = self.find(n for s in subjects for n in s.names)
        by_id: dict[str, list[Match]] = defaultdict(list)
        for prop in ("P10428", "P836"):
            wanted = {ids[prop] for ids in known_ids.values() if prop in ids}
            for value, items in self.find_ids(prop, wanted).items():
                for s_iri, ids in known_ids.items():
                    if ids.get(prop) == value:
                        by_id[s_iri] += [Match(i, "id", "") for i in items]
        matches: dict[str, dict[str, list[Match]]] = {}
        for s in subjects:
            per: dict[str, list[Match]] = defaultdict(list)
            for n in s.names:
                for m in by_name.get(n, []):
                    per[m.item].append(m)
            for m in by_id.get(s.iri, []):
                per[m.item].append(m)
            matches[s.iri] = per
        facts = self.facts({i for per in matches.values() for i in per})
        day = max(self.dates) if self.dates else self.client.today()
        posts_linked = dict(linked_posts or {})
        proposals: list[Proposal] = []
        ordered = sorted(subjects, key=lambda s: (s.kind is not Kind.POST, s.iri))
        for s in ordered:
            cands = [
                score(s, facts[item], ms, known_ids.get(s.iri, {}), posts_linked)
                for item, ms in sorted(matches[s.iri].items())
                if item in facts
            ]
            cands = _with_uniqueness(s, cands)
            notes = () if cands else (f"no item labelled {' or '.join(repr(n) for n in s.names)}",)
            proposal = Proposal(s.curie, s.label, tuple(cands), day, notes)
            proposals.append(proposal)
            if s.kind is Kind.POST and s.iri not in posts_linked:
                accepted = [r for r in decide(proposal, set()) if r.decision is Decision.ACCEPTED]
                if accepted:
                    posts_linked[s.iri] = WD + accepted[0].object_id.removeprefix("wd:")
        return proposals, facts
