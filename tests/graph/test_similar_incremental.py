"""The similarity index follows a change by re-vectorising only what it touched (issue 13), and is
kept in a file beside the store between processes (graph/readmodel/similar.py)."""
from __future__ import annotations

import copy

import pytest

from graph.changeset import parse_record
from graph.portfolio import PortfolioGraph
from graph.queries import similarity_index
from graph.queries.similar import MIN_SCORE, pairs_of_specialty, similar
from graph.queries.similarity_index import SimilarityIndex, follow, index_of
from graph.readmodel.similar import default_path, load_index, open_index
from graph.record import ChangeSet, Record
from graph.store.sqlite import SQLiteStore
from importers.document import FORMAT, changeset_from_document


def _three() -> dict:
    """Geriatrics and rheumatology share a recruitment campaign at Holbæk; oncology does other work."""
    return {
        "format": FORMAT,
        "programme": {"id": "p", "name": "P"},
        "sites": [{"id": "holb", "name": "Holbæk"}, {"id": "nyk", "name": "Nykøbing F."}],
        "specialties": [{"id": "geri", "name": "Geriatri"}, {"id": "reum", "name": "Reumatologi"},
                        {"id": "onko", "name": "Onkologi"}],
        "strength_positions": [{"id": "geri-sp", "specialty": "geri", "sites": ["holb"]},
                               {"id": "reum-sp", "specialty": "reum", "sites": ["nyk"]},
                               {"id": "onko-sp", "specialty": "onko", "sites": ["nyk"]}],
        "people": [{"id": "eva", "name": "Eva Holm"}, {"id": "ole", "name": "Ole Olsen"}],
        "roles": [{"person": "ole", "role": "implementation_lead", "strength_position": "onko-sp"}],
        "support_offers": [{"id": "kampagne", "title": "Regionens rekrutteringskampagne"}],
        "ambitions": [{"id": f"{s}-amb", "specialty": s, "statement": s} for s in ("geri", "reum", "onko")],
        "focus_areas": [{"id": f"{s}-fa", "ambition": f"{s}-amb", "title": "Robust drift"} for s in ("geri", "reum")]
        + [{"id": "onko-fa", "ambition": "onko-amb", "title": "Kortere ventetid på kemoterapi"}],
        "initiatives": [
            {"id": "geri-i1", "title": "Rekrutteringskampagne for sygeplejersker", "focus_areas": ["geri-fa"],
             "site": "holb", "owner": "eva", "themes": ["recruitment_retention"], "draws_on": ["kampagne"]},
            {"id": "geri-i2", "title": "Faldforebyggelse i eget hjem", "focus_areas": ["geri-fa"],
             "strength_position": "geri-sp", "themes": ["uniform_treatment"]},
            {"id": "reum-i1", "title": "Kampagne: rekruttering af sygeplejersker", "focus_areas": ["reum-fa"],
             "site": "holb", "owner": "eva", "themes": ["recruitment_retention"], "draws_on": ["kampagne"]},
            {"id": "reum-i2", "title": "Ny instruks for biologisk behandling", "focus_areas": ["reum-fa"],
             "strength_position": "reum-sp", "themes": ["uniform_treatment"]},
            {"id": "onko-i1", "title": "Kemoterapi i dagafsnit", "focus_areas": ["onko-fa"],
             "strength_position": "onko-sp", "themes": ["work_planning"]},
        ],
    }


def _graph(doc: dict | None = None) -> PortfolioGraph:
    return PortfolioGraph(changeset_from_document(doc or _three()).upserts, revision=1)


def _initiative(data: dict) -> Record:
    return parse_record("initiative", data, "initiatives[0]")


def _changed(pg: PortfolioGraph, records: list[Record], deletes: tuple[str, ...] = ()):
    """Apply a change to ``pg`` and let its index follow it; return what moved."""
    before = pg.revision
    pg.apply(records, deletes)
    pg.revision += 1
    return follow(pg, before, [r.id for r in records] + list(deletes), MIN_SCORE)


def _answers(pg: PortfolioGraph) -> dict:
    found = {}
    for kind in ("initiative", "focus_area", "challenge"):
        for item in pg.ids(kind):
            found[item] = [(m.target, round(m.score, 9), [r.text for r in m.reasons]) for m in similar(pg, item, min_score=0.5)]
    return found


def _structure(index: SimilarityIndex) -> dict:
    return {item: (f.kind, f.specialty, f.themes, f.sites, f.people, f.offers, f.mentions)
            for item, f in ((i, index.features[i]) for i in index.features)}


@pytest.fixture
def incremental(monkeypatch):
    """Every index follows changes incrementally, however small (as from 2,000 elements on), and
    however many changed (a tenth of a handful would be less than one)."""
    monkeypatch.setattr(similarity_index, "INCREMENTAL_FROM", 0)
    monkeypatch.setattr(similarity_index, "REBUILD_SHARE", 10.0)


