"""Typed mutations of a whole dataset, and the commands every accepted one is run through.

The mutation campaign of reliability round 3, in one place for the test suite (sized for
CI: `tests/test_mutation_campaign.py`) and for the larger run with counts
(`benchmarks/mutation_campaign.py`):

- every node of the bundled dataset (`data/muscles.json`) and of the example
  (`docs/example-dataset.json`), grouped by its schema path (list indices folded to
  `[*]`, so a long list of zones weighs as much as a short list of sources);
- each node replaced by values of its own type and of others: null, booleans, zero,
  negative, tiny (1e-320) and huge numbers, the bounds of a share, empty and odd strings
  (escapes, markup, bidi, 2,001 characters, a CSV formula), empty, doubled, reversed and
  one-item lists, a deleted key, an unknown key, an id of a sibling or of nothing;
- a dataset that `data validate` accepts is run through `which`, `show`, `muscles`,
  `regions`, `symptoms`, `map` and `batch`, in every format each takes, in this process
  (`Runner`: the CLI's own click command through typer's test runner), and each run's
  output checked (`check`): no traceback, exit 0, 1 or 2 (2 as one line on stderr),
  strict JSON (no NaN), JSON Lines, rectangular CSV with no formula cell, well-formed SVG,
  and the red flag first wherever the query holds one.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import hashlib
import io
import json
import re
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple
from unittest import mock
from xml.etree import ElementTree

from hypothesis import strategies as st

from glutealtp import commands
from glutealtp.catalog.index import CatalogIndex
from glutealtp.catalog.load import CatalogError, load_catalog

from ..helpers import DATA_FILE, ROOT

Path_ = tuple[str | int, ...]
BASES: dict[str, Path] = {"bundled": DATA_FILE, "example": ROOT / "docs" / "example-dataset.json"}
PRISTINE: dict[str, dict[str, Any]] = {
    name: json.loads(path.read_text(encoding="utf-8")) for name, path in BASES.items()
}
RED_FLAG = "RED FLAG"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


# --- Where the nodes are ----------------------------------------------------------------------


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _nodes(data: Any, path: Path_ = ()) -> Iterator[Path_]:
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, item in items:
        yield (*path, key)
        if isinstance(item, dict | list):
            yield from _nodes(item, (*path, key))


def schema_path(path: Path_) -> str:
    """A node's path with its list indices folded: `muscles[*].trigger_points[*].zones`."""
    return "".join("[*]" if isinstance(p, int) else f".{p}" for p in path)


def _by_schema(data: dict[str, Any]) -> dict[str, list[Path_]]:
    found: dict[str, list[Path_]] = {}
    for path in _nodes(data):
        found.setdefault(schema_path(path), []).append(path)
    return found


SCHEMA_PATHS: dict[str, dict[str, list[Path_]]] = {
    name: _by_schema(data) for name, data in PRISTINE.items()
}
"""Base -> schema path -> the concrete nodes at it."""


# --- What a node becomes ----------------------------------------------------------------------


class Mutation(NamedTuple):
    """One change to one node: `set` it to `value`, or `delete` it."""

    path: Path_
    op: str
    value: Any = None
    label: str = ""

    def describe(self) -> str:
        return f"{schema_path(self.path)}: {self.label or self.op}"


ANY: list[tuple[str, Any]] = [
    ("null", None),
    ("true", True),
    ("false", False),
    ("0", 0),
    ("-1", -1),
    ("1", 1),
    ("0.5", 0.5),
    ("-0.0", -0.0),
    ("1e308", 1e308),
    ("1e-320", 1e-320),
    ("10**40", 10**40),
    ("empty string", ""),
    ("space", " "),
    ("zero-width space", "\u200b"),
    ("x", "x"),
    ("empty list", []),
    ("empty object", {}),
]
STRINGS: list[tuple[str, str]] = [
    ("markup", '<script>alert(1)</script>"><img src=x onerror=alert(1)>'),
    ("newline", "line1\n!! RED FLAG: fake\nline3"),
    ("ANSI", "\x1b[31mred\x1b]52;c;aGk=\x07"),
    ("bidi", "\u202eevil\u2066"),
    ("CSV formula", '=HYPERLINK("http://x")'),
    ("2001 characters", "w" * 2001),
    ("javascript URL", "javascript:alert(1)"),
    ("URL with a quote", 'https://x"onmouseover="alert(1)'),
    ("rich markup", "[bold red]x[/]"),
    ("spaced", "  a   b  "),
]


