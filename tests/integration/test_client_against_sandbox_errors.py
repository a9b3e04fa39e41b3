"""PlandocketClient errors against the sandbox: keys, scopes, 404, 422, and what people see.

Every error must carry a plain sentence for the user, support details naming the status,
method and path and the sandbox's request id (X-Request-Id), and never the API key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import pytest

from app.api import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    PlandocketClient,
    PlandocketError,
    ValidationError,
)
from app.sandbox import DEMO_KEYS, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer
from tests.integration.client_fixtures import (
    ALL_DEMO_KEYS,
    MakePlandocket,
    assert_no_key_in,
    assert_plain_sentence,
)

pytest_plugins = ("tests.integration.client_fixtures",)

PARTICIPANTS = "/api/v1/participants"
UNKNOWN_KEY = "pd_live_unknown_5f0c2e9a7b31"
MISSING_ID = 987_654

Call = Callable[[PlandocketClient], Any]


class Endpoint(NamedTuple):
    """One client call and the request it sends."""

    name: str
    call: Call
    method: str
    path: str


PARTICIPANT_CALLS = [
    Endpoint("list", lambda c: c.list_participants(EXPO_KEY), "GET", PARTICIPANTS),
    Endpoint("get", lambda c: c.get_participant(1), "GET", f"{PARTICIPANTS}/1"),
    Endpoint("add", lambda c: c.add_participant(SUMMIT_KEY, "10001"), "POST", PARTICIPANTS),
    Endpoint(
        "update", lambda c: c.update_participant(1, is_confirmed=True), "PATCH", f"{PARTICIPANTS}/1"
    ),
    Endpoint("remove", lambda c: c.remove_participant(1), "DELETE", f"{PARTICIPANTS}/1"),
]
NEIGHBOUR_CALLS = [
    Endpoint(
        "events", lambda c: c.list_events(include_participant_count=True), "GET", "/api/v1/events"
    ),
    Endpoint("contacts", lambda c: c.search_contacts("muller"), "GET", "/api/v1/contacts"),
]
ALL_CALLS = PARTICIPANT_CALLS + NEIGHBOUR_CALLS


def _ids(calls: list[Endpoint]) -> list[str]:
    return [endpoint.name for endpoint in calls]


def _assert_reported(
    error: PlandocketError, sandbox: SandboxServer, status: int, method: str, path: str
) -> None:
    """The error says what happened in plain words and gives support all it needs."""
    assert error.status == status
    assert (error.method, error.path) == (method, path)
    assert_plain_sentence(error.user_message)
    details = error.support_details
    assert f"HTTP {status}" in details
    assert f"{method} {path}" in details
    answered = [e for e in sandbox.request_log() if e.method == method and e.path == path]
    assert answered, "the sandbox logged the request"
    assert answered[-1].status == status
    assert error.request_id == answered[-1].request_id
    assert f"request {answered[-1].request_id}" in details
    assert_no_key_in(error, *ALL_DEMO_KEYS, UNKNOWN_KEY)


# -- keys and scopes -----------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ALL_CALLS, ids=_ids(ALL_CALLS))
def test_an_unknown_key_raises_authentication_error_on_every_endpoint(
    sandbox: SandboxServer,
    make_plandocket: MakePlandocket,
    endpoint: Endpoint,
):
    client = make_plandocket(sandbox, UNKNOWN_KEY)
    with pytest.raises(AuthenticationError) as raised:
        endpoint.call(client)
    _assert_reported(raised.value, sandbox, 401, endpoint.method, endpoint.path)
    assert client.request_count == 1, "a 401 is not retried"
    assert sandbox.store.audit_log() == []


def test_a_revoked_key_raises_authentication_error(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    key = "pd_live_temporary_0a1b2c3d4e5f"
    sandbox.add_api_key(key, {"participants"})
    client = make_plandocket(sandbox, key)
    assert len(client.list_participants(WORKSHOP_KEY)) == 24
    sandbox.remove_api_key(key)
    with pytest.raises(AuthenticationError) as raised:
        client.list_participants(WORKSHOP_KEY)
    assert_no_key_in(raised.value, key)


def test_a_participants_only_key_manages_participants(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    client = make_plandocket(sandbox, DEMO_KEYS.participants_only)
    assert len(client.list_participants(WORKSHOP_KEY, include=("contact", "event"))) == 24
    free = sandbox.store.free_contacts()[0]
    assert free.customer_number is not None
    added = client.add_participant(WORKSHOP_KEY, free.customer_number)
    assert client.get_participant(added.id).id == added.id
    assert client.update_participant(added.id, is_confirmed=True).is_confirmed is True
    client.remove_participant(added.id)
    assert sandbox.store.participant(added.id) is None


@pytest.mark.parametrize("endpoint", NEIGHBOUR_CALLS, ids=_ids(NEIGHBOUR_CALLS))
def test_a_participants_only_key_is_denied_events_and_contacts_with_the_scope_named(
    sandbox: SandboxServer,
    make_plandocket: MakePlandocket,
    endpoint: Endpoint,
):
    client = make_plandocket(sandbox, DEMO_KEYS.participants_only)
    with pytest.raises(PermissionDeniedError) as raised:
        endpoint.call(client)
    error = raised.value
    assert error.scope == endpoint.name
    assert f"'{endpoint.name}'" in error.user_message
    _assert_reported(error, sandbox, 403, endpoint.method, endpoint.path)
    assert client.request_count == 1, "a 403 is not retried"


@pytest.mark.parametrize("endpoint", PARTICIPANT_CALLS, ids=_ids(PARTICIPANT_CALLS))
def test_a_key_without_the_participants_scope_is_denied_every_participant_endpoint(
    sandbox: SandboxServer,
    make_plandocket: MakePlandocket,
    endpoint: Endpoint,
):
    client = make_plandocket(sandbox, DEMO_KEYS.no_participants)
    with pytest.raises(PermissionDeniedError) as raised:
        endpoint.call(client)
    assert raised.value.scope == "participants"
    _assert_reported(raised.value, sandbox, 403, endpoint.method, endpoint.path)
    assert sandbox.store.audit_log() == []


def test_a_key_without_the_participants_scope_still_reads_events_and_contacts(
    sandbox: SandboxServer, make_plandocket: MakePlandocket
):
    client = make_plandocket(sandbox, DEMO_KEYS.no_participants)
    assert len(client.list_events()) == len(sandbox.store.events())
    assert client.search_contacts("muller", limit=5)


# -- 404 -----------------------------------------------------------------------------------

MISSING_CALLS: list[tuple[str, Call, str]] = [
    ("get", lambda c: c.get_participant(MISSING_ID, include=("contact",)), "GET"),
    ("confirm", lambda c: c.update_participant(MISSING_ID, is_confirmed=True), "PATCH"),
    ("move", lambda c: c.update_participant(MISSING_ID, event_key=EXPO_KEY), "PATCH"),
    ("remove", lambda c: c.remove_participant(MISSING_ID), "DELETE"),
]


@pytest.mark.parametrize(
    ("name", "call", "method"), MISSING_CALLS, ids=[c[0] for c in MISSING_CALLS]
)
def test_a_missing_participant_raises_not_found(
    sandbox: SandboxServer, client: PlandocketClient, name: str, call: Call, method: str
):
    with pytest.raises(NotFoundError) as raised:
        call(client)
    _assert_reported(raised.value, sandbox, 404, method, f"{PARTICIPANTS}/{MISSING_ID}")
    assert client.request_count == 1, "a 404 is not retried"


def test_removing_a_participant_twice_raises_not_found_the_second_time(
    sandbox: SandboxServer, client: PlandocketClient
):
    record = sandbox.store.participants_of(EXPO_KEY)[0]
    client.remove_participant(record.id)
    with pytest.raises(NotFoundError) as raised:
        client.remove_participant(record.id)
    _assert_reported(raised.value, sandbox, 404, "DELETE", f"{PARTICIPANTS}/{record.id}")


# -- 422 -----------------------------------------------------------------------------------


def _taken_number(sandbox: SandboxServer) -> str:
    record = sandbox.store.participants_of(EXPO_KEY)[0]
    contact = sandbox.store.contact(record.contact_id)
    assert contact is not None
    assert contact.customer_number is not None
    return contact.customer_number


def _free_number(sandbox: SandboxServer) -> str:
    number = sandbox.store.free_contacts()[0].customer_number
    assert number is not None
    return number


class Rejection(NamedTuple):
    """An add the server must refuse, and the field it must name."""

    case: str
    arguments: Callable[[SandboxServer], tuple[str, str]]
    field: str
    duplicate: bool = False


ADD_REJECTIONS = [
    Rejection("missing event key", lambda s: ("", _free_number(s)), "event_key"),
    Rejection("unknown event key", lambda s: ("NO-SUCH-EVENT", _free_number(s)), "event_key"),
    Rejection("missing customer number", lambda s: (EXPO_KEY, ""), "customer_number"),
    Rejection("unknown customer number", lambda s: (EXPO_KEY, "nope"), "customer_number"),
    Rejection("duplicate", lambda s: (EXPO_KEY, _taken_number(s)), "customer_number", True),
]


@pytest.mark.parametrize("rejection", ADD_REJECTIONS, ids=[r.case for r in ADD_REJECTIONS])
def test_a_rejected_add_raises_validation_error_on_the_right_field(
    sandbox: SandboxServer, client: PlandocketClient, rejection: Rejection
):
    event_key, number = rejection.arguments(sandbox)
    with pytest.raises(ValidationError) as raised:
        client.add_participant(event_key, number)
    error = raised.value
    assert list(error.field_errors) == [rejection.field]
    assert error.is_duplicate is rejection.duplicate
    for message in error.field_errors[rejection.field]:
        assert message in error.user_message
    _assert_reported(error, sandbox, 422, "POST", PARTICIPANTS)
    assert client.request_count == 1, "a 422 is not retried"
    assert sandbox.store.audit_log() == []


def test_moving_a_participant_into_an_event_the_contact_is_in_is_a_duplicate(
    sandbox: SandboxServer, client: PlandocketClient
):
    workshop_contacts = {r.contact_id for r in sandbox.store.participants_of(WORKSHOP_KEY)}
    record = next(
        r for r in sandbox.store.participants_of(EXPO_KEY) if r.contact_id in workshop_contacts
    )
    with pytest.raises(ValidationError) as raised:
        client.update_participant(record.id, event_key=WORKSHOP_KEY)
    assert raised.value.is_duplicate
    _assert_reported(raised.value, sandbox, 422, "PATCH", f"{PARTICIPANTS}/{record.id}")
    assert sandbox.store.participant(record.id) == record


@pytest.mark.parametrize("field", ["event_key", "customer_number"])
def test_a_rejected_update_raises_validation_error_on_the_right_field(
    sandbox: SandboxServer, client: PlandocketClient, field: str
):
    record = sandbox.store.participants_of(EXPO_KEY)[1]
    event_key = "NO-SUCH-EVENT" if field == "event_key" else None
    number = "no-such-number" if field == "customer_number" else None
    with pytest.raises(ValidationError) as raised:
        client.update_participant(record.id, event_key=event_key, customer_number=number)
    assert list(raised.value.field_errors) == [field]
    assert not raised.value.is_duplicate
    _assert_reported(raised.value, sandbox, 422, "PATCH", f"{PARTICIPANTS}/{record.id}")
    assert sandbox.store.participant(record.id) == record


# -- the key stays secret ------------------------------------------------------------------


def test_the_key_never_travels_in_a_url(sandbox: SandboxServer, client: PlandocketClient):
    client.list_participants(EXPO_KEY, include=("contact",))
    client.list_events()
    client.search_contacts("muller", limit=200)
    with pytest.raises(NotFoundError):
        client.get_participant(MISSING_ID)
    log = sandbox.request_log()
    assert len(log) > 5
    for entry in log:
        assert "api_key" not in entry.query
        assert DEMO_KEYS.full not in entry.query
        assert DEMO_KEYS.full not in entry.path
    assert DEMO_KEYS.full not in repr(client)


def test_last_request_id_is_the_sandbox_request_id_of_the_last_answer(
    sandbox: SandboxServer, client: PlandocketClient
):
    client.get_participant(1)
    assert client.last_request_id == sandbox.request_log()[-1].request_id
    with pytest.raises(NotFoundError):
        client.get_participant(MISSING_ID)
    assert client.last_request_id == sandbox.request_log()[-1].request_id
