"""What a body map holds: the records a picture is made of, shared by the code that works
a picture out (`picture`, `notes`) and the renderers (terminal, SVG, PNG)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import NamedTuple

from glutealtp.bodymap.geometry import SHAPES, Side, View


class Shade(IntEnum):
    """How strongly a region is shaded; higher wins where two facts meet."""

    none = 0
    spillover = 1
    essential = 2


class RegionShade(NamedTuple):
    """A region's shade and the trigger points behind it (`inherited_from` a wider region)."""

    shade: Shade
    trigger_points: tuple[str, ...]
    inherited_from: str | None = None


class PlacedMarker(NamedTuple):
    """A trigger point as drawn: its number on this map, its name and its place."""

    id: str
    number: int
    name: str
    location: str
    view: View
    x: float
    y: float
    refers: str = ""
    """Its zones in words: "Essential zone: Hip. Spillover zone: Buttock."."""
    schematic: bool = False
    """The sources do not place it (or it stands for a group): a drawing position only."""


class Picture(NamedTuple):
    """One body map: a muscle's pattern, the reported regions, or both (or neither)."""

    alerts: tuple[str, ...]
    """Red-flag warnings, shown first: seek urgent care."""
    title: str
    subtitle: str
    muscle: str | None
    muscle_name: str | None
    shading: Mapping[str, RegionShade]
    markers: tuple[PlacedMarker, ...]
    reported: frozenset[str]
    region_names: Mapping[str, str]
    numbers: Mapping[str, int]
    sources: tuple[str, ...]
    notes: tuple[str, ...]
    disclaimer: str
    side: Side | None
    """The side the pain is on: the pattern is drawn there only. None: both sides."""
    parts: Mapping[str, frozenset[str]]
    """Region -> the regions inside it (itself left out), for outlining a wider region."""

    def shade(self, region: str) -> Shade:
        entry = self.shading.get(region)
        return entry.shade if entry else Shade.none

    def shade_on(self, region: str, side: Side | None) -> Shade:
        """The shade of a region's outline on one side of the body (None: on the midline)."""
        return self.shade(region) if self.shows(side) else Shade.none

    def shows(self, side: Side | None) -> bool:
        """Whether the pattern and the report are drawn on this side (None: the midline)."""
        return side is None or self.side is None or side == self.side

    def shaded(self, shade: Shade) -> list[str]:
        """The names of the regions with this shade, in catalog order; a part of a region
        of the same shade goes without saying ("Hip", not "Hip, Side of the hip, ...")."""
        regions = [r for r in self.region_names if self.shade(r) is shade]
        inside = {part for r in regions for part in self.parts.get(r, ())}
        return [self.region_names[r] for r in regions if r not in inside]

    def outlined(self, view: View) -> list[str]:
        """The regions whose outlines mark the reported pain in a view: each reported region
        drawn there, or else its widest parts that are (the back of the knee, for the knee)."""
        out: list[str] = []
        for region in sorted(self.reported):
            if _drawn_in(region, view):
                out.append(region)
                continue
            inner = [r for r in sorted(self.parts.get(region, ())) if _drawn_in(r, view)]
            out += [r for r in inner if not any(r in self.parts.get(o, ()) for o in inner)]
        return list(dict.fromkeys(out))


def _drawn_in(region: str, view: View) -> bool:
    return any(s.view == view for s in SHAPES.get(region, ()))
