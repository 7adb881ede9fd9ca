"""The Bolt store: the portfolio in a graph server (Neo4j, or any server speaking Bolt and Cypher).

Layout in the server. Every element is a node labelled ``Item`` and its kind's label
(``Initiative``, ``FocusArea``, ...) with the properties ``id``, ``kind``, ``programme``, ``data``
(the element's file-format fields as canonical JSON), ``version``, ``revision`` and ``title``.
Every reference is a relationship of the schema's type (``SERVES``, ``PART_OF``, ...) carrying
``field`` and ``holder`` (the id of the element that holds the reference), in the direction
DESIGN.md section 2 names. One ``TrackerMeta`` node holds the revision; one ``AuditEntry`` node per
revision holds who, when and the note, with ``AuditPart`` nodes listing what changed (op, kind, id).

Why every change set is one Cypher statement: a change set must be applied whole or not at all on
every server. Neo4j rolls a failed statement back, and so does FalkorDB, but FalkorDB's explicit
transactions do not roll back earlier statements. So the writer reads and validates, then sends a
single statement that first compares and sets the revision (taking the revision node's write lock
before reading it, so two writers on Neo4j cannot both win) and only then deletes, writes nodes,
relationships and the audit entry. A writer that lost the race re-reads and tries again, so two
processes never lose each other's changes.

Labels and relationship types in statements come only from the schema (``graph.schema``); every
value travels as a parameter.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from graph.bulk import paused_gc
from graph.changeset import ChangeSet, Record
from graph.schema import REFERENCES, references_of
from graph.store.base import Applied, AuditEntry, Delta, ItemChange, Plan, Snapshot, Store, StoreError, dumps, plan_changes

#: The node label of each kind (labels come from here only, never from user values).
LABELS: dict[str, str] = {kind: "".join(part.capitalize() for part in kind.split("_")) for kind in REFERENCES}

#: Every relationship type the schema knows.
RELATIONS: tuple[str, ...] = tuple(sorted({ref.relation for refs in REFERENCES.values() for ref in refs}))

# The driver logs every retry as a warning; the store reports failures itself, in a sentence.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False

META_KEY = "portfolio"
SCHEMA_VERSION = 1
#: How often a reader re-reads when a commit landed during its read.
WRITE_ATTEMPTS = 20
#: How long a writer waits for another writer's lease before giving up.
WAIT_SECONDS = 120.0
#: A writer's lease on the store, renewed by every statement it sends (milliseconds).
LEASE_MS = 30_000
#: Estimated bytes of parameters per statement: Neo4j takes large batches; FalkorDB 4.16's Bolt
#: endpoint crashes on parameters over about 4 KB, so servers without SHOW INDEXES get small ones.
LARGE_BUDGET = 1_000_000
SMALL_BUDGET = 3_000
#: Staging statements sent in one transaction (fewer round trips; staging is invisible either way).
STATEMENTS_PER_TRANSACTION = 400
#: Seconds the driver may spend retrying a transient failure (leader switch, dropped connection).
RETRY_SECONDS = 15.0
#: Seconds to open a connection and finish the Bolt handshake. Short, because FalkorDB 4.16 now and
#: then leaves a handshake unanswered; a new attempt then gets through at once.
CONNECT_SECONDS = 2.0
#: Seconds to get a usable connection (handshake, sign-in) before trying a new one.
ACQUIRE_SECONDS = 4.0
VERIFY_ATTEMPTS = 6
NUDGE_ATTEMPTS = 4
#: Bolt's magic number and four version proposals (5.4 down to 5.0, then 4.4).
BOLT_HANDSHAKE = bytes.fromhex("6060b017" "00040405" "00000404" "00000000" "00000000")

#: The indexes the reads and the commit need, on servers without constraints.
INDEXES = (
    ("Item", "id"), ("Item", "revision"), ("Item", "stage"), ("TrackerMeta", "key"),
    ("AuditEntry", "revision"), ("AuditEntry", "stage"), ("AuditPart", "revision"), ("AuditPart", "stage"),
    ("AuditData", "revision"), ("AuditData", "stage"),
)

ENV_USER = "TRACKER_BOLT_USER"
ENV_PARAM_BYTES = "TRACKER_BOLT_PARAM_BYTES"
ENV_PASSWORD = "TRACKER_BOLT_PASSWORD"
ENV_DATABASE = "TRACKER_BOLT_DATABASE"


@dataclass(frozen=True)
class BoltTarget:
    """Where a Bolt URL points: the driver's URL (no credentials), the user, the password, the database."""

    driver_url: str
    shown_url: str
    user: str | None
    password: str | None
    database: str | None


def parse_bolt_url(url: str, environ: dict[str, str] | None = None) -> BoltTarget:
    """Split a store URL into what the driver needs; credentials in the URL win over the environment.

    The database (Neo4j) or graph name (FalkorDB) is the URL's path or its ``database`` parameter.

    >>> t = parse_bolt_url("bolt://ann:secret@db.example:7687/bass", {})
    >>> (t.driver_url, t.shown_url, t.user, t.password, t.database)
    ('bolt://db.example:7687', 'bolt://ann@db.example:7687/bass', 'ann', 'secret', 'bass')
    """
    env = os.environ if environ is None else environ
    parts = urlsplit(url)
    if not parts.hostname:
        raise StoreError(f"the Bolt URL '{_redact(url)}' names no host: use bolt://host:port/database")
    try:
        port = parts.port
    except ValueError:
        raise StoreError(f"the Bolt URL '{_redact(url)}' has a port that is not a number") from None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = f"{host}:{port}" if port else host
    user = unquote(parts.username) if parts.username else env.get(ENV_USER) or None
    password = unquote(parts.password) if parts.password is not None else env.get(ENV_PASSWORD)
    database = unquote(parts.path.strip("/")) or parse_qs(parts.query).get("database", [None])[0] or env.get(ENV_DATABASE) or None
    shown = f"{parts.scheme}://{user + '@' if user else ''}{netloc}{'/' + database if database else ''}"
    return BoltTarget(f"{parts.scheme}://{netloc}", shown, user, password, database)


