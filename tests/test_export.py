"""`edugraph export`: determinism, round trip, UTF-8 Thai, the VoID/DCAT description, atomic output.

Works on a snapshot of ontology/ and data/ (copied and built in a temporary
folder); expected numbers come from dist/*.trig parsed here with rdflib.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID

from edugraph import cli, export as export_module
from edugraph.build import build
from edugraph.export import ExportError, export
from edugraph.project import Project

ROOT = Path(__file__).resolve().parent.parent
GRAPH = "https://w3id.org/edugraph/graph/"
EDU = "https://w3id.org/edugraph/ontology#"
SPDX = "http://spdx.org/rdf/terms#"
DATASET = URIRef("https://w3id.org/edugraph/id/dataset/edugraph")
PARSE = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld", "turtle": "turtle", "ntriples": "nt"}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("export-project")
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    project = Project(root)
    build(project)
    return project


_BUILT = {}


def built(project: Project, inferred: bool = True) -> dict[str, Graph]:
    key = (project.root, inferred)
    if key not in _BUILT:
        _BUILT[key] = _parse_built(project, inferred)
    return _BUILT[key]


def _parse_built(project: Project, inferred: bool) -> dict[str, Graph]:
    ds = Dataset()
    ds.parse(project.dist / ("edugraph.trig" if inferred else "edugraph-asserted.trig"), format="trig")
    return {str(g.identifier): g for g in ds.graphs() if len(g) and isinstance(g.identifier, URIRef)}


def parse_export(folder: Path, fmt: str) -> dict[str, Graph]:
    if fmt in ("turtle", "ntriples"):
        out = {}
        for path in sorted((folder / "graphs").rglob("*")):
            if path.is_file():
                name = path.relative_to(folder / "graphs").with_suffix("").as_posix()
                out[GRAPH + name] = Graph().parse(path, format=PARSE[fmt])
        return out
    ds = Dataset()
    (data,) = [p for p in folder.iterdir() if p.name not in ("void.ttl", export_module.MANIFEST)]
    ds.parse(data, format=PARSE[fmt])
    return {str(g.identifier): g for g in ds.graphs() if len(g) and isinstance(g.identifier, URIRef)}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld", "turtle", "ntriples"])
def test_export_round_trips_and_is_byte_identical(project, tmp_path, fmt):
    first = export(project, tmp_path / "a", fmt=fmt)
    export(project, tmp_path / "b", fmt=fmt)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert first == sorted(first) and all(p.is_file() for p in first)

    expected = built(project)
    got = parse_export(tmp_path / "a", fmt)
    assert sorted(got) == sorted(expected)
    for name, graph in expected.items():
        assert len(got[name]) == len(graph), name
        if any(isinstance(t, BNode) for triple in graph for t in triple):
            assert isomorphic(got[name], graph), name
        else:
            assert set(got[name]) == set(graph), name

    text = "".join(p.read_text(encoding="utf-8") for p in first)
    assert "\\u0E" not in text and "\\u0e" not in text  # Thai as characters, not escapes
    some_thai = next(str(o) for g in expected.values() for o in g.objects() if isinstance(o, Literal) and o.language == "th")
    assert some_thai in text


def test_streamed_json_ld_is_the_json_of_the_whole_document(project, tmp_path):
    """JSON-LD is written one graph object at a time: the bytes are still json.dumps of the document."""
    import json

    export(project, tmp_path / "j", fmt="jsonld")
    text = (tmp_path / "j" / "edugraph.jsonld").read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    assert sorted(g["@id"] for g in document["@graph"]) == sorted(
        "graph:" + name[len(GRAPH):] for name in built(project))
    compacted = {key.split(":")[0] for key in _keys(document) if ":" in key and "://" not in key and not key.startswith("_:")}
    assert set(document["@context"]) == compacted  # the prefixes used, and only those


def _keys(value):
    """Every compacted IRI in a JSON-LD document: keys, @id, @type and value types."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key != "@context":
                if not key.startswith("@"):
                    yield key
                if key in ("@id", "@type") and isinstance(item, str):
                    yield item
                yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from ([item] if isinstance(item, str) else _keys(item))


