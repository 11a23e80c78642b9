"""The SPARQL query catalogue (`queries/*.rq`) and `edugraph queries` / `edugraph query`.

The catalogue
-------------
Every file `queries/<name>.rq` is one plain SPARQL 1.1 SELECT query whose
leading comment block is its description, one tag per line::

    # @question.en From a National Strategy area down to ...
    # @question.th จากยุทธศาสตร์ชาติรายด้าน ...
    # @param area iri base=https://w3id.org/edugraph/id/national-strategy/ default=3 -- the area
    # @param phrase string default="การอ่าน" -- the phrase to look for
    # @param office iri base=https://w3id.org/edugraph/id/org/ optional -- only this office
    # @column element -- the office element that serves the area

Parameter types: ``iri``, ``string`` (xsd:string), ``integer``, ``decimal``,
``boolean`` and ``string@th`` / ``string@en`` (a language-tagged string).
``base=`` gives the short form of an IRI parameter: a value that is not an
absolute IRI is appended to the base (``office=sesao-lampang-lamphun`` is
``<https://w3id.org/edugraph/id/org/sesao-lampang-lamphun>``). Everywhere the
prefixes ``id:`` and ``edu:`` are accepted too (``area=id:master-plan/12``), and
a full IRI may be given with or without angle brackets. A parameter is either
given a default or marked ``optional``: an optional parameter that is not given
stays unbound, so the query's pattern ranges over every value (the catalogue
uses optional parameters only in triple patterns, never in FILTERs).

Two variables are bound on every run whose query mentions them: ``?lang``
(the language chosen with ``--lang``) and ``?altLang`` (the other one), so
labels are written ``COALESCE(?label_in_lang, ?label_in_altLang)``.

How parameters are bound (and why no value can change a query's structure)
--------------------------------------------------------------------------
A ``--param name=value`` is first checked against its declared type and turned
into an rdflib term: an IRI must be absolute, with a scheme, and contain none
of the characters that IRIs forbid (space, ``<>"{}|\\^```, controls); an
integer must be ``[+-]?digits``; strings may hold any text but no control
characters. Anything else is refused with one line naming the parameter.
Unknown parameter names are refused as well.

* The SPARQL 1.1 protocol has no parameter binding, and Oxigraph (the local
  engine) pre-binds only projected variables, so on both engines the bound
  values travel as a
  ``VALUES (?a ?b) { (<iri> "text"@th) }`` block inserted as the first element
  of the query's outermost WHERE group. Each value in it is the N-Triples form
  of the validated term (rdflib's ``Term.n3()``: IRIs in angle brackets after
  the check above, literals quoted with ``"``, ``\\``, and line breaks
  escaped), so it can only ever be one RDF term. A VALUES block first in the
  group joins with everything after it and is visible to the FILTERs of the
  group and of its OPTIONALs (but Virtuoso 7 returns no rows when an
  OPTIONAL's FILTER tests a VALUES-bound variable directly, e.g.
  ``!BOUND(?office)``; ``NOT EXISTS { FILTER(BOUND(?office)) }`` works on
  both, see chain-down.rq); the tests compare every catalogue query's rows
  locally and on a real Virtuoso. A
  trailing ``VALUES`` after the query was not used: SPARQL joins it after
  GROUP BY, so it would not restrict aggregates.

Local runs load ``dist/edugraph.trig`` into an in-memory Oxigraph store and
query the union of its named graphs (asserted plus the inferred graph); a
Virtuoso endpoint's default graph is the union of its graphs
too, so the same text returns the same rows. The catalogue relies only on the
materialised ``edu:servesTransitive`` / ``edu:partOfTransitive`` and types, on
no reasoning at query time and on no rdflib-only function.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .errors import QueryError
from .namespaces import EDU, ID

LANGS = ("en", "th")


# --------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------

@dataclass
class Param:
    name: str
    type: str  # iri | string | integer | decimal | boolean | string@<lang>
    default: str | None = None
    base: str | None = None
    optional: bool = False
    doc: str = ""

    def describe(self) -> str:
        parts = [f"{self.name} ({self.type})"]
        if self.default is not None:
            parts.append(f"default {self.default}")
        elif self.optional:
            parts.append("optional")
        else:
            parts.append("required")
        if self.base:
            parts.append(f"short form: <{self.base}VALUE>")
        return ", ".join(parts) + (f": {self.doc}" if self.doc else "")


@dataclass
class CatalogueQuery:
    name: str
    text: str
    path: Path | None = None
    questions: dict = field(default_factory=dict)  # lang -> question
    params: list = field(default_factory=list)  # [Param]
    columns: list = field(default_factory=list)  # [(name, doc)]

    def question(self, lang: str = "en") -> str:
        other = "th" if lang == "en" else "en"
        return self.questions.get(lang) or self.questions.get(other) or ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_TYPES = re.compile(r"^(iri|string|integer|decimal|boolean|string@[a-zA-Z]+(-[a-zA-Z0-9]+)*)$")


def _split_options(spec: str) -> list[str]:
    """Split `iri base=x default="a b"` into tokens, honouring double quotes."""
    tokens, buf, quoted = [], "", False
    for ch in spec:
        if ch == '"':
            quoted = not quoted
            continue
        if ch.isspace() and not quoted:
            if buf:
                tokens.append(buf)
                buf = ""
            continue
        buf += ch
    if buf:
        tokens.append(buf)
    return tokens


def parse_header(text: str, name: str = "query") -> CatalogueQuery:
    """Read the `# @...` tags of the leading comment block."""
    query = CatalogueQuery(name=name, text=text)
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break  # the header ends at the first line of SPARQL
        body = line.lstrip("#").strip()
        if not body.startswith("@"):
            continue
        tag, _, rest = body.partition(" ")
        rest = rest.strip()
        doc = ""
        if " -- " in f" {rest} ":
            rest, _, doc = f" {rest} ".partition(" -- ")
            rest, doc = rest.strip(), doc.strip()
        if tag.startswith("@question."):
            query.questions[tag.split(".", 1)[1]] = rest
        elif tag == "@param":
            tokens = _split_options(rest)
            if len(tokens) < 2 or not _TYPES.match(tokens[1]):
                raise QueryError(f"{name}: bad @param line (want '# @param NAME TYPE [base=IRI] [default=VALUE|optional]'): {line}")
            param = Param(name=tokens[0], type=tokens[1], doc=doc)
            for token in tokens[2:]:
                key, eq, value = token.partition("=")
                if key == "optional" and not eq:
                    param.optional = True
                elif key == "default" and eq:
                    param.default = value
                elif key == "base" and eq:
                    param.base = value
                else:
                    raise QueryError(f"{name}: unknown @param option {token!r}")
            query.params.append(param)
        elif tag == "@column":
            column, _, _ = rest.partition(" ")
            query.columns.append((column, doc))
    return query


class Catalogue:
    """The queries in a folder, by name (the file name without .rq)."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.queries: dict[str, CatalogueQuery] = {}
        if self.directory.is_dir():
            for path in sorted(self.directory.glob("*.rq")):
                query = parse_header(path.read_text(encoding="utf-8"), path.stem)
                query.path = path
                self.queries[path.stem] = query

    def __iter__(self):
        return iter(self.queries.values())

    def __len__(self):
        return len(self.queries)

    def names(self) -> list[str]:
        return list(self.queries)

    def get(self, name: str) -> CatalogueQuery:
        try:
            return self.queries[name]
        except KeyError:
            close = [n for n in self.queries if name and (name in n or n in name)]
            hint = f"; did you mean {', '.join(close)}?" if close else "; `edugraph queries` lists them"
            raise QueryError(f"unknown query {name!r}{hint}") from None


