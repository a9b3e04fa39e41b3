"""PlandocketClient reads against the sandbox: filters, includes, single rows, events, contacts.

Every expectation comes from the sandbox store's own inspection API, never from the client.
"""

from __future__ import annotations

import itertools
import unicodedata
from datetime import UTC, datetime

import pytest

from app.api import PlandocketClient
from app.domain import Participant
from app.sandbox import (
    CONF_KEY,
    EXPO_KEY,
    SUMMIT_KEY,
    WORKSHOP_KEY,
    ContactRecord,
    SandboxServer,
)
from tests.integration.client_fixtures import Recorder, ids_of, row_of, stored_row

pytest_plugins = ("tests.integration.client_fixtures",)

EVENT_KEYS = (EXPO_KEY, CONF_KEY, WORKSHOP_KEY, SUMMIT_KEY)
INCLUDE_COMBINATIONS = [
    combo
    for size in range(4)
    for combo in itertools.combinations(("contact", "event", "category"), size)
]


def _fold(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    ).casefold()


def _contact_fields(contact: ContactRecord) -> tuple[object, ...]:
    c = contact
    return (
        c.id,
        c.customer_number,
        c.company_name,
        c.first_name,
        c.last_name,
        c.email,
        c.phone,
        c.city,
        c.country,
    )


def _assert_includes_match_store(
    sandbox: SandboxServer, participant: Participant, include: tuple[str, ...]
) -> None:
    store = sandbox.store
    record = store.participant(participant.id)
    assert record is not None
    if "contact" in include:
        contact = store.contact(record.contact_id)
        assert contact is not None
        assert participant.contact is not None
        c = participant.contact
        got = (
            c.id,
            c.customer_number,
            c.company_name,
            c.first_name,
            c.last_name,
            c.email,
            c.phone,
            c.city,
            c.country,
        )
        assert got == _contact_fields(contact)
    else:
        assert participant.contact is None
    if "event" in include:
        event = store.event(record.event_id)
        assert event is not None
        assert participant.event is not None
        e = participant.event
        assert (e.id, e.event_key, e.title, e.date_from, e.date_to) == (
            event.id,
            event.event_key,
            event.title,
            event.date_from,
            event.date_to,
        )
        assert (e.city, e.country, e.is_visible) == (event.city, event.country, event.is_visible)
    else:
        assert participant.event is None
    if "category" in include and record.category_id is not None:
        category = store.category(record.category_id)
        assert category is not None
        assert participant.category is not None
        k = participant.category
        assert (k.id, k.category_key, k.title, k.parent_category_id, k.level, k.sort_order) == (
            category.id,
            category.category_key,
            category.title,
            category.parent_category_id,
            category.level,
            category.sort_order,
        )
    else:
        assert participant.category is None


# -- participants list ---------------------------------------------------------------------


@pytest.mark.parametrize("event_key", EVENT_KEYS)
def test_event_list_equals_the_store_participants_of_that_event(
    sandbox: SandboxServer, client: PlandocketClient, event_key: str
):
    listed = client.list_participants(event_key)
    expected = sandbox.store.participants_of(event_key)
    assert ids_of(listed) == [record.id for record in expected]
    assert [row_of(p) for p in listed] == [stored_row(record) for record in expected]


def test_unfiltered_list_holds_every_participant_of_every_event(
    sandbox: SandboxServer, client: PlandocketClient
):
    listed = client.list_participants()
    assert ids_of(listed) == sandbox.store.participant_ids()
    assert len(listed) == sandbox.store.count()


@pytest.mark.parametrize("event_key", [EXPO_KEY, CONF_KEY, WORKSHOP_KEY])
@pytest.mark.parametrize("confirmed", [True, False])
def test_confirmed_filter_matches_the_store_counts_and_rows(
    sandbox: SandboxServer, client: PlandocketClient, event_key: str, confirmed: bool
):
    listed = client.list_participants(event_key, confirmed=confirmed)
    assert len(listed) == sandbox.store.count(event_key, confirmed)
    assert {p.is_confirmed for p in listed} == {confirmed}
    expected = [
        r.id for r in sandbox.store.participants_of(event_key) if r.is_confirmed == confirmed
    ]
    assert ids_of(listed) == expected


def test_confirmed_and_unconfirmed_lists_partition_the_event(client: PlandocketClient):
    confirmed = set(ids_of(client.list_participants(EXPO_KEY, confirmed=True)))
    unconfirmed = set(ids_of(client.list_participants(EXPO_KEY, confirmed=False)))
    assert confirmed
    assert unconfirmed
    assert not confirmed & unconfirmed
    assert confirmed | unconfirmed == set(ids_of(client.list_participants(EXPO_KEY)))


