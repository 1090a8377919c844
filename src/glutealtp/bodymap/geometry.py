"""The schematic body: outlines and region shapes.

This is the one place the drawing lives. Every view is a `VIEW_WIDTH` x `VIEW_HEIGHT`
box (x to the right, y down, the midline at x = 100), from a cut above the waist to a cut
above the ankles; the terminal rasterises these shapes onto a character grid and the SVG
draws them as paths, so both pictures come from the same numbers. Shapes are smooth curves
through a few control points, sampled into polygons once at import.

The back view shows the person's left on the picture's left, the front view their right.
Each shape has the side of the body it lies on, or none on the midline (the sacrum, the
genitals), so a map can draw a pattern on one side only. A region with parts (the leg and
the thigh, the gluteal region, the abdomen, the pelvis) is drawn under them and shows
where none of them lies; a region inside the body (`DEEP`) is drawn with a dashed outline
over the surface in front of it, and lets that surface show through until it is shaded.

Nothing here is a clinical fact: which region a muscle refers to, and how strongly,
comes from the catalog, and so does where each trigger point's marker goes (its
`marker`, in fractions of a view's width and of `MARKER_HEIGHT`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from typing import Literal, NamedTuple

from glutealtp.vocabulary import SIDES as SIDES
from glutealtp.vocabulary import Side as Side

View = Literal["posterior", "anterior"]
VIEWS: tuple[View, ...] = ("posterior", "anterior")
VIEW_TITLES: dict[View, str] = {"posterior": "Back view", "anterior": "Front view"}
DATA_VIEWS: dict[str, View] = {"back": "posterior", "front": "anterior"}
"""A trigger point's `marker.view` in the dataset -> the view it is drawn in."""
VIEW_WIDTH = 200.0
VIEW_HEIGHT = 400.0
TOP = 4.0
"""Where the trunk is cut off above the waist."""
BOTTOM = 396.0
"""Where the legs are cut off above the ankles."""
MARKER_HEIGHT = 260.0
"""What a marker's `y` of 1 is in drawing units: just above the knees (y 0 is the top of
the view). The unit is kept from the first map, which stopped there; the legs go on to
y = BOTTOM / MARKER_HEIGHT, about 1.52."""
MIDLINE = VIEW_WIDTH / 2

Point = tuple[float, float]
Polygon = tuple[Point, ...]


class Shape(NamedTuple):
    """One closed outline of a region (or of the body) in one view, on one side or none."""

    view: View
    points: Polygon
    side: Side | None = None


def near_side(view: View) -> Side:
    """The person's side drawn on the left half of a view."""
    return "left" if view == "posterior" else "right"


def other(side: Side) -> Side:
    return "right" if side == "left" else "left"


def _segment(p0: Point, p1: Point, p2: Point, p3: Point) -> list[Point]:
    """Points of the Catmull-Rom curve from p1 towards p2 (p2 itself excluded)."""
    (ax, ay), (bx, by), (cx, cy), (dx, dy) = p0, p1, p2, p3
    x0, x1, x2, x3 = 2 * bx, cx - ax, 2 * ax - 5 * bx + 4 * cx - dx, 3 * bx - ax - 3 * cx + dx
    y0, y1, y2, y3 = 2 * by, cy - ay, 2 * ay - 5 * by + 4 * cy - dy, 3 * by - ay - 3 * cy + dy
    return [
        (
            round(0.5 * (x0 + x1 * t + x2 * t * t + x3 * t * t * t), 2),
            round(0.5 * (y0 + y1 * t + y2 * t * t + y3 * t * t * t), 2),
        )
        for t in _STEPS
    ]


_STEPS = tuple(k / 6 for k in range(6))
"""The curve parameter at each of a segment's six sampled points."""


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


class _Sampled(tuple[Point, ...]):
    """Points already close enough together to be used as they are (along a body edge)."""


def outline(*pieces: Sequence[Point]) -> Polygon:
    """A closed polygon from pieces that each run smoothly; corners fall between pieces.

    Each piece starts where the previous one ended (the last ends at the first's start).
    """
    out: list[Point] = []
    for piece in pieces:
        curve = list(piece) if isinstance(piece, _Sampled) else _catmull_rom(piece)
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
    """A shape drawn on the picture's left, and its mirror image on the right."""
    return Shape(view, poly, near_side(view)), Shape(view, mirror(poly), other(near_side(view)))


