"""What `which` shows: the summary, the plain list, the arithmetic behind each score, the records.

Also the wording of a catalog fact behind a match (`describe_support`), which the region
list uses too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex
from glutealtp.output import words
from glutealtp.output.csvfmt import Column, sheet
from glutealtp.output.document import Alert, Block, Document, Paragraph, Span, Style, Table
from glutealtp.ranking.notices import RED_FLAG
from glutealtp.ranking.results import (
    Evidence,
    NextQuestion,
    Query,
    Ranking,
    RankingWarning,
    Result,
)

LIST_COLUMNS = ("#", "Muscle", "Score", "Explains", "Also check")
"""The ranking as a person reads it; "Also check", then "Explains", fold under their row."""
QUERY_COLUMNS: tuple[Column, ...] = (
    ("query", "regions"),
    ("query", "symptoms"),
    ("query", "absent"),
    ("query", "side"),
    ("query", "pressed", "trigger_point"),
    ("query", "pressed", "answer"),
)
"""The query's columns, in `which` and `batch` CSV alike."""
SHEET_COLUMNS: tuple[Column, ...] = (
    ("rank",),
    ("muscle",),
    ("name",),
    ("score",),
    ("fit",),
    ("tied",),
    ("regions_explained",),
    ("regions_reported",),
    ("symptoms_explained",),
    ("only_for",),
    ("rules_met", "id"),
    ("also_check", "muscle"),
    ("also_check", "applies"),
    ("pressed", "trigger_point"),
    ("pressed", "answer"),
    *QUERY_COLUMNS,
)
"""The CSV: each result's `which --format jsonl` record flattened (`csvfmt.sheet`), then
`SHEET_WORDS`."""
SHEET_WORDS = ("explains",)
"""The CSV's columns of the screen's words: what each muscle explains and what counts
against it, as the "Explains" column says it."""
EXPLAIN_COLUMNS = ("Item", "Kind", "Likelihood", "Commonness", "Because")


class WithWarnings(TypedDict):
    """What each `which --format jsonl` line adds to its result: the warnings, so that a
    script reading one line still sees a red flag, the query, and the ranking's next
    questions."""

    warnings: tuple[RankingWarning, ...]
    query: Query
    next_questions: tuple[NextQuestion, ...]
    settled: bool


class NoMatchLine(TypedDict):
    """`which --format jsonl` when no muscle matches: a single line that still carries the
    warnings (a red flag must reach the reader); `rank` and `muscle` are null."""

    rank: None
    muscle: None
    warnings: tuple[RankingWarning, ...]
    query: Query
    next_questions: tuple[NextQuestion, ...]
    settled: bool


def ranking_document(index: CatalogIndex, ranking: Ranking, explain: bool = False) -> Document:
    """The ranking: a summary line and a plain list; with `explain`, the ids and arithmetic."""
    data = ranking.to_dict()
    red_flags = tuple(w.message for w in ranking.warnings if w.kind == "red-flag")
    tables = [_list_table(index, ranking, explain)]
    if explain:
        tables += [_explain_table(r) for r in ranking.results]
    records = _records(data)
    results = ranking.results
    explains = {"explains": lambda n: "; ".join(words.explains(index, results[n]))}
    return Document(
        data=data,
        tables=tuple(tables),
        disclaimer=ranking.disclaimer,
        warnings=red_flags,
        notes=_notes(ranking),
        records=records,
        screen=_screen(index, ranking, tables),
        sheet=sheet(records if results else [], SHEET_COLUMNS, explains),
        comments=tuple(words.next_questions(ranking)),
        whole=words.muscle_names(index),
    )


