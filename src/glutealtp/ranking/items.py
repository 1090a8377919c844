"""Each reported item (a region or a symptom, present or absent) as every muscle sees it,
worked out once per catalog and kept in the ranking's memo: which muscles explain it, how
likely each makes it (`rank` gives the model), and which others it still concerns (their
score or reasons read it although they do not explain it).

How a region's facts cover it: a fact on the region, or on a wider region it is part of,
covers all of it; facts on its parts cover the share of its parts they name, each part
counting equally ("the back of the leg": a calf zone covers a third of it). Where the
parts do not make up the whole region (`made_of_parts` false: the knee holds only the back
of the knee), the rest counts as one more part. A condition
link counts only for an item no muscle in the catalog refers to directly: it never
outweighs a direct referral.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from glutealtp.catalog.entries import Support, SymptomSupport, tidy
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.memo import Cover, Item, RankCache, memo_of
from glutealtp.ranking.results import Evidence


def region_item(index: CatalogIndex, region: str) -> Item:
    """A reported region as every muscle sees it: each explaining muscle's likelihood (from
    how its facts cover the region, with the leak) times its commonness factor."""
    cache = memo_of(index)
    known = cache.regions.get(region)
    if known is None:
        name = index.regions[region].name
        direct, conditions = _region_cover(index, cache, region)
        counted, shown = (direct, conditions) if direct else (conditions, {})
        leak = index.scoring.region_leak
        priors = prior(index, region)
        referring = index.referring(region)
        terms: dict[str, tuple[Evidence[Support], float]] = {}
        for muscle, cover in counted.items():
            p = _with_leak(cover.likelihood, leak)
            k = priors.get(muscle, 1.0)
            via = _via(referring[muscle], bool(direct))
            via = _covering_first(index, region, cover, via)
            shown_p, shown_k, share = tidy(p), tidy(k), tidy(cover.share)
            terms[muscle] = (Evidence(region, name, shown_p, via, shown_k, share), math.log(p * k))
        linked = {
            m: Evidence(region, name, _shown(c.likelihood, leak), _via(referring[m], False))
            for m, c in shown.items()
            if m not in terms
        }
        at = _concerned(index, cache)[0]
        reads = {m for a in index.ancestors(region) for m in at.get(a, ())}
        reads.update(_reading_areas(index, cache, region))
        reads.update(linked)
        reads.update(_partners(index, cache, terms))
        concerns = tuple(index.in_catalog_order(reads.difference(terms)))
        known = Item(len(cache.items), len(terms), terms, concerns, False, linked)
        cache.regions[region] = known
        cache.items.append(known)
    return known


def symptom_item(index: CatalogIndex, symptom: str) -> Item:
    """A reported symptom's evidence per muscle (none for a red flag)."""
    cache = memo_of(index)
    known = cache.symptoms.get(symptom)
    if known is None:
        entry = index.symptoms[symptom]
        direct, conditions = _symptom_links(index, symptom)
        counted, shown = (direct, conditions) if direct else (conditions, {})
        leak = index.scoring.symptom_leak
        terms = {
            m: (
                Evidence(symptom, entry.name, _shown(via[0].weight, leak), via),
                math.log(_with_leak(via[0].weight, leak)),
            )
            for m, via in counted.items()
        }
        linked = {
            m: Evidence(symptom, entry.name, _shown(via[0].weight, leak), via)
            for m, via in shown.items()
        }
        named = set(_concerned(index, cache)[1].get(symptom, ()))
        named.update(linked)
        named.update(_partners(index, cache, terms))
        concerns = tuple(index.in_catalog_order(named.difference(terms)))
        known = Item(len(cache.items), len(terms), terms, concerns, entry.red_flag, linked)
        cache.symptoms[symptom] = known
        cache.items.append(known)
    return known


