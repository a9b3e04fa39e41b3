"""Sandbox participants endpoints: listing, filters, includes, writes and their errors."""

from __future__ import annotations

import re

import httpx
import pytest

from app.sandbox import CONF_KEY, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer
from tests.sandbox_fixtures import MakeClient, MakeSandbox, walk_pages

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")
DOCUMENTED_KEYS = {
    "id",
    "event_id",
    "contact_id",
    "category_id",
    "is_confirmed",
    "created_at",
    "updated_at",
}


def free_number(sandbox: SandboxServer) -> str:
    number = sandbox.store.free_contacts()[0].customer_number
    assert number is not None
    return number


def test_list_documented_shape(sandbox_client: httpx.Client):
    response = sandbox_client.get("/participants")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert re.fullmatch(r"req_[0-9a-f]{12}", response.headers["x-request-id"])
    body = response.json()
    assert set(body) == {"data", "links", "meta"}
    first = body["data"][0]
    assert set(first) == DOCUMENTED_KEYS
    assert isinstance(first["id"], int)
    assert isinstance(first["is_confirmed"], bool)
    assert ISO_UTC.match(first["created_at"])
    assert ISO_UTC.match(first["updated_at"])
    assert body["meta"]["total"] == 600 + 2500 + 24


def test_filter_by_event_uses_seeded_counts(sandbox: SandboxServer, sandbox_client: httpx.Client):
    for key, expected in ((EXPO_KEY, 600), (CONF_KEY, 2500), (WORKSHOP_KEY, 24), (SUMMIT_KEY, 0)):
        body = sandbox_client.get("/participants", params={"event_key": key}).json()
        assert body["meta"]["total"] == expected == sandbox.store.count(key)
        event = sandbox.store.event_by_key(key)
        assert event is not None
        assert all(item["event_id"] == event.id for item in body["data"])


def test_unknown_event_key_filter_matches_nothing(sandbox_client: httpx.Client):
    body = sandbox_client.get("/participants", params={"event_key": "NOPE"}).json()
    assert body["data"] == []
    assert body["meta"]["total"] == 0


@pytest.mark.parametrize("flag", ["1", "true", "0", "false"])
def test_filter_confirmed(sandbox: SandboxServer, sandbox_client: httpx.Client, flag: str):
    wanted = flag in ("1", "true")
    items = walk_pages(
        sandbox_client, "/participants", {"event_key": EXPO_KEY, "confirmed": flag, "per_page": 100}
    )
    assert len(items) == sandbox.store.count(EXPO_KEY, confirmed=wanted)
    assert all(item["is_confirmed"] is wanted for item in items)
    share = sandbox.store.count(confirmed=True) / sandbox.store.count()
    assert 0.30 < share < 0.40


def test_filter_confirmed_rejects_nonsense(sandbox_client: httpx.Client):
    response = sandbox_client.get("/participants", params={"confirmed": "maybe"})
    assert response.status_code == 422
    assert response.json() == {
        "error": "Validation failed",
        "errors": {"confirmed": ["The confirmed field must be true or false."]},
    }


def test_filter_by_customer_number(sandbox: SandboxServer, sandbox_client: httpx.Client):
    row = sandbox.store.participants_of(WORKSHOP_KEY)[0]
    contact = sandbox.store.contact(row.contact_id)
    assert contact is not None
    assert contact.customer_number is not None
    body = sandbox_client.get(
        "/participants", params={"customer_number": contact.customer_number}
    ).json()
    # Workshop contacts also take part in the conference, some in the trade show too.
    assert len(body["data"]) >= 2
    assert {item["contact_id"] for item in body["data"]} == {contact.id}
    both = sandbox_client.get(
        "/participants",
        params={"customer_number": contact.customer_number, "event_key": WORKSHOP_KEY},
    ).json()
    assert [item["id"] for item in both["data"]] == [row.id]
    unknown = sandbox_client.get("/participants", params={"customer_number": "no-such"}).json()
    assert unknown["data"] == []


