"""Scans arrive with or without Enter; typing is never mistaken for a scan."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.desk.scan_input import ScanInput, is_burst


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def type_slowly(qtbot, field: ScanInput, clock: Clock, text: str, gap: float) -> None:
    for char in text:
        clock.now += gap
        qtbot.keyClick(field, char)


def test_a_scan_ending_with_enter_is_submitted_and_the_field_cleared(qtbot):
    field = ScanInput()
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.submitted) as submitted:
        qtbot.keyClicks(field, "10001")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert submitted.args == ["10001"]
    assert field.text() == ""


def test_a_scanner_without_enter_is_completed_after_the_burst(qtbot):
    clock = Clock()
    field = ScanInput(clock=clock)
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.submitted, timeout=2000) as submitted:
        type_slowly(qtbot, field, clock, "K-1234", gap=0.004)  # a scanner: ~4 ms per key
    assert submitted.args == ["K-1234"]


def test_a_person_typing_is_not_submitted_without_enter(qtbot):
    clock = Clock()
    field = ScanInput(clock=clock)
    qtbot.addWidget(field)
    submitted: list[str] = []
    field.submitted.connect(submitted.append)
    with qtbot.waitSignal(field._idle.timeout, timeout=2000):  # the pause after typing
        type_slowly(qtbot, field, clock, "muller", gap=0.15)
    assert submitted == []
    assert field.text() == "muller"


def test_arrows_move_a_pick_list_and_escape_clears(qtbot):
    field = ScanInput()
    qtbot.addWidget(field)
    moves: list[int] = []
    field.navigated.connect(moves.append)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert moves == [1, 1, -1]
    qtbot.keyClicks(field, "abc")
    with qtbot.waitSignal(field.cancelled):
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == ""


def test_burst_detection():
    assert is_burst([0.0, 0.005, 0.01, 0.02, 0.03])
    assert not is_burst([0.0, 0.005, 0.2, 0.21])
    assert not is_burst([0.0, 0.001, 0.002])  # too short to be a code
