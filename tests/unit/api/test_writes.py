"""Writes: add never creates a participation twice, update falls back to PUT, remove is final."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from app.api import (
    NetworkError,
    NotFoundError,
    PlandocketError,
    ProtocolError,
    RateLimitedError,
    RequestRecord,
    RequestRejectedError,
    RetryPolicy,
    ServerError,
    ValidationError,
)
from app.domain import Participant
from tests.unit.api._support import (
    KEY,
    PARTICIPANTS,
    Server,
    Step,
    assert_key_absent,
    make_client,
    participant,
    raised,
    respond,
)

POST = ("POST", PARTICIPANTS)
LOOKUP = ("GET", PARTICIPANTS)
CREATED = respond(201, {"data": participant(9, is_confirmed=False)})
FOUND = respond(200, {"data": [participant(9, is_confirmed=False)]})
NONE_FOUND = respond(200, {"data": []})
DUPLICATE = respond(
    422,
    {"error": "Validation failed", "errors": {"customer_number": ["Already a participant."]}},
)

AMBIGUOUS: dict[str, Step] = {
    "read-timeout": httpx.ReadTimeout("timed out"),
    "write-timeout": httpx.WriteTimeout("timed out"),
    "dropped": httpx.RemoteProtocolError("Server disconnected without sending a response."),
    "reset": httpx.ReadError("[Errno 104] Connection reset by peer"),
    "500": respond(500, {"error": "Server Error"}),
    "502": respond(502, raw=b"<html>Bad Gateway</html>"),
    "503": respond(503, {"error": "Service Unavailable"}),
    "504": respond(504, raw=b""),
}
NEVER_SENT: dict[str, Step] = {
    "dns": httpx.ConnectError("[Errno -2] Name or service not known"),
    "refused": httpx.ConnectError("[Errno 111] Connection refused"),
    "tls": httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
    "connect-timeout": httpx.ConnectTimeout("timed out"),
}


def add(server: Server, records: list[RequestRecord] | None = None) -> Participant:
    with make_client(server, records=records) as client:
        return client.add_participant("expo24", "K-1")


def test_add_posts_event_key_and_customer_number_as_json() -> None:
    server = Server([CREATED])
    got = add(server)
    assert got.id == 9
    request = server.requests[0]
    assert (request.method, request.url.path) == POST
    assert request.headers["Content-Type"] == "application/json"
    assert server.body(0) == {"event_key": "expo24", "customer_number": "K-1"}


@pytest.mark.parametrize("confirmed", [True, False])
def test_add_sends_is_confirmed_as_a_json_boolean_when_given(confirmed: bool) -> None:
    server = Server([CREATED])
    with make_client(server) as client:
        client.add_participant("expo24", "K-1", is_confirmed=confirmed)
    assert server.body(0)["is_confirmed"] is confirmed


def test_add_reads_the_seed_answer_and_fills_the_documented_not_confirmed_start() -> None:
    body = {
        "data": {"participant_id": 1, "created_at": 1704067200, "updated_at": 1704067200},
        "meta": {"request_id": "req_abc123"},
    }
    server = Server([respond(201, body)])
    with make_client(server) as client:
        got = client.add_participant("expo24", "K-1")
        assert client.last_request_id == "req_abc123"
    assert got.id == 1
    assert got.is_confirmed is False
    assert got.created_at == datetime(2024, 1, 1, tzinfo=UTC)


def test_add_fills_a_requested_confirmation_the_answer_leaves_out() -> None:
    server = Server([respond(201, {"data": {"id": 3}})])
    with make_client(server) as client:
        assert client.add_participant("expo24", "K-1", is_confirmed=True).is_confirmed is True


def test_add_keeps_the_servers_confirmation_when_it_sends_one() -> None:
    server = Server([respond(201, {"data": participant(3, is_confirmed="0")})])
    with make_client(server) as client:
        assert client.add_participant("expo24", "K-1", is_confirmed=True).is_confirmed is False


@pytest.mark.parametrize("failure", list(AMBIGUOUS))
def test_after_an_ambiguous_post_failure_an_existing_participation_is_returned(
    failure: str,
) -> None:
    records: list[RequestRecord] = []
    server = Server([AMBIGUOUS[failure], FOUND])
    got = add(server, records)
    assert got.id == 9
    assert server.calls == [POST, LOOKUP]
    params = server.params(1)
    assert (params["event_key"], params["customer_number"]) == ("expo24", "K-1")
    step = AMBIGUOUS[failure]
    post_status = step.status_code if isinstance(step, httpx.Response) else None
    assert [(r.method, r.status) for r in records] == [("POST", post_status), ("GET", 200)]


@pytest.mark.parametrize("failure", list(AMBIGUOUS))
def test_after_an_ambiguous_post_failure_the_post_is_repeated_only_if_nothing_exists(
    failure: str,
) -> None:
    records: list[RequestRecord] = []
    server = Server([AMBIGUOUS[failure], NONE_FOUND, CREATED])
    with make_client(server, records=records) as client:
        got = client.add_participant("expo24", "K-1")
        assert client.request_count == 3
    assert got.id == 9
    assert server.calls == [POST, LOOKUP, POST]
    assert server.body(0) == server.body(2)
    assert len(records) == 3


@pytest.mark.parametrize("failure", list(NEVER_SENT))
def test_a_post_that_never_left_the_machine_is_sent_again_without_a_lookup(
    failure: str,
) -> None:
    records: list[RequestRecord] = []
    server = Server([NEVER_SENT[failure], CREATED])
    with make_client(server, records=records) as client:
        assert client.add_participant("expo24", "K-1").id == 9
        assert client.request_count == 1  # the first attempt never reached a server
    assert server.calls == [POST, POST]
    assert [(r.method, r.status) for r in records] == [("POST", 201)]


def test_a_rate_limited_post_is_sent_again_without_a_lookup() -> None:
    server = Server([respond(429, {"error": "Rate limit exceeded"}), CREATED])
    with make_client(server) as client:
        assert client.add_participant("expo24", "K-1").id == 9
        assert client.request_count == 2
    assert server.calls == [POST, POST]


def test_a_rate_limited_post_asking_a_long_wait_is_raised() -> None:
    server = Server([respond(429, {"error": "x"}, headers={"Retry-After": "3600"})])
    with make_client(server) as client:
        error = raised(lambda: client.add_participant("expo24", "K-1"))
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 3600
    assert server.calls == [POST]


def test_a_duplicate_answer_to_a_repeated_post_resolves_to_the_existing_participation() -> None:
    records: list[RequestRecord] = []
    server = Server([respond(503), NONE_FOUND, DUPLICATE, FOUND])
    with make_client(server, records=records) as client:
        assert client.add_participant("expo24", "K-1").id == 9
        assert client.request_count == 4
    assert server.calls == [POST, LOOKUP, POST, LOOKUP]
    assert [r.status for r in records] == [503, 200, 422, 200]


def test_a_duplicate_after_a_never_sent_post_also_resolves_to_the_existing_one() -> None:
    server = Server([NEVER_SENT["refused"], DUPLICATE, FOUND])
    with make_client(server) as client:
        assert client.add_participant("expo24", "K-1").id == 9
    assert server.calls == [POST, POST, LOOKUP]


def test_a_duplicate_on_a_later_attempt_that_cannot_be_found_is_raised() -> None:
    server = Server([respond(503), NONE_FOUND, DUPLICATE, NONE_FOUND])
    with make_client(server) as client:
        error = raised(lambda: client.add_participant("expo24", "K-1"))
    assert isinstance(error, ValidationError)
    assert error.is_duplicate
    assert server.calls == [POST, LOOKUP, POST, LOOKUP]


def test_a_duplicate_on_the_first_attempt_is_a_validation_error_not_a_lookup() -> None:
    server = Server([DUPLICATE])
    with make_client(server) as client:
        error = raised(lambda: client.add_participant("expo24", "K-1"))
    assert isinstance(error, ValidationError)
    assert error.is_duplicate
    assert server.calls == [POST]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 405, 409, 422])
def test_a_rejected_post_is_not_sent_again(status: int) -> None:
    server = Server([respond(status, {"error": "No"})])
    with make_client(server) as client:
        assert isinstance(raised(lambda: client.add_participant("expo24", "K-1")), PlandocketError)
        assert client.request_count == 1
    assert server.calls == [POST]


def test_post_attempts_are_bounded_and_each_ambiguous_failure_but_the_last_is_looked_up() -> None:
    policy = RetryPolicy(max_attempts=3, base_delay=0.001)
    server = Server([respond(503), NONE_FOUND, respond(503), NONE_FOUND, respond(503)])
    with make_client(server, retry=policy) as client:
        assert isinstance(raised(lambda: client.add_participant("expo24", "K-1")), ServerError)
        assert client.request_count == 5
    assert server.calls == [POST, LOOKUP, POST, LOOKUP, POST]


def test_post_retries_stop_when_the_time_budget_is_used_up() -> None:
    policy = RetryPolicy(max_attempts=10, base_delay=0.001, max_total=0.0)
    server = Server([httpx.ReadTimeout("timed out"), NONE_FOUND])
    with make_client(server, retry=policy) as client:
        assert isinstance(raised(lambda: client.add_participant("expo24", "K-1")), NetworkError)
    assert server.calls == [POST, LOOKUP]


def test_the_lookup_after_an_ambiguous_post_is_itself_retried_as_a_get() -> None:
    server = Server([httpx.ReadTimeout("timed out"), respond(503), FOUND])
    with make_client(server) as client:
        assert client.add_participant("expo24", "K-1").id == 9
        assert client.request_count == 3
    assert server.calls == [POST, LOOKUP, LOOKUP]


def test_update_patches_only_the_given_fields_and_completes_a_partial_answer() -> None:
    server = Server([respond(200, {"data": {"id": 5, "updated_at": 1704067200}})])
    with make_client(server) as client:
        got = client.update_participant(5, is_confirmed=True)
    assert server.calls == [("PATCH", f"{PARTICIPANTS}/5")]
    assert server.body(0) == {"is_confirmed": True}
    assert got.id == 5
    assert got.is_confirmed is True
    assert got.updated_at == datetime(2024, 1, 1, tzinfo=UTC)


def test_update_can_move_a_participation_to_another_event_or_contact() -> None:
    server = Server([respond(200, {"data": participant(5)})])
    with make_client(server) as client:
        client.update_participant(5, event_key="expo25", customer_number="K-2")
    assert server.body(0) == {"event_key": "expo25", "customer_number": "K-2"}


def test_update_without_a_field_to_change_is_refused_before_sending() -> None:
    server = Server()
    with make_client(server) as client, pytest.raises(ValueError, match="at least one field"):
        client.update_participant(5)
    assert server.requests == []


@pytest.mark.parametrize(
    "answer",
    [respond(204), respond(200, raw=b""), respond(200, {"data": None}), respond(202, raw=b" ")],
    ids=["204", "200-empty", "data-null", "202-blank"],
)
def test_an_update_answered_without_a_body_returns_the_requested_values(
    answer: httpx.Response,
) -> None:
    server = Server([answer])
    with make_client(server) as client:
        assert client.update_participant(5, is_confirmed=False) == Participant(
            id=5, is_confirmed=False
        )


def test_the_servers_answer_to_an_update_wins_over_the_requested_value() -> None:
    server = Server([respond(200, {"data": participant(5, is_confirmed=0)})])
    with make_client(server) as client:
        assert client.update_participant(5, is_confirmed=True).is_confirmed is False


def test_a_patch_answered_405_falls_back_to_put_with_the_same_body() -> None:
    records: list[RequestRecord] = []
    server = Server(
        [respond(405, {"error": "Method Not Allowed"}), respond(200, {"data": participant(5)})]
    )
    with make_client(server, records=records) as client:
        assert client.update_participant(5, is_confirmed=True).id == 5
        assert client.request_count == 2
    assert server.calls == [("PATCH", f"{PARTICIPANTS}/5"), ("PUT", f"{PARTICIPANTS}/5")]
    assert server.body(0) == server.body(1) == {"is_confirmed": True}
    assert [r.status for r in records] == [405, 200]


def test_a_put_answered_405_too_is_raised() -> None:
    server = Server([respond(405), respond(405)])
    with make_client(server) as client:
        error = raised(lambda: client.update_participant(5, is_confirmed=True))
    assert isinstance(error, RequestRejectedError)
    assert error.status == 405
    assert error.method == "PUT"


def test_other_rejections_of_a_patch_do_not_fall_back_to_put() -> None:
    server = Server([respond(400, {"error": "Bad request"})])
    with make_client(server) as client:
        error = raised(lambda: client.update_participant(5, is_confirmed=True))
    assert isinstance(error, RequestRejectedError)
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "answer",
    [respond(204), respond(200, {"data": participant(5)}), respond(200, raw=b"<html>ok</html>")],
    ids=["204", "200-json", "200-html"],
)
def test_remove_sends_delete_and_accepts_any_success(answer: httpx.Response) -> None:
    server = Server([answer])
    with make_client(server) as client:
        client.remove_participant(5)
    assert server.calls == [("DELETE", f"{PARTICIPANTS}/5")]
    assert server.requests[0].content == b""


def test_removing_a_participant_that_does_not_exist_is_not_found() -> None:
    server = Server([respond(404, {"error": "Not found"})])
    with make_client(server) as client:
        assert isinstance(raised(lambda: client.remove_participant(5)), NotFoundError)


UNREADABLE_SUCCESS = {
    "html": respond(201, raw=b"<html><body>Created</body></html>"),
    "truncated": respond(201, raw=b'{"data": {"id": 9, "event_'),
    "no-id": respond(201, {"data": {"ok": True}}),
}


@pytest.mark.parametrize("answer", list(UNREADABLE_SUCCESS))
def test_an_unreadable_created_answer_is_looked_up_instead_of_reported_as_failure(
    answer: str,
) -> None:
    server = Server([UNREADABLE_SUCCESS[answer], FOUND])
    assert add(server).id == 9
    assert server.calls == [POST, LOOKUP]


def test_an_unreadable_created_answer_not_found_is_a_protocol_error_without_the_key() -> None:
    leaky = respond(201, raw=f"<html>token {KEY}</html>".encode())
    server = Server([leaky, NONE_FOUND])
    with make_client(server) as client:
        error = raised(lambda: client.add_participant("expo24", "K-1"))
    assert isinstance(error, ProtocolError)
    assert server.calls == [POST, LOOKUP]
    assert_key_absent(error)


@pytest.mark.parametrize("answer", ["html", "truncated", "no-id"])
def test_an_unreadable_answer_to_an_applied_update_returns_the_requested_values(
    answer: str,
) -> None:
    body = UNREADABLE_SUCCESS[answer]
    server = Server([httpx.Response(200, content=body.content)])
    with make_client(server) as client:
        updated = client.update_participant(5, is_confirmed=True)
    assert (updated.id, updated.is_confirmed) == (5, True)


def test_the_lookup_ignores_a_row_of_another_customer_when_the_server_ignores_filters() -> None:
    someone_else = participant(
        3, contact={"id": 7, "customer_number": "K-999"}, event={"id": 10, "event_key": "expo24"}
    )
    ours = participant(
        9, contact={"id": 8, "customer_number": "K-1"}, event={"id": 10, "event_key": "expo24"}
    )
    server = Server([httpx.ReadTimeout("timed out"), respond(200, {"data": [someone_else, ours]})])
    assert add(server).id == 9
    assert server.params(1)["include"] == "contact,event"


def test_an_unfiltered_lookup_with_only_foreign_rows_posts_again() -> None:
    someone_else = participant(3, contact={"id": 7, "customer_number": "K-999"})
    server = Server(
        [httpx.ReadTimeout("timed out"), respond(200, {"data": [someone_else]}), CREATED]
    )
    assert add(server).id == 9
    assert server.calls == [POST, LOOKUP, POST]
