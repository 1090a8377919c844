"""The SVG map: structure, accessibility, escaping, and a real rendering checked pixel by pixel."""

from __future__ import annotations

import copy
import importlib.util
import io
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from glutealtp.bodymap import figures as fig
from glutealtp.bodymap import geometry as geo
from glutealtp.bodymap import svg as svgmod
from glutealtp.bodymap.picture import Picture, Shade, muscle_picture, ranking_picture
from glutealtp.bodymap.png import svg_to_png
from glutealtp.catalog import CatalogIndex
from glutealtp.ranking.rank import make_query, rank

from .conftest import Invoke
from .helpers import ROOT, index_of, raw_muscle, write_dataset

NS = {"s": "http://www.w3.org/2000/svg"}
MUSCLES = [
    "quadratus-lumborum",
    "gluteus-maximus",
    "gluteus-medius",
    "gluteus-minimus",
    "piriformis",
    # Between them the rest of the regions: flank and abdomen, the thigh's parts, knee and
    # calf, the pelvic floor, and inside the pelvis.
    "iliopsoas",
    "iliocostalis-thoracis",
    "vastus-lateralis",
    "adductor-magnus",
    "levator-ani",
    "semitendinosus-semimembranosus",
    "external-oblique",
    "soleus",
]
SIDED = [("quadratus-lumborum", "left"), ("piriformis", "right"), ("adductor-magnus", "left")]
RGB = tuple[float, float, float]


def _hex(colour: str) -> RGB:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def _mix(a: RGB, b: RGB, share_b: float) -> RGB:
    return (
        a[0] * (1 - share_b) + b[0] * share_b,
        a[1] * (1 - share_b) + b[1] * share_b,
        a[2] * (1 - share_b) + b[2] * share_b,
    )


# What each shade looks like on the page: the stipple averages to pink with red dots.
EXPECTED: dict[Shade, RGB] = {
    Shade.none: _hex(fig.REGION_FILL),
    Shade.essential: _hex(fig.ESSENTIAL),
    Shade.spillover: _mix(_hex(fig.SPILLOVER_BASE), _hex(fig.ESSENTIAL), 0.17),
}


def _parse(text: str) -> ET.Element:
    return ET.fromstring(text.split("\n", 1)[1])


def _parse_plain(text: str) -> ET.Element:
    return ET.fromstring(text)


def _render(picture: Picture) -> tuple[ET.Element, Image.Image]:
    text = svgmod.render_svg(picture)
    return _parse(text), Image.open(io.BytesIO(svg_to_png(text, scale=1.0))).convert("RGB")


def _top(root: ET.Element) -> float:
    figures = root.find(".//s:g[@id='figures']", NS)
    assert figures is not None
    return float(figures.attrib["data-top"])


def _pixel(image: Image.Image, x: float, y: float) -> tuple[int, int, int]:
    """The colour of the pixel that holds page point (x, y)."""
    p = image.getpixel((math.floor(x), math.floor(y)))
    assert isinstance(p, tuple)
    return (int(p[0]), int(p[1]), int(p[2]))


def _mean(image: Image.Image, x: float, y: float, radius: int = 4) -> RGB:
    px = [
        _pixel(image, x + dx, y + dy)
        for dx in range(-radius, radius + 1)
        for dy in range(-radius, radius + 1)
    ]
    n = len(px)
    return (sum(p[0] for p in px) / n, sum(p[1] for p in px) / n, sum(p[2] for p in px) / n)


def _blue(image: Image.Image, x: float, y: float) -> bool:
    """Whether the pixel is the reported outline's blue."""
    r, _, b = _pixel(image, x, y)
    return b > 150 and r < 120


def _nearest(colour: RGB) -> tuple[Shade, float]:
    def dist(a: RGB, b: RGB) -> float:
        return float(sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5)

    shade = min(EXPECTED, key=lambda s: dist(colour, EXPECTED[s]))
    return shade, dist(colour, EXPECTED[shade])