def _both_views(poly: Polygon) -> tuple[Shape, ...]:
    return (*_both_sides("posterior", poly), *_both_sides("anterior", poly))


# --- The body: the same silhouette from behind and from the front -----------------------------

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
    (45.5, 252),
    (49.5, 272),
    (50, 288),
    (49, 310),
    (52, 338),
    (57.5, 368),
    (60.5, BOTTOM),
)
_LEFT_INNER: tuple[Point, ...] = (
    (84.5, BOTTOM),
    (87, 365),
    (92, 333),
    (94, 306),
    (92.5, 286),
    (93.5, 268),
    (95.5, 245),
    (97, 205),
    (98, 168),
    (100, 156),
)
CROTCH = 156.0
"""Where the legs part."""
_BODY: Polygon = outline(
    _LEFT_SIDE,
    ((60.5, BOTTOM), (84.5, BOTTOM)),
    _LEFT_INNER,
    tuple((VIEW_WIDTH - x, y) for x, y in reversed(_LEFT_INNER)),
    ((VIEW_WIDTH - 84.5, BOTTOM), (VIEW_WIDTH - 60.5, BOTTOM)),
    tuple((VIEW_WIDTH - x, y) for x, y in reversed(_LEFT_SIDE)),
    ((VIEW_WIDTH - 55, TOP), (55, TOP)),
)
BODY: dict[View, Shape] = {view: Shape(view, _BODY) for view in VIEWS}


def _interpolator(curve: Sequence[Point]) -> Callable[[float], float]:
    """x at height y along a curve that runs down (or up) the page."""
    pts = sorted(curve, key=lambda p: p[1])
    ys = [p[1] for p in pts]

    def at(y: float) -> float:
        i = min(max(bisect_right(ys, y), 1), len(pts) - 1)
        (x1, y1), (x2, y2) = pts[i - 1], pts[i]
        return x1 if y2 == y1 else x1 + (y - y1) * (x2 - x1) / (y2 - y1)

    return at


_edge_x = _interpolator(_catmull_rom(_LEFT_SIDE))
"""Where the left side of the body is at height y."""
_inner_x = _interpolator(_catmull_rom(_LEFT_INNER))
"""Where the inner side of the left leg is at height y (below the crotch)."""


Edge = Callable[[float], float]


def _from_edge(inset: float) -> Edge:
    return lambda y: _edge_x(y) + inset


def _from_inner(inset: float) -> Edge:
    return lambda y: _inner_x(y) - inset


def _run(edge: Edge, y0: float, y1: float, step: float = 5.0) -> _Sampled:
    """Points following `edge` from y0 to y1."""
    n = max(2, int(abs(y1 - y0) / step) + 1)
    ys = [y0 + (y1 - y0) * k / (n - 1) for k in range(n)]
    return _Sampled((round(edge(y), 2), round(y, 2)) for y in ys)


def _along_edge(y0: float, y1: float, inset: float, step: float = 5.0) -> _Sampled:
    """Points following the left side of the body from y0 to y1, `inset` inside it."""
    return _run(_from_edge(inset), y0, y1, step)


def _strip(y0: float, y1: float, outer: float, inner: float) -> Polygon:
    """A band along the left side of the body, `outer` to `inner` inside it, y0 to y1."""
    return outline(
        _along_edge(y0, y1, outer),
        ((_edge_x(y1) + outer, y1), (_edge_x(y1) + inner, y1)),
        _along_edge(y1, y0, inner),
        ((_edge_x(y0) + inner, y0), (_edge_x(y0) + outer, y0)),
    )


def _leg_band(y0: float, y1: float, lateral: Edge, medial: Edge) -> Polygon:
    """The part of the left leg between two edges, from y0 down to y1 (square ends)."""
    return outline(
        _run(lateral, y0, y1),
        ((round(lateral(y1), 2), y1), (round(medial(y1), 2), y1)),
        _run(medial, y1, y0),
        ((round(medial(y0), 2), y0), (round(lateral(y0), 2), y0)),
    )


