"""Canonical Turtle and TriG: same graph, same bytes.

rdflib's serialisers order subjects by hash-seeded iteration, so two runs over
the same data differ. Reviewers diff releases and builds must be byte-identical,
so edugraph writes its own canonical form: prefixes sorted, graphs, subjects,
predicates (rdf:type first) and objects sorted, one predicate per line, blank
nodes relabelled canonically (rdflib.compare) and Thai kept as UTF-8.

dist/edugraph.trig writes graph/inferred as consecutive blocks, the shared
graphs' entailments and then each office document's (`documents`), so a
subject can head more than one block inside it: still one graph, and the same
sources still give the same bytes.
"""
from __future__ import annotations

import errno
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF

from .namespaces import PREFIXES

_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_BY_LENGTH = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
_BY_NAMESPACE = dict(_BY_LENGTH)  # every namespace ends in / or # (tests/test_build.py)
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )


# Oxigraph terms hold absolute IRIs only; a relative reference (the VoID
# description's dcat:downloadURL <edugraph.trig>) travels under this scheme
# and is written back as it was.
_RELATIVE = "urn:x-edugraph-relative:"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _oxigraph_triples(graph: Graph) -> set:
    from .load import to_ox

    def term(t):
        if isinstance(t, URIRef) and not _SCHEME.match(t):
            t = URIRef(_RELATIVE + t)
        return to_ox(t)

    return {(term(s), term(p), term(o)) for s, p, o in graph}


def _canonical(graph: Graph) -> Graph:
    """The graph with blank nodes relabelled canonically (rdflib.compare), so labels are stable."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        return to_canonical_graph(graph)
    return graph


def turtle(graph: Graph) -> str:
    """Canonical Turtle of an rdflib graph."""
    return turtle_from_block(*block(_oxigraph_triples(graph), ""))


def write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def usual_mode(directory: bool = False) -> int:
    """The mode the user's umask gives a new file or folder (tempfile makes them private: 0600, 0700)."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if directory else 0o666) & ~mask


def write_atomically(path: Path, text: str) -> None:
    """Write text to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, usual_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- Whole graphs as export files (export, publish) ---------------------------
#
# A graph is a collection of pyoxigraph (s, p, o) tuples. The same canonical
# choices as the build's TriG: blank nodes relabelled per graph by
# rdflib.compare (the labels TriG gets), lines sorted by code point, Thai and
# every other non-ASCII character written as UTF-8, never as \u escapes.
# Files whose header names what the body uses (prefixes, JSON-LD context) are
# written body first into a scratch file beside them, so no file's whole text
# is held in memory.

_NT_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NT_SPECIAL = re.compile(r'[\\"\n\r\t\b\f\x00-\x1f\x7f]')
_IRI_SPECIAL = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _nt_string(text: str) -> str:
    return _NT_SPECIAL.sub(lambda m: _NT_ECHAR.get(m.group(), f"\\u{ord(m.group()):04X}"), text)


def nt_term(term) -> str:
    """One pyoxigraph term in N-Triples syntax (canonical escaping, UTF-8 kept)."""
    if isinstance(term, ox.NamedNode):
        return "<" + _IRI_SPECIAL.sub(lambda m: f"\\u{ord(m.group()):04X}", term.value) + ">"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        body = f'"{_nt_string(term.value)}"'
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype.value == _XSD_STRING:
            return body
        return f"{body}^^{nt_term(term.datatype)}"
    raise TypeError(f"cannot serialise {term!r}")


def canonical_triples(triples):
    """The triples with blank nodes relabelled canonically (unchanged when there are none)."""
    return _canonical_blank_nodes(triples) if has_blank_nodes(triples) else triples


def _nt_lines(triples, suffix: str = " .") -> list[str]:
    cache = {}

    def term(t):
        text = cache.get(t)
        if text is None:
            text = cache[t] = nt_term(t)
        return text

    return [f"{term(s)} {term(p)} {term(o)}{suffix}" for s, p, o in canonical_triples(triples)]


def ntriples_lines(triples) -> list[str]:
    """The triples as sorted N-Triples lines (without newlines)."""
    return sorted(_nt_lines(triples))


def _write_lines(path: Path, lines: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(line)
            out.write("\n")


def write_ntriples(triples, path: Path) -> None:
    _write_lines(path, ntriples_lines(triples))


def write_nquads(graphs, path: Path) -> None:
    """Every graph's triples as one sorted list of N-Quads lines; graphs are (IRI, triples) pairs."""
    lines = []
    for name, triples in graphs:
        lines.extend(_nt_lines(triples, f" {nt_term(ox.NamedNode(name))} ."))
    lines.sort()
    _write_lines(path, lines)


