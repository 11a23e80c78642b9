"""What the report pages show, as values: coverage, gaps, alignment bases, the build's holdings, the ontology.

Everything about the data is read with SPARQL through a back end that has
`select(text) -> query.Result` (the embedded Oxigraph store or a SPARQL
endpoint), so the pages are the same on both; the catalogue queries run with
their parameters bound exactly as `edugraph query` binds them. What the build
wrote (dist/build.json) and the ontology source file are read from the project.
Nothing here renders: `pictures` and the web templates do.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..namespaces import EDU, ID
from ..query import Catalogue, Result, bound_text
from .describe import name, names_of

OBEC = f"{ID}org/obec"
PREFIXES = f"""PREFIX edu: <{EDU}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def catalogue_result(backend, project, name: str, params: dict | None = None, lang: str = "en") -> Result:
    """A catalogue query run on the back end with the same bound text as `edugraph query NAME --param ...`."""
    query = Catalogue(project.queries_dir).get(name)
    return backend.select(bound_text(query, [f"{k}={v}" for k, v in (params or {}).items()], lang), name)


def _text(term) -> str:
    return "" if term is None else str(term)


def labels(backend, iris, lang: str) -> dict:
    """Each IRI's label in `lang`, else in the other language, else its short form."""
    names = names_of(backend, iris)
    return {str(i): name(names, i, lang).text for i in iris if i}


def _natural(notation: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 10**6 for p in re.split(r"[.\s]", notation or "") if p) or (10**6,)


# --------------------------------------------------------------------------
# Coverage and gaps


@dataclass
class Coverage:
    year: int
    years: list  # fiscal years (BE) that an OBEC policy covers
    offices: list  # [(IRI, label)]
    items: list  # [(IRI, notation, label)]
    cells: dict  # (office IRI, item IRI) -> (elements, indicators) serving the item


def fiscal_years(backend) -> list[int]:
    result = backend.select(PREFIXES + f"SELECT DISTINCT ?start ?end WHERE {{ ?p edu:issuer <{OBEC}> ; edu:periodStartBE ?start ; edu:periodEndBE ?end }}")
    years = set()
    for start, end in result.rows:
        years.update(range(int(start), int(end) + 1))
    return sorted(years)


def offices(backend, lang: str) -> list[tuple[str, str]]:
    """Every educational service area office, by label."""
    result = backend.select(PREFIXES + "SELECT DISTINCT ?office WHERE { ?office a edu:EducationalServiceAreaOffice }")
    names = labels(backend, [r[0] for r in result.rows], lang)
    return sorted(((str(o), names.get(str(o), str(o))) for (o,) in result.rows), key=lambda x: (x[1], x[0]))


def coverage(backend, project, year: int, lang: str = "en") -> Coverage:
    """The coverage matrix of a fiscal year (catalogue query coverage-matrix), with every office and item as a row or column."""
    years = fiscal_years(backend)
    matrix = catalogue_result(backend, project, "coverage-matrix", {"year": year}, lang)
    cells = {(str(r["office"]), str(r["item"])): (int(r["elements"]), int(r["indicators"])) for r in matrix.as_dicts()}
    items = backend.select(PREFIXES + f"""SELECT DISTINCT ?item ?notation WHERE {{
        ?policy edu:issuer <{OBEC}> ; edu:periodStartBE ?start ; edu:periodEndBE ?end .
        ?item edu:partOf ?policy ; a edu:OBECPolicyItem ; skos:notation ?notation .
        FILTER(?start <= {int(year)} && {int(year)} <= ?end) }}""")
    names = labels(backend, [r[0] for r in items.rows], lang)
    columns = sorted(((str(i), str(n), names.get(str(i), "")) for i, n in items.rows), key=lambda x: (_natural(x[1]), x[0]))
    return Coverage(int(year), years, offices(backend, lang), columns, cells)


GAP_KINDS = ("obec-item-not-picked-up", "element-without-alignment", "indicator-serves-nothing-above-plan")


@dataclass
class Gaps:
    year: int
    years: list
    rows: dict  # gap kind -> [(element IRI, office IRI or "", label)]
    office_labels: dict


def gaps(backend, project, year: int, lang: str = "en") -> Gaps:
    result = catalogue_result(backend, project, "gaps", {"year": year}, lang)
    rows = {kind: [] for kind in GAP_KINDS}
    for r in result.as_dicts():
        rows.setdefault(str(r["gap"]), []).append((str(r["element"]), _text(r["office"]), _text(r["label"])))
    office_names = labels(backend, [r["office"] for r in result.as_dicts()], lang)
    return Gaps(int(year), fiscal_years(backend), rows, office_names)


