"""The catalog indexed for ranking and look-up, built from the validated dataset dump.

`build_index` takes one input form: `raw.Catalog`, the strict-validated dataset dumped to
JSON with every key present. The bundled catalog ships in that form; `load` validates and
dumps a user's dataset into it. Nothing here reads the authored file or validates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from glutealtp.catalog.entries import (
    MuscleEntry,
    Named,
    RegionEntry,
    RelationEntry,
    RuleEntry,
    Support,
    SymptomEntry,
    SymptomSupport,
    strongest_first,
)
from glutealtp.errors import GlutealtpError
from glutealtp.text import fold
from glutealtp.vocabulary import Activity, Extent, Kind, RuleKind

if TYPE_CHECKING:
    from glutealtp.catalog import raw
    from glutealtp.results import AlsoCheck, Evidence


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
    item's specificity and evidence, and each muscle's related muscles per symptom set."""

    MAX_ALSO = 65_536
    """Entries kept in `also` before it starts over."""

    def __init__(self) -> None:
        self.regions: dict[str, tuple[float, dict[str, tuple[Evidence[Support], float]]]] = {}
        self.symptoms: dict[
            str, tuple[float, dict[str, tuple[Evidence[SymptomSupport], float]]]
        ] = {}
        self.relation_symptoms: dict[str, frozenset[str]] = {}
        self.also: dict[tuple[str, frozenset[str]], tuple[AlsoCheck, ...]] = {}


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
        pattern_fit_floor: float,
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
        self.pattern_fit_floor = pattern_fit_floor
        self.sources = sources
        """Every source by id, in dataset order."""
        self.conditions = conditions
        """Every condition by id, in dataset order."""
        self.origin = origin
        self._records = records
        self._names: dict[Kind, dict[str, str]] = {}
        self._children: dict[str, list[str]] | None = None
        self._descendants: dict[str, frozenset[str]] = {}
        self._referring: dict[str, dict[str, tuple[Support, ...]]] = {}
        self._linked: dict[str, dict[str, tuple[SymptomSupport, ...]]] = {}
        self.rank_cache = RankCache()

    def muscle_record(self, muscle: str) -> raw.Muscle:
        """Everything the dataset says about one muscle, by id (as validated, defaults filled)."""
        return self._records[muscle]

    def descendants(self, region: str) -> frozenset[str]:
        """The region and every region below it in the hierarchy (memoised)."""
        found = self._descendants.get(region)
        if found is not None:
            return found
        if self._children is None:
            self._children = {}
            for r in self.regions.values():
                for parent in r.parents:
                    self._children.setdefault(parent, []).append(r.id)
        out = {region}
        frontier = [region]
        while frontier:
            for child in self._children.get(frontier.pop(), ()):
                if child not in out:
                    out.add(child)
                    frontier.append(child)
        found = self._descendants[region] = frozenset(out)
        return found

    def ancestors(self, region: str) -> frozenset[str]:
        """The region and every region it is part of."""
        out = {region}
        frontier = [region]
        while frontier:
            for parent in self.regions[frontier.pop()].parents:
                if parent not in out and parent in self.regions:
                    out.add(parent)
                    frontier.append(parent)
        return frozenset(out)

    def referring(self, region: str) -> Mapping[str, tuple[Support, ...]]:
        """Muscle id -> every support it has for `region` or a region inside it, strongest
        first; only muscles with some support, in catalog order (memoised)."""
        found = self._referring.get(region)
        if found is not None:
            return found
        within = self.descendants(region)
        found = {}
        for m in self.muscles.values():
            if not m.regions.keys().isdisjoint(within):
                found[m.id] = strongest_first(s for r in within for s in m.regions.get(r, ()))
        self._referring[region] = found
        return found

    def linked(self, symptom: str) -> Mapping[str, tuple[SymptomSupport, ...]]:
        """Muscle id -> its links to `symptom`, strongest first; only linked muscles (memoised)."""
        found = self._linked.get(symptom)
        if found is None:
            found = self._linked[symptom] = {
                m.id: links for m in self.muscles.values() if (links := m.symptoms.get(symptom))
            }
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


