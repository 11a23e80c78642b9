"""Suggested alignments: the quality harness, a floor on its figures, records, review sheets and their round trip."""
import csv
import json
import shutil

import pytest

from edugraph.build import load_store
from edugraph.cli import main
from edugraph.project import Project
from edugraph.suggest import MIN_SCORE, Corpus, Scorer, Suggestion, _upward, training
from edugraph.suggest_quality import evaluate, gold, score_floors, precision_at_1, random_expectation, recall_at, reciprocal_rank

from helpers import ROOT

ID = "https://w3id.org/edugraph/id/"
NS = ID + "plan/national-strategy-2561-2580"
OBEC_2567 = ID + "plan/obec-policy-2567"
CM2 = "https://w3id.org/edugraph/graph/seeds/004_9a5e1a487ae0de77"


@pytest.fixture(scope="module")
def corpus():
    return Corpus.read(load_store(Project(ROOT)))


# --- the harness ------------------------------------------------------------

def test_gold_is_the_stated_and_curated_links_by_scheme(corpus):
    # seed 001's office policy 1 is curated to OBEC FY 2567 item 8 and National Strategy areas 1 and 5
    truth = gold(corpus)
    policy = ID + "plan/lplp-devplan-2566-2570/policy/1"
    assert truth[(policy, OBEC_2567)] == {ID + "obec-policy-2567/8"}
    assert truth[(policy, NS)] == {ID + "national-strategy/1", ID + "national-strategy/5"}
    # links to whole plans and to items of no framework (provincial plans, laws) are not gold
    assert all(c in corpus.candidates for targets in truth.values() for c in targets)


def test_seed_004s_original_and_revised_plans_are_one_document(corpus):
    original = corpus.elements[ID + "plan/cm2-devplan-2563-2565/strategy/1"]
    revised = corpus.elements[ID + "plan/cm2-devplan-2563-2565-rev2564/strategy/1"]
    assert original.document == revised.document == CM2


def test_the_split_holds_out_the_whole_document(corpus):
    kept = training(corpus, CM2)
    assert kept and all(corpus.elements[e].document != CM2 for e in kept)
    others = {e for e in corpus.links if corpus.elements[e].document != CM2}
    assert set(kept) == others


def test_metrics_on_a_case_known_by_hand():
    ranking = ["a", "b", "c", "d", "e", "f"]
    assert precision_at_1(ranking, {"a"}) == 1.0
    assert precision_at_1(ranking, {"b"}) == 0.0
    assert recall_at(ranking, {"b", "f"}) == 0.5  # f is sixth
    assert reciprocal_rank(ranking, {"c", "e"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(ranking, {"z"}) == 0.0
    # one relevant among 4 random candidates: P@1 1/4, all 4 within the top 5, E[1/rank] = (1 + 1/2 + 1/3 + 1/4) / 4
    p1, r5, rr = random_expectation(4, 1)
    assert (p1, r5) == (0.25, 1.0)
    assert rr == pytest.approx((1 + 1 / 2 + 1 / 3 + 1 / 4) / 4)
    # two relevant among 3: the first rank is relevant with p 2/3, else the second is
    assert random_expectation(3, 2)[2] == pytest.approx(2 / 3 + 1 / 3 * 1 / 2)


def test_leave_one_document_out_quality_floor(corpus):
    """A regression in the method fails here; the figures themselves are in benchmarks/RESULTS.md."""
    figures = evaluate(corpus)
    overall = figures["all"]
    assert overall["method"]["mrr"] >= 0.85
    assert overall["method"]["mrr"] > overall["most-linked"]["mrr"] > overall["random"]["mrr"]
    assert figures["national-strategy"]["method"]["mrr"] >= 0.85
    assert figures["obec-policy-2567"]["method"]["p1"] >= 0.85


def test_the_default_minimum_score_keeps_the_gold_links_and_drops_noise(corpus):
    floor = score_floors(corpus, floors=(MIN_SCORE,))[0]
    assert floor["gold kept"] >= 0.95 and floor["suggestions kept"] <= 0.8


def test_the_help_names_the_default_minimum_score(capsys):
    with pytest.raises(SystemExit):
        main(["suggest", "--help"])
    assert f"default {MIN_SCORE}," in " ".join(capsys.readouterr().out.split())


# --- records, sheets, round trip (in a copy of the project) -----------------

@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("suggest")
    for folder in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(ROOT / folder, root / folder)
    assert main(["--root", str(root), "suggest", "--write", "--top", "2"]) == 0
    return root


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "data").rglob("*")) if p.is_file()}


