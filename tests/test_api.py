"""The Python API: the CLI's answers as typed objects, and the documented example runs as shown."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

import glutealtp
from glutealtp import (
    CatalogError,
    EmptyQuery,
    Ranking,
    Result,
    UnknownName,
    load_catalog,
    make_query,
    rank,
    with_next_questions,
)

from .conftest import Invoke
from .helpers import ROOT

SCRIPTING = ROOT / "docs" / "scripting.md"
EXAMPLE = ROOT / "docs" / "example-dataset.json"


def test_the_readme_example_runs_and_prints_what_it_claims() -> None:
    """The Python API example of docs/scripting.md (once in the README)."""
    section = SCRIPTING.read_text(encoding="utf-8").split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, flags=re.S)
    shown = re.search(r"prints\n\n```text\n(.*?)```", section, flags=re.S)
    assert code and shown
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.group(1), "docs/scripting.md", "exec"), {})
    assert out.getvalue() == shown.group(1)


def test_the_api_is_small_and_typed() -> None:
    assert set(glutealtp.__all__) >= {"load_catalog", "make_query", "rank", "Ranking", "Result"}
    assert (Path(glutealtp.__file__).parent / "py.typed").exists()


@pytest.mark.parametrize(
    ("regions", "symptoms", "top"),
    [(["buttock", "hip"], [], None), (["SI joint"], ["sciatica"], 2), ([], ["saddle numbness"], 1)],
)
def test_the_json_is_made_from_the_api_objects(
    invoke: Invoke, regions: list[str], symptoms: list[str], top: int | None
) -> None:
    catalog = load_catalog()
    full = with_next_questions(catalog, rank(catalog, make_query(catalog, regions, symptoms)))
    ranking = full._replace(results=full.results[:top])
    assert ranking.results == rank(catalog, make_query(catalog, regions, symptoms), top=top).results
    assert isinstance(ranking, Ranking) and all(isinstance(r, Result) for r in ranking.results)
    argv = ["which", "-f", "json", *(["--top", str(top)] if top else [])]
    for r in regions:
        argv += ["-r", r]
    for s in symptoms:
        argv += ["-s", s]
    assert json.loads(invoke(*argv).stdout) == ranking.to_dict()
    for result, plain in zip(ranking.results, ranking.to_dict()["results"], strict=True):
        assert (plain["muscle"], plain["score"]) == (result.muscle, result.score)


def test_errors_are_typed() -> None:
    catalog = load_catalog()
    with pytest.raises(UnknownName) as unknown:
        make_query(catalog, ["buttok"])
    assert unknown.value.suggestions == ["buttock"] and unknown.value.kind == "region"
    assert unknown.value.brief == "unknown region 'buttok'; did you mean 'buttock'?"
    assert str(unknown.value) == f"{unknown.value.brief} (valid: {', '.join(unknown.value.valid)})"
    with pytest.raises(EmptyQuery, match=r"^give at least one region or symptom$"):
        make_query(catalog, [], [])
    with pytest.raises(CatalogError) as invalid:
        load_catalog(ROOT / "README.md")
    assert invalid.value.problems


def test_another_dataset_through_the_api() -> None:
    catalog = load_catalog(EXAMPLE)
    assert sorted(catalog.muscles) == ["gluteus-maximus", "piriformis"]
    ranking = rank(catalog, make_query(catalog, ["buttock"]))
    # Gluteus maximus's whole pattern lies in the gluteal region (Dr. Perry): it leads.
    assert [r.muscle for r in ranking.results] == ["gluteus-maximus", "piriformis"]


# --- D17: odd arguments are errors that say what is wrong ---------------------------------------


@pytest.mark.parametrize("value", ["buttock", b"buttock", 5, None])
def test_d17_a_str_or_other_non_list_is_a_type_error(value: object) -> None:
    """D17: `make_query(c, regions="buttock")` iterated the letters ("unknown region 'b'")."""
    catalog = load_catalog()
    for parameter in ("regions", "symptoms"):
        with pytest.raises(TypeError, match=rf"^{parameter} must be a list of names"):
            make_query(catalog, **{parameter: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("item", [1, None, b"hip", ["hip"]])
def test_d17_a_name_that_is_not_a_str_is_a_type_error_naming_the_parameter(item: object) -> None:
    """Once an AttributeError ('int' object has no attribute 'casefold')."""
    catalog = load_catalog()
    with pytest.raises(TypeError, match=r"^regions\[1\] must be a str, not "):
        make_query(catalog, ["hip", item])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^symptoms\[0\] must be a str, not "):
        make_query(catalog, ["hip"], [item])  # type: ignore[list-item]


def test_d17_names_may_come_in_any_iterable() -> None:
    catalog = load_catalog()
    query = make_query(catalog, ("hip",), iter(["sitting"]))
    assert query == make_query(catalog, ["hip"], ["sitting"])


@pytest.mark.parametrize("top", [0, -1])
def test_d17_top_below_one_is_a_value_error(top: int) -> None:
    """Once `top=0` gave no results and `top=-1` silently dropped the last one."""
    catalog = load_catalog()
    with pytest.raises(ValueError, match=rf"^top must be at least 1 .*, not {top}$"):
        rank(catalog, make_query(catalog, ["hip"]), top=top)
    with pytest.raises(TypeError, match=r"^top must be an int or None"):
        rank(catalog, make_query(catalog, ["hip"]), top=2.0)  # type: ignore[arg-type]
    assert len(rank(catalog, make_query(catalog, ["hip"]), top=1).results) == 1


def test_d17_a_hand_made_query_with_an_unknown_id_is_unknown_name() -> None:
    """Once a KeyError."""
    catalog = load_catalog()
    with pytest.raises(UnknownName) as unknown:
        rank(catalog, glutealtp.Query(("nosuch",), ()))
    assert unknown.value.kind == "region" and unknown.value.text == "nosuch"
    with pytest.raises(UnknownName) as named:
        rank(catalog, glutealtp.Query((), ("Sitting",)))
    assert named.value.kind == "symptom" and named.value.suggestions == ["sitting"]
    with pytest.raises(TypeError, match=r"^query must be a Query"):
        rank(catalog, ["hip"])  # type: ignore[arg-type]


def test_d17_an_empty_path_is_said_to_be_empty() -> None:
    """Once "is a directory" (the empty path is the current directory to the OS)."""
    with pytest.raises(CatalogError, match="is an empty path, not a dataset file"):
        load_catalog("")
