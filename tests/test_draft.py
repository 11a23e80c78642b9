"""`edugraph draft`: layout rules on small texts of our own, the scorer on a hand-checked case,
integrity and privacy of every draft, bad input through the real command, and a floor on the
five seeds' scores. Expected values are read from the fixture texts and the reviewed seeds."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from edugraph import integrity
from edugraph.cli import main
from edugraph.draft import read, write
from edugraph.draft.frameworks import Frameworks, named, notations
from edugraph.draft.report import unconsumed
from edugraph.draft.score import compare, score, value_keys
from edugraph.namespaces import EDU
from edugraph.project import Project
from helpers import ROOT

FIX = Path(__file__).resolve().parent / "fixtures" / "draft"
SEEDS = ["000_77ed530c322606f6", "001_8c1bc81af2735ebe", "002_1f30bfc08ba12608", "003_1637ed538e816cf6",
         "004_9a5e1a487ae0de77"]


@pytest.fixture
def project(tmp_path) -> Project:
    """A checkout with the real ontology, reference data and sources (drafting registers sources)."""
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    shutil.copytree(ROOT / "data" / "reference", tmp_path / "data" / "reference")
    shutil.copytree(ROOT / "data" / "sources", tmp_path / "data" / "sources")
    return Project(tmp_path)


def _values(g: Graph) -> dict:
    """{(indicator notation path as text, year BE): value text}."""
    return {("/".join(n for _, n in path), year): text for _, path, year, text in value_keys(g)}


def _by_notation(g: Graph, kind: str) -> dict:
    return {str(g.value(s, SKOS.notation)): s for s in g.subjects(RDF.type, EDU[kind]) if g.value(s, SKOS.notation)}


# --- layout rules --------------------------------------------------------------------------------

def test_one_cell_per_line_table_with_thai_digits(project):
    d = read(project, FIX / "cells-thai-digits.txt")
    g = d.graph
    ind = _by_notation(g, "Indicator")
    assert set(ind) == {"1.1.1", "1.1.2"}            # section "๑.๑ ตัวชี้วัด" + row numbers ๑, ๒
    assert str(g.value(ind["1.1.1"], EDU.unitText)) == "ร้อยละ"
    assert g.value(ind["1.1.1"], EDU.unit) == URIRef("http://qudt.org/vocab/unit/PERCENT")
    vals = _values(g)
    assert vals[("1/1.1.1", 2568)] == "๘๐" and vals[("1/1.1.1", 2569)] == "๘๕"
    assert vals[("1/1.1.2", 2569)] == "สิบห้า"       # a word where a number was expected: kept as written
    t = URIRef(f"{ind['1.1.1']}/target/2568")
    assert float(g.value(t, EDU.numericValue)) == 80.0 and int(g.value(t, EDU.fiscalYear)) == 2025
    assert str(g.value(ind["1.1.1"], EDU.responsibleText)) == "กลุ่มนิเทศ"
    assert g.value(ind["1.1.2"], EDU.hasAlignment) is not None   # "แผน สพฐ. 66" names a plan: a stated link
    types = {str(o).split("#")[1] for o in g.objects(None, EDU.findingType)}
    assert {"ExtractionTypo", "BlankCell", "OtherOddity"} <= types
    assert "a word where a number was expected" in d.report and "blank unit cell" in d.report


def test_damaged_encoding_still_finds_the_issuer(project):
    d = read(project, FIX / "cells-thai-digits.txt")     # its office line reads "สำนักงำนเขตพื้นที่กำรศึกษำ…ลำปำง เขต ๓"
    assert d.draft.plan.issuer == "https://w3id.org/edugraph/id/org/pesao-lampang-3"
    assert d.draft.plan.period == (2568, 2568) and d.draft.plan.kind == "ActionPlan"


def test_tab_rows_with_repeated_headers_page_header_and_continued_cell(project):
    d = read(project, FIX / "tabs-page-break.txt")
    g = d.graph
    vals = _values(g)
    assert vals[("1/1/1.1", 2565)] == "70"                 # baseline column "ข้อมูลฐานปี 2565"
    assert vals[("1/1/1.1", 2568)] == "85"
    assert vals[("1/1/1.2", 2565)] == "(N/A)"
    # "1.3 … - ภาษาไทย - คณิตศาสตร์" with cells "50 40": one value per listed part, after the page break
    assert vals[("1/1/1.3/#1", 2566)] == "50" and vals[("1/1/1.3/#2", 2566)] == "40"
    assert vals[("1/2/2.1", 2568)] == "75"                 # guideline 2 after the continued cell "และชุมชน"
    types = {str(o).split("#")[1] for o in g.objects(None, EDU.findingType)}
    assert {"ForeignOfficeName", "FallingTarget"} <= types  # "สพม.เชียงใหม่ เขต 9 หน้า 12"; 100, 100, 90
    assert "14: page header inside a table" in d.report
    assert "continuation of the one above (page break)" in d.report
    # an indicator cell continued on the next page: one label, the parts joined with a space, and a finding
    i21 = next(s for s in g.subjects(SKOS.notation, Literal("2.1")) if (s, RDF.type, EDU.Indicator) in g)
    assert str(g.value(i21, RDFS.label)) == "ร้อยละของนักเรียนที่อ่านคล่อง ที่อ่านได้ตามเกณฑ์"
    assert any(g.value(f, EDU.concerns) == i21 for f in g.subjects(EDU.findingType, EDU.OtherOddity))


def test_headings_inline_indicators_and_numbering_gap(project):
    d = read(project, FIX / "inline-headings.txt", issuer="esao-unidentified-002")
    g = d.graph
    labels = {(str(o).split("#")[1], str(g.value(s, SKOS.notation))): str(g.value(s, RDFS.label))
              for s, o in g.subject_objects(RDF.type) if str(o).startswith(str(EDU))}
    assert labels[("Vision", "None")] == "ภายในปี พ.ศ. 2570 โรงเรียนทุกแห่งมีคุณภาพ"
    assert labels[("Mission", "2")] == "พัฒนาครู"                      # "(2) พัฒนาครู" under "📌 พันธกิจ"
    assert labels[("Strategy", "2")] == "การพัฒนาครู"
    assert labels[("Indicator", "1")] == "โรงเรียนร้อยละ 80 มีหลักสูตรใหม่"   # "1) … 2) …" on one line
    assert labels[("Indicator", "2")] == "ครูร้อยละ 90 ใช้สื่อ"
    assert labels[("Indicator", "None")] == "ครูทุกคนผ่านการอบรม"
    assert ("NumberingGap" in {str(o).split("#")[1] for o in g.objects(None, EDU.findingType)})  # 1. then 3.
    assert d.draft.plan.kind == "StrategicDirection"
    # values given as an acronym: a model whose letters are components labelled by their meaning
    model = next(m for m in g.subjects(RDF.type, EDU.ManagementModel) if g.value(m, SKOS.notation))
    assert str(g.value(model, SKOS.notation)) == "DEE"
    parts = {(str(g.value(c, SKOS.notation)), str(g.value(c, RDFS.label))) for c in g.subjects(EDU.partOf, model)}
    assert parts == {("D", "การมีวินัย"), ("E", "ความเป็นเลิศ"), ("E", "คุณธรรม")}
    # a model named before "เป็นรูปแบบ", its "CODE : Name …" parts, the letters a word part spells, numbered parts
    model = next(g.subjects(RDFS.label, Literal("2B ONE", lang="th")))
    part = lambda code, parent: next(c for c in g.subjects(SKOS.notation, Literal(code)) if g.value(c, EDU.partOf) == parent)
    assert str(g.value(part("B1", model), RDFS.label)) == "Balance" and str(g.value(part("B2", model), RDFS.label)) == "Bond"
    one = part("ONE", model)
    assert str(g.value(part("O", one), RDFS.label)) == "Open" and str(g.value(part("N", one), RDFS.label)) == "Network"
    q1 = part("Q1", part("2Q", model))
    assert str(g.value(q1, RDFS.label)) == "นักเรียนคุณภาพ (Quality Student)"
    assert str(g.value(part("2", q1), RDFS.label)) == "นักเรียนเขียนได้"


# --- what every draft must be -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["cells-thai-digits", "tabs-page-break", "inline-headings", "stated-lines"])
def test_fixture_drafts_pass_the_integrity_check_and_report_every_unread_line(project, name):
    d = read(project, FIX / f"{name}.txt", issuer="esao-unidentified-002" if name == "inline-headings" else None)
    files = write(project, d)
    texts = integrity.source_texts(project.root / "data" / "sources")
    assert integrity.check(str(files[0]), texts) == []
    for n in unconsumed(d.draft):
        assert f"\n{n}: " in d.report
    assert len(Graph().parse(files[0])) == len(d.graph)   # the file holds the whole draft


def test_contact_details_never_reach_the_draft_or_the_report(project):
    d = read(project, FIX / "cells-thai-digits.txt")      # its last line holds a phone number and an e-mail address
    assert "054-123456" not in d.turtle and "plan@example.org" not in d.turtle
    assert "054-123456" not in d.report and "plan@example.org" not in d.report
    assert "54: ติดต่อ ********** หรือ ****************  [contact details withheld]" in d.report


def test_registration_copies_the_bytes_and_records_the_checksum(project):
    import hashlib

    path = FIX / "tabs-page-break.txt"
    d = read(project, path)
    files = write(project, d)
    copy = project.root / "data" / "sources" / f"{d.source_id}.txt"
    assert copy.read_bytes() == path.read_bytes()
    sources = Graph().parse(project.root / "data" / "sources" / "sources.ttl")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert Literal(digest) in set(sources.objects(None, URIRef("http://spdx.org/rdf/terms#checksumValue")))
    assert copy in files


# --- bad input through the real command -------------------------------------------------------------

@pytest.mark.parametrize("name,words", [
    ("not-utf8", "not UTF-8"), ("empty", "is empty"), ("no-structure", "no plan structure"),
    ("inline-headings", "give it with --issuer"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(project, capsys, name, words):
    before = sorted(p.name for p in (project.root / "data" / "sources").iterdir())
    code = main(["--root", str(project.root), "draft", str(FIX / f"{name}.txt")])
    err = capsys.readouterr().err
    assert code == 2 and words in err and err.count("\n") == 1
    assert not (project.root / "drafts").exists()
    assert sorted(p.name for p in (project.root / "data" / "sources").iterdir()) == before


def test_binary_file_and_source_registered_under_another_name(project, capsys, tmp_path):
    binary = tmp_path / "plan.pdf"
    binary.write_bytes(b"%PDF-1.4\x00\x01\x02")
    assert main(["--root", str(project.root), "draft", str(binary)]) == 2
    assert "binary" in capsys.readouterr().err
    copy = tmp_path / "renamed.txt"
    shutil.copy(ROOT / "data" / "sources" / "001_8c1bc81af2735ebe.txt", copy)
    assert main(["--root", str(project.root), "draft", str(copy)]) == 2
    assert "already registered as source 001_8c1bc81af2735ebe" in capsys.readouterr().err
    assert not (project.root / "drafts").exists()


# --- the scorer on a hand-checked case -----------------------------------------------------------------

SCORER_REVIEWED = """
@prefix edu: <https://w3id.org/edugraph/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix : <https://w3id.org/edugraph/id/plan/r/> .
:p a edu:DevelopmentPlan .
:s1 a edu:Strategy ; skos:notation "1" ; edu:order 1 ; rdfs:label "ก"@th ; edu:partOf :p .
:i1 a edu:Indicator ; skos:notation "1.1" ; edu:order 1 ; rdfs:label "ร้อยละ ข"@th ; edu:partOf :s1 .
:i2 a edu:Indicator ; skos:notation "1.2" ; edu:order 2 ; rdfs:label "ร้อยละ ค"@th ; edu:partOf :s1 .
:t1 edu:targetOf :i1 ; edu:fiscalYearBE 2566 ; edu:valueText "80" .
:t2 edu:targetOf :i1 ; edu:fiscalYearBE 2567 ; edu:valueText "85" .
:t3 edu:targetOf :i2 ; edu:fiscalYearBE 2566 ; edu:valueText "๙๐" .
"""
SCORER_DRAFT = """
@prefix edu: <https://w3id.org/edugraph/ontology#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix : <https://w3id.org/edugraph/id/plan/d/> .
:p a edu:DevelopmentPlan .
:s1 a edu:Strategy ; skos:notation "1" ; edu:order 1 ; rdfs:label "ก"@th ; edu:partOf :p .
:i1 a edu:Indicator ; skos:notation "1.1" ; edu:order 1 ; rdfs:label "ร้อยละ  ข"@th ; edu:partOf :s1 .
:i3 a edu:Indicator ; skos:notation "1.3" ; edu:order 2 ; rdfs:label "ร้อยละ ค"@th ; edu:partOf :s1 .
:t1 edu:targetOf :i1 ; edu:fiscalYearBE 2566 ; edu:valueText "80" .
:t2 edu:targetOf :i1 ; edu:fiscalYearBE 2567 ; edu:valueText "86" .
:t3 edu:targetOf :i3 ; edu:fiscalYearBE 2566 ; edu:valueText "๙๐" .
"""


def test_scorer_on_a_hand_checked_case():
    s = score(Graph().parse(data=SCORER_DRAFT, format="turtle"), Graph().parse(data=SCORER_REVIEWED, format="turtle"))
    # elements: strategy 1 and indicator 1.1 (label spaces collapsed) match; 1.3 is not 1.2 -> 2 of 3 each way
    assert (s.elements.found, s.elements.expected, s.elements.matched) == (3, 3, 2)
    # targets: 1.1/2566 matches; 1.1/2567 differs in value; 1.3/2566 is keyed on another indicator -> 1 of 3
    assert (s.values.found, s.values.expected, s.values.matched) == (3, 3, 1)
    assert s.kinds["Indicator"].precision == 0.5 and s.kinds["Strategy"].recall == 1.0
    assert compare(set(), set()).precision == 1.0


# --- a floor on the five seeds (benchmarks/draft.py reports the figures) -------------------------

FLOOR = {  # source: (elements P, elements R, values P, values R, stated R), a little under benchmarks/RESULTS.md
    "000_77ed530c322606f6": (0.88, 0.70, 1.0, 1.0, 1.0),
    "001_8c1bc81af2735ebe": (0.95, 0.95, 0.98, 0.95, 0.95),
    "002_1f30bfc08ba12608": (0.90, 0.90, 1.0, 0.6, 1.0),
    "003_1637ed538e816cf6": (0.88, 0.78, 1.0, 0.0, 0.9),
    "004_9a5e1a487ae0de77": (0.95, 0.90, 0.98, 0.95, 1.0),
}
STATED = {"001_8c1bc81af2735ebe": {"Indicator"}, "003_1637ed538e816cf6": {"Project", "Activity"}}
LINKS = {"001_8c1bc81af2735ebe": (0.98, 0.95), "003_1637ed538e816cf6": (1.0, 0.3)}   # stated links (P, R) with what they serve


@pytest.mark.parametrize("name", SEEDS)
def test_seed_drafts_keep_their_scores(name, tmp_path):
    project = Project(ROOT)
    d = read(project, ROOT / "data" / "sources" / f"{name}.txt", issuer="esao-unidentified-002" if name.startswith("002") else None)
    assert d.registration_entry == ""          # the five sources are registered already: nothing to add
    s = score(d.graph, Graph().parse(ROOT / "data" / "seeds" / f"{name}.ttl"), STATED.get(name, set()))
    ep, er, vp, vr, sr = FLOOR[name]
    assert s.elements.precision >= ep and s.elements.recall >= er
    assert s.values.precision >= vp and s.values.recall >= vr
    assert s.stated.recall >= sr
    lp, lr = LINKS.get(name, (1.0, 0.0))
    assert s.links.precision >= lp and s.links.recall >= lr
    out = tmp_path / f"{name}.ttl"
    out.write_text(d.turtle, encoding="utf-8")
    assert integrity.check(str(out), integrity.source_texts(ROOT / "data" / "sources")) == []


def test_diff_lists_changed_values_and_renumbered_items(tmp_path, capsys):
    (tmp_path / "d.ttl").write_text(SCORER_DRAFT, encoding="utf-8")
    (tmp_path / "r.ttl").write_text(SCORER_REVIEWED, encoding="utf-8")
    assert main(["--root", str(ROOT), "draft", "--diff", str(tmp_path / "d.ttl"), str(tmp_path / "r.ttl")]) == 0
    out = capsys.readouterr().out
    assert "~ target Strategy:1/Indicator:1.1 2567\n    draft:    86\n    reviewed: 85" in out
    assert "≈ Strategy:1/Indicator:1.3 ~ Strategy:1/Indicator:1.2 (similarity 1.0)" in out
    assert "+ target Strategy:1/Indicator:1.3 2566: ๙๐" in out and "- target Strategy:1/Indicator:1.2 2566: ๙๐" in out
    assert main(["--root", str(ROOT), "draft", "--diff", str(tmp_path / "none.ttl"), str(tmp_path / "r.ttl")]) == 2


def test_lists_detailed_later_cross_cutting_focus_points_and_project_tables(project):
    g = read(project, FIX / "lists-projects.txt").graph
    by = {(str(o).split("#")[1], str(g.value(s, SKOS.notation))): s for s, o in g.subject_objects(RDF.type)
          if str(o).startswith(str(EDU)) and g.value(s, SKOS.notation) is not None}
    # policies listed at the top, then detailed under a strategy: part of that strategy
    assert g.value(by[("OfficePolicy", "1")], EDU.partOf) == by[("Strategy", "1")]
    assert g.value(by[("OfficePolicy", "2")], EDU.partOf) == by[("Strategy", "2")]
    # focus points cited under several policies stay in their own list; each citation is a stated link
    assert str(g.value(by[("FocusPoint", "1")], EDU.partOf)).endswith("actionplan-2568")
    assert set(g.objects(by[("OfficePolicy", "2")], EDU.serves)) == {by[("FocusPoint", "1")], by[("FocusPoint", "2")]}
    guideline = next(s for s in g.subjects(RDFS.label, Literal("อบรมครู", lang="th")))
    assert g.value(guideline, EDU.partOf) == by[("OfficePolicy", "2")]
    # the project table: budget as a number, one quarter per filled column, responsible as written
    a11, a12 = by[("Activity", "1.1")], by[("Activity", "1.2")]
    assert g.value(a11, EDU.partOf) == by[("Project", "1")]
    assert float(g.value(a11, EDU.budgetBaht)) == 12500.0
    assert {int(q) for q in g.objects(a11, EDU.quarter)} == {1, 3}
    assert str(g.value(a11, EDU.responsibleText)) == "กลุ่มนิเทศ"
    # the project's own page: its "สอดคล้องกับ…" line is a stated link with that line as evidence
    rec = g.value(a12, EDU.hasAlignment)
    assert str(g.value(rec, EDU.evidenceQuote)) == "สอดคล้องกับยุทธศาสตร์ชาติ ด้านที่ 3" and int(g.value(rec, EDU.sourceLine)) == 33


def test_build_includes_drafts_only_when_asked(project, capsys):
    shutil.copytree(ROOT / "shapes", project.root / "shapes")
    root = str(project.root)
    assert main(["--root", root, "draft", str(FIX / "tabs-page-break.txt")]) == 0
    assert main(["--root", root, "build"]) == 0
    trig = (project.root / "dist" / "edugraph.trig").read_text(encoding="utf-8")
    assert "<https://w3id.org/edugraph/graph/drafts/" not in trig and "plan/draft-" not in trig
    assert main(["--root", root, "build", "--drafts"]) == 0
    trig = (project.root / "dist" / "edugraph.trig").read_text(encoding="utf-8")
    name = next((project.root / "drafts").glob("*.ttl")).stem
    assert f"<https://w3id.org/edugraph/graph/drafts/{name}>" in trig and "ร้อยละของนักเรียนที่มีคุณธรรม" in trig


def test_elements_over_all_five_seeds_meet_the_bar():
    """Issue #20's bar: elements (kind, notation, label, parent path) over all five seeds, P >= 0.90 and R >= 0.85."""
    project, found, expected, matched = Project(ROOT), 0, 0, 0
    for name in SEEDS:
        d = read(project, ROOT / "data" / "sources" / f"{name}.txt", issuer="esao-unidentified-002" if name.startswith("002") else None)
        s = score(d.graph, Graph().parse(ROOT / "data" / "seeds" / f"{name}.ttl")).elements
        found, expected, matched = found + s.found, expected + s.expected, matched + s.matched
    assert matched / found >= 0.90 and matched / expected >= 0.85


