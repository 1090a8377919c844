"""The adaptive questionnaire: red flags first, then the most informative question, every
answer heard, then stop."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.ask.answers import Reply
from glutealtp.ask.interview import MAX_ASKED, Interview, clear
from glutealtp.ranking.questions import min_gain, trials
from glutealtp.ranking.rank import rank

from .helpers import BUNDLED

REGIONS = sorted(BUNDLED.regions)
RED_FLAGS = [s for s, e in BUNDLED.symptoms.items() if e.red_flag]


def run(interview: Interview, answer: dict[str, Reply]) -> list[str]:
    asked = []
    while (question := interview.next()) is not None:
        asked.append(question.id)
        interview.answer(question, answer.get(question.id, Reply.no))
    return asked


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(REGIONS), max_size=3), st.randoms())
def test_the_red_flags_come_first_in_every_session(regions: list[str], rnd: object) -> None:
    replies = [Reply.no, Reply.no, Reply.unsure, Reply.yes]
    interview = Interview(BUNDLED, tuple(regions))
    asked = []
    while (question := interview.next()) is not None:
        asked.append(question)
        interview.answer(question, rnd.choice(replies))  # type: ignore[attr-defined]
    assert [q.id for q in asked[: len(RED_FLAGS)]] == RED_FLAGS
    assert all(q.red_flag for q in asked[: len(RED_FLAGS)])
    assert not any(q.red_flag for q in asked[len(RED_FLAGS) :])
    assert len(asked) <= len(RED_FLAGS) + MAX_ASKED
    assert len({q.id for q in asked}) == len(asked)  # nothing asked twice


def test_a_red_flag_stops_the_questions_unless_the_person_goes_on() -> None:
    interview = Interview(BUNDLED, ("low-back",))
    asked = run(interview, {"saddle-numbness": Reply.yes})
    assert asked == RED_FLAGS and interview.stopped == "red-flag"
    interview.go_on = True
    assert interview.next() is not None  # a clinician may go on


def test_every_answer_is_evidence() -> None:
    """Yes adds the item, no adds it as absent, not sure adds nothing."""
    interview = Interview(BUNDLED, ("buttock",))
    answers = [Reply.yes, Reply.no, Reply.unsure]
    said: list[tuple[str, Reply]] = []
    while (question := interview.next()) is not None:
        if question.red_flag:
            interview.answer(question, Reply.no)
            continue
        reply = answers[len(said) % 3]
        interview.answer(question, reply)
        said.append((question.id, reply))
    query = interview.query
    assert query is not None and said
    for ident, reply in said:
        assert (ident in query.symptoms) == (reply is Reply.yes)
        assert (ident in query.absent) == (reply is Reply.no)
    assert set(RED_FLAGS) <= set(query.absent)  # the safety screen is recorded


def test_low_back_worse_upright_is_asked_early() -> None:
    """Low back pain worse when upright: Dr. Perry's QL. The upright question comes among the
    first, not ninth (new-user finding N7)."""
    interview = Interview(BUNDLED, ("low-back",))
    asked = run(interview, {"upright": Reply.yes})
    assert "upright" in asked[len(RED_FLAGS) : len(RED_FLAGS) + 3]
    query = interview.query
    assert query is not None
    assert rank(BUNDLED, query).results[0].muscle == "quadratus-lumborum"


def test_it_never_stops_on_a_near_tie_a_question_could_separate() -> None:
    for regions in (("buttock", "hip"), ("hip",), ("groin",), ("buttock",)):
        interview = Interview(BUNDLED, regions)
        run(interview, {})
        query = interview.query
        assert query is not None
        ranking = rank(BUNDLED, query)
        if interview.stopped == "settled":
            asked = {a.id for a, _ in interview.answers}
            left = trials(BUNDLED, query, ranking, asked, ("symptom",))
            assert all(t.gain <= min_gain(ranking) for t in left), regions
        if interview.stopped == "clear":
            assert clear(ranking)


def test_a_settled_ranking_stops_the_interview() -> None:
    """Gluteus maximus's whole pattern (Dr. Perry): nothing left to separate."""
    regions = ("buttock", "sacrum", "tailbone", "sits-bone")
    interview = Interview(BUNDLED, regions, ("sitting", "slouched-sitting", "tailbone-pressure"))
    asked = run(interview, {})
    assert asked == RED_FLAGS
    assert interview.settled


def test_with_nothing_reported_it_opens_with_the_most_shared_symptom() -> None:
    interview = Interview(BUNDLED, ())
    for _ in RED_FLAGS:
        flag = interview.next()
        assert flag is not None
        interview.answer(flag, Reply.no)
    opening = interview.next()
    assert opening is not None
    most = max(
        (s for s, e in BUNDLED.symptoms.items() if not e.red_flag),
        key=lambda s: len(BUNDLED.linked(s)),
    )
    assert opening.id == most
