"""A write forgets only the synergies and similar-work answers it may move (issue 13): the
similarity index follows the write, and a specialty whose suggestions cannot have changed keeps them."""
from __future__ import annotations

import pytest
from flask import Flask

from graph.changeset import parse_record
from graph.queries import similarity_index
from graph.queries.similar import pairs_of_specialty
from graph.queries.synergies import top_synergies_scored
from graph.record import ChangeSet
from importers.document import changeset_from_document
from tests.graph.test_similar_incremental import _three
from web import create_app


@pytest.fixture
def app(tmp_path, monkeypatch) -> Flask:
    """Three specialties on a fresh store; the index follows writes as a large one does."""
    monkeypatch.setattr(similarity_index, "INCREMENTAL_FROM", 0)
    monkeypatch.setattr(similarity_index, "REBUILD_SHARE", 10.0)
    application = create_app({"TESTING": True, "STORE_URL": f"sqlite:///{tmp_path / 'p.db'}",
                               "USERS_DB": str(tmp_path / "users.db"), "SECRET_KEY": "test-secret",
                               "READ_WITHOUT_LOGIN": True, "WTF_CSRF_ENABLED": False})
    store = application.extensions["portfolio"].store
    store.apply(changeset_from_document(_three()), "test")
    yield application
    store.close()


def _write(app: Flask, data: dict) -> None:
    holder = app.extensions["portfolio"]
    holder.store.apply(ChangeSet([parse_record("initiative", data, "test")]), "test")
    holder.current()


def _pairs_entry(app: Flask, specialty: str) -> object:
    holder = app.extensions["portfolio"]
    found = [value for (name, key), (_scope, value) in holder.cache._entries.items()
             if name == "synergy_pairs" and key[0] == specialty]
    return found[0] if found else None


def test_a_write_in_one_specialty_keeps_the_pairs_of_another(app):
    client = app.test_client()
    for sp in ("geri", "reum", "onko"):
        assert client.get(f"/specialty/{sp}/synergies").status_code == 200
    geri, reum = _pairs_entry(app, "geri"), _pairs_entry(app, "reum")
    holder = app.extensions["portfolio"]
    partners = holder.cache._entries[("synergies", "geri")][1]
    assert [s["specialty"] for s in partners[0]] == ["reum"]
    assert [g["specialty"] for g in geri] == ["reum"]
    # oncology rewords its work: nothing of it comes near geriatrics' or rheumatology's work
    _write(app, {"id": "onko-i1", "title": "Kemoterapi i dagafsnit om aftenen", "focus_areas": ["onko-fa"],
                 "strength_position": "onko-sp", "themes": ["work_planning"]})
    assert _pairs_entry(app, "onko") is None
    assert _pairs_entry(app, "geri") is geri and _pairs_entry(app, "reum") is reum
    pg = app.extensions["portfolio"].current()
    assert geri == pairs_of_specialty(pg, "geri") and reum == pairs_of_specialty(pg, "reum")  # still right
    # geriatrics shares nothing with oncology before or after: its partner list is kept too
    assert holder.cache._entries[("synergies", "geri")][1] is partners
    fresh = top_synergies_scored(pg, "geri", 12)
    assert partners == ([s.to_json() for s in fresh[0]], fresh[1], fresh[2])
    # rheumatology shares Nykøbing with oncology, whose profile (ids, themes, sites, people) did not
    # change with a reworded title: its list is kept too, and still right
    reum_partners = holder.cache._entries[("synergies", "reum")][1]
    fresh = top_synergies_scored(pg, "reum", 12)
    assert [s["specialty"] for s in reum_partners[0]] == ["geri", "onko"]
    assert reum_partners == ([s.to_json() for s in fresh[0]], fresh[1], fresh[2])
    page = client.get("/specialty/geri/synergies").get_data(as_text=True)
    assert _pairs_entry(app, "geri") is geri  # served from the cache
    assert holder.cache._entries[("synergies", "geri")][1] is partners
    assert "Kampagne: rekruttering af sygeplejersker" in page


