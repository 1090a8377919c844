"""What a body map shows, worked out from the catalog: pure functions, no drawing.

`shading` says how strongly a muscle refers pain to each region (the catalog's
referral zones: essential strong, spillover light). A `Picture` gathers everything a
renderer needs (red flags, shading, trigger-point markers, reported regions, the side,
sources), so the terminal and the SVG say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from glutealtp.bodymap.geometry import (
    BODY,
    DATA_VIEWS,
    MARKER_HEIGHT,
    MIDLINE,
    VIEW_WIDTH,
    Side,
    View,
    contains,
    near_side,
    other,
)
from glutealtp.bodymap.notes import EXTENTS, muscle_notes, one_side, undrawn, unshaded_reasons
from glutealtp.bodymap.records import Picture as Picture
from glutealtp.bodymap.records import PlacedMarker as PlacedMarker
from glutealtp.bodymap.records import RegionShade as RegionShade
from glutealtp.bodymap.records import Shade as Shade
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.results import Ranking

if TYPE_CHECKING:  # the dump's TypedDicts cost imports, not needed at run time
    from glutealtp.catalog import raw


def shading(index: CatalogIndex, muscle: str) -> dict[str, RegionShade]:
    """Each region the muscle's trigger points refer pain to, essential over spillover.

    A region inside a wider one that is shaded takes the wider one's shade when its own is
    weaker: pain over the whole gluteal region is pain over the buttock too.
    """
    own: dict[str, RegionShade] = {}
    for region, supports in index.muscles[muscle].regions.items():
        shades: dict[str, Shade] = {}
        for s in supports:
            if s.kind == "zone" and s.extent in EXTENTS:
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


def place(marker: raw.Marker | None, side: Side | None = None) -> tuple[View, float, float] | None:
    """A dataset marker as a view and a point in drawing units, on `side` when given (the
    data draws on the person's right); None without a marker or when the point is off the
    body."""
    if not marker:
        return None
    view = DATA_VIEWS[marker["view"]]
    x, y = marker["x"] * VIEW_WIDTH, marker["y"] * MARKER_HEIGHT
    if side is not None and x != MIDLINE:
        drawn_on = near_side(view) if x < MIDLINE else other(near_side(view))
        if drawn_on != side:
            x = VIEW_WIDTH - x
    x, y = round(x, 2), round(y, 2)
    return (view, x, y) if contains(BODY[view].points, x, y) else None


def _markers(
    index: CatalogIndex, record: raw.Muscle, side: Side | None
) -> tuple[tuple[PlacedMarker, ...], list[str]]:
    """The trigger points with a place on the map, numbered; notes on those without one."""
    placed: list[PlacedMarker] = []
    unplaced: list[str] = []
    for tp in record["trigger_points"]:
        name = tp["name"] + (f" (up to {tp['count']})" if tp["count"] else "")
        refers = _refers(index, tp["zones"])
        marker = tp["marker"]
        where = place(marker, side)
        if marker is None or where is None:
            unplaced.append(f"{name} (not placed on the map): {tp['location']} {refers}".strip())
            continue
        placed.append(
            PlacedMarker(
                tp["id"],
                len(placed) + 1,
                name,
                tp["location"],
                *where,
                refers,
                marker["schematic"],
            )
        )
    return tuple(placed), unplaced


def _parts(index: CatalogIndex) -> dict[str, frozenset[str]]:
    return {r: index.descendants(r) - {r} for r in index.regions}


def _blank(
    index: CatalogIndex,
    title: str,
    subtitle: str,
    *,
    alerts: tuple[str, ...] = (),
    reported: Iterable[str] = (),
    side: Side | None = None,
    notes: Iterable[str] = (),
) -> Picture:
    """A picture with no muscle's pattern on it."""
    return Picture(
        alerts=alerts,
        title=title,
        subtitle=subtitle,
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
        side=side,
        parts=_parts(index),
    )


def _on(side: Side | None) -> str:
    return f", {side} side" if side else ""


def muscle_picture(
    index: CatalogIndex,
    muscle: str,
    reported: Iterable[str] = (),
    *,
    side: Side | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    alerts: tuple[str, ...] = (),
    trigger_points: bool = True,
) -> Picture:
    """A muscle's referral pattern and trigger points, with any reported regions outlined;
    on one side of the body when `side` is given. Without `trigger_points` (after a red
    flag) the pattern is drawn but where the trigger points are is withheld."""
    name = index.muscles[muscle].name
    shades = shading(index, muscle)
    record = index.muscle_record(muscle)
    markers, notes = _markers(index, record, side) if trigger_points else ((), [])
    notes += muscle_notes(index, muscle, shades, markers, frozenset(reported), side)
    where = f" on the {side} side" if side else ""
    return Picture(
        alerts=alerts,
        title=title or name + _on(side),
        subtitle=subtitle or f"Trigger points and referral pattern{where} (schematic)",
        muscle=muscle,
        muscle_name=name,
        shading=shades,
        markers=markers,
        reported=frozenset(reported),
        region_names={r.id: r.name for r in index.regions.values()},
        numbers=region_numbers(index),
        sources=_sources(index, record),
        notes=tuple(notes),
        disclaimer=index.disclaimer,
        side=side,
        parts=_parts(index),
    )


def _reported_words(index: CatalogIndex, ranking: Ranking) -> str:
    """What the person reported, in words: the regions, the symptoms, then any red flag
    under its own name (never as one more symptom)."""
    regions = ", ".join(index.regions[r].name for r in ranking.query.regions)
    words = f"Pain reported: {regions or 'no region given'}."
    said = [index.symptoms[s] for s in ranking.query.symptoms]
    symptoms = ", ".join(s.name for s in said if not s.red_flag)
    if symptoms:
        words += f" Symptoms reported: {symptoms}."
    flags = [s.name for s in said if s.red_flag]
    if flags:
        words += f" Red flag{'s' if len(flags) > 1 else ''} reported: {', '.join(flags)}."
    return words


def ranking_picture(
    index: CatalogIndex, ranking: Ranking, side: Side | None = None, withhold: bool = False
) -> Picture:
    """The reported regions outlined, over the pattern of the best-ranked muscle; any red
    flag first. With a red flag (or `withhold`: one the person was unsure of), where the
    trigger points are is withheld: urgent care comes before self-treatment."""
    reported = ranking.query.regions
    alerts = tuple(w.message for w in ranking.warnings if w.kind == "red-flag")
    said = _reported_words(index, ranking)
    if ranking.results:
        best = ranking.results[0]
        group = sum(r.rank == 1 for r in ranking.results)
        many = str(group) if group > 1 else "several"
        lead = (
            f"{best.name}, one of {many} that fit about equally well"
            if best.tied
            else f"Best match: {best.name}"
            if reported
            else f"Most linked to what was reported: {best.name}"
        )
        picture = muscle_picture(
            index,
            best.muscle,
            reported,
            side=side,
            title=f"{lead}{_on(side)}",
            subtitle=f"{said} Outlined: where you feel it; shaded: "
            f"where {best.name} trigger points refer pain.",
            alerts=alerts,
            trigger_points=not (alerts or withhold),
        )
        reasons = unshaded_reasons(index, best, reported, picture)
        return picture._replace(notes=(*reasons, *picture.notes))
    notes = [f"Region {r} has no shape on the schematic." for r in undrawn(reported)]
    if side:
        notes.append(one_side(side))
    return _blank(
        index,
        f"No muscle in the catalog explains this pain{_on(side)}",
        said,
        alerts=alerts,
        reported=reported,
        side=side,
        notes=notes,
    )


def numbered_picture(index: CatalogIndex) -> Picture:
    """Every region with its number and nothing shaded: the map `ask` starts with."""
    return _blank(
        index,
        "Where does it hurt?",
        "Each number marks a region; answer with numbers or words.",
        notes=[f"Region {r} has no shape on the schematic." for r in undrawn(index.regions)],
    )
