"""Rules for indicator tables in their two text layouts.

- one cell per line (a PDF table flattened): a header run "ที่ / ตัวชี้วัด /
  หน่วยนับ / ค่าเป้าหมาย / ผู้รับผิดชอบ / 2566 … 2570", then rows of number,
  indicator, unit, one value per year and a last column;
- tab-separated rows: a header row with "ตัวชี้วัด" and a baseline column, a
  second header row with the years, then rows whose first cell (a guideline)
  may be empty when merged with the row above or continued from the previous
  page; the header rows repeat at each page break.

Both return what they read and the lines they consumed; they never guess a
value: a cell they are unsure of is reported, not invented.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .headings import item, numbered, part, section
from .model import Cell
from .numbers import value, years_in
from .text import PAGE_HEADER, arabic, key

UNIT_WORDS = ["ร้อยละ", "จำนวน", "ระดับ", "คะแนน", "หลักสูตร", "หน่วยงาน", "โรงเรียน", "คน", "ครั้ง", "เรื่อง",
              "ชิ้น", "รายการ", "เครือข่าย", "โครงการ", "รูปแบบ", "วันต่อสัปดาห์", "แห่ง", "ร้อยละ/คะแนน"]
_HEAD_NUMBER = {"ที่", "ลำดับ", "ลำดับที่", "ข้อ"}


@dataclass
class Row:
    """One indicator row of a table."""
    number: str | None        # the row's own numbering (Arabic digits)
    text: str                 # indicator text as written
    line: int
    unit: str | None = None
    baseline: Cell | None = None
    targets: list = field(default_factory=list)
    last: Cell | None = None  # responsible / source column
    guideline: tuple | None = None   # (notation, label, line) of a guideline cell on this row
    unsure: list = field(default_factory=list)
    quote: str | None = None
    more: list = field(default_factory=list)   # the cell's words continued on the next page
    role: str = "indicator"   # or "values" (a row of values only), "continued" (the indicator cell goes on)


def _is_year_cell(text: str) -> bool:
    return bool(re.fullmatch(r"(?:ปี\s*)?(?:พ\.ศ\.\s*)?25\d\d", arabic(text.strip())))


# --- one cell per line -------------------------------------------------------

def cell_table_at(lines: list, i: int) -> bool:
    """Whether a one-cell-per-line table header starts at index i."""
    if key(lines[i]) not in _HEAD_NUMBER:
        return False
    nxt = _next_cells(lines, i + 1, 1)
    return bool(nxt) and key(nxt[0][1]).startswith("ตัวชี้วัด")


def _next_cells(lines, i, n, blanks=False):
    """The next n cells from index i; with blanks, a line of spaces is an empty cell (a blank table cell), an empty line is not."""
    out = []
    while i < len(lines) and len(out) < n:
        if lines[i].strip() or (blanks and lines[i] and lines[i].isspace()):
            out.append((i, lines[i]))
        i += 1
    return out


def read_cell_table(lines: list, i: int):
    """Rows of a one-cell-per-line table whose header starts at index i; returns (rows, consumed indices, next index)."""
    consumed = []
    header, years = [], []
    j = i
    # header: cells until the first row number "1"
    while j < len(lines):
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if re.fullmatch(r"\d+", arabic(s)) and not _is_year_cell(s):
            break
        if _is_year_cell(s):
            years.append(years_in(s)[0])
        else:
            header.append(key(s))
        consumed.append(j)
        j += 1
    has_last = any(h.startswith(("ผู้รับผิดชอบ", "หน่วยงาน", "แหล่งที่มา", "ที่มา")) for h in header)
    has_unit = any(h.startswith("หน่วย") and not h.startswith("หน่วยงาน") for h in header)
    rows = []
    expected = 1
    while j < len(lines):
        cells = _next_cells(lines, j, 1)
        if not cells:
            break
        k, s = cells[0]
        if arabic(s.strip()) != str(expected):
            break
        row_cells = _next_cells(lines, k + 1, 2 + len(years) + (1 if has_last else 0) - (0 if has_unit else 1), blanks=True)
        if not row_cells:
            break
        idx = [k]
        text_k, text = row_cells[0]
        row = Row(str(expected), text.strip(), text_k + 1)
        idx.append(text_k)
        rest = row_cells[1:]
        if has_unit and rest:
            uk, u = rest[0]
            row.unit = u.strip() or None
            if not u.strip():
                row.unsure.append((uk + 1, f"row {expected}: blank unit cell"))
            idx.append(uk)
            rest = rest[1:]
        for year, (vk, v) in zip(years, rest[: len(years)]):
            if _row_boundary(v, expected + 1):
                row.unsure.append((vk + 1, f"row {expected}: fewer cells than years"))
                break
            row.targets.append(Cell(v.strip(), vk + 1, year))
            idx.append(vk)
        rest = rest[len(years):]
        if has_last and rest:
            lk, last = rest[0]
            if not _row_boundary(last, expected + 1):
                row.last = Cell(last.strip(), lk + 1)
                idx.append(lk)
        rows.append(row)
        consumed.extend(idx)
        j = max(idx) + 1
        expected += 1
    return rows, consumed, j


def _row_boundary(text: str, next_number: int) -> bool:
    """A cell that cannot belong to the current row: the next row's number, or a heading."""
    s = text.strip()
    return arabic(s) == str(next_number) or bool(numbered(s)) or bool(section(s) and section(s)[0])


