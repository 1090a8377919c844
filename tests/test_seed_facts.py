"""One test per clinical statement of the seed article (and the gluteus minimus reference).

Each test reads the bundled dataset, so a fact lost from data/muscles.json fails here.
"""

from __future__ import annotations

import pytest

from glutealtp.catalog import CatalogIndex
from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.model import Muscle, Region, TriggerPoint
from glutealtp.ranking.rank import make_query, rank

from .helpers import muscle

SEED = "perry-gluteal-pain"


def tp(m: Muscle, ident: str) -> TriggerPoint:
    return next(t for t in m.trigger_points if t.id == ident)


def zones(m: Muscle) -> dict[str, set[str]]:
    """region -> extents over all of the muscle's trigger points."""
    out: dict[str, set[str]] = {}
    for t in m.trigger_points:
        for z in t.zones:
            out.setdefault(z.region, set()).add(z.extent)
    return out


def referred(m: Muscle) -> set[str]:
    """Every region the muscle refers to, by trigger point or muscle-level statement."""
    return set(zones(m)) | {r for st in m.refers_to for r in st.regions}


def gluteal(index: CatalogIndex) -> frozenset[str]:
    return index.descendants("gluteal-region")


def symptom_ids(m: Muscle) -> set[str]:
    return {link.symptom for link in m.symptoms}


def top_ids(index: CatalogIndex, regions: list[str], symptoms: list[str] = []) -> list[str]:  # noqa: B006
    return [r.muscle for r in rank(index, make_query(index, regions, symptoms)).results]


# --- Low back versus gluteal pain: the belt-line -------------------------------------------


def test_belt_line_or_above_is_low_back(model: Catalog, index: CatalogIndex) -> None:
    low_back = next(r for r in model.regions if r.id == "low-back")
    assert low_back.definition is not None and "belt-line" in low_back.definition
    assert SEED in low_back.sources
    assert index.resolve("region", "belt-line") == "low-back"
    assert index.resolve("region", "Lower Back") == "low-back"


def test_below_belt_line_buttock_si_joint_sacrum_is_gluteal(
    model: Catalog, index: CatalogIndex
) -> None:
    region = next(r for r in model.regions if r.id == "gluteal-region")
    assert region.definition is not None and "Below the belt-line" in region.definition
    assert {"buttock", "si-joint", "sacrum", "tailbone", "sits-bone"} <= gluteal(index)
    assert "low-back" not in gluteal(index)


def test_low_back_and_gluteal_pain_are_treated_as_one_disorder(model: Catalog) -> None:
    note = next(n for n in model.notes if n.id == "one-disorder")
    assert SEED in note.sources and "spreads" in note.text


# --- Which muscles refer where --------------------------------------------------------------


def test_gluteus_maximus_is_the_only_muscle_referring_exclusively_to_gluteal_region(
    model: Catalog, index: CatalogIndex
) -> None:
    exclusive = [m.id for m in model.muscles if any(st.exclusive for st in m.refers_to)]
    assert exclusive == ["gluteus-maximus"]
    within = [m.id for m in model.muscles if set(zones(m)) <= gluteal(index)]
    assert within == ["gluteus-maximus"]


@pytest.mark.parametrize("ident", ["quadratus-lumborum", "gluteus-medius"])
def test_ql_and_gluteus_medius_refer_to_gluteal_region_and_low_back(
    model: Catalog, index: CatalogIndex, ident: str
) -> None:
    m = muscle(model, ident)
    assert "low-back" in zones(m)
    assert set(zones(m)) & gluteal(index)
    assert any({"gluteal-region", "low-back"} <= set(st.regions) for st in m.refers_to)


@pytest.mark.parametrize("ident", ["gluteus-minimus", "quadratus-lumborum", "piriformis"])
def test_gluteus_minimus_ql_and_piriformis_refer_to_gluteal_and_hip(
    model: Catalog, ident: str
) -> None:
    m = muscle(model, ident)
    statement = next(st for st in m.refers_to if {"gluteal-region", "hip"} <= set(st.regions))
    assert SEED in statement.sources
    assert "hip" in referred(m)


# --- Quadratus lumborum ---------------------------------------------------------------------


