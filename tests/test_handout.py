"""The printable handout: what the page says, that it loads nothing, and how a real browser
prints it (headless Chromium to PDF on A4, read back with poppler, as CI runs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path
from typing import NamedTuple

import pytest
from PIL import Image
from typer.testing import CliRunner

from glutealtp.bodymap.figures import ESSENTIAL
from glutealtp.catalog import CatalogIndex
from glutealtp.cli.app import app
from glutealtp.output import words

from .conftest import Invoke
from .helpers import CHROMIUM, ids_in, print_to_pdf

pytestmark = pytest.mark.usefixtures("plain_environment")

POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")


def _page(invoke: Invoke, tmp_path: Path, *args: str) -> str:
    page = tmp_path / "handout.html"
    result = invoke("which", *args, "-o", str(page))
    assert result.exit_code in (0, 1), result.output  # 1: no muscle matched
    return page.read_text(encoding="utf-8")


def _shown(html: str) -> str:
    """The words a reader sees: no style, no picture, no tags, no addresses."""
    text = re.sub(r"<style>.*?</style>|<svg.*?</svg>|<title>.*?</title>", " ", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", text.replace("<wbr>", "")))
    return re.sub(r"\S*(?:/|\.com|\.org|\.net)\S*", " ", text)


def test_the_handout_holds_everything_in_order(invoke: Invoke, tmp_path: Path) -> None:
    html = _page(invoke, tmp_path, "-r", "SI joint", "-r", "bum", "-s", "numb bum")
    order = [
        "Trigger points that may explain this pain",
        "Prepared on ",
        "<span>Name:</span>",
        "RED FLAG: seek urgent care first",
        "Numbness in the saddle area",
        "What was reported",
        "“SI joint”, “bum”, “numb bum”",  # the person's words
        "sacroiliac (SI) joint",  # as understood
        "Questions and answers",
        "Is there numbness between your legs",
        "yes (reported)",  # the red flag the query reported
        "The ranking",
        words.CLINICIAN,
        # Both refer to the buttock and the SI joint by main (essential) zones.
        "Gluteus medius and piriformis fit about equally well: each explains buttock and "
        "sacroiliac (SI) joint.",
        "Trigger points of the listed muscles",
        "Where the trigger points are is not given here: a red flag comes first.",
        "<svg",
        "Clinician's notes",
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
    assert "For your clinician: the ranking" not in html  # the heading is not the sentence


def test_the_handout_loads_nothing_from_anywhere(invoke: Invoke, tmp_path: Path) -> None:
    html = _page(invoke, tmp_path, "-r", "buttock", "-r", "hip")
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", html, flags=re.I)
    assert not re.search(r"\b(src|srcset)=|@import|url\((?!#)", html, flags=re.I)
    assert "@media print" in html and "@page" in html


@pytest.mark.parametrize(
    "args",
    [
        ("-r", "buttock", "-r", "hip"),
        ("-r", "SI joint", "-r", "bum", "-s", "numb bum"),
        ("-r", "hip", "--side", "left", "-s", "sitting"),
        ("-s", "incontinence"),
    ],
    ids=["buttock and hip", "red flag", "side", "no match"],
)
def test_no_command_lines_and_no_ids(
    invoke: Invoke, index: CatalogIndex, tmp_path: Path, args: tuple[str, ...]
) -> None:
    shown = _shown(_page(invoke, tmp_path, *args))
    assert "glutealtp which" not in shown and "lists all" not in shown
    assert not re.findall(r"glutealtp (?!gives )\w+", shown)  # its name, in the disclaimer only
    assert not re.search(r"--\w", shown)
    assert ids_in(index, shown) == []
    muscles = [m for m in index.muscles if "-" in m]
    assert [m for m in muscles if re.search(rf"(?<![\w-]){m}(?![\w-])", shown)] == []


def test_what_was_reported_is_said_once_and_names_the_side(invoke: Invoke, tmp_path: Path) -> None:
    plain = _page(invoke, tmp_path, "-r", "buttock", "-r", "hip", "--side", "left")
    assert "buttock and hip (left side)" in plain
    assert "In the person's words" not in plain  # the same words twice tell nothing
    worded = unescape(_page(invoke, tmp_path, "-r", "bum", "--force"))
    assert "In the person's words</th><td>“bum”</td>" in worded


def _boxes(html: str) -> list[str]:
    return re.findall(r"<section class=\"alert\" role=\"alert\">.*?</section>", html, flags=re.S)


def test_a_red_flag_box_has_one_style_and_one_title(invoke: Invoke, tmp_path: Path) -> None:
    html = _page(invoke, tmp_path, "-r", "buttock", "-s", "numb bum", "-s", "incontinence")
    [box] = _boxes(html)  # one box for both red flags
    assert box.count("RED FLAG") == 1
    assert f"<h2>{words.URGENT}</h2>" in box
    assert "Numbness in the saddle area" in box and "Loss of bladder or bowel control" in box
    assert html.count('class="alert"') == 1 and "style=" not in box


def test_red_flags_answered_not_sure_share_one_box(index: CatalogIndex) -> None:
    from glutealtp.output.handout import Asked, handout
    from glutealtp.ranking.rank import make_query, rank

    ranking = rank(index, make_query(index, ["buttock"], []))
    unsure = ("saddle-numbness", "progressive-leg-weakness")
    page = handout(index, ranking, Asked(("buttock",), unsure_red_flags=unsure), None)
    [box] = _boxes(page)
    assert box.count("RED FLAG") == 1 and f"<h2>{words.URGENT_UNSURE}</h2>" in box
    assert "Numbness in the saddle area" in box and "Leg weakness that is getting worse" in box
    assert box.count(words.UNSURE_RED_FLAG) == 1
    assert "Where the trigger points are is not given here" in page


def _key(html: str) -> list[str]:
    key = re.search(r'<div class="key">(.*?)</div>', html, flags=re.S)
    assert key is not None
    return [unescape(k) for k in re.findall(r"</svg>([^<]+)</span>", key.group(1))]


def test_the_map_key_lists_only_what_the_map_draws(invoke: Invoke, tmp_path: Path) -> None:
    drawn = _key(_page(invoke, tmp_path, "-r", "buttock", "-r", "hip"))
    assert drawn == ["Essential zone", "Spillover zone", "Reported pain", "Trigger point"]
    deep = _key(_page(invoke, tmp_path, "-r", "inside pelvis", "--force"))
    assert "Inside the body" in deep  # adductor magnus: a main zone inside the pelvis
    withheld = _key(_page(invoke, tmp_path, "-r", "buttock", "-s", "numb bum", "--force"))
    assert "Trigger point" not in withheld  # none drawn after a red flag


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


# --- the handout as Chromium prints it ----------------------------------------------------


class Word(NamedTuple):
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


class Printed(NamedTuple):
    """The five-muscle handout printed on A4: each page's picture, size and words."""

    pages: list[Image.Image]
    size: tuple[float, float]
    words: list[Word]


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout


