"""`edugraph build`: sources in, reasoned dataset out to dist/."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from . import __version__
from .load import InputError, parse_file
from .namespaces import EDU, GRAPH, INFERRED_GRAPH, ONTOLOGY_IRI, bind
from .project import Project

ASSERTED = "edugraph-asserted.trig"
FULL = "edugraph.trig"
ONTOLOGY = "edugraph-ontology.ttl"
MANIFEST = "build.json"


@dataclass
class BuildSummary:
    """What a build produced; the same figures `edugraph stats` reports."""

    version: str
    triples: dict  # named graph IRI -> triple count (the inferred graph included)
    elements: dict  # source document IRI -> {class IRI -> count}
    seconds: dict  # step -> seconds (not written to the manifest: builds stay byte-identical)
    issuers: dict = field(default_factory=dict)  # office document graph IRI -> issuer IRIs of its plans

    @property
    def asserted(self) -> int:
        return sum(n for g, n in self.triples.items() if g != str(INFERRED_GRAPH))

    @property
    def inferred(self) -> int:
        return self.triples.get(str(INFERRED_GRAPH), 0)


def build(project: Project) -> BuildSummary:
    """Load, reason and write dist/ atomically; raise InputError on bad input.

    The data never becomes rdflib Graph objects: Oxigraph parses every file
    into sets of pyoxigraph triples, the reasoner runs over those terms
    (`reason.infer_ox`, the same rules as `infer`), and the canonical writer
    renders them directly. Only the ontology (for its axioms) and graphs that
    hold blank nodes (for canonical relabelling) go through rdflib.
    """
    import pyoxigraph as ox

    seconds = {}
    started = time.perf_counter()
    graphs = _parse(project, project.inputs())
    seconds["parse"] = time.perf_counter() - started
    mark = time.perf_counter()
    _reason(graphs)
    seconds["reason"] = time.perf_counter() - mark

    names = sorted((n for n, g in graphs.items() if g), key=str)
    summary = BuildSummary(
        version=__version__,
        triples={str(n): len(graphs[n]) for n in names},
        elements=_element_counts(graphs, ox),
        seconds=seconds,
        issuers=_issuers(graphs, ox),
    )
    mark = time.perf_counter()
    _write_dist(project, graphs, names, summary)
    seconds["write"] = time.perf_counter() - mark
    seconds["total"] = time.perf_counter() - started
    return summary


def _parse(project: Project, paths: list) -> dict:
    """graph name -> set of pyoxigraph triples, for the given input files (the ontology always included)."""
    from .load import parse_triples, to_ox

    graphs = {}
    for path in dict.fromkeys([project.ontology, *paths]):
        graphs.setdefault(project.graph_name(path), set()).update(parse_triples(path))
    _stamp_version(graphs[GRAPH["ontology"]], to_ox)
    return graphs


def _reason(graphs: dict) -> None:
    """Add the inferred graph: the entailments not already asserted."""
    from .load import to_rdflib
    from .reason import infer_ox

    ontology = Graph()
    for s, p, o in graphs[GRAPH["ontology"]]:
        ontology.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    derived = infer_ox(ontology, (t for g in graphs.values() for t in g))
    # a derived triple may be asserted with a predicate no rule reads (a super-property)
    predicates = {p for _, p, _ in derived}
    asserted = {t for g in graphs.values() for t in g if t[1] in predicates}
    graphs[INFERRED_GRAPH] = {t for t in derived if t not in asserted}


def office_store(project: Project, office: URIRef):
    """An office's own documents with the shared sources, reasoned, in an Oxigraph store.

    The office's files are read from build.json's index of issuers (building
    first when dist/ is stale); an office's entailments follow from its own
    documents and the shared graphs alone (tests/test_validate_seeds.py checks
    its results equal the whole graph's), so nothing else is parsed.
    """
    import pyoxigraph as ox

    if not is_current(project):
        build(project)
    issuers = read_manifest(project)["issuers"]
    seeds = str(GRAPH["seeds/"])
    paths = [
        path for path in project.inputs()
        if not str(project.graph_name(path)).startswith(seeds) or str(office) in issuers.get(str(project.graph_name(path)), [])
    ]
    graphs = _parse(project, paths)
    _reason(graphs)
    store = ox.Store()
    store.extend(ox.Quad(s, p, o, ox.NamedNode(str(name))) for name, triples in graphs.items() for s, p, o in triples)
    return store


def _issuers(graphs: dict, ox) -> dict:
    """The issuers of the plans in each office document (graph under graph/seeds/)."""
    issuer, seeds = ox.NamedNode(str(EDU.issuer)), str(GRAPH["seeds/"])
    return {
        str(name): sorted({o.value for _, p, o in triples if p == issuer and isinstance(o, ox.NamedNode)})
        for name, triples in sorted(graphs.items(), key=lambda item: str(item[0]))
        if str(name).startswith(seeds)
    }


def _stamp_version(ontology: set, to_ox) -> None:
    iri = to_ox(URIRef(ONTOLOGY_IRI))
    for prop, value in ((OWL.versionIRI, URIRef(f"{ONTOLOGY_IRI}/{__version__}")), (OWL.versionInfo, Literal(__version__))):
        prop = to_ox(prop)
        for t in [t for t in ontology if t[0] == iri and t[1] == prop]:
            ontology.discard(t)
        ontology.add((iri, prop, to_ox(value)))


def _element_counts(graphs: dict, ox) -> dict:
    """Asserted edugraph-typed subjects per source document and class."""
    rdf_type, source_p, edu = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(DCTERMS.source)), str(EDU)
    counts = defaultdict(Counter)
    for name, triples in graphs.items():
        if name in (INFERRED_GRAPH, GRAPH["ontology"]):
            continue
        sources, types = defaultdict(list), []
        for s, p, o in triples:
            if p == source_p:
                sources[s].append(o)
            elif p == rdf_type and isinstance(o, ox.NamedNode) and o.value.startswith(edu):
                types.append((s, o.value))
        for s, cls in types:
            for source in sources.get(s, ()):
                counts[str(source.value) if not isinstance(source, ox.Literal) else source.value][cls] += 1
    return {src: dict(sorted(c.items())) for src, c in sorted(counts.items())}


def _write_dist(project: Project, graphs: dict, names: list, summary: BuildSummary) -> None:
    """Write every output into a temporary folder beside dist/, then swap it in; each graph is rendered once, for both TriG files."""
    from .serialize import block, trig_from_blocks, turtle_from_block, write_text

    project.root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=project.root))
    try:
        blocks = [(name, *block(graphs[name], "    ")) for name in names]
        write_text(staging / ASSERTED, trig_from_blocks(b for b in blocks if b[0] != INFERRED_GRAPH))
        write_text(staging / FULL, trig_from_blocks(blocks))
        del blocks
        write_text(staging / ONTOLOGY, turtle_from_block(*block(graphs.get(GRAPH["ontology"], set()), "")))
        manifest = {
            "version": summary.version,
            "inputs": project.fingerprint(),
            "triples": summary.triples,
            "elements": summary.elements,
            "issuers": summary.issuers,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        _swap_in(staging, project.dist)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, dist: Path) -> None:
    old = None
    if dist.exists():
        old = dist.with_name(f".dist-old-{os.getpid()}")
        os.replace(dist, old)
    os.replace(staging, dist)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def read_manifest(project: Project) -> dict | None:
    path = project.dist / MANIFEST
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def is_current(project: Project) -> bool:
    """Whether dist/ was built from exactly the present sources by this version."""
    manifest = read_manifest(project)
    return bool(manifest) and manifest["version"] == __version__ and manifest["inputs"] == project.fingerprint()


def summary_from_manifest(manifest: dict) -> BuildSummary:
    return BuildSummary(manifest["version"], manifest["triples"], manifest["elements"], {}, manifest.get("issuers", {}))


def load_store(project: Project):
    """The built dataset (asserted + inferred) in an Oxigraph store, building first when stale."""
    import pyoxigraph as ox

    if not is_current(project):
        build(project)
    store = ox.Store()
    try:
        store.bulk_load(path=str(project.dist / FULL), format=ox.RdfFormat.TRIG)
    except SyntaxError as exc:  # dist/ edited or damaged by hand
        raise InputError(f"{project.dist / FULL}: {str(exc).splitlines()[0]} (run `edugraph build`)") from None
    return store


def load_built(project: Project, inferred: bool = True) -> Dataset:
    """The built dataset (building first when dist/ is missing or stale)."""
    if not is_current(project):
        build(project)
    dataset = bind(Dataset())
    parse_file(project.dist / (FULL if inferred else ASSERTED), dataset, fmt="trig")
    return dataset


__all__ = ["BuildSummary", "InputError", "build", "is_current", "load_built", "read_manifest"]
