"""Walk a plan's lines once and apply the layout rules to each part: headings, numbered items, tables, inline indicators."""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from . import headings as H
from .model import Cell, Element, Finding
from .models import ModelRules
from .numbers import value
from .projects import ProjectRules
from .tables import (action_header_at, cell_table_at, project_header_at, read_cell_table, read_tab_table,
                     tab_header_at)
from .text import PAGE_HEADER, arabic, damaged, has_contact, key

_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d+)\)\s*")
_QUOTES = "“”\"'"
_CITED_POLICY = re.compile(r"^[\W\d.]*นโยบาย(?!ที่).*(?:สานักงานคณะกรรมการการศึกษาขั้นพื้นฐาน|สพฐ|กระทรวง|ศธ\.|รัฐบาล|รมว)")
_OFFICE = re.compile(r"^สานักงานเขตพื้นที่การศึกษา")
_POLICY_SECTION = re.compile(r"^\s*(?:\d+\.\d+(?:\.\d+)*\.?\s*)?นโยบาย(?!ที่|ของ|\s*$)\S")
_INLINE_HEAD = re.compile(r"^\s*ตัวชี้วัด\s*(\S.*)$")
_CODE = re.compile(r"^\s*[A-Z][A-Za-z0-9]{0,5}\s*:\s*\S")
_PADDED = re.compile(r"[ \u00a0]{8,}")   # columns padded with runs of spaces
_CONSISTS = re.compile(r"\s*ประกอบด้วย\s*[\d๐-๙]+\s*\S+\s*ดังนี้\s*$")   # "… ประกอบด้วย ๔ มาตรการ ดังนี้"


def _same_item(a: str, b: str) -> bool:
    """Whether two numbered texts are the same item written twice (a list, then its section), not two items."""
    ka, kb = key(a), key(b)
    return ka.startswith(kb) or kb.startswith(ka) or SequenceMatcher(None, ka, kb).ratio() >= 0.6


