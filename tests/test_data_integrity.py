"""The data is faithful to its sources: quotes verbatim at their lines, checksums
right, every stated/curated link qualified (personal data: test_privacy.py)."""
import hashlib
import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from edugraph.integrity import check, source_texts
from edugraph.namespaces import EDU, SPDX

from helpers import ROOT

DATA_FILES = sorted((ROOT / "data").rglob("*.ttl"))
TEXTS = source_texts(ROOT / "data" / "sources")


def test_discovery_finds_the_data():
    assert len(DATA_FILES) >= 15 and len(TEXTS) == 5


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_quotes_lines_contacts_and_records(path):
    """Every edu:sourceQuote / edu:evidenceQuote occurs verbatim in the source it cites,
    edu:sourceLine holds its first line, no e-mail or phone number, serves has a record."""
    assert check(path, TEXTS) == []


def test_the_checker_catches_a_misquote(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        '@prefix edu: <https://w3id.org/edugraph/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n'
        '<https://example.org/x> edu:sourceQuote "ข้อความที่ไม่มีในเอกสาร" ; '
        'dcterms:source <https://w3id.org/edugraph/id/source/001_8c1bc81af2735ebe> .\n', encoding="utf-8")
    assert any("not verbatim" in p for p in check(bad, TEXTS))


def test_source_checksums_match_the_copies():
    g = Graph().parse(ROOT / "data" / "sources" / "sources.ttl")
    docs = list(g.subjects(RDF.type, EDU.SourceDocument))
    assert len(docs) == 5
    for doc in docs:
        name = str(g.value(doc, URIRef("http://purl.org/dc/terms/identifier")))
        value = str(g.value(g.value(doc, SPDX.checksum), SPDX.checksumValue))
        assert hashlib.sha256((ROOT / "data" / "sources" / name).read_bytes()).hexdigest() == value


def test_thai_digits_are_converted_in_notations():
    g = Graph()
    for path in DATA_FILES:
        g.parse(path)
    thai = re.compile("[๐-๙]")
    assert [n for n in g.objects(None, URIRef("http://www.w3.org/2004/02/skos/core#notation")) if thai.search(str(n))] == []
