"""Turn core results into `Document`s: the one place that decides what each command shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from glutealtp.catalog import raw
from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output.document import SCHEMA_VERSION, Document, Table
from glutealtp.rank import referrers
from glutealtp.results import Evidence, Ranking, Result

T = TypeVar("T")


def _pct(x: float) -> str:
    return f"{x:.2f}"


def describe_support(s: Support | SymptomSupport, item: str | None = None) -> str:
    """One catalog fact behind a match, in words; the region is named when it is not `item`."""
    if isinstance(s, SymptomSupport):
        return f"via {s.via_condition}" if s.via_condition else "linked symptom"
    where = "" if s.region == item else f" at {s.region}"
    if s.kind == "zone":
        return f"{s.trigger_point} ({s.extent}, {s.activity}){where}"
    if s.kind == "statement":
        return f"muscle-level statement{where}"
    return f"via {s.condition}{where}"


def _because(e: Evidence[Support] | Evidence[SymptomSupport]) -> list[str]:
    return list(dict.fromkeys(describe_support(s, e.id) for s in e.via))


def _explained_by(result: Result) -> str:
    return "\n".join(f"{e.id} <- {_because(e)[0]}" for e in result.regions)


def _also(result: Result) -> str:
    parts = []
    for a in result.also_check:
        when = "" if a.applies else f", with {', '.join(a.when_symptoms)}"
        parts.append(f"{a.muscle} ({a.relation}{when})")
    return "\n".join(parts)


def _envelope(data: Mapping[str, Any], disclaimer: str) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, **data, "disclaimer": disclaimer}


def which_view(ranking: Ranking, explain: bool = False) -> Document:
    """The ranking: one row per muscle, and with `explain` the arithmetic behind each score."""
    data = ranking.to_dict()
    rows = tuple(
        (
            str(r.rank),
            r.muscle,
            r.name,
            f"{r.score:.1f}",
            f"{len(r.regions_explained)}/{r.regions_reported}",
            _explained_by(r),
            "\n".join(e.id for e in r.symptoms),
            "\n".join(f"{m.id} (x{m.multiplier:g})" for m in r.rules_met),
            _also(r),
        )
        for r in ranking.results
    )
    main = Table(
        (
            "Rank",
            "Id",
            "Muscle",
            "Score",
            "Coverage",
            "Explained by",
            "Symptoms",
            "Rules met",
            "Also check",
        ),
        rows,
        title="Muscles whose trigger points best explain: " + _query_text(ranking),
    )
    tables = [main]
    if explain:
        tables += [_explain_table(r) for r in ranking.results]
    notes = [w.message for w in ranking.warnings if w.kind != "red-flag"]
    if ranking.total_matches > len(ranking.results):
        notes.append(f"Showing {len(ranking.results)} of {ranking.total_matches} matching muscles.")
    if not ranking.results:
        notes.append("No muscle in the catalog explains what was reported.")
    # With no match, JSON Lines still carries the warnings: one record, rank and muscle null.
    records = [{**result, "warnings": data["warnings"]} for result in data["results"]] or [
        {"rank": None, "muscle": None, "warnings": data["warnings"]}
    ]
    return Document(
        data=data,
        tables=tuple(tables),
        disclaimer=ranking.disclaimer,
        warnings=tuple(w.message for w in ranking.warnings if w.kind == "red-flag"),
        notes=tuple(notes),
        records=records,
    )


def _query_text(ranking: Ranking) -> str:
    return ", ".join((*ranking.query.regions, *ranking.query.symptoms))


def _explain_table(r: Result) -> Table:
    p = r.parts
    title = (
        f"#{r.rank} {r.name}: score {r.score:.1f} = 100 x evidence {_pct(p.evidence)}"
        f" x pattern fit {_pct(p.pattern_fit)} x rules {p.rule_multiplier:g}"
    )
    rows: list[tuple[str, ...]] = []

    def add(kind: str, e: Evidence[Support] | Evidence[SymptomSupport]) -> None:
        because = "\n".join(_because(e))
        rows.append((e.id, kind, _pct(e.strength), _pct(e.specificity), because))

    for region in r.regions:
        add("region", region)
    for symptom in r.symptoms:
        add("symptom", symptom)
    for m in r.rules_met:
        rows.append((m.id, "rule", f"x{m.multiplier:g}", "", m.statement))
    return Table(("Item", "Kind", "Strength", "Specificity", "Because"), tuple(rows), title=title)


def muscle_view(index: CatalogIndex, muscle: raw.Muscle) -> Document:
    """Everything the catalog holds on one muscle, trigger points first."""
    symptom_names = {
        link["symptom"]: index.symptoms[link["symptom"]].name for link in muscle["symptoms"]
    }
    sections = [
        _section(
            "Trigger points",
            TRIGGER_POINT_COLUMNS,
            muscle["trigger_points"],
            _trigger_point_row,
            always=True,
        ),
        _section(
            "Muscle-level referral statements",
            ("Regions", "Exclusive", "Note", "Sources"),
            muscle["refers_to"],
            lambda st: (
                _ids(st["regions"]),
                "yes" if st["exclusive"] else "",
                st["note"] or "",
                _ids(st["sources"]),
            ),
        ),
        _section(
            "Symptoms",
            ("Symptom", "Name", "Note", "Sources"),
            muscle["symptoms"],
            lambda link: (
                link["symptom"],
                symptom_names[link["symptom"]],
                link["note"] or "",
                _ids(link["sources"]),
            ),
        ),
        _section(
            "Conditions",
            ("Condition", "Link", "Regions", "Symptoms", "Note"),
            muscle["conditions"],
            lambda c: (
                c["condition"],
                c["link"],
                _ids(c["regions"]),
                _ids(c["symptoms"]),
                c["note"] or "",
            ),
        ),
        _section(
            "Also check",
            ("Muscle", "Relation", "When", "Note"),
            muscle["related"],
            lambda rel: (rel["muscle"], rel["kind"], _ids(rel["symptoms"]), rel["note"] or ""),
        ),
        _section(
            "Clinical rules",
            ("Rule", "Kind", "Needs", "Statement"),
            muscle["rules"],
            lambda r: (r["id"], r["kind"], _ids([*r["regions"], *r["symptoms"]]), r["statement"]),
        ),
    ]
    shown = without_none(muscle)
    cited = sorted(_sources_of(shown))
    sources = Table(
        ("Source", "Citation"),
        tuple((s, citation(index.sources[s])) for s in cited if s in index.sources),
        title="Sources",
    )
    return Document(
        data=_envelope({"muscle": shown}, index.disclaimer),
        tables=(*(t for t in sections if t is not None), sources),
        disclaimer=index.disclaimer,
        title=f"{muscle['name']} ({muscle['id']})\n" + "\n".join(_facts(muscle)),
        notes=_assumptions(muscle),
        records=[_trigger_point_record(muscle["id"], tp) for tp in muscle["trigger_points"]],
    )


TRIGGER_POINT_COLUMNS = (
    "Trigger point",
    "Name",
    "Count",
    "Location",
    "Activity",
    "Essential zones",
    "Spillover zones",
)


def _section(
    title: str,
    columns: tuple[str, ...],
    items: Sequence[T],
    row: Callable[[T], tuple[str, ...]],
    *,
    always: bool = False,
) -> Table | None:
    """One table of `show`, a row per item; None when there is nothing to list."""
    if not items and not always:
        return None
    return Table(columns, tuple(row(item) for item in items), title=title)


def _ids(values: Iterable[str]) -> str:
    return ", ".join(values)


def _trigger_point_row(tp: raw.TriggerPoint) -> tuple[str, ...]:
    def zones(extent: str) -> str:
        return _ids(
            z["region"] + (f" ({z['activity']})" if z["activity"] else "")
            for z in tp["zones"]
            if z["extent"] == extent
        )

    count = tp["count"]
    return (
        tp["id"],
        tp["name"],
        str(count) if count else "",
        tp["location"],
        tp["activity"],
        zones("essential"),
        zones("spillover"),
    )


def _facts(m: raw.Muscle) -> list[str]:
    """The lines under the muscle's name: what it is, where, and what overloads it."""
    facts = [
        f"Aliases: {_ids(m['aliases'])}" if m["aliases"] else "",
        f"Location: {m['location']}",
        f"Attachments: {m['attachments']}" if m["attachments"] else "",
        f"Function: {m['function']}",
        f"Up to {m['max_trigger_points']} trigger points." if m["max_trigger_points"] else "",
        f"Overloaded by: {_ids(a['activity'] for a in m['aggravating'])}"
        if m["aggravating"]
        else "",
        f"Note: {m['note']}" if m["note"] else "",
        f"Cross-references: {_ids(m['xrefs'])}" if m["xrefs"] else "",
    ]
    return [f for f in facts if f]


