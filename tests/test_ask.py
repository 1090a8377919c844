"""The guided `ask` intake: its pure parsing, the dialogue through its prompts, a real terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.ask import answers as intake
from glutealtp.ask import dialogue as asking
from glutealtp.ask.answers import Reply
from glutealtp.ask.dialogue import INTERACTIVE_ENV
from glutealtp.ask.interview import Interview
from glutealtp.ask.prompts import RegionPrompt
from glutealtp.bodymap.picture import region_numbers
from glutealtp.catalog import CatalogIndex, load_catalog

from .conftest import Invoke
from .helpers import PtySession, Replies, person, run_glutealtp

TTY = {INTERACTIVE_ENV: "1"}
_INDEX = load_catalog()
"""For hypothesis tests, which cannot take function-scoped fixtures."""


pytestmark = pytest.mark.usefixtures("plain_environment")


# --- pure: questions come from the catalog ---------------------------------------------


def test_every_question_is_the_catalog_s(index: CatalogIndex) -> None:
    """What `ask` asks is each symptom's `question`, in the data's words."""
    interview = Interview(index, ("buttock",))
    while (question := interview.next()) is not None:
        assert question.text == index.symptoms[question.id].question
        interview.answer(question, Reply.no)
    assert len(interview.answers) >= 3


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("y", Reply.yes),
        ("Yes!", Reply.yes),
        ("YEAH", Reply.yes),
        ("yes, it does", Reply.yes),
        ("sometimes", Reply.yes),
        ("n", Reply.no),
        ("Nope.", Reply.no),
        ("no, not really", Reply.no),
        ("I don\u2019t", Reply.no),
        ("?", Reply.unsure),
        ("not sure", Reply.unsure),
        ("Dunno", Reply.unsure),
        ("hmm", None),
        ("", None),
        ("yesterday", None),
    ],
)
def test_replies_in_everyday_words(text: str, reply: Reply | None) -> None:
    assert intake.parse_reply(text) is reply


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("2, 7", ("buttock", "low-back")),
        ("2 7", ("buttock", "low-back")),
        ("3-5", ("si-joint", "sacrum", "tailbone")),
        ("buttock and lower back", ("buttock", "low-back")),
        ("in my left buttock", ("buttock",)),
        ("SI joint", ("si-joint",)),
        ("Sacroiliac (SI) joint", ("si-joint",)),
        ("coccyx", ("tailbone",)),
        ("sits bone", ("sits-bone",)),
        ("side of leg", ("side-of-leg",)),
        # "hamstrings" names the back of the thigh, the part of the back of the leg it means
        ("hamstrings; 9", ("back-of-thigh", "groin")),
        ("hip & groin & hip", ("hip", "groin")),
        ("my groin and genitals", ("groin", "genitals")),
        ("Glutes, belt-line", ("buttock", "low-back")),
    ],
)
def test_regions_by_number_name_or_synonym(
    index: CatalogIndex, text: str, regions: tuple[str, ...]
) -> None:
    answer = intake.parse_regions(index, text, region_numbers(index))
    assert answer.regions == regions
    assert answer.unknown == ()


def test_unknown_region_words_are_reported_with_suggestions(index: CatalogIndex) -> None:
    answer = intake.parse_regions(index, "buttok, elbow, 99", region_numbers(index))
    assert answer.regions == ()
    assert answer.unknown == ("buttok", "elbow", "99")
    assert "buttock" in answer.suggestions


def test_a_symptom_named_as_a_place_is_kept_as_a_symptom(index: CatalogIndex) -> None:
    answer = intake.parse_regions(index, "hip and sciatica", region_numbers(index))
    assert answer.regions == ("hip",) and answer.symptoms == ("sciatica",)


@given(st.sets(st.integers(min_value=1, max_value=12), min_size=1), st.sampled_from([", ", " "]))
@settings(max_examples=60, deadline=None)
def test_any_set_of_numbers_names_those_regions(numbers: set[int], sep: str) -> None:
    index = _INDEX
    by_number = {n: r for r, n in region_numbers(index).items()}
    answer = intake.parse_regions(index, sep.join(map(str, sorted(numbers))), region_numbers(index))
    assert set(answer.regions) == {by_number[n] for n in numbers}


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_region_parsing_never_fails_and_names_only_catalog_regions(text: str) -> None:
    answer = intake.parse_regions(_INDEX, text, region_numbers(_INDEX))
    assert set(answer.regions) <= set(_INDEX.regions)
    assert set(answer.symptoms) <= set(_INDEX.symptoms)
    intake.parse_reply(text)


_DIGITS = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=8)
"""Decimal and other digits from any script: "\u0663", "\u00b2", "\uff17"."""
_LONG_NUMBERS = st.integers(min_value=4290, max_value=4400).map(lambda n: "9" * n)
"""Digit runs past int()'s default limit of 4,300 digits."""
_ANSWERS = st.lists(
    st.one_of(st.text(max_size=20), _DIGITS, _LONG_NUMBERS, st.sampled_from(["1", "3-5", "-"])),
    min_size=1,
    max_size=4,
).flatmap(lambda parts: st.sampled_from([" ", ", ", "-", ""]).map(lambda sep: sep.join(parts)))


