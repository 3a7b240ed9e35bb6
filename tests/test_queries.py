"""Saved queries: headers, parameters, and the rows each query gives on the sample dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from statementkg.errors import QueryError
from statementkg.namespaces import ID
from statementkg.queries import (
    SavedQuery,
    bind_params,
    list_queries,
    load_query,
    parse_param_args,
    run_query,
    run_saved_query,
)
from statementkg.resources import resource_dir
from statementkg.results import QueryResult
from statementkg.store import EmbeddedStore

QUERIES = resource_dir("queries")
BAD = Path(__file__).parent / "data" / "queries_bad"
SKG = "https://w3id.org/statementkg/ontology#"
D01 = "d01-southport-next-steps-prevent"
D03 = "d03-southport-inquiry"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_BOOLEAN = URIRef("http://www.w3.org/2001/XMLSchema#boolean")


@pytest.fixture(scope="module")
def sample(sample_trig: Path) -> EmbeddedStore:
    return EmbeddedStore.from_file(sample_trig)


def run(store: EmbeddedStore, query_name: str, /, **params: str) -> QueryResult:
    return run_query(store, load_query(query_name), params)


def short(term: object) -> str:
    """A data IRI without its base, a class without the skg: namespace, a literal as text."""
    text = str(term)
    return text.removeprefix(str(ID)).removeprefix(SKG)


def rows(result: QueryResult, *columns: str) -> list[tuple[str | None, ...]]:
    return [tuple(short(row[c]) if c in row else None for c in columns) for row in result]


# ---------------------------------------------------------------- the folder


def test_every_query_has_a_grlc_header() -> None:
    queries = list_queries()
    names = [q.name for q in queries]
    assert names == sorted(names)
    assert {"timeline", "people", "organisations", "reviews", "reviews-following-events", "events-between",
            "person-timeline", "post-holders", "referrals-before", "planned-events"} <= set(names)
    for query in queries:
        assert query.summary and query.description and query.tags, query.name
        assert query.text.startswith("#+ summary:"), query.name


@pytest.mark.parametrize("name", sorted(p.stem for p in QUERIES.glob("*.rq")))
def test_every_query_runs_on_the_sample_with_its_example(sample: EmbeddedStore, name: str) -> None:
    query = load_query(name)
    if any(p.required for p in query.params) or query.one_of:
        assert query.example, f"{name}.rq takes parameters: give `#+ example:` values that the tests run"
    result = run_query(sample, query, dict(query.example))
    assert len(result) > 0, name
    assert not any(v.startswith("_") for v in result.variables), "parameter columns are dropped"
    assert len({tuple(sorted(r.items())) for r in result}) == len(result), f"{name} repeats rows"
    assert run_query(sample, query, dict(query.example)) == result, f"{name} is not deterministic"


def test_every_data_pattern_is_inside_a_graph_clause(sample_trig: Path, tmp_path: Path) -> None:
    # the same triples in the default graph only: a query that reads it would find them
    import pyoxigraph

    default_only = tmp_path / "default.nq"
    quads = [pyoxigraph.Quad(q.subject, q.predicate, q.object) for q in pyoxigraph.parse(path=sample_trig)]
    pyoxigraph.serialize(quads, output=str(default_only), format=pyoxigraph.RdfFormat.N_QUADS)
    store = EmbeddedStore.from_file(default_only)
    for query in list_queries():
        assert len(run_query(store, query, dict(query.example))) == 0, query.name


def _values_block(text: str, variable: str) -> set[str]:
    import re

    match = re.search(rf"VALUES \?{variable} \{{([^}}]*)\}}", text)
    assert match, f"no VALUES ?{variable} block"
    return set(match.group(1).split())


ONTOLOGY = resource_dir("ontology") / "statementkg.ttl"


@pytest.mark.skipif(not ONTOLOGY.is_file(), reason="ontology/statementkg.ttl is not written yet")
def test_role_lists_match_the_ontology() -> None:
    # queries list the participant roles instead of reasoning over them; this keeps the lists complete
    # (event classes are asked through the dataset's classes graph: see test_event_classes.py)
    from rdflib import Graph
    from rdflib.namespace import RDFS

    ontology = Graph().parse(ONTOLOGY)
    sem = "http://semanticweb.cs.vu.nl/2009/11/sem/"
    actors = {str(p).removeprefix(SKG)
              for p in ontology.transitive_subjects(RDFS.subPropertyOf, URIRef(f"{sem}hasActor"))}
    # who took part in an event; a statement's speaker and department are left out on purpose,
    # or every statement would share a participant with every review its minister commissioned
    roles = _values_block(load_query("reviews-following-events").text, "reviewRole")
    assert roles == _values_block(load_query("reviews-following-events").text, "eventRole")
    assert {r.removeprefix("skg:") for r in roles} == actors - {sem + "hasActor", "speaker", "department"}
    person_roles = _values_block(load_query("person-timeline").text, "property")
    assert person_roles == roles | {"skg:speaker"}


def test_no_query_lists_event_classes_by_hand() -> None:
    # a class added to the schema must reach every query: they ask rdfs:subClassOf in the classes graph
    for query in list_queries():
        assert "skg:LearningReview" not in query.text and "skg:Sentencing" not in query.text, query.name


# ---------------------------------------------------------------- contract queries


def test_timeline_has_a_row_per_event_quoting_statement_and_quote(sample: EmbeddedStore) -> None:
    result = run(sample, "timeline")
    # the contract columns first; ?origin (extracted, corrected or added) may follow
    assert result.variables[:7] == ("event", "type", "label", "earliest", "latest", "quote", "statement")
    got = rows(result, "event", "type", "earliest", "latest", "quote", "statement")
    assert ("event/southport-attack", "Attack", "2024-07-29", "2024-07-29", "Southport murders",
            f"statement/{D01}") in got
    assert ("event/southport-attack", "Attack", "2024-07-29", "2024-07-29", "On 29 July 2024 a brutal attack",
            f"statement/{D03}") in got
    # the earlier statement is an event, quoted by its title and by the later statement
    assert (f"statement/{D01}", "Statement", "2025-01-21", "2025-01-21",
            "my statement to the House on 21 January", f"statement/{D03}") in got
    assert ("event/prevent-commissioner-announcement", "Announcement", None, "2024-12-24",
            "I announced before Christmas the introduction of a new independent Prevent Commissioner",
            f"statement/{D01}") in got
    assert sorted({r[:4] for r in got if r[0].startswith("event/rudakubana-referral")}) == [
        (f"event/rudakubana-referral/{n}", "Referral", "2020-07-29", "2021-07-29") for n in (1, 2, 3)
    ]
    # every quote of an event in a statement is its own row ("3 referrals", "those 3 repeat referrals")
    assert len({(r[0], r[5]) for r in got}) == 18
    assert len(got) == len(set(got)) > 18
    assert result.rows[0]["latest"] == Literal("2024-12-24", datatype=XSD_DATE)


def test_people_lists_posts_and_people_without_one(sample: EmbeddedStore) -> None:
    result = run(sample, "people")
    assert result.variables[:3] == ("person", "name", "role")
    assert rows(result, "person", "name", "role") == [
        ("person/adrian-fulford", "Adrian Fulford", None),
        ("person/alice-da-silva-aguiar", "Alice da Silva Aguiar", None),
        ("person/axel-rudakubana", "Axel Rudakubana", None),
        ("person/bebe-king", "Bebe King", None),
        ("person/david-anderson", "David Anderson", "Prevent Commissioner"),
        ("person/elsie-dot-stancombe", "Elsie Dot Stancombe", None),
        ("person/yvette-cooper", "Yvette Cooper", "Home Secretary"),
    ]


def test_organisations_include_programmes(sample: EmbeddedStore) -> None:
    result = run(sample, "organisations")
    assert result.variables == ("organisation", "name")
    assert rows(result, "organisation", "name") == [
        ("organisation/counter-terrorism-policing", "Counter Terrorism Policing"),
        ("organisation/home-office", "Home Office"),
        ("organisation/mi5", "MI5"),
        ("organisation/prevent", "Prevent"),
    ]


def test_reviews_link_to_what_they_examine_and_respond_to(sample: EmbeddedStore) -> None:
    result = run(sample, "reviews")
    assert result.variables[:2] == ("review", "event")
    referrals = [f"event/rudakubana-referral/{n}" for n in (1, 2, 3)]
    expected = [("event/anderson-southport-review", e) for e in (*referrals, "event/southport-attack")]
    expected += [("event/prevent-learning-review", e) for e in (*referrals, "event/southport-attack")]
    expected += [("event/southport-inquiry", "event/southport-attack")]
    assert rows(result, "review", "event") == expected


# ---------------------------------------------------------------- the headline query


def test_reviews_following_events_hides_shared_participants_by_default(sample: EmbeddedStore) -> None:
    relations = {str(r["relation"]) for r in run(sample, "reviews-following-events")}
    assert relations == {"examines", "responds to"}
    shared = {str(r["relation"]) for r in run(sample, "reviews-following-events", shared="true")}
    assert "shares a participant" in shared


def test_reviews_following_events(sample: EmbeddedStore) -> None:
    result = run(sample, "reviews-following-events", shared="true")
    got = {(r[0], r[1], r[2]): r[3:] for r in rows(
        result, "review", "relation", "event", "order", "reviewQuote", "reviewStatement", "eventQuote",
        "eventStatement", "shared", "reviewEarliest", "eventLatest")}
    review = "event/prevent-learning-review"
    # the learning review (summer 2024) certainly followed the referrals (2020-21) it examines...
    for n in (1, 2, 3):
        assert got[(review, "examines", f"event/rudakubana-referral/{n}")][0] == "certain"
    # ...and possibly followed the attack of 29 July 2024 it responds to
    assert got[(review, "responds to", "event/southport-attack")] == (
        "possible", "The learning review has concluded", f"statement/{D01}",
        "On 29 July 2024 a brutal attack", f"statement/{D03}", None, "2024-06-01", "2024-07-29")
    assert got[("event/southport-inquiry", "responds to", "event/southport-attack")][0] == "certain"
    assert got[("event/anderson-southport-review", "responds to", "event/southport-attack")][0] == "certain"
    # a shared participant: Anderson's review (2025) followed the learning review (both about Prevent)
    anderson = "event/anderson-southport-review"
    assert got[(anderson, "shares a participant", review)][0] == "certain"
    assert got[(anderson, "shares a participant", review)][5] == "organisation/prevent"
    # same day is possible, not certain; an open bound is possible
    assert got[(anderson, "shares a participant", "event/anderson-appointment")][0] == "possible"
    assert got[("event/prevent-thresholds-review", "shares a participant", review)][0] == "possible"
    # certainly not after: the learning review began before Anderson's review, so that pair is left out
    assert not [k for k in got if k[0] == review and k[2] == "event/anderson-southport-review"]
    # a review never follows itself, and a direct link is not repeated as a shared participant
    assert not [k for k in got if k[0] == k[2]]
    assert not [k for k in got if k[0] == review and k[1] == "shares a participant"
                and k[2].startswith("event/rudakubana-referral")]
    assert {r["order"] for r in result} == {Literal("certain"), Literal("possible")}
    assert len(result) == 31


# ---------------------------------------------------------------- issue 4 queries


def test_events_between_overlapping_begin_windows(sample: EmbeddedStore) -> None:
    got = rows(run(sample, "events-between", **{"from": "2021-01-01", "to": "2021-12-31"}), "event", "within")
    # open bounds overlap any range: "before Christmas" 2024 may have been in 2021
    assert got == [("event/prevent-commissioner-announcement", "possible"),
                   ("event/prevent-thresholds-review", "possible")] + [
        (f"event/rudakubana-referral/{n}", "possible") for n in (1, 2, 3)]
    got = rows(run(sample, "events-between", **{"from": "2020-01-01", "to": "2021-12-31"}), "event", "within")
    assert {w for e, w in got if e.startswith("event/rudakubana-referral")} == {"certain"}
    got = rows(run(sample, "events-between", from_xsd_date="2024-07-29", to_xsd_date="2024-07-29"), "event")
    assert sorted({e for (e,) in got}) == [
        "event/prevent-commissioner-announcement", "event/prevent-learning-review",
        "event/prevent-thresholds-review", "event/southport-attack",
    ]


def test_person_timeline_by_iri_or_by_name_in_any_case(sample: EmbeddedStore) -> None:
    by_iri = run(sample, "person-timeline", person_iri=str(ID["person/yvette-cooper"]))
    by_name = run(sample, "person-timeline", name="COOPER")
    assert by_iri == by_name
    got = rows(by_iri, "kind", "item", "role", "statement")
    membership = "membership/yvette-cooper/home-secretary"
    assert ("membership", membership, "Home Secretary", f"statement/{D01}") in got
    assert ("event", "event/anderson-appointment", "appointedBy", f"statement/{D01}") in got
    assert ("event", "event/southport-inquiry", "commissionedBy", f"statement/{D03}") in got
    assert ("event", f"statement/{D03}", "speaker", f"statement/{D03}") in got
    assert {short(r["person"]) for r in by_iri} == {"person/yvette-cooper"}
    with pytest.raises(QueryError, match="needs one of the parameters person_iri, name; give one"):
        run(sample, "person-timeline")


def test_post_holders(sample: EmbeddedStore) -> None:
    result = run(sample, "post-holders")
    assert rows(result, "postLabel", "name", "heldOn", "start", "interim") == [
        ("Home Secretary", "Yvette Cooper", "2025-01-21", None, "false"),
        ("Prevent Commissioner", "David Anderson", "2025-01-21", "2025-01-21", "true"),
    ]
    assert result.rows[1]["interim"] == Literal("true", datatype=XSD_BOOLEAN)
    assert rows(run(sample, "post-holders", post="HOME"), "quote") == [("The Home Secretary Yvette Cooper",)]


def test_post_holders_give_one_row_per_membership_and_statement_whatever_the_days_shown(sample_trig: Path) -> None:
    """A post shown held on many days is one row per quoting statement, with the first and last
    day shown (one row per day made a decade of statements grow with its square)."""
    store = EmbeddedStore.from_file(sample_trig)
    membership = ID["membership/yvette-cooper/home-secretary"]
    days = "".join(
        f'<{membership}> <https://w3id.org/statementkg/ontology#heldOn> "{d}"^^<http://www.w3.org/2001/XMLSchema#date> '
        f"<{ID['graph/entities']}> .\n"
        for d in ("2024-07-05", "2025-03-01", "2024-11-12")
    )
    store.load(days.encode("utf-8"), "nquads")
    got = rows(run(store, "post-holders", post="home"), "name", "heldOn", "lastHeldOn", "quote")
    assert got == [("Yvette Cooper", "2024-07-05", "2025-03-01", "The Home Secretary Yvette Cooper")]


def test_referrals_before_an_event(sample: EmbeddedStore, sample_trig: Path) -> None:
    attack = str(ID["event/southport-attack"])
    assert rows(run(sample, "referrals-before", event_iri=attack), "referral", "certainty") == [
        (f"event/rudakubana-referral/{n}", "certain") for n in (1, 2, 3)
    ]
    # the same window: the other referrals possibly came first; a referral is not before itself
    first = str(ID["event/rudakubana-referral/1"])
    assert rows(run(sample, "referrals-before", event=first), "referral", "certainty") == [
        (f"event/rudakubana-referral/{n}", "possible") for n in (2, 3)
    ]
    assert len(run(sample, "referrals-before", event_iri=str(ID["event/not-in-the-data"]))) == 0
    # an event that certainly began before the referrals leaves them all out
    store = EmbeddedStore.from_file(sample_trig)
    store.load(b"""<https://w3id.org/statementkg/id/graph/entities> {
        <https://w3id.org/statementkg/id/event/earlier> a <https://w3id.org/statementkg/ontology#Meeting> ;
          <http://semanticweb.cs.vu.nl/2009/11/sem/hasLatestBeginTimeStamp>
            "2019-05-01"^^<http://www.w3.org/2001/XMLSchema#date> . }""", "trig")
    assert len(run(store, "referrals-before", event=str(ID["event/earlier"]))) == 0


