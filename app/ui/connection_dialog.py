"""The connection dialog: tenant address, API key, a connection test, and saving the profile.

Shown at first start and from the connection settings. Network and keyring calls run on the
WorkerPool; the dialog only shows their results.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.api.access import AccessReport, check_access
from app.api.client import PlandocketClient
from app.api.errors import PlandocketError
from app.api.urls import normalise_base_url
from app.profiles import Profile, ProfileStore
from app.redaction import redact, register_secret
from app.resources import icon
from app.secrets import KeyStorage, KeyStore
from app.ui.banner import Banner, BannerLevel
from app.ui.key_prompt import ApiKeyField, account_host
from app.ui.translation import error_text
from app.workers import Worker, WorkerPool

log = logging.getLogger(__name__)

ClientFactory = Callable[[str, str], PlandocketClient]

RESULT_ICON_SIZE = 16


def _result_icon(ok: bool | None) -> QIcon:
    if ok is True:
        return icon("confirmed")
    if ok is False:
        return icon("problem")
    return icon("unknown")


class ConnectionDialog(QDialog):
    """Edit one connection profile and its key; test it; save both.

    Saving stores the key with ``keystore.set`` (on the pool), then the profile, and makes
    it the active profile. When the keyring cannot keep the key, a banner says so and the
    key is used for this session only.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        profile_store: ProfileStore,
        keystore: KeyStore,
        pool: WorkerPool,
        client_factory: ClientFactory,
        initial: Profile | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("connectionDialog")
        self.setWindowTitle(self.tr("Connect to Plandocket"))
        self.setAccessibleName(self.windowTitle())
        self._profiles = profile_store
        self._keystore = keystore
        self._pool = pool
        self._client_factory = client_factory
        self._initial = initial
        self._generation = 0  # bumped whenever a running test's answer stops mattering
        self._test_worker: Worker | None = None
        self._save_worker: Worker | None = None
        self._closing = False
        self._key_problem: str | None = None
        self._saved_profile: Profile | None = None
        self._last_report: AccessReport | None = None

        self._build()
        if initial is not None:
            self.name_edit.setText(initial.name)
            self.url_edit.setText(initial.base_url)
            self.demo_check.setChecked(initial.is_demo)
        self._connect()
        self._update_state()
        self._load_keyring_state()
        (self.url_edit if initial is None else self.key_field).setFocus()

    # -- construction ------------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = Banner(self, object_name="connectionBanner")
        form = self._build_form()
        test_row = self._build_test_row()
        self._build_results_and_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addLayout(test_row)
        layout.addWidget(self.results)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # The window follows its content (banner, result lines), never squeezing them.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._intro.setMinimumWidth(520)
        # Tab follows the form from the top (the name field is built first, shown third).
        chain = [
            self.url_edit,
            self.key_field.edit,
            self.key_field.toggle,
            self.name_edit,
            self.demo_check,
            self.test_button,
            self.cancel_test_button,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _build_form(self) -> QFormLayout:

        self._intro = intro = QLabel(
            self.tr(
                "Connect Participant Desk to your Plandocket. A Plandocket administrator "
                "creates API keys under Settings > API."
            ),
            self,
        )
        intro.setObjectName("connectionIntro")
        intro.setWordWrap(True)

        self.name_edit = self._line_edit("connectionName", self.tr("Connection name"))
        self.url_edit = self._line_edit("connectionBaseUrl", self.tr("Plandocket address"))
        self.url_edit.setPlaceholderText(self.tr("acme or acme.plandocket.com"))
        self.url_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhUrlCharactersOnly | Qt.InputMethodHint.ImhNoAutoUppercase
        )

        self.url_preview_icon = QLabel(self)
        self.url_preview_icon.setObjectName("connectionBaseUrlPreviewIcon")
        self.url_preview_icon.setFixedSize(QSize(RESULT_ICON_SIZE, RESULT_ICON_SIZE))
        self.url_preview = QLabel(self)
        self.url_preview.setObjectName("connectionBaseUrlPreview")
        self.url_preview.setWordWrap(True)
        self.url_preview.setTextFormat(Qt.TextFormat.PlainText)
        preview_row = QHBoxLayout()
        preview_row.setContentsMargins(0, 0, 0, 0)
        preview_row.addWidget(self.url_preview_icon, 0, Qt.AlignmentFlag.AlignTop)
        preview_row.addWidget(self.url_preview, 1)

        self.key_field = ApiKeyField("connectionApiKey", self)
        key_help = QLabel(
            self.tr("The key is kept in the system keyring (password store), never in a file."),
            self,
        )
        key_help.setObjectName("connectionApiKeyHelp")
        key_help.setWordWrap(True)

        self.demo_check = QCheckBox(self.tr("&Demo or training data (not a live event)"), self)
        self.demo_check.setObjectName("connectionDemo")
        self.demo_check.setAccessibleName(self.tr("Demo or training data"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(
            self._buddy_label(self.tr("Plandocket &address:"), self.url_edit), self.url_edit
        )
        form.addRow("", preview_row)
        form.addRow(self._buddy_label(self.tr("API &key:"), self.key_field.edit), self.key_field)
        form.addRow("", key_help)
        form.addRow(self._buddy_label(self.tr("Connection &name:"), self.name_edit), self.name_edit)
        form.addRow("", self.demo_check)
        return form

    def _build_test_row(self) -> QHBoxLayout:
        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.test_button.setObjectName("connectionTest")
        self.test_button.setAccessibleName(self.tr("Test connection"))
        self.busy = QProgressBar(self)
        self.busy.setObjectName("connectionBusy")
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.cancel_test_button = QPushButton(self.tr("Cancel test"), self)
        self.cancel_test_button.setObjectName("connectionTestCancel")
        self.cancel_test_button.setAccessibleName(self.tr("Cancel the connection test"))
        self.cancel_test_button.setAutoDefault(False)
        self.cancel_test_button.hide()
        self.status = QLabel(self)
        self.status.setObjectName("connectionTestStatus")
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.busy)
        test_row.addWidget(self.cancel_test_button)
        test_row.addWidget(self.status, 1)
        return test_row

    def _build_results_and_buttons(self) -> None:
        self.results = QWidget(self)
        self.results.setObjectName("connectionResults")
        self.results.setAccessibleName(self.tr("Connection test results"))
        self._results_layout = QVBoxLayout(self.results)
        self._results_layout.setContentsMargins(0, 0, 0, 0)
        self._results_layout.setSpacing(4)
        self._result_labels: list[QLabel] = []

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("connectionSave")
        self.save_button.setAccessibleName(self.tr("Save the connection"))
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("connectionCancel")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))

    def _line_edit(self, name: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _buddy_label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(f"{buddy.objectName()}Label")
        label.setBuddy(buddy)
        return label

    def _connect(self) -> None:
        self.url_edit.textChanged.connect(self._on_input_changed)
        self.key_field.key_changed.connect(self._on_input_changed)
        self.name_edit.textChanged.connect(self._update_state)
        self.test_button.clicked.connect(self.test_connection)
        self.cancel_test_button.clicked.connect(self.cancel_test)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # -- state -------------------------------------------------------------------------------

    @property
    def saved_profile(self) -> Profile | None:
        """The profile as stored by Save, or None."""
        return self._saved_profile

    @property
    def last_report(self) -> AccessReport | None:
        """The last connection test's report for the current address and key."""
        return self._last_report

    def is_testing(self) -> bool:
        """Whether a connection test is running."""
        return self._test_worker is not None

    def is_saving(self) -> bool:
        """Whether the key is being stored."""
        return self._save_worker is not None

    def base_url(self) -> str | None:
        """The normalised address, or None while it is not valid."""
        try:
            return normalise_base_url(self.url_edit.text())
        except PlandocketError:
            return None

    def result_lines(self) -> list[str]:
        """The texts of the test result lines shown."""
        return [label.text() for label in self._result_labels]

    def _on_input_changed(self, *_: object) -> None:
        # Results describe the address and key they were made with: edits make them stale.
        if self._test_worker is not None:
            self.cancel_test()
        self._last_report = None
        self._show_results([])
        self.status.clear()
        self._update_state()

    def _update_state(self, *_: object) -> None:
        url: str | None
        try:
            url = normalise_base_url(self.url_edit.text())
        except PlandocketError as error:
            url = None
            self.url_preview.setText(error_text(error))
            icon_name = "unknown" if not self.url_edit.text().strip() else "problem"
        else:
            self.url_preview.setText(self.tr("Connects to {url}").format(url=url))
            icon_name = "confirmed"
        self.url_preview.setAccessibleName(self.url_preview.text())
        size = QSize(RESULT_ICON_SIZE, RESULT_ICON_SIZE)
        self.url_preview_icon.setPixmap(icon(icon_name).pixmap(size))
        self.name_edit.setPlaceholderText(account_host(url) if url else self.tr("e.g. Acme live"))

        saving = self._save_worker is not None
        testing = self._test_worker is not None
        ready = url is not None and self.key_field.is_valid()
        for widget in (self.url_edit, self.key_field, self.name_edit, self.demo_check):
            widget.setEnabled(not saving and self._saved_profile is None)
        self.test_button.setEnabled(ready and not testing and not saving)
        self.save_button.setEnabled((ready and not saving) or self._saved_profile is not None)
        # Enter tests first; once the key is known to work, Enter saves.
        save_by_default = self._saved_profile is not None or (
            self._last_report is not None and self._last_report.usable
        )
        self.save_button.setDefault(save_by_default)
        self.test_button.setDefault(not save_by_default)
        self.test_button.setAutoDefault(not save_by_default)
        self.save_button.setAutoDefault(save_by_default)

    # -- keyring state at open ---------------------------------------------------------------

    def _load_keyring_state(self) -> None:
        keystore = self._keystore
        account = self._initial.account if self._initial is not None else None

        def task(_: Worker) -> tuple[str | None, str | None]:
            key = keystore.get(account) if account is not None else None
            return keystore.problem, key

        self._pool.submit(task, name="keyring state", on_result=self._on_keyring_state)

    def _on_keyring_state(self, result: tuple[str | None, str | None]) -> None:
        if self._closing:
            return
        problem, key = result
        if problem is not None:
            self._show_session_only(problem)
        if key and not self.key_field.key():
            self.key_field.set_key(key)

    def _show_session_only(self, problem: str) -> None:
        self._key_problem = problem
        self._show_banner(
            BannerLevel.WARNING,
            problem
            + " "
            + self.tr(
                "The key you enter works until Participant Desk closes; it is asked for "
                "again at the next start."
            ),
        )

    # -- test connection ---------------------------------------------------------------------

    def test_connection(self) -> None:
        """Check the address and key on the pool; the lines appear when it answers."""
        url = self.base_url()
        key = self.key_field.key()
        if url is None or not self.key_field.is_valid() or self._test_worker is not None:
            return
        register_secret(key)
        self._generation += 1
        generation = self._generation
        factory = self._client_factory

        def task(worker: Worker) -> AccessReport:
            client = factory(url, key)
            try:
                return check_access(client, should_stop=lambda: worker.cancelled)
            finally:
                client.close()

        self._show_results([])
        self._test_worker = self._pool.submit(
            task,
            name="test connection",
            on_result=lambda report: self._on_test_result(generation, report),
            on_error=lambda error: self._on_test_error(generation, error),
        )
        self._set_busy(True, self.tr("Testing the connection…"))
        self._update_state()

    def cancel_test(self) -> None:
        """Stop waiting for the running test (its answer is dropped)."""
        worker, self._test_worker = self._test_worker, None
        if worker is None:
            return
        self._generation += 1
        worker.cancel()
        self._set_busy(False, self.tr("Test cancelled."))
        self._update_state()

    def _on_test_result(self, generation: int, report: AccessReport) -> None:
        if self._closing or generation != self._generation:
            return
        self._test_worker = None
        self._last_report = report
        self._set_busy(False, "")
        self._show_results(
            report.lines(lambda text: QCoreApplication.translate("AccessReport", text))
        )
        if report.usable:
            self.status.setText(self.tr("Participant Desk can work with this key."))
        else:
            self.status.setText(self.tr("Participant Desk cannot work with this yet."))
        self._update_state()

    def _on_test_error(self, generation: int, error: Exception) -> None:
        if self._closing or generation != self._generation:
            return
        self._test_worker = None
        self._set_busy(False, "")
        if isinstance(error, PlandocketError):
            text = error_text(error)
        else:
            log.error("Connection test failed: %s", redact(f"{type(error).__name__}: {error}"))
            text = self.tr("The connection test failed unexpectedly. Details are in the log.")
        self._show_results([(False, text)])
        self._update_state()

    def _set_busy(self, busy: bool, message: str) -> None:
        self.busy.setVisible(busy)
        self.cancel_test_button.setVisible(busy and self._test_worker is not None)
        self.status.setText(message)
        self.status.setAccessibleName(message)

    def _show_results(self, lines: list[tuple[bool | None, str]]) -> None:
        while self._results_layout.count():
            item = self._results_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._result_labels = []
        words = {True: self.tr("Works"), False: self.tr("Problem"), None: self.tr("Unknown")}
        size = QSize(RESULT_ICON_SIZE, RESULT_ICON_SIZE)
        for index, (ok, text) in enumerate(lines):
            row = QWidget(self.results)
            row.setObjectName(f"connectionResultRow{index}")
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            mark = QLabel(row)
            mark.setObjectName(f"connectionResultIcon{index}")
            mark.setPixmap(_result_icon(ok).pixmap(size))
            mark.setFixedSize(size)
            mark.setAccessibleName(words[ok])
            label = QLabel(text, row)
            label.setObjectName(f"connectionResult{index}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAccessibleName(f"{words[ok]}: {text}")
            label.setProperty("ok", ok)
            row_layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
            row_layout.addWidget(label, 1)
            self._results_layout.addWidget(row)
            self._result_labels.append(label)
        self._fit_later()

    def _show_banner(self, level: BannerLevel, text: str) -> None:
        self.banner.show_message(level, text)
        self._fit_later()

    def _fit_later(self) -> None:
        # New children are shown (and so counted by the layout) by a queued call: fit after it.
        QTimer.singleShot(0, self, self._fit)

    def _fit(self) -> None:
        """Grow the window to the height its wrapped texts need at its width."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    # -- save --------------------------------------------------------------------------------

    def save(self) -> None:
        """Store the key (on the pool), then the profile; close unless keys are session-only."""
        if self._saved_profile is not None:
            self.accept()  # "Continue" after the session-only notice
            return
        url = self.base_url()
        key = self.key_field.key()
        if url is None or not self.key_field.is_valid() or self._save_worker is not None:
            return
        name = " ".join(self.name_edit.text().split()) or account_host(url)
        existing = self._profiles.get(name)
        editing = self._initial is not None and self._initial.name.casefold() == name.casefold()
        if existing is not None and not editing:
            self._show_banner(
                BannerLevel.ERROR,
                self.tr("A connection named '{name}' already exists. Choose another name.").format(
                    name=existing.name
                ),
            )
            self.name_edit.setFocus()
            return
        register_secret(key)
        if self._test_worker is not None:
            self.cancel_test()
        profile = Profile(name=name, base_url=url, is_demo=self.demo_check.isChecked())
        keystore = self._keystore

        def task(_: Worker) -> tuple[KeyStorage, str | None]:
            storage = keystore.set(profile.account, key)
            return storage, keystore.problem if storage is KeyStorage.SESSION_ONLY else None

        self._set_busy(True, self.tr("Saving…"))
        self._save_worker = self._pool.submit(
            task,
            name="store key",
            on_result=lambda result: self._on_key_stored(profile, result),
            on_error=self._on_save_error,
        )
        self._update_state()

    def _on_key_stored(self, profile: Profile, result: tuple[KeyStorage, str | None]) -> None:
        if self._closing:
            return
        self._save_worker = None
        self._set_busy(False, "")
        storage, problem = result
        try:
            stored = self._profiles.save(profile)
            if (
                self._initial is not None
                and self._initial.name.casefold() != stored.name.casefold()
            ):
                self._profiles.remove(self._initial.name)
            self._profiles.active_name = stored.name
        except (ValueError, PlandocketError) as error:
            message = error_text(error)
            self._show_banner(
                BannerLevel.ERROR,
                self.tr("The connection could not be saved: {reason}").format(reason=message),
            )
            self._update_state()
            return
        self._saved_profile = stored
        if storage is KeyStorage.KEYRING:
            self.accept()
            return
        already_told = self._key_problem is not None
        self._show_session_only(problem or self._key_problem or "")
        if already_told:
            self.accept()
            return
        # Keep the dialog open so the notice is read; Save becomes "Continue".
        self.save_button.setText(self.tr("&Continue"))
        self.save_button.setAccessibleName(self.tr("Continue without saving the key"))
        self.cancel_button.hide()
        self.save_button.setFocus()
        self._update_state()

    def _on_save_error(self, error: Exception) -> None:
        if self._closing:
            return
        self._save_worker = None
        self._set_busy(False, "")
        log.error("Storing the key failed: %s", redact(f"{type(error).__name__}: {error}"))
        self._show_banner(
            BannerLevel.ERROR,
            self.tr("The API key could not be stored. Details are in the log."),
        )
        self._update_state()

    # -- closing -----------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel (Esc); once saved (session-only notice shown) it counts as Continue."""
        if self._saved_profile is not None:
            self.accept()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Drop running work and mask the key before the dialog closes."""
        self._closing = True
        self._generation += 1
        for worker in (self._test_worker, self._save_worker):
            if worker is not None:
                worker.cancel()
        self._test_worker = self._save_worker = None
        self.key_field.conceal()
        super().done(result)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        profile_store: ProfileStore,
        keystore: KeyStore,
        pool: WorkerPool,
        client_factory: ClientFactory,
        initial: Profile | None = None,
    ) -> Profile | None:
        """Show the dialog modally; the saved (and now active) profile, or None if cancelled."""
        dialog = cls(
            parent,
            profile_store=profile_store,
            keystore=keystore,
            pool=pool,
            client_factory=client_factory,
            initial=initial,
        )
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.saved_profile
            return None
        finally:
            dialog.deleteLater()
