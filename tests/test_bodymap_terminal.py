"""The body map in a terminal: the character grid shows every region, and the picture
reads the same without colour, in 80 columns, and never reads data as markup."""

import copy
import io
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from glutealtp.bodymap import geometry as geo
from glutealtp.bodymap import raster
from glutealtp.bodymap.picture import (
    Picture,
    Shade,
    muscle_picture,
    numbered_picture,
    ranking_picture,
)
from glutealtp.bodymap.raster import (
    DEEP_FILL,
    FILL,
    MARKER,
    REPORTED,
    SCHEMATIC_MARKER,
    cell_of,
    draw,
    grid,
)
from glutealtp.bodymap.terminal import print_map
from glutealtp.catalog import CatalogIndex
from glutealtp.ranking.rank import make_query, rank

from .helpers import ANSI, SGR, index_of, plain_map

pytestmark = pytest.mark.usefixtures("plain_environment")


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
    listed = plain_map(picture, numbers=True)
    for entry in index.regions.values():
        assert entry.name.split(" (")[0] in listed


@pytest.mark.parametrize("side", [None, "left", "right"])
def test_markers_are_drawn_with_their_numbers(index: CatalogIndex, side: geo.Side | None) -> None:
    """A cross, or a tilde where the position is schematic, with the number beside it (on
    the right, or the left where the right is taken)."""
    for muscle in index.muscles:
        picture = muscle_picture(index, muscle, side=side)
        drawn = {view: draw(picture, view) for view in geo.VIEWS}
        for m in picture.markers:
            col, row = cell_of(m.x, m.y)
            text = "".join(ch for ch, _ in drawn[m.view][row])
            glyph = SCHEMATIC_MARKER if m.schematic else MARKER
            n = str(m.number)
            assert text[col] == glyph, (muscle, m.id)
            assert n in (text[col + 1 : col + 1 + len(n)], text[col - len(n) : col]), (muscle, m.id)


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


@pytest.mark.parametrize(
    "muscle",
    ["quadratus-lumborum", "gluteus-maximus", "gluteus-medius", "gluteus-minimus", "piriformis"],
)
def test_terminal_map_fits_80_columns_and_has_a_legend(index: CatalogIndex, muscle: str) -> None:
    picture = muscle_picture(index, muscle)
    out = plain_map(picture)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert not ANSI.search(out)
    legend = next(line for line in out.splitlines() if "essential zone" in line)
    drawn = {
        "spillover zone": bool(picture.shaded(Shade.spillover)),
        "trigger point": any(not m.schematic for m in picture.markers),
        "position schematic": any(m.schematic for m in picture.markers),
    }
    for key, shown in drawn.items():
        assert (key in legend) == shown, key  # a key for what is drawn, and only that
    assert "reported" not in legend  # nothing was reported
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
    assert SGR.sub("", no_colour) == SGR.sub("", coloured) == plain_map(picture)
    assert FILL[Shade.essential] in no_colour and FILL[Shade.spillover] in no_colour


def test_a_narrow_terminal_gets_the_views_one_above_the_other(index: CatalogIndex) -> None:
    out = plain_map(muscle_picture(index, "piriformis"), width=60)
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
    out = plain_map(picture)
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
    out = SGR.sub("", buf.getvalue())
    assert evil in out
    assert "[blink]tp[/blink]" in out
    assert "[reverse]Buttock[/reverse]" in out


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(geo.VIEWS), st.integers(3, 90), st.integers(3, 60))
def test_sampling_by_rows_is_containment_cell_by_cell(view: geo.View, cols: int, rows: int) -> None:
    sampled = raster.sample(view, cols, rows)
    # Every shape of the view in drawing order, with its bounding box: a point outside the box
    # is outside the shape (even-odd rule), so only the shapes whose box holds it are tried.
    shapes = [
        (r, s.points, _box(s.points))
        for r, region_shapes in geo.SHAPES.items()
        for s in region_shapes
        if s.view == view
    ]
    for row in range(rows):
        for col in range(cols):
            x, y = raster.cell_centre(col, row, cols, rows)
            assert sampled.body[row][col] == geo.contains(geo.BODY[view].points, x, y)
            inside = [
                r
                for r, points, (x0, y0, x1, y1) in shapes
                if x0 <= x <= x1 and y0 <= y <= y1 and geo.contains(points, x, y)
            ]
            assert sampled.top[row][col] == (inside[-1] if inside else None)


def _box(points: geo.Polygon) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.mark.parametrize("width", [80, 60])
def test_the_persons_left_and_right_are_under_each_view(index: CatalogIndex, width: int) -> None:
    """New-user finding 10: from behind the person's left is on the left, from the front on
    the right, side by side or one above the other."""
    out = plain_map(muscle_picture(index, "piriformis"), width=width)
    under = [line for line in _lines(out) if "Left" in line and "Right" in line]
    if width >= 80:
        assert len(under) == 1
        back, front = under[0][: raster.COLS], under[0][raster.COLS :]
        assert back.index("Left") < back.index("Right")
        assert front.index("Right") < front.index("Left")
    else:
        assert len(under) == 2
        assert under[0].index("Left") < under[0].index("Right")
        assert under[1].index("Right") < under[1].index("Left")


