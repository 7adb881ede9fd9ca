"""Nobody grants themselves a role: a role on one's own person is given by another secretariat member or the command line."""
from __future__ import annotations

from graph.portfolio import PortfolioGraph


def grants_self(user: object, pg: PortfolioGraph, item_id: str | None, data: dict | None) -> bool:
    """Return True if a role written with ``data`` would give (or change) a role of the user's own person:
    that takes another secretariat member or the command line. A role stored exactly so is no grant."""
    person = getattr(user, "person", None)
    if not person or not data or str(data.get("person", "")).strip() != person:
        return False
    stored = pg.data(item_id) if item_id and item_id in pg and pg.kind(item_id) == "role" else None
    return stored != {k: v for k, v in data.items() if v not in (None, "", [])}
