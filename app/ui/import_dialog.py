"""Import participants from a CSV file: preview, check, send through the outbox, report.

Four pages in one dialog. Nothing is sent before the person presses "Import N
participants" on the check page, and the check page has said by then how many rows are
ready, invalid, already participating or repeated, and how many requests that takes.
Reading the file and asking Plandocket who already takes part run on the worker pool; the
GUI thread only lays out what they found.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.api.errors import PlandocketError
from app.budget import RequestBudget
from app.office.csv_columns import (
    check_mapping,
    looks_like_header,
    suggest_mapping,
)
from app.office.csv_import import CsvTable, read_file
from app.office.csv_rows import ImportRow, check_rows
from app.office.existing_participants import ExistingParticipants, fetch_existing
from app.office.import_messages import CsvImportError
from app.office.import_pacing import MAX_IN_FLIGHT, Allowance, WaitReason, estimate
from app.office.import_results import RowOutcome, RowResult, write_report
from app.ui.import_check import CheckPage, CheckSummary
from app.ui.import_preview import PREVIEW_ROWS, PreviewPage
from app.ui.import_report import ReportPage
from app.ui.import_run import RECHECK_MS, ImportRun
from app.ui.import_sending import SendingPage
from app.ui.import_texts import message_text, number
from app.ui.participants_controller import ParticipantsController
from app.workers import Worker

log = logging.getLogger(__name__)

PREVIEW, CHECK, SENDING, REPORT = range(4)


@dataclass(frozen=True, slots=True)
class _Checked:
    """What the check worker hands back."""

    results: list[RowResult]
    ready: list[int]  # indexes into results of the rows to send
    summary: CheckSummary


class StopQuestionTexts(QObject):
    """The counted sentences of the stop question (lupdate sees plurals only in self.tr)."""

    def handed_over(self, count: int) -> str:
        return self.tr("%n row(s) already handed over will still be sent.", "", count)

    def not_sent(self, count: int) -> str:
        return self.tr("%n row(s) will not be sent.", "", count)


class ImportDialog(QDialog):
    """The CSV import, from choosing columns to the per-row report.

    ``budget`` None means no hourly limit is known (nothing is paced). ``clock`` is the
    time source for "continues at" (tests move it on).
    """

    def __init__(
        self,
        controller: ParticipantsController,
        budget: RequestBudget | None,
        path: Path,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import Participants from CSV"))
        self.setAccessibleName(self.tr("Import participants from CSV"))
        self.setSizeGripEnabled(True)
        self.controller = controller
        self.budget = budget
        self.path = Path(path)
        self.clock = clock
        self.recheck_ms = RECHECK_MS
        self.max_in_flight = MAX_IN_FLIGHT
        self.table: CsvTable | None = None
        self.run: ImportRun | None = None
        self.results: list[RowResult] = []
        self._ready: list[int] = []
        self._checked_session: object = None  # the account the check asked
        self._encoding: str | None = None  # None: detect
        self._delimiter: str | None = None
        self._has_header = False
        self._generation = 0  # answers of older reads and checks are dropped
        self._worker: Worker | None = None
        self._report_refresh = QTimer(self)
        self._report_refresh.setSingleShot(True)
        self._report_refresh.setInterval(200)
        self._report_refresh.timeout.connect(self._refresh_report)

        self._build()
        self._show_page(PREVIEW)
        self.preview.set_file_name(self.path.name)
        self._read()

    @classmethod
    def choose_file(
        cls,
        controller: ParticipantsController,
        budget: RequestBudget | None,
        parent: QWidget | None = None,
        start_folder: str = "",
    ) -> ImportDialog | None:
        """Ask for a CSV file and open the (window-modal) import dialog on it; None if none."""
        name, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("ImportDialog", "Import Participants from CSV"),
            start_folder,
            QCoreApplication.translate("ImportDialog", "CSV files (*.csv *.txt);;All files (*)"),
        )
        if not name:
            return None
        dialog = cls(controller, budget, Path(name), parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("importHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)

        self.preview = PreviewPage(self)
        self.check_page = CheckPage(self)
        self.sending_page = SendingPage(self)
        self.report_page = ReportPage(self.results, self)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("importPages")
        for page in (self.preview, self.check_page, self.sending_page, self.report_page):
            self.pages.addWidget(page)

        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        layout.addLayout(self.button_row)

        self.preview.encoding_chosen.connect(self._encoding_chosen)
        self.preview.delimiter_chosen.connect(self._delimiter_chosen)
        self.preview.mapping_changed.connect(self._mapping_changed)
        self.check_page.retry_requested.connect(self._start_check)
        self.report_page.save_button.clicked.connect(self.save_report)

        self.resize(self._first_size())

    def _first_size(self) -> QSize:
        """Room for the column choices and a dozen rows, in text units, within the screen."""
        metrics = self.fontMetrics()
        wanted = QSize(metrics.averageCharWidth() * 150, metrics.height() * 36)
        available = self.screen().availableGeometry().size() * 0.9
        return wanted.boundedTo(available)

    def _build_buttons(self) -> None:
        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setObjectName("importBusy")
        self.busy_indicator.setAccessibleName(self.tr("Working"))
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setMaximumWidth(self.fontMetrics().averageCharWidth() * 10)
        self.busy_indicator.setVisible(False)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("importBusyText")
        self.busy_label.setVisible(False)

        self.back_button = QPushButton(self.tr("< &Back"), self)
        self.back_button.setObjectName("importBack")
        self.back_button.setAccessibleName(self.tr("Back"))
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("importNext")
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.close_button = QPushButton(self.tr("&Close"), self)
        self.close_button.setObjectName("importClose")
        self.close_button.setAccessibleName(self.tr("Close"))

        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.busy_indicator)
        self.button_row.addWidget(self.busy_label)
        self.button_row.addStretch(1)
        for button in (self.back_button, self.next_button, self.cancel_button, self.close_button):
            button.setAutoDefault(False)
            self.button_row.addWidget(button)
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.close_button.clicked.connect(self.accept)

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        titles = {
            PREVIEW: self.tr("Step 1 of 4: Preview and columns"),
            CHECK: self.tr("Step 2 of 4: Check"),
            SENDING: self.tr("Step 3 of 4: Sending"),
            REPORT: self.tr("Step 4 of 4: Report"),
        }
        self.heading.setText(titles[page])
        self.back_button.setVisible(page == CHECK)
        self.next_button.setVisible(page in (PREVIEW, CHECK))
        self.cancel_button.setVisible(page != REPORT)
        self.close_button.setVisible(page == REPORT)
        if page == PREVIEW:
            self.next_button.setText(self.tr("&Check rows"))
            self.next_button.setAccessibleName(self.tr("Check rows"))
        if page == CHECK:
            self.next_button.setText(self.tr("&Import"))
            self.next_button.setAccessibleName(self.tr("Import"))
        if page == SENDING:
            self.cancel_button.setText(self.tr("Cancel"))
        if page == REPORT:
            self.close_button.setDefault(True)
            self.close_button.setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        busy = self._worker is not None
        if page == PREVIEW:
            self.next_button.setEnabled(not busy and self._mapping_problem() is None)
        elif page == CHECK:
            self.next_button.setEnabled(not busy and bool(self._ready))

    def _set_busy(self, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))
        self.busy_indicator.setVisible(bool(text))
        self.preview.set_reading_enabled(not text)
        self._update_buttons()

    # -- reading the file ----------------------------------------------------------------------

    def _read(self) -> None:
        self._generation += 1
        generation = self._generation
        path, encoding, delimiter = self.path, self._encoding, self._delimiter

        def task(_worker: Worker) -> CsvTable:
            return read_file(path, encoding=encoding, delimiter=delimiter)

        self._cancel_worker()
        self._worker = self.controller.pool.submit(
            task,
            name="import-read",
            on_result=lambda table: self._read_done(generation, table),
            on_error=lambda error: self._read_failed(generation, error),
        )
        self._set_busy(self.tr("Reading %1…").replace("%1", self.path.name))

    def _read_done(self, generation: int, table: CsvTable) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self._worker = None
        self.table = table
        self._has_header = looks_like_header(table)
        mapping = suggest_mapping(table, self._has_header, self.known_events())
        self.preview.set_table(table, self._has_header, mapping)
        self._set_busy("")
        self._recheck_preview()

    def _read_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self._worker = None
        self.table = None
        self.preview.clear_table()
        if isinstance(error, CsvImportError):
            self.preview.set_problem(message_text(error.message))
        else:
            log.exception("reading %s failed", self.path, exc_info=error)
            self.preview.set_problem(
                self.tr("The file could not be read: %1").replace("%1", str(error))
            )
        self._set_busy("")

    def _encoding_chosen(self, encoding: str) -> None:
        self._encoding = encoding
        self._read()

    def _delimiter_chosen(self, delimiter: str) -> None:
        self._delimiter = delimiter
        self._read()

    # -- the preview ---------------------------------------------------------------------------

    def known_events(self) -> list[str] | None:
        """The event keys of the account, when the key may list events (else None)."""
        session = self.controller.session
        if session is None or not session.can_list_events or not self.controller.events:
            return None
        return [event.event_key for event in self.controller.events]

    def _mapping_changed(self) -> None:
        if self.table is None:
            return
        if self.preview.has_header() != self._has_header:
            # Other column names: suggest again from the names (or the contents).
            self._has_header = self.preview.has_header()
            mapping = suggest_mapping(self.table, self._has_header, self.known_events())
            self.preview.refill_columns(mapping)
        self._recheck_preview()

    def _mapping_problem(self) -> str | None:
        if self.table is None:
            return ""
        try:
            check_mapping(self.table, self.preview.has_header(), self.preview.mapping())
        except CsvImportError as error:
            return message_text(error.message)
        return None

    def _recheck_preview(self) -> None:
        table = self.table
        if table is None:
            return
        has_header, mapping = self.preview.has_header(), self.preview.mapping()
        checks = check_rows(table, has_header, mapping, self.known_events(), limit=PREVIEW_ROWS)
        self.preview.show_rows(table, has_header, mapping, checks)
        self.preview.set_problem(self._mapping_problem() or "")
        self._update_buttons()

    # -- checking ------------------------------------------------------------------------------

    def _next(self) -> None:
        page = self.pages.currentIndex()
        if page == PREVIEW and self.next_button.isEnabled():
            self._show_page(CHECK)
            self._start_check()
        elif page == CHECK and self._ready:
            self.start_sending()

    def _back(self) -> None:
        if self.pages.currentIndex() == CHECK:
            self._cancel_worker()
            self._set_busy("")
            self._show_page(PREVIEW)

    def _start_check(self) -> None:
        table = self.table
        session = self.controller.session
        self.check_page.clear()
        self._ready = []
        if table is None:
            return
        if session is None:
            self.check_page.set_error(self.tr("Open a Plandocket account first."))
            return
        self._generation += 1
        generation = self._generation
        self._checked_session = session
        has_header, mapping = self.preview.has_header(), self.preview.mapping()
        known_events = self.known_events()
        shown = self.controller.filters.event_key or ""
        loaded = self.controller.loaded_customer_numbers(shown) if shown else None
        known_numbers = {shown: loaded} if loaded is not None else {}
        client = session.client
        budget = self.budget
        pending = self.controller.pending_count

        def task(worker: Worker) -> _Checked:
            rows = check_rows(table, has_header, mapping, known_events)
            keys = [row.event_key for row in rows if row.is_valid]
            existing = fetch_existing(
                client,
                keys,
                known=known_numbers,
                stop=lambda: worker.cancelled,
                progress=lambda done, total: worker.report((done, total)),
            )
            worker.check_cancelled()
            return self._classify(rows, existing, budget, pending)

        self._cancel_worker()
        self._worker = self.controller.pool.submit(
            task,
            name="import-check",
            on_progress=lambda done_total: self._check_progress(generation, done_total),
            on_result=lambda checked: self._check_done(generation, checked),
            on_error=lambda error: self._check_failed(generation, error),
        )
        self._set_busy(self.tr("Checking which customers already take part…"))

    def _classify(
        self,
        rows: list[ImportRow],
        existing: ExistingParticipants,
        budget: RequestBudget | None,
        pending: int,
    ) -> _Checked:
        """Outcome of each row before sending, and the summary (runs on the worker)."""
        results: list[RowResult] = []
        ready: list[int] = []
        problems: list[str] = []
        invalid = duplicates = already = 0
        row_template = self.tr("Row %1: %2")
        for row in rows:
            if not row.is_valid:
                reason = " ".join(message_text(problem) for problem in row.problems)
                results.append(RowResult(row, RowOutcome.INVALID, reason))
                problems.append(row_template.replace("%1", number(row.row)).replace("%2", reason))
                if row.duplicate_of is not None:
                    duplicates += 1
                else:
                    invalid += 1
            elif existing.takes_part(row.event_key, row.customer_number):
                results.append(RowResult(row, RowOutcome.ALREADY))
                already += 1
            else:
                ready.append(len(results))
                results.append(RowResult(row, RowOutcome.WAITING))
        summary = CheckSummary(
            ready=len(ready),
            invalid=invalid,
            already=already,
            duplicates=duplicates,
            problems=problems,
            check_requests=existing.requests,
            estimate=estimate(budget, len(ready), pending),
        )
        return _Checked(results, ready, summary)

    def _check_progress(self, generation: int, done_total: tuple[int, int]) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        done, total = done_total
        if total > 1:
            text = self.tr("Checking which customers already take part (event %1 of %2)…")
            self._set_busy(
                text.replace("%1", number(min(done + 1, total))).replace("%2", number(total))
            )

    def _check_done(self, generation: int, checked: _Checked) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self._worker = None
        self.report_page.model.replace_all(checked.results)  # fills self.results in place
        self._ready = checked.ready
        self.check_page.show_summary(checked.summary)
        count = len(self._ready)
        self.next_button.setText(self.tr("&Import %n participant(s)", "", count))
        self.next_button.setAccessibleName(self.tr("Import %n participant(s)", "", count))
        self._set_busy("")
        if not self._ready:
            self.check_page.budget_label.setText(self.tr("There is nothing to import."))

    def _check_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self._worker = None
        if isinstance(error, PlandocketError):
            reason = error.user_message
        else:
            log.exception("the import check failed", exc_info=error)
            reason = str(error)
        self.check_page.set_error(
            self.tr("Could not ask Plandocket who already takes part: %1").replace("%1", reason)
        )
        self._set_busy("")

    # -- sending -------------------------------------------------------------------------------

    def start_sending(self) -> None:
        """Hand the ready rows to the outbox (the "Import N participants" button)."""
        if self.run is not None or not self._ready:
            return
        if self.controller.session is not self._checked_session:
            self._start_check()  # another account now: its participants were not asked
            return
        self._show_page(SENDING)
        run = ImportRun(
            self.controller,
            self.budget,
            self.results,
            self._ready,
            clock=self.clock,
            recheck_ms=self.recheck_ms,
            max_in_flight=self.max_in_flight,
            parent=self,
        )
        self.run = run
        run.progress.connect(self.sending_page.set_progress)
        run.waiting.connect(self._show_wait)
        run.row_changed.connect(self._row_changed)
        run.rows_changed.connect(self._rows_changed)
        run.finished.connect(self._sending_finished)
        self.sending_page.set_progress(0, run.total)
        run.start()

    def _show_wait(self, allowed: Allowance | None) -> None:
        if self.run is not None and self.run.cancelled:
            return
        self.sending_page.set_status(self.wait_text(allowed))

    def wait_text(self, allowed: Allowance | None) -> str:
        """What the sending page says while the import waits (empty while it sends)."""
        if allowed is None or allowed.reason is None:
            return ""
        if allowed.reason is WaitReason.QUEUE:
            return self.tr("Waiting for earlier changes in the outbox to be sent first.")
        if not math.isfinite(allowed.wait_seconds):
            return self.tr(
                "Waiting for the hourly request limit — it is too small to continue with "
                "requests kept for the check-in desks. Cancel, or ask for a larger plan."
            )
        at = QDateTime.fromMSecsSinceEpoch(int((self.clock() + allowed.wait_seconds) * 1000))
        clock_time = QLocale().toString(at.time(), QLocale.FormatType.ShortFormat)
        return self.tr("Waiting for the hourly request limit — continues at %1.").replace(
            "%1", clock_time
        )

    def _row_changed(self, index: int) -> None:
        if self.pages.currentIndex() == REPORT:
            self.report_page.model.row_changed(index)
            self._report_refresh.start()

    def _rows_changed(self) -> None:
        if self.pages.currentIndex() == REPORT:
            self._report_refresh.start()

    def _cancel_clicked(self) -> None:
        run = self.run
        if self.pages.currentIndex() != SENDING or run is None:
            self.reject()
            return
        if not run.cancelled:
            run.cancel()
            if run.is_running:
                self._show_stopping()
        else:
            run.give_up_waiting()

    def _show_stopping(self) -> None:
        run = self.run
        assert run is not None
        self.sending_page.set_status(
            self.tr(
                "Stopping: waiting for the answers to %n row(s) already handed over. They "
                "stay in the outbox and are sent in any case.",
                "",
                run.in_flight,
            )
        )
        self.cancel_button.setText(self.tr("Show report &now"))
        self.cancel_button.setAccessibleName(self.tr("Show report now"))

    def _sending_finished(self) -> None:
        self._show_page(REPORT)
        self._refresh_report()
        added = {r.row.event_key for r in self.results if r.outcome is RowOutcome.ADDED}
        self.controller.show_imported(added)

    def _refresh_report(self) -> None:
        self.report_page.refresh()

    # -- the report ----------------------------------------------------------------------------

    @classmethod
    def ask_report_path(cls, parent: QWidget, suggested: Path) -> Path | None:
        """Where to save the report (None: the person cancelled); tests replace this."""
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("ImportDialog", "Save Import Report"),
            str(suggested),
            QCoreApplication.translate("ImportDialog", "CSV files (*.csv)"),
        )
        return Path(name) if name else None

    def save_report(self) -> None:
        """Ask where, then write the report on a worker."""
        suggested = self.path.with_name(f"{self.path.stem}-report.csv")
        target = self.ask_report_path(self, suggested)
        if target is None:
            return
        model = self.report_page.model
        header = model.headers()
        rows = [model.cells(result) for result in self.results]
        delimiter = self.table.delimiter if self.table is not None else ","

        def task(_worker: Worker) -> Path:
            write_report(target, header, rows, delimiter)
            return target

        self.report_page.save_button.setEnabled(False)
        self.report_page.save_status.setText(self.tr("Saving…"))
        self.controller.pool.submit(
            task, name="import-report", on_result=self._saved, on_error=self._save_failed
        )

    def _saved(self, path: Path) -> None:
        if not shiboken6.isValid(self):
            return
        self.report_page.save_button.setEnabled(True)
        self.report_page.save_status.setText(
            self.tr("Report saved to %1.").replace("%1", str(path))
        )

    def _save_failed(self, error: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        self.report_page.save_button.setEnabled(True)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.report_page.save_status.setText(
            self.tr("The report could not be saved: %1").replace("%1", reason)
        )

    # -- closing -------------------------------------------------------------------------------

    @classmethod
    def confirm_stop(cls, parent: QWidget, handed_over: int, not_sent: int) -> bool:
        """Ask before closing while sending; tests replace this."""
        box = QMessageBox(parent)
        box.setObjectName("importConfirmStop")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("ImportDialog", "Stop the Import?"))
        box.setText(QCoreApplication.translate("ImportDialog", "Stop the import and close?"))
        texts = StopQuestionTexts()
        handed = texts.handed_over(handed_over)
        rest = texts.not_sent(not_sent)
        box.setInformativeText(f"{handed} {rest}")
        stop = box.addButton(
            QCoreApplication.translate("ImportDialog", "&Stop and Close"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(
            QCoreApplication.translate("ImportDialog", "&Keep Importing"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.exec()
        return box.clickedButton() is stop

    def reject(self) -> None:
        """Esc, the window's close button, Cancel: ask first while rows are being sent."""
        run = self.run
        if run is not None and run.is_running and not run.cancelled:
            not_sent = run.total - run.handed_over
            if not self.confirm_stop(self, run.handed_over, not_sent):
                return
            run.cancel()
        self._cancel_worker()
        super().reject()

    def _cancel_worker(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