def without_none(value: Any) -> Any:
    """A dumped record without its null fields, at every depth: the dataset as written."""
    if isinstance(value, dict):
        return {k: without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_none(v) for v in value]
    return value


def citation(source: raw.Source) -> str:
    """A source as a reader cites it: title, author and site, date, URL, the book it follows."""
    who = source["author"]
    if source["site"] and source["site"] != who:
        who = f"{who}, {source['site']}"
    when = f" ({source['published']})" if source["published"] else ""
    follows = f" Follows {source['follows']}." if source["follows"] else ""
    return f"{source['title']}. {who}{when}. {source['url']}{follows}"


def _trigger_point_record(muscle: str, tp: raw.TriggerPoint) -> dict[str, Any]:
    """One trigger point as a JSON Lines record: region ids, with each zone's own activity."""
    zones = [
        {"region": z["region"], "extent": z["extent"], "activity": z["activity"] or tp["activity"]}
        for z in tp["zones"]
    ]
    return {
        "muscle": muscle,
        "trigger_point": tp["id"],
        "name": tp["name"],
        "count": tp["count"],
        "location": tp["location"],
        "activity": tp["activity"],
        "essential_zones": [z["region"] for z in zones if z["extent"] == "essential"],
        "spillover_zones": [z["region"] for z in zones if z["extent"] == "spillover"],
        "zones": zones,
    }


