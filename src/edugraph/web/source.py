"""Source text pages: /source/<document> shows a seed's text with one anchor per line (#L123)."""
from __future__ import annotations

import re

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .app import render

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def source(request: Request) -> Response:
    """The text of data/sources/<name>.txt; any other name (a path, ..) is a 404."""
    name = request.path_params["name"]
    folder = request.app.state.site.project.root / "data" / "sources"
    if not _NAME.fullmatch(name) or ".." in name:
        raise HTTPException(404)
    path = folder / f"{name}.txt"
    if path.parent != folder or not path.is_file():
        raise HTTPException(404)
    lines = path.read_text(encoding="utf-8").split("\n")
    iri = f"https://w3id.org/edugraph/id/source/{name}"
    return render(request, "source.html", {"document": name, "iri": iri, "lines": lines})


routes = [Route("/source/{name}", source, name="source")]
