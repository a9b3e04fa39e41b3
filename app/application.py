"""Composition root: builds settings, keys, outbox, workers and the window; shuts down in stages."""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME, ORGANIZATION_NAME, __version__
from app.api import ConfigurationError, PlandocketClient, RequestRecord
from app.budget import RequestBudget
from app.domain import ParticipantFilter
from app.logs import configure_logging, install_excepthook
from app.paths import AppPaths, default_paths
from app.profiles import Profile, ProfileStore
from app.redaction import register_secret
from app.resources import icon
from app.secrets import KeyStorage, KeyStore
from app.session import API_KEY_ENVIRONMENT_VARIABLE, Session, open_session
from app.settings import (
    DESK_EVENT_KEY,
    DESK_KIOSK_PIN_HASH,
    DESK_MUTED,
    DESK_REQUIRE_ENTER,
    FILTER_CONFIRMED,
    FILTER_CUSTOMER_NUMBER,
    FILTER_EVENT_KEY,
    LANGUAGE,
    Settings,
)
from app.store import Outbox
from app.store.participant_cache import ParticipantCache
from app.ui.connection_dialog import ConnectionDialog
from app.ui.desk.desk_controller import DeskController
from app.ui.desk.desk_window import DeskWindow, plan_limit
from app.ui.desk.pin_dialog import SetPinDialog
from app.ui.filter_bar import CONFIRMED_SETTING
from app.ui.import_dialog import ImportDialog
from app.ui.key_prompt import KeyPromptDialog
from app.ui.main_window import MainWindow
from app.ui.outbox_sender import OutboxSender
from app.ui.participant_loader import ParticipantLoader
from app.ui.participants_controller import ParticipantsController
from app.ui.problems_panel import ProblemsPanel
from app.ui.save_file import last_folder
from app.ui.sounds import SoundPlayer
from app.ui.startup_splash import StartupSplash
from app.ui.translation import apply_language, error_text
from app.workers import WorkerPool

log = logging.getLogger(__name__)

DEMO_PROFILE = "\x00demo"  # the switcher's built-in demo entry (no real profile can be named so)
DEMO_EVENT_KEY = "EXPO26"
SHUTDOWN_TIMEOUT_MS = 3000


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line asked for."""

    demo: bool = False
    base_url: str | None = None
    profile: str | None = None
    desk: str | None = None  # "" opens the desk's event chooser
    kiosk: bool = False
    self_test: bool = False


def parse_arguments(argv: Sequence[str]) -> Options:
    """Parse the command line (``--help`` and errors exit, as command lines do)."""
    parser = argparse.ArgumentParser(
        prog="participant-desk",
        description="Manage Plandocket event participants and run check-in desks.",
    )
    parser.add_argument(
        "--demo", action="store_true", help="start on built-in demo data (no account needed)"
    )
    parser.add_argument(
        "--base-url",
        help=f"Plandocket address for this session (key from ${API_KEY_ENVIRONMENT_VARIABLE}); "
        "overrides the saved connection and is never saved",
    )
    parser.add_argument("--profile", help="open this saved connection")
    parser.add_argument(
        "--desk",
        nargs="?",
        const="",
        metavar="EVENT_KEY",
        help="start as a check-in desk (for this event, or choose one)",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="unattended desk: full screen, leaving or settings need the desk PIN",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless (Qt, fonts, TLS, keyring, SQLite, demo server), "
        "print a report and exit with 0 (passed) or 1",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = parser.parse_args(list(argv))
    desk = args.desk if args.desk is not None else ("" if args.kiosk else None)
    return Options(
        demo=args.demo,
        base_url=args.base_url,
        profile=args.profile,
        desk=desk,
        kiosk=args.kiosk,
        self_test=args.self_test,
    )


class AlreadyRunningError(RuntimeError):
    """Another Participant Desk already works on this computer's outbox."""


def lock_data_folder(paths: AppPaths) -> QLockFile:
    """Hold the data folder, so two running apps never send the same queued changes."""
    lock = QLockFile(str(paths.data_dir / "participant-desk.lock"))
    # A lock left by a killed process is recognised (its process is gone) and taken over.
    if not lock.tryLock(500):
        raise AlreadyRunningError(
            QCoreApplication.translate(
                "Application", "Participant Desk is already running on this computer."
            )
        )
    return lock


