"""Suggested alignments: leave-one-document-out quality per framework, and the time and memory of a full run.

    python benchmarks/suggest.py                     # the five seed documents: quality table and timings
    python benchmarks/suggest.py --root OUT --speed  # a generated project (benchmarks/generate.py): time and memory only
    python benchmarks/suggest.py --grid              # the settings search the defaults were chosen by

Quality: for each framework, precision@1, recall@5 and mean reciprocal rank of
the suggestions against the stated and curated links, each element scored with
its whole source document held out (edugraph.suggest_quality), beside a random
ranking (expected figures) and the most-linked candidate of the other
documents; and what each minimum score keeps (score floors). Speed: reading
the corpus from the loaded store, then scoring every office element against
every applicable framework and explaining the best 3 per framework that reach
the default minimum score (what `edugraph suggest --write` does), timed apart
from the build and the store load; peak memory is the process's maximum
resident set.
"""
from __future__ import annotations

import argparse
import itertools
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from edugraph.build import load_store  # noqa: E402
from edugraph.project import Project  # noqa: E402
from edugraph.suggest import MIN_SCORE, Corpus, Scorer, Settings, top  # noqa: E402
from edugraph.suggest_quality import evaluate, score_floors  # noqa: E402

ORDER = ["national-strategy", "obec-policy-2567", "obec-policy-2564-2565", "quick-win", "master-plan", "moe-policy", "all"]


def quality_table(corpus: Corpus) -> str:
    figures = evaluate(corpus)
    lines = ["| framework | gold links | queries | method P@1 / R@5 / MRR | most-linked P@1 / R@5 / MRR | random P@1 / R@5 / MRR |",
             "|---|---:|---:|---|---|---|"]
    for name in [n for n in ORDER if n in figures] + sorted(set(figures) - set(ORDER)):
        row = figures[name]
        cells = [" / ".join(f"{row[k][m]:.3f}" for m in ("p1", "r5", "mrr")) for k in ("method", "most-linked", "random")]
        lines.append(f"| {name} | {row['method']['links']} | {row['method']['queries']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def full_run(corpus: Corpus) -> int:
    scorer = Scorer(corpus)
    elements = sorted(corpus.elements)
    ranked = scorer.rank(elements, k=3)
    return sum(len([scorer.explain(s) for s in top(ranked[e], 3, MIN_SCORE)]) for e in elements)


def timed(fn, *args, repeat: int = 1):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn(*args)
        times.append(time.perf_counter() - start)
    return value, times


def grid(corpus: Corpus) -> None:
    """Every combination tried; ranked by the MRR over all queries (the whole leave-one-document-out score)."""
    results = []
    for ngrams, descendants, sub_items in itertools.product([(2, 3), (3, 4), (2, 3, 4)], [0.0, 0.3, 0.5, 0.7, 1.0], [False, True]):
        if sub_items and ngrams != (3, 4):  # sub-items' text lost at every other setting tried
            continue
        base = Scorer(corpus, Settings(ngrams=ngrams, descendants=descendants, sub_items=sub_items))
        for text, neighbour in itertools.product([0, .2, .4, .5, .6, .8, 1], repeat=2):
            if text + neighbour > 1.0001:
                continue
            for power in (0.0, 2.0, 4.0, 8.0):
                settings = Settings(text, neighbour, round(1 - text - neighbour, 2), ngrams, descendants, sub_items, power)
                figures = evaluate(corpus, settings, Scorer(corpus, settings, vectors_from=base))
                results.append((figures["all"]["method"]["mrr"], settings, figures))
    results.sort(key=lambda r: -r[0])
    print(f"{len(results)} settings tried; the best 10 by MRR over all queries:")
    for mrr, settings, figures in results[:10]:
        parts = [f"{n} {figures[n]['method']['p1']:.2f}/{figures[n]['method']['r5']:.2f}/{figures[n]['method']['mrr']:.2f}"
                 for n in ORDER[:4] if n in figures]
        print(f"{mrr:.3f}  {settings}  " + "  ".join(parts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    ap.add_argument("--speed", action="store_true", help="time and memory only (no quality table)")
    ap.add_argument("--grid", action="store_true", help="search the settings instead")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs (default 3)")
    args = ap.parse_args()
    project = Project(args.root.resolve())
    store, load_times = timed(load_store, project)
    corpus, read_times = timed(Corpus.read, store)
    if args.grid:
        grid(corpus)
        return
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}")
    print(f"project: {project.root}; {len(corpus.elements)} office elements, {len(corpus.candidates)} framework items, "
          f"{sum(len(v) for v in corpus.links.values())} stated/curated links to them")
    if not args.speed:
        (table, quality_times) = timed(quality_table, corpus)
        print(table)
        print(f"leave-one-document-out evaluation: {quality_times[0]:.2f} s")
        print(f"\nscore floors (the best 3 per scheme; the default --min-score is {MIN_SCORE}):")
        print("| minimum score | gold links kept | suggestions kept | precision of the kept |\n|---:|---:|---:|---:|")
        for row in score_floors(corpus):
            print(f"| {row['floor']:.2f} | {row['gold kept']:.3f} | {row['suggestions kept']:.3f} | {row['precision']:.3f} |")
    cpu = time.process_time()
    count, run_times = timed(full_run, corpus, repeat=args.repeat)
    cpu = (time.process_time() - cpu) / len(run_times)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"store load {load_times[0]:.2f} s (builds first when stale); corpus read {read_times[0]:.2f} s")
    print(f"suggest every element ({count} suggestions kept): median {statistics.median(run_times):.2f} s, "
          f"range {min(run_times):.2f}-{max(run_times):.2f} s over {len(run_times)} runs (CPU {cpu:.2f} s a run); peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
