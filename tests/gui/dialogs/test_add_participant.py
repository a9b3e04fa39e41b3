"""AddParticipantDialog: checks, duplicates, the busy state and every outcome of a submission."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.api.errors import NotFoundError, ValidationError
from app.domain import Contact, Participant
from app.ui.contact_lookup import ContactLookup
from app.ui.dialogs.add_participant import AddParticipantDialog, AddParticipantRequest
from app.workers import WorkerPool
from tests.gui.dialogs.conftest import activate, run_modal, type_text
from tests.gui.dialogs.samples import (
    EVENTS,
    MUELLER,
    MUELLER_TOO,
    NO_NUMBER,
    PARTICIPANT,
    FakeOutbox,
)

INVALID_NUMBER = ValidationError(
    field_errors={"customer_number": ("The selected customer number is invalid.",)}, status=422
)


@pytest.fixture
def outbox() -> FakeOutbox:
    return FakeOutbox()


def make(qtbot, outbox: FakeOutbox, **kwargs) -> AddParticipantDialog:
    kwargs.setdefault("event_key", "EXPO26")
    dialog = AddParticipantDialog(None, submit=outbox, **kwargs)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    return dialog


def type_number(qtbot, dialog: AddParticipantDialog, text: str) -> None:
    line_edit = dialog.number_field.line_edit
    line_edit.setFocus()
    line_edit.selectAll()
    if text:
        type_text(line_edit, text)
    else:
        qtbot.keyClick(line_edit, Qt.Key.Key_Delete)


def submit_valid(qtbot, dialog: AddParticipantDialog, number: str = "10023") -> None:
    type_number(qtbot, dialog, number)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


# -- the form ---------------------------------------------------------------------------------


def test_starts_with_the_event_filled_in_and_the_number_focused(qtbot, outbox):
    dialog = make(qtbot, outbox, events=EVENTS)
    assert dialog.event_picker.event_key() == "EXPO26"
    assert dialog.event_picker.currentText().startswith("Fachmesse Grün & Gärten 2026")
    assert dialog.focusWidget() is dialog.number_field.line_edit
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "&Add"
    assert not dialog.number_error.isVisible()  # nothing said before the person typed
    assert not dialog.general_error.isVisible()


def test_every_control_has_an_object_name_and_an_accessible_name(qtbot, outbox):
    dialog = make(qtbot, outbox)
    controls = [
        dialog.event_picker,
        dialog.event_picker.text_field(),
        dialog.number_field.line_edit,
        dialog.confirmed_box,
        dialog.ok_button,
        dialog.cancel_button,
    ]
    for control in controls:
        assert control.objectName()
        assert control.accessibleName()
    assert dialog.findChild(type(dialog.number_field.line_edit), "customer_number") is not None


def test_tab_goes_event_then_number_then_confirmed(qtbot, outbox):
    dialog = make(qtbot, outbox)
    dialog.event_picker.setFocus()
    visited = []
    for _ in range(3):
        focused = QApplication.focusWidget()
        assert focused is not None
        visited.append(focused.objectName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert visited == ["event_picker", "customer_number", "is_confirmed"]


def test_a_number_with_spaces_is_explained_and_blocks_ok(qtbot, outbox):
    dialog = make(qtbot, outbox)
    type_number(qtbot, dialog, "100 23")
    qtbot.keyClick(dialog.number_field.line_edit, Qt.Key.Key_Tab)  # leave the field
    assert dialog.number_error.message() == "A customer number contains no spaces."
    assert dialog.number_error.isVisible()
    assert not dialog.ok_button.isEnabled()
    type_number(qtbot, dialog, "10023")  # fixing it clears the message at once
    assert dialog.number_error.message() == ""
    assert dialog.ok_button.isEnabled()


def test_required_fields_are_named_once_the_person_was_there(qtbot, outbox):
    dialog = make(qtbot, outbox, event_key="")
    assert dialog.event_error.message() == ""
    qtbot.keyClick(dialog.number_field.line_edit, Qt.Key.Key_Return)  # Enter with OK disabled
    assert dialog.event_error.message() == "Enter the event key."
    assert dialog.number_error.message() == "Enter the customer number."
    assert outbox.requests == []


def test_event_key_with_known_events_asks_to_choose_one(qtbot, outbox):
    dialog = make(qtbot, outbox, event_key="", events=EVENTS)
    qtbot.keyClicks(dialog.event_picker.text_field(), "no such fair")
    qtbot.keyClick(dialog.event_picker.text_field(), Qt.Key.Key_Tab)
    assert "Choose one of the listed events" in dialog.event_error.message()


def test_input_is_trimmed_into_the_request(qtbot, outbox):
    dialog = make(qtbot, outbox, event_key="  EXPO26 ")
    type_number(qtbot, dialog, "  10023  ")
    qtbot.mouseClick(dialog.confirmed_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert outbox.requests == [
        AddParticipantRequest(
            event_key="EXPO26", customer_number="10023", is_confirmed=True, contact=None
        )
    ]


def test_enter_in_the_number_field_submits(qtbot, outbox):
    dialog = make(qtbot, outbox)
    type_number(qtbot, dialog, "10023")
    qtbot.keyClick(dialog.number_field.line_edit, Qt.Key.Key_Return)
    assert len(outbox.requests) == 1


# -- duplicates among the loaded rows ----------------------------------------------------------


def test_a_loaded_duplicate_is_explained_and_nothing_is_submitted(qtbot, outbox):
    calls = []

    def existing(event_key: str, number: str) -> Participant | None:
        calls.append((event_key, number))
        return PARTICIPANT if (event_key, number) == ("EXPO26", "10023") else None

    dialog = make(qtbot, outbox, existing=existing)
    type_number(qtbot, dialog, "10023")
    # "3 Mar" in 2026, "3 Mar 2026" in later years
    assert dialog.number_error.message().startswith(
        "Müller GmbH already takes part in Fachmesse Grün & Gärten 2026 "
        "(confirmed, last changed 3 Mar"
    )
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.number_field.line_edit, Qt.Key.Key_Return)
    assert outbox.requests == []
    assert ("EXPO26", "10023") in calls
    type_number(qtbot, dialog, "10077")
    assert dialog.number_error.message() == ""
    assert dialog.ok_button.isEnabled()


def test_a_broken_existing_callback_does_not_break_the_dialog(qtbot, outbox):
    def existing(event_key: str, number: str) -> Participant | None:
        raise KeyError(number)

    dialog = make(qtbot, outbox, existing=existing)
    submit_valid(qtbot, dialog)
    assert len(outbox.requests) == 1


# -- waiting and outcomes ---------------------------------------------------------------------


def test_waiting_disables_the_inputs_and_says_adding(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    assert dialog.is_busy()
    assert dialog.busy_label.text() == "Adding…"
    assert dialog.busy_indicator.isVisible()
    for widget in (dialog.event_picker, dialog.number_field, dialog.confirmed_box):
        assert not widget.isEnabled()
    assert not dialog.ok_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc does not walk away from a write
    assert dialog.isVisible()


def test_success_closes_with_the_participant(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    with qtbot.waitSignal(dialog.accepted):
        outbox.last.succeeded.emit(PARTICIPANT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.outcome() == PARTICIPANT


def test_an_outcome_from_another_thread_is_handled_on_the_gui_thread(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    threads = []
    accept = dialog.accept

    def recording_accept() -> None:
        threads.append(threading.current_thread())
        accept()

    dialog.accept = recording_accept  # type: ignore[method-assign]
    sender = threading.Thread(target=outbox.last.succeeded.emit, args=(PARTICIPANT,))
    with qtbot.waitSignal(dialog.accepted):
        sender.start()
        sender.join()
    assert threads == [threading.main_thread()]


def test_422_messages_go_next_to_their_fields(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    outbox.last.rejected.emit(
        ValidationError(
            field_errors={
                "event_key": ("The selected event key is invalid.",),
                "customer_number": ("The selected customer number is invalid.",),
                "is_confirmed": ("The is confirmed field must be true or false.",),
                "note": ("Something else is wrong.",),
            },
            status=422,
        )
    )
    assert not dialog.is_busy()
    assert dialog.isVisible()
    assert dialog.event_error.message() == "The selected event key is invalid."
    assert dialog.number_error.message() == "The selected customer number is invalid."
    assert dialog.confirmed_error.message() == "The is confirmed field must be true or false."
    assert dialog.general_error.message() == "Something else is wrong."
    assert dialog.event_picker.accessibleDescription() == "The selected event key is invalid."


def test_a_rejected_number_can_be_corrected_and_sent_again(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog, "99999")
    outbox.last.rejected.emit(INVALID_NUMBER)
    assert dialog.number_error.message() == "The selected customer number is invalid."
    assert dialog.number_error.isVisible()
    assert dialog.event_error.message() == ""
    assert dialog.number_field.isEnabled()
    assert dialog.focusWidget() is dialog.number_field.line_edit
    assert not dialog.ok_button.isEnabled()  # sending the same number again is pointless
    type_number(qtbot, dialog, "10023")
    assert dialog.number_error.message() == ""
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert len(outbox.requests) == 2
    last = outbox.requests[-1]
    assert isinstance(last, AddParticipantRequest)
    assert last.customer_number == "10023"


def test_a_422_duplicate_is_explained_in_plain_words(qtbot, outbox):
    dialog = make(qtbot, outbox, events=EVENTS)
    submit_valid(qtbot, dialog)
    outbox.last.rejected.emit(
        ValidationError(
            field_errors={
                "customer_number": ("This contact is already a participant of this event.",)
            },
            status=422,
        )
    )
    assert dialog.number_error.message() == (
        "The contact with customer number 10023 already takes part in Fachmesse Grün & Gärten 2026."
    )


def test_a_422_duplicate_without_fields_goes_to_the_general_label(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    outbox.last.rejected.emit(
        ValidationError(status=422, server_message="Participant already exists")
    )
    assert dialog.general_error.message() == (
        "The contact with customer number 10023 already takes part in EXPO26."
    )


def test_deferred_closes_with_the_message(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    message = "Plandocket cannot be reached. The participant will be added when it can."
    with qtbot.waitSignal(dialog.accepted):
        outbox.last.deferred.emit(message)
    assert dialog.outcome() == message


def test_failed_shows_the_reason_and_leaves_only_close(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    outbox.last.failed.emit(NotFoundError())
    assert dialog.isVisible()
    assert dialog.general_error.message() == NotFoundError().user_message
    assert not dialog.ok_button.isVisible()
    assert dialog.cancel_button.text() == "Close"
    assert dialog.cancel_button.isEnabled()
    assert not dialog.number_field.isEnabled()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.outcome() is None


def test_a_submit_that_raises_keeps_the_input(qtbot):
    def broken(request: AddParticipantRequest):
        raise OSError("disk full")

    dialog = AddParticipantDialog(None, submit=broken, event_key="EXPO26")
    qtbot.addWidget(dialog)
    dialog.show()
    submit_valid(qtbot, dialog)
    assert "could not be queued" in dialog.general_error.message()
    assert "disk full" in dialog.general_error.message()
    assert not dialog.is_busy()
    assert dialog.number_field.isEnabled()


def test_an_outcome_announced_before_watching_still_closes(qtbot, outbox):
    dialog = make(qtbot, outbox)

    def eager(request: AddParticipantRequest):
        submission = outbox(request)
        submission.deferred.emit("queued")  # before the dialog could connect
        return submission

    dialog._submit = eager
    with qtbot.waitSignal(dialog.accepted):
        submit_valid(qtbot, dialog)
    assert isinstance(dialog.outcome(), str)
    assert "participant list" in str(dialog.outcome())


def test_late_signals_after_closing_are_ignored(qtbot, outbox):
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    submission = outbox.last
    submission.deferred.emit("queued")
    submission.failed.emit(NotFoundError())  # a buggy second outcome
    assert dialog.outcome() == "queued"
    assert dialog.general_error.message() == ""


def test_after_a_long_wait_the_window_may_be_closed(qtbot, outbox, monkeypatch):
    monkeypatch.setattr(AddParticipantDialog, "patience_ms", 50)
    dialog = make(qtbot, outbox)
    submit_valid(qtbot, dialog)
    qtbot.waitUntil(dialog.cancel_button.isEnabled)
    assert dialog.cancel_button.text() == "Close"
    assert "stays queued" in dialog.notice_label.text()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert "still being sent" in str(dialog.outcome())
    outbox.last.succeeded.emit(PARTICIPANT)  # arrives later: no effect
    assert isinstance(dialog.outcome(), str)


# -- contact search ---------------------------------------------------------------------------


def fake_search(text: str) -> list[Contact]:
    if "müll" in text.lower():
        return [MUELLER, MUELLER_TOO, NO_NUMBER]
    if text == "10023":
        return [MUELLER]
    return []


def test_typing_a_name_offers_contacts_and_choosing_fills_the_number(
    qtbot, outbox, pool: WorkerPool
):
    lookup = ContactLookup(fake_search, pool, delay_ms=10)
    dialog = make(qtbot, outbox, lookup=lookup)
    type_number(qtbot, dialog, "Müll")
    popup = dialog.number_field.popup()
    qtbot.waitUntil(popup.isVisible)
    rows = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert rows == [
        "Müller GmbH — Hans Müller — #10023",
        "Müller & Söhne KG — Jürgen Müller — #10077",
        "Müllerei Österreich — no customer number",
    ]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.number_field.customer_number() == "10023"
    assert dialog.number_field.contact_label.text() == "Müller GmbH (Hans Müller), Köln, DE"
    assert dialog.number_field.contact_label.isVisible()
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert outbox.requests[-1] == AddParticipantRequest("EXPO26", "10023", False, MUELLER)


def test_a_typed_number_is_recognised_as_its_contact(qtbot, outbox, pool: WorkerPool):
    lookup = ContactLookup(fake_search, pool, delay_ms=10)
    dialog = make(qtbot, outbox, lookup=lookup)
    type_number(qtbot, dialog, "10023")
    qtbot.waitUntil(lambda: dialog.number_field.contact() == MUELLER)
    assert not dialog.number_field.popup_visible()  # nothing else to choose
    qtbot.keyClick(dialog.number_field.line_edit, Qt.Key.Key_Backspace)
    assert dialog.number_field.contact() is None
    assert not dialog.number_field.contact_label.isVisible()


def test_a_failing_contact_search_is_mentioned_not_fatal(qtbot, outbox, pool: WorkerPool):
    def failing(text: str) -> list[Contact]:
        raise NotFoundError("The contacts scope is missing.")

    lookup = ContactLookup(failing, pool, delay_ms=10)
    dialog = make(qtbot, outbox, lookup=lookup)
    type_number(qtbot, dialog, "Müll")
    label = dialog.number_field.contact_label
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "Contacts could not be searched: The contacts scope is missing."


# -- ask --------------------------------------------------------------------------------------


def test_ask_returns_the_added_participant(qtbot, outbox):
    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, AddParticipantDialog)
        submit_valid(qtbot, dialog)
        outbox.last.succeeded.emit(PARTICIPANT)

    result = run_modal(
        lambda: AddParticipantDialog.ask(None, submit=outbox, event_key="EXPO26"), drive
    )
    assert result == PARTICIPANT


def test_ask_returns_the_deferred_message(qtbot, outbox):
    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, AddParticipantDialog)
        submit_valid(qtbot, dialog)
        outbox.last.deferred.emit("Queued; will be sent when Plandocket is reachable.")

    result = run_modal(
        lambda: AddParticipantDialog.ask(
            None, submit=outbox, recent_keys=["EXPO26"], event_key="EXPO26"
        ),
        drive,
    )
    assert result == "Queued; will be sent when Plandocket is reachable."


def test_ask_returns_none_when_cancelled_with_escape(qtbot, outbox):
    def drive(dialog: QDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert run_modal(lambda: AddParticipantDialog.ask(None, submit=outbox), drive) is None
    assert outbox.requests == []
    assert QApplication.activeModalWidget() is None


def test_ask_can_be_monkeypatched(monkeypatch, outbox):
    monkeypatch.setattr(AddParticipantDialog, "ask", classmethod(lambda cls, *a, **k: PARTICIPANT))
    assert AddParticipantDialog.ask(None, submit=outbox) == PARTICIPANT