def test_customer_number_filter_finds_every_participation_of_that_contact(
    sandbox: SandboxServer, client: PlandocketClient
):
    store = sandbox.store
    in_both = {r.contact_id for r in store.participants_of(EXPO_KEY)} & {
        r.contact_id for r in store.participants_of(CONF_KEY)
    }
    contact = next(c for c in store.contacts() if c.id in in_both and c.customer_number is not None)
    assert contact.customer_number is not None
    everywhere = client.list_participants(customer_number=contact.customer_number)
    expected = store.participant_ids(contact_id=contact.id)
    assert len(expected) >= 2
    assert ids_of(everywhere) == expected
    assert {p.contact_id for p in everywhere} == {contact.id}

    in_expo = client.list_participants(EXPO_KEY, contact.customer_number)
    match = store.find(EXPO_KEY, contact.customer_number)
    assert match is not None
    assert ids_of(in_expo) == [match.id]


def test_customer_number_filter_accepts_hand_assigned_numbers(
    sandbox: SandboxServer, client: PlandocketClient
):
    store = sandbox.store
    hand = [
        c
        for c in store.contacts()
        if c.customer_number
        and c.customer_number.startswith("M-")
        and store.participant_ids(contact_id=c.id)
    ]
    assert hand, "the seeded dataset has hand-assigned customer numbers"
    for contact in hand:
        assert contact.customer_number is not None
        listed = client.list_participants(customer_number=contact.customer_number)
        assert ids_of(listed) == store.participant_ids(contact_id=contact.id)


def test_filtering_on_an_unknown_event_or_customer_number_gives_an_empty_list(
    sandbox: SandboxServer, client: PlandocketClient
):
    assert client.list_participants("NO-SUCH-EVENT") == []
    assert client.list_participants(customer_number="no-such-number") == []
    free = sandbox.store.free_contacts()[0]
    assert free.customer_number is not None
    assert client.list_participants(customer_number=free.customer_number) == []


@pytest.mark.parametrize("include", INCLUDE_COMBINATIONS, ids=lambda c: "+".join(c) or "none")
def test_includes_in_every_combination_match_the_store(
    sandbox: SandboxServer, client: PlandocketClient, include: tuple[str, ...]
):
    listed = client.list_participants(EXPO_KEY, include=include)
    expected = sandbox.store.participants_of(EXPO_KEY)
    assert [row_of(p) for p in listed] == [stored_row(r) for r in expected]
    for participant in listed:
        _assert_includes_match_store(sandbox, participant, include)


def test_included_category_is_none_for_participants_without_a_category(
    sandbox: SandboxServer, client: PlandocketClient
):
    listed = client.list_participants(CONF_KEY, include=("category",))
    without = [p for p in listed if p.category_id is None]
    expected = [r.id for r in sandbox.store.participants_of(CONF_KEY) if r.category_id is None]
    assert expected, "the seeded conference has participants without a category"
    assert ids_of(without) == expected
    assert all(p.category is None for p in without)
    assert all(p.category is not None for p in listed if p.category_id is not None)


def test_filters_and_includes_combine(sandbox: SandboxServer, client: PlandocketClient):
    listed = client.list_participants(
        CONF_KEY, confirmed=True, include=("contact", "event", "category")
    )
    assert len(listed) == sandbox.store.count(CONF_KEY, confirmed=True)
    for participant in listed:
        assert participant.is_confirmed is True
        assert participant.event is not None
        assert participant.event.event_key == CONF_KEY
        _assert_includes_match_store(sandbox, participant, ("contact", "event", "category"))


def test_participant_pages_arrive_in_order_without_repeats(
    sandbox: SandboxServer, client: PlandocketClient
):
    pages = list(client.iter_participant_pages(EXPO_KEY))
    sizes = [len(page) for page in pages]
    assert sizes == [100] * 6  # per_page_max of the default sandbox
    flat = [p.id for page in pages for p in page]
    assert flat == [r.id for r in sandbox.store.participants_of(EXPO_KEY)]


def test_closing_the_page_iterator_after_the_first_page_sends_no_further_request(
    client: PlandocketClient, recorder: Recorder
):
    pages = client.iter_participant_pages(CONF_KEY)
    first = next(pages)
    pages.close()
    assert len(first) == 100
    assert client.request_count == 1
    assert len(recorder.records) == 1


# -- one participant -----------------------------------------------------------------------


@pytest.mark.parametrize("include", [(), ("contact", "event", "category"), ("event",)])
def test_get_participant_returns_the_stored_row_with_its_includes(
    sandbox: SandboxServer, client: PlandocketClient, include: tuple[str, ...]
):
    for record in sandbox.store.participants_of(WORKSHOP_KEY)[:5]:
        participant = client.get_participant(record.id, include=include)
        assert row_of(participant) == stored_row(record)
        _assert_includes_match_store(sandbox, participant, include)


