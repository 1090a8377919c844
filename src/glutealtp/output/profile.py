"""What `show` prints for a person: every section of a muscle, in plain headings and words.

Regions, symptoms and muscles by name; each fact marks whether it rests on a single source
(its sources that are not template pages share one author). The JSON, JSON Lines and CSV of
`show` are built in `muscle`; this is only the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from glutealtp.catalog import raw
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.output.document import Block, Paragraph, Span, Table
from glutealtp.text import at_place

SINGLE = "*"
FOOTNOTE = "* rests on a single source: one author (or one author's sites) states it."
ACTIVITY = {
    "primary": "most often",
    "common": "often",
    "chronic": "in long-standing pain",
    "very-chronic": "only in very long-standing pain",
}


def single_source(index: CatalogIndex, sources: Iterable[str]) -> bool:
    """A fact whose sources, template pages left out, share one author (or that has none)."""
    authors = {
        index.sources[s]["author"]
        for s in sources
        if s in index.sources and not index.sources[s]["weak"]
    }
    return len(authors) <= 1


def authors(index: CatalogIndex, sources: Iterable[str]) -> str:
    """Who says it: the authors, and whether that is a single source."""
    names = list(dict.fromkeys(index.sources[s]["author"] for s in sources if s in index.sources))
    mark = " (single source)" if single_source(index, sources) else ""
    return "; ".join(names) + mark


def _regions(index: CatalogIndex, ids: Iterable[str]) -> str:
    return ", ".join(words.region_name(index, r) for r in ids)


def _symptoms(index: CatalogIndex, ids: Iterable[str]) -> str:
    return ", ".join(words.symptom_name(index, s) for s in ids)


def _zones(index: CatalogIndex, tp: raw.TriggerPoint, extent: str) -> str:
    out = []
    for z in tp["zones"]:
        if z["extent"] != extent:
            continue
        name = words.region_name(index, z["region"])
        if z["activity"] and z["activity"] != tp["activity"]:
            name += f" ({ACTIVITY[z['activity']]})"
        out.append(name + (SINGLE if single_source(index, z["sources"]) else ""))
    return ", ".join(out)


def trigger_point_table(index: CatalogIndex, muscle: raw.Muscle) -> Table:
    """Each trigger point: where it is, how often active, where it sends pain."""
    rows = tuple(
        (
            tp["name"] + (f" (up to {tp['count']})" if tp["count"] else ""),
            tp["location"],
            ACTIVITY[tp["activity"]],
            _zones(index, tp, "essential"),
            _zones(index, tp, "spillover"),
        )
        for tp in muscle["trigger_points"]
    )
    columns = ("Trigger point", "Where it is", "Active", "Main pain zones", "Spillover zones")
    fold = ("Where it is", "Spillover zones", "Main pain zones", "Active")
    return Table(columns, rows, title="Trigger points", fold=fold)


def _facts(m: raw.Muscle) -> list[Block]:
    facts = [
        ("Also called", ", ".join(m["aliases"])),
        ("Where it is", m["location"]),
        ("Attachments", m["attachments"] or ""),
        ("What it does", m["function"]),
        ("Trigger points", f"up to {m['max_trigger_points']}" if m["max_trigger_points"] else ""),
        ("Overloaded by", ", ".join(a["activity"] for a in m["aggravating"])),
        ("Note", m["note"] or ""),
        ("Cross-references", ", ".join(m["xrefs"])),
    ]
    return [
        Paragraph((Span(f"{label}: ", "heading"), Span(text)), joined=True)
        for label, text in facts
        if text
    ]


def _table(
    title: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]], fold: tuple[str, ...]
) -> list[Block]:
    return [Table(columns, tuple(rows), title=title, fold=fold)] if rows else []


def _relations(index: CatalogIndex, m: raw.Muscle) -> list[Block]:
    rows = [
        (
            index.muscles[r["muscle"]].name if r["muscle"] in index.muscles else r["muscle"],
            words.RELATIONS[r["kind"]].format("it").removesuffix(" it"),
            _symptoms(index, r["symptoms"]),
            r["note"] or "",
        )
        for r in m["related"]
    ]
    return _table("Also check", ("Muscle", "How", "When", "Note"), rows, ("Note", "When"))


def _rules(index: CatalogIndex, m: raw.Muscle) -> list[Block]:
    rows = [
        (
            " + ".join(
                [words.region_name(index, x) for x in r["regions"]]
                + [words.symptom_name(index, x) for x in r["symptoms"]]
            ),
            "confirms it" if r["kind"] == "confirms" else "suggests it",
            r["statement"],
        )
        for r in m["rules"]
    ]
    return _table("Rules from the sources", ("When reported", "It", "Says"), rows, ("Says",))


def _links(index: CatalogIndex, m: raw.Muscle) -> list[Block]:
    statements = [
        (
            _regions(index, st["regions"]) + (" (only there)" if st["exclusive"] else ""),
            st["note"] or "",
            authors(index, st["sources"]),
        )
        for st in m["refers_to"]
    ]
    symptoms = [
        (
            words.symptom_name(index, link["symptom"]),
            link["note"] or "",
            authors(index, link["sources"]),
        )
        for link in m["symptoms"]
    ]
    conditions = [
        (
            words.condition_name(index, c["condition"]),
            "it can mimic it" if c["link"] == "mimics" else "it can cause it",
            _regions(index, c["regions"]),
            _symptoms(index, c["symptoms"]),
            c["note"] or "",
        )
        for c in m["conditions"]
    ]
    return [
        *_table(
            "Other places it refers pain (the sources, not a trigger point)",
            ("Regions", "Note", "Sources"),
            statements,
            ("Note", "Sources"),
        ),
        *_table("Symptoms", ("Symptom", "Note", "Sources"), symptoms, ("Note", "Sources")),
        *_table(
            "Conditions",
            ("Condition", "How", "Regions", "Symptoms", "Note"),
            conditions,
            ("Note", "Symptoms", "Regions"),
        ),
    ]


def citation(source: raw.Source, url: bool = True) -> str:
    """A source as a reader cites it: a book by author, title, publisher and year; a page by
    title, author and site, date and URL; then the book it follows. Without `url` the
    address is left for the caller to link."""
    if source["kind"] == "book":
        head = f"{source['author']}. {source['title']}. {source['publisher']}, {source['year']}."
    else:
        who = source["author"]
        if source["site"] and source["site"] != who:
            who = f"{who}, {source['site']}"
        when = f" ({source['published']})" if source["published"] else ""
        head = f"{source['title']}. {who}{when}."
    address = f" {source['url']}" if url and source["url"] else ""
    follows = f" Follows {source['follows']}." if source["follows"] else ""
    return f"{head}{address}{follows}"


def _disputes(index: CatalogIndex, m: raw.Muscle) -> list[Block]:
    """Where the sources disagree: each disputed fact, who states it, and what the others
    say against it (both are kept; neither is dropped)."""
    facts: list[tuple[str, raw.Sourced]] = []
    for tp in m["trigger_points"]:
        for z in tp["zones"]:
            zone = "a main zone" if z["extent"] == "essential" else "a spillover zone"
            where = at_place(words.region_name(index, z["region"]))
            facts.append((f"pain {where} as {zone}", z))
    for st in m["refers_to"]:
        facts.append((f"pain at the {_regions(index, st['regions'])}", st))
    for link in m["symptoms"]:
        facts.append((words.symptom_name(index, link["symptom"]), link))
    # A zone of several trigger points carries its dispute on each: it is said once.
    lines = dict.fromkeys(
        f"{what}: {authors(index, fact['sources'])} say so. {d['text']} "
        f"Source: {authors(index, d['sources'])}."
        for what, fact in facts
        for d in fact["disputed_by"]
    )
    if not lines:
        return []
    return [
        Paragraph((Span("Where the sources disagree", "heading"),)),
        *(Paragraph((Span("- " + line),), joined=True, hang=2) for line in lines),
    ]


def source_blocks(index: CatalogIndex, cited: Sequence[str]) -> list[Block]:
    """The sources, one paragraph each: title, author, site and web address."""
    blocks: list[Block] = [Paragraph((Span("Sources", "heading"),))]
    for s in cited:
        if s in index.sources:
            weak = " (a template page; it never counts as a source of its own)"
            text = citation(index.sources[s]) + (weak if index.sources[s]["weak"] else "")
            blocks.append(Paragraph((Span("- " + text),), joined=True, hang=2))
    return blocks


def _palpation(index: CatalogIndex, m: raw.Muscle) -> list[Block]:
    """How to find and press each trigger point, where the sources say (for `check`)."""
    rows = []
    for tp in m["trigger_points"]:
        p = tp.get("palpation")
        if p is None:
            rows.append((tp["name"], "no source says where to find it in words to follow", ""))
            continue
        who = "a clinician only" if p["who"] == "clinician" else "the person or a clinician"
        said = [f"Who may press it: {who}."]
        if p["find"]:
            said.append(f"Where to search: {p['find']}")
        if p["press"]:
            said.append(f"How to press: {p['press']}")
        ids = [*p["find_sources"], *p["press_sources"], *p["who_sources"]]
        rows.append((tp["name"], " ".join(said), authors(index, dict.fromkeys(ids))))
    if not any(tp.get("palpation") for tp in m["trigger_points"]):
        return []
    return [
        Table(
            ("Trigger point", "Guidance", "Sources"),
            tuple(rows),
            title="Finding and pressing the trigger points",
        )
    ]


def muscle_screen(
    index: CatalogIndex, m: raw.Muscle, cited: Sequence[str], notes: Sequence[str]
) -> tuple[Block, ...]:
    """Every section of `show`, in plain headings."""
    title = Paragraph((Span(f"{m['name']} ({m['id']})", "heading"),))
    return (
        title,
        *_facts(m),
        trigger_point_table(index, m),
        *_palpation(index, m),
        *_links(index, m),
        *_relations(index, m),
        *_rules(index, m),
        *_disputes(index, m),
        *source_blocks(index, cited),
        *(Paragraph((Span(n, "dim"),)) for n in notes),
        Paragraph((Span(FOOTNOTE, "dim"),), joined=bool(notes)),
    )
