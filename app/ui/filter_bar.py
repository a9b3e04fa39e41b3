"""The filter bar: event, customer number, confirmation status, and quick search."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.domain import Event, ParticipantFilter
from app.ui.event_picker import EventPicker

# Confirmation choices: (label, value sent as the server's `confirmed` filter).
_ALL, _CONFIRMED, _NOT_CONFIRMED = 0, 1, 2
CONFIRMED_SETTING = {_ALL: "all", _CONFIRMED: "confirmed", _NOT_CONFIRMED: "not-confirmed"}


class FilterBar(QWidget):
    """Server-side filters (event, customer, status) and the local quick search."""

    filters_changed = Signal(object)  # ParticipantFilter, when a server-side filter changes
    search_changed = Signal(str)  # on every keystroke in the quick search

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_picker = EventPicker(self)
        self.event_picker.setObjectName("filterEvent")
        self.event_picker.setAccessibleName(self.tr("Event"))
        self.event_picker.setMinimumContentsLength(28)

        self.customer_edit = QLineEdit(self)
        self.customer_edit.setObjectName("filterCustomerNumber")
        self.customer_edit.setAccessibleName(self.tr("Customer number"))
        self.customer_edit.setPlaceholderText(self.tr("Any customer"))
        self.customer_edit.setClearButtonEnabled(True)
        self.customer_edit.setMaximumWidth(22 * self.customer_edit.fontMetrics().averageCharWidth())

        self.confirmed_combo = QComboBox(self)
        self.confirmed_combo.setObjectName("filterConfirmed")
        self.confirmed_combo.setAccessibleName(self.tr("Confirmation status"))
        self.confirmed_combo.addItem(self.tr("All"), None)
        self.confirmed_combo.addItem(self.tr("Confirmed"), True)
        self.confirmed_combo.addItem(self.tr("Not confirmed"), False)

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("quickSearch")
        self.search_edit.setAccessibleName(self.tr("Quick search"))
        self.search_edit.setToolTip(self.tr("Quick search in the loaded list (Ctrl+F)"))
        self.search_edit.setPlaceholderText(self.tr("Search name, company, email, number"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(36 * self.search_edit.fontMetrics().averageCharWidth())

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, field in (
            (self.tr("&Event:"), self.event_picker),
            (self.tr("C&ustomer:"), self.customer_edit),
            (self.tr("S&tatus:"), self.confirmed_combo),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field)
            layout.addSpacing(8)
        layout.addStretch(1)
        layout.addWidget(self.search_edit, 2)
        self.setTabOrder(self.event_picker, self.customer_edit)
        self.setTabOrder(self.customer_edit, self.confirmed_combo)
        self.setTabOrder(self.confirmed_combo, self.search_edit)

        self._last = self.filters()
        self.event_picker.event_key_changed.connect(self._maybe_changed)
        self.customer_edit.editingFinished.connect(self._maybe_changed)
        self.confirmed_combo.currentIndexChanged.connect(self._maybe_changed)
        self.search_edit.textChanged.connect(self.search_changed)

    def filters(self) -> ParticipantFilter:
        """The server-side filters as chosen now."""
        return ParticipantFilter(
            event_key=self.event_picker.event_key() or None,
            customer_number=self.customer_edit.text().strip() or None,
            confirmed=self.confirmed_combo.currentData(),
        )

    def set_filters(self, filters: ParticipantFilter) -> None:
        """Show the given filters without announcing a change (e.g. restored at start)."""
        self.blockSignals(True)
        try:
            self.event_picker.set_event_key(filters.event_key or "")
            self.customer_edit.setText(filters.customer_number or "")
            index = {None: _ALL, True: _CONFIRMED, False: _NOT_CONFIRMED}[filters.confirmed]
            self.confirmed_combo.setCurrentIndex(index)
        finally:
            self.blockSignals(False)
        self._last = self.filters()

    def set_events(self, events: list[Event]) -> None:
        """Offer a picker of known events (the key has the `events` scope)."""
        self.event_picker.set_events(events)

    def set_recent_keys(self, keys: list[str]) -> None:
        """Offer recently used event keys (when events cannot be listed)."""
        self.event_picker.set_recent_keys(keys)

    def focus_search(self) -> None:
        """Put the cursor in the quick search, selecting what is there."""
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _maybe_changed(self, *_: object) -> None:
        current = self.filters()
        if current != self._last:
            self._last = current
            self.filters_changed.emit(current)
