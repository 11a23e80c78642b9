"""Personal data (Thailand's PDPA): no contact details in the graph or in the
repository's copies of the sources, redactions recorded, and no one named in
the graph beyond what a public plan's accountability needs
(docs/data-conventions.md, "Personal data")."""
import hashlib
import re
import shutil

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, FOAF, ORG, PROV, RDF, RDFS

from edugraph.cli import main
from edugraph.integrity import EMAIL, OWN_WORDS, PERSON_NAME, PHONE, check, redact, source_texts
from edugraph.namespaces import EDU, SPDX

from helpers import ROOT

SOURCES = ROOT / "data" / "sources"
DATA_FILES = sorted(p for p in (ROOT / "data").rglob("*") if p.is_file())


def _graph():
    g = Graph()
    for path in DATA_FILES:
        if path.suffix == ".ttl":
            g.parse(path)
    return g


@pytest.mark.parametrize("text, found", [
    ("เบอร์โทร 081-2345678", True),               # the mobile form seed 003 had on line 882 (number made up)
    ("โทรศัพท์ : ๐-๕๓๐๐-๐๐๐๐-๑", True),          # Thai digits, 0-XXXX-XXXX-X, as seed 004 line 83 (made up)
    ("โทรสาร ๐๕๓ ๔๖๕ ๓๗๕", True),
    ("02-123-4567", True),
    ("+66 81 234 5678", True),
    ("๕๑.๐๐\t๕๓.๐๐\t๕๔.๐๐", False),              # a row of scores, not a number to call
    ("๐\t๗๐\t๗๕\t๘๐\t๘๕", False),
    ("งบประมาณ 1,170 บาท ปี 2567", False),
    ("099592544b1c292a5ef117ecfae5fa97", False),   # the start of a SHA-256
])
def test_the_phone_pattern_knows_thai_forms(text, found):
    assert bool(PHONE.search(text)) is found


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(ROOT / "data")))
def test_no_phone_number_or_e_mail_address_in_any_data_file(path):
    """Every file under data/, the byte copies of the sources included, read as text."""
    text = path.read_text(encoding="utf-8")
    hits = [(n, m.group()) for n, line in enumerate(text.split("\n"), 1)
            for m in [*EMAIL.finditer(line), *PHONE.finditer(line)]]
    assert hits == []


def test_no_contact_details_in_the_graph():
    g = _graph()
    leaks = [o for o in g.objects() if isinstance(o, Literal) and (EMAIL.search(str(o)) or PHONE.search(str(o)))]
    assert leaks == []


def _sha256(g, node):
    return str(g.value(g.value(node, SPDX.checksum), SPDX.checksumValue))


def test_redacted_copies_record_the_original_and_what_was_masked():
    """A redacted copy keeps the original's size (masking is byte for byte, so lines
    and quotes are unchanged), and names the original's SHA-256 and the redaction."""
    g = Graph().parse(SOURCES / "sources.ttl")
    redacted = {str(g.value(doc, URIRef("http://purl.org/dc/terms/identifier"))): doc
                for doc in g.subjects(PROV.wasDerivedFrom, None)}
    # seed 003 line 882 (a mobile number and a Gmail address), seed 004 line 83 (the office's phone and fax)
    assert sorted(redacted) == ["003_1637ed538e816cf6.txt", "004_9a5e1a487ae0de77.txt"]
    for name, doc in redacted.items():
        assert (doc, RDF.type, EDU.SourceDocument) in g
        copy = (SOURCES / name).read_bytes()
        original = g.value(doc, PROV.wasDerivedFrom)
        activity = g.value(doc, PROV.wasGeneratedBy)
        assert (activity, RDF.type, PROV.Activity) in g and (activity, PROV.used, original) in g
        assert g.value(activity, RDFS.comment) is not None
        assert int(g.value(original, DCAT.byteSize)) == int(g.value(doc, DCAT.byteSize)) == len(copy)
        assert _sha256(g, doc) == hashlib.sha256(copy).hexdigest()
        assert len(_sha256(g, original)) == 64 and _sha256(g, original) != _sha256(g, doc)


