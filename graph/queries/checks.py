"""Health checks: the programme's guidance (DESIGN.md section 5) applied to the graph, per specialty.

Each finding names its rule (see graph.queries.rules.RULES), the specialty, the element to open,
and a plain message in Danish and English that names the element by its title.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graph.formatting import format_date
from graph.portfolio import PortfolioGraph
from graph.queries.errors import NotFound
from graph.queries.rules import (
    MAX_CHALLENGES,
    MAX_INDICATORS,
    MAX_INITIATIVE_DAYS,
    MIN_CHALLENGE_PERSPECTIVES,
    MIN_HORIZON_MONTHS,
    RULE_BY_KEY,
    RULE_ORDER,
)
from graph.queries.suspects import unconfirmed_in
from graph.queries.walk import of_kind
from graph.vocabulary import (
    RESOURCE_KINDS,
    SUSTAINABILITY_PERSPECTIVES,
    THEMES,
    Perspective,
    label,
)

#: Initiative statuses that should have ended by their end date.
_OPEN_STATUSES = frozenset({"planned", "in_progress", "paused"})


@dataclass(frozen=True)
class Finding:
    """One thing the guidance would ask about: rule key, severity, specialty (None if programme-wide),
    the element concerned, and the message in Danish and English."""

    rule: str
    severity: str
    specialty: str | None
    element: str | None
    text_da: str
    text_en: str
    #: The elements of a grouped finding (see ``group_findings``); empty for a single finding.
    elements: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """How many findings this line stands for."""
        return len(self.elements) or 1

    def message(self, lang: str = "da") -> str:
        """Return the message in Danish (``"da"``) or English (``"en"``)."""
        return self.text_da if lang == "da" else self.text_en

    def to_json(self, lang: str = "da") -> dict[str, Any]:
        """Return ``{"rule", "severity", "specialty", "element", "message"}`` with the message in ``lang``."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "specialty": self.specialty,
            "element": self.element,
            "message": self.message(lang),
        }


def findings_json(findings: list[Finding], lang: str = "da") -> dict[str, Any]:
    """Return ``{"findings": [...]}`` with every finding's JSON in ``lang``."""
    return {"findings": [f.to_json(lang) for f in findings]}


def _finding(rule: str, specialty: str | None, element: str | None, da: str, en: str) -> Finding:
    return Finding(rule, RULE_BY_KEY[rule].severity, specialty, element, da, en)


def _labels(values: list[str], lang: str) -> str:
    return ", ".join(label(v, lang).lower() for v in values)


