"""Property tests of the importers' contract (issue 11): any bytes in give a valid change set or
InvalidChangeSet naming its problems in Danish and English, never another exception; and a refused
file leaves the store exactly as it was."""
from __future__ import annotations

import copy
import json

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graph.changeset import ChangeSet
from graph.problems import InvalidChangeSet
from graph.store import open_store
from importers.document import changeset_from_document
from importers.portfolio_file import read_portfolio_bytes
from tests.conftest import SMALL

NAMES = ("fuzz.yaml", "fuzz.json")
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def import_or_problems(raw: bytes, name: str) -> ChangeSet | None:
    """Import under the contract; return None for a refusal after checking its messages can be told."""
    try:
        return read_portfolio_bytes(raw, name)
    except InvalidChangeSet as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.text("da") and problem.text("en")
            assert problem.where.startswith(name)
        return None


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'portfolio.db'}")
    store.apply(changeset_from_document(SMALL, "small"), "test")
    yield store
    store.close()


def snapshot(store) -> tuple[int, dict]:
    return store.revision(), {r.id: r.data for r in store.load().records}


# -- any bytes, any text --------------------------------------------------------------------

YAML_ALPHABET = " \t\n-:?[]{},#&*!|>'\"%@`\\.0123456789abcefnrtuxyz~_=+eE\x07\x85\u2028\ufeffæ"


@FUZZ
@given(raw=st.binary(max_size=400), name=st.sampled_from(NAMES))
def test_any_bytes_keep_the_contract(raw, name):
    import_or_problems(raw, name)


@FUZZ
@given(text=st.text(alphabet=YAML_ALPHABET, max_size=300), name=st.sampled_from(NAMES))
def test_any_yaml_like_text_keeps_the_contract(text, name):
    import_or_problems(text.encode("utf-8", "surrogatepass"), name)


# -- a valid portfolio with one hostile value ------------------------------------------------

hostile_scalars = st.one_of(
    st.floats(),
    st.integers(min_value=-(10**80), max_value=10**80),
    st.text(max_size=40),
    st.sampled_from(["=SUM(A1)", "+45 1234", "-x", "@x", "2026-13-01", "nan", "-inf", "1e999", "\x00", "\ud800", "yes"]),
    st.none(),
    st.booleans(),
    st.dates(),
)
hostile = st.recursive(
    hostile_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
nested = st.integers(min_value=1, max_value=60).map(lambda n: json.loads("[" * n + "1" + "]" * n))


@st.composite
def spoiled_documents(draw: st.DrawFn) -> dict:
    doc = copy.deepcopy(SMALL)
    section = draw(st.sampled_from([k for k, v in doc.items() if isinstance(v, list) and v]))
    item = draw(st.sampled_from(doc[section]))
    key = draw(st.sampled_from([*item, "extra", "", "id"]))
    item[key] = draw(hostile | nested)
    return doc


def as_text(doc: dict, name: str) -> bytes:
    if name.endswith(".json"):
        return json.dumps(doc, default=str).encode("utf-8", "surrogatepass")
    try:
        return yaml.safe_dump(doc, allow_unicode=True).encode("utf-8", "surrogatepass")
    except yaml.YAMLError:
        assume(False)
        raise


@FUZZ
@given(doc=spoiled_documents(), name=st.sampled_from(NAMES))
def test_a_hostile_value_is_refused_or_imported_and_a_refusal_writes_nothing(loaded, doc, name):
    before = snapshot(loaded)
    changes = import_or_problems(as_text(doc, name), name)
    if changes is None:
        assert snapshot(loaded) == before
        return
    try:
        loaded.apply(changes, "fuzz")
    except InvalidChangeSet:
        assert snapshot(loaded) == before
    # An accepted change must read back as valid JSON (no NaN, no Infinity).
    for record in loaded.load().records:
        json.dumps(record.data, allow_nan=False)


@FUZZ
@given(doc=spoiled_documents())
def test_parsed_documents_keep_the_contract(doc):
    """The API hands over an already parsed body: the same contract holds without a file."""
    try:
        changeset_from_document(doc, "request")
    except InvalidChangeSet as exc:
        assert all(p.text("da") and p.text("en") for p in exc.problems)


# -- a valid workbook with one hostile cell ---------------------------------------------------

cell_values = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=__import__("datetime").date(1900, 1, 1)),
    st.booleans(),
    st.none(),
    st.sampled_from(["=SUM(A1)", "=1/0", "+45 1234", "-x", "@x", "a, , b", "Start nu", "in_progress", " "]),
)


@st.composite
def spoiled_workbooks(draw: st.DrawFn) -> bytes:
    import io

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    from importers.xlsx_writer import workbook_bytes

    wb = load_workbook(io.BytesIO(workbook_bytes(SMALL, draw(st.sampled_from(["da", "en"])))))
    for _ in range(draw(st.integers(1, 3))):
        ws = wb[draw(st.sampled_from(wb.sheetnames))]
        row, column = draw(st.integers(1, ws.max_row + 1)), draw(st.integers(1, ws.max_column + 1))
        try:
            ws.cell(row=row, column=column, value=draw(cell_values))
        except (IllegalCharacterError, ValueError):
            assume(False)
    if draw(st.booleans()):
        # Excel refuses control characters in a sheet name, and so does openpyxl once lxml is installed (python-docx brings it)
        wb.create_sheet(draw(st.text(min_size=1, max_size=10).filter(lambda t: not set(t) & set("[]:*?/\\'") and t.isprintable())))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=spoiled_workbooks())
def test_a_hostile_cell_is_refused_or_imported_and_a_refusal_writes_nothing(loaded, raw):
    before = snapshot(loaded)
    try:
        changes = read_portfolio_bytes(raw, "fuzz.xlsx")
    except InvalidChangeSet as exc:
        assert all(p.text("da") and p.text("en") and p.where.startswith("fuzz.xlsx") for p in exc.problems)
        assert snapshot(loaded) == before
        return
    try:
        loaded.apply(changes, "fuzz")
    except InvalidChangeSet:
        assert snapshot(loaded) == before
