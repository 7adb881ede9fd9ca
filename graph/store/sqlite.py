"""The embedded default store: one SQLite file, WAL mode, one IMMEDIATE transaction per change set.

Writers from several processes are serialised by SQLite's write lock; each re-reads what it
validates inside its own transaction, so no writer loses another's change.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from graph.bulk import paused_gc
from graph.record import ChangeSet, Record
from graph.schema import references_of
from graph.store.base import (
    Applied,
    AuditEntry,
    Delta,
    ItemChange,
    Plan,
    Snapshot,
    Store,
    StoreError,
    dumps,
    plan_changes,
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    programme TEXT,
    data TEXT NOT NULL,
    version INTEGER NOT NULL,
    revision INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS items_kind ON items(kind);
CREATE INDEX IF NOT EXISTS items_revision ON items(revision);
CREATE TABLE IF NOT EXISTS refs (src TEXT NOT NULL, field TEXT NOT NULL, dst TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS refs_src ON refs(src);
CREATE INDEX IF NOT EXISTS refs_dst ON refs(dst);
CREATE TABLE IF NOT EXISTS audit (
    revision INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_items (
    revision INTEGER NOT NULL,
    op TEXT NOT NULL,
    kind TEXT NOT NULL,
    item TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX IF NOT EXISTS audit_items_revision ON audit_items(revision);
CREATE INDEX IF NOT EXISTS audit_items_item ON audit_items(item);
INSERT OR IGNORE INTO meta(key, value) VALUES ('revision', '0'), ('schema', '1');
INSERT OR IGNORE INTO meta(key, value) VALUES ('instance', lower(hex(randomblob(16))));
"""

_CHUNK = 500
#: Records written per batch by one change set (see _write).
_WRITE_CHUNK = 5000
_AUDIT_INSERT = "INSERT INTO audit_items(revision, op, kind, item, before, after) VALUES (?, ?, ?, ?, ?, ?)"


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i : i + _CHUNK]


#: Stored data is canonical JSON with no surrounding white space: raw_decode skips json.loads' checks.
_decode = json.JSONDecoder().raw_decode


def _record(row: tuple[str, str, str | None, str, int]) -> Record:
    kind, item_id, programme, data, version = row
    return Record(kind, item_id, _decode(data)[0], programme, version)


