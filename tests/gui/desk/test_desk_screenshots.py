"""Render every desk widget with umlaut-rich data and check that no text is cut off.

Set ``PARTICIPANT_DESK_SCREENSHOTS=/some/folder`` to keep the PNGs (``desk-<name>.png``) for a
look by eye; otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.pin import PinLockout, hash_pin
from app.ui.desk import result_panel
from app.ui.desk.arrivals_chart import ArrivalsChart
from app.ui.desk.counter import CheckinCounter
from app.ui.desk.pin_dialog import PinDialog, SetPinDialog
from app.ui.desk.recent_list import RecentCheckins
from app.ui.desk.result_panel import CheckinResultPanel
from tests.gui.desk.desk_samples import RESULTS, british_english

NOW = datetime(2026, 12, 8, 11, 12).astimezone()
PANEL_WIDTH = 900


@pytest.fixture(autouse=True)
def locale() -> Iterator[None]:
    with british_english():
        yield


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = Path(os.environ.get("PARTICIPANT_DESK_SCREENSHOTS", tmp_path))
    path.mkdir(parents=True, exist_ok=True)
    return path


def save(widget: QWidget, folder: Path, name: str) -> None:
    QApplication.processEvents()
    image = widget.grab()
    assert not image.isNull()
    assert image.save(str(folder / f"desk-{name}.png"))


def cut_off(root: QWidget) -> list[str]:
    """Visible labels, buttons and fields too small for their text."""
    problems = []
    for widget in [
        *root.findChildren(QLabel),
        *root.findChildren(QAbstractButton),
        *root.findChildren(QLineEdit),
    ]:
        if not widget.isVisible() or isinstance(widget.parent(), QLineEdit):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.text() and widget.height() < widget.heightForWidth(widget.width()):
                problems.append(f"{widget.objectName()}: {widget.height()} too low")
            continue
        if isinstance(widget, QLineEdit):
            needed = widget.fontMetrics().horizontalAdvance(widget.text()) + 8
        else:
            needed = widget.minimumSizeHint().width()
        if widget.width() < needed:
            problems.append(f"{widget.objectName()}: {widget.width()} < {needed}")
    return problems


def panel_in_host(qtbot, *, palette: QPalette | None = None) -> tuple[QWidget, CheckinResultPanel]:
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    panel = CheckinResultPanel(host)
    if palette is not None:
        panel.setPalette(palette)
    layout.addWidget(panel)
    host.show()
    qtbot.waitExposed(host)
    return host, panel


def fit(host: QWidget, width: int) -> None:
    """Resize to ``width`` and the height the word-wrapped content needs there."""
    host.resize(width, host.sizeHint().height())
    QApplication.processEvents()
    layout = host.layout()
    height = layout.totalHeightForWidth(width) if layout is not None else -1
    host.resize(width, max(height, host.sizeHint().height()))
    QApplication.processEvents()


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_result_panel(qtbot, folder: Path, name: str):
    host, panel = panel_in_host(qtbot)
    panel.show_result(RESULTS[name])
    fit(host, PANEL_WIDTH)
    save(panel, folder, f"result-{name}")
    assert cut_off(panel) == []


def test_result_panel_idle(qtbot, folder: Path):
    host, panel = panel_in_host(qtbot)
    fit(host, PANEL_WIDTH)
    save(panel, folder, "result-idle")
    assert cut_off(panel) == []


def test_result_panel_given_more_height_centres_its_content(qtbot, folder: Path):
    host, panel = panel_in_host(qtbot)
    panel.show_result(RESULTS["confirmed"])
    host.resize(PANEL_WIDTH, 420)
    save(panel, folder, "result-tall")
    assert cut_off(panel) == []
    headline = panel.findChild(QLabel, "checkinResultHeadline")
    assert headline is not None
    assert headline.y() > 60  # not stuck to the top of a tall panel


def test_result_panel_narrow_wraps_instead_of_cutting(qtbot, folder: Path):
    host, panel = panel_in_host(qtbot)
    panel.show_result(RESULTS["already"])
    fit(host, 480)
    save(panel, folder, "result-narrow")
    assert cut_off(panel) == []


def test_result_panel_at_twice_the_font_size(qtbot, folder: Path):
    original = QApplication.font()
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 2)
    QApplication.setFont(bigger)
    try:
        host, panel = panel_in_host(qtbot)
        panel.show_result(RESULTS["confirmed"])
        fit(host, PANEL_WIDTH * 2)
        save(panel, folder, "result-2x")
        assert cut_off(panel) == []
    finally:
        QApplication.setFont(original)


@pytest.mark.parametrize("name", ["confirmed", "already", "not_registered"])
def test_result_panel_high_contrast(
    qtbot, folder: Path, monkeypatch: pytest.MonkeyPatch, name: str
):
    monkeypatch.setattr(result_panel, "prefers_high_contrast", lambda: True)
    dark = QPalette(QColor("#000000"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#000000"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
    host, panel = panel_in_host(qtbot, palette=dark)
    panel.show_result(RESULTS[name])
    fit(host, PANEL_WIDTH)
    save(panel, folder, f"result-high-contrast-{name}")
    assert cut_off(panel) == []


def test_counter(qtbot, folder: Path):
    counter = CheckinCounter()
    qtbot.addWidget(counter)
    counter.set_counts(412, 600)
    counter.set_waiting(3)
    counter.set_requests(240, 1000, "next refresh in 4 min")
    counter.show()
    fit(counter, 420)
    save(counter, folder, "counter")
    assert cut_off(counter) == []


def test_recent_list(qtbot, folder: Path):
    recent = RecentCheckins()
    qtbot.addWidget(recent)
    names = [
        "Müller & Söhne GmbH (Jürgen Müller)",
        "Bäckerei Özdemir (Ayşe Özdemir)",
        "Straßenbau Weiß & Partner Kommanditgesellschaft (Björn-Friedrich Weiß)",
        "Ärztekammer Nordrhein (Dr. Günther Schäfer)",
    ]
    for number in range(22):
        recent.add(f"op-{number}", NOW - timedelta(minutes=40 - number), names[number % 4], "sent")
    recent.set_state("op-21", "waiting")
    recent.set_state("op-20", "failed", "422: The participant was removed from the event.")
    recent.set_state("op-19", "undone")
    recent.resize(480, 300)
    recent.show()
    qtbot.waitExposed(recent)
    save(recent, folder, "recent")


def test_arrivals_chart(qtbot, folder: Path):
    chart = ArrivalsChart(now=lambda: NOW)
    qtbot.addWidget(chart)
    rng = random.Random(4)
    chart.set_arrivals([NOW - timedelta(minutes=rng.triangular(0, 235, 25)) for _ in range(420)])
    chart.resize(chart.sizeHint())
    chart.show()
    qtbot.waitExposed(chart)
    save(chart, folder, "chart")
    assert chart.summary().endswith("in the last hour")


def pin_dialog_scenes() -> dict[str, Callable[[PinDialog, list[float]], None]]:
    def typed(dialog: PinDialog, clock: list[float]) -> None:
        dialog.press("2")
        dialog.press("4")

    def wrong(dialog: PinDialog, clock: list[float]) -> None:
        dialog.field.setText("1111")
        dialog.submit()

    def locked(dialog: PinDialog, clock: list[float]) -> None:
        for _ in range(3):
            wrong(dialog, clock)
        clock[0] += 3.2
        dialog.submit()  # a try while locked only refreshes the countdown

    return {"typed": typed, "wrong": wrong, "locked": locked}


@pytest.mark.parametrize("scene", sorted(pin_dialog_scenes()))
def test_pin_dialog(qtbot, folder: Path, scene: str):
    clock = [0.0]
    dialog = PinDialog(
        None,
        stored_hash=hash_pin("2468", iterations=1_000),
        purpose="Enter the desk PIN to leave kiosk mode",
        lockout=PinLockout(clock=lambda: clock[0]),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.sizeHint())
    pin_dialog_scenes()[scene](dialog, clock)
    QApplication.processEvents()
    save(dialog, folder, f"pin-{scene}")
    assert cut_off(dialog) == []


def test_set_pin_dialog(qtbot, folder: Path):
    dialog = SetPinDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.sizeHint())
    dialog.first.setText("1234")
    dialog.second.setText("1243")
    save(dialog, folder, "set-pin")
    assert cut_off(dialog) == []
