"""The next best question: by expected information gain over the leading muscles, worked
out from the catalog and the ranking, and true to them."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.ranking.presses import ANSWERS, points
from glutealtp.ranking.questions import (
    LEAD_WEIGHT,
    MAX_QUESTIONS,
    candidates,
    entropy,
    leaders,
    odds,
    suggest,
    trials,
)
from glutealtp.ranking.rank import make_query, rank, rank_among
from glutealtp.ranking.results import Query
from glutealtp.ranking.tries import Tries, top_group

from .conftest import Invoke
from .helpers import BUNDLED

REGIONS = sorted(BUNDLED.regions)
SYMPTOMS = sorted(s for s, e in BUNDLED.symptoms.items() if not e.red_flag)
GMAX_REGIONS = ["buttock", "sacrum", "tailbone", "sits-bone"]
GMAX_SYMPTOMS = ["sitting", "slouched-sitting", "tailbone-pressure"]


def _with(query: Query, kind: str, ident: str) -> Query:
    if kind == "region":
        return query._replace(regions=tuple(sorted((*query.regions, ident))))
    return query._replace(symptoms=tuple(sorted((*query.symptoms, ident))))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3),
    st.lists(st.sampled_from(SYMPTOMS), max_size=2),
)
def test_a_question_is_about_something_unsaid_and_a_yes_favours_what_it_says(
    regions: list[str], symptoms: list[str]
) -> None:
    query = make_query(BUNDLED, regions, symptoms)
    ranking = rank(BUNDLED, query)
    questions, _settled = suggest(BUNDLED, query, ranking)
    assert len(questions) <= MAX_QUESTIONS
    lead = [r.muscle for r in leaders(ranking)]
    covered = frozenset().union(*(BUNDLED.ancestors(q) for q in query.regions))
    n = len(query.regions) + len(query.symptoms)
    before = odds(leaders(ranking), n)
    for q in questions:
        assert q.id not in covered and q.id not in query.symptoms
        assert q.kind == "region" or not BUNDLED.symptoms[q.id].red_flag
        assert set(q.favours) | set(q.over) <= set(lead)
        assert q.sentence.startswith(q.question) and q.sentence.endswith(".")
        after = odds(rank_among(BUNDLED, _with(query, q.kind, q.id), lead).results, n + 1)
        # A yes raises the share of the odds of every muscle it favours.
        for f in q.favours:
            assert after[f] > before[f] - 1e-12, (q.id, f)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=2))
def test_a_gain_is_bounded_by_all_there_is_to_know_and_to_be_sure_of(regions: list[str]) -> None:
    """Information gain at most the entropy now; the leading share can rise at most to 1."""
    query = make_query(BUNDLED, regions)
    ranking = rank(BUNDLED, query)
    lead = leaders(ranking)
    if len(lead) < 2:
        return
    shares = odds(lead, len(regions))
    bound = entropy(shares.values()) + LEAD_WEIGHT * (1 - max(shares.values()))
    for t in trials(BUNDLED, query, ranking):
        assert 0 <= t.yes <= 1
        assert t.gain <= bound + 1e-9
        assert math.isfinite(t.gain)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(REGIONS), max_size=2),
    st.lists(st.sampled_from(SYMPTOMS), max_size=2),
    st.lists(st.sampled_from([*REGIONS, *SYMPTOMS]), max_size=2),
    st.lists(st.tuples(st.sampled_from(sorted(points(BUNDLED))), st.sampled_from(ANSWERS))),
)
def test_a_try_scores_as_ranking_the_query_with_the_answer_does(
    regions: list[str], symptoms: list[str], absent: list[str], pressed: list[tuple[str, str]]
) -> None:
    """`Tries` works out only the muscles an item concerns; the rest must come out as a
    full ranking among the leaders gives them, first region, absent items and presses too."""
    absent = [a for a in absent if a not in regions and a not in symptoms]
    pressed = list(dict(pressed).items())
    try:
        query = make_query(BUNDLED, regions, symptoms, absent, pressed=pressed)
    except ValueError:  # nothing present, or a contradiction: no query to try
        return
    among = [r.muscle for r in leaders(rank(BUNDLED, query))]
    tries = Tries(BUNDLED, query, among)
    for kind, ident in list(candidates(BUNDLED, query, near=among))[:12]:
        for present in (True, False):
            scored, n = tries.scores(kind, ident, present)
            other = (
                _with(query, kind, ident)
                if present
                else query._replace(absent=(*query.absent, ident))
            )
            expected = rank_among(BUNDLED, other, among).results
            assert [(s.muscle, s.score) for s in scored] == [
                (r.muscle, r.score) for r in expected
            ], (kind, ident, present)
            assert top_group(BUNDLED, scored, n) == {r.muscle for r in expected if r.rank == 1}


def test_a_lead_no_answer_can_change_is_settled_and_asks_nothing() -> None:
    """Gluteus maximus's whole pattern (Dr. Perry: buttock, sacrum, tailbone and sits bone,
    worse sitting, sharp when slouched, pressure at the tailbone): no single answer changes
    which muscle leads."""
    query = make_query(BUNDLED, GMAX_REGIONS, GMAX_SYMPTOMS)
    questions, settled = suggest(BUNDLED, query)
    assert settled and questions == ()
    assert rank(BUNDLED, query).results[0].muscle == "gluteus-maximus"


def test_a_confirmed_lead_still_asks_what_could_overturn_it() -> None:
    """SI joint, buttock and hip confirm piriformis (Dr. Perry), but the short lateral
    rotators share its pattern and low back pain would point to QL: the question is asked."""
    query = make_query(BUNDLED, ["si-joint", "buttock", "hip"])
    ranking = rank(BUNDLED, query)
    assert ranking.results[0].muscle == "piriformis" and not ranking.results[0].tied
    questions, settled = suggest(BUNDLED, query, ranking)
    assert not settled and questions[0].id == "low-back"


def test_buttock_and_hip_asks_what_separates_piriformis_and_gluteus_minimus() -> None:
    """Buttock and hip: piriformis and gluteus minimus fit about equally well. Pain down the
    side of the leg would point to gluteus minimus (its anterior trigger points)."""
    query = make_query(BUNDLED, ["buttock", "hip"])
    questions, settled = suggest(BUNDLED, query)
    assert not settled
    firsts = {q.id: q.favours[0] for q in questions}
    assert "gluteus-minimus" in firsts.values()
    regions = [q.id for q in questions if q.kind == "region"]
    # No question asks about a region and a part of it both.
    for a in regions:
        for b in regions:
            assert a == b or a not in BUNDLED.ancestors(b)


def test_a_part_of_a_reported_region_is_asked_about_as_part_of_that_pain() -> None:
    """Back of the leg reported: the calf is part of it, so the question asks whether the
    pain includes it, never whether there is pain there "too"; other regions keep "too"."""
    query = make_query(BUNDLED, ["back-of-leg"])
    questions, _ = suggest(BUNDLED, query)
    calf = next(q for q in questions if q.id == "calf")
    assert (
        calf.question == "Does the pain at the back of the leg (thigh and calf) include the calf?"
    )
    others = [q for q in questions if q.kind == "region" and q.id != "calf"]
    assert others and all(q.question.endswith(" too?") for q in others)
    assert all("back-of-leg" not in BUNDLED.ancestors(q.id) for q in others)


def test_a_part_is_asked_about_within_the_closest_region_reported() -> None:
    """Leg and thigh reported: the outer thigh is part of both, and asked about as part of
    the thigh, the closer of the two."""
    query = make_query(BUNDLED, ["buttock", "leg", "thigh"])
    questions, _ = suggest(BUNDLED, query)
    outer = next(q for q in questions if q.id == "outer-thigh")
    assert outer.question == "Does the pain at the thigh include the outer thigh?"


def test_which_json_carries_the_next_questions(invoke: Invoke) -> None:
    data = json.loads(invoke("which", "-r", "groin", "-f", "json").stdout)
    assert data["settled"] is False and 1 <= len(data["next_questions"]) <= 3
    for q in data["next_questions"]:
        assert set(q) == {"kind", "id", "name", "favours", "over", "question", "sentence"}
        assert q["sentence"].startswith(q["question"])
        assert q["favours"] and q["sentence"].endswith(".")
    args = [a for r in GMAX_REGIONS for a in ("-r", r)] + [
        a for s in GMAX_SYMPTOMS for a in ("-s", s)
    ]
    clear = json.loads(invoke("which", *args, "-f", "json").stdout)
    assert clear["settled"] is True and clear["next_questions"] == []


def test_top_cuts_the_results_not_the_questions(invoke: Invoke) -> None:
    full = json.loads(invoke("which", "-r", "groin", "-f", "json").stdout)
    cut = json.loads(invoke("which", "-r", "groin", "-f", "json", "--top", "1").stdout)
    assert cut["next_questions"] == full["next_questions"]
    assert len(cut["results"]) == 1
