"""SHACL validation of a built graph: pySHACL with ontology/shapes.ttl, results as a typed report.

The union of all named graphs is validated as one data graph (an event may live in the entities
graph while the annotations quoting it live in a statement graph), with ontology/statementkg.ttl
added so that targets on ``sem:Event`` reach every event class through ``rdfs:subClassOf``.  No
inference is run: the class and property hierarchies are all the shapes need, and RDFS inference
nearly doubles the time (measured in ontology/README.md, "Speed").

Conformance follows the severities in shapes.ttl: a report conforms when it has no
``sh:Violation``; warnings and infos are reported but never break conformance.  ``validate()``
never raises for data that does not conform; it raises ``OntologyError`` only when the shapes or
the ontology cannot be loaded or used.

Each result names the statement the focus node is quoted in (through ``skg:evidence`` ->
``oa:hasTarget`` -> ``oa:hasSource``) and the quote, so a reader can go straight to the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Processor, Result
from rdflib.term import Identifier, Node

from .errors import OntologyError
from .namespaces import ID, OA, PREFIXES, RDF, SH, SKG, XSD
from .resources import resource_dir

#: Namespace of the shapes in shapes.ttl (shape, property shape and constraint IRIs).
SKGSH = "https://w3id.org/statementkg/shapes#"
_STATEMENT_BASE = str(ID["statement/"])


class Severity(StrEnum):
    """SHACL result severities, most severe first."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def iri(self) -> URIRef:
        return _SEVERITY_IRI[self]

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        for severity, known in _SEVERITY_IRI.items():
            if iri == known:
                return severity
        # SHACL allows custom severities; treat them as the most severe so nothing slips through
        return cls.VIOLATION


_RANK = {Severity.VIOLATION: 0, Severity.WARNING: 1, Severity.INFO: 2}
_SEVERITY_IRI = {Severity.VIOLATION: SH.Violation, Severity.WARNING: SH.Warning, Severity.INFO: SH.Info}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, with the statement and quote that locate it in the sources.

    ``constraint`` is the most specific stable name of the rule that fired: the SPARQL constraint's
    IRI, else the (property) shape's IRI, else the constraint component's IRI.
    """

    focus: str
    path: str | None
    severity: Severity
    message: str
    constraint: str
    value: str | None
    statement: str | None
    quote: str | None
    shape: str | None = None
    component: str | None = None
    #: the RDF terms as pySHACL reported them, for the Turtle report (not part of equality)
    terms: tuple[Node | None, Node | None, Node | None] = field(
        default=(None, None, None), compare=False, repr=False
    )

    @property
    def statement_stem(self) -> str | None:
        """The statement's file stem when its IRI is one statementkg minted, else the IRI."""
        if self.statement is None:
            return None
        if self.statement.startswith(_STATEMENT_BASE):
            return self.statement[len(_STATEMENT_BASE) :]
        return self.statement

    def sort_key(self) -> tuple[int, str, str, str, str, str, str]:
        return (
            self.severity.rank, self.statement or "", self.focus, self.path or "", self.constraint,
            self.value or "", self.message,
        )


