"""The compiled catalogues (.mo) live in the shared temp folder: a folder of the expected name that
another user made, or that others may write in, is never read; the app compiles its own."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from web import i18n


def _expected_folder() -> Path:
    """Where a first compile puts the catalogues (made by compiling once, then emptied)."""
    (folder,) = i18n.compile_catalogues()
    return folder


def _plant(folder: Path) -> Path:
    """A Danish catalogue that says something else for "Print"."""
    mo = folder / "da" / "LC_MESSAGES" / "messages.mo"
    mo.parent.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(locale="da")
    catalog.add("Print", "PLANTET")
    with mo.open("wb") as handle:
        write_mo(handle, catalog)
    return mo


@pytest.fixture
def own_temp(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _print_word(folders: list[Path]) -> str:
    from babel.support import Translations

    return Translations.load(str(folders[0]), ["da"]).gettext("Print")


def test_a_folder_of_ours_is_reused(own_temp):
    first = i18n.compile_catalogues()
    assert i18n.compile_catalogues() == first
    assert first[0].stat().st_mode & 0o777 == 0o700
    assert _print_word(first) == "Udskriv"


@pytest.mark.parametrize("spoil", ["world_writable", "a_link"])
def test_a_planted_folder_is_not_read(own_temp, spoil):
    import shutil

    folder = _expected_folder()
    shutil.rmtree(folder)
    if spoil == "world_writable":
        folder.mkdir()
        _plant(folder)
        folder.chmod(0o777)
    else:  # the name leads to a folder the planter controls (owner checks need root to test: the mode and link ones do not)
        elsewhere = own_temp / "planted"
        elsewhere.mkdir(mode=0o700)
        _plant(elsewhere)
        folder.symlink_to(elsewhere)
    found = i18n.compile_catalogues()
    assert found != [folder]
    assert _print_word(found) == "Udskriv"
    assert found[0].stat().st_uid == os.getuid() and found[0].stat().st_mode & 0o777 == 0o700
