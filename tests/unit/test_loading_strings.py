"""Pages from the loader process share repeated strings, and stale answers are harmless."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime

import pytest

from app.domain import Category, Contact, Event, Participant
from app.loading.strings import SentStrings, decode, encode

EXPO = Event(id=1, event_key="EXPO26", title="Fachmesse Grün & Gärten 2026")


def page(number: int) -> list[Participant]:
    return [
        Participant(
            id=number * 100 + row,
            event_id=1,
            contact_id=row,
            is_confirmed=row % 2 == 0,
            created_at=datetime(2026, 1, 1, tzinfo=UTC),
            contact=Contact(
                id=row,
                customer_number=f"{number}-{row}",
                company_name="Müller & Söhne GmbH",
                first_name=("Jürgen", "Zoë", "Søren")[row % 3],
                last_name="Łukasiewicz",
                email=f"person{number}.{row}@example.com",
                city="Köln",
            ),
            event=EXPO,
            category=Category(id=3, title="Exhibitor"),
        )
        for row in range(50)
    ]


def test_messages_round_trip_unchanged():
    sent, table = SentStrings(), dict[int, str]()
    pages = [page(number) for number in range(4)]
    assert [decode(encode(p, sent), table) for p in pages] == pages


def test_repeated_strings_become_one_object_across_pages():
    sent, table = SentStrings(), dict[int, str]()
    first, _, third = (decode(encode(page(n), sent), table) for n in range(3))
    # The first occurrence travels inline; from the second on, all share one copy.
    assert first[1].contact.last_name is third[40].contact.last_name
    assert first[5].contact.city is third[7].contact.city
    assert first[5].contact.first_name is third[2].contact.first_name  # row 2 was inline


def test_unique_and_long_strings_are_not_kept_in_the_tables():
    sent = SentStrings()
    encode(page(0), sent)
    encode(page(1), sent)
    kept = {text for text, number in sent.numbers.items() if number is not None}
    assert not any("@example.com" in text for text in kept)  # each email appears once


def test_a_late_message_of_an_older_load_cannot_be_read_with_a_new_table():
    old_sent, old_table = SentStrings(), dict[int, str]()
    decode(encode(page(0), old_sent), old_table)
    late = encode(page(1), old_sent)  # refers to strings only the old table holds
    with pytest.raises(KeyError):
        decode(late, {})


def test_domain_objects_pickle_compactly_and_equal():
    rows = page(7)
    assert pickle.loads(pickle.dumps(rows, protocol=5)) == rows
    assert Participant.__reduce__(rows[0])[0] is Participant
