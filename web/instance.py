"""The instance folder: everything of one running tracker that is not code.

The secret key that signs session cookies, the accounts and their sessions (``users.db``), the
default portfolio store and the upload previews all live in one folder (``TRACKER_INSTANCE``,
given to ``create_app`` as ``INSTANCE_PATH``), so two instances never share sessions. The folder
is the owner's alone (0700) and so is every file the tracker keeps in it (0600): the files hold
password hashes, the key that forges sessions, and portfolios that are not public.
"""
from __future__ import annotations

import os
import secrets
import shutil
import time
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
#: Seconds an upload preview is kept before it is deleted unconfirmed.
PREVIEW_SECONDS = 3600
SECRET_FILE = "secret_key"
UPLOADS = "uploads"


#: The tracker's own files in an instance folder (with their journals and read models); others are left alone.
OWN_FILES = ("secret_key", "users.db", "portfolio.db", "tracker-errors.log")


def prepare(folder: Path) -> Path:
    """Create the instance folder (0700) if needed, make the tracker's files in it private, and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    _own_only(folder, FOLDER_MODE)
    for path in folder.iterdir():
        if path.name.startswith(OWN_FILES) and path.is_file() and not path.is_symlink():
            _own_only(path, FILE_MODE)
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` empty if it does not exist, readable and writable by the owner only, and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    _own_only(path, FILE_MODE)
    return path


def secret_key(folder: Path) -> str:
    """The session secret kept in the instance folder (made on first use), so restarts keep people signed in."""
    path = folder / SECRET_FILE
    if not path.exists() or not path.read_text().strip():
        private_file(path).write_text(secrets.token_hex(32))
    _own_only(path, FILE_MODE)
    return path.read_text().strip()


def uploads(folder: Path, now: float | None = None, keep: float = PREVIEW_SECONDS) -> Path:
    """Return the folder of upload previews, after deleting every preview older than ``keep`` seconds."""
    target = folder / UPLOADS
    target.mkdir(parents=True, exist_ok=True)
    _own_only(target, FOLDER_MODE)
    expire_previews(target, time.time() if now is None else now, keep)
    return target


def expire_previews(target: Path, now: float, keep: float = PREVIEW_SECONDS) -> list[str]:
    """Delete the previews (one folder each) last changed more than ``keep`` seconds before ``now``; return their names."""
    gone: list[str] = []
    for preview in target.iterdir():
        try:
            if now - preview.stat().st_mtime > keep:
                if preview.is_dir() and not preview.is_symlink():
                    shutil.rmtree(preview, ignore_errors=True)
                else:
                    preview.unlink(missing_ok=True)
                gone.append(preview.name)
        except FileNotFoundError:  # another request deleted it first
            continue
    return gone


def keep_preview(folder: Path, name: str, raw: bytes) -> Path:
    """Write an uploaded file into the preview folder ``folder`` (made 0700), the file 0600; return its path."""
    folder.mkdir(mode=FOLDER_MODE, exist_ok=True)
    _own_only(folder, FOLDER_MODE)
    try:
        path = private_file(folder / name)
        path.write_bytes(raw)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)  # no half-kept preview for the expiry to find later
        raise
    return path


def _own_only(path: Path, mode: int) -> None:
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except PermissionError:  # a file someone else owns: leave it, the tracker only reads it
        pass
