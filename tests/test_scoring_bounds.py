"""R2 (reliability round 3): every scoring value the dataset model allows, zero included where
it is allowed and the smallest float above a bound where it is not, gives finite scores
between 0 and 100 for every combination of present, absent and pressed items, and no
division by zero anywhere (the next questions, the presses, the near-ties).

The bounds are read from the model (`catalog.scoring`), so the test follows it.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast, get_args

import annotated_types as at
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from glutealtp.catalog.index import CatalogIndex
from glutealtp.catalog.scoring import AnswerLikelihood, FitWords, Likelihood, Scoring
from glutealtp.errors import GlutealtpError
from glutealtp.ranking.exam import next_press
from glutealtp.ranking.presses import ANSWERS, points
from glutealtp.ranking.questions import with_next_questions
from glutealtp.ranking.rank import make_query, rank
from glutealtp.vocabulary import PressAnswer

from .conftest import Invoke
from .helpers import ROOT, dataset, index_of, write_dataset

EXAMPLE = json.loads((ROOT / "docs" / "example-dataset.json").read_text(encoding="utf-8"))


def _limits(metadata: Iterable[object]) -> tuple[float, float, bool, bool]:
    """(low, high, low excluded, high excluded) from a field's constraints."""
    low, high, open_low, open_high = -math.inf, math.inf, False, False
    for meta in metadata:
        if isinstance(meta, FieldInfo):
            return _limits(meta.metadata)
        if isinstance(meta, at.Gt):
            low, open_low = float(cast("float", meta.gt)), True
        elif isinstance(meta, at.Ge):
            low = float(cast("float", meta.ge))
        elif isinstance(meta, at.Lt):
            high, open_high = float(cast("float", meta.lt)), True
        elif isinstance(meta, at.Le):
            high = float(cast("float", meta.le))
    assert math.isfinite(low) and math.isfinite(high), "a scoring value is unbounded"
    return low, high, open_low, open_high


def _bounds(model: type[BaseModel], name: str) -> tuple[float, float, bool, bool]:
    """The bounds of a float field of the model."""
    return _limits(model.model_fields[name].metadata)


def _entry_bounds(name: str) -> tuple[float, float, bool, bool]:
    """The bounds of the values of a dict field of `Scoring` (activity, commonness, ...)."""
    value_type = get_args(Scoring.model_fields[name].annotation)[1]
    return _limits(getattr(value_type, "__metadata__", ()))


def _edge(low: float, high: float, open_low: bool, open_high: bool) -> list[float]:
    """The extremes a value may take: the bounds themselves, or the next float inside."""
    return [
        math.nextafter(low, high) if open_low else low,
        math.nextafter(high, low) if open_high else high,
    ]


@st.composite
def value(draw: st.DrawFn, model: type[BaseModel], name: str) -> float:
    """A value of the field across its allowed range, its extremes (zero where allowed)
    drawn often."""
    low, high, open_low, open_high = _bounds(model, name)
    extremes = _edge(low, high, open_low, open_high)
    anywhere = st.floats(low, high, exclude_min=open_low, exclude_max=open_high)
    return draw(st.one_of(st.sampled_from(extremes), anywhere))


@st.composite
def entry(draw: st.DrawFn, name: str) -> float:
    low, high, open_low, open_high = _entry_bounds(name)
    extremes = _edge(low, high, open_low, open_high)
    anywhere = st.floats(low, high, exclude_min=open_low, exclude_max=open_high)
    return draw(st.one_of(st.sampled_from(extremes), anywhere))


