"""A stated line ("สอดคล้องกับ …") resolved within the framework it names: by item number when one is written, else by label similarity.

The line's words name a framework (`FRAMEWORKS`: "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ" the
master plans, "แผนย่อย" the sub-plans of the master plan named just before,
"ยุทธศาสตร์ชาติ" the National Strategy areas, "สพฐ." OBEC's policy, "ศธ." MOE's
policy, "Quick Win" OBEC's quick wins). Its items are the candidates of
`edugraph.suggest.Corpus` read from data/reference, in the schemes whose period
overlaps the plan's (a yearly policy of another year is not the one the line
means; "แผน … สพฐ." names OBEC's plan, not its policy). An item number written
after an item word of the framework ("ข้อ 10", "ด้านที่ 3", "ประเด็นที่ 12"; not
"สพฐ. กลยุทธ์ที่ 3", a strategy) picks the item with that notation; without a
number the line's words are compared with the items' Thai labels by suggest's
character n-gram TF-IDF cosine, and the best item is taken when it reaches
`THRESHOLD` and leads the next by `MARGIN`. Everything else (a body the graph
holds no items for, a number no item carries, words too far from every label)
stays unresolved, with the reason, for the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ..load import parse_triples
from ..reason import infer_ox
from .text import arabic

# chosen while reading seed 003's lines (taken: 0.68-1.00, the next item 0.06-0.19) and the fixtures: in-sample
THRESHOLD = 0.35    # cosine of the line's words with the best label
MARGIN = 0.10       # ... and its lead over the second best

_THAI = "\u0E00-\u0E7F"
#: (framework, pattern naming it), the first that matches wins: master plans before the National Strategy they are under
FRAMEWORKS = (
    ("sub-plan", re.compile(r"แผนย่อย")),
    ("master-plan", re.compile(r"แผนแม่บท")),
    ("national-strategy", re.compile(r"ยุทธศาสตร์ชาติ")),
    ("quick-win", re.compile(r"quick\s*win|\bQW\b|นโยบายระยะเร่งด่วน", re.I)),
    ("obec-policy", re.compile(r"สพฐ|สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")),
    ("moe-policy", re.compile(rf"นโยบาย\s*ศธ|(?<![{_THAI}])ศธ(?![{_THAI}])|กระทรวงศึกษาธิการ|(?<![{_THAI}])รมว")),
)
NAMES = {"sub-plan": "sub-plan", "master-plan": "master plan", "national-strategy": "National Strategy area",
         "quick-win": "OBEC quick win", "obec-policy": "OBEC policy item", "moe-policy": "MOE policy item"}
#: the item words a framework's numbers follow ("ข้อ" for all)
ITEM_WORDS = {"national-strategy": {"ด้าน", "ยุทธศาสตร์", "ข้อ"}, "master-plan": {"แผนแม่บท", "ประเด็น", "ข้อ"},
              "sub-plan": {"แผนย่อย", "ข้อ"}, "obec-policy": {"นโยบาย", "ข้อ"}, "moe-policy": {"นโยบาย", "ข้อ"},
              "quick-win": {"นโยบาย", "ข้อ"}}
POLICIES = ("obec-policy", "moe-policy", "quick-win")
#: an item number: after an item word, Thai digits already Arabic ("ข้อ (10)", "ด้านที่ 3", "กลยุทธ์ที่ 3", "ประเด็นที่ 12")
_NUMBER = re.compile(r"(ข้อ|ด้าน|ยุทธศาสตร์|ประเด็น|แผนแม่บท|แผนย่อย|นโยบาย|กลยุทธ์|จุดเน้น)(?:ที่)?\s*"
                     r"\(?(\d+(?:\.\d+)*)\)?")
#: the words that only frame the line or name the framework: left out of the comparison, on both sides
_FRAMING = re.compile(r"สอดคล้องกับ|แผนแม่บทภายใต้ยุทธศาสตร์ชาติ|แผนแม่บท|ยุทธศาสตร์ชาติ|แผนย่อย|ประเด็น|ด้าน|นโยบาย"
                      r"|สพฐ\.?|ศธ\.?")


@dataclass
class Reading:
    """What the drafter made of one stated line: the item it names (or None), and how, for the report."""
    iri: URIRef | None
    note: str
    framework: str | None = None


class Frameworks:
    """The reference frameworks' items per framework, in the schemes whose period overlaps the plan's."""

    def __init__(self, project, period: tuple | None):
        from .. import suggest      # numpy and scipy: loaded only for a plan that has such lines

        self.similarities = suggest.text_similarities
        triples = set()
        for path in sorted(Path(project.root / "data" / "reference").glob("*.ttl")):
            triples |= parse_triples(path)
        triples |= infer_ox(Graph().parse(project.ontology), triples)     # partOfTransitive, which Corpus reads
        store = ox.Store()
        store.bulk_extend(ox.Quad(s, p, o) for s, p, o in triples)
        corpus = suggest.Corpus.read(store)
        start, end = period if period else (None, None)
        schemes = {s.iri for s in corpus.schemes_during(start, end, in_force=False)}
        self.items = {}         # framework -> [Candidate]
        for c in sorted(corpus.candidates.values(), key=lambda c: c.iri):
            if c.scheme in schemes:
                self.items.setdefault(corpus.schemes[c.scheme].framework, []).append(c)
        notation = ox.NamedNode(str(SKOS.notation))
        self.notations = {s.value: o.value for s, _, o, _ in store.quads_for_pattern(None, notation, None)}

    def read(self, text: str, master_plan: URIRef | None = None) -> list[Reading]:
        """The items a stated line names (one Reading with iri None when it names none the drafter can tell);
        a sub-plan line looks under master_plan, the master plan resolved just before it."""
        framework = named(text)
        if framework is None:
            return [Reading(None, "names no framework the graph holds items for")]
        items = self.items.get("master-plan" if framework == "sub-plan" else framework, [])
        if framework == "sub-plan":
            if master_plan is None:
                return [Reading(None, "a sub-plan of no resolved master plan")]
            items = [c for c in items if c.iri.startswith(f"{master_plan}/")]
        elif framework == "master-plan":
            items = _top(items)
        what, of = NAMES[framework], (f" of master plan {master_plan.rsplit('/', 1)[-1]}" if framework == "sub-plan" else "")
        if not items:
            return [Reading(None, f"no {what}{of} in the graph for the plan's period")]
        if framework in POLICIES and "แผน" in text and "นโยบาย" not in text:
            return [Reading(None, "names the body's plan, not its policy (the graph holds no plan items of it)")]
        numbers = notations(text)
        if not numbers:
            return [self._by_words(text, items, what + of, framework)]
        out = []
        for word, number in numbers:
            if word not in ITEM_WORDS[framework]:       # "สพฐ. กลยุทธ์ที่ 3": a strategy, not a policy item
                out.append(Reading(None, f"'{word} {number}' does not number {what}s"))
                continue
            found = [c for c in items if _same(self.notations.get(c.iri), number)]
            out.append(Reading(URIRef(found[0].iri), f"{what} {number}{of}, by its number", framework) if len(found) == 1 else
                       Reading(None, f"{what} {number}{of}: {'several such items' if found else 'no such item'} in the graph "
                                     "for the plan's period"))
        return out

    def _by_words(self, text, items, what, framework) -> Reading:
        words = _FRAMING.sub(" ", text)
        if not re.search(rf"[{_THAI}A-Za-z]{{2}}", words):
            return Reading(None, f"names no {what}")
        cosines = self.similarities([words], [_FRAMING.sub(" ", c.label) for c in items])[0]
        order = sorted(range(len(items)), key=lambda n: (-cosines[n], items[n].iri))
        best, second = cosines[order[0]], (cosines[order[1]] if len(order) > 1 else 0.0)
        label = items[order[0]].label
        if best >= THRESHOLD and best - second >= MARGIN:
            return Reading(URIRef(items[order[0]].iri), f"{what} '{label}', by label similarity {best:.2f} (next {second:.2f})",
                           framework)
        return Reading(None, f"no {what} label near enough (best '{label}' {best:.2f}, next {second:.2f})")


def named(text: str) -> str | None:
    """The framework a stated line names (a key of `NAMES`), or None."""
    return next((name for name, pattern in FRAMEWORKS if pattern.search(text)), None)


def _top(items: list) -> list:
    """The items that are no other item's part (the master plans, not their sub-plans)."""
    below = {p for c in items for p in c.parts[1:]}
    return [c for c in items if c.iri not in below]


def notations(text: str) -> list[tuple[str, str]]:
    """The item numbers a line writes, in order, each with the item word it follows: a number after the same item word
    as the one before is an item of its own ("ข้อ 4.5 และ ข้อ 4.6"), after another item word it is below it
    ("กลยุทธ์ที่ 3 … ข้อ (10)" -> ("กลยุทธ์", "3.10"))."""
    out, word = [], None
    for m in _NUMBER.finditer(arabic(text)):
        if out and m.group(1) != word:
            out[-1] = (out[-1][0], f"{out[-1][1]}.{m.group(2)}")
        else:
            out.append((m.group(1), m.group(2)))
        word = m.group(1)
    return out


def _same(notation: str | None, number: str) -> bool:
    """Equal notations, leading zeros aside ("01" is 1)."""
    if notation is None:
        return False
    try:
        return tuple(int(p) for p in notation.split(".")) == tuple(int(p) for p in number.split("."))
    except ValueError:
        return False