def test_ql_anatomy(model: Catalog) -> None:
    m = muscle(model, "quadratus-lumborum")
    assert "deep within the lower back" in m.location
    assert m.attachments is not None
    for part in ("lowest rib", "lumbar", "pelvic rim"):
        assert part in m.attachments
    assert "Stabilises the spine" in m.function and "either side" in m.function


def test_ql_has_up_to_four_trigger_points_referring_to_low_back_groin_hip_gluteal(
    model: Catalog,
) -> None:
    m = muscle(model, "quadratus-lumborum")
    assert m.max_trigger_points == 4
    assert {"low-back", "groin", "hip", "buttock"} <= set(zones(m))


def test_ql_middle_trigger_points_are_most_responsible_for_gluteal_pain(model: Catalog) -> None:
    middle = tp(muscle(model, "quadratus-lumborum"), "quadratus-lumborum-middle")
    assert "middle" in middle.location
    assert [(z.region, z.extent) for z in middle.zones] == [("buttock", "essential")]


@pytest.mark.parametrize(
    "symptom",
    [
        "upright",  # severe pain with the trunk upright, bracing with the arms
        "deep-one-sided-ache",  # deep ache on one side of the belt-line, no relief
        "moving",
        "sitting",
        "lying-down",
        "lightning-pain-standing",  # lightning-bolt pain that can drop them to their knees
        "sneezing-coughing",
        "unable-to-stand",  # acute: cannot stand, may have to crawl
    ],
)
def test_ql_symptoms(model: Catalog, symptom: str) -> None:
    link = next(s for s in muscle(model, "quadratus-lumborum").symptoms if s.symptom == symptom)
    assert SEED in link.sources


def test_ql_chronic_cases_bring_hip_gluteal_and_groin_pain(model: Catalog) -> None:
    group = tp(muscle(model, "quadratus-lumborum"), "quadratus-lumborum-group")
    by_region = {z.region: z for z in group.zones}
    for region in ("hip", "buttock", "groin"):
        assert by_region[region].activity == "chronic"
    assert by_region["low-back"].activity == "common"


def test_ql_genitals_only_when_very_chronic(model: Catalog) -> None:
    group = tp(muscle(model, "quadratus-lumborum"), "quadratus-lumborum-group")
    genitals = next(z for z in group.zones if z.region == "genitals")
    assert genitals.activity == "very-chronic"
    assert genitals.extent == "spillover"


def test_ql_hip_pain_may_mimic_trochanteric_bursitis(model: Catalog) -> None:
    ref = next(c for c in muscle(model, "quadratus-lumborum").conditions)
    assert (ref.condition, ref.link, ref.regions) == ("trochanteric-bursitis", "mimics", ["hip"])


def test_ql_referred_pain_may_activate_hip_muscle_trigger_points(model: Catalog) -> None:
    note = muscle(model, "quadratus-lumborum").note
    assert note is not None and "hip joint dysfunction" in note


def test_gluteus_minimus_is_a_satellite_of_ql_for_sciatica(model: Catalog) -> None:
    ql = muscle(model, "quadratus-lumborum")
    rel = next(r for r in ql.related if r.muscle == "gluteus-minimus")
    assert (rel.kind, rel.symptoms) == ("has-satellite", ["sciatica"])
    back = next(r for r in muscle(model, "gluteus-minimus").related if r.kind == "satellite-of")
    assert back.muscle == "quadratus-lumborum"


# --- Gluteus maximus -------------------------------------------------------------------------


def test_gluteus_maximus_anatomy_and_function(model: Catalog) -> None:
    m = muscle(model, "gluteus-maximus")
    assert "most of the buttock" in m.location
    for part in ("upright", "jumping", "running", "squatting"):
        assert part in m.function


def test_gluteus_maximus_up_to_three_trigger_points_refer_to_buttock_sacrum_tailbone_sits_bone(
    model: Catalog,
) -> None:
    m = muscle(model, "gluteus-maximus")
    assert m.max_trigger_points == 3
    assert set(zones(m)) == {"buttock", "sacrum", "tailbone", "sits-bone"}


def test_gluteus_maximus_symptoms_sitting_slouched_and_tailbone_pressure(model: Catalog) -> None:
    assert symptom_ids(muscle(model, "gluteus-maximus")) == {
        "sitting",
        "slouched-sitting",
        "tailbone-pressure",
    }


