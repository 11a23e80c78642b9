"""The entailments edugraph needs, computed from the ontology's own axioms.

A full OWL 2 RL closure (owlrl) derives thousands of triples nobody queries and
grows faster than the data. edugraph needs only the OWL 2 RL rules its
ontology uses: sub-properties (prp-spo1), property chains of two (prp-spo2),
transitive properties (prp-trp), inverses (prp-inv1/2), domains and ranges
(prp-dom, prp-rng) and the class hierarchy (cax-sco, cax-eqc1/2, scm-sco).
`materialise` applies exactly those rules, to a fixpoint, by semi-naive
evaluation over predicate indexes; tests/test_reason.py checks that the result
equals owlrl's closure on the properties and classes the product uses.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

Triple = tuple


def _closure(edges: dict) -> dict:
    """Reflexive-transitive closure of a relation given as node -> set of nodes."""
    result = {}
    for start in edges:
        seen, stack = {start}, [start]
        while stack:
            for nxt in edges.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        result[start] = seen
    return result


@dataclass
class Rules:
    """The ontology's axioms, compiled into lookup tables."""

    super_properties: dict = field(default_factory=dict)  # p -> {q | p ⊑ q, q != p}
    super_classes: dict = field(default_factory=dict)  # c -> {d | c ⊑ d, d != c}
    inverses: dict = field(default_factory=lambda: defaultdict(set))
    transitive: set = field(default_factory=set)
    chains_by_first: dict = field(default_factory=lambda: defaultdict(set))  # p1 -> {(p2, q)}
    chains_by_second: dict = field(default_factory=lambda: defaultdict(set))  # p2 -> {(p1, q)}
    domains: dict = field(default_factory=lambda: defaultdict(set))
    ranges: dict = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def from_ontology(cls, ontology: Graph) -> "Rules":
        rules = cls()
        sub_p, sub_c = defaultdict(set), defaultdict(set)
        for p, q in ontology.subject_objects(RDFS.subPropertyOf):
            sub_p[p].add(q)
        for p, q in ontology.subject_objects(OWL.equivalentProperty):
            sub_p[p].add(q)
            sub_p[q].add(p)
        for c, d in ontology.subject_objects(RDFS.subClassOf):
            if isinstance(d, URIRef):
                sub_c[c].add(d)
        for c, d in ontology.subject_objects(OWL.equivalentClass):
            if isinstance(c, URIRef) and isinstance(d, URIRef):
                sub_c[c].add(d)
                sub_c[d].add(c)
        rules.super_properties = {p: qs - {p} for p, qs in _closure(sub_p).items() if qs - {p}}
        rules.super_classes = {c: ds - {c} for c, ds in _closure(sub_c).items() if ds - {c}}
        for p, q in ontology.subject_objects(OWL.inverseOf):
            rules.inverses[p].add(q)
            rules.inverses[q].add(p)
        rules.transitive = set(ontology.subjects(RDF.type, OWL.TransitiveProperty))
        for q, chain in ontology.subject_objects(OWL.propertyChainAxiom):
            steps = list(Collection(ontology, chain))
            if len(steps) != 2:
                raise ValueError(f"{q}: only property chains of two steps are supported")
            p1, p2 = steps
            rules.chains_by_first[p1].add((p2, q))
            rules.chains_by_second[p2].add((p1, q))
        for p, c in ontology.subject_objects(RDFS.domain):
            rules.domains[p].add(c)
        for p, c in ontology.subject_objects(RDFS.range):
            rules.ranges[p].add(c)
        return rules

    def relevant(self, predicate) -> bool:
        """Whether a triple with this predicate can take part in any rule."""
        return (
            predicate == RDF.type
            or predicate in self.super_properties
            or predicate in self.inverses
            or predicate in self.transitive
            or predicate in self.chains_by_first
            or predicate in self.chains_by_second
            or predicate in self.domains
            or predicate in self.ranges
        )


def _readable(rules: Rules, triples: Iterable[Triple], rdf_type) -> Iterator[Triple]:
    """The triples some rule can read (the predicate test is made once per predicate)."""
    relevant = {}
    for t in triples:
        keep = relevant.get(t[1])
        if keep is None:
            keep = relevant[t[1]] = t[1] == rdf_type or rules.relevant(t[1])
        if keep:
            yield t