def test_action_table_of_a_project_page(project):
    g = read(project, FIX / "lists-projects.txt").graph
    page = next(s for s in g.subjects(SKOS.notation, Literal("1.1")) if (s, RDF.type, EDU.Activity) in g)
    assert str(g.value(g.value(page, EDU.hasAlignment), EDU.evidenceQuote)) == "สอดคล้องกับนโยบาย สพฐ. ข้อ 3"
    kids = {str(g.value(c, SKOS.notation)): c for c in g.subjects(EDU.partOf, page)}
    first, second = kids["1"], kids["2"]
    assert str(g.value(first, RDFS.label)) == "ประชุมวางแผน"            # the cell's steps ("1. …") are not the label
    assert float(g.value(first, EDU.budgetBaht)) == 2000.0               # money rows 500 + 1,500
    assert {int(q) for q in g.objects(first, EDU.quarter)} == {1, 2}
    step = next(g.subjects(EDU.partOf, second))
    assert str(g.value(step, RDFS.label)) == "ครูภาษาไทย"


def test_an_office_not_yet_in_the_graph_is_drafted_with_its_name_and_type(project):
    d = read(project, FIX / "new-office.txt")       # "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต 1" is not in organisations.ttl
    g = d.graph
    office = URIRef(d.draft.plan.issuer)
    assert (office, RDF.type, EDU.PrimaryEducationalServiceAreaOffice) in g
    assert g.value(office, RDFS.label) == Literal("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาน่าน เขต 1", lang="th")
    assert str(g.value(office, URIRef("http://www.w3.org/ns/prov#wasAttributedTo"))).endswith("agent/edugraph-drafter")
    assert "\n2: " not in d.report          # the office line is understood


