"""The check-in desk end to end against the sandbox: scan, choose, walk-in, undo, offline."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QWidget

from app.application import Application
from app.desk.results import DeskResult, ResultKind
from app.domain import Participant
from app.paths import AppPaths
from app.pin import hash_pin
from app.sandbox import CONF_KEY, DEMO_KEYS, EXPO_KEY, SandboxServer
from app.secrets import KeyStore
from app.session import API_KEY_ENVIRONMENT_VARIABLE
from app.settings import DESK_KIOSK_PIN_HASH, DESK_REQUIRE_ENTER
from app.ui.desk.desk_controller import DeskController
from app.ui.desk.desk_window import DeskWindow
from app.ui.desk.pin_dialog import PinDialog
from app.ui.dialogs.add_participant import AddParticipantDialog, AddParticipantRequest
from app.ui.submission import Submission

LOAD_TIMEOUT = 20_000
SEND_TIMEOUT = 20_000
RECOVERY_TIMEOUT = 90_000
DESK_NAMES = ["checkinInput", "checkinResult", "checkinCounter", "checkinRecent", "actionUndo"]


class Desk:
    """An app with its desk open on an event, and what the desk showed."""

    def __init__(self, application: Application) -> None:
        self.application = application
        window = application.desk_window
        assert window is not None
        self.window: DeskWindow = window
        self.controller: DeskController = window.controller
        self.results: list[DeskResult] = []
        self.controller.result.connect(self.results.append)

    def scan(self, code: str) -> None:
        """As a scanner does: the code, then Enter, into the input."""
        self.window.input.setText(code)
        self.window.input.take_scan(code)

    @property
    def last(self) -> DeskResult:
        return self.results[-1]


@pytest.fixture
def open_desk(
    qtbot, tmp_path: Path, settings, monkeypatch, sandbox
) -> Iterator[Callable[..., Desk]]:
    made: list[Application] = []

    def make(
        event_key: str = EXPO_KEY,
        *args: str,
        server: SandboxServer | None = None,
        data: str = "data",
        wait: bool = True,
    ) -> Desk:
        monkeypatch.setenv(API_KEY_ENVIRONMENT_VARIABLE, DEMO_KEYS.full)
        target = server or sandbox
        application = Application.from_args(
            ["--base-url", target.base_url, "--desk", event_key, *args],
            settings=settings,
            paths=AppPaths(tmp_path / data),
            keystore=KeyStore(),
        )
        made.append(application)
        qtbot.waitUntil(lambda: application.desk_window is not None, timeout=LOAD_TIMEOUT)
        # The desk window deletes itself on close; the fixture closes it, not qtbot.
        desk = Desk(application)
        if wait:
            qtbot.waitUntil(lambda: len(desk.controller.index) > 0, timeout=LOAD_TIMEOUT)
        return desk

    yield make
    for application in made:
        if application.desk_window is not None:
            application.desk_window.kiosk = False
            application.desk_window.close()
        application.shutdown()


def kind_of(desk: Desk) -> ResultKind:
    """The kind of the latest result (a call, so type checkers do not pin it down)."""
    return desk.last.kind


def participant_for(desk: Desk, number: str) -> Participant:
    found = desk.controller.index.by_code(number)
    assert len(found) == 1
    return found[0]


def test_the_desk_exposes_its_named_controls(open_desk):
    desk = open_desk()
    for name in DESK_NAMES:
        assert desk.window.findChild(QWidget, name) or desk.window.findChild(object, name), name
    assert isinstance(desk.window.findChild(QLineEdit, "checkinInput"), QLineEdit)
    assert desk.window.input.hasFocus() or desk.window.input.isVisible()


def test_a_scan_checks_in_at_once_and_the_server_agrees(qtbot, open_desk, sandbox):
    desk = open_desk()
    number = next(
        p.contact.customer_number
        for p in desk.controller.index.participants()
        if not p.is_confirmed and p.contact and p.contact.customer_number
    )
    target = participant_for(desk, number)
    confirmed_before = desk.controller.confirmed_count
    desk.scan(number)
    assert kind_of(desk) is ResultKind.CONFIRMED
    assert desk.last.headline == "Confirmed"
    assert desk.window.result_panel.headline == "Confirmed"
    assert desk.controller.confirmed_count == confirmed_before + 1
    qtbot.waitUntil(
        lambda: f"{confirmed_before + 1:,} of 600" in desk.window.counter.confirmed_text
    )
    qtbot.waitUntil(lambda: sandbox.store.participant(target.id).is_confirmed, timeout=SEND_TIMEOUT)
    recent = desk.window.recent.entries()
    qtbot.waitUntil(lambda: desk.window.recent.entries()[0].state == "sent", timeout=SEND_TIMEOUT)
    assert len(recent) == 1
    changes = [e for e in sandbox.store.audit_log() if e.participant_id == target.id]
    assert len(changes) == 1  # exactly one request for the check-in


def test_scanning_someone_already_in_says_when(qtbot, open_desk):
    desk = open_desk()
    number = next(
        p.contact.customer_number
        for p in desk.controller.index.participants()
        if p.is_confirmed and p.contact and p.contact.customer_number
    )
    desk.scan(number)
    assert kind_of(desk) is ResultKind.ALREADY_CONFIRMED
    # When: the time today, or the day and time for an earlier confirmation.
    assert desk.last.headline.startswith(("Already confirmed at ", "Already confirmed on "))


def test_the_same_code_twice_within_three_seconds_is_ignored(qtbot, open_desk):
    desk = open_desk()
    number = next(
        p.contact.customer_number
        for p in desk.controller.index.participants()
        if not p.is_confirmed and p.contact and p.contact.customer_number
    )
    desk.scan(number)
    desk.scan(number)
    assert [r.kind for r in desk.results] == [ResultKind.CONFIRMED]


def test_several_matches_offer_a_pick_list_driven_by_arrows_and_enter(qtbot, open_desk):
    desk = open_desk()
    window = desk.window
    window.input.setText("gmbh")
    qtbot.keyClick(window.input, Qt.Key.Key_Return)
    assert kind_of(desk) is ResultKind.SEVERAL
    choices = window.findChild(QListWidget, "checkinChoices")
    assert choices.isVisible()
    assert choices.count() > 1
    qtbot.keyClick(window.input, Qt.Key.Key_Down)
    assert choices.currentRow() == 1
    chosen_id = choices.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(window.input, Qt.Key.Key_Return)
    assert not choices.isVisible()
    assert kind_of(desk) in (ResultKind.CONFIRMED, ResultKind.ALREADY_CONFIRMED)
    assert desk.controller.is_confirmed(desk.controller.index.get(chosen_id))


def test_an_unknown_code_is_not_registered_and_f2_adds_a_walk_in(
    qtbot, open_desk, sandbox, monkeypatch
):
    desk = open_desk()
    free = sandbox.store.free_contacts()[0]
    desk.scan(free.customer_number)
    assert kind_of(desk) is ResultKind.NOT_REGISTERED
    assert "F2" in (desk.last.detail or "")
    submissions: list[Submission] = []

    def ask(parent, *, submit, event_key, customer_number, confirmed, **_options):
        assert (event_key, customer_number, confirmed) == (EXPO_KEY, free.customer_number, True)
        submissions.append(submit(AddParticipantRequest(event_key, customer_number, True, None)))

    monkeypatch.setattr(AddParticipantDialog, "ask", staticmethod(ask))
    qtbot.keyClick(desk.window.input, Qt.Key.Key_F2)
    with qtbot.waitSignal(submissions[0].succeeded, timeout=SEND_TIMEOUT):
        pass
    created = sandbox.store.find(EXPO_KEY, free.customer_number)
    assert created is not None
    assert created.is_confirmed
    qtbot.waitUntil(lambda: bool(desk.controller.index.by_code(free.customer_number)))


def test_undo_before_sending_costs_no_request(qtbot, open_desk, sandbox):
    desk = open_desk()
    sandbox.faults.drop_rate = 1.0  # nothing gets through
    number = next(
        p.contact.customer_number
        for p in desk.controller.index.participants()
        if not p.is_confirmed and p.contact and p.contact.customer_number
    )
    target = participant_for(desk, number)
    desk.application.outbox_sender.pause()
    desk.scan(number)
    assert desk.controller.is_confirmed(target)
    qtbot.keyClick(desk.window.input, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert kind_of(desk) is ResultKind.UNDONE
    assert not desk.controller.is_confirmed(target)
    assert desk.window.recent.entries()[0].state == "undone"
    assert desk.controller.waiting_count == 0
    sandbox.faults.drop_rate = 0.0
    desk.application.outbox_sender.resume()
    assert not sandbox.store.participant(target.id).is_confirmed


def test_undo_after_sending_unconfirms_on_the_server(qtbot, open_desk, sandbox):
    desk = open_desk()
    number = next(
        p.contact.customer_number
        for p in desk.controller.index.participants()
        if not p.is_confirmed and p.contact and p.contact.customer_number
    )
    target = participant_for(desk, number)
    desk.scan(number)
    qtbot.waitUntil(lambda: sandbox.store.participant(target.id).is_confirmed, timeout=SEND_TIMEOUT)
    desk.window.action_undo.trigger()
    qtbot.waitUntil(
        lambda: not sandbox.store.participant(target.id).is_confirmed, timeout=SEND_TIMEOUT
    )
    assert kind_of(desk) is ResultKind.UNDONE


def test_with_require_enter_a_scan_waits_for_enter(qtbot, open_desk, settings):
    settings.set(DESK_REQUIRE_ENTER, True)
    desk = open_desk()
    number = next(
        p.contact.customer_number
        for p in desk.controller.index.participants()
        if not p.is_confirmed and p.contact and p.contact.customer_number
    )
    desk.scan(number)
    assert kind_of(desk) is ResultKind.SEVERAL
    assert "Enter" in desk.last.headline
    assert not desk.controller.is_confirmed(participant_for(desk, number))
    qtbot.keyClick(desk.window.input, Qt.Key.Key_Return)
    assert kind_of(desk) is ResultKind.CONFIRMED


def test_with_the_network_down_check_ins_queue_and_go_out_when_it_returns(
    qtbot, open_desk, sandbox
):
    desk = open_desk()
    numbers = [
        p.contact.customer_number
        for p in desk.controller.index.participants()
        if not p.is_confirmed and p.contact and p.contact.customer_number
    ][:5]
    sandbox.faults.drop_rate = 1.0
    for number in numbers:
        desk.scan(number)
    assert [r.kind for r in desk.results] == [ResultKind.CONFIRMED] * 5
    qtbot.waitUntil(lambda: desk.controller.waiting_count == 5)
    qtbot.waitUntil(lambda: "5" in desk.window.counter.waiting_text)
    sandbox.faults.drop_rate = 0.0
    desk.application.outbox_sender.retry_now()
    # A check-in whose own retries ran out just before the line came back waits out one
    # backoff period: allow for that on a busy machine.
    qtbot.waitUntil(lambda: desk.controller.waiting_count == 0, timeout=RECOVERY_TIMEOUT)
    ids = [participant_for(desk, n).id for n in numbers]
    assert all(sandbox.store.participant(i).is_confirmed for i in ids)
    qtbot.waitUntil(lambda: "All check-ins sent" in desk.window.counter.waiting_text)


def test_a_desk_starts_from_its_offline_copy_when_the_server_is_unreachable(
    qtbot, open_desk, make_sandbox
):
    server = make_sandbox()
    first = open_desk(EXPO_KEY, server=server, data="station")
    qtbot.waitUntil(lambda: "Up to date" in first.window.status_label.text(), timeout=LOAD_TIMEOUT)
    assert first.application.desk_window is not None
    first.application.desk_window.close()
    first.application.shutdown()
    server.stop()  # the venue's network is down

    second = open_desk(EXPO_KEY, server=server, data="station", wait=False)
    qtbot.waitUntil(lambda: len(second.controller.index) == 600, timeout=LOAD_TIMEOUT)
    number = next(
        p.contact.customer_number
        for p in second.controller.index.participants()
        if not p.is_confirmed and p.contact and p.contact.customer_number
    )
    second.scan(number)
    assert second.last.kind is ResultKind.CONFIRMED  # still works, queued
    qtbot.waitUntil(
        lambda: "offline" in second.window.status_label.text().lower(), timeout=LOAD_TIMEOUT
    )


def test_kiosk_mode_is_full_screen_and_leaving_needs_the_pin(
    qtbot, open_desk, settings, monkeypatch
):
    settings.set(DESK_KIOSK_PIN_HASH, hash_pin("4711"))
    answers = [False, True]
    monkeypatch.setattr(
        PinDialog, "ask", staticmethod(lambda parent, *, stored_hash, purpose: answers.pop(0))
    )
    desk = open_desk(CONF_KEY, "--kiosk")
    window = desk.window
    assert window.kiosk
    # The window state is applied when the desk window is shown, on the event loop.
    qtbot.waitUntil(window.isFullScreen)
    assert not window.menuBar().isVisible()
    window.close()
    assert window.isVisible()  # wrong PIN: the desk stays
    window.close()
    assert not window.isVisible()


def test_the_counter_shows_requests_used_this_hour(open_desk):
    desk = open_desk()
    text = desk.window.counter.requests_text
    assert "requests" in text
    assert "1,000" in text
    assert desk.controller.budget.used() > 0
    assert isinstance(desk.window.findChild(QLabel, "deskStatus"), QLabel)


def test_an_earlier_confirmation_names_its_day(qapp):
    from datetime import UTC, datetime, timedelta

    from app.ui.desk.desk_controller import _when

    now = datetime.now(UTC)
    assert _when(now).startswith("at ")
    earlier = _when(now - timedelta(days=40))
    assert earlier.startswith("on ")
    assert " at " in earlier
