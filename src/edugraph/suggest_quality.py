"""How good suggestions are: precision@1, recall@5 and MRR against stated and curated links, document held out.

Gold: each office element's stated and curated links to framework items,
grouped by scheme (one query per element and scheme). An element is scored
with its whole source document held out: its own links and those of its
neighbours in the same document are unseen, as for a new plan (`suggest.training`).
A gold link to a scheme that does not apply to the element's plan counts as
missed. Two baselines stand beside the method: a random ranking (its
expected figures, computed exactly) and the most-linked candidate of the
scheme in the other documents.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .suggest import Corpus, Scorer, Settings

PRIOR_ONLY = Settings(text=0.0, neighbour=0.0, prior=1.0)


def framework_name(corpus: Corpus, scheme: str) -> str:
    """The framework, with the scheme's plan name where the framework has several (OBEC policy years)."""
    framework = corpus.schemes[scheme].framework
    if sum(s.framework == framework for s in corpus.schemes.values()) > 1:
        return scheme.rsplit("/", 1)[1]
    return framework


def gold(corpus: Corpus) -> dict:
    """(element, scheme) -> the candidates the element is linked to (stated or curated) in that scheme."""
    out = defaultdict(set)
    for element, targets in corpus.links.items():
        for candidate in targets:
            out[(element, corpus.candidates[candidate].scheme)].add(candidate)
    return dict(out)


def precision_at_1(ranking: list, relevant: set) -> float:
    return 1.0 if ranking and ranking[0] in relevant else 0.0


def recall_at(ranking: list, relevant: set, k: int = 5) -> float:
    return len(relevant & set(ranking[:k])) / len(relevant)


def reciprocal_rank(ranking: list, relevant: set) -> float:
    return next((1.0 / (i + 1) for i, c in enumerate(ranking) if c in relevant), 0.0)


def random_expectation(n: int, g: int, k: int = 5) -> tuple[float, float, float]:
    """Expected P@1, R@k and reciprocal rank of a uniformly random ranking of n candidates, g of them relevant."""
    p1 = g / n
    recall = min(k, n) / n
    rr, miss = 0.0, 1.0  # miss: probability that the first r-1 ranks hold no relevant candidate
    for r in range(1, n - g + 2):
        hit = g / (n - r + 1)
        rr += miss * hit / r
        miss *= 1 - hit
    return p1, recall, rr


@dataclass
class Figures:
    queries: int = 0
    links: int = 0
    p1: float = 0.0
    r5: float = 0.0
    mrr: float = 0.0

    def add(self, p1: float, r5: float, rr: float, links: int) -> None:
        self.queries += 1
        self.links += links
        self.p1 += p1
        self.r5 += r5
        self.mrr += rr

    def mean(self) -> dict:
        n = self.queries or 1
        return {"queries": self.queries, "links": self.links, "p1": self.p1 / n, "r5": self.r5 / n, "mrr": self.mrr / n}


def evaluate(corpus: Corpus, settings: Settings = Settings(), scorer: Scorer | None = None) -> dict:
    """framework name -> {method, most-linked, random} -> mean figures, leave-one-document-out; "all" sums every query."""
    truth = gold(corpus)
    elements = sorted({e for e, _ in truth})
    method = scorer or Scorer(corpus, settings)
    rankings = {}
    for name, s in (("method", method), ("most-linked", Scorer(corpus, PRIOR_ONLY, vectors_from=method))):
        ranked = s.rank(elements, exclude_known=False)
        rankings[name] = {(e, corpus.candidates[x.candidate].scheme): [] for e in elements for x in ranked[e]}
        for e in elements:
            for x in ranked[e]:
                rankings[name][(e, corpus.candidates[x.candidate].scheme)].append(x.candidate)
    pool = defaultdict(int)
    for c in corpus.candidates.values():
        pool[c.scheme] += 1
    out = defaultdict(lambda: defaultdict(Figures))
    for (element, scheme), relevant in sorted(truth.items()):
        name = framework_name(corpus, scheme)
        for key in ("method", "most-linked"):
            ranking = rankings[key].get((element, scheme), [])
            figures = (precision_at_1(ranking, relevant), recall_at(ranking, relevant), reciprocal_rank(ranking, relevant))
            out[name][key].add(*figures, len(relevant))
            out["all"][key].add(*figures, len(relevant))
        figures = random_expectation(pool[scheme], len(relevant))
        out[name]["random"].add(*figures, len(relevant))
        out["all"]["random"].add(*figures, len(relevant))
    return {name: {k: f.mean() for k, f in methods.items()} for name, methods in sorted(out.items())}


def score_floors(corpus: Corpus, floors=(0.0, 0.05, 0.1, 0.15, 0.2), k: int = 3, settings: Settings = Settings()) -> list[dict]:
    """What a minimum score keeps of the best k suggestions per scheme, leave-one-document-out.

    For each floor: the share of the gold links found in the best k that score
    at or above it (`gold kept`), the share of every element's best k kept
    (`suggestions kept`: what --write records and a reviewer reads), and the
    share of gold among the kept suggestions of elements with gold links
    (`precision`).
    """
    truth = gold(corpus)
    scorer = Scorer(corpus, settings)
    ranked = scorer.rank(sorted({e for e, _ in truth}), exclude_known=False)
    hits, misses = [], []
    for (element, scheme), relevant in truth.items():
        for s in [x for x in ranked[element] if corpus.candidates[x.candidate].scheme == scheme][:k]:
            (hits if s.candidate in relevant else misses).append(s.score)
    everything = [s.score for suggestions in scorer.rank(sorted(corpus.elements), k=k).values() for s in suggestions]
    out = []
    for floor in floors:
        kept_hits, kept_misses = sum(v >= floor for v in hits), sum(v >= floor for v in misses)
        out.append({"floor": floor, "gold kept": kept_hits / max(1, len(hits)),
                    "suggestions kept": sum(v >= floor for v in everything) / max(1, len(everything)),
                    "precision": kept_hits / max(1, kept_hits + kept_misses)})
    return out
