"""Counts of a build, as a table or JSON."""
from __future__ import annotations

import json

from .build import BuildSummary
from .namespaces import EDU, GRAPH

SOURCE_PREFIX = "https://w3id.org/edugraph/id/source/"


def _short(iri: str) -> str:
    for prefix in (str(EDU), SOURCE_PREFIX, str(GRAPH)):
        if iri.startswith(prefix):
            return iri[len(prefix):]
    return iri


def as_json(summary: BuildSummary) -> str:
    return json.dumps(
        {
            "version": summary.version,
            "asserted": summary.asserted,
            "inferred": summary.inferred,
            "triples_per_graph": summary.triples,
            "elements": summary.elements,
            "empty_documents": summary.empty,
        },
        ensure_ascii=False,
        indent=2,
        sort_keys=True,
    )


def as_table(summary: BuildSummary) -> str:
    lines = [f"edugraph {summary.version}: {summary.asserted:,} triples asserted, {summary.inferred:,} inferred"]
    if summary.seconds:
        steps = ", ".join(f"{k} {v:.2f} s" for k, v in summary.seconds.items() if k != "total")
        lines[0] += f" ({steps}; {summary.seconds['total']:.2f} s in all)"
    if summary.work:
        lines[0] += f"; office documents: {summary.work['built']} built, {summary.work['cached']} from .edugraph-cache"
    if summary.empty:
        lines.append(f"office documents holding no triples, so left out: {', '.join(summary.empty)}")
    columns = _columns(summary.elements)
    if not columns:
        return "\n".join(lines + ["no elements"])
    classes = sorted({c for counts in columns.values() for c in counts}, key=_short)
    width = max(len(_short(c)) for c in classes)
    lines.append("elements per class and source document (public: sources outside the seeds, e.g. the Royal Gazette)")
    lines.append(f"{'class':<{width}}  " + "  ".join(f"{h:>8}" for h in columns))
    for cls in classes:
        lines.append(f"{_short(cls):<{width}}  " + "  ".join(f"{c.get(cls, 0):>8}" for c in columns.values()))
    lines.append(f"{'total':<{width}}  " + "  ".join(f"{sum(c.values()):>8}" for c in columns.values()))
    return "\n".join(lines)


def _columns(elements: dict) -> dict:
    """Counts per seed document (named by its number) and one column for all public sources."""
    columns, public = {}, {}
    for source, counts in sorted(elements.items()):
        if source.startswith(SOURCE_PREFIX):
            columns[_short(source).split("_")[0]] = counts
        else:
            for cls, n in counts.items():
                public[cls] = public.get(cls, 0) + n
    if public:
        columns["public"] = public
    return columns
