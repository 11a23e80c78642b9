"""Suggested alignments: rank the framework items an office element may serve, with a score and evidence.

What is read (`Corpus.read`, from the build's loaded store):

* office elements: every plan element of an office document (a graph below
  graph/seeds/) of the kinds in `KINDS`, its Thai label, and the labels of
  what is part of it (its guidelines, indicators, activities);
* candidates: the items of the reference frameworks in `FRAMEWORKS`, each in
  its scheme (the plan it belongs to: the National Strategy, OBEC's policy of a
  fiscal year, ...), with the labels of its sub-items;
* links: each office element's stated and curated `edu:serves` records, and
  what it serves already (`edu:servesTransitive`).

How a candidate is scored (`Scorer`): three parts, each in 0-1, summed with
weights that add up to 1, so the score is in 0-1 too.

* text: the cosine of TF-IDF vectors of character 3- and 4-grams of the
  element's text (its label, and with half the weight the labels of what is
  part of it) and the candidate's label;
* neighbour: the cosines between the element and the elements of other
  documents already linked (stated or curated) to the candidate, combined as a
  4-norm capped at 1 (the nearest one counts most, several near ones more than
  one); the nearest is named in the evidence;
* prior: how often elements of other documents are linked to the candidate,
  relative to the most-linked candidate of its scheme (weight 0 in the
  default settings: every weight above 0 lowered the benchmark's score; it is
  the benchmark's "most-linked" baseline on its own).

The weights (text 0.6, neighbour 0.4) and the rest of `Settings` were chosen by
the leave-one-document-out MRR over all frameworks (benchmarks/suggest.py --grid).

Only elements of other documents count as neighbours and for the prior, so the
score an element gets does not depend on links of its own document: the
benchmark's leave-one-document-out figures are the figures of this method.

A scheme applies to an element when its period overlaps the element's plan;
for a framework none of whose schemes overlaps, the latest scheme that ended
before the plan applies (the policy still in force). A candidate is never
proposed against the planning levels (ontology: edu:planningLevel), nor when
the element serves it already (stated, curated or through what it is part
of), nor when a reviewer rejected it (`rejected`).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pyoxigraph as ox
from scipy import sparse

from . import thai
from .errors import UsageError
from .namespaces import EDU, GRAPH, ID

METHOD = "char-ngram-tfidf+linked-neighbours"
#: the default minimum score: leave-one-document-out on the seeds, every gold link among an element's best 3
#: scores at least this, and about two fifths of all suggestions score less (benchmarks/suggest.py, "score floors")
MIN_SCORE = 0.05
SEEDS_GRAPH = str(GRAPH["seeds/"])

#: framework name -> the classes of its candidate items
FRAMEWORKS = {
    "national-strategy": ("NationalStrategyArea",),
    "master-plan": ("MasterPlan", "MasterSubPlan"),
    "moe-policy": ("MOEPolicyItem",),
    "obec-policy": ("OBECPolicyItem",),
    "quick-win": ("QuickWin",),
}

#: the office elements suggestions are made for
KINDS = (
    "Strategy", "StrategicIssue", "OfficePolicy", "FocusPoint", "Goal", "Guideline", "Measure", "Indicator",
    "Project", "Activity", "Mission", "ManagementModel", "ModelComponent",
)


@dataclass(frozen=True)
class Settings:
    """The method's settings, chosen by the leave-one-document-out benchmark (benchmarks/suggest.py)."""

    text: float = 0.6
    neighbour: float = 0.4
    prior: float = 0.0
    ngrams: tuple = (3, 4)
    descendants: float = 0.5  # weight of the labels of what is part of an element against its own label
    sub_items: bool = False  # a candidate's text includes its sub-items' labels
    power: float = 4.0  # neighbour channel: p-norm of the similarities of the linked elements (0: the best one alone)


@dataclass
class Scheme:
    iri: str
    framework: str
    start: int | None  # BE
    end: int | None
    level: int | None