def test_gluteus_maximus_overloaded_by_swimming_martial_arts_weight_lifting(
    model: Catalog,
) -> None:
    m = muscle(model, "gluteus-maximus")
    assert [a.activity for a in m.aggravating] == ["swimming", "martial arts", "weight lifting"]
    assert all(SEED in a.sources for a in m.aggravating)


# --- Gluteus medius ---------------------------------------------------------------------------


def test_gluteus_medius_anatomy_and_function(model: Catalog) -> None:
    m = muscle(model, "gluteus-medius")
    assert "fan-shaped" in m.location and "under gluteus maximus" in m.location
    assert "to the side" in m.function and "walking" in m.function


def test_gluteus_medius_has_medial_middle_and_lateral_trigger_points(model: Catalog) -> None:
    m = muscle(model, "gluteus-medius")
    assert [t.id for t in m.trigger_points] == [
        "gluteus-medius-medial",
        "gluteus-medius-middle",
        "gluteus-medius-lateral",
    ]


def test_gluteus_medius_medial_is_most_active_low_back_si_joint_buttock(model: Catalog) -> None:
    m = muscle(model, "gluteus-medius")
    medial = tp(m, "gluteus-medius-medial")
    assert medial.activity == "primary"
    assert [t.id for t in m.trigger_points if t.activity == "primary"] == [medial.id]
    by_region = {z.region: z for z in medial.zones}
    for region in ("low-back", "si-joint", "buttock"):
        assert SEED in by_region[region].sources, region
    # The sacrum comes from other sources (facts-v3, T10), put on the medial point by assumption.
    assert set(by_region) == {"low-back", "si-joint", "buttock", "sacrum"}
    assert SEED not in by_region["sacrum"].sources and by_region["sacrum"].assumption


def test_gluteus_medius_middle_and_lateral_are_chronic_buttock_and_low_back(
    model: Catalog,
) -> None:
    m = muscle(model, "gluteus-medius")
    middle, lateral = tp(m, "gluteus-medius-middle"), tp(m, "gluteus-medius-lateral")
    assert middle.activity == lateral.activity == "chronic"
    assert [(z.region, z.extent) for z in middle.zones] == [("buttock", "essential")]
    assert ("low-back", "essential") in [(z.region, z.extent) for z in lateral.zones]


def test_all_gluteus_medius_trigger_points_produce_gluteal_pain(model: Catalog) -> None:
    for t in muscle(model, "gluteus-medius").trigger_points:
        assert "buttock" in {z.region for z in t.zones}, t.id


def test_gluteus_medius_symptoms_walking_and_lying_on_painful_side(model: Catalog) -> None:
    assert symptom_ids(muscle(model, "gluteus-medius")) == {"walking", "lying-on-painful-side"}


def test_gluteus_medius_and_ql_go_hand_in_hand(model: Catalog) -> None:
    for a, b in (
        ("gluteus-medius", "quadratus-lumborum"),
        ("quadratus-lumborum", "gluteus-medius"),
    ):
        rel = next(r for r in muscle(model, a).related if r.muscle == b)
        assert rel.kind == "co-occurs-with" and SEED in rel.sources


# --- Piriformis -------------------------------------------------------------------------------


def test_piriformis_anatomy_and_function(model: Catalog) -> None:
    m = muscle(model, "piriformis")
    assert "deep in the buttock" in m.location and "sciatic nerve" in m.location
    assert "Rotates the thigh" in m.function and "hip joint during walking" in m.function


def test_piriformis_has_two_trigger_points(model: Catalog) -> None:
    m = muscle(model, "piriformis")
    assert m.max_trigger_points == 2 == len(m.trigger_points)


def test_piriformis_outside_trigger_point_refers_mainly_to_hip(model: Catalog) -> None:
    outside = tp(muscle(model, "piriformis"), "piriformis-lateral")
    hip = next(z for z in outside.zones if z.region == "hip")
    assert (hip.extent, hip.basis, hip.sources) == ("essential", "named-main", [SEED])
    assert hip.note is not None and "primarily" in hip.note
    # Only the outside point has the article's hip zone; both have the back of the hip from
    # MedLink's Travell & Simons caption (facts-v3 section 11).
    inside = tp(muscle(model, "piriformis"), "piriformis-medial")
    assert "hip" not in {z.region for z in inside.zones}


