"""Outbox persistence, ordering and state changes (SQLite in a temporary folder, no Qt)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from app.store import Operation, OperationKind, OperationState, OperationStateError, Outbox
from app.store.outbox import KEEP_FINISHED_SECONDS, SCHEMA_VERSION, OutboxError
from tests.unit.store._helpers import ACCOUNT, OTHER_ACCOUNT, FakeClock, add, open_outbox, queue

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def outbox(tmp_path: Path, clock: FakeClock):
    box = open_outbox(tmp_path, clock)
    yield box
    box.close()


def ids(operations: list[Operation]) -> list[str]:
    return [op.op_id for op in operations]


# -- enqueue and persistence ---------------------------------------------------------------


def test_enqueue_stores_a_queued_operation_with_every_field(outbox: Outbox, clock: FakeClock):
    op = outbox.enqueue(
        account=ACCOUNT,
        kind="confirm",
        row_id=17,
        label="Confirm Müller GmbH (Hans Müller) · EXPO26",
        event_key="EXPO26",
        customer_number="10001",
    )
    assert len(op.op_id) == 32
    assert int(op.op_id, 16) >= 0  # uuid4 hex
    assert op.kind is OperationKind.CONFIRM
    assert op.state is OperationState.QUEUED
    assert (op.row_id, op.participant_id, op.is_confirmed) == (17, 17, True)
    assert (op.event_key, op.customer_number) == ("EXPO26", "10001")
    assert op.label == "Confirm Müller GmbH (Hans Müller) · EXPO26"
    assert (op.attempts, op.last_error, op.error_fields, op.maybe_applied) == (0, None, {}, False)
    assert op.created_at == op.updated_at == op.next_attempt_at == clock.now
    assert op.is_pending
    assert outbox.get(op.op_id) == op
    assert outbox.get("unknown") is None


def test_operations_survive_closing_and_reopening(tmp_path: Path, clock: FakeClock):
    box = open_outbox(tmp_path, clock)
    first = queue(box, "confirm", 1)
    second = queue(box, "remove", 2)
    box.mark_sending(second.op_id)
    box.mark_problem(second.op_id, "gone\nHTTP 404", {"id": ["unknown"]})
    box.close()

    reopened = open_outbox(tmp_path, clock)
    try:
        assert reopened.get(first.op_id) == first
        stored = reopened.get(second.op_id)
        assert stored is not None
        assert stored.state is OperationState.PROBLEM
        assert stored.error_fields == {"id": ["unknown"]}
        assert (stored.error_message, stored.error_details) == ("gone", "HTTP 404")
        assert reopened.schema_version == SCHEMA_VERSION
    finally:
        reopened.close()


def test_an_enqueue_is_durable_when_the_process_dies_right_after_it(tmp_path: Path):
    """No close, no checkpoint: the process ends with os._exit right after enqueue returns."""
    path = tmp_path / "outbox.db"
    script = textwrap.dedent(
        f"""
        import os
        from app.store import Outbox
        box = Outbox({str(path)!r})
        for row in range(1, 6):
            box.enqueue(account={ACCOUNT!r}, kind="confirm", row_id=row, label=str(row))
        print(box.new_temporary_row_id(), flush=True)
        os._exit(0)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "-1"
    box = Outbox(path)
    try:
        assert [op.row_id for op in box.pending(ACCOUNT)] == [1, 2, 3, 4, 5]
        assert box.new_temporary_row_id() == -2  # the counter was durable too
    finally:
        box.close()


