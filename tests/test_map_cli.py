"""Body maps through the CLI: `show --map`, `map` (terminal, SVG, PNG, stdout), `which --map`
and `--svg`, refusing a data format and an existing file."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from glutealtp.ask.dialogue import INTERACTIVE_ENV
from glutealtp.bodymap.picture import (
    Shade,
)
from glutealtp.bodymap.png import MAX_SIDE, PngTooLarge, png_scale
from glutealtp.bodymap.raster import FILL, MARKER, REPORTED
from glutealtp.catalog import CatalogIndex
from glutealtp.cli.quick import parse
from glutealtp.ranking.rank import make_query, rank

from .conftest import Invoke
from .helpers import Replies, person, raw_muscle, write_dataset

pytestmark = pytest.mark.usefixtures("plain_environment")


def test_show_map_prints_the_tables_then_the_map(invoke: Invoke) -> None:
    result = invoke("show", "piriformis", "--map")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Trigger points") < out.index("Back view") < out.index("essential zone")
    assert f"{MARKER}1 Outside (lateral) trigger point" in out
    assert max(len(line) for line in out[out.index("Back view") :].splitlines()) <= 80


def test_map_without_a_file_draws_in_the_terminal(invoke: Invoke) -> None:
    result = invoke("map", "gmin")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gluteus minimus\n")
    assert FILL[Shade.spillover] in result.stdout
    assert " ".join(result.stdout.split()).endswith("see a qualified clinician about your pain.")


def test_which_map_outlines_the_report_under_the_ranking(invoke: Invoke) -> None:
    # Gluteus maximus is the one muscle referring to both the sacrum and the sits bone (Dr.
    # Perry); with the tailbone the pelvic-floor muscles now compete (WebManMed, coccyx.org).
    result = invoke("which", "-r", "sacrum", "-r", "sits-bone", "--map")
    assert result.exit_code == 0
    out = result.stdout
    assert out.index("Pain reported: sacrum") < out.index("Best match: Gluteus maximus")
    assert set(out[out.index("Best match") :]) & set(REPORTED)


def test_which_map_with_no_match_still_outlines_the_report(invoke: Invoke) -> None:
    result = invoke("which", "-s", "bladder-bowel-loss", "--map")
    assert result.exit_code == 1
    assert "RED FLAG" in result.stdout.splitlines()[0]
    assert "No muscle in the catalog explains this pain" in result.stdout


@pytest.mark.parametrize("cmd", [["which", "-r", "hip"], ["show", "piriformis"]])
def test_map_refuses_a_data_format(invoke: Invoke, cmd: list[str]) -> None:
    result = invoke(*cmd, "--map", "-f", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--map" in result.stderr


def test_map_writes_svg_and_refuses_to_overwrite(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "piriformis.svg"
    assert invoke("map", "piriformis", "-o", str(out)).exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert first.startswith("<?xml") and 'id="buttock"' in first
    out.write_text("keep me", encoding="utf-8")
    again = invoke("map", "piriformis", "-o", str(out))
    assert again.exit_code == 2
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert invoke("map", "piriformis", "-o", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8") == first


def test_map_writes_png(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "gmax.PNG"
    result = invoke("map", "gmax", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_map_to_stdout_is_svg(invoke: Invoke) -> None:
    result = invoke("map", "QL", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<?xml") and result.stdout.rstrip().endswith("</svg>")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/dir/x.svg", "does not exist"),
        ("/sys/x.svg", "not writable"),
        ("x.pdf", "name the picture file .svg or .png"),
        ("x" * 300 + ".png", "File name too long"),
        (".", "is a directory"),
        ("pictures.svg/", "is a directory"),
    ],
)
def test_bad_output_paths_are_one_line_errors(
    invoke: Invoke, tmp_path: Path, target: str, message: str
) -> None:
    path = target if target.startswith("/") else str(tmp_path / target)
    if target.endswith("/"):
        Path(path).mkdir()
    result = invoke("map", "piriformis", "-o", path)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 2
    assert result.stderr.startswith("glutealtp: error: ")
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_which_svg_writes_before_printing(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    result = invoke("which", "-r", "buttock", "-r", "hip", "--svg", str(out))
    assert result.exit_code == 0
    # Both refer to the buttock and the hip by main (essential) zones, and lead together.
    lead = "Piriformis and gluteus minimus fit about equally well: each explains buttock and hip."
    assert lead in " ".join(result.stdout.split())
    svg = out.read_text(encoding="utf-8")
    assert 'id="reported-hip"' in svg
    assert ">Piriformis, one of 2 that fit about</text>" in svg  # the title, wrapped
    again = invoke("which", "-r", "hip", "--svg", str(out))
    assert again.exit_code == 2 and again.stdout == ""
    assert invoke("which", "-r", "hip", "--svg", str(out), "--force").exit_code == 0
    assert 'id="reported-buttock"' not in out.read_text(encoding="utf-8")


# --- D20: a tall picture is scaled to fit a PNG, or refused in one line ----------------------


def _tall_dataset(
    raw_copy: dict[str, Any], tmp_path: Path, count: int, *, alone: bool = False
) -> str:
    """The reproduction of reliability defect D20: piriformis with `count` trigger points,
    each with a 2,000-character location (the longest text a dataset may hold); `alone`,
    the only muscle, so that it is the best match for the hip whatever the ranking."""
    piriformis = raw_muscle(raw_copy, "piriformis")
    del piriformis["max_trigger_points"]  # the sources' two would refuse the dataset
    if alone:
        raw_copy["muscles"] = [piriformis]
        raw_copy["area_lists"] = []
        piriformis["related"] = []
    piriformis["trigger_points"] = [
        {
            "id": f"tp{i}",
            "name": f"TP {i}",
            "location": "word " * 399 + "end.",
            "activity": "common",
            "sources": ["perry-gluteal-pain"],
            "marker": {"view": "back", "x": 0.7, "y": 0.45},
            "zones": [{"region": "hip", "extent": "essential", "sources": ["perry-gluteal-pain"]}],
        }
        for i in range(count)
    ]
    return write_dataset(tmp_path, raw_copy, f"tall{count}.json")


def test_a_tall_png_is_drawn_smaller_to_fit(
    invoke: Invoke, raw_copy: dict[str, Any], tmp_path: Path
) -> None:
    data = _tall_dataset(raw_copy, tmp_path, 40)
    out = tmp_path / "tall.png"
    result = invoke("map", "piriformis", "-o", str(out), "--data", data)
    assert (result.exit_code, result.stderr) == (0, f"Saved: {out}\n"), result.stderr
    Image.MAX_IMAGE_PIXELS = None
    with Image.open(out) as png:
        assert png.height <= MAX_SIDE < 2 * float(_svg_height(invoke, data))
        assert png.height > MAX_SIDE * 0.99


def _svg_height(invoke: Invoke, data: str) -> str:
    svg = invoke("map", "piriformis", "-o", "-", "--data", data).stdout
    match = re.search(r'<svg[^>]*height="([0-9.]+)"', svg)
    assert match
    return match.group(1)


@pytest.mark.parametrize("command", [["map", "piriformis", "-o"], ["which", "-r", "hip", "--svg"]])
def test_a_png_too_tall_even_at_its_own_size_is_refused_in_one_line(
    invoke: Invoke, raw_copy: dict[str, Any], tmp_path: Path, command: list[str]
) -> None:
    data = _tall_dataset(raw_copy, tmp_path, 150, alone=True)
    out = tmp_path / "taller.png"
    result = invoke(*command, str(out), "--data", data)
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1
    assert "too tall for a PNG" in result.stderr and "write it as .svg" in result.stderr
    assert not out.exists()


def test_the_png_scale_is_the_asked_one_until_the_picture_is_too_tall() -> None:
    def svg(height: float) -> str:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="{height}"></svg>'

    assert png_scale(svg(1800)) == 2.0
    assert png_scale(svg(20_000)) == MAX_SIDE / 20_000
    assert png_scale(svg(MAX_SIDE), scale=1.0) == 1.0
    with pytest.raises(PngTooLarge):
        png_scale(svg(MAX_SIDE + 1))


# --- --side ------------------------------------------------------------------------------------


def test_map_side_draws_on_that_side_and_says_so(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("map", "piriformis", "--side", "LEFT")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Piriformis, left side\n")
    assert "Drawn on the left side only" in " ".join(out.split())
    svg = tmp_path / "left.svg"
    assert invoke("map", "piriformis", "--side", "left", "-o", str(svg)).exit_code == 0
    text = svg.read_text(encoding="utf-8")
    assert 'id="buttock-other-side"' in text and "Piriformis, left side" in text


def _best(index: CatalogIndex, regions: list[str]) -> str:
    return rank(index, make_query(index, regions)).results[0].name


def test_which_side_reaches_the_map_and_the_picture(
    invoke: Invoke, index: CatalogIndex, tmp_path: Path
) -> None:
    out = tmp_path / "w.svg"
    result = invoke("which", "-r", "buttock", "--map", "--svg", str(out), "--side", "right")
    assert result.exit_code == 0, result.stderr
    # Ten muscles refer to the buttock by a main (essential) zone; six of them lead together.
    title = f"{_best(index, ['buttock'])}, one of 6 that fit about equally well, right side"
    assert title in result.stdout
    assert title in out.read_text(encoding="utf-8")


def test_show_map_side_draws_on_that_side_and_without_a_map_is_refused(invoke: Invoke) -> None:
    result = invoke("show", "piriformis", "--map", "--side", "left")
    assert result.exit_code == 0, result.output
    assert "Piriformis, left side\nTrigger points and referral pattern on the left side" in (
        result.stdout
    )
    refused = invoke("show", "piriformis", "--side", "left")
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert refused.stderr.count("\n") == 1 and "--map" in refused.stderr


def test_a_side_the_quick_path_cannot_read_goes_to_typer() -> None:
    assert parse(["map", "QL", "--side", "Left"]) == ("map", {"muscle": "QL", "side": "left"})
    assert parse(["map", "QL", "--side", "up"]) is None


def test_which_side_without_a_map_is_recorded(invoke: Invoke) -> None:
    """QA round 3, N29: the side a physiotherapist documents is part of the query."""
    result = invoke("which", "-r", "buttock", "--side", "left")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(invoke("which", "-r", "buttock", "--side", "left", "-f", "json").stdout)
    assert data["query"]["side"] == "left"


@pytest.mark.parametrize("value", ["up", "", "both"])
def test_a_side_that_is_neither_left_nor_right_is_refused(invoke: Invoke, value: str) -> None:
    result = invoke("map", "piriformis", "--side", value)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "left" in result.stderr


def test_ask_draws_its_maps_on_the_side_given(invoke: Invoke, index: CatalogIndex) -> None:
    answers = Replies(person(index, "buttock", then=["1", ""]))
    result = invoke("ask", "--side", "left", input=answers, env={INTERACTIVE_ENV: "1"})
    assert result.exit_code == 0, result.output
    # The answers (no to every question) reorder the buttock's muscles: the leaders are read
    # from the interview's own table, whose first row the person then asks to see.
    leaders = re.findall(r"^=1 +(\S.*?) {2,}[0-9.]+ ", result.stdout, flags=re.M)
    assert leaders
    best = leaders[0]
    lead = (
        f"{best}, one of {len(leaders)} that fit about equally well"
        if len(leaders) > 1
        else f"Best match: {best}"
    )
    assert f"\n{lead}, left side\n" in result.stdout
    assert f"{best}, left side\nTrigger points and referral pattern on the left side" in (
        result.stdout
    )


# --- red flags on every picture -----------------------------------------------------------------


@pytest.mark.parametrize(
    "query", [["-r", "buttock", "-s", "saddle numbness"], ["-s", "incontinence"]]
)
def test_every_picture_of_a_red_flag_says_seek_urgent_care_first(
    invoke: Invoke, tmp_path: Path, query: list[str]
) -> None:
    """New-user finding 13, for the terminal map, the SVG and the PNG."""
    svg, png = tmp_path / "rf.svg", tmp_path / "rf.png"
    result = invoke("which", *query, "--map", "--svg", str(svg))
    assert result.exit_code in (0, 1), result.stderr
    text = result.stdout
    ranking = text.index("Pain reported") if query[0] == "-r" else 0
    picture = text[text.index("RED FLAG: seek urgent care first", ranking + 1) :]
    assert "Numbness" in picture[:400] or "bladder" in picture[:400]
    assert picture.index("RED FLAG") < picture.index("Back view")
    document = svg.read_text(encoding="utf-8")
    assert document.index("RED FLAG: ") < document.index('id="figures"')
    assert "Seek urgent medical care now" in document
    assert invoke("which", *query, "--svg", str(png)).exit_code in (0, 1)
    assert png.read_bytes().startswith(b"\x89PNG")
