"""What a body map shows: the shading follows the catalog's zones, and what cannot be drawn
is named, not skipped."""

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutealtp.bodymap import geometry as geo
from glutealtp.bodymap.notes import ONE_SIDE, SCHEMATIC, one_side
from glutealtp.bodymap.picture import Picture, Shade, muscle_picture, ranking_picture, shading
from glutealtp.catalog import CatalogIndex
from glutealtp.catalog.entries import Support
from glutealtp.ranking.rank import make_query, rank

from .helpers import index_of, plain_map, raw_muscle

pytestmark = pytest.mark.usefixtures("plain_environment")


def _zones(raw: dict[str, Any], muscle: str) -> list[tuple[str, str]]:
    """(region, extent) of every referral zone of a muscle, straight from the JSON."""
    m = raw_muscle(raw, muscle)
    return [(z["region"], z["extent"]) for tp in m["trigger_points"] for z in tp["zones"]]


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
    # shade: that inheritance is checked against the long way below. A region with a zone of its
    # own takes a wider region's shade only when that one is stronger: quadratus lumborum's
    # spillover zone on the side of the hip lies inside its essential zone on the hip.
    shades = shading(index, muscle)
    got = {r: s.shade for r, s in shades.items() if s.inherited_from is None}
    overruled = {r for r in expected if shades[r].inherited_from is not None}
    assert overruled == ({"side-of-hip"} if muscle == "quadratus-lumborum" else set())
    for region in overruled:
        wider = shades[region].inherited_from
        assert wider is not None and shades[region].shade is expected[wider]
        assert shades[region].shade > expected[region], region
    assert got == {r: shade for r, shade in expected.items() if r not in overruled}


def test_shading_of_known_patterns(index: CatalogIndex) -> None:
    pir = shading(index, "piriformis")
    assert {r: s.shade for r, s in pir.items()} == {
        "buttock": Shade.essential,
        "si-joint": Shade.essential,
        "hip": Shade.essential,
        "back-of-thigh": Shade.spillover,
        "side-of-hip": Shade.essential,  # inside the hip, whose zone is essential
        "front-of-hip": Shade.essential,
        "back-of-hip": Shade.essential,
    }
    assert pir["hip"].trigger_points == ("piriformis-lateral",)
    assert pir["front-of-hip"] == (Shade.essential, ("piriformis-lateral",), "hip")
    assert pir["back-of-hip"] == (
        Shade.essential,
        ("piriformis-lateral", "piriformis-medial"),
        None,
    )
    gmin = shading(index, "gluteus-minimus")
    assert gmin["back-of-leg"].shade is Shade.essential
    assert gmin["back-of-leg"].trigger_points == ("gluteus-minimus-posterior",)
    assert gmin["side-of-leg"].trigger_points == ("gluteus-minimus-anterior",)
    assert shading(index, "quadratus-lumborum")["genitals"].shade is Shade.spillover


def test_a_zone_on_a_wider_region_shades_the_regions_inside_it(raw_copy: dict[str, Any]) -> None:
    muscle = raw_muscle(raw_copy, "gluteus-medius")
    muscle["trigger_points"][1]["zones"].append(
        {"region": "gluteal-region", "extent": "spillover", "sources": ["perry-gluteal-pain"]}
    )
    index = index_of(raw_copy)
    shades = shading(index, "gluteus-medius")
    assert shades["tailbone"] == (Shade.spillover, ("gluteus-medius-middle",), "gluteal-region")
    assert shades["sacrum"] == (Shade.essential, ("gluteus-medius-medial",), None)
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
    """Longissimus thoracis reaches the SI joint by a muscle-level statement only, piriformis
    the groin through piriformis syndrome only: the map leaves them."""
    assert {s.kind for s in index.muscles["longissimus-thoracis"].regions["si-joint"]} == {
        "statement"
    }
    assert "si-joint" not in shading(index, "longissimus-thoracis")
    assert {s.kind for s in index.muscles["piriformis"].regions["groin"]} == {"condition"}
    assert "groin" not in shading(index, "piriformis")


def test_a_region_without_a_shape_is_named_not_skipped(raw_copy: dict[str, Any]) -> None:
    raw_copy["regions"].append({"id": "elbow", "name": "Elbow", "sources": ["perry-gluteal-pain"]})
    muscle = raw_muscle(raw_copy, "piriformis")
    muscle["trigger_points"][0]["zones"].append(
        {"region": "elbow", "extent": "spillover", "sources": ["perry-gluteal-pain"]}
    )
    picture = muscle_picture(index_of(raw_copy), "piriformis")
    assert "Region elbow has no shape on the schematic." in picture.notes
    assert "elbow has no shape" in plain_map(picture)


