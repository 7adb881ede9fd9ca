"""Problems of a saved form, put next to the field they are about (or above the form).

The models' messages name fields by their path in the item (``figures.beds``); a form shows
them beside its own field, in the user's language.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from graph.problems import Problem
from web.editing.forms import FIELDS, ROLE_TARGETS

#: Problems that the models raise about an item as a whole, and the field they belong next to.
_WHOLE_ITEM_RULES: tuple[tuple[str, str, object], ...] = (
    ("is before start", "end", _l("The end date is before the start date.")),
    ("strength_position or a site, not both", "site", _l("Choose a strength position or a site, not both.")),
    ("exactly one of specialty", "target", _l("Choose one specialty, strength position or programme.")),
)


def field_of(kind: str, problem: Problem) -> str | None:
    """Return the form field a problem belongs next to, or None for the form as a whole."""
    names = [f.name for f in FIELDS[kind]]
    if problem.field is None:
        for needle, field, _ in _WHOLE_ITEM_RULES:
            if needle in (problem.detail or ""):
                return field if field in names else None
        return None
    path = problem.field
    if kind == "role" and path.split(".")[0] in ROLE_TARGETS:
        return "target"
    for name in sorted(names, key=len, reverse=True):
        if path == name or path.startswith(name + "."):
            return name
    return None


def message_of(problem: Problem, lang: str) -> str:
    """Return the problem in the user's language (model rules without a code get our wording)."""
    if problem.code == "detail" and problem.field is None:
        for needle, _field, text in _WHOLE_ITEM_RULES:
            if needle in (problem.detail or ""):
                return str(text)
    message = problem.message(lang)
    if problem.field and "." in problem.field and problem.field.split(".", 1)[0] in ("figures", "readings"):
        return f"{problem.field.split('.', 1)[1]}: {message}"
    return message


def sort_problems(kind: str, problems: list[Problem], lang: str) -> tuple[dict[str, list[str]], list[str]]:
    """Return problems as messages per form field and messages about the whole form."""
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in problems:
        field = field_of(kind, problem)
        text = message_of(problem, lang)
        if field is None:
            general.append(problem.text(lang) if problem.field else text)
        else:
            by_field.setdefault(field, []).append(text)
    return by_field, general


