"""Result formats: W3C SPARQL JSON / CSV / TSV and the text table, escaping and byte-identical output."""

from __future__ import annotations

import csv
import doctest
import io
import json

import pyoxigraph
import pytest
from rdflib import BNode, Literal, URIRef

from statementkg import namespaces, results
from statementkg.errors import QueryError
from statementkg.results import QueryResult, ResultFormat, iri_problem, render, term_from_json, to_ntriples

# plain constants: pytest inspects module globals, and rdflib's closed XSD namespace warns when it does
XSD_DATE = URIRef(namespaces.XSD.date)
XSD_STRING = URIRef(namespaces.XSD.string)
XSD_INTEGER = URIRef(namespaces.XSD.integer)
EVENT = URIRef("https://w3id.org/statementkg/id/event/southport-attack")
TRICKY = 'He said "no", then\tleft;\r\nnext line, with a \\ backslash'


@pytest.fixture
def result() -> QueryResult:
    return QueryResult(
        ("event", "label", "earliest", "lang", "note"),
        (
            {
                "event": EVENT,
                "label": Literal("Southport attack"),
                "earliest": Literal("2024-07-29", datatype=XSD_DATE),
                "lang": Literal("attaque", lang="fr"),
                "note": Literal(TRICKY),
            },
            {"event": BNode("x9f"), "label": Literal("only a label, and a comma")},
        ),
    )


def test_json_follows_the_w3c_structure(result: QueryResult) -> None:
    doc = json.loads(render(result, ResultFormat.JSON))
    assert doc["head"] == {"vars": ["event", "label", "earliest", "lang", "note"]}
    first, second = doc["results"]["bindings"]
    assert first["event"] == {"type": "uri", "value": str(EVENT)}
    assert first["label"] == {"type": "literal", "value": "Southport attack"}
    assert first["earliest"] == {"type": "literal", "value": "2024-07-29", "datatype": str(XSD_DATE)}
    assert first["lang"] == {"type": "literal", "value": "attaque", "xml:lang": "fr"}
    assert first["note"]["value"] == TRICKY
    # unbound variables are left out of a binding; blank nodes get stable labels
    assert set(second) == {"event", "label"}
    assert second["event"] == {"type": "bnode", "value": "b0"}


def test_json_and_tsv_parse_back_to_the_same_terms(result: QueryResult) -> None:
    for fmt, ox_format in ((ResultFormat.JSON, pyoxigraph.QueryResultsFormat.JSON),
                           (ResultFormat.TSV, pyoxigraph.QueryResultsFormat.TSV)):
        parsed = pyoxigraph.parse_query_results(render(result, fmt), ox_format)
        assert [v.value for v in parsed.variables] == list(result.variables)
        rows = [
            {v.value: results.term_from_oxigraph(s[v]) for v in parsed.variables if s[v] is not None}
            for s in parsed
        ]
        assert rows[0] == result.rows[0], fmt
        assert rows[1]["label"] == result.rows[1]["label"]
        assert isinstance(rows[1]["event"], BNode)


def test_csv_escapes_quotes_commas_and_line_breaks_with_crlf_rows(result: QueryResult) -> None:
    text = render(result, ResultFormat.CSV)
    assert text.startswith("event,label,earliest,lang,note\r\n")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["event", "label", "earliest", "lang", "note"]
    assert rows[1] == [str(EVENT), "Southport attack", "2024-07-29", "attaque", TRICKY]
    assert rows[2] == ["_:b0", "only a label, and a comma", "", "", ""]
    assert '"He said ""no"", then' in text  # quotes doubled inside a quoted field


def test_tsv_writes_terms_and_escapes_tabs_and_newlines(result: QueryResult) -> None:
    text = render(result, ResultFormat.TSV)
    lines = text.split("\n")
    assert lines[0] == "?event\t?label\t?earliest\t?lang\t?note"
    cells = lines[1].split("\t")
    assert cells == [
        f"<{EVENT}>",
        '"Southport attack"',
        f'"2024-07-29"^^<{XSD_DATE}>',
        '"attaque"@fr',
        '"He said \\"no\\", then\\tleft;\\r\\nnext line, with a \\\\ backslash"',
    ]
    assert lines[2] == '_:b0\t"only a label, and a comma"\t\t\t'
    assert text.endswith("\n") and len(lines) == 4


