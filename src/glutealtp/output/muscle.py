"""What `show` shows: everything the catalog holds on one muscle, trigger points first.

Built from the muscle's validated record (`index.muscle_record`), never the authored file;
its JSON is the record as the dataset holds it (the defaults it left out dropped again).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypedDict, TypeVar

from glutealtp.catalog import raw  # at run time too: the schema reads MuscleDocument's hints
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import csvfmt, words
from glutealtp.output.csvfmt import Column
from glutealtp.output.document import Document, Table, envelope
from glutealtp.output.layout import empty_line
from glutealtp.output.profile import citation, muscle_screen
from glutealtp.vocabulary import Activity, Extent

T = TypeVar("T")


class MuscleDocument(TypedDict):
    """`show MUSCLE --format json`: the muscle's id, and its entry as the dataset holds it
    (in the dataset's format: docs/dataset.md, `schema data`)."""

    muscle: str
    entry: raw.Muscle


class ZoneRecord(TypedDict):
    region: str
    extent: Extent
    activity: Activity


SHEET_COLUMNS: tuple[Column, ...] = (
    ("muscle",),
    ("trigger_point",),
    ("name",),
    ("count",),
    ("location",),
    ("activity",),
    ("essential_zones",),
    ("spillover_zones",),
    ("zones", "region"),
    ("zones", "extent"),
    ("zones", "activity"),
)
"""`show --format csv`: each trigger point's JSON Lines record flattened (`csvfmt.sheet`)."""


class TriggerPointRecord(TypedDict):
    """`show MUSCLE --format jsonl`: one line per trigger point."""

    muscle: str
    trigger_point: str
    name: str
    count: int | None
    location: str
    activity: Activity
    essential_zones: list[str]
    spillover_zones: list[str]
    zones: list[ZoneRecord]


def muscle_document(index: CatalogIndex, muscle: raw.Muscle) -> Document:
    """Everything the catalog holds on one muscle, trigger points first."""
    shown = without_none(muscle)
    cited = sorted(sources_of(shown))
    sources = Table(
        ("Source", "Citation"),
        tuple((s, citation(index.sources[s])) for s in cited if s in index.sources),
        title="Sources",
    )
    notes = _assumptions(index, muscle)
    tables = (*_sections(index, muscle), sources)
    records = [_trigger_point_record(muscle["id"], tp) for tp in muscle["trigger_points"]]
    sheet = csvfmt.sheet(records, SHEET_COLUMNS)
    return Document(
        data=envelope(MuscleDocument(muscle=muscle["id"], entry=shown), index.disclaimer),
        tables=tables,
        disclaimer=index.disclaimer,
        title=f"{muscle['name']} ({muscle['id']})\n" + "\n".join(_facts(muscle)),
        notes=notes,
        records=records,
        screen=muscle_screen(index, muscle, cited, notes),
        sheet=sheet,
        comments=() if sheet.rows else (empty_line(tables[0]),),
        whole=tuple(m.name for m in index.muscles.values()),
    )


def _sections(index: CatalogIndex, muscle: raw.Muscle) -> list[Table]:
    """The tables of `show`: trigger points always, each other kind of fact when there is one."""
    symptom_names = {
        link["symptom"]: index.symptoms[link["symptom"]].name for link in muscle["symptoms"]
    }
    sections = [
        _section(
            "Trigger points",
            TRIGGER_POINT_COLUMNS,
            muscle["trigger_points"],
            _trigger_point_row,
            always=True,
        ),
        _section(
            "Muscle-level referral statements",
            ("Regions", "Exclusive", "Note", "Sources"),
            muscle["refers_to"],
            _statement_row,
        ),
        _section(
            "Symptoms",
            ("Symptom", "Name", "Note", "Sources"),
            muscle["symptoms"],
            lambda link: (
                link["symptom"],
                symptom_names[link["symptom"]],
                link["note"] or "",
                _ids(link["sources"]),
            ),
        ),
        _section(
            "Conditions",
            ("Condition", "Link", "Regions", "Symptoms", "Note"),
            muscle["conditions"],
            _condition_row,
        ),
        _section(
            "Also check",
            ("Muscle", "Relation", "When", "Note"),
            muscle["related"],
            lambda rel: (rel["muscle"], rel["kind"], _ids(rel["symptoms"]), rel["note"] or ""),
        ),
        _section(
            "Clinical rules",
            ("Rule", "Kind", "Needs", "Statement"),
            muscle["rules"],
            lambda r: (r["id"], r["kind"], _ids([*r["regions"], *r["symptoms"]]), r["statement"]),
        ),
    ]
    return [t for t in sections if t is not None]


TRIGGER_POINT_COLUMNS = (
    "Trigger point",
    "Name",
    "Count",
    "Location",
    "Activity",
    "Essential zones",
    "Spillover zones",
)


def _section(
    title: str,
    columns: tuple[str, ...],
    items: Sequence[T],
    row: Callable[[T], tuple[str, ...]],
    *,
    always: bool = False,
) -> Table | None:
    """One table of `show`, a row per item; None when there is nothing to list."""
    if not items and not always:
        return None
    return Table(columns, tuple(row(item) for item in items), title=title)


def _ids(values: Iterable[str]) -> str:
    return ", ".join(values)


def _condition_row(c: raw.ConditionRef) -> tuple[str, ...]:
    return c["condition"], c["link"], _ids(c["regions"]), _ids(c["symptoms"]), c["note"] or ""


def _statement_row(st: raw.RegionStatement) -> tuple[str, ...]:
    exclusive = "yes" if st["exclusive"] else ""
    return _ids(st["regions"]), exclusive, st["note"] or "", _ids(st["sources"])


def _trigger_point_row(tp: raw.TriggerPoint) -> tuple[str, ...]:
    def zones(extent: str) -> str:
        return _ids(
            z["region"] + (f" ({z['activity']})" if z["activity"] else "")
            for z in tp["zones"]
            if z["extent"] == extent
        )

    count = tp["count"]
    return (
        tp["id"],
        tp["name"],
        str(count) if count else "",
        tp["location"],
        tp["activity"],
        zones("essential"),
        zones("spillover"),
    )


def _facts(m: raw.Muscle) -> list[str]:
    """The lines under the muscle's name: what it is, where, and what overloads it."""
    facts = [
        f"Aliases: {_ids(m['aliases'])}" if m["aliases"] else "",
        f"Location: {m['location']}",
        f"Attachments: {m['attachments']}" if m["attachments"] else "",
        f"Function: {m['function']}",
        f"Up to {m['max_trigger_points']} trigger points." if m["max_trigger_points"] else "",
        f"Overloaded by: {_ids(a['activity'] for a in m['aggravating'])}"
        if m["aggravating"]
        else "",
        f"Note: {m['note']}" if m["note"] else "",
        f"Cross-references: {_ids(m['xrefs'])}" if m["xrefs"] else "",
    ]
    return [f for f in facts if f]


def without_none(value: Any) -> Any:
    """A dumped record without its null fields, at every depth: the dataset as written."""
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


def _trigger_point_record(muscle: str, tp: raw.TriggerPoint) -> TriggerPointRecord:
    """One trigger point as a JSON Lines record: region ids, with each zone's own activity."""
    zones = [
        ZoneRecord(region=z["region"], extent=z["extent"], activity=z["activity"] or tp["activity"])
        for z in tp["zones"]
    ]
    return TriggerPointRecord(
        muscle=muscle,
        trigger_point=tp["id"],
        name=tp["name"],
        count=tp["count"],
        location=tp["location"],
        activity=tp["activity"],
        essential_zones=[z["region"] for z in zones if z["extent"] == "essential"],
        spillover_zones=[z["region"] for z in zones if z["extent"] == "spillover"],
        zones=zones,
    )


def _assumptions(index: CatalogIndex, muscle: raw.Muscle) -> tuple[str, ...]:
    """Where the data had to choose a value its sources do not give, say so and where."""
    where: dict[str, list[str]] = {}
    for tp in muscle["trigger_points"]:
        if tp["assumption"]:
            where.setdefault(tp["assumption"], []).append(tp["name"])
        for z in tp["zones"]:
            if z["assumption"]:
                region = words.region_name(index, z["region"])
                where.setdefault(z["assumption"], []).append(f"{tp['name']}, {region}")
    return tuple(
        f"Chosen where the sources are silent ({'; '.join(dict.fromkeys(places))}): {text}"
        for text, places in where.items()
    )


def sources_of(data: object) -> set[str]:
    """Every source id cited anywhere inside a dumped record."""
    if isinstance(data, dict):
        keys = ("sources", "who_sources", "find_sources", "press_sources")
        found = {s for k in keys for s in data.get(k, ()) or () if isinstance(s, str)}
        for value in data.values():
            found |= sources_of(value)
        return found
    if isinstance(data, list):
        return set().union(*(sources_of(item) for item in data))
    return set()
