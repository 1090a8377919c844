"""The ranking: the model's arithmetic on worked examples, and properties that hold for
every query. The clinical order itself is measured on the sourced cases (tests/cases/)."""

from __future__ import annotations

import json
import math
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from glutealtp.catalog import CatalogIndex
from glutealtp.ranking.memo import RankCache, memo_of
from glutealtp.ranking.rank import Contradiction, EmptyQuery, make_query, rank, rank_among, ranked
from glutealtp.ranking.results import Query, Ranking

from .helpers import BUNDLED, dataset, index_of, raw_muscle

REGIONS = sorted(BUNDLED.regions)
SYMPTOMS = sorted(s for s, e in BUNDLED.symptoms.items() if not e.red_flag)
ITEMS = [*REGIONS, *SYMPTOMS]
SPELLINGS = {ident: [ident, e.name, *e.synonyms] for ident, e in BUNDLED.regions.items()}

region_lists = st.lists(st.sampled_from(REGIONS), min_size=1, max_size=6)
symptom_lists = st.lists(st.sampled_from(SYMPTOMS), max_size=4)


def query(regions: list[str], symptoms: list[str] = [], absent: list[str] = []) -> Query:  # noqa: B006
    return make_query(BUNDLED, regions, symptoms, absent)


def scores(ranking: Ranking) -> dict[str, float]:
    return {r.muscle: r.score for r in ranking.results}


def consistent(q: Query) -> bool:
    """Whether no absent item contradicts a present one."""
    try:
        make_query(BUNDLED, q.regions, q.symptoms, q.absent)
    except Contradiction:
        return False
    return True


# --- The model on worked examples -------------------------------------------------------


def test_a_score_is_the_odds_per_item_over_the_scale() -> None:
    """score = 100 x (product of the item terms) ^ (1 / items) / scale, and the parts
    multiply back to it."""
    for q in (query(["buttock", "hip"]), query(["low-back"], ["sneezing-coughing"])):
        for r in rank(BUNDLED, q).results:
            p = r.parts
            expected = 100 * p.likelihood * p.commonness * p.against_factor / p.scale
            assert r.score == pytest.approx(min(100.0, expected), abs=0.1), r.muscle


def test_an_essential_zone_outweighs_a_spillover_one_and_activity_scales_both() -> None:
    """Gluteus medius's trigger points all reach the buttock, each weighed by extent x
    activity x the single-source factor; its evidence is the strongest, with the leak."""
    sc = dataset()["scoring"]
    lk, act = sc["likelihood"], sc["activity"]
    gmed = next(
        r for r in rank(BUNDLED, query(["buttock"])).results if r.muscle == "gluteus-medius"
    )
    via = gmed.region_evidence[0].via
    zones = [s for s in via if s.kind == "zone"]
    assert zones
    for s in zones:
        assert s.extent is not None and s.activity is not None
        level = lk[s.extent] * act[s.activity]
        assert s.weight == pytest.approx(level * (sc["single_source"] if s.single_source else 1))
    strongest = max(s.weight for s in via)
    leak = lk["region_leak"]
    assert gmed.region_evidence[0].likelihood == pytest.approx(1 - (1 - leak) * (1 - strongest))


def test_a_zone_on_part_of_a_region_covers_only_that_part() -> None:
    """Soleus refers to the calf, one of the three parts of the back of the leg: reported as
    the back of the leg, its zone covers a third of it."""
    ranking = rank(BUNDLED, query(["back-of-leg"]))
    soleus = next(r for r in ranking.results if r.muscle == "soleus")
    parts = BUNDLED.children("back-of-leg")
    assert soleus.region_evidence[0].coverage == pytest.approx(1 / len(parts))
    calf = next(r for r in rank(BUNDLED, query(["calf"])).results if r.muscle == "soleus")
    assert calf.region_evidence[0].coverage == 1.0
    assert calf.score > soleus.score


