"""The next best question: worked out from the catalog and the ranking, and true to them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.catalog import load_catalog
from glutealtp.questions import MAX_QUESTIONS, leaders, suggest
from glutealtp.rank import make_query, rank
from glutealtp.results import Query

from .conftest import Invoke

INDEX = load_catalog()
REGIONS = sorted(INDEX.regions)
SYMPTOMS = sorted(s for s, e in INDEX.symptoms.items() if not e.red_flag)


def _with(query: Query, kind: str, ident: str) -> Query:
    if kind == "region":
        return Query(tuple(sorted((*query.regions, ident))), query.symptoms)
    return Query(query.regions, tuple(sorted((*query.symptoms, ident))))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3),
    st.lists(st.sampled_from(SYMPTOMS), max_size=2),
)
def test_a_yes_never_lowers_the_muscles_a_question_favours_against_the_others(
    regions: list[str], symptoms: list[str]
) -> None:
    query = make_query(INDEX, regions, symptoms)
    ranking = rank(INDEX, query)
    questions, settled = suggest(INDEX, query, ranking)
    assert len(questions) <= MAX_QUESTIONS
    assert not (settled and questions)
    before = {r.muscle: r.score for r in ranking.results}
    # The contenders: the leaders and any muscle one yes would put first.
    leading = {r.muscle for r in leaders(ranking)}
    for kind, ident in [("region", r) for r in REGIONS] + [("symptom", s) for s in SYMPTOMS]:
        first = rank(INDEX, _with(query, kind, ident)).results[0]
        if first.muscle != ranking.results[0].muscle and first.muscle in before:
            leading.add(first.muscle)
    covered = frozenset().union(*(INDEX.ancestors(q) for q in query.regions))
    for q in questions:
        assert q.id not in covered and q.id not in query.symptoms
        assert q.kind == "symptom" or q.id in INDEX.regions
        assert q.kind == "region" or not INDEX.symptoms[q.id].red_flag
        assert set(q.favours) <= leading and set(q.over) <= leading
        after = {r.muscle: r.score for r in rank(INDEX, _with(query, q.kind, q.id)).results}
        # A yes never lowers a favoured muscle against one it is favoured over: their score
        # ratio only grows (both may fall, one more item being reported), and one that was
        # level or ahead stays level or ahead.
        for f in q.favours:
            for o in q.over:
                old_f, old_o = max(before.get(f, 0.0), 1.0), max(before.get(o, 0.0), 1.0)
                new_f, new_o = max(after.get(f, 0.0), 1.0), max(after.get(o, 0.0), 1.0)
                assert new_f / new_o >= old_f / old_o - 1e-9, (q, f, o)
                if old_f >= old_o:
                    assert new_f >= new_o, (q, f, o)


def test_a_clear_lead_is_settled_and_asks_nothing() -> None:
    """SI joint, buttock and hip confirm piriformis (Dr. Perry): no single yes puts another
    muscle first."""
    query = make_query(INDEX, ["si-joint", "buttock", "hip"])
    questions, settled = suggest(INDEX, query)
    assert settled and questions == ()
    ranked = rank(INDEX, query).results
    relevant = {r.muscle for r in ranked}
    for kind, ident in [("region", r) for r in REGIONS] + [("symptom", s) for s in SYMPTOMS]:
        if ident in set().union(*(INDEX.ancestors(q) for q in query.regions)):
            continue
        first = rank(INDEX, _with(query, kind, ident)).results[0].muscle
        assert first == ranked[0].muscle or first not in relevant


def test_buttock_pain_asks_what_separates_the_gluteal_muscles() -> None:
    """Buttock pain alone: piriformis, gluteus maximus, gluteus medius and gluteus minimus
    are close. Pain down the side of the leg would point to gluteus minimus (painfreehealth.ca:
    its anterior trigger points refer down the lateral thigh and leg), sharp pain when
    sitting slouched to gluteus maximus (Dr. Perry)."""
    questions, settled = suggest(INDEX, make_query(INDEX, ["buttock"]))
    assert not settled
    firsts = {q.id: q.favours[0] for q in questions}
    assert firsts.get("side-of-leg") == "gluteus-minimus"
    assert firsts.get("slouched-sitting") == "gluteus-maximus"
    slouched = next(q for q in questions if q.id == "slouched-sitting")
    assert slouched.sentence == (
        "Is the pain sharp when you sit slouched? That would point to gluteus maximus over "
        "piriformis."
    )


def test_buttock_and_hip_asks_whether_the_si_joint_confirms_piriformis() -> None:
    """Dr. Perry: SI joint, buttock and hip pain together confirm piriformis."""
    questions, _ = suggest(INDEX, make_query(INDEX, ["buttock", "hip"]))
    si = next(q for q in questions if q.id == "si-joint")
    assert si.favours[0] == "piriformis"
    assert si.sentence.startswith(
        "Pain at the sacroiliac (SI) joint too? That would point strongly to piriformis"
    )


def test_which_json_carries_the_next_questions(invoke: Invoke) -> None:
    data = json.loads(invoke("which", "-r", "groin", "-f", "json").stdout)
    assert data["settled"] is False and 1 <= len(data["next_questions"]) <= 3
    for q in data["next_questions"]:
        assert set(q) == {"kind", "id", "name", "favours", "over", "question", "sentence"}
        assert q["sentence"].startswith(q["question"])
        assert q["favours"] and q["sentence"].endswith(".")
    clear = json.loads(
        invoke("which", "-r", "si-joint", "-r", "buttock", "-r", "hip", "-f", "json").stdout
    )
    assert clear["settled"] is True and clear["next_questions"] == []


def test_top_cuts_the_results_not_the_questions(invoke: Invoke) -> None:
    full = json.loads(invoke("which", "-r", "groin", "-f", "json").stdout)
    cut = json.loads(invoke("which", "-r", "groin", "-f", "json", "--top", "1").stdout)
    assert cut["next_questions"] == full["next_questions"]
    assert len(cut["results"]) == 1
