"""Time `edugraph serve`: start-up, and entity pages over HTTP. Not a test.

    python benchmarks/web.py [--root DIR] [--endpoint URL | --virtuoso | --memory] [--repeat 20]

With --virtuoso, a throwaway Virtuoso (tests/virtuoso.py) is started and the
build published to it first (`edugraph.publish`; the time is printed), and
the server reads it. Starts `edugraph --root DIR serve` (the embedded store, or --endpoint URL) on
a free loopback port in its own process and measures

* start-up: from starting the process until /sparql answers `ASK {}`
  (Python imports, loading the built dataset into Oxigraph, or checking the
  endpoint);
* the first entity page (it also computes the whole validation report, or
  reads it from the validation cache);
* each page of PAGES --repeat times: median and range, in milliseconds, as
  a client sees them (HTTP on loopback included).

On a generated project (benchmarks/generate.py) the pages are the first
office's first indicator, its policy, its office, and National Strategy area
3 (whose chain down is the largest page). Then the server is stopped.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent

SEED_PAGES = [
    "/id/plan/lplp-hrplan-2567/policy/3/indicator/2",
    "/id/plan/lplp-hrplan-2567/policy/3",
    "/id/org/sesao-lampang-lamphun",
    "/id/national-strategy/3",
]
FIRST_INDICATOR = """PREFIX edu: <https://w3id.org/edugraph/ontology#>
SELECT ?indicator ?parent ?office WHERE { ?indicator a edu:Indicator ; edu:partOf ?parent ; edu:partOfTransitive ?plan .
  ?plan edu:issuer ?office . FILTER(STRSTARTS(STR(?office), "https://w3id.org/edugraph/id/org/synthetic")) }
ORDER BY ?indicator LIMIT 1"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(root: Path, endpoint: str | None, memory: bool = False) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    command = [sys.executable, "-m", "edugraph", "--root", str(root), "serve", "--port", str(port)]
    if endpoint:
        command += ["--endpoint", endpoint]
    if memory:
        command += ["--memory"]
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    while True:
        if process.poll() is not None:
            raise SystemExit(f"edugraph serve ended: {process.stderr.read().decode()}")
        try:
            if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return process, base, time.perf_counter() - began
        except httpx.HTTPError:
            pass
        time.sleep(0.05)


def pages_for(base: str) -> list[str]:
    rows = httpx.post(f"{base}/sparql", data={"query": FIRST_INDICATOR}, headers={"Accept": "application/sparql-results+json"},
                      timeout=120).json()["results"]["bindings"]
    if not rows:
        return SEED_PAGES
    local = lambda iri: iri.removeprefix("https://w3id.org/edugraph")  # noqa: E731
    row = rows[0]
    return [local(row["indicator"]["value"]), local(row["parent"]["value"]), local(row["office"]["value"]), "/id/national-strategy/3"]


CLIENT = httpx.Client(timeout=300, headers={"Accept": "text/html"})  # one kept-alive connection, as a browser's


def timed(url: str) -> float:
    began = time.perf_counter()
    response = CLIENT.get(url)
    response.raise_for_status()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--endpoint")
    parser.add_argument("--virtuoso", action="store_true", help="publish to a throwaway Virtuoso and serve from it")
    parser.add_argument("--memory", action="store_true", help="serve --memory: the build loaded into memory")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if args.virtuoso:
        with published(args.root) as endpoint:
            args.endpoint = endpoint
            measure(args)
    else:
        measure(args)


@contextlib.contextmanager
def published(root: Path):
    """A Virtuoso on loopback holding the build of `root`; yields its SPARQL endpoint."""
    sys.path.insert(0, str(ROOT / "tests"))
    from virtuoso import Virtuoso

    from edugraph.project import Project
    from edugraph.publish import publish

    workdir = Path(tempfile.mkdtemp(prefix="edugraph-bench-web-"))
    server = Virtuoso(workdir)
    os.environ["EDUGRAPH_USER"], os.environ["EDUGRAPH_PASSWORD"] = server.user, server.password
    try:
        server.start()
        began = time.perf_counter()
        report = publish(Project(root), server.sparql_auth, sql=server.sql)  # one SQL transaction: any size
        print(f"published to Virtuoso in {time.perf_counter() - began:.1f} s ({sum(g.triples for g in report.graphs)} triples)")
        yield server.sparql
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def measure(args) -> None:
    process, base, startup = start(args.root, args.endpoint, args.memory)
    try:
        pages = pages_for(base)
        first = timed(base + pages[0])
        print(f"back end: {args.endpoint or ('embedded, in memory' if args.memory else 'embedded, on disk')}; root {args.root}")
        print(f"start-up until /sparql answers: {startup:.2f} s")
        print(f"first entity page (validation report computed or read from its cache): {first:.2f} s")
        print("| page | median | range | runs |\n|---|---|---|---|")
        for page in pages:
            times = sorted(timed(base + page) * 1000 for _ in range(args.repeat))
            print(f"| `{page}` | {statistics.median(times):.1f} ms | {times[0]:.1f}-{times[-1]:.1f} ms | {args.repeat} |")
    finally:
        process.terminate()
        process.wait(30)


if __name__ == "__main__":
    main()