def absent_region_item(index: CatalogIndex, region: str) -> Item:
    """A region the person does not have pain in: each muscle with a fact on it, a part of
    it or a wider region gives it the term log(1 - likelihood), its strongest fact's: had
    that trigger point been active, the pain would likely be there. A fact on a wider
    region counts at the region's share of it (a "no" to the front of the hip says little
    against a zone anywhere on the hip: the front is one of its three parts)."""
    cache = memo_of(index)
    known = cache.absent_regions.get(region)
    if known is None:
        name = index.regions[region].name
        referring = index.referring(region)
        direct = {m: s for m, via in referring.items() if (s := _direct(via))}
        counted = direct or {m: via for m, via in referring.items() if via}
        inside = index.descendants(region)
        shares: dict[tuple[str, str], float] = {}
        terms: dict[str, tuple[Evidence[Support], float]] = {}
        for m, via in counted.items():
            weighed = [
                (
                    s.weight
                    if s.region in inside
                    else s.weight * _share(index, region, s.region, shares),
                    s,
                )
                for s in via
            ]
            w, fact = max(weighed, key=lambda pair: pair[0])
            if w > 0.0:
                ordered = (fact, *(s for s in via if s is not fact))
                terms[m] = (Evidence(region, name, tidy(w), ordered), math.log1p(-w))
        reads = set(_reading_areas(index, cache, region)).difference(terms)
        concerns = tuple(index.in_catalog_order(reads))
        known = Item(len(cache.items), len(terms), terms, concerns)
        cache.absent_regions[region] = known
        cache.items.append(known)
    return known


def absent_symptom_item(index: CatalogIndex, symptom: str) -> Item:
    """A symptom the person does not have: log(1 - likelihood) for each muscle linked to
    it; a red flag answered no is recorded but is no evidence."""
    cache = memo_of(index)
    known = cache.absent_symptoms.get(symptom)
    if known is None:
        entry = index.symptoms[symptom]
        direct, conditions = _symptom_links(index, symptom)
        counted = {} if entry.red_flag else (direct or conditions)
        terms = {
            m: (Evidence(symptom, entry.name, via[0].weight, via), math.log1p(-via[0].weight))
            for m, via in counted.items()
        }
        known = Item(len(cache.items), len(terms), terms, (), entry.red_flag)
        cache.absent_symptoms[symptom] = known
        cache.items.append(known)
    return known


def _share(
    index: CatalogIndex, region: str, wider: str, known: dict[tuple[str, str], float]
) -> float:
    """The share of `wider` that `region` (a part of it, at any depth) is: each level a part
    of its parts, counted equally (one more where they do not make up the whole); by the
    largest share where the hierarchy offers more than one way down. `known` memoises it by
    (region, wider)."""
    if region == wider:
        return 1.0
    found = known.get((region, wider))
    if found is None:
        found = 0.0
        for parent in index.regions[region].parents:
            if parent in index.regions and wider in index.ancestors(parent):
                n = len(index.children(parent)) + (not index.regions[parent].made_of_parts)
                found = max(found, _share(index, parent, wider, known) / n)
        known[(region, wider)] = found
    return found


def _with_leak(likelihood: float, leak: float) -> float:
    """The chance of the item given the muscle: its facts, or another cause (noisy-or)."""
    return 1.0 - (1.0 - leak) * (1.0 - likelihood)


def _covering_first(
    index: CatalogIndex, region: str, cover: Cover, via: tuple[Support, ...]
) -> tuple[Support, ...]:
    """The facts shown for a region, the one that gives its cover first: a zone on the
    knee itself, not a stronger one on the back of the knee, when the knee zone covers it."""
    whole = index.ancestors(region)
    on_whole = [f for f in via if f.region in whole]
    if cover.share < 1.0 or not on_whole or on_whole[0].weight < cover.likelihood:
        return via
    return (*on_whole, *(f for f in via if f.region not in whole))


def _shown(likelihood: float, leak: float) -> float:
    """`_with_leak` as shown (`tidy`): the term keeps every digit."""
    return tidy(_with_leak(likelihood, leak))


