"""Rank muscles by how well their trigger points explain the reported pain.

Every reported region or symptom is one piece of evidence, weighted by its
specificity: 1 + ln(M / n), where M is the number of muscles and n the number
that explain it, so a region few muscles refer to tells more. A muscle's
strength on an item is its best support: a trigger-point zone (extent weight x
activity weight), a muscle-level statement, or a condition it may cause.

    evidence    = sum(strength x specificity) / sum(specificity)
    pattern_fit = floor + (1 - floor) x share of the muscle's essential regions reported
    score       = 100 x evidence x pattern_fit x product(multipliers of the rules met)

All weights come from the dataset's `scoring` block. Pure functions only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any, Literal, NamedTuple

from glutealtp.catalog.entries import MuscleEntry, Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex

SCHEMA_VERSION = 1
"""Version of the JSON output contract; bumped on any incompatible change."""


class EmptyQuery(ValueError):
    """A query needs at least one region or symptom."""

    MESSAGE = "give at least one region or symptom"

    def __init__(self, message: str = MESSAGE) -> None:
        super().__init__(message)


class Query(NamedTuple):
    """The normalised question: sorted, de-duplicated ids."""

    regions: tuple[str, ...]
    symptoms: tuple[str, ...]


class Evidence(NamedTuple):
    """How one reported item counts for one muscle, and which catalog facts say so."""

    id: str
    name: str
    strength: float
    specificity: float
    via: tuple[Support, ...] | tuple[SymptomSupport, ...]


class RuleMet(NamedTuple):
    id: str
    kind: str
    statement: str
    multiplier: float


class AlsoCheck(NamedTuple):
    """A muscle related to a result; `applies` is false when its symptoms were not reported."""

    muscle: str
    name: str
    relation: str
    when_symptoms: tuple[str, ...]
    applies: bool
    note: str | None


class ScoreParts(NamedTuple):
    evidence: float
    pattern_fit: float
    rule_multiplier: float


class Result(NamedTuple):
    """One ranked muscle with the reasons for its place."""

    rank: int
    muscle: str
    name: str
    score: float
    regions_explained: tuple[str, ...]
    regions_reported: int
    regions: tuple[Evidence, ...]
    symptoms: tuple[Evidence, ...]
    rules_met: tuple[RuleMet, ...]
    also_check: tuple[AlsoCheck, ...]
    parts: ScoreParts


Evidences = tuple[Evidence, ...]
Rules = tuple[RuleMet, ...]
Parts = tuple[float, float, float]


class Warning(NamedTuple):
    """Something the reader must see first: a red flag, or an item no muscle explains."""

    kind: str
    id: str
    message: str


class Ranking(NamedTuple):
    """The answer to a query: results best first, plus what no muscle explains."""

    query: Query
    warnings: tuple[Warning, ...]
    results: tuple[Result, ...]
    total_matches: int
    unexplained_regions: tuple[str, ...]
    unexplained_symptoms: tuple[str, ...]
    disclaimer: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form that scripts rely on."""
        plain = to_plain(self)
        assert isinstance(plain, dict)
        return {"schema_version": SCHEMA_VERSION, **plain}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_plain(value: object) -> object:
    """Records as dicts and tuples as lists: the JSON shape of a result.

    Scalars are passed through without a call: this runs once per batch query, on
    hundreds of nested records.
    """
    if isinstance(value, tuple | list):
        fields = getattr(value, "_fields", None)
        if fields is not None:
            return {
                k: v if type(v) in _SCALARS else to_plain(v)
                for k, v in zip(fields, value, strict=True)
            }
        return [v if type(v) in _SCALARS else to_plain(v) for v in value]
    return value


def make_query(
    index: CatalogIndex, regions: Iterable[str] = (), symptoms: Iterable[str] = ()
) -> Query:
    """Resolve names and synonyms to ids; raises `UnknownName` or `EmptyQuery`."""
    region_ids = sorted({index.resolve("region", r) for r in regions})
    symptom_ids = sorted({index.resolve("symptom", s) for s in symptoms})
    if not region_ids and not symptom_ids:
        raise EmptyQuery
    return Query(tuple(region_ids), tuple(symptom_ids))


