"""Saved SPARQL queries: find ``queries/*.rq``, read their grlc ``#+`` headers, bind parameters, run.

A saved query is one question in one file.  Its leading ``#+`` lines are YAML (grlc
decorators: ``summary``, ``description``, ``tags``, ``defaults``, ``enumerate``, plus our
``example`` and ``one_of``).  Parameters follow the grlc/BASIL convention: ``?_name`` is
required, ``?__name`` optional; a ``_iri`` suffix takes an IRI, ``_xsd_date`` (any
``_xsd_TYPE``) a typed literal, anything else a plain string.

Values are bound as RDF terms and never pasted into the query text: the embedded store gets
them as pyoxigraph substitutions, an endpoint as one ``VALUES`` row (``store.inject_values``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .errors import QueryError
from .namespaces import ALL_PREFIXES, expand_prefixed
from .resources import resource_dir
from .results import QueryResult, Term, iri_problem
from .store import Store, open_store, sparql_code_mask

_PARAM = re.compile(r"(?<![\w?$])[?$](_{1,2}[A-Za-z0-9][A-Za-z0-9_]*)")
_XSD_SUFFIX = re.compile(r"_xsd_([A-Za-z]+)$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_HEADER_KEYS = {"summary", "description", "tags", "defaults", "enumerate", "example", "one_of",
                "endpoint", "method", "pagination", "endpoint_in_url", "transform"}


@dataclass(frozen=True)
class QueryParam:
    """One parameter of a saved query, e.g. ``?_person_iri``.

    ``name`` is the variable as written (``_person_iri``); ``public`` is how users pass it
    (``person_iri``); ``alias`` is the public name without its type suffix (``person``), or
    ``None`` when that would be ambiguous.  ``kind`` is ``iri``, ``date``, ``integer``,
    ``decimal``, ``boolean``, ``typed`` (another ``xsd:`` type) or ``literal``.
    """

    name: str
    public: str
    required: bool
    kind: str
    datatype: str | None = None
    alias: str | None = None

    @property
    def label(self) -> str:
        """The name messages show: the short alias when there is one (``from``, ``person``)."""
        return self.alias or self.public

    @property
    def type_name(self) -> str:
        """``iri``, ``xsd:date``, ``xsd:integer``... or ``string``: what the value must be."""
        if self.kind == "iri":
            return "iri"
        if self.datatype is not None:
            return "xsd:" + self.datatype.rsplit("#", 1)[-1]
        return "string"

    @property
    def hint(self) -> str:
        return {
            "iri": "an absolute IRI, e.g. https://w3id.org/statementkg/id/person/yvette-cooper",
            "date": "a date, YYYY-MM-DD",
            "integer": "a whole number",
            "decimal": "a decimal number",
            "boolean": "true or false",
            "literal": "text",
        }.get(self.kind, f"a value of type {self.datatype}")


@dataclass(frozen=True)
class SavedQuery:
    """A saved query file with its parsed header."""

    name: str
    path: Path
    text: str
    summary: str
    description: str
    tags: tuple[str, ...]
    params: tuple[QueryParam, ...]
    #: default values (public name, value) used when a parameter is not given
    defaults: tuple[tuple[str, str], ...] = ()
    #: parameter values that give a sensible answer on the bundled corpus (docs and tests)
    example: tuple[tuple[str, str], ...] = ()
    #: public names of optional parameters of which at least one must be given
    one_of: tuple[str, ...] = ()
    #: parameters whose values a grlc API offers as a list
    enumerate: tuple[str, ...] = ()

    def param(self, key: str) -> QueryParam:
        """The parameter called ``key`` (public name, alias, or the variable name itself)."""
        for p in self.params:
            if key in (p.public, p.alias, p.name, f"?{p.name}"):
                return p
        raise QueryError(
            f"unknown parameter {key!r} for query {self.name!r}; "
            + (f"it takes {self._param_list()}" if self.params else "it takes no parameters")
        )

    def describe(self) -> dict[str, Any]:
        """Name, summary, description, tags and parameters (type, required, default, example) as plain data."""
        defaults, example = dict(self.defaults), dict(self.example)

        def lookup(table: dict[str, str], p: QueryParam) -> str | None:
            return next((table[k] for k in (p.public, p.alias, p.name) if k and k in table), None)

        return {
            "name": self.name,
            "summary": self.summary,
            "description": self.description,
            "tags": list(self.tags),
            "parameters": [
                {"name": p.label, "variable": f"?{p.name}", "type": p.type_name, "required": p.required,
                 "default": lookup(defaults, p), "example": lookup(example, p)}
                for p in self.params
            ],
            "one_of": list(self.one_of),
        }

    def _param_list(self) -> str:
        return ", ".join(f"{p.label}{'' if p.required else ' (optional)'}" for p in self.params)


# ---------------------------------------------------------------- reading query files


def _display(path: Path) -> str:
    """``queries/NAME.rq`` when under the working directory, else the path as given."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _header(path: Path, text: str, *, required: bool = True) -> dict[str, Any]:
    """The YAML of the leading ``#+`` lines (blank lines and plain comments may sit between them)."""
    lines: list[str] = []
    numbers: list[int] = []  # the file line of each header line, for error messages
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped.startswith("#+"):
            numbers.append(number)
            body = stripped[2:]
            lines.append(body[1:] if body.startswith(" ") else body)
        elif stripped and not stripped.startswith("#"):
            break
    if not lines:
        if not required:
            return {}
        raise QueryError(f"{_display(path)}:1: no `#+ summary:` header; start the file with grlc `#+` lines")
    try:
        data = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = numbers[min(mark.line, len(numbers) - 1)] if mark is not None else numbers[0]
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise QueryError(
            f"{_display(path)}:{line}: the `#+` header is not valid YAML ({problem}); fix it"
        ) from exc
    if not isinstance(data, dict):
        raise QueryError(f"{_display(path)}:{numbers[0]}: the `#+` header must be `key: value` lines; fix it")
    return data


