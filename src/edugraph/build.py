"""`edugraph build`: sources in, reasoned dataset out to dist/."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import URIRef

from . import __version__, progress
from .documents import (
    Entry, Independence, Shared, build_entries, cache_dir, document_paths, element_counts, entry_path, merge_counts, prune,
    reason_document,
)
from .errors import InputError
from .load import parse_triples
from .namespaces import GRAPH, INFERRED_GRAPH
from .processes import check_stopped, signals_held
from .project import Project
from .serialize import usual_mode, write_text

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
    meeting: str = ""  # why office documents were reasoned together (empty: each alone)
    work: dict = field(default_factory=dict)  # documents built and cached, and their parse/reason/render seconds summed
    empty: list = field(default_factory=list)  # office documents (paths below the root) that hold no triples

    @property
    def asserted(self) -> int:
        return sum(n for g, n in self.triples.items() if g != str(INFERRED_GRAPH))

    @property
    def inferred(self) -> int:
        return self.triples.get(str(INFERRED_GRAPH), 0)


def build(project: Project, workers: int | None = None) -> BuildSummary:
    """Load, reason and write dist/ atomically; raise InputError on bad input.

    The shared graphs (ontology, reference frameworks, sources) are parsed and
    closed under the ontology's rules first. Each office document is then
    parsed, reasoned against that closure and rendered on its own, one process
    per core, and cached (`documents`); only documents whose file or shared
    inputs changed are redone. dist/ is assembled from the rendered blocks. If
    two documents meet at a node no shared graph declares, their entailments
    may need each other, and the documents are reasoned together instead.
    `workers` overrides the number of processes (default: one per core).
    One build of a checkout runs at a time (`exclusive`).
    """
    with exclusive(project):
        return _build(project, workers)


@contextlib.contextmanager
def exclusive(project: Project):
    """Hold the checkout's build lock (.edugraph-cache/build.lock), waiting for another build to end.

    While it waits, one line on stderr says so. Holding it, whatever a killed
    build left beside dist/ (its staging folder, a half-written cache entry)
    is known to be stale and removed. A checkout where the lock file cannot be
    created (a read-only disk) builds without it.
    """
    import fcntl

    try:
        project.cache.mkdir(parents=True, exist_ok=True)
        handle = (project.cache / "build.lock").open("a+")
    except OSError:
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"edugraph build: waiting for another build of {project.root} to finish", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        for stale in project.root.glob(".dist-*"):
            shutil.rmtree(stale, ignore_errors=True)
        for stale in cache_dir(project).glob(".*.entry.*"):
            stale.unlink(missing_ok=True)
        yield


def _build(project: Project, workers: int | None = None) -> BuildSummary:
    """The build itself, with the lock held."""
    seconds = {}
    started = time.perf_counter()
    fingerprint = project.fingerprint()
    with progress.step("shared graphs"):
        shared = Shared.load(project, fingerprint)
    seconds["shared"] = time.perf_counter() - started

    mark = time.perf_counter()
    entries, jobs, sources = [], [], {}
    for path in document_paths(project):
        target = entry_path(project, shared.key, path, fingerprint[path.relative_to(project.root).as_posix()])
        sources[target] = path.relative_to(project.root).as_posix()
        entry = Entry.read(target)
        if entry is None:
            jobs.append((path, target))
        else:
            entries.append(entry)
    with progress.step("office documents", total=len(entries) + len(jobs)) as advance:
        advance(len(entries))
        built = build_entries(project, shared, jobs, fingerprint, workers, advance)
    entries = sorted(entries + built, key=lambda e: e.graph)
    seconds["documents"] = time.perf_counter() - mark
    work = {"built": len(built), "cached": len(entries) - len(built)}
    for step in ("parse", "reason", "render"):
        work[step] = sum(e.meta["seconds"][step] for e in built)

    independence = Independence.check(entries)
    together = None
    if not independence:
        mark = time.perf_counter()
        together = _reason_together(project, shared)
        seconds["reason together"] = time.perf_counter() - mark

    triples = {str(n): len(g) for n, g in shared.graphs.items() if g}
    triples.update((e.graph, e.meta["asserted"]) for e in entries if e.meta["asserted"])
    inferred = len(shared.derived) + (len(together) if together is not None else sum(e.meta["inferred"] for e in entries))
    if inferred:
        triples[str(INFERRED_GRAPH)] = inferred
    summary = BuildSummary(
        version=__version__,
        triples=dict(sorted(triples.items())),
        elements=merge_counts([element_counts({n: g for n, g in shared.graphs.items() if n != GRAPH["ontology"]})]
                              + [e.meta["elements"] for e in entries]),
        seconds=seconds,
        issuers={e.graph: e.meta["issuers"] for e in entries},
        meeting=independence.reason,
        work=work,
        empty=sorted(sources[e.path] for e in entries if not e.meta["asserted"]),
    )
    mark = time.perf_counter()
    with progress.step("writing dist/"):
        _write_dist(project, shared, entries, together, summary, fingerprint)
    prune(project, {e.path for e in entries})
    seconds["write"] = time.perf_counter() - mark
    seconds["total"] = time.perf_counter() - started
    return summary


def _reason_together(project: Project, shared: Shared) -> set:
    """Every office document's entailments, reasoned over all documents at once."""
    documents = set()
    for path in document_paths(project):
        documents |= parse_triples(path)
    return reason_document(shared, documents)


