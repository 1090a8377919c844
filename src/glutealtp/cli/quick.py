"""A typer-free fast path for the common, well-formed `which` call.

Importing typer costs about five times Python's own start-up, so a cold
`glutealtp which -r buttock` would spend most of its time there. This module
accepts only the plain grammar of `which` (the options `cli.which` declares,
nothing else) and hands anything unusual back to the typer app: help, `--data`,
completion, any error. Both paths call `shell.which`, so their output is the
same; a property test holds them to that.
"""

from __future__ import annotations

import os

from glutealtp.cli import commands as shell
from glutealtp.output.document import Format

_VALUED = {
    "--region": "region",
    "-r": "region",
    "--symptom": "symptom",
    "-s": "symptom",
    "--top": "top",
    "-n": "top",
    "--format": "format",
    "-f": "format",
}


def parse(args: list[str]) -> dict[str, list[str]] | None:
    """The options of a plain `which` call, or None when typer should handle it."""
    if not args or args[0] != "which":
        return None
    found: dict[str, list[str]] = {
        "region": [],
        "symptom": [],
        "top": [],
        "format": [],
        "explain": [],
    }
    rest = args[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        if token == "--explain":
            found["explain"].append("1")
            i += 1
            continue
        name, eq, value = token.partition("=")
        if eq and name.startswith("--") and name in _VALUED:
            found[_VALUED[name]].append(value)
            i += 1
            continue
        if token in _VALUED and i + 1 < len(rest) and not rest[i + 1].startswith("-"):
            found[_VALUED[token]].append(rest[i + 1])
            i += 2
            continue
        return None
    return found


def try_which(args: list[str]) -> int | None:
    """Run a plain `which` and return its exit code, or None to defer to the typer app."""
    if any(key.startswith("_GLUTEALTP_COMPLETE") for key in os.environ):
        return None
    if os.environ.get(shell.DATA_ENV):
        return None
    opts = parse(args)
    if opts is None:
        return None
    top: int | None = None
    if opts["top"]:
        value = opts["top"][-1]
        # More digits than int() takes (4,300) is typer's to reject, as is anything not >= 1.
        if not (value.isascii() and value.isdigit() and len(value) <= 18) or int(value) < 1:
            return None
        top = int(value)
    fmt = Format.table
    if opts["format"]:
        try:
            fmt = Format(opts["format"][-1].lower())
        except ValueError:
            return None
    from glutealtp.catalog.index import UnknownName
    from glutealtp.catalog.load import load_catalog
    from glutealtp.rank import EmptyQuery

    try:
        doc, code, _ = shell.which(
            load_catalog(),
            opts["region"],
            opts["symptom"],
            top=top,
            explain=bool(opts["explain"]),
        )
    except (UnknownName, EmptyQuery):
        return None
    shell.emit(doc, fmt)
    return code
