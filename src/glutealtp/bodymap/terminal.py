"""The body map in a terminal: back and front views, a legend, the trigger points.

Colour only repeats what the characters already say, so the map reads the same with
NO_COLOR or through a pipe. Every piece of data becomes a rich `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from glutealtp.bodymap.geometry import VIEW_TITLES, VIEWS
from glutealtp.bodymap.picture import Picture, Shade
from glutealtp.bodymap.raster import COLS, FILL, MARKER, Cell, draw
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
    "reported": "bold bright_blue",
    "marker": "bold reverse",
    "label": "bold cyan",
}
ASCII = str.maketrans(
    {
        "█": "#",
        "░": ":",
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
    text = Text()
    for ch, style in cells:
        text.append(ch, STYLES.get(style, ""))
    return text


def _names(picture: Picture, regions: Iterable[str]) -> str:
    return ", ".join(picture.region_names.get(r, r) for r in regions)


def legend() -> Text:
    """The key to the characters, drawn in the same styles as the map."""
    text = Text()
    parts: list[tuple[str, str, str]] = [
        (FILL[Shade.essential], "essential", "essential zone"),
        (FILL[Shade.spillover], "spillover", "spillover zone"),
        (FILL[Shade.none], "none", "other"),
        (MARKER + "1", "marker", "trigger point"),
        ("╔╗", "reported", "reported"),
    ]
    for i, (sample, style, label) in enumerate(parts):
        if i:
            text.append("  ")
        text.append(sample, STYLES[style])
        text.append(" " + label)
    return text


def _numbered_list(picture: Picture) -> RenderableType:
    """The region names by number, in two columns that wrap long names."""
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
        line.append(f"{MARKER}{m.number}", STYLES["marker"])
        line.append(
            f" {clean(m.name)} ({VIEW_TITLES[m.view].lower()}): {clean(m.location)}"
            f" {clean(m.refers)}"
        )
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
    """The picture as rich renderables: title, views (side by side if they fit), legend."""
    views = {view: draw(picture, view, numbers=numbers) for view in VIEWS}
    parts: list[RenderableType] = [Text(clean(picture.title), style="bold")]
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
    else:
        for view in VIEWS:
            parts.append(Text(VIEW_TITLES[view].center(COLS), style="bold"))
            parts += [_line(row) for row in views[view]]
    if not numbers:
        parts.append(legend())
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
        ("█░·│═╔" + MARKER).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        with console.capture() as capture:
            console.print(item, soft_wrap=False)
        console.file.write(capture.get().translate(ASCII))
        return
    console.print(item, overflow="fold")