class Application(QObject):
    """Everything the running app consists of, built in one place."""

    _crashed = Signal(str)  # from any thread; shown on the GUI thread

    def __init__(
        self,
        qt_app: QApplication,
        options: Options,
        *,
        settings: Settings,
        paths: AppPaths,
        keystore: KeyStore,
    ) -> None:
        super().__init__()
        self.qt_app = qt_app
        self.options = options
        self.settings = settings
        self.paths = paths
        self.keystore = keystore
        self.profile_store = ProfileStore(settings)
        self.sandbox: object | None = None
        self._shut_down = False
        self._prompting = False
        self._demo_dir: tempfile.TemporaryDirectory[str] | None = None
        self.budget: RequestBudget | None = None
        self._participant_cache: ParticipantCache | None = None
        self._desk_loader: ParticipantLoader | None = None
        self.desk_window: DeskWindow | None = None
        self._desk_wanted: str | None = options.desk  # opened once a session exists
        # Demo mode keeps its outbox in a folder of its own and may run beside the real app.
        self._lock = None if options.demo else lock_data_folder(paths)

        self.pool = WorkerPool(4, self)
        self.outbox = Outbox(self._outbox_path())
        self.outbox_sender = OutboxSender(self.outbox, self.pool, self)
        self.loader = ParticipantLoader(self.pool, parent=self)
        self.loader.prepare()
        self.controller = ParticipantsController(
            pool=self.pool,
            outbox=self.outbox,
            sender=self.outbox_sender,
            loader=self.loader,
            parent=self,
        )
        self.problems = ProblemsPanel(self.outbox)
        self.problems.connect_sender(self.outbox_sender)
        self.main_window = MainWindow(self.controller, settings, self.problems, paths)
        self.main_window.restore_state()

        window = self.main_window
        window.connections_requested.connect(self.manage_connections)
        window.desk_requested.connect(
            lambda: self.open_desk(self.controller.filters.event_key or "")
        )
        window.import_requested.connect(self.import_participants)
        self.loader.requests_made.connect(self._count_loader_requests)
        window.profile_selected.connect(self.switch_profile)
        window.filter_bar.filters_changed.connect(self._remember_filters)
        self.controller.auth_required.connect(self._on_auth_required)
        self._crashed.connect(self._show_crash)
        qt_app.aboutToQuit.connect(self.shutdown)

        self._restore_filters()
        self._refresh_profiles()
        self._start_session()

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def from_args(
        cls,
        argv: Sequence[str] | None = None,
        *,
        settings: Settings | None = None,
        paths: AppPaths | None = None,
        keystore: KeyStore | None = None,
    ) -> Application:
        """Build the whole app without entering the event loop (``run()`` does that)."""
        options = parse_arguments(argv or [])
        existing = QApplication.instance()
        qt_app = existing if isinstance(existing, QApplication) else QApplication([APP_NAME])
        QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
        QCoreApplication.setApplicationName(APP_NAME)
        QCoreApplication.setApplicationVersion(__version__)
        qt_app.setWindowIcon(icon("app"))
        settings = settings or Settings()
        # Before any window exists: widgets translate their texts as they are built.
        language = apply_language(settings.get(LANGUAGE))
        paths = (paths or default_paths()).ensure()
        configure_logging(paths.log_dir)
        log.info("%s %s starting (%s)", APP_NAME, __version__, language.locale.name())
        return cls(
            qt_app,
            options,
            settings=settings,
            paths=paths,
            keystore=keystore or KeyStore(),
        )

    def run(self, splash: StartupSplash | None = None) -> int:
        """Show the window (closing the start-up ``splash``) and run until it closes."""
        # Installed here, not in from_args: tests build the app without taking over the
        # process-wide hook that pytest-qt relies on.
        install_excepthook(self._crashed.emit)
        if self.options.desk is None:
            self.main_window.show()
        if splash is not None:
            splash.finish(self.main_window if self.options.desk is None else None)
        return int(self.qt_app.exec())

    def _outbox_path(self) -> Path:
        if self.options.demo:
            # Demo writes go to a throw-away outbox: the demo server forgets them anyway.
            self._demo_dir = tempfile.TemporaryDirectory(prefix="participant-desk-demo-")
            return Path(self._demo_dir.name) / "outbox.sqlite3"
        return self.paths.outbox_file

    # -- sessions ------------------------------------------------------------------------------

    def _start_session(self) -> None:
        options = self.options
        if options.demo:
            self._open_demo()
        elif options.base_url:
            self._open_override(options.base_url)
        else:
            name = options.profile or self.profile_store.active_name
            profile = self.profile_store.get(name) if name else None
            if profile is None:
                QTimer.singleShot(0, self.manage_connections)
            else:
                self._open_profile(profile)

    def _open_demo(self) -> None:
        from app.sandbox import DEMO_KEYS, SandboxServer  # noqa: PLC0415 - only in demo mode

        if self.sandbox is None:
            self.sandbox = SandboxServer().start()
        assert isinstance(self.sandbox, SandboxServer)
        session = open_session(
            self.tr("Demo data"),
            self.sandbox.base_url,
            DEMO_KEYS.full,
            is_demo=True,
            on_request=self._count_request,
        )
        if not self.controller.filters.event_key:
            self.controller.filters = ParticipantFilter(event_key=DEMO_EVENT_KEY)
            self.main_window.filter_bar.set_filters(self.controller.filters)
        self._activate(session)
        self.main_window.show_demo_banner()

    def _open_override(self, base_url: str) -> None:
        key = os.environ.get(API_KEY_ENVIRONMENT_VARIABLE, "").strip()
        register_secret(key)
        try:
            account = PlandocketClient(base_url, key or "placeholder").base_url
        except ConfigurationError as error:
            self.main_window.show_error_banner(error_text(error))
            return
        if not key:

            def ask() -> None:
                entered = KeyPromptDialog.ask(
                    self.main_window,
                    account=account,
                    reason=self.tr(
                        "Enter the API key for %1. It is used for this session only."
                    ).replace("%1", account),
                )
                if entered:
                    self._activate(
                        open_session(
                            account,
                            account,
                            entered,
                            key_persistent=False,
                            on_request=self._count_request,
                        )
                    )

            QTimer.singleShot(0, ask)
            return
        self._activate(
            open_session(
                account, account, key, key_persistent=False, on_request=self._count_request
            )
        )

    def _open_profile(self, profile: Profile) -> None:
        if profile.is_demo:
            self._open_demo()
            return

        def fetch(_worker: object) -> str | None:
            return self.keystore.get(profile.account)  # may block: keychain prompts, DBus

        def opened(key: object) -> None:
            if self._shut_down:
                return
            if not isinstance(key, str) or not key:
                self.manage_connections(initial=profile)
                return
            try:
                session = open_session(
                    profile.name,
                    profile.base_url,
                    key,
                    key_persistent=self.keystore.persistent,
                    on_request=self._count_request,
                )
            except ConfigurationError as error:
                self.main_window.show_error_banner(error_text(error))
                return
            self._activate(session)

        self.pool.submit(fetch, name="keyring-get", on_result=opened)

    def _activate(self, session: Session) -> None:
        if self.budget is None or self.budget.account != session.account:
            if self.budget is not None:
                self.budget.close()
            self.budget = RequestBudget(
                self._store_folder() / "requests.sqlite3",
                session.account,
                plan_limit(self.settings),
            )
        self.controller.set_session(session)
        self.problems.set_account(session.account)
        self.main_window.update_title()
        self.main_window.demo_banner.setVisible(session.is_demo)
        if not session.is_demo and not self.keystore.persistent and self.keystore.problem:
            self.main_window.show_key_banner(self.keystore.problem)
        self._refresh_profiles()
        if self._desk_wanted is not None:
            wanted, self._desk_wanted = self._desk_wanted, None
            self.open_desk(wanted)

    # -- the request budget --------------------------------------------------------------------

    def _count_request(self, record: RequestRecord) -> None:
        """Every request of the account counts against its hourly limit (any thread)."""
        budget = self.budget
        if budget is None:
            return
        budget.record(record.at)
        if record.status == 429:
            budget.note_rate_limited(None)

    def _count_loader_requests(self, count: int) -> None:
        if self.budget is not None:
            self.budget.record(count=count)

    def _store_folder(self) -> Path:
        """Where desk stores live: the data folder (a throw-away one in demo mode)."""
        return Path(self._demo_dir.name) if self._demo_dir is not None else self.paths.data_dir

    # -- the check-in desk ---------------------------------------------------------------------

    def open_desk(self, event_key: str = "") -> None:
        """Open the check-in desk window (for an event, or with the event chooser)."""
        session = self.controller.session
        if session is None or self.budget is None:
            self._desk_wanted = event_key
            return
        if self.desk_window is not None:
            self.desk_window.raise_()
            self.desk_window.activateWindow()
            return
        kiosk = self.options.kiosk
        if kiosk and not self.settings.get(DESK_KIOSK_PIN_HASH):
            pin_hash = SetPinDialog.ask(self.main_window)
            if not pin_hash:
                QMessageBox.information(
                    self.main_window,
                    APP_NAME,
                    self.tr("Kiosk mode needs a desk PIN, so the desk cannot be left unnoticed."),
                )
                self.qt_app.quit()
                return
            self.settings.set(DESK_KIOSK_PIN_HASH, pin_hash)
        loader = ParticipantLoader(self.pool, parent=self)  # the desk counts its requests
        loader.prepare()
        desk = DeskController(
            session=session,
            outbox=self.outbox,
            sender=self.outbox_sender,
            pool=self.pool,
            loader=loader,
            cache=self._desk_cache(),
            budget=self.budget,
            require_enter=self.settings.get(DESK_REQUIRE_ENTER),
            parent=self,
        )
        sounds = SoundPlayer(self, muted=self.settings.get(DESK_MUTED))
        window = DeskWindow(desk, self.settings, sounds, kiosk=kiosk, events=self.controller.events)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.desk_window = window
        self._desk_loader = loader
        window.closed.connect(self._desk_closed)
        if event_key:
            window.open_event(event_key)
        else:
            window.event_picker.set_event_key(self.settings.get(DESK_EVENT_KEY))
        if kiosk:
            # Also without a window manager (a bare kiosk session), which would ignore the
            # full-screen request: cover the screen explicitly.
            screen = window.screen() or self.qt_app.primaryScreen()
            window.setGeometry(screen.geometry())
            window.showFullScreen()
        else:
            window.show()

    def _desk_cache(self) -> ParticipantCache:
        if self._participant_cache is None:
            self._participant_cache = ParticipantCache(self._store_folder() / "desk-cache.sqlite3")
        return self._participant_cache

    def _desk_closed(self) -> None:
        self.desk_window = None
        loader, self._desk_loader = self._desk_loader, None
        if loader is not None:
            loader.shutdown()
        if self.options.desk is not None:
            self.qt_app.quit()  # a desk-only station ends with its desk

    def import_participants(self) -> None:
        """Ask for a CSV file and run the import on it, within the hourly request budget."""
        if self.controller.session is None:
            return
        ImportDialog.choose_file(
            self.controller, self.budget, self.main_window, str(last_folder(self.settings))
        )

    def switch_profile(self, name: str) -> None:
        """Open another saved connection (or the demo data) from the account switcher."""
        if name == DEMO_PROFILE:
            self._open_demo()
            return
        profile = self.profile_store.get(name)
        if profile is None:
            return
        self.profile_store.active_name = profile.name
        self.main_window.demo_banner.hide()
        self._open_profile(profile)

    def manage_connections(self, initial: Profile | None = None) -> None:
        """The connection dialog: a new account, or a new key for one."""
        if self._shut_down:
            return
        profile = ConnectionDialog.ask(
            self.main_window,
            profile_store=self.profile_store,
            keystore=self.keystore,
            pool=self.pool,
            client_factory=PlandocketClient,
            initial=initial,
        )
        if profile is not None:
            self._refresh_profiles()
            self.main_window.demo_banner.hide()
            self._open_profile(profile)

    def _refresh_profiles(self) -> None:
        entries = [(p.name, p.name) for p in self.profile_store.profiles() if not p.is_demo]
        entries.append((self.tr("Demo data"), DEMO_PROFILE))
        session = self.controller.session
        current = DEMO_PROFILE if session is not None and session.is_demo else ""
        if session is not None and not session.is_demo:
            current = session.name
        self.main_window.set_profiles(entries, current)

    def _on_auth_required(self, _error: object) -> None:
        """The key was refused mid-work: ask for a new one, keep the view and the queue."""
        session = self.controller.session
        if session is None or self._prompting or self._shut_down:
            return
        self._prompting = True
        try:
            key = KeyPromptDialog.ask(self.main_window, account=session.account, reason="")
        finally:
            self._prompting = False
        if not key:
            self.main_window.show_error_banner(
                self.tr("Plandocket did not accept the API key; changes stay queued."),
                [(self.tr("Enter key…"), lambda: self._on_auth_required(None))],
            )
            return
        self.main_window.error_banner.hide()
        renewed = open_session(
            session.name,
            session.account,
            key,
            is_demo=session.is_demo,
            key_persistent=session.key_persistent,
            on_request=self._count_request,
        )
        if session.key_persistent and not session.is_demo and not self.options.base_url:

            def store(_worker: object) -> KeyStorage:
                return self.keystore.set(session.account, key)

            self.pool.submit(store, name="keyring-set")
        self.controller.replace_key(renewed)

    # -- filters -------------------------------------------------------------------------------

    def _restore_filters(self) -> None:
        if self.options.demo:
            return  # demo filters do not overwrite a coordinator's own
        confirmed_by_name = {name: value for value, name in enumerate(CONFIRMED_SETTING.values())}
        choice = confirmed_by_name.get(self.settings.get(FILTER_CONFIRMED), 0)
        filters = ParticipantFilter(
            event_key=self.settings.get(FILTER_EVENT_KEY) or None,
            customer_number=self.settings.get(FILTER_CUSTOMER_NUMBER) or None,
            confirmed={0: None, 1: True, 2: False}[choice],
        )
        self.controller.filters = filters
        self.main_window.filter_bar.set_filters(filters)

    def _remember_filters(self, filters: ParticipantFilter) -> None:
        if self.options.demo:
            return
        self.settings.set(FILTER_EVENT_KEY, filters.event_key or "")
        self.settings.set(FILTER_CUSTOMER_NUMBER, filters.customer_number or "")
        name = {None: "all", True: "confirmed", False: "not-confirmed"}[filters.confirmed]
        self.settings.set(FILTER_CONFIRMED, name)

    # -- crashes and shutdown ------------------------------------------------------------------

    def _show_crash(self, summary: str) -> None:
        QMessageBox.critical(
            self.main_window,
            APP_NAME,
            self.tr(
                "Something went wrong: %1\n\nQueued changes are safe and will be sent. "
                "Details are in the log file in %2."
            )
            .replace("%1", summary)
            .replace("%2", str(self.paths.log_dir)),
        )

    def shutdown(self) -> None:
        """Stop in stages, once: save, stop sending and loading, wait for workers, close."""
        if self._shut_down:
            return
        self._shut_down = True
        log.info("shutting down")
        self.main_window.save_state()
        self.settings.sync()
        if self.desk_window is not None:
            self.desk_window.shut_down()
        self.outbox_sender.stop()
        self.loader.shutdown()
        if self._desk_loader is not None:
            self._desk_loader.shutdown()
        self.pool.shutdown(SHUTDOWN_TIMEOUT_MS)
        if self.controller.session is not None:
            self.controller.session.close()
        self.outbox.close()
        if self._participant_cache is not None:
            self._participant_cache.close()
        budget, self.budget = self.budget, None  # late answers must find no budget to count in
        if budget is not None:
            budget.close()
        sandbox = self.sandbox
        if sandbox is not None:
            from app.sandbox import SandboxServer  # noqa: PLC0415

            assert isinstance(sandbox, SandboxServer)
            sandbox.stop()
        if self._demo_dir is not None:
            self._demo_dir.cleanup()
        if self._lock is not None:
            self._lock.unlock()
