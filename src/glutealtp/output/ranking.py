"""What `which` shows: the ranking table, the arithmetic behind each score, the records.

Also the wording of a catalog fact behind a match (`describe_support`), which the region
list uses too.
"""

from __future__ import annotations

from typing import Any, TypedDict

from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.output.document import Document, Table
from glutealtp.results import Evidence, Ranking, RankingWarning, Result

RANKING_COLUMNS = (
    "Rank",
    "Id",
    "Muscle",
    "Score",
    "Coverage",
    "Explained by",
    "Symptoms",
    "Rules met",
    "Also check",
)
EXPLAIN_COLUMNS = ("Item", "Kind", "Strength", "Specificity", "Because")


class WithWarnings(TypedDict):
    """What each `which --format jsonl` line adds to its result: the warnings, so that a
    script reading one line still sees a red flag."""

    warnings: tuple[RankingWarning, ...]


class NoMatchLine(TypedDict):
    """`which --format jsonl` when no muscle matches: a single line that still carries the
    warnings (a red flag must reach the reader); `rank` and `muscle` are null."""

    rank: None
    muscle: None
    warnings: tuple[RankingWarning, ...]


def ranking_document(ranking: Ranking, explain: bool = False) -> Document:
    """The ranking: one row per muscle, and with `explain` the arithmetic behind each score."""
    data = ranking.to_dict()
    rows = tuple(
        (
            str(r.rank),
            r.muscle,
            r.name,
            f"{r.score:.1f}",
            f"{len(r.regions_explained)}/{r.regions_reported}",
            "\n".join(f"{e.id} <- {_because(e)[0]}" for e in r.regions),
            "\n".join(e.id for e in r.symptoms),
            "\n".join(f"{m.id} (x{m.multiplier:g})" for m in r.rules_met),
            _also(r),
        )
        for r in ranking.results
    )
    title = "Muscles whose trigger points best explain: " + ", ".join(
        (*ranking.query.regions, *ranking.query.symptoms)
    )
    tables = [Table(RANKING_COLUMNS, rows, title=title)]
    if explain:
        tables += [_explain_table(r) for r in ranking.results]
    return Document(
        data=data,
        tables=tuple(tables),
        disclaimer=ranking.disclaimer,
        warnings=tuple(w.message for w in ranking.warnings if w.kind == "red-flag"),
        notes=_notes(ranking),
        records=_records(data),
    )


def _records(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One JSON Lines record per result; with no match, one that still has the warnings."""
    warnings = data["warnings"]
    if not data["results"]:
        return [dict(NoMatchLine(rank=None, muscle=None, warnings=warnings))]
    return [{**result, **WithWarnings(warnings=warnings)} for result in data["results"]]


def _notes(ranking: Ranking) -> tuple[str, ...]:
    notes = [w.message for w in ranking.warnings if w.kind != "red-flag"]
    if ranking.total_matches > len(ranking.results):
        notes.append(f"Showing {len(ranking.results)} of {ranking.total_matches} matching muscles.")
    if not ranking.results:
        notes.append("No muscle in the catalog explains what was reported.")
    return tuple(notes)


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


def _also(result: Result) -> str:
    parts = []
    for a in result.also_check:
        when = "" if a.applies else f", with {', '.join(a.when_symptoms)}"
        parts.append(f"{a.muscle} ({a.relation}{when})")
    return "\n".join(parts)


def _pct(x: float) -> str:
    return f"{x:.2f}"


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
    return Table(EXPLAIN_COLUMNS, tuple(rows), title=title)
