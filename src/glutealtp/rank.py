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

All weights come from the dataset's `scoring` block, and `score` applies them to one
muscle. A ranking depends on the catalog and the query only; what does not depend on the
query is kept in `index.rank_cache`: each item as every muscle sees it (`items`), and each
muscle's result per view of a query (`View`), so a new query of a few items (up to
`RankCache.MAX_KEPT_ITEMS`) mostly looks results up.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import compress, islice, repeat
from operator import attrgetter, eq
from typing import NamedTuple, cast

from glutealtp import arguments
from glutealtp.catalog.entries import Support
from glutealtp.catalog.index import CatalogIndex, RankCache
from glutealtp.errors import GlutealtpError
from glutealtp.items import Item, region_item, symptom_item
from glutealtp.notices import notices
from glutealtp.results import Query, Ranking, Result
from glutealtp.score import Found, gathered, muscle_result, reported_regions


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


class View(NamedTuple):
    """One muscle's result as its view of a query decides it: the items it explains, those
    it reads without explaining them (`items.Item.concerns`) and how many were reported.
    Equal views give equal results, so each is worked out once per catalog (for queries of
    a few items: see `Ranked.kept`); sorted, views come best first, then by muscle id."""

    order: float
    """Minus the score."""
    muscle: str
    result: Result
    """As ranked alone: rank 1, not tied."""


class Ranked(NamedTuple):
    """A ranking before its results are made, for a writer that keeps each view's output."""

    outline: Ranking
    """The ranking without its results."""
    shown: list[View]
    """The views shown, best first."""
    views: list[View]
    """Every matching muscle's view, best first: the places are among them all."""
    kept: bool = False
    """The views are those kept per catalog (`RankCache.views`); a query of many items has
    views of its own, let go after it."""

    def places(self) -> tuple[list[int], list[bool]]:
        """The shown views' ranks, and whether each is tied: equal scores share the rank of
        the first of them. Ties are adjacent, as the views are sorted: a pass over the pairs
        of neighbours (in C) finds them, and only they are visited here."""
        orders = list(map(_ORDER, self.views))
        shown = len(self.shown)
        ranks, ties = list(range(1, shown + 1)), [False] * shown
        for i in compress(range(len(orders) - 1), map(eq, orders, islice(orders, 1, None))):
            if i >= shown:
                break
            ties[i] = True
            if i + 1 < shown:
                ranks[i + 1] = ranks[i]
                ties[i + 1] = True
        return ranks, ties

    def ranking(self) -> Ranking:
        ranks, ties = self.places()
        return self.outline._replace(results=tuple(map(placed_result, self.shown, ranks, ties)))


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
    """`rank_among` before the results are made: each matching muscle's view of the query,
    found by the items it explains and reads, and its result, worked out once per view
    (for a query of a few items; a bigger one's views are worked out for it alone)."""
    cache = index.rank_cache
    known_regions, known_symptoms = cache.regions, cache.symptoms
    regions = [known_regions.get(q) or region_item(index, q) for q in query.regions]
    symptoms = [known_symptoms.get(s) or symptom_item(index, s) for s in query.symptoms]
    n_regions = len(regions)
    n = n_regions + len(symptoms) - sum(map(_RED_FLAG, symptoms))
    # A muscle's view: the items it explains (and those it reads), and how many were reported.
    # A query of many items is seldom met again: its muscles are scored for it alone.
    kept = len(regions) + len(symptoms) <= RankCache.MAX_KEPT_ITEMS
    if not kept:
        found = gathered(regions, symptoms, among)
        reported = reported_regions(index, query)
        views = [_view(index, query, m, evidence, n, reported) for m, evidence in found.items()]
    else:
        explains, reads = cache.region_sets.get(query.regions) or _region_set(index, query, regions)
        if symptoms:
            explains, reads = dict(explains), dict(reads)
            _add_marks(symptoms, explains, reads)
        if among is not None:
            explains = {m: marks for m, marks in explains.items() if m in among}
        head = (n, n_regions)
        keys: list[ViewKey] = (
            [
                (m, head, marks, reads[m]) if m in reads else (m, head, marks)
                for m, marks in explains.items()
            ]
            if reads
            else list(zip(explains, repeat(head), explains.values()))
        )
        known = list(map(cache.views.get, keys))
        views = (
            cast("list[View]", known)
            if None not in known
            else _new_views(index, query, keys, known, regions, symptoms, n)
        )
    views.sort()
    outline = _outline(index, query, regions, symptoms, among, len(views))
    return Ranked(outline, views if top is None else views[:top], views, kept)