# Where the strips down the outside of the body lie, inside its edge.
STRIP_OUT = 2.0
STRIP_IN = 10.5
_LEG_OUT = _from_edge(STRIP_IN)
"""The lateral edge of what lies beside the strips down the outside of the leg."""
_LEG_IN = _from_inner(1.5)
_KNEE_TOP = 258.0
_KNEE_BOTTOM = 294.0
_THIGH_PARTS_END = 238.0
"""The front and inner thigh end here, above the knee; below lies the rest of the thigh."""


def _axis(y: float) -> float:
    """The middle of the left leg at height y."""
    return (_LEG_OUT(y) + _LEG_IN(y)) / 2


def _polyline(*points: Point) -> Edge:
    """The edge through `points` (top to bottom), straight between them."""

    def edge(y: float) -> float:
        for (x0, y0), (x1, y1) in pairwise(points):
            if y <= y1 or (x1, y1) == points[-1]:
                t = 0.0 if y1 == y0 else max(0.0, min(1.0, (y - y0) / (y1 - y0)))
                return x0 + (x1 - x0) * t
        return points[-1][0]

    return edge


_KNEECAP = blob((64.5, 268), (72, 262), (79.5, 268), (78, 278), (72, 282), (66, 278))
DETAILS: dict[View, tuple[Polygon, ...]] = {
    "posterior": (
        ((100, TOP + 2), (100, 62)),
        tuple(_catmull_rom(((100, 135), (100.4, 145), (100, 153)))),
        tuple(_catmull_rom(((70, 157), (82, 158.5), (95, 154)))),
        tuple(_catmull_rom(((130, 157), (118, 158.5), (105, 154)))),
    ),
    "anterior": (
        blob((100, 33), (102.5, 35.5), (100, 38), (97.5, 35.5)),
        _KNEECAP,
        mirror(_KNEECAP),
    ),
}
"""Thin lines that make a view recognisable: spine, cleft and buttock folds; the navel and
the kneecaps."""

# --- The trunk ---------------------------------------------------------------------------------

