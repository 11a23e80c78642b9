"""Time a full publish of the build to a throwaway Virtuoso and count the server's triples.

    python3 benchmarks/publish_virtuoso.py [--update-only]

Starts virtuoso-t (Debian's virtuoso-opensource-7) on loopback with a
temporary database (tests/virtuoso.py), publishes the checkout's build
(building first when dist/ is stale), publishes it again (nothing to change),
prints both times and the server's triple count per edugraph graph, then
stops the server and deletes its database.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
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
    with urllib.request.urlopen(req, timeout=60) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def main() -> None:
    update_only = "--update-only" in sys.argv
    project = Project.find(ROOT)
    if not is_current(project):  # build outside the timing
        build(project)
    workdir = Path(tempfile.mkdtemp(prefix="edugraph-bench-virtuoso-"))
    server = Virtuoso(workdir)
    os.environ["EDUGRAPH_USER"], os.environ["EDUGRAPH_PASSWORD"] = server.user, server.password
    try:
        started = time.perf_counter()
        server.start()
        print(f"virtuoso started in {time.perf_counter() - started:.2f} s at {server.base}")
        store = None if update_only else server.graph_store
        started = time.perf_counter()
        report = publish(project, server.sparql_auth, graph_store=store)
        first = time.perf_counter() - started
        started = time.perf_counter()
        again = publish(project, server.sparql_auth, graph_store=store)
        second = time.perf_counter() - started
        counts = server_count(server)
        data = {g: n for g, n in counts.items() if not g.endswith("/publish-metadata")}
        via = "SPARQL Update (INSERT DATA)" if update_only else "Graph Store protocol"
        print(f"full publish via {via}: {first:.2f} s ({sum(g.triples for g in report.graphs)} triples, {len(report.graphs)} graphs)")
        print(f"second publish (unchanged): {second:.2f} s, {sum(g.action == 'unchanged' for g in again.graphs)} graphs unchanged")
        for g, n in data.items():
            print(f"  {n:>7}  {g}")
        print(f"server triples in edugraph graphs: {sum(data.values())} (+{sum(counts.values()) - sum(data.values())} publish metadata)")
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