@st.composite
def likelihoods(draw: st.DrawFn) -> dict[str, float]:
    """Likelihoods in the order the model asks, each within its bounds."""
    probability = value(Likelihood, "essential")
    regions = sorted(draw(st.lists(probability, min_size=5, max_size=5, unique=True)))[::-1]
    essential, spillover, statement, condition, region_leak = regions
    symptoms = sorted(draw(st.lists(probability, min_size=4, max_size=4, unique=True)))[::-1]
    signature, link, through = (min(s, essential) for s in symptoms[:3])
    leak = symptoms[3] if symptoms[3] < through else region_leak
    assume(leak < through)
    return {
        "essential": essential,
        "spillover": spillover,
        "statement": statement,
        "condition": condition,
        "region_leak": region_leak,
        "signature_symptom": signature,
        "symptom_link": link,
        "symptom_condition": through,
        "symptom_leak": leak,
    }


@st.composite
def scoring(draw: st.DrawFn) -> dict[str, Any]:
    """A `scoring` block with every value drawn across its allowed bounds."""
    fit = value(FitWords, "strong")
    strong, moderate = sorted(draw(st.lists(fit, min_size=2, max_size=2, unique=True)))[::-1]
    answers = {
        side: {a: draw(value(AnswerLikelihood, a)) for a in ("familiar", "tender", "none")}
        for side in ("own", "other")
    }
    block = {
        "likelihood": draw(likelihoods()),
        "activity": {k: draw(entry("activity")) for k in EXAMPLE["scoring"]["activity"]},
        "single_source": draw(value(Scoring, "single_source")),
        "symptom_budget": draw(value(Scoring, "symptom_budget")),
        "pattern_activities": draw(
            st.lists(st.sampled_from(sorted(EXAMPLE["scoring"]["activity"])), min_size=1)
        ),
        "rule_strength": {k: draw(entry("rule_strength")) for k in ("confirms", "suggests")},
        "related_share": {
            k: draw(entry("related_share")) for k in EXAMPLE["scoring"]["related_share"]
        },
        "unreported_area": draw(value(Scoring, "unreported_area")),
        "commonness": {k: draw(entry("commonness")) for k in EXAMPLE["scoring"]["commonness"]},
        "commonness_boost": draw(value(Scoring, "commonness_boost")),
        "near_tie": draw(value(Scoring, "near_tie")),
        "fit_words": {"strong": strong, "moderate": moderate},
        "press": answers,
    }
    try:
        Scoring.model_validate(block, strict=True)
    except ValidationError:
        assume(False)  # two drawn values that the model's order refuses (moderate = strong)
    return block


BASES = {"bundled": dataset(), "example": EXAMPLE}


def _index(base: str, block: dict[str, Any]) -> CatalogIndex:
    data = copy.deepcopy(BASES[base])
    data["scoring"] = block
    return index_of(data)


@st.composite
def query_words(
    draw: st.DrawFn, index: CatalogIndex
) -> tuple[list[str], list[str], list[str], list[tuple[str, PressAnswer]]]:
    """Present regions and symptoms, absent items and presses, drawn from the catalog."""
    regions, symptoms = sorted(index.regions), sorted(index.symptoms)
    present_r = draw(st.lists(st.sampled_from(regions), max_size=4, unique=True))
    present_s = draw(st.lists(st.sampled_from(symptoms), max_size=4, unique=True))
    left = [i for i in (*regions, *symptoms) if i not in present_r and i not in present_s]
    absent = draw(st.lists(st.sampled_from(left), max_size=8, unique=True)) if left else []
    pressable = sorted(points(index))
    pressed = (
        draw(
            st.lists(
                st.tuples(st.sampled_from(pressable), st.sampled_from(ANSWERS)),
                max_size=3,
                unique_by=lambda p: p[0],
            )
        )
        if pressable
        else []
    )
    return present_r, present_s, absent, pressed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from(sorted(BASES)), block=scoring(), data=st.data())
def test_scores_are_finite_and_in_range_for_every_allowed_scoring(
    base: str, block: dict[str, Any], data: st.DataObject
) -> None:
    index = _index(base, block)
    for _ in range(4):
        regions, symptoms, absent, pressed = data.draw(query_words(index))
        try:
            query = make_query(index, regions, symptoms, absent, pressed=pressed)
        except GlutealtpError:
            continue  # no present item, or an absent region around a present one
        ranking = with_next_questions(index, rank(index, query))
        for r in ranking.results:
            assert math.isfinite(r.score) and 0 < r.score <= 100, (r.muscle, r.score)
            for part in r.parts:
                assert math.isfinite(part)
        assert [r.rank for r in ranking.results] == sorted(r.rank for r in ranking.results)
        next_press(index, ranking)