def test_planned_events_as_of_the_latest_statement(sample: EmbeddedStore, sample_trig: Path) -> None:
    result = run(sample, "planned-events")
    assert rows(result, "event", "type", "state", "asOf", "announcedOn", "quote", "statement") == [
        ("event/learning-review-findings-publication", "Publication", "pending", "2025-04-07", "2025-01-21",
         "I will publish detailed findings", f"statement/{D01}"),
    ]
    store = EmbeddedStore.from_file(sample_trig)
    store.load(f"""
        @prefix skg: <{SKG}> .
        @prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/statementkg/id/graph/statement/{D01}> {{
          <https://w3id.org/statementkg/id/event/march-launch> a skg:Launch ; skg:status skg:Planned ;
            sem:hasLatestBeginTimeStamp "2025-03-31"^^xsd:date ;
            skg:evidence <https://w3id.org/statementkg/id/annotation/{D01}/629-661> . }}""".encode(), "trig")
    states = rows(run(store, "planned-events"), "event", "state")
    assert ("event/march-launch", "overdue") in states


# ---------------------------------------------------------------- parameters


def test_parse_param_args() -> None:
    assert parse_param_args(["from=2024-01-01", "to=2024-12-31", "name=a=b"]) == {
        "from": "2024-01-01", "to": "2024-12-31", "name": "a=b"}
    for bad in ("from", "=2024-01-01"):
        with pytest.raises(QueryError, match=rf"^--param '{bad}': expected name=value$"):
            parse_param_args([bad])


