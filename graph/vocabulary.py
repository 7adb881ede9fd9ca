"""The programme's shared vocabulary: enumerations and themes, with Danish and English labels.

Every enumeration value is written in files exactly as its ``value``; ``label(value, lang)``
gives what a person reads.
"""
from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    preparation = "preparation"
    ambition = "ambition"
    analysis = "analysis"
    implementation = "implementation"
    operation = "operation"


class SiteKind(StrEnum):
    acute_hospital = "acute_hospital"
    other = "other"


class AmbitionStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    returned = "returned"


class Perspective(StrEnum):
    patient = "patient"
    professional = "professional"
    staff = "staff"
    organisational = "organisational"


#: The three sustainability perspectives (the patient perspective is not one of them).
SUSTAINABILITY_PERSPECTIVES: tuple[Perspective, ...] = (
    Perspective.professional,
    Perspective.staff,
    Perspective.organisational,
)


class PrerequisiteKind(StrEnum):
    permanent_resources = "permanent_resources"
    temporary_resources = "temporary_resources"
    management_decision = "management_decision"
    other = "other"


#: Prerequisite kinds that ask for new money or people.
RESOURCE_KINDS = frozenset({PrerequisiteKind.permanent_resources, PrerequisiteKind.temporary_resources})


class PrerequisiteStatus(StrEnum):
    proposed = "proposed"
    agreed = "agreed"
    #: The steering group did not agree to it (a decision at a meeting, with its reason).
    not_agreed = "not_agreed"
    met = "met"
    not_met = "not_met"
    withdrawn = "withdrawn"


#: Prerequisite statuses that need no more attention.
SETTLED_PREREQUISITE = frozenset({PrerequisiteStatus.met, PrerequisiteStatus.withdrawn})


class Sequence(StrEnum):
    now = "now"
    next = "next"
    later = "later"


class IndicatorKind(StrEnum):
    quantitative = "quantitative"
    qualitative = "qualitative"


