"""`edugraph draft`: from a plan's plain text to a draft graph, a "not understood" report and a diff against reviewed data.

The drafter reads the text once (`parse.Reader`), applying layout rules per
part of the document (headings, numbered items, one-cell-per-line and
tab-separated tables, inline indicators); `writer` turns what it read into
Turtle that follows docs/data-conventions.md, attributed to the drafting
software; `report` lists what no rule understood. Nothing is written until all
of it has been built in memory.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import InputError
from ..namespaces import ID
from ..serialize import turtle, write_atomically
from .model import Cell, Draft, Finding
from .frameworks import Frameworks
from .numbers import period as read_period
from .numbers import years_in
from .parse import Reader
from .plan import TITLE_PAGE, office_slug, offices, read_plan
from .register import plan_registration
from .report import render
from .stated import names_a_plan, references, resolve
from .text import PAGE_HEADER, arabic, key, read_lines

OFFICE_WORDS = re.compile(r"สพม|สพป|สพท|สำนักงานเขต|สานักงานเขต")
from .writer import to_graph

ENGLISH_KINDS = {"Vision", "Mission", "Goal", "CoreValue", "Strategy", "StrategicIssue", "OfficePolicy", "FocusPoint",
                 "Guideline", "Measure", "Project"}
MIN_ELEMENTS = 3     # fewer structural elements than this: not a plan


@dataclass
class Drafted:
    draft: Draft
    graph: Graph
    turtle: str
    report: str
    source_id: str
    registration_entry: str     # Turtle for sources.ttl, empty when already registered
    registration_copy: bytes = b""   # the text to keep under data/sources/, contact details masked


def read(project, path: Path, issuer=None, kind=None, period=None, title=None) -> Drafted:
    """Draft a plan's text in memory; raises InputError/UsageError for bad input."""
    path = Path(path)
    arabic.cache_clear(), key.cache_clear()     # each draft pays for its own lines (and the caches stay small)
    _, lines = read_lines(path)
    reader = Reader(lines).run()
    if sum(1 for e in reader.elements if e.kind != "ContextFigure") < MIN_ELEMENTS:
        raise InputError(f"edugraph draft: {path} shows no plan structure (no vision, missions, strategies or indicators found)")
    ref = project.root / "data" / "reference"
    known = offices(ref / "organisations.ttl")
    plan = read_plan(lines, known, issuer=issuer, kind=kind, period=period, title=title)
    _title_page(reader, lines, plan, known[0])
    new_office = None
    if plan.issuer is None:
        slug = office_slug(plan.issuer_name)
        cls = ("PrimaryEducationalServiceAreaOffice" if "ประถม" in plan.issuer_name else
               "SecondaryEducationalServiceAreaOffice" if "มัธยม" in plan.issuer_name else "EducationalServiceAreaOffice")
        plan.issuer = str(ID[f"org/{slug}"])
        new_office = (URIRef(plan.issuer), cls, plan.issuer_name)
    reg = plan_registration(path, path.read_bytes(), project.root / "data" / "sources", plan.title, plan.issuer, plan.period)
    _inline_targets(reader, plan)
    names = references(ref)
    for el in reader.elements:
        cell = el.responsible
        if cell is not None and names_a_plan(cell.text):
            el.stated.append((cell, resolve(cell.text, names)))
            el.responsible = None
    _framework_lines(project, reader, plan.period)
    draft = Draft(reg.source_id, lines, plan, reader.elements, reader.findings, reader.consumed, reader.unsure,
                  reader.withheld, reader.layouts)
    source = URIRef(f"https://w3id.org/edugraph/id/source/{reg.source_id}")
    graph = to_graph(draft, source, new_office)
    no_english = [f"{e.line}: {e.kind} {e.notation or ''} {e.label[:60]}" for e in reader.elements if e.kind in ENGLISH_KINDS]
    header = (f"# DRAFT of {path.name}, written by `edugraph draft` (software); not reviewed.\n"
              f"# Review it with the report and `edugraph draft --diff`, then promote it to data/seeds/.\n")
    return Drafted(draft, graph, header + turtle(graph), render(draft, no_english), reg.source_id, reg.entry, reg.copy)


