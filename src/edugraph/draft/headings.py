"""Rules for numbered heading hierarchies and the keyword sections under them.

A numbered heading names its own kind ("กลยุทธ์ที่ 2", "ประเด็นกลยุทธ์ที่ ๑",
"นโยบายที่ 1", "จุดเน้นที่ 3"); a section heading ("พันธกิจ", "1.2 แนวทางการพัฒนา",
"ตัวชี้วัด") says what the numbered items below it are ("1.", "(1)", "1)",
"๑.๑", "- ๖.๑"). Keywords are matched through extraction damage (ำ for า,
stray spaces); labels and quotes keep the text as written.
"""
from __future__ import annotations

import re
import unicodedata

from .text import arabic, key


def _kw(word: str) -> str:
    """A keyword as a pattern that tolerates ำ-for-า damage and a stray space between letters."""
    return r"\s?".join("[าำ]" if ch == "า" else re.escape(ch) for ch in word)


# numbered headings: kind, level in the hierarchy, keywords
NUMBERED = [
    ("StrategicIssue", 1, ["ประเด็นกลยุทธ์ที่", "ประเด็นยุทธศาสตร์ที่", "ประเด็นกลยุทธ์", "ยุทธศาสตร์ที่"]),
    ("Strategy", 2, ["กลยุทธ์ที่"]),
    ("OfficePolicy", 3, ["นโยบายที่"]),
    ("FocusPoint", 4, ["จุดเน้นที่"]),
]
_NUMBERED = [
    (kind, level, re.compile(r"^\s*(?:[-•]\s*)?(?:" + "|".join(_kw(w) for w in words) + r")\s*(\d+(?:\.\d+)*)\.?\s*(.*?)\s*$"))
    for kind, level, words in NUMBERED
]

# section headings: kind of the items below (None: a list of numbered headings), keywords
SECTIONS = [
    ("Vision", ["วิสัยทัศน์"]),
    ("Mission", ["พันธกิจ"]),
    ("Goal", ["เป้าประสงค์", "เป้าหมาย"]),
    ("CoreValue", ["ค่านิยม", "อัตลักษณ์", "วัฒนธรรมองค์กร"]),
    ("Guideline", ["แนวทางการพัฒนา", "แนวทางการดำเนินงาน", "แนวทาง"]),
    ("Measure", ["มาตรการ", "ภารกิจ"]),   # the office's duties (ภารกิจ) are listed as measures
    ("Indicator", ["ตัวชี้วัด"]),
    ("FocusPoint", ["จุดเน้น"]),
    ("ContextFigure", ["ผลการดำเนินงาน", "ปริมาณงาน", "ข้อมูลพื้นฐาน", "สภาพทั่วไป", "ข้อมูลทั่วไป"]),
    (None, ["กลยุทธ์", "นโยบาย", "ยุทธศาสตร์", "ประเด็นกลยุทธ์"]),
]
PLAN_LEVEL = {"Vision", "Mission", "CoreValue"}
_SECTION = [
    (kind, re.compile(r"^\s*(?:(\d+(?:\.\d+)*)\.?\s*)?(?:" + "|".join(_kw(w) for w in words) + r")(.*?)\s*$"))
    for kind, words in SECTIONS
]
_PART = re.compile(r"^\s*ส่วนที่\s*\d+(?:\s+\S.{0,60})?$")   # "ส่วนที่ ๓", "ส่วนที่ ๑ บริบทองค์กร"
_ITEM = re.compile(r"^(\s*(?:[-•]\s*)?)(?:\((\d+)\)|(\d+(?:\.\d+)+|\d+)(?:\.|\))?(?=\s|[^\d.]))\s*(\S.*?)\s*$")
SECTION_MAX = 40   # a section heading is short; a longer line is a sentence that starts with the keyword


def _unmarked(line: str) -> str:
    """The line with leading symbols (emoji, bullets such as 📌 or •) blanked, so positions stay the same."""
    n = 0
    while n < len(line) and (line[n].isspace() or unicodedata.category(line[n]).startswith("S") or line[n] in "•\ufe0f"):
        n += 1
    return " " * n + line[n:]


def numbered(line: str):
    """(kind, level, notation, label) when the line is a numbered heading."""
    text = arabic(_unmarked(line))
    for kind, level, pattern in _NUMBERED:
        m = pattern.match(text)
        if m and m.group(2):
            return kind, level, m.group(1), line[m.start(2):m.end(2)]
    return None


def section(line: str):
    """(kind, section number, rest) when the line is a section heading such as "1.3 ตัวชี้วัด" or "พันธกิจ (Mission)"."""
    text = arabic(_unmarked(line))
    for kind, pattern in _SECTION:
        m = pattern.match(text)
        if not m:
            continue
        rest = line[m.start(2):m.end(2)]
        if len(text.strip()) > SECTION_MAX and not re.match(r"^\s*(?:[:：]|ของ)", rest):
            continue
        return kind, m.group(1), rest
    return None


def contents(text: str) -> bool:
    """Whether a heading's remaining words are more headings ("วิสัยทัศน์ ค่านิยม พันธกิจ กลยุทธ์"): a contents line."""
    k = key(text)
    return sum(1 for _, words in SECTIONS for w in words if key(w) in k) >= 2


def part(line: str) -> bool:
    """A part heading ("ส่วนที่ ๓") that starts a new block of the document."""
    return bool(_PART.match(arabic(line)))


def item(line: str):
    """(notation, label) of a numbered item: "1. x", "(1) x", "1) x", "๑.๑ x", "- ๖.๑ x"."""
    text = arabic(line)
    m = _ITEM.match(text)
    if not m:
        return None
    bare = m.group(3)
    closed = m.group(2) is not None or (bare and (text[m.end(3):m.end(3) + 1] in ".)" or "." in bare))
    if not closed:
        return None
    notation = m.group(2) or bare
    if len(notation) == 4 and notation.startswith("25"):  # a Buddhist-era year, not a number
        return None
    return notation, line[m.start(4):m.end(4)]
