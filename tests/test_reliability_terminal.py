"""Reliability round 2, terminal output: what the report's D7, D9 and D14 broke.

- D7: a width rich would draw nothing in (`COLUMNS=0`) is taken as unknown (80 columns).
- D9: a character the locale cannot encode prints as '?', rich output included.
- D14: look-alike and invisible spellings name one thing or clash; invisible characters
  never reach the terminal; text from data never starts a line of its own.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from glutealtp.catalog import load_catalog
from glutealtp.catalog.load import CatalogError
from glutealtp.output import layout, richfmt
from glutealtp.text import INVISIBLE_CLASS, clean, fold, tolerate_unencodable

from .helpers import (
    BUNDLED,
    PtySession,
    Stream,
    dataset,
    plain,
    run_glutealtp,
    run_main,
    write_dataset,
)

BORDER = "│┃║|╭╰┏┗┡┢└┌├"


def source_id(data: dict[str, Any]) -> str:
    return str(data["sources"][0]["id"])


# --- D7: COLUMNS=0 --------------------------------------------------------------------------

RICH_COMMANDS = [
    (["which", "-r", "hip", "-s", "bladder-bowel-loss"], b""),
    (["which", "-r", "hip", "-s", "bladder-bowel-loss", "--map"], b""),
    (["show", "piriformis"], b""),
    (["show", "piriformis", "--map"], b""),
    (["map", "piriformis"], b""),
    (["regions"], b""),
    (["muscles"], b""),
    (["symptoms"], b""),
    (["ask"], b"hip\n" + b"n\n" * 40),
]


@pytest.mark.parametrize("columns", ["0", "1", "19"])
def test_d7_a_width_below_20_is_taken_as_unknown(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    assert richfmt.console(Stream(tty=True)).width == layout.DEFAULT_WIDTH == 80
    monkeypatch.setenv("COLUMNS", "20")
    assert richfmt.console(Stream(tty=True)).width == 20


@pytest.mark.parametrize(
    ("argv", "stdin"), RICH_COMMANDS, ids=[" ".join(a) for a, _ in RICH_COMMANDS]
)
def test_d7_columns_0_still_prints_the_red_flag_the_answer_and_the_disclaimer(
    argv: list[str], stdin: bytes
) -> None:
    """`COLUMNS=0` once made every rich command print nothing at all, and exit 0."""
    env = {"COLUMNS": "0", "TERM": "xterm-256color", "GLUTEALTP_INTERACTIVE": "1"}
    run = run_main(argv, stdin=stdin, tty=True, env=env)
    assert run.crash is None, run.crash
    shown = plain(run.stdout)
    assert "not a" in shown and "diagnosis" in shown, shown[-300:]  # the disclaimer
    if argv[0] == "which":
        assert shown.index("RED FLAG") < shown.index("piriformis"), shown[:400]
    elif argv[0] == "ask":
        assert "Where does it hurt?" in shown and "Seek urgent care" not in shown
    else:
        assert len(shown.splitlines()) > 10


def test_d7_columns_0_on_a_real_terminal() -> None:
    with PtySession("which", "-r", "hip", "-s", "bladder-bowel-loss", env={"COLUMNS": "0"}) as s:
        assert s.wait() == 0
    shown = plain(s.seen)
    assert "RED FLAG" in shown and "Piriformis" in shown and "diagnosis" in shown


# --- D9: an ASCII locale with UTF-8 mode off --------------------------------------------------

ASCII_LOCALE = {"PYTHONUTF8": "0", "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> str:
    data = dataset()
    next(r for r in data["regions"] if r["id"] == "buttock")["name"] = "Gesäß"
    return write_dataset(tmp_path_factory.mktemp("de"), data, "de.json")


@pytest.mark.parametrize(
    "argv",
    [["regions"], ["map", "piriformis"], ["which", "-r", "buttock", "--map"]],
)
def test_d9_a_translated_dataset_prints_under_an_ascii_locale(
    translated: str, argv: list[str]
) -> None:
    """Once a `UnicodeEncodeError` traceback (two for `map`), exit 1."""
    proc = run_glutealtp(*argv, "--data", translated, env=ASCII_LOCALE, text=False)
    assert (proc.returncode, proc.stderr) == (0, b""), proc.stderr[-600:]
    assert b"Ges??" in proc.stdout


def test_d9_rich_output_under_an_ascii_locale(translated: str) -> None:
    with PtySession("regions", "--data", translated, env=ASCII_LOCALE) as session:
        code = session.wait()
    assert code == 0 and b"Traceback" not in session.seen, session.seen[-600:]
    assert b"Ges??" in session.seen


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_d9_every_stream_and_console_tolerates_what_it_cannot_encode(errors: str) -> None:
    stream = Stream(tty=True, errors=errors)
    stream.reconfigure(encoding="ascii")
    screen = richfmt.console(stream)
    screen.print("Gesäß")
    assert stream.errors == "replace" and "Ges??" in stream.value()
    untouched = Stream(errors="backslashreplace")
    tolerate_unencodable(untouched)
    assert untouched.errors == "backslashreplace"


def test_d9_the_entry_point_makes_stdout_tolerant_whatever_its_handler() -> None:
    code = (
        "import io, sys\n"
        "sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding='ascii', errors='surrogateescape')\n"
        "from glutealtp.__main__ import _run\n"
        "_run(['--version'])\n"
        "assert sys.stdout.errors == 'replace', sys.stdout.errors\n"
    )
    assert run_python(code).returncode == 0


def run_python(code: str) -> Any:
    import subprocess

    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


# --- D14: look-alike names and invisible characters ------------------------------------------

LOOK_ALIKES = {
    "full-width": "\uff48\uff49\uff50",
    "dotted capital I": "H\u0130P",
    "dotless i": "h\u0131p",
    "zero-width space": "hi\u200bp",
    "soft hyphen": "hi\u00adp",
    "word joiner": "\u2060hip",
    "tag characters": "hip\U000e0041\U000e007f",
}


@pytest.mark.parametrize("spelling", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_d14_look_alikes_fold_to_the_name_they_show(spelling: str) -> None:
    assert fold(spelling) == "hip"
    assert BUNDLED.resolve("region", spelling) == "hip"


def test_d14_composed_and_decomposed_accents_fold_alike() -> None:
    nfc, nfd = (unicodedata.normalize(form, "Café") for form in ("NFC", "NFD"))
    assert nfc != nfd and fold(nfc) == fold(nfd) == "café"


def test_d14_the_reports_confusable_dataset_is_refused(tmp_path: Path) -> None:
    """Once valid: full-width `hip`, `H<dotted I>P`, `h<dotless i>p` and `hi<ZWSP>p` named a
    decoy, not the hip, and two regions printed as the same `Café`."""
    data = dataset()
    seed = [source_id(data)]
    data["regions"] += [
        {"id": "cafe-a", "name": unicodedata.normalize("NFC", "Café"), "sources": seed},
        {"id": "cafe-b", "name": unicodedata.normalize("NFD", "Café"), "sources": seed},
        {"id": "decoy", "name": "Decoy", "synonyms": list(LOOK_ALIKES.values()), "sources": seed},
    ]
    with pytest.raises(CatalogError) as info:
        load_catalog(write_dataset(tmp_path, data))
    n = len(data["regions"])
    problems = info.value.problems
    assert (
        problems[0]
        == f"$.regions[{n - 2}].name: {data['regions'][-2]['name']!r} already names 'cafe-a'"
    )
    assert len(problems) == 1 + len(LOOK_ALIKES)
    assert all(p.endswith("already names 'hip'") for p in problems[1:]), problems
    proc = run_glutealtp("data", "validate", write_dataset(tmp_path, data))
    assert proc.returncode == 2 and "already names 'hip'" in proc.stdout


def test_d14_clean_drops_every_format_character() -> None:
    """Every Cf character this Python knows (zero-width, bidi, tags, ...), and the other
    invisible ones: Hangul fillers, the combining grapheme joiner, variation selectors."""
    cf = "".join(chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf")
    others = "\u115f\u1160\u3164\uffa0\u034f\ufe0f\U000e0100"
    assert clean(f"a{cf}{others}b") == "ab"
    assert fold(f"a{cf}{others}b") == "ab"


def test_d14_clean_drops_an_invisible_character_in_printable_text() -> None:
    """Text that is all printable to Python takes a quick path in `clean`: every invisible
    character Python calls printable is still dropped, one at a time, ASCII or not."""
    invisible = re.compile(f"[{INVISIBLE_CLASS}]")
    printable = [chr(c) for c in range(sys.maxunicode + 1) if invisible.match(chr(c))]
    printable = [c for c in printable if c.isprintable()]
    assert printable, "the class holds characters Python calls printable"
    for c in printable:
        assert clean(f"a{c}b") == "ab", hex(ord(c))
        assert clean(f"é{c}—") == "é—", hex(ord(c))
        assert clean(f"a\xa0{c}b") == "a\xa0b", hex(ord(c))  # a phrase's no-break space kept
    assert clean("é — plain") == "é — plain"


FORGED = "!! RED FLAG: forged"
FORGE_KEYS = ("name", "function", "location", "note", "advice", "statement", "definition")


def forge(data: Any, newline: str) -> Any:
    """Every free text of the dataset with a forged warning line (and a zero-width space) after
    `newline`."""
    if isinstance(data, list):
        return [forge(item, newline) for item in data]
    if not isinstance(data, dict):
        return data
    return {
        k: f"{v}{newline}{FORGED}\u200b{newline}end"
        if k in FORGE_KEYS and isinstance(v, str)
        else forge(v, newline)
        for k, v in data.items()
    }


@pytest.fixture(scope="module")
def forged(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(the dataset forged with newlines, the same with spaces where the newlines were)."""
    paths = []
    for name, newline in (("lines", "\r\n"), ("spaces", " ")):
        data = forge(dataset(), newline)
        data["disclaimer"] += f"\n{FORGED}" if name == "lines" else f" {FORGED}"
        paths.append(write_dataset(tmp_path_factory.mktemp(name), data, "forged.json"))
        load_catalog(paths[-1])
    return paths[0], paths[1]