# --------------------------------------------------------------------------
# Parameters: validate, then make RDF terms
# --------------------------------------------------------------------------

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$")
_SHORT_PREFIXES = {"id:": str(ID), "edu:": str(EDU)}


def valid_iri(value: str) -> bool:
    """An absolute IRI with a scheme and none of the characters IRIs forbid."""
    return bool(_SCHEME.match(value)) and not _IRI_FORBIDDEN.search(value) and len(value) > len(_SCHEME.match(value).group(0))


def to_term(param: Param, value: str) -> Node:
    """The RDF term for a --param value, or QueryError if it is not one valid term of the declared type."""
    kind = param.type
    bad = f"parameter {param.name}: "
    if kind == "iri":
        text = value.strip()
        if not text:
            raise QueryError(bad + "an empty value is not an IRI")
        if text.startswith("<") and text.endswith(">"):
            text = text[1:-1]
        for prefix, namespace in _SHORT_PREFIXES.items():
            if text.startswith(prefix):
                text = namespace + text[len(prefix):]
                break
        else:
            if not _SCHEME.match(text) and param.base:
                text = param.base + text
        if not valid_iri(text):
            raise QueryError(bad + f"{value!r} is not a valid absolute IRI (no spaces or <>\"{{}}|\\^` allowed)")
        return URIRef(text)
    if kind == "integer":
        if not _INTEGER.match(value.strip()):
            raise QueryError(bad + f"{value!r} is not an integer")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "decimal":
        if not _DECIMAL.match(value.strip()):
            raise QueryError(bad + f"{value!r} is not a decimal number")
        try:
            return Literal(Decimal(value.strip()), datatype=XSD.decimal)
        except InvalidOperation:
            raise QueryError(bad + f"{value!r} is not a decimal number") from None
    if kind == "boolean":
        if value.strip().lower() not in ("true", "false"):
            raise QueryError(bad + f"{value!r} is not true or false")
        return Literal(value.strip().lower() == "true", datatype=XSD.boolean)
    # strings
    if _CONTROL.search(value):
        raise QueryError(bad + "control characters are not allowed")
    if kind.startswith("string@"):
        return Literal(value, lang=kind.split("@", 1)[1])
    return Literal(value)


