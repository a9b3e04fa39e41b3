"""Tolerant reading of participants: both documented shapes and everything in between."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.api import ProtocolError
from app.api.parsing import (
    ParseCache,
    UnreadableItemError,
    parse_bool,
    parse_int,
    parse_participant,
    parse_timestamp,
)
from app.domain import Participant
from tests.unit.api._support import PARTICIPANTS, Server, make_client, participant, respond

JAN_1_2024 = datetime(2024, 1, 1, tzinfo=UTC)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)


def get_one(body: Any) -> Participant:
    server = Server([respond(200, body)])
    with make_client(server) as client:
        return client.get_participant(1)


def test_the_seed_sample_shape_with_participant_id_unix_seconds_and_meta_is_read() -> None:
    body = {
        "data": {"participant_id": 1, "created_at": 1704067200, "updated_at": 1704067200},
        "meta": {"request_id": "req_abc123"},
    }
    server = Server([respond(200, body)])
    with make_client(server) as client:
        got = client.get_participant(1)
        assert client.last_request_id == "req_abc123"
    assert got == Participant(id=1, created_at=JAN_1_2024, updated_at=JAN_1_2024)


def test_the_documented_field_list_shape_with_id_and_iso_strings_is_read() -> None:
    body = {
        "id": 7,
        "event_id": 3,
        "contact_id": 9,
        "is_confirmed": True,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00+00:00",
    }
    got = get_one({"data": body})
    assert got == Participant(
        id=7,
        event_id=3,
        contact_id=9,
        is_confirmed=True,
        created_at=JAN_1_2024,
        updated_at=JAN_1_2024,
    )


@pytest.mark.parametrize("key", ["id", "participant_id"])
@pytest.mark.parametrize("value", [5, "5", 5.0])
def test_either_id_key_is_accepted_as_int_or_numeric_string(key: str, value: object) -> None:
    assert parse_participant({key: value}).id == 5


def test_id_wins_over_participant_id_when_both_are_sent() -> None:
    assert parse_participant({"id": 5, "participant_id": 6}).id == 5


def test_an_unusable_id_falls_back_to_participant_id() -> None:
    assert parse_participant({"id": None, "participant_id": 6}).id == 6
    assert parse_participant({"id": "x", "participant_id": "6"}).id == 6


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-01-01T00:00:00Z", JAN_1_2024),
        ("2024-01-01T02:00:00+02:00", JAN_1_2024),
        ("2024-01-01T00:00:00", JAN_1_2024),  # naive means UTC (Laravel's default)
        ("2024-01-01 00:00:00", JAN_1_2024),
        ("2024-01-01T00:00:00.250Z", JAN_1_2024 + timedelta(milliseconds=250)),
        ("2024-01-01T00:00:00.250000Z", JAN_1_2024 + timedelta(milliseconds=250)),
        ("2024-01-01T00:00:00.250000", JAN_1_2024 + timedelta(milliseconds=250)),
        ("2024-01-01T00:00:00.123456789Z", JAN_1_2024 + timedelta(microseconds=123456)),
        ("2023-12-31T19:00:00.5-05:00", JAN_1_2024 + timedelta(milliseconds=500)),
        (1704067200, JAN_1_2024),
        (1704067200.25, JAN_1_2024 + timedelta(milliseconds=250)),
        ("1704067200", JAN_1_2024),
        (" 1704067200 ", JAN_1_2024),
        ("1704067200.25", JAN_1_2024 + timedelta(milliseconds=250)),
        (1704067200000, JAN_1_2024),  # milliseconds
    ],
)
def test_timestamps_in_every_documented_form_become_aware_datetimes(
    raw: object, expected: datetime
) -> None:
    parsed = parse_timestamp(raw)
    assert parsed == expected
    assert parsed is not None
    assert parsed.tzinfo is not None


def test_an_offset_is_kept_rather_than_converted_away() -> None:
    parsed = parse_timestamp("2024-01-01T02:00:00+02:00")
    assert parsed is not None
    assert parsed.utcoffset() == timedelta(hours=2)
    assert parsed.tzinfo == timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    "raw",
    [None, "", "yesterday", "2024-13-45T99:00:00", "1.2.3", "--", True, [], {}, "²", "nan", 1e300],
)
def test_an_unreadable_timestamp_becomes_none(raw: object) -> None:
    assert parse_timestamp(raw) is None


def test_created_and_updated_at_are_aware_even_when_the_server_sends_naive_strings() -> None:
    got = get_one({"data": participant(1, created_at="2024-01-01 00:00:00", updated_at=0)})
    assert got.created_at == JAN_1_2024
    assert got.updated_at == datetime(1970, 1, 1, tzinfo=UTC)
    assert got.created_at is not None
    assert got.created_at.tzinfo is not None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        ("1", True),
        ("0", False),
        ("true", True),
        ("false", False),
        (" TRUE ", True),
        (1.0, True),
        (None, None),
        (2, None),
        ("maybe", None),
        ([], None),
        ({}, None),
    ],
)
def test_is_confirmed_accepts_booleans_zero_one_and_their_strings(
    raw: object, expected: bool | None
) -> None:
    assert parse_bool(raw) is expected
    assert parse_participant({"id": 1, "is_confirmed": raw}).is_confirmed is expected


def test_a_missing_is_confirmed_stays_unknown_instead_of_not_confirmed() -> None:
    assert get_one({"data": {"id": 1}}).is_confirmed is None


@pytest.mark.parametrize(
    "body",
    [
        {"data": participant(1)},
        {"data": [participant(1)]},
        participant(1),
        [participant(1)],
        {"data": participant(1), "meta": {"request_id": "r"}, "links": {}},
    ],
    ids=["data-object", "data-list", "bare-object", "bare-list", "envelope"],
)
def test_a_single_participant_is_read_from_object_list_or_bare_body(body: object) -> None:
    assert get_one(body).id == 1


@pytest.mark.parametrize(
    "body",
    [
        {"data": []},
        {"data": [participant(1), participant(2)]},
        {"data": None},
        {"data": "1"},
        {"data": {"name": "no id here"}},
        {"error": "nothing"},
        [],
        "just a string",
        42,
    ],
)
def test_a_single_participant_answer_without_a_usable_id_is_a_protocol_error(
    body: object,
) -> None:
    server = Server([respond(200, body)])
    with make_client(server) as client, pytest.raises(ProtocolError) as caught:
        client.get_participant(1)
    assert caught.value.status == 200
    assert caught.value.path == f"{PARTICIPANTS}/1"


def test_a_listed_participant_without_an_id_is_a_protocol_error_not_silently_dropped() -> None:
    body = {"data": [participant(1), {"event_id": 10, "is_confirmed": True}]}
    server = Server([respond(200, body)])
    with make_client(server) as client, pytest.raises(ProtocolError) as caught:
        client.list_participants()
    assert "identify" in caught.value.user_message


def test_a_listed_item_that_is_not_an_object_is_a_protocol_error() -> None:
    server = Server([respond(200, {"data": [participant(1), "2"]})])
    with make_client(server) as client, pytest.raises(ProtocolError):
        client.list_participants()


def test_a_bad_timestamp_becomes_none_instead_of_failing_the_list() -> None:
    body = {
        "data": [
            participant(1, created_at="not a date", updated_at={"date": "2024"}),
            participant(2),
        ]
    }
    server = Server([respond(200, body)])
    with make_client(server) as client:
        first, second = client.list_participants()
    assert first.created_at is None
    assert first.updated_at is None
    assert second.created_at == datetime(2024, 1, 1, 10, tzinfo=UTC)


def test_unknown_fields_and_wrongly_typed_known_fields_are_ignored() -> None:
    raw = participant(
        1,
        event_id="ten",
        contact_id=[1],
        category_id=None,
        custom_field={"nested": [1, 2, {"deep": None}]},
        _links={"self": "/x"},
    )
    got = parse_participant(raw)
    assert got.id == 1
    assert got.event_id is None
    assert got.contact_id is None
    assert got.category_id is None


@pytest.mark.parametrize(
    "raw",
    [
        {"id": True},
        {"id": None},
        {"id": 1.5},
        {"id": "abc"},
        {"participant_id": []},
        {"id": "²"},
        {"id": "9" * 5000},
        {},
    ],
)
def test_a_participant_without_a_usable_id_is_unreadable(raw: object) -> None:
    with pytest.raises(UnreadableItemError):
        parse_participant(raw)


@pytest.mark.parametrize("raw", ["²", "٣", "9" * 5000, "--5", "1_000", " ", "-", "+-1", "1e3"])
def test_parse_int_returns_none_for_strings_int_cannot_read_safely(raw: str) -> None:
    value = parse_int(raw)
    assert value is None or isinstance(value, int)


def test_included_contact_event_and_category_are_read_and_fill_the_ids() -> None:
    raw = {
        "id": 1,
        "contact": {"id": 9, "customer_number": 12345, "company_name": "ACME", "city": "Köln"},
        "event": {"id": 3, "event_key": "expo24", "title": "Expo", "date_from": "2024-05-01"},
        "category": {"id": 4, "category_key": "exhibitor", "title": "Exhibitor"},
    }
    got = get_one({"data": raw})
    assert got.contact is not None
    assert got.contact.customer_number == "12345"
    assert got.contact.display_name == "ACME"
    assert got.event is not None
    assert got.event.event_key == "expo24"
    assert got.event.date_from == date(2024, 5, 1)
    assert got.category is not None
    assert got.category.title == "Exhibitor"
    assert (got.contact_id, got.event_id, got.category_id) == (9, 3, 4)


@pytest.mark.parametrize("value", [None, "absent", "garbage", [], {"name": "no id"}])
def test_included_objects_that_are_null_absent_or_unusable_become_none(value: object) -> None:
    raw: dict[str, Any] = {"id": 1, "event_id": 3, "contact_id": 9, "category_id": 4}
    if value != "absent":
        raw.update(contact=value, event=value, category=value)
    got = get_one({"data": raw})
    assert (got.contact, got.event, got.category) == (None, None, None)
    assert (got.contact_id, got.event_id, got.category_id) == (9, 3, 4)


def test_include_is_sent_as_a_comma_list_and_unknown_includes_are_refused() -> None:
    server = Server([respond(200, {"data": participant(1)})])
    with make_client(server) as client:
        client.get_participant(1, include=["contact", "event", "contact", "category"])
        with pytest.raises(ValueError, match="cannot include"):
            client.get_participant(1, include=["secrets"])
    assert server.params(0) == {"include": "contact,event,category"}


def test_list_filters_are_sent_as_documented_query_parameters() -> None:
    server = Server([respond(200, {"data": []})])
    with make_client(server) as client:
        client.list_participants(
            event_key="expo24", customer_number="K-1", confirmed=False, include=["contact"]
        )
    params = server.params(0)
    params.pop("per_page")
    assert params == {
        "event_key": "expo24",
        "customer_number": "K-1",
        "confirmed": "0",
        "include": "contact",
    }


def test_repeated_events_in_one_listing_share_one_object() -> None:
    event = {"id": 3, "event_key": "expo24", "city": "Berlin"}
    body = {"data": [{"id": n, "event": dict(event)} for n in range(1, 4)]}
    server = Server([respond(200, body)])
    with make_client(server) as client:
        rows = client.list_participants(include=["event"])
    assert rows[0].event is rows[1].event is rows[2].event


def test_a_parse_cache_shares_one_copy_of_equal_strings() -> None:
    cache = ParseCache()
    first = cache.text("".join(["Ber", "lin"]))
    second = cache.text("".join(["Be", "rlin"]))
    assert first == second == "Berlin"
    assert first is second


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_parse_participant_either_reads_an_object_or_says_it_is_unreadable(raw: Any) -> None:
    try:
        got = parse_participant(raw)
    except UnreadableItemError:
        return
    assert isinstance(got.id, int)
    for moment in (got.created_at, got.updated_at):
        assert moment is None or moment.tzinfo is not None


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "participant_id",
                "event_id",
                "contact_id",
                "is_confirmed",
                "created_at",
                "updated_at",
                "category_id",
                "contact",
                "event",
                "category",
            ]
        ),
        json_values,
    )
)
def test_any_values_in_known_fields_never_crash_the_reader(raw: dict[str, Any]) -> None:
    try:
        got = parse_participant(raw)
    except UnreadableItemError:
        return
    assert got.is_confirmed in (None, True, False)


@settings(max_examples=100, deadline=None)
@given(json_values | st.datetimes().map(str) | st.integers().map(str))
def test_parse_timestamp_gives_an_aware_datetime_or_none_for_any_value(raw: Any) -> None:
    parsed = parse_timestamp(raw)
    assert parsed is None or parsed.tzinfo is not None
