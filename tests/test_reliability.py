"""Regression tests for the reliability report's defects, each named by its number.

D1, D2, D3, D15: what `data validate` accepts is exactly what the commands use. Datasets are
validated in strict mode, and the index, the pictures and `show` read the validated values.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from glutealtp.catalog.load import CatalogError, load_catalog
from glutealtp.output.jsonfmt import dumps

from .conftest import Invoke
from .helpers import index_of


def write(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def refused(invoke: Invoke, path: str, json_path: str) -> None:
    """`data validate` and every command that reads the dataset: one line naming the path."""
    for argv in (
        ["data", "validate", path],
        ["which", "-r", "hip", "--data", path],
        ["map", "piriformis", "--data", path],
        ["show", "piriformis", "--data", path],
        ["symptoms", "--data", path],
    ):
        result = invoke(*argv)
        assert result.exit_code == 2, (argv, result.output)
        assert result.stderr.count("\n") == 1 and f": {json_path}: " in result.stderr, result.stderr
        assert "Traceback" not in result.output


def piriformis(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(m for m in data["muscles"] if m["id"] == "piriformis")
    return found


@pytest.mark.parametrize(
    ("where", "value"),
    [(("extent", "essential"), "1"), (("activity", "common"), "0.85"), (("muscle_level",), "0.5")],
)
def test_d1_a_weight_written_as_a_string_is_refused(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any], where: tuple[str, ...], value: str
) -> None:
    table = raw_copy["scoring"]
    for key in where[:-1]:
        table = table[key]
    table[where[-1]] = value
    refused(invoke, write(tmp_path, raw_copy), "$.scoring." + ".".join(where))


def test_d2_a_marker_coordinate_written_as_a_string_is_refused(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any]
) -> None:
    tp = piriformis(raw_copy)["trigger_points"][0]
    tp["marker"]["x"] = str(tp["marker"]["x"])
    muscle = raw_copy["muscles"].index(piriformis(raw_copy))
    refused(invoke, write(tmp_path, raw_copy), f"$.muscles[{muscle}].trigger_points[0].marker.x")


@pytest.mark.parametrize("word", ["false", "no", "0", "off", "f"])
def test_d3_a_red_flag_written_as_a_word_is_refused(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any], word: str
) -> None:
    """`"red_flag": "false"` once made "sitting" a red flag with no advice, and unscored."""
    at = next(i for i, s in enumerate(raw_copy["symptoms"]) if s["id"] == "sitting")
    raw_copy["symptoms"][at]["red_flag"] = word
    refused(invoke, write(tmp_path, raw_copy), f"$.symptoms[{at}].red_flag")


@pytest.mark.parametrize("count", [True, 2.0, "2"])
def test_d15_a_count_that_is_not_an_integer_is_refused(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any], count: object
) -> None:
    """`"count": true` once showed as "up to True" on the map and as 1 in `show`."""
    piriformis(raw_copy)["trigger_points"][0]["count"] = count
    muscle = raw_copy["muscles"].index(piriformis(raw_copy))
    refused(invoke, write(tmp_path, raw_copy), f"$.muscles[{muscle}].trigger_points[0].count")


def test_integers_stay_valid_where_a_fraction_is_expected(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any]
) -> None:
    """Strict, but a JSON integer is a number: a weight of 1 and a marker at x = 1 are fine."""
    raw_copy["scoring"]["extent"]["essential"] = 1
    raw_copy["scoring"]["rule_multiplier"]["confirms"] = 2
    piriformis(raw_copy)["trigger_points"][0]["marker"]["y"] = 0
    path = write(tmp_path, raw_copy)
    assert invoke("data", "validate", path).exit_code == 0
    which = json.loads(invoke("which", "-r", "hip", "-f", "json", "--data", path).stdout)
    assert which["results"][0]["muscle"] == "piriformis"
    assert invoke("map", "piriformis", "--data", path).exit_code == 0


def test_what_validation_accepts_is_what_the_index_uses(raw_copy: dict[str, Any]) -> None:
    """The index reads only validated values: a default the file leaves out is filled in."""
    sitting = next(s for s in raw_copy["symptoms"] if s["id"] == "sitting")
    assert "red_flag" not in sitting
    index = index_of(raw_copy)
    assert index.symptoms["sitting"].red_flag is False
    assert index.muscle_record("piriformis")["trigger_points"][0]["count"] is None


def test_a_string_weight_never_reaches_the_api(tmp_path: Path, raw_copy: dict[str, Any]) -> None:
    raw_copy["scoring"]["extent"]["essential"] = "1"
    with pytest.raises(CatalogError) as info:
        load_catalog(write(tmp_path, raw_copy))
    assert info.value.problems[0].startswith("$.scoring.extent.essential: ")


# --- D4: scores are finite, and JSON never carries NaN or Infinity -----------------------------


def _no_constants(name: str) -> object:
    raise AssertionError(f"{name} in JSON output")


def strict_json(text: str) -> Any:
    return json.loads(text, parse_constant=_no_constants)


def many_rules(raw_copy: dict[str, Any], regions: list[str], floor: float | None) -> None:
    src = raw_copy["sources"][0]["id"]
    raw_copy["scoring"]["rule_multiplier"] = {"confirms": 5, "suggests": 5}
    if floor is not None:
        raw_copy["scoring"]["pattern_fit_floor"] = floor
    piriformis(raw_copy)["rules"] = [
        {
            "id": f"r{i}",
            "kind": "suggests",
            "regions": regions,
            "statement": "x",
            "sources": [src],
        }
        for i in range(500)
    ]


@pytest.mark.parametrize(
    ("region", "floor"), [("hip", None), ("gluteal-region", 0)], ids=["inf", "nan"]
)
def test_d4_500_rules_at_the_top_multiplier_give_finite_scores(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any], region: str, floor: float | None
) -> None:
    many_rules(raw_copy, [region], floor)
    path = write(tmp_path, raw_copy)
    assert invoke("data", "validate", path).exit_code == 0
    data = strict_json(invoke("which", "-r", region, "-f", "json", "--data", path).stdout)
    best = next(r for r in data["results"] if r["muscle"] == "piriformis")
    assert best["parts"]["rule_multiplier"] == 5.0
    assert all(math.isfinite(r["score"]) for r in data["results"])
    for line in invoke("which", "-r", region, "-f", "jsonl", "--data", path).stdout.splitlines():
        strict_json(line)
    cases = f'{{"regions": ["{region}"]}}\n'
    for extra in ([], ["--explain"]):
        out = invoke("batch", "-", "--data", path, *extra, input=cases).stdout
        [record] = [strict_json(line) for line in out.splitlines()]
        assert all(math.isfinite(r["score"]) for r in record["results"])
    table = invoke("which", "-r", region, "--data", path).stdout
    assert not re.search(r"\b(inf|nan)\b", table), table


def test_d4_json_refuses_to_print_what_is_not_a_number() -> None:
    for value in (math.inf, -math.inf, math.nan):
        with pytest.raises(ValueError, match="JSON compliant"):
            dumps({"score": value})
