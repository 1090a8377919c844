"""Every screen as a terminal 80 columns wide shows it (a whole `ask` session at 60 too): no
line wider than the terminal, no box left open, and no id or muscle name broken across lines.

The screens are drawn in this process as on a terminal (`on_a_terminal`); one of each kind
is also read through a real pseudo-terminal, and must be the same line for line."""

from __future__ import annotations

import functools
import re

import pytest

from glutealtp.catalog import CatalogIndex

from .helpers import (
    BUNDLED,
    PtySession,
    Reply,
    ask_on_a_terminal,
    ids_in,
    on_a_terminal,
    person,
    plain,
    screen_lines,
)

WIDTH = 80
OPEN_CLOSE = {"│": "│", "┃": "┃", "┌": "┐", "╭": "╮", "┏": "┓", "└": "┘", "╰": "╯", "┗": "┛"}


def screen(*args: str) -> list[str]:
    """What a person sees: the lines the program draws on an 80-column terminal."""
    run = on_a_terminal(*args, width=WIDTH)
    assert run.crash is None, run.crash
    assert run.code in (0, 1), run.stdout[-600:] + run.stderr
    return screen_lines(run.stdout + run.stderr)


def real_screen(*args: str) -> list[str]:
    """The same, read through a real pseudo-terminal."""
    with PtySession(*args, env={"COLUMNS": str(WIDTH), "LINES": "50"}) as session:
        code = session.wait(timeout=60)
    assert code in (0, 1), session.seen[-600:]
    return plain(session.seen).split("\n")


@functools.cache
def _split_pattern(index: CatalogIndex) -> re.Pattern[str]:
    """An id or a muscle name with a line break anywhere inside it."""
    names = {*index.muscles, *index.regions, *index.symptoms}
    names |= {m.name for m in index.muscles.values()}
    names |= {tp["id"] for m in index.muscles for tp in index.muscle_record(m)["trigger_points"]}
    breaks = []
    for name in sorted(names, key=len, reverse=True):
        for i in range(2, len(name) - 1):
            head, tail = re.escape(name[:i]), re.escape(name[i:])
            breaks.append(rf"\b{head}\n[ │┃]*{tail}\b")
    return re.compile("|".join(breaks), flags=re.IGNORECASE)


def _without_addresses(lines: list[str]) -> list[str]:
    """The lines without web addresses (which may break after a `/` or `-`)."""
    out: list[str] = []
    in_address = False
    for line in lines:
        stripped = line.strip()
        if "://" in line:
            in_address = True
            out.append(line[: line.index("http")] if "http" in line else "")
            continue
        if in_address and line.startswith(" ") and " " not in stripped:
            continue
        in_address = False
        out.append(line)
    return out


def check(lines: list[str], width: int = WIDTH) -> None:
    wide = [line for line in lines if len(line) > width]
    assert not wide, f"wider than {width}: {wide[:3]}"
    for line in lines:
        end = OPEN_CLOSE.get(line[:1])
        if end:
            assert line.rstrip().endswith(end), f"a box is cropped: {line!r}"
    joined = "\n".join(line.rstrip() for line in _without_addresses(lines))
    broken = _split_pattern(BUNDLED).search(joined)
    assert broken is None, f"split across lines: {broken.group()!r}"


WHICH = [
    ["which", "-r", "buttock", "-r", "hip"],
    ["which", "-r", "buttock", "-r", "hip", "-s", "sciatica", "--explain"],
    ["which", "-s", "slouched-sitting"],
    ["which", "-r", "groin", "-r", "inner-thigh", "-r", "front-of-thigh"],
    ["which", "-r", "buttock", "-s", "saddle-numbness"],
    ["which", "-r", "back-of-leg", "-s", "bladder", "-s", "walking", "--top", "4", "--map"],
    ["which", "-s", "bladder-bowel-loss"],
]


@pytest.mark.parametrize("argv", WHICH, ids=lambda a: " ".join(a[1:]))
def test_which_reads_at_80_columns(argv: list[str]) -> None:
    check(screen(*argv))


@pytest.mark.parametrize("muscle", list(BUNDLED.muscles))
def test_show_reads_at_80_columns(muscle: str) -> None:
    check(screen("show", muscle))


@pytest.mark.parametrize("command", ["muscles", "regions", "symptoms"])
def test_the_lists_read_at_80_columns(command: str) -> None:
    check(screen(command))