def bind_params(query: CatalogueQuery, given: list[str] | None, lang: str = "en") -> dict[str, Node]:
    """Bindings for a run: every declared parameter (given or default), plus ?lang/?altLang when used."""
    values: dict[str, str] = {}
    for item in given or []:
        name, eq, value = item.partition("=")
        name = name.strip()
        if not eq or not name:
            raise QueryError(f"--param {item!r}: write NAME=VALUE")
        if query.param(name) is None:
            known = ", ".join(p.name for p in query.params) or "none"
            raise QueryError(f"unknown parameter {name!r} for {query.name} (its parameters: {known})")
        if name in values:
            raise QueryError(f"parameter {name!r} given twice")
        values[name] = value
    bindings: dict[str, Node] = {}
    for param in query.params:
        if param.name in values:
            bindings[param.name] = to_term(param, values[param.name])
        elif param.default is not None:
            bindings[param.name] = to_term(param, param.default)
        elif not param.optional:
            raise QueryError(f"missing parameter {param.name!r} for {query.name}: {param.describe()}")
    if lang not in LANGS:
        raise QueryError(f"unknown language {lang!r} (th or en)")
    body = _strip_comments(query.text)
    if re.search(r"[?$]lang\b", body):
        bindings.setdefault("lang", Literal(lang))
    if re.search(r"[?$]altLang\b", body):
        bindings.setdefault("altLang", Literal("th" if lang == "en" else "en"))
    return bindings


# --------------------------------------------------------------------------
# Query text: comments, syntax check, VALUES injection for endpoints
# --------------------------------------------------------------------------

def _segments(text: str):
    """Yield (kind, start, end): kind is comment, string, iri or char (one character of query syntax)."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            yield "comment", i, j
            i = j
            continue
        if ch in "\"'":
            quote = ch * 3 if text[i:i + 3] == ch * 3 else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            yield "string", i, min(n, j + len(quote))
            i = j + len(quote)
            continue
        if ch == "<":
            m = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>").match(text, i)
            if m:
                yield "iri", i, m.end()
                i = m.end()
                continue
        yield "char", i, i + 1
        i += 1


def _scan(text: str):
    """Yield (index, char) of the characters outside strings, IRIs and comments."""
    for kind, start, _ in _segments(text):
        if kind == "char":
            yield start, text[start]


def _strip_comments(text: str) -> str:
    return "".join(text[a:b] for kind, a, b in _segments(text) if kind != "comment")


def where_brace(text: str) -> int:
    """Index of the `{` that opens the query's outermost WHERE group."""
    seen_where = False
    first_brace = None
    word = re.compile(r"[A-Za-z]+")
    positions = list(_scan(text))
    chars = "".join(ch for _, ch in positions)
    form = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", chars, re.IGNORECASE)
    start = form.start() if form else 0
    for k in range(start, len(positions)):
        idx, ch = positions[k]
        if ch == "{":
            if seen_where:
                return idx
            if first_brace is None:
                first_brace = idx
                if form and form.group(1).upper() in ("SELECT", "ASK", "DESCRIBE"):
                    return idx
        elif ch.isalpha() and (k == 0 or not positions[k - 1][1].isalnum()):
            m = word.match(chars, k)
            if m and m.group(0).upper() == "WHERE":
                seen_where = True
    raise QueryError("cannot find the query's WHERE { ... } group")


