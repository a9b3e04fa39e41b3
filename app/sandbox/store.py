"""Thread-safe in-memory store of the sandbox, with the indexes the list endpoints need.

The server's event loop reads and writes it while a test thread inspects it, so every access
to mutable state holds one lock. Lists are kept sorted by participant id, which is both the
listing order and what makes a page a slice (or a bisect, for cursors) instead of a scan.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, TypeVar

from app.sandbox.data import Dataset
from app.sandbox.records import CategoryRecord, ContactRecord, EventRecord, ParticipantRecord

_US = 1_000_000

WriteOp = Literal["create", "update", "delete"]
W = TypeVar("W")


class ParticipantNotFoundError(LookupError):
    """No participant has the requested id."""


class DuplicateParticipationError(ValueError):
    """The contact already takes part in the event."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One write the store applied; ``before``/``after`` are the rows around it."""

    seq: int
    op: WriteOp
    participant_id: int
    before: ParticipantRecord | None
    after: ParticipantRecord | None
    at: float  # seconds since the epoch, from the store's clock

    @property
    def before_confirmed(self) -> bool | None:
        """Confirmation state before the write (``None`` for a create)."""
        return None if self.before is None else self.before.is_confirmed

    @property
    def after_confirmed(self) -> bool | None:
        """Confirmation state after the write (``None`` for a delete)."""
        return None if self.after is None else self.after.is_confirmed

    @property
    def changed(self) -> bool:
        """Whether the write changed anything (a repeated confirm does not)."""
        return self.before != self.after


def _remove_sorted(ids: list[int], value: int) -> None:
    index = bisect.bisect_left(ids, value)
    if index < len(ids) and ids[index] == value:
        del ids[index]


