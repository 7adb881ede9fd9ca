"""The roadmap: focus areas in their sequence (now, next, later) and initiatives on a time line.

For one specialty, every initiative that serves one of its focus areas, with its dates; for a
programme, one line per focus area of every specialty, spanning the dates of its initiatives.
Overdue initiatives (past their end date and not done or stopped) and undated ones are marked.
Ids, dates and flags only; the web draws it (web/views/roadmap.py).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from graph.formatting import as_date
from graph.portfolio import PortfolioGraph
from graph.queries.errors import NotFound

#: Sequences in the guidance's order; None (not sequenced) comes last.
SEQUENCES: tuple[str | None, ...] = ("now", "next", "later", None)
#: Initiative statuses that should have ended by their end date.
OPEN_STATUSES = frozenset({"planned", "in_progress", "paused"})


@dataclass(frozen=True)
class Bar:
    """One initiative on the time line: its dates (None when not given), status and marks."""

    initiative: str
    start: dt.date | None
    end: dt.date | None
    status: str
    overdue: bool
    undated: bool


@dataclass(frozen=True)
class Lane:
    """One focus area: its specialty, sequence, its initiatives' bars, and the span they cover."""

    focus_area: str
    specialty: str | None
    sequence: str | None
    bars: list[Bar] = field(default_factory=list)

    @property
    def span(self) -> tuple[dt.date | None, dt.date | None]:
        """The earliest start and latest end of the lane's dated initiatives."""
        starts = [b.start for b in self.bars if b.start]
        ends = [b.end for b in self.bars if b.end]
        return (min(starts) if starts else None, max(ends) if ends else None)

    @property
    def overdue(self) -> int:
        return sum(b.overdue for b in self.bars)

    @property
    def undated(self) -> int:
        return sum(b.undated for b in self.bars)


@dataclass(frozen=True)
class Roadmap:
    """Lanes grouped by sequence (now, next, later, not sequenced), the time span to draw, and today."""

    groups: list[tuple[str | None, list[Lane]]]
    first: dt.date
    last: dt.date
    today: dt.date

    @property
    def lanes(self) -> list[Lane]:
        return [lane for _seq, lanes in self.groups for lane in lanes]


def _bar(pg: PortfolioGraph, initiative: str, today: dt.date) -> Bar:
    data = pg.data(initiative)
    start, end = as_date(data.get("start")), as_date(data.get("end"))
    status = str(data.get("status", "planned"))
    return Bar(
        initiative, start, end, status,
        overdue=end is not None and end < today and status in OPEN_STATUSES,
        undated=start is None or end is None,
    )


def _lanes_of(pg: PortfolioGraph, specialty: str, today: dt.date) -> list[Lane]:
    lanes = []
    for amb in sorted(pg.ambitions_of(specialty)):
        for fa in pg.focus_areas_of(amb):
            bars = [_bar(pg, i, today) for i in pg.into(fa, "SERVES")]
            bars.sort(key=lambda b: (b.start or dt.date.max, b.end or dt.date.max, b.initiative))
            lanes.append(Lane(fa, specialty, pg.data(fa).get("sequence"), bars))
    return lanes


def _span(lanes: list[Lane], today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first of the month of the earliest date to the end of the latest month, today included."""
    days = [today] + [d for lane in lanes for b in lane.bars for d in (b.start, b.end) if d]
    first, last = min(days), max(days)
    first = first.replace(day=1)
    last = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def roadmap(
    pg: PortfolioGraph, specialty: str | None = None, programme: str | None = None, today: dt.date | None = None
) -> Roadmap:
    """Return the roadmap of one specialty, or of every specialty (of ``programme``, if given).

    Lanes are grouped by sequence (now, next, later, then not sequenced); within a group in
    specialty order (by name), then the focus areas' own order. Raises NotFound for an id that
    is not a specialty.

    >>> from graph.examples import example_graph
    >>> road = roadmap(example_graph(), "geri", today=dt.date(2027, 1, 15))
    >>> [(seq, [lane.focus_area for lane in lanes]) for seq, lanes in road.groups]
    [('now', ['geri-fa1'])]
    >>> bar = road.lanes[0].bars[0]
    >>> bar.initiative, bar.overdue, bar.undated, road.first, road.last
    ('geri-i1', True, False, datetime.date(2026, 2, 1), datetime.date(2027, 1, 31))
    >>> [lane.focus_area for lane in roadmap(example_graph(), today=dt.date(2026, 6, 1)).lanes]
    ['geri-fa1', 'reum-fa1']
    """
    today = today or dt.date.today()
    if specialty is not None:
        if pg.kind(specialty) != "specialty":
            raise NotFound(specialty, "specialty")
        specialties = [specialty]
    else:
        specialties = [s for s in pg.ids("specialty") if programme is None or pg.programme_of(s) == programme]
        specialties.sort(key=lambda s: (pg.display_title(s).casefold(), s))
    lanes = [lane for s in specialties for lane in _lanes_of(pg, s, today)]
    groups = [(seq, [lane for lane in lanes if lane.sequence == seq]) for seq in SEQUENCES]
    first, last = _span(lanes, today)
    return Roadmap([(seq, group) for seq, group in groups if group], first, last, today)
