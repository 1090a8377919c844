"""Hypothesis strategies of command lines, read from the typer app's own command tree.

A new command or option is fuzzed as soon as it is registered: `invocation` draws a command,
its options and arguments (with values of the kind each takes: data files, output files,
choices, numbers, text), junk, stdin, odd environments and completion requests.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any, NamedTuple

from hypothesis import strategies as st

from glutealtp.cli import app

from ..helpers import DATA_FILE

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


def kind(param: Any) -> str:
    """What sort of value a parameter takes, by its name and type."""
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
    sort = kind(param)
    if sort == "output":
        return output_path(files)
    if sort == "data":
        return data_path(files)
    if sort == "choice":
        choices = [str(c) for c in param.type.choices]
        return st.one_of(
            st.sampled_from(choices), st.sampled_from(choices).map(str.upper), anything
        )
    if sort == "number":
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


# What a real argv can hold when it is not even UTF-8.
argv_bytes = st.lists(
    st.one_of(
        st.binary(min_size=1, max_size=20).filter(lambda b: b"\x00" not in b),
        st.sampled_from([b"which", b"show", b"-r", b"--region", b"hip", b"-f", b"json"]),
    ),
    max_size=6,
)
