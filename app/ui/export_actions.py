"""File > Export view…: save what the participants table shows as CSV for Excel or as XLSX.

The snapshot of the view is taken at once on the GUI thread (rows in the view's order,
shown columns in header order); the file is written on the worker pool with a progress
dialog that appears only when the export takes a while and can cancel it. Success shows
the row count in the status bar (or a message box without one); failure says which file
and why, and leaves no partial file behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QWidget,
)

from app.office.export_writers import csv_delimiter
from app.office.view_export import ExportFormat, ViewSnapshot, take_snapshot, write_snapshot
from app.settings import EXPORT_FORMAT, Settings
from app.ui.save_file import (
    last_folder,
    remember_folder,
    safe_file_name,
    save_error_text,
    with_suffix,
)
from app.workers import Worker, WorkerPool

#: Show the progress dialog only for exports that take longer than this.
PROGRESS_DELAY_MS = 400
SUCCESS_MESSAGE_MS = 10_000
_SUFFIXES = {ExportFormat.CSV: ".csv", ExportFormat.XLSX: ".xlsx"}


def _filters() -> dict[ExportFormat, str]:
    return {
        ExportFormat.CSV: QCoreApplication.translate("ViewExport", "CSV for Excel (*.csv)"),
        ExportFormat.XLSX: QCoreApplication.translate("ViewExport", "Excel workbook (*.xlsx)"),
    }


def ask_export_target(
    parent: QWidget, folder: Path, suggested_name: str, preferred: ExportFormat
) -> tuple[Path, ExportFormat] | None:
    """Ask where to save and as what; ``None`` when the person cancels. Tests replace this."""
    filters = _filters()
    start = folder / (safe_file_name(suggested_name) + _SUFFIXES[preferred])
    name, chosen_filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ViewExport", "Export view"),
        str(start),
        ";;".join(filters.values()),
        filters[preferred],
    )
    if not name:
        return None
    path = Path(name)
    # A typed suffix wins over the filter; without one, the filter decides.
    by_suffix = {suffix: kind for kind, suffix in _SUFFIXES.items()}.get(path.suffix.lower())
    chosen = next((kind for kind, text in filters.items() if text == chosen_filter), preferred)
    file_format = by_suffix or chosen
    return with_suffix(path, _SUFFIXES[file_format], (_SUFFIXES[file_format],)), file_format


class ViewExport(QObject):
    """One export on the worker pool: progress while it runs, a message when it ends.

    Signals: ``succeeded(int)`` with the rows written, ``failed(str)`` with the sentence
    shown, ``ended()`` once either way (also when cancelled).
    """

    succeeded = Signal(int)
    failed = Signal(str)
    ended = Signal()

    def __init__(
        self,
        parent: QWidget,
        snapshot: ViewSnapshot,
        path: Path,
        file_format: ExportFormat,
        *,
        delimiter: str = ",",
        sheet: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("viewExport")
        self._widget = parent
        self.snapshot = snapshot
        self.path = path
        self.file_format = file_format
        self._delimiter = delimiter
        self._sheet = sheet
        self._worker: Worker | None = None
        self._progress_closed = False
        total = len(snapshot.rows)
        self.progress = QProgressDialog(parent)
        self.progress.setObjectName("exportProgress")
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setWindowTitle(self.tr("Export view"))
        self.progress.setLabelText(self.tr("Saving “%1”…").replace("%1", path.name))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setRange(0, max(total, 1))
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.progress.canceled.connect(self.cancel)
        # Starts the clock: the dialog appears only if the export is still running by then.
        self.progress.setValue(0)

    def start(self, pool: WorkerPool) -> Worker:
        """Write the file on ``pool``."""
        snapshot, path, file_format = self.snapshot, self.path, self.file_format
        delimiter, sheet = self._delimiter, self._sheet

        def write(worker: Worker) -> int:
            def progress(rows: int) -> None:
                worker.check_cancelled()  # raising here removes the partial file
                worker.report(rows)

            return write_snapshot(
                snapshot, path, file_format, delimiter=delimiter, sheet=sheet, progress=progress
            )

        self._worker = pool.submit(
            write,
            name="export-view",
            on_progress=self._on_progress,
            on_result=self._on_done,
            on_error=self._on_error,
            on_finished=self._on_finished,
        )
        return self._worker

    def cancel(self) -> None:
        """Stop the export; the target file is left as it was."""
        if self._worker is not None:
            self._worker.cancel()

    def _on_progress(self, rows: Any) -> None:
        if isinstance(rows, int) and not self.progress.wasCanceled():
            self.progress.setValue(rows)

    def _on_done(self, rows: Any) -> None:
        count = int(rows)
        self._close_progress()
        # No plural form needed: English reads right without a translation file.
        text = (
            self.tr("Exported to “%1”. Rows: %2")
            .replace("%1", self.path.name)
            .replace("%2", QLocale().toString(count))
        )
        if isinstance(self._widget, QMainWindow):
            self._widget.statusBar().showMessage(text, SUCCESS_MESSAGE_MS)
        else:
            QMessageBox.information(self._widget, self.tr("Export view"), text)
        self.succeeded.emit(count)

    def _on_error(self, error: Exception) -> None:
        text = save_error_text(error, self.path)
        self._close_progress()
        QMessageBox.warning(self._widget, self.tr("Export failed"), text)
        self.failed.emit(text)

    def _on_finished(self) -> None:
        self._close_progress()
        self.ended.emit()
        self.deleteLater()

    def _close_progress(self) -> None:
        if self._progress_closed:
            return
        self._progress_closed = True
        self.progress.canceled.disconnect(self.cancel)
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()


def _preferred_format(settings: Settings) -> ExportFormat:
    """The file type chosen last time (XLSX at first: it opens right in every locale)."""
    try:
        return ExportFormat(settings.get(EXPORT_FORMAT))
    except ValueError:
        return ExportFormat.XLSX


def export_view(
    parent: QWidget,
    table: QTableView,
    pool: WorkerPool,
    settings: Settings,
    suggested_name: str,
) -> ViewExport | None:
    """Ask for a file and export what ``table`` shows to it (CSV for Excel or XLSX).

    Returns the running export (``None`` when the person cancelled the file dialog). The
    CSV delimiter follows the system's regional settings, which Excel itself uses: ``;``
    where the decimal point is a comma, ``,`` elsewhere.
    """
    target = ask_export_target(
        parent, last_folder(settings), suggested_name, _preferred_format(settings)
    )
    if target is None:
        return None
    path, file_format = target
    remember_folder(settings, path)
    settings.set(EXPORT_FORMAT, file_format.value)
    snapshot = take_snapshot(table.model(), table.horizontalHeader())
    export = ViewExport(
        parent,
        snapshot,
        path,
        file_format,
        delimiter=csv_delimiter(QLocale.system().decimalPoint()),
        sheet=suggested_name,
    )
    export.start(pool)
    return export
