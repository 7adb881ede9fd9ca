"""The demo portfolio: BASS in Region Sjælland, with invented people and figures.

The portfolio lives in ``demo_portfolio.yaml`` beside this module (file format v1), so it can be
read, edited and imported like any other portfolio file.
"""
from __future__ import annotations

import datetime as dt
from importlib import resources

from importers.loading import parse_text

DEMO_FILE = "demo_portfolio.yaml"


def _plain(value: object) -> object:
    """The value with YAML's date objects turned into ISO text, as in a JSON document."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def demo_document() -> dict:
    """Return a fresh copy of the demo portfolio document (JSON-ready: dates as ISO text)."""
    text = resources.files("tracker").joinpath(DEMO_FILE).read_text(encoding="utf-8")
    doc = parse_text(text, "yaml", DEMO_FILE)
    assert isinstance(doc, dict)
    return _plain(doc)  # type: ignore[return-value]
