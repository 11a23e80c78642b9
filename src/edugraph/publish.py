"""`edugraph publish`: replace the build's named graphs on a SPARQL 1.1 server as one version.

Every change of a publish is applied in ONE server transaction, so readers
see the old build or the new one, never new seeds with old inferences:

1. the server's state is read first: per graph its triple count and the
   metadata record <prefix>publish-metadata keeps (triple count, sha256 of the
   canonical N-Triples, the build it came from); staging graphs
   <prefix>staging/<name> left by an interrupted publish of an older edugraph
   are found, reported and dropped inside the transaction; graphs recorded
   from different builds are reported. Unchanged graphs are skipped:
   publishing the same build twice changes nothing.
2. in one transaction, for every changed graph: load the build's triples into
   its staging graph (a graph the server lacks, and over SQL every graph,
   emptied first: straight into its place; INSERT DATA chunks; blank-node
   triples travel together), check it holds as many triples as the build
   (SQL only), delete the triples of <g> that are not staged, insert the
   staged triples <g> lacks, drop the staging graph and rewrite the graph's
   metadata record; graphs gone from the build are dropped. Over HTTP
   differential rather than `DROP GRAPH <g> ; MOVE`: Virtuoso 7.2 loses rows
   when it replays its roll-forward log after a crash and one transaction
   deleted and re-inserted the same quad (DROP + MOVE, SIGKILL after the
   commit, restart: 240 of 540 triples); the SQL transaction writes no such
   log. Staged or loaded triples are uncommitted, so no reader ever sees them.
3. the transaction is, by default, one SPARQL Update request to --endpoint.
   Virtuoso refuses requests over 10 MB, so for larger builds --sql HOST:PORT
   runs it through Virtuoso's SQL port instead (edugraph.virtuoso_sql).

What it cannot promise (docs/publishing.md): Virtuoso reads are READ
COMMITTED without snapshots, so a query running while the commit is applied
may count a mix; the output says how long that commit took (SQL) or that it
could not be seen (HTTP).

Credentials come from $EDUGRAPH_USER and $EDUGRAPH_PASSWORD, else from the
netrc file ($NETRC or ~/.netrc) entry for the endpoint's host; HTTP Digest
(Virtuoso's /sparql-auth) and Basic (Fuseki, GraphDB) are both answered. They
are never printed, logged or put in an error message.

Connection errors, 502/503/504 answers and deadlocks are retried with
exponential backoff; a refusal that gives a reason (Virtuoso's SR186 "No
permission" comes as HTTP 500) is reported at once with that reason; a
401/403 raises AuthenticationError.
"""
from __future__ import annotations

import hashlib
import http.client
import json
import netrc
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable

from rdflib import Literal, URIRef

from . import __version__
from .build import BuiltGraph, load_built
from .errors import UsageError
from .load import to_ox
from .namespaces import GRAPH, INFERRED_GRAPH
from .project import Project
from .serialize import nt_term, ntriples_lines

PUB = "https://w3id.org/edugraph/publish#"
METADATA_NAME = "publish-metadata"
STAGING_NAME = "staging/"


class PublishError(UsageError):
    """Publishing failed; `report` says which graphs were and were not published."""

    def __init__(self, message: str, report: "PublishReport | None" = None):
        super().__init__(message)
        self.report = report


class AuthenticationError(PublishError):
    """The server refused the credentials (HTTP 401/403)."""


class UnreachableError(PublishError):
    """The server did not answer, even after retries: a transaction sent may or may not have committed."""


class _Transient(Exception):
    """A connection-level failure worth retrying."""


# --- what is published -------------------------------------------------------


@dataclass
class GraphPlan:
    name: str  # below graph/, e.g. seeds/001_8c1bc81af2735ebe
    source: str  # the build's graph IRI
    target: str  # the published graph IRI
    triples: int
    sha256: str
    lines: list = field(repr=False, default_factory=list)  # canonical N-Triples
    remote_triples: int = 0
    remote_sha256: str | None = None
    remote_recorded: int | None = None
    action: str = ""  # add | replace | unchanged | remove
    status: str = "pending"  # published | unchanged | removed | failed | not published | would ...

    @property
    def changed(self) -> bool:
        return self.action in ("add", "replace", "remove")


