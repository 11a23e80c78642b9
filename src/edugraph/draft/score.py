"""Score a draft against a reviewed file: elements, targets and baselines, stated links, as sets of comparable keys."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from ..namespaces import EDU

ELEMENT_KINDS = {"Vision", "Mission", "Goal", "CoreValue", "Strategy", "StrategicIssue", "OfficePolicy", "FocusPoint",
                 "Guideline", "Measure", "Indicator", "Project", "Activity", "ContextFigure", "ManagementModel",
                 "ModelComponent"}


def _kind(g, s):
    names = {str(o).split("#")[-1] for o in g.objects(s, RDF.type) if str(o).startswith(str(EDU))}
    found = sorted(names & ELEMENT_KINDS)
    return found[0] if found else None


def _label(g, s):
    th = [str(o) for o in g.objects(s, RDFS.label) if getattr(o, "language", None) == "th"]
    return re.sub(r"\s+", " ", th[0]).strip() if th else ""


def path(g, s, _seen=None) -> tuple:
    """(kind, notation) from the top-level element down to s; a plan ends the walk."""
    seen = _seen or set()
    if s in seen:
        return ()
    seen.add(s)
    kind = _kind(g, s)
    if kind is None:
        return ()
    notation = g.value(s, SKOS.notation)
    up = g.value(s, EDU.partOf)
    order = g.value(s, EDU.order)
    here = ((kind, str(notation) if notation is not None else f"#{order}"),)
    return (path(g, up, seen) if up is not None else ()) + here


def element_keys(g: Graph) -> set:
    keys = set()
    for s in set(g.subjects(RDF.type, None)):
        kind = _kind(g, s)
        if kind:
            p = path(g, s)
            keys.add((kind, p[-1][1], _label(g, s), p[:-1]))
    return keys


def value_keys(g: Graph) -> set:
    """("target"|"baseline", indicator path, year BE, value text)."""
    keys = set()
    for name, link in (("target", EDU.targetOf), ("baseline", EDU.baselineOf)):
        for s, ind in g.subject_objects(link):
            keys.add((name, path(g, ind), int(g.value(s, EDU.fiscalYearBE) or 0), str(g.value(s, EDU.valueText))))
    return keys


def _stated(g: Graph, kinds: set | None):
    """(lower element path, evidence line, higher IRI or None) of every stated link; with kinds, only of elements under those kinds."""
    for low, rec in g.subject_objects(EDU.hasAlignment):
        if g.value(rec, EDU.basis) == EDU.Stated:
            p = path(g, low)
            if kinds is None or any(k in kinds for k, _ in p):
                higher = g.value(rec, EDU.alignedTo)
                yield p, int(g.value(rec, EDU.sourceLine) or 0), str(higher) if higher is not None else None


def stated_keys(g: Graph, kinds: set | None = None) -> set:
    """(lower element path, evidence line) of every stated link; with kinds, only links of elements under those kinds."""
    return {(p, line) for p, line, _ in _stated(g, kinds)}


def stated_link_keys(g: Graph, kinds: set | None = None) -> set:
    """(lower element path, evidence line, higher IRI) of every stated link that names what it serves."""
    return {key for key in _stated(g, kinds) if key[2] is not None}


@dataclass
class PR:
    found: int
    expected: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def compare(found: set, expected: set) -> PR:
    return PR(len(found), len(expected), len(found & expected))


def by_kind(found: set, expected: set) -> dict:
    """Element precision/recall per kind."""
    out = defaultdict(lambda: (set(), set()))
    for k in found:
        out[k[0]][0].add(k)
    for k in expected:
        out[k[0]][1].add(k)
    return {kind: compare(f, e) for kind, (f, e) in sorted(out.items())}


@dataclass
class Score:
    elements: PR
    values: PR
    stated: PR
    kinds: dict
    links: PR       # stated links with what they serve: (element path, evidence line, higher IRI)


def score(draft: Graph, reviewed: Graph, stated_kinds: set | None = None) -> Score:
    """Precision and recall of a draft against a reviewed file; stated links only of elements under stated_kinds when given."""
    fe, ee = element_keys(draft), element_keys(reviewed)
    return Score(compare(fe, ee), compare(value_keys(draft), value_keys(reviewed)),
                 compare(stated_keys(draft, stated_kinds), stated_keys(reviewed, stated_kinds)), by_kind(fe, ee),
                 compare(stated_link_keys(draft, stated_kinds), stated_link_keys(reviewed, stated_kinds)))