def _screen(index: CatalogIndex, ranking: Ranking, tables: Sequence[Table]) -> tuple[Block, ...]:
    """Red flags first; then what was reported, the summary, the list, what would help tell
    the leaders apart, the notes and what the score means."""
    blocks: list[Block] = [
        Alert(words.URGENT, (w.message.removeprefix(RED_FLAG),))
        for w in ranking.warnings
        if w.kind == "red-flag"
    ]
    if blocks and ranking.results:
        blocks.append(Paragraph((Span(words.CLINICIAN, "heading"),)))
    blocks.append(Paragraph((Span(words.reported(index, ranking)),)))
    if ranking.results:
        blocks.append(Paragraph((Span(words.summary_line(index, ranking), "best"),), joined=True))
        blocks.append(tables[0])
    for n, line in enumerate(words.also_linked(index, ranking)):
        blocks.append(Paragraph((Span(line),), joined=n > 0, hang=2 if n else 0))
    for n, line in enumerate(words.next_questions(ranking)):
        list_item = line.startswith("- ")
        blocks.append(Paragraph((Span(line),), joined=n > 0, hang=2 if list_item else 0))
    blocks += [Paragraph((Span(n, "warning"),)) for n in _notes(ranking)]
    if ranking.results:
        blocks.append(Paragraph((Span(words.legend(index, ranking), "dim"),)))
    blocks.append(Paragraph((Span(words.catalog_line(index), "dim"),), joined=True))
    blocks += tables[1:]
    return tuple(blocks)


def _list_table(index: CatalogIndex, ranking: Ranking, explain: bool) -> Table:
    rows = tuple(
        (
            words.rank_words(r),
            f"{r.name}\n({r.muscle})" if explain else r.name,
            words.score_words(r),
            "\n".join([f"{e.id} <- {_because(e)[0]}" for e in r.region_evidence] if explain else [])
            or "\n".join(words.explains(index, r)),
            "; ".join(words.also_check(r.also_check)),
        )
        for r in ranking.results
    )
    styles: tuple[Style, ...] = tuple("best" if r.rank == 1 else "plain" for r in ranking.results)
    return Table(
        LIST_COLUMNS, rows, fold=("Also check", "Explains"), bare=("Explains",), styles=styles
    )


def _records(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One JSON Lines record per result; with no match, one that still has the warnings."""
    warnings, query = data["warnings"], data["query"]
    if not data["results"]:
        line = NoMatchLine(
            rank=None,
            muscle=None,
            warnings=warnings,
            query=query,
            next_questions=data["next_questions"],
            settled=data["settled"],
        )
        return [dict(line)]
    ranking = WithWarnings(
        warnings=warnings,
        query=query,
        next_questions=data["next_questions"],
        settled=data["settled"],
    )
    return [
        {"warnings": warnings, **result, **ranking} for result in data["results"]
    ]  # each line starts with its warnings


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


def _pct(x: float) -> str:
    return f"{x:.2f}"


def _explain_table(r: Result) -> Table:
    """The arithmetic behind one score: each item's likelihood and commonness, what counts
    against the muscle, and the rules met."""
    p = r.parts
    title = (
        f"#{r.rank} {r.name}: score {r.score:.1f} = 100 x likelihood {_pct(p.likelihood)}"
        f" x commonness {_pct(p.commonness)} x against {_pct(p.against_factor)}"
        f" / {p.scale:g} (each a mean per item)"
    )
    if r.pressed:
        moved = " x ".join(f"{x.factor:g}" for x in r.pressed)
        title += f"; pressed: odds x {moved}, so the score x ({moved}) ^ (1 / items), at most 100"
    rows: list[tuple[str, ...]] = []

    def add(kind: str, e: Evidence[Support] | Evidence[SymptomSupport]) -> None:
        because = "\n".join(_because(e))
        if e.coverage < 1.0:
            because += f"\ncovers {e.coverage:.0%} of it"
        rows.append((e.id, kind, _pct(e.likelihood), _pct(e.commonness), because))

    for region in r.region_evidence:
        add("region", region)
    for symptom in r.symptom_evidence:
        add("symptom", symptom)
    for a in r.against:
        rows.append((a.id, a.kind, _pct(a.likelihood), "", f"x{a.factor:.2f}"))
    for m in r.rules_met:
        rows.append((m.id, "rule", f"x{m.multiplier:g}", "", m.statement))
    for x in r.pressed:
        rows.append((x.trigger_point, "pressed", x.answer, "", f"odds x{x.factor:g}"))
    return Table(EXPLAIN_COLUMNS, tuple(rows), title=title)
