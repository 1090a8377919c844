"""What a body map shows, worked out from the catalog: pure functions, no drawing.

`shading` says how strongly a muscle refers pain to each region (the catalog's
referral zones: essential strong, spillover light). A `Picture` gathers everything a
renderer needs (shading, trigger-point markers, reported regions, sources), so the
terminal and the SVG say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple

from glutealtp.bodymap.geometry import (
    ANCHORS,
    BODY,
    DATA_VIEWS,
    SHAPES,
    VIEW_HEIGHT,
    VIEW_WIDTH,
    View,
    contains,
)
from glutealtp.catalog.entries import Support
from glutealtp.catalog.index import CatalogIndex
from glutealtp.results import Ranking, Result

if TYPE_CHECKING:  # the dump's TypedDicts cost imports, not needed at run time
    from glutealtp.catalog import raw


class Shade(IntEnum):
    """How strongly a region is shaded; higher wins where two facts meet."""

    none = 0
    spillover = 1
    essential = 2


class RegionShade(NamedTuple):
    """A region's shade and the trigger points behind it (`inherited_from` a wider region)."""

    shade: Shade
    trigger_points: tuple[str, ...]
    inherited_from: str | None = None


class PlacedMarker(NamedTuple):
    """A trigger point as drawn: its number on this map, its name and its place."""

    id: str
    number: int
    name: str
    location: str
    view: View
    x: float
    y: float
    refers: str = ""
    """Its zones in words: "Essential zone: Hip. Spillover zone: Buttock."."""


class Picture(NamedTuple):
    """One body map: a muscle's pattern, the reported regions, or both (or neither)."""

    title: str
    subtitle: str
    muscle: str | None
    muscle_name: str | None
    shading: Mapping[str, RegionShade]
    markers: tuple[PlacedMarker, ...]
    reported: frozenset[str]
    region_names: Mapping[str, str]
    numbers: Mapping[str, int]
    sources: tuple[str, ...]
    notes: tuple[str, ...]
    disclaimer: str

    def shade(self, region: str) -> Shade:
        entry = self.shading.get(region)
        return entry.shade if entry else Shade.none

    def shaded(self, shade: Shade) -> list[str]:
        """The names of the regions with this shade, in catalog order."""
        return [name for region, name in self.region_names.items() if self.shade(region) is shade]


ONE_SIDE = "Trigger points are drawn on one side; the pattern is the same on either side."
"""The note under a map with trigger points drawn on it."""


_EXTENTS = frozenset({"essential", "spillover"})


def shading(index: CatalogIndex, muscle: str) -> dict[str, RegionShade]:
    """Each region the muscle's trigger points refer pain to, essential over spillover.

    A region inside a wider one that is shaded takes the wider one's shade when its own is
    weaker: pain over the whole gluteal region is pain over the buttock too.
    """
    own: dict[str, RegionShade] = {}
    for region, supports in index.muscles[muscle].regions.items():
        shades: dict[str, Shade] = {}
        for s in supports:
            if s.kind == "zone" and s.extent in _EXTENTS:
                tp = s.trigger_point or ""
                shades[tp] = max(shades.get(tp, Shade.none), Shade[s.extent])
        if shades:
            best = max(shades.values())
            own[region] = RegionShade(best, tuple(t for t, sh in shades.items() if sh is best))
    out: dict[str, RegionShade] = {}
    for region in index.regions:
        best_entry = own.get(region)
        for wider_id in sorted(index.ancestors(region) - {region}):
            wider = own.get(wider_id)
            if wider and (best_entry is None or wider.shade > best_entry.shade):
                best_entry = RegionShade(wider.shade, wider.trigger_points, wider_id)
        if best_entry is not None:
            out[region] = best_entry
    return out


def region_numbers(index: CatalogIndex) -> dict[str, int]:
    """The catalog's regions numbered from 1 in catalog order, as the `ask` map shows them."""
    return {region: i for i, region in enumerate(index.regions, start=1)}


def _sources(index: CatalogIndex, record: raw.Muscle) -> tuple[str, ...]:
    """Titles of the sources behind the muscle's trigger points and zones, in catalog order."""
    cited: set[str] = set()
    for tp in record["trigger_points"]:
        cited.update(tp["sources"])
        for zone in tp["zones"]:
            cited.update(zone["sources"])
    return tuple(s["title"] for s in index.sources.values() if s["id"] in cited)


def _refers(index: CatalogIndex, zones: Iterable[raw.ReferralZone]) -> str:
    """A trigger point's zones in words, essential first."""
    parts = []
    for extent in ("essential", "spillover"):
        names = [
            index.regions[z["region"]].name
            for z in zones
            if z["extent"] == extent and z["region"] in index.regions
        ]
        unique = list(dict.fromkeys(names))
        if unique:
            zone = "zone" if len(unique) == 1 else "zones"
            parts.append(f"{extent.capitalize()} {zone}: {', '.join(unique)}.")
    return " ".join(parts)


def place(marker: raw.Marker | None) -> tuple[View, float, float] | None:
    """A dataset marker as a view and a point in drawing units; None without a marker or
    when the point is off the body."""
    if not marker:
        return None
    view = DATA_VIEWS[marker["view"]]
    x, y = round(marker["x"] * VIEW_WIDTH, 2), round(marker["y"] * VIEW_HEIGHT, 2)
    return (view, x, y) if contains(BODY[view].points, x, y) else None


