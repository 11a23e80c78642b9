"""The one place that names namespaces and binds prefixes."""
from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

EDU = Namespace("https://w3id.org/edugraph/ontology#")
ID = Namespace("https://w3id.org/edugraph/id/")
GRAPH = Namespace("https://w3id.org/edugraph/graph/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
SH = Namespace("http://www.w3.org/ns/shacl#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VANN = Namespace("http://purl.org/vocab/vann/")

ONTOLOGY_IRI = "https://w3id.org/edugraph/ontology"
INFERRED_GRAPH = GRAPH["inferred"]

PREFIXES = {
    "edu": EDU,
    "id": ID,
    "graph": GRAPH,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "void": VOID,
    "prov": PROV,
    "org": ORG,
    "foaf": FOAF,
    "qudt": QUDT,
    "unit": UNIT,
    "sh": SH,
    "spdx": SPDX,
    "vann": VANN,
}


def bind(graph: Graph) -> Graph:
    """Bind edugraph's prefixes on a graph or dataset, replacing rdflib's defaults."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
