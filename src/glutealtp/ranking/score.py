"""One muscle's score for a query, and its result: the model of `rank`, applied to the
evidence gathered for the muscle from the items reported (`items`)."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from typing import NamedTuple, cast

from glutealtp.catalog.entries import MuscleEntry, RuleEntry, Support, SymptomSupport, tidy
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.items import main_areas, prior
from glutealtp.ranking.memo import Item, memo_of
from glutealtp.ranking.related import also_check
from glutealtp.ranking.results import Against, Evidence, Query, Result, RuleMet, S, ScoreParts
from glutealtp.vocabulary import AgainstKind, FitWord


class Found:
    """One muscle's evidence for a query, gathered item by item in the query's order."""

    __slots__ = ("against", "explained", "only_for", "regions", "sum", "symptoms")

    def __init__(self) -> None:
        self.sum = 0.0
        """The sum of the terms of the present items it explains and the absent ones."""
        self.regions: list[Evidence[Support]] = []
        self.symptoms: list[Evidence[SymptomSupport]] = []
        self.against: list[Against] = []
        self.explained: list[str] = []
        self.only_for: list[str] = []


def gathered(
    regions: Sequence[Item],
    symptoms: Sequence[Item],
    absent: Sequence[Item] = (),
    muscles: Collection[str] | None = None,
) -> dict[str, Found]:
    """Each muscle's evidence for the reported items: every muscle that explains a present
    one, or those of `muscles` (looked up item by item: a few among many), with the terms of
    the absent items it would likely give."""
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
    for items in (regions, symptoms):
        for item in items:
            for muscle in item.linked:
                if muscle not in found and (muscles is None or muscle in muscles):
                    found[muscle] = Found()
    for item in absent:
        for muscle, (evidence, term) in item.terms.items():
            at = found.get(muscle)
            if at is not None:
                at.sum += term
                kind: AgainstKind = (
                    "absent-symptom"
                    if isinstance(evidence.via[0], SymptomSupport)
                    else "absent-region"
                )
                at.against.append(
                    Against(
                        kind,
                        evidence.id,
                        evidence.name,
                        evidence.likelihood,
                        tidy(math.exp(term)),
                    )
                )
    return found


class Context(NamedTuple):
    """What every muscle's score for one query reads besides its own evidence."""

    query: Query
    regions: Sequence[Item]
    """The present regions' items, in the query's order."""
    symptoms: Sequence[Item]
    """The present symptoms' items (red flags included), in the query's order."""
    n: int
    """How many present items are scored (red flags are not)."""
    reported: frozenset[str]
    """The present regions and every region they are part of (what rules read)."""
    areas: frozenset[str]
    """The top-level regions of every region reported present."""
    scored: frozenset[str]
    """The present symptoms that are evidence (red flags are not): what rules read."""


def context(
    index: CatalogIndex,
    query: Query,
    regions: Sequence[Item],
    symptoms: Sequence[Item],
) -> Context:
    """The query's context for scoring its muscles."""
    scored = frozenset(s for s, it in zip(query.symptoms, symptoms, strict=True) if not it.red_flag)
    n = len(regions) + len(scored)
    reported = frozenset().union(*(index.ancestors(q) for q in query.regions))
    areas = frozenset().union(*(index.roots(r) for r in query.regions))
    return Context(query, regions, symptoms, n, reported, areas, scored)


class Weighed(NamedTuple):
    """A candidate muscle's odds for a query, before its result is made."""

    total: float
    """The logarithm of its odds: the terms of every item, rules, shares and areas."""
    score: float
    """The score shown, 0 to 100 (rounded)."""
    rules: tuple[RuleMet, ...]
    against: tuple[Against, ...]
    held: float
    """The logarithm of the factors against it (absent items, unreported areas)."""
    scale: float