def test_include_related_objects(sandbox: SandboxServer, sandbox_client: httpx.Client):
    body = sandbox_client.get(
        "/participants",
        params={"event_key": CONF_KEY, "include": "contact, event,category,bogus", "per_page": 100},
    ).json()
    for item in body["data"]:
        assert item["contact"]["id"] == item["contact_id"]
        assert set(item["contact"]) == {
            "id", "customer_number", "company_name", "first_name", "last_name",
            "email", "phone", "city", "country",
        }  # fmt: skip
        assert item["event"]["event_key"] == CONF_KEY
        assert set(item["event"]) == {
            "id", "event_key", "title", "date_from", "date_to", "city", "country", "is_visible",
        }  # fmt: skip
        if item["category_id"] is None:
            assert item["category"] is None
        else:
            assert item["category"]["id"] == item["category_id"]
            assert set(item["category"]) == {
                "id", "category_key", "title", "parent_category_id", "level", "sort_order",
            }  # fmt: skip
        assert "bogus" not in item
    # Some conference participants have no category: "included but absent" is null.
    everything = walk_pages(
        sandbox_client, "/participants", {"event_key": CONF_KEY, "include": "category"}
    )
    assert any(item["category"] is None for item in everything)
    assert any(
        item["category"] is not None and item["category"]["level"] == 1 for item in everything
    )


def test_data_has_umlauts_and_null_customer_numbers(sandbox_client: httpx.Client):
    items = walk_pages(
        sandbox_client,
        "/participants",
        {"event_key": CONF_KEY, "include": "contact", "per_page": 100},
    )
    contacts = [item["contact"] for item in items]
    text = " ".join(f"{c['company_name']} {c['first_name']} {c['last_name']}" for c in contacts)
    for needle in ("ü", "ø", "Ł", "é", "ç"):
        assert needle in text.lower() or needle in text
    assert any(item["contact"]["customer_number"] is None for item in items)
    assert all(
        item["contact"]["email"] is None or item["contact"]["email"].isascii() for item in items
    )


def test_get_single_participant(sandbox: SandboxServer, sandbox_client: httpx.Client):
    row = sandbox.store.participants_of(EXPO_KEY)[0]
    response = sandbox_client.get(f"/participants/{row.id}", params={"include": "contact"})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == row.id
    assert data["event_id"] == row.event_id
    assert data["is_confirmed"] is row.is_confirmed
    assert data["contact"]["id"] == row.contact_id


@pytest.mark.parametrize("path", ["/participants/999999", "/participants/abc", "/participants/-1"])
def test_single_participant_not_found(sandbox_client: httpx.Client, path: str):
    response = sandbox_client.get(path)
    assert response.status_code == 404
    assert response.json() == {"error": "Participant not found"}


def test_create_participant(sandbox: SandboxServer, sandbox_client: httpx.Client):
    number = free_number(sandbox)
    before = sandbox.store.count(WORKSHOP_KEY)
    response = sandbox_client.post(
        "/participants", json={"event_key": WORKSHOP_KEY, "customer_number": number}
    )
    assert response.status_code == 201
    data = response.json()["data"]
    assert set(data) == DOCUMENTED_KEYS
    assert data["is_confirmed"] is False
    assert data["category_id"] is None
    assert sandbox.store.count(WORKSHOP_KEY) == before + 1
    row = sandbox.store.find(WORKSHOP_KEY, number)
    assert row is not None
    assert row.id == data["id"]
    assert data["id"] > max(r.id for r in sandbox.store.dataset.participants)
    [entry] = sandbox.store.audit_log()
    assert (entry.op, entry.participant_id, entry.before_confirmed, entry.after_confirmed) == (
        "create", row.id, None, False,
    )  # fmt: skip
    # It shows up in the listing and the single view.
    assert sandbox_client.get(f"/participants/{row.id}").json()["data"] == data


@pytest.mark.parametrize("value", [True, 1, "1"])
def test_create_confirmed_accepts_boolean_forms(
    sandbox: SandboxServer, sandbox_client: httpx.Client, value: object
):
    number = free_number(sandbox)
    response = sandbox_client.post(
        "/participants",
        json={"event_key": SUMMIT_KEY, "customer_number": number, "is_confirmed": value},
    )
    assert response.status_code == 201
    assert response.json()["data"]["is_confirmed"] is True