@dataclass
class PublishReport:
    endpoint: str
    graph_store: str | None
    dry_run: bool
    graphs: list = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    server: str = ""
    sql: str | None = None
    found: list = field(default_factory=list)  # what the server held before, in words
    guarantee: str = ""  # what readers saw, in words
    outcome: str = ""  # after a failure: what the server holds

    @property
    def ok(self) -> bool:
        return self.error is None

    def names(self, *statuses: str) -> list[str]:
        return [g.name for g in self.graphs if g.status in statuses]

    def describe(self) -> str:
        via = f"one SQL transaction at {self.sql}" if self.sql else "one SPARQL Update request"
        head = f"edugraph publish to {self.endpoint} ({via}{', ' + self.server if self.server else ''})"
        lines = [head + (" -- dry run, nothing changed" if self.dry_run else "")]
        if self.graph_store:
            lines.append(
                "note: --graph-store is not used: uploads through it are separate transactions, "
                "which readers would see half done"
            )
        if self.found:
            lines.append("found on the server: " + "; ".join(self.found))
        width = max((len(g.name) for g in self.graphs), default=10)
        for g in self.graphs:
            if g.action == "unchanged":
                delta = "no change"
            elif g.action == "remove":
                delta = f"-{g.remote_triples}"
            else:
                delta = f"+{g.triples} -{g.remote_triples}"
            lines.append(
                f"  {g.status:<16} {g.action:<9} {g.name:<{width}}  {g.triples:>7} triples"
                f" (server {g.remote_triples:>7})  {delta}"
            )
        changed = [g for g in self.graphs if g.changed]
        added = sum(g.triples for g in changed if g.action != "remove")
        removed = sum(g.remote_triples for g in changed)
        verb = "would change" if self.dry_run else "changed"
        if self.error and not any(g.status in ("published", "removed") for g in self.graphs):
            verb = "did not change"
        lines.append(
            f"{verb} {len(changed)} of {len(self.graphs)} graphs (+{added} -{removed} triples); "
            f"{sum(1 for g in self.graphs if g.action == 'unchanged')} unchanged; {self.seconds:.2f} s"
        )
        if self.guarantee:
            lines.append("readers: " + self.guarantee)
        if self.error:
            lines.append(f"FAILED: {self.error}")
            if self.outcome:
                lines.append(self.outcome)
        return "\n".join(lines)


def plan_graphs(graphs: list[BuiltGraph], graph_prefix: str | None) -> list[GraphPlan]:
    """One plan per named graph of the build: ontology, reference, seeds, sources, inferred last."""
    plans = []
    for source, triples in graphs:
        name = source[len(str(GRAPH)):] if source.startswith(str(GRAPH)) else source
        lines = ntriples_lines(triples)
        digest = hashlib.sha256(("\n".join(lines) + "\n").encode("utf-8")).hexdigest()
        plans.append(GraphPlan(name, source, target_iri(name, source, graph_prefix), len(lines), digest, lines))
    plans.sort(key=lambda p: (p.source == str(INFERRED_GRAPH), p.name != "ontology", p.name))
    return plans


def target_iri(name: str, source: str, graph_prefix: str | None) -> str:
    if not graph_prefix:
        return source
    return graph_prefix + name if source.startswith(str(GRAPH)) else source


# --- HTTP --------------------------------------------------------------------


def find_credentials(url: str) -> tuple[str, str, str] | None:
    """(user, password, where from) from the environment or netrc; None for anonymous."""
    user, password = os.environ.get("EDUGRAPH_USER"), os.environ.get("EDUGRAPH_PASSWORD")
    if user and password is not None:
        return user, password, "EDUGRAPH_USER/EDUGRAPH_PASSWORD"
    host = urllib.parse.urlsplit(url).hostname or ""
    path = os.environ.get("NETRC") or None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError) as exc:
        where = getattr(exc, "filename", None) or path or "~/.netrc"
        raise PublishError(f"edugraph publish: cannot read the netrc file {where} ({type(exc).__name__})") from None
    if entry and entry[0] and entry[2] is not None:
        return entry[0], entry[2], f"netrc entry for {host}"
    return None


