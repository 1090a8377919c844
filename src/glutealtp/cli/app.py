"""The typer app: every command's options and help. The everyday commands' parameters come
from `options` and their bodies from `commands`; no clinical logic lives here."""

from __future__ import annotations

import functools
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
import typer.main

from glutealtp import __version__, commands
from glutealtp.cli import options
from glutealtp.cli.completion import (
    complete_item,
    complete_muscle,
    complete_region,
    complete_symptom,
)
from glutealtp.cli.group import Group
from glutealtp.cli.options import Param
from glutealtp.commands import PROG
from glutealtp.errors import ExitCode, GlutealtpError
from glutealtp.output.document import Format

app = typer.Typer(
    name=PROG,
    cls=Group,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Rank the muscles whose trigger points best explain buttock, hip, low-back, groin, "
    "thigh and pelvic pain. Informs; does not diagnose: a red flag sends you to urgent care "
    "first.\n\nExit codes: 0 a muscle matched, 1 none matched, 2 bad input, 130 interrupted "
    "(Ctrl-C, or end of input in ask), 143 terminated (SIGTERM).\n\n"
    "`glutealtp help COMMAND` (or `glutealtp COMMAND --help`) shows a command's options.",
)


@functools.cache
def command() -> Group:
    """The click command typer builds from the app, built once."""
    built = typer.main.get_command(app)
    assert isinstance(built, Group)
    return built


def run(args: list[str]) -> int:
    """Run the app on `args` and return its exit code."""
    code: int = command().main(args, prog_name=PROG, standalone_mode=False)
    return code


def option(param: Param, **extra: Any) -> Any:
    """The typer option of a parameter from the table."""
    return typer.Option(
        *param.flags, help=param.help, metavar=param.metavar, min=param.minimum, **extra
    )


def argument(param: Param, **extra: Any) -> Any:
    return typer.Argument(help=param.help, metavar=param.metavar, **extra)


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # not while the shell asks for completions
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Rank the muscles whose trigger points best explain buttock, hip and low-back pain."""


class SideChoice(StrEnum):
    """The person's side, for `--side`."""

    left = "left"
    right = "right"


assert tuple(SideChoice) == options.SIDES

DataOpt = Annotated[str | None, option(options.DATA)]
SideOpt = Annotated[SideChoice | None, option(options.SIDE, case_sensitive=False)]
FormatOpt = Annotated[Format, option(options.FORMAT, case_sensitive=False)]
MapOpt = Annotated[bool, option(options.MAP)]
ForceOpt = Annotated[bool, option(options.FORCE)]
MuscleArg = Annotated[str, argument(options.MUSCLE, autocompletion=complete_muscle)]
RegionOpt = Annotated[list[str] | None, option(options.REGION, autocompletion=complete_region)]
SymptomOpt = Annotated[list[str] | None, option(options.SYMPTOM, autocompletion=complete_symptom)]
AbsentOpt = Annotated[list[str] | None, option(options.ABSENT, autocompletion=complete_item)]


@app.command()
def which(
    region: RegionOpt = None,
    symptom: SymptomOpt = None,
    absent: AbsentOpt = None,
    pressed: Annotated[list[str] | None, option(options.PRESSED)] = None,
    top: Annotated[int | None, option(options.TOP)] = None,
    explain: Annotated[bool, option(options.EXPLAIN)] = False,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
    show_map: MapOpt = False,
    output: Annotated[str | None, option(options.WRITE)] = None,
    svg: Annotated[str | None, option(options.SVG)] = None,
    side: SideOpt = None,
    force: ForceOpt = False,
) -> None:
    """Rank the muscles whose trigger points best explain the reported pain.

    Leads with the best match in one line, then each muscle's score and what it explains;
    --explain adds the ids and the arithmetic. A red flag comes first, in every format.
    Regions and symptoms: `glutealtp regions`, `glutealtp symptoms`.
    """
    code = commands.which(
        data,
        region or [],
        symptom or [],
        absent=absent or [],
        pressed=pressed or [],
        top=top,
        explain=explain,
        fmt=fmt,
        show_map=show_map,
        output=output,
        svg=svg,
        side=side.value if side else None,
        force=force,
    )
    raise typer.Exit(code)


@app.command()
def show(
    muscle: MuscleArg,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
    show_map: MapOpt = False,
    side: SideOpt = None,
) -> None:
    """Show a muscle's trigger points, referral zones, symptoms, relations and sources."""
    commands.show(data, muscle, fmt=fmt, show_map=show_map, side=side.value if side else None)


@app.command("map")
def map_(
    muscle: MuscleArg,
    output: Annotated[str | None, option(options.OUTPUT)] = None,
    side: SideOpt = None,
    force: ForceOpt = False,
    data: DataOpt = None,
) -> None:
    """Draw a muscle's trigger points and referral pattern on a body map (back and front)."""
    commands.draw_map(data, muscle, output=output, side=side.value if side else None, force=force)