def _assumptions(muscle: raw.Muscle) -> tuple[str, ...]:
    """Where the data had to choose a value its sources do not give, say so and where."""
    where: dict[str, list[str]] = {}
    for tp in muscle["trigger_points"]:
        if tp["assumption"]:
            where.setdefault(tp["assumption"], []).append(tp["id"])
        for z in tp["zones"]:
            if z["assumption"]:
                where.setdefault(z["assumption"], []).append(f"{tp['id']} -> {z['region']}")
    return tuple(
        f"Assumption ({', '.join(dict.fromkeys(places))}): {text}" for text, places in where.items()
    )


def _sources_of(data: object) -> set[str]:
    """Every source id cited anywhere inside a dumped record."""
    if isinstance(data, dict):
        found = {s for s in data.get("sources", ()) if isinstance(s, str)}
        for value in data.values():
            found |= _sources_of(value)
        return found
    if isinstance(data, list):
        return set().union(*(_sources_of(item) for item in data))
    return set()


def _list_view(
    index: CatalogIndex,
    key: str,
    columns: tuple[str, ...],
    items: Sequence[tuple[Mapping[str, Any], tuple[str, ...]]],
) -> Document:
    """A vocabulary listing: each item is its JSON record and its table row."""
    records = [record for record, _ in items]
    return Document(
        data=_envelope({key: records}, index.disclaimer),
        tables=(Table(columns, tuple(row for _, row in items), title=key.capitalize()),),
        disclaimer=index.disclaimer,
        records=records,
    )


def muscles_view(index: CatalogIndex) -> Document:
    items = [
        (
            {"id": m.id, "name": m.name, "aliases": list(m.synonyms), "regions": sorted(m.regions)},
            (m.id, m.name, ", ".join(m.synonyms), ", ".join(sorted(m.regions))),
        )
        for m in index.muscles.values()
    ]
    return _list_view(index, "muscles", ("Id", "Name", "Aliases", "Refers pain to"), items)


def regions_view(index: CatalogIndex) -> Document:
    """The pain guide: every region with the muscles that refer there, strongest first."""
    items = []
    for r in index.regions.values():
        found = referrers(index, r.id)
        record = {
            "id": r.id,
            "name": r.name,
            "synonyms": list(r.synonyms),
            "parent": r.parent,
            "also_part_of": list(r.also_part_of),
            "muscles": [
                {
                    "muscle": m.id,
                    "strength": round(s.weight, 4),
                    "because": describe_support(s, r.id),
                }
                for m, s in found
            ],
        }
        row = (
            r.id,
            r.name,
            ", ".join(r.synonyms),
            ", ".join(r.parents),
            ", ".join(f"{m.id} ({s.weight:.2f})" for m, s in found),
        )
        items.append((record, row))
    columns = ("Id", "Name", "Synonyms", "Part of", "Muscles that refer here (strongest first)")
    return _list_view(index, "regions", columns, items)


def symptoms_view(index: CatalogIndex) -> Document:
    items = []
    for s in index.symptoms.values():
        linked = sorted(index.linked(s.id))
        record = {
            "id": s.id,
            "name": s.name,
            "question": s.question,
            "synonyms": list(s.synonyms),
            "red_flag": s.red_flag,
            "advice": s.advice,
            "muscles": linked,
        }
        row = (
            s.id,
            s.name,
            ", ".join(s.synonyms),
            "RED FLAG: urgent care" if s.red_flag else "",
            ", ".join(linked),
        )
        items.append((record, row))
    columns = ("Id", "Name", "Synonyms", "Red flag", "Muscles")
    return _list_view(index, "symptoms", columns, items)


def validation_view(
    source: str, problems: Sequence[str], index: CatalogIndex | None = None
) -> Document:
    """`data validate`: every problem with its JSON path, or that the dataset is valid
    (with what it holds, when its `index` is given)."""
    split = [_problem(p) for p in problems]
    counts = (
        f" ({len(index.muscles)} muscles, {len(index.regions)} regions, "
        f"{len(index.symptoms)} symptoms)"
        if index is not None
        else ""
    )
    verdict = (
        f"{source}: {len(problems)} problem{'s' * (len(problems) != 1)}"
        if problems
        else f"{source}: valid{counts}"
    )
    records = [{"dataset": source, **p} for p in split]
    table = Table(("Path", "Problem"), tuple((p["path"] or "", str(p["message"])) for p in split))
    return Document(
        data={
            "schema_version": SCHEMA_VERSION,
            "dataset": source,
            "valid": not problems,
            "problems": split,
        },
        tables=(table,) if problems else (),
        disclaimer="Dataset format: docs/dataset.md; JSON Schema: `glutealtp schema data`.",
        title=verdict,
        records=records,
    )


def _problem(text: str) -> dict[str, str | None]:
    """Split "$.a[0].b: message" into path and message; a file-level fault has no path."""
    path, sep, message = text.partition(": ")
    if text.startswith("$") and sep:
        return {"path": path, "message": message}
    return {"path": None, "message": text}