@pytest.mark.parametrize(
    "marker", [None, {"view": "back", "x": 0.02, "y": 0.02}, {"view": "front", "x": 0.5, "y": 1}]
)
def test_a_trigger_point_without_a_place_is_listed_not_drawn(
    raw_copy: dict[str, Any], marker: dict[str, Any] | None
) -> None:
    """No marker in the data, or one off the body: named under the map, never guessed."""
    tp = raw_muscle(raw_copy, "piriformis")["trigger_points"][0]
    if marker is None:
        del tp["marker"]
    else:
        tp["marker"] = marker
    picture = muscle_picture(index_of(raw_copy), "piriformis")
    assert [(m.id, m.number) for m in picture.markers] == [("piriformis-medial", 1)]
    unplaced = [n for n in picture.notes if "not placed on the map" in n]
    assert unplaced == [
        f"{tp['name']} (not placed on the map): {tp['location']} "
        "Essential zones: Hip, Buttock, Sacroiliac (SI) joint, Back of the hip. "
        "Spillover zone: Back of the thigh."
    ]
    assert "not placed on the map" in " ".join(plain_map(picture).split())


def test_the_picture_says_why_a_reported_region_is_not_shaded(raw: dict[str, Any]) -> None:
    # The picture's notes, not the ranking, are under test: the article's five muscles only,
    # less quadratus lumborum, whose groin zone would keep a condition link from counting there.
    article = {"gluteus-maximus", "gluteus-medius", "gluteus-minimus", "piriformis"}
    data = copy.deepcopy(raw)
    data["muscles"] = [m for m in data["muscles"] if m["id"] in article]
    for muscle in data["muscles"]:
        muscle["related"] = [r for r in muscle.get("related", []) if r["muscle"] in article]
    data["area_lists"] = []
    index = index_of(data)
    query = make_query(index, ["groin", "hip", "tailbone", "low back"], ["leg numbness"])
    picture = ranking_picture(index, rank(index, query))
    assert picture.muscle == "piriformis"
    assert "groin" in picture.reported and picture.shade("groin") is Shade.none
    assert (
        "Groin: counted for Piriformis through Piriformis syndrome, not a trigger-point zone, "
        "so it is not shaded."
    ) in picture.notes
    assert "Not explained by Piriformis: Low back." in picture.notes
    # Its statement on the gluteal region covers the tailbone, a part of it.
    assert picture.shade("tailbone") is Shade.none
    assert (
        "Tailbone (coccyx): counted for Piriformis by a muscle-level statement, not a "
        "trigger-point zone, so it is not shaded."
    ) in picture.notes
    tailbone = make_query(index, ["hip", "tailbone"], ["crossed-legs"])
    gmin = ranking_picture(index, rank(index, tailbone))
    assert gmin.muscle == "gluteus-minimus"
    assert (
        "Tailbone (coccyx): counted for Gluteus minimus by a muscle-level statement, not a "
        "trigger-point zone, so it is not shaded."
    ) in gmin.notes


def _by_statement_alone(index: CatalogIndex) -> Picture:
    """The ranking picture for the back of the thigh, its best result gluteus minimus with
    only its muscle-level statement on the back of the thigh counted."""
    ranking = rank(index, make_query(index, ["back of the thigh"]))
    gmin = next(r for r in ranking.results if r.muscle == "gluteus-minimus")
    evidence = next(e for e in gmin.region_evidence if e.id == "back-of-thigh")
    statement = next(v for v in evidence.via if isinstance(v, Support) and v.kind == "statement")
    by_statement = gmin._replace(region_evidence=(evidence._replace(via=(statement,)),))
    return ranking_picture(index, ranking._replace(results=(by_statement,)))


def test_a_note_never_says_unshaded_what_the_map_shades(
    index: CatalogIndex, raw_copy: dict[str, Any]
) -> None:
    """Gluteus minimus reaches the back of the thigh by a muscle-level statement, but its
    posterior trigger points refer there (and to the whole back of the leg), so the map shades
    it: when the ranking counts the statement alone, the note says the region is shaded, and
    why."""
    picture = _by_statement_alone(index)
    assert picture.shade("back-of-thigh") is Shade.essential
    assert (
        "Back of the thigh: counted for Gluteus minimus by a muscle-level statement; shaded "
        "because a trigger point refers pain to Back of the thigh."
    ) in picture.notes
    # Without the zone on the back of the thigh, the one on the whole back of the leg shades it.
    muscle = raw_muscle(raw_copy, "gluteus-minimus")
    posterior = next(tp for tp in muscle["trigger_points"] if tp["id"].endswith("-posterior"))
    posterior["zones"] = [z for z in posterior["zones"] if z["region"] != "back-of-thigh"]
    wider = _by_statement_alone(index_of(raw_copy))
    assert wider.shade("back-of-thigh") is Shade.essential
    assert (
        "Back of the thigh: counted for Gluteus minimus by a muscle-level statement; shaded "
        "because a trigger point refers pain to Back of the leg (thigh and calf)."
    ) in wider.notes


