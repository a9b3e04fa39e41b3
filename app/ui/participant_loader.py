"""Loads a participant list page by page on a worker; a newer load makes older results stale."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.api import ListPage, PlandocketClient
from app.domain import Participant, ParticipantFilter
from app.search import search_text
from app.workers import Worker, WorkerPool

log = logging.getLogger(__name__)

INCLUDE = ("contact", "event", "category")


@dataclass(frozen=True, slots=True)
class LoadedPage:
    """One page handed from the worker to the GUI thread, with its search keys prepared."""

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
    failed = Signal(int, object)  # generation, exception
    cancelled = Signal(int)

    def __init__(self, pool: WorkerPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._generation = 0
        self._worker: Worker | None = None
        self._loaded = 0

    @property
    def generation(self) -> int:
        """The number of the newest load."""
        return self._generation

    @property
    def loading(self) -> bool:
        """Whether a load is running."""
        return self._worker is not None

    def load(self, client: PlandocketClient, filters: ParticipantFilter) -> int:
        """Start loading; returns the new generation number."""
        self._stop_worker()
        self._generation += 1
        generation = self._generation
        self._loaded = 0

        def task(worker: Worker) -> int:
            count = 0
            pages = client.iter_participant_pages(
                filters.event_key, filters.customer_number, filters.confirmed, include=INCLUDE
            )
            try:
                for page in pages:
                    worker.check_cancelled()
                    # Search keys are folded here, off the GUI thread.
                    keys = [search_text(participant) for participant in page]
                    total = page.total if isinstance(page, ListPage) else None
                    worker.report(LoadedPage(generation, list(page), keys, total))
                    count += len(page)
            finally:
                pages.close()  # cancels page fetches still queued
            return count

        self._worker = self._pool.submit(
            task,
            name=f"load-{generation}",
            on_progress=self._on_page,
            on_result=lambda count: self._on_finished(generation, count),
            on_error=lambda error: self._on_failed(generation, error),
        )
        self.started.emit(generation)
        return generation

    def cancel(self) -> None:
        """Stop the running load; rows already shown stay."""
        if self._worker is not None:
            self._stop_worker()
            self.cancelled.emit(self._generation)

    def _stop_worker(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None

    def _on_page(self, page: object) -> None:
        if not isinstance(page, LoadedPage) or page.generation != self._generation:
            return  # a page of an older load, already superseded
        self._loaded += len(page.participants)
        self.page_loaded.emit(page)
        self.progress.emit(self._loaded, page.total if page.total is not None else -1)

    def _on_finished(self, generation: int, count: int) -> None:
        if generation == self._generation:
            self._worker = None
            self.finished.emit(generation, count)

    def _on_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._worker = None
            log.info("loading participants failed: %s", error)
            self.failed.emit(generation, error)
