"""ParticipantDetailsDialog: every field, readable, selectable and copyable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGroupBox, QLabel

from app.ui.dialogs.details import ParticipantDetailsDialog, detail_sections
from tests.gui.dialogs.conftest import activate
from tests.gui.dialogs.samples import BARE, PARTICIPANT


def value(dialog: ParticipantDetailsDialog, name: str) -> str:
    label = dialog.findChild(QLabel, f"{name}_value")
    assert label is not None, name
    return label.text()


def make(qtbot, participant=PARTICIPANT) -> ParticipantDetailsDialog:
    dialog = ParticipantDetailsDialog(None, participant)
    qtbot.addWidget(dialog)
    activate(qtbot, dialog)
    return dialog


def test_sections_in_order():
    titles = [section.title for section in detail_sections(PARTICIPANT)]
    assert titles == ["Participation", "Contact", "Event", "Category"]


def test_shows_every_field_readably(qtbot):
    dialog = make(qtbot)
    assert dialog.windowTitle() == "Participant Details — Müller GmbH (Hans Müller)"
    assert value(dialog, "participation_status") == "Confirmed"
    assert value(dialog, "participation_id") == "9001"
    assert value(dialog, "contact_company") == "Müller GmbH"
    assert value(dialog, "contact_name") == "Hans Müller"
    assert value(dialog, "contact_customer_number") == "10023"
    assert value(dialog, "contact_email") == "hans.mueller@mueller-gmbh.de"
    assert value(dialog, "contact_country") == "Germany (DE)"
    assert value(dialog, "event_title") == "Fachmesse Grün & Gärten 2026"
    assert value(dialog, "event_dates") == "8–11 Dec 2026"
    assert value(dialog, "event_visible") == "Yes"
    assert value(dialog, "event_participant_count") == "412"
    assert value(dialog, "category_title") == "Aussteller"
    groups = dialog.findChildren(QGroupBox)
    assert sorted(group.title() for group in groups) == [
        "Category",
        "Contact",
        "Event",
        "Participation",
    ]


def test_timestamps_are_local_time_in_the_locale_format(qtbot):
    dialog = make(qtbot)
    local = PARTICIPANT.created_at.astimezone()  # type: ignore[union-attr]
    assert value(dialog, "participation_created") == f"{local.day} Feb 2026, {local:%H:%M}"


def test_unknown_values_show_a_dash(qtbot):
    dialog = make(qtbot, BARE)
    assert dialog.windowTitle() == "Participant Details — Participant 9002"
    assert value(dialog, "participation_status") == "Unknown"
    for name in ("participation_created", "contact_company", "event_title", "category_key"):
        assert value(dialog, name) == "—"


def test_values_can_be_selected(qtbot):
    dialog = make(qtbot)
    label = dialog.findChild(QLabel, "contact_email_value")
    assert label is not None
    flags = label.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert label.accessibleName() == "Contact: Email"


def test_copy_puts_everything_on_the_clipboard(qtbot):
    dialog = make(qtbot)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.text()
    assert copied.startswith("Participation\n  Status: Confirmed\n")
    assert "\n\nContact\n  Company: Müller GmbH\n" in copied
    assert "  Dates: 8–11 Dec 2026\n" in copied
    assert dialog.copied_label.text() == "Copied to the clipboard."


def test_show_for_opens_a_non_modal_window_that_closes_with_escape(qtbot):
    dialog = ParticipantDetailsDialog.show_for(None, PARTICIPANT)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert not dialog.isModal()
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_close_is_the_default_button(qtbot):
    dialog = make(qtbot)
    assert dialog.close_button.isDefault()
    assert dialog.copy_button.objectName() == "copy_button"
    assert dialog.copy_button.accessibleName() == "Copy all details"
