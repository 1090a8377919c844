"""The two text normalisers everyone shares: `fold` for matching names, `clean` for printing."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s_\-]+")

# C0/C1 controls (ESC, so ANSI sequences too), bidi marks, embeddings, overrides and isolates
# (Trojan Source), lone surrogates (no UTF-8 stream takes them) and U+FFFE/U+FFFF (nor XML).
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufffe\uffff]"
)
_NEWLINE = re.compile(r"\r\n?|[\u2028\u2029]")


def fold(text: str) -> str:
    """The form names are matched in: case-folded, with runs of space, '-' and '_' as one space."""
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def clean(text: str) -> str:
    """Drop control characters (ANSI escapes included) so data cannot repaint a terminal."""
    return _CONTROL.sub("", _NEWLINE.sub("\n", text.replace("\t", " ")))
