"""Source files in: parsed by Oxigraph into sets of triples, one set per named graph.

rdflib parses only where its messages or terms are needed: a file Oxigraph
refuses is re-parsed by rdflib for an error that names the file and line.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import InputError


_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"


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


def to_rdflib(term):
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(term)


def rdflib_graph(triples) -> Graph:
    """An rdflib graph of pyoxigraph (s, p, o) tuples."""
    graph = Graph()
    for s, p, o in triples:
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph


def to_ox(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is None:
            return ox.Literal(str(term))
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    raise TypeError(term)


class _IllTyped(ValueError):
    """A typed literal whose text is not in its datatype's lexical space."""


class _QuietCasts(logging.Filter):
    """rdflib logs a traceback for every literal it cannot cast; edugraph reports those itself."""

    def filter(self, record):
        return not record.getMessage().startswith("Failed to convert Literal lexical form to value")


@lru_cache(maxsize=None)
def _normalise(term):
    """A typed literal as rdflib normalises it ("080"^^xsd:integer is "80"), so the
    canonical output does not depend on which parser read the file; an
    ill-typed one ("abc"^^xsd:decimal, as rdflib's casts judge) raises _IllTyped."""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value != _XSD_STRING:
        literal = to_rdflib(term)
        if literal.ill_typed:
            raise _IllTyped(term)
        return to_ox(literal)
    return term


def _ill_typed(path: Path, term: ox.Literal) -> InputError:
    """An InputError naming the file and the first line that writes the literal's text."""
    datatype = term.datatype.value.rsplit("#", 1)[-1]
    quoted = f'"{term.value}"'
    line = ""
    try:
        with path.open(encoding="utf-8") as handle:
            line = next((f":{n}" for n, text in enumerate(handle, 1) if quoted in text), "")
    except (OSError, UnicodeDecodeError):
        pass
    return InputError(f"{path}{line}: {quoted} is not a valid xsd:{datatype} literal" if term.datatype.value.startswith(_XSD)
                      else f"{path}{line}: {quoted} is not a valid <{term.datatype.value}> literal")


def parse_triples(path: Path) -> set:
    """One Turtle file's triples as a set of pyoxigraph (s, p, o) tuples.

    On any parse problem the file is handed to rdflib, which either names the
    file and line in an InputError exactly as before or, where rdflib accepts
    what Oxigraph refuses, gives its triples. A literal whose text does not
    fit its datatype is an InputError naming the file and line.
    """
    norm = _normalise
    quiet = _QuietCasts()
    casts = logging.getLogger("rdflib.term")
    casts.addFilter(quiet)
    try:
        try:
            return {
                (t.subject, t.predicate, norm(t.object))
                for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
            }
        except _IllTyped:
            raise
        except MemoryError as exc:  # Oxigraph's parser holds one token in at most 16 MB
            raise InputError(f"{path}: a term too large to read ({exc})") from None
        except (SyntaxError, ValueError, OSError, UnicodeDecodeError):
            graph = parse_file(path, Graph())
            return {(to_ox(s), to_ox(p), norm(to_ox(o))) for s, p, o in graph}
    except _IllTyped as exc:
        raise _ill_typed(path, exc.args[0]) from None
    finally:
        casts.removeFilter(quiet)
