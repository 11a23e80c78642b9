"""The ontology parses, labels and defines every term, and stays inside OWL 2 RL."""
import owlrl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from edugraph.namespaces import EDU

from helpers import FIXTURES, ROOT


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ROOT / "ontology" / "edugraph.ttl")


def terms(ontology):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return sorted({s for k in kinds for s in ontology.subjects(RDF.type, k) if str(s).startswith(str(EDU))})


def test_declares_the_core_terms(ontology):
    names = {str(t)[len(str(EDU)):] for t in terms(ontology)}
    for expected in ["Indicator", "Target", "OfficePolicy", "OBECPolicyItem", "NationalStrategyArea", "Alignment",
                     "serves", "servesTransitive", "partOf", "partOfTransitive", "sourceQuote", "Finding"]:
        assert expected in names


def test_every_term_has_thai_and_english_labels_and_an_english_definition(ontology):
    missing = []
    for term in terms(ontology):
        langs = {l.language for l in ontology.objects(term, RDFS.label)}
        defs = {d.language for d in ontology.objects(term, SKOS.definition)}
        if not {"th", "en"} <= langs or "en" not in defs:
            missing.append(str(term))
        if (term, RDFS.isDefinedBy, URIRef("https://w3id.org/edugraph/ontology")) not in ontology:
            missing.append(f"{term} (isDefinedBy)")
    assert missing == []


def test_every_english_definition_has_one_thai_definition(ontology):
    missing = []
    for term in terms(ontology):
        defs = list(ontology.objects(term, SKOS.definition))
        if not any(d.language == "en" for d in defs):
            continue
        thai = [d for d in defs if d.language == "th"]
        if len(thai) != 1:
            missing.append(f"{term} ({len(thai)} Thai definitions)")
        elif not any("\u0e00" <= c <= "\u0e7f" for c in thai[0]):
            missing.append(f"{term} (Thai definition has no Thai characters)")
    assert missing == []


def test_header_metadata(ontology):
    header = URIRef("https://w3id.org/edugraph/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert (header, URIRef("http://purl.org/dc/terms/license"), URIRef("https://creativecommons.org/licenses/by/4.0/")) in ontology
    assert {l.language for l in ontology.objects(header, RDFS.label)} == {"th", "en"}


# Constructs OWL 2 RL allows in the places this ontology uses them. Anything
# else (unions or existentials in a superclass, cardinalities, disjoint unions)
# would take the ontology out of the profile owlrl implements.
RL_CONSTRUCTS = {
    OWL.Ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.TransitiveProperty,
    OWL.FunctionalProperty, OWL.AnnotationProperty, OWL.propertyChainAxiom, OWL.inverseOf, RDFS.subClassOf, RDFS.subPropertyOf,
    RDFS.domain, RDFS.range, OWL.equivalentClass, OWL.equivalentProperty, OWL.versionIRI, OWL.versionInfo,
}


def test_uses_only_owl2rl_constructs(ontology):
    used = {p for p in ontology.predicates() if str(p).startswith(str(OWL))}
    used |= {o for o in ontology.objects(None, RDF.type) if str(o).startswith(str(OWL))}
    assert used <= RL_CONSTRUCTS, used - RL_CONSTRUCTS


def test_owlrl_closure_is_consistent_with_data(ontology):
    g = Graph()
    g += ontology
    g.parse(FIXTURES / "chain" / "chain.ttl")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert list(g.subjects(RDF.type, OWL.Nothing)) == []
    surprises = [(a, b) for a, b in g.subject_objects(OWL.sameAs) if a != b]
    assert surprises == []
