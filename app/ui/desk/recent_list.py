"""The last check-ins made at this desk, newest first, each with its delivery state in words."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTime
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.resources import icon

MAX_ENTRIES = 20
STATES = ("sent", "waiting", "failed", "undone")
_KEY_ROLE = Qt.ItemDataRole.UserRole
_TIME_ROLE = Qt.ItemDataRole.UserRole + 1
_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
_STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # the state word, translated
_CODE_ROLE = Qt.ItemDataRole.UserRole + 4  # the state code: "sent", "waiting", ...


@dataclass(frozen=True, slots=True)
class RecentEntry:
    """One row of the list."""

    key: str
    time: datetime
    name: str
    state: str
    message: str | None = None


class _RecentDelegate(QStyledItemDelegate):
    """Paints a row as columns: icon, time, name (elided), state word at the right edge.

    The state has its own column so it stays readable however long the name is.
    """

    def __init__(self, view: RecentCheckins) -> None:
        super().__init__(view)
        self._view = view

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw one row."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        # Let the style draw hover/selection background only; the content is drawn below.
        opt.text = ""
        opt.icon = QIcon()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        metrics = QFontMetrics(opt.font)
        pad = max(4, metrics.height() // 3)
        rect: QRect = opt.rect.adjusted(pad, 0, -pad, 0)
        side = metrics.height()
        item_icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(item_icon, QIcon):
            item_icon.paint(painter, QRect(rect.left(), rect.center().y() - side // 2, side, side))
        left = rect.left() + side + pad
        time_width = self._view._time_column_width(metrics)
        state_width = self._view._state_column_width(opt.font)
        colour = opt.palette.color(QPalette.ColorRole.Text)
        painter.save()
        painter.setPen(colour)
        centre = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(
            QRect(left, rect.top(), time_width, rect.height()),
            centre | Qt.AlignmentFlag.AlignLeft,
            str(index.data(_TIME_ROLE) or ""),
        )
        name_left = left + time_width + pad
        name_width = max(rect.right() - state_width - pad - name_left, 0)
        name_font = QFont(opt.font)
        # An undone check-in stays listed for the record, struck through (and says "undone").
        name_font.setStrikeOut(index.data(_CODE_ROLE) == "undone")
        painter.setFont(name_font)
        name = QFontMetrics(name_font).elidedText(
            str(index.data(_NAME_ROLE) or ""), Qt.TextElideMode.ElideRight, name_width
        )
        painter.drawText(
            QRect(name_left, rect.top(), name_width, rect.height()),
            centre | Qt.AlignmentFlag.AlignLeft,
            name,
        )
        state_font = QFont(opt.font)
        state_font.setBold(index.data(_CODE_ROLE) == "failed")
        painter.setFont(state_font)
        painter.drawText(
            QRect(rect.right() - state_width, rect.top(), state_width, rect.height()),
            centre | Qt.AlignmentFlag.AlignRight,
            str(index.data(_STATE_ROLE) or ""),
        )
        painter.restore()

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """One text line plus breathing room; narrow, because long names are elided instead."""
        metrics = QFontMetrics(option.font)
        line = metrics.height()
        # Wider than the view would add a horizontal scroll bar and push the state column out.
        return QSize(line * 12, line + max(6, line // 2))


class RecentCheckins(QListWidget):
    """The last :data:`MAX_ENTRIES` check-ins: time, who, and "sent"/"waiting"/"failed"/"undone".

    The state is always spelled out and has its own icon, so it never depends on colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkinRecent")
        self.setAccessibleName(self.tr("Recent check-ins"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # The scan field keeps the focus; this list is for reading (and its tooltips).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setUniformItemSizes(True)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._entries: list[RecentEntry] = []
        self.setItemDelegate(_RecentDelegate(self))

    # -- public API --------------------------------------------------------------------------

    def add(self, key: str, time: datetime, name: str, state: str) -> None:
        """Put a check-in at the top (replacing an older row with the same ``key``)."""
        self._check_state(state)
        self._remove_key(key)
        entry = RecentEntry(key, time, name, state)
        self._entries.insert(0, entry)
        item = QListWidgetItem()
        item.setData(_KEY_ROLE, key)
        self.insertItem(0, item)
        self._render(item, entry)
        while len(self._entries) > MAX_ENTRIES:
            self._entries.pop()
            self.takeItem(self.count() - 1)
        self.viewport().update()

    def set_state(self, key: str, state: str, message: str | None = None) -> None:
        """Change the state of the row for ``key``; ignored if it has left the list."""
        self._check_state(state)
        for index, entry in enumerate(self._entries):
            if entry.key == key:
                updated = replace(entry, state=state, message=message or None)
                self._entries[index] = updated
                item = self.item(index)
                if item is not None:
                    self._render(item, updated)
                return

    def entries(self) -> list[RecentEntry]:
        """The rows shown, newest first."""
        return list(self._entries)

    def _time_column_width(self, metrics: QFontMetrics) -> int:
        """Width of the time column: the widest time this locale writes."""
        locale = QLocale()
        samples = (QTime(23, 59), QTime(10, 59), QTime(0, 0))
        return max(
            metrics.horizontalAdvance(locale.toString(time, QLocale.FormatType.ShortFormat))
            for time in samples
        )

    def _state_column_width(self, font: QFont) -> int:
        """Width of the state column: the widest state word (bold, as "failed" is drawn)."""
        bold = QFont(font)
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        return max(bold_metrics.horizontalAdvance(self._state_word(state)) for state in STATES)

    # -- Qt overrides --------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Say "No check-ins yet" in an empty list instead of showing a blank box."""
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect(),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("No check-ins yet"),
            )
            painter.end()

    # -- internals -----------------------------------------------------------------------------

    def _check_state(self, state: str) -> None:
        if state not in STATES:
            raise ValueError(f"unknown check-in state {state!r}")

    def _remove_key(self, key: str) -> None:
        for index, entry in enumerate(self._entries):
            if entry.key == key:
                del self._entries[index]
                self.takeItem(index)
                return

    def _render(self, item: QListWidgetItem, entry: RecentEntry) -> None:
        when = self._time_text(entry.time)
        state_word = self._state_word(entry.state)
        text = (
            self.tr("%1  %2 — %3")
            .replace("%1", when)
            .replace("%2", entry.name)
            .replace("%3", state_word)
        )
        item.setText(text)
        item.setData(_TIME_ROLE, when)
        item.setData(_NAME_ROLE, entry.name)
        item.setData(_STATE_ROLE, state_word)
        item.setData(_CODE_ROLE, entry.state)
        item.setIcon(self._state_icon(entry.state))
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("%1, %2, %3")
            .replace("%1", when)
            .replace("%2", entry.name)
            .replace("%3", state_word),
        )
        tip = entry.name if entry.message is None else f"{entry.name}\n{entry.message}"
        item.setToolTip(tip)

    def _time_text(self, time: datetime) -> str:
        local = time.astimezone() if time.tzinfo is not None else time
        return QLocale().toString(
            QTime(local.hour, local.minute, local.second), QLocale.FormatType.ShortFormat
        )

    def _state_word(self, state: str) -> str:
        return {
            "sent": self.tr("sent"),
            "waiting": self.tr("waiting"),
            "failed": self.tr("failed"),
            "undone": self.tr("undone"),
        }[state]

    def _state_icon(self, state: str) -> QIcon:
        return icon(
            {"sent": "confirmed", "waiting": "pending", "failed": "problem", "undone": "unconfirm"}[
                state
            ]
        )
