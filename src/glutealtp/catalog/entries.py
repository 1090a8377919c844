"""The index's records: regions, symptoms and muscles with their evidence pre-weighted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, Protocol

from glutealtp.vocabulary import Activity, Extent, RelationKind, RuleKind, SupportKind


class Support(NamedTuple):
    """One piece of catalog evidence that a muscle refers pain to a region."""

    weight: float
    kind: SupportKind
    region: str
    trigger_point: str | None = None
    trigger_point_name: str | None = None
    extent: Extent | None = None
    activity: Activity | None = None
    condition: str | None = None


class SymptomSupport(NamedTuple):
    """A muscle's link to a symptom, direct or through a condition it may cause."""

    weight: float
    symptom: str
    via_condition: str | None = None
    note: str | None = None


class RuleEntry(NamedTuple):
    id: str
    kind: RuleKind
    regions: tuple[str, ...]
    symptoms: tuple[str, ...]
    statement: str
    multiplier: float


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


class MuscleEntry(NamedTuple):
    """A muscle's evidence, pre-weighted: region -> supports, symptom -> links."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    regions: Mapping[str, tuple[Support, ...]]
    symptoms: Mapping[str, tuple[SymptomSupport, ...]]
    essential: frozenset[str]
    rules: tuple[RuleEntry, ...]
    related: tuple[RelationEntry, ...]


_KIND_ORDER = {"zone": 0, "statement": 1, "condition": 2}


def strongest_first(items: Iterable[Support]) -> tuple[Support, ...]:
    """Supports by weight; on a tie a trigger-point zone before a statement before a condition."""
    return tuple(
        sorted(
            items, key=lambda s: (-s.weight, _KIND_ORDER[s.kind], s.trigger_point or "", s.region)
        )
    )
