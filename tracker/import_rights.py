"""``tracker import FILE --as USERNAME``: a secretariat's file judged by that account's rights, record
by record, exactly as the web's upload judges it (web/rights_import.py), before anything is written."""
from __future__ import annotations

from graph.changeset import ChangeSet
from graph.portfolio import PortfolioGraph
from graph.store.base import Store
from graph.vocabulary import kind_label
from tracker.accounts import get_user
from tracker.errors import UserError
from tracker.settings import Settings
from web.rights import can_import, outside_programmes, refused_in_import
from web.rights_import import find_refusal


def judge_as(username: str, changes: ChangeSet, store: Store, settings: Settings, source: str) -> None:
    """Raise a one-line UserError naming the file, the record, the field and the value when the
    account ``username`` may not import ``changes``; return when it may."""
    db = settings.users_db()
    account = get_user(db, username) if db.exists() else None
    if account is None:
        raise UserError(da=f"kontoen '{username}' findes ikke; intet er importeret",
                        en=f"the account '{username}' does not exist; nothing is imported")
    pg = PortfolioGraph.from_store(store)
    if not can_import(account, pg):
        raise UserError(da=f"{source}: '{username}' er ikke i noget programs sekretariat; intet er importeret",
                        en=f"{source}: '{username}' is in no programme's secretariat; nothing is imported")
    outside = outside_programmes(account, pg, ((r.kind, r.id, r.programme) for r in changes.upserts))
    if outside:
        named = ", ".join(f"'{p}'" for p in outside)
        raise UserError(da=f"{source}: '{username}' er ikke i sekretariatet for programmet {named}; intet er importeret",
                        en=f"{source}: '{username}' is not in the secretariat of the programme {named}; nothing is imported")
    found = find_refusal(account, pg, changes.upserts)
    if found is not None:
        da_kind, en_kind = kind_label(found.kind, "da").lower(), kind_label(found.kind, "en").lower()
    if found is not None and found.programme is None:
        raise UserError(
            da=f"{source}: {da_kind} '{found.item}' giver '{username}' selv en rolle (feltet 'person', værdien '{found.value}'); "
            "en rolle til sig selv gives af et andet medlem af sekretariatet eller uden --as; intet er importeret",
            en=f"{source}: the {en_kind} '{found.item}' gives '{username}' a role themselves (field 'person', value '{found.value}'); "
            "a role on oneself is given by another secretariat member or without --as; nothing is imported",
        )
    if found is not None:
        raise UserError(
            da=f"{source}: {da_kind} '{found.item}' rækker i feltet '{found.field}' med værdien '{found.value}' ind i programmet "
            f"'{found.programme}', som '{username}' ikke er i sekretariatet for; intet er importeret",
            en=f"{source}: the {en_kind} '{found.item}' reaches in the field '{found.field}' with the value '{found.value}' into the "
            f"programme '{found.programme}', whose secretariat '{username}' is not in; nothing is imported",
        )
    decided = refused_in_import(account, pg, ((r.kind, r.id, r.data) for r in changes.upserts))
    if decided:
        ids = ", ".join(decided)
        raise UserError(da=f"{source}: kun programstyregruppens beslutninger sætter godkendelser: {ids}; intet er importeret",
                        en=f"{source}: only the steering group's decisions set approvals: {ids}; nothing is imported")
