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
from typing import cast

from rich.console import Console
from rich.text import Text

from glutealtp.ask.answers import RegionAnswer, Reply
from glutealtp.ask.ending import (
    Answers,
    last_red_flags,
    red_flag,
    show_result,
    unsure_red_flag,
)
from glutealtp.ask.interview import Interview
from glutealtp.ask.prompts import RegionPrompt, ReplyPrompt
from glutealtp.bodymap.geometry import Side
from glutealtp.bodymap.picture import (
    numbered_picture,
    region_numbers,
)
from glutealtp.bodymap.terminal import WIDE, print_map
from glutealtp.catalog.index import CatalogIndex
from glutealtp.errors import ExitCode
from glutealtp.output import words
from glutealtp.ranking.rank import rank
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


NOTHING_YET = Text(
    "Please say where it hurts: numbers from the map, or words such as buttock, hip, "
    "lower back, groin or back of the thigh. Press Enter again to go on without a place.",
    style="yellow",
)


def _ask_regions(console: Console, index: CatalogIndex) -> tuple[RegionAnswer, str]:
    """Where it hurts; an answer naming nothing is asked once more, with examples. Says
    what it understood, the side included."""
    prompt = RegionPrompt(index, console)
    answer: RegionAnswer = prompt()
    if not answer.regions and not answer.symptoms:
        console.print(NOTHING_YET)
        answer = prompt()
    if answer.regions:
        names = ", ".join(index.regions[r].name for r in answer.regions)
        side = f" ({answer.side} side)" if answer.side else ""
        console.print(Text("Understood: " + clean(names) + side, style="green"))
    for symptom in answer.symptoms:
        if index.symptoms[symptom].red_flag:
            red_flag(console, index, symptom)
    return answer, prompt.last


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


SAFETY = "(y / n / ? = not sure)"
"""The answer format shown with every safety question."""
GO_ON = (
    "A red flag comes before everything else: the questions about how the pain behaves "
    "stop here. Go on with them anyway (for a clinician)?"
)


def ask_questions(
    console: Console, index: CatalogIndex, where: RegionAnswer, typed: str
) -> Answers:
    """The safety questions, then how it behaves; the part of `ask` that asks.

    The red flags come first, always. A red flag answered yes shows the urgent-care box at
    once, and the questions stop there unless the person chooses to go on; "not sure" shows
    the advice to have it checked promptly. Then each question is the most informative one
    for what has been answered so far (`Interview`); yes, no and not sure each count as
    said, and after an answer that changes them the leading muscles are shown.
    """
    interview = _noted(console, index, where)
    unsure: list[str] = []
    unsure_flags: list[str] = []
    record: list[tuple[str, str, bool]] = []
    behaviour = False
    lead: str | None = None
    flags = sum(s.red_flag for s in index.symptoms.values())
    _heading(console, f"First, {flags} safety question{'s' if flags != 1 else ''}.")
    while True:
        question = interview.next()
        if question is None and interview.stopped == "red-flag" and not interview.go_on:
            if not _go_on(console):
                break
            interview.go_on = True
            continue
        if question is None:
            break
        if not question.red_flag and not behaviour:
            behaviour = True
            _heading(console, "How does the pain behave? Answer y (yes), n (no) or ? (not sure).")
        reply = _ask_one(console, question.text, question.red_flag)
        interview.answer(question, reply)
        record.append((question.text, reply.value, question.red_flag))
        if question.red_flag and reply is Reply.yes:
            red_flag(console, index, question.id)
        elif question.red_flag and reply is Reply.unsure:
            unsure_flags.append(question.id)
            unsure_red_flag(console, index, question.id)
        elif reply is Reply.unsure:
            unsure.append(question.id)
        if not question.red_flag:
            lead = _leading(console, index, interview, lead)
    return Answers(
        (typed,),
        tuple(interview.regions),
        tuple(interview.symptoms),
        tuple(unsure),
        tuple(unsure_flags),
        tuple(interview.absent),
        cast("Side | None", where.side),
        tuple(record),
        interview.stopped,
        tuple(a.id for a, _ in interview.answers),
    )


