"""Test helpers: throwaway project checkouts built from the real ontology."""
import shutil
from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import RDF

from edugraph.project import Project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(tmp_path: Path, data: dict[str, str | Path] | None = None, with_seed_data: bool = False) -> Project:
    """A checkout in tmp_path with the real ontology and the given data files.

    `data` maps a path below data/ to Turtle text or to a file to copy.
    `with_seed_data` copies the whole real data/ folder first.
    """
    (tmp_path / "ontology").mkdir(parents=True)
    shutil.copy(ROOT / "ontology" / "edugraph.ttl", tmp_path / "ontology" / "edugraph.ttl")
    if with_seed_data:
        shutil.copytree(ROOT / "data", tmp_path / "data")
    for relative, content in (data or {}).items():
        target = tmp_path / "data" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy(content, target)
        else:
            target.write_text(content, encoding="utf-8")
    return Project(tmp_path)


EDU = Namespace("https://w3id.org/edugraph/ontology#")
ID = "https://w3id.org/edugraph/id/"


def count(graph, cls) -> int:
    """Distinct instances of a class in a graph."""
    return len(set(graph.subjects(RDF.type, cls)))
