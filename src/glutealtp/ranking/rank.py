"""Rank muscles by how well their trigger points explain what was reported.

The model is the one symptom checkers use (docs/ranking.md gives it whole). Each reported
item (a region or a symptom) has a likelihood given each muscle: how likely a person with an
active trigger point in the muscle is to report it. Its level comes from the strongest fact
that links them (an essential zone high, a spillover zone lower, a muscle-level statement
lower, a condition link lowest), scaled by the trigger point's activity, the share of the
region the facts cover, and a little when one independent source states the fact; with a
small leak for another cause. Then, per muscle:

    odds      = product over present items of likelihood x commonness
                x product over absent items of (1 - likelihood)
                x product over areas of its main pattern the person did not mention of
                  (1 - unreported_area x likelihood)        (when any region is reported)
    score     = 100 x odds ^ (1 / present items) / scale, from 0 to 100

`commonness` is the prior from the references' area lists, scoped to the regions and the
muscles each list names (`items.prior`). Results whose odds lie within `near_tie` of the
first of their group share its rank: they fit about equally well. A muscle is a candidate
when it explains a reported region (a symptom, when no region is reported); the others
linked to what was reported are listed apart (`Ranking.also_linked`).

All parameters come from the dataset's `scoring` block. A ranking depends on the catalog and
the query only; what does not depend on the query is kept in the ranking's memo (`memo`):
each item as every muscle sees it (`items`), and each muscle's result per view of a query
(`View`), so a new query of a few items (up to `RankCache.MAX_KEPT_ITEMS`) mostly looks
results up.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from itertools import repeat
from operator import attrgetter
from typing import NamedTuple, cast

from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex
from glutealtp.errors import GlutealtpError
from glutealtp.ranking import arguments
from glutealtp.ranking.items import (
    absent_region_item,
    absent_symptom_item,
    region_item,
    symptom_item,
)
from glutealtp.ranking.memo import Item, Marks, RankCache, View, ViewKey, memo_of
from glutealtp.ranking.notices import notices
from glutealtp.ranking.results import AlsoLinked, Evidence, PointAnswer, Query, Ranking, Result
from glutealtp.ranking.score import Context, Found, context, gathered, muscle_result
from glutealtp.text import at_place, lower_first
from glutealtp.vocabulary import Side


class EmptyQuery(GlutealtpError, ValueError):
    """A query needs at least one region or symptom the person has."""

    MESSAGE = "give at least one region or symptom"
    code = "empty-query"

    def __init__(self, message: str = MESSAGE) -> None:
        super().__init__(message)


class Contradiction(GlutealtpError, ValueError):
    """An item reported both present and absent (or absent around a present part)."""

    code = "contradiction"


def make_query(
    index: CatalogIndex,
    regions: Iterable[str] = (),
    symptoms: Iterable[str] = (),
    absent: Iterable[str] = (),
    side: Side | None = None,
    pressed: Iterable[tuple[str, str]] = (),
) -> Query:
    """Resolve names and synonyms to ids; raises `UnknownName`, `EmptyQuery` or
    `Contradiction` (and TypeError for a str or non-str names, ValueError for a side other
    than "left" or "right": see `arguments`). An absent name may name a region or a
    symptom; `side` is recorded with the query; `pressed` gives (trigger point, answer)
    pairs, answers familiar, tender or none."""
    regions, symptoms = arguments.names("regions", regions), arguments.names("symptoms", symptoms)
    absent = arguments.names("absent", absent)
    region_ids = sorted({index.resolve("region", r) for r in regions})
    symptom_ids = sorted({index.resolve("symptom", s) for s in symptoms})
    absent_ids = sorted({index.resolve_item(a) for a in absent})
    if not region_ids and not symptom_ids:
        raise EmptyQuery
    answers: tuple[PointAnswer, ...] = ()
    if pressed:
        from glutealtp.ranking.presses import resolve

        answers = resolve(index, pressed)
    query = Query(
        tuple(region_ids), tuple(symptom_ids), tuple(absent_ids), arguments.side(side), answers
    )
    contradiction(index, query)
    return query


def contradiction(index: CatalogIndex, query: Query) -> None:
    """Refuse an item that is both present and absent, and an absent region that holds a
    present one ("no pain in the leg" with pain in the calf)."""
    present = {*query.regions, *query.symptoms}
    for item in query.absent:
        if item in present:
            name = index.regions[item].name if item in index.regions else index.symptoms[item].name
            raise Contradiction(f"{name} is given both as present and as absent")
        if item in index.regions:
            for region in query.regions:
                if item in index.ancestors(region):
                    no = at_place(lower_first(index.regions[item].name), "in")
                    yes = at_place(lower_first(index.regions[region].name), "in")
                    raise Contradiction(f"no pain {no} contradicts pain {yes}, which is part of it")


class Ranked(NamedTuple):
    """A ranking before its results are made, for a writer that keeps each view's output."""

    outline: Ranking
    """The ranking without its results."""
    shown: list[View]
    """The views shown, best first."""
    views: list[View]
    """Every candidate's view, best first: the places are among them all."""
    kept: bool = False
    """The views are those kept per catalog (`RankCache.views`); a query of many items has
    views of its own, let go after it."""
    near_tie: float = 2.0
    """The odds ratio within which results share a rank (`scoring.near_tie`)."""
    n: int = 1
    """How many present items the scores are a mean over."""

    def places(self) -> tuple[list[int], list[bool]]:
        """The shown views' ranks, and whether each is in a near-tie group: a result whose
        odds are within `near_tie` of the first of its group shares that one's rank. Odds
        ratios are read from the (rounded) scores: score ratio ^ present items."""
        shown = len(self.shown)
        ranks, ties = list(range(1, shown + 1)), [False] * shown
        views = self.views
        limit = math.log(self.near_tie) / self.n
        head = 0
        for i in range(1, min(len(views), shown + 1)):
            if near(-views[head].order, -views[i].order, limit):
                if i < shown:
                    ranks[i] = head + 1
                    ties[i] = True
                if head < shown:
                    ties[head] = True
            else:
                head = i
        return ranks, ties

    def ranking(self) -> Ranking:
        ranks, ties = self.places()
        return self.outline._replace(results=tuple(map(placed_result, self.shown, ranks, ties)))


