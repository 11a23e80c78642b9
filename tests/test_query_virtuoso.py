"""Every catalogue query returns the same rows from a real Virtuoso as from the local build.

The build is published with `edugraph.publish.publish` to the session's Virtuoso
(tests/virtuoso.py); each query then runs through SPARQLWrapper with its
parameters sent as a VALUES block (see edugraph/query.py) against the anonymous
endpoint, whose default graph is the union of the published named graphs.
"""
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from edugraph import query as Q
from edugraph.project import Project
from edugraph.publish import publish

ROOT = Path(__file__).resolve().parent.parent

# one run per query with non-default parameters too, so VALUES of every type travel
EXTRA = [
    ("chain-down", ["area=id:master-plan/12"]),
    # the suggestion branches run but find no suggestion record in the seeds; a master plan is part of nothing
    ("chain-up", ["element=plan/lplp-hrplan-2567/policy/11", "suggestions=true"]),
    ("chain-up", ["element=master-plan/12", "suggestions=true"]),
    ("chain-down", ["area=3", "office=sesao-lampang-lamphun"]),
    ("chain-down", ["area=3", "suggestions=true"]),
    ("chain-down", ["area=3", "office=sesao-lampang-lamphun", "suggestions=true"]),
    ("coverage-matrix", ["year=2564"]),
    ("topic-comparison", ["topic=การอ่าน"]),
    ("indicator-targets", ["scope=plan/lplp-devplan-2566-2570"]),
    ("budget-by-framework", ["level=OBECPolicyItem"]),
    ("findings", ["office=pesao-lampang-3"]),
    ("label-search", ['phrase=ความปลอดภัย"']),
]


def drop_other_tests_graphs(virtuoso):
    """The session server is shared: other tests publish copies under https://example.org/...,
    which the union default graph would count twice."""
    from SPARQLWrapper import DIGEST, JSON, POST, SPARQLWrapper

    ask = SPARQLWrapper(virtuoso.sparql)
    ask.setQuery('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), "https://example.org/")) }')
    ask.setReturnFormat(JSON)
    graphs = [b["g"]["value"] for b in ask.query().convert()["results"]["bindings"]]
    update = SPARQLWrapper(virtuoso.sparql_auth)
    update.setHTTPAuth(DIGEST)
    update.setCredentials("dba", virtuoso.password)
    update.setMethod(POST)
    for graph in graphs:
        update.setQuery(f"DROP SILENT GRAPH <{graph}>")
        update.query()


@pytest.fixture(scope="module")
def served(virtuoso):
    drop_other_tests_graphs(virtuoso)
    project = Project(ROOT)
    mp = pytest.MonkeyPatch()
    mp.setenv("EDUGRAPH_USER", "dba")
    mp.setenv("EDUGRAPH_PASSWORD", virtuoso.password)
    mp.setenv("NETRC", "/nonexistent")
    try:
        report = publish(project, virtuoso.sparql_auth, graph_store=virtuoso.graph_store)
    finally:
        mp.undo()
    assert report.ok
    return project, virtuoso.sparql


def _value(term):
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return ("number", Decimal(str(value)).normalize())
        return ("literal", str(term), term.language)
    return ("other", str(term))


def _rows(result):
    return sorted((tuple(_value(v) for v in row) for row in result.rows), key=repr)


def _cases():
    names = [path.stem for path in sorted((ROOT / "queries").glob("*.rq"))]
    return [(n, []) for n in names] + EXTRA


@pytest.mark.parametrize("name, params", _cases(), ids=lambda x: x if isinstance(x, str) else " ".join(x))
def test_same_rows_on_virtuoso(served, name, params):
    project, endpoint = served
    for lang in ("en", "th"):
        local = Q.run(project, name=name, params=params, lang=lang)
        remote = Q.run(project, name=name, params=params, lang=lang, endpoint=endpoint)
        assert remote.columns == local.columns
        assert _rows(remote) == _rows(local), f"{name} {params} {lang}"
