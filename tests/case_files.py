"""Load the public benchmark of sourced ranking cases (tests/cases/*.json).

`raw_cases()` gives each case object as written, for format checks; `load_cases()` gives typed
`Case` tuples for tests that run the cases against the ranking. See tests/cases/README.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from glutealtp.catalog import CatalogIndex
from glutealtp.ranking.rank import make_query, rank

CASES_DIR = Path(__file__).resolve().parent / "cases"


class Source(NamedTuple):
    title: str
    author: str
    url: str
    quote: str


class Case(NamedTuple):
    id: str
    group: str
    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    expect: tuple[str, ...]
    within: int
    above: tuple[tuple[str, str], ...]
    sources: tuple[Source, ...]
    note: str
    file: str

    @property
    def headline(self) -> str:
        """The muscle whose top-1 and top-3 agreement the benchmark reports."""
        return self.expect[0]


def raw_cases() -> list[tuple[str, dict[str, Any]]]:
    """(file name, case object) for every case in every tests/cases/*.json, in file order."""
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(CASES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise ValueError(f"{path.name}: expected a JSON array of cases")
        for obj in data:
            if not isinstance(obj, dict):
                raise ValueError(f"{path.name}: every case must be a JSON object")
            out.append((path.name, obj))
    return out


def _source(obj: dict[str, Any]) -> Source:
    return Source(obj["title"], obj["author"], obj["url"], obj["quote"])


def load_cases() -> list[Case]:
    """Every case as a typed Case; `source` and `sources` both become `sources`."""
    cases: list[Case] = []
    for file, obj in raw_cases():
        sources = obj["sources"] if "sources" in obj else [obj["source"]]
        cases.append(
            Case(
                id=obj["id"],
                group=obj["group"],
                regions=tuple(obj["regions"]),
                symptoms=tuple(obj["symptoms"]),
                expect=tuple(obj["expect"]),
                within=obj["within"],
                above=tuple((a, b) for a, b in obj.get("above", [])),
                sources=tuple(_source(s) for s in sources),
                note=obj["note"],
                file=file,
            )
        )
    return cases


class Outcome(NamedTuple):
    """How the ranking did on one case: each expected muscle's rank (None: not ranked), and
    whether the headline muscle shares its rank with others (a near-tie group)."""

    case: Case
    ranks: dict[str, int | None]
    passed: bool
    headline_tied: bool = False

    @property
    def headline_rank(self) -> int | None:
        return self.ranks[self.case.headline]


def evaluate(index: CatalogIndex, case: Case) -> Outcome:
    """Rank the case's query and check its expectations (a near-tie group shares a rank)."""
    ranking = rank(index, make_query(index, case.regions, case.symptoms))
    ranked = {r.muscle: r.rank for r in ranking.results}
    tied = any(r.tied for r in ranking.results if r.muscle == case.headline)
    names = {*case.expect, *(m for pair in case.above for m in pair)}
    ranks = {m: ranked.get(m) for m in names}
    within = all((ranks[m] or case.within + 1) <= case.within for m in case.expect)
    unranked = len(ranked) + 1
    place = {m: r or unranked for m, r in ranks.items()}
    above = all(ranks[a] is not None and place[a] < place[b] for a, b in case.above)
    return Outcome(case, ranks, within and above, tied)
