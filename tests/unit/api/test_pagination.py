"""Pagination: every plausible shape is detected and followed to the end, minimally."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from app.api import ClientClosedError, PlandocketClient, PlandocketError, ValidationError
from app.api.pagination import read_page
from tests.unit.api._support import (
    BASE,
    HOST,
    KEY,
    PARTICIPANTS,
    WAIT,
    Server,
    laravel_page,
    make_client,
    participant,
    respond,
)


def page_number(request: httpx.Request) -> int:
    return int(request.url.params.get("page", "1"))


def laravel_route(pages: list[list[int]], per_page: int = 2) -> Server:
    """A server answering ``?page=N`` with the N-th id list in Laravel's shape."""

    def route(request: httpx.Request) -> httpx.Response:
        number = page_number(request)
        return respond(200, laravel_page(pages[number - 1], number, len(pages), per_page=per_page))

    return Server(route=route)


def ids_of(rows: list[Any]) -> list[int]:
    return [row.id for row in rows]


def test_laravel_meta_and_links_are_followed_to_the_last_page_with_one_request_per_page() -> None:
    server = laravel_route([[1, 2], [3, 4], [5]])
    with make_client(server) as client:
        rows = client.list_participants(event_key="expo24", confirmed=True)
        assert ids_of(rows) == [1, 2, 3, 4, 5]
        assert client.request_count == 3
    assert sorted(page_number(r) for r in server.requests) == [1, 2, 3]
    assert "page" not in server.params(0)
    for request in server.requests:  # every page keeps the filters
        assert request.url.params["event_key"] == "expo24"
        assert request.url.params["confirmed"] == "1"


def test_the_plain_paginator_with_top_level_counters_and_next_page_url_is_followed() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        number = page_number(request)
        body = {
            "current_page": number,
            "last_page": 3,
            "per_page": 1,
            "total": 3,
            "next_page_url": f"{BASE}{PARTICIPANTS}?page={number + 1}" if number < 3 else None,
            "data": [participant(number)],
        }
        return respond(200, body)

    server = Server(route=route)
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1, 2, 3]
    assert len(server.requests) == 3


def test_has_more_with_next_cursor_is_followed_keeping_the_filters() -> None:
    server = Server(
        [
            respond(200, {"data": [participant(1)], "has_more": True, "next_cursor": "c2"}),
            respond(
                200,
                {"data": [participant(2)], "meta": {"has_more": True, "next_cursor": "c3"}},
            ),
            respond(200, {"data": [participant(3)], "has_more": False, "next_cursor": None}),
        ]
    )
    with make_client(server) as client:
        assert ids_of(client.list_participants(event_key="expo24")) == [1, 2, 3]
    assert "cursor" not in server.params(0)
    assert server.params(1)["cursor"] == "c2"
    assert server.params(2)["cursor"] == "c3"
    assert all(server.params(i)["event_key"] == "expo24" for i in range(3))


def test_has_more_false_stops_even_with_a_cursor() -> None:
    server = Server([respond(200, {"data": [participant(1)], "has_more": 0, "next_cursor": "c"})])
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1]


def test_a_links_next_without_any_counters_is_followed_until_it_is_null() -> None:
    server = Server(
        [
            respond(
                200, {"data": [participant(1)], "links": {"next": f"{BASE}{PARTICIPANTS}?c=2"}}
            ),
            respond(
                200, {"data": [participant(2)], "links": {"next": f"{BASE}{PARTICIPANTS}?c=3"}}
            ),
            respond(200, {"data": [participant(3)], "links": {"next": None}}),
        ]
    )
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1, 2, 3]
    assert [r.url.params.get("c") for r in server.requests] == [None, "2", "3"]


@pytest.mark.parametrize(
    "body",
    [
        [participant(1), participant(2)],
        {"data": [participant(1), participant(2)]},
        {"data": [participant(1), participant(2)], "meta": {"request_id": "r"}},
        {"data": [participant(1), participant(2)], "links": {"next": None}},
    ],
    ids=["bare-list", "data-list", "data-and-meta", "null-next"],
)
def test_an_unpaginated_answer_is_one_page_and_one_request(body: Any) -> None:
    server = Server([respond(200, body)])
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1, 2]
        assert client.request_count == 1


