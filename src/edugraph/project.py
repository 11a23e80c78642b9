"""Where a checkout keeps its sources and its build output."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from .errors import InputError, ProjectNotFound
from .namespaces import GRAPH


@dataclass(frozen=True)
class Project:
    root: Path
    drafts: bool = False   # also load drafts/*.ttl (written by `edugraph draft`, not reviewed) as office documents

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
    def cache(self) -> Path:
        """The build's cache (input hashes, built office documents): safe to delete, never committed."""
        return self.root / ".edugraph-cache"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    def data_files(self) -> list[Path]:
        """Every Turtle file under data/ (and drafts/ when drafts are included), in a stable order."""
        files = sorted((self.root / "data").rglob("*.ttl"))
        return files + (sorted((self.root / "drafts").glob("*.ttl")) if self.drafts else [])

    def inputs(self) -> list[Path]:
        return [self.ontology, *self.data_files()]

    def graph_name(self, path: Path) -> URIRef:
        """The named graph a source file is loaded into: graph/<path below data/ without .ttl>."""
        if path == self.ontology:
            return GRAPH["ontology"]
        if path.parent == self.root / "drafts":
            return GRAPH[f"drafts/{path.stem}"]
        relative = path.relative_to(self.root / "data").with_suffix("")
        return GRAPH[relative.as_posix()]

    def fingerprint(self) -> dict[str, str]:
        """sha256 of every input file, keyed by its path relative to the root.

        Hashes are remembered in .edugraph-cache/fingerprints.json with each
        file's size and modification time, and reused while both are unchanged
        (so a query does not read 100 MB of sources to learn dist/ is current).
        As in git's index, a hash taken less than two seconds after the file's
        modification time is not trusted, since an edit in the same clock tick
        would keep the time.
        """
        remembered = self._remembered_hashes()
        result, changed = {}, False
        for path in self.inputs():
            relative = path.relative_to(self.root).as_posix()
            try:
                stat = path.stat()
                if known_hash := self._reusable(remembered.get(relative), stat):
                    result[relative] = known_hash
                    continue
                result[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as exc:  # a dangling link, a link loop, an unreadable file, a folder named *.ttl
                raise InputError(f"{path}: cannot read it: {exc.strerror or exc}") from None
            remembered[relative] = [stat.st_size, stat.st_mtime_ns, result[relative], time.time_ns()]
            changed = True
        if changed or len(remembered) != len(result):
            self._remember_hashes({k: remembered[k] for k in result})
        return result

    @staticmethod
    def _reusable(known: list | None, stat) -> str | None:
        """A remembered hash still valid for a file with this stat, or None."""
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns] and stat.st_mtime_ns < known[3] - _RACY_NS:
            return known[2]
        return None

    @property
    def _hashes_file(self) -> Path:
        return self.cache / "fingerprints.json"

    def _remembered_hashes(self) -> dict:
        try:
            found = json.loads(self._hashes_file.read_text(encoding="utf-8"))
            return {k: v for k, v in found.items() if isinstance(v, list) and len(v) == 4}
        except (OSError, ValueError, AttributeError):
            return {}

    def _remember_hashes(self, hashes: dict) -> None:
        """Best effort: a checkout on a read-only disk just hashes every time."""
        try:
            self._hashes_file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".fingerprints.", dir=self._hashes_file.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(hashes, handle, sort_keys=True)
            os.replace(tmp, self._hashes_file)
        except OSError:
            pass


_RACY_NS = 2_000_000_000
