"""On a real terminal the tables are rich tables; NO_COLOR keeps them colourless."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;[25])[0-9;]*m")


def run_on_terminal(*args: str, extra_env: dict[str, str] | None = None) -> str:
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update({"COLUMNS": "100", "LINES": "50", "TERM": "xterm-256color", **(extra_env or {})})
    proc = subprocess.Popen(
        [sys.executable, "-m", "glutealtp", *args], stdout=slave, stderr=slave, env=env
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=30) == 0
    return b"".join(chunks).decode("utf-8")


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
