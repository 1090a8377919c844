"""`glutealtp ask`: the guided questionnaire at a terminal, rich prompts over `answers`.

The flow: the numbered body map, where it hurts, each symptom question, the red-flag
questions (`ask_questions`), then the best three in plain words (`--explain` adds the
arithmetic), the best match's map and, when no red flag was raised, an offer to show any
result's trigger points. A red flag shows the urgent-care box the moment it is named or
answered, and the ranking then comes below it, for the clinician. Ctrl-C ends it quietly
(the CLI exits with 130).
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, NamedTuple, TextIO, cast

from rich.console import Console
from rich.panel import Panel
from rich.prompt import InvalidResponse, PromptBase, PromptType
from rich.text import Text, TextType

from glutealtp.ask import answers
from glutealtp.ask.answers import RegionAnswer, Reply
from glutealtp.bodymap.picture import (
    muscle_picture,
    numbered_picture,
    ranking_picture,
    region_numbers,
)
from glutealtp.bodymap.terminal import print_map
from glutealtp.catalog.index import CatalogIndex
from glutealtp.cli import commands
from glutealtp.cli.exits import ExitCode
from glutealtp.output import words
from glutealtp.output.document import Alert, Document, Format, Paragraph, Span
from glutealtp.output.profile import trigger_point_table
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


def read_answer(console: Console, prompt: TextType) -> str:
    """Show the prompt and read one line from stdin; end of input (Ctrl-D) raises EOFError.

    Reads with `sys.stdin.readline`, not `input()`: `input()` drops a Ctrl-C that lands
    while it flushes stdout, and the prompt then waits on (seen in a pseudo-terminal).
    """
    console.print(prompt, end="")
    console.file.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


class _Prompt(PromptBase[PromptType]):
    """A rich prompt that reads through `read_answer`."""

    prompt_suffix = " "

    @classmethod
    def get_input(
        cls,
        console: Console,
        prompt: TextType,
        password: bool,  # noqa: ARG003 (no secrets are asked for)
        stream: TextIO | None = None,  # noqa: ARG003
    ) -> str:
        return read_answer(console, prompt)


class ReplyPrompt(_Prompt[Reply]):
    """A yes / no / not-sure question that understands everyday answers."""

    response_type = Reply

    def render_default(self, default: Any) -> Text:  # noqa: ARG002 (always "no")
        return Text("(Enter = no)", "prompt.default")

    def process_response(self, value: str) -> Reply:
        reply = answers.parse_reply(value)
        if reply is None:
            raise InvalidResponse(
                Text("Please answer y (yes), n (no) or ? (not sure).", style="yellow")
            )
        return reply


class RegionPrompt(_Prompt[RegionAnswer]):
    """Where it hurts: numbers from the map or words; unknown words are asked again."""

    response_type = RegionAnswer

    def __init__(self, index: CatalogIndex, console: Console) -> None:
        super().__init__(
            Text("Where does it hurt? Numbers or words, e.g. 2, 7 or buttock, lower back:\n>"),
            console=console,
        )
        self.index = index
        self.numbers = region_numbers(index)
        self.last = ""
        """The answer as typed, once understood."""

    def process_response(self, value: str) -> RegionAnswer:
        self.last = value.strip()
        if answers.is_nothing(value):
            return RegionAnswer((), (), (), ())
        answer = answers.parse_regions(self.index, value, self.numbers)
        if answer.unknown:
            message = Text(
                f"Not a region on the map: {clean(', '.join(answer.unknown))}.", "yellow"
            )
            if answer.suggestions:
                message.append(f" Did you mean {clean(' or '.join(answer.suggestions))}?")
            message.append(f" Use the numbers 1 to {len(self.numbers)} or the names listed.")
            raise InvalidResponse(message)
        return answer


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
    plain = [s for s in answer.symptoms if not index.symptoms[s].red_flag]
    if plain:
        names = ", ".join(index.symptoms[s].name for s in plain)
        console.print(Text("Noted as how it behaves: " + clean(names), style="green"))
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


def _ambiguous(console: Console, index: CatalogIndex, typed: str, said: set[str]) -> None:
    """A word that could also mean a red flag ("numbness") is not taken as either: the
    questions ask about both."""
    for piece in re.split(r"[,;/&+]|\band\b", typed):
        found = commands.ambiguous_red_flag(index, piece.strip())
        if found:
            plain, flag = found
            said.discard(plain)
            console.print(
                Text(
                    clean(
                        f"{piece.strip()!r} could mean {index.symptoms[plain].name.lower()} or "
                        f"{index.symptoms[flag].name.lower()}: the questions below ask about both."
                    ),
                    style="yellow",
                )
            )


def ask_questions(
    console: Console, index: CatalogIndex, where: RegionAnswer, typed: str
) -> Answers:
    """How it behaves, then the safety questions; the part of `ask` that asks.

    Symptoms already named are not asked again; a red flag answered "yes" shows the
    urgent-care box at once, "not sure" the advice to have it checked promptly.
    """
    said = set(where.symptoms)
    _ambiguous(console, index, typed, said)
    symptoms = [s for s in where.symptoms if s in said]
    unsure: list[str] = []
    unsure_flags: list[str] = []
    _heading(console, "How does the pain behave? Answer y (yes), n (no) or ? (not sure).")
    for question in answers.symptom_questions(index):
        if question.symptom in said:
            continue
        reply = ReplyPrompt(Text(clean(question.text)), console=console)(default=Reply.no)
        if reply is Reply.yes:
            symptoms.append(question.symptom)
        elif reply is Reply.unsure:
            unsure.append(question.symptom)
    _heading(console, "A few safety questions.")
    for question in answers.red_flag_questions(index):
        if question.symptom in said:
            continue
        reply = ReplyPrompt(Text(clean(question.text)), console=console, show_default=False)()
        if reply is Reply.yes:
            symptoms.append(question.symptom)
            _red_flag(console, index, question.symptom)
        elif reply is Reply.unsure:
            unsure_flags.append(question.symptom)
            _unsure_red_flag(console, index, question.symptom)
    return Answers((typed,), where.regions, tuple(symptoms), tuple(unsure), tuple(unsure_flags))


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
) -> int:
    """Ask, rank and show; returns the exit code (0 a muscle matched, 1 none, 130 stopped)."""
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
    return _show_result(console, index, given, explain=explain, output=output, force=force)


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
) -> int:
    """The ranking (the best three), the map, the handout file, and, with no red flag in
    sight, the offer to show a result's trigger points."""
    if given.unsure:
        names = ", ".join(index.symptoms[s].name.lower() for s in given.unsure)
        console.print(Text(clean(f"Left out because you were not sure: {names}."), style="dim"))
    doc, code, ranking = commands.rank_document(
        index, given.regions, given.symptoms, top=TOP, explain=explain
    )
    if given.unsure_red_flags:
        alerts = tuple(
            Alert(
                "Not sure: have it checked promptly",
                (f"{index.symptoms[s].name}. {words.UNSURE_RED_FLAG}",),
            )
            for s in given.unsure_red_flags
        )
        doc = doc._replace(screen=alerts + doc.screen)
    console.file.flush()
    commands.emit(doc, Format.table, out=cast(TextIO, console.file))
    console.print()
    picture = ranking_picture(index, ranking)
    print_map(console, picture)
    if output:
        from glutealtp.output.handout import Asked

        asked = Asked(given.typed, given.unsure_red_flags)
        commands.write_output(output, "html", index, ranking, doc, picture, asked, force, top=TOP)
        console.print(Text(clean(f"Saved for your clinician: {output}"), style="green"))
    if not words.has_red_flag(ranking) and not given.unsure_red_flags:
        _offer_trigger_points(console, index, [r.muscle for r in ranking.results])
    return code


def _offer_trigger_points(console: Console, index: CatalogIndex, muscles: list[str]) -> None:
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
        if not answer.strip():
            return
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
        doc = Document(
            data={},
            tables=(),
            disclaimer=index.disclaimer,
            screen=(
                Paragraph((Span(f"{entry['name']} ({entry['id']})", "heading"),)),
                trigger_point_table(index, entry),
            ),
            whole=words.muscle_names(index),
        )
        console.file.flush()
        commands.emit(doc, Format.table, out=cast(TextIO, console.file))
        console.print()
        print_map(console, muscle_picture(index, muscle))