def test_piriformis_both_trigger_points_give_buttock_pain(model: Catalog) -> None:
    for t in muscle(model, "piriformis").trigger_points:
        assert "buttock" in {z.region for z in t.zones}


def test_piriformis_si_joint_pain_is_a_good_sign(model: Catalog) -> None:
    rule = next(r for r in muscle(model, "piriformis").rules if r.id == "piriformis-si-joint-sign")
    assert (rule.kind, rule.regions) == ("suggests", ["si-joint"])


def test_piriformis_confirmed_by_si_joint_buttock_and_hip(
    model: Catalog, index: CatalogIndex
) -> None:
    rule = next(r for r in muscle(model, "piriformis").rules if r.kind == "confirms")
    assert set(rule.regions) == {"si-joint", "buttock", "hip"}
    ranking = rank(index, make_query(index, ["SI joint", "buttock", "hip"]))
    best = ranking.results[0]
    assert best.muscle == "piriformis"
    assert "piriformis-confirmed" in {r.id for r in best.rules_met}
    partial = rank(index, make_query(index, ["buttock", "hip"])).results[0]
    assert "piriformis-confirmed" not in {r.id for r in partial.rules_met}


def test_piriformis_syndrome_symptoms(model: Catalog) -> None:
    ref = next(c for c in muscle(model, "piriformis").conditions)
    assert (ref.condition, ref.link) == ("piriformis-syndrome", "may-cause")
    assert set(ref.regions) == {"buttock", "back-of-leg", "groin"}
    assert set(ref.symptoms) == {"sciatica", "leg-numbness", "leg-swelling", "sexual-dysfunction"}


def test_most_piriformis_patients_do_not_have_piriformis_syndrome(model: Catalog) -> None:
    note = muscle(model, "piriformis").note
    assert note is not None and "do not have piriformis syndrome" in note


def test_sciatica_means_treating_piriformis_and_gluteus_minimus(
    model: Catalog, index: CatalogIndex
) -> None:
    for a, b in (("piriformis", "gluteus-minimus"), ("gluteus-minimus", "piriformis")):
        rel = next(r for r in muscle(model, a).related if r.muscle == b)
        assert (rel.kind, rel.symptoms) == ("treated-together", ["sciatica"])
        assert any(r.symptoms == ["sciatica"] for r in muscle(model, a).rules)
    assert set(top_ids(index, ["buttock"], ["sciatica"])[:2]) == {"piriformis", "gluteus-minimus"}


# --- Gluteus minimus (from the reference, not the seed) ---------------------------------------

GMIN_REF = "painfreehealth-gluteus-minimus"


def test_gluteus_minimus_anatomy_from_references(model: Catalog) -> None:
    m = muscle(model, "gluteus-minimus")
    assert "deepest and smallest" in m.location
    assert m.attachments is not None and "greater trochanter" in m.attachments
    assert "massagetoday-14414" in m.sources and SEED not in m.sources


def test_gluteus_minimus_anterior_refers_lower_lateral_buttock_and_side_of_leg(
    model: Catalog,
) -> None:
    """Niel-Asher calls the pain in the lower buttock, hip and lateral lower limb 'strong', so
    the leg is essential too (facts-v3, T2); the parts of the leg it names are zones too."""
    t = tp(muscle(model, "gluteus-minimus"), "gluteus-minimus-anterior")
    assert [(z.region, z.extent, z.basis) for z in t.zones] == [
        ("buttock", "essential", "named-main"),
        ("hip", "essential", "named-main"),
        ("side-of-leg", "essential", "named-main"),
        ("outer-thigh", "essential", "sources"),
        ("knee", "essential", "sources"),
    ]
    assert all(GMIN_REF in z.sources for z in t.zones if z.region != "hip")
    hip = next(z for z in t.zones if z.region == "hip")
    assert SEED in hip.sources and hip.assumption


