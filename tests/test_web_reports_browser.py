"""The report pages in a real headless Chromium (Debian's /usr/bin/chromium through Playwright), every request
to another host than 127.0.0.1 blocked: the home page, the heat map's Thai labels drawn in a Thai font,
the validation page filtered to one office."""
import shutil
import subprocess

from web import screenshot_dir

TLWG = {"Loma", "Garuda", "Waree", "Laksaman", "Kinnari", "Norasi", "Purisa", "Sawasdee", "Umpush"}
ID = "https://w3id.org/edugraph/id/"


def test_a_thai_font_is_installed():
    assert shutil.which("fc-list"), "fontconfig (with fonts-thai-tlwg) is missing"
    families = subprocess.run(["fc-list", ":lang=th", "family"], capture_output=True, text=True).stdout
    assert "Loma" in families or "Garuda" in families


def test_home_page(page, live_server):
    server = live_server.url
    page.goto(server + "/")
    assert page.locator("table#documents tr").count() == 6  # header + the five seed documents
    assert page.locator("text=สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาลำปาง ลำพูน").count() >= 1
    page.click("a[href='/coverage'] >> nth=0")
    page.wait_for_url(server + "/coverage")
    assert page.blocked == [] and page.errors == []


def platform_fonts(page, selector: str) -> dict:
    """The fonts Chromium really drew a node's text with (DevTools CSS.getPlatformFontsForNode): family -> glyphs."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"]: f["glyphCount"] for f in fonts}


def test_heat_map_draws_thai_in_a_thai_font(page, live_server, tmp_path):
    page.goto(live_server.url + "/coverage")
    office = page.locator("#heatmap svg text.office", has_text="ลำปาง ลำพูน")
    assert office.count() == 1
    # Chromium drew the office label with a tlwg face: every glyph from a font that has Thai, none from a fallback
    used = platform_fonts(page, "#heatmap svg text.office:last-of-type")
    assert used and set(used) <= TLWG, used
    # tofu would give the tone mark its own box: drawn in the page's Thai font, a mark adds no width
    widths = page.evaluate("""() => {
        const c = document.createElement('canvas').getContext('2d');
        c.font = '12px ' + document.querySelector('#heatmap svg').getAttribute('font-family');
        return [c.measureText('ก').width, c.measureText('ก่').width, c.measureText('สำนักงาน').width];
    }""")
    assert widths[0] > 0 and abs(widths[1] - widths[0]) < 0.5 and widths[2] > 3 * widths[0]
    box = office.bounding_box()
    assert box["width"] > 100
    # the label's pixels are not blank: many dark pixels in its box
    from io import BytesIO

    from PIL import Image

    shot = page.screenshot(clip=box)
    image = Image.open(BytesIO(shot)).convert("L")
    dark = sum(1 for value in image.getdata() if value < 128)
    assert dark > 100
    page.screenshot(path=str(screenshot_dir(tmp_path) / "heatmap.png"), full_page=True)  # the README's picture
    assert page.blocked == [] and page.errors == []


def test_validation_page_filtered_to_one_office(page, live_server):
    page.goto(live_server.url + "/validation?lang=en")
    everything = page.locator("tr.result").count()
    page.select_option("form#filters select[name=office]", ID + "org/pesao-chiangmai-2")
    page.click("form#filters button[type=submit]")
    page.wait_for_load_state()
    shown = page.locator("tr.result")
    assert 0 < shown.count() < everything
    # seed 004 is สพป.เชียงใหม่ เขต 2's only document: every source link points into it
    sources = {page.locator("tr.result td a.source").nth(i).get_attribute("href").split("#")[0]
               for i in range(page.locator("tr.result td a.source").count())}
    assert sources == {"/source/004_9a5e1a487ae0de77"}
    assert page.blocked == [] and page.errors == []
