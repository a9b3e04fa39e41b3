"""Participants of a sandbox demo event as the app's domain objects, without a server.

The sandbox generator is deterministic, so these are the same people the demo shows
(EXPO26: 600 exhibitors, CONF26: 2,500 attendees), with contact, event and category.
"""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain import Category, Contact, Event, Participant
from app.sandbox import generate
from app.sandbox.records import CategoryRecord, ContactRecord, EventRecord

_US = 1_000_000


def _event(record: EventRecord) -> Event:
    return Event(
        id=record.id,
        event_key=record.event_key,
        title=record.title,
        date_from=record.date_from,
        date_to=record.date_to,
        city=record.city,
        country=record.country,
        is_visible=record.is_visible,
    )


def _contact(record: ContactRecord) -> Contact:
    return Contact(
        id=record.id,
        customer_number=record.customer_number,
        company_name=record.company_name,
        first_name=record.first_name,
        last_name=record.last_name,
        email=record.email,
        phone=record.phone,
        city=record.city,
        country=record.country,
    )


def _category(record: CategoryRecord) -> Category:
    return Category(
        id=record.id,
        category_key=record.category_key,
        title=record.title,
        parent_category_id=record.parent_category_id,
        level=record.level,
        sort_order=record.sort_order,
    )


def _moment(us: int) -> datetime:
    return datetime.fromtimestamp(us / _US, tz=UTC)


def demo_event(
    event_key: str, seed: int = 1, big_event_participants: int = 0
) -> tuple[Event, list[Participant]]:
    """The event ``event_key`` of the demo data and its participants, in id order.

    ``big_event_participants`` > 0 adds the load-test event "BIG" with that many people.
    """
    dataset = generate(seed, big_event_participants)
    record = next(e for e in dataset.events if e.event_key == event_key)
    event = _event(record)
    contacts = {c.id: _contact(c) for c in dataset.contacts}
    categories = {c.id: _category(c) for c in dataset.categories}
    participants = [
        Participant(
            id=p.id,
            event_id=p.event_id,
            contact_id=p.contact_id,
            is_confirmed=p.is_confirmed,
            created_at=_moment(p.created_us),
            updated_at=_moment(p.updated_us),
            category_id=p.category_id,
            contact=contacts[p.contact_id],
            event=event,
            category=categories.get(p.category_id) if p.category_id is not None else None,
        )
        for p in dataset.participants
        if p.event_id == record.id
    ]
    return event, participants
