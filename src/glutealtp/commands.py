"""What every command does, without typer: the typer app and the quick path both call
these, so their output is the same, and `ask` uses their pieces. Each returns its exit code;
errors are raised (`errors.GlutealtpError`). Only argv parsing is left to `cli/`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TextIO, cast

from glutealtp.catalog.index import CatalogIndex
from glutealtp.catalog.load import load_catalog
from glutealtp.errors import ExitCode, GlutealtpError, os_error
from glutealtp.output.document import Document, Format
from glutealtp.output.ranking import ranking_document
from glutealtp.output.render import render
from glutealtp.ranking.rank import make_query, rank
from glutealtp.ranking.results import Ranking
from glutealtp.vocabulary import Kind

if TYPE_CHECKING:  # rich and the body map load only when a picture is drawn
    from glutealtp.bodymap.geometry import Side
    from glutealtp.bodymap.picture import Picture
    from glutealtp.output.handout import Asked

PROG = "glutealtp"
DATA_ENV = "GLUTEALTP_DATA"
"""The environment variable that names a dataset, as `--data` does."""

Listing = Literal["muscles", "regions", "symptoms"]


def open_catalog(data: str | None) -> CatalogIndex:
    """The catalog named by `--data`, else by $GLUTEALTP_DATA (when set and not empty),
    else the bundled one; `--data ''` names no file and is refused (by `load_catalog`)."""
    path = data if data is not None else os.environ.get(DATA_ENV) or None
    return load_catalog(path)


def emit(doc: Document, fmt: Format, out: TextIO | None = None) -> None:
    """Write a document to stdout; rich tables only when stdout is a terminal."""
    stream = out if out is not None else sys.stdout
    render(doc, fmt, stream, rich_terminal=fmt is Format.table and is_terminal(stream))
    stream.flush()  # a closed pipe shows here, where the caller handles it, not at exit


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def press_pair(given: str) -> tuple[str, str]:
    """`POINT=ANSWER` from `--pressed`, split at its last "="."""
    point, sep, answer = given.rpartition("=")
    if not sep or not point.strip():
        raise GlutealtpError(
            f"--pressed {given!r}: give POINT=familiar, POINT=tender or POINT=none"
        )
    return point.strip(), answer


def rank_document(
    index: CatalogIndex,
    regions: Sequence[str],
    symptoms: Sequence[str],
    *,
    absent: Sequence[str] = (),
    top: int | None,
    explain: bool,
    asked: Sequence[str] = (),
    kinds: Sequence[Kind] = ("region", "symptom"),
    side: Side | None = None,
    pressed: Sequence[tuple[str, str]] = (),
) -> tuple[Document, ExitCode, Ranking]:
    """Rank, with the next questions (none about what was `asked`, only of `kinds`), and say
    which exit code the answer deserves: 0 a match, 1 none. `side` is recorded in the
    query."""
    from glutealtp.ranking.questions import with_next_questions

    ranking = rank(index, make_query(index, regions, symptoms, absent, side, pressed))
    ranking = with_next_questions(index, ranking, asked, kinds)
    if top is not None:
        ranking = ranking._replace(results=ranking.results[:top])
    code = ExitCode.OK if ranking.results else ExitCode.NO_MATCH
    return ranking_document(index, ranking, explain=explain), code, ranking


def which(
    data: str | None,
    region: Sequence[str],
    symptom: Sequence[str],
    *,
    absent: Sequence[str] = (),
    pressed: Sequence[str] = (),
    top: int | None = None,
    explain: bool = False,
    fmt: Format = Format.table,
    show_map: bool = False,
    output: str | None = None,
    svg: str | None = None,
    side: Side | None = None,
    force: bool = False,
) -> ExitCode:
    """Rank the muscles for the reported regions and symptoms; with a map, a picture file or
    a handout (the map on one side of the body with `side`; the side is recorded in the
    query either way). Any refusal leads with the red flags among the symptoms."""
    index = open_catalog(data)
    try:
        _map_needs_table(show_map, fmt)
        check_outputs([(svg, ("svg", "png")), (output, OUTPUT_KINDS)], force)
        kind = output_kind(output) if output else None
        refuse_ambiguous(index, symptom)
        doc, code, ranking = rank_document(
            index,
            region,
            symptom,
            absent=absent,
            top=top,
            explain=explain,
            side=side,
            pressed=[press_pair(p) for p in pressed],
        )
        picture = None
        if show_map or svg or kind in ("html", "svg", "png"):
            from glutealtp.bodymap.picture import ranking_picture

            picture = ranking_picture(index, ranking, side)
        if svg and picture:
            write_picture(svg, picture, force)
            saved(svg)
        if output and kind:
            from glutealtp.output.handout import Asked

            asked = Asked((*region, *symptom), side=side)
            write_output(output, kind, index, ranking, doc, picture, asked, force, top=top)
            saved(output)
    except OSError as error:
        raise _red_flags_first(index, symptom, GlutealtpError(os_error(error))) from error
    except GlutealtpError as error:
        raise _red_flags_first(index, symptom, error) from error
    emit(doc, fmt)
    if show_map and picture:
        print_map(picture)
    return code


OutputKind = Literal["html", "svg", "png", "json"]


OUTPUT_KINDS: tuple[OutputKind, ...] = ("html", "svg", "png", "json")


def output_kind(path: str, kinds: Sequence[OutputKind] = OUTPUT_KINDS) -> OutputKind:
    """What `-o FILE` writes, by the file's suffix (`files.output_suffix`: one rule for
    every output file), if it is one of `kinds`."""
    from glutealtp.output.files import output_suffix

    what = "picture file" if set(kinds) <= {"svg", "png"} else "output file"
    suffix = output_suffix(path, [f".{k}" for k in kinds], what)
    return cast("OutputKind", suffix[1:])


def check_output(path: str, force: bool, kinds: Sequence[OutputKind] = OUTPUT_KINDS) -> OutputKind:
    """Refuse, before any work, an output file of the wrong kind, one already there, a
    directory, or one in a missing or read-only directory."""
    from glutealtp.output.files import check_writable

    kind = output_kind(path, kinds)
    check_writable(path, force)
    return kind


def check_outputs(outputs: Sequence[tuple[str | None, Sequence[OutputKind]]], force: bool) -> None:
    """Check every output file of a command before anything is written (`check_output`),
    and refuse two that name one file."""
    named = [(path, kinds) for path, kinds in outputs if path is not None]
    if not named:
        return
    from glutealtp.output.files import same_file

    for path, kinds in named:
        check_output(path, force, kinds)
    for i, (a, _) in enumerate(named):
        for b, _ in named[i + 1 :]:
            if same_file(a, b):
                raise GlutealtpError(f"{a}: given as two outputs; name each output its own file")


def write_output(
    path: str,
    kind: OutputKind,
    index: CatalogIndex,
    ranking: Ranking,
    doc: Document,
    picture: Picture | None,
    asked: Asked,
    force: bool,
    top: int | None = None,
) -> None:
    """Write `-o FILE`: the handout, the map or the JSON document, atomically."""
    from glutealtp.output.files import write_atomic

    if kind in ("svg", "png"):
        assert picture is not None
        write_picture(path, picture, force)
    elif kind == "json":
        from glutealtp.output.jsonfmt import dumps

        write_atomic(path, dumps(doc.data, indent=2) + "\n", force=force)
    else:
        from glutealtp.output.handout import handout

        write_atomic(path, handout(index, ranking, asked, picture, top=top), force=force)


class AmbiguousName(GlutealtpError):
    """A word that names an everyday symptom and, read another way, a red flag."""

    code = "ambiguous-symptom"


def _red_flags_first(
    index: CatalogIndex, symptoms: Sequence[str], error: GlutealtpError
) -> GlutealtpError:
    """The error, led by the urgent-care advice of any red flag among the symptoms that were
    understood: a refused query must not hide a red flag."""
    from glutealtp.ranking.notices import red_flags_among

    return error.led_by(w.message for w in red_flags_among(index, symptoms))


def refuse_ambiguous(index: CatalogIndex, symptoms: Sequence[str]) -> None:
    """An ambiguous word is refused with both meanings named: the red flag is never guessed
    away, and never assumed."""
    for text in symptoms:
        why = index.ambiguity(text)
        if why:
            raise AmbiguousName(why)


def show(
    data: str | None,
    muscle: str,
    *,
    fmt: Format = Format.table,
    show_map: bool = False,
    side: Side | None = None,
) -> ExitCode:
    """Everything the catalog holds on one muscle; with its body map (on one side of the
    body with `side`)."""
    from glutealtp.output.muscle import muscle_document

    _map_needs_table(show_map, fmt)
    if side and not show_map:
        raise GlutealtpError("--side says where to draw the map; give it with --map")
    index = open_catalog(data)
    muscle_id = index.resolve("muscle", muscle)
    emit(muscle_document(index, index.muscle_record(muscle_id)), fmt)
    if show_map:
        from glutealtp.bodymap.picture import muscle_picture

        print_map(muscle_picture(index, muscle_id, side=side))
    return ExitCode.OK


def draw_map(
    data: str | None,
    muscle: str,
    *,
    output: str | None = None,
    side: Side | None = None,
    force: bool = False,
) -> ExitCode:
    """A muscle's body map: in the terminal, as SVG on stdout (`-`), or to a picture file;
    on one side of the body with `side`."""
    from glutealtp.bodymap.picture import muscle_picture

    if output != "-":
        check_outputs([(output, ("svg", "png"))], force)
    index = open_catalog(data)
    picture = muscle_picture(index, index.resolve("muscle", muscle), side=side)
    if output == "-":
        from glutealtp.bodymap.svg import render_svg

        sys.stdout.write(render_svg(picture))
    elif output:
        write_picture(output, picture, force)
        saved(output)
    else:
        print_map(picture, disclaimer=True)
    return ExitCode.OK


def saved(path: str) -> None:
    """Say on stderr that a file was written, as `ask -o` does: stdout keeps the output."""
    from glutealtp.text import clean

    sys.stderr.write(f"Saved: {clean(path)}\n")


def listing(data: str | None, kind: Listing, *, fmt: Format = Format.table) -> ExitCode:
    """One of the vocabulary listings."""
    from glutealtp.output import lists

    documents = {
        "muscles": lists.muscles_document,
        "regions": lists.regions_document,
        "symptoms": lists.symptoms_document,
    }
    emit(documents[kind](open_catalog(data)), fmt)
    return ExitCode.OK


def print_map(picture: Picture, *, disclaimer: bool = False) -> None:
    """Draw a body map on stdout; after a document, with a blank line and no second disclaimer."""
    from glutealtp.bodymap.terminal import print_map as draw
    from glutealtp.output.richfmt import console

    out = console()
    if not disclaimer:
        out.print()
    draw(out, picture, disclaimer=disclaimer)


def write_picture(path: str, picture: Picture, force: bool) -> None:
    from glutealtp.output.picture import write_picture as write

    write(path, picture, force=force)


def _map_needs_table(show_map: bool, fmt: Format) -> None:
    if show_map and fmt is not Format.table:
        raise GlutealtpError(f"--map draws a picture; it cannot go with --format {fmt.value}")


def batch(
    data: str | None,
    file: str | None,
    *,
    top: int | None = None,
    explain: bool = False,
    fmt: Literal["jsonl", "csv"] = "jsonl",
) -> ExitCode:
    """Rank the cases of a JSON Lines file (or stdin), a record out per line in; the summary
    on stderr. 0 when every line was a valid case, 2 when any failed."""
    from glutealtp import batch as batching
    from glutealtp.interrupts import deferring

    if file is None and sys.stdin.isatty():
        raise GlutealtpError(
            "batch reads JSON Lines from FILE or a pipe; give a file (or - to type cases)"
        )
    index = open_catalog(data)
    try:
        source = sys.stdin.buffer if file in (None, "-") else open(file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise GlutealtpError(f"{file}: {exc.strerror or exc}") from None
    job = batching.Batch(index, top=top, explain=explain, fmt=fmt)
    show_progress = (
        source is not sys.stdin.buffer and sys.stderr.isatty() and not sys.stdout.isatty()
    )
    guard = batching.RecordGuard()  # Ctrl-C and SIGTERM finish the record in hand first
    with source, deferring(guard):
        if show_progress:
            with batching.progress_bar(os.fstat(source.fileno()).st_size) as update:
                summary = batching.stream(job, source, sys.stdout.buffer, update, guard)
        else:
            summary = batching.stream(job, source, sys.stdout.buffer, guard=guard)
    sys.stderr.write(f"{PROG}: {summary.describe()}\n")
    return ExitCode.BAD_INPUT if summary.failed else ExitCode.OK


def schema(kind: Literal["output", "data"]) -> ExitCode:
    """Print the JSON Schema of glutealtp's JSON output, or of a dataset."""
    import json

    from glutealtp.contract import data_schema, output_schema

    document = output_schema() if kind == "output" else data_schema()
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return ExitCode.OK


def validate(path: str, fmt: Format = Format.table) -> ExitCode:
    """Check a dataset and list every problem with its JSON path: 0 valid, 2 not (raised)."""
    from glutealtp.catalog.load import CatalogError
    from glutealtp.output.validation import validation_document

    try:
        index = load_catalog(path)
    except CatalogError as exc:
        emit(validation_document(path, exc.problems), fmt)
        raise
    emit(validation_document(path, [], index), fmt)
    return ExitCode.OK
