"""The Starlette application: one site over a back end, its route modules, templates and static files.

Every route module of this package exposes `routes` (a list of Starlette
routes) and is named in ROUTE_MODULES; pages render through `render`, which
gives every template the language, the interface texts, label lookup and the
stale-build warning.
"""
from __future__ import annotations

import importlib
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..project import Project
from . import describe
from .backend import Backend
from .i18n import LANGS, TEXTS
from .templating import environment

ROUTE_MODULES = ("reports", "entity", "sparql", "source")
_STALE_SECONDS = 5.0  # how long a stale-build check is reused


@dataclass
class Site:
    """What every request reads: the project, the back end, and results computed once."""

    project: Project
    backend: Backend
    _checked: tuple = (0.0, False)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _report: object = None

    def stale(self) -> bool:
        """Whether dist/ no longer matches the sources (checked at most every few seconds)."""
        from ..build import is_current

        when, stale = self._checked
        if time.monotonic() - when > _STALE_SECONDS:
            stale = not is_current(self.project)
            self._checked = (time.monotonic(), stale)
        return stale

    def validation(self):
        """The whole graph's validation report (`edugraph validate`), computed on first use."""
        from ..validate import validate

        with self._lock:
            if self._report is None:
                self._report = validate(self.project)
            return self._report

    def validation_if_ready(self):
        """The validation report when it is at hand; otherwise None, after starting to compute it in the background.

        Entity pages use this, so the first visitor after start-up does not
        wait for a whole validation (about 80 s at national size on the disk store).
        """
        if self._report is not None:
            return self._report
        if not self._lock.locked():
            threading.Thread(target=self.validation, daemon=True, name="edugraph-validation").start()
        return None


TEMPLATES = Jinja2Templates(env=environment())


def lang_of(request: Request) -> str:
    """The page language: ?lang=, else the cookie a switch set, else Thai."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    kept = request.cookies.get("lang")
    return kept if kept in LANGS else "th"


def url_with(request: Request, **changes) -> str:
    """This page's path and query with some parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + ("?" + urlencode(params) if params else "")


def render(request: Request, template: str, context: dict, status: int = 200, names: dict | None = None) -> HTMLResponse:
    """A page: `names` ({IRI: {lang: label}}) backs the `name(iri)` helper of the templates."""
    site: Site = request.app.state.site
    lang = lang_of(request)
    other = "en" if lang == "th" else "th"
    texts = TEXTS[lang]
    names = names or {}
    base = {
        "request": request, "lang": lang, "other_lang": other, "t": lambda key: texts.get(key, key),
        "name": lambda iri: describe.name(names, iri, lang), "stale": site.stale(),
        "switch_url": url_with(request, lang=other), "url_with": lambda **kw: url_with(request, **kw),
        "backend": site.backend.describe(),
    }
    response = TEMPLATES.TemplateResponse(request, template, {**base, **context}, status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="lax")
    return response


def _not_found(request: Request, exc: HTTPException) -> HTMLResponse | PlainTextResponse:
    if exc.status_code != 404:
        return PlainTextResponse(str(exc.detail), status_code=exc.status_code, headers=getattr(exc, "headers", None))
    return render(request, "404.html", {"path": request.url.path}, status=404)


def _server_error(request: Request, exc: Exception) -> PlainTextResponse:
    """No traceback reaches a user: one line, the error's type."""
    return PlainTextResponse(f"internal error ({type(exc).__name__}); the server log has the details", status_code=500)


def create_app(project: Project, backend: Backend, modules: tuple = ROUTE_MODULES) -> Starlette:
    routes = []
    for module in modules:
        routes.extend(importlib.import_module(f"{__package__}.{module}").routes)
    routes.append(Mount("/static", StaticFiles(packages=[("edugraph.web", "static")]), name="static"))
    app = Starlette(routes=routes, exception_handlers={HTTPException: _not_found, Exception: _server_error})
    app.state.site = Site(project, backend)
    return app
