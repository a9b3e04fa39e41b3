"""The app's SQLite files (outbox, participant cache, request budget): open, migrate, recover.

One way to connect, to run a write transaction, to bring a file to the current schema and
to put a damaged file aside, so the three stores cannot drift apart in how they do it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)


def connect(target: str | Path) -> sqlite3.Connection:
    """A connection usable from any thread (callers serialise access with their own lock)."""
    # isolation_level=None: no implicit transactions; each write opens its own.
    return sqlite3.connect(str(target), isolation_level=None, check_same_thread=False, timeout=10.0)


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed on leaving, rolled back on any exception."""
    # IMMEDIATE takes the write lock up front, so two processes on one file wait for each
    # other instead of failing half-way through.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def schema_version(db: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new one)."""
    (version,) = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return 0 if version is None else int(version)


def migrate(
    db: sqlite3.Connection,
    migrations: Mapping[int, str],
    *,
    describe: str,
    error: type[Exception],
) -> None:
    """Bring the file to the newest schema in ``migrations`` (version -> SQL script).

    A file written by a newer app raises ``error`` rather than being touched.
    """
    newest = max(migrations)
    with write_transaction(db):
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        version = schema_version(db)
        if version > newest:
            raise error(
                f"{describe} was written by a newer version of the app "
                f"(schema {version}, this version knows {newest})"
            )
        for target in range(version + 1, newest + 1):
            for statement in migrations[target].split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (target,))


def open_migrated(
    target: str | Path,
    migrations: Mapping[int, str],
    *,
    pragmas: Sequence[str],
    describe: str,
    error: type[Exception],
) -> sqlite3.Connection:
    """Connect, apply ``pragmas`` and migrate; the connection is closed if any step fails."""
    db = connect(target)
    try:
        for pragma in pragmas:
            db.execute(pragma)
        migrate(db, migrations, describe=describe, error=error)
    except BaseException:
        db.close()
        raise
    return db


def open_or_start_afresh(
    path: Path,
    opener: Callable[[Path], sqlite3.Connection],
    *,
    describe: str,
    error: type[Exception],
) -> sqlite3.Connection:
    """Open a file that holds nothing the server does not; a damaged one is put aside.

    Not for the outbox: it may hold changes nobody delivered yet and is never recreated.
    """
    try:
        return opener(path)
    except error:
        raise
    except sqlite3.OperationalError as failure:  # cannot open, read-only, locked, ...
        raise error(f"cannot open {describe}: {failure}") from failure
    except sqlite3.DatabaseError as failure:  # not a database, or a damaged one
        # Start afresh rather than refuse to run; the damaged file is kept beside it.
        log.warning("%s is unreadable (%s); starting afresh", describe, failure)
        move_aside(path)
    try:
        return opener(path)
    except sqlite3.Error as failure:
        raise error(f"cannot open {describe}: {failure}") from failure


def move_aside(path: Path) -> None:
    """Rename a damaged database (and its WAL and shared-memory files) to ``*.unreadable``."""
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{path}.unreadable{suffix}"))
