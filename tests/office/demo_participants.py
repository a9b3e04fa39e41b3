"""Participants of a sandbox demo event as the app's domain objects, without a server.

The sandbox generator is deterministic, so these are the same people the demo shows
(EXPO26: 600 exhibitors, CONF26: 2,500 attendees), with contact, event and category.
"""

from __future__ import annotations

from app.api.parsing import parse_event, parse_participant
from app.domain import Event, Participant
from app.sandbox import generate
from app.sandbox.serialize import Serializer
from app.sandbox.store import SandboxStore


def demo_event(
    event_key: str, seed: int = 1, big_event_participants: int = 0
) -> tuple[Event, list[Participant]]:
    """The event ``event_key`` of the demo data and its participants, in id order.

    ``big_event_participants`` > 0 adds the load-test event "BIG" with that many people.
    """
    dataset = generate(seed, big_event_participants)
    record = next(e for e in dataset.events if e.event_key == event_key)
    # The sandbox's own JSON, read by the client's parser: the objects the app really gets.
    serializer = Serializer(SandboxStore(dataset), "documented")
    includes = ("contact", "event", "category")
    participants = [
        parse_participant(serializer.participant_with(p, includes))
        for p in dataset.participants
        if p.event_id == record.id
    ]
    event = parse_event(serializer.event(record))
    assert event is not None
    return event, participants
