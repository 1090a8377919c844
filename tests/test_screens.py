"""What a person reads: the layout at any width, `which` in plain words, red flags first in
every format, an ambiguous word refused, and the next questions wherever a ranking is read."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glutealtp.catalog import CatalogIndex
from glutealtp.output.document import Alert, Document, Format, Paragraph, Span, Table
from glutealtp.output.layout import KEEP, keep_whole, lay_out, text_of, wrap
from glutealtp.output.ranking import ranking_document
from glutealtp.output.render import render
from glutealtp.ranking.rank import make_query, rank
from glutealtp.ranking.results import NextQuestion, Ranking

from .conftest import Invoke
from .helpers import DISCLAIMER, csv_rows

pytestmark = pytest.mark.usefixtures("plain_environment")


# --- the layout ------------------------------------------------------------------------


@pytest.mark.parametrize("width", [33, 60, 80, 100, 140])
def test_lines_fit_and_words_stay_whole(width: int) -> None:
    words = "semitendinosus-semimembranosus gluteus-minimus Piriformis and the SI joint " * 5
    lines = [text_of(line) for line in wrap([Span(words)], width)]
    assert all(len(line) <= width for line in lines)
    assert " ".join(lines).split() == words.split()


PHRASES = ("Gluteus minimus", "Adductor longus and brevis", "longus and", "Tensor fasciae latae")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*PHRASES, "gluteus MINIMUS", "ADDUCTOR", "İstanbul", "and", "the", "  ", "minimus"]
        ),
        max_size=8,
    )
)
def test_whole_phrases_are_kept_as_a_case_blind_regex_keeps_them(words: list[str]) -> None:
    """Every phrase (any case) joined by the no-break space, a longer one first: as the
    case-insensitive alternation of the phrases, longest first, joins them."""
    text = " ".join(words)
    names = sorted({p.lower() for p in PHRASES}, key=lambda p: (-len(p), p))
    pattern = re.compile("|".join(map(re.escape, names)), flags=re.IGNORECASE)
    expected = pattern.sub(lambda m: m.group().replace(" ", KEEP), text)
    doc = Document(data={}, tables=(), disclaimer="d", whole=PHRASES)
    assert keep_whole(doc, text) == expected


def test_a_word_wider_than_the_line_breaks_at_a_slash_or_hyphen() -> None:
    url = "https://example.org/a-rather-long/path/that-goes-on-and-on/and-on"
    lines = [text_of(line) for line in wrap([Span(url)], 24)]
    assert all(len(line) <= 24 for line in lines)
    assert "".join(lines) == url
    assert all(line.endswith(("/", "-")) for line in lines[:-1])


def test_a_wide_table_folds_its_columns_in_the_declared_order() -> None:
    table = Table(
        ("Id", "Name", "Long", "Longer"),
        (("gluteus-minimus", "Gluteus minimus", "x " * 30, "y " * 40),),
        fold=("Longer", "Long"),
    )
    doc = Document(data={}, tables=(table,), disclaimer="d")
    wide = [text_of(line) for line in lay_out(doc, 200)]
    assert wide[0].split() == ["Id", "Name", "Long", "Longer"]
    narrow = [text_of(line) for line in lay_out(doc, 100)]
    assert narrow[0].split() == ["Id", "Name", "Long"]  # "Longer" folded first
    assert any(line.startswith("    Longer: y") for line in narrow)
    tight = [text_of(line) for line in lay_out(doc, 40)]
    assert tight[0].split() == ["Id", "Name"]
    assert all(len(line) <= 40 for line in tight)


def test_an_alert_is_a_closed_box_as_wide_as_the_screen() -> None:
    doc = Document(data={}, tables=(), disclaimer="d", screen=(Alert("T", ("w " * 60,)),))
    box = [text_of(line) for line in lay_out(doc, 50)][:-2]
    assert box[0].startswith("┌─ T ─") and box[-1].startswith("└")
    assert all(len(line) == 50 and line[-1] in "┐│┘" for line in box)


# --- which, in plain words -------------------------------------------------------------


def test_which_leads_with_one_summary_line(invoke: Invoke) -> None:
    lines = invoke("which", "-r", "buttock", "-r", "hip").stdout.splitlines()
    summary = " ".join(lines[1:3])
    assert summary == (
        "Piriformis and gluteus minimus fit about equally well: each explains buttock and hip."
    )
    sciatica = invoke("which", "-r", "buttock", "-r", "hip", "-r", "si-joint").stdout.splitlines()
    assert sciatica[1].startswith("Best match: Piriformis, strong fit: explains")


def test_the_list_speaks_plain_words_and_shows_ties(invoke: Invoke) -> None:
    out = invoke("which", "-s", "sitting", "-s", "walking").stdout
    assert "=1  " in out or "=2  " in out
    # Two items: the odds margin 1.5 is 1.5 ** (1 / 2) = 1.22 on the scores, 82% of the first.
    assert (
        "=N: these fit about equally well and share a rank (each scores about 82% or more of "
        "the first of its group)."
    ) in " ".join(out.split())
    rows = re.findall(r"^(=?)(\d+) .*?(\d+\.\d) \w+$", out, flags=re.M)
    heads: dict[int, float] = {}
    for tied, place, score in rows:  # the share said is the rule the ranks follow
        if int(place) in heads:
            assert tied and float(score) >= 0.81 * heads[int(place)]
        else:
            assert all(float(score) < 0.83 * head for head in heads.values())
            heads[int(place)] = float(score)
    assert len(heads) >= 2 and len(rows) > len(heads)
    for jargon in ("<-", "essential,", "muscle-level", "Coverage", "satellite-of", "0/0"):
        assert jargon not in out
    groin = " ".join(invoke("which", "-r", "groin").stdout.split())
    assert "Also linked to what you reported, but not ranked" in groin
    assert "piriformis: groin (only through piriformis syndrome, a condition it can cause)" in groin


def test_also_check_lists_only_what_applies(invoke: Invoke) -> None:
    plain = invoke("which", "-r", "buttock", "-r", "hip").stdout
    assert "treated together" not in plain  # applies only with sciatica
    sciatica = invoke("which", "-r", "buttock", "-r", "hip", "-s", "sciatica").stdout
    assert "usually treated together with gluteus minimus" in " ".join(sciatica.split())


def test_which_says_how_many_muscles_the_catalog_holds(invoke: Invoke, index: CatalogIndex) -> None:
    for command in (["which", "-r", "hip"], ["regions"]):
        out = " ".join(invoke(*command).stdout.split())
        assert f"The catalog holds {len(index.muscles)} muscles; muscles outside it" in out


def test_piped_text_is_as_wide_as_columns(invoke: Invoke) -> None:
    for width in (60, 80, 120):
        out = invoke("which", "-r", "buttock", "-r", "hip", env={"COLUMNS": str(width)}).stdout
        assert max(len(line) for line in out.splitlines()) <= width
    assert max(len(line) for line in invoke("show", "gmin").stdout.splitlines()) <= 80


def test_csv_muscle_is_the_id_and_name_the_name(invoke: Invoke, index: CatalogIndex) -> None:
    for command in (["which", "-r", "hip"], ["show", "piriformis"]):
        text = invoke(*command, "-f", "csv").stdout
        rows = csv_rows(text)
        assert rows and all(r["muscle"] in index.muscles for r in rows)
    first = csv_rows(invoke("which", "-r", "hip", "-f", "csv").stdout)[0]
    assert (first["muscle"], first["name"]) == ("gluteus-minimus", "Gluteus minimus")


# --- red flags, first, in every format -------------------------------------------------

RED = ("which", "-r", "buttock", "-s", "saddle numbness")


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_a_red_flag_comes_first(invoke: Invoke, fmt: str) -> None:
    out = invoke(*RED, "-f", fmt).stdout
    if fmt == "table":
        lines = out.splitlines()
        assert lines[0].startswith("┌─ RED FLAG: seek urgent care first")
        after = out.split("┘\n", 1)[1]
        assert after.lstrip().startswith("For your clinician")
        assert "pattern fit" not in out  # no arithmetic by default
    elif fmt == "json":
        data = json.loads(out)
        assert list(data)[:3] == ["schema_version", "query", "warnings"]
        assert data["warnings"][0]["kind"] == "red-flag"
    elif fmt == "jsonl":
        for line in out.splitlines():
            record = json.loads(line)
            assert list(record)[1] == "warnings" and record["warnings"][0]["kind"] == "red-flag"
    else:
        assert out.startswith("# RED FLAG: Numbness in the saddle area.")


@pytest.mark.parametrize("word", ["numbness", "numb", "Numbness"])
def test_an_ambiguous_word_names_both_meanings(invoke: Invoke, word: str) -> None:
    result = invoke("which", "-r", "buttock", "-s", word)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "leg-numbness" in result.stderr and "saddle-numbness" in result.stderr
    assert "red flag" in result.stderr


@pytest.mark.parametrize("red_flag", ["saddle numbness", "incontinence"])
def test_a_refused_query_still_leads_with_its_red_flag(invoke: Invoke, red_flag: str) -> None:
    """New-user finding: an unknown region beside a red flag once printed only the error."""
    result = invoke("which", "-r", "elbow", "-s", red_flag, "-s", "sitting")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("glutealtp: error: RED FLAG: ")
    assert "Seek urgent medical care now" in result.stderr
    assert "The command was refused: unknown region 'elbow'" in result.stderr
    plain = invoke("which", "-r", "elbow", "-s", "sitting")
    assert plain.exit_code == 2 and "RED FLAG" not in plain.stderr


@pytest.mark.parametrize("problem", ["exists", "no-directory", "extension"])
def test_an_output_file_refused_still_leads_with_the_red_flag(
    invoke: Invoke, tmp_path: Path, problem: str
) -> None:
    """Review finding: `-o` onto an existing file once printed only the file error."""
    (tmp_path / "x.html").write_text("kept", encoding="utf-8")
    target = {"exists": "x.html", "no-directory": "none/x.json", "extension": "x.txt"}[problem]
    result = invoke("which", "-r", "buttock", "-s", "saddle-numbness", "-o", str(tmp_path / target))
    assert (result.exit_code, result.stdout, result.stderr.count("\n")) == (2, "", 1)
    assert result.stderr.startswith("glutealtp: error: RED FLAG: Numbness in the saddle area.")
    assert (tmp_path / "x.html").read_text(encoding="utf-8") == "kept"


def test_a_red_flag_alone_promises_no_muscles_below(invoke: Invoke) -> None:
    result = invoke("which", "-s", "saddle numbness")
    assert result.exit_code == 1 and "RED FLAG" in result.stdout
    assert "muscles below" not in result.stdout


@pytest.mark.parametrize("words", ["numb bum", "saddle area numb", "saddle numbness"])
def test_everyday_words_for_saddle_numbness_are_the_red_flag(invoke: Invoke, words: str) -> None:
    data = json.loads(invoke("which", "-r", "buttock", "-s", words, "-f", "json").stdout)
    assert data["query"]["symptoms"] == ["saddle-numbness"]
    assert data["warnings"][0]["kind"] == "red-flag"


# --- the next questions ----------------------------------------------------------------


def _with_questions(index: CatalogIndex, settled: bool = False) -> Ranking:
    ranking = rank(index, make_query(index, ["buttock", "hip"], []), top=3)
    question = NextQuestion(
        "region",
        "si-joint",
        "SI joint",
        ("piriformis",),
        ("gluteus-minimus",),
        "Pain at the SI joint too?",
        "Pain at the SI joint too? That would point strongly to piriformis over gluteus minimus.",
    )
    if settled:
        return ranking._replace(settled=True)
    return ranking._replace(next_questions=(question,) * 4)


def _render(doc: Document, fmt: Format) -> str:
    out = io.StringIO()
    render(doc, fmt, out)
    return out.getvalue()


def test_next_questions_follow_the_list(index: CatalogIndex) -> None:
    doc = ranking_document(index, _with_questions(index))
    text = _render(doc, Format.table)
    assert text.index("Would help to tell them apart:") > text.index("Piriformis")
    assert text.count("- Pain at the SI joint too?") == 3  # at most three
    sheet = _render(doc, Format.csv).splitlines()  # after the disclaimer, before the sheet
    assert sheet[0].startswith("# ") and DISCLAIMER in sheet[0]
    assert sheet[1] == "# Would help to tell them apart:"
    assert sheet[2].startswith("# - Pain at the SI joint too?")


def test_every_format_carries_the_next_questions(invoke: Invoke) -> None:
    query = ("which", "-r", "buttock", "-r", "hip")
    whole = json.loads(invoke(*query, "-f", "json").stdout)
    sentences = [q["sentence"] for q in whole["next_questions"]]
    assert sentences and whole["settled"] is False
    lines = [json.loads(line) for line in invoke(*query, "-f", "jsonl").stdout.splitlines()]
    assert all(r["next_questions"] == whole["next_questions"] for r in lines)
    assert all(not r["settled"] for r in lines)
    sheet = invoke(*query, "-f", "csv").stdout
    screen = " ".join(invoke(*query).stdout.split())
    for sentence in sentences:
        assert f"# - {sentence}" in sheet and f"- {sentence}" in screen


def test_a_settled_ranking_says_so_in_one_line(index: CatalogIndex) -> None:
    doc = ranking_document(index, _with_questions(index, settled=True))
    assert "No single answer would put another of the matching muscles first." in _render(
        doc, Format.table
    )
    assert "# No single answer would put another of the matching muscles first." in _render(
        doc, Format.csv
    )


def test_paragraphs_are_data_never_markup() -> None:
    doc = Document(data={}, tables=(), disclaimer="d", screen=(Paragraph((Span("[bold]x[/]"),)),))
    assert "[bold]x[/]" in _render(doc, Format.table)
