"""Fixtures for the web face: the app on the built seeds, a live server, and a real headless Chromium.

Registered from tests/conftest.py. `web_app` / `client` serve the repository's
own build from the embedded store through Starlette's TestClient; `live_server`
runs the same app under uvicorn on a free loopback port; `page` is a Chromium
tab (Debian's /usr/bin/chromium, driven by Playwright) in which every request
to a host other than 127.0.0.1 is aborted and recorded, so a page that needs
a CDN fails its test. `scripts/test.sh` installs chromium and fonts-thai-tlwg.
"""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]


def make_app(project, backend=None, limits=None):
    from edugraph.build import load_store
    from edugraph.web.app import create_app
    from edugraph.web.backend import Embedded, Limits

    return create_app(project, backend or Embedded(load_store(project), limits or Limits()))


@pytest.fixture(scope="session")
def web_project():
    from edugraph.project import Project

    return Project(ROOT)


@pytest.fixture(scope="session")
def web_app(web_project):
    return make_app(web_project)


@pytest.fixture(scope="session")
def _session_client(web_app):
    from starlette.testclient import TestClient

    with TestClient(web_app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def remote(served):
    """A TestClient whose back end is the real Virtuoso that the `served` fixture
    (tests/test_query_virtuoso.py) filled with `edugraph publish`."""
    from starlette.testclient import TestClient

    from edugraph.web.backend import Endpoint

    project, endpoint = served
    with TestClient(make_app(project, Endpoint(endpoint))) as c:
        yield c


@pytest.fixture
def client(_session_client):
    """The TestClient on the seeds, without the cookies (the language switch) earlier tests set."""
    _session_client.cookies.clear()
    return _session_client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """An app under uvicorn in a thread on 127.0.0.1; `url` is its address."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def live_server(web_app):
    with LiveServer(web_app) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test.sh, which installs Debian's chromium")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A tab that aborts (and lists in `page.blocked`) every request to another host than 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    blocked = []

    def guard(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.blocked = blocked
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    yield tab
    context.close()


def screenshot_dir(tmp_path: Path) -> Path:
    """Where browser tests put their screenshots: docs/ when EDUGRAPH_SCREENSHOTS=docs, else a temporary folder."""
    import os

    return ROOT / "docs" if os.environ.get("EDUGRAPH_SCREENSHOTS") == "docs" else tmp_path


def copy_project(target: Path) -> Path:
    """The repository's sources (not dist/ or caches) copied into `target`, for tests that change them."""
    for folder in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(ROOT / folder, target / folder)
    return target
