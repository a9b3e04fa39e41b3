"""Queuing many adds at once (an import): one transaction, fresh temporary rows, FIFO kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.store import OperationKind, OperationState, Outbox
from app.store.outbox import PlannedAdd
from tests.unit.store._helpers import ACCOUNT, FakeClock, add, open_outbox


@pytest.fixture
def outbox(tmp_path: Path):
    box = open_outbox(tmp_path, FakeClock())
    yield box
    box.close()


def planned(count: int, event_key: str = "EXPO26") -> list[PlannedAdd]:
    return [
        PlannedAdd(event_key, str(10001 + i), bool(i % 2), f"Add #{10001 + i}")
        for i in range(count)
    ]


def test_every_add_is_queued_in_order_with_its_own_temporary_row(outbox: Outbox):
    before = add(outbox, "WS26", "1")
    operations = outbox.enqueue_adds(ACCOUNT, planned(5))
    assert [op.customer_number for op in operations] == [
        "10001",
        "10002",
        "10003",
        "10004",
        "10005",
    ]
    assert all(op.kind is OperationKind.ADD for op in operations)
    assert all(op.state is OperationState.QUEUED for op in operations)
    assert [op.is_confirmed for op in operations] == [False, True, False, True, False]
    rows = [op.row_id for op in operations]
    assert len(set(rows)) == 5
    assert all(row < before.row_id for row in rows)
    assert outbox.new_temporary_row_id() < min(rows)  # never handed out twice
    assert [op.op_id for op in outbox.pending(ACCOUNT)] == [
        before.op_id,
        *(op.op_id for op in operations),
    ]


def test_they_are_on_disk_when_it_returns(tmp_path: Path):
    box = open_outbox(tmp_path, FakeClock(), name="durable.db")
    box.enqueue_adds(ACCOUNT, planned(3))
    box.close()
    again = Outbox(tmp_path / "durable.db")
    try:
        assert again.pending_count(ACCOUNT) == 3
    finally:
        again.close()


def test_all_or_nothing(outbox: Outbox):
    broken = [*planned(2), PlannedAdd("EXPO26", "", None, "Add nothing")]
    with pytest.raises(ValueError, match="customer number"):
        outbox.enqueue_adds(ACCOUNT, broken)
    assert outbox.pending_count(ACCOUNT) == 0
    with pytest.raises(ValueError, match="account"):
        outbox.enqueue_adds("", planned(1))
    assert outbox.enqueue_adds(ACCOUNT, []) == []
