"""What a body map shows: the shading follows the catalog's zones, and what cannot be drawn
is named, not skipped."""

import copy
import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from glutealtp.bodymap import geometry as geo
from glutealtp.bodymap.picture import (
    Picture,
    Shade,
    muscle_picture,
    ranking_picture,
    shading,
)
from glutealtp.bodymap.terminal import print_map
from glutealtp.catalog import CatalogIndex
from glutealtp.rank import make_query, rank

from .helpers import index_of

pytestmark = pytest.mark.usefixtures("plain_environment")


def _zones(raw: dict[str, Any], muscle: str) -> list[tuple[str, str]]:
    """(region, extent) of every referral zone of a muscle, straight from the JSON."""
    m = next(m for m in raw["muscles"] if m["id"] == muscle)
    return [(z["region"], z["extent"]) for tp in m["trigger_points"] for z in tp["zones"]]


def _plain(picture: Picture, width: int = 80, **kw: Any) -> str:
    buf = io.StringIO()
    print_map(Console(file=buf, width=width, color_system=None), picture, **kw)
    return buf.getvalue()


@pytest.mark.parametrize(
    "muscle",
    ["quadratus-lumborum", "gluteus-maximus", "gluteus-medius", "gluteus-minimus", "piriformis"],
)
def test_shading_is_the_strongest_zone_per_region(
    index: CatalogIndex, raw: dict[str, Any], muscle: str
) -> None:
    zones = _zones(raw, muscle)
    expected = {}
    for region, extent in zones:
        if extent == "essential" or region not in expected:
            expected[region] = Shade[extent]
    # Regions inside a shaded one (the back of the thigh, inside the back of the leg) take its
    # shade: that inheritance is checked against the long way below.
    got = {r: s.shade for r, s in shading(index, muscle).items() if s.inherited_from is None}
    assert got == expected


def test_shading_of_known_patterns(index: CatalogIndex) -> None:
    pir = shading(index, "piriformis")
    assert {r: s.shade for r, s in pir.items()} == {
        "buttock": Shade.essential,
        "hip": Shade.essential,
    }
    assert pir["hip"].trigger_points == ("piriformis-lateral",)
    gmin = shading(index, "gluteus-minimus")
    assert gmin["back-of-leg"].shade is Shade.spillover
    assert gmin["side-of-leg"].trigger_points == ("gluteus-minimus-anterior",)
    assert shading(index, "quadratus-lumborum")["genitals"].shade is Shade.spillover


def test_a_zone_on_a_wider_region_shades_the_regions_inside_it(raw_copy: dict[str, Any]) -> None:
    muscle = next(m for m in raw_copy["muscles"] if m["id"] == "gluteus-medius")
    muscle["trigger_points"][1]["zones"].append(
        {"region": "gluteal-region", "extent": "spillover", "sources": ["perry-gluteal-pain"]}
    )
    index = index_of(raw_copy)
    shades = shading(index, "gluteus-medius")
    assert shades["sacrum"] == (Shade.spillover, ("gluteus-medius-middle",), "gluteal-region")
    assert shades["buttock"].shade is Shade.essential
    assert shades["buttock"].inherited_from is None


def _reference_shading(raw: dict[str, Any], muscle: str) -> dict[str, int]:
    """Shading worked out the long way: the strongest zone on a region or on any wider one
    (a region may be part of several: its `parent` and those it is `also_part_of`)."""
    parents = {
        r["id"]: ([r["parent"]] if r.get("parent") else []) + r.get("also_part_of", [])
        for r in raw["regions"]
    }
    own: dict[str, int] = {}
    for region, extent in _zones(raw, muscle):
        own[region] = max(own.get(region, 0), 2 if extent == "essential" else 1)
    out = {}
    for region in parents:
        best, seen, frontier = own.get(region, 0), {region}, list(parents[region])
        while frontier:
            up = frontier.pop()
            if up not in seen:
                seen.add(up)
                best = max(best, own.get(up, 0))
                frontier.extend(parents[up])
        if best:
            out[region] = best
    return out


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=9),
            st.sampled_from(sorted(geo.SHAPES)),
            st.sampled_from(["essential", "spillover"]),
        ),
        max_size=6,
    )
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_shading_matches_the_long_way_for_any_zones(
    raw: dict[str, Any], extra: list[tuple[int, str, str]]
) -> None:
    data = copy.deepcopy(raw)
    tps = [tp for m in data["muscles"] for tp in m["trigger_points"]]
    for i, region, extent in extra:
        tps[i % len(tps)]["zones"].append(
            {"region": region, "extent": extent, "sources": ["perry-gluteal-pain"]}
        )
    index = index_of(data)
    for muscle in index.muscles:
        got = {r: int(s.shade) for r, s in shading(index, muscle).items()}
        assert got == _reference_shading(data, muscle), muscle


