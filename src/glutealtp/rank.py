"""Rank muscles by how well their trigger points explain the reported pain.

Every reported region or symptom is one piece of evidence, weighted by its
specificity: 1 + ln(M / n), where M is the number of muscles and n the number
that explain it, so a region few muscles refer to tells more. A muscle's
strength on an item is its best support: a trigger-point zone (extent weight x
activity weight), a muscle-level statement, or a condition it may cause.

    evidence    = sum(strength x specificity) / sum(specificity)
    pattern_fit = floor + (1 - floor) x share of the muscle's essential regions reported
    score       = 100 x evidence x pattern_fit x product(multipliers of the rules met)

The product of the multipliers is capped at MAX_RULE_PRODUCT, so every score is finite.
All weights come from the dataset's `scoring` block. A ranking depends on the catalog and
the query only; the parts that do not depend on the query are kept in `index.rank_cache`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TypeVar

from glutealtp import arguments
from glutealtp.catalog.entries import MuscleEntry, Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex, RankCache
from glutealtp.errors import GlutealtpError
from glutealtp.results import (
    AlsoCheck,
    Evidence,
    Query,
    Ranking,
    RankingWarning,
    Result,
    RuleMet,
    ScoreParts,
)

MAX_RULE_PRODUCT = 5.0
"""Cap on the product of the rule multipliers of one muscle: the largest single multiplier
the dataset format allows. However many rules a dataset gives a muscle, its score is finite."""


class EmptyQuery(GlutealtpError, ValueError):
    """A query needs at least one region or symptom."""

    MESSAGE = "give at least one region or symptom"

    def __init__(self, message: str = MESSAGE) -> None:
        super().__init__(message)


def make_query(
    index: CatalogIndex, regions: Iterable[str] = (), symptoms: Iterable[str] = ()
) -> Query:
    """Resolve names and synonyms to ids; raises `UnknownName` or `EmptyQuery` (and
    TypeError for a str or non-str names: see `arguments`)."""
    regions, symptoms = arguments.names("regions", regions), arguments.names("symptoms", symptoms)
    region_ids = sorted({index.resolve("region", r) for r in regions})
    symptom_ids = sorted({index.resolve("symptom", s) for s in symptoms})
    if not region_ids and not symptom_ids:
        raise EmptyQuery
    return Query(tuple(region_ids), tuple(symptom_ids))


# Plain tuples, not NamedTuples: these are made for every candidate of every query.
_Found = tuple[list[Evidence[Support]], list[Evidence[SymptomSupport]], list[float]]
"""One muscle's region and symptom evidence, in query order, and its evidence-sum terms."""
_Scored = tuple[
    float,  # score
    str,  # muscle id
    MuscleEntry,
    tuple[Evidence[Support], ...],
    tuple[Evidence[SymptomSupport], ...],
    tuple[RuleMet, ...],
    tuple[float, float, float],  # evidence, pattern fit, rule multiplier
]


def rank(index: CatalogIndex, query: Query, top: int | None = None) -> Ranking:
    """Score every muscle against the query and return them best first."""
    arguments.query(index, query)  # UnknownName or TypeError: see `arguments`
    arguments.top(top)  # ValueError below 1
    cache = index.rank_cache
    scored_symptoms = [s for s in query.symptoms if not index.symptoms[s].red_flag]
    region_items = [_region_item(cache, index, q) for q in query.regions]
    symptom_items = [_symptom_item(cache, index, s) for s in scored_symptoms]
    total_spec = sum(spec for spec, _ in region_items) + sum(spec for spec, _ in symptom_items)
    found = _gather(region_items, symptom_items)
    scored = _score(index, query, found, total_spec)
    reported_symptoms = frozenset(query.symptoms)
    results = tuple(
        Result(
            i,
            muscle_id,
            m.name,
            score,
            tuple([e.id for e in regions]),
            len(query.regions),
            regions,
            symptoms,
            rules,
            _also_check(index, cache, m, reported_symptoms),
            ScoreParts(round(parts[0], 4), round(parts[1], 4), round(parts[2], 4)),
        )
        for i, (score, muscle_id, m, regions, symptoms, rules, parts) in enumerate(
            scored[:top] if top is not None else scored, start=1
        )
    )
    explained = {e.id for t in scored for e in t[3]}
    matched_symptoms = {e.id for t in scored for e in t[4]}
    unexplained_regions = tuple(q for q in query.regions if q not in explained)
    unexplained_symptoms = tuple(s for s in scored_symptoms if s not in matched_symptoms)
    return Ranking(
        query=query,
        warnings=_warnings(index, query, unexplained_regions, unexplained_symptoms),
        results=results,
        total_matches=len(scored),
        unexplained_regions=unexplained_regions,
        unexplained_symptoms=unexplained_symptoms,
        disclaimer=index.disclaimer,
    )


def _gather(
    region_items: list[tuple[float, dict[str, tuple[Evidence[Support], float]]]],
    symptom_items: list[tuple[float, dict[str, tuple[Evidence[SymptomSupport], float]]]],
) -> dict[str, _Found]:
    """Each muscle that explains something, with its evidence: only these can score."""
    found: dict[str, _Found] = {}
    for _, by_muscle in region_items:
        for muscle_id, (e, term) in by_muscle.items():
            at = found.get(muscle_id)
            if at is None:
                at = found[muscle_id] = ([], [], [])
            at[0].append(e)
            at[2].append(term)
    for _, by_symptom in symptom_items:
        for muscle_id, (s, term) in by_symptom.items():
            at = found.get(muscle_id)
            if at is None:
                at = found[muscle_id] = ([], [], [])
            at[1].append(s)
            at[2].append(term)
    return found