def rank(index: CatalogIndex, query: Query, top: int | None = None) -> Ranking:
    """Score every muscle against the query and return them best first."""
    memo = _memo(index)
    # A rule or a pattern counts a region as reported when it, or a region it is part of, was:
    # "buttock" reports the gluteal region too, but "gluteal region" reports no particular part.
    reported = frozenset().union(*(index.ancestors(q) for q in query.regions))
    scored_symptoms = [s for s in query.symptoms if not index.symptoms[s].red_flag]
    region_items = [_item(memo, index, "region", q) for q in query.regions]
    symptom_items = [_item(memo, index, "symptom", s) for s in scored_symptoms]
    total_spec = sum(spec for spec, _ in region_items) + sum(spec for spec, _ in symptom_items)

    # Only muscles that explain something can score: gather each one's evidence, in query order,
    # with the terms of its evidence sum (strength x specificity).
    found: dict[str, tuple[list[Evidence], list[Evidence], list[float]]] = {}
    for is_region, items in ((True, region_items), (False, symptom_items)):
        for _, by_muscle in items:
            for muscle_id, (e, term) in by_muscle.items():
                entry = found.get(muscle_id)
                if entry is None:
                    entry = found[muscle_id] = ([], [], [])
                (entry[0] if is_region else entry[1]).append(e)
                entry[2].append(term)

    reported_symptoms = frozenset(query.symptoms)
    # Score every candidate first; the costlier parts of a result are built only for those shown.
    scored: list[tuple[float, str, MuscleEntry, Evidences, Evidences, Rules, Parts]] = []
    for muscle_id, (region_list, symptom_list, terms) in found.items():
        m = index.muscles[muscle_id]
        evidence = sum(terms) / total_spec
        fit = _pattern_fit(m, reported, index.pattern_fit_floor)
        rules = (
            tuple(
                RuleMet(r.id, r.kind, r.statement, r.multiplier)
                for r in m.rules
                if reported.issuperset(r.regions) and reported_symptoms.issuperset(r.symptoms)
            )
            if m.rules
            else ()
        )
        multiplier = math.prod([r.multiplier for r in rules]) if rules else 1.0
        score = round(100 * evidence * fit * multiplier, 1)
        parts = (evidence, fit, multiplier)
        scored.append((score, muscle_id, m, tuple(region_list), tuple(symptom_list), rules, parts))
    scored.sort(key=lambda t: (-t[0], t[1]))
    results = tuple(
        Result(
            i,
            m.id,
            m.name,
            score,
            tuple([e.id for e in regions]),
            len(query.regions),
            regions,
            symptoms,
            rules,
            _also_check(index, memo, m, reported_symptoms),
            ScoreParts(round(parts[0], 4), round(parts[1], 4), round(parts[2], 4)),
        )
        for i, (score, _, m, regions, symptoms, rules, parts) in enumerate(
            scored[:top] if top is not None else scored, start=1
        )
    )
    explained = {e.id for t in scored for e in t[3]}
    matched_symptoms = {e.id for t in scored for e in t[4]}
    unexplained_regions = tuple(q for q in query.regions if q not in explained)
    unexplained_symptoms = tuple(s for s in scored_symptoms if s not in matched_symptoms)
    warnings = (
        *(
            Warning(
                "red-flag",
                s,
                f"RED FLAG: {index.symptoms[s].name}. {index.symptoms[s].advice or ''}".strip(),
            )
            for s in query.symptoms
            if index.symptoms[s].red_flag
        ),
        *(
            Warning(
                "unexplained-region",
                q,
                f"No muscle in the catalog refers pain to {index.regions[q].name}.",
            )
            for q in unexplained_regions
        ),
        *(
            Warning(
                "unexplained-symptom",
                s,
                f"No muscle in the catalog is linked to {index.symptoms[s].name.lower()}.",
            )
            for s in unexplained_symptoms
        ),
    )
    return Ranking(
        query=query,
        results=results,
        total_matches=len(scored),
        unexplained_regions=unexplained_regions,
        unexplained_symptoms=unexplained_symptoms,
        warnings=warnings,
        disclaimer=index.disclaimer,
    )


