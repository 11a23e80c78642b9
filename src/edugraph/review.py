"""Suggestions as records and as a review sheet: `edugraph suggest --write / --review`, `edugraph review apply`.

Files (all under data/):

* `data/suggested/<document>.ttl`: the suggestions for one office document's
  elements, as `edu:Alignment` records with `edu:basis edu:Suggested`, a score,
  the evidence (`rdfs:comment`), attributed to the software agent and generated
  by one `prov:Activity` that names the method, its settings and the version.
  Never an `edu:serves` triple. Written canonically, so the same data gives the
  same bytes.
  The build keeps these graphs in dist/ but does not reason over them (they
  name office elements, which would tie every office document to them).
* the office document itself (`data/seeds/<document>.ttl`), beside its other
  curated links: suggestions a reviewer accepted, as curated records
  (`edu:serves` and its `edu:Curated` record with the rationale, attributed to
  the editors), numbered after the element's other records, appended in one
  block that says where it came from.
* `data/review/rejected.csv`: element, candidate and rationale of every
  rejected suggestion; such a pair is never suggested again.

A review sheet is a CSV file of suggestions with empty `decision` and
`rationale` columns and the build stamp of the data it was made from; a sheet
made before the data changed (for instance before another sheet was applied)
is refused, as is any row whose IRIs, pair or decision is wrong: nothing is
written unless every row is good.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from . import __version__
from .errors import InputError
from .load import to_ox
from .namespaces import EDU, ID
from .project import Project
from .serialize import block, turtle_from_block, write_atomically
from .suggest import METHOD, MIN_SCORE, Corpus, Scorer, Settings, Suggestion, select_elements, top

SUGGESTER = ID["agent/edugraph-suggester"]
EDITORS = ID["agent/edugraph-editors"]
SHEET_COLUMNS = ["element", "element label", "candidate", "candidate label", "score", "evidence", "decision", "rationale", "build"]
REJECTED_COLUMNS = ["element", "candidate", "rationale"]
SEEDS = "https://w3id.org/edugraph/graph/seeds/"


def suggested_dir(project: Project) -> Path:
    return project.root / "data" / "suggested"


def document_file(project: Project, stem: str) -> Path:
    return project.root / "data" / "seeds" / f"{stem}.ttl"


def rejected_file(project: Project) -> Path:
    return project.root / "data" / "review" / "rejected.csv"


def build_stamp(project: Project) -> str:
    """A short hash of the version and every input but the suggestion files: what a review sheet was made from."""
    inputs = {k: v for k, v in project.fingerprint().items() if not k.startswith("data/suggested/")}
    return hashlib.sha256(json.dumps([__version__, inputs], sort_keys=True).encode("utf-8")).hexdigest()[:16]


def read_rejected(project: Project) -> set:
    path = rejected_file(project)
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8", newline="") as handle:
        return {(row["element"], row["candidate"]) for row in csv.DictReader(handle)}


@dataclass
class Run:
    """One `edugraph suggest`: the corpus read, the scorer, and the chosen suggestions in element order."""

    corpus: Corpus
    scorer: Scorer
    suggestions: list
    documents: list  # the office document graphs the chosen elements belong to

    def rows(self) -> list[list]:
        """element, label, framework, candidate, label, score, evidence: one row per suggestion."""
        out = []
        for s in self.suggestions:
            element, candidate = self.corpus.elements[s.element], self.corpus.candidates[s.candidate]
            out.append([s.element, element.label, s.framework, s.candidate, candidate.label, s.score, s.evidence(self.corpus)])
        return out


def suggest(project: Project, office=None, plan=None, element=None, frameworks=None, k: int = 3,
            min_score: float = MIN_SCORE, whole_documents: bool = False, settings: Settings = Settings()) -> Run:
    """The best k suggestions per framework for the chosen elements (every element of their documents if `whole_documents`)."""
    from .build import load_store

    corpus = Corpus.read(load_store(project))
    chosen = select_elements(corpus, office, plan, element)
    if whole_documents:
        documents = {corpus.elements[e].document for e in chosen}
        chosen = sorted(e for e, x in corpus.elements.items() if x.document in documents)
    scorer = Scorer(corpus, settings)
    ranked = scorer.rank(chosen, frameworks=frameworks, rejected=read_rejected(project), k=k)
    suggestions = [scorer.explain(s) for e in chosen for s in top(ranked[e], k, min_score)]
    return Run(corpus, scorer, suggestions, sorted({corpus.elements[e].document for e in chosen}))


# --------------------------------------------------------------------------
# Suggestion records

def _activity() -> URIRef:
    return ID[f"activity/suggest/{__version__}"]


def record_iri(suggestion: Suggestion) -> URIRef:
    """<element>/alignment/suggested/<candidate path below id/>: one record per pair, stable across runs."""
    return URIRef(f"{suggestion.element}/alignment/suggested/{suggestion.candidate[len(str(ID)):]}")


def _document_stem(document: str) -> str:
    if not document.startswith(SEEDS):
        raise InputError(f"{document} is not an office document graph")
    return document[len(SEEDS):]


def suggestion_triples(run: Run, settings: Settings):
    """(document stem, the pyoxigraph triples of its suggestion records) for each document with suggestions, in
    stem order; one document's triples at a time, so a national run never holds them all (millions of triples)."""
    activity = _activity()
    about = [
        (activity, RDF.type, PROV.Activity),
        (activity, PROV.wasAssociatedWith, SUGGESTER),
        (activity, RDFS.label, Literal(f"edugraph suggest {__version__}", lang="en")),
        (activity, DCTERMS.description, Literal(f"method {METHOD}, edugraph {__version__}; settings {settings}", lang="en")),
    ]
    by_stem = defaultdict(list)
    for s in run.suggestions:
        by_stem[_document_stem(run.corpus.elements[s.element].document)].append(s)
    for stem in sorted(by_stem):
        triples = list(about)
        for s in by_stem[stem]:
            record = record_iri(s)
            triples += [
                (URIRef(s.element), EDU.hasAlignment, record),
                (record, RDF.type, EDU.Alignment),
                (record, EDU.alignedTo, URIRef(s.candidate)),
                (record, EDU.basis, EDU.Suggested),
                (record, EDU.score, Literal(f"{s.score:.3f}", datatype=XSD.decimal)),
                (record, RDFS.comment, Literal(s.evidence(run.corpus))),
                (record, PROV.wasAttributedTo, SUGGESTER),
                (record, PROV.wasGeneratedBy, activity),
            ]
        yield stem, {tuple(to_ox(t) for t in triple) for triple in triples}


