"""The client object: headers, timeouts, lifecycle, counters and sharing between threads."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from app.api import ClientClosedError, ConfigurationError, PlandocketClient, RequestRecord
from app.api.errors import PlandocketError
from tests.unit.api._support import (
    BASE,
    HOST,
    KEY,
    PARTICIPANTS,
    WAIT,
    Server,
    make_client,
    participant,
    respond,
)


def test_every_request_carries_bearer_key_json_accept_and_user_agent() -> None:
    server = Server([respond(200, {"data": participant(1)})])
    with make_client(server) as client:
        client.get_participant(1)
    headers = server.requests[0].headers
    assert headers["Authorization"] == f"Bearer {KEY}"
    assert headers["Accept"] == "application/json"
    assert re.fullmatch(r"ParticipantDesk/\S+", headers["User-Agent"])


def test_the_key_is_never_sent_in_the_query_or_in_an_x_api_key_header() -> None:
    server = Server([respond(200, {"data": [participant(1)]})])
    with make_client(server) as client:
        client.list_participants(event_key="expo24")
    request = server.requests[0]
    assert KEY not in str(request.url)
    assert "api_key" not in request.url.params
    assert "x-api-key" not in request.headers


def test_requests_carry_explicit_connect_read_write_and_pool_timeouts() -> None:
    server = Server([respond(200, {"data": participant(1)})])
    with make_client(server) as client:
        client.get_participant(1)
    timeout = server.requests[0].extensions["timeout"]
    assert set(timeout) == {"connect", "read", "write", "pool"}
    assert all(isinstance(value, float) and 0 < value <= 60 for value in timeout.values())


def test_a_custom_timeout_is_applied_to_requests() -> None:
    server = Server([respond(200, {"data": participant(1)})])
    custom = httpx.Timeout(connect=1.0, read=2.0, write=3.0, pool=4.0)
    with make_client(server, timeout=custom) as client:
        client.get_participant(1)
    assert server.requests[0].extensions["timeout"] == custom.as_dict()


@pytest.mark.parametrize("key", ["", "   ", "KEY WITH SPACE", "KEY\nNEWLINE", "KEY\x00NUL"])
def test_an_empty_or_mangled_key_is_a_configuration_error_that_does_not_echo_it(
    key: str,
) -> None:
    with pytest.raises(ConfigurationError) as caught:
        PlandocketClient(BASE, key, transport=httpx.MockTransport(Server()))
    if key.strip():
        assert key not in str(caught.value)


def test_surrounding_whitespace_of_a_pasted_key_is_trimmed() -> None:
    server = Server([respond(200, {"data": participant(1)})])
    client = PlandocketClient(BASE, f"  {KEY}\n", transport=httpx.MockTransport(server))
    with client:
        client.get_participant(1)
    assert server.requests[0].headers["Authorization"] == f"Bearer {KEY}"


def test_repr_of_the_client_shows_the_address_but_not_the_key() -> None:
    with make_client(Server()) as client:
        assert BASE in repr(client)
        assert KEY not in repr(client)


def test_close_marks_the_client_closed_and_later_calls_raise_client_closed_error() -> None:
    server = Server()
    client = make_client(server)
    open_before = not client.closed
    client.close()
    assert open_before
    assert client.closed
    with pytest.raises(ClientClosedError):
        client.get_participant(1)
    with pytest.raises(ClientClosedError):
        client.list_participants()
    assert server.requests == []
    client.close()  # closing twice is harmless


def test_the_context_manager_closes_the_client_on_exit_even_after_an_error() -> None:
    server = Server([respond(404, {"error": "Not found"})])
    with pytest.raises(PlandocketError), make_client(server) as client:
        client.get_participant(1)
    assert client.closed


def test_request_count_and_on_request_records_count_each_request_that_reached_the_server() -> None:
    records: list[RequestRecord] = []
    server = Server([respond(200, {"data": participant(1)}), respond(404, {"error": "gone"})])
    with make_client(server, records=records) as client:
        client.get_participant(1)
        with pytest.raises(PlandocketError):
            client.get_participant(2)
        assert client.request_count == 2
    assert [(r.method, r.path, r.status) for r in records] == [
        ("GET", f"{PARTICIPANTS}/1", 200),
        ("GET", f"{PARTICIPANTS}/2", 404),
    ]
    assert all(r.seconds >= 0 and r.at > 0 for r in records)


def test_request_records_carry_the_path_without_the_query() -> None:
    records: list[RequestRecord] = []
    server = Server([respond(200, {"data": [participant(1)]})])
    with make_client(server, records=records) as client:
        client.list_participants(event_key="expo24", customer_number="K-1")
    assert [r.path for r in records] == [PARTICIPANTS]


def test_last_request_id_comes_from_meta_or_the_x_request_id_header() -> None:
    server = Server(
        [
            respond(200, {"data": participant(1), "meta": {"request_id": "req_meta"}}),
            respond(200, {"data": participant(2)}, headers={"X-Request-Id": "req_header"}),
            respond(200, {"data": participant(3)}),
        ]
    )
    seen: list[str | None] = []
    with make_client(server) as client:
        seen.append(client.last_request_id)
        for pid in (1, 2, 3):
            client.get_participant(pid)
            seen.append(client.last_request_id)
    assert seen == [None, "req_meta", "req_header", None]


def test_one_client_serves_concurrent_calls_from_several_threads() -> None:
    threads, calls_each = 8, 25
    in_flight = 0
    most_in_flight = 0
    lock = threading.Lock()
    several_in_flight = threading.Event()

    def route(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most_in_flight
        pid = int(request.url.path.rsplit("/", 1)[1])
        with lock:
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
            if in_flight >= 2:
                several_in_flight.set()
        several_in_flight.wait(WAIT)
        with lock:
            in_flight -= 1
        body = {"data": participant(pid), "meta": {"request_id": f"req-{pid}"}}
        return respond(200, body)

    records: list[RequestRecord] = []
    server = Server(route=route)
    client = make_client(server, records=records)

    def worker(first: int) -> list[tuple[int, str | None]]:
        seen = []
        for pid in range(first, first + calls_each):
            got = client.get_participant(pid)
            seen.append((got.id, client.last_request_id))
        return seen

    with client, ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(worker, [n * 1000 for n in range(threads)]))
        assert client.request_count == threads * calls_each

    assert most_in_flight >= 2
    for n, seen in enumerate(results):
        expected = [(pid, f"req-{pid}") for pid in range(n * 1000, n * 1000 + calls_each)]
        assert seen == expected  # each thread sees its own answers and request ids
    assert len(records) == threads * calls_each
    assert {r.url.host for r in server.requests} == {HOST}
