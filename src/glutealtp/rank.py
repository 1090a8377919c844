"""Rank muscles by how well their trigger points explain what was reported.

Each reported region or symptom is one item. For each muscle and item:

    strength    its strongest catalog fact for the item: a trigger-point zone (extent x
                activity), a muscle-level statement, a condition (an entrapment) or a
                symptom link; a fact one independent source states counts a little less
    commonness  how commonly the references' area lists name the muscle for that region

    evidence        = mean over the items of strength x commonness
    rule_multiplier = how much the clinical rules met lift the evidence: a rule's items
                      count at least at the rule's strength
    pattern_fit     = floor + (1 - floor) x (balance x share of the muscle's main zones
                      reported + (1 - balance) x share of its pattern inside the reported areas)
    score           = 100 x evidence x rule_multiplier x pattern_fit, from 0 to 100

All weights come from the dataset's `scoring` block. A ranking depends on the catalog and
the query only; what does not depend on the query is kept in `index.rank_cache`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from typing import NamedTuple, TypeVar

from glutealtp import arguments
from glutealtp.catalog.entries import MuscleEntry, Support, SymptomEntry, SymptomSupport
from glutealtp.catalog.index import CatalogIndex, RankCache
from glutealtp.errors import GlutealtpError
from glutealtp.related import also_check
from glutealtp.results import (
    Evidence,
    Query,
    Ranking,
    RankingWarning,
    Result,
    RuleMet,
    ScoreParts,
)
from glutealtp.text import fold
from glutealtp.vocabulary import FitWord


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


class _Item(NamedTuple):
    """A reported item as every muscle sees it: worked out once per catalog."""

    specificity: float
    explaining: int
    """How many muscles explain it."""
    terms: (
        Mapping[str, tuple[Evidence[Support], float]]
        | Mapping[str, tuple[Evidence[SymptomSupport], float]]
    )
    """Muscle id -> its evidence for the item and its term in the evidence (strength x
    commonness)."""


class _Pattern(NamedTuple):
    """A muscle's pattern as the fit reads it, once per catalog: its main zones, its
    pattern's weight grouped by the areas (top-level regions) each part lies in, and the
    share inside each set of areas asked about so far (a few per muscle)."""

    main: frozenset[str]
    groups: tuple[tuple[frozenset[str], float], ...]
    total: float
    shares: dict[frozenset[str], float]


class _Found:
    """One candidate's evidence, gathered item by item for one query."""

    __slots__ = ("explained", "only_for", "regions", "sum", "symptoms")

    def __init__(self) -> None:
        self.sum = 0.0
        self.regions: list[Evidence[Support]] = []
        self.symptoms: list[Evidence[SymptomSupport]] = []
        self.explained: list[str] = []
        self.only_for: list[str] = []


class _Scored(NamedTuple):
    score: float
    muscle: MuscleEntry
    found: _Found
    rules: tuple[RuleMet, ...]
    parts: tuple[float, float, float]


def rank(index: CatalogIndex, query: Query, top: int | None = None) -> Ranking:
    """Score every muscle against the query and return them best first."""
    arguments.query(index, query)  # UnknownName or TypeError: see `arguments`
    arguments.top(top)  # ValueError below 1
    return rank_among(index, query, None, top)


def rank_among(
    index: CatalogIndex, query: Query, among: Collection[str] | None, top: int | None = None
) -> Ranking:
    """`rank`, with only the muscles `among` (all when None) scored and returned: a next
    question tries a few muscles of a large catalog many times over."""
    cache = index.rank_cache
    scored_symptoms = tuple(s for s in query.symptoms if not index.symptoms[s].red_flag)
    found: dict[str, _Found] = {}
    for is_region, idents in ((True, query.regions), (False, scored_symptoms)):
        for ident in idents:
            item = (_region_item if is_region else _symptom_item)(cache, index, ident)
            only = item.explaining == 1
            terms: Mapping[str, tuple[Evidence[Support] | Evidence[SymptomSupport], float]]
            terms = item.terms
            if among is not None:
                terms = {m: terms[m] for m in among if m in terms}
            for muscle, (evidence, term) in terms.items():
                at = found.get(muscle)
                if at is None:
                    at = found[muscle] = _Found()
                at.sum += term
                if is_region:
                    at.regions.append(evidence)  # type: ignore[arg-type]
                    at.explained.append(ident)
                else:
                    at.symptoms.append(evidence)  # type: ignore[arg-type]
                if only:
                    at.only_for.append(ident)
    n = len(query.regions) + len(scored_symptoms)
    reported = frozenset().union(*(index.ancestors(q) for q in query.regions))
    scored = [
        _score(index, query, index.muscles[m], found[m], n, reported)
        for m in index.in_catalog_order(found)
    ]
    scored.sort(key=lambda t: (-t.score, t.muscle.id))
    shown = scored[:top] if top is not None else scored
    results = tuple(_results(index, query, scored, shown))
    explained = {q for t in scored for q in t.found.explained}
    matched_symptoms = {e.id for t in scored for e in t.found.symptoms}
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


