"""The command line, through typer's CliRunner and a few real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutealtp import __version__
from glutealtp.cli import app, options
from glutealtp.cli.exits import run_guarded
from glutealtp.cli.quick import parse, try_run

from .conftest import Invoke
from .helpers import (
    DISCLAIMER,
    csv_rows,
    process_env,
    raw_muscle,
    run_glutealtp,
    write_dataset,
)


def test_which_table_names_the_best_muscle_and_explains_it(invoke: Invoke) -> None:
    result = invoke("which", "--region", "buttock", "--region", "hip")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Pain reported: buttock and hip."
    # Dr. Perry: gluteus minimus, QL and piriformis refer to the gluteal and hip regions; the
    # first two fit about equally well and are named as a group, not crowned.
    assert lines[1].startswith("Piriformis and gluteus minimus fit about equally well")
    assert "Best match" not in result.stdout
    first = lines.index(next(line for line in lines if line.startswith("=1 ")))
    assert "Piriformis" in lines[first] and "strong" in lines[first]
    assert "hip: main zone of its outside trigger point" in "\n".join(lines[first : first + 3])
    assert "<-" not in result.stdout and "piriformis-lateral" not in result.stdout
    assert DISCLAIMER in " ".join(lines[-2:])


def test_which_json_contract(invoke: Invoke) -> None:
    result = invoke("which", "-r", "SI joint", "-r", "Glutes", "-r", "hip", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) >= {"schema_version", "query", "results", "warnings", "disclaimer"}
    assert data["query"] == {
        "regions": ["buttock", "hip", "si-joint"],
        "symptoms": [],
        "absent": [],
        "side": None,
        "pressed": [],
    }
    best = data["results"][0]
    assert (best["muscle"], best["name"], best["rank"]) == ("piriformis", "Piriformis", 1)
    assert [r["id"] for r in best["rules_met"]] == [
        "piriformis-si-joint-sign",
        "piriformis-confirmed",
    ]
    assert DISCLAIMER in data["disclaimer"]


def test_which_csv_has_a_row_per_muscle(invoke: Invoke) -> None:
    result = invoke("which", "-r", "hip", "-f", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("# ") and DISCLAIMER in lines[0]
    rows = csv_rows(result.stdout)
    ranked = json.loads(invoke("which", "-r", "hip", "-f", "json").stdout)["results"]
    assert [r["muscle"] for r in rows] == [r["muscle"] for r in ranked]
    assert [r["name"] for r in rows] == [r["name"] for r in ranked]
    # Pain Whisperer's hip page names TFL, piriformis and QL as the common causes, and
    # TriggerPoints3D gives gluteus minimus strong hip pain: the four fit about equally well.
    top = {r["muscle"] for r in rows if r["rank"] == "1"}
    assert top >= {"tensor-fasciae-latae", "piriformis", "quadratus-lumborum", "gluteus-minimus"}
    assert all(r["tied"] == "true" for r in rows if r["rank"] == "1")
    assert (rows[0]["regions_explained"], rows[0]["regions_reported"]) == ("hip", "1")


def test_which_explain_shows_the_arithmetic(invoke: Invoke) -> None:
    result = invoke("which", "-r", "hip", "--explain", "--top", "1")
    assert result.exit_code == 0
    assert (
        "#1 Gluteus minimus: score 62.4 = 100 x likelihood 0.88 x commonness 1.40 x"
        " against 0.70 / 1.3725" in " ".join(result.stdout.split())
    )
    assert "hip <- gluteus-minimus-anterior (essential, common)" in result.stdout
    assert "Showing 1 of 11 matching muscles." in result.stdout


def test_symptoms_alone_are_a_query(invoke: Invoke) -> None:
    result = invoke("which", "--symptom", "sneezing", "-f", "json")
    assert result.exit_code == 0
    results = json.loads(result.stdout)["results"]
    # Dr. Perry (QL) and Integrative Works (iliocostalis thoracis) link sneezing or coughing to
    # these two muscles; for QL it is a signature symptom ("sneezing or coughing brings pure
    # agony"), so QL leads.
    assert [r["muscle"] for r in results] == ["quadratus-lumborum", "iliocostalis-thoracis"]
    assert results[0]["score"] > results[1]["score"]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "jsonl"])
def test_red_flag_warning_comes_first_in_every_format(invoke: Invoke, fmt: str) -> None:
    result = invoke("which", "-r", "buttock", "-s", "loss of bladder control", "-f", fmt)
    assert result.exit_code == 0
    head = result.stdout.lstrip()[:400]
    if fmt == "json":
        warning = json.loads(result.stdout)["warnings"][0]
        assert warning["kind"] == "red-flag" and "urgent medical care" in warning["message"]
        assert result.stdout.index('"warnings"') < result.stdout.index('"results": [\n    {')
        return
    if fmt == "jsonl":
        record = json.loads(result.stdout.splitlines()[0])
        assert record["warnings"][0]["kind"] == "red-flag"
        return
    assert "RED FLAG" in head.splitlines()[0]
    boxed = " ".join(head.replace("│", "").split())
    if fmt == "table":  # the box's title, then the red flag
        assert "RED FLAG: seek urgent care first" in boxed
    assert "Loss of bladder or bowel control" in boxed


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "jsonl"])
@pytest.mark.parametrize(
    "command", [["which", "-r", "hip"], ["show", "QL"], ["muscles"], ["regions"], ["symptoms"]]
)
def test_every_output_carries_the_disclaimer(invoke: Invoke, command: list[str], fmt: str) -> None:
    result = invoke(*command, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert DISCLAIMER in " ".join(result.stdout.split())
    if fmt == "json":
        assert DISCLAIMER in json.loads(result.stdout)["disclaimer"]
    if fmt == "jsonl":
        for line in result.stdout.splitlines():
            assert DISCLAIMER in json.loads(line)["disclaimer"]


def test_exit_code_1_when_nothing_matches(invoke: Invoke) -> None:
    result = invoke("which", "-s", "saddle numbness", "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["results"] == [] and data["warnings"][0]["kind"] == "red-flag"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["which", "-r", "buttok"], "unknown region 'buttok'; did you mean 'buttock'?"),
        (["which", "-r", "elbow"], "unknown region 'elbow' (valid: abdomen, anal-region,"),
        (["which", "-s", "itching"], "unknown symptom 'itching'"),
        (["which"], "give at least one region or symptom"),
        (["which", "-r", "hip", "--top", "0"], "Invalid value for '--top'"),
        (["which", "-r", "hip", "--format", "xml"], "Invalid value for '--format'"),
        (["which", "-r"], "Option '-r' requires an argument"),
        (["which", "--bogus"], "No such option: --bogus"),
        (["show", "bicep"], "unknown muscle 'bicep'"),
        (["show"], "Missing argument 'muscle'"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (
            ["which", "-r", "hip", "--data", "/nonexistent/x.json"],
            "/nonexistent/x.json: no such file",
        ),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_2(
    invoke: Invoke, args: list[str], message: str
) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("glutealtp: error: ")
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_show_accepts_alias_name_and_id_in_any_case(invoke: Invoke) -> None:
    outputs = {
        invoke("show", name, "-f", "json").stdout for name in ("QL", "ql", "Quadratus Lumborum")
    }
    assert len(outputs) == 1
    document = json.loads(outputs.pop())
    muscle = document["entry"]
    assert document["muscle"] == muscle["id"] == "quadratus-lumborum"
    assert [t["id"] for t in muscle["trigger_points"]] == [
        "quadratus-lumborum-middle",
        "quadratus-lumborum-group",
    ]


def test_show_lists_trigger_points_zones_symptoms_relations_and_sources(invoke: Invoke) -> None:
    out = invoke("show", "gmed").stdout
    assert "Medial trigger point" in out and "low back, sacroiliac (SI) joint, buttock" in out
    for section in ("Trigger points", "Symptoms", "Also check", "Sources"):
        assert section in out
    assert "Sources\n- " in out
    assert "worse lying on the painful side" in out and "often active together with" in out
    for jargon in ("Muscle-level", "Exclusive", "may-cause", "co-occurs-with"):
        assert jargon not in out


def test_show_csv_is_one_row_per_trigger_point(invoke: Invoke) -> None:
    rows = csv_rows(invoke("show", "piriformis", "-f", "csv").stdout)
    assert [r["trigger_point"] for r in rows] == ["piriformis-lateral", "piriformis-medial"]
    assert rows[0]["essential_zones"] == "hip; buttock; si-joint; back-of-hip"
    assert rows[0]["spillover_zones"] == "back-of-thigh"


def test_regions_is_a_pain_guide_in_the_order_which_ranks(invoke: Invoke) -> None:
    data = json.loads(invoke("regions", "-f", "json").stdout)
    for region in data["regions"]:
        ranked = json.loads(invoke("which", "-r", region["id"], "-f", "json").stdout)["results"]
        assert [m["muscle"] for m in region["referrers"]] == [r["muscle"] for r in ranked]
        assert [m["score"] for m in region["referrers"]] == [r["score"] for r in ranked]
        assert [m["rank"] for m in region["referrers"]] == [r["rank"] for r in ranked]


def test_muscles_and_symptoms_list_the_vocabulary(invoke: Invoke) -> None:
    muscles = json.loads(invoke("muscles", "-f", "json").stdout)["muscles"]
    assert {m["id"] for m in muscles} >= {"piriformis", "gluteus-maximus"}
    symptoms = json.loads(invoke("symptoms", "-f", "json").stdout)["symptoms"]
    flags = {s["id"] for s in symptoms if s["red_flag"]}
    assert flags == {"bladder-bowel-loss", "saddle-numbness", "progressive-leg-weakness"}


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"glutealtp {__version__}\n")


@pytest.mark.parametrize("args", [[], ["data"]])
def test_no_arguments_prints_help_on_stdout(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: glutealtp")
    assert len(result.stdout.splitlines()) > 5
    assert result.stderr == ""


def test_data_option_and_environment_select_a_dataset(
    invoke: Invoke, tmp_path: Path, raw_copy: dict[str, Any]
) -> None:
    raw_muscle(raw_copy, "gluteus-minimus")["name"] = "Piriformis (custom)"
    path = write_dataset(tmp_path, raw_copy, "custom.json")
    by_option = invoke("which", "-r", "hip", "-f", "json", "--data", path)
    by_env = invoke("which", "-r", "hip", "-f", "json", env={"GLUTEALTP_DATA": path})
    for result in (by_option, by_env):
        assert json.loads(result.stdout)["results"][0]["name"] == "Piriformis (custom)"


# --- The fast path must be indistinguishable from the typer app -------------------------------

SPELLINGS = ["buttock", "Hip", "SI joint", "glutes", "belt-line", "sits bone", "tailbone"]
SYMPTOMS = ["sitting", "Walking", "sneezing", "sciatica", "saddle numbness"]
tokens = st.one_of(
    st.sampled_from(SPELLINGS).map(lambda r: ["--region", r]),
    st.sampled_from(SPELLINGS).map(lambda r: ["-r", r]),
    st.sampled_from(SPELLINGS).map(lambda r: [f"--region={r}"]),
    st.sampled_from(SYMPTOMS).map(lambda s: ["-s", s]),
    st.sampled_from(SYMPTOMS).map(lambda s: [f"--symptom={s}"]),
    st.integers(1, 6).map(lambda n: ["--top", str(n)]),
    st.sampled_from(["table", "json", "csv", "jsonl", "JSON"]).map(lambda f: ["-f", f]),
    st.just(["--explain"]),
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(tokens, min_size=1, max_size=6))
def test_fast_path_output_equals_typer_output(
    invoke: Invoke, capsys: pytest.CaptureFixture[str], parts: list[list[str]]
) -> None:
    args = ["which", *[t for part in parts for t in part]]
    assert parse(args) is not None
    code = run_guarded(lambda: quick_path(args))
    fast = capsys.readouterr()
    slow = invoke(*args)
    if code is None:
        assert slow.exit_code == 2
        return
    assert (code, fast.out) == (slow.exit_code, slow.stdout)


def quick_path(args: list[str]) -> int:
    """The quick path as the entry point runs it, under the guard that says its errors."""
    code = try_run(args)
    assert code is not None
    return code


@pytest.mark.parametrize(
    "args",
    [
        ["which", "--help"],
        ["which", "-r", "hip", "--data", "x.json"],
        ["which", "-r"],
        ["which", "-r", "-s"],
        ["which", "--", "-r"],
        ["show", "QL", "--data", "x.json"],
        ["map", "QL", "-o", "x.svg"],
        ["show"],
        [],
    ],
)
def test_fast_path_declines_anything_unusual(args: list[str]) -> None:
    assert parse(args) is None


# --- Real processes ----------------------------------------------------------------------------


def test_real_process_which() -> None:
    proc = run_glutealtp("which", "--region", "buttock", "--region", "hip")
    assert proc.returncode == 0
    assert "Piriformis" in proc.stdout and "\x1b[" not in proc.stdout


def test_real_process_errors_are_one_line() -> None:
    proc = run_glutealtp("which", "--region", "elbow")  # the catalog now reaches the knee and calf
    assert proc.returncode == 2
    assert proc.stderr.startswith("glutealtp: error: unknown region 'elbow'")
    assert proc.stderr.count("\n") == 1


def test_real_process_broken_pipe_is_quiet() -> None:
    shell = f"{sys.executable} -m glutealtp regions | head -1"
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True)
    assert proc.stderr == ""
    assert proc.stdout == "Regions (31)\n"


def test_show_flags_values_that_are_assumptions_not_sourced_facts(invoke: Invoke) -> None:
    out = " ".join(invoke("show", "gmin").stdout.split())
    assert "Chosen where the sources are silent (Anterior trigger points, hip;" in out
    assert "'common' is the neutral default" in out


@pytest.mark.parametrize(
    ("redirect", "code", "stderr"),
    [
        ("which -r hip >&-", 2, "glutealtp: error: standard output is closed\n"),
        ("show QL >&-", 2, "glutealtp: error: standard output is closed\n"),
        ("batch - <&-", 0, "glutealtp: batch: 0 lines: 0 ok, 0 failed\n"),
    ],
)
def test_closed_standard_streams_are_one_line_not_a_traceback(
    redirect: str, code: int, stderr: str
) -> None:
    proc = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m glutealtp {redirect}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (proc.returncode, proc.stderr) == (code, stderr)


# --- One option table for both paths -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(options.COMMANDS))
def test_the_option_table_is_what_the_typer_command_declares(name: str) -> None:
    declared = [p for p in app.command().commands[name].params if p.name != "help"]
    table = options.COMMANDS[name]
    assert [p.name for p in declared] == [p.name for p in table]
    for param, row in zip(declared, table, strict=True):
        if row.flags:
            assert (param.param_type_name, [*param.opts]) == ("option", [*row.flags])
            assert param.multiple == row.repeat
            assert getattr(param, "is_flag", False) == (row.value == "flag")
        else:
            assert param.param_type_name == "argument"
        assert getattr(param, "help", None) == row.help
        assert param.metavar == row.metavar
        assert getattr(param.type, "min", None) == row.minimum


QUICK_CALLS = [
    ["show", "QL"],
    ["show", "piriformis", "-f", "json"],
    ["show", "Gluteus Medius", "--format=csv"],
    ["show", "gmax", "--map"],
    ["show", "bicep"],
    ["show", "QL", "--map", "-f", "json"],
    ["map", "piriformis"],
    ["map", "gmin"],
    ["map", "soleus", "--side", "left"],
    ["map", "QL", "--side=Right"],
    ["regions"],
    ["muscles", "-f", "csv"],
    ["symptoms", "-f", "jsonl"],
    ["which", "-r", "hip", "--map"],
    ["which", "-r", "groin", "-r", "inner thigh", "--map", "--side", "left"],
    ["which", "-r", "hip", "--side", "left"],
    ["which", "-r", "buttock", "-s", "saddle numbness", "--map"],
    ["which", "-r", "elbow"],
    ["which", "-n", "2", "-s", "sitting", "--explain", "-f", "JSON"],
]


@pytest.mark.parametrize("args", QUICK_CALLS, ids=" ".join)
def test_the_quick_path_prints_what_typer_prints(
    invoke: Invoke, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    code = run_guarded(lambda: quick_path(args))
    quick = capsys.readouterr()
    typer_run = invoke(*args)
    assert (code, quick.out, quick.err) == (typer_run.exit_code, typer_run.stdout, typer_run.stderr)


BATCH_CASES = '{"id": 1, "regions": ["hip"], "symptoms": ["Sitting"]}\n{"id": 2}\n[]\n'
QUICK_BATCHES = [[], ["-n", "2"], ["--explain"], ["-f", "CSV", "--top=1"], ["--format", "jsonl"]]


@pytest.mark.parametrize("options", QUICK_BATCHES, ids=" ".join)
def test_the_quick_path_batches_as_typer_does(
    invoke: Invoke, capsys: pytest.CaptureFixture[str], tmp_path: Path, options: list[str]
) -> None:
    """`batch FILE` is an everyday call: a script runs it once a file, start-up and all."""
    cases = tmp_path / "cases.jsonl"
    cases.write_text(BATCH_CASES, encoding="utf-8")
    args = ["batch", str(cases), *options]
    assert parse(args) is not None
    code = run_guarded(lambda: quick_path(args))
    quick = capsys.readouterr()
    typer_run = invoke(*args)
    assert quick.out.count("\n") >= 3
    assert (code, quick.out, quick.err) == (typer_run.exit_code, typer_run.stdout, typer_run.stderr)


def test_batch_from_stdin_takes_the_quick_path_without_typer() -> None:
    for args in (["batch"], ["batch", "-"]):
        assert parse(args) is not None
        code = (
            "import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write(f' {\"typer\" in sys.modules}'))\n"
            "from glutealtp.__main__ import main\n"
            f"main({args!r})\n"
        )
        proc = subprocess.run(
            [sys.executable, "-c", code],
            input=BATCH_CASES,
            capture_output=True,
            text=True,
            env=process_env(),
        )
        assert proc.returncode == 2, proc.stderr  # two of the three lines are no case
        assert len(proc.stdout.splitlines()) == 3
        assert proc.stderr.endswith("1 ok, 2 failed (first at line 2)\n False"), proc.stderr


@pytest.mark.parametrize("args", [*QUICK_CALLS[:4], ["map", "piriformis"], ["regions"]])
def test_the_quick_path_imports_neither_typer_nor_pydantic(args: list[str]) -> None:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write("
        'f\'{"typer" in sys.modules} {"pydantic" in sys.modules}\'))\n'
        "from glutealtp.__main__ import main\n"
        f"main({args!r})\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=process_env()
    )
    assert proc.stderr.endswith("False False"), proc.stderr


def test_importing_the_cli_package_imports_nothing() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, glutealtp.cli; print(json.dumps([*sys.modules]))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {m for m in json.loads(proc.stdout) if m.startswith(("glutealtp", "typer", "rich"))}
    assert loaded == {"glutealtp", "glutealtp.cli"}
