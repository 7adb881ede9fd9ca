"""argparse's usage errors in Danish.

argparse words its errors in English only; this turns the messages the tracker's parser can give
into Danish, and leaves a message it does not know as it is.
"""
from __future__ import annotations

import re

_ARGUMENT = re.compile(r"^argument (?P<name>\S+(?:/\S+)*): (?P<rest>.*)$", re.S)

#: English message (as a regular expression) -> Danish text, using the expression's groups.
_DANISH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(f"^{pattern}$", re.S), danish)
    for pattern, danish in (
        (r"the following arguments are required: (?P<a>.*)", r"disse argumenter mangler: \g<a>"),
        (r"unrecognized arguments: (?P<a>.*)", r"ukendte argumenter: \g<a>"),
        (r"invalid choice: (?P<v>.*) \(choose from (?P<c>.*)\)", r"ugyldigt valg: \g<v> (vælg mellem \g<c>)"),
        (r"invalid (?P<t>\w+) value: (?P<v>.*)", r"ugyldig værdi: \g<v>"),
        (r"expected one argument", r"mangler en værdi"),
        (r"expected at least one argument", r"mangler mindst én værdi"),
        (r"expected at most one argument", r"tager højst én værdi"),
        (r"ignored explicit argument (?P<v>.*)", r"tager ingen værdi, men fik \g<v>"),
        (r"ambiguous option: (?P<o>\S+) could match (?P<m>.*)", r"flertydigt tilvalg: \g<o> kan være \g<m>"),
        (r"not allowed with argument (?P<a>.*)", r"kan ikke bruges sammen med \g<a>"),
        (r"one of the arguments (?P<a>.*) is required", r"et af argumenterne \g<a> skal gives"),
        (r"(?P<v>'.*') is not a whole number of 1 or more", r"\g<v> er ikke et helt tal på 1 eller mere"),
        (r"(?P<v>'.*') is not a port number \(0-65535\)", r"\g<v> er ikke et portnummer (0-65535)"),
    )
)


def danish(message: str) -> str:
    """The Danish wording of an argparse error message.

    >>> danish("argument --lang: invalid choice: 'fr' (choose from 'da', 'en')")
    "argument --lang: ugyldigt valg: 'fr' (vælg mellem 'da', 'en')"
    >>> danish("something argparse may say one day")
    'something argparse may say one day'
    """
    argument = _ARGUMENT.match(message)
    if argument:
        return f"argument {argument['name']}: {danish(argument['rest'])}"
    for pattern, text in _DANISH:
        found = pattern.match(message)
        if found:
            return found.expand(text)
    return message
