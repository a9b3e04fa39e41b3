"""API keys and scopes of the sandbox, including the fixed demo keys."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SCOPES = ("participants", "events", "contacts", "categories")

UNAUTHENTICATED = "Unauthenticated."


def missing_scope_message(scope: str) -> str:
    """The 403 message naming the scope the key lacks."""
    return f"This API key does not have the '{scope}' scope."


@dataclass(frozen=True, slots=True)
class ApiKey:
    """One API key and the resources (scopes) it may read and write."""

    key: str
    scopes: frozenset[str]
    label: str = ""


@dataclass(frozen=True, slots=True)
class DemoKeys:
    """The fixed keys every sandbox accepts; printed by the CLI, used by demo mode and tests."""

    full: str = "pd_demo_full_7c3e91a4d2"
    participants_only: str = "pd_demo_participants_2b8d50f6a1"
    no_participants: str = "pd_demo_noparticipants_e41a9c0735"

    def api_keys(self) -> tuple[ApiKey, ...]:
        """The demo keys with their scopes and a human description."""
        return (
            ApiKey(
                self.full,
                frozenset(SCOPES),
                "all scopes: participants, events, contacts, categories",
            ),
            ApiKey(self.participants_only, frozenset({"participants"}), "participants scope only"),
            ApiKey(
                self.no_participants,
                frozenset({"events", "contacts"}),
                "events and contacts only; 403 on participants",
            ),
        )


DEMO_KEYS = DemoKeys()


class KeyRing:
    """The keys a server accepts; tests may add keys while it runs."""

    def __init__(self, keys: Iterable[ApiKey] = ()) -> None:
        self._lock = threading.Lock()
        self._initial = tuple(keys) or DEMO_KEYS.api_keys()
        self._keys: dict[str, ApiKey] = {}
        self.reset()

    def reset(self) -> None:
        """Back to the keys the ring started with."""
        with self._lock:
            self._keys = {key.key: key for key in self._initial}

    def add(self, key: str, scopes: Iterable[str], label: str = "") -> ApiKey:
        """Accept ``key`` with these scopes from now on (replacing any earlier grant)."""
        api_key = ApiKey(key, frozenset(scopes), label)
        with self._lock:
            self._keys[key] = api_key
        return api_key

    def remove(self, key: str) -> None:
        """Stop accepting ``key`` (as if an admin revoked it)."""
        with self._lock:
            self._keys.pop(key, None)

    def get(self, key: str) -> ApiKey | None:
        """The key's grant, or None if it is unknown."""
        with self._lock:
            return self._keys.get(key)


def presented_key(headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
    """The key a request carries: Bearer header, else X-API-Key, else ``?api_key=``."""
    authorization = headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    header_key = headers.get("x-api-key", "").strip()
    if header_key:
        return header_key
    query_key = query.get("api_key", "").strip()
    return query_key or None
