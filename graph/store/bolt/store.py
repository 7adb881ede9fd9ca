"""The Bolt store: ``BoltStore``, the portfolio in a Bolt graph server (see the package's docstring)."""
from __future__ import annotations

import datetime as dt
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from graph.bulk import paused_gc
from graph.changeset import ChangeSet, Record
from graph.store.base import Applied, AuditEntry, Delta, ItemChange, Plan, Snapshot, Store, StoreError, plan_changes
from graph.store.bolt import cypher
from graph.store.bolt.escaping import batches, cost
from graph.store.bolt.native import MODEL_VERSION
from graph.store.bolt.rows import chunks, theme_names, write_rows
from graph.store.bolt.url import ENV_PASSWORD, ENV_USER, parse_bolt_url

# The driver logs every retry as a warning; the store reports failures itself, in a sentence.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False

META_KEY = "portfolio"
#: The model of the graph in the server (graph/store/bolt/native.py).
SCHEMA_VERSION = MODEL_VERSION
#: How often a reader re-reads when a commit landed during its read.
WRITE_ATTEMPTS = 20
#: How long a writer keeps retrying while other writers win the race before giving up.
WAIT_SECONDS = 120.0
#: Estimated bytes of parameters per statement (rows per UNWIND batch): Neo4j takes large batches.
BATCH_BYTES = 1_000_000
#: Seconds the driver may spend retrying a transient failure (leader switch, dropped connection).
RETRY_SECONDS = 15.0
#: Seconds to open a connection and finish the Bolt handshake.
CONNECT_SECONDS = 2.0
#: Seconds to get a usable connection (handshake, sign-in) before trying a new one.
ACQUIRE_SECONDS = 4.0
VERIFY_ATTEMPTS = 6

#: Orders the changes within packed audit nodes: (node, place in it) as one number.
PACKED = 1_000_000
#: Change sets writing fewer elements than this wait for the full-text index to include them.
SEARCH_WAIT_BELOW = 5_000

#: Elements per record when Neo4j sends the whole portfolio (``load``).
LOAD_CHUNK = 5_000

