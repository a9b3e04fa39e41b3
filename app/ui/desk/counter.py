"""The desk's counts: how many are in, what still waits to be sent, the hourly request budget."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtWidgets import QLabel, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from app.ui.desk.result_panel import scaled_font

COUNT_SCALE = 1.6  # the main count is read from a distance too, a little less than the result


class CheckinCounter(QWidget):
    """ "412 of 600 confirmed" with a progress bar, the send queue and the request budget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinCounter")
        self.setAccessibleName(self.tr("Check-in counts"))
        self._confirmed = 0
        self._total = 0
        self._waiting = 0
        self._used = 0
        self._limit: int | None = None

        self._count = QLabel(self)
        self._count.setObjectName("checkinCounterConfirmed")
        self._bar = QProgressBar(self)
        self._bar.setObjectName("checkinCounterProgress")
        self._bar.setAccessibleName(self.tr("Share of participants confirmed"))
        self._bar.setTextVisible(True)
        self._bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._waiting_label = QLabel(self)
        self._waiting_label.setObjectName("checkinCounterWaiting")
        self._requests = QLabel(self)
        self._requests.setObjectName("checkinCounterRequests")
        for label in (self._count, self._waiting_label, self._requests):
            label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._count)
        layout.addWidget(self._bar)
        layout.addWidget(self._waiting_label)
        layout.addWidget(self._requests)
        layout.addStretch(1)  # extra height goes below, not between the lines

        self._apply_font()
        self.set_counts(0, 0)
        self.set_waiting(0)
        self.set_requests(0, None)

    # -- public API --------------------------------------------------------------------------

    @property
    def confirmed_text(self) -> str:
        """The count line, e.g. "412 of 600 confirmed"."""
        return self._count.text()

    @property
    def waiting_text(self) -> str:
        """The queue line, e.g. "3 check-ins waiting to be sent"."""
        return self._waiting_label.text()

    @property
    def requests_text(self) -> str:
        """The budget line, e.g. "240 of 1,000 requests used this hour"."""
        return self._requests.text()

    def progress(self) -> QProgressBar:
        """The progress bar (for tests and the window's layout)."""
        return self._bar

    def set_counts(self, confirmed: int, total: int) -> None:
        """Show ``confirmed`` of ``total`` participants as confirmed."""
        self._confirmed, self._total = max(confirmed, 0), max(total, 0)
        locale = QLocale()
        text = (
            self.tr("%1 of %2 confirmed")
            .replace("%1", locale.toString(self._confirmed))
            .replace("%2", locale.toString(self._total))
        )
        self._count.setText(text)
        self._count.setAccessibleName(text)
        # A maximum of 0 turns the bar into a busy indicator; an empty event is simply 0 %.
        self._bar.setRange(0, max(self._total, 1))
        self._bar.setValue(min(self._confirmed, max(self._total, 1)))
        self._bar.setAccessibleDescription(text)

    def set_waiting(self, n: int) -> None:
        """Show how many check-ins wait in the outbox to be sent."""
        self._waiting = max(n, 0)
        if self._waiting == 0:
            text = self.tr("All check-ins sent")
        elif self._waiting == 1:
            text = self.tr("%Ln check-in waiting to be sent", "", self._waiting)
        else:
            text = self.tr("%Ln check-ins waiting to be sent", "", self._waiting)
        self._waiting_label.setText(text)
        self._waiting_label.setAccessibleName(text)

    def set_requests(self, used: int, limit: int | None, note: str = "") -> None:
        """Show the requests used this hour against ``limit`` (None: unknown); ``note`` as tip."""
        self._used, self._limit = max(used, 0), limit
        locale = QLocale()
        if limit is None:
            text = self.tr("%1 requests used this hour").replace("%1", locale.toString(self._used))
        else:
            text = (
                self.tr("%1 of %2 requests used this hour")
                .replace("%1", locale.toString(self._used))
                .replace("%2", locale.toString(limit))
            )
        self._requests.setText(text)
        self._requests.setToolTip(note)
        self._requests.setAccessibleName(text)
        self._requests.setAccessibleDescription(note)

    # -- internals ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Keep the large count relative to the (possibly changed) application font."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()

    def _apply_font(self) -> None:
        self._count.setFont(scaled_font(self.font(), COUNT_SCALE, bold=True))
