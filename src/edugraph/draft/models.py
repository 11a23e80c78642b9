"""Rules for management models: a model named before "เป็นรูปแบบ", its lettered parts, and values given as an acronym."""
from __future__ import annotations

import re

from . import headings as H
from .text import arabic, key

_MODEL_NAME = re.compile(r"([0-9A-Z][0-9A-Za-z²]*(?:\s+[0-9A-Z][0-9A-Za-z²]*)*)\s*เป็นรูปแบบ")
_CODE_PART = re.compile(r"^\s*(?:-\s*)?([A-Z][A-Za-z0-9²]{0,5})\s*:\s*(\S.*)$")
_MODEL_GROUP = re.compile(r"^\s*([A-Z][A-Z0-9²]{1,7})\s+เป็น")          # "PLUS เป็นการหนุนเสริม…"
_MODEL_RESULT = re.compile(r"ให้เกิด\s*([0-9]*[A-Z][A-Z0-9²]*)\s*ดังนี้")   # "โดยมุ่งผลให้เกิด 5Q ดังนี้"
_MODEL_LINE = re.compile(r"^\s*[A-Z][A-Za-z0-9 ()+]{1,30}\s*:\s*[A-Z]")
_NUMBER_MEANS = re.compile(r"^\s*(\d+(?:\.\d+)*)\s+หมายถึง[\s\u00a0]*(\S.*)$")
_ACRONYM = re.compile(r"^[“\"]?([A-Z]{2,8})[”\"]?$")


class ModelRules:
    """Mixed into parse.Reader: the model being read is `self.model` (None outside one)."""

    def _previous(self, i) -> str:
        """The nearest non-blank line above index i."""
        return next((self.lines[n] for n in range(i - 1, -1, -1) if self.lines[n].strip()), "")

    def _model(self, i, s) -> bool:
        """A management model: "… 4A PLUS เป็นรูปแบบ…" names it; "A1 : Awareness เป็น…" lines are its parts,
        a part written as a word ("PLUS เป็น…", "…ให้เกิด 5Q ดังนี้") groups the one-letter parts it spells, and
        numbered lines under a part ("1) …") are that part's own parts."""
        m = _MODEL_NAME.search(s)
        named = (getattr(self, "model", None) is None and _MODEL_LINE.match(s)     # under a heading "🌟 รูปแบบ…",
                 and re.sub(r"^\W+", "", key(self._previous(i))).startswith("รูปแบบ"))  # "LPG 3 (1+2) : Lampang …"
        if (m or named) and not H.item(s):
            name = m.group(1) if m else s
            self.model = dict(el=self.add("ManagementModel", None, name, s, i + 1, None), groups=[], last=None)
            self.sect = None
            self.use(i)
            return True
        model = getattr(self, "model", None)
        if model is None:
            return False
        code = _CODE_PART.match(s)
        if code:
            name, rest = code.group(1), code.group(2)
            label = re.split(r"\s+(?:เป็น|หมายถึง|คือ)", rest, maxsplit=1)[0].strip()
            letters = re.sub(r"[^A-Z]", "", name)
            parent = next((g for g in reversed(model["groups"]) if letters and letters[0] in g.notation), model["el"])
            model["last"] = self.add("ModelComponent", name, label, s, i + 1, parent)
            self.use(i)
            return True
        group = _MODEL_GROUP.match(s) or _MODEL_RESULT.search(s)
        if group and not s.startswith(model["el"].label):
            g = self.add("ModelComponent", group.group(1), group.group(1), s, i + 1, model["el"])
            model["groups"].append(g)
            model["last"] = None
            self.use(i)
            return True
        means = _NUMBER_MEANS.match(arabic(s))    # "1 หมายถึง คณะกรรมการ…": a numbered part of the model itself
        if means:
            self.add("ModelComponent", means.group(1), s[means.start(2):].strip(), s, i + 1, model["el"])
            self.use(i)
            return True
        it = H.item(s)
        if it and "." in it[0] and model["last"] is None or it and model["groups"] == [] and model["last"] is None \
                and re.match(r"^\s*\d+\.\d+", arabic(s)):
            self.add("ModelComponent", it[0], it[1], s, i + 1, model["el"])
            self.use(i)
            return True
        if it and model["last"] is not None and re.match(r"^\s*(?:-\s*)?\(?\d+\)", arabic(s)):
            self.add("ModelComponent", it[0], it[1], s, i + 1, model["last"])
            self.use(i)
            return True
        if it or H.numbered(s) or (H.section(s) and H.section(s)[0]):   # other numbering or a heading: the model ends
            self.model = None
        return False

    def _acronym(self, i, s) -> bool:
        """Values given as an acronym ("“SMART”", then "Service Mind ⇥ หมายถึง …" for each letter): a management
        model whose letters are its components, each labelled by what it means."""
        sect = self.sect
        if sect and sect["kind"] == "CoreValue" and not sect["items"]:
            m = _ACRONYM.match(s)
            if m:
                model = self.add("ManagementModel", m.group(1), f"{sect.get('heading', '')} {s}".strip(), s, i + 1, sect["owner"])
                self.sect = dict(kind="ModelComponent", number=None, owner=model, items=[], implicit=False)
                self.use(i)
                return True
        if sect and sect["kind"] == "ModelComponent" and "หมายถึง" in s:
            name, meaning = s.split("หมายถึง", 1)
            letter = name.strip()[:1].upper()
            if letter and letter in (sect["owner"].notation or ""):
                sect["items"].append(self.add("ModelComponent", letter, meaning.strip(), s, i + 1, sect["owner"]))
                self.use(i)
                return True
        return False
