"""Hostile text in a dataset or in user input cannot repaint a terminal, run a formula, break
the XML of a map, or make JSON invalid.

A user dataset (`--data`) carries PAYLOADS (rich markup, ANSI and OSC escapes, other C0 and
C1 controls, bidi overrides, XML, formula starts) in every name, synonym and description;
every command then runs in every format, on a pipe and on a (fake) terminal. User input
carries them too: argv, answers to `ask`, JSON Lines to `batch`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp import commands
from glutealtp.catalog import load_catalog
from glutealtp.output.csvfmt import comment, safe_cell, write_csv
from glutealtp.output.document import Document, Format, Table
from glutealtp.output.jsonfmt import dumps, write_json, write_jsonl
from glutealtp.output.render import render
from glutealtp.text import clean

from .conftest import Invoke
from .helpers import SGR, Stream, dataset, run_main, write_dataset

PAYLOADS = [
    "[bold red]x[/]",
    "[link=http://x]y[/link]",
    "[/]",
    "[bold",
    ":smile:",
    "\x1b[31mred\x1b[0m",
    "\x1b[2J\x1b[H",
    "\x1b]0;pwned\x07",
    "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\",
    "\x9b2J",
    "\x9d0;c1\x9c",
    "\x07\x08\x7f\x00",
    "\rFAKE",
    "a\r\nb",
    "\u202eevil\u202c",
    "\u2066iso\u2069",
    "\u200frlm\u061c",
    "line\u2028sep",
    "\ufffe\uffff",
    "<script>alert(1)</script>",
    "& &amp; \" ' > <",
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-1-1",
    "@SUM(1)",
    "\t=1",
    "\r=1",
    "x,=1;@2",
    'x,"=1"',
]
MARKUP = ["[bold red]x[/]", "[link=http://x]y[/link]", "[/]", "[bold", ":smile:"]

UNSAFE = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufffe\uffff]"
)
FORMULA = ("=", "+", "-", "@", "\t", "\r")

TEXT_KEYS = {
    "name",
    "title",
    "author",
    "site",
    "follows",
    "location",
    "function",
    "attachments",
    "statement",
    "note",
    "question",
    "advice",
    "definition",
    "disclaimer",
    "text",
}
LIST_KEYS = {"synonyms", "aliases"}


def poison(data: Any, counter: list[int]) -> Any:
    """Append a payload to every free-text string in the dataset, cycling through PAYLOADS."""
    if isinstance(data, list):
        return [poison(item, counter) for item in data]
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in TEXT_KEYS and isinstance(value, str):
            out[key] = f"{value} {PAYLOADS[counter[0] % len(PAYLOADS)]}"
            counter[0] += 1
        elif key in LIST_KEYS:
            out[key] = []
            for item in value:
                out[key].append(f"{item} {PAYLOADS[counter[0] % len(PAYLOADS)]}")
                counter[0] += 1
        else:
            out[key] = poison(value, counter)
    return out


def with_names(payload: str) -> dict[str, Any]:
    """The bundled dataset with `payload` in every muscle, region and symptom name."""
    data = dataset()
    for kind in ("muscles", "regions", "symptoms"):
        for entry in data[kind]:
            entry["name"] = f"{entry['name']} {payload}"
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = poison(dataset(), [0])
    path = Path(write_dataset(tmp_path_factory.mktemp("hostile"), data, "hostile.json"))
    load_catalog(path)  # the payloads are all valid data
    return path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let rich paint: a colour terminal, wide enough to keep cells on one line."""
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


def assert_inert(text: str, *, rich: bool) -> None:
    """Nothing that a terminal would act on: no controls, no bidi; rich's own SGR colours only."""
    visible = SGR.sub("", text) if rich else text
    assert "\x1b" not in visible, repr(visible[max(0, visible.find("\x1b") - 80) :][:200])
    found = UNSAFE.findall(visible)
    assert not found, found[:10]


