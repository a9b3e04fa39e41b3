"""Scans during a dialog are taken out and queued; typing reaches the dialog; stray keys return."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QListWidget, QVBoxLayout, QWidget

from app.ui.desk.scan_guard import ScannerGuard
from app.ui.desk.scan_input import ScanInput


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


class Desk(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.input = ScanInput(self)
        self.recent = QListWidget(self)
        self.recent.addItem("Müller & Söhne GmbH")
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.recent)


def activate(qtbot, widget: QWidget, focus: QWidget) -> None:
    widget.show()
    widget.activateWindow()
    handle = widget.windowHandle()
    if handle is not None:
        handle.requestActivate()
    focus.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is focus)


@pytest.fixture
def desk(qtbot):
    window = Desk()
    qtbot.addWidget(window)
    clock = Clock()
    guard = ScannerGuard(window, window.input, clock=clock)
    guard.install()
    yield window, guard, clock
    guard.remove()


def send_keys(qtbot, widget: QWidget, clock: Clock, text: str, gap: float) -> None:
    for char in text:
        clock.now += gap
        qtbot.keyClick(widget, char)


def open_dialog(qtbot, parent: QWidget) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog(parent)
    dialog.setModal(True)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    activate(qtbot, dialog, field)
    assert QApplication.activeModalWidget() is dialog
    return dialog, field


def test_a_scan_with_enter_during_a_dialog_is_queued_not_typed(qtbot, desk):
    window, guard, clock = desk
    activate(qtbot, window, window.input)
    dialog, field = open_dialog(qtbot, window)
    with qtbot.waitSignal(guard.scan_captured) as captured:
        send_keys(qtbot, field, clock, "10001", gap=0.004)
        clock.now += 0.004
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert captured.args == ["10001"]
    assert field.text() == ""
    assert dialog.isVisible()  # the Enter did not accept the dialog
    dialog.close()


def test_a_scan_without_enter_during_a_dialog_is_queued_after_the_burst(qtbot, desk):
    window, guard, clock = desk
    activate(qtbot, window, window.input)
    dialog, field = open_dialog(qtbot, window)
    with qtbot.waitSignal(guard.scan_captured, timeout=2000) as captured:
        send_keys(qtbot, field, clock, "K-4711", gap=0.003)
    assert captured.args == ["K-4711"]
    assert field.text() == ""
    dialog.close()


def test_a_person_typing_into_the_dialog_gets_every_key(qtbot, desk):
    window, guard, clock = desk
    activate(qtbot, window, window.input)
    dialog, field = open_dialog(qtbot, window)
    captured: list[str] = []
    guard.scan_captured.connect(captured.append)
    for char in "Joerg":  # (qtbot.keyClick cannot type non-ASCII characters)
        with qtbot.waitSignal(guard._release.timeout, timeout=2000):
            clock.now += 0.2
            qtbot.keyClick(field, char)
    assert field.text() == "Joerg"
    assert captured == []
    dialog.close()


def test_a_stray_key_in_the_desk_window_goes_back_to_the_input(qtbot, desk):
    window, _guard, _clock = desk
    activate(qtbot, window, window.recent)
    qtbot.keyClick(window.recent, "7")
    assert window.input.text() == "7"
    assert QApplication.focusWidget() is window.input
