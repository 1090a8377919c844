"""Rewrite the output of every `$ glutealtp ARGS` console example in README.md and docs/*.md
with what the command prints now, as `tests/test_docs.py` runs it (in-process, plain
environment: no colour, 80 columns). Run it after the output changes, then read the diff:

    uv run python docs/update_examples.py
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = re.compile(r"(```console\n\$ glutealtp ([^\n]+)\n)(.*?)(```)", flags=re.S)


def main() -> int:
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "GLUTEALTP_INTERACTIVE"):
        os.environ.pop(name, None)
    from typer.testing import CliRunner

    from glutealtp.cli.app import app

    os.chdir(ROOT)  # an example names files from the repository's root
    runner = CliRunner()
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")

        def run(match: re.Match[str], page: Path = page) -> str:
            result = runner.invoke(app, shlex.split(match.group(2)))
            if result.stdout != match.group(3):
                print(f"{page.name}: glutealtp {match.group(2)}: updated", file=sys.stderr)
            return match.group(1) + result.stdout + match.group(4)

        new = EXAMPLE.sub(run, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