def write_suggestions(project: Project, run: Run, settings: Settings = Settings()) -> list[Path]:
    """Replace the suggestion file of every document the run covers (removed when it has none); return the files written."""
    written = []
    for stem, triples in suggestion_triples(run, settings):
        written.append(suggested_dir(project) / f"{stem}.ttl")
        write_atomically(written[-1], turtle_from_block(*block(triples, "")))
    for stem in {_document_stem(d) for d in run.documents} - {path.stem for path in written}:
        (suggested_dir(project) / f"{stem}.ttl").unlink(missing_ok=True)
    return written


# --------------------------------------------------------------------------
# Review sheets

def review_sheet(project: Project, run: Run) -> str:
    """The run's suggestions as a CSV review sheet (decision and rationale left for the reviewer)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SHEET_COLUMNS)
    stamp = build_stamp(project)
    for element, label, _, candidate, candidate_label, score, evidence in run.rows():
        writer.writerow([element, label, candidate, candidate_label, f"{score:.3f}", evidence, "", "", stamp])
    return buffer.getvalue()


@dataclass
class Applied:
    accepted: list  # (element, candidate, record IRI)
    rejected: list  # (element, candidate)
    files: list  # paths written


_NUMBERED = re.compile(r"/alignment/(\d+)$")


def apply_sheet(project: Project, sheet: Path) -> Applied:
    """Accepted rows become curated records, rejected rows are remembered; a bad row changes nothing (InputError)."""
    from .build import load_store

    try:
        text = Path(sheet).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{sheet}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{sheet}: not UTF-8") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != SHEET_COLUMNS:
        raise InputError(f"{sheet}:1: the header must be {','.join(SHEET_COLUMNS)}")
    corpus = Corpus.read(load_store(project))
    stamp = build_stamp(project)
    rejected_before = read_rejected(project)
    decisions = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(SHEET_COLUMNS):
            raise InputError(f"{sheet}:{line}: {len(row)} columns, expected {len(SHEET_COLUMNS)}")
        cells = dict(zip(SHEET_COLUMNS, (c.strip() for c in row)))
        element, candidate, decision = cells["element"], cells["candidate"], cells["decision"].lower()
        if cells["build"] != stamp:
            raise InputError(f"{sheet}:{line}: the sheet was made from other data (build {cells['build'] or 'missing'}, now {stamp}); "
                             "make a new sheet with `edugraph suggest --review`")
        if element not in corpus.elements:
            raise InputError(f"{sheet}:{line}: unknown office element {element}")
        if candidate not in corpus.candidates:
            raise InputError(f"{sheet}:{line}: unknown framework item {candidate}")
        if decision not in ("accept", "reject", ""):
            raise InputError(f"{sheet}:{line}: decision {cells['decision']!r} is not accept or reject")
        schemes = {s.iri for s in corpus.schemes_for(corpus.elements[element])}
        if corpus.candidates[candidate].scheme not in schemes:
            raise InputError(f"{sheet}:{line}: {candidate} is not a framework item {element} may serve (period or planning level)")
        if decision == "accept" and candidate in corpus.links.get(element, {}):
            raise InputError(f"{sheet}:{line}: {element} serves {candidate} already")
        if decision:
            decisions.append((decision, element, candidate, cells["rationale"], cells["evidence"]))
    accepted, rejected, by_stem = [], [], {}
    taken = {}
    for decision, element, candidate, rationale, evidence in decisions:
        if decision == "reject":
            if (element, candidate) not in rejected_before:
                rejected.append((element, candidate, rationale))
            continue
        rationale = rationale or f"accepted suggestion: {evidence}"
        number = taken.get(element) or _last_record_number(corpus, load_store(project), element)
        taken[element] = number + 1
        record = URIRef(f"{element}/alignment/{number + 1}")
        stem = _document_stem(corpus.elements[element].document)
        by_stem.setdefault(stem, []).extend([
            (URIRef(element), EDU.serves, URIRef(candidate)),
            (URIRef(element), EDU.hasAlignment, record),
            (record, RDF.type, EDU.Alignment),
            (record, EDU.alignedTo, URIRef(candidate)),
            (record, EDU.basis, EDU.Curated),
            (record, EDU.rationale, Literal(rationale)),
            (record, PROV.wasAttributedTo, EDITORS),
        ])
        accepted.append((element, candidate, str(record)))
    files = []
    for stem, triples in sorted(by_stem.items()):
        path = document_file(project, stem)
        added = turtle_from_block(*block({tuple(to_ox(t) for t in x) for x in triples}, ""))
        text = path.read_text(encoding="utf-8").rstrip("\n")
        write_atomically(path, f"{text}\n\n# Curated: suggestions accepted in review ({Path(sheet).name}, `edugraph review apply`)\n{added}")
        files.append(path)
    if rejected:
        path = rejected_file(project)
        rows = []
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                rows = [[r["element"], r["candidate"], r["rationale"]] for r in csv.DictReader(handle)]
        rows += [list(r) for r in rejected]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(REJECTED_COLUMNS)
        writer.writerows(sorted(rows))
        write_atomically(path, buffer.getvalue())
        files.append(path)
    return Applied(accepted, [(e, c) for e, c, _ in rejected], files)


def _last_record_number(corpus: Corpus, store: ox.Store, element: str) -> int:
    """The highest n of the element's <element>/alignment/<n> records."""
    numbers = [0]
    for _, _, record, _ in store.quads_for_pattern(ox.NamedNode(element), ox.NamedNode(str(EDU.hasAlignment)), None):
        match = _NUMBERED.search(record.value)
        if match:
            numbers.append(int(match.group(1)))
    return max(numbers)
