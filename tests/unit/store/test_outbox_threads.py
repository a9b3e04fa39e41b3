"""The outbox used from several threads at once: producers enqueue while consumers deliver."""

from __future__ import annotations

import threading
from collections import defaultdict
from pathlib import Path

from app.store import OperationState, Outbox
from tests.unit.store._helpers import ACCOUNT

PRODUCERS = 4
PER_PRODUCER = 60
CONSUMERS = 3
ROWS = 7  # few rows, so FIFO per row is under real pressure
WAIT = 30.0


def test_producers_and_consumers_on_several_threads_keep_fifo_per_row(tmp_path: Path):
    outbox = Outbox(tmp_path / "outbox.db")
    errors: list[BaseException] = []
    produced = threading.Event()
    delivered: dict[int, list[int]] = defaultdict(list)  # row -> seqs in delivery order
    in_flight: set[int] = set()
    bookkeeping = threading.Lock()
    overlaps: list[int] = []

    def produce(worker: int) -> None:
        try:
            for i in range(PER_PRODUCER):
                row = 1 + (worker * PER_PRODUCER + i) % ROWS
                kind = "confirm" if i % 2 else "unconfirm"
                outbox.enqueue(account=ACCOUNT, kind=kind, row_id=row, label=f"{worker}/{i}")
        except BaseException as error:
            errors.append(error)

    def consume() -> None:
        try:
            while True:
                with bookkeeping:
                    busy = set(in_flight)
                op = outbox.next_due(ACCOUNT, exclude_rows=busy)
                if op is None:
                    if produced.is_set() and outbox.pending_count(ACCOUNT) == 0:
                        return
                    continue
                claimed = outbox.mark_sending(op.op_id)
                if claimed is None:
                    continue  # another consumer claimed it first
                with bookkeeping:
                    if claimed.row_id in in_flight:
                        overlaps.append(claimed.row_id)
                    in_flight.add(claimed.row_id)
                    delivered[claimed.row_id].append(claimed.seq)
                with bookkeeping:
                    # Done and "row free" in one step, so an overlap seen is a real one.
                    outbox.mark_done(claimed.op_id)
                    in_flight.discard(claimed.row_id)
        except BaseException as error:
            errors.append(error)

    producers = [threading.Thread(target=produce, args=(n,)) for n in range(PRODUCERS)]
    consumers = [threading.Thread(target=consume) for _ in range(CONSUMERS)]
    for thread in producers + consumers:
        thread.start()
    for thread in producers:
        thread.join(WAIT)
    produced.set()
    for thread in consumers:
        thread.join(WAIT)
    assert not any(thread.is_alive() for thread in producers + consumers)
    assert errors == []

    operations = outbox.operations(ACCOUNT)
    outbox.close()
    assert len(operations) == PRODUCERS * PER_PRODUCER
    assert len({op.op_id for op in operations}) == len(operations)
    assert len({op.seq for op in operations}) == len(operations)
    assert {op.state for op in operations} == {OperationState.DONE}
    # Each op was delivered once, and within a row strictly in enqueue order.
    assert sum(len(seqs) for seqs in delivered.values()) == len(operations)
    for seqs in delivered.values():
        assert seqs == sorted(seqs)
    # Consumers may claim a row's op only once the previous one of the row is done.
    assert overlaps == []


def test_temporary_row_ids_from_several_threads_are_all_different(tmp_path: Path):
    outbox = Outbox(tmp_path / "outbox.db")
    handed_out: list[int] = []
    lock = threading.Lock()

    def take() -> None:
        for _ in range(50):
            value = outbox.new_temporary_row_id()
            with lock:
                handed_out.append(value)

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)
    outbox.close()
    assert sorted(handed_out) == list(range(-200, 0))
