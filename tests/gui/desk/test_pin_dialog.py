"""Kiosk PIN dialogs: the number pad, Enter/Esc, the lockout countdown, setting a new PIN."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton

from app.pin import PinLockout, hash_pin, verify_pin
from app.ui.desk import pin_dialog
from app.ui.desk.pin_dialog import PinDialog, SetPinDialog
from tests.gui.desk.desk_samples import run_modal

PIN = "2468"
STORED = hash_pin(PIN, iterations=1_000)
PURPOSE = "Enter the desk PIN to leave kiosk mode"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def lockout(clock: Clock) -> PinLockout:
    return PinLockout(clock=clock)


@pytest.fixture
def dialog(qtbot, lockout: PinLockout) -> Iterator[PinDialog]:
    widget = PinDialog(None, stored_hash=STORED, purpose=PURPOSE, lockout=lockout)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


def tap(qtbot, dialog: PinDialog, keys: str) -> None:
    """Tap digits on the on-screen pad, as a finger would."""
    for key in keys:
        button = dialog.findChild(QPushButton, f"pinKey{key}")
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wrong_try(qtbot, dialog: PinDialog) -> None:
    qtbot.keyClicks(dialog.field, "1111")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def test_layout_and_names(dialog: PinDialog):
    assert dialog.objectName() == "pinDialog"
    assert dialog.purpose_label.text() == PURPOSE
    assert dialog.field.echoMode() is QLineEdit.EchoMode.Password
    names = {button.objectName() for button in dialog.findChildren(QPushButton)}
    assert {f"pinKey{digit}" for digit in "0123456789"} <= names
    assert {"pinKeyBack", "pinKeyOk", "pinCancel"} <= names
    for button in dialog.findChildren(QPushButton):
        assert button.accessibleName(), button.objectName()
    key = dialog.pad_buttons["5"]
    # A fingertip target: clearly larger than a normal button.
    assert key.height() >= 2 * dialog.cancel_button.sizeHint().height()


def test_the_right_pin_on_the_pad_accepts(qtbot, dialog: PinDialog, lockout: PinLockout):
    tap(qtbot, dialog, PIN)
    assert dialog.field.text() == PIN
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.pad_buttons["ok"], Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_backspace_on_the_pad(qtbot, dialog: PinDialog):
    tap(qtbot, dialog, "249")
    qtbot.mouseClick(dialog.pad_buttons["back"], Qt.MouseButton.LeftButton)
    tap(qtbot, dialog, "68")
    assert dialog.field.text() == PIN


def test_typed_pin_and_enter_accepts(qtbot, dialog: PinDialog):
    qtbot.keyClicks(dialog.field, PIN)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def test_only_digits_can_be_typed(qtbot, dialog: PinDialog):
    qtbot.keyClicks(dialog.field, "2a4b6c8")
    assert dialog.field.text() == PIN


def test_escape_rejects(qtbot, dialog: PinDialog):
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)


def test_wrong_pin_says_how_many_tries_are_left(qtbot, dialog: PinDialog):
    wrong_try(qtbot, dialog)
    assert dialog.message.text() == "Wrong PIN. 2 tries left."
    assert dialog.field.text() == ""
    assert dialog.isVisible()
    wrong_try(qtbot, dialog)
    assert dialog.message.text() == "Wrong PIN. 1 try left."


def test_three_wrong_tries_lock_for_thirty_seconds_with_a_countdown(
    qtbot, dialog: PinDialog, clock: Clock
):
    for _ in range(3):
        wrong_try(qtbot, dialog)
    assert dialog.message.text() == "Too many wrong tries. Try again in 30 seconds."
    assert not dialog.field.isEnabled()
    assert not dialog.pad_buttons["1"].isEnabled()
    assert dialog.cancel_button.isEnabled()  # leaving is always possible

    countdown = dialog.findChild(QTimer, "pinCountdown")
    assert countdown is not None
    assert countdown.isActive()
    clock.now += 10.4
    countdown.timeout.emit()
    assert dialog.message.text() == "Too many wrong tries. Try again in 20 seconds."
    clock.now += 18.8
    countdown.timeout.emit()
    assert dialog.message.text() == "Too many wrong tries. Try again in 1 second."

    # Even the right PIN is refused while locked (typed via the API: the field is disabled).
    dialog.field.setText(PIN)
    dialog.submit()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.isVisible()

    clock.now += 1.0
    countdown.timeout.emit()
    assert not countdown.isActive()
    assert dialog.field.isEnabled()
    assert dialog.message.text() == ""
    dialog.field.setText(PIN)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)


def test_the_lockout_survives_closing_and_reopening(
    qtbot, dialog: PinDialog, lockout: PinLockout, clock: Clock
):
    for _ in range(3):
        wrong_try(qtbot, dialog)
    dialog.reject()
    clock.now += 5
    again = PinDialog(None, stored_hash=STORED, purpose=PURPOSE, lockout=lockout)
    qtbot.addWidget(again)
    assert not again.field.isEnabled()
    assert again.message.text() == "Too many wrong tries. Try again in 25 seconds."


def test_ask_returns_true_only_for_the_right_pin(qtbot, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pin_dialog, "_shared_lockout", PinLockout(clock=Clock()))

    def right(dialog: QDialog) -> None:
        assert isinstance(dialog, PinDialog)
        assert dialog.purpose_label.text() == PURPOSE
        dialog.field.setText(PIN)
        dialog.submit()

    def wrong_then_cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, PinDialog)
        dialog.field.setText("1357")
        dialog.submit()
        assert dialog.isVisible()
        dialog.reject()

    assert run_modal(lambda: PinDialog.ask(None, stored_hash=STORED, purpose=PURPOSE), right)
    assert not run_modal(
        lambda: PinDialog.ask(None, stored_hash=STORED, purpose=PURPOSE), wrong_then_cancel
    )


def test_ask_with_no_pin_set_refuses_without_asking(qtbot):
    assert not PinDialog.ask(None, stored_hash="", purpose=PURPOSE)  # would hang if it asked


def test_a_malformed_stored_hash_never_accepts(qtbot, lockout: PinLockout):
    widget = PinDialog(None, stored_hash="garbage", purpose=PURPOSE, lockout=lockout)
    qtbot.addWidget(widget)
    widget.field.setText(PIN)
    widget.submit()
    assert widget.result() != QDialog.DialogCode.Accepted


# -- setting a PIN ---------------------------------------------------------------------------


@pytest.fixture
def set_dialog(qtbot) -> Iterator[SetPinDialog]:
    widget = SetPinDialog(None)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


def test_set_pin_needs_a_valid_pin_twice(qtbot, set_dialog: SetPinDialog):
    assert set_dialog.objectName() == "setPinDialog"
    assert not set_dialog.ok_button.isEnabled()
    qtbot.keyClicks(set_dialog.first, "12")
    assert set_dialog.message.text() == "Use 4 to 12 digits."
    assert not set_dialog.ok_button.isEnabled()
    qtbot.keyClicks(set_dialog.first, "34")
    assert set_dialog.message.text() == ""
    qtbot.keyClicks(set_dialog.second, "12")
    assert set_dialog.message.text() == ""  # still typing the same PIN
    qtbot.keyClicks(set_dialog.second, "43")
    assert set_dialog.message.text() == "The two PINs differ."
    assert not set_dialog.ok_button.isEnabled()
    set_dialog.second.setText("1234")
    assert set_dialog.ok_button.isEnabled()
    set_dialog.accept()
    stored = set_dialog.pin_hash()
    assert stored is not None
    assert verify_pin("1234", stored)
    assert set_dialog.first.text() == ""  # the PIN itself is not kept around


def test_set_pin_refuses_to_accept_invalid_input(set_dialog: SetPinDialog):
    set_dialog.first.setText("123")
    set_dialog.second.setText("123")
    set_dialog.accept()
    assert set_dialog.result() != QDialog.DialogCode.Accepted
    assert set_dialog.pin_hash() is None


def test_set_pin_fields_take_digits_only(qtbot, set_dialog: SetPinDialog):
    qtbot.keyClicks(set_dialog.first, "12ab34")
    assert set_dialog.first.text() == "1234"
    assert set_dialog.first.echoMode() is QLineEdit.EchoMode.Password


def test_set_pin_ask_returns_the_hash_or_none(qtbot):
    def enter(dialog: QDialog) -> None:
        assert isinstance(dialog, SetPinDialog)
        dialog.first.setText("97531")
        dialog.second.setText("97531")
        dialog.ok_button.click()

    stored = run_modal(lambda: SetPinDialog.ask(None), enter)
    assert stored is not None
    assert stored.startswith("pbkdf2_sha256$")
    assert verify_pin("97531", stored)
    assert run_modal(lambda: SetPinDialog.ask(None), lambda dialog: dialog.reject()) is None
