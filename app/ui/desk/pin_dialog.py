"""The kiosk PIN: asking for it (with a touch number pad and a lockout) and setting a new one."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.pin import MAX_DIGITS, MIN_DIGITS, PinLockout, hash_pin, valid_pin, verify_pin
from app.ui.desk.result_panel import scaled_font

FIELD_SCALE = 2.0
PAD_SCALE = 1.6
PAD_KEY_LINES = 2.6  # a pad key is this many text lines high: a comfortable fingertip target
PAD_KEY_ASPECT = 1.5  # and this much wider than high
MESSAGE_SCALE = 1.2

# One lockout for the whole process: closing the dialog must not reset the wrong tries.
_shared_lockout = PinLockout()


def _digits_validator(parent: QWidget) -> QRegularExpressionValidator:
    return QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{MAX_DIGITS}}}"), parent)


def _pin_field(parent: QWidget, name: str, accessible: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setAccessibleName(accessible)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setValidator(_digits_validator(field))
    field.setMaxLength(MAX_DIGITS)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
    )
    field.setAlignment(Qt.AlignmentFlag.AlignCenter)
    field.setFont(scaled_font(field.font(), FIELD_SCALE))
    return field


class PinDialog(QDialog):
    """Asks for the desk PIN; three wrong tries lock it for 30 seconds (shown as a countdown)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        stored_hash: str,
        purpose: str,
        lockout: PinLockout | None = None,
        verify: Callable[[str, str], bool] = verify_pin,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("Desk PIN"))
        self.setAccessibleName(self.tr("Desk PIN"))
        self.setAccessibleDescription(purpose)
        self._stored = stored_hash
        self._lockout = lockout if lockout is not None else _shared_lockout
        self._verify = verify

        self.purpose_label = QLabel(purpose, self)
        self.purpose_label.setObjectName("pinPurpose")
        self.purpose_label.setAccessibleName(purpose)
        self.purpose_label.setWordWrap(True)
        self.purpose_label.setFont(scaled_font(self.font(), 1.3, bold=True))
        self.field = _pin_field(self, "pinField", self.tr("PIN"))
        self.message = QLabel(self)
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setFont(scaled_font(self.font(), MESSAGE_SCALE, bold=True))
        # Room for two lines from the start, so a message never squeezes the number pad.
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2 + 4)

        self._pad = QWidget(self)
        self._pad.setObjectName("pinPad")
        self._pad.setAccessibleName(self.tr("Number pad"))
        self.pad_buttons: dict[str, QPushButton] = {}
        self._build_pad()

        self.buttons = QDialogButtonBox(self)
        self.buttons.setObjectName("pinButtons")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("pinCancel")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.purpose_label)
        layout.addWidget(self.field)
        layout.addWidget(self.message)
        layout.addWidget(self._pad)
        layout.addWidget(self.buttons)

        self._countdown = QTimer(self)
        self._countdown.setObjectName("pinCountdown")
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.field.setFocus()
        self._tick()

    @classmethod
    def ask(cls, parent: QWidget | None, *, stored_hash: str, purpose: str) -> bool:
        """True only if the right PIN was entered.

        With no PIN set (empty ``stored_hash``) there is no right PIN: False, without asking.
        What "no PIN" allows is the caller's decision, made before asking.
        """
        if not stored_hash:
            return False
        dialog = cls(parent, stored_hash=stored_hash, purpose=purpose)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    # -- actions -------------------------------------------------------------------------------

    def submit(self) -> None:
        """Check the PIN typed: accept when right, count a wrong try otherwise."""
        if self._lockout.locked():
            self._tick()
            return
        pin = self.field.text()
        if not pin:
            return
        if self._verify(pin, self._stored):
            self._lockout.record_success()
            self.accept()
            return
        self._lockout.record_failure()
        self.field.clear()
        if self._lockout.locked():
            self._tick()
            return
        left = self._lockout.tries_left()
        text = (
            self.tr("Wrong PIN. 1 try left.")
            if left == 1
            else self.tr("Wrong PIN. %n tries left.", "", left)
        )
        self._say(text)

    def press(self, key: str) -> None:
        """A number pad key: a digit, "back" or "ok"."""
        if key == "ok":
            self.submit()
        elif key == "back":
            self.field.backspace()
        elif key.isdigit() and len(self.field.text()) < MAX_DIGITS:
            # Append, even if focus handling selected the digits (insert would replace them).
            self.field.deselect()
            self.field.end(False)
            self.field.insert(key)
        self.field.setFocus()

    # -- Qt overrides --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter submits, from the field (which passes it on) or from a focused pad key."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    # -- internals -----------------------------------------------------------------------------

    def _build_pad(self) -> None:
        grid = QGridLayout(self._pad)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"]
        labels = {"back": "⌫", "ok": self.tr("OK")}
        accessible = {"back": self.tr("Delete last digit"), "ok": self.tr("OK")}
        font = scaled_font(self.font(), PAD_SCALE, bold=True)
        for index, key in enumerate(keys):
            button = QPushButton(labels.get(key, key), self._pad)
            button.setObjectName(f"pinKey{key.capitalize()}")
            button.setAccessibleName(accessible.get(key, key))
            button.setFont(font)
            button.setAutoDefault(False)  # Enter belongs to the field, not to a focused key
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            side = round(button.fontMetrics().height() * PAD_KEY_LINES)
            button.setMinimumSize(QSize(round(side * PAD_KEY_ASPECT), side))
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(button, index // 3, index % 3)
            self.pad_buttons[key] = button

    def _tick(self) -> None:
        """Show the lockout countdown, or unlock when it is over."""
        seconds = self._lockout.seconds_left()
        locked = seconds > 0
        self.field.setEnabled(not locked)
        self._pad.setEnabled(not locked)
        if locked:
            if not self._countdown.isActive():
                self._countdown.start()
            left = math.ceil(seconds)
            self._say(
                self.tr("Too many wrong tries. Try again in 1 second.")
                if left == 1
                else self.tr("Too many wrong tries. Try again in %n seconds.", "", left)
            )
        else:
            self._countdown.stop()
            if self.message.property("lockout"):
                self._say("")
                self.field.setFocus()
        self.message.setProperty("lockout", locked)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)


