"""Personal data (Thailand's PDPA): no contact details in the graph or in the
repository's copies of the sources, redactions recorded, and no one named in
the graph beyond what a public plan's accountability needs
(docs/data-conventions.md, "Personal data")."""
import hashlib

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, PROV, RDF

from edugraph.integrity import EMAIL, PHONE
from edugraph.namespaces import EDU, SPDX

from helpers import ROOT

SOURCES = ROOT / "data" / "sources"
DATA_FILES = sorted(p for p in (ROOT / "data").rglob("*") if p.is_file())


@pytest.mark.parametrize("text, found", [
    ("เบอร์โทร 081-6727377", True),               # the mobile form seed 003 had on line 882
    ("โทรศัพท์ : ๐-๕๓๔๖-๕๕๕๕-๖", True),          # Thai digits, 0-XXXX-XXXX-X, seed 004 line 83
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
    g = Graph()
    for path in DATA_FILES:
        if path.suffix == ".ttl":
            g.parse(path)
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
        assert g.value(activity, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")) is not None
        assert int(g.value(original, DCAT.byteSize)) == int(g.value(doc, DCAT.byteSize)) == len(copy)
        assert _sha256(g, doc) == hashlib.sha256(copy).hexdigest()
        assert len(_sha256(g, original)) == 64 and _sha256(g, original) != _sha256(g, doc)
