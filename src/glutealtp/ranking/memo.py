"""What the ranking works out once per catalog rather than once per query, kept by the
ranking itself (the catalog knows nothing of it), and the records it keeps: each reported
item as every muscle sees it (`Item`), each muscle's result per view of a query (`View`).

`memo_of(index)` gives the index's `RankCache`. The memo is keyed by the index's identity
and holds the index too (so no other index takes its id while it is kept); a few indexes
are kept, the oldest let go first.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles every string
# annotation, which cost a cold `which` about half a millisecond per module like this one.

from collections.abc import Mapping
from typing import NamedTuple

from glutealtp.catalog.entries import Support, SymptomSupport
from glutealtp.catalog.index import CatalogIndex
from glutealtp.ranking.results import AlsoCheck, Evidence, Result

MAX_INDEXES = 8
"""Indexes whose memo is kept at once: a program works with one or two."""


class Cover(NamedTuple):
    """How a muscle's facts on a region and the regions inside it cover the region: the
    likelihood they give it, and the share of it they name (1 for a fact on the region)."""

    likelihood: float
    share: float


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
    """Muscle id -> its evidence for the item and its term, the logarithm of what the item
    adds to its odds: likelihood x commonness when present, 1 - likelihood when absent.
    Empty for a red flag, which is never evidence."""
    concerns: tuple[str, ...]
    """The muscles that do not explain it but read it: a region in an area of their main
    pattern or under one of their rule regions, a symptom one of their rules or related
    muscles names, and the muscles linked to it only through a condition (`linked`)."""
    red_flag: bool = False
    """A red flag: reported, but never evidence, so it is not one of the items scored."""
    linked: Mapping[str, Evidence[Support]] | Mapping[str, Evidence[SymptomSupport]] = {}
    """Muscle id -> its evidence through a condition, where a condition does not count (some
    muscle refers to the item directly): shown, and raised by a rule, but not a term."""


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


ViewKey = (
    tuple[str, tuple[int, int], tuple[int, ...]]
    | tuple[str, tuple[int, int], tuple[int, ...], tuple[int, ...]]
)
"""A muscle's view of a query: its id, how many present items (and regions) were reported,
the present items it explains or is linked to, and any items it reads without explaining
them (absent ones included)."""
Marks = dict[str, tuple[int, ...]]
"""Muscle id -> the serials of the items it explains (or reads), in the query's order."""


class RankCache:
    """Each reported item as every muscle sees it (`items`), what each region's facts cover
    (`cover`), the commonness factors (`priors`), each muscle's main areas (`areas`), the
    muscles each set of regions concerns, each muscle's result per view of a query and each
    muscle's related muscles per symptom set."""

    MAX_ALSO = 65_536
    """Entries kept in `also` before it starts over."""
    MAX_VIEWS = 20_480
    """Entries kept in `views` before it starts over: a few per muscle and item in use."""
    MAX_REGION_SETS = 2_048
    """Entries kept in `region_sets` before it starts over."""
    MAX_KEPT_ITEMS = 12
    """The most items (present and absent) a query may report for its views and its set of
    regions to be kept: a bigger one is seldom met again, and its views are large."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.regions: dict[str, Item] = {}
        self.symptoms: dict[str, Item] = {}
        self.absent_regions: dict[str, Item] = {}
        self.absent_symptoms: dict[str, Item] = {}
        self.cover: tuple[dict[str, dict[str, Cover]], dict[str, dict[str, Cover]]] = ({}, {})
        """Region -> muscle -> how its facts there and below cover it: by trigger-point zones
        and statements, and by conditions."""
        self.priors: dict[str, Mapping[str, float]] = {}
        self.areas: dict[str, tuple[tuple[frozenset[str], float, str], ...]] = {}
        """Muscle -> the areas (top-level regions) of its main pattern, with the likelihood."""
        self.area_readers: dict[str, list[str]] | None = None
        """Top-level region -> the muscles with a main zone in it."""
        self.partners: dict[str, set[str]] | None = None
        """Muscle -> the muscles whose relation to it shares its items."""
        self.concerned: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        self.views: dict[ViewKey, View | None] = {}
        self.view_round = 0
        """How many times `views` has started over."""
        self.region_sets: dict[object, tuple[Marks, Marks]] = {}
        """The present regions (and the absent items, when any) -> the marks they give."""
        self.relation_symptoms: dict[str, frozenset[str]] = {}
        self.also: dict[tuple[str, frozenset[str]], tuple[AlsoCheck, ...]] = {}


_KEPT: dict[int, tuple[CatalogIndex, RankCache]] = {}


def memo_of(index: CatalogIndex) -> RankCache:
    """The ranking's memo for `index`, made on first use."""
    kept = _KEPT.get(id(index))
    if kept is not None and kept[0] is index:
        return kept[1]
    if len(_KEPT) >= MAX_INDEXES:
        del _KEPT[next(iter(_KEPT))]
    cache = RankCache()
    _KEPT[id(index)] = (index, cache)
    return cache
