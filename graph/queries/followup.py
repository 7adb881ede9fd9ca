"""Til opfølgning: what one person should do next, and the form that clears each item.

For a person, from their roles:

- ``check_in_due``: an initiative of theirs (at a strength position they lead, or that they own)
  that is running (planned or in progress, started) without a check-in for the current period; for
  a specialty owner, their focus areas and ambition (the initiatives are their leads' to report);
- ``reading_due``: an indicator of a specialty they own or lead that is overdue for a reading;
- ``past_end``: an initiative of theirs past its end date and not done or stopped;
- ``open_signal``: an open signal on their elements (the whole specialty for its owner);
- ``help_request``: the latest check-in on an element of a specialty they own, or naming a support
  offer they own, that asks for help, written in the current or the previous period;
- ``decision_waiting``: an ambition submitted to the steering group they sit in.

The secretariat gets every specialty of its programmes (each item once). Items are sorted by
specialty name, then in the order above, then by the element's title.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from graph.portfolio import PortfolioGraph
from graph.queries.checkins import has_check_in_for, latest_check_in_id, open_signals_of_specialty, period_start, rhythm_of
from graph.queries.progress import progress
from graph.queries.rollup import ambition_rollup
from graph.relations import Relation
from graph.vocabulary import kind_label

REASONS = ("check_in_due", "reading_due", "past_end", "open_signal", "help_request", "decision_waiting", "reconfirm")
#: The form that clears each kind of item (the web and the digest turn these into links).
ACTIONS = {
    "check_in_due": "check_in", "reading_due": "reading", "past_end": "edit", "open_signal": "answer",
    "help_request": "open", "decision_waiting": "decide", "reconfirm": "open",
}
_RUNNING = frozenset({"planned", "in_progress"})
_TEXTS: dict[str, tuple[str, str]] = {
    "check_in_due": ("Statusopdatering mangler for perioden {period}", "Check-in missing for the period {period}"),
    "reading_due": ("Måling mangler (seneste {since}, forfalden {due})", "Reading overdue (latest {since}, due {due})"),
    "reading_never": ("Aldrig målt", "Never measured"),
    "past_end": ("Slutdatoen {end} er passeret, men indsatsen er ikke afsluttet", "Ended {end} but not done"),
    "open_signal": ("Åbent signal: {text}", "Open signal: {text}"),
    "help_request": ("Beder om hjælp: {needed}", "Asks for help: {needed}"),
    "decision_waiting": ("Venter på programstyregruppens beslutning", "Waiting for the steering group's decision"),
    "reconfirm": ("Til genbekræftelse ({text})", "To re-confirm ({text})"),
}


@dataclass(frozen=True)
class FollowUpItem:
    """One thing to do: why (``reason``), about which element, and the form that clears it (``action`` on ``target``)."""

    reason: str
    element: str
    specialty: str | None
    target: str
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def action(self) -> str:
        return ACTIONS[self.reason]

    def text(self, lang: str = "da") -> str:
        """The item in words, in ``lang``."""
        code = "reading_never" if self.reason == "reading_due" and not self.detail.get("since") else self.reason
        return _TEXTS[code][0 if lang == "da" else 1].format(**self.detail)

    def to_json(self, pg: PortfolioGraph, lang: str = "da") -> dict[str, Any]:
        return {
            "reason": self.reason, "element": self.element, "kind": pg.kind(self.element),
            "title": pg.display_title(self.element), "specialty": self.specialty, "action": self.action,
            "target": self.target, "text": self.text(lang), **({"detail": self.detail} if self.detail else {}),
        }


@dataclass
class FollowUpList:
    """A person's follow-up list on a day."""

    person: str | None
    on: dt.date
    items: list[FollowUpItem]

    def by_specialty(self) -> list[tuple[str | None, list[FollowUpItem]]]:
        groups: dict[str | None, list[FollowUpItem]] = {}
        for item in self.items:
            groups.setdefault(item.specialty, []).append(item)
        return list(groups.items())

    def to_json(self, pg: PortfolioGraph, lang: str = "da") -> dict[str, Any]:
        return {"person": self.person, "on": self.on.isoformat(), "count": len(self.items),
                "items": [i.to_json(pg, lang) for i in self.items]}


