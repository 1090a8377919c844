"""`glutealtp ask`: the guided questionnaire at a terminal, rich prompts over `answers`.

The flow: the numbered body map, where it hurts, the red-flag questions, then the
questions about how it behaves that the `Interview` picks (`ask_questions`), then the best
three in plain words (`--explain` adds the arithmetic), the best match's map and, when no
red flag was raised, an offer to show any result's trigger points. A red flag shows the
urgent-care box the moment it is named or answered, and the ranking then comes below it,
for the clinician. Ctrl-C ends it quietly (the CLI exits with 130).
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple, TextIO, cast

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from glutealtp.ask import answers
from glutealtp.ask.answers import RegionAnswer, Reply
from glutealtp.ask.interview import Interview
from glutealtp.ask.prompts import RegionPrompt, ReplyPrompt, read_answer
from glutealtp.bodymap.geometry import Side
from glutealtp.bodymap.picture import (
    muscle_picture,
    numbered_picture,
    ranking_picture,
)
from glutealtp.bodymap.terminal import print_map
from glutealtp.catalog.index import CatalogIndex
from glutealtp.cli import commands
from glutealtp.cli.exits import ExitCode
from glutealtp.output import words
from glutealtp.output.document import Alert, Document, Format, Paragraph, Span
from glutealtp.output.profile import FOOTNOTE, trigger_point_table
from glutealtp.text import clean

INTERACTIVE_ENV = "GLUTEALTP_INTERACTIVE"
"""Set to 1 to let `ask` read its answers from a standard input that is not a terminal."""


def can_ask() -> bool:
    """Whether answers can come from standard input: a terminal, or $GLUTEALTP_INTERACTIVE=1."""
    if os.environ.get(INTERACTIVE_ENV) == "1":
        return True
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold"))


class Answers(NamedTuple):
    """Everything the person answered: what they typed for where it hurts, the regions and
    the symptoms it named or that were answered "yes", and the red flags they were unsure of."""

    typed: tuple[str, ...]
    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    unsure: tuple[str, ...]
    unsure_red_flags: tuple[str, ...]
    not_asked: tuple[str, ...] = ()
    """The symptoms never asked about, by id (what `which -s` takes)."""
    settled: bool = False
    """Whether the questions stopped because no answer could change the best match."""
    asked: tuple[str, ...] = ()
    """Every item asked about, whatever the answer."""


NOTHING_YET = Text(
    "Please say where it hurts: numbers from the map, or words such as buttock, hip, "
    "lower back, groin or back of the thigh. Press Enter again to go on without a place.",
    style="yellow",
)


def _ask_regions(console: Console, index: CatalogIndex) -> tuple[RegionAnswer, str]:
    """Where it hurts; an answer naming nothing is asked once more, with examples."""
    prompt = RegionPrompt(index, console)
    answer: RegionAnswer = prompt()
    if not answer.regions and not answer.symptoms:
        console.print(NOTHING_YET)
        answer = prompt()
    if answer.regions:
        names = ", ".join(index.regions[r].name for r in answer.regions)
        console.print(Text("You said: " + clean(names), style="green"))
    for symptom in answer.symptoms:
        if index.symptoms[symptom].red_flag:
            _red_flag(console, index, symptom)
    return answer, prompt.last


def _red_flag(console: Console, index: CatalogIndex, symptom: str) -> None:
    entry = index.symptoms[symptom]
    console.print(
        Panel(
            Text(clean(f"{entry.name}. {entry.advice or ''}".strip()), style="bold"),
            title=words.URGENT,
            border_style="bold red",
        )
    )


def _unsure_red_flag(console: Console, index: CatalogIndex, symptom: str) -> None:
    console.print(
        Panel(
            Text(clean(f"Not sure: {index.symptoms[symptom].name}. {words.UNSURE_RED_FLAG}")),
            title="Have it checked promptly",
            border_style="red",
        )
    )


def _ambiguous(
    console: Console, index: CatalogIndex, where: RegionAnswer, said: set[str]
) -> tuple[str, ...]:
    """A word that could also mean a red flag ("numbness") is not taken as either: the
    questions ask about both. Returns the plain meanings, to ask about after the red flags."""
    plain_meanings: list[str] = []
    for _, named in where.named_by:
        found = index.ambiguous_red_flag(named)
        if found:
            plain, flag = found
            said.discard(plain)
            plain_meanings.append(plain)
            console.print(
                Text(
                    clean(
                        f"{named!r} could mean {index.symptoms[plain].name.lower()} or "
                        f"{index.symptoms[flag].name.lower()}: the questions below ask about both."
                    ),
                    style="yellow",
                )
            )
    return tuple(plain_meanings)


def ask_questions(
    console: Console, index: CatalogIndex, where: RegionAnswer, typed: str
) -> Answers:
    """The safety questions, then how it behaves; the part of `ask` that asks.

    The red flags come first, always. Then each question is the next best one for what has
    been answered so far (`Interview`), until no answer could change the best match. Symptoms
    already named are not asked again; a red flag answered "yes" shows the urgent-care box at
    once, "not sure" the advice to have it checked promptly.
    """
    said = set(where.symptoms)
    both = _ambiguous(console, index, where, said)
    symptoms = tuple(s for s in where.symptoms if s in said)
    plain = [s for s in symptoms if not index.symptoms[s].red_flag]
    if plain:
        names = ", ".join(index.symptoms[s].name for s in plain)
        console.print(Text("Noted as how it behaves: " + clean(names), style="green"))
    interview = Interview(index, where.regions, symptoms, first=both)
    unsure: list[str] = []
    unsure_flags: list[str] = []
    behaviour = False
    _heading(console, "First, a few safety questions.")
    while (question := interview.next()) is not None:
        if not question.red_flag and not behaviour:
            behaviour = True
            _heading(console, "How does the pain behave? Answer y (yes), n (no) or ? (not sure).")
        text = Text(clean(question.text))
        if question.red_flag:
            reply = ReplyPrompt(text, console=console, show_default=False)()
        else:
            reply = ReplyPrompt(text, console=console)(default=Reply.no)
        interview.answer(question, reply)
        if question.red_flag and reply is Reply.yes:
            _red_flag(console, index, question.id)
        elif question.red_flag and reply is Reply.unsure:
            unsure_flags.append(question.id)
            _unsure_red_flag(console, index, question.id)
        elif reply is Reply.unsure:
            unsure.append(question.id)
    return Answers(
        (typed,),
        tuple(interview.regions),
        tuple(interview.symptoms),
        tuple(unsure),
        tuple(unsure_flags),
        tuple(interview.skipped()),
        interview.settled,
        tuple(a.id for a, _ in interview.answers),
    )


def _intro(console: Console, index: CatalogIndex) -> None:
    console.print(
        Text("glutealtp ask: which muscle's trigger points may explain your pain?", "bold")
    )
    console.print(
        Text(
            "Answer a few questions. Press Ctrl-C at any time to stop. " + clean(index.disclaimer),
            style="dim",
        )
    )
    console.print(Text(words.catalog_line(index), style="dim"))
    console.print()
    print_map(console, numbered_picture(index), numbers=True)
    console.print()


def run(
    index: CatalogIndex,
    console: Console,
    *,
    explain: bool = False,
    output: str | None = None,
    force: bool = False,
    side: Side | None = None,
) -> int:
    """Ask, rank and show; returns the exit code (0 a muscle matched, 1 none, 130 stopped).
    With `side`, the maps of the answer are drawn on that side of the body."""
    _intro(console, index)
    try:
        where, typed = _ask_regions(console, index)
    except EOFError:
        console.print()
        sys.stderr.write("glutealtp: ask: stopped at the first question; nothing was ranked\n")
        return ExitCode.INTERRUPTED
    given = ask_questions(console, index, where, typed)
    console.print()
    if not given.regions and not given.symptoms:
        console.print(
            Text("You reported no region and no symptom, so there is nothing to rank.", "yellow")
        )
        console.print(Text(clean(index.disclaimer), style="dim italic"))
        return ExitCode.NO_MATCH
    return _show_result(
        console, index, given, explain=explain, output=output, force=force, side=side
    )


TOP = 3
"""Results `ask` shows: the best three, in plain words."""


def _show_result(
    console: Console,
    index: CatalogIndex,
    given: Answers,
    *,
    explain: bool,
    output: str | None,
    force: bool,
    side: Side | None,
) -> int:
    """The ranking (the best three; a red flag first, then any "not sure" one), what was
    asked and what was not, the map, the handout file, and, with no red flag in sight, the
    offer to show a result's trigger points."""
    doc, code, ranking = commands.rank_document(
        index,
        given.regions,
        given.symptoms,
        top=TOP,
        explain=explain,
        asked=given.asked,
        kinds=("symptom",),
    )
    if given.unsure_red_flags:
        alerts = tuple(
            Alert(
                "Not sure: have it checked promptly",
                (f"{index.symptoms[s].name}. {words.UNSURE_RED_FLAG}",),
            )
            for s in given.unsure_red_flags
        )
        flags = next((i for i, b in enumerate(doc.screen) if not isinstance(b, Alert)), 0)
        doc = doc._replace(screen=(*doc.screen[:flags], *alerts, *doc.screen[flags:]))
    console.file.flush()
    commands.emit(doc, Format.table, out=cast(TextIO, console.file))
    console.print()
    for line in _asked_and_not(index, given):
        console.print(Text(clean(line), style="dim"))
    console.print()
    picture = ranking_picture(index, ranking, side)
    print_map(console, picture)
    if output:
        from glutealtp.output.handout import Asked

        asked = Asked(given.typed, given.unsure_red_flags)
        commands.write_output(output, "html", index, ranking, doc, picture, asked, force, top=TOP)
        console.print(Text(clean(f"Saved for your clinician: {output}"), style="green"))
    if not words.has_red_flag(ranking) and not given.unsure_red_flags:
        _offer_trigger_points(console, index, [r.muscle for r in ranking.results], side)
    return code


