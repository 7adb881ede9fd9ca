"""Languages: Danish by default, English on request.

The choice is ``?lang=da|en`` (kept in the session), then the browser's Accept-Language, then
Danish. Catalogues are kept as .po files; the .mo files Flask-Babel reads are compiled when the
application starts, into a temporary folder, because build output is not committed.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, request, session
from flask_babel import Babel, get_locale

from graph.vocabulary import kind_label, label

LANGUAGES: tuple[str, ...] = ("da", "en")
DEFAULT_LANGUAGE = "da"
_WEB = Path(__file__).parent
#: Catalogue folders: the one catalogue of the whole web layer.
CATALOGUE_DIRS: tuple[Path, ...] = (_WEB / "translations",)


def select_language() -> str:
    """Return the language of this request: ``?lang=``, then the session, then Accept-Language, then da."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
        return asked
    kept = session.get("lang")
    if kept in LANGUAGES:
        return kept
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def current_language() -> str:
    """Return ``"da"`` or ``"en"``: the language of the current request (da outside a request)."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else DEFAULT_LANGUAGE


def compile_catalogues(sources: tuple[Path, ...] = CATALOGUE_DIRS) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/*.po`` below ``sources`` into .mo files.

    Returns the compiled folders (one per existing source folder), each under the system's temp
    folder and named by a hash of its catalogues, so a changed .po gets a fresh build.
    """
    built: list[Path] = []
    for source in sources:
        pos = sorted(source.glob("*/LC_MESSAGES/*.po"))
        if not pos:
            continue
        digest = hashlib.sha256()
        for po in pos:
            digest.update(str(po.relative_to(source)).encode())
            digest.update(po.read_bytes())
        target = Path(tempfile.gettempdir()) / f"ambition-tracker-mo-{source.name}-{os.getuid()}-{digest.hexdigest()[:16]}"
        target.mkdir(mode=0o700, exist_ok=True)
        if not _ours_alone(target):
            # Someone else made the folder, or may write in it: their .mo would be our interface's text.
            target = Path(tempfile.mkdtemp(prefix=f"ambition-tracker-mo-{source.name}-"))
        for po in pos:
            mo = target / po.relative_to(source).with_suffix(".mo")
            if mo.exists():
                continue
            mo.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=po.parent.parent.name)
            partial = mo.with_suffix(".mo.tmp")
            with partial.open("wb") as handle:
                write_mo(handle, catalog)
            partial.replace(mo)  # atomic, so two starting processes never read half a file
        built.append(target)
    return built


def _ours_alone(folder: Path) -> bool:
    """Whether ``folder`` and everything in it belong to this user, are no links and only the owner may write them.

    The compiled catalogues live in the shared temp folder, where another local user could plant
    a folder of the same name first.
    """
    for path in (folder, *folder.rglob("*")):
        info = path.lstat()
        if info.st_uid != os.getuid() or stat.S_ISLNK(info.st_mode) or info.st_mode & 0o022:
            return False
    return True


def init_app(app: Flask) -> None:
    """Set up Flask-Babel on ``app``: compiled catalogues, language selection and template helpers."""
    folders = compile_catalogues()
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(f) for f in folders)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    Babel(app, locale_selector=select_language)

    @app.context_processor
    def _language_helpers() -> dict:
        lang = current_language()
        return {
            "lang": lang,
            "other_lang": "en" if lang == "da" else "da",
            "label": lambda value, lang_=None: label(str(value), lang_ or lang) if value is not None else "",
            "kind_label": lambda kind: kind_label(kind, lang),
        }
