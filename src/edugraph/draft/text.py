"""Reading a plan's text: checks on the bytes, Thai digits, matching keys that see through extraction damage, contact details."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..integrity import EMAIL, PHONE  # one rule for contact details, the data's check and the drafter's alike
from ..thai import THAI_DIGITS

PAGE_HEADER = re.compile(r"(?:^|\s)หน้า\s*[\d๐-๙]+\s*$|^\s*[-–]\s*[\d๐-๙]+\s*[-–]\s*$")
# words with า that font damage writes with ำ ("สำนักงำน"); the damaged form is recorded as an extraction finding
DAMAGE_WORDS = ["งาน", "การ", "ศึกษา", "สถาน", "ภาษา", "ผ่าน", "ตาม", "ความ", "ราย", "ภาค", "ปาง", "ชาติ", "บาล", "พัฒนา"]
_THAI_DIGIT = re.compile("[๐-๙]")
_SPACES = re.compile(r"[\s\u200b]+")


@lru_cache(maxsize=65536)   # the rules ask about the same lines many times
def arabic(text: str) -> str:
    """Thai digits as Arabic digits (๓.๑๒ -> 3.12); everything else unchanged."""
    return text.translate(THAI_DIGITS) if _THAI_DIGIT.search(text) else text


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A matching key: Arabic digits, no spaces, and ำ folded into า so that a
    font-damaged "สำนักงำน" matches "สำนักงาน". Used to recognise keywords only;
    quotes and labels always keep the text as written."""
    return _SPACES.sub("", arabic(text)).replace("ำ", "า")


def has_contact(text: str) -> bool:
    """Whether the text holds an e-mail address or a phone number."""
    return bool(EMAIL.search(text) or PHONE.search(arabic(text)))


def damaged(text: str) -> list[str]:
    """Words of the text written with ำ where า belongs (font-encoding damage), e.g. ["งำน", "กำร"]."""
    return [w.replace("า", "ำ") for w in DAMAGE_WORDS if w.replace("า", "ำ") in text]


def read_lines(path: Path) -> tuple[str, list[str]]:
    """The file's text and its lines (1-based line n is lines[n-1]).

    Raises InputError for a missing, binary, non-UTF-8 or empty file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"edugraph draft: cannot read {path}: {exc.strerror}") from None
    if b"\x00" in data:
        raise InputError(f"edugraph draft: {path} is a binary file, not a plan's text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"edugraph draft: {path} is not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise InputError(f"edugraph draft: {path} is empty")
    return text, text.split("\n")