def test_an_empty_body_on_a_list_is_an_empty_list() -> None:
    server = Server([respond(200, raw=b"")])
    with make_client(server) as client:
        assert client.list_participants() == []


def test_a_repeated_next_link_stops_the_listing() -> None:
    loop = f"{BASE}{PARTICIPANTS}?after=2"
    server = Server(
        [
            respond(200, {"data": [participant(1)], "links": {"next": loop}}),
            respond(200, {"data": [participant(2)], "links": {"next": loop}}),
        ]
    )
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1, 2]
    assert len(server.requests) == 2


def test_a_repeated_cursor_stops_the_listing() -> None:
    server = Server(
        route=lambda request: respond(
            200,
            {"data": [participant(page_number(request))], "has_more": True, "next_cursor": "x"},
        )
    )
    with make_client(server) as client:
        client.list_participants()
    assert len(server.requests) == 2


def test_an_endless_server_is_read_only_up_to_max_pages() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        n = int(request.url.params.get("n", "0")) + 1
        return respond(
            200, {"data": [participant(n)], "links": {"next": f"{BASE}{PARTICIPANTS}?n={n}"}}
        )

    server = Server(route=route)
    with make_client(server, max_pages=7) as client:
        assert ids_of(client.list_participants()) == list(range(1, 8))
    assert len(server.requests) == 7


def test_a_reported_last_page_beyond_max_pages_is_read_only_up_to_max_pages() -> None:
    server = laravel_route([[n] for n in range(1, 51)], per_page=1)
    with make_client(server, max_pages=5) as client:
        assert ids_of(client.list_participants()) == [1, 2, 3, 4, 5]
    assert sorted(page_number(r) for r in server.requests) == [1, 2, 3, 4, 5]


def test_an_empty_page_stops_the_listing_even_if_it_links_onwards() -> None:
    server = Server(
        [
            respond(
                200, {"data": [participant(1)], "links": {"next": f"{BASE}{PARTICIPANTS}?p=2"}}
            ),
            respond(200, {"data": [], "links": {"next": f"{BASE}{PARTICIPANTS}?p=3"}}),
        ]
    )
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1]
    assert len(server.requests) == 2


def test_an_empty_first_page_of_a_numbered_listing_does_not_fetch_the_others() -> None:
    server = Server([respond(200, laravel_page([], 1, 5))])
    with make_client(server) as client:
        assert client.list_participants() == []
    assert len(server.requests) == 1


def test_duplicates_across_pages_are_removed_by_id() -> None:
    server = laravel_route([[1, 2], [2, 3], [3, 1, 4]])
    with make_client(server) as client:
        pages = list(client.iter_participant_pages())
    assert [ids_of(page) for page in pages] == [[1, 2], [3], [4]]


def test_the_client_asks_a_large_page_size_and_respects_the_servers_smaller_one() -> None:
    server = laravel_route([[1, 2], [3, 4], [5, 6], [7]], per_page=2)
    with make_client(server) as client:
        assert len(client.list_participants()) == 7
    asked = {int(r.url.params["per_page"]) for r in server.requests}
    assert len(asked) == 1
    assert asked.pop() >= 100
    # Four pages of two at the server's size: exactly four requests, none repeated.
    assert sorted(page_number(r) for r in server.requests) == [1, 2, 3, 4]


def test_the_page_size_can_be_configured() -> None:
    server = Server([respond(200, {"data": []})])
    with make_client(server, page_size=250) as client:
        client.list_participants()
    assert server.params(0)["per_page"] == "250"


