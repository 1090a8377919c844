"""The guided `ask` intake: its pure parsing, the dialogue through its prompts, a real terminal."""

from __future__ import annotations

import datetime
import itertools
import os
import re
import shutil
from html import unescape
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
from glutealtp.catalog import CatalogIndex

from .conftest import Invoke
from .helpers import (
    BUNDLED,
    CHROMIUM,
    PtySession,
    Replies,
    ids_in,
    person,
    printed_text,
    run_glutealtp,
)

TTY = {INTERACTIVE_ENV: "1"}
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
    index = BUNDLED
    by_number = {n: r for r, n in region_numbers(index).items()}
    answer = intake.parse_regions(index, sep.join(map(str, sorted(numbers))), region_numbers(index))
    assert set(answer.regions) == {by_number[n] for n in numbers}


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_region_parsing_never_fails_and_names_only_catalog_regions(text: str) -> None:
    answer = intake.parse_regions(BUNDLED, text, region_numbers(BUNDLED))
    assert set(answer.regions) <= set(BUNDLED.regions)
    assert set(answer.symptoms) <= set(BUNDLED.symptoms)
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
    assert intake.parse_choice(BUNDLED, text, listed) in {None, *BUNDLED.muscles}
    answer = intake.parse_regions(BUNDLED, text, region_numbers(BUNDLED))
    assert set(answer.regions) <= set(BUNDLED.regions)


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
        "Understood: Buttock, Low back\n",
        "First, 3 safety questions.",
        "Have you lost control of your bladder or bowels? (y / n / ? = not sure)",
        "Are one or both legs getting weaker? (y / n / ? = not sure)",
        "How does the pain behave?",
        "Does sneezing or coughing make it much worse?",
        "Leading now: Quadratus lumborum\n",
        "Pain reported: buttock and low back. How it behaves: worse with sneezing or\ncoughing.",
        "Best match: Quadratus lumborum",
        "Score 0-100",
        "The catalog holds 26 muscles",
        "What you were asked:\n",
        "- Have you lost control of your bladder or bowels? no\n",
        "- Are one or both legs getting weaker? no\n",
        "- Does sneezing or coughing make it much worse? yes\n",
        "The questions stopped because ",
        "Show a result's trigger points?",
        "Gluteus medius: its trigger points",
        "Medial trigger point",
        "Gluteus medius\nTrigger points and referral pattern",
        "Gluteus maximus: its trigger points",
        "Trigger points of the muscle",
        "* rests on a single source",
    ]
    at = 0
    for step in steps:
        found = out.find(step, at)
        assert found >= 0, f"{step!r} missing after position {at}"
        at = found
    assert "urgent care" not in out
    assert " ".join(out.split()).count("It is not a diagnosis") >= 2
    table = out[out.index("Best match: ") : out.index("Showing 3 of")]  # brief: the best three
    assert len(re.findall(r"^=?\d+ +\S", table, flags=re.M)) == 3
    assert "<-" not in out  # no arithmetic without --explain
    for gone in ("Not asked", "glutealtp which", "Would help to tell them apart", "(ids)"):
        assert gone not in out  # no id lists, no command lines, no questions never asked


