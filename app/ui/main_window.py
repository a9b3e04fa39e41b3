"""The coordinator's main window: filter bar, participants table, actions, problems, status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.api import PlandocketError
from app.domain import Event, Participant, ParticipantFilter
from app.paths import AppPaths
from app.resources import icon
from app.settings import (
    LANGUAGE,
    RECENT_EVENT_KEYS,
    TABLE_HEADER_STATE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    Settings,
)
from app.ui.banner import Banner, BannerLevel
from app.ui.checkin_list_actions import print_checkin_list, save_checkin_list_pdf
from app.ui.dialogs.add_participant import AddParticipantDialog
from app.ui.dialogs.bulk_confirm import BulkConfirmDialog
from app.ui.dialogs.details import ParticipantDetailsDialog
from app.ui.dialogs.edit_participation import EditParticipationDialog
from app.ui.dialogs.remove_confirmation import RemoveConfirmationDialog
from app.ui.empty_state import EmptyState
from app.ui.export_actions import export_view
from app.ui.filter_bar import FilterBar
from app.ui.participant_model import COLUMN_TITLES, Column
from app.ui.participants_controller import ParticipantsController
from app.ui.problems_panel import ProblemsPanel
from app.ui.translation import error_text, language_names

# Sensible first-start widths in average characters: they grow with the font, so the
# columns stay readable at 200 % text size (about 7 px per character at 100 %).
DEFAULT_WIDTHS = {
    Column.STATUS: 18,
    Column.CUSTOMER_NUMBER: 14,
    Column.COMPANY: 31,
    Column.CONTACT: 24,
    Column.EMAIL: 33,
    Column.EVENT: 28,
    Column.CATEGORY: 16,
    Column.CREATED: 18,
    Column.UPDATED: 18,
}
RECENT_KEYS_KEPT = 10


class MainWindow(QMainWindow):
    """Presents the participants of the chosen event and the actions on them."""

    connections_requested = Signal()
    profile_selected = Signal(str)
    desk_requested = Signal()
    import_requested = Signal()

    def __init__(
        self,
        controller: ParticipantsController,
        settings: Settings,
        problems: ProblemsPanel,
        paths: AppPaths,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.paths = paths
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("app"))
        self._locale = QLocale()
        self._last_error: PlandocketError | None = None

        self._build_actions()
        self._build_central()
        self._build_problems_dock(problems)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._set_tab_order()
        self._connect()
        self.resize(1280, 780)
        self.update_title()
        self._update_actions()
        self._update_view_state()

    # -- construction --------------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon_name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setStatusTip(text.replace("&", "").rstrip("…"))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text.replace('&', '').rstrip('…')} ({keys})")
        if icon_name:
            action.setIcon(icon(icon_name))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.action_add = self._action("actionAdd", self.tr("&Add participant…"), "Ctrl+N", "add")
        self.action_edit = self._action("actionEdit", self.tr("&Edit participation…"), "F2", "edit")
        self.action_confirm = self._action(
            "actionConfirm", self.tr("&Confirm"), "Ctrl+Return", "confirm"
        )
        self.action_unconfirm = self._action(
            "actionUnconfirm", self.tr("&Unconfirm"), "Ctrl+Shift+Return", "unconfirm"
        )
        self.action_remove = self._action(
            "actionRemove", self.tr("&Remove…"), QKeySequence.StandardKey.Delete, "remove"
        )
        self.action_details = self._action(
            "actionDetails", self.tr("&Details…"), "Ctrl+I", "details"
        )
        self.action_refresh = self._action(
            "actionRefresh", self.tr("&Refresh"), QKeySequence.StandardKey.Refresh, "refresh"
        )
        if self.action_refresh.shortcut().isEmpty():
            self.action_refresh.setShortcut(QKeySequence("F5"))
        self.action_cancel_load = self._action("actionCancelLoad", self.tr("&Stop loading"), "Esc")
        self.action_copy = self._action(
            "actionCopy", self.tr("&Copy rows"), QKeySequence.StandardKey.Copy
        )
        self.action_select_all = self._action(
            "actionSelectAll", self.tr("Select &all"), QKeySequence.StandardKey.SelectAll
        )
        self.action_find = self._action(
            "actionFind", self.tr("&Find…"), QKeySequence.StandardKey.Find
        )
        self.action_connections = self._action("actionConnections", self.tr("&Connections…"))
        self.action_desk = self._action("actionDesk", self.tr("Check-in &desk…"), "Ctrl+K")
        self.action_quit = self._action(
            "actionQuit", self.tr("&Quit"), QKeySequence.StandardKey.Quit
        )
        if self.action_quit.shortcut().isEmpty():
            self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_about = self._action("actionAbout", self.tr("&About Participant Desk"))
        self.action_import = self._action(
            "actionImport", self.tr("&Import participants from CSV…"), "Ctrl+Shift+I", "import"
        )
        self.action_export = self._action(
            "actionExport", self.tr("&Export view…"), "Ctrl+E", "export"
        )
        self.action_print = self._action(
            "actionPrint", self.tr("&Print check-in list…"), QKeySequence.StandardKey.Print, "print"
        )
        if self.action_print.shortcut().isEmpty():
            self.action_print.setShortcut(QKeySequence("Ctrl+P"))
        self.action_save_pdf = self._action(
            "actionSavePdf", self.tr("Save check-in list as P&DF…"), "Ctrl+Shift+P"
        )

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.setSpacing(6)

        self.demo_banner = Banner(central, object_name="demoBanner", closable=False)
        self.key_banner = Banner(central, object_name="keyBanner")
        self.error_banner = Banner(central, object_name="errorBanner")
        for banner in (self.demo_banner, self.key_banner, self.error_banner):
            layout.addWidget(banner)
            banner.hide()

        self.filter_bar = FilterBar(central)
        layout.addWidget(self.filter_bar)

        self.table = QTableView(central)
        self.table.setObjectName("participantsTable")
        self.table.setAccessibleName(self.tr("Participants"))
        self.table.setModel(self.controller.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()  # row numbers mean nothing in a filtered list
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        character = self.table.fontMetrics().averageCharWidth()
        for column, characters in DEFAULT_WIDTHS.items():
            header.resizeSection(column, characters * character)

        self.empty_state = EmptyState(central)
        self.stack = QStackedWidget(central)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_state)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_problems_dock(self, problems: ProblemsPanel) -> None:
        self.problems = problems
        self.problems_dock = QDockWidget(self.tr("Problems"), self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.setWidget(problems)
        self.problems_dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.setVisible(problems.count > 0)
        self.action_problems = self.problems_dock.toggleViewAction()
        self.action_problems.setObjectName("actionProblems")
        self.action_problems.setText(self.tr("&Problems"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.action_connections)
        self.profiles_menu = file_menu.addMenu(self.tr("&Switch account"))
        self.profiles_menu.setObjectName("profilesMenu")
        file_menu.addSeparator()
        file_menu.addAction(self.action_import)
        file_menu.addAction(self.action_export)
        file_menu.addSeparator()
        file_menu.addAction(self.action_print)
        file_menu.addAction(self.action_save_pdf)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.action_copy)
        edit_menu.addAction(self.action_select_all)
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_find)

        participants_menu = bar.addMenu(self.tr("&Participants"))
        for action in (
            self.action_add,
            self.action_edit,
            None,
            self.action_confirm,
            self.action_unconfirm,
            None,
            self.action_remove,
            None,
            self.action_details,
        ):
            if action is None:
                participants_menu.addSeparator()
            else:
                participants_menu.addAction(action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.action_refresh)
        view_menu.addAction(self.action_cancel_load)
        view_menu.addSeparator()
        self.columns_menu = view_menu.addMenu(self.tr("&Columns"))
        self._fill_columns_menu(self.columns_menu)
        view_menu.addAction(self.action_problems)
        view_menu.addSeparator()
        view_menu.addAction(self.action_desk)
        view_menu.addSeparator()
        self.language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_menu.setObjectName("languageMenu")
        self._fill_language_menu(self.language_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.action_about)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Actions"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action in (
            self.action_add,
            self.action_confirm,
            self.action_unconfirm,
            self.action_remove,
            None,
            self.action_refresh,
        ):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(
            spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred
        )
        toolbar.addWidget(spacer)
        toolbar.addWidget(QLabel(self.tr("Account:"), toolbar))
        self.profile_switcher = QComboBox(toolbar)
        self.profile_switcher.setObjectName("profileSwitcher")
        self.profile_switcher.setAccessibleName(self.tr("Plandocket account"))
        self.profile_switcher.setMinimumContentsLength(16)
        toolbar.addWidget(self.profile_switcher)
        manage = QPushButton(self.tr("Connections…"), toolbar)
        manage.setObjectName("manageConnections")
        manage.clicked.connect(self.action_connections.trigger)
        toolbar.addWidget(manage)
        self.addToolBar(toolbar)
        self.manage_button = manage

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.summary_label = QLabel(status)
        self.summary_label.setObjectName("statusSummary")
        self.summary_label.setAccessibleName(self.tr("Summary"))
        self.progress = QProgressBar(status)
        self.progress.setObjectName("loadProgress")
        self.progress.setAccessibleName(self.tr("Loading progress"))
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), status)
        self.cancel_button.setObjectName("loadCancel")
        self.cancel_button.clicked.connect(self.action_cancel_load.trigger)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.summary_label)
        self.progress.hide()
        self.cancel_button.hide()
        self._progress_value = (0, -1)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(100)
        self._progress_timer.timeout.connect(self._show_progress)

    def _set_tab_order(self) -> None:
        """Tab follows the screen from the top: account switcher, filters, table, status bar."""
        bar = self.filter_bar
        chain = [
            self.profile_switcher,
            self.manage_button,
            bar.event_picker,
            bar.customer_edit,
            bar.confirmed_combo,
            bar.search_edit,
            self.table,
            self.cancel_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _fill_language_menu(self, menu: QMenu) -> None:
        group = QActionGroup(menu)
        current = self.settings.get(LANGUAGE)
        for value, label in language_names():
            action = menu.addAction(label)
            action.setObjectName(f"language_{value}")
            action.setCheckable(True)
            action.setChecked(value == current)
            group.addAction(action)
            action.triggered.connect(lambda _checked, v=value: self.choose_language(v))

    def choose_language(self, value: str) -> None:
        """Remember the interface language; it applies from the next start."""
        if value == self.settings.get(LANGUAGE):
            return
        self.settings.set(LANGUAGE, value)
        self.settings.sync()
        QMessageBox.information(
            self,
            self.tr("Language"),
            self.tr("Participant Desk uses the new language from its next start."),
        )

    def _fill_columns_menu(self, menu: QMenu) -> None:
        header = self.table.horizontalHeader()
        for column in Column:
            action = menu.addAction(COLUMN_TITLES[column]())
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != Column.STATUS)  # the state must always be visible
            action.toggled.connect(
                lambda shown, c=column: self.table.horizontalHeader().setSectionHidden(c, not shown)
            )

    def _connect(self) -> None:
        controller = self.controller
        self.filter_bar.filters_changed.connect(self._on_filters_changed)
        self.filter_bar.search_changed.connect(self._on_search_changed)
        self.action_refresh.triggered.connect(controller.reload)
        self.action_cancel_load.triggered.connect(controller.cancel_load)
        self.action_add.triggered.connect(self.add_participant)
        self.action_edit.triggered.connect(self.edit_participation)
        self.action_confirm.triggered.connect(lambda: self.set_confirmed(True))
        self.action_unconfirm.triggered.connect(lambda: self.set_confirmed(False))
        self.action_remove.triggered.connect(self.remove_selected)
        self.action_details.triggered.connect(self.show_details)
        self.action_copy.triggered.connect(self.copy_selected)
        self.action_select_all.triggered.connect(self.table.selectAll)
        self.action_find.triggered.connect(self.filter_bar.focus_search)
        self.action_connections.triggered.connect(self.connections_requested)
        self.action_desk.triggered.connect(self.desk_requested)
        self.action_import.triggered.connect(self.import_requested)
        self.action_export.triggered.connect(self.export_view)
        self.action_print.triggered.connect(self.print_checkin_list)
        self.action_save_pdf.triggered.connect(self.save_checkin_list_pdf)
        self.action_quit.triggered.connect(self.close)
        self.action_about.triggered.connect(self.show_about)
        self.table.doubleClicked.connect(lambda _index: self.show_details())
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.horizontalHeader().customContextMenuRequested.connect(
            lambda position: self.columns_menu.exec(
                self.table.horizontalHeader().mapToGlobal(position)
            )
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.empty_state.action_triggered.connect(self._on_empty_state_action)
        self.profile_switcher.activated.connect(
            lambda index: self.profile_selected.emit(self.profile_switcher.itemData(index))
        )
        self.problems.count_changed.connect(self._on_problem_count)
        self.problems.discarded.connect(controller.operation_discarded)
        self.problems.retried.connect(controller.operation_retried)

        controller.load_started.connect(self._on_load_started)
        controller.load_progress.connect(self._on_load_progress)
        controller.load_finished.connect(self._on_load_ended)
        controller.load_cancelled.connect(self._on_load_cancelled)
        controller.load_failed.connect(self._on_load_failed)
        controller.counts_changed.connect(self._update_summary)
        controller.counts_changed.connect(self._update_view_state)
        controller.capabilities_changed.connect(self._on_capabilities)
        controller.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        controller.permission_denied.connect(self._on_permission_denied)

    # -- selection and actions -----------------------------------------------------------------

    def selected_participants(self) -> list[Participant]:
        """The participants of the selected rows, in view order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        proxy = self.controller.proxy
        found = [proxy.participant(proxy.index(row, 0)) for row in rows]
        return [participant for participant in found if participant is not None]

    def select_participants(self, ids: Sequence[int]) -> None:
        """Select rows by participant id (those that are visible)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for participant_id in ids:
            index = self.controller.proxy.index_of(participant_id)
            if index.isValid():
                selection.select(index, flags)
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def add_participant(self) -> None:
        """Ask for a participant to add to the event."""
        if self.controller.session is None:
            self.connections_requested.emit()
            return
        outcome = AddParticipantDialog.ask(
            self,
            submit=self.controller.submit_add,
            event_key=self.controller.filters.event_key or "",
            events=self.controller.events or None,
            recent_keys=self._recent_keys(),
            lookup=self.controller.lookup,
            existing=self.controller.existing,
        )
        self._report_outcome(outcome, self.tr("Participant added."))

    def edit_participation(self) -> None:
        """Move the selected participation to another event or correct its customer number."""
        selected = self.selected_participants()
        if len(selected) != 1 or selected[0].id < 0:
            return
        outcome = EditParticipationDialog.ask(
            self,
            participant=selected[0],
            submit=self.controller.submit_edit,
            events=self.controller.events or None,
            recent_keys=self._recent_keys(),
            lookup=self.controller.lookup,
            existing=self.controller.existing,
        )
        self._report_outcome(outcome, self.tr("Participation changed."))

    def set_confirmed(self, confirmed: bool) -> None:
        """Confirm or unconfirm the selected participants."""
        selected = [p for p in self.selected_participants() if p.id > 0]
        if not selected or not BulkConfirmDialog.ask(self, len(selected), confirmed):
            return
        if confirmed:
            queued = self.controller.confirm(selected)
            message = self.tr("%n confirmation(s) queued.", "", queued)
        else:
            queued = self.controller.unconfirm(selected)
            message = self.tr("%n un-confirmation(s) queued.", "", queued)
        if queued == 0:
            message = self.tr("Nothing to change: the selection already has that state.")
        self.statusBar().showMessage(message, 5000)

    def remove_selected(self) -> None:
        """Remove the selected participations after asking."""
        selected = [p for p in self.selected_participants() if p.id > 0]
        if not selected or not RemoveConfirmationDialog.ask(self, selected):
            return
        count = self.controller.remove(selected)
        self.statusBar().showMessage(self.tr("%n removal(s) queued.", "", count), 5000)

    def show_details(self) -> None:
        """Show every field of the current participant."""
        index = self.table.currentIndex()
        participant = self.controller.proxy.participant(index) if index.isValid() else None
        if participant is None:
            selected = self.selected_participants()
            participant = selected[0] if selected else None
        if participant is not None:
            ParticipantDetailsDialog.show_for(self, participant)

    def copy_selected(self) -> None:
        """Copy the selected rows (visible columns, in view order) as tab-separated text."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        header = self.table.horizontalHeader()
        columns = [
            header.logicalIndex(visual)
            for visual in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(visual))
        ]
        proxy = self.controller.proxy
        lines = ["\t".join(COLUMN_TITLES[Column(c)]() for c in columns)]
        for row in rows:
            cells = (str(proxy.index(row, c).data() or "") for c in columns)
            lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
        self.statusBar().showMessage(self.tr("%n row(s) copied.", "", len(rows)), 4000)

    def export_view(self) -> None:
        """Export the rows as shown (filtered, sorted, visible columns) to CSV or Excel."""
        filters = self.controller.filters
        name = filters.event_key or self.tr("participants")
        export_view(self, self.table, self.controller.pool, self.settings, name)

    def _checkin_list_data(self) -> tuple[Event, list[Participant]] | None:
        """The filtered event and its loaded participants, or None after saying what is missing."""
        event_key = self.controller.filters.event_key
        if not event_key:
            QMessageBox.information(
                self,
                self.tr("Check-in list"),
                self.tr("Choose an event in the filter bar first: the list is printed per event."),
            )
            return None
        event = self.controller.event_for_key(event_key) or Event(id=0, event_key=event_key)
        return event, list(self.controller.model.participants())

    def print_checkin_list(self) -> None:
        """Print preview of the check-in list of the filtered event (print from there)."""
        data = self._checkin_list_data()
        if data is not None:
            # Confirmations still on their way show as ticked, as in the table.
            print_checkin_list(self, *data, confirmed_state=self.controller.model.is_confirmed)

    def save_checkin_list_pdf(self) -> None:
        """Save the check-in list of the filtered event as a PDF file."""
        data = self._checkin_list_data()
        if data is not None:
            save_checkin_list_pdf(
                self, *data, self.settings, confirmed_state=self.controller.model.is_confirmed
            )

    def show_about(self) -> None:
        """Version, Qt and Python, and where settings and data live."""
        from app.ui.about import AboutDialog  # noqa: PLC0415 - rarely opened

        AboutDialog.ask(self, self.settings, self.paths)

    def _recent_keys(self) -> list[str]:
        recent: list[str] = self.settings.get(RECENT_EVENT_KEYS)
        return recent

    def _report_outcome(self, outcome: object, done_text: str) -> None:
        if isinstance(outcome, Participant):
            self.statusBar().showMessage(done_text, 5000)
        elif isinstance(outcome, str):
            self.statusBar().showMessage(outcome, 10000)

    def _show_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in (
            self.action_confirm,
            self.action_unconfirm,
            None,
            self.action_edit,
            self.action_remove,
            None,
            self.action_details,
            self.action_copy,
        ):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # -- state ---------------------------------------------------------------------------------

    def set_profiles(self, names: Sequence[tuple[str, str]], current: str) -> None:
        """Fill the account switcher with (label, profile name) pairs."""
        self.profile_switcher.blockSignals(True)
        self.profile_switcher.clear()
        self.profiles_menu.clear()
        for label, name in names:
            self.profile_switcher.addItem(label, name)
            action = self.profiles_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(name == current)
            action.triggered.connect(lambda _checked=False, n=name: self.profile_selected.emit(n))
        index = self.profile_switcher.findData(current)
        self.profile_switcher.setCurrentIndex(max(0, index))
        self.profile_switcher.blockSignals(False)
        self.profiles_menu.setEnabled(bool(names))

    def update_title(self) -> None:
        """Window title: product, account, and a demo marker."""
        session = self.controller.session
        if session is None:
            self.setWindowTitle(APP_NAME)
        elif session.is_demo:
            self.setWindowTitle(self.tr("%1 — Demo data").replace("%1", APP_NAME))
        else:
            self.setWindowTitle(f"{APP_NAME} — {session.name}")

    def show_demo_banner(self) -> None:
        """Say clearly that this is sample data on a built-in server."""
        self.demo_banner.show_message(
            BannerLevel.DEMO,
            self.tr(
                "Demo data: a built-in training server with sample events. Nothing you do "
                "here reaches a Plandocket account."
            ),
        )

    def show_key_banner(self, text: str) -> None:
        """Say that the key is kept for this session only (no usable keyring)."""
        self.key_banner.show_message(BannerLevel.WARNING, text)

    def show_error_banner(
        self, text: str, actions: Sequence[tuple[str, Callable[[], None]]] = ()
    ) -> None:
        """An error strip above the table (e.g. a missing scope)."""
        self.error_banner.show_message(BannerLevel.ERROR, text, list(actions))

    def restore_state(self) -> None:
        """Geometry, dock layout, column order/widths/visibility and the last filters."""
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        state = self.settings.get(WINDOW_STATE)
        if state:
            self.restoreState(state)
        header_state = self.settings.get(TABLE_HEADER_STATE)
        if header_state:
            self.table.horizontalHeader().restoreState(header_state)
        for action, column in zip(self.columns_menu.actions(), Column, strict=False):
            action.setChecked(not self.table.horizontalHeader().isSectionHidden(column))

    def save_state(self) -> None:
        """Remember the layout for the next start."""
        self.settings.set(WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        self.settings.set(WINDOW_STATE, bytes(self.saveState().data()))
        self.settings.set(
            TABLE_HEADER_STATE, bytes(self.table.horizontalHeader().saveState().data())
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_state()
        super().closeEvent(event)

    # -- reactions -----------------------------------------------------------------------------

    def _on_filters_changed(self, filters: ParticipantFilter) -> None:
        self._last_error = None
        self.error_banner.hide()
        if filters.event_key:
            recent = [filters.event_key] + [
                key for key in self.settings.get(RECENT_EVENT_KEYS) if key != filters.event_key
            ]
            self.settings.set(RECENT_EVENT_KEYS, recent[:RECENT_KEYS_KEPT])
            self.filter_bar.set_recent_keys(recent[:RECENT_KEYS_KEPT])
        self.controller.set_filters(filters)

    def _on_search_changed(self, text: str) -> None:
        self.controller.proxy.set_quick_search(text)
        self._update_view_state()

    def _on_load_started(self) -> None:
        self._last_error = None
        self.error_banner.hide()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Loading…"))
        self.progress.show()
        self.cancel_button.show()
        self._update_view_state()
        self._update_actions()

    def _on_load_progress(self, loaded: int, total: int) -> None:
        # QProgressBar.setValue repaints synchronously, which flushes the whole window's
        # pending paints (the table included): so the bar follows at most 10 times a second.
        self._progress_value = (loaded, total)
        if not self._progress_timer.isActive():
            self._progress_timer.start()

    def _show_progress(self) -> None:
        loaded, total = self._progress_value
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(loaded)
            self.progress.setFormat(
                self.tr("%1 of %2")
                .replace("%1", self._locale.toString(loaded))
                .replace("%2", self._locale.toString(total))
            )
        else:
            self.progress.setFormat(
                self.tr("%1 loaded").replace("%1", self._locale.toString(loaded))
            )

    def _on_load_ended(self, _count: int) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        self.cancel_button.hide()
        self._update_view_state()
        self._update_actions()

    def _on_load_cancelled(self) -> None:
        self._on_load_ended(0)
        self.statusBar().showMessage(
            self.tr("Loading stopped: %1 participants shown. Press F5 to load all.").replace(
                "%1", self._locale.toString(self.controller.total_count)
            ),
            10000,
        )

    def _on_load_failed(self, error: object) -> None:
        self._last_error = error if isinstance(error, PlandocketError) else None
        self._on_load_ended(0)

    def _on_permission_denied(self, error: object) -> None:
        text = error_text(error)
        self.show_error_banner(text)

    def _on_capabilities(self) -> None:
        controller = self.controller
        if controller.events:
            self.filter_bar.set_events(controller.events)
        else:
            self.filter_bar.set_recent_keys(self.settings.get(RECENT_EVENT_KEYS))
        self.update_title()
        self._update_actions()
        self._update_view_state()

    def _on_problem_count(self, count: int) -> None:
        if count and not self.problems_dock.isVisible():
            self.problems_dock.show()
        self._update_summary()

    def _on_empty_state_action(self) -> None:
        controller = self.controller
        if controller.session is None:
            self.connections_requested.emit()
        elif self._last_error is not None:
            controller.reload()
        elif controller.proxy.quick_search and controller.total_count:
            self.filter_bar.search_edit.clear()
        elif not controller.has_scope_filter:
            self.filter_bar.event_picker.setFocus()

    def _update_actions(self) -> None:
        connected = self.controller.session is not None
        selected = [p for p in self.selected_participants() if p.id > 0]
        self.action_add.setEnabled(connected)
        self.action_confirm.setEnabled(connected and bool(selected))
        self.action_unconfirm.setEnabled(connected and bool(selected))
        self.action_remove.setEnabled(connected and bool(selected))
        self.action_edit.setEnabled(connected and len(selected) == 1)
        self.action_details.setEnabled(bool(self.selected_participants()))
        self.action_copy.setEnabled(bool(self.selected_participants()))
        self.action_refresh.setEnabled(connected)
        self.action_cancel_load.setEnabled(self.controller.loading)
        self.action_import.setEnabled(connected)
        has_rows = self.controller.proxy.rowCount() > 0
        self.action_export.setEnabled(has_rows)
        self.action_print.setEnabled(has_rows and bool(self.controller.filters.event_key))
        self.action_save_pdf.setEnabled(self.action_print.isEnabled())

    def _update_summary(self) -> None:
        controller = self.controller
        parts = [
            self.tr("%1 participants").replace("%1", self._locale.toString(controller.total_count)),
            self.tr("%1 confirmed").replace(
                "%1", self._locale.toString(controller.confirmed_count)
            ),
        ]
        pending = controller.pending_count
        if pending == 1:
            parts.append(self.tr("1 change pending"))
        else:
            parts.append(
                self.tr("%1 changes pending").replace("%1", self._locale.toString(pending))
            )
        problems = self.problems.count
        if problems:
            parts.append(
                self.tr("%1 need attention").replace("%1", self._locale.toString(problems))
            )
        self.summary_label.setText(" · ".join(parts))

    def _update_view_state(self) -> None:
        """Table, or the right empty state: not connected, no event, nothing found, error."""
        controller = self.controller
        visible_rows = controller.proxy.rowCount()
        state: tuple[str, str, str | None] | None = None
        if controller.session is None:
            state = (
                self.tr("Not connected"),
                self.tr("Connect to your Plandocket account to see participants."),
                self.tr("Connect…"),
            )
        elif self._last_error is not None and visible_rows == 0:
            state = (
                self.tr("Could not load participants"),
                error_text(self._last_error),
                self.tr("Retry"),
            )
        elif not controller.has_scope_filter:
            state = (
                self.tr("Choose an event"),
                self.tr(
                    "Pick an event above (or enter a customer number) to list its participants."
                ),
                self.tr("Choose event"),
            )
        elif visible_rows == 0 and not controller.loading:
            if controller.total_count and controller.proxy.quick_search:
                state = (
                    self.tr("No match"),
                    self.tr("No loaded participant matches “%1”.").replace(
                        "%1", controller.proxy.quick_search
                    ),
                    self.tr("Clear search"),
                )
            else:
                state = (
                    self.tr("No participants"),
                    self.tr("Nobody matches these filters in Plandocket."),
                    None,
                )
        if state is None:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty_state.show_state(*state)
            self.stack.setCurrentWidget(self.empty_state)
        self._update_actions()

    def current_index(self) -> QModelIndex:
        """The table's current index (for tests and accessibility)."""
        return self.table.currentIndex()
