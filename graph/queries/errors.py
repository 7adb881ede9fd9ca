"""The error a query raises when asked about an element that is not there."""
from __future__ import annotations

from graph.vocabulary import kind_label

#: Each element kind as a noun with its indefinite article (Danish, English), for "'x' is a ..., not a ...".
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "programme": ("et program", "a programme"),
    "site": ("en matrikel", "a site"),
    "specialty": ("et speciale", "a specialty"),
    "strength_position": ("en styrkeposition", "a strength position"),
    "person": ("en person", "a person"),
    "role": ("en rolle", "a role"),
    "ambition": ("en strategisk ambition", "a strategic ambition"),
    "situation": ("et situationsbillede", "a situation note"),
    "challenge": ("en kerneudfordring", "a core challenge"),
    "prerequisite": ("en forudsætning", "a prerequisite"),
    "focus_area": ("et indsatsområde", "a focus area"),
    "indicator": ("en indikator", "an indicator"),
    "initiative": ("en faglig indsats", "an initiative"),
    "theme": ("et tema", "a theme"),
    "support_offer": ("et støttetilbud", "a support offer"),
    "decision": ("en beslutning", "a decision"),
    "baseline": ("en godkendt udgave", "an approved version"),
    "synergy_link": ("en forbindelse på tværs", "a cross-specialty link"),
    "check_in": ("en statusopdatering", "a status check-in"),
    "signal": ("et signal fra praksis", "a signal from practice"),
    "meeting": ("et møde", "a meeting"),
}


def kind_noun(kind: str, lang: str = "da") -> str:
    """An element kind as a noun with its indefinite article, in Danish (``"da"``) or English.

    >>> kind_noun("focus_area"), kind_noun("initiative", "en"), kind_noun("unknown_kind")
    ('et indsatsområde', 'an initiative', 'unknown_kind')
    """
    pair = KIND_NOUNS.get(kind)
    if pair is None:
        return kind_label(kind, lang).lower() if kind else kind
    return pair[0 if lang == "da" else 1]


class NotFound(LookupError):
    """No element of the expected kind has this id.

    ``args[0]`` is the Danish message; ``message("en")`` gives the English one.

    >>> str(NotFound("nope", "initiative"))
    "Fandt ingen faglig indsats med id 'nope'"
    >>> str(NotFound("endo-fa1", "initiative", actual="focus_area"))
    "'endo-fa1' er et indsatsområde, ikke en faglig indsats"
    >>> NotFound("endo-fa1", "initiative", actual="focus_area").message("en")
    "'endo-fa1' is a focus area, not an initiative"
    """

    def __init__(self, item: str, kind: str, actual: str | None = None):
        self.item = item
        self.kind = kind
        #: The kind the element has when it exists but is of another kind (an asked-for trace of a focus area).
        self.actual = actual
        super().__init__(self.message("da"))

    def message(self, lang: str = "da") -> str:
        """Return the message in Danish (``"da"``) or English (``"en"``)."""
        if self.actual is not None:
            other, wanted = kind_noun(self.actual, lang), kind_noun(self.kind, lang)
            if lang == "da":
                return f"'{self.item}' er {other}, ikke {wanted}"
            return f"'{self.item}' is {other}, not {wanted}"
        if self.kind == "element":  # asked for any kind
            return f"Fandt intet element med id '{self.item}'" if lang == "da" else f"No element with id '{self.item}'"
        name = kind_label(self.kind, lang).lower()
        if lang == "da":
            return f"Fandt ingen {name} med id '{self.item}'"
        return f"No {name} with id '{self.item}'"

    def __str__(self) -> str:
        return self.message("da")
