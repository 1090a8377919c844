"""The body map on a character grid: the SVG's shapes, sampled at each cell's centre.

Pure: a `Picture` in, rows of (character, style name) out. The terminal renderer only
adds colour, so the plain characters alone must tell the story (NO_COLOR, a pipe):
a distinct fill per shade, a cross and a number for each trigger point, a double-line
outline around the reported regions, and region numbers on the `ask` map.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import NamedTuple

from glutealtp.bodymap.geometry import (
    ANCHORS,
    BODY,
    SHAPES,
    VIEW_HEIGHT,
    VIEW_WIDTH,
    Polygon,
    View,
)
from glutealtp.bodymap.picture import Picture, Shade

COLS = 37
"""Columns per view: two views and a gap fit in 78 columns."""
ROWS = 24
"""Rows per view; a terminal cell is about twice as tall as it is wide."""

FILL: dict[Shade, str] = {Shade.none: "·", Shade.spillover: "░", Shade.essential: "█"}
MARKER = "\u00d7"
"""The trigger-point cross (multiplication sign)."""
_LIGHT = {
    0b0000: " ",
    0b1010: "│",
    0b1000: "│",
    0b0010: "│",
    0b0101: "─",
    0b0100: "─",
    0b0001: "─",
    0b0110: "╭",
    0b0011: "╮",
    0b1100: "╰",
    0b1001: "╯",
}
_DOUBLE = {
    0b0000: "▫",
    0b1010: "║",
    0b1000: "║",
    0b0010: "║",
    0b0101: "═",
    0b0100: "═",
    0b0001: "═",
    0b0110: "╔",
    0b0011: "╗",
    0b1100: "╚",
    0b1001: "╝",
    0b1110: "╠",
    0b1011: "╣",
    0b0111: "╦",
    0b1101: "╩",
    0b1111: "╬",
}
REPORTED = "".join(sorted(set(_DOUBLE.values())))

Cell = tuple[str, str]
"""A character and the name of its style."""


class ViewGrid(NamedTuple):
    """What lies under each cell of one view: body, top region and every region."""

    body: tuple[tuple[bool, ...], ...]
    top: tuple[tuple[str | None, ...], ...]
    member: Mapping[str, frozenset[tuple[int, int]]]


def cell_centre(col: int, row: int, cols: int = COLS, rows: int = ROWS) -> tuple[float, float]:
    """The view point a cell samples."""
    return ((col + 0.5) * VIEW_WIDTH / cols, (row + 0.5) * VIEW_HEIGHT / rows)


def cell_of(x: float, y: float, cols: int = COLS, rows: int = ROWS) -> tuple[int, int]:
    """The (col, row) of the cell that holds a view point."""
    return (
        min(cols - 1, int(x * cols / VIEW_WIDTH)),
        min(rows - 1, int(y * rows / VIEW_HEIGHT)),
    )


def _bbox(points: Polygon) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _crossings(poly: Polygon, y: float) -> list[float]:
    """Where the polygon's edges cross the line at `y`, sorted: `contains` for a whole row."""
    out = []
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y):
            out.append((xj - xi) * (y - yi) / (yj - yi) + xi)
        j = i
    out.sort()
    return out


def _inside(crossings: list[float], x: float) -> bool:
    """`contains` by the row's crossings: inside when an odd number of them lie right of x."""
    return (len(crossings) - bisect_right(crossings, x)) % 2 == 1


def sample(view: View, cols: int = COLS, rows: int = ROWS) -> ViewGrid:
    """Sample the geometry of one view at every cell centre (by rows: each polygon's edges
    are crossed once per row, not once per cell)."""
    body: list[tuple[bool, ...]] = []
    top: list[tuple[str | None, ...]] = []
    member: dict[str, set[tuple[int, int]]] = {}
    shapes = [
        (region, s.points, _bbox(s.points))
        for region, region_shapes in SHAPES.items()
        for s in region_shapes
        if s.view == view
    ]
    for row in range(rows):
        _, y = cell_centre(0, row, cols, rows)
        outline = _crossings(BODY[view].points, y)
        crossed = [
            (region, _crossings(points, y), x0, x1)
            for region, points, (x0, y0, x1, y1) in shapes
            if y0 <= y <= y1
        ]
        body_row: list[bool] = []
        top_row: list[str | None] = []
        for col in range(cols):
            x, _ = cell_centre(col, row, cols, rows)
            body_row.append(_inside(outline, x))
            found = None
            for region, crossings, x0, x1 in crossed:
                if x0 <= x <= x1 and _inside(crossings, x):
                    found = region
                    member.setdefault(region, set()).add((col, row))
            top_row.append(found)
        body.append(tuple(body_row))
        top.append(tuple(top_row))
    return ViewGrid(tuple(body), tuple(top), {k: frozenset(v) for k, v in member.items()})