@dataclass(frozen=True)
class SeverityCounts:
    """How many results of each severity a report holds."""

    violation: int = 0
    warning: int = 0
    info: int = 0

    def __getitem__(self, severity: Severity) -> int:
        return {Severity.VIOLATION: self.violation, Severity.WARNING: self.warning,
                Severity.INFO: self.info}[severity]

    def __str__(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return ", ".join((plural(self.violation, "violation"), plural(self.warning, "warning"),
                          f"{self.info} info"))


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of ``validate``: conforms when there is no Violation (warnings do not count).

    ``results`` are sorted by severity, statement, focus node, path, constraint, value, message,
    so the same graph always gives the same report.
    """

    conforms: bool
    results: tuple[ValidationResult, ...]

    @property
    def counts(self) -> SeverityCounts:
        n = {severity: 0 for severity in Severity}
        for r in self.results:
            n[r.severity] += 1
        return SeverityCounts(n[Severity.VIOLATION], n[Severity.WARNING], n[Severity.INFO])

    def by_severity(self, severity: Severity) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity is severity)

    def structural_violations(self, consistency_shapes: frozenset[str]) -> tuple[ValidationResult, ...]:
        """Violations that say the graph is malformed, leaving out those of ``consistency_shapes``
        (sources that contradict each other in time, which ``build`` reports but still writes)."""
        return tuple(
            r for r in self.results if r.severity is Severity.VIOLATION and r.shape not in consistency_shapes
        )

    def to_text(self) -> str:
        """One block per result (severity and rule, statement, quote, message, focus), then a summary.

        >>> print(ValidationReport(True, ()).to_text())
        conforms: 0 violations, 0 warnings, 0 info
        """
        blocks: list[str] = []
        for r in self.results:
            lines = [f"{r.severity.value}: {_compact(r.constraint)}"]
            lines.append(f"  statement: {r.statement_stem or '(none)'}")
            if r.quote is not None:
                lines.append(f"  quote: {_quoted(r.quote)}")
            lines.append(f"  message: {r.message}")
            lines.append(f"  focus: {r.focus}")
            if r.path is not None:
                lines.append(f"  path: {_compact(r.path)}")
            if r.value is not None:
                is_term = isinstance(r.terms[1], (URIRef, BNode))
                lines.append(f"  value: {r.value if is_term else _quoted(r.value, 200)}")
            blocks.append("\n".join(lines))
        verdict = "conforms" if self.conforms else "does not conform"
        blocks.append(f"{verdict}: {self.counts}")
        return "\n\n".join(blocks) + "\n"

    def summary(self, limit: int = 10) -> str:
        """A few lines instead of one block per result: one line per rule with its count and an example.

        >>> print(ValidationReport(True, ()).summary())
        conforms: 0 violations, 0 warnings, 0 info
        """
        groups: dict[tuple[Severity, str], list[ValidationResult]] = {}
        for r in self.results:
            groups.setdefault((r.severity, r.constraint), []).append(r)
        ordered = sorted(groups.items(), key=lambda item: (item[0][0].rank, -len(item[1]), item[0][1]))
        verdict = "conforms" if self.conforms else "does not conform"
        lines = [f"{verdict}: {self.counts}"]
        for (severity, constraint), results in ordered[:limit]:
            first = results[0]
            where = f" (first in {first.statement_stem})" if first.statement_stem else ""
            lines.append(f"  {len(results):>4} {severity.value}: {_compact(constraint)}: {first.message}{where}")
        if len(ordered) > limit:
            lines.append(f"  ... and {len(ordered) - limit} more rules")
        return "\n".join(lines) + "\n"

    def to_turtle(self) -> str:
        """The report as a SHACL ``sh:ValidationReport`` in Turtle, byte-identical for the same results."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, override=True, replace=True)
        g.bind("skgsh", SKGSH)
        g.bind("id", str(ID))
        report = BNode("report")
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(self.conforms)))
        for i, r in enumerate(self.results):
            node = BNode(f"result{i:06d}")
            focus_term, value_term, path_term = r.terms
            g.add((report, SH.result, node))
            g.add((node, RDF.type, SH.ValidationResult))
            g.add((node, SH.focusNode, focus_term if focus_term is not None else URIRef(r.focus)))
            g.add((node, SH.resultSeverity, r.severity.iri))
            g.add((node, SH.resultMessage, Literal(r.message)))
            if r.shape is not None:
                g.add((node, SH.sourceShape, URIRef(r.shape)))
            if r.component is not None:
                g.add((node, SH.sourceConstraintComponent, URIRef(r.component)))
            if r.constraint not in (r.shape, r.component):
                g.add((node, SH.sourceConstraint, URIRef(r.constraint)))
            if isinstance(path_term, URIRef):
                g.add((node, SH.resultPath, path_term))
            if value_term is not None and not isinstance(value_term, BNode):
                g.add((node, SH.value, value_term))
            elif r.value is not None:
                g.add((node, SH.value, Literal(r.value)))
        return g.serialize(format="turtle")


def _compact(iri: str) -> str:
    if iri.startswith(SKGSH):
        return "skgsh:" + iri[len(SKGSH) :]
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[A-Za-z_][\w.-]*", iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _quoted(text: str, limit: int = 0) -> str:
    flat = " ".join(text.split())
    if limit and len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"“{flat}”"


# ---------------------------------------------------------------- loading


def _parse_turtle(path: Path, what: str) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise OntologyError(f"{path}: {what} not found; reinstall statementkg or restore the file") from exc
    except Exception as exc:  # rdflib raises many parser error types; all mean the same here
        detail = " ".join(str(exc).split())[:300]
        raise OntologyError(f"{path}: cannot parse {what} ({detail}); fix the Turtle syntax") from exc
    if len(g) == 0:
        raise OntologyError(f"{path}: {what} is empty; restore the file")
    return g


def shapes_path() -> Path:
    return resource_dir("ontology") / "shapes.ttl"


def ontology_path() -> Path:
    return resource_dir("ontology") / "statementkg.ttl"


def load_shapes(path: Path | None = None) -> Graph:
    """The SHACL shapes graph (default ontology/shapes.ttl); ``OntologyError`` if it cannot be read."""
    return _parse_turtle(path or shapes_path(), "SHACL shapes")