# --- tab-separated rows ----------------------------------------------------------

@dataclass
class TabHeader:
    indicator: int
    guideline: int | None
    baseline: tuple | None       # (column, year BE)
    targets: list                # [(column, year BE)]
    last: int | None
    first_line: str              # the header row as written, to recognise repeats


def tab_header_at(lines: list, i: int) -> TabHeader | None:
    """The column layout when a tab-separated header row (with a ตัวชี้วัด column) starts at index i."""
    if "\t" not in lines[i]:
        return None
    cells = [key(c) for c in lines[i].split("\t")]
    if not any(c.startswith("ตัวชี้วัด") for c in cells):
        return None
    second = lines[i + 1].split("\t") if i + 1 < len(lines) and "\t" in lines[i + 1] else []
    ind = next(n for n, c in enumerate(cells) if c.startswith("ตัวชี้วัด"))
    guide = next((n for n, c in enumerate(cells) if c.startswith(("แนวทาง", "มาตรการ", "กลยุทธ์"))), None)
    baseline, targets, last = None, [], None
    for n, c in enumerate(cells):
        if c.startswith(("ข้อมูลฐาน", "ค่าฐาน", "ฐาน")) and years_in(c):
            baseline = (n, years_in(c)[0])
        elif c.startswith(("หน่วยงาน", "ผู้รับผิดชอบ")):
            last = n
        elif _is_year_cell(c):
            targets.append((n, years_in(c)[0]))
    for n, c in enumerate(second):
        if _is_year_cell(c):
            targets.append((n, years_in(c)[0]))
    if not targets:
        return None
    return TabHeader(ind, guide, baseline, sorted(targets), last, lines[i])