def test_a_condition_counts_only_where_no_muscle_refers_directly() -> None:
    """Piriformis reaches the groin only through piriformis syndrome; other muscles refer
    there directly, so the link is shown apart and never scores."""
    ranking = rank(BUNDLED, query(["groin"]))
    assert "piriformis" not in scores(ranking)
    linked = {a.muscle: a for a in ranking.also_linked}
    assert linked["piriformis"].region_evidence[0].via[0].kind == "condition"


def test_a_muscle_that_explains_no_reported_place_is_listed_apart() -> None:
    """Pelvic-floor pain worse sitting: the hamstrings hurt sitting but do not refer to the
    pelvic floor, so they are no candidate (new-user finding N16)."""
    ranking = rank(BUNDLED, query(["pelvic-floor"], ["sitting"]))
    assert all(r.regions_explained for r in ranking.results)
    assert "biceps-femoris" in {a.muscle for a in ranking.also_linked}


def test_numbness_down_the_leg_says_to_have_a_nerve_assessed() -> None:
    ranking = rank(BUNDLED, query(["back-of-leg"], ["leg-numbness"]))
    assess = [w for w in ranking.warnings if w.kind == "assess"]
    assert len(assess) == 1 and "nerve" in assess[0].message


def test_also_check_comes_from_relations() -> None:
    ql = rank(BUNDLED, query(["low-back"], ["sciatica"])).results
    entry = next(r for r in ql if r.muscle == "quadratus-lumborum")
    also = {(a.muscle, a.relation, a.applies) for a in entry.also_check}
    assert ("gluteus-minimus", "has-satellite", True) in also


def test_unexplained_regions_are_reported(raw_copy: dict[str, Any]) -> None:
    raw_copy["regions"].append({"id": "elbow", "name": "Elbow", "sources": ["perry-gluteal-pain"]})
    index = index_of(raw_copy)
    ranking = rank(index, make_query(index, ["elbow", "sacrum"]))
    assert ranking.unexplained_regions == ("elbow",)
    assert [(w.kind, w.id) for w in ranking.warnings] == [("unexplained-region", "elbow")]
    assert ranking.results[0].regions_reported == 2
    assert rank(index, make_query(index, ["elbow"])).results == ()


def test_red_flag_symptom_gives_a_warning_and_no_score() -> None:
    ranking = rank(BUNDLED, make_query(BUNDLED, ["buttock"], ["saddle numbness"]))
    assert [w.kind for w in ranking.warnings] == ["red-flag"]
    assert "urgent" in ranking.warnings[0].message
    only_flag = rank(BUNDLED, make_query(BUNDLED, [], ["bladder-bowel-loss"]))
    assert only_flag.results == ()
    assert only_flag.warnings[0].id == "bladder-bowel-loss"


def test_empty_query_is_refused() -> None:
    with pytest.raises(EmptyQuery):
        make_query(BUNDLED, [], [])
    with pytest.raises(EmptyQuery):
        make_query(BUNDLED, [], [], ["hip"])


def test_contradictions_are_refused() -> None:
    with pytest.raises(Contradiction, match="both as present and as absent"):
        query(["hip"], [], ["hip"])
    with pytest.raises(Contradiction, match="part of it"):
        query(["calf"], [], ["leg"])
    with pytest.raises(Contradiction):
        rank(BUNDLED, Query(("hip",), (), ("hip",)))
    assert query(["leg"], [], ["calf"]).absent == ("calf",)  # no pain in one part: fine


def test_an_absent_name_may_be_a_region_or_a_symptom() -> None:
    assert query(["buttock"], [], ["Hips", "worse when sitting"]).absent == ("hip", "sitting")