def test_numbered_pages_are_fetched_concurrently_and_still_yielded_in_page_order() -> None:
    pages = [[1], [2], [3], [4]]
    lock = threading.Lock()
    in_flight = 0
    most_in_flight = 0
    several_in_flight = threading.Event()
    page_3_done = threading.Event()

    def route(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most_in_flight
        number = page_number(request)
        if number > 1:
            with lock:
                in_flight += 1
                most_in_flight = max(most_in_flight, in_flight)
                if in_flight >= 2:
                    several_in_flight.set()
            several_in_flight.wait(WAIT)
            if number == 2:
                page_3_done.wait(WAIT)  # page 2 arrives after page 3
            with lock:
                in_flight -= 1
        response = respond(200, laravel_page(pages[number - 1], number, len(pages), per_page=1))
        if number == 3:
            page_3_done.set()
        return response

    server = Server(route=route)
    with make_client(server, max_concurrency=4) as client:
        yielded = [ids_of(page) for page in client.iter_participant_pages()]
    assert most_in_flight >= 2
    assert several_in_flight.is_set()
    assert page_3_done.is_set()
    assert yielded == [[1], [2], [3], [4]]
    assert len(server.requests) == 4


def test_concurrent_page_fetches_are_limited_to_max_concurrency() -> None:
    lock = threading.Lock()
    in_flight = 0
    most_in_flight = 0

    def route(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most_in_flight
        with lock:
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
        number = page_number(request)
        body = laravel_page([number], number, 20, per_page=1)
        with lock:
            in_flight -= 1
        return respond(200, body)

    server = Server(route=route)
    with make_client(server, max_concurrency=3) as client:
        assert ids_of(client.list_participants()) == list(range(1, 21))
    assert most_in_flight <= 3


def test_a_failing_numbered_page_raises_its_error() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        number = page_number(request)
        if number == 3:
            return respond(403, {"error": "Forbidden"})
        return respond(200, laravel_page([number], number, 4, per_page=1))

    server = Server(route=route)
    with make_client(server) as client, pytest.raises(PlandocketError) as caught:
        client.list_participants()
    assert caught.value.status == 403


def test_a_422_about_per_page_makes_the_client_ask_again_without_it() -> None:
    complaint = {"error": "Validation failed", "errors": {"per_page": ["Must be at most 100."]}}
    server = Server(
        [respond(422, complaint)],
        route=lambda request: respond(200, laravel_page([page_number(request)], 1, 1)),
    )
    with make_client(server) as client:
        assert ids_of(client.list_participants(event_key="expo24")) == [1]
    assert "per_page" in server.params(0)
    assert "per_page" not in server.params(1)
    assert server.params(1)["event_key"] == "expo24"


def test_pages_after_a_per_page_complaint_are_requested_without_per_page() -> None:
    complaint = {"error": "The per_page parameter is not allowed."}

    def route(request: httpx.Request) -> httpx.Response:
        number = page_number(request)
        return respond(200, laravel_page([number], number, 3, per_page=1))

    server = Server([respond(400, complaint)], route=route)
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1, 2, 3]
    assert all("per_page" not in r.url.params for r in server.requests[1:])
    assert len(server.requests) == 4


def test_a_422_about_another_field_is_raised_not_retried() -> None:
    complaint = {"error": "Validation failed", "errors": {"event_key": ["Unknown event."]}}
    server = Server([respond(422, complaint)])
    with make_client(server) as client, pytest.raises(ValidationError):
        client.list_participants(event_key="nope")
    assert len(server.requests) == 1


def test_a_next_link_to_another_host_is_followed_on_the_configured_host_only() -> None:
    server = Server(
        [
            respond(
                200,
                {
                    "data": [participant(1)],
                    "links": {"next": "https://evil.example:8443/api/v1/participants?c=2&x=y"},
                },
            ),
            respond(
                200,
                {
                    "data": [participant(2)],
                    "links": {"next": "http://10.0.0.1/api/v1/participants?c=3"},
                },
            ),
            respond(200, {"data": [participant(3)], "links": {"next": "//evil.example/p?c=4"}}),
            respond(200, {"data": [participant(4)]}),
        ]
    )
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1, 2, 3, 4]
    for request in server.requests:
        assert request.url.scheme == "https"
        assert request.url.host == HOST
        assert request.url.port is None
    assert server.requests[1].url.path == PARTICIPANTS
    assert dict(server.requests[1].url.params) == {"per_page": "1000", "c": "2", "x": "y"}
    assert server.requests[2].url.params["c"] == "3"