_PERCENT = re.compile(r"ร้อยละ\s*[\d๐-๙]+(?:\.[\d๐-๙]+)?")


def _inline_targets(reader, plan):
    """An indicator written as a sentence with its target inside ("… ร้อยละ 95") and no year columns: the target
    is for the plan's last year, or the year its vision names ("ภายในปี พ.ศ. 2568"); reported as unsure."""
    vision = next((e for e in reader.elements if e.kind == "Vision"), None)
    horizon = plan.period[1] if plan.period else (years_in(vision.label)[-1] if vision and years_in(vision.label) else None)
    for el in reader.inline:
        m = _PERCENT.search(el.label)
        if m and horizon and not el.targets:
            el.targets.append(Cell(m.group(0), el.line, horizon))
            reader.unsure.append((el.line, f"target '{m.group(0)}' read inside the indicator's sentence, for {horizon} (the plan's horizon)"))


def _framework_lines(project, reader, period):
    """Stated lines no reference quote names, read within the framework they name (`frameworks`); every reading,
    resolved or not, goes to the report's unsure list. The frameworks are read only when such a line exists."""
    frameworks = None
    for el in reader.elements:
        stated, master_plan = [], None
        for cell, higher in el.stated:
            if higher is not None:
                stated.append((cell, higher))
                continue
            frameworks = frameworks or Frameworks(project, period)
            readings = frameworks.read(cell.text, master_plan)
            found = [r for r in readings if r.iri is not None]
            stated += [(cell, r.iri) for r in found] or [(cell, None)]
            master_plan = next((r.iri for r in found if r.framework == "master-plan"), master_plan)
            for r in readings:
                reader.unsure.append((cell.line, f"stated line read as {r.iri.rsplit('/id/', 1)[-1]}: {r.note}" if r.iri else
                                      f"stated line not resolved: {r.note}"))
        el.stated = stated


def _title_page(reader, lines, plan, names):
    """Consume the title and the lines that name the issuer; record a page header that names another office."""
    reader.consumed.add(plan.title_line)
    for n in range(plan.title_line + 1, min(plan.title_line + 4, len(lines)) + 1):   # "พ.ศ. ๒๕๖๓ - ๒๕๖๕" under the title
        if plan.period and read_period(lines[n - 1]) == plan.period and len(lines[n - 1].strip()) < 40:
            reader.consumed.add(n)
    own = {k for k, iri in names.items() if str(iri) == plan.issuer}
    if plan.issuer_name:
        own.add(key(plan.issuer_name))
    for n, line in enumerate(lines, 1):
        k = key(line)
        if not k:
            continue
        if n <= TITLE_PAGE and k in own:
            reader.consumed.add(n)
        if PAGE_HEADER.search(line) and OFFICE_WORDS.search(line) and not any(o in k for o in own):
            reader.findings.append(Finding("ForeignOfficeName", "A page header names an office other than the issuer.", n, line.strip()))


def write(project, drafted: Drafted, out_dir: Path | None = None) -> list[Path]:
    """Register the source (when new) and write the draft and its report; returns the files written."""
    out = Path(out_dir) if out_dir else project.root / "drafts"
    ttl, rep = out / f"{drafted.source_id}.ttl", out / f"{drafted.source_id}.report.txt"
    written = [ttl, rep]
    write_atomically(ttl, drafted.turtle)
    write_atomically(rep, drafted.report)
    if drafted.registration_entry:
        sources = project.root / "data" / "sources"
        copy = sources / f"{drafted.source_id}.txt"
        copy.write_bytes(drafted.registration_copy)
        ttl_file = sources / "sources.ttl"
        write_atomically(ttl_file, ttl_file.read_text(encoding="utf-8").rstrip("\n") + "\n" + drafted.registration_entry)
        written += [copy, ttl_file]
    return written
