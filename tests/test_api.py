"""The Python API: the CLI's answers as typed objects, and the README example runs as shown."""

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

from .conftest import ROOT, Invoke

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE = ROOT / "docs" / "example-dataset.json"


def test_the_readme_example_runs_and_prints_what_it_claims() -> None:
    section = README.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, flags=re.S)
    shown = re.search(r"prints\n\n```text\n(.*?)```", section, flags=re.S)
    assert code and shown
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.group(1), "README.md", "exec"), {})
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
