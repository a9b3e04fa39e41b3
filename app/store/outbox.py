"""The outbox: every write to Plandocket, durable in SQLite before anyone calls it pending.

Threading: one ``sqlite3`` connection shared by all threads, every access under one lock.
WAL would let several connections read in parallel, but the outbox's queries are tiny and
its writes are serialised by SQLite anyway; one connection and one lock give the same
throughput without "database is locked" retries, and make each method atomic.

Durability: ``journal_mode=WAL`` with ``synchronous=FULL``, so a method that writes has
reached the disk (the WAL is fsynced) when it returns, and a kill -9 at any point loses
nothing that a method already returned.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from app.store import sqlite_file
from app.store.operations import (
    Operation,
    OperationKind,
    OperationState,
)

SCHEMA_VERSION: Final = 1
# Done and discarded operations are kept this long for diagnostics, then purged.
KEEP_FINISHED_SECONDS: Final = 7 * 24 * 3600

_TEMP_COUNTER = "temporary_row_id"

_SCHEMA_V1 = """
CREATE TABLE operations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: never reused after a purge
    op_id TEXT NOT NULL UNIQUE,
    account TEXT NOT NULL,
    kind TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    participant_id INTEGER,
    event_key TEXT,
    customer_number TEXT,
    is_confirmed INTEGER,
    label TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    last_error TEXT,
    error_fields TEXT NOT NULL DEFAULT '{}',
    maybe_applied INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX operations_by_state ON operations (account, state, seq);