def _days(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# -- one specialty ----------------------------------------------------------------------------


def _ambition_findings(pg: PortfolioGraph, specialty: str, amb: str) -> Iterator[Finding]:
    """Rules 1, 2, 4-7 for one ambition."""
    data = pg.data(amb)
    name = pg.display_title(amb)
    horizon = data.get("horizon_months")
    if horizon is None:
        yield _finding(
            "horizon", specialty, amb,
            f'Den strategiske ambition "{name}" har ingen tidshorisont; vejledningen siger mindst {MIN_HORIZON_MONTHS} måneder.',
            f'The strategic ambition "{name}" has no horizon; the guidance asks for at least {MIN_HORIZON_MONTHS} months.',
        )
    elif horizon < MIN_HORIZON_MONTHS:
        yield _finding(
            "horizon", specialty, amb,
            f'Den strategiske ambition "{name}" ser {horizon} måneder frem; vejledningen siger mindst {MIN_HORIZON_MONTHS}.',
            f'The strategic ambition "{name}" looks {horizon} months ahead; the guidance asks for at least {MIN_HORIZON_MONTHS}.',
        )

    challenges = sorted(pg.challenges_of(amb))
    prerequisites = pg.prerequisites_of(amb)
    focus_areas = sorted(pg.into(amb, "PART_OF"))
    if len(challenges) > MAX_CHALLENGES:
        yield _finding(
            "challenge_count", specialty, amb,
            f'Den strategiske ambition "{name}" har {len(challenges)} kerneudfordringer; '
            f"vejledningen siger højst {MAX_CHALLENGES}.",
            f'The strategic ambition "{name}" has {len(challenges)} core challenges; '
            f"the guidance asks for at most {MAX_CHALLENGES}.",
        )
    for ch in challenges:
        seen = _challenge_perspectives(pg, ch)
        if len(seen) < MIN_CHALLENGE_PERSPECTIVES:
            title = pg.display_title(ch)
            yield _finding(
                "challenge_perspectives", specialty, ch,
                f'Kerneudfordringen "{title}" er beskrevet fra {len(seen)} bæredygtighedsperspektiv'
                f'{" (" + _labels(seen, "da") + ")" if seen else "er"}; beskriv den fra mindst {MIN_CHALLENGE_PERSPECTIVES}.',
                f'The core challenge "{title}" is described from {len(seen)} sustainability perspective'
                f'{" (" + _labels(seen, "en") + ")" if seen else "s"}; describe it from at least {MIN_CHALLENGE_PERSPECTIVES}.',
            )

    addressed: set[str] = set()
    for fa in focus_areas:
        addressed.update(pg.out(fa, "ADDRESSES"))
    for ch in challenges:
        if ch not in addressed:
            title = pg.display_title(ch)
            yield _finding(
                "challenge_unaddressed", specialty, ch,
                f'Kerneudfordringen "{title}" adresseres ikke af noget strategisk indsatsområde.',
                f'The core challenge "{title}" is not addressed by any strategic focus area.',
            )
    yield from _focus_area_findings(pg, specialty, focus_areas)
    yield from _spread_findings(pg, specialty, amb, name, focus_areas, prerequisites)


def _challenge_perspectives(pg: PortfolioGraph, challenge: str) -> list[str]:
    """Return the sustainability perspectives a challenge is described from, in vocabulary order."""
    texts = pg.data(challenge).get("perspectives") or {}
    return [p.value for p in SUSTAINABILITY_PERSPECTIVES if texts.get(p.value)]


def _focus_area_findings(pg: PortfolioGraph, specialty: str, focus_areas: list[str]) -> Iterator[Finding]:
    """Rules 4 and 5 for each focus area."""
    for fa in focus_areas:
        data = pg.data(fa)
        title = pg.display_title(fa)
        if not pg.out(fa, "ADDRESSES"):
            yield _finding(
                "focus_area_without_challenge", specialty, fa,
                f'Indsatsområdet "{title}" adresserer ingen kerneudfordring.',
                f'The focus area "{title}" addresses no core challenge.',
            )
        if not data.get("sequence"):
            yield _finding(
                "focus_area_sequence", specialty, fa,
                f'Indsatsområdet "{title}" har ingen rækkefølge (start nu, dernæst eller senere).',
                f'The focus area "{title}" has no sequence (start now, next or later).',
            )
        count = len(pg.out(fa, "MEASURED_BY"))
        if count == 0:
            yield _finding(
                "focus_area_indicators", specialty, fa,
                f'Indsatsområdet "{title}" har ingen indikator.',
                f'The focus area "{title}" has no indicator.',
            )
        elif count > MAX_INDICATORS:
            yield _finding(
                "focus_area_indicators", specialty, fa,
                f'Indsatsområdet "{title}" har {count} indikatorer; vejledningen siger højst {MAX_INDICATORS}.',
                f'The focus area "{title}" has {count} indicators; the guidance asks for at most {MAX_INDICATORS}.',
            )


def _spread_findings(
    pg: PortfolioGraph, specialty: str, amb: str, name: str, focus_areas: list[str], prerequisites: list[str]
) -> Iterator[Finding]:
    """Rules 5 (indicator mix), 6 (perspective spread) and 7 (prerequisite balance) for one ambition."""
    kinds: set[str] = set()
    touched: set[str] = set()
    for fa in focus_areas:
        for ind in pg.out(fa, "MEASURED_BY"):
            kinds.add(pg.data(ind).get("kind", "quantitative"))
        for theme in pg.data(fa).get("themes", ()):
            touched.add(THEMES[theme][0].value)
        for ch in pg.out(fa, "ADDRESSES"):
            touched.update(_challenge_perspectives(pg, ch))
    if len(kinds) == 1:
        only = next(iter(kinds))
        yield _finding(
            "indicator_mix", specialty, amb,
            f'Alle indikatorer under "{name}" er {label(only, "da").lower()}e; bland kvantitative og kvalitative.',
            f'Every indicator under "{name}" is {label(only, "en").lower()}; mix quantitative and qualitative.',
        )
    missing = [p.value for p in SUSTAINABILITY_PERSPECTIVES if p.value not in touched]
    if missing:
        yield _finding(
            "perspective_spread", specialty, amb,
            f'Indsatsområderne under "{name}" berører ikke disse bæredygtighedsperspektiver: {_labels(missing, "da")}.',
            f'The focus areas under "{name}" do not touch these sustainability perspectives: {_labels(missing, "en")}.',
        )
    # Withdrawn prerequisites no longer hold anything up.
    resourced: set[str] = set()
    for pre in prerequisites:
        data = pg.data(pre)
        if data.get("kind") in RESOURCE_KINDS and data.get("status") != "withdrawn":
            resourced.update(pg.out(pre, "ENABLES"))
    if focus_areas and all(fa in resourced for fa in focus_areas):
        yield _finding(
            "prerequisite_balance", specialty, amb,
            f'Alle indsatsområder under "{name}" afhænger af nye ressourcer; vejledningen beder om balance i forudsætningerne.',
            f'Every focus area under "{name}" depends on new resources; the guidance asks for balanced prerequisites.',
        )


def _situation_findings(pg: PortfolioGraph, specialty: str) -> Iterator[Finding]:
    """Rule 3: perspectives and strength-position sites of the situation picture."""
    name = pg.display_title(specialty)
    notes = of_kind(pg, pg.into(specialty, "DESCRIBES"), "situation")
    covered = {pg.data(n).get("perspective") for n in notes}
    missing = [p.value for p in Perspective if p.value not in covered]
    if missing:
        yield _finding(
            "situation_perspectives", specialty, specialty,
            f'Situationsbilledet for "{name}" mangler perspektiverne: {_labels(missing, "da")}.',
            f'The situation picture of "{name}" lacks the perspectives: {_labels(missing, "en")}.',
        )
    described = {site for n in notes for site in pg.out(n, "AT")}
    sites: set[str] = set()
    for sp in pg.strength_positions_of(specialty):
        sites.update(pg.out(sp, "AT"))
    for site in sorted(sites - described):
        where = pg.display_title(site)
        yield _finding(
            "situation_sites", specialty, site,
            f'Situationsbilledet for "{name}" beskriver ikke {where}, hvor specialet har en styrkeposition.',
            f'The situation picture of "{name}" does not describe {where}, where the specialty has a strength position.',
        )


def _core_team_findings(pg: PortfolioGraph, specialty: str) -> Iterator[Finding]:
    """Rule 8: a specialty owner, and an implementation lead per strength position."""
    if not pg.role_holders(specialty, "specialty_owner"):
        name = pg.display_title(specialty)
        yield _finding(
            "core_team_owner", specialty, specialty,
            f'Specialet "{name}" har ingen specialeejer.',
            f'The specialty "{name}" has no specialty owner.',
        )
    for sp in sorted(pg.strength_positions_of(specialty)):
        if not pg.role_holders(sp, "implementation_lead"):
            title = pg.display_title(sp)
            yield _finding(
                "core_team_leads", specialty, sp,
                f'Styrkepositionen "{title}" har ingen implementeringsansvarlig.',
                f'The strength position "{title}" has no implementation lead.',
            )


def _initiative_findings(pg: PortfolioGraph, initiative: str, specialty: str | None, today: dt.date) -> Iterator[Finding]:
    """Rules 9 and 10 for one initiative."""
    data = pg.data(initiative)
    title = pg.display_title(initiative)
    focus_areas = pg.out(initiative, "SERVES")
    if not focus_areas:
        yield _finding(
            "initiative_focus_area", specialty, initiative,
            f'Den faglige indsats "{title}" tjener intet strategisk indsatsområde.',
            f'The initiative "{title}" serves no strategic focus area.',
        )
    if not pg.into(initiative, "OWNS"):
        yield _finding(
            "initiative_owner", specialty, initiative,
            f'Den faglige indsats "{title}" har ingen ejer.',
            f'The initiative "{title}" has no owner.',
        )
    start, end = _days(data.get("start")), _days(data.get("end"))
    if start is None or end is None:
        da, en = (
            ("start- og slutdato", "start or end date") if start is None and end is None
            else ("startdato", "start date") if start is None
            else ("slutdato", "end date")
        )
        yield _finding(
            "initiative_dates", specialty, initiative,
            f'Den faglige indsats "{title}" mangler {da}.',
            f'The initiative "{title}" has no {en}.',
        )
    elif (end - start).days > MAX_INITIATIVE_DAYS:
        days = (end - start).days
        yield _finding(
            "initiative_long", specialty, initiative,
            f'Den faglige indsats "{title}" varer {days} dage; en faglig indsats bør højst vare omkring et år.',
            f'The initiative "{title}" lasts {days} days; an initiative should last about a year at most.',
        )
    status = data.get("status", "planned")
    if end is not None and end < today and status in _OPEN_STATUSES:
        yield _finding(
            "initiative_overdue", specialty, initiative,
            f'Den faglige indsats "{title}" skulle være afsluttet {format_date(end, "da")}, men har status {label(status, "da")}.',
            f'The initiative "{title}" was due to end on {format_date(end, "en")}, but its status is {label(status, "en")}.',
        )
    ambitions = sorted({a for fa in focus_areas for a in pg.out(fa, "PART_OF")})
    for amb in ambitions:
        amb_status = pg.data(amb).get("status", "draft")
        if amb_status != "approved":
            name = pg.display_title(amb)
            yield _finding(
                "ambition_not_approved", specialty, initiative,
                f'Den faglige indsats "{title}" hører under den strategiske ambition "{name}", '
                f'som ikke er godkendt ({label(amb_status, "da")}).',
                f'The initiative "{title}" falls under the strategic ambition "{name}", '
                f'which is not approved ({label(amb_status, "en")}).',
            )
            break


def specialty_initiatives(pg: PortfolioGraph, specialty: str) -> list[str]:
    """Return the initiatives whose findings belong to a specialty, sorted.

    That is those whose first focus area is the specialty's, and those serving no focus area
    but delivered at one of its strength positions; an initiative serving several specialties is
    checked once, under the specialty of its first focus area.
    """
    found: set[str] = set()
    for amb in pg.ambitions_of(specialty):
        for fa in pg.into(amb, "PART_OF"):
            found.update(pg.into(fa, "SERVES"))
    for sp in pg.strength_positions_of(specialty):
        found.update(i for i in pg.into(sp, "DELIVERED_AT") if pg.kind(i) == "initiative")
    return sorted(i for i in found if pg.specialty_of(i) == specialty)


def _professional_findings(pg: PortfolioGraph, specialty: str, ambitions: list[str]) -> Iterator[Finding]:
    """A faglig ambition submitted (or approved) while the strategic ambition it realises is not approved."""
    for amb in ambitions:
        status = pg.data(amb).get("status", "draft")
        for pro in sorted(of_kind(pg, pg.into(amb, "REALISES"), "professional_ambition")):
            if pg.data(pro).get("status") in ("submitted", "approved") and status != "approved":
                yield _finding(
                    "professional_before_strategic", specialty, pro,
                    f"Den faglige ambition er indsendt, men den strategiske ambition er ikke godkendt ({label(status, 'da')}).",
                    f"The professional ambition is submitted, but the strategic ambition is not approved ({label(status, 'en')}).",
                )


def check_specialty(pg: PortfolioGraph, specialty: str, today: dt.date) -> list[Finding]:
    """Return the findings of one specialty, unsorted (walks its own neighbourhood only)."""
    findings: list[Finding] = []
    ambitions = sorted(pg.ambitions_of(specialty))
    if not ambitions:
        name = pg.display_title(specialty)
        findings.append(
            _finding(
                "ambition_missing", specialty, specialty,
                f'Specialet "{name}" har endnu ingen strategisk ambition.',
                f'The specialty "{name}" has no strategic ambition yet.',
            )
        )
    for amb in ambitions:
        findings.extend(_ambition_findings(pg, specialty, amb))
    findings.extend(_professional_findings(pg, specialty, ambitions))
    findings.extend(_situation_findings(pg, specialty))
    findings.extend(_core_team_findings(pg, specialty))
    initiatives = specialty_initiatives(pg, specialty)
    for initiative in initiatives:
        findings.extend(_initiative_findings(pg, initiative, specialty, today))
    findings.extend(_unconfirmed_findings(pg, specialty))
    return findings


def _unconfirmed_findings(pg: PortfolioGraph, specialty: str) -> Iterator[Finding]:
    """One finding counting the specialty's focus areas and initiatives still to re-confirm (graph/queries/whatif.py)."""
    waiting = unconfirmed_in(pg, specialty)
    if waiting:
        names = ", ".join(f'"{pg.display_title(i)}"' for i in waiting[:5]) + (" …" if len(waiting) > 5 else "")
        yield _finding(
            "unconfirmed", specialty, specialty,
            f"{len(waiting)} indsatsområder og faglige indsatser er til genbekræftelse: {names}.",
            f"{len(waiting)} focus areas and initiatives are to be re-confirmed: {names}.",
        )


def _order(f: Finding) -> tuple[bool, str, int, str]:
    return (f.specialty is None, f.specialty or "", RULE_ORDER[f.rule], f.element or "")


def check(pg: PortfolioGraph, specialty: str | None = None, today: dt.date | None = None) -> list[Finding]:
    """Return the health findings of one specialty, or of the whole portfolio, in report order.

    With no ``specialty`` the findings of every specialty come first, then the programme-wide
    ones (initiatives that belong to no specialty, with ``specialty`` None). ``today`` (default:
    today's date) decides which initiatives are past their end date. Findings are ordered by
    specialty id, then rule (the order of ``RULES``), then element id. Raises NotFound if
    ``specialty`` is not a specialty.

    >>> from graph.examples import example_graph
    >>> [(f.rule, f.element) for f in check(example_graph(), "reum", today=dt.date(2026, 6, 1))][:3]
    [('horizon', 'reum-amb'), ('situation_perspectives', 'reum'), ('focus_area_without_challenge', 'reum-fa1')]
    """
    today = today or dt.date.today()
    if specialty is not None:
        if pg.kind(specialty) != "specialty":
            raise NotFound(specialty, "specialty")
        return sorted(check_specialty(pg, specialty, today), key=_order)
    findings: list[Finding] = []
    for sid in pg.ids("specialty"):
        findings.extend(check_specialty(pg, sid, today))
    for initiative in pg.ids("initiative"):
        if not pg.out(initiative, "SERVES") and pg.specialty_of(initiative) is None:
            findings.extend(_initiative_findings(pg, initiative, None, today))
    return sorted(findings, key=_order)


#: Severities the overview counts: information is not a problem to fix.
PROBLEM_SEVERITIES = frozenset({"warning", "error"})


def _ambition_of(pg: PortfolioGraph, element: str | None) -> str | None:
    """The strategic ambition an element of a finding falls under, if it falls under one."""
    if element is None or element not in pg:
        return None
    kind = pg.kind(element)
    data = pg.data(element)
    if kind in ("challenge", "prerequisite", "focus_area"):
        return data.get("ambition")
    if kind == "indicator":
        return _ambition_of(pg, data.get("focus_area"))
    if kind == "initiative":
        for fa in data.get("focus_areas", ()):
            return _ambition_of(pg, fa)
    return None


def _quoted(pg: PortfolioGraph, items: list[str]) -> str:
    return ", ".join(f'"{pg.display_title(i)}"' for i in items)


def _grouped(pg: PortfolioGraph, members: list[Finding], ambition: str) -> Finding:
    first = members[0]
    rule = RULE_BY_KEY[first.rule]
    elements = tuple(f.element for f in members if f.element)
    name = pg.display_title(ambition)
    listed = _quoted(pg, list(elements))
    n = len(members)
    if first.rule == "ambition_not_approved":
        status = pg.data(ambition).get("status", "draft")
        da = (f'{n} faglige indsatser hører under den strategiske ambition "{name}", som ikke er godkendt '
              f'({label(status, "da")}): {listed}.')
        en = (f'{n} initiatives fall under the strategic ambition "{name}", which is not approved '
              f'({label(status, "en")}): {listed}.')
    else:
        da = f'{rule.title("da")}: {n} under den strategiske ambition "{name}": {listed}.'
        en = f'{rule.title("en")}: {n} under the strategic ambition "{name}": {listed}.'
    return Finding(first.rule, first.severity, first.specialty, ambition, da, en, elements)


def group_findings(pg: PortfolioGraph, findings: list[Finding]) -> list[Finding]:
    """Return ``findings`` with those of the same rule on the same ambition merged into one line.

    A merged finding points at the ambition, says how many elements it stands for and lists
    them by title (``elements`` holds their ids); it stands where the first of them stood.
    Findings that share their rule and ambition with no other stay as they are.

    >>> from graph.examples import example_graph
    >>> pg = example_graph()
    >>> one = _finding("initiative_owner", "geri", "geri-i1", "a", "a")
    >>> two = _finding("initiative_owner", "geri", "geri-i1", "b", "b")
    >>> [(f.element, f.count) for f in group_findings(pg, [one])]
    [('geri-i1', 1)]
    >>> merged = group_findings(pg, [one, two])
    >>> [(f.element, f.count) for f in merged]
    [('geri-amb', 2)]
    >>> merged[0].message("en")
    'Initiative without owner: 2 under the strategic ambition "Stærke geriatriske fællesskaber": "Fælles undervisning", "Fælles undervisning".'
    """
    keyed: dict[tuple[str | None, str, str], list[Finding]] = {}
    for f in findings:
        ambition = _ambition_of(pg, f.element)
        if ambition is not None and f.element != ambition:
            keyed.setdefault((f.specialty, f.rule, ambition), []).append(f)
    out: list[Finding] = []
    done: set[tuple[str | None, str, str]] = set()
    for f in findings:
        ambition = _ambition_of(pg, f.element)
        key = (f.specialty, f.rule, ambition) if ambition is not None and f.element != ambition else None
        if key is None or len(keyed[key]) == 1:
            out.append(f)
        elif key not in done:
            done.add(key)
            out.append(_grouped(pg, keyed[key], key[2]))
    return out


def problem_count(findings: list[Finding]) -> int:
    """Return how many of ``findings`` are warnings or errors (information does not count)."""
    return sum(1 for f in findings if f.severity in PROBLEM_SEVERITIES)