class Reader(ModelRules, ProjectRules):
    """State of one pass over a document: the open headings, the current section, what was consumed."""

    def __init__(self, lines: list):
        self.lines = lines
        self.elements: list[Element] = []
        self.findings: list[Finding] = []
        self.consumed: set[int] = set()
        self.unsure: list = []
        self.withheld: list[int] = []
        self.layouts: dict = {}
        self.owners: list = []          # [(level, Element)]
        self.sect = None                # dict(kind, number, owner, items, implicit)
        self.plan_block = False
        self.in_contents = False        # inside a table of contents (สารบัญ)
        self._index: dict = {}
        self.model = None               # the management model whose parts are being read
        self.project_head = False       # on the head of a project page, where its "สอดคล้อง…" lines are
        self.project = None             # the project whose page is being read
        self.inline: list = []          # indicators written in a sentence, their target (if any) inside it

    # --- elements -------------------------------------------------------------
    def owner(self):
        return self.owners[-1][1] if self.owners else None

    def add(self, kind, notation, label, quote, line, parent) -> Element:
        k = (kind, notation, id(parent))
        if notation is not None and k in self._index:
            found = self._index[k]
            repeat = self.sect is not None and found in self.sect["items"]   # "1.1, 1.1" in one list: a repeat
            if not repeat and _same_item(found.label, label):    # listed once, then detailed: one element
                if key(found.label) != key(label):
                    self.unsure.append((line, f"{kind} {notation} repeated with other words; the first is kept"))
                return found
        siblings = [e for e in (parent.children if parent else self._top()) if e.kind == kind]
        el = Element(kind, notation, label.strip().strip(_QUOTES).strip(), quote, line, parent, len(siblings) + 1)
        if parent:
            parent.children.append(el)
        self.elements.append(el)
        if notation is not None:
            self._index[k] = el
        self._check_numbering(el, siblings)
        return el

    def _top(self):
        return [e for e in self.elements if e.parent is None]

    def _check_numbering(self, el, siblings):
        if not siblings or el.notation is None or siblings[-1].notation is None:
            return
        prev, now = siblings[-1].notation.split("."), el.notation.split(".")
        if len(prev) != len(now) or prev[:-1] != now[:-1] or not (prev[-1].isdigit() and now[-1].isdigit()):
            return
        a, b = int(prev[-1]), int(now[-1])
        if b == a:
            self.findings.append(Finding("NumberingRepeat", f"{el.kind} number {el.notation} appears twice in a row.", el.line, el.quote, el))
        elif b > a + 1:
            self.findings.append(Finding("NumberingGap", f"{el.kind} numbering jumps from {siblings[-1].notation} to {el.notation}.", el.line, el.quote, el))

    def use(self, *indices):
        for i in indices:
            self.consumed.add(i + 1)

    def layout(self, name, line):
        self.layouts.setdefault(name, []).append(line)

    # --- the pass -----------------------------------------------------------------
    def _cross_cutting(self) -> set:
        """Kinds of numbered heading the document repeats under several parents (a list of focus points, each
        cited again under every policy it serves): their repeats are links, not new children."""
        seen = {}
        for line in self.lines:
            nh = H.numbered(line.strip()) if line.strip() else None
            if nh:
                seen[(nh[0], nh[2])] = seen.get((nh[0], nh[2]), 0) + 1
        return {kind for (kind, _), count in seen.items() if count >= 3}

    def _repeat(self, kind, notation, label, parent):
        """The element a repeated numbered heading restates: one listed at the top level with the same number
        and similar words."""
        return next((e for e in self.elements if e.kind == kind and e.notation == notation and e.parent is None
                     and e is not parent and _same_item(e.label, label)), None)

    def run(self):
        self.xref = self._cross_cutting()
        i, n = 0, len(self.lines)
        while i < n:
            raw = self.lines[i]
            s = raw.strip()
            if not s:
                i += 1
                continue
            if has_contact(s):
                self.withheld.append(i + 1)
                i += 1
                continue
            bad = damaged(s)
            if bad:
                self.findings.append(Finding("ExtractionTypo", "Font-encoding damage: ำ written where า belongs (" + ", ".join(bad) + "); quoted as written.", i + 1, s))
            if PAGE_HEADER.search(s) and len(s) < 80:
                self.use(i)
                i += 1
                continue
            if self._contents(s, raw):
                self.use(i)
                i += 1
                continue
            if H.part(s):
                self.owners, self.sect, self.plan_block, self.model, self.project = [], None, False, None, None
                self.use(i)
                i += 1
                continue
            if cell_table_at(self.lines, i):
                i = self._cell_table(i)
                continue
            action = action_header_at(self.lines, i)
            if action:
                i = self._action_table(i, action)
                continue
            project = project_header_at(self.lines, i)
            if project:
                i = self._project_table(i, project)
                continue
            header = tab_header_at(self.lines, i)
            if header:
                i = self._tab_table(i, header)
                continue
            cells = _PADDED.split(raw) if _PADDED.search(raw.strip()) else None
            if cells:           # space-padded columns: each cell read as a line of its own
                self.layout("space-padded columns", i + 1)
                for cell in (c for c in cells if c.strip()):
                    before = len(self.elements)
                    self._line(i, cell, cell.strip())
                    if len(self.elements) == before and i + 1 not in self.consumed:
                        self.unsure.append((i + 1, f"a padded cell not understood: {cell.strip()[:40]}"))
            else:
                self._line(i, raw, s)
            i += 1
        return self

    def _contents(self, s, raw) -> bool:
        """A table of contents: "สารบัญ", then lines that end in a page number or carry a tab; they state no element."""
        if key(s) in ("สารบัญ", "สารบาญ"):
            self.in_contents = True
            return True
        if self.in_contents:
            if "\t" in raw or re.search(r"[\d๐-๙]+\s*$", s) and len(s) < 200:
                return True
            self.in_contents = False
        return False

    def _line(self, i, raw, s):
        if self._project_page(i, s):
            return
        nh = H.numbered(s)
        if nh:
            kind, level, notation, label = nh
            implicit = "Measure" if "มาตรการ" in key(label) else "Guideline"
            label = _CONSISTS.sub("", label)
            while self.owners and self.owners[-1][0] >= level:
                self.owners.pop()
            owner = self.owner()
            listed = self._repeat(kind, notation, label, owner) if owner is not None else None
            if listed is not None and kind in self.xref:     # "จุดเน้นที่ 3" under a policy: the policy serves it
                owner.stated.append((Cell(s, i + 1), listed))
                self.use(i)
                return
            if listed is not None and not listed.children:   # listed first, detailed under its parent: move it there
                listed.parent = owner
                listed.order = 1 + sum(1 for c in owner.children if c.kind == kind)
                owner.children.append(listed)
                self._index[(kind, notation, id(owner))] = listed
            el = self.add(kind, notation, label, s, i + 1, owner)
            self.owners.append((level, el))
            self.sect = dict(kind=implicit, number=None, owner=el, items=[], implicit=True)
            self.plan_block = False
            self.use(i)
            return
        inline = _INLINE_HEAD.match(arabic(s))
        if inline and len(s) > H.SECTION_MAX:    # "ตัวชี้วัด 1) … 2) …" or "ตัวชี้วัด <the indicator>" on one line
            self.sect = dict(kind="Indicator", number=None, owner=self.owner(), items=[], implicit=False)
            self._inline_indicators(i, s, s[inline.start(1):])
            return
        in_policies = self.sect is not None and self.sect["kind"] == "OfficePolicy"
        first = H.item(s)
        if first and first[1].startswith("นโยบาย") and not first[1].startswith("นโยบายที่") and not in_policies \
                and not _CITED_POLICY.match(key(s)):    # "1. นโยบายด้าน…": the first of a list of policies
            self.owners, self.sect = [], dict(kind="OfficePolicy", number=None, owner=None, items=[], implicit=False)
            in_policies = True
        elif _POLICY_SECTION.match(arabic(s)) and not _CITED_POLICY.match(key(s)) and not in_policies:
            # "2.2 นโยบายการบริหาร…": a list of the office's policies ("1. นโยบายด้าน…"), guidelines numbered under each
            self.owners, self.sect = [], dict(kind="OfficePolicy", number=None, owner=None, items=[], implicit=False)
            self.use(i)
            return
        sc = None if in_policies and H.item(s) else H.section(s)   # "1. นโยบายด้าน…" in a policy list is an item
        if sc:
            kind, number, rest = sc
            if H.contents(rest):
                self.use(i)
                return
            if kind in H.PLAN_LEVEL or (kind == "Goal" and self.plan_block):
                self.owners, self.plan_block = [], True
            elif kind is None or kind == "FocusPoint":    # a list of strategies, policies or focus points starts at the top
                self.owners = []
            self.sect = dict(kind=kind, number=number, owner=self.owner(), items=[], implicit=False, heading=s)
            self.use(i)
            body = rest.strip().lstrip(":").strip()
            body = re.sub(r"^\([A-Za-z ]+\)\s*", "", body)
            if kind == "Vision" and len(body) > 10:
                self.add("Vision", None, body, s, i + 1, None)
            elif kind == "Indicator" and body:
                self._inline_indicators(i, s, body)
            return
        if self._model(i, s):
            return
        if _CODE.match(s):     # "A1 : Awareness …" outside a model: not an item of the section above
            self.sect = None
            return
        it = H.item(s)
        sect = self.sect
        if _CITED_POLICY.match(key(s)):   # a higher body's policy quoted in full: reference data, not the office's own
            self.sect = None
            self.unsure.append((i + 1, "a cited policy of another body: its items are not drafted as the office's"))
            self.use(i)
            return
        if self._acronym(i, s):
            return
        defines = "หมายถึง" in s and "\t" not in s      # "เป็นองค์กรคุณภาพ หมายถึง …": one value per line
        if (not it and sect and sect["kind"] == "CoreValue" and (not sect["items"] or defines) and len(s) > 5
                and not _OFFICE.match(key(s))):
            el = self.add("CoreValue", None, s, s, i + 1, sect["owner"])   # the values as one statement
            sect["items"].append(el)
            self.use(i)
            return
        if it and it[1].startswith(("ประเด็นการพัฒนา", "ประเด็นกลยุทธ์", "ประเด็นยุทธศาสตร์")):
            el = self.add("StrategicIssue", it[0], it[1], s, i + 1, None)
            self.owners = [(1, el)]
            self.sect = None
            self.use(i)
            return
        if it and sect and sect["kind"]:
            notation, label = it
            if sect["kind"] == "Indicator" and _INLINE_NUMBER.search(arabic(label)) and "\t" not in s:
                self._inline_indicators(i, s, s)
                return
            parent = sect["owner"]
            prefix = sect["number"]
            if not (prefix and notation.startswith(prefix + ".")):
                for prev in reversed(sect["items"]):
                    if prev.notation and notation.startswith(prev.notation + "."):
                        parent = prev
                        break
            if "\t" in s:
                self.layout("tab-separated rows outside a table", i + 1)
            kind = "Guideline" if parent is not sect["owner"] and parent.kind == "OfficePolicy" else sect["kind"]
            el = self.add(kind, notation, label, s, i + 1, parent)
            sect["items"].append(el)
            self.use(i)
            return
        if not it and sect and sect["kind"] == "ContextFigure" and sect["owner"] is not None and len(s) > 20:
            self.add("ContextFigure", None, s, s, i + 1, sect["owner"])   # a result stated in a paragraph
            self.use(i)
            return
        if sect and sect["kind"] == "Vision" and not any(e.kind == "Vision" for e in self.elements):
            self.add("Vision", None, s, s, i + 1, None)
            self.use(i)
            return
        if sect and sect["kind"] == "Indicator" and _INLINE_NUMBER.match(arabic(s)):
            self._inline_indicators(i, s, s)
            return
        last = self.elements[-1] if self.elements else None
        if last is not None and last.line == i and not it and "\t" not in raw:
            last.label = f"{last.label} {s}"        # the element's words go on to this line
            self.unsure.append((i + 1, f"read as the end of {last.kind} {last.notation or ''} on the line above"))
            self.use(i)

    def _inline_indicators(self, i, line, body):
        """Indicators written in a sentence: "ตัวชี้วัด 1) … 2) …" or "ตัวชี้วัด <one indicator>"."""
        self.layout("inline indicators", i + 1)
        text = arabic(body)
        marks = list(_INLINE_NUMBER.finditer(text))
        owner = self.sect["owner"] if self.sect else self.owner()
        pieces = []
        if marks:
            for m, nxt in zip(marks, marks[1:] + [None]):
                end = nxt.start() if nxt else len(text)
                pieces.append((m.group(1), body[m.end():end].strip()))
        else:
            pieces.append((None, body.strip()))
        for notation, label in pieces:
            if label:
                self.inline.append(self.add("Indicator", notation, label, label, i + 1, owner))
        self.use(i)

    # --- tables ---------------------------------------------------------------------
    def _cell_table(self, i):
        rows, consumed, j = read_cell_table(self.lines, i)
        self.layout("one cell per line", i + 1)
        self.use(*consumed)
        sect = self.sect or {}
        owner = sect.get("owner") if sect else self.owner()
        prefix = sect.get("number") if sect.get("kind") == "Indicator" else None
        for row in rows:
            notation = f"{prefix}.{row.number}" if prefix else row.number
            el = self.add("Indicator", notation, row.text, row.text, row.line, owner)
            self._fill(el, row)
        return j

    def _tab_table(self, i, header):
        rows, guides, consumed, unsure, j = read_tab_table(self.lines, i, header)
        self.layout("tab-separated rows", i + 1)
        self.use(*consumed)
        self.unsure.extend(unsure)
        owner = self.owner()
        by_row = {}
        for notation, label, quote, line, grows in guides:
            g = self.add("Guideline", notation, label, quote, line, owner)
            for r in grows:
                by_row[id(r)] = g
        last = None
        for row in rows:
            if row.role != "indicator":
                if last is None:
                    self.unsure.append((row.line, "values or text before any indicator row"))
                    continue
                if row.role == "continued":
                    self._sub_indicators(last, row.text, row.line, continued=True)
                self._spread(last, row)
                continue
            parent = by_row.get(id(row), owner)
            el = self.add("Indicator", row.number, row.text, row.quote or row.text, row.line, parent)
            last = el
            label = self._sub_indicators(el, row.text, row.line)
            el.label = " ".join([label.strip(), *row.more])
            if row.more:
                self.findings.append(Finding("OtherOddity", f"Indicator {el.notation}: its text continues after a page "
                                             "break; the label joins the parts with one space.", el.line, el.quote, el))
            if any(c.kind == "Indicator" for c in el.children):
                targets, row.targets = row.targets, []
                self._fill(el, row)
                row.targets = targets
                self._spread(el, row)
            else:
                self._fill(el, row)
        return j

    def _sub_indicators(self, el, text, line, continued=False):
        """Split an indicator cell that lists its parts ("… ๑) … - ภาษาไทย - คณิตศาสตร์ ๒) …") into
        sub-indicators; returns the indicator's own words (before its first part)."""
        plain = arabic(text)
        marks = list(_INLINE_NUMBER.finditer(plain))
        head_end = marks[0].start() if marks else len(plain)
        head = text[:head_end]
        groups = [(m.group(1), m.start(), nxt.start() if nxt else len(plain)) for m, nxt in zip(marks, marks[1:] + [None])]
        dash = re.compile(r"(?:^|\s)-\s+")
        def leaves(parent, start, end):
            cuts = [m for m in dash.finditer(plain, start, end)]
            for m, nxt in zip(cuts, cuts[1:] + [None]):
                stop = nxt.start() if nxt else end
                words = text[m.end():stop].strip()
                if words:
                    self.add("Indicator", None, words, text[m.start():stop].strip(), line, parent)
            return cuts[0].start() if cuts else end
        if continued:
            top = el
            groups_here = [c for c in top.children if c.kind == "Indicator"]
            target = groups_here[-1] if groups_here and groups_here[-1].notation else top
            leaves(target, 0, head_end)
        elif not marks:
            cut = leaves(el, 0, len(plain))
            return text[:cut].strip() if cut < len(plain) else text
        for notation, start, end in groups:
            m_end = _INLINE_NUMBER.match(plain, start).end()
            first_dash = dash.search(plain, m_end, end)
            stop = first_dash.start() if first_dash else end
            g = self.add("Indicator", notation, text[m_end:stop].strip(), text[start:stop].strip(), line, el)
            leaves(g, stop, end)
        return head.strip() if marks else text

    def _spread(self, el, row):
        """Give a row's values to the sub-indicators still without values, in order; a cell holding
        several values ("๗๐ ๗๕ ๗๕") gives one to each."""
        def leaves(e):
            kids = [c for c in e.children if c.kind == "Indicator"]
            return [x for k in kids for x in leaves(k)] if kids else [e]
        pending = [x for x in leaves(el) if not x.targets and x is not el]
        if not pending:
            if row.targets:
                self.unsure.append((row.line, f"values after indicator {el.notation} that no sub-indicator takes"))
            return
        by_year = {}
        for cell in row.targets:
            parts = cell.text.split()
            by_year[cell.year_be] = (cell, parts)
        width = max((len(p) for _, p in by_year.values()), default=0)
        for n, leaf in enumerate(pending[:width]):
            for year, (cell, parts) in by_year.items():
                if n < len(parts):
                    leaf.targets.append(Cell(parts[n], cell.line, year))
        if width > 1 or row.role == "values":
            self.unsure.append((row.line, f"values given to sub-indicators of {el.notation} in the order they are listed"))

    def _fill(self, el, row):
        el.unit_text = row.unit
        el.baseline = row.baseline
        el.targets = row.targets
        self.unsure.extend(row.unsure)
        if row.last:
            el.responsible = row.last
        for t in row.targets + ([row.baseline] if row.baseline else []):
            text = t.text.strip()
            if not text or text == "-":
                self.findings.append(Finding("BlankCell", f"Indicator {el.notation}: no value for {t.year_be}.", t.line, t.text, el))
            elif value(text) is None and not re.search(r"\d", arabic(text)) and "N/A" not in text:
                self.findings.append(Finding("OtherOddity", f"Indicator {el.notation}: the {t.year_be} value is written as words.", t.line, text, el))
                self.unsure.append((t.line, f"a word where a number was expected ({text})"))
        numbers = [(t.year_be, value(t.text)) for t in sorted(row.targets, key=lambda c: c.year_be or 0)]
        numbers = [(y, v) for y, v in numbers if v is not None]
        for (y0, v0), (y1, v1) in zip(numbers, numbers[1:]):
            if v1 < v0:
                self.findings.append(Finding("FallingTarget", f"Indicator {el.notation}: the target falls from {v0} ({y0}) to {v1} ({y1}).", el.line, el.quote, el))
                break
        if row.unit is not None:
            unit, words = key(row.unit), key(el.label)
            if unit.startswith("จำนวน") and words.startswith("ร้อยละ") or unit.startswith("ร้อยละ") and words.startswith("จำนวน"):
                self.findings.append(Finding("UnitContradictsText", f"Indicator {el.notation}: the unit cell says {row.unit} but the text asks for {el.label.split()[0]}.", el.line, el.quote, el))
        elif row.unsure and any("blank unit" in why for _, why in row.unsure):
            self.findings.append(Finding("BlankCell", f"Indicator {el.notation}: the unit cell is blank.", el.line, el.quote, el))