def _words(pdf: Path) -> tuple[tuple[float, float], list[Word]]:
    """Each word of the PDF with its box in points (`pdftotext -bbox`)."""
    xhtml = _run("pdftotext", "-bbox", str(pdf), "-")
    size = (0.0, 0.0)
    found: list[Word] = []
    for n, page in enumerate(xhtml.split("<page ")[1:]):
        width, height = re.findall(r'(?:width|height)="([\d.]+)"', page)[:2]
        size = (float(width), float(height))
        for box in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
            page,
        ):
            x0, y0, x1, y1 = (float(v) for v in box[:4])
            found.append(Word(n, x0, y0, x1, y1, unescape(box[4])))
    return size, found


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    """`which -r buttock -r hip -o handout.html` printed once on A4 and read back."""
    if CHROMIUM is None or not POPPLER:
        pytest.skip(
            "headless Chromium or poppler is not installed "
            "(`apt-get install chromium poppler-utils`)"
        )
    folder = tmp_path_factory.mktemp("printed")
    page = folder / "handout.html"
    result = CliRunner().invoke(app, ["which", "-r", "buttock", "-r", "hip", "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    a4 = folder / "a4.html"  # the handout leaves the paper to the printer; here it is A4
    a4.write_text(html.replace("</style>", "@page { size: A4; }</style>", 1), encoding="utf-8")
    pdf = folder / "handout.pdf"
    print_to_pdf(a4, pdf)
    _run("pdftoppm", "-r", "60", "-png", str(pdf), str(folder / "page"))
    pages = []
    for png in sorted(folder.glob("page-*.png")):
        with Image.open(png) as image:
            pages.append(image.convert("RGB"))
    size, found = _words(pdf)
    return Printed(pages, size, found)


def test_five_muscles_print_on_two_a4_pages(printed: Printed) -> None:
    assert len(printed.pages) <= 2, f"{len(printed.pages)} pages"
    width, height = printed.size
    assert round(width) == 595 and round(height) == 842  # A4 in points
    for n in range(len(printed.pages) - 1):  # no page but the last left half empty
        bottom = max(w.y1 for w in printed.words if w.page == n)
        assert bottom > 0.8 * height, f"page {n + 1} ends at {bottom / height:.0%}"
    text = " ".join(w.text for w in printed.words)
    assert "Sources" in text and "It is not a diagnosis" in text  # nothing left off
    assert "Would help to tell them apart" in text


def _colours(image: Image.Image) -> list[tuple[int, tuple[int, ...]]]:
    """Each colour of an RGB page with the number of its pixels."""
    found = image.getcolors(maxcolors=1 << 20) or []
    return [(count, rgb) for count, rgb in found if isinstance(rgb, tuple)]


def test_the_map_prints_in_colour(printed: Printed) -> None:
    red = tuple(int(ESSENTIAL[i : i + 2], 16) for i in (1, 3, 5))

    def essential(image: Image.Image) -> int:
        return sum(
            count
            for count, rgb in _colours(image)
            if all(abs(a - b) <= 16 for a, b in zip(rgb, red, strict=True))
        )

    assert max(essential(p) for p in printed.pages) > 200, "no essential zone on the paper"
    for image in printed.pages:
        dark = sum(count for count, rgb in _colours(image) if sum(rgb) < 384)
        assert dark > image.width * image.height // 100, "a page looks blank"


KEY_WORDS = ("Essential", "Spillover", "Reported", "Back", "Front", "Left", "Right")
"""Words of the map's key, its view captions and its side labels (drawn in the SVG)."""
EIGHT_POINT = 8 * 1.1
"""The height of a word's box (ascent to descent) at 8 pt: about 1.1 to 1.2 em."""


def test_the_map_key_and_notes_print_at_8pt_or_more(printed: Printed) -> None:
    seen = {w.text for w in printed.words}
    assert set(KEY_WORDS) <= seen
    assert "map:" in seen  # the notes: "Trigger points on the map: ..."
    small = sorted(
        {
            (w.text, round(w.y1 - w.y0, 1))
            for w in printed.words
            if w.text in KEY_WORDS and w.y1 - w.y0 < EIGHT_POINT
        }
    )
    assert small == []
    tiny = [w for w in printed.words if w.y1 - w.y0 < EIGHT_POINT]
    assert tiny == [], "text under 8 pt on the page"


def test_nothing_is_cut_or_overlaps(printed: Printed) -> None:
    width, height = printed.size
    outside = [w for w in printed.words if w.x0 < 0 or w.y0 < 0 or w.x1 > width or w.y1 > height]
    assert outside == []
    overlaps = []
    for n in range(len(printed.pages)):
        page = sorted((w for w in printed.words if w.page == n), key=lambda w: w.y0)
        for i, a in enumerate(page):
            for b in page[i + 1 :]:
                if b.y0 >= a.y1 - 1:
                    break
                if b.text == a.text and abs(b.x0 - a.x0) < 1:
                    continue  # a number drawn twice, over its white halo
                if b.x0 < a.x1 - 1 and a.x0 < b.x1 - 1:
                    overlaps.append((a.text, b.text))
    assert overlaps == []


def test_the_docs_show_the_handout() -> None:
    from .helpers import ROOT

    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    assert any("img/handout.png)" in d.read_text(encoding="utf-8") for d in docs)
    with Image.open(ROOT / "docs/img/handout.png") as png:
        assert png.width >= 900


def test_the_handout_carries_the_next_questions(index: CatalogIndex) -> None:
    from glutealtp.output.handout import Asked, handout
    from glutealtp.ranking.rank import make_query, rank
    from glutealtp.ranking.results import NextQuestion

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