def test_create_accepts_form_encoding(sandbox: SandboxServer, sandbox_client: httpx.Client):
    number = free_number(sandbox)
    response = sandbox_client.post(
        "/participants",
        data={"event_key": SUMMIT_KEY, "customer_number": number, "is_confirmed": "0"},
    )
    assert response.status_code == 201
    assert response.json()["data"]["is_confirmed"] is False


VALIDATION_CASES = [
    ({}, {
        "event_key": ["The event key field is required."],
        "customer_number": ["The customer number field is required."],
    }),
    ({"customer_number": "{free}"}, {"event_key": ["The event key field is required."]}),
    ({"event_key": "", "customer_number": "{free}"},
     {"event_key": ["The event key field is required."]}),
    ({"event_key": WORKSHOP_KEY}, {"customer_number": ["The customer number field is required."]}),
    ({"event_key": "NOPE", "customer_number": "{free}"},
     {"event_key": ["The selected event key is invalid."]}),
    ({"event_key": WORKSHOP_KEY, "customer_number": "000"},
     {"customer_number": ["The selected customer number is invalid."]}),
    ({"event_key": WORKSHOP_KEY, "customer_number": 10001},
     {"customer_number": ["The customer number field must be a string."]}),
    ({"event_key": WORKSHOP_KEY, "customer_number": "{free}", "is_confirmed": "yes"},
     {"is_confirmed": ["The is confirmed field must be true or false."]}),
    ({"event_key": WORKSHOP_KEY, "customer_number": "{free}", "is_confirmed": 2},
     {"is_confirmed": ["The is confirmed field must be true or false."]}),
    ({"event_key": WORKSHOP_KEY, "customer_number": "{free}", "is_confirmed": None},
     {"is_confirmed": ["The is confirmed field must be true or false."]}),
    ({"event_key": "NOPE", "customer_number": "000", "is_confirmed": "true"}, {
        "event_key": ["The selected event key is invalid."],
        "customer_number": ["The selected customer number is invalid."],
        "is_confirmed": ["The is confirmed field must be true or false."],
    }),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "errors"), VALIDATION_CASES)
def test_create_validation_errors(
    sandbox: SandboxServer,
    sandbox_client: httpx.Client,
    payload: dict[str, object],
    errors: dict[str, list[str]],
):
    number = free_number(sandbox)
    body = {key: number if value == "{free}" else value for key, value in payload.items()}
    response = sandbox_client.post("/participants", json=body)
    assert response.status_code == 422
    assert response.json() == {"error": "Validation failed", "errors": errors}
    assert sandbox.store.audit_log() == []


def test_create_duplicate_is_422_on_customer_number(
    sandbox: SandboxServer, sandbox_client: httpx.Client
):
    row = sandbox.store.participants_of(EXPO_KEY)[0]
    contact = sandbox.store.contact(row.contact_id)
    assert contact is not None
    response = sandbox_client.post(
        "/participants", json={"event_key": EXPO_KEY, "customer_number": contact.customer_number}
    )
    assert response.status_code == 422
    assert response.json() == {
        "error": "Validation failed",
        "errors": {"customer_number": ["This contact is already a participant of this event."]},
    }