def test_params_are_read_from_the_query_text() -> None:
    query = load_query("events-between")
    assert [(p.name, p.public, p.alias, p.required, p.kind) for p in query.params] == [
        ("_from_xsd_date", "from_xsd_date", "from", True, "date"),
        ("_to_xsd_date", "to_xsd_date", "to", True, "date"),
    ]
    person = load_query("person-timeline")
    assert [(p.public, p.alias, p.required, p.kind) for p in person.params] == [
        ("name", None, False, "literal"), ("person_iri", "person", False, "iri")]


def test_bind_params_checks_names_and_values() -> None:
    between = load_query("events-between")
    assert bind_params(between, {"from": "2024-01-01", "_to_xsd_date": "2024-02-29"}) == {
        "_from_xsd_date": Literal("2024-01-01", datatype=XSD_DATE),
        "_to_xsd_date": Literal("2024-02-29", datatype=XSD_DATE),
    }
    with pytest.raises(QueryError, match="unknown parameter 'since' for query 'events-between'; "
                                         "it takes from, to"):
        bind_params(between, {"since": "2024-01-01"})
    with pytest.raises(QueryError, match=r"query 'events-between' needs parameter 'to' \(a date, "
                                         r"YYYY-MM-DD\); give to=2024-12-31"):
        bind_params(between, {"from": "2024-01-01"})
    for bad in ("2024-13-01", "2024-02-30", "yesterday", "20240101", "2024-1-1"):
        with pytest.raises(QueryError, match=rf"'from' .*'{bad}' is not a date; give a date"):
            bind_params(between, {"from": bad, "to": "2024-12-31"})
    with pytest.raises(QueryError, match="is given twice"):
        bind_params(between, {"from": "2024-01-01", "from_xsd_date": "2024-01-02", "to": "2024-12-31"})
    referrals = load_query("referrals-before")
    with pytest.raises(QueryError, match=r"needs parameter 'event' .*give event=https://w3id.org/"):
        bind_params(referrals, {})
    for bad in ("southport-attack", "https://e/a b", "https://e/<a>", "event/southport-attack"):
        with pytest.raises(QueryError, match="parameter 'event' of query 'referrals-before'"):
            bind_params(referrals, {"event": bad})
    assert bind_params(referrals, {"event": "urn:x:1"}) == {"_event_iri": URIRef("urn:x:1")}
    with pytest.raises(QueryError, match="unknown parameter 'x' for query 'timeline'; it takes no param"):
        bind_params(load_query("timeline"), {"x": "1"})