def test_the_name_pattern():
    assert PERSON_NAME.search("-นางบุปผา อริยะสม -ร.ท.หญิงนิศาชล ประธานราษฎร์")
    assert PERSON_NAME.search("proposer นางวัชรวิณี สิทธิวงศ์; endorser")
    assert PERSON_NAME.search("-นายกิตติศักดิ์ นวลจันทร์") and PERSON_NAME.search("นางสาวอัญชลีพร เชียงพันธ์")
    assert not PERSON_NAME.search("ดำเนินงานด้านวิชาการ และจัดให้มีระบบประกันคุณภาพภายใน (นางานด้าน)")
    assert not PERSON_NAME.search("นายกรัฐมนตรี ประกาศ")


def test_the_integrity_check_flags_a_person_and_a_name(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix edu: <https://w3id.org/edugraph/ontology#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "<https://example.org/p> a foaf:Person .\n"
        '<https://example.org/a> edu:responsibleText "-นายณัฐวัชร อู่เจริญ" .\n', encoding="utf-8")
    problems = check(bad, source_texts(SOURCES))
    assert problems == ["https://example.org/p: a person in the graph (name a group or a post instead)",
                        "https://example.org/a: a person's name in responsibleText: '-นายณัฐวัชร อู่เจริญ'"]


def test_no_one_is_named_beyond_what_accountability_needs():
    """No person node and no name in the project's own words: activities answer to their
    group, signatures to the post (org:Post) the document names. Quotes of the source
    (edu:sourceQuote, edu:evidenceQuote) stay verbatim, names included."""
    g = _graph()
    assert list(g.subjects(RDF.type, FOAF.Person)) == []
    assert sorted({str(t) for t in g.all_nodes() if isinstance(t, URIRef) and "/id/person/" in str(t)}) == []
    named = sorted((str(s)[len("https://w3id.org/edugraph/id/"):], str(o)[:60])
                   for prop in OWN_WORDS for s, o in g.subject_objects(prop) if PERSON_NAME.search(str(o)))
    assert named == []
    # a post is in the graph only because a signature (a prov:Attribution) names it
    posts = set(g.subjects(RDF.type, ORG.Post))
    assert posts and all(any(g.subjects(PROV.agent, post)) for post in posts)


def test_redact_masks_byte_for_byte():
    text = "ก\nผู้รับผิดชอบ เบอร์โทร 081-2345678 E-mail a.b@gmail.com\nโทรศัพท์ : ๐-๕๓๐๐-๐๐๐๐-๑ Website : www.cme2.go.th"
    masked, lines = redact(text)
    assert lines == [2, 3]
    assert masked.split("\n")[1] == "ผู้รับผิดชอบ เบอร์โทร xxx-xxxxxxx E-mail xxxxxxxxxxxxx"
    assert masked.split("\n")[2] == "โทรศัพท์ : •-••••-••••-• Website : www.cme2.go.th"
    assert [len(x.encode()) for x in masked.split("\n")] == [len(x.encode()) for x in text.split("\n")]
    assert redact(masked) == (masked, [])


def test_registering_a_text_with_contact_details_keeps_a_masked_copy(tmp_path, capsys):
    """`edugraph draft` registers a new text under data/sources/: the copy has its phone
    number and e-mail address masked, and sources.ttl records the original as for seed 003."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "ontology", root / "ontology")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    shutil.copytree(SOURCES, root / "data" / "sources")
    plan = ROOT / "tests" / "fixtures" / "draft" / "cells-thai-digits.txt"   # its last line: 054-123456, plan@example.org
    assert main(["--root", str(root), "draft", str(plan)]) == 0
    capsys.readouterr()
    [copy] = [p for p in (root / "data" / "sources").glob("005_*.txt")]
    data = copy.read_bytes()
    assert len(data) == plan.stat().st_size and redact(data.decode())[1] == []
    assert data.split(b"\n")[:-2] == plan.read_bytes().split(b"\n")[:-2]   # only the contact line differs
    g = Graph().parse(root / "data" / "sources" / "sources.ttl")
    doc = URIRef("https://w3id.org/edugraph/id/source/" + copy.stem)
    assert _sha256(g, doc) == hashlib.sha256(data).hexdigest()
    assert _sha256(g, g.value(doc, PROV.wasDerivedFrom)) == hashlib.sha256(plan.read_bytes()).hexdigest()
    assert (g.value(doc, PROV.wasGeneratedBy), RDF.type, PROV.Activity) in g
    # the same file again is known by its original's checksum: nothing new is registered
    assert main(["--root", str(root), "draft", str(plan), "--out", str(tmp_path / "again")]) == 2
    assert "already registered as source " + copy.stem in capsys.readouterr().err
