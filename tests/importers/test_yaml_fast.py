"""The fast YAML reader and writer agree with PyYAML's strict safe loader, or step aside (issue 13)."""
from __future__ import annotations

import datetime as dt
import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from importers.loading import _StrictLoader
from importers.portfolio_file import dump_text
from importers.yaml_fast import NOT_SIMPLE, dump, load
from tests.conftest import SMALL
from tests.importers.test_roundtrip_property import portfolios

SETTINGS = settings(max_examples=300, deadline=None)


def pyyaml(text: str) -> object:
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - the strict safe loader


# Characters YAML gives meaning to, letters that resolve (yes, no, on, null ...), Danish letters,
# and characters that break lines or need escapes.
TRICKY = "abnoyteflsuNOYTF019_.-+:#'\"!&*?|>%@`,[]{}~<= \n\\æøåÆ\x85\u2028\ufeff\x07\x7f\u00a0é"
keys = st.text(alphabet=TRICKY, min_size=1, max_size=8)
scalars = st.one_of(
    st.text(alphabet=TRICKY, max_size=12),
    st.text(max_size=12),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.dates(),
    st.sampled_from(["yes", "No", "on", "OFF", "null", "~", "2026-01-01", "0o17", "012", "1_000", "1:30", ".5", "1e3", "<<", "="]),
)
trees = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=12,
)
documents = st.dictionaries(keys, trees, min_size=1, max_size=4)


@SETTINGS
@given(doc=documents)
def test_what_dump_writes_pyyaml_and_load_read_back_unchanged(doc):
    text = dump(doc)
    if text is None:
        return  # something outside the simple style: PyYAML writes it
    assert pyyaml(text) == doc
    fast = load(text)
    assert fast is NOT_SIMPLE or fast == doc


@SETTINGS
@given(doc=documents, width=st.sampled_from([20, 80, 10_000]), flow=st.sampled_from([False, None]))
def test_load_of_what_pyyaml_writes_agrees_or_steps_aside(doc, width, flow):
    text = yaml.safe_dump(doc, allow_unicode=True, width=width, default_flow_style=flow, sort_keys=False)
    fast = load(text)
    if fast is not NOT_SIMPLE:
        assert fast == pyyaml(text)


LINES = st.lists(
    st.tuples(
        st.sampled_from(["", " ", "  ", "    "]),
        st.sampled_from(["", "- ", "-  ", "- - "]),
        st.text(alphabet=TRICKY.replace("\n", ""), max_size=6),
        st.sampled_from([":", ": ", ":  ", "", " #"]),
        st.text(alphabet=TRICKY.replace("\n", ""), max_size=10),
    ).map("".join),
    min_size=1,
    max_size=8,
)


@settings(max_examples=1000, deadline=None)
@given(lines=LINES)
def test_load_of_any_text_agrees_with_pyyaml_or_steps_aside(lines):
    text = "\n".join(lines) + "\n"
    fast = load(text)
    if fast is NOT_SIMPLE:
        return
    try:
        expected = pyyaml(text)
    except (yaml.YAMLError, Exception) as exc:  # noqa: BLE001 - any refusal of PyYAML is a disagreement
        raise AssertionError(f"fast reader accepted what PyYAML refuses: {exc!r}") from None
    assert fast == expected


@settings(max_examples=40, deadline=None)
@given(doc=portfolios())
def test_exported_portfolios_take_the_fast_path_both_ways(doc):
    text = dump_text(doc, "yaml")
    assert text == dump(doc)
    fast = load(text)
    if fast is NOT_SIMPLE:
        # The one shape the fast reader leaves to PyYAML: a mapping key that must be quoted (a
        # figure named '":'), which real figure names never are.
        assert re.search(r"^[ -]*(\"|')[^\n]*(\"|'): ", text, re.MULTILINE), text
        fast = pyyaml(text)
    assert fast == doc == pyyaml(text)


def test_the_simple_style_by_example():
    doc = {
        "format": "ambition-tracker/v1",
        "programme": {"id": "bass", "name": "BASS: Sjælland #1"},
        "sites": [{"id": "holb", "lat": 55.71, "lon": 1e-05, "partner_sites": []}, {"id": "yes", "name": "no"}],
        "ambitions": [{"id": "a", "approved_on": dt.date(2026, 3, 1), "statement": "To linjer\nher", "n": None}],
    }
    text = dump(doc)
    assert text == (
        "format: ambition-tracker/v1\n"
        "programme:\n"
        "  id: bass\n"
        '  name: "BASS: Sjælland #1"\n'
        "sites:\n"
        "- id: holb\n"
        "  lat: 55.71\n"
        "  lon: 1.0e-05\n"
        "  partner_sites: []\n"
        '- id: "yes"\n'
        '  name: "no"\n'
        "ambitions:\n"
        "- id: a\n"
        "  approved_on: 2026-03-01\n"
        '  statement: "To linjer\\nher"\n'
        "  n: null\n"
    )
    assert load(text) == doc == pyyaml(text)


def test_what_steps_aside():
    for text in ("sites: [holb]\n", "a: &x 1\nb: *x\n", "a: |\n  text\n", "a: 1\na: 2\n", "- a\n", "a: 1 # note\n",
                 "a:\n\tb: 1\n", "--- \na: 1\n", "a: !!str 1\n", "a: 'open\n  quote'\n", ""):
        assert load(text) is NOT_SIMPLE, text


def test_small_fixture_round_trip():
    assert load(dump(SMALL)) == SMALL
