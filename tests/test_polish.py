"""QA round 3's smaller findings, through the CLI: batch ids and repeated fields, `data
validate` in every format, "Saved: FILE", the PNG install hint, `glutealtp help`, and the
wording of the screens."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from glutealtp import load_catalog, make_query, rank
from glutealtp.bodymap import png
from glutealtp.bodymap.picture import ranking_picture
from glutealtp.output.words import explains, leading, trigger_point_words

from .conftest import Invoke
from .helpers import ROOT, csv_rows, dataset, index_of, raw_muscle, write_dataset

EXAMPLE = ROOT / "docs" / "example-dataset.json"


# --- Batch: an id is a string or an integer; a field comes once --------------------------------


@pytest.mark.parametrize(
    ("case_id", "kind"),
    [("1.5", "a number"), ("true", "a boolean"), ("null", "null"), ("[1]", "an array")],
)
def test_a_batch_id_that_is_no_string_or_integer_is_one_error_record(
    invoke: Invoke, case_id: str, kind: str
) -> None:
    result = invoke("batch", "-", input=f'{{"id": {case_id}, "regions": ["hip"]}}\n')
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert result.exit_code == 2 and record["status"] == "error"
    assert record["error"] == {
        "code": "invalid-id",
        "message": f"'id' must be a string or an integer, not {kind}",
        "path": "$.id",
    }


@pytest.mark.parametrize("case_id", ['"p-1"', "7", "-3"])
def test_a_string_or_integer_id_comes_back(invoke: Invoke, case_id: str) -> None:
    result = invoke("batch", "-", input=f'{{"id": {case_id}, "regions": ["hip"]}}\n')
    assert json.loads(result.stdout)["id"] == json.loads(case_id)


@pytest.mark.parametrize(
    ("line", "field", "case_id"),
    [
        ('{"regions": ["hip"], "regions": ["elbow"]}', "regions", None),
        ('{"id": "a", "id": "b", "regions": ["hip"]}', "id", None),
        (
            '{"id": "a", "regions": ["hip"], "symptoms": [], "symptoms": ["sitting"]}',
            "symptoms",
            "a",
        ),
    ],
)
def test_a_field_given_twice_is_one_error_record_not_the_last_value(
    invoke: Invoke, line: str, field: str, case_id: str | None
) -> None:
    result = invoke("batch", "-", input=line + "\n")
    [record] = [json.loads(out) for out in result.stdout.splitlines()]
    assert result.exit_code == 2 and record["status"] == "error" and record["id"] == case_id
    assert record["error"]["code"] == "duplicate-field"
    assert record["error"]["path"] == f"$.{field}"
    assert f"'{field}' is given twice" in record["error"]["message"]
    rows = csv_rows(invoke("batch", "-", "-f", "csv", input=line + "\n").stdout)
    assert [(r["status"], r["error_code"]) for r in rows] == [("error", "duplicate-field")]


def test_a_case_with_a_field_twice_still_shows_its_red_flag(invoke: Invoke) -> None:
    line = '{"id": 4, "symptoms": ["saddle numbness"], "absent": [], "absent": ["hip"]}'
    record = json.loads(invoke("batch", "-", input=line).stdout)
    assert record["error"]["code"] == "duplicate-field" and record["id"] == 4
    assert [w["id"] for w in record["warnings"]] == ["saddle-numbness"]


# --- data validate: the problems, or one "valid" record, in every format ----------------------


def test_data_validate_prints_one_valid_record_in_json_lines_and_csv(invoke: Invoke) -> None:
    result = invoke("data", "validate", str(EXAMPLE), "-f", "jsonl")
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert (record["dataset"], record["valid"], record["path"]) == (str(EXAMPLE), True, None)
    assert record["message"].startswith("valid (2 muscles")
    rows = csv_rows(invoke("data", "validate", str(EXAMPLE), "-f", "csv").stdout)
    assert [(r["valid"], r["path"], r["message"]) for r in rows] == [
        ("true", "", record["message"])
    ]


def test_data_validate_prints_every_problem_in_json_lines_and_csv(
    invoke: Invoke, tmp_path: Path
) -> None:
    broken = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    broken["muscles"][0]["id"] = "Not An Id"
    path = write_dataset(tmp_path, broken, "broken.json")
    problems = json.loads(invoke("data", "validate", path, "-f", "json").stdout)["problems"]
    jsonl = invoke("data", "validate", path, "-f", "jsonl")
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    rows = csv_rows(invoke("data", "validate", path, "-f", "csv").stdout)
    assert jsonl.exit_code == 2 and problems
    assert [(r["path"], r["message"]) for r in records] == [
        (p["path"], p["message"]) for p in problems
    ]
    assert all(r["valid"] is False for r in records)
    assert [(r["valid"], r["path"], r["message"]) for r in rows] == [
        ("false", p["path"] or "", p["message"]) for p in problems
    ]


# --- Files: "Saved: FILE"; the PNG extra named as it installs -----------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["map", "piriformis", "-o", "{out}.svg"],
        ["which", "-r", "hip", "-o", "{out}.html"],
        ["which", "-r", "hip", "-o", "{out}.json"],
        ["which", "-r", "hip", "--svg", "{out}.svg"],
    ],
    ids=" ".join,
)
def test_a_written_file_is_named_on_stderr(invoke: Invoke, tmp_path: Path, argv: list[str]) -> None:
    args = [a.format(out=tmp_path / "x") for a in argv]
    target = next(a for a in args if a.startswith(str(tmp_path)))
    result = invoke(*args)
    assert result.exit_code == 0 and Path(target).exists()
    assert result.stderr == f"Saved: {target}\n"
    assert "Saved" not in result.stdout


def test_nothing_is_said_saved_when_nothing_is_written(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "x.svg").write_text("keep", encoding="utf-8")
    result = invoke("map", "piriformis", "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 2 and "Saved" not in result.stderr


@pytest.mark.parametrize(
    ("prefix", "package", "install"),
    [
        (
            "/home/me/.local/share/uv/tools/glutealtp",
            "/home/me/.local/share/uv/tools/glutealtp/lib/python3.11/site-packages/glutealtp/bodymap/png.py",
            "uv tool install --force 'glutealtp[png]'",
        ),
        (
            "/usr",
            "/usr/lib/python3/site-packages/glutealtp/bodymap/png.py",
            "pip install 'glutealtp[png]'",
        ),
        (str(ROOT / ".venv"), str(ROOT / "src/glutealtp/bodymap/png.py"), "uv sync --extra png"),
    ],
)
def test_the_png_hint_names_the_install_that_works_here(
    prefix: str, package: str, install: str
) -> None:
    assert png.install_hint(prefix, package).startswith(install)


def test_the_png_extra_is_the_one_the_hint_names() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "[project.optional-dependencies]\npng = [" in pyproject


def test_without_cairosvg_the_png_error_names_the_extra(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cairosvg", None)  # import cairosvg: ImportError
    result = invoke("map", "piriformis", "-o", str(tmp_path / "x.png"))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "png extra" in result.stderr and "[png]" in result.stderr
    assert png.install_hint() in result.stderr and not (tmp_path / "x.png").exists()


# --- glutealtp help [COMMAND]; exit code 143 in --help ------------------------------------------


@pytest.mark.parametrize("words", [[], ["which"], ["batch"], ["data"], ["data", "validate"]])
def test_help_prints_what_dash_dash_help_prints(invoke: Invoke, words: list[str]) -> None:
    helped = invoke("help", *words)
    assert helped.exit_code == 0 and helped.stderr == ""
    assert helped.stdout == invoke(*words, "--help").stdout


@pytest.mark.parametrize("words", [["nosuch"], ["data", "nosuch"], ["which", "extra"]])
def test_help_for_an_unknown_command_is_one_line(invoke: Invoke, words: list[str]) -> None:
    result = invoke("help", *words)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and " ".join(words) in result.stderr


def test_help_lists_every_exit_code(invoke: Invoke) -> None:
    text = " ".join(invoke("--help").stdout.split())
    for code in ("0 a muscle matched", "1 none", "2 bad input", "130 interrupted", "143"):
        assert code in text
    assert "glutealtp help COMMAND" in text


def test_help_in_a_real_process_is_the_same() -> None:
    run = [sys.executable, "-m", "glutealtp"]
    helped = subprocess.run([*run, "help", "show"], capture_output=True, text=True, check=False)
    direct = subprocess.run([*run, "show", "--help"], capture_output=True, text=True, check=False)
    assert (helped.returncode, helped.stdout) == (0, direct.stdout)


# --- Wording ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Trigger points of the group", "its trigger points"),
        ("Other trigger points of the muscle", "its other trigger points"),
        ("Trigger points of the part behind the hip", "its trigger points behind the hip"),
        ("Trigger points of longus and brevis", "its longus and brevis trigger points"),
        ("Trigger point of the muscle", "its trigger point"),
        ("Trigger points of the muscle (not told apart)", "its trigger points"),
        ("Inside (medial) trigger point", "its inside trigger point"),
        (None, "its trigger points"),
    ],
)
def test_a_trigger_point_reads_as_english_after_its(name: str | None, words: str) -> None:
    assert trigger_point_words(name) == words


def test_no_explanation_names_the_muscle_twice(invoke: Invoke) -> None:
    index = load_catalog()
    for region in index.regions:
        out = invoke("which", "-r", region, "-f", "csv").stdout
        for row in csv_rows(out):
            assert " of the muscle" not in row["explains"].replace("part of the muscle", "")
            assert " of the group" not in row["explains"]


@pytest.mark.parametrize(
    "argv",
    [
        ["map", "gluteus-minimus"],
        ["map", "piriformis", "--side", "left"],
        ["which", "-r", "buttock", "-r", "hip", "--map"],
        ["show", "quadratus-lumborum", "--map"],
    ],
    ids=" ".join,
)
def test_no_map_line_ends_in_a_space(invoke: Invoke, argv: list[str]) -> None:
    out = invoke(*argv).stdout
    assert out and [line for line in out.splitlines() if line.endswith((" ", "\t"))] == []


def test_hamstrings_never_names_the_inner_two_alone(invoke: Invoke) -> None:
    result = invoke("show", "hamstrings")
    assert result.exit_code == 2
    assert "semitendinosus-semimembranosus" in result.stderr and "biceps-femoris" in result.stderr
    inner = invoke("show", "inner hamstrings", "-f", "json")
    assert json.loads(inner.stdout)["muscle"] == "semitendinosus-semimembranosus"


def test_make_images_help_prints_help_and_draws_nothing() -> None:
    images = sorted((p.name, p.stat().st_mtime_ns) for p in (ROOT / "docs" / "img").iterdir())
    run = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "make_images.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and run.stdout.startswith("usage: ")
    assert "docs/img" in run.stdout
    assert (
        sorted((p.name, p.stat().st_mtime_ns) for p in (ROOT / "docs" / "img").iterdir()) == images
    )


def test_a_muscle_that_explains_no_reported_place_is_only_also_linked(invoke: Invoke) -> None:
    """N16: the hamstring is not a candidate for perineal pain because it hurts sitting."""
    data = json.loads(invoke("which", "-r", "pelvic-floor", "-s", "sitting", "-f", "json").stdout)
    ranked = {r["muscle"] for r in data["results"]}
    linked = {a["muscle"] for a in data["also_linked"]}
    assert "biceps-femoris" in linked and "biceps-femoris" not in ranked
    assert all(r["regions_explained"] for r in data["results"])
    screen = invoke("which", "-r", "pelvic-floor", "-s", "sitting").stdout
    listed = screen.split("Also linked to what you reported", 1)
    assert "biceps femoris" in listed[1] and "Biceps femoris" not in listed[0]


@pytest.mark.parametrize("symptom", [None, "sitting", "walking", "sneezing-coughing", "upright"])
def test_every_candidate_explains_a_reported_place(symptom: str | None) -> None:
    """A candidate explains a reported region, or a symptom that is itself a place (pain down
    the leg); a muscle linked to the rest only is listed apart (`also_linked`)."""
    index = load_catalog()
    for region in index.regions:
        ranking = rank(index, make_query(index, [region], [symptom] if symptom else []))
        assert all(r.regions_explained for r in ranking.results), (region, symptom)


def test_a_symptom_said_no_to_reads_as_such(invoke: Invoke) -> None:
    """A "no" to a symptom is said as the person said it, not as "not <symptom>"."""
    out = invoke("which", "-r", "tailbone", "-a", "slouched-sitting", "-a", "sitting").stdout
    assert "against it: said no to sharp pain when sitting slouched" in out
    assert "against it: not " not in out


def test_a_disagreement_is_said_once_with_what_each_side_says(invoke: Invoke) -> None:
    """Both piriformis trigger points carry the back-of-thigh dispute: it is said once, with
    the extent the majority gives (spillover) against the single source's 'primarily'."""
    out = " ".join(invoke("show", "piriformis").stdout.split())
    disputes = out.split("Where the sources disagree")[1].split("Sources")[0]
    assert disputes.count("pain at the back of the thigh") == 1
    assert "back of the thigh as a spillover zone:" in disputes
    assert "'primarily'. Source: TriggerPointRelief.net" in disputes


