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
from glutealtp.rank import make_query, rank

from .helpers import index_of

pytestmark = pytest.mark.usefixtures("plain_environment")


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _plain(picture: Picture, width: int = 80, **kw: Any) -> str:
    buf = io.StringIO()
    print_map(Console(file=buf, width=width, color_system=None), picture, **kw)
    return buf.getvalue()


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
    out = _plain(muscle_picture(index, muscle))
    assert max(len(line) for line in out.splitlines()) <= 80
    assert not ANSI.search(out)
    legend = next(line for line in out.splitlines() if "essential zone" in line)
    for key in ("spillover zone", "trigger point"):
        assert key in legend
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


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(geo.VIEWS), st.integers(3, 90), st.integers(3, 60))
def test_sampling_by_rows_is_containment_cell_by_cell(view: geo.View, cols: int, rows: int) -> None:
    sampled = raster.sample(view, cols, rows)
    for row in range(rows):
        for col in range(cols):
            x, y = raster.cell_centre(col, row, cols, rows)
            assert sampled.body[row][col] == geo.contains(geo.BODY[view].points, x, y)
            inside = [
                r
                for r, shapes in geo.SHAPES.items()
                for s in shapes
                if s.view == view and geo.contains(s.points, x, y)
            ]
            assert sampled.top[row][col] == (inside[-1] if inside else None)