@pytest.mark.parametrize("where", ["2, 7", "hip", "groin, inner thigh", "tailbone"])
def test_the_result_lists_what_was_asked_and_suggests_nothing_more(
    invoke: Invoke, index: CatalogIndex, where: str
) -> None:
    """The end says what was asked, each question once with its answer, the safety questions
    first, and why the questions stopped; it suggests no further question (the questions
    stop only when none would change the leaders, or at the budget), no id, no command."""
    result = invoke("ask", input=Replies(person(index, where)), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    interview, after = out.split("Pain reported:", 1)
    texts = {s.id: " ".join(s.question.split()) for s in index.symptoms.values()}
    asked = [t for t in texts.values() if t in interview]
    assert len(asked) >= 3
    assert not any(t in after.split("Score 0-100")[0] for t in asked)
    summary = after.split(" ".join(index.disclaimer.split()), 1)[1]  # after the ranking
    listed = summary.split("What you were asked:", 1)[1].split("The questions stopped")[0]
    assert listed.count("- ") == interview.count("(y / n / ? = not sure)") + interview.count(
        "(Enter = no)"
    )
    for text in asked:
        assert listed.count(f"- {text} no") == 1  # with the answer: this person says no
    red = {s.id for s in index.symptoms.values() if s.red_flag}
    flags = [listed.index(texts[s]) for s in red]
    others = [listed.index(t) for s, t in texts.items() if t in listed and s not in red]
    assert len(flags) == 3 and max(flags) < min(others)  # the safety questions first
    assert any(f"The questions stopped {why}" in summary for why in ("because", "at the most"))
    assert "Not asked" not in summary and "glutealtp which" not in summary
    assert "Would help" not in out


def test_not_sure_leaves_a_symptom_out_and_says_so(invoke: Invoke, index: CatalogIndex) -> None:
    first = Interview(index, ("buttock",))
    while (question := first.next()) is not None and question.red_flag:
        first.answer(question, Reply.no)
    assert question is not None
    result = invoke("ask", input=Replies(person(index, "buttock", unsure={question.id})), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    name = index.symptoms[question.id].name.lower()
    text = " ".join(question.text.split())
    assert f"- {text} not sure" in out.split("What you were asked:")[1]
    assert name not in out.split("Pain reported:")[1].split("Score 0-100")[0].lower()


def test_the_red_flag_leads_the_result_before_a_not_sure_one(
    invoke: Invoke, index: CatalogIndex
) -> None:
    """New-user finding: a "not sure" box and the summary once came before the red flag."""
    answers = person(index, "butt, saddle numbness", unsure={"progressive-leg-weakness"})
    result = invoke("ask", input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    said = out.index("Understood: ")
    result_part = out[out.index("Go on with them anyway", said) :]  # past the questions
    red = result_part.index("RED FLAG: seek urgent care first")
    assert red < result_part.index("Not sure: have it checked promptly")
    assert red < result_part.index("Pain reported:") < result_part.index("What you were asked")
    end = result_part[result_part.index("What you were asked") :]  # both again, the red last
    assert end.index("Not sure: have it checked promptly") < end.index("RED FLAG: seek urgent")


def test_a_red_flag_answer_sends_to_urgent_care_first(invoke: Invoke, index: CatalogIndex) -> None:
    answers = person(index, "2", {"saddle-numbness"})
    result = invoke("ask", input=Replies(answers), env=TTY)
    assert result.exit_code == 0
    out = result.stdout
    panel = out.index("RED FLAG: seek urgent care first")
    assert "Numbness in the saddle area" in out[panel:]
    ranking = out.index("Pain reported:")
    box = out[out.rindex("RED FLAG: seek urgent care first", 0, ranking) : ranking]
    assert "RED FLAG: seek urgent care first" in box and "Numbness in the saddle area" in box
    assert "For your clinician" in box
    assert "Show a result's trigger points?" not in out  # no self-treatment offer
    assert "How does the pain behave?" not in out  # urgent care comes first
    again = out.rindex("RED FLAG: seek urgent care first")
    assert again > out.index("What you were asked:")  # and the box again, last
    assert "Numbness in the saddle area" in out[again:]
    assert out.rstrip().splitlines()[-1].startswith("╰")


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
    assert "Score 0-100" in result.stdout and "What you were asked:" in result.stdout


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
        seen = session.read_until(b"First, 3 safety questions.")
        assert b"Understood: " in seen and b"Sacroiliac (SI) joint" in seen
        session.read_until(b"= not sure)")
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
    assert out.index(advice, out.index("3 safety questions")) < out.index("Pain reported")
    assert "Show a result's trigger points?" not in out
    title = "RED FLAG? Not sure: have it checked promptly"
    assert out.index(title) < out.index("How does the pain behave?")  # not sure: they go on
    assert out.rindex(title) > out.index("What you were asked:")  # and again, last


def test_a_red_flag_typed_at_the_first_question_is_flagged_at_once(
    invoke: Invoke, index: CatalogIndex
) -> None:
    result = invoke("ask", input=Replies(person(index, "buttock, saddle numbness")), env=TTY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    said = out.index("Understood: Buttock")
    assert out.index("RED FLAG: seek urgent care first", said) < out.index("3 safety questions")
    assert "Is there numbness between your legs" not in out  # not asked again
    assert "Show a result's trigger points?" not in out
    assert "How does the pain" not in out  # the red flag stops the questions about the pain
    assert "The questions stopped because a red flag comes first." in out


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
    assert "Understood: Hip\n" in result.stdout


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
    assert "(essential, " in result.stdout and "<-" in result.stdout
    out = " ".join(result.stdout.split())
    asked = out.split("Answered no (ids): ")[1].split(" Not asked (ids): ")[0]
    assert "Reported (ids): hip Answered no (ids): bladder-bowel-loss, saddle-numbness," in out
    assert "sneezing-coughing" in asked.split(", ")  # its first question about the pain
    assert set(asked.split(", ")) <= set(index.symptoms)  # no id broken at its hyphen
    assert ids_in(index, out)  # the ids that the default screen never shows


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


# --- ask v3: the region prompt, the red flag first, the end, the handout -----------------


@pytest.mark.parametrize(
    ("text", "regions", "side"),
    [
        ("left buttock", ("buttock",), "left"),
        ("buttock hip", ("buttock", "hip"), None),
        ("buttock, hip", ("buttock", "hip"), None),
        ("buttock and hip", ("buttock", "hip"), None),
        ("side of my hip", ("side-of-hip",), None),
        ("lower back on the left", ("low-back",), "left"),
        ("my lower back on the left side", ("low-back",), "left"),
        ("left lower back", ("low-back",), "left"),
        ("right buttock and hip", ("buttock", "hip"), "right"),
        ("left buttock and right hip", ("buttock", "hip"), None),  # two sides: none noted
    ],
)
def test_the_region_prompt_understands_everyday_phrases(
    index: CatalogIndex, text: str, regions: tuple[str, ...], side: str | None
) -> None:
    answer = intake.parse_regions(index, text, region_numbers(index))
    assert (answer.regions, answer.side, answer.unknown) == (regions, side, ())


@pytest.mark.parametrize(
    ("typed", "understood"),
    [
        ("left buttock and hip", "Understood: Buttock, Hip (left side)"),
        ("buttock hip", "Understood: Buttock, Hip"),
        ("side of my hip", "Understood: Side of the hip"),
        ("lower back on the left", "Understood: Low back (left side)"),
    ],
)
def test_ask_says_what_it_understood(
    invoke: Invoke, index: CatalogIndex, typed: str, understood: str
) -> None:
    result = invoke("ask", input=Replies(person(index, typed)), env=TTY)
    assert result.exit_code == 0, result.output
    assert f"{understood}\n" in result.stdout
    assert "Not a region on the map" not in result.stdout  # understood the first time
    assert "You said" not in result.stdout


def test_every_safety_question_shows_its_answers(invoke: Invoke, index: CatalogIndex) -> None:
    result = invoke("ask", input=Replies(person(index, "hip")), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    for symptom in index.symptoms.values():
        if symptom.red_flag:
            assert f"{' '.join(symptom.question.split())} (y / n / ? = not sure)" in out


def test_a_red_flag_stops_the_questions_about_the_pain(invoke: Invoke, index: CatalogIndex) -> None:
    result = invoke("ask", input=Replies(person(index, "buttock", {"saddle-numbness"})), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    behaviour = [s for s in index.symptoms.values() if not s.red_flag]
    assert not [s.id for s in behaviour if " ".join(s.question.split()) in out]
    assert "How does the pain behave?" not in out and "Leading now" not in out
    go_on = out.index("Go on with them anyway (for a clinician)? (y / N)")
    assert out.index("Are one or both legs getting weaker?") < go_on  # all three asked first
    assert "The questions stopped because a red flag comes first." in out
    assert "Show a result's trigger points?" not in out


def test_a_clinician_may_go_on_after_a_red_flag(invoke: Invoke, index: CatalogIndex) -> None:
    answers = person(index, "buttock", {"saddle-numbness", "sitting"}, go_on="y")
    result = invoke("ask", input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    go_on = out.index("Go on with them anyway")
    assert go_on < out.index("How does the pain behave?") < out.index("Leading now")
    listed = out.split("What you were asked:")[1]
    behaviour = [s for s in index.symptoms.values() if not s.red_flag]
    answered = [s for s in behaviour if f"- {' '.join(s.question.split())} " in listed]
    assert answered, "no question about the pain was asked"
    assert "a red flag comes first" not in listed  # it stopped for another reason
    assert "Show a result's trigger points?" not in out  # still no self-treatment offer
    assert out.rindex("RED FLAG: seek urgent care first") > out.index("What you were asked:")


def test_an_answer_that_moves_the_leaders_shows_them(invoke: Invoke, index: CatalogIndex) -> None:
    """The leaders after the first answer about the pain, then only when they change: never
    the same line twice in a row."""
    result = invoke("ask", input=Replies(person(index, "tailbone", {"sitting"})), env=TTY)
    assert result.exit_code == 0, result.output
    out = result.stdout
    questions = out.split("How does the pain behave?")[1].split("Pain reported:")[0]
    answers = questions.split("(Enter = no)")[1:]
    leads = re.findall(r"Leading now[^\n]*", questions)
    assert "Leading now" in answers[0]
    assert 2 <= len(leads) < len(answers)
    assert all(a != b for a, b in itertools.pairwise(leads))
    names = {m.name for m in index.muscles.values()}
    for line in re.findall(r"Leading now[^:]*: ([^\n]+(?:\n[^\n(]+)?)", questions):
        first = line.replace("\n", " ").split(",")[0].split(" and ")[0]
        assert first in names, line


def test_a_near_tie_is_said_to_be_one(invoke: Invoke, index: CatalogIndex) -> None:
    """All "no": the two pelvic floor muscles of the tailbone cannot be told apart."""
    result = invoke("ask", input=Replies(person(index, "tailbone")), env=TTY)
    assert result.exit_code == 0, result.output
    assert "Leading now, about equally: Coccygeus and levator ani\n" in result.stdout


def test_the_end_has_no_ids_or_commands_without_explain(
    invoke: Invoke, index: CatalogIndex
) -> None:
    def answers() -> Replies:
        return Replies(person(index, "buttock, sitting", {"slouched-sitting"}, then=["1", ""]))

    result = invoke("ask", input=answers(), env=TTY)
    assert result.exit_code == 0, result.output
    assert ids_in(index, result.stdout) == []
    commands = re.findall(r"glutealtp (?!ask: |gives )\S+", result.stdout)
    assert commands == []
    explained = invoke("ask", "--explain", input=answers(), env=TTY)
    assert explained.exit_code == 0, explained.output
    assert "slouched-sitting" in ids_in(index, explained.stdout)  # the check can see an id
    assert "Reported (ids): buttock, sitting, slouched-sitting" in explained.stdout


def test_a_narrow_terminal_is_offered_the_map(invoke: Invoke, index: CatalogIndex) -> None:
    """Narrower than the two views side by side, the map would scroll the question away: it
    is offered, and a paragraph of the regions printed in its place."""
    result = invoke("ask", input=Replies(person(index, "2")), env={**TTY, "COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Show it? (y / N)" in out
    regions = " ".join(out.split("Show it? (y / N)")[1].split("Where does it hurt?")[0].split())
    assert regions.startswith("Regions: 1 gluteal region; 2 buttock; 3 sacroiliac (SI) joint;")
    listed = out.split("Show it? (y / N)")[1].split("Where does it hurt?")[0].strip().splitlines()
    assert len(listed) > 3 and all(len(line) <= 60 for line in listed)
    assert all(re.match(r"(Regions: )?\d+ \S", line) for line in listed)  # a number, its name
    assert not any(re.search(r"\d;?$", line) for line in listed)  # never a number alone at the end
    assert "Each number marks a region" not in out  # the numbered map not drawn
    shown = invoke(
        "ask", input=Replies(person(index, "2", show_map="y")), env={**TTY, "COLUMNS": "60"}
    )
    assert "Each number marks a region" in shown.stdout and "Regions: 1 " not in shown.stdout
    wide = invoke("ask", input=Replies(person(index, "2")), env={**TTY, "COLUMNS": "80"})
    assert "Show it?" not in wide.stdout and "Each number marks a region" in wide.stdout


# --- the handout from `ask -o` ------------------------------------------------------------


def _asked(index: CatalogIndex, out: str, answer: dict[str, str]) -> list[tuple[str, str]]:
    """Each question the screen shows as asked, in order, with the answer `person` gave."""
    flat = " ".join(out.split())
    questions = [
        (flat.index(f"{text} ("), text, answer.get(s.id, "no"))
        for s in index.symptoms.values()
        if (text := " ".join(s.question.split())) and f"{text} (" in flat
    ]
    return [(q, a) for _, q, a in sorted(questions)]


def _handout_rows(html: str) -> list[tuple[str, str]]:
    """The rows of the handout's "Questions and answers" table, as text."""
    table = html.split("<h2>Questions and answers</h2>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table)
    return [(unescape(q).removeprefix("Safety: "), unescape(a)) for q, a in rows]


ANSWERS = {"sitting": "yes", "crossed-legs": "not sure"}


def test_the_handout_records_every_question_and_answer(
    invoke: Invoke, index: CatalogIndex, tmp_path: Path
) -> None:
    page = tmp_path / "answers.html"
    answers = person(index, "left buttock and hip", {"sitting"}, {"crossed-legs"})
    result = invoke("ask", "-o", str(page), input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    asked = _asked(index, result.stdout, ANSWERS)
    assert _handout_rows(html) == asked  # every question, in order, with its answer
    safety = [" ".join(s.question.split()) for s in index.symptoms.values() if s.red_flag]
    assert [q for q, _ in asked[:3]] == safety and len(asked) > 3
    assert html.count("<td>Safety: ") == 3
    assert "buttock and hip (left side)" in html
    assert "“left buttock and hip”" in html
    assert f"Prepared on {datetime.date.today().isoformat()}" in html
    assert "<span>Name:</span>" in html and "<span>Clinician:</span>" in html
    assert "Clinician's notes" in html
    best = index.muscle_record(index.resolve("muscle", _best(result.stdout)))
    assert any(tp["location"] in unescape(html) for tp in best["trigger_points"])
    shown = re.sub(r"<svg.*?</svg>|<style>.*?</style>", "", html, flags=re.S)
    assert ids_in(index, unescape(re.sub(r"<[^>]+>", " ", shown))) == []  # ids in words


def _best(out: str) -> str:
    return out.split("Best match: ", 1)[1].split(",")[0].split("\n")[0]


@pytest.mark.parametrize("go_on", ["", "y"], ids=["stopped", "went on"])
def test_a_red_flag_handout_withholds_the_trigger_points(
    invoke: Invoke, index: CatalogIndex, tmp_path: Path, go_on: str
) -> None:
    page = tmp_path / "answers.html"
    yes = {"saddle-numbness", "sitting"}
    answers = person(index, "left buttock", yes, go_on=go_on)
    result = invoke("ask", "-o", str(page), input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    html = unescape(page.read_text(encoding="utf-8"))
    asked = _asked(index, result.stdout, dict.fromkeys(yes, "yes"))
    assert _handout_rows(page.read_text(encoding="utf-8")) == asked
    saddle = " ".join(index.symptoms["saddle-numbness"].question.split())
    assert (saddle, "yes") in asked
    assert (len(asked) > 3) is bool(go_on)
    assert html.index("RED FLAG: seek urgent care first") < html.index("What was reported")
    assert "buttock (left side)" in html
    assert "Where the trigger points are is not given here: a red flag comes first." in html
    locations = {
        tp["location"] for m in index.muscles for tp in index.muscle_record(m)["trigger_points"]
    }
    assert not [where for where in locations if where in html]
    assert "Trigger points on the map" not in html and "Where it is" not in html
    assert "Show a result's trigger points?" not in result.stdout  # the screen alike


@pytest.mark.skipif(
    (CHROMIUM is None or shutil.which("pdftotext") is None) and not os.environ.get("CI"),
    reason="headless Chromium or pdftotext is not installed (`apt-get install chromium "
    "poppler-utils`; CI installs them)",
)
def test_the_printed_handout_holds_every_question_and_answer(
    invoke: Invoke, index: CatalogIndex, tmp_path: Path
) -> None:
    """The handout as a browser prints it (headless Chromium to PDF, read back with
    pdftotext): every question asked, the safety screen included, with its answer."""
    assert CHROMIUM is not None
    page = tmp_path / "answers.html"
    answers = person(index, "left buttock and hip", {"sitting"}, {"crossed-legs"})
    result = invoke("ask", "-o", str(page), input=Replies(answers), env=TTY)
    assert result.exit_code == 0, result.output
    text = printed_text(page)
    asked = _asked(index, result.stdout, ANSWERS)
    assert len(asked) > 3
    for n, (question, answer) in enumerate(asked):
        row = f"{'Safety: ' if n < 3 else ''}{question} {answer}"
        assert row in text, f"{row!r} not on the printed page"
    assert "buttock and hip (left side)" in text and "Name:" in text
