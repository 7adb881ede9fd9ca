"""A synthetic portfolio of any size, for benchmarks and trying the tracker at scale.

``generate_document(nodes, seed)`` returns a file-format v1 document of about ``nodes`` items
(every item counts, roles included), the same for the same seed. Each specialty looks like a
real one: strength positions at paired acute hospitals, an ambition, situation notes, a handful
of core challenges and prerequisites, about five focus areas with indicators and readings, some
sixty initiatives, and the people who own and lead them. A few gaps are left on purpose, as in
real portfolios, so coverage and health checks have something to find.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from graph.vocabulary import THEMES, Perspective, label
from importers.document import FORMAT

#: Danish medical specialties (short id stem, name); BASS started with the internal-medicine ones.
SPECIALTIES: tuple[tuple[str, str], ...] = (
    ("lunge", "Lungemedicin"), ("reum", "Reumatologi"), ("geri", "Geriatri"), ("kard", "Kardiologi"),
    ("endo", "Endokrinologi"), ("gastro", "Gastroenterologi og hepatologi"), ("haem", "Hæmatologi"),
    ("infek", "Infektionsmedicin"), ("nefro", "Nefrologi"), ("akut", "Akutmedicin"), ("anae", "Anæstesiologi"),
    ("derm", "Dermato-venerologi"), ("radio", "Diagnostisk radiologi"), ("gyn", "Gynækologi og obstetrik"),
    ("kar", "Karkirurgi"), ("kir", "Kirurgi"), ("kbio", "Klinisk biokemi"), ("kfarm", "Klinisk farmakologi"),
    ("kfys", "Klinisk fysiologi og nuklearmedicin"), ("kgen", "Klinisk genetik"), ("kimm", "Klinisk immunologi"),
    ("kmik", "Klinisk mikrobiologi"), ("onko", "Klinisk onkologi"), ("nkir", "Neurokirurgi"), ("neuro", "Neurologi"),
    ("oftal", "Oftalmologi"), ("orto", "Ortopædisk kirurgi"), ("ore", "Oto-rhino-laryngologi"),
    ("pato", "Patologisk anatomi og cytologi"), ("plast", "Plastikkirurgi"), ("psyk", "Psykiatri"),
    ("bpsyk", "Børne- og ungdomspsykiatri"), ("paed", "Pædiatri"), ("thorax", "Thoraxkirurgi"), ("uro", "Urologi"),
    ("arb", "Arbejdsmedicin"), ("samf", "Samfundsmedicin"), ("almen", "Almen medicin"), ("rets", "Retsmedicin"),
)

#: The region's hospitals (id, name, short name, acute?, organisation, lat, lon); more are made up around them.
REAL_SITES: tuple[tuple[str, str, str, bool, str, float, float], ...] = (
    ("holb", "Holbæk Sygehus", "Holbæk", True, "Holbæk Sygehus", 55.7116, 11.7208),
    ("slag", "Slagelse Sygehus", "Slagelse", True, "Næstved, Slagelse og Ringsted Sygehuse", 55.4040, 11.3430),
    ("nyk", "Nykøbing Falster Sygehus", "Nykøbing F.", True, "Nykøbing Falster Sygehus", 54.7680, 11.8760),
    ("koege", "Sjællands Universitetshospital, Køge", "Køge", True, "Sjællands Universitetshospital", 55.4700, 12.1700),
    ("rosk", "Sjællands Universitetshospital, Roskilde", "Roskilde", False, "Sjællands Universitetshospital", 55.6390, 12.0780),
    ("naest", "Næstved Sygehus", "Næstved", False, "Næstved, Slagelse og Ringsted Sygehuse", 55.2410, 11.7600),
)
TOWNS: tuple[str, ...] = (
    "Kalundborg", "Ringsted", "Nakskov", "Vordingborg", "Faxe", "Stege", "Sorø", "Korsør", "Skælskør", "Haslev",
    "Nykøbing Sjælland", "Maribo", "Fakse Ladeplads", "Tølløse", "Jyderup", "Dianalund", "Rødby", "Stubbekøbing",
    "Præstø", "Solrød", "Greve", "Lejre", "Frederikssund", "Hillerød", "Helsingør", "Glostrup", "Hvidovre", "Herlev",
)
FIRST_NAMES: tuple[str, ...] = (
    "Anne", "Mette", "Hanne", "Susanne", "Lene", "Marianne", "Camilla", "Louise", "Charlotte", "Pia", "Signe", "Ida",
    "Peter", "Jens", "Lars", "Henrik", "Søren", "Niels", "Anders", "Thomas", "Mikkel", "Rasmus", "Jesper", "Bjørn",
    "Karen", "Birgitte", "Tove", "Inger", "Morten", "Jørgen", "Ole", "Kasper", "Freja", "Emma", "Sofie", "Asger",
)
LAST_NAMES: tuple[str, ...] = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Johansen", "Møller", "Mortensen",
    "Holm", "Krog", "Lund", "Dam", "Bach", "Kjær", "Berg", "Vestergaard", "Skov", "Friis", "Brandt", "Winther",
)
TITLES_CLINICAL: tuple[str, ...] = (
    "Overlæge", "Ledende overlæge", "Afdelingssygeplejerske", "Oversygeplejerske", "Klinikchef", "Chefsygeplejerske",
)

CHALLENGES: tuple[tuple[str, str], ...] = (
    ("For stor faglig specialisering", "recruitment_retention"),
    ("Få speciallæger i forhold til opgaverne", "staff_capacity"),
    ("Svært at rekruttere til de mindre matrikler", "recruitment_retention"),
    ("Lange ventelister til ambulant udredning", "planning_prioritisation"),
    ("Ulige behandlingstilbud på tværs af sygehusene", "uniform_treatment"),
    ("Uklar ansvarsfordeling mellem styrkeposition og akutsygehus", "responsibility"),
    ("Højt arbejdspres og lav trivsel", "wellbeing"),
    ("Spredte vagtlag med få læger i hvert", "work_planning"),
    ("Svage faglige miljøer for uddannelseslæger", "strong_environments"),
    ("Manglende tværfagligt samarbejde om de ældre medicinske patienter", "interdisciplinary_collaboration"),
    ("Få udviklingsmuligheder for sygeplejersker", "professional_development"),
    ("Uklart befolkningsansvar i optageområdet", "population_responsibility"),
)
FOCUS_AREAS: tuple[tuple[str, str], ...] = (
    ("Robuste faglige miljøer", "strong_environments"),
    ("Fælles vagtlag på tværs af matrikler", "work_planning"),
    ("Rekruttering og fastholdelse af speciallæger", "recruitment_retention"),
    ("Ensartede forløb for de hyppigste patientgrupper", "uniform_treatment"),
    ("Kompetenceudvikling for plejepersonalet", "professional_development"),
    ("Tættere kobling mellem styrkeposition og akutsygehus", "strength_position_link"),
    ("Klar ansvarsfordeling for akutte patienter", "responsibility"),
    ("Bedre trivsel og arbejdsmiljø", "wellbeing"),
    ("Planlægning af ambulant kapacitet", "planning_prioritisation"),
)
INITIATIVE_VERBS: tuple[str, ...] = (
    "Fælles undervisning i", "Udvikling af standardforløb for", "Etablering af netværk om", "Rotationsordning for",
    "Telemedicinsk konference om", "Fælles instruks for", "Kompetenceprogram i", "Pilotprojekt om", "Fælles audit af",
    "Opgaveflytning inden for", "Udgående team for", "Introduktionsforløb i",
)
INITIATIVE_TOPICS: tuple[str, ...] = (
    "KOL-patienter", "hjertesvigt", "gigtpatienter", "skrøbelige ældre", "diabetes", "akutte medicinske patienter",
    "ambulante kontroller", "vagtarbejde", "uddannelseslæger", "sygeplejersker", "sekretærfunktionen", "udskrivelser",
    "palliation", "ernæring", "faldforebyggelse", "medicingennemgang", "telemedicin", "sengebelægning",
)
PREREQUISITES: tuple[tuple[str, str], ...] = (
    ("Ressourcer til struktureret kompetenceudvikling", "permanent_resources"),
    ("Midlertidig projektleder i 12 måneder", "temporary_resources"),
    ("Beslutning om fælles vagtlag", "management_decision"),
    ("Adgang til fælles booking på tværs af matrikler", "other"),
    ("Flere uddannelsesstillinger", "permanent_resources"),
    ("Midler til transport mellem matrikler", "temporary_resources"),
    ("Aftale med kommunerne om udgående funktioner", "management_decision"),
    ("Fælles it-platform for telemedicin", "other"),
)
INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("Besatte speciallægestillinger", "quantitative", "%"),
    ("Ventetid til første ambulante besøg", "quantitative", "dage"),
    ("Sygefravær", "quantitative", "%"),
    ("Oplevet faglig trivsel", "qualitative", ""),
    ("Andel patienter i standardforløb", "quantitative", "%"),
    ("Uddannelseslægers evaluering af uddannelsen", "qualitative", ""),
    ("Genindlæggelser inden for 30 dage", "quantitative", "%"),
)
FIGURES: dict[str, tuple[float, float]] = {
    "specialists": (3, 30), "trainees": (1, 15), "nurses": (10, 120), "secretaries": (1, 12),
    "beds": (8, 60), "occupancy": (75, 110), "waiting_list": (20, 900), "wellbeing": (50, 90),
}
PHASES = ("preparation", "ambition", "analysis", "implementation", "operation")
PHASE_WEIGHTS = (2, 4, 3, 3, 1)
THEME_KEYS = tuple(THEMES)
PERSPECTIVES = tuple(p.value for p in Perspective)

#: About how many items a specialty holds besides its initiatives (used to size the portfolio).
_FIXED_PER_SPECIALTY = 52
_INITIATIVES_PER_SPECIALTY = 60
_START = dt.date(2025, 9, 1)
#: The generated portfolio's "today": statuses agree with the dates as seen from here.
_AS_OF = dt.date(2026, 11, 1)


def _status(rng: random.Random, start: dt.date, end: dt.date) -> str:
    """An initiative status that fits its dates (finished ones mostly done, future ones planned)."""
    if end < _AS_OF:
        return rng.choice(("done", "done", "done", "stopped", "in_progress"))
    if start > _AS_OF:
        return "planned"
    return rng.choice(("in_progress", "in_progress", "in_progress", "paused"))


class _Builder:
    """Collects the document's sections; people get numbered ids."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.doc: dict = {
            "format": FORMAT,
            "programme": {"id": "bass", "name": "Bæredygtige akutsygehuse og specialer", "region": "Region Sjælland"},
            "sites": [], "specialties": [], "strength_positions": [], "people": [], "roles": [], "ambitions": [],
            "situation": [], "challenges": [], "prerequisites": [], "focus_areas": [], "indicators": [], "initiatives": [],
        }
        self._people = 0
        self.site_names: dict[str, str] = {}
        self.site_short: dict[str, str] = {}

    def count(self) -> int:
        """Items so far, roles included."""
        return 1 + sum(len(v) for k, v in self.doc.items() if isinstance(v, list))

    def person(self, title: str, unit: str) -> str:
        self._people += 1
        pid = f"p{self._people:05d}"
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        local = f"{first}.{last}".lower().replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
        self.doc["people"].append(
            {"id": pid, "name": f"{first} {last}", "title": title, "email": f"{local}.{self._people}@example.org", "unit": unit}
        )
        return pid

    def role(self, person: str, role: str, target_field: str, target: str, note: str | None = None) -> None:
        item = {"person": person, "role": role, target_field: target}
        if note:
            item["note"] = note
        self.doc["roles"].append(item)


