"""The loader streams pages from the sandbox; a newer load makes older pages stale."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from app.api import AuthenticationError
from app.domain import ParticipantFilter
from app.loading import Connection
from app.sandbox import CONF_KEY, DEMO_KEYS, EXPO_KEY
from app.ui.participant_loader import LoadedPage, ParticipantLoader
from app.ui.participant_model import ParticipantTableModel
from app.workers import WorkerPool


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(4)
    yield workers
    workers.shutdown(5000)


@pytest.fixture
def client(sandbox) -> Connection:
    return Connection(sandbox.base_url, DEMO_KEYS.full)


@pytest.fixture(params=["process", "thread"])
def make_loader(request, pool) -> Iterator[Callable[[], ParticipantLoader]]:
    """Both ways of loading: the loader process, and the in-thread fallback."""
    made: list[ParticipantLoader] = []

    def make() -> ParticipantLoader:
        loader = ParticipantLoader(pool, use_process=request.param == "process")
        made.append(loader)
        return loader

    yield make
    for loader in made:
        loader.shutdown()


def attach(loader: ParticipantLoader, model: ParticipantTableModel) -> list[LoadedPage]:
    pages: list[LoadedPage] = []

    def take(page: LoadedPage) -> None:
        pages.append(page)
        model.append(page.participants, page.keys)

    loader.page_loaded.connect(take)
    return pages


def test_a_load_streams_every_page_into_the_model(
    qtbot, qtmodeltester, make_loader, client, sandbox
):
    model = ParticipantTableModel()
    qtmodeltester.check(model)
    loader = make_loader()
    pages = attach(loader, model)
    progress: list[tuple[int, int]] = []
    loader.progress.connect(lambda loaded, total: progress.append((loaded, total)))
    with qtbot.waitSignal(loader.finished, timeout=20_000) as finished:
        generation = loader.load(client, ParticipantFilter(event_key=EXPO_KEY))
    assert finished.args == [generation, 600]
    assert model.total_count == 600
    assert len(pages) == 6  # the sandbox caps pages at 100 rows
    assert progress[-1] == (600, 600)
    assert model.confirmed_count == sandbox.store.count(EXPO_KEY, confirmed=True)
    assert not loader.loading


def test_a_newer_load_drops_every_page_of_the_older_one(qtbot, make_loader, client, sandbox):
    sandbox.faults.latency_ms = 40  # keep the first load busy while the second starts
    model = ParticipantTableModel()
    loader = make_loader()
    pages = attach(loader, model)
    first = loader.load(client, ParticipantFilter(event_key=CONF_KEY))
    with qtbot.waitSignal(loader.finished, timeout=20_000) as finished:
        second = loader.load(client, ParticipantFilter(event_key=EXPO_KEY))
    assert finished.args[0] == second != first
    assert {page.generation for page in pages} == {second}
    assert model.total_count == 600
    assert all(p.event is not None and p.event.event_key == EXPO_KEY for p in model.participants())


def test_cancel_keeps_what_arrived_and_reports_nothing_more(
    qtbot, make_loader, pool, client, sandbox
):
    sandbox.faults.latency_ms = 30
    model = ParticipantTableModel()
    loader = make_loader()
    attach(loader, model)
    finished: list[object] = []
    loader.finished.connect(lambda *args: finished.append(args))
    with qtbot.waitSignal(loader.page_loaded, timeout=20_000):
        loader.load(client, ParticipantFilter(event_key=CONF_KEY))
    with qtbot.waitSignal(loader.cancelled, timeout=1_000):
        loader.cancel()
    shown = model.total_count
    assert 0 < shown < 2500
    # Whatever the cancelled load still sends must be dropped.
    with qtbot.waitSignal(loader.finished, timeout=20_000):
        loader.load(client, ParticipantFilter(event_key="WS26"))
    assert model.total_count == shown + 24
    assert len(finished) == 1


def test_a_failed_load_reports_the_error(qtbot, make_loader, sandbox):
    bad = Connection(sandbox.base_url, "pd_unknown_key")
    loader = make_loader()
    with qtbot.waitSignal(loader.failed, timeout=10_000) as failed:
        generation = loader.load(bad, ParticipantFilter(event_key=EXPO_KEY))
    assert failed.args[0] == generation
    assert isinstance(failed.args[1], AuthenticationError)
    assert not loader.loading


def test_loaded_rows_carry_contact_event_and_category(qtbot, make_loader, client):
    model = ParticipantTableModel()
    loader = make_loader()
    attach(loader, model)
    with qtbot.waitSignal(loader.finished, timeout=20_000):
        loader.load(client, ParticipantFilter(event_key=EXPO_KEY, confirmed=True))
    rows = list(model.participants())
    assert rows
    assert all(p.is_confirmed for p in rows)
    assert all(p.contact is not None and p.event is not None for p in rows)
    assert any(p.category is not None for p in rows)


def test_requests_are_counted_for_the_budget(qtbot, make_loader, client):
    loader = make_loader()
    counted: list[int] = []
    loader.requests_made.connect(counted.append)
    with qtbot.waitSignal(loader.finished, timeout=20_000):
        loader.load(client, ParticipantFilter(event_key=EXPO_KEY))
    qtbot.waitUntil(lambda: sum(counted) == 6)  # 600 rows in pages of 100
