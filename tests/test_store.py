"""Stores: the embedded pyoxigraph store, a real Oxigraph server over HTTP, and the sample dataset itself."""

from __future__ import annotations

import socket
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Literal, URIRef

from statementkg.errors import QueryError, StoreError
from statementkg.namespaces import ID
from statementkg.queries import list_queries, run_query
from statementkg.store import (
    IMPORTED_GRAPH,
    DataFormat,
    EmbeddedStore,
    RemoteStore,
    inject_values,
    open_store,
)

XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
PREFIXES = """
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skg: <https://w3id.org/statementkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
"""
ATTACK = ID["event/southport-attack"]


@pytest.fixture(scope="module")
def sample(sample_trig: Path) -> EmbeddedStore:
    return EmbeddedStore.from_file(sample_trig)


# ---------------------------------------------------------------- the sample dataset


def test_every_quote_occurs_at_its_position_in_the_statement_text(sample: EmbeddedStore) -> None:
    rows = sample.query(PREFIXES + """
        SELECT ?annotation ?statement ?exact ?prefix ?suffix ?start ?end ?text WHERE {
          GRAPH ?g {
            ?annotation a oa:Annotation ; oa:hasTarget ?target .
            ?target oa:hasSource ?statement ; oa:hasSelector ?quote , ?position .
            ?quote a oa:TextQuoteSelector ; oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
            ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
          }
          GRAPH ?g2 { ?statement skg:text ?text }
        }""")
    assert len(rows) > 40
    for row in rows:
        text, start, end = str(row["text"]), int(row["start"]), int(row["end"])
        assert text[start:end] == str(row["exact"]), row["annotation"]
        assert text[max(0, start - 32):start] == str(row["prefix"])
        assert text[end:end + 32] == str(row["suffix"])
        stem = str(row["statement"]).rsplit("/", 1)[1]
        assert str(row["annotation"]).endswith(f"/annotation/{stem}/{start}-{end}")
        # an annotation lives in the graph of the statement it quotes
        assert row["statement"] != URIRef("")


def test_every_event_has_exactly_one_type_and_every_graph_is_described(sample: EmbeddedStore) -> None:
    types = sample.query(PREFIXES + """
        SELECT ?node (COUNT(DISTINCT ?type) AS ?types) WHERE {
          GRAPH ?g { ?node sem:hasEarliestBeginTimeStamp|sem:hasLatestBeginTimeStamp ?d }
          GRAPH ?h { ?node a ?type }
        } GROUP BY ?node""")
    assert len(types) == 14  # 2 statements and 12 events
    assert {int(row["types"]) for row in types} == {1}
    graphs = sample.query("""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?g ?described WHERE {
          GRAPH ?g { ?s ?p ?o }
          OPTIONAL {
            GRAPH <https://w3id.org/statementkg/id/graph/meta> { ?g prov:wasGeneratedBy ?described }
          }
        }""")
    names = {str(row["g"]).removeprefix(str(ID)) for row in graphs}
    assert names == {
        "graph/classes", "graph/entities", "graph/inferred", "graph/meta",
        "graph/statement/d01-southport-next-steps-prevent", "graph/statement/d03-southport-inquiry",
    }
    assert all("described" in row for row in graphs if not str(row["g"]).endswith("/meta"))


# ---------------------------------------------------------------- embedded store


def test_embedded_store_loads_trig_and_answers_with_rdflib_terms(sample: EmbeddedStore) -> None:
    assert len(sample) > 800
    result = sample.query(
        PREFIXES + "SELECT ?d ?label ?e WHERE { GRAPH ?g { ?e sem:hasEarliestBeginTimeStamp ?d ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label } }",
        {"e": ATTACK},
    )
    assert result.variables == ("d", "label", "e")
    assert result.rows == (
        {"d": Literal("2024-07-29", datatype=XSD_DATE), "label": Literal("Southport attack"), "e": ATTACK},
    )
    assert result.rows[0]["label"].datatype is None


def test_a_bound_variable_needs_no_place_after_select(sample: EmbeddedStore) -> None:
    # grlc substitutes parameters as text, so saved queries never list them after SELECT
    bound = sample.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?e ?p ?o } } ORDER BY ?p", {"e": ATTACK})
    assert bound.variables == ("p",) and bound.rows
    every = sample.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?e ?p ?o } } ORDER BY ?p")
    assert len(bound) < len(every)