class SQLiteStore(Store):
    """A portfolio in one SQLite file. ``SQLiteStore(path)`` creates the file and its folder."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                # the owner's alone (0600); SQLite gives its -wal and -shm files the same mode
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            self._local = threading.local()
            conn = self._conn()
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            self._migrate(conn)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(
                da=f"kan ikke åbne SQLite-lageret {self.path}: {exc}", en=f"cannot open SQLite store {self.path}: {exc}"
            ) from None

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        """Bring a file written by an older version up to the present schema."""
        columns = {row[1] for row in conn.execute("PRAGMA table_info(audit)")}
        if "stamp" not in columns:  # added with the read model: tells two histories of one file apart
            try:
                conn.execute("ALTER TABLE audit ADD COLUMN stamp TEXT")
            except sqlite3.OperationalError:
                # Another process opening the same old file may have added it first.
                if "stamp" not in {row[1] for row in conn.execute("PRAGMA table_info(audit)")}:
                    raise

    # One connection per thread: sqlite3 connections are not shared across threads.
    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def revision(self) -> int:
        row = self._conn().execute("SELECT value FROM meta WHERE key='revision'").fetchone()
        return int(row[0])

    def identity(self) -> str:
        """``sqlite:`` and the random id the file was given when it was created (a copy keeps it)."""
        row = self._conn().execute("SELECT value FROM meta WHERE key='instance'").fetchone()
        return f"sqlite:{row[0]}"

    def revision_stamp(self, revision: int) -> str | None:
        """When and by whom ``revision`` was written, and the random stamp it was given ("" for revision 0)."""
        if revision == 0:
            return ""
        row = self._conn().execute("SELECT at, actor, stamp FROM audit WHERE revision = ?", (revision,)).fetchone()
        return " ".join(str(part) for part in row) if row else None

    def load(self) -> Snapshot:
        conn = self._conn()
        conn.execute("BEGIN")
        try:
            revision = int(conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0])
            rows = conn.execute("SELECT kind, id, programme, data, version FROM items").fetchall()
        finally:
            conn.execute("COMMIT")
        with paused_gc():
            return Snapshot(revision, [_record(r) for r in rows])

    def changes_since(self, revision: int) -> Delta:
        conn = self._conn()
        conn.execute("BEGIN")
        try:
            current = int(conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0])
            rows = conn.execute(
                "SELECT kind, id, programme, data, version FROM items WHERE revision > ?", (revision,)
            ).fetchall()
            # Only the audit rows of the new revisions (their index), one primary-key probe each.
            # ``NOT IN (SELECT id FROM items)`` listed every item id on each call, and DISTINCT
            # made SQLite walk the whole audit in item order: both grew with the portfolio.
            gone = conn.execute(
                "SELECT a.item FROM audit_items a WHERE a.revision > ? AND a.op = 'delete' "
                "AND NOT EXISTS (SELECT 1 FROM items i WHERE i.id = a.item)",
                (revision,),
            ).fetchall()
        finally:
            conn.execute("COMMIT")
        return Delta(current, [_record(r) for r in rows], list(dict.fromkeys(g[0] for g in gone)))

    def get(self, ids: Iterable[str]) -> dict[str, Record]:
        return self._get(self._conn(), list(dict.fromkeys(ids)))

    @staticmethod
    def _get(conn: sqlite3.Connection, ids: list[str]) -> dict[str, Record]:
        found: dict[str, Record] = {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(f"SELECT kind, id, programme, data, version FROM items WHERE id IN ({marks})", chunk):
                rec = _record(row)
                found[rec.id] = rec
        return found

    @staticmethod
    def _stored(conn: sqlite3.Connection, changes: ChangeSet) -> dict[str, Record]:
        """The stored records of every id a change set names, for plan_changes.

        A record the change set gives again unchanged (its canonical JSON is the stored text) gets
        the change set's own fields as its stored fields: the same value, not decoded a second time.
        A re-import of a 200,000-element file that changes little would otherwise hold every record
        twice as Python objects (190 MB at 200,000).
        """
        given = {r.id: r for r in changes.upserts}
        named = list(dict.fromkeys([*given, *changes.deletes, *changes.expect]))
        found: dict[str, Record] = {}
        for chunk in _chunks(named):
            marks = ",".join("?" * len(chunk))
            for kind, item_id, programme, text, version in conn.execute(
                f"SELECT kind, id, programme, data, version FROM items WHERE id IN ({marks})", chunk
            ):
                rec = given.get(item_id)
                same = rec is not None and rec.kind == kind and dumps(rec.data) == text
                data = rec.data if same and rec is not None else _decode(text)[0]
                found[item_id] = Record(kind, item_id, data, programme, version)
        return found

    @staticmethod
    def _kinds(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            found.update(conn.execute(f"SELECT id, kind FROM items WHERE id IN ({marks})", chunk).fetchall())
        return found

    @staticmethod
    def _referrers(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        found: dict[str, list[tuple[str, str]]] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT r.dst, r.src, i.kind FROM refs r JOIN items i ON i.id = r.src WHERE r.dst IN ({marks})"
            for dst, src, kind in conn.execute(sql, chunk):
                found.setdefault(dst, []).append((src, kind))
        return found

    def apply(self, changes: ChangeSet, actor: str, dry_run: bool = False) -> Applied:
        with paused_gc():
            return self._apply(changes, actor, dry_run)

    def _apply(self, changes: ChangeSet, actor: str, dry_run: bool) -> Applied:
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(
                da=f"kan ikke skrive i SQLite-lageret {self.path}: {exc}", en=f"cannot write to SQLite store {self.path}: {exc}"
            ) from None
        try:
            revision = int(conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()[0])
            stored = self._stored(conn, changes)
            plan = plan_changes(
                changes,
                stored,
                lambda ids: self._kinds(conn, ids),
                lambda ids: self._referrers(conn, ids),
            )
            applied = Applied(
                revision,
                [r.id for r in plan.creates],
                [a.id for _, a in plan.updates],
                [r.id for r in plan.deletes],
                plan.unchanged,
                dry_run,
            )
            if dry_run or not applied.changed:
                conn.execute("ROLLBACK")
                if dry_run and applied.changed:
                    applied.revision = revision + 1
                return applied
            new = revision + 1
            self._write(conn, plan, new)
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.execute(
                "INSERT INTO audit(revision, at, actor, note, stamp) VALUES (?, ?, ?, ?, ?)",
                (new, now, actor, changes.note, _stamp()),
            )
            conn.execute("UPDATE meta SET value=? WHERE key='revision'", (str(new),))
            conn.execute("COMMIT")
            applied.revision = new
            return applied
        except sqlite3.OperationalError as exc:
            self._roll_back(conn)
            if _is_the_disk(exc):
                # A full disk or a failing one is the operator's to fix, and nothing was written.
                raise StoreError(
                    da=f"intet er skrevet i SQLite-lageret {self.path}: {exc} (er disken fuld?)",
                    en=f"nothing was written to SQLite store {self.path}: {exc} (is the disk full?)",
                ) from None
            raise
        except BaseException:
            self._roll_back(conn)
            raise

    @staticmethod
    def _roll_back(conn: sqlite3.Connection) -> None:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.OperationalError:
                pass  # SQLite has rolled back itself after an I/O error; the write's own error is the one to tell

    @staticmethod
    def _write(conn: sqlite3.Connection, plan: Plan, revision: int) -> None:
        afters = plan.creates + [a for _, a in plan.updates]
        removed = [r.id for r in plan.deletes] + [a.id for _, a in plan.updates]
        for chunk in _chunks(removed):
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM refs WHERE src IN ({marks})", chunk)
        for chunk in _chunks([r.id for r in plan.deletes]):
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM items WHERE id IN ({marks})", chunk)
        # A few thousand records at a time, each encoded once for its row and its audit row: the
        # JSON text and the rows of a whole 200,000-element import are never held all at once.
        audit: list[tuple[int, str, str, str, str | None, str | None]] = []
        for start in range(0, len(afters), _WRITE_CHUNK):
            batch = afters[start : start + _WRITE_CHUNK]
            encoded = [dumps(r.data) for r in batch]
            conn.executemany(
                "INSERT OR REPLACE INTO items(id, kind, programme, data, version, revision) VALUES (?, ?, ?, ?, ?, ?)",
                [(r.id, r.kind, r.programme, text, r.version, revision) for r, text in zip(batch, encoded, strict=True)],
            )
            conn.executemany(
                "INSERT INTO refs(src, field, dst) VALUES (?, ?, ?)",
                [(r.id, ref.field, target) for r in batch for ref, target in references_of(r.kind, r.data)],
            )
            # Audit rows in the order creates, updates, deletes (afters lists the creates first).
            for i, (r, text) in enumerate(zip(batch, encoded, strict=True), start=start):
                if i < len(plan.creates):
                    audit.append((revision, "create", r.kind, r.id, None, text))
                else:
                    audit.append((revision, "update", r.kind, r.id, dumps(plan.updates[i - len(plan.creates)][0].data), text))
            conn.executemany(_AUDIT_INSERT, audit)
            audit.clear()
        conn.executemany(_AUDIT_INSERT, [(revision, "delete", r.kind, r.id, dumps(r.data), None) for r in plan.deletes])

    def audit(self, limit: int = 50, item: str | None = None) -> list[AuditEntry]:
        conn = self._conn()
        if item is None:
            heads = conn.execute(
                "SELECT revision, at, actor, note FROM audit ORDER BY revision DESC LIMIT ?", (limit,)
            ).fetchall()
        else:
            heads = conn.execute(
                "SELECT a.revision, a.at, a.actor, a.note FROM audit a WHERE a.revision IN "
                "(SELECT revision FROM audit_items WHERE item = ?) ORDER BY a.revision DESC LIMIT ?",
                (item, limit),
            ).fetchall()
        entries = []
        for revision, at, actor, note in heads:
            rows = conn.execute(
                "SELECT op, kind, item FROM audit_items WHERE revision = ? ORDER BY rowid LIMIT 1000", (revision,)
            ).fetchall()
            entries.append(AuditEntry(revision, at, actor, note, [tuple(r) for r in rows]))
        return entries

    def history(self, item: str | None = None, since: int = 0) -> list[ItemChange]:
        sql = (
            "SELECT a.revision, a.at, a.actor, a.note, i.op, i.kind, i.item, i.before, i.after "
            "FROM audit_items i JOIN audit a ON a.revision = i.revision WHERE i.revision > ?"
        )
        params: tuple[object, ...] = (since,)
        if item is not None:
            sql += " AND i.item = ?"
            params += (item,)
        rows = self._conn().execute(sql + " ORDER BY i.revision, i.rowid", params).fetchall()
        return [
            ItemChange(rev, at, actor, note, op, kind, it, _decode(b)[0] if b else None, _decode(a)[0] if a else None)
            for rev, at, actor, note, op, kind, it, b, a in rows
        ]

    def counts(self) -> dict[str, int]:
        return dict(self._conn().execute("SELECT kind, COUNT(*) FROM items GROUP BY kind").fetchall())


def _stamp() -> str:
    """A revision's random stamp (graph/readmodel/ tells a restored backup's revisions from these by it)."""
    import secrets  # on writes only: a read command need not load it

    return secrets.token_hex(8)


#: SQLite's answers for a disk that is full, failing or not writable, as opposed to a bug in a statement.
_DISK_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")


def _is_the_disk(exc: sqlite3.OperationalError) -> bool:
    """Whether ``exc`` says the disk would not take the write (its extended codes start with the base name)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(_DISK_ERRORS)
