"""Registering a source text as the existing ones are: a copy under data/sources/ (contact details masked), its SHA-256, an edu:SourceDocument."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..integrity import redact
from .numbers import ce

_SUM = re.compile(r'<https://w3id.org/edugraph/id/source/([^/>]+)/(?:original/)?checksum>.*?spdx:checksumValue "([0-9a-f]{64})"', re.S)
PROV = "http://www.w3.org/ns/prov#"
SIZE = "<http://www.w3.org/ns/dcat#byteSize>"
COMMENT = "<http://www.w3.org/2000/01/rdf-schema#comment>"


@dataclass
class Registration:
    source_id: str       # file name without .txt
    new: bool            # False when these bytes are already registered under this name
    entry: str = ""      # Turtle to append to sources.ttl when new
    copy: bytes = b""    # what to write to data/sources/<source_id>.txt when new


def registered(sources_ttl: Path) -> dict:
    """SHA-256 -> source id of every registered source (a redacted copy's original too)."""
    text = sources_ttl.read_text(encoding="utf-8")
    return {digest: sid for sid, digest in _SUM.findall(text)}


def plan_registration(path: Path, data: bytes, sources_dir: Path, title: str, issuer: str | None, period) -> Registration:
    """What registering `path` takes; raises InputError when its bytes are registered under another name.

    The copy has its phone numbers and e-mail addresses masked (docs/data-conventions.md,
    "Personal data"); the entry then records the original's SHA-256 and the redaction."""
    text, masked = redact(data.decode("utf-8"))
    copy = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    known = registered(sources_dir / "sources.ttl")
    stem = Path(path).stem
    if digest in known:
        if known[digest] != stem and Path(path).resolve() != (sources_dir / f"{known[digest]}.txt").resolve():
            raise InputError(f"edugraph draft: {path} is already registered as source {known[digest]}; draft that file")
        return Registration(known[digest], False)
    if (sources_dir / f"{stem}.txt").exists() and re.fullmatch(r"\d{3}_[0-9a-f]{16}", stem):
        raise InputError(f"edugraph draft: data/sources/{stem}.txt exists with other bytes; it is not this file")
    numbers = [int(p.name[:3]) for p in sources_dir.glob("[0-9][0-9][0-9]_*.txt")]
    sid = f"{max(numbers, default=-1) + 1:03d}_{digest[:16]}"
    iri = f"https://w3id.org/edugraph/id/source/{sid}"
    lines = [
        "",
        f"<{iri}> a edu:SourceDocument ;",
        f'    dcterms:identifier "{sid}.txt" ;',
        f'    dcterms:title "{_escape(title)}"@th ;',
    ]
    if issuer:
        lines.append(f"    edu:issuer <{issuer}> ;")
    if period:
        lines.append(f"    edu:periodStartBE {period[0]} ; edu:periodStart {ce(period[0])} ;")
        lines.append(f"    edu:periodEndBE {period[1]} ; edu:periodEnd {ce(period[1])} ;")
    lines += [
        '    dcterms:format "text/plain" ;',
        '    dcterms:language "th" ;',
        f"    dcat:downloadURL <https://w3id.org/edugraph/source/{sid}.txt> ;",
    ]
    if masked:   # the copy is not the file as received: say what it was derived from, and how
        lines += [f"    {SIZE} {len(copy)} ;", f"    <{PROV}wasDerivedFrom> <{iri}/original> ;",
                  f"    <{PROV}wasGeneratedBy> <{iri}/redaction> ;"]
    lines += [f"    spdx:checksum <{iri}/checksum> .", "", *_checksum(f"{iri}/checksum", hashlib.sha256(copy).hexdigest())]
    if masked:
        where = ", ".join(str(n) for n in masked)
        lines += [
            f"<{iri}/original> a <{PROV}Entity> ;",
            f'    {COMMENT} "The file as received, before redaction; not kept in the repository because it holds contact details."@en ;',
            f"    {SIZE} {len(data)} ;",
            f"    spdx:checksum <{iri}/original/checksum> .",
            "",
            *_checksum(f"{iri}/original/checksum", digest),
            f"<{iri}/redaction> a <{PROV}Activity> ;",
            f"    <{PROV}used> <{iri}/original> ;",
            f"    {COMMENT} \"Lines {where}: phone numbers and e-mail addresses masked character for character "
            "('x', or '•' for a Thai digit; spaces and dashes kept); every other byte unchanged.\"@en .",
            "",
        ]
    return Registration(sid, True, "\n".join(lines), copy)


def _checksum(node: str, value: str) -> list[str]:
    return [f"<{node}> a spdx:Checksum ;", "    spdx:algorithm spdx:checksumAlgorithm_sha256 ;",
            f'    spdx:checksumValue "{value}" .', ""]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