def _noted(console: Console, index: CatalogIndex, where: RegionAnswer) -> Interview:
    """The interview for what the first answer named: its symptoms noted (an ambiguous word
    left to the questions, which ask about both meanings)."""
    said = set(where.symptoms)
    both = _ambiguous(console, index, where, said)
    symptoms = tuple(s for s in where.symptoms if s in said)
    plain = [s for s in symptoms if not index.symptoms[s].red_flag]
    if plain:
        names = ", ".join(index.symptoms[s].name for s in plain)
        console.print(Text("Noted as how it behaves: " + clean(names), style="green"))
    return Interview(index, where.regions, symptoms, first=both)


def _ask_one(console: Console, text: str, safety: bool) -> Reply:
    """One yes / no / not-sure question; a safety question shows the answer format and has
    no default, a question about the pain takes Enter as no."""
    if safety:
        prompt = Text(clean(text) + " ").append(SAFETY, "prompt.choices")
        return ReplyPrompt(prompt, console=console, show_default=False)()
    return ReplyPrompt(Text(clean(text)), console=console)(default=Reply.no)


def _go_on(console: Console) -> bool:
    """After a red flag: stop the questions, unless the person (a clinician) chooses to go on."""
    console.print()
    prompt = Text(clean(GO_ON) + " ").append("(y / N)", "prompt.choices")
    return ReplyPrompt(prompt, console=console, show_default=False)(default=Reply.no) is Reply.yes


def _leading(
    console: Console, index: CatalogIndex, interview: Interview, shown: str | None
) -> str | None:
    """The leading muscles now, in one dim line, when they differ from those `shown` last:
    the ranking moves with the answers, and an answer that moves nothing adds no line."""
    query = interview.query
    if query is None:
        return shown
    lead = words.leading(rank(index, query))
    if lead and lead != shown:
        console.print(Text(clean(lead), style="dim"))
    return lead or shown


def _intro(console: Console, index: CatalogIndex) -> None:
    """What `ask` is, and the numbered map; at a width too narrow for the two views side by
    side, the map is offered rather than printed (it would scroll the question away)."""
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
    if console.width < WIDE:
        prompt = Text("The numbered map is tall at this width. Show it? ").append(
            "(y / N)", "prompt.choices"
        )
        if ReplyPrompt(prompt, console=console, show_default=False)(default=Reply.no) is not (
            Reply.yes
        ):
            for line in _region_list(index, console.width):
                console.print(Text(clean(line), style="dim"))
            console.print()
            return
    print_map(console, numbered_picture(index), numbers=True)
    console.print()


def _region_list(index: CatalogIndex, width: int) -> list[str]:
    """The regions by number, as lines of at most `width` characters that never part a
    number from its name: what the map would show."""
    numbers = sorted(region_numbers(index).items(), key=lambda x: x[1])
    lines = ["Regions:"]
    for region, n in numbers:
        entry = f"{n} {words.region_name(index, region)}"
        if len(lines[-1]) + 1 + len(entry) + 1 <= width:
            lines[-1] += " " + entry
        else:
            lines.append(entry)
        lines[-1] += ";"
    lines[-1] = lines[-1].removesuffix(";")
    return lines


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
    With `side` (or a side named in the answer), the maps are drawn on that side."""
    _intro(console, index)
    try:
        where, typed = _ask_regions(console, index)
    except EOFError:
        console.print()
        sys.stderr.write("glutealtp: ask: stopped at the first question; nothing was ranked\n")
        return ExitCode.INTERRUPTED
    given = ask_questions(console, index, where, typed)
    given = given._replace(side=side or given.side)
    console.print()
    if not given.regions and not given.symptoms:
        console.print(
            Text("You reported no region and no symptom, so there is nothing to rank.", "yellow")
        )
        last_red_flags(console, index, given)
        console.print(Text(clean(index.disclaimer), style="dim italic"))
        return ExitCode.NO_MATCH
    return show_result(console, index, given, explain=explain, output=output, force=force)