class Index:
    """Triples by predicate, both directions, over an optional base index that is read and never written.

    The base holds triples already closed under the rules (the shared graphs'
    closure, when documents are reasoned one at a time): it is indexed once and
    joined with by every document, never copied or re-derived from.
    """

    def __init__(self, base: "Index | None" = None):
        self.forward = defaultdict(lambda: defaultdict(set))
        self.backward = defaultdict(lambda: defaultdict(set))
        self.base = base

    @classmethod
    def of(cls, rules: Rules, triples: Iterable[Triple], rdf_type=RDF.type) -> "Index":
        """The triples some rule can read, indexed (to serve as a base)."""
        index = cls()
        for s, p, o in _readable(rules, triples, rdf_type):
            index.add(s, p, o)
        return index

    def add(self, s, p, o) -> bool:
        if self.base is not None and o in self.base.forward.get(p, {}).get(s, ()):
            return False
        objects = self.forward[p][s]
        if o in objects:
            return False
        objects.add(o)
        self.backward[p][o].add(s)
        return True

    def objects(self, p, s) -> tuple:
        found = tuple(self.forward[p].get(s, ()))
        return found + self.base.objects(p, s) if self.base is not None else found

    def subjects(self, p, o) -> tuple:
        found = tuple(self.backward[p].get(o, ()))
        return found + self.base.subjects(p, o) if self.base is not None else found


def _consequences(rules: Rules, index: Index, s, p, o, rdf_type=RDF.type, literal=Literal) -> Iterator[Triple]:
    """Triples one rule application derives from (s, p, o) and what is known."""
    if p == rdf_type:
        for d in rules.super_classes.get(o, ()):
            yield s, rdf_type, d
        return
    for q in rules.super_properties.get(p, ()):
        yield s, q, o
    if not isinstance(o, literal):
        for q in rules.inverses.get(p, ()):
            yield o, q, s
        for c in rules.ranges.get(p, ()):
            yield o, rdf_type, c
    for c in rules.domains.get(p, ()):
        yield s, rdf_type, c
    if p in rules.transitive:
        for z in index.objects(p, o):
            yield s, p, z
        for x in index.subjects(p, s):
            yield x, p, o
    for p2, q in rules.chains_by_first.get(p, ()):
        for z in index.objects(p2, o):
            yield s, q, z
    for p1, q in rules.chains_by_second.get(p, ()):
        for x in index.subjects(p1, s):
            yield x, q, o


def materialise(
    rules: Rules, triples: Iterable[Triple], rdf_type=RDF.type, literal=Literal, closed: Index | None = None
) -> set[Triple]:
    """The triples the rules derive from `triples` (and `closed`) that are not among them.

    `closed` indexes triples already closed under the rules (`Index.of`; the
    shared graphs' closure, when one document is reasoned at a time): they are
    joined with, never re-derived from.

    Terms are rdflib terms by default; `rdf_type` and `literal` let the same
    rules run over pyoxigraph terms (`materialise_ox`), whose hashing and
    comparison are native and several times faster than rdflib's.
    """
    index = Index(closed)
    pending = [t for t in _readable(rules, triples, rdf_type) if index.add(*t)]
    derived = set()
    while pending:
        s, p, o = pending.pop()
        for t in _consequences(rules, index, s, p, o, rdf_type, literal):
            if isinstance(t[0], literal):
                continue
            if index.add(*t):
                derived.add(t)
                pending.append(t)
    return derived


def infer(ontology: Graph, data: Iterable[Triple]) -> set[Triple]:
    """Entailments of data under the ontology; blank-node subjects included."""
    return materialise(Rules.from_ontology(ontology), data)


def _map_rules(rules: Rules, f) -> Rules:
    """The same rules with every term passed through f (rdflib -> pyoxigraph)."""
    out = Rules()
    out.super_properties = {f(p): {f(q) for q in qs} for p, qs in rules.super_properties.items()}
    out.super_classes = {f(c): {f(d) for d in ds} for c, ds in rules.super_classes.items()}
    for name in ("inverses", "domains", "ranges"):
        target = getattr(out, name)
        for k, vs in getattr(rules, name).items():
            target[f(k)] |= {f(v) for v in vs}
    out.transitive = {f(p) for p in rules.transitive}
    for k, vs in rules.chains_by_first.items():
        out.chains_by_first[f(k)] |= {(f(a), f(b)) for a, b in vs}
    for k, vs in rules.chains_by_second.items():
        out.chains_by_second[f(k)] |= {(f(a), f(b)) for a, b in vs}
    return out


def ox_rules(ontology: Graph) -> Rules:
    """The ontology's rules over pyoxigraph terms (the ontology itself as an rdflib Graph)."""
    from .load import to_ox

    return _map_rules(Rules.from_ontology(ontology), to_ox)


def materialise_ox(rules: Rules, triples: Iterable[Triple], closed: Index | None = None) -> set[Triple]:
    """`materialise` over pyoxigraph triples, with rules from `ox_rules`."""
    import pyoxigraph as ox

    return materialise(rules, triples, rdf_type=ox.NamedNode(str(RDF.type)), literal=ox.Literal, closed=closed)


def infer_ox(ontology: Graph, data: Iterable[Triple]) -> set[Triple]:
    """`infer` over pyoxigraph terms: the ontology as an rdflib Graph, data and result as ox triples."""
    return materialise_ox(ox_rules(ontology), data)


__all__ = ["Index", "Rules", "infer", "infer_ox", "materialise", "materialise_ox", "ox_rules"]