def _results(
    index: CatalogIndex, query: Query, scored: list[_Scored], shown: list[_Scored]
) -> Iterable[Result]:
    """The shown results, with shared ranks for equal scores and the fit in words."""
    reported_symptoms = frozenset(query.symptoms)
    counts: dict[float, int] = {}
    rank_of: dict[float, int] = {}
    for position, t in enumerate(scored, start=1):
        counts[t.score] = counts.get(t.score, 0) + 1
        rank_of.setdefault(t.score, position)
    cache = index.rank_cache
    n_regions = len(query.regions)
    for t in shown:
        m, f = t.muscle, t.found
        evidence, fit, multiplier = t.parts
        also = also_check(index, cache, m, reported_symptoms) if m.related else ()
        score = t.score
        yield Result(
            rank_of[score],
            m.id,
            m.name,
            score,
            tuple(f.explained),
            n_regions,
            tuple(f.regions),
            tuple(f.symptoms) if f.symptoms else (),
            t.rules,
            also,
            ScoreParts(round(evidence, 4), round(fit, 4), round(multiplier, 4)),
            fit_word(index, score, bool(f.only_for)),
            counts[score] > 1,
            tuple(f.only_for) if f.only_for else (),
        )


def fit_word(index: CatalogIndex, score: float, only_candidate: bool) -> FitWord:
    """The score in a word; the only muscle that explains a reported item is never "weak"
    merely because its number is low."""
    sc = index.scoring
    if score >= sc.fit_strong:
        return "strong"
    if score >= sc.fit_moderate or only_candidate:
        return "moderate"
    return "weak"


def _score(
    index: CatalogIndex,
    query: Query,
    m: MuscleEntry,
    found: _Found,
    n: int,
    reported: frozenset[str],
) -> _Scored:
    """One muscle's score from the evidence gathered for it."""
    evidence = found.sum / n
    rules: tuple[RuleMet, ...] = ()
    lifted = evidence
    if m.rules:
        rules, lifted = _rules(index, query, m, found, n, reported)
    fit = _pattern_fit(index, m, found.explained, reported) if query.regions else None
    if fit is None:
        fit = index.scoring.pattern_fit_floor
    multiplier = lifted / evidence if evidence > 0 else 1.0
    return _Scored(round(100 * lifted * fit, 1), m, found, rules, (evidence, fit, multiplier))


def _rules(
    index: CatalogIndex,
    query: Query,
    m: MuscleEntry,
    found: _Found,
    n: int,
    reported: frozenset[str],
) -> tuple[tuple[RuleMet, ...], float]:
    """The rules met, each with how much it alone lifts the evidence, and the evidence with
    all of them: a met rule's items count at least at its strength.

    A rule counts a region as reported when it, or a region it is part of, was: "buttock"
    reports the gluteal region too, but "gluteal region" reports no particular part of it.
    Red flags are never evidence, so a rule never fires on one.
    """
    symptoms = frozenset(s for s in query.symptoms if not index.symptoms[s].red_flag)
    met = [r for r in m.rules if reported.issuperset(r.regions) and symptoms.issuperset(r.symptoms)]
    base = found.sum / n
    if not met:
        return (), base
    # Each item's (strength, commonness) for this muscle; an item it does not explain has none.
    terms: dict[tuple[bool, str], tuple[float, float]] = {
        (True, q): (0.0, _commonness(index, m.id, q)) for q in query.regions
    }
    terms.update(((False, s), (0.0, 1.0)) for s in symptoms)
    for region in found.regions:
        terms[(True, region.id)] = (region.strength, region.commonness)
    for symptom in found.symptoms:
        terms[(False, symptom.id)] = (symptom.strength, 1.0)

    def lifted(rules: Iterable[tuple[frozenset[str], frozenset[str], float]]) -> float:
        raised = dict(terms)
        for regions, syms, strength in rules:
            for (is_region, ident), (_, k) in terms.items():
                named = (
                    not regions.isdisjoint(index.ancestors(ident)) if is_region else ident in syms
                )
                if named and strength > raised[(is_region, ident)][0]:
                    raised[(is_region, ident)] = (strength, k)
        return sum(s * k for s, k in raised.values()) / n

    keyed = [(frozenset(r.regions), frozenset(r.symptoms), r.strength) for r in met]
    out = tuple(
        RuleMet(r.id, r.kind, r.statement, round(lifted([k]) / base, 4) if base else 1.0)
        for r, k in zip(met, keyed, strict=True)
    )
    return out, lifted(keyed)


def _commonness(index: CatalogIndex, muscle: str, region: str) -> float:
    floor, factors = index.commonness(region)
    return factors.get(muscle, floor)


