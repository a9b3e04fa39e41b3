"""Immutable server-side rows of the sandbox: contacts, events, categories, participants.

These are the sandbox's own types, deliberately separate from ``app.domain``: the sandbox
plays the server, and the client's model must be free to change without moving the server.
Rows are frozen; a write replaces a participant row with a new object, which is what lets
the serialiser cache a row's JSON by object identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ContactRecord:
    """A company and/or person of the tenant."""

    id: int
    customer_number: str | None
    company_name: str | None
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    city: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """An event, trade show or exhibition."""

    id: int
    event_key: str
    title: str
    date_from: date
    date_to: date
    city: str
    country: str
    is_visible: bool


@dataclass(frozen=True, slots=True)
class CategoryRecord:
    """A participant category; ``level`` 0 is a top category, 1 a sub-category."""

    id: int
    category_key: str
    title: str
    parent_category_id: int | None
    level: int
    sort_order: int


@dataclass(frozen=True, slots=True)
class ParticipantRecord:
    """One participation. Timestamps are integer microseconds since the Unix epoch (UTC)."""

    id: int
    event_id: int
    contact_id: int
    category_id: int | None
    is_confirmed: bool
    created_us: int
    updated_us: int