def test_muscle_level_statements_and_conditions_are_not_drawn_as_zones(index: CatalogIndex) -> None:
    """Gluteus minimus reaches the hip by a muscle-level statement only: the map leaves it."""
    assert "hip" in index.muscles["gluteus-minimus"].regions
    assert "hip" not in shading(index, "gluteus-minimus")


def test_a_region_without_a_shape_is_named_not_skipped(raw_copy: dict[str, Any]) -> None:
    raw_copy["regions"].append({"id": "elbow", "name": "Elbow", "sources": ["perry-gluteal-pain"]})
    muscle = next(m for m in raw_copy["muscles"] if m["id"] == "piriformis")
    muscle["trigger_points"][0]["zones"].append(
        {"region": "elbow", "extent": "spillover", "sources": ["perry-gluteal-pain"]}
    )
    picture = muscle_picture(index_of(raw_copy), "piriformis")
    assert "Region elbow has no shape on the schematic." in picture.notes
    assert "elbow has no shape" in _plain(picture)


@pytest.mark.parametrize(
    "marker", [None, {"view": "back", "x": 0.02, "y": 0.02}, {"view": "front", "x": 0.5, "y": 1}]
)
def test_a_trigger_point_without_a_place_is_listed_not_drawn(
    raw_copy: dict[str, Any], marker: dict[str, Any] | None
) -> None:
    """No marker in the data, or one off the body: named under the map, never guessed."""
    tp = next(m for m in raw_copy["muscles"] if m["id"] == "piriformis")["trigger_points"][0]
    if marker is None:
        del tp["marker"]
    else:
        tp["marker"] = marker
    picture = muscle_picture(index_of(raw_copy), "piriformis")
    assert [(m.id, m.number) for m in picture.markers] == [("piriformis-medial", 1)]
    unplaced = [n for n in picture.notes if "not placed on the map" in n]
    assert unplaced == [
        f"{tp['name']} (not placed on the map): {tp['location']} "
        "Essential zone: Hip. Spillover zone: Buttock."
    ]
    assert "not placed on the map" in " ".join(_plain(picture).split())


def test_the_picture_says_why_a_reported_region_is_not_shaded(raw: dict[str, Any]) -> None:
    # The picture's notes, not the ranking, are under test: the article's five muscles only.
    article = {
        "quadratus-lumborum",
        "gluteus-maximus",
        "gluteus-medius",
        "gluteus-minimus",
        "piriformis",
    }
    data = copy.deepcopy(raw)
    data["muscles"] = [m for m in data["muscles"] if m["id"] in article]
    data["area_lists"] = []
    index = index_of(data)
    query = make_query(index, ["groin", "back of leg", "hip", "tailbone"], ["leg numbness"])
    picture = ranking_picture(index, rank(index, query))
    assert picture.muscle == "piriformis"
    assert "groin" in picture.reported and picture.shade("groin") is Shade.none
    assert (
        "Groin: counted for Piriformis through Piriformis syndrome, not a trigger-point zone, "
        "so it is not shaded."
    ) in picture.notes
    assert "Not explained by Piriformis: Tailbone (coccyx)." in picture.notes
    hip = ranking_picture(index, rank(index, make_query(index, ["hip"], ["crossed-legs"])))
    assert hip.muscle == "gluteus-minimus"
    assert (
        "Hip: counted for Gluteus minimus by a muscle-level statement, not a trigger-point "
        "zone, so it is not shaded."
    ) in hip.notes