def test_space_padded_columns_and_a_model_named_under_its_heading(project):
    d = read(project, FIX / "padded-model.txt")
    g = d.graph
    model = next(g.subjects(RDF.type, EDU.ManagementModel))
    assert str(g.value(model, RDFS.label)) == "ABC 1 : Abc Office Model"
    parts = {(str(g.value(c, SKOS.notation)), str(g.value(c, RDFS.label))) for c in g.subjects(EDU.partOf, model)}
    assert parts == {("A", "Action"), ("B", "Balance"), ("1", "คณะกรรมการนิเทศ")}   # three cells of line 11
    assert {int(n) for c in g.subjects(EDU.partOf, model) for n in g.objects(c, EDU.sourceLine)} == {11}
    assert "space-padded columns (from line 11)" in d.report


# --- stated lines resolved within the framework they name ------------------------------------------

def test_stated_lines_resolve_within_the_framework_they_name(project):
    """Expected items read from data/reference: area 4 'ยุทธศาสตร์ชาติด้านการสร้างโอกาสและความเสมอภาคทางสังคม' (the
    line leaves out 'ทางสังคม'), master plan 12 and its sub-plan notation 3.2, OBEC FY 2567 item 8
    'เสริมสร้างความปลอดภัยของสถานศึกษา', MOE 2567-2568 item 1 'ลดภาระครูและบุคลากรทางการศึกษา'."""
    d = read(project, FIX / "stated-lines.txt")
    g = d.graph
    by = {str(g.value(s, SKOS.notation)): s for s in g.subjects(RDF.type, EDU.Activity)}
    ids = "https://w3id.org/edugraph/id/"
    served = {str(o)[len(ids):] for o in g.objects(by["1.1"], EDU.serves)}
    assert served == {"national-strategy/4", "master-plan/12", "master-plan/12/sub/2", "obec-policy-2567/8"}
    assert {str(o)[len(ids):] for o in g.objects(by["1.2"], EDU.serves)} == {"moe-policy-2567-2568/1"}
    records = {int(g.value(r, EDU.sourceLine)): r for r in g.objects(by["1.1"], EDU.hasAlignment)}
    # each resolved line is a stated record with the line as evidence; the line that goes on is quoted whole
    assert str(g.value(records[18], EDU.alignedTo)) == ids + "obec-policy-2567/8"
    assert g.value(records[18], EDU.basis) == EDU.Stated
    assert str(g.value(records[18], EDU.evidenceQuote)) == "สอดคล้องกับนโยบาย สพฐ. ข้อ ๘ เสริมสร้างความปลอดภัย\nของสถานศึกษา"
    # a body the graph holds no items for: recorded with its evidence, not resolved, and reported
    assert g.value(records[20], EDU.alignedTo) is None
    assert "20: stated line not resolved: names no framework" in d.report
    assert "15: stated line read as national-strategy/4" in d.report and "by label similarity" in d.report
    assert "\n19: " not in d.report          # the continued line is understood (integrity: the fixture test above)


