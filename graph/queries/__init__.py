"""Queries of the portfolio graph: trace, coverage, synergies and health checks.

Plain functions over graph.portfolio.PortfolioGraph, so one implementation serves every store.
The health checks (``check``, ``Finding``, ``findings_json``) are loaded on first use: a cold
``tracker trace`` has no use for them, and they bring in the most.
"""
from __future__ import annotations

import importlib
from typing import Any

from graph.queries.coverage import Coverage, SpecialtyCoverage, coverage
from graph.queries.errors import NotFound
from graph.queries.rules import RULES, Rule
from graph.queries.synergies import WEIGHTS, Synergy, synergies, synergies_json, theme_heatmap
from graph.queries.trace import INITIATIVE_OWNER, Trace, TraceRole, trace

#: Names given by a module loaded when first asked for (none of them is also a module's name).
_LAZY = {"Finding": "graph.queries.checks", "check": "graph.queries.checks", "findings_json": "graph.queries.checks"}

__all__ = [
    "INITIATIVE_OWNER",
    "Coverage",
    "Finding",
    "NotFound",
    "RULES",
    "Rule",
    "SpecialtyCoverage",
    "Synergy",
    "Trace",
    "TraceRole",
    "WEIGHTS",
    "check",
    "coverage",
    "findings_json",
    "synergies",
    "synergies_json",
    "theme_heatmap",
    "trace",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
