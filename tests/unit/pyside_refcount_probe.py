"""Hammer PySide6 with void calls and bool signal emits, and check None/True/False survive.

Run as a script in its own interpreter (``python pyside_refcount_probe.py``); it is the
payload of ``test_pyside_refcount_regression.py``. PySide6 6.12.0 on Python 3.11 drops one
reference to ``None`` on almost every void-returning call and one to ``True``/``False`` on
every bool signal emit, until CPython aborts with "Fatal Python error: none_dealloc" (or
bool_dealloc). A subprocess is needed because that abort would kill the pytest run itself.

Exit status:
    0 -- every operation ran and (on Python < 3.12) no singleton lost references; the last
         stdout line starts with ``MARKER``.
    3 -- a singleton's reference count dropped by more than ``TOLERANCE`` (Python < 3.12).
    4 -- an operation did not have its visible effect (rows missing, slot not called, ...).
    negative (from the parent's point of view) -- the interpreter was killed by a signal,
         typically SIGABRT from the none_dealloc / bool_dealloc fatal error.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable
from typing import Any, NoReturn

# Set before Qt is imported: the probe must never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLabel

MARKER = "PYSIDE_REFCOUNT_PROBE_OK"
EXIT_REFCOUNT_DROPPED = 3
EXIT_BROKEN_EFFECT = 4

# A healthy build (6.11.3 measured) ends with no net drift; 6.12.0 on 3.11 loses about one
# reference per call, so 1,000 separates the two clearly and trips well before None's count
# (about 5,000 here) reaches zero.
TOLERANCE = 1_000

# Python 3.12 made None/True/False immortal (PEP 683): their refcount is a fixed sentinel,
# so there is nothing to measure and nothing that can be deallocated.
CHECK_REFCOUNTS = sys.version_info < (3, 12)

ROUNDS = 125
# Operations per round, chosen so one round is 400 operations and 125 rounds are 50,000.
INSERTS_PER_ROUND = 50  # each is a beginInsertRows + endInsertRows pair: 2 operations
SET_TEXTS_PER_ROUND = 60
POOL_STARTS_PER_ROUND = 20
INVALIDATES_PER_ROUND = 20
PROCESS_EVENTS_PER_ROUND = 40
EMITS_PER_ROUND = 100  # alternating True and False
APPEND_ROWS_PER_ROUND = 60
OPS_PER_ROUND = (
    2 * INSERTS_PER_ROUND
    + SET_TEXTS_PER_ROUND
    + POOL_STARTS_PER_ROUND
    + INVALIDATES_PER_ROUND
    + PROCESS_EVENTS_PER_ROUND
    + EMITS_PER_ROUND
    + APPEND_ROWS_PER_ROUND
)

ModelIndex = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Two-column table whose rows are really appended between begin/endInsertRows."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[int, str]] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        # Flat table: only the invisible root has children.
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        return self._rows[index.row()][index.column()]

    def append(self, number: int) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append((number, f"participant {number}"))
        self.endInsertRows()


class Toggler(QObject):
    """Emits a bool signal: the emit path is where 6.12.0 loses True/False references."""

    toggled = Signal(bool)


class Counter:
    """Thread-safe tally of runnables that actually ran on the pool."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def bump(self) -> None:
        with self._lock:
            self.value += 1


class Tick(QRunnable):
    """Trivial runnable; the point is the QThreadPool.start call, not the work."""

    def __init__(self, counter: Counter) -> None:
        super().__init__()
        self._counter = counter

    def run(self) -> None:
        self._counter.bump()


