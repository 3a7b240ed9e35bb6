"""Query results as rdflib terms, and their W3C renderings: SPARQL JSON, CSV, TSV and a text table.

Every store returns the same ``QueryResult`` (rows of rdflib terms), so a saved query gives the
same bytes whichever store ran it.  ``render`` is pure: identical results give identical output.

>>> from rdflib import Literal, URIRef
>>> result = QueryResult(("event", "label"), ({"event": URIRef("https://e/1"), "label": Literal("a, b")},))
>>> render(result, ResultFormat.CSV)
'event,label\\r\\nhttps://e/1,"a, b"\\r\\n'
>>> render(result, ResultFormat.TSV)
'?event\\t?label\\n<https://e/1>\\t"a, b"\\n'
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from .errors import QueryError, StoreError
from .namespaces import ID, PREFIXES

#: An RDF term in a result row (unbound variables are simply absent from the row).
Term = URIRef | Literal | BNode


@dataclass(frozen=True)
class QueryResult:
    """The answer to a SELECT query: column names (without ``?``) and one dict per row."""

    variables: tuple[str, ...]
    rows: tuple[dict[str, Term], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Term]]:
        return iter(self.rows)

    def column(self, name: str) -> list[Term | None]:
        """The values of one variable, ``None`` where it is unbound."""
        if name not in self.variables:
            raise QueryError(f"no column {name!r} in the result; columns: {', '.join(self.variables)}")
        return [row.get(name) for row in self.rows]

    def select(self, names: Iterable[str]) -> QueryResult:
        """Only the given columns, in the given order (QueryError names the columns there are)."""
        keep = tuple(names)
        for name in keep:
            self.column(name)
        rows = tuple({k: row[k] for k in keep if k in row} for row in self.rows)
        # rows that differ only in dropped columns collapse into one, as with SELECT DISTINCT
        unique = tuple({tuple(sorted((k, str(v)) for k, v in r.items())): r for r in rows}.values())
        return QueryResult(keep, unique)

    def without(self, names: Iterable[str]) -> QueryResult:
        """The same rows without the given columns (saved queries drop their echoed parameters)."""
        drop = set(names)
        keep = tuple(v for v in self.variables if v not in drop)
        return QueryResult(keep, tuple({k: v for k, v in row.items() if k not in drop} for row in self.rows))


class ResultFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    TSV = "tsv"
    XML = "xml"
    TABLE = "table"


# ---------------------------------------------------------------- term conversion


def literal(value: str, datatype: str | None = None, language: str | None = None) -> Literal:
    """An rdflib literal that keeps the lexical form exactly as the store gave it.

    ``xsd:string`` becomes a plain literal (RDF 1.1 treats them as the same), so the embedded
    store and an endpoint that omits the datatype give equal terms.
    """
    if language:
        return Literal(value, lang=language)
    if datatype is None or datatype == str(XSD.string):
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype), normalize=False)


def term_from_oxigraph(term: Any) -> Term:
    """Convert a pyoxigraph ``NamedNode`` / ``BlankNode`` / ``Literal`` to the rdflib term."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        return literal(term.value, term.datatype.value, term.language)
    raise StoreError(
        f"the store returned {term!r}, which statementkg cannot show; quoted triples are unsupported"
    )


def term_to_oxigraph(term: Term) -> Any:
    """Convert an rdflib term to the pyoxigraph term (for ``substitutions=``)."""
    import pyoxigraph

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
        return pyoxigraph.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}: only IRIs, blank nodes and literals can be bound")


def term_from_json(binding: Mapping[str, Any]) -> Term:
    """Convert one W3C SPARQL JSON binding (``{"type": ..., "value": ...}``) to the rdflib term."""
    kind = binding.get("type")
    value = binding.get("value")
    if not isinstance(value, str):
        raise StoreError(f"the endpoint sent a binding without a string value: {binding!r}")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):  # "typed-literal" is what SPARQL 1.0 era servers send
        return literal(value, binding.get("datatype"), binding.get("xml:lang"))
    raise StoreError(f"the endpoint sent a binding of unknown type {kind!r}; is it a SPARQL 1.1 endpoint?")


