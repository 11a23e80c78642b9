"""Thai text into comparable pieces: dictionary words (pythainlp's newmm) and character n-grams.

Thai writes no spaces between words. `words` cuts a text with pythainlp's
default dictionary tokenizer (newmm), which ships its dictionary in the wheel
and downloads nothing, and keeps the content words: Thai or Latin letters or
digits, at least two characters, not on pythainlp's Thai stop-word list.
`ngrams` gives overlapping character n-grams of each whitespace-separated run,
which need no dictionary at all and match inflected or misspelt words partly.
The first call loads the dictionary (about 0.6 s); later calls are cheap.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_KEEP = re.compile(r"[0-9A-Za-z\u0E00-\u0E7F]")
_RUNS = re.compile(r"[0-9A-Za-z\u0E00-\u0E7F]+")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")  # for str.translate: Thai digits as Arabic


def normalise(text: str) -> str:
    """NFC, Thai digits as Arabic, lower case: the form every comparison starts from."""
    return unicodedata.normalize("NFC", text).translate(THAI_DIGITS).lower()


@lru_cache(maxsize=1)
def _stopwords() -> frozenset:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def tokens(text: str) -> list[str]:
    """Every dictionary word of the text, in order (spaces and punctuation dropped)."""
    from pythainlp.tokenize import word_tokenize

    return [t for t in word_tokenize(normalise(text), engine="newmm", keep_whitespace=False) if _KEEP.search(t)]


def words(text: str) -> list[str]:
    """The content words of the text, in order: tokens of two or more characters that are not stop words."""
    stop = _stopwords()
    return [t for t in tokens(text) if len(t) > 1 and t not in stop]


_NOMINALISERS = ("ความ", "การ")


def stem(word: str) -> str:
    """The word without a leading nominaliser: การเรียนรู้ and เรียนรู้, ความเสมอภาค and เสมอภาค are one word.

    Thai makes a noun of a verb or an adjective by putting การ or ความ before
    it, and the tokenizer keeps the pair as one word; plans write both forms of
    the same idea ("ส่งเสริมการเรียนรู้", "ผู้เรียนเรียนรู้"). Only a remainder of
    two or more characters is kept (การ alone stays การ).
    """
    for prefix in _NOMINALISERS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


def ngrams(text: str, sizes: tuple[int, ...] = (2, 3)) -> list[str]:
    """Overlapping character n-grams of each run of letters and digits; a run shorter than every n is itself one."""
    out = []
    for run in _RUNS.findall(normalise(text)):
        if len(run) < min(sizes):
            out.append(run)
        for n in sizes:
            out.extend(run[i:i + n] for i in range(len(run) - n + 1))
    return out
