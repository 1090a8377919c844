"""The schematic body: outlines and region shapes.

This is the one place the drawing lives. Every view is a `VIEW_WIDTH` x `VIEW_HEIGHT`
box (x to the right, y down, the midline at x = 100); the terminal rasterises these
shapes onto a character grid and the SVG draws them as paths, so both pictures come
from the same numbers. Shapes are smooth curves through a few control points, sampled
into polygons once at import.

Nothing here is a clinical fact: which region a muscle refers to, and how strongly,
comes from the catalog, and so does where each trigger point's marker goes (its
`marker`, in fractions of a view's width and height).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

View = Literal["posterior", "anterior"]
VIEWS: tuple[View, ...] = ("posterior", "anterior")
VIEW_TITLES: dict[View, str] = {"posterior": "Back view", "anterior": "Front view"}
DATA_VIEWS: dict[str, View] = {"back": "posterior", "front": "anterior"}
"""A trigger point's `marker.view` in the dataset -> the view it is drawn in."""
VIEW_WIDTH = 200.0
VIEW_HEIGHT = 260.0
TOP = 4.0
"""Where the trunk is cut off above the waist."""
BOTTOM = 256.0
"""Where the thighs are cut off above the knees."""

Point = tuple[float, float]
Polygon = tuple[Point, ...]


class Shape(NamedTuple):
    """One closed outline of a region (or of the body) in one view."""

    view: View
    points: Polygon


def _segment(p0: Point, p1: Point, p2: Point, p3: Point, steps: int = 6) -> list[Point]:
    """Points of the Catmull-Rom curve from p1 towards p2 (p2 itself excluded)."""
    out: list[Point] = []
    for k in range(steps):
        t = k / steps
        out.append(
            tuple(  # type: ignore[arg-type]
                round(
                    0.5
                    * (
                        2 * b
                        + (c - a) * t
                        + (2 * a - 5 * b + 4 * c - d) * t * t
                        + (3 * b - a - 3 * c + d) * t * t * t
                    ),
                    2,
                )
                for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
            )
        )
    return out


def _catmull_rom(points: Sequence[Point]) -> list[Point]:
    """A smooth open curve through `points`, endpoints included."""
    if len(points) < 3:
        return list(points)
    ext = [points[0], *points, points[-1]]
    out: list[Point] = []
    for i in range(1, len(ext) - 2):
        out.extend(_segment(ext[i - 1], ext[i], ext[i + 1], ext[i + 2]))
    out.append(points[-1])
    return out


def outline(*pieces: Sequence[Point]) -> Polygon:
    """A closed polygon from pieces that each run smoothly; corners fall between pieces.

    Each piece starts where the previous one ended (the last ends at the first's start).
    """
    out: list[Point] = []
    for piece in pieces:
        curve = _catmull_rom(piece)
        out.extend(curve[1:] if out else curve)
    if len(out) > 1 and out[-1] == out[0]:
        out.pop()
    return tuple(out)


def blob(*points: Point) -> Polygon:
    """A closed smooth curve through `points` (no corners)."""
    n = len(points)
    out: list[Point] = []
    for i in range(n):
        out.extend(_segment(points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]))
    return tuple(out)


def mirror(poly: Iterable[Point]) -> Polygon:
    """The same outline on the other side of the midline."""
    return tuple((round(VIEW_WIDTH - x, 2), y) for x, y in reversed(tuple(poly)))


def _both_sides(view: View, poly: Polygon) -> tuple[Shape, Shape]:
    return Shape(view, poly), Shape(view, mirror(poly))


# The body: the same silhouette from behind and from the front.
_LEFT_SIDE: tuple[Point, ...] = (
    (55, TOP),
    (58.5, 28),
    (54.5, 54),
    (44, 80),
    (34.5, 102),
    (31, 124),
    (32, 146),
    (35.5, 185),
    (41, 225),
    (45, BOTTOM),
)
_LEFT_INNER: tuple[Point, ...] = ((95, BOTTOM), (97, 205), (98, 168), (100, 156))
_BODY: Polygon = outline(
    _LEFT_SIDE,
    ((45, BOTTOM), (95, BOTTOM)),
    _LEFT_INNER,
    tuple((VIEW_WIDTH - x, y) for x, y in reversed(_LEFT_INNER)),
    ((105, BOTTOM), (155, BOTTOM)),
    tuple((VIEW_WIDTH - x, y) for x, y in reversed(_LEFT_SIDE)),
    ((VIEW_WIDTH - 55, TOP), (55, TOP)),
)
BODY: dict[View, Shape] = {view: Shape(view, _BODY) for view in VIEWS}


def _edge_x(y: float) -> float:
    """Where the left side of the body is at height y."""
    xs = []
    pts = _BODY
    for i in range(len(pts)):
        (x1, y1), (x2, y2) = pts[i - 1], pts[i]
        if (y1 <= y < y2) or (y2 <= y < y1):
            xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    return min(xs)


def _along_edge(y0: float, y1: float, inset: float, step: float = 4.0) -> tuple[Point, ...]:
    """Points following the left side of the body from y0 to y1, `inset` inside it."""
    n = max(2, int(abs(y1 - y0) / step) + 1)
    return tuple(
        (round(_edge_x(y0 + (y1 - y0) * k / (n - 1)) + inset, 2), y0 + (y1 - y0) * k / (n - 1))
        for k in range(n)
    )