def test_typed_parameters_follow_the_basil_suffixes(tmp_path: Path) -> None:
    (tmp_path / "kinds.rq").write_text(
        "#+ summary: One parameter of each kind\n"
        "SELECT ?_n_xsd_integer ?__flag_xsd_boolean ?_when_xsd_dateTime ?_label ?__x ?__x_iri\n"
        "WHERE { GRAPH ?g { ?s ?p ?o } }\n",
        encoding="utf-8",
    )
    query = load_query("kinds", tmp_path)
    kinds = {p.public: (p.kind, p.required, p.alias) for p in query.params}
    assert kinds == {
        "n_xsd_integer": ("integer", True, "n"), "flag_xsd_boolean": ("boolean", False, "flag"),
        "when_xsd_dateTime": ("typed", True, "when"), "label": ("literal", True, None),
        # ``x`` would name both ?__x and ?__x_iri, so neither gets the alias
        "x": ("literal", False, None), "x_iri": ("iri", False, None),
    }
    given = {"n": "-12", "flag": "true", "when": "2024-01-01T10:00:00", "label": 'a "b"'}
    bound = bind_params(query, given)
    assert bound["_n_xsd_integer"] == Literal("-12", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))
    assert bound["__flag_xsd_boolean"] == Literal("true", datatype=XSD_BOOLEAN)
    assert bound["_when_xsd_dateTime"].datatype == URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
    assert bound["_label"] == Literal('a "b"')
    for key, bad in (("n", "1.5"), ("flag", "yes")):
        with pytest.raises(QueryError, match=f"'{bad}' is not"):
            bind_params(query, {"n": "1", "when": "2024-01-01T10:00:00", "label": "x", key: bad})


