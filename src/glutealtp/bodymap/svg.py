"""The body map as a standalone SVG document: back and front views side by side.

Any red flag comes first, in a red box. Each region is one `<path>` whose `id` is the
region id (its outlines in both views are subpaths), with a `<title>` and `<desc>` for
screen readers; on a map drawn for one side, the outlines on the other side are a second
path, `REGION-other-side`, left unshaded. A region inside the body is dashed and, when
shaded, hatched over what lies in front of it. The legend, the trigger points, the muscle
and the sources follow the figures. Built with ElementTree, so every piece of text from
the data is escaped.
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
    SHAPES,
    TOP,
    VIEW_HEIGHT,
    VIEW_TITLES,
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


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _path(subpaths: Iterable[Sequence[Point]], closed: bool = True) -> str:
    parts = []
    for pts in subpaths:
        if not pts:
            continue
        head, *rest = pts
        d = f"M{_fmt(head[0])},{_fmt(head[1])}" + "".join(f"L{_fmt(x)},{_fmt(y)}" for x, y in rest)
        parts.append(d + ("Z" if closed else ""))
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        el.text = clean(text)
    return el


def _text(
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
    _sub(
        parent,
        "text",
        text,
        x=_fmt(x),
        y=_fmt(y),
        font_family=FONT,
        font_size=_fmt(size),
        font_weight=weight,
        font_style=style,
        fill=fill,
        text_anchor=anchor,
    )


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of `text` that fit `width` at `size` (DejaVu Sans averages ~0.55 em a glyph)."""
    return textwrap.wrap(clean(text), max(20, int(width / (0.55 * size)))) or [""]


def _body_outline(view: View, top: float) -> list[list[Point]]:
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


