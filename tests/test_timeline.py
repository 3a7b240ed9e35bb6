"""The timeline: events read from a graph, the self-contained HTML page, TimelineJS 3 JSON, files."""

from __future__ import annotations

import datetime as dt
import doctest
import html
import json
import random
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from statementkg import timeline
from statementkg.errors import InputError, StoreError
from statementkg.timeline import (
    Quote,
    TimelineEvent,
    describe_window,
    load_timeline_events,
    render_html,
    render_timelinejs,
    timeline_events,
    write_timeline,
)

DATA = Path(__file__).parent / "data" / "graphs"
FIXTURE = DATA / "timeline-small.trig"
SAMPLE = DATA / "sample.trig"
ID = "https://w3id.org/statementkg/id/"
D = dt.date


@pytest.fixture(scope="module")
def events() -> list[TimelineEvent]:
    return load_timeline_events(FIXTURE)


def by_iri(events: list[TimelineEvent], path: str) -> TimelineEvent:
    return next(ev for ev in events if ev.iri == ID + path)


def embedded_data(page: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="timeline-data">(.*?)</script>', page, re.S)
    assert m, "no embedded data"
    data: dict[str, object] = json.loads(m.group(1))
    return data


# ---------------------------------------------------------------- reading the graph


def test_every_event_of_the_fixture_with_its_type(events: list[TimelineEvent]) -> None:
    assert len(events) == 20
    types = {ev.type for ev in events}
    assert types == {"Statement", "Attack", "Referral", "LearningReview", "Publication", "Event", "Launch",
                     "Announcement", "Appointment", "Review", "Inquiry", "Sentencing"}
    # skg:Programme is an organisation, not an event; places and people are not events either.
    assert not any("/organisation/" in ev.iri or "/person/" in ev.iri or "/place/" in ev.iri for ev in events)


def test_the_attack_with_both_quotes_participants_and_reviews(events: list[TimelineEvent]) -> None:
    attack = by_iri(events, "event/southport-attack")
    assert (attack.type, attack.label) == ("Attack", "Southport attack")
    assert attack.earliest == attack.latest == D(2024, 7, 29)
    assert attack.edtf == "2024-07-29" and not attack.planned
    # Quotes in statement order, each with the statement's title and date.
    assert attack.quotes == (
        Quote("the Southport murders", ID + "statement/d01", "Southport attack: next steps", D(2025, 1, 21)),
        Quote("a brutal attack took place at a children's dance class in Southport", ID + "statement/d03",
              "Southport Inquiry", D(2025, 4, 7)),
    )
    assert [(p.role, p.label, p.kind) for p in attack.participants] == [
        ("perpetrator", "Axel Rudakubana", "person")]
    assert {(r.relation, r.label) for r in attack.reviews} == {
        ("prompted", "Anderson review of the Prevent history"), ("prompted", "Prevent learning review"),
        ("prompted", "Southport Inquiry"),
    }
    assert attack.places == ("Southport",) and attack.time_expressions == ("On 29 July 2024",)


def test_review_links_from_both_sides(events: list[TimelineEvent]) -> None:
    review = by_iri(events, "event/prevent-learning-review")
    assert {(r.relation, r.iri.removeprefix(ID)) for r in review.reviews} == {
        ("examines", "event/rudakubana-referral/1"), ("examines", "event/rudakubana-referral/2"),
        ("examines", "event/rudakubana-referral/3"), ("responds to", "event/southport-attack"),
    }
    referral = by_iri(events, "event/rudakubana-referral/2")
    assert {(r.relation, r.label) for r in referral.reviews} == {
        ("examined by", "Prevent learning review"), ("examined by", "Anderson review of the Prevent history"),
    }
    assert {(p.role, p.label, p.kind) for p in referral.participants} == {
        ("subject", "Axel Rudakubana", "person"), ("referredTo", "Prevent", "organisation"),
    }


def test_bounds_windows_open_ends_and_planned(events: list[TimelineEvent]) -> None:
    referral = by_iri(events, "event/rudakubana-referral/1")
    assert (referral.earliest, referral.latest) == (D(2020, 7, 29), D(2021, 7, 29))
    before_christmas = by_iri(events, "event/prevent-commissioner-announcement")
    assert (before_christmas.earliest, before_christmas.latest) == (None, D(2024, 12, 24))
    assert before_christmas.display_date == "on or before 24 Dec 2024"
    anderson = by_iri(events, "event/anderson-prevent-review")
    assert anderson.planned and (anderson.earliest, anderson.latest) == (D(2025, 1, 21), None)
    inquiry = by_iri(events, "event/manchester-arena-inquiry")
    assert inquiry.earliest_end == D(2023, 3, 2) and inquiry.latest_end is None
    assert inquiry.display_date == "22 Oct 2019, ending on or after 2 Mar 2023"
    findings = by_iri(events, "event/learning-review-findings")
    assert findings.planned and not findings.dated and findings.display_date == "date not stated"
    statement = by_iri(events, "statement/d03")
    assert statement.type == "Statement" and statement.quotes[0].text == "Southport Inquiry"
    assert [(p.role, p.label) for p in statement.participants] == [("speaker", "Yvette Cooper"),
                                                                   ("department", "Home Office")]


def test_order_is_first_bound_then_iri_with_undated_last(events: list[TimelineEvent]) -> None:
    firsts = [next(d for d in (ev.earliest, ev.latest, ev.earliest_end, ev.latest_end) if d)
              for ev in events[:-1]]
    assert firsts == sorted(firsts)
    assert events[0].iri == ID + "event/manchester-arena-attack"
    referrals = [ev.iri for ev in events if ev.type == "Referral"]
    assert referrals == sorted(referrals)
    assert not events[-1].dated


@pytest.mark.parametrize(("lo", "hi", "words"), [
    (D(2024, 7, 29), D(2024, 7, 29), "29 Jul 2024"),
    (D(2020, 7, 29), D(2021, 7, 29), "between 29 Jul 2020 and 29 Jul 2021"),
    (D(2024, 6, 1), D(2024, 8, 31), "summer 2024"),
    (D(2024, 12, 1), D(2025, 2, 28), "winter 2024/25"),
    (D(2024, 9, 1), D(2024, 9, 30), "Sep 2024"),
    (D(2025, 1, 1), D(2025, 2, 28), "Jan–Feb 2025"),
    (D(2024, 11, 1), D(2025, 2, 28), "Nov 2024–Feb 2025"),
    (D(2019, 1, 1), D(2019, 12, 31), "2019"),
    (D(2019, 1, 1), D(2021, 12, 31), "2019–2021"),
    (D(2021, 1, 1), D(2025, 1, 21), "between 1 Jan 2021 and 21 Jan 2025"),
    (None, D(2024, 12, 24), "on or before 24 Dec 2024"),
    (D(2025, 1, 21), None, "on or after 21 Jan 2025"),
    (None, None, ""),
])
def test_windows_in_words(lo: dt.date | None, hi: dt.date | None, words: str) -> None:
    assert describe_window(lo, hi) == words


def test_doctests() -> None:
    result = doctest.testmod(timeline)
    assert result.attempted >= 4 and result.failed == 0


def test_unreadable_input_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.trig"
    with pytest.raises(StoreError, match=re.escape(str(missing))):
        load_timeline_events(missing)
    broken = tmp_path / "broken.trig"
    broken.write_text("<a> { <b> <c> ", encoding="utf-8")
    with pytest.raises(StoreError, match=r"broken\.trig:\d+: cannot parse as TriG"):
        load_timeline_events(broken)
    bad_date = tmp_path / "bad-date.trig"
    bad_date.write_text(
        f'<{ID}graph/x> {{ <{ID}event/e> a <https://w3id.org/statementkg/ontology#Attack> ;\n'
        f'  <http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp> "summer" . }}\n',
        encoding="utf-8")
    with pytest.raises(StoreError, match=r"event/e: .*'summer', not a date"):
        load_timeline_events(bad_date)


def test_default_graph_triples_are_not_read() -> None:
    # The build puts everything in named graphs; the queries use GRAPH clauses like the saved queries.
    store = ox.Store()
    store.load(f"<{ID}event/e> a <https://w3id.org/statementkg/ontology#Attack> .", format=ox.RdfFormat.TRIG)
    assert timeline_events(store) == []


# ---------------------------------------------------------------- HTML


def test_page_is_self_contained(events: list[TimelineEvent]) -> None:
    page = render_html(events)
    outside_data = re.sub(r'<script type="application/json" id="timeline-data">.*?</script>', "", page,
                          flags=re.S)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", outside_data, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//|<link\b|<iframe\b", outside_data, re.I)
    assert not re.search(r"\bfetch\(|XMLHttpRequest|WebSocket|EventSource|importScripts", outside_data)
    assert page.count("<script") == 2  # the data and the page's own script, both inline
    assert outside_data.count("<script>") == 1 and "<script src" not in page
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_page_embeds_every_event(events: list[TimelineEvent]) -> None:
    data = embedded_data(render_html(events, title="Fixture & friends"))
    assert data["title"] == "Fixture & friends"
    rows = data["events"]
    assert isinstance(rows, list) and [r[0] for r in rows] == [ev.iri for ev in events]
    attack = next(r for r in rows if r[0].endswith("/southport-attack"))
    assert attack[3] == attack[4] == (D(2024, 7, 29) - D(1970, 1, 1)).days
    assert attack[7] == "29 Jul 2024"
    assert [q[0] for q in attack[10]] == [
        "the Southport murders", "a brutal attack took place at a children's dance class in Southport"]