def referrers(index: CatalogIndex, region: str) -> list[tuple[MuscleEntry, Support]]:
    """The muscles that refer pain to `region` (or a part of it), strongest first."""
    found = [(index.muscles[m], supports[0]) for m, supports in index.referring(region).items()]
    found.sort(key=lambda t: (-t[1].weight, t[0].id))
    return found


def _also_check(
    index: CatalogIndex, memo: _Memo, muscle: MuscleEntry, reported_symptoms: frozenset[str]
) -> tuple[AlsoCheck, ...]:
    """Related muscles; those whose symptoms were reported (or that need none) come first.

    Only the reported symptoms that some relation names matter: the answer is kept per muscle
    and such a set (a few per muscle).
    """
    if not muscle.related:
        return ()
    named = memo.relation_symptoms.get(muscle.id)
    if named is None:
        named = memo.relation_symptoms[muscle.id] = frozenset(
            s for rel in muscle.related for s in rel.symptoms
        )
    key = (muscle.id, reported_symptoms & named)
    known = memo.also.get(key)
    if known is not None:
        return known
    also = [
        AlsoCheck(
            rel.muscle,
            index.muscles[rel.muscle].name,
            rel.kind,
            rel.symptoms,
            not rel.symptoms or not reported_symptoms.isdisjoint(rel.symptoms),
            rel.note,
        )
        for rel in muscle.related
    ]
    also.sort(key=lambda a: (not a.applies, a.muscle, a.relation))
    if len(memo.also) >= 65_536:
        memo.also.clear()
    known = memo.also[key] = tuple(also)
    return known


class _Memo:
    """What `rank` works out once per catalog rather than once per query."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], tuple[float, dict[str, tuple[Evidence, float]]]] = {}
        self.relation_symptoms: dict[str, frozenset[str]] = {}
        self.also: dict[tuple[str, frozenset[str]], tuple[AlsoCheck, ...]] = {}


def _memo(index: CatalogIndex) -> _Memo:
    memo = index.memo.get(__name__)
    if memo is None:
        memo = index.memo[__name__] = _Memo()
    assert isinstance(memo, _Memo)
    return memo


def _item(
    memo: _Memo, index: CatalogIndex, kind: Literal["region", "symptom"], item: str
) -> tuple[float, dict[str, tuple[Evidence, float]]]:
    """A reported item's specificity and, for each muscle that explains it, the evidence and
    its term in the evidence sum (strength x specificity).

    Neither depends on the rest of the query, so each is worked out once per catalog.
    """
    known = memo.items.get((kind, item))
    if known is not None:
        return known
    if kind == "region":
        supports: Mapping[str, tuple[Support, ...] | tuple[SymptomSupport, ...]]
        supports, name = index.referring(item), index.regions[item].name
    else:
        supports, name = index.linked(item), index.symptoms[item].name
    spec = _specificity(len(index.muscles), len(supports))
    evidence = {
        m: (Evidence(item, name, via[0].weight, spec, via), via[0].weight * spec)
        for m, via in supports.items()
    }
    memo.items[(kind, item)] = (spec, evidence)
    return spec, evidence


def _specificity(total: int, explaining: int) -> float:
    """1 + ln(M / n): an item few muscles explain tells more; an unexplained one counts 1."""
    return round(1.0 + math.log(total / explaining), 4) if explaining else 1.0


def _pattern_fit(muscle: MuscleEntry, covered: frozenset[str], floor: float) -> float:
    if not muscle.essential:
        return 1.0
    share = len(muscle.essential & covered) / len(muscle.essential)
    return floor + (1.0 - floor) * share
