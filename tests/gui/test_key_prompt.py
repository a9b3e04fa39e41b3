"""KeyPromptDialog and the key field: masked, paste-friendly, clear about what happened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from app.redaction import is_registered
from app.ui.key_prompt import (
    ApiKeyField,
    KeyPromptDialog,
    account_host,
    clean_key,
    is_plausible_key,
    key_rejected_reason,
)

ACCOUNT = "https://acme.plandocket.com"
EXPECTED = (
    "Plandocket did not accept the API key for acme.plandocket.com (it may have been "
    "revoked). Paste a new key to continue; your queued changes are kept."
)


@pytest.fixture
def dialog(qtbot) -> KeyPromptDialog:
    widget = KeyPromptDialog(None, account=ACCOUNT, reason="")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_helpers():
    assert clean_key(" a b\tc\r\n") == "abc"
    assert is_plausible_key("pd_abc")
    assert not is_plausible_key("")
    assert not is_plausible_key("pd abc")
    assert not is_plausible_key("pd\x00abc")
    assert account_host("http://127.0.0.1:8765") == "127.0.0.1"
    assert account_host("not a url") == "not a url"
    assert key_rejected_reason(ACCOUNT).startswith("Plandocket did not accept the API key for")


def test_message_names_the_tenant_and_promises_the_queue_is_kept(dialog: KeyPromptDialog):
    assert dialog.message.text() == EXPECTED
    assert dialog.message.objectName() == "keyPromptMessage"
    assert dialog.message.accessibleName() == EXPECTED


def test_a_custom_reason_replaces_the_first_sentence(qtbot):
    widget = KeyPromptDialog(None, account=ACCOUNT, reason="The key expired yesterday.")
    qtbot.addWidget(widget)
    assert widget.message.text().startswith("The key expired yesterday. Paste a new key")


def test_controls_are_named_and_accessible(dialog: KeyPromptDialog):
    for name in ("keyPromptKey", "keyPromptKeyShow", "keyPromptOk", "keyPromptCancel"):
        widget = dialog.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_key_is_masked_and_can_be_shown(dialog: KeyPromptDialog, qtbot):
    edit = dialog.key_field.edit
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(dialog.key_field.toggle, Qt.MouseButton.LeftButton)
    assert edit.echoMode() == QLineEdit.EchoMode.Normal
    assert dialog.key_field.toggle.text() == "Hide"
    dialog.key_field.conceal()
    assert edit.echoMode() == QLineEdit.EchoMode.Password


def test_paste_with_surrounding_whitespace(dialog: KeyPromptDialog, qtbot):
    edit = dialog.key_field.edit
    assert not dialog.ok_button.isEnabled()
    QApplication.clipboard().setText("  pd_new_key_1234567890 \r\n")
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.key() == "pd_new_key_1234567890"
    assert dialog.ok_button.isEnabled()
    qtbot.keyClicks(edit, " x")  # a typed space disappears too
    assert dialog.key() == "pd_new_key_1234567890x"


def test_enter_accepts_with_the_key(dialog: KeyPromptDialog, qtbot):
    qtbot.keyClicks(dialog.key_field.edit, "pd_typed_key_42424242")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.key_field.edit, Qt.Key.Key_Return)
    assert dialog.key() == "pd_typed_key_42424242"
    assert is_registered("pd_typed_key_42424242")


def test_enter_without_a_key_does_nothing(dialog: KeyPromptDialog, qtbot):
    qtbot.keyClick(dialog.key_field.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()


def test_escape_cancels(dialog: KeyPromptDialog, qtbot):
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def _drive_active_dialog(qtbot, key: str | None) -> None:
    def act() -> None:
        widget = QApplication.activeModalWidget()
        assert isinstance(widget, KeyPromptDialog)
        if key is None:
            widget.reject()
        else:
            widget.key_field.set_key(key)
            widget.accept()

    QTimer.singleShot(0, act)


def test_ask_returns_the_key_or_none(qtbot):
    _drive_active_dialog(qtbot, "pd_from_ask_13579")
    assert KeyPromptDialog.ask(None, account=ACCOUNT, reason="") == "pd_from_ask_13579"
    _drive_active_dialog(qtbot, None)
    assert KeyPromptDialog.ask(None, account=ACCOUNT, reason="") is None


def test_field_strips_whitespace_keeping_the_cursor(qtbot):
    field = ApiKeyField("probe")
    qtbot.addWidget(field)
    field.edit.setText("abcdef")
    field.edit.setCursorPosition(3)
    field.edit.insert(" \n")
    assert field.key() == "abcdef"
    assert field.edit.cursorPosition() == 3