def test_json_form_is_plain_data() -> None:
    data = rank(BUNDLED, query(["hip"], [], ["sitting"])).to_dict()
    assert data["schema_version"] == 2
    asked = {
        "regions": ["hip"],
        "symptoms": [],
        "absent": ["sitting"],
        "side": None,
        "pressed": [],
    }
    assert data["query"] == asked
    assert json.loads(json.dumps(data)) == data


def test_query_is_normalised() -> None:
    assert make_query(BUNDLED, ["Hip", "buttock", "hips"], ["Walk"]) == Query(
        ("buttock", "hip"), ("walking",)
    )


# --- Near-ties ----------------------------------------------------------------------------


def _group_ranks(ranking: Ranking) -> list[tuple[int, bool]]:
    """Each result's rank and tie by the definition: a result within the near-tie odds ratio
    of the first of its group shares its rank; odds ratio = score ratio ^ present items."""
    n = len(ranking.query.regions) + sum(
        not BUNDLED.symptoms[s].red_flag for s in ranking.query.symptoms
    )
    limit = math.log(BUNDLED.scoring.near_tie)
    out: list[tuple[int, bool]] = []
    head = 0
    results = ranking.results
    for i, r in enumerate(results):
        if i and not _near(results[head].score, r.score, n, limit):
            head = i
        out.append((head + 1, False))
    sizes = {rank: [x for x, _ in out].count(rank) for rank, _ in out}
    return [(rank, sizes[rank] > 1) for rank, _ in out]


def _near(head: float, score: float, n: int, limit: float) -> bool:
    if score <= 0:
        return head <= 0
    return n * math.log(head / score) < limit


@given(region_lists, symptom_lists)
def test_near_equal_results_share_a_rank(regions: list[str], symptoms: list[str]) -> None:
    ranking = rank(BUNDLED, query(regions, symptoms))
    assert [(r.rank, r.tied) for r in ranking.results] == _group_ranks(ranking)


@given(region_lists, symptom_lists, st.integers(1, 8))
def test_top_keeps_the_ranks_and_ties_of_the_full_ranking(
    regions: list[str], symptoms: list[str], top: int
) -> None:
    full = rank(BUNDLED, query(regions, symptoms))
    cut = rank(BUNDLED, query(regions, symptoms), top=top)
    assert cut.results == full.results[:top]
    assert cut.total_matches == full.total_matches


def test_one_clear_leader_is_a_best_match_and_a_near_tie_is_a_group() -> None:
    sciatica = rank(BUNDLED, query([], ["sciatica"])).results
    # Dr. Perry always treats piriformis along with gluteus minimus for sciatica.
    assert {r.muscle for r in sciatica if r.rank == 1} >= {"piriformis", "gluteus-minimus"}
    assert all(r.tied for r in sciatica if r.rank == 1)


# --- Properties ---------------------------------------------------------------------------


@given(region_lists, symptom_lists, st.randoms())
def test_order_and_repetition_never_change_the_ranking(
    regions: list[str], symptoms: list[str], rnd: object
) -> None:
    shuffled = [*regions, *regions[:1]]
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert rank(BUNDLED, query(regions, symptoms)) == rank(
        BUNDLED, query(shuffled, list(reversed(symptoms)))
    )


@given(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=4), st.data())
def test_synonyms_and_case_never_change_the_ranking(
    regions: list[str], data: st.DataObject
) -> None:
    spelled = [
        data.draw(st.sampled_from(SPELLINGS[r])).swapcase() if data.draw(st.booleans()) else r
        for r in regions
    ]
    assert make_query(BUNDLED, spelled) == make_query(BUNDLED, regions)


