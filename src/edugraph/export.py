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
earlier export and nothing else (.edugraph-files lists every file an export
wrote); anything else is refused, so no file of the user's is ever deleted.
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
from .serialize import usual_mode, write_jsonld, write_nquads, write_ntriples, write_text, write_trig, write_turtle, turtle
from .void import describe, file_info, release_date

FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld")
SINGLE_FILE = {"trig": ("edugraph.trig", write_trig), "nquads": ("edugraph.nq", write_nquads), "jsonld": ("edugraph.jsonld", write_jsonld)}
PER_GRAPH = {"turtle": (".ttl", write_turtle), "ntriples": (".nt", write_ntriples)}
DESCRIPTION = "void.ttl"
MANIFEST = ".edugraph-files"  # the files an export wrote, one path a line: all a later export may replace


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
    out_dir in one rename (out_dir must be new, empty or an earlier such folder and nothing else, see
    `_check_replaceable`). The files written are listed in the folder's MANIFEST."""
    out_dir = Path(out_dir).absolute()
    _check_replaceable(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ExportError(f"edugraph export: cannot make {out_dir}: a file stands where a folder above it should be") from None
    _remove_abandoned(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-{os.getpid()}-", dir=out_dir.parent))
    try:
        written = fill(staging)
        write_text(staging / MANIFEST, "".join(f"{p.relative_to(staging).as_posix()}\n" for p in sorted(written)))
        _chmod_tree(staging)
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / p.relative_to(staging) for p in written]


def _check_replaceable(out_dir: Path) -> None:
    """Refuse an output folder that holds anything edugraph did not write there.

    An earlier export lists its files in MANIFEST (one written before the
    manifest existed: its void.ttl names every data file, dcat:downloadURL);
    those are edugraph's own. Any other file, link or folder would be lost
    when the new export replaces the folder.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"edugraph export: {out_dir} exists and is not a folder")
    if not out_dir.is_dir() or not any(out_dir.iterdir()):
        return
    own = _own_files(out_dir)
    if own is None:
        raise ExportError(
            f"edugraph export: {out_dir} is not empty and holds no earlier export ({DESCRIPTION}); "
            "choose an empty or new folder"
        )
    folders = {parent.as_posix() for name in own for parent in Path(name).parents}
    for path in sorted(out_dir.rglob("*")):
        name = path.relative_to(out_dir).as_posix()
        if name in own and path.is_file() and not path.is_symlink():
            continue
        if name in folders and path.is_dir() and not path.is_symlink():
            continue
        raise ExportError(
            f"edugraph export: {out_dir} holds {name}, which is not part of the earlier export there; "
            "move it away or choose another folder"
        )


def _own_files(out_dir: Path) -> set | None:
    """The files (paths below out_dir) an earlier export wrote, by its MANIFEST or its void.ttl; None if neither is there."""
    from urllib.parse import unquote

    from rdflib.namespace import DCAT

    try:
        return {MANIFEST, *(out_dir / MANIFEST).read_text(encoding="utf-8").splitlines()}
    except (OSError, UnicodeDecodeError):
        pass
    base = out_dir.as_uri() + "/"
    try:
        void = Graph().parse(out_dir / DESCRIPTION, format="turtle", publicID=base)
    except Exception:  # missing, unreadable or not Turtle: not an export of ours
        return None
    own = {DESCRIPTION}
    for url in void.objects(None, DCAT.downloadURL):
        if str(url).startswith(base):
            own.add(unquote(str(url)[len(base):]))
    return own


def _chmod_tree(folder: Path) -> None:
    """mkdtemp makes a private folder; give the export the usual umask-based modes."""
    for path in [folder, *folder.rglob("*")]:
        path.chmod(usual_mode(directory=path.is_dir()))


def _remove_abandoned(out_dir: Path) -> None:
    """Remove the staging and old folders (.<out>.tmp-<pid>-*, .<out>.old-<pid>-*) of exports whose process is gone (kill -9)."""
    for path in out_dir.parent.glob(f".{out_dir.name}.*-*"):
        kind, _, rest = path.name[len(out_dir.name) + 2:].partition("-")
        pid = rest.split("-", 1)[0]
        if kind not in ("tmp", "old") or not pid.isdigit() or not path.is_dir():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except PermissionError:  # another user's live process
            pass


def _swap_in(staging: Path, out_dir: Path) -> None:
    old = None
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-", dir=out_dir.parent))
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
