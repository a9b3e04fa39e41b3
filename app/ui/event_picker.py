"""An editable combo box for choosing an event by title, date or key.

With the ``events`` scope the picker lists the tenant's events ("Fachmesse · 8–11 Dec 2026 ·
EXPO26"), upcoming ones first, and filters them as the person types, ignoring accents. Without
it the picker is a plain text field for the event key that remembers recently used keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QSizePolicy, QWidget

from app.domain import Event
from app.search import fold
from app.ui.dialogs.formatting import event_label

#: Item data role holding the event key of a row.
KEY_ROLE = Qt.ItemDataRole.UserRole
#: Item data role holding the folded text the completer matches against.
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1

_ModelIndex = QModelIndex | QPersistentModelIndex


class _FoldingCompleter(QCompleter):
    """Matches anywhere in the label, ignoring case and accents ("garten" finds "Gärten")."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt override
        return [fold(path)]

    def pathFromIndex(self, index: _ModelIndex) -> str:  # noqa: N802 - Qt override
        # Insert the readable label, not the folded text that was matched.
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def sorted_for_picking(events: Iterable[Event], today: date | None = None) -> list[Event]:
    """Running and upcoming events first (soonest first), then past ones (latest first)."""
    today = today or date.today()

    def rank(event: Event) -> tuple[int, int, str]:
        start = event.date_from or event.date_to
        end = event.date_to or event.date_from
        name = fold(event.display_name)
        if start is None or end is None:
            return (2, 0, name)
        if end >= today:
            return (0, start.toordinal(), name)
        return (1, -start.toordinal(), name)

    return sorted(events, key=rank)


class EventPicker(QComboBox):
    """Choose an event (when events are known) or type its key (when they are not).

    ``event_key_changed`` fires when a choice is committed — Enter, a pick from the list or
    the completer, leaving the field — and only when the key differs from the last one
    committed; never on every keystroke and never for :meth:`set_event_key`.
    """

    event_key_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("event_picker")
        self.setAccessibleName(self.tr("Event"))
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(12)
        # Long labels must not make the whole dialog wide; the pop-up list is widened instead.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(26)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        line_edit = self.text_field()
        line_edit.setObjectName("event_picker_text")
        line_edit.setAccessibleName(self.tr("Event key"))
        line_edit.setPlaceholderText(self.tr("Event key, e.g. EXPO26"))
        line_edit.setClearButtonEnabled(True)

        completer = _FoldingCompleter(self)
        completer.setObjectName("event_picker_completer")
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionRole(FOLDED_ROLE)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)  # replaces the default inline completer
        completer.setModel(self.model())
        popup = completer.popup()
        assert popup is not None
        popup.setObjectName("event_picker_popup")
        popup.setAccessibleName(self.tr("Matching events"))
        self._completer = completer

        self._events: list[Event] = []
        self._recent_keys: list[str] = []
        self._committed = ""

        line_edit.editingFinished.connect(self._commit)
        self.activated.connect(self._commit)
        # QComboBox selects the row first (it connected in setCompleter), then we commit.
        completer.activated.connect(self._commit)
        self._update_description()

    # -- public API -----------------------------------------------------------------------

    def set_events(self, events: Sequence[Event], *, today: date | None = None) -> None:
        """List these events (upcoming first); an empty list falls back to recent keys."""
        self._events = sorted_for_picking(events, today)
        self._rebuild()

    def set_recent_keys(self, keys: Iterable[str]) -> None:
        """Keys offered when no events are known, most recent first."""
        unique: dict[str, None] = {}
        for key in keys:
            if key.strip():
                unique.setdefault(key.strip(), None)
        self._recent_keys = list(unique)
        if not self._events:
            self._rebuild()

    def text_field(self) -> QLineEdit:
        """The line edit the person types into."""
        line_edit = self.lineEdit()
        assert line_edit is not None  # the picker is always editable
        return line_edit

    def has_events(self) -> bool:
        """Whether the picker lists known events (rather than recent keys)."""
        return bool(self._events)

    def events(self) -> list[Event]:
        """The listed events, in display order."""
        return list(self._events)

    def event_key(self) -> str:
        """The chosen event's key, or the typed text (trimmed)."""
        text = self.currentText().strip()
        if not text:
            return ""
        row = self._row_for(text)
        return str(self.itemData(row, KEY_ROLE)) if row >= 0 else text

    def event_for_key(self, key: str) -> Event | None:
        """The listed event with this key, if any."""
        return next((event for event in self._events if event.event_key == key), None)

    def set_event_key(self, key: str) -> None:
        """Show this key (or its event) as the committed choice, without signalling."""
        self._show_key(key.strip())
        self._committed = self.event_key()

    # -- internals ------------------------------------------------------------------------

    def _rebuild(self) -> None:
        typed = self.currentText().strip()
        key = self.event_key()
        self.blockSignals(True)
        try:
            self.clear()
            locale = QLocale()
            if self._events:
                for event in self._events:
                    label = event_label(event, locale)
                    self.addItem(label, event.event_key)
                    row = self.count() - 1
                    self.setItemData(row, fold(label), FOLDED_ROLE)
                    self.setItemData(row, label, Qt.ItemDataRole.ToolTipRole)
            else:
                for recent in self._recent_keys:
                    self.addItem(recent, recent)
                    self.setItemData(self.count() - 1, fold(recent), FOLDED_ROLE)
            # Keep what was there: the chosen event, or half-typed text.
            self._show_key(key if self._row_for(key) >= 0 else typed)
        finally:
            self.blockSignals(False)
        self._widen_popup()
        self._update_description()

    def _show_key(self, key: str) -> None:
        row = self._row_for(key) if key else -1
        self.setCurrentIndex(row)
        if row < 0:
            self.setEditText(key)
        self.text_field().setCursorPosition(0)  # show a long label from its start

    def _row_for(self, text: str) -> int:
        """The row whose label or key is ``text`` (exactly, else ignoring case and accents)."""
        if not text or self.count() == 0:
            return -1
        for row in range(self.count()):
            if text in (self.itemText(row), self.itemData(row, KEY_ROLE)):
                return row
        folded = fold(text)
        keys = [
            row for row in range(self.count()) if fold(str(self.itemData(row, KEY_ROLE))) == folded
        ]
        if len(keys) == 1:
            return keys[0]
        titles = [
            row
            for row, event in enumerate(self._events)
            if event.title and fold(event.title) == folded
        ]
        return titles[0] if len(titles) == 1 else -1

    def _widen_popup(self) -> None:
        view = self.view()
        assert view is not None
        metrics = view.fontMetrics()
        texts = (self.itemText(row) for row in range(self.count()))
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        # Wide enough for a typical label (room for the clear button and the arrow).
        self.setMinimumWidth(min(widest + 80, 480) if widest else 0)
        width = min(widest + 48, 720)
        view.setMinimumWidth(width)
        popup = self._completer.popup()
        if popup is not None:
            popup.setMinimumWidth(width)

    def _update_description(self) -> None:
        if self._events:
            text = self.tr("Type part of an event's title, date or key to filter the list.")
        else:
            text = self.tr("Type the event key; recently used keys are in the list.")
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.text_field().setAccessibleDescription(text)

    @Slot()
    def _commit(self) -> None:
        key = self.event_key()
        row = self._row_for(key)
        if row >= 0 and self.itemText(row) != self.currentText():
            self.setCurrentIndex(row)  # show the event's full label for a typed key
            self.text_field().setCursorPosition(0)
        if key != self._committed:
            self._committed = key
            self.event_key_changed.emit(key)
