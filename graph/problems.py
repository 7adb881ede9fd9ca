"""Validation problems: what is wrong, where, in Danish and English."""
from __future__ import annotations

import dataclasses
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
    "enum": ("skal være en af: {expected}", "must be one of: {expected}"),
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
            return self.detail or self.code
        from graph.vocabulary import KIND_LABELS, kind_label, label

        params = {k: kind_label(v, lang) if isinstance(v, str) and v in KIND_LABELS else v for k, v in self.params.items()}
        if "role" in params:
            params["role"] = label(params["role"], lang)
        return pair[0 if lang == "da" else 1].format(**params)

    def text(self, lang: str = "da") -> str:
        """The problem with its location: ``initiatives[3] (id 'ini-7'), field 'end': ...``."""
        item = f" (id '{self.item}')" if self.item and f"'{self.item}'" not in self.where else ""
        fld = ""
        if self.field:
            fld = f", felt '{self.field}'" if lang == "da" else f", field '{self.field}'"
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
            params = {"expected": ctx.get("expected", "")}
        elif code == "list_too_long":
            params = {"max": ctx.get("max_length")}
        elif code == "list_too_short":
            params = {"min": ctx.get("min_length")}
        if not code:
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(Problem("detail", where, item, path, detail=msg))
        else:
            problems.append(Problem(code, where, item, path, params))
    return problems
