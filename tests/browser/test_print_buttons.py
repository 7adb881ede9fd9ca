"""Every "Udskriv" button opens the browser's print dialogue under the pages' own
Content-Security-Policy (an inline onclick was blocked, and the button did nothing)."""
from __future__ import annotations

import pytest

#: The pages with a print button.
PRINTABLE = ["/specialty/geri", "/specialty/geri/checks", "/specialty/geri/roadmap", "/roadmap", "/specialty/geri/status-report"]


@pytest.mark.parametrize("path", PRINTABLE)
def test_udskriv_calls_window_print(served, signed_in, path):
    page = signed_in("mette")
    complaints: list[str] = []
    page.on("console", lambda msg: complaints.append(msg.text) if msg.type in ("error", "warning") else None)
    # The real dialogue would block the test: the page's own window.print is replaced to count the calls.
    page.add_init_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")
    page.goto(served.url + path)
    button = page.get_by_role("button", name="Udskriv")
    assert button.count() == 1
    button.click()
    page.wait_for_function("window.__printed > 0")
    assert page.evaluate("window.__printed") == 1
    assert [c for c in complaints if "Content Security Policy" in c or "Refused to" in c] == []