def test_contact_without_customer_number_cannot_be_added(
    sandbox: SandboxServer, sandbox_client: httpx.Client
):
    nameless = [c for c in sandbox.store.contacts() if c.customer_number is None]
    assert 3 <= len(nameless) <= 10
    response = sandbox_client.post(
        "/participants", json={"event_key": EXPO_KEY, "customer_number": None}
    )
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"{not json", "Malformed JSON body"), (b"[1, 2]", "The request body must be a JSON object.")],
)
def test_create_malformed_body_is_400(sandbox_client: httpx.Client, body: bytes, message: str):
    response = sandbox_client.post(
        "/participants", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    payload = response.json()
    assert set(payload) == {"error"}
    assert payload["error"].startswith(message)


@pytest.mark.parametrize("method", ["PATCH", "PUT"])
def test_update_confirmation(sandbox: SandboxServer, sandbox_client: httpx.Client, method: str):
    row = next(r for r in sandbox.store.participants_of(CONF_KEY) if not r.is_confirmed)
    response = sandbox_client.request(
        method, f"/participants/{row.id}", json={"is_confirmed": True}
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["is_confirmed"] is True
    assert data["updated_at"] > data["created_at"]
    after = sandbox.store.participant(row.id)
    assert after is not None
    assert after.is_confirmed
    assert after.updated_us >= row.updated_us + 1_000_000
    # Confirming again is accepted, changes nothing and does not bump updated_at.
    again = sandbox_client.request(method, f"/participants/{row.id}", json={"is_confirmed": "1"})
    assert again.status_code == 200
    assert again.json()["data"]["updated_at"] == data["updated_at"]
    first, second = sandbox.store.audit_log()
    assert (first.before_confirmed, first.after_confirmed, first.changed) == (False, True, True)
    assert (second.before_confirmed, second.after_confirmed, second.changed) == (True, True, False)


def test_update_moves_to_another_event_and_contact(
    sandbox: SandboxServer, sandbox_client: httpx.Client
):
    row = sandbox.store.participants_of(WORKSHOP_KEY)[0]
    response = sandbox_client.patch(f"/participants/{row.id}", json={"event_key": SUMMIT_KEY})
    assert response.status_code == 200
    summit = sandbox.store.event_by_key(SUMMIT_KEY)
    assert summit is not None
    assert response.json()["data"]["event_id"] == summit.id
    assert sandbox.store.count(SUMMIT_KEY) == 1
    assert sandbox.store.count(WORKSHOP_KEY) == 23
    number = free_number(sandbox)
    switched = sandbox_client.patch(f"/participants/{row.id}", json={"customer_number": number})
    assert switched.status_code == 200
    contact = sandbox.store.contact_by_customer_number(number)
    assert contact is not None
    assert switched.json()["data"]["contact_id"] == contact.id
    listed = sandbox_client.get("/participants", params={"event_key": SUMMIT_KEY}).json()["data"]
    assert [item["id"] for item in listed] == [row.id]


def test_update_into_duplicate_is_422(sandbox: SandboxServer, sandbox_client: httpx.Client):
    # A workshop participant whose contact is also in the conference cannot move there.
    row = sandbox.store.participants_of(WORKSHOP_KEY)[0]
    response = sandbox_client.patch(f"/participants/{row.id}", json={"event_key": CONF_KEY})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "customer_number": ["This contact is already a participant of this event."]
    }
    assert sandbox.store.participant(row.id) == row


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        (
            {"is_confirmed": "no"},
            {"is_confirmed": ["The is confirmed field must be true or false."]},
        ),
        ({"event_key": None}, {"event_key": ["The event key field is required."]}),
        ({"event_key": "NOPE"}, {"event_key": ["The selected event key is invalid."]}),
        (
            {"customer_number": "nope"},
            {"customer_number": ["The selected customer number is invalid."]},
        ),
    ],
)
def test_update_validation_errors(
    sandbox: SandboxServer,
    sandbox_client: httpx.Client,
    payload: dict[str, object],
    errors: dict[str, list[str]],
):
    row = sandbox.store.participants_of(WORKSHOP_KEY)[0]
    response = sandbox_client.patch(f"/participants/{row.id}", json=payload)
    assert response.status_code == 422
    assert response.json() == {"error": "Validation failed", "errors": errors}


def test_update_and_delete_missing_is_404(sandbox_client: httpx.Client):
    assert (
        sandbox_client.patch("/participants/999999", json={"is_confirmed": True}).status_code == 404
    )
    response = sandbox_client.delete("/participants/999999")
    assert response.status_code == 404
    assert response.json() == {"error": "Participant not found"}


