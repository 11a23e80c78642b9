"""Seed 002 (unnamed ESAO, vision to 2568) and data/reference/obec-core-values.ttl.

Counts were established by reading data/sources/002_1f30bfc08ba12608.txt.
"""
from decimal import Decimal

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, DCTERMS

from helpers import EDU, ID, count

UNIT = Namespace("http://qudt.org/vocab/unit/")
PLAN = ID + "plan/esao002-strategy-2568"
ST = PLAN + "/strategy/"
SEED = "002_1f30bfc08ba12608"


@pytest.fixture(scope="module")
def g(seed_graph):
    return seed_graph(SEED)


@pytest.fixture(scope="module")
def cv(reference_graph):
    return reference_graph("obec-core-values")


def u(s):
    return URIRef(s)


# ---------------------------------------------------------------- (a) counts
def test_counts(g):
    assert count(g, EDU.StrategicDirection) == 1
    assert count(g, EDU.Vision) == 1          # line 7
    assert count(g, EDU.Mission) == 5         # lines 17-21
    assert count(g, EDU.Goal) == 6            # lines 24-29 (เป้าประสงค์)
    assert count(g, EDU.Strategy) == 6        # กลยุทธ์ที่ 1-6, lines 31, 38, 44, 52, 57, 64
    # sub-strategies: 4 (32-35) + 4 (39-42) + 4 (46-50, 3.1 wraps onto 47)
    #                 + 3 (53-55) + 4 (58-62, 5.2 wraps onto 60) + 3 (65-67)
    assert count(g, EDU.Guideline) == 22
    # indicators: line 37 "1) ... 2) ..." -> 2, line 43 -> 1, 51 -> 1, 56 -> 1,
    # line 63 "1) ... 2) ..." -> 2, line 68 -> 1
    assert count(g, EDU.Indicator) == 8
    # every indicator states a target value (number, level, "ไม่มี" or "ลดลง"); no year given -> 2568
    assert count(g, EDU.Target) == 8
    assert count(g, EDU.Baseline) == 0
    assert count(g, EDU.CoreValue) == 0       # the OBEC values live in the reference file
    assert count(g, EDU.Finding) == 8


def test_guidelines_per_strategy(g):
    for n, k in zip(range(1, 7), (4, 4, 4, 3, 4, 3)):
        kids = set(g.subjects(EDU.partOf, u(ST + str(n))))
        assert len([x for x in kids if (x, RDF.type, EDU.Guideline) in g]) == k
        assert len([x for x in kids if (x, RDF.type, EDU.Indicator) in g]) == (2 if n in (1, 5) else 1)


def test_counts_core_values(cv):
    assert count(cv, EDU.CoreValue) == 5      # lines 10-14


# ---------------------------------------------------------------- (b) spot checks
def _target(g, ind):
    return u(ST + ind + "/target/2568")


@pytest.mark.parametrize("ind,text,value", [
    ("1/indicator/2", "ร้อยละ 95", Decimal(95)),     # line 37
    ("2/indicator/1", "ร้อยละ 95", Decimal(95)),     # line 43
    ("5/indicator/1", "ร้อยละ 10", Decimal(10)),     # line 63
    ("5/indicator/2", "ร้อยละ 100", Decimal(100)),   # line 63
    ("6/indicator/1", "ร้อยละ 92", Decimal(92)),     # line 68
])
def test_percent_targets(g, ind, text, value):
    t = _target(g, ind)
    assert g.value(t, EDU.targetOf) == u(ST + ind)
    assert str(g.value(t, EDU.valueText)) == text
    assert g.value(t, EDU.numericValue).toPython() == value
    assert g.value(t, EDU.fiscalYearBE).toPython() == 2568
    assert g.value(t, EDU.fiscalYear).toPython() == 2025        # 2568 - 543
    assert g.value(u(ST + ind), EDU.unit) == UNIT.PERCENT
    assert str(g.value(u(ST + ind), EDU.unitText)) == "ร้อยละ"


def test_qualitative_targets(g):
    t = _target(g, "1/indicator/1")
    assert str(g.value(t, EDU.valueText)) == "ระดับขั้นสูง"
    assert g.value(t, EDU.numericValue) is None
    assert g.value(u(ST + "1/indicator/1"), EDU.unit) == u(ID + "unit/level")
    t = _target(g, "4/indicator/1")
    assert str(g.value(t, EDU.valueText)) == "ลดลง"
    assert g.value(t, EDU.numericValue) is None
    t = _target(g, "3/indicator/1")
    assert str(g.value(t, EDU.valueText)) == "ไม่มี"
    assert g.value(t, EDU.numericValue).toPython() == Decimal(0)


