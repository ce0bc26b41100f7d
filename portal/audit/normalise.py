"""Text as the audit compares it: punctuation, spaces, full/half width and 中文数字 vs digits folded.

Both sides of every comparison (an answer and the article it cites) go through
`normalise`, so a folding that changes an ordinary word (统一 → 统1) changes it on
both sides alike.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from portal.content.numerals import DIGITS, NUMERAL_CHARS, cn_to_int

_NUMERAL_RUN = re.compile(f"[{NUMERAL_CHARS}]+")
_DROP = re.compile(r"[\W_]+")      # punctuation, symbols, spaces: everything but letters and digits


def _numeral(m: re.Match) -> str:
    run = m.group(0)
    value = cn_to_int(run)
    if value is not None:
        return str(value)
    # not one well-formed numeral (一二, 百姓's 百): fold the digits, keep the rest
    return "".join(str(DIGITS[c]) if c in DIGITS else c for c in run)


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Comparable form: NFKC (full-width → half-width), numerals as digits, no punctuation
    (including quotes and book-title marks), symbols or spaces; Latin letters lower-case.
    Cached: an article's text is compared with every question citing it."""
    text = unicodedata.normalize("NFKC", text)
    text = _NUMERAL_RUN.sub(_numeral, text)
    return _DROP.sub("", text.casefold())


def article_text(article) -> str:
    """The article's whole text (every 款 and 项), normalised."""
    return normalise("".join(p.text for p in article.paragraphs))


def fingerprint(text: str) -> str:
    """Short, stable digest of already-normalised text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
