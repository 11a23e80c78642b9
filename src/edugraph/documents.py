"""Office documents one at a time: parsed, reasoned against the shared graphs, rendered, cached.

A national build holds some 250 office documents (files under data/seeds/)
over a few shared graphs (the ontology, the reference frameworks, the source
register). An office document's entailments follow from its own triples and
the shared graphs' closure alone, as long as no two documents meet at a node:
then `build` reasons and renders each document by itself, one process per
core, and keeps the result in .edugraph-cache/ under a key made of the file's
sha256, the shared inputs' sha256 and the edugraph version. A rebuild after one
office's file changed redoes that document only.

Whether documents meet is checked on every build from what each entry records
(`independent`): the IRIs a document mentions that no shared graph mentions,
which of them its entailments or joins use, and its joins at shared nodes. The
rules join two premises only for transitive properties and property chains,
and never invent a node, so a derivation that needs two documents' triples
shows up there; when one does, the build reasons over the whole graph instead
(`Independence.reason`), and says which node made it.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from . import __version__
from .errors import InputError
from .load import parse_triples, rdflib_graph, to_ox
from .namespaces import EDU, GRAPH, ONTOLOGY_IRI
from .processes import die_with_parent, signals_held
from .project import Project
from .reason import Index, Rules, materialise_ox, ox_rules
from .serialize import block, block_text

_FORMAT = 2  # bump when an entry's layout changes
_SEEDS = str(GRAPH["seeds/"])
_SUGGESTED = str(GRAPH["suggested/"])  # software's suggestions: kept in dist/, never reasoned over
_DRAFTS = str(GRAPH["drafts/"])
_RDF_TYPE = ox.NamedNode(str(RDF.type))


def is_document(project: Project, path: Path) -> bool:
    """Whether a source file is an office document (reasoned alone) rather than a shared graph; drafts are too."""
    return str(project.graph_name(path)).startswith((_SEEDS, _DRAFTS))


def document_paths(project: Project) -> list[Path]:
    """The office documents among the inputs, in input order."""
    return [p for p in project.inputs() if is_document(project, p)]


def cache_dir(project: Project) -> Path:
    return project.cache / "documents"


@dataclass
class Shared:
    """The shared graphs, their closure under the ontology's rules, and what they mention."""

    graphs: dict  # graph name -> set of pyoxigraph triples
    rules: Rules  # over pyoxigraph terms
    derived: set  # the shared graphs' own entailments
    closure: set  # asserted + derived
    index: Index  # the closure's triples that rules read, indexed once for every document
    mentioned: set  # IRIs (NamedNode) in subject or object position of the closure
    key: str  # sha256 of the version and the shared inputs' fingerprints

    @classmethod
    def load(cls, project: Project, fingerprint: dict) -> "Shared":
        graphs = {}
        paths = [p for p in project.inputs() if not is_document(project, p)]
        for path in paths:
            triples = parse_triples(path)
            if not triples:  # an emptied ontology or reference file would silently take its entailments with it
                raise InputError(f"{path}: holds no triples (the ontology and every shared file under data/ must)")
            graphs.setdefault(project.graph_name(path), set()).update(triples)
        _stamp_version(graphs[GRAPH["ontology"]])
        ontology = rdflib_graph(graphs[GRAPH["ontology"]])
        rules = ox_rules(ontology)
        # Suggestions (data/suggested/) name office elements, so reasoning over them would make every
        # document meet them; nothing derived from a suggestion is asked for, and editing them redoes no document.
        asserted = set().union(*(g for n, g in graphs.items() if not str(n).startswith(_SUGGESTED)))
        derived = materialise_ox(rules, asserted) - asserted  # some asserted predicates are read by no rule
        closure = asserted | derived
        mentioned = {t for s, _, o in closure for t in (s, o) if isinstance(t, ox.NamedNode)}
        relative = sorted(p.relative_to(project.root).as_posix() for p in paths
                          if not str(project.graph_name(p)).startswith(_SUGGESTED))
        key = _sha(json.dumps([__version__, _FORMAT, {r: fingerprint[r] for r in relative}], sort_keys=True))
        return cls(graphs, rules, derived, closure, Index.of(rules, closure, _RDF_TYPE), mentioned, key)