def nt(term: Node) -> str:
    """The N-Triples form of an IRI or literal: IRIs in <>, literals in "..." with \\ \" and line breaks escaped."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term)
        for a, b in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
            text = text.replace(a, b)
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    raise QueryError(f"cannot send {term!r} as a parameter")


def values_block(bindings: dict[str, Node]) -> str:
    """`VALUES (?a ?b) { (term term) }` from validated terms, each in its N-Triples form."""
    if not bindings:
        return ""
    names = sorted(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad parameter name {name!r}")
    terms = []
    for name in names:
        term = bindings[name]
        if isinstance(term, URIRef) and not valid_iri(str(term)):
            raise QueryError(f"parameter {name}: not a valid IRI")
        terms.append(nt(term))
    return "VALUES (" + " ".join(f"?{n}" for n in names) + ") { (" + " ".join(terms) + ") }"


def bound_text(query: CatalogueQuery, given: list[str] | None, lang: str = "en") -> str:
    """The query's text with its parameters (`NAME=VALUE` items, else defaults) bound: what every engine is sent."""
    return inject_values(query.text, bind_params(query, given, lang))


def inject_values(text: str, bindings: dict[str, Node]) -> str:
    block = values_block(bindings)
    if not block:
        return text
    at = where_brace(text) + 1
    return f"{text[:at]}\n  {block}\n{text[at:]}"


def _prepare(text: str, label: str):
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    try:
        return prepareQuery(text)
    except ParseException as exc:
        raise QueryError(f"{label}: SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.line.strip()[:80]}") from None
    except Exception as exc:  # rdflib raises a few other types for bad queries
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"{label}: bad SPARQL: {message}") from None


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------

@dataclass
class Result:
    columns: list[str]
    rows: list[list[Node | None]]
    name: str = ""

    def as_dicts(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def load_query(project, name: str | None = None, file: Path | None = None) -> CatalogueQuery:
    if file is not None:
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"cannot read {path}: {exc.strerror or exc}") from None
        query = parse_header(text, path.stem)
        query.path = path
        return query
    return Catalogue(project.queries_dir).get(name)


@dataclass(frozen=True)
class Limits:
    """What a query may use: seconds (endpoints too) and, locally, memory in MB and SERVICE calls.

    None (0 on the command line) means no limit. Local queries run in a
    child process (`processes.run_in_child`) that is killed at the limit or
    on Ctrl-C, since Oxigraph cannot be interrupted from Python.
    """

    seconds: float | None = 60.0
    memory_mb: int | None = 2048
    allow_service: bool = False


def run(project, name: str | None = None, file: Path | None = None, params: list[str] | None = None,
        endpoint: str | None = None, lang: str = "en", limits: Limits = Limits()) -> Result:
    query = load_query(project, name, file)
    bindings = bind_params(query, params, lang)
    if endpoint:
        if _prepare(query.text, query.name).algebra.name != "SelectQuery":
            raise QueryError(f"{query.name}: only SELECT queries can be run and tabulated")
        return _run_remote(query, bindings, endpoint, limits.seconds)
    return _run_local(project, query, bindings, limits)


_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


def syntax_words(text: str) -> str:
    """The query's text without comments, strings and IRIs: only its keywords, names and punctuation."""
    return "".join(text[a:b] if kind == "char" else " " for kind, a, b in _segments(text))


def uses_service(text: str) -> bool:
    """Whether a query holds a SERVICE clause (outside strings, IRIs and comments)."""
    return bool(_SERVICE.search(syntax_words(text)))


