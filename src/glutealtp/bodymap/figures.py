"""The two views of the body map in SVG: the body, each region (one `<path>` whose `id` is
the region id, its outlines in both views subpaths, with a `<title>` and `<desc>` for screen
readers), the reported regions outlined and the trigger points marked; and the drawing
primitives the page around them (`svg`) uses. On a map drawn for one side, the outlines on
the other side are a second path, `REGION-other-side`, left unshaded. A region inside the
body is dashed and, when shaded, hatched over what lies in front of it. Built with
ElementTree, so every piece of text from the data is escaped.
"""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from glutealtp.bodymap.geometry import (
    BODY,
    BOTTOM,
    DEEP,
    DETAILS,
    DRAW_ORDER,
    SHAPES,
    TOP,
    VIEW_HEIGHT,
    VIEW_WIDTH,
    VIEWS,
    Point,
    Shape,
    View,
    near_side,
    other,
)
from glutealtp.bodymap.picture import Picture, PlacedMarker, Shade
from glutealtp.text import clean

WIDTH = 600.0
SCALE = 1.15
MARGIN = 35.0
GAP = WIDTH - 2 * MARGIN - 2 * VIEW_WIDTH * SCALE
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"

INK = "#1f2937"
MUTED = "#4b5563"
BODY_FILL = "#eceff3"
BODY_STROKE = "#6b7280"
REGION_FILL = "#f8f9fb"
REGION_STROKE = "#b6bcc6"
ESSENTIAL = "#c8102e"
ESSENTIAL_STROKE = "#8f0b20"
SPILLOVER_BASE = "#f8d3d8"
SPILLOVER_STROKE = "#e07a8a"
REPORTED = "#1d4ed8"
ALERT = "#b91c1c"
"""The red of the red-flag box (the terminal's warning panel is bold red)."""
ALERT_FILL = "#fdecee"
DEEP_STROKE = "#4b5563"
HATCH = 5.0
"""The period of the hatching of a shaded region inside the body."""
HATCH_SHARE: dict[Shade, float] = {Shade.spillover: 0.4, Shade.essential: 0.6}
"""How much of that period each hatch line covers."""
HATCH_COLOUR: dict[Shade, str] = {Shade.spillover: SPILLOVER_STROKE, Shade.essential: ESSENTIAL}

FILLS: dict[Shade, str] = {
    Shade.none: REGION_FILL,
    Shade.spillover: "url(#stipple)",
    Shade.essential: ESSENTIAL,
}
STROKES: dict[Shade, str] = {
    Shade.none: REGION_STROKE,
    Shade.spillover: SPILLOVER_STROKE,
    Shade.essential: ESSENTIAL_STROKE,
}
SHADE_WORDS: dict[Shade, str] = {
    Shade.none: "not a referral zone",
    Shade.spillover: "spillover referral zone",
    Shade.essential: "essential referral zone",
}


def origin(view: View, top: float) -> Point:
    """Where a view's (0, 0) falls on the page."""
    return (MARGIN + VIEWS.index(view) * (VIEW_WIDTH * SCALE + GAP), top)


def to_page(view: View, top: float, x: float, y: float) -> Point:
    """A view point in page coordinates."""
    ox, oy = origin(view, top)
    return (ox + x * SCALE, oy + y * SCALE)


def fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def path_d(subpaths: Iterable[Sequence[Point]], closed: bool = True) -> str:
    parts = []
    for pts in subpaths:
        if not pts:
            continue
        head, *rest = pts
        d = f"M{fmt(head[0])},{fmt(head[1])}" + "".join(f"L{fmt(x)},{fmt(y)}" for x, y in rest)
        parts.append(d + ("Z" if closed else ""))
    return "".join(parts)


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el


