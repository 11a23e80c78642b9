"""Benchmarks at national scale: build, validation, catalogue queries, export,
peak memory, and the naive pipeline as a baseline, on synthetic data.

    python benchmarks/run.py --sizes 10,50,245 [--repeat 5] [--naive-sizes 10,50]
                             [--naive-cap 900] [--work /tmp/edugraph-bench] [--markdown FILE]

For each size N it generates a project of N offices (benchmarks/generate.py,
seed 7, 3 plans per office) and measures, each step in its own Python process
(so peak memory is the step's own maximum resident set size):

* build        `edugraph build` in-process from nothing (dist/ and the document
               cache removed first): shared graphs, office documents (parse,
               reasoning, rendering; one worker process per core), writing dist/;
* rebuild      the build after changing one office's file (the cache kept);
* validate     the whole graph, and one office (`--office synthetic-office-001`);
* query        every catalogue query through `edugraph.query.run` (first run
               separately, then the median of --repeat runs), and the same
               query text on pyoxigraph over dist/edugraph.trig;
* export       `edugraph export --format trig`;
* naive        rdflib in-memory parse, full owlrl OWL-RL closure, pySHACL
               with OWL-RL inference on; a step over --naive-cap seconds is
               stopped and reported as "> cap".

It prints a Markdown table per size and the machine's description. Not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


# --------------------------------------------------------------------------
# Steps (run in a child process: `run.py --step NAME --root PATH`)


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_peak_mb() -> float:
    """The largest peak of the step's own child processes (the build's workers), 0 if none."""
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def step_build(root: Path, args) -> dict:
    """A cold build: dist/ and the document cache removed first."""
    import shutil

    from edugraph.project import Project

    shutil.rmtree(Project(root).cache, ignore_errors=True)
    shutil.rmtree(root / "dist", ignore_errors=True)
    return _build(root)


def _build(root: Path) -> dict:
    from edugraph.build import build
    from edugraph.project import Project

    t = time.perf_counter()
    summary = build(Project(root))
    total = time.perf_counter() - t
    return {"seconds": total, **{k: v for k, v in summary.seconds.items() if k != "total"},
            "work": summary.work, "workers_peak_mb": _worker_peak_mb(),
            "asserted": summary.asserted, "inferred": summary.inferred}


def step_rebuild(root: Path, args) -> dict:
    """Change one office's file (a label), rebuild with the build step's cache, change it back."""
    path = root / "data" / "seeds" / "synthetic-office-001.ttl"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace('"Synthetic Primary Educational Service Area Office 001"@en',
                                      '"Synthetic Primary Educational Service Area Office 001 (changed)"@en', 1), encoding="utf-8")
    try:
        return _build(root)
    finally:
        path.write_text(original, encoding="utf-8")


def step_validate(root: Path, args) -> dict:
    from edugraph.build import build, is_current
    from edugraph.project import Project
    from edugraph.validate import validate

    if not is_current(Project(root)):  # the rebuild step leaves dist/ one edit behind: not validation's time
        build(Project(root))
    t = time.perf_counter()
    report = validate(Project(root), office=args.office)
    counts = report.counts()
    return {"seconds": time.perf_counter() - t, "results": len(report.results),
            "by_severity": {s.label: counts.get(s, 0) for s in counts}}


# The catalogue's defaults name seed elements, which generated data does not have: these name generated ones.
GENERATED = {
    "alignment-audit": ["office=synthetic-office-001"],
    "chain-up": ["element=plan/syn001-devplan-2566-2570/strategy/1/focus/1/guideline/1/indicator/1"],
    "indicator-targets": ["scope=org/synthetic-office-001"],
    "office-documents": ["office=synthetic-office-001"],
    "topic-comparison": ["topic=ความปลอดภัย"],
}
ONE_OFFICE = [("chain-down", ["office=synthetic-office-001"])]  # besides the nation's chain-down, as one office asks it


def asked(catalogue) -> list[tuple[str, str, list]]:
    """(label, query name, parameters) of every catalogue query the benchmark runs."""
    runs = [(q.name, GENERATED.get(q.name, [])) for q in catalogue] + ONE_OFFICE
    return [(" ".join([name, *params]), name, params) for name, params in runs]


def step_query(root: Path, args) -> dict:
    from edugraph.project import Project
    from edugraph.query import Catalogue, run

    project = Project(root)
    out = {}
    for label, name, params in asked(Catalogue(project.queries_dir)):
        times = []
        rows = None
        for i in range(args.repeat + 1):
            t = time.perf_counter()
            result = run(project, name=name, params=params)
            times.append(time.perf_counter() - t)
            rows = len(result.rows)
            if times[-1] > args.query_cap:
                break
        out[label] = {"first": times[0], "median": statistics.median(times[1:]) if len(times) > 1 else None, "rows": rows}
    return {"queries": out}


def step_query_ox(root: Path, args) -> dict:
    """The catalogue's query texts on pyoxigraph (parameters from `asked`, bound as VALUES)."""
    import pyoxigraph as ox

    from edugraph.project import Project
    from edugraph.query import Catalogue, bound_text

    project = Project(root)
    t = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(root / "dist" / "edugraph.trig"), format=ox.RdfFormat.TRIG)
    load = time.perf_counter() - t
    def timed(text: str) -> dict:
        times, rows = [], None
        for _ in range(args.repeat + 1):
            t = time.perf_counter()
            rows = len(list(store.query(text, use_default_graph_as_union=True)))
            times.append(time.perf_counter() - t)
        return {"first": times[0], "median": statistics.median(times[1:]), "rows": rows}

    catalogue = Catalogue(project.queries_dir)
    out = {}
    for label, name, params in asked(catalogue):
        query = catalogue.get(name)
        out[label] = timed(bound_text(query, params, "en"))
    # the chain up from one indicator to the National Strategy (a property path)
    out["(chain-up, one indicator, property path)"] = timed("""PREFIX edu: <https://w3id.org/edugraph/ontology#>
        SELECT ?higher WHERE { <https://w3id.org/edugraph/id/plan/syn001-devplan-2566-2570/strategy/1/focus/1/guideline/1/indicator/1>
                               (edu:partOf|edu:serves)+ ?higher . ?higher a edu:NationalStrategyArea }""")
    return {"load": load, "queries": out}