_FLANK = _strip(7, 46, STRIP_OUT, 12.5)
_LOW_BACK: Polygon = outline(
    ((100, 12), (_edge_x(12) + 15, 12)),
    (*_along_edge(12, 44, 15), (_edge_x(50) + 4, 51)),
    ((_edge_x(50) + 4, 51), (_edge_x(53) + 3.5, 53.5), (78, 56.5), (100, 60)),
    ((100, 60), (100, 12)),
)
_GLUTEAL: Polygon = outline(
    ((56, 59), (78, 62.5), (94, 65.3)),
    ((94, 65.3), (94, 155.2)),
    ((94, 155.2), (84, 160), (70, 160)),
    ((70, 160), (54, 150), (48, 122), (48, 96), (50, 76), (56, 59)),
)
_BUTTOCK = blob(
    (74, 80),
    (62, 82),
    (52, 96),
    (50, 122),
    (56, 144),
    (74, 155),
    (89, 153),
    (93, 132),
    (92.5, 104),
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
_HIP_AREA = outline(
    _along_edge(78, 137, 2.5),
    (
        (_edge_x(137) + 2.5, 137),
        (42, 139),
        (47.5, 128),
        (50, 115),
        (57, 113.5),
        (64.5, 106),
        (64, 97),
        (57.5, 90),
        (53.5, 83),
        (51.5, 78),
        (_edge_x(78) + 2.5, 78),
    ),
)
"""The hip as a whole, drawn in the front view: the side of the hip (`_HIP`) with the part
above it, under the front point of the pelvis beside the groin, and the front of the hip.
From behind, the side and the back of the hip make it up."""
_FRONT_OF_HIP = blob((50, 96.5), (56, 93.5), (62, 98.5), (61.5, 106), (55.5, 110), (50, 104))
"""Over the front of the hip joint: below the front point of the pelvis, outside the groin."""
_BACK_OF_HIP = blob((49, 123), (57, 119), (65, 126), (65, 139), (57, 146), (50, 139))
"""Behind the hip joint and the greater trochanter: the outer, lower part of the buttock."""
_SACRUM = blob((88, 66), (100, 67.5), (112, 66), (110, 92), (104, 112), (96, 112), (90, 92))
_SI_JOINT = blob((83, 70), (87, 74), (87, 90), (82, 96), (77, 88), (78, 74))
_TAILBONE = blob((95, 115), (105, 115), (103, 127.5), (97, 127.5))
_ANAL = blob((100, 129.5), (105.5, 132), (106, 136.5), (100, 140), (94, 136.5), (94.5, 132))
_PELVIC_FLOOR = blob(
    (100, 142), (105.5, 145.5), (104, 153.5), (100, 155), (96, 153.5), (94.5, 145.5)
)
_SITS_BONE = blob((73, 142), (83, 140), (89, 145), (84, 151), (74, 150))

_ABDOMEN: Polygon = outline(
    ((100, 7), (_edge_x(7) + 14.5, 7)),
    (*_along_edge(7, 46, 14.5), (_edge_x(52) + 6.5, 54), (55, 66)),
    ((55, 66), (58, 69)),
    ((58, 69), (64, 77), (78, 99), (86, 103)),
    ((86, 103), (100, 103.5)),
    ((100, 103.5), (100, 7)),
)
_LOWER_ABDOMEN: Polygon = outline(
    ((100, 47), (_edge_x(47) + 16, 47)),
    ((_edge_x(47) + 16, 47), (_edge_x(54) + 9.5, 57), (60, 66.5)),
    ((60, 66.5), (66.5, 76.5), (79.5, 97), (86.5, 100.5)),
    ((86.5, 100.5), (100, 101)),
    ((100, 101), (100, 47)),
)
_GROIN = outline(
    ((52, 74), (58, 70), (64, 78), (78, 100), (92, 120), (94, 128)),
    ((94, 128), (87, 132), (80, 122), (66, 102), (54, 86), (52, 74)),
)
_PELVIS = outline(
    ((83, 104.5), (100, 105.5), (117, 104.5)),
    ((117, 104.5), (113.5, 112), (107.5, 120.5)),
    ((107.5, 120.5), (100, 119.5), (92.5, 120.5)),
    ((92.5, 120.5), (86.5, 112), (83, 104.5)),
)
_INSIDE_PELVIS = blob(
    (100, 78), (115, 81), (122, 92), (114, 104), (100, 108), (86, 104), (78, 92), (85, 81)
)
_GENITALS = blob((100, 122), (108, 126), (110, 140), (104, 154), (96, 154), (90, 140), (92, 126))

# --- The legs ----------------------------------------------------------------------------------

_SIDE_OF_LEG = _strip(146, BOTTOM - 1, STRIP_OUT, STRIP_IN)
_OUTER_THIGH = _strip(146, _KNEE_TOP - 1, STRIP_OUT, STRIP_IN)

_THIGH_TOP: tuple[Point, ...] = (
    (45.5, 97.5),
    (54.5, 88),
    (66.5, 103),
    (80.5, 123),
    (87, 133),
    (90, 140),
    (91, 150),
    (_LEG_IN(CROTCH + 6), CROTCH + 6),
)
"""The top of the front of the thigh, from the front of the hip in under the groin crease
to beside the genitals."""
_HIP_INNER: tuple[Point, ...] = (
    (_edge_x(146) + STRIP_OUT, 146),
    (43, 139.5),
    (48, 128),
    (49, 112),
    (45.5, 97.5),
)
"""The inner side of the hip, up from where the strip down the side of the leg starts."""
_INNER_THIGH_LINE = _polyline((76.5, 126), (76.5, 160), (79.5, 200), (83.5, _THIGH_PARTS_END))
"""Where the front of the thigh meets the inner thigh."""


def _front_leg(bottom: float) -> Polygon:
    """The front of the left leg from the groin crease down to `bottom`."""
    return outline(
        _THIGH_TOP,
        _run(_LEG_IN, CROTCH + 6, bottom),
        ((_LEG_IN(bottom), bottom), (_edge_x(bottom) + STRIP_OUT, bottom)),
        _along_edge(bottom, 146, STRIP_OUT),
        _HIP_INNER,
    )


_LEG_FRONT = _front_leg(BOTTOM - 1)
_THIGH_FRONT = _front_leg(_KNEE_TOP - 1)
_FRONT_OF_THIGH = outline(
    ((_INNER_THIGH_LINE(126), 126), *_THIGH_TOP[:3][::-1]),
    ((45.5, 97.5), (49, 112), (48, 128), (43.5, 139.5), (_LEG_OUT(146), 146)),
    _run(_LEG_OUT, 146, _THIGH_PARTS_END),
    (
        (_LEG_OUT(_THIGH_PARTS_END), _THIGH_PARTS_END),
        (_INNER_THIGH_LINE(_THIGH_PARTS_END), _THIGH_PARTS_END),
    ),
    _run(_INNER_THIGH_LINE, _THIGH_PARTS_END, 126),
)
_INNER_THIGH = outline(
    (
        (_INNER_THIGH_LINE(126), 126),
        (80.5, 123),
        (87, 133),
        (90, 140),
        (91, 150),
        (_LEG_IN(CROTCH + 6), CROTCH + 6),
    ),
    _run(_LEG_IN, CROTCH + 6, _THIGH_PARTS_END),
    (
        (_LEG_IN(_THIGH_PARTS_END), _THIGH_PARTS_END),
        (_INNER_THIGH_LINE(_THIGH_PARTS_END), _THIGH_PARTS_END),
    ),
    _run(_INNER_THIGH_LINE, _THIGH_PARTS_END, 126),
)
_KNEE_FRONT = _leg_band(_KNEE_TOP, _KNEE_BOTTOM, _LEG_OUT, _LEG_IN)

_GLUTEAL_FOLD: tuple[Point, ...] = ((_LEG_OUT(166), 166), (60, 164), (78, 166), (95, 161))
_BACK_OF_LEG = outline(
    _GLUTEAL_FOLD,
    ((95, 161), (_LEG_IN(170), 170)),
    _run(_LEG_IN, 170, BOTTOM - 1),
    ((_LEG_IN(BOTTOM - 1), BOTTOM - 1), (_LEG_OUT(BOTTOM - 1), BOTTOM - 1)),
    _run(_LEG_OUT, BOTTOM - 1, 166),
)
_BACK_OF_THIGH = outline(
    _GLUTEAL_FOLD,
    ((95, 161), (_LEG_IN(170), 170)),
    _run(_LEG_IN, 170, 247),
    ((_LEG_IN(247), 247), (_LEG_OUT(247), 247)),
    _run(_LEG_OUT, 247, 166),
)
_BACK_OF_KNEE = blob(
    (_axis(255), 255),
    (_axis(266) + 9.5, 266),
    (_axis(279) + 8.5, 279),
    (_axis(290), 290),
    (_axis(279) - 8.5, 279),
    (_axis(266) - 9.5, 266),
)
"""The hollow of the knee: a rounded diamond, its upper half the wider."""
_CALF = outline(
    ((_LEG_OUT(304), 304), (_axis(301), 300.5), (_LEG_IN(304), 304)),
    _run(_LEG_IN, 304, BOTTOM - 1),
    ((_LEG_IN(BOTTOM - 1), BOTTOM - 1), (_LEG_OUT(BOTTOM - 1), BOTTOM - 1)),
    _run(_LEG_OUT, BOTTOM - 1, 304),
)


SHAPES: dict[str, tuple[Shape, ...]] = {
    "abdomen": _both_sides("anterior", _ABDOMEN),
    "lower-abdomen": _both_sides("anterior", _LOWER_ABDOMEN),
    "flank": _both_views(_FLANK),
    "low-back": _both_sides("posterior", _LOW_BACK),
    "gluteal-region": _both_sides("posterior", _GLUTEAL),
    "buttock": _both_sides("posterior", _BUTTOCK),
    "sacrum": (Shape("posterior", _SACRUM),),
    "si-joint": _both_sides("posterior", _SI_JOINT),
    "tailbone": (Shape("posterior", _TAILBONE),),
    "anal-region": (Shape("posterior", _ANAL),),
    "pelvic-floor": (Shape("posterior", _PELVIC_FLOOR),),
    "sits-bone": _both_sides("posterior", _SITS_BONE),
    "hip": _both_sides("anterior", _HIP_AREA),
    "side-of-hip": _both_views(_HIP),
    "back-of-hip": _both_sides("posterior", _BACK_OF_HIP),
    "leg": _both_sides("anterior", _LEG_FRONT),
    "thigh": _both_sides("anterior", _THIGH_FRONT),
    "side-of-leg": _both_views(_SIDE_OF_LEG),
    "outer-thigh": _both_views(_OUTER_THIGH),
    "front-of-thigh": _both_sides("anterior", _FRONT_OF_THIGH),
    "inner-thigh": _both_sides("anterior", _INNER_THIGH),
    "front-of-hip": _both_sides("anterior", _FRONT_OF_HIP),
    "knee": _both_sides("anterior", _KNEE_FRONT),
    "back-of-leg": _both_sides("posterior", _BACK_OF_LEG),
    "back-of-thigh": _both_sides("posterior", _BACK_OF_THIGH),
    "back-of-knee": _both_sides("posterior", _BACK_OF_KNEE),
    "calf": _both_sides("posterior", _CALF),
    "groin": _both_sides("anterior", _GROIN),
    "pelvis": (Shape("anterior", _PELVIS),),
    "genitals": (Shape("anterior", _GENITALS),),
    "inside-pelvis": (Shape("anterior", _INSIDE_PELVIS),),
}
"""Region id -> its outlines, in paint order: a later shape is drawn over an earlier one."""

DEEP: frozenset[str] = frozenset({"inside-pelvis"})
"""Regions inside the body: drawn dashed over the surface in front of them, which shows
through them where they are not shaded."""

ANCHORS: dict[str, dict[View, Point]] = {
    "abdomen": {"anterior": (111, 27)},
    "lower-abdomen": {"anterior": (127, 70)},
    "flank": {"posterior": (66, 27), "anterior": (134, 27)},
    "low-back": {"posterior": (89, 27)},
    "gluteal-region": {"posterior": (62, 70)},
    "buttock": {"posterior": (62, 92)},
    "sacrum": {"posterior": (100, 81)},
    "si-joint": {"posterior": (82, 79)},
    "tailbone": {"posterior": (100, 120)},
    "anal-region": {"posterior": (100, 135)},
    "pelvic-floor": {"posterior": (100, 148)},
    "sits-bone": {"posterior": (80, 146)},
    "hip": {"anterior": (151, 85.5)},
    "side-of-hip": {"posterior": (41, 124), "anterior": (159, 124)},
    "back-of-hip": {"posterior": (58.5, 130)},
    "front-of-hip": {"anterior": (144, 101)},
    "leg": {"anterior": (127, 319)},
    "thigh": {"anterior": (127, 245)},
    "side-of-leg": {"posterior": (56, 274), "anterior": (144, 274)},
    "outer-thigh": {"posterior": (41, 178), "anterior": (159, 178)},
    "front-of-thigh": {"anterior": (127, 200)},
    "inner-thigh": {"anterior": (111, 178)},
    "knee": {"anterior": (127, 287)},
    "back-of-leg": {"posterior": (85, 254)},
    "back-of-thigh": {"posterior": (73, 200)},
    "back-of-knee": {"posterior": (73, 276)},
    "calf": {"posterior": (73, 319)},
    "groin": {"anterior": (140, 83)},
    "pelvis": {"anterior": (106, 115)},
    "genitals": {"anterior": (100, 146)},
    "inside-pelvis": {"anterior": (111, 92)},
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


def _area(points: Sequence[Point]) -> float:
    """A polygon's area (the shoelace formula)."""
    pairs = zip(points, [*points[1:], points[0]], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


DRAW_ORDER = sorted(SHAPES, key=lambda r: -max(_area(s.points) for s in SHAPES[r]))
"""The regions by the area of their largest shape, largest first (stable among equals): a
smaller region is drawn over a larger one it overlaps, never hidden under it."""
