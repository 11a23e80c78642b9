"""Readers of a Virtuoso being published to see the old build or the new one, even across a kill -9.

Two generated builds of three offices (benchmarks/generate.py, seeds 7 and 8)
differ in every office graph and in the inferred graph. The expected counts
come from each build's dist/edugraph.trig parsed with rdflib; the default
graph's and the coverage-matrix answers are the server's after publishing each
build by itself. Server: tests/virtuoso.py, a real Virtuoso on loopback.
"""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef

from edugraph import cli
from edugraph.build import build
from edugraph.project import Project
from edugraph.publish import PublishError, publish
from edugraph.query import run as run_query

from test_publish import dba, sparql  # noqa: F401 - dba is a fixture
from test_query_virtuoso import drop_other_tests_graphs

ROOT = Path(__file__).resolve().parent.parent
GRAPH = "https://w3id.org/edugraph/graph/"
OFFICE = "seeds/synthetic-office-001"


def generated(tmp: Path, seed: int) -> Project:
    out = tmp / f"seed-{seed}"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(out), "--offices", "3", "--seed", str(seed)],
                   check=True, capture_output=True)
    project = Project(out)
    build(project)
    return project


def local_counts(project: Project) -> dict[str, int]:
    ds = Dataset()
    ds.parse(project.dist / "edugraph.trig", format="trig")
    return {str(g.identifier)[len(GRAPH):]: len(g) for g in ds.graphs() if len(g) and isinstance(g.identifier, URIRef)}


@pytest.fixture(scope="module")
def builds(tmp_path_factory, virtuoso):
    # the reader's catalogue query runs on the union of every graph: copies that
    # other modules left would slow it past Virtuoso's limits
    drop_other_tests_graphs(virtuoso)
    tmp = tmp_path_factory.mktemp("versions")
    old, new = generated(tmp, 7), generated(tmp, 8)
    old_counts, new_counts = local_counts(old), local_counts(new)
    assert old_counts["inferred"] != new_counts["inferred"] and old_counts[OFFICE] != new_counts[OFFICE]
    return old, new, old_counts, new_counts


