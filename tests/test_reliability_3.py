"""The reproductions of reliability round 3 (`../shared/reports/reliability-3.md`), R1, R3
and R4, as tests, with the same guarantees for `--absent` and batch's "absent".

R2 (the scoring bounds and the scores they give) is in `test_scoring_bounds.py`; the
mutation campaign in `test_mutation_campaign.py`.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from glutealtp.cli.exits import handle
from glutealtp.errors import ExitCode
from glutealtp.output.document import Table
from glutealtp.output.layout import table_lines, text_of

from .conftest import Invoke
from .helpers import GLUTEALTP, ROOT, on_a_terminal, process_env, write_dataset

EXAMPLE: dict[str, Any] = json.loads(
    (ROOT / "docs" / "example-dataset.json").read_text(encoding="utf-8")
)
FORMATS = ("table", "json", "jsonl", "csv")


def _no_trigger_points() -> dict[str, Any]:
    """The report's t/notp.json: piriformis known only from its `refers_to` statements."""
    data = copy.deepcopy(EXAMPLE)
    data["muscles"][1]["trigger_points"] = []
    return data


def _no_symptoms() -> dict[str, Any]:
    """The report's t/nosym.json: a dataset with no symptoms at all."""
    data = copy.deepcopy(EXAMPLE)
    data["symptoms"] = []
    for m in data["muscles"]:
        m["symptoms"] = []
        m["rules"] = [r for r in m.get("rules", []) if not r.get("symptoms")]
        m["conditions"] = [
            dict(c, symptoms=[]) for c in m.get("conditions", []) if c.get("regions")
        ]
        m["related"] = [dict(r, symptoms=[]) for r in m.get("related", [])]
    return data


def _parses(fmt: str, text: str) -> None:
    """The output is what its format promises: JSON, one JSON value a line, or CSV rows."""
    if fmt == "json":
        json.loads(text)
    elif fmt == "jsonl":
        for line in text.splitlines():
            json.loads(line)
    elif fmt == "csv":
        rows = [line for line in text.splitlines() if not line.startswith("#")]
        table = list(csv.reader(io.StringIO("\n".join(rows))))
        assert len({len(r) for r in table}) <= 1


# --- R1: a table with no rows ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_r1_show_a_muscle_with_no_trigger_points(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    path = write_dataset(tmp_path, _no_trigger_points())
    assert invoke("data", "validate", path).exit_code == 0
    result = invoke("show", "piriformis", "--data", path, "-f", fmt)
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    _parses(fmt, result.stdout)
    if fmt == "table":
        assert "\nNo trigger points recorded.\n" in result.stdout
        assert "Trigger point  " not in result.stdout  # no empty header
    elif fmt == "csv":
        assert "# No trigger points recorded.\n" in result.stdout
    elif fmt == "json":
        document = json.loads(result.stdout)
        assert document["entry"]["trigger_points"] == [], document
    else:
        assert result.stdout == ""  # no trigger point, no record


@pytest.mark.parametrize("fmt", FORMATS)
def test_r1_symptoms_of_a_dataset_with_none(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    path = write_dataset(tmp_path, _no_symptoms())
    assert invoke("data", "validate", path).exit_code == 0
    for listing in ("symptoms", "regions", "muscles"):
        result = invoke(listing, "--data", path, "-f", fmt)
        assert result.exit_code == 0, result.output
        _parses(fmt, result.stdout)
    result = invoke("symptoms", "--data", path, "-f", fmt)
    if fmt == "table":
        assert result.stdout.startswith("No symptoms recorded.\n")
    elif fmt == "csv":
        assert "# No symptoms recorded.\n" in result.stdout
    elif fmt == "json":
        assert json.loads(result.stdout)["symptoms"] == []


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["show", "piriformis", "--map"], "No trigger points recorded."),
        (["show", "piriformis"], "No trigger points recorded."),
        (["symptoms"], "No symptoms recorded."),
    ],
)
def test_r1_on_a_terminal(tmp_path: Path, args: list[str], line: str) -> None:
    data = _no_symptoms()
    data["muscles"][1]["trigger_points"] = []
    path = write_dataset(tmp_path, data)
    run = on_a_terminal(*args, "--data", path)
    assert run.crash is None, run.crash
    assert run.code == 0, run.stderr
    assert line in run.stdout


