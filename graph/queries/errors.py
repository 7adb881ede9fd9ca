"""The error a query raises when asked about an element that is not there."""
from __future__ import annotations

from graph.vocabulary import kind_label


class NotFound(LookupError):
    """No element of the expected kind has this id.

    ``args[0]`` is the Danish message; ``message("en")`` gives the English one.

    >>> str(NotFound("nope", "initiative"))
    "Fandt ingen faglig indsats med id 'nope'"
    >>> NotFound("endo-fa1", "initiative", actual="focus_area").message("en")
    "'endo-fa1' is of kind strategic focus area, not initiative"
    """

    def __init__(self, item: str, kind: str, actual: str | None = None):
        self.item = item
        self.kind = kind
        #: The kind the element has when it exists but is of another kind (an asked-for trace of a focus area).
        self.actual = actual
        super().__init__(self.message("da"))

    def message(self, lang: str = "da") -> str:
        """Return the message in Danish (``"da"``) or English (``"en"``)."""
        name = kind_label(self.kind, lang).lower()
        if self.actual is not None:
            other = kind_label(self.actual, lang).lower()
            if lang == "da":
                return f"'{self.item}' er af typen {other}, ikke {name}"
            return f"'{self.item}' is of kind {other}, not {name}"
        if lang == "da":
            return f"Fandt ingen {name} med id '{self.item}'"
        return f"No {name} with id '{self.item}'"

    def __str__(self) -> str:
        return self.message("da")
