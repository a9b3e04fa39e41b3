"""Ask before removing participations: who, from which event, and that the contact stays.

Cancel is the default button and Enter never removes: the Remove button does not take Enter
even when focused (Space, a click or its Alt shortcut do). Esc cancels.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Participant
from app.resources import icon
from app.ui.dialogs.formatting import contact_summary, event_name, participation_line

#: How many participations the list names before "and 27 more".
LISTED = 10


class RemoveConfirmationDialog(QDialog):
    """Asks "Remove Müller GmbH (Hans Müller) from Fachmesse 2026?" or "Remove 37 …?"."""

    def __init__(self, parent: QWidget | None, participants: Sequence[Participant]) -> None:
        super().__init__(parent)
        if not participants:
            raise ValueError("nothing to remove")
        self.setObjectName("remove_confirmation_dialog")
        count = len(participants)
        self.setWindowTitle(
            self.tr("Remove Participation") if count == 1 else self.tr("Remove Participations")
        )
        self.setAccessibleName(self.windowTitle())
        self._preferred_width = 440 if count == 1 else 640

        symbol = QLabel(self)
        symbol.setObjectName("remove_icon")
        symbol.setPixmap(icon("remove").pixmap(QSize(40, 40)))
        symbol.setAlignment(Qt.AlignmentFlag.AlignTop)
        symbol.setAccessibleName(self.tr("Remove"))

        self.question_label = QLabel(self._question(participants), self)
        self.question_label.setObjectName("question_label")
        self.question_label.setWordWrap(True)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.question_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.question_label.setFont(font)
        self.question_label.setAccessibleName(self.question_label.text())

        self.info_label = QLabel(self._consequence(participants), self)
        self.info_label.setObjectName("info_label")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setAccessibleName(self.info_label.text())

        text = QVBoxLayout()
        text.setSpacing(8)
        text.addWidget(self.question_label)
        text.addWidget(self.info_label)

        self.list_widget: QTreeWidget | None = None
        self.more_label: QLabel | None = None
        if count > 1:
            self._add_list(text, participants)

        self._make_buttons(count)

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(symbol, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.cancel_button.setFocus()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # A floor for the first size; a minimum width would switch off the layout's minimum.
        return super().sizeHint().expandedTo(QSize(self._preferred_width, 0))

    def _make_buttons(self, count: int) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("buttons")
        self.remove_button = QPushButton(
            self.tr("&Remove") if count == 1 else self.tr("&Remove %n", "", count), self
        )
        self.remove_button.setObjectName("remove_button")
        self.remove_button.setAccessibleName(self.remove_button.text().replace("&", ""))
        self.remove_button.setIcon(icon("remove"))
        # Enter on a focused Remove button goes to the default (Cancel) instead.
        self.remove_button.setAutoDefault(False)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancel_button = cancel
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.setDefault(True)
        self.remove_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _question(self, participants: Sequence[Participant]) -> str:
        if len(participants) > 1:
            return self.tr("Remove %n participations?", "", len(participants))
        participant = participants[0]
        return self.tr("Remove {contact} from {event}?").format(
            contact=contact_summary(participant.contact, participant.contact_id),
            event=event_name(participant),
        )

    def _consequence(self, participants: Sequence[Participant]) -> str:
        confirmed = sum(1 for participant in participants if participant.is_confirmed)
        if len(participants) == 1:
            text = self.tr("The contact stays in Plandocket; only this participation is removed.")
            if confirmed:
                text += " " + self.tr("This participation is confirmed.")
            return text
        text = self.tr("The contacts stay in Plandocket; only these participations are removed.")
        if confirmed:
            text += " " + self.tr("%n of them are confirmed.", "", confirmed)
        return text

    def _add_list(self, layout: QVBoxLayout, participants: Sequence[Participant]) -> None:
        listed = QTreeWidget(self)
        listed.setObjectName("participations_list")
        listed.setAccessibleName(self.tr("Participations to remove"))
        listed.setHeaderLabels([self.tr("Company"), self.tr("Person"), self.tr("Event")])
        listed.setRootIsDecorated(False)
        listed.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        listed.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        listed.setTextElideMode(Qt.TextElideMode.ElideRight)
        listed.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        listed.setUniformRowHeights(True)
        listed.setIconSize(QSize(16, 16))
        listed.setAlternatingRowColors(True)
        for participant in participants[:LISTED]:
            contact = participant.contact
            company = (contact.company_name if contact else None) or ""
            person = (contact.person_name if contact else "") or (
                "" if company else contact_summary(contact, participant.contact_id)
            )
            item = QTreeWidgetItem([company, person, event_name(participant)])
            item.setToolTip(0, participation_line(participant))
            confirmed = participant.is_confirmed
            state = (
                "unknown" if confirmed is None else ("confirmed" if confirmed else "not-confirmed")
            )
            item.setIcon(0, icon(state))
            listed.addTopLevelItem(item)
        header = listed.header()
        header.setStretchLastSection(True)
        for column in (0, 1):
            listed.resizeColumnToContents(column)
            listed.setColumnWidth(column, min(listed.columnWidth(column), 200))
        rows = min(listed.topLevelItemCount(), 6)
        row_height = max(listed.sizeHintForRow(0), 18)
        listed.setFixedHeight(
            row_height * rows + header.sizeHint().height() + 2 * listed.frameWidth()
        )
        layout.addWidget(listed)
        self.list_widget = listed
        hidden = len(participants) - LISTED
        if hidden > 0:
            more = QLabel(self.tr("and %n more", "", hidden), self)
            more.setObjectName("more_label")
            more.setAccessibleName(more.text())
            layout.addWidget(more)
            self.more_label = more

    @classmethod
    def ask(cls, parent: QWidget | None, participants: Sequence[Participant]) -> bool:
        """Whether the person really wants to remove these participations."""
        if not participants:
            return False
        dialog = cls(parent, participants)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
