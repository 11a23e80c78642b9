"""Alignment lines the text itself states, resolved to the reference frameworks by the words those files quote."""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from ..load import parse_triples
from ..namespaces import EDU
from .text import key

_CITED_AS = re.compile(r"[Cc]ited (?:there )?as ((?:'[^']+'(?:\s*/\s*)?)+)")
PLAN_WORDS = ("แผน", "นโยบาย", "จุดเน้น", "QW", "Quick", "ยุทธศาสตร์", "สพฐ", "ศธ", "สอดคล้อง")


def references(reference_dir: Path) -> dict:
    """Matching key of each quote, label and "cited as" form in data/reference -> the item's IRI."""
    quotes, comments, labels = str(EDU.sourceQuote), str(RDFS.comment), {str(RDFS.label), str(SKOS.altLabel)}
    names = {}
    for path in sorted(Path(reference_dir).glob("*.ttl")):
        for s, p, o in parse_triples(path):
            subject, prop, text = s.value, p.value, getattr(o, "value", "")
            if prop == comments:
                for m in _CITED_AS.finditer(text):
                    for form in re.findall(r"'([^']+)'", m.group(1)):
                        names[key(form)] = URIRef(subject)
            elif "/org/" not in subject and (prop == quotes or (prop in labels and getattr(o, "language", None) == "th")):
                names.setdefault(key(text), URIRef(subject))
    return names


def resolve(text: str, names: dict) -> URIRef | None:
    return names.get(key(text))


def names_a_plan(text: str) -> bool:
    """Whether a table cell names the plan or policy an indicator comes from (rather than a responsible group)."""
    k = key(text)
    return any(key(w) in k for w in PLAN_WORDS) and not k.startswith("กลุ่ม")
