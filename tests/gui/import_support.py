"""Shared by the import dialog tests: an application on the sandbox, CSV files, driving pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt

from app.application import Application
from app.office.import_results import RowOutcome
from app.paths import AppPaths
from app.sandbox import DEMO_KEYS, SandboxServer
from app.secrets import KeyStore
from app.session import API_KEY_ENVIRONMENT_VARIABLE
from app.ui.import_dialog import CHECK, PREVIEW, REPORT, ImportDialog

TIMEOUT = 20_000


@pytest.fixture
def application(
    qtbot, tmp_path: Path, settings, monkeypatch, sandbox: SandboxServer
) -> Iterator[Application]:
    """The application on the sandbox with the full demo key, its events known.

    Numbers read "1,234" and times "14:05" whatever the machine's locale.
    """
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    monkeypatch.setenv(API_KEY_ENVIRONMENT_VARIABLE, DEMO_KEYS.full)
    made = Application.from_args(
        ["--base-url", sandbox.base_url],
        settings=settings,
        paths=AppPaths(tmp_path / "data"),
        keystore=KeyStore(),
    )
    qtbot.addWidget(made.main_window)
    made.main_window.show()
    controller = made.controller
    qtbot.waitUntil(
        lambda: controller.session is not None and bool(controller.events), timeout=TIMEOUT
    )
    yield made
    made.shutdown()
    QLocale.setDefault(previous)


def numbers_in(sandbox: SandboxServer, event_key: str) -> list[str]:
    """Customer numbers of the event's participants, by participant id."""
    store = sandbox.store
    numbers = []
    for record in store.participants_of(event_key):
        contact = store.contact(record.contact_id)
        if contact is not None and contact.customer_number:
            numbers.append(contact.customer_number)
    return numbers


def free_numbers(sandbox: SandboxServer, count: int) -> list[str]:
    """Customer numbers of contacts taking part in nothing."""
    return [c.customer_number or "" for c in sandbox.store.free_contacts()[:count]]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    """A CSV file of these lines (CRLF, as Excel writes them)."""
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def open_dialog(qtbot, application: Application, path: Path, **options) -> ImportDialog:
    """The import dialog on ``path``, shown, with the file read."""
    dialog = ImportDialog(
        application.controller, application.budget, path, application.main_window, **options
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog._worker is None, timeout=TIMEOUT)
    assert dialog.pages.currentIndex() == PREVIEW
    return dialog


def check(qtbot, dialog: ImportDialog) -> None:
    """Press "Check rows" and wait for the check page's answer."""
    assert dialog.next_button.isEnabled(), dialog.preview.problem_label.message()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == CHECK
    qtbot.waitUntil(lambda: dialog._worker is None, timeout=TIMEOUT)


def import_and_wait(qtbot, dialog: ImportDialog) -> None:
    """Press "Import N participants" and wait for the report."""
    assert dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == REPORT, timeout=60_000)


def outcomes(dialog: ImportDialog) -> dict[int, RowOutcome]:
    """Row number → outcome."""
    return {result.row.row: result.outcome for result in dialog.results}