@pytest.mark.parametrize("width", [20, 80])
def test_r1_any_empty_table_is_one_plain_line(width: int) -> None:
    untitled = Table(("A", "B"), ())
    assert [text_of(x) for x in table_lines(untitled, 80)] == ["Nothing recorded."]
    said = Table(("A",), (), title="Regions (0)", empty="No region here.")
    assert [text_of(x) for x in table_lines(said, 80)] == ["No region here."]
    titled = Table(("A", "B"), (), title="Sacroiliac joints (0)")
    assert " ".join(text_of(x) for x in table_lines(titled, width)).replace("  ", " ") in (
        "No Sacroiliac joints recorded.",
        "No sacroiliac joints recorded.",
    )


# --- R3: every output checked before anything is written -----------------------------------------


def test_r3_which_refuses_before_writing_the_svg(invoke: Invoke, tmp_path: Path) -> None:
    existing = tmp_path / "existing.html"
    existing.write_text("old")
    new = tmp_path / "new.svg"
    result = invoke("which", "-r", "hip", "--svg", str(new), "-o", str(existing))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "already exists" in result.stderr
    assert result.stdout == ""
    assert not new.exists() and existing.read_text() == "old"


@pytest.mark.parametrize("second", ["same.svg", "./same.svg", "sub/../same.svg"])
def test_r3_two_outputs_naming_one_file_are_refused(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    for force in ([], ["--force"]):
        result = invoke("which", "-r", "hip", "--svg", "same.svg", "-o", second, *force)
        assert result.exit_code == 2, result.output
        assert result.stderr.count("\n") == 1 and "two outputs" in result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["sub"]


def test_r3_the_refusal_leads_with_the_red_flag(invoke: Invoke, tmp_path: Path) -> None:
    out = str(tmp_path / "a.svg")
    result = invoke("which", "-r", "hip", "-s", "saddle numbness", "--svg", out, "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith("glutealtp: error: RED FLAG")
    assert "two outputs" in result.stderr and not Path(out).exists()


def test_r3_map_checks_its_output_first(invoke: Invoke, tmp_path: Path) -> None:
    missing = tmp_path / "missing" / "m.svg"
    result = invoke("map", "piriformis", "-o", str(missing))
    assert result.exit_code == 2 and "does not exist" in result.stderr
    existing = tmp_path / "m.svg"
    existing.write_text("old")
    result = invoke("map", "piriformis", "-o", str(existing))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert existing.read_text() == "old"


# --- R4: file names ----------------------------------------------------------------------------


def _one_line(result: Any) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("glutealtp: error: ") and result.stderr.count("\n") == 1
    return str(result.stderr)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["which", "-r", "hip", "-o", ".svg"], "a name that starts with '.'"),
        (["which", "-r", "hip", "-o", ".html"], "a name that starts with '.'"),
        (["which", "-r", "hip", "--svg", ".png"], "a name that starts with '.'"),
        (["map", "piriformis", "-o", ".svg"], "a name that starts with '.'"),
        (["map", "piriformis", "-o", "x.svg/"], "ends in '/'"),
        (["which", "-r", "hip", "-o", "x.html/"], "ends in '/'"),
        (["which", "-r", "hip", "-o", ""], "'' is no file name"),
        (["which", "-r", "hip", "--svg", ""], "'' is no file name"),
        (["map", "piriformis", "-o", ""], "'' is no file name"),
        (["which", "-r", "hip", "--data", ""], "is an empty path"),
        (["show", "piriformis", "--data", ""], "is an empty path"),
        (["which", "-r", "hip", "-o", "somedir"], "somedir: is a directory"),
        (["map", "piriformis", "-o", "somedir"], "somedir: is a directory"),
        (["which", "-r", "hip", "-o", "/dev/null"], "name the output file .html, .svg"),
        (["map", "piriformis", "-o", "/dev/null"], "name the picture file .svg or .png"),
        (["which", "-r", "hip", "--svg", "/dev/null"], "name the picture file .svg or .png"),
    ],
)
def test_r4_odd_output_names_are_one_clear_line(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "somedir").mkdir()
    stderr = _one_line(invoke(*args))
    assert message in stderr
    if "'.'" in message:  # names the suffixes it takes, and never contradicts itself
        assert "such as result." in stderr and (
            ".svg or .png)" in stderr or ".png or .json)" in stderr
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["somedir"]


def test_r4_a_suffix_is_read_one_way_for_every_output() -> None:
    from glutealtp.output.files import OutputError, output_suffix

    accepted = (".html", ".svg")
    assert output_suffix("a.SVG", accepted) == ".svg"
    assert output_suffix("dir.d/a.htm", accepted) == ".html"
    assert output_suffix(".hidden.svg", accepted) == ".svg"
    for refused in (".svg", ".html", "dir/.svg", "a.svg/", "", "a", "a.pdf"):
        with pytest.raises(OutputError):
            output_suffix(refused, accepted)


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ([b"data", b"validate", b"caf\xe9"], rb"caf\xe9: no such file"),
        ([b"data", b"validate", b"\xff\xfe"], rb"\xff\xfe: no such file"),
        ([b"which", b"-r", b"hip", b"--data", b"\xff"], rb"\xff: no such file"),
        ([b"which", b"-r", b"hip", b"-o", b"caf\xe9/x.svg"], rb"directory caf\xe9 does not"),
    ],
)
def test_r4_undecodable_bytes_show_escaped_in_messages(
    tmp_path: Path, args: list[bytes], shown: bytes
) -> None:
    """A real process: the bytes come as the OS gives them, not as a str."""
    run = subprocess.run(
        [os.fsencode(a) for a in GLUTEALTP] + args,
        capture_output=True,
        env=process_env(),
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 2
    assert b"Traceback" not in run.stderr and run.stderr.count(b"\n") == 1
    assert shown in run.stderr
    if args[0] == b"data":
        assert shown.split(b":")[0] + b": 1 problem" in run.stdout


# --- --absent and batch's "absent" -------------------------------------------------------------


def test_absent_unknown_names_get_did_you_mean(invoke: Invoke) -> None:
    stderr = _one_line(invoke("which", "-r", "hip", "-a", "buttok"))
    assert "unknown region or symptom 'buttok'; did you mean 'buttock'?" in stderr
    stderr = _one_line(invoke("which", "-r", "hip", "-s", "saddle numbness", "-a", "sittin"))
    assert stderr.startswith("glutealtp: error: RED FLAG")
    assert "did you mean 'sitting'" in stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-r", "hip", "-s", "sitting", "-a", "sitting"],
            ": Worse when sitting is given both as present and as absent",
        ),
        (["-r", "hip", "-a", "hips"], ": Hip is given both as present and as absent"),
        (
            ["-r", "buttock", "-a", "gluteal region"],
            "no pain in the gluteal region contradicts pain in the buttock, which is part of it",
        ),
    ],
)
def test_an_item_both_present_and_absent_is_one_line(
    invoke: Invoke, args: list[str], message: str
) -> None:
    assert message in _one_line(invoke("which", *args))


