"""A test fails when a user-visible text of the web layer has no translation in Danish or English.

Every ``_()``, ``gettext``, ``lazy_gettext`` and ``ngettext`` in web/ (Python and templates) is
extracted with Babel, as ``pybabel extract`` would, and looked up in both catalogues.
"""
from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[2] / "web"
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2.ext:babel_extract")]
KEYWORDS = {"_": None, "gettext": None, "lazy_gettext": None, "_l": None, "ngettext": (1, 2)}


def _used() -> dict[str, str]:
    """msgid -> where it is used first."""
    used: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(WEB), METHODS, keywords=KEYWORDS, options_map={"**/templates/**.html": {"trimmed": "false"}}
    ):
        for msgid in message if isinstance(message, tuple) else (message,):
            if msgid:
                used.setdefault(msgid, f"{filename}:{lineno}")
    return used


def _catalogue(lang: str) -> dict[str, str]:
    with (WEB / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0]: (m.string if isinstance(m.string, str) else m.string[0])
                for m in read_po(handle) if m.id}


def test_every_web_text_is_translated_in_both_languages():
    used = _used()
    assert len(used) > 200
    danish, english = _catalogue("da"), _catalogue("en")
    # Danish needs a text of its own; English may keep the source text (an empty msgstr), but must be listed.
    missing_da = sorted(f"{where}: {msgid!r}" for msgid, where in used.items() if not danish.get(msgid))
    missing_en = sorted(f"{where}: {msgid!r}" for msgid, where in used.items() if msgid not in english)
    assert missing_da == [], "no Danish translation for:\n" + "\n".join(missing_da)
    assert missing_en == [], "not in the English catalogue:\n" + "\n".join(missing_en)
