"""The notes under a body map, in words: what the map draws only as a schematic, on one
side, inside the body, or leaves unshaded, and why. Pure functions of the catalog."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from glutealtp.bodymap.geometry import ANCHORS, DEEP, SHAPES, Side
from glutealtp.catalog.entries import Support
from glutealtp.catalog.index import CatalogIndex

if TYPE_CHECKING:  # the picture's records, for the type checker only
    from glutealtp.bodymap.records import Picture, PlacedMarker, RegionShade
    from glutealtp.ranking.results import Result

ONE_SIDE = "Trigger points are drawn on one side; the pattern is the same on either side."
"""The note under a map with trigger points drawn on it and no side given."""
SCHEMATIC = (
    "Position schematic: the sources name only the muscle, or the marker stands for several "
    "points they do not tell apart; it shows where the muscle is, not where to press."
)
"""The note under a map with a schematic trigger-point marker on it."""


def one_side(side: Side) -> str:
    """The note under a map drawn on one side."""
    return (
        f"Drawn on the {side} side only (the person's {side}): a trigger point refers pain "
        "to its own side. Regions on the midline (sacrum, tailbone, genitals, pelvis) are "
        "drawn whole."
    )


DEEP_WHERE: dict[str, str] = {"inside-pelvis": "the lower abdomen and the pelvis in the front view"}
"""Where each region inside the body is drawn (dashed), in words."""


EXTENTS = frozenset({"essential", "spillover"})
"""The extents of a trigger-point zone the map shades."""


def undrawn(regions: Iterable[str]) -> list[str]:
    """The regions the schematic has no shape (or no label place) for."""
    return [r for r in regions if r not in SHAPES or r not in ANCHORS]


def muscle_notes(
    index: CatalogIndex,
    muscle: str,
    shades: Mapping[str, RegionShade],
    markers: Sequence[PlacedMarker],
    reported: frozenset[str],
    side: Side | None,
) -> list[str]:
    """The notes under a muscle's map, after those on its trigger points."""
    notes: list[str] = []
    supports = index.muscles[muscle].regions
    mixed = [
        r.name
        for r in index.regions.values()
        if {s.extent for s in supports.get(r.id, ()) if s.kind == "zone"} >= EXTENTS
    ]
    if mixed:
        notes.append(
            f"{', '.join(mixed)}: essential for one trigger point and spillover for another; "
            "drawn as essential."
        )
    notes += linked_only(index, muscle, shades, reported)
    notes += [
        f"{index.regions[r].name}: a region inside the body, drawn over "
        f"{DEEP_WHERE.get(r, 'the surface in front of it')}."
        for r in index.regions
        if r in DEEP and (r in shades or r in reported)
    ]
    notes += [
        f"Region {r} has no shape on the schematic."
        for r in undrawn(sorted(set(shades) | reported))
    ]
    if any(m.schematic for m in markers):
        notes.append(SCHEMATIC)
    if side:
        notes.append(one_side(side))
    elif markers:
        notes.append(ONE_SIDE)
    return notes


def support_words(index: CatalogIndex, support: Support) -> str:
    if support.kind == "condition":
        return f"through {condition_name(index, support.condition)}"
    return "by a muscle-level statement"


def linked_only(
    index: CatalogIndex,
    muscle: str,
    shades: Mapping[str, RegionShade],
    reported: frozenset[str],
) -> list[str]:
    """Notes on the regions the catalog links to the muscle other than by a trigger-point
    zone, which the map leaves unshaded (a reported one gets a note of its own)."""
    name = index.muscles[muscle].name
    by_how: dict[str, list[str]] = {}
    for region, supports in index.muscles[muscle].regions.items():
        if region in shades or region in reported or not supports:
            continue
        if any(region in index.ancestors(s) for s in shades):
            continue  # part of it is shaded (back of the thigh in the back of the leg)
        if any(s.kind == "zone" for s in supports):
            continue
        by_how.setdefault(support_words(index, supports[0]), []).append(index.regions[region].name)
    return [
        f"{', '.join(names)}: linked to {name} {how}, not a trigger-point zone, so not shaded."
        for how, names in by_how.items()
    ]


def unshaded_reasons(
    index: CatalogIndex, best: Result, reported: Iterable[str], picture: Picture
) -> list[str]:
    """Why a reported region is not shaded, or is shaded only as part of a wider one: the
    ranking counted another kind of fact, or none."""
    notes = []
    for evidence in best.region_evidence:
        supports = [v for v in evidence.via if isinstance(v, Support)]
        if not supports or any(v.kind == "zone" for v in supports):
            continue
        region = index.regions[evidence.id].name
        how = support_words(index, supports[0])
        entry = picture.shading.get(evidence.id)
        if entry is None:
            notes.append(
                f"{region}: counted for {best.name} {how}, "
                "not a trigger-point zone, so it is not shaded."
            )
        else:
            wider = index.regions[entry.inherited_from].name if entry.inherited_from else region
            notes.append(
                f"{region}: counted for {best.name} {how}; shaded because a trigger point "
                f"refers pain to {wider}."
            )
    missed = [index.regions[r].name for r in reported if r not in best.regions_explained]
    if missed:
        notes.append(f"Not explained by {best.name}: {', '.join(missed)}.")
    return notes


def condition_name(index: CatalogIndex, condition: str | None) -> str | None:
    entry = index.conditions.get(condition or "")
    return entry["name"] if entry else condition
