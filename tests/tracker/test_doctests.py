"""The examples in tracker/'s docstrings run (whatever pytest's own doctest collection covers)."""
from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from tracker import errors, parser, stores, usage


@pytest.mark.parametrize("module", [errors, parser, stores, usage], ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
