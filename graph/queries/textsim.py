"""Danish text for similarity: words, stop words from a maintained list, Snowball stems.

The stemmer (snowballstemmer) and the stop words (stopwordsiso) are loaded on first use, so a
command that never compares texts does not pay for them.
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+")
#: Shorter words say too little (and are mostly stop words or abbreviations).
MIN_LETTERS = 3


_PER_THREAD = threading.local()


def _stemmer() -> object:
    """This thread's Danish stemmer: a Snowball stemmer keeps the word it works on in itself, so two
    threads sharing one (a request and the server's background index build) corrupt each other's
    words (IndexError inside find_among_b)."""
    found = getattr(_PER_THREAD, "stemmer", None)
    if found is None:
        import snowballstemmer  # loaded on first use: similar work only

        found = _PER_THREAD.stemmer = snowballstemmer.stemmer("danish")
    return found


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Danish stop words (stopwordsiso), plus English ones: portfolios mix the two.

    >>> "og" in stop_words(), "and" in stop_words(), "rekruttering" in stop_words()
    (True, True, False)
    """
    import stopwordsiso  # loaded on first use

    return frozenset(stopwordsiso.stopwords("da")) | frozenset(stopwordsiso.stopwords("en"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Danish Snowball stem of one lower-case word (remembered: portfolios repeat their words).

    >>> stem("reumatologien"), stem("kampagner")
    ('reumatologi', 'kampagn')
    """
    return str(_stemmer().stemWord(word))  # type: ignore[attr-defined]


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` that are no stop words, in order.

    >>> words("Fælles rekrutteringskampagne med geriatrien i Holbæk")
    ['fælles', 'rekrutteringskampagne', 'geriatrien', 'holbæk']
    """
    stops = stop_words()
    return [w for w in _WORD.findall(text.lower()) if len(w) >= MIN_LETTERS and w not in stops]


def stems(text: str) -> list[str]:
    """The stems of ``words(text)``, in order (repeats kept: they weigh in the term frequency).

    >>> stems("Rekrutteringskampagner og rekrutteringskampagne")
    ['rekrutteringskampagn', 'rekrutteringskampagn']
    """
    return [stem(w) for w in words(text)]


def surface_forms(text: str) -> dict[str, str]:
    """Each stem of ``text`` with the first word that gave it: what a reason shows a reader.

    >>> surface_forms("Kampagner for rekruttering")
    {'kampagn': 'kampagner', 'rekruttering': 'rekruttering'}
    """
    found: dict[str, str] = {}
    for w in words(text):
        found.setdefault(stem(w), w)
    return found


#: Danish joins the parts of a compound with these (rekruttering-s-kampagne, hjerte-svigt).
_LINKS = ("s", "e", "")
#: The shortest part of a compound that is looked for.
MIN_PART = 4


def compound_parts(word: str, known: frozenset[str] | set[str]) -> list[str]:
    """The parts of a Danish compound whose first part is a word of ``known`` (the words the
    portfolio uses on their own), as stems: the first part, and the rest if it is known too.

    Danish writes "faldulykker" and "rekrutteringskampagne" as one word; their parts let them meet
    "fald" and "rekruttering". The longest known first part wins; a word with none gives [].

    >>> compound_parts("rekrutteringskampagne", {"rekruttering", "kampagne"})
    ['rekruttering', 'kampagn']
    >>> compound_parts("faldulykker", {"fald"}), compound_parts("patienter", {"pati"})
    (['fald'], [])
    """
    if len(word) < 2 * MIN_PART:
        return []
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head = word[:cut]
        if head not in known:
            continue
        rest = word[cut:]
        for link in _LINKS:
            if link and rest.startswith(link) and rest[len(link):] in known:
                return [stem(head), stem(rest[len(link):])]
        if rest in known:
            return [stem(head), stem(rest)]
        if len(rest) >= MIN_PART + 2:  # "pati|enter" is no compound
            return [stem(head)]
    return []
