"""Seed 004: สพป.เชียงใหม่ เขต 2, basic-education development plan 2563-2565 (revised 2564).

Counts below were established by reading data/sources/004_9a5e1a487ae0de77.txt (line numbers cited).
"""
from decimal import Decimal

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from helpers import EDU, ID

P0 = URIRef(ID + "plan/cm2-devplan-2563-2565")
P = URIRef(ID + "plan/cm2-devplan-2563-2565-rev2564")
NAME = "004_9a5e1a487ae0de77"


def u(path):
    return URIRef(f"{P}/{path}")


@pytest.fixture(scope="module")
def g(seed_graph):
    return seed_graph(NAME)


def count(g, cls, under=None):
    """Instances of cls; with `under`, only those whose edu:partOf chain reaches that IRI."""
    nodes = set(g.subjects(RDF.type, EDU[cls]))
    if under is None:
        return len(nodes)
    q = """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?cls ; edu:partOf+ ?root . }"""
    res = g.query(q, initNs={"edu": EDU}, initBindings={"cls": EDU[cls], "root": under})
    return int(next(iter(res))[0])


# ---------------------------------------------------------------- (a) counts
def test_plans(g):
    assert (P, RDF.type, EDU.DevelopmentPlan) in g
    assert (P0, RDF.type, EDU.DevelopmentPlan) in g
    assert (P, EDU.revisionOf, P0) in g
    assert g.value(P, EDU.issuer) == URIRef(ID + "org/pesao-chiangmai-2")
    # title page lines 7, 9, 11; document number line 21
    assert str(g.value(P, URIRef("http://purl.org/dc/terms/title"))) == \
        "แผนพัฒนาการศึกษาขั้นพื้นฐาน พ.ศ. ๒๕๖๓ - ๒๕๖๕ (ฉบับปรับปรุง พ.ศ. ๒๕๖๔)"
    assert str(g.value(P, EDU.documentNumber)) == "๒๔/๒๕๖๓"
    assert g.value(P, EDU.periodStart).toPython() == 2020
    assert g.value(P, EDU.periodEndBE).toPython() == 2565


def test_counts_part2(g):
    assert count(g, "Vision") == 1                           # line 370 (restated 544, 835-837: same node)
    assert count(g, "Mission") == 7                          # lines 388-394 (restated 548-554)
    # plan-level goals 7 (lines 400-406) + issue goals 5+4+2+2+2+3 (425-429, 445-448, 461-462, 476-477, 490-491, 504-506)
    assert count(g, "Goal") == 7 + 18
    # 6 strategic issues (410-415) + 4 development issues of the original plan (178, 261, 281, 306)
    assert count(g, "StrategicIssue", P) == 6
    assert count(g, "StrategicIssue", P0) == 4
    # guidelines 5+4+3+4+2+7 (433-437, 452-455, 466-468, 481-484, 495-496, 510-516); part 3 tables reuse them
    assert count(g, "Guideline") == 25
    # values: identity (360), culture (364), six vision-phrase definitions under ค่านิยม (374-384)
    assert count(g, "CoreValue") == 8
    # SMART shared-values model (348-356) with 5 components
    assert count(g, "ManagementModel") == 1
    assert count(g, "ModelComponent") == 5


def test_counts_part3(g):
    # numbered indicators per issue: 13 (581-604), 17 (619-659), 3 (672-674), 8 (687-699), 8 (713-730), 12 (744-765)
    numbered = [s for s in g.subjects(RDF.type, EDU.Indicator) if "/" not in s.rsplit("/indicator/", 1)[1]]
    assert len(numbered) == 13 + 17 + 3 + 8 + 8 + 12
    # sub-indicators: 2.4 has 4 groups (๑)-๔), line 630/644) with 4+4+2+2 subjects; 3.1 has 4 bullets (line 647)
    assert count(g, "Indicator") == 61 + 4 + 12 + 4
    # every numbered indicator has a 2562 baseline; targets: 59 numbered indicators x 3 years
    # (2.4 and 3.1 carry theirs on the sub-indicators) + 16 leaf sub-indicators x 3
    assert count(g, "Baseline") == 61
    assert count(g, "Target") == 59 * 3 + 16 * 3
    assert count(g, "InternalGroup") == 7
    for ind in g.subjects(RDF.type, EDU.Indicator):
        assert (ind, EDU.partOf, None) in g, ind