def test_show_keeps_the_capitals_of_an_abbreviation(invoke: Invoke) -> None:
    out = invoke("show", "piriformis").stdout
    assert "sacroiliac (SI) joint" in out and "(si)" not in out


def test_how_it_behaves_alone_names_no_best_match(invoke: Invoke) -> None:
    """With no place of pain, no referral pattern is matched: the headline says which muscle
    the sources most link to the symptom, and asks where it hurts, never "Best match"."""
    out = " ".join(invoke("which", "-s", "sitting").stdout.split())
    assert "Best match" not in out
    assert "Most linked to worse when sitting: Gluteus maximus. No place of pain was given" in out
    index = load_catalog()
    picture = ranking_picture(index, rank(index, make_query(index, [], ["sitting"])))
    assert picture.title == "Most linked to what was reported: Gluteus maximus"
    placed = ranking_picture(index, rank(index, make_query(index, ["tailbone"], ["sitting"])))
    assert "Most linked" not in placed.title


def test_a_disputed_fact_says_so_where_it_counts(invoke: Invoke) -> None:
    """coccyx.org disputes that gluteus maximus hurts while sitting (Dr. Perry): `which` says
    so on the line the fact is used, not only `show`; an undisputed fact adds nothing."""
    out = " ".join(invoke("which", "-r", "tailbone", "-s", "sitting").stdout.split())
    assert (
        "worse when sitting: its typical complaint; disputed: coccyx.org: a tight gluteus "
        "maximus pulling on the tailbone hurts when moving into or out of a seat, not while "
        "sitting."
    ) in out
    assert out.count("disputed:") == 1