def _redact(url: str) -> str:
    """The URL without a password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def _title(data: dict) -> str | None:
    for key in ("title", "name", "statement", "text"):
        value = data.get(key)
        if isinstance(value, str):
            return value[:200]
    return None




#: What a reader sees of an element: only committed nodes (a writer's staged new nodes are ``fresh``).
_ITEM_FIELDS = "n.kind AS kind, n.id AS id, n.programme AS programme, n.data AS data, n.version AS version"
_COMMITTED = "n.fresh IS NULL"


_UNSAFE = re.compile(r"[%'\\\x00]")
_ESCAPED = re.compile(r"%(25|27|5C|00)")
_ESCAPES = {"%": "%25", "'": "%27", "\\": "%5C", "\x00": "%00"}
_UNESCAPES = {v[1:]: k for k, v in _ESCAPES.items()}


def escape_text(text: str) -> str:
    """Text as sent to a server whose Bolt parameters cannot carry ``'``, ``\\`` or NUL (FalkorDB 4.16).

    >>> escape_text("Region Sjælland's \\ 100%")
    'Region Sjælland%27s %5C 100%25'
    """
    return _UNSAFE.sub(lambda m: _ESCAPES[m.group(0)], text)


def unescape_text(text: str) -> str:
    """The inverse of ``escape_text``.

    >>> unescape_text(escape_text("a'b\\c%d")) == "a'b\\c%d"
    True
    """
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group(1)], text)


def _same(text: str) -> str:
    return text


def _cost(value: Any) -> int:
    """A generous estimate of a parameter's size on the wire (ASCII-escaped JSON)."""
    return len(json.dumps(value))


def batches(rows: list[Any], budget: int) -> Iterator[list[Any]]:
    """Split ``rows`` into lists whose estimated size stays within ``budget`` (at least one row each).

    >>> [len(b) for b in batches(["aaaa"] * 5, 15)]
    [2, 2, 1]
    """
    batch: list[Any] = []
    used = 0
    for row in rows:
        size = _cost(row) + 1
        if batch and used + size > budget:
            yield batch
            batch, used = [], 0
        batch.append(row)
        used += size
    if batch:
        yield batch