COMMANDS = [
    ["which", "-r", "buttock", "-r", "hip", "-s", "sitting", "--explain"],
    ["which", "-r", "hip", "-s", "bladder-bowel-loss"],
    ["show", "piriformis"],
    ["show", "quadratus-lumborum"],
    ["muscles"],
    ["regions"],
    ["symptoms"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.usefixtures("terminal")
def test_terminal_output_is_inert_plain_and_rich(command: list[str], hostile: Path) -> None:
    for tty in (False, True):
        run = run_main([*command, "--data", str(hostile)], tty=tty, env={"COLUMNS": "400"})
        assert run.code == 0, run
        assert_inert(run.stdout, rich=tty)
        assert ("\x1b[" in run.stdout) is tty  # the rich path really ran, with colour


SHOWN_AS = [(m, m) for m in MARKUP] + [
    ("\x1b[31mred\x1b[0m", "[31mred[0m"),
    ("\x1b]0;pwned\x07", "]0;pwned"),
    ("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "]8;;http://evil\\click]8;;\\"),
    ("\u202eevil\u202c", "evil"),
    ("\x9b2J", "2J"),
    ("<script>", "<script>"),
]


@pytest.mark.parametrize(("payload", "shown"), SHOWN_AS)
@pytest.mark.parametrize("tty", [False, True], ids=["plain", "rich"])
@pytest.mark.usefixtures("terminal")
def test_names_are_printed_literally_or_stripped(
    payload: str, shown: str, tty: bool, tmp_path: Path
) -> None:
    path = write_dataset(tmp_path, with_names(payload))
    for command in (["muscles"], ["which", "-r", "hip"], ["show", "piriformis"]):
        run = run_main([*command, "--data", path], tty=tty, env={"COLUMNS": "400"})
        assert run.code == 0, run
        assert_inert(run.stdout, rich=tty)
        visible = SGR.sub("", run.stdout)
        assert f"Piriformis {shown}" in visible, visible
        assert "\x1b]8;" not in run.stdout
        assert "😄" not in run.stdout


def test_markup_through_the_monkeypatched_terminal_check(
    monkeypatch: pytest.MonkeyPatch, invoke: Invoke, tmp_path: Path
) -> None:
    """The other way in: commands.is_terminal forced, rich on a stream that is not a tty."""
    path = write_dataset(tmp_path, with_names("[bold red]x[/] \x1b[2J"))
    monkeypatch.setattr(commands, "is_terminal", lambda _stream: True)
    result = invoke("muscles", "--data", path, env={"COLUMNS": "300"})
    assert result.exit_code == 0
    assert "\x1b[1m" in result.stdout  # the terminal's styles, not the plain text
    assert "Piriformis [bold red]x[/] [2J" in result.stdout
    assert_inert(result.stdout, rich=True)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_json_and_jsonl_are_valid_and_carry_the_strings_exactly(
    command: list[str], hostile: Path
) -> None:
    data = json.loads(hostile.read_text(encoding="utf-8"))
    names = {m["name"] for m in data["muscles"]}
    for fmt in ("json", "jsonl"):
        run = run_main([*command, "--data", str(hostile), "-f", fmt])
        assert run.code == 0, run
        assert_inert(run.stdout, rich=False)
        docs = (
            [json.loads(run.stdout)]
            if fmt == "json"
            else [json.loads(line) for line in run.stdout.splitlines()]
        )
        found = {s for doc in docs for s in strings(doc)}
        assert data["disclaimer"] in found
        if command[0] in ("which", "muscles"):
            assert found & names, "the poisoned names must come through unchanged"


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def assert_csv_safe(text: str) -> list[list[str]]:
    """Every cell a spreadsheet could see, in `#` lines too, starts harmlessly."""
    assert_inert(text, rich=False)
    lines = text.splitlines()
    comments = [line for line in lines if line.startswith("#")]
    for line in comments:
        assert '"' not in line
        for piece in re.split(r"[,;]", line):
            assert not piece.lstrip(" ").startswith(FORMULA), line
    rows = list(csv.reader(io.StringIO("\n".join(lines[len(comments) :]))))
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" ").startswith(FORMULA), row
    body = lines[len(comments) :]
    assert all(line.startswith('"') for line in body), "every cell is quoted"
    return rows


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_csv_neutralises_formulas(command: list[str], hostile: Path) -> None:
    run = run_main([*command, "--data", str(hostile), "-f", "csv"])
    assert run.code == 0, run
    rows = assert_csv_safe(run.stdout)
    assert rows


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "' =1"),
        ("\r=1", "'; =1"),
        ("\n=1", "'; =1"),
        ("  =1", "'  =1"),
        ("\x00=1", "'=1"),
        ("\x1b=1", "'=1"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("a=1", "a=1"),
        ("", ""),
        ("piriformis", "piriformis"),
        ("'=1", "'=1"),
    ],
)
def test_owasp_cells(cell: str, expected: str) -> None:
    assert safe_cell(cell) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x,=1", "# x,'=1"),
        ("x; @y", "# x; '@y"),
        ("a,  -1,+2", "# a,  '-1,'+2"),
        ('a,"=1"', "# a,'=1'"),
        ("a\n=1", "# a =1"),
        ("It is not a diagnosis; see a clinician.", "# It is not a diagnosis; see a clinician."),
    ],
)
def test_comment_lines_neutralise_every_cell(text: str, expected: str) -> None:
    assert comment(text) == expected