def test_a_relative_next_link_is_resolved_against_the_configured_base_url() -> None:
    server = Server(
        [
            respond(200, {"data": [participant(1)], "links": {"next": f"{PARTICIPANTS}?c=2"}}),
            respond(200, {"data": [participant(2)]}),
        ]
    )
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1, 2]
    assert str(server.requests[1].url) == f"{BASE}{PARTICIPANTS}?per_page=1000&c=2"
    assert server.requests[1].headers["Authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize(
    "link",
    ["http://[bad", "https://exa mple.com/x?page=2", "::::", "https://acme.plandocket.com:99999/x"],
)
def test_a_malformed_next_link_is_a_plandocket_error_not_a_crash(link: str) -> None:
    def route(request: httpx.Request) -> httpx.Response:
        number = page_number(request)
        body: dict[str, Any] = {"data": [participant(number)], "links": {"next": link}}
        return respond(200, body)

    server = Server(route=route)
    with make_client(server, max_pages=3) as client:
        try:
            rows = client.list_participants()
        except PlandocketError:
            return
    assert ids_of(rows)[0] == 1
    assert all(r.url.host == HOST for r in server.requests)


def test_abandoning_the_page_generator_cancels_queued_page_fetches() -> None:
    lock = threading.Lock()
    started: list[int] = []
    release = threading.Event()
    page_2_started = threading.Event()
    idle = threading.Event()
    in_flight = 0

    def route(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight
        number = page_number(request)
        with lock:
            started.append(number)
            in_flight += 1
            idle.clear()
        if number == 2:
            page_2_started.set()
        elif number > 2:
            release.wait(WAIT)  # later pages stay in flight until the generator is gone
        response = respond(200, laravel_page([number], number, 30, per_page=1))
        with lock:
            in_flight -= 1
            if in_flight == 0:
                idle.set()
        return response

    server = Server(route=route)
    with make_client(server, max_concurrency=2) as client:
        pages = client.iter_participant_pages()
        assert ids_of(next(pages)) == [1]
        assert ids_of(next(pages)) == [2]
        pages.close()
        release.set()
        assert idle.wait(WAIT)
        with lock:
            fetched = sorted(started)
    # Page 1, the two fetches in flight (2, 3) and at most the one queued after page 2.
    assert fetched[:3] == [1, 2, 3]
    assert max(fetched) <= 4
    assert page_2_started.is_set()


def test_closing_the_client_during_a_concurrent_listing_raises_client_closed_error() -> None:
    closing = threading.Event()
    release = threading.Event()

    def route(request: httpx.Request) -> httpx.Response:
        number = page_number(request)
        if number > 1:
            closing.set()
            release.wait(WAIT)
        return respond(200, laravel_page([number], number, 30, per_page=1))

    server = Server(route=route)
    client = make_client(server, max_concurrency=2)
    outcome: list[BaseException | None] = []

    def listing() -> None:
        try:
            client.list_participants()
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=listing)
    worker.start()
    assert closing.wait(WAIT)
    client.close()
    release.set()
    worker.join(WAIT)
    assert not worker.is_alive()
    assert len(outcome) == 1
    assert isinstance(outcome[0], ClientClosedError)


def test_find_participation_asks_for_event_and_customer_and_stops_at_the_first_match() -> None:
    server = Server([respond(200, laravel_page([7], 1, 3, per_page=1))])
    with make_client(server) as client:
        found = client.find_participation("expo24", "K-1")
    assert found is not None
    assert found.id == 7
    params = server.params(0)
    assert params["event_key"] == "expo24"
    assert params["customer_number"] == "K-1"
    assert len(server.requests) == 1


def test_find_participation_returns_none_when_there_is_none() -> None:
    server = Server([respond(200, {"data": []})])
    with make_client(server) as client:
        assert client.find_participation("expo24", "K-1") is None


def test_search_contacts_stops_reading_pages_once_it_has_enough() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        n = int(request.url.params.get("n", "0"))
        contacts = [{"id": n * 10 + i, "company_name": f"C{n}{i}"} for i in range(2)]
        next_link = f"{BASE}/api/v1/contacts?n={n + 1}"
        return respond(200, {"data": contacts, "links": {"next": next_link}})

    server = Server(route=route)
    with make_client(server) as client:
        found = client.search_contacts("C", limit=3)
    assert [c.id for c in found] == [0, 1, 10]
    assert len(server.requests) == 2
    assert server.params(0)["per_page"] == "3"