def singleton_refcounts() -> tuple[int, int, int]:
    """Current reference counts of None, True and False."""
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def fail(code: int, message: str) -> NoReturn:
    """Explain on stderr and exit with ``code``; explicit so ``python -O`` cannot skip it."""
    print(f"pyside_refcount_probe: FAILED: {message}", file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    # os._exit skips interpreter finalisation: once a singleton has lost references,
    # tearing down objects that still point at it aborts with bool_dealloc/none_dealloc
    # and would replace this exit code and message with SIGABRT.
    os._exit(code)


class Probe:
    """Owns the Qt objects and runs the operation mix, checking refcounts as it goes."""

    def __init__(self) -> None:
        self.table = RowsModel()
        self.proxy = QSortFilterProxyModel()
        self.proxy.setSourceModel(self.table)
        self.standard = QStandardItemModel(0, 1)
        self.label = QLabel()
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(2)
        self.ran = Counter()
        self.toggler = Toggler()
        self.received = {True: 0, False: 0}
        self.toggler.toggled.connect(self.on_toggled)
        self.operations = 0
        # Replaced after the warm-up round; see main().
        self.baseline = singleton_refcounts()
        # Net change per operation kind, so a failure names the calls that leak.
        self.drift: dict[str, list[int]] = {}

    def on_toggled(self, value: bool) -> None:
        self.received[value] += 1

    # Each step performs one kind of operation ``count`` times and returns how many
    # PySide6 calls that was.

    def insert_rows(self, count: int) -> int:
        for _ in range(count):
            self.table.append(self.operations)
        return 2 * count

    def set_texts(self, count: int) -> int:
        for i in range(count):
            self.label.setText(f"checked in: {i}")
        return count

    def start_runnables(self, count: int) -> int:
        for _ in range(count):
            self.pool.start(Tick(self.ran))
        self.pool.waitForDone()
        return count

    def invalidate_proxy(self, count: int) -> int:
        for _ in range(count):
            self.proxy.invalidate()
        # Forces the proxy to rebuild its mapping, so invalidate has real work next time.
        if self.proxy.rowCount() != self.table.rowCount():
            fail(EXIT_BROKEN_EFFECT, "proxy row count diverged from its source model")
        return count

    def process_events(self, count: int) -> int:
        for _ in range(count):
            QCoreApplication.processEvents()
        return count

    def emit_bools(self, count: int) -> int:
        for i in range(count):
            self.toggler.toggled.emit(i % 2 == 0)
        return count

    def append_items(self, count: int) -> int:
        for i in range(count):
            self.standard.appendRow(QStandardItem(f"row {i}"))
        return count

    def steps(self) -> list[tuple[str, Callable[[int], int], int]]:
        return [
            ("beginInsertRows/endInsertRows", self.insert_rows, INSERTS_PER_ROUND),
            ("QLabel.setText", self.set_texts, SET_TEXTS_PER_ROUND),
            ("QThreadPool.start", self.start_runnables, POOL_STARTS_PER_ROUND),
            ("QSortFilterProxyModel.invalidate", self.invalidate_proxy, INVALIDATES_PER_ROUND),
            ("QCoreApplication.processEvents", self.process_events, PROCESS_EVENTS_PER_ROUND),
            ("Signal(bool).emit", self.emit_bools, EMITS_PER_ROUND),
            ("QStandardItemModel.appendRow", self.append_items, APPEND_ROWS_PER_ROUND),
        ]

    def run_round(self, round_number: int) -> None:
        for name, step, count in self.steps():
            before = singleton_refcounts()
            self.operations += step(count)
            after = singleton_refcounts()
            drift = self.drift.setdefault(name, [0, 0, 0])
            for i in range(3):
                drift[i] += after[i] - before[i]
            # Checked after every step, not at the end: with the leak, None's count reaches
            # zero and CPython aborts within a few thousand calls, before a final check.
            if CHECK_REFCOUNTS and round_number > 1:
                self.check_refcounts(round_number, name, after)

    def check_refcounts(self, round_number: int, step: str, now: tuple[int, int, int]) -> None:
        names = ("None", "True", "False")
        drops = [self.baseline[i] - now[i] for i in range(3)]
        if max(drops) <= TOLERANCE:
            return
        lost = ", ".join(
            f"{names[i]} {self.baseline[i]} -> {now[i]} ({-drops[i]:+d})" for i in range(3)
        )
        per_step = "\n".join(
            f"    {name}: None {d[0]:+d}, True {d[1]:+d}, False {d[2]:+d}"
            for name, d in self.drift.items()
        )
        fail(
            EXIT_REFCOUNT_DROPPED,
            f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} is losing "
            f"references to singletons (tolerance {TOLERANCE}) after {self.operations} "
            f"operations, round {round_number}, step {step}: {lost}\n"
            f"  net change by operation so far:\n{per_step}\n"
            f"  This build would abort with 'Fatal Python error: none_dealloc' or "
            f"'bool_dealloc'; keep PySide6-Essentials <6.12 on Python < 3.12.",
        )

    def check_effects(self) -> None:
        if self.operations != ROUNDS * OPS_PER_ROUND:
            fail(
                EXIT_BROKEN_EFFECT,
                f"ran {self.operations} operations, not {ROUNDS * OPS_PER_ROUND}",
            )
        expected_rows = ROUNDS * INSERTS_PER_ROUND
        if self.table.rowCount() != expected_rows:
            fail(EXIT_BROKEN_EFFECT, f"table has {self.table.rowCount()} rows, not {expected_rows}")
        expected_items = ROUNDS * APPEND_ROWS_PER_ROUND
        if self.standard.rowCount() != expected_items:
            fail(
                EXIT_BROKEN_EFFECT,
                f"standard model has {self.standard.rowCount()} rows, not {expected_items}",
            )
        expected_runs = ROUNDS * POOL_STARTS_PER_ROUND
        if self.ran.value != expected_runs:
            fail(EXIT_BROKEN_EFFECT, f"{self.ran.value} runnables ran, not {expected_runs}")
        half = ROUNDS * EMITS_PER_ROUND // 2
        if self.received != {True: half, False: half}:
            fail(EXIT_BROKEN_EFFECT, f"slot received {self.received}, not {half} of each")


def main() -> int:
    app = QApplication(sys.argv[:1])
    probe = Probe()
    for round_number in range(1, ROUNDS + 1):
        probe.run_round(round_number)
        if round_number == 1:
            # The first round is the warm-up: it lets lazy initialisation (type caches,
            # signal plumbing, pool threads) settle, and gc clears start-up garbage, so the
            # baseline afterwards only moves because of the calls being measured.
            gc.collect()
            probe.baseline = singleton_refcounts()
            probe.drift.clear()
    probe.check_effects()
    operations = probe.operations
    if CHECK_REFCOUNTS:
        now = singleton_refcounts()
        deltas = " ".join(
            f"{name}={now[i] - probe.baseline[i]:+d}"
            for i, name in enumerate(("None", "True", "False"))
        )
        refcounts = f"refcount deltas since warm-up: {deltas}"
    else:
        refcounts = "refcount check skipped (None/True/False are immortal on Python >= 3.12)"
    # Tear down widgets, models and the pool before the application object, so that
    # shutdown order is fixed and a crash there cannot hide behind the marker line.
    del probe
    del app
    print(
        f"{MARKER} pyside={PySide6.__version__} python={sys.version.split()[0]} "
        f"operations={operations} {refcounts}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