class Weights(NamedTuple):
    """The dataset's `scoring` block, as the index applies it to each fact."""

    extent: Mapping[Extent, float]
    activity: Mapping[Activity, float]
    muscle_level: float
    condition: float
    symptom_link: float
    symptom_via_condition: float
    pattern_activities: frozenset[Activity]
    rule_multiplier: Mapping[RuleKind, float]


def build_index(data: raw.Catalog, origin: str = "bundled") -> CatalogIndex:
    """Index a validated dataset dump (see `raw`)."""
    s = data["scoring"]
    weights = Weights(
        s["extent"],
        s["activity"],
        s["muscle_level"],
        s["condition"],
        s["symptom_link"],
        s["symptom_via_condition"],
        frozenset(s["pattern_activities"]),
        s["rule_multiplier"],
    )
    return CatalogIndex(
        name=data["name"],
        disclaimer=data["disclaimer"],
        regions={r["id"]: _region(r) for r in data["regions"]},
        symptoms={s["id"]: _symptom(s) for s in data["symptoms"]},
        muscles={m["id"]: _muscle(m, weights) for m in data["muscles"]},
        pattern_fit_floor=s["pattern_fit_floor"],
        records={m["id"]: m for m in data["muscles"]},
        sources={src["id"]: src for src in data["sources"]},
        conditions={c["id"]: c for c in data["conditions"]},
        origin=origin,
    )


def _region(r: raw.Region) -> RegionEntry:
    return RegionEntry(
        r["id"], r["name"], tuple(r["synonyms"]), r["parent"], tuple(r["also_part_of"])
    )


def _symptom(s: raw.Symptom) -> SymptomEntry:
    return SymptomEntry(
        s["id"], s["name"], tuple(s["synonyms"]), s["question"], s["red_flag"], s["advice"]
    )


def _muscle(m: raw.Muscle, w: Weights) -> MuscleEntry:
    regions: dict[str, list[Support]] = {}
    for support in (*_zones(m, w), *_statements(m, w), *_condition_regions(m, w)):
        regions.setdefault(support.region, []).append(support)
    symptoms: dict[str, list[SymptomSupport]] = {}
    for link in _symptom_links(m, w):
        symptoms.setdefault(link.symptom, []).append(link)
    essential = frozenset(
        z["region"]
        for tp in m["trigger_points"]
        for z in tp["zones"]
        if z["extent"] == "essential" and (z["activity"] or tp["activity"]) in w.pattern_activities
    )
    rules = tuple(
        RuleEntry(
            r["id"],
            r["kind"],
            tuple(r["regions"]),
            tuple(r["symptoms"]),
            r["statement"],
            w.rule_multiplier[r["kind"]],
        )
        for r in m["rules"]
    )
    related = tuple(
        RelationEntry(r["muscle"], r["kind"], tuple(r["symptoms"]), r["note"]) for r in m["related"]
    )
    return MuscleEntry(
        m["id"],
        m["name"],
        tuple(m["aliases"]),
        {k: strongest_first(v) for k, v in regions.items()},
        {k: tuple(sorted(v, key=lambda s: -s.weight)) for k, v in symptoms.items()},
        essential,
        rules,
        related,
    )


def _zones(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    """Each trigger point's referral zones, weighted extent x activity."""
    for tp in m["trigger_points"]:
        for zone in tp["zones"]:
            activity = zone["activity"] or tp["activity"]
            weight = w.extent[zone["extent"]] * w.activity[activity]
            yield Support(
                weight, "zone", zone["region"], tp["id"], tp["name"], zone["extent"], activity
            )


def _statements(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    """Muscle-level referral statements, weighted like a zone of their activity."""
    for st in m["refers_to"]:
        for region in st["regions"]:
            yield Support(w.muscle_level * w.activity[st["activity"]], "statement", region)


def _condition_regions(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    for cref in m["conditions"]:
        for region in cref["regions"]:
            yield Support(w.condition, "condition", region, condition=cref["condition"])


def _symptom_links(m: raw.Muscle, w: Weights) -> Iterable[SymptomSupport]:
    """Direct symptom links first, then symptoms through conditions, in dataset order."""
    for link in m["symptoms"]:
        yield SymptomSupport(w.symptom_link, link["symptom"], None, link["note"])
    for cref in m["conditions"]:
        for sym in cref["symptoms"]:
            yield SymptomSupport(w.symptom_via_condition, sym, cref["condition"], cref["note"])
