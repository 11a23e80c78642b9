"""Shared fixtures. `seed_graph(name)` is the graph of one seed's data file."""
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def _load(name: str) -> Graph:
    g = Graph()
    g.parse(ROOT / "data" / "seeds" / f"{name}.ttl", format="turtle")
    return g


@pytest.fixture(scope="session")
def seed_graph():
    return _load
pytest_plugins = ["virtuoso"]  # the session-scoped Virtuoso server fixture (tests/virtuoso.py)
