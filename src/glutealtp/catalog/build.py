"""Building the index from the validated dataset dump: each fact weighed once, here.

`build_index` takes one input form: `raw.Catalog`, the strict-validated dataset dumped to
JSON with every key present. The bundled catalog ships in that form; `load` validates and
dumps a user's dataset into it. Nothing here reads the authored file or validates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, NamedTuple

from glutealtp.catalog.entries import (
    AreaListEntry,
    MuscleEntry,
    RegionEntry,
    RelationEntry,
    RuleEntry,
    Support,
    SymptomEntry,
    SymptomSupport,
    strongest_first,
)
from glutealtp.catalog.index import CatalogIndex, Scoring
from glutealtp.vocabulary import Activity, Extent, RuleKind, Tier

if TYPE_CHECKING:
    from glutealtp.catalog import raw


class Weights(NamedTuple):
    """The dataset's `scoring` block, as the index applies it to each fact."""

    extent: Mapping[Extent, float]
    activity: Mapping[Activity, float]
    muscle_level: float
    condition: float
    symptom_link: float
    signature_symptom: float
    symptom_via_condition: float
    single_source: float
    pattern_activities: frozenset[Activity]
    rule_strength: Mapping[RuleKind, float]
    independent: Callable[[Iterable[str]], bool]
    """Whether sources (by id) have two or more independent authors."""


def build_index(data: raw.Catalog, origin: str = "bundled") -> CatalogIndex:
    """Index a validated dataset dump (see `raw`)."""
    s = data["scoring"]
    authors = {src["id"]: None if src["weak"] else src["author"] for src in data["sources"]}

    def independent(sources: Iterable[str]) -> bool:
        return len({authors[i] for i in sources} - {None}) >= 2

    weights = Weights(
        s["extent"],
        s["activity"],
        s["muscle_level"],
        s["condition"],
        s["symptom_link"],
        s["signature_symptom"],
        s["symptom_via_condition"],
        s["single_source"],
        frozenset(s["pattern_activities"]),
        s["rule_strength"],
        independent,
    )
    scoring = Scoring(
        s["wider_region"],
        s["pattern_fit_floor"],
        s["pattern_balance"],
        s["commonness"],
        s["commonness_floor"],
        s["fit_words"]["strong"],
        s["fit_words"]["moderate"],
    )
    return CatalogIndex(
        name=data["name"],
        disclaimer=data["disclaimer"],
        regions={r["id"]: _region(r) for r in data["regions"]},
        symptoms={s["id"]: _symptom(s) for s in data["symptoms"]},
        muscles={m["id"]: _muscle(m, weights) for m in data["muscles"]},
        area_lists=tuple(_area_list(a) for a in data["area_lists"]),
        scoring=scoring,
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


def _area_list(a: raw.AreaList) -> AreaListEntry:
    first: Tier = "most-common" if a["kind"] == "most-common" else "primary"
    tiers: dict[str, Tier] = dict.fromkeys(a["primary"], first)
    tiers.update(dict.fromkeys(a["secondary"], "secondary"))
    return AreaListEntry(a["id"], a["kind"], tuple(a["regions"]), tiers)


def _muscle(m: raw.Muscle, w: Weights) -> MuscleEntry:
    regions: dict[str, list[Support]] = {}
    for support in (*_zones(m, w), *_statements(m, w), *_condition_regions(m, w)):
        regions.setdefault(support.region, []).append(support)
    symptoms: dict[str, list[SymptomSupport]] = {}
    for link in _symptom_links(m, w):
        symptoms.setdefault(link.symptom, []).append(link)
    rules = tuple(
        RuleEntry(
            r["id"],
            r["kind"],
            tuple(r["regions"]),
            tuple(r["symptoms"]),
            r["statement"],
            w.rule_strength[r["kind"]],
        )
        for r in m["rules"]
    )
    related = tuple(
        RelationEntry(r["muscle"], r["kind"], tuple(r["symptoms"]), r["note"]) for r in m["related"]
    )
    pattern: dict[str, float] = {}
    for region, found in regions.items():
        weights = [x.weight for x in found if x.kind != "condition"]
        if weights:
            pattern[region] = max(weights)
    return MuscleEntry(
        m["id"],
        m["name"],
        tuple(m["aliases"]),
        {k: strongest_first(v) for k, v in regions.items()},
        {k: tuple(sorted(v, key=lambda s: -s.weight)) for k, v in symptoms.items()},
        _main(m, w) or frozenset(pattern),
        pattern,
        rules,
        related,
    )


def _main(m: raw.Muscle, w: Weights) -> frozenset[str]:
    """The essential zones of the trigger points that are commonly active (else every zone)."""
    main = frozenset(
        z["region"]
        for tp in m["trigger_points"]
        for z in tp["zones"]
        if z["extent"] == "essential" and (z["activity"] or tp["activity"]) in w.pattern_activities
    )
    return main or frozenset(z["region"] for tp in m["trigger_points"] for z in tp["zones"])


def _zones(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    """Each trigger point's referral zones, weighted extent x activity (x the single-source
    discount when one independent author states the zone)."""
    for tp in m["trigger_points"]:
        for zone in tp["zones"]:
            activity = zone["activity"] or tp["activity"]
            single = not w.independent(zone["sources"])
            weight = w.extent[zone["extent"]] * w.activity[activity]
            yield Support(
                weight * (w.single_source if single else 1.0),
                "zone",
                zone["region"],
                tp["id"],
                tp["name"],
                zone["extent"],
                activity,
                single_source=single,
            )


def _statements(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    """Muscle-level referral statements, weighted like a zone of their activity."""
    for st in m["refers_to"]:
        single = not w.independent(st["sources"])
        weight = w.muscle_level * w.activity[st["activity"]]
        for region in st["regions"]:
            yield Support(
                weight * (w.single_source if single else 1.0),
                "statement",
                region,
                single_source=single,
            )


def _condition_regions(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    for cref in m["conditions"]:
        for region in cref["regions"]:
            yield Support(w.condition, "condition", region, condition=cref["condition"])


def _symptom_links(m: raw.Muscle, w: Weights) -> Iterable[SymptomSupport]:
    """Direct symptom links first, then symptoms through conditions, in dataset order."""
    for link in m["symptoms"]:
        weight = w.signature_symptom if link["signature"] else w.symptom_link
        yield SymptomSupport(weight, link["symptom"], None, link["note"], link["signature"])
    for cref in m["conditions"]:
        for sym in cref["symptoms"]:
            yield SymptomSupport(w.symptom_via_condition, sym, cref["condition"], cref["note"])