def _markers(index: CatalogIndex, record: raw.Muscle) -> tuple[tuple[PlacedMarker, ...], list[str]]:
    """The trigger points with a place on the map, numbered; notes on those without one."""
    placed: list[PlacedMarker] = []
    unplaced: list[str] = []
    for tp in record["trigger_points"]:
        name = tp["name"] + (f" (up to {tp['count']})" if tp["count"] else "")
        refers = _refers(index, tp["zones"])
        where = place(tp["marker"])
        if where is None:
            unplaced.append(f"{name} (not placed on the map): {tp['location']} {refers}".strip())
            continue
        placed.append(PlacedMarker(tp["id"], len(placed) + 1, name, tp["location"], *where, refers))
    return tuple(placed), unplaced


def _undrawn(regions: Iterable[str]) -> list[str]:
    return [r for r in regions if r not in SHAPES or r not in ANCHORS]


def muscle_picture(
    index: CatalogIndex,
    muscle: str,
    reported: Iterable[str] = (),
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> Picture:
    """A muscle's referral pattern and trigger points, with any reported regions outlined."""
    name = index.muscles[muscle].name
    shades = shading(index, muscle)
    record = index.muscle_record(muscle)
    markers, notes = _markers(index, record)
    reported_set = frozenset(reported)
    supports = index.muscles[muscle].regions
    mixed = [
        r.name
        for r in index.regions.values()
        if {s.extent for s in supports.get(r.id, ()) if s.kind == "zone"} >= _EXTENTS
    ]
    if mixed:
        notes.append(
            f"{', '.join(mixed)}: essential for one trigger point and spillover for another; "
            "drawn as essential."
        )
    notes += [
        f"Region {r} has no shape on the schematic."
        for r in _undrawn(sorted(set(shades) | reported_set))
    ]
    if markers:
        notes.append(ONE_SIDE)
    return Picture(
        title=title or name,
        subtitle=subtitle or "Trigger points and referral pattern (schematic)",
        muscle=muscle,
        muscle_name=name,
        shading=shades,
        markers=markers,
        reported=reported_set,
        region_names={r.id: r.name for r in index.regions.values()},
        numbers=region_numbers(index),
        sources=_sources(index, record),
        notes=tuple(notes),
        disclaimer=index.disclaimer,
    )


def _unshaded_reasons(index: CatalogIndex, best: Result, reported: Iterable[str]) -> list[str]:
    """Why a reported region is not shaded: the ranking counted another kind of fact, or none."""
    notes = []
    for evidence in best.regions:
        supports = [v for v in evidence.via if isinstance(v, Support)]
        if not supports or any(v.kind == "zone" for v in supports):
            continue
        first = supports[0]
        how = (
            f"through {_condition_name(index, first.condition)}"
            if first.kind == "condition"
            else "by a muscle-level statement"
        )
        notes.append(
            f"{index.regions[evidence.id].name}: counted for {best.name} {how}, "
            "not a trigger-point zone, so it is not shaded."
        )
    missed = [index.regions[r].name for r in reported if r not in best.regions_explained]
    if missed:
        notes.append(f"Not explained by {best.name}: {', '.join(missed)}.")
    return notes


def _condition_name(index: CatalogIndex, condition: str | None) -> str | None:
    entry = index.conditions.get(condition or "")
    return entry["name"] if entry else condition


def ranking_picture(index: CatalogIndex, ranking: Ranking) -> Picture:
    """The reported regions outlined, over the pattern of the best-ranked muscle."""
    reported = ranking.query.regions
    where = ", ".join(index.regions[r].name for r in reported) or "no region given"
    if ranking.results:
        best = ranking.results[0]
        picture = muscle_picture(
            index,
            best.muscle,
            reported,
            title=f"Best match: {best.name}",
            subtitle=f"Pain reported: {where}. Outlined: where you feel it; shaded: "
            f"where {best.name} trigger points refer pain.",
        )
        reasons = _unshaded_reasons(index, best, reported)
        return picture._replace(notes=(*reasons, *picture.notes))
    notes = [f"Region {r} has no shape on the schematic." for r in _undrawn(reported)]
    return Picture(
        title="No muscle in the catalog explains this pain",
        subtitle=f"Pain reported: {where}.",
        muscle=None,
        muscle_name=None,
        shading={},
        markers=(),
        reported=frozenset(reported),
        region_names={r.id: r.name for r in index.regions.values()},
        numbers=region_numbers(index),
        sources=(),
        notes=tuple(notes),
        disclaimer=index.disclaimer,
    )


def numbered_picture(index: CatalogIndex) -> Picture:
    """Every region with its number and nothing shaded: the map `ask` starts with."""
    return Picture(
        title="Where does it hurt?",
        subtitle="Each number marks a region; answer with numbers or words.",
        muscle=None,
        muscle_name=None,
        shading={},
        markers=(),
        reported=frozenset(),
        region_names={r.id: r.name for r in index.regions.values()},
        numbers=region_numbers(index),
        sources=(),
        notes=tuple(f"Region {r} has no shape on the schematic." for r in _undrawn(index.regions)),
        disclaimer=index.disclaimer,
    )
