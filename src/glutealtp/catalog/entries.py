"""The index's records: regions, symptoms and muscles with their evidence pre-weighted."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles every string
# annotation, which cost a cold `which` about half a millisecond per module like this one.

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple, Protocol

from glutealtp.vocabulary import (
    Activity,
    AreaListKind,
    Extent,
    RelationKind,
    RuleKind,
    SupportKind,
    Tier,
)


class Support(NamedTuple):
    """One piece of catalog evidence that a muscle refers pain to a region.

    `weight` is the fact's likelihood (kind, extent, activity, and a discount when one
    independent source states it); `single_source` says that discount applies; `main`
    that it is an essential zone of a commonly active trigger point (the muscle's main
    pattern).
    """

    weight: float
    kind: SupportKind
    region: str
    trigger_point: str | None = None
    trigger_point_name: str | None = None
    extent: Extent | None = None
    activity: Activity | None = None
    condition: str | None = None
    single_source: bool = False
    main: bool = False


class SymptomSupport(NamedTuple):
    """A muscle's link to a symptom, direct or through a condition it may cause; a
    `signature` symptom is the muscle's typical complaint."""

    weight: float
    symptom: str
    via_condition: str | None = None
    note: str | None = None
    signature: bool = False
    single_source: bool = False


class RuleEntry(NamedTuple):
    """A clinical rule; when met, the items it names count at least at `strength`."""

    id: str
    kind: RuleKind
    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    statement: str
    strength: float


class RelationEntry(NamedTuple):
    muscle: str
    kind: RelationKind
    symptoms: tuple[str, ...]
    note: str | None


class Named(Protocol):
    """A region, symptom or muscle as people see it."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def synonyms(self) -> tuple[str, ...]: ...


class RegionEntry(NamedTuple):
    id: str
    name: str
    synonyms: tuple[str, ...]
    parent: str | None
    also_part_of: tuple[str, ...] = ()
    made_of_parts: bool = False

    @property
    def parents(self) -> tuple[str, ...]:
        """Every region this one is directly part of, its main parent first."""
        return ((self.parent,) if self.parent else ()) + self.also_part_of


class SymptomEntry(NamedTuple):
    id: str
    name: str
    synonyms: tuple[str, ...]
    question: str
    red_flag: bool
    advice: str | None
    locates: bool = False


class MuscleEntry(NamedTuple):
    """A muscle's evidence, pre-weighted: region -> supports, symptom -> links.

    `main` maps the regions of its main pattern (the essential zones of its commonly active
    trigger points) to their likelihood.
    """

    id: str
    name: str
    synonyms: tuple[str, ...]
    regions: Mapping[str, tuple[Support, ...]]
    symptoms: Mapping[str, tuple[SymptomSupport, ...]]
    main: Mapping[str, float]
    rules: tuple[RuleEntry, ...]
    related: tuple[RelationEntry, ...]


class AreaListEntry(NamedTuple):
    """A reference's muscles for a pain area, as the commonness prior reads it."""

    id: str
    kind: AreaListKind
    regions: tuple[str, ...]
    tiers: Mapping[str, Tier]
    """Muscle id -> where the list names it."""
    among: tuple[str, ...] = ()
    """The muscles the list compares; empty: all of them."""


_KIND_ORDER = {"zone": 0, "statement": 1, "condition": 2}


@lru_cache(maxsize=4096)
def tidy(value: float) -> float:
    """A computed weight or factor as shown: six significant digits (0.29925, not
    0.29924999999999996), but never rounded to 0 or 1 (a factor of 0 has no logarithm, and
    a likelihood of 1 would make its absence impossible). Memoised: the values are a few
    dozen products of the catalog's parameters, asked for hundreds of times by a cold
    `which`."""
    shown = float(f"{value:.6g}")
    return value if shown in (0.0, 1.0) else shown


def strongest_first(items: Iterable[Support]) -> tuple[Support, ...]:
    """Supports by weight; on a tie a trigger-point zone before a statement before a condition."""
    return tuple(
        sorted(
            items, key=lambda s: (-s.weight, _KIND_ORDER[s.kind], s.trigger_point or "", s.region)
        )
    )
