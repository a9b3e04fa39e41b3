"""What the table area shows when there is nothing to list: a title, a hint, one action."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


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
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message = QLabel(self)
        self.message.setObjectName("emptyStateMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.setObjectName("emptyStateAction")
        self.button.clicked.connect(self.action_triggered)
        # A column of readable width, centred: a word-wrapped label needs a width to wrap
        # to, which an alignment flag in the layout would take away from it.
        column = QWidget(self)
        column.setMaximumWidth(560)
        inner = QVBoxLayout(column)
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        inner.addSpacing(6)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_state(self, title: str, message: str, action: str | None = None) -> None:
        """Fill in the message; ``action`` is the button's text (no button when None)."""
        self.title.setText(title)
        self.message.setText(message)
        self.button.setVisible(action is not None)
        if action is not None:
            self.button.setText(action)
            self.button.setAccessibleName(action)
        self.setAccessibleName(title)
