"""Sandbox authentication: where the key may travel, 401 for unknown keys, 403 per scope."""

from __future__ import annotations

import httpx
import pytest

from app.sandbox import DEMO_KEYS, SandboxServer

UNAUTHENTICATED = {"error": "Unauthenticated."}


def forbidden(scope: str) -> dict[str, str]:
    return {"error": f"This API key does not have the '{scope}' scope."}


# (key, path) -> expected status; the demo keys cover every combination that matters.
MATRIX = [
    (DEMO_KEYS.full, "/participants", 200),
    (DEMO_KEYS.full, "/events", 200),
    (DEMO_KEYS.full, "/contacts", 200),
    (DEMO_KEYS.full, "/categories", 200),
    (DEMO_KEYS.participants_only, "/participants", 200),
    (DEMO_KEYS.participants_only, "/events", 403),
    (DEMO_KEYS.participants_only, "/contacts", 403),
    (DEMO_KEYS.participants_only, "/categories", 403),
    (DEMO_KEYS.no_participants, "/participants", 403),
    (DEMO_KEYS.no_participants, "/participants/1", 403),
    (DEMO_KEYS.no_participants, "/events", 200),
    (DEMO_KEYS.no_participants, "/contacts", 200),
    (DEMO_KEYS.no_participants, "/categories", 403),
]


@pytest.mark.parametrize(("key", "path", "status"), MATRIX)
def test_scopes_per_demo_key(sandbox: SandboxServer, key: str, path: str, status: int):
    response = httpx.get(f"{sandbox.api_url}{path}", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == status
    if status == 403:
        scope = path.split("/")[1]
        assert response.json() == forbidden(scope)


def test_demo_keys_are_recognisable():
    for key in (DEMO_KEYS.full, DEMO_KEYS.participants_only, DEMO_KEYS.no_participants):
        assert key.startswith("pd_demo_")
    assert len({key.key for key in DEMO_KEYS.api_keys()}) == 3


@pytest.mark.parametrize(
    ("headers", "params"),
    [
        ({"Authorization": f"Bearer {DEMO_KEYS.full}"}, {}),
        ({"Authorization": f"bearer   {DEMO_KEYS.full}"}, {}),
        ({"X-API-Key": DEMO_KEYS.full}, {}),
        ({}, {"api_key": DEMO_KEYS.full}),
    ],
)
def test_key_locations(sandbox: SandboxServer, headers: dict[str, str], params: dict[str, str]):
    response = httpx.get(f"{sandbox.api_url}/participants", headers=headers, params=params)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer nope"},
        {"Authorization": f"Basic {DEMO_KEYS.full}"},
        {"Authorization": "Bearer"},
        {"X-API-Key": "nope"},
    ],
)
def test_missing_or_unknown_key_is_401(sandbox: SandboxServer, headers: dict[str, str]):
    for method, path in (
        ("GET", "/participants"),
        ("POST", "/participants"),
        ("DELETE", "/participants/1"),
    ):
        response = httpx.request(method, f"{sandbox.api_url}{path}", headers=headers)
        assert response.status_code == 401
        assert response.json() == UNAUTHENTICATED
        assert "x-request-id" in response.headers
    # A write without permission must not have happened.
    assert sandbox.store.audit_log() == []


def test_writes_need_the_participants_scope(sandbox: SandboxServer):
    headers = {"Authorization": f"Bearer {DEMO_KEYS.no_participants}"}
    row = sandbox.store.participants_of("WS26")[0]
    response = httpx.patch(
        f"{sandbox.api_url}/participants/{row.id}", json={"is_confirmed": True}, headers=headers
    )
    assert response.status_code == 403
    assert response.json() == forbidden("participants")
    assert sandbox.store.audit_log() == []


def test_added_and_revoked_keys(sandbox: SandboxServer):
    sandbox.add_api_key("tenant_key_categories", {"categories"})
    headers = {"Authorization": "Bearer tenant_key_categories"}
    assert httpx.get(f"{sandbox.api_url}/categories", headers=headers).status_code == 200
    assert httpx.get(f"{sandbox.api_url}/participants", headers=headers).json() == forbidden(
        "participants"
    )
    sandbox.remove_api_key("tenant_key_categories")
    assert httpx.get(f"{sandbox.api_url}/categories", headers=headers).status_code == 401
    sandbox.reset()
    assert httpx.get(f"{sandbox.api_url}/categories", headers=headers).status_code == 401


def test_unknown_route_is_404_even_without_key(sandbox: SandboxServer):
    response = httpx.get(f"{sandbox.api_url}/check-ins")
    assert response.status_code == 404
    assert set(response.json()) == {"error"}