def test_the_page_shows_the_new_wording_right_after_the_write(app):
    client = app.test_client()
    assert "Onkologi" not in client.get("/specialty/geri/synergies").get_data(as_text=True).split('id="pairs"')[1]
    before = _pairs_entry(app, "geri")
    # oncology now runs the same campaign at the same hospital: it joins geriatrics' pairs
    _write(app, {"id": "onko-i1", "title": "Rekrutteringskampagne: sygeplejersker til kemoterapi",
                 "focus_areas": ["onko-fa"], "site": "holb", "owner": "eva", "themes": ["recruitment_retention"],
                 "draws_on": ["kampagne"]})
    assert _pairs_entry(app, "geri") is None  # geri-i1 now scores with onko-i1: forgotten
    page = client.get("/specialty/geri/synergies").get_data(as_text=True)
    assert "Rekrutteringskampagne: sygeplejersker til kemoterapi" in page
    assert _pairs_entry(app, "geri") is not before
    assert [g["specialty"] for g in _pairs_entry(app, "geri")] == ["onko", "reum"] or \
        [g["specialty"] for g in _pairs_entry(app, "geri")] == ["reum", "onko"]
    similar = client.get("/initiative/onko-i1").get_data(as_text=True)
    assert 'data-target="geri-i1"' in similar


def test_the_similar_work_of_an_untouched_element_is_kept(app):
    client = app.test_client()
    client.get("/initiative/reum-i2")
    holder = app.extensions["portfolio"]
    kept = [slot for slot in holder.cache._entries if slot[0] == "similar" and slot[1][0] == "reum-i2"]
    assert kept
    _write(app, {"id": "onko-i1", "title": "Kemoterapi i dagafsnit om aftenen", "focus_areas": ["onko-fa"],
                 "strength_position": "onko-sp", "themes": ["work_planning"]})
    assert all(slot in holder.cache for slot in kept)


def test_a_linked_pair_follows_a_change_of_its_other_end_however_low_it_scores(app):
    holder = app.extensions["portfolio"]
    link = {"id": "link-geri-i2-onko-i1", "source": "geri-i2", "target": "onko-i1", "link": "joint",
            "reason": "Samme patienter"}
    holder.store.apply(ChangeSet([parse_record("synergy_link", link, "test")]), "test")
    client = app.test_client()
    page = client.get("/specialty/geri/synergies").get_data(as_text=True)
    assert "Kemoterapi i dagafsnit" in page  # shown though it scores below the least score
    _write(app, {"id": "onko-i1", "title": "Kemoterapi om aftenen", "focus_areas": ["onko-fa"],
                 "strength_position": "onko-sp", "themes": ["work_planning"]})
    assert _pairs_entry(app, "geri") is None
    assert "Kemoterapi om aftenen" in client.get("/specialty/geri/synergies").get_data(as_text=True)


def test_after_a_write_in_its_own_specialty_only_the_changed_elements_are_looked_up_again(app, monkeypatch):
    from graph.queries import similar as similar_module

    client = app.test_client()
    client.get("/specialty/geri/synergies")
    asked: list[list[str]] = []
    real = similar_module.similar_many
    monkeypatch.setattr(similar_module, "similar_many", lambda pg, items, *a, **k: asked.append(list(items)) or real(pg, items, *a, **k))
    _write(app, {"id": "geri-i2", "title": "Faldforebyggelse i plejeboliger", "focus_areas": ["geri-fa"],
                 "strength_position": "geri-sp", "themes": ["uniform_treatment"]})
    assert _pairs_entry(app, "geri") is None
    page = client.get("/specialty/geri/synergies").get_data(as_text=True)
    assert asked == [["geri-i2"]]  # geri-i1 and geri-fa kept their matches
    pg = app.extensions["portfolio"].current()
    assert _pairs_entry(app, "geri") == real_pairs(pg, "geri")
    assert "Kampagne: rekruttering af sygeplejersker" in page


