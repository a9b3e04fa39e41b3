"""The main window end to end against the sandbox: load, filter, search, sort, and every write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QTableView, QWidget

from app.api import ValidationError
from app.application import Application
from app.domain import ParticipantFilter
from app.paths import AppPaths
from app.profiles import Profile, ProfileStore
from app.sandbox import CONF_KEY, DEMO_KEYS, EXPO_KEY, SUMMIT_KEY, WORKSHOP_KEY, SandboxServer
from app.secrets import SERVICE, KeyStore
from app.session import API_KEY_ENVIRONMENT_VARIABLE
from app.ui.connection_dialog import ConnectionDialog
from app.ui.dialogs.add_participant import AddParticipantDialog, AddParticipantRequest
from app.ui.dialogs.bulk_confirm import BulkConfirmDialog
from app.ui.dialogs.edit_participation import EditParticipationDialog, EditParticipationRequest
from app.ui.dialogs.remove_confirmation import RemoveConfirmationDialog
from app.ui.key_prompt import KeyPromptDialog
from app.ui.participant_model import Column
from app.ui.problems_panel import ProblemsPanel
from app.ui.submission import Submission

LOAD_TIMEOUT = 20_000
SEND_TIMEOUT = 20_000

OBJECT_NAMES = [
    "filterEvent",
    "filterCustomerNumber",
    "filterConfirmed",
    "quickSearch",
    "participantsTable",
    "actionAdd",
    "actionConfirm",
    "actionUnconfirm",
    "actionRemove",
    "actionRefresh",
    "statusSummary",
    "problemsList",
]

MakeApp = Callable[..., Application]


@pytest.fixture
def make_app(qtbot, tmp_path: Path, settings, monkeypatch, sandbox) -> Iterator[MakeApp]:
    """An Application on the sandbox via --base-url and the key in the environment."""
    made: list[Application] = []

    def make(*args: str, key: str = DEMO_KEYS.full) -> Application:
        monkeypatch.setenv(API_KEY_ENVIRONMENT_VARIABLE, key)
        application = Application.from_args(
            ["--base-url", sandbox.base_url, *args],
            settings=settings,
            paths=AppPaths(tmp_path / f"data{len(made)}"),
            keystore=KeyStore(),
        )
        qtbot.addWidget(application.main_window)
        application.main_window.show()
        made.append(application)
        return application

    yield make
    for application in made:
        application.shutdown()


def open_event(qtbot, application: Application, event_key: str = EXPO_KEY, **filters) -> None:
    """Choose an event in the filter bar and wait until its list is loaded."""
    window = application.main_window
    with qtbot.waitSignal(application.controller.load_finished, timeout=LOAD_TIMEOUT):
        window.filter_bar.set_filters(ParticipantFilter(event_key=event_key, **filters))
        window.filter_bar.filters_changed.emit(window.filter_bar.filters())


def visible_ids(application: Application) -> list[int]:
    proxy = application.controller.proxy
    rows = (proxy.participant(proxy.index(row, 0)) for row in range(proxy.rowCount()))
    return [participant.id for participant in rows if participant is not None]


def select(application: Application, ids: list[int]) -> None:
    application.main_window.select_participants(ids)


def test_the_window_exposes_every_named_control(make_app):
    window = make_app().main_window
    for name in OBJECT_NAMES:
        found = window.findChild(QWidget, name) or window.findChild(object, name)
        assert found is not None, name
    assert isinstance(window.findChild(QTableView, "participantsTable"), QTableView)
    assert isinstance(window.findChild(QComboBox, "filterConfirmed"), QComboBox)
    assert isinstance(window.findChild(QLineEdit, "quickSearch"), QLineEdit)
    assert isinstance(window.findChild(QLabel, "statusSummary"), QLabel)
    for widget in window.findChildren(QWidget):
        if widget.objectName() in OBJECT_NAMES:
            assert widget.accessibleName(), widget.objectName()


def test_without_an_event_the_window_asks_for_one(make_app):
    window = make_app().main_window
    assert window.stack.currentWidget() is window.empty_state
    assert window.empty_state.title.text() == "Choose an event"


def test_an_event_loads_with_counts_in_the_status_bar(qtbot, make_app, sandbox):
    application = make_app()
    open_event(qtbot, application)
    confirmed = sandbox.store.count(EXPO_KEY, confirmed=True)
    assert application.controller.total_count == 600
    summary = application.main_window.summary_label.text()
    assert summary == f"600 participants · {confirmed} confirmed · 0 changes pending"
    assert application.main_window.stack.currentWidget() is application.main_window.table


def test_the_confirmation_filter_goes_to_the_server(qtbot, make_app, sandbox):
    application = make_app()
    open_event(qtbot, application, confirmed=False)
    expected = sandbox.store.count(EXPO_KEY, confirmed=False)
    assert application.controller.total_count == expected
    assert all(p.is_confirmed is False for p in application.controller.model.participants())


def test_quick_search_narrows_the_loaded_rows_without_reloading(qtbot, make_app, sandbox):
    application = make_app()
    open_event(qtbot, application)
    requests_before = len(sandbox.request_log())
    qtbot.keyClicks(application.main_window.filter_bar.search_edit, "muller")
    shown = [application.controller.model.participant(i) for i in visible_ids(application)]
    assert shown
    assert all(
        "ller"
        in (p.contact.company_name or "") + (p.contact.last_name or "") + (p.contact.email or "")
        for p in shown
    )
    assert len(sandbox.request_log()) == requests_before


def test_sorting_by_company_through_the_header(qtbot, make_app):
    application = make_app()
    open_event(qtbot, application)
    table = application.main_window.table
    table.sortByColumn(Column.COMPANY, Qt.SortOrder.AscendingOrder)
    names = [
        application.controller.proxy.index(row, Column.COMPANY).data() or "" for row in range(30)
    ]
    assert names == sorted(names, key=lambda name: name.casefold()) or names[0] <= names[-1]
    assert table.horizontalHeader().sortIndicatorSection() == Column.COMPANY


def test_confirm_and_unconfirm_reach_the_server(qtbot, make_app, sandbox):
    application = make_app()
    open_event(qtbot, application, confirmed=False)
    ids = visible_ids(application)[:3]
    select(application, ids)
    application.main_window.action_confirm.trigger()
    status = application.controller.proxy.index_of(ids[0], Column.STATUS)
    assert status.data() in ("Confirming…", "Confirmed")  # shown at once, before the answer
    qtbot.waitUntil(
        lambda: all(sandbox.store.participant(i).is_confirmed for i in ids), timeout=SEND_TIMEOUT
    )
    qtbot.waitUntil(lambda: application.controller.pending_count == 0, timeout=SEND_TIMEOUT)
    assert application.controller.proxy.index_of(ids[0], Column.STATUS).data() == "Confirmed"
    select(application, ids[:1])
    application.main_window.action_unconfirm.trigger()
    qtbot.waitUntil(
        lambda: sandbox.store.participant(ids[0]).is_confirmed is False, timeout=SEND_TIMEOUT
    )


def test_confirming_many_asks_first(qtbot, make_app, sandbox, monkeypatch):
    asked: list[int] = []

    def decline(parent, count, confirm):
        asked.append(count)
        return False

    monkeypatch.setattr(BulkConfirmDialog, "ask", staticmethod(decline))
    application = make_app()
    open_event(qtbot, application, confirmed=False)
    application.main_window.table.selectAll()
    application.main_window.action_confirm.trigger()
    assert asked == [application.controller.total_count]
    assert application.controller.pending_count == 0  # declined: nothing queued


def test_remove_asks_and_then_removes_on_the_server(qtbot, make_app, sandbox, monkeypatch):
    monkeypatch.setattr(RemoveConfirmationDialog, "ask", staticmethod(lambda parent, ps: True))
    application = make_app()
    open_event(qtbot, application, WORKSHOP_KEY)
    victim = visible_ids(application)[0]
    select(application, [victim])
    application.main_window.action_remove.trigger()
    qtbot.waitUntil(lambda: sandbox.store.participant(victim) is None, timeout=SEND_TIMEOUT)
    qtbot.waitUntil(lambda: victim not in visible_ids(application), timeout=SEND_TIMEOUT)
    assert application.controller.total_count == 23


def submit_add(monkeypatch, request: AddParticipantRequest) -> list[Submission]:
    """Replace the Add dialog by one that submits ``request`` at once."""
    submissions: list[Submission] = []

    def ask(parent, *, submit, **_options):
        submissions.append(submit(request))

    monkeypatch.setattr(AddParticipantDialog, "ask", staticmethod(ask))
    return submissions


def test_add_creates_the_participation_and_shows_the_full_row(
    qtbot, make_app, sandbox, monkeypatch
):
    free = sandbox.store.free_contacts()[0]
    submissions = submit_add(
        monkeypatch, AddParticipantRequest(WORKSHOP_KEY, free.customer_number, True, None)
    )
    application = make_app()
    open_event(qtbot, application, WORKSHOP_KEY)
    application.main_window.action_add.trigger()
    with qtbot.waitSignal(submissions[0].succeeded, timeout=SEND_TIMEOUT):
        pass
    created = sandbox.store.find(WORKSHOP_KEY, free.customer_number)
    assert created is not None
    assert created.is_confirmed
    qtbot.waitUntil(
        lambda: (
            (p := application.controller.model.participant(created.id)) is not None
            and p.contact is not None
            and p.contact.company_name == free.company_name
        ),
        timeout=SEND_TIMEOUT,
    )
    assert application.controller.total_count == 25


def test_a_rejected_add_reports_the_field_message(qtbot, make_app, monkeypatch):
    submissions = submit_add(
        monkeypatch, AddParticipantRequest(WORKSHOP_KEY, "NO-SUCH-NUMBER", False, None)
    )
    application = make_app()
    open_event(qtbot, application, WORKSHOP_KEY)
    application.main_window.action_add.trigger()
    with qtbot.waitSignal(submissions[0].rejected, timeout=SEND_TIMEOUT) as rejected:
        pass
    error = rejected.args[0]
    assert isinstance(error, ValidationError)
    assert "customer_number" in error.field_errors
    qtbot.waitUntil(lambda: application.controller.total_count == 24)  # placeholder withdrawn


def test_a_dropped_network_keeps_changes_pending_until_it_is_back(qtbot, make_app, sandbox):
    application = make_app()
    open_event(qtbot, application, confirmed=False)
    target = visible_ids(application)[0]
    sandbox.faults.drop_rate = 1.0
    select(application, [target])
    application.main_window.action_confirm.trigger()
    qtbot.waitUntil(lambda: application.controller.pending_count == 1, timeout=SEND_TIMEOUT)
    assert "1 change pending" in application.main_window.summary_label.text()
    assert application.controller.proxy.index_of(target, Column.STATUS).data() == "Confirming…"
    assert not sandbox.store.participant(target).is_confirmed
    sandbox.faults.drop_rate = 0.0
    application.outbox_sender.retry_now()  # the network is back
    qtbot.waitUntil(lambda: application.controller.pending_count == 0, timeout=SEND_TIMEOUT)
    assert sandbox.store.participant(target).is_confirmed
    changes = [e for e in sandbox.store.audit_log() if e.participant_id == target and e.changed]
    assert len(changes) == 1


def test_a_revoked_key_asks_for_a_new_one_and_keeps_the_queue(
    qtbot, make_app, sandbox, monkeypatch
):
    temporary = "pd_test_revocable_key_0001"
    sandbox.add_api_key(temporary, ("participants", "events", "contacts"))
    prompted: list[str] = []

    def ask(parent, *, account, reason):
        prompted.append(account)
        return DEMO_KEYS.full

    monkeypatch.setattr(KeyPromptDialog, "ask", staticmethod(ask))
    application = make_app(key=temporary)
    open_event(qtbot, application, confirmed=False)
    rows_before = application.controller.total_count
    sandbox.remove_api_key(temporary)  # revoked in Plandocket's admin meanwhile
    target = visible_ids(application)[0]
    select(application, [target])
    application.main_window.action_confirm.trigger()
    qtbot.waitUntil(lambda: bool(prompted), timeout=SEND_TIMEOUT)
    qtbot.waitUntil(lambda: sandbox.store.participant(target).is_confirmed, timeout=SEND_TIMEOUT)
    assert prompted == [sandbox.base_url]
    assert application.controller.total_count == rows_before  # the view was kept


def test_a_key_without_the_participants_scope_says_so(qtbot, make_app):
    application = make_app(key=DEMO_KEYS.no_participants)
    with qtbot.waitSignal(application.controller.load_failed, timeout=LOAD_TIMEOUT):
        window = application.main_window
        window.filter_bar.set_filters(ParticipantFilter(event_key=EXPO_KEY))
        window.filter_bar.filters_changed.emit(window.filter_bar.filters())
    banner = application.main_window.error_banner
    assert banner.isVisible()
    assert "'participants'" in banner.text()
    assert application.main_window.empty_state.title.text() == "Could not load participants"


def test_a_load_error_offers_retry(qtbot, make_app, sandbox):
    application = make_app()
    sandbox.faults.error_rate = 1.0
    sandbox.faults.error_statuses = (500,)
    window = application.main_window
    with qtbot.waitSignal(application.controller.load_failed, timeout=LOAD_TIMEOUT):
        window.filter_bar.set_filters(ParticipantFilter(event_key=EXPO_KEY))
        window.filter_bar.filters_changed.emit(window.filter_bar.filters())
    assert window.empty_state.title.text() == "Could not load participants"
    assert window.empty_state.button.text() == "Retry"
    assert "HTTP 500" in window.empty_state.message.text()
    assert window.summary_label.text().startswith("0 participants")
    sandbox.faults.error_rate = 0.0
    with qtbot.waitSignal(application.controller.load_finished, timeout=LOAD_TIMEOUT):
        window.empty_state.button.click()
    assert application.controller.total_count == 600


def test_window_layout_and_filters_are_remembered(qtbot, make_app):
    first = make_app()
    open_event(qtbot, first, WORKSHOP_KEY)
    header = first.main_window.table.horizontalHeader()
    header.resizeSection(Column.COMPANY, 333)
    header.setSectionHidden(Column.CATEGORY, True)
    first.main_window.close()
    first.shutdown()
    second = make_app()
    header = second.main_window.table.horizontalHeader()
    assert header.sectionSize(Column.COMPANY) == 333
    assert header.isSectionHidden(Column.CATEGORY)
    assert second.controller.filters.event_key == WORKSHOP_KEY


def test_a_second_app_on_the_same_data_folder_is_refused(qtbot, make_app, tmp_path, settings):
    from app.application import AlreadyRunningError

    make_app()
    with pytest.raises(AlreadyRunningError):
        Application.from_args(
            ["--base-url", "https://acme.plandocket.com"],
            settings=settings,
            paths=AppPaths(tmp_path / "data0"),
            keystore=KeyStore(),
        )


def test_demo_mode_opens_on_sample_data_without_touching_the_keyring(
    qtbot, tmp_path, settings, memory_keyring
):
    application = Application.from_args(
        ["--demo"], settings=settings, paths=AppPaths(tmp_path / "demo"), keystore=KeyStore()
    )
    qtbot.addWidget(application.main_window)
    try:
        qtbot.waitUntil(lambda: application.controller.total_count == 600, timeout=LOAD_TIMEOUT)
        window = application.main_window
        assert "Demo" in window.windowTitle()
        assert window.demo_banner.isVisibleTo(window)
        assert "Demo data" in window.demo_banner.text()
        assert memory_keyring.passwords == {}
        assert isinstance(application.sandbox, SandboxServer)
    finally:
        application.shutdown()


# -- connections --------------------------------------------------------------------------


def build(settings, tmp_path: Path, *args: str, keystore: KeyStore | None = None) -> Application:
    return Application.from_args(
        list(args),
        settings=settings,
        paths=AppPaths(tmp_path / "profile-data"),
        keystore=keystore or KeyStore(),
    )


def test_first_start_without_a_connection_opens_the_connection_dialog(
    qtbot, tmp_path, settings, monkeypatch
):
    asked: list[object] = []
    monkeypatch.setattr(
        ConnectionDialog, "ask", staticmethod(lambda parent, **options: asked.append(options))
    )
    application = build(settings, tmp_path)
    qtbot.addWidget(application.main_window)
    try:
        qtbot.waitUntil(lambda: bool(asked))
        assert application.main_window.empty_state.title.text() == "Not connected"
    finally:
        application.shutdown()


def test_a_saved_connection_opens_with_its_key_from_the_keyring(
    qtbot, tmp_path, settings, sandbox, memory_keyring
):
    store = ProfileStore(settings)
    profile = store.save(Profile("Acme (test)", sandbox.base_url))
    store.active_name = profile.name
    memory_keyring.set_password(SERVICE, profile.account, DEMO_KEYS.full)
    application = build(settings, tmp_path)
    qtbot.addWidget(application.main_window)
    try:
        qtbot.waitUntil(lambda: application.controller.session is not None, timeout=LOAD_TIMEOUT)
        session = application.controller.session
        assert session is not None
        assert session.name == "Acme (test)"
        assert "Acme (test)" in application.main_window.windowTitle()
        assert application.main_window.profile_switcher.currentText() == "Acme (test)"
        assert not application.main_window.key_banner.isVisibleTo(application.main_window)
    finally:
        application.shutdown()


def test_without_a_usable_keyring_the_key_is_kept_for_the_session_and_a_banner_says_so(
    qtbot, tmp_path, settings, sandbox, monkeypatch
):
    keystore = KeyStore(backend=FailKeyring())  # type: ignore[no-untyped-call]

    def connect(parent, *, profile_store, keystore, **_options):
        profile = profile_store.save(Profile("Acme", sandbox.base_url))
        keystore.set(profile.account, DEMO_KEYS.full)
        return profile

    monkeypatch.setattr(ConnectionDialog, "ask", staticmethod(connect))
    application = build(settings, tmp_path, keystore=keystore)
    qtbot.addWidget(application.main_window)
    try:
        qtbot.waitUntil(lambda: application.controller.session is not None, timeout=LOAD_TIMEOUT)
        banner = application.main_window.key_banner
        assert banner.isVisibleTo(application.main_window)
        assert "only until the app closes" in banner.text()
        files = [p for p in tmp_path.rglob("*") if p.is_file()]
        assert all(DEMO_KEYS.full.encode() not in p.read_bytes() for p in files)
    finally:
        application.shutdown()


def test_a_command_line_connection_is_never_saved(qtbot, make_app, settings, memory_keyring):
    make_app()
    assert ProfileStore(settings).profiles() == []
    assert memory_keyring.passwords == {}


def test_a_participants_only_key_works_without_the_event_picker(qtbot, make_app):
    application = make_app(key=DEMO_KEYS.participants_only)
    qtbot.waitUntil(lambda: application.controller.session.can_list_events is not None)
    assert application.controller.session.can_list_events is False
    assert application.controller.lookup is None
    assert not application.main_window.filter_bar.event_picker.has_events()
    open_event(qtbot, application, WORKSHOP_KEY)  # typed by hand
    assert application.controller.total_count == 24


# -- lists and changes --------------------------------------------------------------------


def test_an_event_without_participants_says_so(qtbot, make_app):
    application = make_app()
    open_event(qtbot, application, SUMMIT_KEY)
    assert application.main_window.empty_state.title.text() == "No participants"


def test_cancelling_a_load_keeps_what_arrived(qtbot, make_app, sandbox):
    application = make_app()
    sandbox.faults.latency_ms = 40
    window = application.main_window
    with qtbot.waitSignal(application.controller.load_started):
        window.filter_bar.set_filters(ParticipantFilter(event_key=CONF_KEY))
        window.filter_bar.filters_changed.emit(window.filter_bar.filters())
    qtbot.waitUntil(lambda: application.controller.total_count > 0, timeout=LOAD_TIMEOUT)
    assert window.cancel_button.isVisible()
    with qtbot.waitSignal(application.controller.load_cancelled):
        window.cancel_button.click()
    assert 0 < application.controller.total_count < 2500
    assert not window.progress.isVisible()
    assert "Loading stopped" in window.statusBar().currentMessage()


def test_moving_a_participation_to_another_event(qtbot, make_app, sandbox, monkeypatch):
    submissions: list[Submission] = []

    def ask(parent, *, participant, submit, **_options):
        submissions.append(submit(EditParticipationRequest(participant.id, WORKSHOP_KEY, None)))

    monkeypatch.setattr(EditParticipationDialog, "ask", staticmethod(ask))
    application = make_app()
    open_event(qtbot, application)
    free = next(  # someone not yet in the workshop
        p
        for p in application.controller.model.participants()
        if sandbox.store.find(WORKSHOP_KEY, p.contact.customer_number) is None
    )
    select(application, [free.id])
    application.main_window.action_edit.trigger()
    with qtbot.waitSignal(submissions[0].succeeded, timeout=SEND_TIMEOUT):
        pass
    moved = sandbox.store.participant(free.id)
    assert moved is not None
    assert sandbox.store.find(WORKSHOP_KEY, free.contact.customer_number) is not None
    qtbot.waitUntil(lambda: free.id not in visible_ids(application), timeout=SEND_TIMEOUT)


def test_a_change_to_a_participant_removed_meanwhile_lands_in_problems(
    qtbot, make_app, sandbox, monkeypatch
):
    application = make_app()
    open_event(qtbot, application, confirmed=False)
    target = visible_ids(application)[0]
    with httpx.Client(base_url=sandbox.base_url) as other_desk:  # someone else removes it
        other_desk.delete(
            f"/api/v1/participants/{target}", headers={"Authorization": f"Bearer {DEMO_KEYS.full}"}
        ).raise_for_status()
    select(application, [target])
    application.main_window.action_confirm.trigger()
    window = application.main_window
    qtbot.waitUntil(lambda: window.problems.count == 1, timeout=SEND_TIMEOUT)
    assert window.problems_dock.isVisible()
    problems_list = window.findChild(QListWidget, "problemsList")
    assert problems_list.count() == 1
    assert "gone on the server" in problems_list.item(0).text()
    status = application.controller.proxy.index_of(target, Column.STATUS)
    assert status.data() == "Problem"
    assert "need attention" in window.summary_label.text()
    monkeypatch.setattr(ProblemsPanel, "ask_discard", classmethod(lambda cls, parent, ops: True))
    problems_list.selectAll()
    window.problems.discard_selected()
    qtbot.waitUntil(
        lambda: (
            application.controller.proxy.index_of(target, Column.STATUS).data() == "Not confirmed"
        )
    )


def test_copy_puts_the_selected_rows_on_the_clipboard(qtbot, make_app):
    application = make_app()
    open_event(qtbot, application, WORKSHOP_KEY)
    select(application, visible_ids(application)[:2])
    application.main_window.action_copy.trigger()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:3] == ["Status", "Customer no.", "Company"]
    assert len(lines) == 3
