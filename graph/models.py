"""Pydantic models of every element kind, in the shape of portfolio file format v1 (DESIGN.md section 6).

Each model is one item of a file section. References to other items are their ids. Models forbid
unknown keys, trim surrounding white space and bound the length of every text field, so a bad
item is rejected with a message that names the field.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from graph.vocabulary import (
    OUTCOMES_FOR,
    THEMES,
    AmbitionStatus,
    CheckInStatus,
    DecisionOutcome,
    Direction,
    FigureKind,
    IndicatorKind,
    InitiativeStatus,
    LinkKind,
    Perspective,
    Phase,
    PrerequisiteKind,
    PrerequisiteStatus,
    ReportingRhythm,
    RoleKind,
    Sequence,
    SignalKind,
    SignalStatus,
    SiteKind,
    SupportStatus,
    Verdict,
)

#: An id: 1-100 characters of letters, digits and ``_ . : -``; stable across exports.
Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100, pattern=r"^[\w.:-]+$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")]
ThemeKey = Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)]
#: Why a link holds (an initiative serves a focus area because ...): kept on the item, keyed by the target's id.
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)]
Value = float | Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]


class Element(BaseModel):
    """Common base: strict keys, bounded text."""

    # allow_inf_nan=False: "nan" and "1e999" are not numbers a portfolio can hold, and JSON cannot carry them.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True, allow_inf_nan=False)

    #: The element kind (internal key, singular) and the file section (plural) it lives in.
    kind: ClassVar[str]
    section: ClassVar[str]
    #: field name -> (relation, target kinds, direction) for every reference field; see graph.schema.

    if TYPE_CHECKING:
        # Every kind has an id: a field of most, a property made of the role's parts for a role.
        @property
        def id(self) -> str: ...

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        """An optional text given as blank (``description: ''``) is no text, as an empty Excel cell is.

        Otherwise the same portfolio would differ by where it was last written: a workbook cannot keep ``''``.
        """
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {
            key: value for key, value in data.items()
            if not (isinstance(value, str) and not value.strip() and key in fields and fields[key].default is None
                    and not fields[key].is_required())
        }

    def title_text(self) -> str:
        """What a person reads as this element's name."""
        for name in ("title", "name", "statement", "text"):
            value = getattr(self, name, None)
            if value:
                return str(value)
        return str(getattr(self, "id", ""))


def _check_themes(themes: list[str]) -> list[str]:
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        raise ValueError(f"unknown theme {', '.join(map(repr, unknown))}; known themes: {', '.join(THEMES)}")
    if len(set(themes)) != len(themes):
        raise ValueError("a theme is given twice")
    return themes


def _no_repeats(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise ValueError("an id is given twice")
    return values


def _reasons_for_links(reasons: dict[str, str], linked: list[str], fields: str) -> None:
    """Refuse a reason for a link the item does not have."""
    stray = [key for key in reasons if key not in linked]
    if stray:
        raise ValueError(f"reasons are given for {', '.join(map(repr, stray))}, which is not in {fields}")


class Programme(Element):
    kind: ClassVar[str] = "programme"
    section: ClassVar[str] = "programme"
    id: Id
    name: Name
    region: Name | None = None
    #: How often a status check-in is due (left out: monthly).
    reporting_rhythm: ReportingRhythm | None = None


class Site(Element):
    kind: ClassVar[str] = "site"
    section: ClassVar[str] = "sites"
    id: Id
    name: Name
    kind_: SiteKind = Field(SiteKind.other, alias="kind")
    organisation: Name | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)

    model_config = ConfigDict(populate_by_name=True)


class Specialty(Element):
    kind: ClassVar[str] = "specialty"
    section: ClassVar[str] = "specialties"
    id: Id
    name: Name
    phase: Phase | None = None


class StrengthPosition(Element):
    kind: ClassVar[str] = "strength_position"
    section: ClassVar[str] = "strength_positions"
    id: Id
    name: Name | None = None
    specialty: Id
    sites: list[Id] = Field(min_length=1, max_length=2)
    partner_sites: list[Id] = Field(default_factory=list, max_length=50)

    _unique = field_validator("sites", "partner_sites")(_no_repeats)


