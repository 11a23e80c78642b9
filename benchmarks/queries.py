"""Median run time of every catalogue query on the seed graph (local build, rdflib). Not a test.

    python benchmarks/queries.py [--repeat 5] [--markdown benchmarks/RESULTS-queries.md]

The built dataset is loaded once (as `edugraph query` does on its first run);
each query then runs --repeat times with its default parameters through
`edugraph.query.run`, and the median, minimum and row count are reported.
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
from edugraph.query import Catalogue, run  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import machine  # noqa: E402  (one description of the machine for every benchmark)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args(argv)
    project = Project(ROOT)
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


if __name__ == "__main__":
    sys.exit(main())
