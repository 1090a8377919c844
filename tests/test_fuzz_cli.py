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

import atexit
import functools
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glutealtp.__main__ import main
from glutealtp.cli import app

from .conftest import DATA_FILE

pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")

REGULAR_EXAMPLES = 300
SLOW_EXAMPLES = 10_000
SUBPROCESS_EXAMPLES = 6
SLOW_SUBPROCESS_EXAMPLES = 300
ALLOWED_EXITS = {0, 1, 2}

ROOT = app.command()


def walk(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and sub-command of the app, with the words that reach it."""
    for name, command in sorted(getattr(group, "commands", {}).items()):
        path = (*prefix, name)
        yield path, command
        yield from walk(command, path)


COMMANDS: list[tuple[tuple[str, ...], Any]] = [((), ROOT), *walk(ROOT)]


# --- Values ---------------------------------------------------------------------------------

_bundled = json.loads(DATA_FILE.read_text(encoding="utf-8"))
VOCABULARY = sorted(
    {
        name
        for kind, extra in (
            ("regions", "synonyms"),
            ("symptoms", "synonyms"),
            ("muscles", "aliases"),
        )
        for entry in _bundled[kind]
        for name in (entry["id"], entry["name"], *entry.get(extra, []))
    }
)

# What a real argv can hold: anything but NUL, with undecodable bytes as surrogate escapes.
argv_text = st.text(
    st.one_of(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
        st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF),
    ),
    max_size=40,
)
HUGE = [
    "9" * 5000,
    "-" + "9" * 5000,
    "1e999",
    "x" * 131_072,
    "buttock " * 4000,
    "[bold red]" * 2000,
    "\x1b[2J" * 1000,
]
hostile = st.sampled_from(
    [
        "",
        " ",
        "-",
        "--",
        "0",
        "-1",
        "nan",
        "inf",
        "1.5",
        "０",  # noqa: RUF001
        "٣",
        "[bold red]x[/]",
        "[link=http://x]y[/link]",
        "\x1b[31mred\x1b[0m",
        "\x1b]0;title\x07",
        "\u202eevil",
        "\udcff\udcfe",
        "'\"`$(echo)",
        "%s%n{0}",
        "\n",
        "\r\n",
        "\t",
    ]
)
huge = st.sampled_from(HUGE)
anything = st.one_of(argv_text, hostile, huge, st.sampled_from(VOCABULARY))


class Files(NamedTuple):
    """Paths the fuzzer may point file options at, all inside a scratch directory."""

    valid: str
    invalid: tuple[str, ...]
    existing: str
    directory: str


@st.composite
def data_path(draw: st.DrawFn, files: Files) -> str:
    """A dataset to read: valid, invalid, missing, a directory, /dev/null, or a random name."""
    return draw(
        st.one_of(
            st.sampled_from(
                [
                    files.valid,
                    *files.invalid,
                    files.directory,
                    "/dev/null",
                    "-",
                    "/nonexistent/x.json",
                    "/proc/self/status",
                    "x" * 300,
                    "",
                ]
            ),
            argv_text.filter(lambda s: "/" not in s),
        )
    )


@st.composite
def output_path(draw: st.DrawFn, files: Files) -> str:
    """A file to write: new, existing, in a missing or read-only directory, or odd."""
    name = draw(argv_text.filter(lambda s: "/" not in s and s not in ("", ".", "..")))
    suffix = draw(st.sampled_from([".svg", ".png", ".txt", ""]))
    return draw(
        st.sampled_from(
            [
                name + suffix,
                files.existing,
                files.directory,
                "-",
                "missing-dir/x.svg",
                "/proc/x.svg",
                "/sys/x.svg",
                "x" * 300 + ".svg",
                ".svg",
            ]
        )
    )


def _kind(param: Any) -> str:
    name = (param.name or "").lower()
    if name in ("output", "svg") or "out" in name:
        return "output"
    if "data" in name or name in ("path", "file", "input"):
        return "data"
    if getattr(param.type, "choices", None):
        return "choice"
    if getattr(param.type, "name", "") in ("integer", "integer range", "float", "float range"):
        return "number"
    return "text"


@functools.cache
def value(param: Any, files: Files) -> st.SearchStrategy[str]:
    kind = _kind(param)
    if kind == "output":
        return output_path(files)
    if kind == "data":
        return data_path(files)
    if kind == "choice":
        choices = [str(c) for c in param.type.choices]
        return st.one_of(
            st.sampled_from(choices), st.sampled_from(choices).map(str.upper), anything
        )
    if kind == "number":
        return st.one_of(st.integers(-(10**30), 10**30).map(str), anything)
    return anything


@st.composite
def piece(draw: st.DrawFn, command: Any, files: Files) -> list[str]:
    """One option, argument or piece of junk for `command`."""
    params = [p for p in command.params if p.opts]
    junk = st.one_of(
        argv_text.map(lambda s: "--" + s),
        argv_text.map(lambda s: "-" + s[:1]),
        st.sampled_from(["--help", "-h", "--", "-", "--version", "--data", "--force"]),
        anything,
    )
    if not params or draw(st.integers(0, 9)) == 0:
        return [draw(junk)]
    param = draw(st.sampled_from(params))
    if param.param_type_name == "argument":
        return [draw(value(param, files))]
    opt = draw(st.sampled_from([*param.opts, *param.secondary_opts]))
    if getattr(param, "is_flag", False):
        return draw(st.sampled_from([[opt], [opt, draw(anything)], [f"{opt}={draw(anything)}"]]))
    v = draw(value(param, files))
    form = draw(st.integers(0, 9))
    if form == 0:
        return [opt]  # a missing value, unless another piece follows
    if form == 1 and opt.startswith("--"):
        return [f"{opt}={v}"]
    return [opt, v]


class Invocation(NamedTuple):
    command: str
    argv: list[str]
    stdin: bytes
    tty: bool
    env: dict[str, str]


COMPLETE_MODES = ["complete_bash", "complete_zsh", "complete_fish", "source_bash", "bash_complete"]


@st.composite
def invocation(draw: st.DrawFn, files: Files) -> Invocation:
    path, command = draw(st.sampled_from(COMMANDS))
    words = list(path)
    if words and draw(st.integers(0, 19)) == 0:
        words[-1] = draw(st.sampled_from([words[-1].upper(), words[-1][:-1], words[-1] + "x"]))
    for _ in range(draw(st.integers(0, 6))):
        words += draw(piece(command, files))
    lines = st.one_of(
        st.builds(
            lambda r, s: json.dumps({"regions": r, "symptoms": s}),
            st.lists(anything, max_size=3),
            st.lists(anything, max_size=2),
        ),
        argv_text,
        st.binary(max_size=30).map(lambda b: b.decode("utf-8", "surrogateescape")),
    )
    stdin = draw(
        st.one_of(
            st.just(b""),
            st.lists(lines, max_size=5).map(
                lambda ls: "\n".join(ls).encode("utf-8", "surrogateescape")
            ),
            st.binary(max_size=200),
        )
    )
    env: dict[str, str] = {}
    if draw(st.integers(0, 9)) == 0:
        env["GLUTEALTP_DATA"] = draw(data_path(files))
    if draw(st.integers(0, 9)) == 0:  # an odd terminal
        env["COLUMNS"] = draw(st.sampled_from(["0", "1", "-1", "abc", "", "100000"]))
        env["TERM"] = draw(st.sampled_from(["dumb", "xterm-256color", "", "\x1b"]))
    if draw(st.integers(0, 19)) == 0:  # the shell asking for completions of this line
        line = " ".join(["glutealtp", *words])
        env["_GLUTEALTP_COMPLETE"] = draw(st.one_of(st.sampled_from(COMPLETE_MODES), argv_text))
        env["_TYPER_COMPLETE_ARGS"] = env["COMP_WORDS"] = line
        env["COMP_CWORD"] = draw(st.one_of(st.integers(-2, 12).map(str), argv_text))
    label = " ".join(path) or "(top level)"
    return Invocation(label, words, stdin, draw(st.booleans()), env)


# --- Running one invocation in-process ------------------------------------------------------


class Stream(io.TextIOWrapper):
    """A process stream over bytes: strict UTF-8 like a real stdout, optionally a 'terminal'."""

    def __init__(self, data: bytes = b"", *, tty: bool = False, errors: str = "strict") -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8", errors=errors, write_through=True)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty

    def value(self) -> str:
        self.flush()
        raw = self.buffer.getvalue()  # type: ignore[attr-defined]
        assert isinstance(raw, bytes)
        return raw.decode("utf-8", "surrogateescape")


HOME = tempfile.mkdtemp(prefix="glutealtp-fuzz-home-")
"""$HOME while fuzzing: `--install-completion` edits a shell's start-up file there."""
atexit.register(shutil.rmtree, HOME, ignore_errors=True)


class Run(NamedTuple):
    code: int | str | None
    stdout: str
    stderr: str
    crash: str | None


def run_main(
    argv: Sequence[str],
    *,
    stdin: bytes = b"",
    tty: bool = False,
    env: dict[str, str] | None = None,
) -> Run:
    """Run the console-script entry point as a process would, and say how it ended."""
    env = {"COLUMNS": "120", "HOME": HOME, **(env or {})}
    scrubbed = ("GLUTEALTP_DATA", "_GLUTEALTP_COMPLETE", "COMP_WORDS", "COMP_CWORD", "TERM")
    saved_env = {k: os.environ.get(k) for k in (*env, *scrubbed)}
    saved = sys.stdin, sys.stdout, sys.stderr
    for key in scrubbed:
        os.environ.pop(key, None)
    os.environ.update(env)
    out = Stream(tty=tty)
    err = Stream(tty=tty, errors="backslashreplace")
    sys.stdin, sys.stdout, sys.stderr = Stream(stdin, tty=tty), out, err
    code: int | str | None = None
    crash = None
    try:
        main(list(argv))
        code = "returned without exiting"
    except SystemExit as exc:
        code = exc.code if exc.code is not None else 0
    except BaseException:  # a traceback is exactly what is being looked for
        crash = traceback.format_exc()
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
        for key, old in saved_env.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old
    return Run(code, out.value(), err.value(), crash)


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
            assert _kind(param) in ("output", "data", "choice", "number", "text")


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

argv_bytes = st.lists(
    st.one_of(
        st.binary(min_size=1, max_size=20).filter(lambda b: b"\x00" not in b),
        st.sampled_from([b"which", b"show", b"-r", b"--region", b"hip", b"-f", b"json"]),
    ),
    max_size=6,
)


def run_process(argv: list[bytes]) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "GLUTEALTP_DATA"}
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"glutealtp", *argv],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


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
