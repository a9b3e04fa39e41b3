"""A small bar chart of arrivals per quarter hour over the last hours, painted by hand."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

BUCKET = timedelta(minutes=15)
BUCKETS = 16  # four hours of quarters, the current one last
REFRESH_MS = 60_000  # "now" moves on: redraw and re-summarise once a minute


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _local(time: datetime) -> datetime:
    # Naive times are taken as local time, aware ones converted to it: one axis for both.
    return time.astimezone()


def quarter_start(time: datetime) -> datetime:
    """The start of the quarter hour that ``time`` falls into."""
    return time.replace(minute=time.minute - time.minute % 15, second=0, microsecond=0)


class ArrivalsChart(QWidget):
    """Arrivals per 15 minutes for the last four hours; the current quarter highlighted.

    The tooltip and accessible description summarise it in words, e.g. "38 arrivals in the
    last 15 minutes, 212 in the last hour".
    """

    def __init__(
        self, parent: QWidget | None = None, *, now: Callable[[], datetime] = _local_now
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkinArrivals")
        self.setAccessibleName(self.tr("Arrivals per 15 minutes"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._now = now
        self._times: list[datetime] = []  # sorted, local time
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    # -- public API --------------------------------------------------------------------------

    def set_arrivals(self, times: Sequence[datetime]) -> None:
        """Replace all arrivals (e.g. the confirmation times of everybody already in)."""
        self._times = sorted(_local(time) for time in times)
        self.refresh()

    def add_arrival(self, time: datetime) -> None:
        """Count one more arrival."""
        bisect.insort(self._times, _local(time))
        self.refresh()

    def counts(self) -> list[tuple[datetime, int]]:
        """Arrivals per quarter, oldest first: (quarter start, count); the last is the current."""
        current = quarter_start(_local(self._now()))
        starts = [current - BUCKET * (BUCKETS - 1 - index) for index in range(BUCKETS)]
        result = []
        for start in starts:
            low = bisect.bisect_left(self._times, start)
            high = bisect.bisect_left(self._times, start + BUCKET)
            result.append((start, high - low))
        return result

    def arrivals_since(self, span: timedelta) -> int:
        """Arrivals in the ``span`` up to now."""
        now = _local(self._now())
        low = bisect.bisect_right(self._times, now - span)
        high = bisect.bisect_right(self._times, now)
        return high - low

    def summary(self) -> str:
        """The chart in words, for the tooltip and screen readers."""
        quarter = self.arrivals_since(BUCKET)
        hour = self.arrivals_since(timedelta(hours=1))
        locale = QLocale()
        if quarter == 1:
            first = self.tr("1 arrival in the last 15 minutes")
        else:
            first = self.tr("%1 arrivals in the last 15 minutes").replace(
                "%1", locale.toString(quarter)
            )
        return (
            self.tr("%1, %2 in the last hour")
            .replace("%1", first)
            .replace("%2", locale.toString(hour))
        )

    def refresh(self) -> None:
        """Recompute the summary and repaint (called on changes and once a minute)."""
        text = self.summary()
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.update()

    # -- Qt overrides --------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Room for sixteen readable bars and a line of hour labels."""
        line = QFontMetrics(self.font()).height()
        return QSize(line * 22, line * 7)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Still legible when squeezed."""
        line = QFontMetrics(self.font()).height()
        return QSize(line * 12, line * 4)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Bars, a baseline, hour labels below, and the current quarter's count above its bar."""
        counts = self.counts()
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = palette.color(QPalette.ColorRole.Mid)
        current_colour = palette.color(QPalette.ColorRole.Highlight)

        top = line + 4  # room for the scale and the current quarter's count
        bottom = self.height() - line - 4  # room for the hour labels
        left, right = 2.0, float(self.width() - 2)
        plot_height = max(bottom - top, 1)
        slot = (right - left) / len(counts)
        gap = max(1.0, slot * 0.18)
        highest = max((count for _, count in counts), default=0)

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if highest:
            # The scale: a faint line at the tallest bar, labelled with its count.
            grid = QColor(text_colour)
            grid.setAlphaF(0.35)
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(left, top), QPointF(right, top))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(left, 0, right - left, top - 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                QLocale().toString(highest),
            )
        for index, (start, count) in enumerate(counts):
            x = left + index * slot
            current = index == len(counts) - 1
            height = plot_height * count / highest if highest else 0.0
            if count and height < 2:
                height = 2.0  # one arrival is still visible
            bar = QRectF(x + gap / 2, bottom - height, slot - gap, height)
            # Current quarter: highlight colour *and* an outline plus its number on top, so it
            # stands out without relying on the colour.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(current_colour if current else bar_colour)
            painter.drawRect(bar)
            if current:
                painter.setPen(text_colour)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(bar)
                text = QLocale().toString(count)
                width = metrics.horizontalAdvance(text) + 4
                # Centred over the bar, but never past the widget's right edge.
                label_left = min(bar.center().x() - width / 2, self.width() - width)
                painter.drawText(
                    QRectF(label_left, bar.top() - line - 1, width, line),
                    Qt.AlignmentFlag.AlignCenter,
                    text,
                )
            if start.minute == 0:
                self._draw_hour(painter, start, x=x, bottom=bottom, colour=text_colour)

        painter.setPen(text_colour)
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        painter.end()

    # -- internals -----------------------------------------------------------------------------

    def _draw_hour(
        self, painter: QPainter, start: datetime, *, x: float, bottom: float, colour: QColor
    ) -> None:
        text = QLocale().toString(QTime(start.hour, 0), QLocale.FormatType.ShortFormat)
        metrics = QFontMetrics(self.font())
        width = metrics.horizontalAdvance(text) + 4
        # The label starts at the hour's tick; keep it inside the widget at the right edge.
        left = min(x, self.width() - width)
        painter.setPen(colour)
        painter.drawLine(int(x), int(bottom), int(x), int(bottom + 3))
        painter.drawText(
            QRectF(left, bottom + 3, width, metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            text,
        )
