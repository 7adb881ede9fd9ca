"""``serve --demo`` acts only on a store that holds the demo alone: it never gives the public demo
password to accounts beside a real portfolio or real accounts."""
from __future__ import annotations

from pathlib import Path

from graph.store.base import Store
from tracker.accounts import demo_usernames, list_users, verify
from tracker.errors import UserError

#: The note of every change set that loads the demo portfolio (``tracker demo`` and ``serve --demo``).
DEMO_NOTE = "demo portfolio"


def not_demo(store: Store, users_db: Path, public_password: str) -> str | None:
    """Return what in the store or the accounts file is not the demo's (a programme, an account), or None.

    A programme is the demo's when the change set that created it loaded the demo portfolio; an
    account when it was made as a demo account, or (made before accounts were marked) still has
    the demo's public password.
    """
    if users_db.exists():
        demo = set(demo_usernames(users_db))
        real = [
            a.username for a in list_users(users_db)
            if a.username not in demo and verify(users_db, a.username, public_password) is None
        ]
        if real:
            return f"'{real[0]}'"
    if not store.counts().get("programme"):
        return None
    for record in store.load().records:
        if record.kind != "programme":
            continue
        first = store.history(item=record.id)[:1]
        if not first or not first[0].note.startswith(DEMO_NOTE):
            return f"'{record.id}'"
    return None


def refuse_unless_demo(store: Store, users_db: Path, public_password: str) -> None:
    """Raise a one-line UserError when ``--demo`` would touch a store or accounts that are not the demo's."""
    found = not_demo(store, users_db, public_password)
    if found is None:
        return
    raise UserError(
        da=f"--demo bruges kun på et tomt lager eller et med demo-porteføljen alene, men {found} er ikke demoens; "
        "intet er ændret (brug `tracker demo --replace` for at erstatte lageret med demoen, "
        "eller `tracker serve` uden --demo og `tracker user add` til konti)",
        en=f"--demo is for an empty store or one holding the demo portfolio alone, but {found} is not the demo's; "
        "nothing was changed (use `tracker demo --replace` to replace the store with the demo, "
        "or `tracker serve` without --demo and `tracker user add` for accounts)",
    )
