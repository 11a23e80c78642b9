"""National Strategy 2561-2580, its areas, master plans and sub-plans, and the
curated framework alignment (data/reference/national-strategy.ttl and
data/reference/framework-alignment.ttl).

These frameworks are not in the seeds; counts and groupings come from the
official publications (Royal Gazette vol. 135 part 82 ก, 13 Oct 2018 for the
National Strategy; vol. 136 part 51 ก, 18 Apr 2019 for the 23 master plans) and
/shared/DOMAIN.md. The files are parsed directly (seed_graph is for seeds).
"""
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, PROV

from helpers import EDU, ID

ROOT = Path(__file__).resolve().parent.parent
EDITORS = URIRef(ID + "agent/edugraph-editors")


def I(path):
    return URIRef(ID + path)


@pytest.fixture(scope="module")
def ns(reference_graph):
    return reference_graph("national-strategy")


@pytest.fixture(scope="module")
def fa(reference_graph):
    return reference_graph("framework-alignment")


def instances(g, cls):
    return set(g.subjects(RDF.type, cls))


# ---- National Strategy plan ----

def test_national_strategy_plan(ns):
    plan = I("plan/national-strategy-2561-2580")
    assert (plan, RDF.type, EDU.NationalStrategy) in ns
    assert Literal("ยุทธศาสตร์ชาติ (พ.ศ. 2561 - 2580)", lang="th") in set(ns.objects(plan, DCTERMS.title))
    # BE - 543 = CE: 2561 -> 2018, 2580 -> 2037
    assert ns.value(plan, EDU.periodStartBE).toPython() == 2561
    assert ns.value(plan, EDU.periodEndBE).toPython() == 2580
    assert ns.value(plan, EDU.periodStart).toPython() == 2018
    assert ns.value(plan, EDU.periodEnd).toPython() == 2037
    assert ns.value(plan, EDU.issuer) == I("org/national-strategy-committee")
    assert URIRef("https://www.ratchakitcha.soc.go.th/DATA/PDF/2561/A/082/T_0001.PDF") in set(
        ns.objects(plan, DCTERMS.source))
    assert ns.value(plan, DCTERMS.bibliographicCitation) is not None


# ---- six areas ----

def test_six_areas(ns):
    areas = instances(ns, EDU.NationalStrategyArea)
    assert areas == {I(f"national-strategy/{n}") for n in range(1, 7)}
    for n in range(1, 7):
        a = I(f"national-strategy/{n}")
        assert str(ns.value(a, SKOS.notation)) == str(n)
        assert ns.value(a, EDU.order).toPython() == n
        assert ns.value(a, EDU.partOf) == I("plan/national-strategy-2561-2580")
        langs = {l.language for l in ns.objects(a, RDFS.label)}
        assert {"th", "en"} <= langs
    assert Literal("ยุทธศาสตร์ชาติด้านความมั่นคง", lang="th") in set(
        ns.objects(I("national-strategy/1"), RDFS.label))
    assert Literal("ยุทธศาสตร์ชาติด้านการพัฒนาและเสริมสร้างศักยภาพทรัพยากรมนุษย์", lang="th") in set(
        ns.objects(I("national-strategy/3"), RDFS.label))


# ---- 23 master plans, each serving exactly one area ----

def test_23_master_plans(ns):
    mps = instances(ns, EDU.MasterPlan)
    assert mps == {I(f"master-plan/{n:02d}") for n in range(1, 24)}
    for n in range(1, 24):
        mp = I(f"master-plan/{n:02d}")
        assert str(ns.value(mp, SKOS.notation)) == f"{n:02d}"
        assert ns.value(mp, EDU.periodStartBE).toPython() == 2561
        assert ns.value(mp, EDU.periodEnd).toPython() == 2037
        served = set(ns.objects(mp, EDU.serves))
        assert len(served) == 1, mp
        assert next(iter(served)) in instances(ns, EDU.NationalStrategyArea)


@pytest.mark.parametrize("mp,area", [
    # grouping as listed in /shared/DOMAIN.md
    ("01", 1), ("07", 2), ("12", 3), ("17", 4), ("19", 5), ("21", 6),
    ("23", 2),  # research and innovation: commonly published under area 2
])
def test_master_plan_grouping(ns, mp, area):
    assert ns.value(I(f"master-plan/{mp}"), EDU.serves) == I(f"national-strategy/{area}")


def test_master_plan_titles(ns):
    assert Literal("การพัฒนาการเรียนรู้", lang="th") in set(ns.objects(I("master-plan/12"), RDFS.label))
    assert Literal("การวิจัยและพัฒนานวัตกรรม", lang="th") in set(ns.objects(I("master-plan/23"), RDFS.label))


# ---- sub-plans ----