class Client:
    """POSTs to a SPARQL server with auth, timeouts and retries; never reveals the credentials."""

    def __init__(self, endpoint: str, graph_store: str | None, *, timeout: float, retries: int, backoff: float):
        self.endpoint, self.graph_store = endpoint, graph_store
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.credentials = find_credentials(endpoint)
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        if self.credentials:
            for url in filter(None, (endpoint, graph_store)):
                manager.add_password(None, url, self.credentials[0], self.credentials[1])
        # Without credentials no auth handler: a 401 then becomes a clear AuthenticationError.
        handlers = (
            [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
            if self.credentials
            else []
        )
        self.opener = urllib.request.build_opener(*handlers)
        self.server = ""

    @property
    def is_virtuoso(self) -> bool:
        return "virtuoso" in self.server.lower()

    def _auth_hint(self) -> str:
        if self.credentials:
            return f"credentials from {self.credentials[2]} were refused"
        return "no credentials given: set EDUGRAPH_USER and EDUGRAPH_PASSWORD or add a netrc entry for the host"

    def request(self, url: str, data: bytes, content_type: str, accept: str | None = None) -> bytes:
        """POST with retries on connection errors and 5xx; raise AuthenticationError / PublishError."""
        attempt = 0
        while True:
            try:
                return self._once(url, data, content_type, accept)
            except _Transient as exc:
                if attempt >= self.retries:
                    raise UnreachableError(
                        f"edugraph publish: {urllib.parse.urlsplit(url).netloc} unreachable after "
                        f"{attempt + 1} attempts ({exc})"
                    ) from None
                time.sleep(min(self.backoff * (2**attempt), 30.0))
                attempt += 1

    def _once(self, url: str, data: bytes, content_type: str, accept: str | None) -> bytes:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(url, data=data, headers=headers, method="POST")
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                self.server = self.server or response.headers.get("Server", "").strip()
                return response.read()
        except urllib.error.HTTPError as exc:
            self.server = self.server or (exc.headers.get("Server", "") if exc.headers else "")
            if exc.code in (401, 403):
                raise AuthenticationError(
                    f"edugraph publish: authentication failed at {url} (HTTP {exc.code}): {self._auth_hint()}"
                ) from None
            body = _read_error(exc)
            if _is_transient(exc.code, body):
                raise _Transient(f"HTTP {exc.code}{': ' + body if body else ''}") from None
            raise PublishError(f"edugraph publish: {url} refused the request (HTTP {exc.code}): {body}") from None
        except ValueError as exc:  # an auth scheme urllib does not speak
            raise PublishError(f"edugraph publish: {url}: {exc}") from None
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, socket.timeout, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise _Transient(f"{type(exc).__name__}: {reason}") from None

    # SPARQL
    def query(self, query: str) -> dict:
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        raw = self.request(self.endpoint, body, "application/x-www-form-urlencoded; charset=utf-8", "application/sparql-results+json")
        try:
            return json.loads(raw.decode("utf-8"))
        except ValueError:
            raise PublishError(f"edugraph publish: {self.endpoint} did not answer with SPARQL JSON results") from None

    def select(self, query: str) -> list[dict]:
        return self.query(query)["results"]["bindings"]

    def update(self, update: str) -> None:
        if self.is_virtuoso:
            # Pass big literals as parameters: without it Virtuoso's SPARQL-to-SQL step
            # refuses INSERT DATA of more than about a thousand triples (SP031).
            update = "DEFINE sql:big-data-const 1\n" + update
        body = urllib.parse.urlencode({"update": update}).encode("utf-8")
        self.request(self.endpoint, body, "application/x-www-form-urlencoded; charset=utf-8")


def _is_transient(code: int, body: str) -> bool:
    """Worth retrying: gateway errors, and a 500 that gives no reason or names a deadlock (SQLSTATE 40001).

    A 500 with a reason is permanent: Virtuoso answers "SR186: No permission" (read-only
    endpoint), SR325 (transaction too large) and SPARQL errors that way."""
    if code in (502, 503, 504):
        return True
    return code == 500 and (not body.strip() or "40001" in body or "deadlock" in body.lower())


def _read_error(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the body is only for the message
        text = ""
    first = " ".join(text.split("SPARQL query:")[0].split())
    return (first[:300] + "...") if len(first) > 300 else (first or exc.reason or "")


# --- publishing --------------------------------------------------------------


def _iri(value: str) -> str:
    return nt_term(to_ox(URIRef(value)))


def _literal(value) -> str:
    return nt_term(to_ox(Literal(value)))


def _has_bnode(line: str) -> bool:
    """Whether a canonical N-Triples line has a blank node subject or object."""
    if line.startswith("_:"):
        return True
    last = line[:-2].rsplit(" ", 1)[-1]  # the object; a literal's last token holds a quote
    return last.startswith("_:") and '"' not in last and ">" not in last


def _remote_state(client: Client, plans: list[GraphPlan], metadata: str) -> tuple[dict, dict]:
    """{graph IRI: server triple count} and the metadata records {graph IRI: (count, sha256, build)}."""
    # One count per graph: Virtuoso 7.2 took over 120 s (SR171) for the same counts as one
    # `VALUES ?g { ... } GRAPH ?g { ... } GROUP BY ?g` query at 40 offices, against about 0.3 s each.
    counts = {p.target: _count(client, p.target) for p in plans}
    rows = client.select(
        f"SELECT ?g ?n ?h ?b WHERE {{ GRAPH {_iri(metadata)} {{ ?g <{PUB}triples> ?n ; <{PUB}sha256> ?h "
        f"OPTIONAL {{ ?g <{PUB}build> ?b }} }} }}"
    )
    records = {
        r["g"]["value"]: (int(r["n"]["value"]), r["h"]["value"], r["b"]["value"] if "b" in r else None) for r in rows
    }
    return counts, records


def _leftover_staging(client: Client, staging_prefix: str, names: set[str]) -> dict[str, int]:
    """Staging graphs an interrupted publish left on the server, {graph IRI: triples}, among
    `staging_prefix` + the names of this build's graphs and of those the metadata records
    (looking at every graph of the server took 9 s at 40 offices)."""
    found = {}
    for name in sorted(names):
        n = _count(client, staging_prefix + name)
        if n:
            found[staging_prefix + name] = n
    return found


def _count(client: Client, graph: str) -> int:
    rows = client.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]["value"]) if rows else 0