CREATE INDEX operations_by_row ON operations (account, row_id, seq);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO counters (name, value) VALUES ('temporary_row_id', -1);
-- Queued operations that are first in line for their row: no earlier operation of the
-- row is unfinished (queued, sending or problem). This is the FIFO per row that keeps
-- "confirm, then unconfirm" from reaching the server the other way round.
CREATE VIEW sendable AS
SELECT * FROM operations
WHERE state = 'queued' AND NOT EXISTS (
    SELECT 1 FROM operations AS earlier
    WHERE earlier.account = operations.account
      AND earlier.row_id = operations.row_id
      AND earlier.seq < operations.seq
      AND earlier.state IN ('queued', 'sending', 'problem')
);
"""

# Migrations from version N-1 to N, applied in order on open. Version 1 is the first schema.
_MIGRATIONS: Final[dict[int, str]] = {1: _SCHEMA_V1}


@dataclass(frozen=True, slots=True)
class PlannedAdd:
    """An add to queue with :meth:`Outbox.enqueue_adds`."""

    event_key: str
    customer_number: str
    is_confirmed: bool | None
    label: str


class OutboxError(Exception):
    """The outbox file cannot be used (newer schema, not a database, unwritable)."""


class OperationStateError(ValueError):
    """An operation is not in a state that allows the requested change."""


class Outbox:
    """Durable queue of writes, per account, FIFO per participant row."""

    def __init__(self, path: str | Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite_file.connect(self.path)
        except sqlite3.Error as error:
            raise OutboxError(f"cannot open the outbox {self.path}: {error}") from error
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            sqlite_file.migrate(
                self._db, _MIGRATIONS, describe=f"the outbox {self.path}", error=OutboxError
            )
        except OutboxError:
            self._db.close()
            raise
        except sqlite3.DatabaseError as error:
            self._db.close()
            # Never delete or recreate it: the file may hold changes nobody delivered yet.
            raise OutboxError(f"the outbox {self.path} cannot be read: {error}") from error
        self.purge()

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database (safe to call twice; later calls raise sqlite3 errors)."""
        with self._lock:
            self._db.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        with self._lock:
            return sqlite_file.schema_version(self._db)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the lock; committed (and fsynced) on leaving."""
        with self._lock, sqlite_file.write_transaction(self._db) as db:
            yield db

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Operation]:
        with self._lock:
            rows = self._db.execute(sql, params).fetchall()
        return [_operation_from(row) for row in rows]

    # -- writing -----------------------------------------------------------------------------

    def new_temporary_row_id(self) -> int:
        """A negative row id for a participant not created yet; durable, never handed out twice."""
        with self._transaction() as db:
            (value,) = db.execute(
                "SELECT value FROM counters WHERE name = ?", (_TEMP_COUNTER,)
            ).fetchone()
            db.execute("UPDATE counters SET value = ? WHERE name = ?", (value - 1, _TEMP_COUNTER))
        return int(value)

    def enqueue(
        self,
        *,
        account: str,
        kind: OperationKind | str,
        row_id: int,
        label: str,
        participant_id: int | None = None,
        event_key: str | None = None,
        customer_number: str | None = None,
        is_confirmed: bool | None = None,
    ) -> Operation:
        """Queue a write; it is on disk when this returns, so the table may show it pending.

        ``account`` is the normalised base URL (``PlandocketClient.base_url``). For a row
        that exists on the server, ``row_id`` is its participant id. An ``add`` gets a row id
        from :meth:`new_temporary_row_id`; later operations on that row pass the same
        temporary id and wait for the add (its real id is filled in when it is delivered).
        """
        kind = OperationKind(kind)
        if not account:
            raise ValueError("an operation needs an account")
        if kind is OperationKind.CONFIRM:
            is_confirmed = _target(is_confirmed, wanted=True, kind=kind)
        elif kind is OperationKind.UNCONFIRM:
            is_confirmed = _target(is_confirmed, wanted=False, kind=kind)
        elif kind is OperationKind.ADD:
            if row_id >= 0:
                raise ValueError("an add needs a temporary (negative) row id")
            if not event_key or not customer_number:
                raise ValueError("an add needs an event key and a customer number")
        elif kind is OperationKind.UPDATE and (
            event_key is None and customer_number is None and is_confirmed is None
        ):
            raise ValueError("an update needs at least one field to change")

        now = self._clock()
        op_id = uuid.uuid4().hex
        with self._transaction() as db:
            if kind is not OperationKind.ADD:
                row_id, participant_id = self._resolve_row(db, account, row_id, participant_id)
            db.execute(
                "INSERT INTO operations (op_id, account, kind, row_id, participant_id, "
                "event_key, customer_number, is_confirmed, label, state, attempts, "
                "next_attempt_at, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)",
                (
                    op_id,
                    account,
                    kind.value,
                    row_id,
                    participant_id,
                    event_key,
                    customer_number,
                    None if is_confirmed is None else int(is_confirmed),
                    label,
                    now,
                    now,
                    now,
                ),
            )
            return self._get(db, op_id)

    def enqueue_adds(self, account: str, adds: Sequence[PlannedAdd]) -> list[Operation]:
        """Queue several adds in one transaction (an import); each gets a temporary row id.

        One fsync for the lot instead of two per add; all or none are queued. Returns the
        operations in the order of ``adds``.
        """
        if not account:
            raise ValueError("an operation needs an account")
        for add in adds:
            if not add.event_key or not add.customer_number:
                raise ValueError("an add needs an event key and a customer number")
        if not adds:
            return []
        now = self._clock()
        op_ids = [uuid.uuid4().hex for _ in adds]
        with self._transaction() as db:
            (first,) = db.execute(
                "SELECT value FROM counters WHERE name = ?", (_TEMP_COUNTER,)
            ).fetchone()
            db.execute(
                "UPDATE counters SET value = ? WHERE name = ?", (first - len(adds), _TEMP_COUNTER)
            )
            db.executemany(
                "INSERT INTO operations (op_id, account, kind, row_id, participant_id, "
                "event_key, customer_number, is_confirmed, label, state, attempts, "
                "next_attempt_at, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)",
                [
                    (
                        op_id,
                        account,
                        OperationKind.ADD.value,
                        first - offset,
                        add.event_key,
                        add.customer_number,
                        None if add.is_confirmed is None else int(add.is_confirmed),
                        add.label,
                        now,
                        now,
                        now,
                    )
                    for offset, (op_id, add) in enumerate(zip(op_ids, adds, strict=True))
                ],
            )
            return [self._get(db, op_id) for op_id in op_ids]

    def _resolve_row(
        self, db: sqlite3.Connection, account: str, row_id: int, participant_id: int | None
    ) -> tuple[int, int | None]:
        """Row and participant id of a non-add operation (a delivered add lends its real id)."""
        if row_id > 0:
            if participant_id is not None and participant_id != row_id:
                raise ValueError(f"row {row_id} is participant {row_id}, not {participant_id}")
            return row_id, row_id
        if row_id == 0:
            raise ValueError("row id 0 names no participant")
        add = db.execute(
            "SELECT * FROM operations WHERE account = ? AND row_id = ? AND kind = ? "
            "ORDER BY seq LIMIT 1",
            (account, row_id, OperationKind.ADD.value),
        ).fetchone()
        if add is None:
            raise ValueError(f"no add is queued for the temporary row {row_id}")
        add_op = _operation_from(add)
        if add_op.state is OperationState.DISCARDED:
            raise ValueError(f"the add of the temporary row {row_id} was discarded")
        if add_op.state is OperationState.DONE and add_op.participant_id is not None:
            # The add was delivered while the caller still showed the temporary row.
            return add_op.participant_id, add_op.participant_id
        return row_id, None

    def mark_sending(self, op_id: str) -> Operation | None:
        """Claim a queued operation for sending; ``None`` if it is no longer queued.

        Committed before the request goes out: after a crash, ``sending`` says the server
        may have seen it, so recovery checks before sending again.
        """
        with self._transaction() as db:
            changed = db.execute(
                "UPDATE operations SET state = 'sending', updated_at = ? "
                "WHERE op_id = ? AND state = 'queued'",
                (self._clock(), op_id),
            ).rowcount
            return self._get(db, op_id) if changed else None

    def mark_done(self, op_id: str, participant_id: int | None = None) -> Operation:
        """Record that the server applied the operation.

        For an add, ``participant_id`` is the server's id of the new participant: it is
        copied (as row id and participant id) onto later operations of the temporary row.
        """
        with self._transaction() as db:
            op = self._require(db, op_id, (OperationState.QUEUED, OperationState.SENDING))
            final_id = participant_id if participant_id is not None else op.participant_id
            db.execute(
                "UPDATE operations SET state = 'done', participant_id = ?, maybe_applied = 0, "
                "error_fields = '{}', updated_at = ? WHERE op_id = ?",
                (final_id, self._clock(), op_id),
            )
            if op.kind is OperationKind.ADD and op.row_id < 0 and final_id is not None:
                db.execute(
                    "UPDATE operations SET row_id = ?, participant_id = ?, updated_at = ? "
                    "WHERE account = ? AND row_id = ? AND seq > ? "
                    "AND state IN ('queued', 'sending', 'problem')",
                    (final_id, final_id, self._clock(), op.account, op.row_id, op.seq),
                )
            return self._get(db, op_id)

    def mark_retry(
        self,
        op_id: str,
        error_text: str,
        next_attempt_at: float,
        *,
        maybe_applied: bool = False,
    ) -> Operation:
        """Back to the queue after a failed attempt, due again at ``next_attempt_at``.

        ``maybe_applied`` (the attempt may have reached the server) sticks until the
        operation is done: the next attempt verifies before it sends.
        """
        with self._transaction() as db:
            self._require(db, op_id, (OperationState.QUEUED, OperationState.SENDING))
            db.execute(
                "UPDATE operations SET state = 'queued', attempts = attempts + 1, "
                "next_attempt_at = ?, last_error = ?, maybe_applied = MAX(maybe_applied, ?), "
                "updated_at = ? WHERE op_id = ?",
                (next_attempt_at, error_text, int(maybe_applied), self._clock(), op_id),
            )
            return self._get(db, op_id)

    def release(
        self, op_id: str, error_text: str | None = None, *, maybe_applied: bool = False
    ) -> Operation:
        """Back to the queue without counting an attempt (the key was refused, app closing)."""
        with self._transaction() as db:
            op = self._require(db, op_id, (OperationState.QUEUED, OperationState.SENDING))
            db.execute(
                "UPDATE operations SET state = 'queued', last_error = ?, "
                "maybe_applied = MAX(maybe_applied, ?), updated_at = ? WHERE op_id = ?",
                (
                    error_text if error_text is not None else op.last_error,
                    int(maybe_applied),
                    self._clock(),
                    op_id,
                ),
            )
            return self._get(db, op_id)

    def mark_problem(
        self,
        op_id: str,
        error_text: str,
        error_fields: dict[str, list[str]] | None = None,
    ) -> Operation:
        """Put the operation in the Problems list: it needs a person to retry or discard it."""
        with self._transaction() as db:
            self._require(db, op_id, (OperationState.QUEUED, OperationState.SENDING))
            db.execute(
                "UPDATE operations SET state = 'problem', attempts = attempts + 1, "
                "last_error = ?, error_fields = ?, updated_at = ? WHERE op_id = ?",
                (error_text, json.dumps(error_fields or {}), self._clock(), op_id),
            )
            return self._get(db, op_id)

    def retry_problem(self, op_id: str) -> Operation:
        """A person asked to try a problem again: queue it, due now, with a fresh backoff."""
        now = self._clock()
        with self._transaction() as db:
            self._require(db, op_id, (OperationState.PROBLEM,))
            db.execute(
                "UPDATE operations SET state = 'queued', attempts = 0, next_attempt_at = ?, "
                "updated_at = ? WHERE op_id = ?",
                (now, now, op_id),
            )
            return self._get(db, op_id)

    def discard(self, op_id: str) -> list[Operation]:
        """Give up a queued or problem operation; returns every operation discarded.

        Discarding an add also discards the later operations of its temporary row: the
        participant they were meant for will never exist.
        """
        with self._transaction() as db:
            op = self._require(db, op_id, (OperationState.QUEUED, OperationState.PROBLEM))
            now = self._clock()
            targets = [op.op_id]
            if op.kind is OperationKind.ADD and op.row_id < 0:
                rows = db.execute(
                    "SELECT op_id FROM operations WHERE account = ? AND row_id = ? "
                    "AND seq > ? AND state IN ('queued', 'problem') ORDER BY seq",
                    (op.account, op.row_id, op.seq),
                ).fetchall()
                targets.extend(row[0] for row in rows)
            db.executemany(
                "UPDATE operations SET state = 'discarded', updated_at = ? WHERE op_id = ?",
                [(now, target) for target in targets],
            )
            return [self._get(db, target) for target in targets]

    def make_due(self, account: str) -> int:
        """Make every queued operation of the account due now; returns how many."""
        now = self._clock()
        with self._transaction() as db:
            return db.execute(
                "UPDATE operations SET next_attempt_at = ? "
                "WHERE account = ? AND state = 'queued' AND next_attempt_at > ?",
                (now, account, now),
            ).rowcount

    def recover_interrupted(self, account: str, keep: Collection[str] = ()) -> list[Operation]:
        """Queue again the operations a crash left ``sending`` (except those in ``keep``).

        They are marked ``maybe_applied``: the request may have reached the server, so the
        next attempt checks the server's state before sending anything.
        """
        with self._transaction() as db:
            rows = db.execute(
                "SELECT op_id FROM operations WHERE account = ? AND state = 'sending' ORDER BY seq",
                (account,),
            ).fetchall()
            targets = [row[0] for row in rows if row[0] not in keep]
            db.executemany(
                "UPDATE operations SET state = 'queued', maybe_applied = 1, updated_at = ? "
                "WHERE op_id = ?",
                [(self._clock(), target) for target in targets],
            )
            return [self._get(db, target) for target in targets]

    def purge(self, max_age: float = KEEP_FINISHED_SECONDS) -> int:
        """Delete done and discarded operations older than ``max_age`` seconds."""
        with self._transaction() as db:
            return db.execute(
                "DELETE FROM operations WHERE state IN ('done', 'discarded') AND updated_at < ?",
                (self._clock() - max_age,),
            ).rowcount

    # -- reading -----------------------------------------------------------------------------

    def get(self, op_id: str) -> Operation | None:
        """One operation by id, or ``None``."""
        found = self._query("SELECT * FROM operations WHERE op_id = ?", (op_id,))
        return found[0] if found else None

    def next_due(
        self, account: str, now: float | None = None, exclude_rows: Collection[int] = ()
    ) -> Operation | None:
        """The oldest queued operation of the account that may be sent now.

        Due (``next_attempt_at <= now``), first unfinished operation of its row, and its
        row not in ``exclude_rows`` (the rows the caller has in flight).
        """
        now = self._clock() if now is None else now
        found = self._query(
            "SELECT * FROM sendable WHERE account = ? AND next_attempt_at <= ? "
            "AND row_id NOT IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT 1",
            (account, now, json.dumps(sorted(exclude_rows))),
        )
        return found[0] if found else None

    def next_wakeup(self, account: str, exclude_rows: Collection[int] = ()) -> float | None:
        """When the next operation of the account becomes sendable (``None``: nothing waits)."""
        with self._lock:
            (value,) = self._db.execute(
                "SELECT MIN(next_attempt_at) FROM sendable WHERE account = ? "
                "AND row_id NOT IN (SELECT value FROM json_each(?))",
                (account, json.dumps(sorted(exclude_rows))),
            ).fetchone()
        return None if value is None else float(value)

    def pending(self, account: str) -> list[Operation]:
        """Queued and sending operations of the account, oldest first."""
        return self._query(
            "SELECT * FROM operations WHERE account = ? AND state IN ('queued', 'sending') "
            "ORDER BY seq",
            (account,),
        )

    def problems(self, account: str) -> list[Operation]:
        """Operations of the account that need a person, oldest first."""
        return self._by_state(account, OperationState.PROBLEM)

    def interrupted(self, account: str) -> list[Operation]:
        """Operations of the account marked ``sending`` (after a crash: maybe applied)."""
        return self._by_state(account, OperationState.SENDING)

    def pending_count(self, account: str) -> int:
        """How many operations of the account are queued or sending."""
        with self._lock:
            (count,) = self._db.execute(
                "SELECT COUNT(*) FROM operations WHERE account = ? "
                "AND state IN ('queued', 'sending')",
                (account,),
            ).fetchone()
        return int(count)

    def operations(self, account: str | None = None) -> list[Operation]:
        """Every stored operation (of one account, or all), oldest first: for diagnostics."""
        if account is None:
            return self._query("SELECT * FROM operations ORDER BY seq")
        return self._query("SELECT * FROM operations WHERE account = ? ORDER BY seq", (account,))

    def _by_state(self, account: str, state: OperationState) -> list[Operation]:
        return self._query(
            "SELECT * FROM operations WHERE account = ? AND state = ? ORDER BY seq",
            (account, state.value),
        )

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _get(db: sqlite3.Connection, op_id: str) -> Operation:
        row = db.execute("SELECT * FROM operations WHERE op_id = ?", (op_id,)).fetchone()
        if row is None:
            raise KeyError(op_id)
        return _operation_from(row)

    def _require(
        self, db: sqlite3.Connection, op_id: str, allowed: Collection[OperationState]
    ) -> Operation:
        op = self._get(db, op_id)
        if op.state not in allowed:
            wanted = ", ".join(state.value for state in allowed)
            raise OperationStateError(f"operation {op_id} is {op.state.value}, not {wanted}")
        return op


def _target(given: bool | None, *, wanted: bool, kind: OperationKind) -> bool:
    if given is not None and given is not wanted:
        raise ValueError(f"a {kind.value} sets is_confirmed to {wanted}")
    return wanted


def _operation_from(row: sqlite3.Row) -> Operation:
    fields = json.loads(row["error_fields"] or "{}")
    participant_id = row["participant_id"]
    is_confirmed = row["is_confirmed"]
    return Operation(
        op_id=row["op_id"],
        account=row["account"],
        kind=OperationKind(row["kind"]),
        row_id=int(row["row_id"]),
        participant_id=None if participant_id is None else int(participant_id),
        event_key=row["event_key"],
        customer_number=row["customer_number"],
        is_confirmed=None if is_confirmed is None else bool(is_confirmed),
        label=row["label"],
        state=OperationState(row["state"]),
        attempts=int(row["attempts"]),
        next_attempt_at=float(row["next_attempt_at"]),
        last_error=row["last_error"],
        error_fields={str(name): [str(m) for m in messages] for name, messages in fields.items()},
        created_at=float(row["created_at"]),
        updated_at=float(row["updated_at"]),
        seq=int(row["seq"]),
        maybe_applied=bool(row["maybe_applied"]),
    )