class SandboxStore:
    """Participants (mutable) plus the read-only contacts, events and categories."""

    def __init__(self, dataset: Dataset, clock: Callable[[], float] = time.time) -> None:
        self._dataset = dataset
        self.clock = clock
        self._lock = threading.RLock()
        # Read-only catalogue: never written after construction, so read without the lock.
        self._contacts = dataset.contacts
        self._contact_by_id = {contact.id: contact for contact in dataset.contacts}
        self._contact_by_number = {
            contact.customer_number: contact
            for contact in dataset.contacts
            if contact.customer_number is not None
        }
        self._events = dataset.events
        self._event_by_id = {event.id: event for event in dataset.events}
        self._event_by_key = {event.event_key: event for event in dataset.events}
        self._categories = dataset.categories
        self._category_by_id = {category.id: category for category in dataset.categories}
        self._category_by_key = {category.category_key: category for category in dataset.categories}
        self.reset()

    # -- lifecycle -------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the seeded state: participants as generated, empty audit log."""
        rows = self._dataset.participants
        participants: dict[int, ParticipantRecord] = {}
        all_ids: list[int] = []
        by_event: dict[int, list[int]] = {event.id: [] for event in self._events}
        by_event_confirmed: dict[tuple[int, bool], list[int]] = {}
        for event in self._events:
            by_event_confirmed[event.id, True] = []
            by_event_confirmed[event.id, False] = []
        by_confirmed: dict[bool, list[int]] = {True: [], False: []}
        by_contact: dict[int, list[int]] = {}
        by_pair: dict[tuple[int, int], int] = {}
        # The dataset is sorted by id, so appending keeps every index sorted.
        for row in rows:
            participants[row.id] = row
            all_ids.append(row.id)
            by_event[row.event_id].append(row.id)
            by_event_confirmed[row.event_id, row.is_confirmed].append(row.id)
            by_confirmed[row.is_confirmed].append(row.id)
            by_contact.setdefault(row.contact_id, []).append(row.id)
            by_pair[row.event_id, row.contact_id] = row.id
        with self._lock:
            self._participants = participants
            self._all_ids = all_ids
            self._by_event = by_event
            self._by_event_confirmed = by_event_confirmed
            self._by_confirmed = by_confirmed
            self._by_contact = by_contact
            self._by_pair = by_pair
            self._next_id = (rows[-1].id if rows else 0) + 1
            self._audit: list[AuditEntry] = []

    # -- catalogue (read-only) -------------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        """The seeded dataset the store started from (and resets to)."""
        return self._dataset

    def contacts(self) -> tuple[ContactRecord, ...]:
        """All contacts, by id."""
        return self._contacts

    def contact(self, contact_id: int) -> ContactRecord | None:
        """The contact with this id, if any."""
        return self._contact_by_id.get(contact_id)

    def contact_by_customer_number(self, customer_number: str) -> ContactRecord | None:
        """The contact with this customer number, if any."""
        return self._contact_by_number.get(customer_number)

    def events(self) -> tuple[EventRecord, ...]:
        """All events, by id."""
        return self._events

    def event(self, event_id: int) -> EventRecord | None:
        """The event with this id, if any."""
        return self._event_by_id.get(event_id)

    def event_by_key(self, event_key: str) -> EventRecord | None:
        """The event with this key, if any."""
        return self._event_by_key.get(event_key)

    def categories(self) -> tuple[CategoryRecord, ...]:
        """All categories, by id."""
        return self._categories

    def category(self, category_id: int) -> CategoryRecord | None:
        """The category with this id, if any."""
        return self._category_by_id.get(category_id)

    def category_by_key(self, category_key: str) -> CategoryRecord | None:
        """The category with this key, if any."""
        return self._category_by_key.get(category_key)

    # -- participant reads -----------------------------------------------------------------

    def participant(self, participant_id: int) -> ParticipantRecord | None:
        """The participant with this id, if any."""
        with self._lock:
            return self._participants.get(participant_id)

    def participant_ids(
        self,
        *,
        event_id: int | None = None,
        contact_id: int | None = None,
        confirmed: bool | None = None,
    ) -> list[int]:
        """Ids matching all given filters, ascending (a copy)."""
        return self.participant_window(
            list, event_id=event_id, contact_id=contact_id, confirmed=confirmed
        )

    def participant_window(
        self,
        window: Callable[[Sequence[int]], W],
        *,
        event_id: int | None = None,
        contact_id: int | None = None,
        confirmed: bool | None = None,
    ) -> W:
        """``window(ids)`` on the ascending ids matching all filters, under the lock.

        ``ids`` is the narrowest index itself, not a copy: copying 100,000 ids for every
        page would cost more than the page. ``window`` must only read it, and must not
        keep it (return slices, not the sequence).
        """
        with self._lock:
            if contact_id is not None:
                rows = self._participants
                return window(
                    [
                        pid
                        for pid in self._by_contact.get(contact_id, ())
                        if (event_id is None or rows[pid].event_id == event_id)
                        and (confirmed is None or rows[pid].is_confirmed == confirmed)
                    ]
                )
            if event_id is not None:
                if confirmed is None:
                    return window(self._by_event.get(event_id, []))
                return window(self._by_event_confirmed.get((event_id, confirmed), []))
            if confirmed is not None:
                return window(self._by_confirmed[confirmed])
            return window(self._all_ids)

    def participants_by_ids(self, ids: Iterable[int]) -> list[ParticipantRecord]:
        """The rows for ``ids`` in that order, skipping any deleted meanwhile."""
        with self._lock:
            rows = self._participants
            return [rows[pid] for pid in ids if pid in rows]

    def participant_count(self, event_id: int) -> int:
        """How many participants the event has."""
        with self._lock:
            return len(self._by_event.get(event_id, ()))

    def contact_ids_of_event(self, event_id: int) -> set[int]:
        """Contacts taking part in the event."""
        with self._lock:
            rows = self._participants
            return {rows[pid].contact_id for pid in self._by_event.get(event_id, ())}

    def contact_ids_in_categories(self, category_ids: set[int]) -> set[int]:
        """Contacts with at least one participation in one of these categories."""
        with self._lock:
            return {
                row.contact_id
                for row in self._participants.values()
                if row.category_id in category_ids
            }

    # -- writes ----------------------------------------------------------------------------

    def _now_us(self) -> int:
        return int(self.clock() * _US)

    def _bumped(self, previous_us: int) -> int:
        # At least a whole second later: the bump must show in the sample shape's Unix
        # seconds, and must not go backwards when the clock is behind the seeded dates.
        return max(self._now_us(), previous_us + _US)

    def _index_add(self, row: ParticipantRecord) -> None:
        self._participants[row.id] = row
        bisect.insort(self._all_ids, row.id)
        bisect.insort(self._by_event.setdefault(row.event_id, []), row.id)
        bisect.insort(
            self._by_event_confirmed.setdefault((row.event_id, row.is_confirmed), []), row.id
        )
        bisect.insort(self._by_confirmed[row.is_confirmed], row.id)
        bisect.insort(self._by_contact.setdefault(row.contact_id, []), row.id)
        self._by_pair[row.event_id, row.contact_id] = row.id

    def _index_remove(self, row: ParticipantRecord) -> None:
        del self._participants[row.id]
        _remove_sorted(self._all_ids, row.id)
        _remove_sorted(self._by_event[row.event_id], row.id)
        _remove_sorted(self._by_event_confirmed[row.event_id, row.is_confirmed], row.id)
        _remove_sorted(self._by_confirmed[row.is_confirmed], row.id)
        _remove_sorted(self._by_contact[row.contact_id], row.id)
        del self._by_pair[row.event_id, row.contact_id]

    def _audit_write(
        self,
        op: WriteOp,
        participant_id: int,
        before: ParticipantRecord | None,
        after: ParticipantRecord | None,
    ) -> None:
        self._audit.append(
            AuditEntry(len(self._audit) + 1, op, participant_id, before, after, self.clock())
        )

    def create_participant(
        self,
        event_id: int,
        contact_id: int,
        *,
        is_confirmed: bool = False,
        category_id: int | None = None,
    ) -> ParticipantRecord:
        """Add a participation; raises DuplicateParticipationError if it already exists."""
        with self._lock:
            if (event_id, contact_id) in self._by_pair:
                raise DuplicateParticipationError(contact_id)
            now = self._now_us()
            row = ParticipantRecord(
                self._next_id, event_id, contact_id, category_id, is_confirmed, now, now
            )
            self._next_id += 1
            self._index_add(row)
            self._audit_write("create", row.id, None, row)
            return row

    def update_participant(
        self,
        participant_id: int,
        *,
        event_id: int | None = None,
        contact_id: int | None = None,
        is_confirmed: bool | None = None,
    ) -> ParticipantRecord:
        """Change the given fields (``None`` = keep); bumps updated_at only on a real change."""
        with self._lock:
            before = self._participants.get(participant_id)
            if before is None:
                raise ParticipantNotFoundError(participant_id)
            target_event = before.event_id if event_id is None else event_id
            target_contact = before.contact_id if contact_id is None else contact_id
            holder = self._by_pair.get((target_event, target_contact))
            if holder is not None and holder != participant_id:
                raise DuplicateParticipationError(target_contact)
            after = replace(
                before,
                event_id=target_event,
                contact_id=target_contact,
                is_confirmed=before.is_confirmed if is_confirmed is None else is_confirmed,
            )
            if after != before:
                after = replace(after, updated_us=self._bumped(before.updated_us))
                self._index_remove(before)
                self._index_add(after)
            else:
                after = before  # keep identity: nothing changed, nothing to re-serialise
            self._audit_write("update", participant_id, before, after)
            return after

    def delete_participant(self, participant_id: int) -> ParticipantRecord:
        """Remove a participation (the contact stays); returns the removed row."""
        with self._lock:
            before = self._participants.get(participant_id)
            if before is None:
                raise ParticipantNotFoundError(participant_id)
            self._index_remove(before)
            self._audit_write("delete", participant_id, before, None)
            return before

    # -- inspection for tests --------------------------------------------------------------

    def participants_of(self, event_key: str) -> list[ParticipantRecord]:
        """All participants of the event, by id (empty for an unknown key)."""
        event = self._event_by_key.get(event_key)
        if event is None:
            return []
        with self._lock:
            return [self._participants[pid] for pid in self._by_event.get(event.id, ())]

    def count(self, event_key: str | None = None, confirmed: bool | None = None) -> int:
        """How many participants match (all events when ``event_key`` is None)."""
        event_id = None
        if event_key is not None:
            event = self._event_by_key.get(event_key)
            if event is None:
                return 0
            event_id = event.id
        with self._lock:
            if event_id is None:
                if confirmed is None:
                    return len(self._all_ids)
                return len(self._by_confirmed[confirmed])
            if confirmed is None:
                return len(self._by_event.get(event_id, ()))
            return len(self._by_event_confirmed.get((event_id, confirmed), ()))

    def find(self, event_key: str, customer_number: str) -> ParticipantRecord | None:
        """The participation of the contact with this customer number in the event, if any."""
        event = self._event_by_key.get(event_key)
        contact = self._contact_by_number.get(customer_number)
        if event is None or contact is None:
            return None
        with self._lock:
            pid = self._by_pair.get((event.id, contact.id))
            return None if pid is None else self._participants[pid]

    def free_contacts(self) -> list[ContactRecord]:
        """Contacts with a customer number that take part in no event (walk-in candidates)."""
        with self._lock:
            busy = {contact_id for contact_id, ids in self._by_contact.items() if ids}
        return [c for c in self._contacts if c.customer_number is not None and c.id not in busy]

    def audit_log(self) -> list[AuditEntry]:
        """Every write applied since the last reset, oldest first."""
        with self._lock:
            return list(self._audit)
