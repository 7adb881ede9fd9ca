"""Server-side pictures as inline SVG: an indicator's readings and a schematic map of sites.

Both return ``markupsafe.Markup`` with every piece of user text escaped, so a template can put
them in a page as they are. No script, no external resource.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from flask import has_request_context
from markupsafe import Markup, escape

from graph import formatting
from graph.geo import Frame, project
from web.i18n import current_language

Number = int | float


def as_number(value: object) -> float | None:
    """Return ``value`` as a float if it is a number (or a numeric string), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def format_number(value: float, lang: str | None = None) -> str:
    """A number as a person reads it in the page's language: no trailing .0, at most two decimals,
    the decimal comma and thousands separator of Danish (graph.formatting)."""
    if lang is None:
        lang = current_language() if has_request_context() else "da"
    return formatting.format_number(value, lang)


def line_chart(
    readings: Sequence[dict],
    baseline: object = None,
    target: object = None,
    unit: str | None = None,
    title: str = "",
    labels: dict[str, str] | None = None,
    width: int = 560,
    height: int = 240,
) -> Markup:
    """Return an SVG line chart of an indicator's numeric readings, with baseline and target as lines.

    ``readings`` are file-format readings (``{"date": "2026-01-01", "value": 72}``); readings whose
    value is not a number are left out. ``labels`` gives the words for "Baseline", "Target" and
    "No numeric readings" in the reader's language. With no numeric reading and no baseline or
    target, the chart says so in a short text instead.
    """
    words = {"baseline": "Baseline", "target": "Target", "empty": "No numeric readings"} | (labels or {})
    points: list[tuple[dt.date, float]] = []
    for reading in readings:
        number = as_number(reading.get("value"))
        try:
            day = dt.date.fromisoformat(str(reading.get("date")))
        except ValueError:
            continue
        if number is not None:
            points.append((day, number))
    points.sort()
    base, goal = as_number(baseline), as_number(target)
    levels = [v for _, v in points] + [v for v in (base, goal) if v is not None]
    if not levels:
        return Markup('<p class="muted chart-empty">{}</p>').format(words["empty"])

    left, right, top, bottom = 48, 90, 16, 34
    low, high = min(levels), max(levels)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.1
    low, high = low - pad, high + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    first = points[0][0] if points else dt.date.min
    span = max((points[-1][0] - first).days, 1) if points else 1

    def x(day: dt.date) -> float:
        if len(points) == 1:
            return left + plot_w / 2
        return left + plot_w * (day - first).days / span

    suffix = f" {unit}" if unit else ""
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#888"/>',
        f'<text x="{left - 6}" y="{y(high - pad) + 4:.1f}" text-anchor="end" font-size="11">{escape(format_number(high - pad))}</text>',
        f'<text x="{left - 6}" y="{y(low + pad) + 4:.1f}" text-anchor="end" font-size="11">{escape(format_number(low + pad))}</text>',
    ]
    for value, word, colour in ((base, words["baseline"], "#8a5a00"), (goal, words["target"], "#1e6b35")):
        if value is None:
            continue
        parts.append(
            f'<line class="level" x1="{left}" y1="{y(value):.1f}" x2="{left + plot_w}" y2="{y(value):.1f}" '
            f'stroke="{colour}" stroke-dasharray="6 4"/>'
            f'<text x="{left + plot_w + 6}" y="{y(value) + 4:.1f}" font-size="11" fill="{colour}">'
            f"{escape(word)} {escape(format_number(value))}{escape(suffix)}</text>"
        )
    if points:
        path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
        parts.append(f'<polyline fill="none" stroke="#0b5c8e" stroke-width="2" points="{path}"/>')
        for day, value in points:
            parts.append(
                f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="4" fill="#0b5c8e">'
                f"<title>{escape(day.isoformat())}: {escape(format_number(value))}{escape(suffix)}</title></circle>"
            )
        parts.append(
            f'<text x="{left}" y="{height - 10}" font-size="11">{escape(points[0][0].isoformat())}</text>'
        )
        if len(points) > 1:
            parts.append(
                f'<text x="{left + plot_w}" y="{height - 10}" font-size="11" text-anchor="end">'
                f"{escape(points[-1][0].isoformat())}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass
class MapSite:
    """A site to draw: id, name, coordinates, whether it is an acute hospital, link and figure lines."""

    id: str
    name: str
    lat: float | None
    lon: float | None
    acute: bool = False
    url: str = ""
    lines: list[str] = field(default_factory=list)
    highlight: bool = False


def site_map(sites: Sequence[MapSite], title: str = "", width: int = 620, height: int = 420) -> Markup:
    """Return a schematic SVG map of sites placed by latitude and longitude, each with its figure lines.

    Sites without coordinates are not drawn (the page lists them). Longitude is scaled by the
    cosine of the mean latitude so distances look right at Danish latitudes. Highlighted sites
    (where the specialty works) are drawn filled; acute hospitals are drawn larger.
    """
    placed = [s for s in sites if s.lat is not None and s.lon is not None]
    if not placed:
        return Markup("")
    positions = project([(float(s.lat), float(s.lon)) for s in placed], Frame(width, height, 110, 30, 70))  # type: ignore[arg-type]

    parts = [
        # a group, not an image: the sites are links, and an image's content cannot be interactive
        f'<svg class="map" role="group" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" fill="#eef4f8" stroke="#d5dbe0"/>',
    ]
    for site, (px, py) in zip(placed, positions, strict=True):
        radius = 9 if site.acute else 6
        fill = "#0b5c8e" if site.highlight else "#ffffff"
        circle = (
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{radius}" fill="{fill}" stroke="#0b5c8e" stroke-width="2">'
            f"<title>{escape(site.name)}</title></circle>"
        )
        name = f'<text x="{px:.1f}" y="{py - radius - 4:.1f}" text-anchor="middle" font-size="13" font-weight="600">{escape(site.name)}</text>'
        if site.url:
            parts.append(f'<a href="{escape(site.url)}">{circle}{name}</a>')
        else:
            parts.append(circle + name)
        for i, line in enumerate(site.lines):
            parts.append(
                f'<text x="{px:.1f}" y="{py + radius + 15 + 14 * i:.1f}" text-anchor="middle" font-size="11">{escape(line)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(points: Sequence[tuple[str, float]], target: object = None, title: str = "", width: int = 120, height: int = 28) -> Markup:
    """Return a small SVG of readings (``(date, value)``, oldest first) with the target as a dashed line.

    Spaced evenly (a trend at a glance, not a time axis); the newest reading is a dot. No reading and
    no target: an empty string, so a table cell stays empty.
    """
    goal = as_number(target)
    levels = [v for _, v in points] + ([goal] if goal is not None else [])
    if not levels:
        return Markup("")
    low, high = min(levels), max(levels)
    if low == high:
        low, high = low - 1, high + 1
    pad = 3

    def y(value: float) -> float:
        return pad + (height - 2 * pad) * (1 - (value - low) / (high - low))

    def x(index: int) -> float:
        return pad + (width - 2 * pad) * (index / (len(points) - 1) if len(points) > 1 else 0.5)

    parts = [f'<svg class="sparkline" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
             f"<title>{escape(title)}</title>"]
    if goal is not None:
        parts.append(f'<line class="target" x1="0" y1="{y(goal):.1f}" x2="{width}" y2="{y(goal):.1f}" stroke="#1e6b35" stroke-dasharray="3 2"/>')
    if points:
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(points))
        parts.append(f'<polyline fill="none" stroke="#0b5c8e" stroke-width="1.5" points="{path}"/>')
        parts.append(f'<circle cx="{x(len(points) - 1):.1f}" cy="{y(points[-1][1]):.1f}" r="2.5" fill="#0b5c8e"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