def _elbow_dataset() -> dict[str, Any]:
    """The report's R2 shape: both muscles reach a new region only through a condition, at
    the least likelihoods the model allows."""
    data: dict[str, Any] = copy.deepcopy(EXAMPLE)
    low = _edge(*_bounds(Likelihood, "essential"))[0]
    lk = data["scoring"]["likelihood"]
    lk["condition"], lk["region_leak"] = 2 * low, low
    src = data["sources"][0]["id"]
    data["regions"].append({"id": "elbow", "name": "Elbow", "sources": [src]})
    for m in data["muscles"]:
        m.setdefault("conditions", []).append(
            {
                "condition": data["conditions"][0]["id"],
                "link": "may-cause",
                "regions": ["elbow"],
                "sources": [src],
            }
        )
    return data


def test_a_muscle_whose_score_rounds_to_zero_is_no_match() -> None:
    """R2: a muscle with no support left (its score rounds to 0.0) is not listed as a match
    but as linked to what was reported, and the next questions divide by nothing."""
    index = index_of(_elbow_dataset())
    weak = with_next_questions(index, rank(index, make_query(index, ["elbow"])))
    assert [r.score for r in weak.results] == [0.2, 0.2]
    none = make_query(index, ["elbow"], absent=["buttock", "sacrum"])
    ranking = with_next_questions(index, rank(index, none))
    assert ranking.results == ()
    assert {a.muscle for a in ranking.also_linked} == {"gluteus-maximus", "piriformis"}


def test_no_match_at_score_zero_on_the_command_line(invoke: Invoke, tmp_path: Path) -> None:
    """`which` ends with exit 1 (no match) in every format, and `batch` lists no 0.0 score."""
    path = write_dataset(tmp_path, _elbow_dataset())
    words = ["-r", "elbow", "-a", "buttock", "-a", "sacrum", "--data", path]
    for fmt in ("table", "json", "jsonl", "csv"):
        result = invoke("which", *words, "-f", fmt)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
    cases = '{"regions": ["elbow"], "absent": ["buttock", "sacrum"]}\n{"regions": ["elbow"]}\n'
    result = invoke("batch", "--data", path, input=cases)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["results"] == []
    assert [r["score"] for r in records[1]["results"]] == [0.2, 0.2]


@pytest.mark.parametrize("many", [30, 400])
def test_many_absent_regions_in_one_area_never_divide_by_zero(many: int) -> None:
    """The penalty for an unreported area is divided by what the absent regions of that
    area already took: computed in logarithms, so no product of many small factors reaches
    0 (a muscle with a main zone in each of `many` parts of one area, each answered no)."""
    data = copy.deepcopy(EXAMPLE)
    sc = data["scoring"]
    sc["likelihood"]["essential"] = _edge(*_bounds(Likelihood, "essential"))[1]
    sc["single_source"] = 1.0
    sc["activity"] = dict.fromkeys(sc["activity"], 1.0)
    src = data["sources"][0]["id"]
    data["regions"].append({"id": "far", "name": "Far", "sources": [src]})
    tp = data["muscles"][0]["trigger_points"][0]
    for i in range(many):
        data["regions"].append(
            {"id": f"far-{i}", "name": f"Far {i}", "sources": [src], "parent": "far"}
        )
        tp["zones"].append({"region": f"far-{i}", "extent": "essential", "sources": [src]})
    index = index_of(data)
    absent = [f"far-{i}" for i in range(many - 1)]
    ranking = rank(index, make_query(index, ["buttock"], absent=absent))
    assert ranking.results
    assert all(math.isfinite(r.score) and 0 < r.score <= 100 for r in ranking.results)