@pytest.fixture(scope="module")
def rendered(index: CatalogIndex) -> dict[str, tuple[Picture, ET.Element, Image.Image]]:
    out = {}
    for muscle in MUSCLES:
        picture = muscle_picture(index, muscle)
        out[muscle] = (picture, *_render(picture))
    for muscle, side in SIDED:
        picture = muscle_picture(index, muscle, side=side)  # type: ignore[arg-type]
        out[f"{muscle} {side}"] = (picture, *_render(picture))
    return out


def _shape_at(region: str, view: geo.View, x: float, y: float) -> geo.Shape:
    return next(s for s in geo.SHAPES[region] if s.view == view and geo.contains(s.points, x, y))


def _surface_at(view: geo.View, x: float, y: float) -> tuple[str, geo.Shape]:
    """The region on the surface at a point: the top one, a region inside the body left out."""
    found = [
        (r, s)
        for r, shapes in geo.SHAPES.items()
        if r not in geo.DEEP
        for s in shapes
        if s.view == view and geo.contains(s.points, x, y)
    ]
    return found[-1]


def expected_colour(picture: Picture, region: str, view: geo.View, x: float, y: float) -> RGB:
    """What the page shows at a point of a region: its shade on its side; for a region inside
    the body, the surface in front of it, hatched over when the deep region is shaded."""
    shape = _shape_at(region, view, x, y)
    if region not in geo.DEEP:
        return EXPECTED[picture.shade_on(region, shape.side)]
    surface, front = _surface_at(view, x, y)
    under = EXPECTED[picture.shade_on(surface, front.side)]
    shade = picture.shade_on(region, shape.side)
    if shade is Shade.none:
        return under
    return _mix(under, _hex(fig.HATCH_COLOUR[shade]), fig.HATCH_SHARE[shade])


def _covered(picture: Picture, root: ET.Element, view: geo.View, x: float, y: float) -> bool:
    """Whether a trigger-point marker of the picture, or its number, covers the point."""
    if any(m.view == view and math.hypot(m.x - x, m.y - y) < 11 for m in picture.markers):
        return True
    px, py = fig.to_page(view, _top(root), x, y)
    for label in root.findall(".//s:g[@class]/s:text", NS):
        lx, ly = float(label.attrib["x"]), float(label.attrib["y"])
        width = 8.0 * len(label.text or "")
        x0 = {"start": lx, "end": lx - width, "middle": lx - width / 2}[label.attrib["text-anchor"]]
        if x0 - 6 <= px <= x0 + width + 6 and ly - 15 <= py <= ly + 6:
            return True
    return False


# --- the pixels -----------------------------------------------------------------------


@pytest.mark.parametrize("key", [*MUSCLES, *(f"{m} {side}" for m, side in SIDED)])
def test_each_region_is_painted_with_its_shading(
    rendered: dict[str, tuple[Picture, ET.Element, Image.Image]], key: str
) -> None:
    """At every region's anchor and at its mirror image across the midline (the other side,
    blank on a one-sided map), the page shows the region's shade."""
    picture, root, image = rendered[key]
    top = _top(root)
    checked = skipped = 0
    for region, anchors in geo.ANCHORS.items():
        for view, (ax, ay) in anchors.items():
            for x in {ax, geo.VIEW_WIDTH - ax}:
                if _covered(picture, root, view, x, ay):
                    skipped += 1
                    continue
                want = expected_colour(picture, region, view, x, ay)
                colour = _mean(image, *fig.to_page(view, top, x, ay))
                assert math.dist(colour, want) < 40, (region, view, x, colour, want)
                checked += 1
    assert checked > 50 and skipped <= 2 * len(picture.markers)


def test_the_shading_differs_between_muscles_on_the_page(
    rendered: dict[str, tuple[Picture, ET.Element, Image.Image]],
) -> None:
    """A drawing that ignored the muscle would paint every map alike."""
    seen = set()
    for key in MUSCLES:
        _, root, image = rendered[key]
        top = _top(root)
        seen.add(
            tuple(
                _nearest(_mean(image, *fig.to_page(v, top, *p)))[0]
                for anchors in geo.ANCHORS.values()
                for v, p in anchors.items()
            )
        )
    assert len(seen) == len(MUSCLES)


