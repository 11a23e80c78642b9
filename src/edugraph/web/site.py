"""`edugraph export --format html`: the web face's pages written as static files, for any web server.

The pages are the served ones: the app is asked for the home page and every
page reachable from it by a link without a query string (entity pages, the
report pages, source texts, the ontology, the dumps and static files), through
Starlette's test client, so there is no second implementation of any page.
A page at /a/b is written to a/b/index.html (a web server answers /a/b with
it after its usual redirect to /a/b/); any other file at its own path. Pages
that need a server (the SPARQL editor's queries, filters, the year chooser)
are written as they first look. Everything is written into a temporary folder
beside the output and renamed into place, like every export.
"""
from __future__ import annotations

import re
from collections import deque
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import UsageError

START = ("/", "/coverage", "/gaps", "/bases", "/validation", "/ontology")
_HREF = re.compile(r'(?:href|src)="(/[^"]*)"')


def _target(root: Path, path: str, html: bool) -> Path:
    parts = [p for p in unquote(path).split("/") if p]
    if any(p in (".", "..") or "\\" in p for p in parts):
        raise UsageError(f"edugraph export: refusing to write a page at {path!r}")
    return root.joinpath(*parts, "index.html") if html else root.joinpath(*parts)


def write_site(project, out_dir: Path, lang: str = "th") -> list[Path]:
    """Crawl the app over the project's build from the home page and write every page; return the files written.

    The VoID/DCAT description of the TriG dump is also written at the top as
    void.ttl, which marks the folder as an export that a later one may replace.
    """
    from ..build import is_current
    from ..export import write_folder

    if not is_current(project):
        raise UsageError("edugraph export: dist/ is not current; run `edugraph build` first")
    return sorted(write_folder(out_dir, lambda folder: _crawl(project, folder, lang)))


def _crawl(project, folder: Path, lang: str) -> list[Path]:
    from starlette.testclient import TestClient

    from ..build import load_store
    from .app import create_app
    from .backend import Embedded

    client = TestClient(create_app(project, Embedded(load_store(project))), cookies={"lang": lang}, raise_server_exceptions=False)
    seen, todo, written, failed = set(START), deque(START), [], []
    while todo:
        path = todo.popleft()
        response = client.get(path)
        if response.status_code >= 500:
            failed.append(path)
        if response.status_code != 200:
            continue
        media = response.headers.get("content-type", "").split(";")[0]
        target = _target(folder, path, media == "text/html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response.content)
        written.append(target)
        if path == "/dumps/trig/void.ttl":
            (folder / "void.ttl").write_bytes(response.content)
            written.append(folder / "void.ttl")
        if media != "text/html":
            continue
        for href in _HREF.findall(response.text):
            link = urlsplit(unescape(href))
            if link.query or not link.path or link.path in seen:
                continue
            seen.add(link.path)
            todo.append(link.path)
    if failed:  # nothing is swapped in: the previous site stays as it was
        raise UsageError(f"edugraph export: {len(failed)} pages failed to render (the server log of `edugraph serve` "
                         f"has the details), e.g. {failed[0]}")
    return written