def _sites(b: _Builder, count: int) -> list[str]:
    """Add ``count`` sites (the real ones first); return the ids of the acute hospitals."""
    rng = b.rng
    acute: list[str] = []
    for i in range(count):
        if i < len(REAL_SITES):
            sid, name, short, is_acute, org, lat, lon = REAL_SITES[i]
        else:
            k = i - len(REAL_SITES)
            town = TOWNS[k % len(TOWNS)]
            round_ = k // len(TOWNS)
            sid = f"site{i:04d}"
            short = town + (f" {round_ + 1}" if round_ else "")
            name = f"{short} Sygehus"
            is_acute = rng.random() < 0.5
            org = f"Sygehusorganisation {rng.randint(1, max(2, count // 8))}"
            lat, lon = round(rng.uniform(54.65, 56.05), 4), round(rng.uniform(10.95, 12.55), 4)
        b.doc["sites"].append(
            {"id": sid, "name": name, "kind": "acute_hospital" if is_acute else "other", "organisation": org, "lat": lat, "lon": lon}
        )
        if is_acute:
            acute.append(sid)
        b.site_names[sid] = name
        b.site_short[sid] = short
    return acute


def _date(rng: random.Random, after: dt.date, within_days: int) -> dt.date:
    return after + dt.timedelta(days=rng.randint(0, within_days))


