"""Accessibility: names for screen readers, keyboard reach, tab order, 200 % fonts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QWidget,
)

from app.application import Application
from app.settings import Settings
from tests.i18n.screens import (
    accessible_name,
    open_desk,
    open_dialogs,
    start_demo,
    visible_widgets,
)


@pytest.fixture
def demo(qtbot, tmp_path, settings: Settings) -> Iterator[Application]:
    application = start_demo(qtbot, tmp_path, settings)
    application.qtbot = qtbot  # type: ignore[attr-defined]
    yield application
    application.shutdown()


def screens(application: Application, settings: Settings) -> list[QWidget]:
    """The main window, every dialog, and the desk (loaded)."""
    desk = open_desk(application, application.qtbot)  # type: ignore[attr-defined]
    return [application.main_window, desk, *open_dialogs(application, settings)]


def focusable(root: QWidget) -> list[QWidget]:
    """Controls Tab can reach in ``root``."""
    return [
        widget
        for widget in visible_widgets(root)
        if widget is not root
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.isEnabled()
        and widget.focusProxy() is None
    ]


def focus_chain(root: QWidget) -> list[QWidget]:
    """The Tab order of ``root``: its focus chain, reachable controls only."""
    reachable = set(focusable(root))
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    steps = 0
    while widget is not None and widget is not root and steps < 5000:
        if widget in reachable and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        steps += 1
    return chain


def test_every_control_has_an_accessible_name(demo, settings):
    unnamed = [
        f"{type(root).__name__}: {type(w).__name__}#{w.objectName()}"
        for root in screens(demo, settings)
        for w in focusable(root)
        if not accessible_name(w).strip()
    ]
    assert unnamed == []


def test_tab_reaches_every_control(demo, settings):
    for root in screens(demo, settings):
        missing = set(focusable(root)) - set(focus_chain(root))
        assert not missing, (type(root).__name__, [w.objectName() for w in missing])


def _reading_position(widget: QWidget, root: QWidget) -> tuple[int, int]:
    top_left = widget.mapTo(root, widget.rect().topLeft())
    return top_left.y(), top_left.x()


def test_tab_order_follows_the_layout(demo, settings):
    """Tab moves down the window; within a line, from left to right."""
    for root in screens(demo, settings):
        chain = focus_chain(root)
        if not chain:
            continue
        # The chain is a ring: read it from the control nearest the top left.
        first = min(chain, key=lambda w: _reading_position(w, root))
        start = chain.index(first)
        chain = chain[start:] + chain[:start]
        backwards = []
        for before, after in pairwise(chain):
            (y1, x1), (y2, x2) = _reading_position(before, root), _reading_position(after, root)
            same_line = abs(y1 - y2) < min(before.height(), after.height())
            if (same_line and x2 < x1) or (not same_line and y2 < y1):
                backwards.append(f"{before.objectName()} -> {after.objectName()}")
        assert backwards == [], (type(root).__name__, [w.objectName() for w in chain])


def _menu_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_actions(submenu)
        elif not action.isSeparator():
            yield action


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&\s])", text)
    return found.group(1).lower() if found else None


def test_every_action_is_in_a_menu_with_a_unique_mnemonic(demo):
    window: QMainWindow = demo.main_window
    in_menus: set[QAction] = set()
    for top in window.menuBar().actions():
        assert _mnemonic(top.text()), top.text()
        menu = top.menu()
        assert isinstance(menu, QMenu)
        in_menus |= set(_menu_actions(menu))
        letters = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
        letters = [letter for letter in letters if letter]
        assert len(letters) == len(set(letters)), (top.text(), letters)
    tops = [_mnemonic(a.text()) for a in window.menuBar().actions()]
    assert len(tops) == len(set(tops))
    for action in window.actions():
        if action.text():
            assert action in in_menus, action.text()


def test_readable_at_200_percent_font(qtbot, tmp_path, settings, qapp: QApplication):
    """With fonts twice as big, no button or single-line label is cut off."""
    original = qapp.font()
    big = QFont(original)
    big.setPointSizeF(original.pointSizeF() * 2)
    qapp.setFont(big)
    application = start_demo(qtbot, tmp_path, settings)
    application.qtbot = qtbot  # type: ignore[attr-defined]
    try:
        clipped = []
        for root in screens(application, settings):
            if not isinstance(root, QMainWindow):
                root.adjustSize()
            qtbot.waitExposed(root)
            for widget in visible_widgets(root):
                if (isinstance(widget, QAbstractButton) and widget.text()) or (
                    isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()
                ):
                    needed = widget.minimumSizeHint().width()
                    if widget.width() + 1 < needed:
                        clipped.append(
                            f"{type(root).__name__}: {type(widget).__name__}"
                            f"#{widget.objectName()} {widget.text()!r} "
                            f"{widget.width()} < {needed}"
                        )
        assert clipped == []
    finally:
        application.shutdown()
        qapp.setFont(original)
