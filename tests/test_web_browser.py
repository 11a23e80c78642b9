"""The web face in a real headless Chromium (Debian's, through Playwright), outside hosts blocked.

Every request to a host other than 127.0.0.1 is aborted and recorded by the
`page` fixture (tests/web.py), so a page that loads anything from a CDN fails
here. With EDUGRAPH_SCREENSHOTS=docs the screenshots the README shows are
written to docs/.
"""
from web import screenshot_dir

INDICATOR = "/id/plan/lplp-hrplan-2567/policy/3/indicator/2"
AREA_3_TH = "ยุทธศาสตร์ชาติด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์"  # data/reference/national-strategy.ttl


def test_indicator_page_shows_its_chain_to_national_strategy_area_3_with_bases(page, live_server, tmp_path):
    page.goto(live_server.url + INDICATOR)
    assert page.locator("h1").inner_text() == "สถานศึกษาทุกแห่งมีการพัฒนาความสามารถด้านการอ่านตามแนวทางการประเมิน PISA"
    chain = page.locator("section.chain-up")
    area = chain.locator('table a[href="/id/national-strategy/3"]').first
    assert area.is_visible() and area.inner_text() == AREA_3_TH
    diagram = chain.locator("svg.chain")
    assert diagram.locator('a[href="/id/national-strategy/3"]').first.is_visible()
    assert diagram.locator("path.link.stated").count() and diagram.locator("path.link.curated").count()
    stated, curated = chain.locator(".basis-stated").first, chain.locator(".basis-curated").first
    assert stated.is_visible() and curated.is_visible()
    # the bases look different: a solid and a dashed border in different colours
    look = lambda el: el.evaluate("e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).color]")
    assert look(stated) != look(curated)
    assert look(stated)[0] == "solid" and look(curated)[0] == "dashed"
    # the source line link lands on the quoted line
    page.locator('section.quote a.source').click()
    page.wait_for_url("**/source/003_1637ed538e816cf6#L368")
    assert page.locator("#L368").inner_text().endswith("2. สถานศึกษาทุกแห่งมีการพัฒนาความสามารถด้านการอ่านตามแนวทางการประเมิน PISA")
    page.goto(live_server.url + INDICATOR)
    page.screenshot(path=str(screenshot_dir(tmp_path) / "entity-page.png"), full_page=False)
    assert page.blocked == [] and page.errors == []


def test_yasgui_runs_a_catalogue_query_and_shows_rows(page, live_server, tmp_path):
    page.goto(live_server.url + "/sparql")
    tabs = page.locator(".yasgui .tabsList .tab")
    tabs.first.wait_for()
    names = tabs.all_inner_texts()
    assert any("chain-up" in n for n in names) and any("label-search" in n for n in names)
    page.locator(".yasgui .tabsList .tab", has_text="chain-up").click()
    panel = page.locator(".yasgui .tabPanel.active")
    assert "@question.en Chain up" in panel.locator(".CodeMirror").inner_text()
    panel.locator(".yasqe_queryButton").click()
    rows = panel.locator(".yasr table tbody tr")
    rows.first.wait_for(timeout=20_000)
    assert rows.count() >= 10
    assert "national-strategy/3" in panel.locator(".yasr table").inner_text()
    page.screenshot(path=str(screenshot_dir(tmp_path) / "sparql-editor.png"), full_page=False)
    # an IRI in the results opens its page here
    panel.locator('.yasr table a[href="https://w3id.org/edugraph/id/national-strategy/3"]').first.dispatch_event("click")
    page.wait_for_url(live_server.url + "/id/national-strategy/3")
    assert page.locator("h1").inner_text() == AREA_3_TH
    assert page.blocked == [] and page.errors == []