def test_values_are_bound_as_terms_never_pasted(sample: EmbeddedStore) -> None:
    hostile = 'x")) } UNION { GRAPH ?g { ?person ?p ?o } } #'
    assert len(run(sample, "person-timeline", name=hostile)) == 0
    assert len(run(sample, "post-holders", post=hostile)) == 0


def test_header_defaults_fill_in_missing_parameters(tmp_path: Path, sample: EmbeddedStore) -> None:
    (tmp_path / "since.rq").write_text(
        "#+ summary: Events since a date\n"
        "#+ defaults:\n#+   - since: 2025-04-01\n"
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n"
        "SELECT ?event ?_since_xsd_date WHERE {\n"
        "  GRAPH ?g { ?event sem:hasEarliestBeginTimeStamp ?d }\n"
        "  FILTER (?d >= ?_since_xsd_date)\n} ORDER BY ?event\n",
        encoding="utf-8",
    )
    query = load_query("since", tmp_path)
    assert query.defaults == (("since", "2025-04-01"),)
    assert rows(run_query(sample, query), "event") == [
        ("event/southport-inquiry",), (f"statement/{D03}",)]
    assert len(run_query(sample, query, {"since": "2025-01-01"})) == 6


# ---------------------------------------------------------------- broken query files


def test_unknown_query_lists_the_names_there_are() -> None:
    with pytest.raises(QueryError, match=r"no saved query 'timelines' in .*queries; choose one of: .*"
                                         r"events-between, .*timeline"):
        load_query("timelines")
    with pytest.raises(QueryError, match=r"no saved query '\.\./pyproject'"):
        load_query("../pyproject")


