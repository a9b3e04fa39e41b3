"""The import's last page: what became of every row, filterable, and saved as a CSV report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.office.import_results import RowOutcome, RowResult
from app.resources import icon
from app.ui.import_texts import number, outcome_label, yes_no

_Index = QModelIndex | QPersistentModelIndex

#: Sorts the Row column by number rather than by text.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The RowOutcome of a row (for the filter).
OUTCOME_ROLE = Qt.ItemDataRole.UserRole + 2


class ReportModel(QAbstractTableModel):
    """Every row of the file with its outcome; reads the shared results list."""

    COLUMNS = 6

    def __init__(self, results: list[RowResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results
        # Looked up once: sorting 50,000 rows asks for every cell many times.
        self._labels = {outcome: outcome_label(outcome) for outcome in RowOutcome}
        self._yes_no = {True: yes_no(True), False: yes_no(False)}
        # The eye finds the rows that need a look by their icon before reading a word.
        self._icons: dict[RowOutcome, QIcon] = {
            RowOutcome.ADDED: icon("confirmed"),
            RowOutcome.INVALID: icon("problem"),
            RowOutcome.REFUSED: icon("problem"),
            RowOutcome.QUEUED: icon("pending"),
            RowOutcome.SENDING: icon("pending"),
        }

    def headers(self) -> list[str]:
        """The column titles (also the report file's header)."""
        return [
            self.tr("Row"),
            self.tr("Event key"),
            self.tr("Customer number"),
            self.tr("Confirmed"),
            self.tr("Result"),
            self.tr("Details"),
        ]

    def cells(self, result: RowResult) -> list[str]:
        """The texts of one row, as saved."""
        return [self.cell(result, column) for column in range(self.COLUMNS)]

    def cell(self, result: RowResult, column: int) -> str:
        """The text of one cell (the row number without digit grouping)."""
        row = result.row
        if column == 0:
            return str(row.row)
        if column == 1:
            return row.event_key
        if column == 2:
            return row.customer_number
        if column == 3:
            return self._yes_no[row.confirmed]
        if column == 4:
            return self._labels[result.outcome]
        return result.detail

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        result = self.results[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return number(result.row.row)
            return self.cell(result, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 4:
            return self._icons.get(result.outcome)
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and result.detail:
            return result.detail
        if role == SORT_ROLE:
            return result.row.row if column == 0 else self.cell(result, column)
        if role == OUTCOME_ROLE:
            return result.outcome.value
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def replace_all(self, results: list[RowResult]) -> None:
        """Show these results instead (the list object stays the same: others share it)."""
        self.beginResetModel()
        self.results[:] = results
        self.endResetModel()

    def row_changed(self, index: int) -> None:
        """``results[index]`` has a new outcome."""
        self.dataChanged.emit(self.index(index, 0), self.index(index, self.COLUMNS - 1))

    def all_changed(self) -> None:
        """Many outcomes changed."""
        if self.results:
            last = self.index(len(self.results) - 1, self.COLUMNS - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class ReportFilter(QSortFilterProxyModel):
    """Shows the rows of one outcome (or all)."""

    def __init__(self, source: ReportModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._outcome: RowOutcome | None = None
        self.setSortRole(SORT_ROLE)
        self.setSourceModel(source)

    def set_outcome(self, outcome: RowOutcome | None) -> None:
        """Show only rows with this outcome (None: every row)."""
        if outcome is not self._outcome:
            self.beginFilterChange()
            self._outcome = outcome
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        if self._outcome is None:
            return True
        return self._source.results[source_row].outcome is self._outcome


class ReportPage(QWidget):
    """A summary line, a filter, the per-row table and "Save report…"."""

    def __init__(self, results: list[RowResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importReportPage")
        self.model = ReportModel(results, self)
        self.proxy = ReportFilter(self.model, self)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setAccessibleName(self.tr("Summary"))

        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("importReportFilter")
        self.filter_combo.setAccessibleName(self.tr("Show rows"))
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filter_caption = QLabel(self.tr("&Show:"), self)
        filter_caption.setBuddy(self.filter_combo)

        self.save_button = QPushButton(self.tr("Save &report…"), self)
        self.save_button.setObjectName("importSaveReport")
        self.save_button.setAccessibleName(self.tr("Save report"))
        self.save_status = QLabel(self)
        self.save_status.setObjectName("importSaveStatus")
        self.save_status.setWordWrap(True)
        self.save_status.setTextFormat(Qt.TextFormat.PlainText)

        self.table_view = self._make_table()

        top = QHBoxLayout()
        top.addWidget(filter_caption)
        top.addWidget(self.filter_combo)
        top.addStretch(1)
        top.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary_label)
        layout.addLayout(top)
        layout.addWidget(self.table_view, 1)
        layout.addWidget(self.save_status)
        self.setTabOrder(self.filter_combo, self.save_button)
        self.setTabOrder(self.save_button, self.table_view)

        self.filter_combo.currentIndexChanged.connect(self._filter_chosen)

    def _make_table(self) -> QTableView:
        """The per-row table: sorted by row, filtered by the combo, one line a row."""
        view = QTableView(self)
        view.setObjectName("importReportTable")
        view.setAccessibleName(self.tr("Result of each row"))
        view.setModel(self.proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)
        view.setWordWrap(False)
        rows = view.verticalHeader()
        rows.setVisible(False)
        # One line of text per row; measuring 50,000 rows to contents would take seconds.
        rows.setDefaultSectionSize(self.fontMetrics().height() + self.fontMetrics().height() // 2)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        return view

    def refresh(self) -> None:
        """The outcomes changed: update the summary, the filter's counts and the table."""
        self.model.all_changed()
        counts = Counter(result.outcome for result in self.model.results)
        self.summary_label.setText(self.summary(counts))
        chosen = self.filter_combo.currentData()
        self.filter_combo.blockSignals(True)
        try:
            self.filter_combo.clear()
            total = len(self.model.results)
            self.filter_combo.addItem(self.tr("All rows (%1)").replace("%1", number(total)), None)
            for outcome in RowOutcome:
                if counts[outcome]:
                    text = self.tr("%1 (%2)").replace("%1", outcome_label(outcome))
                    self.filter_combo.addItem(
                        text.replace("%2", number(counts[outcome])), outcome.value
                    )
            self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(chosen)))
        finally:
            self.filter_combo.blockSignals(False)
        self._filter_chosen(self.filter_combo.currentIndex())
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column as wide as its (visible) contents; Details takes the rest."""
        for column in range(ReportModel.COLUMNS - 1):
            self.table_view.resizeColumnToContents(column)

    def summary(self, counts: Counter[RowOutcome]) -> str:
        """ "200 added, 25 already participating, 3 invalid." — only what happened."""
        parts: list[str] = []
        texts: Sequence[tuple[RowOutcome, str]] = (
            (RowOutcome.ADDED, self.tr("%n added", "", counts[RowOutcome.ADDED])),
            (
                RowOutcome.ALREADY,
                self.tr("%n already participating", "", counts[RowOutcome.ALREADY]),
            ),
            (RowOutcome.INVALID, self.tr("%n invalid", "", counts[RowOutcome.INVALID])),
            (
                RowOutcome.REFUSED,
                self.tr("%n refused by Plandocket", "", counts[RowOutcome.REFUSED]),
            ),
            (
                RowOutcome.QUEUED,
                self.tr("%n queued to be sent later", "", counts[RowOutcome.QUEUED]),
            ),
            (RowOutcome.CANCELLED, self.tr("%n not sent", "", counts[RowOutcome.CANCELLED])),
            (RowOutcome.WAITING, self.tr("%n not sent yet", "", counts[RowOutcome.WAITING])),
            (RowOutcome.SENDING, self.tr("%n still sending", "", counts[RowOutcome.SENDING])),
        )
        for outcome, text in texts:
            if counts[outcome]:
                parts.append(text)
        if not parts:
            return self.tr("The file had no rows to import.")
        return self.tr("%1.").replace("%1", ", ".join(parts))

    def _filter_chosen(self, _index: int) -> None:
        value = self.filter_combo.currentData()
        self.proxy.set_outcome(RowOutcome(value) if isinstance(value, str) else None)
