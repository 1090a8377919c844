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
import textwrap
from typing import NamedTuple, TextIO, cast

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from glutealtp import commands
from glutealtp.ask import answers
from glutealtp.ask.answers import RegionAnswer, Reply
from glutealtp.ask.interview import Interview
from glutealtp.ask.prompts import RegionPrompt, ReplyPrompt, read_answer
from glutealtp.bodymap.geometry import Side
from glutealtp.bodymap.picture import (
    muscle_picture,
    numbered_picture,
    ranking_picture,
    region_numbers,
)
from glutealtp.bodymap.terminal import WIDE, print_map
from glutealtp.catalog.index import CatalogIndex
from glutealtp.errors import ExitCode
from glutealtp.output import words
from glutealtp.output.document import Alert, Document, Format, Paragraph, Span
from glutealtp.output.profile import FOOTNOTE, trigger_point_table
from glutealtp.output.ranking import ranking_document
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


class Answers(NamedTuple):
    """Everything the person answered: what they typed for where it hurts, the regions and
    symptoms it named or that were answered yes, those answered no, the side, and each
    question with its answer (the safety questions included), in the order asked."""

    typed: tuple[str, ...]
    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    unsure: tuple[str, ...]
    unsure_red_flags: tuple[str, ...]
    absent: tuple[str, ...] = ()
    side: Side | None = None
    record: tuple[tuple[str, str, bool], ...] = ()
    """(the question, the answer in words, whether it is a safety question)."""
    stopped: str | None = None
    """Why the questions ended (`interview.Stop`)."""
    asked: tuple[str, ...] = ()
    """Every item asked about, whatever the answer."""


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
            Text(clean(f"{index.symptoms[symptom].name}. {words.UNSURE_RED_FLAG}")),
            title=words.URGENT_UNSURE,
            border_style="bold red",
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
    said, and after each answer the leading muscles are shown.
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
    record: list[tuple[str, str, bool]] = []
    behaviour = False
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
            _red_flag(console, index, question.id)
        elif question.red_flag and reply is Reply.unsure:
            unsure_flags.append(question.id)
            _unsure_red_flag(console, index, question.id)
        elif reply is Reply.unsure:
            unsure.append(question.id)
        if not question.red_flag:
            _leading(console, index, interview)
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


def _leading(console: Console, index: CatalogIndex, interview: Interview) -> None:
    """The leading muscles now, in one dim line: the ranking moves with each answer."""
    query = interview.query
    if query is None:
        return
    results = rank(index, query).results
    top = [r.name for r in results if r.rank == 1]
    if not top:
        return
    names = words.join_and([top[0], *(words.lower_first(n) for n in top[1:])])
    lead = f"Leading now: {names}" if len(top) == 1 else f"Leading now, about equally: {names}"
    console.print(Text(clean(lead), style="dim"))


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
            console.print(Text(clean(_region_list(index)), style="dim"))
            console.print()
            return
    print_map(console, numbered_picture(index), numbers=True)
    console.print()


def _region_list(index: CatalogIndex) -> str:
    """The regions by number, in one paragraph: what the map would show."""
    numbers = region_numbers(index)
    return "Regions: " + "; ".join(
        f"{n} {index.regions[r].name.lower()}"
        for r, n in sorted(numbers.items(), key=lambda x: x[1])
    )


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
        _last_red_flags(console, index, given)
        console.print(Text(clean(index.disclaimer), style="dim italic"))
        return ExitCode.NO_MATCH
    return _show_result(console, index, given, explain=explain, output=output, force=force)


TOP = 3
"""Results `ask` shows beyond its leading group: the best three, in plain words."""


def _show_result(
    console: Console,
    index: CatalogIndex,
    given: Answers,
    *,
    explain: bool,
    output: str | None,
    force: bool,
) -> int:
    """The ranking (the leading group and the best three; a red flag first, then any "not
    sure" one), the map, what was asked with each answer, the handout file; with no red flag,
    the offer to show a result's trigger points; with one, the red flag again, last."""
    doc, code, ranking = commands.rank_document(
        index,
        given.regions,
        given.symptoms,
        absent=given.absent,
        top=None,
        explain=explain,
        asked=given.asked,
        kinds=("symptom",),
    )
    shown = max(TOP, sum(r.rank == 1 for r in ranking.results))
    # What was asked is listed below; no further question is offered at the end.
    ranking = ranking._replace(results=ranking.results[:shown], next_questions=())
    doc = ranking_document(index, ranking, explain=explain)
    if given.unsure_red_flags:
        alerts = tuple(
            Alert(words.URGENT_UNSURE, (f"{index.symptoms[s].name}. {words.UNSURE_RED_FLAG}",))
            for s in given.unsure_red_flags
        )
        flags = next((i for i, b in enumerate(doc.screen) if not isinstance(b, Alert)), 0)
        doc = doc._replace(screen=(*doc.screen[:flags], *alerts, *doc.screen[flags:]))
    red = words.has_red_flag(ranking) or bool(given.unsure_red_flags)
    picture = ranking_picture(index, ranking, given.side, withhold=red)
    console.file.flush()
    commands.emit(doc, Format.table, out=cast(TextIO, console.file))
    console.print()
    print_map(console, picture)
    console.print()
    for line in what_was_asked(index, given, explain):
        bullet = line.startswith("- ")
        wrapped = textwrap.wrap(
            clean(line), console.width, subsequent_indent="  " if bullet else ""
        )
        for part in wrapped:
            console.print(Text(part, style="dim" if bullet else ""), soft_wrap=True)
    if output:
        from glutealtp.output.handout import Asked

        asked = Asked(given.typed, given.unsure_red_flags, given.record, given.side)
        commands.write_output(output, "html", index, ranking, doc, picture, asked, force, top=shown)
        console.print(Text(clean(f"Saved for your clinician: {output}"), style="green"))
    if not red:
        _offer_trigger_points(console, index, [r.muscle for r in ranking.results], given.side)
    _last_red_flags(console, index, given)
    return code


def _last_red_flags(console: Console, index: CatalogIndex, given: Answers) -> None:
    """The red flags again, as the last thing on the screen."""
    for s in given.symptoms:
        if index.symptoms[s].red_flag:
            console.print()
            _red_flag(console, index, s)
    for s in given.unsure_red_flags:
        console.print()
        _unsure_red_flag(console, index, s)


def what_was_asked(index: CatalogIndex, given: Answers, explain: bool = False) -> list[str]:
    """Each question asked, in plain words, with its answer, the safety questions first;
    with `explain`, the ids of what was reported, answered no and not asked."""
    lines = []
    if given.record:
        lines.append("What you were asked:")
        lines += [f"- {question} {answer}" for question, answer, _ in given.record]
    if given.stopped:
        lines.append(STOPPED[given.stopped])
    if explain:
        asked = set(given.asked)
        left = [
            s
            for s, e in index.symptoms.items()
            if not e.red_flag and s not in asked and s not in given.symptoms
        ]
        lines.append(f"Reported (ids): {', '.join((*given.regions, *given.symptoms)) or '-'}")
        lines.append(f"Answered no (ids): {', '.join(given.absent) or '-'}")
        lines.append(f"Not asked (ids): {', '.join(left) or '-'}")
    return lines


STOPPED = {
    "clear": "The questions stopped because one muscle now leads clearly.",
    "settled": "The questions stopped because no answer could change which muscles lead.",
    "budget": "The questions stopped at the most this questionnaire asks.",
    "red-flag": "The questions stopped because a red flag comes first.",
}
"""Why the questions ended, in words (`interview.Stop`)."""


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