def test_trigger_points_are_marked_where_placed(
    rendered: dict[str, tuple[Picture, ET.Element, Image.Image]],
) -> None:
    for picture, root, image in rendered.values():
        top = _top(root)
        for m in picture.markers:
            ring = root.find(f".//s:g[@id='tp-{m.id}']/s:circle", NS)
            assert ring is not None
            assert ("stroke-dasharray" in ring.attrib) == m.schematic, m.id
            x, y = fig.to_page(m.view, top, m.x, m.y)
            centre = _mean(image, x, y, radius=1)
            assert max(centre) < 90, (m.id, centre)  # the black cross
            for dx, dy in ((3.2, 0), (-3.2, 0), (0, 3.2), (0, -3.2)):
                disc = _mean(image, x + dx, y + dy, radius=0)
                assert min(disc) > 180, (m.id, disc)  # the white disc between the arms


def test_reported_regions_are_outlined_in_blue(index: CatalogIndex) -> None:
    ranking = rank(index, make_query(index, ["groin", "sacrum", "hip"]))
    picture = ranking_picture(index, ranking)
    root, image = _render(picture)
    top = _top(root)
    hip_share = 0.0
    for region in ("groin", "sacrum", "hip"):
        points = [fig.to_page(s.view, top, x, y) for s in geo.SHAPES[region] for x, y in s.points]
        on_line = sum(1 for x, y in points if _blue(image, x, y))
        assert on_line / len(points) > 0.4, region
        if region == "hip":
            hip_share = on_line / len(points)
    for region in ("genitals", "back-of-leg", "low-back"):
        points = [fig.to_page(s.view, top, *p) for s in geo.SHAPES[region] for p in s.points]
        blue_points = sum(1 for x, y in points if _blue(image, x, y))
        assert blue_points / len(points) < hip_share / 4, region


# --- the document -----------------------------------------------------------------------


@pytest.mark.parametrize("muscle", MUSCLES)
def test_every_region_is_one_path_with_title_and_desc(
    rendered: dict[str, tuple[Picture, ET.Element, Image.Image]],
    index: CatalogIndex,
    muscle: str,
) -> None:
    picture, root, _ = rendered[muscle]
    ids = [el.attrib["id"] for el in root.iter() if "id" in el.attrib]
    assert len(ids) == len(set(ids))
    # Every drawn region; that the schematic draws every catalog region is body map v2's
    # (test_bodymap.test_every_catalog_region_has_a_shape_and_an_anchor).
    for region in (r for r in index.regions.values() if r.id in geo.SHAPES):
        paths = root.findall(f".//s:path[@id='{region.id}']", NS)
        assert len(paths) == 1, region.id
        path = paths[0]
        assert path.findtext("s:title", namespaces=NS) == region.name
        desc = path.findtext("s:desc", namespaces=NS) or ""
        assert desc
        assert path.attrib["data-shade"] == picture.shade(region.id).name
        if picture.shade(region.id) is not Shade.none:
            assert picture.shading[region.id].trigger_points[0] in desc
        subpaths = path.attrib["d"].count("M")
        assert subpaths == len(geo.SHAPES[region.id])


def test_the_document_has_a_title_desc_legend_muscle_and_source(
    rendered: dict[str, tuple[Picture, ET.Element, Image.Image]],
) -> None:
    _, root, _ = rendered["piriformis"]
    assert root.attrib["role"] == "img"
    assert (root.findtext("s:title", namespaces=NS) or "").startswith("Piriformis")
    desc = root.findtext("s:desc", namespaces=NS) or ""
    # The side, front and back of the hip lie inside the hip, whose zone is essential: the
    # hip names them all (its parts are shaded, and never listed against its own legend).
    assert (
        "Essential referral zones: Buttock, Sacroiliac (SI) joint, Hip. Spillover referral "
        "zones: Back of the thigh."
    ) in desc
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for label in ("Essential zone", "Spillover zone", "Trigger point", "Inside the body"):
        assert label in texts
    assert "Reported pain" not in texts  # nothing was reported: no key for it
    assert "Piriformis" in texts
    assert any(t.startswith("Source: Gluteal or Buttock Pain Trigger Points") for t in texts)
    markers = root.findall(".//s:g[@class='trigger-point']", NS)
    assert [m.attrib["id"] for m in markers] == ["tp-piriformis-lateral", "tp-piriformis-medial"]
    for marker in markers:
        assert (marker.findtext("s:title", namespaces=NS) or "").startswith("Trigger point ")