def near(head: float, score: float, limit: float) -> bool:
    """Whether `score` is within the near-tie limit (a log ratio per item) of `head`."""
    if score <= 0.0:
        return head <= 0.0
    return math.log(head / score) < limit


def placed_result(view: View, place: int, tied: bool) -> Result:
    """The view's result at its place."""
    result = view.result
    if place == result.rank and tied == result.tied:
        return result
    return result._replace(rank=place, tied=tied)


def rank(index: CatalogIndex, query: Query, top: int | None = None) -> Ranking:
    """Score every muscle against the query and return them best first."""
    arguments.query(index, query)  # UnknownName or TypeError: see `arguments`
    arguments.top(top)  # ValueError below 1
    contradiction(index, query)
    return ranked(index, query, None, top).ranking()


def rank_among(
    index: CatalogIndex, query: Query, among: Collection[str] | None, top: int | None = None
) -> Ranking:
    """`rank`, with only the muscles `among` (all when None) scored and returned: a next
    question tries a few muscles of a large catalog many times over."""
    return ranked(index, query, among, top).ranking()


def ranked(
    index: CatalogIndex, query: Query, among: Collection[str] | None = None, top: int | None = None
) -> Ranked:
    """`rank_among` before the results are made: each candidate's view of the query, found
    by the items it explains and reads, and its result, worked out once per view (for a
    query of a few items; a bigger one's views are worked out for it alone)."""
    cache = memo_of(index)
    regions, symptoms, absent = query_items(index, cache, query)
    ctx = context(index, query, regions, symptoms)
    # A muscle's view: the items it explains (and those it reads), and how many were reported.
    # A query of many items is seldom met again: its muscles are scored for it alone.
    kept = len(regions) + len(symptoms) + len(absent) <= RankCache.MAX_KEPT_ITEMS
    if not kept:
        found = gathered(regions, symptoms, absent, among)
        views = [v for m, f in found.items() if (v := _view(index, ctx, m, f)) is not None]
    else:
        key = (query.regions, query.absent) if query.absent else query.regions
        explains, reads = cache.region_sets.get(key) or _region_set(index, key, regions, absent)
        if symptoms:
            explains, reads = dict(explains), dict(reads)
            _add_marks(symptoms, explains, reads)
        if among is not None:
            explains = {m: marks for m, marks in explains.items() if m in among}
        head = (ctx.n, len(regions))
        keys: list[ViewKey] = (
            [
                (m, head, marks, reads[m]) if m in reads else (m, head, marks)
                for m, marks in explains.items()
            ]
            if reads
            else list(zip(explains, repeat(head), explains.values()))
        )
        memo = cache.views
        known = [memo.get(k, _UNSEEN) for k in keys]
        if _UNSEEN in known:
            known = _new_views(index, ctx, keys, known, regions, symptoms, absent)
        views = [v for v in known if v is not None]
    if query.pressed:
        from glutealtp.ranking.presses import apply

        views = apply(index, query, views, ctx.n)
    views.sort()
    outline = _outline(index, query, regions, symptoms, among, views)
    near_tie = index.scoring.near_tie
    shown = views if top is None else views[:top]
    return Ranked(outline, shown, views, kept, near_tie, max(ctx.n, 1))


