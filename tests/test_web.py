"""The web face over HTTP (Starlette's TestClient on the built seeds): entity pages and content
negotiation, the SPARQL 1.1 Protocol, catalogue pages, 404s, escaping and path traversal.

Expected values are read from the sources: seed 003's policy 3 indicator 2 is quoted from line
368 of data/sources/003_1637ed538e816cf6.txt, and its chain reaches National Strategy area 3.
"""
import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from edugraph.build import build
from edugraph.cli import main
from edugraph.load import to_rdflib
from edugraph.project import Project
from edugraph.query import Catalogue, bound_text, run
from edugraph.web.backend import Limits
from edugraph.web.conneg import choose

from web import copy_project, make_app

INDICATOR = "https://w3id.org/edugraph/id/plan/lplp-hrplan-2567/policy/3/indicator/2"
PATH = "/id/plan/lplp-hrplan-2567/policy/3/indicator/2"
LABEL_TH = "สถานศึกษาทุกแห่งมีการพัฒนาความสามารถด้านการอ่านตามแนวทางการประเมิน PISA"
LABEL_EN = "Every school develops reading ability following the PISA assessment framework"
AREA_3 = "https://w3id.org/edugraph/id/national-strategy/3"


def _graph(response, fmt):
    return Graph().parse(data=response.text, format=fmt)


# --------------------------------------------------------------------------
# Entity pages and content negotiation

