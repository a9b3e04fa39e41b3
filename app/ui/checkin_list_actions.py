"""File > Print check-in list… and Save check-in list as PDF…, for the event being shown.

Both lay out the same :mod:`app.office.checkin_list`. Printing goes through Qt's print
preview (the person prints from there, choosing printer, paper and pages). Saving writes
the PDF on the GUI thread: 2,500 people take about 0.3 s (tests/benchmarks/bench_export.py),
less than the round trip of handing the job to a worker and back would be worth.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, Qt
from PySide6.QtGui import QGuiApplication, QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from app.domain import Event, Participant
from app.office.checkin_list import (
    MARGIN_MM,
    CheckinSheet,
    ConfirmedState,
    checkin_sheet,
    render_checkin_list,
)
from app.office.checkin_pdf import write_checkin_pdf
from app.settings import Settings
from app.ui.save_file import (
    last_folder,
    remember_folder,
    safe_file_name,
    save_error_text,
    with_suffix,
)

SUCCESS_MESSAGE_MS = 10_000


def _suggested_name(event: Event) -> str:
    return safe_file_name(
        QCoreApplication.translate("CheckinListActions", "Check-in list %1").replace(
            "%1", event.event_key
        )
    )


def paint_for_printer(printer: QPrinter, sheet: CheckinSheet) -> int:
    """Paint the list onto ``printer``, only the pages chosen in the print dialog if any."""
    pages = None
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        pages = range(printer.fromPage(), printer.toPage() + 1)
    return render_checkin_list(printer, sheet, pages=pages)


def checkin_preview(
    parent: QWidget,
    event: Event,
    participants: Sequence[Participant],
    *,
    confirmed_state: ConfirmedState | None = None,
) -> QPrintPreviewDialog:
    """The print preview of ``event``'s check-in list (not shown yet)."""
    sheet = checkin_sheet(event, participants, confirmed_state=confirmed_state)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(_suggested_name(event))
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    printer.setPageMargins(margins, QPageLayout.Unit.Millimeter)
    # The list is one printed document; page ranges are offered, selections are not.
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("checkinPrintPreview")
    dialog.setAccessibleName(
        QCoreApplication.translate("CheckinListActions", "Check-in list preview")
    )
    dialog.setWindowTitle(
        QCoreApplication.translate("CheckinListActions", "Print check-in list – %1").replace(
            "%1", event.display_name
        )
    )
    dialog.printer_ = printer  # type: ignore[attr-defined]  # the dialog does not own it
    dialog.paintRequested.connect(lambda device: paint_for_printer(device, sheet))
    return dialog


def print_checkin_list(
    parent: QWidget,
    event: Event,
    participants: Sequence[Participant],
    *,
    confirmed_state: ConfirmedState | None = None,
) -> None:
    """Show the print preview of ``event``'s check-in list; printing starts from there.

    ``confirmed_state`` tells each participant's state as the window shows it (changes still
    being sent included); without it the server's state is printed.
    """
    dialog = checkin_preview(parent, event, participants, confirmed_state=confirmed_state)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exec()


def ask_pdf_path(parent: QWidget, folder: Path, suggested_name: str) -> Path | None:
    """Ask where to save the PDF; ``None`` when the person cancels. Tests replace this."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("CheckinListActions", "Save check-in list as PDF"),
        str(folder / f"{suggested_name}.pdf"),
        QCoreApplication.translate("CheckinListActions", "PDF document (*.pdf)"),
    )
    return with_suffix(Path(name), ".pdf", (".pdf",)) if name else None


def save_checkin_list_pdf(
    parent: QWidget,
    event: Event,
    participants: Sequence[Participant],
    settings: Settings,
    *,
    confirmed_state: ConfirmedState | None = None,
) -> Path | None:
    """Ask for a file and save ``event``'s check-in list there as PDF.

    Returns the saved file, or ``None`` when the person cancelled or saving failed (after
    saying why in a message box). ``confirmed_state`` as in :func:`print_checkin_list`.
    """
    path = ask_pdf_path(parent, last_folder(settings), _suggested_name(event))
    if path is None:
        return None
    remember_folder(settings, path)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        sheet = checkin_sheet(event, participants, confirmed_state=confirmed_state)
        pages = write_checkin_pdf(path, sheet)
    except Exception as error:  # every failure is told to the person, naming the file
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("CheckinListActions", "Saving the check-in list failed"),
            save_error_text(error, path),
        )
        return None
    QGuiApplication.restoreOverrideCursor()
    text = (
        QCoreApplication.translate("CheckinListActions", "Saved “%1”. Pages: %2")
        .replace("%1", path.name)
        .replace("%2", QLocale().toString(pages))
    )
    if isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(text, SUCCESS_MESSAGE_MS)
    else:
        QMessageBox.information(
            parent, QCoreApplication.translate("CheckinListActions", "Check-in list saved"), text
        )
    return path
