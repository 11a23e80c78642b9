"""The report pages over HTTP (Starlette's test client on the real seed build, tests/web.py): home,
coverage, gaps, bases, validation, ontology, the dumps, pictures on entity pages and the static site."""
import json
import re
from html import unescape
from urllib.parse import quote

import pyoxigraph as ox
from starlette.testclient import TestClient

from edugraph.cli import main
from edugraph.project import Project
from edugraph.query import run

from helpers import ROOT

ID = "https://w3id.org/edugraph/id/"
LPLP = ID + "org/sesao-lampang-lamphun"


def links(page: str, prefix: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="(' + re.escape(prefix) + r'[^"]*)"', page)]


def test_home_says_what_the_build_holds(client):
    page = client.get("/").text
    # the five seed documents, each with the office its plans name (seed 003: สพม.ลำปาง ลำพูน; seed 001 names
    # the office by its old name too, สพม. เขต 35)
    for doc in ("000_77ed530c322606f6", "001_8c1bc81af2735ebe", "002_1f30bfc08ba12608", "003_1637ed538e816cf6", "004_9a5e1a487ae0de77"):
        assert f'href="/id/source/{doc}"' in page
    assert "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาลำปาง ลำพูน" in page
    assert 'class="stale"' not in page and 'id="stale"' not in page
    assert {"/coverage", "/gaps", "/bases", "/validation", "/ontology", "/sparql"} <= set(links(page, "/"))
    assert set(links(page, "/dumps/")) == {"/dumps/trig/edugraph.trig", "/dumps/trig/void.ttl", "/dumps/nquads/edugraph.nq",
                                           "/dumps/nquads/void.ttl", "/dumps/jsonld/edugraph.jsonld", "/dumps/jsonld/void.ttl"}


def test_dumps_are_the_export_files_with_their_media_types(client):
    trig = client.get("/dumps/trig/edugraph.trig")
    assert trig.headers["content-type"].startswith("application/trig")
    quads = list(ox.parse(trig.content, format=ox.RdfFormat.TRIG))
    assert any(q.subject.value == LPLP for q in quads)
    void = client.get("/dumps/trig/void.ttl")
    assert void.headers["content-type"].startswith("text/turtle")
    assert "void:Dataset" in void.text or "http://rdfs.org/ns/void#Dataset" in void.text
    assert client.get("/dumps/jsonld/edugraph.jsonld").headers["content-type"].startswith("application/ld+json")
    for bad in ("/dumps/trig/build.json", "/dumps/zip/edugraph.trig", "/dumps/trig/..%2F..%2Fbuild.json"):
        assert client.get(bad).status_code == 404, bad


HOSTILE = """@prefix edu: <https://w3id.org/edugraph/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/edugraph/id/org/hostile> a edu:EducationalServiceAreaOffice ; rdfs:label "<script>alert(1)</script> สพม."@th .
"""


def test_source_text_is_escaped_and_a_stale_build_is_announced(tmp_path):
    from web import copy_project, make_app

    copy_project(tmp_path)
    (tmp_path / "data" / "reference" / "hostile.ttl").write_text(HOSTILE, encoding="utf-8")
    main(["--root", str(tmp_path), "build"])
    app = make_app(Project(tmp_path))
    with open(tmp_path / "data" / "seeds" / "002_1f30bfc08ba12608.ttl", "a", encoding="utf-8") as source:
        source.write("\n# edited after the build\n")
    for path in ("/coverage", "/bases"):
        page = TestClient(app).get(path).text
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; สพม." in page, path
    page = TestClient(app).get("/").text
    assert "edugraph build" in page and 'class="stale"' in page
    assert 'id="stale"' in TestClient(app).get("/validation").text  # no report from a stale build, and no rebuild


def cells(page: str) -> dict:
    """(office, item) -> 'elements · indicators' from the heat map's linked cells."""
    found = {}
    for href, text in re.findall(r'<a class="cell" href="([^"]+)">.*?<text[^>]*>([^<]*)</text></a>', page):
        params = dict(p.split("=", 1) for p in unescape(href).split("?", 1)[1].split("&"))
        found[(unquote(params["office"]), unquote(params["area"]))] = text
    return found


