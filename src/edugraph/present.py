"""Presentation: query results, the query catalogue and validation reports as text, CSV, JSON, Turtle and HTML.

Library modules (`query`, `validate`) return values (`query.Result`,
`validate.ValidationReport`); the command line and the web face render them
here, so a table on the terminal and a page in the browser come from the same
objects. Nothing here computes: it only formats.
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import defaultdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from .errors import QueryError
from .namespaces import PREFIXES, SH, bind
from .serialize import turtle
from .validate import Severity, ValidationReport, pick, short_name

MAX_CELL = 60  # display columns per table cell before truncation


# --------------------------------------------------------------------------
# Query catalogue and results

def describe_catalogue(catalogue, lang: str = "en") -> str:
    if not len(catalogue):
        return f"no queries in {catalogue.directory}"
    heading = "พารามิเตอร์" if lang == "th" else "parameters"
    blocks = []
    for query in catalogue:
        lines = [f"{query.name}", f"    {query.question(lang)}"]
        if query.params:
            lines.append(f"    {heading}:")
            lines.extend(f"      {p.describe()}" for p in query.params)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)




def char_width(ch: str) -> int:
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") or ch in "\u200b\u200c\u200d":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(ch) for ch in text)


def truncate(text: str, width: int) -> str:
    """Cut to at most `width` display columns, ending in an ellipsis when cut; combining marks stay with their base."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > width - 1:
            if w == 0 and out:  # a combining mark of the last kept character
                out.append(ch)
                continue
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


_SHORT = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def short_iri(iri: str) -> str:
    for namespace, prefix in _SHORT:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def cell(term: Node | None, compact: bool = False) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return short_iri(str(term)) if compact else str(term)
    text = str(term)
    return " ".join(text.split()) if compact else text


