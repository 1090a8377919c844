"""Shell completion of region, symptom and muscle names, from the catalog in use.

Typer calls these through `autocompletion=` in bash, zsh and fish. A candidate is an id,
or a name or synonym written in the id's form (lowercase, words joined by `-`), which the
name look-up accepts like the original ("lower-back" for "lower back"): shells then never
need quoting. With nothing typed yet only ids are offered, so the list stays short.
"""

from __future__ import annotations

import re

import typer

from glutealtp import commands
from glutealtp.catalog.index import CatalogIndex
from glutealtp.errors import GlutealtpError
from glutealtp.text import fold
from glutealtp.vocabulary import Kind

_SHELL_WORD = re.compile(r"[\w\-]+")


def kebab(text: str) -> str:
    """`text.fold` in the id's form: words joined by '-'. A trailing space, '_' or '-'
    is kept as '-', so "sacroiliac " offers "sacroiliac-joint" but not "sacroiliac"."""
    word = fold(text).replace(" ", "-")
    return f"{word}-" if word and (text[-1].isspace() or text[-1] in "-_") else word


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
    try:
        index = commands.open_catalog(ctx.params.get("data"))
    except GlutealtpError:  # an unreadable or invalid dataset: no candidates, no traceback
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


def complete_item(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Values for --absent: regions, then symptoms."""
    return _complete(ctx, "region", incomplete) + _complete(ctx, "symptom", incomplete)
