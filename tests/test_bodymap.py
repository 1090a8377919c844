"""The body map: geometry covers the catalog, shading follows the zones, the terminal reads."""

from __future__ import annotations

import copy
import io
import math
import re
from pathlib import Path
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
    numbered_picture,
    place,
    ranking_picture,
    shading,
)
from glutealtp.bodymap.raster import FILL, MARKER, REPORTED, cell_of, draw, grid
from glutealtp.bodymap.terminal import print_map
from glutealtp.catalog import CatalogIndex
from glutealtp.rank import make_query, rank

from .conftest import Invoke
from .helpers import index_of

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outputs here are checked character by character: no colour or width from outside."""
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "GLUTEALTP_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


def _zones(raw: dict[str, Any], muscle: str) -> list[tuple[str, str]]:
    """(region, extent) of every referral zone of a muscle, straight from the JSON."""
    m = next(m for m in raw["muscles"] if m["id"] == muscle)
    return [(z["region"], z["extent"]) for tp in m["trigger_points"] for z in tp["zones"]]


def _plain(picture: Picture, width: int = 80, **kw: Any) -> str:
    buf = io.StringIO()
    print_map(Console(file=buf, width=width, color_system=None), picture, **kw)
    return buf.getvalue()


# --- geometry covers the catalog, and nothing else --------------------------------------


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


def test_anchors_sit_well_inside_the_visible_part_of_their_region(raw: dict[str, Any]) -> None:
    """Labels and the pixel checks use the anchors, so each must show its own region."""
    markers = _bundled_markers(raw)
    for region, anchors in geo.ANCHORS.items():
        for view, (x, y) in anchors.items():
            assert region_at(view, x, y) == region, (region, view)
            for shapes in geo.SHAPES.values():
                for s in shapes:
                    if s.view == view:
                        assert _distance_to_edges(x, y, s.points) >= 3.5, (region, view)
            for tp, (m_view, mx, my) in markers.items():
                if m_view == view:
                    assert math.hypot(mx - x, my - y) >= 12, (region, tp)


def test_markers_sit_apart(raw: dict[str, Any]) -> None:
    markers = _bundled_markers(raw)
    for muscle in raw["muscles"]:
        placed = [markers[tp["id"]] for tp in muscle["trigger_points"]]
        for i, (av, ax, ay) in enumerate(placed):
            for bv, bx, by in placed[i + 1 :]:
                assert av != bv or math.hypot(ax - bx, ay - by) >= 14, muscle["id"]


# --- the terminal grid shows every region ------------------------------------------------


def test_every_region_anchor_cell_shows_that_region() -> None:
    for region, anchors in geo.ANCHORS.items():
        for view, (x, y) in anchors.items():
            col, row = cell_of(x, y)
            assert grid(view).top[row][col] == region, (region, view)


def test_numbered_map_labels_every_region_inside_the_body(index: CatalogIndex) -> None:
    picture = numbered_picture(index)
    for view in geo.VIEWS:
        cells = draw(picture, view, numbers=True)
        text = ["".join(ch for ch, _ in row) for row in cells]
        for region, anchors in geo.ANCHORS.items():
            if view not in anchors:
                continue
            col, row = cell_of(*anchors[view])
            label = str(picture.numbers[region])
            assert text[row][col : col + len(label)] == label, (region, view)
            for i in range(len(label)):
                assert grid(view).body[row][col + i], (region, view)
    listed = _plain(picture, numbers=True)
    for entry in index.regions.values():
        assert entry.name.split(" (")[0] in listed


def test_markers_are_drawn_with_their_numbers(index: CatalogIndex) -> None:
    for muscle in index.muscles:
        picture = muscle_picture(index, muscle)
        drawn = {view: draw(picture, view) for view in geo.VIEWS}
        for m in picture.markers:
            col, row = cell_of(m.x, m.y)
            cells = drawn[m.view]
            label = "".join(ch for ch, _ in cells[row][col : col + 1 + len(str(m.number))])
            assert label == f"{MARKER}{m.number}", (muscle, m.id)


@pytest.mark.parametrize("muscle", ["piriformis", "gluteus-minimus", "quadratus-lumborum"])
def test_terminal_fill_at_each_region_follows_the_shading(index: CatalogIndex, muscle: str) -> None:
    picture = muscle_picture(index, muscle)
    drawn = {view: draw(picture, view) for view in geo.VIEWS}
    for region, anchors in geo.ANCHORS.items():
        for view, (x, y) in anchors.items():
            col, row = cell_of(x, y)
            ch, style = drawn[view][row][col]
            assert ch == FILL[picture.shade(region)], (region, view)
            assert style == picture.shade(region).name


# --- shading comes from the catalog's zones -------------------------------------------


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
    got = {r: s.shade for r, s in shading(index, muscle).items()}
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
    """Shading worked out the long way: the strongest zone on a region or on any wider one."""
    parent = {r["id"]: r.get("parent") for r in raw["regions"]}
    own: dict[str, int] = {}
    for region, extent in _zones(raw, muscle):
        own[region] = max(own.get(region, 0), 2 if extent == "essential" else 1)
    out = {}
    for region in parent:
        best, up = own.get(region, 0), parent[region]
        while up is not None:
            best, up = max(best, own.get(up, 0)), parent[up]
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


# --- the terminal picture ----------------------------------------------------------------


@pytest.mark.parametrize(
    "muscle",
    ["quadratus-lumborum", "gluteus-maximus", "gluteus-medius", "gluteus-minimus", "piriformis"],
)
def test_terminal_map_fits_80_columns_and_has_a_legend(index: CatalogIndex, muscle: str) -> None:
    out = _plain(muscle_picture(index, muscle))
    assert max(len(line) for line in out.splitlines()) <= 80
    assert not ANSI.search(out)
    legend = next(line for line in out.splitlines() if "essential zone" in line)
    for key in ("spillover zone", f"{FILL[Shade.none]} other", "trigger point", "reported"):
        assert key in legend
    assert index.muscles[muscle].name in out
    assert "Source: " in out


def test_terminal_fill_characters_are_distinct() -> None:
    chars = [*FILL.values(), MARKER]
    assert len(set(chars)) == len(chars)
    assert not set(chars) & set(REPORTED)


def test_no_color_keeps_the_characters_and_drops_the_colours(
    index: CatalogIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = muscle_picture(index, "gluteus-minimus", ["buttock"])
    buf = io.StringIO()
    print_map(Console(file=buf, width=80, force_terminal=True, color_system="truecolor"), picture)
    coloured = buf.getvalue()
    assert re.search(r"\x1b\[[0-9;]*38;", coloured)
    monkeypatch.setenv("NO_COLOR", "1")
    buf = io.StringIO()
    print_map(Console(file=buf, width=80, force_terminal=True), picture)
    no_colour = buf.getvalue()
    assert not re.search(r"\x1b\[[0-9;]*3[0-9];", no_colour)
    assert ANSI.sub("", no_colour) == ANSI.sub("", coloured) == _plain(picture)
    assert FILL[Shade.essential] in no_colour and FILL[Shade.spillover] in no_colour


def test_a_narrow_terminal_gets_the_views_one_above_the_other(index: CatalogIndex) -> None:
    out = _plain(muscle_picture(index, "piriformis"), width=60)
    assert max(len(line) for line in out.splitlines()) <= 60
    assert out.index("Back view") < out.index("Front view")
    lines = out.splitlines()
    front = next(i for i, line in enumerate(lines) if "Front view" in line)
    assert front > next(i for i, line in enumerate(lines) if "Back view" in line) + 20


def test_a_terminal_that_cannot_take_unicode_gets_ascii(index: CatalogIndex) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    print_map(
        Console(file=stream, width=80, color_system=None),
        muscle_picture(index, "gluteus-minimus", ["hip"]),
    )
    stream.flush()
    text = raw.getvalue().decode("ascii")
    assert "#" in text and ":" in text and "x1" in text


def test_reported_regions_are_outlined(index: CatalogIndex) -> None:
    picture = ranking_picture(index, rank(index, make_query(index, ["groin", "sacrum"])))
    front = "\n".join("".join(ch for ch, _ in row) for row in draw(picture, "anterior"))
    assert set(front) & set(REPORTED)
    out = _plain(picture)
    assert "Reported: Groin, Sacrum" in out
    assert "Best match: " in out


def test_data_is_never_read_as_markup(raw_copy: dict[str, Any]) -> None:
    evil = "[bold red]Evil[/bold red] [link=http://x]y[/link]"
    raw_copy["muscles"][0]["name"] = evil
    raw_copy["muscles"][0]["trigger_points"][0]["name"] = "[blink]tp[/blink]"
    raw_copy["regions"][1]["name"] = "[reverse]Buttock[/reverse]"
    index = index_of(copy.deepcopy(raw_copy))
    muscle = raw_copy["muscles"][0]["id"]
    buf = io.StringIO()
    print_map(
        Console(file=buf, width=80, force_terminal=True),
        muscle_picture(index, muscle, ["buttock"]),
    )
    out = ANSI.sub("", buf.getvalue())
    assert evil in out
    assert "[blink]tp[/blink]" in out
    assert "[reverse]Buttock[/reverse]" in out


def test_a_region_without_a_shape_is_named_not_skipped(raw_copy: dict[str, Any]) -> None:
    raw_copy["regions"].append({"id": "knee", "name": "Knee", "sources": ["perry-gluteal-pain"]})
    muscle = next(m for m in raw_copy["muscles"] if m["id"] == "piriformis")
    muscle["trigger_points"][0]["zones"].append(
        {"region": "knee", "extent": "spillover", "sources": ["perry-gluteal-pain"]}
    )
    picture = muscle_picture(index_of(raw_copy), "piriformis")
    assert "Region knee has no shape on the schematic." in picture.notes
    assert "knee has no shape" in _plain(picture)


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


# --- through the CLI ---------------------------------------------------------------------


def test_show_map_prints_the_tables_then_the_map(invoke: Invoke) -> None:
    result = invoke("show", "piriformis", "--map")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Trigger points") < out.index("Back view") < out.index("essential zone")
    assert f"{MARKER}1 Outside (lateral) trigger point" in out
    assert max(len(line) for line in out[out.index("Back view") :].splitlines()) <= 80


def test_map_without_a_file_draws_in_the_terminal(invoke: Invoke) -> None:
    result = invoke("map", "gmin")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gluteus minimus\n")
    assert FILL[Shade.spillover] in result.stdout
    assert " ".join(result.stdout.split()).endswith("see a qualified clinician about your pain.")


def test_which_map_outlines_the_report_under_the_ranking(invoke: Invoke) -> None:
    result = invoke("which", "-r", "sacrum", "-r", "tailbone", "--map")
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("Muscles whose trigger points") < out.index("Best match: Gluteus maximus")
    assert set(out[out.index("Best match") :]) & set(REPORTED)


def test_which_map_with_no_match_still_outlines_the_report(invoke: Invoke) -> None:
    result = invoke("which", "-s", "bladder-bowel-loss", "--map")
    assert result.exit_code == 1
    assert "RED FLAG" in result.stdout.splitlines()[0]
    assert "No muscle in the catalog explains this pain" in result.stdout


@pytest.mark.parametrize("cmd", [["which", "-r", "hip"], ["show", "piriformis"]])
def test_map_refuses_a_data_format(invoke: Invoke, cmd: list[str]) -> None:
    result = invoke(*cmd, "--map", "-f", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--map" in result.stderr


def test_map_writes_svg_and_refuses_to_overwrite(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "piriformis.svg"
    assert invoke("map", "piriformis", "-o", str(out)).exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert first.startswith("<?xml") and 'id="buttock"' in first
    out.write_text("keep me", encoding="utf-8")
    again = invoke("map", "piriformis", "-o", str(out))
    assert again.exit_code == 2
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert invoke("map", "piriformis", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8") == first


def test_map_writes_png(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "gmax.PNG"
    result = invoke("map", "gmax", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_map_to_stdout_is_svg(invoke: Invoke) -> None:
    result = invoke("map", "QL", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<?xml") and result.stdout.rstrip().endswith("</svg>")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/dir/x.svg", "does not exist"),
        ("/sys/x.svg", "not writable"),
        ("x.pdf", "name the picture file .svg or .png"),
        ("x" * 300 + ".png", "File name too long"),
        (".", "name the picture file .svg or .png"),
        ("pictures.svg/", "is a directory"),
    ],
)
def test_bad_output_paths_are_one_line_errors(
    invoke: Invoke, tmp_path: Path, target: str, message: str
) -> None:
    path = target if target.startswith("/") else str(tmp_path / target)
    if target.endswith("/"):
        Path(path).mkdir()
    result = invoke("map", "piriformis", "-o", path)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2
    assert result.stderr.startswith("glutealtp: error: ")
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_which_svg_writes_before_printing(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    result = invoke("which", "-r", "buttock", "-r", "hip", "--svg", str(out))
    assert result.exit_code == 0
    assert "Muscles whose trigger points" in result.stdout
    svg = out.read_text(encoding="utf-8")
    assert 'id="reported-hip"' in svg and "Best match: Piriformis" in svg
    again = invoke("which", "-r", "hip", "--svg", str(out))
    assert again.exit_code == 2 and again.stdout == ""
    assert invoke("which", "-r", "hip", "--svg", str(out), "--force").exit_code == 0
    assert 'id="reported-buttock"' not in out.read_text(encoding="utf-8")


def test_the_picture_says_why_a_reported_region_is_not_shaded(index: CatalogIndex) -> None:
    query = make_query(index, ["groin", "back of thigh", "sacrum"], ["leg numbness"])
    picture = ranking_picture(index, rank(index, query))
    assert picture.muscle == "piriformis"
    assert "groin" in picture.reported and picture.shade("groin") is Shade.none
    assert (
        "Groin: counted for Piriformis through Piriformis syndrome, not a trigger-point zone, "
        "so it is not shaded."
    ) in picture.notes
    assert "Not explained by Piriformis: Sacrum." in picture.notes
    hip = ranking_picture(index, rank(index, make_query(index, ["hip"], ["crossed-legs"])))
    assert hip.muscle == "gluteus-minimus"
    assert (
        "Hip: counted for Gluteus minimus by a muscle-level statement, not a trigger-point "
        "zone, so it is not shaded."
    ) in hip.notes
