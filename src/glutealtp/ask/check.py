"""`glutealtp check`: confirm a leading muscle by pressing its trigger points, one at a
time, the way a clinician confirms one.

For the leading muscles, the point whose answer would best tell them apart (`ranking.exam`)
is shown on the map, with where to find it and how to press it in words from the sources;
then: does pressing there bring on the pain you know? A "yes" confirms the muscle, "tender
only" marks the point latent, "nothing" counts against the muscle. `--clinician` asks the
consensus criteria instead (taut band, hypersensitive spot, referred pain, recognition) and
records each. No exam after a red flag; a person is never asked to press a clinician's
point; the stop line comes before the first press.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from glutealtp.ask.answers import Reply
from glutealtp.ask.prompts import ReplyPrompt
from glutealtp.bodymap.geometry import Side
from glutealtp.bodymap.picture import muscle_picture
from glutealtp.bodymap.terminal import print_map
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.ranking.exam import next_to_press
from glutealtp.ranking.presses import PressPoint
from glutealtp.ranking.rank import rank
from glutealtp.ranking.results import PointAnswer, Query, Ranking
from glutealtp.text import clean
from glutealtp.vocabulary import PressAnswer, PressWho

FORMAT = "(y / n / ? = not sure / s = skip)"
FAMILIAR = "Does pressing there bring on the pain you know, in the place you feel it?"
TENDER = "Is the spot tender when you press it?"
STOP = (
    "Stop if pressing causes sharp, electric or spreading pain, numbness, or any symptom "
    "you have not had before."
)
"""The stop line before the first press (the sources' safety lines follow it)."""
NO_EXAM = (
    "No pressing exam after a red flag: have the red-flag symptom checked first. Do not self-treat."
)


class Press(NamedTuple):
    """One press of the exam: the point, the answer (None: not sure, or skipped) and, for a
    clinician, each criterion's answer."""

    point: PressPoint
    answer: PressAnswer | None
    words: str
    criteria: tuple[tuple[str, str], ...] = ()


def has_red_flag(ranking: Ranking) -> bool:
    return any(w.kind == "red-flag" for w in ranking.warnings)


def safety(console: Console, index: CatalogIndex) -> None:
    """The stop line, then the sources' safety lines, in one box before the first press."""
    lines = [STOP, *(n["text"] for n in index.press_safety)]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row("-", Text(clean(line)))
    disclaimer = Text(clean(index.disclaimer), style="italic")  # its own paragraph, no bullet's
    body = Group(grid, Text(""), disclaimer)
    console.print(Panel(body, title="Before you press", title_align="left", border_style="yellow"))


def _sources(index: CatalogIndex, point: PressPoint) -> str:
    titles = [index.sources[s]["title"] for s in point.sources if s in index.sources]
    return "Sources: " + "; ".join(titles) if titles else ""


def show_point(console: Console, index: CatalogIndex, point: PressPoint, side: Side | None) -> None:
    """The point on the map (its marker alone), then where to find it and how to press."""
    picture = muscle_picture(index, point.muscle, side=side)
    picture = picture._replace(
        title=f"{point.muscle_name}: {point.name}",
        markers=tuple(m for m in picture.markers if m.id == point.id),
        notes=(),  # the exam needs the point and its pattern, not the map's footnotes
    )
    print_map(console, picture)
    console.print()
    console.print(Text(clean(f"{point.muscle_name}, {words.lower_first(point.name)}"), "bold"))
    if point.find:
        console.print(Text(clean("Where to search: " + point.find)))
    if point.press:
        console.print(Text(clean("How to press: " + point.press)))
    note = _sources(index, point)
    if note:
        console.print(Text(clean(note), style="dim"))


def _ask(console: Console, question: str) -> Reply | None:
    """y / n / not sure (and s to skip), the question on its own line(s) and the answer
    format as the prompt: None is a skip."""
    console.print(Text(clean(question), style="bold"))
    prompt = Text(FORMAT, "prompt.choices")
    return SkipPrompt(prompt, console=console, show_default=False)()


class SkipPrompt(ReplyPrompt):
    """A yes / no / not-sure question that also takes "s" (skip) as no answer."""

    def parse(self, value: str) -> Reply | None:  # type: ignore[override]  # None: a skip
        if value.strip().casefold() in ("s", "skip"):
            return None
        return super().parse(value)


def press_self(console: Console) -> tuple[PressAnswer | None, str]:
    """The person's answer: the familiar pain, tender only, nothing (or not sure, skip)."""
    reply = _ask(console, FAMILIAR)
    if reply is None:
        return None, "skipped"
    if reply is Reply.yes:
        return "familiar", "the familiar pain"
    if reply is Reply.unsure:
        return None, "not sure"
    tender = _ask(console, TENDER)
    if tender is Reply.yes:
        return "tender", "tender only"
    if tender is Reply.no:
        return "none", "nothing"
    return None, "not sure" if tender is Reply.unsure else "skipped"


def press_clinician(
    console: Console, index: CatalogIndex
) -> tuple[PressAnswer | None, str, tuple[tuple[str, str], ...]]:
    """A clinician's findings at the point, one consensus criterion at a time; the answer is
    "familiar" when the person recognises the pain, "tender" for a hypersensitive spot
    alone, "none" when neither."""
    found: dict[str, Reply | None] = {}
    for criterion in index.press_criteria:
        found[criterion["id"]] = _ask(console, criterion["text"])
    criteria = tuple((c, "skipped" if r is None else r.value) for c, r in found.items())
    if found.get("recognition") is Reply.yes:
        return "familiar", "the familiar pain (recognised)", criteria
    if found.get("hypersensitive-spot") is Reply.yes:
        return "tender", "a hypersensitive spot, not the familiar pain", criteria
    if found.get("recognition") is Reply.no and found.get("hypersensitive-spot") is Reply.no:
        return "none", "nothing", criteria
    return None, "not sure", criteria


def run_exam(
    console: Console,
    index: CatalogIndex,
    query: Query,
    *,
    who: PressWho = "self",
    side: Side | None = None,
) -> tuple[Query, tuple[Press, ...], str]:
    """The exam on the ranking of `query`: the query with every answer, the presses, and
    why it stopped."""
    ranking = rank(index, query)
    if has_red_flag(ranking):
        console.print(Panel(Text(clean(NO_EXAM), "bold"), title=words.URGENT, border_style="red"))
        return query, (), "a red flag was reported"
    presses: list[Press] = []
    skipped: set[str] = set()
    unsure: dict[str, int] = {}
    warned = False
    while True:
        choice = next_to_press(index, ranking, who, frozenset(skipped), unsure)
        if choice is None:
            break
        if not warned:
            safety(console, index)
            warned = True
        console.print()
        show_point(console, index, choice.point, side)
        if who == "clinician":
            answer, said, criteria = press_clinician(console, index)
        else:
            (answer, said), criteria = press_self(console), ()
        presses.append(Press(choice.point, answer, said, criteria))
        if answer is None:
            if said == "skipped":
                skipped.add(choice.point.id)
            else:
                unsure[choice.point.id] = unsure.get(choice.point.id, 0) + 1
            continue
        pressed = (*query.pressed, PointAnswer(choice.point.id, answer))
        query = query._replace(pressed=tuple(sorted(pressed)))
        ranking = rank(index, query)
        _leading(console, ranking)
    return query, tuple(presses), _why_stopped(ranking, presses, warned)


def _leading(console: Console, ranking: Ranking) -> None:
    lead = words.leading(ranking)
    if lead:
        console.print(Text(clean(lead), style="dim"))


def _why_stopped(ranking: Ranking, presses: list[Press], started: bool) -> str:
    if not started:
        return "no trigger point of the leading muscles has directions a person can follow"
    top = [r for r in ranking.results if r.rank == 1]
    if len(top) == 1 and any(p.answer == "familiar" for p in top[0].pressed):
        name = words.lower_first(top[0].name)
        return (
            f"pressing a {name} trigger point brought on the familiar pain, so {name} now"
            " leads clearly (a sign for a clinician to weigh, not a diagnosis)"
        )
    if len(top) == 1:
        return "one muscle now leads clearly"
    return f"no other point is worth pressing ({len(presses)} pressed)"


def pressed_lines(presses: tuple[Press, ...]) -> list[str]:
    """What was pressed, one line each with the answer (and a clinician's criteria)."""
    return [f"- {point}: {answer}" for point, answer in press_record(presses)]


def press_record(presses: tuple[Press, ...]) -> tuple[tuple[str, str], ...]:
    """The exam for the handout: each point pressed, and the answer with any findings."""
    out = []
    for p in presses:
        findings = "; ".join(f"{c.replace('-', ' ')}: {a}" for c, a in p.criteria)
        answer = f"{p.words} ({findings})" if findings else p.words
        out.append((f"{p.point.muscle_name}, {words.lower_first(p.point.name)}", answer))
    return tuple(out)
