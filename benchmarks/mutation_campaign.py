"""The mutation campaign of reliability round 3, larger than the test suite's, with counts.

Usage: python benchmarks/mutation_campaign.py [--random N] [--seed S] [--sweep]

N random mutations of one or two nodes each (hypothesis draws them, as the test does; 1,000
take under 2 minutes on 2 cores); with --sweep first every typed replacement
(`tests/strategies/typed_mutations.py`) of the first and the last node at every schema path
of the bundled dataset and of the example (about 20,000 mutations, 30 minutes). Every
mutated file goes through `data validate`; every one it accepts through `which`, `show`,
`muscles`, `regions`, `symptoms`, `map` and `batch` in every format, in this process, each
output checked: no traceback, strict JSON, JSON Lines, rectangular CSV without formula
cells, well-formed SVG, the red flag first. Prints the counts (mutations tried, accepted,
commands run, findings, tracebacks) and the first findings.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import typer.testing
from hypothesis import HealthCheck, given, seed, settings
from typer.testing import CliRunner

from glutealtp.cli.app import app, command
from tests.strategies.typed_mutations import (
    BASES,
    PRISTINE,
    Invoker,
    apply,
    campaign,
    every_mutation,
    invoker,
    mutated,
    validated_once,
)


class Tally:
    def __init__(self) -> None:
        self.tried = 0
        self.accepted = 0
        self.commands = 0
        self.findings: list[tuple[str, list[str], str]] = []
        self.by_base: collections.Counter[str] = collections.Counter()
        self.accepted_by_base: collections.Counter[str] = collections.Counter()

    def add(self, base: str, described: str, data: dict[str, Any], run: Invoker) -> None:
        with tempfile.TemporaryDirectory() as workdir:
            ok, commands, found = campaign(data, Path(workdir), run)
        self.tried += 1
        self.by_base[base] += 1
        self.accepted += ok
        self.accepted_by_base[base] += ok
        self.commands += commands
        self.findings += [(described, argv, problem) for argv, problem in found]
        if self.tried % 500 == 0:
            print(
                f"  ... {self.tried:,} tried, {self.accepted:,} accepted,"
                f" {len(self.findings):,} findings",
                file=sys.stderr,
                flush=True,
            )

    def report(self, seconds: float) -> None:
        tracebacks = sum(p.startswith(("traceback", "a traceback")) for _, _, p in self.findings)
        print(f"mutations tried: {self.tried:,}", end="")
        print(" (" + ", ".join(f"{b} {n:,}" for b, n in sorted(self.by_base.items())) + ")")
        print(f"accepted by data validate: {self.accepted:,}", end="")
        print(
            " (" + ", ".join(f"{b} {n:,}" for b, n in sorted(self.accepted_by_base.items())) + ")"
        )
        print(f"commands run: {self.commands:,}")
        print(f"findings: {len(self.findings):,}, of which tracebacks: {tracebacks:,}")
        print(f"time: {seconds:.0f} s")
        for described, argv, problem in self.findings[:10]:
            print(f"- {described}\n  {' '.join(argv)}\n  {problem[:1500]}")


def runner() -> Invoker:
    """The CLI's own click command (built once) through typer's test runner, stderr apart."""
    test_runner = CliRunner()

    def invoke(*argv: str, input: str | None = None) -> Any:
        with mock.patch.object(typer.testing, "_get_command", return_value=command()):
            return test_runner.invoke(app, list(argv), input=input)

    return invoker(invoke)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--random", type=int, default=1000, help="random mutations (N)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sweep", action="store_true", help="first every mutation, in turn")
    args = parser.parse_args()
    run = runner()
    tally = Tally()
    start = time.monotonic()
    with validated_once():
        if args.sweep:
            for base in BASES:
                for mutation in every_mutation(base):
                    data = apply(PRISTINE[base], mutation)
                    tally.add(base, f"{base} | {mutation.describe()}", data, run)
            print("sweep:", flush=True)
            tally.report(time.monotonic() - start)

        @seed(args.seed)
        @settings(
            max_examples=args.random,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=mutated())
        def draw(case: tuple[str, dict[str, Any]]) -> None:
            described, data = case
            tally.add(described.split(" | ")[0], described, data, run)

        if args.random:
            draw()
    print("total:")
    tally.report(time.monotonic() - start)


if __name__ == "__main__":
    main()
