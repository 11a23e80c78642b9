"""Numbers as plans write them: notations, values with Thai digits, Buddhist-era years."""
from __future__ import annotations

import re
from decimal import Decimal

from .text import arabic

BE_OFFSET = 543
_NUMBER = re.compile(r"^\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*$")
_YEAR = re.compile(r"(25\d\d)")


def ce(year_be: int) -> int:
    """Buddhist-era year -> Common-Era year (fiscal year N BE is FY N-543 CE)."""
    return year_be - BE_OFFSET


def value(text: str) -> Decimal | None:
    """The number a cell states when it states exactly one ("๙๓.๘๗" -> 93.87, "1,900" -> 1900), else None."""
    m = _NUMBER.match(arabic(text))
    if not m:
        return None
    whole = m.group(1).replace(",", "")
    return Decimal(f"{whole}.{m.group(2)}" if m.group(2) else whole)


def years_in(text: str) -> list[int]:
    """Buddhist-era years written in a text, in order (Thai digits read)."""
    return [int(y) for y in _YEAR.findall(arabic(text))]


def period(text: str) -> tuple[int, int] | None:
    """A period written as "2566-2570", "พ.ศ. ๒๕๖๔ - ๒๕๖๕" or a single year."""
    years = years_in(text)
    if not years:
        return None
    return (years[0], years[1]) if len(years) > 1 and years[1] >= years[0] else (years[0], years[0])
