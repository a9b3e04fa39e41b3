"""Whatever a server (or a proxy in front of it) answers, only PlandocketError escapes."""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api import ConfigurationError, PlandocketClient, PlandocketError, RetryPolicy
from app.api.retry import parse_retry_after
from app.api.urls import is_loopback_host, normalise_base_url
from tests.unit.api._support import HOST, KEY, Server, assert_key_absent, make_client, respond

# Retries that never wait: a Retry-After above zero is raised at once, backoff is zero.
INSTANT = RetryPolicy(
    max_attempts=3, base_delay=0.0, max_delay=0.0, max_total=5.0, max_retry_after=0.0
)

Call = Callable[[PlandocketClient], object]
CALLS: dict[str, Call] = {
    "list": lambda c: c.list_participants(event_key="expo24", include=["contact", "event"]),
    "get": lambda c: c.get_participant(5, include=["category"]),
    "add": lambda c: c.add_participant("expo24", "K-1", is_confirmed=True),
    "update": lambda c: c.update_participant(5, is_confirmed=False),
    "remove": lambda c: c.remove_participant(5),
    "find": lambda c: c.find_participation("expo24", "K-1"),
    "events": lambda c: c.list_events("expo"),
    "contacts": lambda c: c.search_contacts("acme", limit=5),
}

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["1", "0", "²", "1704067200", "2024-01-01T00:00:00Z", "9" * 5000, ""])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=15,
)
links = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(),
    st.sampled_from(
        [
            "https://evil.example/api/v1/participants?page=2",
            "https://acme.plandocket.com/api/v1/participants?page=2",
            "/api/v1/participants?cursor=abc",
            "//evil.example/x?page=2",
            "http://[bad",
            "::::",
            "https://acme.plandocket.com:99999/x",
            f"https://acme.plandocket.com/api/v1/participants?page=2&api_key={KEY}",
        ]
    ),
)
counters = st.one_of(st.none(), st.integers(min_value=-3, max_value=10**12), json_values)
participant_like = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values,
        "participant_id": json_values,
        "event_id": json_values,
        "contact_id": json_values,
        "category_id": json_values,
        "is_confirmed": json_values,
        "created_at": json_values,
        "updated_at": json_values,
        "contact": json_values,
        "event": json_values,
        "category": json_values,
    },
) | st.builds(
    lambda pid, extra: {"id": pid, **extra},
    st.integers(min_value=1, max_value=50),
    st.dictionaries(st.sampled_from(["is_confirmed", "created_at", "event"]), json_values),
)
envelope = st.fixed_dictionaries(
    {},
    optional={
        "data": st.one_of(st.lists(participant_like, max_size=4), participant_like, json_values),
        "meta": st.fixed_dictionaries(
            {},
            optional={
                "current_page": counters,
                "last_page": counters,
                "per_page": counters,
                "total": counters,
                "request_id": json_values,
                "has_more": json_values,
                "next_cursor": json_values,
            },
        )
        | json_values,
        "links": st.fixed_dictionaries({}, optional={"next": links}) | json_values,
        "current_page": counters,
        "last_page": counters,
        "next_page_url": links,
        "has_more": json_values,
        "next_cursor": json_values,
        "error": json_values,
        "message": json_values,
        "errors": json_values,
    },
)


def _deep(depth: int) -> bytes:
    return b'{"data": ' + b"[" * depth + b"]" * depth + b"}"


