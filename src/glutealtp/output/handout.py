"""The printable handout: one self-contained HTML page a therapist can hand to a patient.

The question in the person's words and as understood, the red flag first, the ranking in
the same plain words as the terminal (`words`), the best match's body map inline as SVG,
each listed muscle's trigger points, the sources as links, and the disclaimer. Nothing is
loaded from anywhere: no fonts, scripts or images but the inline picture. Every string from
the data or the person is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import NamedTuple

from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.output.profile import ACTIVITY, citation
from glutealtp.results import Ranking, Result
from glutealtp.text import clean

HANDOUT_TOP = 5
"""Muscles a handout lists when no `--top` was given: a page, not a catalog."""

STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111; max-width: 46em; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.25em; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin: 1em 0 .3em; }
.alert { border: 3px solid #b00020; padding: .6em 1em; margin: 1em 0; }
.alert h2 { color: #b00020; border: 0; margin: 0 0 .3em; }
.unsure { border: 2px dashed #b00020; padding: .5em 1em; }
.best { font-weight: bold; }
.score { white-space: nowrap; }
ol.ranking > li { margin: .5em 0; }
ol.ranking ul { margin: .2em 0; padding-left: 1.2em; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .8em; }
th, td { border: 1px solid #bbb; padding: .25em .45em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
figure { margin: 1em 0; text-align: center; }
figure svg { max-width: 100%; height: auto; max-height: 22cm; }
.note, footer { color: #333; font-size: .92em; }
footer { border-top: 1px solid #999; margin-top: 2em; padding-top: .5em; }
a { color: #0645ad; word-break: break-all; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; color: #000; }
  a { color: #000; text-decoration: none; }
  th { background: none; }
  h2, h3 { break-after: avoid; }
  .alert, figure, .muscle, table, li { break-inside: avoid; }
  figure svg { max-height: 15cm; }
}
"""


class Asked(NamedTuple):
    """What the person said, as they put it, and which safety questions they were unsure of."""

    words: tuple[str, ...]
    unsure_red_flags: tuple[str, ...] = ()


def _e(text: str) -> str:
    return escape(clean(text), quote=True)


def _alerts(index: CatalogIndex, ranking: Ranking, asked: Asked) -> list[str]:
    out = [
        f'<section class="alert" role="alert"><h2>{_e(words.URGENT)}</h2>'
        f"<p><strong>{_e(w.message)}</strong></p></section>"
        for w in ranking.warnings
        if w.kind == "red-flag"
    ]
    for symptom in asked.unsure_red_flags:
        name = index.symptoms[symptom].name if symptom in index.symptoms else symptom
        out.append(
            f'<section class="alert unsure"><p><strong>Not sure: {_e(name)}.</strong> '
            f"{_e(words.UNSURE_RED_FLAG)}</p></section>"
        )
    return out


def _question(index: CatalogIndex, ranking: Ranking, asked: Asked) -> str:
    said = ", ".join(f"“{_e(w)}”" for w in asked.words) or "(nothing typed)"
    return (
        "<h2>What was reported</h2>"
        f"<p>In the person's words: {said}</p>"
        f"<p>Understood as: {_e(words.reported(index, ranking))}</p>"
    )


def _result(index: CatalogIndex, r: Result) -> str:
    best = ' class="best"' if r.rank == 1 else ""
    items = [*words.explains(index, r)]
    items += [f"Also check: {a}" for a in words.also_check(r.also_check)]
    lines = "".join(f"<li>{_e(i)}</li>" for i in items)
    return (
        f'<li value="{r.rank}"><span{best}>{_e(r.name)}</span> '
        f'<span class="score">({_e(words.score_words(r))} fit'
        f"{', tied' if r.tied else ''})</span><ul>{lines}</ul></li>"
    )


