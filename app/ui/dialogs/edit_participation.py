"""Move a participation to another event, or correct the customer number it was added with."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain import Event, Participant
from app.ui.contact_lookup import ContactLookup
from app.ui.dialogs.formatting import contact_summary, event_label, event_name
from app.ui.dialogs.participation_dialog import (
    CUSTOMER_NUMBER,
    EVENT_KEY,
    ExistingLookup,
    ParticipationDialog,
)
from app.ui.submission import Submission


@dataclass(frozen=True, slots=True)
class EditParticipationRequest:
    """Only what changed is set; ``None`` leaves a field as it is."""

    participant_id: int
    event_key: str | None
    customer_number: str | None


class EditParticipationDialog(ParticipationDialog):
    """Change the event or the customer number of one participation."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        participant: Participant,
        submit: Callable[[EditParticipationRequest], Submission],
        events: Sequence[Event] | None = None,
        recent_keys: Iterable[str] = (),
        lookup: ContactLookup | None = None,
        existing: ExistingLookup | None = None,
    ) -> None:
        super().__init__(
            parent, events=events, recent_keys=recent_keys, lookup=lookup, existing=existing
        )
        self.setObjectName("edit_participation_dialog")
        self.setWindowTitle(self.tr("Edit Participation"))
        self.setAccessibleName(self.tr("Edit participation"))
        self._participant = participant
        self._submit = submit
        self._original_key = participant.event.event_key if participant.event else ""
        contact = participant.contact
        self._original_number = (contact.customer_number or "") if contact else ""

        self.ok_button.setText(self.tr("&Save"))
        self.ok_button.setAccessibleName(self.tr("Save"))

        self._add_row(self.tr("&Event:"), self.event_picker, self.event_error)
        self._add_row(self.tr("Customer &number:"), self.number_field, self.number_error)
        self._assemble(self._make_header())
        self.setTabOrder(self.event_picker, self.number_field.line_edit)

        self.event_picker.set_event_key(self._original_key)
        self.number_field.set_value(self._original_number, contact)
        self._revalidate()
        self.event_picker.setFocus()

    def _make_header(self) -> QWidget:
        header = QWidget(self)
        header.setObjectName("header")
        layout = QVBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        participant = self._participant
        who = QLabel(contact_summary(participant.contact, participant.contact_id), header)
        who.setObjectName("participant_label")
        who.setAccessibleName(self.tr("Participant"))
        font = QFont(who.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        who.setFont(font)
        who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where = event_label(participant.event) if participant.event else event_name(participant)
        current = QLabel(self.tr("Currently in: {event}").format(event=where), header)
        current.setObjectName("current_event_label")
        current.setAccessibleName(self.tr("Current event"))
        current.setWordWrap(True)
        current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        hint = QLabel(
            self.tr(
                "Move this participation to another event, or correct the customer number "
                "if it was added for the wrong contact."
            ),
            header,
        )
        hint.setObjectName("hint_label")
        hint.setWordWrap(True)
        layout.addWidget(who)
        layout.addWidget(current)
        layout.addSpacing(6)
        layout.addWidget(hint)
        return header

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        participant: Participant,
        submit: Callable[[EditParticipationRequest], Submission],
        events: list[Event] | None = None,
        recent_keys: Sequence[str] = (),
        lookup: ContactLookup | None = None,
        existing: Callable[[str, str], Participant | None] | None = None,
    ) -> Participant | str | None:
        """Run the dialog: the updated participant, the "queued" message, or None."""
        dialog = cls(
            parent,
            participant=participant,
            submit=submit,
            events=events,
            recent_keys=recent_keys,
            lookup=lookup,
            existing=existing,
        )
        try:
            dialog.exec()
            return dialog.outcome()
        finally:
            dialog.deleteLater()

    def request(self) -> EditParticipationRequest:
        """The changes the current input describes (unchanged fields are None)."""
        key = self.event_picker.event_key()
        number = self.number_field.customer_number()
        return EditParticipationRequest(
            participant_id=self._participant.id,
            event_key=key if key and key != self._original_key else None,
            customer_number=number if number and number != self._original_number else None,
        )

    def _changed(self) -> bool:
        request = self.request()
        return request.event_key is not None or request.customer_number is not None

    def _required(self, name: str) -> bool:
        # A value the participation never showed (not loaded) may stay empty: unchanged.
        original = {EVENT_KEY: self._original_key, CUSTOMER_NUMBER: self._original_number}
        return bool(original.get(name, True))

    def _original_participant_id(self) -> int | None:
        return self._participant.id

    def _busy_text(self) -> str:
        return self.tr("Saving…")

    def _build_request(self) -> EditParticipationRequest:
        return self.request()

    def _send(self, request: object) -> Submission:
        assert isinstance(request, EditParticipationRequest)
        return self._submit(request)