def test_events_are_listed_across_pages() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        number = page_number(request)
        body = laravel_page([], number, 2, per_page=1, path="/api/v1/events")
        body["data"] = [{"id": number, "event_key": f"e{number}", "title": f"Event {number}"}]
        return respond(200, body)

    server = Server(route=route)
    with make_client(server) as client:
        events = client.list_events(upcoming=True)
    assert [e.event_key for e in events] == ["e1", "e2"]
    assert server.params(0)["upcoming"] == "1"


@pytest.mark.parametrize(
    ("body", "has_next"),
    [
        (laravel_page([1], 1, 1), False),
        (laravel_page([1], 1, 2), True),
        ({"data": [], "meta": {"current_page": 1, "last_page": 3}}, True),
        ({"data": [], "meta": {"current_page": 3, "last_page": 3}, "links": {"next": "x"}}, False),
        ({"data": [], "has_more": "true", "next_cursor": 5}, True),
        ({"data": [], "links": ["not", "a", "dict"], "meta": "nope"}, False),
        ([], False),
        ("garbage", False),
        (None, False),
    ],
)
def test_read_page_detects_whether_more_follows(body: Any, has_next: bool) -> None:
    assert read_page(body).has_next is has_next


def test_several_threads_can_list_concurrently_through_the_shared_page_pool() -> None:
    def route(request: httpx.Request) -> httpx.Response:
        number = page_number(request)
        event = int(request.url.params["event_key"])
        ids = [event * 100 + number]
        return respond(200, laravel_page(ids, number, 6, per_page=1))

    server = Server(route=route)
    with make_client(server, max_concurrency=2) as client, ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(lambda event: ids_of(client.list_participants(str(event))), range(1, 9))
        )
        assert client.request_count == 8 * 6
    for event, ids in enumerate(results, start=1):
        assert ids == [event * 100 + n for n in range(1, 7)]


def test_following_a_next_link_keeps_the_filters_the_link_left_out() -> None:
    # Laravel's default links carry only ?page=N unless the server calls withQueryString().
    server = Server(
        [
            respond(
                200, {"data": [participant(1)], "links": {"next": f"{BASE}{PARTICIPANTS}?page=2"}}
            ),
            respond(200, {"data": [participant(2)], "links": {"next": None}}),
        ]
    )
    with make_client(server) as client:
        ids = ids_of(client.list_participants(event_key="EXPO26", confirmed=True))
    assert ids == [1, 2]
    second = dict(server.requests[1].url.params)
    assert second["event_key"] == "EXPO26"
    assert second["confirmed"] == "1"
    assert second["page"] == "2"


def test_a_key_placed_in_a_next_link_is_not_sent_back() -> None:
    link = f"{BASE}{PARTICIPANTS}?page=2&api_key={KEY}"
    server = Server(
        [
            respond(200, {"data": [participant(1)], "links": {"next": link}}),
            respond(200, {"data": [participant(2)]}),
        ]
    )
    with make_client(server) as client:
        assert ids_of(client.list_participants()) == [1, 2]
    assert "api_key" not in server.requests[1].url.params
    assert KEY not in str(server.requests[1].url)


def test_a_next_link_under_a_base_path_prefix_is_not_prefixed_twice() -> None:
    prefixed = "https://acme.plandocket.com/plandocket"
    server = Server(
        [
            respond(
                200,
                {
                    "data": [participant(1)],
                    "links": {"next": f"{prefixed}{PARTICIPANTS}?cursor=abc"},
                },
            ),
            respond(200, {"data": [participant(2)]}),
        ]
    )
    with PlandocketClient(prefixed, KEY, transport=httpx.MockTransport(server)) as client:
        assert ids_of(client.list_participants()) == [1, 2]
    assert [r.url.path for r in server.requests] == [f"/plandocket{PARTICIPANTS}"] * 2