def _score(
    index: CatalogIndex, query: Query, found: dict[str, _Found], total_spec: float
) -> list[_Scored]:
    """Every candidate's score, best first; the costlier parts of a result come later, and
    only for the results shown."""
    # A rule or a pattern counts a region as reported when it, or a region it is part of, was:
    # "buttock" reports the gluteal region too, but "gluteal region" reports no particular part.
    reported = frozenset().union(*(index.ancestors(q) for q in query.regions))
    reported_symptoms = frozenset(query.symptoms)
    scored: list[_Scored] = []
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
        product = math.prod([r.multiplier for r in rules]) if rules else 1.0
        multiplier = min(product, MAX_RULE_PRODUCT)
        score = round(100 * evidence * fit * multiplier, 1)
        parts = (evidence, fit, multiplier)
        scored.append((score, muscle_id, m, tuple(region_list), tuple(symptom_list), rules, parts))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return scored


def _warnings(
    index: CatalogIndex,
    query: Query,
    unexplained_regions: tuple[str, ...],
    unexplained_symptoms: tuple[str, ...],
) -> tuple[RankingWarning, ...]:
    """Red flags first, then the regions and symptoms no muscle explains."""
    red_flags = (index.symptoms[s] for s in query.symptoms if index.symptoms[s].red_flag)
    return (
        *(
            RankingWarning("red-flag", s.id, f"RED FLAG: {s.name}. {s.advice or ''}".strip())
            for s in red_flags
        ),
        *(
            RankingWarning(
                "unexplained-region",
                q,
                f"No muscle in the catalog refers pain to {index.regions[q].name}.",
            )
            for q in unexplained_regions
        ),
        *(
            RankingWarning(
                "unexplained-symptom",
                s,
                f"No muscle in the catalog is linked to {index.symptoms[s].name.lower()}.",
            )
            for s in unexplained_symptoms
        ),
    )


def referrers(index: CatalogIndex, region: str) -> list[tuple[MuscleEntry, Support]]:
    """The muscles that refer pain to `region` (or a part of it), strongest first."""
    found = [(index.muscles[m], supports[0]) for m, supports in index.referring(region).items()]
    found.sort(key=lambda t: (-t[1].weight, t[0].id))
    return found


def _also_check(
    index: CatalogIndex, cache: RankCache, muscle: MuscleEntry, reported_symptoms: frozenset[str]
) -> tuple[AlsoCheck, ...]:
    """Related muscles; those whose symptoms were reported (or that need none) come first.

    Only the reported symptoms that some relation names matter: the answer is kept per muscle
    and such a set (a few per muscle).
    """
    if not muscle.related:
        return ()
    named = cache.relation_symptoms.get(muscle.id)
    if named is None:
        named = cache.relation_symptoms[muscle.id] = frozenset(
            s for rel in muscle.related for s in rel.symptoms
        )
    key = (muscle.id, reported_symptoms & named)
    known = cache.also.get(key)
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
    if len(cache.also) >= RankCache.MAX_ALSO:
        cache.also.clear()
    known = cache.also[key] = tuple(also)
    return known


S = TypeVar("S", Support, SymptomSupport)


def _region_item(
    cache: RankCache, index: CatalogIndex, region: str
) -> tuple[float, dict[str, tuple[Evidence[Support], float]]]:
    """A reported region's specificity and, for each muscle that explains it, the evidence
    and its term in the evidence sum (strength x specificity); once per catalog."""
    known = cache.regions.get(region)
    if known is None:
        supports = index.referring(region)
        known = cache.regions[region] = _item(index, region, index.regions[region].name, supports)
    return known


def _symptom_item(
    cache: RankCache, index: CatalogIndex, symptom: str
) -> tuple[float, dict[str, tuple[Evidence[SymptomSupport], float]]]:
    """A reported symptom's specificity and evidence, as `_region_item`; once per catalog."""
    known = cache.symptoms.get(symptom)
    if known is None:
        supports = index.linked(symptom)
        name = index.symptoms[symptom].name
        known = cache.symptoms[symptom] = _item(index, symptom, name, supports)
    return known


def _item(
    index: CatalogIndex, item: str, name: str, supports: Mapping[str, tuple[S, ...]]
) -> tuple[float, dict[str, tuple[Evidence[S], float]]]:
    spec = _specificity(len(index.muscles), len(supports))
    evidence = {
        m: (Evidence(item, name, via[0].weight, spec, via), via[0].weight * spec)
        for m, via in supports.items()
    }
    return spec, evidence


def _specificity(total: int, explaining: int) -> float:
    """1 + ln(M / n): an item few muscles explain tells more; an unexplained one counts 1."""
    return round(1.0 + math.log(total / explaining), 4) if explaining else 1.0


def _pattern_fit(muscle: MuscleEntry, covered: frozenset[str], floor: float) -> float:
    if not muscle.essential:
        return 1.0
    share = len(muscle.essential & covered) / len(muscle.essential)
    return floor + (1.0 - floor) * share
