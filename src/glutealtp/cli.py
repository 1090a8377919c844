"""The typer app: options in, core calls, a document out. No clinical logic lives here."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

# typer 0.27 vendors click; its exceptions are importable only from there (version pinned).
from typer._click.exceptions import ClickException, UsageError
from typer.core import TyperGroup

from glutealtp import __version__, shell
from glutealtp.catalog import CatalogError, CatalogIndex, UnknownName
from glutealtp.rank import EmptyQuery
from glutealtp.render import Format
from glutealtp.views import muscle_view, muscles_view, regions_view, symptoms_view

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
        except (UsageError, ClickException) as exc:
            shell.say_error(exc.format_message())
            code = shell.EXIT_USAGE
        except (typer.Abort, KeyboardInterrupt, EOFError):
            sys.stderr.write("\n")
            code = shell.EXIT_INTERRUPTED
        except BrokenPipeError:
            code = shell.quiet_broken_pipe()
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    name=PROG,
    cls=Group,
    no_args_is_help=True,
    add_completion=False,
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


def _catalog(data: str | None) -> CatalogIndex:
    try:
        return shell.open_catalog(data)
    except CatalogError as exc:
        raise fail(str(exc)) from None


@app.command()
def which(
    region: Annotated[
        list[str] | None,
        typer.Option("--region", "-r", help="Where it hurts (repeatable): buttock, hip, ..."),
    ] = None,
    symptom: Annotated[
        list[str] | None,
        typer.Option("--symptom", "-s", help="How it behaves (repeatable): sitting, walking, ..."),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", "-n", min=1, help="Show only the best N.")
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show the arithmetic behind every score.")
    ] = False,
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """Rank the muscles whose trigger points best explain the reported pain."""
    index = _catalog(data)
    try:
        doc, code = shell.which(index, region or [], symptom or [], top=top, explain=explain)
    except (UnknownName, EmptyQuery) as exc:
        raise fail(str(exc)) from None
    shell.emit(doc, fmt)
    raise typer.Exit(code)


@app.command()
def show(
    muscle: Annotated[
        str, typer.Argument(help="A muscle id, name or alias: QL, gmax, piriformis.")
    ],
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
) -> None:
    """Show a muscle's trigger points, referral zones, symptoms, relations and sources."""
    index = _catalog(data)
    try:
        muscle_id = index.resolve("muscle", muscle)
    except UnknownName as exc:
        raise fail(str(exc)) from None
    model = next(m for m in index.model().muscles if m.id == muscle_id)
    shell.emit(muscle_view(index, model), fmt)


@app.command()
def muscles(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the muscles in the catalog."""
    shell.emit(muscles_view(_catalog(data)), fmt)


@app.command()
def regions(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the regions, each with the muscles that refer pain there, strongest first."""
    shell.emit(regions_view(_catalog(data)), fmt)


@app.command()
def symptoms(fmt: FormatOpt = Format.table, data: DataOpt = None) -> None:
    """List the symptoms, red flags included."""
    shell.emit(symptoms_view(_catalog(data)), fmt)
