"""Roll-up you can explain: the status of a focus area or an ambition, computed from what lies below it,
with the reasons in words, beside the owner's own check-in.

The rule (no weights to configure; README "Opfølgning"):

- An initiative counts with the status of its latest check-in (initiatives without one, and those
  done or stopped, count for nothing). An indicator counts as a worry when its latest reading has
  moved away from the target (below the baseline) or it is overdue for a reading.
- A focus area is ``off_track`` when one of its initiatives is off track or more than half of those
  with a check-in (two at least) are at risk; ``at_risk`` when one initiative is at risk or one indicator is a
  worry; ``on_track`` when something was judged and nothing worried; ``done`` when every initiative
  is done; else there is nothing to go on (None).
- An ambition takes the worst of its focus areas, each counted with the status it shows.
- The status shown is the owner's own latest check-in on the element when there is one (it wins);
  the computed one is shown beside it when the two differ.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import latest_check_in_id
from graph.queries.progress import indicators_of, progress
from graph.vocabulary import CHECK_IN_SEVERITY, label

_MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"),
}
_REASONS: dict[str, tuple[str, str]] = {
    "initiatives": ("{count} af {total} indsatser er {status}: {titles}", "{count} of {total} initiatives are {status}: {titles}"),
    "focus_areas": ("{count} af {total} indsatsområder er {status}: {titles}", "{count} of {total} focus areas are {status}: {titles}"),
    "away": ("indikator {title} bevæger sig væk fra målet ({latest})", "indicator {title} is moving away from its target ({latest})"),
    "overdue": ("indikator {title} er ikke målt siden {since}", "indicator {title} has not been measured since {since}"),
    "never_measured": ("indikator {title} er aldrig målt", "indicator {title} has never been measured"),
    "all_done": ("alle {total} indsatser er afsluttet", "all {total} initiatives are done"),
    "nothing": ("ingen statusopdateringer eller målinger at gå ud fra", "no check-ins or readings to go on"),
    "all_well": ("{total} indsatser og {indicators} indikatorer uden bekymring", "{total} initiatives and {indicators} indicators without a worry"),
}


@dataclass(frozen=True)
class Reason:
    """One reason for a computed status: a code and the values its sentence names."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "da") -> str:
        pair = _REASONS[self.code]
        params = dict(self.params)
        if "status" in params:
            params["status"] = label(str(params["status"]), lang).lower()
        if "since" in params:
            day = dt.date.fromisoformat(str(params["since"]))
            params["since"] = f"{_MONTHS['da' if lang == 'da' else 'en'][day.month - 1]} {day.year}"
        if "titles" in params:
            params["titles"] = ", ".join(params["titles"])
        return pair[0 if lang == "da" else 1].format(**params)

    def to_json(self, lang: str = "da") -> dict[str, Any]:
        return {"code": self.code, **self.params, "text": self.text(lang)}


@dataclass(frozen=True)
class Rollup:
    """The status of one focus area or ambition: ``shown`` is the owner's own when given, else ``computed``."""

    element: str
    computed: str | None
    own: str | None
    own_check_in: str | None
    reasons: tuple[Reason, ...]

    @property
    def shown(self) -> str | None:
        return self.own or self.computed

    @property
    def differs(self) -> bool:
        return self.own is not None and self.computed is not None and self.own != self.computed

    def to_json(self, lang: str = "da") -> dict[str, Any]:
        return {"element": self.element, "status": self.shown, "computed": self.computed, "own": self.own,
                "own_check_in": self.own_check_in, "differs": self.differs, "reasons": [r.to_json(lang) for r in self.reasons]}


def _worst(statuses: list[str]) -> str:
    return max(statuses, key=lambda s: CHECK_IN_SEVERITY.get(s, 0))


def _own(pg: PortfolioGraph, element: str, before: dt.date | None = None) -> tuple[str | None, str | None]:
    latest = latest_check_in_id(pg, element, before)
    return (str(pg.data(latest)["status"]), latest) if latest else (None, None)


