"""The dataset contract: the bundled data validates, and each kind of fault is named by path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.load import CatalogError, load_catalog, validate

from .helpers import raw_muscle, write_dataset


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(CatalogError) as info:
        validate(data, "test")
    return info.value.problems


def test_bundled_dataset_validates(model: Catalog) -> None:
    # The article's 5 muscles and the 21 of the reference fact sheets.
    assert len(model.muscles) == 26


def test_models_are_frozen(model: Catalog) -> None:
    with pytest.raises(ValueError, match="frozen"):
        model.muscles[0].name = "x"


def test_unknown_field_is_rejected_with_its_path(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][1]["colour"] = "red"
    assert problems(raw_copy) == ["$.muscles[1].colour: Extra inputs are not permitted"]


def test_missing_field_is_named(raw_copy: dict[str, Any]) -> None:
    del raw_copy["muscles"][0]["trigger_points"][0]["zones"][0]["extent"]
    assert problems(raw_copy) == ["$.muscles[0].trigger_points[0].zones[0].extent: Field required"]


def test_wrong_type_is_named(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][2]["max_trigger_points"] = "three"
    [problem] = problems(raw_copy)
    assert problem.startswith("$.muscles[2].max_trigger_points: ")


def test_id_must_be_kebab_case(raw_copy: dict[str, Any]) -> None:
    raw_copy["regions"][1]["id"] = "Buttock Area"
    assert any(p.startswith("$.regions[1].id: String should match") for p in problems(raw_copy))


def test_dangling_region_reference(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][0]["trigger_points"][0]["zones"][0]["region"] = "elbow"
    assert problems(raw_copy) == [
        "$.muscles[0].trigger_points[0].zones[0].region: unknown region id 'elbow'"
    ]


def test_dangling_source_muscle_and_symptom(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][0]["symptoms"][0]["sources"] = ["blog"]
    raw_copy["muscles"][0]["related"][0]["muscle"] = "biceps"
    raw_copy["muscles"][4]["rules"][2]["symptoms"] = ["hiccups"]
    assert problems(raw_copy) == [
        "$.muscles[0].symptoms[0].sources[0]: unknown source id 'blog'",
        "$.muscles[0].related[0].muscle: unknown muscle id 'biceps'",
        "$.muscles[4].rules[2].symptoms[0]: unknown symptom id 'hiccups'",
    ]


def test_duplicate_ids(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][1]["id"] = "quadratus-lumborum"
    raw_copy["muscles"][1]["aliases"] = []
    raw_copy["muscles"][1]["name"] = "Another"
    found = problems(raw_copy)
    assert (
        "$.muscles[1].id: duplicate muscle id 'quadratus-lumborum' (first at muscles[0])" in found
    )


def test_duplicate_trigger_point_ids_across_muscles(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][1]["trigger_points"][0]["id"] = "piriformis-lateral"
    assert problems(raw_copy) == [
        "$.muscles[4].trigger_points[0].id: duplicate trigger point id 'piriformis-lateral'"
        " (first at muscles[1].trigger_points[0])"
    ]


def test_region_hierarchy_cycle(raw_copy: dict[str, Any]) -> None:
    regions = {r["id"]: r for r in raw_copy["regions"]}
    regions["gluteal-region"]["parent"] = "buttock"
    found = problems(raw_copy)
    assert len(found) == 1
    assert "cycle" in found[0] and found[0].startswith("$.regions[")
    assert "gluteal-region -> buttock -> gluteal-region" in found[0]


def test_a_cycle_through_also_part_of_is_found(raw_copy: dict[str, Any]) -> None:
    regions = {r["id"]: r for r in raw_copy["regions"]}
    regions["gluteal-region"]["also_part_of"] = ["sacrum"]
    found = problems(raw_copy)
    assert len(found) == 1
    assert "gluteal-region -> sacrum -> gluteal-region" in found[0]


def test_depth_counts_the_longest_chain_through_every_parent(raw_copy: dict[str, Any]) -> None:
    base = {"sources": ["perry-gluteal-pain"]}
    chain = [{"id": f"c{i}", "name": f"C{i}", **base} for i in range(16)]
    for i in range(1, 16):
        chain[i]["parent"] = f"c{i - 1}"
    # A short main parent, but a second parent at the bottom of a 16-level chain: 17 levels.
    raw_copy["regions"] += [
        *chain,
        {"id": "leaf", "name": "Leaf", "parent": "c0", "also_part_of": ["c15"], **base},
    ]
    found = problems(raw_copy)
    assert len(found) == 1 and "more than 16 levels deep" in found[0]
    assert found[0].startswith(f"$.regions[{len(raw_copy['regions']) - 1}]")


def test_area_lists_name_known_muscles_and_regions_once(raw_copy: dict[str, Any]) -> None:
    raw_copy["area_lists"] = [
        {
            "id": "list",
            "kind": "tiers",
            "regions": ["buttock", "elbow"],
            "primary": ["piriformis", "nosuch"],
            "secondary": ["piriformis"],
            "statement": "x",
            "sources": ["perry-gluteal-pain"],
        }
    ]
    assert problems(raw_copy) == [
        "$.area_lists[0].regions[1]: unknown region id 'elbow'",
        "$.area_lists[0].primary[1]: unknown muscle id 'nosuch'",
        "$.area_lists[0].secondary[0]: muscle 'piriformis' is listed twice",
    ]


def test_synonym_naming_two_regions(raw_copy: dict[str, Any]) -> None:
    raw_copy["regions"][7]["synonyms"].append("Glutes")
    assert problems(raw_copy) == ["$.regions[7].synonyms[3]: 'Glutes' already names 'buttock'"]


def test_muscle_alias_naming_two_muscles(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][4]["aliases"].append("ql")
    assert problems(raw_copy) == [
        "$.muscles[4].aliases[2]: 'ql' already names 'quadratus-lumborum'"
    ]


def test_fact_without_source_is_rejected(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][3]["trigger_points"][0]["zones"][0]["sources"] = []
    [problem] = problems(raw_copy)
    assert problem.startswith("$.muscles[3].trigger_points[0].zones[0].sources: List should have")


def test_red_flag_needs_advice(raw_copy: dict[str, Any]) -> None:
    flag = next(s for s in raw_copy["symptoms"] if s.get("red_flag"))
    del flag["advice"]
    [problem] = problems(raw_copy)
    assert "a red-flag symptom needs advice" in problem


def test_scoring_must_weight_every_activity(raw_copy: dict[str, Any]) -> None:
    del raw_copy["scoring"]["activity"]["chronic"]
    [problem] = problems(raw_copy)
    assert problem.startswith("$.scoring: ") and "activity lacks chronic" in problem


def test_scoring_keeps_the_likelihoods_in_order(raw_copy: dict[str, Any]) -> None:
    raw_copy["scoring"]["likelihood"]["spillover"] = 0.95
    [problem] = problems(raw_copy)
    assert "spillover must be below essential" in problem
    raw_copy["scoring"]["likelihood"]["spillover"] = 0.5
    raw_copy["scoring"]["likelihood"]["region_leak"] = 0.3
    [problem] = problems(raw_copy)
    assert "region_leak must be below condition" in problem


def test_every_fault_is_listed_not_just_the_first(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][0]["related"][0]["muscle"] = "nope"
    raw_copy["regions"][2]["parent"] = "nowhere"
    assert len(problems(raw_copy)) == 2


def test_load_catalog_validates_a_user_file(tmp_path: Path, raw_copy: dict[str, Any]) -> None:
    raw_copy["regions"][0]["parent"] = "nowhere"
    path = write_dataset(tmp_path, raw_copy, "bad.json")
    with pytest.raises(CatalogError, match=r"\$\.regions\[0\]\.parent: unknown region id"):
        load_catalog(path)


def test_json_schema_is_published_from_the_model() -> None:
    schema = Catalog.model_json_schema()
    assert schema["additionalProperties"] is False
    assert "TriggerPoint" in schema["$defs"]


def test_a_rule_may_not_name_a_red_flag(raw_copy: dict[str, Any]) -> None:
    """Reliability D18: red flags are warnings, never evidence for a muscle."""
    piriformis = raw_muscle(raw_copy, "piriformis")
    rules = piriformis["rules"]
    rules.append({**rules[0], "id": "rf-rule", "regions": [], "symptoms": ["bladder-bowel-loss"]})
    assert problems(raw_copy) == [
        f"$.muscles[{raw_copy['muscles'].index(piriformis)}].rules[{len(rules) - 1}]"
        ".symptoms[0]: 'bladder-bowel-loss' is a red flag; red flags are warnings, never "
        "evidence for a muscle"
    ]


def test_a_rule_strengthens_only_what_its_muscle_explains(raw_copy: dict[str, Any]) -> None:
    piriformis = raw_muscle(raw_copy, "piriformis")
    i = raw_copy["muscles"].index(piriformis)
    piriformis["rules"][0]["regions"] = ["low-back"]
    piriformis["rules"][-1]["symptoms"] = ["sneezing-coughing"]
    found = problems(raw_copy)
    assert (
        f"$.muscles[{i}].rules[0].regions[0]: piriformis refers no pain to 'low-back'" in (found[0])
    )
    assert "piriformis is not linked to 'sneezing-coughing'" in found[1]
    assert len(found) == 2


def test_a_region_may_be_part_of_at_most_32_regions(raw_copy: dict[str, Any]) -> None:
    """Reliability D5: a wide hierarchy cannot make every region's ancestry huge."""
    base = {"sources": ["perry-gluteal-pain"]}
    chains = []
    for letter in "cde":  # three chains of twelve: well within the depth limit
        chain = [{"id": f"{letter}{i}", "name": f"{letter.upper()}{i}", **base} for i in range(12)]
        for i in range(1, 12):
            chain[i]["parent"] = f"{letter}{i - 1}"
        chains += chain
    leaf = {"id": "leaf", "name": "Leaf", "parent": "c11", "also_part_of": ["d11", "e11"], **base}
    raw_copy["regions"] += [*chains, leaf]
    found = problems(raw_copy)
    assert len(found) == 1 and "is part of more than 32 regions" in found[0]
    assert found[0].startswith(f"$.regions[{len(raw_copy['regions']) - 1}]")
