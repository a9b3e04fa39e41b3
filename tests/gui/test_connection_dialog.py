"""ConnectionDialog driven by qtbot against the sandbox: address, key, test, save, keyring."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from app.api import ConfigurationError, PlandocketClient, RetryPolicy
from app.profiles import Profile, ProfileStore
from app.sandbox import DEMO_KEYS, SandboxServer
from app.secrets import SERVICE, KeyStore
from app.settings import Settings
from app.ui.connection_dialog import ConnectionDialog
from app.workers import WorkerPool
from tests.memory_keyring import MemoryKeyring

NO_RETRY = RetryPolicy(max_attempts=1)

CONTROLS = (
    "connectionName",
    "connectionBaseUrl",
    "connectionBaseUrlPreview",
    "connectionApiKey",
    "connectionApiKeyShow",
    "connectionDemo",
    "connectionTest",
    "connectionTestCancel",
    "connectionBusy",
    "connectionResults",
    "connectionSave",
    "connectionCancel",
)


class ClientFactory:
    """Makes real clients (no retries) and remembers them, to check they get closed."""

    def __init__(self) -> None:
        self.clients: list[PlandocketClient] = []
        self.transport: httpx.BaseTransport | None = None
        self.error: Exception | None = None

    def __call__(self, base_url: str, key: str) -> PlandocketClient:
        if self.error is not None:
            raise self.error
        client = PlandocketClient(base_url, key, retry=NO_RETRY, transport=self.transport)
        self.clients.append(client)
        return client


@pytest.fixture
def pool(qtbot) -> Iterator[WorkerPool]:
    workers = WorkerPool()
    yield workers
    workers.shutdown(10_000)


@pytest.fixture
def factory() -> ClientFactory:
    return ClientFactory()


@pytest.fixture
def profile_store(settings: Settings) -> ProfileStore:
    return ProfileStore(settings)


@pytest.fixture
def keystore() -> KeyStore:
    return KeyStore()


MakeDialog = Callable[..., ConnectionDialog]


@pytest.fixture
def make_dialog(
    qtbot, pool: WorkerPool, factory: ClientFactory, profile_store: ProfileStore, keystore: KeyStore
) -> Iterator[MakeDialog]:
    dialogs: list[ConnectionDialog] = []

    def make(initial: Profile | None = None) -> ConnectionDialog:
        dialog = ConnectionDialog(
            None,
            profile_store=profile_store,
            keystore=keystore,
            pool=pool,
            client_factory=factory,
            initial=initial,
        )
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: pool.active_count == 0)  # the keyring state has loaded
        return dialog

    yield make
    for dialog in dialogs:
        dialog.close()


def paste_key(qtbot, dialog: ConnectionDialog, key: str) -> None:
    """Paste ``key`` the way people do: with whitespace and a line break around it."""
    QApplication.clipboard().setText(f"  {key}\n")
    edit = dialog.key_field.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def fill(qtbot, dialog: ConnectionDialog, address: str, key: str) -> None:
    dialog.url_edit.clear()
    qtbot.keyClicks(dialog.url_edit, address)
    paste_key(qtbot, dialog, key)


def run_test(qtbot, dialog: ConnectionDialog) -> list[str]:
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_testing() and bool(dialog.result_lines()), timeout=10_000)
    return dialog.result_lines()


def marks(dialog: ConnectionDialog) -> list[object]:
    """The ok/problem/unknown mark of each result line, read from the labels."""
    labels = [
        dialog.findChild(QLabel, f"connectionResult{i}") for i in range(len(dialog.result_lines()))
    ]
    return [label.property("ok") if label is not None else "missing" for label in labels]


# -- layout and validation -----------------------------------------------------------------


def test_every_control_is_named_and_accessible(make_dialog: MakeDialog):
    dialog = make_dialog()
    for name in CONTROLS:
        widget = dialog.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
    assert dialog.key_field.edit.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.banner.isVisible()  # the memory keyring works


def test_address_preview_follows_the_typing(make_dialog: MakeDialog, qtbot):
    dialog = make_dialog()
    assert "Enter your Plandocket address" in dialog.url_preview.text()
    qtbot.keyClicks(dialog.url_edit, "acme")
    assert dialog.url_preview.text() == "Connects to https://acme.plandocket.com"
    assert dialog.name_edit.placeholderText() == "acme.plandocket.com"
    dialog.url_edit.setText("http://acme.example.com")
    assert "must start with https://" in dialog.url_preview.text()
    assert dialog.base_url() is None
    dialog.url_edit.setText(" https://Acme.Plandocket.com/api/v1/participants ")
    assert dialog.base_url() == "https://acme.plandocket.com"


def test_save_and_test_need_a_valid_address_and_key(make_dialog: MakeDialog, qtbot):
    dialog = make_dialog()
    assert not dialog.save_button.isEnabled()
    assert not dialog.test_button.isEnabled()
    qtbot.keyClicks(dialog.url_edit, "acme")
    assert not dialog.save_button.isEnabled()
    paste_key(qtbot, dialog, "pd_some_key_123456")
    assert dialog.key_field.key() == "pd_some_key_123456"
    assert dialog.save_button.isEnabled()
    assert dialog.test_button.isEnabled()
    assert dialog.test_button.isDefault()  # Enter tests first
    dialog.url_edit.setText("not a host!")
    assert not dialog.save_button.isEnabled()


# -- test connection -----------------------------------------------------------------------


def test_full_key_reports_every_scope(
    make_dialog: MakeDialog, qtbot, sandbox: SandboxServer, factory: ClientFactory
):
    dialog = make_dialog()
    fill(qtbot, dialog, sandbox.base_url, DEMO_KEYS.full)
    lines = run_test(qtbot, dialog)
    assert lines == [
        f"Plandocket answered at {sandbox.base_url}.",
        "The API key is valid.",
        "The key may read and change participants.",
        "The key may read events: pick events from a list.",
        "The key may read contacts: find contacts by name when adding participants.",
    ]
    assert marks(dialog) == [True] * 5
    icons = [dialog.findChild(QLabel, f"connectionResultIcon{i}") for i in range(5)]
    assert all(label is not None and not label.pixmap().isNull() for label in icons)
    assert dialog.status.text() == "Participant Desk can work with this key."
    assert not dialog.busy.isVisible()
    assert dialog.save_button.isDefault()  # now Enter saves
    qtbot.waitUntil(lambda: all(client.closed for client in factory.clients))


def test_participants_only_key_says_what_is_missing(
    make_dialog: MakeDialog, qtbot, sandbox: SandboxServer
):
    dialog = make_dialog()
    fill(qtbot, dialog, sandbox.base_url, DEMO_KEYS.participants_only)
    lines = run_test(qtbot, dialog)
    assert (
        "The key has no 'events' scope: type event keys by hand instead of picking them." in lines
    )
    assert marks(dialog) == [True, True, True, False, False]
    assert dialog.status.text() == "Participant Desk can work with this key."


def test_key_without_participants_scope(make_dialog: MakeDialog, qtbot, sandbox: SandboxServer):
    dialog = make_dialog()
    fill(qtbot, dialog, sandbox.base_url, DEMO_KEYS.no_participants)
    lines = run_test(qtbot, dialog)
    assert any("no 'participants' scope" in line for line in lines)
    assert dialog.status.text() == "Participant Desk cannot work with this yet."
    assert dialog.test_button.isDefault()


def test_unknown_key(make_dialog: MakeDialog, qtbot, sandbox: SandboxServer):
    dialog = make_dialog()
    fill(qtbot, dialog, sandbox.base_url, "pd_unknown_key_000000")
    lines = run_test(qtbot, dialog)
    assert (
        lines[1] == "Plandocket did not accept the API key. It may be mistyped, revoked or expired."
    )
    assert marks(dialog) == [True, False]


def test_a_client_that_cannot_be_made_is_reported(
    make_dialog: MakeDialog, qtbot, factory: ClientFactory
):
    dialog = make_dialog()
    fill(qtbot, dialog, "acme", "pd_key_123456789")
    factory.error = ConfigurationError("The Plandocket address is not valid.")
    assert run_test(qtbot, dialog) == ["The Plandocket address is not valid."]
    factory.error = RuntimeError("boom")
    dialog.key_field.set_key("pd_key_123456780")
    assert run_test(qtbot, dialog) == [
        "The connection test failed unexpectedly. Details are in the log."
    ]


@pytest.fixture
def stalled(factory: ClientFactory) -> Iterator[threading.Event]:
    """Requests hang until the event is set (set at teardown at the latest)."""
    release = threading.Event()

    def answer(request: httpx.Request) -> httpx.Response:
        release.wait(10)
        return httpx.Response(200, json={"data": []})

    factory.transport = httpx.MockTransport(answer)
    yield release
    release.set()


def test_a_slow_test_shows_progress_and_can_be_cancelled(
    make_dialog: MakeDialog, qtbot, stalled: threading.Event, pool: WorkerPool
):
    dialog = make_dialog()
    fill(qtbot, dialog, "acme", "pd_key_123456789")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.busy.isVisible()
    assert dialog.cancel_test_button.isVisible()
    assert dialog.status.text() == "Testing the connection…"
    assert not dialog.test_button.isEnabled()

    qtbot.mouseClick(dialog.cancel_test_button, Qt.MouseButton.LeftButton)
    assert not dialog.busy.isVisible()
    assert dialog.status.text() == "Test cancelled."
    assert dialog.test_button.isEnabled()
    stalled.set()
    qtbot.waitUntil(lambda: pool.active_count == 0)
    assert dialog.result_lines() == []  # the late answer is dropped


def test_closing_during_a_test_is_safe(
    make_dialog: MakeDialog, qtbot, stalled: threading.Event, pool: WorkerPool
):
    dialog = make_dialog()
    fill(qtbot, dialog, "acme", "pd_key_123456789")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    stalled.set()
    qtbot.waitUntil(lambda: pool.active_count == 0)


def test_editing_makes_old_results_disappear(
    make_dialog: MakeDialog, qtbot, sandbox: SandboxServer
):
    dialog = make_dialog()
    fill(qtbot, dialog, sandbox.base_url, DEMO_KEYS.full)
    run_test(qtbot, dialog)
    qtbot.keyClicks(dialog.key_field.edit, "x")
    assert dialog.result_lines() == []
    assert dialog.last_report is None
    assert dialog.test_button.isDefault()


# -- save ----------------------------------------------------------------------------------


def test_enter_tests_then_saves_the_key_in_the_keyring(
    make_dialog: MakeDialog,
    qtbot,
    sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
    profile_store: ProfileStore,
):
    dialog = make_dialog()
    fill(qtbot, dialog, sandbox.base_url, DEMO_KEYS.full)
    qtbot.keyClicks(dialog.name_edit, "Sandbox")
    qtbot.keyClick(dialog.key_field.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.result_lines()) and not dialog.is_testing())
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.key_field.edit, Qt.Key.Key_Return)

    expected = Profile("Sandbox", sandbox.base_url)
    assert dialog.saved_profile == expected
    assert memory_keyring.passwords == {(SERVICE, sandbox.base_url): DEMO_KEYS.full}
    assert profile_store.profiles() == [expected]
    assert profile_store.active_name == "Sandbox"
    assert dialog.key_field.edit.echoMode() == QLineEdit.EchoMode.Password


def test_save_without_a_test_uses_the_host_as_name(
    make_dialog: MakeDialog, qtbot, memory_keyring: MemoryKeyring, profile_store: ProfileStore
):
    dialog = make_dialog()
    fill(qtbot, dialog, "acme", "pd_acme_key_24680")
    dialog.demo_check.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert profile_store.profiles() == [
        Profile("acme.plandocket.com", "https://acme.plandocket.com", is_demo=True)
    ]
    assert memory_keyring.passwords[(SERVICE, "https://acme.plandocket.com")] == "pd_acme_key_24680"


def test_a_taken_name_is_refused(make_dialog: MakeDialog, qtbot, profile_store: ProfileStore):
    profile_store.save(Profile("Acme", "acme"))
    dialog = make_dialog()
    fill(qtbot, dialog, "other", "pd_other_key_13579")
    qtbot.keyClicks(dialog.name_edit, "acme")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.isVisible()
    assert dialog.banner.text() == "A connection named 'Acme' already exists. Choose another name."
    assert dialog.isVisible()
    assert [p.base_url for p in profile_store.profiles()] == ["https://acme.plandocket.com"]


def test_editing_a_profile_prefills_the_stored_key_and_renames(
    make_dialog: MakeDialog, qtbot, memory_keyring: MemoryKeyring, profile_store: ProfileStore
):
    old = profile_store.save(Profile("Acme", "acme"))
    memory_keyring.passwords[(SERVICE, old.account)] = "pd_stored_key_11111"
    dialog = make_dialog(initial=old)
    assert dialog.key_field.key() == "pd_stored_key_11111"
    assert dialog.url_edit.text() == "https://acme.plandocket.com"
    dialog.name_edit.setText("Acme live")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in profile_store.profiles()] == ["Acme live"]


def test_escape_cancels_and_stores_nothing(
    make_dialog: MakeDialog, qtbot, memory_keyring: MemoryKeyring, profile_store: ProfileStore
):
    dialog = make_dialog()
    fill(qtbot, dialog, "acme", "pd_acme_key_24680")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Escape)
    assert memory_keyring.passwords == {}
    assert profile_store.profiles() == []


def _files_containing(folder: Path, text: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


class EmptyChainer(chainer.ChainerBackend):
    """What keyring picks when no backend is installed at all."""

    backends: list[KeyringBackend] = []  # noqa: RUF012 - overrides a class property

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]


class FailsOnSave(MemoryKeyring):
    """Reads fine, but saving raises (a locked keychain, a DBus error)."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error


