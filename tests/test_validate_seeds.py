"""`edugraph validate` on the real seed graph: the sources' real findings are
reported on the elements they concern, and every remaining Violation is a gap
in a source document, not a modelling mistake of ours."""
import csv
import io
import json
import re

import pytest
from rdflib import Graph

from edugraph.cli import main
from edugraph.project import Project
from edugraph.validate import Severity, validate

from helpers import ROOT

ID = "https://w3id.org/edugraph/id/"
EDS = "https://w3id.org/edugraph/shapes#"


@pytest.fixture(scope="module")
def report():
    return validate(Project(ROOT))


def results(report, shape):
    return {(str(r.focus)[len(ID):], str(r.value)[len(ID):] if r.value is not None else None)
            for r in report.results if str(r.shape) == EDS + shape}


def test_seed_002s_unnamed_issuer_is_a_warning(report):
    # seed 002 never names its office (whole file, 67 lines)
    found = [r for r in report.results if str(r.shape) == EDS + "OfficeIdentifiedShape"]
    assert [(str(r.focus)[len(ID):], r.severity) for r in found] == [("org/esao-unidentified-002", Severity.WARNING)]


def test_seed_001_unit_contradicting_percent_text(report):
    # seed 001, policy 5 table row 7: the text says "ร้อยละของ..." but the unit cell says โรงเรียน
    assert ("plan/lplp-devplan-2566-2570/indicator/5.3.7", "unit/school") in results(report, "UnitContradictsTextShape")


def test_seed_001_falling_target(report):
    # seed 001, policy 3 row 19: targets 85 (2566), 84 (2567), ...
    assert ("plan/lplp-devplan-2566-2570/indicator/3.3.19", "plan/lplp-devplan-2566-2570/indicator/3.3.19/target/2567") \
        in results(report, "FallingTargetShape")


def test_seed_004_indicator_that_appears_twice(report):
    # seed 004, strategic issue 1: indicators 1.4 and 2.2 have the same text; both are named
    found = results(report, "DuplicateIndicatorTextShape")
    a = "plan/cm2-devplan-2563-2565-rev2564/strategy/1/indicator/1.4"
    b = "plan/cm2-devplan-2563-2565-rev2564/strategy/1/indicator/2.2"
    assert (a, b) in found and (b, a) in found


def test_seed_003_names_another_office(report):
    # seed 003's page headers name สพม.สกลนคร and a placeholder "…อำเภอ อำเภอ" office: one result per
    # finding, each carrying which office the text names and on which line (tests/seeds/test_seed_003.py)
    found = [r for r in report.results if str(r.shape) == EDS + "ForeignOfficeNameShape"]
    assert {str(r.focus)[len(ID):] for r in found} == {"plan/lplp-hrplan-2567"}
    evidence = {(r.evidence_line, r.evidence_quote) for r in found}
    assert (891, "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาสกลนคร") in evidence
    assert sorted(line for line, _ in evidence) == [606, 607, 617, 619, 891, 910, 920, 935, 948, 976, 985]
    assert {str(r.evidence_document) for r in found} == {ID + "source/003_1637ed538e816cf6"}


