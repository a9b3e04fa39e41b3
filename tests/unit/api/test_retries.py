"""Retries: idempotent calls retry transient failures, bounded in attempts and time."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from app.api import (
    AuthenticationError,
    ClientClosedError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PlandocketClient,
    PlandocketError,
    RateLimitedError,
    RequestRecord,
    RequestRejectedError,
    RetryPolicy,
    ServerError,
    ValidationError,
)
from app.api.retry import parse_retry_after
from tests.unit.api._support import (
    FAST,
    PARTICIPANTS,
    WAIT,
    Server,
    Step,
    make_client,
    participant,
    raised,
    respond,
)

Call = Callable[[PlandocketClient], object]

IDEMPOTENT_CALLS: dict[str, tuple[str, Call]] = {
    "GET": ("GET", lambda c: c.get_participant(5)),
    "GET-list": ("GET", lambda c: c.list_participants()),
    "PATCH": ("PATCH", lambda c: c.update_participant(5, is_confirmed=True)),
    "DELETE": ("DELETE", lambda c: c.remove_participant(5)),
}

TRANSIENT: dict[str, Step] = {
    "502": respond(502, raw=b"<html>Bad Gateway</html>"),
    "503": respond(503, {"error": "Service Unavailable"}),
    "504": respond(504, raw=b""),
    "429": respond(429, {"error": "Rate limit exceeded"}),
    "429-retry-after-0": respond(429, {"error": "x"}, headers={"Retry-After": "0"}),
    "dns": httpx.ConnectError("[Errno -2] Name or service not known"),
    "refused": httpx.ConnectError("[Errno 111] Connection refused"),
    "connect-timeout": httpx.ConnectTimeout("timed out"),
    "read-timeout": httpx.ReadTimeout("timed out"),
    "dropped": httpx.RemoteProtocolError("Server disconnected without sending a response."),
}
NEVER_SENT = {"dns", "refused", "connect-timeout"}

OK = respond(200, {"data": participant(5)})


@pytest.mark.parametrize("failure", list(TRANSIENT))
@pytest.mark.parametrize("call", list(IDEMPOTENT_CALLS))
def test_idempotent_calls_retry_transient_failures_and_then_succeed(
    call: str, failure: str
) -> None:
    method, do = IDEMPOTENT_CALLS[call]
    records: list[RequestRecord] = []
    server = Server([TRANSIENT[failure], TRANSIENT[failure], OK])
    with make_client(server, records=records) as client:
        do(client)
        sent = 1 if failure in NEVER_SENT else 3
        assert client.request_count == sent
    assert server.calls == [(method, server.requests[0].url.path)] * 3
    assert len(records) == sent
    assert [r.status for r in records][-1] == 200


def test_put_is_retried_like_patch_when_patch_is_not_routed() -> None:
    server = Server([respond(405, {"error": "Method Not Allowed"}), respond(503), OK])
    with make_client(server) as client:
        client.update_participant(5, is_confirmed=True)
    assert [method for method, _ in server.calls] == ["PATCH", "PUT", "PUT"]


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (500, ServerError),
        (501, ServerError),
        (400, RequestRejectedError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, RequestRejectedError),
        (422, ValidationError),
    ],
)
@pytest.mark.parametrize("call", list(IDEMPOTENT_CALLS))
def test_500_and_4xx_are_not_retried(
    call: str, status: int, error_type: type[PlandocketError]
) -> None:
    _, do = IDEMPOTENT_CALLS[call]
    server = Server([respond(status, {"error": "no"})])
    with make_client(server) as client:
        assert isinstance(raised(lambda: do(client)), error_type)
        assert client.request_count == 1


@pytest.mark.parametrize("failure", ["503", "429", "read-timeout", "refused"])
def test_retries_stop_after_max_attempts_and_raise_the_last_failure(failure: str) -> None:
    server = Server(route=lambda request: _serve(TRANSIENT[failure]))
    with make_client(server, retry=RetryPolicy(max_attempts=3, base_delay=0.001)) as client:
        error = raised(lambda: client.get_participant(5))
    assert len(server.requests) == 3
    assert error.retryable


def _serve(step: Step) -> httpx.Response:
    if isinstance(step, Exception):
        raise step
    assert isinstance(step, httpx.Response)
    return step


def test_retries_stop_when_the_total_time_budget_would_be_exceeded() -> None:
    policy = RetryPolicy(max_attempts=50, base_delay=0.001, max_total=0.0)
    server = Server(route=lambda request: respond(503))
    with make_client(server, retry=policy) as client:
        assert isinstance(raised(lambda: client.get_participant(5)), ServerError)
    assert len(server.requests) == 1


def test_the_total_time_budget_bounds_a_long_run_of_failures() -> None:
    policy = RetryPolicy(max_attempts=10_000, base_delay=0.01, max_delay=0.01, max_total=0.1)
    server = Server(route=lambda request: respond(503))
    started = time.monotonic()
    with make_client(server, retry=policy) as client:
        assert isinstance(raised(lambda: client.get_participant(5)), ServerError)
    assert time.monotonic() - started < 0.1 + 1.0
    assert 2 <= len(server.requests) <= 21


def test_retry_after_is_waited_out_before_the_next_attempt() -> None:
    arrivals: list[float] = []

    def route(request: httpx.Request) -> httpx.Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return respond(429, {"error": "Rate limit exceeded"}, headers={"Retry-After": "0.05"})
        return OK

    with make_client(Server(route=route)) as client:
        client.get_participant(5)
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= 0.05


def test_a_retry_after_longer_than_max_retry_after_is_raised_not_waited_out() -> None:
    server = Server([respond(429, {"error": "x"}, headers={"Retry-After": "3600"})])
    started = time.monotonic()
    with make_client(server) as client:
        error = raised(lambda: client.get_participant(5))
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 3600
    assert "60 minutes" in error.user_message
    assert len(server.requests) == 1
    assert time.monotonic() - started < 1.0


def test_a_retry_after_beyond_the_time_budget_is_raised_not_waited_out() -> None:
    policy = RetryPolicy(base_delay=0.001, max_total=0.5, max_retry_after=60)
    server = Server([respond(503, headers={"Retry-After": "30"})])
    with make_client(server, retry=policy) as client:
        assert isinstance(raised(lambda: client.get_participant(5)), ServerError)
    assert len(server.requests) == 1


def test_a_delete_answered_404_on_a_retry_counts_as_done() -> None:
    server = Server([httpx.ReadTimeout("timed out"), respond(404, {"error": "Not found"})])
    with make_client(server) as client:
        client.remove_participant(5)
        assert client.request_count == 2
    assert server.calls == [("DELETE", f"{PARTICIPANTS}/5")] * 2


def test_a_delete_answered_404_on_the_first_attempt_is_not_found() -> None:
    server = Server([respond(404, {"error": "Not found"})])
    with make_client(server) as client:
        assert isinstance(raised(lambda: client.remove_participant(5)), NotFoundError)


def test_a_get_answered_404_on_a_retry_is_still_not_found() -> None:
    server = Server([respond(503), respond(404, {"error": "Not found"})])
    with make_client(server) as client:
        assert isinstance(raised(lambda: client.get_participant(5)), NotFoundError)


def test_closing_the_client_interrupts_a_retry_wait() -> None:
    first_seen = threading.Event()
    policy = RetryPolicy(base_delay=0.001, max_total=120, max_retry_after=120)

    def route(request: httpx.Request) -> httpx.Response:
        first_seen.set()
        return respond(429, {"error": "x"}, headers={"Retry-After": "60"})

    server = Server(route=route)
    client = make_client(server, retry=policy)
    outcome: list[BaseException] = []

    def call() -> None:
        try:
            client.get_participant(5)
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=call)
    worker.start()
    assert first_seen.wait(WAIT)
    client.close()
    worker.join(WAIT)
    assert not worker.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], ClientClosedError)
    assert len(server.requests) == 1


def test_backoff_grows_exponentially_up_to_max_delay_with_jitter_in_the_upper_half() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=8.0)
    rng = random.Random(1)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (9, 8.0)]:
        delays = [policy.backoff(attempt, rng) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 100  # jittered, not lock-step


def test_delay_honours_retry_after_with_a_little_jitter_and_refuses_long_waits() -> None:
    policy = RetryPolicy(base_delay=0.5, max_retry_after=60)
    rng = random.Random(2)
    waits = [policy.delay(1, 10.0, rng) for _ in range(100)]
    assert all(w is not None and 10.0 <= w <= 10.5 for w in waits)
    assert policy.delay(1, 61.0, rng) is None
    backoff = policy.delay(2, None, rng)
    assert backoff is not None
    assert 0.5 <= backoff <= 1.0


def test_the_client_uses_the_given_random_source_for_jitter() -> None:
    class Recording(random.Random):
        calls = 0

        def uniform(self, a: float, b: float) -> float:
            Recording.calls += 1
            return a

    server = Server([respond(503), OK])
    with make_client(server, rng=Recording()) as client:
        client.get_participant(5)
    assert Recording.calls == 1


def _http_date(offset: float) -> str:
    return format_datetime(datetime.now(UTC) + timedelta(seconds=offset), usegmt=True)


NOW = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "30"}, 30.0),
        ({"retry-after": "0"}, 0.0),
        ({"retry-after": "-5"}, 0.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": "Mon, 01 Jan 2024 00:02:00 GMT"}, 120.0),
        ({"retry-after": "Sun, 31 Dec 2023 23:00:00 GMT"}, 0.0),
        ({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1704067500"}, 300.0),
        ({"x-ratelimit-reset": "1704067500"}, 300.0),
        ({"x-ratelimit-remaining": "5", "x-ratelimit-reset": "1704067500"}, None),
        ({"retry-after": "soon", "x-ratelimit-reset": "1704067260"}, 60.0),
        ({"retry-after": "inf"}, None),
        ({"retry-after": "nan"}, None),
        ({"retry-after": "Mon, 01 Jan 99999999999999999999 00:00:00 GMT"}, None),
        ({"retry-after": "Mon, 01 Jan 2024 00:00:00 +99999999999999999999"}, None),
        ({"x-ratelimit-reset": "inf"}, None),
        ({"x-ratelimit-reset": "later"}, None),
        ({}, None),
    ],
)
def test_parse_retry_after_reads_seconds_dates_and_reset_times(
    headers: dict[str, str], expected: float | None
) -> None:
    assert parse_retry_after(headers, now=NOW) == expected


def test_network_error_after_retries_keeps_its_kind() -> None:
    server = Server(route=lambda request: _serve(TRANSIENT["dns"]))
    with make_client(server) as client:
        error = raised(lambda: client.get_participant(5))
        assert client.request_count == 0  # never reached a server
    assert isinstance(error, NetworkError)
    assert error.kind == "dns"
    assert len(server.requests) == FAST.max_attempts


def test_retry_after_on_a_503_is_honoured_too() -> None:
    arrivals: list[float] = []

    def route(request: httpx.Request) -> httpx.Response:
        arrivals.append(time.monotonic())
        if len(arrivals) == 1:
            return respond(503, {"error": "Maintenance"}, headers={"Retry-After": "0.05"})
        return OK

    with make_client(Server(route=route)) as client:
        client.get_participant(5)
    assert arrivals[1] - arrivals[0] >= 0.05


def test_a_503_asking_for_a_longer_wait_than_max_retry_after_is_raised_at_once() -> None:
    server = Server([respond(503, {"error": "Maintenance"}, headers={"Retry-After": "3600"})])
    with make_client(server) as client:
        assert isinstance(raised(lambda: client.get_participant(5)), ServerError)
    assert len(server.requests) == 1
