"""Regenerate the README's pictures under docs/img/.

Usage: uv run python docs/make_images.py

- piriformis-map.png: `glutealtp map piriformis -o piriformis-map.png`, the SVG drawn to PNG;
- groin-left-map.png: `glutealtp which -r groin -r "inner thigh" --side left --svg ...`,
  a one-sided map with the report outlined and a region inside the body;
- which-map-terminal.svg: what `glutealtp which -r buttock -r hip --map` shows in a real
  terminal (run in a pseudo-terminal, so the colours are the program's own), recorded
  with rich's SVG export;
- handout.png: the top of the printable handout of `glutealtp which -r buttock -r hip -o
  handout.html`, as headless Chromium draws it (Debian's `chromium` package).
"""

from __future__ import annotations

import argparse
import io
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

IMG = Path(__file__).resolve().parent / "img"
WHICH = ["which", "-r", "buttock", "-r", "hip", "--top", "3", "--map"]
PICTURES = {
    "piriformis-map.png": ["map", "piriformis", "-o"],
    "groin-left-map.png": [
        *("which", "-r", "groin", "-r", "inner thigh", "--side", "left", "--top", "3", "--svg"),
    ],
}
"""Each picture file and the command that writes it (the file name follows)."""
COLUMNS = 80
"""The terminal picture is drawn at 80 columns, the width a person most often has."""


def terminal_output(args: list[str], columns: int = COLUMNS) -> str:
    """Run glutealtp in a pseudo-terminal `columns` wide and return what it printed."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLUMNS=str(columns), LINES="60")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the CLI, in the terminal
        os.execvpe(sys.executable, [sys.executable, "-m", "glutealtp", *args], env)
    out = bytearray()
    while True:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out.extend(chunk)
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"glutealtp {' '.join(args)} failed: {out.decode(errors='replace')}")
    return out.decode("utf-8").replace("\r\n", "\n")


def handout() -> None:
    """The handout page, drawn by headless Chromium, cropped to its first screen."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("docs/img/handout.png needs Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "handout.html"
        argv = ["which", "-r", "buttock", "-r", "hip", "-o", str(page)]
        subprocess.run([sys.executable, "-m", "glutealtp", *argv], check=True, capture_output=True)
        shot = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--screenshot={IMG / 'handout.png'}",
            "--window-size=1000,1400",
            page.as_uri(),
        ]
        subprocess.run(shot, check=True, capture_output=True, timeout=120)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="docs/make_images.py",
        description=__doc__.split("\n\n", 1)[0] if __doc__ else None,
        epilog="It writes every picture under docs/img/ again; it takes no options.",
    )
    parser.parse_args(argv)
    IMG.mkdir(parents=True, exist_ok=True)
    for name, args in PICTURES.items():
        png = IMG / name
        png.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "glutealtp", *args, str(png)],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    console = Console(
        record=True,
        width=COLUMNS,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
    )
    console.print(Text.from_ansi(terminal_output(WHICH)), soft_wrap=True)
    console.save_svg(str(IMG / "which-map-terminal.svg"), title="glutealtp " + " ".join(WHICH))
    handout()
    for path in sorted(IMG.iterdir()):
        print(f"wrote {path.relative_to(IMG.parent.parent)} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