def _asked_and_not(index: CatalogIndex, given: Answers) -> list[str]:
    """What was asked about how the pain behaves, one answer a line, and the ids of what was
    left out (and why), so the person can add anything with `which`."""
    lines = []
    behaviour = [s for s in given.asked if not index.symptoms[s].red_flag]
    if behaviour:
        said = {
            **dict.fromkeys(given.unsure, "not sure, so left out"),
            **dict.fromkeys(given.symptoms, "yes"),
        }
        lines.append("Asked about how it behaves:")
        lines += [f"- {index.symptoms[s].name.lower()}: {said.get(s, 'no')}" for s in behaviour]
    if given.not_asked:
        why = (
            "none could put another of the matching muscles first"
            if given.settled
            else "to keep it short"
        )
        lines.append(f"Not asked ({why}), by id: {', '.join(given.not_asked)}.")
        lines.append("Add any of them with: glutealtp which -r REGION -s ID")
    return lines


FINISH = frozenset({"n", "no", "q", "quit", "done", "exit"})
"""Answers to "Show a result's trigger points?" that mean no more, like Enter."""


def _offer_trigger_points(
    console: Console, index: CatalogIndex, muscles: list[str], side: Side | None
) -> None:
    """Show any result's (or any muscle's) trigger points until the person presses Enter."""
    if not muscles:
        return
    choices = "1" if len(muscles) == 1 else f"1-{len(muscles)}"
    while True:
        console.print()
        answer = read_answer(
            console,
            Text(
                f"Show a result's trigger points? Its rank ({choices}) or name; Enter to finish: "
            ),
        )
        if not answer.strip() or answer.strip().casefold() in FINISH:
            return
        refusal = answers.too_long(answer)
        if refusal is not None:
            console.print(Text(refusal, style="yellow"))
            continue
        muscle = answers.parse_choice(index, answer, muscles)
        if muscle is None:
            hint = (
                "there is one result: give 1 or a muscle's name"
                if len(muscles) == 1
                else f"give a rank from 1 to {len(muscles)} or a muscle's name"
            )
            console.print(Text(clean(f"No result {answer.strip()!r}; {hint}."), style="yellow"))
            continue
        entry = index.muscle_record(muscle)
        table = trigger_point_table(index, entry)
        single = any("*" in cell for row in table.rows for cell in row)
        doc = Document(
            data={},
            tables=(),
            disclaimer=index.disclaimer,
            screen=(
                Paragraph((Span(f"{entry['name']} ({entry['id']})", "heading"),)),
                table,
                *([Paragraph((Span(FOOTNOTE, "dim"),))] if single else []),
            ),
            whole=words.muscle_names(index),
        )
        console.file.flush()
        commands.emit(doc, Format.table, out=cast(TextIO, console.file))
        console.print()
        print_map(console, muscle_picture(index, muscle, side=side))
