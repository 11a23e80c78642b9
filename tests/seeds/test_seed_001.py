"""Seed 001: basic-education development plan 2566-2570 of สพม.ลำปาง ลำพูน
(data/seeds/001_8c1bc81af2735ebe.ttl) and data/reference/cited-plans.ttl.

Counts were established by reading data/sources/001_8c1bc81af2735ebe.txt.
The seed writes Arabic digits throughout (no Thai digits to convert); years are
Buddhist Era and fiscal years are converted with CE = BE - 543.
"""
from decimal import Decimal

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, DCTERMS

from helpers import EDU, ID, count

PROV = Namespace("http://www.w3.org/ns/prov#")
PLAN = ID + "plan/lplp-devplan-2566-2570"
MODEL = PLAN + "/model/4a-plus"
SEED = "001_8c1bc81af2735ebe"


@pytest.fixture(scope="module")
def g(seed_graph):
    return seed_graph(SEED)


@pytest.fixture(scope="module")
def cited(reference_graph):
    return reference_graph("cited-plans")


def u(s):
    return URIRef(s)


def ind(notation):
    return u(f"{PLAN}/indicator/{notation}")


# ---------------------------------------------------------------- (a) counts
def test_plan_list_counts(g):
    # lines 3-9: four development plans (2566-2570 = this plan, 2563-2565 revised
    # in 2565, 2563-2565, สพม.35's 2562-2566)
    assert count(g, EDU.DevelopmentPlan) == 4
    # lines 11-25: seven action plans (2566, 2565, 2564, 2563, 2562, 2561, 2560)
    # and one anti-corruption action plan (line 21, 2562)
    assert count(g, EDU.ActionPlan) == 7
    assert count(g, EDU.AntiCorruptionPlan) == 1
    # lines 27-41: eight performance reports FY 2565 down to 2558
    assert count(g, EDU.PerformanceReport) == 8


def test_element_counts(g):
    assert count(g, EDU.Vision) == 1             # line 45
    assert count(g, EDU.Mission) == 6            # lines 49-59, (1)..(6)
    # lines 65-83: ten plan goals (1)..(10); plus the policies' "x.1 เป้าหมาย"
    # targets: 5 (1.1.1-1.1.5) + 5 (2.1.x) + 5 (3.1.x) + 2 (4.1.x) + 5 (5.1.x) = 22
    assert count(g, EDU.Goal) == 32
    plan_goals = set(g.subjects(EDU.partOf, u(PLAN))) & set(g.subjects(RDF.type, EDU.Goal))
    assert len(plan_goals) == 10
    # lines 87-95 (list) and the section headings 99, 255, 433, 853, 1003
    assert count(g, EDU.OfficePolicy) == 5
    # "x.2 แนวทางการพัฒนา": 4 (115-121) + 7 (271-283) + 11 (449-469, the last
    # written "3.2.1 1") + 5 (863-871) + 8 (1019-1033) = 35
    assert count(g, EDU.Guideline) == 35
    # indicator tables: 6 (1.3, lines 145-251) + 7 (2.3, 307-431) + 20 (3.3, 493-851)
    # + 6 (4.3, 895-1001) + 7 (5.3, 1057-1181) = 46, each with 5 yearly targets
    assert count(g, EDU.Indicator) == 46
    assert count(g, EDU.Target) == 46 * 5
    assert count(g, EDU.Baseline) == 0           # the tables have no baseline column
    # line 1185: one value statement under ค่านิยม
    assert count(g, EDU.CoreValue) == 1
    # lines 1189-1280: the 4A PLUS model
    assert count(g, EDU.ManagementModel) == 1
    # A1-A4 (4), PLUS (1) with P, L, U, S (4), the 5Q group (1) with Q1-Q5 (5),
    # and the numbered measurement points under each Q: 6 + 5 + 3 + 5 + 2 = 21
    assert count(g, EDU.ModelComponent) == 36
    assert count(g, EDU.Finding) == 24


def test_indicators_per_policy(g):
    expected = {1: 6, 2: 7, 3: 20, 4: 6, 5: 7}
    for p, n in expected.items():
        members = set(g.subjects(EDU.partOf, u(f"{PLAN}/policy/{p}"))) & set(g.subjects(RDF.type, EDU.Indicator))
        assert len(members) == n, p


def test_alignment_counts(g):
    stated = set(g.subjects(EDU.basis, EDU.Stated))
    curated = set(g.subjects(EDU.basis, EDU.Curated))
    # 45 indicators with a filled last column (5.3.5 is blank) + 1 extra for
    # 3.3.9 whose cell "QW และ จุดเน้น สพฐ." names two sources
    assert len(stated) == 46
    # curated: policy 1: 3, policy 2: 3, policy 3: 4, policy 4: 4, policy 5: 2
    assert len(curated) == 16


# ---------------------------------------------------------------- (b) spot checks
def target(g, notation, be):
    t = u(f"{PLAN}/indicator/{notation}/target/{be}")
    assert (t, RDF.type, EDU.Target) in g
    assert g.value(t, EDU.targetOf) == ind(notation)
    return t


