"""The desk's offline copy of an event's participant list, per account and event, in SQLite.

It is a cache: Plandocket is the truth and the outbox holds the desk's writes, so a lost or
damaged copy costs a reload, never data. Hence ``synchronous=NORMAL`` (no fsync per commit)
and a damaged snapshot is dropped rather than reported.

Layout: one compressed blob per snapshot, plus a small *overlay* table of changed rows.

- A snapshot is stored as a single zlib-compressed pickle, not as 100,000 rows: writing and
  reading one blob is a few dozen milliseconds of SQLite, and the rest is (un)pickling.
  The pickle holds plain tuples (participant fields, contact fields) rather than the domain
  objects: tuples of strings and numbers are (un)pickled entirely in C, while a domain
  object costs a Python ``__reduce__`` call each. Events and categories, shared by every row,
  are pickled once each as objects. The blob starts with the field names it was written
  with; a blob written for other fields (the domain types changed) is unreadable, dropped,
  and fetched again.
- Rewriting a 100k snapshot costs a few hundred milliseconds, too much every few check-ins.
  :meth:`ParticipantCache.update` therefore upserts the changed rows into ``overlay`` (one
  small row per participant, microseconds each); :meth:`ParticipantCache.load` lays them
  over the snapshot. When the overlay of an event grows past ``fold_threshold`` rows (a big
  confirmed-only refresh), it is folded into the blob once, which keeps loading fast.
- :meth:`ParticipantCache.save` drops the overlay rows stored before the new snapshot was
  fetched (the server already had them), and keeps later ones: they may be newer than it.

Unpickling runs through an allow-list of classes (domain types, dates): a cache file planted
by someone else cannot make the desk run code.

Threading: one ``sqlite3`` connection shared by all threads, every access under one lock (the
outbox's pattern). Encoding and decoding, the slow part, happen outside the lock.
"""

from __future__ import annotations

import gc
import io
import logging
import pickle
import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from operator import attrgetter
from pathlib import Path
from typing import Any, Final, TypeVar

from app.domain import Category, Contact, Event, Participant
from app.store import sqlite_file

log = logging.getLogger(__name__)

T = TypeVar("T")

SCHEMA_VERSION: Final = 1
# Overlay rows per event beyond which they are folded into the snapshot blob. Laying 2,000
# rows over a snapshot costs ~40 ms on load; folding costs one decode plus one encode.
FOLD_THRESHOLD: Final = 2000
PICKLE_PROTOCOL: Final = 5
# Level 1: a third of the size of the raw pickle, at a fraction of the cost of higher levels.
ZLIB_LEVEL: Final = 1

_SCHEMA_V1 = """
CREATE TABLE snapshots (
    account TEXT NOT NULL,
    event_key TEXT NOT NULL,
    fetched_at REAL NOT NULL,
    row_count INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (account, event_key)
);
CREATE TABLE overlay (
    account TEXT NOT NULL,
    event_key TEXT NOT NULL,
    participant_id INTEGER NOT NULL,
    stored_at REAL NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (account, event_key, participant_id)
)
"""

# Migrations from version N-1 to N, applied in order on open. Version 1 is the first schema.
_MIGRATIONS: Final[dict[int, str]] = {1: _SCHEMA_V1}

# The fields of every type a blob holds, in the order it holds them. Written into each blob:
# a blob from a version of the app with other fields is refused, not misread.
_LAYOUT: Final = tuple(
    (kind.__name__, tuple(kind.__slots__)) for kind in (Participant, Contact, Event, Category)
)
_PARTICIPANT_FIELDS: Final[tuple[str, ...]] = tuple(Participant.__slots__)
_participant_fields_of = attrgetter(*(name for name in _PARTICIPANT_FIELDS if name != "contact"))
_contact_fields_of = attrgetter(*Contact.__slots__)
_contact_of = attrgetter("contact")
_id_of = attrgetter("id")

# Everything a blob may name. Anything else (os.system, ...) makes the blob unreadable.
_ALLOWED_CLASSES: Final = {
    ("app.domain", "Event"): Event,
    ("app.domain", "Category"): Category,
    ("app.domain", "Contact"): Contact,
    ("app.domain", "Participant"): Participant,
    ("datetime", "datetime"): datetime,
    ("datetime", "date"): date,
    ("datetime", "timezone"): timezone,
    ("datetime", "timedelta"): timedelta,
}


class ParticipantCacheError(Exception):
    """The cache file cannot be used (written by a newer version, unwritable)."""


class UnreadableSnapshotError(ValueError):
    """A stored snapshot cannot be decoded (damaged, or written for other fields)."""


