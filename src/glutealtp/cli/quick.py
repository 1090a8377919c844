"""The typer-free path for the everyday commands on the bundled data.

Importing typer costs about five times Python's own start-up, so a cold `which` or `show`
would spend most of its time there. This path reads only the plain grammar of the everyday
commands, from the one option table (`options.COMMANDS`), and hands anything else back to
the typer app: help, completion, `--data` or $GLUTEALTP_DATA, files to write, a value typer
would refuse. Both paths run the same command bodies (`commands`), so their output is the
same; a property test holds them to that.
"""

from __future__ import annotations

import os
from typing import Any

from glutealtp import commands
from glutealtp.cli.options import COMMANDS, SIDES, STREAM_FORMATS, Param
from glutealtp.commands import DATA_ENV
from glutealtp.output.document import Format

Call = tuple[str, dict[str, Any]]
"""A command and the keyword arguments of its body."""


def parse(args: list[str]) -> Call | None:
    """The command and values of a plain call, or None when typer should handle it."""
    if not args or args[0] not in COMMANDS:
        return None
    params = COMMANDS[args[0]]
    options = {flag: p for p in params if p.quick for flag in p.flags}
    arguments = [p for p in params if not p.flags]
    given: dict[str, list[str]] = {p.name: [] for p in params}
    rest = args[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        name, eq, value = token.partition("=")
        param = options.get(name if eq and name.startswith("--") else token)
        if param is None:
            if (token.startswith("-") and token != "-") or not arguments:  # "-": stdin
                return None
            given[arguments.pop(0).name].append(token)
            i += 1
        elif param.value == "flag":
            if eq:
                return None
            given[param.name].append("")
            i += 1
        elif eq:
            given[param.name].append(value)
            i += 1
        elif i + 1 < len(rest) and not rest[i + 1].startswith("-"):
            given[param.name].append(rest[i + 1])
            i += 2
        else:
            return None
    if any(not p.optional for p in arguments):  # a required argument not given: typer's to say
        return None
    values = {p.name: _value(p, given[p.name]) for p in params if p.quick}
    if any(v is _DEFER for v in values.values()):
        return None
    return args[0], values


_DEFER = object()


def _value(param: Param, given: list[str]) -> Any:
    """A parameter's value as the command body takes it; _DEFER when typer must judge it."""
    if param.value == "flag":
        return bool(given)
    if param.repeat:
        return given
    if not given:
        return {"format": Format.table, "stream-format": STREAM_FORMATS[0]}.get(param.value)
    last = given[-1]
    if param.value == "count":
        # More digits than int() takes (4,300) is typer's to reject, as is anything out of range.
        if not (last.isascii() and last.isdigit() and len(last) <= 18):
            return _DEFER
        number = int(last)
        return number if param.minimum is None or number >= param.minimum else _DEFER
    if param.value == "format":
        try:
            return Format(last.lower())
        except ValueError:
            return _DEFER
    if param.value == "stream-format":
        return last.lower() if last.lower() in STREAM_FORMATS else _DEFER
    if param.value == "side":
        return last.lower() if last.lower() in SIDES else _DEFER
    return last


def try_run(args: list[str]) -> int | None:
    """Run a plain everyday call and return its exit code, or None to defer to typer."""
    if os.environ.get(DATA_ENV) or any(k.startswith("_GLUTEALTP_COMPLETE") for k in os.environ):
        return None
    call = parse(args)
    if call is None:
        return None
    command, values = call
    if command == "which":
        return commands.which(None, **values)
    if command == "show":
        return commands.show(None, **values)
    if command == "map":
        return commands.draw_map(None, **values)
    if command == "batch":
        return commands.batch(None, **values)
    return commands.listing(None, command, **values)  # type: ignore[arg-type]
