"""Time of each report page of the web face (home, heat map, gaps, bases, validation, ontology). Not a test.

    python benchmarks/web_reports.py [--root PROJECT] [--repeat 7] [--office IRI] [--cold] [--memory | --endpoint URL]

The app runs on the embedded store, requests go through Starlette's test
client (no network); each page is asked for once to warm the caches (the
dataset load, the validation report), then --repeat times. Reported: the
first request, the median and the range of the others. The report pages keep
their values for ten minutes (web.reports.cached); --cold turns that off, so
every request computes its page. The store is the build's persistent one
(`build.load_store`); --memory loads it into memory instead, as `edugraph serve --memory`;
--endpoint URL reads a SPARQL endpoint instead, as `edugraph serve --endpoint URL`
(e.g. the Virtuoso `benchmarks/publish_virtuoso.py --keep` leaves running).
Besides the report pages: the catalogue query chain-up run with its default
element, and one /sparql answer (the first synthetic office's first indicator).
A page that does not answer 200 is reported with its status. PROJECT defaults to
this checkout (the seeds); a folder made by benchmarks/generate.py gives
national figures (build it first: `edugraph --root PROJECT build`).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from edugraph.build import load_store  # noqa: E402
from edugraph.project import Project  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import machine  # noqa: E402  (one description of the machine for every benchmark)
from web import FIRST_INDICATOR  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--office", help="office IRI for the filtered validation page (default: the first one listed)")
    parser.add_argument("--cold", action="store_true", help="no reuse of computed report values between requests")
    parser.add_argument("--memory", action="store_true", help="the dataset in memory instead of the persistent store")
    parser.add_argument("--endpoint", help="read this SPARQL endpoint instead of the build's store")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

    from edugraph.web import reports
    from edugraph.web.app import create_app
    from edugraph.web.backend import Embedded, Endpoint

    if args.cold:
        reports._CACHE_SECONDS = 0.0

    project = Project(args.root)
    started = time.perf_counter()
    backend = Endpoint(args.endpoint) if args.endpoint else Embedded(load_store(project, memory=args.memory))
    print(f"machine: {machine()}; project {args.root}; "
          + (f"endpoint {args.endpoint}" if args.endpoint else f"store loaded in {time.perf_counter() - started:.2f} s")
          + ("; --cold" if args.cold else "") + ("; in memory" if args.memory else ""))
    client = TestClient(create_app(project, backend), raise_server_exceptions=False)
    office = args.office
    if office is None:
        import re

        found = re.search(r'<option value="(https://w3id.org/edugraph/id/org/[^"]+)"', client.get("/validation").text)
        office = found.group(1) if found else ""
    pages = ["/", "/coverage", "/coverage?year=2565", "/gaps", "/bases", "/validation", f"/validation?office={office}", "/ontology",
             "/queries/chain-up?run=1", "/sparql?" + urlencode({"query": FIRST_INDICATOR})]
    print("| page | first | median | range (runs) |")
    print("|---|---|---|---|")
    for page in pages:
        times, statuses = [], set()
        for _ in range(args.repeat + 1):
            started = time.perf_counter()
            statuses.add(client.get(page).status_code)
            times.append(time.perf_counter() - started)
        rest = times[1:]
        shown = "/validation?office=…" if "office=" in page else "/sparql?query=(first indicator)" if "query=" in page else page
        print(f"| `{shown}` | {times[0] * 1000:.0f} ms | "
              f"{statistics.median(rest) * 1000:.0f} ms | {min(rest) * 1000:.0f}-{max(rest) * 1000:.0f} ms ({len(rest)})"
              + ("" if statuses == {200} else f" status {sorted(statuses)}") + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
