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
from collections.abc import Iterable
from typing import Any, NamedTuple

from glutealtp.catalog import CatalogIndex, MuscleEntry, Support, SymptomSupport

SCHEMA_VERSION = 1
"""Version of the JSON output contract; bumped on any incompatible change."""


class EmptyQuery(ValueError):
    """A query needs at least one region or symptom."""


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


def to_plain(value: object) -> object:
    """Records as dicts and tuples as lists: the JSON shape of a result."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: to_plain(v) for k, v in value._asdict().items()}
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    return value


def make_query(
    index: CatalogIndex, regions: Iterable[str] = (), symptoms: Iterable[str] = ()
) -> Query:
    """Resolve names and synonyms to ids; raises `UnknownName` or `EmptyQuery`."""
    region_ids = sorted({index.resolve("region", r) for r in regions})
    symptom_ids = sorted({index.resolve("symptom", s) for s in symptoms})
    if not region_ids and not symptom_ids:
        raise EmptyQuery("give at least one region or symptom")
    return Query(tuple(region_ids), tuple(symptom_ids))


def rank(index: CatalogIndex, query: Query, top: int | None = None) -> Ranking:
    """Score every muscle against the query and return them best first."""
    muscles = list(index.muscles.values())
    covered = {q: index.descendants(q) for q in query.regions}
    all_covered = frozenset().union(*covered.values()) if covered else frozenset()
    scored_symptoms = [s for s in query.symptoms if not index.symptoms[s].red_flag]

    region_support = {
        q: {m.id: _region_support(m, covered[q]) for m in muscles} for q in query.regions
    }
    symptom_support = {s: {m.id: m.symptoms.get(s, ()) for m in muscles} for s in scored_symptoms}
    region_spec = {q: _specificity(len(muscles), region_support[q].values()) for q in query.regions}
    symptom_spec = {
        s: _specificity(len(muscles), symptom_support[s].values()) for s in scored_symptoms
    }
    total_spec = sum(region_spec.values()) + sum(symptom_spec.values())

    scored: list[tuple[float, str, dict[str, Any]]] = []
    for m in muscles:
        regions = tuple(
            Evidence(
                q,
                index.regions[q].name,
                vias[0].weight,
                region_spec[q],
                vias,
            )
            for q in query.regions
            if (vias := region_support[q][m.id])
        )
        symptoms = tuple(
            Evidence(
                s,
                index.symptoms[s].name,
                links[0].weight,
                symptom_spec[s],
                links,
            )
            for s in scored_symptoms
            if (links := symptom_support[s][m.id])
        )
        if not regions and not symptoms:
            continue
        evidence = sum(e.strength * e.specificity for e in (*regions, *symptoms)) / total_spec
        fit = _pattern_fit(m, all_covered, index.pattern_fit_floor)
        rules = tuple(
            RuleMet(r.id, r.kind, r.statement, r.multiplier)
            for r in m.rules
            if set(r.regions) <= all_covered and set(r.symptoms) <= set(query.symptoms)
        )
        multiplier = math.prod(r.multiplier for r in rules)
        score = round(100 * evidence * fit * multiplier, 1)
        also = tuple(
            sorted(
                (
                    AlsoCheck(
                        rel.muscle,
                        index.muscles[rel.muscle].name,
                        rel.kind,
                        rel.symptoms,
                        not rel.symptoms or bool(set(rel.symptoms) & set(query.symptoms)),
                        rel.note,
                    )
                    for rel in m.related
                ),
                key=lambda a: (not a.applies, a.muscle, a.relation),
            )
        )
        scored.append(
            (
                score,
                m.id,
                {
                    "muscle": m.id,
                    "name": m.name,
                    "score": score,
                    "regions_explained": tuple(e.id for e in regions),
                    "regions_reported": len(query.regions),
                    "regions": regions,
                    "symptoms": symptoms,
                    "rules_met": rules,
                    "also_check": also,
                    "parts": ScoreParts(round(evidence, 4), round(fit, 4), round(multiplier, 4)),
                },
            )
        )
    scored.sort(key=lambda t: (-t[0], t[1]))
    results = tuple(Result(rank=i, **fields) for i, (_, _, fields) in enumerate(scored, start=1))
    explained = {q for r in results for q in r.regions_explained}
    matched_symptoms = {e.id for r in results for e in r.symptoms}
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
        results=results[:top] if top is not None else results,
        total_matches=len(results),
        unexplained_regions=unexplained_regions,
        unexplained_symptoms=unexplained_symptoms,
        warnings=warnings,
        disclaimer=index.disclaimer,
    )


def referrers(index: CatalogIndex, region: str) -> list[tuple[MuscleEntry, Support]]:
    """The muscles that refer pain to `region` (or a part of it), strongest first."""
    within = index.descendants(region)
    found = [
        (m, supports[0]) for m in index.muscles.values() if (supports := _region_support(m, within))
    ]
    found.sort(key=lambda t: (-t[1].weight, t[0].id))
    return found


def _region_support(muscle: MuscleEntry, within: frozenset[str]) -> tuple[Support, ...]:
    """Every support the muscle has for any region within a reported one, strongest first."""
    found = [s for region in within for s in muscle.regions.get(region, ())]
    found.sort(key=lambda s: (-s.weight, s.kind != "zone", s.trigger_point or "", s.region))
    return tuple(found)


def _specificity(total: int, supports: Iterable[tuple[object, ...]]) -> float:
    n = sum(1 for s in supports if s)
    return round(1.0 + math.log(total / n), 4) if n else 1.0


def _pattern_fit(muscle: MuscleEntry, covered: frozenset[str], floor: float) -> float:
    if not muscle.essential:
        return 1.0
    share = len(muscle.essential & covered) / len(muscle.essential)
    return floor + (1.0 - floor) * share
