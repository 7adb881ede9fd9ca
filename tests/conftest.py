"""Shared fixtures: a small hand-built portfolio whose every answer can be worked out by hand.

The portfolio (programme ``bass``):

- sites ``holb`` (Holbæk, acute), ``slag`` (Slagelse, acute), ``rosk`` (Roskilde, other)
- specialty ``geri`` (Geriatri): strength position ``geri-hs`` at holb+slag, partner rosk;
  ambition ``geri-amb`` (approved, 24 months); challenges ``geri-ch1`` (staff+professional,
  recruitment_retention) and ``geri-ch2`` (staff only, at holb, unaddressed); focus areas
  ``geri-fa1`` (now; addresses ch1; indicator ``geri-ind1``; enabled by prerequisites ``geri-pre1``
  (permanent_resources, agreed) and ``geri-pre2`` (management_decision, met)) and ``geri-fa2``
  (next; no indicator, no initiative); initiatives ``geri-i1`` (serves fa1, owner eva, at geri-hs).
- specialty ``reum`` (Reumatologi): strength position ``reum-h`` at holb; ambition ``reum-amb``
  (draft, 12 months); challenge ``reum-ch1`` (recruitment_retention, staff+organisational, at holb);
  focus area ``reum-fa1`` (addresses reum-ch1, no sequence, themes recruitment_retention);
  indicator ``reum-ind1`` (qualitative); initiative ``reum-i1`` serving reum-fa1 and geri-fa1
  (owner eva); prerequisite ``reum-pre1`` (permanent_resources, proposed) enables reum-fa1.
- orphan initiative ``orphan-i`` (serves nothing, no owner).
- people ``bjorn`` (specialty owner geri, core team reum), ``eva`` (implementation lead geri-hs),
  ``mette`` (secretariat), ``karen`` (specialty owner reum).
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from graph.portfolio import PortfolioGraph
from graph.store.sqlite import SQLiteStore
from importers.document import FORMAT, changeset_from_document

SMALL: dict = {
    "format": FORMAT,
    "programme": {"id": "bass", "name": "BASS", "region": "Region Sjælland"},
    "sites": [
        {"id": "holb", "name": "Holbæk Sygehus", "kind": "acute_hospital", "organisation": "Holbæk", "lat": 55.71, "lon": 11.71},
        {"id": "slag", "name": "Slagelse Sygehus", "kind": "acute_hospital", "organisation": "NSR", "lat": 55.40, "lon": 11.35},
        {"id": "rosk", "name": "Roskilde Sygehus", "kind": "other", "organisation": "SUH"},
    ],
    "specialties": [
        {"id": "geri", "name": "Geriatri", "phase": "ambition"},
        {"id": "reum", "name": "Reumatologi", "phase": "preparation"},
    ],
    "strength_positions": [
        {"id": "geri-hs", "name": "Geriatri Holbæk-Slagelse", "specialty": "geri", "sites": ["holb", "slag"], "partner_sites": ["rosk"]},
        {"id": "reum-h", "specialty": "reum", "sites": ["holb"]},
    ],
    "people": [
        {"id": "bjorn", "name": "Bjørn Berg", "title": "Vicedirektør", "email": "bjorn@example.org"},
        {"id": "eva", "name": "Eva Holm", "title": "Overlæge"},
        {"id": "mette", "name": "Mette Munk", "title": "Konsulent"},
        {"id": "karen", "name": "Karen Krog", "title": "Vicedirektør"},
    ],
    "roles": [
        {"person": "bjorn", "role": "specialty_owner", "specialty": "geri"},
        {"person": "bjorn", "role": "core_team", "specialty": "reum", "note": "geriatrisk perspektiv"},
        {"person": "eva", "role": "implementation_lead", "strength_position": "geri-hs"},
        {"person": "mette", "role": "secretariat", "programme": "bass"},
        {"person": "karen", "role": "specialty_owner", "specialty": "reum"},
    ],
    "ambitions": [
        {"id": "geri-amb", "specialty": "geri", "statement": "Stærke geriatriske fællesskaber", "horizon_months": 24,
         "status": "approved", "approved_on": "2026-03-01"},
        {"id": "reum-amb", "specialty": "reum", "statement": "Robust reumatologi", "horizon_months": 12, "status": "draft"},
    ],
    "situation": [
        {"id": "geri-sit1", "specialty": "geri", "site": "holb", "perspective": "staff", "text": "Få speciallæger",
         "figures": {"specialists": 4, "trainees": 2}, "as_of": "2026-01-01", "source": "HR"},
    ],
    "challenges": [
        {"id": "geri-ch1", "ambition": "geri-amb", "title": "For stor faglig specialisering",
         "perspectives": {"staff": "Svært at rekruttere", "professional": "Smalle kompetencer"}, "themes": ["recruitment_retention"]},
        {"id": "geri-ch2", "ambition": "geri-amb", "title": "Lange ventelister", "site": "holb",
         "perspectives": {"staff": "Travlhed"}},
        {"id": "reum-ch1", "ambition": "reum-amb", "title": "Rekruttering", "site": "holb",
         "perspectives": {"staff": "Få ansøgere", "organisational": "Spredt organisering"}, "themes": ["recruitment_retention"]},
    ],
    "prerequisites": [
        {"id": "geri-pre1", "ambition": "geri-amb", "text": "Ressourcer til kompetenceudvikling", "kind": "permanent_resources",
         "status": "agreed", "enables": ["geri-fa1"]},
        {"id": "geri-pre2", "ambition": "geri-amb", "text": "Beslutning om fælles vagtlag", "kind": "management_decision",
         "status": "met", "enables": ["geri-fa1"]},
        {"id": "reum-pre1", "ambition": "reum-amb", "text": "Flere stillinger", "kind": "permanent_resources",
         "status": "proposed", "enables": ["reum-fa1"]},
    ],
    "focus_areas": [
        {"id": "geri-fa1", "ambition": "geri-amb", "title": "Robuste faglige miljøer", "sequence": "now", "order": 1,
         "addresses": ["geri-ch1"], "themes": ["strong_environments", "recruitment_retention"]},
        {"id": "geri-fa2", "ambition": "geri-amb", "title": "Fælles vagtlag", "sequence": "next", "order": 2,
         "themes": ["responsibility"]},
        {"id": "reum-fa1", "ambition": "reum-amb", "title": "Rekruttering af reumatologer",
         "addresses": ["reum-ch1"], "themes": ["recruitment_retention"]},
    ],
    "indicators": [
        {"id": "geri-ind1", "focus_area": "geri-fa1", "name": "Besatte speciallægestillinger", "kind": "quantitative",
         "unit": "%", "baseline": 70, "target": 90,
         "readings": [{"date": "2026-01-01", "value": 72}, {"date": "2026-06-01", "value": 78, "note": "ny rekruttering"}]},
        {"id": "reum-ind1", "focus_area": "reum-fa1", "name": "Oplevet faglig trivsel", "kind": "qualitative"},
    ],
    "initiatives": [
        {"id": "geri-i1", "title": "Fælles undervisning", "focus_areas": ["geri-fa1"], "strength_position": "geri-hs",
         "owner": "eva", "status": "in_progress", "start": "2026-02-01", "end": "2026-12-31", "themes": ["professional_development"]},
        {"id": "reum-i1", "title": "Fælles rekrutteringskampagne", "focus_areas": ["reum-fa1", "geri-fa1"], "site": "holb",
         "owner": "eva", "status": "planned", "start": "2026-09-01", "end": "2027-06-30", "themes": ["recruitment_retention"]},
        {"id": "orphan-i", "title": "Løs idé", "status": "planned"},
    ],
}


@pytest.fixture
def small_doc() -> dict:
    """A fresh deep copy of the small portfolio document (tests may change it)."""
    return copy.deepcopy(SMALL)


@pytest.fixture
def sqlite_store(tmp_path: Path):
    """An empty SQLite store in a temporary file."""
    store = SQLiteStore(tmp_path / "portfolio.db")
    yield store
    store.close()


@pytest.fixture
def small_store(sqlite_store):
    """A SQLite store holding the small portfolio."""
    sqlite_store.apply(changeset_from_document(copy.deepcopy(SMALL), "small.yaml"), "test")
    return sqlite_store


@pytest.fixture
def small_graph(small_store) -> PortfolioGraph:
    """The small portfolio as an in-memory graph."""
    return PortfolioGraph.from_store(small_store)


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Connect provider (Node oidc-provider) on a free 127.0.0.1 port, for the whole run."""
    from devservers.oidc_provider import OidcProvider
    from tests.oidc_support import ACCOUNTS

    provider = OidcProvider(tmp_path_factory.mktemp("oidc-provider"), ACCOUNTS).start()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def oidc_client(oidc_provider):
    """The provider's client for a Flask test client's app (redirect URI on http://localhost), registered once."""
    return oidc_provider.register(["http://localhost/login/oidc/callback"], ("http://localhost/login",))
