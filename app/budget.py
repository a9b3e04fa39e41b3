"""The hourly request budget: how many requests this desk sent to Plandocket in the last hour.

Plandocket limits requests per API key and hour, and every desk using the key shares that
limit. The server says nothing until the limit is reached (a 429, today without headers),
so the desk keeps its own count and plans its refreshes around it.

The window is a *sliding* hour: a request counts until exactly one hour after it was sent.
Whether the server counts per calendar hour or per sliding hour is not documented; staying
under the limit in every sliding hour also stays under it in every calendar hour, so the
sliding window is the safe assumption.

Persistence: one SQLite table of timestamps per account (no Qt), so a desk restarted mid-rush
still knows what it used. ``journal_mode=WAL`` with ``synchronous=NORMAL``: a commit costs no
fsync, which keeps :meth:`RequestBudget.record` in the tens of microseconds; a power cut can
lose the last few timestamps, which only makes the count briefly optimistic. The budget has
a file of its own rather than sharing the participant cache's: a cache save writes megabytes
under its connection's lock, and ``record`` must never wait behind that.

Threading: one connection shared by all threads, every access under one lock (the outbox's
pattern). ``record`` is called from the API client's ``on_request`` callback on worker threads.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from app.store import sqlite_file

log = logging.getLogger(__name__)

# Requests per hour and API key by plan; None means unlimited.
PLANS: Final[dict[str, int | None]] = {"standard": 1000, "professional": 5000, "enterprise": None}

WINDOW_SECONDS: Final = 3600.0
# Without a Retry-After, a 429 pauses the desk this long before it tries again: long enough
# not to hammer a key other desks have used up, short enough that waiting check-ins go out
# soon after the window frees. Probing costs one request per pause, 12 an hour at most.
DEFAULT_RATE_LIMIT_PAUSE: Final = 300.0
# A window of one hour is free again within one hour: a longer Retry-After is not believed.
MAX_RATE_LIMIT_PAUSE: Final = WINDOW_SECONDS
# Old timestamps are deleted every this many records (and on open), not on every record.
PRUNE_EVERY: Final = 200

SCHEMA_VERSION: Final = 1

_SCHEMA_V1 = """
CREATE TABLE requests (
    account TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX requests_by_account ON requests (account, at);
CREATE TABLE rate_limits (
    account TEXT PRIMARY KEY,
    until REAL NOT NULL,
    guessed INTEGER NOT NULL  -- 1: no Retry-After came, the pause is DEFAULT_RATE_LIMIT_PAUSE
)
"""

# Migrations from version N-1 to N, applied in order on open. Version 1 is the first schema.
_MIGRATIONS: Final[dict[int, str]] = {1: _SCHEMA_V1}


class RequestBudgetError(Exception):
    """The budget file cannot be used (written by a newer version, unwritable)."""


def plan_limit(plan: str) -> int | None:
    """Requests per hour of a plan by name ("standard", "Professional", ...); None: unlimited."""
    try:
        return PLANS[plan.strip().lower()]
    except KeyError:
        known = ", ".join(PLANS)
        raise ValueError(f"unknown Plandocket plan {plan!r} (known: {known})") from None


class RequestBudget:
    """Requests one account sent in the last hour, against the plan's hourly limit.

    ``path`` None keeps the count in memory only (tests, a throw-away session).
    ``limit_per_hour`` None means unlimited (the Enterprise plan).
    """

    def __init__(
        self,
        path: Path | None,
        account: str,
        limit_per_hour: int | None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not account:
            raise ValueError("a request budget needs an account")
        self.path = path
        self.account = account
        self._limit = _checked_limit(limit_per_hour)
        self._clock = clock
        self._lock = threading.Lock()
        self._since_prune = 0
        self._db = self._open()
        self.prune()

    # -- lifecycle ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            db = sqlite_file.connect(":memory:")
            sqlite_file.migrate(
                db, _MIGRATIONS, describe="the request budget memory", error=RequestBudgetError
            )
            return db
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Only timestamps of the last hour are lost if the file is damaged and put aside.
        return sqlite_file.open_or_start_afresh(
            self.path,
            _open_file,
            describe=f"the request budget {self.path}",
            error=RequestBudgetError,
        )

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        with self._lock:
            self._db.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        with self._lock:
            return sqlite_file.schema_version(self._db)

    # -- the limit ---------------------------------------------------------------------------

    @property
    def limit_per_hour(self) -> int | None:
        """Requests per hour the plan allows (None: unlimited)."""
        return self._limit

    @limit_per_hour.setter
    def limit_per_hour(self, value: int | None) -> None:
        # The plan changed (or was corrected): the recorded requests stay, only the cap moves.
        self._limit = _checked_limit(value)

    # -- recording ---------------------------------------------------------------------------

    def record(self, at: float | None = None, *, count: int = 1) -> None:
        """Count ``count`` requests sent at ``at`` (default: now); thread-safe, kept on disk."""
        if count <= 0:
            return
        at = self._clock() if at is None else at
        with self._transaction() as db:
            if count == 1:
                db.execute("INSERT INTO requests (account, at) VALUES (?, ?)", (self.account, at))
            else:
                db.executemany(
                    "INSERT INTO requests (account, at) VALUES (?, ?)",
                    [(self.account, at)] * count,
                )
            self._since_prune += count
            if self._since_prune >= PRUNE_EVERY:
                self._since_prune = 0
                self._delete_old(db, self._clock())

    def note_rate_limited(self, retry_after: float | None, now: float | None = None) -> None:
        """Plandocket answered 429: treat the hour as used up until it may be used again.

        The budget is shared with every desk on the key, so this desk's own count cannot
        tell when it frees. With a ``retry_after`` (seconds; capped at one hour) the pause
        ends then; without one, after :data:`DEFAULT_RATE_LIMIT_PAUSE`, a guess. A running
        pause is only ever lengthened, except that a server's Retry-After replaces a guess:
        the client's ``on_request`` callback sees the 429 before the error with its
        Retry-After reaches the caller.
        """
        now = self._clock() if now is None else now
        if retry_after is None or not math.isfinite(retry_after):
            guessed, pause = True, DEFAULT_RATE_LIMIT_PAUSE
        else:
            guessed, pause = False, min(max(0.0, retry_after), MAX_RATE_LIMIT_PAUSE)
        until = now + pause
        with self._transaction() as db:
            row = db.execute(
                "SELECT until, guessed FROM rate_limits WHERE account = ?", (self.account,)
            ).fetchone()
            if row is not None:
                running_until, running_guessed = float(row[0]), bool(row[1])
                replaces_guess = running_guessed and not guessed
                if running_until >= until and not replaces_guess:
                    return  # a running pause already lasts at least as long
            db.execute(
                "INSERT INTO rate_limits (account, until, guessed) VALUES (?, ?, ?) "
                "ON CONFLICT (account) DO UPDATE SET until = excluded.until, "
                "guessed = excluded.guessed",
                (self.account, until, int(guessed)),
            )

    def clear_rate_limit(self) -> None:
        """Forget a 429 pause (a request went through after all, or the plan was upgraded)."""
        with self._transaction() as db:
            db.execute("DELETE FROM rate_limits WHERE account = ?", (self.account,))

    def prune(self) -> int:
        """Delete timestamps older than an hour (of every account); returns how many."""
        with self._transaction() as db:
            return self._delete_old(db, self._clock())

    # -- reading -----------------------------------------------------------------------------

    def used(self, now: float | None = None) -> int:
        """Requests sent in the hour up to ``now``."""
        now = self._clock() if now is None else now
        with self._lock:
            (count,) = self._db.execute(
                "SELECT COUNT(*) FROM requests WHERE account = ? AND at > ?",
                (self.account, now - WINDOW_SECONDS),
            ).fetchone()
        return int(count)

    def remaining(self, now: float | None = None) -> int | None:
        """Requests still allowed in the hour up to ``now``; None: unlimited.

        0 while a 429 pause runs, whatever this desk's own count says.
        """
        now = self._clock() if now is None else now
        if self.is_rate_limited(now):
            return 0
        limit = self._limit
        if limit is None:
            return None
        return max(0, limit - self.used(now))

    def seconds_until_available(self, n: int = 1, now: float | None = None) -> float:
        """Seconds until ``n`` more requests fit in the window: 0 if they fit now.

        ``math.inf`` when they can never fit (``n`` above the hourly limit). An unlimited
        plan only waits for a running 429 pause.
        """
        now = self._clock() if now is None else now
        paused = max(0.0, self._rate_limited_until(now) - now)
        limit = self._limit
        if n <= 0 or limit is None:
            return paused
        if n > limit:
            return math.inf
        with self._lock:
            (used,) = self._db.execute(
                "SELECT COUNT(*) FROM requests WHERE account = ? AND at > ?",
                (self.account, now - WINDOW_SECONDS),
            ).fetchone()
            must_expire = int(used) + n - limit
            if must_expire <= 0:
                return paused
            # The must_expire-th oldest request in the window frees the last needed slot.
            (at,) = self._db.execute(
                "SELECT at FROM requests WHERE account = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?",
                (self.account, now - WINDOW_SECONDS, must_expire - 1),
            ).fetchone()
        return max(paused, float(at) + WINDOW_SECONDS - now)

    def is_rate_limited(self, now: float | None = None) -> bool:
        """Whether a 429 pause is running."""
        now = self._clock() if now is None else now
        return self._rate_limited_until(now) > now

    def rate_limited_until(self) -> float | None:
        """When the last 429 pause ends (None: never noted, or cleared)."""
        with self._lock:
            row = self._db.execute(
                "SELECT until FROM rate_limits WHERE account = ?", (self.account,)
            ).fetchone()
        return None if row is None else float(row[0])

    def timestamps(self, now: float | None = None) -> list[float]:
        """When the requests of the hour up to ``now`` were sent, oldest first (for planning)."""
        now = self._clock() if now is None else now
        with self._lock:
            rows = self._db.execute(
                "SELECT at FROM requests WHERE account = ? AND at > ? ORDER BY at",
                (self.account, now - WINDOW_SECONDS),
            ).fetchall()
        return [float(at) for (at,) in rows]

    # -- helpers -----------------------------------------------------------------------------

    def _rate_limited_until(self, now: float) -> float:
        until = self.rate_limited_until()
        return now if until is None else until

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, sqlite_file.write_transaction(self._db) as db:
            yield db

    @staticmethod
    def _delete_old(db: sqlite3.Connection, now: float) -> int:
        return db.execute("DELETE FROM requests WHERE at <= ?", (now - WINDOW_SECONDS,)).rowcount


def _checked_limit(value: int | None) -> int | None:
    if value is not None and (isinstance(value, bool) or value < 0):
        raise ValueError(f"an hourly request limit must be a count or None, not {value!r}")
    return value


def _open_file(path: Path) -> sqlite3.Connection:
    return sqlite_file.open_migrated(
        path,
        _MIGRATIONS,
        pragmas=("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"),
        describe=f"the request budget {path}",
        error=RequestBudgetError,
    )