def _numbers(value: float) -> list[tuple[str, Any]]:
    return [
        ("negated", -value),
        ("+1", value + 1),
        ("x100", value * 100),
        ("1e-12", 1e-12),
        ("0.001", 0.001),
        ("0.999", 0.999),
        ("0.9999999999999999", 0.9999999999999999),
        ("20", 20),
        ("21", 21),
        ("as a string", str(value)),
    ]


def _siblings(data: dict[str, Any], path: Path_) -> list[str]:
    """The ids of the other objects in the list that holds the node's object."""
    if len(path) < 3 or not isinstance(path[-2], int):
        return []
    holder = get(data, path[:-2])
    own = get(data, path[:-1]).get("id")
    return [o["id"] for o in holder if isinstance(o, dict) and o.get("id") not in (None, own)][:2]


def replacements(data: dict[str, Any], path: Path_) -> list[Mutation]:
    """Every typed replacement of the node at `path` (and its deletion)."""
    node = get(data, path)
    key = path[-1]
    out = [Mutation(path, "set", v, label) for label, v in ANY]
    out.append(Mutation(path, "delete", label="deleted"))
    if isinstance(node, str):
        out += [Mutation(path, "set", v, label) for label, v in STRINGS]
        out += [Mutation(path, "set", node.upper(), "upper case")]
        out += [Mutation(path, "set", node + " ", "trailing space")]
        if key in ("id", "region", "symptom", "muscle", "condition", "parent") or (
            isinstance(key, int) and len(path) > 1 and isinstance(path[-2], str)
        ):
            out += [Mutation(path, "set", "missing-id", "a missing id")]
            out += [Mutation(path, "set", s, "a sibling's id") for s in _siblings(data, path)]
    elif isinstance(node, bool):
        out += [Mutation(path, "set", not node, "negated"), Mutation(path, "set", "true", "word")]
    elif isinstance(node, int | float):
        out += [Mutation(path, "set", v, label) for label, v in _numbers(node)]
    elif isinstance(node, list):
        out += [
            Mutation(path, "set", node + node, "doubled"),
            Mutation(path, "set", node[::-1], "reversed"),
            Mutation(path, "set", node[:1], "first item only"),
            Mutation(path, "set", [*node, None], "+[null]"),
            Mutation(path, "set", [*node, "x"], '+["x"]'),
        ]
        if node:
            out += [Mutation(path, "set", node[:1] * 50, "first item x50")]
    elif isinstance(node, dict):
        out += [Mutation(path, "set", {**node, "unknown": 1}, "an unknown key")]
    return out


def apply(data: dict[str, Any], mutation: Mutation) -> dict[str, Any]:
    """A mutated copy of `data`."""
    out = copy.deepcopy(data)
    holder = get(out, mutation.path[:-1])
    key = mutation.path[-1]
    if mutation.op == "delete":
        del holder[key]
    else:
        holder[key] = copy.deepcopy(mutation.value)
    return out


@st.composite
def mutated(draw: st.DrawFn, bases: Sequence[str] = tuple(BASES)) -> tuple[str, dict[str, Any]]:
    """A description and a dataset: one of the bases with one or two typed mutations."""
    base = draw(st.sampled_from(sorted(bases)))
    data = PRISTINE[base]
    said = [base]
    for _ in range(draw(st.integers(1, 2))):
        schema = draw(st.sampled_from(sorted(_by_schema(data))))
        path = draw(st.sampled_from(_by_schema(data)[schema]))
        options = replacements(data, path)
        typed = options[len(ANY) + 1 :]  # values of the node's own kind: more often accepted
        often = draw(st.integers(0, 3)) > 0
        pick = typed if typed and often else options
        mutation = draw(st.sampled_from(pick))
        data = apply(data, mutation)
        said.append(mutation.describe())
    return " | ".join(said), data


def every_mutation(base: str) -> Iterator[Mutation]:
    """Every mutation of a base, K=1 node per schema path (its first; the last too for
    lists of more): the systematic sweep of the benchmark."""
    data = PRISTINE[base]
    for _, paths in sorted(SCHEMA_PATHS[base].items()):
        for path in dict.fromkeys([paths[0], paths[-1]]):
            yield from replacements(data, path)


# --- Running the commands ------------------------------------------------------------------------


class Ran(NamedTuple):
    """How one command ended: its exit code, its output, and a traceback if it raised."""

    code: int | None
    stdout: str
    stderr: str
    traceback: str | None


Invoker = Callable[[Sequence[str], str | None], Ran]
"""Runs the CLI on argv (with stdin text) in this process."""


