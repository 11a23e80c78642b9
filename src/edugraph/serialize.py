"""Canonical Turtle and TriG: same graph, same bytes.

rdflib's serialisers order subjects by hash-seeded iteration, so two runs over
the same data differ. Reviewers diff releases and builds must be byte-identical,
so edugraph writes its own canonical form: prefixes sorted, graphs, subjects,
predicates (rdf:type first) and objects sorted, one predicate per line, blank
nodes relabelled canonically (rdflib.compare) and Thai kept as UTF-8.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF

from .namespaces import PREFIXES

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_BY_LENGTH = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
_XSD = "http://www.w3.org/2001/XMLSchema#"


class _Renderer:
    def __init__(self):
        self.used = set()
        self._cache = {}

    def term(self, term) -> str:
        cached = self._cache.get(term)
        if cached is None:
            cached = self._cache[term] = self._render(term)
        return cached

    def _render(self, term) -> str:
        if isinstance(term, URIRef):
            value = str(term)
            for ns, prefix in _BY_LENGTH:
                if value.startswith(ns) and _LOCAL.match(value[len(ns):]):
                    self.used.add(prefix)
                    return f"{prefix}:{value[len(ns):]}"
            return f"<{value}>"
        if isinstance(term, BNode):
            return f"_:{term}"
        if isinstance(term, Literal):
            if term.datatype is not None and str(term.datatype).startswith(_XSD):
                self.used.add("xsd")
            return _literal(term, self)
        raise TypeError(f"cannot serialise {term!r}")


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )


def _literal(lit: Literal, renderer: _Renderer) -> str:
    body = f'"{_escape(str(lit))}"'
    if lit.language:
        return f"{body}@{lit.language}"
    if lit.datatype is not None:
        return f"{body}^^{renderer.term(lit.datatype)}"
    return body


def _canonical(graph: Graph) -> Graph:
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        return to_canonical_graph(graph)
    return graph


def _block(graph: Graph, renderer: _Renderer, indent: str) -> list[str]:
    by_subject = {}
    for s, p, o in _canonical(graph):
        by_subject.setdefault(renderer.term(s), {}).setdefault(p, []).append(renderer.term(o))
    lines = []
    for subject in sorted(by_subject):
        predicates = by_subject[subject]
        keys = sorted(predicates, key=lambda p: (p != RDF.type, renderer.term(p)))
        lines.append(f"{indent}{subject}")
        for i, p in enumerate(keys):
            verb = "a" if p == RDF.type else renderer.term(p)
            objects = " , ".join(sorted(predicates[p]))
            end = " ." if i == len(keys) - 1 else " ;"
            lines.append(f"{indent}    {verb} {objects}{end}")
        lines.append("")
    return lines


def _prefix_lines(renderer: _Renderer) -> list[str]:
    return [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(renderer.used)] + [""]


def turtle(graph: Graph) -> str:
    renderer = _Renderer()
    body = _block(graph, renderer, "")
    return "\n".join(_prefix_lines(renderer) + body)


def trig(graphs: Iterable[Graph]) -> str:
    renderer = _Renderer()
    body = []
    for graph in sorted(graphs, key=lambda g: str(g.identifier)):
        body.append(f"{renderer.term(graph.identifier)} {{")
        body.extend(_block(graph, renderer, "    "))
        body.append("}")
        body.append("")
    return "\n".join(_prefix_lines(renderer) + body)


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def write_turtle(graph: Graph, path: Path) -> None:
    write_text(path, turtle(graph))


def write_trig(graphs: Iterable[Graph], path: Path) -> None:
    write_text(path, trig(graphs))