def office_store(project: Project, office: URIRef):
    """An office's own documents with the shared sources, reasoned, in an Oxigraph store.

    The office's files are read from build.json's index of issuers (building
    first when dist/ is stale). When the build found the documents independent
    (each one's entailments follow from it and the shared graphs alone), only
    these documents are read, from the build's cache entries (already
    reasoned) or, when an entry is gone, parsed and reasoned again; otherwise
    the whole built dataset is loaded.
    """
    if not is_current(project):
        build(project)
    manifest = read_manifest(project)
    if manifest["meeting"]:
        return load_store(project, memory=True)
    shared = Shared.load(project, manifest["inputs"])
    graphs = dict(shared.graphs)
    inferred = set(shared.derived)
    cached = []
    for path in document_paths(project):
        name = project.graph_name(path)
        if str(office) in manifest["issuers"].get(str(name), []):
            entry = Entry.read(entry_path(project, shared.key, path, manifest["inputs"][path.relative_to(project.root).as_posix()]))
            if entry is not None:
                cached.append(entry)
                continue
            triples = graphs[name] = parse_triples(path)
            inferred |= reason_document(shared, triples)
    graphs[INFERRED_GRAPH] = inferred
    store = ox.Store()
    store.extend(ox.Quad(s, p, o, ox.NamedNode(str(name))) for name, triples in graphs.items() for s, p, o in triples)
    if cached:
        store.load(_entries_trig(cached), format=ox.RdfFormat.TRIG)
    return store


