"""Loads a participant list page by page; a newer load makes older results stale.

Pages are fetched and parsed in the loader process (see app.loading) and only unpickled and
handed to the model here, on the GUI thread. Where a process cannot be started, the same
work runs on a worker thread instead: correct, but the table stutters during big loads.
"""

from __future__ import annotations

import gc
import logging
import time
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from app.api import PlandocketClient, PlandocketError, ProtocolError
from app.domain import Participant, ParticipantFilter
from app.loading import Connection, LoaderProcess, LoadRequest, PageMessage, StatusMessage
from app.loading.strings import decode
from app.search import search_text
from app.workers import Worker, WorkerPool

log = logging.getLogger(__name__)

INCLUDE = ("contact", "event", "category")

# Pages waiting in the inbox are handed to the model for at most this long per pass of the
# event loop, so timers, input and painting get their turn between bursts of pages.
DRAIN_BUDGET_SECONDS = 0.008


@dataclass(frozen=True, slots=True)
class LoadedPage:
    """One page for the model, with its search keys prepared off the GUI thread."""

    generation: int
    participants: list[Participant]
    keys: list[str]
    total: int | None


class ParticipantLoader(QObject):
    """Streams one participant list at a time into the GUI thread.

    Every load gets a generation number; a newer load cancels the older one, and anything
    the older one still reports is dropped, so stale rows are never shown.
    """

    started = Signal(int)  # generation
    page_loaded = Signal(object)  # LoadedPage of the current generation
    progress = Signal(int, int)  # rows loaded, total (-1 when unknown)
    finished = Signal(int, int)  # generation, rows loaded
    failed = Signal(int, object)  # generation, PlandocketError
    cancelled = Signal(int)
    requests_made = Signal(int)  # requests the loads used, for the request budget

    _arrived = Signal()  # the reader thread put something in the inbox

    def __init__(
        self, pool: WorkerPool, *, use_process: bool = True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._generation = 0
        self._loading = False
        self._loaded = 0
        self._worker: Worker | None = None
        self._frozen = False
        self._strings: dict[int, str] = {}  # strings shared by the loader process, per load
        self._inbox: deque[bytes | None] = deque()
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.setInterval(0)
        self._drain_timer.timeout.connect(self._drain)
        self._process: LoaderProcess | None = None
        if use_process:
            self._process = LoaderProcess(self._receive)
            # Emitted on the reader thread, delivered on this object's (GUI) thread.
            self._arrived.connect(self._drain_timer.start)

    @property
    def generation(self) -> int:
        """The number of the newest load."""
        return self._generation

    @property
    def loading(self) -> bool:
        """Whether a load is running."""
        return self._loading

    def prepare(self) -> None:
        """Start the loader process early, so the first load does not wait for it."""
        if self._process is not None:
            try:
                self._process.start()
            except OSError as error:
                log.warning("loader process unavailable, loading in a thread: %s", error)
                self._process = None

    def load(self, connection: Connection, filters: ParticipantFilter) -> int:
        """Start loading; returns the new generation number."""
        self.cancel_silently()
        self._generation += 1
        self._loaded = 0
        self._loading = True
        self._strings = {}
        self._release_frozen_rows()
        generation = self._generation
        self.started.emit(generation)
        request = LoadRequest(generation, connection, filters, INCLUDE)
        if self._process is not None:
            try:
                self._process.load(request)
                return generation
            except OSError as error:
                log.warning("loader process failed, loading in a thread: %s", error)
                self._process = None
        self._load_in_thread(request)
        return generation

    def cancel(self) -> None:
        """Stop the running load; rows already shown stay."""
        if self._loading:
            self.cancel_silently()
            self.cancelled.emit(self._generation)

    def cancel_silently(self) -> None:
        """Stop the running load without announcing it (a newer load replaces it)."""
        if not self._loading:
            return
        self._loading = False
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None
        if self._process is not None:
            self._process.cancel(self._generation)

    def shutdown(self, timeout: float = 3.0) -> None:
        """Stop loading and end the loader process."""
        self.cancel_silently()
        if self._process is not None:
            self._process.stop(timeout)

    # -- answers -------------------------------------------------------------------------------

    def _receive(self, data: bytes | None) -> None:
        """Reader thread: queue a raw message for the GUI thread."""
        self._inbox.append(data)
        self._arrived.emit()

    def _drain(self) -> None:
        """GUI thread: handle queued messages for a few milliseconds, then yield."""
        deadline = time.perf_counter() + DRAIN_BUDGET_SECONDS
        while self._inbox and time.perf_counter() < deadline:
            self._on_message(self._inbox.popleft())
        if self._inbox:
            self._drain_timer.start()

    def _on_message(self, data: object) -> None:
        if data is None:
            if self._loading:
                self._fail(self._generation, ProtocolError("The loader stopped unexpectedly."))
            return
        assert isinstance(data, bytes)
        try:
            message = decode(data, self._strings)
        except (KeyError, ValueError, TypeError):
            return  # a late answer to an older load, whose shared strings are gone

        if isinstance(message, PageMessage):
            if message.requests:
                self.requests_made.emit(message.requests)
            self._deliver(
                LoadedPage(message.generation, message.participants, message.keys, message.total)
            )
        elif isinstance(message, StatusMessage):
            if message.requests:
                self.requests_made.emit(message.requests)
            if message.state == "finished":
                self._finish(message.generation, message.count)
            elif message.state == "failed":
                error = message.error or ProtocolError("Loading failed.")
                self._fail(message.generation, error)

    def _deliver(self, page: LoadedPage) -> None:
        if page.generation != self._generation or not self._loading:
            return  # a page of an older or cancelled load
        self._loaded += len(page.participants)
        self.page_loaded.emit(page)
        self._freeze_loaded_rows()
        self.progress.emit(self._loaded, page.total if page.total is not None else -1)

    def _finish(self, generation: int, count: int) -> None:
        if generation == self._generation and self._loading:
            self._loading = False
            self._worker = None
            self.finished.emit(generation, count)

    def _fail(self, generation: int, error: Exception) -> None:
        if generation == self._generation and self._loading:
            self._loading = False
            self._worker = None
            log.info("loading participants failed: %s", error)
            self.failed.emit(generation, error)

    # -- memory --------------------------------------------------------------------------------

    def _freeze_loaded_rows(self) -> None:
        # Loaded rows live long and hold no reference cycles (refcounting still frees them),
        # so they are moved out of the cyclic collector's sight: otherwise its full passes
        # over 100k rows pause the GUI thread for 50-90 ms, several times per load.
        gc.freeze()
        self._frozen = True

    def _release_frozen_rows(self) -> None:
        # Cycles among objects frozen meanwhile would otherwise never be collected.
        if self._frozen:
            gc.unfreeze()
            self._frozen = False

    # -- fallback: a worker thread -------------------------------------------------------------

    def _load_in_thread(self, request: LoadRequest) -> None:
        generation, filters = request.generation, request.filters

        def task(worker: Worker) -> int:
            count = 0
            with PlandocketClient(
                request.connection.base_url,
                request.connection.api_key,
                on_request=lambda _record: self.requests_made.emit(1),
            ) as client:
                pages = client.iter_participant_pages(
                    filters.event_key, filters.customer_number, filters.confirmed, request.include
                )
                try:
                    for page in pages:
                        worker.check_cancelled()
                        keys = [search_text(participant) for participant in page]
                        total = getattr(page, "total", None)
                        worker.report(LoadedPage(generation, list(page), keys, total))
                        count += len(page)
                finally:
                    pages.close()
            return count

        def on_error(error: Exception) -> None:
            if not isinstance(error, PlandocketError):
                error = ProtocolError(f"Loading stopped unexpectedly ({type(error).__name__}).")
            self._fail(generation, error)

        self._worker = self._pool.submit(
            task,
            name=f"load-{generation}",
            on_progress=self._deliver,
            on_result=lambda count: self._finish(generation, count),
            on_error=on_error,
        )
