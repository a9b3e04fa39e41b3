"""PlandocketClient writes against the sandbox: add, confirm/unconfirm, move, switch, remove.

Each write is checked in the sandbox store and its audit log, not only in the client's answer.
"""

from __future__ import annotations

import pytest

from app.api import NotFoundError, PlandocketClient
from app.sandbox import EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, ContactRecord, SandboxServer
from tests.integration.client_fixtures import Recorder, ids_of, row_of, stored_row

pytest_plugins = ("tests.integration.client_fixtures",)


def _free_contact(sandbox: SandboxServer, index: int = 0) -> tuple[ContactRecord, str]:
    contact = sandbox.store.free_contacts()[index]
    assert contact.customer_number is not None
    return contact, contact.customer_number


def _event_id(sandbox: SandboxServer, event_key: str) -> int:
    event = sandbox.store.event_by_key(event_key)
    assert event is not None
    return event.id


# -- add -----------------------------------------------------------------------------------


def test_add_participant_answers_201_and_the_store_shows_an_unconfirmed_participation(
    sandbox: SandboxServer, client: PlandocketClient, recorder: Recorder
):
    contact, number = _free_contact(sandbox)
    added = client.add_participant(EXPO_KEY, number)
    assert recorder.statuses("POST") == [201]
    stored = sandbox.store.find(EXPO_KEY, number)
    assert stored is not None
    assert added.id == stored.id
    assert (added.event_id, added.contact_id) == (_event_id(sandbox, EXPO_KEY), contact.id)
    assert added.is_confirmed is False
    assert stored.is_confirmed is False
    assert row_of(added) == stored_row(stored)
    creates = [e for e in sandbox.store.audit_log() if e.op == "create"]
    assert [e.participant_id for e in creates] == [stored.id]


@pytest.mark.parametrize("confirmed", [True, False])
def test_add_participant_stores_the_given_confirmation_flag(
    sandbox: SandboxServer, client: PlandocketClient, confirmed: bool
):
    _, number = _free_contact(sandbox)
    added = client.add_participant(SUMMIT_KEY, number, is_confirmed=confirmed)
    stored = sandbox.store.find(SUMMIT_KEY, number)
    assert stored is not None
    assert stored.is_confirmed is confirmed
    assert added.is_confirmed is confirmed


def test_an_added_participant_is_listed_and_read_back_identically(
    sandbox: SandboxServer, client: PlandocketClient
):
    _, number = _free_contact(sandbox, 5)
    added = client.add_participant(WORKSHOP_KEY, number, is_confirmed=True)
    assert added.id in ids_of(client.list_participants(WORKSHOP_KEY))
    assert added.id in ids_of(client.list_participants(WORKSHOP_KEY, confirmed=True))
    assert added.id not in ids_of(client.list_participants(WORKSHOP_KEY, confirmed=False))
    assert ids_of(client.list_participants(customer_number=number)) == [added.id]
    read = client.get_participant(added.id, include=("contact",))
    assert row_of(read) == row_of(added)
    assert read.contact is not None
    assert read.contact.customer_number == number


def test_a_contact_can_take_part_in_several_events(
    sandbox: SandboxServer, client: PlandocketClient
):
    contact, number = _free_contact(sandbox, 2)
    first = client.add_participant(EXPO_KEY, number)
    second = client.add_participant(SUMMIT_KEY, number)
    assert first.id != second.id
    assert sandbox.store.participant_ids(contact_id=contact.id) == sorted([first.id, second.id])


# -- update --------------------------------------------------------------------------------


def test_confirm_then_unconfirm_reaches_the_store_and_bumps_updated_at(
    sandbox: SandboxServer, client: PlandocketClient, recorder: Recorder
):
    record = next(r for r in sandbox.store.participants_of(EXPO_KEY) if not r.is_confirmed)
    confirmed = client.update_participant(record.id, is_confirmed=True)
    stored = sandbox.store.participant(record.id)
    assert stored is not None
    assert stored.is_confirmed is True
    assert confirmed.is_confirmed is True
    assert row_of(confirmed) == stored_row(stored)
    assert confirmed.updated_at is not None
    assert record.updated_us < stored.updated_us

    unconfirmed = client.update_participant(record.id, is_confirmed=False)
    stored = sandbox.store.participant(record.id)
    assert stored is not None
    assert stored.is_confirmed is False
    assert unconfirmed.is_confirmed is False
    assert unconfirmed.updated_at is not None
    assert confirmed.updated_at < unconfirmed.updated_at

    changes = [e for e in sandbox.store.audit_log() if e.changed]
    assert [(e.before_confirmed, e.after_confirmed) for e in changes] == [
        (False, True),
        (True, False),
    ]
    assert recorder.statuses("PATCH") == [200, 200]


