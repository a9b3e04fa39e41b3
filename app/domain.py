"""Plandocket domain types: frozen, Qt-free, cheap to hold by the hundred thousand."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


def _compact_reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickle as ``cls(*fields)``: loading 100k rows from the loader process unpickles ~200k
    of these, and the dataclass default (``__setstate__`` over ``fields()``) is 3x slower."""
    return type(self), tuple(getattr(self, name) for name in type(self).__slots__)


@dataclass(frozen=True, slots=True)
class Contact:
    """A company and/or person known to the tenant."""

    id: int
    customer_number: str | None = None
    company_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    city: str | None = None
    country: str | None = None

    @property
    def person_name(self) -> str:
        """First and last name joined, or an empty string."""
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def display_name(self) -> str:
        """What a coordinator recognises: company, else person, else customer number."""
        return (
            self.company_name
            or self.person_name
            or (f"#{self.customer_number}" if self.customer_number else f"Contact {self.id}")
        )


@dataclass(frozen=True, slots=True)
class Event:
    """An event, trade show or exhibition."""

    id: int
    event_key: str
    title: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    city: str | None = None
    country: str | None = None
    is_visible: bool | None = None
    participant_count: int | None = None

    @property
    def display_name(self) -> str:
        """Title if known, else the key."""
        return self.title or self.event_key


@dataclass(frozen=True, slots=True)
class Category:
    """A participant category (exhibitor, visitor, press, ...)."""

    id: int
    category_key: str | None = None
    title: str | None = None
    parent_category_id: int | None = None
    level: int | None = None
    sort_order: int | None = None

    @property
    def display_name(self) -> str:
        """Title if known, else the key."""
        return self.title or self.category_key or f"Category {self.id}"


@dataclass(frozen=True, slots=True)
class Participant:
    """One participation: a contact taking part in an event.

    Fields the server did not send are ``None`` ("unknown"), never a guessed default:
    an unknown confirmation state must not be shown as "not confirmed".
    """

    id: int
    event_id: int | None = None
    contact_id: int | None = None
    is_confirmed: bool | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    category_id: int | None = None
    contact: Contact | None = None
    event: Event | None = None
    category: Category | None = None

    def merged_onto(self, older: Participant) -> Participant:
        """This participant, with every unknown field taken from an older copy of it.

        Write responses are often partial (the documented sample returns only the id and
        timestamps); merging keeps what the table already knew.
        """
        if older.id != self.id:
            raise ValueError(f"cannot merge participant {self.id} onto {older.id}")
        changes = {
            field.name: getattr(older, field.name)
            for field in dataclasses.fields(self)
            if getattr(self, field.name) is None
        }
        return dataclasses.replace(self, **changes) if changes else self


for _type in (Contact, Event, Category, Participant):
    _type.__reduce__ = _compact_reduce  # type: ignore[method-assign]


@dataclass(frozen=True, slots=True)
class ParticipantFilter:
    """The server-side filters of the participants list."""

    event_key: str | None = None
    customer_number: str | None = None
    confirmed: bool | None = None
