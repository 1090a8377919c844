"""A document laid out for a person: lines no wider than the screen, words kept whole.

One layout for every screen, terminal or pipe: `lay_out` turns a document's blocks into
lines of styled spans; the terminal renderer colours them, the plain one prints their text.
Nothing here imports rich, so a pipe costs no more than Python.

Words are never split: a line breaks at spaces, and a word wider than the whole line (a
long web address) at `/`, `-` or `_`, as a last resort anywhere. A table that is too wide
first folds its foldable columns under each row (`Table.fold`, in that order), then the
rightmost remaining columns, until the rest fit; every column is at least as wide as its
longest word, and a wrapped column at least `READABLE` wide (or its natural width).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from typing import TextIO

from glutealtp.output.document import Alert, Block, Document, Paragraph, Span, Style, Table
from glutealtp.text import clean

Line = tuple[Span, ...]
GAP = 2
"""Spaces between table columns."""
READABLE = 48
"""A column that wraps is at least this wide, or the table folds."""
FOLD_INDENT = 4
"""How far a folded cell is indented under its row."""
MIN_WIDTH = 20
"""The narrowest screen laid out; a narrower width is taken as unknown (80)."""
DEFAULT_WIDTH = 80
_BREAKS = re.compile(r"(?<=[/\-_?&])")
_SPACES = re.compile(r"[ \t]+")
KEEP = "\u00a0"
"""Joins the words of a phrase kept on one line; printed as a space."""


def screen_width(stream: TextIO | None = None) -> int:
    """$COLUMNS when it is a number from `MIN_WIDTH` up, else the terminal's width (when it
    is that wide), else 80: a width of 0 (`COLUMNS=0`, a terminal that reports none) is
    taken as unknown."""
    text = os.environ.get("COLUMNS", "").strip()
    if text.isascii() and text.isdigit() and MIN_WIDTH <= int(text) < 10_000:
        return int(text)
    if stream is not None:
        try:
            if stream.isatty():
                columns = os.get_terminal_size(stream.fileno()).columns
                if columns >= MIN_WIDTH:
                    return columns
        except (AttributeError, ValueError, OSError):
            pass
    return DEFAULT_WIDTH


def text_of(line: Line) -> str:
    return "".join(span.text for span in line).replace(KEEP, " ").rstrip()


@functools.cache
def _whole(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases of more than one word, lower-cased, longest first."""
    return tuple(sorted({p.lower() for p in phrases if " " in p}, key=lambda p: (-len(p), p)))


def keep_whole(doc: Document, text: str) -> str:
    """`text` with the document's whole phrases (in any case) joined by `KEEP`, so no line
    breaks them; a longer phrase first. Found with `str.find`: a regex of every muscle's
    name costs a cold command half a millisecond to compile."""
    names = _whole(doc.whole)
    if not names or " " not in text:
        return text
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): the regex's way
        pattern = re.compile("|".join(map(re.escape, names)), flags=re.IGNORECASE)
        return pattern.sub(lambda m: m.group().replace(" ", KEEP), text)
    for name in names:
        at = low.find(name)
        while at >= 0:
            end = at + len(name)
            text = text[:at] + text[at:end].replace(" ", KEEP) + text[end:]
            low = low[:at] + name.replace(" ", KEEP) + low[end:]
            at = low.find(name, end)
    return text


def _pieces(word: str, width: int) -> list[str]:
    """A word no line can hold, cut after `/`, `-` or `_` where possible, else anywhere."""
    out: list[str] = []
    current = ""
    for part in _BREAKS.split(word):
        while len(part) > width:
            if current:
                out.append(current)
                current = ""
            out.append(part[:width])
            part = part[width:]
        if len(current) + len(part) > width:
            out.append(current)
            current = ""
        current += part
    if current:
        out.append(current)
    return out