def test_script_close_inside_a_quote_cannot_break_out(events: list[TimelineEvent]) -> None:
    hostile = '</script><script>alert("x")</script><!-- & -->'
    ev = TimelineEvent(ID + "event/x", "Attack", "</SCRIPT> label", D(2020, 1, 1), D(2020, 1, 1),
                       quotes=(Quote(hostile, ID + "statement/s", "T </script>", D(2020, 1, 2)),))
    page = render_html([ev], title="</script> title")
    assert page.count("</script>") == 2
    assert "<!--" not in page and "</SCRIPT>" not in page
    assert "&lt;/script&gt; title" in page
    data = embedded_data(page)
    rows = data["events"]
    assert isinstance(rows, list) and rows[0][10][0][0] == hostile and rows[0][2] == "</SCRIPT> label"


def test_page_script_never_closes_its_own_tag() -> None:
    from importlib import resources

    js = (resources.files("statementkg") / "timeline_assets" / "timeline.js").read_text(encoding="utf-8")
    assert not re.search(r"</script|<!--", js, re.I)


def test_page_is_deterministic(events: list[TimelineEvent], tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_timeline(FIXTURE, a, "html")
    write_timeline(FIXTURE, b, "html")
    assert a.read_bytes() == b.read_bytes()
    assert a.read_text(encoding="utf-8") == render_html(events)


def test_empty_dataset_still_gives_a_page() -> None:
    page = render_html([])
    assert embedded_data(page)["events"] == []


# ---------------------------------------------------------------- TimelineJS 3


SCHEMA = Path(__file__).parent / "data" / "timelinejs" / "timelinejs3.schema.json"


def _check_timelinejs(doc: object) -> None:
    """Validate against the JSON Schema written from TimelineJS's documented JSON format."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


def test_timelinejs_matches_the_documented_format(events: list[TimelineEvent]) -> None:
    _check_timelinejs(render_timelinejs(events, title="Southport"))
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):  # the schema refuses what TimelineJS ignores
        _check_timelinejs({"events": [{"start_date": {"year": 2024}, "credit": "x"}]})


def test_timelinejs_shape(events: list[TimelineEvent]) -> None:
    doc = render_timelinejs(events, title="Prevent & Southport")
    assert set(doc) == {"title", "events"}
    assert doc["title"]["text"]["headline"] == "Prevent &amp; Southport"
    items = doc["events"]
    assert len(items) == sum(1 for ev in events if ev.dated) == 19
    undated = [ev for ev in events if not ev.dated]
    assert len(undated) == 1  # kept: listed on the title slide, saying why it is not on the axis
    assert html.escape(undated[0].label) in doc["title"]["text"]["text"]
    assert "no statement says when" in doc["title"]["text"]["text"]
    assert f"{len(events)} events quoted from" in doc["title"]["text"]["text"]
    for item in items:
        assert isinstance(item["start_date"]["year"], int)
        assert "end_date" not in item  # a window of uncertainty is not a duration
        assert set(item) <= {"start_date", "display_date", "text", "group", "unique_id"}
        assert set(item["text"]) == {"headline", "text"}
    assert len({item["unique_id"] for item in items}) == len(items)
    by_id = {item["unique_id"]: item for item in items}
    attack = by_id["event-southport-attack"]
    assert attack["start_date"] == {"year": 2024, "month": 7, "day": 29}
    assert attack["display_date"] == "29 Jul 2024"
    assert attack["text"]["headline"] == "Southport attack"
    assert attack["text"]["text"].startswith("<p>“the Southport murders”</p><p class=\"credit\">")
    assert "a brutal attack took place at a children&#x27;s dance class" in attack["text"]["text"]
    assert '<p class="credit">Southport attack: next steps, 21 Jan 2025</p>' in attack["text"]["text"]
    assert attack["group"] == "Attack"
    summer = by_id["event-prevent-learning-review"]
    assert (summer["start_date"], summer["display_date"]) == ({"year": 2024, "month": 6}, "summer 2024")
    referral = by_id["event-rudakubana-referral-1"]
    assert referral["display_date"] == "between 29 Jul 2020 and 29 Jul 2021"
    assert referral["start_date"] == {"year": 2020, "month": 7, "day": 29}
    christmas = by_id["event-prevent-commissioner-announcement"]
    assert christmas["display_date"] == "on or before 24 Dec 2024"
    assert christmas["start_date"] == {"year": 2024, "month": 12, "day": 24}
    assert by_id["event-anderson-prevent-review"]["text"]["headline"].endswith("(planned)")
    assert "ending" in by_id["event-manchester-arena-inquiry"]["display_date"]
    assert by_id["event-hashem-abedi-sentencing"]["start_date"] == {"year": 2020, "month": 8}


def test_timelinejs_file_is_deterministic_json(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_timeline(FIXTURE, a, "json")
    write_timeline(FIXTURE, b, "json")
    assert a.read_bytes() == b.read_bytes()
    assert json.loads(a.read_text(encoding="utf-8")) == render_timelinejs(load_timeline_events(FIXTURE))


def test_unknown_format_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="'svg'"):
        write_timeline(FIXTURE, tmp_path / "t.svg", "svg")  # type: ignore[arg-type]
    assert not (tmp_path / "t.svg").exists()


# ---------------------------------------------------------------- scale


_TYPES = ["Attack", "Referral", "Assessment", "Review", "Inquiry", "LearningReview", "Appointment",
          "Announcement", "Publication", "Launch", "Legislation", "Arrest", "Charge", "Sentencing", "Meeting",
          "Visit"]
_ROLES = ["subject", "agent", "commissionedBy", "conductedBy", "perpetrator", "publishedBy", "appointee"]


def synthetic_trig(n: int, seed: int = 7) -> str:
    """``n`` events (one statement per 20) in the graph shape of ontology/README.md, deterministic."""
    rng = random.Random(seed)
    pre = ("@prefix skg: <https://w3id.org/statementkg/ontology#> .\n"
           "@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .\n"
           "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
           "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
           "@prefix schema: <https://schema.org/> .\n@prefix org: <http://www.w3.org/ns/org#> .\n"
           "@prefix oa: <http://www.w3.org/ns/oa#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
           f"@base <{ID}> .\n")
    out = [pre, "<graph/entities> {"]
    for p in range(300):
        out.append(f'<person/p{p}> a schema:Person ; schema:name "Person {p}" .')
    for o in range(60):
        out.append(f'<organisation/o{o}> a org:Organization ; rdfs:label "Organisation {o}" .')
    out.append("}")
    start = D(1995, 1, 1).toordinal()
    for s in range(0, n, 20):
        stem = f"s{s // 20}"
        sdate = D.fromordinal(start + rng.randrange(30 * 365))
        out.append(f"<graph/statement/{stem}> {{")
        out.append(f'<statement/{stem}> a skg:Statement ; rdfs:label "Statement {stem}" ; '
                   f'dcterms:title "Statement {stem}" ; dcterms:date "{sdate}"^^xsd:date ; '
                   f'sem:hasEarliestBeginTimeStamp "{sdate}"^^xsd:date ; '
                   f'sem:hasLatestBeginTimeStamp "{sdate}"^^xsd:date .')
        for i in range(s, min(n, s + 20)):
            kind = rng.random()
            lo = D.fromordinal(start + rng.randrange(30 * 365))
            bounds: list[tuple[str, dt.date]] = []
            if kind < 0.5:
                bounds = [("EarliestBegin", lo), ("LatestBegin", lo)]
            elif kind < 0.75:
                bounds = [("EarliestBegin", lo.replace(day=1)),
                          ("LatestBegin", (lo.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
                           - dt.timedelta(days=1))]
            elif kind < 0.85:
                later = lo + dt.timedelta(days=rng.randrange(30, 900))
                bounds = [("EarliestBegin", lo), ("LatestBegin", later)]
            elif kind < 0.92:
                bounds = [("EarliestBegin" if rng.random() < 0.5 else "LatestBegin", lo)]
            elif kind < 0.98:
                bounds = [("EarliestBegin", lo), ("LatestBegin", lo),
                          ("EarliestEnd", lo + dt.timedelta(days=rng.randrange(10, 1500)))]
            facts = [f'a skg:{rng.choice(_TYPES)}', f'rdfs:label "Synthetic event {i} with a readable label"']
            facts += [f'sem:has{name}TimeStamp "{day}"^^xsd:date' for name, day in bounds]
            if rng.random() < 0.05:
                facts.append("skg:status skg:Planned")
            for _ in range(rng.randrange(3)):
                facts.append(f"skg:{rng.choice(_ROLES)} <person/p{rng.randrange(300)}>")
            if rng.random() < 0.3:
                facts.append(f"skg:agent <organisation/o{rng.randrange(60)}>")
            if i > 10 and rng.random() < 0.1:
                facts.append(f"skg:reviews <event/e{rng.randrange(i)}>")
            facts.append(f"skg:evidence <annotation/{stem}/{i}-{i + 40}>")
            out.append(f"<event/e{i}> " + " ;\n  ".join(facts) + " .")
            a = f"annotation/{stem}/{i}-{i + 40}"
            out.append(f"<{a}> a oa:Annotation ; oa:hasTarget <{a}/target> .\n"
                       f"<{a}/target> oa:hasSource <statement/{stem}> ;\n"
                       f"  oa:hasSelector <{a}/quote> , <{a}/position> .\n"
                       f'<{a}/quote> a oa:TextQuoteSelector ;\n'
                       f'  oa:exact "the text that says event {i} happened" .\n'
                       f"<{a}/position> a oa:TextPositionSelector ; oa:start {i} ; oa:end {i + 40} .")
        out.append("}")
    return "\n".join(out) + "\n"


def synthetic_events(n: int) -> list[TimelineEvent]:
    store = ox.Store()
    store.load(synthetic_trig(n), format=ox.RdfFormat.TRIG)
    return timeline_events(store)


def test_ten_thousand_events(tmp_path: Path) -> None:
    graph = tmp_path / "big.trig"
    graph.write_text(synthetic_trig(10_000), encoding="utf-8")
    events = load_timeline_events(graph)
    assert sum(ev.type != "Statement" for ev in events) == 10_000
    assert sum(ev.type == "Statement" for ev in events) == 500
    assert all(ev.quotes for ev in events if ev.type != "Statement")
    page = render_html(events)
    assert 500_000 < len(page.encode("utf-8")) < 15_000_000
    assert len(embedded_data(page)["events"]) == 10_500  # type: ignore[arg-type]
    doc = render_timelinejs(events)
    assert len(doc["events"]) == sum(ev.dated for ev in events)


# ---------------------------------------------------------------- the shared sample graph


@pytest.mark.skipif(not SAMPLE.exists(), reason="tests/data/graphs/sample.trig is not written yet")
def test_sample_graph() -> None:
    events = load_timeline_events(SAMPLE)
    assert events, "sample.trig has no events"
    assert all(ev.type and ev.label for ev in events)
    assert any(ev.quotes for ev in events)
    data = embedded_data(render_html(events))
    assert len(data["events"]) == len(events)  # type: ignore[arg-type]
    assert len(render_timelinejs(events)["events"]) == sum(ev.dated for ev in events)
