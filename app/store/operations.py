"""Outbox operations: one queued write to Plandocket and where it stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class OperationKind(StrEnum):
    """What a queued write asks Plandocket to do."""

    ADD = "add"
    CONFIRM = "confirm"
    UNCONFIRM = "unconfirm"
    REMOVE = "remove"
    UPDATE = "update"


class OperationState(StrEnum):
    """Where a queued write stands.

    ``queued`` waits for its turn (maybe after a failed attempt), ``sending`` is in flight
    (left over after a crash it means "may or may not have reached the server"), ``done``
    was applied, ``problem`` needs a person, ``discarded`` was given up by a person.
    """

    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    PROBLEM = "problem"
    DISCARDED = "discarded"


# States in which an operation still holds its row: later operations of the row wait.
UNFINISHED_STATES = (OperationState.QUEUED, OperationState.SENDING, OperationState.PROBLEM)
# States counted as "pending" in the table: on their way to the server.
PENDING_STATES = (OperationState.QUEUED, OperationState.SENDING)


@dataclass(frozen=True, slots=True)
class Operation:
    """One write in the outbox, as stored.

    ``row_id`` is the participant id the table shows, or a negative temporary id for a
    participant whose add has not been delivered yet; once the add is delivered, later
    operations of that row carry the real id in both ``row_id`` and ``participant_id``.

    ``event_key``, ``customer_number`` and ``is_confirmed`` are the requested values for
    ``add`` and ``update`` (``None`` = leave unchanged); for the other kinds they are context
    (``is_confirmed`` is the target state of a confirm/unconfirm).

    ``maybe_applied`` is set when an attempt may have reached the server without the answer
    reaching us (dropped connection, 5xx, a crash while sending): the next attempt first
    checks the server's state instead of sending the change blindly again.
    """

    op_id: str
    account: str
    kind: OperationKind
    row_id: int
    participant_id: int | None
    event_key: str | None
    customer_number: str | None
    is_confirmed: bool | None
    label: str
    state: OperationState
    attempts: int
    next_attempt_at: float
    last_error: str | None
    error_fields: dict[str, list[str]] = field(hash=False)
    created_at: float
    updated_at: float
    seq: int
    maybe_applied: bool = False

    @property
    def is_pending(self) -> bool:
        """Whether the operation is still on its way to the server (queued or sending)."""
        return self.state in PENDING_STATES

    @property
    def error_message(self) -> str | None:
        """The sentence for the person at the screen: the first line of ``last_error``."""
        if not self.last_error:
            return None
        return self.last_error.split("\n", 1)[0]

    @property
    def error_details(self) -> str | None:
        """What support needs (status, request, request id): the rest of ``last_error``."""
        if not self.last_error or "\n" not in self.last_error:
            return None
        return self.last_error.split("\n", 1)[1]