def test_plan_periods(g):
    p = u(PLAN)
    assert g.value(p, EDU.periodStart) == Literal(2023)
    assert g.value(p, EDU.periodEnd) == Literal(2027)
    assert g.value(p, EDU.periodStartBE) == Literal(2566)
    assert g.value(p, EDU.issuer) == u(ID + "org/sesao-lampang-lamphun")
    rev = u(ID + "plan/lplp-devplan-2563-2565-rev")
    assert g.value(rev, EDU.revisionOf) == u(ID + "plan/lplp-devplan-2563-2565")
    assert g.value(u(ID + "plan/lplp-devplan-2562-2566"), EDU.issuer) == u(ID + "org/sesao-35")
    assert g.value(u(ID + "plan/lplp-actionplan-2566"), EDU.issuer) == u(ID + "org/sesao-lampang-lamphun")  # "สพม.ลปลพ"
    assert g.value(u(ID + "plan/lplp-anticorruption-2562"), EDU.issuer) == u(ID + "org/sesao-35")
    r = u(ID + "plan/lplp-report-2558")
    assert g.value(r, EDU.fiscalYear) == Literal(2015)
    assert g.value(r, EDU.issuer) is None
    assert str(g.value(r, DCTERMS.title)) == "รายงานผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ.2558"


def test_falling_target_values(g):
    # 3.3.19 (lines 817-833): 85, 84, 86, 88, 90
    t = target(g, "3.3.19", 2567)
    assert g.value(t, EDU.valueText) == Literal("84")
    assert g.value(t, EDU.numericValue).toPython() == Decimal("84")
    assert g.value(t, EDU.fiscalYear) == Literal(2024)
    assert g.value(target(g, "3.3.19", 2566), EDU.numericValue).toPython() == Decimal("85")


def test_word_targets_and_level_unit(g):
    # 5.3.5 (lines 1131-1145): unit ระดับ, every year "ดีมาก", no number
    i = ind("5.3.5")
    assert g.value(i, EDU.unit) == u(ID + "unit/level")
    t = target(g, "5.3.5", 2570)
    assert g.value(t, EDU.valueText) == Literal("ดีมาก")
    assert g.value(t, EDU.numericValue) is None
    assert g.value(t, EDU.fiscalYear) == Literal(2027)


def test_units_and_counts(g):
    # 5.3.1 partners, unit หน่วยงาน, 10..18
    assert g.value(ind("5.3.1"), EDU.unit) == u(ID + "unit/organisation")
    assert g.value(target(g, "5.3.1", 2570), EDU.numericValue).toPython() == Decimal("18")
    # 3.3.17 short courses, unit หลักสูตร, 5, 5, 5, 8, 10
    assert g.value(ind("3.3.17"), EDU.unit) == u(ID + "unit/course")
    assert g.value(ind("3.3.17"), EDU.unitText) == Literal("หลักสูตร")
    assert g.value(target(g, "3.3.17", 2569), EDU.valueText) == Literal("8")
    # 5.3.6 ITA, unit คะแนน
    assert g.value(ind("5.3.6"), EDU.unit) == u(ID + "unit/score")
    # 5.3.7 unit โรงเรียน, 2 each year
    assert g.value(ind("5.3.7"), EDU.unit) == u(ID + "unit/school")
    assert g.value(target(g, "5.3.7", 2568), EDU.numericValue).toPython() == Decimal("2")
    # 2.3.2: 90, 93, 95, 98, 100
    assert g.value(ind("2.3.2"), EDU.unit) == u("http://qudt.org/vocab/unit/PERCENT")
    assert g.value(target(g, "2.3.2", 2567), EDU.numericValue).toPython() == Decimal("93")
    # 4.3.2: unit cell blank -> no unit
    assert g.value(ind("4.3.2"), EDU.unit) is None
    assert g.value(ind("4.3.2"), EDU.unitText) is None


def test_guideline_notation_as_written(g):
    gl = u(f"{PLAN}/guideline/3.2.11")
    assert g.value(gl, SKOS.notation) == Literal("3.2.1 1")
    assert g.value(gl, EDU.order) == Literal(11)


def test_model(g):
    labels = {str(o) for o in g.objects(u(MODEL + "/component/A4"), RDFS.label) if o.language == "th"}
    assert labels == {"Accredited system"}
    assert g.value(u(MODEL + "/component/U"), EDU.partOf) == u(MODEL + "/component/PLUS")
    assert g.value(u(MODEL + "/component/Q3"), EDU.partOf) == u(MODEL + "/component/5Q")
    q1 = set(g.subjects(EDU.partOf, u(MODEL + "/component/Q1")))
    assert len(q1) == 6