@dataclass
class Candidate:
    iri: str
    scheme: str
    label: str
    text: str
    parts: tuple = ()  # the IRIs whose labels make up `text`: itself first, then its sub-items


@dataclass
class Element:
    iri: str
    kind: str
    label: str
    text: str
    document: str  # the named graph of its source file
    plan: str
    office: str
    start: int | None
    end: int | None
    level: int | None
    parts: tuple = ()  # the IRIs whose labels make up `text`: itself first, then what is part of it


@dataclass
class Corpus:
    elements: dict  # IRI -> Element
    candidates: dict  # IRI -> Candidate
    schemes: dict  # IRI -> Scheme
    links: dict  # element IRI -> {candidate IRI: basis local name} (stated and curated records)
    serves: dict  # element IRI -> set of IRIs it serves already (edu:servesTransitive)
    labels: dict = field(default_factory=dict)  # IRI -> English label, where there is one
    thai: dict = field(default_factory=dict)  # IRI -> Thai label (else any), of every IRI in an element's or candidate's parts
    _schemes: dict = field(default_factory=dict, repr=False, compare=False)  # (period, level, frameworks) -> schemes_for's answer

    @classmethod
    def read(cls, store: ox.Store) -> "Corpus":
        return _read(store)

    def schemes_for(self, element: Element, frameworks=None) -> list[Scheme]:
        """The schemes whose period overlaps the element's plan; else per framework the latest one before it."""
        key = (element.start, element.end, element.level, None if frameworks is None else tuple(sorted(frameworks)))
        found = self._schemes.get(key)
        if found is None:
            found = self._schemes[key] = [s for s in self.schemes_during(element.start, element.end, frameworks)
                                          if _upward(element, s)]
        return found

    def schemes_during(self, start: int | None, end: int | None, frameworks=None, in_force: bool = True) -> list[Scheme]:
        """The schemes whose period overlaps start-end (BE; all when neither is known); else, with in_force, per
        framework the latest one that ended before it (the policy still in force)."""
        out = []
        by_framework = defaultdict(list)
        for scheme in self.schemes.values():
            if frameworks is None or scheme.framework in frameworks:
                by_framework[scheme.framework].append(scheme)
        start, end = (start if start is not None else end), (end if end is not None else start)
        for name in sorted(by_framework):
            schemes = sorted(by_framework[name], key=lambda s: (s.end or 0, s.iri))
            if start is None:
                out.extend(schemes)
                continue
            overlapping = [s for s in schemes if s.start is None or s.end is None or (s.start <= end and start <= s.end)]
            if overlapping:
                out.extend(overlapping)
            elif in_force:
                earlier = [s for s in schemes if s.end is not None and s.end < start]
                out.extend(earlier[-1:])
        return out


def _upward(element: Element, scheme: Scheme) -> bool:
    """The alignment-direction rule: a link points to the same or a higher planning level (same office at level 1)."""
    if element.level is None or scheme.level is None:
        return True
    return scheme.level > element.level or (scheme.level == element.level and scheme.level > 1)


# --------------------------------------------------------------------------
# Reading the store
# --------------------------------------------------------------------------

_PREFIXES = f"PREFIX edu: <{EDU}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def _select(store: ox.Store, query: str):
    return store.query(_PREFIXES + query, use_default_graph_as_union=True)


def _int(term) -> int | None:
    return int(term.value) if term is not None else None