def _targets(pg: PortfolioGraph, person: str, role: str) -> set[str]:
    return {str(r.get("specialty") or r.get("strength_position") or r.get("programme")) for r in pg.roles_of(person) if r["role"] == role}


def _of_kind(pg: PortfolioGraph, ids: list[str], kind: str) -> list[str]:
    return [i for i in ids if pg.kind(i) == kind]


def _specialty_elements(pg: PortfolioGraph, specialty: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """A specialty's ambitions, focus areas, indicators and initiatives."""
    ambitions = sorted(pg.ambitions_of(specialty))
    areas = [fa for a in ambitions for fa in pg.focus_areas_of(a)]
    indicators = [i for fa in areas for i in _of_kind(pg, pg.out(fa, "MEASURED_BY"), "indicator")]
    initiatives = {i for fa in areas for i in _of_kind(pg, pg.into(fa, "SERVES"), "initiative")}
    initiatives.update(i for sp in pg.strength_positions_of(specialty) for i in _of_kind(pg, pg.into(sp, "DELIVERED_AT"), "initiative"))
    return ambitions, areas, indicators, sorted(initiatives)


def _period_text(pg: PortfolioGraph, item: str, today: dt.date) -> str:
    return period_start(today, rhythm_of(pg, item)).isoformat()[:7]


def _initiative_items(pg: PortfolioGraph, initiative: str, today: dt.date) -> list[FollowUpItem]:
    data = pg.data(initiative)
    status = data.get("status", "planned")
    specialty = pg.specialty_of(initiative)
    found: list[FollowUpItem] = []
    start, end = data.get("start"), data.get("end")
    if status in _RUNNING and (start is None or str(start) <= today.isoformat()) and not has_check_in_for(pg, initiative, today):
        found.append(FollowUpItem("check_in_due", initiative, specialty, initiative, {"period": _period_text(pg, initiative, today)}))
    if end is not None and str(end) < today.isoformat() and status not in ("done", "stopped"):
        found.append(FollowUpItem("past_end", initiative, specialty, initiative, {"end": str(end)}))
    return found


def _own_check_in_items(pg: PortfolioGraph, elements: list[str], today: dt.date) -> list[FollowUpItem]:
    return [
        FollowUpItem("check_in_due", e, pg.specialty_of(e), e, {"period": _period_text(pg, e, today)})
        for e in elements if not has_check_in_for(pg, e, today)
    ]


def _indicator_items(pg: PortfolioGraph, indicators: list[str], today: dt.date) -> list[FollowUpItem]:
    found = []
    for ind in indicators:
        p = progress(pg, ind, today)
        if p.overdue:
            found.append(FollowUpItem("reading_due", ind, pg.specialty_of(ind), ind, {"since": p.latest_date or "", "due": p.due or ""}))
    return found


def _signals_by_specialty(pg: PortfolioGraph) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for sig in pg.ids("signal"):
        found.setdefault(pg.specialty_of(sig), []).append(sig)
    return found


def _signal_items(pg: PortfolioGraph, subjects: set[str], specialties: set[str],
                  memo: dict[tuple[Any, ...], Any] | None = None) -> list[FollowUpItem]:
    # a lead's subjects by the reverse index; a whole specialty's signals by an index of every signal,
    # made once per memo (every owner's list would otherwise walk every signal of the programme)
    candidates = {sig for subject in subjects for sig in pg.into(subject, Relation.SIGNALS) if pg.kind(sig) == "signal"}
    if specialties:
        index = _memo(memo, ("signals_by_specialty",), partial(_signals_by_specialty, pg))
        candidates.update(sig for spec in specialties for sig in index.get(spec, ()))
    found = []
    for sig in sorted(candidates):
        data = pg.data(sig)
        if data.get("status", "open") == "open":
            found.append(_signal_item(pg, sig, data))
    return found


def _signal_item(pg: PortfolioGraph, sig: str, data: dict[str, Any]) -> FollowUpItem:
    """An open signal; a re-confirmation (graph/queries/whatif.py) is answered on its element's page, so it opens that."""
    if data.get("kind") == "reconfirm":
        return FollowUpItem("reconfirm", data["subject"], pg.specialty_of(sig), data["subject"], {"text": data["text"]})
    return FollowUpItem("open_signal", data["subject"], pg.specialty_of(sig), sig, {"text": data["text"]})


def _help_items(pg: PortfolioGraph, subjects: list[str], person: str | None, today: dt.date) -> list[FollowUpItem]:
    found = []
    for subject in subjects:
        latest_id = latest_check_in_id(pg, subject)
        latest = pg.data(latest_id) if latest_id else None  # read only: the item copies what it keeps
        if not latest or not latest.get("needed") or latest.get("by") == person:
            continue
        rhythm = rhythm_of(pg, subject)
        now = period_start(today, rhythm)
        before = period_start(now - dt.timedelta(days=1), rhythm)
        if period_start(dt.date.fromisoformat(str(latest["period"])), rhythm) < before:
            continue
        detail = {"needed": latest["needed"], "check_in": latest_id, **({"needs": list(latest["needs"])} if latest.get("needs") else {})}
        found.append(FollowUpItem("help_request", subject, pg.specialty_of(subject), str(latest_id), detail))
    return found


def _memo(memo: dict[tuple[Any, ...], Any] | None, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    return memo[key]


def followup_for(pg: PortfolioGraph, person: str | None, today: dt.date, specialty: str | None = None,
                 memo: dict[tuple[Any, ...], Any] | None = None) -> FollowUpList:
    """Return ``person``'s follow-up list on ``today`` (the rules of the module's docstring); with
    ``specialty``, only that specialty's items. ``person`` None is the whole programme (every specialty).
    ``memo``, an empty dict shared by the calls for many people on one graph and day (``tracker
    remind``), keeps what does not depend on the person, so the secretariat's lists are made once.

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> [(i.reason, i.element) for i in followup_for(pg, "eva", dt.date(2026, 11, 2)).items]
    [('check_in_due', 'geri-i1')]
    """
    if person and memo is not None and _only_secretariat(pg, person):
        # every member of the same programmes' secretariat has the same list but for the help
        # requests they wrote themselves: it is made once (as nobody's) and filtered per member
        programmes = frozenset(_targets(pg, person, "secretariat"))
        shared = _memo(memo, ("secretariat", programmes, specialty, today),
                       partial(_list_for, pg, "", today, specialty, memo, set(programmes)))
        kept = [i for i in shared.items if not (i.reason == "help_request" and pg.data(i.target).get("by") == person)]
        return FollowUpList(person, today, kept)
    return _list_for(pg, person, today, specialty, memo)


def _only_secretariat(pg: PortfolioGraph, person: str) -> bool:
    """Whether every role of ``person`` is the secretariat's and they own no initiative or support offer."""
    roles = pg.roles_of(person)
    return bool(roles) and all(r["role"] == "secretariat" for r in roles) and not any(
        pg.kind(i) in ("initiative", "support_offer") for i in pg.out(person, "OWNS"))


def _list_for(pg: PortfolioGraph, person: str | None, today: dt.date, specialty: str | None,
              memo: dict[tuple[Any, ...], Any] | None, secretariat_of: set[str] | None = None) -> FollowUpList:
    """``followup_for``'s list; ``secretariat_of`` gives the programmes of a secretariat member with no
    other role (``person`` then "" : nobody, so no help request is left out as their own)."""
    items: list[FollowUpItem] = []
    owned: set[str]
    led_sps: set[str]
    if secretariat_of is not None:
        programmes = secretariat_of
        owned, led_sps = set(), set()
    elif person is None:
        programmes = set(pg.ids("programme"))
        owned, led_sps = set(), set()
    else:
        programmes = _targets(pg, person, "secretariat")
        owned = _targets(pg, person, "specialty_owner")
        led_sps = _targets(pg, person, "implementation_lead")
    steering = programmes | (_targets(pg, person, "steering_group") if person else set())
    everything = {s for s in pg.ids("specialty") if pg.programme_of(s) in programmes} if programmes else set()
    initiatives: set[str] = set()  # theirs: to check in on and to finish
    indicators: set[str] = set()
    help_subjects: set[str] = set()
    for spec in sorted(s for s in owned | everything if pg.kind(s) == "specialty"):
        ambitions, areas, inds, inits = _memo(memo, ("elements", spec), partial(_specialty_elements, pg, spec))
        items.extend(_memo(memo, ("own", spec, today), partial(_own_check_in_items, pg, areas + ambitions, today)))
        indicators.update(inds)
        help_subjects.update(inits + areas)
        if spec in everything:
            initiatives.update(inits)
    led_specialties = {pg.specialty_of(sp) for sp in led_sps if sp in pg}
    for sp in sorted(s for s in led_sps if pg.kind(s) == "strength_position"):
        initiatives.update(_of_kind(pg, pg.into(sp, "DELIVERED_AT"), "initiative"))
    if person is not None and person in pg:
        initiatives.update(_of_kind(pg, pg.out(person, "OWNS"), "initiative"))
    for spec in sorted(s for s in led_specialties if s):
        indicators.update(_memo(memo, ("elements", spec), partial(_specialty_elements, pg, spec))[2])
    for ini in sorted(initiatives):
        items.extend(_memo(memo, ("initiative", ini, today), partial(_initiative_items, pg, ini, today)))
    for ind in sorted(indicators):
        items.extend(_memo(memo, ("indicator", ind, today), partial(_indicator_items, pg, [ind], today)))
    items.extend(_signal_items(pg, initiatives, owned | everything, memo))
    if person is not None and person in pg:
        for offer in _of_kind(pg, pg.out(person, "OWNS"), "support_offer"):
            help_subjects.update(str(pg.data(c)["subject"]) for c in pg.into(offer, "ASKS_FOR") if pg.kind(c) == "check_in")
    for subject in sorted(help_subjects):
        # made for nobody in particular ("" wrote nothing), then without what the person asked themselves
        asked = _memo(memo, ("help", subject, today), partial(_help_items, pg, [subject], "", today))
        items.extend(i for i in asked if pg.data(i.target).get("by") != person)
    for amb in sorted(pg.ids("ambition")) if steering else ():
        if pg.data(amb).get("status") == "submitted" and pg.programme_of(amb) in steering:
            items.append(FollowUpItem("decision_waiting", amb, pg.specialty_of(amb), amb))
    if specialty is not None:
        items = [i for i in items if i.specialty == specialty]
    unique = {(i.reason, i.element, i.target): i for i in items}

    keys: dict[tuple[Any, ...], tuple[str, int, str, str]] = _memo(memo, ("order",), dict)

    def order(i: FollowUpItem) -> tuple[str, int, str, str]:
        key = (i.reason, i.element, i.target, i.specialty)
        found = keys.get(key)
        if found is None:
            name = pg.display_title(i.specialty).casefold() if i.specialty and i.specialty in pg else "~"
            found = keys[key] = (name, REASONS.index(i.reason), pg.display_title(i.element).casefold(), i.target)
        return found

    return FollowUpList(person, today, sorted(unique.values(), key=order))


def kind_word(pg: PortfolioGraph, item: str, lang: str = "da") -> str:
    """The element kind of ``item`` as users name it."""
    return kind_label(str(pg.kind(item)), lang)


@dataclass(frozen=True)
class SpecialtySummary:
    """A specialty's follow-up at a glance (the overview's row, the programme report): the ambition's
    roll-up status, how many check-ins are due for the current period, how many readings are overdue
    and how many signals are open."""

    specialty: str
    ambition: str | None
    status: str | None
    check_ins_due: int
    readings_overdue: int
    open_signals: int

    def to_json(self) -> dict[str, Any]:
        return {"specialty": self.specialty, "ambition": self.ambition, "status": self.status, "check_ins_due": self.check_ins_due,
                "readings_overdue": self.readings_overdue, "open_signals": self.open_signals}


def specialty_summary(pg: PortfolioGraph, specialty: str, today: dt.date) -> SpecialtySummary:
    """Return the follow-up summary of one specialty on ``today`` (its first ambition's roll-up).

    >>> from graph.examples import example_graph
    >>> specialty_summary(example_graph(), "geri", dt.date(2026, 11, 2)).to_json()["check_ins_due"]
    3
    """
    ambitions, areas, indicators, initiatives = _specialty_elements(pg, specialty)
    due = sum(1 for i in initiatives for item in _initiative_items(pg, i, today) if item.reason == "check_in_due")
    due += len(_own_check_in_items(pg, areas + ambitions, today))
    status = ambition_rollup(pg, ambitions[0], today)[0].shown if ambitions else None
    return SpecialtySummary(specialty, ambitions[0] if ambitions else None, status, due,
                            len(_indicator_items(pg, indicators, today)), len(open_signals_of_specialty(pg, specialty)))
