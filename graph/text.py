"""Texts a person reads, in Danish and English: one type for every message and every error that carries one.

The Danish text comes first, as the interface speaks Danish first; both are keyword-only, so the
two can never be swapped by position.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Bilingual:
    """A message in Danish and English.

    >>> msg = Bilingual(da="Fandt ingen fil 'a.yaml'", en="No file 'a.yaml'")
    >>> msg.text("da"), msg.text("en")
    ("Fandt ingen fil 'a.yaml'", "No file 'a.yaml'")
    >>> str(msg)
    "No file 'a.yaml'"
    """

    da: str
    en: str

    def text(self, lang: str = "da") -> str:
        """The text in Danish (``"da"``) or English (any other language)."""
        return self.da if lang == "da" else self.en

    def __str__(self) -> str:
        return self.en


class BilingualError(Exception):
    """An error whose message is for a person, in Danish and English; ``str()`` is the English text.

    >>> err = BilingualError(da="Lageret er låst", en="The store is locked")
    >>> str(err), err.text("da"), err.message.en
    ('The store is locked', 'Lageret er låst', 'The store is locked')
    >>> import pickle
    >>> pickle.loads(pickle.dumps(err)).text("da")
    'Lageret er låst'
    """

    def __init__(self, *, da: str, en: str):
        self.message = Bilingual(da=da, en=en)
        super().__init__(en)

    @property
    def da(self) -> str:
        return self.message.da

    @property
    def en(self) -> str:
        return self.message.en

    def text(self, lang: str = "da") -> str:
        """The message in Danish (``"da"``) or English."""
        return self.message.text(lang)

    def __reduce__(self) -> tuple[object, ...]:
        # Exceptions pickle their ``args`` (the English text only); rebuild from both texts.
        return (_rebuild, (type(self), self.message.da, self.message.en))


def _rebuild(cls: type[BilingualError], da: str, en: str) -> BilingualError:
    return cls(da=da, en=en)


def counted(count: int, lang: str, da: tuple[str, str] = ("element", "elementer"), en: tuple[str, str] = ("element", "elements")) -> str:
    """``count`` with its noun in the singular for one and the plural otherwise, in Danish or English.

    >>> counted(1, "da"), counted(34, "da"), counted(1, "en"), counted(0, "en", en=("item", "items"))
    ('1 element', '34 elementer', '1 element', '0 items')
    """
    singular, plural = da if lang == "da" else en
    return f"{count} {singular if count == 1 else plural}"