def _metadata_values(plan: GraphPlan, build_id: str) -> list[tuple[str, str]]:
    return [
        ("triples", _literal(plan.triples)),
        ("sha256", _literal(plan.sha256)),
        ("build", _literal(build_id)),
        ("version", _literal(__version__)),
        ("source", _iri(plan.source)),
    ]


def build_id(plans: list[GraphPlan]) -> str:
    """One name for the whole build: the sha256 over its graphs' names and hashes."""
    text = "\n".join(f"{p.name} {p.sha256}" for p in sorted(plans, key=lambda p: p.name))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _findings(plans: list[GraphPlan], records: dict, leftovers: dict[str, int], this_build: str) -> list[str]:
    """What the server held before this publish, in words."""
    found = []
    if leftovers:
        found.append(
            f"{len(leftovers)} staging graph(s) left by an interrupted publish ({sum(leftovers.values())} triples: "
            + ", ".join(sorted(leftovers)[:3])
            + (f" and {len(leftovers) - 3} more" if len(leftovers) > 3 else "")
            + "); dropped in this publish's transaction"
        )
    else:
        found.append("no staging graphs")
    builds = {rec[2] for target, rec in records.items() if any(p.target == target for p in plans)}
    if not records:
        found.append("no earlier publish recorded")
    elif len(builds) > 1:
        found.append(
            f"graphs recorded from {len(builds)} different builds (an interrupted publish by an older edugraph, "
            "or graphs changed by hand); this publish replaces them as one version"
        )
    elif builds == {this_build}:
        found.append(f"build {this_build[:12]} already published")
    else:
        found.append(f"one earlier build ({(next(iter(builds)) or 'unrecorded')[:12]})")
    mismatched = [p.name for p in plans if p.remote_recorded is not None and p.remote_recorded != p.remote_triples]
    if mismatched:
        found.append("graphs whose triple count differs from their record (changed outside edugraph): " + ", ".join(mismatched))
    return found


