"""Render the import dialog's preview and report on demo data; no text may be cut off.

Set ``PARTICIPANT_DESK_SCREENSHOTS=/some/folder`` to keep the PNGs (``import-preview.png``,
``import-report.png``) for a look by eye, or for packaging/screenshots; otherwise they go
to the test's temporary folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from app.application import Application
from app.sandbox import WORKSHOP_KEY, SandboxServer
from app.ui.import_dialog import ImportDialog
from tests.gui.dialogs.test_screenshots import cut_off
from tests.gui.import_support import (
    application,
    check,
    import_and_wait,
    numbers_in,
    open_dialog,
    write_csv,
)

__all__ = ["application"]  # a fixture, used by name


def crm_export(sandbox: SandboxServer, folder: Path) -> Path:
    """What a German CRM exports for the workshop: Windows-1252, semicolons, German names."""
    store = sandbox.store
    lines = ["Firma;Ansprechpartner;Kd.-Nr.;Messe;Bestätigt;Bemerkung"]

    def line(number: str, event: str, confirmed: str, note: str = "") -> str:
        contact = store.contact_by_customer_number(number)
        assert contact is not None
        person = " ".join(part for part in (contact.first_name, contact.last_name) if part)
        return f'"{contact.company_name}";{person};{number};{event};{confirmed};{note}'

    def fits(number: str | None) -> bool:
        """A contact with a company whose names Windows-1252 can store (like the CRM's)."""
        contact = store.contact_by_customer_number(number or "")
        if contact is None or not contact.company_name:
            return False
        text = f"{contact.company_name}{contact.first_name}{contact.last_name}"
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True

    free = [c.customer_number or "" for c in store.free_contacts() if fits(c.customer_number)]
    taking_part = [n for n in numbers_in(sandbox, WORKSHOP_KEY) if fits(n)][:2]
    lines += [
        line(free[0], WORKSHOP_KEY, "ja", "Stand A 12"),
        line(free[1], WORKSHOP_KEY, "ja"),
        line(taking_part[0], WORKSHOP_KEY, "ja", "schon angemeldet"),
        line(free[2], WORKSHOP_KEY, "", "Rechnung offen"),
        line(free[3], WORKSHOP_KEY, "nein"),
        line(free[4], "WS25", "ja", "Vorjahr"),
        line(free[5], WORKSHOP_KEY, "vielleicht"),
        line(free[1], WORKSHOP_KEY, "ja", "doppelt"),
        line(taking_part[1], WORKSHOP_KEY, ""),
        line(free[6], WORKSHOP_KEY, "x"),
        '"Bäckerei Groß";Anna Groß;;' + WORKSHOP_KEY + ";ja;Nummer fehlt",
        line(free[7], WORKSHOP_KEY, "ja", "Halle 3"),
        line(free[8], WORKSHOP_KEY, ""),
    ]
    return write_csv(folder / "Teilnehmer Workshop März.csv", lines, "cp1252")


def save(widget: QWidget, folder: Path, name: str) -> None:
    image = widget.grab()
    assert not image.isNull()
    assert image.save(str(folder / f"{name}.png"))


def test_preview_and_report_render_without_cut_off_text(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer
):
    folder = Path(os.environ.get("PARTICIPANT_DESK_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    dialog: ImportDialog = open_dialog(qtbot, application, crm_export(sandbox, tmp_path))
    qtbot.waitExposed(dialog)
    dialog.resize(980, 640)  # a desktop's size: the offscreen screen is smaller
    QApplication.processEvents()
    assert cut_off(dialog) == []
    save(dialog, folder, "import-preview")

    check(qtbot, dialog)
    assert cut_off(dialog) == []
    import_and_wait(qtbot, dialog)
    dialog.report_page.table_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    QApplication.processEvents()
    assert cut_off(dialog) == []
    save(dialog, folder, "import-report")


def test_at_twice_the_font_size_nothing_is_cut_off(
    qtbot, tmp_path: Path, application: Application, sandbox: SandboxServer
):
    folder = Path(os.environ.get("PARTICIPANT_DESK_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    normal = qt_app.font()
    large = QFont(normal)
    large.setPointSizeF(normal.pointSizeF() * 2)
    qt_app.setFont(large)
    try:
        dialog = open_dialog(qtbot, application, crm_export(sandbox, tmp_path))
        qtbot.waitExposed(dialog)
        dialog.resize(dialog.sizeHint().expandedTo(QSize(1600, 1000)))
        QApplication.processEvents()
        assert cut_off(dialog) == []
        save(dialog, folder, "import-preview-200-percent")
        check(qtbot, dialog)
        QApplication.processEvents()
        assert cut_off(dialog) == []
        save(dialog, folder, "import-check-200-percent")
    finally:
        qt_app.setFont(normal)
