"""Render every dialog with umlaut-rich data and check that no text is cut off.

Set ``PARTICIPANT_DESK_SCREENSHOTS=/some/folder`` to keep the PNGs for a look by eye;
otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QLineEdit, QWidget

from app.api.errors import NotFoundError, ValidationError
from app.ui.dialogs.add_participant import AddParticipantDialog
from app.ui.dialogs.bulk_confirm import BulkConfirmDialog
from app.ui.dialogs.details import ParticipantDetailsDialog
from app.ui.dialogs.edit_participation import EditParticipationDialog
from app.ui.dialogs.remove_confirmation import RemoveConfirmationDialog
from tests.gui.dialogs.samples import (
    BARE,
    EVENTS,
    PARTICIPANT,
    FakeOutbox,
    many_participants,
)


def add_rejected(outbox: FakeOutbox) -> QDialog:
    dialog = AddParticipantDialog(None, submit=outbox, event_key="EXPO26", events=EVENTS)
    dialog.number_field.line_edit.setText("99999")
    dialog.ok_button.click()
    outbox.last.rejected.emit(
        ValidationError(
            field_errors={
                "customer_number": ("The selected customer number is invalid.",),
                "category": ("Für diese Veranstaltung ist keine Kategorie „Presse“ angelegt.",),
            },
            status=422,
        )
    )
    return dialog


def add_busy(outbox: FakeOutbox) -> QDialog:
    dialog = AddParticipantDialog(None, submit=outbox, event_key="EXPO26", events=EVENTS)
    dialog.number_field.line_edit.setText("10023")
    dialog.confirmed_box.setChecked(True)
    dialog.ok_button.click()
    return dialog


def add_duplicate(outbox: FakeOutbox) -> QDialog:
    dialog = AddParticipantDialog(
        None,
        submit=outbox,
        event_key="EXPO26",
        events=EVENTS,
        existing=lambda key, number: PARTICIPANT,
    )
    dialog.number_field.line_edit.setText("10023")
    return dialog


def add_failed(outbox: FakeOutbox) -> QDialog:
    dialog = AddParticipantDialog(None, submit=outbox, event_key="EXPO26")
    dialog.number_field.line_edit.setText("10023")
    dialog.ok_button.click()
    outbox.last.failed.emit(NotFoundError())
    return dialog


def edit(outbox: FakeOutbox) -> QDialog:
    return EditParticipationDialog(None, participant=PARTICIPANT, submit=outbox, events=EVENTS)


SCENES: dict[str, Callable[[FakeOutbox], QDialog]] = {
    "add_busy": add_busy,
    "add_rejected": add_rejected,
    "add_duplicate": add_duplicate,
    "add_failed": add_failed,
    "edit_participation": edit,
    "remove_one": lambda _: RemoveConfirmationDialog(None, [PARTICIPANT]),
    "remove_many": lambda _: RemoveConfirmationDialog(None, many_participants(37)),
    "details": lambda _: ParticipantDetailsDialog(None, PARTICIPANT),
    "details_unknown": lambda _: ParticipantDetailsDialog(None, BARE),
    "bulk_confirm": lambda _: BulkConfirmDialog(None, 250, True),
}


def cut_off(dialog: QWidget) -> list[str]:
    """Visible single-line labels, buttons and fields narrower than their text needs."""
    problems = []
    widgets: list[QWidget] = [
        *dialog.findChildren(QLabel),
        *dialog.findChildren(QAbstractButton),
        *dialog.findChildren(QLineEdit),
    ]
    for widget in widgets:
        if not widget.isVisible() or isinstance(widget.parent(), QLineEdit):
            continue  # a line edit's own clear button is Qt's business
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text()):
            continue
        if isinstance(widget, QLineEdit):
            needed = widget.fontMetrics().horizontalAdvance(widget.text()) + 8
        else:
            needed = widget.minimumSizeHint().width()
        if widget.width() < needed:
            problems.append(f"{widget.objectName() or widget!r}: {widget.width()} < {needed}")
    return problems


@pytest.mark.parametrize("name", sorted(SCENES))
def test_dialog_renders_without_cut_off_text(qtbot, tmp_path: Path, name: str):
    dialog = SCENES[name](FakeOutbox())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.sizeHint())  # what a desktop shows (offscreen caps at 2/3 screen)
    QApplication.processEvents()
    folder = Path(os.environ.get("PARTICIPANT_DESK_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    image = dialog.grab()
    assert not image.isNull()
    assert image.save(str(folder / f"{name}.png"))
    assert cut_off(dialog) == []
