"""`edugraph publish` against a real Virtuoso (tests/virtuoso.py starts it on loopback).

The project is a snapshot (ontology/ and data/ copied into a temporary folder
and built there), so edits to the checkout during the run do not move the
expected numbers. Expected counts and rows come from dist/edugraph.trig parsed
here with rdflib, not from publish()'s own plan.
"""
from __future__ import annotations

import shutil
import time
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from SPARQLWrapper import JSON, SPARQLWrapper

from edugraph import cli
from edugraph.build import build
from edugraph.project import Project
from edugraph.publish import AuthenticationError, PublishError, publish

ROOT = Path(__file__).resolve().parent.parent
GRAPH = "https://w3id.org/edugraph/graph/"
PREFIXES = """
PREFIX edu: <https://w3id.org/edugraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def snapshot(tmp: Path) -> Project:
    for folder in ("ontology", "data"):
        shutil.copytree(ROOT / folder, tmp / folder)
    project = Project(tmp)
    build(project)
    return project


def local_dataset(project: Project) -> Dataset:
    ds = Dataset()
    ds.parse(project.dist / "edugraph.trig", format="trig")
    return ds


def local_counts(ds: Dataset) -> dict[str, int]:
    return {str(g.identifier): len(g) for g in ds.graphs() if len(g) and isinstance(g.identifier, URIRef)}


def sparql(url: str, query: str) -> list[dict]:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    client.setMethod("POST")
    return client.queryAndConvert()["results"]["bindings"]


def server_counts(url: str, prefix: str = GRAPH) -> dict[str, int]:
    rows = sparql(url, f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{prefix}\")) }} GROUP BY ?g")
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows if r["g"]["value"] != prefix + "publish-metadata"}


def to_term(b: dict):
    if b["type"] == "uri":
        return URIRef(b["value"])
    if b["type"] == "bnode":
        return BNode()
    return Literal(b["value"], lang=b.get("xml:lang"), datatype=b.get("datatype"))


def normal(term):
    """Compare literals by value where Virtuoso stores them natively (80.0 comes back as 80)."""
    if isinstance(term, Literal) and term.datatype is not None:
        value = term.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return ("number", Decimal(str(value)).normalize())
        return ("typed", str(term), str(term.datatype))
    if isinstance(term, Literal):
        return ("literal", str(term), term.language)
    return ("iri", str(term))


def same_rows(local, remote, variables):
    mine = sorted(tuple(normal(row[v]) if row[v] is not None else None for v in variables) for row in local)
    theirs = sorted(tuple(normal(to_term(b[v])) if v in b else None for v in variables) for b in remote)
    return mine, theirs


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return snapshot(tmp_path_factory.mktemp("publish-project"))


@pytest.fixture
def dba(monkeypatch, virtuoso):
    monkeypatch.setenv("EDUGRAPH_USER", "dba")
    monkeypatch.setenv("EDUGRAPH_PASSWORD", virtuoso.password)
    monkeypatch.setenv("NETRC", "/nonexistent")
    return virtuoso


@pytest.fixture(scope="module")
def published(project, virtuoso):
    """The snapshot published once (one SPARQL Update request), with the time it took."""
    mp = pytest.MonkeyPatch()
    mp.setenv("EDUGRAPH_USER", "dba")
    mp.setenv("EDUGRAPH_PASSWORD", virtuoso.password)
    started = time.perf_counter()
    report = publish(project, virtuoso.sparql_auth)
    seconds = time.perf_counter() - started
    mp.undo()
    return report, seconds


def test_publish_puts_every_graph_with_the_local_triple_count(project, virtuoso, published):
    report, seconds = published
    assert report.ok, report.describe()
    expected = local_counts(local_dataset(project))
    assert len(expected) >= 10
    remote = server_counts(virtuoso.sparql)
    assert remote == expected
    print(f"published {sum(expected.values())} triples in {len(expected)} graphs in {seconds:.2f} s")


def test_queries_return_the_same_rows_on_the_server(project, virtuoso, published):
    ds = local_dataset(project)
    queries = {
        "indicators and targets": (
            PREFIXES + """SELECT DISTINCT ?indicator ?label ?target ?year ?value WHERE {
                GRAPH ?g { ?target edu:targetOf ?indicator ; edu:fiscalYearBE ?year . }
                GRAPH ?h { ?indicator a edu:Indicator ; rdfs:label ?label . FILTER(lang(?label) = "th") }
                OPTIONAL { GRAPH ?k { ?target edu:numericValue ?value } }
            }""",
            ["indicator", "label", "target", "year", "value"],
        ),
        "count per class": (
            """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
                GRAPH ?g { ?s a ?class }
                FILTER(STRSTARTS(STR(?g), "https://w3id.org/edugraph/graph/") && ?g != <https://w3id.org/edugraph/graph/publish-metadata>)
            } GROUP BY ?class""",
            ["class", "n"],
        ),
        "property path": (
            PREFIXES + """SELECT DISTINCT ?low ?high WHERE {
                GRAPH ?g { ?low edu:serves ?mid } GRAPH ?h { ?mid edu:servesTransitive* ?high }
                FILTER(STRSTARTS(STR(?g), "https://w3id.org/edugraph/graph/") && ?g != <https://w3id.org/edugraph/graph/inferred>)
            }""",
            ["low", "high"],
        ),
    }
    for name, (query, variables) in queries.items():
        local = list(ds.query(query))
        assert local, name
        mine, theirs = same_rows([r.asdict() | {v: r.asdict().get(v) for v in variables} for r in local], sparql(virtuoso.sparql, query), variables)
        assert mine == theirs, name


def test_thai_literals_come_back_byte_identical(project, virtuoso, published):
    ds = local_dataset(project)
    graph = GRAPH + "seeds/001_8c1bc81af2735ebe"
    local = sorted(
        str(o).encode("utf-8") for _, _, o in ds.graph(URIRef(graph)) if isinstance(o, Literal) and o.language == "th"
    )
    assert len(local) > 50
    rows = sparql(virtuoso.sparql, f'SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o FILTER(lang(?o) = "th") }} }}')
    assert sorted(r["o"]["value"].encode("utf-8") for r in rows) == local
    quotes_local = sorted(str(o).encode() for o in ds.graph(URIRef(graph)).objects(None, URIRef("https://w3id.org/edugraph/ontology#sourceQuote")))
    rows = sparql(virtuoso.sparql, PREFIXES + f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ ?s edu:sourceQuote ?o }} }}")
    assert sorted(r["o"]["value"].encode() for r in rows) == quotes_local


def test_publishing_the_same_build_again_changes_nothing(project, dba, published):
    before = server_counts(dba.sparql)
    report = publish(project, dba.sparql_auth)
    assert report.ok
    assert {g.action for g in report.graphs} == {"unchanged"}
    assert server_counts(dba.sparql) == before
    dry = publish(project, dba.sparql_auth, dry_run=True)
    assert "would change 0 of" in dry.describe()


def test_dry_run_reports_and_changes_nothing(project, dba, published):
    prefix = "https://example.org/dry/"
    report = publish(project, dba.sparql_auth, graph_prefix=prefix, dry_run=True)
    expected = local_counts(local_dataset(project))
    assert {g.target: g.triples for g in report.graphs} == {prefix + k[len(GRAPH):]: v for k, v in expected.items()}
    assert all(g.status == "would add" for g in report.graphs)
    assert f"+{sum(expected.values())} -0 triples" in report.describe()
    assert server_counts(dba.sparql, prefix) == {}


def test_wrong_credentials_give_a_clear_error_and_change_nothing(project, virtuoso, published, monkeypatch, capsys):
    before = server_counts(virtuoso.sparql)
    monkeypatch.setenv("EDUGRAPH_USER", "dba")
    monkeypatch.setenv("EDUGRAPH_PASSWORD", "not-the-password")
    with pytest.raises(AuthenticationError):
        publish(project, virtuoso.sparql_auth, graph_prefix="https://example.org/creds/")
    code = cli.main(["--root", str(project.root), "publish", "--endpoint", virtuoso.sparql_auth, "--graph-prefix", "https://example.org/creds/"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "authentication failed" in err
    assert "not-the-password" not in err
    assert server_counts(virtuoso.sparql) == before
    assert server_counts(virtuoso.sparql, "https://example.org/creds/") == {}


def _edit(project: Project, graphs: list[str], marker: str) -> None:
    """Add one Thai-labelled triple to each named seed file and rebuild."""
    for name in graphs:
        path = project.root / "data" / f"{name}.ttl"
        path.write_text(
            path.read_text(encoding="utf-8")
            + f'\n<https://w3id.org/edugraph/id/test/{marker}/{name.replace("/", "-")}> '
            f'<http://www.w3.org/2000/01/rdf-schema#label> "ทดสอบ {marker}"@th .\n',
            encoding="utf-8",
        )
    build(project)


def _marker_count(url: str, graph: str, marker: str) -> int:
    rows = sparql(url, f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p "ทดสอบ {marker}"@th }} }}')
    return int(rows[0]["n"]["value"])


def test_a_publish_killed_right_after_its_commit_comes_back_whole(tmp_path, dba):
    """SIGKILL Virtuoso as soon as the one update request has committed: the transaction log replays it whole.

    The swap is differential because a transaction that deletes and re-inserts the same quad
    loses rows in Virtuoso 7.2's roll forward; two seeds change by one triple each, so almost
    every triple is shared between the versions."""
    project = snapshot(tmp_path)
    prefix = "https://example.org/kill/"
    assert publish(project, dba.sparql_auth, graph_prefix=prefix).ok
    seeds = ["seeds/000_77ed530c322606f6", "seeds/002_1f30bfc08ba12608"]
    _edit(project, seeds, "v2")
    with pytest.raises(PublishError) as failure:  # the count check after the commit finds the server gone
        publish(project, dba.sparql_auth, graph_prefix=prefix, retries=1, backoff=0.2, timeout=20,
                progress=lambda step: step == "committed" and dba.kill())
    assert "the new build was committed" in str(failure.value)
    assert sorted(failure.value.report.names("published")) == seeds
    dba.start()  # replays the transaction log of the killed server
    new = {prefix + k[len(GRAPH):]: v for k, v in local_counts(local_dataset(project)).items()}
    assert server_counts(dba.sparql, prefix) == new  # no staging graph, no lost row
    for seed in seeds:
        assert _marker_count(dba.sparql, prefix + seed, "v2") == 1
