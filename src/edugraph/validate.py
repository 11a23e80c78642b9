"""`edugraph validate`: the SHACL shapes in shapes/ against the built data.

Core SHACL shapes run in pySHACL on the data as built (asserted plus the
materialised entailments the shapes rely on; no reasoning inside pySHACL).
SHACL-SPARQL constraints are evaluated once per constraint over the whole
graph, with `$this` left unbound, on Oxigraph, and their solutions are kept
for the shape's focus nodes. pySHACL evaluates them once per focus node on
rdflib's engine, which took over six minutes on the five seed documents;
tests/test_validate.py checks that both give the same results on the fixtures.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from . import compile_shapes, progress
from .compile_shapes import TARGETS, Unsupported, compile_shape, focus_query, is_shape_with_targets
from .errors import InputError
from .load import to_ox, to_rdflib
from .namespaces import EDU, ID, SH
from .project import Project
from .serialize import write_atomically


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    VIOLATION = 3

    @classmethod
    def from_iri(cls, iri) -> "Severity":
        return {SH.Info: cls.INFO, SH.Warning: cls.WARNING}.get(iri, cls.VIOLATION)

    @property
    def iri(self) -> URIRef:
        return {Severity.INFO: SH.Info, Severity.WARNING: SH.Warning, Severity.VIOLATION: SH.Violation}[self]

    @property
    def label(self) -> str:
        return self.name.capitalize()


FAIL_LEVELS = {"violation": Severity.VIOLATION, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class Result:
    """One validation result, with the context an auditor needs to find it in the source."""

    focus: URIRef
    shape: URIRef
    severity: Severity
    messages: dict  # language -> message
    path: URIRef | None = None
    value: object = None
    source_document: URIRef | None = None
    office: URIRef | None = None
    plan: URIRef | None = None
    notation: str | None = None
    labels: dict = field(default_factory=dict)  # language -> label
    quote: str | None = None
    line: int | None = None
    office_labels: dict = field(default_factory=dict)
    plan_labels: dict = field(default_factory=dict)
    # the evidence: the offending value's own quote and line when it has one (a finding, a target, another indicator)
    evidence_quote: str | None = None
    evidence_document: URIRef | None = None
    evidence_line: int | None = None

    def message(self, lang: str) -> str:
        return pick(self.messages, lang)

    def label(self, lang: str) -> str:
        return pick(self.labels, lang)


def pick(texts: dict, lang: str) -> str:
    other = "th" if lang == "en" else "en"
    return texts.get(lang) or texts.get(other) or texts.get("") or ""


@dataclass
class ValidationReport:
    results: list

    @property
    def conforms(self) -> bool:
        return not any(r.severity == Severity.VIOLATION for r in self.results)

    def fails(self, level: Severity) -> bool:
        return any(r.severity >= level for r in self.results)

    def counts(self) -> Counter:
        return Counter(r.severity for r in self.results)

    def counts_by_shape(self) -> Counter:
        return Counter((r.shape, r.severity) for r in self.results)

    def only(self, office=None, plan=None, severity: str = "info", shape=None) -> "ValidationReport":
        """The results of one office, plan and shape (IRIs, each optional) at or above a severity."""
        floor = FAIL_LEVELS[severity]
        return ValidationReport([
            r for r in self.results
            if r.severity >= floor and all(want is None or str(have) == str(want)
                                           for have, want in ((r.office, office), (r.plan, plan), (r.shape, shape)))
        ])


# --------------------------------------------------------------------------
# Shapes and evaluation


def load_shapes(shapes_dir: Path) -> Graph:
    """The data shapes (shapes/*.shapes.ttl); maintainer QA shapes in shapes/qa/ are apart."""
    from .load import parse_file

    shapes = Graph()
    paths = sorted(shapes_dir.glob("*.ttl"))
    if not paths:
        raise InputError(f"{shapes_dir}: no shape files (*.ttl), so nothing could be checked")
    for path in paths:
        before = len(shapes)
        parse_file(path, shapes)
        if len(shapes) == before:
            raise InputError(f"{path}: holds no shapes (an empty file?)")
    return shapes


def _prefix_block(shapes: Graph, constraint) -> str:
    lines = []
    for ontology in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(ontology, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _substitute(template: str, solution: dict) -> str:
    def value(match):
        term = solution.get(match.group(1))
        if term is None:
            return ""
        return short_name(term) if isinstance(term, URIRef) else str(term)

    return re.sub(r"\{[?$]([A-Za-z_][A-Za-z0-9_]*)\}", value, template)


def _messages(shapes: Graph, *sources) -> list:
    for source in sources:
        found = list(shapes.objects(source, SH.message))
        if found:
            return found
    return []


def _sparql_job(shapes: Graph, shape, constraint):
    """A SHACL-SPARQL constraint run once, joined with the shape's focus nodes (its $this left unbound)."""
    targets = focus_query(shapes, shape)
    select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
    query = f"{_prefix_block(shapes, constraint)}\nSELECT * WHERE {{ {{ {targets} }} {{ {select} }} }}"
    templates = _messages(shapes, constraint, shape)
    severity = Severity.from_iri(shapes.value(shape, SH.severity))
    shape_path = shapes.value(shape, SH.path)

    def run(store: ox.Store) -> list:
        results, seen = [], set()
        solutions = store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            solution = {name: to_rdflib(row[name]) for name in names if row[name] is not None}
            this = solution["this"]
            path = solution.get("path", shape_path)
            value = solution.get("value", this if shape_path is None else None)
            key = (this, path, value)
            if key in seen:
                continue
            seen.add(key)
            messages = {t.language or "": _substitute(str(t), solution) for t in templates}
            results.append(Result(focus=this, shape=shape, severity=severity, messages=messages, path=path, value=value))
        return results

    return run


def _compiled_job(shapes: Graph, check):
    """A compiled core constraint: each solution is one violation."""
    messages = {m.language or "": str(m) for m in _messages(shapes, check.source)}
    messages = messages or {"": f"{_local(check.component)} constraint not met"}
    severity = Severity.from_iri(shapes.value(check.source, SH.severity))

    def run(store: ox.Store) -> list:
        return [
            Result(focus=to_rdflib(row["this"]), shape=check.shape, severity=severity, messages=messages,
                   path=check.path, value=to_rdflib(row["value"]) if check.has_value else None)
            for row in store.query(check.query, use_default_graph_as_union=True)
        ]

    return run


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _core_results(core: Graph, data: Graph) -> list:
    import pyshacl  # only for shapes the compiler cannot translate (0.3 s to import)

    _, report, _ = pyshacl.validate(data, shacl_graph=core, inference="none", allow_warnings=True, advanced=True, inplace=True)
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(node, SH.sourceShape)
        messages = {m.language or "": str(m) for m in report.objects(node, SH.resultMessage)}
        results.append(
            Result(
                focus=report.value(node, SH.focusNode),
                shape=_named_shape(shape, core),
                severity=Severity.from_iri(report.value(node, SH.resultSeverity)),
                messages=messages,
                path=_plain_path(report.value(node, SH.resultPath)),
                value=report.value(node, SH.value),
            )
        )
    return results


def _named_shape(shape, shapes: Graph):
    """A blank property shape is reported by the named shape it belongs to."""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape)
        if parent is not None:
            return parent
    return shape


def _plain_path(path):
    return path if isinstance(path, URIRef) else None


def _core_subgraph(shapes: Graph, keep: list) -> Graph:
    """The shapes in `keep`, with every shape they refer to but without anyone else's targets or SPARQL constraints."""
    sub, todo, seen = Graph(), list(keep), set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            if p == SH.sparql or (p in TARGETS and node not in keep):
                continue
            sub.add((node, p, o))
            if isinstance(o, (BNode, URIRef)) and (o, None, None) in shapes:
                todo.append(o)
    return sub


def evaluate(store: ox.Store, shapes: Graph, pyshacl_only: bool = False, each=None) -> list:
    """All results of the shapes on the data in `store` (all graphs as one), passed through `each` if given.

    Core shapes run as compiled SPARQL (compile_shapes) and SHACL-SPARQL
    constraints once per constraint, both in bulk on Oxigraph, one query per
    thread (Oxigraph evaluates without holding the GIL). `each` is applied in
    the calling thread to a query's results as soon as it finishes, while the
    others run; the results keep the order of the queries. A shape the compiler
    cannot translate, or every core shape with `pyshacl_only` (the tests'
    oracle), is validated by pySHACL on an rdflib copy of the data.
    """
    each = each or (lambda result: result)
    core, sparql, leftover = [], [], []
    for shape in sorted(s for s in set(shapes.subjects()) if is_shape_with_targets(shapes, s)):
        try:
            if pyshacl_only:
                raise Unsupported("asked for pySHACL")
            core.extend(_compiled_job(shapes, check) for check in compile_shape(shapes, shape))
        except Unsupported:
            leftover.append(shape)
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if focus_query(shapes, shape) and Literal(True) not in (shapes.value(constraint, SH.deactivated), shapes.value(shape, SH.deactivated)):
            sparql.append(_sparql_job(shapes, shape, constraint))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool, progress.step("checking the shapes", total=len(sparql) + len(core)) as advance:
        # SPARQL constraints start first: they are the long queries, and one started last leaves the other threads idle
        started = [pool.submit(job, store) for job in sparql + core]
        finished = {}
        for future in as_completed(started):
            finished[future] = [each(r) for r in future.result()]
            advance()
        results = [r for future in started for r in finished[future]]
    if leftover:
        results += map(each, _core_results(_core_subgraph(shapes, leftover), _rdflib_graph(store)))
    return results


def oxigraph_store(data: Graph) -> ox.Store:
    store = ox.Store()
    store.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


# --------------------------------------------------------------------------
# Context: where a result sits (office, plan, element, source text)


class _Lookup:
    """rdflib-term lookups on a store, all graphs as one."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.cache = {}

    def objects(self, node, prop) -> list:
        key = (node, prop)
        if key not in self.cache:
            self.cache[key] = [to_rdflib(q.object) for q in self.store.quads_for_pattern(to_ox(node), to_ox(prop), None)]
        return self.cache[key]

    def value(self, node, prop):
        found = self.objects(node, prop)
        return min(found, key=str) if found else None

    def subject(self, prop, node):
        found = [to_rdflib(q.subject) for q in self.store.quads_for_pattern(None, to_ox(prop), to_ox(node))]
        return min(found, key=str) if found else None

    def has_type(self, node, cls) -> bool:
        return any(self.store.quads_for_pattern(to_ox(node), ox.NamedNode(str(RDF.type)), to_ox(cls)))


def _owner(node, data: _Lookup):
    """The plan element a target, baseline, alignment record or finding is about."""
    for prop in (EDU.targetOf, EDU.baselineOf, EDU.concerns):
        owner = data.value(node, prop)
        if owner is not None:
            return owner
    owner = data.subject(EDU.hasAlignment, node)
    return owner if owner is not None else node


def _plan_of(node, data: _Lookup):
    if data.has_type(node, EDU.Plan):
        return node
    return min((a for a in data.objects(node, EDU.partOfTransitive) if data.has_type(a, EDU.Plan)), key=str, default=None)


def with_context(result: Result, data: _Lookup) -> Result:
    if isinstance(result.focus, Literal):
        return result
    element = _owner(result.focus, data)
    plan = _plan_of(element, data)
    office = data.value(plan, EDU.issuer) if plan is not None else None
    if office is None and data.has_type(element, EDU.EducationalServiceAreaOffice):
        office = element
    labels = {l.language or "": str(l) for l in sorted(data.objects(element, RDFS.label), key=str)}
    quote_node = result.focus if data.value(result.focus, EDU.sourceQuote) is not None else element
    line = data.value(quote_node, EDU.sourceLine)
    evidence = result.value if isinstance(result.value, URIRef) and result.value != result.focus and data.value(result.value, EDU.sourceQuote) is not None else None
    evidence_line = data.value(evidence, EDU.sourceLine) if evidence is not None else None
    return Result(
        **{
            **result.__dict__,
            "source_document": data.value(quote_node, DCTERMS.source),
            "office": office,
            "plan": plan,
            "notation": str(data.value(element, SKOS.notation) or "") or None,
            "labels": labels,
            "quote": str(data.value(quote_node, EDU.sourceQuote) or "") or None,
            "line": int(line) if line is not None else None,
            "office_labels": _labels(office, data),
            "plan_labels": _labels(plan, data, DCTERMS.title),
            "evidence_quote": str(data.value(evidence, EDU.sourceQuote)) if evidence is not None else None,
            "evidence_document": data.value(evidence, DCTERMS.source) if evidence is not None else None,
            "evidence_line": int(evidence_line) if evidence_line is not None else None,
        }
    )


def _labels(node, data: _Lookup, *extra) -> dict:
    if node is None:
        return {}
    labels = {}
    for prop in (*extra, RDFS.label):
        for label in sorted(data.objects(node, prop), key=str):
            labels.setdefault(label.language or "", str(label))
    return labels


def _resolve(value: str | None, base: str) -> URIRef | None:
    if value is None:
        return None
    return URIRef(value if "://" in value else f"{ID}{base}/{value}")


def validate(project: Project, office: str | None = None, plan: str | None = None, severity: str = "info") -> ValidationReport:
    """Validate the built dataset; keep results at or above `severity` for the office/plan asked for.

    With an office, only that office's source files and the shared (reference,
    ontology, sources) files are read and reasoned (`build.office_store`): an
    office's results depend on nothing else, and a test checks they equal the
    whole graph's results for that office. The whole graph's results are
    cached (see `_whole_graph_results`).
    """
    from .build import load_store, office_store

    office_iri, plan_iri = _resolve(office, "org"), _resolve(plan, "plan")
    if office_iri is None and plan_iri is None:
        results = _whole_graph_results(project)
    else:
        store = load_store(project, memory=True) if office_iri is None else office_store(project, office_iri)
        for iri, kind in ((office_iri, "office"), (plan_iri, "plan")):
            if iri is not None and not any(store.quads_for_pattern(ox.NamedNode(str(iri)), None, None)):
                raise InputError(f"no {kind} {iri} in the built data")
        results = [
            r for r in _results_in_context(store, project)
            if (office_iri is None or r.office == office_iri) and (plan_iri is None or r.plan == plan_iri)
        ]
    floor = FAIL_LEVELS[severity]
    results = [r for r in results if r.severity >= floor]
    results.sort(key=lambda r: (str(r.office or ""), str(r.plan or ""), _natural(r.notation), str(r.focus), -r.severity, str(r.shape), str(r.value)))
    return ValidationReport(results)


def _results_in_context(store: ox.Store, project: Project) -> list:
    data = _Lookup(store)
    return evaluate(store, load_shapes(project.shapes_dir), each=lambda result: with_context(result, data))


# Whole-graph results are kept in .edugraph-cache/validation/<key>.json, the key
# being the sha256 of the edugraph version, the validator's own code, the size
# and modification time of dist/edugraph.trig and the shape files: validating again (another format, severity or --fail-on) reads
# them instead of loading and checking the whole graph. An unreadable entry is
# recomputed, never trusted.

_CACHE_FORMAT = 2


def _whole_graph_results(project: Project) -> list:
    from .build import build, is_current, load_store

    if not is_current(project):
        build(project)
    path = _cache_path(project)
    results = _read_cache(path)
    if results is None:
        with progress.step("loading the built dataset"):
            store = load_store(project, memory=True)
        results = _results_in_context(store, project)
        try:
            _write_cache(path, results)
        except OSError:  # a read-only checkout validates, it just does not remember
            pass
    return results


def _cache_path(project: Project) -> Path:
    from . import __version__
    from .build import FULL

    digest = hashlib.sha256(__version__.encode("utf-8") + b"\0")
    for module in (__file__, compile_shapes.__file__):  # a results cache must not outlive the code that made it
        digest.update(Path(module).read_bytes())
    built = (project.dist / FULL).stat()  # every build rewrites it; so does an edit by hand
    digest.update(f"{built.st_size} {built.st_mtime_ns}".encode("ascii"))
    for path in sorted(project.shapes_dir.glob("*.ttl")):
        digest.update(b"\0" + path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return project.cache / "validation" / f"{digest.hexdigest()}.json"


_TERMS = ("focus", "shape", "path", "value", "source_document", "office", "plan", "evidence_document")


def _term_json(term):
    if term is None:
        return None
    if isinstance(term, Literal):
        return {"literal": str(term), "language": term.language, "datatype": str(term.datatype) if term.datatype else None}
    return {"bnode": str(term)} if isinstance(term, BNode) else {"iri": str(term)}


def _term_from_json(value):
    if value is None:
        return None
    if "literal" in value:
        datatype = URIRef(value["datatype"]) if value["datatype"] else None
        return Literal(value["literal"], lang=value["language"], datatype=datatype)
    return BNode(value["bnode"]) if "bnode" in value else URIRef(value["iri"])


def _read_cache(path: Path) -> list | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored["format"] != _CACHE_FORMAT:
            return None
        return [
            Result(**{**row, **{name: _term_from_json(row[name]) for name in _TERMS}, "severity": Severity(row["severity"])})
            for row in stored["results"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(path: Path, results: list) -> None:
    rows = [{**r.__dict__, **{name: _term_json(getattr(r, name)) for name in _TERMS}, "severity": int(r.severity)} for r in results]
    write_atomically(path, json.dumps({"format": _CACHE_FORMAT, "results": rows}, ensure_ascii=False))
    for old in path.parent.glob("*.json"):
        if old != path:
            old.unlink(missing_ok=True)


def _rdflib_graph(store: ox.Store) -> Graph:
    """The store's triples, all graphs merged, as one rdflib Graph (IRIs converted once)."""
    cache = {}
    graph = Graph()
    add = graph.add

    def term(t):
        if isinstance(t, ox.Literal):
            return to_rdflib(t)
        r = cache.get(t)
        if r is None:
            r = cache[t] = to_rdflib(t)
        return r

    for q in store:
        add((term(q.subject), term(q.predicate), term(q.object)))
    return graph


def _natural(notation: str | None) -> tuple:
    return tuple(int(p) if p.isdigit() else 10**6 for p in (notation or "").split(".")) if notation else (10**6,)


def short_name(iri) -> str:
    """An IRI as reports write it: below id/ without a prefix, edu: terms and shapes short."""
    if iri is None:
        return ""
    text = str(iri)
    for prefix, short in ((str(ID), ""), (str(EDU), "edu:"), ("https://w3id.org/edugraph/shapes#", "")):
        if text.startswith(prefix):
            return short + text[len(prefix):]
    return text
