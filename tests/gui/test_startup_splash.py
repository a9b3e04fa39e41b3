"""The start-up splash: on screen at once, named, closed when the main window is shown."""

from __future__ import annotations

from app.ui.startup_splash import WIDTH, show_startup_splash


def test_splash_is_shown_at_once_and_finishes(qtbot):
    splash = show_startup_splash()
    assert splash.isVisible()
    assert splash.windowTitle() == "Participant Desk – starting"
    assert splash.pixmap().deviceIndependentSize().width() == WIDTH
    splash.finish()
    qtbot.waitUntil(lambda: not splash.isVisible())
