"""On a real terminal the tables are rich tables; NO_COLOR keeps them colourless."""

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
    assert "┏" in out
    assert "╭" in out.split("Muscles whose")[0]
    assert COLOUR.search(out)
    assert all(len(line) <= 100 for line in re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines())


def test_no_color_is_respected() -> None:
    out = run_on_terminal("which", "-r", "hip", extra_env={"NO_COLOR": "1"})
    assert "┏" in out
    assert not COLOUR.search(out)
