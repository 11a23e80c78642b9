"""Content negotiation: the media type to answer with, from `Accept` (q-values honoured) or a file suffix."""
from __future__ import annotations

import pyoxigraph as ox

HTML = "text/html"

# representations of an entity: suffix -> media type, and the pyoxigraph format of the RDF ones
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
SUFFIXES = {".html": HTML, ".ttl": "text/turtle", ".jsonld": "application/ld+json", ".nt": "application/n-triples"}
ALIASES = {"application/xhtml+xml": HTML, "application/x-turtle": "text/turtle", "application/json": "application/ld+json",
           "text/plain": "application/n-triples"}

# SPARQL results: media type -> pyoxigraph format
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
RESULT_ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml",
                  "text/xml": "application/sparql-results+xml"}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """(media range, q) pairs in the order of preference: higher q first, then more specific, then as written."""
    ranges = []
    for position, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        ranges.append((media, q, specificity, position))
    ranges.sort(key=lambda r: (-r[1], -r[2], r[3]))
    return [(media, q) for media, q, _, _ in ranges]


def choose(header: str | None, offered: list[str], aliases: dict | None = None) -> str | None:
    """The offered media type the client prefers most (the first offered wins a tie), or None.

    A media range matches an offered type exactly, through an alias, or by
    wildcard (`text/*`, `*/*`); q=0 excludes a type.
    """
    aliases = aliases or {}
    best, best_q, best_rank = None, 0.0, None
    for rank, kind in enumerate(offered):
        q = _quality(header, kind, aliases)
        if q > best_q or (q == best_q and q > 0 and best_rank is None):
            best, best_q, best_rank = kind, q, rank
    return best


def _quality(header: str | None, kind: str, aliases: dict) -> float:
    """The q the most specific matching range of `header` gives `kind` (RFC 9110 section 12.5.1)."""
    major = kind.split("/")[0]
    found = None
    for media, q in parse_accept(header):
        media = aliases.get(media, media)
        specificity = 2 if media == kind else 1 if media == f"{major}/*" else 0 if media == "*/*" else -1
        if specificity >= 0 and (found is None or specificity > found[0]):
            found = (specificity, q)
    return found[1] if found else 0.0