DETAILS: dict[View, tuple[Polygon, ...]] = {
    "posterior": (
        ((100, TOP + 2), (100, 62)),
        tuple(_catmull_rom(((100, 135), (100.4, 145), (100, 153)))),
        tuple(_catmull_rom(((70, 157), (82, 158.5), (95, 154)))),
        tuple(_catmull_rom(((130, 157), (118, 158.5), (105, 154)))),
    ),
    "anterior": (blob((100, 33), (102.5, 35.5), (100, 38), (97.5, 35.5)),),
}
"""Thin lines that make a view recognisable: spine, cleft and buttock folds; the navel."""

_LOW_BACK: Polygon = outline(
    ((64, 12), (59, 16), *_along_edge(22, 53, 3.5)[1:]),
    (
        (_edge_x(53) + 3.5, 53),
        (78, 56.5),
        (100, 60),
        (122, 56.5),
        (VIEW_WIDTH - _edge_x(53) - 3.5, 53),
    ),
    (*mirror(_along_edge(22, 53, 3.5))[:-1], (141, 16), (136, 12)),
    ((136, 12), (64, 12)),
)
_GLUTEAL: Polygon = outline(
    ((56, 59), (78, 62.5), (100, 66), (122, 62.5), (144, 59)),
    ((144, 59), (150, 76), (152, 96), (152, 122), (146, 150), (130, 160)),
    ((130, 160), (116, 160), (100, 154), (84, 160), (70, 160)),
    ((70, 160), (54, 150), (48, 122), (48, 96), (50, 76), (56, 59)),
)
_BUTTOCK = blob(
    (74, 80),
    (62, 82),
    (52, 96),
    (50, 122),
    (56, 144),
    (74, 155),
    (90, 153),
    (95, 132),
    (93, 104),
    (89.5, 96),
)
_HIP = outline(
    _along_edge(97, 137, 2.5),
    (
        (_edge_x(137) + 2.5, 137),
        (42, 139),
        (47.5, 128),
        (48.5, 112),
        (45, 98),
        (_edge_x(97) + 2.5, 97),
    ),
)
_BACK_OF_LEG = outline(
    ((_edge_x(168) + 13, 168), (60, 164), (78, 166), (95, 161)),
    ((95, 161), (96.5, 205), (94, BOTTOM - 1)),
    ((94, BOTTOM - 1), (_edge_x(BOTTOM - 1) + 13, BOTTOM - 1)),
    _along_edge(BOTTOM - 1, 168, 13),
)
_SIDE_OF_LEG = outline(
    ((_edge_x(146) + 2, 146), (_edge_x(146) + 10.5, 144)),
    _along_edge(144, BOTTOM - 1, 10.5),
    ((_edge_x(BOTTOM - 1) + 10.5, BOTTOM - 1), (_edge_x(BOTTOM - 1) + 2, BOTTOM - 1)),
    _along_edge(BOTTOM - 1, 146, 2),
)
_SACRUM = blob((88, 66), (100, 67.5), (112, 66), (110, 92), (104, 113), (96, 113), (90, 92))
_SI_JOINT = blob((83, 70), (87.5, 74), (87.5, 90), (82, 96), (77, 88), (78, 74))
_TAILBONE = blob((95.5, 117), (104.5, 117), (102.5, 132), (97.5, 132))
_SITS_BONE = blob((73, 142), (83, 140), (90, 145), (84, 151), (74, 150))
_GROIN = outline(
    ((52, 74), (58, 70), (64, 78), (78, 100), (92, 120), (94, 128)),
    ((94, 128), (87, 132), (80, 122), (66, 102), (54, 86), (52, 74)),
)
_GENITALS = blob((100, 122), (108, 126), (110, 140), (104, 154), (96, 154), (90, 140), (92, 126))

SHAPES: dict[str, tuple[Shape, ...]] = {
    "gluteal-region": (Shape("posterior", _GLUTEAL),),
    "low-back": (Shape("posterior", _LOW_BACK),),
    "buttock": _both_sides("posterior", _BUTTOCK),
    "hip": (*_both_sides("posterior", _HIP), *_both_sides("anterior", _HIP)),
    "back-of-leg": _both_sides("posterior", _BACK_OF_LEG),
    "side-of-leg": (
        *_both_sides("posterior", _SIDE_OF_LEG),
        *_both_sides("anterior", _SIDE_OF_LEG),
    ),
    "sacrum": (Shape("posterior", _SACRUM),),
    "si-joint": _both_sides("posterior", _SI_JOINT),
    "tailbone": (Shape("posterior", _TAILBONE),),
    "sits-bone": _both_sides("posterior", _SITS_BONE),
    "groin": _both_sides("anterior", _GROIN),
    "genitals": (Shape("anterior", _GENITALS),),
}
"""Region id -> its outlines, in paint order: a later shape is drawn over an earlier one."""

ANCHORS: dict[str, dict[View, Point]] = {
    "gluteal-region": {"posterior": (60, 70)},
    "low-back": {"posterior": (80, 30)},
    "buttock": {"posterior": (70, 114)},
    "hip": {"posterior": (38, 116), "anterior": (38, 116)},
    "back-of-leg": {"posterior": (70, 210)},
    "side-of-leg": {
        "posterior": (_edge_x(200) + 6.25, 200),
        "anterior": (_edge_x(200) + 6.25, 200),
    },
    "sacrum": {"posterior": (100, 84)},
    "si-joint": {"posterior": (82.5, 82)},
    "tailbone": {"posterior": (100, 124)},
    "sits-bone": {"posterior": (81, 146)},
    "groin": {"anterior": (72, 98)},
    "genitals": {"anterior": (100, 140)},
}
"""A point well inside the visible part of each region, per view: labels and checks use it."""


def contains(poly: Polygon, x: float, y: float) -> bool:
    """Whether the point lies inside the polygon (even-odd rule)."""
    inside = False
    n = len(poly)
    j = n - 1
    for i in range(n):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside
