"""The guided questionnaire behind `glutealtp ask`: questions and answer parsing, no I/O.

The questions come from the catalog (each symptom's `question`), so a new symptom is
asked about without a code change. Answers are forgiving: regions by number or by
name, synonym or a plain phrase ("my lower back and 3"), yes/no in everyday words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import NamedTuple

from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.text import FILLER, fold, name_key, side_of

MAX_ANSWER = 1_000
"""The longest answer read, in characters; a longer one is asked again (`too_long`), so no
answer can keep the parser busy (the report's D8: 30 KB of spaces once took 43 s)."""

NOTHING = frozenset({"", "none", "nowhere", "no", "n", "nothing", "-", "skip"})

YES = frozenset(
    {"y", "yes", "yeah", "yep", "yup", "ya", "sure", "true", "correct", "definitely"}
    | {"absolutely", "sometimes", "often", "always", "usually", "a bit", "a little"}
    | {"it does", "i do", "i am", "it is", "yes it does", "yes i do"}
)
NO = frozenset(
    {"n", "no", "nope", "nah", "never", "false", "not really", "not at all"}
    | {"it doesn't", "it does not", "i don't", "i do not", "no it doesn't"}
)
UNSURE = frozenset(
    {"?", "??", "unsure", "dunno", "maybe", "perhaps", "not sure", "no idea", "not certain"}
    | {"don't know", "dont know", "do not know", "i don't know", "i dont know"}
    | {"can't say", "cannot say"}
)


class Reply(Enum):
    """An answer to a yes/no question."""

    yes = "yes"
    no = "no"
    unsure = "not sure"


class RegionAnswer(NamedTuple):
    """What an answer to "where does it hurt?" named.

    `regions` are region ids; `symptoms` are symptom ids named instead of a place
    ("sciatica"); `unknown` are the pieces not understood, `suggestions` close region ids.
    """

    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    unknown: tuple[str, ...]
    suggestions: tuple[str, ...]
    named_by: tuple[tuple[str, str], ...] = ()
    """(symptom id, the words that named it), for a word that could mean two symptoms."""
    side: str | None = None
    """"left" or "right" when the answer names one side only ("my left buttock")."""


def too_long(text: str) -> str | None:
    """Why an answer is refused for its length, or None when it is short enough."""
    if len(text) <= MAX_ANSWER:
        return None
    return f"That answer is too long; answer in at most {MAX_ANSWER:,} characters."


def parse_reply(text: str) -> Reply | None:
    """Yes, no or not sure, from everyday words; None when the answer is not one of them."""
    words = " ".join(re.sub(r"[.!,;]+", " ", text.casefold().replace("\u2019", "'")).split())
    if words in UNSURE:
        return Reply.unsure
    if words in YES:
        return Reply.yes
    if words in NO:
        return Reply.no
    first = words.split(" ", 1)[0] if words else ""
    if first in {"yes", "yeah", "yep", "y"}:
        return Reply.yes
    if first in {"no", "nope", "nah", "n"}:
        return Reply.no
    return None


def _variants(name: str) -> list[str]:
    """A name as typed, without its parenthesised part, and that part alone."""
    out = [name]
    match = re.fullmatch(r"\s*(.*?)\s*\((.*?)\)\s*(.*?)\s*", name)
    if match:
        before, inside, after = match.groups()
        out.append(f"{before} {after}".strip())
        out.append(inside)
    return [v for v in out if v]


def region_keys(index: CatalogIndex) -> dict[str, str]:
    """Every way of naming a region the intake accepts (folded) -> region id."""
    table: dict[str, str] = {}
    ambiguous: set[str] = set()
    for region in index.regions.values():
        for name in (region.id, region.name, *region.synonyms):
            for variant in _variants(name):
                for key in (fold(variant), name_key(variant)):
                    if not key:
                        continue
                    if table.get(key, region.id) != region.id:
                        ambiguous.add(key)
                    table.setdefault(key, region.id)
    for key in ambiguous:
        del table[key]
    return table


_SPLIT = re.compile(r"\s*(?:,|;|/|&|\+|\band\b|\bplus\b|\balso\b)\s*", flags=re.I)
"""Between the pieces of an answer; given text with single spaces only (`parse_regions`), so
each `\\s*` tries at most two lengths and the split is linear in the answer's length."""
_NUMBER = r"[0-9]{1,4}"
"""A region or result number: ASCII digits, few enough that int() never refuses them."""
_NUMBERS = re.compile(rf"^{_NUMBER}(?:\s*-\s*{_NUMBER})?(?:\s+{_NUMBER}(?:\s*-\s*{_NUMBER})?)*$")


def _segments(keys: Mapping[str, str], piece: str) -> list[str] | None:
    """Region ids for a piece of words without separators ("buttock hip"), longest names
    first; None when some words name no region."""
    words = [w for w in fold(piece).split(" ") if w and w not in FILLER]
    found: list[str] = []
    start = 0
    while start < len(words):
        for end in range(len(words), start, -1):
            ident = keys.get(" ".join(words[start:end]))
            if ident is not None:
                found.append(ident)
                start = end
                break
        else:
            return None
    return found or None


def parse_regions(index: CatalogIndex, text: str, numbers: Mapping[str, int]) -> RegionAnswer:
    """Regions named in an answer: numbers from the map (`2`, `2 5`, `3-5`) and words; a
    side ("left buttock", "lower back on the left") is noted."""
    by_number = {n: region for region, n in numbers.items()}
    keys = region_keys(index)
    found: list[str] = []
    symptoms: list[str] = []
    unknown: list[str] = []
    hints: list[str] = []
    named_by: list[tuple[str, str]] = []
    text = " ".join(text.split())  # no run of spaces for _SPLIT's \s* to backtrack over
    side, text = side_of(text)
    whole = keys.get(fold(text)) or keys.get(name_key(text))
    pieces = [whole] if whole else [p for p in _SPLIT.split(text) if p.strip()]
    for piece in pieces:
        if piece in index.regions:
            found.append(piece)
            continue
        if _NUMBERS.match(piece):
            for token in re.sub(r"\s*-\s*", "-", piece).split():
                lo, _, hi = token.partition("-")
                span = range(int(lo), int(hi or lo) + 1)
                if not span or len(span) > len(by_number):
                    unknown.append(token)
                    continue
                for n in span:
                    if n in by_number:
                        found.append(by_number[n])
                    else:
                        unknown.append(str(n))
            continue
        ident = keys.get(fold(piece)) or keys.get(name_key(piece))
        if ident is not None:
            found.append(ident)
            continue
        symptom_names = index.names("symptom")
        several = None if fold(piece) in symptom_names else _segments(keys, piece)
        if several:
            found.extend(several)
            continue
        words = fold(piece) if fold(piece) in symptom_names else name_key(piece)
        symptom = symptom_names.get(words)
        if symptom is not None:
            symptoms.append(symptom)
            named_by.append((symptom, words))
            continue
        unknown.append(piece.strip())
        try:
            index.resolve("region", name_key(piece) or piece)
        except UnknownName as exc:
            hints.extend(exc.suggestions)
    return RegionAnswer(
        tuple(dict.fromkeys(found)),
        tuple(dict.fromkeys(symptoms)),
        tuple(unknown),
        tuple(dict.fromkeys(hints)),
        tuple(named_by),
        side,
    )


def is_nothing(text: str) -> bool:
    """An answer that names no region at all ("none", "nowhere", or just Enter)."""
    return fold(text) in NOTHING


def parse_choice(index: CatalogIndex, text: str, muscles: Iterable[str]) -> str | None:
    """A result picked by its rank (1 is the first of `muscles`) or by a muscle's name."""
    listed = list(muscles)
    token = text.strip()
    if re.fullmatch(_NUMBER, token):
        n = int(token)
        return listed[n - 1] if 1 <= n <= len(listed) else None
    try:
        return index.resolve("muscle", token)
    except UnknownName:
        return None
