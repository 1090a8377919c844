"""The options and arguments of the everyday commands, declared once.

The typer app (`app`) declares each command's parameters from these, and the typer-free
quick path (`quick`) parses the same words with them; a test holds the table equal to the
typer commands' parameters. No typer here: the quick path imports this.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from glutealtp.commands import DATA_ENV

SIDES = ("left", "right")
"""The values of `--side`: the person's left or right."""

Value = Literal["text", "count", "flag", "format", "stream-format", "side"]
"""How a parameter's value reads: any text, a whole number, present or not, an output format,
a streaming format (`batch`'s jsonl or csv), a side of the body."""
STREAM_FORMATS = ("jsonl", "csv")
"""The values of `batch --format`: it streams, so it offers the streaming formats."""


class Param(NamedTuple):
    """One option (with `flags`) or argument (without) of a command."""

    name: str
    """The command function's parameter."""
    flags: tuple[str, ...]
    help: str
    value: Value = "text"
    repeat: bool = False
    metavar: str | None = None
    minimum: int | None = None
    quick: bool = True
    """Whether the quick path takes it; one that writes files defers to typer."""
    optional: bool = False
    """An argument that may be left out (its value is then None)."""


REGION = Param(
    "region",
    ("--region", "-r"),
    "Where it hurts (repeatable): buttock, hip, ...; `glutealtp regions` lists them.",
    repeat=True,
)
SYMPTOM = Param(
    "symptom",
    ("--symptom", "-s"),
    "How it behaves (repeatable): sitting, walking, ...; `glutealtp symptoms` lists them.",
    repeat=True,
)
ABSENT = Param(
    "absent",
    ("--absent", "-a"),
    "A region or symptom the person does NOT have (repeatable): counts against the muscles "
    "that usually give it.",
    repeat=True,
)
PRESSED = Param(
    "pressed",
    ("--pressed",),
    "A trigger point pressed, and what it brought on (repeatable): POINT=familiar (the pain "
    "you know), POINT=tender (tender only) or POINT=none; `glutealtp show MUSCLE` lists the "
    "points.",
    repeat=True,
)
TOP = Param("top", ("--top", "-n"), "Show only the best N.", "count", minimum=1)
EXPLAIN = Param("explain", ("--explain",), "Show the arithmetic behind every score.", "flag")
FORMAT = Param("fmt", ("--format", "-f"), "Output format.", "format")
DATA = Param(
    "data",
    ("--data",),
    f"Use this dataset instead of the bundled one (also ${DATA_ENV}).",
    metavar="PATH",
    quick=False,
)
MAP = Param(
    "show_map",
    ("--map",),
    "Also draw the body map (back and front views) in the terminal.",
    "flag",
)
SVG = Param(
    "svg",
    ("--svg",),
    "Also write that map to FILE (.svg, or .png with the png extra).",
    metavar="FILE",
    quick=False,
)
SIDE = Param(
    "side",
    ("--side",),
    "The side the pain is on: left or right (the person's). Maps are drawn on that side "
    "only; which records it in the query.",
    "side",
)
WRITE = Param(
    "output",
    ("--output", "-o"),
    "Also write the result to FILE: .html (a printable handout with the map), .svg or .png "
    "(the map), .json (the JSON document).",
    metavar="FILE",
    quick=False,
)
FORCE = Param("force", ("--force",), "Overwrite an existing output file.", "flag", quick=False)
MUSCLE = Param("muscle", (), "A muscle id, name or alias: QL, gmax, piriformis.")
OUTPUT = Param(
    "output",
    ("--output", "-o"),
    "Write the map to FILE: .svg, or .png with the png extra; - writes SVG to stdout. "
    "Without it the map is drawn in the terminal.",
    metavar="FILE",
    quick=False,
)

CASES = Param(
    "file",
    (),
    "JSON Lines, one case a line; - (or a pipe) reads stdin.",
    metavar="[FILE|-]",
    optional=True,
)
BATCH_TOP = Param("top", ("--top", "-n"), "Keep only the best N per case.", "count", minimum=1)
BATCH_EXPLAIN = Param(
    "explain",
    ("--explain",),
    "Keep each result's evidence and score parts (as `which`).",
    "flag",
)
BATCH_FORMAT = Param("fmt", ("--format", "-f"), "Output format.", "stream-format")

COMMANDS: dict[str, tuple[Param, ...]] = {
    "which": (
        REGION,
        SYMPTOM,
        ABSENT,
        PRESSED,
        TOP,
        EXPLAIN,
        FORMAT,
        DATA,
        MAP,
        WRITE,
        SVG,
        SIDE,
        FORCE,
    ),
    "show": (MUSCLE, FORMAT, DATA, MAP, SIDE),
    "map": (MUSCLE, OUTPUT, SIDE, FORCE, DATA),
    "muscles": (FORMAT, DATA),
    "regions": (FORMAT, DATA),
    "symptoms": (FORMAT, DATA),
    "batch": (CASES, BATCH_TOP, BATCH_EXPLAIN, BATCH_FORMAT, DATA),
}
"""The everyday commands: each parameter in the order the command (and its help) lists it."""
