"""Writing a body map to a file: the format follows the name (.svg or .png), atomically."""

from __future__ import annotations

from pathlib import Path

from glutealtp.bodymap.picture import Picture
from glutealtp.bodymap.svg import render_svg
from glutealtp.output.files import OutputError, output_suffix, write_atomic

FORMATS = (".svg", ".png")


def picture_bytes(picture: Picture, path: str) -> bytes:
    """The file content for `path`: SVG, or PNG drawn from the same SVG."""
    suffix = output_suffix(path, FORMATS, "picture file")
    svg = render_svg(picture)
    if suffix == ".png":
        from glutealtp.bodymap.png import PngError, svg_to_png

        try:
            return svg_to_png(svg)
        except PngError as exc:
            raise OutputError(f"{path}: {exc}") from None
    return svg.encode("utf-8")


def write_picture(path: str, picture: Picture, *, force: bool = False) -> Path:
    """Write the picture to `path`, refusing to replace a file unless `force` is set."""
    return write_atomic(Path(path), picture_bytes(picture, path), force=force)
