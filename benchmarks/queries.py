"""Median run time of every catalogue query on the seed graph (local build), or of one query on any built project. Not a test.

    python benchmarks/queries.py [--repeat 5] [--markdown benchmarks/RESULTS-queries.md]
    python benchmarks/queries.py --root PROJECT (--query NAME | --file FILE.rq) [--param NAME=VALUE ...] [--repeat 7]

The built dataset is loaded once (as `edugraph query` does on its first run);
each query then runs --repeat times with its default parameters through
`edugraph.query.run`, and the median, minimum and row count are reported.

With --query or --file, only that query runs, with the parameters given, after
one warm-up run: the median and range of --repeat evaluations of its text on
the open store (what the query itself costs), and of as many calls to
`edugraph.query.run` (a child process, which reopens an on-disk store). --file
times another text of a query, e.g. an earlier version
(`git show REV:queries/chain-up.rq > old.rq`).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from edugraph.build import load_store  # noqa: E402
from edugraph.project import Project  # noqa: E402
from edugraph.query import Catalogue, bind_params, inject_values, load_query, run  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import machine  # noqa: E402  (one description of the machine for every benchmark)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--root", type=Path, default=ROOT, help="a built project (default: this checkout)")
    parser.add_argument("--query", help="time only this catalogue query")
    parser.add_argument("--file", type=Path, help="time only the query in this file")
    parser.add_argument("--param", action="append", default=[], help="NAME=VALUE for --query or --file (repeatable)")
    args = parser.parse_args(argv)
    project = Project(args.root)
    if args.query or args.file:
        return one_query(project, args)
    started = time.perf_counter()
    dataset = load_store(project)
    load = time.perf_counter() - started
    lines = [
        "# Catalogue queries on the seed graph",
        "",
        f"Machine: {machine()}.",
        f"Command: `python benchmarks/queries.py --repeat {args.repeat}`; dataset: {len(dataset)} quads "
        f"(asserted + inferred), loaded once in {load:.2f} s (not included below).",
        "",
        "| query | rows | median s | min s |",
        "|---|---:|---:|---:|",
    ]
    for query in Catalogue(project.queries_dir):
        times, count = [], 0
        for _ in range(args.repeat):
            t = time.perf_counter()
            count = len(run(project, name=query.name).rows)
            times.append(time.perf_counter() - t)
        lines.append(f"| {query.name} | {count} | {statistics.median(times):.2f} | {min(times):.2f} |")
        print(lines[-1], flush=True)
    text = "\n".join(lines) + "\n"
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    print(text)
    return 0


def one_query(project, args) -> int:
    query = load_query(project, args.query, args.file)
    text = inject_values(query.text, bind_params(query, args.param, "en"))
    store = load_store(project)
    direct, through = [], []
    for _ in range(args.repeat + 1):  # the first round warms up
        started = time.perf_counter()
        count = len(list(store.query(text, use_default_graph_as_union=True)))
        direct.append(time.perf_counter() - started)
        started = time.perf_counter()
        run(project, name=args.query, file=args.file, params=args.param)
        through.append(time.perf_counter() - started)

    def ms(times):
        return f"{statistics.median(times) * 1000:.1f} ms ({min(times) * 1000:.1f}-{max(times) * 1000:.1f})"

    print(f"{query.name} {' '.join(args.param)}: {count} rows; on the open store {ms(direct[1:])}; "
          f"through query.run {ms(through[1:])}; {args.repeat} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
