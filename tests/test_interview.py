"""The adaptive questionnaire: red flags first, then the next best question, then stop."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.ask.answers import Reply
from glutealtp.ask.interview import MAX_ASKED, Interview
from glutealtp.catalog import load_catalog

INDEX = load_catalog()
REGIONS = sorted(INDEX.regions)
RED_FLAGS = [s for s, e in INDEX.symptoms.items() if e.red_flag]


def run(interview: Interview, answer: dict[str, Reply]) -> list[str]:
    asked = []
    while (question := interview.next()) is not None:
        asked.append(question.id)
        interview.answer(question, answer.get(question.id, Reply.no))
    return asked


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(REGIONS), max_size=3), st.randoms())
def test_the_red_flags_come_first_in_every_session(regions: list[str], rnd: object) -> None:
    replies = [Reply.yes, Reply.no, Reply.unsure]
    interview = Interview(INDEX, tuple(regions))
    asked = []
    while (question := interview.next()) is not None:
        asked.append(question)
        interview.answer(question, rnd.choice(replies))  # type: ignore[attr-defined]
    assert [q.id for q in asked[: len(RED_FLAGS)]] == RED_FLAGS
    assert all(q.red_flag for q in asked[: len(RED_FLAGS)])
    assert not any(q.red_flag for q in asked[len(RED_FLAGS) :])
    assert len(asked) <= len(RED_FLAGS) + MAX_ASKED
    assert len({q.id for q in asked}) == len(asked)  # nothing asked twice


def test_a_session_asks_few_questions_and_finds_the_signature() -> None:
    """Low back pain that sneezing makes agony: Dr. Perry's QL. The interview asks about
    sneezing early, and QL leads at the end."""
    interview = Interview(INDEX, ("low-back",))
    asked = run(interview, {"sneezing-coughing": Reply.yes})
    assert "sneezing-coughing" in asked[len(RED_FLAGS) : len(RED_FLAGS) + 2]
    assert len(asked) < len(RED_FLAGS) + len(INDEX.symptoms) - len(RED_FLAGS)
    query = interview.query
    assert query is not None and "sneezing-coughing" in query.symptoms


def test_not_sure_leaves_the_item_out_and_moves_on() -> None:
    interview = Interview(INDEX, ("buttock",))
    first = None
    while (question := interview.next()) is not None:
        if not question.red_flag:
            first = question
            interview.answer(question, Reply.unsure)
            break
        interview.answer(question, Reply.no)
    assert first is not None
    after = interview.next()
    assert after is not None and after.id != first.id
    assert [a.id for a in interview.unsure()] == [first.id]
    query = interview.query
    assert query is not None and first.id not in query.symptoms


def test_a_settled_ranking_stops_the_interview() -> None:
    """SI joint, buttock and hip confirm piriformis (Dr. Perry): nothing left to separate."""
    interview = Interview(INDEX, ("si-joint", "buttock", "hip"))
    asked = run(interview, {})
    assert asked == RED_FLAGS
    assert interview.settled


def test_what_was_not_asked_is_listed() -> None:
    interview = Interview(INDEX, ("groin",))
    asked = run(interview, {})
    skipped = set(interview.skipped())
    symptoms = {s for s, e in INDEX.symptoms.items() if not e.red_flag}
    assert skipped == symptoms - set(asked)
    assert skipped and not skipped & set(asked)


def test_with_nothing_reported_it_opens_with_the_most_shared_symptom() -> None:
    interview = Interview(INDEX, ())
    for _ in RED_FLAGS:
        flag = interview.next()
        assert flag is not None
        interview.answer(flag, Reply.no)
    opening = interview.next()
    assert opening is not None
    most = max(
        (s for s, e in INDEX.symptoms.items() if not e.red_flag),
        key=lambda s: len(INDEX.linked(s)),
    )
    assert opening.id == most
