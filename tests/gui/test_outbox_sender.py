"""OutboxSender against the sandbox: delivery, retries, problems, pauses, FIFO per row."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from app.api import (
    AuthenticationError,
    PermissionDeniedError,
    PlandocketClient,
    RetryPolicy,
)
from app.domain import Participant
from app.sandbox import DEMO_KEYS, EXPO_KEY, SandboxServer
from app.store import (
    DeliveryOutcome,
    Operation,
    OperationState,
    Outbox,
    OutcomeKind,
    deliver,
)
from app.ui.outbox_sender import MAX_DELAY, OutboxSender
from app.workers import WorkerPool

NO_RETRY = RetryPolicy(max_attempts=1)
WAIT_MS = 15_000


class Harness:
    """An outbox, a pool, a sender and the signals it emitted, on one sandbox."""

    def __init__(self, tmp_path: Path, server: SandboxServer) -> None:
        self.server = server
        self.outbox = Outbox(tmp_path / "outbox.db")
        self.pool = WorkerPool(max_threads=6)
        self.sender = OutboxSender(self.outbox, self.pool, rng=random.Random(7))
        self.clients: list[PlandocketClient] = []
        self.delivered: list[tuple[Operation, Any]] = []
        self.problems: list[Operation] = []
        self.retrying: list[tuple[Operation, float]] = []
        self.auth_failures: list[Any] = []
        self.forbidden: list[Any] = []
        self.pending: list[int] = []
        self.sender.delivered.connect(lambda op, p: self.delivered.append((op, p)))
        self.sender.problem.connect(self.problems.append)
        self.sender.retrying.connect(lambda op, s: self.retrying.append((op, s)))
        self.sender.auth_failed.connect(self.auth_failures.append)
        self.sender.permission_denied.connect(self.forbidden.append)
        self.sender.pending_changed.connect(self.pending.append)

    def client(self, key: str = DEMO_KEYS.full) -> PlandocketClient:
        client = PlandocketClient(self.server.base_url, key, retry=NO_RETRY)
        self.clients.append(client)
        return client

    @property
    def account(self) -> str:
        return self.clients[0].base_url if self.clients else self.server.base_url

    def connect(self, key: str = DEMO_KEYS.full) -> PlandocketClient:
        client = self.client(key)
        self.sender.set_client(client, client.base_url)
        return client

    def enqueue(self, kind: str, row_id: int, **fields: Any) -> Operation:
        op = self.outbox.enqueue(
            account=self.server.base_url,
            kind=kind,
            row_id=row_id,
            label=f"{kind} {row_id}",
            **fields,
        )
        self.sender.wake()
        return op

    def pending_count(self) -> int:
        return self.outbox.pending_count(self.server.base_url)

    def close(self) -> None:
        self.sender.stop()
        self.pool.shutdown(10_000)
        for client in self.clients:
            client.close()
        self.outbox.close()


@pytest.fixture
def harness(tmp_path: Path, sandbox: SandboxServer) -> Iterator[Harness]:
    h = Harness(tmp_path, sandbox)
    yield h
    h.close()


def participants(server: SandboxServer, confirmed: bool, count: int) -> list[int]:
    rows = [p.id for p in server.store.participants_of(EXPO_KEY) if p.is_confirmed is confirmed]
    return rows[:count]


def changes(server: SandboxServer) -> list[tuple[str, int, bool | None]]:
    """(op, participant id, confirmation after) of every write that changed something."""
    return [(e.op, e.participant_id, e.after_confirmed) for e in server.store.audit_log()]


def all_writes_changed_something(server: SandboxServer) -> bool:
    return all(entry.changed for entry in server.store.audit_log())


# -- delivery ------------------------------------------------------------------------------


def test_queued_confirms_are_delivered_with_the_servers_state(qtbot: QtBot, harness: Harness):
    rows = participants(harness.server, confirmed=False, count=3)
    ops = [harness.enqueue("confirm", row) for row in rows]
    assert harness.pending_count() == 3
    harness.connect()
    qtbot.waitUntil(lambda: len(harness.delivered) == 3, timeout=WAIT_MS)

    assert {op.op_id for op, _ in harness.delivered} == {op.op_id for op in ops}
    for op, participant in harness.delivered:
        assert op.state is OperationState.DONE
        assert isinstance(participant, Participant)
        assert (participant.id, participant.is_confirmed) == (op.row_id, True)
    assert sorted(changes(harness.server)) == sorted(("update", row, True) for row in rows)
    assert harness.pending_count() == 0
    assert harness.pending[-1] == 0
    assert harness.retrying == []
    assert harness.problems == []


def test_an_add_and_a_confirm_of_its_temporary_row_reach_the_server_in_order(
    qtbot: QtBot, harness: Harness
):
    number = harness.server.store.free_contacts()[0].customer_number
    row = harness.outbox.new_temporary_row_id()
    add = harness.enqueue("add", row, event_key=EXPO_KEY, customer_number=number)
    confirm = harness.enqueue("confirm", row)
    harness.connect()
    qtbot.waitUntil(lambda: len(harness.delivered) == 2, timeout=WAIT_MS)

    (first, created), (second, confirmed) = harness.delivered
    assert (first.op_id, first.row_id) == (add.op_id, row)  # the table renames row -1 ...
    assert created.id > 0  # ... to the server's id
    assert (second.op_id, second.row_id, second.participant_id) == (
        confirm.op_id,
        created.id,
        created.id,
    )
    assert confirmed.is_confirmed is True
    assert changes(harness.server) == [("create", created.id, False), ("update", created.id, True)]


# -- network trouble -----------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["drop_rate", "error_rate"])
def test_a_dropped_network_keeps_everything_queued_until_it_is_back(
    qtbot: QtBot, harness: Harness, fault: str
):
    setattr(harness.server.faults, fault, 1.0)
    rows = participants(harness.server, confirmed=False, count=5)
    for row in rows:
        harness.enqueue("confirm", row)
    harness.connect()
    qtbot.waitUntil(lambda: len(harness.retrying) >= 1, timeout=WAIT_MS)
    op, seconds = harness.retrying[0]
    assert op.state is OperationState.QUEUED
    assert op.attempts == 1
    assert 0 < seconds <= MAX_DELAY * 1.2 + 1
    assert op.last_error
    qtbot.waitUntil(lambda: harness.sender.in_flight_count == 0, timeout=WAIT_MS)
    assert harness.pending_count() == 5  # nothing lost
    assert harness.delivered == []

    setattr(harness.server.faults, fault, 0.0)
    harness.sender.retry_now()
    qtbot.waitUntil(lambda: harness.pending_count() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(harness.delivered) == 5, timeout=WAIT_MS)
    assert sorted(changes(harness.server)) == sorted(("update", row, True) for row in rows)
    assert all_writes_changed_something(harness.server)  # delivered once each


def test_the_rate_limit_holds_everything_until_the_servers_wait_is_over(
    qtbot: QtBot, harness: Harness
):
    harness.server.faults.rate_limit_per_hour = 0
    harness.server.faults.rate_limit_retry_after = 30
    rows = participants(harness.server, confirmed=False, count=6)
    for row in rows:
        harness.enqueue("confirm", row)
    harness.connect()
    qtbot.waitUntil(lambda: len(harness.retrying) == 4, timeout=WAIT_MS)
    _, seconds = harness.retrying[0]
    assert 30 <= seconds <= 31
    qtbot.waitUntil(lambda: harness.sender.in_flight_count == 0, timeout=WAIT_MS)
    QCoreApplication.processEvents()
    # The first wave (4 in flight) met the limit; the 429 holds the whole account, so the
    # two ops not tried yet do not burn requests on it.
    assert [r.status for r in harness.server.request_log()] == [429] * 4
    assert harness.sender.in_flight_count == 0
    assert harness.pending_count() == 6

    harness.server.faults.rate_limit_per_hour = None
    harness.sender.retry_now()
    qtbot.waitUntil(lambda: len(harness.delivered) == 6, timeout=WAIT_MS)
    assert sorted(changes(harness.server)) == sorted(("update", row, True) for row in rows)


# -- problems ------------------------------------------------------------------------------


def test_a_participant_gone_on_the_server_becomes_a_problem_that_holds_its_row(
    qtbot: QtBot, harness: Harness
):
    gone, other = participants(harness.server, confirmed=False, count=2)
    harness.server.store.delete_participant(gone)
    confirm = harness.enqueue("confirm", gone)
    remove = harness.enqueue("remove", gone)
    harness.enqueue("confirm", other)
    harness.connect()
    with qtbot.waitSignal(harness.sender.problem, timeout=WAIT_MS) as blocker:
        pass
    (problem,) = blocker.args
    assert problem.op_id == confirm.op_id
    assert problem.state is OperationState.PROBLEM
    assert problem.error_message is not None
    assert "gone on the server" in problem.error_message
    assert "HTTP 404" in (problem.error_details or "")
    qtbot.waitUntil(lambda: len(harness.delivered) == 1, timeout=WAIT_MS)
    assert harness.delivered[0][1].id == other
    assert [op.op_id for op in harness.outbox.pending(harness.account)] == [remove.op_id]

    # A person discards the problem: the row's next op goes (and a 404 remove is done).
    harness.outbox.discard(confirm.op_id)
    harness.sender.wake()
    qtbot.waitUntil(lambda: len(harness.delivered) == 2, timeout=WAIT_MS)
    assert harness.delivered[1] == (harness.outbox.get(remove.op_id), None)


def test_a_422_becomes_a_problem_with_the_field_messages(qtbot: QtBot, harness: Harness):
    existing = harness.server.store.participants_of(EXPO_KEY)[0]
    contact = harness.server.store.contact(existing.contact_id)
    assert contact is not None
    row = harness.outbox.new_temporary_row_id()
    harness.enqueue("add", row, event_key=EXPO_KEY, customer_number=contact.customer_number)
    harness.connect()
    with qtbot.waitSignal(harness.sender.problem, timeout=WAIT_MS) as blocker:
        pass
    (problem,) = blocker.args
    assert list(problem.error_fields) == ["customer_number"]
    assert problem.error_fields["customer_number"]
    assert harness.outbox.problems(harness.account) == [problem]
    assert harness.pending_count() == 0
    assert changes(harness.server) == []


def test_a_tracked_write_refused_with_422_is_withdrawn_for_its_dialog(
    qtbot: QtBot, harness: Harness
):
    existing = harness.server.store.participants_of(EXPO_KEY)[0]
    contact = harness.server.store.contact(existing.contact_id)
    assert contact is not None
    row = harness.outbox.new_temporary_row_id()
    op = harness.enqueue("add", row, event_key=EXPO_KEY, customer_number=contact.customer_number)
    submission = harness.sender.track(op)
    harness.connect()
    with qtbot.waitSignals([submission.rejected, harness.sender.withdrawn], timeout=WAIT_MS):
        pass
    stored = harness.outbox.get(op.op_id)
    assert stored is not None
    assert stored.state is OperationState.DISCARDED
    assert harness.outbox.problems(harness.account) == []
    assert submission.settled


def test_a_tracked_write_settles_with_success(qtbot: QtBot, harness: Harness):
    (row,) = participants(harness.server, confirmed=False, count=1)
    op = harness.enqueue("confirm", row)
    submission = harness.sender.track(op)
    harness.connect()
    with qtbot.waitSignal(submission.succeeded, timeout=WAIT_MS) as blocker:
        pass
    assert blocker.args[0].is_confirmed is True


# -- the key -------------------------------------------------------------------------------


def test_an_unknown_key_pauses_the_sender_and_a_good_key_resumes_it(qtbot: QtBot, harness: Harness):
    rows = participants(harness.server, confirmed=False, count=3)
    for row in rows:
        harness.enqueue("confirm", row)
    with qtbot.waitSignal(harness.sender.auth_failed, timeout=WAIT_MS) as blocker:
        harness.connect("pd_not_known_yet_1234")
    assert isinstance(blocker.args[0], AuthenticationError)
    qtbot.waitUntil(lambda: harness.sender.in_flight_count == 0, timeout=WAIT_MS)
    assert harness.sender.is_paused
    assert len(harness.auth_failures) == 1  # once, however many were in flight
    pending = harness.outbox.pending(harness.account)
    assert len(pending) == 3
    assert all(op.state is OperationState.QUEUED and op.attempts == 0 for op in pending)
    assert changes(harness.server) == []

    harness.server.add_api_key("pd_not_known_yet_1234", {"participants"}, "new desk key")
    harness.connect("pd_not_known_yet_1234")
    qtbot.waitUntil(lambda: len(harness.delivered) == 3, timeout=WAIT_MS)
    assert sorted(changes(harness.server)) == sorted(("update", row, True) for row in rows)


def test_a_key_without_the_participants_scope_pauses_with_the_scope_named(
    qtbot: QtBot, harness: Harness
):
    (row,) = participants(harness.server, confirmed=False, count=1)
    harness.enqueue("confirm", row)
    with qtbot.waitSignal(harness.sender.permission_denied, timeout=WAIT_MS) as blocker:
        harness.connect(DEMO_KEYS.no_participants)
    error = blocker.args[0]
    assert isinstance(error, PermissionDeniedError)
    assert "'participants'" in error.user_message
    qtbot.waitUntil(lambda: harness.sender.in_flight_count == 0, timeout=WAIT_MS)
    assert harness.sender.is_paused
    assert harness.pending_count() == 1

    harness.connect(DEMO_KEYS.full)
    qtbot.waitUntil(lambda: len(harness.delivered) == 1, timeout=WAIT_MS)


def test_a_client_for_another_account_is_refused(harness: Harness):
    client = harness.client()
    with pytest.raises(ValueError, match="not to"):
        harness.sender.set_client(client, "https://other.plandocket.com")


def test_ops_of_another_account_are_never_sent_with_this_client(qtbot: QtBot, harness: Harness):
    (row,) = participants(harness.server, confirmed=False, count=1)
    foreign = harness.outbox.enqueue(
        account="https://other.plandocket.com", kind="confirm", row_id=row, label="theirs"
    )
    mine = harness.enqueue("confirm", row)
    harness.connect()
    qtbot.waitUntil(lambda: len(harness.delivered) == 1, timeout=WAIT_MS)
    assert harness.delivered[0][0].op_id == mine.op_id
    assert harness.outbox.get(foreign.op_id) == foreign


# -- pause, resume, recover, stop ----------------------------------------------------------


def test_pause_holds_new_deliveries_and_resume_sends_them(qtbot: QtBot, harness: Harness):
    harness.connect()
    harness.sender.pause()
    (row,) = participants(harness.server, confirmed=False, count=1)
    harness.enqueue("confirm", row)
    QCoreApplication.processEvents()
    assert harness.sender.in_flight_count == 0
    assert harness.server.request_log() == []
    harness.sender.resume()
    qtbot.waitUntil(lambda: len(harness.delivered) == 1, timeout=WAIT_MS)


def test_set_client_none_pauses(qtbot: QtBot, harness: Harness):
    harness.sender.set_client(None, harness.server.base_url)
    (row,) = participants(harness.server, confirmed=False, count=1)
    harness.enqueue("confirm", row)
    QCoreApplication.processEvents()
    assert harness.sender.is_paused
    assert harness.server.request_log() == []
    harness.connect()
    qtbot.waitUntil(lambda: len(harness.delivered) == 1, timeout=WAIT_MS)


def test_recover_verifies_interrupted_ops_instead_of_sending_them_again(
    qtbot: QtBot, harness: Harness
):
    applied, not_applied = participants(harness.server, confirmed=False, count=2)
    first = harness.outbox.enqueue(
        account=harness.server.base_url, kind="confirm", row_id=applied, label="a"
    )
    second = harness.outbox.enqueue(
        account=harness.server.base_url, kind="confirm", row_id=not_applied, label="b"
    )
    # A crash while both were in flight; the server had applied only the first.
    harness.outbox.mark_sending(first.op_id)
    harness.outbox.mark_sending(second.op_id)
    harness.server.store.update_participant(applied, is_confirmed=True)

    harness.connect()
    assert harness.sender.recover() == 2  # set_client already queued them again
    qtbot.waitUntil(lambda: len(harness.delivered) == 2, timeout=WAIT_MS)
    methods = [(r.method, r.path.rsplit("/", 1)[1]) for r in harness.server.request_log()]
    assert sorted(methods) == sorted(
        [("GET", str(applied)), ("GET", str(not_applied)), ("PATCH", str(not_applied))]
    )
    assert changes(harness.server) == [("update", applied, True), ("update", not_applied, True)]


def test_stop_starts_nothing_new_and_leaves_the_outbox_consistent(qtbot: QtBot, harness: Harness):
    harness.server.faults.latency_ms = 300
    first, second = participants(harness.server, confirmed=False, count=2)
    harness.enqueue("confirm", first)
    harness.connect()
    qtbot.waitUntil(lambda: harness.sender.in_flight_count == 1, timeout=WAIT_MS)
    harness.sender.stop()
    late = harness.enqueue("confirm", second)
    harness.sender.retry_now()
    qtbot.waitUntil(lambda: harness.pool.active_count == 0, timeout=WAIT_MS)
    states = {op.row_id: op.state for op in harness.outbox.operations()}
    # The running delivery recorded its outcome; the late one was never started.
    assert states == {first: OperationState.DONE, second: OperationState.QUEUED}
    assert harness.delivered == []  # nothing reported after stop
    assert harness.outbox.get(late.op_id) == late


# -- ordering under concurrency ------------------------------------------------------------


def test_ops_of_one_row_never_overlap_and_reach_the_server_in_order(
    qtbot: QtBot, harness: Harness, monkeypatch: pytest.MonkeyPatch
):
    harness.server.faults.latency_ms = 20
    lock = threading.Lock()
    busy_rows: set[int] = set()
    overlaps: list[int] = []
    most_at_once = [0]
    real_deliver: Callable[..., DeliveryOutcome] = deliver

    def spying_deliver(op: Operation, client: PlandocketClient, *, verify_first: bool) -> Any:
        with lock:
            if op.row_id in busy_rows:
                overlaps.append(op.row_id)
            busy_rows.add(op.row_id)
            most_at_once[0] = max(most_at_once[0], len(busy_rows))
        try:
            return real_deliver(op, client, verify_first=verify_first)
        finally:
            with lock:
                busy_rows.discard(op.row_id)

    monkeypatch.setattr("app.ui.outbox_sender.deliver", spying_deliver)
    rows = participants(harness.server, confirmed=False, count=6)
    kinds = ["confirm", "unconfirm", "confirm", "unconfirm"]
    for kind in kinds:
        for row in rows:
            harness.enqueue(kind, row)
    harness.connect()
    qtbot.waitUntil(lambda: harness.pending_count() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(harness.delivered) == len(rows) * len(kinds), timeout=WAIT_MS)

    assert overlaps == []
    assert 1 < most_at_once[0] <= 4
    for row in rows:
        history = [
            e.after_confirmed for e in harness.server.store.audit_log() if e.participant_id == row
        ]
        assert history == [True, False, True, False]


def test_backoff_grows_to_a_minute_with_jitter_and_honours_retry_after(harness: Harness):
    backoff = harness.sender.backoff
    for attempt, nominal in [(1, 2), (2, 4), (3, 8), (4, 16), (5, 32), (6, 60), (12, 60)]:
        assert nominal * 0.8 <= backoff(attempt) <= nominal * 1.2
    assert 120 <= backoff(3, retry_after=120) <= 121
    assert 1 <= backoff(1, retry_after=0) <= 2


def test_a_closed_client_pauses_instead_of_spinning_and_a_new_one_takes_over(
    qtbot: QtBot, harness: Harness
):
    harness.server.faults.latency_ms = 200
    first, second = participants(harness.server, confirmed=False, count=2)
    harness.enqueue("confirm", first)
    client = harness.connect()
    qtbot.waitUntil(lambda: harness.sender.in_flight_count == 1, timeout=WAIT_MS)
    client.close()  # e.g. the connection settings changed
    harness.enqueue("confirm", second)
    qtbot.waitUntil(lambda: harness.sender.in_flight_count == 0, timeout=WAIT_MS)
    QCoreApplication.processEvents()
    assert harness.sender.is_paused
    assert harness.sender.in_flight_count == 0
    assert len(harness.server.request_log()) <= 1  # no retry loop on a closed client
    assert harness.retrying == []  # a closed client is not the operation's failure

    harness.server.faults.latency_ms = 0
    harness.connect()
    qtbot.waitUntil(lambda: harness.pending_count() == 0, timeout=WAIT_MS)
    assert sorted(changes(harness.server)) == [("update", first, True), ("update", second, True)]


def test_an_unexpected_error_puts_the_change_in_problems_instead_of_losing_it(
    qtbot: QtBot, harness: Harness, monkeypatch: pytest.MonkeyPatch
):
    def broken(op: Operation, client: PlandocketClient, *, verify_first: bool) -> Any:
        raise KeyError("a bug")

    monkeypatch.setattr("app.ui.outbox_sender.deliver", broken)
    (row,) = participants(harness.server, confirmed=False, count=1)
    op = harness.enqueue("confirm", row)
    harness.connect()
    with qtbot.waitSignal(harness.sender.problem, timeout=WAIT_MS) as blocker:
        pass
    problem = blocker.args[0]
    assert problem.op_id == op.op_id
    assert "unexpected error" in (problem.error_message or "")
    assert "KeyError" in (problem.error_message or "")


def test_an_answer_getting_through_releases_changes_held_by_the_network_backoff(
    qtbot: QtBot, harness: Harness
):
    """A change in flight when the line dropped comes back fine: the line is back, and the
    changes held by the backoff go at once instead of after their timer."""
    rows = participants(harness.server, confirmed=False, count=3)
    harness.connect()
    harness.sender.pause()
    ops = [harness.enqueue("confirm", row) for row in rows]
    later = harness.sender._clock() + 600
    for op in ops[1:]:
        harness.outbox.mark_retry(op.op_id, "The connection was interrupted.", later)
    harness.sender._hold_until = later  # as a dropped answer leaves it
    done = harness.outbox.mark_sending(ops[0].op_id)
    assert done is not None
    harness.outbox.mark_done(ops[0].op_id, ops[0].row_id)
    harness.sender._report(done, DeliveryOutcome(OutcomeKind.DONE), 0.0, True)
    assert harness.sender._hold_until == 0.0
    harness.sender.resume()
    qtbot.waitUntil(lambda: harness.pending_count() == 0, timeout=WAIT_MS)
    assert {participant_id for _, participant_id, _ in changes(harness.server)} == set(rows[1:])
