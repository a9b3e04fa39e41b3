"""Benchmark: exporting a 100k-row participants view, and check-in lists as PDF.

Run: ``python -m tests.benchmarks.bench_export [--participants N]``

Prints, measured in the same run:

- the GUI-thread snapshot of the view (rows in view order, shown columns) against a naive
  baseline that reads every shown cell with ``index().data()`` (target: well under 0.2 s
  for 100k rows — the GUI freezes for that long);
- the worker-thread time to write the snapshot as CSV and as XLSX (a progress dialog
  shows meanwhile, the GUI stays responsive);
- the time to save the check-in list of EXPO26 (600 people) and CONF26 (2,500) as PDF on
  the GUI thread (target: well under 1 s for 2,500).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from app.office.checkin_list import checkin_sheet
from app.office.checkin_pdf import write_checkin_pdf
from app.office.view_export import ExportFormat, shown_columns, take_snapshot, write_snapshot
from app.sandbox import BIG_KEY, CONF_KEY, EXPO_KEY
from app.ui.participant_model import Column, ParticipantTableModel
from app.ui.participant_proxy import ParticipantProxyModel
from tests.office.demo_participants import demo_event


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings of ``action``, in seconds (the least disturbed run)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def naive_snapshot(view: QTableView) -> list[list[object]]:
    """The baseline: every shown cell's display text through ``index().data()``."""
    model = view.model()
    columns = shown_columns(view.horizontalHeader())
    return [
        [model.index(row, column).data() for column in columns] for row in range(model.rowCount())
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    arguments = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    del app  # kept alive by Qt; fonts and paint devices need it

    event, participants = demo_event(BIG_KEY, big_event_participants=arguments.participants)
    model = ParticipantTableModel()
    view = QTableView()
    view.setModel(ParticipantProxyModel(model))
    view.setSortingEnabled(True)
    model.append(participants)
    view.sortByColumn(Column.COMPANY, Qt.SortOrder.AscendingOrder)  # a real, shuffled order
    view.horizontalHeader().setSectionHidden(Column.EVENT, True)
    rows = view.model().rowCount()
    print(f"Export of event {event.event_key}: {rows:,} rows, 8 shown columns, sorted by company")

    snapshot_s = best_of(5, lambda: take_snapshot(view.model(), view.horizontalHeader()))
    naive_s = best_of(1, lambda: naive_snapshot(view))
    snapshot = take_snapshot(view.model(), view.horizontalHeader())
    print(f"{'':44} {'seconds':>8}")
    print(f"{'GUI thread: snapshot of the view':44} {snapshot_s:8.3f}")
    print(f"{'GUI thread: naive index().data() per cell':44} {naive_s:8.3f}")
    print(f"{'  speed-up':44} {naive_s / snapshot_s:7.0f}x")
    with tempfile.TemporaryDirectory() as folder:
        for file_format in ExportFormat:
            path = Path(folder) / f"export.{file_format.value}"
            start = time.perf_counter()
            write_snapshot(snapshot, path, file_format, delimiter=";")
            seconds = time.perf_counter() - start
            size = path.stat().st_size / 1e6
            label = f"worker: write {file_format.value.upper()} ({size:.1f} MB)"
            print(f"{label:44} {seconds:8.3f}")

        print()
        print(f"{'Check-in list as PDF (GUI thread)':44} {'seconds':>8} {'pages':>6}")
        for key in (EXPO_KEY, CONF_KEY):
            listed, people = demo_event(key)
            path = Path(folder) / f"{key}.pdf"
            timings = []
            pages = 0
            for _ in range(3):
                start = time.perf_counter()
                pages = write_checkin_pdf(path, checkin_sheet(listed, people))
                timings.append(time.perf_counter() - start)
            label = f"{key}: {len(people):,} people (median of 3)"
            print(f"{label:44} {statistics.median(timings):8.3f} {pages:6}")


if __name__ == "__main__":
    main()