def _params(text: str) -> tuple[QueryParam, ...]:
    names = sorted(set(_PARAM.findall(sparql_code_mask(text))))
    params: list[QueryParam] = []
    for name in names:
        required = not name.startswith("__")
        public = name.lstrip("_")
        kind, datatype, base = "literal", None, public
        if public.endswith("_iri"):
            kind, base = "iri", public[: -len("_iri")]
        elif match := _XSD_SUFFIX.search(public):
            local = match.group(1)
            datatype = f"{XSD}{local}"
            kind = local if local in ("date", "integer", "decimal", "boolean") else "typed"
            base = public[: match.start()]
        params.append(QueryParam(name, public, required, kind, datatype, base if base != public else None))
    # an alias names one parameter only: ``?_x`` and ``?_x_iri`` would both claim ``x``
    taken = [p.public for p in params] + [p.alias for p in params if p.alias]
    return tuple(
        p if p.alias is None or taken.count(p.alias) == 1 else
        QueryParam(p.name, p.public, p.required, p.kind, p.datatype, None)
        for p in params
    )


def _check_syntax(path: Path, text: str) -> None:
    """Parse with pyoxigraph (the engine that runs it) so a mistake points at its file line."""
    try:
        answer = pyoxigraph.Store().query(text)
    except SyntaxError as exc:
        message = str(exc)
        match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
        line, detail = (match.group(1), match.group(3)) if match else ("1", message)
        detail = " ".join(detail.split())  # one line: pyoxigraph lists the expected tokens over several
        if len(detail) > 160:
            detail = detail[:157] + "..."
        raise QueryError(f"{_display(path)}:{line}: SPARQL syntax error: {detail}; fix the query") from exc
    except RuntimeError:
        return  # parsed; evaluation problems on an empty store are not syntax errors
    if not isinstance(answer, pyoxigraph.QuerySolutions):
        raise QueryError(f"{_display(path)}:1: saved queries must be SELECT queries; rewrite it as a SELECT")