def pieces(text: str, budget: int) -> list[str]:
    """Cut ``text`` into consecutive pieces of at most ``budget`` estimated bytes each.

    >>> pieces("abcdefgh", 5)
    ['abc', 'def', 'gh']
    """
    out: list[str] = []
    start = 0
    while start < len(text):
        length = max(1, min(len(text) - start, budget - 2))
        while length > 1 and _cost(text[start : start + length]) > budget:
            length = max(1, length * 3 // 4)
        out.append(text[start : start + length])
        start += length
    return out


@dataclass
class StagedWrite:
    """What one change set writes, cut into statements that each fit the server's parameter budget."""

    deletes: list[str]
    updates: list[dict[str, Any]]
    creates: dict[str, list[dict[str, Any]]]
    appends: list[dict[str, str]]  # {"id", "piece"}: the rest of a data text too long for one statement
    edges: dict[str, list[dict[str, str]]]
    audit: list[dict[str, Any]]  # {"seq", "ops", "kinds", "items"}: what changed, in parts that fit a statement
    #: {"seq", "item", "side", "piece", "text"}: each change's fields before and after, in pieces that fit a statement
    audit_data: list[dict[str, Any]] = field(default_factory=list)


def staged_write(plan: Plan, budget: int, encode: Callable[[str], str] = _same) -> StagedWrite:
    """Sort a plan into rows for the staging statements; long texts go in ``appends``.

    ``encode`` turns every text into what the server can carry (``escape_text`` for FalkorDB).
    """
    head = max(64, budget // 4)
    appends: list[dict[str, str]] = []

    def row(r: Record) -> dict[str, Any]:
        data = encode(dumps(r.data))
        parts = pieces(data, head) if _cost(data) > head else [data]
        appends.extend({"id": r.id, "piece": p} for p in parts[1:])
        title = _title(r.data)
        return {"id": r.id, "programme": r.programme, "data": parts[0], "version": r.version, "title": encode(title) if title else None}

    creates: dict[str, list[dict[str, Any]]] = {}
    for r in plan.creates:
        creates.setdefault(r.kind, []).append(row(r))
    updates = [row(a) for _, a in plan.updates]
    edges: dict[str, list[dict[str, str]]] = {}
    for r in plan.creates + [a for _, a in plan.updates]:
        for ref, target in references_of(r.kind, r.data):
            a, b = (target, r.id) if ref.reverse else (r.id, target)
            edges.setdefault(ref.relation, []).append({"a": a, "b": b, "field": ref.field, "holder": r.id})
    changes = [("create", r.kind, r.id) for r in plan.creates]
    changes += [("update", a.kind, a.id) for _, a in plan.updates]
    changes += [("delete", r.kind, r.id) for r in plan.deletes]
    audit = [
        {"seq": seq, "ops": [c[0] for c in part], "kinds": [c[1] for c in part], "items": [c[2] for c in part]}
        for seq, part in enumerate(batches(changes, max(64, budget // 2)))
    ]
    return StagedWrite([r.id for r in plan.deletes], updates, creates, appends, edges, audit, _audit_data(plan, head, encode))


def _audit_data(plan: Plan, head: int, encode: Callable[[str], str]) -> list[dict[str, Any]]:
    """The before and after fields of every change, as the SQLite store keeps them, cut into pieces."""
    sides: list[tuple[str, str, Any]] = [(r.id, "after", r.data) for r in plan.creates]
    sides += [side for b, a in plan.updates for side in ((a.id, "before", b.data), (a.id, "after", a.data))]
    sides += [(r.id, "before", r.data) for r in plan.deletes]
    rows: list[dict[str, Any]] = []
    for seq, (item, side, data) in enumerate(sides):
        text = encode(dumps(data))
        for n, piece in enumerate(pieces(text, head) if _cost(text) > head else [text]):
            rows.append({"seq": seq, "item": item, "side": side, "piece": n, "text": piece})
    return rows


# -- the write protocol's statements ----------------------------------------------------------
#
# A writer (1) takes the lease: a compare-and-set on the revision node that succeeds only if the
# revision is still the one it validated against and no live writer holds the lease; (2) stages
# the change in small statements that readers do not see (new nodes and relationships are marked
# ``fresh``, replaced values wait in ``next_*`` properties, deletions are marked ``doomed``), renewing
# the lease before every group of statements; (3) commits in one statement that advances the revision and turns
# the staging into the new state. A writer that dies leaves only staging, which the next writer
# clears once the lease has run out.

_LEASE = (
    # Setting a property first takes the node's write lock on Neo4j, so the values read next are
    # the committed ones and a concurrent writer waits here (FalkorDB runs writes one at a time).
    "MATCH (m:TrackerMeta {key: $key}) SET m.lock = $token "
    "WITH m, timestamp() AS now, m.lease AS previous "
    "WHERE m.revision = $old AND (m.lease IS NULL OR m.lease_until < now) "
    "SET m.lease = $token, m.lease_until = now + $ttl "
    "RETURN previous"
)
#: Every staging statement starts here: nothing happens unless this writer still holds the lease.
_HOLD = "MATCH (m:TrackerMeta {key: $key}) WHERE m.lease = $token WITH m "
#: Sent before every group of staging statements (not in each: writing the lease node costs a
#: third of a small statement's time on FalkorDB).
_RENEW = "MATCH (m:TrackerMeta {key: $key}) WHERE m.lease = $token SET m.lease_until = timestamp() + $ttl RETURN 1 AS n"

_STAGE_DELETES = _HOLD + "UNWIND $rows AS id MATCH (n:Item {id: id}) WHERE n.fresh IS NULL SET n.stage = $token, n.doomed = true RETURN count(n) AS n"
_STAGE_UPDATES = (
    _HOLD + "UNWIND $rows AS row MATCH (n:Item {id: row.id}) WHERE n.fresh IS NULL "
    "SET n.stage = $token, n.next_data = row.data, n.next_version = row.version, "
    "n.next_programme = row.programme, n.next_title = row.title RETURN count(n) AS n"
)
_STAGE_UNLINK = (
    _HOLD + "UNWIND $rows AS id MATCH (n:Item {id: id})-[r]-() WHERE n.fresh IS NULL AND r.holder = id AND r.fresh IS NULL "
    "SET r.doomed = true, r.stage = $token RETURN count(DISTINCT id) AS n"
)
_STAGE_APPEND = (
    _HOLD + "UNWIND $rows AS row MATCH (n:Item {id: row.id}) WHERE n.stage = $token "
    "SET n.next_data = CASE WHEN n.fresh THEN n.next_data ELSE n.next_data + row.piece END, "
    "n.data = CASE WHEN n.fresh THEN n.data + row.piece ELSE n.data END RETURN count(n) AS n"
)
_STAGE_AUDIT = _HOLD + "CREATE (a:AuditEntry {stage: $token, at: $at, actor: $actor, note: $note}) RETURN 1 AS n"
# Parts, not one growing list: appending to a list property costs its whole length every time.
_STAGE_AUDIT_PARTS = (
    _HOLD + "UNWIND $rows AS row CREATE (p:AuditPart {stage: $token, seq: row.seq, ops: row.ops, kinds: row.kinds, items: row.items}) "
    "RETURN count(p) AS n"
)
_STAGE_AUDIT_DATA = (
    _HOLD + "UNWIND $rows AS row CREATE (d:AuditData {stage: $token, seq: row.seq, item: row.item, side: row.side, "
    "piece: row.piece, text: row.text}) RETURN count(d) AS n"
)


def _stage_creates(kind: str) -> str:
    return (
        _HOLD + f"UNWIND $rows AS row CREATE (n:Item:{LABELS[kind]} {{id: row.id, kind: '{kind}', programme: row.programme, "
        "data: row.data, version: row.version, title: row.title, stage: $token, fresh: true}) RETURN count(n) AS n"
    )


def _stage_edges(relation: str) -> str:
    if relation not in RELATIONS:
        raise ValueError(f"not a relation of the schema: {relation}")
    return (
        _HOLD + "UNWIND $rows AS e MATCH (a:Item {id: e.a}) MATCH (b:Item {id: e.b}) "
        "WHERE a.doomed IS NULL AND b.doomed IS NULL "
        f"CREATE (a)-[r:{relation} {{field: e.field, holder: e.holder, stage: $token, fresh: true}}]->(b) RETURN count(r) AS n"
    )


#: One statement, so the new state appears whole or not at all.
_COMMIT = (
    "MATCH (m:TrackerMeta {key: $key}) SET m.lock = $token "
    "WITH m WHERE m.lease = $token AND m.revision = $old "
    "SET m.revision = $new, m.lease = null, m.lease_until = null, m.writer = $token "
    "WITH count(*) AS _1 MATCH (m:TrackerMeta {key: $key}) WHERE m.writer = $token AND m.revision = $new "
    "MATCH (n:Item {stage: $token})-[r]-() WHERE r.doomed = true WITH DISTINCT r DELETE r "
    "WITH count(*) AS _2 MATCH (m:TrackerMeta {key: $key}) WHERE m.writer = $token AND m.revision = $new "
    "MATCH (n:Item {stage: $token}) WHERE n.doomed = true DETACH DELETE n "
    "WITH count(*) AS _3 MATCH (m:TrackerMeta {key: $key}) WHERE m.writer = $token AND m.revision = $new "
    "MATCH (n:Item {stage: $token})-[r]-() WHERE r.fresh = true WITH DISTINCT r SET r.fresh = null, r.stage = null "
    "WITH count(*) AS _4 MATCH (m:TrackerMeta {key: $key}) WHERE m.writer = $token AND m.revision = $new "
    "MATCH (n:Item {stage: $token}) WHERE n.next_version IS NOT NULL "
    "SET n.data = n.next_data, n.version = n.next_version, n.programme = n.next_programme, n.title = n.next_title "
    "WITH count(*) AS _5 MATCH (m:TrackerMeta {key: $key}) WHERE m.writer = $token AND m.revision = $new "
    "MATCH (n:Item {stage: $token}) "
    "SET n.revision = $new, n.stage = null, n.fresh = null, n.next_data = null, n.next_version = null, "
    "n.next_programme = null, n.next_title = null "
    "WITH count(*) AS _6 MATCH (m:TrackerMeta {key: $key}) WHERE m.writer = $token AND m.revision = $new "
    "MATCH (a:AuditEntry {stage: $token}) SET a.revision = $new, a.stage = null "
    "WITH count(*) AS _7 MATCH (m:TrackerMeta {key: $key}) WHERE m.writer = $token AND m.revision = $new "
    "MATCH (p:AuditPart {stage: $token}) SET p.revision = $new, p.stage = null "
    "WITH count(*) AS _8 MATCH (m:TrackerMeta {key: $key}) WHERE m.writer = $token AND m.revision = $new "
    "MATCH (d:AuditData {stage: $token}) SET d.revision = $new, d.stage = null "
    "WITH count(*) AS _9 MATCH (m:TrackerMeta {key: $key}) RETURN m.writer = $token AND m.revision = $new AS won"
)

#: Clearing what writers that died left behind (run by a writer holding the lease).
_CLEANUP = (
    "MATCH (n:Item)-[r]-() WHERE n.stage IS NOT NULL AND r.fresh = true WITH DISTINCT r DELETE r",
    "MATCH (n:Item)-[r]-() WHERE n.stage IS NOT NULL AND r.doomed = true WITH DISTINCT r SET r.doomed = null, r.stage = null",
    "MATCH (n:Item) WHERE n.fresh = true DETACH DELETE n",
    "MATCH (n:Item) WHERE n.stage IS NOT NULL SET n.stage = null, n.doomed = null, n.next_data = null, "
    "n.next_version = null, n.next_programme = null, n.next_title = null",
    "MATCH (a:AuditEntry) WHERE a.stage IS NOT NULL DELETE a",
    "MATCH (p:AuditPart) WHERE p.stage IS NOT NULL DELETE p",
    "MATCH (d:AuditData) WHERE d.stage IS NOT NULL DELETE d",
)
_RELEASE = "MATCH (m:TrackerMeta {key: $key}) WHERE m.lease = $token SET m.lease = null, m.lease_until = null"


class BoltStore(Store):
    """A portfolio in a Bolt graph server. ``BoltStore("bolt://host:7687/bass")``.

    Credentials come from the URL or ``TRACKER_BOLT_USER`` / ``TRACKER_BOLT_PASSWORD`` and are
    never part of a message.
    """

    def __init__(self, url: str, environ: dict[str, str] | None = None):
        import neo4j  # imported here: SQLite users never load the driver

        self._neo4j = neo4j
        self.target = parse_bolt_url(url, environ)
        self.url = self.target.shown_url
        auth = (self.target.user or "neo4j", self.target.password or "") if self.target.user or self.target.password else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.target.driver_url,
                auth=auth,
                connection_timeout=CONNECT_SECONDS,
                max_transaction_retry_time=RETRY_SECONDS,
                connection_acquisition_timeout=ACQUIRE_SECONDS,
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreError(f"cannot use the Bolt URL {self.url}: {exc}") from None
        self._schema_ready = False
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        env = os.environ if environ is None else environ
        try:
            self._budget_override = int(env.get(ENV_PARAM_BYTES) or 0)
        except ValueError:
            raise StoreError(f"{ENV_PARAM_BYTES} must be a number of bytes, not '{env.get(ENV_PARAM_BYTES)}'") from None
        self.budget = SMALL_BUDGET
        self.encode: Callable[[str], str] = _same
        self.decode: Callable[[str], str] = _same
        try:
            self._nudge()
            self._verify()
            self._read(lambda tx: tx.run("RETURN 1 AS ok").single())
            self._ensure_schema()
        except StoreError:
            self._driver.close()
            raise

    # -- plumbing ---------------------------------------------------------------------------

    def _nudge(self) -> None:
        """Make sure the server answers a Bolt handshake before the driver's first connection.

        FalkorDB 4.16 leaves the next connection after a client said goodbye unanswered (the
        handshake hangs until the driver times out). Bare handshakes that are not answered within
        half a second take that hit instead; other servers answer the first one.
        """
        parts = urlsplit(self.target.driver_url)
        if parts.scheme not in ("bolt", "neo4j"):
            return  # TLS schemes: the handshake runs inside TLS; the driver's retries cover them
        for _ in range(NUDGE_ATTEMPTS):
            try:
                with socket.create_connection((parts.hostname, parts.port or 7687), timeout=2) as conn:
                    conn.settimeout(0.5)
                    conn.sendall(BOLT_HANDSHAKE)
                    if len(conn.recv(4)) == 4:
                        return
            except TimeoutError:
                continue
            except OSError:
                return  # nothing listening: _verify says so

    def _verify(self) -> None:
        """Fail fast, without the driver's retries, when the server is down or refuses us."""
        exc_mod = self._neo4j.exceptions
        try:
            for attempt in range(VERIFY_ATTEMPTS):
                try:
                    self._driver.verify_connectivity()
                    break
                except (exc_mod.ServiceUnavailable, exc_mod.ConnectionAcquisitionTimeoutError) as exc:
                    # FalkorDB now and then leaves a new connection's handshake or sign-in
                    # unanswered; a refused connection (nothing listening) is not worth waiting for.
                    if attempt == VERIFY_ATTEMPTS - 1 or "refused" in str(exc).lower():
                        raise exc_mod.ServiceUnavailable(str(exc)) from None
                    time.sleep(0.1 * (attempt + 1))
        except (exc_mod.AuthError, exc_mod.Neo4jError):
            # Connecting runs no query: a server error here is the sign-in (FalkorDB reports a
            # wrong password as a general error).
            raise StoreError(
                f"the Bolt server at {self.url} refused the sign-in: check {ENV_USER} and {ENV_PASSWORD}",
                f"Bolt-serveren {self.url} afviste login: tjek {ENV_USER} og {ENV_PASSWORD}",
            ) from None
        except (exc_mod.ServiceUnavailable, exc_mod.SessionExpired, OSError) as exc:
            raise StoreError(
                f"cannot reach the Bolt server at {self.url}: is it running? ({type(exc).__name__})",
                f"kan ikke få forbindelse til Bolt-serveren {self.url}: kører den? ({type(exc).__name__})",
            ) from None
        except exc_mod.DriverError as exc:
            raise StoreError(f"cannot talk to the Bolt server at {self.url}: {type(exc).__name__}") from None

    def _session(self, write: bool):
        access = self._neo4j.WRITE_ACCESS if write else self._neo4j.READ_ACCESS
        # One bookmark manager for every session of this store: on a Neo4j cluster a read then
        # waits for this process's own earlier writes, wherever it is routed.
        return self._driver.session(
            database=self.target.database, default_access_mode=access, bookmark_manager=self._bookmarks
        )

    def _read(self, work: Callable[[Any], Any]) -> Any:
        return self._call(work, write=False)

    def _write(self, work: Callable[[Any], Any]) -> Any:
        return self._call(work, write=True)

    def _call(self, work: Callable[[Any], Any], write: bool) -> Any:
        """Run ``work`` in a managed transaction (the driver retries transient failures)."""
        exc_mod = self._neo4j.exceptions
        with self._translated(write):
            for attempt in range(VERIFY_ATTEMPTS):
                try:
                    with self._session(write) as session:
                        return session.execute_write(work) if write else session.execute_read(work)
                except exc_mod.ConnectionAcquisitionTimeoutError:
                    # No connection was had, so ``work`` never ran: trying again is safe.
                    if attempt == VERIFY_ATTEMPTS - 1:
                        raise exc_mod.ServiceUnavailable("no connection to the server") from None
        raise AssertionError("unreachable")

    @contextmanager
    def _translated(self, write: bool) -> Iterator[None]:
        """Turn the driver's exceptions into a StoreError with a sentence for a person."""
        exc_mod = self._neo4j.exceptions
        try:
            yield
        except exc_mod.AuthError:
            raise StoreError(
                f"the Bolt server at {self.url} refused the credentials: check {ENV_USER} and {ENV_PASSWORD}",
                f"Bolt-serveren {self.url} afviste login: tjek {ENV_USER} og {ENV_PASSWORD}",
            ) from None
        except (exc_mod.ServiceUnavailable, exc_mod.SessionExpired, OSError) as exc:
            what = " during a write: the change set was applied whole or not at all; run it again to be sure (a change set applied twice changes nothing)" if write else ""
            hvad = " under en skrivning: ændringen er skrevet helt eller slet ikke; kør den igen for en sikkerheds skyld (to gange giver samme resultat)" if write else ""
            raise StoreError(
                f"cannot reach the Bolt server at {self.url}{what} ({type(exc).__name__})",
                f"mistede forbindelsen til Bolt-serveren {self.url}{hvad} ({type(exc).__name__})",
            ) from None
        except exc_mod.Neo4jError as exc:
            # FalkorDB answers a wrong password with a general error; name the likely cause.
            hint = f"; if the server needs a password, check {ENV_USER} and {ENV_PASSWORD}" if not self._schema_ready else ""
            raise StoreError(f"the Bolt server at {self.url} refused a request: {exc.message or exc.code}{hint}") from None
        except exc_mod.DriverError as exc:
            raise StoreError(f"the Bolt driver failed talking to {self.url}: {type(exc).__name__}") from None

    def _ensure_schema(self) -> None:
        """Create the revision node, the uniqueness constraints or indexes the reads need."""
        neo4j_statements = [
            "CREATE CONSTRAINT tracker_item_id IF NOT EXISTS FOR (n:Item) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT tracker_meta_key IF NOT EXISTS FOR (m:TrackerMeta) REQUIRE m.key IS UNIQUE",
            "CREATE INDEX tracker_item_revision IF NOT EXISTS FOR (n:Item) ON (n.revision)",
            "CREATE INDEX tracker_audit_revision IF NOT EXISTS FOR (a:AuditEntry) ON (a.revision)",
            "CREATE INDEX tracker_item_stage IF NOT EXISTS FOR (n:Item) ON (n.stage)",
            "CREATE INDEX tracker_audit_stage IF NOT EXISTS FOR (a:AuditEntry) ON (a.stage)",
            "CREATE INDEX tracker_audit_part_revision IF NOT EXISTS FOR (p:AuditPart) ON (p.revision)",
            "CREATE INDEX tracker_audit_part_stage IF NOT EXISTS FOR (p:AuditPart) ON (p.stage)",
            "CREATE INDEX tracker_audit_data_revision IF NOT EXISTS FOR (d:AuditData) ON (d.revision)",
            "CREATE INDEX tracker_audit_data_stage IF NOT EXISTS FOR (d:AuditData) ON (d.stage)",
        ]
        self.encode, self.decode = (_same, _same) if self._carries_any_text() else (escape_text, unescape_text)
        neo4j_like = self._supports_if_not_exists()
        self.budget = LARGE_BUDGET if neo4j_like else SMALL_BUDGET
        if self._budget_override:
            self.budget = self._budget_override
        if neo4j_like:
            for statement in neo4j_statements:
                self._run_schema(statement)
        else:
            # Servers without CREATE ... IF NOT EXISTS (FalkorDB): plain indexes, created once;
            # ids stay unique because every writer validates inside the revision compare-and-set.
            present = self._indexes()
            for label, prop in INDEXES:
                if (label, prop) not in present:
                    self._run_schema(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        self._write(
            lambda tx: tx.run(
                "MERGE (m:TrackerMeta {key: $key}) ON CREATE SET m.revision = 0, m.schema = $schema",
                key=META_KEY,
                schema=SCHEMA_VERSION,
            ).consume()
        )
        self._schema_ready = True

    def _carries_any_text(self) -> bool:
        """Whether a text parameter with quotes, backslashes and NUL comes back unchanged."""
        probe = "a'b\\\"c%d\x00e"
        try:
            row = self._read(lambda tx: tx.run("RETURN $s AS s", s=probe).single())
        except StoreError:
            return False
        return row is not None and row["s"] == probe

    def _supports_if_not_exists(self) -> bool:
        """Neo4j 4.4 and later know ``SHOW INDEXES``; servers that lack it lack IF NOT EXISTS too."""
        try:
            # Managed transactions only: FalkorDB runs auto-commit statements on another graph.
            with self._session(write=False) as session:
                session.execute_read(lambda tx: tx.run("SHOW INDEXES YIELD name RETURN count(*) AS n").consume())
            return True
        except self._neo4j.exceptions.Neo4jError:
            return False

    def _indexes(self) -> set[tuple[str, str]]:
        rows = self._read(lambda tx: list(tx.run("CALL db.indexes()")))
        present: set[tuple[str, str]] = set()
        for row in rows:
            data = row.data()
            for prop in data.get("properties") or []:
                present.add((data.get("label"), prop))
        return present

    def _run_schema(self, statement: str) -> None:
        try:
            with self._session(write=True) as session:
                session.execute_write(lambda tx: tx.run(statement).consume())
        except (self._neo4j.exceptions.ServiceUnavailable, self._neo4j.exceptions.SessionExpired, OSError) as exc:
            raise StoreError(f"cannot reach the Bolt server at {self.url} ({type(exc).__name__})") from None
        except self._neo4j.exceptions.Neo4jError as exc:
            if "already" not in (exc.message or "").lower():
                raise StoreError(f"the Bolt server at {self.url} refused the schema statement '{statement}': {exc.message}") from None

    def close(self) -> None:
        self._driver.close()

    # -- reads ------------------------------------------------------------------------------

    def _record(self, row: Any) -> Record:
        return Record(row[0], row[1], json.loads(self.decode(row[3])), row[2], row[4])

    def revision(self) -> int:
        value = self._read(lambda tx: tx.run("MATCH (m:TrackerMeta {key: $key}) RETURN m.revision AS r", key=META_KEY).single())
        return int(value["r"]) if value else 0

    def _consistent(self, read: Callable[[Any], Any]) -> tuple[int, Any]:
        """Run a read between two revision reads until both agree (a commit landed in between otherwise)."""
        for _ in range(WRITE_ATTEMPTS):
            before = self.revision()
            result = self._read(read)
            if self.revision() == before:
                return before, result
            time.sleep(0.05)
        raise StoreError(
            f"the Bolt store at {self.url} kept changing while being read; try again",
            f"Bolt-lageret {self.url} blev ved med at ændre sig under læsningen; prøv igen",
        )

    def _lookup(self, tx: Any, statement: str, ids: list[str]) -> list[list[Any]]:
        """Run ``statement`` (which unwinds ``$ids``) over ``ids`` in batches that fit the budget."""
        rows: list[list[Any]] = []
        for batch in batches(ids, self.budget):
            rows.extend(tx.run(statement, ids=batch).values())
        return rows

    def load(self) -> Snapshot:
        revision, rows = self._consistent(lambda tx: tx.run(f"MATCH (n:Item) WHERE {_COMMITTED} RETURN {_ITEM_FIELDS}").values())
        with paused_gc():
            records = [self._record(r) for r in rows]
        duplicates = len(records) - len({r.id for r in records})
        if duplicates:
            raise StoreError(f"the Bolt store at {self.url} holds {duplicates} duplicate ids; it was written by something other than the tracker")
        return Snapshot(revision, records)

    def changes_since(self, revision: int) -> Delta:
        def read(tx: Any) -> tuple[list, list]:
            rows = tx.run(f"MATCH (n:Item) WHERE n.revision > $r AND {_COMMITTED} RETURN {_ITEM_FIELDS}", r=revision).values()
            parts = tx.run("MATCH (p:AuditPart) WHERE p.revision > $r RETURN p.ops, p.items", r=revision).values()
            ids = list(dict.fromkeys(i for ops, items in parts for op, i in zip(ops, items, strict=True) if op == "delete"))
            present = {row[0] for row in self._lookup(tx, f"UNWIND $ids AS id MATCH (n:Item {{id: id}}) WHERE {_COMMITTED} RETURN n.id", ids)}
            return rows, [i for i in ids if i not in present]

        current, (rows, gone) = self._consistent(read)
        return Delta(current, [self._record(r) for r in rows], gone)

    def get(self, ids: Iterable[str]) -> dict[str, Record]:
        wanted = list(dict.fromkeys(ids))
        statement = f"UNWIND $ids AS id MATCH (n:Item {{id: id}}) WHERE {_COMMITTED} RETURN {_ITEM_FIELDS}"
        rows = self._read(lambda tx: self._lookup(tx, statement, wanted)) if wanted else []
        return {rec.id: rec for rec in map(self._record, rows)}

    def _kinds(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(ids))
        statement = f"UNWIND $ids AS id MATCH (n:Item {{id: id}}) WHERE {_COMMITTED} RETURN n.id, n.kind"
        return dict(self._read(lambda tx: self._lookup(tx, statement, wanted))) if wanted else {}

    def _referrers(self, ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        wanted = list(dict.fromkeys(ids))
        statement = (
            "UNWIND $ids AS id MATCH (n:Item {id: id})-[r]-(s:Item) "
            "WHERE r.holder = s.id AND r.fresh IS NULL AND n.fresh IS NULL AND s.fresh IS NULL RETURN id, s.id, s.kind"
        )
        found: dict[str, list[tuple[str, str]]] = {}
        for target, src, kind in self._read(lambda tx: self._lookup(tx, statement, wanted)) if wanted else []:
            found.setdefault(target, []).append((src, kind))
        return found

    def audit(self, limit: int = 50, item: str | None = None) -> list[AuditEntry]:
        def read(tx: Any) -> list[AuditEntry]:
            if item is None:
                heads = tx.run(
                    "MATCH (a:AuditEntry) WHERE a.stage IS NULL RETURN a.revision, a.at, a.actor, a.note "
                    "ORDER BY a.revision DESC LIMIT $limit", limit=limit).values()
            else:
                heads = tx.run(
                    "MATCH (p:AuditPart) WHERE p.stage IS NULL AND $item IN p.items WITH DISTINCT p.revision AS rev "
                    "MATCH (a:AuditEntry {revision: rev}) RETURN a.revision, a.at, a.actor, a.note "
                    "ORDER BY a.revision DESC LIMIT $limit", item=item, limit=limit).values()
            entries = []
            for rev, at, actor, note in heads:
                parts = tx.run(
                    "MATCH (p:AuditPart {revision: $rev}) RETURN p.ops, p.kinds, p.items ORDER BY p.seq", rev=rev).values()
                changes = [c for ops, kinds, items in parts for c in zip(ops, kinds, items, strict=True)][:1000]
                entries.append(AuditEntry(rev, at, self.decode(actor), self.decode(note), changes))
            return entries

        return self._read(read)

    def history(self, item: str | None = None, since: int = 0) -> list[ItemChange]:
        def read(tx: Any) -> tuple[list, list, list]:
            where = "WHERE p.stage IS NULL AND p.revision > $since" + (" AND $item IN p.items" if item is not None else "")
            parts = tx.run(f"MATCH (p:AuditPart) {where} RETURN p.revision, p.seq, p.ops, p.kinds, p.items "
                           "ORDER BY p.revision, p.seq", since=since, item=item).values()
            revisions = sorted({row[0] for row in parts})
            heads = tx.run("UNWIND $revs AS rev MATCH (a:AuditEntry {revision: rev}) RETURN a.revision, a.at, a.actor, a.note",
                           revs=revisions).values() if revisions else []
            dwhere = "WHERE d.stage IS NULL AND d.revision > $since" + (" AND d.item = $item" if item is not None else "")
            data = tx.run(f"MATCH (d:AuditData) {dwhere} RETURN d.revision, d.seq, d.item, d.side, d.piece, d.text",
                          since=since, item=item).values()
            return parts, heads, data

        parts, heads, data = self._read(read)
        head = {rev: (at, self.decode(actor), self.decode(note)) for rev, at, actor, note in heads}
        texts: dict[tuple[int, str, str], dict[int, dict[int, str]]] = {}
        for rev, seq, it, side, piece, text in data:
            texts.setdefault((rev, it, side), {}).setdefault(seq, {})[piece] = text

        def fields(rev: int, it: str, side: str, nth: int) -> Any:
            # An item changes at most once per revision; ``nth`` picks among repeats all the same.
            found = texts.get((rev, it, side))
            if not found:
                return None
            seq = sorted(found)[min(nth, len(found) - 1)]
            return json.loads(self.decode("".join(found[seq][n] for n in sorted(found[seq]))))

        changes: list[ItemChange] = []
        for rev, _seq, ops, kinds, items in parts:
            at, actor, note = head.get(rev, ("", "", ""))
            for op, kind, it in zip(ops, kinds, items, strict=True):
                if item is not None and it != item:
                    continue
                before = fields(rev, it, "before", 0) if op != "create" else None
                after = fields(rev, it, "after", 0) if op != "delete" else None
                changes.append(ItemChange(rev, at, actor, note, op, kind, it, before, after))
        return changes

    def counts(self) -> dict[str, int]:
        rows = self._read(lambda tx: tx.run(f"MATCH (n:Item) WHERE {_COMMITTED} RETURN n.kind, count(n)").values())
        return {kind: n for kind, n in rows}

    # -- writes -----------------------------------------------------------------------------

    def apply(self, changes: ChangeSet, actor: str, dry_run: bool = False) -> Applied:
        deadline = time.monotonic() + WAIT_SECONDS
        pause = 0.02
        with paused_gc():
            while True:
                applied = self._attempt(changes, actor, dry_run)
                if applied is not None:
                    return applied
                if time.monotonic() > deadline:
                    break
                time.sleep(pause)
                pause = min(pause * 2, 1.0)
        raise StoreError(
            f"the Bolt store at {self.url} stayed busy with another writer for {WAIT_SECONDS:.0f} s; nothing was written, try again",
            f"Bolt-lageret {self.url} var optaget af en anden skrivning i {WAIT_SECONDS:.0f} s; intet er skrevet, prøv igen",
        )

    def _attempt(self, changes: ChangeSet, actor: str, dry_run: bool) -> Applied | None:
        """Read, validate and write once; None when another writer got there first."""
        old = self.revision()
        named = list(dict.fromkeys([r.id for r in changes.upserts] + list(changes.deletes) + list(changes.expect)))
        stored = self.get(named)
        plan = plan_changes(changes, stored, self._kinds, self._referrers)
        applied = Applied(old, [r.id for r in plan.creates], [a.id for _, a in plan.updates], [r.id for r in plan.deletes], plan.unchanged, dry_run)
        if dry_run or not applied.changed:
            if self.revision() != old:
                return None  # validated against a state that is already gone
            if dry_run and applied.changed:
                applied.revision = old + 1
            return applied
        token = uuid.uuid4().hex
        common = {"key": META_KEY, "token": token, "ttl": LEASE_MS}
        row = self._write(lambda tx: tx.run(_LEASE, common, old=old).single())
        if row is None:
            return None  # the revision moved on, or another writer holds the lease
        try:
            if row["previous"] is not None:
                self._cleanup()
            self._stage(staged_write(plan, self.budget, self.encode), common, actor, changes.note)
            won = self._write(lambda tx: tx.run(_COMMIT, common, old=old, new=old + 1).single())
        except BaseException:
            self._abandon(common)
            raise
        if not won or not won["won"]:
            self._abandon(common)
            raise StoreError(
                f"the Bolt store at {self.url} lost this writer's lease (the write took over {LEASE_MS // 1000} s between two statements); nothing was written, try again",
                f"Bolt-lageret {self.url} gav skrivningen fri, fordi den tog over {LEASE_MS // 1000} s mellem to trin; intet er skrevet, prøv igen",
            )
        applied.revision = old + 1
        return applied

    def _stage(self, work: StagedWrite, common: dict[str, Any], actor: str, note: str) -> None:
        """Write the change set's staging; every statement must touch exactly the rows it was given.

        Statements go in groups of STATEMENTS_PER_TRANSACTION per transaction, without the driver's
        retries (a repeated CREATE would stage twice): any failure abandons the whole write.
        """
        statements: list[tuple[str, dict[str, Any], int | None]] = []

        def add(statement: str, rows: list[Any], expected: bool = True) -> None:
            for batch in batches(rows, self.budget):
                statements.append((statement, {**common, "rows": batch}, len(batch) if expected else None))

        add(_STAGE_DELETES, work.deletes)
        add(_STAGE_UPDATES, work.updates)
        add(_STAGE_UNLINK, [u["id"] for u in work.updates], expected=False)
        for kind, rows in work.creates.items():
            add(_stage_creates(kind), rows)
        add(_STAGE_APPEND, work.appends)
        for relation, rows in work.edges.items():
            add(_stage_edges(relation), rows)
        note = note if _cost(note) < self.budget // 2 else note[: self.budget // 12]
        head = {
            **common,
            "actor": self.encode(actor[:200]),
            "note": self.encode(note),
            "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        statements.append((_STAGE_AUDIT, head, 1))
        add(_STAGE_AUDIT_PARTS, work.audit)
        add(_STAGE_AUDIT_DATA, work.audit_data)
        with self._translated(write=True), self._session(write=True) as session:
            for start in range(0, len(statements), STATEMENTS_PER_TRANSACTION):
                with session.begin_transaction() as tx:
                    self._run_staged(tx, _RENEW, common, 1)
                    for statement, params, expected in statements[start : start + STATEMENTS_PER_TRANSACTION]:
                        self._run_staged(tx, statement, params, expected)
                    tx.commit()

    def _run_staged(self, tx: Any, statement: str, params: dict[str, Any], expected: int | None) -> None:
        got = tx.run(statement, params).single()
        if got is None or (expected is not None and got["n"] != expected):
            raise StoreError(
                f"the Bolt store at {self.url} refused part of the write (another writer took the lease?); nothing was written",
                f"Bolt-lageret {self.url} afviste en del af skrivningen (tog en anden skrivning over?); intet er skrevet",
            )

    def _cleanup(self) -> None:
        """Clear the staging a writer that died left behind."""
        for statement in _CLEANUP:
            self._write(lambda tx, statement=statement: tx.run(statement).consume())

    def _abandon(self, common: dict[str, Any]) -> None:
        """Clear this writer's own staging and give the lease back; a failure here is left to the next writer."""
        try:
            self._cleanup()
            self._write(lambda tx: tx.run(_RELEASE, common).consume())
        except (StoreError, self._neo4j.exceptions.Neo4jError, self._neo4j.exceptions.DriverError, OSError):
            pass

    # -- server-side queries ---------------------------------------------------------------

    def trace_ids(self, initiative: str) -> dict[str, list[str]]:
        """An initiative's chain answered by Cypher on the server: the ids per kind, sorted.

        The same chain as ``graph.queries.trace`` computes from the in-memory graph; the benchmark
        compares the two.
        """
        statement = (
            # Item:Initiative: the id index is on Item; committed nodes and relationships only.
            "MATCH (i:Item:Initiative {id: $id}) WHERE i.fresh IS NULL "
            "OPTIONAL MATCH (i)-[s:SERVES]->(fa:FocusArea) WHERE s.fresh IS NULL "
            "OPTIONAL MATCH (fa)-[p:PART_OF]->(amb:Ambition) WHERE p.fresh IS NULL "
            "OPTIONAL MATCH (amb)-[o:OF]->(sp:Specialty) WHERE o.fresh IS NULL "
            "OPTIONAL MATCH (pre:Prerequisite)-[e:ENABLES]->(fa) WHERE e.fresh IS NULL "
            "OPTIONAL MATCH (fa)-[a:ADDRESSES]->(ch:Challenge) WHERE a.fresh IS NULL "
            "OPTIONAL MATCH (fa)-[m:MEASURED_BY]->(ind:Indicator) WHERE m.fresh IS NULL "
            "RETURN collect(DISTINCT fa.id) AS focus_areas, collect(DISTINCT amb.id) AS ambitions, "
            "collect(DISTINCT sp.id) AS specialties, collect(DISTINCT pre.id) AS prerequisites, "
            "collect(DISTINCT ch.id) AS challenges, collect(DISTINCT ind.id) AS indicators"
        )
        row = self._read(lambda tx: tx.run(statement, id=initiative).single())
        if row is None:
            return {}
        return {key: sorted(v for v in row[key] if v is not None) for key in row.keys()}
