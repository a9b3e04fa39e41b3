"""The desk index: exact customer numbers first, then accent-insensitive text."""

from __future__ import annotations

import time

from app.desk.lookup import DeskIndex
from app.domain import Contact, Participant


def person(
    pid: int, number: str | None, company: str, first: str = "", last: str = ""
) -> Participant:
    contact = Contact(
        id=pid + 1000,
        customer_number=number,
        company_name=company,
        first_name=first or None,
        last_name=last or None,
        email=f"p{pid}@example.com",
    )
    return Participant(id=pid, is_confirmed=False, contact=contact)


def sample() -> DeskIndex:
    index = DeskIndex()
    index.replace_all(
        [
            person(1, "10001", "Müller & Söhne GmbH", "Jürgen", "Müller"),
            person(2, "K-77", "Ørsted Logistik", "Søren", "Nielsen"),
            person(3, "10003", "Müller Bau AG", "Anna", "Schmidt"),
            person(4, None, "Café Crème", "François", "Lefèvre"),
            person(5, "10005", "Acme", "Zoë", "Mullerson"),
        ]
    )
    return index


def test_a_scanned_customer_number_finds_exactly_that_participant():
    found = sample().lookup("10001")
    assert found.exact
    assert [p.id for p in found.matches] == [1]
    assert found.single is not None


def test_codes_ignore_case_and_surrounding_spaces():
    assert [p.id for p in sample().lookup("  k-77 ").matches] == [2]


def test_text_finds_every_word_without_accents_and_ranks_name_starts_first():
    found = sample().lookup("muller")
    assert not found.exact
    # All three have a name starting with "muller" (Mullerson too): then by display name.
    assert [p.id for p in found.matches] == [5, 1, 3]
    assert [p.id for p in sample().lookup("bau").matches] == [3]
    assert [p.id for p in sample().lookup("francois lefevre").matches] == [4]
    assert [p.id for p in sample().lookup("soren").matches] == [2]


def test_nothing_found_is_an_empty_result():
    found = sample().lookup("99999")
    assert found.matches == []
    assert found.single is None


def test_updates_and_removals_are_seen_by_both_lookups():
    index = sample()
    index.update(person(1, "20001", "Müller & Söhne GmbH", "Jürgen", "Müller"))
    assert index.by_code("10001") == []
    assert [p.id for p in index.by_code("20001")] == [1]
    index.remove(3)
    assert [p.id for p in index.search("muller")] == [5, 1]
    assert 3 not in index
    assert len(index) == 4
    index.update(Participant(id=1, is_confirmed=True))  # partial answer keeps the contact
    confirmed = index.get(1)
    assert confirmed is not None
    assert confirmed.is_confirmed
    assert confirmed.contact is not None


def test_lookups_stay_fast_with_100k_participants():
    index = DeskIndex()
    index.replace_all(
        [
            person(i, str(500000 + i), f"Company {i % 977}", "Anna", f"Name{i}")
            for i in range(100_000)
        ]
    )
    started = time.perf_counter()
    for i in range(1000):
        assert index.by_code(str(500000 + i * 97))
    per_code_ms = (time.perf_counter() - started) * 1000 / 1000
    started = time.perf_counter()
    index.search("company 12")
    search_ms = (time.perf_counter() - started) * 1000
    print(f"[desk index] 100k: code lookup {per_code_ms:.4f} ms, text search {search_ms:.1f} ms")
