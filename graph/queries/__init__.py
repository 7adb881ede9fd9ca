"""Queries of the portfolio graph: trace, coverage, synergies and health checks.

Plain functions over graph.portfolio.PortfolioGraph, so one implementation serves every store.
"""
from graph.queries.checks import Finding, check, findings_json
from graph.queries.coverage import Coverage, SpecialtyCoverage, coverage
from graph.queries.errors import NotFound
from graph.queries.rules import RULES, Rule
from graph.queries.synergies import WEIGHTS, Synergy, synergies, synergies_json, theme_heatmap
from graph.queries.trace import INITIATIVE_OWNER, Trace, TraceRole, trace

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