def test_the_database_uses_wal_and_full_sync(outbox: Outbox):
    db = sqlite3.connect(outbox.path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        (version,) = db.execute("SELECT version FROM schema_version").fetchone()
        assert version == SCHEMA_VERSION
    finally:
        db.close()
    with outbox._lock:
        assert outbox._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "outbox.db"
    Outbox(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    db.commit()
    db.close()
    with pytest.raises(OutboxError, match="newer version"):
        Outbox(path)
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchone()[0] == SCHEMA_VERSION + 1
    db.close()


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "outbox.db"
    path.write_bytes(b"this is not sqlite, but it may be someone's only copy" * 100)
    before = path.read_bytes()
    with pytest.raises(OutboxError, match="cannot be read"):
        Outbox(path)
    assert path.read_bytes() == before


def test_enqueue_timing_is_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    box = Outbox(tmp_path / "timing.db")
    try:
        count = 200
        started = time.perf_counter()
        for row in range(1, count + 1):
            box.enqueue(account=ACCOUNT, kind="confirm", row_id=row, label=f"Confirm {row}")
        per_enqueue = (time.perf_counter() - started) / count * 1000
        started = time.perf_counter()
        for _ in range(count):
            box.next_due(ACCOUNT, exclude_rows={1, 2, 3})
        per_query = (time.perf_counter() - started) / count * 1000
    finally:
        box.close()
    with capsys.disabled():
        print(
            f"\n[outbox] enqueue (durable, synchronous=FULL): {per_enqueue:.2f} ms each; "
            f"next_due with {count} queued: {per_query:.3f} ms each"
        )


# -- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "row_id", "fields", "message"),
    [
        ("confirm", 5, {"is_confirmed": False}, "sets is_confirmed to True"),
        ("unconfirm", 5, {"is_confirmed": True}, "sets is_confirmed to False"),
        ("add", 5, {"event_key": "E", "customer_number": "1"}, "temporary"),
        ("add", -1, {"event_key": "E"}, "customer number"),
        ("update", 5, {}, "at least one field"),
        ("remove", 0, {}, "row id 0"),
        ("remove", 5, {"participant_id": 6}, "not 6"),
        ("confirm", -99, {}, "no add is queued"),
        ("explode", 5, {}, "explode"),
    ],
)
def test_enqueue_refuses_operations_that_cannot_be_sent(
    outbox: Outbox, kind: str, row_id: int, fields: dict[str, Any], message: str
):
    with pytest.raises(ValueError, match=message):
        queue(outbox, kind, row_id, **fields)
    assert outbox.operations() == []


def test_enqueue_needs_an_account(outbox: Outbox):
    with pytest.raises(ValueError, match="account"):
        outbox.enqueue(account="", kind="remove", row_id=1, label="x")


# -- temporary row ids ---------------------------------------------------------------------


def test_temporary_row_ids_are_negative_and_never_reused_even_after_reopening(tmp_path: Path):
    box = open_outbox(tmp_path)
    first = [box.new_temporary_row_id() for _ in range(3)]
    box.close()
    box = open_outbox(tmp_path)
    try:
        later = box.new_temporary_row_id()
    finally:
        box.close()
    assert first == [-1, -2, -3]
    assert later == -4


# -- ordering ------------------------------------------------------------------------------


def test_next_due_is_fifo_and_an_op_never_overtakes_an_earlier_one_of_its_row(outbox: Outbox):
    confirm_1 = queue(outbox, "confirm", 1)
    confirm_2 = queue(outbox, "confirm", 2)
    unconfirm_1 = queue(outbox, "unconfirm", 1)
    remove_3 = queue(outbox, "remove", 3)

    assert outbox.next_due(ACCOUNT) == confirm_1
    # Row 1 in flight (caller's view): the next row goes, never row 1's second op.
    assert outbox.next_due(ACCOUNT, exclude_rows={1}) == confirm_2
    assert outbox.next_due(ACCOUNT, exclude_rows={1, 2}) == remove_3
    assert outbox.next_due(ACCOUNT, exclude_rows={1, 2, 3}) is None

    outbox.mark_sending(confirm_1.op_id)  # the database alone also holds the row
    assert outbox.next_due(ACCOUNT) == confirm_2
    assert outbox.next_due(ACCOUNT, exclude_rows={2, 3}) is None

    outbox.mark_done(confirm_1.op_id)
    assert outbox.next_due(ACCOUNT) == confirm_2
    assert outbox.next_due(ACCOUNT, exclude_rows={2}) == unconfirm_1
    assert ids(outbox.pending(ACCOUNT)) == ids([confirm_2, unconfirm_1, remove_3])
    assert outbox.pending_count(ACCOUNT) == 3


def test_an_op_waiting_for_its_backoff_still_holds_its_row(outbox: Outbox, clock: FakeClock):
    first = queue(outbox, "confirm", 1)
    second = queue(outbox, "unconfirm", 1)
    other = queue(outbox, "confirm", 2)
    outbox.mark_sending(first.op_id)
    retried = outbox.mark_retry(first.op_id, "offline", clock.now + 30, maybe_applied=True)
    assert (retried.state, retried.attempts, retried.maybe_applied) == ("queued", 1, True)
    assert retried.last_error == "offline"

    assert outbox.next_due(ACCOUNT) == other  # the row's head is not due, the row waits
    assert outbox.next_due(ACCOUNT, exclude_rows={2}) is None
    assert outbox.next_wakeup(ACCOUNT, exclude_rows={2}) == clock.now + 30
    clock.advance(30)
    assert outbox.next_due(ACCOUNT, exclude_rows={2}) == outbox.get(first.op_id)

    # maybe_applied sticks until done, even after an attempt that surely failed
    outbox.mark_sending(first.op_id)
    again = outbox.mark_retry(first.op_id, "rate limit", clock.now + 5, maybe_applied=False)
    assert (again.attempts, again.maybe_applied) == (2, True)
    assert outbox.next_due(ACCOUNT, exclude_rows={2}) is None
    assert outbox.make_due(ACCOUNT) == 1
    assert outbox.next_due(ACCOUNT, exclude_rows={2}) == outbox.get(first.op_id)
    assert second.seq > first.seq


def test_next_wakeup_is_none_when_nothing_waits(outbox: Outbox):
    assert outbox.next_wakeup(ACCOUNT) is None
    op = queue(outbox, "remove", 4)
    assert outbox.next_wakeup(ACCOUNT) == op.next_attempt_at
    assert outbox.next_wakeup(ACCOUNT, exclude_rows={4}) is None


def test_accounts_are_kept_apart(outbox: Outbox):
    mine = queue(outbox, "confirm", 1)
    theirs = queue(outbox, "confirm", 1, account=OTHER_ACCOUNT)
    outbox.mark_sending(theirs.op_id)
    # The other account's op of "row 1" is another tenant's participant: no FIFO link.
    assert outbox.next_due(ACCOUNT) == mine
    assert outbox.next_due(OTHER_ACCOUNT) is None
    assert ids(outbox.pending(ACCOUNT)) == [mine.op_id]
    assert outbox.pending_count(OTHER_ACCOUNT) == 1
    assert ids(outbox.interrupted(OTHER_ACCOUNT)) == [theirs.op_id]
    assert outbox.interrupted(ACCOUNT) == []


# -- temporary rows and adds ---------------------------------------------------------------


def test_an_adds_real_id_is_copied_onto_later_ops_of_its_temporary_row(outbox: Outbox):
    added = add(outbox, "EXPO26", "10786")
    confirm = queue(outbox, "confirm", added.row_id)
    unrelated = queue(outbox, "confirm", 5)
    assert added.row_id < 0
    assert (confirm.row_id, confirm.participant_id) == (added.row_id, None)
    assert outbox.next_due(ACCOUNT, exclude_rows={5}) == added  # the confirm waits for it

    outbox.mark_sending(added.op_id)
    done = outbox.mark_done(added.op_id, participant_id=812)
    assert (done.state, done.row_id, done.participant_id) == ("done", added.row_id, 812)
    moved = outbox.get(confirm.op_id)
    assert moved is not None
    assert (moved.row_id, moved.participant_id) == (812, 812)
    assert outbox.get(unrelated.op_id) == unrelated

    # A caller that still shows the temporary row gets the real id as well.
    late = queue(outbox, "unconfirm", added.row_id)
    assert (late.row_id, late.participant_id) == (812, 812)
    assert outbox.next_due(ACCOUNT, exclude_rows={5}) == moved


def test_discarding_an_add_discards_the_later_ops_of_its_row(outbox: Outbox):
    added = add(outbox, "EXPO26", "10786")
    confirm = queue(outbox, "confirm", added.row_id)
    other = queue(outbox, "confirm", 5)
    discarded = outbox.discard(added.op_id)
    assert ids(discarded) == [added.op_id, confirm.op_id]
    assert {op.state for op in discarded} == {OperationState.DISCARDED}
    assert ids(outbox.pending(ACCOUNT)) == [other.op_id]
    with pytest.raises(ValueError, match="discarded"):
        queue(outbox, "remove", added.row_id)


# -- problems ------------------------------------------------------------------------------


def test_a_problem_holds_its_row_until_retried_or_discarded(outbox: Outbox, clock: FakeClock):
    confirm = queue(outbox, "confirm", 1)
    remove = queue(outbox, "remove", 1)
    outbox.mark_sending(confirm.op_id)
    problem = outbox.mark_problem(confirm.op_id, "gone\nHTTP 404", None)
    assert (problem.state, problem.attempts, problem.is_pending) == ("problem", 1, False)
    assert ids(outbox.problems(ACCOUNT)) == [confirm.op_id]
    assert outbox.next_due(ACCOUNT) is None  # the remove waits for a person
    assert outbox.pending_count(ACCOUNT) == 1

    clock.advance(100)
    retried = outbox.retry_problem(confirm.op_id)
    assert (retried.state, retried.attempts, retried.next_attempt_at) == (
        "queued",
        0,
        clock.now,
    )
    assert outbox.problems(ACCOUNT) == []
    assert outbox.next_due(ACCOUNT) == retried

    outbox.mark_sending(confirm.op_id)
    outbox.mark_problem(confirm.op_id, "gone", None)
    assert ids(outbox.discard(confirm.op_id)) == [confirm.op_id]
    assert outbox.next_due(ACCOUNT) == remove


def test_state_changes_that_make_no_sense_are_refused(outbox: Outbox):
    op = queue(outbox, "confirm", 1)
    with pytest.raises(OperationStateError):
        outbox.retry_problem(op.op_id)  # not a problem
    assert outbox.mark_sending(op.op_id) is not None
    assert outbox.mark_sending(op.op_id) is None  # already claimed: a second sender backs off
    with pytest.raises(OperationStateError):
        outbox.discard(op.op_id)  # in flight: cannot be taken back
    outbox.mark_done(op.op_id)
    for change in (
        lambda: outbox.mark_done(op.op_id),
        lambda: outbox.mark_retry(op.op_id, "x", 0),
        lambda: outbox.mark_problem(op.op_id, "x"),
        lambda: outbox.release(op.op_id),
        lambda: outbox.discard(op.op_id),
    ):
        with pytest.raises(OperationStateError):
            change()
    with pytest.raises(KeyError):
        outbox.mark_done("no-such-op")


def test_release_puts_an_op_back_without_counting_an_attempt(outbox: Outbox):
    op = queue(outbox, "confirm", 1)
    outbox.mark_sending(op.op_id)
    released = outbox.release(op.op_id, "The key was refused.")
    assert (released.state, released.attempts, released.last_error) == (
        "queued",
        0,
        "The key was refused.",
    )


# -- crash recovery ------------------------------------------------------------------------


def test_recover_interrupted_queues_sending_ops_again_to_be_verified(outbox: Outbox):
    first = queue(outbox, "confirm", 1)
    second = queue(outbox, "confirm", 2)
    still_running = queue(outbox, "confirm", 3)
    for op in (first, second, still_running):
        outbox.mark_sending(op.op_id)
    assert ids(outbox.interrupted(ACCOUNT)) == ids([first, second, still_running])

    recovered = outbox.recover_interrupted(ACCOUNT, keep={still_running.op_id})
    assert ids(recovered) == ids([first, second])
    assert all(op.state is OperationState.QUEUED and op.maybe_applied for op in recovered)
    assert all(op.attempts == 0 for op in recovered)
    assert ids(outbox.interrupted(ACCOUNT)) == [still_running.op_id]


# -- purge ---------------------------------------------------------------------------------


def test_purge_forgets_finished_ops_after_a_week_and_never_pending_ones(
    tmp_path: Path, clock: FakeClock
):
    box = open_outbox(tmp_path, clock)
    old_done = queue(box, "confirm", 1)
    box.mark_done(old_done.op_id)
    old_discarded = queue(box, "confirm", 2)
    box.discard(old_discarded.op_id)
    old_queued = queue(box, "confirm", 3)
    old_problem = queue(box, "confirm", 4)
    box.mark_problem(old_problem.op_id, "refused")
    clock.advance(KEEP_FINISHED_SECONDS - 60)
    recent_done = queue(box, "confirm", 5)
    box.mark_done(recent_done.op_id)
    clock.advance(120)
    box.close()

    box = open_outbox(tmp_path, clock)  # opening purges
    try:
        assert ids(box.operations()) == ids([old_queued, old_problem, recent_done])
        assert box.purge() == 0
        assert box.purge(max_age=0) == 1
        assert ids(box.operations(ACCOUNT)) == ids([old_queued, old_problem])
    finally:
        box.close()
