"""Danish throughout: a page rendered in Danish shows none of the vocabulary's English labels and no
raw enumeration key (the lists are built from graph/vocabulary.py itself), on every page kind."""
from __future__ import annotations

import re

import pytest

from graph import vocabulary
from tests.browser import page_kinds


def _danish_words() -> set[str]:
    words: set[str] = set()
    for da, _en in [*vocabulary._LABELS.values(), *vocabulary.KIND_LABELS.values(), *vocabulary.FIGURE_LABELS.values()]:
        words |= set(re.findall(r"\w+", da.lower()))
    for _p, da, _en in vocabulary.THEMES.values():
        words |= set(re.findall(r"\w+", da.lower()))
    return words


def leak_patterns() -> dict[str, re.Pattern[str]]:
    """English label or raw key -> the pattern that finds it as a whole word in a page's text.

    An English label that is also the Danish one ("Ambition", "Score") is no leak; nor is a key that
    is a Danish word too ("patient", "person").
    """
    danish = _danish_words()
    pairs = [*vocabulary._LABELS.items(), *vocabulary.KIND_LABELS.items(), *vocabulary.FIGURE_LABELS.items()]
    pairs += [(key, (da, en)) for key, (_p, da, en) in vocabulary.THEMES.items()]
    found: dict[str, re.Pattern[str]] = {}
    for key, (da, en) in pairs:
        if en != da:
            found[en] = re.compile(rf"(?<![\w-]){re.escape(en)}(?![\w-])")
        if key.lower() not in danish and key != da:
            found[key] = re.compile(rf"(?<![\w~.-]){re.escape(key)}(?![\w~.-])")
    return found


LEAKS = leak_patterns()

#: The visible text of the page, less what is marked as English on purpose (the "English" switch).
VISIBLE_TEXT = """() => {
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[lang]:not([lang="da"]), script, style, svg title').forEach(el => el.remove());
  document.body.appendChild(copy); copy.style.position = 'absolute';
  const text = copy.innerText + ' ' + [...document.querySelectorAll('svg text')].map(t => t.textContent).join(' ');
  copy.remove();
  return text;
}"""

CASES = [pytest.param(url, viewer, id=f"{viewer or 'anonymous'}-{url}") for _endpoint, url, viewer in page_kinds.examples()]


@pytest.mark.parametrize(("url", "viewer"), CASES)
def test_a_danish_page_shows_no_english_label_or_raw_key(demo_served, viewer_page, url, viewer):
    page = viewer_page(viewer, "da")
    page.goto(demo_served.url + url)
    text = page.evaluate(VISIBLE_TEXT)
    leaks = sorted({word for word, pattern in LEAKS.items() if pattern.search(text)})
    context = {word: LEAKS[word].search(text) for word in leaks}
    assert leaks == [], "; ".join(f"{w!r} in …{text[max(0, m.start() - 40):m.end() + 40]!r}…" for w, m in context.items() if m)


def test_the_list_is_built_from_the_vocabulary():
    assert {"Draft", "in_progress", "Strategic focus area", "focus_area", "Recruitment and retention"} <= set(LEAKS)
    assert "Ambition" not in LEAKS and "patient" not in LEAKS
