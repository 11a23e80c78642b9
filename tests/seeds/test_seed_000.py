"""Seed 000 (สพป.ลำปาง เขต 3 values page) and the reference files quoted from it:
data/reference/obec-policy-2564-2565.ttl and data/reference/national-reform.ttl.

Counts were established by reading data/sources/000_77ed530c322606f6.txt.
"""

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, DCTERMS

from helpers import EDU, ID, count

PLAN = ID + "plan/lpg3-direction-2564-2565"
MODEL = PLAN + "/model/1"
OP = ID + "obec-policy-2564-2565/"
OPP = ID + "plan/obec-policy-2564-2565"
SEED = "000_77ed530c322606f6"


@pytest.fixture(scope="module")
def g(seed_graph):
    return seed_graph(SEED)


@pytest.fixture(scope="module")
def pol(reference_graph):
    return reference_graph("obec-policy-2564-2565.ttl")


@pytest.fixture(scope="module")
def reform(reference_graph):
    return reference_graph("national-reform.ttl")


def u(s):
    return URIRef(s)


# ---------------------------------------------------------------- (a) counts
def test_counts_seed(g):
    assert count(g, EDU.StrategicDirection) == 1
    assert count(g, EDU.Vision) == 1            # line 6
    assert count(g, EDU.Mission) == 7           # lines 9-15, "1." .. "7."
    assert count(g, EDU.Goal) == 7              # lines 17-23 under "เป้าหมาย"
    # lines 39-43: the development approach is one unnumbered paragraph -> one guideline
    assert count(g, EDU.Guideline) == 1
    # line 43: values "รู้ รัก สามัคคี มีธรรมาภิบาล สืบสาน รักษา และต่อยอด" kept as one phrase
    assert count(g, EDU.CoreValue) == 1
    assert count(g, EDU.ManagementModel) == 1   # line 46 LPG 3 (1+2)
    # line 48: L, P, G, 1, 2 and the two sub-committees 2.1, 2.2
    assert count(g, EDU.ModelComponent) == 7
    assert count(g, EDU.Indicator) == 0         # the page has no indicators
    assert count(g, EDU.Target) == 0
    assert count(g, EDU.Finding) == 4


def test_counts_obec_policy(pol):
    assert count(pol, EDU.PolicyStatement) == 1
    # 4 dimensions (lines 31, 33, 35, 37) + sub-items 2.1-2.4, 3.1-3.4, 4.1-4.6 (dimension 1 has none)
    assert count(pol, EDU.OBECPolicyItem) == 4 + 4 + 4 + 6
    dims = set(pol.subjects(EDU.partOf, u(OPP)))
    assert dims == {u(OP + str(k)) for k in (1, 2, 3, 4)}
    for k, n in ((1, 0), (2, 4), (3, 4), (4, 6)):
        assert len(set(pol.subjects(EDU.partOf, u(OP + str(k))))) == n
    assert count(pol, EDU.Finding) == 8


def test_counts_reform(reform):
    assert count(reform, EDU.ReformPlan) == 1
    assert count(reform, EDU.ReformPlanItem) == 3     # (๑) (๒) (๓) on line 27
    assert count(reform, EDU.Finding) == 1


# ---------------------------------------------------------------- (b) spot checks
def test_plan_period_be_to_ce(g):
    p = u(PLAN)
    assert g.value(p, EDU.periodStartBE).toPython() == 2564
    assert g.value(p, EDU.periodStart).toPython() == 2021     # 2564 - 543
    assert g.value(p, EDU.periodEndBE).toPython() == 2565
    assert g.value(p, EDU.periodEnd).toPython() == 2022
    assert g.value(p, EDU.issuer) == u(ID + "org/pesao-lampang-3")


def test_policy_period(pol):
    p = u(OPP)
    assert (p, RDF.type, EDU.PolicyStatement) in pol
    assert pol.value(p, EDU.issuer) == u(ID + "org/obec")
    assert pol.value(p, EDU.periodStart).toPython() == 2021
    assert pol.value(p, EDU.periodEndBE).toPython() == 2565


def test_thai_digit_notation(pol):
    # line 37 writes ๔.๔, ๔.๕, ๔.๖
    item = u(OP + "4.4")
    assert str(pol.value(item, SKOS.notation)) == "4.4"
    assert pol.value(item, EDU.partOf) == u(OP + "4")
    assert str(pol.value(item, EDU.sourceQuote)).startswith("๔.๔ ")
    assert pol.value(u(OP + "4.6"), EDU.order).toPython() == 6


def test_dimension_1_definition(pol):
    d1 = u(OP + "1")
    assert pol.value(d1, RDFS.label, any=True) is not None
    assert Literal("ด้านความปลอดภัย", lang="th") in set(pol.objects(d1, RDFS.label))
    defs = [o for o in pol.objects(d1, SKOS.definition) if o.language == "th"]
    assert defs and str(defs[0]).startswith("พัฒนาระบบและกลไกในการดูแลความปลอดภัย")
    assert str(defs[0]).endswith("โรคอุบัติใหม่และโรคอุบัติซ้ำ")