@dataclass(frozen=True, slots=True)
class CachedList:
    """An event's participant list as last fetched, with the desk's later changes laid over."""

    participants: list[Participant]
    fetched_at: float


class ParticipantCache:
    """Offline copies of participant lists, one per account and event."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], float] = time.time,
        fold_threshold: int = FOLD_THRESHOLD,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._fold_threshold = max(1, fold_threshold)
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._open()

    # -- lifecycle ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        # A cache holds nothing the server does not: a damaged file is put aside.
        return sqlite_file.open_or_start_afresh(
            self.path,
            _open_file,
            describe=f"the participant cache {self.path}",
            error=ParticipantCacheError,
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

    # -- writing -----------------------------------------------------------------------------

    def save(
        self,
        account: str,
        event_key: str,
        participants: Sequence[Participant],
        *,
        fetched_at: float,
    ) -> None:
        """Replace the snapshot of an event with a freshly fetched list.

        ``fetched_at`` is when the list was read from the server; best the moment the fetch
        *started*, so changes the desk stored while it ran stay laid over it. A save older
        than the stored snapshot (two refreshes finishing out of order) changes nothing.
        """
        data = encode_participants(participants)  # outside the lock: the slow part
        with self._transaction() as db:
            db.execute(
                "INSERT INTO snapshots (account, event_key, fetched_at, row_count, data) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, event_key) DO UPDATE SET "
                "fetched_at = excluded.fetched_at, row_count = excluded.row_count, "
                "data = excluded.data WHERE excluded.fetched_at >= snapshots.fetched_at",
                (account, event_key, fetched_at, len(participants), data),
            )
            db.execute(
                "DELETE FROM overlay WHERE account = ? AND event_key = ? AND stored_at <= ?",
                (account, event_key, fetched_at),
            )

    def update(self, account: str, event_key: str, participants: Sequence[Participant]) -> None:
        """Lay changed rows over the snapshot (matched by id; new ids are added at the end).

        Fields a row leaves unknown (``None``) keep their stored value, as in
        :meth:`Participant.merged_onto`: a write's partial answer does not erase the name.
        Cheap for a handful of rows; a large batch is folded into the snapshot at once.
        """
        if not participants:
            return
        now = self._clock()
        changed: dict[int, Participant] = {}
        for participant in participants:
            earlier = changed.get(participant.id)
            changed[participant.id] = (
                participant if earlier is None else participant.merged_onto(earlier)
            )
        if len(changed) > self._fold_threshold and self._fold(account, event_key, changed.values()):
            return
        with self._transaction() as db:
            stored = self._overlay_rows(db, account, event_key, changed)
            rows = []
            for participant_id, participant in changed.items():
                earlier = stored.get(participant_id)
                merged = participant if earlier is None else participant.merged_onto(earlier)
                rows.append(
                    (account, event_key, participant_id, now, encode_participants([merged]))
                )
            db.executemany(
                "INSERT INTO overlay (account, event_key, participant_id, stored_at, data) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, event_key, participant_id) "
                "DO UPDATE SET stored_at = excluded.stored_at, data = excluded.data",
                rows,
            )
            (count,) = db.execute(
                "SELECT COUNT(*) FROM overlay WHERE account = ? AND event_key = ?",
                (account, event_key),
            ).fetchone()
        if count > self._fold_threshold:
            self._fold(account, event_key)

    def _fold(self, account: str, event_key: str, extra: Iterable[Participant] = ()) -> bool:
        """Write the overlay (and ``extra`` rows) into the snapshot blob; keeps ``fetched_at``.

        Holds the lock throughout, so no update slips in between reading and rewriting.
        ``False`` when there is no usable snapshot to fold into.
        """
        with self._lock:
            try:
                found = self._read(account, event_key)
                if found is None:
                    return False  # nothing to fold into: the rows wait for the first save
                _, blob, overlay = found
                merged = _lay_over(_decode_with_overlay(blob, overlay), list(extra))
                data = encode_participants(merged)
            except (UnreadableSnapshotError, sqlite3.DatabaseError) as error:
                self._discard(account, event_key, error)
                return False
            with self._transaction() as db:
                db.execute(
                    "UPDATE snapshots SET row_count = ?, data = ? "
                    "WHERE account = ? AND event_key = ?",
                    (len(merged), data, account, event_key),
                )
                db.execute(
                    "DELETE FROM overlay WHERE account = ? AND event_key = ?",
                    (account, event_key),
                )
            log.debug("folded %d changed rows into %s of %s", len(overlay), event_key, account)
            return True

    def drop(self, account: str, event_key: str) -> None:
        """Forget the copy of one event (snapshot and changes)."""
        with self._transaction() as db:
            _delete_event(db, account, event_key)

    def drop_account(self, account: str) -> None:
        """Forget every copy of an account (its profile was removed: the data is personal)."""
        with self._transaction() as db:
            db.execute("DELETE FROM snapshots WHERE account = ?", (account,))
            db.execute("DELETE FROM overlay WHERE account = ?", (account,))

    # -- reading -----------------------------------------------------------------------------

    def load(self, account: str, event_key: str) -> CachedList | None:
        """The stored list with the desk's changes laid over it; ``None`` if none is usable.

        Never raises for a damaged copy: it is dropped (a refresh will fetch it again).
        """
        try:
            with self._lock:
                found = self._read(account, event_key)
            if found is None:
                return None
            fetched_at, blob, overlay = found
            participants = _decode_with_overlay(blob, overlay)  # outside the lock
        except (UnreadableSnapshotError, sqlite3.DatabaseError) as error:
            self._discard(account, event_key, error)
            return None
        return CachedList(participants=participants, fetched_at=fetched_at)

    def events(self, account: str) -> list[tuple[str, float]]:
        """The events of an account with a stored list, and when each was fetched; newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT event_key, fetched_at FROM snapshots WHERE account = ? "
                "ORDER BY fetched_at DESC, event_key",
                (account,),
            ).fetchall()
        return [(str(key), float(at)) for key, at in rows]

    # -- helpers -----------------------------------------------------------------------------

    def _read(self, account: str, event_key: str) -> tuple[float, bytes, list[bytes]] | None:
        """Snapshot blob and overlay rows of one event, read consistently (lock held)."""
        # One read transaction: another process's save cannot land between the two reads.
        self._db.execute("BEGIN")
        try:
            row = self._db.execute(
                "SELECT fetched_at, data FROM snapshots WHERE account = ? AND event_key = ?",
                (account, event_key),
            ).fetchone()
            changes = (
                []
                if row is None
                else self._db.execute(
                    "SELECT data FROM overlay WHERE account = ? AND event_key = ? ORDER BY rowid",
                    (account, event_key),
                ).fetchall()
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        if row is None:
            return None
        fetched_at, blob = row
        return float(fetched_at), bytes(blob), [bytes(data) for (data,) in changes]

    @staticmethod
    def _overlay_rows(
        db: sqlite3.Connection, account: str, event_key: str, ids: Iterable[int]
    ) -> dict[int, Participant]:
        found: dict[int, Participant] = {}
        for participant_id in ids:
            row = db.execute(
                "SELECT data FROM overlay WHERE account = ? AND event_key = ? "
                "AND participant_id = ?",
                (account, event_key, participant_id),
            ).fetchone()
            if row is None:
                continue
            try:
                found[participant_id] = _single(row[0])
            except UnreadableSnapshotError:
                continue  # overwritten by the new row below
        return found

    def _discard(self, account: str, event_key: str, error: Exception) -> None:
        log.warning(
            "the offline copy of %s (%s) is unusable and is dropped: %s", event_key, account, error
        )
        try:
            self.drop(account, event_key)
        except sqlite3.Error as drop_error:
            log.warning("could not drop the offline copy of %s: %s", event_key, drop_error)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the lock; committed on leaving."""
        with self._lock, sqlite_file.write_transaction(self._db) as db:
            yield db


# -- encoding ---------------------------------------------------------------------------------


def encode_participants(participants: Iterable[Participant]) -> bytes:
    """Participants as one compressed blob (see the module docstring for the layout)."""
    rows = list(participants)
    with _collector_paused():
        contact_rows = [
            None if contact is None else _contact_fields_of(contact)
            for contact in map(_contact_of, rows)
        ]
        payload = (_LAYOUT, list(map(_participant_fields_of, rows)), contact_rows)
        return zlib.compress(pickle.dumps(payload, protocol=PICKLE_PROTOCOL), ZLIB_LEVEL)


def decode_participants(data: bytes) -> list[Participant]:
    """The participants of a blob written by :func:`encode_participants`.

    Raises :class:`UnreadableSnapshotError` for anything else: damaged bytes, a blob written
    for other fields, or one naming classes outside the allow-list.
    """
    try:
        with _collector_paused():
            payload = _AllowListUnpickler(io.BytesIO(zlib.decompress(data))).load()
            layout, participant_rows, contact_rows = payload
            if layout != _LAYOUT:
                raise UnreadableSnapshotError("the copy was written for other fields")
            if len(participant_rows) != len(contact_rows):
                raise UnreadableSnapshotError("the copy's columns differ in length")
            build_contact, build_participant = _build_contact, _build_participant
            contacts = [None if row is None else build_contact(row) for row in contact_rows]
            participants = list(map(build_participant, participant_rows, contacts))
    except UnreadableSnapshotError:
        raise
    except Exception as error:  # zlib, pickle, shapes and types: all mean "damaged"
        raise UnreadableSnapshotError(f"the copy cannot be decoded: {error!r}") from error
    return participants


def _decode_with_overlay(blob: bytes, overlay: Sequence[bytes]) -> list[Participant]:
    return _lay_over(decode_participants(blob), [_single(data) for data in overlay])


def _single(data: bytes) -> Participant:
    rows = decode_participants(data)
    if len(rows) != 1:
        raise UnreadableSnapshotError(f"a changed row holds {len(rows)} participants")
    return rows[0]


def _lay_over(base: list[Participant], overlay: Sequence[Participant]) -> list[Participant]:
    """``base`` with each overlay row merged onto the row of its id, or appended."""
    if not overlay:
        return base
    position = dict(zip(map(_id_of, base), range(len(base)), strict=True))  # in C: ~10 ms
    for participant in overlay:
        index = position.get(participant.id)
        if index is None:
            position[participant.id] = len(base)
            base.append(participant)
        else:
            base[index] = participant.merged_onto(base[index])
    return base


def _builder(cls: type[T], *, separate: str | None = None) -> Callable[..., T]:
    """A function making ``cls`` from a stored tuple of its fields (minus ``separate``).

    Equivalent to ``cls(*row)`` (with the ``separate`` field passed as a second argument),
    but calls each slot's setter directly instead of the frozen dataclass's per-field
    ``object.__setattr__(self, name, value)``: decoding 100k rows makes 200k objects, and this
    saves about 40% of that time. Generated like dataclasses' own ``__init__``, from the
    class's slot names only, never from stored data. The layout check in
    :func:`decode_participants` guarantees that the tuples hold these fields in this order.
    """
    names: tuple[str, ...] = tuple(cls.__slots__)  # type: ignore[attr-defined]
    if hasattr(cls, "__post_init__"):
        # A type that checks its values must be built through __init__.
        make: Callable[..., T] = cls
        if separate is None:
            return lambda row: make(*row)
        at = names.index(separate)
        return lambda row, value: make(*row[:at], value, *row[at:])
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    lines = ["    self = _new(_cls)"]
    index = 0
    for name in names:
        namespace[f"_set_{name}"] = getattr(cls, name).__set__
        if name == separate:
            lines.append(f"    _set_{name}(self, separate)")
        else:
            lines.append(f"    _set_{name}(self, row[{index}])")
            index += 1
    lines.append("    return self")
    parameters = "row" if separate is None else "row, separate"
    source = f"def build({parameters}):\n" + "\n".join(lines) + "\n"
    exec(source, namespace)  # noqa: S102 - source made from slot names, as dataclasses does
    build: Callable[..., T] = namespace["build"]
    return build


_build_contact = _builder(Contact)
_build_participant = _builder(Participant, separate="contact")


class _AllowListUnpickler(pickle.Unpickler):
    """Unpickles only the classes a blob legitimately holds."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED_CLASSES[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache") from None


class _CollectorPause:
    """Switches the cyclic garbage collector off while any thread (de)codes a big list.

    Building 200k objects triggers dozens of collections that find nothing (the rows hold
    no cycles) and make decoding twice as slow. Reference counting still frees everything.
    A counter makes nested and concurrent pauses restore the collector exactly once.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0 and self._was_enabled:
                    gc.enable()


_collector_paused = _CollectorPause()


# -- the file ---------------------------------------------------------------------------------


def _open_file(path: Path) -> sqlite3.Connection:
    return sqlite_file.open_migrated(
        path,
        _MIGRATIONS,
        pragmas=(
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",
            # A 100k snapshot passes through the WAL: do not leave a file that size behind.
            "PRAGMA journal_size_limit=8388608",
        ),
        describe=f"the participant cache {path}",
        error=ParticipantCacheError,
    )


def _delete_event(db: sqlite3.Connection, account: str, event_key: str) -> None:
    db.execute("DELETE FROM snapshots WHERE account = ? AND event_key = ?", (account, event_key))
    db.execute("DELETE FROM overlay WHERE account = ? AND event_key = ?", (account, event_key))
