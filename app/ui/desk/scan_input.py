"""The desk's one large input: scanner codes and typed names, with or without Enter."""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

# A keyboard-wedge scanner types a code in one burst: a few milliseconds between keys.
# People type 60-200 ms apart; a burst of at least MIN_SCAN_LENGTH keys, each within
# BURST_GAP_SECONDS of the previous, followed by a pause of IDLE_MS, is a scan without Enter.
BURST_GAP_SECONDS = 0.035
MIN_SCAN_LENGTH = 4
IDLE_MS = 150


def is_burst(times: list[float], gap: float = BURST_GAP_SECONDS) -> bool:
    """Whether key times came as a scanner burst."""
    if len(times) < MIN_SCAN_LENGTH:
        return False
    return all(later - earlier <= gap for earlier, later in pairwise(times))


class ScanInput(QLineEdit):
    """Takes a scan (Enter, or a burst then a pause) or typed text; arrows move a pick list."""

    submitted = Signal(str)  # a complete code or search text
    navigated = Signal(int)  # -1 up, +1 down (in a pick list)
    cancelled = Signal()  # Escape

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkinInput")
        self.setAccessibleName(self.tr("Scan a badge or type a name"))
        self.setPlaceholderText(self.tr("Scan a badge or type a name, then Enter"))
        self.setClearButtonEnabled(True)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)  # relative: follows the system size
        self.setFont(font)
        self._clock = clock
        self._times: list[float] = []
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self._on_idle)
        self.textChanged.connect(self._forget_times_when_empty)

    def event(self, event: QEvent) -> bool:
        # A line edit claims Ctrl+Z for its own text; here it means "undo the last check-in",
        # the window's shortcut, so the field lets it through.
        override = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if override and (
            event.matches(QKeySequence.StandardKey.Undo)  # type: ignore[attr-defined]
            or event.matches(QKeySequence.StandardKey.Redo)  # type: ignore[attr-defined]
        ):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
            return
        if key == Qt.Key.Key_Up:
            self.navigated.emit(-1)
            return
        if key == Qt.Key.Key_Down:
            self.navigated.emit(1)
            return
        if key == Qt.Key.Key_Escape:
            self.clear()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
        if event.text() and event.text().isprintable():
            self._times.append(self._clock())
            self._idle.start()

    def take_scan(self, code: str) -> None:
        """A scan captured elsewhere (e.g. while a dialog was open) is handled as if typed."""
        self.setText(code)
        self._submit()

    def _submit(self) -> None:
        self._idle.stop()
        text = self.text().strip()
        self.clear()
        self._times = []
        self.submitted.emit(text)

    def _on_idle(self) -> None:
        # Scanners configured without an Enter suffix: complete the code after the burst.
        if is_burst(self._times) and len(self.text().strip()) >= MIN_SCAN_LENGTH:
            self._submit()

    def _forget_times_when_empty(self, text: str) -> None:
        if not text:
            self._times = []