def text(
    parent: ET.Element,
    x: float,
    y: float,
    text: str,
    size: float = 12,
    *,
    weight: str = "normal",
    fill: str = INK,
    anchor: str = "start",
    style: str = "normal",
) -> None:
    sub(
        parent,
        "text",
        text,
        x=fmt(x),
        y=fmt(y),
        font_family=FONT,
        font_size=fmt(size),
        font_weight=weight,
        font_style=style,
        fill=fill,
        text_anchor=anchor,
    )


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of `text` that fit `width` at `size` (DejaVu Sans averages ~0.55 em a glyph)."""
    chars = max(20, int(width / (0.55 * size)))
    return textwrap.wrap(clean(text), chars, break_on_hyphens=False) or [""]


def body_outline(view: View, top: float) -> list[list[Point]]:
    """The silhouette as strokes, leaving open the cuts across the trunk and the thighs."""
    pts = BODY[view].points
    runs: list[list[Point]] = [[]]
    n = len(pts)
    start = next(
        i for i in range(n) if pts[i][1] in (TOP, BOTTOM) and pts[i - 1][1] in (TOP, BOTTOM)
    )
    for k in range(n + 1):
        a, b = pts[(start + k - 1) % n], pts[(start + k) % n]
        cut = a[1] == b[1] and a[1] in (TOP, BOTTOM)
        if cut:
            if runs[-1]:
                runs.append([])
            continue
        if not runs[-1]:
            runs[-1].append(to_page(view, top, *a))
        runs[-1].append(to_page(view, top, *b))
    return [r for r in runs if len(r) > 1]


MARKER_R = 6.2
"""The radius of a trigger-point marker on the page."""


def marker(
    parent: ET.Element,
    x: float,
    y: float,
    number: int,
    size: float = 1.0,
    *,
    schematic: bool = False,
    label_at: tuple[float, float, str] | None = None,
) -> None:
    """A white disc with a black cross (its ring dashed when the position is schematic),
    and its number at `label_at` (x, y, text-anchor), or to the right."""
    r = MARKER_R * size
    ring = {"stroke_dasharray": fmt(2.4 * size) + " " + fmt(1.6 * size)} if schematic else {}
    sub(
        parent,
        "circle",
        cx=fmt(x),
        cy=fmt(y),
        r=fmt(r),
        fill="#ffffff",
        stroke="#111111",
        stroke_width=fmt((1.5 if schematic else 1.1) * size),
        **ring,
    )
    d = 3.6 * size
    sub(
        parent,
        "path",
        d=f"M{fmt(x - d)},{fmt(y - d)}L{fmt(x + d)},{fmt(y + d)}"
        f"M{fmt(x - d)},{fmt(y + d)}L{fmt(x + d)},{fmt(y - d)}",
        stroke="#111111",
        stroke_width=fmt(2.0 * size),
        stroke_linecap="round",
        fill="none",
    )
    if number:
        label = str(number)
        lx, ly, anchor = label_at or (x + r + 2, y + 4, "start")
        for halo in (True, False):
            sub(
                parent,
                "text",
                label,
                x=fmt(lx),
                y=fmt(ly),
                font_family=FONT,
                font_size="12",
                font_weight="bold",
                fill="#111111",
                text_anchor=anchor,
                **(
                    {"stroke": "#ffffff", "stroke_width": "3", "stroke_linejoin": "round"}
                    if halo
                    else {}
                ),
            )


def region_description(picture: Picture, region: str) -> str:
    """What the picture says about one region, in words (the SVG `<desc>`)."""
    entry = picture.shading.get(region)
    shade = entry.shade if entry else Shade.none
    if picture.muscle is None:
        words = "No muscle pattern is shown."
    elif entry is None:
        words = f"Not a referral zone of {picture.muscle_name}."
    else:
        via = ", ".join(entry.trigger_points)
        wider = (
            f" (as part of {picture.region_names.get(entry.inherited_from, entry.inherited_from)})"
            if entry.inherited_from
            else ""
        )
        words = f"{SHADE_WORDS[shade].capitalize()}{wider}, from trigger points: {via}."
    if region in picture.reported:
        words += " Pain reported here."
    if picture.side:
        words += f" Drawn on the {picture.side} side."
    return words


def region_path(
    parent: ET.Element,
    picture: Picture,
    region: str,
    shapes: Sequence[Shape],
    top: float,
    *,
    shown: bool,
) -> None:
    """One region's outlines as one path: shaded as the picture says, or (`shown` False, the
    other side of a one-sided map) left unshaded."""
    shade = picture.shade(region) if shown else Shade.none
    deep = region in DEEP
    if deep:
        fill = f"url(#hatch-{shade.name})" if shade is not Shade.none else "none"
        style = {
            "stroke": DEEP_STROKE if shade is Shade.none else STROKES[shade],
            "stroke_width": "1.4",
            "stroke_dasharray": "4 2.5",
        }
    else:
        fill = FILLS[shade]
        style = {
            "stroke": STROKES[shade],
            "stroke_width": "0.9" if shade is Shade.none else "1.1",
        }
    el = sub(
        parent,
        "path",
        id=region if shown else f"{region}-other-side",
        d=path_d([[to_page(s.view, top, *p) for p in s.points] for s in shapes]),
        fill=fill,
        **style,
    )
    el.set(
        "class",
        f"region {shade.name}" + (" deep" if deep else "") + ("" if shown else " other-side"),
    )
    el.set("data-shade", shade.name)
    sub(el, "title", picture.region_names[region])
    if shown:
        sub(el, "desc", region_description(picture, region))
    else:
        sub(el, "desc", f"The other side: the map is drawn for pain on the {picture.side} side.")


def label_places(picture: Picture, top: float) -> dict[str, tuple[float, float, str]]:
    """Where each marker's number goes: beside it, on the first side (right, left, below,
    above) clear of the other markers and of the numbers already placed."""
    discs = [(m, *to_page(m.view, top, m.x, m.y)) for m in picture.markers]
    boxes: list[tuple[float, float, float, float]] = []
    out: dict[str, tuple[float, float, str]] = {}
    r = MARKER_R
    for m, x, y in discs:
        w = 7.5 * len(str(m.number))
        tries = (
            (x + r + 2, y + 4, "start", (x + r + 1, y - 6, x + r + 3 + w, y + 6)),
            (x - r - 2, y + 4, "end", (x - r - 3 - w, y - 6, x - r - 1, y + 6)),
            (x, y + r + 13, "middle", (x - w / 2, y + r + 2, x + w / 2, y + r + 14)),
            (x, y - r - 3, "middle", (x - w / 2, y - r - 14, x + w / 2, y - r - 2)),
        )

        def clear(box: tuple[float, float, float, float], me: PlacedMarker = m) -> bool:
            x0, y0, x1, y1 = box
            for other_m, ox, oy in discs:
                if other_m is me:
                    continue
                nx, ny = min(max(ox, x0), x1), min(max(oy, y0), y1)
                if (nx - ox) ** 2 + (ny - oy) ** 2 < (r + 1) ** 2:
                    return False
            return all(x1 < bx0 or bx1 < x0 or y1 < by0 or by1 < y0 for bx0, by0, bx1, by1 in boxes)

        lx, ly, anchor, box = next((t for t in tries if clear(t[3])), tries[0])
        boxes.append(box)
        out[m.id] = (lx, ly, anchor)
    return out


def figures(picture: Picture, top: float) -> ET.Element:
    """Both views: body, regions (shaded), outlines, reported regions and trigger points,
    each drawn over the one before."""
    group = ET.Element("g", {"id": "figures", "data-top": fmt(top)})
    _bodies(group, top)
    _regions(group, picture, top)
    _outlines(group, top)
    _reported(group, picture, top)
    _markers(group, picture, top)
    return group


def _bodies(group: ET.Element, top: float) -> None:
    """The body's fill in each view."""
    for view in VIEWS:
        sub(
            group,
            "path",
            id=f"body-{view}",
            d=path_d([[to_page(view, top, *p) for p in BODY[view].points]]),
            fill=BODY_FILL,
            stroke="none",
        )