@given(_ANSWERS)
@settings(max_examples=150, deadline=None)
def test_answers_with_any_digits_never_raise(text: str) -> None:
    listed = ["piriformis", "gluteus-minimus"]
    assert intake.parse_choice(_INDEX, text, listed) in {None, *_INDEX.muscles}
    answer = intake.parse_regions(_INDEX, text, region_numbers(_INDEX))
    assert set(answer.regions) <= set(_INDEX.regions)


@pytest.mark.parametrize("text", ["9" * 4301, "1-" + "9" * 4301, "\u00b2", "\u0663", "\uff12"])
def test_an_odd_number_is_not_a_choice_and_not_a_region(index: CatalogIndex, text: str) -> None:
    assert intake.parse_choice(index, text, ["piriformis", "gluteus-minimus"]) is None
    assert intake.parse_regions(index, text, region_numbers(index)).regions == ()


def test_choosing_a_result_by_rank_or_name(index: CatalogIndex) -> None:
    listed = ["piriformis", "gluteus-minimus"]
    assert intake.parse_choice(index, "2", listed) == "gluteus-minimus"
    assert intake.parse_choice(index, "QL", listed) == "quadratus-lumborum"
    assert intake.parse_choice(index, "3", listed) is None
    assert intake.parse_choice(index, "elbow", listed) is None


# --- the dialogue, through its prompts ---------------------------------------------------