@dataclass
class _Parts:
    """What a specialty's initiatives hang on."""

    specialty: str
    focus_areas: list[str]  # those initiatives may serve (now and then one is left without)
    positions: list[str]
    sites: list[str]
    owners: list[str]


def _specialty(b: _Builder, n: int, acute: list[str]) -> _Parts:
    """Add one specialty with everything that belongs to it but its initiatives; return what those hang on.

    The parts are made in a fixed order from one random generator, so a seed gives one portfolio.
    """
    rng = b.rng
    stem, base = SPECIALTIES[n % len(SPECIALTIES)]
    round_ = n // len(SPECIALTIES)
    sid = stem if round_ == 0 else f"{stem}-{round_ + 1}"
    name = base if round_ == 0 else f"{base} {round_ + 1}"
    b.doc["specialties"].append({"id": sid, "name": name, "phase": rng.choices(PHASES, PHASE_WEIGHTS)[0]})
    positions, position_sites = _strength_positions(b, sid, name, acute)
    owners = _people(b, sid, name, positions, position_sites)
    amb = _ambition(b, sid, name)
    _situation(b, sid, name, position_sites)
    challenges = _challenges(b, sid, amb, position_sites)
    focus = _focus_areas(b, sid, name, amb, challenges)
    _prerequisites(b, sid, amb, focus)
    served = focus[:-1] if len(focus) > 1 and rng.random() < 0.15 else focus
    return _Parts(sid, served, positions, position_sites, owners)


