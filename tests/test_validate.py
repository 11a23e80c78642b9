"""SHACL shapes: one valid and one invalid fixture per shape, the seed graph's real
findings, and `edugraph validate`'s formats, filters and exit codes."""
import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from edugraph.namespaces import SH
from edugraph.reason import infer
from edugraph.validate import Severity, evaluate, load_shapes, oxigraph_store

from helpers import FIXTURES, ROOT

SHAPES = load_shapes(ROOT / "shapes")
ONTOLOGY = Graph().parse(ROOT / "ontology" / "edugraph.ttl")
EDS = "https://w3id.org/edugraph/shapes#"
CASES = FIXTURES / "shapes"
EXPECT = re.compile(r"^# expect: <([^>]+)> (-|<[^>]+>) (Violation|Warning|Info)$")


def named_shapes():
    return sorted(s for s in SHAPES.subjects(SH.severity) if isinstance(s, URIRef))


def as_built(path: Path) -> Graph:
    """A fixture as `edugraph build` would give it: with the ontology and the product's entailments."""
    g = Graph()
    g += ONTOLOGY
    g.parse(path)
    for triple in infer(ONTOLOGY, g):
        g.add(triple)
    return g


def expected(path: Path) -> set:
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        m = EXPECT.match(line)
        if m:
            focus, path_, severity = m.groups()
            found.add((URIRef(focus), None if path_ == "-" else URIRef(path_[1:-1]), Severity[severity.upper()]))
    return found


def results_of(shape, data: Graph) -> set:
    return {(r.focus, r.path, r.severity) for r in evaluate(oxigraph_store(data), SHAPES) if r.shape == shape}


def test_every_shape_has_a_fixture_pair():
    shapes = named_shapes()
    assert len(shapes) >= 25, "shape discovery found too few shapes"
    missing = [s for s in shapes if not ((CASES / s[len(EDS):] / "valid.ttl").is_file() and (CASES / s[len(EDS):] / "invalid.ttl").is_file())]
    assert missing == []


def fixture_cases():
    cases = sorted(p for p in CASES.iterdir() if p.is_dir())
    assert cases, "no shape fixtures found"
    return cases


def fixture_files(kind: str):
    return [f for case in fixture_cases() for f in sorted(case.glob(f"{kind}*.ttl"))]


@pytest.mark.parametrize("fixture", fixture_files("valid"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_valid_fixture_raises_nothing_from_its_shape(fixture):
    assert results_of(URIRef(EDS + fixture.parent.name), as_built(fixture)) == set()


@pytest.mark.parametrize("fixture", fixture_files("invalid"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_invalid_fixture_raises_exactly_the_expected_results(fixture):
    want = expected(fixture)
    assert want, f"{fixture} states no '# expect:' line"
    assert results_of(URIRef(EDS + fixture.parent.name), as_built(fixture)) == want


@pytest.mark.parametrize("case", [p for p in fixture_cases() if (URIRef(EDS + p.name), SH.sparql, None) in SHAPES], ids=lambda p: p.name)
def test_bulk_sparql_evaluation_matches_pyshacl(case):
    """Our once-per-constraint evaluation gives pySHACL's per-focus-node results."""
    shape = URIRef(EDS + case.name)
    for fixture in sorted(case.glob("*.ttl")):
        data = as_built(fixture)
        _, report, _ = pyshacl.validate(data, shacl_graph=SHAPES, inference="none", allow_warnings=True, advanced=True)
        theirs = {
            (report.value(r, SH.focusNode), Severity.from_iri(report.value(r, SH.resultSeverity)))
            for r in report.subjects(RDF.type, SH.ValidationResult)
            if report.value(r, SH.sourceShape) == shape
        }
        ours = {(focus, severity) for focus, _, severity in results_of(shape, data)}
        assert ours == theirs


def _comparable(results) -> set:
    return {(r.focus, r.shape, r.severity, r.path, r.value, tuple(sorted(r.messages.items()))) for r in results}


@pytest.mark.parametrize("case", fixture_cases(), ids=lambda p: p.name)
def test_compiled_core_shapes_match_pyshacl_on_fixtures(case):
    """Core shapes compiled to SPARQL give pySHACL's results, value nodes and messages included."""
    for fixture in sorted(case.glob("*.ttl")):
        store = oxigraph_store(as_built(fixture))
        assert _comparable(evaluate(store, SHAPES)) == _comparable(evaluate(store, SHAPES, pyshacl_only=True)), fixture


def test_compiled_core_shapes_match_pyshacl_on_the_built_seeds():
    from edugraph.build import load_store
    from edugraph.project import Project

    store = load_store(Project(ROOT))
    ours = _comparable(evaluate(store, SHAPES))
    assert len(ours) > 100  # the seeds' real findings (tests/test_validate_seeds.py)
    assert ours == _comparable(evaluate(store, SHAPES, pyshacl_only=True))


def test_a_shape_the_compiler_cannot_translate_is_validated_by_pyshacl():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix edu: <https://w3id.org/edugraph/ontology#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:x:LabelLanguages> a sh:NodeShape ; sh:targetClass edu:Plan ;
            sh:property [ sh:path rdfs:label ; sh:languageIn ( "th" ) ] .""")
    data = as_built(CASES / "PlanIssuerShape" / "valid.ttl")
    data.add((URIRef("urn:x:plan"), RDF.type, URIRef("https://w3id.org/edugraph/ontology#Plan")))
    data.add((URIRef("urn:x:plan"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("plan", lang="en")))
    found = [(r.focus, r.value) for r in evaluate(oxigraph_store(data), shapes)]
    assert found == [(URIRef("urn:x:plan"), Literal("plan", lang="en"))]


def test_shape_files_are_valid_shacl():
    conforms, _, text = pyshacl.validate(SHAPES, shacl_graph=SHAPES, meta_shacl=True, inference="none", advanced=True)
    assert conforms, text


def test_every_shape_is_documented_in_both_languages():
    for shape in named_shapes():
        for prop in (SH.name, SH.description):
            assert {l.language for l in SHAPES.objects(shape, prop)} >= {"th", "en"}, (shape, prop)
        messages = list(SHAPES.objects(shape, SH.message)) + [m for c in SHAPES.objects(shape, SH.sparql) for m in SHAPES.objects(c, SH.message)]
        assert {m.language for m in messages} >= {"th", "en"}, shape
        assert SHAPES.value(shape, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")) is not None, shape


def test_ontology_passes_the_maintainer_qa_shapes():
    qa = Graph().parse(ROOT / "shapes" / "qa" / "ontology.shapes.ttl")
    conforms, _, text = pyshacl.validate(ONTOLOGY, shacl_graph=qa, inference="none")
    assert conforms, text


def test_qa_shapes_catch_an_unlabelled_term():
    qa = Graph().parse(ROOT / "shapes" / "qa" / "ontology.shapes.ttl")
    broken = Graph().parse(data="@prefix owl: <http://www.w3.org/2002/07/owl#> . <https://example.org/X> a owl:Class .", format="turtle")
    conforms, report, _ = pyshacl.validate(broken, shacl_graph=qa, inference="none")
    assert not conforms
    assert set(report.objects(None, SH.focusNode)) == {URIRef("https://example.org/X")}