def _levels(store: ox.Store) -> dict:
    """plan IRI -> (start BE, end BE, planning level, issuer)."""
    plans = {}
    for row in _select(store, """
        SELECT ?plan ?start ?end ?issuer (MAX(?own) AS ?ownLevel) (MAX(?by) AS ?issuerLevel) WHERE {
          ?plan a edu:Plan .
          OPTIONAL { ?plan edu:periodStartBE ?start }
          OPTIONAL { ?plan edu:periodEndBE ?end }
          OPTIONAL { ?plan a ?c . ?c edu:planningLevel ?own }
          OPTIONAL { ?plan edu:issuer ?issuer . ?issuer a ?i . ?i edu:planningLevel ?by }
        } GROUP BY ?plan ?start ?end ?issuer"""):
        level = row["ownLevel"] if row["ownLevel"] is not None else row["issuerLevel"]
        plans[row["plan"].value] = (_int(row["start"]), _int(row["end"]), _int(level),
                                    row["issuer"].value if row["issuer"] is not None else "")
    return plans


def _thai_labels(store: ox.Store) -> tuple[dict, dict]:
    """IRI -> Thai label (else any label), IRI -> English label."""
    th, en = {}, {}
    for s, _, o, _ in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), None):
        if not isinstance(o, ox.Literal) or not isinstance(s, ox.NamedNode):
            continue
        if o.language == "en":
            en.setdefault(s.value, o.value)
            th.setdefault(s.value, None)
        elif o.language == "th" or not o.language:
            th[s.value] = o.value if th.get(s.value) is None or o.language == "th" else th[s.value]
    return {k: v if v is not None else en.get(k, "") for k, v in th.items()}, en


def _read(store: ox.Store) -> Corpus:
    plans = _levels(store)
    labels, english = _thai_labels(store)
    part_of = ox.NamedNode(str(EDU.partOf))
    children = defaultdict(list)
    for s, _, o, _ in store.quads_for_pattern(None, part_of, None):
        if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
            children[o.value].append(s.value)

    def descendants(iri: str) -> list[str]:
        out, todo, seen = [], list(children.get(iri, ())), {iri}
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            out.append(node)
            todo.extend(children.get(node, ()))
        return sorted(out)

    def parts_of(iri: str) -> tuple:
        return tuple(n for n in [iri] + descendants(iri) if labels.get(n))

    def text_of(iri: str) -> str:
        return "\n".join(labels[n] for n in parts_of(iri))

    schemes, candidates = {}, {}
    for framework, classes in FRAMEWORKS.items():
        values = " ".join(f"edu:{c}" for c in classes)
        for row in _select(store, f"""
            SELECT DISTINCT ?item ?plan WHERE {{
              VALUES ?k {{ {values} }} ?item a ?k .
              ?item edu:partOfTransitive ?plan . ?plan a edu:Plan .
            }}"""):
            item, plan = row["item"].value, row["plan"].value
            if plan == item:
                continue
            start, end, level, _ = plans.get(plan, (None, None, None, ""))
            schemes.setdefault(plan, Scheme(plan, framework, start, end, level))
            candidates[item] = Candidate(item, plan, labels.get(item, ""), text_of(item), parts_of(item))
        for row in _select(store, f"""
            SELECT DISTINCT ?item WHERE {{
              VALUES ?k {{ {values} }} ?item a ?k ; a edu:Plan .
              FILTER NOT EXISTS {{ ?item edu:partOfTransitive ?outer . ?outer a edu:Plan . FILTER(?outer != ?item) }}
            }}"""):
            # master plans: plans themselves, gathered in one scheme per framework
            item = row["item"].value
            start, end, level, _ = plans.get(item, (None, None, None, ""))
            scheme = str(ID[f"{framework}"])
            schemes.setdefault(scheme, Scheme(scheme, framework, start, end, level))
            candidates[item] = Candidate(item, scheme, labels.get(item, ""), labels.get(item, ""))
            for sub in descendants(item):
                if sub in candidates:
                    candidates[sub].scheme = scheme
            candidates[item].text, candidates[item].parts = text_of(item), parts_of(item)
    used = {c.scheme for c in candidates.values()}
    schemes = {k: v for k, v in schemes.items() if k in used}

    elements = {}
    kinds = " ".join(f"edu:{k}" for k in KINDS)
    for row in _select(store, f"""
        SELECT ?e ?kind ?g ?plan WHERE {{
          VALUES ?kind {{ {kinds} }}
          GRAPH ?g {{ ?e a ?kind }}
          FILTER(STRSTARTS(STR(?g), "{SEEDS_GRAPH}"))
          ?e edu:partOfTransitive ?plan . ?plan a edu:Plan .
        }}"""):
        iri, plan = row["e"].value, row["plan"].value
        if iri in elements:
            continue
        start, end, level, issuer = plans.get(plan, (None, None, None, ""))
        elements[iri] = Element(iri, row["kind"].value.rsplit("#", 1)[1], labels.get(iri, ""), text_of(iri),
                                row["g"].value, plan, issuer, start, end, level, parts_of(iri))

    links = defaultdict(dict)
    for row in _select(store, """
        SELECT ?e ?h ?basis WHERE {
          ?e edu:hasAlignment ?a . ?a edu:alignedTo ?h ; edu:basis ?basis .
          FILTER(?basis IN (edu:Stated, edu:Curated))
        }"""):
        e, h = row["e"].value, row["h"].value
        if e in elements and h in candidates:
            links[e][h] = row["basis"].value.rsplit("#", 1)[1]
    serves = defaultdict(set)
    transitive = ox.NamedNode(str(EDU.servesTransitive))
    for s, _, o, _ in store.quads_for_pattern(None, transitive, None):
        if s.value in elements and o.value in candidates:
            serves[s.value].add(o.value)
    used_labels = {n for x in (*elements.values(), *candidates.values()) for n in x.parts}
    return Corpus(elements, candidates, schemes, dict(links), dict(serves), english, {n: labels[n] for n in used_labels})