def read_tab_table(lines: list, i: int, header: TabHeader):
    """Rows of a tab-separated table from index i (its header); returns (rows, guidelines, consumed, unsure, next index).

    Guideline cells become (notation, label, line, rows) groups; a cell without
    numbering that follows a page break continues the cell above it."""
    consumed, unsure = [], []
    rows, guides = [], []
    j = i
    while j < len(lines):
        raw = lines[j]
        s = raw.strip()
        if not s:
            j += 1
            continue
        if "\t" not in raw and PAGE_HEADER.search(s):
            unsure.append((j + 1, "page header inside a table, skipped"))
            consumed.append(j)
            j += 1
            continue
        if "\t" not in raw:
            if numbered(s) or part(s) or (section(s) and section(s)[0]):
                break
            if guides and not item(s):
                unsure.append((j + 1, "text between table rows read as a continued guideline cell"))
                consumed.append(j)
                j += 1
                continue
            if item(s) and guides:   # a guideline row that has no other cells
                n, label = item(s)
                guides.append([n, label, s, j + 1, []])
                consumed.append(j)
                j += 1
                continue
            break
        cells = raw.split("\t")
        if tab_header_at(lines, j):        # the header again, after a page break
            consumed.append(j)
            if j + 1 < len(lines) and "\t" in lines[j + 1] and not key(lines[j + 1].split("\t")[header.indicator] if len(lines[j + 1].split("\t")) > header.indicator else ""):
                consumed.append(j + 1)
                j += 2
            else:
                j += 1
            continue
        if all(_is_year_cell(c) or not c.strip() for c in cells):   # the years row of the header
            consumed.append(j)
            j += 1
            continue
        consumed.append(j)
        g = cells[header.guideline].strip() if header.guideline is not None and header.guideline < len(cells) else ""
        if g:
            it = item(g)
            if it:
                guides.append([it[0], it[1], g, j + 1, []])
            elif guides:
                unsure.append((j + 1, "guideline cell without numbering read as the continuation of the one above (page break)"))
            else:
                unsure.append((j + 1, "guideline cell without numbering"))
        text = cells[header.indicator].strip() if header.indicator < len(cells) else ""
        values = [(c, y, cells[c].strip() if c < len(cells) else "") for c, y in header.targets]
        it = item(text) if text else None
        if not text or (not it and rows and re.match(r"^(?:-|\d+\))", arabic(text))):
            if not text and not any(v for _, _, v in values):
                j += 1
                continue
            row = Row(None, text, j + 1, quote=text, role="continued" if text else "values")
            row.targets = [Cell(v, j + 1, y) for _, y, v in values if v]
            rows.append(row)
            j += 1
            continue
        if not it and rows and not any(v for _, _, v in values):
            unsure.append((j + 1, "indicator cell continued from the previous page: joined to the label above with one space"))
            rows[-1].more.append(text)
            j += 1
            continue
        row = Row(it[0] if it else None, it[1] if it else text, j + 1)
        row.quote = text
        if header.baseline and header.baseline[0] < len(cells):
            b = cells[header.baseline[0]].strip()
            if b:
                row.baseline = Cell(b, j + 1, header.baseline[1])
        for c, y, v in values:
            if v:
                row.targets.append(Cell(v, j + 1, y))
        if header.last is not None and header.last < len(cells) and cells[header.last].strip():
            row.last = Cell(cells[header.last].strip(), j + 1)
        rows.append(row)
        if guides:
            guides[-1][4].append(row)
        j += 1
    return rows, guides, consumed, unsure, j


# --- project tables: name, budget, one column per quarter, responsible ------------------------------

@dataclass
class ProjectHeader:
    budget: int | None
    quarters: list        # [(column, quarter 1-4)]
    last: int | None


def project_header_at(lines: list, i: int) -> ProjectHeader | None:
    """The columns of a project table ("ชื่อโครงการ/กิจกรรม | งบประมาณ | ไตรมาส 1-4 | ผู้รับผิดชอบ") starting at index i."""
    if "\t" not in lines[i]:
        return None
    cells = [key(c) for c in lines[i].split("\t")]
    if not (cells[0].startswith(("ชื่อโครงการ", "โครงการ/กิจกรรม", "โครงการ")) and any(c.startswith("งบประมาณ") for c in cells)):
        return None
    rows = [cells] + ([[key(c) for c in lines[i + 1].split("\t")]] if i + 1 < len(lines) and "\t" in lines[i + 1] else [])
    quarters = [(n, int(m.group(1))) for row in rows for n, c in enumerate(row) if (m := re.match(r"ไตรมาส(?:ที่)?(\d)", c))]
    budget = next((n for n, c in enumerate(cells) if c.startswith("งบประมาณ")), None)
    last = next((n for n, c in enumerate(cells) if c.startswith(("ผู้รับผิดชอบ", "หน่วยงาน"))), None)
    return ProjectHeader(budget, sorted(quarters), last) if quarters else None


