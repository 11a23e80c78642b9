"""The "not understood" report: every content line no rule consumed, every cell the drafter was unsure of, the share consumed."""
from __future__ import annotations

from .model import Draft
from .text import EMAIL, PHONE, arabic

REPORT_LINE = 160


def masked(text: str) -> str:
    """The line with e-mail addresses and phone numbers blanked out (same length)."""
    text = EMAIL.sub(lambda m: "*" * len(m.group(0)), text)
    digits = arabic(text)
    for m in reversed(list(PHONE.finditer(digits))):
        text = text[:m.start()] + "*" * (m.end() - m.start()) + text[m.end():]
    return text


def content_lines(draft: Draft) -> list[int]:
    return [n for n, line in enumerate(draft.lines, 1) if line.strip()]


def unconsumed(draft: Draft) -> list[int]:
    return [n for n in content_lines(draft) if n not in draft.consumed]


def share_consumed(draft: Draft) -> float:
    lines = content_lines(draft)
    return 1 - len(unconsumed(draft)) / len(lines) if lines else 0.0


def render(draft: Draft, no_english: list[str]) -> str:
    out = [f"# edugraph draft report: {draft.source_id}", ""]
    out.append(f"plan: {draft.plan.title} ({draft.plan.kind}; issuer {draft.plan.issuer or draft.plan.issuer_name}; "
               f"period {'-'.join(map(str, draft.plan.period)) if draft.plan.period else 'not read'})")
    lines = content_lines(draft)
    out.append(f"content lines consumed: {len(lines) - len(unconsumed(draft))} of {len(lines)} ({share_consumed(draft):.1%})")
    out.append("layouts: " + "; ".join(f"{name} (from line {min(at)})" for name, at in sorted(draft.layouts.items())))
    out += ["", f"## not understood ({len(unconsumed(draft))} lines)"]
    for n in unconsumed(draft):
        note = "  [contact details withheld]" if n in draft.withheld else ""
        out.append(f"{n}: {masked(draft.lines[n - 1].strip())[:REPORT_LINE]}{note}")
    out += ["", f"## unsure ({len(draft.unsure)} cells)"]
    out += [f"{n}: {why}" for n, why in sorted(draft.unsure)]
    out += ["", f"## findings ({len(draft.findings)})"]
    out += [f"{f.line}: {f.type}: {f.comment}" for f in draft.findings]
    out += ["", f"## elements without an English label ({len(no_english)}): the reviewer writes them"]
    out += no_english
    return "\n".join(out) + "\n"