def test_confirming_a_confirmed_participant_changes_nothing(
    sandbox: SandboxServer, client: PlandocketClient
):
    record = next(r for r in sandbox.store.participants_of(EXPO_KEY) if r.is_confirmed)
    answer = client.update_participant(record.id, is_confirmed=True)
    assert answer.is_confirmed is True
    assert sandbox.store.participant(record.id) == record
    assert [e.changed for e in sandbox.store.audit_log()] == [False]


def test_update_moves_a_participation_to_another_event_by_event_key(
    sandbox: SandboxServer, client: PlandocketClient
):
    summit_contacts = {r.contact_id for r in sandbox.store.participants_of(SUMMIT_KEY)}
    record = next(
        r for r in sandbox.store.participants_of(EXPO_KEY) if r.contact_id not in summit_contacts
    )
    moved = client.update_participant(record.id, event_key=SUMMIT_KEY)
    summit_id = _event_id(sandbox, SUMMIT_KEY)
    assert moved.id == record.id
    assert moved.event_id == summit_id
    stored = sandbox.store.participant(record.id)
    assert stored is not None
    assert (stored.event_id, stored.contact_id) == (summit_id, record.contact_id)
    assert record.id not in ids_of(client.list_participants(EXPO_KEY))
    assert ids_of(client.list_participants(SUMMIT_KEY)) == [record.id]


def test_update_switches_the_contact_by_customer_number(
    sandbox: SandboxServer, client: PlandocketClient
):
    record = sandbox.store.participants_of(WORKSHOP_KEY)[0]
    contact, number = _free_contact(sandbox, 1)
    switched = client.update_participant(record.id, customer_number=number)
    assert switched.contact_id == contact.id
    stored = sandbox.store.participant(record.id)
    assert stored is not None
    assert (stored.event_id, stored.contact_id) == (record.event_id, contact.id)
    assert sandbox.store.find(WORKSHOP_KEY, number) == stored
    found = client.list_participants(WORKSHOP_KEY, number, include=("contact",))
    assert [p.contact.customer_number for p in found if p.contact] == [number]


def test_update_changes_several_fields_in_one_call(
    sandbox: SandboxServer, client: PlandocketClient
):
    record = next(r for r in sandbox.store.participants_of(WORKSHOP_KEY) if not r.is_confirmed)
    contact, number = _free_contact(sandbox, 4)
    answer = client.update_participant(
        record.id, is_confirmed=True, event_key=SUMMIT_KEY, customer_number=number
    )
    stored = sandbox.store.participant(record.id)
    assert stored is not None
    assert (stored.event_id, stored.contact_id, stored.is_confirmed) == (
        _event_id(sandbox, SUMMIT_KEY),
        contact.id,
        True,
    )
    assert row_of(answer) == stored_row(stored)
    assert len([e for e in sandbox.store.audit_log() if e.changed]) == 1


def test_update_without_any_field_is_refused_before_sending(client: PlandocketClient):
    with pytest.raises(ValueError, match="at least one field"):
        client.update_participant(1)
    assert client.request_count == 0


# -- remove --------------------------------------------------------------------------------


def test_remove_participant_answers_204_and_the_contact_stays(
    sandbox: SandboxServer, client: PlandocketClient, recorder: Recorder
):
    record = sandbox.store.participants_of(EXPO_KEY)[3]
    client.remove_participant(record.id)
    assert recorder.statuses("DELETE") == [204]
    assert sandbox.store.participant(record.id) is None
    assert sandbox.store.contact(record.contact_id) is not None
    assert record.id not in ids_of(client.list_participants(EXPO_KEY))
    assert [(e.op, e.participant_id) for e in sandbox.store.audit_log()] == [("delete", record.id)]
    with pytest.raises(NotFoundError):
        client.get_participant(record.id)


def test_a_removed_participation_can_be_added_again(
    sandbox: SandboxServer, client: PlandocketClient
):
    record = sandbox.store.participants_of(WORKSHOP_KEY)[0]
    contact = sandbox.store.contact(record.contact_id)
    assert contact is not None
    assert contact.customer_number is not None
    client.remove_participant(record.id)
    again = client.add_participant(WORKSHOP_KEY, contact.customer_number)
    assert again.id != record.id
    assert sandbox.store.find(WORKSHOP_KEY, contact.customer_number) is not None
    assert sandbox.store.count(WORKSHOP_KEY) == 24
