"""A next question's tries: the leading muscles' scores for the query with one more item,
present (a yes) or absent (a no), without making any result.

A muscle's score depends only on the items it explains or reads and on how many items are
reported (the memo's `View` rests on the same fact). So a try works out afresh only the
muscles the item concerns; any other keeps its odds when the item is absent, and takes the
item's leak (one more present item it does not explain) when it is present; but the first
region reported changes every muscle (`weigh`), so then all are worked out. The scores are
those `rank_among` gives, presses included.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.items import (
    absent_region_item,
    absent_symptom_item,
    region_item,
    symptom_item,
)
from glutealtp.ranking.memo import Item, memo_of
from glutealtp.ranking.rank import near, query_items
from glutealtp.ranking.results import Pressed, Query, RuleMet
from glutealtp.ranking.score import Weighed, context, gathered, scaled, weigh
from glutealtp.vocabulary import Kind


class Scored(NamedTuple):
    """A candidate's score for a query, without its result; sorted, best first."""

    order: float
    """Minus the score it is ordered by (moved by presses, uncapped)."""
    muscle: str
    score: float
    """The score shown."""
    rules: tuple[RuleMet, ...]


def weighed_among(
    index: CatalogIndex, query: Query, among: Collection[str]
) -> tuple[dict[str, Weighed], int, int]:
    """The candidates among `among` and their odds for the query, with how many present
    items the scores are a mean over and how many of them are regions."""
    regions, symptoms, absent = query_items(index, memo_of(index), query)
    ctx = context(index, query, regions, symptoms)
    weighed = {}
    for muscle, found in gathered(regions, symptoms, absent, among).items():
        w = weigh(index, ctx, index.muscles[muscle], found)
        if w is not None:
            weighed[muscle] = w
    return weighed, ctx.n, len(regions)


class Tries:
    """The leaders' scores for a query, ready to be tried with one more item at a time."""

    def __init__(self, index: CatalogIndex, query: Query, among: Sequence[str]) -> None:
        self.index = index
        self.query = query
        self.among = among
        self.items = query_items(index, memo_of(index), query)
        self.ctx = context(index, query, *self.items[:2])
        self.base, self.n, self.regions = weighed_among(index, query, among)
        self.pressed: Mapping[str, list[Pressed]] = {}
        if query.pressed:
            from glutealtp.ranking.presses import pressed_by_muscle

            self.pressed = pressed_by_muscle(index, query)

    def scores(self, kind: Kind, ident: str, present: bool) -> tuple[list[Scored], int]:
        """The candidates' scores, best first, with the item reported present (or absent),
        and how many present items they are a mean over."""
        index, query = self.index, self.query
        item: Item
        if present:
            plus = _plus(query, kind, ident)
            item = (region_item if kind == "region" else symptom_item)(index, ident)
        else:
            plus = query._replace(absent=(*query.absent, ident))
            absent = absent_region_item if kind == "region" else absent_symptom_item
            item = absent(index, ident)
        touched = {*item.terms, *item.linked, *item.concerns}
        if present and kind == "region" and not query.regions:
            # The first region changes every muscle: candidates are then those that explain
            # a region, and a main pattern away from the regions counts against a muscle.
            touched.update(self.among)
        mine = [m for m in self.among if m in touched]
        if present:
            fresh, n, regions = weighed_among(index, plus, mine)
        else:  # the same context: an absent item changes no muscle's present items
            fresh, n, regions = self._weighed_without(item, mine), self.n, self.regions
        scored = [Scored(-w.score, m, w.score, w.rules) for m, w in fresh.items()]
        leak = math.log(
            index.scoring.region_leak if kind == "region" else index.scoring.symptom_leak
        )
        for muscle, w in self.base.items():
            if muscle in touched:
                continue
            score = scaled(index, w.total + leak, n, regions)[0] if present else w.score
            if score > 0.0:
                scored.append(Scored(-score, muscle, score, w.rules))
        if self.pressed:
            scored = _moved(scored, self.pressed, n)
        scored.sort()
        return scored, n

    def _weighed_without(self, item: Item, among: Sequence[str]) -> dict[str, Weighed]:
        """The odds of the muscles `among` with `item` (an absent one) added to the query."""
        if not among:
            return {}
        regions, symptoms, absent = self.items
        found = gathered(regions, symptoms, [*absent, item], among)
        weighed = {}
        for muscle, f in found.items():
            w = weigh(self.index, self.ctx, self.index.muscles[muscle], f)
            if w is not None:
                weighed[muscle] = w
        return weighed


def _moved(scored: list[Scored], pressed: Mapping[str, list[Pressed]], n: int) -> list[Scored]:
    """The scores moved by the presses of their muscles' points (`presses.apply`)."""
    from glutealtp.ranking.presses import moved

    out = []
    for s in scored:
        mine = pressed.get(s.muscle)
        if not mine:
            out.append(s)
        elif (to := moved(s.score, mine, n)) > 0.0:
            out.append(s._replace(order=-to, score=min(100.0, to)))
    return out


def _plus(query: Query, kind: Kind, ident: str) -> Query:
    """The query with the item reported present."""
    if kind == "region":
        return query._replace(regions=tuple(sorted((*query.regions, ident))))
    return query._replace(symptoms=tuple(sorted((*query.symptoms, ident))))


def top_group(index: CatalogIndex, scored: Sequence[Scored], n: int) -> frozenset[str]:
    """The muscles that share the first rank (`Ranked.places`): those within the near-tie
    limit of the first, for scores that are a mean over `n` present items."""
    if not scored:
        return frozenset()
    limit = math.log(index.scoring.near_tie) / max(n, 1)
    head = -scored[0].order
    return frozenset(s.muscle for s in scored if s is scored[0] or near(head, -s.order, limit))