def _pattern_fit(
    index: CatalogIndex, m: MuscleEntry, explained: list[str], reported: frozenset[str]
) -> float:
    """How well what was reported matches the muscle's whole pattern, from the floor to 1.

    Two shares: of the muscle's main zones, those reported (a main zone counts when it, or
    a part of it, was reported); and of its pattern's weight, the part lying in the areas
    (top-level regions) of the reported regions it explains: gluteus maximus's pattern lies
    wholly inside the gluteal region.
    """
    sc = index.scoring
    pattern = _pattern(index, m)
    main = len(pattern.main & reported) / len(pattern.main) if pattern.main else 0.0
    if len(explained) == 1:
        areas = index.roots(explained[0])
    else:
        areas = frozenset().union(*(index.roots(r) for r in explained))
    share = pattern.shares.get(areas)
    if share is None:
        inside = sum(w for roots, w in pattern.groups if not roots.isdisjoint(areas))
        share = pattern.shares[areas] = inside / pattern.total if pattern.total else 0.0
    balance = sc.pattern_balance
    return sc.pattern_fit_floor + (1 - sc.pattern_fit_floor) * (
        balance * main + (1 - balance) * share
    )


def _pattern(index: CatalogIndex, m: MuscleEntry) -> _Pattern:
    cache = index.rank_cache.patterns
    known = cache.get(m.id)
    if known is None:
        groups: dict[frozenset[str], float] = {}
        for region, weight in m.pattern.items():
            roots = index.roots(region)
            groups[roots] = groups.get(roots, 0.0) + weight
        total = sum(groups.values())
        known = cache[m.id] = _Pattern(m.main, tuple(groups.items()), total, {})
    return known


def red_flags_among(index: CatalogIndex, symptoms: Iterable[object]) -> tuple[RankingWarning, ...]:
    """The red-flag warnings of the names among `symptoms` that name a red flag, whatever
    else they hold (unknown names, or not strings): a query refused for another reason
    must not hide a red flag."""
    names = index.names("symptom")
    found = (names.get(fold(s)) for s in symptoms if type(s) is str)
    return tuple(
        _red_flag(index.symptoms[s])
        for s in dict.fromkeys(f for f in found if f is not None)
        if index.symptoms[s].red_flag
    )


def _red_flag(s: SymptomEntry) -> RankingWarning:
    return RankingWarning("red-flag", s.id, f"RED FLAG: {s.name}. {s.advice or ''}".strip())


def _warnings(
    index: CatalogIndex,
    query: Query,
    unexplained_regions: tuple[str, ...],
    unexplained_symptoms: tuple[str, ...],
) -> tuple[RankingWarning, ...]:
    """Red flags first, then the regions and symptoms no muscle explains."""
    red_flags = (index.symptoms[s] for s in query.symptoms if index.symptoms[s].red_flag)
    return (
        *(_red_flag(s) for s in red_flags),
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


def referrers(index: CatalogIndex, region: str) -> list[tuple[Result, Support]]:
    """The muscles that refer pain to `region`, in the order `which -r REGION` ranks them,
    each with its strongest fact for the region."""
    if not index.referring(region):
        return []  # most regions of a wide hierarchy: no ranking to work out
    ranking = rank(index, Query((region,), ()))
    return [(r, r.regions[0].via[0]) for r in ranking.results]


S = TypeVar("S", Support, SymptomSupport)


def _region_item(cache: RankCache, index: CatalogIndex, region: str) -> _Item:
    """A reported region as every muscle sees it; once per catalog.

    A muscle's strongest fact for the region is the one with the largest strength x
    commonness, the commonness being that of the region the fact names (inside the reported
    one) or of the reported region (for a fact on a wider one).
    """
    known = cache.regions.get(region)
    if known is None:
        name = index.regions[region].name
        supports = index.referring(region)
        spec = _specificity(len(index.muscles), len(supports))
        terms: dict[str, tuple[Evidence[Support], float]] = {}
        inside = index.descendants(region)
        for muscle, via in supports.items():

            def term(s: Support, muscle: str = muscle) -> float:
                at = s.region if s.region in inside else region
                return s.weight * _commonness(index, muscle, at)

            ordered = tuple(sorted(via, key=lambda s: -term(s)))
            best = ordered[0]
            k = term(best) / best.weight
            terms[muscle] = (Evidence(region, name, best.weight, spec, ordered, k), term(best))
        known = cache.regions[region] = _Item(spec, len(supports), terms)
    return known


def _symptom_item(cache: RankCache, index: CatalogIndex, symptom: str) -> _Item:
    """A reported symptom's evidence per muscle; once per catalog."""
    known = cache.symptoms.get(symptom)
    if known is None:
        supports = index.linked(symptom)
        name = index.symptoms[symptom].name
        spec = _specificity(len(index.muscles), len(supports))
        terms = {
            m: (Evidence(symptom, name, via[0].weight, spec, via), via[0].weight)
            for m, via in supports.items()
        }
        known = cache.symptoms[symptom] = _Item(spec, len(supports), terms)
    return known


def _specificity(total: int, explaining: int) -> float:
    """1 + ln(M / n): an item few muscles explain tells more; an unexplained one counts 1."""
    return round(1.0 + math.log(total / explaining), 4) if explaining else 1.0
