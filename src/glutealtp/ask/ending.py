"""The end of `glutealtp ask`: the ranking, the map, what was asked with each answer, the
handout, the offer to show a result's trigger points, and a red flag again, last. Also the
urgent-care boxes, shown the moment a red flag is named and again here."""

from __future__ import annotations

import textwrap
from typing import NamedTuple, TextIO, cast

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from glutealtp import commands
from glutealtp.ask import answers
from glutealtp.ask.answers import Reply
from glutealtp.ask.prompts import ReplyPrompt, read_answer
from glutealtp.bodymap.geometry import Side
from glutealtp.bodymap.picture import muscle_picture, ranking_picture
from glutealtp.bodymap.terminal import print_map
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.output.document import Alert, Document, Format, Paragraph, Span
from glutealtp.output.profile import FOOTNOTE, trigger_point_table
from glutealtp.output.ranking import ranking_document
from glutealtp.ranking.rank import rank
from glutealtp.ranking.results import Query
from glutealtp.text import clean


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


def red_flag(console: Console, index: CatalogIndex, symptom: str) -> None:
    entry = index.symptoms[symptom]
    console.print(
        Panel(
            Text(clean(f"{entry.name}. {entry.advice or ''}".strip()), style="bold"),
            title=words.URGENT,
            border_style="bold red",
        )
    )


def unsure_red_flag(console: Console, index: CatalogIndex, symptom: str) -> None:
    console.print(
        Panel(
            Text(clean(f"{index.symptoms[symptom].name}. {words.UNSURE_RED_FLAG}")),
            title=words.URGENT_UNSURE,
            border_style="bold red",
        )
    )


TOP = 3
"""Results `ask` shows beyond its leading group: the best three, in plain words."""


def print_asked(console: Console, lines: list[str]) -> None:
    """What was asked, one answer a line, wrapped at the console's width."""
    for line in lines:
        bullet = line.startswith("- ")
        wrapped = textwrap.wrap(
            clean(line),
            console.width,
            subsequent_indent="  " if bullet else "",
            break_on_hyphens=False,  # never inside an id ("slouched-sitting") or a word
            break_long_words=False,
        )
        for part in wrapped:
            console.print(Text(part, style="dim" if bullet else ""), soft_wrap=True)


def show_result(
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
        side=given.side,
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
    print_map(console, picture._replace(alerts=()))  # the red flag heads the ranking and ends
    console.print()
    print_asked(console, what_was_asked(index, given, explain))
    if not red:
        offer_trigger_points(console, index, [r.muscle for r in ranking.results], given.side)
        examined = offer_exam(console, index, ranking.query, given.side)
        if examined is not None:  # the handout records the exam and the ranking after it
            ranking = rank(index, examined)
            ranking = ranking._replace(results=ranking.results[:shown])
            doc = ranking_document(index, ranking, explain=explain)
    if output:
        from glutealtp.output.handout import Asked

        asked = Asked(given.typed, given.unsure_red_flags, given.record, given.side)
        commands.write_output(output, "html", index, ranking, doc, picture, asked, force, top=shown)
        console.print(Text(clean(f"Saved for your clinician: {output}"), style="green"))
    last_red_flags(console, index, given)
    return code


EXAM_OFFER = "Confirm it by pressing the leading muscles' trigger points?"


def offer_exam(
    console: Console, index: CatalogIndex, query: Query, side: Side | None
) -> Query | None:
    """With no red flag: the pressing exam of `check`, on what was answered, if wanted; the
    query with its answers (None: no exam)."""
    from glutealtp.ask.check import pressed_lines, run_exam
    from glutealtp.ranking.exam import next_press

    if next_press(index, rank(index, query)) is None:
        return None  # nothing a person could press would tell the leaders apart
    console.print()
    prompt = Text(clean(EXAM_OFFER) + " ").append("(y / N)", "prompt.choices")
    if ReplyPrompt(prompt, console=console, show_default=False)(default=Reply.no) is not Reply.yes:
        return None
    query, presses, stopped = run_exam(console, index, query, side=side)
    console.print()
    if presses:
        print_asked(console, ["What was pressed:", *pressed_lines(presses)])
    lead = words.leading(rank(index, query), "after the exam")
    if lead:
        console.print(Text(clean(lead), style="bold"))
    console.print(Text(clean(f"The exam stopped because {stopped}."), style="dim"))
    console.print(Text(clean(index.disclaimer), style="dim italic"))
    return query


def last_red_flags(console: Console, index: CatalogIndex, given: Answers) -> None:
    """The red flags again, as the last thing on the screen: any answered "not sure", then
    those reported, so that the urgent-care box is the very last."""
    for s in given.unsure_red_flags:
        console.print()
        unsure_red_flag(console, index, s)
    for s in given.symptoms:
        if index.symptoms[s].red_flag:
            console.print()
            red_flag(console, index, s)


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


def offer_trigger_points(
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
            Text(f"Show a result's trigger points? Its rank ({choices}) or name; Enter to skip: "),
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
                Paragraph((Span(f"{entry['name']}: its trigger points", "heading"),)),
                table,
                *([Paragraph((Span(FOOTNOTE, "dim"),))] if single else []),
            ),
            whole=words.muscle_names(index),
        )
        console.file.flush()
        commands.emit(doc, Format.table, out=cast(TextIO, console.file))
        console.print()
        print_map(console, muscle_picture(index, muscle, side=side))