def test_ask_end_to_end(invoke: Invoke, index: CatalogIndex) -> None:
    answers = person(
        index, "2, lower back", {"sneezing-coughing"}, then=["2", "gluteus maximus", ""]
    )
    result = invoke("ask", input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    steps = [
        "Where does it hurt?",
        "Sacroiliac (SI) joint",
        "You said: Buttock, Low back",
        "First, a few safety questions.",
        "Have you lost control of your bladder or bowels?",
        "Are one or both legs getting weaker?",
        "How does the pain behave?",
        "Does sneezing or coughing make it much worse?",
        "Pain reported: buttock and low back. How it behaves: worse with sneezing or\ncoughing.",
        "Best match: Quadratus lumborum",
        "Score 0-100",
        "The catalog holds 26 muscles",
        "Asked about how it behaves:\n",
        "- worse with sneezing or coughing: yes\n",
        "Not asked (",
        "Add any of them with: glutealtp which -r REGION -s ID\n",
        "Show a result's trigger points?",
        "Gluteus medius (gluteus-medius)",
        "Medial trigger point",
        "* rests on a single source",
        "Gluteus medius\nTrigger points and referral pattern",
        "Gluteus maximus (gluteus-maximus)",
        "Trigger points of the muscle",
    ]
    at = 0
    for step in steps:
        found = out.find(step, at)
        assert found >= 0, f"{step!r} missing after position {at}"
        at = found
    assert "urgent care" not in out
    assert " ".join(out.split()).count("It is not a diagnosis") >= 2
    table = out[out.index("Best match: ") : out.index("Showing 3 of")]  # brief: the best three
    assert "\n3  " in table and "\n4  " not in table
    assert "pattern fit" not in out  # no arithmetic without --explain


@pytest.mark.parametrize("where", ["2, 7", "hip", "groin, inner thigh", "tailbone"])
def test_the_result_never_suggests_a_question_already_asked(
    invoke: Invoke, index: CatalogIndex, where: str
) -> None:
    """Stopped to keep it short, the result says what to ask next: never one just answered."""
    result = invoke("ask", input=Replies(person(index, where)), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    interview, after = out.split("Pain reported:", 1)
    texts = [" ".join(s.question.split()) for s in index.symptoms.values()]
    asked = {t for t in texts if t in interview}
    assert len(asked) >= 3
    assert not any(t in after.split("Score 0-100")[0] for t in asked)
    summary = after.split(" ".join(index.disclaimer.split()), 1)[1]  # after the ranking
    assert "Not asked (" in summary and "glutealtp which -r REGION -s ID" in summary
    behaviour = [s for s in index.symptoms.values() if not s.red_flag]
    if any(" ".join(s.question.split()) in interview for s in behaviour):
        assert ": no" in summary.split("Asked about how it behaves:")[1]  # with the answers
    else:
        assert "Asked about" not in summary


def test_not_sure_leaves_a_symptom_out_and_says_so(invoke: Invoke, index: CatalogIndex) -> None:
    first = Interview(index, ("buttock",))
    while (question := first.next()) is not None and question.red_flag:
        first.answer(question, Reply.no)
    assert question is not None
    result = invoke("ask", input=Replies(person(index, "buttock", unsure={question.id})), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    name = index.symptoms[question.id].name.lower()
    assert f"- {name}: not sure, so left out" in out.split("Asked about how it behaves:")[1]
    assert name not in out.split("Pain reported:")[1].split("Best match")[0]


def test_the_red_flag_leads_the_result_before_a_not_sure_one(
    invoke: Invoke, index: CatalogIndex
) -> None:
    """New-user finding: a "not sure" box and the summary once came before the red flag."""
    answers = person(index, "butt, saddle numbness", unsure={"progressive-leg-weakness"})
    result = invoke("ask", input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    said = out.index("You said: ")
    result_part = out[out.index("Have it checked promptly", said) :]  # past the questions
    red = result_part.index("RED FLAG: seek urgent care first")
    assert red < result_part.index("Not sure: have it checked promptly")
    assert red < result_part.index("Pain reported:") < result_part.index("Asked about")


def test_a_red_flag_answer_sends_to_urgent_care_first(invoke: Invoke, index: CatalogIndex) -> None:
    answers = person(index, "2", {"saddle-numbness"})
    result = invoke("ask", input=Replies(answers), env=TTY)
    assert result.exit_code == 0
    out = result.stdout
    panel = out.index("RED FLAG: seek urgent care first")
    assert "Numbness in the saddle area" in out[panel:]
    ranking = out.index("Pain reported:")
    box = out[out.rindex("RED FLAG: seek urgent care first") : ranking]
    assert "RED FLAG: Numbness in the saddle area" in box
    assert "For your clinician" in box
    assert "Show a result's trigger points?" not in out  # no self-treatment offer


def test_a_symptom_given_as_a_place_is_not_asked_again(invoke: Invoke, index: CatalogIndex) -> None:
    result = invoke("ask", input=Replies(person(index, "hip and sciatica")), env=TTY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Noted as how it behaves: Sciatica-like pain down the leg" in out
    assert "Do you have sciatica-like pain" not in out
    assert "Pain reported: hip. How it behaves: sciatica-like pain down the leg." in out


def test_unclear_answers_are_asked_again(invoke: Invoke, index: CatalogIndex) -> None:
    first = next(s.id for s in index.symptoms.values() if s.red_flag)
    answers = person(index, ["elbow", "buttok", "buttock"], replies={first: ["maybe not", "n"]})
    result = invoke("ask", input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    assert "Not a region on the map: elbow." in result.stdout
    assert "Did you mean buttock?" in result.stdout
    assert "Please answer y (yes), n (no) or ? (not sure)." in result.stdout
    assert "Best match: " in result.stdout


def test_nothing_reported_means_nothing_to_rank(invoke: Invoke, index: CatalogIndex) -> None:
    answers = person(index, ["none", "none"], then=[])  # asked twice
    result = invoke("ask", input=Replies(answers), env=TTY)
    assert result.exit_code == 1
    assert "nothing to rank" in result.stdout


def test_markup_typed_by_the_user_is_shown_as_typed(invoke: Invoke, index: CatalogIndex) -> None:
    result = invoke("ask", input=Replies(person(index, ["[bold red]x", "hip"])), env=TTY)
    assert "Not a region on the map: [bold red]x." in result.stdout


def test_ctrl_c_at_a_prompt_exits_quietly_with_130(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*_: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(RegionPrompt, "process_response", interrupt)
    result = invoke("ask", input="2\n", env=TTY)
    assert result.exit_code == 130
    assert result.stderr == "\n"


def test_end_of_input_exits_quietly_with_130(invoke: Invoke) -> None:
    result = invoke("ask", input="2\ny\n", env=TTY)
    assert result.exit_code == 130
    assert result.stderr == "\n"


@pytest.mark.parametrize("error", [EOFError, KeyboardInterrupt])
def test_an_interrupt_anywhere_in_the_command_ends_the_line_once(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    """Before the questions too: typer already ends the line at EOF, so the CLI must not."""

    def stop() -> bool:
        raise error

    monkeypatch.setattr(asking, "can_ask", stop)
    result = invoke("ask", env=TTY)
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "\n")


def test_end_of_input_at_a_safety_question_does_not_loop(
    invoke: Invoke, index: CatalogIndex
) -> None:
    first = next(s.id for s in index.symptoms.values() if s.red_flag)
    result = invoke("ask", input=Replies(person(index, "2", replies={first: []})), env=TTY)
    assert result.exit_code == 130
    assert result.stdout.count("Please answer") == 0


def test_ask_refuses_without_a_terminal(invoke: Invoke) -> None:
    result = invoke("ask", input="2\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "glutealtp which" in result.stderr


def test_ask_refuses_a_pipe_in_a_real_process() -> None:
    proc = run_glutealtp("ask", input="2\n")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("glutealtp: error: ask needs a terminal")
    assert proc.stderr.count("\n") == 1


def test_ask_in_a_real_terminal_then_ctrl_c() -> None:
    """A pseudo-terminal: the prompt appears, answers are taken, Ctrl-C ends with 130."""
    with PtySession("ask", controlling=True, env={"LINES": "40"}) as session:
        session.read_until(b"Where does it hurt?")
        session.read_until(b"lower back:")
        session.write(b"2, SI joint\r")
        seen = session.read_until(b"First, a few safety questions.")
        assert b"You said: " in seen and b"Sacroiliac (SI) joint" in seen
        session.read_until(b"bladder or bowels? ")
        session.write(b"\x03")
        code = session.wait()
    assert code == 130, session.seen[-400:]
    assert b"Traceback" not in session.seen


# --- safety and wording ----------------------------------------------------------------


def test_not_sure_on_a_red_flag_advises_a_prompt_check(invoke: Invoke, index: CatalogIndex) -> None:
    first = next(s.id for s in index.symptoms.values() if s.red_flag)
    result = invoke("ask", input=Replies(person(index, "hip", unsure={first})), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.replace("│", " ").split())
    advice = "If you are not sure, have it checked promptly by a doctor or urgent-care service."
    assert out.count(advice) >= 2  # at the question, and again above the result
    assert out.index(advice, out.index("few safety questions")) < out.index("Pain reported")
    assert "Show a result's trigger points?" not in out


def test_a_red_flag_typed_at_the_first_question_is_flagged_at_once(
    invoke: Invoke, index: CatalogIndex
) -> None:
    result = invoke("ask", input=Replies(person(index, "buttock, saddle numbness")), env=TTY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    said = out.index("You said: Buttock")
    assert out.index("RED FLAG: seek urgent care first", said) < out.index("How does the pain")
    assert "Is there numbness between your legs" not in out  # not asked again
    assert "Show a result's trigger points?" not in out


@pytest.mark.parametrize("typed", ["hip, numbness", "hip plus numbness", "hip and my numbness"])
def test_numbness_at_the_first_question_is_not_guessed(
    invoke: Invoke, index: CatalogIndex, typed: str
) -> None:
    """Any phrasing the first answer understands (review finding: "plus", "my")."""
    result = invoke("ask", input=Replies(person(index, typed)), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "'numbness' could mean numbness down the leg or numbness in the saddle area" in out
    assert "Noted as how it behaves" not in out  # not taken as either meaning
    saddle = out.index("Is there numbness between your legs")
    assert out.index("Do you have numbness travelling down the leg?") > saddle  # both, red first


def test_an_empty_first_answer_is_asked_again_with_examples(
    invoke: Invoke, index: CatalogIndex
) -> None:
    result = invoke("ask", input=Replies(person(index, ["", "hip"])), env=TTY)
    assert result.exit_code == 0, result.output
    assert "Please say where it hurts" in result.stdout
    assert "You said: Hip" in result.stdout


def test_end_of_input_at_the_first_question_says_so(invoke: Invoke) -> None:
    result = invoke("ask", input="", env=TTY)
    assert result.exit_code == 130
    assert result.stdout.endswith("\n")
    assert result.stderr.count("\n") == 1 and "stopped at the first question" in result.stderr


def test_one_result_is_named_as_one(invoke: Invoke, index: CatalogIndex) -> None:
    result = invoke("ask", input=Replies(person(index, "flank", then=["5", ""])), env=TTY)
    assert result.exit_code == 0, result.output
    assert "Its rank (1) or name" in result.stdout
    assert "there is one result: give 1 or a muscle's name" in result.stdout
    assert "from 1 to 1" not in result.stdout


def test_explain_adds_the_arithmetic(invoke: Invoke, index: CatalogIndex) -> None:
    result = invoke("ask", "--explain", input=Replies(person(index, "hip")), env=TTY)
    assert result.exit_code == 0, result.output
    assert "pattern fit" in result.stdout and "<-" in result.stdout


def test_ask_keeps_the_answers_as_a_handout(
    invoke: Invoke, index: CatalogIndex, tmp_path: Path
) -> None:
    page = tmp_path / "answers.html"
    answers = person(index, "left buttock, sitting", {"saddle-numbness"})
    result = invoke("ask", "-o", str(page), input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert html.index("RED FLAG: seek urgent care first") < html.index("What was reported")
    assert "“left buttock, sitting”" in html and "worse when sitting" in html
    again = invoke("ask", "-o", str(page), input="hip\n", env=TTY)
    assert again.exit_code == 2 and again.stdout == ""  # refused before any question
    assert invoke("ask", "-o", str(tmp_path / "a.svg"), input="hip\n", env=TTY).exit_code == 2
