"""One muscle's score for a query, and its result: the formula of `rank`, applied to the
evidence gathered for the muscle from the items reported (`items`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import NamedTuple

from glutealtp.catalog.entries import MuscleEntry, Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex
from glutealtp.items import Item, commonness
from glutealtp.related import also_check
from glutealtp.results import Evidence, Query, Result, RuleMet, ScoreParts
from glutealtp.vocabulary import FitWord


class _Pattern(NamedTuple):
    """A muscle's pattern as the fit reads it, once per catalog: its main zones, its
    pattern's weight grouped by the areas (top-level regions) each part lies in, and the
    share inside each set of areas asked about so far (a few per muscle)."""

    main: frozenset[str]
    groups: tuple[tuple[frozenset[str], float], ...]
    total: float
    shares: dict[frozenset[str], float]


class Found:
    """One muscle's evidence for a query, gathered item by item in the query's order."""

    __slots__ = ("explained", "only_for", "regions", "sum", "symptoms")

    def __init__(self) -> None:
        self.sum = 0.0
        self.regions: list[Evidence[Support]] = []
        self.symptoms: list[Evidence[SymptomSupport]] = []
        self.explained: list[str] = []
        self.only_for: list[str] = []


def gathered(
    regions: list[Item], symptoms: list[Item], muscles: Collection[str] | None = None
) -> dict[str, Found]:
    """Each muscle's evidence for the reported items: every muscle that explains one, or
    those of `muscles` (looked up item by item: a few among many)."""
    found: dict[str, Found] = {}
    for is_region, items in ((True, regions), (False, symptoms)):
        for item in items:
            terms = item.terms
            pairs = (
                terms.items() if muscles is None else ((m, terms[m]) for m in muscles if m in terms)
            )
            for muscle, (evidence, term) in pairs:
                at = found.get(muscle)
                if at is None:
                    at = found[muscle] = Found()
                at.sum += term
                if is_region:
                    at.regions.append(evidence)  # type: ignore[arg-type]
                    at.explained.append(evidence.id)
                else:
                    at.symptoms.append(evidence)  # type: ignore[arg-type]
                if item.explaining == 1:
                    at.only_for.append(evidence.id)
    return found


def reported_regions(index: CatalogIndex, query: Query) -> frozenset[str]:
    """The regions reported, and every region they are part of (what rules and main zones
    read)."""
    return frozenset().union(*(index.ancestors(q) for q in query.regions))


class _Scored(NamedTuple):
    score: float
    muscle: MuscleEntry
    found: Found
    rules: tuple[RuleMet, ...]
    parts: tuple[float, float, float]


def muscle_result(
    index: CatalogIndex,
    query: Query,
    m: MuscleEntry,
    found: Found,
    n: int,
    reported: frozenset[str],
) -> Result:
    """One muscle's result for the query from its evidence (`n` items scored; `reported`
    from `reported_regions`), as ranked alone: rank 1, not tied."""
    return _result(index, query, _score(index, query, m, found, n, reported))


def _result(index: CatalogIndex, query: Query, t: _Scored) -> Result:
    """A scored muscle's result as ranked alone, with the fit in words."""
    m, f = t.muscle, t.found
    evidence, fit, multiplier = t.parts
    reported_symptoms = frozenset(query.symptoms)
    also = also_check(index, index.rank_cache, m, reported_symptoms) if m.related else ()
    return Result(
        1,
        m.id,
        m.name,
        t.score,
        tuple(f.explained),
        len(query.regions),
        tuple(f.regions),
        tuple(f.symptoms),
        t.rules,
        also,
        ScoreParts(round(evidence, 4), round(fit, 4), round(multiplier, 4)),
        fit_word(index, t.score, bool(f.only_for)),
        False,
        tuple(f.only_for),
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
    found: Found,
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
    found: Found,
    n: int,
    reported: frozenset[str],
) -> tuple[tuple[RuleMet, ...], float]:
    """The rules met, each with how much it alone lifts the evidence, and the evidence with
    all of them: a met rule's items count at least at its strength.

    A rule counts a region as reported when it, or a region it is part of, was: "buttock"
    reports the gluteal region too, but "gluteal region" reports no particular part of it.
    Red flags are never evidence, so a rule never fires on one.
    """
    symptoms = tuple(s for s in query.symptoms if not index.symptoms[s].red_flag)
    scored = frozenset(symptoms)
    met = [r for r in m.rules if reported.issuperset(r.regions) and scored.issuperset(r.symptoms)]
    base = found.sum / n
    if not met:
        return (), base
    # Each item's (strength, commonness) for this muscle, in the query's order (so the sum
    # does not depend on how a set is laid out); an item it does not explain has none.
    terms: dict[tuple[bool, str], tuple[float, float]] = {
        (True, q): (0.0, commonness(index, m.id, q)) for q in query.regions
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