NO_KEYRING: dict[str, tuple[Callable[[], KeyringBackend], str]] = {
    "fail": (fail.Keyring, "offers no password store"),
    "null": (null.Keyring, "is turned off"),
    "empty-chainer": (EmptyChainer, "offers no password store"),
}


@pytest.mark.parametrize("case", list(NO_KEYRING))
def test_no_keyring_shows_the_banner_and_keeps_the_key_for_the_session(
    case: str, make_dialog: MakeDialog, qtbot, keystore: KeyStore, tmp_path: Path
):
    make_backend, words = NO_KEYRING[case]
    keyring.set_keyring(make_backend())
    dialog = make_dialog()
    assert dialog.banner.isVisible()
    assert dialog.banner.level().value == "warning"
    assert words in dialog.banner.text()
    assert "works until Participant Desk closes" in dialog.banner.text()

    key = f"pd_session_only_CANARY_{case}_97531"
    fill(qtbot, dialog, "acme", key)
    with qtbot.waitSignal(dialog.accepted):  # already told: Save closes at once
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert keystore.session_key("https://acme.plandocket.com") == key
    assert dialog.saved_profile == Profile("acme.plandocket.com", "https://acme.plandocket.com")
    assert (tmp_path / "settings.ini").exists()
    assert _files_containing(tmp_path, key) == []


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (KeyringLocked("Failed to unlock the collection!"), "The system keyring is locked"),
        (RuntimeError("org.freedesktop.DBus.Error.NoReply"), "did not respond as expected"),
    ],
)
def test_a_keyring_failure_on_save_is_explained_before_closing(
    error: Exception, words: str, make_dialog: MakeDialog, qtbot, keystore: KeyStore
):
    keyring.set_keyring(FailsOnSave(error))
    dialog = make_dialog()
    assert not dialog.banner.isVisible()
    fill(qtbot, dialog, "acme", "pd_failed_save_key_86420")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.banner.isVisible)
    assert words in dialog.banner.text()
    assert dialog.save_button.text() == "&Continue"
    assert not dialog.cancel_button.isVisible()
    assert not dialog.url_edit.isEnabled()
    assert dialog.saved_profile is not None  # the profile is saved; only the key is not
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # saved already: Esc means Continue
    assert keystore.session_key("https://acme.plandocket.com") == "pd_failed_save_key_86420"