def count(url: str, graph: str | None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return int(sparql(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"]["value"])


def prefixed(url: str, prefix: str) -> dict[str, int]:
    rows = sparql(url, f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g')
    return {r["g"]["value"][len(prefix):]: int(r["n"]["value"]) for r in rows if not r["g"]["value"].endswith("publish-metadata")}


@pytest.fixture(scope="module", autouse=True)
def forget(virtuoso):
    """Leave the session's server without this module's graphs (other modules query the union)."""
    yield
    mp = pytest.MonkeyPatch()
    mp.setenv("EDUGRAPH_USER", "dba")
    mp.setenv("EDUGRAPH_PASSWORD", virtuoso.password)
    try:
        sparql_update(
            virtuoso,
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
            'FILTER(STRSTARTS(STR(?g), "https://example.org/versions/") || STRSTARTS(STR(?g), "https://example.org/killed/") '
            '|| STRSTARTS(STR(?g), "https://example.org/http-killed/")) }',
        )
    finally:
        mp.undo()


def answers(server, prefix: str, project: Project) -> dict:
    """What a reader asks: two graph counts, the default (union) graph, a catalogue query via --endpoint."""
    matrix = run_query(project, name="coverage-matrix", endpoint=server.sparql)
    return {
        "inferred": count(server.sparql, prefix + "inferred"),
        "office": count(server.sparql, prefix + OFFICE),
        "default": count(server.sparql, None),
        "coverage-matrix": tuple(sorted(tuple(str(v) for v in row) for row in matrix.rows)),
    }


def test_a_reader_sees_the_old_or_the_new_build_never_a_mix(builds, dba):
    old, new, old_counts, new_counts = builds
    prefix = "https://example.org/versions/"
    assert publish(old, dba.sparql_auth, graph_prefix=prefix, sql=dba.sql).ok
    before = answers(dba, prefix, old)
    assert (before["inferred"], before["office"]) == (old_counts["inferred"], old_counts[OFFICE])

    readings, errors, stop = [], [], threading.Event()

    def reader():
        while not stop.is_set():
            started = time.monotonic()
            try:
                value = answers(dba, prefix, old)
            except Exception as exc:  # noqa: BLE001 - reported by the test below
                errors.append(repr(exc))
                return
            readings.append((started, time.monotonic(), value))

    def wait_for(n: int) -> None:
        while len(readings) < n and thread.is_alive():
            time.sleep(0.05)

    events = {}
    thread = threading.Thread(target=reader)
    thread.start()
    try:
        wait_for(3)
        report = publish(new, dba.sparql_auth, graph_prefix=prefix, sql=dba.sql,
                         progress=lambda step: events.setdefault(step, time.monotonic()))
        wait_for(len(readings) + 3)
    finally:
        stop.set()
        thread.join()
    assert not errors, errors
    assert report.ok, report.describe()
    after = answers(dba, prefix, new)
    assert (after["inferred"], after["office"]) == (new_counts["inferred"], new_counts[OFFICE])
    assert all(before[k] != after[k] for k in before), "the two builds must differ in every answer"
    assert prefixed(dba.sparql, prefix) == new_counts  # no staging graph left

    # Virtuoso reads are READ COMMITTED: a query that overlaps the commit itself may mix;
    # every other answer is the old build's or the new one's.
    window = (events["committing"], events["committed"])
    outside = [value for start, end, value in readings if end < window[0] or start > window[1]]
    print(f"{len(readings)} answers, {len(readings) - len(outside)} overlapping the commit ({window[1] - window[0]:.3f} s)")
    assert len(outside) >= 4 and len(outside) >= len(readings) - 2
    for value in outside:
        assert value in (before, after), {k: (value[k], before[k], after[k]) for k in value if k != "coverage-matrix"}
    assert "the commit took" in report.guarantee and "READ COMMITTED" in report.describe()


def test_kill_before_and_after_the_commit_leaves_one_version(builds, dba):
    old, new, old_counts, new_counts = builds
    prefix = "https://example.org/killed/"
    assert publish(old, dba.sparql_auth, graph_prefix=prefix, sql=dba.sql).ok
    assert prefixed(dba.sparql, prefix) == old_counts

    def kill_at(step):
        def hook(now):
            if now == step:
                dba.kill()
        return hook

    # 1. kill -9 while everything is staged but nothing committed: the old build, whole.
    with pytest.raises(PublishError) as failure:
        publish(new, dba.sparql_auth, graph_prefix=prefix, sql=dba.sql, retries=1, backoff=0.2, timeout=20,
                progress=kill_at("staged"))
    assert "nothing was published" in str(failure.value)
    dba.start()
    assert prefixed(dba.sparql, prefix) == old_counts

    # 2. kill -9 right after the commit, before the checkpoint: one build in every graph.
    publish(new, dba.sparql_auth, graph_prefix=prefix, sql=dba.sql, retries=1, backoff=0.2, timeout=20,
            progress=kill_at("committed"))
    dba.start()
    assert prefixed(dba.sparql, prefix) in (old_counts, new_counts)

    # 3. an older edugraph left a staging graph: the next publish says so, finishes the job, drops it.
    stray = prefix + "staging/" + OFFICE
    sparql_update(dba, f'INSERT DATA {{ GRAPH <{stray}> {{ <urn:x> <urn:y> "stale" }} }}')
    code, out = cli_publish(new, dba, prefix)
    assert code == 0, out
    assert "found on the server: 1 staging graph(s) left by an interrupted publish (1 triples: " + stray in out
    assert prefixed(dba.sparql, prefix) == new_counts
    code, out = cli_publish(new, dba, prefix)
    assert "found on the server: no staging graphs; build" in out and "changed 0 of" in out


def sparql_update(server, update: str) -> None:
    from edugraph.publish import Client

    client = Client(server.sparql_auth, None, timeout=30, retries=0, backoff=0.1)
    client.update(update)


def cli_publish(project: Project, server, prefix: str, *extra: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "edugraph", "--root", str(project.root), "publish", "--endpoint", server.sparql_auth,
         "--graph-prefix", prefix, "--sql", server.sql, *extra],
        capture_output=True, text=True, env=_env(server),
    )
    return result.returncode, result.stdout + result.stderr


def _env(server) -> dict:
    import os

    return dict(os.environ, EDUGRAPH_USER="dba", EDUGRAPH_PASSWORD=server.password, NETRC="/nonexistent",
                PYTHONPATH=str(ROOT / "src"))


def test_an_http_publish_killed_mid_request_keeps_the_old_build(builds, dba):
    old, new, old_counts, new_counts = builds
    prefix = "https://example.org/http-killed/"
    assert publish(old, dba.sparql_auth, graph_prefix=prefix).ok
    timers = []

    def kill_soon(step):  # one second into the one request, which takes several seconds
        if step == "sending":
            timers.append(threading.Timer(1.0, dba.kill))
            timers[0].start()

    try:
        with pytest.raises(PublishError) as failure:
            publish(new, dba.sparql_auth, graph_prefix=prefix, retries=1, backoff=0.2, timeout=20, progress=kill_soon)
    finally:
        for timer in timers:
            timer.join()
        if dba.process.poll() is not None:
            dba.start()  # replays the transaction log of the killed server
    assert "unless it committed this one before the connection failed" in str(failure.value)  # it cannot know
    assert prefixed(dba.sparql, prefix) == old_counts  # no staging graph, no half swap
    report = publish(new, dba.sparql_auth, graph_prefix=prefix)
    assert report.ok and report.found[0] == "no staging graphs"
    assert prefixed(dba.sparql, prefix) == new_counts


def test_a_permission_refusal_is_reported_at_once_with_the_servers_reason(builds, dba, capsys):
    old = builds[0]
    started = time.monotonic()
    code = cli.main(["--root", str(old.root), "publish", "--endpoint", dba.sparql, "--graph-prefix", "https://example.org/refused/"])
    seconds = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "SR186" in err and "No permission" in err and "unreachable" not in err, err
    assert seconds < 5  # four retries with backoff take 7.5 s more
