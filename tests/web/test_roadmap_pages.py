"""The roadmap pages: a server-drawn SVG time line per specialty and for the programme, linked from
the specialty page and the overview; overdue and undated initiatives marked."""
from __future__ import annotations

import re

from graph.changeset import ChangeSet, parse_record
from tests.web.test_pages import between, get, main, text


def test_the_specialty_roadmap_draws_every_initiative(client):
    page = get(client, "/specialty/geri/roadmap")
    assert "<h1>Køreplan for Geriatri</h1>" in page
    svg = between(page, '<svg class="roadmap"', "</svg>")
    assert "<script" not in svg
    labels = re.findall(r'<text [^>]*>([^<]*)</text>', svg)
    assert labels.index("Start nu") < labels.index("Robuste faglige miljøer") < labels.index("Fælles undervisning")
    assert labels.index("Fælles rekrutteringskampagne") < labels.index("Dernæst") < labels.index("Fælles vagtlag")
    assert labels.count("ingen faglige indsatser endnu") == 1  # geri-fa2
    assert len(re.findall(r'<rect class="bar ', svg)) == 2
    assert 'class="bar status-in_progress"' in svg and 'class="bar status-planned"' in svg
    assert "I dag" in labels


def test_overdue_and_undated_are_marked(app, client):
    store = app.extensions["portfolio"].store
    store.apply(ChangeSet(upserts=[
        parse_record("initiative", {"id": "late", "title": "For sent", "focus_areas": ["geri-fa2"], "status": "in_progress",
                                    "start": "2025-01-01", "end": "2025-06-30"}, "test", "bass"),
        parse_record("initiative", {"id": "open", "title": "Uden slut", "focus_areas": ["geri-fa2"], "start": "2026-05-01"},
                     "test", "bass"),
        parse_record("initiative", {"id": "blank", "title": "Helt uden datoer", "focus_areas": ["geri-fa2"]}, "test", "bass"),
    ]), "test")
    page = get(client, "/specialty/geri/roadmap")
    svg = between(page, '<svg class="roadmap"', "</svg>")
    assert 'class="bar status-in_progress overdue"' in svg
    assert 'class="bar status-planned undated"' in svg
    assert "uden datoer" in re.findall(r'<text [^>]*>([^<]*)</text>', svg)
    summary = text(between(page, '<p class="roadmap-summary">', "</p>"))
    assert summary.startswith("2 indsatsområder · 1 forsinkede · 2 uden datoer · 1. januar 2025 – ")


def test_the_programme_roadmap_and_the_links_to_it(client):
    page = get(client, "/roadmap?lang=en")
    svg = between(page, '<svg class="roadmap"', "</svg>")
    labels = re.findall(r'<text [^>]*>([^<]*)</text>', svg)
    assert "Geriatri: Robuste faglige miljøer" in labels and "Reumatologi: Rekruttering af reumatologer" in labels
    assert labels.index("Start now") < labels.index("Next") < labels.index("Not sequenced")
    assert "2 initiatives" in labels
    assert 'href="/roadmap"' in get(client, "/?lang=da")
    assert 'href="/specialty/geri/roadmap"' in main(get(client, "/specialty/geri"))
    assert client.get("/specialty/geri-i1/roadmap").status_code == 404