def wrap(spans: Sequence[Span], width: int, first: int | None = None) -> list[Line]:
    """Styled text in lines of at most `width` (the first `first`), broken at spaces (and at
    newlines)."""
    width = max(width, 1)
    if len(spans) == 1:  # one piece of text that fits as it is: the common case, quickly
        text = clean(spans[0].text, lines=True)
        if 0 < len(text) <= (width if first is None else max(first, 1)) and _as_is(text):
            return [(Span(text, spans[0].style),)]
    lines: list[list[Span]] = [[]]
    used = 0

    def room() -> int:
        return max(first, 1) if first is not None and len(lines) == 1 else width

    for span in spans:
        for n, chunk in enumerate(clean(span.text, lines=True).split("\n")):
            if n:
                lines.append([])
                used = 0
            for word in (w for w in _SPACES.split(chunk) if w):
                limit = width if used else room()  # a word that moves on starts a new line
                for piece in [word] if len(word) <= limit else _pieces(word, limit):
                    need = len(piece) + (1 if used else 0)
                    if used and used + need > room():
                        lines.append([])
                        used, need = 0, len(piece)
                    text = (" " if used else "") + piece
                    last = lines[-1][-1] if lines[-1] else None
                    if last is not None and last.style == span.style:
                        lines[-1][-1] = Span(last.text + text, span.style)
                    else:
                        lines[-1].append(Span(text, span.style))
                    used += need
    return [tuple(line) for line in lines]


def _as_is(text: str) -> bool:
    """Whether wrapping leaves the text as it is on one line: single spaces between words,
    none at either end, no newline."""
    return text[0] != " " != text[-1] and "  " not in text and "\n" not in text


def _longest_word(text: str) -> int:
    return max((len(w) for w in _SPACES.split(text.replace("\n", " "))), default=0)