def unquote(text: str) -> str:
    from urllib.parse import unquote as _unquote

    return _unquote(text)


def test_heat_map_cells_are_the_coverage_matrix(client):
    page = client.get("/coverage").text
    assert "2567" in page
    expected = {(str(r["office"]), str(r["item"])): f'{r["elements"]} · {r["indicators"]}'
                for r in run(Project(ROOT), name="coverage-matrix").as_dicts()}
    assert cells(page) == expected
    # seed 003 states that its policy 3 serves OBEC FY 2567 item 4 (lines 87-89, 370-381): that cell links to its chain down
    assert (LPLP, ID + "obec-policy-2567/4") in expected
    assert f'/queries/chain-down?area={quote(ID + "obec-policy-2567/4", safe="")}&amp;office={quote(LPLP, safe="")}&amp;run=1' in page
    # the columns are the ten items of the OBEC FY 2567 policy, numbered 1-10
    assert re.findall(r'font-weight="bold">(\d+)<title>', page) == [str(n) for n in range(1, 11)]


def test_heat_map_year_chooser(client):
    page = client.get("/coverage?year=2565&lang=en").text
    options = re.findall(r'<option value="(\d+)"', page)
    assert {"2564", "2565", "2567"} <= set(options)
    assert re.search(r'<option value="2565" selected>', page)
    # the OBEC policy of FY 2564-2565 has four items (Safety, Opportunity, Quality, Efficiency)
    assert re.findall(r'font-weight="bold">(\d+)<title>', page) == ["1", "2", "3", "4"]
    assert client.get("/coverage?year=1999").status_code == 404
    assert client.get("/coverage?year=<script>").status_code == 404


def test_gaps_page_lists_the_gaps_query_rows(client):
    page = client.get("/gaps?lang=en").text
    rows = run(Project(ROOT), name="gaps", lang="en").as_dicts()
    assert rows
    for r in rows:
        assert f'href="/id/{str(r["element"])[len(ID):]}"' in page
    assert page.count("<tr>") - page.count("<tr><th>") == len(rows)


def test_bases_summary(client):
    page = client.get("/bases").text
    # seed 003 states its links to OBEC items in the source (stated); seed 002's links are all curated
    table = dict(re.findall(r'<tr><td><a href="/id/(org/[^"]+)">[^<]*</a></td>\s*(.*?)</tr>', page, re.S))
    counts = {office: [int(n) for n in re.findall(r">(\d+)<", row)] for office, row in table.items()}
    assert counts["org/sesao-lampang-lamphun"][0] > 0
    assert counts["org/esao-unidentified-002"][0] == 0 and counts["org/esao-unidentified-002"][1] > 0
    assert 'class="basis stated"' in page and 'class="basis curated"' in page


def test_validation_page_is_the_reports_results_with_evidence(client, capsys):
    page = client.get("/validation", params={"office": LPLP}).text
    main(["--root", str(ROOT), "validate", "--office", "sesao-lampang-lamphun", "--format", "json"])
    cli = json.loads(capsys.readouterr().out)["results"]
    focus = [unescape(f) for f in re.findall(r'<a class="focus" href="([^"]+)"', page)]
    assert focus == ["/id/" + r["focus_node"][len(ID):] for r in cli]
    # seed 003 line 891: a page header naming สพม.สกลนคร (สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาสกลนคร)
    assert '<a class="source" href="/source/003_1637ed538e816cf6#L891">' in page
    assert "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาสกลนคร" in page


def test_validation_filters(client):
    shape = "https://w3id.org/edugraph/shapes#ForeignOfficeNameShape"
    page = client.get("/validation", params={"shape": shape, "severity": "warning"}).text
    rows = re.findall(r'<tr class="result (\w+)">', page)
    assert len(rows) == 11 and set(rows) == {"warning"}  # seed 003's eleven lines naming another office
    page = client.get("/validation", params={"severity": "violation", "office": ID + "org/pesao-chiangmai-2"}).text
    assert set(re.findall(r'<tr class="result (\w+)">', page)) == {"violation"}
    assert client.get("/validation?severity=<b>").status_code == 404