def test_csv_header_row_is_neutralised() -> None:
    doc = Document(
        data={},
        tables=(Table(("=cmd", "@x y", "Plain"), (("-1", "+2", "=3"),)),),
        disclaimer="x,=HYPERLINK(1)",
        warnings=("RED FLAG; +call",),
    )
    out = io.StringIO()
    write_csv(doc, out)
    assert out.getvalue().splitlines() == [
        "# RED FLAG; '+call",
        "# x,'=HYPERLINK(1)",
        '"\'=cmd","\'@x_y","plain"',
        '"\'-1","\'+2","\'=3"',
    ]
    assert_csv_safe(out.getvalue())


# --- Properties of the renderers, for any string at all ---------------------------------------

any_text = st.text(st.characters(), max_size=30)  # surrogates included


def document(texts: list[str]) -> Document:
    cells = tuple(texts) or ("",)
    return Document(
        data={"strings": texts, "nested": {t: t for t in texts}},
        tables=(Table(tuple(f"c{i}" for i in range(len(cells))), (cells, cells), title=cells[0]),),
        disclaimer=cells[-1],
        warnings=tuple(texts[:2]),
        notes=tuple(texts[:2]),
        records=[{"value": t} for t in texts],
        title=cells[0],
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(any_text, max_size=5))
def test_json_is_valid_and_exact_for_any_string(texts: list[str]) -> None:
    doc = document(texts)
    whole, lines = Stream(), Stream()  # strict UTF-8, as a process's stdout
    write_json(doc, whole)
    write_jsonl(doc, lines)
    for out in (whole, lines):
        assert not UNSAFE.search(out.value().replace("\n", ""))
    assert json.loads(whole.value()) == doc.data
    assert [json.loads(line)["value"] for line in lines.value().splitlines()] == texts


@settings(max_examples=150, deadline=None)
@given(st.lists(any_text, max_size=5))
def test_text_rich_and_csv_are_inert_for_any_string(texts: list[str]) -> None:
    doc = document(texts)
    for fmt, tty in ((Format.table, False), (Format.table, True), (Format.csv, False)):
        out = Stream(tty=tty)
        render(doc, fmt, out, rich_terminal=tty)
        assert_inert(out.value(), rich=tty)
        if fmt is Format.csv:
            assert_csv_safe(out.value())


def test_a_lone_surrogate_is_escaped_not_a_crash() -> None:
    """json.dumps(ensure_ascii=False) leaves '\\ud800' raw; a UTF-8 stdout cannot encode it."""
    with pytest.raises(UnicodeEncodeError):
        Stream().write(json.dumps("\ud800", ensure_ascii=False))
    out = Stream()
    write_json(Document(data={"x": "a\ud800b\udfff"}, tables=(), disclaimer=""), out)
    assert '"x": "a\\ud800b\\udfff"' in out.value()
    assert json.loads(out.value()) == {"x": "a\ud800b\udfff"}


def test_json_on_a_stream_that_is_not_utf8_is_ascii() -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="strict")
    write_json(Document(data={"x": "Gesäß → \u202e"}, tables=(), disclaimer=""), out)
    out.flush()
    raw = out.buffer.getvalue()
    assert raw.isascii() and json.loads(raw) == {"x": "Gesäß → \u202e"}


def test_dumps_escapes_only_inside_strings() -> None:
    value = {"\x9b": ["\u202e", "\u2028"], "ok": "é"}
    text = dumps(value)
    assert text == '{"\\u009b":["\\u202e","\\u2028"],"ok":"é"}'
    assert json.loads(text) == value


@pytest.mark.parametrize("payload", PAYLOADS)
def test_clean_leaves_no_control_character(payload: str) -> None:
    assert not UNSAFE.search(clean(payload))


