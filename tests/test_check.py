"""`glutealtp check`: the pressing exam, read as a person sees it on a terminal, and its
safety rules: never after a red flag, never a clinician's point in self mode, the stop
line before the first press, the disclaimer kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.ranking.exam import next_press, to_press
from glutealtp.ranking.presses import points
from glutealtp.ranking.rank import make_query, rank

from .helpers import (
    BUNDLED,
    CHROMIUM,
    DISCLAIMER,
    PDFTOTEXT,
    printed_text,
    run_glutealtp,
    session_on_a_terminal,
)

INDEX = BUNDLED
POINTS = points(INDEX)
CLINICIAN = {p for p, point in POINTS.items() if point.who == "clinician"}


def _answer_familiar_first(screen: str) -> str | None:
    """The person of the sessions: "yes" to the first press, then Enter to anything else."""
    return "y" if "bring on the pain you know" in screen else ""


@pytest.fixture(scope="module", params=[60, 80])
def session(request: pytest.FixtureRequest) -> tuple[int, int, list[str]]:
    width: int = request.param
    code, lines = session_on_a_terminal(
        "check", _answer_familiar_first, "-r", "buttock", "-r", "hip", width=width
    )
    return width, code, lines


def test_a_session_fits_the_terminal_and_says_what_was_pressed(
    session: tuple[int, int, list[str]],
) -> None:
    width, code, lines = session
    text = " ".join(" ".join(lines).replace("│", " ").split())  # wrapped lines as one
    assert code == 0
    assert max(len(line) for line in lines) <= width
    # The stop line, before the first press.
    stop = text.index("Stop if pressing causes sharp, electric or spreading pain")
    assert stop < text.index("bring on the pain you know")
    assert "Never press on a pulse" in " ".join(text[: stop + 2000].split())
    # Where to search and how to press, in words, with the sources.
    assert "Where to search:" in text and "Sources:" in text
    # The result: what was pressed, why it stopped, the ranking, the disclaimer last.
    assert "What was pressed:" in text and "the familiar pain" in text
    assert "trigger point brought on the familiar pain, so" in text
    assert "now leads clearly (a sign for a clinician to weigh, not a diagnosis)" in text
    assert "confirmed by pressure" in text
    assert DISCLAIMER in " ".join(lines[-4:])


def test_the_safety_box_ends_with_the_disclaimer_as_its_own_paragraph(
    session: tuple[int, int, list[str]],
) -> None:
    """The disclaimer closes the box flush with its edge, after a blank line: never indented
    as if it were the end of the last safety line."""
    _, _, lines = session
    box = lines[: next(i for i, line in enumerate(lines) if line.startswith("╰"))]
    start = next(i for i, line in enumerate(box) if "glutealtp gives information" in line)
    assert box[start].startswith("│ glutealtp gives information")
    assert box[start - 1].strip("│ ") == ""


def test_no_exam_after_a_red_flag() -> None:
    code, lines = session_on_a_terminal(
        "check", _answer_familiar_first, "-r", "buttock", "-s", "saddle numbness"
    )
    text = "\n".join(lines)
    assert "No pressing exam after a red flag" in text
    assert "bring on the pain you know" not in text and "Where to search" not in text
    assert text.index("RED FLAG") < text.index("No pressing exam")
    assert code in (0, 1)


def test_check_needs_a_terminal() -> None:
    proc = run_glutealtp("check", "-r", "buttock")
    assert proc.returncode == 2
    assert proc.stderr.startswith("glutealtp: error: check needs a terminal")
    assert len(proc.stderr.splitlines()) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(INDEX.regions)), min_size=1, max_size=2, unique=True))
def test_a_person_is_never_asked_to_press_a_clinicians_point(regions: list[str]) -> None:
    ranking = rank(INDEX, make_query(INDEX, regions))
    offered = {p.id for p in to_press(INDEX, ranking, "self")}
    assert not offered & CLINICIAN
    choice = next_press(INDEX, ranking, "self")
    assert choice is None or choice.point.who == "self"


def test_a_clinician_may_press_the_points_inside_the_pelvis() -> None:
    ranking = rank(INDEX, make_query(INDEX, ["tailbone"]))
    offered = {p.id for p in to_press(INDEX, ranking, "clinician")}
    assert offered & CLINICIAN
    assert not {p.id for p in to_press(INDEX, ranking, "self")} & CLINICIAN


def test_the_clinician_exam_asks_the_consensus_criteria() -> None:
    asked: list[str] = []

    def clinician(screen: str) -> str | None:
        if "= skip)" in screen:
            asked.append(screen)
            return "y" if "recognises the pain" in screen else "n"
        return ""

    code, lines = session_on_a_terminal(
        "check", clinician, "-r", "buttock", "-r", "hip", "--clinician"
    )
    text = "\n".join(lines)
    assert code == 0
    for criterion in ("A taut band", "A hypersensitive spot", "Referred pain", "Recognition"):
        assert criterion in text
    assert "recognition: yes" in text and "taut band: no" in text


@pytest.mark.skipif(
    (CHROMIUM is None or PDFTOTEXT is None) and not os.environ.get("CI"),
    reason="headless Chromium or pdftotext is not installed (CI installs them)",
)
def test_the_printed_handout_holds_every_press_and_answer(tmp_path: Path) -> None:
    page = tmp_path / "exam.html"
    answers = iter(["n", "y", "y"])  # not the familiar pain, tender; then the familiar pain

    def person(screen: str) -> str | None:
        return next(answers, "n") if "= skip)" in screen else ""

    code, lines = session_on_a_terminal(
        "check", person, "-r", "buttock", "-r", "hip", "--clinician", "-o", str(page)
    )
    assert code == 0, "\n".join(lines[-20:])
    shown = " ".join(" ".join(lines).split())
    text = printed_text(page)
    pressed = shown.split("What was pressed: ")[1].split(" - ")[1:]
    assert pressed
    for line in pressed:
        point, answer = line.split(": ", 1)
        answer = answer.split(" The exam stopped")[0]
        # A table's cells print in column order: each point and each answer, whole.
        assert point in text and answer in text, f"{point}: {answer!r} not on the page"
    assert text.count("Pressed:") == shown.count("A taut band:")  # one row a press
