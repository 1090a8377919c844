"""The output contract: every real JSON output matches the published models, which cannot drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from glutealtp import contract
from glutealtp.batch import records as batch_records
from glutealtp.catalog.dataset import Catalog
from glutealtp.output import lists, muscle, ranking, validation
from glutealtp.ranking import results
from glutealtp.ranking.results import SCHEMA_VERSION

from .conftest import Invoke
from .helpers import ROOT, write_dataset

EXAMPLE = ROOT / "docs" / "example-dataset.json"


def check(model: type[BaseModel], text: str) -> None:
    """The text is one JSON object that the model accepts: strict types, no unknown field."""
    model.model_validate_json(text, strict=True)


def lines(text: str) -> list[str]:
    out = text.splitlines()
    assert out, "no records"
    return out


def test_schema_output_is_the_json_schema_of_every_output(invoke: Invoke) -> None:
    result = invoke("schema", "output")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert str(SCHEMA_VERSION) in schema["title"]
    names = {model.__name__ for model in contract.OUTPUTS.values()}
    assert {ref["$ref"].rsplit("/", 1)[1] for ref in schema["anyOf"]} == names
    assert names <= set(schema["$defs"])
    ranking = schema["$defs"]["Ranking"]
    assert ranking["additionalProperties"] is False
    assert set(ranking["required"]) >= {"schema_version", "query", "results", "disclaimer"}
    assert schema["$defs"]["Warning"]["properties"]["kind"]["enum"] == [
        "red-flag",
        "assess",
        "unexplained-region",
        "unexplained-symptom",
    ]


def test_schema_data_is_the_dataset_models_schema(invoke: Invoke) -> None:
    schema = json.loads(invoke("schema", "data").stdout)
    assert schema.pop("$schema") == "https://json-schema.org/draft/2020-12/schema"
    assert schema == Catalog.model_json_schema()
    assert {"regions", "muscles", "scoring"} <= set(schema["required"])


def test_schema_needs_a_kind(invoke: Invoke) -> None:
    result = invoke("schema", "other")
    assert result.exit_code == 2 and result.stderr.startswith("glutealtp: error: ")


def test_the_contract_version_is_the_one_printed() -> None:
    assert get_args(get_args(contract.Version)[0]) == (SCHEMA_VERSION,)


# --- Every command's real output, against the models ---------------------------------------------

WHICH = [
    ["-r", "buttock", "-r", "hip"],
    ["-r", "SI joint", "-r", "glutes", "-r", "hip", "-s", "sciatica", "--top", "2"],
    ["-r", "buttock", "-s", "loss of bladder control"],
    ["-s", "saddle numbness"],  # no match, a red flag
    ["-r", "genitals", "-s", "sneezing", "--explain"],
]


@pytest.mark.parametrize("args", WHICH, ids=" ".join)
def test_which_json_and_jsonl_match_the_contract(invoke: Invoke, args: list[str]) -> None:
    check(contract.Ranking, invoke("which", *args, "-f", "json").stdout)
    records = lines(invoke("which", *args, "-f", "jsonl").stdout)
    for line in records:
        record = json.loads(line)
        model = contract.NoMatchRecord if record["muscle"] is None else contract.RankingRecord
        check(model, line)


def test_which_jsonl_with_no_match_still_carries_the_red_flag(invoke: Invoke) -> None:
    result = invoke("which", "-s", "saddle numbness", "-f", "jsonl")
    assert result.exit_code == 1
    [record] = [json.loads(line) for line in lines(result.stdout)]
    assert (record["rank"], record["muscle"]) == (None, None)
    assert record["warnings"][0]["kind"] == "red-flag"
    assert record["schema_version"] == SCHEMA_VERSION and record["disclaimer"]
    assert (record["next_questions"], record["settled"]) == ([], False)  # as every record


@pytest.mark.parametrize("muscle", ["QL", "gmax", "gmed", "gmin", "piriformis"])
def test_show_json_and_jsonl_match_the_contract(invoke: Invoke, muscle: str) -> None:
    check(contract.ShowMuscle, invoke("show", muscle, "-f", "json").stdout)
    for line in lines(invoke("show", muscle, "-f", "jsonl").stdout):
        check(contract.TriggerPointRecord, line)


@pytest.mark.parametrize(
    ("command", "document", "record"),
    [
        ("muscles", contract.MuscleList, contract.MuscleRecord),
        ("regions", contract.RegionList, contract.RegionRecord),
        ("symptoms", contract.SymptomList, contract.SymptomRecord),
    ],
)
def test_lists_match_the_contract(
    invoke: Invoke, command: str, document: type[BaseModel], record: type[BaseModel]
) -> None:
    for data in ([], ["--data", str(EXAMPLE)]):
        check(document, invoke(command, "-f", "json", *data).stdout)
        for line in lines(invoke(command, "-f", "jsonl", *data).stdout):
            check(record, line)


def test_batch_records_match_the_contract(invoke: Invoke) -> None:
    cases = "\n".join(
        [
            '{"id": "a", "regions": ["buttock", "hip"], "symptoms": ["sitting"]}',
            '{"id": 7, "symptoms": ["saddle numbness"]}',
            '{"id": "c", "regions": ["elbow"]}',
            "{",
        ]
    )
    for args in ([], ["--explain"], ["--top", "1"]):
        out = lines(invoke("batch", "-", *args, input=cases).stdout)
        assert len(out) == 4
        for line in out:
            ok = json.loads(line)["status"] == "ok"
            check(contract.BatchOk if ok else contract.BatchError, line)
            if ok:
                results = dict(contract.BatchOk.model_validate_json(line))["results"]
                wanted = contract.ExplainedResult if args == ["--explain"] else contract.BriefResult
                assert all(isinstance(r, wanted) for r in results)


def test_data_validate_matches_the_contract(invoke: Invoke, tmp_path: Path) -> None:
    broken = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    broken["muscles"][0]["id"] = "Not An Id"
    broken["regions"][0]["parent"] = "nowhere"
    path = write_dataset(tmp_path, broken, "broken.json")
    for dataset in (str(EXAMPLE), path):
        check(contract.Validation, invoke("data", "validate", dataset, "-f", "json").stdout)
    for line in lines(invoke("data", "validate", path, "-f", "jsonl").stdout):
        check(contract.ProblemRecord, line)


def test_every_json_document_carries_the_schema_version(invoke: Invoke) -> None:
    for argv in (
        ["which", "-r", "hip"],
        ["show", "QL"],
        ["muscles"],
        ["regions"],
        ["symptoms"],
        ["data", "validate", str(EXAMPLE)],
    ):
        assert json.loads(invoke(*argv, "-f", "json").stdout)["schema_version"] == 2
        for line in invoke(*argv, "-f", "jsonl").stdout.splitlines():
            assert json.loads(line)["schema_version"] == 2


def test_a_field_the_contract_does_not_know_is_caught() -> None:
    """The check that keeps the contract honest: it fails on an extra or mistyped field."""
    good: dict[str, Any] = {"kind": "red-flag", "id": "x", "message": "m"}
    check(contract.Warning, json.dumps(good))
    for bad in ({**good, "extra": 1}, {**good, "kind": "other"}, {**good, "id": 3}):
        with pytest.raises(ValueError, match="validation error"):
            check(contract.Warning, json.dumps(bad))


REGIONS = ["buttock", "hip", "SI joint", "low back", "sacrum", "groin", "tailbone", "side of leg"]
SYMPTOMS = ["sitting", "walking", "sciatica", "sneezing", "saddle numbness", "rising"]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(REGIONS), min_size=1, max_size=4),
    st.lists(st.sampled_from(SYMPTOMS), max_size=3),
)
def test_any_which_answer_matches_the_contract(
    invoke: Invoke, regions: list[str], symptoms: list[str]
) -> None:
    argv = ["which", "-f", "json"]
    for r in regions:
        argv += ["-r", r]
    for s in symptoms:
        argv += ["-s", s]
    check(contract.Ranking, invoke(*argv).stdout)


# --- The models are derived from the declarations the output is built from ---------------------


@pytest.mark.parametrize(
    ("model", "declarations"),
    [
        (contract.Ranking, [results.Ranking]),
        (contract.RankingRecord, [results.Result, ranking.WithWarnings]),
        (contract.NoMatchRecord, [ranking.NoMatchLine]),
        (contract.TriggerPointRecord, [muscle.TriggerPointRecord]),
        (contract.MuscleRecord, [lists.MuscleItem]),
        (contract.RegionList, [lists.RegionList]),
        (contract.BatchOk, [batch_records.OkHead, results.Ranking]),
        (contract.BatchError, [batch_records.ErrorRecord]),
        (contract.Validation, [validation.Validation]),
        (contract.ProblemRecord, [validation.ProblemLine]),
    ],
)
def test_each_model_has_exactly_its_declarations_fields(
    model: type[BaseModel], declarations: list[Any]
) -> None:
    declared = {f for d in declarations for f in get_type_hints(d)}
    if model is contract.BatchOk:  # a batch record leaves out the next questions
        declared -= set(results.Ranking._fields) - set(batch_records.RANKING_FIELDS)
    envelope = {"schema_version", "disclaimer"}
    assert set(model.model_fields) - envelope == declared - envelope


def test_nested_records_are_derived_once_and_named_for_the_contract() -> None:
    result = contract.RankingRecord.model_fields
    assert "RegionEvidence" in str(result["region_evidence"].annotation)
    assert "SymptomEvidence" in str(result["symptom_evidence"].annotation)
    assert set(contract.Warning.model_fields) == set(results.RankingWarning._fields)


def test_a_replaced_field_must_exist() -> None:
    with pytest.raises(ValueError, match="no such fields"):
        contract.model_of(results.Query, replace={"colour": str})
