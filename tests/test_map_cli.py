"""Body maps through the CLI: `show --map`, `map` (terminal, SVG, PNG, stdout), `which --map`
and `--svg`, refusing a data format and an existing file."""

from pathlib import Path

import pytest

from glutealtp.bodymap.picture import (
    Shade,
)
from glutealtp.bodymap.raster import FILL, MARKER, REPORTED

from .conftest import Invoke

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
        (".", "name the picture file .svg or .png"),
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
    assert "Best match: Piriformis" in result.stdout
    svg = out.read_text(encoding="utf-8")
    assert 'id="reported-hip"' in svg and "Best match: Piriformis" in svg
    again = invoke("which", "-r", "hip", "--svg", str(out))
    assert again.exit_code == 2 and again.stdout == ""
    assert invoke("which", "-r", "hip", "--svg", str(out), "--force").exit_code == 0
    assert 'id="reported-buttock"' not in out.read_text(encoding="utf-8")