def _regions(group: ET.Element, picture: Picture, top: float) -> None:
    """Each region's shapes, shaded; those on the side not drawn for, apart and unshaded.
    The largest first: a smaller region (the hip) is never hidden under a larger one drawn
    after it (the thigh)."""
    for region in DRAW_ORDER:
        shapes = SHAPES[region]
        if region not in picture.region_names:
            continue
        shown = [s for s in shapes if picture.shows(s.side)]
        hidden = [s for s in shapes if not picture.shows(s.side)]
        if hidden:
            region_path(group, picture, region, hidden, top, shown=False)
        if shown:
            region_path(group, picture, region, shown, top, shown=True)


def _outlines(group: ET.Element, top: float) -> None:
    """The details and outline of the body over the regions, and each view's sides."""
    for view in VIEWS:
        sub(
            group,
            "path",
            d=path_d(
                ([to_page(view, top, *p) for p in line] for line in DETAILS[view]), closed=False
            ),
            fill="none",
            stroke="#8a919c",
            stroke_width="1",
            stroke_linecap="round",
        )
        sub(
            group,
            "path",
            d=path_d(body_outline(view, top), closed=False),
            fill="none",
            stroke=BODY_STROKE,
            stroke_width="1.7",
            stroke_linejoin="round",
            stroke_linecap="round",
        )
        for x, side in ((70.0, near_side(view)), (VIEW_WIDTH - 70.0, other(near_side(view)))):
            px, py = to_page(view, top, x, VIEW_HEIGHT)
            text(group, px, py + 10, side.capitalize(), 10.5, fill=MUTED, anchor="middle")


def _reported(group: ET.Element, picture: Picture, top: float) -> None:
    """The reported regions, outlined dashed."""
    outlines: dict[str, list[Shape]] = {}
    for view in VIEWS:
        for region in picture.outlined(view):
            outlines.setdefault(region, []).extend(
                s for s in SHAPES[region] if s.view == view and picture.shows(s.side)
            )
    for region, outlined in sorted(outlines.items()):
        el = sub(
            group,
            "path",
            id=f"reported-{region}",
            d=path_d([[to_page(s.view, top, *p) for p in s.points] for s in outlined]),
            fill="none",
            stroke=REPORTED,
            stroke_width="2.6",
            stroke_dasharray="7 3.5",
            stroke_linejoin="round",
        )
        el.set("class", "reported")
        sub(el, "title", f"Reported: {picture.region_names.get(region, region)}")


def _markers(group: ET.Element, picture: Picture, top: float) -> None:
    """The trigger points, numbered, each labelled where the label fits."""
    labels = label_places(picture, top)
    for m in picture.markers:
        g = sub(group, "g", id=f"tp-{m.id}")
        g.set("class", "trigger-point" + (" schematic" if m.schematic else ""))
        sub(g, "title", f"Trigger point {m.number}: {m.name}" + schematic_words(m))
        sub(g, "desc", f"{m.location} {m.refers}")
        marker(
            g,
            *to_page(m.view, top, m.x, m.y),
            m.number,
            schematic=m.schematic,
            label_at=labels[m.id],
        )


def schematic_words(m: PlacedMarker) -> str:
    return " (position schematic)" if m.schematic else ""


def swatch(parent: ET.Element, x: float, y: float, **style: str) -> None:
    sub(parent, "rect", x=fmt(x), y=fmt(y - 11), width="22", height="14", rx="2", **style)
