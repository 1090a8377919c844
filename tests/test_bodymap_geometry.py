"""The body map's geometry: every catalog region has a shape and an anchor inside the body,
and every bundled trigger point a marker on it."""

import math
from typing import Any

import pytest

from glutealtp.bodymap import geometry as geo
from glutealtp.bodymap.picture import (
    muscle_picture,
    place,
)
from glutealtp.catalog import CatalogIndex
from glutealtp.catalog.raw import Marker

pytestmark = pytest.mark.usefixtures("plain_environment")


def test_every_catalog_region_has_a_shape_and_an_anchor(index: CatalogIndex) -> None:
    for region in index.regions:
        assert geo.SHAPES.get(region), f"region {region} has no shape on the body map"
        views_drawn = {s.view for s in geo.SHAPES[region]}
        assert set(geo.ANCHORS.get(region, {})) == views_drawn, region


def test_groin_and_genitals_are_on_the_front_view() -> None:
    for region in ("groin", "genitals"):
        assert "anterior" in {s.view for s in geo.SHAPES[region]}


def test_geometry_names_only_catalog_regions(index: CatalogIndex) -> None:
    assert set(geo.SHAPES) <= set(index.regions)
    assert set(geo.ANCHORS) <= set(index.regions)


def _bundled_markers(raw: dict[str, Any]) -> dict[str, tuple[geo.View, float, float]]:
    """Trigger-point id -> where it is drawn, from the bundled data (only those placed)."""
    out = {}
    for muscle in raw["muscles"]:
        for tp in muscle["trigger_points"]:
            if (where := place(tp.get("marker"))) is not None:
                out[tp["id"]] = where
    return out


def test_every_bundled_trigger_point_has_a_marker_on_the_body(
    raw: dict[str, Any], index: CatalogIndex
) -> None:
    documented = {tp["id"] for m in raw["muscles"] for tp in m["trigger_points"]}
    assert set(_bundled_markers(raw)) == documented
    for muscle in index.muscles:
        picture = muscle_picture(index, muscle)
        assert not [n for n in picture.notes if "not placed on the map" in n], muscle


SCHEMATIC = {
    # Groups the sources do not tell apart, drawn as one marker.
    "quadratus-lumborum-group",
    "gluteus-maximus-group",
    "iliopsoas-main",
    "vastus-lateralis-group",
    "adductor-longus-brevis-group",
    "adductor-magnus-main",
    "semitendinosus-semimembranosus-main",
    "biceps-femoris-main",
    "short-lateral-rotators-group",
    "soleus-calf",
    "multifidi-lumbar",
    "multifidi-sacral",
    "external-oblique-pubic-rim",
    # Placed by the muscle (or the part of it that is a muscle of its own) alone.
    "iliopsoas-iliacus",
    "pectineus-main",
    "gracilis-main",
    "levator-ani-main",
    "sphincter-ani-main",
    "obturator-internus-pelvic",
    "soleus-si-joint",
}
"""The trigger points whose marker is only a drawing position, read from each one's
`location`: the others are placed by the part, end, level or landmark the sources give
(the medial part, the 12th rib, 5 cm out from the navel, behind the hip joint)."""


def test_markers_placed_by_the_muscle_alone_or_for_a_group_are_schematic(
    raw: dict[str, Any],
) -> None:
    """The map must not look more certain than the data."""
    flagged = set()
    for muscle in raw["muscles"]:
        for tp in muscle["trigger_points"]:
            if tp["marker"].get("schematic"):
                flagged.add(tp["id"])
            if tp.get("count") or "not told apart" in tp["name"]:
                assert tp["id"] in flagged, tp["id"]
    assert flagged == SCHEMATIC


def test_markers_follow_the_side_asked_for(raw: dict[str, Any]) -> None:
    """Bundled markers are on the person's right; asked for the left, they are mirrored, and a
    marker on the midline stays."""
    for muscle in raw["muscles"]:
        for tp in muscle["trigger_points"]:
            right = place(tp["marker"], "right")
            left = place(tp["marker"], "left")
            assert right == place(tp["marker"])
            assert right is not None and left is not None
            view, x, y = right
            assert (x > geo.MIDLINE) == (view == "posterior"), tp["id"]
            assert left == (view, round(geo.VIEW_WIDTH - x, 2), y)
    midline: Marker = {"view": "back", "x": 0.5, "y": 0.3, "schematic": False}
    assert place(midline, "left") == place(midline, "right") == ("posterior", 100.0, 78.0)