def test_write_records_suggestions_byte_identically(copy):
    first = {k: v for k, v in _files(copy).items() if k.startswith("data/suggested/")}
    assert sorted(first) == [f"data/suggested/{p.name}" for p in sorted((ROOT / "data" / "seeds").glob("*.ttl"))]
    text = first["data/suggested/001_8c1bc81af2735ebe.ttl"].decode("utf-8")
    assert "edu:basis edu:Suggested" in text and "edu:serves" not in text
    assert main(["--root", str(copy), "suggest", "--write", "--top", "2"]) == 0
    assert {k: v for k, v in _files(copy).items() if k.startswith("data/suggested/")} == first


def test_written_suggestions_pass_the_alignment_shapes(copy):
    from edugraph.validate import validate

    report = validate(Project(copy), severity="violation")
    alignment_shapes = {"AlignmentRecordShape", "SuggestedScoreShape", "SuggestedNotServesShape", "AlignmentDirectionShape"}
    assert not [r for r in report.results if str(r.shape).rsplit("#", 1)[-1] in alignment_shapes]
    store = load_store(Project(copy))
    rows = list(store.query("""PREFIX edu: <https://w3id.org/edugraph/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE { ?a edu:basis edu:Suggested ; edu:score ?s }""", use_default_graph_as_union=True))
    assert int(rows[0]["n"].value) > 100