def _string_list(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise QueryError(f"{_display(path)}: header `{key}` must be a list of names; fix the `#+` lines")


def _pairs(path: Path, key: str, value: Any) -> tuple[tuple[str, str], ...]:
    """A mapping, or grlc's list of one-key mappings, as (name, value) pairs."""
    if value is None:
        return ()
    items: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
        items = [item for entry in value for item in entry.items()]
    else:
        raise QueryError(f"{_display(path)}: header `{key}` must map parameter names to values; fix it")
    out: list[tuple[str, str]] = []
    for name, raw in items:
        if isinstance(raw, bool):
            raw = "true" if raw else "false"
        elif isinstance(raw, dt.date):  # YAML reads 2024-01-01 as a date
            raw = raw.isoformat()
        out.append((str(name), str(raw)))
    return tuple(out)


def parse_query_file(path: Path, *, saved: bool = True) -> SavedQuery:
    """Read and check one ``.rq`` file: header, parameters, SPARQL syntax.

    A saved query (in ``queries/``) needs its ``#+ summary:`` header; an ad-hoc file
    (``saved=False``, ``statementkg query my.rq``) may have none.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{_display(path)}: no such query file; check the path") from None
    except OSError as exc:
        raise QueryError(f"{_display(path)}: cannot read the query ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise QueryError(f"{_display(path)}: not UTF-8 text; save it as UTF-8") from exc
    return parse_query_text(text, path, saved=saved)


def parse_query_text(text: str, path: Path, *, saved: bool = True) -> SavedQuery:
    """Check a query given as text (``path`` names it in messages; ``<stdin>`` for ``-``)."""
    header = _header(path, text, required=saved)
    unknown = sorted(set(header) - _HEADER_KEYS)
    if unknown:
        known = ", ".join(sorted(_HEADER_KEYS))
        raise QueryError(f"{_display(path)}: unknown header {unknown[0]!r}; use {known}")
    summary = header.get("summary", "" if not saved else None)
    if not isinstance(summary, str) or (saved and not summary.strip()):
        raise QueryError(f"{_display(path)}:1: the header needs `#+ summary: <one line>`; add it")
    description = header.get("description") or ""
    if not isinstance(description, str):
        raise QueryError(f"{_display(path)}: header `description` must be text; fix the `#+` lines")
    _check_syntax(path, text)
    query = SavedQuery(
        name=path.stem,
        path=path,
        text=text,
        summary=summary.strip(),
        description=" ".join(description.split()),
        tags=_string_list(path, "tags", header.get("tags")),
        params=_params(text),
        defaults=_pairs(path, "defaults", header.get("defaults")),
        example=_pairs(path, "example", header.get("example")),
        one_of=_string_list(path, "one_of", header.get("one_of")),
        enumerate=_string_list(path, "enumerate", header.get("enumerate")),
    )
    named = (*(k for k, _ in query.defaults), *(k for k, _ in query.example), *query.one_of, *query.enumerate)
    for key in named:
        try:
            query.param(key)
        except QueryError as exc:
            raise QueryError(f"{_display(path)}: the header names {exc}") from None
    return query


def _folder(folder: Path | None) -> Path:
    return resource_dir("queries") if folder is None else Path(folder)


def list_queries(folder: Path | None = None) -> list[SavedQuery]:
    """Every saved query in ``folder`` (default: the project's ``queries/``), by name."""
    return [parse_query_file(p) for p in sorted(_folder(folder).glob("*.rq"), key=lambda p: p.stem)]


def load_query(name: str, folder: Path | None = None) -> SavedQuery:
    """The saved query ``NAME`` (``queries/NAME.rq``), or an ad-hoc query file when ``name`` is a
    path to one (it ends in ``.rq`` or ``.sparql``); the error lists the names there are."""
    if name.endswith((".rq", ".sparql")):
        return parse_query_file(Path(name), saved=False)
    base = _folder(folder)
    path = base / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name) or not path.is_file():
        names = ", ".join(sorted(p.stem for p in base.glob("*.rq"))) or "(none)"
        raise QueryError(f"no saved query {name!r} in {_display(base)}; choose one of: {names}")
    return parse_query_file(path)


# ---------------------------------------------------------------- parameters


def parse_param_args(args: Sequence[str]) -> dict[str, str]:
    """``["from=2024-01-01", "to=2024-12-31"]`` (CLI ``--param``) as a mapping; later ones win."""
    out: dict[str, str] = {}
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise QueryError(f"--param {shown!r}: not valid UTF-8 text; give the value in UTF-8") from None
        name, sep, value = arg.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(f"--param {arg!r}: expected name=value")
        out[name] = value
    return out


def _term(query: SavedQuery, param: QueryParam, value: str) -> Term:
    where = f"parameter {param.label!r} of query {query.name!r}"
    if param.kind == "iri":
        return URIRef(expand_iri(value, where, param.hint))
    if param.kind == "date":
        try:
            if not _DATE.match(value):
                raise ValueError(value)
            dt.date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"{where}: {value!r} is not a date; give {param.hint}") from None
        return Literal(value, datatype=XSD.date)
    if param.kind == "integer":
        if not _INTEGER.match(value):
            raise QueryError(f"{where}: {value!r} is not a whole number; give {param.hint}")
        return Literal(value, datatype=XSD.integer)
    if param.kind == "decimal":
        try:
            Decimal(value)
        except InvalidOperation:
            raise QueryError(f"{where}: {value!r} is not a number; give {param.hint}") from None
        return Literal(value, datatype=XSD.decimal)
    if param.kind == "boolean":
        if value not in ("true", "false", "1", "0"):
            raise QueryError(f"{where}: {value!r} is not true or false; give {param.hint}")
        return Literal(value, datatype=XSD.boolean)
    if param.kind == "typed":
        assert param.datatype is not None
        return Literal(value, datatype=URIRef(param.datatype))
    return Literal(value)


#: URI schemes taken as absolute IRIs; any other ``x:`` must be one of the project's prefixes
IRI_SCHEMES = frozenset({"http", "https", "urn", "mailto", "tag", "ftp", "file", "did", "doi", "info"})


