"""Where the web face reads the graph: the embedded Oxigraph store or a SPARQL 1.1 endpoint.

Both back ends answer the same SPARQL text over the union of the dataset's
named graphs (asserted plus inferred) and return pyoxigraph results, so every
page and /sparql run the same code on both. Results are read only up to a
row cap, and a query may run for at most a time limit (see `Limits`).

Whatever a user sends is checked by `check_read_only` first (the web layer
does it for /sparql). The embedded store has no way to cancel a query: a
query over the limit gets its error answer when the limit passes, and its
evaluation finishes on one of the back end's few query threads, whose result
is dropped. An endpoint is asked to stop
(Virtuoso's `timeout` parameter, in milliseconds) and is not waited for
beyond the limit; Virtuoso's answer at that limit (HTTP 200 with the rows
found so far, marked `X-SQL-State: S1TAT`) is a timeout, not a result.
"""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import EdugraphError, QueryError
from ..query import Result, syntax_words, uses_service, valid_iri


class QueryTimeout(EdugraphError):
    """A query ran past the time limit."""


class EndpointFailed(QueryError):
    """The endpoint behind `--endpoint` cannot be reached or failed (not the query's fault)."""


class Refused(EdugraphError):
    """A request this read-only service never carries out (an update, a SERVICE call)."""


WORKERS = 4  # embedded queries evaluated at once


@dataclass(frozen=True)
class Limits:
    """How long a query may run and how many rows (or triples) a response carries."""

    seconds: float = 30.0
    rows: int = 10_000


@dataclass
class Answer:
    """A query's outcome: `kind` is select, ask or graph."""

    kind: str
    variables: list  # select: variable names
    rows: list  # select: lists of pyoxigraph terms or None; graph: pyoxigraph Triples
    boolean: bool = False
    truncated: bool = False  # more rows than the cap existed

    def table(self, name: str = "") -> Result:
        """The rows as edugraph.query's Result (rdflib terms), as `edugraph query` returns them."""
        from ..load import to_rdflib

        return Result(list(self.variables), [[None if v is None else to_rdflib(v) for v in row] for row in self.rows], name)


def _keywords(*words: str) -> re.Pattern:
    """Whole keywords, not variables (?drop), prefixed names (ex:add) or prefixes (drop:)."""
    return re.compile(r"(?<![?$:\w])(" + "|".join(words) + r")(?![:\w])", re.IGNORECASE)


