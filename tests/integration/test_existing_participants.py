"""Who already takes part, asked of the sandbox: customer numbers per event, requests counted."""

from __future__ import annotations

from app.office.existing_participants import fetch_existing
from app.sandbox import CONF_KEY, WORKSHOP_KEY, SandboxServer
from tests.integration.client_fixtures import MakePlandocket

pytest_plugins = ["tests.integration.client_fixtures"]


def numbers_of(sandbox: SandboxServer, event_key: str) -> frozenset[str]:
    store = sandbox.store
    found = set()
    for record in store.participants_of(event_key):
        contact = store.contact(record.contact_id)
        if contact is not None and contact.customer_number:
            found.add(contact.customer_number)
    return frozenset(found)


def test_customer_numbers_of_each_event(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    client = make_plandocket(sandbox, page_size=1000)
    sandbox.clear_request_log()
    steps: list[tuple[int, int]] = []
    found = fetch_existing(
        client,
        [WORKSHOP_KEY, CONF_KEY, WORKSHOP_KEY, "NOPE26"],
        progress=lambda done, total: steps.append((done, total)),
    )
    assert found.numbers[WORKSHOP_KEY] == numbers_of(sandbox, WORKSHOP_KEY)
    assert found.numbers[CONF_KEY] == numbers_of(sandbox, CONF_KEY)
    assert found.numbers["NOPE26"] == frozenset()
    # The sandbox serves 100 a page: 1 for the workshop, 25 for 2,500 attendees, 1 for
    # the unknown key; each counted as the request it was.
    assert found.requests == 27
    assert len(sandbox.request_log()) == 27
    assert steps[-1] == (3, 3)
    number = next(iter(found.numbers[WORKSHOP_KEY]))
    assert found.takes_part(WORKSHOP_KEY, number)
    assert not found.takes_part(CONF_KEY + "X", number)


def test_a_loaded_list_costs_no_request(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    client = make_plandocket(sandbox)
    known = {WORKSHOP_KEY: frozenset({"1"})}
    found = fetch_existing(client, [WORKSHOP_KEY], known=known)
    assert found.requests == 0
    assert found.numbers == known


def test_stopping_returns_what_was_found(sandbox: SandboxServer, make_plandocket: MakePlandocket):
    client = make_plandocket(sandbox)
    found = fetch_existing(client, [WORKSHOP_KEY, CONF_KEY], stop=lambda: True)
    assert list(found.numbers) == [WORKSHOP_KEY]
