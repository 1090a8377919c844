"""Regression tests for the reliability report's defects, each named by its number.

D1, D2, D3, D15: what `data validate` accepts is exactly what the commands use. Datasets are
validated in strict mode, and the index, the pictures and `show` read the validated values.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from glutealtp.catalog.load import CatalogError, load_catalog
from glutealtp.cli.exits import run_guarded
from glutealtp.cli.quick import try_run
from glutealtp.output.jsonfmt import dumps

from .conftest import Invoke
from .helpers import (
    GLUTEALTP,
    ROOT,
    Stream,
    index_of,
    process_env,
    raw_muscle,
    run_glutealtp,
    write_dataset,
)


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


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("likelihood", "essential"), "0.9"),
        (("activity", "common"), "0.85"),
        (("single_source",), "0.9"),
    ],
)
def test_d1_a_weight_written_as_a_string_is_refused(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any], where: tuple[str, ...], value: str
) -> None:
    table = raw_copy["scoring"]
    for key in where[:-1]:
        table = table[key]
    table[where[-1]] = value
    refused(invoke, write_dataset(tmp_path, raw_copy), "$.scoring." + ".".join(where))


def test_d2_a_marker_coordinate_written_as_a_string_is_refused(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any]
) -> None:
    tp = raw_muscle(raw_copy, "piriformis")["trigger_points"][0]
    tp["marker"]["x"] = str(tp["marker"]["x"])
    muscle = raw_copy["muscles"].index(raw_muscle(raw_copy, "piriformis"))
    refused(
        invoke, write_dataset(tmp_path, raw_copy), f"$.muscles[{muscle}].trigger_points[0].marker.x"
    )


@pytest.mark.parametrize("word", ["false", "no", "0", "off", "f"])
def test_d3_a_red_flag_written_as_a_word_is_refused(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any], word: str
) -> None:
    """`"red_flag": "false"` once made "sitting" a red flag with no advice, and unscored."""
    at = next(i for i, s in enumerate(raw_copy["symptoms"]) if s["id"] == "sitting")
    raw_copy["symptoms"][at]["red_flag"] = word
    refused(invoke, write_dataset(tmp_path, raw_copy), f"$.symptoms[{at}].red_flag")


@pytest.mark.parametrize("count", [True, 2.0, "2"])
def test_d15_a_count_that_is_not_an_integer_is_refused(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any], count: object
) -> None:
    """`"count": true` once showed as "up to True" on the map and as 1 in `show`."""
    raw_muscle(raw_copy, "piriformis")["trigger_points"][0]["count"] = count
    muscle = raw_copy["muscles"].index(raw_muscle(raw_copy, "piriformis"))
    refused(
        invoke, write_dataset(tmp_path, raw_copy), f"$.muscles[{muscle}].trigger_points[0].count"
    )


def test_integers_stay_valid_where_a_fraction_is_expected(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any]
) -> None:
    """Strict, but a JSON integer is a number: a weight of 1 and a marker at x = 1 are fine."""
    raw_copy["scoring"]["single_source"] = 1
    raw_copy["scoring"]["unreported_area"] = 0
    raw_muscle(raw_copy, "piriformis")["trigger_points"][0]["marker"]["y"] = 0
    path = write_dataset(tmp_path, raw_copy)
    assert invoke("data", "validate", path).exit_code == 0
    which = json.loads(invoke("which", "-r", "hip", "-f", "json", "--data", path).stdout)
    assert "piriformis" in [r["muscle"] for r in which["results"]]
    assert invoke("map", "piriformis", "--data", path).exit_code == 0


def test_what_validation_accepts_is_what_the_index_uses(raw_copy: dict[str, Any]) -> None:
    """The index reads only validated values: a default the file leaves out is filled in."""
    sitting = next(s for s in raw_copy["symptoms"] if s["id"] == "sitting")
    assert "red_flag" not in sitting
    index = index_of(raw_copy)
    assert index.symptoms["sitting"].red_flag is False
    assert index.muscle_record("piriformis")["trigger_points"][0]["count"] is None


def test_a_string_weight_never_reaches_the_api(tmp_path: Path, raw_copy: dict[str, Any]) -> None:
    raw_copy["scoring"]["likelihood"]["essential"] = "0.9"
    with pytest.raises(CatalogError) as info:
        load_catalog(write_dataset(tmp_path, raw_copy))
    assert info.value.problems[0].startswith("$.scoring.likelihood.essential: ")


# --- D4: scores are finite, and JSON never carries NaN or Infinity -----------------------------


def _no_constants(name: str) -> object:
    raise AssertionError(f"{name} in JSON output")


def strict_json(text: str) -> Any:
    return json.loads(text, parse_constant=_no_constants)


def many_rules(raw_copy: dict[str, Any], regions: list[str], floor: float | None) -> None:
    """500 rules at the top strength on piriformis; `floor` sets the unreported-area weight
    and the commonness boost to their extremes."""
    src = raw_copy["sources"][0]["id"]
    top = raw_copy["scoring"]["likelihood"]["essential"]
    raw_copy["scoring"]["rule_strength"] = {"confirms": top, "suggests": top}
    if floor is not None:
        raw_copy["scoring"]["unreported_area"] = 1
        raw_copy["scoring"]["commonness_boost"] = floor
    raw_muscle(raw_copy, "piriformis")["rules"] = [
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
def test_d4_500_rules_at_the_top_strength_give_finite_scores(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any], region: str, floor: float | None
) -> None:
    many_rules(raw_copy, [region], floor)
    path = write_dataset(tmp_path, raw_copy)
    assert invoke("data", "validate", path).exit_code == 0
    data = strict_json(invoke("which", "-r", region, "-f", "json", "--data", path).stdout)
    best = next(r for r in data["results"] if r["muscle"] == "piriformis")
    # However many rules are met, a rule's items count at most at the rule's strength: the
    # lift is bounded, and so is the score.
    assert best["rules_met"] and all(1 <= r["multiplier"] < 5 for r in best["rules_met"])
    assert all(math.isfinite(r["score"]) and 0 <= r["score"] <= 100 for r in data["results"])
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


# --- D10: completion offers no version and shows no traceback ----------------------------------


def complete_bash(words: str, cword: int) -> subprocess.CompletedProcess[str]:
    protocol = {"COMP_WORDS": words, "COMP_CWORD": str(cword)}
    return run_glutealtp(env={"_GLUTEALTP_COMPLETE": "complete_bash", **protocol})


def test_d10_completion_after_version_offers_no_version_line() -> None:
    for cword in (1, 2):
        proc = complete_bash("glutealtp --version ", cword)
        assert "glutealtp 0.1.0" not in proc.stdout and "0.1.0" not in proc.stdout, proc.stdout
        assert proc.stderr == ""


def test_d10_a_bad_dataset_during_completion_gives_no_candidates(
    tmp_path: Path, raw_copy: dict[str, Any]
) -> None:
    raw_copy["scoring"]["likelihood"]["essential"] = "0.9"
    path = write_dataset(tmp_path, raw_copy)
    for words, cword in (
        (f"glutealtp which --data {path} -r ", 5),
        ("glutealtp show --data x ", 4),
    ):
        proc = complete_bash(words, cword)
        assert (proc.stdout.strip(), proc.stderr) == ("", ""), proc.stderr


# --- D11: Ctrl-C in the first milliseconds ------------------------------------------------------


def test_d11_the_package_imports_nothing_until_asked() -> None:
    code = "import json, sys, glutealtp, glutealtp.__main__; print(json.dumps([*sys.modules]))"
    loaded = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    assert sorted(m for m in loaded if m.startswith("glutealtp")) == [
        "glutealtp",
        "glutealtp.__main__",
    ]
    scripting = (ROOT / "docs" / "scripting.md").read_text(encoding="utf-8")
    assert "from glutealtp import load_catalog, make_query, rank" in scripting  # as documented


# --- D19: a closed pipe ends quietly with 0, rich drawing included -----------------------------


@pytest.mark.parametrize(
    ("argv", "stdin", "env"),
    [
        (["map", "piriformis"], b"", {}),
        (["show", "QL", "--map"], b"", {}),
        (["which", "-r", "hip", "--map"], b"", {}),
        (["ask"], b"2\n", {"GLUTEALTP_INTERACTIVE": "1"}),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_d19_rich_output_into_a_closed_pipe_ends_with_0(
    argv: list[str], stdin: bytes, env: dict[str, str]
) -> None:
    proc = subprocess.Popen(
        [*GLUTEALTP, *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(env),
    )
    assert proc.stdin and proc.stdout and proc.stderr
    proc.stdout.close()
    proc.stdin.write(stdin)
    proc.stdin.close()
    err = proc.stderr.read()
    assert (proc.wait(timeout=60), err) == (0, b"")


class ClosesAfterFirstWrite(Stream):
    """A pipe whose reader leaves after the first write: the table goes through, the map not."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        if self.writes > 1:
            raise BrokenPipeError(32, "Broken pipe")
        return super().write(text)


def test_d19_which_map_ends_with_0_when_the_reader_leaves_after_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = ClosesAfterFirstWrite()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.delenv("GLUTEALTP_DATA", raising=False)
    code = run_guarded(lambda: quick_run(["which", "-r", "hip", "--map"]))
    assert (code, out.writes) == (0, 2)
    assert "Tensor fasciae latae" in out.value() and "Left" not in out.value()


def quick_run(args: list[str]) -> int:
    code = try_run(args)
    assert code is not None
    return code
