"""SVG to PNG through cairosvg (the optional `png` extra), imported only when asked for."""

from __future__ import annotations


class PngUnavailable(Exception):
    """PNG output needs cairosvg and the cairo library; the message says how to get them."""


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    """Render an SVG document to PNG bytes, `scale` times its size (2 suits print)."""
    try:
        import cairosvg  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:
        raise PngUnavailable(
            "PNG output needs cairosvg and the cairo library "
            f"(pip install 'glutealtp[png]'; apt-get install libcairo2): {exc}"
        ) from None
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
    assert isinstance(png, bytes)
    return png
