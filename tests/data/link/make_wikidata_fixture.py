"""Writes wikidata.ttl: a small Wikidata-shaped graph for the linking tests (run it after editing ITEMS).

The RDF shapes are Wikidata's own (its RDF dump format, as documented on mediawiki.org
"Wikibase/Indexing/RDF Dump Format"): English ``rdfs:label`` / ``skos:altLabel`` /
``schema:description`` with language tags; truthy ``wdt:`` triples for best-rank statements
only; full statements ``p:Pn`` -> ``wds:`` node with ``wikibase:rank``, ``ps:Pn`` value,
``pq:`` qualifiers; time values also as ``psv:`` / ``pqv:`` value nodes with
``wikibase:timeValue`` and ``wikibase:timePrecision`` (9 year, 10 month, 11 day).

Item IDs: the classes and countries are real Wikidata items (Q5 human, Q145 United Kingdom,
Q668 India, Q408 Australia, Q30 United States, Q16 Canada, Q4167410 Wikimedia disambiguation
page, Q43229 organization, Q4164871 position, Q1190554 occurrence, Q7748 law, Q486972 human
settlement, Q3957 town).  EVERY OTHER ITEM IS INVENTED: Q9999xxxx numbers are not the real
items of these people, posts, events or places, and their facts are written for the tests
(dates follow the public record where one is given, e.g. the terms of a Home Secretary).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# (value, start, start precision, end, end precision, rank) for P39; (date, precision, rank) for times
ITEMS: dict[str, dict[str, object]] = {
    # ---- classes (real IDs) and invented subclasses
    "Q5": {"label": "human"},
    "Q145": {"label": "United Kingdom", "P31": ["Q6256"]},
    "Q668": {"label": "India"},
    "Q408": {"label": "Australia"},
    "Q30": {"label": "United States"},
    "Q16": {"label": "Canada"},
    "Q4167410": {"label": "Wikimedia disambiguation page"},
    "Q43229": {"label": "organization"},
    "Q4164871": {"label": "position"},
    "Q1190554": {"label": "occurrence"},
    "Q7748": {"label": "law"},
    "Q486972": {"label": "human settlement"},
    "Q3957": {"label": "town", "P279": ["Q486972"]},
    "Q99990900": {"label": "ministerial department (invented class)", "P279": ["Q43229"]},
    "Q99990901": {"label": "terrorist attack (invented class)", "P279": ["Q1190554"]},
    "Q99990902": {"label": "public inquiry (invented class)", "P279": ["Q1190554"]},
    "Q99990903": {"label": "riot (invented class)", "P279": ["Q1190554"]},
    "Q99990904": {"label": "Act of Parliament (invented class)", "P279": ["Q7748"]},
    "Q99990905": {"label": "government programme (invented class)", "P279": ["Q43229"]},
    "Q99990906": {"label": "strait (invented class)"},
    "Q99990907": {"label": "paramilitary organisation (invented class)", "P279": ["Q43229"]},
    "Q99990908": {"label": "court (invented class)", "P279": ["Q43229"]},
    # ---- posts
    "Q99990100": {"label": "Home Secretary", "aliases": ["Secretary of State for the Home Department"],
                  "P31": ["Q4164871"], "P17": ["Q145"], "P2389": ["Q99990200"]},
    "Q99990101": {"label": "Union Home Secretary", "aliases": ["Home Secretary"], "desc": "post in India",
                  "P31": ["Q4164871"], "P17": ["Q668"]},
    "Q99990102": {"label": "Director General of MI5", "P31": ["Q4164871"], "P17": ["Q145"], "P2389": ["Q99990201"]},
    "Q99990103": {"label": "Independent Reviewer of Terrorism Legislation", "P31": ["Q4164871"], "P17": ["Q145"]},
    "Q99990104": {"label": "Prevent Commissioner", "P31": ["Q4164871"], "P17": ["Q145"]},
    "Q99990105": {"label": "Chair of the Manchester Arena Inquiry", "P31": ["Q4164871"], "P17": ["Q145"]},
    "Q99990106": {"label": "Member of Parliament for Blaydon", "P31": ["Q4164871"], "P17": ["Q145"]},
    "Q99990107": {"label": "Member of the House of Commons of Canada", "P31": ["Q4164871"], "P17": ["Q16"]},
    # ---- people
    "Q99990001": {"label": "Yvette Cooper", "desc": "British politician", "P31": ["Q5"], "P27": ["Q145"],
                  "P39": [("Q99990100", "2024-07-05", 11, None, None, "normal")], "P10428": ["999001"]},
    # two terms with a gap between them (6 Sep - 19 Oct 2022, 25 Oct 2022 - 13 Nov 2023)
    "Q99990002": {"label": "Suella Braverman", "desc": "British politician", "P31": ["Q5"], "P27": ["Q145"],
                  "P39": [("Q99990100", "2022-09-06", 11, "2022-10-19", 11, "normal"),
                          ("Q99990100", "2022-10-25", 11, "2023-11-13", 11, "normal")]},
    # namesakes: same name, two British (barrister; politician), one Canadian, and a disambiguation page
    "Q99990010": {"label": "David Anderson", "aliases": ["Lord Anderson of Ipswich"], "desc": "British barrister",
                  "P31": ["Q5"], "P27": ["Q145"],
                  "P39": [("Q99990103", "2011-02", 10, "2017-02", 10, "normal"),
                          ("Q99990104", "2025-01-21", 11, None, None, "normal")]},
    "Q99990011": {"label": "David Anderson", "desc": "British politician", "P31": ["Q5"], "P27": ["Q145"],
                  "P39": [("Q99990106", "2005-05-05", 11, "2017-05-03", 11, "normal")]},
    "Q99990012": {"label": "David Anderson", "desc": "Canadian politician", "P31": ["Q5"], "P27": ["Q16"],
                  "P39": [("Q99990107", "1993", 9, "2011", 9, "normal")]},
    "Q99990013": {"label": "David Anderson", "desc": "Wikimedia disambiguation page", "P31": ["Q4167410"]},
    # namesakes of the same nationality and profession (judges)
    "Q99990020": {"label": "John Saunders", "aliases": ["Sir John Saunders"], "desc": "British judge",
                  "P31": ["Q5"], "P27": ["Q145"],
                  "P39": [("Q99990105", "2017-10-23", 11, None, None, "normal")]},
    "Q99990021": {"label": "John Saunders", "desc": "British judge", "P31": ["Q5"], "P27": ["Q145"]},
    # namesakes (barristers); the second has a DEPRECATED claim to the first one's post
    "Q99990030": {"label": "Jonathan Hall", "aliases": ["Jonathan Hall KC"], "desc": "British barrister",
                  "P31": ["Q5"], "P27": ["Q145"], "P39": [("Q99990103", "2019-05", 10, None, None, "normal")]},
    "Q99990031": {"label": "Jonathan Hall", "desc": "British barrister", "P31": ["Q5"], "P27": ["Q145"],
                  "P39": [("Q99990103", "2019-05", 10, None, None, "deprecated")]},
    "Q99990040": {"label": "Ken McCallum", "desc": "British intelligence officer", "P31": ["Q5"], "P27": ["Q145"],
                  "P39": [("Q99990102", "2020-04", 10, None, None, "normal")]},
    "Q99990050": {"label": "William Shawcross", "desc": "British writer", "P31": ["Q5"], "P27": ["Q145"]},
    "Q99990060": {"label": "Adrian Fulford", "desc": "British judge", "P31": ["Q5"], "P27": ["Q145"]},
    "Q99990070": {"label": "Hashem Abedi", "desc": "convicted perpetrator (test item)", "P31": ["Q5"],
                  "P27": ["Q145"]},
    "Q99990071": {"label": "Bebe King", "desc": "victim (test item)", "P31": ["Q5"], "P27": ["Q145"]},
    # ---- organisations
    "Q99990200": {"label": "Home Office", "P31": ["Q99990900"], "P17": ["Q145"]},
    "Q99990201": {"label": "MI5", "aliases": ["Security Service"], "P31": ["Q99990900"], "P17": ["Q145"]},
    "Q99990202": {"label": "Court of Appeal", "desc": "Wikimedia disambiguation page", "P31": ["Q4167410"]},
    "Q99990203": {"label": "Court of Appeal of England and Wales", "aliases": ["Court of Appeal"],
                  "P31": ["Q99990908"], "P17": ["Q145"]},
    "Q99990204": {"label": "Court of Appeal for Ontario", "aliases": ["Court of Appeal"], "P31": ["Q99990908"],
                  "P17": ["Q16"]},
    "Q99990205": {"label": "English Channel", "aliases": ["Channel"], "P31": ["Q99990906"]},
    "Q99990206": {"label": "Channel programme", "aliases": ["Channel"], "P31": ["Q99990905"], "P17": ["Q145"]},
    "Q99990207": {"label": "Irish Republican Army", "aliases": ["IRA"], "P31": ["Q99990907"], "P17": ["Q145"]},
    "Q99990208": {"label": "Provisional Irish Republican Army", "aliases": ["IRA"], "P31": ["Q99990907"],
                  "P17": ["Q145"]},
    "Q99990209": {"label": "IRA", "desc": "Wikimedia disambiguation page", "P31": ["Q4167410"]},
    "Q99990210": {"label": "Prevent strategy", "aliases": ["Prevent"], "P31": ["Q99990905"], "P17": ["Q145"]},
    "Q99990211": {"label": "Counter Terrorism Policing", "P31": ["Q99990900"], "P17": ["Q145"]},
    # ---- events: two on consecutive days sharing an alias; a deprecated wrong date
    "Q99990300": {"label": "2024 Southport stabbing", "aliases": ["Southport attack"], "P31": ["Q99990901"],
                  "P17": ["Q145"], "P276": ["Q99990400"],
                  "P585": [("2024-07-29", 11, "normal"), ("2024-07-28", 11, "deprecated")]},
    "Q99990301": {"label": "2024 Southport riot", "aliases": ["Southport attack", "Southport riot"],
                  "P31": ["Q99990903"], "P17": ["Q145"], "P276": ["Q99990400"], "P585": [("2024-07-30", 11, "normal")]},
    "Q99990302": {"label": "Manchester Arena Inquiry", "P31": ["Q99990902"], "P17": ["Q145"],
                  "P580": [("2019-10-22", 11, "normal")], "P488": ["Q99990020"]},
    "Q99990303": {"label": "Manchester Arena bombing", "P31": ["Q99990901"], "P17": ["Q145"],
                  "P585": [("2017-05-22", 11, "normal")]},
    "Q99990304": {"label": "Southport Inquiry", "P31": ["Q99990902"], "P17": ["Q145"], "P488": ["Q99990060"]},
    "Q99990305": {"label": "Terrorism (Protection of Premises) Act 2025", "aliases": ["Martyn's Law"],
                  "P31": ["Q99990904"], "P17": ["Q145"], "P571": [("2025-04-03", 11, "normal")]},
    # ---- places: one name, towns in three countries, and a disambiguation page
    "Q99990400": {"label": "Southport", "desc": "town in Merseyside, England", "P31": ["Q3957"], "P17": ["Q145"]},
    "Q99990401": {"label": "Southport", "desc": "town in Queensland", "P31": ["Q3957"], "P17": ["Q408"]},
    "Q99990402": {"label": "Southport", "desc": "town in North Carolina", "P31": ["Q3957"], "P17": ["Q30"]},
    "Q99990403": {"label": "Southport", "desc": "Wikimedia disambiguation page", "P31": ["Q4167410"]},
}

TIME_PROPS = {"P585", "P580", "P582", "P571"}
ID_PROPS = {"P10428", "P836"}
PREFIXES = """@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wds: <http://www.wikidata.org/entity/statement/> .
@prefix wdv: <http://www.wikidata.org/value/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix psv: <http://www.wikidata.org/prop/statement/value/> .
@prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix pqv: <http://www.wikidata.org/prop/qualifier/value/> .
@prefix wikibase: <http://wikiba.se/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
RANKS = {"normal": "NormalRank", "preferred": "PreferredRank", "deprecated": "DeprecatedRank"}