def write_turtle(triples, path: Path) -> None:
    write_text(path, turtle_from_block(*block(triples, "")))


def _write_headed(path: Path, body, header) -> None:
    """Write header() and then the byte chunks of `body`; header() is called after the body is produced."""
    scratch = path.with_name(f".{path.name}.body")
    try:
        with scratch.open("wb") as out:
            for chunk in body:
                out.write(chunk)
        with path.open("wb") as out, scratch.open("rb") as rest:
            out.write(header().encode("utf-8"))
            shutil.copyfileobj(rest, out, 1 << 20)
    finally:
        scratch.unlink(missing_ok=True)


def write_trig(graphs, path: Path) -> None:
    """Canonical TriG of (IRI, triples) pairs, in the order given."""
    used = set()

    def body():
        for i, (name, triples) in enumerate(graphs):
            lines, prefixes = block(triples, "    ")
            used.update(prefixes)
            yield ("\n" if i else "").encode("utf-8") + f"{graph_label(name, used)} {{\n".encode("utf-8")
            yield block_text(lines) + b"}\n"

    _write_headed(path, body(), lambda: prefix_header(used))


_JSONLD_SUFFIX = re.compile(r"^[A-Za-z0-9_][^\s]*$")


class _JsonLdTerms:
    """Compact IRIs against edugraph's prefixes, remembering which prefixes were used."""

    def __init__(self):
        self.used = set()

    def iri(self, value: str) -> str:
        for ns, prefix in _BY_LENGTH:
            if value.startswith(ns) and _JSONLD_SUFFIX.match(value[len(ns):]) and not value[len(ns):].startswith("//"):
                self.used.add(prefix)
                return f"{prefix}:{value[len(ns):]}"
        return value

    def node(self, term) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else self.iri(term.value)

    def value(self, term) -> dict:
        if isinstance(term, ox.Literal):
            out = {"@value": term.value}
            if term.language:
                out["@language"] = term.language
            elif term.datatype.value != _XSD_STRING:
                out["@type"] = self.iri(term.datatype.value)
            return out
        return {"@id": self.node(term)}


def _jsonld_nodes(triples, terms: _JsonLdTerms) -> list[dict]:
    nodes = {}
    for s, p, o in canonical_triples(triples):
        node = nodes.get(s)
        if node is None:
            node = nodes[s] = {"@id": terms.node(s)}
        if p.value == _RDF_TYPE and not isinstance(o, ox.Literal):
            node.setdefault("@type", []).append(terms.node(o))
        else:
            node.setdefault(terms.iri(p.value), []).append(terms.value(o))
    out = []
    for node in nodes.values():
        for key, values in node.items():
            if key == "@type":
                values.sort()
            elif key != "@id" and len(values) > 1:
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        out.append(node)
    out.sort(key=lambda n: n["@id"])
    return out


def write_jsonld(graphs, path: Path) -> None:
    """JSON-LD 1.1 with one named graph object per (IRI, triples) pair; keys, nodes and values sorted.

    Every literal is a value object with its lexical form as a string (no JSON
    numbers or booleans), so the round trip keeps lexical forms and datatypes.
    The bytes are those of json.dumps(document, sort_keys=True, indent=1),
    written one graph object at a time.
    """
    terms = _JsonLdTerms()

    def dump(value, level: int) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).replace("\n", "\n" + " " * level)

    def body():
        for i, (name, triples) in enumerate(graphs):
            graph = {"@graph": _jsonld_nodes(triples, terms), "@id": terms.iri(name)}
            yield ((",\n" if i else "\n") + "  " + dump(graph, 2)).encode("utf-8")
        yield ("\n ]\n}\n" if graphs else "]\n}\n").encode("utf-8")

    def header():
        context = {p: str(PREFIXES[p]) for p in sorted(terms.used)}
        return '{\n "@context": ' + dump(context, 1) + ',\n "@graph": ['

    _write_headed(path, body(), header)