class Person(Element):
    kind: ClassVar[str] = "person"
    section: ClassVar[str] = "people"
    id: Id
    name: Name
    title: Name | None = None
    email: Email | None = None
    unit: Name | None = None


class Role(Element):
    """A person's role; points at exactly one of specialty, strength position or programme."""

    kind: ClassVar[str] = "role"
    section: ClassVar[str] = "roles"
    person: Id
    role: RoleKind
    specialty: Id | None = None
    strength_position: Id | None = None
    programme: Id | None = None
    note: ShortText | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Role:
        targets = [t for t in ("specialty", "strength_position", "programme") if getattr(self, t) is not None]
        if len(targets) != 1:
            raise ValueError("a role points at exactly one of specialty, strength_position or programme")
        return self

    @property
    def target_field(self) -> str:
        return next(t for t in ("specialty", "strength_position", "programme") if getattr(self, t) is not None)

    @property
    def target(self) -> str:
        value: str = getattr(self, self.target_field)
        return value

    @property
    def id(self) -> str:
        """Roles have no id in the file; the store keys them by person, role and target."""
        return role_id(self.person, str(self.role), self.target)


def role_id(person: str, role: str, target: str) -> str:
    """The store key of a role: ``role~person~role~target``."""
    return f"role~{person}~{role}~{target}"


class Ambition(Element):
    kind: ClassVar[str] = "ambition"
    section: ClassVar[str] = "ambitions"
    id: Id
    specialty: Id
    statement: LongText = Field(min_length=1)
    horizon_months: int | None = Field(None, ge=1, le=240)
    status: AmbitionStatus = AmbitionStatus.draft
    approved_on: dt.date | None = None
    #: The ambition this one is a new version of (the old version stays readable).
    previous: Id | None = None


class Figure(BaseModel):
    """A figure with its unit and kind; a plain number in a file is a count without unit."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)
    value: float
    unit: Unit | None = None
    kind: FigureKind = FigureKind.count


def figure_parts(value: object) -> tuple[float, str | None, str]:
    """Return ``(value, unit, kind)`` of a stored figure (a number or ``{value, unit, kind}``).

    >>> figure_parts(12), figure_parts({"value": 59, "unit": "point", "kind": "score"})
    ((12.0, None, 'count'), (59.0, 'point', 'score'))
    """
    if isinstance(value, dict):
        return float(value["value"]), value.get("unit"), str(value.get("kind", FigureKind.count.value))
    return float(value), None, FigureKind.count.value  # type: ignore[arg-type]


def _figure_branch(value: object) -> str:
    return "Figure" if isinstance(value, dict | Figure) else "float"


#: A figure as a file writes it: a plain number, or ``{value, unit, kind}``. The discriminator validates
#: only the branch the value is written in, so a bad figure gets one message, not one per branch.
FigureValue = Annotated[
    Annotated[float, Tag("float")] | Annotated[Figure, Tag("Figure")], Discriminator(_figure_branch)
]


class SituationNote(Element):
    kind: ClassVar[str] = "situation"
    section: ClassVar[str] = "situation"
    id: Id
    specialty: Id
    site: Id | None = None
    perspective: Perspective
    text: LongText | None = None
    figures: dict[Annotated[str, StringConstraints(min_length=1, max_length=100)], FigureValue] = Field(
        default_factory=dict, max_length=100
    )
    as_of: dt.date | None = None
    source: ShortText | None = None


class ChallengePerspectives(BaseModel):
    """A core challenge's description per sustainability perspective."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    professional: LongText | None = None
    staff: LongText | None = None
    organisational: LongText | None = None


class CoreChallenge(Element):
    kind: ClassVar[str] = "challenge"
    section: ClassVar[str] = "challenges"
    id: Id
    ambition: Id
    title: Title
    site: Id | None = None
    perspectives: ChallengePerspectives = Field(default_factory=ChallengePerspectives)
    themes: list[ThemeKey] = Field(default_factory=list)

    _themes = field_validator("themes")(_check_themes)