@given(region_lists, symptom_lists, st.lists(st.sampled_from(ITEMS), max_size=4))
def test_results_are_sorted_finite_and_bounded(
    regions: list[str], symptoms: list[str], absent: list[str]
) -> None:
    q = Query(tuple(sorted(set(regions))), tuple(sorted(set(symptoms))), tuple(sorted(set(absent))))
    assume(consistent(q))
    ranking = rank(BUNDLED, q)
    values = [r.score for r in ranking.results]
    assert values == sorted(values, reverse=True)
    fits = {"strong": 2, "moderate": 1, "weak": 0}
    words = [fits[r.fit] for r in ranking.results]
    assert words == sorted(words, reverse=True)  # a higher score never has a weaker word
    for r in ranking.results:
        assert math.isfinite(r.score) and 0 <= r.score <= 100
        assert (
            r.regions_explained
            or any(BUNDLED.symptoms[s.id].locates for s in r.symptom_evidence)
            or (not q.regions and r.symptom_evidence)
        )
        assert set(r.regions_explained) <= set(q.regions)
        for part in r.parts:
            assert math.isfinite(part) and part > 0
        shares = [(e.likelihood, e.coverage) for e in r.region_evidence]
        shares += [(e.likelihood, e.coverage) for e in r.symptom_evidence]
        for likelihood, coverage in shares:
            assert 0 < likelihood < 1 and 0 < coverage <= 1
        for a in r.against:
            assert 0 < a.factor <= 1
    explained = {x for r in ranking.results for x in r.regions_explained}
    assert set(ranking.unexplained_regions) <= set(q.regions) - explained


@settings(max_examples=80)
@given(region_lists, symptom_lists, st.lists(st.sampled_from(ITEMS), max_size=3), st.data())
def test_saying_no_to_an_item_never_raises_a_muscle(
    regions: list[str], symptoms: list[str], absent: list[str], data: st.DataObject
) -> None:
    """By the definition of an essential zone, its absence is evidence against the muscle:
    an item answered no never raises any muscle's score, and lowers every muscle whose
    trigger points give it at essential strength."""
    before_q = Query(
        tuple(sorted(set(regions))), tuple(sorted(set(symptoms))), tuple(sorted(set(absent)))
    )
    extra = data.draw(st.sampled_from(ITEMS))
    after_q = before_q._replace(absent=tuple(sorted({*absent, extra})))
    assume(consistent(after_q))
    before, after = scores(rank(BUNDLED, before_q)), scores(rank(BUNDLED, after_q))
    assert set(after) == set(before)
    for muscle, score in after.items():
        assert score <= before[muscle], muscle


def test_an_absent_essential_zone_lowers_its_muscle() -> None:
    with_hip = scores(rank(BUNDLED, query(["buttock"])))
    no_hip = rank(BUNDLED, query(["buttock"], [], ["hip"]))
    piriformis = next(r for r in no_hip.results if r.muscle == "piriformis")
    assert any(a.kind == "absent-region" and a.id == "hip" for a in piriformis.against)
    assert piriformis.score < with_hip["piriformis"]


def test_the_fact_shown_for_a_region_is_the_one_that_covers_it() -> None:
    """Vastus lateralis refers around the kneecap (a zone on the knee) and to the back of the
    knee (as strong a zone, on a part): for knee pain the knee zone gives its cover, so the
    screen names that one, not the back of the knee."""
    result = next(
        r for r in rank(BUNDLED, query(["knee"])).results if r.muscle == "vastus-lateralis"
    )
    [evidence] = result.region_evidence
    assert evidence.coverage == 1.0
    assert evidence.via[0].region == "knee"
    assert any(
        f.region == "back-of-knee" and f.weight >= evidence.via[0].weight for f in evidence.via
    )


