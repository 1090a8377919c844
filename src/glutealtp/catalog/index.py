"""The catalog indexed for ranking and look-up (`build.build_index` makes one).

Ids, names and the region hierarchy, each muscle's weighed evidence, the area lists behind
the commonness prior, and the validated records that pictures and `show` print.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

from glutealtp.catalog.entries import (
    AreaListEntry,
    MuscleEntry,
    Named,
    RegionEntry,
    Support,
    SymptomEntry,
    SymptomSupport,
    strongest_first,
)
from glutealtp.errors import GlutealtpError
from glutealtp.text import fold
from glutealtp.vocabulary import AreaListKind, Kind, Tier

if TYPE_CHECKING:
    from glutealtp.catalog import raw
    from glutealtp.items import Item
    from glutealtp.rank import Marks, View, ViewKey
    from glutealtp.results import AlsoCheck
    from glutealtp.score import _Pattern


class UnknownName(GlutealtpError, LookupError):
    """A region, symptom or muscle name that the catalog does not know.

    `brief` is the message without the list of valid names: where that list would repeat
    on every line (batch records).
    """

    def __init__(self, kind: Kind, text: str, suggestions: list[str], valid: list[str]) -> None:
        self.kind = kind
        self.text = text
        self.suggestions = suggestions
        self.valid = valid
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        self.brief = f"unknown {kind} {text!r}{hint}"
        super().__init__(f"{self.brief} (valid: {', '.join(valid)})")


class RankCache:
    """What `rank` works out once per catalog rather than once per query: each reported
    item as every muscle sees it (`items`), the muscles each set of regions concerns, each
    muscle's result per view of a query, each muscle's related muscles per symptom set, and
    each region's commonness prior per muscle."""

    MAX_ALSO = 65_536
    """Entries kept in `also` before it starts over."""
    MAX_VIEWS = 20_480
    """Entries kept in `views` before it starts over: a few per muscle and item in use."""
    MAX_REGION_SETS = 2_048
    """Entries kept in `region_sets` before it starts over."""
    MAX_KEPT_ITEMS = 12
    """The most items (regions and symptoms) a query may report for its views and its set of
    regions to be kept: a bigger one is seldom met again, and its views are large."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.regions: dict[str, Item] = {}
        self.symptoms: dict[str, Item] = {}
        self.concerned: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None
        self.views: dict[ViewKey, View] = {}
        self.view_round = 0
        """How many times `views` has started over."""
        self.region_sets: dict[tuple[str, ...], tuple[Marks, Marks]] = {}
        self.relation_symptoms: dict[str, frozenset[str]] = {}
        self.also: dict[tuple[str, frozenset[str]], tuple[AlsoCheck, ...]] = {}
        self.commonness: dict[str, tuple[float, Mapping[str, float]]] = {}
        self.patterns: dict[str, _Pattern] = {}


class Scoring(NamedTuple):
    """The query-time weights of the dataset's `scoring` block (the rest is in the entries)."""

    wider_region: float
    pattern_fit_floor: float
    pattern_balance: float
    commonness: Mapping[Tier, float]
    commonness_floor: Mapping[AreaListKind, float]
    fit_strong: float
    fit_moderate: float


