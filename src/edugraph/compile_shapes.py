"""SHACL core shapes compiled to SPARQL, for evaluation in bulk on Oxigraph.

pySHACL evaluates every focus node separately, in Python; on the national graph
(245 offices, 1.8 M triples) edugraph's core shapes took nine minutes that way.
Here every constraint of a shape becomes one SELECT returning the focus nodes
(and value nodes) that violate it, so a shape costs one query whatever the
number of its focus nodes: the way the SHACL-SPARQL constraints already run.

Each constraint becomes one SPARQL boolean expression (`_Compiler.value_test`
and `_Compiler.focus_test`), and logical components (sh:and, sh:or, sh:not,
sh:xone, sh:node, qualified value shapes) nest those expressions. Results have
pySHACL's granularity: one per focus node for the count components (min/max
count, qualified counts, sh:hasValue on a path), one per value node for the
others, the focus node being the value of a node shape's result.

Components the compiler does not translate raise `Unsupported`, and
`validate.evaluate` leaves such shapes to pySHACL: every shape is always
validated, only its speed depends on this module. tests/test_validate.py checks
the compiled queries give pySHACL's results on every fixture and on the seeds.
"""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, XSD

from .namespaces import SH

TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
# predicates of a shape that constrain nothing (or are read with another component)
_PASSIVE = {
    RDF.type, SH.name, SH.description, SH.message, SH.severity, SH.path, SH.property, SH.deactivated,
    SH.order, SH.group, SH.defaultValue, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.flags, SH.sparql, *TARGETS,
}
_COUNTS = {SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.hasValue}
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short, XSD.byte,
            XSD.nonNegativeInteger, XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger,
            XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}
_COMPARE = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
_KINDS = {
    SH.IRI: "isIRI({0})", SH.BlankNode: "isBlank({0})", SH.Literal: "isLiteral({0})",
    SH.BlankNodeOrIRI: "(isBlank({0}) || isIRI({0}))", SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
    SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))",
}


class Unsupported(Exception):
    """A shape uses a SHACL feature the compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One constraint of one shape, as a query whose solutions are its violations.

    The query selects ?this and, for value-node components, ?value.
    """

    shape: URIRef  # the named shape results are reported under
    source: object  # the shape the constraint belongs to (its messages and severity)
    component: URIRef
    path: URIRef | None  # the property shape's path when it is a plain IRI
    query: str
    has_value: bool


def compile_shape(shapes: Graph, shape: URIRef) -> list[Check]:
    """The checks of one targeted shape (with its sh:property shapes); raise Unsupported."""
    compiler = _Compiler(shapes)
    targets = compiler.targets(shape)
    checks = []
    for source in (shape, *shapes.objects(shape, SH.property)):
        if shapes.value(source, SH.deactivated) == Literal(True):
            continue
        path = shapes.value(source, SH.path)
        plain = path if isinstance(path, URIRef) else None
        if path is not None and any(shapes.objects(source, SH.property)):
            raise Unsupported(f"{shape}: nested property shapes under a property shape")
        for component, obj in compiler.components(source):
            if path is None:  # a node shape: the focus node is the value node
                test = compiler.value_test(source, component, obj, "?this")
                query = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} FILTER (!({test})) BIND (?this AS ?value) }}"
                has_value = True
            elif component in _COUNTS:
                test = compiler.focus_test(component, obj, source, compiler.steps(path), "?this")
                query = f"SELECT DISTINCT ?this WHERE {{ {targets} FILTER (!({test})) }}"
                has_value = False
            else:
                test = compiler.value_test(source, component, obj, "?value")
                query = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} ?this {compiler.path(path)} ?value . FILTER (!({test})) }}"
                has_value = True
            checks.append(Check(shape, source, component, plain, query, has_value))
    return checks