def _run_local(project, query: CatalogueQuery, bindings, limits: Limits = Limits()) -> Result:
    """Run on the built dataset in Oxigraph (`build.load_store`, kept while dist/ is unchanged).

    rdflib's engine took 16-36 s for chain-down and the coverage matrix on the
    seed graph; Oxigraph answers the same SPARQL in milliseconds. Parameters are
    bound exactly as for a remote endpoint (a VALUES block of escaped RDF terms,
    see `inject_values`), so local and remote runs execute the same text.
    Oxigraph's parser checks the syntax (rdflib's would add ~90 ms a query).
    The query is evaluated in a child process under `limits`; a SERVICE
    clause, which would make the engine send HTTP requests to any address, is
    refused unless `limits.allow_service`.
    """
    import pyoxigraph as ox

    from .build import load_store, reopened
    from .processes import ChildStopped, run_in_child

    service = uses_service(query.text)
    if service and not limits.allow_service:
        raise QueryError(f"{query.name}: SERVICE would send requests to another server; allow it with --allow-service")
    try:
        if not service:  # on the empty store, a SERVICE call would still be made, here and without limits
            ox.Store().query(query.text)  # syntax, with positions in the text as written
    except SyntaxError as exc:
        detail = str(exc).splitlines()[0].removeprefix("error ")
        raise QueryError(f"{query.name}: SPARQL syntax error {detail}") from None
    except Exception:  # valid syntax; evaluation on the empty store may still complain
        pass
    store = load_store(project)
    text = inject_values(query.text, bindings)
    try:
        columns, terms, rows = run_in_child(
            lambda: _evaluate(reopened(project, store), text, query.name), seconds=limits.seconds, memory_mb=limits.memory_mb)
    except ChildStopped as exc:
        if exc.reason == "time":
            raise QueryError(f"{query.name}: stopped after {limits.seconds:g} s, the time limit (--timeout SECONDS, 0 for none)") from None
        if exc.reason == "memory" and limits.memory_mb:
            raise QueryError(f"{query.name}: stopped on reaching {limits.memory_mb} MB of memory beyond the loaded data (--max-memory MB, 0 for no limit)") from None
        raise QueryError(f"{query.name}: the query engine ended without an answer ({exc.reason})") from None
    terms = [_rdflib_term(*t) for t in terms] + [None]  # index -1: unbound
    return Result(columns, [[terms[i] for i in row] for row in rows], query.name)


def _evaluate(store, text: str, name: str) -> tuple[list, list, list]:
    """(columns, terms, rows) of a SELECT query over the union of the store's graphs.

    Each distinct term is sent once, as (kind, value, language, datatype) in
    `terms`; rows hold indexes into it (-1: unbound). Plain tuples cross from
    the child process several times faster than pickled rdflib terms.
    """
    import pyoxigraph as ox

    try:
        solutions = store.query(text, use_default_graph_as_union=True)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError(f"{name}: only SELECT queries can be run and tabulated")
        columns = [v.value for v in solutions.variables]
        index, terms = {None: -1}, []

        def number(value):
            found = index.get(value)
            if found is None:
                found = index[value] = len(terms)
                if isinstance(value, ox.Literal):
                    terms.append(("literal", value.value, value.language, value.datatype.value))
                else:
                    terms.append(("iri" if isinstance(value, ox.NamedNode) else "bnode", value.value, None, None))
            return found

        rows = [[number(value) for value in row] for row in solutions]
    except (QueryError, MemoryError):
        raise
    except Exception as exc:
        raise QueryError(f"{name}: query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    return columns, terms, rows


def _rdflib_term(kind: str, value: str, language: str | None, datatype: str | None) -> Node:
    if kind == "iri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if language:
        return Literal(value, lang=language)
    return Literal(value) if datatype == str(XSD.string) else Literal(value, datatype=URIRef(datatype))


def _run_remote(query: CatalogueQuery, bindings, endpoint: str, seconds: float | None = 120) -> Result:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    if not valid_iri(endpoint) or not endpoint.lower().startswith(("http://", "https://")):
        raise QueryError(f"--endpoint {endpoint!r} is not an http(s) URL")
    text = inject_values(query.text, bindings)
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    if seconds:
        client.setTimeout(max(1, round(seconds)))
    try:
        data = client.query().convert()
    except Exception as exc:  # URLError, EndPointNotFound, QueryBadFormed, socket timeouts ...
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"{query.name}: endpoint {endpoint} failed: {type(exc).__name__}: {detail[:200]}") from None
    if not isinstance(data, dict) or "head" not in data:
        raise QueryError(f"{query.name}: endpoint {endpoint} did not return SPARQL JSON results")
    try:
        columns = list(data["head"].get("vars", []))
        rows = [[_from_json(b.get(c)) for c in columns] for b in data.get("results", {}).get("bindings", [])]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a binding without "value", a list for an object ...
        raise QueryError(f"{query.name}: endpoint {endpoint} returned malformed SPARQL JSON results ({type(exc).__name__}: {exc})") from None
    return Result(columns, rows, query.name)


def _from_json(value: dict | None) -> Node | None:
    if value is None:
        return None
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    if value.get("datatype"):
        return Literal(value["value"], datatype=URIRef(value["datatype"]))
    return Literal(value["value"])


__all__ = [
    "Catalogue", "CatalogueQuery", "Param", "QueryError", "Result", "bind_params", "inject_values", "parse_header",
    "run", "to_term", "valid_iri",
]