def test_description_counts_checksums_and_metadata(project, tmp_path):
    files = export(project, tmp_path / "x", fmt="nquads")
    void = Graph().parse(tmp_path / "x" / "void.ttl", format="turtle", publicID=(tmp_path / "x").as_uri() + "/")
    expected = built(project)

    assert int(void.value(DATASET, VOID.triples)) == sum(len(g) for g in expected.values())
    subsets = {str(s): int(void.value(s, VOID.triples)) for s in void.objects(DATASET, VOID.subset)}
    assert subsets == {name: len(g) for name, g in expected.items()}

    titles = {t.language: str(t) for t in void.objects(DATASET, DCTERMS.title)}
    descriptions = {t.language for t in void.objects(DATASET, DCTERMS.description)}
    assert set(titles) == {"th", "en"} == descriptions
    assert void.value(DATASET, DCTERMS.publisher) is not None
    assert void.value(DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert void.value(DATASET, DCTERMS.issued) is not None
    assert str(void.value(DATASET, URIRef(str(DCAT) + "version")))

    indicators = {s for g in expected.values() for s in g.subjects(RDF.type, URIRef(EDU + "Indicator"))}
    part = next(p for p in void.objects(DATASET, VOID.classPartition) if void.value(p, VOID["class"]) == URIRef(EDU + "Indicator"))
    assert int(void.value(part, VOID.entities)) == len(indicators) > 10
    labels = sum(1 for g in expected.values() for _ in g.triples((None, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None)))
    part = next(p for p in void.objects(DATASET, VOID.propertyPartition) if void.value(p, VOID.property) == URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
    assert int(void.value(part, VOID.triples)) == labels
    for example in void.objects(DATASET, VOID.exampleResource):
        assert any((example, None, None) in g for g in expected.values())
    assert URIRef(EDU) in set(void.objects(DATASET, VOID.vocabulary))

    (data,) = [p for p in files if p.name != "void.ttl"]
    (dist,) = list(void.objects(DATASET, DCAT.distribution))
    assert str(void.value(dist, DCAT.mediaType)).endswith("application/n-quads")
    assert int(void.value(dist, DCAT.byteSize)) == data.stat().st_size
    checksum = void.value(dist, URIRef(SPDX + "checksum"))
    assert str(void.value(checksum, URIRef(SPDX + "checksumValue"))) == hashlib.sha256(data.read_bytes()).hexdigest()
    assert void.value(dist, DCAT.downloadURL) == URIRef(data.as_uri())


def test_sparql_endpoint_is_named_when_known(project, tmp_path, monkeypatch):
    monkeypatch.setenv("EDUGRAPH_SPARQL_ENDPOINT", "https://example.org/sparql")
    export(project, tmp_path / "x", fmt="trig", graph="sources/sources")
    void = Graph().parse(tmp_path / "x" / "void.ttl", format="turtle")
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef("https://example.org/sparql")


def test_asserted_and_single_graph(project, tmp_path):
    export(project, tmp_path / "asserted", fmt="trig", inferred=False)
    got = parse_export(tmp_path / "asserted", "trig")
    assert GRAPH + "inferred" not in got and sorted(got) == sorted(built(project, inferred=False))

    files = export(project, tmp_path / "one", fmt="turtle", graph="seeds/001_8c1bc81af2735ebe")
    assert [p.relative_to(tmp_path / "one").as_posix() for p in files] == ["graphs/seeds/001_8c1bc81af2735ebe.ttl", "void.ttl"]
    with pytest.raises(ExportError):
        export(project, tmp_path / "none", fmt="trig", graph="seeds/no-such-seed")
    assert not (tmp_path / "none").exists()


def test_failed_export_leaves_the_previous_one(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    export(project, out, fmt="trig")
    before = tree(out)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(export_module, "describe", broken)
    with pytest.raises(RuntimeError):
        export(project, out, fmt="nquads")
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary folders left


def test_refuses_to_replace_a_folder_that_is_not_an_export(project, tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    code = cli.main(["--root", str(project.root), "export", "--format", "trig", "--out", str(tmp_path / "mine")])
    assert code == 2 and "not empty" in capsys.readouterr().err
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"
    code = cli.main(["--root", str(project.root), "export", "--format", "jsonld", "--out", str(tmp_path / "fresh")])
    assert code == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "fresh" / "edugraph.jsonld"), str(tmp_path / "fresh" / "void.ttl")]


def test_refuses_to_replace_an_export_beside_which_the_user_keeps_a_file(project, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["--root", str(project.root), "export", "--format", "turtle", "--out", str(out)]) == 0
    (out / "precious.txt").write_text("keep me")
    capsys.readouterr()
    assert cli.main(["--root", str(project.root), "export", "--format", "trig", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "precious.txt" in err
    assert (out / "precious.txt").read_text() == "keep me"
    (out / "precious.txt").unlink()
    assert cli.main(["--root", str(project.root), "export", "--format", "trig", "--out", str(out)]) == 0  # an export alone is replaced
    assert sorted(p.name for p in out.iterdir()) == [".edugraph-files", "edugraph.trig", "void.ttl"]
    assert (out / ".edugraph-files").read_text() == "edugraph.trig\nvoid.ttl\n"


def test_outputs_follow_the_umask(project, tmp_path):
    shutil.copytree(ROOT / "shapes", project.root / "shapes", dirs_exist_ok=True)
    previous = os.umask(0o022)
    try:
        assert cli.main(["--root", str(project.root), "export", "--format", "trig", "--out", str(tmp_path / "out")]) == 0
        shutil.rmtree(project.dist)
        assert cli.main(["--root", str(project.root), "build"]) == 0
        cli.main(["--root", str(project.root), "validate", "--format", "json", "--output", str(tmp_path / "report.json")])
    finally:
        os.umask(previous)
    assert (project.dist.stat().st_mode & 0o777, (project.dist / "edugraph.trig").stat().st_mode & 0o777) == (0o755, 0o644)
    assert (tmp_path / "report.json").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755


def test_a_stopped_export_leaves_no_temporary_folder(project, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    gone = subprocess.Popen(["true"])
    gone.wait()
    abandoned = tmp_path / f".out.tmp-{gone.pid}-x1y2"  # what an export killed with kill -9 left
    (abandoned / "graphs").mkdir(parents=True)
    export(project, tmp_path / "out", fmt="trig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "the next export removed the abandoned folder"

    command = [sys.executable, "-m", "edugraph", "--root", str(project.root), "export", "--format", "ntriples", "--out", str(tmp_path / "out")]
    running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".out.tmp-") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.005)
        running.send_signal(signal.SIGTERM)
        _, err = running.communicate(timeout=60)
    finally:
        running.kill()
    assert b"Traceback" not in err
    if running.returncode != 0:  # stopped before it finished (it may finish first on a fast machine)
        assert running.returncode == 143
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