def consistency_shapes(shapes: Graph | None = None) -> frozenset[str]:
    """IRIs of the shapes marked ``skgsh:kind skgsh:SourceConsistency`` in the shapes graph."""
    g = shapes if shapes is not None else load_shapes()
    kind, consistency = URIRef(SKGSH + "kind"), URIRef(SKGSH + "SourceConsistency")
    return frozenset(str(s) for s in g.subjects(kind, consistency))


def event_classes_path() -> Path:
    return resource_dir("ontology") / "event-classes.ttl"


def load_ontology(path: Path | None = None) -> Graph:
    """The statementkg ontology: ontology/statementkg.ttl with the event classes generated from the schema
    (ontology/event-classes.ttl); ``OntologyError`` if either cannot be read."""
    g = _parse_turtle(path or ontology_path(), "ontology")
    if path is None:
        for triple in _parse_turtle(event_classes_path(), "event classes"):
            g.add(triple)
    return g


# ---------------------------------------------------------------- validation


@lru_cache(maxsize=128)
def _prepare(text: str) -> Query:
    """Parse a SPARQL query once per process (the shapes' constraint texts never change)."""
    return prepareQuery(text)


def _canonical_prologue(text: str) -> str:
    """The query with its leading PREFIX lines sorted (pySHACL emits them in varying order)."""
    lines = text.split("\n")
    i = 0
    while i < len(lines) and (lines[i].startswith("PREFIX ") or not lines[i].strip()):
        i += 1
    prologue = sorted(line for line in lines[:i] if line.strip())
    return "\n".join([*prologue, *lines[i:]])


class _ValidationGraph(Graph):
    """A plain graph that parses each SPARQL text once.

    pySHACL sends a SPARQL-based constraint's text to ``query`` once per focus node, and parsing
    costs far more than evaluating: the parsed query is the same for every focus node (only
    ``initBindings`` differ), so it is prepared once and reused.
    """

    def query(
        self,
        query_object: str | Query,
        processor: str | Processor = "sparql",
        result: str | type[Result] = "sparql",
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Identifier] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and not initNs and not kwargs:
            query_object = _prepare(_canonical_prologue(query_object))
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def data_graph(data: Dataset | Graph, ontology: Graph | None = None) -> Graph:
    """One plain graph holding every triple of every named graph of ``data``, plus ``ontology``."""
    g = _ValidationGraph()
    if isinstance(data, Dataset):  # every named graph and the default one
        for s, p, o, _ctx in data.quads((None, None, None, None)):
            g.add((s, p, o))
    else:  # a plain graph (a ConjunctiveGraph iterates over the union of its graphs)
        for triple in data:
            g.add(triple)
    if ontology is not None:
        for triple in ontology:
            g.add(triple)
    return g


#: below this many triples, a pool of validation workers costs more than it saves
PARALLEL_MIN_TRIPLES = 50_000


def validate(
    data: Dataset | Graph, *, shapes: Graph | None = None, fast: bool = True, store: Any = None,
    jobs: int | None = None,
) -> ValidationReport:
    """Validate a dataset (all named graphs together) or a graph against the statementkg shapes.

    ``data`` is an ``rdflib.Dataset`` or any ``rdflib.Graph``; ``shapes`` defaults to
    ``load_shapes()``.  Returns a report whatever the data; raises ``OntologyError`` only when the
    shapes or the ontology are broken.

    ``fast`` (the default) copies the data into a pyoxigraph store (or uses ``store``, one already
    holding exactly ``data``) and validates it with ``validate_store``; ``fast=False`` is plain
    pySHACL on every focus node.  The two give the same report (tests/test_validate_fast.py
    checks it on every shapes fixture).
    """
    shapes_graph = load_shapes() if shapes is None else shapes
    if not fast:
        graph = data_graph(data, load_ontology())
        found = set(_read_results(_run_pyshacl(graph, shapes_graph), _Locator(graph)))
        return _report(found)
    return validate_store(store if store is not None else _oxigraph_of(data), shapes=shapes_graph, jobs=jobs)


def _report(found: Iterable[ValidationResult]) -> ValidationReport:
    results = tuple(sorted(set(found), key=ValidationResult.sort_key))
    conforms = not any(r.severity is Severity.VIOLATION for r in results)
    return ValidationReport(conforms=conforms, results=results)


#: the graph of the validation store that holds the ontology while a validation runs
_ONTOLOGY_GRAPH = "urn:x-statementkg:validation-ontology"