def test_a_user_datasets_trigger_point_is_drawn_where_its_marker_says(
    raw_copy: dict[str, Any], invoke: Invoke, tmp_path: Path
) -> None:
    """Markers come from the data: a trigger point the bundled catalog lacks is drawn too."""
    muscle = raw_muscle(raw_copy, "piriformis")
    extra = copy.deepcopy(muscle["trigger_points"][0])
    extra.update(
        id="piriformis-extra", name="Extra point", marker={"view": "front", "x": 0.3, "y": 0.5}
    )
    muscle["trigger_points"].append(extra)
    muscle["max_trigger_points"] = len(muscle["trigger_points"])
    data = write_dataset(tmp_path, raw_copy, "mine.json")
    out = tmp_path / "mine.svg"
    result = invoke("map", "piriformis", "--data", data, "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, f"Saved: {out}\n")
    root = _parse(out.read_text(encoding="utf-8"))
    group = root.find(".//s:g[@id='tp-piriformis-extra']", NS)
    assert group is not None
    assert group.findtext("s:title", namespaces=NS) == "Trigger point 3: Extra point"
    circle = group.find("s:circle", NS)
    assert circle is not None
    figures = root.find(".//s:g[@id='figures']", NS)
    assert figures is not None
    top = float(figures.attrib["data-top"])
    expected = fig.to_page("anterior", top, 0.3 * geo.VIEW_WIDTH, 0.5 * geo.MARKER_HEIGHT)
    got = (float(circle.attrib["cx"]), float(circle.attrib["cy"]))
    assert math.dist(got, expected) < 0.1


def test_text_from_the_data_is_escaped(raw_copy: dict[str, Any]) -> None:
    evil = "<script>alert(1)</script> & \"quoted\" 'too'"
    raw_copy["muscles"][0]["name"] = evil
    raw_copy["regions"][1]["name"] = "Buttock <b>&amp;</b>"
    raw_copy["sources"][0]["title"] = 'Dr. "Perry" & <co>'
    index = index_of(raw_copy)
    text = svgmod.render_svg(muscle_picture(index, raw_copy["muscles"][0]["id"], ["buttock"]))
    assert "<script>" not in text and "<b>" not in text and "<co>" not in text
    root = _parse(text)
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert evil in " ".join(texts)  # the title, wrapped over lines, whole
    assert root.findtext(".//s:path[@id='buttock']/s:title", namespaces=NS) == (
        "Buttock <b>&amp;</b>"
    )
    assert any('Dr. "Perry" & <co>' in t for t in texts)


def test_control_characters_in_the_data_are_dropped(raw_copy: dict[str, Any]) -> None:
    raw_copy["muscles"][0]["name"] = "Bad\x1b[31m\x07name"
    text = svgmod.render_svg(muscle_picture(index_of(raw_copy), raw_copy["muscles"][0]["id"]))
    assert "\x1b" not in text and "\x07" not in text
    _parse(text)


# --- the README's pictures ------------------------------------------------------------------


def test_the_usage_pictures_exist_and_say_how_to_regenerate() -> None:
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    pictures = re.findall(r"\]\((img/[^)]+)\)", usage)
    assert {
        "img/piriformis-map.png",
        "img/groin-left-map.png",
        "img/which-map-terminal.svg",
    } <= set(pictures)
    for rel in pictures:
        assert (ROOT / "docs" / rel).is_file(), rel
    assert "uv run python docs/make_images.py" in usage
    with Image.open(ROOT / "docs/img/piriformis-map.png") as png:
        assert png.width >= 1000


@pytest.mark.slow
def test_the_image_script_makes_every_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("make_images", ROOT / "docs" / "make_images.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "IMG", tmp_path)
    script.main()
    for name in ("piriformis-map.png", "groin-left-map.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
    terminal = _parse_plain((tmp_path / "which-map-terminal.svg").read_text(encoding="utf-8"))
    shown = " ".join(t.text or "" for t in terminal.iter("{http://www.w3.org/2000/svg}text"))
    assert "Best" in shown and "Piriformis" in shown


# --- one side, red flags, inside the body ------------------------------------------------------


def test_a_one_sided_svg_keeps_the_other_side_as_its_own_unshaded_path(index: CatalogIndex) -> None:
    picture = muscle_picture(index, "quadratus-lumborum", side="left")
    root = _parse(svgmod.render_svg(picture))
    for region, shapes in geo.SHAPES.items():
        main = root.findall(f".//s:path[@id='{region}']", NS)
        other = root.findall(f".//s:path[@id='{region}-other-side']", NS)
        sides = {s.side for s in shapes}
        assert len(main) == 1, region
        assert len(other) == (1 if sides == {"left", "right"} else 0), region
        shown = [s for s in shapes if s.side in (None, "left")]
        assert main[0].attrib["d"].count("M") == len(shown), region
        assert main[0].attrib["data-shade"] == picture.shade(region).name
        if other:
            assert other[0].attrib["data-shade"] == "none"
            assert "other-side" in other[0].attrib["class"]
    title = root.findtext("s:title", namespaces=NS) or ""
    assert title.startswith("Quadratus lumborum, left side")


@pytest.mark.parametrize(
    ("regions", "symptoms"), [(["buttock"], ["saddle numbness"]), ([], ["incontinence"])]
)
def test_a_red_flag_is_the_first_thing_on_the_picture(
    index: CatalogIndex, regions: list[str], symptoms: list[str]
) -> None:
    """New-user finding 13: the handout carries the urgent-care warning, first, in red."""
    ranking = rank(index, make_query(index, regions, symptoms))
    picture = ranking_picture(index, ranking)
    root, image = _render(picture)
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts[0] == "RED FLAG: seek urgent care first"  # one title in every medium
    assert not texts[1].startswith("RED FLAG")  # and "RED FLAG" once per box
    # The buttock's leaders fit about equally well, so the title names a group.
    assert picture.title == (
        "Gluteus maximus, one of 6 that fit about equally well"
        if regions
        else "No muscle in the catalog explains this pain"
    )
    first_title_line = picture.title.split(" equally")[0]
    end = next(i for i, t in enumerate(texts) if t and first_title_line.startswith(t))
    warning = " ".join(texts[1:end])
    assert [w.message for w in ranking.warnings if w.kind == "red-flag"] == ["RED FLAG: " + warning]
    assert "Seek urgent medical care now" in warning
    box = root.find(".//s:g[@id='red-flags']/s:rect", NS)
    assert box is not None and box.attrib["stroke"] == fig.ALERT
    x, y = float(box.attrib["x"]) + 3, float(box.attrib["y"]) + 3
    assert math.dist(_mean(image, x, y, radius=1), _hex(fig.ALERT_FILL)) < 12
    assert _pixel(image, float(box.attrib["x"]), y + 20)[0] > 150  # the red border
    subtitle = " ".join(texts)
    assert "Red flag reported: " in subtitle


def test_a_region_inside_the_body_is_dashed_and_lets_the_surface_through(
    index: CatalogIndex,
) -> None:
    root = _parse(svgmod.render_svg(muscle_picture(index, "piriformis")))
    path = root.find(".//s:path[@id='inside-pelvis']", NS)
    assert path is not None
    assert path.attrib["fill"] == "none" and "stroke-dasharray" in path.attrib
    shaded = _parse(svgmod.render_svg(muscle_picture(index, "adductor-magnus")))
    path = shaded.find(".//s:path[@id='inside-pelvis']", NS)
    assert path is not None and path.attrib["fill"] == "url(#hatch-essential)"
    texts = [t.text or "" for t in shaded.iter("{http://www.w3.org/2000/svg}text")]
    drawn = set(svgmod.legend_entries(muscle_picture(index, "adductor-magnus")))
    assert "Inside the body" in drawn and "Reported pain" not in drawn
    assert drawn <= set(texts) and not (set(svgmod.LEGEND) - drawn) & set(texts)