def test_syntax_error_points_at_the_file_line() -> None:
    with pytest.raises(QueryError, match=r"queries_bad/broken\.rq:9: SPARQL syntax error: .+; fix the query$"
                       ) as error:
        load_query("broken", BAD)
    assert "\n" not in str(error.value)  # one line, however many tokens the parser expected


@pytest.mark.parametrize(("name", "message"), [
    ("no-header", r"no-header\.rq:1: no `#\+ summary:` header"),
    ("bad-yaml", r"bad-yaml\.rq:2: the `#\+` header is not valid YAML"),
    ("ask", r"ask\.rq:1: saved queries must be SELECT queries"),
    ("bad-example", r"bad-example\.rq: the header names unknown parameter 'colour'"),
])
def test_broken_headers_are_query_errors(name: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        load_query(name, BAD)


def test_run_saved_query_from_a_file(sample_trig: Path) -> None:
    result = run_saved_query("reviews", sample_trig)
    assert len(result) == 9
    with pytest.raises(QueryError, match="needs parameter 'event'"):
        run_saved_query("referrals-before", sample_trig / "not-even-read.trig")


def test_saved_query_is_frozen() -> None:
    query = load_query("timeline")
    assert isinstance(query, SavedQuery)
    with pytest.raises(AttributeError):
        query.name = "other"  # type: ignore[misc]
