"""The plan a text states: its title, kind, period and issuing office (given, or read from the title page and headers)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from ..errors import InputError, UsageError
from ..namespaces import ID
from .model import Plan
from .numbers import period as read_period
from .text import arabic, key

KINDS = {
    "development": "DevelopmentPlan", "action": "ActionPlan", "hr": "HumanResourcePlan",
    "anticorruption": "AntiCorruptionPlan", "direction": "StrategicDirection", "report": "PerformanceReport",
}
# title words -> plan class, most specific first
_TITLE_KINDS = [
    ("ป้องกันการทุจริต", "AntiCorruptionPlan"), ("อัตรากำลัง", "HumanResourcePlan"),
    ("พัฒนาบุคลากร", "HumanResourcePlan"), ("ทรัพยากรบุคคล", "HumanResourcePlan"),
    ("แผนปฏิบัติการ", "ActionPlan"), ("แผนพัฒนา", "DevelopmentPlan"), ("รายงานผล", "PerformanceReport"),
]
TITLE_PAGE = 60     # lines searched for the title and the issuer
OFFICE_NAME_MAX = 80
_OFFICE_KEY = re.compile(r"สานักงานเขตพื้นที่การศึกษา(ประถมศึกษา|มัธยมศึกษา)")


def offices(org_file: Path) -> tuple[dict, set]:
    """(matching key of every name an office is known by -> office IRI, every organisation IRI)."""
    g = Graph().parse(org_file)
    names, iris = {}, set()
    for s in set(g.subjects(RDF.type, None)):
        if "/org/" not in str(s):
            continue
        iris.add(str(s))
        for p in (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel):
            for o in g.objects(s, p):
                if getattr(o, "language", None) == "th" and "ไม่ระบุ" not in str(o):
                    names[key(str(o))] = s
    return names, iris


def kind_of(title: str) -> str | None:
    k = key(title)
    return next((cls for word, cls in _TITLE_KINDS if key(word) in k), None)


def find_title(lines: list) -> tuple[str, int] | None:
    """The first line on the title page that names a plan, from the word แผน (an emoji or bullet before it is left out)."""
    candidates = []
    for n, line in enumerate(lines[:TITLE_PAGE], 1):
        at = line.find("แผน")
        if at >= 0 and kind_of(line) and len(line.strip()) < 200:
            candidates.append((line[at:].strip(), n))
    # a title that states its period first, then one whose period follows on the next lines
    return next((c for c in candidates if read_period(c[0])), None) or (candidates[0] if candidates else None)


def find_period(lines: list, title_line: int) -> tuple | None:
    for line in lines[title_line - 1: title_line + 4]:
        p = read_period(line)
        if p:
            return p
    return None


def find_issuer(lines: list, known: dict) -> tuple[str | None, str | None]:
    """(IRI, name as written) of the office the title page and headers name most often; IRI None for an office not yet known."""
    counts = Counter()
    text_keys = [key(line) for line in lines]
    for name_key, iri in known.items():
        if len(name_key) < 6:
            continue
        hits = sum(1 for k in text_keys[:TITLE_PAGE] if name_key in k) * 3 + sum(1 for k in text_keys if name_key in k)
        if hits:
            counts[iri] += hits
    if counts:
        iri = counts.most_common(1)[0][0]
        return str(iri), None
    for line in lines[:TITLE_PAGE]:      # an office not yet known: its name alone on a title-page line
        if _OFFICE_KEY.match(key(line)) and len(line.strip()) <= OFFICE_NAME_MAX:
            return None, line.strip()
    return None, None


def office_slug(name: str) -> str:
    """A new office's IRI name from its Thai name: type, a stable hash of the name (no invented translation)."""
    import hashlib

    kind = "pesao" if "ประถม" in name else "sesao" if "มัธยม" in name else "esao"
    digits = re.findall(r"\d+", arabic(name))
    return f"{kind}-drafted-{hashlib.sha256(name.encode()).hexdigest()[:8]}" + (f"-{digits[-1]}" if digits else "")


def read_plan(lines: list, known: tuple, issuer=None, kind=None, period=None, title=None) -> Plan:
    found = find_title(lines)
    if title:
        at = next((n for n, line in enumerate(lines, 1) if title in line), None)
        found = (title, at or 0)
    if found is None:
        found = (lines[next(n for n, line in enumerate(lines) if line.strip())].strip(), 1 + next(n for n, line in enumerate(lines) if line.strip()))
    title_text, title_line = found
    plan_kind = KINDS[kind] if kind else (kind_of(title_text) or "StrategicDirection")
    if period:
        m = re.fullmatch(r"(25\d\d)(?:-(25\d\d))?", arabic(period))
        if not m:
            raise UsageError(f"edugraph draft: --period {period!r}: give Buddhist-era years, e.g. 2567-2570")
        per = (int(m.group(1)), int(m.group(2) or m.group(1)))
    else:
        per = find_period(lines, title_line) or read_period(title_text)
    name = None
    names, iris = known
    if issuer:
        iri = issuer if issuer.startswith("http") else str(ID["org/" + issuer])
        if iri not in iris:
            raise UsageError(f"edugraph draft: --issuer {issuer}: no such office in data/reference/organisations.ttl")
    else:
        iri, name = find_issuer(lines, names)
        if iri is None and name is None:
            raise InputError("edugraph draft: the issuing office cannot be read from the text; give it with --issuer")
    return Plan(plan_kind, title_text, title_line, iri, name, per)