def test_missing_file_and_unknown_suffix_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"nope\.trig: no such graph file; run `statementkg build` first"):
        EmbeddedStore.from_file(tmp_path / "nope.trig")
    odd = tmp_path / "graph.xyz"
    odd.write_text("")
    with pytest.raises(StoreError, match=r"graph\.xyz: unknown graph format '\.xyz'; use a file ending in"):
        EmbeddedStore.from_file(odd)
    folder = tmp_path / "folder.trig"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        EmbeddedStore.from_file(folder)


def test_unknown_data_format_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="unknown graph format 'rdfxml'; use one of trig, turtle"):
        EmbeddedStore().load(b"", "rdfxml")


def test_parse_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("@prefix ex: <https://e/> .\n<https://e/g> {\n  ex:a ex:b ex:c .\n  ex:a ex:b .\n}\n")
    with pytest.raises(StoreError, match=rf"^{bad}:4: cannot parse as TriG: .+; fix the file or rebuild it$"):
        EmbeddedStore.from_file(bad)


def test_graphless_formats_load_into_the_imported_graph(tmp_path: Path) -> None:
    turtle = tmp_path / "g.ttl"
    turtle.write_text("<https://e/a> <https://e/p> 'x' .\n")
    store = EmbeddedStore.from_file(turtle)
    rows = store.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert rows == ({"g": IMPORTED_GRAPH},)


def test_nquads_and_jsonld_load_the_same_quads(
    sample: EmbeddedStore, sample_trig: Path, tmp_path: Path
) -> None:
    quads = list(pyoxigraph.parse(path=sample_trig))
    for suffix, fmt in ((".nq", pyoxigraph.RdfFormat.N_QUADS), (".jsonld", pyoxigraph.RdfFormat.JSON_LD)):
        path = tmp_path / f"sample{suffix}"
        pyoxigraph.serialize(quads, output=str(path), format=fmt)
        assert len(EmbeddedStore.from_file(path)) == len(sample)