class InitiativeStatus(StrEnum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"
    paused = "paused"
    stopped = "stopped"


class FigureKind(StrEnum):
    """What a situation-picture figure measures; only counts may be summed across sites."""

    count = "count"  # type: ignore[assignment]  # the file format's word; shadows str.count on purpose
    percent = "percent"
    score = "score"
    days = "days"
    amount = "amount"
    other = "other"


#: Figure kinds whose values may be added up across sites.
SUMMABLE_FIGURES = frozenset({FigureKind.count, FigureKind.amount})


class SupportStatus(StrEnum):
    proposed = "proposed"
    approved = "approved"
    active = "active"
    closed = "closed"
    rejected = "rejected"
    withdrawn = "withdrawn"  # promised, then taken back: what depends on it is to be re-confirmed (issue 23)


class DecisionOutcome(StrEnum):
    """An ambition is approved or returned; a prerequisite agreed or not agreed; any other item noted."""

    approved = "approved"
    returned = "returned"
    agreed = "agreed"
    not_agreed = "not_agreed"
    noted = "noted"


#: The outcomes a decision may have, by what the agenda item points at (a free-text item: ``""``).
OUTCOMES_FOR: dict[str, tuple[str, ...]] = {
    "ambition": ("approved", "returned"),
    "professional_ambition": ("approved", "returned"),
    "prerequisite": ("agreed", "not_agreed"),
    "specialty": ("noted",),
    "": ("noted", "approved", "returned"),
}


class LinkKind(StrEnum):
    """A link between two elements of different specialties, made by a person."""

    joint = "joint"
    related = "related"
    dismissed = "dismissed"


class RoleKind(StrEnum):
    specialty_owner = "specialty_owner"
    implementation_lead = "implementation_lead"
    core_team = "core_team"
    secretariat = "secretariat"
    steering_group = "steering_group"


#: Which kind of element each role points at.
ROLE_TARGET: dict[RoleKind, str] = {
    RoleKind.specialty_owner: "specialty",
    RoleKind.implementation_lead: "strength_position",
    RoleKind.core_team: "specialty",
    RoleKind.secretariat: "programme",
    RoleKind.steering_group: "programme",
}


#: Theme key -> (perspective, Danish label, English label).
THEMES: dict[str, tuple[Perspective, str, str]] = {
    "strong_environments": (Perspective.professional, "Stærke faglige miljøer", "Strong professional environments"),
    "interdisciplinary_collaboration": (Perspective.professional, "Tværfagligt samarbejde", "Interdisciplinary collaboration"),
    "professional_development": (Perspective.professional, "Faglige udviklingsmuligheder", "Professional development opportunities"),
    "uniform_treatment": (Perspective.professional, "Ensartede behandlingstilbud", "Uniform treatment offers"),
    "staff_capacity": (Perspective.staff, "Medarbejderkapacitet", "Staff capacity"),
    "wellbeing": (Perspective.staff, "Personaletrivsel og arbejdsmiljø", "Staff wellbeing and work environment"),
    "work_planning": (Perspective.staff, "Arbejdstilrettelæggelse", "Work planning"),
    "recruitment_retention": (Perspective.staff, "Rekruttering og fastholdelse", "Recruitment and retention"),
    "strength_position_link": (
        Perspective.organisational,
        "Sikre sammenhæng mellem styrkeposition og akutsygehus",
        "Link between strength position and acute hospital",
    ),
    "responsibility": (Perspective.organisational, "Organisering af ansvar", "Organisation of responsibility"),
    "population_responsibility": (Perspective.organisational, "Populationsansvar", "Population responsibility"),
    "planning_prioritisation": (Perspective.organisational, "Planlægning og prioritering", "Planning and prioritisation"),
}


_LABELS: dict[str, tuple[str, str]] = {
    # phases
    "preparation": ("Forberedelse", "Preparation"),
    "ambition": ("Ambition", "Ambition"),
    "analysis": ("Analyse", "Analysis"),
    "implementation": ("Implementering", "Implementation"),
    "operation": ("Drift", "Operation"),
    # site kinds
    "acute_hospital": ("Akutsygehus", "Acute hospital"),
    "other": ("Andet", "Other"),
    # ambition status
    "draft": ("Kladde", "Draft"),
    "submitted": ("Indsendt", "Submitted"),
    "approved": ("Godkendt", "Approved"),
    "returned": ("Sendt retur", "Returned"),
    # perspectives
    "patient": ("Patient (inkl. population)", "Patient (incl. population)"),
    "professional": ("Faglig", "Professional"),
    "staff": ("Personalemæssig", "Staff"),
    "organisational": ("Organisatorisk", "Organisational"),
    # prerequisite kinds and status
    "permanent_resources": ("Varige ressourcer", "Permanent resources"),
    "temporary_resources": ("Midlertidige ressourcer", "Temporary resources"),
    "management_decision": ("Ledelsesbeslutning", "Management decision"),
    "proposed": ("Foreslået", "Proposed"),
    "agreed": ("Aftalt", "Agreed"),
    "met": ("Opfyldt", "Met"),
    "not_met": ("Ikke opfyldt", "Not met"),
    "withdrawn": ("Trukket tilbage", "Withdrawn"),
    # sequence
    "now": ("Start nu", "Start now"),
    "next": ("Dernæst", "Next"),
    "later": ("Senere", "Later"),
    # indicator kinds
    "quantitative": ("Kvantitativ", "Quantitative"),
    "qualitative": ("Kvalitativ", "Qualitative"),
    # initiative status
    "planned": ("Planlagt", "Planned"),
    "in_progress": ("I gang", "In progress"),
    "done": ("Afsluttet", "Done"),
    "paused": ("Sat på pause", "Paused"),
    "stopped": ("Stoppet", "Stopped"),
    # figure kinds
    "count": ("Antal", "Count"),
    "percent": ("Procent", "Percent"),
    "score": ("Score", "Score"),
    "days": ("Dage", "Days"),
    "amount": ("Beløb", "Amount"),
    # support offer status
    "active": ("Aktivt", "Active"),
    "closed": ("Lukket", "Closed"),
    "rejected": ("Afvist", "Rejected"),
    # links between specialties
    "joint": ("Fælles indsats", "Joint effort"),
    "related": ("Beslægtet", "Related"),
    "dismissed": ("Afvist forslag", "Dismissed suggestion"),
    # roles
    "specialty_owner": ("Specialeejer", "Specialty owner"),
    "implementation_lead": ("Implementeringsansvarlig", "Implementation lead"),
    "core_team": ("Kerneteam", "Core team"),
    "secretariat": ("Programsekretariat", "Programme secretariat"),
    "steering_group": ("Programstyregruppe", "Steering group"),
}

#: Element kinds (internal key) -> (Danish, English) names as the users know them.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "programme": ("Program", "Programme"),
    "site": ("Matrikel", "Site"),
    "specialty": ("Speciale", "Specialty"),
    "strength_position": ("Styrkeposition", "Strength position"),
    "person": ("Person", "Person"),
    "role": ("Rolle", "Role"),
    "ambition": ("Strategisk ambition", "Strategic ambition"),
    "situation": ("Situationsbillede", "Situation picture"),
    "challenge": ("Kerneudfordring", "Core challenge"),
    "prerequisite": ("Forudsætning", "Prerequisite"),
    "focus_area": ("Strategisk indsatsområde", "Strategic focus area"),
    "indicator": ("Indikator", "Indicator"),
    "initiative": ("Faglig indsats", "Initiative"),
    "theme": ("Tema", "Theme"),
    "support_offer": ("Støttetilbud", "Support offer"),
    "decision": ("Beslutning", "Decision"),
    "baseline": ("Godkendt udgave", "Approved version"),
    "synergy_link": ("Forbindelse på tværs", "Cross-specialty link"),
}


