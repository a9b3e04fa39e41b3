"""What Add and Edit share: event and customer number fields, checks, and waiting for the outbox.

A subclass adds its own rows and builds its request; this base checks the fields as the
person types (required, no spaces in a customer number, already taking part), hands the
request to ``submit`` and then waits on the returned :class:`Submission`:

- ``succeeded`` closes the dialog with the participant;
- ``rejected`` (422) puts each message next to its field and lets the person correct it;
- ``deferred`` closes the dialog with the "queued for later" message;
- ``failed`` shows the reason and leaves only Close.

While it waits, the inputs are disabled and "Adding…" shows. If the outbox stays silent for
longer than :attr:`ParticipationDialog.patience_ms`, Close becomes available: the write is
already queued, so closing loses nothing.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.api.errors import ValidationError
from app.domain import Event, Participant
from app.ui.contact_lookup import ContactLookup
from app.ui.dialogs.customer_number_field import CustomerNumberField
from app.ui.dialogs.field_errors import ErrorLabel, FieldErrors
from app.ui.dialogs.formatting import contact_summary, format_day, local_datetime
from app.ui.event_picker import EventPicker
from app.ui.submission import Submission
from app.ui.translation import error_text

log = logging.getLogger(__name__)

#: ``existing(event_key, customer_number)``: a loaded participation with these keys, if any.
ExistingLookup = Callable[[str, str], Participant | None]

EVENT_KEY = "event_key"
CUSTOMER_NUMBER = "customer_number"


class ParticipationDialog(QDialog):
    """Base of the Add and Edit dialogs (not used on its own)."""

    #: How long to wait for the outbox before the person may close the window anyway.
    patience_ms = 15_000

    def __init__(
        self,
        parent: QWidget | None,
        *,
        events: Sequence[Event] | None,
        recent_keys: Iterable[str],
        lookup: ContactLookup | None,
        existing: ExistingLookup | None,
    ) -> None:
        super().__init__(parent)
        self._preferred_width = 520
        self._existing = existing
        self._submission: Submission | None = None
        self._busy = False
        self._failed = False
        self._outcome: Participant | str | None = None
        self._touched: set[str] = set()
        self._duplicate = ""  # the local duplicate found by the last check

        self.event_picker = EventPicker(self)
        self.event_picker.set_recent_keys(recent_keys)
        if events:
            self.event_picker.set_events(events)
        self.event_error = ErrorLabel("event_key_error", self)
        self.number_field = CustomerNumberField(lookup, self)
        self.number_error = ErrorLabel("customer_number_error", self)
        self.general_error = ErrorLabel("general_error", self)

        self._make_status_widgets()
        self._make_buttons()

        self.form = QFormLayout()
        self.form.setObjectName("form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.errors = FieldErrors(self.general_error)
        self.errors.bind(
            EVENT_KEY, self.event_picker, self.event_error, aliases=("event", "event_id")
        )
        self.errors.bind(
            CUSTOMER_NUMBER,
            self.number_field.line_edit,
            self.number_error,
            aliases=("contact", "contact_id", "customer"),
        )

        self._patience = QTimer(self)
        self._patience.setObjectName("patience_timer")
        self._patience.setSingleShot(True)
        self._patience.timeout.connect(self._waited_long)

        self._connect_fields()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # A floor for the first size; a minimum width would switch off the layout's minimum.
        return super().sizeHint().expandedTo(QSize(self._preferred_width, 0))

    def _connect_fields(self) -> None:
        event_text = self.event_picker.text_field()
        event_text.textEdited.connect(lambda _: self._edited(EVENT_KEY))
        event_text.editingFinished.connect(lambda: self._touch(EVENT_KEY))
        self.event_picker.currentIndexChanged.connect(lambda _: self._edited(EVENT_KEY))
        self.event_picker.event_key_changed.connect(lambda _: self._touch(EVENT_KEY))
        self.number_field.text_edited.connect(lambda _: self._edited(CUSTOMER_NUMBER))
        self.number_field.contact_changed.connect(lambda _: self._revalidate())
        # Programmatic changes (a chosen contact, a prefilled key) are checked as well.
        self.number_field.line_edit.textChanged.connect(lambda _: self._revalidate())
        self.event_picker.currentTextChanged.connect(lambda _: self._revalidate())
        self.number_field.editing_finished.connect(lambda: self._touch(CUSTOMER_NUMBER))

    # -- building blocks for subclasses -----------------------------------------------------

    def _make_status_widgets(self) -> None:
        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("notice_label")
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(False)

        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setObjectName("busy_indicator")
        self.busy_indicator.setAccessibleName(self.tr("Working"))
        self.busy_indicator.setRange(0, 0)  # indeterminate
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setFixedWidth(72)
        self.busy_indicator.setVisible(False)
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busy_label")
        self.busy_label.setVisible(False)

    def _make_buttons(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("buttons")
        self.ok_button = self._standard_button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok_button")
        self.ok_button.setDefault(True)
        self.cancel_button = self._standard_button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit_clicked)
        self.buttons.rejected.connect(self.reject)

    def _standard_button(self, which: QDialogButtonBox.StandardButton) -> QPushButton:
        button = self.buttons.button(which)
        assert button is not None
        return button

    def _add_row(self, label_text: str, field: QWidget, error: ErrorLabel) -> None:
        """A form row: the field with its error label under it."""
        holder = QWidget(self)
        holder.setObjectName(f"{field.objectName()}_row")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(field)
        column.addWidget(error)
        label = QLabel(label_text, self)
        label.setObjectName(f"{field.objectName()}_caption")
        label.setBuddy(field.focusProxy() or field)
        self.form.addRow(label, holder)

    def _assemble(self, header: QWidget | None = None) -> None:
        """Lay out header, form, general error, notice and the button row."""
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        if header is not None:
            layout.addWidget(header)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.notice_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.busy_indicator)
        row.addWidget(self.busy_label)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self._revalidate()

    # -- to be provided by subclasses ---------------------------------------------------------

    def _inputs(self) -> list[QWidget]:
        """The widgets disabled while waiting."""
        return [self.event_picker, self.number_field]

    def _busy_text(self) -> str:
        raise NotImplementedError

    def _build_request(self) -> object:
        raise NotImplementedError

    def _send(self, request: object) -> Submission:
        raise NotImplementedError

    def _changed(self) -> bool:
        """Whether there is anything to submit (Edit: whether something was changed)."""
        return True

    def _original_participant_id(self) -> int | None:
        """The participation being edited, which is no duplicate of itself."""
        return None

    def _required(self, name: str) -> bool:
        """Whether an empty field is a problem (Edit: only if it had a value)."""
        return True

    def _duplicate_sentence(self, who: str, where: str, state: str = "") -> str:
        if state:
            return self.tr("{who} already takes part in {event} ({state}).").format(
                who=who, event=where, state=state
            )
        return self.tr("{who} already takes part in {event}.").format(who=who, event=where)

    # -- public API -----------------------------------------------------------------------

    def outcome(self) -> Participant | str | None:
        """The participant, the "queued for later" message, or None (cancelled, failed)."""
        return self._outcome

    def is_busy(self) -> bool:
        """Whether the dialog waits for the outbox's answer."""
        return self._busy

    def watch(self, submission: Submission) -> None:
        """Wait for this submission's outcome (called with what ``submit`` returned)."""
        self._submission = submission
        self._set_busy(True)
        submission.succeeded.connect(self._succeeded)
        submission.rejected.connect(self._rejected)
        submission.deferred.connect(self._deferred)
        submission.failed.connect(self._failed_outcome)
        if submission.settled:
            # The outbox announced the outcome before we could listen; signals are not
            # replayed, so all that is known is that the write was taken over.
            log.warning("submission settled before the dialog could watch it")
            self._unwatch()
            self._set_busy(False)
            self._outcome = self.tr(
                "The change was handed over. The participant list shows how it went."
            )
            self.accept()

    # -- checks ------------------------------------------------------------------------------

    def _check(self) -> dict[str, str]:
        """Field name → what is wrong with it (empty when everything is fine)."""
        problems: dict[str, str] = {}
        key = self.event_picker.event_key()
        if not key:
            if self._required(EVENT_KEY):
                problems[EVENT_KEY] = (
                    self.tr("Choose an event.")
                    if self.event_picker.has_events()
                    else self.tr("Enter the event key.")
                )
        elif any(ch.isspace() for ch in key) and self.event_picker.event_for_key(key) is None:
            problems[EVENT_KEY] = (
                self.tr("Choose one of the listed events, or type an event key (no spaces).")
                if self.event_picker.has_events()
                else self.tr("An event key contains no spaces.")
            )
        number = self.number_field.customer_number()
        if not number:
            if self._required(CUSTOMER_NUMBER):
                problems[CUSTOMER_NUMBER] = self.tr("Enter the customer number.")
        elif any(ch.isspace() for ch in number):
            problems[CUSTOMER_NUMBER] = (
                self.tr("Choose a contact from the list, or enter a customer number (no spaces).")
                if self.number_field.has_lookup()
                else self.tr("A customer number contains no spaces.")
            )
        elif any(not ch.isprintable() for ch in number):
            problems[CUSTOMER_NUMBER] = self.tr(
                "The customer number contains invisible characters."
            )
        self._duplicate = ""
        if not problems and self._existing is not None and key and number:
            self._duplicate = self._local_duplicate(key, number)
            if self._duplicate:
                problems[CUSTOMER_NUMBER] = self._duplicate
        return problems

    def _local_duplicate(self, key: str, number: str) -> str:
        assert self._existing is not None
        try:
            found = self._existing(key, number)
        except Exception:  # a lookup among loaded rows must never break the dialog
            log.exception("existing(%r, %r) failed", key, number)
            return ""
        if found is None or found.id == self._original_participant_id():
            return ""
        who = found.contact.display_name if found.contact else self._who(number)
        event = found.event.display_name if found.event else self._where(key)
        return self._duplicate_sentence(who, event, self._state_note(found))

    def _state_note(self, participant: Participant) -> str:
        if participant.is_confirmed is True:
            if participant.updated_at is not None:
                day = format_day(local_datetime(participant.updated_at).date())
                return self.tr("confirmed, last changed {day}").format(day=day)
            return self.tr("confirmed")
        if participant.is_confirmed is False:
            if participant.created_at is not None:
                day = format_day(local_datetime(participant.created_at).date())
                return self.tr("not confirmed yet, added {day}").format(day=day)
            return self.tr("not confirmed yet")
        return ""

    def _who(self, number: str) -> str:
        contact = self.number_field.contact()
        if contact is not None and contact.customer_number == number:
            return contact_summary(contact)
        return self.tr("The contact with customer number {number}").format(number=number)

    def _where(self, key: str) -> str:
        event = self.event_picker.event_for_key(key)
        return event.display_name if event is not None else key

    def _alive(self) -> bool:
        # While the dialog is torn down, a focused field still reports "editing finished"
        # after its siblings are gone.
        return shiboken6.isValid(self.ok_button) and shiboken6.isValid(self.general_error)

    def _touch(self, name: str) -> None:
        if not self._alive():
            return
        self._touched.add(name)
        self._revalidate()

    def _edited(self, name: str) -> None:
        if self._busy or not self._alive():
            return
        self.errors.clear_server(name)
        self.general_error.set_message("")
        self._revalidate()

    def _revalidate(self) -> dict[str, str]:
        if not self._alive():
            return {}
        problems = self._check()
        for name in (EVENT_KEY, CUSTOMER_NUMBER):
            message = problems.get(name, "")
            # Say what is missing only once the person has been there ("punish late"),
            # but a duplicate or a fixed problem shows at once ("reward early").
            if name not in self._touched and message != self._duplicate:
                message = ""
            self.errors.set_client(name, message)
        self.ok_button.setEnabled(
            not self._busy
            and not self._failed
            and not problems
            and self._changed()
            and not self.errors.has_server_messages()
        )
        return problems

    # -- submitting ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter with OK disabled explains why instead of doing nothing."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not self.ok_button.isEnabled() and not self._busy and not self._failed:
            self._touched.update((EVENT_KEY, CUSTOMER_NUMBER))
            self._focus_first_problem(self._revalidate())
            event.accept()
            return
        super().keyPressEvent(event)

    def _focus_first_problem(self, problems: dict[str, str]) -> None:
        for name in (EVENT_KEY, CUSTOMER_NUMBER):
            if name in problems:
                widget = self.errors.widget(name)
                if widget is not None:
                    widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    @Slot()
    def _submit_clicked(self) -> None:
        if self._busy or self._failed:
            return
        self._touched.update((EVENT_KEY, CUSTOMER_NUMBER))
        problems = self._revalidate()
        if problems or not self.ok_button.isEnabled():
            self._focus_first_problem(problems)
            return
        request = self._build_request()
        self.errors.clear_server()
        try:
            submission = self._send(request)
        except Exception as error:  # the outbox could not even take it: say so, keep the input
            log.exception("submit failed")
            reason = error_text(error)
            self.general_error.set_message(
                self.tr("The change could not be queued: {reason}").format(reason=reason)
            )
            return
        self.watch(submission)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in self._inputs():
            widget.setEnabled(not busy and not self._failed)
        self.busy_indicator.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(self._busy_text() if busy else "")
        self.cancel_button.setEnabled(not busy)
        if busy:
            self.notice_label.setVisible(False)
            self.ok_button.setEnabled(False)
            self._patience.start(self.patience_ms)
        else:
            self._patience.stop()
            self.notice_label.setVisible(False)
            self._revalidate()

    def _unwatch(self) -> None:
        submission, self._submission = self._submission, None
        if submission is None:
            return
        for signal, slot in (
            (submission.succeeded, self._succeeded),
            (submission.rejected, self._rejected),
            (submission.deferred, self._deferred),
            (submission.failed, self._failed_outcome),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # already gone
                signal.disconnect(slot)

    @Slot()
    def _waited_long(self) -> None:
        if not self._busy:
            return
        self.notice_label.setText(
            self.tr(
                "Plandocket is taking longer than usual. You can close this window: the change "
                "stays queued, and the participant list shows how it went."
            )
        )
        self.notice_label.setVisible(True)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setAccessibleName(self.tr("Close"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()

    @Slot(object)
    def _succeeded(self, participant: object) -> None:
        if self._submission is None:
            return
        self._unwatch()
        self._outcome = participant if isinstance(participant, Participant) else None
        self._set_busy(False)
        self.accept()

    @Slot(object)
    def _rejected(self, error: object) -> None:
        if self._submission is None:
            return
        self._unwatch()
        self._set_busy(False)
        first: QWidget | None = None
        if isinstance(error, ValidationError):
            first = self._place_validation_error(error)
        else:
            message = error_text(error)
            self.general_error.set_message(message)
        self._revalidate()
        target = first or self.event_picker
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place_validation_error(self, error: ValidationError) -> QWidget | None:
        key, number = self.event_picker.event_key(), self.number_field.customer_number()
        plain = self._duplicate_sentence(self._who(number), self._where(key))
        field_errors: dict[str, tuple[str, ...]] = {}
        for name, messages in error.field_errors.items():
            if ValidationError(field_errors={name: messages}).is_duplicate:
                field_errors[name] = (plain,)
            else:
                field_errors[name] = messages
        if not any(field_errors.values()):
            self.general_error.set_message(plain if error.is_duplicate else error_text(error))
            return None
        return self.errors.place(field_errors)

    @Slot(str)
    def _deferred(self, message: str) -> None:
        if self._submission is None:
            return
        self._unwatch()
        self._outcome = message
        self._set_busy(False)
        self.accept()

    @Slot(object)
    def _failed_outcome(self, error: object) -> None:
        if self._submission is None:
            return
        self._unwatch()
        self._failed = True
        self._set_busy(False)
        reason = error_text(error)
        self.general_error.set_message(reason)
        self.notice_label.setText(self.tr("The change is kept in the Problems list."))
        self.notice_label.setVisible(True)
        self.ok_button.setVisible(False)
        self.cancel_button.setText(self.tr("Close"))
        self.cancel_button.setAccessibleName(self.tr("Close"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()

    # -- closing --------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel; while waiting, only once the patience has run out (the write stays queued)."""
        if self._busy:
            if not self._patience.isActive() and self.cancel_button.isEnabled():
                self._unwatch()
                self._outcome = self.tr(
                    "The change is still being sent. The participant list shows how it went."
                )
                self._busy = False
                self.accept()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Stop listening to the outbox and the contact search before closing."""
        self._unwatch()
        self._patience.stop()
        self.number_field.detach()
        super().done(result)
