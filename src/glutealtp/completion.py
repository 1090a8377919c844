"""Shell completion of region, symptom and muscle names, from the catalog in use.

Typer calls these through `autocompletion=` in bash, zsh and fish. A candidate is an id,
or a name or synonym written in the id's form (lowercase, words joined by `-`), which the
name look-up accepts like the original ("lower-back" for "lower back"): shells then never
need quoting. With nothing typed yet only ids are offered, so the list stays short.
"""

from __future__ import annotations

import os
import re

import typer

from glutealtp.catalog import CatalogError, CatalogIndex, Kind, load_catalog

_SEPARATORS = re.compile(r"[\s_\-]+")
_SHELL_WORD = re.compile(r"[\w\-]+")


def kebab(text: str) -> str:
    """Case-folded, with runs of space, '_' and '-' as one '-' (a trailing one is kept)."""
    return "-".join(_SEPARATORS.split(text.casefold().lstrip()))


def candidates(index: CatalogIndex, kind: Kind, incomplete: str) -> list[tuple[str, str]]:
    """(value, help) for each id, name or synonym of `kind` that starts like `incomplete`."""
    typed = kebab(incomplete)
    entries = index.entries(kind).values()
    found = {e.id: e.name for e in entries if e.id.startswith(typed)}
    if typed:
        for e in entries:
            for name in (e.name, *e.synonyms):
                word = kebab(name).strip("-")
                if word.startswith(typed) and word not in found and _SHELL_WORD.fullmatch(word):
                    found[word] = f"{e.name} ({e.id})"
    ids = set(index.entries(kind))
    return sorted(found.items(), key=lambda item: (item[0] not in ids, item[0]))


def _complete(ctx: typer.Context, kind: Kind, incomplete: str) -> list[tuple[str, str]]:
    data = ctx.params.get("data") or os.environ.get("GLUTEALTP_DATA") or None
    try:
        index = load_catalog(data)
    except CatalogError:
        return []
    return candidates(index, kind, incomplete)


def complete_region(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Values for --region."""
    return _complete(ctx, "region", incomplete)


def complete_symptom(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Values for --symptom."""
    return _complete(ctx, "symptom", incomplete)


def complete_muscle(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Values for a MUSCLE argument."""
    return _complete(ctx, "muscle", incomplete)
