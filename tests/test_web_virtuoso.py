"""The web face reading a real Virtuoso (`edugraph serve --endpoint`), loaded by `edugraph publish`.

The build is published to the session's Virtuoso as tests/test_query_virtuoso.py
does; the same entity page and the same /sparql answers must come back as
from the embedded store.
"""
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from edugraph.query import Catalogue, bound_text
from edugraph.web import describe

from test_query_virtuoso import _value, served  # noqa: F401 (served is a fixture)
from test_web import INDICATOR, LABEL_TH, PATH, _json_rows

AREA_3 = "https://w3id.org/edugraph/id/national-strategy/3"


def test_entity_page_on_virtuoso(remote):
    response = remote.get(PATH)
    assert response.status_code == 200
    html = response.text
    assert f"<h1><span lang=\"th\">{LABEL_TH}</span></h1>" in html
    assert 'href="/source/003_1637ed538e816cf6#L368"' in html
    assert 'href="/id/national-strategy/3"' in html
    assert 'class="basis basis-stated"' in html and 'class="basis basis-curated"' in html
    assert remote.get("/id/plan/no-such-plan").status_code == 404


def test_entity_turtle_on_virtuoso(remote):
    response = remote.get(PATH, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(INDICATOR), RDFS.label, Literal(LABEL_TH, lang="th")) in graph


def test_entity_values_are_the_same_on_both_back_ends(remote, client, web_project):
    local = describe.describe(client.app.state.site.backend, web_project, INDICATOR, "th")
    far = describe.describe(remote.app.state.site.backend, web_project, INDICATOR, "th")
    assert Counter(map(lambda r: tuple(sorted(r.items())), far.chain)) == Counter(map(lambda r: tuple(sorted(r.items())), local.chain))
    assert any(r["higher"] == AREA_3 and r["basis"] == "Curated" for r in far.chain)
    assert far.parts == local.parts and far.renamed == local.renamed and far.down_total == local.down_total
    assert far.names == local.names
    area_local = describe.describe(client.app.state.site.backend, web_project, AREA_3, "th")
    area_far = describe.describe(remote.app.state.site.backend, web_project, AREA_3, "th")
    assert area_far.down_total == area_local.down_total > 50 and area_far.down == area_local.down


@pytest.mark.parametrize("name", ["chain-up", "coverage-matrix", "indicator-targets", "findings"])
def test_sparql_answers_are_the_same_on_virtuoso(remote, client, web_project, name):
    query = Catalogue(web_project.queries_dir).get(name)
    text = bound_text(query, [], "th")
    answers = []
    for c in (client, remote):
        response = c.post("/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, response.text
        answers.append(sorted((tuple(_value(v) for v in row) for row in _json_rows(response)), key=repr))
    assert answers[0] and answers[1] == answers[0]


def test_protocol_errors_on_virtuoso(remote):
    assert remote.post("/sparql", data={"update": "DROP ALL"}).status_code == 403
    assert remote.get("/sparql", params={"query": "CLEAR DEFAULT"}).status_code == 403
    bad = remote.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert bad.status_code == 400 and "Traceback" not in bad.text
    csv_text = remote.get("/sparql", params={"query": f"SELECT ?l WHERE {{ <{INDICATOR}> <{RDFS.label}> ?l }} ORDER BY ?l"},
                          headers={"Accept": "text/csv"}).text
    assert LABEL_TH in csv_text


def test_virtuosos_incomplete_answer_at_the_time_limit_is_a_timeout(served):
    """At its `timeout` Virtuoso answers 200 with the rows found so far (X-SQL-State: S1TAT);
    read as a result, a report page would show a partial count as the whole."""
    from edugraph.web.backend import Endpoint, Limits, QueryTimeout

    _, endpoint = served
    slow = Endpoint(endpoint, Limits(seconds=0.001))  # asks Virtuoso to stop after 1 ms
    with pytest.raises(QueryTimeout, match="incomplete results"):
        slow.answer("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?o . ?b ?q ?c }")  # stopped at about 2 s on the seeds
    assert Endpoint(endpoint).answer("ASK { ?s ?p ?o }").boolean  # the same endpoint without the limit
