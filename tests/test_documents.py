"""Office documents built one at a time (edugraph.documents): the same entailments
as reasoning over the whole graph, a rebuild redoes only what changed, and
documents that meet are reasoned together."""
import importlib.util
import json
import shutil

import pyoxigraph as ox
from rdflib import Graph

from edugraph.build import build, read_manifest
from edugraph.documents import cache_dir
from edugraph.project import Project
from edugraph.load import parse_triples
from edugraph.reason import infer_ox

from helpers import ROOT, make_project

INFERRED = "https://w3id.org/edugraph/graph/inferred"
EX = "https://example.org/"


def _generate(root, offices):
    spec = importlib.util.spec_from_file_location("edugraph_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(root, offices=offices, plans=3, seed=7)


def _dist(project) -> dict:
    return {p.name: p.read_bytes() for p in sorted(project.dist.iterdir()) if p.is_file()}


def _inferred_graph(project) -> set:
    return {
        (q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(project.dist / "edugraph.trig"), format=ox.RdfFormat.TRIG)
        if q.graph_name.value == INFERRED
    }


def _whole_graph_entailments(project) -> set:
    """What the reasoner derives from every input at once, minus what is asserted (the graph/inferred of a whole-graph build)."""
    ontology = Graph().parse(project.ontology)
    asserted = set()
    for path in project.inputs():
        asserted |= parse_triples(path)
    derived = infer_ox(ontology, asserted)
    return {t for t in derived if t not in asserted}


def test_seed_documents_reasoned_alone_give_the_whole_graphs_entailments(tmp_path):
    project = make_project(tmp_path, with_seed_data=True)
    summary = build(project)
    assert summary.meeting == "" and summary.work["built"] == 5
    assert _inferred_graph(project) == _whole_graph_entailments(project)
    assert read_manifest(project)["meeting"] == ""


def test_generated_documents_built_in_parallel_match_a_sequential_build(tmp_path):
    project = Project(_generate(tmp_path / "national", offices=8))
    parallel = build(project, workers=2)
    assert parallel.work["built"] == 8 and parallel.meeting == ""
    assert _inferred_graph(project) == _whole_graph_entailments(project)
    first = _dist(project)
    shutil.rmtree(project.cache)
    build(project, workers=1)
    assert _dist(project) == first


def test_a_rebuild_redoes_only_the_changed_document_and_equals_a_fresh_build(tmp_path):
    project = make_project(tmp_path, with_seed_data=True)
    build(project)
    entries = {p.name: p.stat().st_mtime_ns for p in cache_dir(project).iterdir()}
    changed = tmp_path / "data" / "seeds" / "002_1f30bfc08ba12608.ttl"
    changed.write_text(changed.read_text(encoding="utf-8").replace('"Strategy', '"A strategy', 1), encoding="utf-8")

    summary = build(project)
    assert (summary.work["built"], summary.work["cached"]) == (1, 4)
    after = {p.name: p.stat().st_mtime_ns for p in cache_dir(project).iterdir()}
    kept = {name for name in after if not name.startswith("002_")}
    assert {name: after[name] for name in kept} == {name: entries[name] for name in kept}
    assert len(after) == 5, "the changed document's old entry is removed"

    rebuilt = _dist(project)
    shutil.rmtree(project.cache)
    build(project)
    assert _dist(project) == rebuilt


def test_a_changed_shared_graph_rebuilds_every_document(tmp_path):
    project = make_project(tmp_path, with_seed_data=True)
    build(project)
    units = tmp_path / "data" / "reference" / "units.ttl"
    units.write_text(units.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build(project).work["built"] == 5


def test_a_damaged_cache_entry_is_rebuilt_not_trusted(tmp_path):
    project = make_project(tmp_path, with_seed_data=True)
    build(project)
    before = _dist(project)
    entry = sorted(cache_dir(project).iterdir())[2]
    entry.write_bytes(entry.read_bytes()[:-100])
    shutil.rmtree(project.dist)  # dist/ missing: the build runs, and must not copy the damaged text
    summary = build(project)
    assert (summary.work["built"], summary.work["cached"]) == (1, 4)
    assert _dist(project) == before


def test_a_cache_entry_damaged_without_changing_its_size_is_rebuilt(tmp_path):
    project = make_project(tmp_path, with_seed_data=True)
    build(project)
    before = _dist(project)
    entry = next(p for p in cache_dir(project).iterdir() if p.name.startswith("002_"))
    data = bytearray(entry.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 2] = b"<{"  # same size: a size-and-time check cannot see it
    entry.write_bytes(bytes(data))
    shutil.rmtree(project.dist)
    summary = build(project)
    assert (summary.work["built"], summary.work["cached"]) == (1, 4)
    assert _dist(project) == before


def test_documents_that_meet_are_reasoned_together(tmp_path, capsys):
    """Office A's strategy serves office B's, which serves National Strategy area 3:
    A's chain to the area needs B's document, so the two cannot be reasoned apart."""
    prefixes = "@prefix edu: <https://w3id.org/edugraph/ontology#> .\n"
    project = make_project(tmp_path, {
        "reference/frame.ttl": prefixes + f"<{EX}ns/3> a edu:NationalStrategyArea .\n",
        "seeds/a.ttl": prefixes + f"<{EX}a/s> a edu:Strategy ; edu:serves <{EX}b/s> .\n",
        "seeds/b.ttl": prefixes + f"<{EX}b/s> a edu:Strategy ; edu:serves <{EX}ns/3> .\n",
    })
    summary = build(project)
    assert f"<{EX}b/s>" in summary.meeting
    inferred = _inferred_graph(project)
    serves_transitive = ox.NamedNode("https://w3id.org/edugraph/ontology#servesTransitive")
    assert (ox.NamedNode(f"{EX}a/s"), serves_transitive, ox.NamedNode(f"{EX}ns/3")) in inferred
    assert inferred == _whole_graph_entailments(project)
    assert json.loads((project.dist / "build.json").read_text(encoding="utf-8"))["meeting"] == summary.meeting

    from edugraph.cli import main

    capsys.readouterr()
    assert main(["--root", str(tmp_path), "build"]) == 0
    assert "reasoned together" in capsys.readouterr().err
