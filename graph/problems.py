"""Validation problems: what is wrong, where, in Danish and English."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError

_TEMPLATES: dict[str, tuple[str, str]] = {
    "duplicate_id": (
        "id '{id}' er brugt mere end én gang (også i {other})", "id '{id}' is used more than once (also in {other})"
    ),
    "kind_clash": ("id '{id}' findes allerede som {existing}", "id '{id}' already exists as a {existing}"),
    "dangling": ("henviser til '{target}', som ikke findes", "refers to '{target}', which does not exist"),
    "wrong_kind": (
        "henviser til '{target}', som er {actual}, men skal være {expected}",
        "refers to '{target}', which is a {actual} but must be a {expected}",
    ),
    "role_target": (
        "rollen {role} skal pege på {expected}, ikke {actual}",
        "the role {role} must point at a {expected}, not a {actual}",
    ),
    "delete_missing": ("'{id}' kan ikke slettes: findes ikke", "'{id}' cannot be deleted: it does not exist"),
    "still_referenced": (
        "'{id}' kan ikke slettes: {referrers} henviser stadig til den",
        "'{id}' cannot be deleted: {referrers} still refer to it",
    ),
    "missing": ("skal udfyldes", "is required"),
    "extra": ("ukendt felt", "unknown field"),
    "too_long": ("må højst være {max} tegn", "must be at most {max} characters"),
    "too_short": ("må ikke være tom", "must not be empty"),
    "enum": ("'{value}' er ikke en af: {expected}", "'{value}' is not one of: {expected}"),
    "date": ("er ikke en gyldig dato (ÅÅÅÅ-MM-DD)", "is not a valid date (YYYY-MM-DD)"),
    "number": ("skal være et tal", "must be a number"),
    "integer": ("skal være et heltal", "must be a whole number"),
    "list": ("skal være en liste", "must be a list"),
    "mapping": ("skal være et opslag (felt: værdi)", "must be a mapping (field: value)"),
    "text": ("skal være tekst", "must be text"),
    "pattern": (
        "indeholder tegn, der ikke er tilladt (bogstaver, tal og _ . : - er tilladt)",
        "has characters that are not allowed (letters, digits and _ . : - are)",
    ),
    "list_too_long": ("må højst have {max} elementer", "must have at most {max} entries"),
    "list_too_short": ("skal have mindst {min} element(er)", "must have at least {min} entries"),
    "conflict": (
        "'{id}' er ændret af en anden siden du åbnede den (version {expected}, nu {actual}); genindlæs og prøv igen",
        "'{id}' was changed by someone else since you opened it (version {expected}, now {actual}); reload and try again",
    ),
}


#: The problems whose message says what is wrong but not with what: their text quotes the value as written.
QUOTED = frozenset({"date"})
#: The longest quoted value; a pasted paragraph in a date field is cut.
QUOTED_LENGTH = 60


def _quoted(value: object) -> str:
    text = str(value)
    return text if len(text) <= QUOTED_LENGTH else text[: QUOTED_LENGTH - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one item.

    ``where`` locates the item for a person (``"initiatives[3]"`` or a file name and position),
    ``item`` is its id when it has one, ``field`` the dotted field path.
    """

    code: str
    where: str
    item: str | None = None
    field: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict, hash=False, compare=False)
    detail: str | None = None

    def message(self, lang: str = "da") -> str:
        """The problem in words, without its location."""
        pair = _TEMPLATES.get(self.code)
        if pair is None:
            return detail_text(self.detail, lang) if self.detail else self.code
        from graph.vocabulary import KIND_LABELS, kind_label, label

        params = {k: kind_label(v, lang) if isinstance(v, str) and v in KIND_LABELS else v for k, v in self.params.items()}
        if "role" in params:
            params["role"] = label(params["role"], lang)
        if self.code == "enum":
            params["expected"] = choices_text(str(params.get("expected", "")), lang)
            params.setdefault("value", "")
        return pair[0 if lang == "da" else 1].format(**params)

    def text(self, lang: str = "da") -> str:
        """The problem with its location: ``initiatives[3] (id 'ini-7'), field 'end': ...``."""
        item = f" (id '{self.item}')" if self.item and f"'{self.item}'" not in self.where else ""
        fld = ""
        if self.field:
            fld = f", felt '{self.field}'" if lang == "da" else f", field '{self.field}'"
        if self.code in QUOTED and "value" in self.params:
            # The value as written, quoted as a workbook's cell is: '2026-13-01' is found in the file at once.
            fld += f", værdi '{self.params['value']}'" if lang == "da" else f", value '{self.params['value']}'"
        return f"{self.where}{item}{fld}: {self.message(lang)}"

    def as_dict(self, lang: str = "da") -> dict[str, Any]:
        return {"where": self.where, "item": self.item, "field": self.field, "code": self.code, "message": self.message(lang)}


class InvalidChangeSet(Exception):
    """A change set that cannot be applied; nothing of it was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.text("en") for p in problems))

    def text(self, lang: str = "da") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


class Conflict(Exception):
    """An item changed since the editor read it (optimistic concurrency)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.text("en"))