def test_master_plan_12_sub_plans(ns):
    subs = {s for s in instances(ns, EDU.MasterSubPlan) if ns.value(s, EDU.partOf) == I("master-plan/12")}
    assert subs == {I("master-plan/12/sub/1"), I("master-plan/12/sub/2")}
    assert Literal("การปฏิรูปกระบวนการเรียนรู้ที่ตอบสนองต่อการเปลี่ยนแปลงในศตวรรษที่ 21", lang="th") in set(
        ns.objects(I("master-plan/12/sub/1"), RDFS.label))
    assert Literal("การตระหนักถึงพหุปัญญาของมนุษย์ที่หลากหลาย", lang="th") in set(
        ns.objects(I("master-plan/12/sub/2"), RDFS.label))


def test_seed003_sub_plan_reference_is_ns_area6_issues(ns):
    # seed 003 line 876 calls "ข้อ 6 ... ข้อ 4.5 และ ข้อ 4.6" a แผนย่อย; it is
    # National Strategy area 6 with its strategic issues 4.5 and 4.6 (line 885).
    for k in ("4.5", "4.6"):
        node = I(f"national-strategy/6/strategy/{k}")
        assert (node, RDF.type, EDU.PlanElement) in ns
        assert ns.value(node, EDU.partOf) == I("national-strategy/6")
        assert ns.value(node, EDU.sourceLine).toPython() == 885
    f = I("plan/national-strategy-2561-2580/finding/1")
    assert ns.value(f, EDU.findingType) == EDU.OtherOddity
    assert I("master-plan/12") in set(ns.objects(f, EDU.concerns))
    assert ns.value(f, EDU.sourceLine).toPython() == 876
    # only master plan 12's two sub-plans are defined
    assert len(instances(ns, EDU.MasterSubPlan)) == 2


# ---- curated alignment ----

def curated_targets(g, lower):
    out = set()
    for rec in g.objects(lower, EDU.hasAlignment):
        if g.value(rec, EDU.basis) == EDU.Curated and g.value(rec, EDU.rationale) is not None:
            out.add(g.value(rec, EDU.alignedTo))
    return out


LOWER = ([f"obec-policy-2567/{n}" for n in range(1, 11)]
         + [f"obec-policy-2564-2565/{n}" for n in range(1, 5)]
         + ["moe-policy-2567-2568/1", "moe-policy-2567-2568/2",
            "obec-quickwin-2567/teachers", "obec-quickwin-2567/learners"]
         + [f"education-reform/big-rock/{n}" for n in range(1, 4)])


@pytest.mark.parametrize("lower", LOWER)
def test_each_item_has_curated_links_to_area_and_master_plan(fa, ns, lower):
    targets = curated_targets(fa, I(lower))
    areas = instances(ns, EDU.NationalStrategyArea)
    plans = instances(ns, EDU.MasterPlan) | instances(ns, EDU.MasterSubPlan)
    assert targets & areas, f"{lower}: no curated link to a National Strategy area"
    assert targets & plans, f"{lower}: no curated link to a master plan / sub-plan"
    # every serves triple has its record, and every record its serves triple
    assert set(fa.objects(I(lower), EDU.serves)) == targets


def test_alignment_targets_exist(fa, ns):
    known = (instances(ns, EDU.NationalStrategyArea) | instances(ns, EDU.MasterPlan)
             | instances(ns, EDU.MasterSubPlan))
    for o in fa.objects(None, EDU.serves):
        assert o in known, o


def test_every_curated_record_is_attributed(fa, ns):
    for g in (fa, ns):
        recs = instances(g, EDU.Alignment)
        assert recs
        for rec in recs:
            assert g.value(rec, EDU.basis) == EDU.Curated
            assert g.value(rec, PROV.wasAttributedTo) == EDITORS
            assert g.value(rec, EDU.rationale).language == "en"


def test_spot_check_links(fa):
    assert I("master-plan/12/sub/2") in curated_targets(fa, I("obec-policy-2567/7"))
    assert I("national-strategy/4") in curated_targets(fa, I("obec-policy-2567/9"))
    assert I("national-strategy/6") in curated_targets(fa, I("obec-policy-2564-2565/4"))
    assert I("master-plan/12/sub/1") in curated_targets(fa, I("education-reform/big-rock/2"))
    assert I("national-strategy/1") in curated_targets(fa, I("obec-policy-2564-2565/1"))


def test_alignment_counts(fa):
    # 21 lower nodes; 54 curated records: OBEC FY 2567 items 23, OBEC FY
    # 2564-2565 dimensions 11, MOE items 7, quick-win groups 7, Big Rocks 6
    assert len(instances(fa, EDU.Alignment)) == 23 + 11 + 7 + 7 + 6
    assert len(set(fa.subjects(EDU.serves, None))) == 10 + 4 + 2 + 2 + 3


def test_no_alignment_record_collides_with_other_reference_files(fa):
    # Other reference files also write <lower>/alignment/<n> records for these
    # nodes (e.g. quick-win groups -> MOE items); the IRIs must not merge.
    g = Graph()
    for f in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        g.parse(f, format="turtle")
    for rec in instances(fa, EDU.Alignment):
        assert len(set(g.objects(rec, EDU.alignedTo))) == 1, rec
        assert len(set(g.objects(rec, EDU.basis))) == 1, rec
