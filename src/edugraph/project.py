"""Where a checkout keeps its sources and its build output."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from .namespaces import GRAPH


class ProjectNotFound(Exception):
    """No edugraph checkout (a folder with ontology/edugraph.ttl) was found."""


@dataclass(frozen=True)
class Project:
    root: Path

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The checkout at `start` or the nearest folder above it."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / "ontology" / "edugraph.ttl").is_file():
                return cls(folder)
        raise ProjectNotFound(f"no edugraph checkout (ontology/edugraph.ttl) at or above {here}")

    @property
    def ontology(self) -> Path:
        return self.root / "ontology" / "edugraph.ttl"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    def data_files(self) -> list[Path]:
        """Every Turtle file under data/, in a stable order."""
        return sorted((self.root / "data").rglob("*.ttl"))

    def inputs(self) -> list[Path]:
        return [self.ontology, *self.data_files()]

    def graph_name(self, path: Path) -> URIRef:
        """The named graph a source file is loaded into: graph/<path below data/ without .ttl>."""
        if path == self.ontology:
            return GRAPH["ontology"]
        relative = path.relative_to(self.root / "data").with_suffix("")
        return GRAPH[relative.as_posix()]

    def fingerprint(self) -> dict[str, str]:
        """sha256 of every input file, keyed by its path relative to the root."""
        return {
            p.relative_to(self.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in self.inputs()
        }