def test_a_changed_title_moves_its_similar_list_at_once_without_a_full_build(incremental):
    pg = _graph()
    assert [m.target for m in similar(pg, "geri-i2")] == []
    builds = similarity_index.builds
    followed = _changed(pg, [_initiative({"id": "geri-i2", "title": "Ny instruks for biologisk behandling",
                                          "focus_areas": ["geri-fa"], "strength_position": "geri-sp",
                                          "themes": ["uniform_treatment"]})])
    # geri-fa is looked at again (it is served by geri-i2) but reads as it did: only geri-i2 changed
    assert not followed.full and followed.dirty == {"geri-i2"}
    [match] = similar(pg, "geri-i2")
    assert (match.target, [r.kind for r in match.reasons]) == ("reum-i2", ["text", "theme"])
    assert [m.target for m in similar(pg, "reum-i2")] == ["geri-i2"]
    assert similarity_index.builds == builds  # followed, not rebuilt
    # The same suggestions, for changed and unchanged elements, as an index built from scratch.
    incremental_answers = _answers(pg)
    similarity_index.adopt(pg, SimilarityIndex(pg))
    full_answers = _answers(pg)
    assert {i: [t for t, _s, _r in m] for i, m in incremental_answers.items()} == {
        i: [t for t, _s, _r in m] for i, m in full_answers.items()}
    assert {i: [r for _t, _s, r in m] for i, m in incremental_answers.items()} == {
        i: [r for _t, _s, r in m] for i, m in full_answers.items()}


def test_elements_a_change_does_not_touch_keep_their_rows_bit_for_bit(incremental):
    pg = _graph()
    before = index_of(pg)
    old_rows = {i: before.blocks["initiative"].matrix[before.blocks["initiative"].row[i]].toarray().tolist()
                for i in ("geri-i1", "reum-i1", "reum-i2")}
    _changed(pg, [_initiative({"id": "onko-i1", "title": "Kemoterapi hjemme", "focus_areas": ["onko-fa"],
                               "strength_position": "onko-sp", "themes": ["work_planning"]})])
    after = index_of(pg)
    assert after is not before and after.revision == pg.revision
    block = after.blocks["initiative"]
    width = before.blocks["initiative"].matrix.shape[1]
    assert {i: block.matrix[block.row[i]].toarray()[:, :width].tolist() for i in old_rows} == old_rows
    assert block.ids == before.blocks["initiative"].ids  # every row in its place


def test_what_an_element_is_compared_by_follows_its_neighbours(incremental):
    """An owner, a strength position's lead, a focus area served, a support offer: the rows that read
    them follow, and equal those of a full build (themes, sites, people, offers, specialty)."""
    pg = _graph()
    index_of(pg)
    # reum-i1 moves from reum-fa to onko-fa and gets a new owner: both focus areas' people change
    followed = _changed(pg, [_initiative({"id": "reum-i1", "title": "Kampagne: rekruttering af sygeplejersker",
                                          "focus_areas": ["onko-fa"], "site": "holb", "owner": "ole",
                                          "themes": ["recruitment_retention"], "draws_on": ["kampagne"]})])
    assert followed.dirty == {"reum-i1", "reum-fa", "onko-fa"}
    # the implementation lead of onko-sp changes: initiatives delivered there have other people
    role = Record("role", next(r.id for r in pg.records("role")), {"person": "eva", "role": "implementation_lead",
                                                                   "strength_position": "onko-sp"})
    assert _changed(pg, [role]).dirty == {"onko-i1"}
    # a prerequisite draws on the campaign for geri-fa: the focus area and the initiatives serving it
    # are looked at again; geri-fa and geri-i1 had the campaign already (geri-i1 draws on it), geri-i2 gains it
    pre = parse_record("prerequisite", {"id": "geri-pre", "ambition": "geri-amb", "text": "Kampagnen",
                                        "enables": ["geri-fa"], "draws_on": ["kampagne"]}, "prerequisites[0]")
    assert _changed(pg, [pre]).dirty == {"geri-i2"}
    assert _changed(pg, [], ("geri-pre",)).dirty == {"geri-i2"}  # and loses it when the prerequisite goes
    assert not similarity_index.built(pg).full_revision == pg.revision
    assert _structure(index_of(pg)) == _structure(SimilarityIndex(pg))
    assert pairs_of_specialty(pg, "onko")[0]["specialty"] == "geri"


def test_a_full_build_comes_back_when_too_much_changed_or_a_specialty_changed(incremental, monkeypatch):
    monkeypatch.setattr(similarity_index, "REBUILD_SHARE", 0.5)
    pg = _graph()
    index = index_of(pg)
    many = [_initiative(dict(pg.data(i), id=i)) for i in pg.ids("initiative")]
    assert index.updated(pg, [r.id for r in many]) is None  # more than half of the elements
    assert _changed(pg, [Record("specialty", "onko", {"id": "onko", "name": "Kræftbehandling"})]).full


