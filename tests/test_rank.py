"""The ranking: worked examples and properties that hold for every query."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.catalog import load_catalog
from glutealtp.rank import EmptyQuery, make_query, rank
from glutealtp.results import Query

from .helpers import index_of

INDEX = load_catalog()
REGIONS = sorted(INDEX.regions)
SYMPTOMS = sorted(INDEX.symptoms)
SPELLINGS = {ident: [ident, e.name, *e.synonyms] for ident, e in INDEX.regions.items()}

region_lists = st.lists(st.sampled_from(REGIONS), min_size=1, max_size=6)
symptom_lists = st.lists(st.sampled_from(SYMPTOMS), max_size=4)


def order(regions: list[str], symptoms: list[str] = [], top: int | None = None) -> list[str]:  # noqa: B006
    return [r.muscle for r in rank(INDEX, make_query(INDEX, regions, symptoms), top).results]


def test_buttock_and_hip_ranks_piriformis_first_with_both_regions_explained() -> None:
    ranking = rank(INDEX, make_query(INDEX, ["buttock", "hip"]))
    best = ranking.results[0]
    assert best.muscle == "piriformis"
    assert best.regions_explained == ("buttock", "hip")
    assert {e.id: getattr(e.via[0], "trigger_point", None) for e in best.regions} == {
        "buttock": "piriformis-medial",
        "hip": "piriformis-lateral",
    }


@pytest.mark.xfail(
    strict=True,
    reason=(
        "ranking v2: Dr. Perry names gluteus minimus, QL and piriformis as the muscles that refer"
        " to both the gluteal and hip regions; the short lateral rotators and obturator internus,"
        " which have that pattern only because the sources have not told it apart from"
        " piriformis', now rank above gluteus minimus and QL"
    ),
)
def test_buttock_and_hip_ranks_the_articles_three_first() -> None:
    assert order(["buttock", "hip"])[:3] == ["piriformis", "gluteus-minimus", "quadratus-lumborum"]


def test_low_back_with_sneezing_points_to_ql() -> None:
    assert order(["low-back"], ["sneezing-coughing"])[0] == "quadratus-lumborum"


def test_tailbone_pressure_when_sitting_points_to_gluteus_maximus() -> None:
    # Dr. Perry: gluteal pain while sitting, sometimes focused at the tailbone as pressure.
    assert order(["tailbone"], ["sitting", "tailbone-pressure"])[0] == "gluteus-maximus"


def test_tailbone_when_sitting_points_to_the_pelvic_floor_first() -> None:
    # coccyx.org: in persistent tailbone pain, trigger points are most often found in levator
    # ani, sphincter ani and coccygeus; WebManMed gives coccygeus and levator ani tailbone pain
    # and trouble sitting. Gluteus maximus (Dr. Perry) follows them.
    top = order(["tailbone"], ["sitting"], top=3)
    assert set(top[:2]) == {"coccygeus", "levator-ani"}
    assert top[2] == "gluteus-maximus"


def test_low_back_walking_and_side_lying_point_to_gluteus_medius() -> None:
    assert order(["low-back", "si-joint"], ["walking", "lying-on-painful-side"])[0] == (
        "gluteus-medius"
    )


def test_gluteal_region_covers_its_parts() -> None:
    ranking = rank(INDEX, make_query(INDEX, ["gluteal-region"]))
    inside = INDEX.descendants("gluteal-region")
    assert {r.muscle for r in ranking.results} == {
        m.id for m in INDEX.muscles.values() if not m.regions.keys().isdisjoint(inside)
    }
    gmax = next(r for r in ranking.results if r.muscle == "gluteus-maximus")
    assert gmax.regions_explained == ("gluteal-region",)


def test_specificity_rewards_regions_few_muscles_explain() -> None:
    ranking = rank(INDEX, make_query(INDEX, ["buttock", "sacrum"]))
    best = ranking.results[0]
    assert best.muscle == "gluteus-maximus"
    spec = {e.id: e.specificity for e in best.regions}
    # Fewer muscles refer to the sacrum than to the buttock (no longer every muscle does).
    assert spec["sacrum"] > spec["buttock"] > 1.0


def test_essential_beats_spillover_and_primary_beats_chronic() -> None:
    """Gluteus medius' three trigger points all reach the buttock, each with its own weight."""
    gmed = rank(INDEX, make_query(INDEX, ["buttock"])).results
    via = next(r for r in gmed if r.muscle == "gluteus-medius").regions[0].via
    weights = {getattr(s, "trigger_point", None): s.weight for s in via}
    assert weights["gluteus-medius-medial"] == 1.0  # essential x primary
    assert weights["gluteus-medius-middle"] == 0.6  # essential x chronic
    assert weights["gluteus-medius-lateral"] == 0.3  # spillover x chronic
    hip = {r.muscle: r.regions[0].strength for r in rank(INDEX, make_query(INDEX, ["hip"])).results}
    assert hip["piriformis"] > hip["quadratus-lumborum"]


