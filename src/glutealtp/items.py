"""Each reported item (a region or a symptom) as every muscle sees it, worked out once per
catalog and kept in `index.rank_cache`: which muscles explain it and how strongly, and which
others it still concerns (their score or reasons read it although they do not explain it)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex
from glutealtp.results import Evidence


class Item(NamedTuple):
    """A reported item as every muscle sees it."""

    serial: int
    """Unique per item of a catalog: what a muscle's view of a query records of it."""
    explaining: int
    """How many muscles explain it."""
    terms: (
        Mapping[str, tuple[Evidence[Support], float]]
        | Mapping[str, tuple[Evidence[SymptomSupport], float]]
    )
    """Muscle id -> its evidence for the item and its term in the evidence (strength x
    commonness); empty for a red flag, which is never evidence."""
    concerns: tuple[str, ...]
    """The muscles that do not explain it but read it: a region in or under one of their
    main zones or rule regions, a symptom one of their rules or related muscles names."""
    red_flag: bool = False
    """A red flag: reported, but never evidence, so it is not one of the items scored."""


def region_item(index: CatalogIndex, region: str) -> Item:
    """A reported region as every muscle sees it.

    A muscle's strongest fact for the region is the one with the largest strength x
    commonness, the commonness being that of the region the fact names (inside the reported
    one) or of the reported region (for a fact on a wider one).
    """
    cache = index.rank_cache
    known = cache.regions.get(region)
    if known is None:
        name = index.regions[region].name
        supports = index.referring(region)
        spec = specificity(len(index.muscles), len(supports))
        terms: dict[str, tuple[Evidence[Support], float]] = {}
        inside = index.descendants(region)
        for muscle, via in supports.items():

            def term(s: Support, muscle: str = muscle) -> float:
                at = s.region if s.region in inside else region
                return s.weight * commonness(index, muscle, at)

            ordered = tuple(sorted(via, key=lambda s: -term(s)))
            best = ordered[0]
            k = term(best) / best.weight
            terms[muscle] = (Evidence(region, name, best.weight, spec, ordered, k), term(best))
        at = _concerned(index)[0]
        reads = {m for a in index.ancestors(region) for m in at.get(a, ())}
        concerns = tuple(index.in_catalog_order(reads.difference(terms)))
        known = Item(len(cache.items), len(supports), terms, concerns)
        cache.regions[region] = known
        cache.items.append(known)
    return known


def symptom_item(index: CatalogIndex, symptom: str) -> Item:
    """A reported symptom's evidence per muscle (none for a red flag)."""
    cache = index.rank_cache
    known = cache.symptoms.get(symptom)
    if known is None:
        entry = index.symptoms[symptom]
        supports = {} if entry.red_flag else index.linked(symptom)
        spec = specificity(len(index.muscles), len(supports))
        terms = {
            m: (Evidence(symptom, entry.name, via[0].weight, spec, via), via[0].weight)
            for m, via in supports.items()
        }
        named = _concerned(index)[1].get(symptom, ())
        concerns = tuple(m for m in named if m not in terms)
        known = Item(len(cache.items), len(supports), terms, concerns, entry.red_flag)
        cache.symptoms[symptom] = known
        cache.items.append(known)
    return known


def _concerned(index: CatalogIndex) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Region -> the muscles with it as a main zone or in a rule; symptom -> the muscles
    with it in a rule or a relation; each in catalog order."""
    cache = index.rank_cache
    if cache.concerned is None:
        regions: dict[str, list[str]] = {}
        symptoms: dict[str, list[str]] = {}
        for m in index.muscles.values():
            read = set(m.main).union(*(r.regions for r in m.rules))
            for region in sorted(read):
                regions.setdefault(region, []).append(m.id)
            named = {s for r in m.rules for s in r.symptoms}
            named.update(s for rel in m.related for s in rel.symptoms)
            for symptom in sorted(named):
                symptoms.setdefault(symptom, []).append(m.id)
        cache.concerned = (regions, symptoms)
    return cache.concerned


def commonness(index: CatalogIndex, muscle: str, region: str) -> float:
    """How commonly the references name `muscle` for pain in `region` (see `index`)."""
    floor, factors = index.commonness(region)
    return factors.get(muscle, floor)


def specificity(total: int, explaining: int) -> float:
    """1 + ln(M / n): an item few muscles explain tells more; an unexplained one counts 1."""
    return round(1.0 + math.log(total / explaining), 4) if explaining else 1.0