def test_a_no_to_one_part_counts_against_a_zone_on_the_whole_region_at_its_share() -> None:
    """Piriformis refers to the hip as a whole (Dr. Perry) and to the back of the hip: a "no"
    to the front of the hip, one of the hip's three parts, counts against its hip zone at a
    third of its likelihood; a "no" to the whole hip counts its strongest zone in full."""
    whole, front = (
        next(
            a
            for r in rank(BUNDLED, query(["buttock"], [], [absent])).results
            if r.muscle == "piriformis"
            for a in r.against
            if a.id == absent
        )
        for absent in ("hip", "front-of-hip")
    )
    hip_zone = max(
        s.weight for s in BUNDLED.muscles["piriformis"].regions["hip"] if s.kind == "zone"
    )
    assert BUNDLED.children("hip") == ["side-of-hip", "front-of-hip", "back-of-hip"]
    assert front.likelihood == pytest.approx(hip_zone / 3, abs=1e-6)
    assert whole.likelihood > hip_zone / 3
    assert front.factor == pytest.approx(1 - hip_zone / 3, abs=1e-6)


def test_a_part_of_two_wider_regions_takes_its_share_of_each() -> None:
    """The back of the knee is half of the knee (which holds nothing else) and a third of
    the back of the leg. Gluteus minimus has a main zone on each; with its knee zone made
    chronic, it is the weaker fact but the larger share: 0.765 x 1/2 beats 0.855 x 1/3, so
    the "no" counts the knee zone's half, not the back of the leg's third for both."""
    data = dataset()
    muscle = raw_muscle(data, "gluteus-minimus")
    for tp in muscle["trigger_points"]:
        for z in tp["zones"]:
            if z["region"] == "knee":
                z["activity"] = "chronic"
    for st_ in muscle["refers_to"]:
        st_["regions"] = [r for r in st_["regions"] if r != "knee"] or ["hip"]
    index = index_of(data)
    facts = index.muscles["gluteus-minimus"].regions
    knee = max(s.weight for s in facts["knee"] if s.kind == "zone")
    leg = max(s.weight for s in facts["back-of-leg"] if s.kind == "zone")
    assert leg > knee and knee / 2 > leg / 3
    ranking = rank(index, query(["buttock"], [], ["back-of-knee"]))
    result = next(r for r in ranking.results if r.muscle == "gluteus-minimus")
    [against] = [a for a in result.against if a.id == "back-of-knee"]
    assert against.likelihood == pytest.approx(knee / 2, abs=1e-6)


@settings(max_examples=80)
@given(region_lists, symptom_lists, st.sampled_from(ITEMS))
def test_adding_an_item_a_muscle_explains_never_moves_it_below_one_that_does_not(
    regions: list[str], symptoms: list[str], extra: str
) -> None:
    """Reporting one more thing muscle A explains, and muscle B does not, never puts B
    above A if A was at least level with B before."""
    is_region = extra in BUNDLED.regions
    before = scores(rank(BUNDLED, query(regions, symptoms)))
    after_query = query(
        [*regions, extra] if is_region else regions,
        symptoms if is_region else [*symptoms, extra],
    )
    after = {r.muscle: r for r in rank(BUNDLED, after_query).results}
    explains = {
        m for m, r in after.items() if extra in {*r.regions_explained, *r.symptoms_explained}
    }
    for a in explains & set(before):
        for b in (set(before) & set(after)) - explains:
            if before[a] >= before[b]:
                assert after[a].score >= after[b].score, (a, b)


def _zone_parts() -> list[tuple[str, str, str]]:
    """(muscle, a region one of its zones names, a part of that region no fact of the
    muscle names, nor any region inside it)."""
    found = []
    for m in BUNDLED.muscles.values():
        for region, supports in m.regions.items():
            if not any(s.kind == "zone" for s in supports):
                continue
            for part in sorted(BUNDLED.descendants(region) - {region}):
                if m.regions.keys().isdisjoint(BUNDLED.descendants(part)):
                    found.append((m.id, region, part))
    return found


ZONE_PARTS = _zone_parts()