class CatalogIndex:
    """A dataset indexed for ranking: ids, names, the hierarchy and per-muscle evidence,
    plus the validated records that pictures and `show` print."""

    def __init__(
        self,
        *,
        name: str,
        disclaimer: str,
        regions: Mapping[str, RegionEntry],
        symptoms: Mapping[str, SymptomEntry],
        muscles: Mapping[str, MuscleEntry],
        area_lists: tuple[AreaListEntry, ...],
        scoring: Scoring,
        records: Mapping[str, raw.Muscle],
        sources: Mapping[str, raw.Source],
        conditions: Mapping[str, raw.Condition],
        origin: str = "bundled",
    ) -> None:
        self.name = name
        self.disclaimer = disclaimer
        self.regions = regions
        self.symptoms = symptoms
        self.muscles = muscles
        self.area_lists = area_lists
        self.scoring = scoring
        self.sources = sources
        """Every source by id, in dataset order."""
        self.conditions = conditions
        """Every condition by id, in dataset order."""
        self.origin = origin
        self._records = records
        self._names: dict[Kind, dict[str, str]] = {}
        self._ancestors: dict[str, frozenset[str]] = {}
        self._roots: dict[str, frozenset[str]] = {}
        self._descendants: dict[str, frozenset[str]] = {}
        self._children: dict[str, list[str]] | None = None
        self._postings: dict[str, list[str]] | None = None
        self._named: frozenset[str] | None = None  # the regions some fact names
        self._order: dict[str, int] | None = None
        self._referring: dict[str, dict[str, tuple[Support, ...]]] = {}
        self._linked: dict[str, dict[str, tuple[SymptomSupport, ...]]] = {}
        self.rank_cache = RankCache()

    def muscle_record(self, muscle: str) -> raw.Muscle:
        """Everything the dataset says about one muscle, by id (as validated, defaults filled)."""
        return self._records[muscle]

    def ancestors(self, region: str) -> frozenset[str]:
        """The region and every region it is part of (memoised; validation keeps it small)."""
        found = self._ancestors.get(region)
        if found is None:
            parents = [p for p in self.regions[region].parents if p in self.regions]
            # Parents first, iteratively: a deep hierarchy never recurses deeply.
            pending = [p for p in parents if p not in self._ancestors and p != region]
            while pending:
                nxt = pending[-1]
                above = [
                    p
                    for p in self.regions[nxt].parents
                    if p in self.regions and p not in self._ancestors and p != nxt
                ]
                if above:
                    pending.extend(above)
                    continue
                pending.pop()
                self._ancestors[nxt] = frozenset((nxt,)).union(
                    *(self._ancestors[p] for p in self.regions[nxt].parents if p in self.regions)
                )
            found = self._ancestors[region] = frozenset((region,)).union(
                *(self._ancestors[p] for p in parents)
            )
        return found

    def roots(self, region: str) -> frozenset[str]:
        """The top-level regions (areas) the region lies in: itself when it has no parent."""
        found = self._roots.get(region)
        if found is None:
            found = self._roots[region] = frozenset(
                a for a in self.ancestors(region) if not self.regions[a].parents
            )
        return found

    def descendants(self, region: str) -> frozenset[str]:
        """The region and every region below it in the hierarchy (memoised).

        Each region's set is the union of its children's, children first and iteratively:
        asked for every region of a wide hierarchy, the cost grows with the size of the sets.
        """
        found = self._descendants.get(region)
        if found is not None:
            return found
        children = self._children_of()
        pending = [region]
        while pending:
            node = pending[-1]
            below = [c for c in children.get(node, ()) if c not in self._descendants]
            if below:
                pending.extend(below)
                continue
            pending.pop()
            if node not in self._descendants:
                self._descendants[node] = frozenset((node,)).union(
                    *(self._descendants[c] for c in children.get(node, ()))
                )
        return self._descendants[region]

    def _children_of(self) -> dict[str, list[str]]:
        if self._children is None:
            self._children = {}
            for r in self.regions.values():
                for p in r.parents:
                    if p in self.regions and p != r.id:
                        self._children.setdefault(p, []).append(r.id)
        return self._children

    def _muscles_at(self, region: str) -> list[str]:
        """The muscles with a fact naming `region` itself, in catalog order."""
        if self._postings is None:
            self._postings = {}
            for m in self.muscles.values():
                for r in m.regions:
                    self._postings.setdefault(r, []).append(m.id)
            self._named = frozenset(self._postings)
        return self._postings.get(region, [])

    def referring(self, region: str) -> Mapping[str, tuple[Support, ...]]:
        """Muscle id -> every support it has for `region`, strongest first, in catalog order.

        A fact on the region or a region inside it counts as it is; a trigger-point zone on a
        wider region the region is part of (a zone over the whole back of the leg, for the back
        of the thigh) counts at the `wider_region` weight. Memoised.
        """
        found = self._referring.get(region)
        if found is not None:
            return found
        supports: dict[str, list[Support]] = {}
        self._muscles_at(region)  # builds the postings
        postings = self._postings or {}
        named = self._named or frozenset()
        for inner in named.intersection(self.descendants(region)):
            for muscle in postings[inner]:
                supports.setdefault(muscle, []).extend(self.muscles[muscle].regions[inner])
        factor = self.scoring.wider_region
        for wider in named.intersection(self.ancestors(region)):
            if wider == region:
                continue
            for muscle in postings[wider]:
                facts = [
                    s._replace(weight=s.weight * factor)
                    for s in self.muscles[muscle].regions[wider]
                    if s.kind == "zone"
                ]
                if facts:
                    supports.setdefault(muscle, []).extend(facts)
        found = {m: strongest_first(supports[m]) for m in self.in_catalog_order(supports)}
        self._referring[region] = found
        return found

    def in_catalog_order(self, muscles: Iterable[str]) -> list[str]:
        """Muscle ids in the dataset's order, in time proportional to how many are given."""
        if self._order is None:
            self._order = {m: i for i, m in enumerate(self.muscles)}
        return sorted(muscles, key=self._order.__getitem__)

    def linked(self, symptom: str) -> Mapping[str, tuple[SymptomSupport, ...]]:
        """Muscle id -> its links to `symptom`, strongest first; only linked muscles (memoised)."""
        found = self._linked.get(symptom)
        if found is None:
            found = self._linked[symptom] = {
                m.id: links for m in self.muscles.values() if (links := m.symptoms.get(symptom))
            }
        return found

    def commonness(self, region: str) -> tuple[float, Mapping[str, float]]:
        """How commonly the references name each muscle as a cause of pain in `region`: the
        floor for muscles no list names, and each named muscle's factor (at most 1).

        Every area list on the region or a region it is part of applies. A muscle's factor
        is `floor + (1 - floor) x (1 - product of (1 - weight))` over the lists that name it,
        the weight by how it is named (`scoring.commonness`); the floor is the lower one of
        the kinds of list that apply (`scoring.commonness_floor`). No list: 1 for all.
        """
        cache = self.rank_cache.commonness
        found = cache.get(region)
        if found is not None:
            return found
        within = self.ancestors(region)
        lists = [a for a in self.area_lists if not within.isdisjoint(a.regions)]
        if not lists:
            found = cache[region] = (1.0, {})
            return found
        sc = self.scoring
        floor = min(sc.commonness_floor[a.kind] for a in lists)
        missed: dict[str, float] = {}
        for a in lists:
            for muscle, tier in a.tiers.items():
                missed[muscle] = missed.get(muscle, 1.0) * (1.0 - sc.commonness[tier])
        factors = {m: floor + (1.0 - floor) * (1.0 - miss) for m, miss in missed.items()}
        found = cache[region] = (floor, factors)
        return found

    def entries(self, kind: Kind) -> Mapping[str, Named]:
        if kind == "region":
            return self.regions
        if kind == "symptom":
            return self.symptoms
        return self.muscles

    def names(self, kind: Kind) -> dict[str, str]:
        """Every accepted spelling (folded) of `kind`, mapped to its id."""
        if kind not in self._names:
            table: dict[str, str] = {}
            for entry in self.entries(kind).values():
                for name in (entry.id, entry.name, *entry.synonyms):
                    table.setdefault(fold(name), entry.id)
            self._names[kind] = table
        return self._names[kind]

    def ambiguous_red_flag(self, text: str) -> tuple[str, str] | None:
        """(symptom, red flag) when `text` names a symptom that is no red flag but is also a
        word of a red flag's name or synonyms ("numbness": leg numbness, or saddle numbness)."""
        word = fold(text)
        symptom = self.names("symptom").get(word)
        if symptom is None or self.symptoms[symptom].red_flag or not word:
            return None
        for flag in self.symptoms.values():
            if flag.red_flag and any(
                f" {word} " in f" {fold(name)} " for name in (flag.name, *flag.synonyms)
            ):
                return symptom, flag.id
        return None

    def ambiguity(self, text: str) -> str | None:
        """Why `text` is refused as a symptom, naming both meanings (None when it is not
        ambiguous): the red flag is never guessed away, and never assumed."""
        found = self.ambiguous_red_flag(text)
        if found is None:
            return None
        plain, flag = (self.symptoms[s] for s in found)
        return (
            f"{text!r} could mean {plain.id} ({plain.name.lower()}) or {flag.id} "
            f"({flag.name.lower()}, a red flag: seek urgent care); give the one you mean"
        )

    def resolve(self, kind: Kind, text: str) -> str:
        """The id that `text` names (an id, name, alias or synonym, in any case)."""
        ident = self.names(kind).get(fold(text))
        if ident is not None:
            return ident
        import difflib

        names = self.names(kind)
        close = difflib.get_close_matches(fold(text), list(names), n=3, cutoff=0.6)
        suggestions = list(dict.fromkeys(names[c] for c in close))
        raise UnknownName(kind, text, suggestions, sorted(self.entries(kind)))
