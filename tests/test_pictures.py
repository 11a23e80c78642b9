"""The SVG pictures on hand-made values: well-formed, escaped, linked, bases visibly different."""
import xml.etree.ElementTree as ET

from edugraph.pictures import Link, STYLES, basis_summary, chain_diagram, heat_map, target_chart

SVG = "{http://www.w3.org/2000/svg}"
ID = "https://w3id.org/edugraph/id/"


def href(iri: str) -> str:
    return iri.replace("https://w3id.org/edugraph", "")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on anything that is not well-formed XML


def texts(root) -> str:
    return " ".join("".join(t.itertext()) for t in root.iter(SVG + "text"))


def hrefs(root) -> list:
    return [a.get("href") for a in root.iter(SVG + "a")]


CHAIN = [
    Link(ID + "plan/p/policy/3/indicator/2", "partOf", ID + "plan/p/policy/3"),
    Link(ID + "plan/p/policy/3", "serves", ID + "obec-policy-2567/4", "Stated"),
    Link(ID + "plan/p/policy/3", "serves", ID + "national-strategy/3", "Curated"),
    Link(ID + "obec-policy-2567/4", "serves", ID + "national-strategy/3", "Suggested"),
]
LABELS = {ID + "plan/p/policy/3/indicator/2": "<script>alert(1)</script> ตัวชี้วัด",
          ID + "plan/p/policy/3": "ส่งเสริมการอ่าน & \"quotes\"",
          ID + "obec-policy-2567/4": "ส่งเสริมการอ่าน",
          ID + "national-strategy/3": "ยุทธศาสตร์ชาติด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์"}


def test_chain_escapes_labels_and_links_every_node():
    svg = chain_diagram(ID + "plan/p/policy/3/indicator/2", CHAIN, LABELS, {}, href, "th")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    root = parse(svg)
    titles = [a.find(SVG + "title").text for a in root.iter(SVG + "a")]
    assert "<script>alert(1)</script> ตัวชี้วัด" in titles  # the text itself survives, as text
    assert "<script>alert(1)</script>" in texts(root)
    assert not list(root.iter(SVG + "script"))
    assert sorted(hrefs(root)) == sorted("/id/" + iri[len(ID):] for iri in LABELS)


def test_chain_rows_go_up_to_the_national_strategy():
    root = parse(chain_diagram(ID + "plan/p/policy/3/indicator/2", CHAIN, LABELS, {}, href, "en"))
    y = {a.get("href"): float(a.find(SVG + "rect").get("y")) for a in root.iter(SVG + "a")}
    # longest path: indicator -> policy -> OBEC item -> area, so the area is in the fourth row, at the top
    assert y["/id/plan/p/policy/3/indicator/2"] > y["/id/plan/p/policy/3"] > y["/id/obec-policy-2567/4"] > y["/id/national-strategy/3"]


def test_chain_bases_look_different_and_have_a_legend():
    root = parse(chain_diagram(ID + "plan/p/policy/3/indicator/2", CHAIN, LABELS, {}, href, "en"))
    looks = {}
    for path in root.iter(SVG + "path"):
        kind = path.get("class").split()[1]
        looks[kind] = (path.get("stroke"), path.get("stroke-dasharray"), path.get("stroke-width"))
    assert set(looks) == {"partof", "stated", "curated", "suggested"}
    assert len(set(looks.values())) == 4
    assert looks["curated"][1] and looks["suggested"][1] and looks["curated"][1] != looks["suggested"][1]
    legend = "".join(next(g for g in root.iter(SVG + "g") if g.get("class") == "legend").itertext())
    for name in ("part of", "stated in the source", "curated by an editor", "suggested by software"):
        assert name in legend
    assert "ระบุในเอกสาร" in texts(parse(chain_diagram(ID + "plan/p/policy/3/indicator/2", CHAIN, LABELS, {}, href, "th")))


def test_chain_survives_a_cycle():
    cycle = [Link("urn:a", "serves", "urn:b", "Curated"), Link("urn:b", "serves", "urn:a", "Curated")]
    parse(chain_diagram("urn:a", cycle, {}, {}, href, "en"))


def test_target_chart_points_and_baseline():
    root = parse(target_chart([(2567, 85.0), (2566, 80.0), (2568, 90.0)], baseline=(2565, 75.0), unit="ร้อยละ <%>", lang="th"))
    assert [c.find(SVG + "title").text for c in root.iter(SVG + "circle")] == ["2566: 80", "2567: 85", "2568: 90"]
    assert any(l.get("class") == "baseline" for l in root.iter(SVG + "line"))
    assert "ร้อยละ <%>" in root.find(SVG + "title").text
    assert target_chart([]) == ""


def test_heat_map_cells_link_to_their_chain_down_and_escape():
    offices = [(ID + "org/a", "สพม.ลำปาง ลำพูน"), (ID + "org/b", "<b>office</b>")]
    items = [(ID + "obec-policy-2567/1", "1", "ปลูกฝังความรัก"), (ID + "obec-policy-2567/2", "2", "ประวัติศาสตร์")]
    cells = {(ID + "org/a", ID + "obec-policy-2567/1"): (17, 13), (ID + "org/b", ID + "obec-policy-2567/2"): (1, 0)}
    svg = heat_map(offices, items, cells, href, "th", cell_href=lambda o, i: f"/chain?office={o}&item={i}")
    assert "<b>" not in svg
    root = parse(svg)
    linked = [a for a in root.iter(SVG + "a") if a.get("class") == "cell"]
    assert [a.get("href") for a in linked] == [f"/chain?office={ID}org/a&item={ID}obec-policy-2567/1",
                                              f"/chain?office={ID}org/b&item={ID}obec-policy-2567/2"]
    assert "17 · 13" in texts(root) and "สพม.ลำปาง ลำพูน" in texts(root) and "<b>office</b>" in texts(root)
    fills = {a.find(SVG + "rect").get("fill") for a in linked}
    assert len(fills) == 2  # a fuller cell is darker
    empty = [g for g in root.iter(SVG + "g") if g.get("class") == "cell empty"]
    assert len(empty) == 2 and all(g.find(SVG + "rect").get("fill") == "#f4f4f4" for g in empty)


def test_basis_summary_bars_in_the_chain_colours():
    root = parse(basis_summary([(ID + "org/a", "สพม.ลำปาง ลำพูน", {"Stated": 40, "Curated": 10}),
                                (ID + "org/b", "office b", {"Suggested": 5})], href, "en"))
    bars = {(r.get("class"), r.find(SVG + "title").text) for r in root.iter(SVG + "rect") if r.get("class")}
    assert bars == {("basis stated", "stated in the source: 40"), ("basis curated", "curated by an editor: 10"),
                    ("basis suggested", "suggested by software: 5")}
    colours = {r.get("class"): r.get("fill") for r in root.iter(SVG + "rect") if r.get("class")}
    assert colours["basis stated"] == STYLES["Stated"][0] and colours["basis suggested"] == STYLES["Suggested"][0]


def test_thai_font_comes_first_with_a_sans_serif_fallback():
    root = parse(heat_map([], [], {}, href))
    family = root.get("font-family")
    assert family.split(",")[0] in ("Loma", "Garuda") and family.endswith("sans-serif")