def _strength_positions(b: _Builder, sid: str, name: str, acute: list[str]) -> tuple[list[str], list[str]]:
    """Strength positions at one or two (paired) acute hospitals, partnering other acute hospitals:
    their ids, and their sites in order."""
    rng = b.rng
    positions: list[str] = []
    position_sites: list[str] = []
    for k in range(rng.choice((1, 1, 2))):
        at = rng.sample(acute, min(len(acute), rng.choice((1, 2, 2))))
        others = [s for s in acute if s not in at]
        partners = rng.sample(others, min(len(others), rng.randint(0, 2)))
        pos = f"{sid}-sp{k + 1}"
        item: dict[str, Any] = {"id": pos, "name": f"{name} {'-'.join(b.site_short[s] for s in at)}", "specialty": sid, "sites": at}
        if partners:
            item["partner_sites"] = partners
        b.doc["strength_positions"].append(item)
        positions.append(pos)
        position_sites.extend(s for s in at if s not in position_sites)

    return positions, position_sites


def _people(b: _Builder, sid: str, name: str, positions: list[str], position_sites: list[str]) -> list[str]:
    """The specialty owner, a lead per strength position and a core team; return who may own initiatives."""
    rng = b.rng
    unit = f"Afdeling for {name.lower()}"
    team: list[str] = []
    if rng.random() < 0.95:  # now and then the owner is still missing
        owner = b.person("Vicedirektør", b.site_names[position_sites[0]])
        b.role(owner, "specialty_owner", "specialty", sid)
        team.append(owner)
    leads: list[str] = []
    for pos in positions:
        if rng.random() < 0.93:
            lead = b.person(rng.choice(TITLES_CLINICAL), unit)
            b.role(lead, "implementation_lead", "strength_position", pos)
            leads.append(lead)
    notes = ("ledende overlæge fra afgivende akutsygehus", "sygeplejefaglig repræsentant", "uddannelsesansvarlig overlæge",
             "repræsentant for sekretærerne", "kvalitetskonsulent")
    for k in range(rng.randint(3, 5)):
        member = b.person(rng.choice(TITLES_CLINICAL), unit)
        b.role(member, "core_team", "specialty", sid, notes[k % len(notes)])
        team.append(member)
    return leads + team[1:] + [b.person(rng.choice(TITLES_CLINICAL), unit) for _ in range(2)]


