"""The import's second page: what would happen, before anything is sent.

Counts (ready, invalid, already participating, duplicates), every problem with its row
number, and the requests the import needs against what is left of the hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.office.import_pacing import Estimate, reserve_for
from app.ui.dialogs.field_errors import ErrorLabel
from app.ui.import_texts import number


@dataclass(frozen=True, slots=True)
class CheckSummary:
    """What the check found; ``problems`` are ready-made "Row 7: …" lines."""

    ready: int
    invalid: int
    already: int
    duplicates: int
    problems: Sequence[str]
    check_requests: int
    estimate: Estimate


class CheckPage(QWidget):
    """Counts, problems and the request estimate; ``retry_requested`` after a failed check."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importCheckPage")
        self.count_labels: dict[str, QLabel] = {}
        counts = QFormLayout()
        counts.setObjectName("importCounts")
        for key, caption in (
            ("ready", self.tr("Ready to add:")),
            ("already", self.tr("Already participating (skipped):")),
            ("invalid", self.tr("Invalid (not sent):")),
            ("duplicates", self.tr("Repeated in the file (not sent):")),
        ):
            value = QLabel(self)
            value.setObjectName(f"importCount_{key}")
            value.setAccessibleName(caption.rstrip(":"))
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label = QLabel(caption, self)
            label.setBuddy(value)
            counts.addRow(label, value)
            self.count_labels[key] = value

        self.problems_model = QStringListModel(self)
        self.problems_view = QListView(self)
        self.problems_view.setObjectName("importProblems")
        self.problems_view.setAccessibleName(self.tr("Problems in the file"))
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.setWordWrap(True)
        self.problems_view.setUniformItemSizes(False)
        self.problems_caption = QLabel(self.tr("&Problems in the file:"), self)
        self.problems_caption.setObjectName("importProblemsCaption")
        self.problems_caption.setBuddy(self.problems_view)

        self.budget_label = QLabel(self)
        self.budget_label.setObjectName("importBudget")
        self.budget_label.setWordWrap(True)
        self.budget_label.setTextFormat(Qt.TextFormat.PlainText)
        self.budget_label.setAccessibleName(self.tr("Requests"))

        self.error_label = ErrorLabel("importCheckError", self)
        self.retry_button = QPushButton(self.tr("&Try again"), self)
        self.retry_button.setObjectName("importCheckRetry")
        self.retry_button.setAccessibleName(self.tr("Try again"))
        self.retry_button.setVisible(False)
        self.retry_button.clicked.connect(self.retry_requested)

        retry_row = QHBoxLayout()
        retry_row.addWidget(self.error_label, 1)
        retry_row.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(counts)
        layout.addWidget(self.budget_label)
        layout.addLayout(retry_row)
        layout.addWidget(self.problems_caption)
        layout.addWidget(self.problems_view, 1)

    def clear(self) -> None:
        """Nothing checked yet."""
        for label in self.count_labels.values():
            label.setText("…")
        self.problems_model.setStringList([])
        self.budget_label.setText("")
        self.set_error("")

    def set_error(self, message: str) -> None:
        """The check failed (e.g. offline): say why and offer to try again."""
        self.error_label.set_message(message)
        self.retry_button.setVisible(bool(message))

    def show_summary(self, summary: CheckSummary) -> None:
        """Show what the check found."""
        self.set_error("")
        for key, value in (
            ("ready", summary.ready),
            ("already", summary.already),
            ("invalid", summary.invalid),
            ("duplicates", summary.duplicates),
        ):
            self.count_labels[key].setText(number(value))
        self.problems_model.setStringList(list(summary.problems))
        has_problems = bool(summary.problems)
        self.problems_caption.setVisible(has_problems)
        self.problems_view.setVisible(has_problems)
        self.budget_label.setText(self._budget_text(summary))

    def _budget_text(self, summary: CheckSummary) -> str:
        estimate = summary.estimate
        parts = []
        if summary.check_requests:
            parts.append(
                self.tr(
                    "Checking who already takes part took %n request(s).",
                    "",
                    summary.check_requests,
                )
            )
        if estimate.remaining is None:
            parts.append(
                self.tr(
                    "About %n request(s) needed; this key has no hourly limit.", "", estimate.needed
                )
            )
            return " ".join(parts)
        needed = self.tr("About %n request(s) needed", "", estimate.needed)
        left = self.tr("%1; %2 left this hour.").replace("%1", needed)
        parts.append(left.replace("%2", number(estimate.remaining)))
        if not estimate.fits_now and estimate.hours == 0:
            parts.append(
                self.tr(
                    "The hourly limit of %1 requests is too small to import with %2 kept "
                    "for the check-in desks."
                )
                .replace("%1", number(estimate.limit or 0))
                .replace("%2", number(reserve_for(estimate.limit)))
            )
        elif not estimate.fits_now:
            parts.append(
                self.tr(
                    "That is more than this hour allows (%1 are kept for the check-in desks): "
                    "the import waits for the limit and goes on by itself, about %n hour(s) in "
                    "all. Keep the app open until it is done.",
                    "",
                    estimate.hours,
                ).replace("%1", number(reserve_for(estimate.limit)))
            )
        return " ".join(parts)
