"""The Content-Security-Policy in a real browser: the pages' scripts, graph pictures and the print
button still work, and the browser reports no blocked script or style."""
from __future__ import annotations


def test_pages_work_under_the_content_security_policy(served, signed_in):
    page = signed_in("mette")
    complaints: list[str] = []
    page.on("console", lambda msg: complaints.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: complaints.append(str(exc)))
    page.add_init_script("window.__printed = 0; window.print = function () { window.__printed += 1; };")

    page.goto(served.url + "/specialty/geri")
    page.click("#print-page")
    assert page.evaluate("window.__printed") == 1

    page.goto(served.url + "/explorer?specialty=geri")
    page.wait_for_selector("#graph canvas")

    page.goto(served.url + "/edit/initiative/geri-i1")
    page.wait_for_selector("form")

    assert [c for c in complaints if "Content Security Policy" in c or "Refused to" in c] == []
    assert complaints == []
