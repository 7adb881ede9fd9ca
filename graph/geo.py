"""Placing sites on a flat picture by latitude and longitude: the one projection of every map.

Longitude is scaled by the cosine of the mean latitude, so that distances look right at Danish
latitudes, and the sites are fitted into the picture's frame with the same scale on both axes.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Frame:
    """A picture's size and the free margins that names and figure lines need around the sites."""

    width: float
    height: float
    margin_x: float
    margin_top: float
    margin_bottom: float


def project(points: Sequence[tuple[float, float]], frame: Frame) -> list[tuple[float, float]]:
    """Return the picture position ``(x, y)`` of each ``(lat, lon)``, in the order given.

    The points' middle is the frame's middle; north is up. One point lands in the middle.

    >>> frame = Frame(600, 400, 100, 30, 70)
    >>> [(round(x), round(y)) for x, y in project([(55.0, 11.0), (56.0, 12.0)], frame)]
    [(215, 330), (385, 30)]
    >>> project([(55.7, 11.7)], frame)
    [(300.0, 180.0)]
    """
    if not points:
        return []
    scale_lon = math.cos(math.radians(sum(lat for lat, _ in points) / len(points)))
    xs = [lon * scale_lon for _, lon in points]
    ys = [lat for lat, _ in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-6)
    usable = min(frame.width - 2 * frame.margin_x, frame.height - frame.margin_top - frame.margin_bottom)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    middle_y = frame.margin_top + (frame.height - frame.margin_top - frame.margin_bottom) / 2
    return [(frame.width / 2 + (x - mid_x) / span * usable, middle_y - (y - mid_y) / span * usable) for x, y in zip(xs, ys, strict=True)]