def test_a_place_inside_the_body_reads_as_such(invoke: Invoke) -> None:
    """ "Inside the pelvis" is where, not a thing with a side: never "at the inside the pelvis"."""
    out = " ".join(invoke("which", "-r", "groin", "-a", "inside-pelvis").stdout.split())
    plain = " ".join(invoke("which", "-r", "groin").stdout.split())
    assert "against it: no pain inside the pelvis" in out
    assert "it usually also hurts inside the pelvis" in plain
    assert "Pain inside the pelvis too?" in plain
    assert "the inside the pelvis" not in out + plain
    part = " ".join(
        invoke("which", "-r", "pelvis", "-r", "groin", "-s", "menstrual-pain").stdout.split()
    )
    assert "Does the pain at the pelvis reach inside the pelvis?" in part
    refused = invoke("which", "-r", "inside-pelvis", "-a", "pelvis")
    assert refused.exit_code == 2
    assert "no pain in the pelvis contradicts pain inside the pelvis, which is part of it" in (
        refused.stderr
    )


def test_a_rule_that_lifts_nothing_says_so(invoke: Invoke) -> None:
    """Dr. Perry's SI-joint rule for piriformis is met, but piriformis's own SI-joint zone
    already counts more than the rule could raise it to (multiplier 1): the line says so.
    The three-region rule does lift it, and reads as before."""
    out = " ".join(invoke("which", "-r", "si-joint", "-r", "buttock", "-r", "hip").stdout.split())
    record = json.loads(
        invoke("which", "-r", "si-joint", "-r", "buttock", "-r", "hip", "-f", "json").stdout
    )
    piriformis = next(r for r in record["results"] if r["muscle"] == "piriformis")
    kinds = {rule["kind"]: rule["multiplier"] for rule in piriformis["rules_met"]}
    assert kinds["suggests"] == 1.0 and kinds["confirms"] > 1.0
    assert "rule met (suggests; its zones already count it in full): Pain and tenderness" in out
    assert "rule met (confirms): Other muscles may also refer pain" in out