def _json_term(term: Node | None):
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def format_result(result, fmt: str = "table", lang: str = "en") -> str:
    if fmt == "json":  # the SPARQL 1.1 Query Results JSON Format
        bindings = [{c: _json_term(v) for c, v in zip(result.columns, row) if v is not None} for row in result.rows]
        return json.dumps({"head": {"vars": result.columns}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([cell(v).replace("\t", " ").replace("\n", " ") if fmt == "tsv" else cell(v) for v in row])
        return buffer.getvalue().rstrip("\n")
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}")
    header = list(result.columns)
    body = [[truncate(cell(v, compact=True), MAX_CELL) for v in row] for row in result.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = [" | ".join(pad(h, w) for h, w in zip(header, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(pad(c, w) for c, w in zip(r, widths)).rstrip() for r in body]
    count = len(result.rows)
    lines.append(f"({count} แถว)" if lang == "th" else f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Validation reports


def summary(report: ValidationReport) -> str:
    counts = report.counts()
    head = ", ".join(f"{counts.get(s, 0)} {s.label.lower()}{'s' if counts.get(s, 0) != 1 else ''}" for s in sorted(Severity, reverse=True))
    shapes = ", ".join(f"{short_name(shape)} {n}" for (shape, _), n in sorted(report.counts_by_shape().items(), key=lambda x: (-x[0][1], str(x[0][0]))))
    return f"summary: {head}; by shape: {shapes or 'none'}"


def _grouped(report: ValidationReport):
    groups = defaultdict(lambda: defaultdict(list))
    for r in report.results:
        groups[r.office][r.plan].append(r)
    return groups


def as_text(report: ValidationReport, lang: str) -> str:
    out = []
    for office, plans in _grouped(report).items():
        first = next(iter(plans.values()))[0]
        out.append(_name(office, first.office_labels, lang, "no office"))
        for plan, results in plans.items():
            out.append(f"  {_name(plan, results[0].plan_labels, lang, 'no plan')}")
            for r in results:
                element = " ".join(x for x in (r.notation, r.label(lang)) if x)
                out.append(f"    [{r.severity.label}] {short_name(r.focus)}{'  ' + element if element else ''}")
                out.append(f"        {r.message(lang)} ({short_name(r.shape)}{', path ' + short_name(r.path) if r.path else ''})")
                if r.quote:
                    out.append(f"        {_where(r.source_document, r.line)}: \"{_clip(r.quote)}\"")
                if _evidence(r):
                    out.append(f"        {_evidence(r)}")
    out.append(summary(report))
    return "\n".join(out)


def _evidence(r) -> str:
    """The offending value's own quote and where it is, or the plain value; empty when the value is the focus."""
    if r.evidence_quote:
        return f"evidence {short_name(r.value)}, {_where(r.evidence_document, r.evidence_line)}: \"{_clip(r.evidence_quote)}\""
    if r.value is not None and r.value != r.focus:
        return f"value: {short_name(r.value) if isinstance(r.value, URIRef) else r.value}"
    return ""


def _where(document, line: int | None) -> str:
    """Where a quote is: the source text file and line, as `edugraph validate` prints it."""
    return f"{short_name(document).replace('source/', '')}.txt line {line}" if line else short_name(document)


def _clip(text: str, width: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _name(iri, labels: dict, lang: str, missing: str) -> str:
    if iri is None:
        return f"({missing})"
    label = pick(labels, lang)
    return f"{label} ({short_name(iri)})" if label else short_name(iri)


FIELDS = ["severity", "focus_node", "path", "value", "shape", "message_th", "message_en", "source_document", "source_line", "office", "plan", "notation", "label",
          "evidence_quote", "evidence_document", "evidence_line"]


def _row(r) -> dict:
    return {
        "severity": r.severity.label,
        "focus_node": str(r.focus),
        "path": str(r.path) if r.path else "",
        "value": str(r.value) if r.value is not None else "",
        "shape": str(r.shape),
        "message_th": r.messages.get("th", ""),
        "message_en": r.messages.get("en", ""),
        "source_document": str(r.source_document or ""),
        "source_line": r.line or "",
        "office": str(r.office or ""),
        "plan": str(r.plan or ""),
        "notation": r.notation or "",
        "label": r.label("th"),
        "evidence_quote": r.evidence_quote or "",
        "evidence_document": str(r.evidence_document or ""),
        "evidence_line": r.evidence_line or "",
    }


def as_json(report: ValidationReport) -> str:
    counts = report.counts()
    body = {
        "conforms": report.conforms,
        "counts": {s.label: counts.get(s, 0) for s in Severity},
        "results": [_row(r) for r in report.results],
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def as_csv(report: ValidationReport) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in report.results:
        writer.writerow(_row(r))
    return buffer.getvalue()


def report_graph(report: ValidationReport) -> Graph:
    """The standard sh:ValidationReport, with IRIs for results so the output is stable."""
    g = bind(Graph())
    node = URIRef("https://w3id.org/edugraph/validation/report")
    g.add((node, RDF.type, SH.ValidationReport))
    g.add((node, SH.conforms, Literal(report.conforms)))
    for i, r in enumerate(report.results, 1):
        res = URIRef(f"https://w3id.org/edugraph/validation/report/result/{i}")
        g.add((node, SH.result, res))
        g.add((res, RDF.type, SH.ValidationResult))
        g.add((res, SH.focusNode, r.focus))
        g.add((res, SH.sourceShape, r.shape))
        g.add((res, SH.resultSeverity, r.severity.iri))
        g.add((res, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent if r.path is None and r.value is None else SH.ConstraintComponent))
        if r.path is not None:
            g.add((res, SH.resultPath, r.path))
        if r.value is not None:
            g.add((res, SH.value, r.value))
        for lang, text in r.messages.items():
            g.add((res, SH.resultMessage, Literal(text, lang=lang or None)))
    return g


def format_report(report: ValidationReport, fmt: str, lang: str) -> str:
    if fmt == "json":
        return as_json(report)
    if fmt == "csv":
        return as_csv(report)
    if fmt == "turtle":
        return turtle(report_graph(report))
    return as_text(report, lang)
