"""The on-disk store in dist/store/: the same quads as dist/edugraph.trig, updated
in place of a reload after one office changed, rebuilt when stale or damaged,
and open to several readers at once."""
import importlib.util
import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest

from edugraph.build import FULL, build, load_store
from edugraph.project import Project
from edugraph.store import FOLDER, MARK

from helpers import ROOT, make_project

_spec = importlib.util.spec_from_file_location("edugraph_generate", ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def _comparable(quads) -> tuple[set, int]:
    """Quads without blank nodes, and how many have one (a parser labels blank nodes afresh)."""
    plain, blank = set(), 0
    for q in quads:
        if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object, q.graph_name)):
            blank += 1
        else:
            plain.add(q)
    return plain, blank


def _trig_quads(project: Project) -> tuple[set, int]:
    """The TriG's quads as Oxigraph holds them (it keeps xsd:decimal by value: "100.0" reads back as "100")."""
    store = ox.Store()
    store.bulk_load(path=str(project.dist / FULL), format=ox.RdfFormat.TRIG)
    parsed = sum(1 for _ in ox.parse(path=str(project.dist / FULL), format=ox.RdfFormat.TRIG))
    plain, blank = _comparable(store)
    assert len(plain) + blank == parsed
    return plain, blank


def _store_quads(project: Project) -> tuple[set, int]:
    return _comparable(ox.Store.read_only(str(project.dist / FOLDER)))


@pytest.fixture
def generated(tmp_path):
    return Project(generate.generate(tmp_path / "national", offices=3, plans=2, seed=7))


def test_the_store_holds_the_seed_builds_quads(tmp_path):
    project = make_project(tmp_path, with_seed_data=True)
    summary = build(project)
    assert summary.work["store"] == "loaded"
    trig = _trig_quads(project)
    assert trig[1] > 0, "the seeds have blank nodes, so the comparison covers them"
    assert _store_quads(project) == trig
    mark = json.loads((project.dist / FOLDER / MARK).read_text(encoding="utf-8"))
    assert mark["quads"] == sum(summary.triples.values()) == len(trig[0]) + trig[1]
    assert mark["trig"]["size"] == (project.dist / FULL).stat().st_size


def test_a_rebuild_after_one_office_changed_updates_the_store(generated):
    project = generated
    assert build(project).work["store"] == "loaded"
    office = sorted((project.root / "data" / "seeds").glob("*.ttl"))[0]
    text = office.read_text(encoding="utf-8")
    assert "แผนพัฒนาการศึกษาขั้นพื้นฐาน" in text
    office.write_text(text.replace("แผนพัฒนาการศึกษาขั้นพื้นฐาน", "แผนพัฒนาการศึกษาขั้นพื้นฐานฉบับใหม่"), encoding="utf-8")
    summary = build(project)
    assert summary.work["store"] == "updated"
    trig = _trig_quads(project)
    assert any("ฉบับใหม่" in q.object.value for q in trig[0] if isinstance(q.object, ox.Literal))
    assert _store_quads(project) == trig

    removed = sorted((project.root / "data" / "seeds").glob("*.ttl"))[-1]
    removed.unlink()
    assert build(project).work["store"] == "updated"
    assert _store_quads(project) == _trig_quads(project)


def test_a_change_to_shared_data_loads_the_store_again(generated):
    project = generated
    build(project)
    ontology = project.root / "ontology" / "edugraph.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build(project).work["store"] == "loaded"
    assert _store_quads(project) == _trig_quads(project)


def _label_count(store) -> int:
    return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o } }")))[0].value)


@pytest.mark.parametrize("damage", ["no mark", "no store", "corrupt CURRENT", "truncated file", "TriG edited"])
def test_a_stale_or_damaged_store_is_rebuilt_from_dist(generated, damage):
    project = generated
    build(project)
    folder, trig = project.dist / FOLDER, project.dist / FULL
    expected = _label_count(ox.Store.read_only(str(folder)))
    if damage == "no mark":
        (folder / MARK).unlink()
    elif damage == "no store":
        import shutil

        shutil.rmtree(folder)
    elif damage == "corrupt CURRENT":
        (folder / "CURRENT").write_text("garbage\n", encoding="utf-8")
    elif damage == "truncated file":
        largest = max(folder.glob("*.sst"), key=lambda p: p.stat().st_size)
        os.truncate(largest, 100)
    else:  # a hand edit of the TriG, same build.json: the store no longer matches it
        with trig.open("a", encoding="utf-8") as handle:
            handle.write('\n<https://example.org/g> { <https://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> "added" . }\n')
        expected += 1
    store = load_store(project)
    assert _label_count(store) == expected
    assert json.loads((folder / MARK).read_text(encoding="utf-8"))["trig"]["size"] == trig.stat().st_size
    assert _store_quads(project) == _trig_quads(project)
    assert not [p.name for p in project.dist.iterdir() if p.name.startswith(".")], "no staging folder left behind"


_READER = """
import sys
from pathlib import Path
from edugraph.build import load_store
from edugraph.project import Project
store = load_store(Project(Path(sys.argv[1])))
print(next(iter(store.query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")))[0].value)
"""


def test_several_readers_at_once_and_a_build_that_replaces_the_store(generated):
    project = generated
    build(project)
    held = load_store(project)  # this process holds the store open while two others open it read-only
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    readers = [subprocess.Popen([sys.executable, "-c", _READER, str(project.root)], stdout=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    count = len(held)
    outputs = [r.communicate(timeout=120)[0].strip() for r in readers]
    assert [r.returncode for r in readers] == [0, 0]
    assert outputs == [str(count)] * 2

    office = sorted((project.root / "data" / "seeds").glob("*.ttl"))[0]
    office.unlink()
    build(project)  # replaces dist/ and its store while `held` is open
    assert len(held) == count, "an open reader keeps the dataset it opened"
    assert len(load_store(project)) < count


def test_office_validation_reads_the_cached_documents_or_reasons_them_again(generated):
    """validate --office takes an office's documents from the build's cache entries (already reasoned);
    with the entries gone it parses and reasons them again: the same results either way."""
    import shutil

    from edugraph.validate import validate

    build(generated)
    key = lambda r: (r.focus, r.shape, r.severity, r.path, r.value, r.office, r.plan)  # noqa: E731
    cached = sorted(map(key, validate(generated, office="synthetic-office-001").results), key=repr)
    assert cached, "the generated office has findings (benchmarks/RESULTS-run.md: 8)"
    shutil.rmtree(generated.cache / "documents")
    assert sorted(map(key, validate(generated, office="synthetic-office-001").results), key=repr) == cached
