"""On a real terminal the screen is coloured, the red flag boxed; NO_COLOR keeps it colourless."""

from __future__ import annotations

import re

from .helpers import SGR, PtySession

COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;[25])[0-9;]*m")
"""Of `SGR`, a foreground colour."""


def run_on_terminal(*args: str, extra_env: dict[str, str] | None = None) -> str:
    with PtySession(*args, env=extra_env) as session:
        assert session.wait() == 0
    return session.seen.decode("utf-8")


def test_terminal_gets_a_rich_table_with_a_red_flag_panel() -> None:
    out = run_on_terminal("which", "-r", "buttock", "-r", "hip", "-s", "saddle numbness")
    assert out.startswith("\x1b[1;31m┌─ RED FLAG: seek urgent care first ─")
    # The leaders (both with main zones on the buttock and the hip) in colour, and in words.
    lead = "\x1b[1;32mPiriformis and gluteus minimus fit about equally well: each explains"
    assert lead in out
    assert "For your clinician" in out.split(lead)[0]
    assert COLOUR.search(out)
    assert all(len(line) <= 100 for line in SGR.sub("", out).splitlines())


def test_no_color_is_respected() -> None:
    out = run_on_terminal("which", "-r", "hip", extra_env={"NO_COLOR": "1"})
    # Six muscles refer to the hip by a main (essential) zone and lead together, in words.
    assert (
        "Gluteus minimus, tensor fasciae latae, piriformis, quadratus lumborum, obturator "
        "internus and short lateral rotators fit about equally well: each explains hip."
    ) in " ".join(SGR.sub("", out).split())
    assert not COLOUR.search(out)