def publish(
    project: Project,
    endpoint: str,
    graph_store: str | None = None,
    graph_prefix: str | None = None,
    dry_run: bool = False,
    *,
    sql: str | None = None,
    timeout: float = 120.0,
    retries: int = 4,
    backoff: float = 0.5,
    chunk_triples: int = 2000,
    progress: Callable[[str], None] | None = None,
) -> PublishReport:
    """Publish the build (building first when dist/ is stale) in one transaction; see the module docstring.

    `progress(step)` is called with "sending" (HTTP: the one request is about to go), "staged"
    (SQL: everything uploaded and checked, nothing committed), "committing" (SQL) and
    "committed", then "done"; the tests kill the server there."""
    started = time.perf_counter()
    for url in filter(None, (endpoint, graph_store)):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise PublishError(f"edugraph publish: not an http(s) URL: {url}")
    if graph_prefix and not graph_prefix.startswith(("http://", "https://", "urn:")):
        raise PublishError(f"edugraph publish: --graph-prefix must be an absolute IRI, not {graph_prefix!r}")
    if sql is not None and (":" not in sql or not sql.rsplit(":", 1)[1].isdigit()):
        raise PublishError(f"edugraph publish: --sql must be HOST:PORT (Virtuoso's SQL port, 1111 by default), not {sql!r}")
    notify = progress or (lambda step: None)

    plans = plan_graphs(load_built(project, inferred=True), graph_prefix)
    this_build = build_id(plans)
    prefix = graph_prefix or str(GRAPH)
    metadata = prefix + METADATA_NAME
    report = PublishReport(endpoint, graph_store, dry_run, plans, sql=sql)
    client = Client(endpoint, graph_store, timeout=timeout, retries=retries, backoff=backoff)

    client.query("ASK {}")  # reachability, credentials, server type
    report.server = client.server
    counts, records = _remote_state(client, plans, metadata)
    names = {p.name for p in plans} | {t[len(prefix):] for t in records if t.startswith(prefix)}
    leftovers = _leftover_staging(client, prefix + STAGING_NAME, names)
    built = {p.target for p in plans}
    for target, (n, digest, _) in sorted(records.items()):
        if target not in built and (target.startswith(prefix) or not graph_prefix):
            stale = GraphPlan(target[len(prefix):] if target.startswith(prefix) else target, "", target, 0, "")
            stale.remote_triples = _count(client, target)
            stale.remote_sha256 = digest
            plans.append(stale)
    for p in plans:
        if p.source == "":
            p.action = "remove"
            continue
        p.remote_triples = counts.get(p.target, 0)
        p.remote_recorded, p.remote_sha256, _ = records.get(p.target, (None, None, None))
        if p.remote_triples == 0:
            p.action = "add"
        elif p.remote_sha256 == p.sha256 and p.remote_recorded == p.triples == p.remote_triples:
            p.action = "unchanged"
        else:
            p.action = "replace"
    report.found = _findings(plans, records, leftovers, this_build)
    changed = [p for p in plans if p.changed]
    for p in plans:
        p.status = ("would " + p.action if dry_run else "pending") if p.changed else "unchanged"
    if dry_run or not (changed or leftovers):
        report.guarantee = "nothing to change" if not dry_run else ""
        report.seconds = time.perf_counter() - started
        return report

    # A graph the server does not have is loaded straight into its place: uncommitted, so as invisible
    # as a staging graph, and copying 1.8 M staged triples took 342 s of a 523 s first publish at 245 offices.
    # Over SQL a replaced graph is emptied and loaded in place too (readers see the committed old rows
    # until the commit): without a roll-forward log, deleting and re-inserting a quad loses nothing, and the
    # differential swap took 577 s of a 959 s replace at 245 offices. Over HTTP the swap stays differential.
    staging = {p.name: p.target if p.action == "add" or sql is not None else prefix + STAGING_NAME + p.name
               for p in changed if p.action != "remove"}
    cleanup = [f"DROP SILENT GRAPH {_iri(g)}" for g in sorted(leftovers)]
    uploads = [op for p in changed if p.action != "remove" for op in _uploads(p, staging[p.name], chunk_triples)]
    swaps = [op for p in changed for op in _swap(p, staging.get(p.name), metadata, this_build)]
    swaps += [op for p in plans if p.action == "unchanged" for op in _restamp(p, metadata, this_build)]
    try:
        if sql is None:
            # A tiny update first: a refusal (SR186 on a read-only endpoint) then comes with its
            # reason, not as a compiler error about the size of the real request.
            client.update(f"DROP SILENT GRAPH {_iri(prefix + STAGING_NAME + 'permission-check')}")
            notify("sending")
            report.guarantee = _publish_http(client, cleanup + uploads + swaps)
        else:
            report.guarantee = _publish_sql(client, sql, cleanup, uploads, swaps, changed, staging, notify, timeout)
    except PublishError as exc:
        for p in changed:
            p.status = "not published"
        report.error = str(exc).removeprefix("edugraph publish: ")
        report.seconds = time.perf_counter() - started
        if isinstance(exc, UnreachableError) or "refused the commit" in str(exc):
            outcome = (
                "the server keeps its previous build unless it committed this one before the connection failed; "
                "the next publish's 'found on the server' line says which build it holds"
            )
        else:
            outcome = "nothing was published; the server keeps its previous build"
        report.outcome = outcome
        raise type(exc)(f"{exc} -- {outcome}", report) from None
    for p in changed:
        p.status = "removed" if p.action == "remove" else "published"
    if sql is None:
        notify("committed")
        try:
            _check_published(client, changed)
        except PublishError as exc:
            report.error = str(exc).removeprefix("edugraph publish: ")
            report.seconds = time.perf_counter() - started
            raise type(exc)(f"{exc} -- the new build was committed before this check", report) from None
    report.seconds = time.perf_counter() - started
    notify("done")
    return report