def test_counts_part4_and_part1(g):
    # the office's 12 statutory duties (ภารกิจ, lines 91-102, numbered ๑.-๑๒.) modelled as measures like seed 003's
    # + part 4: 2 headings + 5 success factors (777-781) + 7 mechanisms (789-831) + 4.1, 4.2 (817, 819)
    # original plan: measures 4+14+3+4+5+6 (lines 182-324) + sub-items 6.1-6.6 (205-213) and 5.1-5.3 (318-322)
    assert count(g, "Measure", P) == 12 + 16
    assert count(g, "Measure", P0) == 36 + 9
    assert count(g, "Strategy", P0) == 6                      # กลยุทธ์ที่ ๑-๖, lines 180-308
    # context: districts (74) + figure 1 with main/branch and 5 districts (113-119) + 2 with 5 (128-134)
    # + 3 with 4 (143-148) + 4 with 11 (156-168) = 32; past results 1+7+2+3+6+5 = 24
    assert count(g, "ContextFigure", P) == 32
    assert count(g, "ContextFigure", P0) == 24


def test_everything_reaches_a_plan(g):
    for s in set(g.subjects(EDU.partOf, None)):
        res = g.query("ASK { ?s edu:partOf+ ?p . FILTER(?p IN (?a, ?b)) }", initNs={"edu": EDU},
                      initBindings={"s": s, "a": P, "b": P0})
        assert res.askAnswer, s


# ---------------------------------------------------------------- (b) spot checks
def target(g, ind, year):
    return u(f"{ind}/target/{year}")


def test_thai_digit_targets(g):
    t = target(g, "strategy/1/indicator/1.1", 2564)           # line 581: ๙๙.๐๐
    assert str(g.value(t, EDU.valueText)) == "๙๙.๐๐"
    assert g.value(t, EDU.numericValue).toPython() == Decimal("99.00")
    assert g.value(t, EDU.fiscalYear).toPython() == 2021        # 2564 BE -> 2021 CE
    b = u("strategy/1/indicator/1.1/baseline")                  # ๙๓.๘๗ in 2562
    assert g.value(b, EDU.numericValue).toPython() == Decimal("93.87")
    assert g.value(b, EDU.fiscalYearBE).toPython() == 2562 and g.value(b, EDU.fiscalYear).toPython() == 2019


def test_onet_subindicator_by_position(g):
    # line 638: last O-NET ม.๓ row (English) ๓๑.๐๐ ๓๒.๐๐ ๓๔.๐๐
    t = target(g, "strategy/2/indicator/2.4/2/4", 2565)
    assert str(g.value(t, EDU.valueText)) == "๓๔.๐๐"
    assert g.value(t, EDU.numericValue).toPython() == Decimal("34")
    # line 644: RT reading comprehension 2565 written ๗๙
    t = target(g, "strategy/2/indicator/2.4/4/2", 2565)
    assert str(g.value(t, EDU.valueText)) == "๗๙"
    assert (u("strategy/2/indicator/2.4/4/2"), EDU.partOf, u("strategy/2/indicator/2.4/4")) in g


