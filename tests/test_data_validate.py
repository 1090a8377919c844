"""User datasets: `data validate`, the documented example, and a custom dataset end to end."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from glutealtp.catalog import model
from glutealtp.catalog.dataset import Catalog
from glutealtp.catalog.scoring import Scoring

from .conftest import Invoke
from .helpers import ROOT, csv_rows, write_dataset

EXAMPLE = ROOT / "docs" / "example-dataset.json"
DOC = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


# --- The documented example ---------------------------------------------------------------------


def test_the_example_dataset_is_valid(invoke: Invoke) -> None:
    result = invoke("data", "validate", str(EXAMPLE))
    assert (result.exit_code, result.stderr) == (0, "")
    assert " ".join(result.stdout.split()).startswith(
        f"{EXAMPLE}: valid (2 muscles, 13 regions, 10 symptoms) "
    )
    data = json.loads(invoke("data", "validate", str(EXAMPLE), "-f", "json").stdout)
    assert (data["valid"], data["problems"]) == (True, [])


def test_the_example_invents_nothing(raw: dict[str, Any]) -> None:
    """Every entry is the bundled one, unchanged (relations to muscles left out are dropped)."""
    data = example()
    for key in ("sources", "regions", "symptoms", "conditions"):
        bundled = {e["id"]: e for e in raw[key]}
        assert data[key] and all(bundled[e["id"]] == e for e in data[key])
    assert data["scoring"] == raw["scoring"] and data["disclaimer"] == raw["disclaimer"]
    bundled_muscles = {m["id"]: m for m in raw["muscles"]}
    for muscle in data["muscles"]:
        original = copy.deepcopy(bundled_muscles[muscle["id"]])
        kept = [r for r in original.pop("related", []) if r in muscle.get("related", [])]
        assert kept == muscle.pop("related", [])
        assert muscle == original


def test_the_doc_names_every_field_of_the_format() -> None:
    models: list[type[BaseModel]] = [
        Catalog,
        model.Source,
        model.Region,
        model.Symptom,
        model.Muscle,
        model.TriggerPoint,
        model.Marker,
        model.ReferralZone,
        model.RegionStatement,
        model.Relation,
        model.Rule,
        model.ConditionRef,
        model.AreaList,
        Scoring,
    ]
    documented = set(re.findall(r"`([a-z_]+)`", DOC)) | set(re.findall(r'"([a-z_]+)":', DOC))
    missing = {f for m in models for f in m.model_fields if f not in documented}
    assert missing == set()


# --- Problems, each with its JSON path ----------------------------------------------------------


def broken_example(tmp_path: Path) -> str:
    data = example()
    data["muscles"][0]["id"] = "Gluteus Maximus"
    data["muscles"][1]["trigger_points"][0]["zones"][0]["region"] = "knee"
    data["regions"][1]["synonyms"].append("hip")
    data["scoring"]["activity"].pop("chronic")
    data["colour"] = "blue"
    return write_dataset(tmp_path, data)


EXPECTED_PATHS = ["$.muscles[0].id", "$.scoring", "$.colour"]


def test_every_problem_is_listed_with_its_path(invoke: Invoke, tmp_path: Path) -> None:
    path = broken_example(tmp_path)
    result = invoke("data", "validate", path, "-f", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"glutealtp: error: {path}: ")
    assert result.stderr.count("\n") == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    paths = [p["path"] for p in data["problems"]]
    assert all(p in paths for p in EXPECTED_PATHS), paths
    assert all(p["path"].startswith("$") and p["message"] for p in data["problems"])


def test_consistency_problems_come_once_the_types_are_right(invoke: Invoke, tmp_path: Path) -> None:
    data = example()
    data["muscles"][1]["trigger_points"][0]["zones"][0]["region"] = "knee"
    data["regions"][1]["synonyms"].append("hip")
    data["muscles"][1]["related"] = [
        {"muscle": "piriformis", "kind": "co-occurs-with", "sources": ["x"]}
    ]
    result = invoke("data", "validate", write_dataset(tmp_path, data), "-f", "json")
    problems = {p["path"]: p["message"] for p in json.loads(result.stdout)["problems"]}
    assert problems == {
        "$.muscles[1].trigger_points[0].zones[0].region": "unknown region id 'knee'",
        "$.muscles[1].related[0].sources[0]": "unknown source id 'x'",
        "$.muscles[1].related[0].muscle": "a muscle cannot be related to itself",
        "$.regions[6].id": "'hip' already names 'buttock'",
        "$.regions[6].name": "'Hip' already names 'buttock'",
    }


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_problems_in_every_format(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    result = invoke("data", "validate", broken_example(tmp_path), "-f", fmt)
    assert result.exit_code == 2
    if fmt == "jsonl":
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert {r["path"] for r in records} >= set(EXPECTED_PATHS)
    elif fmt == "csv":
        rows = csv_rows(result.stdout)
        assert {r["path"] for r in rows} >= set(EXPECTED_PATHS)
    else:
        assert "problems" in result.stdout.splitlines()[0]
        assert all(p in result.stdout for p in EXPECTED_PATHS)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "file is empty"),
        (b'{"name": ', "line 1, column 10: invalid JSON"),
        (b"[1]", "the dataset must be a JSON object"),
        (b"\xff\xfe", "not valid UTF-8"),
    ],
)
def test_unreadable_files_are_problems_too(
    invoke: Invoke, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "data.json"
    if content is not None:
        path.write_bytes(content)
    result = invoke("data", "validate", str(path), "-f", "json")
    assert result.exit_code == 2
    [problem] = json.loads(result.stdout)["problems"]
    assert message in problem["message"]


# --- A custom dataset, end to end -----------------------------------------------------------------


def translated(raw: dict[str, Any]) -> dict[str, Any]:
    """The bundled data with French names: ids kept, words changed."""
    data = copy.deepcopy(raw)
    names = {"buttock": ("Fesse", ["fesses"]), "hip": ("Hanche", ["hanches"])}
    for region in data["regions"]:
        if region["id"] in names:
            region["name"], region["synonyms"] = names[region["id"]]
    data["name"] = "Catalogue en français"
    data["disclaimer"] = "glutealtp informe ; ce n'est pas un diagnostic."
    return data


def test_a_translated_dataset_works_end_to_end(
    invoke: Invoke, tmp_path: Path, raw: dict[str, Any]
) -> None:
    path = write_dataset(tmp_path, translated(raw), "fr.json")
    assert invoke("data", "validate", path).exit_code == 0
    which = invoke("which", "-r", "fesse", "-r", "Hanches", "-f", "json", "--data", path)
    data = json.loads(which.stdout)
    assert data["query"]["regions"] == ["buttock", "hip"]
    assert data["results"][0]["muscle"] == "piriformis"
    assert data["disclaimer"] == "glutealtp informe ; ce n'est pas un diagnostic."
    regions = invoke("regions", "-f", "json", env={"GLUTEALTP_DATA": path})
    assert {r["name"] for r in json.loads(regions.stdout)["regions"]} >= {"Fesse", "Hanche"}
    show = invoke("show", "piriformis", "--data", path)
    assert "ce n'est pas un diagnostic" in show.stdout
    batch = invoke("batch", "-", "--data", path, input='{"regions": ["fesses"]}\n')
    assert json.loads(batch.stdout)["query"]["regions"] == ["buttock"]
    english = invoke("which", "-r", "buttock", "-f", "json", "--data", path)
    assert english.exit_code == 0  # the ids still work


def test_an_extended_dataset_adds_a_muscle(invoke: Invoke, tmp_path: Path) -> None:
    """A clinic's own data: the example plus a muscle of its own, found by `which`."""
    data = example()
    muscle = copy.deepcopy(data["muscles"][0])
    muscle.update(id="clinic-muscle", name="Clinic muscle", aliases=["cm"])
    muscle.pop("xrefs", None)
    for j, tp in enumerate(muscle["trigger_points"]):
        tp["id"] = f"clinic-muscle-{j}"
    data["muscles"].append(muscle)
    path = write_dataset(tmp_path, data)
    assert invoke("data", "validate", path).exit_code == 0
    result = json.loads(invoke("which", "-r", "sacrum", "-f", "json", "--data", path).stdout)
    assert {r["muscle"] for r in result["results"]} >= {"gluteus-maximus", "clinic-muscle"}
    scores = {r["muscle"]: r["score"] for r in result["results"]}
    assert scores["clinic-muscle"] == scores["gluteus-maximus"]  # the same facts
    assert "clinic-muscle" in invoke("muscles", "--data", path).stdout