def _uploads(p: GraphPlan, staging: str, per_chunk: int) -> list[str]:
    """INSERT operations that load the build's triples of one graph into its staging graph."""
    st = _iri(staging)
    ops = [] if staging == p.target else [f"DROP SILENT GRAPH {st}"]  # a graph loaded in place is empty or emptied
    with_bnodes = [line for line in p.lines if _has_bnode(line)]
    rest = [line for line in p.lines if not _has_bnode(line)]
    if with_bnodes:
        # Virtuoso refuses blank nodes in INSERT DATA (SP031 "not allowed in a constant clause");
        # a template with an empty WHERE inserts them once, as fresh nodes, in one label scope.
        ops.append(f"INSERT {{ GRAPH {st} {{\n" + "\n".join(with_bnodes) + "\n} } WHERE { }")
    for i in range(0, len(rest), per_chunk):
        ops.append(f"INSERT DATA {{ GRAPH {st} {{\n" + "\n".join(rest[i : i + per_chunk]) + "\n} }")
    return ops


def _swap(p: GraphPlan, staging: str | None, metadata: str, this_build: str) -> list[str]:
    """Operations that make one graph the staged version (or drop it) and rewrite its metadata record."""
    g, meta = _iri(p.target), _iri(metadata)
    if p.action == "remove":
        return [f"DROP SILENT GRAPH {g}", f"DELETE WHERE {{ GRAPH {meta} {{ {g} ?p ?o }} }}"]
    st = _iri(staging)
    values = _metadata_values(p, this_build)
    keep = " || ".join(f"(?p = <{PUB}{k}> && ?o = {v})" for k, v in values)
    record = f"{g} " + " ; ".join(f"<{PUB}{k}> {v}" for k, v in values) + " ."
    metadata_ops = [
        f"DELETE {{ GRAPH {meta} {{ {g} ?p ?o }} }} WHERE {{ GRAPH {meta} {{ {g} ?p ?o }} FILTER(!({keep})) }}",
        f"INSERT DATA {{ GRAPH {meta} {{ {record} }} }}",
    ]
    if staging == p.target:  # loaded in place
        return metadata_ops
    # Differential on purpose: no quad is deleted and inserted again in the same transaction.
    # Virtuoso 7.2 loses rows on crash recovery (roll forward) when a transaction deletes and
    # re-inserts the same quad -- DROP + MOVE of a graph that shares triples with its previous
    # version came back with 240 of 540 triples after a SIGKILL right after the commit.
    return [
        f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH {st} {{ ?s ?p ?o }} }} }}",
        f"INSERT {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {st} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH {g} {{ ?s ?p ?o }} }} }}",
        # Not DROP GRAPH: in one request after INSERTs into the same graph, Virtuoso's DROP
        # leaves the rows this transaction inserted (measured: the whole staging graph stayed).
        f"DELETE WHERE {{ GRAPH {st} {{ ?s ?p ?o }} }}",
        *metadata_ops,
    ]