def test_marker_y_keeps_the_first_maps_unit_and_runs_down_the_legs() -> None:
    """y = 1 is just above the knees, as on the map that stopped there; the calf is below."""
    knee: Marker = {"view": "back", "x": 0.35, "y": 1.0, "schematic": False}
    calf: Marker = {"view": "back", "x": 0.35, "y": 1.25, "schematic": False}
    below: Marker = {"view": "back", "x": 0.35, "y": 1.6, "schematic": False}
    assert place(knee) == ("posterior", 70.0, 260.0)
    assert place(calf) == ("posterior", 70.0, 325.0)
    assert region_at("posterior", 70.0, 325.0) == "calf"
    assert place(below) is None


def test_one_sided_regions_have_both_sides_and_the_midline_ones_are_whole() -> None:
    midline = {"sacrum", "tailbone", "anal-region", "pelvic-floor", "genitals", "pelvis"}
    midline |= geo.DEEP
    for region, shapes in geo.SHAPES.items():
        for view in {s.view for s in shapes}:
            sides = sorted(str(s.side) for s in shapes if s.view == view)
            if region in midline:
                assert sides == ["None"], region
            else:
                assert sides == ["left", "right"], (region, view)
                left = next(s for s in shapes if s.view == view and s.side == geo.near_side(view))
                right = next(s for s in shapes if s.view == view and s.side != geo.near_side(view))
                assert right.points == geo.mirror(left.points), region
                assert max(x for x, _ in left.points) <= geo.MIDLINE, region


def test_the_legs_reach_the_calf_in_both_views() -> None:
    for view in geo.VIEWS:
        ys = [y for _, y in geo.BODY[view].points]
        assert max(ys) == geo.BOTTOM > 1.5 * geo.MARKER_HEIGHT
    assert region_at("posterior", *geo.ANCHORS["calf"]["posterior"]) == "calf"
    assert geo.ANCHORS["calf"]["posterior"][1] > geo.ANCHORS["back-of-knee"]["posterior"][1]
    assert geo.ANCHORS["knee"]["anterior"][1] < geo.ANCHORS["leg"]["anterior"][1]


def test_a_wider_region_is_drawn_under_its_parts(index: CatalogIndex) -> None:
    """Paint order: a region comes before every region inside it, so its parts lie on top."""
    order = list(geo.SHAPES)
    for region in order:
        for part in index.descendants(region) - {region}:
            if part in geo.SHAPES and part not in geo.DEEP:
                shared = {s.view for s in geo.SHAPES[region]} & {s.view for s in geo.SHAPES[part]}
                if shared:
                    assert order.index(region) < order.index(part), (region, part)


def region_at(view: geo.View, x: float, y: float) -> str | None:
    """The region drawn on top at a point of a view, or None for bare body or background."""
    found = None
    for region, shapes in geo.SHAPES.items():
        if any(s.view == view and geo.contains(s.points, x, y) for s in shapes):
            found = region
    return found


def test_every_shape_lies_inside_the_body() -> None:
    for region, shapes in geo.SHAPES.items():
        for shape in shapes:
            body = geo.BODY[shape.view].points
            outside = [p for p in shape.points if not geo.contains(body, *p)]
            assert not outside, f"{region} ({shape.view}) leaves the body at {outside[:3]}"


def _distance_to_edges(x: float, y: float, poly: geo.Polygon) -> float:
    best = math.inf
    for (x1, y1), (x2, y2) in zip(poly, (*poly[1:], poly[0]), strict=True):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return best


COVERED = {("anal-region", "sphincter-ani-main")}
"""Anchors a bundled marker covers: the anal sphincter is drawn on the small midline region it
lies in, so its own map cannot be checked at that anchor."""


def test_anchors_sit_well_inside_the_visible_part_of_their_region(raw: dict[str, Any]) -> None:
    """Labels and the pixel checks use the anchors, so each must show its own region, clear of
    the markers (but for the few listed: the render checks skip an anchor under a marker)."""
    markers = _bundled_markers(raw)
    covered = set()
    for region, anchors in geo.ANCHORS.items():
        for view, (x, y) in anchors.items():
            assert region_at(view, x, y) == region, (region, view)
            for shapes in geo.SHAPES.values():
                for s in shapes:
                    if s.view == view:
                        assert _distance_to_edges(x, y, s.points) >= 3.5, (region, view)
            for tp, (m_view, mx, my) in markers.items():
                if m_view == view and math.hypot(mx - x, my - y) < 12:
                    covered.add((region, tp))
    assert covered == COVERED


def test_markers_sit_apart(raw: dict[str, Any]) -> None:
    markers = _bundled_markers(raw)
    for muscle in raw["muscles"]:
        # Trigger points without a marker yet (body map v2) are listed under the map, not drawn.
        placed = [markers[tp["id"]] for tp in muscle["trigger_points"] if tp["id"] in markers]
        for i, (av, ax, ay) in enumerate(placed):
            for bv, bx, by in placed[i + 1 :]:
                assert av != bv or math.hypot(ax - bx, ay - by) >= 14, muscle["id"]
