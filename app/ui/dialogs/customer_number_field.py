"""The customer number input, which can also find the number by a contact's name or company.

Without a :class:`ContactLookup` it is a plain line edit. With one, typing "müller" searches
the contacts in the background and offers "Müller GmbH — Hans Müller — #10023" in a pop-up;
choosing one puts the number into the field and shows the contact below it, so the person can
see *who* they are about to add.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import Contact
from app.search import fold
from app.ui.contact_lookup import ContactLookup
from app.ui.dialogs.formatting import contact_choice, contact_summary
from app.ui.translation import error_text

#: Item data role holding the :class:`Contact` of a pop-up row.
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 1
_NUMBER_ROLE = Qt.ItemDataRole.UserRole


def describe_contact(contact: Contact) -> str:
    """Enough to recognise the right contact: "Müller GmbH (Hans Müller), Berlin"."""
    place = ", ".join(part for part in (contact.city, contact.country) if part)
    summary = contact_summary(contact)
    return f"{summary}, {place}" if place else summary


class CustomerNumberField(QWidget):
    """A line edit for the customer number, with an optional contact search pop-up.

    Signals: ``text_edited(str)`` when the person types; ``contact_changed(object)`` with the
    recognised :class:`Contact` or ``None``; ``editing_finished()`` on Enter or focus-out.
    """

    text_edited = Signal(str)
    contact_changed = Signal(object)
    editing_finished = Signal()

    def __init__(self, lookup: ContactLookup | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_number_field")
        self._lookup = lookup
        self._contact: Contact | None = None

        self.line_edit = QLineEdit(self)
        self.line_edit.setObjectName("customer_number")
        self.line_edit.setAccessibleName(self.tr("Customer number"))
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.setMaxLength(255)
        if lookup is None:
            self.line_edit.setPlaceholderText(self.tr("Customer number, e.g. 10023"))
        else:
            self.line_edit.setPlaceholderText(self.tr("Customer number, or search by name"))
            self.line_edit.setToolTip(
                self.tr("Type the customer number, or part of a company or person's name.")
            )

        self.contact_label = QLabel(self)
        self.contact_label.setObjectName("contact_label")
        self.contact_label.setAccessibleName(self.tr("Contact"))
        self.contact_label.setWordWrap(True)
        self.contact_label.setTextFormat(Qt.TextFormat.PlainText)
        self.contact_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contact_label.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.contact_label)
        self.setFocusProxy(self.line_edit)

        self._model = QStandardItemModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setObjectName("contact_completer")
        # The server already searched; show its answer as it is.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        # activated(str) hands over this role: the number to put into the field.
        self.completer.setCompletionRole(_NUMBER_ROLE)
        self.completer.setWidget(self.line_edit)
        popup = self.popup()
        popup.setObjectName("contact_popup")
        popup.setAccessibleName(self.tr("Matching contacts"))
        self.completer.activated.connect(self._chosen)

        self.line_edit.textEdited.connect(self._edited)
        self.line_edit.editingFinished.connect(self.editing_finished)
        if lookup is not None:
            lookup.results.connect(self._found)
            lookup.failed.connect(self._lookup_failed)

    # -- public API -----------------------------------------------------------------------

    def customer_number(self) -> str:
        """The number as typed or chosen, trimmed."""
        return self.line_edit.text().strip()

    def contact(self) -> Contact | None:
        """The contact the number belongs to, when it was chosen or recognised."""
        return self._contact

    def has_lookup(self) -> bool:
        """Whether typing a name searches the contacts."""
        return self._lookup is not None

    def set_value(self, number: str, contact: Contact | None = None) -> None:
        """Show a number (and the contact it belongs to) without searching."""
        self.line_edit.setText(number)
        self._set_contact(contact)

    def popup(self) -> QAbstractItemView:
        """The list of matching contacts."""
        popup = self.completer.popup()
        assert popup is not None
        return popup

    def popup_visible(self) -> bool:
        """Whether the contact pop-up is open."""
        return self.popup().isVisible()

    def detach(self) -> None:
        """Stop listening to the shared lookup (the dialog is closing)."""
        if self._lookup is None:
            return
        for signal, slot in (
            (self._lookup.results, self._found),
            (self._lookup.failed, self._lookup_failed),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                signal.disconnect(slot)
        self._lookup.cancel()
        self._lookup = None

    # -- internals ------------------------------------------------------------------------

    def _set_contact(self, contact: Contact | None, note: str = "") -> None:
        changed = contact != self._contact
        self._contact = contact
        palette = self.contact_label.palette()
        role = QPalette.ColorRole.WindowText if contact else QPalette.ColorRole.PlaceholderText
        palette.setColor(QPalette.ColorRole.WindowText, self.palette().color(role))
        self.contact_label.setPalette(palette)
        text = describe_contact(contact) if contact is not None else note
        self.contact_label.setText(text)
        self.contact_label.setVisible(bool(text))
        if changed:
            self.contact_changed.emit(contact)

    @Slot(str)
    def _edited(self, text: str) -> None:
        number = text.strip()
        if self._contact is not None and self._contact.customer_number != number:
            self._set_contact(None)
        elif self._contact is None:
            self._set_contact(None)  # clears a stale "search failed" note
        self.text_edited.emit(text)
        if self._lookup is None:
            return
        # Results for the old text must not stay on screen while the new ones are found.
        self._model.clear()
        self.popup().hide()
        self._lookup.request(number)

    @Slot(str, list)
    def _found(self, text: str, contacts: list[Contact]) -> None:
        if text != self.customer_number():
            return  # the field has moved on
        self._model.clear()
        exact: Contact | None = None
        for contact in contacts:
            item = QStandardItem(contact_choice(contact))
            item.setEditable(False)
            item.setData(contact.customer_number or "", _NUMBER_ROLE)
            item.setData(contact, CONTACT_ROLE)
            item.setToolTip(describe_contact(contact))
            if not contact.customer_number:
                item.setEnabled(False)  # nothing to add it by
            elif fold(contact.customer_number) == fold(text):
                exact = contact
            self._model.appendRow(item)
        if exact is not None and self._contact is None:
            self._set_contact(exact)
        only_the_exact_match = exact is not None and len(contacts) == 1
        if contacts and not only_the_exact_match and self.line_edit.hasFocus():
            popup = self.popup()
            width = max(
                self.line_edit.width(),
                min(popup.sizeHintForColumn(0) + 32, 640),
            )
            popup.setMinimumWidth(width)
            self.completer.complete(self.line_edit.rect())

    @Slot(str, object)
    def _lookup_failed(self, text: str, error: object) -> None:
        if text != self.customer_number() or self._contact is not None:
            return
        reason = error_text(error)
        note = self.tr("Contacts could not be searched: {reason}").format(reason=reason)
        self._set_contact(None, note)

    @Slot(str)
    def _chosen(self, number: str) -> None:
        contact = next(
            (
                found
                for row in range(self._model.rowCount())
                if isinstance(found := self._model.item(row).data(CONTACT_ROLE), Contact)
                and found.customer_number == number
            ),
            None,
        )
        if contact is None or not contact.customer_number:
            return
        self.line_edit.setText(contact.customer_number)
        self._set_contact(contact)
        self.text_edited.emit(contact.customer_number)
        self.editing_finished.emit()
