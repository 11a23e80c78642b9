"""What an entity page shows, as values: one IRI's statements, parts, chains, alignments, targets and findings.

Everything is read with SPARQL through a back end (`web.backend`), so the
page is the same on the embedded store and on an endpoint; the chain up is the
catalogue query `chain-up` with the same bound text as `edugraph query
chain-up --param element=...`. Nothing here renders.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from ..namespaces import EDU, ID, ONTOLOGY_IRI, PREFIXES
from ..present import short_iri
from ..query import valid_iri

BASE = "https://w3id.org/edugraph"
PAGE_SIZE = 50
# what serves an element is listed in IRI order up to this many; beyond, in the store's own (stable) order,
# because sorting costs about 0.45 s for National Strategy area 3's 33,000 elements at national size
SORTED_UP_TO = 5000
_PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def local_path(iri: str) -> str:
    """The page of an edugraph IRI on the web face (its path below https://w3id.org/edugraph); other IRIs as they are."""
    return iri[len(BASE):] if iri.startswith(BASE + "/") else iri


def iri_of(path: str) -> str | None:
    """The IRI a local path names, or None when it is not one a query may carry."""
    iri = BASE + path
    return iri if valid_iri(iri) and ".." not in path.split("/") else None


@dataclass(frozen=True)
class Text:
    """A label or other language-tagged text: `fallback` when it is not in the language asked for."""

    text: str
    lang: str = ""
    fallback: bool = False


@dataclass
class Record:
    """An alignment record, a target or baseline, or a finding: its IRI and its values by short key."""

    iri: str
    values: dict = field(default_factory=dict)


@dataclass
class Entity:
    iri: str
    statements: list = field(default_factory=list)  # (predicate IRI, [rdflib terms]) in a stable order
    types: list = field(default_factory=list)
    parts: list = field(default_factory=list)  # IRIs, in document order
    chain: list = field(default_factory=list)  # rows of chain-up: dicts lower, link, basis, higher, level
    down: list = field(default_factory=list)  # (IRI, basis of a direct link or "")
    down_total: int = 0
    page: int = 1
    alignments: list = field(default_factory=list)  # Record
    targets: list = field(default_factory=list)  # Record, baseline first then by fiscal year
    findings: list = field(default_factory=list)  # Record
    renamed: list = field(default_factory=list)  # (relation, other IRI): renamed-to, renamed-from, same-as
    names: dict = field(default_factory=dict)  # IRI -> {lang: label}
    validation: list | None = field(default_factory=list)  # validate.Result whose focus is this IRI; None while being computed

    def value(self, predicate: str):
        """The first object of a predicate, or None."""
        for p, objects in self.statements:
            if p == predicate:
                return objects[0]
        return None

    def values(self, predicate: str) -> list:
        return next((objects for p, objects in self.statements if p == predicate), [])

    @property
    def source(self) -> tuple[str, int | None, str | None]:
        """(document name, line, quote) of the source text the element is quoted from."""
        document = self.value(f"{PREFIXES['dcterms']}source")
        line = self.value(f"{EDU}sourceLine")
        quote = self.value(f"{EDU}sourceQuote")
        name = str(document).rsplit("/", 1)[-1] if document is not None and str(document).startswith(f"{ID}source/") else None
        return name, (int(line) if line is not None else None), (str(quote) if quote is not None else None)

    @property
    def pages(self) -> int:
        return max(1, -(-self.down_total // PAGE_SIZE))


def name(names: dict, iri, lang: str) -> Text:
    """An IRI's label in `lang`, else the other language's (marked as a fallback), else its short form."""
    labels = names.get(str(iri), {})
    other = "en" if lang == "th" else "th"
    if labels.get(lang):
        return Text(labels[lang], lang)
    if labels.get(other):
        return Text(labels[other], other, True)
    if labels.get(""):
        return Text(labels[""])
    return Text(short_iri(str(iri)))


def _natural(text) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"([0-9]+)", str(text or "")) if p)


def number(term):
    """A typed literal's Python number (None for none or for text)."""
    value = term.toPython() if isinstance(term, Literal) else term
    return value if isinstance(value, (int, float)) or type(value).__name__ == "Decimal" else None


def _select(backend, body: str):
    return backend.select(_PROLOGUE + body).rows


def exists(backend, iri: str) -> bool:
    return backend.ask(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")


def describe(backend, project, iri: str, lang: str = "th", page: int = 1) -> Entity | None:
    """Everything the entity page of `iri` shows, or None when the graph says nothing of it."""
    entity = Entity(iri)
    statements: dict = {}
    for p, o in _select(backend, f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"):
        statements.setdefault(str(p), [])
        if o not in statements[str(p)]:
            statements[str(p)].append(o)
    if not statements and not exists(backend, iri):
        return None
    first = [f"{PREFIXES['rdf']}type", f"{PREFIXES['rdfs']}label", f"{PREFIXES['skos']}notation", f"{PREFIXES['dcterms']}title"]
    entity.statements = sorted(((p, sorted(o, key=_natural)) for p, o in statements.items()),
                               key=lambda s: (first.index(s[0]) if s[0] in first else len(first), s[0]))
    entity.types = [str(t) for t in entity.values(f"{PREFIXES['rdf']}type") if str(t).startswith(str(EDU))]

    rows = _select(backend, f"""SELECT ?part ?order ?notation WHERE {{ ?part edu:partOf <{iri}> .
        OPTIONAL {{ ?part edu:order ?order }} OPTIONAL {{ ?part skos:notation ?notation }} }}""")
    rows = sorted({tuple(r) for r in rows}, key=lambda r: (number(r[1]) if r[1] is not None else 10**9, _natural(r[2]), str(r[0])))
    entity.parts = list(dict.fromkeys(str(r[0]) for r in rows))

    entity.chain = chain_up(backend, iri)

    entity.page = max(1, page)
    total = _select(backend, f"SELECT (COUNT(DISTINCT ?lower) AS ?n) WHERE {{ ?lower edu:servesTransitive <{iri}> }}")
    entity.down_total = int(total[0][0]) if total and total[0][0] is not None else 0
    if entity.down_total:
        order = "ORDER BY ?lower" if entity.down_total <= SORTED_UP_TO else ""
        rows = _select(backend, f"""SELECT DISTINCT ?lower WHERE {{ ?lower edu:servesTransitive <{iri}> }}
            {order} LIMIT {PAGE_SIZE} OFFSET {(entity.page - 1) * PAGE_SIZE}""")
        lowers = [str(r[0]) for r in rows]
        bases: dict = {}
        if lowers:
            values = " ".join(f"<{x}>" for x in lowers)
            for lower, basis in _select(backend, f"""SELECT ?lower ?b WHERE {{ VALUES ?lower {{ {values} }}
                    ?lower edu:hasAlignment ?a . ?a edu:alignedTo <{iri}> ; edu:basis ?b . }}"""):
                bases.setdefault(str(lower), str(basis).rsplit("#", 1)[-1])
        entity.down = [(x, bases.get(x, "")) for x in lowers]

    entity.alignments = _records(backend, f"<{iri}> edu:hasAlignment ?r .", {
        "edu:alignedTo": "higher", "edu:basis": "basis", "edu:evidenceQuote": "quote", "edu:sourceLine": "line",
        "dcterms:source": "document", "edu:rationale": "rationale", "edu:score": "score", "prov:wasAttributedTo": "agent"})
    entity.alignments.sort(key=lambda r: ("Stated Curated Suggested".find(str(r.values.get("basis", "")).rsplit("#", 1)[-1]), _natural(r.iri)))
    entity.targets = _records(backend, f"{{ ?r edu:targetOf <{iri}> }} UNION {{ ?r edu:baselineOf <{iri}> }}", {
        "edu:fiscalYearBE": "yearBE", "edu:fiscalYear": "year", "edu:valueText": "text", "edu:numericValue": "number",
        "edu:sourceLine": "line", "dcterms:source": "document", "edu:baselineOf": "baseline"})
    for record in entity.targets:
        record.values["kind"] = "baseline" if record.values.pop("baseline", None) is not None else "target"
    entity.targets.sort(key=lambda r: (r.values["kind"] != "baseline", number(r.values.get("yearBE")) or 0, r.iri))
    entity.findings = _records(backend, f"?r edu:concerns <{iri}> .", {
        "edu:findingType": "type", "rdfs:comment": "comment", "edu:sourceQuote": "quote", "edu:sourceLine": "line",
        "dcterms:source": "document"})
    entity.findings.sort(key=lambda r: _natural(r.iri))
    rows = _select(backend, f"""SELECT ?relation ?other WHERE {{
        {{ <{iri}> org:changedBy ?e . ?e org:resultingOrganization ?other . BIND("renamed-to" AS ?relation) }}
        UNION {{ <{iri}> org:resultedFrom ?e . ?e org:originalOrganization ?other . BIND("renamed-from" AS ?relation) }}
        UNION {{ {{ <{iri}> owl:sameAs ?other }} UNION {{ ?other owl:sameAs <{iri}> }} BIND("same-as" AS ?relation) }}
        FILTER(?other != <{iri}>) }} ORDER BY ?relation ?other""")
    entity.renamed = [(str(r[0]), str(r[1])) for r in rows]

    mentioned = {iri, *entity.types, *entity.parts, *(i for i, _ in entity.down), *(o for _, o in entity.renamed)}
    mentioned |= {str(p) for p, _ in entity.statements}
    mentioned |= {str(o) for _, objects in entity.statements for o in objects if isinstance(o, URIRef)}
    mentioned |= {row[k] for row in entity.chain for k in ("lower", "higher", "level") if row.get(k)}
    for record in entity.alignments + entity.findings:
        mentioned |= {str(v) for v in record.values.values() if isinstance(v, URIRef)}
    entity.names = names_of(backend, mentioned)
    return entity


def chain_up(backend, iri: str) -> list[dict]:
    """The rows of the catalogue query chain-up with suggestions=true for `iri`, labels left out.

    Each row: lower, link (partOf, serves or suggested), basis (Stated or
    Curated for serves links, Suggested for suggestions), higher, level. The
    same rows, read in two steps: the elements above `iri`, then the links
    among them with their records. On Virtuoso the catalogue query took 0.64 s
    for one seed indicator, these two about 50 ms; tests/test_web.py checks
    both give the same rows. The suggestion records' basis is tested in a
    FILTER inside a group: as a triple `?alignment edu:basis edu:Suggested`,
    Oxigraph started from every suggestion record (2.8 s on the seeds with
    suggestions, over 30 s at 245 offices; now 13 and 30 ms).
    """
    above = _select(backend, f"SELECT DISTINCT ?node WHERE {{ <{iri}> edu:partOfTransitive|edu:servesTransitive ?node }}")
    values = " ".join(f"<{node}>" for node in [iri, *(str(r[0]) for r in above)])
    rows = _select(backend, f"""SELECT DISTINCT ?lower ?link ?higher ?basis ?level WHERE {{ VALUES ?lower {{ {values} }}
        {{ ?lower ?link ?higher . FILTER(?link = edu:serves || ?link = edu:partOf)
           OPTIONAL {{ ?lower edu:hasAlignment ?alignment . ?alignment edu:alignedTo ?higher ; edu:basis ?basis . }} }}
        UNION {{ ?lower edu:hasAlignment ?alignment . {{ ?alignment edu:alignedTo ?higher ; edu:basis ?basis . FILTER(?basis = edu:Suggested) }}
           BIND("suggested" AS ?link) }}
        ?higher a ?level . FILTER(STRSTARTS(STR(?level), STR(edu:)) && ?level != edu:PlanElement && ?level != edu:Plan) }}""")
    links: dict = {}  # (lower, link, higher, level) -> bases
    for lower, link, higher, basis, level in rows:
        link = str(link).rsplit("#", 1)[-1]
        basis = str(basis).rsplit("#", 1)[-1] if basis is not None else ""
        if link == "partOf" or (link == "serves" and basis == "Suggested"):
            basis = ""  # a suggestion left beside a link is not the link's basis
        links.setdefault((str(lower), link, str(higher), str(level)), set()).add(basis)
    chain = set()
    for (lower, link, higher, level), bases in links.items():
        for basis in (bases - {""}) or {""}:
            chain.add((lower, link, basis, higher, level))
    keys = ("lower", "link", "basis", "higher", "level")
    return [dict(zip(keys, row)) for row in sorted(chain)]


def _records(backend, pattern: str, keys: dict) -> list[Record]:
    """The records `pattern` binds to ?r, each with the values of the properties in `keys` (prefixed name -> key).

    Every statement of each record is fetched and sorted out here: a VALUES
    list of properties would let the engine start from all their statements.
    """
    records: dict = {}
    keys = {str(PREFIXES[name.split(":")[0]]) + name.split(":")[1]: key for name, key in keys.items()}
    for r, p, v in _select(backend, f"SELECT ?r ?p ?v WHERE {{ {pattern} ?r ?p ?v }}"):
        values = records.setdefault(str(r), Record(str(r))).values
        key = keys.get(str(p))
        if key is None:
            continue
        if key in ("comment", "rationale") and isinstance(v, Literal):  # one text per language
            values.setdefault(key, {})[v.language or ""] = str(v)
        elif key not in values:
            values[key] = v
    return list(records.values())


def names_of(backend, iris) -> dict:
    """{IRI: {lang: label}} for every IRI that has an rdfs:label (or skos:prefLabel), in one query."""
    iris = sorted({str(i) for i in iris if i and valid_iri(str(i))})
    found: dict = {}
    for start in range(0, len(iris), 200):
        values = " ".join(f"<{i}>" for i in iris[start:start + 200])
        for x, label in _select(backend, f"SELECT ?x ?label WHERE {{ VALUES ?x {{ {values} }} ?x rdfs:label|skos:prefLabel ?label }}"):
            if isinstance(label, Literal):
                labels = found.setdefault(str(x), {})
                key = label.language or ""
                if key not in labels or str(label) < labels[key]:
                    labels[key] = str(label)
    return found


def rdf_triples(backend, iri: str) -> list:
    """The triples an RDF representation of `iri` carries: its own, and its alignment records'."""
    answer = backend.answer(_PROLOGUE + f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ BIND(<{iri}> AS ?s) ?s ?p ?o }} UNION {{ <{iri}> edu:hasAlignment ?s . ?s ?p ?o }} }}""")
    return answer.rows


def is_ontology_term(iri: str) -> bool:
    return iri.startswith(str(EDU)) or iri == ONTOLOGY_IRI
