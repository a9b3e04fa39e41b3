"""Sandbox neighbouring resources: events, contacts and categories (read-only)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from app.sandbox import CONF_KEY, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer
from tests.sandbox_fixtures import MakeClient, MakeSandbox, walk_pages

EVENT_KEYS = {"id", "event_key", "title", "date_from", "date_to", "city", "country", "is_visible"}


def test_events_list(sandbox_client: httpx.Client):
    events = walk_pages(sandbox_client, "/events")
    assert [e["event_key"] for e in events] == [EXPO_KEY, CONF_KEY, WORKSHOP_KEY, SUMMIT_KEY]
    assert all(set(e) == EVENT_KEYS for e in events)
    assert all(isinstance(e["is_visible"], bool) for e in events)
    assert any("ü" in e["title"] for e in events)


def test_events_participant_count(sandbox_client: httpx.Client):
    events = sandbox_client.get("/events", params={"include": "participant_count"}).json()["data"]
    counts = {e["event_key"]: e["participant_count"] for e in events}
    assert counts == {EXPO_KEY: 600, CONF_KEY: 2500, WORKSHOP_KEY: 24, SUMMIT_KEY: 0}


def test_events_search_visible_and_sort(sandbox_client: httpx.Client):
    def keys(**params: str) -> list[str]:
        return [e["event_key"] for e in sandbox_client.get("/events", params=params).json()["data"]]

    assert keys(search="fuhrung") == [CONF_KEY]  # accent-insensitive: "Führung"
    assert keys(search="zurich") == [WORKSHOP_KEY]  # city "Zürich"
    assert keys(search="summit27") == [SUMMIT_KEY]
    assert keys(visible="0") == [WORKSHOP_KEY]
    assert keys(visible="true") == [EXPO_KEY, CONF_KEY, SUMMIT_KEY]
    assert keys(sort="date_from") == [WORKSHOP_KEY, CONF_KEY, EXPO_KEY, SUMMIT_KEY]
    assert keys(sort="date_from", order="desc") == [SUMMIT_KEY, EXPO_KEY, CONF_KEY, WORKSHOP_KEY]
    assert keys(sort="-date_from") == [SUMMIT_KEY, EXPO_KEY, CONF_KEY, WORKSHOP_KEY]
    # CH, then DE by title ("Digitale ..." before "Fachmesse ..."), then SE.
    assert keys(sort="country,title") == [WORKSHOP_KEY, CONF_KEY, EXPO_KEY, SUMMIT_KEY]
    assert keys(sort="nonsense") == [EXPO_KEY, CONF_KEY, WORKSHOP_KEY, SUMMIT_KEY]


def test_events_upcoming_uses_the_sandbox_clock(
    sandbox: SandboxServer, sandbox_client: httpx.Client
):
    sandbox.set_clock(lambda: datetime(2026, 6, 1, tzinfo=UTC).timestamp())
    upcoming = sandbox_client.get("/events", params={"upcoming": "1"}).json()["data"]
    assert [e["event_key"] for e in upcoming] == [EXPO_KEY, CONF_KEY, SUMMIT_KEY]
    past = sandbox_client.get("/events", params={"upcoming": "0"}).json()["data"]
    assert [e["event_key"] for e in past] == [WORKSHOP_KEY]
    sandbox.set_clock(lambda: datetime(2027, 1, 1, tzinfo=UTC).timestamp())
    upcoming = sandbox_client.get("/events", params={"upcoming": "1"}).json()["data"]
    assert [e["event_key"] for e in upcoming] == [SUMMIT_KEY]


def test_big_event_appears_when_configured(make_sandbox: MakeSandbox, make_client: MakeClient):
    client = make_client(make_sandbox(big_event_participants=500))
    events = client.get("/events", params={"include": "participant_count", "search": "BIG"}).json()[
        "data"
    ]
    assert [(e["event_key"], e["participant_count"]) for e in events] == [("BIG", 500)]
    assert len(walk_pages(client, "/contacts", {"event_key": "BIG", "per_page": 100})) == 500


def test_contacts_search_is_case_and_accent_insensitive(
    sandbox: SandboxServer, sandbox_client: httpx.Client
):
    def search(term: str) -> list[dict[str, object]]:
        return walk_pages(sandbox_client, "/contacts", {"search": term, "per_page": 100})

    mueller = search("müller")
    assert mueller
    assert search("MULLER") == mueller
    assert all(
        "müller" in f"{c['company_name']} {c['last_name']} {c['email']}".lower()
        or "muller" in str(c["email"])
        for c in mueller
    )
    assert search("lukasz") == search("Łukasz")
    assert search("orsted")
    contact = sandbox.store.free_contacts()[0]
    assert contact.customer_number is not None
    found = search(contact.customer_number)
    assert contact.id in [c["id"] for c in found]
    assert search("no-such-name-anywhere") == []


def test_contacts_filters(sandbox: SandboxServer, sandbox_client: httpx.Client):
    in_workshop = walk_pages(sandbox_client, "/contacts", {"event_key": WORKSHOP_KEY})
    assert len(in_workshop) == 24
    assert {c["id"] for c in in_workshop} == {
        r.contact_id for r in sandbox.store.participants_of(WORKSHOP_KEY)
    }
    speakers = walk_pages(sandbox_client, "/contacts", {"category_key": "speaker", "per_page": 100})
    assert speakers
    exhibitors = walk_pages(
        sandbox_client, "/contacts", {"category_key": "exhibitor", "per_page": 100}
    )
    main = walk_pages(
        sandbox_client, "/contacts", {"category_key": "main_exhibitor", "per_page": 100}
    )
    assert len(main) < len(exhibitors)  # the top category includes its sub-categories
    both = walk_pages(
        sandbox_client, "/contacts", {"category_key": "speaker", "event_key": WORKSHOP_KEY}
    )
    assert {c["id"] for c in both} <= {c["id"] for c in speakers}
    assert sandbox_client.get("/contacts", params={"event_key": "NOPE"}).json()["data"] == []


def test_contacts_sort(sandbox_client: httpx.Client):
    rows = walk_pages(
        sandbox_client,
        "/contacts",
        {"event_key": EXPO_KEY, "sort": "customer_number", "per_page": 100},
    )
    numbers = [c["customer_number"] for c in rows]
    present = [n for n in numbers if n is not None]
    assert present == sorted(present)
    assert numbers[: len(present)] == present  # missing values last
    desc = walk_pages(
        sandbox_client,
        "/contacts",
        {"event_key": EXPO_KEY, "sort": "customer_number", "order": "desc", "per_page": 100},
    )
    assert [c["customer_number"] for c in desc if c["customer_number"]] == present[::-1]


def test_contact_shape(sandbox_client: httpx.Client):
    contact = sandbox_client.get("/contacts").json()["data"][0]
    assert set(contact) == {
        "id", "customer_number", "company_name", "first_name", "last_name",
        "email", "phone", "city", "country",
    }  # fmt: skip


def test_categories(sandbox_client: httpx.Client):
    categories = walk_pages(sandbox_client, "/categories")
    assert [c["sort_order"] for c in categories] == sorted(c["sort_order"] for c in categories)
    by_id = {c["id"]: c for c in categories}
    subs = [c for c in categories if c["parent_category_id"] is not None]
    assert subs
    for sub in subs:
        assert sub["level"] == 1
        assert by_id[sub["parent_category_id"]]["level"] == 0
    assert {"exhibitor", "visitor", "speaker", "press", "sponsor"} <= {
        c["category_key"] for c in categories
    }
