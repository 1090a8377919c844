"""Pressing a trigger point is evidence: the familiar pain confirms its muscle, tenderness
alone marks it latent, nothing counts against it; `which --pressed` takes the answers, and
the data holds where to find each point with its sources."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.catalog.index import UnknownName
from glutealtp.catalog.load import CatalogError
from glutealtp.ranking.presses import BadPress, factor, owners, points
from glutealtp.ranking.rank import make_query, rank
from glutealtp.ranking.results import Ranking

from .conftest import Invoke
from .helpers import BUNDLED, dataset, index_of

pytestmark = pytest.mark.usefixtures("plain_environment")

INDEX = BUNDLED
OWNERS = owners(INDEX)
POINTS = sorted(OWNERS)
ANSWERS = ("familiar", "tender", "none")


def _place(ranking: Ranking, muscle: str) -> int:
    """The muscle's position in the ranking (past the end when it is not ranked)."""
    order = [r.muscle for r in ranking.results]
    return order.index(muscle) if muscle in order else len(order)


def test_the_familiar_pain_confirms_a_muscle_and_nothing_counts_against_it() -> None:
    before = rank(INDEX, make_query(INDEX, ["buttock", "hip"]))
    assert before.results[0].tied  # piriformis and gluteus minimus fit about equally well
    confirmed = rank(
        INDEX,
        make_query(INDEX, ["buttock", "hip"], pressed=[("gluteus-minimus-anterior", "familiar")]),
    )
    top = confirmed.results[0]
    assert top.muscle == "gluteus-minimus" and not top.tied
    assert [(p.trigger_point, p.answer) for p in top.pressed] == [
        ("gluteus-minimus-anterior", "familiar")
    ]
    nothing = rank(
        INDEX, make_query(INDEX, ["buttock", "hip"], pressed=[("piriformis-lateral", "none")])
    )
    assert _place(nothing, "piriformis") > _place(before, "piriformis")


def test_an_answer_moves_the_muscle_by_its_likelihood_ratio() -> None:
    assert factor(INDEX, "familiar") > 1 > factor(INDEX, "tender") > factor(INDEX, "none")
    query = make_query(INDEX, ["buttock"])
    base = {r.muscle: r.score for r in rank(INDEX, query).results}
    pressed = rank(
        INDEX,
        query._replace(
            pressed=make_query(
                INDEX, ["buttock"], pressed=[("piriformis-medial", "tender")]
            ).pressed
        ),
    )
    score = next(r.score for r in pressed.results if r.muscle == "piriformis")
    n = len(query.regions)
    assert score == pytest.approx(base["piriformis"] * factor(INDEX, "tender") ** (1 / n), abs=0.1)
    # Every other muscle keeps its score.
    others = {r.muscle: r.score for r in pressed.results if r.muscle != "piriformis"}
    assert others == {m: s for m, s in base.items() if m != "piriformis"}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(INDEX.regions)), min_size=1, max_size=3, unique=True),
    st.sampled_from(POINTS),
)
def test_a_familiar_pain_never_lowers_its_muscle_and_nothing_never_raises_it(
    regions: list[str], point: str
) -> None:
    muscle = OWNERS[point]
    before = rank(INDEX, make_query(INDEX, regions))
    for answer, better in (("familiar", True), ("none", False)):
        after = rank(INDEX, make_query(INDEX, regions, pressed=[(point, answer)]))
        if better:
            assert _place(after, muscle) <= _place(before, muscle)
        else:
            assert _place(after, muscle) >= _place(before, muscle)
        for r in after.results:
            assert math.isfinite(r.score) and 0 <= r.score <= 100


def test_press_names_are_checked_as_region_names_are() -> None:
    with pytest.raises(UnknownName, match="did you mean 'piriformis-lateral'"):
        make_query(INDEX, ["buttock"], pressed=[("piriformis-lateal", "familiar")])
    with pytest.raises(BadPress, match="not one of familiar, tender, none"):
        make_query(INDEX, ["buttock"], pressed=[("piriformis-lateral", "sore")])
    with pytest.raises(BadPress, match="pressed twice, with different answers"):
        make_query(
            INDEX,
            ["buttock"],
            pressed=[("piriformis-lateral", "none"), ("PIRIFORMIS-LATERAL", "familiar")],
        )
    same = make_query(
        INDEX, ["buttock"], pressed=[("piriformis-lateral", "none"), ("Piriformis-Lateral", "none")]
    )
    assert [(p.trigger_point, p.answer) for p in same.pressed] == [("piriformis-lateral", "none")]


