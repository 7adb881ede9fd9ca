"""Numbers and dates as a Danish or English reader expects them (Babel's locale data).

Danish: decimal comma and a dot between thousands (``7,8``, ``14.256``), dates as the guidance
writes them (``19. november 2026``). One place, so pages, Word documents and the command line agree.
"""
from __future__ import annotations

import datetime as dt
import math

_LOCALES = {"da": "da_DK", "en": "en_GB"}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, _LOCALES["da"])


def format_number(value: object, lang: str = "da") -> str:
    """Return a number with the language's decimal sign and thousands separator, at most two decimals.

    Whole numbers lose their ``.0``; text that is not a number comes back as it is.

    >>> format_number(7.8), format_number(35.0), format_number(14256), format_number(14256, "en")
    ('7,8', '35', '14.256', '14,256')
    >>> format_number(0.125), format_number("høj"), format_number(None)
    ('0,12', 'høj', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return str(value)
    from babel.numbers import format_decimal  # Babel's locale data: 15 ms to load, wanted only when a number is shown

    return format_decimal(value, format="#,##0.##", locale=_locale(lang))


def as_date(value: object) -> dt.date | None:
    """Return a date from a date or an ISO text (``2026-11-19``); None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def format_date(value: object, lang: str = "da") -> str:
    """Return a date in running text: ``19. november 2026`` (da), ``19 November 2026`` (en).

    Text that is not a date comes back as it is.

    >>> format_date("2026-11-19"), format_date(dt.date(2026, 11, 19), "en"), format_date("snart")
    ('19. november 2026', '19 November 2026', 'snart')
    """
    day = as_date(value)
    if day is None:
        return "" if value is None else str(value)
    from babel.dates import format_date as babel_date  # loaded when first needed, as format_number's

    return babel_date(day, format="long", locale=_locale(lang))


def format_month(value: dt.date, lang: str = "da") -> str:
    """Return a month as a time axis names it: ``jan. 2026`` (da), ``Jan 2026`` (en).

    >>> format_month(dt.date(2026, 11, 1)), format_month(dt.date(2026, 11, 1), "en")
    ('nov. 2026', 'Nov 2026')
    """
    from babel.dates import format_date as babel_date

    return babel_date(value, format="MMM y", locale=_locale(lang))