def focus_area_rollup(pg: PortfolioGraph, focus_area: str, today: dt.date, before: dt.date | None = None) -> Rollup:
    """Return the roll-up of one focus area (the rule of the module's docstring); with ``before``, from
    the check-ins written and readings dated before that day only (the status as it was then).

    Reasons come in this order: initiatives off track, at risk, indicators moving away, overdue.
    """
    initiatives = sorted(i for i in pg.into(focus_area, "SERVES") if pg.kind(i) == "initiative")
    judged: dict[str, str] = {}
    for item in initiatives:
        latest = latest_check_in_id(pg, item, before)
        if latest is not None and pg.data(item).get("status") != "stopped":
            judged[item] = str(pg.data(latest)["status"])
    reasons: list[Reason] = []
    total = len(initiatives)
    by_status = {s: [i for i in initiatives if judged.get(i) == s] for s in ("off_track", "at_risk")}
    for status in ("off_track", "at_risk"):
        if by_status[status]:
            reasons.append(Reason("initiatives", {"count": len(by_status[status]), "total": total, "status": status,
                                                  "titles": [pg.display_title(i) for i in by_status[status]]}))
    worries = 0
    indicators = indicators_of(pg, focus_area)
    measured = False
    for ind in indicators:
        p = progress(pg, ind, today, before)
        measured = measured or p.state != "not_measured"
        title = pg.display_title(ind)
        if p.state == "away":
            reasons.append(Reason("away", {"title": title, "latest": p.latest}))
            worries += 1
        if p.overdue:
            reasons.append(Reason("overdue", {"title": title, "since": p.latest_date}) if p.latest_date
                           else Reason("never_measured", {"title": title}))
            worries += 1
    at_risk = len(by_status["at_risk"])
    if by_status["off_track"] or (at_risk >= 2 and at_risk * 2 > len(judged)):
        computed: str | None = "off_track"
    elif by_status["at_risk"] or worries:
        computed = "at_risk"
    elif initiatives and all(judged.get(i) == "done" or pg.data(i).get("status") == "done" for i in initiatives):
        computed = "done"
        reasons.append(Reason("all_done", {"total": total}))
    elif judged or measured:
        computed = "on_track"
        reasons.append(Reason("all_well", {"total": len(judged), "indicators": len(indicators)}))
    else:
        computed = None
        reasons.append(Reason("nothing"))
    own, own_id = _own(pg, focus_area, before)
    return Rollup(focus_area, computed, own, own_id, tuple(reasons))


def ambition_rollup(pg: PortfolioGraph, ambition: str, today: dt.date, before: dt.date | None = None) -> tuple[Rollup, list[Rollup]]:
    """Return the roll-up of an ambition and those of its focus areas (in the ambition's order); ``before`` as
    for ``focus_area_rollup``."""
    areas = [focus_area_rollup(pg, fa, today, before) for fa in pg.focus_areas_of(ambition)]
    shown = [r for r in areas if r.shown is not None]
    reasons: list[Reason] = []
    for status in ("off_track", "at_risk"):
        hit = [r for r in areas if r.shown == status]
        if hit:
            reasons.append(Reason("focus_areas", {"count": len(hit), "total": len(areas), "status": status,
                                                  "titles": [pg.display_title(r.element) for r in hit]}))
    computed = _worst([str(r.shown) for r in shown]) if shown else None
    if computed == "done" and any(r.shown != "done" for r in shown):
        computed = "on_track"
    if computed is None:
        reasons.append(Reason("nothing"))
    own, own_id = _own(pg, ambition, before)
    return Rollup(ambition, computed, own, own_id, tuple(reasons)), areas


def specialty_rollups(pg: PortfolioGraph, today: dt.date) -> dict[str, Rollup]:
    """Return every specialty's ambition roll-up (the specialty's first ambition), keyed by specialty id."""
    found: dict[str, Rollup] = {}
    for specialty in sorted(pg.ids("specialty")):
        ambitions = sorted(pg.ambitions_of(specialty))
        if ambitions:
            found[specialty] = ambition_rollup(pg, ambitions[0], today)[0]
    return found
