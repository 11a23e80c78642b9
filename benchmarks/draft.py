"""Draft each of the five sources and score the drafts against the reviewed seeds (issue #20).

Usage: PYTHONPATH=src python benchmarks/draft.py [--repeat 3] [--markdown FILE]

Elements are compared as (kind, notation, Thai label, path of parents),
targets and baselines as (indicator path, fiscal year BE, value text), stated
lines as (element path, evidence line), stated links as (element path, evidence
line, the framework item it serves). Also checks every draft with the
integrity check, that the report lists every unconsumed content line, and that
no contact detail reached the draft.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from edugraph import integrity  # noqa: E402
from edugraph.draft import read, write  # noqa: E402
from edugraph.draft.report import unconsumed  # noqa: E402
from edugraph.draft.score import score  # noqa: E402
from edugraph.project import Project  # noqa: E402

SOURCES = ["000_77ed530c322606f6", "001_8c1bc81af2735ebe", "002_1f30bfc08ba12608", "003_1637ed538e816cf6",
           "004_9a5e1a487ae0de77"]
ISSUER = {"002_1f30bfc08ba12608": "esao-unidentified-002"}   # seed 002 never names its office
# the stated lines the bar is about: 001's source-plan column (indicators), 003's project pages
STATED = {"001_8c1bc81af2735ebe": {"Indicator"}, "003_1637ed538e816cf6": {"Project", "Activity"}}


def run(repeat: int = 3):
    project = Project(ROOT)
    texts = integrity.source_texts(ROOT / "data" / "sources")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for sid in SOURCES:
            path = ROOT / "data" / "sources" / f"{sid}.txt"
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                drafted = read(project, path, issuer=ISSUER.get(sid))
                times.append(time.perf_counter() - t0)
            files = write(project, drafted, Path(tmp))
            problems = integrity.check(str(files[0]), texts)
            report = drafted.report
            missing = [n for n in unconsumed(drafted.draft) if f"\n{n}: " not in report]
            s = score(drafted.graph, Graph().parse(ROOT / "data" / "seeds" / f"{sid}.ttl"), STATED.get(sid, set()))
            rows.append((sid, s, times, problems, missing))
    return rows


def markdown(rows) -> str:
    out = ["| source | elements P | elements R | targets+baselines P | R | stated lines R | stated links P | R "
           "| integrity problems | unlisted lines | draft s (median, range) |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    fe = ee = me = 0
    for sid, s, times, problems, missing in rows:
        fe, ee, me = fe + s.elements.found, ee + s.elements.expected, me + s.elements.matched
        stated = f"{s.stated.recall:.3f} ({s.stated.matched}/{s.stated.expected})" if s.stated.expected else "-"
        precision = f"{s.links.precision:.3f}" if s.links.found else "-"
        links = (f"{precision} ({s.links.matched}/{s.links.found}) | {s.links.recall:.3f} ({s.links.matched}/{s.links.expected})"
                 if s.links.expected else "- | -")
        out.append(f"| {sid[:3]} | {s.elements.precision:.3f} | {s.elements.recall:.3f} ({s.elements.matched}/{s.elements.expected}) | "
                   f"{s.values.precision:.3f} | {s.values.recall:.3f} ({s.values.matched}/{s.values.expected}) | {stated} | {links} | "
                   f"{len(problems)} | {len(missing)} | {statistics.median(times):.2f} ({min(times):.2f}-{max(times):.2f}) |")
    out.append(f"| all | {me / fe:.3f} | {me / ee:.3f} ({me}/{ee}) | | | | | | | | |")
    out += ["", "Elements per kind (found / expected / matched):", ""]
    for sid, s, *_ in rows:
        out.append(f"- {sid[:3]}: " + "; ".join(f"{k} {v.found}/{v.expected}/{v.matched}" for k, v in s.kinds.items()))
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--markdown", type=Path)
    args = ap.parse_args(argv)
    text = markdown(run(args.repeat))
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
