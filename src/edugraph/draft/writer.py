"""A draft as RDF following docs/data-conventions.md, attributed to the drafting software and marked as a draft."""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ..integrity import PERSON_NAME
from ..namespaces import EDU, ID, UNIT, bind
from .model import Draft, Element
from .numbers import ce, value
from .text import key

AGENT = ID["agent/edugraph-drafter"]
SEGMENT = {
    "Vision": "vision", "Mission": "mission", "Goal": "goal", "CoreValue": "value", "Strategy": "strategy",
    "StrategicIssue": "issue", "OfficePolicy": "policy", "FocusPoint": "focus", "Guideline": "guideline",
    "Measure": "measure", "Indicator": "indicator", "Project": "project", "Activity": "activity",
    "ContextFigure": "figure",
}
UNITS = [("ร้อยละ", UNIT.PERCENT), ("จำนวน", ID["unit/count"]), ("ระดับ", ID["unit/level"]), ("คะแนน", ID["unit/score"]),
         ("หลักสูตร", ID["unit/course"]), ("หน่วยงาน", ID["unit/organisation"]), ("โรงเรียน", ID["unit/school"]),
         ("คน", ID["unit/person"]), ("ครั้ง", ID["unit/times"]), ("เรื่อง", ID["unit/item"]), ("ชิ้น", ID["unit/item"]),
         ("รายการ", ID["unit/item"]), ("เครือข่าย", ID["unit/network"]), ("โครงการ", ID["unit/project"]),
         ("รูปแบบ", ID["unit/model"]), ("วันต่อสัปดาห์", ID["unit/day-per-week"])]
PLAN_SEGMENT = {"DevelopmentPlan": "devplan", "ActionPlan": "actionplan", "HumanResourcePlan": "hrplan",
                "AntiCorruptionPlan": "anticorruption", "StrategicDirection": "direction", "PerformanceReport": "report"}


def plan_iri(draft: Draft) -> URIRef:
    p = draft.plan
    office = p.issuer.rsplit("/", 1)[-1] if p.issuer else "office"
    years = f"-{p.period[0]}" + (f"-{p.period[1]}" if p.period[1] != p.period[0] else "") if p.period else ""
    return ID[f"plan/draft-{office}-{PLAN_SEGMENT.get(p.kind, 'plan')}{years}"]


def unit_of(text: str | None):
    if not text:
        return None
    k = key(text)
    return next((iri for word, iri in UNITS if k.startswith(key(word))), None)


def _iris(draft: Draft, plan: URIRef) -> dict:
    """Element -> IRI: <plan>/<kind>/<notation>, nested under the parent where numbering restarts under it."""
    iris, used = {}, set()
    for el in draft.elements:
        seg = SEGMENT.get(el.kind, el.kind.lower())
        name = el.notation if el.notation is not None else str(el.order)
        parent = iris.get(id(el.parent)) if el.parent else None
        nested = parent is not None and not (el.parent.notation and el.notation and el.notation.startswith(el.parent.notation + "."))
        base = f"{parent if nested else plan}/{seg}/{name}"
        iri, n = base, 1
        while iri in used:
            n += 1
            iri = f"{base}-{n}"
        used.add(iri)
        iris[id(el)] = URIRef(iri)
    return iris