class BoltStore(Store):
    """A portfolio in a Bolt graph server. ``BoltStore("bolt://host:7687/bass")``.

    Credentials come from the URL or ``TRACKER_BOLT_USER`` / ``TRACKER_BOLT_PASSWORD`` and are
    never part of a message.
    """

    def __init__(self, url: str, environ: dict[str, str] | None = None, migrating: bool = False):
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
                # Neo4j warns about properties no node has yet (``lock`` on a new store): expected here.
                notifications_min_severity="OFF",
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise StoreError(f"cannot use the Bolt URL {self.url}: {exc}", f"kan ikke bruge Bolt-URL'en {self.url}: {exc}") from None
        self._schema_ready = False
        #: Opened by ``tracker migrate``: a store in an older model is let through, to be migrated.
        self._migrating = migrating
        self.model = SCHEMA_VERSION
        self._instance = ""
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        self.budget = BATCH_BYTES
        #: Seconds per phase of the last write (``_write_whole``).
        self.last_write: dict[str, float] = {}
        try:
            self._verify()
            self._read(lambda tx: tx.run("RETURN 1 AS ok").single())
            self._ensure_schema()
        except StoreError:
            self._driver.close()
            raise

    # -- plumbing ---------------------------------------------------------------------------

    def _verify(self) -> None:
        """Fail fast, without the driver's retries, when the server is down or refuses us."""
        exc_mod = self._neo4j.exceptions
        try:
            for attempt in range(VERIFY_ATTEMPTS):
                try:
                    self._driver.verify_connectivity()
                    break
                except (exc_mod.ServiceUnavailable, exc_mod.ConnectionAcquisitionTimeoutError) as exc:
                    # A server still starting may leave a handshake unanswered; a refused
                    # connection (nothing listening) is not worth waiting for.
                    if attempt == VERIFY_ATTEMPTS - 1 or "refused" in str(exc).lower():
                        raise exc_mod.ServiceUnavailable(str(exc)) from None
                    time.sleep(0.1 * (attempt + 1))
        except (exc_mod.AuthError, exc_mod.Neo4jError):
            # Connecting runs no query: a server error here is the sign-in.
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

    def _session(self, write: bool) -> Any:
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
            what = (
                " during a write: the change set was applied whole or not at all; run it again to be sure "
                "(a change set applied twice changes nothing)"
            ) if write else ""
            hvad = (
                " under en skrivning: ændringen er skrevet helt eller slet ikke; kør den igen for en sikkerheds skyld "
                "(to gange giver samme resultat)"
            ) if write else ""
            raise StoreError(
                f"cannot reach the Bolt server at {self.url}{what} ({type(exc).__name__})",
                f"mistede forbindelsen til Bolt-serveren {self.url}{hvad} ({type(exc).__name__})",
            ) from None
        except exc_mod.Neo4jError as exc:
            # Before the schema is in place a refusal is most likely a missing permission.
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
        """Create the revision node and the constraints and indexes the reads need."""
        statements = [
            "CREATE CONSTRAINT tracker_item_id IF NOT EXISTS FOR (n:Item) REQUIRE n.id IS UNIQUE",
            "CREATE CONSTRAINT tracker_meta_key IF NOT EXISTS FOR (m:TrackerMeta) REQUIRE m.key IS UNIQUE",
            "CREATE CONSTRAINT tracker_theme_key IF NOT EXISTS FOR (t:Theme) REQUIRE t.key IS UNIQUE",
            "CREATE INDEX tracker_item_revision IF NOT EXISTS FOR (n:Item) ON (n.revision)",
            "CREATE INDEX tracker_audit_revision IF NOT EXISTS FOR (a:AuditEntry) ON (a.revision)",
            "CREATE INDEX tracker_audit_part_revision IF NOT EXISTS FOR (p:AuditPart) ON (p.revision)",
            "CREATE INDEX tracker_audit_data_revision IF NOT EXISTS FOR (d:AuditData) ON (d.revision)",
        ]
        statements += cypher.native_schema()
        for statement in statements:
            self._run_schema(statement)
        found = self._write(
            lambda tx: tx.run(
                "MERGE (m:TrackerMeta {key: $key}) ON CREATE SET m.revision = 0, m.schema = $schema, m.instance = randomUUID() "
                "RETURN coalesce(m.schema, 1) AS schema, m.instance AS instance",
                key=META_KEY,
                schema=SCHEMA_VERSION,
            ).single()
        )
        if found is not None and found["instance"] is None:
            # A store made before stores had an id of their own gets one, once. Only then: a write
            # here on every open would wait behind a long import holding the revision node's lock.
            found = self._write(lambda tx: tx.run(
                "MATCH (m:TrackerMeta {key: $key}) SET m.instance = coalesce(m.instance, randomUUID()) "
                "RETURN coalesce(m.schema, 1) AS schema, m.instance AS instance", key=META_KEY,
            ).single())
        self.model = int(found["schema"]) if found else SCHEMA_VERSION
        self._instance = str(found["instance"]) if found else ""
        self._schema_ready = True
        if self.model > SCHEMA_VERSION:
            raise StoreError(
                f"the Bolt store at {self.url} is in model {self.model}, newer than this tracker's {SCHEMA_VERSION}: update the tracker",
                f"Bolt-lageret {self.url} har model {self.model}, nyere end denne trackers {SCHEMA_VERSION}: opdatér trackeren",
            )
        if self.model < SCHEMA_VERSION and not self._migrating:
            raise StoreError(
                f"the Bolt store at {self.url} is in the old model {self.model}; run 'tracker migrate' to bring it to model {SCHEMA_VERSION}",
                f"Bolt-lageret {self.url} har den gamle model {self.model}; kør 'tracker migrate' for at bringe det til model {SCHEMA_VERSION}",
            )

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
        return Record(row[0], row[1], json.loads(row[3]), row[2], row[4])

    def identity(self) -> str:
        """``bolt:`` and the random id the store was given when it was created (kept on the revision node)."""
        return f"bolt:{self._instance}"

    def revision_stamp(self, revision: int) -> str | None:
        """When and by whom ``revision`` was written, and the random stamp of its write ("" for revision 0)."""
        if revision == 0:
            return ""
        row = self._read(lambda tx: tx.run(
            "MATCH (a:AuditEntry {revision: $r}) RETURN a.at AS at, a.actor AS actor, coalesce(a.stamp, '') AS stamp", r=revision,
        ).single())
        return f"{row['at']} {row['actor']} {row['stamp']}" if row else None

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
        # Rows packed into lists of LOAD_CHUNK on the server; the driver then decodes a few large
        # values instead of one record per element (a third of the time at 100k).
        def read(tx: Any) -> list[Any]:
            return [row for (chunk,) in tx.run(cypher.LOAD_CHUNKED, chunk=LOAD_CHUNK).values() for row in chunk]

        revision, rows = self._consistent(read)
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
        def read(tx: Any) -> tuple[list[Any], list[str]]:
            rows = tx.run(f"MATCH (n:Item) WHERE n.revision > $r RETURN {cypher.ITEM_FIELDS}", r=revision).values()
            parts = tx.run("MATCH (p:AuditPart) WHERE p.revision > $r RETURN p.ops, p.items", r=revision).values()
            ids = list(dict.fromkeys(i for ops, items in parts for op, i in zip(ops, items, strict=True) if op == "delete"))
            present = {row[0] for row in self._lookup(tx, "UNWIND $ids AS id MATCH (n:Item {id: id}) RETURN n.id", ids)}
            return rows, [i for i in ids if i not in present]

        current, (rows, gone) = self._consistent(read)
        return Delta(current, [self._record(r) for r in rows], gone)

    def get(self, ids: Iterable[str]) -> dict[str, Record]:
        wanted = list(dict.fromkeys(ids))
        statement = f"UNWIND $ids AS id MATCH (n:Item {{id: id}}) RETURN {cypher.ITEM_FIELDS}"
        rows = self._read(lambda tx: self._lookup(tx, statement, wanted)) if wanted else []
        return {rec.id: rec for rec in map(self._record, rows)}

    def _kinds(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(ids))
        statement = "UNWIND $ids AS id MATCH (n:Item {id: id}) RETURN n.id, n.kind"
        return dict(self._read(lambda tx: self._lookup(tx, statement, wanted))) if wanted else {}

    def _referrers(self, ids: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
        wanted = list(dict.fromkeys(ids))
        statement = (
            "UNWIND $ids AS id MATCH (n:Item {id: id})-[r]-(s:Item) "
            "WHERE r.holder = s.id RETURN id, s.id, s.kind"
        )
        found: dict[str, list[tuple[str, str]]] = {}
        for target, src, kind in self._read(lambda tx: self._lookup(tx, statement, wanted)) if wanted else []:
            found.setdefault(target, []).append((src, kind))
        return found

    def audit(self, limit: int = 50, item: str | None = None) -> list[AuditEntry]:
        def read(tx: Any) -> list[AuditEntry]:
            if item is None:
                heads = tx.run(
                    "MATCH (a:AuditEntry) RETURN a.revision, a.at, a.actor, a.note "
                    "ORDER BY a.revision DESC LIMIT $limit", limit=limit).values()
            else:
                heads = tx.run(
                    "MATCH (p:AuditPart) WHERE $item IN p.items WITH DISTINCT p.revision AS rev "
                    "MATCH (a:AuditEntry {revision: rev}) RETURN a.revision, a.at, a.actor, a.note "
                    "ORDER BY a.revision DESC LIMIT $limit", item=item, limit=limit).values()
            entries = []
            for rev, at, actor, note in heads:
                parts = tx.run(
                    "MATCH (p:AuditPart {revision: $rev}) RETURN p.ops, p.kinds, p.items ORDER BY p.seq", rev=rev).values()
                changes = [c for ops, kinds, items in parts for c in zip(ops, kinds, items, strict=True)][:1000]
                entries.append(AuditEntry(rev, at, actor, note, changes))
            return entries

        entries: list[AuditEntry] = self._read(read)
        return entries

    def history(self, item: str | None = None, since: int = 0) -> list[ItemChange]:
        def read(tx: Any) -> tuple[list[Any], list[Any], list[Any]]:
            where = "WHERE p.revision > $since" + (" AND $item IN p.items" if item is not None else "")
            parts = tx.run(f"MATCH (p:AuditPart) {where} RETURN p.revision, p.seq, p.ops, p.kinds, p.items "
                           "ORDER BY p.revision, p.seq", since=since, item=item).values()
            revisions = sorted({row[0] for row in parts})
            heads = tx.run("UNWIND $revs AS rev MATCH (a:AuditEntry {revision: rev}) RETURN a.revision, a.at, a.actor, a.note",
                           revs=revisions).values() if revisions else []
            # Two shapes: one node per change and piece (written before 2026-12-07), or many changes
            # per node (``items``, ``sides``, ``texts`` side by side).
            dwhere = "WHERE d.revision > $since" + (" AND (d.item = $item OR $item IN d.items)" if item is not None else "")
            data = tx.run(f"MATCH (d:AuditData) {dwhere} RETURN d.revision, d.seq, d.item, d.side, d.piece, d.text, "
                          "d.items, d.sides, d.texts", since=since, item=item).values()
            return parts, heads, data

        parts, heads, data = self._read(read)
        head = {rev: (at, actor, note) for rev, at, actor, note in heads}
        texts: dict[tuple[int, str, str], dict[int, dict[int, str]]] = {}
        for rev, seq, it, side, piece, text, items, sides, packed in data:
            if items is None:
                texts.setdefault((rev, it, side), {}).setdefault(seq, {})[piece] = text
                continue
            for n, (one, one_side, one_text) in enumerate(zip(items, sides, packed, strict=True)):
                texts.setdefault((rev, one, one_side), {})[seq * PACKED + n] = {0: one_text}

        def fields(rev: int, it: str, side: str, nth: int) -> Any:
            # An item changes at most once per revision; ``nth`` picks among repeats all the same.
            found = texts.get((rev, it, side))
            if not found:
                return None
            seq = sorted(found)[min(nth, len(found) - 1)]
            return json.loads("".join(found[seq][n] for n in sorted(found[seq])))

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
        rows = self._read(lambda tx: tx.run("MATCH (n:Item) RETURN n.kind, count(n)").values())
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
        common = {"key": META_KEY, "token": uuid.uuid4().hex}
        if not self._write_whole(plan, common, old, actor, changes.note):
            return None
        applied.revision = old + 1
        return applied

    def _write_whole(self, plan: Plan, common: dict[str, Any], old: int, actor: str, note: str) -> bool:
        """The change set in one explicit transaction that writes the new state directly.

        The first statement takes the revision node's write lock before reading the
        revision, so a second writer waits there until this transaction ends and then sees the new
        revision. Any failure, a lost connection or a killed server leaves nothing: the transaction
        rolls back. False when the revision moved on before the lock was had.

        The nodes go first, label by label, and return their element ids; every relationship, tag
        and part node then finds its ends by element id, not by an index lookup of ``id``.
        ``last_write`` keeps the seconds of each phase (the benchmark reports them).
        """
        phases = self.last_write = {"rows_s": 0.0, "nodes_s": 0.0, "links_s": 0.0, "audit_s": 0.0, "commit_s": 0.0}
        clock = time.perf_counter()

        def lap(phase: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            phases[phase] += now - clock
            clock = now

        work = write_rows(plan, self.budget)
        params = {**common, "old": old, "new": old + 1}
        nodes: dict[str, str] = {}  # element id (ours) -> element id (Neo4j's) of every node the links touch
        lap("rows_s")

        def run(tx: Any, statement: str, rows: list[Any], size: Callable[[Any], int] | None = None, expected: bool = True) -> None:
            for batch in chunks(rows, self.budget, size):
                got = self._run_checked(tx, statement, {**params, "rows": batch}, len(batch) if expected else None)
                if "ids" in got.keys():
                    nodes.update(got["ids"])

        with self._translated(write=True), self._session(write=True) as session, session.begin_transaction() as tx:
            if tx.run(cypher.LOCK, params).single() is None:
                tx.rollback()
                return False
            run(tx, cypher.DIRECT_UNPART, [u["id"] for u in work.updates] + work.deletes, expected=False)
            run(tx, cypher.DIRECT_UNLINK, [u["id"] for u in work.updates], expected=False)
            run(tx, cypher.DIRECT_DELETES, work.deletes)
            run(tx, cypher.DIRECT_UPDATES, work.updates, work.size)
            for kind, rows in work.creates.items():
                run(tx, cypher.direct_creates(kind), rows, work.size)
            lap("nodes_s")
            ends = {e[end] for rows in work.edges.values() for e in rows for end in ("a", "b")}
            run(tx, cypher.NODE_IDS, sorted(ends - nodes.keys()))
            themes: dict[str, str] = {}
            if work.themes:
                keys = sorted({t["theme"] for t in work.themes})
                themes = dict(self._run_checked(tx, cypher.THEME_NODES, {"rows": [theme_names(k) for k in keys]}, len(keys))["ids"])
                run(tx, cypher.DIRECT_THEMES, [{"id": t["id"], "n": nodes[t["id"]], "th": themes[t["theme"]]} for t in work.themes])
            for relation, edges in work.edges.items():
                statement = cypher.direct_edges(relation)
                run(tx, statement, [{**e, "a": nodes[str(e["a"])], "b": nodes[str(e["b"])]} for e in edges])
            for label, part_rows in work.parts.items():
                run(tx, cypher.direct_parts(label), [{**p, "node": nodes[p["holder"]]} for p in part_rows])
            lap("links_s")
            self._run_checked(tx, cypher.DIRECT_AUDIT, {**params, **self._audit_head(actor, note), "stamp": common["token"]}, 1)
            run(tx, cypher.DIRECT_AUDIT_PARTS, work.audit, lambda a: 40 * len(a["items"]))
            run(tx, cypher.DIRECT_AUDIT_DATA, work.audit_data, lambda d: sum(map(len, d["texts"])))
            won = tx.run(cypher.ADVANCE, params).single()
            if not won or not won["won"]:
                raise self._refused_part()
            lap("audit_s")
            tx.commit()
            lap("commit_s")
        if sum(len(rows) for rows in work.creates.values()) + len(work.updates) < SEARCH_WAIT_BELOW:
            # The full-text index follows commits in the background; an edit or a small import is
            # searchable as soon as ``apply`` returns, a large import moments later.
            self._read(lambda tx: tx.run(cypher.AWAIT_SEARCH).consume())
        return True

    def _audit_head(self, actor: str, note: str) -> dict[str, str]:
        """Who, the note (cut to fit a statement) and when, as the audit entry's parameters."""
        note = note if cost(note) < self.budget // 2 else note[: self.budget // 12]
        return {
            "actor": actor[:200],
            "note": note,
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }

    def _run_checked(self, tx: Any, statement: str, params: dict[str, Any], expected: int | None) -> Any:
        """Run one write statement; its one row, or refused when it wrote another count than ``expected``."""
        got = tx.run(statement, params).single()
        if got is None or (expected is not None and got["n"] != expected):
            raise self._refused_part()
        return got

    def _refused_part(self) -> StoreError:
        return StoreError(
            f"the Bolt store at {self.url} refused part of the write (changed by something other than the tracker?); nothing was written",
            f"Bolt-lageret {self.url} afviste en del af skrivningen (ændret af andet end trackeren?); intet er skrevet",
        )

    # -- server-side queries ---------------------------------------------------------------

    def trace_ids(self, initiative: str) -> dict[str, list[str]]:
        """An initiative's chain answered by Cypher on the server: the ids per kind, sorted.

        The same chain as ``graph.queries.trace`` computes from the in-memory graph; the benchmark
        compares the two.
        """
        statement = (
            # Item:Initiative: the id index is on Item.
            "MATCH (i:Item:Initiative {id: $id}) "
            "OPTIONAL MATCH (i)-[s:SERVES]->(fa:FocusArea) "
            "OPTIONAL MATCH (fa)-[p:PART_OF]->(amb:Ambition) "
            "OPTIONAL MATCH (amb)-[o:OF]->(sp:Specialty) "
            "OPTIONAL MATCH (pre:Prerequisite)-[e:ENABLES]->(fa) "
            "OPTIONAL MATCH (fa)-[a:ADDRESSES]->(ch:Challenge) "
            "OPTIONAL MATCH (fa)-[m:MEASURED_BY]->(ind:Indicator) "
            "RETURN collect(DISTINCT fa.id) AS focus_areas, collect(DISTINCT amb.id) AS ambitions, "
            "collect(DISTINCT sp.id) AS specialties, collect(DISTINCT pre.id) AS prerequisites, "
            "collect(DISTINCT ch.id) AS challenges, collect(DISTINCT ind.id) AS indicators"
        )
        row = self._read(lambda tx: tx.run(statement, id=initiative).single())
        if row is None:
            return {}
        return {key: sorted(v for v in row[key] if v is not None) for key in row.keys()}

