"""PlandocketClient against both documented response shapes, and partial write answers.

"documented": ``id``, ISO timestamps with microseconds, booleans. "sample": ``participant_id``,
Unix seconds, 0/1 flags and a ``meta.request_id`` envelope. Write answers may be partial
(only the id and timestamps, as the seed's sample shows).
"""

from __future__ import annotations

import pytest

from app.api import NotFoundError, ValidationError
from app.domain import Participant
from app.sandbox import CONF_KEY, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer
from tests.integration.client_fixtures import (
    MakePlandocket,
    assert_plain_sentence,
    row_of,
    stored_row,
)
from tests.sandbox_fixtures import MakeSandbox

pytest_plugins = ("tests.integration.client_fixtures",)

SHAPES = ("documented", "sample")


def _stored(server: SandboxServer, participant_id: int) -> tuple[object, ...]:
    record = server.store.participant(participant_id)
    assert record is not None
    return stored_row(record, whole_seconds=server.config.response_shape == "sample")


def _free_number(server: SandboxServer, index: int = 0) -> str:
    number = server.store.free_contacts()[index].customer_number
    assert number is not None
    return number


def test_both_shapes_read_the_same_participants_with_all_includes(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket
):
    include = ("contact", "event", "category")
    read: dict[str, list[Participant]] = {}
    for shape in SHAPES:
        server = make_sandbox(response_shape=shape)
        read[shape] = make_plandocket(server).list_participants(WORKSHOP_KEY, include=include)
    assert len(read["sample"]) == 24
    assert read["sample"] == read["documented"]
    assert all(type(p.event.is_visible) is bool for p in read["sample"] if p.event)


def test_both_shapes_read_the_same_single_participant_events_and_contacts(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket
):
    seen = []
    for shape in SHAPES:
        client = make_plandocket(make_sandbox(response_shape=shape))
        seen.append(
            (
                client.get_participant(1, include=("contact", "event", "category")),
                client.list_events(include_participant_count=True),
                client.search_contacts("muller", limit=20),
            )
        )
    assert seen[0] == seen[1]


@pytest.mark.parametrize("shape", SHAPES)
def test_sample_and_documented_datetimes_are_aware_utc_and_flags_are_booleans(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, shape: str
):
    server = make_sandbox(response_shape=shape)
    for participant in make_plandocket(server).list_participants(CONF_KEY):
        assert type(participant.is_confirmed) is bool
        for moment in (participant.created_at, participant.updated_at):
            assert moment is not None
            assert moment.tzinfo is not None
            assert moment.utcoffset() is not None
            assert not moment.utcoffset()


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("partial", [False, True], ids=["full", "partial"])
def test_add_in_every_shape_returns_the_stored_id_and_the_requested_flag(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, shape: str, partial: bool
):
    server = make_sandbox(response_shape=shape, partial_write_responses=partial)
    client = make_plandocket(server)
    number = _free_number(server)
    added = client.add_participant(EXPO_KEY, number, is_confirmed=True)
    stored = server.store.find(EXPO_KEY, number)
    assert stored is not None
    assert added.id == stored.id
    assert added.is_confirmed is True
    expected = _stored(server, stored.id)
    assert (added.created_at, added.updated_at) == expected[5:]
    if partial:
        # Only id and timestamps came back: what the server did not say stays unknown.
        assert (added.event_id, added.contact_id) == (None, None)
    else:
        assert row_of(added) == expected
    assert row_of(client.get_participant(added.id)) == expected


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("partial", [False, True], ids=["full", "partial"])
def test_confirm_in_every_shape_merges_onto_the_known_row_as_the_store_has_it(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, shape: str, partial: bool
):
    server = make_sandbox(response_shape=shape, partial_write_responses=partial)
    client = make_plandocket(server)
    known = next(p for p in client.list_participants(WORKSHOP_KEY) if not p.is_confirmed)
    answer = client.update_participant(known.id, is_confirmed=True)
    assert answer.is_confirmed is True
    merged = answer.merged_onto(known)
    assert row_of(merged) == _stored(server, known.id)
    unconfirmed = client.update_participant(known.id, is_confirmed=False).merged_onto(merged)
    assert row_of(unconfirmed) == _stored(server, known.id)
    assert unconfirmed.is_confirmed is False


@pytest.mark.parametrize("shape", SHAPES)
def test_moves_and_removes_work_in_every_shape_with_partial_answers(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, shape: str
):
    server = make_sandbox(response_shape=shape, partial_write_responses=True)
    client = make_plandocket(server)
    record = server.store.participants_of(WORKSHOP_KEY)[0]
    moved = client.update_participant(record.id, event_key=SUMMIT_KEY)
    assert moved.id == record.id
    summit = server.store.event_by_key(SUMMIT_KEY)
    assert summit is not None
    stored = server.store.participant(record.id)
    assert stored is not None
    assert stored.event_id == summit.id
    # The partial answer does not say where it moved; the store (and a re-read) does.
    assert client.get_participant(record.id).event_id == summit.id
    client.remove_participant(record.id)
    assert server.store.participant(record.id) is None


@pytest.mark.parametrize("shape", SHAPES)
def test_error_answers_in_every_shape_carry_the_request_id(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, shape: str
):
    server = make_sandbox(response_shape=shape)
    client = make_plandocket(server)
    with pytest.raises(NotFoundError) as missing:
        client.get_participant(987_654)
    assert missing.value.request_id == server.request_log()[-1].request_id
    with pytest.raises(ValidationError) as rejected:
        client.add_participant("NO-SUCH-EVENT", _free_number(server))
    assert rejected.value.request_id == server.request_log()[-1].request_id
    assert list(rejected.value.field_errors) == ["event_key"]
    for error in (missing.value, rejected.value):
        assert_plain_sentence(error.user_message)
        assert f"request {error.request_id}" in error.support_details


@pytest.mark.parametrize("shape", SHAPES)
def test_last_request_id_of_a_success_matches_the_sandbox_in_every_shape(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, shape: str
):
    server = make_sandbox(response_shape=shape)
    client = make_plandocket(server)
    client.get_participant(1)
    assert client.last_request_id == server.request_log()[-1].request_id