def weigh(index: CatalogIndex, ctx: Context, m: MuscleEntry, found: Found) -> Weighed | None:
    """One muscle's odds and score for the query from its evidence; None when it is no
    candidate: it explains none of the reported regions (or, with no region reported, none
    of the symptoms), or no support is left to speak of (a score of 0)."""
    rules: tuple[RuleMet, ...] = ()
    total = found.sum + _leaks(index, ctx, found)
    if m.rules:
        rules, total = _rules(index, ctx, m, found, total)
    if m.related:
        total += _shared(index, ctx, m, found)
    if not (found.regions or (_locating(index, found) if ctx.query.regions else found.symptoms)):
        return None
    n = ctx.n
    if not n:  # only red flags reported: they are never evidence
        return None
    against = list(found.against)
    held = sum(math.log(a.factor) for a in against)
    if ctx.query.regions:
        unreported = _unreported(index, ctx, m, against)
        total += unreported
        held += unreported
    score, scale = scaled(index, total, n, len(ctx.regions))
    if score <= 0.0:  # no support left to speak of: no match, though linked to what was said
        return None
    return Weighed(total, score, rules, tuple(against), held, scale)


def scaled(index: CatalogIndex, total: float, n: int, regions: int) -> tuple[float, float]:
    """The score shown for odds of log `total` over `n` present items (`regions` of them
    regions), and the scale it is divided by: the geometric mean of the items' scales."""
    sc = index.scoring
    scale = math.exp(
        (regions * math.log(sc.scale) + (n - regions) * math.log(sc.symptom_scale)) / n
    )
    return min(100.0, round(100.0 * math.exp(total / n) / scale, 1)), scale


def muscle_result(index: CatalogIndex, ctx: Context, m: MuscleEntry, found: Found) -> Result | None:
    """One muscle's result for the query from its evidence, as ranked alone (rank 1, not
    tied); None when it is no candidate (`weigh`)."""
    weighed = weigh(index, ctx, m, found)
    if weighed is None:
        return None
    total, score, rules, against, held, scale = weighed
    n = ctx.n
    held /= n
    commonness = sum(math.log(e.commonness) for e in found.regions) / n
    parts = ScoreParts(
        round(math.exp(total / n - commonness - held), 4),
        round(math.exp(commonness), 4),
        round(math.exp(held), 4),
        round(scale, 4),
    )
    related = frozenset(ctx.query.symptoms)
    also = also_check(index, memo_of(index), m, related) if m.related else ()
    return Result(
        1,
        m.id,
        m.name,
        score,
        tuple(found.explained),
        len(ctx.query.regions),
        tuple(e.id for e in found.symptoms),
        tuple(found.regions),
        tuple(found.symptoms),
        against,
        rules,
        also,
        parts,
        fit_word(index, score),
        False,
        tuple(found.only_for),
    )


def _shared(index: CatalogIndex, ctx: Context, m: MuscleEntry, found: Found) -> float:
    """What the muscle takes of its related muscles' likelihood for the items they explain,
    where the relation applies (`scoring.related_share`): the gain in its total, and the
    items it now explains added to its evidence, marked `through` the related muscle."""
    shares = index.scoring.related_share
    reported = frozenset(ctx.query.symptoms)
    gain = 0.0
    for rel in m.related:
        share = shares[rel.kind]
        if not share or (rel.symptoms and reported.isdisjoint(rel.symptoms)):
            continue
        for region, item in zip(ctx.query.regions, ctx.regions, strict=True):
            theirs = item.terms.get(rel.muscle)
            if theirs is None:
                continue
            k = prior(index, region).get(m.id, 1.0)
            gain += _share_into(
                found.regions,
                found.explained,
                cast("Evidence[Support]", theirs[0]),
                share,
                k,
                index.scoring.region_leak,
                rel.muscle,
            )
        for item in ctx.symptoms:
            s_theirs = item.terms.get(rel.muscle)
            if s_theirs is None:
                continue
            gain += _share_into(
                found.symptoms,
                None,
                cast("Evidence[SymptomSupport]", s_theirs[0]),
                share,
                1.0,
                index.scoring.symptom_leak,
                rel.muscle,
            )
    if gain:
        order = {q: i for i, q in enumerate(ctx.query.regions)}
        found.regions.sort(key=lambda e: order[e.id])
        found.explained.sort(key=order.__getitem__)
    return gain