def test_query_errors_are_query_errors(sample: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        sample.query("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="only SELECT queries give rows"):
        sample.query("ASK { ?s ?p ?o }")


def test_closed_store_says_so(sample_trig: Path) -> None:
    with EmbeddedStore.from_file(sample_trig) as store:
        assert len(store) > 0
    with pytest.raises(StoreError, match="was closed"):
        store.query("SELECT * WHERE { ?s ?p ?o }")


def test_open_store_picks_by_what_it_is_given(sample_trig: Path) -> None:
    assert isinstance(open_store(sample_trig), EmbeddedStore)
    assert isinstance(open_store(str(sample_trig)), EmbeddedStore)
    remote = open_store("http://127.0.0.1:7878/query")
    assert isinstance(remote, RemoteStore)
    assert (remote.query_endpoint, remote.graph_store_endpoint) == ("http://127.0.0.1:7878/query", None)
    bare = open_store("http://127.0.0.1:7878/")
    assert isinstance(bare, RemoteStore)
    assert (bare.query_endpoint, bare.graph_store_endpoint) == (
        "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/store")


# ---------------------------------------------------------------- binding values on an endpoint


def test_inject_values_lands_in_the_outer_where_group(sample: EmbeddedStore) -> None:
    # whatever comments, strings and IRIs around it hold
    tricky = """# a comment with WHERE { and "quotes
PREFIX skg: <https://w3id.org/statementkg/ontology#>
PREFIX ex: <http://example.org/where#>
SELECT ?label ?_event_iri (STR("WHERE { }") AS ?where)
WHERE {
  GRAPH ?g { ?_event_iri <http://www.w3.org/2000/01/rdf-schema#label> ?label }
  FILTER (?label != 'a } b' && ?label != '''x { y''')
}"""
    text = inject_values(tricky, {"_event_iri": ATTACK})
    assert text.count("VALUES") == 1
    assert text.index("VALUES") > text.index("WHERE {\n")
    assert sample.query(text).column("label") == [Literal("Southport attack")]
    assert sample.query(tricky, {"_event_iri": ATTACK}) == sample.query(text)


def test_injected_literals_cannot_break_out_of_their_token(sample: EmbeddedStore) -> None:
    query = "SELECT ?s ?_name WHERE { GRAPH ?g { ?s ?p ?_name } }"
    hostile = Literal('x" } UNION { GRAPH ?g { ?s ?p ?o } } #\n')
    injected = inject_values(query, {"_name": hostile})
    assert sample.query(injected).rows == ()
    assert sample.query(query, {"_name": hostile}).rows == ()
    with pytest.raises(QueryError, match="percent-encode it"):
        inject_values(query, {"_name": URIRef("https://e/> } ?x")})
    with pytest.raises(QueryError, match="only letters, digits and _"):
        inject_values(query, {"a b": Literal("x")})


# ---------------------------------------------------------------- remote endpoint without a server


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens here once the socket is closed


def test_unreachable_endpoint_names_the_url_and_the_fix(sample_trig: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    store = RemoteStore.for_oxigraph(url)
    with pytest.raises(StoreError, match=rf"cannot reach {url}/query .*check the URL and that the server is"):
        store.query("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(StoreError, match=rf"cannot reach {url}/store "):
        store.push(sample_trig)


def test_push_needs_a_graph_store_endpoint(sample_trig: Path) -> None:
    with pytest.raises(StoreError, match="no Graph Store Protocol endpoint to write to"):
        RemoteStore("http://127.0.0.1:1/query").push(sample_trig)


# ---------------------------------------------------------------- a real Oxigraph server


@pytest.fixture(scope="module")
def server_store(oxigraph_server: str, sample_trig: Path) -> RemoteStore:
    store = RemoteStore.for_oxigraph(oxigraph_server)
    assert store.push(sample_trig) == 6  # classes, entities, inferred, meta and two statement graphs
    return store


@pytest.mark.server
def test_every_saved_query_gives_the_same_rows_on_the_server(server_store: RemoteStore,
                                                             sample: EmbeddedStore) -> None:
    cases = [(query, dict(query.example)) for query in list_queries()]
    by_name = {query.name: query for query, _ in cases}
    cases += [  # the other ways in: an IRI instead of a name, an optional filter left out
        (by_name["person-timeline"], {"person": str(ID["person/yvette-cooper"])}),
        (by_name["post-holders"], {}),
        (by_name["referrals-before"], {"event": str(ID["event/rudakubana-referral/1"])}),
    ]
    for query, params in cases:
        local = run_query(sample, query, params)
        remote = run_query(server_store, query, params)
        assert remote == local, (query.name, params)
        assert len(local) > 0, (query.name, params)


@pytest.mark.server
def test_push_replaces_graphs_and_load_adds(server_store: RemoteStore, sample_trig: Path,
                                            sample: EmbeddedStore) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = int(server_store.query(count).rows[0]["n"])
    assert before == len(sample)
    server_store.push(sample_trig)  # PUT: the same graphs again, nothing doubles
    assert int(server_store.query(count).rows[0]["n"]) == before
    extra = b"<https://e/g> { <https://e/a> <https://e/p> 'x' . }"
    server_store.load(extra, DataFormat.TRIG)
    assert int(server_store.query(count).rows[0]["n"]) == before + 1
    added = server_store.query("SELECT ?o WHERE { GRAPH <https://e/g> { ?s ?p ?o } }")
    assert added.rows == ({"o": Literal("x")},)


@pytest.mark.server
def test_server_binds_values_as_terms(server_store: RemoteStore) -> None:
    query = PREFIXES + "SELECT ?d ?_e WHERE { GRAPH ?g { ?_e sem:hasEarliestBeginTimeStamp ?d } }"
    result = server_store.query(query, {"_e": ATTACK})
    assert result.rows == ({"d": Literal("2024-07-29", datatype=XSD_DATE), "_e": ATTACK},)
    hostile = server_store.query("SELECT ?s ?_x WHERE { GRAPH ?g { ?s ?p ?_x } }",
                                 {"_x": Literal('"} UNION { GRAPH ?g { ?s ?p ?o } } #')})
    assert hostile.rows == ()


@pytest.mark.server
def test_server_errors_say_what_and_how_to_fix(oxigraph_server: str, sample_trig: Path) -> None:
    wrong = RemoteStore(f"{oxigraph_server}/nope", f"{oxigraph_server}/nope")
    with pytest.raises(StoreError, match=r"/nope: no SPARQL endpoint there \(404\); give the query URL"):
        wrong.query("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(StoreError, match=r"the graph store answered 404 .*Graph Store Protocol endpoint"):
        wrong.push(sample_trig)
    with pytest.raises(QueryError, match="rejected the query as malformed"):
        RemoteStore.for_oxigraph(oxigraph_server).query("SELECT ?s WHERE { ?s ?p }")