def _sheet(copy, tmp_path, args=()):
    out = tmp_path / "sheet.csv"
    assert main(["--root", str(copy), "suggest", "--review", "--office", "pesao-chiangmai-2", "--top", "1", "--output", str(out), *args]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        return out, list(csv.reader(handle))


def _save(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("column, value, message", [
    (0, ID + "plan/no-such-plan/policy/1", "unknown office element"),
    (2, ID + "obec-policy-2567/99", "unknown framework item"),
    (6, "maybe", "is not accept or reject"),
    (8, "0123456789abcdef", "made from other data"),
])
def test_a_bad_row_is_refused_with_its_line_and_changes_nothing(copy, tmp_path, capsys, column, value, message):
    sheet, rows = _sheet(copy, tmp_path)
    rows[1][6] = "accept"
    rows[3][column] = value
    _save(sheet, rows)
    before = _files(copy)
    capsys.readouterr()
    assert main(["--root", str(copy), "review", "apply", str(sheet)]) == 2
    err = capsys.readouterr().err
    assert "sheet.csv:4: " in err and message in err and "Traceback" not in err
    assert _files(copy) == before


def test_review_round_trip(copy, tmp_path):
    sheet, rows = _sheet(copy, tmp_path)
    header = rows[0]
    accepted, rejected = rows[1], rows[2]
    assert header == ["element", "element label", "candidate", "candidate label", "score", "evidence", "decision", "rationale", "build"]
    assert accepted[0] == rejected[0]  # two frameworks' suggestions for one element
    accepted[6], rejected[6], rejected[7] = "accept", "reject", "not what the goal is about"
    _save(sheet, [header, accepted, rejected])
    assert main(["--root", str(copy), "review", "apply", str(sheet)]) == 0

    store = load_store(Project(copy))  # rebuilt: the seed file changed
    element, candidate = accepted[0], accepted[2]
    rows = list(store.query(f"""PREFIX edu: <https://w3id.org/edugraph/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?rationale ?who WHERE {{
          <{element}> edu:serves <{candidate}> ; edu:hasAlignment ?a .
          ?a edu:alignedTo <{candidate}> ; edu:basis edu:Curated ; edu:rationale ?rationale ; prov:wasAttributedTo ?who }}""",
                            use_default_graph_as_union=True))
    assert len(rows) == 1
    assert rows[0]["rationale"].value == f"accepted suggestion: {accepted[5]}"
    assert rows[0]["who"].value == ID + "agent/edugraph-editors"

    # neither the accepted nor the rejected pair is suggested again
    out = tmp_path / "again.csv"
    assert main(["--root", str(copy), "suggest", "--element", element, "--top", "20", "--format", "csv", "--output", str(out)]) == 0
    pairs = {(r["element"], r["candidate"]) for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert pairs and (element, candidate) not in pairs and (rejected[0], rejected[2]) not in pairs
    # the same sheet cannot be applied twice: the data it was made from changed
    assert main(["--root", str(copy), "review", "apply", str(sheet)]) == 2


# --- the catalogue's queries with suggestions (a one-office project) --------

TINY = """@prefix edu: <https://w3id.org/edugraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/edugraph/id/plan/tiny-2567> a edu:ActionPlan ;
    edu:issuer <https://w3id.org/edugraph/id/org/pesao-lampang-3> ;
    edu:periodStartBE 2567 ; edu:periodEndBE 2567 .
<https://w3id.org/edugraph/id/plan/tiny-2567/strategy/1> a edu:Strategy ;
    rdfs:label "ส่งเสริมการอ่าน การเขียน ของนักเรียน"@th ;
    edu:partOf <https://w3id.org/edugraph/id/plan/tiny-2567> .
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    for folder in ("ontology", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    for name in ("organisations.ttl", "obec-policy-2567.ttl", "national-strategy.ttl"):
        (root / "data" / "reference").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "data" / "reference" / name, root / "data" / "reference" / name)
    (root / "data" / "seeds").mkdir()
    (root / "data" / "seeds" / "tiny.ttl").write_text(TINY, encoding="utf-8")
    assert main(["--root", str(root), "suggest", "--write", "--framework", "obec-policy", "--framework", "national-strategy"]) == 0
    return Project(root)


def _rows(project, name, *params):
    from edugraph import query as Q

    result = Q.run(project, name=name, params=list(params))
    return [{k: (v.toPython() if hasattr(v, "toPython") else v) for k, v in zip(result.columns, row)} for row in result.rows]


def test_queries_keep_suggestions_apart(tiny):
    strategy = ID + "plan/tiny-2567/strategy/1"
    corpus = Corpus.read(load_store(tiny))
    items = {c for c in corpus.candidates if c.startswith(ID + "obec-policy-2567/") and "." not in c.rsplit("/", 1)[1]}
    audit = _rows(tiny, "alignment-audit", "office=pesao-lampang-3")
    obec = {str(r["alignedTo"]) for r in audit if str(r["alignedTo"]).startswith(ID + "obec-policy-2567/")}
    assert audit and all(r["basis"] == "Suggested" and 0 <= float(r["score"]) <= 1 for r in audit)
    # gaps: nothing serves any OBEC item; each item names the element suggested for it, the others none
    gaps = [r for r in _rows(tiny, "gaps", "year=2567") if r["gap"] == "obec-item-not-picked-up"]
    assert {str(r["element"]) for r in gaps} == items
    assert {str(r["element"]) for r in gaps if r["suggested"] is not None} == obec & items
    assert {str(r["suggested"]) for r in gaps if r["suggested"] is not None} == {strategy}
    # coverage counts suggestions only when asked, in their own column
    assert not [r for r in _rows(tiny, "coverage-matrix", "year=2567") if str(r["office"]).endswith("pesao-lampang-3")]
    covered = [r for r in _rows(tiny, "coverage-matrix", "year=2567", "suggestions=true") if str(r["office"]).endswith("pesao-lampang-3")]
    assert covered and all(int(r["elements"]) == int(r["indicators"]) == 0 and int(r["suggested"]) == 1 for r in covered)
    # chain up: no link without the parameter; with it, every suggestion is a row marked suggested
    assert all(r["link"] == "partOf" for r in _rows(tiny, "chain-up", f"element={strategy}"))
    chain = _rows(tiny, "chain-up", f"element={strategy}", "suggestions=true")
    marked = [r for r in chain if r["link"] == "suggested"]
    assert marked and all(r["basis"] == "Suggested" for r in marked)
    assert {str(r["higher"]) for r in marked} == {str(r["alignedTo"]) for r in audit}


def test_schemes_never_point_down_the_planning_levels(corpus):
    from dataclasses import replace

    element = corpus.elements[ID + "plan/lplp-devplan-2566-2570/policy/1"]  # an office element: level 1
    assert {s.framework for s in corpus.schemes_for(element)} == {"national-strategy", "master-plan", "moe-policy", "obec-policy", "quick-win"}
    # an element of a ministry-level plan (4) may serve the National Strategy (6) and master plans (5), never OBEC (3)
    ministry = replace(element, level=4)
    assert {s.framework for s in corpus.schemes_for(ministry)} == {"national-strategy", "master-plan", "moe-policy"}
    # at office level, another office's element of the same level is never a candidate
    office_scheme = replace(next(iter(corpus.schemes.values())), level=1)
    assert not _upward(element, office_scheme)


def test_suggest_for_an_office_prints_ranked_suggestions_with_scores_and_evidence(capsys):
    assert main(["--root", str(ROOT), "suggest", "--office", "pesao-chiangmai-2", "--format", "json"]) == 0
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(capsys.readouterr().out)["results"]["bindings"]]
    assert rows and all(r["element"].startswith(ID + "plan/cm2-") for r in rows)  # seed 004: the office's only plans
    assert all(0 <= float(r["score"]) <= 1 and r["evidence"] for r in rows)
    by_query = {}
    for r in rows:
        by_query.setdefault((r["element"], r["framework"]), []).append(float(r["score"]))
    assert all(scores == sorted(scores, reverse=True) and len(scores) <= 3 for scores in by_query.values())
    # goal 2, "ผู้เรียนมีความสามารถความเป็นเลิศทางวิชาการเพื่อสร้างขีดความสามารถในการแข่งขัน", reads as area 2,
    # "ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน"; no document links it (seed 004 links its strategies only)
    goal = ID + "plan/cm2-devplan-2563-2565-rev2564/goal/2"
    best = next(r for r in rows if r["element"] == goal and r["framework"] == "national-strategy")
    assert best["candidate"] == ID + "national-strategy/2"


def test_evidence_names_whole_words_that_tell_the_candidates_apart(corpus):
    scorer = Scorer(corpus)
    goal = ID + "plan/cm2-devplan-2563-2565-rev2564/goal/1"  # "ผู้เรียนมีคุณธรรม จริยธรรม ค่านิยมที่ดีงาม ... รักและยึดมั่นในสถาบันหลักของชาติ ..."

    def words(candidate, element=goal):
        return scorer.explain(Suggestion(element, ID + candidate, "", 0.0, 0.0, 0.0, 0.0, [], None)).words

    # area 6's sub-items: "ยึดหลักคุณธรรม จริยธรรม", "ยึดมั่นในหลักคุณธรรม จริยธรรม"
    assert {"คุณธรรม", "จริยธรรม", "ยึดมั่น"} <= set(words("national-strategy/6"))
    # "ชาติ" is in the goal and in "ยุทธศาสตร์ชาติด้านความมั่นคง", but also in every other area's name
    assert "ชาติ" not in words("national-strategy/1")
    # OBEC FY 2564-2565 dimension 4 writes "บริหาร" and "มัธยมดี": "ริ" inside the goal's "จริยธรรม" and "ดี" inside
    # its "ดีงาม" are letters of longer words, not shared words
    assert not {"ริ", "ดี"} & set(words("obec-policy-2564-2565/4"))
    # a noun and its verb or adjective are one word: goal 4's "...ทางการเรียนรู้ที่เสมอภาคและเท่าเทียมกัน" shares
    # "ความเสมอภาค" with master plan 17, "ความเสมอภาคและหลักประกันทางสังคม"
    assert "ความเสมอภาค" in words("master-plan/17", ID + "plan/cm2-devplan-2563-2565-rev2564/goal/4")


@pytest.mark.parametrize("args, message", [
    (["suggest", "--top", "0"], "--top must be at least 1"),
    (["suggest", "--min-score", "1.5"], "--min-score between 0 and 1"),
    (["suggest", "--write", "--review"], "separate steps"),
    (["suggest", "--element", "plan/no-such-plan/policy/1"], "is not an office element"),
    (["suggest", "--office", "no-such-office"], "no office elements for office"),
    (["review", "apply", "/nonexistent/sheet.csv"], "sheet.csv"),
])
def test_bad_arguments_are_one_line_and_exit_2(capsys, args, message):
    assert main(["--root", str(ROOT), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture(scope="module")
def linked(tiny, tmp_path_factory):
    """The one-office project with one stated link: its strategy serves the first item suggested for it,
    the suggestion record for that item left beside the link."""
    strategy = ID + "plan/tiny-2567/strategy/1"
    target = min(str(r["alignedTo"]) for r in _rows(tiny, "alignment-audit", "office=pesao-lampang-3"))
    root = tmp_path_factory.mktemp("linked")
    shutil.copytree(tiny.root, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("dist"))
    with (root / "data" / "seeds" / "tiny.ttl").open("a", encoding="utf-8") as seed:
        seed.write(f"<{strategy}> edu:serves <{target}> .\n")
    return Project(root), strategy, target


def _links_from(project, strategy, *params):
    return sorted((r["link"], r["basis"], str(r["higher"]), str(r["office"]))
                  for r in _rows(project, "chain-down", *params) if str(r["lower"]) == strategy)


def test_chain_down_lists_suggestions_on_the_chain_only_when_asked(linked):
    project, strategy, target = linked
    office = ID + "org/pesao-lampang-3"
    assert _links_from(project, strategy, f"area={target}") == [("serves", None, target, office)]
    asked = [("serves", None, target, office), ("suggested", "Suggested", target, office)]
    assert _links_from(project, strategy, f"area={target}", "suggestions=true") == asked
    # with office=, the office's own suggestions only
    assert _links_from(project, strategy, f"area={target}", "office=pesao-lampang-3", "suggestions=true") == asked
    assert not _rows(project, "chain-down", f"area={target}", "office=pesao-chiangmai-2", "suggestions=true")


def test_chain_down_suggestion_rows_are_the_same_on_virtuoso(linked, tmp_path, monkeypatch):
    """On a server of its own: the session's server holds other projects' reference data, from which
    more framework items serve the area."""
    from edugraph import query as Q
    from edugraph.publish import publish
    from virtuoso import Virtuoso

    project, strategy, target = linked
    server = Virtuoso(tmp_path / "virtuoso").start()
    try:
        monkeypatch.setenv("EDUGRAPH_USER", "dba")
        monkeypatch.setenv("EDUGRAPH_PASSWORD", server.password)
        monkeypatch.setenv("NETRC", "/nonexistent")
        assert publish(project, server.sparql_auth, graph_store=server.graph_store).ok

        def rows(params, lang, endpoint=None):
            result = Q.run(project, name="chain-down", params=params, lang=lang, endpoint=endpoint)
            return sorted(tuple(v.n3() if v is not None else "" for v in row) for row in result.rows)

        for params in ([f"area={target}"], [f"area={target}", "suggestions=true"],
                       [f"area={target}", "office=pesao-lampang-3", "suggestions=true"]):
            for lang in ("en", "th"):
                local = rows(params, lang)
                assert any(row[1] == f"<{strategy}>" for row in local)
                assert any(row[4] == '"suggested"' for row in local) == ("suggestions=true" in params)
                assert rows(params, lang, server.sparql) == local, f"{params} {lang}"
    finally:
        server.stop()
