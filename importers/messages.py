"""Problems with a portfolio file as a whole (missing, not UTF-8, bad syntax ...), in Danish and English.

``FileProblem`` is a graph.problems.Problem with its own message templates, so the command line
and the web show file problems exactly like item problems: location first, then what is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass

from graph.problems import Problem

_TEMPLATES: dict[str, tuple[str, str]] = {
    "file_missing": ("filen findes ikke", "the file does not exist"),
    "file_unreadable": ("filen kan ikke læses ({reason})", "the file cannot be read ({reason})"),
    "file_extension": (
        "ukendt filtype '{suffix}': brug .yaml, .yml, .json eller .xlsx",
        "unknown file type '{suffix}': use .yaml, .yml, .json or .xlsx",
    ),
    "not_utf8": (
        "filen er ikke UTF-8-tekst (byte {offset}, linje {line}: 0x{byte}); gem den som UTF-8",
        "the file is not UTF-8 text (byte {offset}, line {line}: 0x{byte}); save it as UTF-8",
    ),
    "yaml_syntax": (
        "ugyldig YAML i linje {line}, kolonne {column}: {problem}",
        "malformed YAML at line {line}, column {column}: {problem}",
    ),
    "json_syntax": (
        "ugyldig JSON i linje {line}, kolonne {column}: {problem}",
        "malformed JSON at line {line}, column {column}: {problem}",
    ),
    "yaml_alias": (
        "YAML-ankre og -aliaser (&navn, *navn) er ikke tilladt (linje {line}, kolonne {column}); skriv værdien ud",
        "YAML anchors and aliases (&name, *name) are not allowed (line {line}, column {column}); write the value out",
    ),
    "duplicate_key": (
        "feltet '{key}' står to gange i samme element (linje {line}, kolonne {column})",
        "the field '{key}' is given twice in the same item (line {line}, column {column})",
    ),
    "duplicate_key_json": (
        "feltet '{key}' står to gange i samme element",
        "the field '{key}' is given twice in the same item",
    ),
    "not_document": (
        "filen skal indeholde én portefølje (format, programme, sites ...), men indeholder {found_da}",
        "the file must hold one portfolio (format, programme, sites ...) but holds {found_en}",
    ),
    "format_marker": ("format skal være '{expected}', fandt {found}", "format must be '{expected}', found {found}"),
    "format_missing": ("skal udfyldes: skriv format: {expected}", "is required: write format: {expected}"),
    "file_too_large": (
        "filen er for stor ({size} byte; højst {max} byte)",
        "the file is too large ({size} bytes; at most {max} bytes)",
    ),
    "too_deep": (
        "er indlejret for dybt (højst {max} niveauer); en porteføljefil bruger fem",
        "is nested too deeply (at most {max} levels); a portfolio file uses five",
    ),
    "too_deep_at": (
        "filen er indlejret for dybt i linje {line}, kolonne {column} (højst {max} niveauer); en porteføljefil bruger fem",
        "the file is nested too deeply at line {line}, column {column} (at most {max} levels); a portfolio file uses five",
    ),
    "text_too_long": (
        "teksten er for lang ({length} tegn; højst {max}): '{value}'",
        "the text is too long ({length} characters; at most {max}): '{value}'",
    ),
    "control_character": (
        "indeholder kontroltegnet {char}, som ikke må stå i tekst (kun tabulator og linjeskift): '{value}'",
        "holds the control character {char}, which text may not hold (only tab and newline): '{value}'",
    ),
    "not_finite": (
        "skal være et endeligt tal, ikke '{value}'",
        "must be a finite number, not '{value}'",
    ),
    "number_too_large": (
        "tallet har for mange cifre ({digits}; højst {max}): {value}",
        "the number has too many digits ({digits}; at most {max}): {value}",
    ),
    "xlsx_unreadable": (
        "filen er ikke en Excel-projektmappe (.xlsx), der kan læses ({reason})",
        "the file is not an Excel workbook (.xlsx) that can be read ({reason})",
    ),
    "xlsx_too_large": (
        "projektmappen fylder {size} byte udpakket; højst {max} byte",
        "the workbook holds {size} bytes unpacked; at most {max} bytes",
    ),
    "xlsx_unknown_sheet": (
        "arket '{sheet}' er ukendt; brug arkene fra skabelonen ({known})",
        "the sheet '{sheet}' is unknown; use the sheets of the template ({known})",
    ),
    "xlsx_sheet_twice": (
        "arket '{sheet}' indeholder det samme som arket '{other}'; behold ét af dem",
        "the sheet '{sheet}' holds the same as the sheet '{other}'; keep one of them",
    ),
    "xlsx_unknown_column": (
        "ukendt kolonne; brug kolonnerne fra skabelonen ({known})",
        "unknown column; use the columns of the template ({known})",
    ),
    "xlsx_column_twice": ("kolonnen står to gange i arket", "the column is given twice in the sheet"),
    "xlsx_no_programme": (
        "arket '{sheet}' skal have én række med programmet",
        "the sheet '{sheet}' must have one row with the programme",
    ),
    "xlsx_revision": (
        "projektmappens egenskab '{property}' skal være et helt tal (den revision, den er eksporteret ved), ikke '{value}'",
        "the workbook's property '{property}' must be a whole number (the revision it was exported at), not '{value}'",
    ),
    "xlsx_second_programme": (
        "en fil rummer ét program; denne række er et program mere",
        "a file holds one programme; this row is one more",
    ),
    "xlsx_unknown_owner": (
        "henviser til '{target}', som ikke står i arket '{sheet}'",
        "refers to '{target}', which is not on the sheet '{sheet}'",
    ),
    "xlsx_figure_twice": (
        "nøgletallet '{name}' står to gange for '{target}'",
        "the figure '{name}' is given twice for '{target}'",
    ),
    "text_not_number": (
        "skal være tekst, ikke {found_da}; sæt anførselstegn om værdien, fx '{value}'",
        "must be text, not {found_en}; put the value in quotes, e.g. '{value}'",
    ),
}


@dataclass(frozen=True)
class FileProblem(Problem):
    """A problem whose message comes from this module's templates."""

    def message(self, lang: str = "da") -> str:
        """The problem in words, without its location."""
        pair = _TEMPLATES.get(self.code)
        if pair is None:
            return super().message(lang)
        return pair[0 if lang == "da" else 1].format(**self.params)