def test_a_group_of_trigger_points_reads_alike_on_the_screen_and_the_map(invoke: Invoke) -> None:
    shown = invoke("show", "gluteus-maximus").stdout
    mapped = invoke("map", "gluteus-maximus").stdout
    assert "Trigger points of the muscle (up to 3)" in shown
    assert "Trigger points of the muscle (up to 3)" in mapped
    assert "muscle (3)" not in shown + mapped


def test_a_disputed_statement_says_so_too() -> None:
    """A dispute kept on a muscle-level statement shows where that statement explains a
    region, as a zone's does (external oblique's groin-or-inner-thigh statement, for the
    thigh, in a copy of the data with a dispute added)."""
    data = dataset()
    oblique = raw_muscle(data, "external-oblique")
    [statement] = [st for st in oblique["refers_to"] if "inner-thigh" in st["regions"]]
    statement["disputed_by"] = [
        {"sources": ["nielasher-external-oblique"], "text": "A test: another page says not."}
    ]
    index = index_of(data)
    result = next(
        r
        for r in rank(index, make_query(index, ["thigh"])).results
        if r.muscle == "external-oblique"
    )
    assert any(
        "; disputed: A test: another page says not." in line for line in explains(index, result)
    )


def test_show_names_sources_by_author_never_by_id(invoke: Invoke) -> None:
    """The pressing guidance of every muscle names its sources as people know them."""
    index = load_catalog()
    for muscle in index.muscles:
        out = " ".join(invoke("show", muscle).stdout.split())
        assert [s for s in index.sources if s in out] == [], muscle


