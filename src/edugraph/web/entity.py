"""Entity pages: every IRI under /id/ (and the ontology) as HTML, Turtle, JSON-LD or N-Triples.

The representation is chosen by a suffix (.html .ttl .jsonld .nt) or else by
`Accept` with its q-values; a type no representation matches gets 406. Every
response says `Vary: Accept` and links its alternates.
"""
from __future__ import annotations

import pyoxigraph as ox
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..namespaces import ONTOLOGY_IRI, PREFIXES
from ..pictures import Link, chain_diagram, target_chart
from . import describe
from .app import render
from .conneg import ALIASES, HTML, RDF_TYPES, SUFFIXES, choose

OFFERED = [HTML, *RDF_TYPES]


def representation(request: Request, path: str) -> tuple[str, str]:
    """(the path without a format suffix, the media type to answer with); 406 when none is acceptable."""
    for suffix, media in SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], media
    media = choose(request.headers.get("accept"), OFFERED, ALIASES)
    if media is None:
        raise HTTPException(406, "acceptable here: " + ", ".join(OFFERED))
    return path, media


def alternates(path: str) -> str:
    """The Link header naming every representation of the page at `path`."""
    return ", ".join(f'<{path}{suffix}>; rel="alternate"; type="{media}"' for suffix, media in SUFFIXES.items())


def rdf_response(triples: list, media: str, path: str) -> Response:
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    body = ox.serialize(triples, format=RDF_TYPES[media], prefixes=prefixes if media == "text/turtle" else None)
    return Response(body, media_type=f"{media}; charset=utf-8" if media != "application/ld+json" else media,
                    headers={"Vary": "Accept", "Link": alternates(path)})


def page(request: Request, iri: str, path: str, media: str) -> Response:
    backend = request.app.state.site.backend
    if media != HTML:
        triples = describe.rdf_triples(backend, iri)
        if not triples and not describe.exists(backend, iri):
            raise HTTPException(404)
        return rdf_response(triples, media, path)
    try:
        number = int(request.query_params.get("page", "1"))
    except ValueError:
        number = 1
    from .app import lang_of

    site = request.app.state.site
    entity = describe.describe(backend, site.project, iri, lang_of(request), number)
    if entity is None:
        raise HTTPException(404)
    report = site.validation_if_ready()
    entity.validation = None if report is None else [r for r in report.results if str(r.focus) == iri]
    chain_svg, target_svg = pictures_of(entity, lang_of(request))
    response = render(request, "entity.html", {"entity": entity, "path": path, "chain_svg": chain_svg, "target_svg": target_svg},
                      names=entity.names)
    response.headers["Vary"] = "Accept"
    response.headers["Link"] = alternates(path)
    return response


def pictures_of(entity: describe.Entity, lang: str) -> tuple[Markup | None, Markup | None]:
    """The entity's chain up as a diagram and its numeric targets and baseline as a chart (SVG, or None)."""
    chain_svg = target_svg = None
    if entity.chain:
        links = [Link(row["lower"], row["link"], row["higher"], row["basis"]) for row in entity.chain]
        nodes = {entity.iri, *(row["lower"] for row in entity.chain), *(row["higher"] for row in entity.chain)}
        labels = {iri: describe.name(entity.names, iri, lang).text for iri in nodes}
        levels = {row["higher"]: row["level"].rsplit("#", 1)[-1] for row in entity.chain if row["level"]}
        chain_svg = Markup(chain_diagram(entity.iri, links, labels, levels, describe.local_path, lang))
    points = [(describe.number(r.values.get("yearBE")), describe.number(r.values.get("number")), r.values.get("kind"))
              for r in entity.targets]
    targets = [(int(year), float(value)) for year, value, kind in points if kind != "baseline" and year is not None and value is not None]
    baseline = next(((int(year) if year is not None else None, float(value)) for year, value, kind in points
                     if kind == "baseline" and value is not None), None)
    if targets:
        unit = entity.value("https://w3id.org/edugraph/ontology#unitText")
        target_svg = Markup(target_chart(targets, baseline, str(unit or ""), lang))
    return chain_svg, target_svg


def entity(request: Request) -> Response:
    path, media = representation(request, "/id/" + request.path_params["path"])
    iri = describe.iri_of(path)
    if iri is None:
        raise HTTPException(404)
    return page(request, iri, path, media)


def ontology(request: Request) -> Response:
    """The ontology: its terms are its fragments (/ontology#Indicator), all in one document."""
    path, media = representation(request, request.url.path)
    return page(request, ONTOLOGY_IRI, "/ontology", media) if media == HTML else rdf_response(
        ontology_triples(request), media, "/ontology")


def ontology_triples(request: Request) -> list:
    site = request.app.state.site
    return site.backend.answer("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/edugraph/graph/ontology> { ?s ?p ?o } }",
                               rows=10**7).rows


routes = [
    Route("/id/{path:path}", entity, name="entity"),
    Route("/ontology", ontology, name="ontology_rdf"),
    *(Route(f"/ontology{suffix}", ontology) for suffix in SUFFIXES),
]
