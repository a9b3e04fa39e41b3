"""Sandbox pagination: Laravel pages, cursors and unpaginated lists, walked to the end."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from app.sandbox import BIG_KEY, CONF_KEY, EXPO_KEY, SandboxServer
from tests.sandbox_fixtures import MakeClient, MakeSandbox, walk_pages


def test_laravel_meta_and_links(sandbox: SandboxServer, sandbox_client: httpx.Client):
    response = sandbox_client.get(
        "/participants",
        params={"event_key": EXPO_KEY, "include": "contact", "per_page": 50, "page": 2},
    )
    body = response.json()
    meta = body["meta"]
    assert meta == {
        "current_page": 2,
        "from": 51,
        "last_page": 12,
        "path": f"{sandbox.api_url}/participants",
        "per_page": 50,
        "to": 100,
        "total": 600,
    }
    links = body["links"]
    assert set(links) == {"first", "last", "prev", "next"}
    for name, page in (("first", 1), ("last", 12), ("prev", 1), ("next", 3)):
        url = urlsplit(links[name])
        assert f"{url.scheme}://{url.netloc}" == sandbox.base_url
        assert url.path == "/api/v1/participants"
        assert parse_qs(url.query) == {
            "event_key": [EXPO_KEY],
            "include": ["contact"],
            "per_page": ["50"],
            "page": [str(page)],
        }
    assert len(body["data"]) == 50


def test_laravel_first_and_last_page_edges(sandbox_client: httpx.Client):
    first = sandbox_client.get("/participants", params={"event_key": EXPO_KEY}).json()
    assert first["links"]["prev"] is None
    assert first["meta"]["per_page"] == 25
    last = sandbox_client.get("/participants", params={"event_key": EXPO_KEY, "page": 24}).json()
    assert last["links"]["next"] is None
    assert last["meta"]["to"] == 600
    beyond = sandbox_client.get("/participants", params={"event_key": EXPO_KEY, "page": 99}).json()
    assert beyond["data"] == []
    assert beyond["meta"]["from"] is None
    assert beyond["meta"]["to"] is None
    empty = sandbox_client.get("/participants", params={"event_key": "SUMMIT27"}).json()
    assert empty["meta"]["last_page"] == 1
    assert empty["links"]["next"] is None
    junk = sandbox_client.get("/participants", params={"page": "abc", "per_page": "-3"}).json()
    assert (junk["meta"]["current_page"], junk["meta"]["per_page"]) == (1, 25)


def test_per_page_is_capped(
    sandbox_client: httpx.Client, make_sandbox: MakeSandbox, make_client: MakeClient
):
    body = sandbox_client.get("/participants", params={"per_page": 1000}).json()
    assert body["meta"]["per_page"] == 100
    assert len(body["data"]) == 100
    small = make_client(make_sandbox(per_page_max=10))
    assert small.get("/participants", params={"per_page": 1000}).json()["meta"]["per_page"] == 10


def test_api_key_is_not_echoed_into_links(sandbox: SandboxServer):
    from app.sandbox import DEMO_KEYS

    response = httpx.get(
        f"{sandbox.api_url}/participants", params={"api_key": DEMO_KEYS.full, "event_key": EXPO_KEY}
    )
    assert response.status_code == 200
    links = response.json()["links"]
    assert all(DEMO_KEYS.full not in url for url in links.values() if url)


@pytest.mark.parametrize("pagination", ["laravel", "cursor", "none"])
def test_walk_equals_unpaginated_list(
    make_sandbox: MakeSandbox, make_client: MakeClient, pagination: str
):
    server = make_sandbox(pagination=pagination)
    client = make_client(server)
    reference = make_client(make_sandbox(pagination="none"))
    cases: list[dict[str, Any]] = [
        {"event_key": CONF_KEY, "per_page": 100},
        {"event_key": CONF_KEY, "confirmed": 1, "include": "contact,category"},
        {"per_page": 77},
    ]
    for params in cases:
        walked = walk_pages(client, "/participants", params)
        everything = reference.get("/participants", params=params).json()
        assert set(everything) == {"data"}
        assert walked == everything["data"]
        ids = [item["id"] for item in walked]
        assert ids == sorted(ids)
        assert len(ids) == len(set(ids))


def test_cursor_shape_and_stability_under_writes(
    make_sandbox: MakeSandbox, make_client: MakeClient
):
    server = make_sandbox(pagination="cursor")
    client = make_client(server)
    first = client.get("/participants", params={"event_key": EXPO_KEY, "per_page": 100}).json()
    assert set(first) == {"data", "has_more", "next_cursor"}
    assert first["has_more"] is True
    assert isinstance(first["next_cursor"], str)
    # Deleting an already-seen participant must not make the next page skip one.
    client.delete(f"/participants/{first['data'][0]['id']}")
    rest = walk_pages(
        client,
        "/participants",
        {"event_key": EXPO_KEY, "per_page": 100, "cursor": first["next_cursor"]},
    )
    assert len(first["data"]) + len(rest) == 600
    last = client.get(
        "/participants",
        params={"event_key": EXPO_KEY, "per_page": 100, "cursor": first["next_cursor"]},
    ).json()
    assert last["data"][0]["id"] > first["data"][-1]["id"]
    bad = client.get("/participants", params={"cursor": "garbage!"})
    assert bad.status_code == 400
    assert bad.json() == {"error": "Invalid cursor."}


@pytest.mark.parametrize("pagination", ["laravel", "cursor", "none"])
def test_other_listings_paginate_too(
    make_sandbox: MakeSandbox, make_client: MakeClient, pagination: str
):
    client = make_client(make_sandbox(pagination=pagination))
    contacts = walk_pages(client, "/contacts", {"event_key": EXPO_KEY, "sort": "last_name"})
    assert len(contacts) == 600
    assert len({c["id"] for c in contacts}) == 600
    assert len(walk_pages(client, "/events", {"per_page": 2})) == 4
    assert len(walk_pages(client, "/categories", {"per_page": 4})) == 9


@pytest.mark.slow
def test_big_event_is_fetched_page_by_page(make_sandbox: MakeSandbox, make_client: MakeClient):
    started = time.perf_counter()
    server = make_sandbox(big_event_participants=100_000)
    print(f"\nstart with 100k participants: {time.perf_counter() - started:.2f} s")
    client = make_client(server)
    timings: list[float] = []
    seen = 0
    url: str | None = (
        f"{server.api_url}/participants?event_key={BIG_KEY}&per_page=100&include=contact"
    )
    while url:
        began = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - began)
        body = response.json()
        seen += len(body["data"])
        url = body["links"]["next"]
    assert seen == 100_000
    assert len(timings) == 1_000
    timings.sort()
    print(
        f"1000 pages of 100 with include=contact: total {sum(timings):.2f} s, "
        f"median {timings[500] * 1000:.2f} ms, p99 {timings[990] * 1000:.2f} ms"
    )