def test_also_check_comes_from_relations() -> None:
    ql = rank(INDEX, make_query(INDEX, ["low-back"], ["sciatica"])).results
    entry = next(r for r in ql if r.muscle == "quadratus-lumborum")
    also = {(a.muscle, a.relation, a.applies) for a in entry.also_check}
    assert also == {
        ("gluteus-medius", "co-occurs-with", True),
        ("gluteus-minimus", "has-satellite", True),
    }


def test_unexplained_regions_are_reported(raw_copy: dict[str, Any]) -> None:
    # The catalog now reaches the knee, so a region no muscle refers to is made up here.
    raw_copy["regions"].append({"id": "elbow", "name": "Elbow", "sources": ["perry-gluteal-pain"]})
    index = index_of(raw_copy)
    ranking = rank(index, make_query(index, ["elbow", "sacrum"]))
    assert ranking.unexplained_regions == ("elbow",)
    assert [(w.kind, w.id) for w in ranking.warnings] == [("unexplained-region", "elbow")]
    assert ranking.results[0].regions_reported == 2
    assert rank(index, make_query(index, ["elbow"])).results == ()


def test_red_flag_symptom_gives_a_warning_and_no_score() -> None:
    ranking = rank(INDEX, make_query(INDEX, ["buttock"], ["saddle numbness"]))
    assert [w.kind for w in ranking.warnings] == ["red-flag"]
    assert "urgent" in ranking.warnings[0].message
    only_flag = rank(INDEX, make_query(INDEX, [], ["bladder-bowel-loss"]))
    assert only_flag.results == ()
    assert only_flag.warnings[0].id == "bladder-bowel-loss"


def test_empty_query_is_refused() -> None:
    with pytest.raises(EmptyQuery):
        make_query(INDEX, [], [])


def test_json_form_is_plain_data() -> None:
    data = rank(INDEX, make_query(INDEX, ["hip"])).to_dict()
    assert data["schema_version"] == 1
    assert data["query"] == {"regions": ["hip"], "symptoms": []}
    assert data["results"][0]["muscle"] == "piriformis"
    assert json.loads(json.dumps(data)) == data


@given(region_lists, symptom_lists, st.randoms())
def test_order_and_repetition_never_change_the_ranking(
    regions: list[str], symptoms: list[str], rnd: object
) -> None:
    shuffled = [*regions, *regions[:1]]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert rank(INDEX, make_query(INDEX, regions, symptoms)) == rank(
        INDEX, make_query(INDEX, shuffled, list(reversed(symptoms)))
    )


@given(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=4), st.data())
def test_synonyms_and_case_never_change_the_ranking(
    regions: list[str], data: st.DataObject
) -> None:
    spelled = [
        data.draw(st.sampled_from(SPELLINGS[r])).swapcase() if data.draw(st.booleans()) else r
        for r in regions
    ]
    assert make_query(INDEX, spelled) == make_query(INDEX, regions)