# --- User input -------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("command", [["which", "-r"], ["which", "-s"], ["show"], ["map"]])
def test_user_input_in_argv_comes_back_inert(command: list[str], payload: str) -> None:
    run = run_main([*command, payload])
    assert run.code == 2 and run.stdout == ""
    assert run.stderr.startswith("glutealtp: error: ") and run.stderr.count("\n") == 1
    assert_inert(run.stderr.rstrip("\n"), rich=False)
    for literal in MARKUP:
        if literal == payload:
            assert literal in run.stderr


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_unknown_option_name_comes_back_inert(payload: str) -> None:
    run = run_main(["which", "--" + payload])
    assert run.code == 2
    assert_inert(run.stderr.rstrip("\n"), rich=False)


def test_batch_lines_with_payloads_give_valid_inert_json() -> None:
    lines = [json.dumps({"id": p, "regions": [p], "symptoms": [p]}) for p in PAYLOADS]
    lines += [json.dumps({"id": "\ud800", "regions": ["\udcff"]}), '{"regions": ["\\ud800"]}']
    lines += [p for p in PAYLOADS if "\n" not in p and "\r" not in p]
    stdin = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"
    run = run_main(["batch", "-"], stdin=stdin)
    assert run.code == 2, run
    out = run.stdout.splitlines()
    assert len(out) == len(lines)
    assert_inert(run.stdout.replace("\n", ""), rich=False)
    for number, line in enumerate(out, 1):
        record = json.loads(line)
        assert record["line"] == number
    assert json.loads(out[0])["id"] == PAYLOADS[0]


def test_batch_csv_lines_with_payloads_are_safe() -> None:
    lines = [json.dumps({"id": p, "regions": ["hip", p]}) for p in PAYLOADS]
    stdin = "\n".join(lines).encode("utf-8") + b"\n"
    run = run_main(["batch", "-", "-f", "csv"], stdin=stdin)
    assert run.code == 2, run
    assert_csv_safe(run.stdout)


@pytest.mark.parametrize("answer", ["[bold red]x[/]", "\x1b]0;pwned\x07", "\u202eevil", "\x9b2J"])
@pytest.mark.usefixtures("terminal")
def test_ask_answers_come_back_inert(answer: str) -> None:
    stdin = f"{answer}\nbuttock\n\nno\nno\nno\n".encode()
    run = run_main(["ask"], stdin=stdin, tty=True, env={"COLUMNS": "120"})
    assert run.code in (0, 1, 2, 130), run
    assert_inert(run.stdout, rich=True)
    assert_inert(run.stderr.replace("\n", ""), rich=True)


# --- SVG ----------------------------------------------------------------------------------------


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert not [el for el in root.iter() if el.tag.rsplit("}", 1)[-1].lower() == "script"]
    assert not [(el.tag, k) for el in root.iter() for k in el.attrib if k.lower().startswith("on")]
    return root


def svg_text(root: ET.Element) -> str:
    return " ".join(t for el in root.iter() for t in (el.text, el.tail) if t)


def test_svg_keeps_hostile_names_as_text(tmp_path: Path, hostile: Path) -> None:
    path = tmp_path / "data.json"
    path.write_text(
        json.dumps(with_names("<script>alert(1)</script> & \" ' ]]> \x1b[2J \ufffe")),
        encoding="utf-8",
    )
    run = run_main(["map", "piriformis", "-o", "-", "--data", str(path)])
    assert run.code == 0, run
    root = parse_svg(run.stdout)
    assert "Piriformis <script>alert(1)</script> & \" ' ]]> [2J" in svg_text(root)
    assert "<script>" not in run.stdout and "&lt;script&gt;" in run.stdout
    assert_inert(run.stdout.replace("\n", ""), rich=False)
    for muscle in ("piriformis", "quadratus-lumborum", "gluteus-medius", "gluteus-minimus"):
        out = tmp_path / f"{muscle}.svg"
        run = run_main(["map", muscle, "-o", str(out), "--data", str(hostile)])
        assert run.code == 0, run
        parse_svg(out.read_text(encoding="utf-8"))
    out = tmp_path / "which.svg"
    run = run_main(["which", "-r", "hip", "--svg", str(out), "--data", str(hostile)])
    assert run.code == 0, run
    parse_svg(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "command", [["map", "piriformis"], ["show", "quadratus-lumborum", "--map"]]
)
@pytest.mark.usefixtures("terminal")
def test_terminal_maps_are_inert(command: list[str], hostile: Path) -> None:
    for tty in (False, True):
        run = run_main([*command, "--data", str(hostile)], tty=tty, env={"COLUMNS": "200"})
        assert run.code == 0, run
        assert_inert(run.stdout, rich=tty)