def query_items(
    index: CatalogIndex, cache: RankCache, query: Query
) -> tuple[list[Item], list[Item], list[Item]]:
    """The query's present regions, present symptoms and absent items, as muscles see them."""
    known_regions, known_symptoms = cache.regions, cache.symptoms
    regions = [known_regions.get(q) or region_item(index, q) for q in query.regions]
    symptoms = [known_symptoms.get(s) or symptom_item(index, s) for s in query.symptoms]
    return regions, symptoms, [_absent_item(index, cache, a) for a in query.absent]


def _absent_item(index: CatalogIndex, cache: RankCache, ident: str) -> Item:
    if ident in index.regions:
        return cache.absent_regions.get(ident) or absent_region_item(index, ident)
    return cache.absent_symptoms.get(ident) or absent_symptom_item(index, ident)


def _region_set(
    index: CatalogIndex, key: object, regions: list[Item], absent: list[Item]
) -> tuple[Marks, Marks]:
    """The muscles that explain and read the query's regions (and its absent items), and
    which: the same few sets of regions come with many sets of symptoms, so each set is
    gathered once (and kept)."""
    explains: Marks = {}
    reads: Marks = {}
    _add_marks(regions, explains, reads)
    for item in absent:
        mark = (item.serial,)
        for muscle in (*item.terms, *item.concerns):
            reads[muscle] = reads.get(muscle, ()) + mark
    known = memo_of(index).region_sets
    if len(known) >= RankCache.MAX_REGION_SETS:
        known.clear()
    known[key] = (explains, reads)
    return explains, reads


def _add_marks(items: list[Item], explains: Marks, reads: Marks) -> None:
    """Add each item's serial to the muscles that explain it (or are linked to it) and to
    those that read it."""
    for item in items:
        mark = (item.serial,)
        for muscle in item.terms:
            explains[muscle] = explains.get(muscle, ()) + mark
        for muscle in item.linked:
            explains[muscle] = explains.get(muscle, ()) + mark
        for muscle in item.concerns:
            if muscle not in item.linked:
                reads[muscle] = reads.get(muscle, ()) + mark


_UNSEEN = View(0.0, "", cast("Result", None))
"""Stands for a view not worked out yet (None is a muscle that is no candidate)."""