def test_evidence_in_text_and_json(capsys):
    main(["--root", str(ROOT), "validate", "--office", "sesao-lampang-lamphun"])
    text = capsys.readouterr().out
    assert ('        evidence plan/lplp-hrplan-2567/finding/a18, 003_1637ed538e816cf6.txt line 891: '
            '"สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาสกลนคร"') in text.splitlines()
    # seed 001 policy 5 row 7: the unit cell says โรงเรียน (unit/school) where the text says ร้อยละ
    assert "        value: unit/school" in text.splitlines()
    main(["--root", str(ROOT), "validate", "--office", "sesao-lampang-lamphun", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)["results"]
    sakon = [r for r in rows if r["evidence_line"] == 891]
    assert [(r["focus_node"], r["value"], r["evidence_quote"]) for r in sakon] == [
        (ID + "plan/lplp-hrplan-2567", ID + "plan/lplp-hrplan-2567/finding/a18", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาสกลนคร")]


# Every Violation left on the seed graph, by shape, with the source gap that causes it.
# Patterns are anchored regular expressions over the focus node below id/.
SOURCE_GAPS = {
    # Plans known only because a seed cites them (seed 001's source column, seed 000's
    # reform plan): the citing text gives no period. Seed 002 states only an end year
    # ("ภายในปี พ.ศ. 2568"); seed 000 names the reform plan without its issuer.
    "PlanPeriodStartShape": (10, r"plan/(education-reform|esao002-strategy-2568|moe-minister-policy|moe-policy|obec-focus-points|obec-quick-policy|obec-quickwin|lampang-provincial-education-plan|lamphun-provincial-education-plan|region15-education-plan)"),
    "PlanPeriodEndShape": (9, r"plan/(education-reform|moe-minister-policy|moe-policy|obec-focus-points|obec-quick-policy|obec-quickwin|lampang-provincial-education-plan|lamphun-provincial-education-plan|region15-education-plan)"),
    "PlanIssuerShape": (1, r"plan/education-reform"),
    # Indicators whose source gives no unit: seed 003's 44 chain indicators (lines
    # 317-513, statements like "สถานศึกษาทุกแห่งมี...") and its model criteria and
    # project KPIs; seed 001's blank unit cells 4.3.2-4.3.6; seed 002's "ไม่มีนักเรียน..."
    # and "ความรุนแรง ... ลดลง"; seed 004's 5.1, whose text names no unit.
    "IndicatorUnitShape": (62, r"plan/(lplp-hrplan-2567/.*|lplp-devplan-2566-2570/indicator/4\.3\.[2-6]|esao002-strategy-2568/strategy/[34]/indicator/1|cm2-devplan-2563-2565-rev2564/strategy/6/indicator/5\.1)"),
    # Seed 003's indicators carry no yearly targets at all (an HR plan for one year
    # that lists indicators without target values).
    "IndicatorYearlyTargetsShape": (54, r"plan/lplp-hrplan-2567/.*"),
    # Strategies with no indicator in the source: seed 004's earlier (pre-revision)
    # strategies and development issues, reported with results but no indicators
    # (lines 178-336); seed 003's HR policies (lines 641-725), its strategy 5 and
    # policy 11 (chain section lines 527-546 lists focus points only).
    "StrategyIndicatorShape": (19, r"plan/(cm2-devplan-2563-2565/(strategy|issue)/\d|lplp-hrplan-2567/(hr/policy/\d|strategy/5|policy/11))"),
}


def test_every_violation_is_a_documented_source_gap(report):
    violations = [r for r in report.results if r.severity == Severity.VIOLATION]
    by_shape = {}
    for r in violations:
        by_shape.setdefault(str(r.shape)[len(EDS):], []).append(str(r.focus)[len(ID):])
    assert set(by_shape) == set(SOURCE_GAPS)
    for shape, (count, pattern) in SOURCE_GAPS.items():
        assert len(by_shape[shape]) == count, shape
        unexplained = [f for f in by_shape[shape] if not re.fullmatch(pattern, f)]
        assert unexplained == [], shape


def test_cli_exit_codes_and_fail_on(capsys):
    assert main(["--root", str(ROOT), "validate", "--severity", "violation", "--format", "json"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["counts"]["Violation"] > 0 and body["counts"]["Warning"] == 0
    # seed 000's office has no result at all: exit 0 even when Info fails
    assert main(["--root", str(ROOT), "validate", "--office", "pesao-lampang-3", "--fail-on", "info"]) == 0
    # seed 002's office has Violations (no units, no start year)
    assert main(["--root", str(ROOT), "validate", "--office", "esao-unidentified-002"]) == 1


def test_fail_on_levels():
    from edugraph.validate import Result, ValidationReport

    warning_only = ValidationReport([Result(focus=None, shape=None, severity=Severity.WARNING, messages={})])
    assert not warning_only.fails(Severity.VIOLATION)
    assert warning_only.fails(Severity.WARNING) and warning_only.fails(Severity.INFO)
    assert warning_only.conforms


def test_office_filter_keeps_only_that_office(capsys):
    assert main(["--root", str(ROOT), "validate", "--office", "pesao-chiangmai-2", "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["office"] for r in rows} == {ID + "org/pesao-chiangmai-2"}
    assert {r["source_document"] for r in rows if r["source_document"]} == {ID + "source/004_9a5e1a487ae0de77"}


def test_both_languages(capsys):
    main(["--root", str(ROOT), "validate", "--office", "sesao-lampang-lamphun", "--lang", "th"])
    thai = capsys.readouterr().out
    main(["--root", str(ROOT), "validate", "--office", "sesao-lampang-lamphun", "--lang", "en"])
    english = capsys.readouterr().out
    assert "ค่าเป้าหมายลดลงจาก 85 ในปี 2023 เป็น 84" in thai
    assert "The target falls from 85 in 2023 to 84 the year after." in english
    assert "summary:" in english.splitlines()[-1]


def test_turtle_report_is_a_shacl_validation_report(capsys, tmp_path):
    out = tmp_path / "report.ttl"
    assert main(["--root", str(ROOT), "validate", "--format", "turtle", "--output", str(out)]) == 1
    g = Graph().parse(out)
    sh = "http://www.w3.org/ns/shacl#"
    from rdflib import URIRef
    from rdflib.namespace import RDF
    assert len(list(g.subjects(RDF.type, URIRef(sh + "ValidationResult")))) == len(validate(Project(ROOT)).results)


def test_html_report(capsys):
    main(["--root", str(ROOT), "validate", "--format", "html", "--office", "pesao-lampang-3"])
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    main(["--root", str(ROOT), "validate", "--format", "html", "--office", "sesao-lampang-lamphun"])
    page = capsys.readouterr().out
    # the web face's table, one row per result, readable without the server: links are the IRIs themselves
    assert page.count('<tr class="result ') == len(validate(Project(ROOT), office="sesao-lampang-lamphun").results)
    assert re.findall(r'(?:href|src)="([^h][^"]*)"', page) == [] and "<link" not in page
    # seed 003 line 891, the evidence of a page header naming another office
    evidence = page.split('href="https://w3id.org/edugraph/id/plan/lplp-hrplan-2567/finding/a18"')[1].split("</td>")[0]
    assert "003_1637ed538e816cf6, line 891" in evidence and "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาสกลนคร" in evidence


def test_html_report_escapes_source_text():
    from dataclasses import replace

    from edugraph.validate import ValidationReport
    from edugraph.web.templating import validation_report

    script = '<script>alert("x")</script>'
    first = validate(Project(ROOT), office="sesao-lampang-lamphun").results[0]
    hostile = replace(first, quote=script, labels={"th": script}, office_labels={"th": "<b>office</b>"},
                      evidence_quote="</td><td>" + script)
    page = validation_report(ValidationReport([hostile]), "th")
    assert script not in page and "<b>office</b>" not in page and "</td><td><script" not in page
    assert page.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") == 3 and "&lt;b&gt;office&lt;/b&gt;" in page


def test_unknown_office_is_a_usage_error(capsys):
    assert main(["--root", str(ROOT), "validate", "--office", "no-such-office"]) == 2
    assert "no office" in capsys.readouterr().err


@pytest.mark.parametrize("office", ["pesao-chiangmai-2", "sesao-lampang-lamphun", "esao-unidentified-002", "obec"])
def test_office_scope_gives_the_whole_graphs_results(report, office):
    """--office validates only that office's graphs and the shared ones: same results."""
    key = lambda r: (r.focus, r.shape, r.severity, r.path, r.value)  # noqa: E731
    scoped = {key(r) for r in validate(Project(ROOT), office=office).results}
    whole = {key(r) for r in report.results if str(r.office) == ID + "org/" + office}
    assert scoped == whole and (whole or office == "pesao-lampang-3")


def test_whole_graph_results_are_reused_until_a_shape_or_input_changes(tmp_path, monkeypatch, report):
    """The whole graph's results are cached: validating again loads nothing, a changed shape file
    or a damaged entry means checking again."""
    import shutil

    from edugraph import build as build_module

    from helpers import make_project

    project = make_project(tmp_path, with_seed_data=True)
    shutil.copytree(ROOT / "shapes", tmp_path / "shapes")
    first = validate(project)
    key = lambda r: (r.focus, r.shape, r.severity, r.path, r.value, r.office, r.plan, r.quote)  # noqa: E731
    assert sorted(map(key, first.results), key=repr) == sorted(map(key, report.results), key=repr)

    def no_store(project, **_):
        raise AssertionError("the whole graph was loaded again")

    monkeypatch.setattr(build_module, "load_store", no_store)
    again = validate(project, severity="warning")
    assert again.results == [r for r in first.results if r.severity >= Severity.WARNING]
    monkeypatch.undo()

    falling = [r for r in first.results if str(r.shape) == EDS + "FallingTargetShape"]
    assert falling
    with open(tmp_path / "shapes" / "consistency.shapes.ttl", "a", encoding="utf-8") as shapes:
        shapes.write("\neds:FallingTargetShape sh:deactivated true .\n")
    changed = validate(project)
    assert changed.results == [r for r in first.results if r not in falling]

    (entry,) = (tmp_path / ".edugraph-cache" / "validation").glob("*.json")
    entry.write_text('{"format": 1, "results": [{"focus": ', encoding="utf-8")
    assert validate(project).results == changed.results
    assert len(list(entry.parent.glob("*.json"))) == 1