@pytest.mark.parametrize(
    "argv", [WHICH[1], ["show", "piriformis"], ["muscles"]], ids=lambda a: " ".join(a)
)
def test_a_real_terminal_shows_the_same_screen(argv: list[str]) -> None:
    """One of each kind of screen through a pseudo-terminal: the screens above are the ones a
    terminal shows."""
    lines = real_screen(*argv)
    check(lines)
    assert lines == screen(*argv)


@functools.cache
def ask_screen(width: int, red: bool) -> tuple[str, ...]:
    """A whole `ask` session at `width` columns, read once for the tests below: buttock and
    lower back, worse when sitting, and with `red` numbness in the saddle area (a red flag).
    At 60 columns the numbered map is asked for, so that it too is read at that width."""
    run = on_a_terminal("ask", width=width, typed=_person(red))
    assert run.crash is None, run.crash
    assert run.code == 0, run.stdout[-3000:] + run.stderr
    return tuple(screen_lines(run.stdout + run.stderr))


def _person(red: bool) -> Reply:
    yes = {"sitting", "saddle-numbness"} if red else {"sitting"}
    return person(BUNDLED, "2, lower back", yes, then=["1", ""], show_map="y")


def test_a_whole_ask_session_on_a_real_terminal_is_the_same() -> None:
    """The session with the most on it (60 columns, the map asked for, a red flag) through a
    pseudo-terminal, prompts answered as they appear: the sessions below are what a
    terminal shows."""
    code, lines = ask_on_a_terminal(_person(red=True), width=60)
    assert code == 0, "\n".join(lines[-30:])
    check(lines, 60)
    assert tuple(lines) == ask_screen(60, red=True)


ASK_SESSIONS = [(w, red) for w in (80, 60) for red in (False, True)]


def _session_id(case: tuple[int, bool]) -> str:
    return f"{case[0]} columns{', red flag' if case[1] else ''}"


@pytest.mark.parametrize(("width", "red"), ASK_SESSIONS, ids=map(_session_id, ASK_SESSIONS))
def test_a_whole_ask_session_reads_at_80_and_60_columns(width: int, red: bool) -> None:
    lines = list(ask_screen(width, red))
    check(lines, width)
    text = "\n".join(lines)
    flat = " ".join(text.split())
    assert "The catalog holds" in text and "What you were asked:" in text
    assert ("RED FLAG: seek urgent care first" in text) is red
    safety = flat.index("First, 3 safety questions.")
    assert safety < flat.index("Are one or both legs getting weaker?")
    assert flat.index("Are one or both legs getting weaker?") < flat.index("Pain reported:")
    assert flat.index("Pain reported:") < flat.index("What you were asked:")
    if red:  # the questions about the pain stop at the red flag
        assert "How does" not in text and "Go on with them anyway" in flat
    else:
        behaviour = flat.index("How does the pain behave?")
        assert safety < behaviour < flat.index("Pain reported:")
        assert "Best match" in text and "Show a result's trigger points?" in flat
    if width < 80:  # the map was offered, and shown when asked for
        assert "The numbered map is tall at this width. Show it? (y / N)" in flat
    assert "Each number marks a region" in text


@pytest.mark.parametrize("width", [80, 60])
def test_a_red_flag_session_ends_with_the_red_flag(width: int) -> None:
    """The urgent-care box is the last thing on screen, below the ranking, the map and the
    answers (issue "ask v3": it once ended up 60 lines above the last line)."""
    lines = [line.rstrip() for line in ask_screen(width, red=True)]
    filled = [line for line in lines if line]
    top = max(i for i, line in enumerate(filled) if "RED FLAG: seek urgent care first" in line)
    box = filled[top:]
    assert box[0].startswith("╭") and box[-1].startswith("╰") and box[-1].endswith("╯")
    assert all(line.startswith("│") and line.endswith("│") for line in box[1:-1]), box
    assert "Numbness in the saddle area" in " ".join(box)
    assert top > filled.index("What you were asked:")  # after everything else


@pytest.mark.parametrize(("width", "red"), ASK_SESSIONS, ids=map(_session_id, ASK_SESSIONS))
def test_no_line_of_an_ask_session_holds_an_id(width: int, red: bool) -> None:
    """Symptoms, regions and muscles in words; the ids are for `--explain` only."""
    found = [(line, ids_in(BUNDLED, line)) for line in ask_screen(width, red)]
    assert not [f for f in found if f[1]], [f for f in found if f[1]][:3]
