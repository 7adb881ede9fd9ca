"""The migrate command: a Bolt store written by an older model of the graph brought to today's, in place."""
from __future__ import annotations

import argparse

from graph.store.bolt.migrate import migrate as migrate_store
from tracker.errors import pick
from tracker.settings import Settings
from tracker.stores import sqlite_file


def migrate(args: argparse.Namespace, settings: Settings) -> None:
    url = settings.store()
    lang = settings.lang
    if sqlite_file(url) is not None:
        print(pick(lang, "SQLite-lageret skal ikke migreres; intet er ændret", "a SQLite store needs no migration; nothing was changed"))
        return
    done = migrate_store(url)
    if done.found == done.now:
        print(pick(lang, f"lageret har allerede model {done.now}; intet er ændret", f"the store is already in model {done.now}; nothing was changed"))
        return
    print(pick(
        lang,
        f"migreret fra model {done.found} til model {done.now}: {done.elements} elementer",
        f"migrated from model {done.found} to model {done.now}: {done.elements} elements",
    ))