def test_plan_period(g):
    p = u(PLAN)
    assert g.value(p, EDU.periodEndBE).toPython() == 2568
    assert g.value(p, EDU.periodEnd).toPython() == 2025
    assert g.value(p, EDU.periodStart) is None and g.value(p, EDU.periodStartBE) is None
    assert g.value(p, EDU.issuer) == u(ID + "org/esao-unidentified-002")


def test_wrapped_labels(g):
    # strategy 3 wraps across lines 44-45; label joined, quote keeps the line break
    s3 = u(ST + "3")
    assert Literal("การสร้างโอกาสทางการศึกษาให้กับประชากรวัยเรียนทุกคนอย่างเสมอภาคและมีคุณภาพ", lang="th") in set(
        g.objects(s3, RDFS.label))
    assert "\n" in str(g.value(s3, EDU.sourceQuote))
    assert g.value(s3, EDU.sourceLine).toPython() == 44
    gl = u(ST + "5/guideline/2")
    lab = [o for o in g.objects(gl, RDFS.label) if o.language == "th"][0]
    assert "ทักษะภาษาอังกฤษทักษะดิจิทัล" in lab
    assert str(g.value(gl, SKOS.notation)) == "2"
    assert g.value(gl, EDU.partOf) == u(ST + "5")


def test_indicator_split(g):
    i1, i2 = u(ST + "1/indicator/1"), u(ST + "1/indicator/2")
    assert str(g.value(i1, SKOS.notation)) == "1" and str(g.value(i2, SKOS.notation)) == "2"
    assert Literal("ผลการประเมิน PMOA และ ITA อยู่ในระดับขั้นสูง", lang="th") in set(g.objects(i1, RDFS.label))
    assert g.value(i1, EDU.sourceLine).toPython() == 37 == g.value(i2, EDU.sourceLine).toPython()


@pytest.mark.parametrize("letter,en,th", [
    ("S", "Self-Improvement", "พัฒนาตน"),
    ("M", "Manage", "มุ่งผลสัมฤทธิ์"),
    ("I", "Innovation", "คิดค้นสิ่งใหม่"),
    ("L", "Lead", "นำองค์กรก้าวไปข้างหน้า"),
    ("E", "Ethic", "รักษาจริยธรรม"),
])
def test_core_values(cv, letter, en, th):
    v = u(ID + "obec-core-value/" + letter)
    labels = set(cv.objects(v, RDFS.label))
    assert Literal(en, lang="en") in labels and Literal(th, lang="th") in labels
    assert cv.value(v, DCTERMS.source) == u(ID + "source/" + SEED)


# ---------------------------------------------------------------- alignments (curated)
def test_strategy_alignments(g):
    for n in range(1, 7):
        s = u(ST + str(n))
        served = set(g.objects(s, EDU.serves))
        assert any(str(x).startswith(ID + "obec-policy-2567/") for x in served), n
        assert any(str(x).startswith(ID + "national-strategy/") for x in served), n
        for rec in g.objects(s, EDU.hasAlignment):
            assert g.value(rec, EDU.basis) == EDU.Curated
            assert g.value(rec, EDU.rationale) is not None
            assert g.value(rec, EDU.alignedTo) in served
    assert u(ID + "obec-policy-2567/8") in set(g.objects(u(ST + "4"), EDU.serves))
    assert u(ID + "obec-policy-2567/10") in set(g.objects(u(ST + "6"), EDU.serves))


# ---------------------------------------------------------------- (c) findings
FINDINGS = [
    (PLAN, "IssuerNotNamed"),
    (PLAN, "OtherOddity"),                      # no start year; targets without year
    (ST + "1/guideline/1", "ExtractionTypo"),   # PMOA
    (ST + "1/indicator/1", "ExtractionTypo"),   # PMOA
    (ST + "1/guideline/2", "ExtractionTypo"),   # unclosed "(Open Data"
    (ST + "1/guideline/4", "ExtractionTypo"),   # กระจ่าย
    (ST + "1/indicator/2", "ExtractionTypo"),   # ความพึงใจ
]


@pytest.mark.parametrize("element,ftype", FINDINGS)
def test_findings(g, element, ftype):
    assert any(g.value(f, EDU.findingType) == EDU[ftype] for f in g.subjects(EDU.concerns, u(element)))


def test_every_element_traceable(g, cv):
    for graph in (g, cv):
        for s in set(graph.subjects(RDF.type, None)):
            if (s, RDF.type, EDU.Alignment) in graph:
                continue
            assert graph.value(s, EDU.sourceQuote) is not None, s
            assert graph.value(s, DCTERMS.source) == u(ID + "source/" + SEED), s
