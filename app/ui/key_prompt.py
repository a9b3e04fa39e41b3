"""Asking for an API key: a masked, paste-friendly key field and the "key rejected" prompt.

The prompt appears when Plandocket answers 401 in the middle of work. It only asks: the
caller keeps its view and its queued changes, stores the new key (KeyStore.set, on a
worker) and sends the waiting requests again.
"""

from __future__ import annotations

import httpx
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.redaction import register_secret


def clean_key(text: str) -> str:
    """A pasted key without the spaces and line breaks copied along with it."""
    return "".join(ch for ch in text if not ch.isspace())


def is_plausible_key(text: str) -> bool:
    """Whether ``text`` can be sent as a key (non-empty, printable, no spaces)."""
    key = text.strip()
    return bool(key) and all(ch.isprintable() and not ch.isspace() for ch in key)


def account_host(account: str) -> str:
    """``acme.plandocket.com`` from the account ``https://acme.plandocket.com``."""
    try:
        host = httpx.URL(account).host
    except (httpx.InvalidURL, ValueError):
        host = ""
    return host or account


def key_rejected_reason(account: str) -> str:
    """The sentence for a 401: "Plandocket did not accept the API key for <host> (...)."."""
    return QCoreApplication.translate(
        "KeyPromptDialog",
        "Plandocket did not accept the API key for {host} (it may have been revoked).",
    ).format(host=account_host(account))


class ApiKeyField(QWidget):
    """A password-style line edit for an API key with a Show/Hide button.

    Whitespace and line breaks are removed as they arrive (however the text got in:
    typing, Ctrl+V, middle click, drag and drop), so a key copied with a trailing newline
    works. Copying out of the field is impossible while the key is hidden.
    ``object_name`` names the line edit; the button is ``<object_name>Show``.
    """

    key_changed = Signal(str)

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{object_name}Field")
        self.edit = QLineEdit(self)
        self.edit.setObjectName(object_name)
        self.edit.setAccessibleName(self.tr("API key"))
        self.edit.setPlaceholderText(self.tr("Paste the API key"))
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._on_text_changed)

        self.toggle = QToolButton(self)
        self.toggle.setObjectName(f"{object_name}Show")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._on_toggled)
        self._on_toggled(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)
        self.setFocusProxy(self.edit)

    def key(self) -> str:
        """The key as typed (already free of whitespace)."""
        return self.edit.text()

    def set_key(self, key: str) -> None:
        """Fill in a key (e.g. the stored one when editing a profile)."""
        self.edit.setText(key)

    def is_valid(self) -> bool:
        """Whether the field holds something that can be sent as a key."""
        return is_plausible_key(self.key())

    def conceal(self) -> None:
        """Mask the key again (when the dialog closes or a screenshot may follow)."""
        self.toggle.setChecked(False)

    def _on_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.toggle.setText(self.tr("Hide") if shown else self.tr("Show"))
        self.toggle.setAccessibleName(
            self.tr("Hide the API key") if shown else self.tr("Show the API key")
        )
        self.toggle.setToolTip(self.toggle.accessibleName())

    def _on_text_changed(self, text: str) -> None:
        cleaned = clean_key(text)
        if cleaned != text:
            cursor = len(clean_key(text[: self.edit.cursorPosition()]))
            self.edit.setText(cleaned)  # emits textChanged again, with the clean text
            self.edit.setCursorPosition(cursor)
            return
        self.key_changed.emit(text)


class KeyPromptDialog(QDialog):
    """Asks for a new API key after Plandocket rejected the stored one."""

    def __init__(self, parent: QWidget | None = None, *, account: str, reason: str) -> None:
        super().__init__(parent)
        self.setObjectName("keyPromptDialog")
        self.setWindowTitle(self.tr("API key needed"))
        self.setAccessibleName(self.windowTitle())
        self.account = account

        first = reason.strip() or key_rejected_reason(account)
        second = self.tr("Paste a new key to continue; your queued changes are kept.")
        self.message = QLabel(f"{first} {second}", self)
        self.message.setObjectName("keyPromptMessage")
        self.message.setAccessibleName(self.message.text())
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)

        self.key_field = ApiKeyField("keyPromptKey", self)
        label = QLabel(self.tr("&API key:"), self)
        label.setObjectName("keyPromptKeyLabel")
        label.setBuddy(self.key_field.edit)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("Continue"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("keyPromptOk")
        self.ok_button.setAccessibleName(self.tr("Continue with the new key"))
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("keyPromptCancel")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(label, self.key_field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.key_field.key_changed.connect(self._update_ok)
        self._update_ok()
        self.key_field.setFocus()
        self.resize(460, self.sizeHint().height())

    def key(self) -> str:
        """The key entered (whitespace removed)."""
        return self.key_field.key()

    def accept(self) -> None:
        """Close with the key, once it can be sent."""
        if not self.key_field.is_valid():
            return
        register_secret(self.key())
        self.key_field.conceal()
        super().accept()

    def reject(self) -> None:
        """Close without a key."""
        self.key_field.conceal()
        super().reject()

    def _update_ok(self, *_: object) -> None:
        self.ok_button.setEnabled(self.key_field.is_valid())

    @classmethod
    def ask(cls, parent: QWidget | None, *, account: str, reason: str) -> str | None:
        """Show the prompt modally; the new key, or None when the person cancelled.

        ``reason`` is a sentence saying what happened; "" uses :func:`key_rejected_reason`.
        """
        dialog = cls(parent, account=account, reason=reason)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.key()
            return None
        finally:
            dialog.deleteLater()
