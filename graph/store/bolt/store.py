"""The Bolt store: ``BoltStore``, the portfolio in a Bolt graph server (see the package's docstring)."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from graph.bulk import paused_gc
from graph.changeset import ChangeSet, Record
from graph.store.base import Applied, AuditEntry, Delta, ItemChange, Plan, Snapshot, Store, StoreError, plan_changes
from graph.store.bolt import cypher
from graph.store.bolt.escaping import batches, cost, escape_text, same, unescape_text
from graph.store.bolt.staging import StagedWrite, staged_write
from graph.store.bolt.url import ENV_PARAM_BYTES, ENV_PASSWORD, ENV_USER, parse_bolt_url

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

#: Elements per record when Neo4j sends the whole portfolio (``load``).
LOAD_CHUNK = 5_000

#: The indexes the reads and the commit need, on servers without constraints.
INDEXES = (
    ("Item", "id"), ("Item", "revision"), ("Item", "stage"), ("TrackerMeta", "key"),
    ("AuditEntry", "revision"), ("AuditEntry", "stage"), ("AuditPart", "revision"), ("AuditPart", "stage"),
    ("AuditData", "revision"), ("AuditData", "stage"),
)


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
                # Neo4j warns about properties no node has yet (``fresh``, ``stage``): expected here.
                notifications_min_severity="OFF",
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreError(f"cannot use the Bolt URL {self.url}: {exc}", f"kan ikke bruge Bolt-URL'en {self.url}: {exc}") from None
        self._schema_ready = False
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        env = os.environ if environ is None else environ
        try:
            self._budget_override = int(env.get(ENV_PARAM_BYTES) or 0)
        except ValueError:
            raise StoreError(
                f"{ENV_PARAM_BYTES} must be a number of bytes, not '{env.get(ENV_PARAM_BYTES)}'",
                f"{ENV_PARAM_BYTES} skal være et antal bytes, ikke '{env.get(ENV_PARAM_BYTES)}'",
            ) from None
        self.budget = SMALL_BUDGET
        #: Whether explicit transactions really roll back (Neo4j): then a change set is one
        #: transaction; otherwise (FalkorDB) the staging protocol below.
        self.transactional = False
        self.encode: Callable[[str], str] = same
        self.decode: Callable[[str], str] = same
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
            raise StoreError(
                f"cannot talk to the Bolt server at {self.url}: {type(exc).__name__}",
                f"kan ikke tale med Bolt-serveren {self.url}: {type(exc).__name__}",
            ) from None

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
            hint_da = f"; hvis serveren kræver adgangskode, tjek {ENV_USER} og {ENV_PASSWORD}" if hint else ""
            raise StoreError(
                f"the Bolt server at {self.url} refused a request: {exc.message or exc.code}{hint}",
                f"Bolt-serveren {self.url} afviste en forespørgsel: {exc.message or exc.code}{hint_da}",
            ) from None
        except exc_mod.DriverError as exc:
            raise StoreError(
                f"the Bolt driver failed talking to {self.url}: {type(exc).__name__}",
                f"Bolt-driveren fejlede i samtalen med {self.url}: {type(exc).__name__}",
            ) from None

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
        self.encode, self.decode = (same, same) if self._carries_any_text() else (escape_text, unescape_text)
        neo4j_like = self._supports_if_not_exists()
        self.transactional = neo4j_like
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
            raise StoreError(
                f"cannot reach the Bolt server at {self.url} ({type(exc).__name__})",
                f"kan ikke få forbindelse til Bolt-serveren {self.url} ({type(exc).__name__})",
            ) from None
        except self._neo4j.exceptions.Neo4jError as exc:
            if "already" not in (exc.message or "").lower():
                raise StoreError(
                    f"the Bolt server at {self.url} refused the schema statement '{statement}': {exc.message}",
                    f"Bolt-serveren {self.url} afviste skemasætningen '{statement}': {exc.message}",
                ) from None

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
        if self.transactional:
            # Neo4j: rows packed into lists of LOAD_CHUNK on the server; the driver then decodes a
            # few large values instead of one record per element (a third of the time at 100k).
            def read(tx: Any) -> list[Any]:
                return [row for (chunk,) in tx.run(cypher.LOAD_CHUNKED, chunk=LOAD_CHUNK).values() for row in chunk]

            revision, rows = self._consistent(read)
        else:
            revision, rows = self._consistent(lambda tx: tx.run(f"MATCH (n:Item) WHERE {cypher.COMMITTED} RETURN {cypher.ITEM_FIELDS}").values())
        with paused_gc():
            records = [self._record(r) for r in rows]
        duplicates = len(records) - len({r.id for r in records})
        if duplicates:
            raise StoreError(
                f"the Bolt store at {self.url} holds {duplicates} duplicate ids; it was written by something other than the tracker",
                f"Bolt-lageret {self.url} har {duplicates} dublerede id'er; det er skrevet af noget andet end trackeren",
            )
        return Snapshot(revision, records)

    def changes_since(self, revision: int) -> Delta:
        def read(tx: Any) -> tuple[list, list]:
            rows = tx.run(f"MATCH (n:Item) WHERE n.revision > $r AND {cypher.COMMITTED} RETURN {cypher.ITEM_FIELDS}", r=revision).values()
            parts = tx.run("MATCH (p:AuditPart) WHERE p.revision > $r RETURN p.ops, p.items", r=revision).values()
            ids = list(dict.fromkeys(i for ops, items in parts for op, i in zip(ops, items, strict=True) if op == "delete"))
            present = {row[0] for row in self._lookup(tx, f"UNWIND $ids AS id MATCH (n:Item {{id: id}}) WHERE {cypher.COMMITTED} RETURN n.id", ids)}
            return rows, [i for i in ids if i not in present]

        current, (rows, gone) = self._consistent(read)
        return Delta(current, [self._record(r) for r in rows], gone)

    def get(self, ids: Iterable[str]) -> dict[str, Record]:
        wanted = list(dict.fromkeys(ids))
        statement = f"UNWIND $ids AS id MATCH (n:Item {{id: id}}) WHERE {cypher.COMMITTED} RETURN {cypher.ITEM_FIELDS}"
        rows = self._read(lambda tx: self._lookup(tx, statement, wanted)) if wanted else []
        return {rec.id: rec for rec in map(self._record, rows)}

    def _kinds(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(ids))
        statement = f"UNWIND $ids AS id MATCH (n:Item {{id: id}}) WHERE {cypher.COMMITTED} RETURN n.id, n.kind"
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
        rows = self._read(lambda tx: tx.run(f"MATCH (n:Item) WHERE {cypher.COMMITTED} RETURN n.kind, count(n)").values())
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
        if self.transactional:
            if not self._write_whole(plan, common, old, actor, changes.note):
                return None
            applied.revision = old + 1
            return applied
        row = self._write(lambda tx: tx.run(cypher.LEASE, common, old=old).single())
        if row is None:
            return None  # the revision moved on, or another writer holds the lease
        try:
            if row["previous"] is not None:
                self._cleanup()
            self._stage(staged_write(plan, self.budget, self.encode), common, actor, changes.note)
            won = self._write(lambda tx: tx.run(cypher.COMMIT, common, old=old, new=old + 1).single())
        except BaseException:
            self._abandon(common)
            raise
        if not won or not won["won"]:
            self._abandon(common)
            raise self._lost_lease()
        applied.revision = old + 1
        return applied

    def _write_whole(self, plan: Plan, common: dict[str, Any], old: int, actor: str, note: str) -> bool:
        """The change set in one explicit transaction that writes the new state directly (Neo4j).

        No staging: the first statement takes the revision node's write lock before reading the
        revision, so a second writer waits there until this transaction ends and then sees the new
        revision. Any failure, a lost connection or a killed server leaves nothing: the transaction
        rolls back. False when the revision moved on before the lock was had.
        """
        work = staged_write(plan, self.budget, self.encode)
        params = {**common, "old": old, "new": old + 1}
        statements: list[tuple[str, dict[str, Any], int | None]] = []

        def add(statement: str, rows: list[Any], expected: bool = True) -> None:
            for batch in batches(rows, self.budget):
                statements.append((statement, {**params, "rows": batch}, len(batch) if expected else None))

        add(cypher.DIRECT_UNLINK, [u["id"] for u in work.updates], expected=False)
        add(cypher.DIRECT_DELETES, work.deletes)
        add(cypher.DIRECT_UPDATES, work.updates)
        for kind, rows in work.creates.items():
            add(cypher.direct_creates(kind), rows)
        add(cypher.DIRECT_APPEND, work.appends)
        for relation, rows in work.edges.items():
            add(cypher.direct_edges(relation), rows)
        statements.append((cypher.DIRECT_AUDIT, {**params, **self._audit_head(actor, note)}, 1))
        add(cypher.DIRECT_AUDIT_PARTS, work.audit)
        add(cypher.DIRECT_AUDIT_DATA, work.audit_data)
        with self._translated(write=True), self._session(write=True) as session, session.begin_transaction() as tx:
            if tx.run(cypher.LOCK, params).single() is None:
                tx.rollback()
                return False
            for statement, values, expected in statements:
                self._run_staged(tx, statement, values, expected)
            won = tx.run(cypher.ADVANCE, params).single()
            if not won or not won["won"]:
                raise self._lost_lease()
            tx.commit()
        return True

    def _audit_head(self, actor: str, note: str) -> dict[str, str]:
        """Who, the note (cut to fit a statement) and when, as the audit entry's parameters."""
        note = note if cost(note) < self.budget // 2 else note[: self.budget // 12]
        return {
            "actor": self.encode(actor[:200]),
            "note": self.encode(note),
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }

    def _lost_lease(self) -> StoreError:
        return StoreError(
            f"the Bolt store at {self.url} lost this writer's lease (the write took over {LEASE_MS // 1000} s between two statements); nothing was written, try again",
            f"Bolt-lageret {self.url} gav skrivningen fri, fordi den tog over {LEASE_MS // 1000} s mellem to trin; intet er skrevet, prøv igen",
        )

    def _stage(self, work: StagedWrite, common: dict[str, Any], actor: str, note: str) -> None:
        """Write the change set's staging; every statement must touch exactly the rows it was given.

        Statements go in groups of STATEMENTS_PER_TRANSACTION per transaction, without the driver's
        retries (a repeated CREATE would stage twice): any failure abandons the whole write.
        """
        statements = self._staging(work, common, actor, note)
        with self._translated(write=True), self._session(write=True) as session:
            for start in range(0, len(statements), STATEMENTS_PER_TRANSACTION):
                with session.begin_transaction() as tx:
                    self._run_staged(tx, cypher.RENEW, common, 1)
                    for statement, params, expected in statements[start : start + STATEMENTS_PER_TRANSACTION]:
                        self._run_staged(tx, statement, params, expected)
                    tx.commit()

    def _staging(self, work: StagedWrite, common: dict[str, Any], actor: str, note: str) -> list[tuple[str, dict[str, Any], int | None]]:
        """The staging statements with their parameters and how many rows each must touch."""
        statements: list[tuple[str, dict[str, Any], int | None]] = []

        def add(statement: str, rows: list[Any], expected: bool = True) -> None:
            for batch in batches(rows, self.budget):
                statements.append((statement, {**common, "rows": batch}, len(batch) if expected else None))

        add(cypher.STAGE_DELETES, work.deletes)
        add(cypher.STAGE_UPDATES, work.updates)
        add(cypher.STAGE_UNLINK, [u["id"] for u in work.updates], expected=False)
        for kind, rows in work.creates.items():
            add(cypher.stage_creates(kind), rows)
        add(cypher.STAGE_APPEND, work.appends)
        for relation, rows in work.edges.items():
            add(cypher.stage_edges(relation), rows)
        head = {**common, **self._audit_head(actor, note)}
        statements.append((cypher.STAGE_AUDIT, head, 1))
        add(cypher.STAGE_AUDIT_PARTS, work.audit)
        add(cypher.STAGE_AUDIT_DATA, work.audit_data)
        return statements

    def _run_staged(self, tx: Any, statement: str, params: dict[str, Any], expected: int | None) -> None:
        got = tx.run(statement, params).single()
        if got is None or (expected is not None and got["n"] != expected):
            raise StoreError(
                f"the Bolt store at {self.url} refused part of the write (another writer took the lease?); nothing was written",
                f"Bolt-lageret {self.url} afviste en del af skrivningen (tog en anden skrivning over?); intet er skrevet",
            )

    def _cleanup(self) -> None:
        """Clear the staging a writer that died left behind."""
        for statement in cypher.CLEANUP:
            self._write(lambda tx, statement=statement: tx.run(statement).consume())

    def _abandon(self, common: dict[str, Any]) -> None:
        """Clear this writer's own staging and give the lease back; a failure here is left to the next writer."""
        try:
            self._cleanup()
            self._write(lambda tx: tx.run(cypher.RELEASE, common).consume())
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

