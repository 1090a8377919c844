"""The printable handout: what the page says, that it loads nothing, and how a real browser
draws it (headless Chromium, as CI runs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

from glutealtp.bodymap.figures import ESSENTIAL

from .conftest import Invoke

pytestmark = pytest.mark.usefixtures("plain_environment")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _page(invoke: Invoke, tmp_path: Path, *args: str) -> str:
    page = tmp_path / "handout.html"
    result = invoke("which", *args, "-o", str(page))
    assert result.exit_code == 0, result.output
    return page.read_text(encoding="utf-8")


def test_the_handout_holds_everything_in_order(invoke: Invoke, tmp_path: Path) -> None:
    html = _page(invoke, tmp_path, "-r", "SI joint", "-r", "bum", "-s", "numb bum")
    order = [
        "RED FLAG: seek urgent care first",
        "Numbness in the saddle area",
        "What was reported",
        "“SI joint”, “bum”, “numb bum”",  # the person's words
        "sacroiliac (SI) joint",  # as understood
        "For your clinician: the ranking",
        # Both refer to the buttock and the SI joint by main (essential) zones.
        "Gluteus medius and piriformis fit about equally well: each explains buttock and "
        "sacroiliac (SI) joint.",
        "<svg",
        "Trigger points of the listed muscles",
        "Where the trigger points are is not given here: a red flag comes first.",
        "Sources",
        'href="https://www.painwhisperer.com/trigger-point-gluteal-pain"',
        "It is not a diagnosis",
    ]
    at = 0
    for step in order:
        found = html.find(step, at)
        assert found >= 0, f"{step!r} missing after {at}"
        at = found
    assert "<?xml" not in html  # the picture is inline, not a document in a document


def test_the_handout_loads_nothing_from_anywhere(invoke: Invoke, tmp_path: Path) -> None:
    html = _page(invoke, tmp_path, "-r", "buttock", "-r", "hip")
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", html, flags=re.I)
    assert not re.search(r"\b(src|srcset)=|@import|url\((?!#)", html, flags=re.I)
    assert "@media print" in html and "@page" in html


def test_the_handout_is_written_once_and_atomically(invoke: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "h.html"
    assert invoke("which", "-r", "hip", "-o", str(page)).exit_code == 0
    again = invoke("which", "-r", "groin", "-o", str(page))
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert "groin" not in page.read_text(encoding="utf-8").lower().split("where it hurts")[1][:80]
    assert invoke("which", "-r", "groin", "-o", str(page), "--force").exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["h.html"]  # no temporary file left


@pytest.mark.parametrize(("name", "start"), [("m.svg", b"<?xml"), ("m.json", b"{")])
def test_o_writes_the_picture_or_the_json(
    invoke: Invoke, tmp_path: Path, name: str, start: bytes
) -> None:
    target = tmp_path / name
    assert invoke("which", "-r", "hip", "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(start)
    bad = invoke("which", "-r", "hip", "-o", str(tmp_path / "m.pdf"))
    assert bad.exit_code == 2 and ".html, .svg, .png or .json" in bad.stderr


def screenshot(page: Path, png: Path, size: str = "1240,1754") -> None:
    """The page as headless Chromium draws it (the flags keep it off the network)."""
    assert CHROMIUM is not None
    profile = tempfile.mkdtemp(prefix="glutealtp-chromium-")
    try:
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={size}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="headless Chromium is not installed (`apt-get install chromium`; CI installs it)",
)
def test_a_real_browser_draws_the_handout_with_the_map(invoke: Invoke, tmp_path: Path) -> None:
    page = tmp_path / "handout.html"
    assert invoke("which", "-r", "buttock", "-r", "hip", "-o", str(page)).exit_code == 0
    png = tmp_path / "handout.png"
    screenshot(page, png)
    with Image.open(png) as shot:
        image = shot.convert("RGB")
    width, height = image.size
    pixels: list[tuple[int, int, int]] = []
    for y in range(0, height, 2):
        for x in range(0, width, 2):
            r, g, b = image.getpixel((x, y))  # type: ignore[misc]
            pixels.append((r, g, b))
    red = tuple(int(ESSENTIAL[i : i + 2], 16) for i in (1, 3, 5))
    essential = sum(1 for p in pixels if all(abs(a - b) <= 12 for a, b in zip(p, red, strict=True)))
    ink = sum(1 for p in pixels if sum(p) < 600)
    assert essential > 500, "the map's essential zones are not on the page"
    assert ink > width * height // 400, "the page looks blank"


def test_the_readme_shows_the_handout() -> None:
    from .helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/img/handout.png)" in readme
    with Image.open(ROOT / "docs/img/handout.png") as png:
        assert png.width >= 900


def test_the_handout_carries_the_next_questions() -> None:
    from glutealtp.catalog import load_catalog
    from glutealtp.output.handout import Asked, handout
    from glutealtp.ranking.rank import make_query, rank
    from glutealtp.ranking.results import NextQuestion

    index = load_catalog()
    ranking = rank(index, make_query(index, ["buttock", "hip"], []))
    sentence = (
        "Pain at the SI joint too? That would point strongly to piriformis over gluteus minimus."
    )
    asking = ranking._replace(
        next_questions=(
            NextQuestion(
                "region", "si-joint", "SI joint", (), (), "Pain at the SI joint too?", sentence
            ),
        )
    )
    page = handout(index, asking, Asked(("buttock", "hip")), None)
    assert page.index("Would help to tell them apart:") < page.index(sentence)
    settled = handout(index, ranking._replace(settled=True), Asked(("hip",)), None)
    assert "No single answer would put another of the matching muscles first." in settled
    assert "Would help" not in settled
