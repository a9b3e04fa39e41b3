"""Ask before confirming or unconfirming many participants at once."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.resources import icon


class BulkConfirmDialog(QDialog):
    """Asks "Confirm 250 participants?": each change is one request against the hourly limit."""

    #: Up to this many rows change without asking.
    threshold = 20

    def __init__(self, parent: QWidget | None, count: int, confirm: bool) -> None:
        super().__init__(parent)
        self.setObjectName("bulk_confirm_dialog")
        self.setWindowTitle(
            self.tr("Confirm Participants") if confirm else self.tr("Unconfirm Participants")
        )
        self.setAccessibleName(self.windowTitle())
        self._preferred_width = 420

        symbol = QLabel(self)
        symbol.setObjectName("bulk_icon")
        symbol.setPixmap(icon("confirm" if confirm else "unconfirm").pixmap(QSize(40, 40)))
        symbol.setAccessibleName(self.windowTitle())

        question = (
            self.tr("Confirm %n participants?", "", count)
            if confirm
            else self.tr("Mark %n participants as not confirmed?", "", count)
        )
        self.question_label = QLabel(question, self)
        self.question_label.setObjectName("question_label")
        self.question_label.setAccessibleName(question)
        self.question_label.setWordWrap(True)
        font = QFont(self.question_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.question_label.setFont(font)
        self.info_label = QLabel(
            self.tr(
                "Each change is sent to Plandocket as its own request and counts against the "
                "API key's hourly request limit. Changes that cannot be sent now are queued."
            ),
            self,
        )
        self.info_label.setObjectName("info_label")
        self.info_label.setAccessibleName(self.info_label.text())
        self.info_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("buttons")
        self.action_button = QPushButton(
            self.tr("Con&firm %n", "", count) if confirm else self.tr("&Unconfirm %n", "", count),
            self,
        )
        self.action_button.setObjectName("action_button")
        self.action_button.setAccessibleName(self.action_button.text().replace("&", ""))
        self.action_button.setIcon(icon("confirm" if confirm else "unconfirm"))
        self.buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancel_button = cancel
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        # The person just asked for this; the question only guards against a slip of scale.
        self.action_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(self.question_label)
        text.addWidget(self.info_label)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(symbol, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.action_button.setFocus()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # A floor for the first size; a minimum width would switch off the layout's minimum.
        return super().sizeHint().expandedTo(QSize(self._preferred_width, 0))

    @classmethod
    def needs_asking(cls, count: int) -> bool:
        """Whether changing ``count`` rows at once deserves a question."""
        return count > cls.threshold

    @classmethod
    def ask(cls, parent: QWidget | None, count: int, confirm: bool) -> bool:
        """Whether to go ahead; True without asking for up to :attr:`threshold` rows."""
        if count <= 0:
            return False
        if not cls.needs_asking(count):
            return True
        dialog = cls(parent, count, confirm)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
