"""What the table area shows when there is nothing to list: a title, a hint, one action."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """A centred message with an optional button (e.g. "Retry")."""

    action_triggered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.title = QLabel(self)
        self.title.setObjectName("emptyStateTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel(self)
        self.message.setObjectName("emptyStateMessage")
        self.message.setWordWrap(True)
        self.message.setMaximumWidth(520)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.setObjectName("emptyStateAction")
        self.button.clicked.connect(self.action_triggered)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.message, self.button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)

    def show_state(self, title: str, message: str, action: str | None = None) -> None:
        """Fill in the message; ``action`` is the button's text (no button when None)."""
        self.title.setText(title)
        self.message.setText(message)
        self.button.setVisible(action is not None)
        if action is not None:
            self.button.setText(action)
            self.button.setAccessibleName(action)
        self.setAccessibleName(title)
