"""/sparql (the SPARQL 1.1 Protocol, read-only), the YASGUI editor, and a form page per catalogue query.

Protocol: GET with `query=`, POST as a form (`query=`) or with the query as
the body (`application/sparql-query`). SELECT and ASK results go out as
SPARQL JSON, XML, CSV or TSV by `Accept` (JSON when anything goes);
CONSTRUCT and DESCRIBE as Turtle, JSON-LD or N-Triples (Turtle by default).
Answers: 400 with a one-line text body for a syntax error or a bad request,
403 for any update (or SERVICE, which would reach other servers), 406 for a
result format not offered, 503 when the time limit passed, 502 when the
endpoint behind `--endpoint` fails. A result larger than the row cap is cut
to the cap and says so in the header `X-Edugraph-Truncated: true`. The limits
are `edugraph serve --timeout` and `--max-rows`.
"""
from __future__ import annotations

from urllib.parse import parse_qs

import pyoxigraph as ox
from rdflib import Variable
from rdflib.query import Result as RdflibResult
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ..errors import QueryError
from ..load import to_rdflib
from ..query import Catalogue, bound_text
from .app import lang_of, render
from .backend import Answer, EndpointFailed, QueryTimeout, Refused, check_read_only
from .conneg import ALIASES, HTML, RDF_TYPES, RESULT_ALIASES, RESULT_TYPES, choose
from .entity import rdf_response

_FORM = "application/x-www-form-urlencoded"


def results_body(answer: Answer, media: str) -> bytes:
    """SELECT/ASK results in a SPARQL results format (rdflib writes JSON; pyoxigraph converts it to the others)."""
    result = RdflibResult("ASK" if answer.kind == "ask" else "SELECT")
    if answer.kind == "ask":
        result.askAnswer = answer.boolean
    else:
        result.vars = [Variable(v) for v in answer.variables]
        result.bindings = [{Variable(v): to_rdflib(t) for v, t in zip(answer.variables, row) if t is not None} for row in answer.rows]
    body = result.serialize(format="json")
    if media == "application/sparql-results+json":
        return body
    return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=RESULT_TYPES[media])


async def _query_text(request: Request) -> str:
    """The query a protocol request carries; 403 for an update request, 400 when there is none."""
    params = request.query_params
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise HTTPException(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if media == "application/sparql-query":
            return (await request.body()).decode("utf-8", errors="replace")
        if media == _FORM:  # parsed by the standard library (Starlette's form parser needs python-multipart)
            form = parse_qs((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                raise HTTPException(403, "this endpoint is read-only: SPARQL Update is not accepted")
            if "query" in form:
                return form["query"][0]
        else:
            raise HTTPException(415, "send the query as application/sparql-query or as a form (application/x-www-form-urlencoded)")
    if "update" in params:
        raise HTTPException(403, "this endpoint is read-only: SPARQL Update is not accepted")
    if "query" in params:
        return params["query"]
    raise HTTPException(400, "no query: give one as query=... (GET or form POST) or as an application/sparql-query body")


def run(request: Request, text: str) -> Response:
    for name in ("default-graph-uri", "named-graph-uri"):
        if request.query_params.get(name):
            raise HTTPException(400, f"{name} is not supported: queries range over the union of all graphs")
    backend = request.app.state.site.backend
    try:
        check_read_only(text)
        answer = backend.answer(text)
    except Refused as exc:
        raise HTTPException(403, str(exc)) from None
    except QueryTimeout as exc:
        raise HTTPException(503, str(exc)) from None
    except EndpointFailed as exc:
        raise HTTPException(502, str(exc)) from None
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from None
    accept = request.headers.get("accept")
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-Edugraph-Truncated"] = "true"
    if answer.kind == "graph":
        media = choose(accept, list(RDF_TYPES), ALIASES)
        if media is None:
            raise HTTPException(406, "acceptable here: " + ", ".join(RDF_TYPES))
        response = rdf_response(answer.rows, media, "/sparql")
        response.headers.update(headers)
        del response.headers["link"]
        return response
    media = choose(accept, list(RESULT_TYPES), RESULT_ALIASES)
    if media is None:
        raise HTTPException(406, "acceptable here: " + ", ".join(RESULT_TYPES))
    charset = "; charset=utf-8" if media.startswith("text/") else ""
    return Response(results_body(answer, media), media_type=media + charset, headers=headers)


async def sparql(request: Request) -> Response:
    """The protocol; a browser asking for /sparql without a query gets the editor."""
    if request.method == "GET" and "query" not in request.query_params and "update" not in request.query_params \
            and choose(request.headers.get("accept"), [HTML, *RESULT_TYPES]) == HTML:
        return editor(request)
    text = await _query_text(request)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(run, request, text)


def editor(request: Request) -> Response:
    """YASGUI, shipped in static/yasgui, with every catalogue query as a named tab.

    Each tab holds the text `edugraph query NAME` runs: the query with its
    parameters' defaults (and the page's language) bound in a VALUES block.
    """
    catalogue = Catalogue(request.app.state.site.project.queries_dir)
    lang = lang_of(request)
    tabs = [{"name": q.name, "query": bound_text(q, [], lang)} for q in catalogue]
    return render(request, "sparql.html", {"tabs": tabs})


def catalogue_index(request: Request) -> Response:
    catalogue = Catalogue(request.app.state.site.project.queries_dir)
    return render(request, "queries.html", {"queries": list(catalogue)})


def catalogue_query(request: Request) -> Response:
    """A catalogue query's form (its parameters with their defaults) and, once asked, its results."""
    from .describe import names_of

    site = request.app.state.site
    lang = lang_of(request)
    try:
        query = Catalogue(site.project.queries_dir).get(request.path_params["name"])
    except QueryError:
        raise HTTPException(404) from None
    given = {p.name: request.query_params[p.name] for p in query.params if request.query_params.get(p.name, "").strip()}
    result, error, truncated = None, None, False
    if "run" in request.query_params or request.url.path.endswith(".csv"):
        try:
            answer = site.backend.answer(bound_text(query, [f"{k}={v}" for k, v in given.items()], lang))
            result, truncated = answer.table(query.name), answer.truncated
        except (QueryError, Refused, QueryTimeout) as exc:
            error = str(exc)
    if request.url.path.endswith(".csv"):
        if error:
            return PlainTextResponse(error + "\n", status_code=400)
        from ..present import format_result

        return Response(format_result(result, fmt="csv") + "\n", media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{query.name}.csv"'})
    names = names_of(site.backend, [v for row in result.rows for v in row if v is not None and v.__class__.__name__ == "URIRef"]) if result else {}
    csv_url = f"/queries/{query.name}.csv?" + request.url.query if result else None
    return render(request, "query.html", {"query": query, "given": given, "result": result, "error": error,
                                          "truncated": truncated, "csv_url": csv_url}, names=names)


routes = [
    Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
    Route("/queries", catalogue_index, name="queries"),
    Route("/queries/{name:str}.csv", catalogue_query),
    Route("/queries/{name:str}", catalogue_query, name="query"),
]
