"""``serve --demo`` acts only on a store that holds the demo alone: it never gives the public demo
password to accounts beside a real portfolio or real accounts."""
from __future__ import annotations

from pathlib import Path

from graph.store.base import Store
from tracker.accounts import demo_usernames, list_users, verify
from tracker.errors import UserError

#: The note of every change set that loads the demo portfolio (``tracker demo`` and ``serve --demo``).
DEMO_NOTE = "demo portfolio"
#: Notes of the change sets people make one item at a time in the web front end or the item API.
PEOPLES_EDITS = ("web: ", "api: ")


def not_demo(store: Store, users_db: Path, public_password: str) -> tuple[str, str] | None:
    """Return what in the store or the accounts file is not the demo's (a change set, an account), in
    Danish and English; or None.

    The store is the demo's when, since the demo portfolio was last loaded, it was changed only
    by people's edits of single items (no import, upload or copy); an account is the demo's when
    it was made as a demo account, or (made before accounts were marked) still has the demo's
    public password.
    """
    if users_db.exists():
        demo = set(demo_usernames(users_db))
        real = [
            a.username for a in list_users(users_db)
            if a.username not in demo and verify(users_db, a.username, public_password) is None
        ]
        if real:
            return f"kontoen '{real[0]}'", f"the account '{real[0]}'"
    if not sum(store.counts().values()):
        return None
    # Newest first: people's edits (one item each, from a form or the item API) keep a demo a demo;
    # the demo's load ends the walk (a replace makes the store equal to the demo); any other
    # change set (an import, an upload, a copy) brought in what is not the demo's.
    for entry in store.audit(limit=1_000_000):
        if entry.note.startswith(DEMO_NOTE):
            return None
        if not entry.note.startswith(PEOPLES_EDITS):
            return (f"ændringen '{entry.note}' (revision {entry.revision})",
                    f"the change '{entry.note}' (revision {entry.revision})")
    return "lagerets indhold", "what the store holds"


def refuse_unless_demo(store: Store, users_db: Path, public_password: str) -> None:
    """Raise a one-line UserError when ``--demo`` would touch a store or accounts that are not the demo's."""
    found = not_demo(store, users_db, public_password)
    if found is None:
        return
    raise UserError(
        da=f"--demo bruges kun på et tomt lager eller et med demo-porteføljen alene, men {found[0]} er ikke demoens; "
        "intet er ændret (brug `tracker demo --replace` for at erstatte lageret med demoen, "
        "eller `tracker serve` uden --demo og `tracker user add` til konti)",
        en=f"--demo is for an empty store or one holding the demo portfolio alone, but {found[1]} is not the demo's; "
        "nothing was changed (use `tracker demo --replace` to replace the store with the demo, "
        "or `tracker serve` without --demo and `tracker user add` for accounts)",
    )
