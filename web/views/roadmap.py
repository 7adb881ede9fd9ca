"""The roadmap pages: a time line drawn on the server as SVG, per specialty and for the programme.

The specialty's roadmap shows every focus area (grouped now, next, later) with a bar per
initiative from its start to its end date; the programme's shows one bar per focus area spanning
its initiatives. Overdue initiatives get a red outline and a "!"; undated ones a dashed outline
(or a note where no date is given at all). Text and shapes are black on white where it matters,
so the picture reads on a black-and-white printer too.
"""
from __future__ import annotations

import datetime as dt

from flask import render_template
from flask_babel import gettext as _
from markupsafe import Markup, escape

from graph.formatting import format_date, format_month
from graph.queries.document import ambition_document, running_header
from graph.queries.roadmap import Bar, Lane, Roadmap, roadmap
from graph.vocabulary import label
from web.i18n import current_language
from web.navigation import element_of, title_of, url_of
from web.state import portfolio
from web.views import bp
from web.views.common import chosen_programme

#: Fill of a bar by initiative status; overdue and undated bars are marked by their outline.
STATUS_FILL: dict[str, str] = {
    "planned": "#a9c6dd",
    "in_progress": "#0b5c8e",
    "done": "#2e7d46",
    "paused": "#c9a227",
    "stopped": "#8a8a8a",
}
OVERDUE = "#b00020"
WIDTH, LABEL_W, ROW_H, HEAD_H = 900, 320, 22, 34


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first`` to ``last``; every third month when the span is long."""
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    step = 1 if len(months) <= 18 else 3 if len(months) <= 48 else 12
    return months[::step]


def _text(x: float, y: float, text: str, *, size: int = 12, weight: str = "normal", anchor: str = "start",
          fill: str = "#000", italic: bool = False) -> str:
    style = ' font-style="italic"' if italic else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}" '
            f'fill="{fill}"{style}>{escape(text)}</text>')


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Drawing:
    """The parts of one SVG picture, drawn top to bottom."""

    def __init__(self, road: Roadmap, lang: str):
        self.road, self.lang = road, lang
        self.parts: list[str] = []
        self.y = HEAD_H + 6
        self.x0, self.x1 = LABEL_W + 10, WIDTH - 130  # room on the right for a bar's note
        self.days = max((road.last - road.first).days, 1)

    def x(self, day: dt.date) -> float:
        return self.x0 + (self.x1 - self.x0) * (day - self.road.first).days / self.days

    def axis(self) -> None:
        for month in _months(self.road.first, self.road.last):
            x = self.x(month)
            self.parts.append(f'<line x1="{x:.1f}" y1="{HEAD_H - 8}" x2="{x:.1f}" y2="@BOTTOM@" stroke="#d0d0d0"/>')
            self.parts.append(_text(x + 3, HEAD_H - 12, format_month(month, self.lang), size=12, fill="#333"))

    def group(self, sequence: str | None) -> None:
        words = label(sequence, self.lang) if sequence else _("Not sequenced")
        self.parts.append(f'<rect x="0" y="{self.y:.1f}" width="{WIDTH}" height="{ROW_H}" fill="#eef2f5"/>')
        self.parts.append(_text(6, self.y + 16, words, size=13, weight="bold"))
        self.y += ROW_H + 2

    def label(self, item: str, text: str, indent: int = 0, weight: str = "normal") -> None:
        self.parts.append(
            f'<a href="{escape(url_of(item) or "")}">{_text(8 + indent, self.y + 15, _short(text, 52 - indent // 6), weight=weight)}</a>'
        )

    def bar(self, bar: Bar, start: dt.date | None, end: dt.date | None, note: str = "") -> None:
        fill = STATUS_FILL.get(bar.status, "#a9c6dd")
        title = f"{title_of(bar.initiative)}: {format_date(bar.start, self.lang) or '?'} – {format_date(bar.end, self.lang) or '?'}"
        if bar.overdue:
            title += f" ({_('overdue')})"
        if start is None and end is None:
            words = note or _("no dates")
            self.parts.append(_text(self.x0 + 4, self.y + 15, words, size=12, italic=True, fill="#444"))
            return
        left = self.x(start) if start else self.x0
        right = self.x(end) if end else self.x1
        right = max(right, left + 4)
        stroke = OVERDUE if bar.overdue else "#000"
        dash = ' stroke-dasharray="5 3"' if bar.undated else ""
        width = 2.5 if bar.overdue else 1
        self.parts.append(
            f'<rect class="bar status-{escape(bar.status)}{" overdue" if bar.overdue else ""}{" undated" if bar.undated else ""}" '
            f'x="{left:.1f}" y="{self.y + 4:.1f}" width="{right - left:.1f}" height="{ROW_H - 8}" rx="3" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}"{dash}><title>{escape(title)}</title></rect>'
        )
        after = ("! " if bar.overdue else "") + note
        if after:
            self.parts.append(_text(right + 5, self.y + 15, after.strip(), size=12, weight="bold" if bar.overdue else "normal",
                                    fill=OVERDUE if bar.overdue else "#000"))

    def today(self) -> None:
        x = self.x(self.road.today)
        self.parts.append(f'<line x1="{x:.1f}" y1="{HEAD_H - 4}" x2="{x:.1f}" y2="@BOTTOM@" stroke="{OVERDUE}" stroke-width="1.5" stroke-dasharray="4 3"/>')
        self.parts.append(_text(x, HEAD_H - 24, _("Today"), size=12, anchor="middle", fill=OVERDUE, weight="bold"))

    def legend(self) -> None:
        self.y += 10
        x = 8.0
        for status, fill in STATUS_FILL.items():
            self.parts.append(f'<rect x="{x:.1f}" y="{self.y:.1f}" width="18" height="12" rx="2" fill="{fill}" stroke="#000"/>')
            words = label(status, self.lang)
            self.parts.append(_text(x + 24, self.y + 11, words, size=12))
            x += 34 + 7 * len(words)
        self.parts.append(f'<rect x="{x:.1f}" y="{self.y:.1f}" width="18" height="12" rx="2" fill="#fff" stroke="{OVERDUE}" stroke-width="2.5"/>')
        self.parts.append(_text(x + 24, self.y + 11, "! " + _("overdue"), size=12, fill=OVERDUE))
        x += 40 + 7 * len(_("overdue"))
        self.parts.append(f'<rect x="{x:.1f}" y="{self.y:.1f}" width="18" height="12" rx="2" fill="#fff" stroke="#000" stroke-dasharray="5 3"/>')
        self.parts.append(_text(x + 24, self.y + 11, _("no start or end date"), size=12))
        self.y += 22

    def svg(self, title: str) -> Markup:
        height = int(self.y + 4)
        body = "".join(self.parts).replace("@BOTTOM@", str(height - 34))
        return Markup(
            # a group, not an image: the labels are links, and an image's content cannot be interactive
            f'<svg class="roadmap" role="group" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {height}" width="100%" '
            f'preserveAspectRatio="xMinYMin meet" font-family="sans-serif"><title>{escape(title)}</title>'
            f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#fff"/>{body}</svg>'
        )


def specialty_svg(road: Roadmap, lang: str, title: str) -> Markup:
    """A specialty's roadmap: per focus area a heading row, then one bar per initiative."""
    drawing = _Drawing(road, lang)
    drawing.axis()
    for sequence, lanes in road.groups:
        drawing.group(sequence)
        for lane in lanes:
            drawing.label(lane.focus_area, title_of(lane.focus_area), indent=4, weight="bold")
            if not lane.bars:
                drawing.parts.append(_text(drawing.x0 + 4, drawing.y + 15, _("no initiatives yet"), size=12, italic=True, fill="#444"))
            drawing.y += ROW_H
            for bar in lane.bars:
                drawing.label(bar.initiative, title_of(bar.initiative), indent=20)
                drawing.bar(bar, bar.start, bar.end)
                drawing.y += ROW_H
    drawing.today()
    drawing.legend()
    return drawing.svg(title)