def read_project_table(lines: list, i: int, header: ProjectHeader):
    """Activity rows of a project table; returns ([(notation, label, quote, line, budget Cell, quarters, responsible)], consumed, next index)."""
    rows, consumed = [], []
    j = i
    while j < len(lines):
        raw = lines[j]
        s = raw.strip()
        if not s:
            j += 1
            continue
        if "\t" not in raw:
            break
        if project_header_at(lines, j) or all(re.match(r"^(?:ไตรมาส.*)?$", key(c)) for c in raw.split("\t")):
            consumed.append(j)
            j += 1
            continue
        cells = raw.split("\t")
        it = item(cells[0].strip())
        consumed.append(j)
        if it:
            cell = lambda n: cells[n].strip() if n is not None and n < len(cells) else ""
            budget = Cell(cell(header.budget), j + 1) if cell(header.budget) else None
            quarters = [q for n, q in header.quarters if cell(n)]
            rows.append((it[0], it[1], cells[0].strip(), j + 1, budget, quarters, cell(header.last) or None))
        j += 1
    return rows, consumed, j


# --- a project's action table: numbered activities, their steps and money rows per quarter --------

def action_header_at(lines: list, i: int) -> list | None:
    """The quarter columns [(column, quarter)] when an action table ("ที่ | กิจกรรม | … ไตรมาสที่ 1 …") starts at i."""
    if "\t" not in lines[i]:
        return None
    cells = [key(c) for c in lines[i].split("\t")]
    if len(cells) < 3 or cells[0] not in _HEAD_NUMBER or not cells[1].startswith("กิจกรรม"):
        return None
    rows = [cells] + [[key(c) for c in lines[n].split("\t")] for n in range(i + 1, min(i + 3, len(lines))) if "\t" in lines[n]]
    quarters = [(n, int(m.group(1))) for row in rows for n, c in enumerate(row) if (m := re.match(r"ไตรมาส(?:ที่)?(\d)", c))]
    return sorted(set(quarters)) or None


_STEP = re.compile(r"\s1\.\s")
_ACTIVITY = re.compile(r"^(?:<p>)?\s*(?:กิจกรรมที่\s*[\d๐-๙]+\s*)?")


def read_action_table(lines: list, i: int, quarters: list):
    """([("activity"|"step", notation, label, quote, line)], {row index: (budget, quarters)}, consumed, next index)."""
    rows, money, consumed = [], {}, []
    j = i
    while j < len(lines):
        raw = lines[j]
        if not raw.strip():
            j += 1
            continue
        if "\t" not in raw:
            if PAGE_HEADER.search(raw.strip()) or len(raw.strip()) < 60 and not item(raw.strip()):
                j += 1          # a running header between pages: the table goes on
                continue
            break
        cells = raw.split("\t")
        consumed.append(j)
        first, second = cells[0].strip(), cells[1].strip() if len(cells) > 1 else ""
        if re.fullmatch(r"[\d๐-๙]+", first) and second:
            m = _ACTIVITY.match(second)
            body = second[m.end():]
            cut = _STEP.search(body)
            label = body[:cut.start()] if cut else body
            quote = second[second.find("กิจกรรม") if "กิจกรรมที่" in second else m.end():m.end() + len(label)].strip()
            rows.append(("activity", arabic(first), label.strip(), quote, j + 1))
        elif not first and item(second):
            n, label = item(second)
            rows.append(("step", n, label, second, j + 1))
        elif rows and any(key(c) == "เงิน" for c in cells[:3]):
            budget, quarter_set = money.get(len(rows) - 1, (0, set()))
            for col, q in quarters:
                if col < len(cells):
                    v = value(cells[col].strip().rstrip(".-"))
                    if v is not None:
                        budget += v
                        quarter_set.add(q)
            money[len(rows) - 1] = (budget, quarter_set)
        j += 1
    return rows, money, consumed, j