def test_validation_page_shows_at_most_its_cap(client, monkeypatch):
    from edugraph.web import reports

    monkeypatch.setattr(reports, "MAX_RESULTS", 5)
    page = client.get("/validation?lang=en").text
    assert len(re.findall(r'<tr class="result', page)) == 5
    assert re.search(r'id="more">The first 5 of \d+ results are shown', page)


def test_ontology_documentation(client):
    page = client.get("/ontology").text
    indicator = page[page.index('id="Indicator"'):]
    indicator = indicator[:indicator.index("</section>")]
    assert "ตัวชี้วัด" in indicator and "Indicator" in indicator and "ตัวชี้วัดความสำเร็จหลัก" in indicator
    assert 'href="#PlanElement"' in indicator  # its superclass
    hierarchy = page[page.index('id="hierarchy"'):page.index("</ul>\n", page.index('id="hierarchy"'))]
    assert "#ActionPlan" in hierarchy
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")


def test_entity_page_draws_its_chain_and_targets(client):
    # seed 003 lines 370-381: policy 3 states it serves OBEC FY 2567 item 4 and focus point 2; curated: it serves
    # National Strategy area 3 (tests/test_query.py, chain up)
    page = client.get("/id/plan/lplp-hrplan-2567/policy/3/indicator/2?lang=en").text
    chain = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="chain"'):]
    chain = chain[:chain.index("</svg>")]
    assert 'href="/id/national-strategy/3"' in chain and 'href="/id/obec-policy-2567/4"' in chain
    assert 'class="link stated"' in chain and 'class="link curated"' in chain and 'class="link partof"' in chain
    # seed 001 policy 3 row 19: targets 85 in 2566, 84 in 2567 (the falling target)
    page = client.get("/id/plan/lplp-devplan-2566-2570/indicator/3.3.19").text
    chart = page[page.index('class="targets"'):]
    assert "<title>2566: 85</title>" in chart and "<title>2567: 84</title>" in chart


def test_static_site_is_the_served_pages(tmp_path, capsys):
    from web import copy_project, make_app

    project = copy_project(tmp_path / "project")  # seed 002 and three reference files: about 600 pages
    for seed in (project / "data" / "seeds").glob("*.ttl"):
        if not seed.name.startswith("002_"):
            seed.unlink()
    for reference in (project / "data" / "reference").glob("*.ttl"):
        if reference.stem not in ("organisations", "obec-policy-2567", "units"):
            reference.unlink()
    main(["--root", str(project), "build"])
    site = tmp_path / "site"
    assert main(["--root", str(project), "export", "--format", "html", "--out", str(site)]) == 0
    written = capsys.readouterr().out.split()
    assert str(site / "index.html") in written and str(site / "void.ttl") in written
    served = TestClient(make_app(Project(project)), cookies={"lang": "th"})
    for path in ("/coverage", "/validation", "/ontology", "/id/org/esao-unidentified-002"):
        assert (site / path.strip("/") / "index.html").read_bytes() == served.get(path).content, path
    assert (site / "dumps" / "trig" / "edugraph.trig").read_bytes() == served.get("/dumps/trig/edugraph.trig").content
    # the site is an export (void.ttl) that a later one may replace (export.write_folder, as tests/test_export.py
    # checks); a folder holding something else is refused, untouched
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["--root", str(project), "export", "--format", "html", "--out", str(other)]) == 2
    assert [p.name for p in other.iterdir()] == ["notes.txt"]
    assert main(["--root", str(project), "export", "--format", "html", "--asserted", "--out", str(tmp_path / "x")]) == 2
    assert "not --format html" in capsys.readouterr().err and not (tmp_path / "x").exists()


def test_a_query_over_the_time_limit_is_one_clear_line(web_project):
    from edugraph.web.backend import Limits

    from web import make_app

    slow = TestClient(make_app(web_project, limits=Limits(seconds=0.000001)))
    response = slow.get("/coverage?year=2565")
    assert response.status_code == 504
    assert response.text.startswith("/coverage: the query ran longer than the limit") and "Traceback" not in response.text