def test_delete_participant(sandbox: SandboxServer, sandbox_client: httpx.Client):
    row = sandbox.store.participants_of(WORKSHOP_KEY)[3]
    response = sandbox_client.delete(f"/participants/{row.id}")
    assert response.status_code == 204
    assert response.content == b""
    assert sandbox.store.participant(row.id) is None
    assert sandbox.store.count(WORKSHOP_KEY) == 23
    assert sandbox.store.contact(row.contact_id) is not None  # the contact stays
    assert sandbox_client.get(f"/participants/{row.id}").status_code == 404
    assert sandbox_client.delete(f"/participants/{row.id}").status_code == 404
    [entry] = sandbox.store.audit_log()
    assert (entry.op, entry.before, entry.after) == ("delete", row, None)


def test_unknown_path_and_wrong_method(sandbox_client: httpx.Client):
    missing = sandbox_client.get("/check-ins")
    assert missing.status_code == 404
    assert set(missing.json()) == {"error"}
    assert "x-request-id" in missing.headers
    trailing = sandbox_client.get("/participants/")
    assert trailing.status_code == 404
    wrong = sandbox_client.delete("/participants")
    assert wrong.status_code == 405
    assert set(wrong.json()) == {"error"}
    assert wrong.headers["allow"] == "GET, HEAD, POST"
    assert sandbox_client.post("/participants/1", json={}).status_code == 405
    assert sandbox_client.post("/events", json={}).status_code == 405


def test_get_with_json_content_type_and_no_body(sandbox_client: httpx.Client):
    response = sandbox_client.get("/participants", headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert response.json()["data"]


def test_sample_shape(make_sandbox: MakeSandbox, make_client: MakeClient):
    server = make_sandbox(response_shape="sample")
    client = make_client(server)
    listing = client.get("/participants", params={"event_key": EXPO_KEY, "include": "event"})
    body = listing.json()
    assert body["meta"]["request_id"] == listing.headers["x-request-id"]
    assert body["meta"]["total"] == 600  # merged with the pagination meta
    first = body["data"][0]
    assert "id" not in first
    assert isinstance(first["participant_id"], int)
    assert first["is_confirmed"] in (0, 1)
    assert type(first["is_confirmed"]) is int
    assert type(first["created_at"]) is int
    assert 1_767_225_600 <= first["created_at"] < 1_798_761_600  # within 2026
    assert first["event"]["is_visible"] in (0, 1)

    single = client.get(f"/participants/{first['participant_id']}").json()
    assert single["data"]["participant_id"] == first["participant_id"]
    assert set(single["meta"]) == {"request_id"}

    number = server.store.free_contacts()[0].customer_number
    created = client.post("/participants", json={"event_key": EXPO_KEY, "customer_number": number})
    assert created.status_code == 201
    assert created.json()["data"]["is_confirmed"] == 0
    assert created.json()["meta"]["request_id"].startswith("req_")

    error = client.get("/participants/999999").json()
    assert error["error"] == "Participant not found"
    assert error["meta"]["request_id"].startswith("req_")
    invalid = client.post("/participants", json={}).json()
    assert invalid["errors"]["event_key"] == ["The event key field is required."]
    assert "request_id" in invalid["meta"]
    deleted = client.delete(f"/participants/{first['participant_id']}")
    assert deleted.status_code == 204
    assert deleted.content == b""


@pytest.mark.parametrize("shape", ["documented", "sample"])
def test_partial_write_responses(make_sandbox: MakeSandbox, make_client: MakeClient, shape: str):
    server = make_sandbox(response_shape=shape, partial_write_responses=True)
    client = make_client(server)
    number = server.store.free_contacts()[0].customer_number
    created = client.post("/participants", json={"event_key": EXPO_KEY, "customer_number": number})
    id_key = "id" if shape == "documented" else "participant_id"
    assert set(created.json()["data"]) == {id_key, "created_at", "updated_at"}
    participant_id = created.json()["data"][id_key]
    updated = client.patch(f"/participants/{participant_id}", json={"is_confirmed": True})
    assert set(updated.json()["data"]) == {id_key, "created_at", "updated_at"}
    # Reads stay complete.
    assert client.get(f"/participants/{participant_id}").json()["data"]["is_confirmed"] in (True, 1)
