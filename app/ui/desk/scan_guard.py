"""Keeps scans flowing to the desk input: stray keys go back to it, scans during dialogs wait.

A keyboard-wedge scanner types into whatever has focus. While the desk is open, this filter
(installed on the application) sends printable keys that land elsewhere in the desk window
back to the input, and, while a dialog is open over the desk, holds keystrokes for a few
milliseconds: a fast burst (a scan) is taken out and queued for the desk; anything slower
(a person typing into the dialog) is passed on unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget

from app.ui.desk.scan_input import BURST_GAP_SECONDS, ScanInput, is_burst

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


def _is_typing(event: QKeyEvent) -> bool:
    """Printable text without Ctrl/Alt/Meta (those are shortcuts, never scanner input)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
    text = event.text()
    plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
    return bool(text) and text.isprintable() and plain


class ScannerGuard(QObject):
    """Application-wide key filter for one desk window and its input."""

    scan_captured = Signal(str)  # a scan taken out of a dialog's keystrokes

    def __init__(
        self,
        desk_window: QWidget,
        scan_input: ScanInput,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(desk_window)
        self._window = desk_window
        self._input = scan_input
        self._clock = clock
        self._held: list[tuple[QObject, QKeyEvent, float]] = []
        self._replaying = False
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setInterval(int(BURST_GAP_SECONDS * 1000))
        self._release.timeout.connect(self._on_pause)

    def install(self) -> None:
        """Start filtering (while the desk window is open)."""
        QCoreApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def remove(self) -> None:
        """Stop filtering."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._replay()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if watched is not QApplication.focusWidget() or watched is self._input:
            return False  # the event propagates to parents too: look at it once
        assert isinstance(event, QKeyEvent)
        modal = QApplication.activeModalWidget()
        if modal is not None and self._window.isVisible():
            return self._hold(watched, event)
        if isinstance(watched, QWidget) and watched.window() is self._window:
            return self._redirect(watched, event)
        return False

    # -- stray keys in the desk window ---------------------------------------------------------

    def _redirect(self, watched: QWidget, event: QKeyEvent) -> bool:
        if isinstance(watched, QLineEdit | QAbstractSpinBox | QComboBox):
            return False  # a field of the desk's own (settings) takes its keys
        if not _is_typing(event):
            return False
        self._input.setFocus(Qt.FocusReason.OtherFocusReason)
        QCoreApplication.sendEvent(self._input, _copy(event))
        return True

    # -- scans while a dialog is open ----------------------------------------------------------

    def _hold(self, watched: QObject, event: QKeyEvent) -> bool:
        now = self._clock()
        if event.key() in ENTER_KEYS and self._held:
            if self._held_is_scan(now):
                self._capture()
                return True  # the Enter ends the scan; the dialog never sees it
            self._replay()
            return False  # a person pressed Enter: the dialog gets it after their typing
        if not _is_typing(event):
            self._replay()
            return False
        self._held.append((watched, _copy(event), now))
        self._release.start()
        return True

    def _held_is_scan(self, now: float) -> bool:
        times = [at for _, _, at in self._held] + [now]
        return is_burst(times)

    def _on_pause(self) -> None:
        # A burst without Enter ended (scanner without suffix), or a person is typing.
        if is_burst([at for _, _, at in self._held]):
            self._capture()
        else:
            self._replay()

    def _capture(self) -> None:
        self._release.stop()
        code = "".join(event.text() for _, event, _ in self._held).strip()
        self._held = []
        if code:
            self.scan_captured.emit(code)

    def _replay(self) -> None:
        self._release.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for receiver, event, _ in held:
                QCoreApplication.sendEvent(receiver, event)
        finally:
            self._replaying = False
