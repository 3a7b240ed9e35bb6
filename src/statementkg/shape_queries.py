"""SHACL shapes as SPARQL queries that find the focus nodes a shape may fail on.

Validation at scale cannot walk every focus node in Python (pySHACL's core pass), but it can ask
a SPARQL engine, once per shape, which nodes look wrong, and leave the verdict to pySHACL on
those nodes only.  The queries here over-approximate: a node that fails a shape is always found
(a node found may still conform; pySHACL decides).  Each constraint component becomes a group
pattern on ``?this``; a shape's candidates are the union of its constraints' patterns.  A
component this module does not know makes every focus node of its shape a candidate, which is
slow but never wrong.

Classes are expanded here (``VALUES`` over the subclass closure taken from the ontology and the
data) so that the queries need neither inference nor the ontology in the store.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from .namespaces import SH

#: datatypes SPARQL can cast to: a literal of these whose cast fails (or is not its own
#: canonical form) may be ill-formed, so it is a candidate
_CASTABLE = frozenset(
    str(XSD[t]) for t in ("integer", "decimal", "double", "float", "boolean", "date", "dateTime", "time")
)

_TARGET_PREDICATES = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)

#: SHACL parameters that say nothing about failure (or are read with the component they qualify)
_INERT = frozenset({
    SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.path,
    SH.property, SH.sparql, SH.deactivated, SH.qualifiedMinCount, SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint, SH.flags, *(_TARGET_PREDICATES), RDF.type, RDFS.label, RDFS.comment,
})


def _int(node: Node) -> int:
    if not isinstance(node, Literal):
        raise Untranslatable(f"a count that is not a literal: {node}")
    return int(node)


class Untranslatable(Exception):
    """A constraint (or target) this module has no query for."""


@dataclass(frozen=True)
class ShapeQuery:
    """The candidate query of one node shape, or None in ``query`` when it has no targets we can read."""

    shape: URIRef
    query: str | None


def subclass_closure(*graphs: Graph) -> Callable[[Node], list[str]]:
    """``closure(C)``: C and every class below it (``rdfs:subClassOf``, transitively), as N-Triples."""
    below: dict[Node, set[Node]] = {}
    for g in graphs:
        for sub, sup in g.subject_objects(RDFS.subClassOf):
            below.setdefault(sup, set()).add(sub)

    def closure(cls: Node) -> list[str]:
        seen = {cls}
        todo = [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return sorted(n.n3() for n in seen if isinstance(n, URIRef))

    return closure


class _Translator:
    """Failure patterns: each a list of alternatives (a disjunction), each alternative one group's
    worth of triple patterns, BINDs and FILTERs to be appended after the patterns binding the node."""

    def __init__(self, shapes: Graph, closure: Callable[[Node], list[str]]) -> None:
        self.shapes = shapes
        self.closure = closure
        self._fresh = itertools.count()

    def var(self, stem: str) -> str:
        return f"?skg_{stem}{next(self._fresh)}"

    def deactivated(self, node: Node) -> bool:
        return self.shapes.value(node, SH.deactivated) == Literal(True)

    def parameters(self, shape: Node) -> list[tuple[Node, Node]]:
        """The SHACL-namespace triples of ``shape`` that may be constraints, in a stable order."""
        return sorted((p, o) for p, o in self.shapes.predicate_objects(shape)
                      if isinstance(p, URIRef) and str(p).startswith(str(SH)) and p not in _INERT)

    # ------------------------------------------------------------ targets

    def target(self, shape: Node) -> str:
        if (shape, SH.path, None) in self.shapes or (shape, SH.target, None) in self.shapes:
            raise Untranslatable("a property shape with targets, or a SPARQL-based target")
        if any((shape, RDF.type, c) in self.shapes for c in (RDFS.Class, OWL.Class)):
            raise Untranslatable("an implicit class target")
        parts: list[str] = []
        for c in sorted(self.shapes.objects(shape, SH.targetClass), key=str):
            parts.append(f"?this a ?skg_tc . VALUES ?skg_tc {{ {' '.join(self.closure(c))} }}")
        for p in sorted(self.shapes.objects(shape, SH.targetSubjectsOf), key=str):
            parts.append(f"?this {p.n3()} [] .")
        for p in sorted(self.shapes.objects(shape, SH.targetObjectsOf), key=str):
            parts.append(f"[] {p.n3()} ?this .")
        for n in sorted(self.shapes.objects(shape, SH.targetNode), key=str):
            parts.append(f"VALUES ?this {{ {n.n3()} }}")
        if not parts:
            raise Untranslatable("no targets")
        # each focus node once: a subject with a thousand values of a targetSubjectsOf predicate
        # would otherwise be a thousand rows, each joined with those thousand values again
        union = " UNION ".join(f"{{ {p} }}" for p in parts)
        return f"SELECT DISTINCT ?this WHERE {{ {union} }}"

    # ------------------------------------------------------------ shapes

    def shape_failures(self, shape: Node, node: str) -> list[str]:
        """Alternatives, each matching when ``node`` (bound before) may fail a constraint of ``shape``."""
        if self.deactivated(shape):
            return []
        out: list[str] = []
        if self.shapes.value(shape, SH.path) is not None:
            out.extend(self.property_failures(shape, node))
        else:
            for predicate, value in self.parameters(shape):
                out.extend(self.value_failure(predicate, value, node))
        for prop in sorted(self.shapes.objects(shape, SH.property), key=str):
            out.extend(self.shape_failures(prop, node))
        return out

    def property_failures(self, shape: Node, node: str) -> list[str]:
        path = self.shapes.value(shape, SH.path)
        if not isinstance(path, URIRef):
            raise Untranslatable("a property path other than one predicate")
        p = path.n3()
        out: list[str] = []
        value_var = self.var("v")
        for predicate, value in self.parameters(shape):
            if predicate == SH.minCount:
                n = _int(value)
                if n == 1:
                    out.append(f"FILTER NOT EXISTS {{ {node} {p} [] }}")
                elif n > 1:
                    out.append(self.count(node, p, "", f"< {n}"))
            elif predicate == SH.maxCount:
                n = _int(value)
                if n == 0:
                    out.append(f"{node} {p} [] .")
                elif n == 1:
                    v, w = self.var("v"), self.var("w")
                    out.append(f"{node} {p} {v} . {node} {p} {w} . FILTER (!sameTerm({v}, {w}))")
                else:
                    out.append(self.count(node, p, "", f"> {n}"))
            elif predicate in (SH.equals, SH.lessThanOrEquals, SH.lessThan, SH.disjoint):
                out.extend(self.pair(node, p, predicate, value))
            elif predicate == SH.qualifiedValueShape:
                out.append(self.qualified(shape, node, p, value))
            else:
                for alternative in self.value_failure(predicate, value, value_var):
                    out.append(f"{node} {p} {value_var} . {alternative}")
        return out

    def count(self, node: str, p: str, extra: str, test: str) -> str:
        """``node`` has a number of ``p`` values (meeting ``extra``, on ``?skg_cv``) that passes ``test``."""
        n, m = self.var("n"), self.var("m")
        return (f"OPTIONAL {{ SELECT {node} (COUNT(DISTINCT ?skg_cv) AS {n}) WHERE "
                f"{{ {node} {p} ?skg_cv . {extra} }} GROUP BY {node} }} "
                f"BIND (COALESCE({n}, 0) AS {m}) FILTER ({m} {test})")

    def pair(self, node: str, p: str, predicate: Node, other: Node) -> list[str]:
        if not isinstance(other, URIRef):
            raise Untranslatable("a pair constraint on a path")
        q = other.n3()
        v, w = self.var("v"), self.var("w")
        if predicate == SH.equals:
            return [f"{node} {p} {v} . FILTER NOT EXISTS {{ {node} {q} {v} }}",
                    f"{node} {q} {v} . FILTER NOT EXISTS {{ {node} {p} {v} }}"]
        if predicate == SH.disjoint:
            return [f"{node} {p} {v} . {node} {q} {v} ."]
        op = "<=" if predicate == SH.lessThanOrEquals else "<"
        return [f"{node} {p} {v} . {node} {q} {w} . FILTER (!COALESCE({v} {op} {w}, false))"]

    def qualified(self, shape: Node, node: str, p: str, qshape: Node) -> str:
        params = self.parameters(qshape)
        if len(params) != 1 or params[0][0] != SH["class"] or (qshape, SH.property, None) in self.shapes:
            raise Untranslatable("a qualified value shape other than one sh:class")
        low = self.shapes.value(shape, SH.qualifiedMinCount)
        high = self.shapes.value(shape, SH.qualifiedMaxCount)
        tests = []
        if low is not None:
            tests.append(f"< {_int(low)}")
        if high is not None:
            tests.append(f"> {_int(high)}")
        if not tests:
            return "FILTER (false)"
        t = self.var("t")
        extra = f"?skg_cv a {t} . VALUES {t} {{ {' '.join(self.closure(params[0][1]))} }}"
        n, m = self.var("n"), self.var("m")
        failing = " || ".join(f"{m} {test}" for test in tests)
        return (f"OPTIONAL {{ SELECT {node} (COUNT(DISTINCT ?skg_cv) AS {n}) WHERE "
                f"{{ {node} {p} ?skg_cv . {extra} }} GROUP BY {node} }} "
                f"BIND (COALESCE({n}, 0) AS {m}) FILTER ({failing})")

    def value_failure(self, predicate: Node, value: Node, x: str) -> list[str]:
        """Alternatives matching when the node ``x`` (bound before) may fail ``predicate value``."""
        if predicate == SH["class"]:
            t = self.var("t")
            return [f"FILTER NOT EXISTS {{ {x} a {t} . VALUES {t} {{ {' '.join(self.closure(value))} }} }}"]
        if predicate == SH.datatype:
            d = value.n3()
            if str(value) in _CASTABLE:
                c = self.var("cast")
                return [f"BIND ({d}({x}) AS {c}) FILTER (!isLiteral({x}) || DATATYPE({x}) != {d} "
                        f"|| !BOUND({c}) || STR({c}) != STR({x}))"]
            return [f"FILTER (!isLiteral({x}) || DATATYPE({x}) != {d} || LANG({x}) != \"\")"]
        if predicate == SH.nodeKind:
            tests: dict[Node, str] = {
                SH.IRI: f"isIRI({x})", SH.BlankNode: f"isBlank({x})", SH.Literal: f"isLiteral({x})",
                SH.BlankNodeOrIRI: f"!isLiteral({x})", SH.BlankNodeOrLiteral: f"!isIRI({x})",
                SH.IRIOrLiteral: f"!isBlank({x})",
            }
            if not isinstance(value, URIRef) or value not in tests:
                raise Untranslatable(f"sh:nodeKind {value}")
            return [f"FILTER (!({tests[value]}))"]
        if predicate == SH["in"]:
            members = list(Collection(self.shapes, value))
            same = " || ".join(f"sameTerm({x}, {m.n3()})" for m in members) or "false"
            return [f"FILTER (!({same}))"]
        if predicate == SH.hasValue:
            return [f"FILTER (!sameTerm({x}, {value.n3()}))"]
        if predicate in (SH.minLength, SH.maxLength):
            op = "<" if predicate == SH.minLength else ">"
            return [f"FILTER (isBlank({x}) || STRLEN(STR({x})) {op} {_int(value)})"]
        if predicate == SH.pattern:
            return [f"FILTER (isBlank({x}) || !REGEX(STR({x}), {Literal(str(value)).n3()}))"]
        bounds: dict[Node, str] = {
            SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<",
        }
        if isinstance(predicate, URIRef) and predicate in bounds:
            return [f"FILTER (!COALESCE({x} {bounds[predicate]} {value.n3()}, false))"]
        if predicate == SH["or"]:
            # a node fails sh:or only when it fails every alternative; an alternative we cannot
            # translate is left out (a weaker condition: still never misses a failure)
            choices: list[list[str]] = []
            for alternative in Collection(self.shapes, value):
                try:
                    failures = self.shape_failures(alternative, x)
                except Untranslatable:
                    continue
                if not failures:
                    return []  # an alternative nothing can fail: the sh:or never fails
                choices.append(failures)
            if not choices:
                return [""]
            return [" ".join(combo) for combo in itertools.product(*choices)]
        raise Untranslatable(f"the constraint {predicate}")


def shape_queries(shapes: Graph, closure: Callable[[Node], list[str]], *,
                  skip: Iterable[Node] = ()) -> list[ShapeQuery]:
    """For every node shape with targets, a SELECT of ``?this`` (its candidate focus nodes).

    The SPARQL-based constraints (``sh:sparql``) are left out: validation runs them whole.
    ``query`` is the shape's targets alone when a constraint cannot be translated, and None when
    its targets cannot (pySHACL then finds them itself).
    """
    skipped = set(skip)
    roots: set[Node] = set()
    for predicate in _TARGET_PREDICATES:
        roots.update(shapes.subjects(predicate, None))
    for cls in (RDFS.Class, OWL.Class):
        for shape in shapes.subjects(RDF.type, cls):
            if (shape, RDF.type, SH.NodeShape) in shapes:
                roots.add(shape)
    out: list[ShapeQuery] = []
    for shape in sorted(r for r in roots if isinstance(r, URIRef) and r not in skipped):
        t = _Translator(shapes, closure)
        if t.deactivated(shape):
            continue
        try:
            target = t.target(shape)
        except Untranslatable:
            out.append(ShapeQuery(shape, None))
            continue
        try:
            failures = t.shape_failures(shape, "?this")
        except Untranslatable:
            out.append(ShapeQuery(shape, f"SELECT DISTINCT ?this WHERE {{ {{ {target} }} }}"))
            continue
        if not failures:
            continue
        out.append(ShapeQuery(shape, _candidates(target, failures)))
    return out


def _candidates(target: str, failures: list[str]) -> str:
    """The query joining the target to the failure alternatives.

    An alternative that opens with a triple pattern on ``?this`` binds it itself, so all of those
    share one join with the targets (the targets are found once, not once per alternative).  The
    others (a FILTER NOT EXISTS, a count) need ``?this`` bound before them, since a branch is
    evaluated on its own: each keeps the targets inside it."""
    binding = [f for f in failures if f.startswith("?this ")]
    branches = [f"{{ {{ {target} }} {f} }}" for f in failures if not f.startswith("?this ")]
    if binding:
        alternatives = " UNION ".join(f"{{ {f} }}" for f in binding)
        branches.insert(0, f"{{ {{ {target} }} {{ {alternatives} }} }}")
    return f"SELECT DISTINCT ?this WHERE {{ {' UNION '.join(branches)} }}"
