"""The handout's style sheet and its last parts: the best match's body map with its key and
notes as page text, the listed muscles' trigger points, and the sources.

Sizes are set for paper: on A4 or Letter the whole page, the map's key and notes included,
prints at 8 pt or more, and the map at a fixed width, so that the text drawn in it (the
sides, the trigger points' numbers) prints at 8 pt or more too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.output.profile import ACTIVITY, citation
from glutealtp.ranking.results import Ranking, Result
from glutealtp.text import clean

if TYPE_CHECKING:
    from glutealtp.bodymap.picture import Picture
    from glutealtp.catalog import raw

STYLE = """
:root { color-scheme: light; }
body { font: 9.5pt/1.25 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  color: #111; max-width: 190mm; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 15pt; margin: 0; }
h2 { font-size: 11pt; margin: .7em 0 .25em; border-bottom: 1px solid #999; }
p { margin: .2em 0; }
ul { margin: .2em 0; padding-left: 1.3em; }
.meta { margin: .1em 0 .4em; color: #333; }
.form { display: grid; grid-template-columns: 5fr 3fr 4fr 3fr; gap: .2em 1.2em;
  margin: .2em 0 .4em; }
.form span { border-bottom: 1px solid #555; padding-top: 1em; }
.alert { border: 2.5px solid #b00020; background: #fdecee; padding: .3em .8em; margin: .6em 0;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.alert h2 { color: #b00020; border: 0; margin: 0 0 .2em; }
.alert p { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .2em 0 .4em; }
th, td { border: 1px solid #bbb; padding: .12em .4em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; font-weight: bold; }
table.reported th { width: 9.5em; }
table.answers td + td { width: 8.6em; white-space: nowrap; }
.tick { display: inline-block; width: .75em; height: .75em; border: 1px solid #333;
  margin: 0 .15em -.1em .6em; }
table.ranking td:first-child { width: 2em; }
table.ranking td:nth-child(2) { width: 11em; }
table.ranking td:nth-child(3) { width: 6em; white-space: nowrap; }
table.ranking td:last-child { font-size: 9pt; }
table.ranking tbody td { border-left: 0; border-right: 0; }
.best { font-weight: bold; }
.lines span { display: block; padding-left: 1em; text-indent: -1em; }
.map { display: grid; grid-template-columns: 76mm 1fr; gap: 0 5mm; align-items: start; }
.map h2 { grid-column: 1 / -1; }
.views { display: grid; font-size: 8.5pt; font-weight: bold; color: #4b5563; text-align: center; }
.views span:first-child { grid-column: 2; }
.views span:last-child { grid-column: 4; }
figure svg { display: block; width: 76mm; height: auto; }
figure svg text { font-size: 18.5px; } /* of 480 units in 76 mm: 8.3 pt */
.key, .mapnotes { font-size: 8.5pt; }
.key { display: grid; grid-template-columns: 1fr 1fr; gap: .15em .6em; margin: .2em 0 .4em; }
.key svg { width: 7mm; height: auto; vertical-align: middle; margin-right: .4em; }
.mapnotes p { margin: 0 0 .35em; }
.points { columns: 2; column-gap: 6mm; font-size: 8.5pt; line-height: 1.18; padding-left: 1.2em;
  margin: 0; }
.points li { margin: 0 0 .25em; break-inside: avoid; }
.points i { color: #444; }
.note, footer { color: #333; font-size: 8.5pt; }
.notes { border: 1px solid #555; padding: .3em .6em; }
.notes p { color: #555; margin: 0; font-size: 8.5pt; }
.notes i { display: block; border-bottom: 1px solid #bbb; height: 1.7em; }
.sources { color: #222; font-size: 8pt; line-height: 1.2; }
.sources ol { columns: 2; column-gap: 6mm; padding-left: 1.6em; margin: 0; }
.sources li { margin: 0 0 .15em; }
.sources a { color: #0645ad; overflow-wrap: anywhere; }
footer { border-top: 1px solid #999; margin-top: .8em; padding-top: .3em; }
@media screen and (max-width: 40em) {
  .map, .form { grid-template-columns: 1fr 1fr; }
  .map > * { grid-column: 1 / -1; }
  .points, .sources ol { columns: 1; }
}
@page { margin: 12mm 13mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; color: #000; }
  a, .sources a { color: #000; text-decoration: none; }
  h2 { break-after: avoid; }
  .alert, .map, tr, li, .notes, .form { break-inside: avoid; }
}
"""


def e(text: str) -> str:
    """Text from the data or the person, cleaned and escaped for the page."""
    return escape(clean(text), quote=True)


KEY_SWATCH = (20.0, 33.0, 7.0, 26.0, 18.0)
"""Where one key's swatch lies in `svg._legend`'s drawing: its y, then the box around it."""


def _swatch(label: str) -> str:
    """The key's swatch exactly as the picture draws it, without its words (the page gives
    them, at the page's size); its patterns are those of the map above it."""
    from glutealtp.bodymap.svg import _legend

    y, x0, y0, w, h = KEY_SWATCH
    group, _ = _legend((label,), y)
    for holder in group.iter():
        for words_ in [c for c in holder if c.tag == "text"]:
            holder.remove(words_)
    svg = ET.Element(
        "svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"{x0:g} {y0:g} {w:g} {h:g}"}
    )
    svg.append(group)
    return ET.tostring(svg, encoding="unicode").replace(' id="', ' data-key="')


FIGURES_TOP = 16.0
"""Where `render_svg(..., figures_only=True)` starts the views."""
HALF = 90.0
"""Half the width kept around each view's centre: its body and its side labels."""


def _views() -> tuple[str, str]:
    """The viewBox that crops the picture to the two bodies, and the grid columns that put
    "Back view" and "Front view" over their centres."""
    from glutealtp.bodymap.figures import SCALE, origin
    from glutealtp.bodymap.geometry import VIEW_HEIGHT, VIEW_WIDTH, VIEWS

    back, front = (origin(v, FIGURES_TOP)[0] + VIEW_WIDTH * SCALE / 2 for v in VIEWS)
    box = (back - HALF, FIGURES_TOP - 6, front - back + 2 * HALF, VIEW_HEIGHT * SCALE + 26)
    caption = 60.0
    columns = (HALF - caption, 2 * caption, front - back - 2 * caption, 2 * caption)
    grid = " ".join(f"{c:g}fr" for c in (*columns, HALF - caption))
    return " ".join(f"{v:g}" for v in box), grid


def _figure(picture: Picture, box: str) -> str:
    """The two views alone, cropped to `box` and sized by the page (`figure svg`)."""
    from glutealtp.bodymap.svg import render_svg

    svg = render_svg(picture, figures_only=True)
    body = svg[svg.index("<svg") :]
    return re.sub(
        r'\swidth="[^"]*" height="[^"]*" viewBox="[^"]*"',
        f' viewBox="{box}" preserveAspectRatio="xMidYMin meet"',
        body,
        count=1,
    )


def _drawn(picture: Picture) -> list[str]:
    """The keys of what the picture draws: "Inside the body" (a shaded region drawn hatched
    inside the body) only when such a region is shaded, not for its empty outline."""
    from glutealtp.bodymap.geometry import DEEP
    from glutealtp.bodymap.picture import Shade
    from glutealtp.bodymap.svg import legend_entries

    deep = any(picture.shade(r) is not Shade.none for r in DEEP)
    return [k for k in legend_entries(picture) if k != "Inside the body" or deep]


def map_section(picture: Picture | None, ranking: Ranking, beside: str = "") -> str:
    """The best match's map without its words, and its key and notes as page text beside it
    (the words print at the page's size, whatever the picture's), then `beside` under them."""
    if picture is None or not ranking.results:
        return ""
    best = ranking.results[0]
    box, grid = _views()
    key = "".join(f"<span>{_swatch(label)}{e(label)}</span>" for label in _drawn(picture))
    notes = [
        f"{m.number}: {m.name}" + (" (position schematic)" if m.schematic else "") + "."
        for m in picture.markers
    ]
    paragraphs = [" ".join(["Trigger points on the map:", *notes])] if notes else []
    paragraphs += picture.notes
    tied = [r for r in ranking.results if r.rank == best.rank]
    if len(tied) > 1:
        paragraphs.insert(
            0,
            f"Drawn for {words.lower_first(best.name)}, the first of the "
            f"{len(tied)} that fit about equally well.",
        )
    caption = "".join(f"<p>{e(p)}</p>" for p in paragraphs)
    return (
        f'<section class="map"><h2>Where {e(words.lower_first(best.name))} refers pain</h2>'
        f'<figure style="margin:0"><div class="views" style="grid-template-columns: {grid}">'
        f"<span>Back view</span><span>Front view</span></div>{_figure(picture, box)}</figure>"
        f'<div><div class="key">{key}</div><div class="mapnotes">{caption}</div>{beside}</div>'
        "</section>"
    )


def _zones(index: CatalogIndex, zones: Iterable[tuple[str, str]], extent: str) -> str:
    return ", ".join(words.region_name(index, r) for r, x in zones if x == extent)


def _where(index: CatalogIndex, tp: raw.TriggerPoint) -> str:
    """Where to find a trigger point in words a person can follow, from the sources (named
    by author, in brackets); where they give none, that is said (with the catalog's
    anatomical description)."""
    p = tp.get("palpation")
    if p is not None and p["find"]:
        clinician = " A clinician presses this one." if p["who"] == "clinician" else ""
        by = "; ".join(
            dict.fromkeys(
                index.sources[s]["author"] for s in p["find_sources"] if s in index.sources
            )
        )
        return f"Where to search: {p['find']} ({by}){clinician}"
    if p is not None and p["who"] == "clinician":
        return f"{tp['location']} Found and pressed by a clinician only."
    return f"{tp['location']} (The sources give no directions a person can follow.)"


def trigger_points(index: CatalogIndex, results: Sequence[Result]) -> str:
    """The listed muscles' trigger points, one entry each, in two columns: the muscle and the
    point, how often it is active, where it is, where it sends pain. Each entry names its
    muscle, so that one continued on the next page or column still says whose it is."""
    items = []
    for r in results:
        m = index.muscle_record(r.muscle)
        if not m["trigger_points"]:
            items.append(f"<li><b>{e(m['name'])}</b>: no trigger points recorded.</li>")
        said = ""
        for tp in m["trigger_points"]:
            where = _where(index, tp)
            if where == said:  # two points the sources place alike: said once
                where = "Where to search: as for the point above."
            else:
                said = where
            zones = [(z["region"], z["extent"]) for z in tp["zones"]]
            spill = _zones(index, zones, "spillover")
            main = [_zones(index, zones, "essential")] + ([f"sometimes {spill}"] if spill else [])
            refers = "; ".join(z for z in main if z)
            items.append(
                f"<li><b>{e(m['name'])}, {e(words.lower_first(tp['name']))}</b> "
                f"(active {e(ACTIVITY[tp['activity']])}). {e(where)} "
                f"<i>Sends pain to</i> {e(refers)}.</li>"
            )
    return (
        "<h2>Trigger points of the listed muscles: where to find them</h2>"
        f'<ul class="points">{"".join(items)}</ul>'
    )


def cited(index: CatalogIndex, results: Sequence[Result]) -> list[str]:
    """The sources of the facts behind the listed results: each zone, statement, symptom
    link, condition and rule their evidence rests on, template pages and ontologies left
    out (not their anatomy: the page is about the pain)."""
    found: set[str] = set()
    for r in results:
        record = index.muscle_record(r.muscle)
        for ev in r.region_evidence:
            for s in ev.via:
                found |= _fact_sources(record, s.kind, s.region, s.trigger_point)
        for sym in r.symptom_evidence:
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


def short_url(url: str) -> str:
    """An address as a reader types it: no scheme, no "www.", no closing slash."""
    return re.sub(r"^https?://(www\.)?", "", url).removesuffix("/")


def sources(index: CatalogIndex, results: Sequence[Result]) -> str:
    items = []
    for s in cited(index, results):
        src = index.sources[s]
        url = src["url"]
        link = ""
        if url:  # broken after a slash rather than anywhere, where the column is narrow
            shown = "/<wbr>".join(e(part) for part in short_url(url).split("/"))
            link = f' <a href="{e(url)}">{shown}</a>'
        items.append(f"<li>{e(citation(src, url=False))}{link}</li>")
    if not items:
        return ""
    return '<section class="sources"><h2>Sources</h2><ol>' + "".join(items) + "</ol></section>"
