"""The import dialog's pages: reading choices, column mapping, preview marks, accessibility."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QListView,
    QProgressBar,
    QTableView,
    QWidget,
)

from app.application import Application
from app.office.csv_columns import ImportField
from app.ui.import_dialog import CHECK, PREVIEW, ImportDialog
from tests.gui.import_support import (
    TIMEOUT,
    application,
    open_dialog,
    write_csv,
)

__all__ = ["application"]  # a fixture, used by name

GERMAN = [
    "Firma;Kd.-Nr.;Messe;Bestätigt",
    "Müller & Söhne GmbH;10001;EXPO26;ja",
    "Weiß AG;10 002;EXPO26;",
    "Grünwerk;10003;NOPE;vielleicht",
    "Böhm KG;10004;EXPO26",
]


def reread(qtbot, dialog: ImportDialog, combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: dialog._worker is None, timeout=TIMEOUT)


def read_as(dialog: ImportDialog) -> tuple[str, str] | None:
    """How the dialog's file is read now (None: it could not be)."""
    table = dialog.table
    return None if table is None else (table.encoding, table.delimiter)


def test_the_preview_shows_what_was_detected_and_marks_problems(
    qtbot, tmp_path: Path, application: Application
):
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "de.csv", GERMAN, "cp1252"))
    preview = dialog.preview
    assert preview.file_label.text() == "File: de.csv"
    assert preview.encoding_combo.currentText() == "Windows-1252 (Western European) (detected)"
    assert preview.delimiter_combo.currentText() == "Semicolon ( ; ) (detected)"
    assert preview.header_box.isChecked()
    assert preview.field_combos[ImportField.EVENT_KEY].currentText() == "Messe"
    assert preview.field_combos[ImportField.CUSTOMER_NUMBER].currentText() == "Kd.-Nr."
    assert preview.field_combos[ImportField.CONFIRMED].currentText() == "Bestätigt"
    assert preview.rows_label.text().startswith("4 row")
    model = preview.preview_model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Messe → event key"
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"
    assert model.index(0, 0).data() == "Müller & Söhne GmbH"
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    number_cell = model.index(1, 1)
    assert number_cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert number_cell.data(Qt.ItemDataRole.ToolTipRole) == (
        "The customer number “10 002” contains spaces."
    )
    assert model.index(2, 2).data(Qt.ItemDataRole.ToolTipRole) == (
        "There is no event with the key “NOPE”."
    )
    # A short row tints every cell: it names no column.
    assert "different number of fields" in model.index(3, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert preview.problem_label.message() == ""
    assert dialog.next_button.isEnabled()


def test_the_person_can_override_encoding_and_delimiter(
    qtbot, tmp_path: Path, application: Application
):
    lines = ["event key;customer number;company", "EXPO26;10001;Müller, Hans"]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "x.csv", lines, "cp1252"))
    preview = dialog.preview
    reread(qtbot, dialog, preview.encoding_combo, "iso-8859-1")
    assert read_as(dialog) == ("iso-8859-1", ";")
    assert preview.encoding_combo.currentText() == "ISO-8859-1 (Latin-1)"
    assert preview.preview_model.index(0, 2).data() == "Müller, Hans"
    reread(qtbot, dialog, preview.encoding_combo, "utf-8")
    assert read_as(dialog) is None
    assert preview.problem_label.message().startswith("The file cannot be read as UTF-8: line 2")
    assert not dialog.next_button.isEnabled()
    reread(qtbot, dialog, preview.encoding_combo, "cp1252")
    reread(qtbot, dialog, preview.delimiter_combo, ",")
    assert read_as(dialog) == ("cp1252", ",")
    assert preview.problem_label.message().startswith("None of the columns is named like")
    assert not dialog.next_button.isEnabled()


def test_a_missing_column_can_be_chosen_by_hand(qtbot, tmp_path: Path, application: Application):
    lines = ["Termin,Nummer", "EXPO26,10001", "WS26,10002"]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "odd.csv", lines))
    preview = dialog.preview
    assert preview.problem_label.message() == (
        "None of the columns is named like an event key or a customer number. Columns "
        "found: “Termin”, “Nummer”. Choose the columns for the import below."
    )
    assert not dialog.next_button.isEnabled()
    event_combo = preview.field_combos[ImportField.EVENT_KEY]
    event_combo.setCurrentIndex(event_combo.findData(0))
    event_combo.activated.emit(event_combo.currentIndex())
    assert preview.problem_label.message().startswith(
        "Choose the column that holds the customer number. Columns found: “Termin”, “Nummer”."
    )
    number_combo = preview.field_combos[ImportField.CUSTOMER_NUMBER]
    number_combo.setCurrentIndex(number_combo.findData(0))  # takes it from the event key
    number_combo.activated.emit(number_combo.currentIndex())
    assert event_combo.currentData() is None
    event_combo.setCurrentIndex(event_combo.findData(0))
    event_combo.activated.emit(event_combo.currentIndex())
    assert number_combo.currentData() is None
    assert preview.mapping().customer_number is None
    number_combo.setCurrentIndex(number_combo.findData(1))
    number_combo.activated.emit(number_combo.currentIndex())
    assert preview.problem_label.message() == ""
    assert dialog.next_button.isEnabled()


