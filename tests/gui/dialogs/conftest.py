"""Fixtures for dialog tests: a fixed locale, a worker pool, and driving a modal ``ask``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.workers import WorkerPool

T = TypeVar("T")


@pytest.fixture(autouse=True)
def british_english() -> Iterator[None]:
    """Dates read "8–11 Dec 2026" whatever the machine's locale."""
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(previous)


@pytest.fixture
def pool(qapp: QApplication) -> Iterator[WorkerPool]:
    """A real worker pool, shut down after the test."""
    workers = WorkerPool(max_threads=2)
    yield workers
    workers.shutdown(timeout_ms=5000)


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


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; unlike ``qtbot.keyClicks`` it can type "ü" and "ß"."""
    for char in text:
        key = ord(char.upper()) if len(char.upper()) == 1 else ord(char)
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key(key), char, Qt.KeyboardModifier.NoModifier
        )


def activate(qtbot: Any, window: QWidget) -> None:
    """Make ``window`` the active window, so focus and focus-out behave as on a desktop.

    ``activateWindow()`` alone is not enough on the offscreen platform once an earlier
    test's window was closed.
    """
    window.show()
    qtbot.waitExposed(window)
    handle = window.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