def to_graph(draft: Draft, source: URIRef, new_office=None) -> Graph:
    g = bind(Graph())
    plan = plan_iri(draft)
    p = draft.plan
    g.add((plan, RDF.type, EDU[p.kind]))
    g.add((plan, DCTERMS.title, Literal(p.title, lang="th")))
    g.add((plan, RDFS.label, Literal(p.title, lang="th")))
    g.add((plan, RDFS.comment, Literal("Draft read by edugraph draft from the source text; not reviewed. English labels are left to the reviewer.", lang="en")))
    g.add((plan, PROV.wasAttributedTo, AGENT))
    if p.issuer:
        g.add((plan, EDU.issuer, URIRef(p.issuer)))
    if p.period:
        g.add((plan, EDU.periodStartBE, Literal(p.period[0])))
        g.add((plan, EDU.periodEndBE, Literal(p.period[1])))
        g.add((plan, EDU.periodStart, Literal(ce(p.period[0]))))
        g.add((plan, EDU.periodEnd, Literal(ce(p.period[1]))))
    if p.title_line:
        _quote(g, plan, p.title, p.title_line, source)
    g.add((AGENT, RDF.type, PROV.SoftwareAgent))
    g.add((AGENT, RDFS.label, Literal("edugraph plan drafter", lang="en")))
    if new_office is not None:
        iri, cls, name = new_office
        g.add((iri, RDF.type, EDU[cls]))
        g.add((iri, RDFS.label, Literal(name, lang="th")))
        g.add((iri, PROV.wasAttributedTo, AGENT))
        g.add((iri, DCTERMS.source, source))
    iris = _iris(draft, plan)
    for el in draft.elements:
        s = iris[id(el)]
        g.add((s, RDF.type, EDU[el.kind]))
        if el.notation is not None:
            g.add((s, SKOS.notation, Literal(el.notation)))
        g.add((s, EDU.order, Literal(el.order)))
        g.add((s, RDFS.label, Literal(el.label, lang="th")))
        g.add((s, EDU.partOf, iris[id(el.parent)] if el.parent else plan))
        g.add((s, PROV.wasAttributedTo, AGENT))
        _quote(g, s, el.quote, el.line, source)
        if el.unit_text:
            g.add((s, EDU.unitText, Literal(el.unit_text)))
            u = unit_of(el.unit_text)
            if u is not None:
                g.add((s, EDU.unit, u))
        if el.responsible is not None and not PERSON_NAME.search(el.responsible.text):   # a group, never a person
            g.add((s, EDU.responsibleText, Literal(el.responsible.text)))
        if el.budget is not None:
            baht = value(el.budget.text)
            if baht is not None:
                g.add((s, EDU.budgetBaht, Literal(baht, datatype=XSD.decimal)))
        for q in el.quarters:
            g.add((s, EDU.quarter, Literal(q)))
        if el.baseline is not None:
            _value(g, URIRef(f"{s}/baseline"), EDU.Baseline, EDU.baselineOf, s, el.baseline, source)
        for t in el.targets:
            _value(g, URIRef(f"{s}/target/{t.year_be}"), EDU.Target, EDU.targetOf, s, t, source)
        for n, (cell, higher) in enumerate(el.stated, 1):
            rec = URIRef(f"{s}/alignment/{n}")
            g.add((s, EDU.hasAlignment, rec))
            g.add((rec, RDF.type, EDU.Alignment))
            g.add((rec, EDU.basis, EDU.Stated))
            g.add((rec, EDU.evidenceQuote, Literal(cell.text)))
            g.add((rec, EDU.sourceLine, Literal(cell.line)))
            g.add((rec, DCTERMS.source, source))
            if isinstance(higher, Element):     # another element of the same draft
                higher = iris[id(higher)]
            if higher is not None:
                g.add((rec, EDU.alignedTo, higher))
                g.add((s, EDU.serves, higher))
    for n, f in enumerate(draft.findings, 1):
        s = URIRef(f"{plan}/finding/{n}")
        g.add((s, RDF.type, EDU.Finding))
        g.add((s, EDU.findingType, EDU[f.type]))
        g.add((s, RDFS.comment, Literal(f.comment, lang="en")))
        if f.concerns is not None:
            g.add((s, EDU.concerns, iris[id(f.concerns)]))
        if f.quote.strip():
            _quote(g, s, f.quote.strip(), f.line, source)
        g.add((s, PROV.wasAttributedTo, AGENT))
    return g


def _quote(g, s, quote, line, source):
    g.add((s, EDU.sourceQuote, Literal(quote)))
    g.add((s, EDU.sourceLine, Literal(line)))
    g.add((s, DCTERMS.source, source))


def _value(g, s, cls, link, indicator, cell, source):
    g.add((s, RDF.type, cls))
    g.add((s, link, indicator))
    g.add((s, EDU.fiscalYearBE, Literal(cell.year_be)))
    g.add((s, EDU.fiscalYear, Literal(ce(cell.year_be))))
    g.add((s, EDU.valueText, Literal(cell.text)))
    v = value(cell.text)
    if v is not None:
        g.add((s, EDU.numericValue, Literal(v, datatype=XSD.decimal)))
    if cell.text.strip():
        _quote(g, s, cell.text.strip(), cell.line, source)
    g.add((s, PROV.wasAttributedTo, AGENT))