class Prerequisite(Element):
    kind: ClassVar[str] = "prerequisite"
    section: ClassVar[str] = "prerequisites"
    id: Id
    ambition: Id
    text: Title
    kind_: PrerequisiteKind = Field(PrerequisiteKind.other, alias="kind")
    status: PrerequisiteStatus = PrerequisiteStatus.proposed
    enables: list[Id] = Field(default_factory=list)
    draws_on: list[Id] = Field(default_factory=list)
    reasons: dict[Id, Reason] = Field(default_factory=dict, max_length=200)

    model_config = ConfigDict(populate_by_name=True)
    _unique = field_validator("enables", "draws_on")(_no_repeats)

    @model_validator(mode="after")
    def _reasons(self) -> Prerequisite:
        _reasons_for_links(self.reasons, self.enables + self.draws_on, "enables or draws_on")
        return self


class FocusArea(Element):
    kind: ClassVar[str] = "focus_area"
    section: ClassVar[str] = "focus_areas"
    id: Id
    ambition: Id
    title: Title
    description: LongText | None = None
    sequence: Sequence | None = None
    order: int | None = Field(None, ge=0, le=10_000)
    addresses: list[Id] = Field(default_factory=list)
    themes: list[ThemeKey] = Field(default_factory=list)
    carried_from: Id | None = None

    _unique = field_validator("addresses")(_no_repeats)
    _themes = field_validator("themes")(_check_themes)


class Reading(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)
    date: dt.date
    value: Value
    note: ShortText | None = None