bodies = st.one_of(
    st.just(b""),
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>",
            f"<html><body>Bearer {KEY}</body></html>".encode(),
            b'{"data": [{"id": 1, "event_id": 2',
            b"null",
            b"\xef\xbb\xbf{}",
            b"\xff\xfe{\x00}\x00",
        ]
    ),
    st.integers(min_value=2, max_value=50_000).map(_deep),
    json_values.map(lambda value: json.dumps(value).encode()),
    envelope.map(lambda value: json.dumps(value).encode()),
    st.lists(participant_like, max_size=4).map(lambda value: json.dumps(value).encode()),
)
header_text = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
headers = st.fixed_dictionaries(
    {},
    optional={
        "Retry-After": st.one_of(
            header_text,
            st.sampled_from(
                [
                    "0",
                    "-1",
                    "inf",
                    "nan",
                    "1e999",
                    "3600",
                    "Wed, 21 Oct 2015 07:28:00 GMT",
                    "Mon, 01 Jan 99999999999999999999 00:00:00 GMT",
                    "Fri, 31 Dec 9999 23:59:59",
                ]
            ),
        ),
        "X-RateLimit-Remaining": st.one_of(header_text, st.just("0")),
        "X-RateLimit-Reset": st.one_of(header_text, st.integers().map(str), st.just("1e999")),
        "X-Request-Id": st.one_of(header_text, st.just(KEY)),
        "Location": st.one_of(header_text, st.just(f"https://evil.example/?k={KEY}")),
        "Content-Type": st.sampled_from(["application/json", "text/html", "text/plain", "x/y"]),
        "Content-Encoding": st.sampled_from(["gzip", "deflate", "br", "identity", "zstd", "xx"]),
    },
)
statuses = st.one_of(
    st.sampled_from([200, 201, 204, 302, 400, 401, 403, 404, 405, 422, 429, 500, 502, 503, 504]),
    st.integers(min_value=100, max_value=599),
)
failures = st.sampled_from(
    [
        httpx.ConnectError("[Errno -2] Name or service not known"),
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
        httpx.ConnectTimeout("timed out"),
        httpx.ReadTimeout("timed out"),
        httpx.WriteTimeout("timed out"),
        httpx.PoolTimeout("timed out"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
        httpx.ReadError("[Errno 104] Connection reset by peer"),
        httpx.LocalProtocolError("Illegal header value"),
        httpx.UnsupportedProtocol("Request URL has an unsupported protocol"),
        httpx.ProxyError("407 Proxy Authentication Required"),
        httpx.DecodingError("bad gzip"),
    ]
)
answers = st.builds(
    lambda status, body, head: (status, body, head), statuses, bodies, headers
) | failures.map(lambda exc: (0, b"", {"exception": exc}))


class Cycle:
    """Serves the drawn answers round-robin, to any number of requests from any thread."""

    def __init__(self, drawn: list[tuple[int, bytes, dict[str, Any]]]) -> None:
        self._answers = itertools.cycle(drawn)
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            status, body, head = next(self._answers)
        if "exception" in head:
            exception = head["exception"]
            assert isinstance(exception, httpx.HTTPError)
            raise type(exception)(str(exception))
        # A stream, so that a Content-Encoding is applied when the client reads it.
        return httpx.Response(status, headers=head, stream=httpx.ByteStream(body))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    call=st.sampled_from(list(CALLS)),
    drawn=st.lists(answers, min_size=1, max_size=5),
)
def test_only_plandocket_errors_escape_whatever_the_server_answers(
    call: str, drawn: list[tuple[int, bytes, dict[str, Any]]]
) -> None:
    server = Server(route=Cycle(drawn))
    failure: PlandocketError | None = None
    with make_client(server, retry=INSTANT, max_pages=4, max_concurrency=2) as client:
        try:
            CALLS[call](client)
        except PlandocketError as error:  # anything else fails the test
            failure = error
    if failure is not None:
        assert failure.user_message
        assert isinstance(failure.support_details, str)
        assert_key_absent(failure)
    assert {request.url.host for request in server.requests} <= {HOST}
    assert len(server.requests) <= 40


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize("status", [200, 422, 500])
def test_absurdly_deep_json_is_a_protocol_or_http_error_not_a_recursion_error(
    depth: int, status: int
) -> None:
    server = Server(route=lambda request: respond(status, raw=_deep(depth)))
    for call in CALLS.values():
        with make_client(server, retry=INSTANT) as client, contextlib.suppress(PlandocketError):
            call(client)


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["retry-after", "x-ratelimit-remaining", "x-ratelimit-reset"]),
        st.text(max_size=60),
    )
)
def test_parse_retry_after_returns_none_or_a_finite_non_negative_wait(
    head: dict[str, str],
) -> None:
    wait = parse_retry_after(head)
    assert wait is None or 0.0 <= wait < float("inf")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60) | st.from_regex(r"\A(https?://)?[a-z0-9:.@\[\]/-]{0,30}\Z"))
def test_any_typed_address_is_normalised_safely_or_refused_as_configuration(typed: str) -> None:
    try:
        url = normalise_base_url(typed)
    except ConfigurationError:
        return
    parsed = httpx.URL(url)
    assert parsed.scheme in ("http", "https")
    assert parsed.host
    assert not parsed.userinfo
    assert parsed.scheme == "https" or is_loopback_host(parsed.host)
    assert normalise_base_url(url) == url  # idempotent