def _natural(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


def _widths(table: Table, shown: Sequence[int], width: int) -> list[int] | None:
    """Column widths that fit `width`, or None when the shown columns cannot."""
    cells = [
        [clean(table.columns[i]), *(clean(row[i], lines=True) for row in table.rows)] for i in shown
    ]
    natural = [max(_natural(c) for c in col) for col in cells]
    least = [max(len(col[0]), *(_longest_word(c) for c in col[1:])) for col in cells]
    gaps = GAP * (len(shown) - 1)
    if sum(natural) + gaps <= width:
        return natural
    need = [
        lo if nat == lo else max(lo, min(nat, READABLE))
        for lo, nat in zip(least, natural, strict=True)
    ]
    if len(shown) > 1 and sum(need) + gaps > width:
        return None
    spare = width - gaps - sum(need)
    slack = [nat - n for nat, n in zip(natural, need, strict=True)]
    total = sum(slack) or 1
    out = [n + spare * s // total for n, s in zip(need, slack, strict=True)]
    out[-1] += width - gaps - sum(out)  # what integer division left over
    return out if len(shown) > 1 else [width]


def _layout_columns(table: Table, width: int) -> tuple[list[int], list[int], list[int]]:
    """(shown columns, their widths, folded columns): fold in `table.fold` order, then from
    the right, until the shown ones fit."""
    kept = [i for i, _ in enumerate(table.columns) if any(row[i].strip() for row in table.rows)]
    kept = kept or list(range(len(table.columns)))
    order = [table.columns.index(c) for c in table.fold if c in table.columns]
    order = [i for i in order if i in kept]
    order += [i for i in reversed(kept[1:]) if i not in order]
    folded: list[int] = []
    while True:
        shown = [i for i in kept if i not in folded]
        widths = _widths(table, shown, width)
        if widths is not None:
            return shown, widths, [i for i in kept if i in folded]
        folded.append(order[len(folded)])


def empty_line(table: Table) -> str:
    """What a table with no rows says: its `empty`, else "No ... recorded." from its title
    (a count in brackets dropped: "Symptoms (0)" says "No symptoms recorded.")."""
    if table.empty:
        return table.empty
    title = re.sub(r"\s*\(\d[\d,]*\)$", "", table.title or "").strip()
    return f"No {_lower(title)} recorded." if title else "Nothing recorded."


def _lower(title: str) -> str:
    """A title inside a sentence: "Trigger points" -> "trigger points", "SI joint" kept."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def table_lines(table: Table, width: int) -> list[Line]:
    """A table as lines: a bold header, then each row, its folded cells indented under it;
    a table with no rows, one plain line (`empty_line`)."""
    if not table.rows:
        return wrap([Span(empty_line(table))], width)
    shown, widths, folded = _layout_columns(table, width)
    out: list[Line] = []
    if table.title:
        out += wrap([Span(table.title, "heading")], width)
    out.append(_row([table.columns[i] for i in shown], widths, ["heading"] * len(shown))[0])
    beside = widths[0] + GAP if len(shown) > 1 else 0
    indent = beside if 0 < beside <= 2 * FOLD_INDENT else min(FOLD_INDENT, width // 4)
    for n, row in enumerate(table.rows):
        style: Style = table.styles[n] if n < len(table.styles) else "plain"
        lines = _row([row[i] for i in shown], widths, [style] * len(shown))
        for i in folded:
            cell = row[i].strip()
            if not cell:
                continue
            label = "" if table.columns[i] in table.bare else f"{table.columns[i]}: "
            for part in cell.split("\n"):
                wrapped = wrap([Span(label + part, style)], width - indent)
                lines += [(Span(" " * indent), *line) for line in wrapped]
        out += lines
    return out


def _row(cells: Sequence[str], widths: Sequence[int], styles: Sequence[Style]) -> list[Line]:
    """One table row: each cell wrapped in its column, the cells side by side."""
    columns = []
    for cell, w, style in zip(cells, widths, styles, strict=True):
        columns.append([line for part in cell.split("\n") for line in wrap([Span(part, style)], w)])
    height = max(len(c) for c in columns)
    lines: list[Line] = []
    for y in range(height):
        spans: list[Span] = []
        for x, (col, w) in enumerate(zip(columns, widths, strict=True)):
            line = col[y] if y < len(col) else ()
            spans += line
            pad = w - sum(len(s.text) for s in line)
            if x < len(columns) - 1:
                spans.append(Span(" " * (pad + GAP)))
        lines.append(tuple(spans))
    return lines


def alert_lines(alert: Alert, width: int) -> list[Line]:
    """A boxed warning, as wide as the screen: the title in the top border."""
    inner = width - 4
    title = f" {alert.title} "[: width - 4]
    top = "┌─" + title + "─" * (width - 3 - len(title)) + "┐"
    out: list[Line] = [(Span(top, "alert-border"),)]
    for text in alert.lines:
        for line in wrap([Span(text, "alert")], inner):
            pad = inner - sum(len(s.text) for s in line)
            out.append((Span("│ ", "alert-border"), *line, Span(" " * pad + " │", "alert-border")))
    out.append((Span("└" + "─" * (width - 2) + "┘", "alert-border"),))
    return out


def block_lines(block: Block, width: int) -> list[Line]:
    if isinstance(block, Alert):
        return alert_lines(block, width)
    if isinstance(block, Table):
        return table_lines(block, width)
    if not block.spans:
        return [()]
    inner = width - block.indent
    wrapped = wrap(block.spans, inner - block.hang, first=inner)
    out: list[Line] = []
    for n, line in enumerate(wrapped):
        pad = block.indent + (block.hang if n else 0)
        out.append((Span(" " * pad), *line) if pad and line else line)
    return out


def default_screen(doc: Document) -> tuple[Block, ...]:
    """The blocks of a document that declares none: warnings, title, tables, notes."""
    blocks: list[Block] = [Alert("Warning", (w,)) for w in doc.warnings]
    if doc.title:
        blocks.append(Paragraph((Span(doc.title, "heading"),)))
    for table in doc.tables:
        blocks.append(table)
    blocks += [Paragraph((Span(n),)) for n in doc.notes]
    return tuple(blocks)


def _kept(doc: Document, block: Block) -> Block:
    if isinstance(block, Paragraph):
        return block._replace(
            spans=tuple(s._replace(text=keep_whole(doc, s.text)) for s in block.spans)
        )
    if isinstance(block, Alert):
        return block
    rows = tuple(tuple(keep_whole(doc, c) for c in row) for row in block.rows)
    return block._replace(rows=rows)


def lay_out(doc: Document, width: int) -> list[Line]:
    """Every line a person sees, blocks separated by a blank line, the disclaimer last."""
    blocks: Iterable[Block] = doc.screen or default_screen(doc)
    if doc.whole:
        blocks = [_kept(doc, b) for b in blocks]
    out: list[Line] = []
    for block in blocks:
        lines = block_lines(block, width)
        if out and not (isinstance(block, Paragraph) and block.joined):
            out.append(())
        out += lines
    if out:
        out.append(())
    out += wrap([Span(doc.disclaimer, "disclaimer")], width)
    return out