def test_a_yearly_policy_resolves_only_in_its_own_year(project):
    """lists-projects.txt is a FY 2568 plan: 'ด้านที่ 3' is National Strategy area 3 (2561-2580), but the graph
    holds no OBEC policy for 2568, so 'นโยบาย สพฐ. ข้อ 3' is not read as FY 2567's item 3."""
    d = read(project, FIX / "lists-projects.txt")
    g = d.graph
    by = {str(g.value(s, SKOS.notation)): s for s in g.subjects(RDF.type, EDU.Activity)}
    assert [str(o) for o in g.objects(by["1.2"], EDU.serves)] == ["https://w3id.org/edugraph/id/national-strategy/3"]
    assert list(g.objects(by["1.1"], EDU.serves)) == []
    assert "stated line not resolved: no OBEC policy item in the graph for the plan's period" in d.report


def test_item_numbers_written_in_a_stated_line():
    assert notations("สอดคล้องกับ สพฐ. กลยุทธ์ที่ 3 ยกระดับคุณภาพ\nในศตวรรษที่ 21 ข้อ (10)") == [("กลยุทธ์", "3.10")]
    assert [n for _, n in notations("แผนย่อย ข้อ 6 การปรับความสมดุลและพัฒนาระบบบริหารจัดการภาครัฐ ข้อ 4.5 และ ข้อ 4.6")] == [
        "6", "4.5", "4.6"]
    assert notations("นโยบาย สพฐ. ข้อ ๘") == [("ข้อ", "8")] and notations("ยุทธศาสตร์ชาติ 20 ปี ศตวรรษที่ 21") == []


