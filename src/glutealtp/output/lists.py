"""What `muscles`, `regions` and `symptoms` show: the vocabulary, one record per entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict

from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.output.csvfmt import Column
from glutealtp.output.csvfmt import sheet as _sheet
from glutealtp.output.document import Document, Table, envelope
from glutealtp.output.layout import empty_line
from glutealtp.output.ranking import describe_support
from glutealtp.ranking.rank import referrers


class MuscleItem(TypedDict):
    id: str
    name: str
    synonyms: list[str]
    """Other names it is known by (the dataset's `aliases`)."""
    regions: list[str]


class MuscleList(TypedDict):
    """`muscles --format json`."""

    muscles: list[MuscleItem]


class Referrer(TypedDict):
    """A muscle in a region's pain guide: its rank and score as `which -r REGION` gives them,
    and its strongest fact for the region."""

    muscle: str
    strength: float
    because: str
    score: float
    rank: int


class RegionItem(TypedDict):
    id: str
    name: str
    synonyms: list[str]
    parent: str | None
    also_part_of: list[str]
    referrers: list[Referrer]


class RegionList(TypedDict):
    """`regions --format json`: the pain guide."""

    regions: list[RegionItem]


class SymptomItem(TypedDict):
    id: str
    name: str
    question: str
    synonyms: list[str]
    red_flag: bool
    advice: str | None
    muscles: list[str]


class SymptomList(TypedDict):
    """`symptoms --format json`."""

    symptoms: list[SymptomItem]


MUSCLE_COLUMNS: tuple[Column, ...] = (("id",), ("name",), ("synonyms",), ("regions",))
"""`muscles --format csv`: each JSON Lines record flattened (`csvfmt.sheet`)."""
REGION_COLUMNS: tuple[Column, ...] = (
    ("id",),
    ("name",),
    ("synonyms",),
    ("parent",),
    ("also_part_of",),
    ("referrers", "muscle"),
)
"""`regions --format csv`: each JSON Lines record flattened."""
SYMPTOM_COLUMNS: tuple[Column, ...] = (
    ("id",),
    ("name",),
    ("question",),
    ("synonyms",),
    ("red_flag",),
    ("advice",),
    ("muscles",),
)
"""`symptoms --format csv`: each JSON Lines record flattened."""


def _listing(
    index: CatalogIndex,
    body: Mapping[str, object],
    records: Sequence[Mapping[str, object]],
    table: Table,
    columns: Sequence[Column],
    catalog_line: bool = False,
) -> Document:
    """A vocabulary listing: the JSON document `body` of `records`, a table row for each,
    and the CSV: the records flattened by `columns`."""
    sheet = _sheet(records, columns)
    [title] = body
    shown = table._replace(title=f"{title.capitalize()} ({len(table.rows)})")
    notes = (words.catalog_line(index),) if catalog_line else ()
    return Document(
        data=envelope(body, index.disclaimer),
        tables=(shown,),
        disclaimer=index.disclaimer,
        records=records,
        notes=notes,
        sheet=sheet,
        comments=() if sheet.rows else (empty_line(shown),),
        whole=words.muscle_names(index),
    )


def muscles_document(index: CatalogIndex) -> Document:
    items = [
        MuscleItem(id=m.id, name=m.name, synonyms=list(m.synonyms), regions=sorted(m.regions))
        for m in index.muscles.values()
    ]
    rows = tuple(
        (m["id"], m["name"], ", ".join(m["synonyms"]), ", ".join(m["regions"])) for m in items
    )
    table = Table(
        ("Id", "Name", "Also called", "Refers pain to (region ids)"),
        rows,
        fold=("Refers pain to (region ids)", "Also called"),
    )
    return _listing(index, MuscleList(muscles=items), items, table, MUSCLE_COLUMNS)


def regions_document(index: CatalogIndex) -> Document:
    """The pain guide: every region with the muscles that refer there, in the order
    `which -r REGION` ranks them."""
    items: list[RegionItem] = []
    rows: list[tuple[str, ...]] = []
    for r in index.regions.values():
        found = referrers(index, r.id)
        referring = [
            Referrer(
                muscle=result.muscle,
                strength=round(s.weight, 4),
                because=describe_support(s, r.id),
                score=result.score,
                rank=result.rank,
            )
            for result, s in found
        ]
        items.append(
            RegionItem(
                id=r.id,
                name=r.name,
                synonyms=list(r.synonyms),
                parent=r.parent,
                also_part_of=list(r.also_part_of),
                referrers=referring,
            )
        )
        best = ", ".join(result.muscle for result, _ in found)
        rows.append((r.id, r.name, ", ".join(r.synonyms), ", ".join(r.parents), best))
    muscles = "Muscles that refer pain here, best first"
    table = Table(
        ("Id", "Name", "Also called", "Part of", muscles),
        tuple(rows),
        fold=(muscles, "Also called", "Part of"),
    )
    return _listing(
        index, RegionList(regions=items), items, table, REGION_COLUMNS, catalog_line=True
    )


def symptoms_document(index: CatalogIndex) -> Document:
    items = [
        SymptomItem(
            id=s.id,
            name=s.name,
            question=s.question,
            synonyms=list(s.synonyms),
            red_flag=s.red_flag,
            advice=s.advice,
            muscles=sorted(index.linked(s.id)),
        )
        for s in index.symptoms.values()
    ]
    rows = tuple(
        (
            s["id"],
            ("RED FLAG, urgent care: " if s["red_flag"] else "") + s["name"],
            ", ".join(s["synonyms"]),
            ", ".join(s["muscles"]),
        )
        for s in items
    )
    table = Table(
        ("Id", "Name", "Also called", "Muscles linked to it"),
        rows,
        fold=("Muscles linked to it", "Also called"),
    )
    return _listing(index, SymptomList(symptoms=items), items, table, SYMPTOM_COLUMNS)
