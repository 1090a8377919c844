"""The documentation cannot drift: its examples are real output, and it covers every command
and every module.

The README is the front door (at most 12 KB); the manual is in docs/. Every ```console block
whose first line is `$ glutealtp ARGS` is run here and must print exactly what it shows.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main

from glutealtp.cli.app import app

from .conftest import Invoke
from .helpers import ROOT

pytestmark = pytest.mark.usefixtures("plain_environment")

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
EXAMPLE = re.compile(r"```console\n\$ glutealtp ([^\n]+)\n(.*?)```", flags=re.S)
README_LIMIT = 12_288


def _examples() -> Iterator[tuple[Path, str, str]]:
    for page in PAGES:
        for command, output in EXAMPLE.findall(page.read_text(encoding="utf-8")):
            yield page, command, output


EXAMPLES = [
    pytest.param(command, output, id=f"{page.name}: {command}")
    for page, command, output in _examples()
]


def _section(text: str, heading: str) -> str:
    """The text under a `## heading`, up to the next `## ` heading."""
    return text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def _commands() -> list[str]:
    """Every command `glutealtp --help` lists, a group's as `GROUP SUBCOMMAND`."""
    found: list[str] = []
    for name, command in _subcommands(typer.main.get_command(app)):
        subcommands = _subcommands(command)
        found += [f"{name} {sub}" for sub, _ in subcommands] if subcommands else [name]
    return found


def _subcommands(command: object) -> list[tuple[str, object]]:
    """A click group's visible commands (typer's own click: no isinstance check)."""
    commands: dict[str, object] = getattr(command, "commands", {})
    return [(n, c) for n, c in commands.items() if not getattr(c, "hidden", False)]


def test_the_readme_and_the_usage_page_have_examples() -> None:
    pages = {page.name for page, _, _ in _examples()}
    assert {"README.md", "usage.md", "scripting.md"} <= pages


@pytest.mark.parametrize(("command", "output"), EXAMPLES)
def test_an_example_prints_what_it_shows(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, command: str, output: str
) -> None:
    monkeypatch.chdir(ROOT)  # an example names files from the repository's root
    result = invoke(*shlex.split(command))
    assert result.stdout == output


def test_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    assert quick.splitlines() == [
        "uv run glutealtp which --region buttock --region hip",
        "uv run pytest",
    ]


def test_the_readme_is_a_front_door() -> None:
    assert len(README.encode("utf-8")) <= README_LIMIT
    assert "does not diagnose" in " ".join(README.split())
    assert "## Red flags" in README


def test_every_command_has_its_section_in_the_usage_page() -> None:
    headings = re.findall(r"^## (.+)$", (DOCS / "usage.md").read_text(encoding="utf-8"), re.M)
    commands = _commands()
    assert {"which", "show", "batch", "data validate"} <= set(commands)
    assert [c for c in commands if c not in headings] == []


def test_every_command_is_in_the_readme_table() -> None:
    table = _section(README, "Commands")
    assert [c for c in _commands() if f"| `glutealtp {c}" not in table] == []


def test_the_layout_names_every_module_once_and_no_other() -> None:
    layout = _section((DOCS / "development.md").read_text(encoding="utf-8"), "Layout")
    named = re.findall(r"^- `(src/glutealtp/[^`]+\.py)`: \S", layout, flags=re.M)
    modules = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "src" / "glutealtp").rglob("*.py")
        if "__pycache__" not in p.parts
    )
    assert sorted(set(named)) == sorted(named), "a module named twice"
    assert [m for m in modules if m not in named] == [], "modules without a line"
    assert [n for n in named if n not in modules] == [], "lines naming no module"


def test_the_docs_name_sources_by_title_and_author() -> None:
    for page in PAGES:
        assert "seed" not in page.read_text(encoding="utf-8").lower(), page.name
