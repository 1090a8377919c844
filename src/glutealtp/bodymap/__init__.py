"""Body-map pictures of referral patterns: one schematic, drawn in a terminal or as SVG/PNG.

- `geometry`: the outlines and region shapes (keyed by region id); trigger-point markers
  come from the data (`marker`);
- `picture`: what a map shows, from the catalog (pure);
- `raster` and `terminal`: the character-grid picture and its rich rendering;
- `svg`, `png` and `output`: the standalone picture files.
"""
