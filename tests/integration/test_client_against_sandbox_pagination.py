"""PlandocketClient pagination against the sandbox: every mode and shape, request counts, speed.

CONF26 has 2,500 participants; the sandbox caps pages at ``per_page_max`` (100 by default)
whatever the client asks for, so a complete read takes at least 25 pages.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs

import pytest

from app.api import RequestRecord
from app.sandbox import CONF_KEY, EXPO_KEY, WORKSHOP_KEY, SandboxServer
from tests.integration.client_fixtures import (
    MakePlandocket,
    Recorder,
    ids_of,
    row_of,
    stored_row,
)
from tests.sandbox_fixtures import MakeSandbox

pytest_plugins = ("tests.integration.client_fixtures",)

PAGINATIONS = ("laravel", "cursor", "none")
SHAPES = ("documented", "sample")
CONF_SIZE = 2_500
# Requests for a complete CONF26 read at per_page_max=100.
REQUESTS_FOR_CONF = {"laravel": 25, "cursor": 25, "none": 1}


def _participant_gets(server: SandboxServer) -> list[dict[str, list[str]]]:
    """Query parameters of every GET /participants the sandbox answered."""
    return [
        parse_qs(entry.query)
        for entry in server.request_log()
        if entry.method == "GET" and entry.path == "/api/v1/participants"
    ]


def _max_in_flight(records: list[RequestRecord]) -> int:
    """The largest number of requests whose [start, end] intervals overlap."""
    edges = sorted(
        [(r.at - r.seconds, 1) for r in records] + [(r.at, -1) for r in records],
        key=lambda edge: (edge[0], edge[1]),
    )
    current = peak = 0
    for _, step in edges:
        current += step
        peak = max(peak, current)
    return peak


@pytest.mark.parametrize("pagination", PAGINATIONS)
def test_documented_and_sample_shapes_give_identical_conf26_rows_in_every_pagination_mode(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, pagination: str
):
    rows = {}
    for shape in SHAPES:
        server = make_sandbox(pagination=pagination, response_shape=shape)
        client = make_plandocket(server)
        listed = client.list_participants(CONF_KEY)
        assert client.request_count == REQUESTS_FOR_CONF[pagination]
        # The seeded timestamps are whole seconds, so both shapes must give the same values.
        expected = [
            stored_row(r, whole_seconds=True) for r in server.store.participants_of(CONF_KEY)
        ]
        assert len(listed) == CONF_SIZE
        assert [row_of(p) for p in listed] == expected
        for participant in listed:
            assert type(participant.is_confirmed) is bool
            assert participant.created_at is not None
            assert participant.created_at.tzinfo is not None
            assert participant.updated_at is not None
            assert participant.updated_at.tzinfo is not None
        rows[shape] = [row_of(p) for p in listed]
    assert rows["documented"] == rows["sample"]


@pytest.mark.parametrize("pagination", PAGINATIONS)
@pytest.mark.parametrize("shape", SHAPES)
def test_filters_and_includes_work_in_every_pagination_mode_and_shape(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, pagination: str, shape: str
):
    server = make_sandbox(pagination=pagination, response_shape=shape, per_page_max=50)
    client = make_plandocket(server)
    confirmed = client.list_participants(EXPO_KEY, confirmed=True, include=("event", "contact"))
    assert ids_of(confirmed) == [
        r.id for r in server.store.participants_of(EXPO_KEY) if r.is_confirmed
    ]
    assert len(confirmed) == server.store.count(EXPO_KEY, confirmed=True)
    assert all(p.is_confirmed is True for p in confirmed)
    assert {p.event.event_key for p in confirmed if p.event} == {EXPO_KEY}
    assert all(p.contact is not None and p.contact.id == p.contact_id for p in confirmed)
    unconfirmed = client.list_participants(EXPO_KEY, confirmed=False)
    assert len(unconfirmed) == server.store.count(EXPO_KEY, confirmed=False)


def test_laravel_pagination_reads_conf26_in_exactly_25_requests_one_per_page(
    sandbox: SandboxServer, make_plandocket: MakePlandocket, recorder: Recorder
):
    assert sandbox.config.per_page_max == 100
    client = make_plandocket(sandbox, recorder=recorder)
    listed = client.list_participants(CONF_KEY)
    assert len(listed) == CONF_SIZE
    assert client.request_count == 25
    assert len(recorder.records) == 25
    gets = _participant_gets(sandbox)
    assert len(gets) == 25
    pages = sorted(int(query.get("page", ["1"])[0]) for query in gets)
    assert pages == list(range(1, 26))
    for query in gets:
        assert query["event_key"] == [CONF_KEY]
        assert "api_key" not in query


def test_laravel_pages_after_the_first_are_fetched_concurrently(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, recorder: Recorder
):
    latency = 0.05
    server = make_sandbox(latency_ms=latency * 1000)
    client = make_plandocket(server, recorder=recorder, max_concurrency=6)
    started = time.monotonic()
    listed = client.list_participants(CONF_KEY)
    elapsed = time.monotonic() - started
    assert len(listed) == CONF_SIZE
    records = recorder.records
    assert len(records) == 25
    sequential_bound = 25 * latency
    assert elapsed < 0.6 * sequential_bound, f"{elapsed:.2f} s for 25 pages"
    # Page 1 says how many pages there are, so it completes before any other starts ...
    first, rest = records[0], records[1:]
    assert all(r.at - r.seconds >= first.at - 0.005 for r in rest)
    # ... and then several pages are in flight at once, never more than max_concurrency.
    assert 2 <= _max_in_flight(rest) <= 6


def test_concurrent_pages_never_exceed_max_concurrency(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, recorder: Recorder
):
    server = make_sandbox(latency_ms=20)
    client = make_plandocket(server, recorder=recorder, max_concurrency=2)
    assert len(client.list_participants(CONF_KEY)) == CONF_SIZE
    assert _max_in_flight(recorder.records) <= 2
    assert client.request_count == 25


def test_cursor_pagination_follows_each_cursor_once_to_the_end(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket
):
    server = make_sandbox(pagination="cursor")
    client = make_plandocket(server)
    listed = client.list_participants(CONF_KEY)
    assert ids_of(listed) == [r.id for r in server.store.participants_of(CONF_KEY)]
    gets = _participant_gets(server)
    assert len(gets) == 25
    assert "cursor" not in gets[0]
    cursors = [query["cursor"][0] for query in gets[1:]]
    assert len(set(cursors)) == 24
    assert all(query["event_key"] == [CONF_KEY] for query in gets)


def test_an_unpaginated_server_is_read_in_a_single_request(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket
):
    server = make_sandbox(pagination="none")
    client = make_plandocket(server)
    assert len(client.list_participants()) == server.store.count()
    assert client.request_count == 1


@pytest.mark.parametrize("pagination", ["laravel", "cursor"])
def test_a_server_with_small_pages_is_followed_to_the_end(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, pagination: str
):
    server = make_sandbox(pagination=pagination, per_page_max=7)
    client = make_plandocket(server)
    listed = client.list_participants(WORKSHOP_KEY)
    assert ids_of(listed) == [r.id for r in server.store.participants_of(WORKSHOP_KEY)]
    assert client.request_count == 4  # 24 rows in pages of 7
    pages = [len(page) for page in client.iter_participant_pages(EXPO_KEY)]
    assert pages == [7] * 85 + [5]


@pytest.mark.parametrize("pagination", PAGINATIONS)
def test_events_are_listed_completely_in_every_pagination_mode(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket, pagination: str
):
    server = make_sandbox(pagination=pagination, per_page_max=3)
    client = make_plandocket(server)
    events = client.list_events(include_participant_count=True)
    assert sorted(e.event_key for e in events) == sorted(e.event_key for e in server.store.events())
    assert all(e.participant_count == server.store.count(e.event_key) for e in events)


def test_search_contacts_fetches_only_the_pages_holding_its_limit(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket
):
    server = make_sandbox(per_page_max=20)
    client = make_plandocket(server)
    found = client.search_contacts("muller", limit=50)
    assert len(found) == 50
    # 50 contacts in pages of 20: pages 1-3; fetching ahead further wastes the hourly budget.
    assert client.request_count == 3
    queries = [parse_qs(e.query) for e in server.request_log()]
    assert sorted(int(q.get("page", ["1"])[0]) for q in queries) == [1, 2, 3]


def test_search_contacts_reads_every_page_when_the_limit_exceeds_the_matches(
    make_sandbox: MakeSandbox, make_plandocket: MakePlandocket
):
    server = make_sandbox(per_page_max=20)
    client = make_plandocket(server)
    found = client.search_contacts("muller", limit=1000)
    matches = len(found)
    assert matches > 100
    assert len({c.id for c in found}) == matches
    assert client.request_count == -(-matches // 20)
