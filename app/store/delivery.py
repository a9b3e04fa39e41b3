"""Delivering one outbox operation with the Plandocket client, and what its outcome means."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from app.api import (
    AuthenticationError,
    ClientClosedError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PlandocketClient,
    PlandocketError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from app.domain import Participant
from app.store.operations import Operation, OperationKind

log = logging.getLogger(__name__)

GONE_MESSAGE = "This participant is gone on the server: someone may have removed it."
NEVER_CREATED_MESSAGE = "The participant this change was meant for was never created."


class OutcomeKind(StrEnum):
    """What the sender does with an operation after one delivery attempt."""

    DONE = "done"  # applied (or already so on the server): reconcile the row
    RETRY = "retry"  # not applied, or not known: keep it queued, try again later
    PROBLEM = "problem"  # the server refused it: a person must retry or discard it
    AUTH = "auth"  # the key was refused: pause everything, ask for the key again
    FORBIDDEN = "forbidden"  # the key lacks a scope: pause, tell which one


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    """The classified result of one delivery attempt."""

    kind: OutcomeKind
    # The server's participant after the write (DONE of add/confirm/unconfirm/update).
    participant: Participant | None = None
    error: PlandocketError | None = None
    # Replaces the error's user message (e.g. "gone on the server" for a 404).
    message: str | None = None
    # Seconds the server asked us to wait (429, or 503 with Retry-After).
    retry_after: float | None = None
    # The failed attempt may have reached the server: verify before sending it again.
    maybe_applied: bool = False
    # DONE without sending: the server already showed the desired state.
    verified: bool = False
    # False when the failure was not the operation's (the client was closed meanwhile):
    # no attempt is counted and no backoff applies.
    counts_attempt: bool = True

    @property
    def error_text(self) -> str | None:
        """User message, then a line for support: what the outbox stores as ``last_error``.

        Errors from the client never contain the API key, so this is safe to store.
        """
        if self.error is None and self.message is None:
            return None
        text = self.message or (self.error.user_message if self.error else "")
        details = self.error.support_details if self.error is not None else ""
        return f"{text}\n{details}" if details else text

    @property
    def error_fields(self) -> dict[str, list[str]]:
        """The server's messages per field of a 422 (empty otherwise)."""
        if isinstance(self.error, ValidationError):
            return {name: list(messages) for name, messages in self.error.field_errors.items()}
        return {}


def deliver(op: Operation, client: PlandocketClient, *, verify_first: bool) -> DeliveryOutcome:
    """Perform one operation and classify the outcome; never raises a PlandocketError.

    ``verify_first`` is for an operation that may already have reached the server (a crash
    while sending, a dropped answer): the server's state is read first and the change is
    only sent when it is not there yet, so the server sees each change once.
    """
    try:
        return _perform(op, client, verify_first)
    except PlandocketError as error:
        if client.closed:
            # Closed under our feet (new key, new address, shutdown): however the request
            # failed, it says nothing about the operation. It may have been sent, though.
            return DeliveryOutcome(
                OutcomeKind.RETRY, error=error, maybe_applied=True, counts_attempt=False
            )
        return _classify(op, error)


def _classify(op: Operation, error: PlandocketError) -> DeliveryOutcome:
    """What a failed attempt means for the operation."""
    if isinstance(error, AuthenticationError):
        return DeliveryOutcome(OutcomeKind.AUTH, error=error)
    if isinstance(error, PermissionDeniedError):
        return DeliveryOutcome(OutcomeKind.FORBIDDEN, error=error)
    if isinstance(error, NotFoundError):
        if op.kind is OperationKind.REMOVE:
            return DeliveryOutcome(OutcomeKind.DONE)  # the intent, "gone", is satisfied
        return DeliveryOutcome(OutcomeKind.PROBLEM, error=error, message=GONE_MESSAGE)
    if isinstance(error, RateLimitedError):
        return DeliveryOutcome(OutcomeKind.RETRY, error=error, retry_after=error.retry_after)
    if isinstance(error, ClientClosedError):
        return DeliveryOutcome(
            OutcomeKind.RETRY, error=error, maybe_applied=True, counts_attempt=False
        )
    if isinstance(error, NetworkError):
        return DeliveryOutcome(OutcomeKind.RETRY, error=error, maybe_applied=error.request_sent)
    if isinstance(error, ServerError | ProtocolError):
        # A 5xx or an unreadable answer says nothing about whether the write happened.
        return DeliveryOutcome(OutcomeKind.RETRY, error=error, maybe_applied=True)
    # 422 (with field messages), 400, 405 and anything else the server refused.
    return DeliveryOutcome(OutcomeKind.PROBLEM, error=error)


def _perform(op: Operation, client: PlandocketClient, verify_first: bool) -> DeliveryOutcome:
    if op.kind is OperationKind.ADD:
        return _add(op, client, verify_first)
    pid = op.participant_id
    if pid is None:
        # Only reachable when the add of a temporary row is gone without its followers.
        return DeliveryOutcome(OutcomeKind.PROBLEM, message=NEVER_CREATED_MESSAGE)
    if op.kind is OperationKind.REMOVE:
        # DELETE is its own verification: a 404 means an earlier attempt removed it.
        client.remove_participant(pid)
        return DeliveryOutcome(OutcomeKind.DONE)
    if verify_first:
        include = ("contact", "event") if op.kind is OperationKind.UPDATE else ()
        current = client.get_participant(pid, include=include)
        if _already_applied(op, current):
            log.info("operation %s was already applied to participant %d", op.op_id, pid)
            return DeliveryOutcome(OutcomeKind.DONE, participant=current, verified=True)
    updated = client.update_participant(
        pid,
        is_confirmed=op.is_confirmed,
        event_key=op.event_key if op.kind is OperationKind.UPDATE else None,
        customer_number=op.customer_number if op.kind is OperationKind.UPDATE else None,
    )
    return DeliveryOutcome(OutcomeKind.DONE, participant=updated)


def _add(op: Operation, client: PlandocketClient, verify_first: bool) -> DeliveryOutcome:
    if not op.event_key or not op.customer_number:
        return DeliveryOutcome(
            OutcomeKind.PROBLEM, message="The add names no event or no customer number."
        )
    if verify_first:
        existing = client.find_participation(op.event_key, op.customer_number)
        if existing is not None:
            log.info("add %s was already applied: participant %d", op.op_id, existing.id)
            return DeliveryOutcome(OutcomeKind.DONE, participant=existing, verified=True)
    created = client.add_participant(op.event_key, op.customer_number, op.is_confirmed)
    return DeliveryOutcome(OutcomeKind.DONE, participant=created)


def _already_applied(op: Operation, current: Participant) -> bool:
    """Whether the server's row already shows every value the operation asks for.

    A value the server did not send counts as "not shown": then the change is sent,
    which is safe for these idempotent updates.
    """
    if op.is_confirmed is not None and current.is_confirmed is not op.is_confirmed:
        return False
    if op.kind is not OperationKind.UPDATE:
        return True
    if op.event_key is not None and (
        current.event is None or current.event.event_key != op.event_key
    ):
        return False
    return op.customer_number is None or (
        current.contact is not None and current.contact.customer_number == op.customer_number
    )
