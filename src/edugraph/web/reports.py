"""The report pages: home, coverage heat map, gaps, alignment bases, validation, ontology and the dumps.

Each handler gathers values (`overview`, the site's validation report), draws
pictures (`pictures`) and renders a template; the data comes through the
site's back end, so the pages are the same on the embedded store and on a
SPARQL endpoint. The validation report is the one `edugraph validate`
computes on the local build (SHACL needs the dataset itself).
"""
from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlencode

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse
from starlette.routing import Route

from .. import pictures
from . import overview
from ..errors import QueryError
from ..namespaces import EDU
from ..present import summary
from ..validate import FAIL_LEVELS, pick, short_name
from .app import lang_of, render
from .backend import QueryTimeout
from .conneg import HTML
from .describe import local_path


# the dumps the home page offers: `edugraph export` format -> (file, media type)
DUMPS = {
    "trig": ("edugraph.trig", "application/trig"),
    "nquads": ("edugraph.nq", "application/n-quads"),
    "jsonld": ("edugraph.jsonld", "application/ld+json"),
}
DESCRIPTION_TYPE = "text/turtle"


def _render(request, template: str, names: dict | None = None, **context):
    """A report page through the web face's `render`; `names` backs the templates' `name(iri)`."""
    helpers = {"EDU": str(EDU), "by_iri": lambda terms: {t.iri: t for t in terms}}
    return render(request, template, {**helpers, **context}, names=names)


MAX_RESULTS = 1000  # rows of the validation page; the filters (or `edugraph validate`) show the rest
_CACHE_SECONDS = 600.0
_CACHE_LOCK = threading.Lock()


def cached(request, key: tuple, compute):
    """`compute()` once per key for a while: the coverage and gaps queries take seconds at national size
    (benchmarks/RESULTS.md) and their answer changes only with a new build or publish. Kept for
    _CACHE_SECONDS, per app."""
    import time

    store = vars(request.app.state.site).setdefault("report_cache", {})
    now = time.monotonic()
    with _CACHE_LOCK:
        hit = store.get(key)
        if hit is not None and now - hit[0] < _CACHE_SECONDS:
            return hit[1]
    try:
        value = compute()
    except QueryTimeout as exc:  # one clear line, never a traceback: the back end's limit (`serve --timeout`) was reached
        raise HTTPException(504, f"{request.url.path}: {exc}") from None
    except QueryError as exc:
        raise HTTPException(502, f"{request.url.path}: {exc}") from None
    with _CACHE_LOCK:
        store[key] = (now, value)
    return value


def _year(request, years: list[int]) -> int:
    raw = request.query_params.get("year", "")
    if raw:
        if not raw.isdigit() or int(raw) not in years:
            raise HTTPException(404, f"no OBEC policy for fiscal year {raw}")
        return int(raw)
    return 2567 if 2567 in years else (years[-1] if years else 2567)


def chain_down_href(office: str, item: str) -> str:
    """The chain down from an OBEC item to one office's elements: the catalogue query's page with both parameters."""
    return "/queries/chain-down?" + urlencode({"area": item, "office": office, "run": "1"})


async def home(request):
    site = request.app.state.site
    held = await run_in_threadpool(cached, request, ("holdings",), lambda: overview.holdings(site.backend, site.project))
    return _render(request, "home.html", held=held, dumps=DUMPS if held else {}, names=held.names if held else {})


def _coverage_page(request):
    site, lang = request.app.state.site, lang_of(request)
    year = _year(request, cached(request, ("years",), lambda: overview.fiscal_years(site.backend)))
    found = cached(request, ("coverage", year, lang), lambda: overview.coverage(site.backend, site.project, year, lang))
    svg = pictures.heat_map(found.offices, found.items, found.cells, local_path, lang, cell_href=chain_down_href)
    return _render(request, "coverage.html", coverage=found, svg=Markup(svg))


