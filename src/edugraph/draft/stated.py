"""Alignment lines the text itself states, resolved to the reference frameworks by the words those files quote."""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from ..namespaces import EDU
from .text import key

_CITED_AS = re.compile(r"[Cc]ited (?:there )?as ((?:'[^']+'(?:\s*/\s*)?)+)")
PLAN_WORDS = ("แผน", "นโยบาย", "จุดเน้น", "QW", "Quick", "ยุทธศาสตร์", "สพฐ", "ศธ", "สอดคล้อง")


def references(reference_dir: Path) -> dict:
    """Matching key of each quote, label and "cited as" form in data/reference -> the item's IRI."""
    names = {}
    for path in sorted(Path(reference_dir).glob("*.ttl")):
        g = Graph().parse(path)
        for s, o in g.subject_objects(EDU.sourceQuote):
            if "/org/" not in str(s):
                names.setdefault(key(str(o)), s)
        for s, o in g.subject_objects(RDFS.comment):
            for m in _CITED_AS.finditer(str(o)):
                for form in re.findall(r"'([^']+)'", m.group(1)):
                    names[key(form)] = s
        for p in (RDFS.label, SKOS.altLabel):
            for s, o in g.subject_objects(p):
                if getattr(o, "language", None) == "th" and "/org/" not in str(s):
                    names.setdefault(key(str(o)), s)
    return names


def resolve(text: str, names: dict) -> URIRef | None:
    return names.get(key(text))


def names_a_plan(text: str) -> bool:
    """Whether a table cell names the plan or policy an indicator comes from (rather than a responsible group)."""
    k = key(text)
    return any(key(w) in k for w in PLAN_WORDS) and not k.startswith("กลุ่ม")
