"""Shared helpers for outbox tests: a controllable clock and quick ways to queue operations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.store import Operation, OperationKind, Outbox

ACCOUNT = "https://acme.plandocket.com"
OTHER_ACCOUNT = "https://other.plandocket.com"


class FakeClock:
    """Seconds since the epoch that only move when a test says so."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self.now += seconds


def open_outbox(tmp_path: Path, clock: FakeClock | None = None, name: str = "outbox.db") -> Outbox:
    """An outbox in the test's temporary folder."""
    if clock is None:
        return Outbox(tmp_path / name)
    return Outbox(tmp_path / name, clock=clock)


def queue(
    outbox: Outbox,
    kind: OperationKind | str,
    row_id: int,
    *,
    account: str = ACCOUNT,
    **fields: Any,
) -> Operation:
    """Enqueue one operation with a label saying what it is."""
    label = f"{OperationKind(kind).value} {row_id}"
    return outbox.enqueue(account=account, kind=kind, row_id=row_id, label=label, **fields)


def add(outbox: Outbox, event_key: str, customer_number: str, **fields: Any) -> Operation:
    """Enqueue an add on a fresh temporary row."""
    row = outbox.new_temporary_row_id()
    return queue(
        outbox,
        OperationKind.ADD,
        row,
        event_key=event_key,
        customer_number=customer_number,
        **fields,
    )
