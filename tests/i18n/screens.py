"""Walks the app's windows and dialogs: what text a person sees, and how each control is named.

Shared by the pseudo-translation test (every visible text went through a translation) and
the accessibility tests (every control has a name, keyboard reach, tab order, big fonts).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from app.api import PlandocketClient
from app.application import Application
from app.domain import Contact, Event, Participant
from app.paths import AppPaths
from app.secrets import KeyStore
from app.settings import Settings
from app.ui.about import AboutDialog
from app.ui.connection_dialog import ConnectionDialog
from app.ui.desk.desk_settings import DeskSettingsDialog
from app.ui.dialogs.add_participant import AddParticipantDialog
from app.ui.dialogs.bulk_confirm import BulkConfirmDialog
from app.ui.dialogs.details import ParticipantDetailsDialog
from app.ui.dialogs.edit_participation import EditParticipationDialog
from app.ui.dialogs.remove_confirmation import RemoveConfirmationDialog
from app.ui.key_prompt import KeyPromptDialog
from app.ui.submission import Submission

LOAD_TIMEOUT = 30_000


@dataclass(frozen=True)
class ShownText:
    """One text on screen and where it is."""

    where: str
    text: str


def _name_of(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces (Qt derives it from text, buddy label, ...)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) or ""


def visible_widgets(root: QWidget) -> Iterator[QWidget]:
    """``root`` and every descendant that is shown when ``root`` is."""
    yield root
    for child in root.findChildren(QWidget):
        if child.isVisibleTo(root) and child.window() is root:
            yield child


def _action_texts(action: QAction, where: str) -> Iterator[ShownText]:
    if action.isSeparator() or not action.isVisible():
        return
    yield ShownText(where, action.text())
    yield ShownText(f"{where} tooltip", action.toolTip())
    yield ShownText(f"{where} status tip", action.statusTip())
    menu = action.menu()
    if isinstance(menu, QMenu):
        for sub in menu.actions():
            yield from _action_texts(sub, f"{where} > {sub.objectName() or sub.text()}")


def shown_texts(root: QWidget) -> Iterator[ShownText]:  # noqa: PLR0912 - one branch per kind
    """Every text ``root`` shows: titles, labels, buttons, tips, items, headers, menus."""
    yield ShownText(f"{_name_of(root)} title", root.windowTitle())
    for widget in visible_widgets(root):
        where = _name_of(widget)
        if widget is not root:
            yield ShownText(f"{where} tooltip", widget.toolTip())
        yield ShownText(f"{where} accessible name", widget.accessibleName())
        yield ShownText(f"{where} accessible description", widget.accessibleDescription())
        if isinstance(widget, QLabel | QAbstractButton):
            yield ShownText(where, widget.text())
        elif isinstance(widget, QLineEdit):
            yield ShownText(f"{where} placeholder", widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            yield ShownText(where, widget.title())
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            for row in range(widget.count()):
                yield ShownText(f"{where} item {row}", widget.itemText(row))
        elif isinstance(widget, QTabWidget):
            for tab in range(widget.count()):
                yield ShownText(f"{where} tab {tab}", widget.tabText(tab))
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            header_view = (
                widget.horizontalHeader() if isinstance(widget, QTableView) else widget.header()
            )
            for column in range(header_view.count()):
                header = widget.model().headerData(column, Qt.Orientation.Horizontal)
                yield ShownText(f"{where} column {column}", str(header or ""))
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            yield from _action_texts(action, f"menu {action.text()}")


@dataclass
class Screens:
    """The running demo app and the dialogs a coordinator and a desk can open."""

    application: Application
    dialogs: list[QDialog]

    @property
    def main_window(self) -> QMainWindow:
        return self.application.main_window


def start_demo(qtbot, tmp_path: Path, settings: Settings) -> Application:
    """The app on its demo data with EXPO26 loaded, as a newcomer first sees it."""
    application = Application.from_args(
        ["--demo"], settings=settings, paths=AppPaths(tmp_path / "demo"), keystore=KeyStore()
    )
    qtbot.addWidget(application.main_window)
    application.main_window.show()
    controller = application.controller
    qtbot.waitUntil(
        lambda: controller.total_count > 0 and not controller.loading, timeout=LOAD_TIMEOUT
    )
    return application


SAMPLE = Participant(
    id=7,
    is_confirmed=False,
    contact=Contact(
        id=3, customer_number="K-1001", company_name="Sample Ltd", first_name="A", last_name="B"
    ),
    event=Event(id=1, event_key="EXPO26", title="Sample event"),
)


def open_dialogs(application: Application, settings: Settings) -> list[QDialog]:
    """Every dialog of the main window and the desk, built the way the app builds them."""
    window = application.main_window
    controller = application.controller

    def submit(_request: object) -> Submission:
        return Submission(window)

    dialogs: list[QDialog] = [
        AddParticipantDialog(window, submit=submit, events=controller.events),
        EditParticipationDialog(window, participant=SAMPLE, submit=submit),
        BulkConfirmDialog(window, 3, True),
        BulkConfirmDialog(window, 3, False),
        RemoveConfirmationDialog(window, [SAMPLE]),
        RemoveConfirmationDialog(window, [SAMPLE, SAMPLE]),
        ParticipantDetailsDialog(window, SAMPLE),
        AboutDialog(settings, application.paths, window),
        KeyPromptDialog(window, account="https://acme.plandocket.com", reason=""),
        DeskSettingsDialog(settings, window),
        ConnectionDialog(
            window,
            profile_store=application.profile_store,
            keystore=application.keystore,
            pool=application.pool,
            client_factory=PlandocketClient,
        ),
    ]
    for dialog in dialogs:
        dialog.show()
    return dialogs


def open_desk(application: Application, qtbot) -> QMainWindow:
    """The check-in desk on EXPO26, once its list is in."""
    application.open_desk("EXPO26")
    desk = application.desk_window
    assert desk is not None
    qtbot.waitUntil(lambda: desk.controller.loaded_once, timeout=LOAD_TIMEOUT)
    return desk
