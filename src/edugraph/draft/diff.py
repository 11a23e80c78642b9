"""`edugraph draft --diff DRAFT REVIEWED`: elements, targets and links that are the same, changed or only on one side.

Elements are keyed by kind and numbering path, targets by indicator path,
kind and fiscal year, links by element path and the item linked to; an
element only on one side is paired with the most similar one of its kind on
the other side (a relabelled or renumbered item), so a reviewer reads a short
list rather than two files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from rdflib import Graph

from ..errors import InputError
from ..namespaces import EDU
from .score import ELEMENT_KINDS, _kind, _label, path

SIMILAR = 0.8


@dataclass
class Diff:
    same: list = field(default_factory=list)
    changed: list = field(default_factory=list)       # (what, draft text, reviewed text)
    similar: list = field(default_factory=list)       # (draft key, reviewed key, ratio)
    only_draft: list = field(default_factory=list)
    only_reviewed: list = field(default_factory=list)


def _load(p: Path) -> Graph:
    try:
        return Graph().parse(p, format="turtle")
    except FileNotFoundError:
        raise InputError(f"edugraph draft --diff: no such file {p}") from None
    except Exception as exc:
        raise InputError(f"edugraph draft --diff: {p} does not parse: {str(exc).splitlines()[0][:160]}") from None


def _elements(g):
    out = {}
    for s in set(g.subjects()):
        kind = _kind(g, s)
        if kind in ELEMENT_KINDS:
            out[path(g, s)] = _label(g, s)
    return out


def _values(g):
    out = {}
    for name, link in (("target", EDU.targetOf), ("baseline", EDU.baselineOf)):
        for s, ind in g.subject_objects(link):
            out[(path(g, ind), name, int(g.value(s, EDU.fiscalYearBE) or 0))] = str(g.value(s, EDU.valueText))
    return out


def _links(g):
    return {(path(g, low), str(g.value(rec, EDU.alignedTo))) for low, rec in g.subject_objects(EDU.hasAlignment)
            if g.value(rec, EDU.alignedTo) is not None}


def show(p) -> str:
    return "/".join(f"{k}:{n}" for k, n in p)


def diff(draft_path: Path, reviewed_path: Path) -> Diff:
    d, r = _load(draft_path), _load(reviewed_path)
    out = Diff()
    de, re_ = _elements(d), _elements(r)
    for k in sorted(set(de) & set(re_), key=str):
        (out.same if de[k] == re_[k] else out.changed).append(("element " + show(k), de[k], re_[k]))
    only_d, only_r = sorted(set(de) - set(re_), key=str), sorted(set(re_) - set(de), key=str)
    taken = set()
    for k in only_d:
        best = max(((SequenceMatcher(None, de[k], re_[o]).ratio(), o) for o in only_r if o[-1][0] == k[-1][0] and o not in taken),
                   default=(0, None))
        if best[0] >= SIMILAR:
            out.similar.append((show(k), show(best[1]), round(best[0], 2)))
            taken.add(best[1])
        else:
            out.only_draft.append(("element " + show(k), de[k]))
    out.only_reviewed += [("element " + show(k), re_[k]) for k in only_r if k not in taken]
    dv, rv = _values(d), _values(r)
    for k in sorted(set(dv) | set(rv), key=str):
        name = f"{k[1]} {show(k[0])} {k[2]}"
        if k in dv and k in rv:
            (out.same if dv[k] == rv[k] else out.changed).append((name, dv[k], rv[k]))
        elif k in dv:
            out.only_draft.append((name, dv[k]))
        else:
            out.only_reviewed.append((name, rv[k]))
    dl, rl = _links(d), _links(r)
    out.same += [("link " + show(p), o, o) for p, o in sorted(dl & rl, key=str)]
    out.only_draft += [("link " + show(p), o) for p, o in sorted(dl - rl, key=str)]
    out.only_reviewed += [("link " + show(p), o) for p, o in sorted(rl - dl, key=str)]
    return out


def render(x: Diff) -> str:
    lines = [f"same: {len(x.same)}   changed: {len(x.changed)}   relabelled or renumbered: {len(x.similar)}   "
             f"only in draft: {len(x.only_draft)}   only in reviewed: {len(x.only_reviewed)}", ""]
    lines += [f"## changed ({len(x.changed)})"] + [f"~ {w}\n    draft:    {a}\n    reviewed: {b}" for w, a, b in x.changed]
    lines += ["", f"## relabelled or renumbered ({len(x.similar)})"] + [f"≈ {a} ~ {b} (similarity {s})" for a, b, s in x.similar]
    lines += ["", f"## only in the draft ({len(x.only_draft)})"] + [f"+ {w}: {t}" for w, t in x.only_draft]
    lines += ["", f"## only in the reviewed file ({len(x.only_reviewed)})"] + [f"- {w}: {t}" for w, t in x.only_reviewed]
    return "\n".join(lines)