def test_entity_page_in_thai_by_default_with_quote_line_and_chain(client):
    response = client.get(PATH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["vary"] == "Accept"
    html = response.text
    assert '<html lang="th">' in html
    assert f"<h1><span lang=\"th\">{LABEL_TH}</span></h1>" in html
    assert "2. สถานศึกษาทุกแห่งมีการพัฒนาความสามารถด้านการอ่านตามแนวทางการประเมิน PISA" in html  # the quote
    assert 'href="/source/003_1637ed538e816cf6#L368"' in html
    assert 'href="/id/national-strategy/3"' in html  # the chain reaches area 3
    assert 'class="basis basis-stated"' in html and 'class="basis basis-curated"' in html


@pytest.mark.parametrize("element", [
    "plan/lplp-hrplan-2567/policy/3/indicator/2", "plan/lplp-devplan-2566-2570/indicator/1.3.1", "obec-policy-2567/4",
    "plan/cm2-devplan-2563-2565-rev2564/strategy/1/indicator/1.1",
])
def test_the_page_chain_is_the_catalogue_chain_up(client, web_project, element):
    from edugraph.web.describe import chain_up

    expected = run(web_project, name="chain-up", params=[f"element={element}", "suggestions=true"], lang="th")
    rows = {tuple("" if v is None else str(v).rsplit("#", 1)[-1] if k in ("link", "basis") else str(v)
                  for k, v in zip(expected.columns, row) if k != "higherLabel") for row in expected.rows}
    page = {tuple(r.values()) for r in chain_up(client.app.state.site.backend, "https://w3id.org/edugraph/id/" + element)}
    assert rows and page == rows


def test_entity_page_in_english_marks_thai_fallbacks(client):
    html = client.get(PATH + "?lang=en").text
    assert f"<h1><span lang=\"en\">{LABEL_EN}</span></h1>" in html
    switched = client.get(PATH + "?lang=en")
    assert switched.cookies.get("lang") == "en"


@pytest.mark.parametrize("suffix, media, fmt", [
    (".ttl", "text/turtle", "turtle"), (".jsonld", "application/ld+json", "json-ld"), (".nt", "application/n-triples", "nt"),
])
def test_each_rdf_representation_by_suffix_and_by_accept(client, suffix, media, fmt):
    for response in (client.get(PATH + suffix), client.get(PATH, headers={"Accept": media})):
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media
        graph = _graph(response, fmt)
        assert (URIRef(INDICATOR), RDFS.label, Literal(LABEL_TH, lang="th")) in graph
        assert (URIRef(INDICATOR), URIRef("https://w3id.org/edugraph/ontology#sourceLine"), Literal(368)) in graph


def test_html_by_suffix_and_for_browsers(client):
    assert client.get(PATH + ".html").headers["content-type"].startswith("text/html")
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
    assert client.get(PATH, headers={"Accept": browser}).headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("accept, expected", [
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
    ("application/ld+json;q=0.2, text/turtle", "text/turtle"),
    ("text/html;q=0, */*;q=0.1", "text/turtle"),  # html refused; the first RDF type offered wins the tie
    ("application/n-triples, text/*;q=0.3", "application/n-triples"),
    ("text/*", "text/html"),
    ("*/*", "text/html"),
])
def test_q_values_choose_the_representation(client, accept, expected):
    response = client.get(PATH, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


def test_a_type_nothing_matches_is_406(client):
    assert client.get(PATH, headers={"Accept": "image/png"}).status_code == 406
    assert client.get(PATH, headers={"Accept": "text/turtle;q=0"}).status_code == 406


def test_accept_parsing_most_specific_range_wins():
    assert choose("text/*;q=0.9, text/turtle;q=0.1", ["text/turtle", "text/html"]) == "text/html"
    assert choose("text/turtle;q=0.1, */*;q=0.05", ["text/html", "text/turtle"]) == "text/turtle"
    assert choose("text/turtle;q=bad", ["text/turtle"]) is None


def test_one_element_of_every_class_has_a_page(client, web_project):
    from edugraph.build import load_store

    sample = """SELECT ?type (MIN(STR(?s)) AS ?one) WHERE { ?s a ?type FILTER(STRSTARTS(STR(?s), "https://w3id.org/edugraph/id/")) }
                GROUP BY ?type"""
    found = {str(row[0].value): row[1].value for row in load_store(web_project).query(sample, use_default_graph_as_union=True)}
    assert len(found) > 30
    for iri in found.values():
        assert client.get(iri.removeprefix("https://w3id.org/edugraph")).status_code == 200, iri


def test_parts_are_listed_in_document_order(client):
    html = client.get("/id/plan/lplp-hrplan-2567/policy/3").text
    parts = html.split('<section class="parts">')[1].split("</section>")[0]
    first, second = (parts.index(f'href="/id/plan/lplp-hrplan-2567/policy/3/indicator/{n}"') for n in (1, 2))
    assert first < second


def test_targets_and_baseline_by_fiscal_year(client):
    # seed 004, strategy 1 indicator 1.1: baseline ๙๓.๘๗ for 2562 (line 581 of its source), then yearly targets
    html = client.get("/id/plan/cm2-devplan-2563-2565-rev2564/strategy/1/indicator/1.1").text
    table = html.split('<section class="targets">')[1].split("</section>")[0]
    rows = table.split("<tr class=")[1:]
    assert rows[0].startswith('"baseline"') and "<td>2562</td>" in rows[0] and "๙๓.๘๗" in rows[0] and "93.87" in rows[0]
    assert 'href="/source/004_9a5e1a487ae0de77#L581"' in rows[0]
    years = [int(r.split("<td>")[2].split("<")[0]) for r in rows[1:]]
    assert years == sorted(years) and years[0] == 2563 and all(r.startswith('"target"') for r in rows[1:])


def test_findings_and_alignment_records_on_the_page(client):
    # seed 003 finding a11 (source line 460) concerns guideline 1 of policy 8
    html = client.get("/id/plan/lplp-hrplan-2567/policy/8/guideline/1?lang=en").text
    findings = html.split('<section class="findings">')[1].split("</section>")[0]
    assert 'href="/ontology#ExtractionTypo"' in findings and "1. พัฒนาระบบป้องกัน ฝ้าระวัง" in findings
    assert "where 'เฝ้าระวัง' (monitor) is meant" in findings.replace("&#39;", "'")
    assert 'href="/source/003_1637ed538e816cf6#L460"' in findings
    # policy 8's curated record for National Strategy area 4, with its rationale and its editors
    policy = client.get("/id/plan/lplp-hrplan-2567/policy/8?lang=en").text
    records = policy.split('<section class="alignments">')[1].split("</section>")[0]
    record = next(r for r in records.split('<li class="alignment') if 'href="/id/national-strategy/4"' in r)
    assert 'basis-curated' in record and "social opportunity and equality" in record
    assert 'href="/id/agent/edugraph-editors"' in record


def test_a_fresh_server_computes_validation_in_the_background(web_project):
    from starlette.testclient import TestClient

    with TestClient(make_app(web_project)) as fresh:
        first = fresh.get(PATH).text
        fresh.app.state.site.validation()  # waits for the background run
        later = fresh.get(PATH).text
    assert 'class="pending"' in first and 'class="pending"' not in later


def test_validation_results_of_an_element_are_on_its_page(client):
    report = client.app.state.site.validation()
    focus = str(next(r.focus for r in report.results if str(r.focus).startswith("https://w3id.org/edugraph/id/plan/")))
    mine = [r for r in report.results if str(r.focus) == focus]
    html = client.get(focus.removeprefix("https://w3id.org/edugraph") + "?lang=en").text
    section = html.split('<section class="validation">')[1].split("</section>")[0]
    assert section.count('<tr class="result ') == len(mine)


def test_renamed_office_is_resolved_visibly(client):
    old = client.get("/id/org/sesao-35?lang=en").text
    assert 'class="renamed renamed-to"' in old and 'href="/id/org/sesao-lampang-lamphun"' in old
    new = client.get("/id/org/sesao-lampang-lamphun?lang=en").text
    assert 'class="renamed renamed-from"' in new and 'href="/id/org/sesao-35"' in new


def test_chain_down_is_paged(client, web_project):
    from edugraph.build import load_store

    count = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x <https://w3id.org/edugraph/ontology#servesTransitive> <%s> }" % AREA_3
    total = int(next(iter(load_store(web_project).query(count, use_default_graph_as_union=True)))[0].value)
    assert total > 50
    pages = []
    for number in (1, 2):
        html = client.get(f"/id/national-strategy/3?page={number}").text
        section = html.split('id="chain-down"')[1].split("</section>")[0]
        assert f"({total})" in section
        pages.append(set(section.split("<li>")[1:]))
    assert len(pages[0]) == 50 and pages[1] and not pages[0] & pages[1]


def test_unknown_iris_are_404_in_every_representation(client):
    for path in ("/id/plan/no-such-plan", "/id/plan/no-such-plan.ttl", "/id/x%20y", "/nowhere", "/queries/no-such-query",
                 "/source/no-such-document"):
        response = client.get(path)
        assert response.status_code == 404, path
    assert "ไม่พบ" in client.get("/id/plan/no-such-plan").text


@pytest.mark.parametrize("path", [
    "/source/..%2F..%2Fpyproject", "/source/../pyproject.toml", "/static/..%2F..%2Fbuild.py", "/static/../app.py",
    "/static/%2e%2e/%2e%2e/build.py", "/id/..%2F..%2F..%2Fetc%2Fpasswd", "/source/%2e%2e%2Fsources",
])
def test_no_path_traversal(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "[project]" not in response.text


def test_source_page_has_an_anchor_per_line(client):
    html = client.get("/source/003_1637ed538e816cf6").text
    assert '<span class="line" id="L368"><a class="no" href="#L368">368</a>2. สถานศึกษาทุกแห่ง' in html


def test_static_files_are_served_from_the_package(client):
    response = client.get("/static/yasgui/yasgui.min.js")
    assert response.status_code == 200 and len(response.content) > 100_000
    assert client.get("/static/yasgui/LICENSE").text.startswith("The MIT License")


# --------------------------------------------------------------------------
# SPARQL 1.1 Protocol

SELECT = "SELECT ?label WHERE { <%s> <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label" % INDICATOR


def _json_rows(response):
    results = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
    return [[None if v is None else to_rdflib(v) for v in row] for row in results]


def test_select_by_get_post_form_and_post_body(client):
    expected = [[Literal(LABEL_EN, lang="en")], [Literal(LABEL_TH, lang="th")]]
    accept = {"Accept": "application/sparql-results+json"}
    responses = [
        client.get("/sparql", params={"query": SELECT}, headers=accept),
        client.post("/sparql", data={"query": SELECT}, headers=accept),
        client.post("/sparql", content=SELECT.encode(), headers={**accept, "Content-Type": "application/sparql-query"}),
    ]
    for response in responses:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/sparql-results+json"
        assert _json_rows(response) == expected


@pytest.mark.parametrize("media, check", [
    ("application/sparql-results+xml", lambda text: '<literal xml:lang="th">' + LABEL_TH in text),
    ("text/csv", lambda text: text.replace("\r\n", "\n").split("\n")[:3] == ["label", LABEL_EN, LABEL_TH]),
    ("text/tab-separated-values", lambda text: text.split("\n")[:3] == ["?label", f'"{LABEL_EN}"@en', f'"{LABEL_TH}"@th']),
])
def test_select_result_formats(client, media, check):
    response = client.get("/sparql", params={"query": SELECT}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert check(response.text)


def test_ask_and_default_format(client):
    response = client.get("/sparql", params={"query": f"ASK {{ <{INDICATOR}> ?p ?o }}"}, headers={"Accept": "*/*"})
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert json.loads(response.text)["boolean"] is True


@pytest.mark.parametrize("media, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_construct_and_describe(client, media, fmt):
    for form in (f"CONSTRUCT {{ <{INDICATOR}> ?p ?o }} WHERE {{ <{INDICATOR}> ?p ?o }}", f"DESCRIBE <{INDICATOR}>"):
        response = client.get("/sparql", params={"query": form}, headers={"Accept": media})
        assert response.status_code == 200
        assert response.headers["content-type"].split(";")[0] == media
        assert (URIRef(INDICATOR), RDFS.label, Literal(LABEL_TH, lang="th")) in _graph(response, fmt)


@pytest.mark.parametrize("request_kwargs", [
    {"method": "POST", "data": {"update": "DROP ALL"}},
    {"method": "POST", "content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
    {"method": "GET", "params": {"update": "CLEAR DEFAULT"}},
    {"method": "GET", "params": {"query": "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"}},
    {"method": "POST", "data": {"query": "PREFIX ex: <http://example.org/> DELETE WHERE { ?s ?p ?o }"}},
    {"method": "GET", "params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}},
])
def test_updates_and_service_are_refused_403(client, request_kwargs):
    kwargs = dict(request_kwargs)
    response = client.request(kwargs.pop("method"), "/sparql", **kwargs)
    assert response.status_code == 403
    assert ASK_COUNT_LABEL(client) >= 2  # nothing was removed


def ASK_COUNT_LABEL(client):
    return len(_json_rows(client.get("/sparql", params={"query": SELECT})))


def test_keywords_inside_names_and_strings_are_not_updates(client):
    query = 'SELECT ?drop WHERE { BIND("DELETE WHERE" AS ?drop) }'
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and "DELETE WHERE" in response.text


def test_syntax_error_is_400_with_a_clear_body(client):
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text.startswith("SPARQL syntax error at 1:")
    assert "Traceback" not in response.text


def test_no_query_is_400_and_browsers_get_the_editor(client):
    assert client.get("/sparql", headers={"Accept": "application/sparql-results+json"}).status_code == 400
    editor = client.get("/sparql", headers={"Accept": "text/html"})
    assert editor.status_code == 200
    assert '/static/yasgui/yasgui.min.js' in editor.text and "cdn" not in editor.text.lower()
    tabs = json.loads(editor.text.split('<script id="catalogue" type="application/json">')[1].split("</script>")[0])
    assert [t["name"] for t in tabs] == sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "queries").glob("*.rq"))
    assert all(t["query"].lstrip().startswith("# @question") for t in tabs)


def test_row_cap_truncates_and_says_so(web_project):
    from starlette.testclient import TestClient

    with TestClient(make_app(web_project, limits=Limits(rows=3))) as capped:
        response = capped.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["x-edugraph-truncated"] == "true"
    assert len(response.text.strip().splitlines()) == 1 + 3


def test_time_limit_gives_503(web_project):
    from starlette.testclient import TestClient

    slow = """PREFIX edu: <https://w3id.org/edugraph/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE { ?a a edu:Indicator . ?b a edu:Indicator . ?c a edu:Indicator }"""  # about 2 s
    with TestClient(make_app(web_project, limits=Limits(seconds=0.05))) as limited:
        response = limited.get("/sparql", params={"query": slow})
    assert response.status_code == 503
    assert "limit of 0.05 s" in response.text


def _run_everywhere(client, project, query, params, lang):
    """The rows `edugraph query` returns, and those /sparql returns for the same bound text."""
    expected = run(project, name=query.name, params=params, lang=lang)
    text = bound_text(query, params, lang)
    response = client.post("/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    return expected, _json_rows(response)


@pytest.mark.parametrize("name", sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "queries").glob("*.rq")))
def test_every_catalogue_query_through_sparql_returns_the_cli_rows(client, web_project, name):
    query = Catalogue(web_project.queries_dir).get(name)
    expected, rows = _run_everywhere(client, web_project, query, [], "th")
    assert expected.rows, f"{name} returns rows on the seeds"
    assert Counter(map(tuple, rows)) == Counter(map(tuple, expected.rows))


def test_catalogue_form_page_and_csv(client, web_project):
    page = client.get("/queries/chain-up", params={"run": "1", "element": "plan/lplp-hrplan-2567/policy/3/indicator/2"})
    assert page.status_code == 200
    assert 'value="plan/lplp-hrplan-2567/policy/3/indicator/2"' in page.text
    assert 'href="/id/national-strategy/3"' in page.text
    csv_text = client.get("/queries/chain-up.csv", params={"element": "plan/lplp-hrplan-2567/policy/3/indicator/2"}).text
    expected = run(web_project, name="chain-up", params=["element=plan/lplp-hrplan-2567/policy/3/indicator/2"], lang="th")
    assert len(csv_text.strip().splitlines()) == 1 + len(expected.rows)
    bad = client.get("/queries/chain-up", params={"run": "1", "element": "not an iri"})
    assert bad.status_code == 200 and 'role="alert"' in bad.text


# --------------------------------------------------------------------------
# Untrusted text, stale builds, start-up errors

SCRIPT = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A copy of the project with one more seed whose label holds a script tag; built, then made stale."""
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    (root / "data" / "seeds" / "999_hostile.ttl").write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        f"<https://w3id.org/edugraph/id/plan/hostile> rdfs:label {json.dumps(SCRIPT)}@th , \"<b>bold</b> & more\"@en .\n"
        "<https://w3id.org/edugraph/id/plan/thai-only> rdfs:label \"แผนทดสอบ\"@th .\n"
        # a suggestion beside policy 3's curated link to area 3, and one to area 4 that nothing else states
        "<https://w3id.org/edugraph/id/plan/lplp-hrplan-2567/policy/3> <https://w3id.org/edugraph/ontology#hasAlignment>"
        " <https://w3id.org/edugraph/id/plan/hostile/s1> , <https://w3id.org/edugraph/id/plan/hostile/s2> .\n"
        "<https://w3id.org/edugraph/id/plan/hostile/s1> a <https://w3id.org/edugraph/ontology#Alignment> ;"
        " <https://w3id.org/edugraph/ontology#alignedTo> <https://w3id.org/edugraph/id/national-strategy/3> ;"
        " <https://w3id.org/edugraph/ontology#basis> <https://w3id.org/edugraph/ontology#Suggested> .\n"
        "<https://w3id.org/edugraph/id/plan/hostile/s2> a <https://w3id.org/edugraph/ontology#Alignment> ;"
        " <https://w3id.org/edugraph/ontology#alignedTo> <https://w3id.org/edugraph/id/national-strategy/4> ;"
        " <https://w3id.org/edugraph/ontology#basis> <https://w3id.org/edugraph/ontology#Suggested> .\n",
        encoding="utf-8")
    project = Project(root)
    build(project)
    return project


def test_labels_are_escaped(hostile):
    from starlette.testclient import TestClient

    with TestClient(make_app(hostile)) as c:
        th = c.get("/id/plan/hostile").text
        en = c.get("/id/plan/hostile?lang=en").text
        found = c.get("/queries/label-search", params={"run": "1", "phrase": "script"}).text
    assert SCRIPT not in th and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in th
    assert "<b>bold</b>" not in en and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in en
    assert SCRIPT not in found and "&lt;script&gt;" in found


def test_suggestions_in_the_chain_are_the_catalogue_rows(hostile):
    from starlette.testclient import TestClient

    from edugraph.web.describe import chain_up

    element = "plan/lplp-hrplan-2567/policy/3/indicator/2"
    expected = run(hostile, name="chain-up", params=[f"element={element}", "suggestions=true"], lang="th")
    rows = {tuple("" if v is None else str(v) for k, v in zip(expected.columns, row) if k != "higherLabel") for row in expected.rows}
    with TestClient(make_app(hostile)) as c:
        page = {tuple(r.values()) for r in chain_up(c.app.state.site.backend, "https://w3id.org/edugraph/id/" + element)}
        html = c.get("/id/" + element).text
    policy = "https://w3id.org/edugraph/id/plan/lplp-hrplan-2567/policy/3"
    assert (policy, "suggested", "Suggested", "https://w3id.org/edugraph/id/national-strategy/4",
            "https://w3id.org/edugraph/ontology#NationalStrategyArea") in page
    assert (policy, "serves", "Curated", "https://w3id.org/edugraph/id/national-strategy/3",
            "https://w3id.org/edugraph/ontology#NationalStrategyArea") in page
    assert not any(r[1] == "serves" and r[2] == "Suggested" for r in page)
    assert page == rows
    assert 'class="basis basis-suggested"' in html


def test_a_missing_label_falls_back_to_the_other_language_visibly(hostile):
    from starlette.testclient import TestClient

    with TestClient(make_app(hostile)) as c:
        html = c.get("/id/plan/thai-only?lang=en").text
    assert '<h1><span lang="th" class="fallback" title="label in the other language">แผนทดสอบ</span><sup class="fallback-mark">th</sup></h1>' in html


def test_a_stale_build_is_announced(hostile):
    from starlette.testclient import TestClient

    with TestClient(make_app(hostile)) as c:
        assert 'class="stale"' not in c.get("/id/plan/hostile").text
        seed = hostile.root / "data" / "seeds" / "999_hostile.ttl"
        seed.write_text(seed.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        c.app.state.site._checked = (0.0, False)  # the check is reused for a few seconds; ask again now
        assert 'class="stale"' in c.get("/id/plan/hostile").text


def test_unreachable_endpoint_exits_2_with_one_line(capsys):
    from web import free_port

    code = main(["--root", str(Path(__file__).resolve().parent.parent), "serve", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql",
                 "--port", str(free_port())])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "does not answer SPARQL queries" in err and "Traceback" not in err


def test_bad_endpoint_url_and_busy_port_exit_2(capsys):
    import socket

    root = str(Path(__file__).resolve().parent.parent)
    from web import free_port

    assert main(["--root", root, "serve", "--endpoint", "ftp://example.org/sparql", "--port", str(free_port())]) == 2
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert main(["--root", root, "serve", "--port", str(busy.getsockname()[1])]) == 2
    assert main(["--root", root, "serve", "--endpoint", "http://127.0.0.1:1/sparql", "--memory", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert "not an http(s) URL" in err and "cannot listen on" in err and "--memory reads the local build" in err
