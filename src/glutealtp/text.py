"""The two text normalisers everyone shares: `fold` for matching names, `clean` for printing."""

from __future__ import annotations

import functools
import re

_SEPARATORS = re.compile(r"[\s_\-]+")

# What shows as nothing: every format character (Unicode category Cf: soft hyphen, zero-width
# space and joiners, word joiner, BOM, bidi marks, tag characters, ...) and the rest of
# Unicode's default-ignorable code points (combining grapheme joiner, Hangul fillers,
# variation selectors, the unassigned ignorable blocks). A test holds the class to every Cf
# character this Python knows.
INVISIBLE_CLASS = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)


@functools.cache
def _invisible() -> re.Pattern[str]:
    """The invisible characters, compiled on first use: compiling the class costs a cold
    command about a millisecond, and ASCII text never needs it."""
    return re.compile(f"[{INVISIBLE_CLASS}]")


@functools.cache
def _unprintable() -> re.Pattern[str]:
    """Characters a terminal must not be sent from data, compiled on first use: C0/C1
    controls (ESC, so ANSI sequences too; tab and newline are dealt with first), lone
    surrogates (no UTF-8 stream takes them), U+FFFE/U+FFFF (nor XML), and the invisible ones
    above (bidi overrides and isolates, the Trojan Source characters, among them)."""
    return re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{INVISIBLE_CLASS}]")


_PRINTABLE_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)
"""The invisible characters `str.isprintable` passes (the rest of the class, and every
control, it does not): what `clean` must look for in text that is all printable."""

_NEWLINE = re.compile(r"\r\n?|[\n\u2028\u2029]")


def fold(text: str) -> str:
    """The form names are matched in, and checked for clashes in: compatibility-normalised
    (NFKC: full-width and other look-alike forms as the letters they show, composed and
    decomposed accents alike), invisible characters dropped, case-folded with the dotted and
    dotless i of Turkish as i, and runs of space, '-' and '_' as one space."""
    if text.isascii():
        text = text.casefold()
    else:
        import unicodedata

        text = unicodedata.normalize("NFKC", _invisible().sub("", text))
        text = unicodedata.normalize("NFKC", text.casefold())
        text = text.replace("i\u0307", "i").replace("\u0131", "i")
    return _SEPARATORS.sub(" ", text).strip()


def one_line(text: str) -> str:
    """Every newline and tab as a space: the form the catalog keeps data text in, so no text
    from data can start a line of its own in any output, whatever a renderer does with it."""
    return _NEWLINE.sub(" ", text.replace("\t", " "))


def clean(text: str, *, lines: bool = False) -> str:
    """Text from data, safe to print: no control or invisible character (so no ANSI escape
    and nothing that looks like something else), and on one line, each newline a space, so
    it can never start a line of its own. With `lines`, newlines are kept (as '\\n'), for the
    few places that keep them inside a frame: a table cell. A byte that is not UTF-8 (in a
    file name) shows escaped, as \\xe9, so the name shown is the name given."""
    if _plain(text) or (lines and all(map(_plain, text.split("\n")))):
        return text  # no newline (but kept ones), tab or anything to drop: without a regex
    text = _NEWLINE.sub("\n" if lines else " ", text.replace("\t", " "))
    if not text.isascii():
        text = _ESCAPED_BYTE.sub(_byte, text)
    return _unprintable().sub("", text)


def _plain(text: str) -> bool:
    """Whether the text holds nothing `clean` changes: the common case, told without a regex
    (a no-break space, which joins the words of a phrase, is not printable to Python)."""
    if not (text.isprintable() or text.replace("\xa0", " ").isprintable()):
        return False
    return text.isascii() or _PRINTABLE_INVISIBLE.isdisjoint(text)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
"""A byte that is not UTF-8 in a file name or an argument, as Python reads it (PEP 383)."""


def _byte(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()) - 0xDC00:02x}"


_TOLERANT = frozenset({"replace", "backslashreplace"})


def tolerate_unencodable(stream: object) -> None:
    """Make a text stream print a character it cannot encode as '?' (and read bytes that are
    not text as U+FFFD): its error handler becomes "replace", whatever it started with
    (`strict`; `surrogateescape` in the C locale, which cannot encode 'ä' either). Output is
    never a crash. A stream already tolerant (stderr's "backslashreplace") or one that cannot
    be reconfigured is left alone."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", None) not in _TOLERANT:
        reconfigure(errors="replace")


def lower_first(text: str) -> str:
    """A name inside a sentence: "Buttock" -> "buttock", but "SI joint" and "L1" keep
    their capitals."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def at_place(name: str, at: str = "at") -> str:
    """Where, for a region's name inside a sentence: "at the hip" (or "in the hip"), but
    "inside the pelvis"."""
    return name if name.startswith("inside ") else f"{at} the {name}"


FILLER = frozenset(
    {"my", "the", "a", "an", "in", "on", "at", "around", "of", "both", "left", "right"}
    | {"whole", "area", "region"}
)
"""Words a person adds around a region's name ("in my left buttock"); never part of a key."""


def name_key(text: str) -> str:
    """The folded form of a phrase without filler words: "in my left Buttock" -> "buttock"."""
    return " ".join(w for w in fold(text).split(" ") if w not in FILLER)


@functools.cache
def _side() -> re.Pattern[str]:
    """A side named in an answer ("left", "on the right side"): noted, then left out."""
    return re.compile(r"\b(?:on\s+(?:the|my)\s+)?(left|right)(?:\s+side)?\b", flags=re.I)


def side_of(text: str) -> tuple[str | None, str]:
    """The one side an answer names (None for none, or both), and the answer without it."""
    sides = {m.group(1).casefold() for m in _side().finditer(text)}
    rest = " ".join(_side().sub(" ", text).split())
    return (sides.pop() if len(sides) == 1 else None), rest
