"""Take what a table view shows (rows in view order, shown columns in header order) for export.

The snapshot is taken on the GUI thread and must stay quick for 100k rows, so for the
participants table it does not ask the model for each cell's display text (about 1.5 s per
column at 100k rows, measured in tests/benchmarks/bench_export.py). It copies the row order
and the immutable :class:`~app.domain.Participant` objects plus each row's confirmation
state; the cells are made later, on the worker thread that writes the file, as typed values:
timestamps as ``datetime`` (real dates in Excel), customer numbers as text. Any other model
is read cell by cell through its display role.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol, overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QCoreApplication,
    QSortFilterProxyModel,
    Qt,
)

from app.domain import Participant
from app.office.export_writers import Cell, Progress, write_csv, write_xlsx
from app.ui.participant_model import Column, ParticipantTableModel

Row = tuple[Cell, ...]
CellOf = Callable[[Participant, bool | None], Cell]


class HeaderLike(Protocol):
    """The part of a QHeaderView the snapshot reads (a QHeaderView is one)."""

    def count(self) -> int: ...

    def logicalIndex(self, visualIndex: int) -> int: ...  # noqa: N802, N803

    def isSectionHidden(self, logicalIndex: int) -> bool: ...  # noqa: N802, N803


class ExportFormat(StrEnum):
    """The file types the export writes."""

    CSV = "csv"
    XLSX = "xlsx"


@dataclass(frozen=True, slots=True)
class StatusTexts:
    """The words for a row's confirmation state, translated on the GUI thread."""

    confirmed: str
    not_confirmed: str
    unknown: str
    contact: str  # "Contact %1", for a row whose contact the server did not send

    @classmethod
    def translated(cls) -> StatusTexts:
        """The texts in the interface language (the table's own translations)."""
        return cls(
            confirmed=QCoreApplication.translate("ParticipantTableModel", "Confirmed"),
            not_confirmed=QCoreApplication.translate("ParticipantTableModel", "Not confirmed"),
            unknown=QCoreApplication.translate("ParticipantTableModel", "Unknown"),
            contact=QCoreApplication.translate("ParticipantTableModel", "Contact %1"),
        )


def _cell_makers(texts: StatusTexts) -> dict[Column, CellOf]:
    """How each column's typed value is made from a participant and its shown state."""

    def status(_participant: Participant, state: bool | None) -> Cell:
        if state is None:
            return texts.unknown
        return texts.confirmed if state else texts.not_confirmed

    def contact(participant: Participant, _state: bool | None) -> Cell:
        if participant.contact is None:
            return texts.contact.replace("%1", str(participant.contact_id or "?"))
        return participant.contact.person_name

    def event(participant: Participant, _state: bool | None) -> Cell:
        if participant.event is not None:
            return participant.event.display_name
        return f"#{participant.event_id}" if participant.event_id is not None else ""

    return {
        Column.STATUS: status,
        Column.CUSTOMER_NUMBER: lambda p, _s: p.contact.customer_number if p.contact else None,
        Column.COMPANY: lambda p, _s: p.contact.company_name if p.contact else None,
        Column.CONTACT: contact,
        Column.EMAIL: lambda p, _s: p.contact.email if p.contact else None,
        Column.EVENT: event,
        Column.CATEGORY: lambda p, _s: p.category.display_name if p.category else None,
        Column.CREATED: lambda p, _s: p.created_at,
        Column.UPDATED: lambda p, _s: p.updated_at,
    }


class ParticipantRows(Sequence[Row]):
    """Export rows made on demand from participants: safe to read from a worker thread.

    Participants are frozen and the state list is a copy, so nothing here changes while a
    worker reads it, whatever the table does meanwhile.
    """

    def __init__(
        self,
        participants: Sequence[Participant],
        states: Sequence[bool | None],
        columns: Sequence[int],
        texts: StatusTexts,
    ) -> None:
        makers = _cell_makers(texts)
        self._participants = participants
        self._states = states
        self._makers = [makers[Column(column)] for column in columns]

    def __len__(self) -> int:
        return len(self._participants)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | Sequence[Row]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        participant, state = self._participants[index], self._states[index]
        return tuple(make(participant, state) for make in self._makers)

    @property
    def participants(self) -> Sequence[Participant]:
        """The participants, in the view's order."""
        return self._participants

    def common_event_title(self) -> str | None:
        """The title of the one event every row belongs to, if they all share one."""
        events = {p.event for p in self._participants}
        if len(events) != 1:
            return None
        event = events.pop()
        return event.display_name if event is not None else None


