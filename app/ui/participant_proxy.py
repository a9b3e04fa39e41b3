"""The view-facing sort and quick-search interface of the participants table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.domain import Participant
from app.ui.participant_model import PARTICIPANT_ROLE, ParticipantTableModel


class ParticipantProxyModel(QSortFilterProxyModel):
    """Sits between the table view and :class:`ParticipantTableModel`.

    Header clicks and quick search arrive here, as Qt expects of a sort/filter proxy, and
    are carried out by the source model in bulk: per-row callbacks from this proxy into
    Python would cost seconds per sort and ~80 ms per keystroke at 100k rows. The proxy
    itself never re-sorts or re-filters row by row, so it stays a cheap identity mapping.
    """

    def __init__(self, source: ParticipantTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setDynamicSortFilter(False)
        self.setSourceModel(source)
        self._source = source
        self._search = ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (done by the source model, in bulk)."""
        self._source.sort(column, order)

    def multiData(  # noqa: N802
        self,
        index: QModelIndex | QPersistentModelIndex,
        span: QModelRoleDataSpan | QModelRoleData,
    ) -> None:
        # QSortFilterProxyModel would ask the source once per role; one call per cell keeps
        # painting cheap while worker threads compete for the GIL (see the source model).
        self._source.multiData(self.mapToSource(index), span)

    def set_quick_search(self, text: str) -> None:
        """Show only rows matching every word of ``text`` (accent- and case-insensitive)."""
        if text != self._search:
            self._search = text
            self._source.set_search(text)

    @property
    def quick_search(self) -> str:
        """The text of the current quick search."""
        return self._search

    def participant(self, index: QModelIndex | QPersistentModelIndex) -> Participant | None:
        """The participant on a proxy row."""
        value: Any = index.data(PARTICIPANT_ROLE) if index.isValid() else None
        return value if isinstance(value, Participant) else None

    def index_of(self, row_id: int, column: int = 0) -> QModelIndex:
        """The proxy index showing a participant (invalid when it is not visible)."""
        row = self._source.row_of(row_id)
        if row is None:
            return QModelIndex()
        return self.mapFromSource(self._source.index(row, column))
