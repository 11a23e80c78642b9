"""`edugraph build`: sources in, reasoned dataset out to dist/."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from . import __version__
from .load import InputError, load_sources, parse_file
from .namespaces import EDU, GRAPH, INFERRED_GRAPH, ONTOLOGY_IRI, bind
from .project import Project
from .reason import infer
from .serialize import write_trig, write_turtle

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

    @property
    def asserted(self) -> int:
        return sum(n for g, n in self.triples.items() if g != str(INFERRED_GRAPH))

    @property
    def inferred(self) -> int:
        return self.triples.get(str(INFERRED_GRAPH), 0)


def stamp_version(dataset: Dataset) -> None:
    """Give the ontology header its version IRI and info from the package version."""
    ontology = dataset.graph(GRAPH["ontology"])
    iri = URIRef(ONTOLOGY_IRI)
    ontology.set((iri, OWL.versionIRI, URIRef(f"{ONTOLOGY_IRI}/{__version__}")))
    ontology.set((iri, OWL.versionInfo, Literal(__version__)))


def element_counts(dataset: Dataset) -> dict:
    """Asserted edugraph-typed subjects per source document and class."""
    counts = defaultdict(Counter)
    for graph in dataset.graphs():
        if graph.identifier in (INFERRED_GRAPH, GRAPH["ontology"]):
            continue
        for subject, cls in graph.subject_objects(RDF.type):
            if not str(cls).startswith(str(EDU)):
                continue
            for source in graph.objects(subject, DCTERMS.source):
                counts[str(source)][str(cls)] += 1
    return {src: dict(sorted(c.items())) for src, c in sorted(counts.items())}


def reason(dataset: Dataset) -> int:
    """Add the product's entailments as the inferred named graph; return how many."""
    ontology = dataset.graph(GRAPH["ontology"])
    asserted = {t for g in dataset.graphs() if g.identifier != INFERRED_GRAPH for t in g}
    inferred = dataset.graph(INFERRED_GRAPH)
    for triple in infer(ontology, asserted):
        if triple not in asserted:
            inferred.add(triple)
    return len(inferred)


def build(project: Project) -> BuildSummary:
    """Load, reason and write dist/ atomically; raise InputError on bad input."""
    seconds = {}
    started = time.perf_counter()
    dataset = load_sources(project)
    stamp_version(dataset)
    seconds["parse"] = time.perf_counter() - started

    mark = time.perf_counter()
    reason(dataset)
    seconds["reason"] = time.perf_counter() - mark

    summary = BuildSummary(
        version=__version__,
        triples={str(g.identifier): len(g) for g in sorted(dataset.graphs(), key=lambda g: str(g.identifier)) if len(g)},
        elements=element_counts(dataset),
        seconds=seconds,
    )
    mark = time.perf_counter()
    write_dist(project, dataset, summary)
    seconds["write"] = time.perf_counter() - mark
    seconds["total"] = time.perf_counter() - started
    return summary


def write_dist(project: Project, dataset: Dataset, summary: BuildSummary) -> None:
    """Write every output into a temporary folder beside dist/, then swap it in."""
    project.root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=project.root))
    try:
        graphs = sorted(dataset.graphs(), key=lambda g: str(g.identifier))
        asserted = [g for g in graphs if g.identifier != INFERRED_GRAPH and len(g)]
        write_trig(asserted, staging / ASSERTED)
        write_trig([g for g in graphs if len(g)], staging / FULL)
        write_turtle(dataset.graph(GRAPH["ontology"]), staging / ONTOLOGY)
        manifest = {
            "version": summary.version,
            "inputs": project.fingerprint(),
            "triples": summary.triples,
            "elements": summary.elements,
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
    return BuildSummary(manifest["version"], manifest["triples"], manifest["elements"], {})


def load_built(project: Project, inferred: bool = True) -> Dataset:
    """The built dataset (building first when dist/ is missing or stale)."""
    if not is_current(project):
        build(project)
    dataset = bind(Dataset())
    parse_file(project.dist / (FULL if inferred else ASSERTED), dataset, fmt="trig")
    return dataset


__all__ = ["BuildSummary", "InputError", "build", "is_current", "load_built", "read_manifest"]