def bases(backend, lang: str = "en") -> list[tuple[str, str, dict]]:
    """Per office: its elements' alignment records counted by basis (Stated, Curated, Suggested)."""
    result = backend.select(PREFIXES + """SELECT ?office ?basis (COUNT(DISTINCT ?alignment) AS ?n) WHERE {
        ?office a edu:EducationalServiceAreaOffice . ?plan edu:issuer ?office .
        ?element edu:partOfTransitive ?plan ; edu:hasAlignment ?alignment . ?alignment edu:basis ?b .
        BIND(STRAFTER(STR(?b), "#") AS ?basis) } GROUP BY ?office ?basis""")
    counts: dict = {}
    for office, basis, n in result.rows:
        counts.setdefault(str(office), {})[str(basis)] = int(n)
    everyone = offices(backend, lang)
    return [(iri, label, counts.get(iri, {})) for iri, label in everyone]


# --------------------------------------------------------------------------
# The build's holdings (home page)


@dataclass
class Holdings:
    version: str
    triples: int
    classes: Counter  # class IRI -> elements in all sources
    documents: list  # [(source IRI, [office IRIs], Counter of class IRI -> count)]
    names: dict = field(default_factory=dict)  # IRI -> {lang: label} of the offices and classes (describe.names_of)


def holdings(backend, project) -> Holdings | None:
    """What the build holds (dist/build.json), with the offices' and classes' labels read through the back end;
    None before a build."""
    from ..build import read_manifest

    manifest = read_manifest(project)
    if manifest is None:
        return None
    issuers = {graph.rsplit("/", 1)[-1]: offices for graph, offices in manifest.get("issuers", {}).items()}
    classes, documents = Counter(), []
    for source, counts in sorted(manifest["elements"].items()):
        classes.update(counts)
        if source.startswith(f"{ID}source/"):
            documents.append((source, issuers.get(source.rsplit("/", 1)[-1], []), Counter(counts)))
    names = names_of(backend, [*classes, *(o for _, offices, _ in documents for o in offices)])
    triples = manifest["triples"]
    total = sum(triples.values()) if isinstance(triples, dict) else int(triples)
    return Holdings(manifest["version"], total, classes, documents, names)


# --------------------------------------------------------------------------
# The ontology (documentation page)


@dataclass
class Term:
    iri: str
    kind: str  # class | object property | datatype property | annotation property | individual
    labels: dict  # lang -> label
    definitions: dict  # lang -> definition
    parents: list  # direct superclasses / superproperties (IRIs)
    children: list = field(default_factory=list)
    domain: list = field(default_factory=list)
    range: list = field(default_factory=list)
    deprecated: bool = False

    @property
    def name(self) -> str:
        return re.split(r"[#/]", self.iri)[-1]


@dataclass
class OntologyDoc:
    iri: str
    title: dict
    description: dict
    version: str
    terms: list  # [Term], classes first, then properties, then individuals, each by name


_KINDS = [(OWL.Class, "class"), (OWL.ObjectProperty, "object property"), (OWL.DatatypeProperty, "datatype property"),
          (OWL.AnnotationProperty, "annotation property")]


def ontology_doc(project) -> OntologyDoc:
    """The terms of ontology/edugraph.ttl with their th and en labels and definitions and the direct hierarchy."""
    from rdflib.namespace import DCTERMS

    from ..load import parse_file
    from ..namespaces import ONTOLOGY_IRI

    g = Graph()
    parse_file(project.ontology, g)

    def by_lang(node, prop) -> dict:
        return {l.language or "": str(l) for l in sorted(g.objects(node, prop), key=str) if isinstance(l, Literal)}

    terms: dict[str, Term] = {}
    for cls, kind in _KINDS:
        for node in g.subjects(RDF.type, cls):
            if isinstance(node, URIRef) and str(node).startswith(str(EDU)) and str(node) not in terms:
                parent_prop = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
                terms[str(node)] = Term(
                    str(node), kind, by_lang(node, RDFS.label), by_lang(node, SKOS.definition),
                    sorted(str(p) for p in g.objects(node, parent_prop) if isinstance(p, URIRef)),
                    domain=sorted(str(d) for d in g.objects(node, RDFS.domain) if isinstance(d, URIRef)),
                    range=sorted(str(r) for r in g.objects(node, RDFS.range) if isinstance(r, URIRef)),
                    deprecated=(node, OWL.deprecated, Literal(True)) in g,
                )
    for node in set(g.subjects(RDF.type, None)):
        if isinstance(node, URIRef) and str(node).startswith(str(EDU)) and str(node) not in terms:
            types = sorted(str(t) for t in g.objects(node, RDF.type) if str(t).startswith(str(EDU)))
            if types:
                terms[str(node)] = Term(str(node), "individual", by_lang(node, RDFS.label), by_lang(node, SKOS.definition), types)
    for term in terms.values():
        for parent in term.parents:
            if parent in terms and term.kind != "individual":
                terms[parent].children.append(term.iri)
    order = {kind: i for i, (_, kind) in enumerate(_KINDS)} | {"individual": len(_KINDS)}
    header = URIRef(ONTOLOGY_IRI)
    return OntologyDoc(
        ONTOLOGY_IRI, by_lang(header, DCTERMS.title), by_lang(header, DCTERMS.description),
        str(g.value(header, OWL.versionInfo) or ""),
        sorted(terms.values(), key=lambda t: (order[t.kind], t.name.lower())),
    )
