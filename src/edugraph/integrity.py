"""Check data files against the conventions before committing them.

Usage: python -m edugraph.integrity data/seeds/001_8c1bc81af2735ebe.ttl [more.ttl ...]

Parses each file, then checks that every edu:sourceQuote / edu:evidenceQuote
occurs verbatim in the source text its element cites (dcterms:source), that
edu:sourceLine points at a line where the quote starts, that no e-mail address
or phone number is present, that no person is named in the project's own words
(docs/data-conventions.md, "Personal data"), and that each edu:serves has a
qualified record.
Exits 1 and lists the problems when any check fails.
"""
import re
import sys
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS

EDU = Namespace("https://w3id.org/edugraph/ontology#")
SOURCE_BASE = "https://w3id.org/edugraph/id/source/"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# A Thai phone number: 0 (or ๐, or +66) and eight or nine more digits, Arabic or
# Thai (\d matches both), in any grouping by single spaces or dashes: mobile
# 081-234-5678, Bangkok 02-123-4567, provincial 053-123-456, 0-5346-5555; not
# part of a longer run of digits, Latin letters (a checksum) or decimals.
PHONE = re.compile(r"(?<![\dA-Za-z.,])(?:\+66|[0๐])(?:[ -]?\d){8,9}(?![\dA-Za-z.,])")
# A Thai personal name: a title (นาย, นาง, นางสาว, a rank, ดร.), a given name starting with
# a consonant or a leading vowel, a space and a surname. นายกรัฐมนตรี (prime minister),
# นายกเทศมนตรี (mayor) and นายกองค์การ… (chief executive) are offices, not titles.
PERSON_NAME = re.compile(r"(?:นาย(?!ก(?:รัฐมนตรี|เทศมนตรี|องค์การ))|นางสาว|นาง|ว่าที่ร้อยตรี|ร\.ท\.หญิง|ดร\.)"
                         r"[ก-ฮเ-ไ][ก-๛]* [ก-ฮเ-ไ]")
# Where a name would be the project's own words rather than a quote of the source
OWN_WORDS = (EDU.responsibleText, RDFS.comment, FOAF.name)


def _mask(found: str, keep: str) -> str:
    """Each character replaced by one of the same UTF-8 length: 'x' (one byte), '•' (three, like a Thai digit)."""
    return "".join(c if c in keep else "•" if len(c.encode("utf-8")) == 3 else "x" * len(c.encode("utf-8"))
                   for c in found)


def redact(text: str) -> tuple[str, list[int]]:
    """The text with every e-mail address and phone number masked character for character
    (a phone number's spaces and dashes kept), so every line keeps its number and its
    byte length and quotes of other text still verify; and the numbers of the lines masked."""
    lines, masked = text.split("\n"), []
    for n, line in enumerate(lines):
        new = EMAIL.sub(lambda m: _mask(m.group(), ""), line)
        new = PHONE.sub(lambda m: _mask(m.group(), " -"), new)
        if new != line:
            lines[n] = new
            masked.append(n + 1)
    return "\n".join(lines), masked


def source_texts(sources_dir: Path) -> dict:
    """Source document IRI -> text of data/sources/<identifier>.txt."""
    return {SOURCE_BASE + p.stem: p.read_text(encoding="utf-8") for p in Path(sources_dir).glob("*.txt")}


def check(path, texts):
    problems = []
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except Exception as exc:  # report the parser's message, file and line
        return [f"{path}: does not parse: {exc}"]
    for prop in (EDU.sourceQuote, EDU.evidenceQuote):
        for node, quote in g.subject_objects(prop):
            src = g.value(node, DCTERMS.source)
            if src is None or str(src) not in texts:
                problems.append(f"{node}: no dcterms:source naming a source text")
                continue
            text = texts[str(src)]
            if str(quote) not in text:
                problems.append(f"{node}: quote not verbatim in {src.split('/')[-1]}: {str(quote)[:60]!r}")
                continue
            line = g.value(node, EDU.sourceLine)
            if line is not None:
                lines = text.split("\n")
                first = str(quote).split("\n")[0]
                n = int(line)
                if not (1 <= n <= len(lines)) or first not in lines[n - 1]:
                    problems.append(f"{node}: sourceLine {n} does not hold the quote's first line")
    for s, p, o in g:
        for term in (s, p, o):
            value = str(term)
            if EMAIL.search(value) and not isinstance(term, URIRef):
                problems.append(f"{s}: e-mail address in the graph: {value[:60]!r}")
            if PHONE.search(value) and not isinstance(term, URIRef):
                problems.append(f"{s}: phone-number-like text in the graph: {value[:60]!r}")
    for node in g.subjects(RDF.type, FOAF.Person):
        problems.append(f"{node}: a person in the graph (name a group or a post instead)")
    for prop in OWN_WORDS:
        for node, value in g.subject_objects(prop):
            if PERSON_NAME.search(str(value)):
                problems.append(f"{node}: a person's name in {_local(prop)}: {str(value)[:60]!r}")
    for lower, higher in g.subject_objects(EDU.serves):
        if not any(g.value(rec, EDU.alignedTo) == higher for rec in g.objects(lower, EDU.hasAlignment)):
            problems.append(f"{lower}: edu:serves {higher} has no edu:hasAlignment record")
    return problems


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def main(argv):
    from .project import Project

    texts = source_texts(Project.find().root / "data" / "sources")
    problems = [p for path in argv for p in check(path, texts)]
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {len(argv)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