def test_the_header_checkbox_switches_to_contents(qtbot, tmp_path: Path, application: Application):
    lines = ["EXPO26;10001;x", "WS26;10002;"]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "bare.csv", lines))
    preview = dialog.preview
    assert not preview.header_box.isChecked()
    assert preview.field_combos[ImportField.EVENT_KEY].currentText() == "Column 1 (e.g. EXPO26)"
    assert preview.mapping().customer_number == 1
    assert preview.mapping().confirmed == 2
    assert preview.rows_label.text().startswith("2 row")
    preview.header_box.setChecked(True)
    assert preview.field_combos[ImportField.EVENT_KEY].currentText() == "(choose a column)"
    assert preview.problem_label.message().startswith(
        "None of the columns is named like an event key or a customer number. Columns found: "
        "“EXPO26”, “10001”, “x”."
    )
    assert not dialog.next_button.isEnabled()
    preview.header_box.setChecked(False)
    assert dialog.next_button.isEnabled()


def test_file_level_errors_are_said_plainly(qtbot, tmp_path: Path, application: Application):
    cases = {
        "empty.csv": (b"", "The file is empty."),
        "header.csv": (
            b"event key,customer number\r\n",
            "The file has column names but no participant rows below them.",
        ),
        "quotes.csv": (
            b'event key,customer number\r\nEXPO26,"10001\r\nEXPO26,10002\r\n',
            "The quotation mark in line 2 is never closed",
        ),
        "book.xlsx": (b"PK\x03\x04...", "This is an Excel workbook, not a CSV file."),
    }
    for name, (data, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        dialog = open_dialog(qtbot, application, path)
        assert dialog.preview.problem_label.message().startswith(expected), name
        assert not dialog.next_button.isEnabled(), name
        dialog.reject()


def test_fifty_thousand_rows_preview_the_first_hundred(
    qtbot, tmp_path: Path, application: Application
):
    lines = ["event key;customer number;confirmed"]
    lines += [f"EXPO26;{100000 + i};" for i in range(50_000)]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "big.csv", lines))
    assert dialog.preview.preview_model.rowCount() == 100
    assert dialog.preview.rows_label.text() == "the first 100 of 50,000 rows"


def test_back_returns_to_the_preview_and_nothing_is_sent(
    qtbot, tmp_path: Path, application: Application, sandbox
):
    lines = ["event key,customer number", "WS26,10001"]
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "b.csv", lines))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == CHECK
    qtbot.waitUntil(lambda: dialog._worker is None, timeout=TIMEOUT)
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == PREVIEW
    assert sandbox.store.audit_log() == []


def test_every_control_is_named_labelled_and_reachable(
    qtbot, tmp_path: Path, application: Application
):
    dialog = open_dialog(qtbot, application, write_csv(tmp_path / "a.csv", GERMAN, "cp1252"))
    controls = (QAbstractButton, QComboBox, QTableView, QListView, QProgressBar)
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, controls):
            if _inside_qt_part(widget, dialog):
                continue  # Qt's own parts (a view's corner button, a combo's list)
            assert widget.objectName(), widget
            assert widget.accessibleName() or (
                isinstance(widget, QAbstractButton) and widget.text()
            ), widget.objectName()
    # Every caption with a mnemonic has a buddy.
    for label in dialog.findChildren(QLabel):
        if "&" in label.text():
            assert label.buddy() is not None, label.text()
    # Tab goes through the preview's controls in reading order.
    preview = dialog.preview
    order = [
        preview.encoding_combo,
        preview.delimiter_combo,
        preview.header_box,
        preview.field_combos[ImportField.EVENT_KEY],
        preview.field_combos[ImportField.CUSTOMER_NUMBER],
        preview.field_combos[ImportField.CONFIRMED],
        preview.table_view,
    ]
    for before, after in itertools.pairwise(order):
        assert before.nextInFocusChain() is after or _next_focus(before) is after, (
            before.objectName()
        )


def _inside_qt_part(widget: QWidget, dialog: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QAbstractButton | QComboBox | QTableView | QListView):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def _next_focus(widget: QWidget) -> QWidget | None:
    step = widget.nextInFocusChain()
    while step is not None and not step.focusPolicy() & Qt.FocusPolicy.TabFocus:
        step = step.nextInFocusChain()
    return step
