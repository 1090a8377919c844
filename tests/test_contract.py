"""One contract: a field has one name and one meaning in JSON, JSON Lines, CSV, batch and the
Python API (QA round 3, N12 and N29).

Every CSV is derived from one declaration (`contract.SHEETS`): its columns are paths into its
JSON Lines records, so the header and the JSON keys both come from there, and a cell is the
JSON value flattened the documented way. These tests derive both from the declaration, run
the same query through every format, and check that a shared name holds the same value.
"""

from __future__ import annotations

import csv
import json
import types
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

import glutealtp
from glutealtp import contract
from glutealtp.catalog.model import Muscle as DatasetMuscle

from .conftest import Invoke
from .helpers import ROOT, csv_rows, write_dataset

EXAMPLE = ROOT / "docs" / "example-dataset.json"
QUERY = ["-r", "buttock", "-r", "hip", "-s", "sitting", "-s", "sciatica", "-a", "groin"]
"""A query with regions, symptoms and an absent item, asked on the left side."""
CASE = {
    "id": "p-1",
    "regions": ["buttock", "hip"],
    "symptoms": ["sitting", "sciatica"],
    "absent": ["groin"],
    "side": "left",
}
"""The same query as a batch case."""


# --- The declaration, and the flattening it documents -------------------------------------------


def flat(value: object) -> str:
    """A JSON value as the CSV writes it (docs/scripting.md): strings as they are, numbers as
    JSON writes them, true/false, null as an empty cell, a list joined with "; "."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return value
    assert isinstance(value, list), f"an object is never one cell: {value!r}"
    return "; ".join(flat(v) for v in value)


def at(record: Mapping[str, Any], path: tuple[str, ...]) -> object:
    """The value at a column's path: through a list of objects, each one's value."""
    value: Any = record
    for key in path:
        if value is None:
            return None
        value = [v[key] for v in value] if isinstance(value, list) else value.get(key)
    return value


def unquoted(cell: str) -> str:
    """A CSV cell without the quote that keeps a spreadsheet from running it as a formula."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The record models a field's type holds (through lists and unions)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in models_in(arg)]


def has_path(models: tuple[type[BaseModel], ...], path: tuple[str, ...]) -> bool:
    """Whether one of the record models has the field at `path`, step by step."""
    here = list(models)
    for key in path:
        found = [m.model_fields[key].annotation for m in here if key in m.model_fields]
        if not found:
            return False
        here = [m for annotation in found for m in models_in(annotation)]
    return True


