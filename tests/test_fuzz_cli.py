"""Hypothesis-generated command lines: whatever comes in, exit 0, 1 or 2 and never a traceback.

The command tree is read from the typer app, so a new command or option is fuzzed as soon as
it is registered. Each example runs `glutealtp.__main__.main` in-process (the fast path and
the typer app, exactly as the console script does) with its own stdin, stdout and stderr:
stdout is a strict UTF-8 stream, sometimes one that says it is a terminal. A few examples
run as real processes with arguments that are not UTF-8 at all.

Counts: the regular suite runs REGULAR_EXAMPLES in-process examples and SUBPROCESS_EXAMPLES
real processes; `pytest -m slow` runs SLOW_EXAMPLES and SLOW_SUBPROCESS_EXAMPLES and checks
that every command was reached.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import DATA_FILE, Run, run_glutealtp, run_main
from .strategies.command_lines import COMMANDS, Files, Invocation, argv_bytes, invocation, kind

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

REGULAR_EXAMPLES = 300
SLOW_EXAMPLES = 10_000
SUBPROCESS_EXAMPLES = 6
SLOW_SUBPROCESS_EXAMPLES = 300
ALLOWED_EXITS = {0, 1, 2}


def _interactive(argv: Sequence[str]) -> bool:
    """`ask` reads answers until stdin ends; Ctrl-D at a prompt is quitting, like Ctrl-C."""
    return bool(argv) and argv[0] == "ask"


def check(run: Run, argv: Sequence[str]) -> None:
    """The contract of every command line: a known exit code, no traceback, errors one line."""
    where = f"argv={list(argv)!r}"
    assert run.crash is None, f"{where}\n{run.crash}"
    allowed = ALLOWED_EXITS | ({130} if _interactive(argv) else set())
    assert run.code in allowed, f"{where}: exit {run.code!r}\n{run.stderr[-2000:]}"
    assert "Traceback (most recent call last)" not in run.stdout + run.stderr, where
    if run.code == 2:  # an error, or batch's summary of the lines that failed: one line
        assert run.stderr.startswith("glutealtp: "), f"{where}: {run.stderr[:500]!r}"
        assert run.stderr.count("\n") == 1, f"{where}: {run.stderr[:2000]!r}"


# --- The tests --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    root = tmp_path_factory.mktemp("fuzz-files")
    valid = root / "valid.json"
    valid.write_bytes(DATA_FILE.read_bytes())
    invalid = []
    for name, content in {
        "empty.json": b"",
        "truncated.json": DATA_FILE.read_bytes()[:1000],
        "latin1.json": '{"name": "Gesäß"}'.encode("latin-1"),
        "list.json": b"[]",
        "nulls.json": b'{"name": null}',
    }.items():
        (root / name).write_bytes(content)
        invalid.append(str(root / name))
    existing = root / "existing.svg"
    existing.write_text("<svg/>")
    (root / "dir").mkdir()
    return Files(str(valid), tuple(invalid), str(existing), str(root / "dir"))


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty directory, so any file an example writes lands there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fuzz(files: Files, examples: int) -> Counter[tuple[str, Any]]:
    """Run `examples` generated command lines; return how often each command ended how."""
    seen: Counter[tuple[str, Any]] = Counter()

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        **({"database": None} if examples > REGULAR_EXAMPLES else {}),  # type: ignore[arg-type]
    )
    @given(invocation(files))
    def one(inv: Invocation) -> None:
        run = run_main(inv.argv, stdin=inv.stdin, tty=inv.tty, env=inv.env)
        check(run, inv.argv)
        seen[(inv.command, run.code)] += 1

    one()
    return seen


@pytest.mark.usefixtures("scratch")
def test_fuzz_command_lines(files: Files) -> None:
    seen = fuzz(files, REGULAR_EXAMPLES)
    assert sum(seen.values()) >= REGULAR_EXAMPLES


@pytest.mark.slow
@pytest.mark.usefixtures("scratch")
def test_fuzz_command_lines_ten_thousand(files: Files) -> None:
    seen = fuzz(files, SLOW_EXAMPLES)
    total = sum(seen.values())
    print(f"\nCLI fuzz: {total} examples; (command, exit code): count")
    for (command, code), count in sorted(seen.items(), key=str):
        print(f"  {command:20s} {code!s:4s} {count}")
    assert total >= SLOW_EXAMPLES
    reached = {command for command, _ in seen}
    assert {" ".join(path) or "(top level)" for path, _ in COMMANDS} <= reached


def test_the_fuzzer_reaches_every_command_and_option() -> None:
    """A guard on the generator: every command is drawn, every option has a value strategy."""
    assert {path[0] for path, _ in COMMANDS if path} >= {"which", "show", "muscles", "regions"}
    for _, command in COMMANDS:
        for param in command.params:
            assert kind(param) in ("output", "data", "choice", "number", "text")


@pytest.mark.parametrize(
    "argv",
    [
        ["which", "-r", "hip", "--top", "9" * 5000],
        ["which", "-r", "hip", "-n", "9" * 30],
        ["which", "-r", "x" * 131_072],
        ["which", "-r", "hip", "--data", "x" * 300],
        ["which", "-r", "hip", "--data", "/proc/self/status"],
        ["which", "-r", "\udcff"],
        ["show", "\x1b[2J"],
        ["which", "--region="],
        ["which", "-r", ""],
        ["which", "-f", ""],
        ["show", ""],
        ["--", "which"],
        ["WHICH", "-r", "hip"],
    ],
)
@pytest.mark.usefixtures("scratch")
def test_known_hard_cases(argv: list[str]) -> None:
    check(run_main(argv), argv)


# --- Real processes: arguments that are not even UTF-8 ------------------------------------------


def run_process(argv: list[bytes]) -> subprocess.CompletedProcess[bytes]:
    return run_glutealtp(*argv, text=False)


def process_fuzz(examples: int) -> int:
    count = 0

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from([b"which", b"show", b"regions"]), argv_bytes)
    def one(command: bytes, rest: list[bytes]) -> None:
        nonlocal count
        proc = run_process([command, *rest])
        assert proc.returncode in ALLOWED_EXITS, proc.stderr[-2000:]
        assert b"Traceback" not in proc.stderr + proc.stdout
        if proc.returncode == 2:
            assert proc.stderr.startswith(b"glutealtp: error: ") and proc.stderr.count(b"\n") == 1
        count += 1

    one()
    return count


@pytest.mark.usefixtures("scratch")
def test_fuzz_real_processes_with_undecodable_argv() -> None:
    assert process_fuzz(SUBPROCESS_EXAMPLES) >= SUBPROCESS_EXAMPLES


@pytest.mark.slow
@pytest.mark.usefixtures("scratch")
def test_fuzz_real_processes_many() -> None:
    count = process_fuzz(SLOW_SUBPROCESS_EXAMPLES)
    print(f"\nreal-process fuzz: {count} examples")
    assert count >= SLOW_SUBPROCESS_EXAMPLES


def test_run_main_sees_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness must report an exception that escapes, or the fuzz proves nothing."""

    def boom(_args: list[str]) -> int | None:
        raise RuntimeError("boom")

    monkeypatch.setattr("glutealtp.cli.quick.try_run", boom)
    run = run_main(["which", "-r", "hip"])
    assert run.crash is not None and "RuntimeError: boom" in run.crash