def _direct(via: Iterable[Support]) -> tuple[Support, ...]:
    return tuple(s for s in via if s.kind != "condition")


def _via(via: tuple[Support, ...], direct: bool) -> tuple[Support, ...]:
    """The facts shown for an item: the direct ones where they count, else the conditions."""
    return _direct(via) if direct else tuple(s for s in via if s.kind == "condition")


def _symptom_links(
    index: CatalogIndex, symptom: str
) -> tuple[dict[str, tuple[SymptomSupport, ...]], dict[str, tuple[SymptomSupport, ...]]]:
    """The muscles linked to a symptom directly, and those linked only through a condition."""
    direct: dict[str, tuple[SymptomSupport, ...]] = {}
    conditions: dict[str, tuple[SymptomSupport, ...]] = {}
    for m, links in index.linked(symptom).items():
        own = tuple(s for s in links if s.via_condition is None)
        if own:
            direct[m] = own
        else:
            conditions[m] = links
    return direct, conditions


def _region_cover(
    index: CatalogIndex, cache: RankCache, region: str
) -> tuple[dict[str, Cover], dict[str, Cover]]:
    """Each muscle's cover of a reported region, by its direct facts and by its conditions:
    a fact on the region or a wider one covers it whole at its likelihood; below, the mean
    of its parts' cover."""
    out: list[dict[str, Cover]] = []
    named = index.named_regions()
    wider = named.intersection(index.ancestors(region)) - {region}
    for conditions in (False, True):
        found = dict(_cover_below(index, cache, region, conditions))
        for at in wider:
            for muscle in index.muscles_naming(at):
                w = _strongest(index.muscles[muscle].regions[at], conditions)
                if w and w > found.get(muscle, Cover(0.0, 0.0)).likelihood:
                    found[muscle] = Cover(w, 1.0)
        out.append({m: found[m] for m in index.in_catalog_order(found)})
    return out[0], out[1]


def _strongest(via: Iterable[Support], conditions: bool) -> float:
    return max(((s.weight for s in via if (s.kind == "condition") == conditions)), default=0.0)


def _cover_below(
    index: CatalogIndex, cache: RankCache, region: str, conditions: bool
) -> dict[str, Cover]:
    """Cover of `region` by facts on it and on its parts (memoised; the hierarchy is at most
    a few levels deep, and parts with no fact below are skipped)."""
    memo = cache.cover[conditions]
    found = memo.get(region)
    if found is not None:
        return found
    named = index.named_regions()
    found = {}
    if not named.isdisjoint(index.descendants(region)):
        for muscle in index.muscles_naming(region):
            w = _strongest(index.muscles[muscle].regions[region], conditions)
            if w:
                found[muscle] = Cover(w, 1.0)
        parts = index.children(region)
        if parts:
            sums: dict[str, list[float]] = {}
            for part in parts:
                for muscle, c in _cover_below(index, cache, part, conditions).items():
                    acc = sums.setdefault(muscle, [0.0, 0.0])
                    acc[0] += c.likelihood
                    acc[1] += c.share
            n = len(parts) + (not index.regions[region].made_of_parts)
            for muscle, (lik, share) in sums.items():
                if muscle not in found or lik / n > found[muscle].likelihood:
                    found[muscle] = Cover(lik / n, share / n)
    memo[region] = found
    return found


def _reading_areas(index: CatalogIndex, cache: RankCache, region: str) -> Iterable[str]:
    """The muscles with a main zone in an area (a top-level region) the region lies in."""
    if cache.area_readers is None:
        readers: dict[str, list[str]] = {}
        for muscle in index.muscles:
            for area, _, _ in main_areas(index, cache, muscle):
                for root in area:
                    readers.setdefault(root, []).append(muscle)
        cache.area_readers = readers
    for root in index.roots(region):
        yield from cache.area_readers.get(root, ())