def test_a_deleted_element_leaves_the_index(incremental):
    pg = _graph()
    index_of(pg)
    _changed(pg, [], ("reum-i1",))
    assert "reum-i1" not in index_of(pg).features
    assert [m.target for m in similar(pg, "geri-i1")] == []
    assert index_of(pg).by_specialty["reum"] == ["reum-i2", "reum-fa"]


def test_a_small_index_is_built_afresh_after_a_change():
    pg = _graph()
    index_of(pg)
    assert _changed(pg, [_initiative({"id": "geri-i2", "title": "Nyt", "focus_areas": ["geri-fa"]})]).full
    assert index_of(pg).full_revision == pg.revision


# -- the file beside the store ------------------------------------------------------------------


@pytest.fixture
def store(tmp_path):
    with SQLiteStore(tmp_path / "p.db") as opened:
        opened.apply(changeset_from_document(_three()), "test")
        yield opened


def test_a_saved_index_of_this_revision_is_used_without_building(store):
    first = PortfolioGraph.from_store(store)
    open_index(store, first)
    assert default_path(store).name == "p.db.similar" and default_path(store).exists()
    expected = _answers(first)
    builds = similarity_index.builds
    second = PortfolioGraph.from_store(store)  # as a fresh process sees it
    assert load_index(store, second) is not None
    assert _answers(second) == expected
    assert similarity_index.builds == builds


def test_a_saved_index_of_an_earlier_revision_is_caught_up_and_saved_again(store, incremental):
    open_index(store, PortfolioGraph.from_store(store))
    moved = _initiative({"id": "geri-i2", "title": "Ny instruks for biologisk behandling", "focus_areas": ["geri-fa"],
                         "strength_position": "geri-sp", "themes": ["uniform_treatment"]})
    store.apply(ChangeSet([moved]), "test")
    pg = PortfolioGraph.from_store(store)
    builds = similarity_index.builds
    found = load_index(store, pg)
    assert found is not None and found.revision == pg.revision == store.revision()
    assert [m.target for m in similar(pg, "geri-i2")] == ["reum-i2"]
    assert similarity_index.builds == builds
    assert load_index(store, PortfolioGraph.from_store(store)).changed == found.changed  # saved at the new revision


def test_an_unreadable_or_foreign_file_is_rebuilt_never_an_error(store, tmp_path):
    path = default_path(store)
    path.write_bytes(b"not a pickle at all")
    pg = PortfolioGraph.from_store(store)
    assert load_index(store, pg) is None
    builds = similarity_index.builds
    open_index(store, pg)
    assert similarity_index.builds == builds + 1
    with SQLiteStore(tmp_path / "other.db") as other:
        other.apply(changeset_from_document(_three()), "test")
        assert load_index(other, PortfolioGraph.from_store(other), path) is None  # another store's file


def test_a_small_stale_file_is_built_afresh(store):
    open_index(store, PortfolioGraph.from_store(store))
    store.apply(ChangeSet([_initiative({"id": "geri-i2", "title": "Nyt", "focus_areas": ["geri-fa"]})]), "test")
    assert load_index(store, PortfolioGraph.from_store(store)) is None


def test_unchanged_copy_keeps_the_demo_answers(incremental):
    from tracker.demo import demo_document

    pg = PortfolioGraph(changeset_from_document(copy.deepcopy(demo_document())).upserts, revision=1)
    expected = _answers(pg)
    state = index_of(pg).to_state()
    similarity_index.adopt(pg, SimilarityIndex.from_state(copy.deepcopy(state)))
    assert _answers(pg) == expected


def test_a_large_portfolio_without_a_file_is_built_in_the_background_and_saved(store, monkeypatch):
    import threading

    from graph.readmodel.similar import build_and_save

    pg = PortfolioGraph.from_store(store)
    build_and_save(store, pg)
    for thread in threading.enumerate():
        if thread.name == "similarity-index":
            thread.join(timeout=30)
    assert similarity_index.built(pg).revision == pg.revision
    builds = similarity_index.builds
    assert load_index(store, PortfolioGraph.from_store(store)) is not None and similarity_index.builds == builds


def test_a_forked_worker_builds_its_own_index_when_its_parent_was_building_one(store):
    """tracker/prefork.py forks workers after the app (and a background build) started."""
    import os
    import threading

    pg = PortfolioGraph.from_store(store)
    similarity_index._BUILDING[pg] = pg.revision  # as if the parent's build thread were running
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: no build goes on here, so warming starts one
        try:
            similarity_index.warm(pg)
            for thread in threading.enumerate():
                if thread.name == "similarity-index":
                    thread.join(timeout=30)
            os.write(write, b"1" if similarity_index.built(pg) is not None else b"0")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    similarity_index._BUILDING.pop(pg, None)


class _Planted:
    """What a pickle that runs code on loading looks like: it creates the file ``marker``."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_planted_pickle_is_never_run(store, tmp_path):
    import pickle

    marker = tmp_path / "ran"
    default_path(store).write_bytes(pickle.dumps(_Planted(str(marker))) * 2)
    assert load_index(store, PortfolioGraph.from_store(store)) is None
    assert not marker.exists()
