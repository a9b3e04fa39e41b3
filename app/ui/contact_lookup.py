"""Search contacts as the person types, on the worker pool, delivering only the newest answer.

Every keystroke restarts a short timer; when typing pauses, one search runs in the
background. A newer search makes every older one stale: its results are dropped even if they
arrive later (the worker is also asked to stop). A small cache saves requests against the
API key's hourly limit when the same text is searched again shortly after.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.domain import Contact
from app.workers import Worker, WorkerPool


@dataclass(frozen=True, slots=True)
class _Answer:
    generation: int
    text: str
    contacts: list[Contact] | None = None
    error: Exception | None = None


class ContactLookup(QObject):
    """Debounced, newest-wins contact search.

    Signals (always on the GUI thread):

    - ``results(str, list[Contact])``: the contacts found for the text that was searched;
    - ``failed(str, object)``: the search for that text raised this exception.
    """

    results = Signal(str, list)
    failed = Signal(str, object)

    def __init__(
        self,
        search: Callable[[str], list[Contact]],
        pool: WorkerPool,
        parent: QObject | None = None,
        *,
        delay_ms: int = 250,
        min_chars: int = 2,
        cache_seconds: float = 60.0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contact_lookup")
        self._search = search
        self._pool = pool
        self._min_chars = min_chars
        self._cache_seconds = cache_seconds
        self._cache: OrderedDict[str, tuple[float, list[Contact]]] = OrderedDict()
        self._generation = 0
        self._pending = ""
        self._worker: Worker | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("contact_lookup_timer")
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)

    @property
    def min_chars(self) -> int:
        """Texts shorter than this are not searched."""
        return self._min_chars

    def request(self, text: str) -> None:
        """Search for ``text`` once typing pauses; shorter texts only cancel what is pending."""
        text = text.strip()
        if text == self._pending and (self._timer.isActive() or self._worker is not None):
            return  # the same search is already on its way
        self.cancel()
        if len(text) < self._min_chars:
            return
        self._pending = text
        self._timer.start()

    def cancel(self) -> None:
        """Forget the pending and running searches; their results will not be delivered."""
        self._timer.stop()
        self._pending = ""
        self._generation += 1
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None

    def clear_cache(self) -> None:
        """Search the server again even for texts searched a moment ago."""
        self._cache.clear()

    @Slot()
    def _start(self) -> None:
        text = self._pending
        cached = self._cache.get(text)
        if cached is not None and time.monotonic() - cached[0] < self._cache_seconds:
            self.results.emit(text, list(cached[1]))
            return
        generation = self._generation
        search = self._search

        def task(_worker: Worker) -> _Answer:
            try:
                return _Answer(generation, text, contacts=list(search(text)))
            except Exception as error:  # reported to the GUI thread, which decides
                return _Answer(generation, text, error=error)

        self._worker = self._pool.submit(task, name="contact lookup", on_result=self._answered)

    @Slot(object)
    def _answered(self, answer: _Answer) -> None:
        if answer.generation != self._generation:
            return  # a newer request superseded this one
        self._worker = None
        if answer.error is not None:
            self.failed.emit(answer.text, answer.error)
            return
        contacts = answer.contacts or []
        self._cache[answer.text] = (time.monotonic(), contacts)
        self._cache.move_to_end(answer.text)
        while len(self._cache) > 32:
            self._cache.popitem(last=False)
        self.results.emit(answer.text, list(contacts))
