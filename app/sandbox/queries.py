"""Filtering and sorting of the read-only event and contact listings.

Contacts never change in the sandbox, so their folded search text and sort orders are
computed once, lazily, and reused; with the BIG event there are over 100,000 of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from app.sandbox.records import ContactRecord, EventRecord
from app.sandbox.store import SandboxStore

EVENT_SORT_FIELDS = ("id", "event_key", "title", "date_from", "date_to", "city", "country")
CONTACT_SORT_FIELDS = (
    "id", "customer_number", "company_name", "first_name", "last_name", "email", "city", "country",
)  # fmt: skip

# Letters that NFKD does not split into base letter + accent.
_FOLD_EXTRA = str.maketrans(
    {"ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "æ": "ae", "Æ": "ae", "đ": "d",
     "Đ": "d", "ı": "i", "œ": "oe", "Œ": "oe"}
)  # fmt: skip


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Müller" and "MULLER" both give "muller"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def parse_sort(
    raw: str | None, order: str | None, allowed: Sequence[str]
) -> list[tuple[str, bool]]:
    """``sort=date_from,-title`` plus ``order=asc|desc`` as (field, descending) pairs.

    A leading "-" flips one field; ``order`` sets the direction of the others. Unknown
    fields are ignored, like unknown includes; ties always fall back to the id.
    """
    default_desc = (order or "").strip().lower() == "desc"
    keys: list[tuple[str, bool]] = []
    for part in (raw or "").split(","):
        name = part.strip()
        descending = default_desc
        if name.startswith("-"):
            name, descending = name[1:], not default_desc
        if name in allowed and all(name != existing for existing, _ in keys):
            keys.append((name, descending))
    if not keys:
        keys.append(("id", default_desc))
    return keys


def _sorted(items: list[Any], keys: list[tuple[str, bool]]) -> list[Any]:
    """Stable multi-key sort; missing values last, text compared accent-insensitively."""
    result = sorted(items, key=lambda item: item.id)
    for name, descending in reversed(keys):

        def key(item: Any, name: str = name, descending: bool = descending) -> tuple[bool, Any]:
            value = getattr(item, name)
            if isinstance(value, str):
                value = fold(value)
            return (value is None) != descending, value if value is not None else ""

        result.sort(key=key, reverse=descending)
    return result


class EventQuery:
    """GET /api/v1/events: search, visible, upcoming, sort, order."""

    def __init__(self, store: SandboxStore) -> None:
        self._store = store

    def today(self) -> date:
        """Today's date (UTC) by the store's clock, which tests may replace."""
        return datetime.fromtimestamp(self._store.clock(), UTC).date()

    def run(
        self,
        *,
        search: str | None,
        visible: bool | None,
        upcoming: bool | None,
        sort: str | None,
        order: str | None,
    ) -> list[EventRecord]:
        """The matching events in the requested order."""
        events = list(self._store.events())
        if search:
            needle = fold(search.strip())
            events = [e for e in events if needle in fold(f"{e.event_key}\n{e.title}\n{e.city}")]
        if visible is not None:
            events = [e for e in events if e.is_visible == visible]
        if upcoming is not None:
            today = self.today()
            events = [e for e in events if (e.date_to >= today) == upcoming]
        return _sorted(events, parse_sort(sort, order, EVENT_SORT_FIELDS))


class ContactQuery:
    """GET /api/v1/contacts: search, event_key, category_key, sort, order."""

    def __init__(self, store: SandboxStore) -> None:
        self._store = store
        self._haystacks: dict[int, str] | None = None
        self._orders: dict[tuple[tuple[str, bool], ...], list[int]] = {}

    def _haystack(self) -> dict[int, str]:
        if self._haystacks is None:
            self._haystacks = {
                c.id: fold(
                    "\n".join(
                        part
                        for part in (
                            c.company_name,
                            c.first_name,
                            c.last_name,
                            c.email,
                            c.customer_number,
                        )
                        if part
                    )
                )
                for c in self._store.contacts()
            }
        return self._haystacks

    def _order(self, keys: list[tuple[str, bool]]) -> list[int]:
        cache_key = tuple(keys)
        ids = self._orders.get(cache_key)
        if ids is None:
            ids = [c.id for c in _sorted(list(self._store.contacts()), keys)]
            self._orders[cache_key] = ids
        return ids

    def run(
        self,
        *,
        search: str | None,
        event_key: str | None,
        category_key: str | None,
        sort: str | None,
        order: str | None,
    ) -> list[int]:
        """Ids of the matching contacts in the requested order."""
        allowed: set[int] | None = None
        if event_key:
            event = self._store.event_by_key(event_key.strip())
            allowed = set() if event is None else self._store.contact_ids_of_event(event.id)
        if category_key:
            in_category = self._category_contacts(category_key.strip())
            allowed = in_category if allowed is None else allowed & in_category
        ids = self._order(parse_sort(sort, order, CONTACT_SORT_FIELDS))
        if allowed is not None:
            ids = [cid for cid in ids if cid in allowed]
        if search and search.strip():
            needle = fold(search.strip())
            haystacks = self._haystack()
            ids = [cid for cid in ids if needle in haystacks[cid]]
        return ids

    def _category_contacts(self, category_key: str) -> set[int]:
        """Contacts in the category or one of its sub-categories."""
        category = self._store.category_by_key(category_key)
        if category is None:
            return set()
        wanted = {category.id} | {
            c.id for c in self._store.categories() if c.parent_category_id == category.id
        }
        return self._store.contact_ids_in_categories(wanted)

    def contacts(self, ids: Sequence[int]) -> list[ContactRecord]:
        """The contact rows for ``ids``, in order."""
        rows = (self._store.contact(cid) for cid in ids)
        return [row for row in rows if row is not None]