@dataclass(frozen=True)
class CellProblem(FileProblem):
    """A problem in one cell of a workbook: ``where`` names the file, sheet and row, ``column`` the column.

    ``value`` is the cell as written (None for an empty cell), quoted in the message.
    """

    column: str = ""
    value: str | None = None

    def text(self, lang: str = "da") -> str:
        """``fil.xlsx: Faglige indsatser[5] (id 'i1'), kolonne 'Slut' (J), værdi '2026-02-30': ...``."""
        item = f" (id '{self.item}')" if self.item else ""
        col = f", kolonne {self.column}" if lang == "da" else f", column {self.column}"
        shown = ""
        if self.value is not None:
            shown = f", værdi '{self.value}'" if lang == "da" else f", value '{self.value}'"
        return f"{self.where}{item}{col}{shown}: {self.message(lang)}"


def found_words(value: object) -> tuple[str, str]:
    """Return how a person would call a parsed value's type, in Danish and English."""
    import datetime as dt

    if value is None:
        return "ingenting (filen er tom)", "nothing (the file is empty)"
    if isinstance(value, bool):
        return "en sand/falsk-værdi", "a true/false value"
    if isinstance(value, int | float):
        return "et tal", "a number"
    if isinstance(value, dt.date):
        return "en dato", "a date"
    if isinstance(value, str):
        return "tekst", "text"
    if isinstance(value, list):
        return "en liste", "a list"
    if isinstance(value, dict):
        return "et opslag", "a mapping"
    return type(value).__name__, type(value).__name__
