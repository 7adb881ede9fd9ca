"""The one bilingual message type, and the store error built on it."""
from __future__ import annotations

import pickle

import pytest

from graph.store import StoreError, open_store
from graph.text import Bilingual


def test_texts_are_keyword_only_so_they_cannot_be_swapped():
    with pytest.raises(TypeError):
        Bilingual("dansk", "english")  # type: ignore[misc]
    assert Bilingual(en="english", da="dansk").text("da") == "dansk"


def test_store_error_takes_keywords_and_the_old_positional_form():
    new = StoreError(da="lageret er låst", en="the store is locked")
    old = StoreError("the store is locked", "lageret er låst")
    english_only = StoreError("the store is locked")
    assert (new.text("da"), new.text("en"), str(new)) == ("lageret er låst", "the store is locked", "the store is locked")
    assert (old.text("da"), old.text("en")) == ("lageret er låst", "the store is locked")
    assert english_only.text("da") == "the store is locked"
    again = pickle.loads(pickle.dumps(new))
    assert (type(again), again.text("da")) == (StoreError, "lageret er låst")


def test_an_unknown_store_url_is_named_in_both_languages():
    with pytest.raises(StoreError) as caught:
        open_store("ftp://example.org/x")
    assert caught.value.text("da").startswith("ukendt lager-URL 'ftp://example.org/x'")
    assert caught.value.text("en").startswith("unknown store URL 'ftp://example.org/x'")
