"""No template holds an inline event handler or a javascript: address: the Content-Security-Policy
(web/security.py) blocks both, so such a button silently does nothing. Scripts live in web/static/."""
from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "web" / "templates"
#: onclick=, onload= ... as an HTML attribute (after a space, before = and a value).
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def _offences(text: str) -> list[str]:
    return [m.group(0).strip() for pattern in (HANDLER, SCRIPT_URL) for m in pattern.finditer(text)]


def test_the_pattern_finds_what_it_is_for():
    assert _offences('<button type="button" onclick="window.print()">') == ["onclick="]
    assert _offences('<a href="JavaScript:void(0)">') == ["JavaScript:"]
    assert _offences('<button type="button" data-print>') == []
    assert _offences("{{ _('Reasons one can act on=') }}") == []


def test_no_template_has_an_inline_handler_or_a_javascript_address():
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert len(templates) > 40
    found = {str(p.relative_to(TEMPLATES)): _offences(p.read_text(encoding="utf-8")) for p in templates}
    assert {name: hits for name, hits in found.items() if hits} == {}
