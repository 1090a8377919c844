"""The body map in a terminal: any red flag first, back and front views with the person's
left and right marked, a legend, the trigger points.

Colour only repeats what the characters already say, so the map reads the same with
NO_COLOR or through a pipe. Every piece of data becomes a rich `Text`, never markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import itemgetter

from rich.console import Console, Group, RenderableType
from rich.text import Text

from glutealtp.bodymap.geometry import DEEP, VIEW_TITLES, VIEW_WIDTH, VIEWS, View, near_side, other
from glutealtp.bodymap.picture import Picture, Shade
from glutealtp.bodymap.raster import (
    COLS,
    DEEP_FILL,
    FILL,
    MARKER,
    SCHEMATIC_MARKER,
    Cell,
    cell_of,
    draw,
)
from glutealtp.ranking.notices import RED_FLAG, URGENT
from glutealtp.text import clean

GAP = 4
"""Columns between the back and the front view."""
WIDE = 2 * COLS + GAP

STYLES: dict[str, str] = {
    "background": "",
    "body": "",
    "edge": "grey50",
    "none": "grey58",
    "spillover": "light_coral",
    "essential": "red3",
    "deep-spillover": "light_coral",
    "deep-essential": "red3",
    "reported": "bold bright_blue",
    "marker": "bold reverse",
    "label": "bold cyan",
}
_SGR = re.compile(r"(\x1b\[[0-9;]*m)")


def _without_end_spaces(line: str) -> str:
    """A line without the spaces it ends in (rich pads some, coloured or not); its colour
    codes stay."""
    body = line.rstrip("\n")
    parts = _SGR.split(body)  # text, code, text, ..., text
    for i in range(len(parts) - 1, -1, -2):
        parts[i] = parts[i].rstrip(" \t")
        if parts[i]:
            break
    return "".join(parts) + line[len(body) :]


ASCII = str.maketrans(
    {
        "█": "#",
        "░": ":",
        "▓": "@",
        "▒": "%",
        "·": ".",
        MARKER: "x",
        "│": "|",
        "─": "-",
        "╭": ".",
        "╮": ".",
        "╰": "'",
        "╯": "'",
        "║": "H",
        "═": "=",
        "╔": "+",
        "╗": "+",
        "╚": "+",
        "╝": "+",
        "╠": "+",
        "╣": "+",
        "╦": "+",
        "╩": "+",
        "╬": "+",
        "▫": "+",
        "├": "|",
        "┤": "|",
        "┬": "-",
        "┴": "-",
        "┼": "+",
    }
)


def _line(cells: Sequence[Cell]) -> Text:
    """A row of cells as one text, a span per run of one style (rich renders spans, not
    characters: a run is much cheaper than its cells one by one)."""
    text = Text()
    for style, run in groupby(cells, key=itemgetter(1)):
        text.append("".join(ch for ch, _ in run), STYLES.get(style, ""))
    return text


def _names(picture: Picture, regions: Iterable[str]) -> str:
    return ", ".join(picture.region_names.get(r, r) for r in regions)


def legend(picture: Picture | None = None) -> Text:
    """The key to the characters, drawn in the same styles as the map; with a picture, only
    the keys for what it draws."""
    text = Text()
    parts: list[tuple[str, str, str]] = []
    if picture is None or picture.shaded(Shade.essential):
        parts.append((FILL[Shade.essential], "essential", "essential zone"))
    if picture is None or picture.shaded(Shade.spillover):
        parts.append((FILL[Shade.spillover], "spillover", "spillover zone"))
    if picture is None or any(not m.schematic for m in picture.markers):
        parts.append((MARKER + "1", "marker", "trigger point"))
    if picture is None or any(m.schematic for m in picture.markers):
        parts.append((SCHEMATIC_MARKER + "1", "marker", "position schematic"))
    if picture is None or any(picture.shade(r) is not Shade.none for r in DEEP):
        parts.append(
            (
                DEEP_FILL[Shade.essential] + DEEP_FILL[Shade.spillover],
                "deep-essential",
                "inside the body",
            )
        )
    if picture is None or picture.reported:
        parts.append(("╔╗", "reported", "reported"))
    width = 0
    for i, (sample, style, label) in enumerate(parts):
        if i:
            gap = "  " if width + 3 + len(sample) + len(label) <= WIDE else "\n"
            text.append(gap)
            width = 0 if gap == "\n" else width + 2
        text.append(sample, STYLES[style])
        text.append(" " + label)
        width += len(sample) + 1 + len(label)
    return text


def _sides(view: View) -> Text:
    """The person's left and right under a view, each below its own leg."""
    line = [" "] * COLS
    for x, side in ((70.0, near_side(view)), (VIEW_WIDTH - 70.0, other(near_side(view)))):
        word = side.capitalize()
        c, _ = cell_of(x, 0)
        start = max(0, min(COLS - len(word), c - len(word) // 2))
        line[start : start + len(word)] = word
    return Text("".join(line), style="dim")


def _alerts(picture: Picture) -> list[RenderableType]:
    """Each red flag, in the box (title and style) the ranking itself uses."""
    if not picture.alerts:
        return []
    from rich.panel import Panel  # imported when drawn: most maps have no red flag

    return [
        Panel(
            Text(clean(alert.removeprefix(RED_FLAG)), style="bold"),
            border_style="bold red",
            title=URGENT,
            title_align="left",
        )
        for alert in picture.alerts
    ]


def _numbered_list(picture: Picture) -> RenderableType:
    """The region names by number, in two columns that wrap long names."""
    from rich.table import Table  # imported when drawn: only a numbered map has the list

    entries = list(picture.numbers.items())
    half = (len(entries) + 1) // 2
    table = Table.grid(padding=(0, 1))
    for _ in range(2):
        table.add_column(justify="right", style=STYLES["label"], no_wrap=True)
        table.add_column(max_width=WIDE // 2 - 4)
    for i in range(half):
        cells: list[Text] = []
        for region, number in entries[i : i + 1] + entries[i + half : i + half + 1]:
            cells += [Text(str(number)), Text(clean(picture.region_names[region]))]
        table.add_row(*cells)
    return table


def _details(picture: Picture, numbers: bool) -> list[RenderableType]:
    lines: list[RenderableType] = []
    if numbers:
        return [_numbered_list(picture)]
    for m in picture.markers:
        line = Text()
        line.append(f"{SCHEMATIC_MARKER if m.schematic else MARKER}{m.number}", STYLES["marker"])
        where = VIEW_TITLES[m.view].lower() + (", position schematic" if m.schematic else "")
        line.append(f" {clean(m.name)} ({where}): {clean(m.location)} {clean(m.refers)}")
        lines.append(line)
    if picture.muscle is not None:
        for shade, label in ((Shade.essential, "Essential"), (Shade.spillover, "Spillover")):
            line = Text()
            line.append(FILL[shade], STYLES[shade.name])
            line.append(f" {label}: {clean(', '.join(picture.shaded(shade))) or 'none'}")
            lines.append(line)
    if picture.reported:
        line = Text()
        line.append("═", STYLES["reported"])
        line.append(" Reported: " + clean(_names(picture, sorted(picture.reported))))
        lines.append(line)
    lines += [Text(clean(note)) for note in picture.notes]
    if picture.sources:
        lines.append(Text("Source: " + clean("; ".join(picture.sources)), style="dim"))
    return lines


def renderable(picture: Picture, *, width: int = 80, numbers: bool = False) -> RenderableType:
    """The picture as rich renderables: red flags, title, views (side by side if they fit)
    with the person's left and right under them, legend, details."""
    views = {view: draw(picture, view, numbers=numbers) for view in VIEWS}
    parts: list[RenderableType] = [*_alerts(picture), Text(clean(picture.title), style="bold")]
    if picture.subtitle:
        parts.append(Text(clean(picture.subtitle)))
    if width >= WIDE:
        caption = Text()
        for i, view in enumerate(VIEWS):
            caption.append((" " * GAP if i else "") + VIEW_TITLES[view].center(COLS), "bold")
        parts.append(caption)
        rows = zip(*(views[v] for v in VIEWS), strict=True)
        for left, right in rows:
            line = _line(left)
            line.append(" " * GAP)
            line.append_text(_line(right))
            line.rstrip()
            parts.append(line)
        sides = _sides(VIEWS[0])
        sides.append(" " * GAP)
        sides.append_text(_sides(VIEWS[1]))
        sides.rstrip()
        parts.append(sides)
    else:
        for view in VIEWS:
            parts.append(Text(VIEW_TITLES[view].center(COLS), style="bold"))
            parts += [_line(row) for row in views[view]]
            under = _sides(view)
            under.rstrip()
            parts.append(under)
    if not numbers:
        parts.append(legend(picture))
    parts += _details(picture, numbers)
    return Group(*parts)


def print_map(
    console: Console, picture: Picture, *, numbers: bool = False, disclaimer: bool = False
) -> None:
    """Print the picture on a console, in plain ASCII if the output cannot take Unicode.

    The disclaimer is left to the caller when the map follows a document that has one.
    """
    item: RenderableType = renderable(picture, width=console.width, numbers=numbers)
    if disclaimer:
        item = Group(item, Text(clean(picture.disclaimer), style="dim italic"))
    encoding = (getattr(console.file, "encoding", None) or "utf-8").lower()
    try:
        ("█░▓▒│═╔╭" + MARKER).encode(encoding)
        plain = False
    except (UnicodeEncodeError, LookupError):
        plain = True
    with console.capture() as capture:
        if plain:
            console.print(item, soft_wrap=False)
        else:
            console.print(item, overflow="fold")
    text = "".join(map(_without_end_spaces, capture.get().splitlines(keepends=True)))
    console.file.write(text.translate(ASCII) if plain else text)
