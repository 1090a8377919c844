"""What `muscles`, `regions` and `symptoms` show: the vocabulary, one record per entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypedDict

from glutealtp.catalog.index import CatalogIndex
from glutealtp.output.document import Document, Table, envelope
from glutealtp.output.ranking import describe_support
from glutealtp.rank import referrers


class MuscleItem(TypedDict):
    id: str
    name: str
    aliases: list[str]
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
    muscles: list[Referrer]


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


def _listing(
    index: CatalogIndex,
    body: Mapping[str, object],
    records: Sequence[Mapping[str, object]],
    columns: tuple[str, ...],
    rows: Sequence[tuple[str, ...]],
) -> Document:
    """A vocabulary listing: the JSON document `body` of `records`, a table row for each."""
    [title] = body
    return Document(
        data=envelope(body, index.disclaimer),
        tables=(Table(columns, tuple(rows), title=title.capitalize()),),
        disclaimer=index.disclaimer,
        records=records,
    )


def muscles_document(index: CatalogIndex) -> Document:
    items = [
        MuscleItem(id=m.id, name=m.name, aliases=list(m.synonyms), regions=sorted(m.regions))
        for m in index.muscles.values()
    ]
    rows = [(m["id"], m["name"], ", ".join(m["aliases"]), ", ".join(m["regions"])) for m in items]
    columns = ("Id", "Name", "Aliases", "Refers pain to")
    return _listing(index, MuscleList(muscles=items), items, columns, rows)


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
                muscles=referring,
            )
        )
        best = ", ".join(f"{result.muscle} ({result.score:.1f})" for result, _ in found)
        rows.append((r.id, r.name, ", ".join(r.synonyms), ", ".join(r.parents), best))
    columns = ("Id", "Name", "Synonyms", "Part of", "Muscles that refer here (best first)")
    return _listing(index, RegionList(regions=items), items, columns, rows)


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
    rows = [
        (
            s["id"],
            s["name"],
            ", ".join(s["synonyms"]),
            "RED FLAG: urgent care" if s["red_flag"] else "",
            ", ".join(s["muscles"]),
        )
        for s in items
    ]
    columns = ("Id", "Name", "Synonyms", "Red flag", "Muscles")
    return _listing(index, SymptomList(symptoms=items), items, columns, rows)
