"""Benchmark: a 100k-participant event loaded into the participants table, vs a naive baseline.

Run: ``python -m tests.benchmarks.bench_table_load [--participants N]``

Prints, for the app's main window (its table fed by the loader process) and for a
plain ``QStandardItemModel`` loaded the naive way (same pages, ``appendRow`` per row, a
``QSortFilterProxyModel`` for search), measured in the same run:

- time to first visible rows after the request (target <= 300 ms);
- total load time, and the Foundation floor (plain httpx + json.loads, sequential);
- the longest GUI-thread stall during the load, by a 5 ms heartbeat timer (target <= 33 ms);
- quick-search latency per keystroke (target <= 30 ms);
- memory per loaded row over the empty window (target <= 800 bytes).

The sandbox runs in a separate process so that it does not compete for this process's GIL.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QSettings, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from app.api import PlandocketClient
from app.application import Application
from app.domain import Participant, ParticipantFilter
from app.paths import AppPaths
from app.sandbox import BIG_KEY, DEMO_KEYS
from app.secrets import KeyStore
from app.session import API_KEY_ENVIRONMENT_VARIABLE
from app.settings import Settings
from app.ui.participant_loader import INCLUDE
from tests.benchmarks.bench_api_load import floor_load, sandbox_process

KEYSTROKES = "muller"


def rss_bytes() -> int:
    """Resident memory of this process (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


class Heartbeat:
    """A 5 ms timer on the GUI thread; the longest gap between ticks is the worst stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.clock = QElapsedTimer()
        self.longest = 0.0
        self.stalls: list[float] = []
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = 0.0
        self.stalls = []
        self.clock.start()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        gap = self.clock.nsecsElapsed() / 1e6
        self.clock.restart()
        self.stalls.append(max(0.0, gap - 5.0))
        self.longest = max(self.longest, gap - 5.0)

    @property
    def p99(self) -> float:
        """The stall that 99% of heartbeat intervals stay below."""
        return statistics.quantiles(self.stalls, n=100)[98] if len(self.stalls) > 100 else 0.0


def wait_until(app: QApplication, done: Callable[[], bool], timeout: float = 600.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark step did not finish")


def measure_search(
    app: QApplication, view: QTableView, search: Callable[[str], None]
) -> list[float]:
    """Milliseconds per keystroke, each until the view has repainted."""
    latencies = []
    for length in range(1, len(KEYSTROKES) + 1):
        started = time.perf_counter()
        search(KEYSTROKES[:length])
        view.viewport().repaint()
        app.processEvents()
        latencies.append((time.perf_counter() - started) * 1000)
    search("")
    app.processEvents()
    return latencies


def run_app_table(app: QApplication, base_url: str) -> dict[str, float]:
    """The real application window, loading through its loader process."""
    os.environ[API_KEY_ENVIRONMENT_VARIABLE] = DEMO_KEYS.full
    scratch = Path(tempfile.mkdtemp(prefix="bench-table-"))
    settings = Settings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    application = Application.from_args(
        ["--base-url", base_url],
        settings=settings,
        paths=AppPaths(scratch / "data"),
        keystore=KeyStore(),
    )
    window = application.main_window
    controller = application.controller
    view = window.table
    window.resize(1280, 800)
    window.show()
    # As after start-up: the loader process and the capability checks are done.
    settle_until = time.perf_counter() + 2.0
    wait_until(app, lambda: time.perf_counter() > settle_until)
    gc.collect()
    empty = rss_bytes()
    first_rows: list[float] = []
    started = time.perf_counter()

    def on_rows(*_: object) -> None:
        if not first_rows:
            view.viewport().repaint()
            first_rows.append(time.perf_counter() - started)

    controller.proxy.rowsInserted.connect(on_rows)
    done: list[int] = []
    controller.load_finished.connect(done.append)
    heartbeat = Heartbeat()
    heartbeat.start()
    started = time.perf_counter()
    window.filter_bar.set_filters(ParticipantFilter(event_key=BIG_KEY))
    window.filter_bar.filters_changed.emit(window.filter_bar.filters())
    wait_until(app, lambda: bool(done))
    total = time.perf_counter() - started
    heartbeat.stop()
    app.processEvents()
    gc.collect()
    per_row = (rss_bytes() - empty) / max(1, controller.total_count)
    searches = measure_search(app, view, window.filter_bar.search_edit.setText)
    rows = controller.total_count
    application.shutdown()
    window.close()
    return {
        "rows": rows,
        "first": first_rows[0] * 1000,
        "total": total,
        "stall": heartbeat.longest,
        "stall_p99": heartbeat.p99,
        "search_median": statistics.median(searches),
        "search_max": max(searches),
        "per_row": per_row,
    }


def naive_row(participant: Participant) -> list[QStandardItem]:
    contact = participant.contact
    values = [
        "Confirmed" if participant.is_confirmed else "Not confirmed",
        contact.customer_number if contact else "",
        contact.company_name if contact else "",
        contact.person_name if contact else "",
        contact.email if contact else "",
        participant.event.display_name if participant.event else "",
        participant.category.display_name if participant.category else "",
        str(participant.created_at or ""),
        str(participant.updated_at or ""),
    ]
    return [QStandardItem(value or "") for value in values]


def run_naive_table(app: QApplication, base_url: str) -> dict[str, float]:
    model = QStandardItemModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.resize(1200, 800)
    view.show()
    app.processEvents()
    gc.collect()
    empty = rss_bytes()
    first: float | None = None
    heartbeat = Heartbeat()
    with PlandocketClient(base_url, DEMO_KEYS.full) as client:
        heartbeat.start()
        started = time.perf_counter()
        # The naive way: fetch and fill on the GUI thread, one appendRow per participant.
        for page in client.iter_participant_pages(event_key=BIG_KEY, include=INCLUDE):
            for participant in page:
                model.appendRow(naive_row(participant))
            if first is None:
                view.viewport().repaint()
                first = time.perf_counter() - started
            app.processEvents()
        total = time.perf_counter() - started
        heartbeat.stop()
    app.processEvents()
    gc.collect()
    per_row = (rss_bytes() - empty) / max(1, model.rowCount())
    searches = measure_search(app, view, proxy.setFilterFixedString)
    return {
        "rows": model.rowCount(),
        "first": (first or 0.0) * 1000,
        "total": total,
        "stall": heartbeat.longest,
        "stall_p99": heartbeat.p99,
        "search_median": statistics.median(searches),
        "search_max": max(searches),
        "per_row": per_row,
    }


def verdict(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    print(f"Event {BIG_KEY}: {args.participants:,} participants, include={','.join(INCLUDE)}")
    with sandbox_process(args.participants, 0) as base_url:
        floor = floor_load(base_url)
        ours = run_app_table(app, base_url)
        naive = None if args.skip_baseline else run_naive_table(app, base_url)
    print(f"Foundation floor (httpx + json.loads, include=contact): {floor.seconds:.2f} s")
    rows = [
        ("rows loaded", "rows", "{:,.0f}", None),
        ("first visible rows (ms)", "first", "{:.0f}", 300),
        ("total load (s)", "total", "{:.2f}", None),
        ("longest GUI stall (ms)", "stall", "{:.1f}", 33),
        ("GUI stall, 99th percentile (ms)", "stall_p99", "{:.1f}", None),
        ("search per keystroke, median (ms)", "search_median", "{:.1f}", 30),
        ("search per keystroke, worst (ms)", "search_max", "{:.1f}", 30),
        ("memory per row (bytes)", "per_row", "{:.0f}", 800),
    ]
    print(f"{'':36} {'Participant Desk':>18} {'naive baseline':>16}  target")
    for label, key, fmt, target in rows:
        mine = fmt.format(ours[key])
        base = fmt.format(naive[key]) if naive else "-"
        note = f"<= {target}: {verdict(ours[key], target)}" if target else ""
        print(f"{label:36} {mine:>18} {base:>16}  {note}")
    print(f"total load vs floor: {ours['total'] / floor.seconds:.2f}x")


if __name__ == "__main__":
    main()