def _ambition(b: _Builder, sid: str, name: str) -> str:
    """The strategic ambition; return its id."""
    rng = b.rng
    amb = f"{sid}-amb"
    status = rng.choice(("draft", "submitted", "approved", "approved", "returned"))
    ambition = {"id": amb, "specialty": sid, "statement": f"{name} skal have robuste faglige fællesskaber på tværs af matriklerne",
                "horizon_months": rng.choice((12, 18, 24, 24, 36)), "status": status}
    if status == "approved":
        ambition["approved_on"] = _date(rng, _START, 400).isoformat()
    b.doc["ambitions"].append(ambition)

    return amb


def _situation(b: _Builder, sid: str, name: str, position_sites: list[str]) -> None:
    """Situation notes: one per perspective and site of the strength positions (some left out)."""
    rng = b.rng
    k = 0
    for site in position_sites[:2]:
        for perspective in PERSPECTIVES:
            if rng.random() < 0.1:
                continue
            k += 1
            note: dict[str, Any] = {"id": f"{sid}-sit{k}", "specialty": sid, "site": site, "perspective": perspective,
                    "text": f"Situationsbillede ({label(perspective).lower()}) for {name.lower()} på {b.site_names[site]}",
                    "as_of": _date(rng, _START, 300).isoformat(),
                    "source": rng.choice(("HR-data", "LPR", "Trivselsmåling", "Afdelingens opgørelse"))}
            if perspective in ("staff", "patient"):
                names = rng.sample(sorted(FIGURES), 3)
                note["figures"] = {f: float(rng.randint(int(FIGURES[f][0]), int(FIGURES[f][1]))) for f in names}
            b.doc["situation"].append(note)


def _challenges(b: _Builder, sid: str, amb: str, position_sites: list[str]) -> list[str]:
    """Core challenges, some at a site; return their ids."""
    rng = b.rng
    challenges: list[str] = []
    for k, (title, theme) in enumerate(rng.sample(CHALLENGES, rng.randint(4, 8)), start=1):
        cid = f"{sid}-ch{k}"
        seen_from = rng.sample(("professional", "staff", "organisational"), rng.choice((1, 2, 2, 3)))
        challenges.append(cid)
        item = {"id": cid, "ambition": amb, "title": title,
                "perspectives": {p: f"{label(p)} perspektiv: {title.lower()}" for p in sorted(seen_from)}, "themes": [theme]}
        if rng.random() < 0.3:
            item["site"] = rng.choice(position_sites)
        b.doc["challenges"].append(item)
    return challenges


def _focus_areas(b: _Builder, sid: str, name: str, amb: str, challenges: list[str]) -> list[str]:
    """Focus areas in sequence, each addressing challenges, with indicators and readings; return their ids."""
    rng = b.rng
    focus: list[str] = []
    unaddressed = challenges[:]
    rng.shuffle(unaddressed)
    for k, (title, theme) in enumerate(rng.sample(FOCUS_AREAS, rng.randint(4, 6)), start=1):
        fid = f"{sid}-fa{k}"
        focus.append(fid)
        addresses = [unaddressed.pop()] if unaddressed else [rng.choice(challenges)]
        if unaddressed and rng.random() < 0.4:
            addresses.append(unaddressed.pop())
        b.doc["focus_areas"].append({
            "id": fid, "ambition": amb, "title": title, "description": f"{title} i {name.lower()}",
            "sequence": ("now", "now", "next", "next", "later", "later")[k - 1], "order": k,
            "addresses": addresses,
            "themes": [theme] + ([rng.choice([t for t in THEME_KEYS if t != theme])] if rng.random() < 0.3 else []),
        })
        indicators = rng.choices((0, 1, 2, 3), (1, 6, 7, 6))[0]
        for j, (ind_name, kind, unit_) in enumerate(rng.sample(INDICATORS, indicators), start=1):
            indicator: dict[str, Any] = {"id": f"{fid}-ind{j}", "focus_area": fid, "name": ind_name, "kind": kind}
            if kind == "quantitative":
                start_value = float(rng.randint(10, 80))
                indicator.update(unit=unit_, baseline=start_value, target=start_value + rng.randint(5, 20))
                indicator["readings"] = [
                    {"date": (_START + dt.timedelta(days=91 * r)).isoformat(), "value": start_value + rng.randint(-3, 3 + 2 * r)}
                    for r in range(rng.randint(0, 4))
                ]
            if not indicator.get("readings"):
                indicator.pop("readings", None)
            b.doc["indicators"].append(indicator)
    return focus


