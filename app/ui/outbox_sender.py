"""OutboxSender: delivers queued writes in the background, retrying until each one lands.

Deliveries run on the WorkerPool; the GUI thread only runs tiny queries (what is due next,
how many are pending). Each delivery claims its operation (``sending``, committed before
the request leaves), performs it and records the outcome in the outbox, all on the worker
thread; the GUI thread then emits the signals and schedules the next ones.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.api import (
    AuthenticationError,
    NetworkError,
    PermissionDeniedError,
    PlandocketClient,
    RateLimitedError,
    ValidationError,
)
from app.store import (
    DeliveryOutcome,
    Operation,
    OperationKind,
    OperationStateError,
    Outbox,
    OutcomeKind,
    deliver,
)
from app.ui.submission import Submission
from app.workers import Worker, WorkerPool

log = logging.getLogger(__name__)

MAX_IN_FLIGHT = 4
BASE_DELAY = 2.0
MAX_DELAY = 60.0
# A timer never sleeps longer than this: the clock may jump, and a check costs nothing.
MAX_TIMER_MS = 10 * 60 * 1000
UNEXPECTED_MESSAGE = "An unexpected error stopped this change ({}). Retry it, or discard it."


@dataclass(frozen=True, slots=True)
class _Flight:
    """An operation on its way: which row it holds, under which client generation."""

    op: Operation
    generation: int


@dataclass(frozen=True, slots=True)
class _Result:
    """What a delivery worker hands back to the GUI thread."""

    op: Operation  # as stored after the outcome was recorded
    outcome: DeliveryOutcome | None  # None: the operation was no longer queued
    delay: float = 0.0


class OutboxSender(QObject):
    """Sends the outbox of one account with that account's client; FIFO per row.

    Signals (all on the GUI thread):

    - ``delivered(Operation, object)``: applied; the object is the server's Participant
      (``None`` for a removal). For an add, ``op.row_id`` is the temporary id and the
      participant carries the real one.
    - ``problem(Operation)``: refused (404 gone, 422, 400/405): now in the Problems list.
    - ``retrying(Operation, float)``: not delivered yet; the float is the seconds until the
      next attempt. Nothing is lost.
    - ``auth_failed(object)``: the key was refused (AuthenticationError). The sender pauses
      until ``set_client`` or ``resume``; the operation stays queued, no attempt counted.
    - ``permission_denied(object)``: the key lacks a scope (PermissionDeniedError, whose
      message names it). Paused like ``auth_failed``.
    - ``withdrawn(Operation)``: a tracked write the server refused with a 422 was taken
      out of the outbox (its dialog shows the field messages); revert its row.
    - ``pending_changed(int)``: the number of queued + sending operations of the account.
    """

    delivered = Signal(object, object)
    problem = Signal(object)
    retrying = Signal(object, float)
    auth_failed = Signal(object)
    permission_denied = Signal(object)
    withdrawn = Signal(object)
    pending_changed = Signal(int)

    def __init__(
        self,
        outbox: Outbox,
        pool: WorkerPool,
        parent: QObject | None = None,
        *,
        max_in_flight: int = MAX_IN_FLIGHT,
        clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self._pool = pool
        self._max_in_flight = max(1, max_in_flight)
        self._clock = clock
        self._rng = rng or random.Random()
        self._client: PlandocketClient | None = None
        self._account = ""
        # Bumped by set_client: answers to an older client must not pause the new one.
        self._generation = 0
        self._paused = False  # pause() by the application
        self._blocked = False  # the key was refused: wait for set_client or resume
        self._stopped = False
        # Network trouble and the rate limit concern every operation of the account:
        # nothing is sent before this moment, so a dead line is not hammered 4 at a time.
        self._hold_until = 0.0
        self._in_flight: dict[str, _Flight] = {}
        self._submissions: dict[str, Submission] = {}
        self._last_pending: int | None = None
        self._recovered = 0  # interrupted ops queued again since set_client
        self._timer = QTimer(self)
        self._timer.setObjectName("outboxSenderTimer")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._pump)
        self._soon = QTimer(self)
        self._soon.setObjectName("outboxSenderSoon")
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._pump)

    # -- state -------------------------------------------------------------------------------

    @property
    def account(self) -> str:
        """The account whose operations are sent ("" before ``set_client``)."""
        return self._account

    @property
    def is_paused(self) -> bool:
        """Whether sending is paused (no client or a closed one, ``pause()``, a refused key)."""
        client = self._client
        # A closed client fails every request at once: sending with it would spin.
        no_client = client is None or client.closed
        return self._paused or self._blocked or no_client or self._stopped

    @property
    def in_flight_count(self) -> int:
        """Deliveries started and not finished."""
        return len(self._in_flight)

    def pending_count(self) -> int:
        """Queued + sending operations of the current account."""
        return self._outbox.pending_count(self._account) if self._account else 0

    # -- control -----------------------------------------------------------------------------

    def set_client(self, client: PlandocketClient | None, account: str) -> None:
        """Send the operations of ``account`` with ``client`` (``None`` pauses sending).

        ``account`` must be the client's normalised base URL: operations of one account
        are never sent with another account's client. Operations of this account left
        ``sending`` by a crash are queued again, to be verified before they are re-sent.
        """
        if client is not None and client.base_url != account:
            raise ValueError(f"the client talks to {client.base_url}, not to {account}")
        self._generation += 1
        self._client = client
        self._account = account
        self._blocked = False
        self._hold_until = 0.0
        self._recovered = 0
        if client is not None and not self._stopped:
            self._requeue_interrupted()
        self._last_pending = None
        self._emit_pending()
        self._schedule_soon()

    def recover(self) -> int:
        """At start: queue again what a crash left ``sending`` and make everything due now.

        Returns how many interrupted operations were queued again since ``set_client``
        (which already does this for its account); they are delivered with
        ``verify_first`` so the server sees each change only once.
        """
        if not self._account or self._stopped:
            return 0
        self._requeue_interrupted()
        self._outbox.make_due(self._account)
        self._schedule_soon()
        return self._recovered

    def wake(self) -> None:
        """Something was enqueued (or retried): send soon."""
        self._emit_pending()
        self._schedule_soon()

    def pause(self) -> None:
        """Start no new deliveries until ``resume()`` (running ones finish)."""
        self._paused = True
        self._timer.stop()
        self._soon.stop()

    def resume(self) -> None:
        """Send again after ``pause()`` or a refused key."""
        self._paused = False
        self._blocked = False
        self._schedule_soon()

    def retry_now(self) -> None:
        """Forget the backoff and try every queued operation now (Refresh, network back)."""
        self._hold_until = 0.0
        if self._account:
            self._outbox.make_due(self._account)
        self._schedule_soon()

    def stop(self) -> None:
        """Send nothing more and report nothing more; waits for nothing.

        Deliveries still running record their outcome in the outbox when they finish; if
        the process ends first, their operations stay ``sending`` and are verified and
        delivered at the next start. Safe to call twice.
        """
        self._stopped = True
        self._timer.stop()
        self._soon.stop()
        self._submissions.clear()

    def track(self, op: Operation) -> Submission:
        """A Submission that settles with the first outcome of ``op`` (for a waiting dialog).

        While tracked, a 422 does not go to Problems: the write is withdrawn and the
        dialog gets ``rejected`` with the field messages, to correct and submit again.
        """
        submission = Submission(self)
        self._submissions[op.op_id] = submission
        return submission

    # -- scheduling --------------------------------------------------------------------------

    def _schedule_soon(self) -> None:
        if not self.is_paused:
            self._soon.start()

    def _requeue_interrupted(self) -> None:
        # Ops of this process's own deliveries are 'sending' too: those are not leftovers.
        requeued = self._outbox.recover_interrupted(self._account, set(self._in_flight))
        self._recovered += len(requeued)

    def _rows_in_flight(self) -> set[int]:
        return {f.op.row_id for f in self._in_flight.values() if f.op.account == self._account}

    def _pump(self) -> None:
        """Start every operation that may go now, then sleep until the next one is due."""
        if self.is_paused:
            return
        now = self._clock()
        if now < self._hold_until:
            self._schedule_next(now)
            return
        while len(self._in_flight) < self._max_in_flight:
            op = self._outbox.next_due(self._account, now, self._rows_in_flight())
            if op is None:
                break
            self._start(op)
        self._schedule_next(now)

    def _schedule_next(self, now: float) -> None:
        if self.is_paused or len(self._in_flight) >= self._max_in_flight:
            self._timer.stop()  # a finishing delivery pumps again
            return
        wake_at = self._outbox.next_wakeup(self._account, self._rows_in_flight())
        if wake_at is None:
            self._timer.stop()
            return
        wake_at = max(wake_at, self._hold_until)
        self._timer.start(int(min(MAX_TIMER_MS, max(0.0, (wake_at - now) * 1000))))

    def _start(self, op: Operation) -> None:
        client = self._client
        assert client is not None  # _pump checked is_paused
        flight = _Flight(op, self._generation)
        self._in_flight[op.op_id] = flight

        def task(_worker: Worker) -> _Result:
            return self._deliver_and_record(op, client)

        self._pool.submit(
            task,
            name=f"deliver {op.kind.value} {op.op_id}",
            on_result=lambda result: self._finished(flight, result),
            on_error=lambda error: self._failed(flight, error),
        )

    # -- on the worker thread ----------------------------------------------------------------

    def _deliver_and_record(self, op: Operation, client: PlandocketClient) -> _Result:
        """Claim, deliver, record: runs on a pool thread (network and SQLite writes)."""
        claimed = self._outbox.mark_sending(op.op_id)
        if claimed is None:
            current = self._outbox.get(op.op_id)
            return _Result(current or op, None)  # discarded or retried meanwhile
        try:
            outcome = deliver(claimed, client, verify_first=claimed.maybe_applied)
        except Exception as error:
            # A bug must not lose the change: it waits in Problems for a person.
            log.exception("delivery of %s failed unexpectedly", claimed.op_id)
            message = UNEXPECTED_MESSAGE.format(type(error).__name__)
            outcome = DeliveryOutcome(OutcomeKind.PROBLEM, message=message)
        return self._record(claimed, outcome)

    def _record(self, op: Operation, outcome: DeliveryOutcome) -> _Result:
        text = outcome.error_text or ""
        if outcome.kind is OutcomeKind.DONE:
            participant = outcome.participant
            new_id = participant.id if op.kind is OperationKind.ADD and participant else None
            return _Result(self._outbox.mark_done(op.op_id, new_id), outcome)
        if outcome.kind is OutcomeKind.PROBLEM:
            stored = self._outbox.mark_problem(op.op_id, text, outcome.error_fields)
            return _Result(stored, outcome)
        if outcome.kind is OutcomeKind.RETRY and outcome.counts_attempt:
            delay = self.backoff(op.attempts + 1, outcome.retry_after)
            stored = self._outbox.mark_retry(
                op.op_id, text, self._clock() + delay, maybe_applied=outcome.maybe_applied
            )
            return _Result(stored, outcome, delay)
        # AUTH, FORBIDDEN, a closed client: not the operation's fault, no attempt counted.
        stored = self._outbox.release(op.op_id, text or None, maybe_applied=outcome.maybe_applied)
        return _Result(stored, outcome)

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds before the next try after the ``attempt``-th failure: 2, 4, 8 … 60, jittered.

        The server's ``Retry-After`` wins when it says so. The jitter keeps desks that
        lost the network together from all coming back in the same second.
        """
        if retry_after is not None:
            return max(1.0, retry_after) + self._rng.uniform(0.0, 1.0)
        nominal = min(MAX_DELAY, BASE_DELAY * 2.0 ** max(0, attempt - 1))
        return nominal * self._rng.uniform(0.8, 1.2)

    # -- back on the GUI thread --------------------------------------------------------------

    def _finished(self, flight: _Flight, result: _Result) -> None:
        self._in_flight.pop(flight.op.op_id, None)
        if self._stopped:
            return
        outcome = result.outcome
        op = result.op
        current = flight.generation == self._generation
        if outcome is not None:
            self._report(op, outcome, result.delay, current)
        self._emit_pending()
        self._schedule_soon()

    def _report(self, op: Operation, outcome: DeliveryOutcome, delay: float, current: bool) -> None:
        kind = outcome.kind
        if kind is OutcomeKind.DONE:
            if current and self._hold_until > self._clock():
                # An answer got through, so the line is back: everything held by the
                # network backoff goes now instead of after its timer (up to a minute).
                self._hold_until = 0.0
                self._outbox.make_due(self._account)
            self._settle(op, lambda s: s.succeeded.emit(outcome.participant))
            self.delivered.emit(op, outcome.participant)
        elif kind is OutcomeKind.PROBLEM:
            if isinstance(outcome.error, ValidationError) and self._is_tracked(op):
                self._withdraw(op, outcome.error)
            else:
                self._settle(op, lambda s: s.failed.emit(outcome.error))
                self.problem.emit(op)
        elif kind is OutcomeKind.RETRY:
            if current and isinstance(outcome.error, NetworkError | RateLimitedError):
                self._hold_until = max(self._hold_until, self._clock() + delay)
            if outcome.counts_attempt:
                self._settle(op, lambda s: s.deferred.emit(op.error_message or ""))
                self.retrying.emit(op, delay)
        else:
            self._settle(op, lambda s: s.deferred.emit(op.error_message or ""))
            if not current or self._blocked:
                return  # an older key's answer, or already reported
            self._blocked = True
            self._timer.stop()
            if kind is OutcomeKind.AUTH and isinstance(outcome.error, AuthenticationError):
                self.auth_failed.emit(outcome.error)
            elif isinstance(outcome.error, PermissionDeniedError):
                self.permission_denied.emit(outcome.error)

    def _failed(self, flight: _Flight, error: Exception) -> None:
        """The worker itself failed (the outbox could not be written): keep the op queued."""
        self._in_flight.pop(flight.op.op_id, None)
        log.error("delivery of %s could not be recorded: %s", flight.op.op_id, error)
        if self._stopped:
            return
        try:
            self._outbox.release(flight.op.op_id)
        except (OperationStateError, KeyError):
            pass  # it was recorded after all
        except Exception:
            # The outbox is unusable right now; the op stays 'sending' and is verified and
            # sent again after set_client or the next start.
            log.exception("operation %s stays marked as sending", flight.op.op_id)
        self._emit_pending()
        self._schedule_soon()

    def _is_tracked(self, op: Operation) -> bool:
        submission = self._submissions.get(op.op_id)
        return submission is not None and shiboken6.isValid(submission)

    def _settle(self, op: Operation, emit: Callable[[Submission], None]) -> None:
        submission = self._submissions.pop(op.op_id, None)
        if submission is not None and shiboken6.isValid(submission):
            emit(submission)

    def _withdraw(self, op: Operation, error: ValidationError) -> None:
        try:
            withdrawn = self._outbox.discard(op.op_id)
        except OperationStateError:
            withdrawn = []
        self._settle(op, lambda s: s.rejected.emit(error))
        for each in withdrawn:
            self.withdrawn.emit(each)

    def _emit_pending(self) -> None:
        count = self.pending_count()
        if count != self._last_pending:
            self._last_pending = count
            self.pending_changed.emit(count)