def _share_into(
    into: list[Evidence[S]],
    explained: list[str] | None,
    theirs: Evidence[S],
    share: float,
    k: float,
    leak: float,
    partner: str,
) -> float:
    """Raise the muscle's evidence for one item to `share` of the related muscle's
    likelihood (times its own commonness `k`), if that is more; returns the gain."""
    mine = next((e for e in into if e.id == theirs.id), None)
    new = share * theirs.likelihood
    old = mine.likelihood if mine else leak
    if new <= old:
        return 0.0
    raised = theirs._replace(likelihood=round(new, 6), commonness=k, through=partner)
    if mine is None:
        into.append(raised)
        if explained is not None:
            explained.append(theirs.id)
        return math.log(new * k) - math.log(leak)
    into[into.index(mine)] = raised
    return math.log(new) - math.log(old)


def _unreported(index: CatalogIndex, ctx: Context, m: MuscleEntry, against: list[Against]) -> float:
    """The log factor for the muscle's main pattern reaching an area (a top-level region)
    where the person reported no pain: its strongest such main zone counted as absent with
    weight `unreported_area`, once (a wide pattern is not penalised area by area). Where the
    person said no to a region of that area, the larger penalty of the two counts, never
    both. Adds it to `against`. Worked in logarithms: the absent regions' factors may be
    many, and small, and their product no divisor."""
    q = index.scoring.unreported_area
    worst: tuple[float, str, float] | None = None
    said_no = [a for a in against if a.kind == "absent-region"]
    for area, w, region in main_areas(index, memo_of(index), m.id):
        if not area.isdisjoint(ctx.areas):
            continue
        said = (
            math.fsum(math.log(a.factor) for a in said_no if not area.isdisjoint(index.roots(a.id)))
            if said_no
            else 0.0
        )
        log = math.log1p(-q * w) - said
        if log < 0.0 and (worst is None or log < worst[0]):
            worst = (log, region, w)
    if worst is None:
        return 0.0
    log, region, w = worst
    name = index.regions[region].name
    against.append(Against("unreported-area", region, name, w, round(math.exp(log), 6)))
    return log


def _locating(index: CatalogIndex, found: Found) -> bool:
    """Whether the muscle explains a symptom that says where it is felt."""
    return any(index.symptoms[e.id].locates for e in found.symptoms)


def _leaks(index: CatalogIndex, ctx: Context, found: Found) -> float:
    """The terms of the present items the muscle does not explain: each the chance that
    something else causes it."""
    sc = index.scoring
    regions = len(ctx.regions) - len(found.regions)
    symptoms = ctx.n - len(ctx.regions) - len(found.symptoms)
    return regions * math.log(sc.region_leak) + symptoms * math.log(sc.symptom_leak)


def fit_word(index: CatalogIndex, score: float) -> FitWord:
    """The score in a word: a higher score never has a weaker word."""
    sc = index.scoring
    if score >= sc.fit_strong:
        return "strong"
    if score >= sc.fit_moderate:
        return "moderate"
    return "weak"