class _Compiler:
    def __init__(self, shapes: Graph):
        self.shapes = shapes
        self.count = 0

    def fresh(self) -> str:
        self.count += 1
        return f"?_v{self.count}"

    def targets(self, shape) -> str:
        """A sub-select of the shape's focus nodes as ?this (types via rdf:type/rdfs:subClassOf*)."""
        g, branches = self.shapes, []
        for cls in g.objects(shape, SH.targetClass):
            branches.append(f"{{ ?this a/<{RDFS.subClassOf}>* {self.term(cls)} }}")
        if (shape, RDF.type, RDFS.Class) in g:
            branches.append(f"{{ ?this a/<{RDFS.subClassOf}>* {self.term(shape)} }}")
        for prop in g.objects(shape, SH.targetSubjectsOf):
            branches.append(f"{{ ?this {self.term(prop)} {self.fresh()} }}")
        for prop in g.objects(shape, SH.targetObjectsOf):
            branches.append(f"{{ {self.fresh()} {self.term(prop)} ?this }}")
        nodes = list(g.objects(shape, SH.targetNode))
        if nodes:
            branches.append("{ VALUES ?this { " + " ".join(self.term(n) for n in nodes) + " } }")
        if not branches:
            raise Unsupported(f"{shape}: no target")
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(branches) + " } }"

    def term(self, node) -> str:
        if isinstance(node, (URIRef, Literal)):
            return node.n3()
        raise Unsupported(f"blank node {node} used as a value")

    def path(self, node) -> str:
        """The path as one SPARQL property path."""
        return "/".join(self.steps(node))

    def steps(self, node) -> list[str]:
        """The path as a list of steps, a sequence path split into its members."""
        g = self.shapes
        if isinstance(node, URIRef):
            return [node.n3()]
        if (node, RDF.first, None) in g:
            return [step for member in Collection(g, node) for step in self.steps(member)]
        inner = g.value(node, SH.inversePath)
        if inner is not None:
            return [f"^{s}" if s.startswith("<") else f"^({s})" for s in reversed(self.steps(inner))]
        for prop, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
            inner = g.value(node, prop)
            if inner is not None:
                return [f"({self.path(inner)}){suffix}"]
        alternatives = g.value(node, SH.alternativePath)
        if alternatives is not None:
            return ["(" + "|".join(self.path(member) for member in Collection(g, alternatives)) + ")"]
        raise Unsupported(f"path {node}")

    def reach(self, node: str, steps: list, last: str, condition: str) -> str:
        """True when some `last` reached from `node` along `steps` meets `condition`.

        One triple pattern per EXISTS, nested: Oxigraph plans a join inside
        EXISTS as a hash join over everything the second pattern matches,
        rebuilt for every focus node, which made a two-step path quadratic.
        """
        here, opened = node, []
        for i, step in enumerate(steps):
            there = last if i == len(steps) - 1 else self.fresh()
            opened.append(f"EXISTS {{ {here} {step} {there} . FILTER (")
            here = there
        return "".join(opened) + condition + ") }" * len(steps)

    def components(self, shape):
        """(component, object) pairs of a shape, one per constraint as pySHACL reports them."""
        for prop, obj in sorted(self.shapes.predicate_objects(shape)):
            if prop in _PASSIVE or not str(prop).startswith(str(SH)):
                continue
            if prop == SH.qualifiedValueShapesDisjoint and obj == Literal(False):
                continue
            yield prop, obj

    def conforms(self, shape, node: str) -> str:
        """An expression true when `node` conforms to `shape`."""
        g = self.shapes
        if g.value(shape, SH.deactivated) == Literal(True):
            return "true"
        if any(g.objects(shape, SH.sparql)):
            raise Unsupported(f"SPARQL constraint in nested shape {shape}")
        path = g.value(shape, SH.path)
        tests = []
        for component, obj in self.components(shape):
            if path is None:
                tests.append(self.value_test(shape, component, obj, node))
            elif component in _COUNTS:
                tests.append(self.focus_test(component, obj, shape, self.steps(path), node))
            else:
                value = self.fresh()
                tests.append(f"!({self.reach(node, self.steps(path), value, '!(' + self.value_test(shape, component, obj, value) + ')')})")
        for prop in g.objects(shape, SH.property):
            if path is not None:
                raise Unsupported(f"{shape}: nested property shapes under a property shape")
            tests.append(self.conforms(prop, node))
        return " && ".join(f"({t})" for t in tests) or "true"

    def focus_test(self, component, obj, shape, steps: list, node: str) -> str:
        """A count component of a property shape, on the focus node."""
        if component == SH.minCount:
            return self._at_least(int(obj), node, steps) if int(obj) > 0 else "true"
        if component == SH.maxCount:
            return f"!({self._at_least(int(obj) + 1, node, steps)})"
        if component == SH.hasValue:  # the value in a FILTER: Oxigraph would walk a path from a bound object
            value = self.fresh()
            return self.reach(node, steps, value, f"sameTerm({value}, {self.term(obj)})")
        tests = []
        low, high = self.shapes.value(shape, SH.qualifiedMinCount), self.shapes.value(shape, SH.qualifiedMaxCount)
        if low is not None and int(low) > 0:
            tests.append(self._at_least(int(low), node, steps, obj))
        if high is not None:
            tests.append(f"!({self._at_least(int(high) + 1, node, steps, obj)})")
        return " && ".join(f"({t})" for t in tests) or "true"

    def _at_least(self, n: int, node: str, steps: list, qualifier=None) -> str:
        """At least n distinct values along the steps (conforming to `qualifier` when given)."""
        values = [self.fresh() for _ in range(n)]
        expression = "true"
        for i in reversed(range(n)):
            tests = [f"!sameTerm({values[i]}, {earlier})" for earlier in values[:i]]
            if qualifier is not None:
                tests.append(f"({self.conforms(qualifier, values[i])})")
            expression = self.reach(node, steps, values[i], " && ".join(tests + [expression]))
        return expression

    def value_test(self, shape, component, obj, node: str) -> str:
        """A component that constrains each value node on its own."""
        g = self.shapes
        if component == SH["class"]:
            cls = self.fresh()
            return self.reach(node, ["a"], cls, f"EXISTS {{ {cls} <{RDFS.subClassOf}>* {self.term(obj)} }}")
        if component == SH.datatype:
            test = f"isLiteral({node}) && sameTerm(DATATYPE({node}), {self.term(obj)})"
            return f"({test} && isNumeric({node}))" if obj in _NUMERIC else f"({test})"
        if component == SH.nodeKind and obj in _KINDS:
            return _KINDS[obj].format(node)
        if component == SH["in"]:
            return "(" + " || ".join(f"sameTerm({node}, {self.term(v)})" for v in Collection(g, obj)) + ")" if (obj, RDF.first, None) in g else "false"
        if component == SH.hasValue:
            return f"sameTerm({node}, {self.term(obj)})"
        if component in _COMPARE:
            return f"COALESCE({node} {_COMPARE[component]} {self.term(obj)}, false)"
        if component in (SH.minLength, SH.maxLength):
            return f"(!isBlank({node}) && STRLEN(STR({node})) {'>=' if component == SH.minLength else '<='} {int(obj)})"
        if component == SH.pattern:
            flags = g.value(shape, SH.flags)
            arguments = ", ".join([f"STR({node})", Literal(str(obj)).n3()] + ([Literal(str(flags)).n3()] if flags else []))
            return f"(!isBlank({node}) && COALESCE(REGEX({arguments}), false))"
        if component == SH["not"]:
            return f"!({self.conforms(obj, node)})"
        if component == SH.node:
            return self.conforms(obj, node)
        if component in (SH["and"], SH["or"], SH.xone):
            members = [self.conforms(member, node) for member in Collection(g, obj)]
            if component == SH.xone:
                return "(" + " + ".join(f"IF({m}, 1, 0)" for m in members) + " = 1)"
            if component == SH["and"]:
                return "(" + " && ".join(f"({m})" for m in members) + ")" if members else "true"
            # (a || b) written as !(!a && !b), the same in SPARQL's three-valued logic: Oxigraph stops
            # at the first false operand of && but evaluated every EXISTS of an ||, 1.0 s -> 0.4 s for
            # ElementQuoteShape at 245 offices
            return "!(" + " && ".join(f"!({m})" for m in members) + ")" if members else "false"
        raise Unsupported(f"component {component}")


def is_shape_with_targets(shapes: Graph, node) -> bool:
    return not isinstance(node, BNode) and (
        any((node, t, None) in shapes for t in TARGETS)
        or ((node, RDF.type, RDFS.Class) in shapes and ((node, RDF.type, SH.NodeShape) in shapes or (node, RDF.type, SH.PropertyShape) in shapes))
    )


def focus_query(shapes: Graph, shape) -> str | None:
    """A SELECT of the shape's focus nodes as ?this, or None for a shape without targets."""
    try:
        return f"SELECT ?this WHERE {{ {_Compiler(shapes).targets(shape)} }}"
    except Unsupported:
        return None
