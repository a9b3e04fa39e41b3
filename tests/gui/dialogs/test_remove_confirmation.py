"""RemoveConfirmationDialog: says who and what, Cancel is the default, Enter never removes."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.ui.dialogs.remove_confirmation import RemoveConfirmationDialog
from tests.gui.dialogs.conftest import activate, run_modal
from tests.gui.dialogs.samples import BARE, PARTICIPANT, many_participants


def make(qtbot, participants) -> RemoveConfirmationDialog:
    dialog = RemoveConfirmationDialog(None, participants)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    return dialog


def test_one_names_the_contact_and_the_event(qtbot):
    dialog = make(qtbot, [PARTICIPANT])
    assert dialog.question_label.text() == (
        "Remove Müller GmbH (Hans Müller) from Fachmesse Grün & Gärten 2026?"
    )
    assert dialog.info_label.text().startswith(
        "The contact stays in Plandocket; only this participation is removed."
    )
    assert "This participation is confirmed." in dialog.info_label.text()
    assert dialog.remove_button.text() == "&Remove"
    assert dialog.list_widget is None


def test_an_unconfirmed_one_does_not_mention_confirmation(qtbot):
    dialog = make(qtbot, [dataclasses.replace(PARTICIPANT, is_confirmed=False)])
    assert dialog.info_label.text() == (
        "The contact stays in Plandocket; only this participation is removed."
    )


def test_an_unloaded_participation_is_still_described(qtbot):
    dialog = make(qtbot, [BARE])
    assert dialog.question_label.text() == "Remove an unknown contact from an unknown event?"


def test_many_show_a_count_a_short_list_and_the_rest(qtbot):
    participants = many_participants(37)
    dialog = make(qtbot, participants)
    assert dialog.windowTitle() == "Remove Participations"
    assert dialog.question_label.text() == "Remove 37 participations?"
    assert dialog.remove_button.text() == "&Remove 37"
    assert dialog.list_widget is not None
    assert dialog.list_widget.topLevelItemCount() == 10
    first = dialog.list_widget.topLevelItem(0)
    assert first is not None
    assert [first.text(column) for column in range(3)] == [
        "Bäckerei Schäfer 1",
        "Jörg Käßmann",
        "Fachmesse Grün & Gärten 2026",
    ]
    assert dialog.more_label is not None
    assert dialog.more_label.text() == "and 27 more"
    assert "13 of them are confirmed." in dialog.info_label.text()


def test_a_few_need_no_and_more(qtbot):
    dialog = make(qtbot, many_participants(4))
    assert dialog.more_label is None
    assert dialog.list_widget is not None
    assert dialog.list_widget.topLevelItemCount() == 4


def test_cancel_is_the_default_and_has_the_focus(qtbot):
    dialog = make(qtbot, many_participants(3))
    assert dialog.cancel_button.isDefault()
    assert not dialog.remove_button.isDefault()
    assert dialog.focusWidget() is dialog.cancel_button


def test_enter_cancels_even_with_the_remove_button_focused(qtbot):
    dialog = make(qtbot, [PARTICIPANT])
    dialog.remove_button.setFocus()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.remove_button, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_escape_cancels(qtbot):
    dialog = make(qtbot, [PARTICIPANT])
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_space_on_the_focused_remove_button_removes(qtbot):
    dialog = make(qtbot, [PARTICIPANT])
    dialog.remove_button.setFocus()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.remove_button, Qt.Key.Key_Space)


def test_ask_is_true_only_after_remove(qtbot):
    def click_remove(dialog: QDialog) -> None:
        assert isinstance(dialog, RemoveConfirmationDialog)
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)

    assert run_modal(lambda: RemoveConfirmationDialog.ask(None, [PARTICIPANT]), click_remove)


def test_ask_is_false_after_enter(qtbot):
    def press_enter(dialog: QDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    assert not run_modal(
        lambda: RemoveConfirmationDialog.ask(None, many_participants(37)), press_enter
    )


def test_ask_with_nothing_to_remove_asks_nothing():
    assert RemoveConfirmationDialog.ask(None, []) is False


def test_controls_have_names(qtbot):
    dialog = make(qtbot, many_participants(12))
    for control in (dialog.remove_button, dialog.cancel_button, dialog.list_widget):
        assert control is not None
        assert control.objectName()
        assert control.accessibleName()
