"""The main window's File menu reaches the office tools: import, export, check-in list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication

from app.application import Application
from app.office.view_export import ExportFormat
from app.settings import Settings
from app.ui.import_dialog import ImportDialog
from tests.i18n.screens import start_demo

TIMEOUT = 30_000


@pytest.fixture
def demo(qtbot, tmp_path: Path, settings: Settings) -> Iterator[Application]:
    application = start_demo(qtbot, tmp_path, settings)
    yield application
    application.shutdown()


def test_office_actions_follow_the_view(demo):
    window = demo.main_window
    assert window.action_import.isEnabled()
    assert window.action_export.isEnabled()
    assert window.action_print.isEnabled()  # the demo opens on one event
    assert window.action_save_pdf.isEnabled()


def test_export_view_writes_the_rows_shown(demo, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "view.csv"
    monkeypatch.setattr(
        "app.ui.export_actions.ask_export_target", lambda *_: (target, ExportFormat.CSV)
    )
    window = demo.main_window
    window.filter_bar.search_edit.setText("GmbH")
    qtbot.waitUntil(lambda: 0 < demo.controller.proxy.rowCount() < 600, timeout=TIMEOUT)
    shown = demo.controller.proxy.rowCount()
    window.action_export.trigger()
    qtbot.waitUntil(target.exists, timeout=TIMEOUT)
    lines = target.read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == shown + 1  # header + the rows the search left


def test_save_checkin_list_pdf(demo, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "list.pdf"
    monkeypatch.setattr("app.ui.checkin_list_actions.ask_pdf_path", lambda *_: target)
    demo.main_window.action_save_pdf.trigger()
    reader = PdfReader(target)
    assert len(reader.pages) > 1
    words = (reader.pages[0].extract_text() or "").split()
    assert words[-4:] == ["Page", "1", "of", str(len(reader.pages))]


def test_import_action_opens_the_import_dialog(demo, qtbot, tmp_path, monkeypatch):
    source = tmp_path / "crm.csv"
    source.write_text("event key,customer number\r\nWS26,10001\r\n", encoding="utf-8")
    monkeypatch.setattr(
        "app.ui.import_dialog.QFileDialog.getOpenFileName", lambda *_: (str(source), "")
    )
    demo.main_window.action_import.trigger()
    qtbot.waitUntil(
        lambda: any(isinstance(w, ImportDialog) for w in QApplication.topLevelWidgets()),
        timeout=TIMEOUT,
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog))
    assert dialog.isVisible()
    dialog.close()
