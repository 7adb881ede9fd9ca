"""One form field: its name, label, widget and choices (web/editing/forms.py holds the forms)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One form field.

    ``widget`` is one of text, textarea, select, multi, themes, date, int, number, value (a number
    or a text), figures (rows of name, value, unit and kind), target (a role's specialty, strength
    position or programme) and reasons (an optional written reason per linked focus area).
    ``choices`` names an element kind (ids offered) or a key of ENUMS; for reasons, the link field.
    """

    name: str
    label: object
    widget: str = "text"
    choices: str | None = None
    required: bool = False


def _f(name: str, text: object, widget: str = "text", choices: str | None = None, required: bool = False) -> Field:
    return Field(name, text, widget, choices, required)