ViewKey = (
    tuple[str, tuple[int, int], tuple[int, ...]]
    | tuple[str, tuple[int, int], tuple[int, ...], tuple[int, ...]]
)
"""A muscle's view of a query: its id, how many items (and regions) were reported, the
items it explains and any it reads without explaining them."""
Marks = dict[str, tuple[int, ...]]
"""Muscle id -> the serials of the items it explains (or reads), in the query's order."""


def _region_set(index: CatalogIndex, query: Query, regions: list[Item]) -> tuple[Marks, Marks]:
    """The muscles that explain and read the query's regions, and which: the same few sets
    of regions come with many sets of symptoms, so each set is gathered once (and kept)."""
    explains: Marks = {}
    reads: Marks = {}
    _add_marks(regions, explains, reads)
    known = index.rank_cache.region_sets
    if len(known) >= RankCache.MAX_REGION_SETS:
        known.clear()
    known[query.regions] = (explains, reads)
    return explains, reads


def _add_marks(items: list[Item], explains: Marks, reads: Marks) -> None:
    """Add each item's serial to the muscles that explain it and to those that read it."""
    for item in items:
        mark = (item.serial,)
        for muscle in item.terms:
            explains[muscle] = explains.get(muscle, ()) + mark
        for muscle in item.concerns:
            reads[muscle] = reads.get(muscle, ()) + mark


def _new_views(
    index: CatalogIndex,
    query: Query,
    keys: list[ViewKey],
    known: list[View | None],
    regions: list[Item],
    symptoms: list[Item],
    n: int,
) -> list[View]:
    """The views, those not met before worked out and kept (the memo starts over when
    full)."""
    cache = index.rank_cache
    missing = [key[0] for key, view in zip(keys, known, strict=True) if view is None]
    found = gathered(regions, symptoms, missing)
    reported = reported_regions(index, query)
    views = []
    for key, view in zip(keys, known, strict=True):
        if view is None:
            if len(cache.views) >= RankCache.MAX_VIEWS:
                cache.views.clear()
                cache.view_round += 1
            view = cache.views[key] = _view(index, query, key[0], found[key[0]], n, reported)
        views.append(view)
    return views


def _view(
    index: CatalogIndex, query: Query, muscle: str, found: Found, n: int, reported: frozenset[str]
) -> View:
    """One muscle's view, worked out."""
    result = muscle_result(index, query, index.muscles[muscle], found, n, reported)
    return View(-result.score, result.muscle, result)


def _outline(
    index: CatalogIndex,
    query: Query,
    regions: list[Item],
    symptoms: list[Item],
    among: Collection[str] | None,
    matches: int,
) -> Ranking:
    """The ranking but its results: what no muscle (`among`) explains, and the warnings."""
    if among is None and all(map(_TERMS, regions)) and all(map(_TERMS, symptoms)):
        # Every item explained, and no red flag (a red flag is no muscle's evidence).
        return Ranking(query, (), (), matches, (), (), index.disclaimer)
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
        total_matches=matches,
        unexplained_regions=unexplained_regions,
        unexplained_symptoms=unexplained_symptoms,
        disclaimer=index.disclaimer,
    )


_TERMS = attrgetter("terms")
_ORDER = attrgetter("order")
_RED_FLAG = attrgetter("red_flag")


def referrers(index: CatalogIndex, region: str) -> list[tuple[Result, Support]]:
    """The muscles that refer pain to `region`, in the order `which -r REGION` ranks them,
    each with its strongest fact for the region."""
    if not index.referring(region):
        return []  # most regions of a wide hierarchy: no ranking to work out
    ranking = rank(index, Query((region,), ()))
    return [(r, r.regions[0].via[0]) for r in ranking.results]