@settings(max_examples=80)
@given(st.sampled_from(ZONE_PARTS), symptom_lists)
def test_a_part_never_scores_a_muscle_above_the_region_its_zone_is_on(
    triple: tuple[str, str, str], symptoms: list[str]
) -> None:
    """A zone on a region covers each of its parts as it covers the region; reporting the
    region the zone names is never worse for the muscle than reporting a part of it that
    only that zone covers (rules aside: a rule may name the part itself)."""
    muscle, region, part = triple
    whole = next(r for r in rank(BUNDLED, query([region], symptoms)).results if r.muscle == muscle)
    inside = next(r for r in rank(BUNDLED, query([part], symptoms)).results if r.muscle == muscle)
    if whole.rules_met or inside.rules_met:
        return
    assert inside.score <= whole.score


def test_there_are_zones_with_parts_to_check() -> None:
    assert len(ZONE_PARTS) > 20


@given(region_lists, symptom_lists, st.sets(st.sampled_from(sorted(BUNDLED.muscles))))
def test_ranking_among_some_muscles_scores_them_as_the_full_ranking_does(
    regions: list[str], symptoms: list[str], among: set[str]
) -> None:
    """What the next question relies on: a muscle's score does not depend on which other
    muscles are scored."""
    q = query(regions, symptoms)
    full = scores(rank(BUNDLED, q))
    some = scores(rank_among(BUNDLED, q, among))
    assert some == {m: s for m, s in full.items() if m in among}


def _reading() -> CatalogIndex:
    """The bundled catalog, but with a muscle that reads regions it does not explain:
    gluteus minimus with a rule on the leg (so the front of the thigh meets it)."""
    data = dataset()
    muscle = raw_muscle(data, "gluteus-minimus")
    rule = {**muscle["rules"][0], "id": "gluteus-minimus-leg", "symptoms": []}
    muscle["rules"].append({**rule, "regions": ["leg"]})
    return index_of(data)


@pytest.mark.parametrize("index", [BUNDLED, _reading()], ids=["bundled", "reading"])
@settings(max_examples=40)
@given(
    st.lists(st.sampled_from(ITEMS), min_size=1, max_size=4, unique=True),
    st.lists(st.sampled_from(ITEMS), max_size=2, unique=True),
)
def test_a_ranking_is_the_same_whatever_was_ranked_before(
    index: CatalogIndex, items: list[str], absent: list[str]
) -> None:
    """Each muscle's result is kept per view of a query (the items it explains and those it
    reads, and how many were reported) and reused by any query with the same view. Queries
    that differ in one item share most views: each must rank as it would on its own."""
    made = []
    for names in ([*items[:-1], swap] for swap in ITEMS):
        regions = [i for i in names if i in index.regions]
        symptoms = [i for i in names if i not in index.regions]
        absent_here = [a for a in absent if a not in names]
        try:
            made.append(make_query(index, regions, symptoms, absent_here))
        except Contradiction:
            continue
    after_the_others = [rank(index, q) for q in made]
    for q, expected in zip(made, after_the_others, strict=True):
        memo_of(index).views.clear()
        assert rank(index, q) == expected


@settings(max_examples=60)
@given(
    st.lists(st.sampled_from(REGIONS), min_size=8, max_size=20, unique=True),
    st.lists(st.sampled_from(SYMPTOMS), min_size=5, max_size=15, unique=True),
    st.sets(st.sampled_from(sorted(BUNDLED.muscles)), min_size=1),
)
def test_a_query_of_many_items_ranks_as_if_its_views_were_kept(
    regions: list[str], symptoms: list[str], among: set[str]
) -> None:
    """A query of more items than `RankCache.MAX_KEPT_ITEMS` keeps no views: its muscles are
    scored for it alone, to the same results."""
    q = query(regions, symptoms)
    alone, some = rank(BUNDLED, q), rank_among(BUNDLED, q, among)
    with patch.object(RankCache, "MAX_KEPT_ITEMS", 1_000):
        kept, kept_some = rank(BUNDLED, q), rank_among(BUNDLED, q, among)
    memo_of(BUNDLED).views.clear()
    assert ranked(BUNDLED, q).kept is False
    assert alone == kept
    assert some == kept_some
