"""SVG to PNG through cairosvg (the optional `png` extra), imported only when asked for."""

from __future__ import annotations

import re
import sys
from pathlib import Path

MAX_SIDE = 32_000
"""The most pixels a PNG may have on a side: cairo refuses a surface over 32,767."""
MIN_SCALE = 1.0
"""Below this a tall picture is not drawn smaller (its text would be unreadable)."""

_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([0-9.]+)"[^>]*?\bheight="([0-9.]+)"')


class PngError(Exception):
    """A PNG cannot be made; the message says why, in one line."""


class PngUnavailable(PngError):
    """PNG output needs cairosvg and the cairo library; the message says how to get them."""


class PngTooLarge(PngError):
    """The picture is too tall (or wide) for a PNG even at its own size."""


def install_hint(prefix: str | None = None, package: str | None = None) -> str:
    """How to add the png extra to glutealtp as it is installed here: in uv's tool
    environment (`uv tool install`), in a clone's environment (`uv run`), or with pip."""
    where = (prefix or sys.prefix).replace("\\", "/")
    source = Path(package or __file__).resolve()
    if "/uv/tools/" in where or where.endswith("/uv/tools"):
        return (
            "uv tool install --force 'glutealtp[png]' (from a clone of glutealtp: "
            "uv tool install --force '.[png]')"
        )
    clone = source.parents[3] if len(source.parents) > 3 else None
    if "site-packages" not in source.parts and clone and (clone / "pyproject.toml").exists():
        return "uv sync --extra png (in the clone), or pip install '.[png]'"
    return "pip install 'glutealtp[png]' (from a clone of glutealtp: pip install '.[png]')"


def png_scale(svg: str, scale: float = 2.0) -> float:
    """The scale to draw the SVG at: `scale`, or less so that the PNG fits cairo's limit."""
    size = _SIZE.search(svg)
    if size is None:
        return scale
    width, height = float(size.group(1)), float(size.group(2))
    fit = min(scale, MAX_SIDE / max(width, 1.0), MAX_SIDE / max(height, 1.0))
    if fit < min(scale, MIN_SCALE):
        raise PngTooLarge(
            f"the picture is {height:,.0f} pixels tall, too tall for a PNG "
            f"(at most {MAX_SIDE:,} a side); write it as .svg instead"
        )
    return fit


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """Render an SVG document to PNG bytes, `scale` times its size (2 suits print), or as
    large as fits when the picture is tall (a dataset with long notes)."""
    fit = png_scale(svg, scale)
    try:
        import cairosvg  # type: ignore[import-untyped]
        from cairocffi import CairoError  # type: ignore[import-untyped]
    except ImportError:
        raise PngUnavailable(
            f"PNG output needs the png extra (cairosvg): {install_hint()}; or write .svg"
        ) from None
    except OSError as exc:
        raise PngUnavailable(
            "PNG output needs the cairo library (apt-get install libcairo2, or brew install "
            f"cairo); or write .svg ({exc})"
        ) from None
    try:
        png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=fit)
    except (CairoError, MemoryError) as exc:
        raise PngError(f"cairo could not draw the PNG ({exc}); write it as .svg instead") from None
    assert isinstance(png, bytes)
    return png
