"""What the command line tells a person when something is wrong, in Danish and English."""
from __future__ import annotations


def pick(lang: str, da: str, en: str) -> str:
    """The Danish text for ``lang == "da"``, else the English one."""
    return da if lang == "da" else en


class UserError(Exception):
    """A problem the user can fix (bad input, a missing store, a refusal): one line, no traceback.

    ``str()`` is the English text; ``text(lang)`` gives Danish (``"da"``) or English.

    >>> err = UserError(da="lageret 'x.db' findes ikke", en="the store 'x.db' does not exist")
    >>> err.text("da"), str(err)
    ("lageret 'x.db' findes ikke", "the store 'x.db' does not exist")
    """

    def __init__(self, *, da: str, en: str):
        super().__init__(en)
        self.da, self.en = da, en

    def text(self, lang: str = "da") -> str:
        return pick(lang, self.da, self.en)


def elements(count: int, lang: str, more: str = "") -> str:
    """``count`` elements, singular for one; ``more`` ("flere "/"more ") as a list's rest says it.

    >>> elements(1, "da", "flere "), elements(14, "da", "flere "), elements(1, "en", "more "), elements(2, "en")
    ('1 element mere', '14 flere elementer', '1 more element', '2 elements')
    """
    if lang == "da":
        return f"{count} element{' mere' if more else ''}" if count == 1 else f"{count} {more}elementer"
    return f"{count} {more}{'element' if count == 1 else 'elements'}"
