"""The printable handout: one self-contained HTML page a therapist can hand to a patient, or
keep in the notes, and sign.

A title, the date, blank lines for the person's name and the clinician's notes; the red
flag first; what was reported in words (the side included); every question asked with its
answer, the safety questions first; the ranking in the same plain words as the terminal
(`words`, near-ties named as such); the best match's body map, its key and notes as text
under it; where to find each listed muscle's trigger points (withheld after a red flag);
the sources; the disclaimer. No command lines, no ids. Nothing is loaded from anywhere: no
fonts, scripts or images but the inline picture. Every string from the data or the person
is escaped.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.output.profile import ACTIVITY, citation
from glutealtp.ranking.results import Ranking, Result
from glutealtp.text import clean

if TYPE_CHECKING:
    from glutealtp.bodymap.picture import Picture
    from glutealtp.catalog import raw

HANDOUT_TOP = 5
"""Muscles a handout lists when no `--top` was given: a page, not a catalog."""

STYLE = """
:root { color-scheme: light; }
body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; max-width: 46em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h2 { font-size: 1.15em; margin: 1.1em 0 .35em; border-bottom: 1px solid #999; }
h3 { font-size: 1em; margin: .8em 0 .25em; }
.meta { margin: 0 0 .6em; color: #333; }
.form { display: grid; grid-template-columns: 1fr 1fr; gap: .4em 2em; margin: .6em 0; }
.form span { border-bottom: 1px solid #555; padding-top: 1.1em; }
.alert { border: 3px solid #b00020; padding: .5em 1em; margin: .8em 0; }
.alert h2 { color: #b00020; border: 0; margin: 0 0 .3em; }
.best { font-weight: bold; }
.score { white-space: nowrap; }
ol.ranking > li { margin: .4em 0; }
ol.ranking ul { margin: .15em 0; padding-left: 1.2em; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .7em; }
th, td { border: 1px solid #bbb; padding: .2em .4em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
figure { margin: .6em 0; text-align: center; }
figure svg { max-width: 100%; height: auto; max-height: 9cm; }
table.points { font-size: 9pt; }
figcaption, .key { text-align: left; font-size: 9.5pt; }
.key span { display: inline-block; margin-right: 1.2em; }
.key i { display: inline-block; width: 1.6em; height: .9em; margin-right: .3em;
  vertical-align: middle; border: 1.5px solid #555; }
.key .essential { background: #c62828; border-color: #7f0000; }
.key .spillover { background: repeating-radial-gradient(#c62828 0 1px, #f6c9c9 1.5px 3px);
  border-color: #c62828; }
.key .reported { border: 2px dashed #1565c0; }
.key .marker { border-radius: 50%; background: #fff; border: 2px solid #000; width: .9em; }
.key .schematic { border-radius: 50%; border: 2px dashed #000; width: .9em; }
.key .deep { border: 1.5px dashed #555; background: repeating-linear-gradient(45deg,
  #c62828 0 2px, #fff 2px 5px); }
.note, footer { color: #333; font-size: 9pt; }
.sources { color: #333; font-size: 8pt; }
.sources ul { columns: 2; column-gap: 2em; padding-left: 1em; margin: 0; }
.sources li { margin: 0 0 .15em; break-inside: avoid; }
.notes { border: 1px solid #555; min-height: 5em; padding: .4em .6em; }
.notes p { color: #555; margin: 0; }
footer { border-top: 1px solid #999; margin-top: 1.4em; padding-top: .4em; }
a { color: #0645ad; word-break: break-all; }
@page { margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; color: #000; }
  a { color: #000; text-decoration: none; }
  th { background: none; }
  h2, h3 { break-after: avoid; }
  .alert, figure, tr, li, .notes { break-inside: avoid; }
}
"""


class Asked(NamedTuple):
    """What the person said, as they put it; the red flags they were unsure of; each
    question with its answer (question, answer, whether it is a safety question); and the
    side the pain is on."""

    words: tuple[str, ...]
    unsure_red_flags: tuple[str, ...] = ()
    record: tuple[tuple[str, str, bool], ...] = ()
    side: str | None = None


def _e(text: str) -> str:
    return escape(clean(text), quote=True)


def _header(today: datetime.date) -> str:
    return (
        "<h1>Trigger points that may explain this pain</h1>"
        f'<p class="meta">Prepared on {today.isoformat()} with glutealtp, from the person\'s '
        "own answers.</p>"
        '<div class="form"><span>Name:</span><span>Date of birth:</span>'
        "<span>Clinician:</span><span>Date seen:</span></div>"
    )


def _alerts(index: CatalogIndex, ranking: Ranking, asked: Asked) -> list[str]:
    """One box per red flag, each with one title: reported, or answered "not sure"."""
    out = [
        f'<section class="alert" role="alert"><h2>{_e(words.URGENT)}</h2>'
        f"<p><strong>{_e(w.message.removeprefix('RED FLAG: '))}</strong></p></section>"
        for w in ranking.warnings
        if w.kind == "red-flag"
    ]
    for symptom in asked.unsure_red_flags:
        name = index.symptoms[symptom].name if symptom in index.symptoms else symptom
        out.append(
            f'<section class="alert" role="alert"><h2>{_e(words.URGENT_UNSURE)}</h2>'
            f"<p><strong>{_e(name)}.</strong> {_e(words.UNSURE_RED_FLAG)}</p></section>"
        )
    return out


def _reported(index: CatalogIndex, ranking: Ranking, asked: Asked) -> str:
    said = ", ".join(f"“{_e(w)}”" for w in asked.words if w) or "(nothing typed)"
    q = ranking.query
    rows = []
    if q.regions:
        where = words.join_and([words.region_name(index, r) for r in q.regions])
        side = f" ({asked.side} side)" if asked.side else ""
        rows.append(("Where it hurts", where + side))
    behaves = [words.symptom_name(index, s) for s in q.symptoms]
    if behaves:
        rows.append(("How it behaves", words.join_and(behaves)))
    if q.absent:
        names = [
            words.region_name(index, a) if a in index.regions else words.symptom_name(index, a)
            for a in q.absent
        ]
        rows.append(("Answered no", words.join_and(names)))
    table = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows)
    return (
        f"<h2>What was reported</h2><p>In the person's words: {said}</p>"
        f"<table><tbody>{table}</tbody></table>"
    )


def _questions(index: CatalogIndex, asked: Asked) -> str:
    """Every question with its answer, the safety questions first; without a record (a
    handout from `which`), the safety questions as not asked, for the clinician to ask."""
    if asked.record:
        rows = [
            f"<tr><td>{'Safety: ' if safety else ''}{_e(q)}</td><td>{_e(a)}</td></tr>"
            for q, a, safety in asked.record
        ]
    else:
        rows = [
            f"<tr><td>Safety: {_e(s.question)}</td><td>not asked</td></tr>"
            for s in index.symptoms.values()
            if s.red_flag
        ]
    return (
        "<h2>Questions and answers</h2><table><thead><tr><th>Question</th><th>Answer</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _result(index: CatalogIndex, r: Result) -> str:
    best = ' class="best"' if r.rank == 1 else ""
    items = [*words.explains(index, r)]
    items += [f"Also check: {a}" for a in words.also_check(r.also_check)]
    lines = "".join(f"<li>{_e(i)}</li>" for i in items)
    rank = words.rank_words(r)
    return (
        f'<li value="{r.rank}"><span{best}>{_e(r.name)}</span> '
        f'<span class="score">({_e(rank)}: {_e(words.score_words(r))} fit)</span>'
        f"<ul>{lines}</ul></li>"
    )


def _ranking(index: CatalogIndex, ranking: Ranking, more: int) -> str:
    red = words.has_red_flag(ranking)
    head = "For your clinician: the ranking" if red else "The ranking"
    parts = [f"<h2>{head}</h2>"]
    if red:
        parts.append(f"<p>{_e(words.CLINICIAN.removeprefix('For your clinician: '))}</p>")
    parts.append(f"<p><strong>{_e(words.summary_line(index, ranking))}</strong></p>")
    if ranking.results:
        parts.append('<ol class="ranking">')
        parts += [_result(index, r) for r in ranking.results]
        parts.append("</ol>")
    if more:
        fit = "fits" if more == 1 else "fit"
        parts.append(
            f'<p class="note">{more} more muscle{"s" if more > 1 else ""} {fit} less '
            "well and are not listed here.</p>"
        )
    ahead = words.next_questions(ranking)
    if ahead and len(ahead) > 1:
        parts.append(f"<p>{_e(ahead[0])}</p>")
        parts.append(f"<ul>{''.join(f'<li>{_e(q[2:])}</li>' for q in ahead[1:])}</ul>")
    elif ahead:
        parts.append(f"<p>{_e(ahead[0])}</p>")
    if ranking.results:
        parts.append(f'<p class="note">{_e(words.legend(index, ranking))}</p>')
    parts.append(f'<p class="note">{_e(words.catalog_line(index))}</p>')
    return "\n".join(parts)


KEY = {
    "Essential zone": "essential",
    "Spillover zone": "spillover",
    "Reported pain": "reported",
    "Trigger point": "marker",
    "Position schematic": "schematic",
    "Inside the body": "deep",
}
"""The HTML key's swatch for each key of the picture."""


def _map(picture: Picture | None, ranking: Ranking) -> str:
    """The best match's map without its text, and its key and notes as HTML under it: the
    text prints at the page's size, whatever the picture's."""
    if picture is None or not ranking.results:
        return ""
    from glutealtp.bodymap.svg import legend_entries, render_svg

    svg = render_svg(picture, figures_only=True)
    body = svg[svg.index("<svg") :]
    name = _e(ranking.results[0].name)
    key = "".join(
        f'<span><i class="{KEY[label]}"></i>{_e(label)}</span>' for label in legend_entries(picture)
    )
    markers = [
        f"{m.number}: {_e(m.name)}{' (position schematic)' if m.schematic else ''}"
        for m in picture.markers
    ]
    notes = [*picture.notes]
    if markers:
        notes.insert(0, "Trigger points on the map: " + "; ".join(markers) + ".")
    caption = "".join(f"<p>{_e(n)}</p>" for n in notes)
    return (
        f'<section class="map"><h2>Where {name} refers pain</h2>'
        f'<figure>{body}<div class="key">{key}</div><figcaption>{caption}</figcaption>'
        "</figure></section>"
    )


def _zones(index: CatalogIndex, zones: Iterable[tuple[str, str]], extent: str) -> str:
    return ", ".join(words.region_name(index, r) for r, e in zones if e == extent)


def _trigger_points(index: CatalogIndex, results: Sequence[Result]) -> str:
    """One table for the listed muscles' trigger points: where each is, where it sends pain."""
    rows = []
    for r in results:
        m = index.muscle_record(r.muscle)
        points = m["trigger_points"]
        if not points:
            rows.append(
                f'<tr><td>{_e(m["name"])}</td><td colspan="3">No trigger points recorded.</td></tr>'
            )
        for k, tp in enumerate(points):
            zones = [(z["region"], z["extent"]) for z in tp["zones"]]
            name = f"<strong>{_e(m['name'])}</strong><br>" if k == 0 else ""
            main = _zones(index, zones, "essential")
            spill = _zones(index, zones, "spillover")
            refers = main + (f"; sometimes {spill}" if spill else "")
            rows.append(
                f"<tr><td>{name}{_e(tp['name'])} ({_e(ACTIVITY[tp['activity']])} active)</td>"
                f"<td>{_e(tp['location'])}</td><td>{_e(refers)}</td></tr>"
            )
    return (
        '<h2>Trigger points of the listed muscles</h2><table class="points"><thead><tr>'
        "<th>Trigger point</th><th>Where it is</th><th>Where it sends pain</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


WITHHELD = (
    "Where the trigger points are is not given here: a red flag comes first. Have it checked "
    "before any self-treatment."
)


def _cited(index: CatalogIndex, results: Sequence[Result]) -> list[str]:
    """The sources of the facts behind the listed results: each zone, statement, symptom
    link, condition and rule their evidence rests on, template pages and ontologies left
    out (not their anatomy: the page is about the pain)."""
    found: set[str] = set()
    for r in results:
        record = index.muscle_record(r.muscle)
        for e in r.regions:
            for s in e.via:
                found |= _fact_sources(record, s.kind, s.region, s.trigger_point)
        for sym in r.symptoms:
            for link in record["symptoms"]:
                if link["symptom"] == sym.id:
                    found |= set(link["sources"])
            for cref in record["conditions"]:
                if sym.id in cref["symptoms"]:
                    found |= set(cref["sources"])
        met = {m.id for m in r.rules_met}
        for rule in record["rules"]:
            if rule["id"] in met:
                found |= set(rule["sources"])
    return [
        s
        for s, src in index.sources.items()
        if s in found and src["kind"] != "ontology" and not src["weak"]
    ]


def _fact_sources(
    record: raw.Muscle, kind: str, region: str, trigger_point: str | None
) -> set[str]:
    """The sources of one support of a result: a zone, a statement or a condition."""
    if kind == "zone":
        return {
            src
            for tp in record["trigger_points"]
            if tp["id"] == trigger_point
            for z in tp["zones"]
            if z["region"] == region
            for src in z["sources"]
        }
    if kind == "statement":
        return {
            src for st in record["refers_to"] if region in st["regions"] for src in st["sources"]
        }
    return {src for c in record["conditions"] if region in c["regions"] for src in c["sources"]}


def _sources(index: CatalogIndex, results: Sequence[Result]) -> str:
    items = []
    for s in _cited(index, results):
        src = index.sources[s]
        link = f' <a href="{_e(src["url"])}">{_e(src["url"])}</a>' if src["url"] else ""
        items.append(f"<li>{_e(citation(src, url=False))}{link}</li>")
    if not items:
        return ""
    return '<section class="sources"><h2>Sources</h2><ul>' + "".join(items) + "</ul></section>"


NOTES = (
    '<h2>Clinician\'s notes</h2><div class="notes"><p>Findings, the trigger points examined, '
    "and the plan:</p></div>"
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
        f"<h2>Trigger points of the listed muscles</h2><p>{_e(WITHHELD)}</p>"
        if red
        else _trigger_points(index, shown.results)
    )
    body = [
        _header(today or datetime.date.today()),
        *_alerts(index, ranking, asked),
        _reported(index, ranking, asked),
        _questions(index, asked),
        _ranking(index, shown, more),
        _map(picture, ranking),
        points if shown.results else "",
        NOTES,
        _sources(index, shown.results),
        f"<footer><p>{_e(ranking.disclaimer)}</p></footer>",
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>glutealtp: trigger points that may explain this pain</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(b for b in body if b)
        + "\n</body>\n</html>\n"
    )
