"""The sandbox's seeded dataset: deterministic, realistic, and fast to generate."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime

from app.sandbox import (
    BIG_KEY,
    CONF_KEY,
    EXPO_KEY,
    SUMMIT_KEY,
    WORKSHOP_KEY,
    SandboxStore,
    generate,
)
from app.sandbox.data import ascii_slug
from app.sandbox.queries import fold


def test_same_seed_same_data_other_seed_other_data():
    assert generate(1) == generate(1)
    other = generate(2)
    assert other.participants != generate(1).participants
    assert len(other.participants) == len(generate(1).participants)


def test_event_sizes_and_overlaps():
    store = SandboxStore(generate(1))
    assert {key: store.count(key) for key in (EXPO_KEY, CONF_KEY, WORKSHOP_KEY, SUMMIT_KEY)} == {
        EXPO_KEY: 600, CONF_KEY: 2500, WORKSHOP_KEY: 24, SUMMIT_KEY: 0,
    }  # fmt: skip
    per_contact = Counter(row.contact_id for row in store.dataset.participants)
    assert (
        max(per_contact.values()) == 3
    )  # some contacts are in the show, the conference and the workshop
    assert sum(1 for n in per_contact.values() if n >= 2) >= 100
    free = store.free_contacts()
    assert len(free) == 300
    assert store.event_by_key(BIG_KEY) is None


def test_contacts_look_real():
    data = generate(1)
    numbers = [c.customer_number for c in data.contacts if c.customer_number is not None]
    assert len(numbers) == len(set(numbers))
    assert 3 <= len(data.contacts) - len(numbers) <= 10
    assert any(not n.isdigit() for n in numbers)  # a few hand-assigned numbers
    names = " ".join(f"{c.company_name} {c.first_name} {c.last_name}" for c in data.contacts)
    for name in (
        "Müller",
        "Jürgen",
        "Björk",
        "Çelik",
        "François",
        "Søren",
        "Łukasz",
        "José",
        "Zoë",
        "Ørsted",
    ):
        assert name in names
    assert all(c.email is None or c.email.isascii() for c in data.contacts)
    assert any(c.company_name and not c.first_name for c in data.contacts)
    assert any(c.first_name and not c.company_name for c in data.contacts)
    contact_ids = {c.id for c in data.contacts}
    assert not contact_ids & {p.id for p in data.participants}  # different id ranges


def test_participants_timestamps_and_confirmation():
    data = generate(1)
    rows = data.participants
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    assert [r.created_us for r in rows] == sorted(r.created_us for r in rows)
    start = datetime(2026, 1, 1, tzinfo=UTC).timestamp() * 1e6
    end = datetime(2027, 1, 1, tzinfo=UTC).timestamp() * 1e6
    assert all(start <= r.created_us <= r.updated_us < end for r in rows)
    share = sum(r.is_confirmed for r in rows) / len(rows)
    assert 0.32 < share < 0.38
    assert rows[-1].id > len(rows)  # ids have gaps, like a table with deletions


def test_text_helpers():
    assert ascii_slug("Jürgen Łukasz-Søren") == "juergenlukaszsoren"
    assert fold("MÜLLER") == fold("müller") == "muller"
    assert fold("Łódź") == "lodz"
    assert fold("Straße") == "strasse"


def test_big_event_generation_time():
    began = time.perf_counter()
    data = generate(1, big_event_participants=100_000)
    generated = time.perf_counter() - began
    store = SandboxStore(data)
    indexed = time.perf_counter() - began
    print(f"\n100k participants: generated in {generated:.2f} s, store indexed by {indexed:.2f} s")
    assert store.count(BIG_KEY) == 100_000
    big_contacts = {row.contact_id for row in store.participants_of(BIG_KEY)}
    assert len(big_contacts) == 100_000
    assert (
        generate(1, big_event_participants=100).participants[-100:]
        == generate(1, 100).participants[-100:]
    )