def test_the_leaders_line_lists_names_that_hold_and_apart() -> None:
    index = load_catalog()
    ranking = rank(index, make_query(index, ["back-of-leg"], ["sitting"], ["walking"]))
    assert leading(ranking) == (
        "Leading now, about equally: Semitendinosus and semimembranosus; biceps femoris"
    )


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("left buttock", "'buttock'"),
        ("my lower back on the left side", "'low-back'"),
        ("the right hip", "'hip'"),
    ],
)
def test_a_region_said_with_its_side_is_met_with_the_region_and_where_the_side_goes(
    invoke: Invoke, said: str, meant: str
) -> None:
    """`which` takes one region a name and the side apart: a person's phrase is refused in
    one line that names the region meant first, and says the side is given apart."""
    result = invoke("which", "-r", said)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line
    assert f"did you mean {meant}" in line
    assert "(a side, left or right, is given apart)" in line
    plain = invoke("which", "-r", "buttok").stderr
    assert "did you mean 'buttock'?" in plain and "a side" not in plain


def test_a_list_given_as_one_name_says_to_name_them_one_at_a_time(invoke: Invoke) -> None:
    for said in ("buttock and hip", "buttock,hip", "Buttock / HIP"):
        result = invoke("which", "-r", said)
        assert result.exit_code == 2
        assert "name one region at a time: 'buttock' and 'hip'" in result.stderr, said
    symptoms = invoke("which", "-r", "hip", "-s", "sitting and walking").stderr
    assert "name one symptom at a time: 'sitting' and 'walking'" in symptoms
    typo = invoke("which", "-r", "buttock and hipp").stderr
    assert "did you mean 'buttock'?" in typo and "at a time" not in typo
    record = json.loads(invoke("batch", "-", input='{"regions": ["buttock, hip"]}').stdout)
    assert record["error"]["message"] == (
        "unknown region 'buttock, hip'; name one region at a time: 'buttock' and 'hip'"
    )