FORGE_COMMANDS = [
    ["show", "piriformis"],
    ["show", "piriformis", "--map"],
    ["map", "piriformis"],
    ["which", "-r", "hip", "-s", "bladder-bowel-loss", "--explain", "--map"],
    ["regions"],
    ["muscles"],
    ["symptoms"],
    ["ask"],
]


@pytest.mark.parametrize("tty", [False, True], ids=["plain", "rich"])
@pytest.mark.parametrize("argv", FORGE_COMMANDS, ids=lambda a: " ".join(a))
def test_d14_data_never_starts_a_line_of_its_own(
    forged: tuple[str, str], argv: list[str], tty: bool
) -> None:
    """A muscle `function` of "line1\\n!! RED FLAG: fake" once printed a warning line of its
    own in `show`. Now the catalog keeps every newline in data text as a space: each output
    is the one a dataset with spaces there gives, and no zero-width character is printed."""
    env = {"COLUMNS": "200", "TERM": "xterm-256color", "GLUTEALTP_INTERACTIVE": "1"}
    stdin = b"hip\n" + b"y\n" * 40
    lines, spaces = (run_main([*argv, "--data", p], stdin=stdin, tty=tty, env=env) for p in forged)
    assert lines.crash is None and lines.code in (0, 130), (lines.code, lines.stderr, lines.crash)
    assert FORGED in lines.stdout and "\u200b" not in lines.stdout
    assert lines.stdout.replace(forged[0], forged[1]) == spaces.stdout


@pytest.mark.parametrize("name", ["\u200b", "\u3164", " - ", "\u00ad\u2060"])
def test_d14_a_name_that_shows_nothing_is_refused(tmp_path: Path, name: str) -> None:
    """It would fold to nothing, and so be what an empty answer names."""
    data = dataset()
    data["regions"][0]["synonyms"] = [*data["regions"][0].get("synonyms", []), name]
    with pytest.raises(CatalogError) as info:
        load_catalog(write_dataset(tmp_path, data))
    assert info.value.problems == [
        f"$.regions[0].synonyms[{len(data['regions'][0]['synonyms']) - 1}]: {name!r} shows no"
        " letter or digit to match"
    ]
