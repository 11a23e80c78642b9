"""What a draft holds before it is written as Turtle: the plan, its elements, targets, stated links, findings."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cell:
    """A value as written in a table cell: its text, line and (for targets) year."""
    text: str
    line: int
    year_be: int | None = None


@dataclass
class Element:
    kind: str            # the edu: class name, e.g. "OfficePolicy", "Indicator"
    notation: str | None  # Arabic digits, as numbered in the document
    label: str           # the text as written, without its number
    quote: str           # exact substring of line `line`
    line: int
    parent: "Element | None" = None
    order: int = 0
    unit_text: str | None = None
    responsible: str | None = None
    baseline: Cell | None = None
    targets: list = field(default_factory=list)     # [Cell with year_be]
    budget: Cell | None = None
    quarters: list = field(default_factory=list)
    stated: list = field(default_factory=list)      # [(evidence Cell, reference IRI or None)]
    children: list = field(default_factory=list)

    def path(self) -> tuple:
        """(kind, notation) pairs from the top-level element down to this one."""
        here = ((self.kind, self.notation),)
        return (self.parent.path() + here) if self.parent else here


@dataclass
class Finding:
    type: str            # edu: finding type name, e.g. "BlankCell"
    comment: str
    line: int
    quote: str
    concerns: Element | None = None


@dataclass
class Plan:
    kind: str            # edu: plan class
    title: str
    title_line: int
    issuer: str | None   # organisation IRI
    issuer_name: str | None
    period: tuple | None  # (start BE, end BE)


@dataclass
class Draft:
    """The outcome of reading one text."""
    source_id: str
    lines: list
    plan: Plan
    elements: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    consumed: set = field(default_factory=set)      # line numbers a rule used
    unsure: list = field(default_factory=list)      # (line, why)
    withheld: list = field(default_factory=list)    # lines with contact details, never quoted
    layouts: dict = field(default_factory=dict)     # layout kind -> line ranges