_UPDATE = _keywords("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
_FORM = _keywords("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def check_read_only(text: str) -> None:
    """Refuse an update or a federated (SERVICE) query before anything runs.

    An update is text whose first keyword (outside strings, IRIs and comments)
    is an update operation rather than a query form; SERVICE would make this
    server fetch from another host.
    """
    words = syntax_words(text)
    form, update = _FORM.search(words), _UPDATE.search(words)
    if update and (form is None or update.start() < form.start()):
        raise Refused("this endpoint is read-only: SPARQL Update is not accepted")
    if uses_service(text):
        raise Refused("SERVICE is not allowed: this endpoint makes no requests to other servers")


class Backend:
    """The interface: `answer(text)` for any query, `select(text)` for tables."""

    name = "backend"

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or Limits()

    def answer(self, text: str, rows: int | None = None) -> Answer:
        raise NotImplementedError

    def select(self, text: str, name: str = "") -> Result:
        answer = self.answer(text)
        if answer.kind != "select":
            raise QueryError(f"{name or 'query'}: only SELECT queries can be tabulated")
        return answer.table(name)

    def ask(self, text: str) -> bool:
        return self.answer(text).boolean

    def describe(self) -> str:
        return self.name


def _collect(results, cap: int) -> Answer:
    """Read a pyoxigraph result into an Answer, at most `cap` rows or triples."""
    if isinstance(results, ox.QueryBoolean):
        return Answer("ask", [], [], bool(results))
    if isinstance(results, ox.QuerySolutions):
        variables = [v.value for v in results.variables]
        rows, truncated = [], False
        for solution in results:
            if len(rows) == cap:
                truncated = True
                break
            rows.append(list(solution))
        return Answer("select", variables, rows, truncated=truncated)
    triples, truncated = [], False
    for triple in results:
        if isinstance(triple, ox.Quad):  # parsed from an endpoint's answer
            triple = triple.triple
        if len(triples) == cap:
            truncated = True
            break
        triples.append(triple)
    return Answer("graph", [], triples, truncated=truncated)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class Embedded(Backend):
    """The built dataset in an Oxigraph store (`edugraph.build.load_store`)."""

    name = "embedded"

    def __init__(self, store: ox.Store, limits: Limits | None = None):
        super().__init__(limits)
        self.store = store
        # queries run on a few long-lived threads: Oxigraph releases the GIL while it evaluates, and a
        # query past the limit keeps its thread until it ends (the store cannot cancel one)
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="edugraph-query")

    def answer(self, text: str, rows: int | None = None) -> Answer:
        cap = self.limits.rows if rows is None else rows

        def work() -> Answer:
            try:
                return _collect(self.store.query(text, use_default_graph_as_union=True), cap)
            except SyntaxError as exc:
                raise QueryError(f"SPARQL syntax error {_first_line(exc).removeprefix('error ')}") from None
            except Exception as exc:  # evaluation errors (OSError, ValueError ...) become one line
                raise QueryError(f"query failed: {_first_line(exc)}") from None

        future = self.pool.submit(work)
        try:
            return future.result(timeout=self.limits.seconds)
        except TimeoutError:
            raise QueryTimeout(f"the query ran longer than the limit of {self.limits.seconds:g} s") from None


class Endpoint(Backend):
    """A SPARQL 1.1 endpoint (e.g. the Virtuoso that `edugraph publish` fills), over HTTP."""

    name = "endpoint"

    def __init__(self, url: str, limits: Limits | None = None):
        import httpx

        if not valid_iri(url) or not url.lower().startswith(("http://", "https://")):
            raise QueryError(f"--endpoint {url!r} is not an http(s) URL")
        super().__init__(limits)
        self.url = url
        self.client = httpx.Client(timeout=httpx.Timeout(self.limits.seconds + 5, connect=5))

    def describe(self) -> str:
        return self.url

    def check(self) -> None:
        """Raise QueryError unless the endpoint answers an ASK query."""
        try:
            self.answer("ASK { }")
        except (QueryError, QueryTimeout, Refused) as exc:
            raise QueryError(f"--endpoint {self.url} does not answer SPARQL queries: {exc}") from None

    def answer(self, text: str, rows: int | None = None) -> Answer:
        import httpx

        cap = self.limits.rows if rows is None else rows
        form = _FORM.search(syntax_words(text))
        graph = form is not None and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE")
        accept = "application/n-triples, text/turtle;q=0.9" if graph else "application/sparql-results+json"
        try:
            response = self.client.post(
                self.url,
                data={"query": text, "timeout": str(int(self.limits.seconds * 1000))},
                headers={"Accept": accept},
            )
        except httpx.TimeoutException:
            raise QueryTimeout(f"the endpoint took longer than the limit of {self.limits.seconds:g} s") from None
        except httpx.HTTPError as exc:
            raise EndpointFailed(f"endpoint {self.url} failed: {type(exc).__name__}: {_first_line(exc)[:200]}") from None
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:300]
            error = QueryError if response.status_code == 400 else EndpointFailed
            raise error(f"endpoint {self.url} answered {response.status_code}: {detail}")
        if response.headers.get("x-sql-state") == "S1TAT":
            # Virtuoso's "anytime" answer: at the timeout it sends 200 with the rows found so far
            # (often none), so a page would show a partial count as the truth.
            raise QueryTimeout(f"the endpoint stopped the query at the limit of {self.limits.seconds:g} s "
                               "and sent incomplete results")
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        results = None
        try:
            if media in ("application/sparql-results+json", "application/json"):
                results = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
            elif media in ("application/n-triples", "text/plain"):
                results = ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
            elif media in ("text/turtle", "application/x-turtle"):
                results = ox.parse(response.content, format=ox.RdfFormat.TURTLE)
            else:
                raise QueryError(f"endpoint {self.url} answered with {media or 'no media type'}, not SPARQL results")
            return _collect(results, cap)
        except SyntaxError as exc:
            results = None  # pyoxigraph results may only be freed on the thread that made them, not where the error lands
            raise QueryError(f"endpoint {self.url} sent results that do not parse: {_first_line(exc)}") from None
