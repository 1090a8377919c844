"""What the typer CLI and its fast path share: catalog choice, the `which` pipeline, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from glutealtp.catalog.index import CatalogIndex
from glutealtp.catalog.load import load_catalog
from glutealtp.output.document import Document, Format, render
from glutealtp.output.ranking import ranking_document
from glutealtp.rank import make_query, rank
from glutealtp.results import Ranking
from glutealtp.text import clean

DATA_ENV = "GLUTEALTP_DATA"

EXIT_MATCH = 0
EXIT_NO_MATCH = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def open_catalog(data: str | None) -> CatalogIndex:
    """The catalog named by `--data`, else by $GLUTEALTP_DATA, else the bundled one."""
    path = data or os.environ.get(DATA_ENV) or None
    return load_catalog(path)


def emit(doc: Document, fmt: Format, out: TextIO | None = None) -> None:
    """Write a document to stdout; rich tables only when stdout is a terminal."""
    stream = out if out is not None else sys.stdout
    render(doc, fmt, stream, rich_terminal=fmt is Format.table and _is_terminal(stream))
    stream.flush()  # a closed pipe shows here, where the caller handles it, not at exit


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def which(
    index: CatalogIndex,
    regions: Sequence[str],
    symptoms: Sequence[str],
    *,
    top: int | None,
    explain: bool,
) -> tuple[Document, int, Ranking]:
    """Rank, and say which exit code the answer deserves: 0 a match, 1 none."""
    ranking = rank(index, make_query(index, regions, symptoms), top=top)
    code = EXIT_MATCH if ranking.results else EXIT_NO_MATCH
    return ranking_document(ranking, explain=explain), code, ranking


def say_error(message: str) -> None:
    """One line on stderr, prefixed with the program name, control characters removed."""
    words = (w if len(w) <= 200 else f"{w[:80]}...{w[-40:]}" for w in clean(message).split())
    sys.stderr.write(f"glutealtp: error: {' '.join(words)}\n")


def quiet_broken_pipe() -> int:
    """The reader went away (`| head`): stop quietly, as rg does, with success."""
    _drop_stdout()
    return EXIT_MATCH


def io_failure(exc: OSError) -> int:
    """Reading input or writing output failed mid-run (a full disk, an I/O error): one line."""
    where = f"{exc.filename}: " if exc.filename else ""
    say_error(f"{where}input or output failed: {exc.strerror or exc}")
    _drop_stdout()
    return EXIT_USAGE


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