def step_export(root: Path, args) -> dict:
    from edugraph.export import export
    from edugraph.project import Project

    t = time.perf_counter()
    export(Project(root), out_dir=root / "release", fmt="trig", inferred=True, graph=None)
    return {"seconds": time.perf_counter() - t}


def step_naive(root: Path, args) -> dict:
    """rdflib parse + owlrl full closure + pySHACL (inference owlrl), each timed; stops at the cap."""
    import owlrl
    import pyshacl
    from rdflib import Graph

    from edugraph.project import Project
    from edugraph.validate import load_shapes

    project = Project(root)
    out = {}
    t = time.perf_counter()
    data = Graph()
    for path in project.inputs():
        data.parse(path, format="turtle")
    out["parse"] = time.perf_counter() - t
    _emit_partial(out)
    t = time.perf_counter()
    closed = Graph()
    closed += data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    out["reason"] = time.perf_counter() - t
    out["closure_triples"] = len(closed)
    _emit_partial(out)
    shapes = load_shapes(project.shapes_dir)
    t = time.perf_counter()
    pyshacl.validate(data, shacl_graph=shapes, inference="owlrl", allow_warnings=True, advanced=True)
    out["validate"] = time.perf_counter() - t
    return out


def _emit_partial(out: dict) -> None:
    print("PARTIAL " + json.dumps({**out, "peak_mb": _peak_mb()}), flush=True)


STEPS = {"build": step_build, "rebuild": step_rebuild, "validate": step_validate, "query": step_query,
         "query_ox": step_query_ox, "export": step_export, "naive": step_naive}


def child(args) -> None:
    result = STEPS[args.step](Path(args.root), args)
    result["peak_mb"] = _peak_mb()
    print("RESULT " + json.dumps(result), flush=True)


# --------------------------------------------------------------------------
# Driver


