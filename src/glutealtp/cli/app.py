"""The typer app: options in, core calls, a document out. No clinical logic lives here."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

# typer 0.27 vendors click; its exceptions are importable only from there (version pinned).
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from glutealtp import __version__
from glutealtp.catalog.index import CatalogIndex, UnknownName
from glutealtp.catalog.load import CatalogError
from glutealtp.cli import commands as shell
from glutealtp.cli.completion import complete_muscle, complete_region, complete_symptom
from glutealtp.output.document import Format
from glutealtp.output.lists import muscles_document, regions_document, symptoms_document
from glutealtp.output.muscle import muscle_document
from glutealtp.rank import EmptyQuery

if TYPE_CHECKING:  # rich and the body map load only when a picture is drawn
    from rich.console import Console

    from glutealtp.bodymap.picture import Picture

PROG = "glutealtp"


def fail(message: str) -> typer.Exit:
    """Print a one-line error on stderr and return the exit (code 2) for the caller to raise."""
    shell.say_error(message)
    return typer.Exit(shell.EXIT_USAGE)


class Group(TyperGroup):
    """Turns every failure into one line on stderr and a meaningful exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(args, prog_name or PROG, complete_var, False, **extra)
            code = rv if isinstance(rv, int) else 0
        except NoArgsIsHelpError as exc:
            sys.stdout.write(exc.format_message() + "\n")
            code = 0
        except (UsageError, ClickException) as exc:
            shell.say_error(exc.format_message())
            code = shell.EXIT_USAGE
        except typer.Abort:  # typer's answer to end of input: it has ended the line already
            code = shell.EXIT_INTERRUPTED
        except (KeyboardInterrupt, EOFError):  # outside a command (completion, say)
            sys.stderr.write("\n")
            code = shell.EXIT_INTERRUPTED
        except BrokenPipeError:
            code = shell.quiet_broken_pipe()
        if standalone_mode:
            sys.exit(code)
        return code

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _stream_failures_end_cleanly():
            return super().make_context(*args, **kwargs)

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        """The shell asking for completions (typer, pinned): a request typer cannot serve
        (COMP_CWORD not a number, a line too long to pass on to bash) gets no candidates,
        never a traceback in the prompt."""
        try:
            super()._main_shell_completion(*args, **kwargs)
        except (ValueError, LookupError, OSError):
            sys.exit(1)

    def invoke(self, ctx: Any) -> Any:
        """Run the command; Ctrl-C or end of input ends a half-answered prompt's line once
        and exits 130."""
        with _stream_failures_end_cleanly():
            try:
                return super().invoke(ctx)
            except (KeyboardInterrupt, EOFError):
                sys.stderr.write("\n")
                raise typer.Exit(shell.EXIT_INTERRUPTED) from None


@contextlib.contextmanager
def _stream_failures_end_cleanly() -> Iterator[None]:
    """`| head` closing the pipe ends the run quietly with success, any other failure to read
    or write (a full disk) with one line and exit 2; raised as SystemExit so that click,
    which would exit 1 or print a traceback, never sees the OSError."""
    try:
        yield
    except BrokenPipeError:
        raise SystemExit(shell.quiet_broken_pipe()) from None
    except OSError as exc:
        raise SystemExit(shell.io_failure(exc)) from None


