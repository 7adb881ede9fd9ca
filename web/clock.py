"""The day of the application's one clock.

``CLOCK`` in the app's config (seconds since the epoch, ``time.time`` by default, web/auth.py) is what
sign-in, sessions and throttling read; everything that depends on the date (the follow-up lists,
the roll-up, the status reports, the check-in form's period, the day written on a check-in or a
signal) reads the day from the same clock, so a test that pins the clock pins the date too.
"""
from __future__ import annotations

import datetime as dt
import time

from flask import current_app


def today() -> dt.date:
    """Return the local day of the app's ``CLOCK``."""
    clock = current_app.config.get("CLOCK") or time.time
    return dt.date.fromtimestamp(clock())