def measure(step: str, root: Path, cap: float | None = None, **extra) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--step", step, "--root", str(root)]
    for k, v in extra.items():
        if v is not None:
            cmd += [f"--{k.replace('_', '-')}", str(v)]
    t = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=cap)
        stdout, timed_out = proc.stdout, False
    except subprocess.TimeoutExpired as exc:
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        timed_out, proc = True, None
    wall = time.perf_counter() - t
    result, partial = None, {}
    for line in stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
        elif line.startswith("PARTIAL "):
            partial = json.loads(line[8:])
    if result is None:
        result = {**partial, "stopped": f"> {cap:.0f} s cap" if timed_out else (proc.stderr.strip().splitlines() or ["failed"])[-1]}
    result["wall"] = wall
    return result


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    from importlib.metadata import version

    libs = ", ".join(f"{n} {version(n)}" for n in ("rdflib", "pyoxigraph", "pyshacl", "owlrl"))
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), {mem}; Python {platform.python_version()}; {libs}"


def fmt(x, unit="s") -> str:
    if x is None:
        return "-"
    if unit == "s":
        return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"
    return f"{x:,.0f} MB"


def run_size(n: int, args) -> list[str]:
    from generate import generate

    root = Path(args.work) / f"offices-{n}"
    t = time.perf_counter()
    generate(root, offices=n, plans=3, seed=7)
    gen = time.perf_counter() - t
    print(f"# {n} offices: generated in {gen:.1f} s", file=sys.stderr, flush=True)
    r = {"build": measure("build", root), "rebuild": measure("rebuild", root)}
    r["validate"] = measure("validate", root, cap=args.step_cap)
    r["validate_office"] = measure("validate", root, cap=args.step_cap, office="synthetic-office-001")
    r["query_ox"] = measure("query_ox", root, repeat=args.repeat)
    r["query"] = measure("query", root, cap=args.step_cap, repeat=args.repeat, query_cap=args.query_cap)
    r["export"] = measure("export", root, cap=args.step_cap)
    if n in args.naive_sizes or args.naive_all:
        r["naive"] = measure("naive", root, cap=args.naive_cap)
    print(f"# {n} offices: {json.dumps(r)}", file=sys.stderr, flush=True)
    return table(n, r)