_GRIDS: dict[View, ViewGrid] = {}


def grid(view: View) -> ViewGrid:
    """The sampled view at the standard size (computed once)."""
    if view not in _GRIDS:
        _GRIDS[view] = sample(view)
    return _GRIDS[view]


def _ring(cells: frozenset[tuple[int, int]], cols: int, rows: int) -> set[tuple[int, int]]:
    """The cells just outside `cells` (8-neighbourhood), within the grid."""
    out = set()
    for c, r in cells:
        for dc in (-1, 0, 1):
            for dr in (-1, 0, 1):
                n = (c + dc, r + dr)
                if n not in cells and 0 <= n[0] < cols and 0 <= n[1] < rows:
                    out.add(n)
    return out


def _closed(cells: frozenset[tuple[int, int]], cols: int, rows: int) -> frozenset[tuple[int, int]]:
    """The cells with the one-cell gaps between them filled (a morphological closing)."""
    grown = cells | _ring(cells, cols, rows)
    inside = {
        (c, r)
        for c, r in grown
        if all((c + dc, r + dr) in grown for dc in (-1, 0, 1) for dr in (-1, 0, 1))
    }
    return cells | frozenset(inside)


def _box(ring: set[tuple[int, int]], cell: tuple[int, int], table: Mapping[int, str]) -> str:
    c, r = cell
    mask = (
        ((c, r - 1) in ring) << 3
        | ((c + 1, r) in ring) << 2
        | ((c, r + 1) in ring) << 1
        | ((c - 1, r) in ring)
    )
    if mask in table:
        return table[mask]
    # A junction in a light outline: keep the straight run through it.
    return table[0b1010] if mask & 0b1010 == 0b1010 else table[0b0101]


def draw(picture: Picture, view: View, *, numbers: bool = False) -> list[list[Cell]]:
    """One view of the picture as rows of cells."""
    g = grid(view)
    rows, cols = len(g.body), len(g.body[0])
    out: list[list[Cell]] = [[(" ", "background")] * cols for _ in range(rows)]
    body_cells = frozenset((c, r) for r in range(rows) for c in range(cols) if g.body[r][c])
    edge = _ring(body_cells, cols, rows)
    for c, r in edge:
        out[r][c] = (_box(edge, (c, r), _LIGHT), "edge")
    for r in range(rows):
        for c in range(cols):
            if not g.body[r][c]:
                continue
            region = g.top[r][c]
            if region is None or region not in picture.region_names:
                out[r][c] = (" ", "body")
            else:
                shade = picture.shade(region)
                out[r][c] = (FILL[shade], shade.name)
    reported = frozenset().union(*(g.member.get(r, frozenset()) for r in picture.reported))
    if reported:
        ring = _ring(_closed(reported, cols, rows), cols, rows)
        for c, r in ring:
            region = g.top[r][c]
            if region is not None and picture.shade(region) is not Shade.none:
                continue
            out[r][c] = (_box(ring, (c, r), _DOUBLE), "reported")
    if numbers:
        for region, number in picture.numbers.items():
            anchor = ANCHORS.get(region, {}).get(view)
            if anchor is None:
                continue
            c, r = cell_of(*anchor, cols, rows)
            label = str(number)
            start = max(0, min(cols - len(label), c))
            for i, ch in enumerate(label):
                out[r][start + i] = (ch, "label")
    for m in picture.markers:
        if m.view != view:
            continue
        c, r = cell_of(m.x, m.y, cols, rows)
        out[r][c] = (MARKER, "marker")
        label = str(m.number)
        for i, ch in enumerate(label, start=1):
            if c + i < cols:
                out[r][c + i] = (ch, "marker")
    return out
