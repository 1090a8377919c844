"""`glutealtp ask`: the guided questionnaire at a terminal, rich prompts over `answers`.

The flow: the numbered body map, where it hurts, each symptom question, the red-flag
questions, then the ranking with its explanation, the best match's map and an offer
to show any result's trigger points. Ctrl-C ends it quietly (the CLI exits with 130).
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO, cast

from rich.console import Console
from rich.panel import Panel
from rich.prompt import InvalidResponse, PromptBase, PromptType
from rich.text import Text, TextType

from glutealtp.ask import answers
from glutealtp.ask.answers import RegionAnswer, Reply
from glutealtp.bodymap.geometry import Side
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
from glutealtp.output.document import Document, Format
from glutealtp.output.muscle import muscle_document
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
    Keeps at most `answers.MAX_ANSWER` + 1 characters of a line (enough to refuse it as too
    long) and reads past the rest, so a line of any length takes constant memory.
    """
    console.print(prompt, end="")
    console.file.flush()
    line = sys.stdin.readline(answers.MAX_ANSWER + 1)
    if not line:
        raise EOFError
    rest = line
    while not rest.endswith("\n") and rest:
        rest = sys.stdin.readline(READ_CHUNK)
    return line.rstrip("\r\n")


READ_CHUNK = 64 * 1024
"""How much of an over-long answer line is read (and dropped) at a time."""


class _Prompt(PromptBase[PromptType]):
    """A rich prompt that reads through `read_answer` and asks again after an answer that
    is too long; `parse` reads the answer."""

    prompt_suffix = " "

    def process_response(self, value: str) -> PromptType:
        refusal = answers.too_long(value)
        if refusal is not None:
            raise InvalidResponse(Text(refusal, style="yellow"))
        return self.parse(value)

    def parse(self, value: str) -> PromptType:
        raise NotImplementedError

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

    def parse(self, value: str) -> Reply:
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
            Text("Where does it hurt? Numbers or words, e.g. 2, 7 or buttock, lower back:"),
            console=console,
        )
        self.index = index
        self.numbers = region_numbers(index)

    def parse(self, value: str) -> RegionAnswer:
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


def _ask_regions(console: Console, index: CatalogIndex) -> RegionAnswer:
    answer: RegionAnswer = RegionPrompt(index, console)()
    if answer.regions:
        names = ", ".join(index.regions[r].name for r in answer.regions)
        console.print(Text("You said: " + clean(names), style="green"))
    if answer.symptoms:
        names = ", ".join(index.symptoms[s].name for s in answer.symptoms)
        console.print(Text("Noted as how it behaves: " + clean(names), style="green"))
    return answer


def _red_flag(console: Console, index: CatalogIndex, symptom: str) -> None:
    entry = index.symptoms[symptom]
    console.print(
        Panel(
            Text(clean(f"{entry.name}. {entry.advice or ''}".strip()), style="bold"),
            title="Seek urgent care",
            border_style="bold red",
        )
    )


def run(index: CatalogIndex, console: Console, *, side: Side | None = None) -> int:
    """Ask, rank and show; returns the exit code (0 a muscle matched, 1 none). With `side`,
    the maps of the answer are drawn on that side of the body."""
    console.print(
        Text("glutealtp ask: which muscle's trigger points may explain your pain?", "bold")
    )
    console.print(
        Text(
            "Answer a few questions. Press Ctrl-C at any time to stop. " + clean(index.disclaimer),
            style="dim",
        )
    )
    console.print()
    print_map(console, numbered_picture(index), numbers=True)
    console.print()
    where = _ask_regions(console, index)
    said = set(where.symptoms)
    symptoms = list(where.symptoms)
    unsure: list[str] = []

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
        reply = ReplyPrompt(Text(clean(question.text)), console=console, show_default=False)()
        if reply is Reply.yes:
            symptoms.append(question.symptom)
            _red_flag(console, index, question.symptom)

    console.print()
    if not where.regions and not symptoms:
        console.print(
            Text("You reported no region and no symptom, so there is nothing to rank.", "yellow")
        )
        console.print(Text(clean(index.disclaimer), style="dim italic"))
        return ExitCode.NO_MATCH
    if unsure:
        names = ", ".join(index.symptoms[s].name.lower() for s in unsure)
        console.print(Text(clean(f"Left out because you were not sure: {names}."), style="dim"))
    doc, code, ranking = commands.rank_document(
        index, where.regions, symptoms, top=None, explain=True
    )
    console.file.flush()
    commands.emit(doc, Format.table, out=cast(TextIO, console.file))
    console.print()
    print_map(console, ranking_picture(index, ranking, side))
    _offer_trigger_points(console, index, [r.muscle for r in ranking.results], side)
    return code


def _offer_trigger_points(
    console: Console, index: CatalogIndex, muscles: list[str], side: Side | None
) -> None:
    """Show any result's (or any muscle's) trigger points until the person presses Enter."""
    if not muscles:
        return
    while True:
        console.print()
        answer = read_answer(
            console,
            Text(
                f"Show a result's trigger points? Its rank (1-{len(muscles)}) or name; "
                "Enter to finish: "
            ),
        )
        if not answer.strip():
            return
        refusal = answers.too_long(answer)
        if refusal is not None:
            console.print(Text(refusal, style="yellow"))
            continue
        muscle = answers.parse_choice(index, answer, muscles)
        if muscle is None:
            console.print(
                Text(
                    clean(f"No result {answer.strip()!r}; give a rank from 1 to {len(muscles)}."),
                    style="yellow",
                )
            )
            continue
        entry = index.muscle_record(muscle)
        full = muscle_document(index, entry)
        doc = Document(
            data=full.data,
            tables=full.tables[:1],
            disclaimer=full.disclaimer,
            title=f"{entry['name']} ({entry['id']})",
        )
        console.file.flush()
        commands.emit(doc, Format.table, out=cast(TextIO, console.file))
        console.print()
        print_map(console, muscle_picture(index, muscle, side=side))
