"""Shared sample data and helpers for the desk widget tests (results, locale, modal dialogs)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.desk.results import DeskResult, ResultKind

T = TypeVar("T")

COMPANY = "Müller & Söhne GmbH"
PERSON = "Jürgen Müller"

RESULTS: dict[str, DeskResult] = {
    "confirmed": DeskResult(
        ResultKind.CONFIRMED, "Confirmed", COMPANY, PERSON, "Customer 10023 · Presse"
    ),
    "already": DeskResult(
        ResultKind.ALREADY_CONFIRMED,
        "Already confirmed at 10:42",
        COMPANY,
        PERSON,
        "Checked in at desk 2 (Nordeingang)",
    ),
    "not_registered": DeskResult(
        ResultKind.NOT_REGISTERED,
        "Not registered for this event",
        detail="Code K-99812 · F2: add as walk-in",
    ),
    "error": DeskResult(
        ResultKind.ERROR,
        "Could not check in",
        COMPANY,
        PERSON,
        "The offline copy could not be saved: the disk is full.",
    ),
    "several": DeskResult(
        ResultKind.SEVERAL, "3 matches — pick one", detail="↑ ↓ to choose, Enter to check in"
    ),
    "undone": DeskResult(ResultKind.UNDONE, "Check-in undone", COMPANY, PERSON),
}


@contextmanager
def british_english() -> Iterator[None]:
    """Numbers read "1,000" and times "10:42" whatever the machine's locale."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        yield
    finally:
        QLocale.setDefault(previous)


def run_modal(ask: Callable[[], T], drive: Callable[[QDialog], Any]) -> T:
    """Call ``ask()`` and, once its dialog is up, ``drive(dialog)``; returns what ask returns.

    If driving fails the dialog is closed anyway, so a broken test fails instead of hanging.
    """
    problems: list[BaseException] = []

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, step)  # not shown yet
            return
        try:
            drive(dialog)
        except BaseException as error:
            problems.append(error)
            dialog.done(QDialog.DialogCode.Rejected)

    QTimer.singleShot(0, step)
    result = ask()
    if problems:
        raise problems[0]
    return result
