"""Add a contact to an event: event, customer number (or contact search), confirmed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QWidget

from app.domain import Contact, Event, Participant
from app.ui.contact_lookup import ContactLookup
from app.ui.dialogs.field_errors import ErrorLabel
from app.ui.dialogs.participation_dialog import ExistingLookup, ParticipationDialog
from app.ui.submission import Submission


@dataclass(frozen=True, slots=True)
class AddParticipantRequest:
    """What the person asked to add; ``contact`` is known when it was picked from the search."""

    event_key: str
    customer_number: str
    is_confirmed: bool
    contact: Contact | None


class AddParticipantDialog(ParticipationDialog):
    """Asks for the event, the customer number and whether the participation is confirmed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        submit: Callable[[AddParticipantRequest], Submission],
        event_key: str = "",
        events: Sequence[Event] | None = None,
        recent_keys: Iterable[str] = (),
        lookup: ContactLookup | None = None,
        existing: ExistingLookup | None = None,
        customer_number: str = "",
        confirmed: bool = False,
    ) -> None:
        super().__init__(
            parent, events=events, recent_keys=recent_keys, lookup=lookup, existing=existing
        )
        self.setObjectName("add_participant_dialog")
        self.setWindowTitle(self.tr("Add Participant"))
        self.setAccessibleName(self.tr("Add participant"))
        self._submit = submit

        self.confirmed_box = QCheckBox(self.tr("Con&firmed (paid, requirements met)"), self)
        self.confirmed_box.setObjectName("is_confirmed")
        self.confirmed_box.setAccessibleName(self.tr("Confirmed"))
        self.confirmed_error = ErrorLabel("is_confirmed_error", self)
        self.errors.bind("is_confirmed", self.confirmed_box, self.confirmed_error)
        self.confirmed_box.toggled.connect(lambda _: self._edited("is_confirmed"))

        self.ok_button.setText(self.tr("&Add"))
        self.ok_button.setAccessibleName(self.tr("Add"))

        self._add_row(self.tr("&Event:"), self.event_picker, self.event_error)
        self._add_row(self.tr("Customer &number:"), self.number_field, self.number_error)
        self._add_row("", self.confirmed_box, self.confirmed_error)
        self._assemble()

        self.setTabOrder(self.event_picker, self.number_field.line_edit)
        self.setTabOrder(self.number_field.line_edit, self.confirmed_box)

        self.event_picker.set_event_key(event_key)
        if customer_number:
            self.number_field.set_value(customer_number)
        self.confirmed_box.setChecked(confirmed)
        self._revalidate()
        # With the event already given, the person starts at the customer number.
        first = self.number_field if self.event_picker.event_key() else self.event_picker
        first.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        *,
        submit: Callable[[AddParticipantRequest], Submission],
        event_key: str = "",
        events: list[Event] | None = None,
        recent_keys: Sequence[str] = (),
        lookup: ContactLookup | None = None,
        existing: Callable[[str, str], Participant | None] | None = None,
        customer_number: str = "",
        confirmed: bool = False,
    ) -> Participant | str | None:
        """Run the dialog: the added participant, the "queued" message, or None if cancelled.

        ``customer_number`` and ``confirmed`` prefill the form (a walk-in at a desk).
        """
        dialog = cls(
            parent,
            submit=submit,
            event_key=event_key,
            events=events,
            recent_keys=recent_keys,
            lookup=lookup,
            existing=existing,
            customer_number=customer_number,
            confirmed=confirmed,
        )
        try:
            dialog.exec()
            return dialog.outcome()
        finally:
            dialog.deleteLater()

    def request(self) -> AddParticipantRequest:
        """The request the current input describes."""
        return AddParticipantRequest(
            event_key=self.event_picker.event_key(),
            customer_number=self.number_field.customer_number(),
            is_confirmed=self.confirmed_box.isChecked(),
            contact=self.number_field.contact(),
        )

    def _inputs(self) -> list[QWidget]:
        return [*super()._inputs(), self.confirmed_box]

    def _busy_text(self) -> str:
        return self.tr("Adding…")

    def _build_request(self) -> AddParticipantRequest:
        return self.request()

    def _send(self, request: object) -> Submission:
        assert isinstance(request, AddParticipantRequest)
        return self._submit(request)