# ---------------------------------------------------------------- alignments
def test_stated_alignments(g, cited):
    # 1.3.3 cell "ตามจุดเน้น สพฐ. ลดความเครียด" (line 197)
    i = ind("1.3.3")
    a = u(f"{PLAN}/indicator/1.3.3/alignment/1")
    assert (i, EDU.serves, u(ID + "plan/obec-focus-points")) in g
    assert g.value(a, EDU.basis) == EDU.Stated
    assert g.value(a, EDU.evidenceQuote) == Literal("ตามจุดเน้น สพฐ. ลดความเครียด")
    assert g.value(a, EDU.sourceLine) == Literal(197)
    # 3.3.9 "QW และ จุดเน้น สพฐ." -> two plans
    assert set(g.objects(ind("3.3.9"), EDU.serves)) == {
        u(ID + "plan/obec-quickwin"), u(ID + "plan/obec-focus-points")}
    # 4.3.5 "นโยบาย รมว."
    assert (ind("4.3.5"), EDU.serves, u(ID + "plan/moe-minister-policy")) in g
    # 5.3.5 blank cell -> nothing
    assert g.value(ind("5.3.5"), EDU.serves) is None
    # every cited plan is defined once in cited-plans.ttl
    for target_ in {o for s, o in g.subject_objects(EDU.serves) if "/plan/" in str(o)}:
        assert (target_, RDF.type, None) in cited, target_
        assert cited.value(target_, EDU.issuer) is not None
    assert cited.value(u(ID + "plan/lampang-provincial-education-plan"), EDU.issuer) == u(ID + "org/peo-lampang")
    assert (u(ID + "org/reo-15"), RDF.type, EDU.RegionalEducationOffice) in cited


def test_curated_policy_alignments(g):
    for p in range(1, 6):
        pol = u(f"{PLAN}/policy/{p}")
        targets = set(g.objects(pol, EDU.serves))
        assert any(str(t).startswith(ID + "obec-policy-2567/") for t in targets), p
        assert any(str(t).startswith(ID + "national-strategy/") for t in targets), p
        for rec in g.objects(pol, EDU.hasAlignment):
            assert g.value(rec, EDU.basis) == EDU.Curated
            assert g.value(rec, EDU.rationale) is not None
            assert g.value(rec, PROV.wasAttributedTo) == u(ID + "agent/edugraph-editors")
            assert g.value(rec, EDU.alignedTo) in targets
    assert (u(f"{PLAN}/policy/2"), EDU.serves, u(ID + "obec-policy-2567/9")) in g
    assert (u(f"{PLAN}/policy/5"), EDU.serves, u(ID + "national-strategy/6")) in g


# ---------------------------------------------------------------- (c) findings
FINDINGS = [
    (ID + "plan/lplp-report-2565", EDU.IssuerNotNamed),
    (ID + "plan/lplp-report-2558", EDU.IssuerNotNamed),
    (ID + "plan/lplp-devplan-2562-2566", EDU.OtherOddity),
    (PLAN + "/goal/10", EDU.ExtractionTypo),
    (PLAN + "/policy/1", EDU.ExtractionTypo),
    (PLAN + "/guideline/1.2.2", EDU.ExtractionTypo),
    (PLAN + "/guideline/1.2.3", EDU.ExtractionTypo),
    (PLAN, EDU.HeaderMismatch),
    (PLAN + "/indicator/1.3.5", EDU.ExtractionTypo),
    (PLAN + "/guideline/3.2.11", EDU.ExtractionTypo),
    (PLAN + "/indicator/3.3.12", EDU.OtherOddity),
    (PLAN + "/indicator/3.3.13", EDU.ExtractionTypo),
    (PLAN + "/indicator/3.3.19", EDU.FallingTarget),
    (PLAN + "/guideline/4.2.4", EDU.ExtractionTypo),
    (PLAN + "/indicator/4.3.2", EDU.BlankCell),
    (PLAN + "/indicator/4.3.3", EDU.BlankCell),
    (PLAN + "/indicator/4.3.4", EDU.BlankCell),
    (PLAN + "/indicator/4.3.5", EDU.BlankCell),
    (PLAN + "/indicator/4.3.6", EDU.BlankCell),
    (PLAN + "/indicator/5.3.3", EDU.UnitContradictsText),
    (PLAN + "/indicator/5.3.5", EDU.BlankCell),
    (PLAN + "/indicator/5.3.7", EDU.UnitContradictsText),
    (PLAN + "/value/1", EDU.ExtractionTypo),
    (MODEL + "/component/A2", EDU.ExtractionTypo),
    (MODEL + "/component/A3", EDU.ExtractionTypo),
    (MODEL + "/component/P", EDU.ExtractionTypo),
]


@pytest.mark.parametrize("element,ftype", FINDINGS)
def test_finding_present(g, element, ftype):
    found = [f for f in g.subjects(EDU.concerns, u(element)) if (f, EDU.findingType, ftype) in g]
    assert found, (element, ftype)
    for f in found:
        assert (f, RDF.type, EDU.Finding) in g
        assert g.value(f, EDU.sourceQuote) is not None


def test_only_one_falling_target(g):
    falling = set(g.subjects(EDU.findingType, EDU.FallingTarget))
    assert len(falling) == 1
    unit = {g.value(f, EDU.concerns) for f in g.subjects(EDU.findingType, EDU.UnitContradictsText)}
    assert unit == {ind("5.3.3"), ind("5.3.7")}
    assert len(set(g.subjects(EDU.findingType, EDU.HeaderMismatch))) == 1