def expand_iri(value: str, where: str = "the value", hint: str = "an absolute IRI") -> str:
    """An absolute IRI from ``value``: a prefixed name (``id:event/southport-attack``) is expanded
    with the project's prefix map; a value whose scheme is neither a prefix nor a known URI scheme
    is refused (a typo would otherwise match nothing, silently).

    >>> expand_iri("id:event/southport-attack")
    'https://w3id.org/statementkg/id/event/southport-attack'
    """
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    expanded = expand_prefixed(value)
    if expanded is not None:
        value = expanded
    elif not _SCHEME.match(value):
        raise QueryError(f"{where}: {value!r} is not an absolute IRI (it needs a scheme such as https: "
                         f"or a prefix such as id:); give {hint}")
    else:
        scheme = value.split(":", 1)[0].lower()
        if scheme not in IRI_SCHEMES:
            prefixes = ", ".join(sorted(ALL_PREFIXES))
            raise QueryError(f"{where}: {value!r}: {scheme!r} is neither a known prefix ({prefixes}) nor a "
                             f"URI scheme statementkg knows ({', '.join(sorted(IRI_SCHEMES))}); "
                             "give a full IRI or a prefixed name")
    problem = iri_problem(value)
    if problem is not None:
        raise QueryError(f"{where}: {value!r}: {problem}; give {hint}")
    return value


def bind_params(query: SavedQuery, values: Mapping[str, str]) -> dict[str, Term]:
    """Check ``values`` against the query's parameters and turn them into RDF terms.

    Keys are public names (``person_iri``), aliases (``person``) or variable names
    (``_person_iri``); the result is keyed by variable name.  Header ``defaults`` fill in
    what is not given.
    """
    given: dict[str, str] = {}
    for key, value in values.items():
        param = query.param(key)
        if param.name in given:
            raise QueryError(
                f"parameter {param.label!r} of query {query.name!r} is given twice; give it once"
            )
        given[param.name] = value
    for key, value in query.defaults:
        given.setdefault(query.param(key).name, value)
    for param in query.params:
        if param.required and param.name not in given:
            example = dict(query.example).get(param.public) or dict(query.example).get(param.alias or "")
            shown = f"{param.label}={example}" if example else f"{param.label}=VALUE"
            raise QueryError(
                f"query {query.name!r} needs parameter {param.label!r} ({param.hint}); give {shown}"
            )
    if query.one_of and not any(query.param(k).name in given for k in query.one_of):
        choices = ", ".join(query.one_of)
        raise QueryError(f"query {query.name!r} needs one of the parameters {choices}; give one")
    by_name = {p.name: p for p in query.params}
    return {name: _term(query, by_name[name], value) for name, value in sorted(given.items())}


# ---------------------------------------------------------------- running


def run_query(store: Store, query: SavedQuery, values: Mapping[str, str] | None = None) -> QueryResult:
    """Run a saved query on ``store``; the echoed parameter columns are dropped from the result."""
    bindings = bind_params(query, values or {})
    result = store.query(query.text, bindings)
    return result.without(p.name for p in query.params)


_HAS_SLICE = re.compile(r"\b(?:LIMIT|OFFSET)\s+\d", re.IGNORECASE)


def paged(query: SavedQuery, limit: int | None, offset: int = 0) -> tuple[SavedQuery, bool]:
    """``query`` restricted to ``limit`` rows after the first ``offset`` (its own ORDER BY keeps
    pages stable), and whether the engine does it; when the text already slices its results, the
    query is unchanged and the caller slices the rows (``page_rows``)."""
    if limit is None and not offset:
        return query, True
    if _HAS_SLICE.search(query.text):
        return query, False
    tail = (f"\nLIMIT {int(limit)}" if limit is not None else "") + (f"\nOFFSET {int(offset)}" if offset else "")
    return dataclasses.replace(query, text=query.text.rstrip() + tail + "\n"), True


def page_rows(result: QueryResult, limit: int | None, offset: int = 0) -> QueryResult:
    end = None if limit is None else offset + limit
    return QueryResult(result.variables, result.rows[offset:end])


def run_saved_query(
    name: str, data: str | Path, params: Mapping[str, str] | None = None, *, folder: Path | None = None,
    limit: int | None = None, offset: int = 0,
) -> QueryResult:
    """Load ``queries/NAME.rq``, open ``data`` (a graph file, a store folder or an endpoint URL) and run it.

    ``limit`` and ``offset`` page the rows in the query's own order (the engine skips the rest).
    """
    return run_query_on(load_query(name, folder), data, params, limit=limit, offset=offset)


def run_query_on(
    query: SavedQuery, data: str | Path, params: Mapping[str, str] | None = None, *,
    limit: int | None = None, offset: int = 0,
) -> QueryResult:
    """Run ``query`` on ``data`` (a graph file, a store folder or an endpoint URL), paged as asked."""
    bind_params(query, params or {})  # fail on bad parameters before loading a large dataset
    query, by_engine = paged(query, limit, offset)
    with open_store(data) as store:
        result = run_query(store, query, params)
    return result if by_engine else page_rows(result, limit, offset)
