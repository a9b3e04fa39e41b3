"""The check-in desk: one big input, one unmistakable result, counts always in view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.desk.results import DeskResult, ResultKind
from app.domain import Event, Participant
from app.resources import icon
from app.settings import (
    DESK_EVENT_KEY,
    DESK_KIOSK_PIN_HASH,
    DESK_MUTED,
    DESK_REQUIRE_ENTER,
    DESK_RESULT_SECONDS,
    Settings,
)
from app.ui.desk.arrivals_chart import ArrivalsChart
from app.ui.desk.counter import CheckinCounter
from app.ui.desk.desk_controller import DeskController, pick_label
from app.ui.desk.desk_settings import DeskSettingsDialog
from app.ui.desk.pin_dialog import PinDialog
from app.ui.desk.recent_list import RecentCheckins
from app.ui.desk.result_panel import CheckinResultPanel
from app.ui.desk.scan_guard import ScannerGuard
from app.ui.desk.scan_input import ScanInput
from app.ui.dialogs.add_participant import AddParticipantDialog
from app.ui.event_picker import EventPicker
from app.ui.sounds import SoundPlayer

QUEUED_SCAN_POLL_MS = 100
COUNTS_INTERVAL_MS = 100


class DeskWindow(QMainWindow):
    """Presents one :class:`DeskController`; full screen and locked by a PIN in kiosk mode."""

    closed = Signal()

    def __init__(
        self,
        controller: DeskController,
        settings: Settings,
        sounds: SoundPlayer,
        *,
        kiosk: bool = False,
        events: list[Event] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskWindow")
        self.controller = controller
        self.settings = settings
        self.sounds = sounds
        self.kiosk = kiosk
        self._events = events or []
        self._locale = QLocale()
        self._queued_scans: list[str] = []
        self._unlocked = False
        self.setWindowIcon(icon("app"))
        self.setWindowTitle(self.tr("%1 — Check-in desk").replace("%1", APP_NAME))

        self._build_actions()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_chooser())
        self.stack.addWidget(self._build_desk())
        self.setCentralWidget(self.stack)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("deskStatus")
        self.statusBar().addWidget(self.status_label, 1)
        hints = QLabel(self.tr("F2 walk-in · Ctrl+Z undo · Esc clear"), self)
        hints.setObjectName("deskHints")
        self.statusBar().addPermanentWidget(hints)
        if kiosk:
            self.menuBar().hide()
        self.guard = ScannerGuard(self, self.input)
        self.guard.scan_captured.connect(self._queue_scan)
        self._scan_timer = QTimer(self)
        self._scan_timer.setInterval(QUEUED_SCAN_POLL_MS)
        self._scan_timer.timeout.connect(self._take_queued_scans)
        # Counts follow at most 10 times a second: a burst of scans must not wait on them.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_INTERVAL_MS)
        self._counts_timer.timeout.connect(self._update_counts)
        self._connect()
        self._apply_settings()
        self.resize(1180, 820)

    # -- construction --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(name: str, text: str, keys: str, slot: Callable[[], object]) -> QAction:
            made = QAction(text, self)
            made.setObjectName(name)
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.action_undo = action("actionUndo", self.tr("&Undo last check-in"), "Ctrl+Z", self.undo)
        self.action_walk_in = action(
            "actionWalkIn", self.tr("Add &walk-in…"), "F2", self.add_walk_in
        )
        self.action_mute = action("actionMute", self.tr("&Mute"), "Ctrl+M", self.toggle_mute)
        self.action_mute.setCheckable(True)
        self.action_settings = action(
            "actionDeskSettings", self.tr("Desk &settings…"), "Ctrl+,", self.open_settings
        )
        self.action_refresh = action(
            "actionDeskRefresh", self.tr("&Refresh now"), "F5", self.refresh
        )
        self.action_leave = action("actionLeaveDesk", self.tr("&Leave desk"), "Ctrl+Q", self.close)

    def _build_chooser(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("deskChooser")
        title = QLabel(self.tr("Which event is this desk for?"), page)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.event_picker = EventPicker(page)
        self.event_picker.setObjectName("deskEvent")
        self.event_picker.setAccessibleName(self.tr("Event for this desk"))
        self.event_picker.setMinimumContentsLength(40)
        if self._events:
            self.event_picker.set_events(self._events)
        self.open_button = QPushButton(self.tr("Open desk"), page)
        self.open_button.setObjectName("deskOpen")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open_chosen)
        self.event_picker.event_key_changed.connect(lambda _key: self._open_chosen())
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.event_picker)
        column.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        layout = QHBoxLayout(page)
        layout.addStretch(1)
        layout.addLayout(column, 3)
        layout.addStretch(1)
        return page

    def _build_desk(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("deskPage")
        self.event_title = QLabel(page)
        self.event_title.setObjectName("deskEventTitle")
        font = QFont(self.event_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.event_title.setFont(font)

        def tool(action: QAction, icon_name: str = "") -> QToolButton:
            button = QToolButton(page)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
            if icon_name:
                action.setIcon(icon(icon_name))
            return button

        header = QHBoxLayout()
        header.addWidget(self.event_title, 1)
        header.addWidget(tool(self.action_undo, "unconfirm"))
        header.addWidget(tool(self.action_walk_in, "add"))
        header.addWidget(tool(self.action_mute))
        header.addWidget(tool(self.action_settings))
        if self.kiosk:
            header.addWidget(tool(self.action_leave))

        self.input = ScanInput(page)
        self.result_panel = CheckinResultPanel(page)
        self.choices = QListWidget(page)
        self.choices.setObjectName("checkinChoices")
        self.choices.setAccessibleName(self.tr("Matches: choose with the arrow keys and Enter"))
        self.choices.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        choice_font = QFont(self.choices.font())
        choice_font.setPointSizeF(choice_font.pointSizeF() * 1.3)
        self.choices.setFont(choice_font)
        self.choices.setMaximumHeight(240)
        self.choices.hide()

        self.recent = RecentCheckins(page)
        self.counter = CheckinCounter(page)
        self.chart = ArrivalsChart(page)
        side = QVBoxLayout()
        side.addWidget(self.counter)
        side.addWidget(self.chart, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.recent, 3)
        bottom.addLayout(side, 2)

        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addWidget(self.input)
        layout.addWidget(self.result_panel, 2)
        layout.addWidget(self.choices)
        layout.addLayout(bottom, 2)
        return page

    def _connect(self) -> None:
        controller = self.controller
        self.input.submitted.connect(self._on_submitted)
        self.input.navigated.connect(self._move_choice)
        self.input.cancelled.connect(self._hide_choices)
        controller.result.connect(self._show_result)
        controller.choices.connect(self._show_choices)
        controller.counts_changed.connect(self._counts_timer.start)
        controller.recent_added.connect(self.recent.add)
        controller.recent_state.connect(
            lambda key, state, message: self.recent.set_state(key, state, message or None)
        )
        controller.arrival.connect(self.chart.add_arrival)
        controller.status.connect(self.status_label.setText)
        controller.sound.connect(self.sounds.play)
        controller.event_known.connect(self._show_event_title)
        self.choices.itemActivated.connect(lambda item: self._choose(self.choices.row(item)))

    def _apply_settings(self) -> None:
        settings = self.settings
        muted = settings.get(DESK_MUTED)
        self.sounds.muted = muted
        self.action_mute.setChecked(muted)
        self.action_mute.setText(self.tr("Sound off") if muted else self.tr("Sound on"))
        self.controller.require_enter = settings.get(DESK_REQUIRE_ENTER)
        self.result_panel.set_clear_after(float(settings.get(DESK_RESULT_SECONDS)))

    # -- events --------------------------------------------------------------------------------

    def open_event(self, event_key: str) -> None:
        """Start the desk on an event (skipping the chooser)."""
        event = next((e for e in self._events if e.event_key == event_key), None)
        self._show_event_title(event or Event(id=0, event_key=event_key))
        self.settings.set(DESK_EVENT_KEY, event_key)
        self.controller.open_event(event_key, event)
        self.stack.setCurrentIndex(1)
        self.result_panel.clear()
        self._update_counts()
        self.input.setFocus()

    def _show_event_title(self, event: Event) -> None:
        title = event.display_name
        if event.date_from is not None:
            start = event.date_from
            day = QDate(start.year, start.month, start.day)
            title += " · " + self._locale.toString(day, QLocale.FormatType.ShortFormat)
        self.event_title.setText(title)
        self.event_title.setAccessibleName(title)

    def _open_chosen(self) -> None:
        key = self.event_picker.event_key()
        if key and self.stack.currentIndex() == 0:
            self.open_event(key)

    # -- scanning ------------------------------------------------------------------------------

    def _on_submitted(self, text: str) -> None:
        if not text and self.choices.isVisible():
            self._choose(self.choices.currentRow())  # Enter on a pick list picks
            return
        self.controller.submit(text)

    def _queue_scan(self, code: str) -> None:
        """A scan arrived while a dialog was open: handle it as soon as the dialog closes."""
        self._queued_scans.append(code)
        self._scan_timer.start()

    def _take_queued_scans(self) -> None:
        if QApplication.activeModalWidget() is not None:
            return
        self._scan_timer.stop()
        scans, self._queued_scans = self._queued_scans, []
        for code in scans:
            self.input.take_scan(code)

    def _show_result(self, result: DeskResult) -> None:
        self.result_panel.show_result(result)
        if result.kind is not ResultKind.SEVERAL:
            self._hide_choices()

    def _show_choices(self, matches: list[Participant]) -> None:
        self._matches = matches
        self.choices.clear()
        for participant in matches:
            item = QListWidgetItem(pick_label(participant))
            item.setData(Qt.ItemDataRole.UserRole, participant.id)
            self.choices.addItem(item)
        self.choices.setVisible(bool(matches))
        if matches:
            self.choices.setCurrentRow(0)

    def _move_choice(self, step: int) -> None:
        if self.choices.isVisible() and self.choices.count():
            row = max(0, min(self.choices.count() - 1, self.choices.currentRow() + step))
            self.choices.setCurrentRow(row)

    def _choose(self, row: int) -> None:
        if 0 <= row < len(getattr(self, "_matches", [])):
            participant = self._matches[row]
            self._hide_choices()
            self.controller.choose(participant)
        self.input.setFocus()

    def _hide_choices(self) -> None:
        self.choices.hide()
        self.choices.clear()
        self._matches = []

    # -- actions -------------------------------------------------------------------------------

    def undo(self) -> None:
        """Take back the last check-in made at this desk."""
        if not self.controller.undo():
            self.statusBar().showMessage(self.tr("Nothing to undo."), 3000)
        self.input.setFocus()

    def add_walk_in(self) -> None:
        """Add the person just scanned (or anyone) to this event, confirmed."""
        controller = self.controller
        if not controller.event_key:
            return
        code = controller.walk_in_code
        outcome = AddParticipantDialog.ask(
            self,
            submit=controller.add_walk_in,
            event_key=controller.event_key,
            events=self._events or None,
            existing=lambda key, number: next(iter(controller.index.by_code(number)), None),
            customer_number=code,
            confirmed=True,
        )
        if isinstance(outcome, Participant):
            self.result_panel.show_result(
                DeskResult(ResultKind.CONFIRMED, self.tr("Walk-in added and confirmed"))
            )
            self.sounds.play("ok")
        elif isinstance(outcome, str):
            self.statusBar().showMessage(outcome, 8000)
        self.input.setFocus()

    def toggle_mute(self) -> None:
        """Sound on or off."""
        self.settings.set(DESK_MUTED, not self.settings.get(DESK_MUTED))
        self._apply_settings()
        self.input.setFocus()

    def open_settings(self) -> None:
        """Desk settings (behind the PIN in kiosk mode)."""
        if self.kiosk and not self._unlock(self.tr("Enter the desk PIN to change settings.")):
            return
        if DeskSettingsDialog.ask(self, self.settings):
            self._apply_settings()
            self.controller.budget.limit_per_hour = plan_limit(self.settings)
            self._update_counts()
        self.input.setFocus()

    def refresh(self) -> None:
        """Read the event's list again now (if the budget allows, as always)."""
        self.controller.refresh(full=True)

    def _update_counts(self) -> None:
        controller = self.controller
        self.counter.set_counts(controller.confirmed_count, controller.total_count)
        self.counter.set_waiting(controller.waiting_count)
        budget = controller.budget
        self.counter.set_requests(
            budget.used(), budget.limit_per_hour, controller.next_refresh_note
        )

    # -- kiosk and closing ---------------------------------------------------------------------

    def _unlock(self, purpose: str) -> bool:
        stored = self.settings.get(DESK_KIOSK_PIN_HASH)
        return bool(stored) and PinDialog.ask(self, stored_hash=stored, purpose=purpose)

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        self.guard.install()
        if self.stack.currentIndex() == 1:
            self.input.setFocus()

    def shut_down(self) -> None:
        """The app is quitting: stop timers and signals before the outbox closes under them."""
        self._counts_timer.stop()
        self._scan_timer.stop()
        self.controller.stop()
        self.controller.blockSignals(True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.kiosk and not self._unlocked:
            if not self._unlock(self.tr("Enter the desk PIN to leave kiosk mode.")):
                event.ignore()
                return
            self._unlocked = True
        self.guard.remove()
        self.controller.stop()
        super().closeEvent(event)
        self.closed.emit()


def plan_limit(settings: Settings) -> int | None:
    """The hourly request limit of the configured Plandocket plan."""
    from app.budget import PLANS  # noqa: PLC0415
    from app.settings import DESK_PLAN  # noqa: PLC0415

    return PLANS.get(settings.get(DESK_PLAN), PLANS["standard"])
