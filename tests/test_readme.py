"""The README's examples are real output, so the documentation cannot drift."""

from __future__ import annotations

import re

import pytest

from .conftest import Invoke
from .helpers import ROOT

pytestmark = pytest.mark.usefixtures("plain_environment")

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```console\n\$ glutealtp ([^\n]+)\n(.*?)```", README, flags=re.S)


def test_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(("command", "output"), EXAMPLES)
def test_readme_example_matches_real_output(invoke: Invoke, command: str, output: str) -> None:
    result = invoke(*command.split())
    assert result.stdout == output


def test_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    assert quick.splitlines() == [
        "uv run glutealtp which --region buttock --region hip",
        "uv run pytest",
    ]