# --- Canonical Turtle and TriG over pyoxigraph terms -------------------------
#
# One writer: a graph is a set of pyoxigraph (s, p, o) tuples; `block` renders
# it once (the build reuses each block for both TriG files). rdflib graphs come
# in through `turtle` and `trig` above. Blank nodes are relabelled canonically
# by rdflib.compare before rendering.

_RDF_TYPE = str(RDF.type)
_XSD_STRING = _XSD + "string"


class _Renderer:
    """Renders pyoxigraph terms, each distinct term once, collecting the prefixes it uses."""

    def __init__(self):
        self.texts = {}  # term -> text
        self.used = set()

    def term(self, term) -> str:
        text = self.texts.get(term)
        if text is None:
            text = self.texts[term] = self._render(term, self.used)
        return text

    @staticmethod
    def _iri(value: str, used: set) -> str:
        if value.startswith(_RELATIVE):
            return f"<{value[len(_RELATIVE):]}>"
        end = max(value.rfind("/"), value.rfind("#")) + 1  # a local name holds neither
        prefix = _BY_NAMESPACE.get(value[:end])
        if prefix is not None and _LOCAL.match(value[end:]):
            used.add(prefix)
            return f"{prefix}:{value[end:]}"
        return f"<{value}>"

    def _render(self, term, used: set) -> str:
        if isinstance(term, ox.NamedNode):
            return self._iri(term.value, used)
        if isinstance(term, ox.Literal):
            body = f'"{_escape(term.value)}"'
            if term.language:
                return f"{body}@{term.language}"
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                return body
            if datatype.startswith(_XSD):
                used.add("xsd")
            return f"{body}^^{self._iri(datatype, used)}"
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        raise TypeError(f"cannot serialise {term!r}")


def has_blank_nodes(triples) -> bool:
    return any(isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode) for s, _, o in triples)


def _canonical_blank_nodes(triples) -> set:
    from .load import rdflib_graph

    return _oxigraph_triples(_canonical(rdflib_graph(triples)))


def _by_subject(triples, relabelled: bool = False) -> dict | None:
    """subject -> predicate -> objects; None when a blank node is met and they are not yet relabelled."""
    blank = None if relabelled else ox.BlankNode
    by_subject = {}
    for s, p, o in triples:
        predicates = by_subject.get(s)
        if predicates is None:
            if type(s) is blank:
                return None
            predicates = by_subject[s] = {}
        if type(o) is blank:
            return None
        objects = predicates.get(p)
        if objects is None:
            predicates[p] = [o]
        else:
            objects.append(o)
    return by_subject


def block(triples, indent: str) -> tuple[list[str], set]:
    """(lines, prefixes used) of one graph given as pyoxigraph triples."""
    by_subject = _by_subject(triples)
    if by_subject is None:
        by_subject = _by_subject(_canonical_blank_nodes(triples), relabelled=True)
    renderer = _Renderer()
    term = renderer.term
    # rdf:type first; rendering it also marks the rdf prefix used, as the header has always declared it
    order = {p: (p.value != _RDF_TYPE, term(p)) for predicates in by_subject.values() for p in predicates}
    verbs = {p: text if later else "a" for p, (later, text) in order.items()}
    lines = []
    append = lines.append
    for subject, predicates in sorted(((term(s), ps) for s, ps in by_subject.items()), key=lambda x: x[0]):
        keys = sorted(predicates, key=order.__getitem__)
        append(f"{indent}{subject}")
        last = keys[-1]
        for p in keys:
            objects = predicates[p]
            text = term(objects[0]) if len(objects) == 1 else " , ".join(sorted(map(term, objects)))
            append(f"{indent}    {verbs[p]} {text}{' .' if p is last else ' ;'}")
        append("")
    return lines, renderer.used


def block_text(lines: list[str]) -> bytes:
    """A block's lines as UTF-8 bytes, as they stand inside a graph (blocks of one graph concatenate)."""
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def graph_label(name, used: set) -> str:
    """A graph name as written before its block, noting the prefix it uses."""
    return _Renderer._iri(str(name), used)


def prefix_header(prefixes: set) -> str:
    return "\n".join(_prefix_lines(prefixes)) + "\n"


def turtle_from_block(lines: list[str], prefixes: set) -> str:
    return "\n".join(_prefix_lines(prefixes) + lines)


def _prefix_lines(prefixes: set) -> list[str]:
    return [f"@prefix {p}: <{PREFIXES[p]}> ." for p in sorted(prefixes)] + [""]
