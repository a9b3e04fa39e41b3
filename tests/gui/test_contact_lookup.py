"""ContactLookup: debounced, off the GUI thread, newest request wins."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from app.domain import Contact
from app.ui.contact_lookup import ContactLookup
from app.workers import WorkerPool

MUELLER = Contact(1, "10023", "Müller GmbH", "Hans", "Müller")
MEYER = Contact(2, "10024", "Meyer AG")


class FakeSearch:
    """Answers from a table, remembers what was asked and on which thread."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.threads: list[threading.Thread] = []
        self.gates: dict[str, threading.Event] = {}
        self.lock = threading.Lock()

    def hold(self, text: str) -> threading.Event:
        """Make the search for ``text`` wait until the returned event is set."""
        gate = threading.Event()
        self.gates[text] = gate
        return gate

    def __call__(self, text: str) -> list[Contact]:
        with self.lock:
            self.calls.append(text)
            self.threads.append(threading.current_thread())
        gate = self.gates.get(text)
        if gate is not None:
            gate.wait(10)
        if text == "boom":
            raise ConnectionError("network down")
        return [MUELLER] if "mü" in text.lower() else [MEYER]


@pytest.fixture
def pool(qapp) -> Iterator[WorkerPool]:
    workers = WorkerPool(max_threads=4)
    yield workers
    workers.shutdown(timeout_ms=5000)


@pytest.fixture
def search() -> FakeSearch:
    return FakeSearch()


def test_typing_quickly_searches_once_for_the_last_text(qtbot, pool, search):
    lookup = ContactLookup(search, pool)
    with qtbot.waitSignal(lookup.results, timeout=3000) as blocker:
        for text in ("Mü", "Mül", "Müll", "Mülle"):
            lookup.request(text)
    assert blocker.args == ["Mülle", [MUELLER]]
    assert search.calls == ["Mülle"]


def test_the_search_runs_on_a_worker_thread(qtbot, pool, search):
    lookup = ContactLookup(search, pool, delay_ms=10)
    with qtbot.waitSignal(lookup.results):
        lookup.request("Meyer")
    assert search.threads
    assert search.threads[0] is not threading.main_thread()


def test_the_search_waits_for_a_pause_in_typing(qtbot, pool, search):
    lookup = ContactLookup(search, pool, delay_ms=250)
    with qtbot.assertNotEmitted(lookup.results, wait=100):
        lookup.request("Meyer")  # and then 100 ms of "still typing"
    assert search.calls == []
    with qtbot.waitSignal(lookup.results):
        pass
    assert search.calls == ["Meyer"]


def test_short_texts_are_not_searched_and_cancel_pending_ones(qtbot, pool, search):
    lookup = ContactLookup(search, pool, delay_ms=10)
    with qtbot.assertNotEmitted(lookup.results, wait=100):
        lookup.request("Meyer")
        lookup.request("M")
        lookup.request("  ")
    assert search.calls == []
    assert lookup.min_chars == 2


def test_stale_results_are_dropped(qtbot, pool, search):
    lookup = ContactLookup(search, pool, delay_ms=10)
    delivered: list[tuple[str, list[Contact]]] = []
    lookup.results.connect(lambda text, contacts: delivered.append((text, contacts)))
    slow = search.hold("Müller")
    lookup.request("Müller")
    qtbot.waitUntil(lambda: search.calls == ["Müller"])  # the first search is running
    with qtbot.waitSignal(lookup.results):
        lookup.request("Meyer")
    with qtbot.assertNotEmitted(lookup.results, wait=50):
        slow.set()  # the old answer arrives after the new one
        qtbot.waitUntil(lambda: pool.active_count == 0)
    assert search.calls == ["Müller", "Meyer"]
    assert delivered == [("Meyer", [MEYER])]


def test_a_failed_search_reports_the_text_and_the_error(qtbot, pool, search):
    lookup = ContactLookup(search, pool, delay_ms=10)
    with qtbot.waitSignal(lookup.failed) as blocker:
        lookup.request("boom")
    text, error = blocker.args
    assert text == "boom"
    assert isinstance(error, ConnectionError)


def test_a_stale_failure_is_dropped_too(qtbot, pool, search):
    lookup = ContactLookup(search, pool, delay_ms=10)
    gate = search.hold("boom")
    lookup.request("boom")
    qtbot.waitUntil(lambda: search.calls == ["boom"])
    with qtbot.assertNotEmitted(lookup.failed, wait=50):
        with qtbot.waitSignal(lookup.results):
            lookup.request("Meyer")
        gate.set()
        qtbot.waitUntil(lambda: pool.active_count == 0)


def test_searching_the_same_text_again_is_answered_from_the_cache(qtbot, pool, search):
    lookup = ContactLookup(search, pool, delay_ms=10)
    with qtbot.waitSignal(lookup.results):
        lookup.request("Meyer")
    lookup.request("Mey")
    with qtbot.waitSignal(lookup.results) as blocker:
        lookup.request("Meyer")
    assert blocker.args == ["Meyer", [MEYER]]
    assert search.calls == ["Meyer"]
    lookup.clear_cache()
    with qtbot.waitSignal(lookup.results):
        lookup.request("Meyer")
    assert search.calls == ["Meyer", "Meyer"]


def test_cancel_forgets_the_pending_search(qtbot, pool, search):
    lookup = ContactLookup(search, pool, delay_ms=10)
    with qtbot.assertNotEmitted(lookup.results, wait=100):
        lookup.request("Meyer")
        lookup.cancel()
    assert search.calls == []