@dataclass(frozen=True, slots=True)
class ViewSnapshot:
    """What the view showed when the export started: headers and rows, in the view's order."""

    headers: tuple[str, ...]
    rows: Sequence[Row]

    @property
    def sheet_title(self) -> str | None:
        """The event the rows belong to, when they all belong to one."""
        return self.rows.common_event_title() if isinstance(self.rows, ParticipantRows) else None


def shown_columns(header: HeaderLike) -> list[int]:
    """The logical columns that are not hidden, in the order the header shows them."""
    logical = (header.logicalIndex(visual) for visual in range(header.count()))
    return [column for column in logical if column >= 0 and not header.isSectionHidden(column)]


def header_texts(model: QAbstractItemModel, columns: Sequence[int]) -> tuple[str, ...]:
    """The model's horizontal header text of each column."""
    horizontal, display = Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    return tuple(str(model.headerData(column, horizontal, display) or "") for column in columns)


def take_snapshot(model: QAbstractItemModel, header: HeaderLike) -> ViewSnapshot:
    """The rows and shown columns of a view's model, exactly as the view orders them."""
    columns = shown_columns(header)
    headers = header_texts(model, columns)
    participants = _participant_source(model)
    if participants is None:
        return ViewSnapshot(headers, display_rows(model, columns))
    source, rows = participants
    chosen = [source.participant_at(row) for row in rows]
    states = [source.is_confirmed(participant) for participant in chosen]
    return ViewSnapshot(headers, ParticipantRows(chosen, states, columns, StatusTexts.translated()))


def display_rows(model: QAbstractItemModel, columns: Sequence[int]) -> list[Row]:
    """Every row's display texts, cell by cell (any model; slow for big tables)."""
    return [
        tuple(model.index(row, column).data() for column in columns)
        for row in range(model.rowCount())
    ]


def _participant_source(
    model: QAbstractItemModel,
) -> tuple[ParticipantTableModel, Sequence[int]] | None:
    """The participants model behind ``model`` and its rows in ``model``'s order, if any."""
    if isinstance(model, ParticipantTableModel):
        return model, range(model.rowCount())
    if not isinstance(model, QAbstractProxyModel):
        return None
    source = model.sourceModel()
    if not isinstance(source, ParticipantTableModel):
        return None
    if _is_identity(model, source):
        return source, range(source.rowCount())
    # A proxy that sorts or filters by itself: ask it where each row comes from (~3 µs a row).
    return source, [model.mapToSource(model.index(row, 0)).row() for row in range(model.rowCount())]


def _is_identity(proxy: QAbstractProxyModel, source: QAbstractItemModel) -> bool:
    """Whether the proxy shows the source's rows unchanged (ParticipantProxyModel does).

    The participants proxy hands sorting and searching to its source model, so it never
    sorts or filters itself; then row ``n`` of the proxy is row ``n`` of the source, and
    100k ``mapToSource`` calls (a third of a second) are not needed.
    """
    if not isinstance(proxy, QSortFilterProxyModel):
        return False
    count = proxy.rowCount()
    unfiltered = (
        not proxy.filterRegularExpression().pattern()
        and type(proxy).filterAcceptsRow is QSortFilterProxyModel.filterAcceptsRow
    )
    if proxy.sortColumn() >= 0 or not unfiltered or count != source.rowCount():
        return False
    # Spot checks guard against a proxy subclass that reorders rows some other way.
    return all(
        proxy.mapToSource(proxy.index(row, 0)).row() == row
        for row in {0, count // 2, count - 1}
        if row >= 0
    )


def write_snapshot(
    snapshot: ViewSnapshot,
    path: Path,
    file_format: ExportFormat,
    *,
    delimiter: str = ",",
    sheet: str = "",
    progress: Progress | None = None,
) -> int:
    """Write a snapshot to ``path`` (on a worker thread); returns the rows written."""
    if file_format is ExportFormat.CSV:
        return write_csv(path, snapshot.headers, snapshot.rows, delimiter, progress=progress)
    return write_xlsx(
        path,
        snapshot.headers,
        snapshot.rows,
        sheet=snapshot.sheet_title or sheet or path.stem,
        progress=progress,
    )
