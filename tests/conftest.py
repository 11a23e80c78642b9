"""Shared fixtures: `seed_graph(name)` and `reference_graph(name)` are the graphs of
data/seeds/<name>.ttl and data/reference/<name>.ttl, parsed once per session."""
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def _load(folder: str, name: str) -> Graph:
    g = Graph()
    g.parse(ROOT / "data" / folder / f"{name.removesuffix('.ttl')}.ttl", format="turtle")
    return g


@pytest.fixture(scope="session")
def seed_graph():
    return lambda name: _load("seeds", name)


@pytest.fixture(scope="session")
def reference_graph():
    return lambda name: _load("reference", name)
pytest_plugins = ["virtuoso", "web"]  # the session-scoped Virtuoso server (tests/virtuoso.py); the web face's app, live server and browser (tests/web.py)
