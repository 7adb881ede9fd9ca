"""Journey 2's first steps by keyboard alone: the skip link comes first and is seen, focus is always
visible, the tab order follows the page, and a picker keeps its height when it takes the focus
(so nothing below it moves under the cursor)."""
from __future__ import annotations

from tests.browser import page_kinds

#: What the focused element looks like: its tag, text, whether it is on screen and has an outline.
FOCUSED = """() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
          href: el.getAttribute('href'), seen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def test_journey_2_by_keyboard(demo_served, viewer_page):
    page = viewer_page(page_kinds.SPECIALTY_OWNER, "da")
    page.goto(demo_served.url + "/specialty/geri")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert (first["text"], first["href"], first["seen"], first["outline"]) == ("Spring til indhold", "#main", True, True)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # from the skip target the next stops are the page's own links, in the page's order, each visibly focused
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    assert all(s["seen"] and s["outline"] for s in stops), [s for s in stops if not (s["seen"] and s["outline"])]
    assert all(s["tag"] in ("a", "button", "input", "select", "textarea", "summary") for s in stops)
    tops = page.evaluate("""() => [...document.querySelectorAll('main a[href], main button')].slice(0, 3).map(e => e.getBoundingClientRect().top)""")
    assert tops == sorted(tops)
    # the first step of writing: a new core challenge, by keyboard
    page.goto(demo_served.url + "/new/challenge?ambition=geri-amb")
    page.focus("#f-title")
    page.keyboard.type("Mangel på geriatere i Køge")
    wrapper = page.locator("#field-site .ts-wrapper")
    before = wrapper.bounding_box()
    for _ in range(8):  # Tab on until the site picker holds the focus
        if page.evaluate("!!document.activeElement.closest('#field-site')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#field-site .ts-wrapper')")
    page.wait_for_timeout(150)
    focused = wrapper.bounding_box()
    assert before is not None and focused is not None
    assert abs(focused["height"] - before["height"]) < 1, (before, focused)
    assert page.evaluate("getComputedStyle(document.querySelector('#field-site .ts-control')).outlineStyle") != "none" or \
        page.evaluate("getComputedStyle(document.querySelector('#field-site .ts-control')).boxShadow") != "none"
