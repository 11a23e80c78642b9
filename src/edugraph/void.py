"""The VoID and DCAT description that goes with every export.

What it states: title and description (th, en), publisher, license, version,
release date, triple counts per named graph, classes and properties with
counts, example resources, vocabularies, the SPARQL endpoint when known, and
one dcat:Distribution per exported file with its media type, size and sha256.

Every node has an IRI minted below the dataset IRI (no blank nodes), so the
canonical Turtle of the description is byte-identical for the same inputs and
its diff between two releases reads line by line.

The release date must not change on every run (exports stay byte-identical).
It is, in order: $SOURCE_DATE_EPOCH (the reproducible-builds convention) as a
UTC date; else the date of the newest git commit that touched ontology/ or
data/ (read with `git log`, nothing is written); else the ontology's
dcterms:modified or dcterms:created. Outside a git checkout with no
SOURCE_DATE_EPOCH the date comes from the ontology.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, VOID, XSD

from . import __version__
from .load import to_rdflib
from .namespaces import EDU, GRAPH, ID, ONTOLOGY_IRI, PREFIXES, SPDX, bind

DATASET = ID["dataset/edugraph"]
PUBLISHER = ID["agent/edugraph-editors"]
DEFAULT_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
SD = "http://www.w3.org/ns/sparql-service-description#"

TITLE = {
    "en": "edugraph: the knowledge graph of Thai basic-education planning",
    "th": "edugraph: กราฟความรู้แผนการศึกษาขั้นพื้นฐานของไทย",
}
DESCRIPTION = {
    "en": (
        "The development plans, policies, strategies, indicators and targets of Thai Educational Service "
        "Area Offices, linked to the National Strategy, its master plans and the policies of the Ministry "
        "of Education and OBEC. Every element is traceable to a quote of its source document; the "
        "inferred named graph holds the entailments of the edugraph ontology."
    ),
    "th": (
        "แผนพัฒนาการศึกษา นโยบาย กลยุทธ์ ตัวชี้วัด และค่าเป้าหมายของสำนักงานเขตพื้นที่การศึกษา "
        "เชื่อมโยงกับยุทธศาสตร์ชาติ แผนแม่บท และนโยบายของกระทรวงศึกษาธิการและสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน "
        "ทุกรายการอ้างอิงข้อความจากเอกสารต้นฉบับ กราฟ inferred เก็บข้อสรุปที่อนุมานจากออนโทโลยี edugraph"
    ),
}

MEDIA_TYPES = {
    ".trig": "application/trig",
    ".ttl": "text/turtle",
    ".nq": "application/n-quads",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
}

# Example resources: the first instance (by IRI) of each of these classes.
EXAMPLE_CLASSES = [EDU.DevelopmentPlan, EDU.OfficePolicy, EDU.Indicator, EDU.Target, EDU.OBECPolicyItem, EDU.MasterPlan]


@dataclass(frozen=True)
class FileInfo:
    relative: str  # path below the export folder, with "/"
    media_type: str
    size: int
    sha256: str


def file_info(root: Path, path: Path) -> FileInfo:
    data = path.read_bytes()
    return FileInfo(
        relative=path.relative_to(root).as_posix(),
        media_type=MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def release_date(root: Path, ontology: Graph | None = None) -> _dt.date | None:
    """A date that changes with the inputs, not with the clock (see the module docstring)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    if (root / ".git").exists():
        try:
            out = subprocess.run(
                ["git", "-C", str(root), "log", "-1", "--format=%cs", "--", "ontology", "data"],
                capture_output=True, text=True, timeout=20, check=False,
            ).stdout.strip()
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", out):
                return _dt.date.fromisoformat(out)
        except (OSError, subprocess.SubprocessError):
            pass
    if ontology is not None:
        for prop in (DCTERMS.modified, DCTERMS.created, DCTERMS.issued):
            for value in sorted(ontology.objects(URIRef(ONTOLOGY_IRI), prop)):
                try:
                    return _dt.date.fromisoformat(str(value)[:10])
                except ValueError:
                    continue
    return None


