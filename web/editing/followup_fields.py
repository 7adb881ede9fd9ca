"""The form fields of the follow-up kinds (status check-ins, signals) and of an indicator's progress.

Added to web/editing/forms.py's tables by that module, so that forms.py stays the
description of the strategic content and this module that of the follow-up after approval.
"""
from __future__ import annotations

from enum import Enum

from flask_babel import lazy_gettext as _l

from graph.vocabulary import CheckInStatus, Direction, ReportingRhythm, SignalKind, SignalStatus
from web.editing.field import Field, _f

ENUMS: dict[str, type[Enum]] = {
    "check_in_status": CheckInStatus,
    "direction": Direction,
    "reporting_rhythm": ReportingRhythm,
    "signal_kind": SignalKind,
    "signal_status": SignalStatus,
}
FIELDS: dict[str, tuple[Field, ...]] = {
    # status first: with the subject and period given by the link, a check-in is useful with one more field
    "check_in": (
        _f("subject", _l("Reports on"), "select", "initiative|focus_area|ambition", required=True),
        _f("period", _l("Period (a day of the month reported on)"), "date", required=True),
        _f("status", _l("Status"), "select", "check_in_status", required=True),
        _f("happened", _l("What has happened"), "textarea"),
        _f("next", _l("What comes next"), "textarea"),
        _f("needed", _l("What is needed (a help request)"), "textarea"),
        _f("needs", _l("The help request is about the prerequisites or support offers"), "multi", "prerequisite|support_offer"),
    ),
    "signal": (
        _f("subject", _l("About"), "select", "initiative|focus_area|ambition|indicator|challenge|prerequisite", required=True),
        _f("text", _l("The signal (a barrier, a risk or a question)"), required=True),
        _f("kind", _l("Kind"), "select", "signal_kind"),
        _f("status", _l("Status"), "select", "signal_status"),
        _f("answer", _l("Answer"), "textarea"),
    ),
}
#: Added to the programme's and the indicator's own fields.
PROGRAMME: tuple[Field, ...] = (_f("reporting_rhythm", _l("Reporting rhythm"), "select", "reporting_rhythm"),)
INDICATOR: tuple[Field, ...] = (
    _f("direction", _l("Direction"), "select", "direction"),
    _f("tolerance", _l("Tolerance (for a band)"), "number"),
    _f("target_date", _l("Target date"), "date"),
    _f("reading_frequency_months", _l("A reading every (months)"), "int"),
)
