"""The prompts of `glutealtp ask`: rich prompts that read one bounded line at a time and
understand everyday answers (`answers`)."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from rich.console import Console
from rich.prompt import InvalidResponse, PromptBase, PromptType
from rich.text import Text, TextType

from glutealtp.ask import answers
from glutealtp.ask.answers import RegionAnswer, Reply
from glutealtp.bodymap.picture import region_numbers
from glutealtp.catalog.index import CatalogIndex
from glutealtp.text import clean


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
            Text("Where does it hurt? Numbers or words, e.g. 2, 7 or buttock, lower back:\n>"),
            console=console,
        )
        self.index = index
        self.numbers = region_numbers(index)
        self.last = ""
        """The answer as typed, once understood."""

    def parse(self, value: str) -> RegionAnswer:
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