app = typer.Typer(
    name=PROG,
    cls=Group,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Rank the muscles whose trigger points best explain buttock, hip and low-back pain. "
    "Informs; does not diagnose. Exit codes: 0 a muscle matched, 1 none matched, 2 bad input.",
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Rank the muscles whose trigger points best explain buttock, hip and low-back pain."""


DataOpt = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help=f"Use this dataset instead of the bundled one (also ${shell.DATA_ENV}).",
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]


MapOpt = Annotated[
    bool,
    typer.Option("--map", help="Also draw the body map (back and front views) in the terminal."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]


def _map_needs_table(show_map: bool, fmt: Format) -> None:
    if show_map and fmt is not Format.table:
        raise fail(f"--map draws a picture; it cannot go with --format {fmt.value}")


def _console() -> Console:
    """A rich console on stdout that never reads markup from the data it prints."""
    from rich.console import Console

    return Console(highlight=False, emoji=False, markup=False)


def _print_map(picture: Picture, *, disclaimer: bool = False) -> None:
    """Draw a body map on stdout; after a document, with a blank line and no second disclaimer."""
    from glutealtp.bodymap.terminal import print_map

    console = _console()
    if not disclaimer:
        console.print()
    print_map(console, picture, disclaimer=disclaimer)


def _write_picture(path: str, picture: Picture, force: bool) -> None:
    from glutealtp.bodymap.output import write_picture
    from glutealtp.output.files import OutputError

    try:
        write_picture(path, picture, force=force)
    except OutputError as exc:
        raise fail(str(exc)) from None


def _catalog(data: str | None) -> CatalogIndex:
    try:
        return shell.open_catalog(data)
    except CatalogError as exc:
        raise fail(str(exc)) from None


def _muscle(index: CatalogIndex, name: str) -> str:
    """The id of the muscle `name` names, or a one-line error."""
    try:
        return index.resolve("muscle", name)
    except UnknownName as exc:
        raise fail(str(exc)) from None


@app.command()
def which(
    region: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            "-r",
            help="Where it hurts (repeatable): buttock, hip, ...",
            autocompletion=complete_region,
        ),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option(
            "--symptom",
            "-s",
            help="How it behaves (repeatable): sitting, walking, ...",
            autocompletion=complete_symptom,
        ),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", "-n", min=1, help="Show only the best N.")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show the arithmetic behind every score.")
    ] = False,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
    show_map: MapOpt = False,
    svg: Annotated[
        str | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            help="Also write that map to FILE (.svg, or .png with the png extra).",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Rank the muscles whose trigger points best explain the reported pain."""
    _map_needs_table(show_map, fmt)
    index = _catalog(data)
    try:
        doc, code, ranking = shell.which(
            index, region or [], symptom or [], top=top, explain=explain
        )
    except (UnknownName, EmptyQuery) as exc:
        raise fail(str(exc)) from None
    picture = None
    if show_map or svg:
        from glutealtp.bodymap.picture import ranking_picture

        picture = ranking_picture(index, ranking)
    if svg and picture:
        _write_picture(svg, picture, force)
    shell.emit(doc, fmt)
    if show_map and picture:
        _print_map(picture)
    raise typer.Exit(code)


@app.command()
def show(
    muscle: Annotated[
        str,
        typer.Argument(
            help="A muscle id, name or alias: QL, gmax, piriformis.",
            autocompletion=complete_muscle,
        ),
    ],
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
    show_map: MapOpt = False,
) -> None:
    """Show a muscle's trigger points, referral zones, symptoms, relations and sources."""
    _map_needs_table(show_map, fmt)
    index = _catalog(data)
    muscle_id = _muscle(index, muscle)
    shell.emit(muscle_document(index, index.muscle_record(muscle_id)), fmt)
    if show_map:
        from glutealtp.bodymap.picture import muscle_picture

        _print_map(muscle_picture(index, muscle_id))


@app.command("map")
def map_(
    muscle: Annotated[
        str,
        typer.Argument(
            help="A muscle id, name or alias: QL, gmax, piriformis.",
            autocompletion=complete_muscle,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the map to FILE: .svg, or .png with the png extra; - writes SVG to "
            "stdout. Without it the map is drawn in the terminal.",
        ),
    ] = None,
    force: ForceOpt = False,
    data: DataOpt = None,
) -> None:
    """Draw a muscle's trigger points and referral pattern on a body map (back and front)."""
    from glutealtp.bodymap.picture import muscle_picture

    index = _catalog(data)
    picture = muscle_picture(index, _muscle(index, muscle))
    if output == "-":
        from glutealtp.bodymap.svg import render_svg

        sys.stdout.write(render_svg(picture))
    elif output:
        _write_picture(output, picture, force)
    else:
        _print_map(picture, disclaimer=True)


@app.command()
def ask(data: DataOpt = None) -> None:
    """Answer questions at a terminal: where it hurts, how it behaves, warning signs.

    Shows a numbered body map, asks each question in plain words, then ranks the muscles,
    explains the ranking and draws the best match. Needs a terminal (or
    GLUTEALTP_INTERACTIVE=1); for scripts use `which`.
    """
    from glutealtp.ask import dialogue as asking

    if not asking.can_ask():
        raise fail(
            "ask needs a terminal to answer its questions; "
            "use `glutealtp which -r REGION -s SYMPTOM` instead"
        )
    raise typer.Exit(asking.run(_catalog(data), _console()))


@app.command()
def muscles(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the muscles in the catalog."""
    shell.emit(muscles_document(_catalog(data)), fmt)


@app.command()
def regions(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the regions, each with the muscles that refer pain there, strongest first."""
    shell.emit(regions_document(_catalog(data)), fmt)


@app.command()
def symptoms(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the symptoms, red flags included."""
    shell.emit(symptoms_document(_catalog(data)), fmt)


class SchemaKind(StrEnum):
    output = "output"
    data = "data"


class BatchFormat(StrEnum):
    """`batch` streams, so it offers the streaming formats."""

    jsonl = "jsonl"
    csv = "csv"


@app.command()
def batch(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE|-]", help="JSON Lines, one case a line; - (or a pipe) reads stdin."
        ),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", "-n", min=1, help="Keep only the best N per case.")
    ] = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Keep each result's evidence and score parts (as `which`)."),
    ] = False,
    fmt: Annotated[
        BatchFormat,
        typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
    ] = BatchFormat.jsonl,
    data: DataOpt = None,
) -> None:
    """Rank many cases: {"id": ..., "regions": [...], "symptoms": [...]} a line in, one record
    a line out, in order. A bad line gets an error record and the rest go on. Exit 0 when
    every line was a valid case, 2 when any line failed."""
    from glutealtp import batch as batching

    if file is None and sys.stdin.isatty():
        raise fail("batch reads JSON Lines from FILE or a pipe; give a file (or - to type cases)")
    index = _catalog(data)
    try:
        source = sys.stdin.buffer if file in (None, "-") else open(file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise fail(f"{file}: {exc.strerror or exc}") from None
    job = batching.Batch(index, top=top, explain=explain, fmt=fmt.value)
    show_progress = (
        source is not sys.stdin.buffer and sys.stderr.isatty() and not sys.stdout.isatty()
    )
    with source:
        if show_progress:
            with batching.progress_bar(os.fstat(source.fileno()).st_size) as update:
                summary = batching.stream(job, source, sys.stdout.buffer, on_read=update)
        else:
            summary = batching.stream(job, source, sys.stdout.buffer)
    sys.stderr.write(f"{PROG}: {summary.describe()}\n")
    raise typer.Exit(shell.EXIT_USAGE if summary.failed else 0)


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
    import json

    from glutealtp.output.schema import data_schema, output_schema

    document = output_schema() if kind is SchemaKind.output else data_schema()
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


data_app = typer.Typer(help="Work with datasets.", no_args_is_help=True)
app.add_typer(data_app, name="data")


@data_app.command("validate")
def data_validate(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The dataset file to check.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Check a dataset and list every problem with its JSON path. Exit 0 valid, 2 not."""
    from glutealtp.catalog.load import load_catalog
    from glutealtp.output.validation import validation_document

    try:
        index = load_catalog(path)
    except CatalogError as exc:
        shell.emit(validation_document(path, exc.problems), fmt)
        shell.say_error(str(exc))
        raise typer.Exit(shell.EXIT_USAGE) from None
    shell.emit(validation_document(path, [], index), fmt)