def test_an_obec_strategy_or_plan_is_not_read_as_a_policy_item(project):
    """OBEC FY 2567 policy has items 1-10 and no strategies (กลยุทธ์): 'สพฐ. กลยุทธ์ที่ 3' is not its item 3, and
    'แผนปฏิบัติราชการ สพฐ.' names OBEC's plan, which the graph does not hold."""
    fw = Frameworks(project, (2567, 2567))
    assert [r.iri for r in fw.read("สอดคล้องกับ สพฐ. กลยุทธ์ที่ 3 ยกระดับคุณภาพการศึกษา")] == [None]
    assert [r.iri for r in fw.read("สอดคล้องกับแผนปฏิบัติราชการ สพฐ. พัฒนาครูและบุคลากรทางการศึกษา")] == [None]
    assert [str(r.iri) for r in fw.read("สอดคล้องกับนโยบาย สพฐ. ข้อ 3")] == ["https://w3id.org/edugraph/id/obec-policy-2567/3"]


def test_the_framework_a_stated_line_names():
    assert named("สอดคล้องกับแผนแม่บทภายใต้ยุทธศาสตร์ชาติประเด็น การพัฒนาการเรียนรู้") == "master-plan"   # not the Strategy
    assert named("สอดคล้องกับยุทธศาสตร์ชาติ ด้านการพัฒนาและเสริมสร้างศักยภาพคน") == "national-strategy"
    assert named("สอดคล้องกับนโยบายสพฐ. ข้อ 10") == "obec-policy" and named("นโยบาย ศธ. ข้อ 2") == "moe-policy"
    assert named("สอดคล้องกับ Quick Win สพฐ. ข้อ 1") == "quick-win"
    assert named("สอดคล้องกับนโยบาย สทศ สปท ข้อ 10") is None          # a body with no items in the graph
    assert named("สอดคล้องกับอื่นๆ พระราชบัญญัติระเบียบข้าราชการครู") is None
    assert named("พัฒนาประเทศธรรมาภิบาล") is None                       # ศธ inside words is not MOE