def _ranking(index: CatalogIndex, ranking: Ranking, more: int) -> str:
    red = words.has_red_flag(ranking)
    head = "For your clinician: the ranking" if red else "The ranking"
    parts = [f"<h2>{head}</h2>"]
    if red:
        parts.append(f"<p><strong>{_e(words.CLINICIAN)}</strong></p>")
    parts.append(f"<p><strong>{_e(words.summary_line(index, ranking))}</strong></p>")
    if ranking.results:
        parts.append('<ol class="ranking">')
        parts += [_result(index, r) for r in ranking.results]
        parts.append("</ol>")
    if more:
        parts.append(f'<p class="note">And {more} weaker matches (glutealtp which lists all).</p>')
    ahead = words.next_questions(ranking)
    if ahead:
        parts.append(f"<p>{_e(ahead[0])}</p>")
        parts += [f"<ul>{''.join(f'<li>{_e(q[2:])}</li>' for q in ahead[1:])}</ul>"]
    if ranking.results:
        parts.append(f'<p class="note">{_e(words.legend(index, ranking))}</p>')
    parts.append(f'<p class="note">{_e(words.catalog_line(index))}</p>')
    return "\n".join(parts)


def _map(svg: str | None, ranking: Ranking) -> str:
    if not svg or not ranking.results:
        return ""
    body = svg[svg.index("<svg") :] if "<svg" in svg else ""
    name = _e(ranking.results[0].name)
    return (
        f'<section class="map"><h2>Where {name} refers pain</h2>'
        f"<figure>{body}<figcaption>Outlined: where the pain was reported; shaded: where "
        f"{name} trigger points refer pain (solid: main zone; stippled: spillover).</figcaption>"
        "</figure></section>"
    )


def _zones(index: CatalogIndex, zones: Iterable[tuple[str, str]], extent: str) -> str:
    return ", ".join(words.region_name(index, r) for r, e in zones if e == extent)


def _trigger_points(index: CatalogIndex, results: Sequence[Result]) -> str:
    parts = ["<h2>Trigger points of the listed muscles</h2>"]
    for r in results:
        m = index.muscle_record(r.muscle)
        rows = []
        for tp in m["trigger_points"]:
            zones = [(z["region"], z["extent"]) for z in tp["zones"]]
            rows.append(
                f"<tr><td>{_e(tp['name'])}</td><td>{_e(tp['location'])}</td>"
                f"<td>{_e(ACTIVITY[tp['activity']])}</td>"
                f"<td>{_e(_zones(index, zones, 'essential'))}</td>"
                f"<td>{_e(_zones(index, zones, 'spillover'))}</td></tr>"
            )
        parts.append(
            f'<div class="muscle"><h3>{_e(m["name"])}</h3><table><thead><tr>'
            "<th>Trigger point</th><th>Where it is</th><th>Active</th>"
            "<th>Main pain zones</th><th>Spillover zones</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    return "\n".join(parts)


def _cited(index: CatalogIndex, results: Sequence[Result]) -> list[str]:
    from glutealtp.output.muscle import sources_of, without_none

    found: set[str] = set()
    for r in results:
        found |= sources_of(without_none(index.muscle_record(r.muscle)))
    return [s for s in index.sources if s in found]


def _sources(index: CatalogIndex, results: Sequence[Result]) -> str:
    items = []
    for s in _cited(index, results):
        src = index.sources[s]
        link = f' <a href="{_e(src["url"])}">{_e(src["url"])}</a>' if src["url"] else ""
        items.append(f"<li>{_e(citation(src, url=False))}{link}</li>")
    return "<h2>Sources</h2><ul>" + "".join(items) + "</ul>" if items else ""


def handout(
    index: CatalogIndex, ranking: Ranking, asked: Asked, svg: str | None, top: int | None = None
) -> str:
    """The whole page; `svg` is the best match's body map (`bodymap.svg.render_svg`)."""
    keep = top or HANDOUT_TOP
    shown = ranking._replace(results=ranking.results[:keep])
    more = len(ranking.results) - len(shown.results)
    body = [
        "<h1>Trigger points that may explain this pain</h1>",
        *_alerts(index, ranking, asked),
        _question(index, ranking, asked),
        _ranking(index, shown, more),
        _map(svg, ranking),
        _trigger_points(index, shown.results) if shown.results else "",
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
