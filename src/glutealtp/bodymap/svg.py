"""The body map as a standalone SVG document: any red flag first, in a red box; the title;
the two views (`figures`); the key of what the picture draws; the trigger points, the
zones, the muscle and the sources, as text. Built with ElementTree, so every piece of text
from the data is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from glutealtp.bodymap.figures import (
    ALERT,
    ALERT_FILL,
    DEEP_STROKE,
    ESSENTIAL,
    ESSENTIAL_STROKE,
    HATCH,
    HATCH_COLOUR,
    HATCH_SHARE,
    INK,
    MARGIN,
    MUTED,
    REPORTED,
    SCALE,
    SHADE_WORDS,
    SPILLOVER_BASE,
    SPILLOVER_STROKE,
    WIDTH,
    figures,
    fmt,
    marker,
    origin,
    schematic_words,
    sub,
    swatch,
    text,
    wrap,
)
from glutealtp.bodymap.geometry import DEEP, VIEW_HEIGHT, VIEW_TITLES, VIEW_WIDTH, VIEWS
from glutealtp.bodymap.picture import Picture, Shade
from glutealtp.ranking.notices import RED_FLAG, URGENT


def render_svg(picture: Picture, figures_only: bool = False) -> str:
    """The picture as an SVG document (UTF-8 text); with `figures_only`, the two views alone
    (a page around it, such as the handout, gives the key and the notes in its own text)."""
    header, top = _header(picture) if not figures_only else (ET.Element("g"), 16.0)
    views = figures(picture, top)
    if figures_only:
        legend, notes = ET.Element("g"), ET.Element("g")
        y = top + VIEW_HEIGHT * SCALE + 20
    else:
        deep_shaded = any(picture.shade(r) is not Shade.none for r in DEEP)
        legend, y = _legend(legend_entries(picture), top + VIEW_HEIGHT * SCALE + 40, deep_shaded)
        notes, y = _notes(picture, y + 12)
    height = y + 22

    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "version": "1.1",
            "width": fmt(WIDTH),
            "height": fmt(height),
            "viewBox": f"0 0 {fmt(WIDTH)} {fmt(height)}",
            "role": "img",
            "aria-labelledby": "svg-title svg-desc",
        },
    )
    sub(svg, "title", f"{picture.title}: {picture.subtitle}", id="svg-title")
    sub(svg, "desc", _summary(picture), id="svg-desc")
    pattern = sub(
        sub(svg, "defs"),
        "pattern",
        id="stipple",
        width="4.5",
        height="4.5",
        patternUnits="userSpaceOnUse",
    )
    sub(pattern, "rect", width="4.5", height="4.5", fill=SPILLOVER_BASE)
    sub(pattern, "circle", cx="2.25", cy="2.25", r="1.05", fill=ESSENTIAL)
    defs = svg.find("defs")
    assert defs is not None
    for shade, share in HATCH_SHARE.items():
        hatch = sub(
            defs,
            "pattern",
            id=f"hatch-{shade.name}",
            width=fmt(HATCH),
            height=fmt(HATCH),
            patternUnits="userSpaceOnUse",
            patternTransform="rotate(45)",
        )
        sub(hatch, "rect", width=fmt(HATCH * share), height=fmt(HATCH), fill=HATCH_COLOUR[shade])
    sub(svg, "rect", width=fmt(WIDTH), height=fmt(height), fill="#ffffff")
    for part in (header, views, legend, notes):
        svg.append(part)
    ET.indent(svg, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode") + "\n"


def _header(picture: Picture) -> tuple[ET.Element, float]:
    """Red flags, title, subtitle and the view captions; returns them and where the figures
    start."""
    header = ET.Element("g", {"id": "header"})
    y = 16.0
    if picture.alerts:
        box = sub(header, "g", id="red-flags")
        width = WIDTH - 2 * MARGIN
        lines = [
            line
            for alert in picture.alerts
            for line in wrap(alert.removeprefix(RED_FLAG), width - 40, 13.5)
        ]
        height = 30 + 17 * len(lines)
        sub(
            box,
            "rect",
            x=fmt(MARGIN - 8),
            y=fmt(y),
            width=fmt(width + 16),
            height=fmt(height),
            rx="4",
            fill=ALERT_FILL,
            stroke=ALERT,
            stroke_width="2",
        )
        text(box, MARGIN + 4, y + 20, URGENT, 13, weight="bold", fill=ALERT)
        ly = y + 20
        for line in lines:
            ly += 17
            text(box, MARGIN + 4, ly, line, 12.5, weight="bold", fill=INK)
        y += height + 8
    y += 24
    for i, line in enumerate(wrap(picture.title, WIDTH - 2 * MARGIN, 24)):
        y += 26 if i else 0
        text(header, MARGIN, y, line, 22, weight="bold")
    for line in wrap(picture.subtitle, WIDTH - 2 * MARGIN, 12.5):
        y += 18
        text(header, MARGIN, y, line, 12.5, fill=MUTED)
    y += 26
    for view in VIEWS:
        cx = origin(view, 0)[0] + VIEW_WIDTH * SCALE / 2
        text(header, cx, y, VIEW_TITLES[view], 13, weight="bold", fill=MUTED, anchor="middle")
    return header, y + 4


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
        "Inside the body": any(r in DEEP for r in picture.region_names),
    }
    return tuple(label for label in LEGEND if drawn[label])


def _legend(
    entries: tuple[str, ...], y: float, deep_shaded: bool = True
) -> tuple[ET.Element, float]:
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
        g = sub(legend, "g", id="legend-" + label.split()[0].lower())
        if label == "Essential zone":
            swatch(g, x, ly, fill=ESSENTIAL, stroke=ESSENTIAL_STROKE)
        elif label == "Spillover zone":
            swatch(g, x, ly, fill="url(#stipple)", stroke=SPILLOVER_STROKE)
        elif label == "Reported pain":
            swatch(
                g, x, ly, fill="none", stroke=REPORTED, stroke_width="2.4", stroke_dasharray="5 2.5"
            )
        elif label == "Trigger point":
            marker(g, x + 11, ly - 4, 0, 0.9)
        elif label == "Position schematic":
            marker(g, x + 11, ly - 4, 0, 0.9, schematic=True)
        else:
            swatch(
                g,
                x,
                ly,
                fill="url(#hatch-essential)" if deep_shaded else "none",
                stroke=DEEP_STROKE,
                stroke_width="1.4",
                stroke_dasharray="4 2.5",
            )
        text(g, x + 28, ly, label, 12.5)
    return legend, y + 24 * ((len(entries) - 1) // per_row) + 12


def _notes(picture: Picture, y: float) -> tuple[ET.Element, float]:
    """The trigger points, zones, reported regions, sources and disclaimer, as text."""
    notes = ET.Element("g", {"id": "notes"})
    width = WIDTH - 2 * MARGIN
    if picture.markers:
        text(notes, MARGIN, y, "Trigger points", 13, weight="bold")
        for m in picture.markers:
            where = " (position schematic)" if m.schematic else ""
            entry = f"{m.name}{where}: {m.location} {m.refers}"
            for i, line in enumerate(wrap(entry, width - 34, 11.5)):
                y += 16
                if i == 0:
                    marker(notes, MARGIN + 8, y - 4, 0, 0.75, schematic=m.schematic)
                    text(notes, MARGIN + 18, y, str(m.number), 11.5, weight="bold")
                text(notes, MARGIN + 34, y, line, 11.5)
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
        for line in wrap(entry, width, 11.5):
            y += 16
            text(notes, MARGIN, y, line, 11.5)
    y += 8
    for line in wrap(picture.disclaimer, width, 10.5):
        y += 14
        text(notes, MARGIN, y, line, 10.5, fill=MUTED, style="italic")
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
            + "; ".join(f"{m.number} {m.name}{schematic_words(m)}" for m in picture.markers)
            + "."
        )
    if picture.reported:
        parts.append(
            "Reported: "
            + ", ".join(picture.region_names.get(r, r) for r in sorted(picture.reported))
            + "."
        )
    return " ".join(parts)