def _rules(
    index: CatalogIndex, ctx: Context, m: MuscleEntry, found: Found, total: float
) -> tuple[tuple[RuleMet, ...], float]:
    """The rules met, each with how much it alone lifts the score, and the total with all of
    them: a met rule's present items count at least at its strength.

    A rule counts a region as reported when it, or a region it is part of, was: "buttock"
    reports the gluteal region too, but "gluteal region" reports no particular part of it.
    Red flags are never evidence, so a rule never fires on one. An item a rule lifts that the
    muscle did not explain (linked only through a condition) is added to its evidence.
    """
    reported, scored = ctx.reported, ctx.scored
    met = [r for r in m.rules if reported.issuperset(r.regions) and scored.issuperset(r.symptoms)]
    if not met:
        return (), total
    lifts = [_lifts(index, ctx, m, found, rule) for rule in met]
    out = tuple(
        RuleMet(rule.id, rule.kind, rule.statement, round(math.exp(_gain(one) / ctx.n), 4))
        for rule, one in zip(met, lifts, strict=True)
    )
    best: dict[tuple[bool, str], tuple[float, float]] = {}
    for one in lifts:
        for key, (new, old) in one.items():
            if key not in best or new > best[key][0]:
                best[key] = (new, old)
    for (is_region, ident), (new, _) in best.items():
        _raise(index, ctx, m, found, is_region, ident, new)
    order = {q: i for i, q in enumerate(ctx.query.regions)}
    found.regions.sort(key=lambda e: order[e.id])
    found.explained.sort(key=order.__getitem__)
    return out, total + _gain(best)


def _gain(lifts: dict[tuple[bool, str], tuple[float, float]]) -> float:
    return sum(new - old for new, old in lifts.values())


def _lifts(
    index: CatalogIndex, ctx: Context, m: MuscleEntry, found: Found, rule: RuleEntry
) -> dict[tuple[bool, str], tuple[float, float]]:
    """(is region, item) -> (its term under the rule, its term now), for each present item
    the rule names whose term it raises."""
    sc = index.scoring
    regions = {e.id: e for e in found.regions}
    symptoms = {e.id: e for e in found.symptoms}
    out: dict[tuple[bool, str], tuple[float, float]] = {}
    named = frozenset(rule.regions)
    for region in ctx.query.regions:
        if named.isdisjoint(index.ancestors(region)):
            continue
        k = prior(index, region).get(m.id, 1.0)
        had = regions.get(region)
        old = math.log(had.likelihood * had.commonness) if had else math.log(sc.region_leak)
        new = math.log(rule.strength * sc.region_top * k)
        if new > old:
            out[(True, region)] = (new, old)
    for symptom in rule.symptoms:
        if symptom not in ctx.query.symptoms:
            continue
        had_s = symptoms.get(symptom)
        old = math.log(had_s.likelihood) if had_s else math.log(sc.symptom_leak)
        new = math.log(rule.strength * sc.symptom_top)
        if new > old:
            out[(False, symptom)] = (new, old)
    return out


def _raise(
    index: CatalogIndex,
    ctx: Context,
    m: MuscleEntry,
    found: Found,
    is_region: bool,
    ident: str,
    term: float,
) -> None:
    """Put a rule's raised term into the muscle's evidence for one item (the evidence it
    had, or its link through a condition)."""
    if is_region:
        item = ctx.regions[ctx.query.regions.index(ident)]
        own = item.terms.get(m.id)
        base = own[0] if own else item.linked.get(m.id)
        k = prior(index, ident).get(m.id, 1.0)
        region: Evidence[Support] = Evidence(
            ident,
            index.regions[ident].name,
            round(math.exp(term) / k, 6),
            base.via if base else (),  # type: ignore[arg-type]
            k,
        )
        _put(found.regions, region, found.explained)
        return
    s_item = ctx.symptoms[ctx.query.symptoms.index(ident)]
    own_s = s_item.terms.get(m.id)
    base_s = own_s[0] if own_s else s_item.linked.get(m.id)
    symptom: Evidence[SymptomSupport] = Evidence(
        ident,
        index.symptoms[ident].name,
        round(math.exp(term), 6),
        base_s.via if base_s else (),  # type: ignore[arg-type]
    )
    _put(found.symptoms, symptom, None)


def _put(into: list[Evidence[S]], evidence: Evidence[S], explained: list[str] | None) -> None:
    """Replace the item's evidence in `into`, or add it (and its id to `explained`)."""
    for i, e in enumerate(into):
        if e.id == evidence.id:
            into[i] = evidence
            return
    into.append(evidence)
    if explained is not None:
        explained.append(evidence.id)
