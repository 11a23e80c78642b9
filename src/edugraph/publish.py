"""`edugraph publish`: replace the build's named graphs on a SPARQL 1.1 server.

One published graph per named graph of the build (the ontology, each
reference framework, each seed and source file, the inferred triples), each
replaced by itself:

1. upload the graph into a staging graph <prefix>staging/<name> (SPARQL 1.1
   Graph Store HTTP Protocol POSTs when --graph-store is given, else SPARQL
   1.1 Update INSERT DATA), in chunks; blank-node triples travel together;
2. check the server holds exactly as many staged triples as the build has;
3. swap in one SPARQL Update request: delete the triples of <g> that are not
   staged, insert the staged triples <g> lacks, drop the staging graph and
   update the graph's metadata record. Differential rather than
   `DROP GRAPH <g> ; MOVE <staging> TO <g>`: Virtuoso 7.2 loses rows in crash
   recovery when one transaction deletes and re-inserts the same quad (found
   by tests/test_publish.py: SIGKILL right after a DROP+MOVE commit, restart,
   240 of 540 triples). A SPARQL Update request is one transaction on
   Virtuoso (checked: concurrent point readers see the old or the new graph;
   a SIGKILL mid-request leaves the old one), on Fuseki/TDB2 and on GraphDB,
   so the graph and its metadata change together.

The metadata graph <prefix>publish-metadata records, per published graph, its
triple count and the sha256 of its canonical N-Triples. A graph whose stored
hash and count match the build, and whose server triple count matches, is
skipped: publishing the same build twice changes nothing. Graphs recorded in
the metadata but gone from the build (a renamed source file) are dropped.

Credentials come from $EDUGRAPH_USER and $EDUGRAPH_PASSWORD, else from the
netrc file ($NETRC or ~/.netrc) entry for the endpoint's host; HTTP Digest
(Virtuoso's /sparql-auth) and Basic (Fuseki, GraphDB) are both answered. They
are never printed, logged or put in an error message.

Connection errors and 502/503/504 answers are retried with exponential
backoff; a 401/403 raises AuthenticationError; any failure raises
PublishError naming the graphs that were and were not published (the server
keeps the previous version of every graph not published).
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
TRANSIENT_HTTP = {500, 502, 503, 504}


class PublishError(UsageError):
    """Publishing failed; `report` says which graphs were and were not published."""

    def __init__(self, message: str, report: "PublishReport | None" = None):
        super().__init__(message)
        self.report = report


class AuthenticationError(PublishError):
    """The server refused the credentials (HTTP 401/403)."""


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

    @property
    def ok(self) -> bool:
        return self.error is None

    def names(self, *statuses: str) -> list[str]:
        return [g.name for g in self.graphs if g.status in statuses]

    def describe(self) -> str:
        via = f"graph store {self.graph_store}" if self.graph_store else "SPARQL Update"
        head = f"edugraph publish to {self.endpoint} ({via}{', ' + self.server if self.server else ''})"
        lines = [head + (" -- dry run, nothing changed" if self.dry_run else "")]
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
        lines.append(
            f"{verb} {len(changed)} of {len(self.graphs)} graphs (+{added} -{removed} triples); "
            f"{sum(1 for g in self.graphs if g.action == 'unchanged')} unchanged; {self.seconds:.2f} s"
        )
        if self.error:
            lines.append(f"FAILED: {self.error}")
            done = self.names("published", "removed")
            missing = self.names("failed", "not published")
            lines.append(f"published: {', '.join(done) or 'none'}")
            lines.append(f"not published (the server keeps their previous version): {', '.join(missing) or 'none'}")
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
                    raise PublishError(
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
            if exc.code in TRANSIENT_HTTP and "SP0" not in body and "SQ" not in body:
                raise _Transient(f"HTTP {exc.code}") from None
            raise PublishError(f"edugraph publish: {url} answered HTTP {exc.code}: {body}") from None
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

    def gsp_post(self, graph: str, turtle: str) -> None:
        url = self.graph_store + ("&" if "?" in self.graph_store else "?") + urllib.parse.urlencode({"graph": graph})
        self.request(url, turtle.encode("utf-8"), "text/turtle; charset=utf-8")


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


def _chunks(lines: list[str], max_triples: int, max_bytes: int) -> list[list[str]]:
    """Split N-Triples lines; every line with a blank node goes into the first chunk (one bnode scope)."""
    with_bnodes = [line for line in lines if _has_bnode(line)]
    rest = [line for line in lines if not _has_bnode(line)]
    chunks, current = [], list(with_bnodes)
    size = sum(len(line.encode("utf-8")) + 1 for line in current)
    for line in rest:
        if current and (len(current) >= max_triples or size + len(line) > max_bytes):
            chunks.append(current)
            current, size = [], 0
        current.append(line)
        size += len(line.encode("utf-8")) + 1
    if current:
        chunks.append(current)
    return chunks


def _has_bnode(line: str) -> bool:
    """Whether a canonical N-Triples line has a blank node subject or object."""
    if line.startswith("_:"):
        return True
    last = line[:-2].rsplit(" ", 1)[-1]  # the object; a literal's last token holds a quote
    return last.startswith("_:") and '"' not in last and ">" not in last


def _remote_state(client: Client, plans: list[GraphPlan], metadata: str) -> dict:
    """{graph IRI: (server triple count)} and the metadata records {graph IRI: (count, sha256)}."""
    counts = {}
    targets = [p.target for p in plans]
    for i in range(0, len(targets), 50):
        values = " ".join(_iri(t) for t in targets[i : i + 50])
        rows = client.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g")
        counts.update({r["g"]["value"]: int(r["n"]["value"]) for r in rows})
    rows = client.select(
        f"SELECT ?g ?n ?h WHERE {{ GRAPH {_iri(metadata)} {{ ?g <{PUB}triples> ?n ; <{PUB}sha256> ?h }} }}"
    )
    records = {r["g"]["value"]: (int(r["n"]["value"]), r["h"]["value"]) for r in rows}
    return counts, records


def _count(client: Client, graph: str) -> int:
    rows = client.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"]["value"]) if rows else 0


def _metadata_values(plan: GraphPlan) -> list[tuple[str, str]]:
    return [
        ("triples", _literal(plan.triples)),
        ("sha256", _literal(plan.sha256)),
        ("version", _literal(__version__)),
        ("source", _iri(plan.source)),
    ]


def _metadata_triples(plan: GraphPlan) -> str:
    return f"{_iri(plan.target)} " + " ; ".join(f"<{PUB}{k}> {v}" for k, v in _metadata_values(plan)) + " ."


def publish(
    project: Project,
    endpoint: str,
    graph_store: str | None = None,
    graph_prefix: str | None = None,
    dry_run: bool = False,
    *,
    timeout: float = 120.0,
    retries: int = 4,
    backoff: float = 0.5,
    chunk_triples: int | None = None,
    progress: Callable[[GraphPlan], None] | None = None,
) -> PublishReport:
    """Publish the build (building first when dist/ is stale); see the module docstring."""
    started = time.perf_counter()
    for url in filter(None, (endpoint, graph_store)):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise PublishError(f"edugraph publish: not an http(s) URL: {url}")
    if graph_prefix and not graph_prefix.startswith(("http://", "https://", "urn:")):
        raise PublishError(f"edugraph publish: --graph-prefix must be an absolute IRI, not {graph_prefix!r}")

    plans = plan_graphs(load_built(project, inferred=True), graph_prefix)
    prefix = graph_prefix or str(GRAPH)
    metadata = prefix + METADATA_NAME
    report = PublishReport(endpoint, graph_store, dry_run, plans)
    client = Client(endpoint, graph_store, timeout=timeout, retries=retries, backoff=backoff)

    client.query("ASK {}")  # reachability, credentials, server type
    report.server = client.server
    counts, records = _remote_state(client, plans, metadata)
    built = {p.target for p in plans}
    for target, (n, digest) in sorted(records.items()):
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
        p.remote_recorded, p.remote_sha256 = records.get(p.target, (None, None))
        if p.remote_triples == 0:
            p.action = "add"
        elif p.remote_sha256 == p.sha256 and p.remote_recorded == p.triples == p.remote_triples:
            p.action = "unchanged"
        else:
            p.action = "replace"

    if dry_run:
        for p in plans:
            p.status = "would " + p.action if p.changed else "unchanged"
        report.seconds = time.perf_counter() - started
        return report

    per_chunk = chunk_triples or (10000 if graph_store else 2000)
    max_bytes = 4_000_000 if graph_store else 1_000_000
    for p in plans:
        if not p.changed:
            p.status = "unchanged"
    current = None
    try:
        for p in plans:
            if not p.changed:
                continue
            current = p
            if p.action == "remove":
                client.update(
                    f"DROP SILENT GRAPH {_iri(p.target)} ;\n"
                    f"DELETE WHERE {{ GRAPH {_iri(metadata)} {{ {_iri(p.target)} ?p ?o }} }}"
                )
                p.status = "removed"
            else:
                _replace(client, p, prefix + STAGING_NAME + p.name, metadata, per_chunk, max_bytes)
                p.status = "published"
            if progress is not None:
                progress(p)
        current = None
    except PublishError as exc:
        if current is not None:
            current.status = "failed"
        for p in plans:
            if p.status == "pending":
                p.status = "not published"
        report.error = str(exc).removeprefix("edugraph publish: ")
        report.seconds = time.perf_counter() - started
        done = report.names("published", "removed")
        missing = report.names("failed", "not published")
        if not done:
            summary = f"{exc} -- nothing was published; the server keeps its previous graphs"
        else:
            summary = (
                f"{exc} -- published {len(done)} graph(s): {', '.join(done)}; not published {len(missing)}: "
                f"{', '.join(missing)} (the server keeps their previous version)"
            )
        error = type(exc)(summary, report)
        raise error from None
    report.seconds = time.perf_counter() - started
    return report


def _replace(client: Client, p: GraphPlan, staging: str, metadata: str, per_chunk: int, max_bytes: int) -> None:
    """Upload into the staging graph, check it, swap it in with its metadata in one update."""
    client.update(f"DROP SILENT GRAPH {_iri(staging)}")
    for chunk in _chunks(p.lines, per_chunk, max_bytes):
        text = "\n".join(chunk) + "\n"
        if client.graph_store:
            client.gsp_post(staging, text)
        elif any(_has_bnode(line) for line in chunk):
            # Virtuoso refuses blank nodes in INSERT DATA (SP031 "not allowed in a constant
            # clause"); a template with an empty WHERE inserts them once, as fresh nodes.
            client.update(f"INSERT {{ GRAPH {_iri(staging)} {{\n{text}}} }} WHERE {{ }}")
        else:
            client.update(f"INSERT DATA {{ GRAPH {_iri(staging)} {{\n{text}}} }}")
    staged = _count(client, staging)
    if staged != p.triples:
        raise PublishError(
            f"edugraph publish: the server staged {staged} of {p.triples} triples of {p.name} "
            "(it merged or dropped some); the published graph was left as it was"
        )
    g, st, meta = _iri(p.target), _iri(staging), _iri(metadata)
    keep = " || ".join(f"(?p = <{PUB}{k}> && ?o = {v})" for k, v in _metadata_values(p))
    # One request, one transaction. Differential on purpose: no quad is deleted and inserted
    # again in the same transaction. Virtuoso 7.2 loses rows on crash recovery (roll forward)
    # when a transaction deletes and re-inserts the same quad -- DROP + MOVE of a graph that
    # shares triples with its previous version came back with 240 of 540 triples after a
    # SIGKILL right after the commit (tests/test_publish.py checks this stays fixed).
    swap = (
        f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH {st} {{ ?s ?p ?o }} }} }} ;\n"
        f"INSERT {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {st} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH {g} {{ ?s ?p ?o }} }} }} ;\n"
        f"DROP SILENT GRAPH {st} ;\n"
        f"DELETE {{ GRAPH {meta} {{ {g} ?p ?o }} }} WHERE {{ GRAPH {meta} {{ {g} ?p ?o }} FILTER(!({keep})) }} ;\n"
        f"INSERT DATA {{ GRAPH {meta} {{ {_metadata_triples(p)} }} }}"
    )
    try:
        client.update(swap)
    except PublishError as exc:
        if isinstance(exc, AuthenticationError):
            raise
        # The answer may have been lost after the server committed: look before retrying,
        # never re-run the swap blindly (with the staging graph gone it would empty the graph).
        try:
            rows = client.select(f"SELECT ?h WHERE {{ GRAPH {_iri(metadata)} {{ {_iri(p.target)} <{PUB}sha256> ?h }} }}")
        except PublishError:
            raise exc from None
        if not any(r["h"]["value"] == p.sha256 for r in rows) or _count(client, p.target) != p.triples:
            raise