def _marker_cells(picture: Picture, view: geo.View) -> set[tuple[int, int]]:
    cells = draw(picture, view)
    return {(c, r) for r, row in enumerate(cells) for c, (_, s) in enumerate(row) if s == "marker"}


def _shaded_cells(picture: Picture, view: geo.View) -> list[tuple[int, int]]:
    cells = draw(picture, view)
    return [
        (c, r)
        for r, row in enumerate(cells)
        for c, (_, style) in enumerate(row)
        if style in ("essential", "spillover", "deep-essential", "deep-spillover")
    ]


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("muscle", ["quadratus-lumborum", "piriformis", "levator-ani", "soleus"])
def test_a_one_sided_map_shades_that_side_and_the_midline_only(
    index: CatalogIndex, muscle: str, side: geo.Side
) -> None:
    picture = muscle_picture(index, muscle, side=side)
    both = muscle_picture(index, muscle)
    for view in geo.VIEWS:
        g = grid(view)
        one = _shaded_cells(picture, view)
        cells = draw(picture, view)
        for c, r in one:
            deep = cells[r][c][1].startswith("deep-")
            surface = g.surface[r][c]
            shown = g.sides[r][c] if deep or surface is None else surface[1]
            assert shown in (side, None), (view, c, r)
        assert set(_shaded_cells(both, view)) >= set(one) - _marker_cells(both, view)
        midline = {(c, r) for c, r in _shaded_cells(both, view) if g.sides[r][c] is None}
        assert midline - _marker_cells(picture, view) <= set(one)
        near = geo.near_side(view) == side
        for c, r in one:
            surface = g.surface[r][c]
            if surface is not None and surface[1] is not None:
                assert (c < raster.COLS // 2) == near, (view, c, r)
    text = plain_map(picture)
    assert f"{index.muscles[muscle].name}, {side} side" in text


def test_a_one_sided_map_puts_the_report_on_that_side(index: CatalogIndex) -> None:
    ranking = rank(index, make_query(index, ["buttock", "sacrum"]))
    left = draw(ranking_picture(index, ranking, "left"), "posterior")
    both = draw(ranking_picture(index, ranking), "posterior")

    def reported(cells: list[list[tuple[str, str]]]) -> set[int]:
        return {c for row in cells for c, (_, style) in enumerate(row) if style == "reported"}

    right_buttock = set(range(raster.COLS // 2 + 5, raster.COLS))
    assert reported(both) & right_buttock
    assert not reported(left) & right_buttock


def test_a_red_flag_heads_the_map_in_the_warning_panel(index: CatalogIndex) -> None:
    for regions in (["buttock"], []):
        ranking = rank(index, make_query(index, regions, ["saddle numbness"]))
        picture = ranking_picture(index, ranking)
        out = plain_map(picture)
        lines = _lines(out)
        assert "RED FLAG: seek urgent care first" in lines[0]  # the ranking's box title
        assert "Numbness in the saddle area." in " ".join(out.split()[:16])
        assert out[: out.index("Back view")].count("RED FLAG") == 1  # once per box
        # The buttock's leaders fit about equally well, so the title names a group.
        assert picture.title == (
            "Gluteus maximus, one of 6 that fit about equally well"
            if regions
            else "No muscle in the catalog explains this pain"
        )
        title = next(i for i, line in enumerate(lines) if line.strip() == picture.title)
        panel = next(i for i, line in enumerate(lines) if "RED FLAG" in line)
        assert panel < title


def test_a_region_inside_the_body_lets_the_surface_show_until_it_is_shaded(
    index: CatalogIndex,
) -> None:
    anchor = cell_of(*geo.ANCHORS["inside-pelvis"]["anterior"])
    deep = muscle_picture(index, "obturator-internus")  # a spillover zone inside the pelvis
    c, r = anchor
    assert draw(deep, "anterior")[r][c] == (DEEP_FILL[Shade.spillover], "deep-spillover")
    surface = muscle_picture(index, "external-oblique")  # a spillover zone on the lower abdomen
    assert surface.shade("inside-pelvis") is Shade.none
    assert surface.shade("lower-abdomen") is Shade.spillover
    assert grid("anterior").surface[r][c] == ("lower-abdomen", geo.other(geo.near_side("anterior")))
    assert draw(surface, "anterior")[r][c] == (FILL[Shade.spillover], "spillover")
    assert "inside the body" in plain_map(deep) and "inside the body" not in plain_map(surface)


def test_a_schematic_marker_is_a_tilde_and_says_so(index: CatalogIndex) -> None:
    out = " ".join(plain_map(muscle_picture(index, "soleus")).split())
    assert f"{SCHEMATIC_MARKER}1 position schematic" in out
    calf = "Trigger points in the middle and upper calf"
    assert f"{SCHEMATIC_MARKER}2 {calf} (back view, position schematic)" in out
    assert "position schematic" not in plain_map(muscle_picture(index, "piriformis"))


@pytest.mark.parametrize("muscle", ["iliopsoas", "soleus", "adductor-magnus", "levator-ani"])
def test_new_muscles_fit_80_columns(index: CatalogIndex, muscle: str) -> None:
    out = plain_map(muscle_picture(index, muscle, side="left"))
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "not placed on the map" not in out
