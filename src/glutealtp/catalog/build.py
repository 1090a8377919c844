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
    tidy,
)
from glutealtp.catalog.index import CatalogIndex, Scoring
from glutealtp.vocabulary import Activity, RuleKind, Tier

if TYPE_CHECKING:
    from glutealtp.catalog import raw


class Weights(NamedTuple):
    """The dataset's `scoring` block, as the index applies it to each fact: a fact's weight
    is its likelihood (the kind's level x its activity x the single-source factor)."""

    likelihood: raw.Likelihood
    activity: Mapping[Activity, float]
    single_source: float
    symptom_budget: float
    pattern_activities: frozenset[Activity]
    rule_strength: Mapping[RuleKind, float]
    independent: Callable[[Iterable[str]], bool]
    """Whether sources (by id) have two or more independent authors."""

    def sourced(self, weight: float, sources: Iterable[str]) -> tuple[float, bool]:
        """`weight`, scaled down when one independent source states the fact; and whether it
        is. Six significant digits (`tidy`): JSON shows 0.29925, not 0.29924999999999996."""
        single = not self.independent(sources)
        return tidy(weight * (self.single_source if single else 1.0)), single


def build_index(data: raw.Catalog, origin: str = "bundled") -> CatalogIndex:
    """Index a validated dataset dump (see `raw`)."""
    s = data["scoring"]
    authors = {src["id"]: None if src["weak"] else src["author"] for src in data["sources"]}

    def independent(sources: Iterable[str]) -> bool:
        return len({authors[i] for i in sources} - {None}) >= 2

    weights = Weights(
        s["likelihood"],
        s["activity"],
        s["single_source"],
        s["symptom_budget"],
        frozenset(s["pattern_activities"]),
        s["rule_strength"],
        independent,
    )
    lk = s["likelihood"]
    region_top = 1 - (1 - lk["region_leak"]) * (1 - lk["essential"])
    symptom_top = 1 - (1 - lk["symptom_leak"]) * (1 - lk["signature_symptom"])
    scoring = Scoring(
        region_leak=lk["region_leak"],
        symptom_leak=lk["symptom_leak"],
        related_share=s["related_share"],
        unreported_area=s["unreported_area"],
        commonness=s["commonness"],
        commonness_boost=s["commonness_boost"],
        near_tie=s["near_tie"],
        fit_strong=s["fit_words"]["strong"],
        fit_moderate=s["fit_words"]["moderate"],
        region_top=region_top,
        symptom_top=symptom_top,
        scale=region_top * (1.0 + s["commonness_boost"]),
        symptom_scale=symptom_top,
        press_own=_answers(s["press"]["own"]),
        press_other=_answers(s["press"]["other"]),
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
        press_safety=tuple(data["press_safety"]),
        press_criteria=tuple(data["press_criteria"]),
    )


def _answers(a: raw.AnswerLikelihood) -> dict[str, float]:
    return {"familiar": a["familiar"], "tender": a["tender"], "none": a["none"]}


def _region(r: raw.Region) -> RegionEntry:
    return RegionEntry(
        r["id"],
        r["name"],
        tuple(r["synonyms"]),
        r["parent"],
        tuple(r["also_part_of"]),
        r["made_of_parts"],
    )


def _symptom(s: raw.Symptom) -> SymptomEntry:
    return SymptomEntry(
        s["id"],
        s["name"],
        tuple(s["synonyms"]),
        s["question"],
        s["red_flag"],
        s["advice"],
        s["locates"],
    )


def _area_list(a: raw.AreaList) -> AreaListEntry:
    first: Tier = "most-common" if a["kind"] == "most-common" else "primary"
    tiers: dict[str, Tier] = dict.fromkeys(a["primary"], first)
    tiers.update(dict.fromkeys(a["secondary"], "secondary"))
    return AreaListEntry(a["id"], a["kind"], tuple(a["regions"]), tiers, tuple(a["among"]))


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
    return MuscleEntry(
        m["id"],
        m["name"],
        tuple(m["aliases"]),
        {k: strongest_first(v) for k, v in regions.items()},
        {k: tuple(sorted(v, key=lambda s: -s.weight)) for k, v in symptoms.items()},
        _main(regions),
        rules,
        related,
    )


def _main(regions: Mapping[str, list[Support]]) -> Mapping[str, float]:
    """Region -> the likelihood of the muscle's main pattern there: the essential zones of
    its trigger points that are commonly active (`Support.main`)."""
    main: dict[str, float] = {}
    for region, found in regions.items():
        for s in found:
            if s.main:
                main[region] = max(main.get(region, 0.0), s.weight)
    return main


def _zones(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    """Each trigger point's referral zones, weighed by extent and activity (and the
    single-source factor when one independent author states the zone)."""
    for tp in m["trigger_points"]:
        for zone in tp["zones"]:
            activity = zone["activity"] or tp["activity"]
            weight, single = w.sourced(
                w.likelihood[zone["extent"]] * w.activity[activity], zone["sources"]
            )
            yield Support(
                weight,
                "zone",
                zone["region"],
                tp["id"],
                tp["name"],
                zone["extent"],
                activity,
                single_source=single,
                main=zone["extent"] == "essential" and activity in w.pattern_activities,
            )


def _statements(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    """Muscle-level referral statements, weighed by their activity."""
    for st in m["refers_to"]:
        weight, single = w.sourced(
            w.likelihood["statement"] * w.activity[st["activity"]], st["sources"]
        )
        for region in st["regions"]:
            yield Support(weight, "statement", region, single_source=single)


def _condition_regions(m: raw.Muscle, w: Weights) -> Iterator[Support]:
    for cref in m["conditions"]:
        for region in cref["regions"]:
            yield Support(
                w.likelihood["condition"], "condition", region, condition=cref["condition"]
            )


def _symptom_links(m: raw.Muscle, w: Weights) -> Iterable[SymptomSupport]:
    """Direct symptom links first, then symptoms through conditions, in dataset order. A
    plain link's likelihood is at most `symptom_budget` over the muscle's plain links."""
    lk = w.likelihood
    plain = sum(not link["signature"] for link in m["symptoms"])
    share = min(lk["symptom_link"], w.symptom_budget / plain) if plain else lk["symptom_link"]
    for link in m["symptoms"]:
        level = lk["signature_symptom"] if link["signature"] else share
        weight, single = w.sourced(level, link["sources"])
        yield SymptomSupport(weight, link["symptom"], None, link["note"], link["signature"], single)
    for cref in m["conditions"]:
        for sym in cref["symptoms"]:
            yield SymptomSupport(lk["symptom_condition"], sym, cref["condition"], cref["note"])
