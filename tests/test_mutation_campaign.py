"""The mutation campaign of reliability round 3, sized for CI (`benchmarks/mutation_campaign.py`
runs it larger and prints its counts).

Hypothesis draws typed mutations of the bundled and the example dataset (one or two nodes
replaced by values of every type, deleted, emptied, doubled, or given extreme numbers and odd
strings: `strategies/typed_mutations`). Each mutated file goes through `data validate`; each
one it accepts through `which`, `show`, `muscles`, `regions`, `symptoms`, `map` and `batch`
in every format, in this process. Nothing may print a traceback, every JSON document and line
must parse strictly, every CSV be rectangular with no formula cell, and a red flag the query
holds must come first.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from .conftest import Invoke
from .strategies.typed_mutations import (
    PRISTINE,
    Ran,
    Suite,
    campaign,
    check,
    invoker,
    mutated,
    validated_once,
)

REGULAR_EXAMPLES = 40
SLOW_EXAMPLES = 400


def _run(invoke: Invoke, case: tuple[str, dict[str, Any]]) -> None:
    described, data = case
    with tempfile.TemporaryDirectory() as workdir, validated_once():
        _, _, found = campaign(data, Path(workdir), invoker(invoke))
    assert not found, f"{described}:\n" + "\n".join(f"{argv}: {p}" for argv, p in found)


@pytest.mark.parametrize("base", sorted(PRISTINE))
def test_the_unmutated_datasets_pass_the_suite(invoke: Invoke, base: str) -> None:
    _run(invoke, (base, PRISTINE[base]))


@settings(
    max_examples=REGULAR_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutated())
def test_mutated_datasets_never_crash_a_command(invoke: Invoke, case: tuple[str, Any]) -> None:
    _run(invoke, case)


@pytest.mark.slow
@settings(
    max_examples=SLOW_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=mutated())
def test_mutated_datasets_never_crash_a_command_slow(invoke: Invoke, case: tuple[str, Any]) -> None:
    _run(invoke, case)


@pytest.mark.parametrize(
    ("fmt", "red", "ran"),
    [
        ("json", False, Ran(1, "", "", "Traceback (most recent call last): ...")),
        ("json", False, Ran(0, '{"score": NaN}', "", None)),
        ("jsonl", False, Ran(0, '{"a": 1}\n{"a": \n', "", None)),
        ("csv", False, Ran(0, '"a","b"\n"=1+1","x"\n', "", None)),
        ("csv", False, Ran(0, '"a","b"\n"x"\n', "", None)),
        ("table", False, Ran(2, "", "glutealtp: error: one\ntwo\n", None)),
        ("table", False, Ran(3, "", "", None)),
        ("table", True, Ran(0, "Best match: x\nRED FLAG\n", "", None)),
        ("csv", True, Ran(0, '# disclaimer\n# RED FLAG: x\n"a"\n', "", None)),
        ("json", True, Ran(0, '{"warnings": []}', "", None)),
        ("table", True, Ran(2, "", "glutealtp: error: unknown region 'x'\n", None)),
        ("svg", False, Ran(0, "<svg><script>alert(1)</script></svg>", "", None)),
    ],
)
def test_the_checks_catch_what_they_look_for(fmt: str, red: bool, ran: Ran) -> None:
    assert check(Suite(["which"], None, fmt, red), ran) is not None