def _slug(iri: str) -> str:
    """A readable, stable IRI path segment for a class or property IRI (edu-Indicator)."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda x: -len(str(x[1]))):
        if iri.startswith(str(ns)) and iri[len(str(ns)):]:
            return quote(f"{prefix}-{iri[len(str(ns)):]}", safe="-_.~")
    return "iri-" + hashlib.sha256(iri.encode()).hexdigest()[:16]


def _graph_name(identifier: str) -> str:
    return identifier[len(str(GRAPH)):] if identifier.startswith(str(GRAPH)) else identifier


def _namespace(iri: str) -> str | None:
    for ns in sorted((str(n) for n in PREFIXES.values()), key=len, reverse=True):
        if iri.startswith(ns):
            return ns
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > len("https://") else None


def describe(
    graphs: Iterable[tuple[str, set]],
    files: Iterable[FileInfo],
    *,
    fmt: str,
    inferred: bool,
    date: _dt.date | None = None,
    sparql_endpoint: str | None = None,
    ontology: Graph | None = None,
) -> Graph:
    """The VoID + DCAT description of the exported graphs, (IRI, pyoxigraph triples) pairs, and files."""
    graphs = sorted(graphs, key=lambda g: g[0])
    d = bind(Graph())
    ds = DATASET
    d.add((ds, RDF.type, VOID.Dataset))
    d.add((ds, RDF.type, DCAT.Dataset))
    for lang, text in TITLE.items():
        d.add((ds, DCTERMS.title, Literal(text, lang=lang)))
    for lang, text in DESCRIPTION.items():
        d.add((ds, DCTERMS.description, Literal(text, lang=lang)))
    d.add((ds, DCTERMS.publisher, PUBLISHER))
    d.add((PUBLISHER, RDF.type, FOAF.Agent))
    d.add((PUBLISHER, FOAF.name, Literal("edugraph editors", lang="en")))
    d.add((PUBLISHER, FOAF.name, Literal("คณะผู้จัดทำ edugraph", lang="th")))
    licenses = sorted(ontology.objects(URIRef(ONTOLOGY_IRI), DCTERMS.license)) if ontology is not None else []
    for lic in licenses or [DEFAULT_LICENSE]:
        d.add((ds, DCTERMS.license, lic))
    d.add((ds, URIRef(str(DCAT) + "version"), Literal(__version__)))  # DCAT 3
    d.add((ds, OWL.versionInfo, Literal(__version__)))
    if date is not None:
        d.add((ds, DCTERMS.issued, Literal(date.isoformat(), datatype=XSD.date)))
        d.add((ds, DCTERMS.modified, Literal(date.isoformat(), datatype=XSD.date)))
    d.add((ds, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)))
    d.add((ds, VOID.uriSpace, Literal(str(ID))))
    d.add((ds, VOID.feature, URIRef("http://www.w3.org/ns/formats/" + {
        "turtle": "Turtle", "trig": "TriG", "nquads": "N-Quads", "ntriples": "N-Triples", "jsonld": "JSON-LD"}[fmt])))
    d.add((ds, RDFS.comment, Literal(
        "asserted and inferred triples" if inferred else "asserted triples only (no inferred named graph)", lang="en")))
    if sparql_endpoint:
        d.add((ds, VOID.sparqlEndpoint, URIRef(sparql_endpoint)))

    # Triples per named graph: each graph is a void:Dataset subset named by its graph IRI.
    total = 0
    classes, properties = Counter(), Counter()
    subjects, objects = set(), set()
    vocabularies = set()
    instances = {}
    rdf_type = ox.NamedNode(str(RDF.type))
    for name, triples in graphs:
        n = len(triples)
        total += n
        gi = URIRef(name)
        d.add((ds, VOID.subset, gi))
        d.add((gi, RDF.type, VOID.Dataset))
        d.add((gi, RDF.type, URIRef(SD + "NamedGraph")))
        d.add((gi, URIRef(SD + "name"), gi))
        d.add((gi, DCTERMS.title, Literal(_graph_name(name))))
        d.add((gi, VOID.triples, Literal(n)))
        for s, p, o in triples:
            properties[p] += 1
            subjects.add(s)
            objects.add(o)
            if p == rdf_type and not isinstance(o, ox.Literal):
                classes[o] += 1
                if not isinstance(s, ox.BlankNode):
                    instances.setdefault(o, set()).add(s)
    d.add((ds, VOID.triples, Literal(total)))
    d.add((ds, VOID.distinctSubjects, Literal(len(subjects))))
    d.add((ds, VOID.distinctObjects, Literal(len(objects))))
    d.add((ds, VOID.entities, Literal(sum(1 for s in subjects if isinstance(s, ox.NamedNode) and s.value.startswith(str(ID))))))
    d.add((ds, VOID.classes, Literal(len(classes))))
    d.add((ds, VOID.properties, Literal(len(properties))))

    for cls, n in classes.items():
        part = URIRef(f"{ds}/class/{_slug(cls.value)}")
        d.add((ds, VOID.classPartition, part))
        d.add((part, VOID["class"], to_rdflib(cls)))
        d.add((part, VOID.triples, Literal(n)))  # rdf:type triples naming the class
        d.add((part, VOID.entities, Literal(len(instances.get(cls, ())))))
        if isinstance(cls, ox.NamedNode):
            ns = _namespace(cls.value)
            if ns:
                vocabularies.add(ns)
    for prop, n in properties.items():
        part = URIRef(f"{ds}/property/{_slug(prop.value)}")
        d.add((ds, VOID.propertyPartition, part))
        d.add((part, VOID.property, to_rdflib(prop)))
        d.add((part, VOID.triples, Literal(n)))
        ns = _namespace(prop.value)
        if ns:
            vocabularies.add(ns)
    for ns in vocabularies:
        if ns != str(ID) and ns != str(GRAPH):
            d.add((ds, VOID.vocabulary, URIRef(ns)))

    for cls in EXAMPLE_CLASSES:
        members = sorted(instances.get(ox.NamedNode(str(cls)), ()), key=lambda t: t.value)
        if members:
            d.add((ds, VOID.exampleResource, to_rdflib(members[0])))

    for info in files:
        dist = URIRef(f"{ds}/distribution/{fmt}/{quote(info.relative, safe='/-_.~')}")
        checksum = URIRef(f"{dist}/sha256")
        d.add((ds, DCAT.distribution, dist))
        d.add((dist, RDF.type, DCAT.Distribution))
        d.add((dist, DCTERMS.title, Literal(info.relative)))
        d.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{info.media_type}")))
        d.add((dist, DCTERMS["format"], Literal(info.media_type)))
        d.add((dist, DCAT.byteSize, Literal(info.size, datatype=XSD.nonNegativeInteger)))
        d.add((dist, DCAT.downloadURL, URIRef(quote(info.relative, safe="/-_.~"))))
        d.add((dist, SPDX.checksum, checksum))
        d.add((checksum, RDF.type, SPDX.Checksum))
        d.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        d.add((checksum, SPDX.checksumValue, Literal(info.sha256, datatype=XSD.hexBinary)))
        d.add((dist, DCTERMS.license, (licenses or [DEFAULT_LICENSE])[0]))
    return d