def _s(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _time(date: str, precision: int) -> str:
    parts = [*date.split("-"), "01", "01"]
    y, m, d = parts[0], parts[1] if precision >= 10 else "01", parts[2] if precision >= 11 else "01"
    # Wikidata writes month/day 00 for coarser precision in wikibase:timeValue; the dateTime literal uses 01
    return f'"{y}-{m}-{d}T00:00:00Z"^^xsd:dateTime'


def _value_node(qid: str, key: str, date: str, precision: int) -> tuple[str, list[str]]:
    h = hashlib.sha1(f"{qid}{key}{date}{precision}".encode()).hexdigest()
    node = f"wdv:{h}"
    lines = [f"{node} a wikibase:TimeValue ; wikibase:timeValue {_time(date, precision)} ; "
             f'wikibase:timePrecision "{precision}"^^xsd:integer ; wikibase:timeTimezone "0"^^xsd:integer ; '
             "wikibase:timeCalendarModel wd:Q1985727 ."]
    return node, lines


def item_lines(qid: str, spec: dict[str, object]) -> list[str]:
    out = [f"wd:{qid} a wikibase:Item ; rdfs:label {_s(str(spec['label']))}@en ."]
    for alias in spec.get("aliases", []):  # type: ignore[attr-defined]
        out.append(f"wd:{qid} skos:altLabel {_s(alias)}@en .")
    if "desc" in spec:
        out.append(f"wd:{qid} schema:description {_s(str(spec['desc']))}@en .")
    for prop, values in spec.items():
        if not prop.startswith("P"):
            continue
        claims = list(values)  # type: ignore[call-overload]
        ranks = [c[-1] if isinstance(c, tuple) else "normal" for c in claims]
        best = "preferred" if "preferred" in ranks else "normal"
        for n, claim in enumerate(claims):
            st = f"wds:{qid}-{prop}-{n}"
            rank = ranks[n]
            extra: list[str] = []
            if prop in TIME_PROPS:
                date, precision, _r = claim
                obj = _time(date, precision)
                node, lines = _value_node(qid, f"{prop}{n}", date, precision)
                extra += lines
                value_part = f"ps:{prop} {obj} ; psv:{prop} {node}"
            elif prop in ID_PROPS:
                obj = _s(claim)
                value_part = f"ps:{prop} {obj}"
            elif prop == "P39":
                post, start, sp, end, ep, _r = claim
                obj = f"wd:{post}"
                value_part = f"ps:{prop} {obj}"
                for q, date, prec in (("P580", start, sp), ("P582", end, ep)):
                    if date:
                        node, lines = _value_node(qid, f"{q}{n}", date, prec)
                        extra += lines
                        value_part += f" ; pq:{q} {_time(date, prec)} ; pqv:{q} {node}"
            else:
                obj = f"wd:{claim}"
                value_part = f"ps:{prop} {obj}"
            types = "wikibase:Statement, wikibase:BestRank" if rank == best else "wikibase:Statement"
            out.append(f"wd:{qid} p:{prop} {st} .")
            out.append(f"{st} a {types} ; wikibase:rank wikibase:{RANKS[rank]} ; {value_part} .")
            out += extra
            if rank == best:
                out.append(f"wd:{qid} wdt:{prop} {obj} .")
    return out


def main() -> None:
    lines = ["# Generated by make_wikidata_fixture.py: a Wikidata-shaped test graph. Q9999xxxx items are INVENTED.",
             PREFIXES]
    for qid in sorted(ITEMS, key=lambda q: int(q[1:])):
        lines += item_lines(qid, ITEMS[qid])
        lines.append("")
    Path(__file__).with_name("wikidata.ttl").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