def table(n: int, r: dict) -> list[str]:
    b = r["build"]
    lines = [f"### {n} offices: {b.get('asserted', 0):,} asserted + {b.get('inferred', 0):,} inferred triples", "",
             "| step | edugraph | peak memory | naive pipeline | ratio |", "|---|---|---|---|---|"]
    naive = r.get("naive")

    def ratio(ours, theirs, stopped=False):
        if ours is None or theirs is None:
            return "-"
        return f"{'> ' if stopped else ''}{theirs / ours:.0f}x"

    stopped = naive is not None and "stopped" in naive
    n_parse = naive.get("parse") if naive else None
    n_reason = naive.get("reason") if naive else None
    n_val = naive.get("validate") if naive else None
    cap = None
    if stopped:
        cap = float(naive["stopped"].split()[1]) if naive["stopped"].startswith(">") else None
    work = b.get("work") or {}
    lines.append(f"| parse (CPU time summed over processes) | {fmt(work.get('parse'))} | | {fmt(n_parse)} | {ratio(work.get('parse'), n_parse)} |")
    reason_naive = n_reason if n_reason is not None else (cap - n_parse if stopped and cap and n_parse else None)
    lines.append(f"| reasoning (CPU time summed over processes) | {fmt(work.get('reason'))} | | {fmt(n_reason) if n_reason is not None else (naive or {}).get('stopped', '-')} | "
                 f"{ratio(work.get('reason'), reason_naive, n_reason is None)} |")
    lines.append(f"| rendering (CPU time summed over processes) | {fmt(work.get('render'))} | | | |")
    lines.append(f"| shared graphs; office documents; write dist/ (wall) | {fmt(b.get('shared'))}; {fmt(b.get('documents'))}; {fmt(b.get('write'))} | | | |")
    lines.append(f"| **build** from nothing | **{fmt(b.get('seconds'))}** | {fmt(b.get('peak_mb'), 'mb')} + workers {fmt(b.get('workers_peak_mb'), 'mb')} each | | |")
    rb = r["rebuild"]
    lines.append(f"| rebuild after one office changed ({(rb.get('work') or {}).get('built', '?')} document redone) | {fmt(rb.get('seconds'))} | {fmt(rb.get('peak_mb'), 'mb')} | | |")
    v, vo = r["validate"], r["validate_office"]
    lines.append(f"| **validation**, whole graph ({v.get('results', '?')} results) | **{fmt(v.get('seconds')) if 'seconds' in v else v.get('stopped')}** | {fmt(v.get('peak_mb'), 'mb')} | "
                 f"{fmt(n_val) if n_val is not None else ((naive or {}).get('stopped', '-') if naive and n_reason is not None else '-')} | {ratio(v.get('seconds'), n_val)} |")
    lines.append(f"| validation, one office ({vo.get('results', '?')} results) | {fmt(vo.get('seconds')) if 'seconds' in vo else vo.get('stopped')} | {fmt(vo.get('peak_mb'), 'mb')} | | |")
    if naive and n_parse is not None and n_reason is not None and n_val is not None and "seconds" in v:
        ours = b["seconds"] + v["seconds"]
        theirs = n_parse + n_reason + n_val
        lines.append(f"| **build + validation** | **{fmt(ours)}** | | {fmt(theirs)} | **{theirs / ours:.0f}x** |")
    elif naive and stopped and "seconds" in v:
        ours = b["seconds"] + v["seconds"]
        lines.append(f"| **build + validation** | **{fmt(ours)}** | | {naive['stopped']} (stopped) | **> {cap / ours:.0f}x** |")
    q = r["query"]
    for name, m in (q.get("queries") or {}).items():
        lines.append(f"| query `{name}` via edugraph.query.run (Oxigraph, parameters bound, results as rdflib terms), median (first) | {fmt(m['median'])} ({fmt(m['first'])}) | {fmt(q.get('peak_mb'), 'mb')} | | {m['rows']} rows |")
    if "stopped" in q:
        lines.append(f"| queries via edugraph.query.run | {q['stopped']} | | | |")
    qo = r["query_ox"]
    if "load" in qo:
        lines.append(f"| Oxigraph store load of dist/edugraph.trig | {fmt(qo['load'])} | {fmt(qo.get('peak_mb'), 'mb')} | | |")
    for name, m in (qo.get("queries") or {}).items():
        lines.append(f"| query `{name}` on Oxigraph, median (first) | {fmt(m['median'])} ({fmt(m['first'])}) | | | {m['rows']} rows |")
    e = r["export"]
    lines.append(f"| export (TriG + VoID) | {fmt(e.get('seconds')) if 'seconds' in e else e.get('stopped')} | {fmt(e.get('peak_mb'), 'mb')} | | |")
    if naive:
        lines.append(f"| naive pipeline peak memory | | {fmt(naive.get('peak_mb'), 'mb')} | {naive.get('stopped', 'completed')} | |")
    return lines + [""]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="edugraph benchmarks at national scale")
    p.add_argument("--sizes", default="10,50,245")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--naive-sizes", default="10,50")
    p.add_argument("--naive-all", action="store_true", help="run the naive pipeline at every size (with the cap)")
    p.add_argument("--naive-cap", type=float, default=900)
    p.add_argument("--step-cap", type=float, default=1800)
    p.add_argument("--query-cap", type=float, default=120, help="stop repeating a query that took longer than this")
    p.add_argument("--work", default="/tmp/edugraph-bench")
    p.add_argument("--markdown", type=Path, help="also write the tables to this file")
    # child-process options
    p.add_argument("--step", choices=sorted(STEPS))
    p.add_argument("--root")
    p.add_argument("--office")
    args = p.parse_args(argv)
    if args.step:
        child(args)
        return 0
    args.naive_sizes = {int(x) for x in args.naive_sizes.split(",") if x}
    lines = [f"Machine: {machine()}", "", f"Command: `python benchmarks/run.py {' '.join(argv if argv is not None else sys.argv[1:])}`", ""]
    print("\n".join(lines), flush=True)
    for n in (int(x) for x in args.sizes.split(",")):
        block = run_size(n, args)
        print("\n".join(block), flush=True)
        lines += block
        if args.markdown:
            args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
