"""`edugraph export`: the built dataset as linked-data files, with a VoID/DCAT description.

Formats and the files they write into the output folder:

    trig      edugraph.trig            every named graph in one file
    nquads    edugraph.nq              every named graph in one file
    jsonld    edugraph.jsonld          every named graph in one file (named graph objects)
    turtle    graphs/<name>.ttl        one file per named graph (Turtle has no graphs)
    ntriples  graphs/<name>.nt         one file per named graph
    (always)  void.ttl                 VoID + DCAT description, checksums of the files above

<name> is the graph IRI below https://w3id.org/edugraph/graph/ (e.g.
graphs/seeds/001_8c1bc81af2735ebe.ttl, graphs/inferred.ttl).

Output is canonical (edugraph.serialize): the same build gives the same
bytes. Everything is written into a temporary folder beside the output folder
and renamed into place, so a reader sees the previous export or the new one.
An existing output folder is replaced only when it is empty or holds an
earlier export (it has a void.ttl); anything else is refused.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from rdflib import Graph

from . import progress
from .build import BuiltGraph, load_built
from .errors import UsageError
from .load import rdflib_graph
from .namespaces import GRAPH, INFERRED_GRAPH
from .project import Project
from .serialize import write_jsonld, write_nquads, write_ntriples, write_text, write_trig, write_turtle, turtle
from .void import describe, file_info, release_date

FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")
SINGLE_FILE = {"trig": ("edugraph.trig", write_trig), "nquads": ("edugraph.nq", write_nquads), "jsonld": ("edugraph.jsonld", write_jsonld)}
PER_GRAPH = {"turtle": (".ttl", write_turtle), "ntriples": (".nt", write_ntriples)}
DESCRIPTION = "void.ttl"


class ExportError(UsageError):
    """The export cannot be written as asked (unknown graph, output folder in the way)."""


def graph_file_name(identifier: str) -> str:
    """graphs/<name> for a graph IRI: its path below graph/, or a safe form of another IRI."""
    name = identifier[len(str(GRAPH)):] if identifier.startswith(str(GRAPH)) else identifier
    parts = [p for p in name.replace(":", "_").replace("\\", "_").split("/") if p not in ("", ".", "..")]
    return "graphs/" + "/".join(parts or ["default"])


def select_graphs(graphs: list[BuiltGraph], graph: str | None, inferred: bool) -> list[BuiltGraph]:
    """The named graphs to export, sorted by IRI; `graph` picks one by IRI or name."""
    if not inferred:
        graphs = [g for g in graphs if g.identifier != str(INFERRED_GRAPH)]
    if graph is None:
        return graphs
    wanted = graph if graph.startswith(("http://", "https://", "urn:")) else str(GRAPH) + graph.strip("/")
    chosen = [g for g in graphs if g.identifier == wanted]
    if not chosen:
        if wanted == str(INFERRED_GRAPH) and not inferred:
            raise ExportError("edugraph export: --graph inferred needs --inferred (it is not an asserted graph)")
        names = ", ".join(g.identifier[len(str(GRAPH)):] for g in graphs)
        raise ExportError(f"edugraph export: no named graph {graph!r}; the build has: {names}")
    return chosen


def write_export(
    graphs: list[BuiltGraph],
    folder: Path,
    fmt: str,
    *,
    inferred: bool,
    date=None,
    sparql_endpoint: str | None = None,
    ontology: Graph | None = None,
) -> list[Path]:
    """Write the data files and void.ttl into `folder` (which exists); return their paths, sorted."""
    written = []
    if fmt in SINGLE_FILE:
        name, writer = SINGLE_FILE[fmt]
        writer(graphs, folder / name)
        written.append(folder / name)
    elif fmt in PER_GRAPH:
        suffix, writer = PER_GRAPH[fmt]
        for g in graphs:
            path = folder / (graph_file_name(g.identifier) + suffix)
            path.parent.mkdir(parents=True, exist_ok=True)
            writer(g.triples, path)
            written.append(path)
    else:
        raise ExportError(f"edugraph export: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    infos = [file_info(folder, p) for p in written]
    description = describe(graphs, infos, fmt=fmt, inferred=inferred, date=date, sparql_endpoint=sparql_endpoint, ontology=ontology)
    write_text(folder / DESCRIPTION, turtle(description))
    written.append(folder / DESCRIPTION)
    return sorted(written)


def export(
    project: Project,
    out_dir: Path,
    fmt: str = "trig",
    inferred: bool = True,
    graph: str | None = None,
    sparql_endpoint: str | None = None,
) -> list[Path]:
    """Export the built dataset (building first when dist/ is stale) into out_dir, atomically.

    sparql_endpoint (default: $EDUGRAPH_SPARQL_ENDPOINT) is named in the
    description as void:sparqlEndpoint when given.
    """
    if fmt not in FORMATS:
        raise ExportError(f"edugraph export: unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    out_dir = Path(out_dir).absolute()
    _check_replaceable(out_dir)
    with progress.step("reading the built dataset"):
        built = load_built(project, inferred=inferred)
    graphs = select_graphs(built, graph, inferred)
    ontology = rdflib_graph(next((g.triples for g in built if g.identifier == str(GRAPH["ontology"])), ()))
    date = release_date(project.root, ontology)
    endpoint = sparql_endpoint or os.environ.get("EDUGRAPH_SPARQL_ENDPOINT") or None
    with progress.step(f"writing {fmt} and void.ttl ({len(graphs)} graphs)"):
        return write_folder(out_dir, lambda staging: write_export(
            graphs, staging, fmt, inferred=inferred, date=date, sparql_endpoint=endpoint, ontology=ontology))


def write_folder(out_dir: Path, fill) -> list[Path]:
    """`fill(folder)` writes into a fresh folder beside out_dir and returns its files; the folder then replaces
    out_dir in one rename (out_dir must be new, empty or an earlier export: it holds a void.ttl)."""
    out_dir = Path(out_dir).absolute()
    _check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        written = fill(staging)
        _chmod_tree(staging)
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / p.relative_to(staging) for p in written]


def _check_replaceable(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"edugraph export: {out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / DESCRIPTION).is_file():
        raise ExportError(
            f"edugraph export: {out_dir} is not empty and holds no earlier export ({DESCRIPTION}); "
            "choose an empty or new folder"
        )


def _chmod_tree(folder: Path) -> None:
    """mkdtemp makes a private folder; give the export the usual umask-based modes."""
    umask = os.umask(0)
    os.umask(umask)
    for path in [folder, *folder.rglob("*")]:
        path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def _swap_in(staging: Path, out_dir: Path) -> None:
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.replace(out_dir, old / "export")
    try:
        os.replace(staging, out_dir)
    except BaseException:
        if old is not None:
            os.replace(old / "export", out_dir)
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
