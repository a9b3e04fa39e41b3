"""Background work for the GUI: QRunnables with a signals object, cancellation and shutdown.

Widgets are only ever touched from the GUI thread: a worker reports through its signals,
which Qt delivers as queued calls to receivers living in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    """What a worker tells the GUI thread: progress, a result or an error, and the end."""

    progress = Signal(object)
    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()


class Cancelled(Exception):  # noqa: N818 - it is a signal to stop, not an error condition
    """Raised inside a task by :meth:`Worker.check_cancelled` to stop early."""


class Worker(QRunnable):
    """Runs ``task(worker)`` on a pool thread.

    The task calls ``worker.report(value)`` to hand partial results to the GUI thread and
    ``worker.check_cancelled()`` (or reads ``worker.cancelled``) to stop when asked.
    """

    def __init__(self, task: Callable[[Worker], Any], name: str = "") -> None:
        super().__init__()
        self.setAutoDelete(False)  # the pool keeps the Python object alive until finished
        self.signals = WorkerSignals()
        self.name = name or getattr(task, "__name__", "task")
        self._task = task
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        """Whether someone asked this worker to stop."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the task to stop at its next check; results after this are not delivered."""
        self._cancel.set()

    def check_cancelled(self) -> None:
        """Raise :class:`Cancelled` if the worker was asked to stop."""
        if self._cancel.is_set():
            raise Cancelled

    def report(self, value: object) -> None:
        """Hand a partial result to the GUI thread (dropped once cancelled)."""
        if not self._cancel.is_set():
            self.signals.progress.emit(value)

    def wait_cancelled(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; ``True`` as soon as the worker is cancelled."""
        return self._cancel.wait(seconds)

    @Slot()
    def run(self) -> None:
        """Run the task and report its outcome (called by the pool on a worker thread)."""
        try:
            result = self._task(self)
        except Cancelled:
            pass
        except Exception as error:  # every failure goes to the GUI thread as a signal
            if not self._cancel.is_set():
                log.debug("worker %s failed: %s", self.name, error)
                self.signals.errored.emit(error)
        else:
            if not self._cancel.is_set():
                self.signals.returned.emit(result)
        finally:
            self.signals.finished.emit()


class WorkerPool(QObject):
    """A QThreadPool that remembers its workers so it can cancel them and shut down in bounds."""

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[Worker] = set()
        self._closed = False

    def submit(
        self,
        task: Callable[[Worker], Any],
        *,
        name: str = "",
        on_progress: Callable[[Any], None] | None = None,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_finished: Callable[[], None] | None = None,
    ) -> Worker:
        """Start ``task`` on a pool thread; the callbacks run on the GUI thread."""
        worker = Worker(task, name)
        if on_progress is not None:
            worker.signals.progress.connect(on_progress)
        if on_result is not None:
            worker.signals.returned.connect(on_result)
        if on_error is not None:
            worker.signals.errored.connect(on_error)
        if on_finished is not None:
            worker.signals.finished.connect(on_finished)
        worker.signals.finished.connect(lambda: self._running.discard(worker))
        if self._closed:
            worker.cancel()
            return worker
        self._running.add(worker)
        self._pool.start(worker)
        return worker

    @property
    def active_count(self) -> int:
        """Workers started and not yet finished."""
        return len(self._running)

    def cancel_all(self) -> None:
        """Ask every running worker to stop."""
        for worker in list(self._running):
            worker.cancel()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Refuse new work, cancel the running work and wait for it up to ``timeout_ms``."""
        self._closed = True
        self.cancel_all()
        self._pool.clear()  # drop work that has not started
        done = self._pool.waitForDone(timeout_ms)
        if not done:
            running = self._pool.activeThreadCount()
            log.warning("%d background tasks still running at shutdown", running)
        return bool(done)