def test_word_and_level_targets(g):
    # issue 6 indicator 1.1 (line 744): ดีเยี่ยม, no number
    t = target(g, "strategy/6/indicator/1.1", 2563)
    assert str(g.value(t, EDU.valueText)) == "ดีเยี่ยม" and g.value(t, EDU.numericValue) is None
    # issue 4 indicator 3.1 (line 691): ระดับ ๕ -> 5, unit level
    t = target(g, "strategy/4/indicator/3.1", 2565)
    assert str(g.value(t, EDU.valueText)) == "ระดับ ๕"
    assert g.value(t, EDU.numericValue).toPython() == Decimal("5")
    assert g.value(u("strategy/4/indicator/3.1"), EDU.unit) == URIRef(ID + "unit/level")
    # issue 6 indicator 5.2 (line 757): ๓ วันต่อ สัปดาห์
    t = target(g, "strategy/6/indicator/5.2", 2564)
    assert str(g.value(t, EDU.valueText)) == "๓ วันต่อ สัปดาห์"
    assert g.value(t, EDU.numericValue).toPython() == Decimal("3")
    # issue 6 indicator 6.1 (line 758): ร้อยละ ๘๐ ของ รร.ที่ เข้ารับการ ประเมิน -> 80
    t = target(g, "strategy/6/indicator/6.1", 2563)
    assert str(g.value(t, EDU.valueText)).startswith("ร้อยละ ๘๐ ของ รร.ที่")
    assert g.value(t, EDU.numericValue).toPython() == Decimal("80")


def test_na_and_units(g):
    b = u("strategy/6/indicator/7.1/baseline")
    assert str(g.value(b, EDU.valueText)) == "(N/A)" and g.value(b, EDU.numericValue) is None
    t = target(g, "strategy/6/indicator/7.1", 2563)              # (N/A) in 2563
    assert str(g.value(t, EDU.valueText)) == "(N/A)"
    assert g.value(u("strategy/6/indicator/2.1"), EDU.unit) == URIRef(ID + "unit/score")   # ITA ค่าคะแนนเฉลี่ย
    assert g.value(u("strategy/6/indicator/2.1/target/2563"), EDU.numericValue).toPython() == Decimal("92.44")
    assert g.value(u("strategy/1/indicator/1.5"), EDU.unit) == URIRef("http://qudt.org/vocab/unit/PERCENT")


def test_responsible_groups(g):
    grp = URIRef(ID + "org/pesao-chiangmai-2/group/legal-affairs")
    assert g.value(u("strategy/5/indicator/1.4"), EDU.responsibleParty) == grp   # line 721
    assert (grp, URIRef("http://www.w3.org/ns/org#unitOf"), URIRef(ID + "org/pesao-chiangmai-2")) in g
    # empty cell read as merged with the row above (issue 6, 1.4 under 1.1's กลุ่มอำนวยการ)
    assert g.value(u("strategy/6/indicator/1.4"), EDU.responsibleParty) == \
        URIRef(ID + "org/pesao-chiangmai-2/group/administration")


def test_context_figures(g):
    f = u("figure/3")                                            # line 143: ๒๓,๑๖๕ คน
    assert g.value(f, EDU.numericValue).toPython() == Decimal("23165")
    f = u("figure/4.6")                                          # line 163: ๑,๐๘๓ คน
    assert g.value(f, EDU.numericValue).toPython() == Decimal("1083")
    total = sum(g.value(u(f"figure/4.{k}"), EDU.numericValue).toPython() for k in range(1, 12))
    assert total == Decimal("1753")                              # parts add up to figure 4
    r = URIRef(f"{P0}/strategy/2/figure/4")                      # line 239: ร้อยละ ๓๒.๓๙
    assert g.value(r, EDU.numericValue).toPython() == Decimal("32.39")


def test_curated_alignments(g):
    for i in range(1, 7):
        issue = u(f"strategy/{i}")
        targets_ = {str(o) for o in g.objects(issue, EDU.serves)}
        assert any("/obec-policy-2564-2565/" in t for t in targets_), i
        assert any("/national-strategy/" in t for t in targets_), i
        for rec in g.objects(issue, EDU.hasAlignment):
            assert g.value(rec, EDU.basis) == EDU.Curated
            assert g.value(rec, EDU.rationale) is not None
    assert URIRef(ID + "national-strategy/5") in set(g.objects(u("strategy/3"), EDU.serves))


