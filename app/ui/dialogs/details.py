"""Everything known about one participation, readable and copyable."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Participant
from app.resources import icon
from app.ui.dialogs.formatting import (
    UNKNOWN,
    contact_summary,
    format_date_range,
    format_datetime,
)


@dataclass(frozen=True, slots=True)
class DetailRow:
    """One labelled value; ``key`` names the widget (``<section>_<key>_value``)."""

    key: str
    caption: str
    value: str


@dataclass(frozen=True, slots=True)
class DetailSection:
    """A titled group of rows."""

    key: str
    title: str
    rows: tuple[DetailRow, ...]


def _text(value: object) -> str:
    if value is None or value == "":
        return UNKNOWN
    return str(value)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return UNKNOWN
    return (
        QCoreApplication.translate("ParticipantDetailsDialog", "Yes")
        if value
        else QCoreApplication.translate("ParticipantDetailsDialog", "No")
    )


def _country(code: str | None) -> str:
    """The country name with its code ("Germany (DE)") if Qt knows the code, else as given."""
    if not code:
        return UNKNOWN
    if len(code) in (2, 3) and code.isalpha():
        territory = QLocale.codeToTerritory(code.upper())
        if territory != QLocale.Country.AnyTerritory:
            return f"{QLocale.territoryToString(territory)} ({code.upper()})"
    return code


def confirmation_text(confirmed: bool | None) -> str:
    """The confirmation state in words: Confirmed, Not confirmed, or Unknown (never a guess)."""
    if confirmed is None:
        return QCoreApplication.translate("ParticipantDetailsDialog", "Unknown")
    return (
        QCoreApplication.translate("ParticipantDetailsDialog", "Confirmed")
        if confirmed
        else QCoreApplication.translate("ParticipantDetailsDialog", "Not confirmed")
    )


def detail_sections(participant: Participant, locale: QLocale | None = None) -> list[DetailSection]:
    """Every field of the participant and what it links to, formatted for people."""
    locale = locale or QLocale()
    contact, event, category = participant.contact, participant.event, participant.category
    participation = DetailSection(
        "participation",
        QCoreApplication.translate("ParticipantDetailsDialog", "Participation"),
        (
            DetailRow(
                "status",
                QCoreApplication.translate("ParticipantDetailsDialog", "Status"),
                confirmation_text(participant.is_confirmed),
            ),
            DetailRow(
                "created",
                QCoreApplication.translate("ParticipantDetailsDialog", "Added"),
                format_datetime(participant.created_at, locale),
            ),
            DetailRow(
                "updated",
                QCoreApplication.translate("ParticipantDetailsDialog", "Last changed"),
                format_datetime(participant.updated_at, locale),
            ),
            DetailRow(
                "id",
                QCoreApplication.translate("ParticipantDetailsDialog", "Participant ID"),
                _text(participant.id),
            ),
        ),
    )
    contact_rows = (
        DetailRow(
            "company",
            QCoreApplication.translate("ParticipantDetailsDialog", "Company"),
            _text(contact and contact.company_name),
        ),
        DetailRow(
            "name",
            QCoreApplication.translate("ParticipantDetailsDialog", "Name"),
            _text(contact and contact.person_name),
        ),
        DetailRow(
            "customer_number",
            QCoreApplication.translate("ParticipantDetailsDialog", "Customer number"),
            _text(contact and contact.customer_number),
        ),
        DetailRow(
            "email",
            QCoreApplication.translate("ParticipantDetailsDialog", "Email"),
            _text(contact and contact.email),
        ),
        DetailRow(
            "phone",
            QCoreApplication.translate("ParticipantDetailsDialog", "Phone"),
            _text(contact and contact.phone),
        ),
        DetailRow(
            "city",
            QCoreApplication.translate("ParticipantDetailsDialog", "City"),
            _text(contact and contact.city),
        ),
        DetailRow(
            "country",
            QCoreApplication.translate("ParticipantDetailsDialog", "Country"),
            _country(contact.country if contact else None),
        ),
        DetailRow(
            "id",
            QCoreApplication.translate("ParticipantDetailsDialog", "Contact ID"),
            _text(contact.id if contact else participant.contact_id),
        ),
    )
    dates = format_date_range(event.date_from, event.date_to, locale) if event else ""
    event_rows = (
        DetailRow(
            "title",
            QCoreApplication.translate("ParticipantDetailsDialog", "Title"),
            _text(event and event.title),
        ),
        DetailRow(
            "key",
            QCoreApplication.translate("ParticipantDetailsDialog", "Event key"),
            _text(event and event.event_key),
        ),
        DetailRow(
            "dates", QCoreApplication.translate("ParticipantDetailsDialog", "Dates"), _text(dates)
        ),
        DetailRow(
            "city",
            QCoreApplication.translate("ParticipantDetailsDialog", "City"),
            _text(event and event.city),
        ),
        DetailRow(
            "country",
            QCoreApplication.translate("ParticipantDetailsDialog", "Country"),
            _country(event.country if event else None),
        ),
        DetailRow(
            "visible",
            QCoreApplication.translate("ParticipantDetailsDialog", "Visible"),
            _yes_no(event.is_visible if event else None),
        ),
        DetailRow(
            "participant_count",
            QCoreApplication.translate("ParticipantDetailsDialog", "Participants"),
            locale.toString(event.participant_count)
            if event and event.participant_count is not None
            else UNKNOWN,
        ),
        DetailRow(
            "id",
            QCoreApplication.translate("ParticipantDetailsDialog", "Event ID"),
            _text(event.id if event else participant.event_id),
        ),
    )
    category_rows = (
        DetailRow(
            "title",
            QCoreApplication.translate("ParticipantDetailsDialog", "Title"),
            _text(category and category.title),
        ),
        DetailRow(
            "key",
            QCoreApplication.translate("ParticipantDetailsDialog", "Category key"),
            _text(category and category.category_key),
        ),
        DetailRow(
            "level",
            QCoreApplication.translate("ParticipantDetailsDialog", "Level"),
            _text(category and category.level),
        ),
        DetailRow(
            "parent",
            QCoreApplication.translate("ParticipantDetailsDialog", "Parent category ID"),
            _text(category and category.parent_category_id),
        ),
        DetailRow(
            "sort_order",
            QCoreApplication.translate("ParticipantDetailsDialog", "Sort order"),
            _text(category and category.sort_order),
        ),
        DetailRow(
            "id",
            QCoreApplication.translate("ParticipantDetailsDialog", "Category ID"),
            _text(category.id if category else participant.category_id),
        ),
    )
    return [
        participation,
        DetailSection(
            "contact",
            QCoreApplication.translate("ParticipantDetailsDialog", "Contact"),
            contact_rows,
        ),
        DetailSection(
            "event", QCoreApplication.translate("ParticipantDetailsDialog", "Event"), event_rows
        ),
        DetailSection(
            "category",
            QCoreApplication.translate("ParticipantDetailsDialog", "Category"),
            category_rows,
        ),
    ]


def details_text(sections: list[DetailSection]) -> str:
    """The sections as plain text, for the clipboard."""
    blocks = []
    for section in sections:
        lines = [section.title]
        lines += [f"  {row.caption}: {row.value}" for row in section.rows]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


class ParticipantDetailsDialog(QDialog):
    """Shows one participation with its contact, event and category; text can be copied."""

    def __init__(self, parent: QWidget | None, participant: Participant) -> None:
        super().__init__(parent)
        self.setObjectName("participant_details_dialog")
        self._participant = participant
        if participant.contact is not None:
            name = contact_summary(participant.contact)
        else:
            name = self.tr("Participant {id}").format(id=participant.id)
        self._preferred_width = 720
        self.setWindowTitle(self.tr("Participant Details — {name}").format(name=name))
        self.setAccessibleName(self.tr("Participant details"))
        self._sections = detail_sections(participant)

        self.title_label = QLabel(name, self)
        self.title_label.setObjectName("title_label")
        self.title_label.setAccessibleName(self.tr("Participant"))
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.title_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)

        self.copied_label = QLabel(self)
        self.copied_label.setObjectName("copied_label")
        self.copied_label.setAccessibleName(self.tr("Copy status"))
        self._copied_timer = QTimer(self)
        self._copied_timer.setSingleShot(True)
        self._copied_timer.setInterval(3000)
        self._copied_timer.timeout.connect(lambda: self.copied_label.setText(""))

        self._make_buttons()

        bottom = QHBoxLayout()
        bottom.addWidget(self.copied_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.title_label)
        layout.addLayout(self._make_sections(), 1)
        layout.addLayout(bottom)
        self.close_button.setFocus()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # A floor for the first size; a minimum width would switch off the layout's minimum.
        return super().sizeHint().expandedTo(QSize(self._preferred_width, 0))

    def _make_sections(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        groups = {section.key: self._make_group(section) for section in self._sections}
        # Two columns: the participation and its category left, who and where right.
        grid.addWidget(groups["participation"], 0, 0)
        grid.addWidget(groups["category"], 1, 0)
        grid.addWidget(groups["contact"], 0, 1)
        grid.addWidget(groups["event"], 1, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _make_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.setObjectName("buttons")
        self.copy_button = QPushButton(self.tr("Co&py"), self)
        self.copy_button.setObjectName("copy_button")
        self.copy_button.setAccessibleName(self.tr("Copy all details"))
        self.copy_button.setToolTip(self.tr("Copy all details as text"))
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        assert close is not None
        self.close_button = close
        self.close_button.setObjectName("close_button")
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setDefault(True)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.buttons.rejected.connect(self.reject)

    def _make_group(self, section: DetailSection) -> QGroupBox:
        group = QGroupBox(section.title, self)
        group.setObjectName(f"{section.key}_section")
        group.setAccessibleName(section.title)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for row in section.rows:
            value = QLabel(row.value, group)
            value.setObjectName(f"{section.key}_{row.key}_value")
            value.setAccessibleName(f"{section.title}: {row.caption}")
            value.setTextFormat(Qt.TextFormat.PlainText)
            # No wrapping: wrapped labels in a form get heights for the wrong width and clip.
            value.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            if row.value == UNKNOWN:
                value.setToolTip(self.tr("Not known"))
                value.setEnabled(False)  # greyed, so known values stand out
            caption = QLabel(self.tr("{caption}:").format(caption=row.caption), group)
            caption.setObjectName(f"{section.key}_{row.key}_caption")
            caption.setBuddy(value)
            if section.key == "participation" and row.key == "status":
                form.addRow(caption, self._status_widget(value, group))
            else:
                form.addRow(caption, value)
        return group

    def _status_widget(self, value: QLabel, parent: QWidget) -> QWidget:
        holder = QWidget(parent)
        holder.setObjectName("participation_status")
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        confirmed = self._participant.is_confirmed
        name = "unknown" if confirmed is None else ("confirmed" if confirmed else "not-confirmed")
        symbol = QLabel(holder)
        symbol.setObjectName("participation_status_icon")
        symbol.setPixmap(icon(name).pixmap(QSize(16, 16)))
        symbol.setAccessibleName(value.text())
        value.setEnabled(True)
        row.addWidget(symbol)
        row.addWidget(value, 1)
        return holder

    def text(self) -> str:
        """All details as plain text (what Copy puts on the clipboard)."""
        return details_text(self._sections)

    @Slot()
    def copy_to_clipboard(self) -> None:
        """Copy all details as text and say so."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.text())
        self.copied_label.setText(self.tr("Copied to the clipboard."))
        self._copied_timer.start()

    @classmethod
    def show_for(cls, parent: QWidget | None, participant: Participant) -> ParticipantDetailsDialog:
        """Open a non-modal details window (closed windows delete themselves)."""
        dialog = cls(parent, participant)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(False)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
