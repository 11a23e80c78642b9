"""`edugraph build` and `edugraph stats`: outputs, summary, bad input, reproducibility."""
import json
import os
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import RDFS, Dataset, URIRef

from edugraph.cli import main
from edugraph.namespaces import EDU, INFERRED_GRAPH

from helpers import FIXTURES, ROOT, make_project

EX = "https://example.org/"


def test_build_derives_the_chain_into_the_inferred_graph(tmp_path, capsys):
    project = make_project(tmp_path, {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    assert main(["--root", str(tmp_path), "build"]) == 0
    out = capsys.readouterr().out
    assert "triples asserted" in out and "inferred" in out

    full = Dataset()
    full.parse(project.dist / "edugraph.trig", format="trig")
    inferred = full.graph(INFERRED_GRAPH)
    indicator = URIRef(EX + "strategy/1/indicator/1")
    assert (indicator, EDU.servesTransitive, URIRef(EX + "ns/3")) in inferred
    # the asserted output holds no inferred triple
    asserted = Dataset()
    asserted.parse(project.dist / "edugraph-asserted.trig", format="trig")
    assert (indicator, EDU.servesTransitive, URIRef(EX + "ns/3")) not in asserted
    assert (project.dist / "edugraph-ontology.ttl").is_file()


def test_stats_reads_the_manifest_without_rebuilding(tmp_path, capsys):
    project = make_project(tmp_path, {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    assert main(["--root", str(tmp_path), "build"]) == 0
    before = (project.dist / "edugraph.trig").stat().st_mtime_ns
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "stats", "--format", "json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (project.dist / "edugraph.trig").stat().st_mtime_ns == before
    # the fixture asserts 4 of its 6 typed nodes without dcterms:source, so no element counts
    assert stats["inferred"] > 0 and stats["asserted"] > 600


def test_malformed_file_names_file_and_line_and_leaves_dist_untouched(tmp_path, capsys):
    project = make_project(tmp_path, {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    assert main(["--root", str(tmp_path), "build"]) == 0
    before = {p.name: p.read_bytes() for p in project.dist.iterdir() if p.is_file()}
    bad = tmp_path / "data" / "broken.ttl"
    bad.write_text('@prefix edu: <https://w3id.org/edugraph/ontology#> .\n\n<a> edu:partOf <b> .\n<c> edu:partOf "unterminated .\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "build"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0, "one line"
    assert f"{bad}:4:" in err
    assert {p.name: p.read_bytes() for p in project.dist.iterdir() if p.is_file()} == before
    assert not list(tmp_path.glob(".dist-*")), "no staging folder left behind"


def test_unknown_argument_is_one_line_and_exit_2(capsys):
    assert main(["build", "--nonsense"]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_two_builds_are_byte_identical_across_hash_seeds(tmp_path):
    project = make_project(tmp_path, with_seed_data=True)
    outputs = []
    for seed in ("1", "2"):
        shutil.rmtree(project.cache, ignore_errors=True)  # render every document again
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "edugraph", "--root", str(tmp_path), "build"], check=True, env=env, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(project.dist.iterdir()) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert set(outputs[0]) == {"build.json", "edugraph-asserted.trig", "edugraph-ontology.ttl", "edugraph.trig"}


def test_iris_are_written_as_prefixed_names_only_when_the_local_name_is_plain():
    """The Turtle writer cuts an IRI at its last / or # to find its prefix, so every namespace must end in one."""
    from edugraph.namespaces import ID, PREFIXES
    from edugraph.serialize import block

    assert all(str(ns).endswith(("/", "#")) for ns in PREFIXES.values())
    subject = ox.NamedNode(f"{ID}plan/p1")  # "plan/p1" is no local name: written in full
    triples = {
        (subject, ox.NamedNode(f"{EDU}issuer"), ox.NamedNode(f"{ID}office-1")),
        (subject, ox.NamedNode(f"{EDU}note"), ox.NamedNode(f"{EDU}")),  # the namespace itself
        (subject, ox.NamedNode(f"{EDU}note"), ox.NamedNode(f"{EX}a")),  # no prefix for it
    }
    lines, used = block(triples, "")
    assert lines == [
        f"<{ID}plan/p1>",
        "    edu:issuer id:office-1 ;",
        f"    edu:note <{EX}a> , <{EDU}> .",
        "",
    ]
    assert used == {"edu", "id"}


def test_build_summary_shows_all_five_documents(tmp_path, capsys):
    make_project(tmp_path, with_seed_data=True)
    assert main(["--root", str(tmp_path), "build"]) == 0
    header = [line for line in capsys.readouterr().out.splitlines() if line.startswith("class")][0]
    for seed in ("000", "001", "002", "003", "004"):
        assert seed in header.split()


def test_damaged_dist_is_a_one_line_error(tmp_path, capsys):
    """dist/ edited by hand while build.json still matches the sources: one line, exit 2."""
    project = make_project(tmp_path, {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    shutil.copytree(ROOT / "shapes", tmp_path / "shapes")
    assert main(["--root", str(tmp_path), "build"]) == 0
    assert main(["--root", str(tmp_path), "validate"]) in (0, 1)  # results cached: the damage must still show
    with open(project.dist / "edugraph.trig", "a", encoding="utf-8") as handle:
        handle.write("\n<broken\n")
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "validate"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "edugraph.trig" in err and "edugraph build" in err


def test_manifest_names_the_issuers_of_each_office_document(tmp_path):
    # who issues the plans each document holds: 000 สพป.ลำปาง เขต 3; 001 สพม.ลำปาง ลำพูน, whose
    # older plans were issued as สพม.35 before the renaming; 002 an office it never names;
    # 003 สพม.ลำปาง ลำพูน again; 004 สพป.เชียงใหม่ เขต 2
    project = make_project(tmp_path, with_seed_data=True)
    assert main(["--root", str(tmp_path), "build"]) == 0
    issuers = json.loads((project.dist / "build.json").read_text(encoding="utf-8"))["issuers"]
    org = "https://w3id.org/edugraph/id/org/"
    assert {graph.rsplit("/", 1)[1][:3]: [i[len(org):] for i in found] for graph, found in issuers.items()} == {
        "000": ["pesao-lampang-3"],
        "001": ["sesao-35", "sesao-lampang-lamphun"],
        "002": ["esao-unidentified-002"],
        "003": ["sesao-lampang-lamphun"],
        "004": ["pesao-chiangmai-2"],
    }


def test_an_office_store_holds_only_that_offices_documents_and_the_shared_ones(tmp_path):
    from edugraph.build import office_store

    project = make_project(tmp_path, with_seed_data=True)
    store = office_store(project, URIRef("https://w3id.org/edugraph/id/org/pesao-chiangmai-2"))
    seeds = sorted(g.value.rsplit("/", 1)[1][:3] for g in store.named_graphs() if "/graph/seeds/" in g.value)
    assert seeds == ["004"]
    assert any("/graph/reference/" in g.value for g in store.named_graphs())
    assert any(g.value.endswith("/graph/inferred") for g in store.named_graphs())


def test_remembered_hashes_never_hide_an_edit(tmp_path):
    """Input hashes are reused while size and mtime match, except when the hash was taken in
    the file's own clock tick (an edit then could keep both): such a file is hashed again."""
    project = make_project(tmp_path, {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    path = tmp_path / "data" / "chain.ttl"
    first = project.fingerprint()["data/chain.ttl"]
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("กลยุทธ์ทดสอบ", "กลยุทธ์ทดลอง"), encoding="utf-8")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert project.fingerprint()["data/chain.ttl"] != first

    old = stat.st_mtime_ns - 3_600_000_000_000
    os.utime(path, ns=(old, old))
    remembered = project.fingerprint()["data/chain.ttl"]
    path.write_text(text + "\n", encoding="utf-8")
    os.utime(path, ns=(old, old))
    assert project.fingerprint()["data/chain.ttl"] != remembered


def test_the_loaded_store_is_kept_while_dist_is_unchanged(tmp_path):
    """Validation and queries in one process share one load; an edit or another project loads afresh."""
    from edugraph.build import load_store

    label = lambda store: {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None)}  # noqa: E731
    first = make_project(tmp_path / "a", {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    store = load_store(first)
    assert load_store(first) is store
    assert "กลยุทธ์ทดสอบ" in label(store)

    path = tmp_path / "a" / "data" / "chain.ttl"
    path.write_text(path.read_text(encoding="utf-8").replace("กลยุทธ์ทดสอบ", "กลยุทธ์ทดลอง"), encoding="utf-8")
    edited = load_store(first)
    assert edited is not store
    assert "กลยุทธ์ทดลอง" in label(edited) and "กลยุทธ์ทดสอบ" not in label(edited)

    second = make_project(tmp_path / "b", {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    assert load_store(second) is not edited
    assert load_store(first) is not edited  # only the latest project's store is kept


@pytest.mark.parametrize("emptied", ["ontology/edugraph.ttl", "data/reference/units.ttl", "data/sources/sources.ttl"])
def test_an_empty_shared_file_is_an_input_error_and_dist_is_kept(tmp_path, capsys, emptied):
    make_project(tmp_path, with_seed_data=True)
    assert main(["--root", str(tmp_path), "build"]) == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "dist").iterdir() if p.is_file()}
    (tmp_path / emptied).write_bytes(b"")
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "build"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and emptied in err and "no triples" in err
    assert {p.name: p.read_bytes() for p in (tmp_path / "dist").iterdir() if p.is_file()} == before


@pytest.mark.parametrize("damage", ["empty file", "no shapes folder"])
def test_missing_or_empty_shapes_are_an_input_error(tmp_path, capsys, damage):
    make_project(tmp_path, {"chain.ttl": FIXTURES / "chain" / "chain.ttl"})
    if damage == "empty file":
        shutil.copytree(ROOT / "shapes", tmp_path / "shapes")
        (tmp_path / "shapes" / "completeness.shapes.ttl").write_bytes(b"")
    assert main(["--root", str(tmp_path), "validate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "shape" in err


def test_an_emptied_office_document_is_named_in_the_summary(tmp_path, capsys):
    make_project(tmp_path, with_seed_data=True)
    (tmp_path / "data" / "seeds" / "002_1f30bfc08ba12608.ttl").write_bytes(b"")
    assert main(["--root", str(tmp_path), "build"]) == 0
    assert "holding no triples, so left out: data/seeds/002_1f30bfc08ba12608.ttl" in capsys.readouterr().out
    assert main(["--root", str(tmp_path), "stats"]) == 0
    assert "data/seeds/002_1f30bfc08ba12608.ttl" in capsys.readouterr().out


def test_an_ill_typed_literal_is_an_input_error_naming_file_and_line(tmp_path, capsys):
    make_project(tmp_path, {"chain.ttl": FIXTURES / "chain" / "chain.ttl", "seeds/bad.ttl": (
        "@prefix edu: <https://w3id.org/edugraph/ontology#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://example.org/target/1> a edu:Target ;\n"
        '    edu:numericValue "abc"^^xsd:decimal .\n'
    )})
    assert main(["--root", str(tmp_path), "build"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "data/seeds/bad.ttl:4:" in err and '"abc" is not a valid xsd:decimal' in err
    assert not (tmp_path / "dist").exists()


def test_simultaneous_builds_of_one_checkout_take_turns(tmp_path):
    project = make_project(tmp_path, with_seed_data=True)
    (tmp_path / ".dist-abandoned").mkdir()  # what a build killed by kill -9 leaves
    builds = [
        subprocess.Popen([sys.executable, "-m", "edugraph", "--root", str(tmp_path), "build"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    errors = [b.communicate(timeout=300)[1] for b in builds]
    assert [b.returncode for b in builds] == [0] * 6, errors
    assert not any("Traceback" in e for e in errors), errors
    waited = [e for e in errors if "waiting for another build" in e]
    assert waited and all(e.count("\n") == 1 for e in waited)
    Dataset().parse(project.dist / "edugraph.trig", format="trig")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".dist-")] == []
