"""SVG to PNG through cairosvg (the optional `png` extra), imported only when asked for."""

from __future__ import annotations

import re

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
    except (ImportError, OSError) as exc:
        raise PngUnavailable(
            "PNG output needs cairosvg and the cairo library "
            f"(pip install 'glutealtp[png]'; apt-get install libcairo2): {exc}"
        ) from None
    try:
        png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=fit)
    except (CairoError, MemoryError) as exc:
        raise PngError(f"cairo could not draw the PNG ({exc}); write it as .svg instead") from None
    assert isinstance(png, bytes)
    return png
