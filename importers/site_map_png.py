"""The schematic site map of a specialty as a PNG picture, for documents that cannot hold SVG (Word).

Drawn with Pillow: Word needs a raster picture, and Pillow draws a few circles and names in
milliseconds without the weight of a plotting library. The layout follows the web page's SVG map
(web/charts.site_map): sites placed by latitude and longitude, longitude scaled by the cosine of
the mean latitude, the specialty's own sites filled, acute hospitals larger.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.geo import Frame, project

# Pillow is imported when a map is drawn (a Word document with sites), not when a server starts.
if TYPE_CHECKING:
    from PIL import ImageFont

_BLUE = (11, 92, 142)
_SEA = (238, 244, 248)
_EDGE = (213, 219, 224)


@dataclass(frozen=True)
class PlacedSite:
    """A site to draw: its name, coordinates, whether it is an acute hospital or the specialty's own, figure lines."""

    name: str
    lat: float
    lon: float
    acute: bool = False
    own: bool = False
    lines: list[str] = field(default_factory=list)


#: Fonts tried in turn (Debian's fonts-dejavu, then Liberation); Pillow's own font lacks æ, ø and å.
_FONTS = ("DejaVuSans{}.ttf", "LiberationSans{}.ttf")


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    from PIL import ImageFont

    for name in _FONTS:
        try:
            return ImageFont.truetype(name.format("-Bold" if bold else ""), size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def site_map_png(sites: list[PlacedSite], width: int = 1240, height: int = 840) -> bytes | None:
    """Return the map as PNG bytes (drawn at twice the printed size, so it stays sharp); None without sites.

    >>> png = site_map_png([PlacedSite("Holbæk", 55.71, 11.71, acute=True, own=True, lines=["Speciallæger: 4"])])
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> site_map_png([]) is None
    True
    """
    if not sites:
        return None
    from PIL import Image, ImageDraw

    positions = project([(s.lat, s.lon) for s in sites], Frame(width, height, 220, 70, 150))
    image = Image.new("RGB", (width, height), _SEA)
    draw = ImageDraw.Draw(image)
    draw.rectangle((1, 1, width - 2, height - 2), outline=_EDGE, width=3)
    name_font, line_font = _font(28, bold=True), _font(22)
    for site, (x, y) in zip(sites, positions, strict=True):
        r = 18 if site.acute else 12
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_BLUE if site.own else (255, 255, 255), outline=_BLUE, width=4)
        if not site.own:
            # Other sites of the region are context: a small grey name beside them, out of the way.
            draw.text((x + r + 8, y), site.name, fill=(110, 110, 110), font=line_font, anchor="lm")
            continue
        draw.text((x, y - r - 8), site.name, fill=(0, 0, 0), font=name_font, anchor="md")
        for i, line in enumerate(site.lines):
            draw.text((x, y + r + 10 + 28 * i), line, fill=(0, 0, 0), font=line_font, anchor="ma")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