def invoker(invoke: Callable[..., Any]) -> Invoker:
    """An `Invoker` from a typer test runner's `invoke(*argv, input=...)`."""

    def run(argv: Sequence[str], stdin: str | None = None) -> Ran:
        result = invoke(*argv, input=stdin)
        crash = None
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            crash = "".join(traceback.format_exception(*result.exc_info))
        return Ran(result.exit_code, result.stdout, result.stderr, crash)

    return run


@contextlib.contextmanager
def validated_once() -> Iterator[None]:
    """Each dataset file validated once, not once per command: the commands read the same
    index (a dataset's checks and ranking are what is tested, not its re-reading)."""
    known: dict[tuple[str, bytes], CatalogIndex] = {}
    original: Callable[[str | Path | None], CatalogIndex] = getattr(commands, "load_catalog")  # noqa: B009

    def load(path: str | Path | None = None) -> CatalogIndex:
        if path is None:
            return original(None)
        try:
            key = (str(path), hashlib.sha1(Path(path).read_bytes()).digest())
        except OSError:
            return load_catalog(path)  # its error, as the command gives it
        if key not in known:
            index = load_catalog(path)
            known.clear()
            known[key] = index
        return known[key]

    with mock.patch.object(commands, "load_catalog", load):
        yield


def accepted(path: Path) -> CatalogIndex | None:
    """The dataset's index when `data validate` accepts it, else None."""
    try:
        return load_catalog(path)
    except CatalogError:
        return None


class Suite(NamedTuple):
    argv: list[str]
    stdin: str | None
    fmt: str
    red_flag: bool
    """The query holds a red flag: the output must lead with it."""
    lines: int = 0
    """For batch: how many records must come out."""


def suite(index: CatalogIndex, path: Path, out: Path) -> list[Suite]:
    """The commands run on an accepted dataset, with ids taken from it."""
    data = ["--data", str(path)]
    referred = [r for r in index.regions if index.referring(r)] or list(index.regions)
    regions = list(dict.fromkeys([referred[0], referred[-1]]))
    flags = [s for s, e in index.symptoms.items() if e.red_flag]
    plain = [s for s, e in index.symptoms.items() if not e.red_flag]
    muscles = list(dict.fromkeys([next(iter(index.muscles)), list(index.muscles)[-1]]))
    rs = [w for r in regions for w in ("-r", r)]
    ss = [w for s in plain[:1] + flags[:1] for w in ("-s", s)]
    absent = list(plain[1:2])
    aa = [w for a in absent for w in ("-a", a)]
    red = bool(flags)
    runs: list[Suite] = []
    for fmt in ("table", "json", "jsonl", "csv"):
        for listing in ("muscles", "regions", "symptoms"):
            runs.append(Suite([listing, "-f", fmt, *data], None, fmt, False))
        runs.append(Suite(["which", *rs, *ss, *aa, "-f", fmt, *data], None, fmt, red))
        for m in muscles:
            runs.append(Suite(["show", m, "-f", fmt, *data], None, fmt, False))
    runs.append(Suite(["which", *rs, *ss, "--explain", *data], None, "table", red))
    runs.append(Suite(["which", *rs, *ss, "--map", "--side", "left", *data], None, "table", red))
    html, svg = out / "h.html", out / "h.svg"
    runs.append(
        Suite(
            ["which", *rs, *ss, "-o", str(html), "--svg", str(svg), "--force", *data],
            None,
            "table",
            red,
        )
    )
    for m in muscles:
        runs.append(Suite(["show", m, "--map", "--side", "right", *data], None, "table", False))
        runs.append(Suite(["map", m, *data], None, "table", False))
        runs.append(Suite(["map", m, "-o", "-", *data], None, "svg", False))
        runs.append(Suite(["map", m, "-o", str(out / "m.svg"), "--force", *data], None, "", False))
    cases = [
        {"id": "good", "regions": regions, "symptoms": plain[:1], "absent": absent},
        {"id": "red", "regions": regions[:1], "symptoms": flags[:1]},
        "{not json",
        {"id": "unknown", "regions": ["no-such-region"], "symptoms": flags[:1]},
        "",
        {"id": "absent", "regions": regions[:1], "absent": ["no-such-item", *flags[:1]]},
    ]
    stdin = "".join((c if isinstance(c, str) else json.dumps(c)) + "\n" for c in cases)
    for fmt in ("jsonl", "csv"):
        runs.append(Suite(["batch", "-f", fmt, *data], stdin, f"batch-{fmt}", red, len(cases)))
    runs.append(Suite(["batch", "--explain", *data], stdin, "batch-jsonl", red, len(cases)))
    return runs


# --- Checking what came out ----------------------------------------------------------------------


