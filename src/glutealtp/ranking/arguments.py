"""What a caller of the Python API passes, checked before it is used, so a mistake is an
error naming the parameter: a `TypeError` for the wrong type (a str where a list of names
belongs, a name that is not a str), a `ValueError` for `top` below 1, and `UnknownName` for
an id a hand-made `Query` holds that the catalog does not know. The CLI never passes any
of these; `rank.make_query` and `rank.rank` call these checks first.
"""

from __future__ import annotations

from collections.abc import Iterable

from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.ranking.results import Query
from glutealtp.vocabulary import Kind, Side


def names(parameter: str, values: Iterable[str]) -> tuple[str, ...]:
    """`values` as a tuple of str; a str, bytes or non-iterable, or any item that is not a
    str, is a TypeError naming `parameter` (a lone str would be iterated letter by letter)."""
    if isinstance(values, str | bytes | bytearray):
        shown = type(values).__name__
        raise TypeError(f"{parameter} must be a list of names, not a {shown}: use [{values!r}]")
    try:
        items = tuple(values)
    except TypeError:
        raise TypeError(
            f"{parameter} must be a list of names, not {type(values).__name__}"
        ) from None
    for position, item in enumerate(items):
        if not isinstance(item, str):
            raise TypeError(f"{parameter}[{position}] must be a str, not {type(item).__name__}")
    return items


def top(value: int | None) -> None:
    """`top` is None (every result) or an int of at least 1."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"top must be an int or None, not {type(value).__name__}")
    if value < 1:
        raise ValueError(f"top must be at least 1 (or None for every result), not {value}")


def side(value: object) -> Side | None:
    """`side` is None or "left" or "right" (the person's): a `ValueError` otherwise."""
    if value is None:
        return None
    if value == "left" or value == "right":
        return "left" if value == "left" else "right"
    raise ValueError(f"side must be 'left', 'right' or None, not {value!r}")


def query(index: CatalogIndex, value: Query) -> None:
    """A `Query` whose ids are all strs the catalog knows, as `make_query` makes it; an id
    it lacks is `UnknownName`, with the closest ids (or the id a name given in its place
    names)."""
    if not isinstance(value, Query):
        raise TypeError(f"query must be a Query (make_query makes one), not {type(value).__name__}")
    kinds: tuple[tuple[Kind, tuple[str, ...]], ...] = (
        ("region", names("query.regions", value.regions)),
        ("symptom", names("query.symptoms", value.symptoms)),
    )
    side(value.side)
    for kind, ids in kinds:
        known = index.entries(kind)
        for ident in ids:
            if ident not in known:
                raise _unknown(index, kind, ident)


def _unknown(index: CatalogIndex, kind: Kind, ident: str) -> UnknownName:
    try:
        named = index.resolve(kind, ident)
    except UnknownName as exc:
        return exc
    return UnknownName(kind, ident, [named], sorted(index.entries(kind)))
