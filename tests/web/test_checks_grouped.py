"""The overview counts warnings and errors; the specialty page shows one line per rule and ambition."""
from __future__ import annotations

from importers.document import changeset_from_document
from tracker.demo import demo_document


def test_the_overview_counts_problems_and_the_page_shows_one_line(tmp_path):
    from web import create_app

    app = create_app({"STORE_URL": f"sqlite:///{tmp_path / 'p.db'}", "USERS_DB": str(tmp_path / "u.db"),
                      "SECRET_KEY": "x", "TESTING": True, "READ_WITHOUT_LOGIN": True})
    app.extensions["portfolio"].store.apply(changeset_from_document(demo_document(), "demo"), "test")
    client = app.test_client()
    overview = client.get("/").get_data(as_text=True)
    row = overview[overview.index('<tr id="row-geri">'):]
    row = row[: row.index("</tr>")]
    assert '#findings">3</a></td>' in row
    page = client.get("/specialty/geri").get_data(as_text=True)
    findings = page[page.index('id="findings"'):]
    findings = findings[: findings.index("</section>")]
    assert findings.count("<li>") == 4
    assert findings.count("Til orientering") == 1
