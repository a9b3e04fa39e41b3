"""The import's first page: how the file was read, which column is which, and its first rows.

Encoding and delimiter show what was detected and can be overridden (the file is read
again on a worker); the header checkbox and the column choices only re-check the rows
shown, on the spot. Cells with a problem are tinted and explain it in a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.office.csv_columns import (
    ColumnMapping,
    ImportField,
    data_rows,
    header_cells,
)
from app.office.csv_import import DELIMITERS, ENCODINGS, CsvTable
from app.office.csv_rows import ImportRow
from app.ui.dialogs.field_errors import ErrorLabel
from app.ui.import_texts import message_text, number

#: Rows the preview shows; the check page looks at all of them.
PREVIEW_ROWS = 100

_Index = QModelIndex | QPersistentModelIndex


def problem_tint(palette: QPalette) -> QColor:
    """A background for a cell with a problem, readable on light and dark themes."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor(140, 40, 40) if dark else QColor(253, 218, 214)


class PreviewModel(QAbstractTableModel):
    """The first rows of the file as a table; cells with problems tinted, with a tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: list[list[str]] = []
        self._checks: list[ImportRow] = []
        self._headers: list[str] = []
        self._tint = QColor(253, 218, 214)

    def set_rows(
        self,
        records: Sequence[list[str]],
        checks: Sequence[ImportRow],
        headers: Sequence[str],
        tint: QColor,
    ) -> None:
        """Show these records, their checks (same order) and these column headers."""
        self.beginResetModel()
        self._records = list(records)
        self._checks = list(checks)
        self._headers = list(headers)
        self._tint = tint
        self.endResetModel()

    def check(self, row: int) -> ImportRow | None:
        """The check of a shown row."""
        return self._checks[row] if 0 <= row < len(self._checks) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self._records[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = record[column] if column < len(record) else ""
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            problems = self._problems_of(index.row(), column)
            return "\n".join(problems) if problems else None
        if role == Qt.ItemDataRole.BackgroundRole and self._problems_of(index.row(), column):
            return self._tint
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        check = self.check(section)
        return number(check.row) if check is not None else None

    def _problems_of(self, row: int, column: int) -> list[str]:
        check = self.check(row)
        if check is None or check.is_valid:
            return []
        # A problem of the whole row (its field count, a duplicate) shows in every cell.
        return [message_text(problem) for problem in check.problems_of(column)]


class PreviewPage(QWidget):
    """Encoding, delimiter, header row, column mapping and the first rows of the file.

    Signals: ``encoding_chosen(str)`` and ``delimiter_chosen(str)`` when the person
    overrides how the file is read; ``mapping_changed()`` when the header row or a column
    choice changes.
    """

    encoding_chosen = Signal(str)
    delimiter_chosen = Signal(str)
    mapping_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewPage")
        self._table: CsvTable | None = None
        self._updating = False

        self.file_label = QLabel(self)
        self.file_label.setObjectName("importFileName")
        self.file_label.setWordWrap(True)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setObjectName("importEncoding")
        self.encoding_combo.setAccessibleName(self.tr("Encoding"))
        self.encoding_combo.setToolTip(
            self.tr("How the file's characters are stored. Choose another if umlauts look wrong.")
        )
        self.delimiter_combo = QComboBox(self)
        self.delimiter_combo.setObjectName("importDelimiter")
        self.delimiter_combo.setAccessibleName(self.tr("Delimiter"))
        for combo in (self.encoding_combo, self.delimiter_combo):
            # "(detected)" is added after the first show: the width must follow.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.header_box = QCheckBox(self.tr("&First row holds column names"), self)
        self.header_box.setObjectName("importHasHeader")
        self.header_box.setAccessibleName(self.tr("First row holds column names"))

        self.field_combos: dict[ImportField, QComboBox] = {}
        for which, name, accessible in (
            (ImportField.EVENT_KEY, "importColumnEventKey", self.tr("Column for the event key")),
            (
                ImportField.CUSTOMER_NUMBER,
                "importColumnCustomerNumber",
                self.tr("Column for the customer number"),
            ),
            (ImportField.CONFIRMED, "importColumnConfirmed", self.tr("Column for confirmed")),
        ):
            combo = QComboBox(self)
            combo.setObjectName(name)
            combo.setAccessibleName(accessible)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            self.field_combos[which] = combo

        self.problem_label = ErrorLabel("importPreviewProblem", self)

        self.preview_model = PreviewModel(self)
        self.table_view = QTableView(self)
        self.table_view.setObjectName("importPreviewTable")
        self.table_view.setAccessibleName(self.tr("First rows of the file"))
        self.table_view.setModel(self.preview_model)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside
        self.table_view.setWordWrap(False)
        self.table_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table_view.horizontalHeader().setStretchLastSection(True)
        self.table_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.rows_label = QLabel(self)
        self.rows_label.setObjectName("importPreviewRows")
        self.rows_label.setWordWrap(True)

        self._fill_fixed_choices()
        self._lay_out()
        self.encoding_combo.activated.connect(self._encoding_chosen)
        self.delimiter_combo.activated.connect(self._delimiter_chosen)
        self.header_box.toggled.connect(self._mapping_edited)
        for which, combo in self.field_combos.items():
            combo.activated.connect(lambda _index, chosen=which: self._column_chosen(chosen))

    # -- layout --------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        reading = QFormLayout()
        reading.setObjectName("importReadingForm")
        reading.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        encoding_caption = QLabel(self.tr("&Encoding:"), self)
        encoding_caption.setBuddy(self.encoding_combo)
        delimiter_caption = QLabel(self.tr("&Delimiter:"), self)
        delimiter_caption.setBuddy(self.delimiter_combo)
        reading.addRow(encoding_caption, self.encoding_combo)
        reading.addRow(delimiter_caption, self.delimiter_combo)
        reading.addRow("", self.header_box)

        mapping = QFormLayout()
        mapping.setObjectName("importMappingForm")
        mapping.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for which, text in (
            (ImportField.EVENT_KEY, self.tr("E&vent key:")),
            (ImportField.CUSTOMER_NUMBER, self.tr("C&ustomer number:")),
            (ImportField.CONFIRMED, self.tr("Co&nfirmed:")),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(self.field_combos[which])
            mapping.addRow(caption, self.field_combos[which])

        reading_title = QLabel(self.tr("How the file is read"), self)
        reading_title.setObjectName("importReadingTitle")
        mapping_title = QLabel(self.tr("Which column holds what"), self)
        mapping_title.setObjectName("importMappingTitle")
        for title in (reading_title, mapping_title):
            font = title.font()
            font.setBold(True)
            title.setFont(font)

        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.addWidget(reading_title, 0, 0)
        grid.addWidget(mapping_title, 0, 1)
        grid.addLayout(reading, 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(mapping, 1, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(2, 1)

        table_caption = QLabel(self.tr("P&review:"), self)
        table_caption.setObjectName("importPreviewCaption")
        table_caption.setBuddy(self.table_view)
        caption_row = QHBoxLayout()
        caption_row.addWidget(table_caption)
        caption_row.addWidget(self.rows_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.file_label)
        layout.addLayout(grid)
        layout.addWidget(self.problem_label)
        layout.addLayout(caption_row)
        layout.addWidget(self.table_view, 1)

        self.setTabOrder(self.encoding_combo, self.delimiter_combo)
        self.setTabOrder(self.delimiter_combo, self.header_box)
        self.setTabOrder(self.header_box, self.field_combos[ImportField.EVENT_KEY])
        self.setTabOrder(
            self.field_combos[ImportField.EVENT_KEY],
            self.field_combos[ImportField.CUSTOMER_NUMBER],
        )
        self.setTabOrder(
            self.field_combos[ImportField.CUSTOMER_NUMBER], self.field_combos[ImportField.CONFIRMED]
        )
        self.setTabOrder(self.field_combos[ImportField.CONFIRMED], self.table_view)

    def _fill_fixed_choices(self) -> None:
        names = {
            "utf-8": self.tr("UTF-8"),
            "cp1252": self.tr("Windows-1252 (Western European)"),
            "iso-8859-1": self.tr("ISO-8859-1 (Latin-1)"),
            "utf-16": self.tr("UTF-16"),
        }
        for encoding in ENCODINGS:
            self.encoding_combo.addItem(names[encoding], encoding)
        delimiters = {
            ";": self.tr("Semicolon ( ; )"),
            ",": self.tr("Comma ( , )"),
            "\t": self.tr("Tab"),
        }
        for delimiter in DELIMITERS:
            self.delimiter_combo.addItem(delimiters[delimiter], delimiter)
        self._base_encoding_names = [
            self.encoding_combo.itemText(i) for i in range(self.encoding_combo.count())
        ]
        self._base_delimiter_names = [
            self.delimiter_combo.itemText(i) for i in range(self.delimiter_combo.count())
        ]

    # -- showing a file ------------------------------------------------------------------------

    def set_file_name(self, name: str) -> None:
        """Name the file being imported."""
        self.file_label.setText(self.tr("File: %1").replace("%1", name))

    def set_table(self, table: CsvTable, has_header: bool, mapping: ColumnMapping) -> None:
        """Show how ``table`` was read, with this header choice and column mapping."""
        self._table = table
        self._updating = True
        try:
            self._show_reading(table)
            self.header_box.setChecked(has_header)
            self._fill_columns(table, has_header, mapping)
        finally:
            self._updating = False

    def _show_reading(self, table: CsvTable) -> None:
        encoding = "utf-8" if table.encoding == "utf-8-sig" else table.encoding
        detected = self.tr("%1 (detected)")
        with_bom = self.tr("%1 with byte order mark (detected)")
        for i, base in enumerate(self._base_encoding_names):
            text = base
            if table.encoding_detected and self.encoding_combo.itemData(i) == encoding:
                text = (with_bom if table.has_bom else detected).replace("%1", base)
            self.encoding_combo.setItemText(i, text)
        self.encoding_combo.setCurrentIndex(max(0, self.encoding_combo.findData(encoding)))
        for i, base in enumerate(self._base_delimiter_names):
            text = base
            if table.delimiter_detected and self.delimiter_combo.itemData(i) == table.delimiter:
                text = detected.replace("%1", base)
            self.delimiter_combo.setItemText(i, text)
        self.delimiter_combo.setCurrentIndex(max(0, self.delimiter_combo.findData(table.delimiter)))

    def column_labels(self, table: CsvTable, has_header: bool) -> list[str]:
        """ "Kundennummer" or "Column 2" for each column."""
        names = header_cells(table, has_header)
        return [
            name or self.tr("Column %1").replace("%1", number(i + 1))
            for i, name in enumerate(names)
        ]

    def _fill_columns(self, table: CsvTable, has_header: bool, mapping: ColumnMapping) -> None:
        labels = self.column_labels(table, has_header)
        first = (
            table.records[data_rows(table, has_header)[0]] if data_rows(table, has_header) else []
        )
        for which, combo in self.field_combos.items():
            combo.clear()
            if which is ImportField.CONFIRMED:
                combo.addItem(self.tr("(none: all not confirmed)"), None)
            else:
                combo.addItem(self.tr("(choose a column)"), None)
            for column, label in enumerate(labels):
                example = first[column].strip() if column < len(first) else ""
                text = label
                if example and not has_header:
                    text = self.tr("%1 (e.g. %2)").replace("%1", label).replace("%2", example)
                combo.addItem(text, column)
            combo.setCurrentIndex(max(0, combo.findData(mapping.column(which))))

    def show_rows(
        self,
        table: CsvTable,
        has_header: bool,
        mapping: ColumnMapping,
        checks: Sequence[ImportRow],
    ) -> None:
        """Show the first rows with their checks; mapped columns say what they are for."""
        labels = self.column_labels(table, has_header)
        field_names = {
            ImportField.EVENT_KEY: self.tr("event key"),
            ImportField.CUSTOMER_NUMBER: self.tr("customer number"),
            ImportField.CONFIRMED: self.tr("confirmed"),
        }
        for which, name in field_names.items():
            column = mapping.column(which)
            if column is not None and column < len(labels):
                labels[column] = (
                    self.tr("%1 → %2").replace("%1", labels[column]).replace("%2", name)
                )
        rows = data_rows(table, has_header)[:PREVIEW_ROWS]
        records = [table.records[i] for i in rows]
        tint = problem_tint(self.table_view.palette())
        self.preview_model.set_rows(records, checks[: len(records)], labels, tint)
        self.table_view.resizeColumnsToContents()
        total = len(data_rows(table, has_header))
        if total > len(records):
            text = self.tr("the first %1 of %2 rows").replace("%1", number(len(records)))
            self.rows_label.setText(text.replace("%2", number(total)))
        else:
            self.rows_label.setText(self.tr("%n row(s)", "", total))

    # -- the person's choices ------------------------------------------------------------------

    def has_header(self) -> bool:
        """Whether the first row is taken as column names."""
        return self.header_box.isChecked()

    def mapping(self) -> ColumnMapping:
        """The column chosen for each field."""
        mapping = ColumnMapping()
        for which, combo in self.field_combos.items():
            column = combo.currentData()
            if isinstance(column, int):
                mapping = mapping.with_column(which, column)
        return mapping

    def set_mapping(self, mapping: ColumnMapping) -> None:
        """Select these columns (a column chosen for one field leaves the others)."""
        self._updating = True
        try:
            for which, combo in self.field_combos.items():
                combo.setCurrentIndex(max(0, combo.findData(mapping.column(which))))
        finally:
            self._updating = False

    def refill_columns(self, mapping: ColumnMapping) -> None:
        """List the columns again (the header choice changed their names)."""
        if self._table is None:
            return
        self._updating = True
        try:
            self._fill_columns(self._table, self.has_header(), mapping)
        finally:
            self._updating = False

    def set_problem(self, message: str) -> None:
        """Say what keeps the file from being imported (empty: nothing)."""
        self.problem_label.set_message(message)

    def set_reading_enabled(self, enabled: bool) -> None:
        """Disable the choices while the file is being read."""
        self.encoding_combo.setEnabled(enabled)
        self.delimiter_combo.setEnabled(enabled)
        usable = enabled and self._table is not None
        self.header_box.setEnabled(usable)
        for combo in self.field_combos.values():
            combo.setEnabled(usable)

    def clear_table(self) -> None:
        """Nothing readable: no rows, no column choices."""
        self._table = None
        self.preview_model.set_rows([], [], [], problem_tint(self.palette()))
        self.rows_label.setText("")
        for combo in self.field_combos.values():
            combo.clear()

    def _encoding_chosen(self, _index: int) -> None:
        if not self._updating:
            self.encoding_chosen.emit(str(self.encoding_combo.currentData()))

    def _delimiter_chosen(self, _index: int) -> None:
        if not self._updating:
            self.delimiter_chosen.emit(str(self.delimiter_combo.currentData()))

    def _column_chosen(self, which: ImportField) -> None:
        """A column serves one field: choosing it for one takes it from the others."""
        column = self.field_combos[which].currentData()
        if isinstance(column, int):
            for other, combo in self.field_combos.items():
                if other is not which and combo.currentData() == column:
                    combo.setCurrentIndex(0)
        self._mapping_edited()

    def _mapping_edited(self, *_: object) -> None:
        if self._updating:
            return
        self.mapping_changed.emit()
