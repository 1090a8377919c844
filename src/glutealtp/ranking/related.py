"""The related muscles a result says to check too, reported symptoms first."""

from __future__ import annotations

from glutealtp.catalog.entries import MuscleEntry
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.memo import RankCache
from glutealtp.ranking.results import AlsoCheck


def also_check(
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