def programme_svg(road: Roadmap, lang: str, title: str) -> Markup:
    """The programme's roadmap: one bar per focus area over its initiatives' dates, with their count."""
    drawing = _Drawing(road, lang)
    drawing.axis()
    for sequence, lanes in road.groups:
        drawing.group(sequence)
        for lane in lanes:
            spec = title_of(lane.specialty) if lane.specialty else ""
            drawing.label(lane.focus_area, f"{spec}: {title_of(lane.focus_area)}", indent=4)
            drawing.bar(_lane_bar(lane), *lane.span, note=_lane_note(lane))
            drawing.y += ROW_H
    drawing.today()
    drawing.legend()
    return drawing.svg(title)


def _lane_bar(lane: Lane) -> Bar:
    """A focus area drawn as one bar: in progress if any initiative is, overdue if any is."""
    statuses = {b.status for b in lane.bars}
    status = next((s for s in ("in_progress", "planned", "paused", "done", "stopped") if s in statuses), "planned")
    start, end = lane.span
    return Bar(lane.focus_area, start, end, status, lane.overdue > 0, start is None or end is None)


def _lane_note(lane: Lane) -> str:
    if not lane.bars:
        return _("no initiatives yet")
    words = [_("1 initiative") if len(lane.bars) == 1 else _("%(n)s initiatives", n=len(lane.bars))]
    if lane.overdue:
        words.append(_("%(n)s overdue", n=lane.overdue))
    if lane.undated:
        words.append(_("%(n)s without dates", n=lane.undated))
    return ", ".join(words)


@bp.route("/specialty/<item_id>/roadmap")
def specialty_roadmap(item_id: str) -> str:
    """A specialty's roadmap: focus areas by now, next, later and their initiatives on a time line."""
    spec = element_of(item_id, "specialty")
    pg = portfolio()
    lang = current_language()
    road = roadmap(pg, item_id)
    header = running_header(pg, ambition_document(pg, item_id), lang, dt.date.today())
    title = _("Roadmap of %(name)s", name=spec.get("name", item_id))
    return render_template(
        "roadmap.html", item=item_id, spec=spec, road=road, title=title, print_header=header,
        picture=specialty_svg(road, lang, title),
    )


@bp.route("/roadmap")
def programme_roadmap() -> str:
    """The programme's roadmap: every specialty's focus areas by now, next, later over their initiatives' dates."""
    programme = chosen_programme()
    pg = portfolio()
    lang = current_language()
    road = roadmap(pg, programme=programme)
    name = title_of(programme) if programme else ", ".join(title_of(p) for p in pg.ids("programme"))
    title = _("Roadmap of %(name)s", name=name)
    header = f"{name} · {_('printed')} {format_date(dt.date.today(), lang)}"
    return render_template(
        "roadmap.html", item=None, spec=None, road=road, title=title, print_header=header,
        picture=programme_svg(road, lang, title),
    )