def _restamp(p: GraphPlan, metadata: str, this_build: str) -> list[str]:
    """An unchanged graph belongs to the new build too: rewrite its record's build (never delete + re-insert it)."""
    g, meta, b = _iri(p.target), _iri(metadata), _literal(this_build)
    return [
        f"DELETE {{ GRAPH {meta} {{ {g} <{PUB}build> ?b }} }} WHERE {{ GRAPH {meta} {{ {g} <{PUB}build> ?b }} FILTER(?b != {b}) }}",
        f"INSERT {{ GRAPH {meta} {{ {g} <{PUB}build> {b} }} }} WHERE {{ FILTER NOT EXISTS {{ GRAPH {meta} {{ {g} <{PUB}build> {b} }} }} }}",
    ]


def _publish_http(client: Client, operations: list[str]) -> str:
    """All operations in one SPARQL Update request: one transaction on Virtuoso, Fuseki/TDB2 and GraphDB."""
    text = " ;\n".join(operations)
    try:
        client.update(text)
    except PublishError as exc:
        if "longer than 10Mb" in str(exc):
            raise PublishError(
                f"edugraph publish: the changes ({len(text.encode('utf-8')) / 1e6:.1f} MB of SPARQL Update) pass "
                "Virtuoso's 10 MB limit for one request, and splitting them would show readers a mix: "
                "publish through Virtuoso's SQL port with --sql HOST:1111 (one transaction of any size)"
            ) from None
        raise
    if client.is_virtuoso:
        return (
            "one SPARQL Update request, one Virtuoso transaction: readers saw the old build until its commit and "
            "see the new one after it; a query running during the commit itself may count a mix (Virtuoso reads "
            "are READ COMMITTED, without snapshots), and over HTTP the commit's length cannot be seen"
        )
    return (
        "one SPARQL Update request: one version for readers on servers that run a request in one transaction "
        "with snapshot reads (Fuseki/TDB2, GraphDB; not tested by edugraph)"
    )


def _check_published(client: Client, changed: list[GraphPlan]) -> None:
    """After the commit: every published graph holds as many triples as the build has."""
    short = []
    for p in changed:
        if p.action != "remove":
            n = _count(client, p.target)
            if n != p.triples:
                short.append(f"{p.name} ({n} of {p.triples})")
    if short:
        raise PublishError(
            "edugraph publish: the server holds a different number of triples than the build (it merged or "
            "dropped some) for " + ", ".join(short)
        )


def _publish_sql(
    client: Client,
    address: str,
    cleanup: list[str],
    uploads: list[str],
    swaps: list[str],
    changed: list[GraphPlan],
    staging: dict[str, str],
    notify: Callable[[str], None],
    timeout: float,
) -> str:
    """All operations in one Virtuoso SQL transaction: stage, check, swap, commit, checkpoint."""
    from .virtuoso_sql import SqlError, SqlTransaction

    host = address.rsplit(":", 1)[0]
    credentials = find_credentials(f"http://{host}/")
    if not credentials:
        raise AuthenticationError(
            "edugraph publish: --sql needs credentials: set EDUGRAPH_USER and EDUGRAPH_PASSWORD or add a netrc entry for " + host
        )
    try:
        tx = SqlTransaction(address, credentials[0], credentials[1], timeout=timeout)
        try:
            for op in cleanup:
                tx.execute(op)
            for p in changed:
                if p.action == "replace" and staging[p.name] == p.target:
                    tx.clear(p.target)
            for op in uploads:
                tx.execute(op)
            for p in changed:
                if p.action != "remove":
                    staged = tx.count(_iri(staging[p.name]))
                    if staged != p.triples:
                        raise PublishError(
                            f"edugraph publish: the server staged {staged} of {p.triples} triples of {p.name} "
                            "(it merged or dropped some)"
                        )
            notify("staged")
            for op in swaps:
                tx.execute(op)
            notify("committing")
            seconds = tx.commit()
            notify("committed")
            problem = tx.checkpoint()
        finally:
            tx.close()  # rolls back whatever was not committed
    except SqlError as exc:
        raise PublishError(str(exc)) from None
    durable = (
        "checkpointed right after the commit"
        if problem is None
        else f"not checkpointed ({problem}): a crash before the server's next checkpoint returns the old build"
    )
    return (
        "one Virtuoso SQL transaction: readers saw the old build until its commit and see the new one after it; "
        f"the commit took {seconds:.2f} s and a query running during it may count a mix (Virtuoso reads are "
        f"READ COMMITTED, without snapshots); {durable}"
    )
