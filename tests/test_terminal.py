"""On a real terminal the screen is coloured, the red flag boxed; NO_COLOR keeps it colourless."""

from __future__ import annotations

import re

from .helpers import PtySession

COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;[25])[0-9;]*m")


def run_on_terminal(*args: str, extra_env: dict[str, str] | None = None) -> str:
    with PtySession(*args, env=extra_env) as session:
        assert session.wait() == 0
    return session.seen.decode("utf-8")


def test_terminal_gets_a_rich_table_with_a_red_flag_panel() -> None:
    out = run_on_terminal("which", "-r", "buttock", "-r", "hip", "-s", "saddle numbness")
    assert out.startswith("\x1b[1;31m┌─ RED FLAG: seek urgent care first ─")
    assert "For your clinician" in out.split("Best match")[0]
    assert "\x1b[1;32mBest match: Piriformis" in out  # the best match in colour, and in words
    assert COLOUR.search(out)
    assert all(len(line) <= 100 for line in re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines())


def test_no_color_is_respected() -> None:
    out = run_on_terminal("which", "-r", "hip", extra_env={"NO_COLOR": "1"})
    assert "Best match: Tensor fasciae latae" in out
    assert not COLOUR.search(out)