def test_ask_returns_the_saved_profile(
    qtbot, pool: WorkerPool, factory: ClientFactory, profile_store: ProfileStore, keystore: KeyStore
):
    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConnectionDialog)
        dialog.url_edit.setText("acme")
        dialog.key_field.set_key("pd_ask_key_112233")
        dialog.save()

    QTimer.singleShot(0, drive)
    profile = ConnectionDialog.ask(
        None, profile_store=profile_store, keystore=keystore, pool=pool, client_factory=factory
    )
    assert profile == Profile("acme.plandocket.com", "https://acme.plandocket.com")

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    assert (
        ConnectionDialog.ask(
            None, profile_store=profile_store, keystore=keystore, pool=pool, client_factory=factory
        )
        is None
    )


def test_screenshot_after_a_test_connection(
    make_dialog: MakeDialog, qtbot, sandbox: SandboxServer, tmp_path: Path
):
    dialog = make_dialog()
    fill(qtbot, dialog, sandbox.base_url, DEMO_KEYS.participants_only)
    qtbot.keyClicks(dialog.name_edit, "Sandbox")
    run_test(qtbot, dialog)
    assert dialog.key_field.edit.echoMode() == QLineEdit.EchoMode.Password
    target = tmp_path / "connection.png"
    assert dialog.grab().save(str(target))
    assert target.stat().st_size > 5000