def _prerequisites(b: _Builder, sid: str, amb: str, focus: list[str]) -> None:
    """Prerequisites, each enabling some focus areas."""
    rng = b.rng
    for k, (text, kind) in enumerate(rng.sample(PREREQUISITES, rng.randint(3, 6)), start=1):
        b.doc["prerequisites"].append({
            "id": f"{sid}-pre{k}", "ambition": amb, "text": text, "kind": kind,
            "status": rng.choice(("proposed", "agreed", "agreed", "met", "not_met", "withdrawn")),
            "enables": rng.sample(focus, rng.randint(1, min(3, len(focus)))),
        })


def _initiatives(b: _Builder, parts: _Parts, count: int) -> None:
    """Add ``count`` initiatives: mostly serving one focus area, short and owned; a few gaps on purpose."""
    rng = b.rng
    for k in range(1, count + 1):
        start = _date(rng, _START, 700)
        end = start + dt.timedelta(days=rng.randint(60, 360))
        item: dict = {
            "id": f"{parts.specialty}-i{k}",
            "title": f"{rng.choice(INITIATIVE_VERBS)} {rng.choice(INITIATIVE_TOPICS)}",
            "focus_areas": rng.sample(parts.focus_areas, 1 if rng.random() < 0.85 else 2),
            "strength_position": rng.choice(parts.positions),
            "owner": rng.choice(parts.owners),
            "status": _status(rng, start, end),
            "start": start.isoformat(),
            "end": end.isoformat(),
        }
        themes = rng.sample(THEME_KEYS, rng.randint(0, 2))
        if themes:
            item["themes"] = themes
        if rng.random() < 0.1:  # some are delivered at one site rather than the strength position
            del item["strength_position"]
            item["site"] = rng.choice(parts.sites)
        gap = rng.random()
        if gap < 0.02:
            del item["focus_areas"]  # an orphan
        elif gap < 0.04:
            del item["owner"]
        elif gap < 0.06:
            item["end"] = (start + dt.timedelta(days=rng.randint(400, 800))).isoformat()  # longer than a year
        b.doc["initiatives"].append(item)


def generate_document(nodes: int, seed: int = 1) -> dict:
    """Return a synthetic portfolio document of about ``nodes`` items (roles included), the same for the same seed.

    Specialties scale with ``nodes`` (about one per 110 items); sites with the specialties. The
    number of initiatives is set last so the total lands on ``nodes`` (a floor of one specialty
    without initiatives applies to very small targets).
    """
    rng = random.Random(seed)
    b = _Builder(rng)
    specialties = max(1, round(nodes / (_FIXED_PER_SPECIALTY + _INITIATIVES_PER_SPECIALTY)))
    acute = _sites(b, len(REAL_SITES) + specialties // 8)

    # the programme's own people
    for _ in range(2 + specialties // 40):
        b.role(b.person("Konsulent", "BASS-programsekretariatet"), "secretariat", "programme", "bass")
    for k in range(5 + specialties // 40):
        title = ("Koncerndirektør", "Hospitalsdirektør", "Vicedirektør", "Cheflæge")[k % 4]
        b.role(b.person(title, "Programstyregruppen"), "steering_group", "programme", "bass")

    # Initiatives are the flexible part: each specialty gets an even share of what is left of
    # the target once the specialties still to come have their other items, so the total lands on ``nodes``.
    for n in range(specialties):
        parts = _specialty(b, n, acute)
        still_to_come = specialties - n - 1
        free = nodes - b.count() - still_to_come * _FIXED_PER_SPECIALTY
        _initiatives(b, parts, max(0, round(free / (still_to_come + 1))))
    return b.doc