def test_batch_absent_errors_keep_the_red_flags(invoke: Invoke) -> None:
    lines = [
        {"id": 1, "regions": ["hip"], "symptoms": ["saddle numbness"], "absent": ["buttok"]},
        {
            "id": 2,
            "regions": ["hip"],
            "symptoms": ["saddle numbness", "sitting"],
            "absent": ["sitting"],
        },
        {"id": 3, "regions": ["hip"], "symptoms": ["saddle numbness"], "absent": [3]},
        {"id": 4, "regions": ["hip"], "symptoms": ["saddle numbness"], "absent": "buttock"},
        {"id": 5, "regions": ["hip"], "absent": ["buttock"]},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    for fmt in ("jsonl", "csv"):
        result = invoke("batch", "-f", fmt, input=stdin)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        _parses(fmt, result.stdout)
    records = [json.loads(x) for x in invoke("batch", input=stdin).stdout.splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3, 4, 5]
    codes = [r.get("error", {}).get("code") for r in records]
    assert codes == ["unknown-item", "contradiction", "wrong-type", "wrong-type", None]
    assert "did you mean 'buttock'" in records[0]["error"]["message"]
    for record in records[:4]:
        assert record["warnings"][0]["kind"] == "red-flag", record


# --- D11: a Ctrl-C that Python wraps -------------------------------------------------------------


def test_a_ctrl_c_wrapped_by_python_ends_as_ctrl_c() -> None:
    """Python 3.11 wraps a KeyboardInterrupt raised while a class is made (an import in
    progress) in "RuntimeError: Error calling __set_name__": it ends the run with 130, not a
    traceback (seen once in 1,900 early interrupts)."""

    class Interrupts:
        def __set_name__(self, owner: type, name: str) -> None:
            raise KeyboardInterrupt

    try:
        type("Made", (), {"attribute": Interrupts()})
    except BaseException as exc:  # whichever Python: wrapped (3.11) or not (3.12+)
        caught = exc
    assert handle(caught) == ExitCode.INTERRUPTED
    assert handle(RuntimeError("a bug")) is None
