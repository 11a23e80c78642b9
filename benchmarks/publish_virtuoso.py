"""Time `edugraph publish` replacing one build by a different one on a throwaway Virtuoso.

    python3 benchmarks/publish_virtuoso.py [--mode sql|http|graph-store] [--rounds 3] [--buffers N] [--keep] [BUILD_A BUILD_B]

Starts virtuoso-t (Debian's virtuoso-opensource-7) on loopback with a
temporary database (tests/virtuoso.py), publishes BUILD_A once, then replaces
it by BUILD_B, B by A, ... `--rounds` times, printing each replacement's time,
the median and range, and the server's triple count per graph at the end;
then stops the server and deletes its database. For each publish it also
prints when each step began (staged, committing, committed), the
largest resident memory of virtuoso-t during it, and at the end the
client's peak resident memory. `--buffers N` gives the server N 8 kB
buffers (NumberOfBuffers; default tests/virtuoso.py's). `--keep` leaves the
server running with the last build published until the script is interrupted
(Ctrl-C or SIGTERM), e.g. to time the web face on it (benchmarks/web.py
--endpoint). BUILD_A and BUILD_B are
edugraph project folders (default: the checkout, published twice, so the
second publish finds nothing to change), e.g. two generated ones:

    python benchmarks/generate.py /tmp/o40s7 --offices 40 --seed 7
    python benchmarks/generate.py /tmp/o40s8 --offices 40 --seed 8
    python3 benchmarks/publish_virtuoso.py --mode sql /tmp/o40s7 /tmp/o40s8

`--mode sql` publishes in one Virtuoso SQL transaction (--sql), `http` in one
SPARQL Update request (the default; Virtuoso refuses requests over 10 MB).
`graph-store` passes --graph-store, which edugraph before 0.4.0 used for its
per-graph uploads: run it with PYTHONPATH pointing at an older checkout's src
to time the old mechanism.
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from virtuoso import Virtuoso  # noqa: E402

from edugraph.build import build, is_current  # noqa: E402
from edugraph.project import Project  # noqa: E402
from edugraph.publish import publish  # noqa: E402


def server_count(server: Virtuoso) -> dict[str, int]:
    query = (
        'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
        'FILTER(STRSTARTS(STR(?g), "https://w3id.org/edugraph/graph/")) } GROUP BY ?g ORDER BY ?g'
    )
    url = server.sparql + "?" + urllib.parse.urlencode({"query": query})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=120) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


class PeakMemory:
    """The largest resident set size of one process, sampled every half second while in a `with` block."""

    def __init__(self, pid: int):
        self.status = Path(f"/proc/{pid}/status")
        self.peak = 0
        self._stop = threading.Event()

    def rss(self) -> int:
        """The process's resident set size now, in bytes."""
        for line in self.status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.peak = max(self.peak, self.rss())

    def __enter__(self) -> "PeakMemory":
        self.peak = self.rss()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())


def timed_publish(project: Project, server: Virtuoso, extra: dict):
    """Publish once; return the report, the seconds, when each step began, and virtuoso-t's peak RSS."""
    started = time.perf_counter()
    steps = []
    with PeakMemory(server.process.pid) as memory:
        report = publish(project, server.sparql_auth, progress=lambda step: steps.append(
            f"{step} {time.perf_counter() - started:.1f} s"), **extra)
    seconds = time.perf_counter() - started
    print(f"  steps: {', '.join(steps)}; virtuoso-t peak RSS {memory.peak / 2**30:.2f} GiB, "
          f"now {memory.rss() / 2**30:.2f} GiB")
    if getattr(report, "guarantee", ""):
        print("  readers: " + report.guarantee)
    return report, seconds


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--mode", choices=["sql", "http", "graph-store"], default="http")
    args.add_argument("--rounds", type=int, default=3)
    args.add_argument("--buffers", type=int, help="the server's NumberOfBuffers (8 kB each)")
    args.add_argument("--keep", action="store_true", help="leave the server running until interrupted")
    args.add_argument("builds", nargs="*", type=Path)
    opts = args.parse_args()
    folders = opts.builds or [ROOT, ROOT]
    projects = [Project.find(folder) for folder in folders[:2]]
    for project in projects:
        if not is_current(project):  # build outside the timing
            build(project)
    workdir = Path(tempfile.mkdtemp(prefix="edugraph-bench-virtuoso-"))
    server = Virtuoso(workdir, buffers=opts.buffers)
    os.environ["EDUGRAPH_USER"], os.environ["EDUGRAPH_PASSWORD"] = server.user, server.password
    extra = {}
    if opts.mode == "sql":
        extra["sql"] = server.sql
    elif opts.mode == "graph-store":
        extra["graph_store"] = server.graph_store
    try:
        started = time.perf_counter()
        server.start()
        print(f"virtuoso started in {time.perf_counter() - started:.2f} s at {server.base}")
        print(f"edugraph.publish from {inspect.getsourcefile(publish)}, mode {opts.mode}")
        report, seconds = timed_publish(projects[0], server, extra)
        print(f"first publish of {folders[0]}: {seconds:.2f} s "
              f"({sum(g.triples for g in report.graphs)} triples, {len(report.graphs)} graphs)")
        times = []
        for i in range(opts.rounds):
            project = projects[(i + 1) % 2]
            report, seconds = timed_publish(project, server, extra)
            times.append(seconds)
            changed = [g for g in report.graphs if g.action != "unchanged"]
            print(f"round {i + 1}: {project.root} over the other: {times[-1]:.2f} s, {len(changed)} graphs changed "
                  f"(+{sum(g.triples for g in changed)} -{sum(g.remote_triples for g in changed)} triples)")
        if times:
            print(f"median {statistics.median(times):.2f} s, range {min(times):.2f}-{max(times):.2f} s over {len(times)} rounds")
        print(f"client peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f} GiB")
        counts = server_count(server)
        data = {g: n for g, n in counts.items() if not g.endswith("/publish-metadata")}
        print(f"server triples in edugraph graphs: {sum(data.values())} in {len(data)} graphs "
              f"(+{sum(counts.values()) - sum(data.values())} publish metadata)")
        if opts.keep:
            print(f"serving {server.sparql} until interrupted", flush=True)
            signal.signal(signal.SIGTERM, signal.default_int_handler)
            try:
                signal.pause()
            except KeyboardInterrupt:
                pass
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