def _new_views(
    index: CatalogIndex,
    ctx: Context,
    keys: list[ViewKey],
    known: list[View | None],
    regions: list[Item],
    symptoms: list[Item],
    absent: list[Item],
) -> list[View | None]:
    """The views, those not met before (`_UNSEEN` in `known`) worked out and kept (the memo
    starts over when full); None for a muscle that is no candidate."""
    cache = memo_of(index)
    found = gathered(
        regions, symptoms, absent, [k[0] for k, v in zip(keys, known, strict=True) if v is _UNSEEN]
    )
    views: list[View | None] = []
    for key, view in zip(keys, known, strict=True):
        if view is _UNSEEN:
            if len(cache.views) >= RankCache.MAX_VIEWS:
                cache.views.clear()
                cache.view_round += 1
            view = cache.views[key] = _view(index, ctx, key[0], found[key[0]])
        views.append(view)
    return views


def _view(index: CatalogIndex, ctx: Context, muscle: str, found: Found) -> View | None:
    """One muscle's view, worked out; None when it is no candidate."""
    result = muscle_result(index, ctx, index.muscles[muscle], found)
    return None if result is None else View(-result.score, result.muscle, result)


def _outline(
    index: CatalogIndex,
    query: Query,
    regions: list[Item],
    symptoms: list[Item],
    among: Collection[str] | None,
    views: list[View],
) -> Ranking:
    """The ranking but its results: what no muscle (`among`) explains, the warnings, and the
    muscles linked to what was reported that are no candidates."""
    candidates = {v.muscle for v in views}
    also = () if among is not None else _also_linked(index, regions, symptoms, candidates)
    quiet = all(map(_TERMS, regions)) and all(map(_TERMS, symptoms))
    if among is None and quiet and not any(index.symptoms[s].advice for s in query.symptoms):
        # Every item explained, no red flag (a red flag is no muscle's evidence), no advice.
        return Ranking(query, (), (), len(views), (), (), index.disclaimer, also)
    unexplained_regions: tuple[str, ...] = ()
    unexplained_symptoms: tuple[str, ...] = ()
    for idents, items in ((query.regions, regions), (query.symptoms, symptoms)):
        for ident, item in zip(idents, items, strict=True):
            if item.terms if among is None else any(m in item.terms for m in among):
                continue
            if items is regions:
                unexplained_regions += (ident,)
            elif not index.symptoms[ident].red_flag:
                unexplained_symptoms += (ident,)
    return Ranking(
        query=query,
        warnings=notices(index, query, unexplained_regions, unexplained_symptoms),
        results=(),
        total_matches=len(views),
        unexplained_regions=unexplained_regions,
        unexplained_symptoms=unexplained_symptoms,
        disclaimer=index.disclaimer,
        also_linked=also,
    )


def _also_linked(
    index: CatalogIndex, regions: list[Item], symptoms: list[Item], candidates: set[str]
) -> tuple[AlsoLinked, ...]:
    """The muscles linked to a reported item that are no candidates, in catalog order."""
    by_region: dict[str, list[Evidence[Support]]] = {}
    by_symptom: dict[str, list[Evidence[SymptomSupport]]] = {}
    for items, into in ((regions, by_region), (symptoms, by_symptom)):
        out = cast("dict[str, list[object]]", into)  # each list holds its kind's evidence
        for item in items:
            for muscle, term in item.terms.items():
                if muscle not in candidates:
                    out.setdefault(muscle, []).append(term[0])
            for muscle, evidence in item.linked.items():
                if muscle not in candidates:
                    out.setdefault(muscle, []).append(evidence)
    return tuple(
        AlsoLinked(
            m,
            index.muscles[m].name,
            tuple(by_region.get(m, ())),
            tuple(by_symptom.get(m, ())),
        )
        for m in index.in_catalog_order({*by_region, *by_symptom})
    )


_TERMS = attrgetter("terms")


def referrers(index: CatalogIndex, region: str) -> list[tuple[Result, Support]]:
    """The muscles that refer pain to `region`, in the order `which -r REGION` ranks them,
    each with its strongest fact for the region."""
    if not index.referring(region):
        return []  # most regions of a wide hierarchy: no ranking to work out
    ranking = rank(index, Query((region,), ()))
    return [
        (r, r.region_evidence[0].via[0])
        for r in ranking.results
        if r.region_evidence and r.region_evidence[0].via
    ]