@app.command()
def ask(
    data: DataOpt = None,
    explain: Annotated[bool, option(options.EXPLAIN)] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.html",
            help="Also keep the answers and the result as a printable handout (HTML).",
        ),
    ] = None,
    force: ForceOpt = False,
    side: SideOpt = None,
) -> None:
    """Answer questions at a terminal: where it hurts, how it behaves, warning signs.

    Shows a numbered body map, asks each question in plain words, then shows the best three
    muscles in plain words and draws the best match (--explain adds the arithmetic). Needs a
    terminal (or GLUTEALTP_INTERACTIVE=1); for scripts use `which`.
    """
    from glutealtp.ask.command import ask as asking

    raise typer.Exit(
        asking(data, explain=explain, output=output, force=force, side=side.value if side else None)
    )


@app.command()
def check(
    region: RegionOpt = None,
    symptom: SymptomOpt = None,
    absent: AbsentOpt = None,
    clinician: Annotated[
        bool,
        typer.Option(
            "--clinician",
            help="Ask a clinician's findings at each point (taut band, hypersensitive spot, "
            "referred pain, recognition), points inside the pelvis included.",
        ),
    ] = False,
    explain: Annotated[bool, option(options.EXPLAIN)] = False,
    data: DataOpt = None,
    side: SideOpt = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.html",
            help="Also keep the exam and the result as a printable handout (HTML).",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Confirm a leading muscle by pressing its trigger points, one at a time.

    Ranks what was reported, then shows one trigger point of the leading muscles at a time,
    on the map and in words (where to search, how to press), and asks whether pressing it
    brings on the pain you know. Not after a red flag. Needs a terminal (or
    GLUTEALTP_INTERACTIVE=1); for scripts use `which --pressed POINT=ANSWER`.
    """
    from glutealtp.ask.command import check as checking

    raise typer.Exit(
        checking(
            data,
            region or [],
            symptom or [],
            absent=absent or [],
            clinician=clinician,
            side=side.value if side else None,
            explain=explain,
            output=output,
            force=force,
        )
    )


@app.command()
def muscles(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the muscles in the catalog."""
    commands.listing(data, "muscles", fmt=fmt)


@app.command()
def regions(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the regions, each with the muscles that refer pain there, strongest first."""
    commands.listing(data, "regions", fmt=fmt)


@app.command()
def symptoms(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the symptoms, red flags included."""
    commands.listing(data, "symptoms", fmt=fmt)


class SchemaKind(StrEnum):
    output = "output"
    data = "data"


class BatchFormat(StrEnum):
    """`batch` streams, so it offers the streaming formats."""

    jsonl = "jsonl"
    csv = "csv"


assert tuple(BatchFormat) == options.STREAM_FORMATS


@app.command()
def batch(
    file: Annotated[str | None, argument(options.CASES)] = None,
    top: Annotated[int | None, option(options.BATCH_TOP)] = None,
    explain: Annotated[bool, option(options.BATCH_EXPLAIN)] = False,
    fmt: Annotated[BatchFormat, option(options.BATCH_FORMAT, case_sensitive=False)] = (
        BatchFormat.jsonl
    ),
    data: DataOpt = None,
) -> None:
    """Rank many cases: {"id": ..., "regions": [...], "symptoms": [...]} a line in, one record
    a line out, in order. A bad line gets an error record and the rest go on. Exit 0 when
    every line was a valid case, 2 when any line failed."""
    raise typer.Exit(commands.batch(data, file, top=top, explain=explain, fmt=fmt.value))


@app.command("help", hidden=True)  # named in the app's help; `COMMAND --help` is the same
def help_(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(metavar="[COMMAND]", help="The command to explain: which, data validate."),
    ] = None,
) -> None:
    """Show the help of glutealtp, or of a command (the same as `glutealtp COMMAND --help`)."""
    given = words or []
    target: Any = command()
    for n, word in enumerate(given):
        found = getattr(target, "get_command", lambda _ctx, _name: None)(ctx, word)
        if found is None:
            name = " ".join(given[: n + 1])
            raise GlutealtpError(f"no command {name!r}; `{PROG} help` lists them")
        target = found
    raise typer.Exit(run([*given, "--help"]))


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="output|data", help="output: what glutealtp prints; data: a dataset."
        ),
    ],
) -> None:
    """Print the JSON Schema of glutealtp's JSON output, or of a dataset."""
    raise typer.Exit(commands.schema(kind.value))


data_app = typer.Typer(
    help="Work with datasets.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(data_app, name="data")


@data_app.command("validate")
def data_validate(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The dataset file to check.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Check a dataset and list every problem with its JSON path. Exit 0 valid, 2 not."""
    raise typer.Exit(commands.validate(path, fmt))
