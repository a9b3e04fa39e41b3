"""A message strip above the content: icon + text + optional actions + close.

Used for "keys are kept for this session only", "this is demo data", "offline", a 403 that
names the missing scope, and so on. The level is shown by an icon and the accessible name,
never by colour alone.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from app.resources import icon

ICON_SIZE = 20


class BannerLevel(enum.StrEnum):
    """How serious a banner is; decides its icon, colours and accessible name."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"
    DEMO = "demo"


class BannerAction(NamedTuple):
    """A button on the banner: its label, what it does, and an optional objectName suffix."""

    text: str
    callback: Callable[[], object]
    name: str = ""


ActionSpec = BannerAction | tuple[str, Callable[[], object]]

# Light backgrounds with a strong left border; the text stays near-black for contrast.
_STYLE = """
QFrame[bannerLevel="info"] { background: #e8f1fb; border: 1px solid #9cbfe6;
    border-left: 4px solid #1565c0; }
QFrame[bannerLevel="warning"] { background: #fff4d6; border: 1px solid #e6c36a;
    border-left: 4px solid #b26a00; }
QFrame[bannerLevel="error"] { background: #fdecea; border: 1px solid #eba6a0;
    border-left: 4px solid #c62828; }
QFrame[bannerLevel="demo"] { background: #efe9f8; border: 1px solid #bfaee0;
    border-left: 4px solid #5e35b1; }
QFrame[bannerLevel] QLabel { color: #1b1b1b; background: transparent; border: none; }
"""


class Banner(QFrame):
    """A dismissible message strip; hidden until :meth:`show_message`.

    Signals: ``action_triggered(str)`` with the action's name (or its text) after its
    callback ran, and ``closed()`` when the person closes it.
    """

    action_triggered = Signal(str)
    closed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, object_name: str = "banner", closable: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._level = BannerLevel.INFO
        self._buttons: list[QPushButton] = []

        self._icon = QLabel(self)
        self._icon.setFixedSize(QSize(ICON_SIZE, ICON_SIZE))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._text.setTextFormat(Qt.TextFormat.PlainText)  # server text must not become HTML
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._close = QToolButton(self)
        self._close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        self._close.setAutoRaise(True)
        self._close.setToolTip(self.tr("Close this message"))
        self._close.setAccessibleName(self.tr("Close message"))
        self._close.clicked.connect(self._on_close)
        self._close.setVisible(closable)

        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 6, 6, 6)
        self._layout.setSpacing(8)
        self._layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(self._text, 1)
        self._layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self._name_children()
        self.hide()

    # -- public API --------------------------------------------------------------------------

    def level(self) -> BannerLevel:
        """The level of the message shown (or last shown)."""
        return self._level

    def text(self) -> str:
        """The message shown, or "" when cleared."""
        return self._text.text()

    def action_buttons(self) -> list[QPushButton]:
        """The action buttons of the current message, left to right."""
        return list(self._buttons)

    def show_message(
        self, level: BannerLevel | str, text: str, actions: Sequence[ActionSpec] = ()
    ) -> None:
        """Show ``text`` at ``level`` with optional action buttons, replacing any message."""
        self._level = BannerLevel(level)
        self.setProperty("bannerLevel", self._level.value)
        self.style().unpolish(self)
        self.style().polish(self)
        size = ICON_SIZE
        self._icon.setPixmap(self._level_icon(self._level).pixmap(QSize(size, size)))
        self._icon.setAccessibleName(self._level_word(self._level))
        self._text.setText(text)
        self._text.setAccessibleName(text)
        self._set_actions([a if isinstance(a, BannerAction) else BannerAction(*a) for a in actions])
        self.setAccessibleName(
            self.tr("{level}: {text}").format(level=self._level_word(self._level), text=text)
        )
        self.setAccessibleDescription(text)
        self._name_children()
        self.show()
        # Screen readers announce the new message without moving the focus to it.
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def clear(self) -> None:
        """Hide the banner and forget its message and actions."""
        self._text.setText("")
        self._text.setAccessibleName("")
        self.setAccessibleName("")
        self.setAccessibleDescription("")
        self._set_actions([])
        self.hide()

    def setObjectName(self, name: str) -> None:  # noqa: N802 - Qt override
        """Set the banner's objectName; its buttons are named after it."""
        super().setObjectName(name)
        if hasattr(self, "_buttons"):
            self._name_children()

    # -- internals ---------------------------------------------------------------------------

    def _set_actions(self, actions: list[BannerAction]) -> None:
        for button in self._buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons = []
        for index, action in enumerate(actions):
            button = QPushButton(action.text, self)
            button.setProperty("actionName", action.name or action.text)
            button.setAccessibleName(action.text.replace("…", "").strip())
            button.clicked.connect(lambda _=False, a=action: self._trigger(a))
            self._layout.insertWidget(2 + index, button, 0, Qt.AlignmentFlag.AlignTop)
            self._buttons.append(button)

    def _name_children(self) -> None:
        base = self.objectName() or "banner"
        self._icon.setObjectName(f"{base}Icon")
        self._text.setObjectName(f"{base}Text")
        self._close.setObjectName(f"{base}Close")
        for index, button in enumerate(self._buttons):
            name = str(button.property("actionName") or index)
            suffix = "".join(part.capitalize() for part in name.replace("…", "").split())
            button.setObjectName(f"{base}Action{suffix or index}")

    def _trigger(self, action: BannerAction) -> None:
        action.callback()
        self.action_triggered.emit(action.name or action.text)

    def _on_close(self) -> None:
        self.clear()
        self.closed.emit()

    def _level_icon(self, level: BannerLevel) -> QIcon:
        style = self.style()
        if level is BannerLevel.DEMO:
            demo = icon("app")
            if not demo.isNull():
                return demo
        pixmap = {
            BannerLevel.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
            BannerLevel.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
            BannerLevel.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
            BannerLevel.DEMO: QStyle.StandardPixmap.SP_MessageBoxInformation,
        }[level]
        return style.standardIcon(pixmap)

    def _level_word(self, level: BannerLevel) -> str:
        return {
            BannerLevel.INFO: self.tr("Information"),
            BannerLevel.WARNING: self.tr("Warning"),
            BannerLevel.ERROR: self.tr("Error"),
            BannerLevel.DEMO: self.tr("Demo data"),
        }[level]