def validate_store(
    store: Any, *, shapes: Graph | None = None, jobs: int | None = None, location: Path | None = None
) -> ValidationReport:
    """Validate the union of the named graphs of a pyoxigraph ``store``, in time linear in its size.

    SPARQL finds the focus nodes that may fail a shape, and pySHACL decides on those alone:

    * each shape's core constraints become one query on the store (``shape_queries``: it never
      misses a failing node, and may find nodes that conform);
    * each SPARQL-based constraint runs once as a whole-graph query, finding its focus nodes;
    * pySHACL then validates just those nodes, per shape, on the part of the data around them
      (every triple of every node within ``NEIGHBOURHOOD`` steps, and the triples pointing at
      them) with the ontology, so every result (message, value, path) is pySHACL's own.

    The ontology is put into the store in a graph of its own for the duration (so targets reach
    every subclass, as in pySHACL's run on data and ontology together) and taken out again.
    ``jobs`` worker processes share the pySHACL runs (default: every core when there are many);
    when the store is on disk at ``location``, they share the SPARQL queries too, each opening it
    read-only (a query holds the interpreter while its answers are read, so threads would not).
    """
    import pyoxigraph as ox

    from .results import term_to_oxigraph
    from .shape_queries import shape_queries, subclass_closure

    shapes_graph = load_shapes() if shapes is None else shapes
    ontology = load_ontology()
    name = ox.NamedNode(_ONTOLOGY_GRAPH)
    store.extend(ox.Quad(term_to_oxigraph(s), term_to_oxigraph(p), term_to_oxigraph(o), name)  # type: ignore[arg-type]
                 for s, p, o in ontology)
    try:
        classes = Graph()
        for row in store.query(f"SELECT ?s ?o WHERE {{ ?s <{RDFS.subClassOf}> ?o }}", use_default_graph_as_union=True):
            classes.add((_rdf(row["s"]), RDFS.subClassOf, _rdf(row["o"])))
        core = Graph()
        for triple in shapes_graph:
            if triple[1] != SH.sparql:
                core.add(triple)
        runs: list[_Run] = [_Run(core, None, (_PROBE,), _NOTHING)]  # broken core shapes are an error whatever the data
        whole = False
        focus: set[str] = set()
        pairs: list[tuple[str, str]] = []
        core_queries = shape_queries(core, subclass_closure(classes, shapes_graph))
        sparql = _sparql_constraint_specs(shapes_graph)
        # a store of many statements (about 1,000 quads a graph) is worth a pool of query workers
        graphs = sum(1 for _ in store.named_graphs()) if location is not None else 0
        workers = _workers(jobs, graphs * 1_000)
        texts = [(str(q.shape), q.query) for q in core_queries if q.query is not None]
        texts += [(str(spec.constraint), spec.text) for spec in sparql if spec.text is not None]
        answers = iter(_run_focus_queries(store, location, texts, workers))
        for shape_query in core_queries:
            hits = None if shape_query.query is None else next(answers)
            if hits is None:
                # targets we cannot translate, or blank nodes: pySHACL on the whole data, for this
                # shape alone (the other shapes' targets taken away)
                whole = True
                runs.append(_Run(_targeting_only(core, (str(shape_query.shape),)), None, None, None))
            else:
                focus.update(hits)
                pairs.extend((str(shape_query.shape), hit) for hit in hits)
        # the core pass: each shape targets exactly its candidates (sh:targetNode), so pySHACL
        # judges them with its ordinary semantics, nested shapes included (its focus_nodes option
        # would also skip the value nodes of sh:or and sh:qualifiedValueShape); one run per worker
        workers = _workers(jobs, len(pairs) * 50)
        share = max(1, -(-len(pairs) // workers))
        for i in range(0, len(pairs), share):
            runs.append(_Run(_targeting_nodes(core, pairs[i : i + share]), None, None, None))
        for spec in sparql:
            hits = None if spec.text is None else next(answers)
            if spec.text is None:
                # not a form this translation knows: pySHACL alone, on every focus node of the shape
                whole = True
                runs.append(_Run(spec.only, None, None, spec.constraint))
            elif hits is None:
                whole = True
                runs.append(_Run(spec.only, (str(spec.shape),), None, spec.constraint))
            else:
                focus.update(hits)
                # with no hit, pySHACL still runs the constraint once, on a node absent from the
                # data, so that a constraint it cannot use is an error whatever the data
                runs.append(_Run(spec.only, (str(spec.shape),), tuple(hits or [_PROBE]), spec.constraint))
        # everything when some shape needs it, else only what the focus nodes need
        graph = data_graph(_dataset_of(store), ontology) if whole else _neighbourhood(store, focus, ontology)
        found = set(_execute(graph, runs, _workers(jobs, len(focus) * 50)))
    finally:
        store.remove_graph(name)
    return _report(found)


#: a ``keep`` that keeps no result (the probe run only checks that the shapes can be used)
_NOTHING = URIRef("urn:x-statementkg:no-constraint")

#: how far from a focus node the data pySHACL needs can lie: an event, its evidence annotation,
#: that annotation's target, and the target's source statement or selectors (whose triples hold
#: the quote and the statement's date)
NEIGHBOURHOOD = 3
#: a predicate with more values than this at one node is not walked (see ``_neighbourhood``)
FANOUT = 25


def _rdf(term: Any) -> Node:
    from .results import term_from_oxigraph

    return term_from_oxigraph(term)


def _focus_nodes(store: Any, query: str, shape: str) -> list[str] | None:
    """The IRIs ``query`` finds as ``?this``; None when it finds a blank node (pySHACL's
    ``focus_nodes`` take IRIs only, so that shape must be checked on the whole data)."""
    import pyoxigraph as ox

    try:
        answer = store.query(query, use_default_graph_as_union=True)
    except (SyntaxError, RuntimeError, ValueError, OSError) as exc:
        raise _unusable_shapes(f"{shape}: {exc}") from exc
    assert isinstance(answer, ox.QuerySolutions)
    hits: set[str] = set()
    for row in answer:
        node = row["this"]
        if isinstance(node, ox.NamedNode):
            hits.add(node.value)
        elif node is not None:
            return None
    return sorted(hits)


def _dataset_of(store: Any) -> Graph:
    """Every triple of ``store`` but the ontology's (``data_graph`` adds the ontology itself)."""
    g = Graph()
    for q in store.quads_for_pattern(None, None, None, None):
        if getattr(q.graph_name, "value", None) != _ONTOLOGY_GRAPH:
            g.add((_rdf(q.subject), _rdf(q.predicate), _rdf(q.object)))
    return g


def _neighbourhood(store: Any, focus: Iterable[str], ontology: Graph) -> Graph:
    """The triples pySHACL needs to judge ``focus``: every triple of every node within
    ``NEIGHBOURHOOD`` outgoing steps of a focus node, the triples pointing at a focus node (and
    what lies within two steps of their subjects), and the ontology."""
    import pyoxigraph as ox

    from .results import memo_converter

    g = _ValidationGraph()
    for triple in ontology:
        g.add(triple)
    rdf = memo_converter(_rdf)
    seen: set[Any] = set()

    def take(quads: Iterable[Any]) -> tuple[list[Any], Counter[Any]]:
        """The quads, added to the graph, and how many there are of each predicate."""
        kept = list(quads)
        for q in kept:
            g.add((rdf(q.subject), rdf(q.predicate), rdf(q.object)))
        return kept, Counter(q.predicate for q in kept)

    def expand(roots: Iterable[Any], depth: int) -> None:
        frontier = [r for r in roots if r not in seen]
        seen.update(frontier)
        for step in range(depth + 1):
            following: list[Any] = []
            for node in frontier:
                quads, fanout = take(store.quads_for_pattern(node, None, None, None))
                for q in quads:
                    o = q.object
                    # a node's many values of one predicate (a department quoted a thousand times,
                    # an event with hundreds of inferred "after" links) are kept but not walked: no
                    # shape reaches through them; a focus node's own evidence is always walked (the
                    # quote that locates a result is at its end)
                    hub = fanout[q.predicate] > FANOUT and not (step == 0 and q.predicate == evidence)
                    hub = hub or q.predicate in derived
                    if not hub and isinstance(o, (ox.NamedNode, ox.BlankNode)) and o not in seen:
                        seen.add(o)
                        following.append(o)
            frontier = following

    evidence = ox.NamedNode(SKG.evidence)
    # the inferred order is derived from the bounds, which the shapes check themselves: walking
    # its links would reach every event of the corpus
    derived = {ox.NamedNode(SKG.certainlyAfter), ox.NamedNode(SKG.possiblyAfter)}
    roots = [ox.NamedNode(f) for f in sorted(focus)]
    expand(roots, NEIGHBOURHOOD)
    pointing: list[Any] = []
    for node in roots:
        incoming, fanin = take(store.quads_for_pattern(None, None, node, None))
        pointing.extend(q.subject for q in incoming if fanin[q.predicate] <= FANOUT and q.predicate not in derived)
    seen.difference_update(pointing)  # their own triples are wanted even if reached already
    expand(pointing, 2)
    return g


def _run_pyshacl(graph: Graph, shapes: Graph, **options: Any) -> Graph:
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    try:
        _conforms, results_graph, _text = pyshacl.validate(
            graph,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            inplace=True,  # ``graph`` is our private copy: let pySHACL use it without cloning
            allow_infos=True,
            allow_warnings=True,
            abort_on_first=False,
            **options,
        )
    except ReportableRuntimeError as exc:
        raise _unusable_shapes(exc) from exc
    if not isinstance(results_graph, Graph):  # pySHACL returns (not raises) some shape errors
        raise _unusable_shapes(results_graph)
    return results_graph


def _target_pattern(shapes: Graph, shape: Node) -> str | None:
    """The focus nodes of a node shape as a SPARQL pattern binding ``?this``; None when it has
    targets this translation does not know (then pySHACL finds them itself)."""
    if (shape, SH.path, None) in shapes or (shape, SH.target, None) in shapes:
        return None
    if any((shape, RDF.type, c) in shapes for c in (RDFS.Class, OWL.Class)):
        return None  # implicit class target
    parts: list[str] = []
    for c in shapes.objects(shape, SH.targetClass):
        parts.append(f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {c.n3()} .")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"?this {p.n3()} ?skg_target_o .")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"?skg_target_s {p.n3()} ?this .")
    for n in shapes.objects(shape, SH.targetNode):
        parts.append(f"VALUES ?this {{ {n.n3()} }}")
    if not parts:
        return None
    union = " UNION ".join(f"{{ {p} }}" for p in parts)
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _prefix_lines(shapes: Graph, constraint: Node) -> str:
    lines = []
    for declarer in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(declarer, SH.declare):
            prefix, ns = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
            if prefix is not None and ns is not None:
                lines.append(f"PREFIX {prefix}: <{ns}>")
    return "\n".join(sorted(set(lines)))


def _oxigraph_of(data: Dataset | Graph) -> Any:
    """An in-memory pyoxigraph store holding ``data`` (a dataset keeps its graph names)."""
    import pyoxigraph as ox

    from .results import memo_converter, term_to_oxigraph

    store = ox.Store()
    conv = memo_converter(term_to_oxigraph)
    default = ox.NamedNode("urn:x-statementkg:default")
    if isinstance(data, Dataset):
        quads = ((s, p, o, c.identifier if isinstance(c, Graph) else c)
                 for s, p, o, c in data.quads((None, None, None, None)))
        store.extend(ox.Quad(conv(s), conv(p), conv(o), conv(c) if isinstance(c, (URIRef, BNode)) else default)
                     for s, p, o, c in quads)
    else:
        store.extend(ox.Quad(conv(s), conv(p), conv(o), default) for s, p, o in data)
    return store


@dataclass(frozen=True)
class _Run:
    """One pySHACL run: ``shapes`` (restricted to ``use_shapes`` on ``focus_nodes`` when given);
    with ``keep``, only the results of that one SPARQL constraint are kept."""

    shapes: Graph
    use_shapes: tuple[str, ...] | None
    focus_nodes: tuple[str, ...] | None
    keep: Node | None

    def results(self, graph: Graph) -> list[ValidationResult]:
        options: dict[str, Any] = {}
        if self.use_shapes is not None:
            options["use_shapes"] = list(self.use_shapes)
        if self.focus_nodes is not None:
            options["focus_nodes"] = list(self.focus_nodes)
        results_graph = _run_pyshacl(graph, self.shapes, **options)
        if self.keep is not None:
            results_graph = _keep_sparql(results_graph, self.keep)
        return list(_read_results(results_graph, _Locator(graph)))


def _workers(jobs: int | None, triples: int) -> int:
    if jobs is not None:
        return max(1, jobs)
    if triples < PARALLEL_MIN_TRIPLES:
        return 1
    from .engine import default_jobs

    return default_jobs()


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def _targeting_only(shapes: Graph, keep: tuple[str, ...]) -> Graph:
    """``shapes`` with the targets of every shape not in ``keep`` removed: those shapes still
    apply wherever a kept shape refers to them, and nowhere else."""
    kept = {URIRef(k) for k in keep}
    g = Graph()
    for triple in shapes:
        if triple[1] in _TARGETS and triple[0] not in kept:
            continue
        g.add(triple)
    return g


def _targeting_nodes(shapes: Graph, pairs: Iterable[tuple[str, str]]) -> Graph:
    """``shapes`` with every target replaced: each (shape, node) pair becomes ``shape sh:targetNode node``."""
    g = Graph()
    for triple in shapes:
        if triple[1] not in _TARGETS:
            g.add(triple)
    for shape, node in pairs:
        g.add((URIRef(shape), SH.targetNode, URIRef(node)))
    return g


#: the graph the worker processes validate (set before they are forked, read by them)
_SHARED: Graph | None = None


def _run_shared(run: _Run) -> list[ValidationResult]:
    assert _SHARED is not None
    return run.results(_SHARED)


def _execute(graph: Graph, runs: list[_Run], workers: int) -> Iterator[ValidationResult]:
    """The results of ``runs`` on ``graph``: in a pool of forked workers when ``workers`` > 1."""
    import multiprocessing

    if workers <= 1 or len(runs) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for run in runs:
            yield from run.results(graph)
        return
    from concurrent.futures import ProcessPoolExecutor

    global _SHARED
    _SHARED = graph
    try:
        # forked workers share the graph copy-on-write; only the runs and the results are pickled
        with ProcessPoolExecutor(max_workers=min(workers, len(runs)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            for results in pool.map(_run_shared, runs):
                yield from results
    finally:
        _SHARED = None


@dataclass(frozen=True)
class _SparqlSpec:
    """One SPARQL-based constraint: its shape, the shapes graph with it alone, and the whole-graph
    query finding its focus nodes (None when its form is not one this translation knows)."""

    shape: Node
    constraint: Node
    only: Graph
    text: str | None


def _sparql_constraint_specs(shapes: Graph) -> list[_SparqlSpec]:
    out: list[_SparqlSpec] = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if any(shapes.value(x, SH.deactivated) == Literal(True) for x in (shape, constraint)):
            continue
        select = shapes.value(constraint, SH.select)
        pattern = _target_pattern(shapes, shape)
        only = _only_constraint(shapes, shape, constraint)
        if select is None or pattern is None:
            out.append(_SparqlSpec(shape, constraint, only, None))
            continue
        # a constraint may name its own whole-graph query for its focus nodes (one that Oxigraph
        # runs well); it must find every node its sh:select fails on
        focus_query = shapes.value(constraint, URIRef(SKGSH + "focusQuery"))
        inner = focus_query if focus_query is not None else select
        text = f"{_prefix_lines(shapes, constraint)}\nSELECT DISTINCT ?this WHERE {{ {pattern} {{ {inner} }} }}"
        out.append(_SparqlSpec(shape, constraint, only, text))
    return out


#: the store a focus-query worker opened (read-only, once per worker process)
_WORKER_STORE: Any = None


def _open_worker_store(location: str) -> None:
    import pyoxigraph as ox

    global _WORKER_STORE
    _WORKER_STORE = ox.Store.read_only(location)


def _worker_focus_nodes(item: tuple[str, str]) -> list[str] | None:
    return _focus_nodes(_WORKER_STORE, item[1], item[0])


def _run_focus_queries(
    store: Any, location: Path | None, texts: list[tuple[str, str]], workers: int
) -> list[list[str] | None]:
    """``_focus_nodes`` of each (name, query), in order: in worker processes when the store is on disk."""
    import multiprocessing

    if location is None or workers <= 1 or len(texts) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_focus_nodes(store, text, name) for name, text in texts]
    import shutil
    import tempfile
    from concurrent.futures import ProcessPoolExecutor

    # the workers read a snapshot (hard links to the store's immutable files): a read-only
    # instance of the live store loses files to its compactions
    scratch = Path(tempfile.mkdtemp(prefix=f"{location.name}-snapshot-", dir=location.parent))
    snapshot = scratch / "store"
    try:
        store.backup(str(snapshot))
        # the longest queries first, so that the workers finish together
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i][1]))
        with ProcessPoolExecutor(max_workers=min(workers, len(texts)), mp_context=multiprocessing.get_context("fork"),
                                 initializer=_open_worker_store, initargs=(str(snapshot),)) as pool:
            answers = list(pool.map(_worker_focus_nodes, [texts[i] for i in order]))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    out: list[list[str] | None] = [None] * len(texts)
    for i, answer in zip(order, answers, strict=True):
        out[i] = answer
    return out


_PROBE = "urn:x-statementkg:validation-probe"


def _only_constraint(shapes: Graph, shape: Node, constraint: Node) -> Graph:
    """The shapes graph with ``shape`` holding ``constraint`` as its only SPARQL constraint."""
    g = Graph()
    for triple in shapes:
        if triple[1] == SH.sparql and triple[0] == shape and triple[2] != constraint:
            continue
        g.add(triple)
    return g


def _keep_sparql(results_graph: Graph, constraint: Node) -> Graph:
    """Only the results of one SPARQL constraint (the shape's other constraints ran in the core pass)."""
    for node in list(results_graph.subjects(RDF.type, SH.ValidationResult)):
        focus = results_graph.value(node, SH.focusNode)
        if results_graph.value(node, SH.sourceConstraint) != constraint or focus == URIRef(_PROBE):
            for triple in list(results_graph.triples((node, None, None))):
                results_graph.remove(triple)
    return results_graph


def _unusable_shapes(problem: object) -> OntologyError:
    detail = " ".join(str(problem).split())[:300]
    return OntologyError(f"{shapes_path()}: the shapes cannot be used ({detail}); fix the shape named there")


def _read_results(results_graph: Graph, locator: _Locator) -> Iterator[ValidationResult]:
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        focus = results_graph.value(node, SH.focusNode)
        if focus is None:
            continue
        value = results_graph.value(node, SH.value)
        path = results_graph.value(node, SH.resultPath)
        shape = results_graph.value(node, SH.sourceShape)
        component = results_graph.value(node, SH.sourceConstraintComponent)
        source_constraint = results_graph.value(node, SH.sourceConstraint)
        message = results_graph.value(node, SH.resultMessage)
        shape_iri = str(shape) if isinstance(shape, URIRef) else None
        component_iri = str(component) if isinstance(component, URIRef) else None
        if isinstance(source_constraint, URIRef):
            constraint = str(source_constraint)
        else:
            constraint = shape_iri or component_iri or "(unnamed constraint)"
        statement, quote = locator.locate(focus, value)
        yield ValidationResult(
            focus=str(focus),
            path=str(path) if isinstance(path, URIRef) else None,
            severity=Severity.from_iri(results_graph.value(node, SH.resultSeverity)),
            message=str(message) if message is not None else _default_message(component_iri),
            constraint=constraint,
            value=str(value) if value is not None else None,
            statement=statement,
            quote=quote,
            shape=shape_iri,
            component=component_iri,
            terms=(focus, value, path),
        )


def _default_message(component: str | None) -> str:
    name = component.rsplit("#", 1)[-1] if component else "a constraint"
    return f"fails {name}"


class _Locator:
    """Finds the statement a node is quoted in, and the quote, in the validated data graph.

    Answers are kept per node: a node fails several rules, or one rule for several values, and
    an event quoted by a thousand statements has a thousand annotations to choose the first from.
    """

    def __init__(self, graph: Graph) -> None:
        from .results import memo_converter

        self.graph = graph
        self._located = memo_converter(lambda key: self._locate(*key))
        self._parts = memo_converter(self._read_parts)

    def locate(self, focus: Node, value: Node | None) -> tuple[str | None, str | None]:
        located: tuple[str | None, str | None] = self._located((focus, value))
        return located

    def _locate(self, focus: Node, value: Node | None) -> tuple[str | None, str | None]:
        g = self.graph
        if (focus, RDF.type, OA.Annotation) in g:
            return self._annotation(focus)
        if (focus, RDF.type, OA.SpecificResource) in g:
            return self._target(focus)
        for target in g.subjects(OA.hasSelector, focus):
            return self._target(target)
        if (focus, RDF.type, SKG.Statement) in g or (None, OA.hasSource, focus) in g:
            # a statement is located in itself; its quote is its own (the title), if it has one
            own = self._first_evidence(g.objects(focus, SKG.evidence), focus)
            return str(focus), (own[1] if own is not None and own[0] == str(focus) else None)
        # a rule about a statement (the value) and an event quoted in it: prefer that statement
        prefer = value if isinstance(value, URIRef) and (value, RDF.type, SKG.Statement) in g else None
        found = self._first_evidence(g.objects(focus, SKG.evidence), prefer)
        return found if found is not None else (None, None)

    def _first_evidence(
        self, annotations: Iterable[Node], prefer: Node | None
    ) -> tuple[str | None, str | None] | None:
        located: list[tuple[int, str, int, str | None]] = []
        for ann in annotations:
            source, quote, start = self._parts(ann)
            if source is None:
                continue
            rank = 0 if prefer is not None and source == str(prefer) else 1
            located.append((rank, source, start, quote))
        if not located:
            return None
        _rank, source, _start, quote = min(located, key=lambda t: (t[0], t[1], t[2], t[3] or ""))
        return source, quote

    def _read_parts(self, annotation: Node) -> tuple[str | None, str | None, int]:
        target = self.graph.value(annotation, OA.hasTarget)
        if target is None:
            return None, None, 0
        source, quote = self._target(target)
        start = 0
        for selector in self.graph.objects(target, OA.hasSelector):
            value = self.graph.value(selector, OA.start)
            if isinstance(value, Literal) and value.datatype in (XSD.nonNegativeInteger, XSD.integer):
                try:
                    start = int(value)
                except (TypeError, ValueError):
                    start = 0
        return source, quote, start

    def _annotation(self, annotation: Node) -> tuple[str | None, str | None]:
        source, quote, _start = self._parts(annotation)
        return source, quote

    def _target(self, target: Node) -> tuple[str | None, str | None]:
        source = self.graph.value(target, OA.hasSource)
        quote: str | None = None
        for selector in sorted(self.graph.objects(target, OA.hasSelector), key=str):
            exact = self.graph.value(selector, OA.exact)
            if exact is not None:
                quote = str(exact)
                break
        return (str(source) if source is not None else None), quote
