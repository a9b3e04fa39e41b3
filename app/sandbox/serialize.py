"""JSON shapes of the sandbox's resources, in the documented and the sample flavour.

"documented" follows the Participants page's response schema (``id``, ISO timestamps,
booleans); "sample" follows the same page's contradicting sample response
(``participant_id``, Unix-second integers, 0/1 flags, a ``meta.request_id`` envelope).
Per-object dicts are cached: contacts, events and categories never change, and a
participant's cache entry is keyed by the row object, which every write replaces.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from app.sandbox.config import ResponseShape
from app.sandbox.records import CategoryRecord, ContactRecord, EventRecord, ParticipantRecord
from app.sandbox.store import SandboxStore

JsonDict = dict[str, Any]

INCLUDES = ("contact", "event", "category")

_EPOCH = datetime(1970, 1, 1)  # naive on purpose: the "Z" is appended by hand
# Per-object caches are emptied when they reach this size: the default dataset fits
# entirely, while walking a 100,000-participant event does not double the memory.
MAX_CACHED = 50_000
_US = 1_000_000


def iso_timestamp(us: int) -> str:
    """Microseconds since the epoch as Laravel prints them: "2026-03-01T09:30:00.000000Z"."""
    # Integer timedelta arithmetic: no float rounding in the microseconds. A naive epoch
    # and isoformat() are several times faster than strftime on an aware datetime.
    return (_EPOCH + timedelta(microseconds=us)).isoformat(timespec="microseconds") + "Z"


def parse_includes(raw: str | None) -> frozenset[str]:
    """The known names in a comma list like "contact, event,foo" (unknown ones ignored)."""
    if not raw:
        return frozenset()
    return frozenset(part.strip().lower() for part in raw.split(",")) & frozenset(INCLUDES)


class Serializer:
    """Turns store rows into JSON-ready dicts for one response shape.

    Not thread-safe by design: it is used only on the server's event loop thread.
    Returned dicts may be shared between responses; callers must copy before changing them.
    """

    def __init__(self, store: SandboxStore, shape: ResponseShape) -> None:
        self._store = store
        self.shape = shape
        self._sample = shape == "sample"
        self._participants: dict[int, tuple[ParticipantRecord, JsonDict]] = {}
        self._contacts: dict[int, JsonDict] = {}
        self._events: dict[int, JsonDict] = {}
        self._categories: dict[int, JsonDict] = {}

    def _flag(self, value: bool) -> bool | int:
        return int(value) if self._sample else value

    def _time(self, us: int) -> str | int:
        return us // _US if self._sample else iso_timestamp(us)

    def participant(self, row: ParticipantRecord) -> JsonDict:
        """The participant's own fields (cached until the row is replaced by a write)."""
        cached = self._participants.get(row.id)
        if cached is not None and cached[0] is row:
            return cached[1]
        out: JsonDict = {
            ("participant_id" if self._sample else "id"): row.id,
            "event_id": row.event_id,
            "contact_id": row.contact_id,
            "category_id": row.category_id,
            "is_confirmed": self._flag(row.is_confirmed),
            "created_at": self._time(row.created_us),
            "updated_at": self._time(row.updated_us),
        }
        if len(self._participants) >= MAX_CACHED:
            self._participants.clear()
        self._participants[row.id] = (row, out)
        return out

    def participant_with(self, row: ParticipantRecord, includes: Collection[str]) -> JsonDict:
        """The participant plus the requested related objects (``None`` where absent)."""
        base = self.participant(row)
        if not includes:
            return base
        out = dict(base)
        if "contact" in includes:
            contact = self._store.contact(row.contact_id)
            out["contact"] = None if contact is None else self.contact(contact)
        if "event" in includes:
            event = self._store.event(row.event_id)
            out["event"] = None if event is None else self.event(event)
        if "category" in includes:
            category = None if row.category_id is None else self._store.category(row.category_id)
            out["category"] = None if category is None else self.category(category)
        return out

    def write_result(self, row: ParticipantRecord, *, partial: bool) -> JsonDict:
        """What POST/PUT/PATCH return: the participant, or only id and timestamps if partial."""
        full = self.participant(row)
        if not partial:
            return full
        id_key = "participant_id" if self._sample else "id"
        return {key: full[key] for key in (id_key, "created_at", "updated_at")}

    def contact(self, contact: ContactRecord) -> JsonDict:
        """A contact (cached: contacts never change in the sandbox)."""
        out = self._contacts.get(contact.id)
        if out is None:
            out = {
                "id": contact.id,
                "customer_number": contact.customer_number,
                "company_name": contact.company_name,
                "first_name": contact.first_name,
                "last_name": contact.last_name,
                "email": contact.email,
                "phone": contact.phone,
                "city": contact.city,
                "country": contact.country,
            }
            if len(self._contacts) >= MAX_CACHED:
                self._contacts.clear()
            self._contacts[contact.id] = out
        return out

    def event(self, event: EventRecord, participant_count: int | None = None) -> JsonDict:
        """An event, with ``participant_count`` when one is given."""
        out = self._events.get(event.id)
        if out is None:
            out = {
                "id": event.id,
                "event_key": event.event_key,
                "title": event.title,
                "date_from": event.date_from.isoformat(),
                "date_to": event.date_to.isoformat(),
                "city": event.city,
                "country": event.country,
                "is_visible": self._flag(event.is_visible),
            }
            self._events[event.id] = out
        if participant_count is None:
            return out
        return {**out, "participant_count": participant_count}

    def category(self, category: CategoryRecord) -> JsonDict:
        """A category (cached: categories never change in the sandbox)."""
        out = self._categories.get(category.id)
        if out is None:
            out = {
                "id": category.id,
                "category_key": category.category_key,
                "title": category.title,
                "parent_category_id": category.parent_category_id,
                "level": category.level,
                "sort_order": category.sort_order,
            }
            self._categories[category.id] = out
        return out

    def envelope(self, body: JsonDict, request_id: str) -> JsonDict:
        """Add ``meta.request_id`` in the sample shape (merged into pagination meta)."""
        if not self._sample:
            return body
        meta = body.get("meta")
        merged = (
            {**meta, "request_id": request_id}
            if isinstance(meta, dict)
            else {"request_id": request_id}
        )
        return {**body, "meta": merged}