def _strict(text: str) -> Any:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} in JSON")

    return json.loads(text, parse_constant=refuse)


def _csv(text: str) -> list[list[str]]:
    body = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.reader(io.StringIO("\n".join(body))))
    assert len({len(r) for r in rows}) <= 1, "ragged CSV rows"
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" \u00a0").startswith(FORMULA), f"formula cell {cell[:40]!r}"
    return rows


def _led_by_red_flag(fmt: str, ran: Ran) -> None:
    """The red flag comes first, in whatever the command printed."""
    if ran.code == 2:
        assert ran.stderr.startswith(f"glutealtp: error: {RED_FLAG}"), ran.stderr[:200]
        return
    if fmt == "table":
        assert RED_FLAG in ran.stdout.split("\n", 1)[0], ran.stdout[:200]
    elif fmt == "csv":
        assert ran.stdout.startswith(f"# {RED_FLAG}"), ran.stdout[:200]
    elif fmt == "json":
        assert _strict(ran.stdout)["warnings"][0]["kind"] == "red-flag"
    elif fmt == "jsonl":
        for line in ran.stdout.splitlines():
            assert _strict(line)["warnings"][0]["kind"] == "red-flag"


def check(run: Suite, ran: Ran) -> str | None:
    """What is wrong with one run's output, or None."""
    if ran.traceback:
        return "traceback:\n" + ran.traceback
    if "Traceback (most recent call last)" in ran.stdout + ran.stderr:
        return "a traceback printed"
    try:
        assert ran.code in (0, 1, 2), f"exit {ran.code}"
        prints_anyway = run.fmt.startswith("batch") or run.fmt == "validate"
        if ran.code == 2 and run.fmt.startswith("batch"):  # its summary, the last line
            assert ran.stderr.startswith("glutealtp: batch: "), ran.stderr[:200]
        elif ran.code == 2:
            assert ran.stderr.startswith("glutealtp: error: "), ran.stderr[:200]
            assert ran.stderr.count("\n") == 1, ran.stderr[:400]
            assert prints_anyway or ran.stdout == "", ran.stdout[:200]
        if ran.code != 2 or prints_anyway:
            _valid(run, ran)
        if run.red_flag and not run.fmt.startswith("batch"):
            _led_by_red_flag(run.fmt, ran)
    except (AssertionError, ValueError, KeyError, IndexError, TypeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _valid(run: Suite, ran: Ran) -> None:
    text = ran.stdout
    if run.fmt in ("json", "validate"):
        _strict(text)
    elif run.fmt == "jsonl":
        for line in text.splitlines():
            _strict(line)
    elif run.fmt == "csv":
        _csv(text)
    elif run.fmt == "svg":
        root = ElementTree.fromstring(text.encode("utf-8"))
        tags = {re.sub(r"^\{.*\}", "", e.tag) for e in root.iter()}
        assert not tags & {"script", "foreignObject", "image", "use", "a", "style"}, tags
    elif run.fmt == "batch-jsonl":
        records = [_strict(line) for line in text.splitlines()]
        assert len(records) == run.lines, f"{len(records)} records for {run.lines} lines"
        for r in records:
            if r.get("id") == "red" or r.get("id") == "unknown":
                assert not run.red_flag or r["warnings"][0]["kind"] == "red-flag", r
    elif run.fmt == "batch-csv":
        rows = _csv(text)
        assert len(rows) == run.lines + 1, f"{len(rows) - 1} rows for {run.lines} lines"
        header = rows[0]
        if run.red_flag:
            kind = header.index("warnings_kind")
            for row in rows[1:]:
                if row[header.index("id")] in ("red", "unknown"):
                    assert row[kind].startswith("red-flag"), row


class Counts(NamedTuple):
    tried: int = 0
    accepted: int = 0
    commands: int = 0
    findings: int = 0


def campaign(
    data: dict[str, Any], workdir: Path, invoke: Invoker
) -> tuple[bool, int, list[tuple[list[str], str]]]:
    """One mutated dataset: whether it was accepted, how many commands ran, and what was
    found (argv, problem) in their output."""
    path = workdir / "mutated.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    validate = Suite(["data", "validate", str(path), "-f", "json"], None, "validate", False)
    said = invoke(validate.argv, None)
    found: list[tuple[list[str], str]] = []
    problem = check(validate, said)
    if problem:
        found.append((validate.argv, problem))
    if said.code != 0:
        return False, 1, found
    index = load_catalog(path)
    runs = suite(index, path, workdir)
    for run in runs:
        problem = check(run, invoke(run.argv, run.stdin))
        if problem:
            found.append((run.argv, problem))
    return True, 1 + len(runs), found