def real_pairs(pg, specialty: str) -> list:
    from graph.queries.similarity_index import SimilarityIndex, adopt

    adopt(pg, SimilarityIndex(pg))  # from scratch: the same answer
    return pairs_of_specialty(pg, specialty)


def test_a_new_name_of_a_person_in_common_shows_at_once(app):
    client = app.test_client()
    assert "Eva Holm" in client.get("/specialty/geri/synergies").get_data(as_text=True)
    holder = app.extensions["portfolio"]
    holder.store.apply(ChangeSet([parse_record("person", {"id": "eva", "name": "Eva Holm-Hansen"}, "test")]), "test")
    holder.current()
    page = client.get("/specialty/geri/synergies").get_data(as_text=True)
    assert "Eva Holm-Hansen" in page and "Eva Holm<" not in page


#: How many synergy answers the cache kept after each write (of 3 pairs, 3 partner lists, 4 similar lists).
KEPT_AFTER_EACH_WRITE = [6, 3, 3, 2, 9, 4, 1, 2]


def test_every_answer_kept_after_a_write_is_the_answer_computed_afresh(app):
    """Writes of each kind a synergy answer reads; after each one, whatever the cache kept equals
    what the same index computes now."""
    import itertools

    from graph.queries.similar import similar

    client = app.test_client()
    holder = app.extensions["portfolio"]
    pages = ["/specialty/geri/synergies", "/specialty/reum/synergies", "/specialty/onko/synergies",
             "/initiative/geri-i1", "/initiative/reum-i2", "/initiative/onko-i1", "/focus-area/geri-fa"]
    base = {i["id"]: i for i in _three()["initiatives"]}
    writes = [("reum-i2", {"title": "Kemoterapi og biologisk behandling"}), ("onko-i1", {"themes": ["uniform_treatment"]}),
              ("geri-i1", {"owner": "ole"}), ("reum-i1", {"focus_areas": ["onko-fa"]}),
              ("geri-i2", {"site": "nyk", "strength_position": None}), ("onko-i1", {"title": "Rekruttering til kemoterapi"}),
              ("reum-i1", {"focus_areas": ["reum-fa"], "owner": "eva"}), ("geri-i1", {"themes": []})]
    kept: list[int] = []
    for (item, change), _ in zip(writes, itertools.count()):
        for url in pages:
            assert client.get(url).status_code == 200
        data = {k: v for k, v in dict(base[item], **change).items() if v is not None}
        base[item] = data
        _write(app, data)
        pg = holder.current()
        kept.append(sum(name in ("synergy_pairs", "synergies", "similar") for name, _key in holder.cache._entries))
        for (name, key), (_scope, value) in list(holder.cache._entries.items()):
            if name == "synergy_pairs":
                assert value == pairs_of_specialty(pg, key[0]), (item, change, key)
            elif name == "synergies":
                fresh = top_synergies_scored(pg, key, 12)
                assert value == ([s.to_json() for s in fresh[0]], fresh[1], fresh[2]), (item, change, key)
            elif name == "similar":
                assert value == [m.to_json() for m in similar(pg, key[0])], (item, change, key)
    assert kept == KEPT_AFTER_EACH_WRITE


def test_a_server_starts_from_the_index_saved_beside_the_store(tmp_path):
    from graph.portfolio import PortfolioGraph
    from graph.readmodel.similar import open_index
    from graph.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "p.db") as store:
        store.apply(changeset_from_document(_three()), "test")
        open_index(store, PortfolioGraph.from_store(store))  # as `tracker similar` leaves it
    builds = similarity_index.builds
    started = create_app({"TESTING": True, "STORE_URL": f"sqlite:///{tmp_path / 'p.db'}",
                          "USERS_DB": str(tmp_path / "users.db"), "SECRET_KEY": "test-secret", "READ_WITHOUT_LOGIN": True})
    holder = started.extensions["portfolio"]
    assert similarity_index.built(holder.graph).revision == holder.graph.revision
    assert "Kampagne: rekruttering af sygeplejersker" in started.test_client().get("/specialty/geri/synergies").get_data(as_text=True)
    assert similarity_index.builds == builds
    holder.store.close()