def test_labels(g):
    assert Literal("ผู้เรียนมีคุณภาพ สู่สังคมในศตวรรษที่ 21 อย่างยั่งยืน", lang="th") in set(
        g.objects(u(PLAN + "/vision/1"), RDFS.label))
    assert Literal("พัฒนาผู้บริหาร ครู และบุคลากรทางการศึกษาให้เป็นมืออาชีพ", lang="th") in set(
        g.objects(u(PLAN + "/mission/5"), RDFS.label))
    # typo kept as written (finding 4)
    lab = [o for o in g.objects(u(PLAN + "/goal/7"), RDFS.label) if o.language == "th"][0]
    assert "สมดุม" in lab
    assert g.value(u(PLAN + "/goal/7"), EDU.sourceLine).toPython() == 23


def test_model_components(g):
    comps = set(g.subjects(EDU.partOf, u(MODEL)))
    assert comps == {u(MODEL + "/component/" + c) for c in ("L", "P", "G", "1", "2")}
    subs = set(g.subjects(EDU.partOf, u(MODEL + "/component/2")))
    assert subs == {u(MODEL + "/component/2.1"), u(MODEL + "/component/2.2")}
    assert Literal("Learning Organization", lang="en") in set(g.objects(u(MODEL + "/component/L"), RDFS.label))


def test_big_rocks(reform):
    br2 = u(ID + "education-reform/big-rock/2")
    assert str(reform.value(br2, SKOS.notation)) == "2"                    # (๒)
    assert reform.value(br2, EDU.partOf) == u(ID + "plan/education-reform")
    assert str(reform.value(br2, EDU.sourceQuote)).startswith("(๒) ")


# ---------------------------------------------------------------- alignments
def _records(graph, lower, higher):
    return [r for r in graph.objects(u(lower), EDU.hasAlignment) if graph.value(r, EDU.alignedTo) == u(higher)]


def test_stated_component_alignments(g):
    for comp, dims in (("2.1", [3]), ("2.2", [1, 2, 4])):
        low = MODEL + "/component/" + comp
        served = {o for o in g.objects(u(low), EDU.serves) if str(o).startswith(OP)}
        assert served == {u(OP + str(k)) for k in dims}
        for k in dims:
            (rec,) = _records(g, low, OP + str(k))
            assert g.value(rec, EDU.basis) == EDU.Stated
            assert "รองรับภารกิจตามนโยบาย สพฐ." in str(g.value(rec, EDU.evidenceQuote))


def test_curated_component_alignments(g):
    for c in ("L", "P", "G", "1", "2"):
        low = MODEL + "/component/" + c
        targets = set(g.objects(u(low), EDU.serves))
        assert any(str(t).startswith(OP) for t in targets)
        assert any(str(t).startswith(ID + "national-strategy/") for t in targets)
        for rec in g.objects(u(low), EDU.hasAlignment):
            assert g.value(rec, EDU.basis) == EDU.Curated
            assert g.value(rec, EDU.rationale) is not None
            assert g.value(rec, URIRef("http://www.w3.org/ns/prov#wasAttributedTo")) == u(ID + "agent/edugraph-editors")


def test_guideline_stated_dimensions(g):
    gl = PLAN + "/guideline/1"
    for k in (1, 2, 3, 4):
        (rec,) = _records(g, gl, OP + str(k))
        assert g.value(rec, EDU.basis) == EDU.Stated


def test_policy_serves_big_rocks(pol):
    for k in (1, 2, 3):
        (rec,) = _records(pol, OPP, ID + "education-reform/big-rock/%d" % k)
        assert pol.value(rec, EDU.basis) == EDU.Stated


# ---------------------------------------------------------------- (c) findings
SEED_FINDINGS = [
    ("mission/4", "ExtractionTypo"),
    ("goal/1", "ExtractionTypo"),
    ("goal/2", "ExtractionTypo"),
    ("goal/7", "ExtractionTypo"),
]
POLICY_FINDINGS = [
    (OP + "4.4", "OtherOddity"), (OP + "4.5", "OtherOddity"), (OP + "4.6", "OtherOddity"),   # Thai digits
    (OP + "3.2", "ExtractionTypo"), (OP + "3.4", "ExtractionTypo"),
    (OP + "4.1", "ExtractionTypo"), (OP + "4.5", "ExtractionTypo"),
    (OPP, "ExtractionTypo"), (OPP, "OtherOddity"),
]


def _has_finding(graph, element, ftype):
    return any(graph.value(f, EDU.findingType) == EDU[ftype]
               for f in graph.subjects(EDU.concerns, u(element)))


@pytest.mark.parametrize("element,ftype", SEED_FINDINGS)
def test_seed_findings(g, element, ftype):
    assert _has_finding(g, PLAN + "/" + element, ftype)


@pytest.mark.parametrize("element,ftype", POLICY_FINDINGS)
def test_policy_findings(pol, element, ftype):
    assert _has_finding(pol, element, ftype)


def test_reform_finding(reform):
    assert _has_finding(reform, ID + "education-reform/big-rock/2", "ExtractionTypo")


def test_every_element_traceable(g, pol, reform):
    for graph in (g, pol, reform):
        for s in set(graph.subjects(RDF.type, None)):
            if (s, RDF.type, EDU.Alignment) in graph:
                continue
            assert graph.value(s, EDU.sourceQuote) is not None, s
            assert graph.value(s, DCTERMS.source) == u(ID + "source/" + SEED), s