def test_gluteus_minimus_posterior_refers_lower_medial_buttock_and_back_of_leg(
    model: Catalog,
) -> None:
    t = tp(muscle(model, "gluteus-minimus"), "gluteus-minimus-posterior")
    assert [(z.region, z.extent, z.basis) for z in t.zones] == [
        ("buttock", "essential", "named-main"),
        ("hip", "essential", "named-main"),
        ("back-of-leg", "essential", "sources"),
        ("back-of-thigh", "essential", "sources"),
        ("calf", "essential", "sources"),
    ]
    assert all(GMIN_REF in z.sources for z in t.zones if z.region != "hip")


def test_gluteus_minimus_mimics_sciatica_and_its_aggravators(model: Catalog) -> None:
    m = muscle(model, "gluteus-minimus")
    assert {
        "sciatica",
        "rising-from-chair",
        "walking",
        "lying-on-painful-side",
        "crossed-legs",
    } == (symptom_ids(m))
    assert any(c.condition == "sciatica" and c.link == "mimics" for c in m.conditions)


# --- Vocabulary and provenance ---------------------------------------------------------------


def test_required_ids_exist(index: CatalogIndex) -> None:
    # The article's five muscles; the catalog holds more, from the reference fact sheets.
    assert set(index.muscles) >= {
        "quadratus-lumborum",
        "gluteus-maximus",
        "gluteus-medius",
        "gluteus-minimus",
        "piriformis",
    }
    assert {
        "buttock",
        "si-joint",
        "sacrum",
        "tailbone",
        "sits-bone",
        "hip",
        "low-back",
        "groin",
        "genitals",
        "back-of-leg",
        "side-of-leg",
    } <= set(index.regions)


ONTOLOGY = {
    "buttock": ["UBERON:0013691", "FMA:25245"],
    "hip": ["UBERON:0001464", "FMA:24964"],
    "low-back": ["UBERON:0005462", "FMA:61681"],
    "si-joint": ["UBERON:0001365", "FMA:21440"],
    "sacrum": ["UBERON:0005473", "FMA:24228"],
    "tailbone": ["UBERON:0001350", "FMA:20229"],
    "groin": ["UBERON:0008337", "FMA:24040"],
    "sits-bone": ["UBERON:0034983", "FMA:17010"],
    "genitals": [],
    "back-of-leg": [],
    "side-of-leg": [],
    "quadratus-lumborum": ["UBERON:0001220", "FMA:15569"],
    "gluteus-maximus": ["UBERON:0001370", "FMA:22314"],
    "gluteus-medius": ["UBERON:0001371", "FMA:22315"],
    "gluteus-minimus": ["UBERON:0008521", "FMA:22317"],
    "piriformis": ["UBERON:0008529", "FMA:19082"],
}


@pytest.mark.parametrize(("ident", "xrefs"), ONTOLOGY.items())
def test_ontology_cross_references_match_the_reference(
    model: Catalog, ident: str, xrefs: list[str]
) -> None:
    entries: list[Region | Muscle] = [*model.regions, *model.muscles]
    entry = next(e for e in entries if e.id == ident)
    assert entry.xrefs == xrefs
    if xrefs:
        assert "ontology-ids" in entry.sources


@pytest.mark.parametrize(
    "ident", ["bladder-bowel-loss", "saddle-numbness", "progressive-leg-weakness"]
)
def test_red_flags_carry_urgent_advice(model: Catalog, ident: str) -> None:
    s = next(s for s in model.symptoms if s.id == ident)
    assert s.red_flag and s.advice is not None and "urgent" in s.advice


def test_the_red_flags_are_cited_to_public_clinical_guidance(model: Catalog) -> None:
    kinds = {s.id: s.kind for s in model.sources}
    assert kinds[SEED] == "article"
    guidance = {k for k, v in kinds.items() if v == "guidance"}
    red_flag_guidance = {"northern-trust-low-back-pain", "royal-free-cauda-equina"}
    assert {*red_flag_guidance, "healthify-sciatica"} <= guidance
    # The other guidance pages are the self-care safety lines before pressing (`check`).
    safety = {s for note in model.press_safety for s in note.sources}
    assert guidance - {*red_flag_guidance, "healthify-sciatica"} <= safety
    for s in model.symptoms:
        assert s.red_flag == bool(red_flag_guidance & set(s.sources)), s.id
        if s.red_flag:
            assert "urgent" in (s.advice or "")