_PYDANTIC_CODES = {
    "missing": "missing",
    "extra_forbidden": "extra",
    "string_too_long": "too_long",
    "string_too_short": "too_short",
    "enum": "enum",
    "literal_error": "enum",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "date_type": "date",
    "float_parsing": "number",
    "float_type": "number",
    "int_parsing": "integer",
    "int_type": "integer",
    "int_from_float": "integer",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "string_type": "text",
    "string_pattern_mismatch": "pattern",
    "too_short": "list_too_short",
    "too_long": "list_too_long",
}


def problems_from_pydantic(exc: ValidationError, where: str, item: str | None) -> list[Problem]:
    """Translate a pydantic error into problems that name the field, in Danish and English."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for err in exc.errors(include_url=False):
        loc = [str(p) for p in err["loc"]]
        # A union (number or text) reports one error per branch; keep the field once.
        loc = [p for p in loc if p not in ("float", "str", "Figure", "function-after[_check_themes(), list[constrained-str]]")]
        if loc and loc[-1].startswith(("constrained-str", "function-")):
            loc = loc[:-1]
        path = ".".join(loc) or None
        key = f"{path}"
        if key in seen:
            continue
        seen.add(key)
        ctx = err.get("ctx") or {}
        code = _PYDANTIC_CODES.get(err["type"], "")
        params: dict[str, Any] = {}
        if code == "too_long":
            params = {"max": ctx.get("max_length")}
        elif code == "enum":
            params = {"expected": ctx.get("expected", ""), "value": err.get("input", "")}
        elif code == "list_too_long":
            params = {"max": ctx.get("max_length")}
        elif code == "list_too_short":
            params = {"min": ctx.get("min_length")}
        elif code in QUOTED and "input" in err:
            params = {"value": _quoted(err["input"])}
        if not code:
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(Problem("detail", where, item, path, detail=msg))
        else:
            problems.append(Problem(code, where, item, path, params))
    return problems


def choices_text(expected: str, lang: str = "da") -> str:
    """Return pydantic's list of allowed values (``"'now', 'next' or 'later'"``) as a person reads it.

    Each value as the file writes it, with its meaning in ``lang`` beside it where that differs;
    joined by commas, never by an English "or".

    >>> choices_text("'now', 'next' or 'later'")
    'now (start nu), next (dernæst), later (senere)'
    >>> choices_text("'quantitative' or 'qualitative'", "en")
    'quantitative, qualitative'
    """
    from graph.vocabulary import label

    keys = re.findall(r"'([^']*)'", expected) or [expected]
    shown = []
    for key in keys:
        word = label(key, lang)
        shown.append(key if word.casefold() == key.casefold().replace("_", " ") or word == key else f"{key} ({word.lower()})")
    return ", ".join(shown)


#: The models' own ValueError texts (English) and their Danish wording.
_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"unknown theme (?P<values>.+); known themes: (?P<known>.+)"), "ukendt tema {values}; kendte temaer: {known}"),
    (re.compile(r"a theme is given twice"), "et tema står to gange"),
    (re.compile(r"an id is given twice"), "et id står to gange"),
    (re.compile(r"reasons are given for (?P<stray>.+), which is not in (?P<fields>.+)"),
     "der er givet en begrundelse for {stray}, som ikke står i {fields}"),
    (re.compile(r"a role points at exactly one of specialty, strength_position or programme"),
     "en rolle peger på netop én af specialty, strength_position og programme"),
    (re.compile(r"an initiative is delivered at a strength_position or a site, not both"),
     "en faglig indsats leveres ved en strength_position eller en site, ikke ved begge"),
    (re.compile(r"end \((?P<end>[^)]*)\) is before start \((?P<start>[^)]*)\)"), "slut ({end}) ligger før start ({start})"),
    (re.compile(r"a link joins two different elements"), "en forbindelse skal forbinde to forskellige elementer"),
)


def detail_text(detail: str, lang: str = "da") -> str:
    """Return a model's own message (written in English) in ``lang``; Danish where the wording is known.

    >>> detail_text("end (2026-01-01) is before start (2026-03-01)")
    'slut (2026-01-01) ligger før start (2026-03-01)'
    >>> detail_text("reasons are given for 'x', which is not in enables or draws_on")
    "der er givet en begrundelse for 'x', som ikke står i enables eller draws_on"
    """
    if lang != "da":
        return detail
    for pattern, danish in _DETAILS:
        found = pattern.fullmatch(detail)
        if found:
            return danish.format(**{k: v.replace(" or ", " eller ") for k, v in found.groupdict().items()})
    return detail


# The follow-up kinds' own rules (check-ins, indicator progress), in Danish.
_DETAILS = _DETAILS + (
    (re.compile(r"the period (?P<period>\S+) is in the future"), "perioden {period} ligger i fremtiden"),
    (re.compile(r"the reading frequency is given in months, 1 to 120, not (?P<value>\S+)"),
     "målehyppigheden angives i måneder, 1 til 120, ikke {value}"),
)
