"""The portfolio-wide answers several pages and the API give, cached per specialty where they can be.

Coverage is assembled from one cached row per specialty (graph.queries.coverage.specialty_coverage),
so after a write only the rows of the specialties it touched are computed again; the JSON bodies of
the API are serialised once per revision.
"""
from __future__ import annotations

from flask import Response, current_app

from graph.queries.coverage import orphan_initiatives, specialties_in, specialty_coverage
from web.state import cached, portfolio


def coverage_json(programme: str | None) -> dict:
    """``coverage(pg, programme).to_json()``, from rows cached per specialty."""
    return cached("coverage", programme, lambda: _assembled(programme))


def _assembled(programme: str | None) -> dict:
    pg = portfolio()

    def row(sid: str) -> dict:
        return cached("coverage_row", sid, lambda: specialty_coverage(pg, sid).to_json(), specialty=sid)

    return {
        "specialties": [row(sid) for sid in specialties_in(pg, programme)],
        "orphan_initiatives": orphan_initiatives(pg, programme),
    }


def json_body(name: str, key: object, doc: object, specialty: str | None = None) -> bytes:
    """The response body ``jsonify`` would give for ``doc()``, serialised once until a write makes it stale."""
    make = doc if callable(doc) else (lambda: doc)
    def body() -> bytes:
        response: Response = current_app.json.response(make())  # type: ignore[assignment]  # the app's Response class
        return response.get_data()

    return cached(name, key, body, specialty=specialty)