def label(value: str, lang: str = "da") -> str:
    """Return the Danish (``lang="da"``) or English label of an enumeration value or theme key.

    >>> label("implementation_lead")
    'Implementeringsansvarlig'
    >>> label("recruitment_retention", "en")
    'Recruitment and retention'

    Unknown values are returned unchanged.
    """
    index = 0 if lang == "da" else 1
    if value in THEMES:
        return THEMES[value][1 + index]
    if value in _LABELS:
        return _LABELS[value][index]
    return value


def kind_label(kind: str, lang: str = "da") -> str:
    """Return the name of an element kind as the users know it (``"focus_area"`` -> ``"Strategisk indsatsområde"``)."""
    pair = KIND_LABELS.get(kind)
    if pair is None:
        return kind
    return pair[0 if lang == "da" else 1]


#: Words for the usual situation-picture figures (Danish, English); other figure names are shown as written.
FIGURE_LABELS: dict[str, tuple[str, str]] = {
    "specialists": ("Speciallæger", "Specialists"),
    "trainees": ("Uddannelseslæger", "Trainees"),
    "nurses": ("Sygeplejersker", "Nurses"),
    "secretaries": ("Sekretærer", "Secretaries"),
    "beds": ("Senge", "Beds"),
    "occupancy": ("Belægning", "Occupancy"),
    "waiting_list": ("Venteliste", "Waiting list"),
    "wellbeing": ("Trivsel", "Wellbeing"),
}


def figure_label(name: str, lang: str = "da") -> str:
    """Return a situation-picture figure's name in ``lang`` (``"da"`` or ``"en"``); unknown names as written.

    >>> figure_label("specialists"), figure_label("specialists", "en"), figure_label("ambulancer")
    ('Speciallæger', 'Specialists', 'ambulancer')
    """
    pair = FIGURE_LABELS.get(name)
    return name if pair is None else pair[0 if lang == "da" else 1]


# -- follow-up after approval: status check-ins, indicator progress, signals from practice --------


class CheckInStatus(StrEnum):
    """Where the element reported on stands, as its lead or owner judges it."""

    on_track = "on_track"
    at_risk = "at_risk"
    off_track = "off_track"
    done = "done"


#: Check-in statuses from best to worst; a roll-up takes the worst of what it weighs (``done`` is not a worry).
CHECK_IN_SEVERITY: dict[str, int] = {"done": 0, "on_track": 0, "at_risk": 1, "off_track": 2}


class ReportingRhythm(StrEnum):
    """How often the programme asks for a status check-in (the period a check-in reports on)."""

    monthly = "monthly"
    quarterly = "quarterly"


class Direction(StrEnum):
    """Which way an indicator should move."""

    higher_is_better = "higher_is_better"
    lower_is_better = "lower_is_better"
    target_band = "target_band"


class SignalKind(StrEnum):
    barrier = "barrier"
    risk = "risk"
    question = "question"
    #: Raised by the tracker when a prerequisite is marked not met or a support offer withdrawn (issue 23).
    reconfirm = "reconfirm"


class Verdict(StrEnum):
    """The answer to a re-confirmation: the element still holds without what failed, or must change."""

    holds = "holds"
    must_change = "must_change"


class SignalStatus(StrEnum):
    open = "open"
    answered = "answered"
    closed = "closed"


_LABELS.update(
    {
        "on_track": ("På sporet", "On track"),
        "at_risk": ("I risiko", "At risk"),
        "off_track": ("Ikke på sporet", "Off track"),
        "monthly": ("Månedlig", "Monthly"),
        "quarterly": ("Kvartalsvis", "Quarterly"),
        "higher_is_better": ("Højere er bedre", "Higher is better"),
        "lower_is_better": ("Lavere er bedre", "Lower is better"),
        "target_band": ("Inden for et interval", "Within a band"),
        "barrier": ("Barriere", "Barrier"),
        "risk": ("Risiko", "Risk"),
        "question": ("Spørgsmål", "Question"),
        "open": ("Åben", "Open"),
        "answered": ("Besvaret", "Answered"),
        "reconfirm": ("Til genbekræftelse", "To re-confirm"),
        "holds": ("Holder stadig", "Still holds"),
        "must_change": ("Skal ændres", "Must change"),
    }
)
KIND_LABELS.update(
    {
        "check_in": ("Statusopdatering", "Status check-in"),
        "signal": ("Signal fra praksis", "Signal from practice"),
    }
)


# -- the steering group's meetings (møde, dagsorden, referat) ------------------------------------

_LABELS.update(
    {
        "not_agreed": ("Ikke aftalt", "Not agreed"),
        "noted": ("Taget til efterretning", "Noted"),
    }
)
KIND_LABELS.update(
    {
        "meeting": ("Møde", "Meeting"),
        "agenda_item": ("Dagsordenspunkt", "Agenda item"),
        "professional_ambition": ("Faglig ambition", "Professional ambition"),
        "position_part": ("Styrkepositionens del", "Strength position's part"),
    }
)
