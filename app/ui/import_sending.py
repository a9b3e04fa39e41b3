"""The import's third page: a progress bar ("12 of 240") and what the import is waiting for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from app.ui.import_texts import number


class SendingPage(QWidget):
    """Progress of the rows answered, and a line for waits and stopping."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSendingPage")
        self.intro_label = QLabel(
            self.tr(
                "Adding the participants through the outbox. Rows already handed over are "
                "sent even if you stop; the others are not."
            ),
            self,
        )
        self.intro_label.setObjectName("importSendingIntro")
        self.intro_label.setWordWrap(True)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("importProgress")
        self.progress_bar.setAccessibleName(self.tr("Rows answered"))
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        caption = QLabel(self.tr("Progress:"), self)
        caption.setBuddy(self.progress_bar)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("importSendingStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName(self.tr("Status"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro_label)
        layout.addWidget(caption)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addStretch(1)

    def set_progress(self, answered: int, total: int) -> None:
        """ "12 of 240" rows answered."""
        self.progress_bar.setRange(0, max(1, total))
        self.progress_bar.setValue(min(answered, max(1, total)))
        text = self.tr("%1 of %2").replace("%1", number(answered)).replace("%2", number(total))
        # The bar's format treats % as a placeholder: a literal one must be doubled.
        self.progress_bar.setFormat(text.replace("%", "%%"))
        self.progress_bar.setAccessibleDescription(text)

    def progress_text(self) -> str:
        """What the bar shows."""
        return self.progress_bar.text()

    def set_status(self, text: str) -> None:
        """A wait or a stop in a plain sentence (empty: nothing to say)."""
        self.status_label.setText(text)