async def coverage(request):
    return await run_in_threadpool(_coverage_page, request)


def _gaps_page(request):
    site, lang = request.app.state.site, lang_of(request)
    year = _year(request, cached(request, ("years",), lambda: overview.fiscal_years(site.backend)))
    found = cached(request, ("gaps", year, lang), lambda: overview.gaps(site.backend, site.project, year, lang))
    return _render(request, "gaps.html", gaps=found)


async def gaps(request):
    return await run_in_threadpool(_gaps_page, request)


def _bases_page(request):
    site, lang = request.app.state.site, lang_of(request)
    rows = cached(request, ("bases", lang), lambda: overview.bases(site.backend, lang))
    return _render(request, "bases.html", rows=rows, svg=Markup(pictures.basis_summary(rows, local_path, lang)))


async def bases(request):
    return await run_in_threadpool(_bases_page, request)


async def validation(request):
    site, params, lang = request.app.state.site, request.query_params, lang_of(request)
    if site.stale():  # validating would build first; the page reads the build as it is
        return _render(request, "validation.html", report=None)
    report = await run_in_threadpool(site.validation)
    severity = params.get("severity") or "info"
    if severity not in FAIL_LEVELS:
        raise HTTPException(404, f"no severity {severity!r}")
    chosen = {key: params.get(key) or None for key in ("office", "plan", "shape")}
    shown = report.only(severity=severity, **chosen)
    choices = {
        "office": sorted({(str(r.office), pick(r.office_labels, lang) or short_name(r.office)) for r in report.results if r.office}, key=lambda x: x[1]),
        "plan": sorted({(str(r.plan), pick(r.plan_labels, lang) or short_name(r.plan)) for r in report.results if r.plan}, key=lambda x: x[1]),
        "shape": sorted({(str(r.shape), short_name(r.shape)) for r in report.results}, key=lambda x: x[1]),
    }
    return _render(request, "validation.html", report=shown, rows=shown.results[:MAX_RESULTS], chosen=chosen,
                   severity=severity, choices=choices, summary=summary(shown), severities=list(FAIL_LEVELS))


async def ontology(request):
    """The ontology's documentation for people; its RDF (by suffix or Accept) as every entity's."""
    from . import entity

    _, media = entity.representation(request, request.url.path)
    if media != HTML:
        return entity.ontology(request)
    return _render(request, "ontology.html", doc=await run_in_threadpool(overview.ontology_doc, request.app.state.site.project))


_DUMP_LOCK = threading.Lock()


def dump_folder(project, fmt: str) -> Path:
    """`edugraph export --format FMT` of the present build, written once per build into the cache."""
    from ..build import FULL
    from ..export import export

    built = (project.dist / FULL).stat()
    folder = project.cache / "dumps" / f"{built.st_size}-{built.st_mtime_ns}" / fmt
    with _DUMP_LOCK:
        if not (folder / "void.ttl").is_file():
            export(project, out_dir=folder, fmt=fmt, inferred=True, graph=None)
    return folder


async def dump(request):
    fmt, name = request.path_params["fmt"], request.path_params["name"]
    if fmt not in DUMPS or name not in (DUMPS[fmt][0], "void.ttl"):
        raise HTTPException(404, "no such download")
    folder = await run_in_threadpool(dump_folder, request.app.state.site.project, fmt)
    media = DUMPS[fmt][1] if name == DUMPS[fmt][0] else DESCRIPTION_TYPE
    return FileResponse(folder / name, media_type=media, filename=name)


routes = [
    Route("/", home, name="home"),
    Route("/coverage", coverage, name="coverage"),
    Route("/gaps", gaps, name="gaps"),
    Route("/bases", bases, name="bases"),
    Route("/validation", validation, name="validation"),
    Route("/ontology", ontology, name="ontology"),
    Route("/ontology.html", ontology),
    Route("/dumps/{fmt}/{name}", dump, name="dump"),
]
