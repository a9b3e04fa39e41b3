"""EditParticipationDialog: only changes are sent; shares checks and outcomes with Add."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.api.errors import ServerError, ValidationError
from app.domain import Participant
from app.ui.dialogs.edit_participation import EditParticipationDialog, EditParticipationRequest
from tests.gui.dialogs.conftest import activate, run_modal, type_text
from tests.gui.dialogs.samples import BARE, EVENTS, PARTICIPANT, SPRING, FakeOutbox


@pytest.fixture
def outbox() -> FakeOutbox:
    return FakeOutbox()


def make(qtbot, outbox: FakeOutbox, participant: Participant = PARTICIPANT, **kwargs):
    dialog = EditParticipationDialog(None, participant=participant, submit=outbox, **kwargs)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    return dialog


def retype(qtbot, line_edit, text: str) -> None:
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClick(line_edit, Qt.Key.Key_Delete)
    type_text(line_edit, text)


def test_shows_the_participation_and_starts_unchanged(qtbot, outbox):
    dialog = make(qtbot, outbox, events=EVENTS)
    assert dialog.windowTitle() == "Edit Participation"
    header = dialog.findChild(type(dialog.busy_label), "participant_label")
    assert header is not None
    assert header.text() == "Müller GmbH (Hans Müller)"
    current = dialog.findChild(type(dialog.busy_label), "current_event_label")
    assert current is not None
    assert current.text() == ("Currently in: Fachmesse Grün & Gärten 2026 · 8–11 Dec 2026 · EXPO26")
    assert dialog.event_picker.event_key() == "EXPO26"
    assert dialog.number_field.customer_number() == "10023"
    assert dialog.number_field.contact_label.text() == "Müller GmbH (Hans Müller), Köln, DE"
    assert not dialog.ok_button.isEnabled()  # nothing changed yet
    assert dialog.ok_button.text() == "&Save"


def test_moving_to_another_event_sends_only_the_event(qtbot, outbox):
    dialog = make(qtbot, outbox, events=EVENTS)
    row = next(
        r
        for r in range(dialog.event_picker.count())
        if "FRUEH27" in dialog.event_picker.itemText(r)
    )
    dialog.event_picker.setCurrentIndex(row)
    dialog.event_picker.activated.emit(row)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert outbox.requests == [EditParticipationRequest(9001, "FRUEH27", None)]
    assert dialog.busy_label.text() == "Saving…"


def test_correcting_the_number_sends_only_the_number(qtbot, outbox):
    dialog = make(qtbot, outbox)
    retype(qtbot, dialog.number_field.line_edit, " 10077 ")
    qtbot.keyClick(dialog.number_field.line_edit, Qt.Key.Key_Return)
    assert outbox.requests == [EditParticipationRequest(9001, None, "10077")]


def test_changing_back_disables_ok_again(qtbot, outbox):
    dialog = make(qtbot, outbox)
    retype(qtbot, dialog.number_field.line_edit, "10077")
    assert dialog.ok_button.isEnabled()
    retype(qtbot, dialog.number_field.line_edit, "10023")
    assert not dialog.ok_button.isEnabled()


def test_clearing_a_known_value_is_explained(qtbot, outbox):
    dialog = make(qtbot, outbox)
    retype(qtbot, dialog.number_field.line_edit, "")
    qtbot.keyClick(dialog.number_field.line_edit, Qt.Key.Key_Tab)
    assert dialog.number_error.message() == "Enter the customer number."
    assert not dialog.ok_button.isEnabled()


def test_unknown_originals_may_stay_empty(qtbot, outbox):
    dialog = make(qtbot, outbox, participant=BARE)
    assert dialog.event_picker.event_key() == ""
    assert not dialog.ok_button.isEnabled()
    type_text(dialog.event_picker.text_field(), "EXPO26")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert outbox.requests == [EditParticipationRequest(9002, "EXPO26", None)]


def test_moving_onto_an_existing_participation_is_explained(qtbot, outbox):
    other = dataclasses.replace(PARTICIPANT, id=9100, event=SPRING, is_confirmed=False)

    def existing(event_key: str, number: str) -> Participant | None:
        return {"EXPO26": PARTICIPANT, "FRUEH27": other}.get(event_key)

    dialog = make(qtbot, outbox, events=EVENTS, existing=existing)
    assert dialog.number_error.message() == ""  # itself is no duplicate
    retype(qtbot, dialog.event_picker.text_field(), "FRUEH27")
    assert dialog.number_error.message().startswith(
        "Müller GmbH already takes part in Frühjahrsmesse Zürich (not confirmed yet, added"
    )
    assert not dialog.ok_button.isEnabled()


def test_a_422_on_the_event_key_is_shown_at_the_event(qtbot, outbox):
    dialog = make(qtbot, outbox)
    retype(qtbot, dialog.event_picker.text_field(), "GONE26")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    outbox.last.rejected.emit(
        ValidationError(field_errors={"event_key": ("The selected event key is invalid.",)})
    )
    assert dialog.event_error.message() == "The selected event key is invalid."
    assert dialog.number_error.message() == ""
    assert dialog.event_picker.isEnabled()
    assert dialog.focusWidget() is dialog.event_picker


def test_a_422_on_the_number_is_shown_at_the_number(qtbot, outbox):
    dialog = make(qtbot, outbox)
    retype(qtbot, dialog.number_field.line_edit, "99999")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    outbox.last.rejected.emit(
        ValidationError(
            field_errors={"customer_number": ("The selected customer number is invalid.",)},
            status=422,
        )
    )
    assert dialog.number_error.message() == "The selected customer number is invalid."
    assert dialog.general_error.message() == ""


def test_a_non_validation_rejection_goes_to_the_general_label(qtbot, outbox):
    dialog = make(qtbot, outbox)
    retype(qtbot, dialog.number_field.line_edit, "10077")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    outbox.last.rejected.emit(ServerError())
    assert dialog.general_error.message() == ServerError().user_message
    assert dialog.ok_button.isEnabled()


def test_ask_returns_the_updated_participant(qtbot, outbox):
    moved = dataclasses.replace(PARTICIPANT, event=SPRING, event_id=SPRING.id)

    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, EditParticipationDialog)
        retype(qtbot, dialog.event_picker.text_field(), "FRUEH27")
        qtbot.keyClick(dialog.event_picker.text_field(), Qt.Key.Key_Return)
        outbox.last.succeeded.emit(moved)

    result = run_modal(
        lambda: EditParticipationDialog.ask(
            None, participant=PARTICIPANT, submit=outbox, events=EVENTS
        ),
        drive,
    )
    assert result == moved
    assert outbox.requests == [EditParticipationRequest(9001, "FRUEH27", None)]


def test_ask_returns_the_deferred_message(qtbot, outbox):
    def drive(dialog: QDialog) -> None:
        assert isinstance(dialog, EditParticipationDialog)
        retype(qtbot, dialog.number_field.line_edit, "10077")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        outbox.last.deferred.emit("Queued.")

    result = run_modal(
        lambda: EditParticipationDialog.ask(None, participant=PARTICIPANT, submit=outbox), drive
    )
    assert result == "Queued."


def test_ask_returns_none_on_escape(qtbot, outbox):
    result = run_modal(
        lambda: EditParticipationDialog.ask(None, participant=PARTICIPANT, submit=outbox),
        lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape),
    )
    assert result is None
    assert outbox.requests == []
