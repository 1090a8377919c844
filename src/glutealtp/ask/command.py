"""The bodies of the two commands that ask at a terminal: `ask` (check it can ask, where
its handout goes, then run the dialogue) and `check` (the pressing exam). `cli/` parses
their options and calls these."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO, cast

from glutealtp import commands
from glutealtp.ask import dialogue
from glutealtp.bodymap.geometry import Side
from glutealtp.errors import ExitCode, GlutealtpError

if TYPE_CHECKING:
    from glutealtp.ask.check import Press
    from glutealtp.catalog.index import CatalogIndex
    from glutealtp.output.document import Document
    from glutealtp.ranking.results import Ranking
from glutealtp.output.document import Format
from glutealtp.text import clean
from glutealtp.vocabulary import PressWho


def _ready(
    command: str, instead: str, data: str | None, output: str | None, force: bool
) -> CatalogIndex:
    """What a command that asks checks first: a terminal to ask at, its handout's name
    (before any question), then the catalog."""
    if not dialogue.can_ask():
        raise GlutealtpError(
            f"{command} needs a terminal to answer its questions; use {instead} instead"
        )
    if output:
        commands.check_output(output, force, kinds=("html",))
    return commands.open_catalog(data)


def ask(
    data: str | None,
    *,
    explain: bool = False,
    output: str | None = None,
    force: bool = False,
    side: Side | None = None,
) -> int:
    """The guided questionnaire; its exit code (0 a muscle matched, 1 none, 130 stopped)."""
    from glutealtp.output.richfmt import console

    index = _ready("ask", "`glutealtp which -r REGION -s SYMPTOM`", data, output, force)
    return dialogue.run(index, console(), explain=explain, output=output, force=force, side=side)


def check(
    data: str | None,
    regions: Sequence[str],
    symptoms: Sequence[str],
    *,
    absent: Sequence[str] = (),
    clinician: bool = False,
    side: Side | None = None,
    explain: bool = False,
    output: str | None = None,
    force: bool = False,
) -> int:
    """The pressing exam on the ranking of what was reported, then the ranking with every
    answer (and the handout, with `output`); its exit code (0 a muscle matched, 1 none, 130
    stopped)."""
    from rich.text import Text

    from glutealtp.ask.check import pressed_lines, run_exam
    from glutealtp.ask.ending import TOP, print_asked
    from glutealtp.output.ranking import ranking_document
    from glutealtp.output.richfmt import console as make_console
    from glutealtp.ranking.rank import make_query, rank

    hint = "`glutealtp which ... --pressed POINT=familiar|tender|none`"
    index = _ready("check", hint, data, output, force)
    commands.refuse_ambiguous(index, symptoms)
    query = make_query(index, regions, symptoms, absent, side)
    console = make_console()
    who: PressWho = "clinician" if clinician else "self"
    try:
        query, presses, stopped = run_exam(console, index, query, who=who, side=side)
    except EOFError:
        console.print()
        return ExitCode.INTERRUPTED
    console.print()
    if presses:
        print_asked(console, ["What was pressed:", *pressed_lines(presses)])
    console.print(Text(clean(f"The exam stopped because {stopped}."), style="dim"))
    console.print()
    ranking = rank(index, query)
    shown = max(TOP, sum(r.rank == 1 for r in ranking.results))
    ranking = ranking._replace(results=ranking.results[:shown])
    doc = ranking_document(index, ranking, explain=explain)
    console.file.flush()
    commands.emit(doc, Format.table, out=cast(TextIO, console.file))
    if output:
        handout = (output, force, side, (*regions, *symptoms))
        _check_handout(index, ranking, doc, presses, handout)
        console.print(Text(clean(f"Saved for your clinician: {output}"), style="green"))
    return ExitCode.OK if ranking.results else ExitCode.NO_MATCH


def _check_handout(
    index: CatalogIndex,
    ranking: Ranking,
    doc: Document,
    presses: tuple[Press, ...],
    handout: tuple[str, bool, Side | None, tuple[str, ...]],
) -> None:
    """`check -o FILE`: the handout, with every press and answer."""
    from glutealtp.ask.check import press_record
    from glutealtp.bodymap.picture import ranking_picture
    from glutealtp.output.handout import Asked

    output, force, side, typed = handout
    picture = ranking_picture(index, ranking, side)
    asked = Asked(typed, side=side, presses=press_record(presses))
    commands.write_output(output, "html", index, ranking, doc, picture, asked, force)
