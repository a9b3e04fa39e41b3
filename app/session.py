"""One live connection to a Plandocket account: where, with which key, and what the key may do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.api import PlandocketClient, RequestRecord
from app.loading import Connection

API_KEY_ENVIRONMENT_VARIABLE = "PARTICIPANT_DESK_API_KEY"


@dataclass
class Session:
    """The account the window works on. ``account`` keys the outbox and the keyring."""

    name: str
    connection: Connection
    client: PlandocketClient
    is_demo: bool = False
    key_persistent: bool = True
    can_list_events: bool | None = None  # None: not known yet
    can_search_contacts: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def account(self) -> str:
        """The normalised base URL."""
        return self.client.base_url

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()


def open_session(
    name: str,
    base_url: str,
    api_key: str,
    *,
    is_demo: bool = False,
    key_persistent: bool = True,
    on_request: Callable[[RequestRecord], None] | None = None,
) -> Session:
    """A session with a fresh client (ConfigurationError for a bad address or key).

    ``on_request`` hears of every request the client sends (the hourly budget counts them).
    """
    client = PlandocketClient(base_url, api_key, on_request=on_request)
    return Session(
        name=name,
        connection=Connection(client.base_url, api_key.strip()),
        client=client,
        is_demo=is_demo,
        key_persistent=key_persistent,
    )
