"""What the GUI process and the loader process say to each other (pickled over a pipe)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from app.domain import Participant, ParticipantFilter


@dataclass(frozen=True, slots=True)
class Connection:
    """Where to load from and with which key (the key is never shown in a repr)."""

    base_url: str
    api_key: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class LoadRequest:
    """Load one filtered participant list; ``generation`` tags every answer."""

    generation: int
    connection: Connection
    filters: ParticipantFilter
    include: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CancelRequest:
    """Stop the load of a generation (pages already sent are dropped by the receiver)."""

    generation: int


@dataclass(frozen=True, slots=True)
class StopRequest:
    """End the loader process."""


@dataclass(frozen=True, slots=True)
class PageMessage:
    """One page, parsed, with its folded search keys."""

    generation: int
    participants: list[Participant]
    keys: list[str]
    total: int | None
    requests: int  # requests made since the previous message, for the request budget


@dataclass(frozen=True, slots=True)
class StatusMessage:
    """The end of a load: finished (with the row count), failed (with the error), cancelled."""

    generation: int
    state: Literal["finished", "failed", "cancelled"]
    count: int = 0
    error: Exception | None = None
    requests: int = 0
