"""Choosing where an export goes: file names, suffixes, the remembered folder, the file dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from app.office.view_export import ExportFormat
from app.settings import EXPORT_FOLDER, Settings
from app.ui.export_actions import ask_export_target
from app.ui.save_file import last_folder, remember_folder, safe_file_name, with_suffix


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("EXPO26 participants", "EXPO26 participants"),
        ("Q1/Q2: Grün & Gärten?", "Q1 Q2 Grün & Gärten"),
        ('a<b>"c"|d*', "a b c d"),
        ("  ...  ", "export"),
    ],
)
def test_file_names_are_safe_everywhere(text, name):
    assert safe_file_name(text) == name


def test_suffix_is_added_unless_typed():
    assert with_suffix(Path("/x/list"), ".pdf", (".pdf",)) == Path("/x/list.pdf")
    assert with_suffix(Path("/x/list.PDF"), ".pdf", (".pdf",)) == Path("/x/list.PDF")
    assert with_suffix(Path("/x/v1.2"), ".csv", (".csv",)) == Path("/x/v1.2.csv")


def test_the_folder_is_remembered_and_forgotten_when_gone(settings: Settings, tmp_path):
    assert last_folder(settings).is_dir()  # Documents (or home) at first
    folder = tmp_path / "exports"
    folder.mkdir()
    remember_folder(settings, folder / "list.csv")
    assert settings.get(EXPORT_FOLDER) == str(folder)
    assert last_folder(settings) == folder
    folder.rmdir()
    assert last_folder(settings) != folder


@pytest.mark.parametrize(
    ("answer", "chosen_filter", "expected"),
    [
        ("/x/list", "Excel workbook (*.xlsx)", (Path("/x/list.xlsx"), ExportFormat.XLSX)),
        ("/x/list", "CSV for Excel (*.csv)", (Path("/x/list.csv"), ExportFormat.CSV)),
        ("/x/list.csv", "Excel workbook (*.xlsx)", (Path("/x/list.csv"), ExportFormat.CSV)),
        ("/x/list.XLSX", "CSV for Excel (*.csv)", (Path("/x/list.XLSX"), ExportFormat.XLSX)),
        ("", "CSV for Excel (*.csv)", None),
    ],
)
def test_file_dialog_answer_decides_the_format(qtbot, monkeypatch, answer, chosen_filter, expected):
    asked = []

    def dialog(_parent, caption, start, filters, selected):
        asked.append((caption, start, filters, selected))
        return answer, chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    parent = QWidget()
    qtbot.addWidget(parent)
    result = ask_export_target(parent, Path("/docs"), "EXPO26: participants", ExportFormat.CSV)
    assert result == expected
    caption, start, filters, selected = asked[0]
    assert caption == "Export view"
    assert start == str(Path("/docs/EXPO26 participants.csv"))
    assert filters == "CSV for Excel (*.csv);;Excel workbook (*.xlsx)"
    assert selected == "CSV for Excel (*.csv)"