def test_table_is_plain_text_and_shows_markup_verbatim(
    result: QueryResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "40")
    data = QueryResult(("event", "label"), ({"event": EVENT, "label": Literal("[bold]not markup[/bold]")},))
    text = render(data, ResultFormat.TABLE, width=100)
    assert "\x1b[" not in text
    assert "id:event/southport-attack" in text  # data IRIs are shown with the id: prefix
    assert "[bold]not markup[/bold]" in text
    assert "1 row" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_every_format_is_byte_identical_for_identical_input(result: QueryResult) -> None:
    again = QueryResult(result.variables, tuple(dict(row) for row in result.rows))
    for fmt in ResultFormat:
        assert render(result, fmt) == render(again, fmt)
    # blank node labels from a store are random; the output does not depend on them
    relabelled = QueryResult(result.variables, (result.rows[0], {**result.rows[1], "event": BNode("other")}))
    for fmt in ResultFormat:
        assert render(result, fmt) == render(relabelled, fmt)


def test_empty_result_renders_headers_only() -> None:
    empty = QueryResult(("a", "b"), ())
    assert render(empty, "csv") == "a,b\r\n"
    assert render(empty, "tsv") == "?a\t?b\n"
    assert json.loads(render(empty, "json")) == {"head": {"vars": ["a", "b"]}, "results": {"bindings": []}}
    assert "0 rows" in render(empty, "table")


def test_unknown_format_names_the_choices() -> None:
    with pytest.raises(QueryError, match="unknown result format 'rdfxml'; use one of json, csv, tsv, xml, table"):
        render(QueryResult((), ()), "rdfxml")


def test_terms_from_json_bindings() -> None:
    assert term_from_json({"type": "uri", "value": "https://e/x"}) == URIRef("https://e/x")
    assert term_from_json({"type": "literal", "value": "x", "xml:lang": "en"}) == Literal("x", lang="en")
    dated = term_from_json({"type": "typed-literal", "value": "2024-01-01", "datatype": str(XSD_DATE)})
    assert dated == Literal("2024-01-01", datatype=XSD_DATE)
    # xsd:string and a plain literal are the same term
    assert term_from_json({"type": "literal", "value": "x", "datatype": str(XSD_STRING)}) == Literal("x")
    # the lexical form is kept as the store gave it
    assert str(term_from_json({"type": "literal", "value": "007", "datatype": str(XSD_INTEGER)})) == "007"


def test_ntriples_terms_escape_or_refuse_what_could_break_out() -> None:
    assert to_ntriples(Literal('a"b\nc')) == '"a\\"b\\nc"'
    assert to_ntriples(URIRef("https://e/a>b")) == "<https://e/a\\u003Eb>"
    with pytest.raises(QueryError, match="percent-encode it"):
        to_ntriples(URIRef("https://e/a> } ?x"), strict=True)


def test_column_and_without() -> None:
    data = QueryResult(("a", "_p"), ({"a": Literal("1"), "_p": Literal("x")}, {"_p": Literal("x")}))
    assert data.column("a") == [Literal("1"), None]
    assert data.without(["_p"]) == QueryResult(("a",), ({"a": Literal("1")}, {}))
    with pytest.raises(QueryError, match="no column 'b'"):
        data.column("b")


def test_module_examples_run() -> None:
    failures, tried = doctest.testmod(results)
    assert tried > 0 and failures == 0


@pytest.mark.parametrize("char", sorted('<>"{}|^`\\') + [chr(i) for i in range(0x21)])
def test_an_iri_with_a_character_iriref_forbids_is_named_by_that_character(char: str) -> None:
    assert iri_problem(f"https://example.org/a{char}b") == f"it contains {char!r}, which an IRI may not contain"


def test_an_iri_of_other_characters_has_no_problem() -> None:
    allowed = "".join(chr(i) for i in range(0x21, 0x250) if chr(i) not in '<>"{}|^`\\')
    assert iri_problem("https://example.org/" + allowed + "é中") is None