# --------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------

def _counts(texts: list[str], sizes: tuple):
    """Raw counts of character n-grams, one row per text."""
    vocabulary, rows, cols, vals = {}, [], [], []
    for i, text in enumerate(texts):
        counts = Counter(thai.ngrams(text, sizes))
        rows.extend([i] * len(counts))
        cols.extend(vocabulary.setdefault(gram, len(vocabulary)) for gram in counts)
        vals.extend(counts.values())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocabulary)), dtype=np.float64)


def text_similarities(queries: list[str], texts: list[str], sizes: tuple = Settings.ngrams) -> np.ndarray:
    """The text channel of `Scorer` for free texts: cosines of TF-IDF vectors of character n-grams, one row per
    query, one column per text; the idf is taken over the queries and texts together."""
    vectors = _tfidf(_counts(list(queries) + list(texts), sizes))
    return (vectors[:len(queries)] @ vectors[len(queries):].T).toarray()


def _tfidf(counts):
    """TF-IDF rows of a count matrix: sublinear tf (1 + log n), smoothed idf over its rows, unit length."""
    counts = sparse.csr_matrix(counts)
    counts.data = 1.0 + np.log(counts.data)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + counts.shape[0]) / (1 + df)) + 1.0
    return _unit(counts @ sparse.diags(idf))


def _incidence(groups: list, position: dict, width: int):
    """A 0/1 matrix: row i has a 1 at the position of every IRI of groups[i]."""
    rows = [i for i, group in enumerate(groups) for n in group if n in position]
    cols = [position[n] for group in groups for n in group if n in position]
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(groups), width))