class Indicator(Element):
    kind: ClassVar[str] = "indicator"
    section: ClassVar[str] = "indicators"
    id: Id
    focus_area: Id
    name: Title
    kind_: IndicatorKind = Field(IndicatorKind.quantitative, alias="kind")
    unit: Annotated[str, StringConstraints(strip_whitespace=True, max_length=50)] | None = None
    baseline: Value | None = None
    target: Value | None = None
    readings: list[Reading] = Field(default_factory=list, max_length=1000)
    carried_from: Id | None = None
    #: Which way the indicator should move (left out: towards the target from the baseline).
    direction: Direction | None = None
    #: The date by which the target is to be reached.
    target_date: dt.date | None = None
    #: A reading is due every this many months (left out: no reading is ever overdue).
    reading_frequency_months: int | None = None
    #: For ``target_band``: how far from the target a reading may lie and still be in the band.
    tolerance: float | None = Field(None, ge=0)

    model_config = ConfigDict(populate_by_name=True)

    @field_validator("reading_frequency_months")
    @classmethod
    def _frequency(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 120:
            raise ValueError(f"the reading frequency is given in months, 1 to 120, not {value}")
        return value


class Initiative(Element):
    kind: ClassVar[str] = "initiative"
    section: ClassVar[str] = "initiatives"
    id: Id
    title: Title
    description: LongText | None = None
    focus_areas: list[Id] = Field(default_factory=list)
    strength_position: Id | None = None
    site: Id | None = None
    owner: Id | None = None
    status: InitiativeStatus = InitiativeStatus.planned
    start: dt.date | None = None
    end: dt.date | None = None
    themes: list[ThemeKey] = Field(default_factory=list)
    draws_on: list[Id] = Field(default_factory=list)
    reasons: dict[Id, Reason] = Field(default_factory=dict, max_length=200)
    carried_from: Id | None = None

    _unique = field_validator("focus_areas", "draws_on")(_no_repeats)
    _themes = field_validator("themes")(_check_themes)

    @model_validator(mode="after")
    def _place_and_dates(self) -> Initiative:
        if self.strength_position is not None and self.site is not None:
            raise ValueError("an initiative is delivered at a strength_position or a site, not both")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        _reasons_for_links(self.reasons, self.focus_areas + self.draws_on, "focus_areas or draws_on")
        return self


class SupportOffer(Element):
    """Programme-wide support (HR package, transaction fund, joint recruitment campaign) any specialty may draw on."""

    kind: ClassVar[str] = "support_offer"
    section: ClassVar[str] = "support_offers"
    id: Id
    title: Title
    description: LongText | None = None
    owner: Id | None = None
    status: SupportStatus = SupportStatus.proposed
    start: dt.date | None = None
    end: dt.date | None = None

    @model_validator(mode="after")
    def _period(self) -> SupportOffer:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class ProfessionalAmbition(Element):
    """The faglig ambition of a specialty (faglig ambition): its initiatives, in the order of the focus areas of
    the strategic ambition it realises, and a part per strength position; approved as the strategic one is."""

    kind: ClassVar[str] = "professional_ambition"
    section: ClassVar[str] = "professional_ambitions"
    id: Id
    #: The strategic ambition it realises (its focus areas order the initiatives).
    ambition: Id
    status: AmbitionStatus = AmbitionStatus.draft
    approved_on: dt.date | None = None

    def title_text(self) -> str:
        return self.id


class PositionPart(Element):
    """One strength position's part of a faglig ambition, written by its implementation lead: what the faglig
    ambition wants there, and how the lead involves the departments."""

    kind: ClassVar[str] = "position_part"
    section: ClassVar[str] = "position_parts"
    id: Id
    professional_ambition: Id
    strength_position: Id
    aim: LongText | None = None
    involvement: LongText | None = None

    def title_text(self) -> str:
        return self.strength_position


class Meeting(Element):
    """A meeting of a programme's steering group (møde): when, where, who chairs it; its agenda items point at it."""

    kind: ClassVar[str] = "meeting"
    section: ClassVar[str] = "meetings"
    id: Id
    programme: Id
    date: dt.date
    title: Name | None = None
    place: ShortText | None = None
    #: The person who chairs the meeting (the steering group's decisions are recorded in their name).
    chair: Id | None = None
    note: LongText | None = None

    def title_text(self) -> str:
        return self.title or self.date.isoformat()


class AgendaItem(Element):
    """One item of a meeting's agenda (dagsordenspunkt): an ambition or a prerequisite to decide, a
    specialty's status report to hear, or a free-text item (a title and no subject)."""

    kind: ClassVar[str] = "agenda_item"
    section: ClassVar[str] = "agenda_items"
    id: Id
    meeting: Id
    #: Place on the agenda, from 1.
    order: int = Field(ge=1, le=1_000)
    subject: Id | None = None
    title: Title | None = None
    note: LongText | None = None

    @model_validator(mode="after")
    def _about_something(self) -> AgendaItem:
        if self.subject is None and self.title is None:
            raise ValueError("an agenda item has a subject or a title")
        return self

    def title_text(self) -> str:
        return self.title or self.subject or self.id


class Decision(Element):
    """The steering group's decision, with the written reason: on an ambition (approved or returned), on a
    prerequisite (agreed or not agreed), or on another agenda item (noted); taken at a meeting or outside one."""

    kind: ClassVar[str] = "decision"
    section: ClassVar[str] = "decisions"
    id: Id
    ambition: Id | None = None
    prerequisite: Id | None = None
    outcome: DecisionOutcome
    decided_on: dt.date
    reason: LongText = Field(min_length=1)
    #: Free text naming the meeting (older decisions); a decision taken at a meeting names its agenda item.
    meeting: ShortText | None = None
    #: Who decided: a member of the steering group, or the meeting's chair for a decision recorded at a meeting.
    by: Id | None = None
    #: The store revision the decision was taken at.
    revision: int | None = Field(None, ge=0)
    #: The agenda item the decision resolves (the minutes of its meeting list it).
    agenda_item: Id | None = None
    #: Who recorded it on behalf of the steering group (the secretariat), when not the one who decided.
    recorded_by: Id | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Decision:
        if self.ambition is not None and self.prerequisite is not None:
            raise ValueError("a decision is about an ambition or a prerequisite, not both")
        if self.ambition is None and self.prerequisite is None and self.agenda_item is None:
            raise ValueError("a decision is about an ambition, a prerequisite or an agenda item")
        about = "ambition" if self.ambition else "prerequisite" if self.prerequisite else ""
        if str(self.outcome) not in OUTCOMES_FOR[about]:
            what = {"ambition": "an ambition", "prerequisite": "a prerequisite"}.get(about, "an agenda item")
            raise ValueError(f"a decision on {what} is not '{self.outcome}'; it is one of {', '.join(OUTCOMES_FOR[about])}")
        return self


class Baseline(Element):
    """What the steering group approved: a frozen copy of one ambition's strategic content."""

    kind: ClassVar[str] = "baseline"
    section: ClassVar[str] = "baselines"
    id: Id
    ambition: Id
    decision: Id | None = None
    revision: int = Field(ge=0)
    approved_on: dt.date
    #: {"ambition": {...}, "situation": [...], "challenges": [...], "prerequisites": [...],
    #: "focus_areas": [...], "indicators": [...]} as file-format items (indicators without readings).
    content: dict[Annotated[str, StringConstraints(max_length=40)], Any] = Field(default_factory=dict, max_length=20)


class SynergyLink(Element):
    """Two elements of different specialties marked as one joint effort, as related, or a suggestion dismissed."""

    kind: ClassVar[str] = "synergy_link"
    section: ClassVar[str] = "synergy_links"
    id: Id
    source: Id
    target: Id
    link: LinkKind = LinkKind.joint
    reason: LongText | None = None
    by: Id | None = None
    on: dt.date | None = None
    #: For a dismissal: the specialty for which the suggestion is hidden.
    specialty: Id | None = None

    @model_validator(mode="after")
    def _two_ends(self) -> SynergyLink:
        if self.source == self.target:
            raise ValueError("a link joins two different elements")
        return self


class CheckIn(Element):
    """A status check-in (statusopdatering) on an initiative, a focus area or an ambition, for one period."""

    kind: ClassVar[str] = "check_in"
    section: ClassVar[str] = "check_ins"
    id: Id
    #: The initiative, focus area or ambition reported on.
    subject: Id
    #: A day of the period reported on (the programme's reporting rhythm says which period that is).
    period: dt.date
    status: CheckInStatus
    happened: LongText | None = None
    next: LongText | None = None
    #: What is needed: a help request, which may name the prerequisites or support offers it is about.
    needed: LongText | None = None
    needs: list[Id] = Field(default_factory=list, max_length=50)
    by: Id | None = None
    written_on: dt.date | None = None

    _unique = field_validator("needs")(_no_repeats)

    @field_validator("period")
    @classmethod
    def _not_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError(f"the period {value.isoformat()} is in the future")
        return value

    def title_text(self) -> str:
        return f"{self.subject} {self.period.isoformat()}"


class Signal(Element):
    """A signal from practice: a barrier, a risk or a question raised on an element, answered by its owner or lead."""

    kind: ClassVar[str] = "signal"
    section: ClassVar[str] = "signals"
    id: Id
    #: The element of the specialty the signal is about.
    subject: Id
    text: Title
    kind_: SignalKind = Field(SignalKind.barrier, alias="kind")
    status: SignalStatus = SignalStatus.open
    raised_by: Id | None = None
    raised_on: dt.date | None = None
    answer: LongText | None = None
    answered_by: Id | None = None
    answered_on: dt.date | None = None
    #: For a re-confirmation (kind ``reconfirm``): the prerequisite or support offer that failed, and the answer.
    cause: Id | None = None
    verdict: Verdict | None = None

    model_config = ConfigDict(populate_by_name=True)


#: Every element kind, in the order of the file format (and of a safe import).
MODELS: tuple[type[Element], ...] = (
    Programme,
    Site,
    Specialty,
    StrengthPosition,
    Person,
    Role,
    SupportOffer,
    Ambition,
    SituationNote,
    CoreChallenge,
    Prerequisite,
    FocusArea,
    Indicator,
    Initiative,
    ProfessionalAmbition,
    PositionPart,
    Meeting,
    AgendaItem,
    Decision,
    Baseline,
    SynergyLink,
    CheckIn,
    Signal,
)
MODEL_BY_KIND: dict[str, type[Element]] = {m.kind: m for m in MODELS}
MODEL_BY_SECTION: dict[str, type[Element]] = {m.section: m for m in MODELS}