def main_areas(
    index: CatalogIndex, cache: RankCache, muscle: str
) -> tuple[tuple[frozenset[str], float, str], ...]:
    """The areas (top-level regions) of the muscle's main pattern, each with its likelihood
    there and the main zone's region that gives it (memoised)."""
    known = cache.areas.get(muscle)
    if known is None:
        areas: dict[frozenset[str], tuple[float, str]] = {}
        for region, w in index.muscles[muscle].main.items():
            roots = index.roots(region)
            if roots not in areas or w > areas[roots][0]:
                areas[roots] = (w, region)
        known = cache.areas[muscle] = tuple((a, w, r) for a, (w, r) in areas.items())
    return known


def _partners(index: CatalogIndex, cache: RankCache, explaining: Iterable[str]) -> set[str]:
    """The muscles that may share the item through a relation to one that explains it
    (`scoring.related_share`)."""
    if cache.partners is None:
        share = index.scoring.related_share
        partners: dict[str, set[str]] = {}
        for m in index.muscles.values():
            for rel in m.related:
                if share[rel.kind] > 0:
                    partners.setdefault(rel.muscle, set()).add(m.id)
        cache.partners = partners
    found: set[str] = set()
    for muscle in explaining:
        found.update(cache.partners.get(muscle, ()))
    return found


def _concerned(
    index: CatalogIndex, cache: RankCache
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Region -> the muscles with it in a rule; symptom -> the muscles with it in a rule or a
    relation; each in catalog order."""
    if cache.concerned is None:
        regions: dict[str, list[str]] = {}
        symptoms: dict[str, list[str]] = {}
        for m in index.muscles.values():
            read = {r for rule in m.rules for r in rule.regions}
            for region in sorted(read):
                regions.setdefault(region, []).append(m.id)
            named = {s for r in m.rules for s in r.symptoms}
            named.update(s for rel in m.related for s in rel.symptoms)
            for symptom in sorted(named):
                symptoms.setdefault(symptom, []).append(m.id)
        cache.concerned = (regions, symptoms)
    return cache.concerned


def prior(index: CatalogIndex, region: str) -> Mapping[str, float]:
    """How commonly the references' area lists name each muscle for pain in `region`: the
    factor its term for the region is multiplied by (1 for a muscle no list names).

    A list applies to the regions it names and to the regions holding one of them (a muscle
    common in pain at the back of the thigh is common in pain at the back of the leg), never
    to the parts of a region it names. Each list naming the muscle raises it, the more where
    it names it more strongly (`scoring.commonness`): 1 + boost x (1 - product of (1 -
    weight)). A list that compares a group (`among`) only orders that group: its factors are
    divided by their geometric mean over the group. The factor stays within
    [1 / (1 + boost), 1 + boost].
    """
    cache = memo_of(index)
    found = cache.priors.get(region)
    if found is not None:
        return found
    inside = index.descendants(region)
    sc = index.scoring
    boost = sc.commonness_boost
    missed: dict[str, float] = {}
    scoped: dict[str, float] = {}
    for a in index.area_lists:
        if inside.isdisjoint(a.regions):
            continue
        if not a.among:
            for muscle, tier in a.tiers.items():
                missed[muscle] = missed.get(muscle, 1.0) * (1.0 - sc.commonness[tier])
            continue
        group = [m for m in a.among if m in index.muscles]
        logs = {
            m: math.log1p(boost * sc.commonness[a.tiers[m]]) if m in a.tiers else 0.0 for m in group
        }
        mean = sum(logs.values()) / len(group) if group else 0.0
        for m, value in logs.items():
            scoped[m] = scoped.get(m, 0.0) + value - mean
    top = math.log1p(boost)
    factors: dict[str, float] = {}
    for muscle in {*missed, *scoped}:
        log = math.log1p(boost * (1.0 - missed.get(muscle, 1.0))) + scoped.get(muscle, 0.0)
        factors[muscle] = math.exp(min(top, max(-top, log)))
    found = cache.priors[region] = factors
    return found