def _marker(
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
    ring = {"stroke_dasharray": _fmt(2.4 * size) + " " + _fmt(1.6 * size)} if schematic else {}
    _sub(
        parent,
        "circle",
        cx=_fmt(x),
        cy=_fmt(y),
        r=_fmt(r),
        fill="#ffffff",
        stroke="#111111",
        stroke_width=_fmt((1.5 if schematic else 1.1) * size),
        **ring,
    )
    d = 3.6 * size
    _sub(
        parent,
        "path",
        d=f"M{_fmt(x - d)},{_fmt(y - d)}L{_fmt(x + d)},{_fmt(y + d)}"
        f"M{_fmt(x - d)},{_fmt(y + d)}L{_fmt(x + d)},{_fmt(y - d)}",
        stroke="#111111",
        stroke_width=_fmt(2.0 * size),
        stroke_linecap="round",
        fill="none",
    )
    if number:
        label = str(number)
        lx, ly, anchor = label_at or (x + r + 2, y + 4, "start")
        for halo in (True, False):
            _sub(
                parent,
                "text",
                label,
                x=_fmt(lx),
                y=_fmt(ly),
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


def render_svg(picture: Picture, figures_only: bool = False) -> str:
    """The picture as an SVG document (UTF-8 text); with `figures_only`, the two views alone
    (a page around it, such as the handout, gives the key and the notes in its own text)."""
    header, top = _header(picture) if not figures_only else (ET.Element("g"), 16.0)
    figures = _figures(picture, top)
    if figures_only:
        legend, notes = ET.Element("g"), ET.Element("g")
        y = top + VIEW_HEIGHT * SCALE + 20
    else:
        legend, y = _legend(legend_entries(picture), top + VIEW_HEIGHT * SCALE + 40)
        notes, y = _notes(picture, y + 12)
    height = y + 22

    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "version": "1.1",
            "width": _fmt(WIDTH),
            "height": _fmt(height),
            "viewBox": f"0 0 {_fmt(WIDTH)} {_fmt(height)}",
            "role": "img",
            "aria-labelledby": "svg-title svg-desc",
        },
    )
    _sub(svg, "title", f"{picture.title}: {picture.subtitle}", id="svg-title")
    _sub(svg, "desc", _summary(picture), id="svg-desc")
    pattern = _sub(
        _sub(svg, "defs"),
        "pattern",
        id="stipple",
        width="4.5",
        height="4.5",
        patternUnits="userSpaceOnUse",
    )
    _sub(pattern, "rect", width="4.5", height="4.5", fill=SPILLOVER_BASE)
    _sub(pattern, "circle", cx="2.25", cy="2.25", r="1.05", fill=ESSENTIAL)
    defs = svg.find("defs")
    assert defs is not None
    for shade, share in HATCH_SHARE.items():
        hatch = _sub(
            defs,
            "pattern",
            id=f"hatch-{shade.name}",
            width=_fmt(HATCH),
            height=_fmt(HATCH),
            patternUnits="userSpaceOnUse",
            patternTransform="rotate(45)",
        )
        _sub(hatch, "rect", width=_fmt(HATCH * share), height=_fmt(HATCH), fill=HATCH_COLOUR[shade])
    _sub(svg, "rect", width=_fmt(WIDTH), height=_fmt(height), fill="#ffffff")
    for part in (header, figures, legend, notes):
        svg.append(part)
    ET.indent(svg, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode") + "\n"


def _header(picture: Picture) -> tuple[ET.Element, float]:
    """Red flags, title, subtitle and the view captions; returns them and where the figures
    start."""
    header = ET.Element("g", {"id": "header"})
    y = 16.0
    if picture.alerts:
        box = _sub(header, "g", id="red-flags")
        width = WIDTH - 2 * MARGIN
        lines = [line for alert in picture.alerts for line in _wrap(alert, width - 40, 13.5)]
        height = 30 + 17 * len(lines)
        _sub(
            box,
            "rect",
            x=_fmt(MARGIN - 8),
            y=_fmt(y),
            width=_fmt(width + 16),
            height=_fmt(height),
            rx="4",
            fill=ALERT_FILL,
            stroke=ALERT,
            stroke_width="2",
        )
        _text(box, MARGIN + 4, y + 20, "Warning", 13, weight="bold", fill=ALERT)
        ly = y + 20
        for line in lines:
            ly += 17
            _text(box, MARGIN + 4, ly, line, 12.5, weight="bold", fill=INK)
        y += height + 8
    y += 24
    _text(header, MARGIN, y, picture.title, 22, weight="bold")
    for line in _wrap(picture.subtitle, WIDTH - 2 * MARGIN, 12.5):
        y += 18
        _text(header, MARGIN, y, line, 12.5, fill=MUTED)
    y += 26
    for view in VIEWS:
        cx = origin(view, 0)[0] + VIEW_WIDTH * SCALE / 2
        _text(header, cx, y, VIEW_TITLES[view], 13, weight="bold", fill=MUTED, anchor="middle")
    return header, y + 4


def _region_path(
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
    el = _sub(
        parent,
        "path",
        id=region if shown else f"{region}-other-side",
        d=_path([[to_page(s.view, top, *p) for p in s.points] for s in shapes]),
        fill=fill,
        **style,
    )
    el.set(
        "class",
        f"region {shade.name}" + (" deep" if deep else "") + ("" if shown else " other-side"),
    )
    el.set("data-shade", shade.name)
    _sub(el, "title", picture.region_names[region])
    if shown:
        _sub(el, "desc", region_description(picture, region))
    else:
        _sub(el, "desc", f"The other side: the map is drawn for pain on the {picture.side} side.")


def _label_places(picture: Picture, top: float) -> dict[str, tuple[float, float, str]]:
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


def _figures(picture: Picture, top: float) -> ET.Element:
    """Both views: body, regions (shaded), outlines, reported regions and trigger points."""
    figures = ET.Element("g", {"id": "figures", "data-top": _fmt(top)})
    for view in VIEWS:
        _sub(
            figures,
            "path",
            id=f"body-{view}",
            d=_path([[to_page(view, top, *p) for p in BODY[view].points]]),
            fill=BODY_FILL,
            stroke="none",
        )
    for region, shapes in SHAPES.items():
        if region not in picture.region_names:
            continue
        shown = [s for s in shapes if picture.shows(s.side)]
        hidden = [s for s in shapes if not picture.shows(s.side)]
        if hidden:
            _region_path(figures, picture, region, hidden, top, shown=False)
        if shown:
            _region_path(figures, picture, region, shown, top, shown=True)
    for view in VIEWS:
        _sub(
            figures,
            "path",
            d=_path(
                ([to_page(view, top, *p) for p in line] for line in DETAILS[view]), closed=False
            ),
            fill="none",
            stroke="#8a919c",
            stroke_width="1",
            stroke_linecap="round",
        )
        _sub(
            figures,
            "path",
            d=_path(_body_outline(view, top), closed=False),
            fill="none",
            stroke=BODY_STROKE,
            stroke_width="1.7",
            stroke_linejoin="round",
            stroke_linecap="round",
        )
        for x, side in ((70.0, near_side(view)), (VIEW_WIDTH - 70.0, other(near_side(view)))):
            px, py = to_page(view, top, x, VIEW_HEIGHT)
            _text(figures, px, py + 10, side.capitalize(), 10.5, fill=MUTED, anchor="middle")
    outlines: dict[str, list[Shape]] = {}
    for view in VIEWS:
        for region in picture.outlined(view):
            outlines.setdefault(region, []).extend(
                s for s in SHAPES[region] if s.view == view and picture.shows(s.side)
            )
    for region, outlined in sorted(outlines.items()):
        el = _sub(
            figures,
            "path",
            id=f"reported-{region}",
            d=_path([[to_page(s.view, top, *p) for p in s.points] for s in outlined]),
            fill="none",
            stroke=REPORTED,
            stroke_width="2.6",
            stroke_dasharray="7 3.5",
            stroke_linejoin="round",
        )
        el.set("class", "reported")
        _sub(el, "title", f"Reported: {picture.region_names.get(region, region)}")
    labels = _label_places(picture, top)
    for m in picture.markers:
        g = _sub(figures, "g", id=f"tp-{m.id}")
        g.set("class", "trigger-point" + (" schematic" if m.schematic else ""))
        _sub(g, "title", f"Trigger point {m.number}: {m.name}" + _schematic_words(m))
        _sub(g, "desc", f"{m.location} {m.refers}")
        _marker(
            g,
            *to_page(m.view, top, m.x, m.y),
            m.number,
            schematic=m.schematic,
            label_at=labels[m.id],
        )
    return figures


def _schematic_words(m: PlacedMarker) -> str:
    return " (position schematic)" if m.schematic else ""


def _swatch(parent: ET.Element, x: float, y: float, **style: str) -> None:
    _sub(parent, "rect", x=_fmt(x), y=_fmt(y - 11), width="22", height="14", rx="2", **style)


LEGEND = (
    "Essential zone",
    "Spillover zone",
    "Reported pain",
    "Trigger point",
    "Position schematic",
    "Inside the body",
)


def legend_entries(picture: Picture) -> tuple[str, ...]:
    """The keys of `LEGEND` the picture draws: a key for nothing drawn is left out."""
    drawn = {
        "Essential zone": bool(picture.shaded(Shade.essential)),
        "Spillover zone": bool(picture.shaded(Shade.spillover)),
        "Reported pain": bool(picture.reported),
        "Trigger point": any(not m.schematic for m in picture.markers),
        "Position schematic": any(m.schematic for m in picture.markers),
        "Inside the body": any(
            r in DEEP and picture.shade(r) is not Shade.none for r in picture.region_names
        ),
    }
    return tuple(label for label in LEGEND if drawn[label])


def _legend(entries: tuple[str, ...], y: float) -> tuple[ET.Element, float]:
    """The key, three to a row (essential, spillover, reported; trigger point, schematic
    position, a region inside the body), of what the picture draws. Returns it and its
    bottom."""
    legend = ET.Element("g", {"id": "legend"})
    per_row = 3
    step = (WIDTH - 2 * MARGIN) / per_row
    if not entries:
        return legend, y - 12
    for i, label in enumerate(entries):
        x = MARGIN + (i % per_row) * step
        ly = y + (i // per_row) * 24
        g = _sub(legend, "g", id="legend-" + label.split()[0].lower())
        if label == "Essential zone":
            _swatch(g, x, ly, fill=ESSENTIAL, stroke=ESSENTIAL_STROKE)
        elif label == "Spillover zone":
            _swatch(g, x, ly, fill="url(#stipple)", stroke=SPILLOVER_STROKE)
        elif label == "Reported pain":
            _swatch(
                g, x, ly, fill="none", stroke=REPORTED, stroke_width="2.4", stroke_dasharray="5 2.5"
            )
        elif label == "Trigger point":
            _marker(g, x + 11, ly - 4, 0, 0.9)
        elif label == "Position schematic":
            _marker(g, x + 11, ly - 4, 0, 0.9, schematic=True)
        else:
            _swatch(
                g,
                x,
                ly,
                fill="url(#hatch-essential)",
                stroke=DEEP_STROKE,
                stroke_width="1.4",
                stroke_dasharray="4 2.5",
            )
        _text(g, x + 28, ly, label, 12.5)
    return legend, y + 24 * ((len(entries) - 1) // per_row) + 12


def _notes(picture: Picture, y: float) -> tuple[ET.Element, float]:
    """The trigger points, zones, reported regions, sources and disclaimer, as text."""
    notes = ET.Element("g", {"id": "notes"})
    width = WIDTH - 2 * MARGIN
    if picture.markers:
        _text(notes, MARGIN, y, "Trigger points", 13, weight="bold")
        for m in picture.markers:
            where = " (position schematic)" if m.schematic else ""
            entry = f"{m.name}{where}: {m.location} {m.refers}"
            for i, line in enumerate(_wrap(entry, width - 34, 11.5)):
                y += 16
                if i == 0:
                    _marker(notes, MARGIN + 8, y - 4, 0, 0.75, schematic=m.schematic)
                    _text(notes, MARGIN + 18, y, str(m.number), 11.5, weight="bold")
                _text(notes, MARGIN + 34, y, line, 11.5)
    lines = []
    if picture.muscle is not None:
        for shade, label in ((Shade.essential, "Essential"), (Shade.spillover, "Spillover")):
            names = picture.shaded(shade)
            lines.append(f"{label} zones: {', '.join(names) if names else 'none'}.")
    if picture.reported:
        names = [picture.region_names.get(r, r) for r in sorted(picture.reported)]
        lines.append(f"Reported: {', '.join(names)}.")
    lines += picture.notes
    if picture.sources:
        lines.append("Source: " + "; ".join(picture.sources) + ".")
    y += 8
    for entry in lines:
        for line in _wrap(entry, width, 11.5):
            y += 16
            _text(notes, MARGIN, y, line, 11.5)
    y += 8
    for line in _wrap(picture.disclaimer, width, 10.5):
        y += 14
        _text(notes, MARGIN, y, line, 10.5, fill=MUTED, style="italic")
    return notes, y


def _summary(picture: Picture) -> str:
    """The whole picture in one paragraph, for a screen reader."""
    parts = [*picture.alerts, picture.subtitle]
    for shade in (Shade.essential, Shade.spillover):
        if names := picture.shaded(shade):
            parts.append(f"{SHADE_WORDS[shade].capitalize()}s: {', '.join(names)}.")
    if picture.markers:
        parts.append(
            "Trigger points: "
            + "; ".join(f"{m.number} {m.name}{_schematic_words(m)}" for m in picture.markers)
            + "."
        )
    if picture.reported:
        parts.append(
            "Reported: "
            + ", ".join(picture.region_names.get(r, r) for r in sorted(picture.reported))
            + "."
        )
    return " ".join(parts)