@pytest.mark.parametrize(
    "region", ["back-of-thigh", "calf", "knee", "hip", "outer-thigh", "pelvis"]
)
def test_what_a_note_calls_unshaded_is_unshaded(index: CatalogIndex, region: str) -> None:
    picture = ranking_picture(index, rank(index, make_query(index, [region])))
    for note in picture.notes:
        if note.endswith("so it is not shaded.") or note.endswith("so not shaded."):
            named = f", {note.split(': ')[0]}, "
            for r, name in picture.region_names.items():
                if f", {name}, " in named:
                    assert picture.shade(r) is Shade.none, note


def test_a_muscle_map_names_what_it_links_but_does_not_shade(index: CatalogIndex) -> None:
    """New-user finding 27: the ranking cites longissimus thoracis for the SI joint, so its map
    says why the SI joint is blank."""
    picture = muscle_picture(index, "longissimus-thoracis")
    assert picture.shade("si-joint") is Shade.none
    assert (
        "Sacroiliac (SI) joint: linked to Longissimus thoracis by a muscle-level statement, not "
        "a trigger-point zone, so not shaded."
    ) in picture.notes


@pytest.mark.parametrize(
    ("reported", "view", "outlined"),
    [
        ("knee", "anterior", ["knee"]),
        ("knee", "posterior", ["back-of-knee"]),
        ("thigh", "posterior", ["back-of-thigh", "outer-thigh"]),
        ("leg", "posterior", ["back-of-leg", "side-of-leg"]),
        ("leg", "anterior", ["leg"]),
        ("pelvis", "posterior", ["anal-region", "pelvic-floor"]),
        ("buttock", "anterior", []),
    ],
)
def test_a_region_not_drawn_in_a_view_is_outlined_by_its_parts_there(
    index: CatalogIndex, reported: str, view: geo.View, outlined: list[str]
) -> None:
    picture = ranking_picture(index, rank(index, make_query(index, [reported])))
    assert picture.outlined(view) == outlined


def test_a_red_flag_reaches_every_ranking_picture(index: CatalogIndex) -> None:
    ranking = rank(index, make_query(index, ["buttock"], ["saddle numbness"]))
    red = [w.message for w in ranking.warnings if w.kind == "red-flag"]
    assert red and red[0].startswith("RED FLAG: Numbness in the saddle area.")
    picture = ranking_picture(index, ranking)
    assert picture.alerts == tuple(red)
    assert "Red flag reported: Numbness in the saddle area." in picture.subtitle
    assert "Symptoms reported" not in picture.subtitle  # a red flag is not one more symptom
    none = ranking_picture(index, rank(index, make_query(index, [], ["incontinence"])))
    assert none.muscle is None and none.title == "No muscle in the catalog explains this pain"
    assert none.alerts and none.alerts[0].startswith("RED FLAG: Loss of bladder or bowel control")
    assert "Pain reported: no region given. Red flag reported:" in none.subtitle
    assert muscle_picture(index, "piriformis").alerts == ()


def test_a_one_sided_picture_says_so_and_puts_its_markers_there(index: CatalogIndex) -> None:
    both = muscle_picture(index, "piriformis")
    left = muscle_picture(index, "piriformis", side="left")
    assert (both.side, left.side) == (None, "left")
    assert left.title == "Piriformis, left side"
    assert "on the left side" in left.subtitle
    assert one_side("left") in left.notes and ONE_SIDE not in left.notes
    for a, b in zip(both.markers, left.markers, strict=True):
        assert (b.view, b.x, b.y) == (a.view, round(geo.VIEW_WIDTH - a.x, 2), a.y)
    assert left.shade_on("buttock", "left") is Shade.essential
    assert left.shade_on("buttock", "right") is Shade.none
    assert left.shade_on("buttock", None) is Shade.essential
    assert both.shade_on("buttock", "right") is Shade.essential
    best = ranking_picture(index, rank(index, make_query(index, ["hip"])), "right")
    assert best.title.endswith(", right side") and best.side == "right"


def test_schematic_markers_are_marked_so(index: CatalogIndex) -> None:
    picture = muscle_picture(index, "gluteus-maximus")
    assert [m.schematic for m in picture.markers] == [True]
    assert SCHEMATIC in picture.notes
    assert not any(m.schematic for m in muscle_picture(index, "piriformis").markers)
    assert SCHEMATIC not in muscle_picture(index, "piriformis").notes


def test_a_region_inside_the_body_is_explained_when_drawn(index: CatalogIndex) -> None:
    picture = muscle_picture(index, "obturator-internus")
    assert picture.shade("inside-pelvis") is Shade.spillover
    assert any(
        n.startswith("Inside the pelvis: a region inside the body, drawn over")
        for n in picture.notes
    )