class SetPinDialog(QDialog):
    """Asks for a new desk PIN twice; returns its hash."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setPinDialog")
        self.setWindowTitle(self.tr("Set the desk PIN"))
        self.setAccessibleName(self.tr("Set the desk PIN"))
        intro = QLabel(
            self.tr(
                "The PIN protects kiosk mode: it is asked for to leave it or change its "
                "settings. Use %1 to %2 digits."
            )
            .replace("%1", str(MIN_DIGITS))
            .replace("%2", str(MAX_DIGITS)),
            self,
        )
        intro.setObjectName("setPinIntro")
        intro.setAccessibleName(intro.text())
        intro.setWordWrap(True)
        self.first = _pin_field(self, "setPinFirst", self.tr("New PIN"))
        self.second = _pin_field(self, "setPinSecond", self.tr("Repeat the new PIN"))
        self.message = QLabel(self)
        self.message.setObjectName("setPinMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("setPinButtons")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert ok is not None
        assert cancel is not None
        self.ok_button = ok
        self.ok_button.setObjectName("setPinOk")
        self.ok_button.setText(self.tr("Set PIN"))
        self.ok_button.setAccessibleName(self.tr("Set PIN"))
        cancel.setObjectName("setPinCancel")
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("New PIN:"), self.first)
        form.addRow(self.tr("Repeat:"), self.second)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._validate)
        self.second.textChanged.connect(self._validate)
        self._hash: str | None = None
        self._validate()

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        """The hash of the new PIN (see :func:`app.pin.hash_pin`), or None if cancelled."""
        dialog = cls(parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.pin_hash()
        finally:
            dialog.deleteLater()

    def pin_hash(self) -> str | None:
        """The new PIN's hash once accepted."""
        return self._hash

    def accept(self) -> None:
        """Hash the PIN (never keep it) and close; refused while the entries are not valid."""
        if self._problem() is not None:
            return
        self._hash = hash_pin(self.first.text())
        self.first.clear()
        self.second.clear()
        super().accept()

    def _problem(self) -> str | None:
        first, second = self.first.text(), self.second.text()
        if not valid_pin(first):
            return (
                self.tr("Use %1 to %2 digits.")
                .replace("%1", str(MIN_DIGITS))
                .replace("%2", str(MAX_DIGITS))
            )
        if first != second:
            return self.tr("The two PINs differ.")
        return None

    def _validate(self) -> None:
        first, second = self.first.text(), self.second.text()
        shown = ""
        if first and not valid_pin(first):
            shown = self._problem() or ""
        elif second and second != first and not first.startswith(second):
            # A prefix of the first PIN is still being typed; anything else is a mismatch.
            shown = self.tr("The two PINs differ.")
        self.message.setText(shown)
        self.message.setAccessibleName(shown)
        self.ok_button.setEnabled(self._problem() is None)