def _stamp_version(ontology: set) -> None:
    iri = to_ox(URIRef(ONTOLOGY_IRI))
    for prop, value in ((OWL.versionIRI, URIRef(f"{ONTOLOGY_IRI}/{__version__}")), (OWL.versionInfo, Literal(__version__))):
        prop = to_ox(prop)
        for t in [t for t in ontology if t[0] == iri and t[1] == prop]:
            ontology.discard(t)
        ontology.add((iri, prop, to_ox(value)))


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Entry:
    """One office document's cached build: figures and checks in `meta`, rendered text in the file."""

    path: Path
    meta: dict

    @property
    def graph(self) -> str:
        return self.meta["graph"]

    def section(self, inferred: bool = False) -> bytes:
        """The rendered asserted or inferred block (UTF-8 Turtle lines, indented for TriG)."""
        sizes = self.meta["bytes"]
        with self.path.open("rb") as handle:
            handle.seek(self.path.stat().st_size - sizes[1] - (0 if inferred else sizes[0]))
            return handle.read(sizes[1] if inferred else sizes[0])

    @classmethod
    def read(cls, path: Path) -> "Entry | None":
        """The entry at path, or None when it is missing or damaged (it is then rebuilt).

        An entry's header carries the sha256 of the rest of its header and of
        its text, so a changed byte anywhere, even one that keeps the size, is
        noticed before the entry is used.
        """
        try:
            with path.open("rb") as handle:
                header = handle.readline()
                body = handle.read()
            meta = json.loads(header)
            if meta.get("format") != _FORMAT or len(body) != sum(meta["bytes"]):
                return None
            if meta.pop("sha256") != _checksum(meta, body):
                return None
            return cls(path, meta)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def _header(meta: dict) -> bytes:
    return json.dumps(meta, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _checksum(meta: dict, body: bytes) -> str:
    """sha256 of an entry's header (without the checksum) and of its text."""
    digest = hashlib.sha256(_header(meta))
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()


def entry_path(project: Project, shared_key: str, path: Path, file_sha: str) -> Path:
    name = project.graph_name(path).rsplit("/", 1)[1]
    return cache_dir(project) / f"{name}.{_sha(shared_key + str(project.graph_name(path)) + file_sha)[:32]}.entry"


def reason_document(shared: Shared, triples: set) -> set:
    """The entailments of one document's triples with the shared closure that neither holds."""
    return materialise_ox(shared.rules, triples, closed=shared.index) - shared.closure - triples


def build_entry(project: Project, shared: Shared, path: Path, target: Path) -> Entry:
    """Parse, reason and render one document; write its entry atomically to `target`."""
    seconds = {}
    mark = time.perf_counter()
    triples = parse_triples(path)
    seconds["parse"] = time.perf_counter() - mark
    mark = time.perf_counter()
    derived = reason_document(shared, triples)
    seconds["reason"] = time.perf_counter() - mark
    mark = time.perf_counter()
    asserted_lines, asserted_prefixes = block(triples, "    ")
    inferred_lines, inferred_prefixes = block(derived, "    ") if derived else ([], set())
    texts = [block_text(asserted_lines), block_text(inferred_lines)]
    seconds["render"] = time.perf_counter() - mark
    graph = str(project.graph_name(path))
    meta = {
        "format": _FORMAT,
        "graph": graph,
        "asserted": len(triples),
        "inferred": len(derived),
        "elements": element_counts({graph: triples}),
        "issuers": sorted({o.value for _, p, o in triples if p == _ISSUER and isinstance(o, ox.NamedNode)}),
        "prefixes": sorted(asserted_prefixes | inferred_prefixes),
        **_meeting_points(shared, triples, derived),
        "bytes": [len(t) for t in texts],
        "seconds": seconds,
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}")
    with tmp.open("wb") as handle:
        handle.write(_header({**meta, "sha256": _checksum(meta, b"".join(texts))}) + b"\n")
        handle.writelines(texts)
    os.replace(tmp, target)
    return Entry(target, meta)


_ISSUER = ox.NamedNode(str(EDU.issuer))


def _meeting_points(shared: Shared, triples: set, derived: set) -> dict:
    """Where this document could meet another: see `Independence`."""
    rules = shared.rules
    named = ox.NamedNode
    mentioned = ({s for s, _, _ in triples if type(s) is named} | {o for _, _, o in triples if type(o) is named}) - shared.mentioned
    active, left, right, neutral = set(), set(), set(), 0
    for s, p, o in derived:
        touched = False
        if s in mentioned:
            active.add(s)
            touched = True
        if o in mentioned:
            active.add(o)
            touched = True
        if not touched and not isinstance(s, ox.BlankNode) and not isinstance(o, ox.BlankNode):
            neutral += 1
    joins = _joins(rules)
    closure = shared.closure
    for group in (triples, derived):
        for t in group:
            found = joins.get(t[1])
            if found is None or t in closure:
                continue
            s, _, o = t
            for relation, left_side in found:
                node = o if left_side else s
                if node in mentioned:
                    active.add(node)
                elif node in shared.mentioned:
                    (left if left_side else right).add(f"{relation} {node}")
    return {
        "mentioned": sorted(t.value for t in mentioned),
        "active": sorted(t.value for t in active),
        "left": sorted(left),
        "right": sorted(right),
        "neutral": neutral,
    }


def _joins(rules: Rules) -> dict:
    """predicate -> [(relation, whether the node joined at is the object)]: the two-premise rules a triple can take part in.

    A triple (s, p, o) of a transitive p, or first in a chain (p, p2), waits at
    o for a triple starting there; second in a chain (p1, p), it waits at s.
    """
    joins = {}
    for p in rules.transitive:
        joins.setdefault(p, []).extend([(f"{p} {p}", True), (f"{p} {p}", False)])
    for p, pairs in rules.chains_by_first.items():
        joins.setdefault(p, []).extend((f"{p} {p2}", True) for p2, _ in pairs)
    for p, pairs in rules.chains_by_second.items():
        joins.setdefault(p, []).extend((f"{p1} {p}", False) for p1, _ in pairs)
    return joins


@dataclass
class Independence:
    """Whether every document's entailments can be computed from it and the shared graphs alone."""

    reason: str = ""  # empty when independent; else what makes two documents meet

    @classmethod
    def check(cls, entries: list) -> "Independence":
        owners = {}
        for entry in entries:
            for iri in entry.meta["mentioned"]:
                owners.setdefault(iri, []).append(entry.graph)
        lefts = {}
        for entry in entries:
            if entry.meta["neutral"]:
                return cls(f"{entry.graph} derives {entry.meta['neutral']} triple(s) about shared nodes only")
            for iri in entry.meta["active"]:
                others = [g for g in owners[iri] if g != entry.graph]
                if others:
                    return cls(f"<{iri}> is used by {entry.graph} and {others[0]}, and no shared graph declares it")
            for key in entry.meta["left"]:
                lefts.setdefault(key, set()).add(entry.graph)
        for entry in entries:
            for key in entry.meta["right"]:
                others = lefts.get(key, set()) - {entry.graph}
                if others:
                    return cls(f"{entry.graph} and {min(others)} are joined at {key.rsplit(' ', 1)[1]}")
        return cls()

    def __bool__(self) -> bool:
        return not self.reason


def element_counts(graphs: dict) -> dict:
    """Asserted edugraph-typed subjects per source document and class, for graphs of pyoxigraph triples."""
    from collections import Counter, defaultdict

    source_p, edu = ox.NamedNode(str(DCTERMS.source)), str(EDU)
    counts = defaultdict(Counter)
    for triples in graphs.values():
        sources, types = defaultdict(list), []
        for s, p, o in triples:
            if p == source_p:
                sources[s].append(o)
            elif p == _RDF_TYPE and isinstance(o, ox.NamedNode) and o.value.startswith(edu):
                types.append((s, o.value))
        for s, cls in types:
            for source in sources.get(s, ()):
                counts[source.value][cls] += 1
    return {src: dict(sorted(c.items())) for src, c in sorted(counts.items())}


def merge_counts(parts) -> dict:
    merged = {}
    for part in parts:
        for source, by_class in part.items():
            target = merged.setdefault(source, {})
            for cls, n in by_class.items():
                target[cls] = target.get(cls, 0) + n
    return {src: dict(sorted(c.items())) for src, c in sorted(merged.items())}


# --- building many entries, in parallel ---------------------------------------

_WORKER: dict = {}


def _init_worker(root: str, fingerprint: dict, parent: int) -> None:
    die_with_parent(parent)
    project = Project(Path(root))
    _WORKER.update(project=project, shared=Shared.load(project, fingerprint))


def _build_in_worker(job: tuple) -> Entry:
    path, target = job
    return build_entry(_WORKER["project"], _WORKER["shared"], Path(path), Path(target))


def build_entries(project: Project, shared: Shared, jobs: list, fingerprint: dict, workers: int | None = None, advance=None) -> list:
    """Build the (source path, entry path) jobs: in `workers` processes, by default one per core when there are enough jobs.

    The workers end with this process (`processes.die_with_parent`); when the
    build stops early (an error, Ctrl-C, SIGTERM) they are killed at once
    rather than left to finish the queue, and their half-written entries are
    removed. `advance()` is called as each entry is done (progress).
    """
    advance = advance or (lambda n=1: None)
    if workers is None:
        workers = min(os.cpu_count() or 1, len(jobs) // 4)
    if workers < 2 or len(jobs) < 2:
        entries = []
        for path, target in jobs:
            entries.append(build_entry(project, shared, path, target))
            advance()
        return entries
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(str(project.root), fingerprint, os.getpid()))
    try:
        with signals_held():  # the workers start inside map(), and must not see a Ctrl-C before they ignore it
            results = pool.map(_build_in_worker, [(str(p), str(t)) for p, t in jobs], chunksize=4)
        entries = []
        for entry in results:
            entries.append(entry)
            advance()
    except BaseException:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        for partial in cache_dir(project).glob(".*.entry.*"):
            partial.unlink(missing_ok=True)
        raise
    pool.shutdown()
    return entries


def prune(project: Project, keep: set) -> None:
    """Remove cache entries no longer used (older versions of files, removed files)."""
    folder = cache_dir(project)
    if folder.is_dir():
        for path in folder.iterdir():
            if path not in keep:
                path.unlink(missing_ok=True)


__all__ = ["Entry", "Independence", "Shared", "build_entries", "build_entry", "document_paths", "element_counts", "is_document", "reason_document"]
