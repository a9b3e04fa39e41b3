"""BulkConfirmDialog: asks only above the threshold, with the count on the button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.ui.dialogs.bulk_confirm import BulkConfirmDialog
from tests.gui.dialogs.conftest import activate, run_modal


def test_small_changes_go_ahead_without_asking(qtbot):
    assert BulkConfirmDialog.ask(None, 20, True) is True
    assert BulkConfirmDialog.ask(None, 3, False) is True
    assert QApplication.activeModalWidget() is None
    assert BulkConfirmDialog.ask(None, 0, True) is False


def test_confirming_many_says_how_many(qtbot):
    dialog = BulkConfirmDialog(None, 250, True)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    assert dialog.question_label.text() == "Confirm 250 participants?"
    assert dialog.action_button.text() == "Con&firm 250"
    assert "hourly request limit" in dialog.info_label.text()
    assert dialog.action_button.isDefault()


def test_unconfirming_many_says_so(qtbot):
    dialog = BulkConfirmDialog(None, 21, False)
    qtbot.addWidget(dialog)
    assert dialog.question_label.text() == "Mark 21 participants as not confirmed?"
    assert dialog.action_button.text() == "&Unconfirm 21"
    assert dialog.windowTitle() == "Unconfirm Participants"


def test_ask_enter_goes_ahead(qtbot):
    def press_enter(dialog: QDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    assert run_modal(lambda: BulkConfirmDialog.ask(None, 250, True), press_enter) is True


def test_ask_escape_stops(qtbot):
    def press_escape(dialog: QDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert run_modal(lambda: BulkConfirmDialog.ask(None, 250, False), press_escape) is False