# ---------------------------------------------------------------- N-Triples term syntax

_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# Characters IRIREF forbids (N-Triples and SPARQL alike), besides controls and space.
_IRI_FORBIDDEN = set('<>"{}|^`\\')


_STRING_TABLE = str.maketrans(_STRING_ESCAPES)


def _escape_string(text: str) -> str:
    return text.translate(_STRING_TABLE)


def memo_converter(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` remembering its answers: terms repeat a great deal in a dataset."""
    memo: dict[Any, Any] = {}

    def converted(term: Any) -> Any:
        found = memo.get(term)
        if found is None:
            found = memo[term] = convert(term)
        return found

    return converted


#: one character IRIREF forbids (a regular expression finds it many times faster than a loop in
#: Python: every IRI of a build is checked, 750,000 of them at 1,000 statements)
_IRI_FORBIDDEN_CHAR = re.compile("[" + re.escape("".join(sorted(_IRI_FORBIDDEN))) + "\x00-\x20]")


def iri_problem(iri: str) -> str | None:
    """Why ``iri`` cannot be written between ``<`` and ``>``, or ``None`` when it can."""
    found = _IRI_FORBIDDEN_CHAR.search(iri)
    if found is not None:
        return f"it contains {found.group()!r}, which an IRI may not contain"
    return None


def to_ntriples(term: Term, *, strict: bool = False) -> str:
    """The term in N-Triples syntax (also valid SPARQL): ``<iri>``, ``"text"^^<dt>``, ``"x"@en``, ``_:b``.

    Strings escape quote, backslash and line breaks, so the result is always one well-formed
    token.  An IRI with characters IRIREF forbids is written with ``\\u`` escapes, or refused
    when ``strict`` (SPARQL text must never carry such an escape: see ``store.inject_values``).
    """
    if isinstance(term, URIRef):
        problem = iri_problem(str(term))
        if problem is None:
            return f"<{term}>"
        if strict:
            raise QueryError(f"cannot use <{term}> as a query value: {problem}; percent-encode it")
        escaped = "".join(
            f"\\u{ord(ch):04X}" if ch in _IRI_FORBIDDEN or ord(ch) <= 0x20 else ch for ch in str(term)
        )
        return f"<{escaped}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = f'"{_escape_string(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{to_ntriples(URIRef(term.datatype), strict=strict)}"
        return text
    raise QueryError(f"cannot write {term!r} as an RDF term")


# ---------------------------------------------------------------- rendering


def _bnode_labels(result: QueryResult) -> dict[BNode, str]:
    """Blank nodes renamed b0, b1... in order of appearance: store labels are random, output must not be."""
    labels: dict[BNode, str] = {}
    for row in result.rows:
        for var in result.variables:
            value = row.get(var)
            if isinstance(value, BNode) and value not in labels:
                labels[value] = f"b{len(labels)}"
    return labels


def _json_term(term: Term, bnodes: Mapping[BNode, str]) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": bnodes[term]}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results JSON Format, two-space indented, one trailing newline."""
    bnodes = _bnode_labels(result)
    bindings = [
        {var: _json_term(row[var], bnodes) for var in result.variables if var in row} for row in result.rows
    ]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def to_xml(result: QueryResult) -> str:
    """W3C SPARQL Query Results XML, written by pyoxigraph's serialiser from the JSON form."""
    import pyoxigraph

    parsed = pyoxigraph.parse_query_results(to_json(result).encode("utf-8"), pyoxigraph.QueryResultsFormat.JSON)
    assert isinstance(parsed, pyoxigraph.QuerySolutions)
    data = parsed.serialize(format=pyoxigraph.QueryResultsFormat.XML)
    assert isinstance(data, bytes)
    return data.decode("utf-8") + ("" if data.endswith(b"\n") else "\n")


def _csv_field(text: str) -> str:
    if any(ch in text for ch in '",\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 CSV: plain values (IRIs bare, literals as their lexical form), CRLF line ends."""
    bnodes = _bnode_labels(result)

    def plain(term: Term | None) -> str:
        if term is None:
            return ""
        if isinstance(term, BNode):
            return f"_:{bnodes[term]}"
        return str(term)

    lines = [",".join(_csv_field(v) for v in result.variables)]
    for row in result.rows:
        lines.append(",".join(_csv_field(plain(row.get(v))) for v in result.variables))
    return "".join(line + "\r\n" for line in lines)


def to_tsv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 TSV: ``?var`` header, terms in N-Triples syntax, empty cells when unbound."""
    bnodes = _bnode_labels(result)

    def cell(term: Term | None) -> str:
        if term is None:
            return ""
        if isinstance(term, BNode):
            return f"_:{bnodes[term]}"
        return to_ntriples(term)

    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join(cell(row.get(v)) for v in result.variables))
    return "".join(line + "\n" for line in lines)


def _compact(term: Term, bnodes: Mapping[BNode, str]) -> str:
    """A short readable form for the table: prefixed IRIs, bare lexical forms."""
    if isinstance(term, URIRef):
        value = str(term)
        # the longest namespace wins, so ``id:`` data IRIs are not shown under a shorter prefix
        best = max(
            ((p, ns) for p, ns in (*PREFIXES.items(), ("id", str(ID))) if value.startswith(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        return f"{best[0]}:{value[len(best[1]):]}" if best else value
    if isinstance(term, BNode):
        return f"_:{bnodes[term]}"
    return str(term)


#: the width of a table when none is given (a pipe, a file): wide enough never to wrap a row
UNLIMITED_WIDTH = 10_000


def to_table(result: QueryResult, width: int | None = None, *, truncate: bool = False) -> str:
    """A rich table as plain text (no colour, no terminal probing), the same for the same input.

    It fits in ``width`` columns (the caller passes the terminal's; ``None``: as wide as its
    rows): long cells wrap at word boundaries, or with ``truncate`` are cut and end with ``…``.
    """
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    bnodes = _bnode_labels(result)
    n = len(result.rows)
    table = Table(box=box.SIMPLE_HEAD, caption=f"{n} row{'' if n == 1 else 's'}", caption_justify="left")
    for var in result.variables:
        if truncate:
            table.add_column(Text(var), overflow="ellipsis", no_wrap=True)
        else:
            table.add_column(Text(var), overflow="fold")
    for row in result.rows:
        # Text() cells: values are shown verbatim, never read as rich markup
        table.add_row(*(Text(_compact(row[v], bnodes)) if v in row else Text("") for v in result.variables))
    buffer = io.StringIO()
    # every setting explicit, so neither the environment (COLUMNS, FORCE_COLOR, a tty) nor the
    # platform changes the bytes
    console = Console(
        file=buffer, width=width or UNLIMITED_WIDTH, height=25, color_system=None, force_terminal=False,
        force_jupyter=False, force_interactive=False, emoji=False, highlight=False, markup=False, legacy_windows=False,
        soft_wrap=False,
    )
    console.print(table)
    # rich pads every line to the table's width; trailing blanks only make pipes and diffs noisy
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def render(result: QueryResult, fmt: ResultFormat | str, *, width: int | None = None,
           truncate: bool = False) -> str:
    """``result`` as text in ``fmt``; ``width`` and ``truncate`` only matter for the table."""
    try:
        fmt = ResultFormat(fmt)
    except ValueError:
        choices = ", ".join(f.value for f in ResultFormat)
        raise QueryError(f"unknown result format {fmt!r}; use one of {choices}") from None
    if fmt is ResultFormat.JSON:
        return to_json(result)
    if fmt is ResultFormat.CSV:
        return to_csv(result)
    if fmt is ResultFormat.XML:
        return to_xml(result)
    if fmt is ResultFormat.TSV:
        return to_tsv(result)
    return to_table(result, width, truncate=truncate)
