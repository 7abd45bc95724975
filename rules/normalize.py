"""One normal form for report text and keywords: simplified, half-width, lower case, no invisible characters."""

from __future__ import annotations

import re
import threading
import unicodedata

import opencc

_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2028-\u202f\u205f-\u206f\ufeff\u00ad]+")
_local = threading.local()  # an OpenCC converter is not documented as thread-safe: one per thread


def _t2s() -> opencc.OpenCC:
    conv = getattr(_local, "t2s", None)
    if conv is None:
        conv = _local.t2s = opencc.OpenCC("t2s")
    return conv


def normalize(text: str) -> str:
    """Return ``text`` in the form keywords are matched in.

    Full-width forms become half-width (NFKC), traditional characters simplified, Latin letters lower
    case, and white space and zero-width characters removed (they only hide words from a keyword).

    >>> normalize("３號樓 電梯ＡＢ")
    '3号楼电梯ab'
    """
    folded = unicodedata.normalize("NFKC", text)
    if not folded.isascii():
        folded = _t2s().convert(folded)
    return _INVISIBLE.sub("", folded).lower()