def test_statutory_duties(g):
    # ภารกิจ, lines 91-102: twelve numbered duties, labels exactly as written
    duties = [u(f"measure/{i}") for i in range(1, 13)]
    for i, d in enumerate(duties, 1):
        assert (d, RDF.type, EDU.Measure) in g and (d, EDU.partOf, P) in g
        assert str(g.value(d, URIRef("http://www.w3.org/2004/02/skos/core#notation"))) == str(i)
        assert g.value(d, EDU.order).toPython() == i
        assert g.value(d, EDU.sourceLine).toPython() == 90 + i
        assert "not a measure the office chose" in str(g.value(d, RDFS.comment))
    th = {str(l) for l in g.objects(u("measure/12"), RDFS.label) if l.language == "th"}
    assert th == {"ปฏิบัติงานร่วมกับหรือสนับสนุนการปฏิบัติงานของหน่วยงานอื่นที่เกี่ยวข้องหรือที่ได้รับมอบหมาย"}  # line 102
    # the part-4 headings come after the duties among the plan's measures
    assert g.value(u("measure/success-factors"), EDU.order).toPython() == 13
    assert g.value(u("measure/mechanisms"), EDU.order).toPython() == 14


def test_district_unit(g):
    f = u("figure/districts")                                    # line 74: ๕ อำเภอ
    assert g.value(f, EDU.unit) == URIRef(ID + "unit/district")
    assert str(g.value(f, EDU.unitText)) == "อำเภอ"
    assert g.value(f, EDU.numericValue).toPython() == Decimal("5")


def test_original_plan_alignments(g):
    # the original plan's strategies 1-6 (lines 180-308) and development issues 1-4 (178, 261, 281, 306)
    # state no link: each has curated links to an OBEC FY 2564-2565 item and a National Strategy area
    elems = [URIRef(f"{P0}/strategy/{i}") for i in range(1, 7)] + [URIRef(f"{P0}/issue/{i}") for i in range(1, 5)]
    total = 0
    for el in elems:
        targets_ = {str(o) for o in g.objects(el, EDU.serves)}
        assert any("/obec-policy-2564-2565/" in t for t in targets_), el
        assert any("/national-strategy/" in t for t in targets_), el
        for rec in g.objects(el, EDU.hasAlignment):
            assert str(rec).startswith(f"{el}/alignment/")
            assert g.value(rec, EDU.basis) == EDU.Curated
            assert g.value(rec, EDU.rationale) is not None
            assert g.value(rec, URIRef("http://www.w3.org/ns/prov#wasAttributedTo")) == URIRef(ID + "agent/edugraph-editors")
            total += 1
    assert total == 4 + 5 + 2 + 4 + 2 + 3 + 2 * 4
    assert URIRef(ID + "national-strategy/5") in set(g.objects(URIRef(f"{P0}/strategy/3"), EDU.serves))
    assert URIRef(ID + "obec-policy-2564-2565/3.4") in set(g.objects(URIRef(f"{P0}/strategy/5"), EDU.serves))
    # 19 curated records on the revision's issues + 28 on the original plan
    assert count(g, "Alignment") == 19 + 28