def _unit(matrix):
    """The rows of a sparse matrix scaled to unit length (zero rows stay zero)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


class _Products:
    """Cosines of element vectors with a fixed set of unit vectors (the candidates, or the linked elements).

    The result is dense (every element against every one of the set), so a
    sparse-by-sparse product spends most of its time building it: on 245
    generated offices that was 138 of 182 s. The n-grams the set uses most
    (those that fit `budget` entries) are multiplied as dense matrices, the
    rest sparsely; the sum is the same cosine to within 1e-14.
    """

    def __init__(self, elements, others, budget: int = 1 << 24):
        others = sparse.csr_matrix(others)
        df = np.diff(others.tocsc().indptr)
        used = np.flatnonzero(df)
        width = min(len(used), max(1, budget // max(1, others.shape[0])))
        frequent = used[np.argsort(-df[used], kind="stable")]
        dense, rest = np.sort(frequent[:width]), np.sort(frequent[width:])
        self.rows_dense, self.rows_rest = elements[:, dense].tocsr(), elements[:, rest].tocsr()
        self.dense = others[:, dense].toarray().T
        self.rest = sparse.csr_matrix(others[:, rest].T)

    def __call__(self, rows) -> np.ndarray:
        """The cosines of the elements at positions `rows` (one row each) with every vector of the set."""
        out = self.rows_dense[rows].toarray() @ self.dense
        if self.rest.nnz:
            out += (self.rows_rest[rows] @ self.rest).toarray()
        return out


@dataclass
class Suggestion:
    element: str
    candidate: str
    framework: str
    score: float
    text: float
    neighbour: float
    prior: float
    words: list  # shared content words, most telling first
    nearest: str | None  # the most similar element of another document linked to the candidate
    nearest_similarity: float = 0.0

    def evidence(self, corpus: Corpus) -> str:
        parts = []
        if self.words:
            parts.append("shared words: " + ", ".join(self.words))
        if self.nearest:
            near = corpus.elements[self.nearest]
            name = "id:" + near.iri[len(str(ID)):] if near.iri.startswith(str(ID)) else near.iri
            label = near.label if len(near.label) <= 60 else near.label[:59] + "…"
            parts.append(f"nearest linked element: {name} ({label}), similarity {self.nearest_similarity:.2f}")
        return "; ".join(parts) if parts else "similar characters only"


def training(corpus: Corpus, document: str) -> dict:
    """The links an element of `document` may learn from: the stated and curated links of every other document."""
    return {e: c for e, c in corpus.links.items() if corpus.elements[e].document != document}


class Scorer:
    """Scores every (element, candidate) pair of a corpus, using links of other documents only."""

    def __init__(self, corpus: Corpus, settings: Settings = Settings(), vectors_from: "Scorer | None" = None):
        """`vectors_from`: a scorer of the same corpus whose text vectors are reused (only the weights differ)."""
        self.corpus, self.settings = corpus, settings
        self.element_ids = sorted(corpus.elements)
        self.candidate_ids = sorted(corpus.candidates)
        self.row = {e: i for i, e in enumerate(self.element_ids)}
        self.col = {c: i for i, c in enumerate(self.candidate_ids)}
        if vectors_from is not None:
            self.elements, self.candidates = vectors_from.elements, vectors_from.candidates
        else:
            # an element's text is its label and those of what is part of it: n-grams are counted once
            # per label and summed (as counting over the joined text would; no n-gram spans two labels)
            nodes = sorted(corpus.thai)
            position = {n: i for i, n in enumerate(nodes)}
            counts = _counts([corpus.thai[n] for n in nodes], settings.ngrams)
            elements = [corpus.elements[e] for e in self.element_ids]
            candidates = [corpus.candidates[c] for c in self.candidate_ids]
            groups = ([(x.iri,) for x in elements] + [x.parts for x in elements]
                      + [x.parts if settings.sub_items else (x.iri,) for x in candidates])
            vectors = _tfidf(_incidence(groups, position, len(nodes)) @ counts)
            n, d = len(self.element_ids), settings.descendants
            self.elements = _unit((1 - d) * vectors[:n] + d * vectors[n:2 * n])
            self.candidates = vectors[2 * n:]
        self.pools = defaultdict(list)  # scheme IRI -> its candidates, sorted
        for c in self.candidate_ids:
            self.pools[corpus.candidates[c].scheme].append(c)
        self.pool_columns = {scheme: np.array([self.col[c] for c in pool], dtype=np.int64) for scheme, pool in self.pools.items()}
        self._idf_words = None
        # a text's content words, and their stems (`thai.stem`): plans repeat labels, each is cut once
        self._words = cache(lambda text: frozenset(thai.words(text)))
        self._stems = cache(lambda text: frozenset(thai.stem(w) for w in self._words(text)))
        self._normalised = {}  # label IRI -> its normalised label
        self._common = {}  # scheme IRI -> the words every candidate of it has

    def rank(self, elements: list[str], frameworks=None, exclude_known: bool = True, rejected=frozenset(),
             k: int | None = None) -> dict:
        """element IRI -> its suggestions per applicable scheme, best first (ties by candidate IRI); the best k of each if k.

        Elements are scored one document at a time: a document's elements against
        the linked elements of every other document (`training`).
        """
        corpus, s = self.corpus, self.settings
        by_document = defaultdict(list)
        for e in elements:
            by_document[corpus.elements[e].document].append(e)
        # every link, grouped by candidate column: (linked element's position among `trained`, candidate column)
        trained = sorted(corpus.links)
        index = {t: i for i, t in enumerate(trained)}
        pairs = sorted((self.col[c], index[t]) for t in trained for c in corpus.links[t])
        link_cols = np.array([j for j, _ in pairs], dtype=np.int64)
        link_rows = np.array([t for _, t in pairs], dtype=np.int64)
        groups = np.flatnonzero(np.r_[True, link_cols[1:] != link_cols[:-1]]) if len(pairs) else np.array([], dtype=np.int64)
        trained_docs = np.array([corpus.elements[t].document for t in trained], dtype=object)
        to_candidates = _Products(self.elements, self.candidates)
        to_trained = _Products(self.elements, self.elements[[self.row[t] for t in trained]]) if trained else None
        counts = np.bincount(link_cols, minlength=len(self.candidate_ids)) if len(pairs) else np.zeros(len(self.candidate_ids))
        out = {}
        for document in sorted(by_document):
            members = sorted(by_document[document])
            rows = [self.row[e] for e in members]
            text = to_candidates(rows)
            neighbour = np.zeros_like(text)
            nearest = np.full(text.shape, -1, dtype=np.int64)
            nearest_similarity = np.zeros_like(text)
            prior = counts.astype(np.float64)
            if trained:
                own = trained_docs == document
                sims = to_trained(rows)
                sims[:, own] = 0.0  # the element's own document is unseen (`training`)
                prior -= np.bincount(link_cols[own[link_rows]], minlength=len(self.candidate_ids))
                gathered = sims[:, link_rows]
                bounds = list(groups) + [len(pairs)]
                for a, b in zip(bounds[:-1], bounds[1:]):
                    j = link_cols[a]
                    best = gathered[:, a:b].argmax(axis=1)
                    nearest_similarity[:, j] = gathered[np.arange(len(members)), a + best]
                    nearest[:, j] = np.where(nearest_similarity[:, j] > 0, link_rows[a + best], -1)
                    if s.power:
                        neighbour[:, j] = np.minimum(1.0, (gathered[:, a:b] ** s.power).sum(axis=1) ** (1 / s.power))
                    else:
                        neighbour[:, j] = nearest_similarity[:, j]
            base = s.text * text + s.neighbour * neighbour
            for i, e in enumerate(members):
                element = corpus.elements[e]
                known = corpus.serves.get(e, set()) | set(corpus.links.get(e, ())) if exclude_known else set()
                ranked = []
                for scheme in corpus.schemes_for(element, frameworks):
                    pool, columns = self.pools[scheme.iri], self.pool_columns[scheme.iri]
                    top = prior[columns].max() if len(columns) else 0.0
                    # rounded far below the 4 places shown, so that equal texts tie exactly whatever order
                    # the dense product summed them in, and ties stay in IRI order
                    scores = np.round(base[i, columns] + (s.prior * prior[columns] / top if top > 0 else 0.0), 12)
                    order = np.argsort(-scores, kind="stable")  # pools are sorted by IRI: ties stay in IRI order
                    taken = 0
                    for n in order:
                        c = pool[n]
                        if c in known or (e, c) in rejected:
                            continue
                        j = columns[n]
                        near = trained[nearest[i, j]] if nearest[i, j] >= 0 else None
                        ranked.append(Suggestion(e, c, scheme.framework, round(float(min(1.0, scores[n])), 4), float(text[i, j]),
                                                 float(neighbour[i, j]), float(prior[j] / top) if top > 0 else 0.0, [], near,
                                                 float(nearest_similarity[i, j])))
                        taken += 1
                        if k is not None and taken == k:
                            break
                ranked.sort(key=lambda x: (x.framework, -x.score, x.candidate))
                out[e] = ranked
        return out

    def explain(self, suggestion: Suggestion, limit: int = 5) -> Suggestion:
        """Fill in the content words the element's text shares with the candidate (its own and its sub-items'), rarest first.

        A word counts when it is a word of both texts (pythainlp's dictionary
        tokenizer; with or without a nominaliser, `thai.stem`), not a run of
        letters inside a longer word ("ริ" inside "จริยธรรม"), and when not every candidate of the scheme has it ("ชาติ"
        in each National Strategy area's name says nothing). Only the labels
        of an element that contain one of the candidate's words are cut into
        words, each distinct label once.
        """
        corpus = self.corpus
        if self._idf_words is None:
            df = defaultdict(int)
            for c in corpus.candidates.values():
                for w in self._words(c.text):
                    df[w] += 1
            self._idf_words = df
        element = corpus.elements[suggestion.element]
        candidate = corpus.candidates[suggestion.candidate]
        common = self._common_words(candidate.scheme)
        wanted = {thai.stem(w): w for w in sorted(self._words(candidate.text)) if w not in common}
        shared = set()
        for part in element.parts:
            label = self._normalised.get(part)
            if label is None:
                label = self._normalised[part] = thai.normalise(corpus.thai[part])
            if any(s in label and wanted[s] not in shared for s in wanted):
                shared.update(wanted[s] for s in self._stems(corpus.thai[part]) if s in wanted)
        suggestion.words = sorted(shared, key=lambda w: (self._idf_words.get(w, 0), -len(w), w))[:limit]
        return suggestion

    def _common_words(self, scheme: str) -> frozenset:
        """The words every candidate of a scheme of two or more has."""
        common = self._common.get(scheme)
        if common is None:
            pool = [self.corpus.candidates[c] for c in self.pools[scheme]]
            sets = [self._words(c.text) for c in pool]
            common = self._common[scheme] = frozenset.intersection(*sets) if len(sets) > 1 else frozenset()
        return common


def top(ranked: list[Suggestion], k: int, min_score: float = 0.0) -> list[Suggestion]:
    """The best k suggestions of each framework, at or above min_score."""
    out, seen = [], defaultdict(int)
    for s in ranked:
        if s.score >= min_score and seen[s.framework] < k:
            seen[s.framework] += 1
            out.append(s)
    return out


def select_elements(corpus: Corpus, office: str | None = None, plan: str | None = None, element: str | None = None) -> list[str]:
    """The office elements one of office / plan / element names (all when none is given)."""
    chosen = sorted(corpus.elements)
    if office:
        iri = office if "://" in office else str(ID[f"org/{office}"])
        chosen = [e for e in chosen if corpus.elements[e].office == iri]
        if not chosen:
            raise UsageError(f"no office elements for office {iri}")
    if plan:
        iri = plan if "://" in plan else str(ID[f"plan/{plan}"])
        chosen = [e for e in chosen if corpus.elements[e].plan == iri]
        if not chosen:
            raise UsageError(f"no office elements in plan {iri}")
    if element:
        iri = element if "://" in element else str(ID[element])
        if iri not in corpus.elements:
            raise UsageError(f"{iri} is not an office element suggestions are made for")
        chosen = [iri] if iri in chosen else []
    return chosen