def _write_dist(project: Project, shared: Shared, entries: list, together: set | None, summary: BuildSummary, fingerprint: dict) -> None:
    """Write every output into a temporary folder beside dist/, then swap it in.

    Both TriG files are streamed graph by graph: shared graphs rendered here,
    office documents copied from their cache entries. The inferred graph is the
    shared graphs' entailments followed by each document's (or, when documents
    were reasoned together, by theirs in one block).
    """
    from .serialize import block, block_text, graph_label, prefix_header, turtle_from_block

    project.root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dist-", dir=project.root))
    try:
        staging.chmod(usual_mode(directory=True))
        used = set()
        rendered = {}  # graph name -> list of sections (bytes) or entries to copy from
        for name, triples in shared.graphs.items():
            if triples:
                lines, prefixes = block(triples, "    ")
                used |= prefixes
                rendered[str(name)] = [block_text(lines)]
        inferred = []
        for triples in (shared.derived, together):
            if triples:
                lines, prefixes = block(triples, "    ")
                used |= prefixes
                inferred.append(block_text(lines))
        if together is None:
            inferred.extend(e for e in entries if e.meta["inferred"])
        if inferred:
            rendered[str(INFERRED_GRAPH)] = inferred
        for entry in entries:
            used.update(entry.meta["prefixes"])
            if entry.meta["asserted"]:
                rendered[entry.graph] = [entry]
        labels = {name: graph_label(name, used) for name in rendered}
        with (staging / FULL).open("wb") as full, (staging / ASSERTED).open("wb") as asserted:
            written = {full: False, asserted: False}
            for out in written:
                out.write(prefix_header(used).encode("utf-8"))
            for name in sorted(rendered):
                is_inferred = name == str(INFERRED_GRAPH)
                parts = [p if isinstance(p, bytes) else p.section(inferred=is_inferred) for p in rendered[name]]
                text = b"".join([f"{labels[name]} {{\n".encode("utf-8"), *parts, b"}\n"])
                for out in (full,) if is_inferred else (full, asserted):
                    out.write(b"\n" + text if written[out] else text)
                    written[out] = True
        write_text(staging / ONTOLOGY, turtle_from_block(*block(shared.graphs.get(GRAPH["ontology"], set()), "")))
        manifest = {
            "version": summary.version,
            "inputs": fingerprint,
            "triples": summary.triples,
            "elements": summary.elements,
            "issuers": summary.issuers,
            "meeting": summary.meeting,
            "empty": summary.empty,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        mark = time.perf_counter()
        with progress.step("store (dist/store/)"):
                summary.work["store"] = _write_store(project, staging, shared, entries, together, fingerprint, sum(summary.triples.values()))
        summary.seconds["store"] = time.perf_counter() - mark
        _swap_in(staging, project.dist)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


_FEW = 24  # documents changed: above this many, loading the whole dataset into a new store is cheaper


def _write_store(project: Project, staging: Path, shared: Shared, entries: list, together: set | None,
                 fingerprint: dict, quads: int) -> str:
    """Write the store beside the staged TriG files; say whether it was "updated" or "loaded".

    When the previous dist/ has a valid store and at most a few office
    documents changed, that store is copied and only their quads replaced
    (`store.update`); otherwise dist/edugraph.trig is bulk-loaded.
    """
    from . import store

    folder, trig = staging / store.FOLDER, staging / FULL
    delta = None if together is not None else _changed_documents(project, shared, entries, fingerprint)
    if delta is not None:
        previous = store.open_read_only(project.dist / store.FOLDER, project.dist / FULL)
        if previous is not None:
            try:
                store.update(previous, folder, trig, *delta, quads)
                return "updated"
            except (ValueError, OSError, RuntimeError, SyntaxError):  # loaded whole below
                pass
    store.write(trig, folder, quads, trusted=True)
    return "loaded"


def _changed_documents(project: Project, shared: Shared, entries: list, fingerprint: dict) -> tuple[bytes, bytes] | None:
    """TriG text of the quads that left and that entered the dataset since the previous build, or None.

    None when the previous build cannot be compared: another version, other
    shared inputs, documents reasoned together, a cache entry gone, blank
    nodes (whose labels are only meaningful within the whole file), or more
    than a few documents changed.
    """
    from .documents import is_document

    previous = read_manifest(project)
    if not previous or previous["version"] != __version__ or previous["meeting"]:
        return None
    inputs = previous["inputs"]
    before, now = {}, {e.graph: e for e in entries}
    for relative in set(inputs) | set(fingerprint):
        path = project.root / relative
        if not is_document(project, path):
            if inputs.get(relative) != fingerprint.get(relative):
                return None
        elif relative in inputs:
            before[str(project.graph_name(path))] = entry_path(project, shared.key, path, inputs[relative])
    left = [before[g] for g in before if g not in now or now[g].path != before[g]]
    entered = [e for g, e in now.items() if before.get(g) != e.path]
    if len(left) + len(entered) > _FEW:
        return None
    gone = [Entry.read(path) for path in left]
    if None in gone:
        return None
    removed, added = _entries_trig(gone), _entries_trig(entered)
    if b"_:" in removed or b"_:" in added:
        return None
    return removed, added


def _entries_trig(entries: list) -> bytes:
    """TriG text of cache entries: each document's asserted graph and its part of the inferred graph."""
    from .serialize import prefix_header

    parts = [prefix_header({p for e in entries for p in e.meta["prefixes"]}).encode("utf-8")]
    for entry in entries:
        parts += [f"<{entry.graph}> {{\n".encode("utf-8"), entry.section(), b"}\n"]
        parts += [f"<{INFERRED_GRAPH}> {{\n".encode("utf-8"), entry.section(inferred=True), b"}\n"]
    return b"".join(parts)


def _swap_in(staging: Path, dist: Path) -> None:
    old = None
    try:
        with signals_held():
            check_stopped()
            if dist.exists():
                old = dist.with_name(f".dist-old-{os.getpid()}")
                os.replace(dist, old)
            os.replace(staging, dist)
    finally:
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
    return BuildSummary(
        manifest["version"], manifest["triples"], manifest["elements"], {}, manifest.get("issuers", {}), empty=manifest.get("empty", [])
    )


_LOADED: dict = {}  # "key" and "store" of the last dataset load_store opened or loaded in this process


def load_store(project: Project, memory: bool = False) -> ox.Store:
    """The built dataset (asserted + inferred) in an Oxigraph store, building first when stale.

    By default the on-disk store in dist/store/ (`edugraph.store`), opened
    read-only in milliseconds; a stale or damaged one is rebuilt from
    dist/edugraph.trig first. Any number of processes may hold it open, each
    seeing the dataset as it was when opened (a build replaces dist/ without
    disturbing them); call again to see a newer build.

    With `memory`, the dataset is loaded from dist/edugraph.trig into an
    in-memory store instead: about 7 s and 1 GB at national size, but queries
    that read most of the graph (whole validation, a long-running server) run
    3-7 times faster there than on disk. The same when dist/ cannot be written
    to repair its store.

    The store is kept while dist/ is unchanged, so validating and then
    querying in one process loads once. Only the latest project's store is
    kept. Callers read it and never write to it.
    """
    from . import store as disk

    if not is_current(project):
        build(project)
    path, folder = project.dist / FULL, project.dist / disk.FOLDER
    built = path.stat()
    key = (str(project.root.resolve()), built.st_size, built.st_mtime_ns, memory)
    if _LOADED.get("key") == key and (memory or disk.read_mark(folder) == _LOADED.get("mark")):
        return _LOADED["store"]
    _LOADED.clear()  # the previous store is freed before the next one is loaded
    if not memory:
        found = disk.open_read_only(folder, path)
        if found is None:
            try:
                disk.rebuild(folder, path)
            except SyntaxError as exc:
                raise _damaged(path, exc) from None
            except (OSError, RuntimeError):  # dist/ cannot be written: load into memory instead
                return load_store(project, memory=True)
            found = disk.open_read_only(folder, path)
        if found is not None:
            _LOADED.update(key=key, store=found, mark=disk.read_mark(folder))
            return found
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    except SyntaxError as exc:
        raise _damaged(path, exc) from None
    _LOADED.update(key=key, store=store)
    return store


def reopened(project: Project, store: ox.Store) -> ox.Store:
    """In a forked child (`processes.run_in_child`): `store` with a handle of the child's own.

    An on-disk store's handle belongs to the parent (RocksDB's background
    threads are not forked), so the child opens dist/store/ again, read-only,
    in milliseconds; an in-memory store is shared as it is.
    """
    from . import store as disk

    if _LOADED.get("store") is not store or "mark" not in _LOADED:
        return store
    found = disk.open_read_only(project.dist / disk.FOLDER, project.dist / FULL)
    return store if found is None else found


def holds_store() -> bool:
    """Whether this process has a dataset loaded by load_store."""
    return bool(_LOADED)


class BuiltGraph(NamedTuple):
    """One named graph of dist/: its IRI and its pyoxigraph (s, p, o) tuples."""

    identifier: str
    triples: set


def load_built(project: Project, inferred: bool = True) -> list[BuiltGraph]:
    """The built named graphs, sorted by IRI (building first when dist/ is missing or stale)."""
    if not is_current(project):
        build(project)
    path = project.dist / (FULL if inferred else ASSERTED)
    graphs = {}
    try:
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.setdefault(quad.graph_name.value, set()).add((quad.subject, quad.predicate, quad.object))
    except SyntaxError as exc:
        raise _damaged(path, exc) from None
    return [BuiltGraph(name, graphs[name]) for name in sorted(graphs)]


def _damaged(path: Path, exc: SyntaxError) -> InputError:
    """dist/ edited or damaged by hand."""
    return InputError(f"{path}: {str(exc).splitlines()[0]} (run `edugraph build`)")


__all__ = ["BuildSummary", "BuiltGraph", "InputError", "build", "is_current", "load_built", "read_manifest"]