# ---------------------------------------------------------------- (c) findings
FINDINGS = [
    ("DuplicateIndicatorText", ["strategy/1/indicator/1.4", "strategy/1/indicator/2.2"]),
    ("DuplicateIndicatorText", ["strategy/1/indicator/1.3", "strategy/1/indicator/2.1"]),
    ("DuplicateIndicatorText", ["strategy/5/indicator/1.5", "strategy/6/indicator/4.1"]),
    ("NumberingGap", ["strategy/6/indicator/1.4"]),
    ("NumberingGap", ["strategy/3/indicator/2.2"]),
    ("OtherOddity", ["strategy/3/indicator/1.1", "strategy/3/indicator/2.1"]),
    ("NumberingRepeat", ["figure/1.1-1", "figure/1.1-5"]),
    ("UnitContradictsText", ["strategy/5/indicator/2.1"]),
    ("UnitContradictsText", ["strategy/6/indicator/5.2"]),
    ("UnitContradictsText", ["strategy/6/indicator/7.1"]),
    ("UnitContradictsText", ["strategy/6/indicator/5.1"]),
    ("OtherOddity", ["strategy/6/indicator/3.1"]),
    ("OtherOddity", ["strategy/4/indicator/2.1"]),
    ("OtherOddity", ["strategy/6/indicator/1.4"]),
    ("BlankCell", ["strategy/2/indicator/2.4", "strategy/2/indicator/2.4/1/1"]),
    ("OtherOddity", ["strategy/2/indicator/2.4/4/2/target/2565"]),
    ("ExtractionTypo", ["value/identity"]),
    ("ExtractionTypo", ["strategy/6/guideline/3"]),
    ("ExtractionTypo", ["strategy/4/guideline/2"]),
    ("ExtractionTypo", ["strategy/4/guideline/4"]),
    ("ExtractionTypo", ["mission/1", "goal/1"]),
    ("OtherOddity", ["mission/5"]),
    ("ExtractionTypo", ["strategy/5"]),
    ("OtherOddity", ["strategy/6"]),
    ("OtherOddity", ["strategy/5/goal/1", "strategy/1/goal/3"]),
    ("HeaderMismatch", ["value/1", "value/6"]),
    ("ExtractionTypo", ["strategy/1/indicator/2.1"]),
    ("ExtractionTypo", ["figure/districts"]),
    ("OtherOddity", ["measure/8"]),  # line 98 lacks the การศึกษา of seed 003's copy of the same duty (line 50)
]


def findings_of(g):
    out = []
    for f in g.subjects(RDF.type, EDU.Finding):
        out.append((str(g.value(f, EDU.findingType)).split("#")[-1], {str(c) for c in g.objects(f, EDU.concerns)}))
    return out


@pytest.mark.parametrize("ftype,concerned", FINDINGS)
def test_finding_present(g, ftype, concerned):
    wanted = {str(u(c)) for c in concerned}
    assert any(t == ftype and wanted <= cs for t, cs in findings_of(g)), (ftype, concerned)


def test_plan_level_findings(g):
    fs = findings_of(g)
    assert any(t == "HeaderMismatch" and str(P) in cs for t, cs in fs)          # part 3 headed 2564-2565
    assert any(t == "OtherOddity" and str(P) in cs for t, cs in fs)             # doc number ๒๔/๒๕๖๓
    assert sum(1 for t, cs in fs if t == "ExtractionTypo" and str(P) in cs) == 2
    assert any(t == "ExtractionTypo" and f"{P0}/strategy/3/measure/1" in cs for t, cs in fs)
    assert len(fs) == 38


def test_duplicate_text_really_identical(g):
    a = g.value(u("strategy/1/indicator/1.4"), RDFS.label)
    b = g.value(u("strategy/1/indicator/2.2"), RDFS.label)
    assert a == b


def test_no_falling_numeric_targets(g):
    # checked while transcribing: no numeric target falls year on year or below its baseline
    for ind in g.subjects(RDF.type, EDU.Indicator):
        seq = []
        b = g.value(URIRef(f"{ind}/baseline"), EDU.numericValue)
        if b is not None:
            seq.append(b.toPython())
        for y in (2563, 2564, 2565):
            v = g.value(URIRef(f"{ind}/target/{y}"), EDU.numericValue)
            if v is not None:
                seq.append(v.toPython())
        assert seq == sorted(seq), ind
