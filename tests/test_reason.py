"""The fast reasoner derives what the product needs, and exactly what owlrl derives for it."""
import owlrl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from edugraph.namespaces import EDU
from edugraph.reason import infer

from helpers import FIXTURES, ROOT

EX = "https://example.org/"


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ROOT / "ontology" / "edugraph.ttl")


def test_chain_indicator_reaches_national_strategy(ontology):
    data = Graph().parse(FIXTURES / "chain" / "chain.ttl")
    derived = infer(ontology, data)
    indicator = URIRef(EX + "strategy/1/indicator/1")
    assert (indicator, EDU.servesTransitive, URIRef(EX + "obec/1")) in derived
    assert (indicator, EDU.servesTransitive, URIRef(EX + "ns/3")) in derived
    assert (indicator, EDU.partOfTransitive, URIRef(EX + "plan")) in derived
    # a sub-item serves what its item serves
    assert (URIRef(EX + "obec/1.1"), EDU.servesTransitive, URIRef(EX + "ns/3")) in derived
    # direct serves is never derived where no link was asserted
    assert (indicator, EDU.serves, URIRef(EX + "obec/1")) not in derived
    # class hierarchy: a strategy is a plan element and a PROV entity
    assert (URIRef(EX + "strategy/1"), RDF.type, EDU.PlanElement) in derived


def product_view(graph: Graph, ontology: Graph) -> set:
    """Triples on the properties and classes the product uses."""
    properties = {s for s in ontology.subjects() if str(s).startswith(str(EDU))}
    properties |= set(ontology.objects(None, RDFS.subPropertyOf))
    classes = {s for s in ontology.subjects(RDFS.subClassOf)} | set(ontology.objects(None, RDFS.subClassOf))
    view = set()
    for s, p, o in graph:
        if str(s).startswith(("https://w3id.org/edugraph/ontology", "http://www.w3.org/")):
            continue  # terms of the vocabularies themselves (owlrl also closes the TBox)
        if p == RDF.type and o in classes:
            view.add((s, p, o))
        elif p in properties:
            view.add((s, p, o))
    return view


@pytest.mark.parametrize("data_files", [["tests/fixtures/chain/chain.ttl"], "seed"])
def test_same_entailments_as_owlrl(ontology, data_files):
    data = Graph()
    paths = sorted((ROOT / "data").rglob("*.ttl")) if data_files == "seed" else [ROOT / f for f in data_files]
    for path in paths:
        data.parse(path)
    fast = set(data) | infer(ontology, data)

    full = Graph()
    full += ontology
    full += data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(full)

    assert product_view(Graph().__iadd__(fast_graph(fast)), ontology) == product_view(full, ontology)


def fast_graph(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g