def shape(annotation: Any) -> str:
    """What a field holds, as JSON: a scalar, a list of scalars, an object, a list of objects."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        shapes = {shape(a) for a in get_args(annotation) if a is not type(None)}
        assert len(shapes) == 1, annotation
        return shapes.pop()
    if origin is list:
        return "objects" if models_in(annotation) else "scalars"
    return "object" if models_in(annotation) else "scalar"


def fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[tuple[str, str, str]]:
    """Every field of a model and of the records inside it: (model, name, shape). The dataset's
    own model (`show`'s `entry`) is the dataset format's, not the output's."""
    if model in seen or model is DatasetMuscle:
        return
    seen.add(model)
    for name, info in model.model_fields.items():
        yield model.__name__, name, shape(info.annotation)
        for inner in models_in(info.annotation):
            yield from fields(inner, seen)


LISTINGS = {("MuscleList", "muscles"), ("RegionList", "regions"), ("SymptomList", "symptoms")}
"""A listing document's one key: the entries themselves, where a record holds their ids."""


def test_a_name_holds_one_kind_of_value_in_every_output() -> None:
    """`symptoms` is ids wherever it appears (the evidence is `symptom_evidence`), `muscle` is
    always an id (show's muscle record is `entry`), and so on for every field."""
    shapes: dict[str, set[str]] = {}
    where: dict[str, set[str]] = {}
    for model in contract.OUTPUTS.values():
        for owner, name, kind in fields(model, set()):
            if (owner, name) not in LISTINGS:
                shapes.setdefault(name, set()).add(kind)
                where.setdefault(name, set()).add(owner)
    mixed = {name: (kinds, where[name]) for name, kinds in shapes.items() if len(kinds) > 1}
    assert mixed == {}
    for name in ("regions", "symptoms", "muscles", "regions_explained", "symptoms_explained"):
        assert shapes[name] == {"scalars"}, name
    assert shapes["muscle"] == {"scalar"} and shapes["entry"] == {"object"}


def test_the_names_schema_version_1_used_are_gone() -> None:
    names = {name for model in contract.OUTPUTS.values() for _, name, _ in fields(model, set())}
    assert not names & {"aliases", "part_of", "explained_by", "red_flags", "scores", "muscles_"}
    assert {"region_evidence", "symptom_evidence", "referrers", "synonyms", "side"} <= names


@pytest.mark.parametrize("command", list(contract.SHEETS))
def test_every_csv_column_is_a_json_lines_field_or_the_screens_words(command: str) -> None:
    sheet = contract.SHEETS[command]
    missing = [p for p in sheet.columns if not has_path(sheet.records, p)]
    assert missing == []
    every = {name for model in contract.OUTPUTS.values() for _, name, _ in fields(model, set())}
    assert not set(sheet.words) & every, "a column of words has a JSON field's name"
    names = ["_".join(p) for p in sheet.columns]
    assert len(set(names)) == len(names)


def _csv(
    invoke: Invoke, argv: list[str], stdin: str | None = None
) -> tuple[list[str], list[dict[str, str]], list[Any]]:
    """The CSV's header and rows, and the JSON Lines records, of the same command."""
    text = invoke(*argv, "-f", "csv", input=stdin).stdout
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    header = next(csv.reader(lines[:1]))
    out = invoke(*argv, "-f", "jsonl", input=stdin).stdout
    return header, csv_rows(text), [json.loads(line) for line in out.splitlines()]


def _invalid_dataset(tmp_path: Path) -> str:
    broken = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    broken["muscles"][0]["id"] = "Not An Id"
    broken["regions"][0]["parent"] = "nowhere"
    return write_dataset(tmp_path, broken, "broken.json")


def _runs(tmp_path: Path) -> list[tuple[str, list[str], str | None]]:
    batch_lines = "\n".join(
        [
            json.dumps(CASE),
            '{"id": 2, "regions": ["elbow"], "symptoms": ["saddle numbness"]}',
            '{"id": 3, "symptoms": ["saddle numbness"], "side": "right"}',
            "{",
        ]
    )
    return [
        ("which", ["which", *QUERY, "--side", "left"], None),
        ("which", ["which", "-r", "groin", "-s", "saddle numbness"], None),
        ("show", ["show", "quadratus-lumborum"], None),
        ("show", ["show", "gluteus-minimus"], None),
        ("muscles", ["muscles"], None),
        ("regions", ["regions"], None),
        ("symptoms", ["symptoms"], None),
        ("muscles", ["muscles", "--data", str(EXAMPLE)], None),
        ("batch", ["batch", "-", "--top", "3"], batch_lines),
        ("data-validate", ["data", "validate", str(EXAMPLE)], None),
        ("data-validate", ["data", "validate", _invalid_dataset(tmp_path)], None),
    ]


def test_each_csv_is_its_json_lines_records_flattened(invoke: Invoke, tmp_path: Path) -> None:
    """Derived from the declaration: the header, and each cell from its record's value."""
    for command, argv, stdin in _runs(tmp_path):
        sheet = contract.SHEETS[command]
        header, rows, records = _csv(invoke, argv, stdin)
        assert header == ["_".join(p) for p in sheet.columns] + list(sheet.words), argv
        if command == "which" and records[0]["muscle"] is None:
            records = []  # no match: one JSON Lines record for the warnings, no CSV row
        assert len(rows) == len(records) > 0 or command == "which", argv
        for row, record in zip(rows, records, strict=True):
            for path in sheet.columns:
                cell = unquoted(row["_".join(path)])
                assert cell == flat(at(record, path)), (argv, path)


# --- The same query in every format ------------------------------------------------------------


def test_a_shared_name_holds_the_same_value_in_every_format(invoke: Invoke) -> None:
    argv = ["which", *QUERY, "--side", "left", "--top", "4"]
    document = json.loads(invoke(*argv, "-f", "json").stdout)
    records = [json.loads(line) for line in invoke(*argv, "-f", "jsonl").stdout.splitlines()]
    rows = csv_rows(invoke(*argv, "-f", "csv").stdout)
    batch = json.loads(
        invoke("batch", "-", "--explain", "--top", "4", input=json.dumps(CASE)).stdout
    )
    brief = json.loads(invoke("batch", "-", "--top", "4", input=json.dumps(CASE)).stdout)
    [batch_row] = csv_rows(
        invoke("batch", "-", "-f", "csv", "--top", "4", input=json.dumps(CASE)).stdout
    )

    query = {
        "regions": ["buttock", "hip"],
        "symptoms": ["sciatica", "sitting"],
        "absent": ["groin"],
        "side": "left",
    }
    assert document["query"] == batch["query"] == brief["query"]
    assert {k: document["query"][k] for k in query} == query
    assert all(r["query"] == document["query"] for r in records)
    assert all(r["query_side"] == batch_row["query_side"] == "left" for r in rows)
    assert batch_row["query_symptoms"] == rows[0]["query_symptoms"] == "sciatica; sitting"

    results = document["results"]
    assert len(results) == len(records) == len(rows) == 4
    assert batch["results"] == results  # --explain: the whole `which` result
    for result, record, row, short in zip(results, records, rows, brief["results"], strict=True):
        assert {k: v for k, v in record.items() if k in result} == result
        assert {k: result[k] for k in short} == short  # brief: the same values, fewer fields
        assert row["symptoms_explained"] == flat(result["symptoms_explained"])
        assert result["symptoms_explained"] == [e["id"] for e in result["symptom_evidence"]]
        assert result["regions_explained"] == [e["id"] for e in result["region_evidence"]]
    assert batch_row["results_muscle"] == "; ".join(r["muscle"] for r in results)
    assert batch_row["results_score"] == "; ".join(json.dumps(r["score"]) for r in results)

    index = glutealtp.load_catalog()
    asked = glutealtp.make_query(
        index, CASE["regions"], CASE["symptoms"], CASE["absent"], side="left"
    )
    api = glutealtp.rank(index, asked, top=4)
    assert asked.side == "left" and api.to_dict()["query"] == document["query"]
    assert api.to_dict()["results"] == results
    assert [list(r._fields) for r in api.results] == [list(r) for r in results]


def test_show_names_the_muscle_by_id_in_every_format(invoke: Invoke) -> None:
    document = json.loads(invoke("show", "QL", "-f", "json").stdout)
    records = [json.loads(line) for line in invoke("show", "QL", "-f", "jsonl").stdout.splitlines()]
    rows = csv_rows(invoke("show", "QL", "-f", "csv").stdout)
    assert document["muscle"] == document["entry"]["id"] == "quadratus-lumborum"
    assert {r["muscle"] for r in records} == {r["muscle"] for r in rows} == {"quadratus-lumborum"}
    # Zones are region ids everywhere; each zone's activity is its own column, not a note.
    group = next(r for r in rows if r["trigger_point"] == "quadratus-lumborum-group")
    assert "(" not in group["spillover_zones"] and "chronic" in group["zones_activity"]


@pytest.mark.parametrize("command", ["muscles", "regions", "symptoms"])
def test_a_listing_holds_the_same_records_in_json_and_json_lines(
    invoke: Invoke, command: str
) -> None:
    document = json.loads(invoke(command, "-f", "json").stdout)
    records = [json.loads(line) for line in invoke(command, "-f", "jsonl").stdout.splitlines()]
    envelope = {"schema_version", "disclaimer"}
    assert [{k: v for k, v in r.items() if k not in envelope} for r in records] == document[command]
    assert all("synonyms" in r and "aliases" not in r for r in records)


def test_regions_name_the_parent_alike_in_json_and_csv(invoke: Invoke) -> None:
    items = json.loads(invoke("regions", "-f", "json").stdout)["regions"]
    rows = csv_rows(invoke("regions", "-f", "csv").stdout)
    assert [r["parent"] for r in rows] == [flat(i["parent"]) for i in items]
    assert [r["also_part_of"] for r in rows] == [flat(i["also_part_of"]) for i in items]
    assert "part_of" not in rows[0] and "muscles" not in items[0]


# --- The side is part of the query --------------------------------------------------------------


def test_which_side_is_recorded_in_every_format_without_a_picture(invoke: Invoke) -> None:
    argv = ["which", "-r", "buttock", "--side", "right"]
    table = invoke(*argv)
    assert table.exit_code == 0 and table.stderr == ""
    assert json.loads(invoke(*argv, "-f", "json").stdout)["query"]["side"] == "right"
    for line in invoke(*argv, "-f", "jsonl").stdout.splitlines():
        assert json.loads(line)["query"]["side"] == "right"
    assert {r["query_side"] for r in csv_rows(invoke(*argv, "-f", "csv").stdout)} == {"right"}
    unsided = json.loads(invoke("which", "-r", "buttock", "-f", "json").stdout)
    assert unsided["query"]["side"] is None


def test_which_side_goes_into_the_json_file_it_writes(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = invoke("which", "-r", "hip", "--side", "left", "-o", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["query"]["side"] == "left"


@pytest.mark.parametrize(
    ("side", "ok"), [("left", True), ("right", True), ("up", False), (None, True)]
)
def test_the_api_takes_a_side_and_refuses_another_word(side: str | None, ok: bool) -> None:
    index = glutealtp.load_catalog()
    if ok:
        assert glutealtp.make_query(index, ["hip"], side=side).side == side  # type: ignore[arg-type]
    else:
        with pytest.raises(ValueError, match="side must be"):
            glutealtp.make_query(index, ["hip"], side=side)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="side must be"):
            glutealtp.rank(index, glutealtp.Query(("hip",), (), (), side))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("side", "message"),
    [('"up"', "not 'up'"), ("null", "not null"), ("3", "not a number"), ('["left"]', "an array")],
)
def test_a_batch_side_is_left_or_right(invoke: Invoke, side: str, message: str) -> None:
    line = f'{{"id": "s", "regions": ["hip"], "side": {side}}}'
    result = invoke("batch", "-", input=line)
    [record] = [json.loads(out) for out in result.stdout.splitlines()]
    assert result.exit_code == 2 and record["status"] == "error" and record["id"] == "s"
    assert record["error"]["code"] == "invalid-side" and record["error"]["path"] == "$.side"
    assert message in record["error"]["message"]


def test_ask_and_the_handout_get_the_side_in_the_query() -> None:
    """`ask` ranks through `rank_document`, and the handout reads the ranking's query."""
    from glutealtp.commands import rank_document

    index = glutealtp.load_catalog()
    _, _, ranking = rank_document(index, ["buttock"], [], top=3, explain=False, side="right")
    assert ranking.query.side == "right" and ranking.to_dict()["query"]["side"] == "right"


@pytest.mark.parametrize(
    "argv",
    [
        ["which", "-r", "buttock", "-r", "hip", "-s", "sitting", "--explain"],
        ["which", "-r", "hip", "-a", "front-of-hip", "-s", "sciatica", "--explain"],
        ["which", "-r", "knee", "-r", "back-of-leg", "-s", "sitting", "--explain"],
        ["show", "piriformis"],
    ],
)
def test_every_number_in_json_is_tidy(invoke: Invoke, argv: list[str]) -> None:
    """No float shows its binary rounding (0.29924999999999996): each has at most six
    significant digits."""
    numbers: list[float] = []

    def walk(value: object) -> None:
        if isinstance(value, float):
            numbers.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json.loads(invoke(*argv, "-f", "json").stdout))
    assert numbers
    assert [x for x in numbers if float(f"{x:.6g}") != x] == []