def test_which_pressed_reads_its_answers_and_says_what_they_did(invoke: Invoke) -> None:
    args = ["which", "-r", "buttock", "-r", "hip", "--top", "3"]
    pressed = ["--pressed", "gluteus-minimus-anterior=familiar"]
    out = invoke(*args, *pressed).stdout
    assert "confirmed by pressure: pressing its anterior trigger points brought on the" in out
    record = json.loads(invoke(*args, *pressed, "-f", "json").stdout)
    assert record["query"]["pressed"] == [
        {"trigger_point": "gluteus-minimus-anterior", "answer": "familiar"}
    ]
    assert record["results"][0]["pressed"][0]["answer"] == "familiar"
    for bad, words in (
        ("gluteus-minimus-anterior", "give POINT=familiar"),
        ("nowhere=familiar", "unknown trigger point 'nowhere'"),
        ("gluteus-minimus-anterior=sore", "not one of familiar, tender, none"),
    ):
        result = invoke(*args, "--pressed", bad)
        assert result.exit_code == 2 and result.stdout == ""
        assert words in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_refused_press_still_leads_with_the_red_flag(invoke: Invoke) -> None:
    result = invoke("which", "-r", "buttock", "-s", "saddle numbness", "--pressed", "x=none")
    assert result.exit_code == 2
    assert result.stderr.index("RED FLAG") < result.stderr.index("unknown trigger point")


# --- the data ---------------------------------------------------------------------------


def test_every_point_a_person_may_press_has_a_sourced_place_to_find_it() -> None:
    found = points(INDEX)
    assert len(found) >= 20
    for p in found.values():
        if p.who == "self":
            assert p.find and p.sources
        for s in p.sources:
            assert s in INDEX.sources
    # Points inside the pelvis and beside the leg's main vessels are a clinician's only.
    for point in ("levator-ani-main", "coccygeus-main", "iliopsoas-main", "pectineus-main"):
        assert found[point].who == "clinician"


def test_the_data_check_refuses_a_self_point_without_a_location() -> None:
    data = dataset()
    tp = next(
        t
        for m in data["muscles"]
        for t in m["trigger_points"]
        if t.get("palpation", {}).get("who") == "self"
    )
    tp["palpation"].pop("find")
    tp["palpation"].pop("find_sources")
    with pytest.raises(CatalogError, match="needs a sourced location"):
        index_of(data)
    data = dataset()
    tp = next(t for m in data["muscles"] for t in m["trigger_points"] if t.get("palpation"))
    tp["palpation"]["who_sources"] = ["no-such-source"]
    with pytest.raises(CatalogError, match="unknown source id 'no-such-source'"):
        index_of(data)


def test_the_exam_has_its_stop_lines_and_criteria_with_sources() -> None:
    assert any("sharp" in n["text"] for n in INDEX.press_safety)
    assert any("pulse" in n["text"] for n in INDEX.press_safety)
    assert [n["id"] for n in INDEX.press_criteria] == [
        "taut-band",
        "hypersensitive-spot",
        "referred-pain",
        "recognition",
    ]
    for note in (*INDEX.press_safety, *INDEX.press_criteria):
        assert note["sources"] and all(s in INDEX.sources for s in note["sources"])


def test_batch_cases_take_pressed_answers_as_which_does(invoke: Invoke) -> None:
    lines = [
        {
            "id": 1,
            "regions": ["buttock", "hip"],
            "pressed": {"gluteus-minimus-anterior": "familiar"},
        },
        {
            "id": 2,
            "regions": ["buttock"],
            "symptoms": ["saddle numbness"],
            "pressed": {"x": "none"},
        },
        {"id": 3, "regions": ["buttock"], "pressed": ["piriformis-lateral"]},
        {"id": 4, "regions": ["buttock"], "pressed": {"piriformis-lateral": "sore"}},
        {"id": 5, "regions": ["buttock"], "pressed": {"piriformis-lateral": 1}},
    ]
    body = "".join(json.dumps(line) + "\n" for line in lines)
    records = [json.loads(r) for r in invoke("batch", "-", input=body).stdout.splitlines()]
    ok = records[0]
    assert ok["status"] == "ok" and ok["results"][0]["muscle"] == "gluteus-minimus"
    assert ok["query"]["pressed"] == [
        {"trigger_point": "gluteus-minimus-anterior", "answer": "familiar"}
    ]
    codes = [(r["id"], r["error"]["code"], r["error"]["path"]) for r in records[1:]]
    assert codes == [
        (2, "unknown-item", "$.pressed"),
        (3, "wrong-type", "$.pressed"),
        (4, "wrong-type", "$.pressed"),
        (5, "wrong-type", '$.pressed["piriformis-lateral"]'),
    ]
    assert [w["kind"] for w in records[1]["warnings"]] == ["red-flag"]  # kept on a refusal
    which = json.loads(
        invoke(
            "which",
            "-r",
            "buttock",
            "-r",
            "hip",
            "--pressed",
            "gluteus-minimus-anterior=familiar",
            "-f",
            "json",
        ).stdout
    )
    assert [r["score"] for r in which["results"]] == [r["score"] for r in ok["results"]]
