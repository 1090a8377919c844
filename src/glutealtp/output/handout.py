"""The printable handout: one self-contained HTML page a therapist can hand to a patient, or
keep in the notes, and sign; two pages of A4 or Letter for five muscles.

A title, the date, blank lines for the person's name; the red flags first (one box for those
reported, one for those answered "not sure"); what was reported in words (the side
included); every question asked with its answer, the safety questions (the red-flag screen)
first; the ranking in the same plain words as the terminal (`words`, near-ties named as
such); where to find each listed muscle's trigger points (withheld after a red flag); the
best match's body map with its key and notes as page text beside it, and the clinician's
notes under them; the sources; the disclaimer.

No command lines, no ids. Nothing is loaded from anywhere: no fonts, scripts or images but
the inline picture. Every string from the data or the person is escaped. The style sheet,
the map, the trigger points and the sources are in `handout_parts`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, NamedTuple

from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.output.handout_parts import STYLE, e, map_section, sources, trigger_points
from glutealtp.ranking.results import Query, Ranking, Result

if TYPE_CHECKING:
    from glutealtp.bodymap.picture import Picture

HANDOUT_TOP = 5
"""Muscles a handout lists when no `--top` was given: a page, not a catalog."""


class Asked(NamedTuple):
    """What the person said, as they put it; the red flags they were unsure of; each
    question with its answer (question, answer, whether it is a safety question); and the
    side the pain is on."""

    words: tuple[str, ...]
    unsure_red_flags: tuple[str, ...] = ()
    record: tuple[tuple[str, str, bool], ...] = ()
    side: str | None = None
    presses: tuple[tuple[str, str], ...] = ()
    """The pressing exam (`check`): each point pressed and the answer, with a clinician's
    findings when given."""


def _header(today: datetime.date) -> str:
    return (
        "<header><h1>Trigger points that may explain this pain</h1>"
        f'<p class="meta">Prepared on {today.isoformat()} with glutealtp, from the person\'s '
        "own answers.</p>"
        '<div class="form"><span>Name:</span><span>Date of birth:</span>'
        "<span>Clinician:</span><span>Date seen:</span></div></header>"
    )


def _box(title: str, paragraphs: list[str]) -> str:
    """A red-flag box: one style, one title; its text does not say "RED FLAG" again."""
    text = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    return f'<section class="alert" role="alert"><h2>{e(title)}</h2>{text}</section>'


def _alerts(index: CatalogIndex, ranking: Ranking, asked: Asked) -> list[str]:
    """One box for the red flags reported, one for those answered "not sure"."""
    flags = [w.message.removeprefix("RED FLAG: ") for w in ranking.warnings if w.kind == "red-flag"]
    unsure = [
        f"{index.symptoms[s].name if s in index.symptoms else s}: not sure."
        for s in asked.unsure_red_flags
    ]
    out = [_box(words.URGENT, flags)] if flags else []
    if unsure:
        out.append(_box(words.URGENT_UNSURE, [*unsure, words.UNSURE_RED_FLAG]))
    return out


def _in_their_words(index: CatalogIndex, ranking: Ranking, asked: Asked) -> str | None:
    """The person's words, when they say more than the names they were understood as."""
    said = [w for w in asked.words if w.strip()]
    q = ranking.query
    names = {words.region_name(index, r).lower() for r in q.regions}
    names |= {words.symptom_name(index, s).lower() for s in q.symptoms}
    if said and all(" ".join(w.split()).lower() in names for w in said):
        return None
    return ", ".join(f"“{w}”" for w in said) or "(nothing typed)"


def _reported(index: CatalogIndex, ranking: Ranking, asked: Asked) -> str:
    q = ranking.query
    said = _in_their_words(index, ranking, asked)
    rows = [("In the person's words", said)] if said else []
    if q.regions:
        where = words.join_and([words.region_name(index, r) for r in q.regions])
        rows.append(("Where it hurts", where + (f" ({asked.side} side)" if asked.side else "")))
    red = [s for s in q.symptoms if s in index.symptoms and index.symptoms[s].red_flag]
    behaves = [words.symptom_name(index, s) for s in q.symptoms if s not in red]
    if behaves:
        rows.append(("How it behaves", words.join_and(behaves)))
    if red:
        rows.append(("Red flag", words.join_and([words.symptom_name(index, s) for s in red])))
    if q.absent and not asked.record:  # with a record, the answers' table has each no
        names = [
            words.region_name(index, a) if a in index.regions else words.symptom_name(index, a)
            for a in q.absent
        ]
        rows.append(("Answered no", words.join_and(names)))
    if not asked.presses:  # the exam's own rows say more, in the answers' table
        rows += [("Pressed", line) for line in _pressed(index, q)]
    table = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows)
    return f'<h2>What was reported</h2><table class="reported"><tbody>{table}</tbody></table>'


PRESS_SAID = {"familiar": "the familiar pain", "tender": "tender only", "none": "nothing"}
"""What pressing a trigger point brought on, as the handout says it."""


def _pressed(index: CatalogIndex, q: Query) -> list[str]:
    """Each trigger point pressed, its muscle and what pressing it brought on."""
    names = {
        tp["id"]: (entry.name, tp["name"])
        for m, entry in index.muscles.items()
        for tp in index.muscle_record(m)["trigger_points"]
    }
    return [
        f"{names[p][0]}, {words.lower_first(names[p][1])}: {PRESS_SAID[a]}"
        for p, a in q.pressed
        if p in names
    ]


