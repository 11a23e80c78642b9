"""Source files in, one rdflib Dataset out (a named graph per file)."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from .namespaces import bind
from .project import Project


class InputError(Exception):
    """A source file cannot be read; the message names the file and line."""


def parse_file(path: Path, into: Graph, fmt: str = "turtle") -> Graph:
    """Parse one file, turning any parser error into an InputError naming file and line."""
    try:
        into.parse(path, format=fmt)
    except BadSyntax as exc:
        # BadSyntax counts the newlines before the error: a 0-based line number.
        raise InputError(f"{path}:{exc.lines + 1}: {exc._why}") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except Exception as exc:  # other rdflib parser errors carry no line
        line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
        where = f"{path}:{line}" if line else f"{path}"
        raise InputError(f"{where}: {exc}") from None
    return into


def load_sources(project: Project) -> Dataset:
    """The ontology and every data file, each in its own named graph."""
    dataset = bind(Dataset())
    for path in project.inputs():
        parse_file(path, dataset.graph(project.graph_name(path)))
    return dataset