def test_read_timestamps_are_aware_utc_datetimes(client: PlandocketClient):
    for participant in client.list_participants(WORKSHOP_KEY):
        for moment in (participant.created_at, participant.updated_at):
            assert moment is not None
            assert moment.tzinfo is not None
            assert moment.utcoffset() == datetime.now(UTC).utcoffset()
        assert participant.created_at is not None
        assert participant.updated_at is not None
        assert participant.updated_at >= participant.created_at


def test_find_participation_returns_the_stored_participation_or_none(
    sandbox: SandboxServer, client: PlandocketClient
):
    record = sandbox.store.participants_of(EXPO_KEY)[7]
    contact = sandbox.store.contact(record.contact_id)
    assert contact is not None
    assert contact.customer_number is not None
    found = client.find_participation(EXPO_KEY, contact.customer_number)
    assert found is not None
    assert found.id == record.id
    assert client.find_participation(SUMMIT_KEY, contact.customer_number) is None


# -- events --------------------------------------------------------------------------------


def test_list_events_reports_the_store_participant_counts(
    sandbox: SandboxServer, client: PlandocketClient
):
    events = client.list_events(include_participant_count=True)
    assert {e.event_key for e in events} == {e.event_key for e in sandbox.store.events()}
    for event in events:
        assert event.participant_count == sandbox.store.count(event.event_key)
    dates = [e.date_from for e in events]
    assert None not in dates
    assert dates == sorted((d for d in dates if d is not None), reverse=True)


def test_list_events_counts_follow_writes(sandbox: SandboxServer, client: PlandocketClient):
    free = sandbox.store.free_contacts()[0]
    assert free.customer_number is not None
    client.add_participant(SUMMIT_KEY, free.customer_number)
    counts = {
        e.event_key: e.participant_count for e in client.list_events(include_participant_count=True)
    }
    assert counts[SUMMIT_KEY] == 1 == sandbox.store.count(SUMMIT_KEY)


def test_list_events_without_counts_leaves_the_count_unknown(client: PlandocketClient):
    events = client.list_events()
    assert events
    assert {e.participant_count for e in events} == {None}


def test_list_events_filters_by_accent_insensitive_search_visibility_and_date(
    sandbox: SandboxServer, client: PlandocketClient
):
    assert [e.event_key for e in client.list_events("grun")] == [EXPO_KEY]
    assert [e.event_key for e in client.list_events("MÜNCHEN")] == [CONF_KEY]
    assert [e.event_key for e in client.list_events(visible=False)] == [WORKSHOP_KEY]
    assert WORKSHOP_KEY not in {e.event_key for e in client.list_events(visible=True)}
    sandbox.set_clock(lambda: datetime(2026, 6, 1, tzinfo=UTC).timestamp())
    upcoming = {e.event_key for e in client.list_events(upcoming=True)}
    assert upcoming == {EXPO_KEY, CONF_KEY, SUMMIT_KEY}
    assert [e.event_key for e in client.list_events(upcoming=False)] == [WORKSHOP_KEY]


# -- contacts ------------------------------------------------------------------------------


def _haystack(contact: ContactRecord) -> str:
    parts = (
        contact.company_name,
        contact.first_name,
        contact.last_name,
        contact.email,
        contact.customer_number,
    )
    return _fold("\n".join(part for part in parts if part))


@pytest.mark.parametrize("search", ["muller", "Müller", "MULLER"])
def test_search_contacts_is_accent_and_case_insensitive(
    sandbox: SandboxServer, client: PlandocketClient, search: str
):
    expected = {c.id for c in sandbox.store.contacts() if "muller" in _haystack(c)}
    assert len(expected) > 100, "the dataset is full of Müllers"
    found = client.search_contacts(search, limit=1000)
    assert {c.id for c in found} == expected
    assert len(found) == len(expected)
    assert any(c.last_name == "Müller" for c in found)
    assert any(c.company_name and "Müller" in c.company_name for c in found)


def test_search_contacts_returns_at_most_limit_contacts(client: PlandocketClient):
    assert len(client.search_contacts("muller")) == 50
    assert len(client.search_contacts("muller", limit=7)) == 7


def test_search_contacts_within_an_event_only_finds_its_participants(
    sandbox: SandboxServer, client: PlandocketClient
):
    members = {r.contact_id for r in sandbox.store.participants_of(WORKSHOP_KEY)}
    found = client.search_contacts("e", event_key=WORKSHOP_KEY, limit=1000)
    assert found
    assert {c.id for c in found} <= members
    expected = {c.id for c in sandbox.store.contacts() if c.id in members and "e" in _haystack(c)}
    assert {c.id for c in found} == expected


def test_search_contacts_by_customer_number_finds_that_contact(
    sandbox: SandboxServer, client: PlandocketClient
):
    free = sandbox.store.free_contacts()[3]
    assert free.customer_number is not None
    found = client.search_contacts(free.customer_number)
    assert free.id in {c.id for c in found}
    match = next(c for c in found if c.id == free.id)
    assert (match.customer_number, match.email, match.city) == (
        free.customer_number,
        free.email,
        free.city,
    )