NOT_ASKED = 'not asked<i class="tick"></i>yes<i class="tick"></i>no'
"""The answer to a safety question the handout's command did not ask: boxes to tick."""


def _screen(index: CatalogIndex, ranking: Ranking) -> list[tuple[str, str]]:
    """Without a record (a handout from `which`), each safety question with what the query
    says of it: reported, said no to, or not asked (boxes for the clinician to tick)."""
    q = ranking.query
    return [
        (
            s.question,
            "yes (reported)" if s.id in q.symptoms else "no" if s.id in q.absent else NOT_ASKED,
        )
        for s in index.symptoms.values()
        if s.red_flag
    ]


def _questions(index: CatalogIndex, ranking: Ranking, asked: Asked) -> str:
    """Every question with its answer, the safety questions (the red-flag screen) first;
    without a record, the red-flag screen as far as the query tells it."""
    if asked.record:
        rows = [
            f"<tr><td>{'Safety: ' if safety else ''}{e(q)}</td><td>{e(a)}</td></tr>"
            for q, a, safety in asked.record
        ]
        note = ""
    else:
        screen = _screen(index, ranking)
        rows = [
            f"<tr><td>Safety: {e(q)}</td><td>{a if a == NOT_ASKED else e(a)}</td></tr>"
            for q, a in screen
        ]
        unasked = any(a == NOT_ASKED for _, a in screen)
        note = " (the red-flag screen was not asked: ask it first)" if unasked else ""
    rows += [f"<tr><td>Pressed: {e(p)}</td><td>{e(a)}</td></tr>" for p, a in asked.presses]
    return (
        "<h2>Questions and answers</h2>"
        f'<table class="answers"><thead><tr><th>Question{note}</th><th>Answer</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _result(index: CatalogIndex, r: Result) -> str:
    best = ' class="best"' if r.rank == 1 else ""
    items = [*words.explains(index, r)]
    items += [f"Also check: {a}" for a in words.also_check(r.also_check)]
    lines = "".join(f"<span>{e(i)}</span>" for i in items)
    return (
        f"<tr><td>{e(words.rank_words(r))}</td><td{best}>{e(r.name)}</td>"
        f'<td>{e(words.score_words(r))}</td><td class="lines">{lines}</td></tr>'
    )


def _next(ranking: Ranking) -> str:
    """What would tell the leaders apart: the lead-in, then each question."""
    ahead = words.next_questions(ranking)
    if not ahead:
        return ""
    asks = "".join(f"<li>{e(q.removeprefix('- '))}</li>" for q in ahead[1:])
    return f"<p>{e(ahead[0])}</p>" + (f"<ul>{asks}</ul>" if asks else "")


def _ranking(index: CatalogIndex, ranking: Ranking, more: int) -> str:
    parts = ["<h2>The ranking</h2>"]
    if words.has_red_flag(ranking):
        parts.append(f"<p><strong>{e(words.CLINICIAN)}</strong></p>")
    parts.append(f"<p><strong>{e(words.summary_line(index, ranking))}</strong></p>")
    if ranking.results:
        parts.append(
            '<table class="ranking"><thead><tr><th>Rank</th><th>Muscle</th><th>Score, fit</th>'
            "<th>What it explains, and what else to know</th></tr></thead><tbody>"
            + "".join(_result(index, r) for r in ranking.results)
            + "</tbody></table>"
        )
    if more:
        fit = "fits" if more == 1 else "fit"
        parts.append(
            f'<p class="note">{more} more muscle{"s" if more > 1 else ""} {fit} less '
            "well and are not listed here.</p>"
        )
    parts.append(_next(ranking))
    legend = f"{words.legend(index, ranking)} " if ranking.results else ""
    parts.append(f'<p class="note">{e(legend + words.catalog_line(index))}</p>')
    return "\n".join(p for p in parts if p)


WITHHELD = (
    "Where the trigger points are is not given here: a red flag comes first. Have it checked "
    "before any self-treatment."
)

NOTES = (
    '<h2>Clinician\'s notes</h2><div class="notes"><p>Findings, the trigger points examined, '
    "and the plan:</p><i></i><i></i><i></i><i></i></div>"
)


def handout(
    index: CatalogIndex,
    ranking: Ranking,
    asked: Asked,
    picture: Picture | None,
    top: int | None = None,
    today: datetime.date | None = None,
) -> str:
    """The whole page; `picture` is the best match's body map (drawn without its trigger
    points after a red flag)."""
    keep = top or HANDOUT_TOP
    shown = ranking._replace(results=ranking.results[:keep])
    more = len(ranking.results) - len(shown.results)
    red = words.has_red_flag(ranking) or bool(asked.unsure_red_flags)
    points = (
        f"<h2>Trigger points of the listed muscles</h2><p>{e(WITHHELD)}</p>"
        if red
        else trigger_points(index, shown.results)
    )
    body = [
        _header(today or datetime.date.today()),
        *_alerts(index, ranking, asked),
        _reported(index, ranking, asked),
        _questions(index, ranking, asked),
        _ranking(index, shown, more),
        points if shown.results else "",
        map_section(picture, ranking, NOTES) or NOTES,
        sources(index, shown.results),
        f"<footer><p>{e(ranking.disclaimer)}</p></footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>glutealtp: trigger points that may explain this pain</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(b for b in body if b)
        + "\n</body>\n</html>\n"
    )
