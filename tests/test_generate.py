"""The synthetic national data generator (benchmarks/generate.py): deterministic,
faithful to the data conventions, and a small generated project builds,
validates and answers every catalogue query."""
import importlib.util

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from edugraph.build import build
from edugraph.namespaces import EDU
from edugraph.project import Project

from helpers import ROOT

_spec = importlib.util.spec_from_file_location("edugraph_generate", ROOT / "benchmarks" / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

OFFICES = 3


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = generate.generate(tmp_path_factory.mktemp("synthetic") / "national", offices=OFFICES, plans=3, seed=7)
    project = Project(root)
    build(project)
    return project


def test_same_seed_same_bytes(tmp_path):
    a = generate.generate(tmp_path / "a", offices=2, seed=11)
    b = generate.generate(tmp_path / "b", offices=2, seed=11)
    for folder in ("data/seeds", "data/sources"):
        names = sorted(p.name for p in (a / folder).iterdir())
        assert names == sorted(p.name for p in (b / folder).iterdir())
        for name in names:
            assert (a / folder / name).read_bytes() == (b / folder / name).read_bytes(), name
    # another seed gives other data; an office does not depend on how many offices there are
    c = generate.generate(tmp_path / "c", offices=1, seed=12)
    assert (c / "data/seeds/synthetic-office-001.ttl").read_bytes() != (a / "data/seeds/synthetic-office-001.ttl").read_bytes()
    d = generate.generate(tmp_path / "d", offices=1, seed=11)
    assert (d / "data/seeds/synthetic-office-001.ttl").read_bytes() == (a / "data/seeds/synthetic-office-001.ttl").read_bytes()


def test_complete_project_folder(project):
    root = project.root
    assert (root / "ontology" / "edugraph.ttl").read_bytes() == (ROOT / "ontology" / "edugraph.ttl").read_bytes()
    for folder in ("shapes", "queries", "data/reference"):
        assert sorted(p.name for p in (root / folder).rglob("*")) == sorted(p.name for p in (ROOT / folder).rglob("*"))
    assert len(list((root / "data" / "seeds").glob("synthetic-office-*.ttl"))) == OFFICES
    assert len(list((root / "data" / "sources").glob("synthetic-office-*.txt"))) == OFFICES


def test_quotes_are_verbatim_at_their_lines(project):
    from edugraph.integrity import check, source_texts

    texts = source_texts(project.root / "data" / "sources")
    for path in sorted((project.root / "data" / "seeds").glob("*.ttl")):
        assert check(path, texts) == [], path.name


def test_shape_of_the_data(project):
    g = Graph().parse(project.root / "data" / "seeds" / "synthetic-office-001.ttl")
    count = lambda cls: len(set(g.subjects(RDF.type, cls)))  # noqa: E731
    assert count(EDU.PrimaryEducationalServiceAreaOffice) == 1
    assert count(EDU.DevelopmentPlan) == 1 and count(EDU.ActionPlan) == 2
    assert count(EDU.Indicator) > 50 and count(EDU.Target) > count(EDU.Indicator)
    bases = {str(o) for o in g.objects(None, EDU.basis)}
    assert bases == {str(EDU.Stated), str(EDU.Curated), str(EDU.Suggested)}
    higher = {str(o) for o in g.objects(None, EDU.serves)}
    assert any(h.startswith("https://w3id.org/edugraph/id/obec-policy-2567/") for h in higher)
    assert any(h.startswith("https://w3id.org/edugraph/id/national-strategy/") for h in higher)
    types = {str(o) for o in g.objects(None, EDU.findingType)}
    assert len(types) >= 2


def test_builds_and_reports_the_planted_findings(project):
    from edugraph.validate import validate

    report = validate(project)
    shapes = {str(r.shape).rsplit("#", 1)[-1] for r in report.results if r.office and "synthetic-office" in str(r.office)}
    # falling targets, unit/text contradictions and duplicate texts are planted in every few offices
    assert {"FallingTargetShape", "DuplicateIndicatorTextShape"} <= shapes
    # every office strategy and policy is aligned and has indicators: no violation in the synthetic offices
    violations = [r for r in report.results if r.office and "synthetic-office" in str(r.office) and r.severity.name == "VIOLATION"]
    assert violations == []
    one = validate(project, office="synthetic-office-001")
    assert one.results and all(str(r.office).endswith("synthetic-office-001") for r in one.results)


def test_answers_every_catalogue_query(tmp_path):
    """On one office with one plan: the local engine (rdflib's SPARQL) is slow on larger graphs."""
    from edugraph.query import Catalogue, run

    small = Project(generate.generate(tmp_path / "one", offices=1, plans=1, seed=7))
    build(small)
    names = Catalogue(small.queries_dir).names()
    assert names
    for name in names:
        result = run(small, name=name)
        assert result.columns, name
    chain = [row for row in run(small, name="chain-down").as_dicts()] if "chain-down" in names else [1]
    assert chain


def test_fast_reasoner_derives_what_infer_derives_on_the_seed_graph():
    """infer_ox (pyoxigraph terms, used by the build) = infer (rdflib terms), which
    tests/test_reason.py checks against owlrl's OWL-RL closure."""
    from edugraph.load import parse_triples, to_rdflib
    from edugraph.reason import infer, infer_ox

    ontology = Graph().parse(ROOT / "ontology" / "edugraph.ttl")
    data = Graph()
    triples = set()
    for path in [ROOT / "ontology" / "edugraph.ttl", *sorted((ROOT / "data").rglob("*.ttl"))]:
        data.parse(path)
        triples |= parse_triples(path)
    slow = infer(ontology, data)
    fast = {tuple(to_rdflib(x) for x in t) for t in infer_ox(ontology, triples)}
    iri = lambda ts: {t for t in ts if not any(x.__class__.__name__ == "BNode" for x in t)}  # noqa: E731
    assert iri(fast) == iri(slow) and len(fast) == len(slow)
