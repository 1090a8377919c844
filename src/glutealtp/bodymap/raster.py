"""The body map on a character grid: the SVG's shapes, sampled at each cell's centre.

Pure: a `Picture` in, rows of (character, style name) out. The terminal renderer only
adds colour, so the plain characters alone must tell the story (NO_COLOR, a pipe):
a distinct fill per shade (and another for a region inside the body), a cross and a
number for each trigger point (a tilde where its position is schematic), a double-line
outline around the reported regions, and region numbers on the `ask` map.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from typing import NamedTuple

from glutealtp.bodymap.geometry import (
    ANCHORS,
    BODY,
    DEEP,
    SHAPES,
    VIEW_HEIGHT,
    VIEW_WIDTH,
    Polygon,
    Side,
    View,
)
from glutealtp.bodymap.picture import Picture, Shade

COLS = 37
"""Columns per view: two views and a gap fit in 78 columns."""
ROWS = 37
"""Rows per view; a terminal cell is about twice as tall as it is wide."""

FILL: dict[Shade, str] = {Shade.none: " ", Shade.spillover: "░", Shade.essential: "█"}
DEEP_FILL: dict[Shade, str] = {Shade.spillover: "▒", Shade.essential: "▓"}
"""The fill of a shaded region inside the body (unshaded, it shows the surface)."""
MARKER = "\u00d7"
"""The trigger-point cross (multiplication sign)."""
SCHEMATIC_MARKER = "~"
"""A trigger point whose position is schematic."""
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


Key = tuple[str, Side | None]
"""A region and the side of the body its outline is on (None: the midline)."""


class ViewGrid(NamedTuple):
    """What lies under each cell of one view: body, top region (and its side), the top
    region on the surface (a region inside the body left out), and every region's cells."""

    body: tuple[tuple[bool, ...], ...]
    top: tuple[tuple[str | None, ...], ...]
    sides: tuple[tuple[Side | None, ...], ...]
    surface: tuple[tuple[Key | None, ...], ...]
    member: Mapping[Key, frozenset[tuple[int, int]]]


def cell_centre(col: int, row: int, cols: int = COLS, rows: int = ROWS) -> tuple[float, float]:
    """The view point a cell samples."""
    return ((col + 0.5) * VIEW_WIDTH / cols, (row + 0.5) * VIEW_HEIGHT / rows)


def cell_of(x: float, y: float, cols: int = COLS, rows: int = ROWS) -> tuple[int, int]:
    """The (col, row) of the cell that holds a view point."""
    return (
        min(cols - 1, int(x * cols / VIEW_WIDTH)),
        min(rows - 1, int(y * rows / VIEW_HEIGHT)),
    )


def _row_crossings(poly: Polygon, ys: list[float]) -> dict[int, list[float]]:
    """Where the polygon's edges cross each row's centre line, by row, sorted: `contains`
    for every cell at once, each edge visited once."""
    out: dict[int, list[float]] = {}
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        j = i
        if yi == yj:
            continue
        # The rows whose centre y has (yi > y) != (yj > y): y in [min, max).
        for r in range(bisect_left(ys, min(yi, yj)), bisect_left(ys, max(yi, yj))):
            y = ys[r]
            out.setdefault(r, []).append((xj - xi) * (y - yi) / (yj - yi) + xi)
    for crossings in out.values():
        crossings.sort()
    return out


def _cells_inside(crossings: list[float], xs: list[float]) -> range | list[int]:
    """The columns whose centre is inside, by the even-odd rule: x in [c0, c1), [c2, c3)..."""
    if len(crossings) == 2:
        return range(bisect_left(xs, crossings[0]), bisect_left(xs, crossings[1]))
    return [c for c, x in enumerate(xs) if (len(crossings) - bisect_right(crossings, x)) % 2]


def sample(view: View, cols: int = COLS, rows: int = ROWS) -> ViewGrid:
    """Sample the geometry of one view at every cell centre, painting the shapes in order
    (each polygon's edges are visited once, not once per cell)."""
    xs = [cell_centre(c, 0, cols, rows)[0] for c in range(cols)]
    ys = [cell_centre(0, r, cols, rows)[1] for r in range(rows)]
    body = [[False] * cols for _ in range(rows)]
    for r, crossings in _row_crossings(BODY[view].points, ys).items():
        for c in _cells_inside(crossings, xs):
            body[r][c] = True
    top: list[list[Key | None]] = [[None] * cols for _ in range(rows)]
    surface: list[list[Key | None]] = [[None] * cols for _ in range(rows)]
    member: dict[Key, set[tuple[int, int]]] = {}
    for region, region_shapes in SHAPES.items():
        for shape in region_shapes:
            if shape.view != view:
                continue
            key = (region, shape.side)
            cells = member.setdefault(key, set())
            for r, crossings in _row_crossings(shape.points, ys).items():
                for c in _cells_inside(crossings, xs):
                    cells.add((c, r))
                    top[r][c] = key
                    if region not in DEEP:
                        surface[r][c] = key
    return ViewGrid(
        tuple(tuple(row) for row in body),
        tuple(tuple(k[0] if k else None for k in row) for row in top),
        tuple(tuple(k[1] if k else None for k in row) for row in top),
        tuple(tuple(row) for row in surface),
        {k: frozenset(v) for k, v in member.items() if v},
    )


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


def _fill(picture: Picture, g: ViewGrid, c: int, r: int) -> Cell:
    """What a body cell shows: its region's shade; a region inside the body shows the
    surface in front of it unless it is shaded itself."""
    region, side = g.top[r][c], g.sides[r][c]
    if region in DEEP:
        shade = picture.shade_on(region, side)
        if shade is not Shade.none and region in picture.region_names:
            return DEEP_FILL[shade], f"deep-{shade.name}"
        region, side = g.surface[r][c] or (None, None)
    if region is None or region not in picture.region_names:
        return " ", "body"
    shade = picture.shade_on(region, side)
    return FILL[shade], shade.name


def reported_cells(picture: Picture, view: View) -> frozenset[tuple[int, int]]:
    """The cells of the regions that outline the reported pain, on the sides drawn."""
    g = grid(view)
    outlined = set(picture.outlined(view))
    return frozenset().union(
        *(
            cells
            for (region, side), cells in g.member.items()
            if region in outlined and picture.shows(side)
        )
    )


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
            if g.body[r][c]:
                out[r][c] = _fill(picture, g, c, r)
    reported = reported_cells(picture, view)
    if reported:
        ring = _ring(_closed(reported, cols, rows), cols, rows)
        for c, r in ring:
            if out[r][c][1] not in ("body", "none", "background", "edge"):
                continue  # a shaded cell keeps its shade
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
    taken: set[tuple[int, int]] = set()
    for m in picture.markers:
        if m.view != view:
            continue
        c, r = cell_of(m.x, m.y, cols, rows)
        out[r][c] = (SCHEMATIC_MARKER if m.schematic else MARKER, "marker")
        taken.add((c, r))
        label = str(m.number)
        right = [c + i for i in range(1, len(label) + 1)]
        if any(x >= cols or (x, r) in taken for x in right):
            right = [c - len(label) + i for i in range(len(label))]
        for x, ch in zip(right, label, strict=True):
            if 0 <= x < cols:
                out[r][x] = (ch, "marker")
                taken.add((x, r))
    return out