@given(region_lists, symptom_lists)
def test_results_are_sorted_explained_and_bounded(regions: list[str], symptoms: list[str]) -> None:
    query = make_query(INDEX, regions, symptoms)
    ranking = rank(INDEX, query)
    scores = [r.score for r in ranking.results]
    assert scores == sorted(scores, reverse=True)
    assert [r.rank for r in ranking.results] == list(range(1, len(scores) + 1))
    for r in ranking.results:
        assert r.score > 0
        assert r.regions or r.symptoms
        assert set(r.regions_explained) <= set(query.regions)
        assert 0 < r.parts.evidence <= 1
        assert INDEX.pattern_fit_floor <= r.parts.pattern_fit <= 1
    explained = {q for r in ranking.results for q in r.regions_explained}
    assert set(ranking.unexplained_regions) == set(query.regions) - explained


@given(region_lists, st.integers(min_value=1, max_value=6))
def test_top_is_a_prefix_of_the_full_ranking(regions: list[str], top: int) -> None:
    full = rank(INDEX, make_query(INDEX, regions))
    cut = rank(INDEX, make_query(INDEX, regions), top=top)
    assert cut.results == full.results[:top]
    assert cut.total_matches == full.total_matches


@settings(max_examples=50)
@given(region_lists, st.sampled_from(REGIONS))
def test_a_region_explained_above_average_never_lowers_the_evidence(
    regions: list[str], extra: str
) -> None:
    """Evidence is a specificity-weighted mean: an item at or above it cannot pull it down."""
    base = {r.muscle: r for r in rank(INDEX, make_query(INDEX, regions)).results}
    more = {r.muscle: r for r in rank(INDEX, make_query(INDEX, [*regions, extra])).results}
    for muscle, before in base.items():
        if extra in regions:
            assert more[muscle].parts == before.parts
            continue
        added = [e for e in more[muscle].regions if e.id == extra]
        if added and added[0].strength >= before.parts.evidence:
            assert more[muscle].parts.evidence >= before.parts.evidence - 1e-4
        elif not added:
            assert more[muscle].parts.evidence < before.parts.evidence


def test_a_parent_region_does_not_fire_rules_about_its_parts() -> None:
    """ "Gluteal region" is not a report of SI joint pain: piriformis' rules need the parts."""
    broad = rank(INDEX, make_query(INDEX, ["gluteal-region", "hip"])).results
    piriformis = next(r for r in broad if r.muscle == "piriformis")
    assert piriformis.rules_met == ()
    assert piriformis.parts.rule_multiplier == 1.0
    assert isinstance(piriformis.parts.rule_multiplier, float)
    gmax = next(r for r in broad if r.muscle == "gluteus-maximus")
    assert gmax.parts.pattern_fit == INDEX.pattern_fit_floor
    exact = rank(INDEX, make_query(INDEX, ["si-joint", "buttock", "hip"])).results[0]
    assert {r.id for r in exact.rules_met} == {"piriformis-confirmed", "piriformis-si-joint-sign"}


def test_pattern_activities_come_from_the_data(raw_copy: dict[str, Any]) -> None:
    raw_copy["scoring"]["pattern_activities"] = ["primary"]
    index = index_of(raw_copy)
    assert index.muscles["gluteus-medius"].essential == {"low-back", "si-joint", "buttock"}
    assert index.muscles["piriformis"].essential == frozenset()
    raw_copy["scoring"]["symptom_link"] = 0.5
    ranking = rank(index_of(raw_copy), make_query(INDEX, [], ["sneezing"]))
    assert ranking.results[0].symptoms[0].strength == 0.5


def test_query_is_normalised() -> None:
    assert make_query(INDEX, ["Hip", "buttock", "hips"], ["Walk"]) == Query(
        ("buttock", "hip"), ("walking",)
    )
