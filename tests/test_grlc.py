"""The saved queries published with grlc unchanged: grlc's own substitution rules applied to each.

grlc (CLARIAH/grlc, ``gquery.get_parameters`` and ``gquery.rewrite_query``) finds parameters in
the variables of rdflib's algebra with a BASIL pattern, and substitutes a value by replacing
every occurrence of the variable's text (``?_from_xsd_date``) in the query, SELECT clause
included; an ``xsd:`` datatype adds ``PREFIX xsd:`` before every ``SELECT`` unless the query has
that exact line.  These rules are restated here (not imported: grlc is a web service, not a
dependency) and applied to every query with its example values; the result must parse with
rdflib and give the rows statementkg's own runner gives.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib.plugins.sparql.parser import Query
from rdflib.plugins.sparql.processor import translateQuery

from statementkg.queries import list_queries, run_query
from statementkg.store import EmbeddedStore

XSD_PREFIX = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>"
#: grlc's BASIL pattern for a parameter variable (gquery.get_parameters)
VARIABLE = re.compile(
    r"(?P<required>[_]{1,2})(?P<name>[^_]+)_?(?P<type>[a-zA-Z0-9]+)?_?(?P<userdefined>[a-zA-Z0-9]+)?.*$")
#: grlc's static.XSD_DATATYPES (the XSD types a bare suffix names)
XSD_DATATYPES = ("decimal", "float", "double", "integer", "positiveInteger", "negativeInteger",
                 "nonPositiveInteger", "nonNegativeInteger", "long", "int", "short", "byte", "unsignedLong",
                 "unsignedInt", "unsignedShort", "unsignedByte", "dateTime", "date", "gYearMonth", "gYear",
                 "duration", "gMonthDay", "gDay", "gMonth", "string", "normalizedString", "token", "language",
                 "NMTOKEN", "NMTOKENS", "Name", "NCName", "ID", "IDREFS", "ENTITY", "ENTITIES", "QName",
                 "boolean", "hexBinary", "base64Binary", "anyURI", "notation")


def grlc_decorators(rq: str) -> tuple[dict[str, Any], str]:
    """``get_yaml_decorators``: the ``#+`` lines as YAML, and the query without them."""
    header = "\n".join(row.lstrip("#+") for row in rq.split("\n") if row.startswith("#+"))
    query = "\n".join(row for row in rq.split("\n") if not row.startswith("#+"))
    return yaml.safe_load(header) or {}, query


def grlc_parameters(rq: str) -> dict[str, dict[str, Any]]:
    """``get_parameters`` over the variables of rdflib's algebra."""
    parsed = translateQuery(Query.parseString(rq, parseAll=True))
    assert parsed.algebra.name == "SelectQuery"
    out: dict[str, dict[str, Any]] = {}
    for v in parsed.algebra["_vars"]:
        v = str(v)
        if re.match(r"__agg_\d+__", v):
            continue
        match = VARIABLE.match(v)
        if not match:
            continue
        param: dict[str, Any] = {"original": f"?{v}", "required": match.group("required") == "_", "type": "string"}
        mtype, user = match.group("type"), match.group("userdefined")
        if mtype in ("number", "literal", "string"):
            param["type"] = mtype
        elif mtype == "iri":
            param["format"] = "iri"
        elif mtype:
            if mtype in XSD_DATATYPES:
                param["datatype"] = f"xsd:{mtype}"
            elif len(mtype) == 2:
                param["lang"] = mtype
            elif user:
                param["datatype"] = f"{mtype}:{user}"
        out[match.group("name")] = param
    return out


def grlc_rewrite(query: str, parameters: dict[str, dict[str, Any]], args: dict[str, str]) -> str:
    """``rewrite_query``: textual replacement of each given parameter."""
    required = {k for k, p in parameters.items() if p["required"]}
    assert required <= set(args), f"grlc would refuse the request: {required - set(args)} missing"
    require_xsd = False
    for name, p in parameters.items():
        v = args.get(name)
        if not v:
            continue
        if p["type"] == "number":
            query = query.replace(p["original"], v)
        elif p.get("format") == "iri":
            query = query.replace(p["original"], f"<{v}>")
        elif p.get("lang"):
            query = query.replace(p["original"], f'"{v}"@{p["lang"]}')
        elif p.get("datatype"):
            query = query.replace(p["original"], f'"{v}"^^{p["datatype"]}')
            require_xsd = require_xsd or "xsd" in p["datatype"]
        else:
            query = query.replace(p["original"], f'"{v}"')
    if require_xsd and XSD_PREFIX not in query:
        query = query.replace("SELECT", XSD_PREFIX + "\n\nSELECT")
    return query


def _full_iri(value: str) -> str:
    from statementkg.queries import expand_iri

    return expand_iri(value)


QUERIES = list_queries()


@pytest.fixture(scope="module")
def sample(sample_trig: Path) -> EmbeddedStore:
    return EmbeddedStore.from_file(sample_trig)


@pytest.mark.parametrize("saved", QUERIES, ids=[q.name for q in QUERIES])
def test_every_query_names_its_endpoint_for_grlc(saved: Any) -> None:
    decorators, _ = grlc_decorators(saved.text)
    assert str(decorators.get("endpoint", "")).startswith(("http://", "https://")), saved.name


@pytest.mark.parametrize("saved", QUERIES, ids=[q.name for q in QUERIES])
def test_grlc_substitution_gives_a_query_that_parses_and_answers_alike(saved: Any, sample: EmbeddedStore) -> None:
    _decorators, query = grlc_decorators(saved.text)
    parameters = grlc_parameters(query)
    assert {p["original"] for p in parameters.values()} == {f"?{p.name}" for p in saved.params}
    # the example values, and each optional parameter on its own as well
    example = dict(saved.example)
    cases = [example] + [
        {k: v for k, v in example.items() if saved.param(k).required or k == name}
        for name in example if not saved.param(name).required
    ]
    for args in cases:
        grlc_args = {}
        for key, value in args.items():
            match = VARIABLE.match(saved.param(key).name)
            assert match is not None
            name = match.group("name")  # grlc's name for it: the API's query-string key
            grlc_args[name] = _full_iri(value) if parameters[name].get("format") == "iri" else value
        rewritten = grlc_rewrite(query, parameters, grlc_args)
        Query.parseString(rewritten, parseAll=True)  # rdflib parses what grlc sends
        translateQuery(Query.parseString(rewritten, parseAll=True))
        by_grlc = sample.query(rewritten)
        ours = run_query(sample, saved, args)
        assert by_grlc.variables == ours.variables, saved.name
        assert by_grlc.rows == ours.rows, saved.name
