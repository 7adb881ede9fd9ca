"""Layout that fits: no page kind scrolls sideways on a laptop (1366×768) or a phone (390×844).

A wide table scrolls inside its own frame (``.table-scroll``) instead; the page itself never does.
Screenshots of the pages people look at most are saved to pytest's temporary folder, to be looked at.
"""
from __future__ import annotations

import pytest

from tests.browser import page_kinds

SIZES = {"laptop": (1366, 768), "phone": (390, 844)}

CASES = [
    pytest.param(url, viewer, size, id=f"{size}-{viewer or 'anonymous'}-{url}")
    for size in SIZES
    for _endpoint, url, viewer in page_kinds.examples()
]

#: How far the page is wider than its window, and the widest element that sticks out (to name it).
OVERFLOW = """() => {
  const view = document.documentElement.clientWidth;
  let widest = null, right = view;
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > right + 1 && getComputedStyle(el).position !== 'fixed') {
      let inside = el.parentElement, clipped = false;
      while (inside && inside !== document.body) {
        const o = getComputedStyle(inside).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { clipped = true; break; }
        inside = inside.parentElement;
      }
      if (!clipped) { right = box.right; widest = el; }
    }
  }
  const name = widest ? widest.tagName.toLowerCase() + (widest.id ? '#' + widest.id : '') +
    (widest.className && typeof widest.className === 'string' ? '.' + widest.className.trim().split(/\\s+/).join('.') : '') : '';
  return {scroll: document.documentElement.scrollWidth, view: view, widest: name, right: Math.round(right)};
}"""


@pytest.mark.parametrize(("url", "viewer", "size"), CASES)
def test_the_page_does_not_scroll_sideways(demo_served, viewer_page, url, viewer, size):
    page = viewer_page(viewer, "da", *SIZES[size])
    page.goto(demo_served.url + url)
    found = page.evaluate(OVERFLOW)
    assert found["scroll"] <= found["view"], (
        f"{url} at {SIZES[size][0]} px is {found['scroll']} px wide; {found['widest']} reaches {found['right']} px"
    )


SHOWN = ["/", "/specialty/geri", "/specialty/geri/roadmap", "/roadmap", "/specialty/geri/synergies"]


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_the_main_pages(demo_served, viewer_page, tmp_path, size):
    """Full-page screenshots to look at (pytest's tmp folder, never in git); each is at most the window wide."""
    page = viewer_page(page_kinds.SPECIALTY_OWNER, "da", *SIZES[size])
    for url in SHOWN:
        page.goto(demo_served.url + url)
        path = tmp_path / f"{size}-{url.strip('/').replace('/', '-') or 'overview'}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
