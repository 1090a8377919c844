"""The click group under the typer app: click's own errors as one line, the rest to `exits`.

It overrides four click internals (typer 0.27 is pinned in pyproject.toml for this), each
tested: `main` (usage errors, help, end of input at a typer prompt), `make_context` and
`invoke` (what a command raises goes through `exits.handle` before click can make exit 1 or
a traceback of it), and `_main_shell_completion` (a completion request never shows one).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer

# typer 0.27 vendors click; its exceptions are importable only from there (version pinned).
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from glutealtp.cli import exits
from glutealtp.commands import PROG
from glutealtp.errors import ExitCode, GlutealtpError


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
            code = rv if isinstance(rv, int) else ExitCode.OK
        except NoArgsIsHelpError as exc:
            sys.stdout.write(exc.format_message() + "\n")
            code = ExitCode.OK
        except (UsageError, ClickException) as exc:
            code = _handled(GlutealtpError(exc.format_message()))
        except typer.Abort:  # typer's answer to end of input: it has ended the line already
            code = ExitCode.INTERRUPTED
        except (KeyboardInterrupt, EOFError, OSError) as exc:  # outside a command (completion)
            code = _handled(exc)
        if standalone_mode:
            sys.exit(code)
        return code

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except (GlutealtpError, OSError) as exc:  # printing help to a closed pipe, say
            raise typer.Exit(_handled(exc)) from None

    def invoke(self, ctx: Any) -> Any:
        """Run the command; what ends it (an error, Ctrl-C, a closed pipe) goes to `exits`."""
        try:
            return super().invoke(ctx)
        except (GlutealtpError, OSError, KeyboardInterrupt, EOFError) as exc:
            raise typer.Exit(_handled(exc)) from None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with the whole first sentence of its help, never cut at "..."."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, first_sentence(cmd.help or cmd.short_help or "")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        """The shell asking for completions: a request typer cannot serve (COMP_CWORD not a
        number, a line too long to pass on to bash, a dataset that cannot be read) gets no
        candidates, never a traceback in the prompt."""
        try:
            super()._main_shell_completion(*args, **kwargs)
        except (ValueError, LookupError, OSError, GlutealtpError):
            sys.exit(ExitCode.NO_MATCH)  # no candidates


def first_sentence(text: str) -> str:
    """The first sentence of a help text's first paragraph, on one line."""
    paragraph = " ".join(text.split("\n\n", 1)[0].split())
    head, dot, _ = paragraph.partition(". ")
    return head + "." if dot else paragraph


def _handled(exc: BaseException) -> ExitCode:
    code = exits.handle(exc)
    assert code is not None, exc
    return code
