"""Pytest plugin with running sandbox servers; the root conftest registers it for all tests.

Fixtures:

- ``sandbox``: a running default server (laravel pagination, documented shape, no faults),
  reset to its seeded state before each test. One server is shared by the whole session,
  because a reset takes milliseconds and a restart a tenth of a second.
- ``make_sandbox(**options)``: starts a server of its own per call and stops it after the
  test. Options are SandboxConfig fields; FaultConfig fields may be given directly
  (``make_sandbox(pagination="cursor", error_rate=1.0)``).
- ``sandbox_client``: an ``httpx.Client`` on ``sandbox``'s /api/v1 with the full demo key.
- ``make_client(server, key=...)``: such a client for any server and key.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from app.sandbox import DEMO_KEYS, FaultConfig, SandboxConfig, SandboxServer

_FAULT_FIELDS = frozenset(field.name for field in dataclasses.fields(FaultConfig))
_CONFIG_FIELDS = frozenset(field.name for field in dataclasses.fields(SandboxConfig))

MakeSandbox = Callable[..., SandboxServer]
MakeClient = Callable[..., httpx.Client]


def sandbox_config(**options: Any) -> SandboxConfig:
    """A SandboxConfig from keyword options, fault fields included."""
    unknown = set(options) - _FAULT_FIELDS - _CONFIG_FIELDS
    if unknown:
        raise TypeError(f"unknown sandbox options: {sorted(unknown)}")
    fault_options = {key: value for key, value in options.items() if key in _FAULT_FIELDS}
    config_options = {key: value for key, value in options.items() if key in _CONFIG_FIELDS}
    faults = config_options.pop("faults", None) or FaultConfig()
    return SandboxConfig(faults=dataclasses.replace(faults, **fault_options), **config_options)


def api_client(
    server: SandboxServer, key: str | None = DEMO_KEYS.full, **kwargs: Any
) -> httpx.Client:
    """An httpx client on ``server``'s /api/v1 sending ``key`` as a Bearer token (None: no key)."""
    headers = dict(kwargs.pop("headers", {}))
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    kwargs.setdefault("timeout", 30.0)
    return httpx.Client(base_url=server.api_url, headers=headers, **kwargs)


@pytest.fixture(scope="session")
def _shared_sandbox() -> Iterator[list[SandboxServer]]:
    holder: list[SandboxServer] = []
    yield holder
    for server in holder:
        server.stop()


@pytest.fixture
def sandbox(_shared_sandbox: list[SandboxServer]) -> SandboxServer:
    """A running default sandbox in its seeded state (data, keys, faults, logs)."""
    # Started on first use; replaced if a test stopped it, so one test cannot break the rest.
    if not _shared_sandbox or not _shared_sandbox[-1].running:
        _shared_sandbox.append(SandboxServer().start())
    server = _shared_sandbox[-1]
    server.reset()
    return server


@pytest.fixture
def make_sandbox() -> Iterator[MakeSandbox]:
    """Factory: ``make_sandbox(**options)`` starts a dedicated server, stopped after the test."""
    servers: list[SandboxServer] = []

    def make(**options: Any) -> SandboxServer:
        server = SandboxServer(sandbox_config(**options))
        servers.append(server)
        return server.start()

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    """Factory: ``make_client(server, key=DEMO_KEYS.full, **httpx_options)``; closed at teardown."""
    clients: list[httpx.Client] = []

    def make(
        server: SandboxServer, key: str | None = DEMO_KEYS.full, **kwargs: Any
    ) -> httpx.Client:
        client = api_client(server, key, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def sandbox_client(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """An httpx client on the default sandbox's /api/v1 with the full demo key."""
    with api_client(sandbox) as client:
        yield client


def walk_pages(
    client: httpx.Client, path: str, params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Every item of a paginated listing, following whichever shape the server uses."""
    items: list[dict[str, Any]] = []
    response = client.get(path, params=params)
    seen = 0
    while True:
        response.raise_for_status()
        body = response.json()
        items.extend(body["data"])
        seen += 1
        assert seen < 100_000, "pagination does not end"
        if isinstance(body.get("links"), dict) and body["links"].get("next"):
            # Laravel links are absolute and carry the filters: follow them as they are.
            response = client.get(body["links"]["next"])
        elif body.get("has_more"):
            response = client.get(path, params={**(params or {}), "cursor": body["next_cursor"]})
        else:
            return items
