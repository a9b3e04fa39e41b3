"""Local storage: the outbox of writes on their way to Plandocket. No Qt imports here."""

from app.store.delivery import DeliveryOutcome, OutcomeKind, deliver
from app.store.operations import Operation, OperationKind, OperationState
from app.store.outbox import OperationStateError, Outbox, OutboxError

__all__ = [
    "DeliveryOutcome",
    "Operation",
    "OperationKind",
    "OperationState",
    "OperationStateError",
    "Outbox",
    "OutboxError",
    "OutcomeKind",
    "deliver",
]
