"""Sending an import: hands ready rows to the outbox as the budget allows, and hears the answers.

The outbox is the only way to Plandocket (durable, retried, one request per add). This
object decides *when* to hand rows over: at most :data:`MAX_IN_FLIGHT` unanswered at a time
(so Cancel stops the import within a few rows), and only while the hourly request budget
has room beyond the reserve for the check-in desks. When it has none, it waits and says
until when; Cancel still works. Rows not handed over when the person cancels are "not
sent"; rows already handed over finish in the outbox and are reported with their outcome.
"""

from __future__ import annotations

import contextlib
import logging
import math
import time
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.api.errors import PlandocketError, ValidationError
from app.budget import RequestBudget
from app.office.import_pacing import MAX_IN_FLIGHT, Allowance, WaitReason, allowance
from app.office.import_results import RowOutcome, RowResult
from app.ui.dialogs.add_participant import AddParticipantRequest
from app.ui.participants_controller import ParticipantsController
from app.ui.submission import Submission

log = logging.getLogger(__name__)

#: While waiting for the budget, look again at least this often: other desks' requests
#: expire too, and a clock change must not leave the import asleep for an hour.
RECHECK_MS = 15_000


class ImportRun(QObject):
    """Feeds the ready rows of an import to the controller and records each row's outcome.

    ``results`` is shared with the window and updated in place. Signals:

    - ``row_changed(int)``: ``results[index]`` has a new outcome;
    - ``rows_changed()``: many rows changed at once (Cancel);
    - ``progress(int, int)``: rows answered, rows to send;
    - ``waiting(object)``: an :class:`Allowance` with a reason while nothing may be handed
      over, ``None`` when sending goes on;
    - ``finished()``: every row has its final outcome (once).
    """

    row_changed = Signal(int)
    rows_changed = Signal()
    progress = Signal(int, int)
    waiting = Signal(object)
    finished = Signal()

    def __init__(
        self,
        controller: ParticipantsController,
        budget: RequestBudget | None,
        results: list[RowResult],
        ready: Sequence[int],
        *,
        clock: Callable[[], float] = time.time,
        max_in_flight: int = MAX_IN_FLIGHT,
        recheck_ms: int = RECHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._budget = budget
        self.results = results
        self._ready = list(ready)
        self._clock = clock
        self._max_in_flight = max(1, max_in_flight)
        self.recheck_ms = recheck_ms
        self._next = 0  # the next of self._ready to hand over (or cancel)
        self._handed_over = 0
        self._in_flight: dict[Submission, int] = {}
        self._answered = 0
        self._cancelled = False
        self._done = False
        # Rows go to the account they were checked against, never to one switched to later.
        self._session = controller.session
        self._started = False
        self.last_wait: Allowance | None = None

        self._soon = QTimer(self)
        self._soon.setObjectName("importFeedSoon")
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._feed)
        self._recheck = QTimer(self)
        self._recheck.setObjectName("importBudgetRecheck")
        self._recheck.setSingleShot(True)
        self._recheck.timeout.connect(self._feed)

    # -- state ---------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """Rows this import sends."""
        return len(self._ready)

    @property
    def answered(self) -> int:
        """Rows with a final outcome (added, refused, queued for later, already there)."""
        return self._answered

    @property
    def handed_over(self) -> int:
        """Rows given to the outbox so far."""
        return self._handed_over

    @property
    def in_flight(self) -> int:
        """Rows given to the outbox without an answer yet."""
        return len(self._in_flight)

    @property
    def is_running(self) -> bool:
        """Started and not finished."""
        return self._started and not self._done

    @property
    def cancelled(self) -> bool:
        """Whether the person stopped the import."""
        return self._cancelled

    # -- control -------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin handing rows over."""
        if self._started:
            return
        self._started = True
        self._controller.counts_changed.connect(self._feed_soon)  # the outbox moved on
        self.progress.emit(0, self.total)
        self._feed()

    def cancel(self) -> None:
        """Hand nothing more over; rows not handed over yet are "not sent (cancelled)"."""
        if self._cancelled or self._done:
            return
        self._cancelled = True
        self._recheck.stop()
        for index in self._ready[self._next :]:
            self.results[index] = RowResult(self.results[index].row, RowOutcome.CANCELLED)
        self._next = len(self._ready)
        self.rows_changed.emit()
        self.waiting.emit(None)
        self._finish_if_done()

    def give_up_waiting(self) -> None:
        """Report now: rows still without an answer are "queued", and stay in the outbox.

        Their answers still update the results when they come.
        """
        self.cancel()
        for submission, index in self._in_flight.items():
            self.results[index] = RowResult(
                self.results[index].row,
                RowOutcome.QUEUED,
                self.tr("Handed over; no answer yet. The participant list shows how it went."),
            )
            del submission  # still connected: a late answer replaces this outcome
        self.rows_changed.emit()
        self._finish(force=True)

    @Slot()
    def recheck(self) -> None:
        """Look at the budget again now (the wait may be over)."""
        self._feed()

    # -- feeding -------------------------------------------------------------------------------

    def _feed_soon(self) -> None:
        if self._started and not self._done and not self._cancelled:
            self._soon.start()

    @Slot()
    def _feed(self) -> None:
        if self._done or self._cancelled or not self._started:
            return
        if self._next >= len(self._ready):
            self._finish_if_done()
            return
        if self._controller.session is not self._session:
            log.info("the account changed during an import: the rest is not sent")
            self.cancel()
            return
        room = self._max_in_flight - len(self._in_flight)
        if room <= 0:
            return  # an answer feeds again
        allowed = allowance(self._budget, self._controller.pending_count, self._clock())
        count = room if allowed.count is None else min(room, allowed.count)
        if count <= 0:
            self._wait(allowed)
            return
        if self.last_wait is not None:
            self.last_wait = None
            self.waiting.emit(None)
        self._recheck.stop()
        self._hand_over(self._ready[self._next : self._next + count])

    def _wait(self, allowed: Allowance) -> None:
        self.last_wait = allowed
        self.waiting.emit(allowed)
        interval = self.recheck_ms
        if allowed.reason is WaitReason.BUDGET and math.isfinite(allowed.wait_seconds):
            # Wake when the window frees (a little after, so the request has expired).
            interval = min(interval, int(allowed.wait_seconds * 1000) + 250)
        self._recheck.start(max(interval, 10))

    def _hand_over(self, indexes: list[int]) -> None:
        requests = [
            AddParticipantRequest(
                event_key=self.results[i].row.event_key,
                customer_number=self.results[i].row.customer_number,
                is_confirmed=self.results[i].row.confirmed,
                contact=None,
            )
            for i in indexes
        ]
        try:
            submissions = self._controller.submit_adds(requests)
        except Exception as error:  # the outbox could not take them: nothing of it was queued
            log.exception("the import could not queue %d rows", len(requests))
            reason = error.user_message if isinstance(error, PlandocketError) else str(error)
            detail = self.tr("Could not be queued: %1").replace("%1", reason)
            for i in indexes:
                self.results[i] = RowResult(self.results[i].row, RowOutcome.REFUSED, detail)
                self._answered += 1
            self._next += len(indexes)
            self.rows_changed.emit()
            self.cancel()
            return
        self._next += len(indexes)
        self._handed_over += len(indexes)
        for index, submission in zip(indexes, submissions, strict=True):
            self._in_flight[submission] = index
            self.results[index] = RowResult(self.results[index].row, RowOutcome.SENDING)
            submission.succeeded.connect(self._succeeded)
            submission.rejected.connect(self._rejected)
            submission.deferred.connect(self._deferred)
            submission.failed.connect(self._failed)
        self.rows_changed.emit()

    # -- answers -------------------------------------------------------------------------------

    @Slot(object)
    def _succeeded(self, _participant: object) -> None:
        self._settle(RowOutcome.ADDED, "")

    @Slot(object)
    def _rejected(self, error: object) -> None:
        if isinstance(error, ValidationError) and error.is_duplicate:
            # Someone added it since the check: it takes part, which is what was wanted.
            self._settle(RowOutcome.ALREADY, _reason(error))
        else:
            self._settle(RowOutcome.REFUSED, _reason(error))

    @Slot(str)
    def _deferred(self, message: str) -> None:
        self._settle(RowOutcome.QUEUED, message)

    @Slot(object)
    def _failed(self, error: object) -> None:
        detail = self.tr("%1 It waits under Problems.").replace("%1", _reason(error))
        self._settle(RowOutcome.REFUSED, detail)

    def _settle(self, outcome: RowOutcome, detail: str) -> None:
        submission = self.sender()
        index = (
            self._in_flight.pop(submission, None) if isinstance(submission, Submission) else None
        )
        if index is None:
            return
        self.results[index] = RowResult(self.results[index].row, outcome, detail)
        self._answered += 1
        if isinstance(submission, Submission) and shiboken6.isValid(submission):
            submission.deleteLater()  # settled: the sender no longer holds it
        self.row_changed.emit(index)
        self.progress.emit(self._answered, self.total)
        if self._cancelled or self._next >= len(self._ready):
            self._finish_if_done()
        else:
            self._feed_soon()

    def _finish_if_done(self) -> None:
        if not self._in_flight and self._next >= len(self._ready):
            self._finish()

    def _finish(self, *, force: bool = False) -> None:
        if self._done:
            return
        if self._in_flight and not force:
            return
        self._done = True
        self._soon.stop()
        self._recheck.stop()
        with contextlib.suppress(RuntimeError, TypeError):  # never connected (not started)
            self._controller.counts_changed.disconnect(self._feed_soon)
        self.finished.emit()


def _reason(error: object) -> str:
    if isinstance(error, ValidationError):
        messages = [m for messages in error.field_errors.values() for m in messages]
        if messages:
            return " ".join(messages)
    if isinstance(error, PlandocketError):
        return error.user_message
    return str(error)
